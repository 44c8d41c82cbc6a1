/*
 * render/chart.h -- charts: a data model (categories, series of values
 * with their display strings, target paths, or the measures of a
 * timeline), a layout + draw step through the drawing interface
 * (canvas.h), and from the same model the chart's data table and its text
 * alternative.
 *
 * Types (the chart-type table, zt_chart_kind): grouped bars, stacked
 * bars, a line chart with dashed target paths, a donut, a histogram,
 * diverging horizontal bars, and a quarter timeline of measures. Axes
 * use nice 1-2-5 steps and carry their unit; care groups keep their
 * colour (theme.h); values are labelled where there are few bars; a
 * legend is drawn only with more than one series.
 * No bar of zero height is drawn (a note names those categories), a
 * histogram's unequal classes are drawn as separate bars with a note,
 * and labels wrap rather than being cut off.
 */
#ifndef ZT_CHART_H
#define ZT_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "metrics/table.h"
#include "render/arena.h"
#include "render/canvas.h"
#include "render/table.h"

typedef enum zt_chart_type {
  ZT_CHART_BAR,
  ZT_CHART_STACKED,
  ZT_CHART_LINE,
  ZT_CHART_DONUT,
  ZT_CHART_HISTOGRAM,
  ZT_CHART_DIVERGING,
  ZT_CHART_TIMELINE
} zt_chart_type;

/* What the document builder builds a chart type from (its builder in
 * render/docbuild.c). */
typedef enum zt_chart_data {
  ZT_CHART_DATA_GRID,      /* categories x series of indicator values */
  ZT_CHART_DATA_MEASURES   /* the programme's measures (a timeline) */
} zt_chart_data;

typedef struct zt_chart_value {
  double v;             /* for geometry only */
  bool present;         /* false: no value, or suppressed */
  bool suppressed;      /* hidden by the privacy rules */
  const char *display;  /* what tables print ("64,0%", "< 5", "–") */
} zt_chart_value;

typedef struct zt_series {
  const char *name;
  uint32_t color;
  bool is_target;        /* a target path: dashed, no markers */
  zt_chart_value *val;   /* one per category */
} zt_series;

/* One measure on the timeline. Quarters are numbered year * 4 + q - 1. */
typedef struct zt_tl_item {
  const char *label;     /* "M3 Pleegzorg werven" */
  const char *group;     /* action line; a new group starts a heading */
  int q0, q1;            /* first and last quarter, inclusive */
  const char *status;    /* gepland, lopend, gereed, vertraagd, gestopt */
  const char *when;      /* "Q1 2022 – Q4 2023" */
} zt_tl_item;

typedef struct zt_chart {
  zt_chart_type type;
  const char *title;
  const char *y_label;   /* unit of the value axis ("aantal jeugdigen") */
  const char *x_label;   /* what the categories are ("duur in dagen") */
  zt_unit unit;          /* how ticks are written */
  size_t ncat;
  const char **cats;     /* category labels */
  uint32_t *cat_color;   /* per category (single-series bars, donut), or
                            NULL: colour by series */
  size_t nser;
  zt_series *ser;
  size_t nitems;         /* timeline */
  zt_tl_item *items;
  int q_now;             /* timeline: quarter of the report period's end,
                            or -1 */
  int number;            /* "Figuur N", set by the document */
  bool begins_late;      /* periods before the first with data were left
                            out (zt_chart_drop_first): a note says so */
} zt_chart;

/* A drawer: the height a chart of its type wants at width `w`, and the
 * drawing into the box (0, 0, w, h). */
typedef double zt_chart_height_fn(const zt_chart *c, zt_canvas *cv,
                                  double w);
typedef void zt_chart_draw_fn(const zt_chart *c, zt_canvas *cv, double w,
                              double h);

/* The chart-type table (render/chart_types.c): one row per chart type,
 * read by the template reader (which types and attributes a <chart> may
 * have), the document builder (how a chart is built) and the drawer. */
typedef struct zt_chart_kind {
  const char *name;         /* type= in a template: "line" */
  zt_chart_type type;
  const char *label;        /* Dutch, for the text alternative */
  const char *attrs;        /* attributes a <chart> of this type may have
                               besides type, title and table */
  const char *need;         /* attributes it needs besides type, title */
  zt_chart_data data;       /* its builder */
  bool cat_colors;          /* one series: every category its own colour
                               even without a care group (donut) */
  bool legend;              /* a legend when there are several series */
  bool fixed_height;        /* rows of a fixed height: cannot shrink */
  zt_chart_height_fn *height;
  zt_chart_draw_fn *draw;
} zt_chart_kind;

extern const zt_chart_kind zt_chart_kinds[];
extern const size_t zt_nchart_kinds;
/* The row called `name` (type=), or NULL. */
const zt_chart_kind *zt_chart_kind_named(const char *name);
/* The row of chart type `t` (always one). */
const zt_chart_kind *zt_chart_kind_of(zt_chart_type t);
/* The names, "bar, stacked, ... or timeline", for messages. */
void zt_chart_kind_names(char *buf, size_t size);

/* A nice axis: lo..hi in steps of `step` (1, 2 or 5 times a power of
 * ten), covering [min, max]. */
typedef struct zt_axis {
  double lo, hi, step;
  int nticks;   /* ticks from lo to hi inclusive */
} zt_axis;
void zt_axis_nice(double min, double max, int max_ticks, bool integer,
                  zt_axis *out);
/* Write tick value v of an axis in the chart's unit ("60%", "1.500",
 * "€ 2 mln"). */
void zt_axis_label(zt_unit unit, double v, double step, char *buf,
                   size_t n);

/* A chart of `type` with ncat categories and nser empty series. */
zt_chart *zt_chart_new(zt_arena *a, zt_chart_type type, size_t ncat,
                       size_t nser);

/* Leave out the first `k` categories (of every series, and their
 * colours): the periods before a trend's data begin. */
void zt_chart_drop_first(zt_chart *c, size_t k);

/* The height the chart wants at width `w` (points). */
double zt_chart_height(const zt_chart *c, zt_canvas *cv, double w);
/* The least height the chart can be drawn at (charts with rows of a
 * fixed height cannot give any up). */
double zt_chart_min_height(const zt_chart *c, zt_canvas *cv, double w);
/* Is category i of a bar chart (also stacked or diverging) or histogram
 * zero in every series? Such a category gets no bar (a bar chart leaves
 * it out, a histogram keeps its class empty) and is named in a note under
 * the chart instead; the data table keeps it. */
bool zt_chart_zero_category(const zt_chart *c, size_t i);
/* Draw into the box (0, 0, w, h) of the canvas. */
void zt_chart_draw(const zt_chart *c, zt_canvas *cv, double w, double h);
/* The chart's text alternative in Dutch: what it shows and its main
 * numbers, for <desc> and the PDF's /Alt. */
const char *zt_chart_alt(const zt_chart *c, zt_arena *a);
/* The chart's data as a table (categories as rows, series as columns;
 * measures for a timeline), with the same display strings. */
zt_table *zt_chart_table(const zt_chart *c, zt_arena *a);
/* Dutch name of the chart type ("Lijndiagram"). */
const char *zt_chart_type_name(zt_chart_type t);

#endif

/*
 * render/docbuild_int.h -- inside the document builder (render/docbuild.c
 * and the render/docbuild_*.c files that do its jobs): the builder context
 * and the helpers those files share. Not for use outside the builder.
 */
#ifndef ZT_RENDER_DOCBUILD_INT_H
#define ZT_RENDER_DOCBUILD_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <glib.h>
#include <libxml/tree.h>

#include "render/format_nl.h"
#include "render/template.h"

#define DASH "\xe2\x80\x93"     /* – */
#define NBSP "\xc2\xa0"        /* no-break space */

typedef struct bctx {
  const zt_template *t;
  const zt_report_input *in;
  zt_doc *doc;
  zt_arena *a;
  zt_err *err;
  uint16_t gem;              /* the municipality in scope, 0 = region */
  const char *gem_name;
  zt_period *trend;
  size_t ntrend;
  bool numbered;
  GPtrArray *strvs;          /* string vectors to free with the build */
  int sec[3];
  int nheadings, ntables, nfigures;
} bctx;

/* A partial key of a value: what a row, column, series or category
 * fixes. NULL / -1 / has_period false mean "inherit". */
typedef struct coord {
  const char *label;
  const char *ind;
  bool has_period;
  zt_period period;
  int gem;
  const char *bd;
  bool total;
  bool has_color;
  uint32_t color;
  bool target;
  bool from_periods;
  gchar **ids;        /* <row ids>: one indicator per column ("" = an
                         empty cell), NULL otherwise; in the arena's
                         care via bctx.strvs */
  const char *bench;  /* benchmark="NL": the figure published for that
                         area (render/docbuild_bench.c), NULL otherwise */
} coord;

typedef struct dim {
  coord *c;
  size_t n;
} dim;

typedef struct runs {
  GArray *a;       /* of zt_run */
  bool missing;    /* a <v> without a value (printed as "–") */
  bool hidden;     /* a <v> whose value the privacy rules hid ("·") */
} runs;

/* docbuild.c: the builder context, periods, headings, table blocks */
zt_status node_fail(bctx *b, xmlNodePtr n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *attr(bctx *b, xmlNodePtr n, const char *name);
bool attr_yes(bctx *b, xmlNodePtr n, const char *name, bool dflt);
bool is_elem(xmlNodePtr n, const char *name);
zt_period period_back(zt_period p, int n);
zt_period resolve_ref(bctx *b, const char *ref);
void fmt_period_long(const zt_period *p, char buf[ZT_FMT_MAX]);
void heading(bctx *b, const char *title, int level, bool new_page,
             int line);
zt_table *new_table(bctx *b, size_t nrows, size_t ncols,
                    const char *caption);
void add_table_block(bctx *b, zt_table *t, int line);

/* docbuild_compl.c: completeness (docs/completeness.md) */
/* The note of a provisional spending tile; with `cmp`, the expected
 * final value's change against that period (NULL: not provisional). */
const char *compl_tile_note(bctx *b, const char *ind, const zt_period *p,
                            uint16_t gem, const zt_period *cmp);
/* docbuild_tiles.c: "+9,7%" from o to v; false when not comparable */
bool change_text(const zt_ind_value *v, const zt_ind_value *o,
                 char out[ZT_FMT_MAX + 4]);
const char *compl_cover_line(bctx *b);

/* docbuild_values.c: values and targets */
const zt_ind_value *lookup(bctx *b, const char *ind,
                           const zt_period *p, uint16_t gem,
                           const char *bd);
zt_unit unit_of(const char *ind);
const char *display(bctx *b, const zt_ind_value *v,
                    unsigned *flags);
int cmp_frac(int64_t a, int64_t bb, int64_t c, int64_t d);
void evaluate(bctx *b, const char *ind, const zt_period *p,
              uint16_t gem, zt_target_eval *ev);
const zt_report_target *find_target(bctx *b, const char *ind,
                                    const zt_period *p,
                                    uint16_t gem);
const char *target_value(bctx *b, const zt_report_target *t,
                         zt_unit unit, bool with_op);
const char *target_label(bctx *b, const zt_target_eval *ev,
                         const zt_period *shown);
const char *target_clause(bctx *b, const char *ind,
                          const zt_period *cur, uint16_t gem);

/* docbuild_text.c: placeholders and inline text */
const char *subst(bctx *b, const char *s);
void add_text(bctx *b, runs *r, const char *s, unsigned flags);
uint16_t gem_of(bctx *b, xmlNodePtr n);
zt_text finish_runs(bctx *b, runs *r);
zt_text inline_text(bctx *b, xmlNodePtr n);
/* The same; *missing tells whether a <v> in it had no value, *hidden
 * whether one had a value the privacy rules hid (either may be NULL). */
zt_text inline_text_m(bctx *b, xmlNodePtr n, bool *missing, bool *hidden);
zt_text plain_text(bctx *b, const char *s);

/* docbuild_grid.c: coordinates and grid tables */
coord coord_none(void);
coord coord_from(bctx *b, xmlNodePtr n);
void dim_push(dim *d, GArray *arr);
zt_status expand(bctx *b, xmlNodePtr n, const char *spec,
                 const char *child, const coord *base,
                 const dim *other, GArray *arr);
const zt_ind_value *grid_value(bctx *b, const coord *base,
                               const coord *r, const coord *c,
                               const char **ind_out);
const char *marker_note(bctx *b, const zt_table *t);
zt_status grid_table(bctx *b, xmlNodePtr n);

/* docbuild_domain.c: measures and budget */
const char *when_text(bctx *b, const zt_measure *m);
size_t action_lines(bctx *b, const char ***out);
zt_status measures_table(bctx *b, xmlNodePtr n);
zt_status budget_table(bctx *b, xmlNodePtr n);
zt_status sources_table(bctx *b, xmlNodePtr n);
zt_status settings_table(bctx *b, xmlNodePtr n);

/* docbuild_summary.c */
zt_status findings_block(bctx *b, xmlNodePtr n, int level);
zt_status narrative_block(bctx *b, xmlNodePtr n, int level);

/* docbuild_bench.c: figures from elsewhere (ingest kind benchmark) */
const zt_ind_value *bench_value(bctx *b, const char *ind,
                                const zt_period *p, const char *area);
bool bench_present(bctx *b, const char *ind, const zt_period *p,
                   const char *area);
bool benchmarks_any(bctx *b);
void benchmarks_table(bctx *b, xmlNodePtr n);

/* docbuild_tiles.c */
zt_status tiles_block(bctx *b, xmlNodePtr n);

#endif

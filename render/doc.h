/*
 * render/doc.h -- the document model: what the template resolved into.
 *
 * A flat list of blocks in reading order (cover, contents, headings,
 * paragraphs, notes, lists, key-figure tiles, charts, tables, page
 * breaks), every value already a display string. Headings carry their
 * level and anchor; charts carry their model, text alternative and data
 * table; tables and figures are numbered. Both writers (pdf.c, html.c)
 * draw this one model; neither looks at the template or the indicator
 * table.
 */
#ifndef ZT_DOC_H
#define ZT_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "metrics/target.h"
#include "render/arena.h"
#include "render/chart.h"
#include "render/table.h"

typedef enum zt_block_kind {
  ZT_BLK_COVER,
  ZT_BLK_TOC,
  ZT_BLK_HEADING,
  ZT_BLK_PARA,
  ZT_BLK_NOTE,       /* a set-apart paragraph (a caveat) */
  ZT_BLK_LIST,
  ZT_BLK_TILES,
  ZT_BLK_CHART,
  ZT_BLK_TABLE,
  ZT_BLK_PAGEBREAK
} zt_block_kind;

/* Inline run flags. */
enum {
  ZT_RUN_EM = 1u << 0,
  ZT_RUN_STRONG = 1u << 1,
  ZT_RUN_VALUE = 1u << 2   /* a number from the indicator table */
};

typedef struct zt_run {
  const char *text;
  unsigned flags;
} zt_run;

typedef struct zt_text {
  zt_run *runs;
  size_t n;
} zt_text;

typedef struct zt_tile {
  const char *label;   /* "Jeugdigen in verblijf in een gezinsvorm" */
  const char *value;   /* "64,0%": the value the status is about */
  const char *note;    /* a line under the value ("heel 2023; 2e halfjaar
                          2023: 72,4%", a savings caveat), or NULL */
  const char *target;  /* "doel: ≥ 65%", or NULL */
  zt_target_status status;  /* metrics/target.h; ZT_TS_NONE: no target */
} zt_tile;

/* A status that rests on fewer children than this carries a warning
 * ("klein aantal: 12 jeugdigen"). */
#define ZT_SMALL_BASE 20

/* Does a cell hold something a reader can use: not hidden ("< 5",
 * "·"), not missing ("–") and not zero ("0", "€ 0")? Rows of cells
 * that do not are folded into one line on the municipality pages. */
bool zt_cell_publishable(const char *text, unsigned cflags);

/* Does a status rest on a small group: a share (unit percent) judged
 * gehaald / niet gehaald / op koers / niet op koers over n children,
 * 0 < n < ZT_SMALL_BASE? */
bool zt_small_base(zt_unit unit, zt_target_status s, int64_t n);

/* The colour of a status (its word and symbol: metrics/target.h). */
uint32_t zt_status_color(zt_target_status s);

typedef struct zt_block {
  zt_block_kind kind;
  int level;               /* heading: 1..3 */
  const char *number;      /* heading number "2.1", or NULL */
  const char *title;       /* heading text; chart/table caption */
  const char *anchor;      /* link target id ("h-3", "fig-2") */
  bool new_page;           /* heading: start on a new page */
  zt_text text;            /* paragraph, note */
  zt_text *items;          /* list items */
  size_t nitems;
  zt_tile *tiles;
  size_t ntiles;
  zt_chart *chart;
  const char *alt;         /* the chart's text alternative */
  zt_table *chart_table;   /* the chart's data */
  bool chart_table_in_pdf; /* print the data table under the chart */
  zt_table *table;
  int tpl_line;            /* template line, for diagnostics */
} zt_block;

typedef struct zt_doc {
  zt_arena arena;
  const char *title;       /* "Voortgangsrapportage jeugdhulp" */
  const char *subtitle;    /* optional line under the title */
  const char *region;      /* also the PDF author */
  const char *period;      /* "1e halfjaar 2022" */
  const char *peildatum;   /* "30 juni 2022" */
  const char *members;     /* "Blaricum, Gooise Meren, ..." */
  const char *date;        /* "4 september 2022": the run's day */
  const char *status;      /* "concept" or "definitief" */
  const char *delivery;    /* "gegevens ontvangen tot en met 3 januari
                              2024", or NULL */
  const char *cover_note;  /* why the report is a concept ("De duiding
                              ... ontbreekt"), or NULL */
  const char *version;     /* zothuis version */
  const char *subject;
  const char *keywords;
  const char *toc_title;   /* "Inhoud" */
  int toc_depth;           /* heading levels listed in the contents */
  bool not_for_publication;
  int64_t created;         /* seconds since 1970 UTC */
  zt_block *blocks;
  size_t nblocks, cap;
} zt_doc;

zt_doc *zt_doc_new(void);
void zt_doc_free(zt_doc *d);
/* Append a block of `kind`; the pointer is valid until the next append. */
zt_block *zt_doc_add(zt_doc *d, zt_block_kind kind);
/* Plain text of an inline text (runs joined). */
const char *zt_text_plain(zt_arena *a, const zt_text *t);

#endif

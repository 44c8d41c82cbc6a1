/*
 * render/table.h -- the table model both writers draw: a caption, a grid
 * of display strings with per-cell and per-row flags, which columns hold
 * numbers (right-aligned), and footnotes. The PDF writer lays it out with
 * pagination and repeated headers (pdf.c); the HTML writer turns it into
 * <table> with <caption> and <th scope> (html.c).
 *
 * Every string is already formatted (format_nl): the writers never format
 * numbers.
 */
#ifndef ZT_TABLE_RENDER_H
#define ZT_TABLE_RENDER_H

#include <stdbool.h>
#include <stddef.h>

#include "render/arena.h"

/* Cell flags. */
enum {
  ZT_CELL_SUPPRESSED = 1u << 0,  /* a privacy marker ("< 5", "·") */
  ZT_CELL_MISSING = 1u << 1,     /* no value: "–" */
  ZT_CELL_STRONG = 1u << 2,      /* bold */
  ZT_CELL_WRAPHYPH = 1u << 3     /* prose: may be hyphenated */
};

/* Row flags. */
enum {
  ZT_ROW_HEAD = 1u << 0,   /* a header row (th scope="col") */
  ZT_ROW_TOTAL = 1u << 1,  /* a totals row, set apart by a rule */
  ZT_ROW_GROUP = 1u << 2   /* a group heading over all columns (cell 0) */
};

typedef struct zt_table {
  const char *caption;   /* without the "Tabel N." prefix */
  const char *anchor;    /* id for links, or NULL */
  size_t nrows, ncols;
  const char **text;     /* nrows * ncols, row-major; never NULL */
  unsigned *cflags;      /* nrows * ncols */
  unsigned *rflags;      /* nrows */
  bool *numeric;         /* ncols: right-aligned numbers */
  double *weight;        /* ncols: relative width wish, 0 = automatic */
  bool *sep;             /* ncols: the column starts a new group (whole
                            years, then half-years): a rule on its left */
  bool row_header;       /* column 0 names the row (th scope="row") */
  const char **notes;    /* footnotes printed under the table */
  size_t nnotes, notes_cap;
  int number;            /* "Tabel N", set by the document */
} zt_table;

/* The note under a table whose total of money is beside its parts: the
 * amounts are rounded to whole euros, the total is not the sum of the
 * rounded parts (Tabel 3, Tabel 25). */
#define ZT_NOTE_ROUNDED                                                    \
  "Bedragen zijn afgerond op hele euro's; een totaal is berekend over de " \
  "onafgeronde bedragen en kan daardoor enkele euro's afwijken van de " \
  "som van de afgeronde regels."

/* A table of nrows x ncols empty cells. */
zt_table *zt_table_new(zt_arena *a, size_t nrows, size_t ncols);
/* Set a cell's text (copied into the arena) and flags. */
void zt_table_set(zt_table *t, zt_arena *a, size_t r, size_t c,
                  const char *text, unsigned flags);
static inline const char *zt_table_cell(const zt_table *t, size_t r,
                                        size_t c) {
  return t->text[r * t->ncols + c];
}
static inline unsigned zt_table_cflags(const zt_table *t, size_t r,
                                       size_t c) {
  return t->cflags[r * t->ncols + c];
}
void zt_table_add_note(zt_table *t, zt_arena *a, const char *note);
/* Add the standard footnotes for the markers the table contains: the
 * suppression rule (`rule`, may be NULL) when a cell is suppressed, and
 * "–: geen gegevens" when one is missing. */
void zt_table_add_marker_notes(zt_table *t, zt_arena *a, const char *rule);
/* A body row whose only text is its first cell (the folded "Overige
 * zorgsoorten (...): Crisis, ..." line): one line over the whole table,
 * in the PDF and in the HTML, asking no width of the first column. */
bool zt_table_line_row(const zt_table *t, size_t r);
/* Number of leading header rows. */
size_t zt_table_head_rows(const zt_table *t);

/* Page breaks of a table (the PDF writer asks this for every page the
 * table reaches). No page holds fewer than ZT_TABLE_MIN_ROWS body rows of
 * a table that breaks, and a table of at most ZT_TABLE_WHOLE_MAX body
 * rows that fits on an empty page is never broken: it moves to the next
 * page as a whole. */
#define ZT_TABLE_MIN_ROWS 3
#define ZT_TABLE_WHOLE_MAX 25

/* How many of the body rows [from, to) with heights rowh[] go on this
 * page: `avail` is the height left for rows here (below the caption and
 * header), `page` the height for rows on an empty page, `tail` what must
 * follow the last row on its page (the footnotes), `first` whether no row
 * of the table has been placed yet. 0 means: start on the next page (a
 * caller at the top of a page must place at least one row anyway). */
size_t zt_table_rows_here(const double *rowh, size_t from, size_t to,
                          double avail, double page, double tail,
                          bool first);

#endif

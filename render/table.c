/*
 * render/table.c -- building the table model and the page-break rule of a
 * table (table.h).
 */
#include "render/table.h"

#include <string.h>

zt_table *zt_table_new(zt_arena *a, size_t nrows, size_t ncols) {
  zt_table *t = zt_arena_alloc(a, sizeof *t);
  t->nrows = nrows;
  t->ncols = ncols;
  t->text = zt_arena_array(a, nrows * ncols + 1, sizeof *t->text);
  for (size_t i = 0; i < nrows * ncols; i++)
    t->text[i] = "";
  t->cflags = zt_arena_array(a, nrows * ncols + 1, sizeof *t->cflags);
  t->rflags = zt_arena_array(a, nrows + 1, sizeof *t->rflags);
  t->numeric = zt_arena_array(a, ncols + 1, sizeof *t->numeric);
  t->weight = zt_arena_array(a, ncols + 1, sizeof *t->weight);
  t->sep = zt_arena_array(a, ncols + 1, sizeof *t->sep);
  return t;
}

void zt_table_set(zt_table *t, zt_arena *a, size_t r, size_t c,
                  const char *text, unsigned flags) {
  if (r >= t->nrows || c >= t->ncols)
    return;
  t->text[r * t->ncols + c] = zt_arena_strdup(a, text);
  t->cflags[r * t->ncols + c] = flags;
}

void zt_table_add_note(zt_table *t, zt_arena *a, const char *note) {
  if (t->nnotes == t->notes_cap) {
    size_t cap = t->notes_cap ? t->notes_cap * 2 : 4;
    const char **n = zt_arena_array(a, cap, sizeof *n);
    if (t->nnotes)
      memcpy(n, t->notes, t->nnotes * sizeof *n);
    t->notes = n;
    t->notes_cap = cap;
  }
  t->notes[t->nnotes++] = zt_arena_strdup(a, note);
}

void zt_table_add_marker_notes(zt_table *t, zt_arena *a, const char *rule) {
  unsigned all = 0;
  for (size_t i = 0; i < t->nrows * t->ncols; i++)
    all |= t->cflags[i];
  if ((all & ZT_CELL_SUPPRESSED) && rule && *rule)
    zt_table_add_note(t, a, rule);
  if (all & ZT_CELL_MISSING)
    zt_table_add_note(t, a, "\xe2\x80\x93 = geen gegevens.");
}

bool zt_table_line_row(const zt_table *t, size_t r) {
  if (t->ncols < 2 || (t->rflags[r] & (ZT_ROW_HEAD | ZT_ROW_GROUP)) ||
      !*zt_table_cell(t, r, 0))
    return false;
  for (size_t c = 1; c < t->ncols; c++)
    if (*zt_table_cell(t, r, c))
      return false;
  return true;
}

size_t zt_table_head_rows(const zt_table *t) {
  size_t n = 0;
  while (n < t->nrows && (t->rflags[n] & ZT_ROW_HEAD))
    n++;
  return n;
}

size_t zt_table_rows_here(const double *rowh, size_t from, size_t to,
                          double avail, double page, double tail,
                          bool first) {
  size_t total = to > from ? to - from : 0, n = 0;
  double all = 0, used = 0;
  for (size_t r = from; r < to; r++)
    all += rowh[r];
  if (all + tail <= avail)
    return total;   /* the rest fits here */
  if (first && total <= ZT_TABLE_WHOLE_MAX && all + tail <= page)
    return 0;       /* a small table moves whole */
  while (n < total && used + rowh[from + n] <= avail) {
    used += rowh[from + n];
    n++;
  }
  /* the next page gets at least ZT_TABLE_MIN_ROWS rows (or the rows
   * whose footnotes did not fit here) */
  if (total - n < ZT_TABLE_MIN_ROWS)
    n = total > ZT_TABLE_MIN_ROWS ? total - ZT_TABLE_MIN_ROWS : 0;
  /* and so does this page */
  return n < ZT_TABLE_MIN_ROWS ? 0 : n;
}

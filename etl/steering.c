/*
 * etl/steering.c -- small steering tables (see steering.h).
 */
#include "etl/steering.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "etl/csv.h"
#include "etl/encoding.h"
#include "etl/validate.h"

#define TABLE_MAX (16u << 20)
#define COLS_MAX 32

typedef struct mem_pull {
  const char *p;
  size_t n;
  bool done;
} mem_pull;

static zt_status pull_mem(void *ctx, const char **p, size_t *n, zt_err *err) {
  mem_pull *m = ctx;
  (void)err;
  *p = m->p;
  *n = m->done ? 0 : m->n;
  m->done = true;
  return ZT_OK;
}

zt_status zt_parse_euros(const char *s, size_t n, int64_t *cents) {
  bool neg = n > 0 && s[0] == '-';
  if (zt_parse_money(s + neg, n - neg, true, cents))
    return ZT_ERR_INPUT;
  if (neg)
    *cents = -*cents;
  return ZT_OK;
}

zt_status zt_table_read(const char *path, const char *const *columns,
                        const bool *required, int ncols, zt_table_row_fn fn,
                        void *ctx, zt_err *err) {
  gchar *raw = NULL;
  gsize len = 0;
  GError *ge = NULL;
  char *text = NULL;
  size_t tlen, bom;
  mem_pull mp;
  zt_csv *csv = NULL;
  zt_csv_rec rec;
  bool got;
  int col_of[COLS_MAX];
  zt_slice row[COLS_MAX];
  zt_status st = ZT_OK;

  if (ncols > COLS_MAX)
    return zt_fail(err, ZT_ERR_INTERNAL, "too many columns");
  if (!g_file_get_contents(path, &raw, &len, &ge)) {
    st = zt_fail(err, ZT_ERR_USAGE, "%s: %s", path, ge->message);
    g_error_free(ge);
    return st;
  }
  if (len > TABLE_MAX) {
    g_free(raw);
    return zt_fail(err, ZT_ERR_USAGE, "%s: larger than 16 MiB", path);
  }
  bom = zt_bom_len(raw, len);
  if (zt_utf8_check(raw + bom, len - bom) == len - bom) {
    text = g_strndup(raw + bom, len - bom);
    tlen = len - bom;
  } else {                       /* Excel's Windows-1252 */
    text = g_malloc(ZT_UTF8_ROOM(len) + 1);
    tlen = zt_cp1252_to_utf8(raw, len, text);
  }
  g_free(raw);

  mp.p = text;
  mp.n = tlen;
  mp.done = false;
  /* The header decides the delimiter: ';' when it has one, else ','. */
  {
    const char *nl = memchr(text, '\n', tlen);
    size_t hl = nl ? (size_t)(nl - text) : tlen;
    st = zt_csv_new(&csv, memchr(text, ';', hl) ? ';' : ',', NULL, pull_mem,
                    &mp, err);
  }
  if (!st)
    st = zt_csv_next(csv, &rec, &got, err);
  if (!st && !got)
    st = zt_fail(err, ZT_ERR_USAGE, "%s: empty file", path);
  if (!st) {
    for (int c = 0; c < ncols; c++) {
      col_of[c] = -1;
      for (int i = 0; i < rec.nf; i++) {
        const char *h = rec.f[i].p;
        size_t hn = rec.f[i].n;
        zt_trim(&h, &hn);
        if (zt_slice_ieq(h, hn, columns[c]))
          col_of[c] = i;
      }
      if (col_of[c] < 0 && required[c]) {
        st = zt_fail(err, ZT_ERR_USAGE, "%s: line 1: the header has no "
                     "column '%s'", path, columns[c]);
        break;
      }
    }
  }
  while (!st) {
    st = zt_csv_next(csv, &rec, &got, err);
    if (st || !got)
      break;
    if (rec.error != ZT_CSV_OK) {
      st = zt_fail(err, ZT_ERR_USAGE, "%s: line %ld: not a well-formed CSV "
                   "line", path, rec.line);
      break;
    }
    if (rec.nf == 1 && rec.f[0].n == 0)
      continue;                  /* a blank line */
    for (int c = 0; c < ncols; c++) {
      if (col_of[c] < 0 || col_of[c] >= rec.nf) {
        row[c].p = NULL;
        row[c].n = 0;
      } else {
        row[c] = rec.f[col_of[c]];
        zt_trim(&row[c].p, &row[c].n);
      }
    }
    st = fn(ctx, row, rec.line, err);
  }
  zt_csv_free(csv);
  g_free(text);
  return st;
}

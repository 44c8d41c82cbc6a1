/*
 * tests/unit/rowutil.h -- build reader rows from ';'-separated text in
 * tests (header-only helper; the text must outlive the row).
 */
#ifndef ZT_ROWUTIL_H
#define ZT_ROWUTIL_H

#include <string.h>

#include "etl/reader.h"

typedef struct tu_row {
  zt_slice f[ZT_MAX_FIELDS];
  zt_value_fmt fmt;
  zt_row row;
} tu_row;

/* Split `text` on ';' into the kind's fields; fields past the end of the
 * text are absent (p NULL). */
static inline zt_row *tu_make_row(tu_row *r, zt_kind kind, const char *text,
                                  bool ijw) {
  const char *p = text;
  int i = 0;
  memset(r, 0, sizeof *r);
  while (i < ZT_MAX_FIELDS) {
    const char *e = strchr(p, ';');
    size_t n = e ? (size_t)(e - p) : strlen(p);
    r->f[i].p = p;
    r->f[i].n = n;
    i++;
    if (!e)
      break;
    p = e + 1;
  }
  r->fmt.ijw = ijw;
  r->row.kind = kind;
  r->row.f = r->f;
  r->row.line = 2;
  r->row.raw.p = text;
  r->row.raw.n = strlen(text);
  r->row.fmt = &r->fmt;
  return &r->row;
}

#endif

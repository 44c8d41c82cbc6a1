/*
 * render/doc.c -- the document model's storage (doc.h).
 */
#include "render/doc.h"

#include <glib.h>
#include <string.h>

#include "render/theme.h"

zt_doc *zt_doc_new(void) {
  zt_doc *d = g_new0(zt_doc, 1);
  zt_arena_init(&d->arena);
  d->toc_title = "Inhoud";
  d->toc_depth = 2;
  return d;
}

void zt_doc_free(zt_doc *d) {
  if (!d)
    return;
  zt_arena_free(&d->arena);
  g_free(d->blocks);
  g_free(d);
}

zt_block *zt_doc_add(zt_doc *d, zt_block_kind kind) {
  zt_block *b;
  if (d->nblocks == d->cap) {
    d->cap = d->cap ? d->cap * 2 : 64;
    d->blocks = g_renew(zt_block, d->blocks, d->cap);
  }
  b = &d->blocks[d->nblocks++];
  memset(b, 0, sizeof *b);
  b->kind = kind;
  return b;
}

const char *zt_text_plain(zt_arena *a, const zt_text *t) {
  size_t n = 0;
  char *s, *p;
  for (size_t i = 0; i < t->n; i++)
    n += strlen(t->runs[i].text);
  s = p = zt_arena_alloc(a, n + 1);
  for (size_t i = 0; i < t->n; i++) {
    size_t k = strlen(t->runs[i].text);
    memcpy(p, t->runs[i].text, k);
    p += k;
  }
  *p = '\0';
  return s;
}

uint32_t zt_status_color(zt_target_status s) {
  switch (s) {
  case ZT_TS_MET:
  case ZT_TS_ON_TRACK:
    return ZT_C_OK;
  case ZT_TS_NOT_MET:
  case ZT_TS_OFF_TRACK:
    return ZT_C_NOT_OK;
  case ZT_TS_NONE:
  case ZT_TS_NO_DATA:
  case ZT_TS_HIDDEN:
    break;
  }
  return ZT_C_NO_DATA;
}

bool zt_cell_publishable(const char *text, unsigned cflags) {
  if (cflags & (ZT_CELL_SUPPRESSED | ZT_CELL_MISSING))
    return false;
  for (const char *p = text ? text : ""; *p; p++)
    if (*p >= '1' && *p <= '9')
      return true;
  return false;
}

bool zt_small_base(zt_unit unit, zt_target_status s, int64_t n) {
  if (unit != ZT_UNIT_PERCENT)
    return false;
  if (s == ZT_TS_NONE || s == ZT_TS_NO_DATA || s == ZT_TS_HIDDEN)
    return false;
  return n > 0 && n < ZT_SMALL_BASE;
}

/*
 * core/buf.c -- a growable byte buffer with a size limit (see buf.h).
 */
#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void zt_buf_init(zt_buf *b, size_t limit) {
  b->data = NULL;
  b->len = 0;
  b->cap = 0;
  b->limit = limit;
}

void zt_buf_free(zt_buf *b) {
  free(b->data);
  b->data = NULL;
  b->len = 0;
  b->cap = 0;
}

void zt_buf_reset(zt_buf *b) {
  b->len = 0;
  if (b->data)
    b->data[0] = '\0';
}

/* Make room for `extra` more bytes plus the NUL. */
static zt_status reserve(zt_buf *b, size_t extra) {
  size_t need, cap;
  char *p;
  if (extra > b->limit - b->len)
    return ZT_ERR_NOMEM;
  need = b->len + extra + 1;
  if (need <= b->cap)
    return ZT_OK;
  cap = b->cap ? b->cap : 64;
  while (cap < need)
    cap *= 2;
  p = realloc(b->data, cap);
  if (!p)
    return ZT_ERR_NOMEM;
  b->data = p;
  b->cap = cap;
  return ZT_OK;
}

zt_status zt_buf_append(zt_buf *b, const void *p, size_t n) {
  zt_status st = reserve(b, n);
  if (st)
    return st;
  if (n)
    memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
  return ZT_OK;
}

zt_status zt_buf_putc(zt_buf *b, char c) {
  return zt_buf_append(b, &c, 1);
}

zt_status zt_buf_puts(zt_buf *b, const char *s) {
  return zt_buf_append(b, s, strlen(s));
}

zt_status zt_buf_vprintf(zt_buf *b, const char *fmt, va_list ap) {
  va_list ap2;
  int n;
  zt_status st;
  va_copy(ap2, ap);
  n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if (n < 0)
    return ZT_ERR_INTERNAL;
  st = reserve(b, (size_t)n);
  if (st)
    return st;
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
  return ZT_OK;
}

zt_status zt_buf_printf(zt_buf *b, const char *fmt, ...) {
  va_list ap;
  zt_status st;
  va_start(ap, fmt);
  st = zt_buf_vprintf(b, fmt, ap);
  va_end(ap);
  return st;
}

const char *zt_buf_str(const zt_buf *b) {
  return b->data ? b->data : "";
}

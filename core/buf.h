/*
 * core/buf.h -- a growable byte buffer with a size limit.
 *
 * Like curl's dynbuf: every buffer has a limit fixed at init, and an append
 * that would pass it fails (ZT_ERR_NOMEM) instead of growing without bound,
 * so that hostile input cannot make the program eat memory. The content is
 * always NUL-terminated.
 */
#ifndef ZT_BUF_H
#define ZT_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "core/err.h"

typedef struct zt_buf {
  char *data;   /* NUL-terminated content, or NULL before the first append */
  size_t len;   /* bytes used, without the NUL */
  size_t cap;   /* bytes allocated */
  size_t limit; /* the most `len` may ever be */
} zt_buf;

void zt_buf_init(zt_buf *b, size_t limit);
void zt_buf_free(zt_buf *b);
/* Make the buffer empty, keeping its memory. */
void zt_buf_reset(zt_buf *b);
zt_status zt_buf_append(zt_buf *b, const void *p, size_t n);
zt_status zt_buf_putc(zt_buf *b, char c);
zt_status zt_buf_puts(zt_buf *b, const char *s);
zt_status zt_buf_printf(zt_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
zt_status zt_buf_vprintf(zt_buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* The content as a C string ("" when empty, never NULL). */
const char *zt_buf_str(const zt_buf *b);

#endif

/*
 * core/err.c -- status codes and error values (see err.h).
 */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

zt_status zt_fail(zt_err *err, zt_status status, const char *fmt, ...) {
  if (err) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->status = status;
  }
  return status;
}

zt_status zt_err_prefix(zt_err *err, const char *fmt, ...) {
  char prefix[ZT_ERR_MSG_MAX / 2];
  size_t plen, mlen;
  va_list ap;

  if (!err)
    return ZT_OK;
  va_start(ap, fmt);
  vsnprintf(prefix, sizeof prefix, fmt, ap);
  va_end(ap);
  plen = strlen(prefix);
  mlen = strnlen(err->msg, sizeof err->msg - 1);
  if (plen + 2 + mlen >= sizeof err->msg)   /* keep the head of the old */
    mlen = sizeof err->msg - 1 - plen - 2;
  memmove(err->msg + plen + 2, err->msg, mlen);
  memcpy(err->msg, prefix, plen);
  err->msg[plen] = ':';
  err->msg[plen + 1] = ' ';
  err->msg[plen + 2 + mlen] = '\0';
  return err->status;
}

void zt_err_clear(zt_err *err) {
  if (err) {
    err->status = ZT_OK;
    err->msg[0] = '\0';
  }
}

const char *zt_status_name(zt_status status) {
  switch (status) {
  case ZT_OK: return "ok";
  case ZT_ERR_USAGE: return "usage error";
  case ZT_ERR_INPUT: return "input error";
  case ZT_ERR_IO: return "i/o error";
  case ZT_ERR_NOMEM: return "out of memory";
  case ZT_ERR_STORE: return "store error";
  case ZT_ERR_LOCKED: return "store locked";
  case ZT_ERR_OUTPUT: return "output error";
  case ZT_ERR_CORRUPT: return "store damaged";
  case ZT_ERR_INTERNAL: return "internal error";
  }
  return "unknown error";
}

/*
 * core/err.h -- status codes and error values.
 *
 * Library code never prints and never exits: a function that can fail
 * returns a zt_status and, when the caller passes a zt_err, fills it with a
 * message that names the context (file, line, field). Callers add their own
 * context with zt_err_prefix() as the error travels up; only cli/ turns a
 * status into an exit code (cli/exitcode.c).
 */
#ifndef ZT_ERR_H
#define ZT_ERR_H

#include <stddef.h>

typedef enum zt_status {
  ZT_OK = 0,
  ZT_ERR_USAGE,    /* bad arguments, options or configuration */
  ZT_ERR_INPUT,    /* an input is unreadable or not of the expected form */
  ZT_ERR_IO,       /* the file system refused (open, read, mkdir) */
  ZT_ERR_NOMEM,    /* an allocation failed or a size limit was hit */
  ZT_ERR_STORE,    /* SQLite reported an error */
  ZT_ERR_LOCKED,   /* the store is locked by another run */
  ZT_ERR_OUTPUT,   /* an output file could not be written */
  ZT_ERR_CORRUPT,  /* the store is damaged (restore it from a backup) */
  ZT_ERR_INTERNAL  /* a bug: an invariant did not hold */
} zt_status;

/* Bytes of a message, its NUL included. A longer one (a path can be 4096
 * bytes) is shortened in its middle, never cut at its end (zt_msg_fit):
 * the end names the file, the line and field, and what went wrong. */
#define ZT_ERR_MSG_MAX 1024

typedef struct zt_err {
  zt_status status;
  char msg[ZT_ERR_MSG_MAX];
} zt_err;

/* Record `status` with a printf-style message in `err` (which may be NULL)
 * and return `status`, so that `return zt_fail(err, ...)` reads well. */
zt_status zt_fail(zt_err *err, zt_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Put "<context>: " in front of the message already in `err` (NULL-safe),
 * the whole shortened by zt_msg_fit when it does not fit. Returns
 * err->status, or ZT_OK when err is NULL. */
zt_status zt_err_prefix(zt_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Copy the text m[0..n) into `out` (cap > 0 bytes, NUL-terminated): as
 * it is when it fits; else shortened in the middle so that its end stays:
 * first in the middle of its longest path (a run without blanks that
 * holds a '/'), which keeps its head and, mostly, its tail with the
 * file's name, the removed bytes replaced by one U+2026 ("..."), then, a
 * path after the next, in the middle of the whole text. Never cuts a
 * UTF-8 character. */
void zt_msg_fit(const char *m, size_t n, char *out, size_t cap);

/* snprintf into `out` (cap bytes), the text fitted by zt_msg_fit when it
 * is longer. The arguments may point into `out`. Returns out. */
char *zt_msg_printf(char *out, size_t cap, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reset `err` to ZT_OK with an empty message. */
void zt_err_clear(zt_err *err);

/* A short English name for a status ("input error"), never NULL. */
const char *zt_status_name(zt_status status);

#endif

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

#define ZT_ERR_MSG_MAX 1024

typedef struct zt_err {
  zt_status status;
  char msg[ZT_ERR_MSG_MAX];
} zt_err;

/* Record `status` with a printf-style message in `err` (which may be NULL)
 * and return `status`, so that `return zt_fail(err, ...)` reads well. */
zt_status zt_fail(zt_err *err, zt_status status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Put "<context>: " in front of the message already in `err` (NULL-safe).
 * Returns err->status, or ZT_OK when err is NULL. */
zt_status zt_err_prefix(zt_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Reset `err` to ZT_OK with an empty message. */
void zt_err_clear(zt_err *err);

/* A short English name for a status ("input error"), never NULL. */
const char *zt_status_name(zt_status status);

#endif

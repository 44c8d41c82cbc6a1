/*
 * core/log.h -- one line per event: time, level, subject, message.
 *
 *   2026-11-23T18:01:02Z warn  ingest: aanbieder_3.csv: 12 lines rejected
 *
 * Lines go to stderr and, when configured, to a log file. Info and debug
 * lines are shown only on a terminal and without --quiet, so that cron mail
 * carries warnings and errors only. Messages must never contain a BSN: the
 * callers pass masked values (etl/pseudo.h).
 */
#ifndef ZT_LOG_H
#define ZT_LOG_H

#include <stdbool.h>

#include "core/err.h"

typedef enum zt_log_level {
  ZT_LOG_DEBUG,
  ZT_LOG_INFO,
  ZT_LOG_WARN,
  ZT_LOG_ERROR
} zt_log_level;

/* Configure the logger. `quiet` hides info lines; `verbose` shows debug
 * lines; `path` (may be NULL) names a file to which every line is also
 * appended. Safe to call more than once. */
zt_status zt_log_init(bool quiet, bool verbose, const char *path, zt_err *err);
void zt_log_close(void);
/* A filter every message passes before it is written: the CLI sets one
 * that masks BSN-like numbers (a file name may hold a BSN), so that no log
 * line can carry one whatever a caller passes. `out` has outsz bytes. */
typedef void (*zt_log_mask_fn)(const char *in, size_t n, char *out,
                               size_t outsz);
void zt_log_set_mask(zt_log_mask_fn fn);

void zt_log(zt_log_level level, const char *subject, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The same line, to the log file only (nothing when none is open): for
 * a message already shown on stderr in another form. */
void zt_log_file_only(zt_log_level level, const char *subject,
                      const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Is a log file open? */
bool zt_log_has_file(void);

#define zt_debug(subj, ...) zt_log(ZT_LOG_DEBUG, subj, __VA_ARGS__)
#define zt_info(subj, ...) zt_log(ZT_LOG_INFO, subj, __VA_ARGS__)
#define zt_warn(subj, ...) zt_log(ZT_LOG_WARN, subj, __VA_ARGS__)
#define zt_error(subj, ...) zt_log(ZT_LOG_ERROR, subj, __VA_ARGS__)

/* True when info lines are shown (a terminal, not quiet): commands use it
 * to decide whether to draw progress. */
bool zt_log_interactive(void);

/* True under --quiet: commands print only what needs attention. */
bool zt_log_quiet(void);

#endif

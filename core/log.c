/*
 * core/log.c -- event lines to stderr and an optional log file (log.h).
 */
#include "core/log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static struct {
  bool quiet;
  bool verbose;
  bool tty;
  bool ready;
  FILE *file;
  zt_log_mask_fn mask;
} g_log;

void zt_log_set_mask(zt_log_mask_fn fn) { g_log.mask = fn; }

zt_status zt_log_init(bool quiet, bool verbose, const char *path,
                      zt_err *err) {
  g_log.quiet = quiet;
  g_log.verbose = verbose;
  g_log.tty = isatty(STDERR_FILENO) != 0;
  g_log.ready = true;
  if (g_log.file) {
    fclose(g_log.file);
    g_log.file = NULL;
  }
  if (path && *path) {
    g_log.file = fopen(path, "a");
    if (!g_log.file)
      return zt_fail(err, ZT_ERR_IO, "cannot open log file %s: %s", path,
                     strerror(errno));
  }
  return ZT_OK;
}

void zt_log_close(void) {
  if (g_log.file)
    fclose(g_log.file);
  g_log.file = NULL;
}

bool zt_log_quiet(void) {
  return g_log.ready && g_log.quiet;
}

bool zt_log_interactive(void) {
  if (!g_log.ready)
    return isatty(STDERR_FILENO) != 0;
  return g_log.tty && !g_log.quiet;
}

static const char *level_name(zt_log_level level) {
  switch (level) {
  case ZT_LOG_DEBUG: return "debug";
  case ZT_LOG_INFO: return "info ";
  case ZT_LOG_WARN: return "warn ";
  case ZT_LOG_ERROR: return "error";
  }
  return "?    ";
}

/* Copy `in` with control characters escaped (a newline in a file name
 * must not start a forged log line): \n, \r, \t, else \xNN. */
static void escape(const char *in, char *out, size_t outsz) {
  static const char hex[] = "0123456789abcdef";
  size_t o = 0;
  for (; *in && o + 5 < outsz; in++) {
    unsigned char c = (unsigned char)*in;
    if (c >= 0x20 && c != 0x7f) {
      out[o++] = (char)c;
      continue;
    }
    out[o++] = '\\';
    if (c == '\n' || c == '\r' || c == '\t') {
      out[o++] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
    } else {
      out[o++] = 'x';
      out[o++] = hex[c >> 4];
      out[o++] = hex[c & 15];
    }
  }
  out[o] = '\0';
}

/* Format one event and write it to stderr (unless `file_only`) and the
 * log file, as zt_log() describes. */
__attribute__((format(printf, 4, 0)))
static void vlog(zt_log_level level, const char *subject, bool file_only,
                 const char *fmt, va_list ap) {
  char *raw, *msg, *masked;
  char stamp[32];
  size_t cap;
  int len;
  time_t now = time(NULL);
  struct tm tm;
  bool to_stderr;
  va_list ap2;

  /* on the heap: a message may name two paths of PATH_MAX bytes, and
   * any thread may log */
  va_copy(ap2, ap);
  len = vsnprintf(NULL, 0, fmt, ap);
  cap = 4 * (len > 0 ? (size_t)len : 0) + 6; /* a byte escapes to <= 4 */
  raw = malloc(cap);
  msg = malloc(cap);
  masked = g_log.mask ? malloc(cap) : NULL;
  if (!raw || !msg || (g_log.mask && !masked)) {
    va_end(ap2);
    free(raw);
    free(msg);
    free(masked);
    fputs("zothuis: out of memory while logging\n", stderr);
    return;
  }
  vsnprintf(raw, cap, fmt, ap2);
  va_end(ap2);
  escape(raw, msg, cap);
  if (masked)                    /* masking never lengthens a text */
    g_log.mask(msg, strlen(msg), masked, cap);
  gmtime_r(&now, &tm);
  strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);

  if (file_only)
    to_stderr = false;
  else if (level == ZT_LOG_DEBUG)
    to_stderr = g_log.verbose;
  else if (level == ZT_LOG_INFO)
    to_stderr = g_log.verbose || zt_log_interactive();
  else
    to_stderr = true;
  if (to_stderr)
    fprintf(stderr, "%s %s %s: %s\n", stamp, level_name(level), subject,
            masked ? masked : msg);
  if (g_log.file && (level != ZT_LOG_DEBUG || g_log.verbose)) {
    fprintf(g_log.file, "%s %s %s: %s\n", stamp, level_name(level), subject,
            masked ? masked : msg);
    fflush(g_log.file);
  }
  free(raw);
  free(msg);
  free(masked);
}

void zt_log(zt_log_level level, const char *subject, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vlog(level, subject, false, fmt, ap);
  va_end(ap);
}

void zt_log_file_only(zt_log_level level, const char *subject,
                      const char *fmt, ...) {
  va_list ap;
  if (!g_log.file)
    return;
  va_start(ap, fmt);
  vlog(level, subject, true, fmt, ap);
  va_end(ap);
}

bool zt_log_has_file(void) { return g_log.file != NULL; }

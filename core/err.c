/*
 * core/err.c -- status codes and error values (see err.h).
 */
#include "core/err.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ELL "\xe2\x80\xa6"  /* U+2026, where a text was shortened */
#define ELL_N 3
#define PATH_KEEP 48          /* bytes a shortened path keeps at least */

static bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool continues(char c) { return ((unsigned char)c & 0xC0) == 0x80; }

/* The longest run of non-blank bytes of s[0..n) that holds a '/'. */
static bool longest_path(const char *s, size_t n, size_t *a, size_t *b) {
  size_t best = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    bool slash = false;
    for (; j < n && !blank(s[j]); j++)
      if (s[j] == '/')
        slash = true;
    if (slash && j - i > best) {
      best = j - i;
      *a = i;
      *b = j;
    }
    i = j + 1;
  }
  return best > 0;
}

/* Take s[from..to) (widened to whole characters, at least ELL_N bytes)
 * out of the len bytes of s and put U+2026 there; the new length. */
static size_t elide(char *s, size_t len, size_t from, size_t to) {
  while (from > 0 && continues(s[from]))
    from--;
  while (to < len && continues(s[to]))
    to++;
  memmove(s + from + ELL_N, s + to, len - to);
  memcpy(s + from, ELL, ELL_N);
  return len - (to - from) + ELL_N;
}

void zt_msg_fit(const char *m, size_t n, char *out, size_t cap) {
  char *s;
  size_t len = n;
  if (cap == 0)
    return;
  if (n < cap) {
    memmove(out, m, n);
    out[n] = '\0';
    return;
  }
  s = malloc(n);
  if (!s || cap <= 2 * ELL_N + 1) {
    /* no room to work: the head, cut between characters */
    size_t k = cap - 1;
    while (k > 0 && continues(m[k]))
      k--;
    memmove(out, m, k);
    out[k] = '\0';
    free(s);
    return;
  }
  memcpy(s, m, n);
  while (len >= cap) {
    size_t a, b, take, keep, head;
    if (!longest_path(s, len, &a, &b) || b - a <= PATH_KEEP + ELL_N)
      break;
    take = len - (cap - 1) + ELL_N;
    if (take > b - a - PATH_KEEP)
      take = b - a - PATH_KEEP;      /* all this path can give */
    if (take <= ELL_N)
      break;
    keep = b - a - take;
    head = keep / 4 < 32 ? keep / 4 : 32;
    len = elide(s, len, a + head, a + head + take);
  }
  if (len >= cap) {
    /* the paths could not give enough: the middle of the whole text,
     * its end kept twice as long as its head */
    size_t take = len - (cap - 1) + ELL_N, head = (len - take) / 3;
    len = elide(s, len, head, head + take);
  }
  memcpy(out, s, len);
  out[len] = '\0';
  free(s);
}

/* vsnprintf into out (cap bytes), fitted; the arguments may point into
 * out (the text is formatted before out is written). */
static void vfit(char *out, size_t cap, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

static void vfit(char *out, size_t cap, const char *fmt, va_list ap) {
  char small[ZT_ERR_MSG_MAX];
  va_list again;
  int n;
  va_copy(again, ap);
  n = vsnprintf(small, sizeof small, fmt, ap);
  if (n < 0) {
    if (cap)
      out[0] = '\0';
  } else if ((size_t)n < sizeof small) {
    zt_msg_fit(small, (size_t)n, out, cap);
  } else {
    char *big = malloc((size_t)n + 1);
    if (big) {
      vsnprintf(big, (size_t)n + 1, fmt, again);
      zt_msg_fit(big, (size_t)n, out, cap);
      free(big);
    } else {
      zt_msg_fit(small, sizeof small - 1, out, cap);
    }
  }
  va_end(again);
}

char *zt_msg_printf(char *out, size_t cap, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfit(out, cap, fmt, ap);
  va_end(ap);
  return out;
}

zt_status zt_fail(zt_err *err, zt_status status, const char *fmt, ...) {
  if (err) {
    va_list ap;
    va_start(ap, fmt);
    vfit(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    err->status = status;
  }
  return status;
}

zt_status zt_err_prefix(zt_err *err, const char *fmt, ...) {
  char *all;
  size_t plen, mlen;
  va_list ap, again;
  int n;

  if (!err)
    return ZT_OK;
  va_start(ap, fmt);
  va_copy(again, ap);
  n = vsnprintf(NULL, 0, fmt, ap);
  mlen = strnlen(err->msg, sizeof err->msg - 1);
  plen = n > 0 ? (size_t)n : 0;
  all = malloc(plen + 2 + mlen + 1);
  if (all) {
    vsnprintf(all, plen + 1, fmt, again);
    all[plen] = ':';
    all[plen + 1] = ' ';
    memcpy(all + plen + 2, err->msg, mlen);
    zt_msg_fit(all, plen + 2 + mlen, err->msg, sizeof err->msg);
    free(all);
  }
  va_end(again);
  va_end(ap);
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

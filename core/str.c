/*
 * core/str.c -- small string helpers (see str.h).
 */
#include "core/str.h"

#include <string.h>

size_t zt_strlcpy(char *dst, const char *src, size_t size) {
  size_t n = strlen(src);
  if (size) {
    size_t k = n < size - 1 ? n : size - 1;
    memcpy(dst, src, k);
    dst[k] = '\0';
  }
  return n;
}

bool zt_slice_copy(char *dst, size_t size, const char *s, size_t n) {
  if (n >= size) {
    if (size)
      dst[0] = '\0';
    return false;
  }
  memcpy(dst, s, n);
  dst[n] = '\0';
  return true;
}

bool zt_all_digits(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return n > 0;
}

zt_status zt_parse_u64(const char *s, size_t n, uint64_t *out) {
  uint64_t v = 0;
  if (n == 0 || n > 18 || !zt_all_digits(s, n))
    return ZT_ERR_INPUT;
  for (size_t i = 0; i < n; i++)
    v = v * 10 + (uint64_t)(s[i] - '0');
  *out = v;
  return ZT_OK;
}

zt_status zt_parse_i64(const char *s, size_t n, int64_t *out) {
  uint64_t v;
  bool neg = n > 0 && s[0] == '-';
  if (zt_parse_u64(s + neg, n - neg, &v))
    return ZT_ERR_INPUT;
  *out = neg ? -(int64_t)v : (int64_t)v;
  return ZT_OK;
}

zt_status zt_parse_int(const char *s, long min, long max, long *out) {
  int64_t v;
  if (!s || zt_parse_i64(s, strlen(s), &v) || v < min || v > max)
    return ZT_ERR_INPUT;
  *out = (long)v;
  return ZT_OK;
}

void zt_trim(const char **s, size_t *n) {
  while (*n && (**s == ' ' || **s == '\t')) {
    (*s)++;
    (*n)--;
  }
  while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
    (*n)--;
}

bool zt_slice_ieq(const char *s, size_t n, const char *lit) {
  size_t i;
  for (i = 0; i < n; i++) {
    char a = s[i], b = lit[i];
    if (b == '\0')
      return false;
    if (a >= 'A' && a <= 'Z')
      a = (char)(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z')
      b = (char)(b - 'A' + 'a');
    if (a != b)
      return false;
  }
  return lit[i] == '\0';
}

bool zt_slice_eq(const char *s, size_t n, const char *lit) {
  return strlen(lit) == n && memcmp(s, lit, n) == 0;
}

/*
 * metrics/period.c -- report periods (see period.h).
 */
#include "metrics/period.h"

#include <string.h>

#include "core/str.h"

zt_period zt_period_year(int year) {
  zt_period p = {year, 0, zt_day_from_ymd(year, 1, 1),
                 zt_day_from_ymd(year, 12, 31)};
  return p;
}

zt_period zt_period_half(int year, int half) {
  zt_period p = {year, half,
                 zt_day_from_ymd(year, half == 1 ? 1 : 7, 1),
                 half == 1 ? zt_day_from_ymd(year, 6, 30)
                           : zt_day_from_ymd(year, 12, 31)};
  return p;
}

zt_status zt_period_parse(const char *s, zt_period *out, zt_err *err) {
  uint64_t y;
  size_t n = s ? strlen(s) : 0;
  if (n >= 4 && zt_parse_u64(s, 4, &y) == ZT_OK && y >= 1900 && y <= 2999) {
    if (n == 4) {
      *out = zt_period_year((int)y);
      return ZT_OK;
    }
    if (n == 7 && s[4] == '-' && (s[5] == 'H' || s[5] == 'h') &&
        (s[6] == '1' || s[6] == '2')) {
      *out = zt_period_half((int)y, s[6] - '0');
      return ZT_OK;
    }
  }
  return zt_fail(err, ZT_ERR_USAGE,
                 "period '%s': expected YYYY, YYYY-H1 or YYYY-H2",
                 s ? s : "");
}

void zt_period_name(const zt_period *p, char buf[8]) {
  int y = p->year;
  buf[0] = (char)('0' + y / 1000 % 10);
  buf[1] = (char)('0' + y / 100 % 10);
  buf[2] = (char)('0' + y / 10 % 10);
  buf[3] = (char)('0' + y % 10);
  buf[4] = '\0';
  if (p->half) {
    buf[4] = '-';
    buf[5] = 'H';
    buf[6] = (char)('0' + p->half);
    buf[7] = '\0';
  }
}

zt_period zt_period_prev(const zt_period *p) {
  if (!p->half)
    return zt_period_year(p->year - 1);
  if (p->half == 2)
    return zt_period_half(p->year, 1);
  return zt_period_half(p->year - 1, 2);
}

bool zt_period_contains(const zt_period *p, zt_day d) {
  return d >= p->begin && d <= p->end;
}

bool zt_period_overlaps(const zt_period *p, zt_day begin, zt_day end) {
  return begin <= p->end && end >= p->begin;
}

bool zt_period_eq(const zt_period *a, const zt_period *b) {
  return a->year == b->year && a->half == b->half;
}

zt_period zt_period_cohort(const char *spec, const zt_period *p) {
  zt_period c;
  if (!spec || strcmp(spec, "previous-year") == 0)
    return zt_period_year(p->year - 1);
  if (strcmp(spec, "period") == 0 || zt_period_parse(spec, &c, NULL))
    return *p;
  return c;
}

size_t zt_period_trend_max(int first_year, const zt_period *p) {
  if (first_year > p->year)
    first_year = p->year;
  return (size_t)(p->year - first_year + 1) * 3;
}

size_t zt_period_trend(int first_year, const zt_period *p, zt_period *out) {
  size_t k = 0;
  if (first_year > p->year)
    first_year = p->year;
  for (int y = first_year; y <= p->year; y++) {
    zt_period h1 = zt_period_half(y, 1), h2 = zt_period_half(y, 2);
    zt_period yr = zt_period_year(y);
    if (h1.end <= p->end)
      out[k++] = h1;
    if (h2.end <= p->end)
      out[k++] = h2;
    if (yr.end <= p->end || (p->half == 0 && y == p->year))
      out[k++] = yr;
  }
  return k;
}

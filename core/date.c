/*
 * core/date.c -- civil dates as day numbers (see date.h).
 *
 * The conversions use the era-based algorithm for the proleptic Gregorian
 * calendar: an era is 400 years = 146097 days, and years are counted from
 * 1 March so that the leap day is the last day of the counted year.
 */
#include "core/date.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

bool zt_is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int zt_days_in_month(int year, int month) {
  static const int len[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12)
    return 0;
  return month == 2 && zt_is_leap(year) ? 29 : len[month - 1];
}

bool zt_ymd_valid(int year, int month, int day) {
  return year >= ZT_YEAR_MIN && year <= ZT_YEAR_READ_MAX && month >= 1 &&
         month <= 12 && day >= 1 && day <= zt_days_in_month(year, month);
}

zt_day zt_day_from_ymd(int year, int month, int day) {
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;                                   /* [0, 399] */
  int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           /* [0, 146096] */
  return (zt_day)(era * 146097 + doe - 719468);
}

void zt_day_to_ymd(zt_day d, int *year, int *month, int *day) {
  int z = d + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  int doe = z - era * 146097;
  int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int mp = (5 * doy + 2) / 153;
  int m = mp < 10 ? mp + 3 : mp - 9;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = m;
  *year = yoe + era * 400 + (m <= 2);
}

/* Parse exactly `n` ASCII digits; -1 when any byte is not a digit. */
static int digits(const char *s, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9')
      return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

/* Both forms, or (iso_only) YYYY-MM-DD alone. */
static zt_status parse(const char *s, size_t n, bool iso_only,
                       zt_day *out) {
  int y, m, d;
  if (n != 10)
    return ZT_ERR_INPUT;
  if (s[4] == '-' && s[7] == '-') {            /* YYYY-MM-DD */
    y = digits(s, 4);
    m = digits(s + 5, 2);
    d = digits(s + 8, 2);
  } else if (!iso_only && s[2] == '-' && s[5] == '-') { /* DD-MM-YYYY */
    d = digits(s, 2);
    m = digits(s + 3, 2);
    y = digits(s + 6, 4);
  } else {
    return ZT_ERR_INPUT;
  }
  if (y < 0 || m < 0 || d < 0 || !zt_ymd_valid(y, m, d))
    return ZT_ERR_INPUT;
  *out = zt_day_from_ymd(y, m, d);
  return ZT_OK;
}

zt_status zt_date_parse(const char *s, size_t n, zt_day *out) {
  return parse(s, n, false, out);
}

zt_status zt_date_parse_iso(const char *s, size_t n, zt_day *out) {
  return parse(s, n, true, out);
}

void zt_date_iso(zt_day d, char buf[11]) {
  int y, m, dd;
  if (d == ZT_DAY_NONE) {
    buf[0] = '\0';
    return;
  }
  zt_day_to_ymd(d, &y, &m, &dd);
  /* The year range keeps this within 10 characters. */
  buf[0] = (char)('0' + y / 1000 % 10);
  buf[1] = (char)('0' + y / 100 % 10);
  buf[2] = (char)('0' + y / 10 % 10);
  buf[3] = (char)('0' + y % 10);
  buf[4] = '-';
  buf[5] = (char)('0' + m / 10);
  buf[6] = (char)('0' + m % 10);
  buf[7] = '-';
  buf[8] = (char)('0' + dd / 10);
  buf[9] = (char)('0' + dd % 10);
  buf[10] = '\0';
}

int zt_age_years(zt_day birth, zt_day on) {
  int by, bm, bd, y, m, d, age;
  zt_day_to_ymd(birth, &by, &bm, &bd);
  zt_day_to_ymd(on, &y, &m, &d);
  age = y - by;
  /* 29 February: in a common year the birthday is 1 March, i.e. the
   * person is still younger on 28 February. */
  if (bm == 2 && bd == 29 && !zt_is_leap(y)) {
    bm = 3;
    bd = 1;
  }
  if (m < bm || (m == bm && d < bd))
    age--;
  return age;
}

zt_day zt_month_first(zt_day d) {
  int y, m, dd;
  zt_day_to_ymd(d, &y, &m, &dd);
  return zt_day_from_ymd(y, m, 1);
}

zt_day zt_month_last(zt_day d) {
  int y, m, dd;
  zt_day_to_ymd(d, &y, &m, &dd);
  return zt_day_from_ymd(y, m, zt_days_in_month(y, m));
}

zt_day zt_add_months(zt_day d, int months) {
  int y, m, dd, idx, last;
  zt_day_to_ymd(d, &y, &m, &dd);
  idx = y * 12 + (m - 1) + months;
  y = idx / 12;
  m = idx % 12 + 1;
  last = zt_days_in_month(y, m);
  return zt_day_from_ymd(y, m, dd > last ? last : dd);
}

int zt_day_year(zt_day d) {
  int y, m, dd;
  zt_day_to_ymd(d, &y, &m, &dd);
  return y;
}

zt_day zt_today(void) {
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  long long secs;
  if (sde && *sde) {
    char *end;
    secs = strtoll(sde, &end, 10);
    if (*end == '\0' && secs >= 0)
      return (zt_day)(secs / 86400);
  }
  secs = (long long)time(NULL);
  return (zt_day)(secs / 86400);
}

/*
 * render/format_nl.c -- Dutch dates, periods and quarters (format_nl.h).
 */
#include "render/format_nl.h"

#include <stdio.h>
#include <string.h>

const char *zt_month_nl(int month) {
  static const char *const names[12] = {
      "januari", "februari", "maart",     "april",   "mei",      "juni",
      "juli",    "augustus", "september", "oktober", "november", "december"};
  return month >= 1 && month <= 12 ? names[month - 1] : "?";
}

void zt_fmt_date(zt_day d, char buf[ZT_FMT_MAX]) {
  int y, m, dd;
  if (d == ZT_DAY_NONE) {
    snprintf(buf, ZT_FMT_MAX, "-");
    return;
  }
  zt_day_to_ymd(d, &y, &m, &dd);
  snprintf(buf, ZT_FMT_MAX, "%d %s %d", dd, zt_month_nl(m), y);
}

void zt_fmt_datetime_utc(int64_t epoch, char buf[ZT_FMT_MAX]) {
  char date[ZT_FMT_MAX];
  int64_t day = epoch / 86400, sec = epoch % 86400;
  if (sec < 0) {
    sec += 86400;
    day -= 1;
  }
  zt_fmt_date((zt_day)day, date);
  snprintf(buf, ZT_FMT_MAX, "%.36s, %02d:%02d uur (UTC)", date,
           (int)(sec / 3600), (int)(sec / 60 % 60));
}

void zt_fmt_period(const zt_period *p, char buf[ZT_FMT_MAX]) {
  if (p->half)
    snprintf(buf, ZT_FMT_MAX, "%de halfjaar %d", p->half, p->year);
  else
    snprintf(buf, ZT_FMT_MAX, "%d", p->year);
}

void zt_fmt_period_short(const zt_period *p, char buf[ZT_FMT_MAX]) {
  if (p->half)
    snprintf(buf, ZT_FMT_MAX, "%de hj %d", p->half, p->year);
  else
    snprintf(buf, ZT_FMT_MAX, "%d", p->year);
}

void zt_fmt_days_weeks(int64_t days, char buf[ZT_FMT_MAX]) {
  static const char *const words[21] = {
      "nul",      "\xc3\xa9\xc3\xa9n", "twee",      "drie",     "vier",
      "vijf",     "zes",       "zeven",     "acht",     "negen",
      "tien",     "elf",       "twaalf",    "dertien",  "veertien",
      "vijftien", "zestien",   "zeventien", "achttien", "negentien",
      "twintig"};
  char d[ZT_FMT_MAX], w[ZT_FMT_MAX];
  int64_t weeks = days / 7;
  zt_fmt_int(days, d);
  if (days <= 0 || days % 7) {
    snprintf(buf, ZT_FMT_MAX, "%.32s %s", d, days == 1 ? "dag" : "dagen");
    return;
  }
  if (weeks <= 20)
    snprintf(w, sizeof w, "%s", words[weeks]);
  else
    zt_fmt_int(weeks, w);
  snprintf(buf, ZT_FMT_MAX, "%.20s dagen (%.20s %s)", d, w,
           weeks == 1 ? "week" : "weken");
}

void zt_fmt_quarter(int year, int quarter, char buf[ZT_FMT_MAX]) {
  snprintf(buf, ZT_FMT_MAX, "Q%d %d", quarter, year);
}

static bool digits4(const char *s, int *out) {
  int v = 0;
  for (int i = 0; i < 4; i++) {
    if (s[i] < '0' || s[i] > '9')
      return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

zt_status zt_quarter_parse(const char *s, int *year, int *quarter) {
  size_t n = s ? strlen(s) : 0;
  int y = 0;
  char q = 0;
  if (n == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q') &&
      digits4(s, &y))
    q = s[6];
  else if (n == 6 && (s[4] == 'Q' || s[4] == 'q') && digits4(s, &y))
    q = s[5];
  else if (n == 7 && (s[0] == 'Q' || s[0] == 'q') && s[2] == ' ' &&
           digits4(s + 3, &y))
    q = s[1];
  if (q < '1' || q > '4' || y < ZT_YEAR_MIN || y > ZT_YEAR_MAX)
    return ZT_ERR_INPUT;
  *year = y;
  *quarter = q - '0';
  return ZT_OK;
}

/*
 * render/format_nl.c -- Dutch number, money and date formats (format_nl.h).
 */
#include "render/format_nl.h"

#include <stdio.h>
#include <string.h>

int64_t zt_round_div(int64_t num, int64_t den) {
  int64_t q, r;
  if (den < 0) {
    num = -num;
    den = -den;
  }
  q = num / den;
  r = num % den;
  if (r < 0)
    r = -r;
  if (2 * r >= den)
    q += num < 0 ? -1 : 1;
  return q;
}

/* Write |v| with dots every three digits; returns the length. */
static size_t group_digits(uint64_t v, char *out) {
  char tmp[32];
  size_t n = 0, len = 0;
  do {
    if (n && n % 3 == 0)
      tmp[len++] = '.';
    tmp[len++] = (char)('0' + v % 10);
    v /= 10;
    n++;
  } while (v);
  for (size_t i = 0; i < len; i++)
    out[i] = tmp[len - 1 - i];
  out[len] = '\0';
  return len;
}

static uint64_t magnitude(int64_t v) {
  return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

void zt_fmt_int(int64_t v, char buf[ZT_FMT_MAX]) {
  size_t off = 0;
  if (v < 0)
    buf[off++] = '-';
  group_digits(magnitude(v), buf + off);
}

void zt_fmt_decimal(int64_t num, int64_t den, int decimals,
                    char buf[ZT_FMT_MAX]) {
  int64_t scale = 1, scaled;
  uint64_t mag;
  size_t off = 0;
  for (int i = 0; i < decimals; i++)
    scale *= 10;
  scaled = zt_round_div(num * scale, den);
  mag = magnitude(scaled);
  if (scaled < 0)
    buf[off++] = '-';
  off += group_digits(mag / (uint64_t)scale, buf + off);
  if (decimals > 0) {
    uint64_t frac = mag % (uint64_t)scale;
    buf[off++] = ',';
    for (int i = decimals - 1; i >= 0; i--) {
      buf[off + (size_t)i] = (char)('0' + frac % 10);
      frac /= 10;
    }
    off += (size_t)decimals;
    buf[off] = '\0';
  }
}

void zt_fmt_percent(int64_t num, int64_t den, char buf[ZT_FMT_MAX]) {
  size_t n;
  zt_fmt_decimal(num * 100, den, 1, buf);
  n = strlen(buf);
  buf[n] = '%';
  buf[n + 1] = '\0';
}

void zt_fmt_eur(int64_t num_cents, int64_t den, char buf[ZT_FMT_MAX]) {
  int64_t euros = zt_round_div(num_cents, den * 100);
  size_t off = 0;
  if (euros < 0)
    buf[off++] = '-';
  memcpy(buf + off, "\xe2\x82\xac ", 4);   /* "€ " */
  off += 4;
  group_digits(magnitude(euros), buf + off);
}

const char *zt_month_nl(int month) {
  static const char *const names[12] = {
      "januari", "februari", "maart",     "april",   "mei",      "juni",
      "juli",    "augustus", "september", "oktober", "november", "december"};
  return month >= 1 && month <= 12 ? names[month - 1] : "?";
}

void zt_fmt_date(zt_day d, char buf[ZT_FMT_MAX]) {
  int y, m, dd;
  zt_day_to_ymd(d, &y, &m, &dd);
  snprintf(buf, ZT_FMT_MAX, "%d %s %d", dd, zt_month_nl(m), y);
}

void zt_fmt_period(const zt_period *p, char buf[ZT_FMT_MAX]) {
  if (p->half)
    snprintf(buf, ZT_FMT_MAX, "%de halfjaar %d", p->half, p->year);
  else
    snprintf(buf, ZT_FMT_MAX, "%d", p->year);
}

void zt_fmt_quarter(int year, int quarter, char buf[ZT_FMT_MAX]) {
  snprintf(buf, ZT_FMT_MAX, "Q%d %d", quarter, year);
}

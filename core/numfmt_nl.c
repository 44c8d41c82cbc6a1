/*
 * core/numfmt_nl.c -- Dutch number, money and percentage formats
 * (numfmt_nl.h).
 */
#include "core/numfmt_nl.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

typedef __int128 wide;

/* Round a wide num/den half away from zero. */
static wide round_wide(wide num, wide den) {
  wide q, r;
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

int64_t zt_round_div(int64_t num, int64_t den) {
  if (den == 0)
    return 0;
  return (int64_t)round_wide(num, den);
}

/* Write v >= 0 with dots every three digits; returns the length. */
static size_t group_digits(unsigned __int128 v, char *out) {
  char tmp[64];
  size_t n = 0, len = 0;
  do {
    if (n && n % 3 == 0)
      tmp[len++] = '.';
    tmp[len++] = (char)('0' + (int)(v % 10));
    v /= 10;
    n++;
  } while (v && len < sizeof tmp - 2);
  for (size_t i = 0; i < len; i++)
    out[i] = tmp[len - 1 - i];
  out[len] = '\0';
  return len;
}

static unsigned __int128 magnitude(wide v) {
  return v < 0 ? (unsigned __int128)0 - (unsigned __int128)v
               : (unsigned __int128)v;
}

/* Write the minus sign U+2212 at buf + off; returns the new offset. */
static size_t put_minus(char *buf, size_t off) {
  memcpy(buf + off, ZT_MINUS, sizeof ZT_MINUS - 1);
  return off + sizeof ZT_MINUS - 1;
}

void zt_fmt_int(int64_t v, char buf[ZT_FMT_MAX]) {
  size_t off = 0;
  if (v < 0)
    off = put_minus(buf, off);
  group_digits(magnitude(v), buf + off);
}

void zt_fmt_int_signed(int64_t v, char buf[ZT_FMT_MAX]) {
  size_t off = 0;
  if (v > 0)
    buf[off++] = '+';
  zt_fmt_int(v, buf + off);
}

/* num/den scaled by 10^decimals and rounded, then written. */
static void fmt_scaled(wide num, wide den, int decimals, char *buf) {
  wide scale = 1, scaled;
  unsigned __int128 mag;
  size_t off = 0;
  if (decimals < 0)
    decimals = 0;
  if (decimals > 6)
    decimals = 6;
  for (int i = 0; i < decimals; i++)
    scale *= 10;
  scaled = den ? round_wide(num * scale, den) : 0;
  mag = magnitude(scaled);
  if (scaled < 0)
    off = put_minus(buf, off);
  off += group_digits(mag / (unsigned __int128)scale, buf + off);
  if (decimals > 0) {
    unsigned __int128 frac = mag % (unsigned __int128)scale;
    buf[off++] = ',';
    for (int i = decimals - 1; i >= 0; i--) {
      buf[off + (size_t)i] = (char)('0' + (int)(frac % 10));
      frac /= 10;
    }
    off += (size_t)decimals;
    buf[off] = '\0';
  }
}

void zt_fmt_decimal(int64_t num, int64_t den, int decimals,
                    char buf[ZT_FMT_MAX]) {
  fmt_scaled(num, den, decimals, buf);
}

void zt_fmt_percent(int64_t num, int64_t den, char buf[ZT_FMT_MAX]) {
  size_t n;
  fmt_scaled((wide)num * 100, den, 1, buf);
  n = strlen(buf);
  buf[n] = '%';
  buf[n + 1] = '\0';
}

/* "€ " and the grouped whole euros of `euros`, after an optional sign. */
/* "€ 1.234", "€ −1.234", "€ +1.234": the sign after the euro sign, as
 * Dutch writes it (CLDR nl: "¤ -#,##0.00"), the minus as U+2212. */
static void put_eur(wide euros, bool plus, char *buf) {
  size_t off = 4;
  memcpy(buf, "\xe2\x82\xac ", 4);   /* "€ " */
  if (euros < 0)
    off = put_minus(buf, off);
  else if (plus && euros > 0)
    buf[off++] = '+';
  group_digits(magnitude(euros), buf + off);
}

void zt_fmt_eur(int64_t num_cents, int64_t den, char buf[ZT_FMT_MAX]) {
  put_eur(den ? round_wide(num_cents, (wide)den * 100) : 0, false, buf);
}

void zt_fmt_eur_signed(int64_t cents, char buf[ZT_FMT_MAX]) {
  put_eur(round_wide(cents, 100), true, buf);
}

void zt_fmt_double(double v, int decimals, char buf[ZT_FMT_MAX]) {
  double scale = 1.0;
  if (decimals < 0)
    decimals = 0;
  if (decimals > 6)
    decimals = 6;
  for (int i = 0; i < decimals; i++)
    scale *= 10.0;
  if (!isfinite(v) || fabs(v) * scale > 9.0e17) {
    snprintf(buf, ZT_FMT_MAX, "?");
    return;
  }
  /* round() rounds half away from zero */
  fmt_scaled((wide)round(v * scale), (wide)scale, decimals, buf);
}

void zt_fmt_eur_tick(double euros, double step, char buf[ZT_FMT_MAX]) {
  char num[ZT_FMT_MAX];
  int neg = euros < 0;
  double a = fabs(euros);
  if (step >= 100000.0 && a >= 1000000.0) {
    double m = a / 1000000.0, s = step / 1000000.0;
    int dec = s >= 1.0 ? 0 : (s >= 0.1 ? 1 : 2);
    zt_fmt_double(m, dec, num);
    snprintf(buf, ZT_FMT_MAX, "\xe2\x82\xac %s%.40s mln",
             neg ? ZT_MINUS : "", num);
  } else {
    zt_fmt_double(a, 0, num);
    snprintf(buf, ZT_FMT_MAX, "\xe2\x82\xac %s%.40s", neg ? ZT_MINUS : "",
             num);
  }
}

void zt_fmt_target_value(int64_t num, int64_t den, bool percent, bool eur,
                         char buf[ZT_FMT_MAX]) {
  char n[ZT_FMT_MAX];
  int dec = (den != 0 && num % den == 0) ? 0 : 1;
  fmt_scaled(num, den, dec, n);
  if (eur) {
    snprintf(buf, ZT_FMT_MAX, "\xe2\x82\xac %.40s", n);
  } else {
    snprintf(buf, ZT_FMT_MAX, "%.40s%s", n, percent ? "%" : "");
  }
}

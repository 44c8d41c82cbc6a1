/*
 * core/numfmt_nl.h -- the one place that writes numbers, money and
 * percentages the Dutch way: 1.234.567   64,0%   € 110.245   15,5
 * −3   € −538   −0,5.
 *
 * Every negative number is written with the minus sign U+2212 (ZT_MINUS),
 * never a hyphen-minus; "+" appears only in the *_signed functions, which
 * write changes.
 *
 * No locale is involved (LC_NUMERIC stays "C": cairo needs it). Values
 * come in as exact integers or rationals num/den and are rounded half away
 * from zero. In core because both metrics (the `display` column of the
 * indicator table, target texts) and render (everything it prints) write
 * numbers; render/format_nl.h adds dates and periods.
 */
#ifndef ZT_NUMFMT_NL_H
#define ZT_NUMFMT_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ZT_FMT_MAX 64
/* The minus sign U+2212 in UTF-8. */
#define ZT_MINUS "\xe2\x88\x92"

/* Round num/den to an integer, half away from zero (den != 0). */
int64_t zt_round_div(int64_t num, int64_t den);

/* 1234567 -> "1.234.567"; -5 -> "−5" (U+2212). */
void zt_fmt_int(int64_t v, char buf[ZT_FMT_MAX]);
/* As zt_fmt_int with an explicit sign for positive values: "+12", "−3",
 * "0" (used for shifts and differences). */
void zt_fmt_int_signed(int64_t v, char buf[ZT_FMT_MAX]);
/* num/den with `decimals` (0..6) decimals and a decimal comma: "15,5".
 * den may be negative. */
void zt_fmt_decimal(int64_t num, int64_t den, int decimals,
                    char buf[ZT_FMT_MAX]);
/* 100*num/den with one decimal and a percent sign: "64,0%". */
void zt_fmt_percent(int64_t num, int64_t den, char buf[ZT_FMT_MAX]);
/* num/den cents as whole euros: "€ 110.245", "€ −1.234" (the sign after
 * the euro sign, as Dutch writes it). */
void zt_fmt_eur(int64_t num_cents, int64_t den, char buf[ZT_FMT_MAX]);
/* As zt_fmt_eur with a sign for positive values: "€ +1.234". */
void zt_fmt_eur_signed(int64_t cents, char buf[ZT_FMT_MAX]);
/* A double for chart axes and geometry labels only (never for money
 * arithmetic): rounded half away from zero to `decimals` decimals. */
void zt_fmt_double(double v, int decimals, char buf[ZT_FMT_MAX]);
/* An axis tick in euros, compact: "€ 250.000", "€ 12 mln", "€ 2,5 mln";
 * `step` is the axis step (it decides how many decimals are needed). */
void zt_fmt_eur_tick(double euros, double step, char buf[ZT_FMT_MAX]);
/* A target value num/den in display units (percentage points, euros,
 * days, a count): whole numbers without decimals ("65%"), else one
 * decimal ("62,5%"). `percent` adds the percent sign, `eur` the euro
 * sign (both false: a plain number). */
void zt_fmt_target_value(int64_t num, int64_t den, bool percent, bool eur,
                         char buf[ZT_FMT_MAX]);
#endif

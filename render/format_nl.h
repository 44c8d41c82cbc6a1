/*
 * render/format_nl.h -- the one place that writes numbers, money, dates
 * and periods the Dutch way.
 *
 *   1.234.567   64,0%   € 110.245   15,5   4 september 2019
 *   1e halfjaar 2022   Q3 2023
 *
 * No locale is involved (LC_NUMERIC stays "C": cairo needs it). Values
 * come in as exact integers or rationals num/den and are rounded half away
 * from zero. A leaf module: metrics/export.c uses it for the `display`
 * column, render/ for everything it prints.
 */
#ifndef ZT_FORMAT_NL_H
#define ZT_FORMAT_NL_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "metrics/period.h"

#define ZT_FMT_MAX 64

/* Round num/den to an integer, half away from zero (den > 0). */
int64_t zt_round_div(int64_t num, int64_t den);

/* 1234567 -> "1.234.567"; -5 -> "-5". */
void zt_fmt_int(int64_t v, char buf[ZT_FMT_MAX]);
/* num/den with `decimals` decimals and a decimal comma: "15,5". */
void zt_fmt_decimal(int64_t num, int64_t den, int decimals,
                    char buf[ZT_FMT_MAX]);
/* 100*num/den with one decimal and a percent sign: "64,0%". */
void zt_fmt_percent(int64_t num, int64_t den, char buf[ZT_FMT_MAX]);
/* num/den cents as whole euros: "€ 110.245", "-€ 1.234". */
void zt_fmt_eur(int64_t num_cents, int64_t den, char buf[ZT_FMT_MAX]);
/* "4 september 2019". */
void zt_fmt_date(zt_day d, char buf[ZT_FMT_MAX]);
/* "2022" or "1e halfjaar 2022" / "2e halfjaar 2022". */
void zt_fmt_period(const zt_period *p, char buf[ZT_FMT_MAX]);
/* "Q3 2023". */
void zt_fmt_quarter(int year, int quarter, char buf[ZT_FMT_MAX]);
/* Dutch month name, 1..12 ("september"). */
const char *zt_month_nl(int month);

#endif

/*
 * render/format_nl.h -- Dutch dates, periods and quarters, on top of the
 * Dutch number formats of core/numfmt_nl.h (included, so render code
 * includes this one header for every format):
 *
 *   4 september 2019   1e halfjaar 2022   1e hj 2022   Q3 2023
 *   42 dagen (zes weken)
 */
#ifndef ZT_FORMAT_NL_H
#define ZT_FORMAT_NL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "core/numfmt_nl.h"
#include "metrics/period.h"

/* "4 september 2019". */
void zt_fmt_date(zt_day d, char buf[ZT_FMT_MAX]);
/* Seconds since 1970 (UTC) as "4 september 2019, 13:05 uur (UTC)". */
void zt_fmt_datetime_utc(int64_t epoch, char buf[ZT_FMT_MAX]);
/* "2022" or "1e halfjaar 2022" / "2e halfjaar 2022". */
void zt_fmt_period(const zt_period *p, char buf[ZT_FMT_MAX]);
/* Short form for chart axes and table heads: "2022", "1e hj 2022". */
void zt_fmt_period_short(const zt_period *p, char buf[ZT_FMT_MAX]);
/* "Q3 2023". */
void zt_fmt_quarter(int year, int quarter, char buf[ZT_FMT_MAX]);
/* Parse a quarter "2023-Q3" (also "2023Q3", "Q3 2023"): ZT_ERR_INPUT when
 * it is none of these. */
zt_status zt_quarter_parse(const char *s, int *year, int *quarter);
/* A number of days and, when it is a whole number of weeks, the weeks:
 * "42 dagen (zes weken)", "7 dagen (één week)", "30 dagen", "1 dag";
 * weeks up to twenty in words, more in figures ("154 dagen (22
 * weken)"). */
void zt_fmt_days_weeks(int64_t days, char buf[ZT_FMT_MAX]);
/* Dutch month name, 1..12 ("september"). */
const char *zt_month_nl(int month);

#endif

/*
 * core/date.h -- civil dates as day numbers.
 *
 * A date is a zt_day: the number of days since 1970-01-01 (proleptic
 * Gregorian calendar), so that durations are plain subtraction and a period
 * [begin, end] lasts end - begin + 1 days. Dates are never doubles and never
 * struct tm. ZT_DAY_NONE marks "no date" (an open end, an unknown birth).
 */
#ifndef ZT_DATE_H
#define ZT_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

typedef int32_t zt_day;

#define ZT_DAY_NONE INT32_MIN
/* Years of dates that are stored and computed with: wide enough for birth
 * dates, narrow enough that arithmetic on day numbers never overflows. */
#define ZT_YEAR_MIN 1800
#define ZT_YEAR_MAX 2999
/* Years a date may have when it is read: iJw and many exports write an
 * open end as 9999-12-31 (or another far year); validation turns a year
 * above ZT_YEAR_MAX into an open end where one is allowed. */
#define ZT_YEAR_READ_MAX 9999
/* The day number of ZT_YEAR_MAX-12-31 (a unit test checks it). */
#define ZT_DAY_MAX 376199

bool zt_is_leap(int year);
int zt_days_in_month(int year, int month);
bool zt_ymd_valid(int year, int month, int day);

/* Day number of a valid calendar date (the caller checks validity). */
zt_day zt_day_from_ymd(int year, int month, int day);
void zt_day_to_ymd(zt_day d, int *year, int *month, int *day);

/* Parse `s` (exactly `n` bytes, no surrounding blanks) as YYYY-MM-DD or
 * DD-MM-YYYY, years ZT_YEAR_MIN..ZT_YEAR_READ_MAX. Returns ZT_OK, or
 * ZT_ERR_INPUT when the text is not one of those forms or not a real
 * calendar date (2027-06-31). Callers that store the day check the year
 * against ZT_YEAR_MAX. */
zt_status zt_date_parse(const char *s, size_t n, zt_day *out);
/* The same for YYYY-MM-DD alone: an iJw date (xs:date, without a time
 * zone), which is never written day first. */
zt_status zt_date_parse_iso(const char *s, size_t n, zt_day *out);

/* Write YYYY-MM-DD and a NUL into `buf` (11 bytes); "" for ZT_DAY_NONE. */
void zt_date_iso(zt_day d, char buf[11]);

/* Completed years of age on `on` for someone born on `birth`. A birthday
 * on 29 February falls on 1 March in common years. */
int zt_age_years(zt_day birth, zt_day on);

zt_day zt_month_first(zt_day d);
zt_day zt_month_last(zt_day d);
/* The same day `months` months later (may be negative), clamped to the
 * month's last day. */
zt_day zt_add_months(zt_day d, int months);
int zt_day_year(zt_day d);

/* Today in UTC, or the day of SOURCE_DATE_EPOCH when that is set, so that
 * reproducible runs see a fixed "today". */
zt_day zt_today(void);

#endif

/*
 * metrics/period.h -- report periods: a year (2022) or a half-year
 * (2022-H1, 2022-H2), and the peildatum (docs/indicators.md,
 * "Conventions").
 */
#ifndef ZT_PERIOD_H
#define ZT_PERIOD_H

#include <stdbool.h>

#include "core/date.h"
#include "core/err.h"

typedef struct zt_period {
  int year;
  int half;        /* 0 for the whole year, 1 or 2 for a half-year */
  zt_day begin;    /* first day */
  zt_day end;      /* last day (inclusive) */
} zt_period;

/* Parse "YYYY", "YYYY-H1" or "YYYY-H2". ZT_ERR_USAGE otherwise. */
zt_status zt_period_parse(const char *s, zt_period *out, zt_err *err);
zt_period zt_period_year(int year);
zt_period zt_period_half(int year, int half);
/* "2022" or "2022-H1" (8 bytes with the NUL). */
void zt_period_name(const zt_period *p, char buf[8]);
/* The period of the same kind just before `p` (2022-H1 -> 2021-H2). */
zt_period zt_period_prev(const zt_period *p);
bool zt_period_contains(const zt_period *p, zt_day d);
/* The same period? */
bool zt_period_eq(const zt_period *a, const zt_period *b);
/* Does [begin, end] overlap the period? */
bool zt_period_overlaps(const zt_period *p, zt_day begin, zt_day end);

/* The episode cohort `spec` ("previous-year" or NULL, "period", "YYYY",
 * "YYYY-Hn") of a report of period `p`; an unreadable spec gives `p`. */
zt_period zt_period_cohort(const char *spec, const zt_period *p);

/* The trend periods of a report of period `p`: every half-year and year
 * from `first_year` (clamped to p's year) up to and including `p`,
 * oldest first, a year after its second half. Writes at most
 * zt_period_trend_max(first_year, p) periods to `out` and returns the
 * number written. */
size_t zt_period_trend_max(int first_year, const zt_period *p);
size_t zt_period_trend(int first_year, const zt_period *p, zt_period *out);

#endif

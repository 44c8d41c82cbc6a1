/*
 * metrics/table.h -- the indicator table: every number a report prints.
 *
 * One row per (indicator, period, peildatum, gemeente, breakdown), as the
 * export format of docs/indicators.md lists them. Values are exact rationals
 * of integers (num / den): a count is n/1, money is cents/1, a mean is
 * sum/count, a share is part/whole (shown as a percentage). Nothing is
 * rounded until display. metrics/ fills the table; metrics/export.c writes
 * it; render/ reads it and never queries the store.
 */
#ifndef ZT_TABLE_H
#define ZT_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"

typedef enum zt_unit {
  ZT_UNIT_COUNT,    /* people, episodes, providers */
  ZT_UNIT_EUR,      /* money: num/den is a number of cents */
  ZT_UNIT_PERCENT,  /* share: 100 * num / den */
  ZT_UNIT_DAYS,
  ZT_UNIT_YEARS
} zt_unit;

const char *zt_unit_id(zt_unit u); /* "count", "eur", "percent", ... */

#define ZT_GEMEENTE_REGIO 0  /* the region row */

typedef struct zt_ind_value {
  char indicator[48];   /* "verblijf.share_gezinsvorm" */
  char period[8];       /* "2022", "2022-H1" */
  zt_day peildatum;
  uint16_t gemeente;    /* CBS code, or ZT_GEMEENTE_REGIO */
  char breakdown[64];   /* "" or "kind=pleegzorg" */
  zt_unit unit;
  int64_t num;
  int64_t den;          /* > 0 */
  int64_t n;            /* how many clients (or episodes) the value is over */
  bool suppressed;      /* hidden by the privacy rules (metrics/suppress.c) */
  char display[32];     /* exactly what the report prints ("68,4%") */
} zt_ind_value;

/* The value as a double, for charts only (never for money arithmetic). */
double zt_ind_as_double(const zt_ind_value *v);

typedef struct zt_ind_table zt_ind_table;

zt_ind_table *zt_ind_table_new(void);
void zt_ind_table_free(zt_ind_table *t);
/* Add a copy of `v`; a row with the same key (peildatum included)
 * replaces the old one. One (indicator, period, gemeente, breakdown) may
 * have rows at two peildatums: a report's episode cohort is measured at
 * the report's peildatum, later than the cohort period's own end. */
zt_status zt_ind_table_put(zt_ind_table *t, const zt_ind_value *v);
size_t zt_ind_table_count(const zt_ind_table *t);
/* The suppression last applied to the table (metrics/suppress.c): its
 * mode (a zt_supp_mode, 0 = none) and threshold. */
void zt_ind_table_set_supp(zt_ind_table *t, int mode, int threshold);
int zt_ind_table_supp(const zt_ind_table *t, int *threshold);
/* Row i, in insertion order, or after zt_ind_table_sort() in export order
 * (indicator, period, peildatum, gemeente with regio first, breakdown). */
zt_ind_value *zt_ind_table_at(const zt_ind_table *t, size_t i);
/* The export order of rows: indicator, period, peildatum, gemeente (the
 * region first), breakdown. */
int zt_ind_value_cmp(const zt_ind_value *a, const zt_ind_value *b);
void zt_ind_table_sort(zt_ind_table *t);
/* Lookup without a peildatum: the row with the earliest peildatum of
 * that key (the period's own, when the table also holds a later one);
 * NULL when absent (a value that could not be computed). */
const zt_ind_value *zt_ind_table_find(const zt_ind_table *t,
                                      const char *indicator,
                                      const char *period, uint16_t gemeente,
                                      const char *breakdown);
/* Exact lookup at `peildatum` (ZT_DAY_NONE: as zt_ind_table_find). */
const zt_ind_value *zt_ind_table_find_at(const zt_ind_table *t,
                                         const char *indicator,
                                         const char *period,
                                         zt_day peildatum, uint16_t gemeente,
                                         const char *breakdown);

#endif

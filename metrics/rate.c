/*
 * metrics/rate.c -- the population behind the rate.* indicators: youths
 * of the configured age band (default 0-17) on 1 January of a period's
 * year, per municipality and for the region (docs/indicators.md,
 * "Rates per 1.000 youths").
 *
 * Population rows come per (code, year, age band). A unit's population
 * is, for every code that maps to it (with current boundaries the codes
 * of merged municipalities map to their successor on the boundary day),
 * the band tiled by that code's rows: the row starting at the band's
 * lowest age with the widest end inside the band, then the next from
 * the age after it, and so on. A band that cannot be tiled, or a unit
 * without any row for the year, has no population: its rates are left
 * out (dq.population_missing), never taken from another year.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sort.h"
#include "metrics/accum.h"

zt_status zt_population_band_parse(const char *s, int *from, int *to,
                                   zt_err *err) {
  int a, b, used = 0;
  if (!s || !*s) {
    *from = 0;
    *to = 17;
    return ZT_OK;
  }
  if (sscanf(s, "%d-%d%n", &a, &b, &used) != 2 || s[used] != '\0' ||
      a < 0 || b < a || b > 120)
    return zt_fail(err, ZT_ERR_USAGE, "'%s' is not an age band such as "
                   "0-17", s);
  *from = a;
  *to = b;
  return ZT_OK;
}

typedef struct prow {
  uint16_t code;          /* as given */
  uint8_t from, to;
  int64_t count;
} prow;

static int cmp_prow(const void *pa, const void *pb) {
  const prow *a = pa, *b = pb;
  if (a->code != b->code)
    return a->code < b->code ? -1 : 1;
  if (a->from != b->from)
    return a->from < b->from ? -1 : 1;
  return (a->to > b->to) - (a->to < b->to);
}

/* Tile [lo, hi] with rows r[0..n) of one code (sorted by from, to);
 * false when it cannot be done. */
static bool tile(const prow *r, size_t n, int lo, int hi, int64_t *sum) {
  int cur = lo;
  int64_t s = 0;
  while (cur <= hi) {
    const prow *best = NULL;
    for (size_t i = 0; i < n; i++)
      if (r[i].from == cur && r[i].to <= hi &&
          (!best || r[i].to > best->to))
        best = &r[i];
    if (!best)
      return false;
    s += best->count;
    cur = best->to + 1;
  }
  *sum = s;
  return true;
}

zt_status zt_rate_init(zt_emit *e, zt_err *err) {
  const zt_metrics_input *in = e->in;
  const zt_norm_config *cfg = e->cfg;
  int lo = in->pop_age_from, hi = in->pop_age_to;
  zt_day bday = cfg->boundary_day != ZT_DAY_NONE
                    ? cfg->boundary_day
                    : zt_day_from_ymd(ZT_YEAR_MAX, 12, 31);
  prow *rows = NULL;
  size_t nu = e->nunits;
  if (lo == 0 && hi == 0)
    hi = 17;
  e->pop = malloc(e->nperiods * nu * sizeof *e->pop);
  rows = malloc((in->npopulation + 1) * sizeof *rows);
  if (!e->pop || !rows) {
    free(rows);
    return zt_fail(err, ZT_ERR_NOMEM, "metrics: out of memory");
  }
  for (size_t p = 0; p < e->nperiods; p++) {
    int64_t *pp = &e->pop[p * nu];
    size_t n = 0;
    bool region_ok = nu > 1;
    int64_t region = 0;
    for (size_t i = 0; i < in->npopulation; i++) {
      const zt_population *b = &in->population[i];
      if (b->year != e->periods[p].year || b->age_from < lo ||
          b->age_to > hi)
        continue;
      rows[n].code = b->gemeente;
      rows[n].from = b->age_from;
      rows[n].to = b->age_to;
      rows[n].count = b->count;
      n++;
    }
    zt_qsort(rows, n, sizeof *rows, cmp_prow);
    for (size_t u = 0; u < nu; u++)
      pp[u] = u ? 0 : -1;
    /* per code given: its tiled band, added to the unit it maps to */
    for (size_t i = 0; i < n;) {
      size_t j = i;
      uint16_t code = rows[i].code, to;
      int64_t sum;
      while (j < n && rows[j].code == code)
        j++;
      to = cfg->boundaries_historic
               ? code
               : zt_gemeente_on(in->norm.refdata, code, bday);
      if (to < 10000 && e->unit_of[to] > 0) {
        size_t u = (size_t)e->unit_of[to];
        if (pp[u] >= 0 && tile(rows + i, j - i, lo, hi, &sum))
          pp[u] += sum;
        else
          pp[u] = -1;
      }
      i = j;
    }
    /* a unit no row mapped to has none */
    for (size_t u = 1; u < nu; u++) {
      bool any = false;
      for (size_t i = 0; i < n && !any; i++) {
        uint16_t to = cfg->boundaries_historic
                          ? rows[i].code
                          : zt_gemeente_on(in->norm.refdata, rows[i].code,
                                           bday);
        any = to == e->unit_code[u];
      }
      if (!any)
        pp[u] = -1;
      if (!e->unit_rows[p * nu + u])
        continue;
      if (pp[u] < 0)
        region_ok = false;
      else
        region += pp[u];
    }
    pp[0] = region_ok && region > 0 ? region : -1;
    for (size_t u = 1; u < nu; u++)
      if (pp[u] == 0)
        pp[u] = -1;
  }
  free(rows);
  return ZT_OK;
}

bool zt_rate_population(const zt_emit *e, size_t p, size_t u, int64_t *pop) {
  int64_t v = e->pop ? e->pop[p * e->nunits + u] : -1;
  *pop = v;
  return v > 0;
}

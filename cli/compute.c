/*
 * cli/compute.c -- from the store to the indicator table (compute.h).
 */
#include "cli/compute.h"

#include <stdlib.h>
#include <string.h>

#include "metrics/indicator.h"
#include "metrics/metrics.h"

/* The trend periods: every year and half-year from the first year with
 * data up to and including the report period, oldest first. */
static zt_status trend_periods(const zt_snapshot *sn, const zt_period *p,
                               zt_period **out, size_t *n, zt_err *err) {
  int first = sn->first_day == ZT_DAY_NONE ? p->year
                                           : zt_day_year(sn->first_day);
  size_t cap, k = 0;
  zt_period *arr;
  if (first > p->year)
    first = p->year;
  cap = (size_t)(p->year - first + 1) * 3;
  arr = calloc(cap, sizeof *arr);
  if (!arr)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  for (int y = first; y <= p->year; y++) {
    zt_period h1 = zt_period_half(y, 1), h2 = zt_period_half(y, 2);
    zt_period yr = zt_period_year(y);
    if (h1.end <= p->end)
      arr[k++] = h1;
    if (h2.end <= p->end)
      arr[k++] = h2;
    if (yr.end <= p->end || (p->half == 0 && y == p->year))
      arr[k++] = yr;
  }
  *out = arr;
  *n = k;
  return ZT_OK;
}

zt_period zt_cohort_period(const char *spec, const zt_period *p) {
  zt_period c;
  if (!spec || strcmp(spec, "previous-year") == 0)
    return zt_period_year(p->year - 1);
  if (strcmp(spec, "period") == 0 || zt_period_parse(spec, &c, NULL))
    return *p;
  return c;
}

zt_status zt_compute(const zt_config *cfg, const zt_refdata *rd,
                     zt_store *store, const zt_period *period, zt_day peil,
                     bool with_trend, zt_computed *out, zt_err *err) {
  zt_norm_config nc;
  zt_metrics_input mi;
  zt_status st;

  memset(out, 0, sizeof *out);
  st = zt_snapshot_load(store, &out->snap, err);
  if (st)
    return st;
  out->table = zt_ind_table_new();
  if (!out->table)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");

  zt_norm_config_default(&nc);
  nc.woonplaatsbeginsel = cfg->woonplaatsbeginsel;
  nc.boundaries_historic = cfg->boundaries_historic;
  nc.verblijf_gap_days = cfg->verblijf_gap_days;
  nc.episode_gap_days = cfg->episode_gap_days;
  nc.top_n = cfg->top_n;
  nc.members = cfg->members;
  nc.nmembers = cfg->nmembers;
  st = zt_kind_mask_parse(cfg->episode_kinds, &nc.episode_kinds, err);
  if (st)
    return zt_err_prefix(err, "analysis.episode_kinds");

  memset(&mi, 0, sizeof mi);
  mi.norm.lines = out->snap.lines;
  mi.norm.nlines = out->snap.nlines;
  mi.norm.residences = out->snap.residences;
  mi.norm.nresidences = out->snap.nresidences;
  mi.norm.clients = out->snap.clients;
  mi.norm.nclients = out->snap.nclients;
  mi.norm.products = out->snap.products;
  mi.norm.nproducts = out->snap.nproducts;
  mi.norm.refdata = rd;
  mi.norm.config = &nc;
  mi.providers = out->snap.providers;
  mi.nproviders = out->snap.nproviders;
  mi.dq.lines_read = out->snap.lines_read;
  mi.dq.lines_accepted = out->snap.lines_accepted;
  mi.dq.duplicates_skipped = out->snap.duplicates;
  memcpy(mi.dq.rejected, out->snap.rejected, sizeof mi.dq.rejected);
  mi.dq.credits_applied = out->snap.credits_applied;
  mi.dq.credits_waiting = out->snap.credits_waiting;
  mi.suppression = cfg->suppression;
  mi.threshold = cfg->threshold;

  /* Current boundaries: every period of the report on the boundaries of
   * its peildatum (or the period's end), so trend lines compare. With
   * that one boundary day the care periods are the same for every
   * period: normalize once. */
  nc.boundary_day = peil != ZT_DAY_NONE ? peil : period->end;
  {
    zt_norm_result nr;
    st = zt_normalize(&mi.norm, &nr, err);
    if (!st && with_trend) {
      /* with a peildatum of its own the report period comes after, at
       * that peildatum (a table row is keyed with its peildatum) */
      zt_period *ps;
      size_t n = 0;
      st = trend_periods(&out->snap, period, &out->trend, &out->ntrend, err);
      ps = st ? NULL : calloc(out->ntrend + 1, sizeof *ps);
      if (!st && !ps)
        st = zt_fail(err, ZT_ERR_NOMEM, "out of memory");
      for (size_t i = 0; !st && i < out->ntrend; i++)
        if (peil == ZT_DAY_NONE || !zt_period_eq(&out->trend[i], period))
          ps[n++] = out->trend[i];
      if (!st)
        st = zt_indicators_compute(&nr, &mi, ps, n, ZT_DAY_NONE, out->table,
                                   err);
      free(ps);
    }
    /* The report period last, with its own peildatum (the trend already
     * holds it when the peildatum is the period's last day). */
    if (!st && (!with_trend || peil != ZT_DAY_NONE))
      st = zt_indicators_compute(&nr, &mi, period, 1, peil, out->table,
                                 err);
    /* The episode cohort, followed up to the report's peildatum: its
     * episode analysis only (the cohort's other figures are its own) */
    out->cohort = zt_cohort_period(cfg->cohort, period);
    out->cohort_peil = peil != ZT_DAY_NONE ? peil : period->end;
    if (!st && with_trend && out->cohort_peil != out->cohort.end) {
      zt_metrics_input ci = mi;
      ci.families = 1u << ZT_FAM_EPISODES;
      st = zt_indicators_compute(&nr, &ci, &out->cohort, 1,
                                 out->cohort_peil, out->table, err);
    }
    zt_norm_result_free(&nr);
  }
  return st;
}

void zt_computed_free(zt_computed *c) {
  zt_snapshot_free(&c->snap);
  zt_ind_table_free(c->table);
  free(c->trend);
  memset(c, 0, sizeof *c);
}

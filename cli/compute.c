/*
 * cli/compute.c -- from the store to the indicator table (compute.h).
 */
#include "cli/compute.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "metrics/indicator.h"
#include "metrics/metrics.h"

/* Up to this many lines the completeness triangles are built beside the
 * normalization; above it one after the other, to keep the peak down. */
#define BESIDE_MAX_LINES 4000000u

zt_status zt_compute_completeness(const zt_config *cfg, zt_computed *out,
                                  zt_err *err) {
  zt_compl_config cc;
  size_t ncodes;
  uint16_t *codes = zt_member_codes(cfg, &ncodes);
  zt_day now = cfg->as_of != ZT_DAY_NONE ? cfg->as_of
                                         : out->snap.latest_arrival;
  zt_status st;
  zt_compl_config_from(cfg, &cc);
  st = codes ? zt_compl_prepare(out->snap.lines, out->snap.nlines,
                                out->snap.credits, out->snap.ncredits,
                                out->snap.rejections,
                                out->snap.nrejections,
                                codes, ncodes, &out->cdata, err)
             : zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  free(codes);
  if (!st && now != ZT_DAY_NONE && out->snap.nlines)
    st = zt_compl_build(out->cdata, now, &cc, &out->compl, err);
  return st;
}

/* zt_compute_completeness as the metrics' job beside the normalization
 * (metrics.h): it reads only the snapshot, as they do. */
typedef struct compl_job {
  const zt_config *cfg;
  zt_computed *out;
} compl_job;

static zt_status completeness_job(void *ctx, zt_err *err) {
  const compl_job *j = ctx;
  return zt_compute_completeness(j->cfg, j->out, err);
}

zt_status zt_compute(const zt_config *cfg, const zt_refdata *rd,
                     zt_store *store, const zt_period *period, zt_day peil,
                     bool with_trend, zt_computed *out, zt_err *err) {
  zt_norm_config nc;
  zt_metrics_input mi;
  zt_metrics_request rq;
  zt_metrics_periods per;
  compl_job job;
  zt_status st;
  gint64 t0 = g_get_monotonic_time(), t1;

  memset(out, 0, sizeof *out);
  st = zt_snapshot_load_as_of(store, cfg->as_of, &out->snap, err);
  if (st)
    return st;
  t1 = g_get_monotonic_time();
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

  job.cfg = cfg;
  job.out = out;
  memset(&mi, 0, sizeof mi);
  mi.completeness = &out->compl;
  /* the triangles are built beside the normalization (metrics.h), which
   * costs their memory on top of its peak (about 32 MB per 1M lines):
   * for a region's store, not for a national one */
  if (out->snap.nlines <= BESIDE_MAX_LINES) {
    mi.beside = completeness_job;
    mi.beside_ctx = &job;
  } else if ((st = completeness_job(&job, err))) {
    return st;
  }
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
  mi.dq.answers = &out->snap.answers;
  mi.population = out->snap.population;
  mi.npopulation = out->snap.npopulation;
  st = zt_population_band_parse(cfg->population_band, &mi.pop_age_from,
                                &mi.pop_age_to, err);
  if (st)
    return zt_err_prefix(err, "analysis.population_band");
  mi.flow = &out->snap.flow;
  mi.wait_norm_days = cfg->wait_norm_days;
  mi.suppression = cfg->suppression;
  mi.threshold = cfg->threshold;

  memset(&rq, 0, sizeof rq);
  rq.period = *period;
  rq.peildatum = peil;
  rq.with_trend = with_trend;
  rq.first_year = out->snap.first_day == ZT_DAY_NONE
                      ? period->year
                      : zt_day_year(out->snap.first_day);
  rq.cohort = cfg->cohort;
  st = zt_metrics_request_compute(&mi, &rq, out->table, &per, err);
  out->trend = per.trend;
  out->ntrend = per.ntrend;
  out->cohort = per.cohort;
  out->cohort_peil = per.cohort_peil;
  /* the candidates' volumes and references, by id: a few lookups; the
   * count and amount are dq.double_lines and dq.double_spend, for a
   * report and an export of the period alike */
  if (!st) {
    gint64 t2 = g_get_monotonic_time();
    st = zt_double_find(store, &out->snap, per.twins, per.ntwins,
                        period->begin, period->end, cfg->members,
                        cfg->nmembers, &out->doubles, &out->ndoubles,
                        err);
    zt_debug("compute", "double declarations: %zu candidates, %zu "
             "repeats, %.3f s", per.ntwins, out->ndoubles,
             (double)(g_get_monotonic_time() - t2) / 1e6);
    if (!st)
      st = zt_dq_doubles_put(out->table, period, peil, out->doubles,
                             out->ndoubles);
  }
  free(per.twins);
  zt_debug("compute", "snapshot %.3f s, metrics %.3f s",
           (double)(t1 - t0) / 1e6,
           (double)(g_get_monotonic_time() - t1) / 1e6);
  return st;
}

void zt_compl_config_from(const zt_config *cfg, zt_compl_config *cc) {
  zt_compl_config_default(cc);
  cc->history = cfg->compl_history;
  cc->max_delay = cfg->compl_max_delay;
  cc->min_clients = cfg->compl_min_clients;
}

uint16_t *zt_member_codes(const zt_config *cfg, size_t *n) {
  uint16_t *codes = calloc(cfg->nmembers + 1, sizeof *codes);
  *n = 0;
  if (!codes)
    return NULL;
  for (size_t i = 0; i < cfg->nmembers; i++) {
    bool seen = false;
    for (size_t j = 0; j < *n && !seen; j++)
      seen = codes[j] == cfg->members[i].gemeente;
    if (!seen)
      codes[(*n)++] = cfg->members[i].gemeente;
  }
  return codes;
}

void zt_computed_free(zt_computed *c) {
  zt_compl_free(&c->compl);
  zt_compl_data_free(c->cdata);
  zt_snapshot_free(&c->snap);
  free(c->doubles);
  zt_ind_table_free(c->table);
  free(c->trend);
  memset(c, 0, sizeof *c);
}

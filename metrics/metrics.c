/*
 * metrics/metrics.c -- the one entry point (see metrics.h): normalize,
 * run the pass, let every indicator family write its rows, sort,
 * suppress.
 */
#include "metrics/metrics.h"

#include <string.h>

#include "metrics/accum.h"
#include "metrics/indicator.h"

static zt_status check_dq(const zt_dq_input *dq, zt_err *err) {
  int64_t rejected = 0;
  for (int r = 0; r < ZT_R_COUNT; r++) {
    if (dq->rejected[r] < 0)
      return zt_fail(err, ZT_ERR_INPUT, "data-quality counts: negative "
                     "count for reason %s", zt_reason_code((zt_reason)r));
    rejected += dq->rejected[r];
  }
  if (dq->lines_read != dq->lines_accepted + dq->duplicates_skipped + rejected)
    return zt_fail(err, ZT_ERR_INPUT,
                   "data-quality counts do not reconcile: %lld lines read, "
                   "%lld accepted + %lld identical resends + %lld rejected",
                   (long long)dq->lines_read, (long long)dq->lines_accepted,
                   (long long)dq->duplicates_skipped, (long long)rejected);
  return ZT_OK;
}

zt_status zt_indicators_compute(const zt_norm_result *nr,
                                const zt_metrics_input *in,
                                const zt_period *periods, size_t nperiods,
                                zt_day peildatum, zt_ind_table *out,
                                zt_err *err) {
  zt_emit e;
  zt_status st;
  if ((st = check_dq(&in->dq, err)))
    return st;
  st = zt_emit_init(&e, nr, in, periods, nperiods, peildatum, out, err);
  if (!st)
    st = zt_emit_pass(&e, err);
  for (size_t i = 0; !st && i < zt_ind_count(); i++) {
    const zt_ind_def *d = zt_ind_at(i);
    if (in->families && !(in->families & (1u << d->family)))
      continue;
    if ((st = d->fn(&e, d)))
      st = zt_fail(err, st, "metrics: indicator %s: %s", d->id,
                   zt_status_name(st));
  }
  zt_emit_free(&e);
  if (st)
    return st;
  zt_ind_table_sort(out);
  return zt_suppress_apply(out, in->suppression,
                           in->threshold ? in->threshold : 5, err);
}

zt_status zt_metrics_compute(const zt_metrics_input *in,
                             const zt_period *periods, size_t nperiods,
                             zt_day peildatum, zt_ind_table *out,
                             zt_err *err) {
  zt_norm_config cfg;
  zt_metrics_input local;
  zt_norm_result nr;
  zt_status st;
  if (!in->norm.config)
    return zt_fail(err, ZT_ERR_USAGE, "metrics: no configuration");
  cfg = *in->norm.config;
  if (cfg.boundary_day == ZT_DAY_NONE && !cfg.boundaries_historic) {
    for (size_t p = 0; p < nperiods; p++) {
      zt_day d = peildatum != ZT_DAY_NONE ? peildatum : periods[p].end;
      if (cfg.boundary_day == ZT_DAY_NONE || d > cfg.boundary_day)
        cfg.boundary_day = d;
    }
  }
  local = *in;
  local.norm.config = &cfg;
  st = zt_normalize(&local.norm, &nr, err);
  if (!st)
    st = zt_indicators_compute(&nr, &local, periods, nperiods, peildatum,
                               out, err);
  zt_norm_result_free(&nr);
  return st;
}

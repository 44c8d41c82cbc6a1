/*
 * metrics/metrics.c -- the one entry point (see metrics.h): normalize,
 * run the pass, let every indicator family write its rows, sort,
 * suppress.
 */
#include "metrics/metrics.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "metrics/accum.h"
#include "metrics/indicator.h"

/* The caller's `beside` job on its own thread. */
typedef struct beside_job {
  const zt_metrics_input *in;
  zt_status st;
  zt_err err;
} beside_job;

static gpointer run_beside(gpointer data) {
  beside_job *j = data;
  j->st = j->in->beside(j->in->beside_ctx, &j->err);
  return NULL;
}

/* Normalize, with the caller's `beside` job on a second thread meanwhile
 * (inline when no thread can be started). */
static zt_status normalize(const zt_metrics_input *in, zt_norm_input *norm,
                           zt_norm_result *nr, zt_err *err) {
  beside_job job = {in, ZT_OK, {0}};
  GThread *th = NULL;
  zt_status st;
  if (in->beside)
    th = g_thread_try_new("zt-beside", run_beside, &job, NULL);
  st = zt_normalize(norm, nr, err);
  if (th)
    g_thread_join(th);
  else if (in->beside)
    run_beside(&job);
  if (job.st) {
    if (!st) {
      zt_norm_result_free(nr);
      if (err)
        *err = job.err;
      st = job.st;
    }
  }
  return st;
}

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

/* Every family's rows of the periods, sorted, not yet suppressed. */
static zt_status compute_rows(const zt_norm_result *nr,
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
  if (!st)
    zt_ind_table_sort(out);
  return st;
}

/* Suppression looks at the whole table and decides every row anew, so
 * it runs once, after the last rows are in. */
static zt_status suppress(const zt_metrics_input *in, zt_ind_table *out,
                          zt_err *err) {
  return zt_suppress_apply(out, in->suppression,
                           in->threshold ? in->threshold : 5, err);
}

zt_status zt_indicators_compute(const zt_norm_result *nr,
                                const zt_metrics_input *in,
                                const zt_period *periods, size_t nperiods,
                                zt_day peildatum, zt_ind_table *out,
                                zt_err *err) {
  zt_status st = compute_rows(nr, in, periods, nperiods, peildatum, out,
                              err);
  return st ? st : suppress(in, out, err);
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
  st = normalize(in, &local.norm, &nr, err);
  if (!st)
    st = zt_indicators_compute(&nr, &local, periods, nperiods, peildatum,
                               out, err);
  zt_norm_result_free(&nr);
  return st;
}

zt_status zt_metrics_request_compute(const zt_metrics_input *in,
                                     const zt_metrics_request *rq,
                                     zt_ind_table *out,
                                     zt_metrics_periods *per, zt_err *err) {
  const zt_period *period = &rq->period;
  zt_day peil = rq->peildatum;
  zt_norm_config cfg;
  zt_metrics_input local;
  zt_norm_result nr;
  zt_period *ps = NULL;
  size_t n = 0;
  zt_status st;

  if (per)
    memset(per, 0, sizeof *per);
  if (!in->norm.config)
    return zt_fail(err, ZT_ERR_USAGE, "metrics: no configuration");
  if (rq->with_trend && !per)
    return zt_fail(err, ZT_ERR_USAGE, "metrics: a report needs `per`");
  cfg = *in->norm.config;
  if (cfg.boundary_day == ZT_DAY_NONE)
    cfg.boundary_day = peil != ZT_DAY_NONE ? peil : period->end;
  local = *in;
  local.norm.config = &cfg;
  if ((st = normalize(in, &local.norm, &nr, err)))
    return st;

  if (rq->with_trend) {
    /* With a peildatum of its own the report period comes last, at that
     * peildatum (a table row is keyed with its peildatum); the trend
     * already holds it when the peildatum is the period's last day. */
    size_t cap = zt_period_trend_max(rq->first_year, period);
    per->trend = calloc(cap, sizeof *per->trend);
    ps = calloc(cap + 1, sizeof *ps);
    if (!per->trend || !ps) {
      st = zt_fail(err, ZT_ERR_NOMEM, "out of memory");
      goto done;
    }
    per->ntrend = zt_period_trend(rq->first_year, period, per->trend);
    for (size_t i = 0; i < per->ntrend; i++)
      if (peil == ZT_DAY_NONE || !zt_period_eq(&per->trend[i], period))
        ps[n++] = per->trend[i];
    st = compute_rows(&nr, &local, ps, n, ZT_DAY_NONE, out, err);
  }
  if (!st && (!rq->with_trend || peil != ZT_DAY_NONE))
    st = compute_rows(&nr, &local, period, 1, peil, out, err);
  /* The episode cohort, followed up to the report's peildatum: its
   * episode analysis only (the cohort's other figures are its own). */
  if (!st && rq->with_trend) {
    per->cohort = zt_period_cohort(rq->cohort, period);
    per->cohort_peil = peil != ZT_DAY_NONE ? peil : period->end;
    if (per->cohort_peil != per->cohort.end) {
      zt_metrics_input ci = local;
      /* and the flow's re-entry, whose follow-up is then complete */
      ci.families = 1u << ZT_FAM_EPISODES | 1u << ZT_FAM_FLOW;
      st = compute_rows(&nr, &ci, &per->cohort, 1, per->cohort_peil, out,
                        err);
    }
  }
  if (!st)
    st = suppress(in, out, err);
  if (!st && per) {
    per->twins = nr.twins;
    per->ntwins = nr.ntwins;
    nr.twins = NULL;
  }
done:
  free(ps);
  zt_norm_result_free(&nr);
  return st;
}

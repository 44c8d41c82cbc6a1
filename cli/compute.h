/*
 * cli/compute.h -- from the store to the indicator table: read a snapshot,
 * fill the metrics input from it and the configuration, and let
 * zt_metrics_request_compute (metrics/metrics.h) compute the periods
 * asked for. Shared by export, report, run and demo.
 */
#ifndef ZT_COMPUTE_H
#define ZT_COMPUTE_H

#include "cli/config.h"
#include "etl/double.h"
#include "etl/refdata.h"
#include "etl/snapshot.h"
#include "etl/store.h"
#include "metrics/completeness.h"
#include "metrics/period.h"
#include "metrics/table.h"

typedef struct zt_computed {
  zt_snapshot snap;
  zt_ind_table *table;
  zt_period *trend;        /* every half-year and year with data up to the
                              report period, oldest first */
  size_t ntrend;
  zt_period cohort;        /* the episode cohort of the report ([analysis]
                              cohort), measured at the report's peildatum;
                              its episodes.* and savings.* rows are in
                              `table` at that peildatum */
  zt_day cohort_peil;
  /* completeness (docs/completeness.md): triangles as known on the as-of
   * day, or on the latest arrival without one; `compl.units` NULL when
   * there are no lines */
  zt_compl_data *cdata;
  zt_completeness compl;
  /* possible double declarations (etl/double.h) of the period, for a
   * report and an export: their count and amount are the table's
   * dq.double_lines and dq.double_spend */
  zt_double *doubles;
  size_t ndoubles;
} zt_computed;

/* The completeness triangles of `out->snap` (loaded already) into
 * `out->cdata` and `out->compl`, as known on the configuration's as-of
 * day, else on the latest arrival; none without lines. */
zt_status zt_compute_completeness(const zt_config *cfg, zt_computed *out,
                                  zt_err *err);
/* The completeness settings of the configuration. */
void zt_compl_config_from(const zt_config *cfg, zt_compl_config *cc);
/* The distinct member codes of the configuration (caller frees). */
uint16_t *zt_member_codes(const zt_config *cfg, size_t *n);

/* Compute the indicator table for `period` (peildatum `peil`, or
 * ZT_DAY_NONE for the period's last day) and, when `with_trend` (a
 * report), for every earlier year and half-year with data and the
 * episode analysis of the report's cohort at the report's peildatum.
 * A store check the caller asked for (etl/store.h) may still run when
 * this returns: the caller waits for it (zt_store_check_finish) before
 * it writes anything computed here. */
zt_status zt_compute(const zt_config *cfg, const zt_refdata *rd,
                     zt_store *store, const zt_period *period, zt_day peil,
                     bool with_trend, zt_computed *out, zt_err *err);
void zt_computed_free(zt_computed *c);

#endif

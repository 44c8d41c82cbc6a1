/*
 * metrics/metrics.h -- the entry points the CLI calls: declaration lines
 * in, the whole indicator table out.
 *
 *   zt_metrics_compute = zt_normalize (etl/normalize.h)
 *                      + zt_indicators_compute (one pass per client
 *                        feeding every indicator of every period)
 *                      + zt_suppress_apply (metrics/suppress.h)
 *
 *   zt_metrics_request = the same for what an export or a report asks:
 *                        one period, or a report period with its trend
 *                        periods and its episode cohort
 *
 * Inputs are plain arrays that the store fills; nothing here opens a file
 * or prints.
 */
#ifndef ZT_METRICS_H
#define ZT_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "etl/flow.h"
#include "etl/answer.h"
#include "etl/normalize.h"
#include "etl/reasons.h"
#include "etl/record.h"
#include "metrics/period.h"
#include "metrics/suppress.h"
#include "metrics/table.h"

/* Data-quality counts from ingest, passed through to dq.*. They must
 * reconcile: lines_read = lines_accepted + duplicates_skipped + the sum
 * of rejected[]. */
typedef struct zt_dq_input {
  int64_t lines_read;
  int64_t lines_accepted;        /* stored */
  int64_t duplicates_skipped;    /* identical resends, skipped */
  int64_t rejected[ZT_R_COUNT];  /* per reason */
  int64_t credits_applied;
  int64_t credits_waiting;       /* in quarantine */
  /* declaration answers (JW325), or NULL: without any (present false)
   * the dq.*_by_gemeente, dq.*_not_assessed and dq.spend_approved rows
   * are left out */
  const zt_answer_stats *answers;
} zt_dq_input;

typedef struct zt_metrics_input {
  zt_norm_input norm;            /* lines, residences, clients, catalogue,
                                    refdata, configuration */
  const zt_provider *providers;  /* for provider types */
  size_t nproviders;
  zt_dq_input dq;
  const zt_population *population; /* bevolking, for the rate.* ids */
  size_t npopulation;
  int pop_age_from, pop_age_to;    /* the band of the rates; both 0:
                                      the default 0-17 */
  zt_supp_mode suppression;
  int threshold;                 /* default 5 */
  const zt_flow_data *flow;      /* requests, starts, stops (flow.*);
                                    NULL or empty: no flow.* rows */
  int wait_norm_days;            /* flow.waiting_over_norm; 0: 42 */
  const struct zt_completeness *completeness; /* triangles as known on
                                    the as-of day (metrics/completeness.h),
                                    or NULL (or one without units): no
                                    completeness.* rows */
  /* Work run on a second thread while the lines are normalized, or
   * NULL: the caller's completeness triangles, which read the same lines
   * and must be in `*completeness` when it returns. Its error stops the
   * computation like one of the metrics. */
  zt_status (*beside)(void *ctx, zt_err *err);
  void *beside_ctx;
  unsigned families;             /* 0: every indicator; else the bits
                                    1u << zt_ind_family to write (a
                                    report's episode cohort) */
} zt_metrics_input;

/* Parse a population band "0-17" (ages in completed years, inclusive). */
zt_status zt_population_band_parse(const char *s, int *from, int *to,
                                   zt_err *err);

/* Compute every indicator of the catalogue (metrics/indicator.h) for
 * each of `periods`, for the region and every member municipality, into
 * `out` (rows are added; existing rows with the same key are replaced),
 * then sort the table into export order and apply suppression.
 * `peildatum` ZT_DAY_NONE means each period's last day; otherwise it is
 * the peildatum of every period. With current boundaries and no
 * boundary_day in the configuration, codes are mapped to the latest
 * peildatum. Errors: ZT_ERR_USAGE (configuration, periods),
 * ZT_ERR_INPUT (inconsistent inputs), ZT_ERR_NOMEM. */
zt_status zt_metrics_compute(const zt_metrics_input *in,
                             const zt_period *periods, size_t nperiods,
                             zt_day peildatum, zt_ind_table *out,
                             zt_err *err);

/* What an export or a report asks of the metrics. */
typedef struct zt_metrics_request {
  zt_period period;        /* the export or report period */
  zt_day peildatum;        /* ZT_DAY_NONE: the period's last day */
  bool with_trend;         /* a report: also every earlier year and
                              half-year from first_year, and the episode
                              analysis of `cohort` at the peildatum */
  int first_year;          /* the first year with data */
  const char *cohort;      /* [analysis] cohort (zt_period_cohort) */
} zt_metrics_request;

/* The periods a request was computed for (with_trend only). */
typedef struct zt_metrics_periods {
  zt_period *trend;        /* oldest first; free() it */
  size_t ntrend;
  zt_period cohort;
  zt_day cohort_peil;
  /* the normalization's candidates for double declarations (etl/
   * normalize.h), handed on for etl/double.c; free() it */
  zt_norm_twin *twins;
  size_t ntwins;
} zt_metrics_periods;

/* Compute what `rq` asks into `out`. With current boundaries and no
 * boundary_day in the configuration every period is mapped to the
 * municipalities of the report's peildatum (or the period's last day),
 * so trend lines compare; the care periods are then normalized once for
 * every period. `per` may be NULL without with_trend. */
zt_status zt_metrics_request_compute(const zt_metrics_input *in,
                                     const zt_metrics_request *rq,
                                     zt_ind_table *out,
                                     zt_metrics_periods *per, zt_err *err);

/* The same on care periods already normalized (`nr`), e.g. reloaded
 * from the store or built by a test; `in->norm` supplies the
 * configuration and the clients (pseudonyms), `in->norm.lines` is not
 * read. */
zt_status zt_indicators_compute(const zt_norm_result *nr,
                                const zt_metrics_input *in,
                                const zt_period *periods, size_t nperiods,
                                zt_day peildatum, zt_ind_table *out,
                                zt_err *err);

#endif

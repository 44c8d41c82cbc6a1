/*
 * metrics/completeness.h -- how complete the latest months are: run-off
 * triangles (spending and unique clients per care month by months of
 * delay until arrival) and a chain-ladder estimate of the final value
 * with Mack's standard error (docs/completeness.md).
 *
 * Arrival of a line = its file's delivered_day (etl/snapshot.h). A care
 * month is the month of a line's begin day. Spending: a debit counts in
 * the delay bucket of its own arrival, a credit (negative) in the bucket
 * of the credit's arrival. Clients: a client counts once per care month,
 * in the bucket of its first arriving line for that month.
 *
 * Counts and amounts are exact integers; factors and standard errors are
 * doubles; estimates are rounded to whole cents / clients.
 */
#ifndef ZT_COMPLETENESS_H
#define ZT_COMPLETENESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "etl/normalize.h"
#include "etl/snapshot.h"

/* The z of the band: 1.645, a two-sided 90% normal interval. */
#define ZT_COMPL_Z 1.645

typedef struct zt_compl_config {
  int history;       /* care months each factor uses (default 12) */
  int max_delay;     /* K: a care month is final K months on (12) */
  int min_clients;   /* a municipality's mean unique clients per care
                        month in the factor window (50) */
} zt_compl_config;

void zt_compl_config_default(zt_compl_config *c);

/* The lines sorted once for any number of as-of days (zt_compl_build). */
typedef struct zt_compl_data zt_compl_data;

/* Index `lines`/`credits` (which must outlive the data) for the region
 * and the municipalities `codes` (by declared municipality). The
 * `rejections` (lines and credits an answer rejected, left out of
 * `lines`) count in the spending triangle from their arrival until the
 * answer's delivery day, so that a day before the answer sees them as
 * it saw them then; they never count as clients. */
zt_status zt_compl_prepare(const zt_nline *lines, size_t nlines,
                           const zt_credit_event *credits, size_t ncredits,
                           const zt_reject_event *rejections,
                           size_t nrejections, const uint16_t *codes,
                           size_t ncodes, zt_compl_data **out,
                           zt_err *err);
void zt_compl_data_free(zt_compl_data *d);
/* The latest arrival in the data (ZT_DAY_NONE when none). */
zt_day zt_compl_latest(const zt_compl_data *d);

/* Which triangle. */
enum { ZT_COMPL_SPEND = 0, ZT_COMPL_CLIENTS = 1 };

/* One unit's triangles and chain-ladder fit. */
typedef struct zt_compl_unit {
  uint16_t code;        /* 0: the region */
  bool usable;          /* enough history (and clients) for an estimate */
  int64_t *cell[2];     /* [i * (K + 1) + d]: incremental, d = K: K or
                           more months */
  double *f[2];         /* development factors f_0..f_{K-1} */
  double *s2[2];        /* Mack's sigma^2_k */
  double *sum[2];       /* S_k: sum of C(i,k) over the factor's rows */
} zt_compl_unit;

/* Triangles as known on `now`. */
typedef struct zt_completeness {
  zt_compl_config cfg;
  zt_day now;           /* the as-of day */
  int now_month;        /* year * 12 + month - 1 */
  int first_month;      /* the first care month */
  int nmonths;          /* care months first_month .. now_month */
  int data_rows;        /* of them, up to the last care month with lines:
                           the rows the factors are fitted on */
  size_t nunits;        /* units[0] is the region */
  zt_compl_unit *units;
} zt_completeness;

/* Build the triangles from what had arrived on `now` (lines and credits
 * with arrival <= now) and fit them. */
zt_status zt_compl_build(const zt_compl_data *d, zt_day now,
                         const zt_compl_config *cfg, zt_completeness *out,
                         zt_err *err);
void zt_compl_free(zt_completeness *c);

/* The unit of municipality `code` (0: the region), or NULL. */
const zt_compl_unit *zt_compl_unit_of(const zt_completeness *c,
                                      uint16_t code);

/* An estimate over care months m0..m1 (clipped to the data and to
 * now_month). */
typedef struct zt_compl_est {
  int64_t observed;     /* known on `now` */
  int64_t final;        /* expected final value (rounded) */
  int64_t low, high;    /* final -/+ z x Mack's standard error */
  double se;
  int months;           /* care months counted */
} zt_compl_est;

/* false when the unit is not usable or no month falls in the range. */
bool zt_compl_estimate(const zt_completeness *c, const zt_compl_unit *u,
                       int which, int m0, int m1, zt_compl_est *out);

/* The share (1.0 = all) of the final value that had arrived by delay k,
 * from the fitted factors: the arrival curve. */
double zt_compl_curve(const zt_completeness *c, const zt_compl_unit *u,
                      int which, int k);

/* year * 12 + month - 1 of day d. */
int zt_compl_month(zt_day d);

#endif

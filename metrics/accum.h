/*
 * metrics/accum.h -- internal to metrics/: the accumulators that the
 * one pass over the clients (metrics/pass.c) fills and the indicator
 * family functions (metrics/indicator.c) turn into table rows.
 *
 * One accumulator per (period, unit); unit 0 is the region, units 1..M
 * the member municipalities in code order. Every field is an exact
 * integer sum or count; the rationals are formed only when rows are
 * written.
 */
#ifndef ZT_ACCUM_H
#define ZT_ACCUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/hash.h"
#include "core/kinds.h"
#include "etl/normalize.h"
#include "metrics/indicator.h"
#include "metrics/metrics.h"

/* The distributions written as breakdowns of episodes.clients:
 * duration=1-30, 31-90, 91-180, 181-365, 366-730, 731+ (days) and
 * providers=1, 2, 3, 4, 5+ (distinct providers in the episode). */
enum { ZT_EP_DUR_BUCKETS = 6, ZT_EP_PROV_BUCKETS = 5 };

/* The duration bucket of an episode of `days` days (>= 1). */
static inline int zt_ep_duration_bucket(int32_t days) {
  static const int32_t upper[ZT_EP_DUR_BUCKETS - 1] = {30, 90, 180, 365,
                                                       730};
  int b = 0;
  while (b < ZT_EP_DUR_BUCKETS - 1 && days > upper[b])
    b++;
  return b;
}

/* One cohort episode, kept for the top-N figures. */
typedef struct zt_cohort_rec {
  int32_t duration;       /* days */
  int32_t age;            /* on the peildatum; -1 unknown */
  uint32_t client;
  uint32_t prank;         /* rank of the pseudonym: the tie-break */
  int64_t cost;           /* episode cost */
  int64_t amb;            /* ambulant cost outside the episodes */
} zt_cohort_rec;

typedef struct zt_acc {
  /* volume and spending */
  int64_t clients, clients_kind[ZT_K_COUNT];
  int64_t spend, spend_kind[ZT_K_COUNT];
  int64_t spend_n, spend_n_kind[ZT_K_COUNT];  /* clients paid for */
  int64_t prov_active, prov_top10;            /* after the pass */
  /* zo thuis */
  int64_t v_clients, v_kind[ZT_K_COUNT], v_gezinsvorm, v_residentieel;
  int64_t res_u12, ggz, ggz_u12, bw;
  int64_t atp, atp_kind[ZT_K_COUNT];
  int64_t placements, placements_res;
  int64_t gi[ZT_K_COUNT];
  int64_t outside;        /* region unit: care periods beginning in P
                             attributed to a non-member (dq.outside_region) */
  /* woonplaatsbeginsel: by the declaring municipality */
  int64_t decl_clients, decl_spend, decl_spend_n;
  /* region unit: flows with non-members (wpb.*_shift_out/_in): clients
   * declared to a member with no care attributed to one, and the other
   * way; amounts of lines beginning in P declared to a member and
   * attributed to a non-member, and the other way */
  int64_t out_clients, in_clients, out_spend, in_spend;
  int64_t out_spend_n, in_spend_n;   /* clients those amounts are of */
  /* episode analysis */
  int64_t ep_n, ep_ended, ep_cont, ep_le12;
  int64_t dur, dur_ended, dur_cont;
  int64_t short_n, short_dur, long_n, long_dur;
  int64_t short_ended;    /* short and ended before the peildatum */
  int64_t single, multi_n, multi_prov;
  int64_t dur_bucket[ZT_EP_DUR_BUCKETS];      /* episodes.clients duration= */
  int64_t prov_bucket[ZT_EP_PROV_BUCKETS];    /* episodes.clients providers= */
  int64_t cost, cost_cont, hist, hist_cont, amb;
  int64_t pd_days, pd_pairs, pd_eps;          /* provider days, all types */
  int64_t *pt_days, *pt_pairs, *pt_eps;       /* per provider type */
  zt_cohort_rec *coh;
  size_t ncoh, capcoh;
  /* top N, after the pass */
  int64_t top_n, top_dur, top_cost, top_amb, top_age, top_age_n;
} zt_acc;

/* Per (period, unit) and provider: what the provider figures need. */
typedef struct zt_pslot {
  int64_t spend;          /* amounts of lines begun in P */
  int32_t atp;            /* clients in verblijf on the peildatum */
  int32_t seen;           /* has a line begun in P */
} zt_pslot;

struct zt_emit {
  const zt_metrics_input *in;
  const zt_norm_config *cfg;
  const zt_norm_result *nr;
  const zt_period *periods;
  size_t nperiods;
  zt_day *peil;           /* per period */
  size_t nunits;
  uint16_t *unit_code;    /* unit -> CBS code, 0 for the region */
  bool *unit_rows;        /* [p * nunits + u]: write rows for it */
  int16_t unit_of[10000]; /* code -> unit, or -1 */
  zt_acc *acc;            /* [p * nunits + u] */
  int64_t *pt_block;      /* backing store of the per-type arrays */
  zt_u64map pidx;         /* agb -> dense provider index */
  uint32_t *pagb;         /* provider index -> agb */
  int32_t *ptype;         /* provider index -> type index */
  size_t nprov;
  zt_pslot **pblock;      /* [p * nunits + u]: nprov slots, or NULL */
  char (*types)[32];      /* provider types; the last is "onbekend" */
  size_t ntypes;
  size_t *mfirst, *mend;  /* unit -> its rows in `members` */
  bool *always;           /* unit -> member on every day */
  zt_member *members;     /* the membership list sorted by code */
  unsigned kgroups[ZT_K_COUNT];
  int krank[ZT_K_COUNT];
  uint32_t vmask;         /* kinds of group verblijf */
  uint32_t *prank;        /* client -> rank of its pseudonym */
  int64_t *pop;           /* [p * nunits + u]: the rates' population,
                             -1 when there is none (metrics/rate.c) */
  zt_u64map outside;      /* p * 10000 + code -> care periods beginning
                             in period p attributed to that non-member */
  zt_ind_table *out;
  struct zt_flow_acc *flow; /* metrics/flow.c, on first use */
};

static inline zt_acc *zt_acc_at(zt_emit *e, size_t p, size_t u) {
  return &e->acc[p * e->nunits + u];
}

/* Set up `e` for `periods` (peildatum ZT_DAY_NONE = each period's end). */
zt_status zt_emit_init(zt_emit *e, const zt_norm_result *nr,
                       const zt_metrics_input *in, const zt_period *periods,
                       size_t nperiods, zt_day peildatum, zt_ind_table *out,
                       zt_err *err);
/* The one pass over the clients, then the per-unit finishing (providers,
 * top N). */
zt_status zt_emit_pass(zt_emit *e, zt_err *err);
void zt_emit_free(zt_emit *e);

/* The population of unit u for period p (metrics/rate.c): youths of the
 * band on 1 January of the period's year, old codes summed under the
 * boundary day's with current boundaries; the region's is the sum of its
 * municipalities with rows. false when a unit (or, for the region, any
 * member) has none: then no rate is written. */
bool zt_rate_population(const zt_emit *e, size_t p, size_t u, int64_t *pop);
/* Fill e->pop (called by zt_emit_init). */
zt_status zt_rate_init(zt_emit *e, zt_err *err);

/* Write one row (metrics/indicator.c) / should (p, u) get rows of d? */
zt_status zt_ind_put(zt_emit *e, const zt_ind_def *d, size_t p, size_t u,
                     const char *breakdown, int64_t num, int64_t den,
                     int64_t n);
bool zt_ind_want(const zt_emit *e, const zt_ind_def *d, size_t p, size_t u);

/* The flow.* family (metrics/flow.c): its slots and its function. */
enum {
  ZT_F_REQUESTS, ZT_F_SHARE_HUISARTS, ZT_F_ASSIGNMENTS, ZT_F_WAIT_RA_MED,
  ZT_F_WAIT_RA_P90, ZT_F_WAIT_AS_MED, ZT_F_WAIT_AS_P90, ZT_F_WAITING,
  ZT_F_WAITING_OVER, ZT_F_STOPS, ZT_F_STOPS_CBS, ZT_F_SHARE_PLAN,
  ZT_F_DURATION, ZT_F_REENTRY_6M, ZT_F_REENTRY_12M, ZT_F_BROKEN
};
zt_status zt_fam_flow(zt_emit *e, const zt_ind_def *d);
void zt_flow_acc_free(struct zt_flow_acc *f);

#endif

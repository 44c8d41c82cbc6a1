/*
 * metrics/plausible.h -- plausibility checks on the indicator table: the
 * inputs that make an analysis meaningless or a number worth a second
 * look before the report goes out (docs/indicators.md "Plausibility").
 * The report lists them in its summary under "Opvallend"; the wording is
 * the renderer's. Region rows only; pure function of the table.
 */
#ifndef ZT_PLAUSIBLE_H
#define ZT_PLAUSIBLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "metrics/period.h"
#include "metrics/table.h"

typedef enum zt_finding_kind {
  ZT_FIND_AMBULANT_LOW,  /* the cohort's ambulant costs outside episodes are
                            below 1% of its stay costs: every savings
                            estimate is then about the stay costs alone */
  ZT_FIND_KIND_GONE,     /* a care kind with clients in the comparison
                            period and none now */
  ZT_FIND_KIND_NEW,      /* a care kind with none then and clients now */
  ZT_FIND_CHANGE,        /* a change of more than 25% (up or down)
                            against the same period a year earlier */
  ZT_FIND_PROVISIONAL    /* the period's declarations are not yet
                            complete (completeness.spend_share below
                            ZT_PLAUS_COMPLETE_PCT): its counts and money
                            are not set against a year earlier, which is
                            complete (now: the share) */
} zt_finding_kind;

typedef struct zt_finding {
  zt_finding_kind kind;
  const zt_ind_value *now;   /* the value found */
  const zt_ind_value *then;  /* what it is compared with */
  zt_period base;            /* the comparison period */
  int64_t pct;               /* ZT_FIND_CHANGE: the change in whole
                                percent, rounded half away from zero */
} zt_finding;

/* The thresholds (docs/indicators.md). */
#define ZT_PLAUS_CHANGE_PCT 25          /* more than +-25% */
#define ZT_PLAUS_MIN_CLIENTS 20         /* a kind's change: both periods at
                                           least this many clients */
#define ZT_PLAUS_MIN_CENTS 10000000     /* ... or EUR 100.000 of spending */
#define ZT_PLAUS_COMPLETE_PCT 97        /* a period is compared with a
                                           year earlier only when at least
                                           this share of its money has
                                           arrived */

/* The completeness.spend_share of period `p` in the region when it is
 * below ZT_PLAUS_COMPLETE_PCT (its declarations still arriving), else
 * NULL: such a period is not set against a complete one (Opvallend,
 * and the summary's change sentences mark its counts provisional). */
const zt_ind_value *zt_plausibility_provisional(const zt_ind_table *t,
                                                const zt_period *p);

/* Run every check on the region rows of `t` for report period `p` and
 * episode cohort `cohort` measured at `cohort_peil` (ZT_DAY_NONE: the
 * cohort's own end). Writes at most `max` findings to out[] in a fixed
 * order (the ambulant check, then per indicator in catalogue order, per
 * kind in kind order) and returns how many there are in all. */
size_t zt_plausibility(const zt_ind_table *t, const zt_period *p,
                       const zt_period *cohort, zt_day cohort_peil,
                       zt_finding *out, size_t max);

#endif

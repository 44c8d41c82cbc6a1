/*
 * metrics/indicator.h -- the indicator catalogue: the ONE place that
 * knows indicator ids. docs/indicators.md defines them; its catalogue
 * table is generated from this one (`zothuis indicators --markdown`,
 * scripts/gen-docs.sh).
 *
 * Each id has a definition row: unit, display precision, breakdowns,
 * suppression class, how its rows relate to totals (for complementary
 * suppression) and the family function that writes its rows into the
 * indicator table. Templates, targets and the export look ids up here;
 * metrics/metrics.c runs the families. Numbers stay exact rationals
 * (metrics/table.h) until display.
 */
#ifndef ZT_INDICATOR_H
#define ZT_INDICATOR_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "metrics/period.h"
#include "metrics/table.h"

/* How the privacy rules treat a row (metrics/suppress.c). */
typedef enum zt_supp_class {
  ZT_SC_NONE,      /* never hidden: data quality, provider counts */
  ZT_SC_COUNT,     /* a count of clients or episodes: the value itself */
  ZT_SC_SHARE,     /* a percentage of two client counts, n = whole */
  ZT_SC_DERIVED,   /* a mean, an amount or a money share over n clients */
  ZT_SC_DEPENDS    /* hidden when a row it is computed from is hidden */
} zt_supp_class;

typedef enum zt_ind_family {
  ZT_FAM_VOLUME,   /* clients.*, spend.*, providers.* */
  ZT_FAM_ZOTHUIS,  /* verblijf.*, ggz_klinisch.*, beschermd_wonen.*,
                      instroom.* */
  ZT_FAM_EPISODES, /* episodes.*, savings.* */
  ZT_FAM_GI,       /* gi.* */
  ZT_FAM_WPB,      /* wpb.* */
  ZT_FAM_DQ,       /* dq.* */
  ZT_FAM_RATE,     /* rate.*: counts per 1.000 youths (population) */
  ZT_FAM_FLOW,     /* flow.*: access and outflow (metrics/flow.c) */
  ZT_FAM_COMPL     /* completeness.*, estimate.*: how complete the figures
                      are (metrics/completeness.c) */
} zt_ind_family;

/* How breakdown rows relate to their total (complementary suppression
 * and the disclosure audit). */
typedef enum zt_parts {
  ZT_PARTS_SUM,    /* the parts add up to the total exactly */
  ZT_PARTS_COVER   /* a client may count in two parts: total <= the sum,
                      every part <= the total */
} zt_parts;

/* How a year's row relates to the rows of its two half-years. */
typedef enum zt_time_rel {
  ZT_TIME_NONE,    /* no relation the audit can use */
  ZT_TIME_SUM,     /* year = H1 + H2 (money, episodes beginning in P) */
  ZT_TIME_UNION,   /* unique clients: each half <= year <= H1 + H2 */
  ZT_TIME_LATEST   /* clients by their kind on the latest day of P: a
                      client of the 2e halfjaar has the year's kind, one
                      of the 1e halfjaar may not: H2 <= year <= H1 + H2 */
} zt_time_rel;

/* The run state a family function reads (metrics/accum.h). */
typedef struct zt_emit zt_emit;
typedef struct zt_ind_def zt_ind_def;
typedef zt_status (*zt_ind_fn)(zt_emit *e, const zt_ind_def *def);

struct zt_ind_def {
  const char *id;           /* "verblijf.share_gezinsvorm" */
  zt_unit unit;
  int decimals;             /* display decimals (counts, days, years) */
  const char *breakdowns;   /* breakdown keys, comma separated, or NULL */
  bool breakdown_only;      /* ids ending in by_kind: no total row */
  bool region_only;         /* dq.*: the region row only */
  zt_supp_class supp;
  bool additive;            /* municipality rows add up to the region
                               (money exactly; counts at least: a mover
                               counts in two municipalities) */
  const char *total;        /* complementary suppression: the id whose
                               total row this row (and its breakdown
                               rows) add up to; NULL = its own total */
  const char *deps[4];      /* rows (same period, peildatum, unit) it is
                               computed from, "id" or "id|key=value": a
                               value is hidden when one of them is. A
                               share: deps[0] its whole, then the parts
                               of its numerator, then "-id|key=value"
                               for a row its denominator leaves out of
                               the whole (flow.share_volgens_plan: the
                               stops less cbs=overig) */
  zt_ind_family family;
  int slot;                 /* which value within the family */
  zt_ind_fn fn;             /* writes this indicator's rows */
  const char *description;  /* English: what is counted, so that a
                               reader of the catalogue can tell */
  /* -- disclosure control (metrics/suppress.c, docs/privacy.md); zero
   *    for most rows -- */
  zt_parts parts;           /* how the rows under `total` relate to it */
  zt_time_rel time;         /* how a year relates to its half-years */
  const char *within;       /* a mean over part of the clients of this
                               row's total (its n): n and the rest
                               (within's n - n) must both be 0 or at
                               least the threshold. "~id": the rest has
                               no value of this mean's quantity (the
                               unknown ages of episodes.top_age_mean),
                               so no mean of the whole gives the rest's
                               away: at region level, where counts are
                               shown, the rule does not apply */
  const char *same;         /* a row with the same value ("id|key=v"):
                               hidden together */
};

/* Number of indicators and the i-th, in catalogue order. */
size_t zt_ind_count(void);
const zt_ind_def *zt_ind_at(size_t i);
/* The definition of `id`, or NULL when there is no such indicator. */
const zt_ind_def *zt_ind_lookup(const char *id);

/* Does `def` have the breakdown key `key` ("kind", "provider", ...)? */
bool zt_ind_has_breakdown(const zt_ind_def *def, const char *key);

/* The display text of an unsuppressed value, exactly as the report
 * prints it: "1.234", "68,4%", "€ 110.245", "557", "15,5". */
void zt_ind_display(const zt_ind_value *v, char out[32]);

/* dq.double_lines and dq.double_spend of `period`, at `peildatum` (its
 * last day when ZT_DAY_NONE), from the `n` possible double declarations
 * `d` found after the metrics pass (etl/double.h, cli/compute.c): the
 * region row, count and net cents, always, and a gemeente= row per
 * responsible municipality with one. The rows' keys replace equal ones;
 * the table is sorted again (never suppressed: data quality). */
struct zt_double;
zt_status zt_dq_doubles_put(zt_ind_table *t, const zt_period *period,
                            zt_day peildatum, const struct zt_double *d,
                            size_t n);

/* The export's `value` text: '.' as decimal point; integers as is;
 * money in euros with two decimals (cents precision, "110245.37");
 * means and shares (percent units) with up to six decimals, trailing
 * zeros dropped ("68.4", "557.333333"). */
void zt_ind_value_text(const zt_ind_value *v, char *buf, size_t size);

#endif

/*
 * metrics/plausible.c -- plausibility checks on the indicator table (see
 * plausible.h). Exact comparisons on the rationals of the table.
 */
#include "metrics/plausible.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/kinds.h"
#include "core/numfmt_nl.h"

static void add(zt_finding *out, size_t max, size_t *n, zt_finding f) {
  if (*n < max)
    out[*n] = f;
  (*n)++;
}

static const zt_ind_value *region(const zt_ind_table *t, const char *id,
                                  const zt_period *p, const char *bd) {
  char name[8];
  zt_period_name(p, name);
  return zt_ind_table_find(t, id, name, ZT_GEMEENTE_REGIO, bd);
}

/* The same period a year earlier (2023-H2 -> 2022-H2, 2023 -> 2022). */
static zt_period year_before(const zt_period *p) {
  return p->half ? zt_period_half(p->year - 1, p->half)
                 : zt_period_year(p->year - 1);
}

/* Is the value zero? (a count or an amount) */
static bool zero(const zt_ind_value *v) {
  return v->num == 0;
}

/* ZT_FIND_CHANGE when |now/then - 1| > 25%, both at least `min`
 * (num/den in the table's own scale; then > 0). */
static void change(const zt_ind_value *now, const zt_ind_value *then,
                   const zt_period *base, int64_t min, zt_finding *out,
                   size_t max, size_t *n) {
  __int128 a, b;
  if (!now || !then || then->num <= 0 || now->num < 0 || now->den != 1 ||
      then->den != 1 || now->num < min || then->num < min)
    return;
  /* 100 * now > 125 * then, or 100 * now < 75 * then */
  a = (__int128)now->num * 100;
  b = (__int128)then->num;
  if (a > b * (100 + ZT_PLAUS_CHANGE_PCT) ||
      a < b * (100 - ZT_PLAUS_CHANGE_PCT)) {
    zt_finding f = {ZT_FIND_CHANGE, now, then, *base, 0};
    f.pct = zt_round_div((now->num - then->num) * 100, then->num);
    add(out, max, n, f);
  }
}

const zt_ind_value *zt_plausibility_provisional(const zt_ind_table *t,
                                                const zt_period *p) {
  const zt_ind_value *c = region(t, "completeness.spend_share", p, "");
  return c && c->den > 0 &&
                 (__int128)c->num * 100 <
                     (__int128)c->den * ZT_PLAUS_COMPLETE_PCT
             ? c
             : NULL;
}

size_t zt_plausibility(const zt_ind_table *t, const zt_period *p,
                       const zt_period *cohort, zt_day cohort_peil,
                       zt_finding *out, size_t max) {
  static const char *const totals[] = {"clients.total", "spend.total",
                                       "verblijf.clients",
                                       "instroom.placements"};
  zt_period yb = year_before(p), prev = zt_period_prev(p);
  /* A period whose declarations are still arriving has too little money
   * and too few clients, and late months split stays into spurious new
   * placements: set against a complete year earlier, every change would
   * be an artefact of arrival, not of care. Then one finding says so and
   * no change is judged (gone and new kinds still are). */
  const zt_ind_value *comp = zt_plausibility_provisional(t, p);
  bool provisional = comp != NULL;
  size_t n = 0;
  /* the savings estimates: ambulant costs outside the episodes below 1%
   * of the stay costs (both means over the same cohort, so compare the
   * sums: 100 * ambulant < history) */
  {
    char name[8];
    const zt_ind_value *amb, *hist;
    zt_period_name(cohort, name);
    amb = zt_ind_table_find_at(t, "episodes.ambulant_cost_mean", name,
                               cohort_peil, ZT_GEMEENTE_REGIO, "");
    hist = zt_ind_table_find_at(t, "episodes.cost_mean_history", name,
                                cohort_peil, ZT_GEMEENTE_REGIO, "");
    if (amb && hist && hist->num > 0 &&
        (__int128)amb->num * hist->den * 100 <
            (__int128)hist->num * amb->den) {
      zt_finding f = {ZT_FIND_AMBULANT_LOW, amb, hist, *cohort, 0};
      add(out, max, &n, f);
    }
  }
  /* totals: more than 25% up or down against a year earlier */
  if (provisional) {
    zt_finding f = {ZT_FIND_PROVISIONAL, comp, NULL, yb, 0};
    add(out, max, &n, f);
  }
  for (size_t i = 0; !provisional && i < sizeof totals / sizeof totals[0];
       i++)
    change(region(t, totals[i], p, ""), region(t, totals[i], &yb, ""), &yb,
           0, out, max, &n);
  /* care kinds: gone or new against the period before or a year
   * earlier; otherwise a large change of a kind that is not small */
  for (int k = 0; k < ZT_K_COUNT; k++) {
    char bd[64];
    const zt_ind_value *now, *before, *ago;
    snprintf(bd, sizeof bd, "kind=%s", zt_kind_id((zt_care_kind)k));
    now = region(t, "clients.by_kind", p, bd);
    before = region(t, "clients.by_kind", &prev, bd);
    ago = region(t, "clients.by_kind", &yb, bd);
    if (!now)
      continue;
    if (zero(now) && ((before && !zero(before)) || (ago && !zero(ago)))) {
      zt_finding f = {ZT_FIND_KIND_GONE, now, before && !zero(before)
                                                 ? before : ago,
                      before && !zero(before) ? prev : yb, 0};
      add(out, max, &n, f);
    } else if (!zero(now) && ((before && zero(before)) ||
                              (ago && zero(ago)))) {
      zt_finding f = {ZT_FIND_KIND_NEW, now, before && zero(before)
                                                ? before : ago,
                      before && zero(before) ? prev : yb, 0};
      add(out, max, &n, f);
    } else if (!provisional) {
      change(now, ago, &yb, ZT_PLAUS_MIN_CLIENTS, out, max, &n);
      change(region(t, "spend.by_kind", p, bd),
             region(t, "spend.by_kind", &yb, bd), &yb, ZT_PLAUS_MIN_CENTS,
             out, max, &n);
    }
  }
  return n;
}

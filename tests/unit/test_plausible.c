/*
 * tests/unit/test_plausible.c -- metrics/plausible.c: the checks the
 * report lists under "Opvallend": ambulant costs below 1% of the stay
 * costs (the savings estimate meaningless), a care kind that drops to
 * zero or appears from zero, a change of more than 25% against the same
 * period a year earlier (not judged while the period is less than 97%
 * complete); each at its boundary, and nothing on a table that has no
 * reason for it.
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "metrics/plausible.h"
#include "metrics/table.h"

static void put(zt_ind_table *t, const char *id, const char *period,
                zt_day peil, const char *bd, zt_unit unit, int64_t num,
                int64_t den) {
  zt_ind_value v;
  zt_period p;
  memset(&v, 0, sizeof v);
  assert_int_equal(zt_period_parse(period, &p, NULL), ZT_OK);
  snprintf(v.indicator, sizeof v.indicator, "%s", id);
  snprintf(v.period, sizeof v.period, "%s", period);
  v.peildatum = peil == ZT_DAY_NONE ? p.end : peil;
  snprintf(v.breakdown, sizeof v.breakdown, "%s", bd);
  v.unit = unit;
  v.num = num;
  v.den = den;
  v.n = den;
  snprintf(v.display, sizeof v.display, "%lld", (long long)num);
  assert_int_equal(zt_ind_table_put(t, &v), ZT_OK);
}

static void count(zt_ind_table *t, const char *id, const char *period,
                  const char *bd, int64_t x) {
  put(t, id, period, ZT_DAY_NONE, bd, ZT_UNIT_COUNT, x, 1);
}

static size_t run(const zt_ind_table *t, zt_finding *f, size_t max) {
  zt_period p = zt_period_half(2023, 2), c = zt_period_year(2022);
  return zt_plausibility(t, &p, &c, zt_day_from_ymd(2023, 12, 31), f, max);
}

/* The cohort 2022 at 31 December 2023: 10 clients, stay costs EUR
 * 2.000.000 in all (mean 200.000), ambulant costs outside the episodes
 * EUR 19.990 in all: 100 * 1.999.000 < 200.000.000 cents, below 1%.
 * With EUR 20.000 (exactly 1%) nothing is flagged. */
static void test_ambulant_low(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_finding f[4];
  zt_day peil = zt_day_from_ymd(2023, 12, 31);
  (void)state;
  put(t, "episodes.cost_mean_history", "2022", peil, "", ZT_UNIT_EUR,
      200000000, 10);
  put(t, "episodes.ambulant_cost_mean", "2022", peil, "", ZT_UNIT_EUR,
      1999000, 10);
  /* the same rows at the cohort's own end are not the ones judged */
  put(t, "episodes.ambulant_cost_mean", "2022", ZT_DAY_NONE, "", ZT_UNIT_EUR,
      100000000, 10);
  assert_int_equal(run(t, f, 4), 1);
  assert_int_equal(f[0].kind, ZT_FIND_AMBULANT_LOW);
  assert_int_equal(f[0].now->num, 1999000);
  put(t, "episodes.ambulant_cost_mean", "2022", peil, "", ZT_UNIT_EUR,
      2000000, 10);
  assert_int_equal(run(t, f, 4), 0);
  zt_ind_table_free(t);
}

/* Kinds in 2023-H2 against 2023-H1 and 2022-H2: gesloten 0 <- 7 (gone),
 * crisis 6 <- 0 (new), pleegzorg 100 <- 80 a year ago (+25%: not more
 * than 25%), residentieel 74 <- 100 (-26%: flagged), dyslexie 19 <- 40
 * (-53%, but 19 is below the 20 clients a change needs). Totals:
 * clients.total 126 <- 100 (+26%), spend.total EUR 1.000 <- EUR 800
 * (+25%: not flagged). */
static void test_kinds_and_changes(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_finding f[8];
  size_t n;
  (void)state;
  count(t, "clients.by_kind", "2023-H2", "kind=gesloten", 0);
  count(t, "clients.by_kind", "2023-H1", "kind=gesloten", 7);
  count(t, "clients.by_kind", "2022-H2", "kind=gesloten", 5);
  count(t, "clients.by_kind", "2023-H2", "kind=crisis", 6);
  count(t, "clients.by_kind", "2023-H1", "kind=crisis", 0);
  count(t, "clients.by_kind", "2022-H2", "kind=crisis", 4);
  count(t, "clients.by_kind", "2023-H2", "kind=pleegzorg", 100);
  count(t, "clients.by_kind", "2023-H1", "kind=pleegzorg", 95);
  count(t, "clients.by_kind", "2022-H2", "kind=pleegzorg", 80);
  count(t, "clients.by_kind", "2023-H2", "kind=residentieel", 74);
  count(t, "clients.by_kind", "2023-H1", "kind=residentieel", 80);
  count(t, "clients.by_kind", "2022-H2", "kind=residentieel", 100);
  count(t, "clients.by_kind", "2023-H2", "kind=dyslexie", 19);
  count(t, "clients.by_kind", "2023-H1", "kind=dyslexie", 30);
  count(t, "clients.by_kind", "2022-H2", "kind=dyslexie", 40);
  count(t, "clients.total", "2023-H2", "", 126);
  count(t, "clients.total", "2022-H2", "", 100);
  put(t, "spend.total", "2023-H2", ZT_DAY_NONE, "", ZT_UNIT_EUR, 100000, 1);
  put(t, "spend.total", "2022-H2", ZT_DAY_NONE, "", ZT_UNIT_EUR, 80000, 1);
  n = run(t, f, 8);
  assert_int_equal(n, 4);
  /* totals first, then kinds in kind order (crisis, residentieel,
   * gesloten in core/kinds.c) */
  assert_int_equal(f[0].kind, ZT_FIND_CHANGE);
  assert_string_equal(f[0].now->indicator, "clients.total");
  assert_int_equal(f[0].pct, 26);
  assert_int_equal(f[1].kind, ZT_FIND_KIND_NEW);
  assert_string_equal(f[1].now->breakdown, "kind=crisis");
  assert_int_equal(f[1].base.half, 1);   /* against the period before */
  assert_int_equal(f[2].kind, ZT_FIND_CHANGE);
  assert_string_equal(f[2].now->breakdown, "kind=residentieel");
  assert_int_equal(f[2].pct, -26);
  assert_int_equal(f[3].kind, ZT_FIND_KIND_GONE);
  assert_string_equal(f[3].now->breakdown, "kind=gesloten");
  assert_int_equal(f[3].then->num, 7);

  /* 2023-H2 only 96,9% complete (31/32): its changes against a complete
   * year earlier are not judged, one finding says why; a kind gone or
   * new still is. At 97% (97/100) they are judged again. */
  put(t, "completeness.spend_share", "2023-H2", ZT_DAY_NONE, "",
      ZT_UNIT_PERCENT, 31, 32);
  n = run(t, f, 8);
  assert_int_equal(n, 3);
  assert_int_equal(f[0].kind, ZT_FIND_PROVISIONAL);
  assert_int_equal(f[0].now->num, 31);
  assert_int_equal(f[0].base.year, 2022);
  assert_int_equal(f[1].kind, ZT_FIND_KIND_NEW);
  assert_int_equal(f[2].kind, ZT_FIND_KIND_GONE);
  put(t, "completeness.spend_share", "2023-H2", ZT_DAY_NONE, "",
      ZT_UNIT_PERCENT, 97, 100);
  assert_int_equal(run(t, f, 8), 4);
  assert_int_equal(f[0].kind, ZT_FIND_CHANGE);
  zt_ind_table_free(t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ambulant_low),
      cmocka_unit_test(test_kinds_and_changes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

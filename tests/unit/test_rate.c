/*
 * tests/unit/test_rate.c -- the rate.* indicators (metrics/rate.c):
 * every rate equals count x 1000 / population (money: cents /
 * population) computed here by hand, for the region and each
 * municipality; a merged municipality's population is summed under
 * current boundaries; a municipality without a population for the year
 * has no rates (and the region none either), with dq.population_missing,
 * never a rate from another year; a band tiled from several rows; a rate
 * is hidden with its count.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "core/kinds.h"
#include "metrics/metrics.h"
#include "metrics/suppress.h"
#include "mfixture.h"

static zt_refdata *rd;

static int setup(void **state) {
  (void)state;
  rd = mf_refdata();
  return rd ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  zt_refdata_free(rd);
  return 0;
}

/* Hilversum 0402, Huizen 0406, Gooise Meren 1942 (Bussum, Muiden and
 * Naarden until 2015), Laren 0417 (population for 2022 only, unless
 * `laren`). */
static const zt_population pop_base[] = {
    {402, 2023, 0, 17, 15234},
    {402, 2015, 0, 17, 15000},
    {402, 2023, 18, 22, 5000},      /* outside the band: not used */
    {406, 2023, 0, 11, 3000},       /* two bands: 4800 */
    {406, 2023, 12, 17, 1800},
    {406, 2015, 0, 4, 1000},        /* five-year groups and single */
    {406, 2015, 5, 9, 1100},        /* years: 4400 */
    {406, 2015, 10, 14, 1200},
    {406, 2015, 15, 15, 400},
    {406, 2015, 16, 16, 350},
    {406, 2015, 17, 17, 350},
    {1942, 2023, 0, 17, 10700},
    {381, 2015, 0, 17, 6000},       /* merged into 1942: 10300 */
    {424, 2015, 0, 17, 1200},
    {425, 2015, 0, 17, 3100},
    {417, 2022, 0, 17, 2100},       /* another year only */
    {417, 2023, 0, 17, 2090},       /* these two with `laren` */
    {417, 2015, 0, 17, 2300},
};

static mf *fixture(bool laren) {
  mf *m = mf_new(rd, 16);
  zt_day b23 = mf_day(2023, 2, 1), e23 = mf_day(2023, 3, 31);
  zt_day b15 = mf_day(2015, 2, 1), e15 = mf_day(2015, 3, 31);
  mf_member(m, 402, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_member(m, 406, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_member(m, 417, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_member(m, 1942, ZT_DAY_NONE, ZT_DAY_NONE);
  m->population = pop_base;
  m->npopulation = sizeof pop_base / sizeof pop_base[0] - (laren ? 0 : 2);
  /* 2023: Hilversum 7 clients (5 ambulant, pleegzorg, residentieel) */
  for (uint32_t c = 0; c < 5; c++)
    mf_cp(m, c, ZT_K_AMB_BEGELEIDING, 11111111, 402, b23, e23, 100000);
  mf_cp(m, 5, ZT_K_PLEEGZORG, 11111111, 402, b23, e23, 250050);
  mf_cp(m, 6, ZT_K_RESIDENTIEEL, 11111111, 402, b23, e23, 900001);
  /* Huizen: gezinshuis and ambulant; Laren: ambulant */
  mf_cp(m, 7, ZT_K_GEZINSHUIS, 11111111, 406, b23, e23, 300000);
  mf_cp(m, 8, ZT_K_AMB_BEGELEIDING, 11111111, 406, b23, e23, 12345);
  mf_cp(m, 9, ZT_K_AMB_BEGELEIDING, 11111111, 417, b23, e23, 5000);
  /* Gooise Meren 2023: residentieel; 2015 residentieel and ambulant */
  mf_cp(m, 10, ZT_K_RESIDENTIEEL, 11111111, 1942, b23, e23, 700000);
  mf_cp(m, 11, ZT_K_RESIDENTIEEL, 11111111, 1942, b15, e15, 650000);
  mf_cp(m, 12, ZT_K_AMB_BEGELEIDING, 11111111, 1942, b15, e15, 40000);
  /* 2015: Hilversum and Huizen ambulant */
  mf_cp(m, 13, ZT_K_AMB_BEGELEIDING, 11111111, 402, b15, e15, 30000);
  mf_cp(m, 14, ZT_K_AMB_BEGELEIDING, 11111111, 406, b15, e15, 20000);
  return m;
}

static int64_t num_of(const mf *m, const char *id, const char *period,
                      uint16_t gem, const char *bd) {
  const zt_ind_value *v = mf_get(m, id, period, gem, bd);
  assert_non_null(v);
  assert_int_equal(v->den, 1);
  return v->num;
}

/* Every rate of one unit against its counts and the population given. */
static void check_unit(const mf *m, const char *period, uint16_t gem,
                       int64_t pop) {
  static const char *const res[3] = {"kind=residentieel", "kind=driemilieu",
                                     "kind=gesloten"};
  int64_t r = 0;
  MF_EXPECT(m, "rate.clients_per_1000", period, gem, NULL,
            num_of(m, "clients.total", period, gem, NULL) * 1000, pop);
  MF_EXPECT(m, "rate.verblijf_per_1000", period, gem, NULL,
            num_of(m, "verblijf.clients", period, gem, NULL) * 1000, pop);
  for (int k = 0; k < 3; k++)
    r += num_of(m, "verblijf.clients_by_kind", period, gem, res[k]);
  MF_EXPECT(m, "rate.residentieel_per_1000", period, gem, NULL, r * 1000,
            pop);
  for (int k = 0; k < ZT_K_COUNT; k++) {
    char bd[64];
    snprintf(bd, sizeof bd, "kind=%s", zt_kind_id((zt_care_kind)k));
    MF_EXPECT(m, "rate.by_kind_per_1000", period, gem, bd,
              num_of(m, "clients.by_kind", period, gem, bd) * 1000, pop);
  }
  MF_EXPECT(m, "rate.spend_per_youth", period, gem, NULL,
            num_of(m, "spend.total", period, gem, NULL), pop);
}

static void check_absent(const mf *m, const char *period, uint16_t gem) {
  MF_ABSENT(m, "rate.clients_per_1000", period, gem, NULL);
  MF_ABSENT(m, "rate.verblijf_per_1000", period, gem, NULL);
  MF_ABSENT(m, "rate.residentieel_per_1000", period, gem, NULL);
  MF_ABSENT(m, "rate.by_kind_per_1000", period, gem, "kind=pleegzorg");
  MF_ABSENT(m, "rate.spend_per_youth", period, gem, NULL);
}

static void test_rates_by_hand(void **state) {
  zt_period ps[2];
  mf *m = fixture(true);
  (void)state;
  assert_int_equal(zt_period_parse("2023", &ps[0], NULL), ZT_OK);
  assert_int_equal(zt_period_parse("2015", &ps[1], NULL), ZT_OK);
  assert_int_equal(mf_run(m, ps, 2, ZT_DAY_NONE), ZT_OK);
  /* the figures themselves, by hand */
  MF_EXPECT(m, "rate.clients_per_1000", "2023", 402, NULL, 7000, 15234);
  MF_EXPECT(m, "rate.verblijf_per_1000", "2023", 402, NULL, 2000, 15234);
  MF_EXPECT(m, "rate.residentieel_per_1000", "2023", 402, NULL, 1000,
            15234);
  MF_EXPECT(m, "rate.by_kind_per_1000", "2023", 402, "kind=pleegzorg",
            1000, 15234);
  MF_EXPECT(m, "rate.spend_per_youth", "2023", 402, NULL,
            5 * 100000 + 250050 + 900001, 15234);
  MF_EXPECT(m, "rate.clients_per_1000", "2023", 406, NULL, 2000, 4800);
  MF_EXPECT(m, "rate.clients_per_1000", "2015", 406, NULL, 1000, 4400);
  /* Gooise Meren 2015: Bussum + Muiden + Naarden */
  MF_EXPECT(m, "rate.clients_per_1000", "2015", 1942, NULL, 2000, 10300);
  MF_EXPECT(m, "rate.residentieel_per_1000", "2015", 1942, NULL, 1000,
            10300);
  /* the region: its clients over the sum of its municipalities */
  MF_EXPECT(m, "rate.clients_per_1000", "2023", 0, NULL, 11000,
            15234 + 4800 + 2090 + 10700);
  MF_EXPECT(m, "rate.clients_per_1000", "2015", 0, NULL, 4000,
            15000 + 4400 + 2300 + 10300);
  /* every rate of every unit against the table's counts */
  check_unit(m, "2023", 402, 15234);
  check_unit(m, "2023", 406, 4800);
  check_unit(m, "2023", 417, 2090);
  check_unit(m, "2023", 1942, 10700);
  check_unit(m, "2023", 0, 15234 + 4800 + 2090 + 10700);
  check_unit(m, "2015", 402, 15000);
  check_unit(m, "2015", 406, 4400);
  check_unit(m, "2015", 417, 2300);
  check_unit(m, "2015", 1942, 10300);
  check_unit(m, "2015", 0, 15000 + 4400 + 2300 + 10300);
  MF_EXPECT(m, "dq.population_missing", "2023", 0, NULL, 0, 1);
  /* display: one decimal, "0,5" per 1.000, euros per youth */
  assert_string_equal(
      mf_get(m, "rate.clients_per_1000", "2023", 402, "")->display, "0,5");
  /* € 16.500,51 / 15.234 youths */
  assert_string_equal(
      mf_get(m, "rate.spend_per_youth", "2023", 402, "")->display, "€ 1");
  mf_free(m);
}

static void test_population_missing(void **state) {
  zt_period ps[2];
  mf *m = fixture(false);
  (void)state;
  assert_int_equal(zt_period_parse("2023", &ps[0], NULL), ZT_OK);
  assert_int_equal(zt_period_parse("2015", &ps[1], NULL), ZT_OK);
  assert_int_equal(mf_run(m, ps, 2, ZT_DAY_NONE), ZT_OK);
  /* Laren has 2022 only: no rate in 2023, not even from 2022 */
  check_absent(m, "2023", 417);
  check_absent(m, "2015", 417);
  check_absent(m, "2023", 0);          /* the region is incomplete */
  check_absent(m, "2015", 0);
  check_unit(m, "2023", 402, 15234);
  check_unit(m, "2023", 406, 4800);
  check_unit(m, "2023", 1942, 10700);
  check_unit(m, "2015", 1942, 10300);
  MF_EXPECT(m, "dq.population_missing", "2023", 0, NULL, 1, 1);
  MF_EXPECT(m, "dq.population_missing", "2023", 0, "gemeente=0417", 1, 1);
  MF_EXPECT(m, "dq.population_missing", "2015", 0, NULL, 1, 1);
  MF_ABSENT(m, "dq.population_missing", "2023", 0, "gemeente=0402");
  mf_free(m);
}

/* A band other than 0-17, and one the rows cannot make. */
static void test_band(void **state) {
  mf *m = fixture(true);
  (void)state;
  m->in.pop_age_from = 0;
  assert_int_equal(mf_run1(m, "2015", ZT_DAY_NONE), ZT_OK);
  {
    /* 0-14 from Huizen's five-year groups only */
    zt_period p;
    zt_norm_result nr;
    zt_metrics_input in = m->in;
    zt_ind_table *t = zt_ind_table_new();
    in.pop_age_from = 0;
    in.pop_age_to = 14;
    assert_int_equal(zt_period_parse("2015", &p, NULL), ZT_OK);
    assert_int_equal(zt_norm_result_build(&nr, m->cps, m->ncps, m->clients,
                                          m->nclients, NULL),
                     ZT_OK);
    assert_int_equal(zt_indicators_compute(&nr, &in, &p, 1, ZT_DAY_NONE, t,
                                           NULL),
                     ZT_OK);
    {
      const zt_ind_value *v =
          zt_ind_table_find(t, "rate.clients_per_1000", "2015", 406, "");
      assert_non_null(v);
      assert_int_equal(v->num, 1000);
      assert_int_equal(v->den, 3300);
      /* Hilversum has 0-17 only: 0-14 cannot be made */
      assert_null(
          zt_ind_table_find(t, "rate.clients_per_1000", "2015", 402, ""));
    }
    zt_norm_result_free(&nr);
    zt_ind_table_free(t);
  }
  {
    int a, b;
    assert_int_equal(zt_population_band_parse("4-11", &a, &b, NULL), ZT_OK);
    assert_int_equal(a, 4);
    assert_int_equal(b, 11);
    assert_int_equal(zt_population_band_parse("17-4", &a, &b, NULL),
                     ZT_ERR_USAGE);
  }
  mf_free(m);
}

/* small-number suppression: a municipality's count under 5 is hidden,
 * and so is its rate; the region's stays. */
static void test_suppressed_with_count(void **state) {
  zt_period p;
  mf *m = fixture(true);
  zt_err err;
  const zt_ind_value *v;
  (void)state;
  assert_int_equal(zt_period_parse("2023", &p, NULL), ZT_OK);
  assert_int_equal(mf_run(m, &p, 1, ZT_DAY_NONE), ZT_OK);
  assert_int_equal(zt_suppress_apply(m->t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  v = mf_get(m, "clients.total", "2023", 406, NULL);
  assert_true(v->suppressed);
  v = mf_get(m, "rate.clients_per_1000", "2023", 406, NULL);
  assert_true(v->suppressed);
  v = mf_get(m, "rate.by_kind_per_1000", "2023", 406, "kind=gezinshuis");
  assert_true(v->suppressed);
  v = mf_get(m, "rate.clients_per_1000", "2023", 0, NULL);
  assert_false(v->suppressed);
  mf_free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_rates_by_hand),
      cmocka_unit_test(test_population_missing),
      cmocka_unit_test(test_band),
      cmocka_unit_test(test_suppressed_with_count),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

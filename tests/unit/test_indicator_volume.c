/*
 * tests/unit/test_indicator_volume.c -- volume and spending indicators
 * (clients.*, spend.*, providers.*) for the region and its municipalities,
 * years and half-years, a client in two municipalities, care outside the
 * region, and values that cannot be computed.
 *
 * Region: A 0402 and B 0406. X 0344 is not a member.
 */
#include "testutil.h"

#include "mfixture.h"

enum { GA = 402, GB = 406, GX = 344, P1 = 11111111, P2 = 22222222,
       P3 = 33333333 };

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

#define Y mf_day

/* c0: amb_behandeling A 2022-01 (P1, 1000); pleegzorg A 2022-03 (P2, 5000)
 * c1: amb_behandeling B 2021-12-01..2022-01-31 (P1, 3000): begins in 2021
 * c2: dyslexie A 2022-06 (P3, 2000); amb_behandeling B 2022-09 (P1, 4000):
 *     moved from A to B
 * c3: amb_behandeling X 2022-05 (P1, 9999): outside the region
 * c4: amb_behandeling A 2021-01 (P1, 100): no overlap with 2022 */
static mf *volume_data(void) {
  mf *m = mf_new(rd, 5);
  mf_member(m, GA, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_member(m, GB, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_cp(m, 0, ZT_K_AMB_BEHANDELING, P1, GA, Y(2022, 1, 1), Y(2022, 1, 31),
        1000);
  mf_cp(m, 0, ZT_K_PLEEGZORG, P2, GA, Y(2022, 3, 1), Y(2022, 3, 31), 5000);
  mf_cp(m, 1, ZT_K_AMB_BEHANDELING, P1, GB, Y(2021, 12, 1), Y(2022, 1, 31),
        3000);
  mf_cp(m, 2, ZT_K_DYSLEXIE, P3, GA, Y(2022, 6, 1), Y(2022, 6, 30), 2000);
  mf_cp(m, 2, ZT_K_AMB_BEHANDELING, P1, GB, Y(2022, 9, 1), Y(2022, 9, 30),
        4000);
  mf_cp(m, 3, ZT_K_AMB_BEHANDELING, P1, GX, Y(2022, 5, 1), Y(2022, 5, 31),
        9999);
  mf_cp(m, 4, ZT_K_AMB_BEHANDELING, P1, GA, Y(2021, 1, 1), Y(2021, 1, 31),
        100);
  return m;
}

static void test_clients(void **state) {
  mf *m = volume_data();
  (void)state;
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  /* region: c0, c1, c2 overlap 2022 (c3 outside, c4 in 2021) = 3 */
  MF_EXPECT(m, "clients.total", "2022", 0, "", 3, 1);
  /* A: c0, c2 = 2; B: c1, c2 = 2 -- c2 in both, once in the region */
  MF_EXPECT(m, "clients.total", "2022", GA, "", 2, 1);
  MF_EXPECT(m, "clients.total", "2022", GB, "", 2, 1);
  /* region by kind: amb_behandeling c0, c1, c2 = 3; pleegzorg c0 = 1;
   * dyslexie c2 = 1; a kind nobody had is 0 */
  MF_EXPECT(m, "clients.by_kind", "2022", 0, "kind=amb_behandeling", 3, 1);
  MF_EXPECT(m, "clients.by_kind", "2022", 0, "kind=pleegzorg", 1, 1);
  MF_EXPECT(m, "clients.by_kind", "2022", 0, "kind=dyslexie", 1, 1);
  MF_EXPECT(m, "clients.by_kind", "2022", 0, "kind=gesloten", 0, 1);
  /* A: amb_behandeling c0 = 1 (c2's is in B); B: c1, c2 = 2 */
  MF_EXPECT(m, "clients.by_kind", "2022", GA, "kind=amb_behandeling", 1, 1);
  MF_EXPECT(m, "clients.by_kind", "2022", GB, "kind=amb_behandeling", 2, 1);
  /* by_kind has breakdown rows only */
  MF_ABSENT(m, "clients.by_kind", "2022", 0, "");
  /* n of a count is the count */
  assert_int_equal(mf_get(m, "clients.total", "2022", 0, "")->n, 3);
  mf_free(m);
}

static void test_spend(void **state) {
  mf *m = volume_data();
  (void)state;
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  /* lines beginning in 2022, region: 1000 + 5000 + 2000 + 4000 = 12000
   * (c1's line begins in 2021, c3 is outside); paid for c0 and c2 */
  MF_EXPECT(m, "spend.total", "2022", 0, "", 12000, 1);
  assert_int_equal(mf_get(m, "spend.total", "2022", 0, "")->n, 2);
  /* A: 1000 + 5000 + 2000 = 8000; B: 4000 */
  MF_EXPECT(m, "spend.total", "2022", GA, "", 8000, 1);
  MF_EXPECT(m, "spend.total", "2022", GB, "", 4000, 1);
  /* by kind, region: amb_behandeling 1000 + 4000 = 5000 over c0, c2;
   * pleegzorg 5000; dyslexie 2000 */
  MF_EXPECT(m, "spend.by_kind", "2022", 0, "kind=amb_behandeling", 5000, 1);
  assert_int_equal(
      mf_get(m, "spend.by_kind", "2022", 0, "kind=amb_behandeling")->n, 2);
  MF_EXPECT(m, "spend.by_kind", "2022", 0, "kind=pleegzorg", 5000, 1);
  MF_EXPECT(m, "spend.by_kind", "2022", 0, "kind=dyslexie", 2000, 1);
  MF_EXPECT(m, "spend.by_kind", "2022", 0, "kind=crisis", 0, 1);
  /* per client: region 12000 / 3 = 4000 cents; A 8000 / 2; B 4000 / 2 */
  MF_EXPECT(m, "spend.per_client", "2022", 0, "", 4000, 1);
  MF_EXPECT(m, "spend.per_client", "2022", GA, "", 4000, 1);
  MF_EXPECT(m, "spend.per_client", "2022", GB, "", 2000, 1);
  /* providers with a line beginning in 2022: region P1 (c0, c2), P2, P3
   * = 3 (c3's P1 line is outside; c1's begins in 2021); A: P1, P2, P3;
   * B: P1 */
  MF_EXPECT(m, "providers.active", "2022", 0, "", 3, 1);
  MF_EXPECT(m, "providers.active", "2022", GA, "", 3, 1);
  MF_EXPECT(m, "providers.active", "2022", GB, "", 1, 1);
  /* with three providers, the ten largest are all: 100% */
  MF_EXPECT(m, "providers.top10_share", "2022", 0, "", 1, 1);
  mf_free(m);
}

/* Half-years: H1 overlaps c0 (Jan, Mar), c1 (Jan), c2 (Jun) = 3, spend
 * 1000 + 5000 + 2000 = 8000; H2: c2 (Sep) = 1, spend 4000. Years and
 * half-years in one call. */
static void test_half_years(void **state) {
  mf *m = volume_data();
  zt_period p[3] = {zt_period_year(2022), zt_period_half(2022, 1),
                    zt_period_half(2022, 2)};
  (void)state;
  assert_int_equal(mf_run(m, p, 3, ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "clients.total", "2022-H1", 0, "", 3, 1);
  MF_EXPECT(m, "spend.total", "2022-H1", 0, "", 8000, 1);
  MF_EXPECT(m, "clients.total", "2022-H2", 0, "", 1, 1);
  MF_EXPECT(m, "spend.total", "2022-H2", 0, "", 4000, 1);
  MF_EXPECT(m, "clients.total", "2022", 0, "", 3, 1);
  /* the peildatum of each row is its period's last day */
  assert_int_equal(mf_get(m, "clients.total", "2022-H1", 0, "")->peildatum,
                   Y(2022, 6, 30));
  /* B in H1: c1 only, no line beginning in H1: spend 0 over nobody, per
   * client 0 / 1 = 0 */
  MF_EXPECT(m, "clients.total", "2022-H1", GB, "", 1, 1);
  MF_EXPECT(m, "spend.total", "2022-H1", GB, "", 0, 1);
  MF_EXPECT(m, "spend.per_client", "2022-H1", GB, "", 0, 1);
  /* 2021 was not asked for */
  assert_null(mf_get(m, "clients.total", "2021", 0, ""));
  /* the care outside the region (c3, 2022-05) is counted in
   * dq.outside_region of the periods that contain its begin date: 2022
   * and 2022-H1, not 2022-H2 */
  MF_EXPECT(m, "dq.outside_region", "2022", 0, "", 1, 1);
  MF_EXPECT(m, "dq.outside_region", "2022", 0, "gemeente=0344", 1, 1);
  MF_EXPECT(m, "dq.outside_region", "2022-H1", 0, "", 1, 1);
  MF_EXPECT(m, "dq.outside_region", "2022-H1", 0, "gemeente=0344", 1, 1);
  MF_EXPECT(m, "dq.outside_region", "2022-H2", 0, "", 0, 1);
  MF_ABSENT(m, "dq.outside_region", "2022-H2", 0, "gemeente=0344");
  mf_free(m);
}

/* Nobody in B in 2023: counts are 0, means over nobody are left out. */
static void test_empty(void **state) {
  mf *m = volume_data();
  (void)state;
  assert_int_equal(mf_run1(m, "2023", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "clients.total", "2023", GB, "", 0, 1);
  MF_EXPECT(m, "spend.total", "2023", 0, "", 0, 1);
  MF_ABSENT(m, "spend.per_client", "2023", GB, "");
  MF_ABSENT(m, "providers.top10_share", "2023", 0, "");
  MF_ABSENT(m, "verblijf.share_gezinsvorm", "2023", 0, "");
  mf_free(m);
}

/* Twelve providers paid 100, 200, ..., 1200 cents (one client each, all
 * in A). Top 10 = 300 + ... + 1200 = 7500 of 100 + ... + 1200 = 7800:
 * 7500 / 7800 = 96,2%. */
static void test_top10(void **state) {
  mf *m = mf_new(rd, 12);
  const zt_ind_value *v;
  (void)state;
  mf_member(m, GA, ZT_DAY_NONE, ZT_DAY_NONE);
  for (uint32_t i = 0; i < 12; i++)
    mf_cp(m, i, ZT_K_AMB_BEGELEIDING, 10000000 + i, GA, Y(2022, 2, 1),
          Y(2022, 2, 28), 100 * (i + 1));
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "providers.active", "2022", 0, "", 12, 1);
  MF_EXPECT(m, "providers.top10_share", "2022", 0, "", 7500, 7800);
  v = mf_get(m, "providers.top10_share", "2022", 0, "");
  assert_string_equal(v->display, "96,2%");
  mf_free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_clients),
    cmocka_unit_test(test_spend),
    cmocka_unit_test(test_half_years),
    cmocka_unit_test(test_empty),
    cmocka_unit_test(test_top10),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

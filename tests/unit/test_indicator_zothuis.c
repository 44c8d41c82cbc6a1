/*
 * tests/unit/test_indicator_zothuis.c -- the zo-thuis indicators:
 * verblijf.* with the kind in P (latest verblijf day, most restrictive
 * on a tie), shares, the under-12 counts (age exactly 12 on the first
 * day, 29 February birthdays), ggz_klinisch.*, beschermd_wonen.clients,
 * verblijf.at_peildatum with its kind= and provider= breakdowns, and
 * instroom.* (placements with the gap rule).
 *
 * Region: A 0402 and B 0406.
 */
#include "testutil.h"

#include "mfixture.h"

enum { GA = 402, GB = 406, P1 = 11111111, P2 = 22222222, P3 = 33333333 };

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

/* c0: pleegzorg A all of 2022 (P1)                    -> kind pleegzorg
 * c1: residentieel A 2022-03-01..04-30 (P2)           -> residentieel
 * c2: residentieel A 01-01..06-30 (P2), gezinshuis A 05-01..08-31 (P3),
 *     gesloten A 08-01..08-31 (P2): the last verblijf day Aug 31 is
 *     covered by gezinshuis and gesloten         -> gesloten (restrictive)
 * c3: pleegzorg B 01-01..09-30 (P1), residentieel B 10-01..11-15 (P2)
 *                                 -> residentieel (the latest day)
 * c4: gesloten B 02-01..02-28 (P2), pleegzorg B 03-01..12-31 (P1)
 *     -> pleegzorg: the latest day wins over restrictiveness
 * c5: amb_begeleiding A January: not in V */
static mf *verblijf_data(void) {
  mf *m = mf_new(rd, 6);
  mf_member(m, GA, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_member(m, GB, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_cp(m, 0, ZT_K_PLEEGZORG, P1, GA, Y(2022, 1, 1), Y(2022, 12, 31), 1);
  mf_cp(m, 1, ZT_K_RESIDENTIEEL, P2, GA, Y(2022, 3, 1), Y(2022, 4, 30), 1);
  mf_cp(m, 2, ZT_K_RESIDENTIEEL, P2, GA, Y(2022, 1, 1), Y(2022, 6, 30), 1);
  mf_cp(m, 2, ZT_K_GEZINSHUIS, P3, GA, Y(2022, 5, 1), Y(2022, 8, 31), 1);
  mf_cp(m, 2, ZT_K_GESLOTEN, P2, GA, Y(2022, 8, 1), Y(2022, 8, 31), 1);
  mf_cp(m, 3, ZT_K_PLEEGZORG, P1, GB, Y(2022, 1, 1), Y(2022, 9, 30), 1);
  mf_cp(m, 3, ZT_K_RESIDENTIEEL, P2, GB, Y(2022, 10, 1), Y(2022, 11, 15), 1);
  mf_cp(m, 4, ZT_K_GESLOTEN, P2, GB, Y(2022, 2, 1), Y(2022, 2, 28), 1);
  mf_cp(m, 4, ZT_K_PLEEGZORG, P1, GB, Y(2022, 3, 1), Y(2022, 12, 31), 1);
  mf_cp(m, 5, ZT_K_AMB_BEGELEIDING, P1, GA, Y(2022, 1, 1), Y(2022, 1, 31),
        1);
  return m;
}

static void test_kind_in_p(void **state) {
  mf *m = verblijf_data();
  (void)state;
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  /* V = {c0, c1, c2, c3, c4} = 5 */
  MF_EXPECT(m, "verblijf.clients", "2022", 0, "", 5, 1);
  /* kinds in P: pleegzorg c0, c4 = 2; residentieel c1, c3 = 2;
   * gesloten c2 = 1; gezinshuis 0 */
  MF_EXPECT(m, "verblijf.clients_by_kind", "2022", 0, "kind=pleegzorg", 2, 1);
  MF_EXPECT(m, "verblijf.clients_by_kind", "2022", 0, "kind=residentieel", 2,
            1);
  MF_EXPECT(m, "verblijf.clients_by_kind", "2022", 0, "kind=gesloten", 1, 1);
  MF_EXPECT(m, "verblijf.clients_by_kind", "2022", 0, "kind=gezinshuis", 0,
            1);
  /* only verblijf kinds are broken down */
  MF_ABSENT(m, "verblijf.clients_by_kind", "2022", 0, "kind=crisis");
  /* gezinsvorm: c0, c4 -> 2/5 = 40,0%; residentieel group: c1, c3
   * (residentieel) + c2 (gesloten) -> 3/5 = 60,0% */
  MF_EXPECT(m, "verblijf.share_gezinsvorm", "2022", 0, "", 2, 5);
  MF_EXPECT(m, "verblijf.share_residentieel", "2022", 0, "", 3, 5);
  assert_string_equal(
      mf_get(m, "verblijf.share_gezinsvorm", "2022", 0, "")->display,
      "40,0%");
  assert_int_equal(mf_get(m, "verblijf.share_gezinsvorm", "2022", 0, "")->n,
                   5);
  /* A: V = {c0, c1, c2}: gezinsvorm 1/3 = 33,3%, residentieel 2/3 =
   * 66,7%; B: V = {c3, c4}: 1/2 and 1/2 */
  MF_EXPECT(m, "verblijf.clients", "2022", GA, "", 3, 1);
  MF_EXPECT(m, "verblijf.share_gezinsvorm", "2022", GA, "", 1, 3);
  MF_EXPECT(m, "verblijf.share_residentieel", "2022", GA, "", 2, 3);
  assert_string_equal(
      mf_get(m, "verblijf.share_residentieel", "2022", GA, "")->display,
      "66,7%");
  MF_EXPECT(m, "verblijf.share_gezinsvorm", "2022", GB, "", 1, 2);
  MF_EXPECT(m, "verblijf.share_residentieel", "2022", GB, "", 1, 2);
  /* H1 (last day Jun 30): c2 has residentieel and gezinshuis on Jun 30
   * -> residentieel; c3 pleegzorg (residentieel only from Oct); c4
   * pleegzorg; c0 pleegzorg; c1 residentieel (Apr 30): gezinsvorm 3/5 */
  assert_int_equal(mf_run1(m, "2022-H1", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "verblijf.share_gezinsvorm", "2022-H1", 0, "", 3, 5);
  MF_EXPECT(m, "verblijf.clients_by_kind", "2022-H1", GA,
            "kind=residentieel", 2, 1);
  mf_free(m);
}

static void test_at_peildatum(void **state) {
  mf *m = verblijf_data();
  (void)state;
  /* peildatum 2022-12-31: c0 (A, P1) and c4 (B, P1) are in verblijf */
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "verblijf.at_peildatum", "2022", 0, "", 2, 1);
  MF_EXPECT(m, "verblijf.at_peildatum", "2022", 0, "kind=pleegzorg", 2, 1);
  MF_EXPECT(m, "verblijf.at_peildatum", "2022", 0, "provider=11111111", 2, 1);
  MF_EXPECT(m, "verblijf.at_peildatum", "2022", GA, "", 1, 1);
  MF_EXPECT(m, "verblijf.at_peildatum", "2022", GB, "provider=11111111", 1,
            1);
  MF_ABSENT(m, "verblijf.at_peildatum", "2022", 0, "provider=22222222");
  /* peildatum 2022-08-31: c0 pleegzorg P1; c2 gezinshuis P3 and gesloten
   * P2 (both contain Aug 31); c3 pleegzorg P1; c4 pleegzorg P1 -> 4
   * clients; kind: pleegzorg 3, gezinshuis 1, gesloten 1, residentieel
   * 0; provider: P1 3, P2 1, P3 1 */
  assert_int_equal(mf_run1(m, "2022", Y(2022, 8, 31)), ZT_OK);
  MF_EXPECT(m, "verblijf.at_peildatum", "2022", 0, "", 4, 1);
  assert_int_equal(mf_get(m, "verblijf.at_peildatum", "2022", 0, "")
                       ->peildatum,
                   Y(2022, 8, 31));
  MF_EXPECT(m, "verblijf.at_peildatum", "2022", 0, "kind=pleegzorg", 3, 1);
  MF_EXPECT(m, "verblijf.at_peildatum", "2022", 0, "kind=gezinshuis", 1, 1);
  MF_EXPECT(m, "verblijf.at_peildatum", "2022", 0, "kind=gesloten", 1, 1);
  MF_EXPECT(m, "verblijf.at_peildatum", "2022", 0, "kind=residentieel", 0, 1);
  MF_EXPECT(m, "verblijf.at_peildatum", "2022", 0, "provider=11111111", 3, 1);
  MF_EXPECT(m, "verblijf.at_peildatum", "2022", 0, "provider=22222222", 1, 1);
  MF_EXPECT(m, "verblijf.at_peildatum", "2022", 0, "provider=33333333", 1, 1);
  /* A: c0, c2; B: c3, c4 */
  MF_EXPECT(m, "verblijf.at_peildatum", "2022", GA, "", 2, 1);
  MF_EXPECT(m, "verblijf.at_peildatum", "2022", GB, "", 2, 1);
  mf_free(m);
}

/* Placements (verblijf episodes, gap 7) beginning in 2022, all in A:
 * d0: pleegzorg 2021-11-01..2022-02-28: begins in 2021 -> none
 * d1: pleegzorg 01-01..01-31, residentieel 02-09..03-31 (days between
 *     = Feb 9 - Jan 31 - 1 = 8 > 7) -> two placements: pleegzorg first,
 *     residentieel first
 * d2: pleegzorg and residentieel both from 06-01 -> one placement, first
 *     = residentieel (most restrictive on the tie)
 * d3: gezinshuis 05-01..05-31, residentieel 06-08..06-30 (days between
 *     = 7) -> one placement, first gezinshuis
 * -> placements = 2 + 1 + 1 = 4; residentieel first: d1's second, d2 = 2
 *    -> 2/4 = 50,0% */
static void test_instroom(void **state) {
  mf *m = mf_new(rd, 4);
  (void)state;
  mf_member(m, GA, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_cp(m, 0, ZT_K_PLEEGZORG, P1, GA, Y(2021, 11, 1), Y(2022, 2, 28), 1);
  mf_cp(m, 1, ZT_K_PLEEGZORG, P1, GA, Y(2022, 1, 1), Y(2022, 1, 31), 1);
  mf_cp(m, 1, ZT_K_RESIDENTIEEL, P2, GA, Y(2022, 2, 9), Y(2022, 3, 31), 1);
  mf_cp(m, 2, ZT_K_PLEEGZORG, P1, GA, Y(2022, 6, 1), Y(2022, 6, 30), 1);
  mf_cp(m, 2, ZT_K_RESIDENTIEEL, P2, GA, Y(2022, 6, 1), Y(2022, 6, 30), 1);
  mf_cp(m, 3, ZT_K_GEZINSHUIS, P3, GA, Y(2022, 5, 1), Y(2022, 5, 31), 1);
  mf_cp(m, 3, ZT_K_RESIDENTIEEL, P2, GA, Y(2022, 6, 8), Y(2022, 6, 30), 1);
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "instroom.placements", "2022", 0, "", 4, 1);
  MF_EXPECT(m, "instroom.share_residentieel", "2022", 0, "", 2, 4);
  MF_EXPECT(m, "instroom.placements", "2022", GA, "", 4, 1);
  /* 2021: d0's placement (pleegzorg first) -> 1, 0/1 = 0,0% */
  assert_int_equal(mf_run1(m, "2021", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "instroom.placements", "2021", 0, "", 1, 1);
  MF_EXPECT(m, "instroom.share_residentieel", "2021", 0, "", 0, 1);
  /* 2020: nobody placed: 0 placements, share left out */
  assert_int_equal(mf_run1(m, "2020", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "instroom.placements", "2020", 0, "", 0, 1);
  MF_ABSENT(m, "instroom.share_residentieel", "2020", 0, "");
  mf_free(m);
}

/* Ages, all in A:
 * a0 born 2010-04-15, residentieel 2022-03-01..04-30: 11 on Mar 1 -> yes
 * a1 born 2010-01-01, residentieel 2022-01-01..06-30: exactly 12 on the
 *    first day -> no
 * a2 born 2010-01-01, residentieel 2021-12-01..2022-01-31: in 2022 the
 *    first day in P is 2022-01-01 (12) -> no; in 2021 Dec 1 (11) -> yes
 * a3 born 2012-02-29, residentieel 2024-02-28..03-31: 11 on Feb 28 -> yes
 * a4 born 2012-02-29, residentieel 2024-02-29..03-31: 12 on Feb 29 -> no
 * a5 birth unknown, residentieel 2022: excluded
 * a6 born 2011-06-01, pleegzorg 2022: not residentieel -> no
 * a7 born 2015-01-01, ggz_klinisch 2022-05: 7 -> ggz under 12
 * a8 born 2009-01-01, ggz_klinisch 2022-05: 13 -> ggz, not under 12
 * a9 beschermd_wonen 2022
 * a10 born 2014-01-01, gesloten 2022-07 (group residentieel) -> yes */
static void test_ages(void **state) {
  mf *m = mf_new(rd, 11);
  static const int births[11][3] = {
      {2010, 4, 15}, {2010, 1, 1}, {2010, 1, 1}, {2012, 2, 29},
      {2012, 2, 29}, {0, 0, 0},    {2011, 6, 1}, {2015, 1, 1},
      {2009, 1, 1},  {2005, 1, 1}, {2014, 1, 1}};
  (void)state;
  mf_member(m, GA, ZT_DAY_NONE, ZT_DAY_NONE);
  for (int c = 0; c < 11; c++)
    m->clients[c].birth = births[c][0]
                              ? Y(births[c][0], births[c][1], births[c][2])
                              : ZT_DAY_NONE;
  mf_cp(m, 0, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 3, 1), Y(2022, 4, 30), 1);
  mf_cp(m, 1, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 1, 1), Y(2022, 6, 30), 1);
  mf_cp(m, 2, ZT_K_RESIDENTIEEL, P1, GA, Y(2021, 12, 1), Y(2022, 1, 31), 1);
  mf_cp(m, 3, ZT_K_RESIDENTIEEL, P1, GA, Y(2024, 2, 28), Y(2024, 3, 31), 1);
  mf_cp(m, 4, ZT_K_RESIDENTIEEL, P1, GA, Y(2024, 2, 29), Y(2024, 3, 31), 1);
  mf_cp(m, 5, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 1, 1), Y(2022, 1, 31), 1);
  mf_cp(m, 6, ZT_K_PLEEGZORG, P1, GA, Y(2022, 1, 1), Y(2022, 12, 31), 1);
  mf_cp(m, 7, ZT_K_GGZ_KLINISCH, P1, GA, Y(2022, 5, 1), Y(2022, 5, 31), 1);
  mf_cp(m, 8, ZT_K_GGZ_KLINISCH, P1, GA, Y(2022, 5, 1), Y(2022, 5, 31), 1);
  mf_cp(m, 9, ZT_K_BESCHERMD_WONEN, P1, GA, Y(2022, 1, 1), Y(2022, 1, 31),
        1);
  mf_cp(m, 10, ZT_K_GESLOTEN, P1, GA, Y(2022, 7, 1), Y(2022, 7, 31), 1);
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  /* a0, a10 */
  MF_EXPECT(m, "verblijf.residentieel_under12", "2022", 0, "", 2, 1);
  MF_EXPECT(m, "verblijf.residentieel_under12", "2022", GA, "", 2, 1);
  /* a7, a8 in ggz; a7 under 12 */
  MF_EXPECT(m, "ggz_klinisch.clients", "2022", 0, "", 2, 1);
  MF_EXPECT(m, "ggz_klinisch.under12", "2022", 0, "", 1, 1);
  MF_EXPECT(m, "beschermd_wonen.clients", "2022", 0, "", 1, 1);
  assert_int_equal(mf_run1(m, "2021", ZT_DAY_NONE), ZT_OK);
  /* a2 */
  MF_EXPECT(m, "verblijf.residentieel_under12", "2021", 0, "", 1, 1);
  MF_EXPECT(m, "ggz_klinisch.under12", "2021", 0, "", 0, 1);
  assert_int_equal(mf_run1(m, "2024", ZT_DAY_NONE), ZT_OK);
  /* a3 (11 on 2024-02-28), not a4 (12 on 2024-02-29) */
  MF_EXPECT(m, "verblijf.residentieel_under12", "2024", 0, "", 1, 1);
  mf_free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_kind_in_p),
    cmocka_unit_test(test_at_peildatum),
    cmocka_unit_test(test_instroom),
    cmocka_unit_test(test_ages),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

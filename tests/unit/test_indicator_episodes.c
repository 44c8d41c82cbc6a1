/*
 * tests/unit/test_indicator_episodes.c -- the episode analysis
 * (episodes.* and savings.*): cohort, ended/continuing, durations, top N
 * with ties by cost and pseudonym, providers, provider days per provider
 * type, costs, history, ambulant cost outside episodes, the peildatum cut and
 * a later peildatum; 29 February and age <= 12; the duration and provider
 * distributions (breakdowns of episodes.clients) and their bucket edges.
 *
 * All care in A 0402 (the only member). Episode kinds: group instelling,
 * gap 7, top N = 2. Providers: P1 type J&O, P2 type GGZ; P3, P4, P5 not in
 * the provider table.
 */
#include "testutil.h"

#include "mfixture.h"

enum { GA = 402, P1 = 11111111, P2 = 22222222, P3 = 33333333,
       P4 = 44444444, P5 = 55555555, P6 = 66666666 };

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

/* e0 born 2008-06-01: pleegzorg 2020 (P4, 40000; verblijf, not an
 *    episode kind); residentieel 2022-01-01..03-31 (P1, 300000);
 *    ambulant 2022-02 (P5, 1000: inside the episode) and 2022-05 (P5,
 *    7000: outside)
 * e1 born 2011-01-01: ambulant 2021-01 (P5, 5000, outside); residentieel
 *    2021-07-01..2022-12-31 (P1, 200000); gesloten 2022-03-01..04-30 (P2,
 *    100000)
 * e2 birth unknown: ggz_klinisch 2022-02-01..02-10 (P3, 50000); ambulant
 *    2022-02-05 (P5, 2000, inside that episode); ambulant 2022-03 (P5,
 *    3000, outside); residentieel 2022-05-01..05-20 (P1, 80000): two
 *    episodes, the May one is its cohort episode
 * e3 born 2009-12-31: residentieel 2022-12-15..2023-02-28 (P1, 90000)
 * e4 born 2000-01-01: residentieel 2022-12-20..12-31 (P1, 10000) and
 *    2023-01-01..01-31 (P1, 99999, after the peildatum); ambulant
 *    2023-01-05 (P5, 4444, after the peildatum)
 * e5: residentieel 2021-01-01..06-30 (P1, 1): no episode in 2022 */
static mf *episode_data(void) {
  mf *m = mf_new(rd, 6);
  mf_member(m, GA, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_provider(m, P1, "J&O");
  mf_provider(m, P2, "GGZ");
  m->cfg.top_n = 2;
  m->clients[0].birth = Y(2008, 6, 1);
  m->clients[1].birth = Y(2011, 1, 1);
  m->clients[2].birth = ZT_DAY_NONE;
  m->clients[3].birth = Y(2009, 12, 31);
  m->clients[4].birth = Y(2000, 1, 1);
  mf_cp(m, 0, ZT_K_PLEEGZORG, P4, GA, Y(2020, 1, 1), Y(2020, 12, 31), 40000);
  mf_cp(m, 0, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 1, 1), Y(2022, 3, 31),
        300000);
  mf_cp(m, 0, ZT_K_AMB_BEGELEIDING, P5, GA, Y(2022, 2, 1), Y(2022, 2, 28),
        1000);
  mf_cp(m, 0, ZT_K_AMB_BEGELEIDING, P5, GA, Y(2022, 5, 1), Y(2022, 5, 31),
        7000);
  mf_cp(m, 1, ZT_K_AMB_BEGELEIDING, P5, GA, Y(2021, 1, 1), Y(2021, 1, 31),
        5000);
  mf_cp(m, 1, ZT_K_RESIDENTIEEL, P1, GA, Y(2021, 7, 1), Y(2022, 12, 31),
        200000);
  mf_cp(m, 1, ZT_K_GESLOTEN, P2, GA, Y(2022, 3, 1), Y(2022, 4, 30), 100000);
  mf_cp(m, 2, ZT_K_GGZ_KLINISCH, P3, GA, Y(2022, 2, 1), Y(2022, 2, 10),
        50000);
  mf_cp(m, 2, ZT_K_AMB_BEGELEIDING, P5, GA, Y(2022, 2, 5), Y(2022, 2, 5),
        2000);
  mf_cp(m, 2, ZT_K_AMB_BEGELEIDING, P5, GA, Y(2022, 3, 1), Y(2022, 3, 31),
        3000);
  mf_cp(m, 2, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 5, 1), Y(2022, 5, 20),
        80000);
  mf_cp(m, 3, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 12, 15), Y(2023, 2, 28),
        90000);
  mf_cp(m, 4, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 12, 20), Y(2022, 12, 31),
        10000);
  mf_cp(m, 4, ZT_K_RESIDENTIEEL, P1, GA, Y(2023, 1, 1), Y(2023, 1, 31),
        99999);
  mf_cp(m, 4, ZT_K_AMB_BEGELEIDING, P5, GA, Y(2023, 1, 5), Y(2023, 1, 5),
        4444);
  mf_cp(m, 5, ZT_K_RESIDENTIEEL, P1, GA, Y(2021, 1, 1), Y(2021, 6, 30), 1);
  return m;
}

/* Cohort 2022, peildatum 2022-12-31: C = {e0, e1, e2, e3, e4}.
 *            begin       end(cut)    duration               ended?
 *   e0       2022-01-01  2022-03-31  31+28+31 = 90          yes
 *   e1       2021-07-01  2022-12-31  184 + 365 = 549        no (= D)
 *   e2       2022-05-01  2022-05-20  20                     yes
 *   e3       2022-12-15  2023-02-28  Dec 15..31 = 17        no (> P.end)
 *   e4       2022-12-20  2022-12-31  12 (Jan 2023 is cut)   no (= D) */
static void test_cohort_durations(void **state) {
  mf *m = episode_data();
  (void)state;
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "", 5, 1);
  MF_EXPECT(m, "episodes.ended", "2022", 0, "", 2, 1);
  MF_EXPECT(m, "episodes.continuing", "2022", 0, "", 3, 1);
  /* 90 + 549 + 20 + 17 + 12 = 688 over 5 = 137,6 -> "138" */
  MF_EXPECT(m, "episodes.duration_mean", "2022", 0, "", 688, 5);
  assert_string_equal(
      mf_get(m, "episodes.duration_mean", "2022", 0, "")->display, "138");
  /* ended: (90 + 20) / 2 = 55; continuing: (549 + 17 + 12) / 3 = 578/3 */
  MF_EXPECT(m, "episodes.duration_mean_ended", "2022", 0, "", 55, 1);
  MF_EXPECT(m, "episodes.duration_mean_continuing", "2022", 0, "", 578, 3);
  /* short (<= 30): e2, e3, e4 = 3, (20 + 17 + 12) / 3 = 49/3; long: e0,
   * e1: (90 + 549) / 2 = 319,5 -> "320" (half away from zero) */
  MF_EXPECT(m, "episodes.short", "2022", 0, "", 3, 1);
  /* of those, e2 ended on 2022-05-20, before the peildatum; e3 runs to
   * 2023-02-28 and e4's known care reaches the peildatum: short only
   * because they began less than 31 days before it */
  MF_EXPECT(m, "episodes.short_ended", "2022", 0, "", 1, 1);
  MF_EXPECT(m, "episodes.short_running", "2022", 0, "", 2, 1);
  MF_EXPECT(m, "episodes.short_duration_mean", "2022", 0, "", 49, 3);
  MF_EXPECT(m, "episodes.long_duration_mean", "2022", 0, "", 639, 2);
  /* the other division of the cohort: 3 short + 2 long = 5; for the
   * region only (a municipality's would be one more sum to protect) */
  MF_EXPECT(m, "episodes.long", "2022", 0, "", 2, 1);
  assert_null(mf_get(m, "episodes.long", "2022", GA, ""));
  assert_string_equal(
      mf_get(m, "episodes.long_duration_mean", "2022", 0, "")->display,
      "320");
  /* age <= 12 on max(begin, 2022-01-01): e0 13 no, e1 11 yes, e2 unknown,
   * e3 12 on 2022-12-15 yes, e4 22 no -> 2 */
  MF_EXPECT(m, "episodes.age_le12", "2022", 0, "", 2, 1);
  /* the municipality row equals the region's here */
  MF_EXPECT(m, "episodes.clients", "2022", GA, "", 5, 1);
  /* the duration distribution: 12, 17, 20 in 1-30; 90 in 31-90; 549 in
   * 366-730; none in the other buckets (3 + 1 + 1 = 5 = |C|) */
  MF_EXPECT(m, "episodes.clients", "2022", 0, "duration=1-30", 3, 1);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "duration=31-90", 1, 1);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "duration=91-180", 0, 1);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "duration=181-365", 0, 1);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "duration=366-730", 1, 1);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "duration=731+", 0, 1);
  /* providers: e1 has P1 and P2, the other four one each */
  MF_EXPECT(m, "episodes.clients", "2022", 0, "providers=1", 4, 1);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "providers=2", 1, 1);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "providers=5+", 0, 1);
  MF_EXPECT(m, "episodes.clients", "2022", GA, "providers=2", 1, 1);
  mf_free(m);
}

/* The bucket edges of the two distributions of episodes.clients. Cohort
 * 2022, peildatum 2022-12-31; every episode ends on or before it.
 *   c0  2022-01-01..01-30                        30 days  -> 1-30
 *   c1  2022-01-01..01-31                        31       -> 31-90
 *   c2  2022-01-01..03-31  31 + 28 + 31        = 90       -> 31-90
 *   c3  2022-01-01..04-01  90 + 1              = 91       -> 91-180
 *   c4  2022-01-01..06-29  151 (Jan..May) + 29 = 180      -> 91-180
 *   c5  2022-01-01..06-30  151 + 30            = 181      -> 181-365
 *   c6  2022-01-01..12-31                        365      -> 181-365
 *   c7  2021-12-31..2022-12-31  1 + 365        = 366      -> 366-730
 *   c8  2021-01-01..2022-12-31  365 + 365      = 730      -> 366-730
 *   c9  2020-12-31..2022-12-31  1 + 730        = 731      -> 731+
 *  c10  Jan, Feb, Mar 2022 at P1, P2, P3       = 90 days, 3 providers
 *  c11  Jan..May 2022 at P1..P5, one a month   = 151 days, 5 providers
 *  c12  as c11 plus June at P6                 = 181 days, 6 providers
 * (c0..c9 one provider, P1). */
static void test_distributions(void **state) {
  static const uint32_t agb[6] = {P1, P2, P3, P4, P5, P6};
  mf *m = mf_new(rd, 13);
  (void)state;
  mf_member(m, GA, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_cp(m, 0, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 1, 1), Y(2022, 1, 30), 1);
  mf_cp(m, 1, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 1, 1), Y(2022, 1, 31), 1);
  mf_cp(m, 2, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 1, 1), Y(2022, 3, 31), 1);
  mf_cp(m, 3, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 1, 1), Y(2022, 4, 1), 1);
  mf_cp(m, 4, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 1, 1), Y(2022, 6, 29), 1);
  mf_cp(m, 5, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 1, 1), Y(2022, 6, 30), 1);
  mf_cp(m, 6, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 1, 1), Y(2022, 12, 31), 1);
  mf_cp(m, 7, ZT_K_RESIDENTIEEL, P1, GA, Y(2021, 12, 31), Y(2022, 12, 31),
        1);
  mf_cp(m, 8, ZT_K_RESIDENTIEEL, P1, GA, Y(2021, 1, 1), Y(2022, 12, 31), 1);
  mf_cp(m, 9, ZT_K_RESIDENTIEEL, P1, GA, Y(2020, 12, 31), Y(2022, 12, 31),
        1);
  for (int k = 0; k < 3; k++)
    mf_cp(m, 10, ZT_K_RESIDENTIEEL, agb[k], GA, Y(2022, k + 1, 1),
          Y(2022, k + 2, 1) - 1, 1);
  for (int k = 0; k < 5; k++)
    mf_cp(m, 11, ZT_K_RESIDENTIEEL, agb[k], GA, Y(2022, k + 1, 1),
          Y(2022, k + 2, 1) - 1, 1);
  for (int k = 0; k < 6; k++)
    mf_cp(m, 12, ZT_K_RESIDENTIEEL, agb[k], GA, Y(2022, k + 1, 1),
          Y(2022, k + 2, 1) - 1, 1);
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "", 13, 1);
  /* 1-30: c0 = 1; 31-90: c1, c2, c10 = 3; 91-180: c3, c4, c11 = 3;
   * 181-365: c5, c6, c12 = 3; 366-730: c7, c8 = 2; 731+: c9 = 1;
   * 1 + 3 + 3 + 3 + 2 + 1 = 13 */
  MF_EXPECT(m, "episodes.clients", "2022", 0, "duration=1-30", 1, 1);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "duration=31-90", 3, 1);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "duration=91-180", 3, 1);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "duration=181-365", 3, 1);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "duration=366-730", 2, 1);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "duration=731+", 1, 1);
  /* providers: c0..c9 one each = 10; c10 three; c11 five and c12 six
   * both in 5+; 10 + 1 + 2 = 13 */
  MF_EXPECT(m, "episodes.clients", "2022", 0, "providers=1", 10, 1);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "providers=2", 0, 1);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "providers=3", 1, 1);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "providers=4", 0, 1);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "providers=5+", 2, 1);
  /* consistent with the other provider figures: single 10; multi (3 +
   * 5 + 6) / 3 = 14/3 */
  MF_EXPECT(m, "episodes.single_provider", "2022", 0, "", 10, 1);
  MF_EXPECT(m, "episodes.providers_mean_multi", "2022", 0, "", 14, 3);
  mf_free(m);
}

/* A cohort smaller than top_n: the top is the whole cohort, and says so. */
static void test_top_whole_cohort(void **state) {
  mf *m = episode_data();
  (void)state;
  m->cfg.top_n = 9;
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "episodes.top", "2022", 0, "", 5, 1);
  MF_EXPECT(m, "episodes.top_duration_mean", "2022", 0, "", 688, 5);
  mf_free(m);
}

static void test_top_and_providers(void **state) {
  mf *m = episode_data();
  (void)state;
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  /* top 2 by duration: e1 (549), e0 (90) -> (549 + 90) / 2 */
  MF_EXPECT(m, "episodes.top", "2022", 0, "", 2, 1);
  MF_EXPECT(m, "episodes.top_duration_mean", "2022", 0, "", 639, 2);
  /* their costs: e1 200000 + 100000, e0 300000 -> 600000 / 2 = 300000 */
  MF_EXPECT(m, "episodes.top_cost_mean", "2022", 0, "", 300000, 1);
  /* ages on 2022-12-31: e1 11, e0 14 -> 12,5 */
  MF_EXPECT(m, "episodes.top_age_mean", "2022", 0, "", 25, 2);
  assert_string_equal(
      mf_get(m, "episodes.top_age_mean", "2022", 0, "")->display, "12,5");
  /* providers: e1 has P1 and P2, the others one each -> single 4, mean
   * over the multi-provider episodes 2 / 1 = 2,0 */
  MF_EXPECT(m, "episodes.single_provider", "2022", 0, "", 4, 1);
  MF_EXPECT(m, "episodes.providers_mean_multi", "2022", 0, "", 2, 1);
  assert_string_equal(
      mf_get(m, "episodes.providers_mean_multi", "2022", 0, "")->display,
      "2,0");
  /* provider days per (episode, provider): e0 P1 90; e1 P1 549, P2 61
   * (Mar 1..Apr 30); e2 P1 20; e3 P1 17 (cut at the measured end); e4 P1
   * 12 -> all: 749 / 6 pairs over 5 episodes; J&O (P1): 688 / 5; GGZ
   * (P2): 61 / 1. e2's P3 (type unknown) is in its February episode,
   * not its cohort episode. */
  MF_EXPECT(m, "episodes.provider_days_mean", "2022", 0, "", 749, 6);
  assert_int_equal(
      mf_get(m, "episodes.provider_days_mean", "2022", 0, "")->n, 5);
  MF_EXPECT(m, "episodes.provider_days_mean", "2022", 0,
            "provider_type=J&O", 688, 5);
  MF_EXPECT(m, "episodes.provider_days_mean", "2022", 0,
            "provider_type=GGZ", 61, 1);
  MF_ABSENT(m, "episodes.provider_days_mean", "2022", 0,
            "provider_type=onbekend");
  mf_free(m);
}

static void test_costs(void **state) {
  mf *m = episode_data();
  (void)state;
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  /* episode costs: e0 300000, e1 300000, e2 80000, e3 90000, e4 10000
   * (its 2023 period is after the peildatum) -> 780000 / 5 */
  MF_EXPECT(m, "episodes.cost_mean", "2022", 0, "", 780000, 5);
  /* continuing: e1, e3, e4: 400000 / 3 = 133333,33 cents -> "€ 1.333" */
  MF_EXPECT(m, "episodes.cost_mean_continuing", "2022", 0, "", 400000, 3);
  assert_string_equal(
      mf_get(m, "episodes.cost_mean_continuing", "2022", 0, "")->display,
      "\xe2\x82\xac 1.333");
  /* verblijf history: e0 40000 + 300000, e1 300000, e2 50000 + 80000,
   * e3 90000, e4 10000 = 870000 / 5; continuing 400000 / 3 */
  MF_EXPECT(m, "episodes.cost_mean_history", "2022", 0, "", 870000, 5);
  MF_EXPECT(m, "episodes.cost_mean_history_continuing", "2022", 0, "",
            400000, 3);
  /* ambulant outside all episodes, <= peildatum: e0 7000 (not the
   * February 1000), e1 5000, e2 3000 (not 2000 inside its February
   * episode), e3 0, e4 0 (4444 after the peildatum) = 15000 / 5 */
  MF_EXPECT(m, "episodes.ambulant_cost_mean", "2022", 0, "", 15000, 5);
  /* savings.longstay = top cost - their ambulant: (600000 - (5000 +
   * 7000)) / 2 = 294000; savings.placement = (870000 - 15000) / 5 =
   * 171000 */
  MF_EXPECT(m, "savings.longstay", "2022", 0, "", 294000, 1);
  MF_EXPECT(m, "savings.placement", "2022", 0, "", 171000, 1);
  mf_free(m);
}

/* 2022-H1, peildatum 2022-06-30: e3 and e4 begin after it.
 *   e0: ended, 90; e1: the residentieel period began 2021-07-01 and runs
 *   to 2022-12-31 -> continuing, 2021-07-01..2022-06-30 = 184 + 181 =
 *   365; e2: two episodes overlap H1, the later (May) counts: ended, 20.
 *   -> C = 3, ended 2, continuing 1, mean (90 + 365 + 20) / 3 = 475/3;
 *   cost (300000 + 300000 + 80000) / 3 */
static void test_half_year_cut(void **state) {
  mf *m = episode_data();
  (void)state;
  assert_int_equal(mf_run1(m, "2022-H1", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "episodes.clients", "2022-H1", 0, "", 3, 1);
  MF_EXPECT(m, "episodes.ended", "2022-H1", 0, "", 2, 1);
  MF_EXPECT(m, "episodes.continuing", "2022-H1", 0, "", 1, 1);
  MF_EXPECT(m, "episodes.duration_mean", "2022-H1", 0, "", 475, 3);
  MF_EXPECT(m, "episodes.cost_mean", "2022-H1", 0, "", 680000, 3);
  mf_free(m);
}

/* Cohort 2022 seen from 2023-03-31: e4's January period now counts
 * (episode 2022-12-20..2023-01-31, cost 10000 + 99999, duration 43, its
 * January ambulant line lies inside it); e1's end 2022-12-31 is before
 * the peildatum -> ended. ended: e0, e1, e2 = 3; continuing: e3 (end
 * 2023-02-28 > P.end), e4 = 2. Durations: e3 Dec 15..Feb 28 = 17 + 31 +
 * 28 = 76; e4 12 + 31 = 43. */
static void test_later_peildatum(void **state) {
  mf *m = episode_data();
  (void)state;
  assert_int_equal(mf_run1(m, "2022", Y(2023, 3, 31)), ZT_OK);
  MF_EXPECT(m, "episodes.clients", "2022", 0, "", 5, 1);
  MF_EXPECT(m, "episodes.ended", "2022", 0, "", 3, 1);
  MF_EXPECT(m, "episodes.continuing", "2022", 0, "", 2, 1);
  /* (76 + 43) / 2 */
  MF_EXPECT(m, "episodes.duration_mean_continuing", "2022", 0, "", 119, 2);
  /* (90 + 549 + 20) / 3 */
  MF_EXPECT(m, "episodes.duration_mean_ended", "2022", 0, "", 659, 3);
  /* 300000 + 300000 + 80000 + 90000 + 109999 = 879999 */
  MF_EXPECT(m, "episodes.cost_mean", "2022", 0, "", 879999, 5);
  /* still 15000: e4's 4444 is inside its (now longer) episode */
  MF_EXPECT(m, "episodes.ambulant_cost_mean", "2022", 0, "", 15000, 5);
  /* followed up, e3 (76) and e4 (43) are no longer short: e2 is the one
   * short episode, and it ended */
  MF_EXPECT(m, "episodes.short", "2022", 0, "", 1, 1);
  MF_EXPECT(m, "episodes.short_ended", "2022", 0, "", 1, 1);
  MF_EXPECT(m, "episodes.short_running", "2022", 0, "", 0, 1);
  /* and the other four (e0, e1, e3, e4) are longer: 5 - 1 = 4 */
  MF_EXPECT(m, "episodes.long", "2022", 0, "", 4, 1);
  mf_free(m);
}

/* Top N ties: two episodes of 31 days; top 1 takes the costlier one
 * (cost 200), whichever pseudonym sorts first, so that the published
 * mean does not depend on the key. */
static void top_tie_case(const char *p0, const char *p1) {
  mf *m = mf_new(rd, 2);
  mf_member(m, GA, ZT_DAY_NONE, ZT_DAY_NONE);
  m->cfg.top_n = 1;
  snprintf(m->clients[0].pseudonym, sizeof m->clients[0].pseudonym, "%s",
           p0);
  snprintf(m->clients[1].pseudonym, sizeof m->clients[1].pseudonym, "%s",
           p1);
  mf_cp(m, 0, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 3, 1), Y(2022, 3, 31), 200);
  mf_cp(m, 1, ZT_K_RESIDENTIEEL, P1, GA, Y(2022, 5, 1), Y(2022, 5, 31), 100);
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "episodes.top_cost_mean", "2022", 0, "", 200, 1);
  MF_EXPECT(m, "episodes.top_duration_mean", "2022", 0, "", 31, 1);
  mf_free(m);
}

static void test_top_ties(void **state) {
  (void)state;
  top_tie_case("zz", "aa");
  top_tie_case("aa", "zz");
}

/* 29 February: born 2008-02-29, 12 on 2021-02-28 (the birthday is
 * 1 March in a common year), 13 from 2021-03-01. Episodes beginning
 * 2021-02-28 (c0) and 2021-03-01 (c1), period 2021-H1: only c0 is
 * <= 12. Episode kinds set to a list: residentieel only, so c1's ggz
 * period is not an episode. */
static void test_leap_birthday_and_kinds(void **state) {
  mf *m = mf_new(rd, 2);
  (void)state;
  mf_member(m, GA, ZT_DAY_NONE, ZT_DAY_NONE);
  m->clients[0].birth = m->clients[1].birth = Y(2008, 2, 29);
  mf_cp(m, 0, ZT_K_RESIDENTIEEL, P1, GA, Y(2021, 2, 28), Y(2021, 3, 31), 1);
  mf_cp(m, 1, ZT_K_RESIDENTIEEL, P1, GA, Y(2021, 3, 1), Y(2021, 3, 31), 1);
  mf_cp(m, 1, ZT_K_GGZ_KLINISCH, P1, GA, Y(2021, 5, 1), Y(2021, 5, 31), 1);
  assert_int_equal(mf_run1(m, "2021-H1", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "episodes.age_le12", "2021-H1", 0, "", 1, 1);
  /* with instelling, c1 has two episodes (March; May, 30 days between)
   * and its cohort episode is the later one, the ggz one in May:
   * c0 Feb 28..Mar 31 = 1 + 31 = 32 days, c1 May 31 days -> 63 / 2 */
  MF_EXPECT(m, "episodes.clients", "2021-H1", 0, "", 2, 1);
  MF_EXPECT(m, "episodes.duration_mean", "2021-H1", 0, "", 63, 2);
  m->cfg.episode_kinds = 1u << ZT_K_RESIDENTIEEL;
  assert_int_equal(mf_run1(m, "2021-H1", ZT_DAY_NONE), ZT_OK);
  /* residentieel only: c1's only episode is March (31 days, ended Mar
   * 31); c0 too ended -> ended 2; costs 1 + 1 over 2 */
  MF_EXPECT(m, "episodes.clients", "2021-H1", 0, "", 2, 1);
  MF_EXPECT(m, "episodes.ended", "2021-H1", 0, "", 2, 1);
  MF_EXPECT(m, "episodes.cost_mean", "2021-H1", 0, "", 2, 2);
  /* a kind mask without any of these kinds: nobody */
  m->cfg.episode_kinds = 1u << ZT_K_GESLOTEN;
  assert_int_equal(mf_run1(m, "2021-H1", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "episodes.clients", "2021-H1", 0, "", 0, 1);
  MF_ABSENT(m, "episodes.duration_mean", "2021-H1", 0, "");
  MF_ABSENT(m, "savings.placement", "2021-H1", 0, "");
  mf_free(m);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_cohort_durations),
    cmocka_unit_test(test_distributions),
    cmocka_unit_test(test_top_and_providers),
    cmocka_unit_test(test_top_whole_cohort),
    cmocka_unit_test(test_costs),
    cmocka_unit_test(test_half_year_cut),
    cmocka_unit_test(test_later_peildatum),
    cmocka_unit_test(test_top_ties),
    cmocka_unit_test(test_leap_birthday_and_kinds),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

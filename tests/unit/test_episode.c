/*
 * tests/unit/test_episode.c -- metrics/episode.c: the gap rule (gap of
 * exactly 7 and 8 days), overlapping and touching periods, kind filter,
 * subsets, the peildatum cut, first period on a tie, providers, cost,
 * measured end, duration and ended/continuing.
 */
#include "testutil.h"

#include <string.h>

#include "core/kinds.h"
#include "metrics/episode.h"

static zt_day D(int y, int m, int d) {
  return zt_day_from_ymd(y, m, d);
}

static zt_careperiod cp(int kind, uint32_t agb, zt_day b, zt_day e,
                        int64_t amount) {
  zt_careperiod c;
  memset(&c, 0, sizeof c);
  c.kind = (uint8_t)kind;
  c.agb = agb;
  c.begin = b;
  c.end = e;
  c.amount = amount;
  return c;
}

static const uint32_t INST = (1u << ZT_K_RESIDENTIEEL) |
                             (1u << ZT_K_DRIEMILIEU) | (1u << ZT_K_GESLOTEN) |
                             (1u << ZT_K_GGZ_KLINISCH);

/* Gap 7 joins, gap 8 splits. Stay 1: Jan 1..31. Stay 2 begins Feb 8:
 * days between = Feb 8 - Jan 31 - 1 = 7 (Feb 1..7) -> one episode.
 * Begins Feb 9: 8 days between -> two episodes. */
static void test_gap_7_and_8(void **state) {
  zt_careperiod c[2];
  zt_episode ep[2];
  (void)state;
  c[0] = cp(ZT_K_RESIDENTIEEL, 1, D(2022, 1, 1), D(2022, 1, 31), 100);
  c[1] = cp(ZT_K_RESIDENTIEEL, 2, D(2022, 2, 8), D(2022, 2, 28), 200);
  assert_int_equal(zt_episodes_build(c, NULL, 2, INST, ZT_DAY_NONE, 7, ep,
                                     NULL),
                   1);
  assert_int_equal(ep[0].begin, D(2022, 1, 1));
  assert_int_equal(ep[0].end, D(2022, 2, 28));
  assert_int_equal(ep[0].cost, 300);       /* 100 + 200 */
  assert_int_equal(ep[0].ncare, 2);
  assert_int_equal(ep[0].nproviders, 2);   /* agb 1 and 2 */
  c[1].begin = D(2022, 2, 9);
  assert_int_equal(zt_episodes_build(c, NULL, 2, INST, ZT_DAY_NONE, 7, ep,
                                     NULL),
                   2);
  assert_int_equal(ep[0].end, D(2022, 1, 31));
  assert_int_equal(ep[1].begin, D(2022, 2, 9));
  assert_int_equal(ep[1].cost, 200);
  /* gap 0 (the verblijf_gap default): touching joins, one day apart
   * does not */
  c[1].begin = D(2022, 2, 1);
  assert_int_equal(zt_episodes_build(c, NULL, 2, INST, ZT_DAY_NONE, 0, ep,
                                     NULL),
                   1);
  c[1].begin = D(2022, 2, 2);
  assert_int_equal(zt_episodes_build(c, NULL, 2, INST, ZT_DAY_NONE, 0, ep,
                                     NULL),
                   2);
}

/* The gap is measured from the latest end so far, not from the previous
 * period: A Jan 1..Jun 30 (long), B Feb 1..Feb 28 (inside A), C Jul 5:
 * days between = Jul 5 - Jun 30 - 1 = 4 <= 7 -> one episode although C
 * is 126 days after B's end. */
static void test_latest_end(void **state) {
  zt_careperiod c[3];
  zt_episode ep[3];
  int32_t member[3];
  (void)state;
  c[0] = cp(ZT_K_RESIDENTIEEL, 1, D(2022, 1, 1), D(2022, 6, 30), 1);
  c[1] = cp(ZT_K_GGZ_KLINISCH, 1, D(2022, 2, 1), D(2022, 2, 28), 2);
  c[2] = cp(ZT_K_GESLOTEN, 3, D(2022, 7, 5), D(2022, 7, 31), 4);
  assert_int_equal(zt_episodes_build(c, NULL, 3, INST, ZT_DAY_NONE, 7, ep,
                                     member),
                   1);
  assert_int_equal(ep[0].end, D(2022, 7, 31));
  assert_int_equal(ep[0].nproviders, 2);   /* agb 1 twice, agb 3 */
  assert_int_equal(ep[0].kinds, (1u << ZT_K_RESIDENTIEEL) |
                                    (1u << ZT_K_GGZ_KLINISCH) |
                                    (1u << ZT_K_GESLOTEN));
  assert_int_equal(member[0], 0);
  assert_int_equal(member[2], 0);
}

/* Kinds outside the mask are skipped and do not bridge: residentieel
 * Jan, pleegzorg Feb..Mar (not instelling), residentieel from Apr 1:
 * days between = Apr 1 - Jan 31 - 1 = 59 -> two episodes. A subset that
 * leaves out the first period gives one. */
static void test_kind_filter_and_subset(void **state) {
  zt_careperiod c[3];
  zt_episode ep[3];
  int32_t member[3];
  uint32_t idx[2] = {1, 2};
  (void)state;
  c[0] = cp(ZT_K_RESIDENTIEEL, 1, D(2022, 1, 1), D(2022, 1, 31), 10);
  c[1] = cp(ZT_K_PLEEGZORG, 2, D(2022, 2, 1), D(2022, 3, 31), 20);
  c[2] = cp(ZT_K_RESIDENTIEEL, 1, D(2022, 4, 1), D(2022, 4, 30), 40);
  assert_int_equal(zt_episodes_build(c, NULL, 3, INST, ZT_DAY_NONE, 7, ep,
                                     member),
                   2);
  assert_int_equal(member[1], -1);
  assert_int_equal(member[2], 1);
  /* with group verblijf all three chain (touching): cost 10+20+40 */
  assert_int_equal(zt_episodes_build(c, NULL, 3,
                                     INST | (1u << ZT_K_PLEEGZORG),
                                     ZT_DAY_NONE, 7, ep, NULL),
                   1);
  assert_int_equal(ep[0].cost, 70);
  /* the subset {1, 2}: one instelling episode, April; `first` is the
   * subset position 1 */
  assert_int_equal(zt_episodes_build(c, idx, 2, INST, ZT_DAY_NONE, 7, ep,
                                     member),
                   1);
  assert_int_equal(ep[0].begin, D(2022, 4, 1));
  assert_int_equal(ep[0].first, 1);
  assert_int_equal(member[0], -1);
  assert_int_equal(member[1], 0);
}

/* The peildatum cut: only periods beginning on or before the cut. With
 * cut 2022-03-31 the April period is unknown: the episode ends Mar 31. */
static void test_cut(void **state) {
  zt_careperiod c[3];
  zt_episode ep[3];
  int32_t member[3];
  (void)state;
  c[0] = cp(ZT_K_RESIDENTIEEL, 1, D(2022, 2, 1), D(2022, 2, 28), 1);
  c[1] = cp(ZT_K_RESIDENTIEEL, 1, D(2022, 3, 1), D(2022, 3, 31), 1);
  c[2] = cp(ZT_K_RESIDENTIEEL, 1, D(2022, 4, 1), D(2022, 4, 30), 1);
  assert_int_equal(zt_episodes_build(c, NULL, 3, INST, D(2022, 3, 31), 7,
                                     ep, member),
                   1);
  assert_int_equal(ep[0].end, D(2022, 3, 31));
  assert_int_equal(ep[0].ncare, 2);
  assert_int_equal(member[2], -1);
  /* a period beginning on the cut day is included */
  assert_int_equal(zt_episodes_build(c, NULL, 3, INST, D(2022, 4, 1), 7, ep,
                                     NULL),
                   1);
  assert_int_equal(ep[0].end, D(2022, 4, 30));
}

/* First period: earliest begin; on a tie the most restrictive kind
 * (gesloten > residentieel), even when it sorts later. */
static void test_first_tie(void **state) {
  zt_careperiod c[2];
  zt_episode ep[2];
  (void)state;
  c[0] = cp(ZT_K_RESIDENTIEEL, 1, D(2022, 5, 1), D(2022, 5, 31), 1);
  c[1] = cp(ZT_K_GESLOTEN, 2, D(2022, 5, 1), D(2022, 5, 31), 1);
  assert_int_equal(zt_episodes_build(c, NULL, 2, INST, ZT_DAY_NONE, 7, ep,
                                     NULL),
                   1);
  assert_int_equal(ep[0].first, 1);
}

/* Measured end = min(end, peildatum); duration = measured end - begin
 * + 1; ended = end <= P.end and end < peildatum. */
static void test_measures(void **state) {
  zt_episode e;
  zt_period p = zt_period_year(2022);
  (void)state;
  memset(&e, 0, sizeof e);
  e.begin = D(2022, 1, 1);
  e.end = D(2022, 1, 31);
  /* a stay from 1 to 31 January is 31 days */
  assert_int_equal(zt_episode_duration(&e, D(2022, 12, 31)), 31);
  assert_true(zt_episode_ended(&e, &p, D(2022, 12, 31)));
  /* care reaching the peildatum has not ended: end Dec 31 = peildatum */
  e.end = D(2022, 12, 31);
  assert_false(zt_episode_ended(&e, &p, D(2022, 12, 31)));
  assert_int_equal(zt_episode_duration(&e, D(2022, 12, 31)), 365);
  /* ... but ended when the peildatum is later */
  assert_true(zt_episode_ended(&e, &p, D(2023, 3, 31)));
  /* end after P: continuing; measured end cut at the peildatum: Jan 1 ..
   * Jun 30 = 31+28+31+30+31+30 = 181 days */
  e.end = D(2023, 6, 30);
  assert_false(zt_episode_ended(&e, &p, D(2023, 12, 31)));
  assert_int_equal(zt_episode_measured_end(&e, D(2022, 6, 30)),
                   D(2022, 6, 30));
  assert_int_equal(zt_episode_duration(&e, D(2022, 6, 30)), 181);
}

/* More than 64 distinct providers in one episode still count right. */
static void test_many_providers(void **state) {
  zt_careperiod c[100];
  zt_episode ep[100];
  (void)state;
  for (int i = 0; i < 100; i++)
    c[i] = cp(ZT_K_RESIDENTIEEL, (uint32_t)(i % 70), D(2022, 1, 1) + i,
              D(2022, 1, 1) + i, 1);
  assert_int_equal(zt_episodes_build(c, NULL, 100, INST, ZT_DAY_NONE, 7, ep,
                                     NULL),
                   1);
  /* agb 0..69, then 0..29 again */
  assert_int_equal(ep[0].nproviders, 70);
  assert_int_equal(ep[0].ncare, 100);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_gap_7_and_8),
    cmocka_unit_test(test_latest_end),
    cmocka_unit_test(test_kind_filter_and_subset),
    cmocka_unit_test(test_cut),
    cmocka_unit_test(test_first_tie),
    cmocka_unit_test(test_measures),
    cmocka_unit_test(test_many_providers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

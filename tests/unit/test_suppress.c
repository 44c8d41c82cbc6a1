/*
 * tests/unit/test_suppress.c -- metrics/suppress.c: the small mode
 * (3 -> "< 5", zero stays "0", means over few clients "·"), region rows
 * never hidden but provider rows are, except a region mean or median
 * over few, complementary suppression in rows
 * and columns (with a cascade), new placements as an exact sum where
 * they add up, half-years under their year, rows with
 * the same value, the audit (a hidden cell pinned by the ranges of its
 * neighbours, one fixed by the linear system of row and column sums),
 * shares and means whose counts may not be published, the cbs mode
 * (7 -> ".", 8 -> "10", 12 -> "10", 13 -> "15", shares from rounded
 * counts) and what a publication carries, a share over its whole less
 * a row (the definitive stops), the none mode and idempotence.
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "metrics/period.h"
#include "metrics/suppress.h"
#include "metrics/table.h"

enum { GA = 402, GB = 406, GC = 417 };

static void put(zt_ind_table *t, const char *id, uint16_t gem,
                const char *bd, zt_unit unit, int64_t num, int64_t den,
                int64_t n) {
  zt_ind_value v;
  memset(&v, 0, sizeof v);
  snprintf(v.indicator, sizeof v.indicator, "%s", id);
  snprintf(v.period, sizeof v.period, "2022");
  v.peildatum = zt_day_from_ymd(2022, 12, 31);
  v.gemeente = gem;
  snprintf(v.breakdown, sizeof v.breakdown, "%s", bd);
  v.unit = unit;
  v.num = num;
  v.den = den;
  v.n = n;
  assert_int_equal(zt_ind_table_put(t, &v), ZT_OK);
}

static void count(zt_ind_table *t, const char *id, uint16_t gem,
                  const char *bd, int64_t x) {
  put(t, id, gem, bd, ZT_UNIT_COUNT, x, 1, x);
}

static const zt_ind_value *get(const zt_ind_table *t, const char *id,
                               uint16_t gem, const char *bd) {
  const zt_ind_value *v = zt_ind_table_find(t, id, "2022", gem, bd);
  assert_non_null(v);
  return v;
}

static void expect(const zt_ind_table *t, const char *id, uint16_t gem,
                   const char *bd, bool suppressed, const char *display) {
  const zt_ind_value *v = get(t, id, gem, bd);
  if (v->suppressed != suppressed || strcmp(v->display, display) != 0)
    print_error("%s %04u [%s]: %d \"%s\", expected %d \"%s\"\n", id, gem, bd,
                v->suppressed, v->display, suppressed, display);
  assert_int_equal(v->suppressed, suppressed);
  assert_string_equal(v->display, display);
}

static void test_small(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_err err;
  (void)state;
  count(t, "ggz_klinisch.clients", 0, "", 9);
  count(t, "ggz_klinisch.clients", GA, "", 3);
  count(t, "ggz_klinisch.clients", GB, "", 0);
  count(t, "ggz_klinisch.clients", GC, "", 6);
  count(t, "verblijf.residentieel_under12", GA, "", 0);
  count(t, "verblijf.residentieel_under12", GB, "", 5);
  count(t, "verblijf.at_peildatum", 0, "", 40);
  count(t, "verblijf.at_peildatum", 0, "provider=11111111", 2);
  count(t, "verblijf.at_peildatum", 0, "provider=22222222", 38);
  count(t, "verblijf.at_peildatum", 0, "kind=gesloten", 2);
  /* a share over 4 clients, two over 5 (3 of 5: a part of 3 and a rest
   * of 2 would be published; 0 of 5 is fine); a mean over 3; money over
   * 0 */
  put(t, "verblijf.share_gezinsvorm", GA, "", ZT_UNIT_PERCENT, 3, 4, 4);
  put(t, "verblijf.share_gezinsvorm", GB, "", ZT_UNIT_PERCENT, 3, 5, 5);
  put(t, "verblijf.share_residentieel", GB, "", ZT_UNIT_PERCENT, 0, 5, 5);
  put(t, "episodes.duration_mean", GA, "", ZT_UNIT_DAYS, 300, 3, 3);
  put(t, "spend.total", GB, "", ZT_UNIT_EUR, 0, 1, 0);
  count(t, "dq.lines_read", 0, "", 2);
  count(t, "no.such_indicator", GA, "", 2);
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  /* region totals and kinds are never hidden */
  expect(t, "ggz_klinisch.clients", 0, "", false, "9");
  expect(t, "verblijf.at_peildatum", 0, "kind=gesloten", false, "2");
  /* 3 -> "< 5"; zero stays "0"; 5 is shown; 9 - 0 would give the 3:
   * the 6 is hidden too */
  expect(t, "ggz_klinisch.clients", GA, "", true, "< 5");
  expect(t, "ggz_klinisch.clients", GB, "", false, "0");
  expect(t, "ggz_klinisch.clients", GC, "", true, "\xc2\xb7");
  expect(t, "verblijf.residentieel_under12", GA, "", false, "0");
  expect(t, "verblijf.residentieel_under12", GB, "", false, "5");
  /* providers are hidden at region level too; the only other provider
   * row of that published total (38) is hidden with it, so 40 - 38 does
   * not reveal the 2 */
  expect(t, "verblijf.at_peildatum", 0, "provider=11111111", true, "< 5");
  expect(t, "verblijf.at_peildatum", 0, "provider=22222222", true,
         "\xc2\xb7");
  /* share over 4 clients hidden, 3 of 5 hidden (25,0% of 12 would tell
   * 3), 0 of 5 shown; mean over 3 hidden; an amount over nobody shown */
  expect(t, "verblijf.share_gezinsvorm", GA, "", true, "\xc2\xb7");
  expect(t, "verblijf.share_gezinsvorm", GB, "", true, "\xc2\xb7");
  expect(t, "verblijf.share_residentieel", GB, "", false, "0,0%");
  expect(t, "episodes.duration_mean", GA, "", true, "\xc2\xb7");
  expect(t, "spend.total", GB, "", false, "\xe2\x82\xac 0");
  expect(t, "dq.lines_read", 0, "", false, "2");
  expect(t, "no.such_indicator", GA, "", false, "2");
  /* the raw value stays */
  assert_int_equal(get(t, "ggz_klinisch.clients", GA, "")->num, 3);
  /* another threshold */
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 10, &err), ZT_OK);
  expect(t, "verblijf.residentieel_under12", GB, "", true, "< 10");
  /* none: everything plain again (idempotent) */
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_NONE, 5, &err), ZT_OK);
  expect(t, "ggz_klinisch.clients", GA, "", false, "3");
  expect(t, "verblijf.share_gezinsvorm", GA, "", false, "75,0%");
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 0, &err),
                   ZT_ERR_USAGE);
  zt_ind_table_free(t);
}

/* Columns: clients.total in A 3 (hidden), B 0, C 9 under the region's
 * 12: the region minus the others would give A, so the next smallest
 * non-zero cell (C, 9) is hidden too; B's zero stays. Two hidden cells
 * need nothing more: spend.total A and B both over 2 clients. */
static void test_complementary_columns(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_err err;
  (void)state;
  count(t, "clients.total", 0, "", 12);
  count(t, "clients.total", GA, "", 3);
  count(t, "clients.total", GB, "", 0);
  count(t, "clients.total", GC, "", 9);
  put(t, "spend.total", 0, "", ZT_UNIT_EUR, 9000, 1, 20);
  put(t, "spend.total", GA, "", ZT_UNIT_EUR, 1000, 1, 2);
  put(t, "spend.total", GB, "", ZT_UNIT_EUR, 2000, 1, 2);
  put(t, "spend.total", GC, "", ZT_UNIT_EUR, 6000, 1, 16);
  /* the shift derives from clients.total: hidden with it */
  count(t, "wpb.clients_declared", GC, "", 9);
  put(t, "wpb.clients_shift", GC, "", ZT_UNIT_COUNT, 0, 1, 9);
  put(t, "wpb.clients_shift", GB, "", ZT_UNIT_COUNT, 0, 1, 0);
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  expect(t, "clients.total", GA, "", true, "< 5");
  expect(t, "clients.total", GB, "", false, "0");
  expect(t, "clients.total", GC, "", true, "\xc2\xb7");
  expect(t, "clients.total", 0, "", false, "12");
  expect(t, "spend.total", GA, "", true, "\xc2\xb7");
  expect(t, "spend.total", GB, "", true, "\xc2\xb7");
  expect(t, "spend.total", GC, "", false, "\xe2\x82\xac 60");
  expect(t, "wpb.clients_shift", GC, "", true, "\xc2\xb7");
  expect(t, "wpb.clients_shift", GB, "", false, "0");
  zt_ind_table_free(t);
}

/* The flow counts messages, each of one municipality: the municipality
 * rows add up to the region's exactly. Region 3 stops, three
 * municipalities with one each: three "< 5" (1-4) adding up to 3 would
 * tell each is 1, so the audit must say less about at least one of
 * them. Unique clients only cover the region (a client may count in two
 * municipalities): with a region of 2 (one client in two
 * municipalities) the same numbers there stay "< 5". */
static void test_flow_exact_columns(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_err err;
  const uint16_t g[3] = {GA, GB, GC};
  int small = 0;
  (void)state;
  count(t, "flow.stops", 0, "", 3);
  count(t, "clients.total", 0, "", 2);
  for (int i = 0; i < 3; i++) {
    count(t, "flow.stops", g[i], "", 1);
    count(t, "clients.total", g[i], "", 1);
  }
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  for (int i = 0; i < 3; i++) {
    const zt_ind_value *v = get(t, "flow.stops", g[i], "");
    assert_true(v->suppressed);
    small += strcmp(v->display, "< 5") == 0;
    expect(t, "clients.total", g[i], "", true, "< 5");
  }
  assert_true(small < 3);
  expect(t, "flow.stops", 0, "", false, "3");
  zt_ind_table_free(t);
}

/* New placements begin in one municipality each: unless a youth moved
 * during a stay, the municipality rows add up to the region exactly, and
 * a reader who sees a column come out takes it for an exact sum. The
 * demo's 2023-H1 (docs/privacy.md): region 67; 1, 23, 28, 9, 1, 5, so
 * the two "< 5" add up to 2 and are 1 each, unless the audit hides more.
 * With a mover (region 66: one placement counted in two municipalities)
 * the rows do not add up, the inequality stays and nothing more goes. */
static void test_placements_exact_columns(void **state) {
  static const uint16_t g[6] = {376, GA, GB, GC, 1696, 1942};
  static const int64_t x[6] = {1, 23, 28, 9, 1, 5};
  for (int mover = 0; mover < 2; mover++) {
    zt_ind_table *t = zt_ind_table_new();
    zt_err err;
    int hidden = 0, small = 0;
    (void)state;
    count(t, "instroom.placements", 0, "", 67 - mover);
    for (int i = 0; i < 6; i++)
      count(t, "instroom.placements", g[i], "", x[i]);
    zt_ind_table_sort(t);
    assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
    for (int i = 0; i < 6; i++) {
      const zt_ind_value *v = get(t, "instroom.placements", g[i], "");
      hidden += v->suppressed;
      small += strcmp(v->display, "< 5") == 0;
    }
    if (mover) {
      assert_int_equal(hidden, 2);
      assert_int_equal(small, 2);
    } else {
      /* another cell hidden, or a "< 5" says less ("·") */
      assert_true(hidden > 2 || small < 2);
    }
    expect(t, "instroom.placements", 0, "", false, mover ? "66" : "67");
    zt_ind_table_free(t);
  }
}

/* A share of several kinds is judged on their sum when the row tells it
 * anyway: Hilversum's 134 in verblijf, 24 residentieel, 3 driemilieu and
 * 2 gesloten (both "< 5"), the other kinds shown: 29 of 134 is 21,6% and
 * 29 and 105 are publishable, so the share is shown (before, either
 * hidden kind hid it, and the target said nothing while the row gave the
 * sum away). With residentieel 0 the part is 5 = 3 + 2 and stays shown
 * too; with 1 + 2 (a part of 3) it goes, and so it does when a kind
 * outside it is hidden too (beschermd wonen 3: the row no longer tells
 * the sum). */
static void test_share_of_kinds(void **state) {
  static const int64_t res[4] = {24, 0, 0, 24};
  static const int64_t dm[4] = {3, 3, 1, 3};
  static const int64_t bw[4] = {5, 5, 5, 3};
  for (int k = 0; k < 4; k++) {
    zt_ind_table *t = zt_ind_table_new();
    zt_err err;
    int64_t part = res[k] + dm[k] + 2, whole = 100 + part + bw[k];
    (void)state;
    count(t, "verblijf.clients", 0, "", 1000);
    count(t, "verblijf.clients", GA, "", whole);
    count(t, "verblijf.clients_by_kind", GA, "kind=pleegzorg", 74);
    count(t, "verblijf.clients_by_kind", GA, "kind=gezinshuis", 26);
    count(t, "verblijf.clients_by_kind", GA, "kind=residentieel", res[k]);
    count(t, "verblijf.clients_by_kind", GA, "kind=driemilieu", dm[k]);
    count(t, "verblijf.clients_by_kind", GA, "kind=gesloten", 2);
    count(t, "verblijf.clients_by_kind", GA, "kind=beschermd_wonen", bw[k]);
    put(t, "verblijf.share_residentieel", GA, "", ZT_UNIT_PERCENT, part,
        whole, whole);
    zt_ind_table_sort(t);
    assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
    expect(t, "verblijf.clients_by_kind", GA, "kind=gesloten", true, "< 5");
    assert_int_equal(get(t, "verblijf.share_residentieel", GA, "")->suppressed,
                     k >= 2);
    if (k == 0)
      expect(t, "verblijf.share_residentieel", GA, "", false, "21,6%");
    zt_ind_table_free(t);
  }
}

/* Rows and columns together, with a cascade (verblijf.clients_by_kind
 * adds up to verblijf.clients per municipality, and municipalities add
 * up to the region per kind):
 *            pleegzorg  gezinshuis  residentieel  total
 *   A        3          8           9             20
 *   B        10         10          10            30
 *   C        12         20          15            47
 *   region   25         38          34            97
 * A pleegzorg (3) is hidden. Column pleegzorg: hide the next smallest, B
 * (10). Row A: hide A gezinshuis (8). Row B: hide the smallest other, B
 * gezinshuis (10; tie with residentieel, first in order). Column
 * gezinshuis then has A and B hidden. Result: A and B pleegzorg and
 * gezinshuis hidden, the rest shown. */
static void test_complementary_cascade(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  static const uint16_t gem[4] = {GA, GB, GC, 0};
  static const int64_t v[4][4] = {
      {3, 8, 9, 20}, {10, 10, 10, 30}, {12, 20, 15, 47}, {25, 38, 34, 97}};
  static const char *const kinds[3] = {"kind=pleegzorg", "kind=gezinshuis",
                                       "kind=residentieel"};
  zt_err err;
  (void)state;
  for (int g = 0; g < 4; g++) {
    for (int k = 0; k < 3; k++)
      count(t, "verblijf.clients_by_kind", gem[g], kinds[k], v[g][k]);
    count(t, "verblijf.clients", gem[g], "", v[g][3]);
  }
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  expect(t, "verblijf.clients_by_kind", GA, kinds[0], true, "< 5");
  expect(t, "verblijf.clients_by_kind", GA, kinds[1], true, "\xc2\xb7");
  expect(t, "verblijf.clients_by_kind", GA, kinds[2], false, "9");
  expect(t, "verblijf.clients_by_kind", GB, kinds[0], true, "\xc2\xb7");
  expect(t, "verblijf.clients_by_kind", GB, kinds[1], true, "\xc2\xb7");
  expect(t, "verblijf.clients_by_kind", GB, kinds[2], false, "10");
  expect(t, "verblijf.clients_by_kind", GC, kinds[0], false, "12");
  expect(t, "verblijf.clients_by_kind", GC, kinds[1], false, "20");
  expect(t, "verblijf.clients_by_kind", 0, kinds[0], false, "25");
  expect(t, "verblijf.clients", GA, "", false, "20");
  /* ended + continuing = clients: hiding one hides the other */
  count(t, "episodes.clients", GA, "", 9);
  count(t, "episodes.ended", GA, "", 2);
  count(t, "episodes.continuing", GA, "", 7);
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  expect(t, "episodes.ended", GA, "", true, "< 5");
  expect(t, "episodes.continuing", GA, "", true, "\xc2\xb7");
  expect(t, "episodes.clients", GA, "", false, "9");
  zt_ind_table_free(t);
}

/* A region count below the threshold: 2 children, both in municipality
 * A ("< 5", so 1-4), B and C at 0. A is at most the region's 2 and the
 * region at most A + 0 + 0: A is 2. Only the region's column says "at
 * least 2", so the audit hides a cell of it: a zero (B, the first), as
 * nothing else is left. Then 2 <= A + B, A 1-2 and B 0-2: neither is
 * fixed, and A still says "< 5". */
/* At region level counts, shares and sums stay shown, but a median over
 * one wait is that youth's wait, and a mean over 2 episodes theirs: means,
 * medians and percentiles over fewer than 5 are hidden there too (the
 * Verantwoording promises it). A mean over part of the episodes whose
 * rest is 1-4 goes as well (the whole's mean would give the rest's). */
static void test_region_means(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_err err;
  (void)state;
  put(t, "flow.wait_assignment_start_median", 0, "", ZT_UNIT_DAYS, 2, 1, 1);
  put(t, "flow.wait_assignment_start_p90", 0, "", ZT_UNIT_DAYS, 2, 1, 1);
  put(t, "flow.wait_request_assignment_median", 0, "", ZT_UNIT_DAYS, 14, 1,
      5);
  count(t, "episodes.clients", 0, "", 40);
  count(t, "episodes.ended", 0, "", 38);
  count(t, "episodes.continuing", 0, "", 2);
  put(t, "episodes.duration_mean", 0, "", ZT_UNIT_DAYS, 8000, 40, 40);
  put(t, "episodes.duration_mean_ended", 0, "", ZT_UNIT_DAYS, 7600, 38, 38);
  put(t, "episodes.duration_mean_continuing", 0, "", ZT_UNIT_DAYS, 400, 2,
      2);
  put(t, "spend.by_kind", 0, "kind=gesloten", ZT_UNIT_EUR, 23945700, 1, 3);
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  expect(t, "flow.wait_assignment_start_median", 0, "", true, "\xc2\xb7");
  expect(t, "flow.wait_assignment_start_p90", 0, "", true, "\xc2\xb7");
  expect(t, "flow.wait_request_assignment_median", 0, "", false, "14,0");
  expect(t, "episodes.continuing", 0, "", false, "2");
  expect(t, "episodes.duration_mean", 0, "", false, "200");
  expect(t, "episodes.duration_mean_continuing", 0, "", true, "\xc2\xb7");
  expect(t, "episodes.duration_mean_ended", 0, "", true, "\xc2\xb7");
  expect(t, "spend.by_kind", 0, "kind=gesloten", false,
         "\xe2\x82\xac 239.457");
  zt_ind_table_free(t);
}

static void test_small_region(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_err err;
  (void)state;
  count(t, "ggz_klinisch.under12", 0, "", 2);
  count(t, "ggz_klinisch.under12", GA, "", 2);
  count(t, "ggz_klinisch.under12", GB, "", 0);
  count(t, "ggz_klinisch.under12", GC, "", 0);
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  expect(t, "ggz_klinisch.under12", 0, "", false, "2");
  expect(t, "ggz_klinisch.under12", GA, "", true, "< 5");
  expect(t, "ggz_klinisch.under12", GB, "", true, "\xc2\xb7");
  expect(t, "ggz_klinisch.under12", GC, "", false, "0");
  zt_ind_table_free(t);
}

static void test_cbs(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_err err;
  (void)state;
  count(t, "clients.total", 0, "", 7);
  count(t, "clients.total", GA, "", 7);
  count(t, "clients.total", GB, "", 8);
  count(t, "clients.total", GC, "", 12);
  count(t, "verblijf.clients", GA, "", 13);
  count(t, "verblijf.clients", GB, "", 38);
  count(t, "verblijf.clients", GC, "", 1234);
  /* shares from rounded counts: 22/38 -> 20/40 = 50,0%; a whole of 7
   * -> "."; 3/40 has a part of 0-7, which "." hides: hidden too */
  put(t, "verblijf.share_gezinsvorm", GA, "", ZT_UNIT_PERCENT, 3, 40, 40);
  put(t, "verblijf.share_gezinsvorm", GB, "", ZT_UNIT_PERCENT, 22, 38, 38);
  put(t, "verblijf.share_gezinsvorm", GC, "", ZT_UNIT_PERCENT, 1, 7, 7);
  put(t, "episodes.cost_mean", GA, "", ZT_UNIT_EUR, 700000, 7, 7);
  put(t, "episodes.cost_mean", GB, "", ZT_UNIT_EUR, 800000, 8, 8);
  /* a difference of counts from the rounded counts: 12 - 8 = 4 is shown
   * as 10 - 10 = 0 */
  count(t, "wpb.clients_declared", GA, "", 8);
  count(t, "clients.total", 1942, "", 12);
  count(t, "wpb.clients_declared", 1942, "", 8);
  put(t, "wpb.clients_shift", 1942, "", ZT_UNIT_COUNT, 4, 1, 12);
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_CBS, 5, &err), ZT_OK);
  expect(t, "clients.total", 0, "", false, "7");
  expect(t, "clients.total", GA, "", true, ".");
  expect(t, "clients.total", GB, "", false, "10");
  expect(t, "clients.total", GC, "", false, "10");
  expect(t, "verblijf.clients", GA, "", false, "15");
  expect(t, "verblijf.clients", GB, "", false, "40");
  expect(t, "verblijf.clients", GC, "", false, "1.235");
  expect(t, "verblijf.share_gezinsvorm", GA, "", true, ".");
  expect(t, "verblijf.share_gezinsvorm", GB, "", false, "50,0%");
  expect(t, "verblijf.share_gezinsvorm", GC, "", true, ".");
  expect(t, "episodes.cost_mean", GA, "", true, ".");
  expect(t, "episodes.cost_mean", GB, "", false, "\xe2\x82\xac 1.000");
  expect(t, "wpb.clients_shift", 1942, "", false, "0");
  /* a publication carries the rounded figures, never a hidden one */
  {
    zt_ind_value pub;
    assert_false(zt_supp_public(t, get(t, "clients.total", GA, ""),
                                ZT_SUPP_CBS, &pub));
    assert_true(zt_supp_public(t, get(t, "verblijf.clients", GA, ""),
                               ZT_SUPP_CBS, &pub));
    assert_int_equal(pub.num, 15);     /* 13 -> 15 */
    assert_int_equal(pub.n, 15);
    assert_true(zt_supp_public(t, get(t, "verblijf.share_gezinsvorm", GB,
                                      ""), ZT_SUPP_CBS, &pub));
    assert_int_equal(pub.num, 20);     /* 22/38 -> 20/40 */
    assert_int_equal(pub.den, 40);
    assert_true(zt_supp_public(t, get(t, "episodes.cost_mean", GB, ""),
                               ZT_SUPP_CBS, &pub));
    assert_int_equal(pub.num, 100000); /* 800000/8 cents: EUR 1.000 */
    assert_int_equal(pub.den, 1);
    assert_int_equal(pub.n, 10);
    assert_true(zt_supp_public(t, get(t, "wpb.clients_shift", 1942, ""),
                               ZT_SUPP_CBS, &pub));
    assert_int_equal(pub.num, 0);      /* 10 - 10, as shown */
    assert_true(zt_supp_public(t, get(t, "clients.total", 0, ""),
                               ZT_SUPP_CBS, &pub));
    assert_int_equal(pub.num, 7);      /* the region: as it is */
  }
  zt_ind_table_free(t);
}

/* cbs with an audit: 24 in the region = A (shown 15, so 13-17) + B
 * (".", so 0-7): B is at least 24 - 17 = 7 and at most 7, so it would
 * be 7. The audit hides A too ("x": hidden so that no "." can be worked
 * out). */
static void test_cbs_audit(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_err err;
  (void)state;
  put(t, "spend.total", 0, "", ZT_UNIT_EUR, 100, 1, 24);
  put(t, "spend.total", GA, "", ZT_UNIT_EUR, 80, 1, 17);
  put(t, "spend.total", GB, "", ZT_UNIT_EUR, 20, 1, 7);
  count(t, "instroom.placements", 0, "", 24);
  count(t, "instroom.placements", GA, "", 17);
  count(t, "instroom.placements", GB, "", 7);
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_CBS, 5, &err), ZT_OK);
  expect(t, "instroom.placements", GB, "", true, ".");
  expect(t, "instroom.placements", GA, "", true, "x");
  /* money over 7 clients is hidden; the region's exact total would give
   * it away, so the other amount goes too */
  expect(t, "spend.total", GB, "", true, ".");
  expect(t, "spend.total", GA, "", true, "x");
  zt_ind_table_free(t);
}

static void put_bd(zt_ind_table *t, const char *id, const char *period,
                   uint16_t gem, const char *bd, int64_t x) {
  zt_ind_value v;
  zt_period p;
  memset(&v, 0, sizeof v);
  assert_int_equal(zt_period_parse(period, &p, NULL), ZT_OK);
  snprintf(v.indicator, sizeof v.indicator, "%s", id);
  snprintf(v.period, sizeof v.period, "%s", period);
  snprintf(v.breakdown, sizeof v.breakdown, "%s", bd);
  v.peildatum = p.end;
  v.gemeente = gem;
  v.unit = ZT_UNIT_COUNT;
  v.num = x;
  v.den = 1;
  v.n = x;
  assert_int_equal(zt_ind_table_put(t, &v), ZT_OK);
}

static void put_at(zt_ind_table *t, const char *id, const char *period,
                   uint16_t gem, int64_t x) {
  put_bd(t, id, period, gem, "", x);
}

/* Half-years under their year: new placements (episodes beginning in P)
 * add up over time. A: H1 3, H2 6, year 9; B: H1 27, H2 34, year 61;
 * region 30, 40, 70. A's H1 is "< 5"; the H1 column then hides B's H1
 * (27). 9 - 6 would give A's H1: A's year is hidden, and B's year for
 * B's H1. The half-years stay as the half-year reports showed them. */
static void test_time(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  static const char *const per[3] = {"2022-H1", "2022-H2", "2022"};
  static const int64_t v[3][3] = {{3, 6, 9}, {27, 34, 61}, {30, 40, 70}};
  static const uint16_t gem[3] = {GA, GB, 0};
  zt_err err;
  (void)state;
  for (int g = 0; g < 3; g++)
    for (int p = 0; p < 3; p++)
      put_at(t, "instroom.placements", per[p], gem[g], v[g][p]);
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
#define AT(p, g) zt_ind_table_find(t, "instroom.placements", p, g, "")
  assert_string_equal(AT("2022-H1", GA)->display, "< 5");
  assert_string_equal(AT("2022-H1", GB)->display, "\xc2\xb7");
  assert_string_equal(AT("2022-H2", GA)->display, "6");
  assert_string_equal(AT("2022-H2", GB)->display, "34");
  assert_true(AT("2022", GA)->suppressed);
  assert_true(AT("2022", GB)->suppressed);
  assert_false(AT("2022", 0)->suppressed);
#undef AT
  zt_ind_table_free(t);
}

/* Youths in verblijf by the kind of the latest day: the 2e halfjaar is
 * at most the year (its youths have the year's kind), the year at most
 * both halves. Municipality A's 2e halfjaar: 18 pleegzorg, 6
 * residentieel, 4 gezinshuis ("< 5"), of 28; the rows alone leave the
 * gezinshuis 1-4 once residentieel is hidden as its complement, but the
 * year's residentieel (6) caps the half's at 6, so gezinshuis = 10 - 6 =
 * 4: the audit must hide a third cell of the half's row. (Wijdemeren in
 * the December 2023 demo report.) */
static void test_latest_kind(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  static const char *const per[3] = {"2022-H1", "2022-H2", "2022"};
  static const char *const kind[4] = {"kind=pleegzorg", "kind=residentieel",
                                      "kind=gezinshuis",
                                      "kind=ggz_klinisch"};
  static const int64_t n[3][4] = {{14, 6, 5, 0}, {18, 6, 4, 0},
                                  {19, 6, 5, 0}};
  zt_err err;
  int hidden = 0;
  (void)state;
  for (int p = 0; p < 3; p++) {
    int64_t all = 0;
    for (int k = 0; k < 4; k++) {
      put_bd(t, "verblijf.clients_by_kind", per[p], GA, kind[k], n[p][k]);
      all += n[p][k];
    }
    put_at(t, "verblijf.clients", per[p], GA, all);
  }
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
#define AT(p, k) zt_ind_table_find(t, "verblijf.clients_by_kind", p, GA, k)
  assert_string_equal(AT("2022-H2", "kind=gezinshuis")->display, "< 5");
  assert_true(AT("2022-H2", "kind=residentieel")->suppressed);
  for (int k = 0; k < 4; k++)
    hidden += AT("2022-H2", kind[k])->suppressed;
  /* gezinshuis, residentieel and one more (pleegzorg: the zero stays) */
  assert_int_equal(hidden, 3);
  assert_true(AT("2022-H2", "kind=pleegzorg")->suppressed);
  assert_false(AT("2022", "kind=residentieel")->suppressed);
#undef AT
  zt_ind_table_free(t);
}

/* Rows with the same value hide together: the 1-30 days bucket is the
 * number of short episodes. Buckets of 12 episodes: 5, 2, 5; the 2 is
 * "< 5", the complement in the distribution the smallest other (5, the
 * 1-30 bucket, the first of the two 5s), and so episodes.short (5). */
static void test_same(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_err err;
  (void)state;
  count(t, "episodes.clients", GA, "", 12);
  count(t, "episodes.clients", GA, "duration=1-30", 5);
  count(t, "episodes.clients", GA, "duration=31-90", 2);
  count(t, "episodes.clients", GA, "duration=91-180", 5);
  count(t, "episodes.short", GA, "", 5);
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  expect(t, "episodes.clients", GA, "duration=31-90", true, "< 5");
  expect(t, "episodes.clients", GA, "duration=1-30", true, "\xc2\xb7");
  expect(t, "episodes.short", GA, "", true, "\xc2\xb7");
  expect(t, "episodes.clients", GA, "duration=91-180", false, "5");
  zt_ind_table_free(t);
}

/* The worked example of docs/privacy.md: a municipality with 7 youths in
 * verblijf, 5 in pleegzorg, 1 in a gezinshuis, 1 residential. The two
 * ones are "< 5": 1-4 each. Shown 7 and 5, they add up to 2, and each
 * is at least 1: both are 1. The audit hides the 5 ("·": any count);
 * then 7 = (0 or more) + two of 1-4 fixes none of them. The shares of
 * that municipality are computed from hidden counts and go with them;
 * the region's stay. (A second municipality,
 * B with 93, makes the region's 100 add up; the column rule hides those
 * of B's cells that would give A's by subtraction from the region.) */
static void test_audit_ranges(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  static const char *const kinds[3] = {"kind=pleegzorg", "kind=gezinshuis",
                                       "kind=residentieel"};
  static const int64_t a[4] = {5, 1, 1, 7}, b[4] = {55, 24, 14, 93};
  static const int64_t r[4] = {60, 25, 15, 100};
  zt_err err;
  (void)state;
  for (int k = 0; k < 3; k++) {
    count(t, "verblijf.clients_by_kind", GA, kinds[k], a[k]);
    count(t, "verblijf.clients_by_kind", GB, kinds[k], b[k]);
    count(t, "verblijf.clients_by_kind", 0, kinds[k], r[k]);
  }
  count(t, "verblijf.clients", GA, "", a[3]);
  count(t, "verblijf.clients", GB, "", b[3]);
  count(t, "verblijf.clients", 0, "", r[3]);
  put(t, "verblijf.share_gezinsvorm", GA, "", ZT_UNIT_PERCENT, 6, 7, 7);
  put(t, "verblijf.share_gezinsvorm", 0, "", ZT_UNIT_PERCENT, 85, 100, 100);
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  expect(t, "verblijf.clients_by_kind", GA, kinds[1], true, "< 5");
  expect(t, "verblijf.clients_by_kind", GA, kinds[2], true, "< 5");
  expect(t, "verblijf.clients_by_kind", GA, kinds[0], true, "\xc2\xb7");
  expect(t, "verblijf.clients", GA, "", false, "7");
  expect(t, "verblijf.share_gezinsvorm", GA, "", true, "\xc2\xb7");
  expect(t, "verblijf.share_gezinsvorm", 0, "", false, "85,0%");
  expect(t, "verblijf.clients", 0, "", false, "100");
  zt_ind_table_free(t);
}

/* The linear system: spending per kind (columns K1..K4) of four
 * municipalities (rows A..D), each row under its spend.total and each
 * column under the region's. Nine amounts over fewer than 5 clients are
 * hidden:
 *          K1   K2   K3   K4
 *     A    h    h    10   11
 *     B    h    h    h    12
 *     C    13   14   h    h
 *     D    15   16   h    h
 * Every row and column has two or more hidden cells, so the "exactly
 * one" rule does nothing; yet (row A + row B) - (column K1 + column K2)
 * = B.K3: the cell links two closed loops and is fixed by the sums. The
 * audit hides the smallest shown cell of its row or column: A.K3 (10 <
 * B.K4 12). Then every hidden cell lies on a loop and none is fixed. */
static void test_audit_linear(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  static const uint16_t gem[4] = {GA, GB, GC, 1942};
  static const char *const kinds[4] = {"kind=pleegzorg", "kind=gezinshuis",
                                       "kind=residentieel", "kind=crisis"};
  static const int64_t eur[4][4] = {{1, 2, 10, 11}, {3, 4, 5, 12},
                                    {13, 14, 6, 7}, {15, 16, 8, 9}};
  static const bool small[4][4] = {{1, 1, 0, 0}, {1, 1, 1, 0},
                                   {0, 0, 1, 1}, {0, 0, 1, 1}};
  int64_t col[4] = {0, 0, 0, 0}, all = 0;
  zt_err err;
  (void)state;
  for (int g = 0; g < 4; g++) {
    int64_t row = 0;
    for (int k = 0; k < 4; k++) {
      put(t, "spend.by_kind", gem[g], kinds[k], ZT_UNIT_EUR,
          eur[g][k] * 10000, 1, small[g][k] ? 2 : 10);
      row += eur[g][k] * 10000;
      col[k] += eur[g][k] * 10000;
    }
    put(t, "spend.total", gem[g], "", ZT_UNIT_EUR, row, 1, 30);
    all += row;
  }
  for (int k = 0; k < 4; k++)
    put(t, "spend.by_kind", 0, kinds[k], ZT_UNIT_EUR, col[k], 1, 60);
  put(t, "spend.total", 0, "", ZT_UNIT_EUR, all, 1, 120);
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  for (int g = 0; g < 4; g++)
    for (int k = 0; k < 4; k++) {
      bool want = small[g][k] || (g == 0 && k == 2);
      const zt_ind_value *v = get(t, "spend.by_kind", gem[g], kinds[k]);
      if (v->suppressed != want)
        print_error("%04u %s: %d\n", gem[g], kinds[k], v->suppressed);
      assert_int_equal(v->suppressed, want);
    }
  zt_ind_table_free(t);
}

/* A mean over part of a total: 6 short episodes of 8 (the other 2 are
 * long): the short episodes' mean would be over 6, but the long ones'
 * over 2; a reader holding the overall mean and one of them has the
 * other. Both means are hidden. */
static void test_within(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_err err;
  (void)state;
  count(t, "episodes.clients", GA, "", 8);
  count(t, "episodes.short", GA, "", 6);
  put(t, "episodes.short_duration_mean", GA, "", ZT_UNIT_DAYS, 60, 6, 6);
  put(t, "episodes.long_duration_mean", GA, "", ZT_UNIT_DAYS, 400, 2, 2);
  put(t, "episodes.duration_mean", GA, "", ZT_UNIT_DAYS, 460, 8, 8);
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  expect(t, "episodes.short", GA, "", false, "6");
  expect(t, "episodes.short_duration_mean", GA, "", true, "\xc2\xb7");
  expect(t, "episodes.long_duration_mean", GA, "", true, "\xc2\xb7");
  expect(t, "episodes.duration_mean", GA, "", false, "58");
  zt_ind_table_free(t);
}

/* The mean age of the longest episodes is over those with a known birth
 * date: 24 of the 25 (the demo's 2022 cohort). The one without has no
 * age, so no mean of the whole gives its age away; at region level,
 * where counts are shown, the mean stays. Below it the rest (1) is a
 * count that may not be published, so the municipality's mean goes,
 * while a municipality with every age known keeps its own. */
static void test_within_unknown_rest(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_err err;
  (void)state;
  for (int g = 0; g < 3; g++) {
    uint16_t gem = g == 0 ? 0 : g == 1 ? GA : GB;
    int64_t known = g == 2 ? 25 : 24;
    count(t, "episodes.clients", gem, "", 60);
    count(t, "episodes.top", gem, "", 25);
    put(t, "episodes.top_duration_mean", gem, "", ZT_UNIT_DAYS, 25000, 25,
        25);
    put(t, "episodes.top_age_mean", gem, "", ZT_UNIT_YEARS, known * 16,
        known, known);
  }
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  expect(t, "episodes.top_age_mean", 0, "", false, "16,0");
  expect(t, "episodes.top_age_mean", GA, "", true, "\xc2\xb7");
  expect(t, "episodes.top_age_mean", GB, "", false, "16,0");
  expect(t, "episodes.top_duration_mean", 0, "", false, "1.000");
  zt_ind_table_free(t);
}

/* The share volgens plan is over the definitive stops: flow.stops less
 * its cbs=overig row. Its n (57 of 60) would give a hidden overig (3)
 * away, so the share goes with it; with 8 in overig, shown, the share
 * (30 of 57) is shown. */
static void test_share_less_a_row(void **state) {
  for (int k = 0; k < 2; k++) {
    zt_ind_table *t = zt_ind_table_new();
    zt_err err;
    int64_t overig = k ? 8 : 3, all = 57 + overig;
    (void)state;
    count(t, "flow.stops", GA, "", all);
    count(t, "flow.stops_cbs", GA, "cbs=volgens_plan", 30);
    count(t, "flow.stops_cbs", GA, "cbs=in_overeenstemming", 10);
    count(t, "flow.stops_cbs", GA, "cbs=door_client", 10);
    count(t, "flow.stops_cbs", GA, "cbs=door_aanbieder", 7);
    count(t, "flow.stops_cbs", GA, "cbs=extern", 0);
    count(t, "flow.stops_cbs", GA, "cbs=overig", overig);
    put(t, "flow.share_volgens_plan", GA, "", ZT_UNIT_PERCENT, 30,
        all - overig, all - overig);
    zt_ind_table_sort(t);
    assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
    expect(t, "flow.stops_cbs", GA, "cbs=volgens_plan", false, "30");
    if (k) {
      expect(t, "flow.stops_cbs", GA, "cbs=overig", false, "8");
      expect(t, "flow.share_volgens_plan", GA, "", false, "52,6%");
    } else {
      expect(t, "flow.stops_cbs", GA, "cbs=overig", true, "< 5");
      expect(t, "flow.share_volgens_plan", GA, "", true, "\xc2\xb7");
    }
    zt_ind_table_free(t);
  }
}

static void test_mode_names(void **state) {
  zt_supp_mode m;
  zt_err err;
  (void)state;
  assert_int_equal(zt_supp_mode_parse("cbs", &m, &err), ZT_OK);
  assert_int_equal(m, ZT_SUPP_CBS);
  assert_string_equal(zt_supp_mode_name(ZT_SUPP_SMALL), "small");
  assert_int_equal(zt_supp_mode_parse("klein", &m, &err), ZT_ERR_USAGE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_small),
    cmocka_unit_test(test_complementary_columns),
    cmocka_unit_test(test_flow_exact_columns),
    cmocka_unit_test(test_placements_exact_columns),
    cmocka_unit_test(test_share_of_kinds),
    cmocka_unit_test(test_complementary_cascade),
    cmocka_unit_test(test_region_means),
    cmocka_unit_test(test_small_region),
    cmocka_unit_test(test_cbs),
    cmocka_unit_test(test_cbs_audit),
    cmocka_unit_test(test_time),
    cmocka_unit_test(test_latest_kind),
    cmocka_unit_test(test_same),
    cmocka_unit_test(test_audit_ranges),
    cmocka_unit_test(test_audit_linear),
    cmocka_unit_test(test_within),
    cmocka_unit_test(test_within_unknown_rest),
    cmocka_unit_test(test_share_less_a_row),
    cmocka_unit_test(test_mode_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

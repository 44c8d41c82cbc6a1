/*
 * tests/unit/test_suppress.c -- metrics/suppress.c: the small mode
 * (3 -> "< 5", zero stays "0", means over few clients "·"), region rows
 * never hidden but provider rows are, complementary suppression in rows
 * and columns (with a cascade), rows derived from hidden rows, the cbs
 * mode (7 -> ".", 8 -> "10", 12 -> "10", 13 -> "15", shares from rounded
 * counts), the none mode and idempotence.
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

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
  count(t, "ggz_klinisch.clients", 0, "", 3);
  count(t, "ggz_klinisch.clients", GA, "", 3);
  count(t, "ggz_klinisch.clients", GB, "", 0);
  count(t, "verblijf.residentieel_under12", GA, "", 0);
  count(t, "verblijf.residentieel_under12", GB, "", 5);
  count(t, "verblijf.at_peildatum", 0, "", 40);
  count(t, "verblijf.at_peildatum", 0, "provider=11111111", 2);
  count(t, "verblijf.at_peildatum", 0, "provider=22222222", 38);
  count(t, "verblijf.at_peildatum", 0, "kind=gesloten", 2);
  /* a share over 4 clients, another over 5; a mean over 3; money over 0 */
  put(t, "verblijf.share_gezinsvorm", GA, "", ZT_UNIT_PERCENT, 3, 4, 4);
  put(t, "verblijf.share_gezinsvorm", GB, "", ZT_UNIT_PERCENT, 3, 5, 5);
  put(t, "episodes.duration_mean", GA, "", ZT_UNIT_DAYS, 300, 3, 3);
  put(t, "spend.total", GB, "", ZT_UNIT_EUR, 0, 1, 0);
  count(t, "dq.lines_read", 0, "", 2);
  count(t, "no.such_indicator", GA, "", 2);
  zt_ind_table_sort(t);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  /* region totals and kinds are never hidden */
  expect(t, "ggz_klinisch.clients", 0, "", false, "3");
  expect(t, "verblijf.at_peildatum", 0, "kind=gesloten", false, "2");
  /* 3 -> "< 5"; zero stays "0"; 5 is shown */
  expect(t, "ggz_klinisch.clients", GA, "", true, "< 5");
  expect(t, "ggz_klinisch.clients", GB, "", false, "0");
  expect(t, "verblijf.residentieel_under12", GA, "", false, "0");
  expect(t, "verblijf.residentieel_under12", GB, "", false, "5");
  /* providers are hidden at region level too; the only other provider
   * row of that published total (38) is hidden with it, so 40 - 38 does
   * not reveal the 2 */
  expect(t, "verblijf.at_peildatum", 0, "provider=11111111", true, "< 5");
  expect(t, "verblijf.at_peildatum", 0, "provider=22222222", true,
         "\xc2\xb7");
  /* share over 4 clients hidden, over 5 shown; mean over 3 hidden; an
   * amount over nobody is shown */
  expect(t, "verblijf.share_gezinsvorm", GA, "", true, "\xc2\xb7");
  expect(t, "verblijf.share_gezinsvorm", GB, "", false, "60,0%");
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

static void test_cbs(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_err err;
  (void)state;
  count(t, "clients.total", 0, "", 7);
  count(t, "clients.total", GA, "", 7);
  count(t, "clients.total", GB, "", 8);
  count(t, "clients.total", GC, "", 12);
  count(t, "verblijf.clients", GA, "", 13);
  count(t, "verblijf.clients", GB, "", 0);
  count(t, "verblijf.clients", GC, "", 1234);
  /* shares from rounded counts: 3/40 -> 5/40 = 12,5%; 22/38 -> 20/40 =
   * 50,0%; a whole of 7 -> "." */
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
  expect(t, "verblijf.clients", GB, "", true, ".");
  expect(t, "verblijf.clients", GC, "", false, "1.235");
  expect(t, "verblijf.share_gezinsvorm", GA, "", false, "12,5%");
  expect(t, "verblijf.share_gezinsvorm", GB, "", false, "50,0%");
  expect(t, "verblijf.share_gezinsvorm", GC, "", true, ".");
  expect(t, "episodes.cost_mean", GA, "", true, ".");
  expect(t, "episodes.cost_mean", GB, "", false, "\xe2\x82\xac 1.000");
  expect(t, "wpb.clients_shift", 1942, "", false, "0");
  zt_ind_table_free(t);
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
    cmocka_unit_test(test_complementary_cascade),
    cmocka_unit_test(test_cbs),
    cmocka_unit_test(test_mode_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

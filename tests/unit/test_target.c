/*
 * tests/unit/test_target.c -- metrics/target.c, the one target
 * evaluator: parsing operators and decimal values, the status gehaald /
 * niet gehaald / geen gegevens with exact comparisons at the boundary,
 * unit scaling (percent points, euros), the fallbacks (year, region), a
 * year target in a 2e halfjaar (judged on the year) and a 1e halfjaar
 * (op koers / niet op koers), a hidden share judged on the bounds its
 * published parts give, and the texts the report shows.
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "metrics/indicator.h"
#include "metrics/suppress.h"
#include "metrics/target.h"

static void put(zt_ind_table *t, const char *id, const char *period,
                uint16_t gem, zt_unit unit, int64_t num, int64_t den) {
  zt_ind_value v;
  zt_period p;
  memset(&v, 0, sizeof v);
  assert_int_equal(zt_period_parse(period, &p, NULL), ZT_OK);
  snprintf(v.indicator, sizeof v.indicator, "%s", id);
  snprintf(v.period, sizeof v.period, "%s", period);
  v.peildatum = p.end;
  v.gemeente = gem;
  v.unit = unit;
  v.num = num;
  v.den = den;
  v.n = den;
  zt_ind_display(&v, v.display);
  assert_int_equal(zt_ind_table_put(t, &v), ZT_OK);
}

static zt_target target(const char *id, uint16_t gem, const char *period,
                        const char *op, const char *value) {
  zt_target tg;
  zt_err err;
  memset(&tg, 0, sizeof tg);
  snprintf(tg.indicator, sizeof tg.indicator, "%s", id);
  snprintf(tg.period, sizeof tg.period, "%s", period);
  tg.gemeente = gem;
  assert_int_equal(zt_target_op_parse(op, &tg.op, &err), ZT_OK);
  assert_int_equal(zt_target_value_parse(value, &tg.num, &tg.den, &err),
                   ZT_OK);
  return tg;
}

static void test_parse(void **state) {
  int64_t num, den;
  zt_target_op op;
  zt_err err;
  (void)state;
  assert_int_equal(zt_target_value_parse("65", &num, &den, &err), ZT_OK);
  assert_true(num == 65 && den == 1);
  assert_int_equal(zt_target_value_parse("27,5", &num, &den, &err), ZT_OK);
  assert_true(num == 275 && den == 10);
  assert_int_equal(zt_target_value_parse(" 27.25 ", &num, &den, &err),
                   ZT_OK);
  assert_true(num == 2725 && den == 100);
  assert_int_equal(zt_target_value_parse("-3", &num, &den, &err), ZT_OK);
  assert_true(num == -3 && den == 1);
  assert_int_equal(zt_target_value_parse("abc", &num, &den, &err),
                   ZT_ERR_INPUT);
  assert_int_equal(zt_target_value_parse("1,2,3", &num, &den, &err),
                   ZT_ERR_INPUT);
  assert_int_equal(zt_target_value_parse("12.", &num, &den, &err),
                   ZT_ERR_INPUT);
  assert_int_equal(zt_target_value_parse("", &num, &den, &err),
                   ZT_ERR_INPUT);
  assert_int_equal(zt_target_op_parse(">=", &op, &err), ZT_OK);
  assert_int_equal(op, ZT_OP_GE);
  assert_int_equal(zt_target_op_parse("=", &op, &err), ZT_OK);
  assert_int_equal(op, ZT_OP_EQ);
  assert_int_equal(zt_target_op_parse("=>", &op, &err), ZT_ERR_INPUT);
}

static zt_target_eval eval(const zt_target *tg, size_t n,
                           const zt_ind_table *t, const char *id,
                           const char *period, uint16_t gem) {
  zt_target_eval ev;
  zt_period p;
  assert_int_equal(zt_period_parse(period, &p, NULL), ZT_OK);
  zt_target_evaluate(tg, n, t, id, &p, gem, &ev);
  return ev;
}

/* Exact comparisons at the boundary, the units, and a missing value. */
static void test_status(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_target tg[5];
  zt_target_eval ev;
  (void)state;
  /* 171/250 = 68,4%; 18/100 = 18,0%; 0 and 3 clients under 12;
   * 11024537 cents = € 110.245,37 */
  put(t, "verblijf.share_gezinsvorm", "2022", 0, ZT_UNIT_PERCENT, 171, 250);
  put(t, "verblijf.share_residentieel", "2022", 0, ZT_UNIT_PERCENT, 18, 100);
  put(t, "verblijf.residentieel_under12", "2022", 0, ZT_UNIT_COUNT, 0, 1);
  put(t, "verblijf.residentieel_under12", "2022", 402, ZT_UNIT_COUNT, 3, 1);
  put(t, "spend.total", "2022", 0, ZT_UNIT_EUR, 11024537, 1);
  tg[0] = target("verblijf.share_gezinsvorm", 0, "2022", ">=", "65");
  tg[1] = target("verblijf.share_residentieel", 0, "2022", "<=", "18");
  tg[2] = target("verblijf.residentieel_under12", 0, "2022", "=", "0");
  tg[3] = target("spend.total", 0, "2022", "<=", "110245,37");
  tg[4] = target("verblijf.share_gezinsvorm", 0, "2023", ">=", "70");
  /* 68,4 >= 65 */
  ev = eval(tg, 5, t, "verblijf.share_gezinsvorm", "2022", 0);
  assert_ptr_equal(ev.target, &tg[0]);
  assert_int_equal(ev.status, ZT_TS_MET);
  assert_string_equal(ev.target_text, "\xe2\x89\xa5 65%");
  assert_string_equal(ev.judged->display, "68,4%");
  /* exactly 18 <= 18 */
  assert_int_equal(eval(tg, 5, t, "verblijf.share_residentieel", "2022", 0)
                       .status, ZT_TS_MET);
  ev = eval(tg, 5, t, "verblijf.residentieel_under12", "2022", 0);
  assert_int_equal(ev.status, ZT_TS_MET);
  assert_string_equal(ev.target_text, "0");
  /* a municipality without a target of its own has the region's: 3 = 0
   * is not met */
  ev = eval(tg, 5, t, "verblijf.residentieel_under12", "2022", 402);
  assert_ptr_equal(ev.target, &tg[2]);
  assert_int_equal(ev.status, ZT_TS_NOT_MET);
  /* 110245,37 <= 110245,37 but not <= 110245,36 */
  assert_int_equal(eval(tg, 5, t, "spend.total", "2022", 0).status,
                   ZT_TS_MET);
  tg[3] = target("spend.total", 0, "2022", "<=", "110245.36");
  ev = eval(tg, 5, t, "spend.total", "2022", 0);
  assert_int_equal(ev.status, ZT_TS_NOT_MET);
  assert_string_equal(ev.target_text, "\xe2\x89\xa4 \xe2\x82\xac 110.245");
  /* no value for 2023; no target for 2021 */
  ev = eval(tg, 5, t, "verblijf.share_gezinsvorm", "2023", 0);
  assert_int_equal(ev.status, ZT_TS_NO_DATA);
  assert_null(ev.judged);
  ev = eval(tg, 5, t, "verblijf.share_gezinsvorm", "2021", 0);
  assert_null(ev.target);
  assert_int_equal(ev.status, ZT_TS_NONE);
  assert_string_equal(zt_target_status_word(ZT_TS_MET), "gehaald");
  assert_string_equal(zt_target_status_word(ZT_TS_NOT_MET), "niet gehaald");
  assert_string_equal(zt_target_status_word(ZT_TS_NO_DATA),
                      "geen gegevens");
  assert_string_equal(zt_target_status_symbol(ZT_TS_MET), "\xe2\x9c\x94");
  zt_ind_table_free(t);
}

/* One target, three reports. The 2023 target >= 70% on the share in a
 * gezinsvorm; the values: 1e halfjaar 67,9% (= 679/1000), 2e halfjaar
 * 72,4% (724/1000), the year 69,0% (690/1000). The 2e-halfjaar report
 * judges the year (69,0 < 70: niet gehaald), as the annual report does;
 * the 1e-halfjaar report judges the year to date, provisionally (67,9 <
 * 70: niet op koers), never "gehaald". A target set for the half-year
 * itself is judged on it. A hidden year value gives geen gegevens. */
static void test_year_target_in_half_years(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_target tg[2];
  zt_target_eval ev;
  (void)state;
  put(t, "verblijf.share_gezinsvorm", "2023-H1", 0, ZT_UNIT_PERCENT, 679,
      1000);
  put(t, "verblijf.share_gezinsvorm", "2023-H2", 0, ZT_UNIT_PERCENT, 724,
      1000);
  put(t, "verblijf.share_gezinsvorm", "2023", 0, ZT_UNIT_PERCENT, 690, 1000);
  tg[0] = target("verblijf.share_gezinsvorm", 0, "2023", ">=", "70");
  ev = eval(tg, 1, t, "verblijf.share_gezinsvorm", "2023-H2", 0);
  assert_int_equal(ev.status, ZT_TS_NOT_MET);
  assert_false(ev.provisional);
  assert_int_equal(ev.judged_period.half, 0);
  assert_string_equal(ev.judged->display, "69,0%");
  {
    zt_target_eval y = eval(tg, 1, t, "verblijf.share_gezinsvorm", "2023",
                            0);
    assert_int_equal(y.status, ev.status);
    assert_ptr_equal(y.judged, ev.judged);
  }
  ev = eval(tg, 1, t, "verblijf.share_gezinsvorm", "2023-H1", 0);
  assert_int_equal(ev.status, ZT_TS_OFF_TRACK);
  assert_true(ev.provisional);
  assert_string_equal(ev.judged->display, "67,9%");
  assert_string_equal(zt_target_status_word(ev.status), "niet op koers");
  /* 65 would be reached so far: op koers, still not "gehaald" */
  tg[0] = target("verblijf.share_gezinsvorm", 0, "2023", ">=", "65");
  ev = eval(tg, 1, t, "verblijf.share_gezinsvorm", "2023-H1", 0);
  assert_int_equal(ev.status, ZT_TS_ON_TRACK);
  /* a half-year's own target wins over the year's and is final */
  tg[1] = target("verblijf.share_gezinsvorm", 0, "2023-H2", ">=", "72");
  ev = eval(tg, 2, t, "verblijf.share_gezinsvorm", "2023-H2", 0);
  assert_ptr_equal(ev.target, &tg[1]);
  assert_int_equal(ev.status, ZT_TS_MET);
  assert_string_equal(ev.judged->display, "72,4%");
  /* hidden: no verdict from a value nobody may see, and it says so
   * ("niet getoond", as the "·" in its place), not "geen gegevens" */
  zt_ind_table_at(t, 2)->suppressed = true;
  ev = eval(tg, 1, t, "verblijf.share_gezinsvorm", "2023", 0);
  assert_int_equal(ev.status, ZT_TS_HIDDEN);
  assert_string_equal(zt_target_status_word(ev.status),
                      "niet getoond (kleine aantallen)");
  assert_string_equal(zt_target_status_symbol(ev.status), "\xc2\xb7");
  zt_ind_table_free(t);
}

/* A municipality's share in residential care is hidden because one of
 * its parts is below the threshold; its parts as published still put it
 * on one side of a target, which is then judged, never on the other. */
/* The verblijf rows of one municipality in 2023: its clients split by
 * kind (n[] in the order of kinds[]) and its residential share. */
static void put_kinds(zt_ind_table *t, uint16_t gem, const int64_t n[7]) {
  static const char *const kinds[] = {
      "kind=residentieel", "kind=driemilieu", "kind=gesloten",
      "kind=pleegzorg", "kind=gezinshuis", "kind=beschermd_wonen",
      "kind=ggz_klinisch"};
  int64_t all = 0;
  for (int k = 0; k < 7; k++) {
    zt_ind_value v;
    zt_period p;
    memset(&v, 0, sizeof v);
    assert_int_equal(zt_period_parse("2023", &p, NULL), ZT_OK);
    snprintf(v.indicator, sizeof v.indicator, "verblijf.clients_by_kind");
    snprintf(v.period, sizeof v.period, "2023");
    snprintf(v.breakdown, sizeof v.breakdown, "%s", kinds[k]);
    v.peildatum = p.end;
    v.gemeente = gem;
    v.unit = ZT_UNIT_COUNT;
    v.num = v.n = n[k];
    v.den = 1;
    zt_ind_display(&v, v.display);
    assert_int_equal(zt_ind_table_put(t, &v), ZT_OK);
    all += n[k];
  }
  put(t, "verblijf.clients", "2023", gem, ZT_UNIT_COUNT, all, 1);
  put(t, "verblijf.share_residentieel", "2023", gem, ZT_UNIT_PERCENT,
      n[0] + n[1] + n[2], all);
}

static void test_hidden_share_bounds(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_target tg[3];
  zt_target_eval ev;
  zt_period y;
  zt_err err;
  (void)state;
  assert_int_equal(zt_period_parse("2023", &y, NULL), ZT_OK);
  /* Gooise Meren in the demo: 21 of 72 (29,2%); its klinische jeugd-GGZ
   * (2) is hidden too, so the share would give the driemilieu count */
  put_kinds(t, 406, (const int64_t[7]){20, 1, 0, 31, 13, 5, 2});
  /* 7 of 40 (17,5%) */
  put_kinds(t, 417, (const int64_t[7]){5, 2, 0, 20, 10, 1, 2});
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  assert_true(zt_ind_table_find(t, "verblijf.share_residentieel", "2023",
                                406, "")->suppressed);
  /* 20 + (1..4) + 0 of 72: 29,2% to 33,3%, all above 18% */
  tg[0] = target("verblijf.share_residentieel", 406, "2023", "<=", "18");
  zt_target_evaluate(tg, 1, t, "verblijf.share_residentieel", &y, 406,
                     &ev);
  assert_int_equal(ev.status, ZT_TS_NOT_MET);
  assert_true(ev.bounded);
  assert_true(ev.judged->suppressed);
  /* ... and all below 35% */
  tg[1] = target("verblijf.share_residentieel", 406, "2023", "<=", "35");
  zt_target_evaluate(&tg[1], 1, t, "verblijf.share_residentieel", &y, 406,
                     &ev);
  assert_int_equal(ev.status, ZT_TS_MET);
  /* 30% lies inside: no verdict */
  tg[2] = target("verblijf.share_residentieel", 406, "2023", "<=", "30");
  zt_target_evaluate(&tg[2], 1, t, "verblijf.share_residentieel", &y, 406,
                     &ev);
  assert_int_equal(ev.status, ZT_TS_HIDDEN);
  assert_false(ev.bounded);
  /* 5 + (1..4) + 0 of 40: 15% to 22,5% against 18%: no verdict */
  assert_true(zt_ind_table_find(t, "verblijf.share_residentieel", "2023",
                                417, "")->suppressed);
  tg[0] = target("verblijf.share_residentieel", 417, "2023", "<=", "18");
  zt_target_evaluate(tg, 1, t, "verblijf.share_residentieel", &y, 417, &ev);
  assert_int_equal(ev.status, ZT_TS_HIDDEN);
  /* without suppression information (mode none): never */
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_NONE, 5, &err), ZT_OK);
  assert_false(zt_supp_share_bounds(
      t, zt_ind_table_find(t, "verblijf.share_residentieel", "2023", 406,
                           ""),
      &(int64_t){0}, &(int64_t){0}, &(int64_t){0}));
  zt_ind_table_free(t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_parse),
    cmocka_unit_test(test_status),
    cmocka_unit_test(test_year_target_in_half_years),
    cmocka_unit_test(test_hidden_share_bounds),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

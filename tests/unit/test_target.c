/*
 * tests/unit/test_target.c -- metrics/target.c: parsing operators and
 * decimal values, the status gehaald / niet gehaald / geen gegevens with
 * exact comparisons at the boundary, unit scaling (percent points, euros)
 * and the texts the report shows.
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "metrics/indicator.h"
#include "metrics/target.h"

static void put(zt_ind_table *t, const char *id, uint16_t gem, zt_unit unit,
                int64_t num, int64_t den) {
  zt_ind_value v;
  memset(&v, 0, sizeof v);
  snprintf(v.indicator, sizeof v.indicator, "%s", id);
  snprintf(v.period, sizeof v.period, "2022");
  v.peildatum = zt_day_from_ymd(2022, 12, 31);
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

static void test_status(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_target tg[9];
  zt_target_result r[9];
  zt_err err;
  (void)state;
  /* 171/250 = 68,4%; 18/100 = 18,0%; 0 and 3 clients under 12;
   * 11024537 cents = € 110.245,37 */
  put(t, "verblijf.share_gezinsvorm", 0, ZT_UNIT_PERCENT, 171, 250);
  put(t, "verblijf.share_residentieel", 0, ZT_UNIT_PERCENT, 18, 100);
  put(t, "verblijf.residentieel_under12", 0, ZT_UNIT_COUNT, 0, 1);
  put(t, "verblijf.residentieel_under12", 402, ZT_UNIT_COUNT, 3, 1);
  put(t, "spend.total", 0, ZT_UNIT_EUR, 11024537, 1);
  tg[0] = target("verblijf.share_gezinsvorm", 0, "2022", ">=", "65");
  tg[1] = target("verblijf.share_gezinsvorm", 0, "2022", ">=", "70");
  tg[2] = target("verblijf.share_residentieel", 0, "2022", "<=", "18");
  tg[3] = target("verblijf.residentieel_under12", 0, "2022", "=", "0");
  tg[4] = target("verblijf.residentieel_under12", 402, "2022", "=", "0");
  tg[5] = target("spend.total", 0, "2022", "<=", "110245,37");
  tg[6] = target("spend.total", 0, "2022", "<=", "110245.36");
  tg[7] = target("verblijf.share_gezinsvorm", 0, "2023", ">=", "70");
  tg[8] = target("verblijf.share_gezinsvorm", 402, "2022", ">=", "65");
  assert_int_equal(zt_targets_eval(tg, 9, t, r, &err), ZT_OK);
  /* 68,4 >= 65 */
  assert_int_equal(r[0].status, ZT_TS_MET);
  assert_string_equal(r[0].target_display, "\xe2\x89\xa5 65,0%");
  assert_string_equal(r[0].actual_display, "68,4%");
  /* 68,4 < 70 */
  assert_int_equal(r[1].status, ZT_TS_NOT_MET);
  /* exactly 18 <= 18 */
  assert_int_equal(r[2].status, ZT_TS_MET);
  assert_int_equal(r[3].status, ZT_TS_MET);
  assert_string_equal(r[3].target_display, "= 0");
  assert_int_equal(r[4].status, ZT_TS_NOT_MET);
  /* 110245,37 <= 110245,37 but not <= 110245,36 */
  assert_int_equal(r[5].status, ZT_TS_MET);
  assert_string_equal(r[5].target_display,
                      "\xe2\x89\xa4 \xe2\x82\xac 110.245");
  assert_int_equal(r[6].status, ZT_TS_NOT_MET);
  /* no value for 2023 or for that municipality */
  assert_int_equal(r[7].status, ZT_TS_NO_DATA);
  assert_null(r[7].actual);
  assert_int_equal(r[8].status, ZT_TS_NO_DATA);
  assert_string_equal(zt_target_status_nl(r[0].status), "gehaald");
  assert_string_equal(zt_target_status_nl(r[1].status), "niet gehaald");
  assert_string_equal(zt_target_status_nl(r[7].status), "geen gegevens");
  assert_string_equal(zt_target_status_symbol(ZT_TS_MET), "\xe2\x9c\x93");
  /* an unknown indicator is an input error naming the row */
  snprintf(tg[1].indicator, sizeof tg[1].indicator, "verblijf.aandeel");
  assert_int_equal(zt_targets_eval(tg, 2, t, r, &err), ZT_ERR_INPUT);
  assert_non_null(strstr(err.msg, "target 2"));
  zt_ind_table_free(t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_parse),
    cmocka_unit_test(test_status),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

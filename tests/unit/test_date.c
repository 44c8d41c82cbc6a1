/*
 * tests/unit/test_date.c -- day numbers, calendar validity, both input
 * formats, ages (docs/indicators.md, "Conventions") and month arithmetic.
 */
#include "testutil.h"

#include <string.h>

#include "core/date.h"

static void test_epoch_and_roundtrip(void **state) {
  int y, m, d;
  (void)state;
  assert_int_equal(zt_day_from_ymd(1970, 1, 1), 0);
  assert_int_equal(zt_day_from_ymd(1970, 1, 2), 1);
  assert_int_equal(zt_day_from_ymd(1969, 12, 31), -1);
  /* 2000-03-01: 30 years of 365 days + 7 leap days (72..96) + Jan+Feb of
   * 2000 (31 + 29) = 10950 + 7 + 60 = 11017. */
  assert_int_equal(zt_day_from_ymd(2000, 3, 1), 11017);
  for (zt_day day = zt_day_from_ymd(1899, 1, 1);
       day < zt_day_from_ymd(2101, 1, 1); day += 1) {
    zt_day_to_ymd(day, &y, &m, &d);
    assert_true(zt_ymd_valid(y, m, d));
    assert_int_equal(zt_day_from_ymd(y, m, d), day);
  }
}

static void test_validity(void **state) {
  (void)state;
  assert_true(zt_ymd_valid(2024, 2, 29));
  assert_false(zt_ymd_valid(2023, 2, 29));
  assert_false(zt_ymd_valid(1900, 2, 29)); /* century, not leap */
  assert_true(zt_ymd_valid(2000, 2, 29));  /* 400-year, leap */
  assert_false(zt_ymd_valid(2027, 6, 31)); /* the broken JW315 example */
  assert_false(zt_ymd_valid(2022, 13, 1));
  assert_false(zt_ymd_valid(2022, 0, 1));
  assert_false(zt_ymd_valid(2022, 1, 0));
}

static void test_parse(void **state) {
  zt_day d;
  (void)state;
  assert_int_equal(zt_date_parse("2022-03-24", 10, &d), ZT_OK);
  assert_int_equal(d, zt_day_from_ymd(2022, 3, 24));
  assert_int_equal(zt_date_parse("24-03-2022", 10, &d), ZT_OK);
  assert_int_equal(d, zt_day_from_ymd(2022, 3, 24));
  assert_int_equal(zt_date_parse("2027-06-31", 10, &d), ZT_ERR_INPUT);
  assert_int_equal(zt_date_parse("31-06-2027", 10, &d), ZT_ERR_INPUT);
  assert_int_equal(zt_date_parse("2022-3-24", 9, &d), ZT_ERR_INPUT);
  assert_int_equal(zt_date_parse("2022/03/24", 10, &d), ZT_ERR_INPUT);
  assert_int_equal(zt_date_parse("2022-03-2x", 10, &d), ZT_ERR_INPUT);
  assert_int_equal(zt_date_parse(" 022-03-24", 10, &d), ZT_ERR_INPUT);
  assert_int_equal(zt_date_parse("", 0, &d), ZT_ERR_INPUT);
  assert_int_equal(zt_date_parse("0000-01-01", 10, &d), ZT_ERR_INPUT);
  assert_int_equal(ZT_DAY_MAX, zt_day_from_ymd(ZT_YEAR_MAX, 12, 31));
  /* open ends as iJw writes them are real dates up to 9999 */
  assert_int_equal(zt_date_parse("9999-12-31", 10, &d), ZT_OK);
  assert_int_equal(zt_day_year(d), 9999);
  assert_int_equal(zt_date_parse("31-12-9999", 10, &d), ZT_OK);
  assert_int_equal(zt_date_parse("3000-02-29", 10, &d), ZT_ERR_INPUT);
  /* an iJw date (xs:date) is YYYY-MM-DD alone */
  assert_int_equal(zt_date_parse_iso("2022-03-24", 10, &d), ZT_OK);
  assert_int_equal(d, zt_day_from_ymd(2022, 3, 24));
  assert_int_equal(zt_date_parse_iso("24-03-2022", 10, &d), ZT_ERR_INPUT);
  assert_int_equal(zt_date_parse_iso("31-12-2023", 10, &d), ZT_ERR_INPUT);
  assert_int_equal(zt_date_parse_iso("2027-06-31", 10, &d), ZT_ERR_INPUT);
  assert_int_equal(zt_date_parse_iso("9999-12-31", 10, &d), ZT_OK);
  {
    char iso[11];
    zt_date_parse("9999-12-31", 10, &d);
    zt_date_iso(d, iso);
    assert_string_equal(iso, "9999-12-31");
  }
}

static void test_iso(void **state) {
  char buf[11];
  (void)state;
  zt_date_iso(zt_day_from_ymd(2019, 9, 4), buf);
  assert_string_equal(buf, "2019-09-04");
  zt_date_iso(ZT_DAY_NONE, buf);
  assert_string_equal(buf, "");
}

static void test_age(void **state) {
  zt_day born = zt_day_from_ymd(2010, 5, 1);
  zt_day leap = zt_day_from_ymd(2008, 2, 29);
  (void)state;
  /* docs/indicators.md: born 2010-05-01 is 11 on 2022-04-30, 12 on
   * 2022-05-01 */
  assert_int_equal(zt_age_years(born, zt_day_from_ymd(2022, 4, 30)), 11);
  assert_int_equal(zt_age_years(born, zt_day_from_ymd(2022, 5, 1)), 12);
  /* Born 29 February: birthday is 1 March in common years. */
  assert_int_equal(zt_age_years(leap, zt_day_from_ymd(2021, 2, 28)), 12);
  assert_int_equal(zt_age_years(leap, zt_day_from_ymd(2021, 3, 1)), 13);
  assert_int_equal(zt_age_years(leap, zt_day_from_ymd(2020, 2, 29)), 12);
  assert_int_equal(zt_age_years(leap, zt_day_from_ymd(2020, 2, 28)), 11);
}

static void test_months(void **state) {
  zt_day jan31 = zt_day_from_ymd(2023, 1, 31);
  (void)state;
  assert_int_equal(zt_add_months(jan31, 1), zt_day_from_ymd(2023, 2, 28));
  assert_int_equal(zt_add_months(jan31, -2), zt_day_from_ymd(2022, 11, 30));
  assert_int_equal(zt_add_months(jan31, 13), zt_day_from_ymd(2024, 2, 29));
  assert_int_equal(zt_month_first(jan31), zt_day_from_ymd(2023, 1, 1));
  assert_int_equal(zt_month_last(zt_day_from_ymd(2024, 2, 3)),
                   zt_day_from_ymd(2024, 2, 29));
  assert_int_equal(zt_day_year(jan31), 2023);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_epoch_and_roundtrip),
      cmocka_unit_test(test_validity),
      cmocka_unit_test(test_parse),
      cmocka_unit_test(test_iso),
      cmocka_unit_test(test_age),
      cmocka_unit_test(test_months),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

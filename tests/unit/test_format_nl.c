/*
 * tests/unit/test_format_nl.c -- Dutch number, money, percentage, date and
 * period formats (render/format_nl.h): hand-checked cases, rounding half
 * away from zero, negatives, and independence from the locale.
 */
#include "testutil.h"

#include <locale.h>
#include <stdint.h>
#include <string.h>

#include "render/format_nl.h"

#define M ZT_MINUS   /* U+2212, the minus sign */

static void test_round_div(void **state) {
  (void)state;
  assert_int_equal(zt_round_div(5, 2), 3);    /* 2,5 -> 3 */
  assert_int_equal(zt_round_div(-5, 2), -3);  /* -2,5 -> -3 */
  assert_int_equal(zt_round_div(7, 2), 4);    /* 3,5 -> 4 */
  assert_int_equal(zt_round_div(-7, 2), -4);
  assert_int_equal(zt_round_div(4, 3), 1);    /* 1,33 -> 1 */
  assert_int_equal(zt_round_div(-4, 3), -1);
  assert_int_equal(zt_round_div(5, -2), -3);  /* a negative denominator */
  assert_int_equal(zt_round_div(0, 7), 0);
  assert_int_equal(zt_round_div(1, 0), 0);    /* no division by zero */
}

static void test_int(void **state) {
  char b[ZT_FMT_MAX];
  (void)state;
  zt_fmt_int(1234567, b);
  assert_string_equal(b, "1.234.567");
  zt_fmt_int(0, b);
  assert_string_equal(b, "0");
  zt_fmt_int(999, b);
  assert_string_equal(b, "999");
  zt_fmt_int(1000, b);
  assert_string_equal(b, "1.000");
  zt_fmt_int(-5, b);
  assert_string_equal(b, M "5");
  zt_fmt_int(-1234, b);
  assert_string_equal(b, M "1.234");
  zt_fmt_int(INT64_MIN, b);
  assert_string_equal(b, M "9.223.372.036.854.775.808");
  zt_fmt_int_signed(12, b);
  assert_string_equal(b, "+12");
  zt_fmt_int_signed(-3, b);
  assert_string_equal(b, M "3");
  zt_fmt_int_signed(0, b);
  assert_string_equal(b, "0");
}

static void test_decimal(void **state) {
  char b[ZT_FMT_MAX];
  (void)state;
  zt_fmt_decimal(31, 2, 1, b);          /* 15,5 */
  assert_string_equal(b, "15,5");
  zt_fmt_decimal(1, 20, 1, b);          /* 0,05 -> 0,1 (half away) */
  assert_string_equal(b, "0,1");
  zt_fmt_decimal(-1, 20, 1, b);         /* -0,05 -> -0,1 */
  assert_string_equal(b, M "0,1");
  zt_fmt_decimal(1, 40, 1, b);          /* 0,025 -> 0,0 */
  assert_string_equal(b, "0,0");
  zt_fmt_decimal(-1, 40, 1, b);         /* -0,025 -> 0,0, not "-0,0" */
  assert_string_equal(b, "0,0");
  zt_fmt_decimal(1234567891, 100, 2, b);
  assert_string_equal(b, "12.345.678,91");
  zt_fmt_decimal(2, 3, 0, b);           /* 0,67 -> 1 */
  assert_string_equal(b, "1");
  zt_fmt_decimal(100260, 180, 0, b);    /* 557,0 days */
  assert_string_equal(b, "557");
  zt_fmt_decimal(3875, 250, 1, b);      /* 15,5 years */
  assert_string_equal(b, "15,5");
  zt_fmt_decimal(7, -2, 0, b);          /* -3,5 -> -4 */
  assert_string_equal(b, M "4");
}

static void test_percent(void **state) {
  char b[ZT_FMT_MAX];
  (void)state;
  zt_fmt_percent(640, 1000, b);         /* 64,0% */
  assert_string_equal(b, "64,0%");
  zt_fmt_percent(612, 1000, b);
  assert_string_equal(b, "61,2%");
  zt_fmt_percent(1, 3, b);              /* 33,33.. -> 33,3 */
  assert_string_equal(b, "33,3%");
  zt_fmt_percent(2, 3, b);              /* 66,66.. -> 66,7 */
  assert_string_equal(b, "66,7%");
  zt_fmt_percent(1, 16, b);             /* 6,25 -> 6,3 (half away) */
  assert_string_equal(b, "6,3%");
  zt_fmt_percent(-1, 16, b);            /* -6,25 -> -6,3 */
  assert_string_equal(b, M "6,3%");
  zt_fmt_percent(5, 5, b);
  assert_string_equal(b, "100,0%");
}

static void test_eur(void **state) {
  char b[ZT_FMT_MAX];
  (void)state;
  zt_fmt_eur(11024537, 1, b);           /* 110.245,37 euro */
  assert_string_equal(b, "\xe2\x82\xac 110.245");
  zt_fmt_eur(50, 1, b);                 /* 0,50 euro -> 1 (half away) */
  assert_string_equal(b, "\xe2\x82\xac 1");
  zt_fmt_eur(49, 1, b);
  assert_string_equal(b, "\xe2\x82\xac 0");
  zt_fmt_eur(-123456, 1, b);            /* -1.234,56 -> -1.235 */
  assert_string_equal(b, "\xe2\x82\xac " M "1.235");
  /* a mean: 1.980.000.000 cents over 180 episodes = 110.000 euro */
  zt_fmt_eur(1980000000, 180, b);
  assert_string_equal(b, "\xe2\x82\xac 110.000");
  zt_fmt_eur_signed(900000, b);
  assert_string_equal(b, "\xe2\x82\xac +9.000");
  zt_fmt_eur_signed(-50, b);            /* -0,50 -> -1 */
  assert_string_equal(b, "\xe2\x82\xac " M "1");
  zt_fmt_eur_signed(0, b);
  assert_string_equal(b, "\xe2\x82\xac 0");
}

static void test_double_and_ticks(void **state) {
  char b[ZT_FMT_MAX];
  (void)state;
  zt_fmt_double(2.5, 0, b);
  assert_string_equal(b, "3");
  zt_fmt_double(-2.5, 0, b);
  assert_string_equal(b, M "3");
  zt_fmt_double(1234.5678, 2, b);
  assert_string_equal(b, "1.234,57");
  zt_fmt_double(48.9, 1, b);
  assert_string_equal(b, "48,9");
  zt_fmt_eur_tick(12e6, 2e6, b);
  assert_string_equal(b, "\xe2\x82\xac 12 mln");
  zt_fmt_eur_tick(2.5e6, 5e5, b);
  assert_string_equal(b, "\xe2\x82\xac 2,5 mln");
  zt_fmt_eur_tick(250000, 50000, b);
  assert_string_equal(b, "\xe2\x82\xac 250.000");
  zt_fmt_eur_tick(-4e6, 2e6, b);
  assert_string_equal(b, "\xe2\x82\xac " M "4 mln");
}

/* No function writes a hyphen-minus before a number: every negative value
 * gets U+2212, so the report shows one minus sign everywhere. */
static void test_one_minus_sign(void **state) {
  static const int64_t vals[] = {-1, -5, -49, -50, -999, -1000, -123456,
                                 -7654321, INT64_MIN / 1000};
  char b[ZT_FMT_MAX];
  (void)state;
  for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++) {
    int64_t v = vals[i];
    zt_fmt_int(v, b);
    assert_null(strchr(b, '-'));
    assert_non_null(strstr(b, M));
    zt_fmt_int_signed(v, b);
    assert_null(strchr(b, '-'));
    assert_null(strchr(b, '+'));
    zt_fmt_decimal(v, 7, 2, b);
    assert_null(strchr(b, '-'));
    zt_fmt_percent(v, 1000, b);
    assert_null(strchr(b, '-'));
    assert_non_null(strstr(b, M));
    zt_fmt_eur(v * 100, 1, b);
    assert_null(strchr(b, '-'));
    assert_non_null(strstr(b, M));
    zt_fmt_eur_signed(v * 100, b);
    assert_null(strchr(b, '-'));
    assert_null(strchr(b, '+'));
    zt_fmt_eur_tick((double)v * 1000.0, 1000.0, b);
    assert_null(strchr(b, '-'));
    zt_fmt_double((double)v / 3.0, 1, b);
    assert_null(strchr(b, '-'));
    zt_fmt_target_value(v, 3, true, false, b);
    assert_null(strchr(b, '-'));
    /* a plus appears only in the signed forms, for a positive change */
    zt_fmt_int_signed(-v, b);
    assert_int_equal(b[0], '+');
    zt_fmt_int(-v, b);
    assert_null(strchr(b, '+'));
  }
}

static void test_target_value(void **state) {
  char b[ZT_FMT_MAX];
  (void)state;
  zt_fmt_target_value(65, 1, true, false, b);
  assert_string_equal(b, "65%");
  zt_fmt_target_value(125, 2, true, false, b);   /* 62,5% */
  assert_string_equal(b, "62,5%");
  zt_fmt_target_value(0, 1, false, false, b);
  assert_string_equal(b, "0");
  zt_fmt_target_value(415000, 1, false, true, b);
  assert_string_equal(b, "\xe2\x82\xac 415.000");
  zt_fmt_target_value(-3, 1, false, true, b);
  assert_string_equal(b, "\xe2\x82\xac " M "3");
}

static void test_dates(void **state) {
  char b[ZT_FMT_MAX];
  (void)state;
  zt_fmt_date(zt_day_from_ymd(2019, 9, 4), b);
  assert_string_equal(b, "4 september 2019");
  zt_fmt_date(zt_day_from_ymd(2024, 2, 29), b);
  assert_string_equal(b, "29 februari 2024");
  zt_fmt_date(zt_day_from_ymd(2022, 12, 31), b);
  assert_string_equal(b, "31 december 2022");
  assert_string_equal(zt_month_nl(3), "maart");
  assert_string_equal(zt_month_nl(13), "?");
  /* 13:05 on 4 September 2022 */
  zt_fmt_datetime_utc((int64_t)zt_day_from_ymd(2022, 9, 4) * 86400 +
                          13 * 3600 + 5 * 60, b);
  assert_string_equal(b, "4 september 2022, 13:05 uur (UTC)");
  /* one second before 1970 */
  zt_fmt_datetime_utc(-1, b);
  assert_string_equal(b, "31 december 1969, 23:59 uur (UTC)");
}

static void test_periods(void **state) {
  char b[ZT_FMT_MAX];
  zt_period h1 = zt_period_half(2022, 1), h2 = zt_period_half(2022, 2);
  zt_period y = zt_period_year(2022);
  (void)state;
  zt_fmt_period(&h1, b);
  assert_string_equal(b, "1e halfjaar 2022");
  zt_fmt_period(&h2, b);
  assert_string_equal(b, "2e halfjaar 2022");
  zt_fmt_period(&y, b);
  assert_string_equal(b, "2022");
  zt_fmt_period_short(&h2, b);
  assert_string_equal(b, "2e hj 2022");
  zt_fmt_period_short(&y, b);
  assert_string_equal(b, "2022");
  zt_fmt_quarter(2023, 3, b);
  assert_string_equal(b, "Q3 2023");
}

/* A norm in days, with its weeks when it is a whole number of them. */
static void test_days_weeks(void **state) {
  char b[ZT_FMT_MAX];
  (void)state;
  zt_fmt_days_weeks(42, b);
  assert_string_equal(b, "42 dagen (zes weken)");
  zt_fmt_days_weeks(7, b);
  assert_string_equal(b, "7 dagen (\xc3\xa9\xc3\xa9n week)");
  zt_fmt_days_weeks(140, b);
  assert_string_equal(b, "140 dagen (twintig weken)");
  zt_fmt_days_weeks(154, b);
  assert_string_equal(b, "154 dagen (22 weken)");
  zt_fmt_days_weeks(30, b);
  assert_string_equal(b, "30 dagen");
  zt_fmt_days_weeks(1, b);
  assert_string_equal(b, "1 dag");
}

static void test_quarter_parse(void **state) {
  int y = 0, q = 0;
  (void)state;
  assert_int_equal(zt_quarter_parse("2023-Q3", &y, &q), ZT_OK);
  assert_int_equal(y, 2023);
  assert_int_equal(q, 3);
  assert_int_equal(zt_quarter_parse("2022q1", &y, &q), ZT_OK);
  assert_int_equal(y, 2022);
  assert_int_equal(q, 1);
  assert_int_equal(zt_quarter_parse("Q4 2021", &y, &q), ZT_OK);
  assert_int_equal(y, 2021);
  assert_int_equal(q, 4);
  assert_int_equal(zt_quarter_parse("2023-Q5", &y, &q), ZT_ERR_INPUT);
  assert_int_equal(zt_quarter_parse("2023-Q0", &y, &q), ZT_ERR_INPUT);
  assert_int_equal(zt_quarter_parse("23-Q1", &y, &q), ZT_ERR_INPUT);
  assert_int_equal(zt_quarter_parse("", &y, &q), ZT_ERR_INPUT);
  assert_int_equal(zt_quarter_parse(NULL, &y, &q), ZT_ERR_INPUT);
  assert_int_equal(zt_quarter_parse("2023-Q12", &y, &q), ZT_ERR_INPUT);
}

/* The formats never consult the locale: a comma-decimal LC_NUMERIC (when
 * one is installed) changes nothing, and the library leaves LC_NUMERIC
 * at "C". */
static void test_locale_independent(void **state) {
  static const char *const locales[] = {"nl_NL.UTF-8", "de_DE.UTF-8",
                                        "fr_FR.UTF-8", "C.UTF-8", "C"};
  char b[ZT_FMT_MAX];
  (void)state;
  assert_string_equal(setlocale(LC_NUMERIC, NULL), "C");
  for (size_t i = 0; i < sizeof locales / sizeof locales[0]; i++) {
    if (!setlocale(LC_NUMERIC, locales[i]))
      continue;
    zt_fmt_double(1234.5678, 2, b);
    assert_string_equal(b, "1.234,57");
    zt_fmt_percent(1, 3, b);
    assert_string_equal(b, "33,3%");
  }
  setlocale(LC_NUMERIC, "C");
  assert_string_equal(setlocale(LC_NUMERIC, NULL), "C");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_round_div),
      cmocka_unit_test(test_int),
      cmocka_unit_test(test_decimal),
      cmocka_unit_test(test_percent),
      cmocka_unit_test(test_eur),
      cmocka_unit_test(test_double_and_ticks),
      cmocka_unit_test(test_one_minus_sign),
      cmocka_unit_test(test_target_value),
      cmocka_unit_test(test_dates),
      cmocka_unit_test(test_periods),
      cmocka_unit_test(test_days_weeks),
      cmocka_unit_test(test_quarter_parse),
      cmocka_unit_test(test_locale_independent),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

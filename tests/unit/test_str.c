/*
 * tests/unit/test_str.c -- the strict slice parsers and string helpers of
 * core/str.c: digit counts at the limits, signs, blanks and garbage
 * refused, bounds, truncating copies, trimming and comparisons.
 */
#include "testutil.h"

#include <limits.h>
#include <string.h>

#include "core/str.h"

#define S(lit) lit, sizeof lit - 1

static void test_parse_u64(void **state) {
  uint64_t v = 7;
  (void)state;
  assert_int_equal(zt_parse_u64(S("0"), &v), ZT_OK);
  assert_int_equal(v, 0);
  assert_int_equal(zt_parse_u64(S("000123"), &v), ZT_OK);
  assert_int_equal(v, 123);
  assert_int_equal(zt_parse_u64(S("999999999999999999"), &v), ZT_OK);
  assert_int_equal(v, 999999999999999999ULL);        /* 18 digits */
  v = 7;
  assert_int_equal(zt_parse_u64(S("1000000000000000000"), &v), ZT_ERR_INPUT);
  assert_int_equal(v, 7);                             /* untouched */
  assert_int_equal(zt_parse_u64(S(""), &v), ZT_ERR_INPUT);
  assert_int_equal(zt_parse_u64(S(" 1"), &v), ZT_ERR_INPUT);
  assert_int_equal(zt_parse_u64(S("1 "), &v), ZT_ERR_INPUT);
  assert_int_equal(zt_parse_u64(S("+1"), &v), ZT_ERR_INPUT);
  assert_int_equal(zt_parse_u64(S("-1"), &v), ZT_ERR_INPUT);
  assert_int_equal(zt_parse_u64(S("12a"), &v), ZT_ERR_INPUT);
  assert_int_equal(zt_parse_u64(S("1.5"), &v), ZT_ERR_INPUT);
  /* only the slice counts: "12" of "123" */
  assert_int_equal(zt_parse_u64("123", 2, &v), ZT_OK);
  assert_int_equal(v, 12);
}

static void test_parse_i64(void **state) {
  int64_t v = 7;
  (void)state;
  assert_int_equal(zt_parse_i64(S("-5"), &v), ZT_OK);
  assert_int_equal(v, -5);
  assert_int_equal(zt_parse_i64(S("42"), &v), ZT_OK);
  assert_int_equal(v, 42);
  assert_int_equal(zt_parse_i64(S("-0"), &v), ZT_OK);
  assert_int_equal(v, 0);
  assert_int_equal(zt_parse_i64(S("-999999999999999999"), &v), ZT_OK);
  assert_int_equal(v, -999999999999999999LL);
  assert_int_equal(zt_parse_i64(S("-"), &v), ZT_ERR_INPUT);
  assert_int_equal(zt_parse_i64(S("--5"), &v), ZT_ERR_INPUT);
  assert_int_equal(zt_parse_i64(S("+5"), &v), ZT_ERR_INPUT);
  assert_int_equal(zt_parse_i64(S("5-"), &v), ZT_ERR_INPUT);
  assert_int_equal(zt_parse_i64(S(""), &v), ZT_ERR_INPUT);
}

static void test_parse_int(void **state) {
  long v = 7;
  (void)state;
  assert_int_equal(zt_parse_int("10", 0, 10, &v), ZT_OK);
  assert_int_equal(v, 10);
  assert_int_equal(zt_parse_int("-3", -3, 3, &v), ZT_OK);
  assert_int_equal(v, -3);
  v = 7;
  assert_int_equal(zt_parse_int("11", 0, 10, &v), ZT_ERR_INPUT);
  assert_int_equal(zt_parse_int("-4", -3, 3, &v), ZT_ERR_INPUT);
  assert_int_equal(zt_parse_int(NULL, 0, 10, &v), ZT_ERR_INPUT);
  assert_int_equal(zt_parse_int("", 0, 10, &v), ZT_ERR_INPUT);
  assert_int_equal(zt_parse_int("5x", 0, 10, &v), ZT_ERR_INPUT);
  assert_int_equal(v, 7);
}

static void test_all_digits(void **state) {
  (void)state;
  assert_true(zt_all_digits(S("0123456789")));
  assert_false(zt_all_digits(S("")));
  assert_false(zt_all_digits(S("12 3")));
  assert_false(zt_all_digits(S("/")));   /* '0' - 1 */
  assert_false(zt_all_digits(S(":")));   /* '9' + 1 */
}

static void test_strlcpy_and_slice_copy(void **state) {
  char dst[5];
  (void)state;
  assert_int_equal(zt_strlcpy(dst, "abc", sizeof dst), 3);
  assert_string_equal(dst, "abc");
  assert_int_equal(zt_strlcpy(dst, "abcdefg", sizeof dst), 7); /* >= size */
  assert_string_equal(dst, "abcd");
  assert_int_equal(zt_strlcpy(dst, "zz", 0), 2);   /* size 0: untouched */
  assert_string_equal(dst, "abcd");
  assert_true(zt_slice_copy(dst, sizeof dst, "abcdef", 4));
  assert_string_equal(dst, "abcd");
  assert_false(zt_slice_copy(dst, sizeof dst, "abcdef", 5));
  assert_string_equal(dst, "");
  assert_true(zt_slice_copy(dst, sizeof dst, "", 0));
  assert_string_equal(dst, "");
}

static void test_trim(void **state) {
  const char *s = " \t ab c\t ";
  size_t n = strlen(s);
  const char *e = " \t";
  size_t en = 2;
  (void)state;
  zt_trim(&s, &n);
  assert_int_equal(n, 4);
  assert_memory_equal(s, "ab c", 4);
  zt_trim(&e, &en);
  assert_int_equal(en, 0);
}

static void test_compare(void **state) {
  (void)state;
  assert_true(zt_slice_ieq(S("JW323"), "jw323"));
  assert_true(zt_slice_ieq(S("jw323"), "JW323"));
  assert_false(zt_slice_ieq(S("JW32"), "jw323"));    /* shorter */
  assert_false(zt_slice_ieq(S("JW3233"), "jw323"));  /* longer */
  assert_false(zt_slice_ieq(S("@"), "`"));           /* not letters */
  assert_true(zt_slice_ieq(S(""), ""));
  assert_true(zt_slice_eq(S("abc"), "abc"));
  assert_false(zt_slice_eq(S("ABC"), "abc"));
  assert_false(zt_slice_eq("abcd", 3, "abcd"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_u64),
      cmocka_unit_test(test_parse_i64),
      cmocka_unit_test(test_parse_int),
      cmocka_unit_test(test_all_digits),
      cmocka_unit_test(test_strlcpy_and_slice_copy),
      cmocka_unit_test(test_trim),
      cmocka_unit_test(test_compare),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

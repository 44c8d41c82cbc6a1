/*
 * tests/unit/test_store_delivery.c -- the latest delivery the store
 * records, for the report's cover (zt_store_latest_delivery): none in
 * an empty store, the day of an accepted file, never a reference file.
 */
#include "testutil.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "etl/store.h"

static void file(zt_store *s, const char *name, const char *kind,
                 const char *hash) {
  zt_file_info fi = {name, kind, "csv", 100, ZT_DAY_NONE};
  zt_file_done done = {hash, kind, "csv", {0}, NULL, ZT_DAY_NONE};
  int64_t id;
  bool already;
  assert_int_equal(zt_store_file_begin(s, &fi, &id, NULL), ZT_OK);
  assert_int_equal(zt_store_file_commit(s, id, &done, &already, NULL),
                   ZT_OK);
  assert_int_equal(zt_store_commit(s, NULL), ZT_OK);
}

static void test_latest_delivery(void **state) {
  zt_store *s = NULL;
  zt_day d, want;
  (void)state;
  /* 1700000000 s after 1970 is 14 November 2023, 22:13 UTC */
  setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  assert_int_equal(zt_date_parse("2023-11-14", 10, &want), ZT_OK);
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  assert_int_equal(zt_store_latest_delivery(s, &d, NULL), ZT_OK);
  assert_int_equal(d, ZT_DAY_NONE);
  /* a catalogue is no delivery */
  file(s, "productcodes.csv", "productcodes", "h1");
  assert_int_equal(zt_store_latest_delivery(s, &d, NULL), ZT_OK);
  assert_int_equal(d, ZT_DAY_NONE);
  file(s, "a.csv", "declaraties", "h2");
  assert_int_equal(zt_store_latest_delivery(s, &d, NULL), ZT_OK);
  assert_int_equal(d, want);
  zt_store_close(s);
  unsetenv("SOURCE_DATE_EPOCH");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_latest_delivery),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * tests/unit/test_store_delivery.c -- the latest delivery the store
 * records, for the report's cover (zt_store_latest_delivery): none in
 * an empty store, the day of a declaration file with accepted lines;
 * never a reference file, population, or a file without an accepted
 * line (a truncated message).
 */
#include "testutil.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "etl/store.h"

static void file(zt_store *s, const char *name, const char *kind,
                 const char *hash, zt_day delivered, long accepted) {
  zt_file_info fi = {name, kind, "csv", 100, delivered, false};
  zt_file_done done = {hash, kind, "csv", {0}, NULL, delivered};
  int64_t id;
  bool already;
  done.counts.read = done.counts.accepted = accepted;
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
  /* a catalogue, a population, a declaration file without an accepted
   * line are no delivery of declarations */
  file(s, "productcodes.csv", "productcodes", "h1", ZT_DAY_NONE, 24);
  file(s, "bevolking.csv", "bevolking", "h3", ZT_DAY_NONE, 84);
  file(s, "kapot.xml", "declaraties", "h4", ZT_DAY_NONE, 0);
  assert_int_equal(zt_store_latest_delivery(s, &d, NULL), ZT_OK);
  assert_int_equal(d, ZT_DAY_NONE);
  /* the ingest day, when nothing else dates the file */
  file(s, "a.csv", "declaraties", "h2", ZT_DAY_NONE, 10);
  assert_int_equal(zt_store_latest_delivery(s, &d, NULL), ZT_OK);
  assert_int_equal(d, want);
  /* an earlier delivery does not move it back */
  file(s, "b.csv", "declaraties", "h5", want - 30, 10);
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

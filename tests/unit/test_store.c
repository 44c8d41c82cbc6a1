/*
 * tests/unit/test_store.c -- the store: schema version, per-file
 * transactions and rollback, identical resends, changed references,
 * credits linked to debits, quarantine and its later resolution, second
 * credits, residence replacement and overlaps, repeat files.
 */
#include "testutil.h"

#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "etl/store.h"

static zt_decl line(int client, const char *ref, int64_t amount) {
  zt_decl d;
  memset(&d, 0, sizeof d);
  d.client.b[0] = (uint8_t)client;
  d.client.b[15] = 0x5a;
  d.agb = 12345678;
  d.gemeente = 402;
  d.category = 45;
  d.unit = 4;
  d.toewijzing = 77;
  snprintf(d.ref, sizeof d.ref, "%s", ref);
  snprintf(d.code, sizeof d.code, "45A01");
  d.begin = zt_day_from_ymd(2022, 3, 1);
  d.end = zt_day_from_ymd(2022, 3, 31);
  d.volume = 10;
  d.tariff = amount / 10;
  d.amount = amount;
  d.birth = ZT_DAY_NONE;
  return d;
}

static zt_decl credit_of(const zt_decl *debit, const char *ref) {
  zt_decl c = *debit;
  snprintf(c.ref, sizeof c.ref, "%s", ref);
  snprintf(c.prev_ref, sizeof c.prev_ref, "%s", debit->ref);
  c.credit = true;
  return c;
}

static long count(zt_store *s, const char *sql) {
  sqlite3_stmt *st;
  long n = -1;
  assert_int_equal(sqlite3_prepare_v2(zt_store_db(s), sql, -1, &st, NULL),
                   SQLITE_OK);
  if (sqlite3_step(st) == SQLITE_ROW)
    n = (long)sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return n;
}

static int64_t begin(zt_store *s, const char *name) {
  zt_file_info fi = {name, "declaraties", "csv", 100};
  int64_t id;
  assert_int_equal(zt_store_file_begin(s, &fi, &id, NULL), ZT_OK);
  return id;
}

static bool commit(zt_store *s, int64_t id, const char *hash) {
  zt_file_done done = {hash, "declaraties", "csv", {0}, NULL};
  bool already;
  assert_int_equal(zt_store_file_commit(s, id, &done, &already, NULL), ZT_OK);
  return already;
}

static zt_put_outcome put(zt_store *s, int64_t file, const zt_decl *d,
                          zt_put_result *res) {
  assert_int_equal(zt_store_put_decl(s, file, 2, d, res, NULL), ZT_OK);
  return res->outcome;
}

static void test_schema(void **state) {
  char *dir = tu_tmpdir("store");
  char *path = g_build_filename(dir, "z.db", NULL);
  zt_store *s;
  zt_err err;
  (void)state;
  /* USE on a missing store is a usage error that says to run init */
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_USE, &err), ZT_ERR_USAGE);
  assert_non_null(strstr(err.msg, "zothuis init"));
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_INIT, NULL), ZT_OK);
  assert_int_equal(zt_store_found_version(s), 0);
  assert_int_equal(count(s, "PRAGMA user_version"), ZT_STORE_SCHEMA_VERSION);
  zt_store_close(s);
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_USE, NULL), ZT_OK);
  assert_int_equal(zt_store_found_version(s), ZT_STORE_SCHEMA_VERSION);
  {
    sqlite3_stmt *st;
    sqlite3_prepare_v2(zt_store_db(s), "PRAGMA journal_mode", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
  }
  /* A store from a newer zothuis is refused, never "downgraded". */
  sqlite3_exec(zt_store_db(s), "PRAGMA user_version = 99", NULL, NULL, NULL);
  zt_store_close(s);
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_INIT, &err), ZT_ERR_USAGE);
  assert_non_null(strstr(err.msg, "newer"));
  tu_rmtree(dir);
  g_free(path);
  g_free(dir);
}

static void test_duplicates(void **state) {
  zt_store *s;
  zt_put_result res;
  zt_decl d = line(1, "R1", 95000), changed = d;
  int64_t f;
  (void)state;
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  f = begin(s, "a.csv");
  assert_int_equal(put(s, f, &d, &res), ZT_PUT_STORED);
  /* the identical line again: skipped and counted, not an error */
  assert_int_equal(put(s, f, &d, &res), ZT_PUT_DUPLICATE);
  /* same provider + reference with other content: rejected */
  changed.amount = 96000;
  assert_int_equal(put(s, f, &changed, &res), ZT_PUT_REJECTED);
  assert_int_equal(res.reject.reason, ZT_R_DUPLICATE_REFERENCE);
  /* the same reference of another provider is another line */
  changed.agb = 87654321;
  assert_int_equal(put(s, f, &changed, &res), ZT_PUT_STORED);
  assert_false(commit(s, f, "hash-a"));
  assert_int_equal(count(s, "SELECT count(*) FROM declaration"), 2);
  assert_int_equal(count(s, "SELECT count(*) FROM client"), 1);
  zt_store_close(s);
}

static void test_credits(void **state) {
  zt_store *s;
  zt_put_result res;
  zt_decl d1 = line(1, "R1", 95000), d2 = line(2, "R2", 50000);
  zt_decl c1 = credit_of(&d1, "C1"), c1b = credit_of(&d1, "C1b");
  zt_decl c2 = credit_of(&d2, "C2");
  int64_t f;
  (void)state;
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  f = begin(s, "a.csv");
  assert_int_equal(put(s, f, &d1, &res), ZT_PUT_STORED);
  /* a credit whose debit is stored is linked at once */
  assert_int_equal(put(s, f, &c1, &res), ZT_PUT_STORED);
  assert_true(res.credit_linked);
  /* a second credit for the same debit is rejected */
  assert_int_equal(put(s, f, &c1b, &res), ZT_PUT_REJECTED);
  assert_int_equal(res.reject.reason, ZT_R_DUPLICATE_CREDIT);
  /* a credit whose debit is unknown waits in quarantine */
  assert_int_equal(put(s, f, &c2, &res), ZT_PUT_STORED);
  assert_true(res.credit_waiting);
  commit(s, f, "hash-a");
  assert_int_equal(count(s, "SELECT count(*) FROM credit_waiting"), 1);
  /* ... and is applied when its debit arrives in a later file */
  f = begin(s, "b.csv");
  assert_int_equal(put(s, f, &d2, &res), ZT_PUT_STORED);
  assert_int_equal(res.credits_resolved, 1);
  commit(s, f, "hash-b");
  assert_int_equal(count(s, "SELECT count(*) FROM credit_waiting"), 0);
  assert_int_equal(count(s, "SELECT count(*) FROM declaration d JOIN "
                            "declaration c ON c.debit_id = d.id"),
                   2);
  /* a credit that names a credit is refused */
  {
    zt_decl cc = credit_of(&c1, "CC");
    f = begin(s, "c.csv");
    assert_int_equal(put(s, f, &cc, &res), ZT_PUT_REJECTED);
    assert_int_equal(res.reject.reason, ZT_R_VALUE_INVALID);
    commit(s, f, "hash-c");
  }
  zt_store_close(s);
}

static void test_rollback_and_repeat(void **state) {
  zt_store *s;
  zt_put_result res;
  zt_decl d1 = line(1, "R1", 95000), d2 = line(3, "R2", 1000);
  zt_decl waiting = credit_of(&d2, "C9");
  int64_t f;
  (void)state;
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  /* a file that fails halfway leaves nothing behind */
  f = begin(s, "broken.csv");
  put(s, f, &d1, &res);
  put(s, f, &waiting, &res);
  assert_true(res.credit_waiting);
  zt_store_file_rollback(s);
  assert_int_equal(count(s, "SELECT count(*) FROM declaration"), 0);
  assert_int_equal(count(s, "SELECT count(*) FROM client"), 0);
  assert_int_equal(count(s, "SELECT count(*) FROM ingest_file"), 0);
  /* the in-memory caches were reset with it: the lines store again */
  f = begin(s, "good.csv");
  assert_int_equal(put(s, f, &d1, &res), ZT_PUT_STORED);
  assert_int_equal(put(s, f, &d2, &res), ZT_PUT_STORED);
  assert_int_equal(res.credits_resolved, 0);  /* the credit was rolled back */
  assert_false(commit(s, f, "hash-good"));
  assert_int_equal(count(s, "SELECT count(*) FROM client"), 2);
  /* the same content again is a no-op */
  f = begin(s, "good-copy.csv");
  assert_int_equal(put(s, f, &d1, &res), ZT_PUT_DUPLICATE);
  assert_true(commit(s, f, "hash-good"));
  assert_int_equal(count(s, "SELECT count(*) FROM ingest_file"), 1);
  {
    bool seen = false;
    assert_int_equal(zt_store_file_seen(s, "hash-good", &seen, NULL), ZT_OK);
    assert_true(seen);
  }
  zt_store_close(s);
}

static void test_residence(void **state) {
  zt_store *s;
  zt_put_result res;
  zt_residence a = {{{9}}, 402, true, zt_day_from_ymd(2019, 1, 1),
                    zt_day_from_ymd(2021, 12, 31)};
  zt_residence b = a, c = a;
  int64_t f;
  (void)state;
  b.gemeente = 406;
  b.begin = zt_day_from_ymd(2022, 1, 1);
  b.end = ZT_DAY_NONE;
  c.begin = zt_day_from_ymd(2021, 6, 1);   /* overlaps a */
  c.end = zt_day_from_ymd(2021, 7, 1);
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  f = begin(s, "brp1.csv");
  zt_store_put_residence(s, f, 2, &a, &res, NULL);
  assert_int_equal(res.outcome, ZT_PUT_STORED);
  zt_store_put_residence(s, f, 3, &b, &res, NULL);
  assert_int_equal(res.outcome, ZT_PUT_STORED);
  zt_store_put_residence(s, f, 4, &c, &res, NULL);
  assert_int_equal(res.outcome, ZT_PUT_REJECTED);
  assert_int_equal(res.reject.reason, ZT_R_RESIDENCE_OVERLAP);
  zt_store_put_residence(s, f, 5, &a, &res, NULL);
  assert_int_equal(res.outcome, ZT_PUT_DUPLICATE);
  commit(s, f, "brp1");
  /* a later extract replaces this person's history */
  f = begin(s, "brp2.csv");
  zt_store_put_residence(s, f, 2, &b, &res, NULL);
  assert_int_equal(res.outcome, ZT_PUT_STORED);
  commit(s, f, "brp2");
  assert_int_equal(count(s, "SELECT count(*) FROM residence"), 1);
  zt_store_close(s);
}

static void test_rejected_file(void **state) {
  zt_store *s;
  zt_file_info fi = {"x/weird.csv", "unknown", "csv", 10};
  (void)state;
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  assert_int_equal(zt_store_file_rejected(s, &fi, "h1", ZT_R_LAYOUT_UNKNOWN,
                                          "columns found: a, b", NULL),
                   ZT_OK);
  assert_int_equal(count(s, "SELECT count(*) FROM reject WHERE reason = "
                            "'layout_unknown'"),
                   1);
  /* the same bytes rejected again replace the earlier record */
  zt_store_file_rejected(s, &fi, "h1", ZT_R_LAYOUT_UNKNOWN, "again", NULL);
  assert_int_equal(count(s, "SELECT count(*) FROM ingest_file"), 1);
  assert_int_equal(count(s, "SELECT count(*) FROM reject"), 1);
  zt_store_close(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_schema),
      cmocka_unit_test(test_duplicates),
      cmocka_unit_test(test_credits),
      cmocka_unit_test(test_rollback_and_repeat),
      cmocka_unit_test(test_residence),
      cmocka_unit_test(test_rejected_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * tests/unit/test_store.c -- the store: schema version, per-file
 * transactions and rollback, identical resends, changed references,
 * credits linked to debits, quarantine and its later resolution, second
 * credits, residence replacement and overlaps, repeat files, delivery
 * dates and the upgrade that adds them.
 */
#include "testutil.h"

#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "etl/pseudo.h"
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

static int64_t begin(zt_store *s, const char *name) {
  zt_file_info fi = {name, "declaraties", "csv", 100, 0, false};
  int64_t id;
  assert_int_equal(zt_store_file_begin(s, &fi, &id, NULL), ZT_OK);
  return id;
}

static bool commit(zt_store *s, int64_t id, const char *hash) {
  zt_file_done done = {hash, "declaraties", "csv", {0}, NULL, 0};
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
  assert_int_equal(tu_count(s, "PRAGMA user_version"),
                   ZT_STORE_SCHEMA_VERSION);
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
  assert_int_equal(tu_count(s, "SELECT count(*) FROM declaration"), 2);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM client"), 1);
  zt_store_close(s);
}

/* Queue line i of file f: reference <prefix><i>, client i % 7, amount
 * 1000 + i + `changed` cents (a changed line when not 0). */
static void queue_ref(zt_store *s, int64_t f, int i, char prefix,
                      int changed) {
  char ref[16];
  zt_decl d;
  snprintf(ref, sizeof ref, "%c%d", prefix, i);
  d = line(i % 7, ref, 1000 + i + changed);
  assert_int_equal(zt_store_queue_decl(s, f, i + 2, &d, NULL), ZT_OK);
}

/* The batched path (queue and flush, as ingest uses it): a second file
 * with 64 stored references -- 48 identical, 16 changed -- and 16 new
 * ones, mixed in the sorted chunks of one insert statement each: 16
 * stored, 48 identical resends, 16 duplicate_reference. */
static void test_queue_mixed_resend(void **state) {
  zt_store *s;
  const zt_batch_counts *bc;
  int64_t f;
  (void)state;
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  f = begin(s, "a.csv");
  for (int i = 0; i < 64; i++)
    queue_ref(s, f, i, 'R', 0);
  assert_int_equal(zt_store_flush(s, NULL), ZT_OK);
  assert_int_equal(zt_store_batch_counts(s)->accepted, 64);
  assert_false(commit(s, f, "hash-a"));
  f = begin(s, "b.csv");
  /* every 4th of the stored ones changed: duplicate_reference */
  for (int i = 0; i < 80; i++)
    queue_ref(s, f, i, i < 64 ? 'R' : 'N', i < 64 && i % 4 == 1);
  assert_int_equal(zt_store_flush(s, NULL), ZT_OK);
  bc = zt_store_batch_counts(s);
  assert_int_equal(bc->accepted, 16);
  assert_int_equal(bc->duplicates, 48);
  assert_int_equal(bc->rejected, 16);
  assert_int_equal(bc->by_reason[ZT_R_DUPLICATE_REFERENCE], 16);
  assert_false(commit(s, f, "hash-b"));
  assert_int_equal(tu_count(s, "SELECT count(*) FROM declaration"), 80);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM reject WHERE reason = "
                            "'duplicate_reference'"),
                   16);
  /* file a again in other bytes, its last line changed: the first chunk
   * stores nothing, the second is settled by lookups alone (the store
   * looks before it inserts) -- 63 identical, 1 duplicate_reference */
  f = begin(s, "c.csv");
  for (int i = 0; i < 64; i++)
    queue_ref(s, f, i, 'R', i == 63 ? 2 : 0);
  assert_int_equal(zt_store_flush(s, NULL), ZT_OK);
  bc = zt_store_batch_counts(s);
  assert_int_equal(bc->accepted, 0);
  assert_int_equal(bc->duplicates, 63);
  assert_int_equal(bc->by_reason[ZT_R_DUPLICATE_REFERENCE], 1);
  assert_false(commit(s, f, "hash-c"));
  /* and new lines after a resend are stored all the same */
  f = begin(s, "d.csv");
  for (int i = 0; i < 96; i++)
    queue_ref(s, f, i, i < 64 ? 'R' : 'M', 0);
  assert_int_equal(zt_store_flush(s, NULL), ZT_OK);
  bc = zt_store_batch_counts(s);
  assert_int_equal(bc->accepted, 32);
  assert_int_equal(bc->duplicates + bc->rejected, 64);
  assert_false(commit(s, f, "hash-d"));
  assert_int_equal(tu_count(s, "SELECT count(*) FROM declaration"), 112);
  zt_store_close(s);
}

/* The store's contents, one text per line, in reference order: what a
 * batched and a one-by-one ingest must agree on. */
static char *contents(zt_store *s) {
  sqlite3_stmt *st;
  GString *g = g_string_new(NULL);
  assert_int_equal(
      sqlite3_prepare_v2(zt_store_db(s),
                         "SELECT d.agb, d.ref, coalesce(d.prev_ref, ''), "
                         "d.amount, d.credit, coalesce((SELECT e.ref FROM "
                         "declaration e WHERE e.id = d.debit_id), '-'), "
                         "d.line FROM declaration d ORDER BY d.agb, d.ref",
                         -1, &st, NULL),
      SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW)
    g_string_append_printf(g, "%s|%s|%s|%s|%s|%s|%s\n",
                           sqlite3_column_text(st, 0),
                           sqlite3_column_text(st, 1),
                           sqlite3_column_text(st, 2),
                           sqlite3_column_text(st, 3),
                           sqlite3_column_text(st, 4),
                           sqlite3_column_text(st, 5),
                           sqlite3_column_text(st, 6));
  sqlite3_finalize(st);
  return g_string_free(g, FALSE);
}

/* Line i of file `file` (0 or 1) in the runs test: a debit, a credit of
 * an earlier debit, or a resend of file 0's line, changed or not. Fills
 * *d; false when the file has no line i. */
static bool run_line(int file, int i, zt_decl *d) {
  char ref[16];
  if (file == 1 && (i == 130 || i == 131)) {
    /* a line of this same file again: N5 as it was, N6 changed */
    run_line(1, i - 25, d);
    if (i == 131)
      d->amount += 1;
    return true;
  }
  if (i >= 130)
    return false;
  if (file == 0 || i >= 100) {
    /* debits R0.. (file 0) and N0.. (file 1); after every 9th debit its
     * credit, so that the sorted batch holds runs of plain debits of
     * every length between the credits */
    int k = file == 0 ? i : i - 100;
    if (i % 10 == 9) {
      zt_decl debit;
      snprintf(ref, sizeof ref, "%c%d", file ? 'N' : 'R', k - 1);
      debit = line((k - 1) % 7, ref, 1000 + k - 1);
      snprintf(ref, sizeof ref, "%c%d", file ? 'D' : 'C', k - 1);
      *d = credit_of(&debit, ref);
      return true;
    }
    snprintf(ref, sizeof ref, "%c%d", file ? 'N' : 'R', k);
    *d = line(k % 7, ref, 1000 + k);
    return true;
  }
  /* file 1, lines 0..99: file 0's lines again, every 6th debit changed
   * (duplicate_reference); every 13th a second credit of a debit
   * (duplicate_credit) */
  if (!run_line(0, i, d))
    return false;
  if (!d->credit && i % 6 == 5)
    d->amount += 1;
  if (i % 13 == 12 && !d->credit) {
    /* a debit file 0 credited already: R8, R18, ... */
    int k = i / 10 * 10 - 2;
    zt_decl debit;
    snprintf(ref, sizeof ref, "R%d", k);
    debit = line(k % 7, ref, 1000 + k);
    snprintf(ref, sizeof ref, "X%d", i);
    *d = credit_of(&debit, ref);
  }
  return true;
}

/* Runs of plain debits of every length (MULTI, 16, 8, 4, 2 rows to a
 * statement, and single lines) between credits, resends, changed
 * references and second credits: the batched store ends with the same
 * lines, links and counts as one that stores every line on its own. */
static void test_queue_runs_equal_one_by_one(void **state) {
  zt_store *a, *b;
  (void)state;
  assert_int_equal(zt_store_open(&a, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  assert_int_equal(zt_store_open(&b, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  for (int file = 0; file < 2; file++) {
    char name[32], hash[32];
    int64_t fa, fb;
    zt_batch_counts one = {0};
    const zt_batch_counts *bc;
    zt_decl d;
    snprintf(name, sizeof name, "f%d.csv", file);
    snprintf(hash, sizeof hash, "hash-%d", file);
    fa = begin(a, name);
    fb = begin(b, name);
    for (int i = 0; run_line(file, i, &d); i++) {
      zt_put_result res;
      assert_int_equal(zt_store_queue_decl(a, fa, i + 2, &d, NULL), ZT_OK);
      assert_int_equal(zt_store_put_decl(b, fb, i + 2, &d, &res, NULL),
                       ZT_OK);
      one.accepted += res.outcome == ZT_PUT_STORED;
      one.duplicates += res.outcome == ZT_PUT_DUPLICATE;
      one.rejected += res.outcome == ZT_PUT_REJECTED;
      one.credits_linked += res.credit_linked;
      if (res.outcome == ZT_PUT_REJECTED)
        one.by_reason[res.reject.reason]++;
    }
    assert_int_equal(zt_store_flush(a, NULL), ZT_OK);
    bc = zt_store_batch_counts(a);
    assert_int_equal(bc->accepted, one.accepted);
    assert_int_equal(bc->duplicates, one.duplicates);
    assert_int_equal(bc->rejected, one.rejected);
    assert_int_equal(bc->credits_linked, one.credits_linked);
    assert_int_equal(bc->by_reason[ZT_R_DUPLICATE_REFERENCE],
                     one.by_reason[ZT_R_DUPLICATE_REFERENCE]);
    assert_int_equal(bc->by_reason[ZT_R_DUPLICATE_CREDIT],
                     one.by_reason[ZT_R_DUPLICATE_CREDIT]);
    if (file == 1) {   /* the file has each kind of outcome */
      assert_true(one.duplicates > 0);
      assert_true(one.by_reason[ZT_R_DUPLICATE_REFERENCE] > 0);
      assert_true(one.by_reason[ZT_R_DUPLICATE_CREDIT] > 0);
      assert_true(one.accepted > 0);
    }
    assert_false(commit(a, fa, hash));
    assert_false(commit(b, fb, hash));
  }
  {
    char *ca = contents(a), *cb = contents(b);
    assert_string_equal(ca, cb);
    assert_true(strlen(ca) > 100 * 10);
    g_free(ca);
    g_free(cb);
  }
  zt_store_close(a);
  zt_store_close(b);
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
  assert_int_equal(tu_count(s, "SELECT count(*) FROM credit_waiting"), 1);
  /* ... and is applied when its debit arrives in a later file */
  f = begin(s, "b.csv");
  assert_int_equal(put(s, f, &d2, &res), ZT_PUT_STORED);
  assert_int_equal(res.credits_resolved, 1);
  commit(s, f, "hash-b");
  assert_int_equal(tu_count(s, "SELECT count(*) FROM credit_waiting"), 0);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM declaration d JOIN "
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

/* A credit must restate its debit (docs/rules.md §1): the same child,
 * municipality, product and product period, and no more money. One that
 * does not is rejected when the debit is stored, and is never applied
 * when it waited for its debit; a partial credit is applied. */
static void test_credit_restates_debit(void **state) {
  zt_store *s;
  zt_put_result res;
  zt_decl d[6], c[6];
  int64_t f;
  (void)state;
  for (int i = 0; i < 6; i++) {
    char r[16], cr[16];
    snprintf(r, sizeof r, "R%d", i);
    snprintf(cr, sizeof cr, "C%d", i);
    d[i] = line(1, r, 95000);
    c[i] = credit_of(&d[i], cr);
  }
  {
    zt_decl other = line(2, "R0", 95000);           /* another child */
    c[0] = credit_of(&other, "C0");
  }
  c[1].amount = 950000;                             /* more money */
  c[1].volume = 100;
  c[2].gemeente = 363;                              /* municipality */
  c[3].begin = zt_day_from_ymd(2022, 4, 1);         /* period */
  c[3].end = zt_day_from_ymd(2022, 4, 30);
  snprintf(c[4].code, sizeof c[4].code, "45A02");   /* product */
  c[5].amount = 47500;                              /* part: applied */
  c[5].volume = 5;
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  /* the debit first: each credit that does not restate it is rejected */
  f = begin(s, "a.csv");
  for (int i = 0; i < 6; i++)
    assert_int_equal(put(s, f, &d[i], &res), ZT_PUT_STORED);
  for (int i = 0; i < 5; i++) {
    assert_int_equal(put(s, f, &c[i], &res), ZT_PUT_REJECTED);
    assert_int_equal(res.reject.reason, ZT_R_VALUE_INVALID);
    assert_int_equal(res.reject.field, ZT_D_PREVREF);
  }
  assert_int_equal(put(s, f, &c[5], &res), ZT_PUT_STORED);
  assert_true(res.credit_linked);
  commit(s, f, "hash-a");
  zt_store_close(s);

  /* the credits first: they wait, and only the partial one is applied
   * when the debits arrive; the others wait on, counted */
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  f = begin(s, "c.csv");
  for (int i = 0; i < 6; i++) {
    assert_int_equal(put(s, f, &c[i], &res), ZT_PUT_STORED);
    assert_true(res.credit_waiting);
  }
  commit(s, f, "hash-c");
  f = begin(s, "d.csv");
  for (int i = 0; i < 6; i++) {
    assert_int_equal(put(s, f, &d[i], &res), ZT_PUT_STORED);
    assert_int_equal(res.credits_resolved, i == 5);
  }
  commit(s, f, "hash-d");
  assert_int_equal(tu_count(s, "SELECT count(*) FROM credit_waiting"), 5);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM declaration WHERE "
                            "credit = 1 AND debit_id IS NOT NULL AND "
                            "ref = 'C5'"),
                   1);
  zt_store_close(s);
}

/* A credit may not name a credit, whichever arrives first: a credit
 * that waited for a reference that turns out to be a credit's leaves
 * quarantine for the reject list, counted in its own file; a credit that
 * names itself is rejected. */
static void test_credit_naming_credit(void **state) {
  zt_store *s;
  zt_put_result res;
  zt_decl d1 = line(1, "R1", 95000), d3 = line(1, "R3", 95000);
  zt_decl c1 = credit_of(&d1, "C1"), c2 = credit_of(&c1, "C2");
  zt_decl self = credit_of(&d1, "S1"), c9 = credit_of(&d3, "C9");
  zt_decl late = credit_of(&c9, "L1");
  const zt_batch_counts *bc;
  int64_t f, fb;
  (void)state;
  c2.credit = true;
  snprintf(self.prev_ref, sizeof self.prev_ref, "S1");
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  f = begin(s, "a.csv");
  assert_int_equal(put(s, f, &d1, &res), ZT_PUT_STORED);
  assert_int_equal(put(s, f, &c2, &res), ZT_PUT_STORED);   /* waits */
  assert_true(res.credit_waiting);
  assert_int_equal(put(s, f, &c1, &res), ZT_PUT_STORED);
  assert_true(res.credit_linked);
  assert_int_equal(res.waiting_rejected, 1);
  assert_int_equal(put(s, f, &self, &res), ZT_PUT_REJECTED);
  assert_int_equal(res.reject.reason, ZT_R_VALUE_INVALID);
  assert_int_equal(res.reject.field, ZT_D_PREVREF);
  commit(s, f, "hash-a");
  assert_int_equal(tu_count(s, "SELECT count(*) FROM credit_waiting"), 0);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM reject WHERE "
                            "reason = 'value_invalid' AND raw LIKE "
                            "'%referentienummer=C2;%'"),
                   1);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM declaration WHERE "
                            "ref = 'C2'"),
                   0);

  /* the same lines queued, in one batch sorted by reference: the same
   * outcome, whichever of the two credits the sort puts first */
  f = begin(s, "b.csv");
  c1 = credit_of(&d3, "K1");
  c2 = credit_of(&c1, "K2");
  assert_int_equal(zt_store_queue_decl(s, f, 2, &d3, NULL), ZT_OK);
  assert_int_equal(zt_store_queue_decl(s, f, 3, &c2, NULL), ZT_OK);
  assert_int_equal(zt_store_queue_decl(s, f, 4, &c1, NULL), ZT_OK);
  assert_int_equal(zt_store_flush(s, NULL), ZT_OK);
  bc = zt_store_batch_counts(s);
  assert_int_equal(bc->accepted, 2);
  assert_int_equal(bc->rejected, 1);
  assert_int_equal(bc->credits_waiting, 0);
  assert_int_equal(bc->by_reason[ZT_R_VALUE_INVALID], 1);
  commit(s, f, "hash-b");

  /* across files: the credit that waited is rejected in its own file */
  fb = begin(s, "c.csv");
  assert_int_equal(put(s, fb, &late, &res), ZT_PUT_STORED);
  assert_true(res.credit_waiting);
  commit(s, fb, "hash-c");
  f = begin(s, "d.csv");
  d3 = line(2, "R9", 95000);
  c9 = credit_of(&d3, "C9");
  assert_int_equal(put(s, f, &d3, &res), ZT_PUT_STORED);
  assert_int_equal(put(s, f, &c9, &res), ZT_PUT_STORED);
  assert_int_equal(res.waiting_rejected, 0);
  commit(s, f, "hash-d");
  assert_int_equal(tu_count(s, "SELECT count(*) FROM credit_waiting"), 0);
  {
    char q[128];
    snprintf(q, sizeof q,
             "SELECT lines_rejected FROM ingest_file WHERE id = %lld",
             (long long)fb);
    assert_int_equal(tu_count(s, q), 1);
    snprintf(q, sizeof q, "SELECT count(*) FROM reject WHERE file_id = %lld",
             (long long)fb);
    assert_int_equal(tu_count(s, q), 1);
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
  assert_int_equal(tu_count(s, "SELECT count(*) FROM declaration"), 0);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM client"), 0);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM ingest_file"), 0);
  /* the in-memory caches were reset with it: the lines store again */
  f = begin(s, "good.csv");
  assert_int_equal(put(s, f, &d1, &res), ZT_PUT_STORED);
  assert_int_equal(put(s, f, &d2, &res), ZT_PUT_STORED);
  assert_int_equal(res.credits_resolved, 0);  /* the credit was rolled back */
  assert_false(commit(s, f, "hash-good"));
  assert_int_equal(tu_count(s, "SELECT count(*) FROM client"), 2);
  /* the same content again is a no-op */
  f = begin(s, "good-copy.csv");
  assert_int_equal(put(s, f, &d1, &res), ZT_PUT_DUPLICATE);
  assert_true(commit(s, f, "hash-good"));
  assert_int_equal(tu_count(s, "SELECT count(*) FROM ingest_file"), 1);
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
  assert_int_equal(tu_count(s, "SELECT count(*) FROM residence"), 1);
  zt_store_close(s);
}

static void test_rejected_file(void **state) {
  zt_store *s;
  zt_file_info fi = {"x/weird.csv", "unknown", "csv", 10, 0, false};
  (void)state;
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  assert_int_equal(zt_store_file_rejected(s, &fi, "h1", ZT_R_LAYOUT_UNKNOWN,
                                          "columns found: a, b", NULL),
                   ZT_OK);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM reject WHERE reason = "
                            "'layout_unknown'"),
                   1);
  /* the same bytes rejected again replace the earlier record */
  zt_store_file_rejected(s, &fi, "h1", ZT_R_LAYOUT_UNKNOWN, "again", NULL);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM ingest_file"), 1);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM reject"), 1);
  zt_store_close(s);
}

/* A store written by a version whose masking missed BSNs in digits of
 * another script, in groups joined by a no-break space or an en dash,
 * or in a long run of a line that could not be split: the first scrub
 * masks them in the rejected lines, their messages, the file names and
 * the reference tables' free texts, once (bsn_scrub 6), and leaves
 * what was masked already, and what masking keeps, as it was. The
 * BSNs (917322721, 111222333) are made up and pass the 11-test. */
static void test_scrub_masked_texts(void **state) {
  unsigned char key[ZT_KEY_BYTES] = {9, 8, 7};
  char *dir = tu_tmpdir("store-scrub");
  char *path = g_build_filename(dir, "z.db", NULL);
  zt_pseudonymizer *ps;
  zt_store *s;
  sqlite3 *db;
  int64_t f;
  char sql[2048];
  (void)state;
  assert_int_equal(zt_pseudo_open_key(&ps, key, NULL), ZT_OK);
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_INIT, NULL), ZT_OK);
  f = begin(s, "a.csv");
  assert_false(commit(s, f, "h1"));
  zt_store_close(s);            /* as a command finds an older store */
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_USE, NULL), ZT_OK);
  db = zt_store_db(s);
  snprintf(sql, sizeof sql,
           "INSERT INTO reject (file_id, line, field, reason, message, raw) "
           "VALUES (%lld, 2, 'einddatum', 'date_invalid', "
           "'einddatum: ''\xef\xbc\x99\xef\xbc\x91\xef\xbc\x97\xef\xbc\x93"
           "\xef\xbc\x92\xef\xbc\x92\xef\xbc\x97\xef\xbc\x92\xef\xbc\x91'' "
           "is not a real date', 'a;111\xc2\xa0" "222\xc2\xa0" "333;b'), "
           "(%lld, 3, NULL, 'field_count', 'the line has 3 fields', "
           "'x;9173227210921;y'), "
           "(%lld, 4, 'einddatum', 'date_invalid', 'm', "
           "'x;9173227210921;917\xe2\x80\x93" "32\xe2\x80\x93" "2721'), "
           "(%lld, 5, NULL, 'date_invalid', 'm', 'a;11* *** *33;b'); "
           "UPDATE ingest_file SET path = 'in/client_917\xe2\x80\xaf" "322"
           "\xe2\x80\xaf" "721.csv', name = 'client_917\xe2\x80\xaf" "322"
           "\xe2\x80\xaf" "721.csv'; "
           "INSERT INTO provider (agb, file_id, name, provider_type, "
           "contracted) VALUES (12345678, %lld, 'Zorg 917\xe2\x80\x89" "322"
           "\xe2\x80\x89" "721 BV', 'J&O', 1); "
           "INSERT INTO product_code (file_id, code, kind, label) VALUES "
           "(%lld, '45A01', 'pleegzorg', 'zie 917\xc2\xa0" "322\xc2\xa0"
           "721'); "
           "INSERT INTO benchmark (file_id, indicator, gebied, periode, "
           "waarde_num, waarde_den, status, bron) VALUES (%lld, 'x', 'NL', "
           "'2022', 1, 1, 'definitief', 'dossier \xef\xbc\x91\xef\xbc\x91"
           "\xef\xbc\x91\xe3\x80\x80\xef\xbc\x92\xef\xbc\x92\xef\xbc\x92"
           "\xe3\x80\x80\xef\xbc\x93\xef\xbc\x93\xef\xbc\x93'); "
           "INSERT OR REPLACE INTO meta (key, value) VALUES ('bsn_scrub', "
           "'5')",
           (long long)f, (long long)f, (long long)f, (long long)f,
           (long long)f, (long long)f, (long long)f);
  assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
  assert_int_equal(zt_store_scrub_bsn(s, ps, NULL), ZT_OK);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM meta WHERE key = "
                               "'bsn_scrub' AND value = '6'"),
                   1);
  /* the groups and the wide digits, masked; separators kept whole */
  assert_int_equal(tu_count(s, "SELECT count(*) FROM reject WHERE line = 2 "
                               "AND raw = 'a;11*\xc2\xa0***\xc2\xa0*33;b' "
                               "AND message = 'einddatum: ''\xef\xbc\x99"
                               "\xef\xbc\x91*****\xef\xbc\x92\xef\xbc\x91'' "
                               "is not a real date'"),
                   1);
  /* a line that could not be split: every long run; one that could:
   * ten digits stay, as ingest keeps them, the en-dash groups not */
  assert_int_equal(tu_count(s, "SELECT count(*) FROM reject WHERE line = 3 "
                               "AND raw = 'x;91*********21;y'"),
                   1);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM reject WHERE line = 4 "
                               "AND raw = 'x;9173227210921;91*\xe2\x80\x93"
                               "**\xe2\x80\x93**21'"),
                   1);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM reject WHERE line = 5 "
                               "AND raw = 'a;11* *** *33;b'"),
                   1);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM ingest_file WHERE "
                               "path = 'in/client_91*\xe2\x80\xaf***\xe2\x80"
                               "\xaf*21.csv' AND name = 'client_91*\xe2\x80"
                               "\xaf***\xe2\x80\xaf*21.csv'"),
                   1);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM provider WHERE name = "
                               "'Zorg 91*\xe2\x80\x89***\xe2\x80\x89*21 BV' "
                               "AND provider_type = 'J&O'"),
                   1);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM product_code WHERE "
                               "label = 'zie 91*\xc2\xa0***\xc2\xa0*21'"),
                   1);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM benchmark WHERE bron = "
                               "'dossier \xef\xbc\x91\xef\xbc\x91*\xe3\x80"
                               "\x80***\xe3\x80\x80*\xef\xbc\x93"
                               "\xef\xbc\x93'"),
                   1);
  /* once: a text written in clear after it is not passed again */
  assert_int_equal(sqlite3_exec(db, "UPDATE product_code SET label = "
                                    "'zie 917\xc2\xa0" "322\xc2\xa0" "721'",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  assert_int_equal(zt_store_scrub_bsn(s, ps, NULL), ZT_OK);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM product_code WHERE "
                               "label = 'zie 917\xc2\xa0" "322\xc2\xa0"
                               "721'"),
                   1);
  zt_store_close(s);
  zt_pseudo_close(ps);
  tu_rmtree(dir);
  g_free(path);
  g_free(dir);
}

/* A file rolled back puts the in-memory caches back as they were (the
 * undo journal), without reloading them: a new client of the rolled-back
 * file is forgotten, a credit it put in quarantine is gone, and a waiting
 * credit it resolved waits again. */
static void test_rollback_undo(void **state) {
  zt_store *s;
  zt_put_result res;
  zt_decl d1 = line(1, "D1", 1000), c1 = credit_of(&d1, "C1");
  zt_decl d2 = line(2, "D2", 1000), c2 = credit_of(&d2, "C2");
  int64_t f;
  (void)state;
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  f = begin(s, "a.csv");
  put(s, f, &c1, &res);                  /* waits for D1 */
  assert_true(res.credit_waiting);
  assert_false(commit(s, f, "aaaa"));
  /* rolled back: client 2 (new), credit C2 (new wait), debit D1 (meets
   * C1) */
  f = begin(s, "b.csv");
  put(s, f, &d2, &res);
  put(s, f, &c2, &res);
  assert_true(res.credit_linked);
  put(s, f, &d1, &res);
  assert_int_equal(res.credits_resolved, 1);
  zt_store_file_rollback(s);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM client"), 1);
  /* again, in another order: D1 must still find C1 waiting, and a credit
   * for D2 must wait (D2 is gone) */
  f = begin(s, "c.csv");
  put(s, f, &c2, &res);
  assert_true(res.credit_waiting);
  put(s, f, &d1, &res);
  assert_int_equal(res.credits_resolved, 1);
  put(s, f, &d2, &res);
  assert_int_equal(res.credits_resolved, 1);
  assert_false(commit(s, f, "cccc"));
  assert_int_equal(zt_store_commit(s, NULL), ZT_OK);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM credit_waiting"), 0);
  /* every line names a client that exists, with its own pseudonym */
  assert_int_equal(tu_count(s, "SELECT count(*) FROM declaration d LEFT JOIN "
                            "client c ON c.id = d.client_id WHERE c.id IS "
                            "NULL"), 0);
  assert_int_equal(tu_count(s, "SELECT count(DISTINCT client_id) FROM "
                            "declaration"), 2);
  zt_store_close(s);
}

static int64_t begin_whole(zt_store *s, const char *name) {
  zt_file_info fi = {name, "declaraties", "xml", 100, 0, true};
  int64_t id;
  assert_int_equal(zt_store_file_begin(s, &fi, &id, NULL), ZT_OK);
  return id;
}

/* Files stored whole (read ahead and checked: no savepoint each) commit
 * like any other; undoing one undoes the whole open group, and the
 * caches start again from the store. */
static void test_whole_files(void **state) {
  zt_store *s;
  zt_put_result res;
  zt_decl d1 = line(1, "W1", 1000), d2 = line(2, "W2", 2000);
  zt_decl d3 = line(3, "W3", 3000), c1 = credit_of(&d1, "WC1");
  zt_file_done done = {"h-b", "declaraties", "xml", {0}, NULL, 0};
  bool already;
  zt_err err;
  int64_t f;
  (void)state;
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  /* committed before: stays */
  f = begin(s, "vooraf.csv");
  assert_int_equal(put(s, f, &d3, &res), ZT_PUT_STORED);
  assert_false(commit(s, f, "h-0"));
  assert_int_equal(zt_store_commit(s, NULL), ZT_OK);
  /* a group: a file with a savepoint, a whole one, then a whole one
   * undone */
  f = begin(s, "a.csv");
  assert_int_equal(put(s, f, &d1, &res), ZT_PUT_STORED);
  assert_false(commit(s, f, "h-a"));
  f = begin_whole(s, "b.xml");
  assert_int_equal(put(s, f, &d2, &res), ZT_PUT_STORED);
  assert_int_equal(put(s, f, &c1, &res), ZT_PUT_STORED);
  assert_true(res.credit_linked);
  assert_int_equal(zt_store_file_commit(s, f, &done, &already, NULL), ZT_OK);
  assert_false(already);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM declaration"), 4);
  f = begin_whole(s, "c.xml");
  assert_int_equal(put(s, f, &d3, &res), ZT_PUT_DUPLICATE);
  zt_store_file_rollback(s);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM declaration"), 1);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM ingest_file"), 1);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM client"), 1);
  /* the caches forgot the group: its lines store again, with clients
   * that exist, and client 3 is still known */
  f = begin_whole(s, "a-opnieuw.xml");
  assert_int_equal(put(s, f, &d1, &res), ZT_PUT_STORED);
  assert_int_equal(put(s, f, &d2, &res), ZT_PUT_STORED);
  assert_int_equal(put(s, f, &d3, &res), ZT_PUT_DUPLICATE);
  assert_false(commit(s, f, "h-a2"));
  assert_int_equal(zt_store_commit(s, NULL), ZT_OK);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM declaration d LEFT JOIN "
                            "client c ON c.id = d.client_id WHERE c.id IS "
                            "NULL"), 0);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM client"), 3);
  /* a whole file found stored when it ends cannot be undone alone: an
   * error, and the group (here: the file b2) is undone */
  f = begin(s, "b2.csv");
  assert_int_equal(put(s, f, &c1, &res), ZT_PUT_STORED);
  assert_false(commit(s, f, "h-b2"));
  f = begin_whole(s, "a-kopie.xml");
  done.hash = "h-a2";
  assert_int_equal(zt_store_file_commit(s, f, &done, &already, &err),
                   ZT_ERR_INTERNAL);
  assert_non_null(strstr(err.msg, "group"));
  assert_int_equal(tu_count(s, "SELECT count(*) FROM declaration WHERE "
                            "ref = 'WC1'"), 0);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM ingest_file"), 2);
  zt_store_close(s);
}

/* meta settings, quick_check, a damaged file, and stores without a
 * version: a .dump restore is recognised, another database refused. */
static void test_check_and_versions(void **state) {
  char *dir = tu_tmpdir("storev");
  char *path = g_build_filename(dir, "z.db", NULL);
  char *other = g_build_filename(dir, "other.db", NULL);
  char *junk = g_build_filename(dir, "junk.db", NULL);
  char buf[64];
  bool found, any;
  zt_store *s;
  zt_err err;
  sqlite3 *db;
  (void)state;
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_INIT, NULL), ZT_OK);
  assert_int_equal(zt_store_check(s, NULL), ZT_OK);
  assert_int_equal(zt_store_meta_get(s, "key_id", buf, sizeof buf, &found,
                                     NULL), ZT_OK);
  assert_false(found);
  assert_int_equal(zt_store_meta_set(s, "key_id", "abc", NULL), ZT_OK);
  assert_int_equal(zt_store_meta_get(s, "key_id", buf, sizeof buf, &found,
                                     NULL), ZT_OK);
  assert_true(found);
  assert_string_equal(buf, "abc");
  assert_int_equal(zt_store_has_clients(s, &any, NULL), ZT_OK);
  assert_false(any);
  zt_store_close(s);
  {
    struct stat sb;                      /* never readable by others */
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 007, 0);
  }
  /* a version-0 copy of the schema (as `sqlite3 .dump` restores it) */
  assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
  sqlite3_exec(db, "PRAGMA user_version = 0", NULL, NULL, NULL);
  sqlite3_close(db);
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_USE, &err), ZT_ERR_USAGE);
  assert_non_null(strstr(err.msg, "zothuis init"));
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_INIT, NULL), ZT_OK);
  assert_true(zt_store_restored(s));
  assert_int_equal(zt_store_found_version(s), ZT_STORE_SCHEMA_VERSION);
  assert_int_equal(tu_count(s, "PRAGMA user_version"),
                   ZT_STORE_SCHEMA_VERSION);
  zt_store_close(s);
  /* another program's database: refused, nothing added */
  assert_int_equal(sqlite3_open(other, &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE boeken (titel TEXT)", NULL, NULL, NULL);
  sqlite3_close(db);
  assert_int_equal(zt_store_open(&s, other, ZT_STORE_INIT, &err),
                   ZT_ERR_USAGE);
  assert_non_null(strstr(err.msg, "not a zothuis store"));
  assert_int_equal(sqlite3_open(other, &db), SQLITE_OK);
  {
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &st,
                       NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  /* not a database at all (or its first page damaged): ZT_ERR_CORRUPT */
  g_free(tu_write(dir, "junk.db", "this is not an SQLite database, but "
                  "text that is long enough to look like a header\n"));
  assert_int_equal(zt_store_open(&s, junk, ZT_STORE_USE, &err),
                   ZT_ERR_CORRUPT);
  assert_non_null(strstr(err.msg, "backup"));
  tu_rmtree(dir);
  g_free(path);
  g_free(other);
  g_free(junk);
  g_free(dir);
}

/* An SQLite error names the store's file, once: a store that refuses
 * writes (as a read-only file would; root may write any file, so the
 * connection is made read-only instead). */
static void test_error_names_store(void **state) {
  char *dir = tu_tmpdir("storeerr");
  char *path = g_build_filename(dir, "z.db", NULL);
  const char *file;
  char *want, *hit;
  zt_store *s;
  zt_err err;
  (void)state;
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_INIT, NULL), ZT_OK);
  file = sqlite3_db_filename(zt_store_db(s), "main");
  assert_non_null(strstr(file, "z.db"));
  assert_int_equal(sqlite3_exec(zt_store_db(s), "PRAGMA query_only = 1",
                                NULL, NULL, NULL), SQLITE_OK);
  assert_int_equal(zt_store_meta_set(s, "key_id", "abc", &err),
                   ZT_ERR_OUTPUT);
  want = g_strdup_printf("store %s: writing a setting of the store: ", file);
  assert_non_null(strstr(err.msg, want));
  hit = strstr(err.msg, file);
  assert_null(strstr(hit + strlen(file), file));     /* once */
  g_free(want);
  zt_store_close(s);
  /* in memory: no file to name */
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  assert_int_equal(sqlite3_exec(zt_store_db(s), "PRAGMA query_only = 1",
                                NULL, NULL, NULL), SQLITE_OK);
  assert_int_equal(zt_store_meta_set(s, "key_id", "abc", &err),
                   ZT_ERR_OUTPUT);
  assert_true(g_str_has_prefix(err.msg, "store: writing a setting"));
  zt_store_close(s);
  tu_rmtree(dir);
  g_free(path);
  g_free(dir);
}

/* ---- delivery dates (docs/store.md, "Delivery dates") ------------------ */

static int64_t begin_on(zt_store *s, const char *name, zt_day modified) {
  zt_file_info fi = {name, "declaraties", "csv", 100, modified, false};
  int64_t id;
  assert_int_equal(zt_store_file_begin(s, &fi, &id, NULL), ZT_OK);
  return id;
}

static void commit_on(zt_store *s, int64_t id, const char *hash,
                      zt_day message_day) {
  zt_file_done done = {hash, "declaraties", "jw323", {0}, NULL,
                       message_day};
  bool already;
  /* lines were stored (the cover's latest delivery counts only files
   * with accepted lines) */
  done.counts.read = done.counts.accepted = 1;
  assert_int_equal(zt_store_file_commit(s, id, &done, &already, NULL),
                   ZT_OK);
  assert_false(already);
}

static zt_day delivered(zt_store *s, int64_t id) {
  char sql[96];
  snprintf(sql, sizeof sql,
           "SELECT delivered_day FROM ingest_file WHERE id = %lld",
           (long long)id);
  return (zt_day)tu_count(s, sql);
}

/* The message's date beats the modification day, which beats the ingest
 * day; a modification day after the ingest day is not believed. */
static void test_delivery_order(void **state) {
  zt_store *s;
  zt_put_result res;
  zt_decl d1 = line(1, "D1", 1000), d2 = line(2, "D2", 1000);
  zt_decl d3 = line(3, "D3", 1000), other = line(4, "D4", 1000);
  zt_day ingest, msg = zt_day_from_ymd(2023, 10, 5);
  zt_day mod = zt_day_from_ymd(2023, 11, 1);
  zt_file_info bad = {"x/kapot.xml", "auto", "xml", 10,
                      zt_day_from_ymd(2023, 9, 1), false};
  int64_t a, b, c, e;
  zt_delivery *dl;
  size_t n;
  zt_day latest;
  (void)state;
  setenv("SOURCE_DATE_EPOCH", "1700000000", 1);   /* 2023-11-14 */
  ingest = (zt_day)(1700000000 / 86400);
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  a = begin_on(s, "a.xml", mod);
  put(s, a, &d1, &res);
  commit_on(s, a, "ha", msg);
  b = begin_on(s, "b.csv", mod);
  put(s, b, &d2, &res);
  commit_on(s, b, "hb", 0);
  c = begin_on(s, "c.csv", ingest + 20);
  put(s, c, &d3, &res);
  commit_on(s, c, "hc", ZT_DAY_NONE);
  e = begin_on(s, "e.csv", 0);
  other.agb = 87654321;
  put(s, e, &other, &res);
  put(s, e, &d1, &res);          /* a second provider: "more than one" */
  commit_on(s, e, "he", 0);
  assert_int_equal(zt_store_file_rejected(s, &bad, "hx",
                                          ZT_R_XML_MALFORMED, "kapot",
                                          NULL),
                   ZT_OK);
  assert_int_equal(delivered(s, a), msg);
  assert_int_equal(delivered(s, b), mod);
  assert_int_equal(delivered(s, c), ingest);
  assert_int_equal(delivered(s, e), ingest);
  assert_int_equal(tu_count(s, "SELECT agb FROM ingest_file WHERE "
                            "name = 'e.csv'"), -1);
  assert_int_equal(zt_store_latest_delivery(s, &latest, NULL), ZT_OK);
  assert_int_equal(latest, ingest);

  assert_int_equal(zt_store_deliveries(s, &dl, &n, NULL), ZT_OK);
  /* provider 12345678: jw323 in October (a) and November (b, c); the
   * file of two providers; then the refused file */
  assert_int_equal(n, 4);
  assert_int_equal(dl[0].agb, ZT_DELIVERY_MANY);
  assert_int_equal(dl[0].files, 1);
  assert_int_equal(dl[1].agb, 12345678);
  assert_int_equal(dl[1].files, 1);
  assert_int_equal(dl[1].first, msg);
  assert_int_equal(dl[2].agb, 12345678);
  assert_int_equal(dl[2].files, 2);
  assert_int_equal(dl[2].first, mod);
  assert_int_equal(dl[2].last, ingest);
  assert_false(dl[2].refused);
  assert_true(dl[3].refused);
  assert_string_equal(dl[3].reason, "xml_malformed");
  assert_string_equal(dl[3].name, "kapot.xml");
  assert_int_equal(dl[3].first, zt_day_from_ymd(2023, 9, 1));
  free(dl);
  zt_store_close(s);
  unsetenv("SOURCE_DATE_EPOCH");
}

/* What schema 4 added (etl/store_flow.c), dropped to make an older
 * store. */
#define DROP_V4                                                            \
  "DROP TABLE flow_request; DROP TABLE flow_start; DROP TABLE flow_stop; " \
  "ALTER TABLE assignment DROP COLUMN referentie; "                        \
  "ALTER TABLE assignment DROP COLUMN assigned_day; "
/* What schema 5 added (the declaration answers, etl/answer.c). */
#define DROP_V5                                                            \
  "DROP TABLE answer; DROP TABLE answer_line; DROP TABLE message_ident; "
/* What schema 6 added (lines delivered again, etl/answer.c). */
#define DROP_V6 "DROP TABLE redelivery; "

/* A store of schema 3 (main before the flow) is upgraded by init: it
 * gains the flow tables, its assignments keep their rows, and a request
 * can be stored. */
static void test_flow_migration(void **state) {
  char *dir = tu_tmpdir("store-v3");
  char *path = g_build_filename(dir, "z.db", NULL);
  zt_store *s;
  zt_put_result res;
  zt_request q;
  zt_assign a;
  zt_err err;
  int64_t f;
  (void)state;
  memset(&a, 0, sizeof a);
  memset(&q, 0, sizeof q);
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_INIT, NULL), ZT_OK);
  assert_int_equal(sqlite3_exec(zt_store_db(s), DROP_V6 DROP_V5 DROP_V4
                                "PRAGMA user_version = 3",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  zt_store_close(s);
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_USE, &err),
                   ZT_ERR_USAGE);
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_INIT, NULL), ZT_OK);
  assert_int_equal(zt_store_found_version(s), 3);
  assert_int_equal(tu_count(s, "PRAGMA user_version"),
                   ZT_STORE_SCHEMA_VERSION);
  f = begin_on(s, "jw315.xml", zt_day_from_ymd(2024, 1, 1));
  q.client.b[0] = 1;
  q.agb = 12345678;
  q.gemeente = 402;
  q.category = 45;
  memcpy(q.ref, "R1", 3);
  q.begin = q.day = zt_day_from_ymd(2024, 1, 1);
  q.verwijzer = 2;
  assert_int_equal(zt_store_put_request(s, f, 2, &q, &res, NULL), ZT_OK);
  assert_int_equal(res.outcome, ZT_PUT_STORED);
  assert_int_equal(zt_store_put_request(s, f, 3, &q, &res, NULL), ZT_OK);
  assert_int_equal(res.outcome, ZT_PUT_DUPLICATE);
  q.verwijzer = 1;
  assert_int_equal(zt_store_put_request(s, f, 4, &q, &res, NULL), ZT_OK);
  assert_int_equal(res.outcome, ZT_PUT_REJECTED);
  assert_int_equal(res.reject.reason, ZT_R_DUPLICATE_REFERENCE);
  a.client.b[0] = 1;
  a.gemeente = 402;
  a.agb = 12345678;
  a.toewijzing = 7;
  a.category = -1;
  a.reason = -1;
  a.begin = zt_day_from_ymd(2024, 1, 10);
  a.end = a.birth = ZT_DAY_NONE;
  a.birth_precision = 3;
  memcpy(a.ref, "R1", 3);
  a.assigned = zt_day_from_ymd(2024, 1, 9);
  assert_int_equal(zt_store_put_assign(s, f, 5, &a, &res, NULL), ZT_OK);
  commit_on(s, f, "h315", 0);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM flow_request"), 1);
  assert_int_equal(tu_count(s, "SELECT assigned_day FROM assignment WHERE "
                            "referentie = 'R1'"),
                   zt_day_from_ymd(2024, 1, 9));
  zt_store_close(s);
  tu_rmtree(dir);
  g_free(path);
  g_free(dir);
}

/* A store of schema 1 is upgraded by init: its files get their ingest
 * day as delivery date and the provider their lines name. */
static void test_delivery_migration(void **state) {
  char *dir = tu_tmpdir("store-v1");
  char *path = g_build_filename(dir, "z.db", NULL);
  zt_store *s;
  zt_put_result res;
  zt_decl d = line(1, "M1", 1000);
  zt_err err;
  int64_t f;
  (void)state;
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_INIT, NULL), ZT_OK);
  f = begin_on(s, "old.csv", zt_day_from_ymd(2020, 1, 1));
  put(s, f, &d, &res);
  commit_on(s, f, "hm", 0);
  assert_int_equal(zt_store_commit(s, NULL), ZT_OK);
  /* back to what schema 1 had */
  assert_int_equal(sqlite3_exec(zt_store_db(s),
                                "ALTER TABLE ingest_file DROP COLUMN "
                                "delivered_day; ALTER TABLE ingest_file "
                                "DROP COLUMN agb; UPDATE ingest_file SET "
                                "ingested_at = '2021-06-07T08:09:10Z'; "
                                "DROP TABLE population; "
                                "DROP TABLE benchmark; "
                                DROP_V6 DROP_V5 DROP_V4
                                "PRAGMA user_version = 1",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  zt_store_close(s);
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_USE, &err),
                   ZT_ERR_USAGE);
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_INIT, NULL), ZT_OK);
  assert_int_equal(zt_store_found_version(s), 1);
  assert_int_equal(tu_count(s, "SELECT delivered_day FROM ingest_file"),
                   zt_day_from_ymd(2021, 6, 7));
  assert_int_equal(tu_count(s, "SELECT agb FROM ingest_file"), 12345678);
  zt_store_close(s);
  tu_rmtree(dir);
  g_free(path);
  g_free(dir);
}

/* A store of schema 2 is upgraded by init: it gains the population
 * table, which then takes a population file's rows. */
static void test_population_migration(void **state) {
  char *dir = tu_tmpdir("store-v2");
  char *path = g_build_filename(dir, "z.db", NULL);
  zt_store *s;
  zt_put_result res;
  zt_population b = {402, 2023, 0, 17, 15234};
  zt_err err;
  int64_t f;
  (void)state;
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_INIT, NULL), ZT_OK);
  assert_int_equal(sqlite3_exec(zt_store_db(s),
                                "DROP TABLE population; "
                                "DROP TABLE benchmark; "
                                DROP_V6 DROP_V5 DROP_V4
                                "PRAGMA user_version = 2",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  zt_store_close(s);
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_USE, &err),
                   ZT_ERR_USAGE);
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_INIT, NULL), ZT_OK);
  assert_int_equal(zt_store_found_version(s), 2);
  assert_int_equal(tu_count(s, "PRAGMA user_version"),
                   ZT_STORE_SCHEMA_VERSION);
  f = begin_on(s, "bevolking.csv", zt_day_from_ymd(2024, 1, 1));
  assert_int_equal(zt_store_replace_table(s, ZT_KIND_BEVOLKING, NULL),
                   ZT_OK);
  assert_int_equal(zt_store_put_population(s, f, 2, &b, &res, NULL), ZT_OK);
  assert_int_equal(res.outcome, ZT_PUT_STORED);
  /* the same municipality, year and band twice: rejected */
  assert_int_equal(zt_store_put_population(s, f, 3, &b, &res, NULL), ZT_OK);
  assert_int_equal(res.reject.reason, ZT_R_DUPLICATE_REFERENCE);
  assert_int_equal(tu_count(s, "SELECT aantal FROM population WHERE "
                            "gemeente = 402 AND jaar = 2023"),
                   15234);
  zt_store_close(s);
  tu_rmtree(dir);
  g_free(path);
  g_free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_schema),
      cmocka_unit_test(test_duplicates),
      cmocka_unit_test(test_queue_mixed_resend),
      cmocka_unit_test(test_queue_runs_equal_one_by_one),
      cmocka_unit_test(test_credits),
      cmocka_unit_test(test_credit_restates_debit),
      cmocka_unit_test(test_credit_naming_credit),
      cmocka_unit_test(test_rollback_and_repeat),
      cmocka_unit_test(test_residence),
      cmocka_unit_test(test_rejected_file),
      cmocka_unit_test(test_scrub_masked_texts),
      cmocka_unit_test(test_rollback_undo),
      cmocka_unit_test(test_whole_files),
      cmocka_unit_test(test_check_and_versions),
      cmocka_unit_test(test_error_names_store),
      cmocka_unit_test(test_delivery_order),
      cmocka_unit_test(test_delivery_migration),
      cmocka_unit_test(test_population_migration),
      cmocka_unit_test(test_flow_migration),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

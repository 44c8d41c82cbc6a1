/*
 * tests/unit/test_flow.c -- the access and outflow flow end to end:
 * hand-built JW315, JW301, JW305, JW307 messages and CSV files in
 * tests/data/flow/ are ingested into a store, loaded with the snapshot
 * and turned into every flow.* id and dq.flow_broken_links, with each
 * expected value worked out below from the files.
 *
 * The story (municipality 0402, provider 12345678, category 45, product
 * 45A01; period 2024-H1 = 2024-01-01..2024-06-30, peildatum 2025-06-30):
 *   A  requests REQ-A on 2024-01-05 (verwijzer 02 huisarts); assignment
 *      1001 names REQ-A, made 2024-01-15 (answered after 10 days),
 *      Ingangsdatum 2024-01-15; starts 2024-02-14 (30 days after the
 *      assignment); stops 2024-04-13 reason 31 volgens plan (59 days);
 *      re-enters 2024-08-13 on assignment 1003 (122 days, 4 months).
 *   B  requests REQ-B on 2024-02-01 (verwijzer 01 gemeente); assignment
 *      1002 made 2024-02-21 (20 days), Ingangsdatum 2024-03-01; starts
 *      2024-03-11 (10 days); the start is resent identically (a
 *      duplicate) with a line of status 2 (rejected); stops 2024-05-01
 *      reason 33, corrected: the 33 deleted (status 3), a stop reason 32
 *      (by the client) on 2024-05-10 (60 days); the deletion repeated
 *      (delete_unknown); starts again 2025-01-10 on assignment 1006
 *      (245 days after the stop: within 12 months, not within 6).
 *   C  requests REQ-C on 2024-03-01 (huisarts), never answered.
 *   D  assignment 1004 from 2025-04-01, no start: waiting on the
 *      peildatum for 90 days (> 42); a declaration on it (no start).
 *   E  a start on ToewijzingNummer 9999 (no assignment), and a stop on
 *      8888 (2023, no start).
 *   F  assignment 1005 from 2024-04-01, started 2024-03-25 (CSV): before
 *      its assignment.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "etl/ingest.h"
#include "etl/pseudo.h"
#include "etl/snapshot.h"
#include "etl/store.h"
#include "mfixture.h"
#include "testutil.h"

#define DATA ZT_TEST_DATA "/flow/"

static const char *const files[] = {
    DATA "01_jw315_a.xml", DATA "02_jw315_b.xml", DATA "03_jw315_c.xml",
    DATA "04_jw301_a.xml", DATA "05_jw301_b.xml", DATA "06_jw301_d.xml",
    DATA "07_jw301_f.xml", DATA "08_jw305_a.xml", DATA "09_jw305_b.xml",
    DATA "10_jw305_b_resend.xml", DATA "11_jw305_e.xml",
    DATA "12_startzorg_f.csv", DATA "13_jw307_a.xml", DATA "14_jw307_b.xml",
    DATA "15_jw307_b_correct.xml", DATA "16_jw307_e.xml",
    DATA "17_declaraties.csv"};
#define NFILES (sizeof files / sizeof files[0])

typedef struct fx {
  zt_refdata *rd;
  zt_pseudonymizer *ps;
  zt_store *s;
  zt_ingest_run run;
  zt_snapshot sn;
} fx;

/* Ingest `paths` into a store (in memory, or the file `path`) and load
 * its snapshot. */
static void fx_open_files(fx *f, const char *path,
                          const char *const *paths) {
  unsigned char key[ZT_KEY_BYTES] = {5, 4, 3};
  zt_validator v;
  zt_ingest_opts o;
  memset(f, 0, sizeof *f);
  memset(&o, 0, sizeof o);
  f->rd = mf_refdata();
  assert_non_null(f->rd);
  assert_int_equal(zt_pseudo_open_key(&f->ps, key, NULL), ZT_OK);
  assert_int_equal(zt_store_open(&f->s, path,
                                 path ? ZT_STORE_INIT : ZT_STORE_MEMORY,
                                 NULL),
                   ZT_OK);
  v = (zt_validator){f->rd, f->ps, 0, 0, 0};
  assert_int_equal(zt_ingest_paths(f->s, &v, paths, NFILES, &o, &f->run,
                                   NULL),
                   ZT_OK);
  assert_int_equal(zt_snapshot_load(f->s, &f->sn, NULL), ZT_OK);
}

/* Every file into a store (in memory, or the file `path`). */
static void fx_open_at(fx *f, const char *path) {
  fx_open_files(f, path, files);
}

static void fx_open(fx *f) {
  fx_open_at(f, NULL);
}

static void fx_close(fx *f) {
  zt_snapshot_free(&f->sn);
  zt_ingest_run_free(&f->run);
  zt_store_close(f->s);
  zt_pseudo_close(f->ps);
  zt_refdata_free(f->rd);
}

static const zt_ingest_file *file_named(const fx *f, const char *name) {
  for (size_t i = 0; i < f->run.nfiles; i++)
    if (g_str_has_suffix(f->run.files[i].path, name))
      return &f->run.files[i];
  fail_msg("no file %s", name);
  return NULL;
}

static void expect_counts(const fx *f, const char *name, const char *kind,
                          long read, long acc, long rej, long dup) {
  const zt_ingest_file *x = file_named(f, name);
  assert_string_equal(zt_kind_name(x->kind), kind);
  assert_int_equal(x->counts.read, read);
  assert_int_equal(x->counts.accepted, acc);
  assert_int_equal(x->counts.rejected, rej);
  assert_int_equal(x->counts.duplicates, dup);
  assert_int_equal(x->counts.read,
                   x->counts.accepted + x->counts.rejected +
                       x->counts.duplicates);
}

/* Ingest: kinds, reconciliation per file, resend, correction, CSV. */
static void test_ingest(void **state) {
  fx f;
  (void)state;
  fx_open(&f);
  expect_counts(&f, "01_jw315_a.xml", "verzoeken", 1, 1, 0, 0);
  expect_counts(&f, "04_jw301_a.xml", "toewijzingen", 2, 2, 0, 0);
  expect_counts(&f, "08_jw305_a.xml", "startzorg", 2, 2, 0, 0);
  /* the identical start again: a duplicate; status 2: value_invalid */
  expect_counts(&f, "10_jw305_b_resend.xml", "startzorg", 2, 0, 1, 1);
  expect_counts(&f, "12_startzorg_f.csv", "startzorg", 1, 1, 0, 0);
  expect_counts(&f, "14_jw307_b.xml", "stopzorg", 1, 1, 0, 0);
  /* delete 33 (accepted), new 32 (accepted), delete 33 again: nothing
   * left to delete (delete_unknown) */
  expect_counts(&f, "15_jw307_b_correct.xml", "stopzorg", 3, 2, 1, 0);
  assert_int_equal(tu_count(f.s, "SELECT count(*) FROM reject WHERE reason = "
                              "'delete_unknown'"), 1);
  /* stops left: A's 31, B's 32, E's 35 */
  assert_int_equal(tu_count(f.s, "SELECT count(*) FROM flow_stop"), 3);
  assert_int_equal(tu_count(f.s, "SELECT count(*) FROM flow_stop WHERE "
                              "reason = 33"), 0);
  assert_int_equal(tu_count(f.s, "SELECT end_day FROM flow_stop WHERE "
                              "reason = 32"),
                   mf_day(2024, 5, 10));
  /* the assignment keeps the request it answers and its day */
  assert_int_equal(tu_count(f.s, "SELECT assigned_day FROM assignment WHERE "
                              "referentie = 'REQ-B'"),
                   mf_day(2024, 2, 21));
  assert_int_equal(f.sn.flow.nreq, 3);
  assert_int_equal(f.sn.flow.nassign, 6);
  assert_int_equal(f.sn.flow.nstarts, 6);
  assert_int_equal(f.sn.flow.nstops, 3);
  /* no BSN in the store */
  assert_int_equal(tu_count(f.s, "SELECT count(*) FROM reject WHERE raw LIKE "
                              "'%99990001%'"), 0);
  fx_close(&f);
}

/* Every flow.* id for 2024-H1 at peildatum 2025-06-30. */
static void test_indicators(void **state) {
  fx f;
  mf *m;
  const char *P = "2024-H1";
  const uint16_t G = 402, R = ZT_GEMEENTE_REGIO;
  char kind[64];
  const zt_category *cat;
  (void)state;
  fx_open(&f);
  m = mf_new(f.rd, 0);
  mf_member(m, 402, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_member(m, 406, ZT_DAY_NONE, ZT_DAY_NONE);
  m->flow = &f.sn.flow;
  assert_int_equal(mf_run1(m, P, mf_day(2025, 6, 30)), ZT_OK);
  cat = zt_refdata_category(f.rd, 45);
  assert_non_null(cat);
  snprintf(kind, sizeof kind, "kind=%s",
           zt_kind_id((zt_care_kind)cat->default_kind));

  for (int i = 0; i < 2; i++) {
    uint16_t u = i ? R : G;  /* everything happens in 0402 */
    /* requests in P: A 01-05, B 02-01, C 03-01; huisarts A and C */
    MF_EXPECT(m, "flow.requests", P, u, NULL, 3, 1);
    MF_EXPECT(m, "flow.requests", P, u, "verwijzer=huisarts", 2, 1);
    MF_EXPECT(m, "flow.requests", P, u, "verwijzer=gemeente", 1, 1);
    MF_EXPECT(m, "flow.requests", P, u, "verwijzer=jeugdarts", 0, 1);
    MF_EXPECT(m, "flow.share_huisarts", P, u, NULL, 2, 3);
    /* made in P: 1001 (01-15), 1002 (02-21), 1005 (04-01); not 1003
     * (2024-08-01), 1006 (2024-12-20), 1004 (2025-04-01) */
    MF_EXPECT(m, "flow.assignments", P, u, NULL, 3, 1);
    /* answering a request: A 10 days, B 20: median (10 + 20) / 2, p90
     * the ceil(0.9 * 2) = 2nd value */
    MF_EXPECT(m, "flow.wait_request_assignment_median", P, u, NULL, 15, 1);
    MF_EXPECT(m, "flow.wait_request_assignment_p90", P, u, NULL, 20, 1);
    /* starts in P with an assignment begun before: A 30, B 10 (E has no
     * assignment, F started before its assignment) */
    MF_EXPECT(m, "flow.wait_assignment_start_median", P, u, NULL, 20, 1);
    MF_EXPECT(m, "flow.wait_assignment_start_p90", P, u, NULL, 30, 1);
    MF_EXPECT(m, "flow.wait_assignment_start_median", P, u, kind, 20, 1);
    /* on 2025-06-30 only D's 1004 waits (begun after the first start in
     * the store, 2024-02-14): 90 days, over the norm 42 */
    MF_EXPECT(m, "flow.waiting_at_peildatum", P, u, NULL, 1, 1);
    MF_EXPECT(m, "flow.waiting_over_norm", P, u, NULL, 1, 1);
    /* per kind for the region only: a municipality's few waiting per
     * kind would cost its total (suppression) */
    if (u == R) {
      MF_EXPECT(m, "flow.waiting_at_peildatum", P, u, kind, 1, 1);
      MF_EXPECT(m, "flow.waiting_over_norm", P, u, kind, 1, 1);
    } else {
      assert_null(mf_get(m, "flow.waiting_at_peildatum", P, u, kind));
      assert_null(mf_get(m, "flow.waiting_over_norm", P, u, kind));
    }
    /* stops ending in P: A 31 (04-13), B 32 (05-10; its 33 deleted);
     * E's ended in 2023 */
    MF_EXPECT(m, "flow.stops", P, u, NULL, 2, 1);
    MF_EXPECT(m, "flow.stops", P, u, "reason=31", 1, 1);
    MF_EXPECT(m, "flow.stops", P, u, "reason=32", 1, 1);
    MF_EXPECT(m, "flow.stops", P, u, "reason=33", 0, 1);
    /* CBS: 31 -> 01 volgens plan, 32 -> 03 eenzijdig door de client */
    MF_EXPECT(m, "flow.stops_cbs", P, u, "cbs=volgens_plan", 1, 1);
    MF_EXPECT(m, "flow.stops_cbs", P, u, "cbs=door_client", 1, 1);
    MF_EXPECT(m, "flow.stops_cbs", P, u, "cbs=in_overeenstemming", 0, 1);
    MF_EXPECT(m, "flow.share_volgens_plan", P, u, NULL, 1, 2);
    /* (59 + 60) / 2 days */
    MF_EXPECT(m, "flow.duration_mean_ended", P, u, NULL, 119, 2);
    /* A again after 122 days, B after 245: within 6 months 1 of 2,
     * within 12 months 2 of 2 (the peildatum is 365 days after P) */
    MF_EXPECT(m, "flow.reentry_6m", P, u, NULL, 1, 2);
    MF_EXPECT(m, "flow.reentry_12m", P, u, NULL, 2, 2);
  }
  /* nothing in Huizen */
  MF_EXPECT(m, "flow.requests", P, 406, NULL, 0, 1);
  MF_ABSENT(m, "flow.share_huisarts", P, 406, NULL);
  /* one of each broken link: E's start (no assignment), F's start
   * (before its assignment), E's stop (no start), D's declaration (no
   * start), C's request (more than 56 days unanswered) */
  MF_EXPECT(m, "dq.flow_broken_links", P, R, NULL, 5, 1);
  MF_EXPECT(m, "dq.flow_broken_links", P, R,
            "reason=start_zonder_toewijzing", 1, 1);
  MF_EXPECT(m, "dq.flow_broken_links", P, R,
            "reason=start_voor_toewijzing", 1, 1);
  MF_EXPECT(m, "dq.flow_broken_links", P, R, "reason=stop_zonder_start", 1,
            1);
  MF_EXPECT(m, "dq.flow_broken_links", P, R,
            "reason=declaratie_zonder_start", 1, 1);
  MF_EXPECT(m, "dq.flow_broken_links", P, R, "reason=verzoek_onbeantwoord",
            1, 1);
  MF_ABSENT(m, "dq.flow_broken_links", P, G, NULL);

  /* At the period's own end the follow-up is not complete: no
   * re-entry; on 2024-06-30 D's 1004 has not begun, so nobody waits;
   * C's request (2024-03-01) is 121 days old: unanswered. */
  assert_int_equal(mf_run1(m, P, ZT_DAY_NONE), ZT_OK);
  MF_ABSENT(m, "flow.reentry_6m", P, G, NULL);
  MF_ABSENT(m, "flow.reentry_12m", P, G, NULL);
  MF_EXPECT(m, "flow.waiting_at_peildatum", P, G, NULL, 0, 1);
  MF_EXPECT(m, "dq.flow_broken_links", P, R, "reason=verzoek_onbeantwoord",
            1, 1);
  /* a norm of 100 days: D's 90 days are within it */
  m->wait_norm_days = 100;
  assert_int_equal(mf_run1(m, P, mf_day(2025, 6, 30)), ZT_OK);
  MF_EXPECT(m, "flow.waiting_over_norm", P, G, NULL, 0, 1);
  /* The first message is E's stop, ending 2023-11-20: 2e halfjaar 2023
   * begins before November 2023, so it gets no flow rows at all (they
   * would count E's stop as all the stops of a half-year the messages
   * cover for two months); 2024 begins after it and has them. */
  assert_int_equal(mf_run1(m, "2023-H2", ZT_DAY_NONE), ZT_OK);
  MF_ABSENT(m, "flow.stops", "2023-H2", R, NULL);
  MF_ABSENT(m, "flow.requests", "2023-H2", R, NULL);
  assert_int_equal(mf_run1(m, "2024", ZT_DAY_NONE), ZT_OK);
  MF_EXPECT(m, "flow.stops", "2024", R, NULL, 2, 1);
  mf_free(m);
  fx_close(&f);
}

/* A gzipped JW305 and JW307 are read as the plain ones (streamed
 * through the same source). */
static void test_gzip(void **state) {
  static const char *const names[2] = {"08_jw305_a.xml", "13_jw307_a.xml"};
  unsigned char key[ZT_KEY_BYTES] = {5, 4, 3};
  char *dir = tu_tmpdir("flowgz");
  const char *paths[2];
  char *gz[2];
  zt_refdata *rd = mf_refdata();
  zt_pseudonymizer *ps;
  zt_store *s;
  zt_validator v;
  zt_ingest_opts o;
  zt_ingest_run run;
  (void)state;
  memset(&o, 0, sizeof o);
  for (int i = 0; i < 2; i++) {
    char *src = g_strconcat(DATA, names[i], NULL);
    size_t n;
    char *text = tu_read(src, &n);
    gzFile f;
    gz[i] = g_strdup_printf("%s/%s.gz", dir, names[i]);
    f = gzopen(gz[i], "wb");
    assert_non_null(f);
    assert_int_equal(gzwrite(f, text, (unsigned)n), (int)n);
    gzclose(f);
    paths[i] = gz[i];
    free(text);
    g_free(src);
  }
  assert_int_equal(zt_pseudo_open_key(&ps, key, NULL), ZT_OK);
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  v = (zt_validator){rd, ps, 0, 0, 0};
  assert_int_equal(zt_ingest_paths(s, &v, paths, 2, &o, &run, NULL), ZT_OK);
  assert_int_equal(run.nfiles, 2);
  assert_string_equal(run.files[0].format, "jw305+gzip");
  assert_int_equal(run.files[0].counts.accepted, 2);
  assert_string_equal(run.files[1].format, "jw307+gzip");
  assert_int_equal(run.files[1].counts.accepted, 1);
  assert_int_equal(tu_count(s, "SELECT count(*) FROM flow_start"), 2);
  zt_ingest_run_free(&run);
  zt_store_close(s);
  zt_pseudo_close(ps);
  zt_refdata_free(rd);
  for (int i = 0; i < 2; i++)
    g_free(gz[i]);
  tu_rmtree(dir);
  free(dir);
}

/* As known on 2024-03-01 (files dated by their message's Dagtekening;
 * the two CSV files by their modification day, long after): the three
 * requests (2024-01-05, -02-01, -03-01) and E's 2023 stop on 8888 had
 * arrived; no assignment (the first is dated 2024-04-01), no start (E's
 * on 9999 is dated 2024-03-02), no declaration. By 2024-04-14 F's
 * assignment, E's start and A's stop had come too. */
static void test_as_of(void **state) {
  fx f;
  zt_snapshot sn;
  zt_day d;
  (void)state;
  fx_open(&f);
  assert_int_equal(zt_date_parse("2024-03-01", 10, &d), 0);
  assert_int_equal(zt_snapshot_load_as_of(f.s, d, &sn, NULL), ZT_OK);
  assert_int_equal(sn.flow.nreq, 3);
  assert_int_equal(sn.flow.nassign, 0);
  assert_int_equal(sn.flow.nstarts, 0);
  assert_int_equal(sn.flow.nstops, 1);
  assert_int_equal(sn.flow.ndecls, 0);
  zt_snapshot_free(&sn);
  assert_int_equal(zt_date_parse("2024-04-14", 10, &d), 0);
  assert_int_equal(zt_snapshot_load_as_of(f.s, d, &sn, NULL), ZT_OK);
  assert_int_equal(sn.flow.nreq, 3);
  assert_int_equal(sn.flow.nassign, 1);
  assert_int_equal(sn.flow.assign[0].toewijzing, 1005);
  assert_int_equal(sn.flow.nstarts, 1);
  assert_int_equal(sn.flow.starts[0].toewijzing, 9999);
  assert_int_equal(sn.flow.nstops, 2);
  zt_snapshot_free(&sn);
  /* without an as-of day: every message (the whole store) */
  assert_true(f.sn.flow.nreq >= 3);
  assert_true(f.sn.flow.nassign > 1);
  assert_true(f.sn.flow.nstarts > 1);
  assert_true(f.sn.flow.ndecls > 0);
  fx_close(&f);
}

/* Definitive endings (docs/indicators.md, "Definitive endings"): one
 * stop of every JZ588 code in 2024-H1, each of its own client. The six
 * whose reason says how the care ended (02, 31-35) last 60 days; the
 * five of CBS overig (20 a pause, 36 the municipality, 37 a change
 * request, 38 another provider, 39 another domain) 10 days. The client
 * of 31 starts again 30 days after the stop, the one of 38 the next day
 * (at the other provider). Only the six count in the share volgens
 * plan, the mean duration and re-entry. */
static void test_definitive(void **state) {
  static const int codes[] = {2, 20, 31, 32, 33, 34, 35, 36, 37, 38, 39};
  enum { N = sizeof codes / sizeof codes[0] };
  zt_flow_care stops[N], starts[2];
  zt_flow_data fd;
  zt_refdata *rd = mf_refdata();
  mf *m = mf_new(rd, 0);
  const char *P = "2024-H1";
  const zt_ind_value *all, *overig, *share;
  int ndef = 0;
  (void)state;
  memset(stops, 0, sizeof stops);
  memset(starts, 0, sizeof starts);
  memset(&fd, 0, sizeof fd);
  for (int i = 0; i < N; i++) {
    bool def = codes[i] == 2 || (codes[i] >= 31 && codes[i] <= 35);
    zt_flow_care *z = &stops[i];
    z->client = (uint32_t)i + 1;
    z->agb = 12345678;
    z->gemeente = 402;
    z->category = -1;
    z->toewijzing = 2000 + i;
    z->assign_begin = ZT_DAY_NONE;
    z->begin = mf_day(2024, 1, 1);
    z->end = z->begin + (def ? 60 : 10);
    z->reason = codes[i];
    ndef += def;
    if (codes[i] == 31 || codes[i] == 38) {
      zt_flow_care *a = &starts[codes[i] == 38];
      *a = *z;
      a->toewijzing += 100;
      a->begin = z->end + (codes[i] == 31 ? 30 : 1);
      a->reason = -1;
      a->end = ZT_DAY_NONE;
    }
  }
  fd.stops = stops;
  fd.nstops = N;
  fd.starts = starts;
  fd.nstarts = 2;
  mf_member(m, 402, ZT_DAY_NONE, ZT_DAY_NONE);
  m->flow = &fd;
  assert_int_equal(mf_run1(m, P, mf_day(2025, 6, 30)), ZT_OK);
  assert_int_equal(ndef, 6);
  MF_EXPECT(m, "flow.stops", P, 402, NULL, N, 1);
  MF_EXPECT(m, "flow.stops_cbs", P, 402, "cbs=overig", N - ndef, 1);
  /* 1 of the 6, not 1 of the 11 */
  MF_EXPECT(m, "flow.share_volgens_plan", P, 402, NULL, 1, ndef);
  /* its whole is the stops less CBS overig, the n the report shows */
  all = mf_get(m, "flow.stops", P, 402, NULL);
  overig = mf_get(m, "flow.stops_cbs", P, 402, "cbs=overig");
  share = mf_get(m, "flow.share_volgens_plan", P, 402, NULL);
  assert_int_equal(share->den, all->num - overig->num);
  assert_int_equal(share->n, share->den);
  MF_EXPECT(m, "flow.duration_mean_ended", P, 402, NULL, 60, 1);
  /* the client of 31 again after 30 days; the one of 38 moved on to
   * another provider and is no re-entry */
  MF_EXPECT(m, "flow.reentry_6m", P, 402, NULL, 1, ndef);
  MF_EXPECT(m, "flow.reentry_12m", P, 402, NULL, 1, ndef);
  mf_free(m);
  zt_refdata_free(rd);
}

/* Without requests, starts or stops there is no flow.* row at all. */
/* In a store file large enough for two readers (here: any) the flow is
 * read on a connection and thread of its own, beside the lines: the
 * snapshot is the same, byte for byte, as with one connection. */
static void test_flow_beside_lines(void **state) {
  fx f;
  zt_snapshot two;
  const zt_snapshot *one = &f.sn;
  char *dir = tu_tmpdir("flow"), *path = g_build_filename(dir, "z.db", NULL);
  (void)state;
  zt_snapshot_split_min(SIZE_MAX);
  fx_open_at(&f, path);              /* one connection */
  zt_snapshot_split_min(1);
  assert_int_equal(zt_snapshot_load(f.s, &two, NULL), ZT_OK);
  zt_snapshot_split_min(65536);
  assert_true(zt_flow_present(&one->flow));
#define SAME_ARRAY(a, n)                                                  \
  do {                                                                    \
    assert_int_equal(one->flow.n, two.flow.n);                            \
    assert_true(one->flow.n > 0);                                         \
    assert_memory_equal(one->flow.a, two.flow.a,                          \
                        one->flow.n * sizeof *one->flow.a);               \
  } while (0)
  SAME_ARRAY(req, nreq);
  SAME_ARRAY(assign, nassign);
  SAME_ARRAY(starts, nstarts);
  SAME_ARRAY(stops, nstops);
  SAME_ARRAY(decls, ndecls);
#undef SAME_ARRAY
  assert_int_equal(one->nlines, two.nlines);
  assert_memory_equal(one->lines, two.lines,
                      one->nlines * sizeof *one->lines);
  zt_snapshot_free(&two);
  fx_close(&f);
  tu_rmtree(dir);
  g_free(path);
  g_free(dir);
}

static void test_absent(void **state) {
  zt_refdata *rd = mf_refdata();
  mf *m = mf_new(rd, 1);
  zt_flow_data none;
  (void)state;
  memset(&none, 0, sizeof none);
  mf_member(m, 402, ZT_DAY_NONE, ZT_DAY_NONE);
  m->flow = &none;
  mf_cp(m, 0, ZT_K_PLEEGZORG, 12345678, 402, mf_day(2024, 1, 1),
        mf_day(2024, 3, 1), 1000);
  assert_int_equal(mf_run1(m, "2024-H1", ZT_DAY_NONE), ZT_OK);
  for (size_t i = 0; i < zt_ind_table_count(m->t); i++) {
    const zt_ind_value *v = zt_ind_table_at(m->t, i);
    assert_false(g_str_has_prefix(v->indicator, "flow."));
    assert_false(g_str_has_prefix(v->indicator, "dq.flow"));
  }
  mf_free(m);
  zt_refdata_free(rd);
}

/* The number that stands for ToewijzingNummer `n` in the rewritten
 * files: nine digits that pass the 11-test, so it could be a BSN. */
static long bsn_shaped(long n) {
  char d[24];
  for (long x = 100000000 + n * 1000;; x++) {
    snprintf(d, sizeof d, "%ld", x);
    if (zt_bsn_check(d, 9) == ZT_R_NONE)
      return x;
  }
}

static gboolean xml_number(const GMatchInfo *mi, GString *out,
                           gpointer data) {
  char *n = g_match_info_fetch(mi, 1);
  (void)data;
  g_string_append_printf(out, "<m:ToewijzingNummer>%ld<",
                         bsn_shaped(strtol(n, NULL, 10)));
  g_free(n);
  return FALSE;
}

/* The same messages with every ToewijzingNummer nine digits that could
 * be a BSN: ingest stores each as its token, the same in every message,
 * so assignments, starts, stops and declarations still join and every
 * indicator is what the original numbers give. */
static void test_bsn_shaped_numbers(void **state) {
  char *dir = tu_tmpdir("flowbsn");
  const char *paths[NFILES];
  char *own[NFILES];
  GRegex *re = g_regex_new("<m:ToewijzingNummer>([0-9]+)<", 0, 0, NULL);
  fx a, b;
  mf *ma, *mb;
  (void)state;
  for (size_t i = 0; i < NFILES; i++) {
    char *text, *out;
    assert_true(g_file_get_contents(files[i], &text, NULL, NULL));
    if (g_str_has_suffix(files[i], ".csv")) {
      /* the fourth field of every line after the header */
      char **lines = g_strsplit(text, "\n", -1);
      for (size_t l = 1; lines[l]; l++) {
        char **f = g_strsplit(lines[l], ";", -1);
        if (g_strv_length(f) > 3 && f[3][0]) {
          long n = bsn_shaped(strtol(f[3], NULL, 10));
          char *nr = g_strdup_printf("%ld", n);
          g_free(f[3]);
          f[3] = nr;
          g_free(lines[l]);
          lines[l] = g_strjoinv(";", f);
        }
        g_strfreev(f);
      }
      out = g_strjoinv("\n", lines);
      g_strfreev(lines);
    } else {
      out = g_regex_replace_eval(re, text, -1, 0, 0, xml_number, NULL,
                                 NULL);
    }
    own[i] = g_build_filename(dir, strrchr(files[i], '/') + 1, NULL);
    assert_true(g_file_set_contents(own[i], out, -1, NULL));
    paths[i] = own[i];
    g_free(text);
    g_free(out);
  }
  fx_open(&a);
  fx_open_files(&b, NULL, paths);
  /* no ToewijzingNummer is stored as it was sent */
  assert_int_equal(tu_count(b.s, "SELECT count(*) FROM assignment WHERE "
                              "toewijzing BETWEEN 100000000 AND 999999999"),
                   0);
  assert_int_equal(tu_count(b.s, "SELECT count(*) FROM flow_start WHERE "
                              "toewijzing < 1000000000000"),
                   0);
  assert_int_equal(tu_count(b.s, "SELECT count(*) FROM declaration WHERE "
                              "toewijzing < 1000000000000"),
                   0);
  assert_int_equal(tu_count(b.s, "SELECT count(DISTINCT toewijzing) FROM "
                              "assignment"),
                   tu_count(a.s, "SELECT count(DISTINCT toewijzing) FROM "
                              "assignment"));
  ma = mf_new(a.rd, 0);
  mb = mf_new(b.rd, 0);
  mf_member(ma, 402, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_member(mb, 402, ZT_DAY_NONE, ZT_DAY_NONE);
  ma->flow = &a.sn.flow;
  mb->flow = &b.sn.flow;
  assert_int_equal(mf_run1(ma, "2024-H1", mf_day(2025, 6, 30)), ZT_OK);
  assert_int_equal(mf_run1(mb, "2024-H1", mf_day(2025, 6, 30)), ZT_OK);
  zt_ind_table_sort(ma->t);
  zt_ind_table_sort(mb->t);
  assert_true(zt_ind_table_count(ma->t) > 20);
  assert_int_equal(zt_ind_table_count(ma->t), zt_ind_table_count(mb->t));
  for (size_t i = 0; i < zt_ind_table_count(ma->t); i++) {
    const zt_ind_value *x = zt_ind_table_at(ma->t, i);
    const zt_ind_value *y = zt_ind_table_at(mb->t, i);
    assert_int_equal(zt_ind_value_cmp(x, y), 0);
    if (x->num != y->num || x->den != y->den)
      fail_msg("%s %s %s: %lld/%lld with the original numbers, %lld/%lld "
               "with BSN-shaped ones", x->indicator, x->breakdown,
               x->period, (long long)x->num, (long long)x->den,
               (long long)y->num, (long long)y->den);
  }
  /* the broken links are still found: the same five */
  assert_non_null(zt_ind_table_find(mb->t, "dq.flow_broken_links",
                                    "2024-H1", ZT_GEMEENTE_REGIO, ""));
  assert_int_equal(zt_ind_table_find(mb->t, "dq.flow_broken_links",
                                     "2024-H1", ZT_GEMEENTE_REGIO, "")
                       ->num,
                   5);
  mf_free(ma);
  mf_free(mb);
  fx_close(&a);
  fx_close(&b);
  for (size_t i = 0; i < NFILES; i++)
    g_free(own[i]);
  g_regex_unref(re);
  tu_rmtree(dir);
  g_free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_ingest),
      cmocka_unit_test(test_indicators),
      cmocka_unit_test(test_gzip),
      cmocka_unit_test(test_absent),
      cmocka_unit_test(test_definitive),
      cmocka_unit_test(test_flow_beside_lines),
      cmocka_unit_test(test_as_of),
      cmocka_unit_test(test_bsn_shaped_numbers),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

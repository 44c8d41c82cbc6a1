/*
 * tests/unit/test_answer.c -- declaration answers (JW325): the reader's
 * rows from hand-built messages, the store's duplicates and conflicts,
 * the canonical CSV, and what the answers do to the snapshot: a rejected
 * line re-declared later counts once, a message rejected whole counts as
 * not received, a JW323 without an answer counts as before (nog niet
 * beoordeeld).
 */
#include "testutil.h"

#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "etl/answer.h"
#include "etl/ijw.h"
#include "etl/ingest.h"
#include "etl/pseudo.h"
#include "etl/refdata.h"
#include "etl/snapshot.h"
#include "etl/store.h"
#include "metrics/metrics.h"
#include "rowutil.h"

#define REG ZT_GEMEENTE_REGIO
#define NS "http://www.istandaarden.nl/ijw/3_2/"

/* ---- building messages ------------------------------------------------ */

/* One JW323 line: ref, bsn seed, month (2023), hours at EUR 100. */
typedef struct dline {
  const char *ref;
  unsigned bsn;
  int month;
  int hours;
} dline;

/* A JW323 with identification `id` and DeclaratieNummer `nr`. */
static char *jw323(const char *id, const char *nr, const dline *l,
                   size_t n) {
  GString *s = g_string_new(NULL);
  long total = 0;
  for (size_t i = 0; i < n; i++)
    total += 10000L * l[i].hours;
  g_string_append_printf(
      s,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<a:Bericht xmlns:a=\"" NS "jw323/schema\" xmlns:b=\"" NS
      "basisschema/schema\"><a:Header><a:BerichtCode>490</a:BerichtCode>"
      "<a:BerichtVersie>3</a:BerichtVersie><a:BerichtSubversie>2"
      "</a:BerichtSubversie><a:Afzender>12345678</a:Afzender>"
      "<a:Ontvanger>0402</a:Ontvanger><a:BerichtIdentificatie>"
      "<b:Identificatie>%s</b:Identificatie><b:Dagtekening>2023-06-05"
      "</b:Dagtekening></a:BerichtIdentificatie></a:Header>\n"
      "<a:Declaratie><a:DeclaratieNummer>%s</a:DeclaratieNummer>"
      "<a:TotaalIngediendBedrag><b:TotaalBedrag>%ld</b:TotaalBedrag>"
      "<b:DebetCredit>D</b:DebetCredit></a:TotaalIngediendBedrag>"
      "<a:Clienten>\n",
      id, nr, total);
  for (size_t i = 0; i < n; i++) {
    char bsn[10];
    tu_bsn(l[i].bsn, bsn);
    g_string_append_printf(
        s,
        "<a:Client><a:Bsn>%s</a:Bsn><a:Prestaties><a:Prestatie>"
        "<a:ProductReferentie><b:ReferentieNummer>%s</b:ReferentieNummer>"
        "</a:ProductReferentie><a:ToewijzingNummer>%u</a:ToewijzingNummer>"
        "<a:ProductCategorie>45</a:ProductCategorie><a:ProductCode>45A01"
        "</a:ProductCode><a:ProductPeriode><b:Begindatum>2023-%02d-01"
        "</b:Begindatum><b:Einddatum>2023-%02d-28</b:Einddatum>"
        "</a:ProductPeriode><a:GeleverdVolume>%d</a:GeleverdVolume>"
        "<a:Eenheid>04</a:Eenheid><a:ProductTarief>10000</a:ProductTarief>"
        "<a:IngediendBedrag><b:Bedrag>%d</b:Bedrag><b:DebetCredit>D"
        "</b:DebetCredit></a:IngediendBedrag></a:Prestatie></a:Prestaties>"
        "</a:Client>\n",
        bsn, l[i].ref, 1000 + l[i].bsn, l[i].month, l[i].month, l[i].hours,
        10000 * l[i].hours);
  }
  g_string_append(s, "</a:Clienten></a:Declaratie></a:Bericht>\n");
  return g_string_free(s, FALSE);
}

/* ---- reading: the rows ------------------------------------------------ */

typedef struct rows {
  GString *log;
  int n, rejects;
} rows;

static zt_status on_row(void *ctx, const zt_row *row, zt_err *err) {
  rows *r = ctx;
  (void)err;
  r->n++;
  for (int k = 0; k < ZT_N_NFIELDS; k++)
    g_string_append_printf(r->log, "%s%.*s", k ? "|" : "",
                           (int)row->f[k].n, row->f[k].p ? row->f[k].p : "");
  g_string_append_c(r->log, '\n');
  return ZT_OK;
}

static zt_status on_reject(void *ctx, zt_kind kind, long line,
                           zt_reason reason, int field, const char *msg,
                           zt_slice raw, zt_err *err) {
  rows *r = ctx;
  (void)kind;
  (void)line;
  (void)field;
  (void)raw;
  (void)err;
  r->rejects++;
  g_string_append_printf(r->log, "REJECT %s %s\n", zt_reason_code(reason),
                         msg);
  return ZT_OK;
}

static char *read_rows(const char *xml, zt_status *st_out, rows *r,
                       zt_ijw_info *info) {
  char *dir = tu_tmpdir("answer-read");
  char *path = tu_write(dir, "a.xml", xml);
  zt_source *src;
  zt_rowsink sink = {r, on_row, on_reject, NULL};
  zt_read_opts o = {ZT_KIND_AUTO, NULL};
  zt_kind kind;
  zt_reason why;
  r->log = g_string_new(NULL);
  r->n = r->rejects = 0;
  assert_int_equal(zt_source_open(&src, path, NULL), ZT_OK);
  *st_out = zt_ijw_read_info(src, &o, &sink, &kind, &why, info, NULL);
  if (*st_out == ZT_OK)
    assert_int_equal(kind, ZT_KIND_ANTWOORDEN);
  zt_source_close(src);
  tu_rmtree(dir);
  g_free(dir);
  g_free(path);
  return g_string_free(r->log, FALSE);
}

/* The answer's own row comes when DeclaratieAntwoord ends, after its
 * lines; the header's codes and the answer's are one list. Client Bsn
 * never reaches a row. */
static void test_read_rows(void **state) {
  const tu_aline l[2] = {{"R2", 2, 20000, "9307"},
                      {"R9", 3, 5000, "0611 9339 9340"}};
  char *xml = tu_jw325("A1", "M1", "D1", "0200", "0200", l, 2);
  rows r;
  zt_status st;
  zt_ijw_info info;
  char *log = read_rows(xml, &st, &r, &info);
  (void)state;
  assert_int_equal(st, ZT_OK);
  assert_int_equal(r.n, 3);
  assert_int_equal(r.rejects, 0);
  assert_string_equal(info.ident, "A1");
  assert_string_equal(
      log,
      "0402|12345678|A1|M1|D1|prestatie|R2|20000|D|||9307\n"
      "0402|12345678|A1|M1|D1|prestatie|R9|5000|D|||0611 9339 9340\n"
      "0402|12345678|A1|M1|D1|declaratie||0|D|0|D|0200 0200\n");
  g_free(log);
  g_free(xml);
}

/* Refused on header level: no DeclaratieAntwoord; the answer's row
 * comes at the end of the file with the header's codes alone. */
static void test_read_header_refusal(void **state) {
  char *xml = tu_jw325("A9", "M9", NULL, "0001", "", NULL, 0);
  rows r;
  zt_status st;
  char *log = read_rows(xml, &st, &r, NULL);
  (void)state;
  assert_int_equal(st, ZT_OK);
  assert_int_equal(r.n, 1);
  assert_string_equal(log, "0402|12345678|A9|M9||declaratie||||||0001\n");
  g_free(log);
  g_free(xml);
}

/* A Prestatie without RetourCodes is rejected (missing_field); one with
 * an element of its own the schema does not know is value_invalid. */
static void test_read_line_problems(void **state) {
  const tu_aline l[1] = {{"R2", 2, 20000, "9307"}};
  char *xml = tu_jw325("A1", "M1", "D1", "0200", "0200", l, 1);
  char *bad = NULL;
  rows r;
  zt_status st;
  char *log;
  GString *g = g_string_new(xml);
  (void)state;
  /* drop the line's RetourCodes */
  {
    char *p = strstr(g->str, "<r:RetourCodes><r:RetourCode>9307");
    char *e = strstr(p, "</r:RetourCodes>") + strlen("</r:RetourCodes>");
    g_string_erase(g, p - g->str, e - p);
  }
  bad = g_string_free(g, FALSE);
  log = read_rows(bad, &st, &r, NULL);
  assert_int_equal(st, ZT_OK);
  assert_int_equal(r.n, 1);          /* the answer's own row */
  assert_int_equal(r.rejects, 1);
  assert_non_null(strstr(log, "REJECT missing_field"));
  g_free(log);
  g_free(bad);
  g_free(xml);
}

/* The identifications and the reference of an answer row count
 * characters, as the iJw lengths do: 20 characters in two-byte letters
 * are one answer_id, 21 are too long, and so is a niveau whose few
 * characters take more bytes than it is kept in. */
static void test_lengths_in_characters(void **state) {
  zt_refdata *rd;
  zt_pseudonymizer *ps;
  unsigned char key[ZT_KEY_BYTES] = {5, 4, 3};
  zt_validator v;
  zt_answer a;
  zt_reject rej;
  tu_row r;
  char id[64], text[256];
  size_t o = 0;
  (void)state;
  assert_int_equal(zt_refdata_load(&rd, ZT_SOURCE_DIR "/reference", NULL),
                   ZT_OK);
  assert_int_equal(zt_pseudo_open_key(&ps, key, NULL), ZT_OK);
  v = (zt_validator){rd, ps, 0, 0, 0};
  for (int i = 0; i < 20; i++)
    o += (size_t)snprintf(id + o, sizeof id - o, "\xc3\xa5");  /* U+00E5 */
  snprintf(text, sizeof text,
           "0402;12345678;%s;M1;D1;prestatie;R\xc3\xa9\xc3\xa9;20000;D;;;"
           "9307", id);
  assert_int_equal(zt_validate_answer(&v, tu_make_row(&r, ZT_KIND_ANTWOORDEN,
                                                      text, false),
                                      &a, &rej),
                   ZT_OK);
  if (rej.reason != ZT_R_NONE)
    fail_msg("%s", rej.message);
  assert_string_equal(a.answer_id, id);
  assert_string_equal(a.ref, "R\xc3\xa9\xc3\xa9");
  snprintf(text, sizeof text,
           "0402;12345678;%sx;M1;D1;prestatie;R1;20000;D;;;9307", id);
  assert_int_equal(zt_validate_answer(&v, tu_make_row(&r, ZT_KIND_ANTWOORDEN,
                                                      text, false),
                                      &a, &rej),
                   ZT_OK);
  assert_int_equal(rej.reason, ZT_R_FIELD_TOO_LONG);
  assert_non_null(strstr(rej.message, "21 characters, at most 20 allowed"));
  /* niveau: 15 characters fit its 15 bytes only in ASCII */
  snprintf(text, sizeof text, "0402;12345678;A1;M1;D1;%s;R1;20000;D;;;9307",
           "\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac\xe2\x82\xac"
           "\xe2\x82\xac");
  assert_int_equal(zt_validate_answer(&v, tu_make_row(&r, ZT_KIND_ANTWOORDEN,
                                                      text, false),
                                      &a, &rej),
                   ZT_OK);
  assert_int_equal(rej.reason, ZT_R_FIELD_TOO_LONG);
  assert_non_null(strstr(rej.message, "6 characters, but 18 bytes in UTF-8"));
  zt_pseudo_close(ps);
  zt_refdata_free(rd);
}

/* ---- ingest and the snapshot ----------------------------------------- */

typedef tu_env env;

static void env_open(env *e) {
  static const unsigned char key[ZT_KEY_BYTES] = {5, 4, 3};
  tu_env_open(e, "answer", key);
}

#define env_close tu_env_close

/* Ingest one text as file `name`; the run's counts in *run. */
static void put(env *e, const char *name, char *text, zt_ingest_run *run) {
  char *path = tu_write(e->dir, name, text);
  const char *p = path;
  zt_ingest_opts o;
  memset(&o, 0, sizeof o);
  assert_int_equal(zt_ingest_paths(e->s, &e->v, &p, 1, &o, run, NULL),
                   ZT_OK);
  assert_int_equal(run->nfiles, 1);
  g_free(path);
  g_free(text);
}

static void put_quiet(env *e, const char *name, char *text) {
  zt_ingest_run run;
  put(e, name, text, &run);
  assert_int_equal(run.files[0].status, ZT_FILE_INGESTED);
  assert_int_equal(run.total.rejected, 0);
  zt_ingest_run_free(&run);
}

static int64_t total_cents(const zt_snapshot *sn) {
  int64_t t = 0;
  for (size_t i = 0; i < sn->nlines; i++)
    t += sn->lines[i].amount;
  return t;
}

/* The four JW323s of the worked example (EUR 100 an hour):
 *   M1 (D1): R1 client 1 Jan 1 h, R2 client 2 Jan 2 h, R3 client 3 Jan
 *            3 h
 *   M2 (D2): R4 client 2 Jan 2 h -- R2 declared again, new reference
 *   M3 (D3): R5 client 1 Feb 4 h, R6 client 3 Feb 5 h
 *   M4 (D4): R7 client 1 Mar 7 h
 * Together 7 lines, 1+2+3+2+4+5+7 = 24 h = EUR 2.400. */
/* The worked example's four declaration messages, the fourth with the
 * identification `m4id`. */
static void put_declarations_as(env *e, const char *m4id) {
  const dline m1[3] = {{"R1", 1, 1, 1}, {"R2", 2, 1, 2}, {"R3", 3, 1, 3}};
  const dline m2[1] = {{"R4", 2, 1, 2}};
  const dline m3[2] = {{"R5", 1, 2, 4}, {"R6", 3, 2, 5}};
  const dline m4[1] = {{"R7", 1, 3, 7}};
  put_quiet(e, "m1.xml", jw323("M1", "D1", m1, 3));
  put_quiet(e, "m2.xml", jw323("M2", "D2", m2, 1));
  put_quiet(e, "m3.xml", jw323("M3", "D3", m3, 2));
  put_quiet(e, "m4.xml", jw323(m4id, "D4", m4, 1));
}

static void put_declarations(env *e) {
  put_declarations_as(e, "M4");
}

/* Without any answer nothing changes: 7 lines, EUR 2.400, and no
 * answer figures. */
static void test_no_answers(void **state) {
  env e;
  zt_snapshot sn;
  (void)state;
  env_open(&e);
  put_declarations(&e);
  assert_int_equal(zt_snapshot_load(e.s, &sn, NULL), ZT_OK);
  assert_int_equal(sn.nlines, 7);
  assert_int_equal(total_cents(&sn), 240000);
  assert_false(sn.answers.present);
  assert_int_equal(sn.answers.ncodes, 0);
  zt_snapshot_free(&sn);
  env_close(&e);
}

/* The answers of the worked example:
 *   A1 answers M1 and rejects R2 (9307): R2 is not spending; R1, R3
 *      approved;
 *   A2 answers M2 listing nothing (8001): R4, the re-declaration of R2,
 *      is approved -- client 2's January counts once, EUR 200;
 *   A3 answers M3 with 9333 on DeclaratieAntwoord: the message is
 *      rejected whole, R5 and R6 count as not received;
 *   M4 has no answer: R7 counts as before, nog niet beoordeeld.
 * Lines left: R1, R3, R4, R7 = 1+3+2+7 = 13 h = EUR 1.300.
 * Rejected: R2 (9307, EUR 200) + R5, R6 (9333, EUR 400 + 500) = 3 lines,
 * EUR 1.100. Approved: R1, R3, R4 = 3 lines, EUR 600. Open: R7, 1 line,
 * EUR 700. 1.100 + 600 + 700 = 2.400, what was declared. */
static void put_answers(env *e) {
  const tu_aline a1[1] = {{"R2", 2, 20000, "9307"}};
  put_quiet(e, "a1.xml", tu_jw325("A1", "M1", "D1", "0200", "0200", a1, 1));
  put_quiet(e, "a2.xml", tu_jw325("A2", "M2", "D2", "0200", "8001", NULL, 0));
  put_quiet(e, "a3.xml", tu_jw325("A3", "M3", "D3", "0200", "9333", NULL, 0));
}

static void test_answers_snapshot(void **state) {
  env e;
  zt_snapshot sn;
  const zt_answer_stats *as;
  (void)state;
  env_open(&e);
  put_declarations(&e);
  put_answers(&e);
  assert_int_equal(zt_snapshot_load(e.s, &sn, NULL), ZT_OK);
  as = &sn.answers;
  assert_true(as->present);
  assert_int_equal(sn.nlines, 4);
  assert_int_equal(total_cents(&sn), 130000);
  assert_int_equal(as->lines_rejected, 3);
  assert_int_equal(as->cents_rejected, 110000);
  assert_int_equal(as->ncodes, 2);
  assert_string_equal(as->codes[0].code, "9307");
  assert_int_equal(as->codes[0].lines, 1);
  assert_int_equal(as->codes[0].cents, 20000);
  assert_string_equal(as->codes[1].code, "9333");
  assert_int_equal(as->codes[1].lines, 2);
  assert_int_equal(as->codes[1].cents, 90000);
  assert_int_equal(as->lines_approved, 3);
  assert_int_equal(as->cents_approved, 60000);
  assert_int_equal(as->lines_open, 1);
  assert_int_equal(as->cents_open, 70000);
  assert_int_equal(as->cents_rejected + as->cents_approved + as->cents_open,
                   240000);
  /* each rejected line for the completeness triangles: it arrived with
   * its message (5 June) and left with the answer (12 June) */
  {
    zt_day sent, answered;
    int64_t sum = 0;
    assert_int_equal(zt_date_parse("2023-06-05", 10, &sent), 0);
    assert_int_equal(zt_date_parse("2023-06-12", 10, &answered), 0);
    assert_int_equal(sn.nrejections, 3);
    for (size_t i = 0; i < sn.nrejections; i++) {
      assert_int_equal(sn.rejections[i].arrived, sent);
      assert_int_equal(sn.rejections[i].rejected, answered);
      assert_int_equal(sn.rejections[i].gemeente, 402);
      sum += sn.rejections[i].amount;
    }
    assert_int_equal(sum, 110000);
  }
  /* client 2 (bsn seed 2) has one line left: R4, January, EUR 200 */
  {
    int n = 0;
    for (size_t i = 0; i < sn.nlines; i++)
      if (sn.lines[i].amount == 20000)
        n++;
    assert_int_equal(n, 1);
  }
  zt_snapshot_free(&sn);
  env_close(&e);
}

/* As known on 8 June 2023 (the declarations are dated 5 June, the
 * answers 12 June) no answer had arrived: all 7 lines count, EUR 2.400,
 * every one still open; from 12 June the answers apply. */
static void test_answers_as_of(void **state) {
  env e;
  zt_snapshot sn;
  zt_day before, on;
  (void)state;
  env_open(&e);
  put_declarations(&e);
  put_answers(&e);
  assert_int_equal(zt_date_parse("2023-06-08", 10, &before), 0);
  assert_int_equal(zt_date_parse("2023-06-12", 10, &on), 0);
  assert_int_equal(zt_snapshot_load_as_of(e.s, before, &sn, NULL), ZT_OK);
  assert_int_equal(sn.nlines, 7);
  assert_int_equal(total_cents(&sn), 240000);
  assert_int_equal(sn.answers.lines_rejected, 0);
  assert_int_equal(sn.answers.lines_approved, 0);
  assert_int_equal(sn.answers.lines_open, 7);
  assert_int_equal(sn.answers.cents_open, 240000);
  zt_snapshot_free(&sn);
  assert_int_equal(zt_snapshot_load_as_of(e.s, on, &sn, NULL), ZT_OK);
  assert_int_equal(sn.nlines, 4);
  assert_int_equal(total_cents(&sn), 130000);
  assert_int_equal(sn.answers.lines_rejected, 3);
  assert_int_equal(sn.answers.lines_open, 1);
  zt_snapshot_free(&sn);
  env_close(&e);
}

/* An answer that judges no stored line is named: A7 answers a JW323
 * (M7) the store never saw. A8 answers another unknown message (M8) and
 * lists R7, the line of M4, which has no answer of its own: R7 is
 * rejected by it (docs/inputs.md, "a line none of whose declarations has
 * an answer"), so A8 judged a line and is not named. A1 to A3 judge M1 to
 * M3. As known on 8 June no answer had arrived, so none is named. */
static void test_answers_unmatched(void **state) {
  const tu_aline r7[1] = {{"R7", 1, 70000, "9307"}};
  env e;
  zt_snapshot sn;
  zt_day before, answered;
  (void)state;
  env_open(&e);
  put_declarations(&e);
  put_answers(&e);
  assert_int_equal(zt_snapshot_load(e.s, &sn, NULL), ZT_OK);
  assert_int_equal(sn.answers.norphans, 0);
  zt_snapshot_free(&sn);

  put_quiet(&e, "a7.xml", tu_jw325("A7", "M7", "D7", "0200", "8001", NULL, 0));
  put_quiet(&e, "a8.xml", tu_jw325("A8", "M8", "D8", "0200", "0200", r7, 1));
  assert_int_equal(zt_snapshot_load(e.s, &sn, NULL), ZT_OK);
  assert_int_equal(sn.answers.norphans, 1);
  assert_int_equal(sn.answers.orphans[0].agb, 12345678);
  assert_int_equal(sn.answers.orphans[0].gemeente, 402);
  assert_string_equal(sn.answers.orphans[0].decl_id, "M7");
  assert_string_equal(sn.answers.orphans[0].declnr, "D7");
  assert_int_equal(zt_date_parse("2023-06-12", 10, &answered), 0);
  assert_int_equal(sn.answers.orphans[0].day, answered);
  assert_int_equal(sn.answers.lines_open, 0);      /* R7 rejected by A8 */
  assert_int_equal(sn.answers.lines_rejected, 4);
  zt_snapshot_free(&sn);

  assert_int_equal(zt_date_parse("2023-06-08", 10, &before), 0);
  assert_int_equal(zt_snapshot_load_as_of(e.s, before, &sn, NULL), ZT_OK);
  assert_int_equal(sn.answers.norphans, 0);
  zt_snapshot_free(&sn);
  env_close(&e);
}

/* Two snapshots are the same, line by line (the lines are zeroed before
 * they are filled, so their padding compares too). */
static void assert_same_snapshot(const zt_snapshot *a, const zt_snapshot *b) {
  assert_int_equal(a->nlines, b->nlines);
  assert_memory_equal(a->lines, b->lines, a->nlines * sizeof *a->lines);
  assert_int_equal(a->ncredits, b->ncredits);
  if (a->ncredits)
    assert_memory_equal(a->credits, b->credits,
                        a->ncredits * sizeof *a->credits);
  assert_int_equal(a->first_day, b->first_day);
  assert_int_equal(a->last_day, b->last_day);
  assert_int_equal(a->latest_arrival, b->latest_arrival);
  assert_int_equal(a->answers.lines_rejected, b->answers.lines_rejected);
  assert_int_equal(a->answers.cents_rejected, b->answers.cents_rejected);
  assert_int_equal(a->answers.cents_open, b->answers.cents_open);
  assert_int_equal(a->answers.cents_approved, b->answers.cents_approved);
  assert_int_equal(a->answers.ncodes, b->answers.ncodes);
  assert_int_equal(a->nrejections, b->nrejections);
  for (size_t i = 0; i < a->nrejections; i++) {
    assert_int_equal(a->rejections[i].amount, b->rejections[i].amount);
    assert_int_equal(a->rejections[i].begin, b->rejections[i].begin);
    assert_int_equal(a->rejections[i].arrived, b->rejections[i].arrived);
    assert_int_equal(a->rejections[i].rejected, b->rejections[i].rejected);
    assert_int_equal(a->rejections[i].gemeente, b->rejections[i].gemeente);
  }
  for (size_t i = 0; i < a->answers.ncodes; i++) {
    assert_string_equal(a->answers.codes[i].code, b->answers.codes[i].code);
    assert_int_equal(a->answers.codes[i].lines, b->answers.codes[i].lines);
    assert_int_equal(a->answers.codes[i].cents, b->answers.codes[i].cents);
  }
}

/* A store file is read with two connections when it holds enough ids
 * (here: always), the upper half on a thread: the worked example with
 * its answers and a credit gives the same snapshot either way, in full
 * and as known on a day between the files. */
static void test_snapshot_two_readers(void **state) {
  env e;
  zt_snapshot one, two;
  zt_day days[2] = {ZT_DAY_NONE, 0};
  char *path, bsn[10];
  (void)state;
  env_open(&e);
  zt_store_close(e.s);
  path = g_build_filename(e.dir, "zothuis.db", NULL);
  assert_int_equal(zt_store_open(&e.s, path, ZT_STORE_INIT, NULL), ZT_OK);
  put_declarations(&e);
  put_answers(&e);
  tu_bsn(1, bsn);
  put_quiet(&e, "credit.csv",
            g_strdup_printf("aanbieder_agb;gemeente;bsn;toewijzingnummer;"
                            "referentienummer;vorig_referentienummer;"
                            "productcategorie;productcode;begindatum;"
                            "einddatum;volume;eenheid;tarief;bedrag;"
                            "debet_credit\n"
                            "12345678;0402;%s;1001;C7;R7;45;45A01;"
                            "2023-03-01;2023-03-28;7;04;10000;70000;C\n",
                            bsn));
  assert_int_equal(zt_date_parse("2023-06-08", 10, &days[1]), 0);
  for (int k = 0; k < 2; k++) {
    zt_snapshot_split_min(SIZE_MAX);
    assert_int_equal(zt_snapshot_load_as_of(e.s, days[k], &one, NULL),
                     ZT_OK);
    zt_snapshot_split_min(1);
    assert_int_equal(zt_snapshot_load_as_of(e.s, days[k], &two, NULL),
                     ZT_OK);
    assert_same_snapshot(&one, &two);
    assert_int_equal(one.nlines, k == 0 ? 4 : 7);
    assert_int_equal(one.ncredits, k == 0 ? 1 : 0);
    zt_snapshot_free(&one);
    zt_snapshot_free(&two);
  }
  zt_snapshot_split_min(65536);
  g_free(path);
  env_close(&e);
}

/* The dq rows of the worked example, through the metrics: 3 lines, EUR
 * 1.100 rejected, per main retour code; EUR 700 nog niet beoordeeld;
 * EUR 600 approved. Without answers none of these rows exist. */
static void test_answers_indicators(void **state) {
  env e;
  zt_snapshot sn;
  zt_metrics_input mi;
  zt_norm_config nc;
  zt_ind_table *t;
  zt_period per;
  const zt_ind_value *v;
  (void)state;
  env_open(&e);
  put_declarations(&e);
  put_answers(&e);
  assert_int_equal(zt_snapshot_load(e.s, &sn, NULL), ZT_OK);
  zt_norm_config_default(&nc);
  memset(&mi, 0, sizeof mi);
  mi.norm.lines = sn.lines;
  mi.norm.nlines = sn.nlines;
  mi.norm.clients = sn.clients;
  mi.norm.nclients = sn.nclients;
  mi.norm.refdata = e.rd;
  mi.norm.config = &nc;
  mi.dq.answers = &sn.answers;
  mi.suppression = ZT_SUPP_NONE;
  assert_int_equal(zt_period_parse("2023-H1", &per, NULL), ZT_OK);
  t = zt_ind_table_new();
  assert_non_null(t);
  assert_int_equal(zt_metrics_compute(&mi, &per, 1, ZT_DAY_NONE, t, NULL),
                   ZT_OK);
  v = zt_ind_table_find(t, "dq.lines_rejected_by_gemeente", "2023-H1", REG,
                        "");
  assert_non_null(v);
  assert_int_equal(v->num, 3);
  v = zt_ind_table_find(t, "dq.lines_rejected_by_gemeente", "2023-H1", REG,
                        "retourcode=9333");
  assert_non_null(v);
  assert_int_equal(v->num, 2);
  v = zt_ind_table_find(t, "dq.spend_rejected_by_gemeente", "2023-H1", REG,
                        "retourcode=9307");
  assert_non_null(v);
  assert_int_equal(v->num / v->den, 20000);
  v = zt_ind_table_find(t, "dq.spend_not_assessed", "2023-H1", REG, "");
  assert_non_null(v);
  assert_int_equal(v->num / v->den, 70000);
  v = zt_ind_table_find(t, "dq.spend_approved", "2023-H1", REG, "");
  assert_non_null(v);
  assert_int_equal(v->num / v->den, 60000);
  v = zt_ind_table_find(t, "dq.answers_unmatched", "2023-H1", REG, "");
  assert_non_null(v);
  assert_int_equal(v->num, 0);     /* every answer judged its lines */
  zt_ind_table_free(t);
  /* without answers: no rows */
  mi.dq.answers = NULL;
  t = zt_ind_table_new();
  assert_non_null(t);
  assert_int_equal(zt_metrics_compute(&mi, &per, 1, ZT_DAY_NONE, t, NULL),
                   ZT_OK);
  assert_null(zt_ind_table_find(t, "dq.spend_not_assessed", "2023-H1", REG,
                                ""));
  zt_ind_table_free(t);
  zt_snapshot_free(&sn);
  env_close(&e);
}

/* An identical answer again (other bytes, same rows) is a no-op counted
 * as duplicates; a second answer with another identification to the
 * same JW323 is rejected (answer_conflict) and changes nothing. */
static void test_resend_and_conflict(void **state) {
  env e;
  zt_ingest_run run;
  zt_snapshot sn;
  const tu_aline a1[1] = {{"R2", 2, 20000, "9307"}};
  const tu_aline other[1] = {{"R1", 1, 10000, "0611"}};
  char *again;
  (void)state;
  env_open(&e);
  put_declarations(&e);
  put_answers(&e);
  again = tu_jw325("A1", "M1", "D1", "0200", "0200", a1, 1);
  {
    char *spaced = g_strconcat(again, "\n\n", NULL);
    g_free(again);
    again = spaced;
  }
  put(&e, "a1-again.xml", again, &run);
  /* read 2 = accepted 0 + rejected 0 + duplicates 2 */
  assert_int_equal(run.files[0].status, ZT_FILE_INGESTED);
  assert_int_equal(run.total.read, 2);
  assert_int_equal(run.total.accepted, 0);
  assert_int_equal(run.total.duplicates, 2);
  zt_ingest_run_free(&run);
  put(&e, "a1-other.xml",
      tu_jw325("A1B", "M1", "D1", "0200", "0200", other, 1), &run);
  /* read 2 = accepted 0 + rejected 2 + duplicates 0 */
  assert_int_equal(run.total.read, 2);
  assert_int_equal(run.total.rejected, 2);
  assert_int_equal(run.rejected_by_reason[ZT_R_ANSWER_CONFLICT], 2);
  zt_ingest_run_free(&run);
  assert_int_equal(zt_snapshot_load(e.s, &sn, NULL), ZT_OK);
  assert_int_equal(sn.nlines, 4);          /* as in the worked example */
  assert_int_equal(total_cents(&sn), 130000);
  zt_snapshot_free(&sn);
  env_close(&e);
}

/* The canonical CSV gives the same answer rows as the JW325. */
static void test_csv_equals_jw325(void **state) {
  env x, c;
  const tu_aline a1[1] = {{"R2", 2, 20000, "9307"}};
  const char *sql =
      "SELECT group_concat(t, ';') FROM (SELECT gemeente || '|' || agb || "
      "'|' || answer_id || '|' || decl_id || '|' || declaratie_nr || '|' "
      "|| ref || '|' || amount || '|' || credit || '|' || codes AS t FROM "
      "answer_line UNION ALL SELECT gemeente || '|' || agb || '|' || "
      "answer_id || '|' || decl_id || '|' || declaratie_nr || '|' || "
      "submitted || '|' || granted || '|' || codes || '|' || "
      "whole_rejected FROM answer ORDER BY 1)";
  char *a, *b;
  sqlite3_stmt *st;
  (void)state;
  env_open(&x);
  env_open(&c);
  put_quiet(&x, "a1.xml", tu_jw325("A1", "M1", "D1", "0200", "0200", a1, 1));
  put_quiet(&c, "a1.csv",
            g_strdup("gemeente;aanbieder_agb;antwoord_id;declaratie_id;"
                     "declaratienummer;niveau;referentienummer;bedrag;"
                     "debet_credit;toegekend_bedrag;toegekend_debet_credit;"
                     "retourcodes\n"
                     "0402;12345678;A1;M1;D1;prestatie;R2;20000;D;;;9307\n"
                     "0402;12345678;A1;M1;D1;declaratie;;0;D;0;D;"
                     "0200 0200\n"));
  assert_int_equal(sqlite3_prepare_v2(zt_store_db(x.s), sql, -1, &st, NULL),
                   SQLITE_OK);
  assert_int_equal(sqlite3_step(st), SQLITE_ROW);
  a = g_strdup((const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  assert_int_equal(sqlite3_prepare_v2(zt_store_db(c.s), sql, -1, &st, NULL),
                   SQLITE_OK);
  assert_int_equal(sqlite3_step(st), SQLITE_ROW);
  b = g_strdup((const char *)sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  assert_string_equal(a, b);
  assert_non_null(strstr(a, "R2|20000|0|9307"));
  g_free(a);
  g_free(b);
  env_close(&x);
  env_close(&c);
}

/* A header-level refusal (0001, no DeclaratieAntwoord) finds its JW323
 * by the message identification alone: M4's R7 is no longer spending. */
/* The store after the worked example and the answer `a4` refusing the
 * fourth message whole: R1, R3, R4 left, 1 + 3 + 2 h = EUR 600; nothing
 * open. */
static void expect_m4_refused(env *e) {
  zt_snapshot sn;
  assert_int_equal(zt_snapshot_load(e->s, &sn, NULL), ZT_OK);
  assert_int_equal(sn.nlines, 3);
  assert_int_equal(total_cents(&sn), 60000);
  assert_int_equal(sn.answers.lines_open, 0);
  assert_int_equal(sn.answers.lines_rejected, 4);
  zt_snapshot_free(&sn);
}

static void test_header_refusal_by_ident(void **state) {
  env e;
  (void)state;
  env_open(&e);
  put_declarations(&e);
  put_answers(&e);
  put_quiet(&e, "a4.xml", tu_jw325("A4", "M4", NULL, "0001", "", NULL, 0));
  expect_m4_refused(&e);
  env_close(&e);
}

/* Message identifications that could be a BSN (111222333 and 123456782
 * pass the 11-test) are kept as tokens, the JW323's and the JW325's
 * alike, so the answer still finds the message it refuses whole: the
 * figures of the refusal above. */
static void test_bsn_shaped_idents(void **state) {
  env e;
  (void)state;
  env_open(&e);
  put_declarations_as(&e, "111222333");
  put_answers(&e);
  put_quiet(&e, "a4.xml",
            tu_jw325("123456782", "111222333", NULL, "0001", "", NULL, 0));
  assert_int_equal(tu_count(e.s, "SELECT count(*) FROM message_ident "
                                   "WHERE identificatie GLOB '*111222333*'"),
                   0);
  assert_int_equal(tu_count(e.s, "SELECT count(*) FROM answer WHERE "
                                   "answer_id GLOB '*123456782*' OR decl_id "
                                   "GLOB '*111222333*'"),
                   0);
  assert_int_equal(tu_count(e.s, "SELECT count(*) FROM answer a JOIN "
                                   "message_ident m ON m.identificatie = "
                                   "a.decl_id WHERE a.answer_id GLOB '~*'"),
                   1);
  expect_m4_refused(&e);

  /* A store of scrub version 4 kept them as sent: the pass (5) gives
   * them the tokens ingest gives, once, and the answer finds its
   * message again. */
  assert_int_equal(sqlite3_exec(zt_store_db(e.s),
                                "CREATE TEMP TABLE was AS SELECT "
                                "(SELECT identificatie FROM message_ident "
                                "WHERE identificatie GLOB '~*') AS m, "
                                "(SELECT answer_id FROM answer WHERE "
                                "answer_id GLOB '~*') AS a; "
                                "UPDATE message_ident SET identificatie = "
                                "'111222333' WHERE identificatie GLOB '~*'; "
                                "UPDATE answer SET answer_id = '123456782', "
                                "decl_id = '111222333' WHERE answer_id "
                                "GLOB '~*'; UPDATE meta SET value = '4' "
                                "WHERE key = 'bsn_scrub'",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  assert_int_equal(tu_count(e.s, "SELECT count(*) FROM message_ident "
                                   "WHERE identificatie = '111222333'"),
                   1);
  assert_int_equal(zt_store_scrub_bsn(e.s, e.ps, NULL), ZT_OK);
  assert_int_equal(tu_count(e.s, "SELECT count(*) FROM message_ident m, "
                                   "answer a, was w WHERE m.identificatie "
                                   "= w.m AND a.decl_id = w.m AND "
                                   "a.answer_id = w.a"),
                   1);
  assert_int_equal(tu_count(e.s, "SELECT count(*) FROM meta WHERE key = "
                                   "'bsn_scrub' AND value = '6'"),
                   1);
  expect_m4_refused(&e);
  env_close(&e);
}

/* A line from a CSV export that no answer names counts as before, but
 * is not nog niet beoordeeld: R8 (client 4, April, 1 h) joins the
 * worked example's lines, EUR 1.300 + 100; the open figure stays R7. */
static void test_csv_line_outside(void **state) {
  env e;
  zt_snapshot sn;
  char bsn[10];
  (void)state;
  env_open(&e);
  put_declarations(&e);
  put_answers(&e);
  tu_bsn(4, bsn);
  put_quiet(&e, "r8.csv",
            g_strdup_printf(
                "aanbieder_agb;gemeente;bsn;toewijzingnummer;"
                "referentienummer;productcategorie;productcode;begindatum;"
                "einddatum;volume;eenheid;tarief;bedrag;debet_credit\n"
                "12345678;0402;%s;1004;R8;45;45A01;2023-04-01;2023-04-28;"
                "1;04;10000;10000;D\n",
                bsn));
  assert_int_equal(zt_snapshot_load(e.s, &sn, NULL), ZT_OK);
  assert_int_equal(sn.nlines, 5);
  assert_int_equal(total_cents(&sn), 140000);
  assert_int_equal(sn.answers.lines_open, 1);
  assert_int_equal(sn.answers.cents_open, 70000);
  assert_int_equal(sn.answers.lines_outside, 1);
  assert_int_equal(sn.answers.cents_outside, 10000);
  zt_snapshot_free(&sn);
  env_close(&e);
}

/* A store of schema 4 (the flow, before the answers) is upgraded by init
 * to the current version: it gains the (empty) answer tables. (A store
 * of schema 3 is upgraded through both: test_store.c,
 * test_flow_migration.) */
static void test_migration_from_3(void **state) {
  char *dir = tu_tmpdir("answer-v3");
  char *path = g_build_filename(dir, "z.db", NULL);
  zt_store *s;
  zt_err err;
  (void)state;
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_INIT, NULL), ZT_OK);
  assert_int_equal(sqlite3_exec(zt_store_db(s),
                                "DROP TABLE redelivery; "
                                "DROP TABLE answer; DROP TABLE answer_line; "
                                "DROP TABLE message_ident; "
                                "PRAGMA user_version = 4",
                                NULL, NULL, NULL),
                   SQLITE_OK);
  zt_store_close(s);
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_USE, &err),
                   ZT_ERR_USAGE);
  assert_int_equal(zt_store_open(&s, path, ZT_STORE_INIT, NULL), ZT_OK);
  assert_int_equal(zt_store_found_version(s), 4);
  {
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(zt_store_db(s),
                                        "SELECT (SELECT count(*) FROM "
                                        "answer) + (SELECT count(*) FROM "
                                        "answer_line), (SELECT user_version "
                                        "FROM pragma_user_version)",
                                        -1, &st, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 0);
    assert_int_equal(sqlite3_column_int(st, 1), ZT_STORE_SCHEMA_VERSION);
    sqlite3_finalize(st);
  }
  zt_store_close(s);
  tu_rmtree(dir);
  g_free(path);
  g_free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_read_rows),
      cmocka_unit_test(test_read_header_refusal),
      cmocka_unit_test(test_read_line_problems),
      cmocka_unit_test(test_lengths_in_characters),
      cmocka_unit_test(test_no_answers),
      cmocka_unit_test(test_answers_snapshot),
      cmocka_unit_test(test_answers_as_of),
      cmocka_unit_test(test_snapshot_two_readers),
      cmocka_unit_test(test_answers_indicators),
      cmocka_unit_test(test_resend_and_conflict),
      cmocka_unit_test(test_csv_equals_jw325),
      cmocka_unit_test(test_header_refusal_by_ident),
      cmocka_unit_test(test_bsn_shaped_idents),
      cmocka_unit_test(test_csv_line_outside),
      cmocka_unit_test(test_migration_from_3),
      cmocka_unit_test(test_answers_unmatched),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * tests/unit/test_ijw.c -- the iJw XML reader (etl/ijw.c): JW323 and JW301
 * rows and rejects through a recording sink, namespaces by URI (other
 * prefixes, default namespaces, releases 3_0/3_1/3_2), gzip input, the
 * header and totals checks, malformed and hostile files, the reference
 * examples, and sniffing.
 *
 * Expected rows are written out by hand from the files in
 * tests/data/ijw/ (the line numbers are those of the opening Prestatie or
 * ToegewezenProduct tags there). A row is recorded as
 * "line|field0|field1|..." with "~" for an absent field.
 */
#include "testutil.h"

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "etl/ijw.h"

#define DATA ZT_TEST_DATA "/ijw/"

/* The iJw reference examples shipped in reference/ijw/examples. A missing
 * file fails the test. Returns a path to free. */
static char *example(const char *name) {
  char *p = g_build_filename(ZT_SOURCE_DIR, "reference", "ijw", "examples",
                             name, NULL);
  if (!g_file_test(p, G_FILE_TEST_IS_REGULAR))
    fail_msg("%s is missing from the repository", p);
  return p;
}

typedef struct rec {
  GPtrArray *rows, *rejects, *warns;
  int fail_at;        /* make the n-th row call fail (1-based), 0: never */
  int row_calls;
  bool fmt_wrong;     /* a row came without fmt->ijw or with raw text */
} rec;

static zt_status rec_row(void *ctx, const zt_row *row, zt_err *err) {
  rec *r = ctx;
  GString *s = g_string_new(NULL);
  int nf = zt_kind_layout_of(row->kind)->nfields;
  r->row_calls++;
  if (!row->fmt || !row->fmt->ijw || row->fmt->money_euros || row->raw.p)
    r->fmt_wrong = true;
  g_string_append_printf(s, "%ld", row->line);
  for (int k = 0; k < nf; k++) {
    g_string_append_c(s, '|');
    if (row->f[k].p)
      g_string_append_len(s, row->f[k].p, (gssize)row->f[k].n);
    else
      g_string_append_c(s, '~');
  }
  g_ptr_array_add(r->rows, g_string_free(s, FALSE));
  if (r->fail_at && r->row_calls == r->fail_at)
    return zt_fail(err, ZT_ERR_STORE, "store refused");
  return ZT_OK;
}

static zt_status rec_reject(void *ctx, zt_kind kind, long line,
                            zt_reason reason, int field, const char *msg,
                            zt_slice raw, zt_err *err) {
  rec *r = ctx;
  (void)kind;
  (void)err;
  assert_null(raw.p);
  g_ptr_array_add(r->rejects,
                  g_strdup_printf("%ld|%s|%d|%s", line,
                                  zt_reason_code(reason), field, msg));
  return ZT_OK;
}

static void rec_warn(void *ctx, const char *msg) {
  rec *r = ctx;
  g_ptr_array_add(r->warns, g_strdup(msg));
}

static void rec_init(rec *r) {
  memset(r, 0, sizeof *r);
  r->rows = g_ptr_array_new_with_free_func(g_free);
  r->rejects = g_ptr_array_new_with_free_func(g_free);
  r->warns = g_ptr_array_new_with_free_func(g_free);
}

static void rec_free(rec *r) {
  g_ptr_array_free(r->rows, TRUE);
  g_ptr_array_free(r->rejects, TRUE);
  g_ptr_array_free(r->warns, TRUE);
}

static const char *at(GPtrArray *a, guint i) {
  assert_true(i < a->len);
  return g_ptr_array_index(a, i);
}

/* Read `path` with the reader into `r`. */
static zt_status read_path(const char *path, zt_kind want, rec *r,
                           zt_kind *kind, zt_reason *reason, zt_err *err) {
  zt_source *src;
  zt_read_opts opts = {want, NULL};
  zt_rowsink sink = {r, rec_row, rec_reject, rec_warn};
  zt_status st = zt_source_open(&src, path, err);
  assert_int_equal(st, ZT_OK);
  st = zt_ijw_read(src, &opts, &sink, kind, reason, err);
  zt_source_close(src);
  return st;
}

/* A copy of `src_path` in `dir` with every `from` replaced by `to`. */
static char *variant(const char *dir, const char *name, const char *src_path,
                     const char *from, const char *to) {
  char *text = tu_read(src_path, NULL);
  GString *s;
  char *path;
  assert_non_null(text);
  s = g_string_new(text);
  assert_true(g_string_replace(s, from, to, 0) > 0);
  path = tu_write(dir, name, s->str);
  g_string_free(s, TRUE);
  g_free(text);
  return path;
}

static char *gzip_copy(const char *dir, const char *name, const char *src) {
  size_t n;
  char *text = tu_read(src, &n);
  char *path = g_build_filename(dir, name, NULL);
  gzFile gz = gzopen(path, "wb");
  assert_non_null(text);
  assert_non_null(gz);
  assert_int_equal(gzwrite(gz, text, (unsigned)n), (int)n);
  assert_int_equal(gzclose(gz), Z_OK);
  g_free(text);
  return path;
}

static int count(const char *hay, const char *needle) {
  int c = 0;
  for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
    c++;
  return c;
}

/* ---- JW323 ------------------------------------------------------------ */

/* The four lines of jw323_prefixes.xml (prefixes p/q, release 3_1).
 * Field order: AGB, gemeente, BSN, toewijzing, ref, prevref, category,
 * code, begin, end, volume, unit, tariff, amount, D/C, birth, declnr.
 * RN&#45;A1 is RN-A1, RN&amp;B1 is RN&B1, the CDATA code is 45A01, the
 * second BSN is padded with new lines and blanks (trimmed), the last line
 * (unit 83) has no ProductTarief. */
static const char *const prefixes_rows[] = {
    "36|12345678|0402|999900031|20001|RN-A1|~|45|45A01|2026-03-01|"
    "2026-03-31|10|04|6000|60000|D|~|D2026031",
    "56|12345678|0402|999900031|20001|RN-A2|RN-OLD7|45|45A01|2026-02-01|"
    "2026-02-28|2|04|6000|12000|C|~|D2026031",
    "83|12345678|0402|999900043|20002|RN&B1|~|43|43B10|2026-03-01|"
    "2026-03-31|31|14|15000|465000|D|~|D2026031",
    "103|12345678|0402|999900043|20003|RN-B2|~|45|45X|2026-03-10|"
    "2026-03-10|25000|83|~|25000|D|~|D2026031",
};

static void check_prefixes_rows(const rec *r) {
  assert_int_equal(r->rows->len, 4);
  for (guint i = 0; i < 4; i++)
    assert_string_equal(at(r->rows, i), prefixes_rows[i]);
  assert_int_equal(r->rejects->len, 0);
  /* TotaalIngediendBedrag 538000 D = 60000 + 465000 + 25000 (debit)
   * - 12000 (credit): no warning. */
  assert_int_equal(r->warns->len, 0);
  assert_false(r->fmt_wrong);
}

static void test_prefixes_3_1(void **state) {
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  (void)state;
  rec_init(&r);
  assert_int_equal(read_path(DATA "jw323_prefixes.xml", ZT_KIND_AUTO, &r,
                             &kind, &why, &err),
                   ZT_OK);
  assert_int_equal(kind, ZT_KIND_DECLARATIES);
  assert_int_equal(why, ZT_R_NONE);
  check_prefixes_rows(&r);
  rec_free(&r);
}

static void test_default_namespace_3_0(void **state) {
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  (void)state;
  rec_init(&r);
  assert_int_equal(read_path(DATA "jw323_default_ns.xml",
                             ZT_KIND_DECLARATIES, &r, &kind, &why, &err),
                   ZT_OK);
  assert_int_equal(kind, ZT_KIND_DECLARATIES);
  assert_int_equal(r.rows->len, 1);
  /* The period's children redeclare the default namespace as the
   * basisschema one; 120 minutes at 20 cents = 2400 = the total. */
  assert_string_equal(at(r.rows, 0),
                      "37|87654321|0363|999900067|777|DEF-1|~|51|51G01|"
                      "2026-04-07|2026-04-21|120|01|20|2400|D|~|X7");
  assert_int_equal(r.rejects->len, 0);
  assert_int_equal(r.warns->len, 0);
  rec_free(&r);
}

static void test_gzip(void **state) {
  char *dir = tu_tmpdir("ijw");
  char *gz = gzip_copy(dir, "jw323.xml.gz", DATA "jw323_prefixes.xml");
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  (void)state;
  rec_init(&r);
  assert_int_equal(read_path(gz, ZT_KIND_AUTO, &r, &kind, &why, &err),
                   ZT_OK);
  assert_int_equal(kind, ZT_KIND_DECLARATIES);
  check_prefixes_rows(&r);
  rec_free(&r);
  g_free(gz);
  tu_rmtree(dir);
  g_free(dir);
}

/* jw323_structure.xml: one structure problem per Prestatie except S1 and
 * S8. Field numbers: ZT_D_BSN 2, ZT_D_REF 4, ZT_D_CODE 7, ZT_D_UNIT 11. */
static void test_structure_rejects(void **state) {
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  char *text = tu_read(DATA "jw323_structure.xml", NULL);
  (void)state;
  assert_int_equal(ZT_D_BSN, 2);
  assert_int_equal(ZT_D_REF, 4);
  assert_int_equal(ZT_D_CODE, 7);
  assert_int_equal(ZT_D_UNIT, 11);
  rec_init(&r);
  assert_int_equal(read_path(DATA "jw323_structure.xml", ZT_KIND_AUTO, &r,
                             &kind, &why, &err),
                   ZT_OK);
  /* Every Prestatie exactly once, as a row or a reject. */
  assert_int_equal((int)(r.rows->len + r.rejects->len),
                   count(text, "<m:Prestatie>"));
  assert_int_equal(r.rows->len, 2);
  assert_true(g_str_has_prefix(at(r.rows, 0), "22|12345678|0402|999900079|"
                                              "30001|S1|"));
  assert_true(g_str_has_prefix(at(r.rows, 1), "157|12345678|0402|"
                                              "999900079|30001|S8|"));
  assert_int_equal(r.rejects->len, 7);
  assert_true(g_str_has_prefix(at(r.rejects, 0), "41|missing_field|7|"));
  assert_non_null(strstr(at(r.rejects, 0), "ProductCode"));
  /* S3-ABCDEFGHIJKLMNOPQR is 3 + 18 = 21 characters, the maximum 20. */
  assert_true(g_str_has_prefix(at(r.rejects, 1), "60|field_too_long|4|"));
  assert_true(g_str_has_prefix(at(r.rejects, 2), "79|value_invalid|-1|"));
  assert_non_null(strstr(at(r.rejects, 2), "Opmerking"));
  /* Begindatum in the message namespace instead of the basisschema. */
  assert_true(g_str_has_prefix(at(r.rejects, 3), "99|value_invalid|-1|"));
  assert_non_null(strstr(at(r.rejects, 3), "Begindatum"));
  assert_non_null(strstr(at(r.rejects, 3), "jw323"));
  assert_true(g_str_has_prefix(at(r.rejects, 4), "118|value_invalid|11|"));
  assert_non_null(strstr(at(r.rejects, 4), "more than once"));
  /* A ProductCode of blanks only. */
  assert_true(g_str_has_prefix(at(r.rejects, 5), "138|missing_field|7|"));
  /* The second Client has no Bsn. */
  assert_true(g_str_has_prefix(at(r.rejects, 6), "181|missing_field|2|"));
  /* Total 10000 D = seven lines of 1000 + 2000 + 1000, rejected lines
   * included: the file adds up, no warning. */
  assert_int_equal(r.warns->len, 0);
  rec_free(&r);
  g_free(text);
}

/* Prestatie elements where none belong are reported, not lost. */
static void test_misplaced_lines(void **state) {
  char *dir = tu_tmpdir("ijw");
  char *p = variant(dir, "lijst.xml", DATA "jw323_prefixes.xml",
                    "p:Prestaties>", "p:Lijst>");
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  (void)state;
  rec_init(&r);
  assert_int_equal(read_path(p, ZT_KIND_AUTO, &r, &kind, &why, &err), ZT_OK);
  assert_int_equal(r.rows->len, 0);
  assert_int_equal(r.rejects->len, 4);
  assert_true(g_str_has_prefix(at(r.rejects, 0), "36|value_invalid|-1|"));
  assert_true(g_str_has_prefix(at(r.rejects, 3), "103|value_invalid|-1|"));
  /* Nothing read, so the lines add up to 0, not 538000. */
  assert_int_equal(r.warns->len, 1);
  rec_free(&r);
  g_free(p);
  tu_rmtree(dir);
  g_free(dir);
}

/* Read `path` and count what came out: rows, rejects, and the rejects
 * whose message holds `word`. */
static void read_counts(const char *path, int *rows, int *rejects,
                        const char *word, int *with_word) {
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  rec_init(&r);
  assert_int_equal(read_path(path, ZT_KIND_AUTO, &r, &kind, &why, &err),
                   ZT_OK);
  *rows = (int)r.rows->len;
  *rejects = (int)r.rejects->len;
  *with_word = 0;
  for (guint i = 0; i < r.rejects->len; i++)
    if (strstr(at(r.rejects, i), word) &&
        g_str_has_prefix(strchr(at(r.rejects, i), '|'), "|value_invalid|"))
      (*with_word)++;
  rec_free(&r);
}

/* A copy of `src_path` with the start and end tags of `elem` (with the
 * prefix `pfx`) written as `open` and `close`. */
static char *retag(const char *dir, const char *name, const char *src_path,
                   const char *pfx, const char *elem, const char *open,
                   const char *close) {
  char *from_o = g_strdup_printf("<%s:%s>", pfx, elem);
  char *from_c = g_strdup_printf("</%s:%s>", pfx, elem);
  char *a = variant(dir, "tmp.xml", src_path, from_o, open);
  char *b = variant(dir, name, a, from_c, close);
  g_free(from_o);
  g_free(from_c);
  g_free(a);
  return b;
}

/*
 * A line element the reader does not take for the message's own -- in no
 * namespace, in another namespace, in another letter case, or the line
 * element of another message (a StopProduct in a JW305) -- is read as a
 * line and rejected, never silently dropped: for every message the
 * reader knows, each such line is one value_invalid reject, so that the
 * file's lines still add up (read = accepted + rejected + duplicates).
 */
static void test_line_variants(void **state) {
  static const struct {
    const char *file, *pfx, *line, *other;
    int nlines;
  } ex[] = {
      {"JW323.xml", "jw323", "Prestatie", "StartProduct", 5},
      {"JW301.xml", "jw301", "ToegewezenProduct", "AangevraagdProduct", 2},
      {"JW315.xml", "jw315", "AangevraagdProduct", "ToegewezenProduct", 2},
      {"JW305.xml", "jw305", "StartProduct", "StopProduct", 2},
      {"JW307.xml", "jw307", "StopProduct", "StartProduct", 2},
      {"JW325.xml", "jw325", "Prestatie", "StopProduct", 3},
  };
  char *dir = tu_tmpdir("ijw");
  (void)state;
  for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
    char *src = example(ex[i].file);
    char *lower = g_ascii_strdown(ex[i].line, -1);
    char *o[4], *c[4], *p;
    int rows0, rej0, w0, rows, rej, w;
    read_counts(src, &rows0, &rej0, "not read", &w0);
    assert_int_equal(w0, 0);
    /* the same name in lower case, in the message's namespace */
    o[0] = g_strdup_printf("<%s:%s>", ex[i].pfx, lower);
    c[0] = g_strdup_printf("</%s:%s>", ex[i].pfx, lower);
    /* no namespace */
    o[1] = g_strdup_printf("<%s xmlns=\"\">", ex[i].line);
    c[1] = g_strdup_printf("</%s>", ex[i].line);
    /* another namespace: the basisschema's */
    o[2] = g_strdup_printf("<ijw:%s>", ex[i].line);
    c[2] = g_strdup_printf("</ijw:%s>", ex[i].line);
    /* another message's line element, in this message's namespace */
    o[3] = g_strdup_printf("<%s:%s>", ex[i].pfx, ex[i].other);
    c[3] = g_strdup_printf("</%s:%s>", ex[i].pfx, ex[i].other);
    for (int k = 0; k < 4; k++) {
      p = retag(dir, "v.xml", src, ex[i].pfx, ex[i].line, o[k], c[k]);
      read_counts(p, &rows, &rej, "not read", &w);
      if (w != ex[i].nlines || rows + rej != rows0 + rej0)
        fail_msg("%s, variant %s: %d rows + %d rejects (%d not read), "
                 "want %d lines not read of %d", ex[i].file, o[k], rows,
                 rej, w, ex[i].nlines, rows0 + rej0);
      g_free(p);
      g_free(o[k]);
      g_free(c[k]);
    }
    g_free(lower);
    g_free(src);
  }
  tu_rmtree(dir);
  g_free(dir);
}

/* The demo's JW323 (a default namespace) with its lists taken out of
 * the namespace, and with its line elements in lower case: each line is
 * a reject naming what is wrong. */
static void test_line_variants_default_ns(void **state) {
  char *dir = tu_tmpdir("ijw");
  const char *demo = ZT_SOURCE_DIR "/fixtures/samples/demo-jw323.xml";
  char *p, *q;
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  (void)state;
  p = variant(dir, "ns.xml", demo, "<Prestaties>", "<Prestaties xmlns=\"\">");
  rec_init(&r);
  assert_int_equal(read_path(p, ZT_KIND_AUTO, &r, &kind, &why, &err), ZT_OK);
  assert_int_equal(r.rows->len, 0);
  assert_int_equal(r.rejects->len, 10);
  assert_non_null(strstr(at(r.rejects, 0),
                         "|value_invalid|-1|Prestatie in no namespace, not "
                         "in the JW323 namespace: not read"));
  rec_free(&r);
  q = variant(dir, "lc1.xml", demo, "<Prestatie>", "<prestatie>");
  g_free(p);
  p = variant(dir, "lc.xml", q, "</Prestatie>", "</prestatie>");
  rec_init(&r);
  assert_int_equal(read_path(p, ZT_KIND_AUTO, &r, &kind, &why, &err), ZT_OK);
  assert_int_equal(r.rows->len, 0);
  assert_int_equal(r.rejects->len, 10);
  assert_non_null(strstr(at(r.rejects, 0),
                         "|value_invalid|-1|'prestatie' is not Prestatie "
                         "(element names are case-sensitive): not read"));
  rec_free(&r);
  g_free(p);
  g_free(q);
  tu_rmtree(dir);
  g_free(dir);
}

/* A JW325 whose DeclaratieAntwoord the reader does not take (in no
 * namespace, its name in lower case, or a second one): the answer's row
 * is not made from the header alone (its codes and totals are in the
 * DeclaratieAntwoord; a stored half answer would also turn the corrected
 * resend into an answer_conflict), but rejected, and every line is
 * still counted. */
static void test_answer_unread(void **state) {
  char *dir = tu_tmpdir("ijw");
  char *src = example("JW325.xml");
  char *p, *q, *body;
  const char *da_open = "<jw325:DeclaratieAntwoord>";
  int rows0, rej0, w0, rows, rej, w;
  (void)state;
  read_counts(src, &rows0, &rej0, "not read", &w0);
  assert_int_equal(rows0, 4);
  assert_int_equal(rej0, 0);
  {
    /* in no namespace; its name in lower case */
    static const char *const tags[2][3] = {
        {"ns.xml", "<DeclaratieAntwoord xmlns=\"\">",
         "</DeclaratieAntwoord>"},
        {"lc.xml", "<jw325:declaratieAntwoord>",
         "</jw325:declaratieAntwoord>"}};
    for (int i = 0; i < 2; i++) {
      p = retag(dir, tags[i][0], src, "jw325", "DeclaratieAntwoord",
                tags[i][1], tags[i][2]);
      read_counts(p, &rows, &rej, "the answer is not read", &w);
      assert_int_equal(rows, 0);
      assert_int_equal(rej, 4);
      assert_int_equal(w, 1);
      g_free(p);
    }
  }
  /* the whole DeclaratieAntwoord twice: the second is a reject, and so
   * is each of its lines */
  {
    char *text = tu_read(src, NULL), *a, *b;
    assert_non_null(text);
    a = strstr(text, da_open);
    b = strstr(text, "</jw325:DeclaratieAntwoord>");
    assert_non_null(a);
    assert_non_null(b);
    b += strlen("</jw325:DeclaratieAntwoord>");
    body = g_strndup(a, (gsize)(b - a));
    g_free(text);
  }
  q = g_strconcat(body, "</jw325:Bericht>", NULL);
  p = variant(dir, "two.xml", src, "</jw325:Bericht>", q);
  read_counts(p, &rows, &rej, "a second DeclaratieAntwoord: not read", &w);
  assert_int_equal(rows, 4);
  assert_int_equal(rej, 4);
  assert_int_equal(w, 1);
  g_free(body);
  g_free(p);
  g_free(q);
  g_free(src);
  tu_rmtree(dir);
  g_free(dir);
}

/* Every reject of `r` as "reason|field" joined by blanks. */
static char *reject_kinds(const rec *r) {
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < r->rejects->len; i++) {
    const char *x = strchr(at(r->rejects, i), '|') + 1;
    const char *y = strchr(strchr(x, '|') + 1, '|');
    g_string_append_printf(s, "%s%.*s", i ? " " : "", (int)(y - x), x);
  }
  return g_string_free(s, FALSE);
}

/* JW325 retour codes are judged one by one (4 digits or capitals, at
 * most 12 a row) and never cut to fit: a line with a code of 70
 * characters, or 13 codes, is one reject (field_too_long, the code's
 * place named, its digits masked) and the other rows stay; 12 codes are
 * read. A code of the answer itself, or another problem of the
 * answer's own row (a TotaalToegekendBedrag that is no amount), rejects
 * the answer and every line of it: no answer is stored in part. */
static void test_answer_codes(void **state) {
  char *dir = tu_tmpdir("ijw");
  char *src = example("JW325.xml");
  const char *c9340 = "<jw325:RetourCode>9340</jw325:RetourCode>";
  GString *many = g_string_new(NULL);
  char *p, *kinds, *longc;
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  (void)state;
  longc = g_strdup_printf("<jw325:RetourCode>9340%s</jw325:RetourCode>",
                          "999900018999900018999900018999900018999900018"
                          "999900018");
  /* a line's code of 70 characters */
  p = variant(dir, "long.xml", src, c9340, longc);
  rec_init(&r);
  assert_int_equal(read_path(p, ZT_KIND_AUTO, &r, &kind, &why, &err),
                   ZT_OK);
  assert_int_equal(r.rows->len, 3);
  assert_int_equal(r.rejects->len, 1);
  kinds = reject_kinds(&r);
  assert_string_equal(kinds, "field_too_long|11");
  g_free(kinds);
  assert_non_null(strstr(at(r.rejects, 0), "|Prestatie/RetourCodes/"
                         "RetourCode 2 is longer than 4 characters ('93"));
  assert_null(strstr(at(r.rejects, 0), "999900018"));
  assert_non_null(strstr(at(r.rows, 0), "|RN001|"));
  rec_free(&r);
  g_free(p);

  /* 12 codes on a line (9339, ten 9340, 9341): read, all of them; 13:
   * rejected */
  for (int i = 0; i < 10; i++)
    g_string_append(many, c9340);
  p = variant(dir, "12.xml", src, c9340, many->str);
  rec_init(&r);
  assert_int_equal(read_path(p, ZT_KIND_AUTO, &r, &kind, &why, &err),
                   ZT_OK);
  assert_int_equal(r.rows->len, 4);
  assert_int_equal(r.rejects->len, 0);
  assert_non_null(strstr(at(r.rows, 1), "|9339 9340 9340 9340 9340 9340 "
                         "9340 9340 9340 9340 9340 9341"));
  rec_free(&r);
  g_free(p);
  g_string_append(many, c9340);
  p = variant(dir, "13.xml", src, c9340, many->str);
  rec_init(&r);
  assert_int_equal(read_path(p, ZT_KIND_AUTO, &r, &kind, &why, &err),
                   ZT_OK);
  assert_int_equal(r.rows->len, 3);
  assert_int_equal(r.rejects->len, 1);
  assert_non_null(strstr(at(r.rejects, 0), "|field_too_long|11|more than "
                         "12 retour codes (Prestatie/RetourCodes/"
                         "RetourCode 13)"));
  rec_free(&r);
  g_free(p);

  /* the answer's own code (in a second RetourCodes of the
   * DeclaratieAntwoord): the answer and its 3 lines are rejected */
  p = variant(dir, "da.xml", src, "</jw325:DeclaratieAntwoord>",
              "<jw325:RetourCodes><jw325:RetourCode>02000</jw325:RetourCode>"
              "</jw325:RetourCodes></jw325:DeclaratieAntwoord>");
  rec_init(&r);
  assert_int_equal(read_path(p, ZT_KIND_AUTO, &r, &kind, &why, &err),
                   ZT_OK);
  assert_int_equal(r.rows->len, 0);
  kinds = reject_kinds(&r);
  assert_string_equal(kinds, "field_too_long|-1 field_too_long|-1 "
                             "field_too_long|-1 field_too_long|11");
  g_free(kinds);
  assert_non_null(strstr(at(r.rejects, 0), "|not used: the answer's own "
                         "row (line 132) is rejected: DeclaratieAntwoord/"
                         "RetourCodes/RetourCode 1 is longer than 4 "
                         "characters ('02000')"));
  rec_free(&r);
  g_free(p);

  /* a granted total that is no amount: the same, amount_invalid */
  p = variant(dir, "total.xml", src, "<ijw:TotaalBedrag>34000<",
              "<ijw:TotaalBedrag>34,00<");
  rec_init(&r);
  assert_int_equal(read_path(p, ZT_KIND_AUTO, &r, &kind, &why, &err),
                   ZT_OK);
  assert_int_equal(r.rows->len, 0);
  kinds = reject_kinds(&r);
  assert_string_equal(kinds, "amount_invalid|-1 amount_invalid|-1 "
                             "amount_invalid|-1 amount_invalid|9");
  g_free(kinds);
  rec_free(&r);
  g_free(p);

  g_string_free(many, TRUE);
  g_free(longc);
  g_free(src);
  tu_rmtree(dir);
  g_free(dir);
}

/* A line element inside a line, where the reader skips (a
 * ToegewezenProduct in Commentaar, a Prestatie in another's
 * ProductPeriode): the line around it is rejected with the reason. */
static void test_nested_line(void **state) {
  char *dir = tu_tmpdir("ijw");
  char *src = example("JW301.xml");
  char *p = variant(dir, "n.xml", src, "<jw301:ToewijzingNummer>",
                    "<jw301:Commentaar><jw301:ToegewezenProduct/>"
                    "</jw301:Commentaar><jw301:ToewijzingNummer>");
  int rows, rej, w;
  (void)state;
  read_counts(p, &rows, &rej, "a ToegewezenProduct inside a "
              "ToegewezenProduct: not read", &w);
  assert_int_equal(rows, 0);
  assert_int_equal(rej, 2);
  assert_int_equal(w, 2);
  g_free(p);
  g_free(src);
  src = example("JW325.xml");
  p = variant(dir, "n.xml", src, "<jw325:ProductPeriode>",
              "<jw325:ProductPeriode><Prestatie xmlns=\"\"/>");
  {
    int rows0, rej0, w0;
    read_counts(src, &rows0, &rej0, "inside a Prestatie: not read", &w0);
    read_counts(p, &rows, &rej, "Prestatie in no namespace, not in the "
                "JW325 namespace, inside a Prestatie: not read", &w);
    assert_int_equal(w0, 0);
    assert_int_equal(w, 3);
    assert_int_equal(rows + rej, rows0 + rej0);
  }
  g_free(p);
  g_free(src);
  tu_rmtree(dir);
  g_free(dir);
}

static void test_totals_mismatch_warns(void **state) {
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  (void)state;
  rec_init(&r);
  assert_int_equal(read_path(DATA "jw323_totals.xml", ZT_KIND_AUTO, &r,
                             &kind, &why, &err),
                   ZT_OK);
  assert_int_equal(r.rows->len, 2);
  /* The credit line keeps its VorigReferentieNummer. */
  assert_non_null(strstr(at(r.rows, 1), "|T-2|T-0|"));
  assert_non_null(strstr(at(r.rows, 1), "|1500|C|"));
  assert_int_equal(r.warns->len, 1);
  /* Header 4000 D; lines 5000 D - 1500 C = 3500 D. */
  assert_non_null(strstr(at(r.warns, 0), "4000"));
  assert_non_null(strstr(at(r.warns, 0), "3500"));
  rec_free(&r);
}

static void expect_header_invalid(const char *path, const char *word) {
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  rec_init(&r);
  assert_int_equal(read_path(path, ZT_KIND_AUTO, &r, &kind, &why, &err),
                   ZT_ERR_INPUT);
  assert_int_equal(why, ZT_R_HEADER_INVALID);
  assert_non_null(strstr(err.msg, word));
  assert_non_null(strstr(err.msg, path));
  assert_int_equal(r.rows->len, 0);
  rec_free(&r);
}

static void test_header_invalid(void **state) {
  char *dir = tu_tmpdir("ijw");
  const char *src = DATA "jw323_prefixes.xml";
  char *p;
  (void)state;
  p = variant(dir, "code.xml", src, ">490<", ">491<");
  expect_header_invalid(p, "BerichtCode");
  g_free(p);
  p = variant(dir, "agb.xml", src, ">12345678<", ">1234567<");
  expect_header_invalid(p, "Afzender");
  g_free(p);
  p = variant(dir, "gem.xml", src, ">0402<", ">402<");
  expect_header_invalid(p, "Ontvanger");
  g_free(p);
  p = variant(dir, "nohdr.xml", src, "p:Header>", "p:Kop>");
  expect_header_invalid(p, "no Header");
  g_free(p);
  /* JW301: Afzender is the municipality, Ontvanger the provider. */
  p = variant(dir, "301.xml", DATA "jw301_prefixes.xml", ">0402<",
              ">12345678<");
  expect_header_invalid(p, "Afzender");
  g_free(p);
  tu_rmtree(dir);
  g_free(dir);
}

/* ---- malformed and hostile files --------------------------------------- */

static void expect_malformed(const char *path, const char *word,
                             rec *r_out) {
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  rec_init(&r);
  assert_int_equal(read_path(path, ZT_KIND_AUTO, &r, &kind, &why, &err),
                   ZT_ERR_INPUT);
  assert_int_equal(why, ZT_R_XML_MALFORMED);
  if (word && !strstr(err.msg, word))
    fail_msg("'%s' not in: %s", word, err.msg);
  /* Nothing from /etc/passwd anywhere. */
  assert_null(strstr(err.msg, "root:"));
  for (guint i = 0; i < r.rows->len; i++)
    assert_null(strstr(at(r.rows, i), "root:"));
  for (guint i = 0; i < r.rejects->len; i++)
    assert_null(strstr(at(r.rejects, i), "root:"));
  if (r_out)
    *r_out = r;
  else
    rec_free(&r);
}

static void test_malformed(void **state) {
  char *dir = tu_tmpdir("ijw");
  char *text, *p;
  size_t n;
  rec r;
  (void)state;
  /* Broken on line 34 after one good Prestatie: that row came out and is
   * the caller's to roll back. */
  expect_malformed(DATA "jw323_malformed.xml", "line 34", &r);
  assert_int_equal(r.rows->len, 1);
  rec_free(&r);
  p = tu_write(dir, "text.xml", "<not closed");
  expect_malformed(p, "line 1", NULL);
  g_free(p);
  p = tu_write(dir, "empty.xml", "");
  expect_malformed(p, NULL, NULL);
  g_free(p);
  /* Cut in the middle of the document. */
  text = tu_read(DATA "jw323_prefixes.xml", &n);
  p = tu_write_bytes(dir, "cut.xml", text, n / 2);
  expect_malformed(p, NULL, NULL);
  g_free(p);
  g_free(text);
  /* An undeclared namespace prefix. */
  p = tu_write(dir, "ns.xml",
               "<x:Bericht xmlns:x=\"http://www.istandaarden.nl/ijw/3_2/"
               "jw323/schema\"><y:Header/></x:Bericht>");
  expect_malformed(p, "prefix y", NULL);
  g_free(p);
  tu_rmtree(dir);
  g_free(dir);
}

/* A message whose XML declaration names an encoding other than UTF-8
 * (or US-ASCII) is refused whole before the parser reads it, the
 * encoding named: UTF-7 could hide a line from every byte-level check
 * ("+ADw-" is '<'). No line comes out of it. */
static void test_declared_encoding(void **state) {
  static const char *const refused[] = {"UTF-7", "utf-7", "ISO-8859-1",
                                        "windows-1252", "UTF-16"};
  static const char *const read[] = {"utf-8", "UTF8", "US-ASCII"};
  char *dir = tu_tmpdir("ijw-enc");
  (void)state;
  for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
    char to[64], word[64];
    char *p;
    rec r;
    snprintf(to, sizeof to, "encoding=\"%s\"", refused[i]);
    snprintf(word, sizeof word, "encoding '%s'", refused[i]);
    p = variant(dir, "enc.xml", DATA "jw323_prefixes.xml",
                "encoding=\"UTF-8\"", to);
    expect_malformed(p, word, &r);
    assert_int_equal(r.rows->len, 0);
    assert_int_equal(r.rejects->len, 0);
    rec_free(&r);
    g_free(p);
  }
  for (size_t i = 0; i < sizeof read / sizeof read[0]; i++) {
    char to[64];
    char *p;
    rec r;
    zt_kind kind;
    zt_reason why;
    snprintf(to, sizeof to, "encoding=\"%s\"", read[i]);
    p = variant(dir, "enc.xml", DATA "jw323_prefixes.xml",
                "encoding=\"UTF-8\"", to);
    rec_init(&r);
    assert_int_equal(read_path(p, ZT_KIND_AUTO, &r, &kind, &why, NULL),
                     ZT_OK);
    check_prefixes_rows(&r);
    rec_free(&r);
    g_free(p);
  }
  tu_rmtree(dir);
  g_free(dir);
}

#define ROOT323                                                         \
  "<jw323:Bericht xmlns:jw323=\"http://www.istandaarden.nl/ijw/3_2/"    \
  "jw323/schema\">"

static void test_hostile(void **state) {
  char *dir = tu_tmpdir("ijw");
  GString *s;
  char *p;
  (void)state;
  expect_malformed(DATA "xxe.xml", "DTD not allowed", NULL);
  expect_malformed(DATA "billion_laughs.xml", "DTD not allowed", NULL);
  expect_malformed(DATA "dtd_external.xml", "DTD not allowed", NULL);

  /* 100000 nested elements: refused at level 33. */
  s = g_string_new(ROOT323);
  for (int i = 0; i < 100000; i++)
    g_string_append(s, "<a>");
  p = tu_write_bytes(dir, "deep.xml", s->str, s->len);
  expect_malformed(p, "deeper than 32", NULL);
  g_free(p);
  g_string_free(s, TRUE);

  /* A 10 MB text node. */
  s = g_string_new(ROOT323 "<jw323:Header><jw323:BerichtCode>");
  for (int i = 0; i < 10 * 1024 * 1024 / 64; i++)
    g_string_append(s, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                       "xxxxxxxxx\n");
  g_string_append(s, "</jw323:BerichtCode></jw323:Header></jw323:Bericht>");
  p = tu_write_bytes(dir, "big.xml", s->str, s->len);
  expect_malformed(p, "text longer than 4096", NULL);
  g_free(p);
  g_string_free(s, TRUE);

  /* A 100 kB attribute value. */
  s = g_string_new("<jw323:Bericht xmlns:jw323=\"http://www.istandaarden.nl/"
                   "ijw/3_2/jw323/schema\" a=\"");
  for (int i = 0; i < 100000; i++)
    g_string_append_c(s, 'y');
  g_string_append(s, "\"/>");
  p = tu_write_bytes(dir, "attr.xml", s->str, s->len);
  expect_malformed(p, "attribute", NULL);
  g_free(p);
  g_string_free(s, TRUE);

  /* 400,000 attributes on one element (libxml2 compares them pairwise):
   * refused before the parser sees the tag, also when '>' stands in the
   * values. */
  s = g_string_new(ROOT323 "<!-- a=1 b=2 > --><e ");
  for (int i = 0; i < 400000; i++)
    g_string_append_printf(s, "a%d='>' ", i);
  g_string_append(s, "/></jw323:Bericht>");
  p = tu_write_bytes(dir, "attrs.xml", s->str, s->len);
  expect_malformed(p, "more than 1024 attributes", NULL);
  g_free(p);
  g_string_free(s, TRUE);
  /* 1,000 attributes are allowed (the file fails later, for its header),
   * and so are many '=' in separate elements */
  s = g_string_new(ROOT323);
  for (int i = 0; i < 2000; i++)
    g_string_append(s, "<f x=\"=\"/>");
  g_string_append(s, "<e ");
  for (int i = 0; i < 1000; i++)
    g_string_append_printf(s, "a%d=\"1\" ", i);
  g_string_append(s, "/></jw323:Bericht>");
  p = tu_write_bytes(dir, "attrs1000.xml", s->str, s->len);
  {
    rec r;
    zt_kind kind;
    zt_reason why;
    zt_err err;
    rec_init(&r);
    assert_int_equal(read_path(p, ZT_KIND_AUTO, &r, &kind, &why, &err),
                     ZT_ERR_INPUT);
    assert_null(strstr(err.msg, "attributes"));
    rec_free(&r);
  }
  g_free(p);
  g_string_free(s, TRUE);
  tu_rmtree(dir);
  g_free(dir);
}

static void expect_kind_unknown(const char *path, zt_kind want,
                                const char *word) {
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  rec_init(&r);
  assert_int_equal(read_path(path, want, &r, &kind, &why, &err),
                   ZT_ERR_INPUT);
  assert_int_equal(why, ZT_R_XML_KIND_UNKNOWN);
  if (!strstr(err.msg, word))
    fail_msg("'%s' not in: %s", word, err.msg);
  assert_int_equal(r.rows->len + r.rejects->len, 0);
  rec_free(&r);
}

static void test_kind_unknown(void **state) {
  char *dir = tu_tmpdir("ijw");
  char *p;
  (void)state;
  p = example("JW316.xml");
  expect_kind_unknown(p, ZT_KIND_AUTO, "JW316");
  g_free(p);
  p = tu_write(dir, "html.xml",
               "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>");
  expect_kind_unknown(p, ZT_KIND_AUTO, "http://www.w3.org/1999/xhtml");
  g_free(p);
  p = tu_write(dir, "nons.xml", "<Bericht><Header/></Bericht>");
  expect_kind_unknown(p, ZT_KIND_AUTO, "no namespace");
  g_free(p);
  /* A release without digits is not an iJw namespace. */
  p = tu_write(dir, "rel.xml",
               "<Bericht xmlns=\"http://www.istandaarden.nl/ijw/3_/jw323/"
               "schema\"/>");
  expect_kind_unknown(p, ZT_KIND_AUTO, "not an iJw");
  g_free(p);
  /* A JW301 when declarations were asked for. */
  expect_kind_unknown(DATA "jw301_prefixes.xml", ZT_KIND_DECLARATIES,
                      "JW301");
  /* A message that is no row of the reader's table (here a JW302 shaped
   * like a JW301) is refused, never read as another message. */
  p = tu_write(dir, "jw302.xml",
               "<Bericht xmlns=\"http://www.istandaarden.nl/ijw/3_2/jw302/"
               "schema\"><Header><BerichtCode>414</BerichtCode></Header>"
               "<Client><ToegewezenProducten><ToegewezenProduct/>"
               "</ToegewezenProducten></Client></Bericht>");
  expect_kind_unknown(p, ZT_KIND_AUTO,
                      "an iJw JW302 message (root element 'Bericht'), not "
                      "a JW323 declaration, a JW301 assignment, a JW325 "
                      "declaration answer, a JW315 request for assignment, "
                      "a JW305 start of care or a JW307 stop of care");
  g_free(p);
  tu_rmtree(dir);
  g_free(dir);
}

/* ---- JW301 ------------------------------------------------------------ */

/* Field order: gemeente, AGB, BSN, birth, birth use, gender, toewijzing,
 * category, code, begin, end, reason. ZT_A_CATEGORY is field 7. */
static void test_jw301(void **state) {
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  (void)state;
  assert_int_equal(ZT_A_CATEGORY, 7);
  rec_init(&r);
  assert_int_equal(read_path(DATA "jw301_prefixes.xml", ZT_KIND_AUTO, &r,
                             &kind, &why, &err),
                   ZT_OK);
  assert_int_equal(kind, ZT_KIND_TOEWIJZINGEN);
  assert_int_equal(r.rows->len, 3);
  /* The relation's 1971-04-07 and gender 1 are not the client's. */
  assert_string_equal(at(r.rows, 0),
                      "62|0402|12345678|999900055|2012-06-01|1|2|300301|45|"
                      "45A01|2026-01-01|2026-06-30|~|REF-1|2026-01-05");
  assert_string_equal(at(r.rows, 1),
                      "79|0402|12345678|999900055|2012-06-01|1|2|300302|43|"
                      "~|2026-02-01|~|04|~|2026-01-05");
  assert_string_equal(at(r.rows, 2),
                      "90|0402|12345678|999900055|2012-06-01|1|2|300303|~|"
                      "~|2026-03-01|2026-03-31|13|~|2026-01-05");
  assert_int_equal(r.rejects->len, 1);
  assert_true(g_str_has_prefix(at(r.rejects, 0), "99|missing_field|7|"));
  assert_int_equal(r.warns->len, 0);
  assert_false(r.fmt_wrong);
  rec_free(&r);
}

/* ---- the reference examples ------------------------------------------- */

static void test_reference_examples(void **state) {
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  (void)state;
  char *p = example("JW323.xml");
  rec_init(&r);
  assert_int_equal(read_path(p, ZT_KIND_AUTO, &r, &kind, &why, &err), ZT_OK);
  g_free(p);
  assert_int_equal(kind, ZT_KIND_DECLARATIES);
  assert_int_equal(r.rows->len, 5);
  assert_int_equal(r.rejects->len, 0);
  assert_string_equal(at(r.rows, 0),
                      "33|65656055|0384|999900006|10072|RN001|~|45|45A03|"
                      "2026-04-01|2026-04-30|4|04|1250|5000|D|~|DN001");
  /* RN004 twice (lines 95 and 114): both come out; the store finds the
   * duplicate. */
  assert_true(g_str_has_prefix(at(r.rows, 3),
                               "95|65656055|0384|999900018|10073|RN004|"));
  assert_true(g_str_has_prefix(at(r.rows, 4),
                               "114|65656055|0384|999900018|10073|RN004|"));
  /* 79000 D = 5000 + 24000 + 5000 + 24000 + 21000. */
  assert_int_equal(r.warns->len, 0);
  rec_free(&r);

  p = example("JW301.xml");
  rec_init(&r);
  assert_int_equal(read_path(p, ZT_KIND_AUTO, &r, &kind, &why, &err), ZT_OK);
  g_free(p);
  assert_int_equal(kind, ZT_KIND_TOEWIJZINGEN);
  assert_int_equal(r.rows->len, 2);
  assert_int_equal(r.rejects->len, 0);
  assert_string_equal(at(r.rows, 0),
                      "170|0384|42420001|999900006|2010-02-14|~|1|300201|55|"
                      "55A11|2026-04-01|2026-07-14|~|40A12341234|"
                      "2026-04-01");
  assert_string_equal(at(r.rows, 1),
                      "188|0384|42420001|999900006|2010-02-14|~|1|300202|55|"
                      "55A12|2026-04-01|2026-07-19|~|40A12341235|"
                      "2026-04-01");
  rec_free(&r);
}

/* ---- a file larger than one source chunk ------------------------------ */

static void test_many_lines_across_chunks(void **state) {
  char *dir = tu_tmpdir("ijw");
  GString *s = g_string_new(NULL);
  char *p, *gz;
  const int nlines = 3000;
  (void)state;
  g_string_append(s,
                  "<?xml version=\"1.0\"?>\n"
                  "<a:Bericht xmlns:a=\"http://www.istandaarden.nl/ijw/3_2/"
                  "jw323/schema\" xmlns:b=\"http://www.istandaarden.nl/ijw/"
                  "3_2/basisschema/schema\">\n<a:Header><a:BerichtCode>490"
                  "</a:BerichtCode><a:Afzender>12345678</a:Afzender>"
                  "<a:Ontvanger>0402</a:Ontvanger></a:Header>\n"
                  "<a:Declaratie><a:TotaalIngediendBedrag><b:TotaalBedrag>");
  /* Lines 0..2999 claim 100 + i cents each: 3000 * 100 + (0 + ... +
   * 2999) = 300000 + 2999 * 3000 / 2 = 300000 + 4498500 = 4798500. */
  g_string_append(s, "4798500</b:TotaalBedrag><b:DebetCredit>D"
                     "</b:DebetCredit></a:TotaalIngediendBedrag>\n"
                     "<a:Clienten><a:Client><a:Bsn>999900110</a:Bsn>"
                     "<a:Prestaties>\n");
  for (int i = 0; i < nlines; i++)
    g_string_append_printf(
        s,
        "<a:Prestatie><a:ProductReferentie><b:ReferentieNummer>R%d"
        "</b:ReferentieNummer></a:ProductReferentie><a:ToewijzingNummer>%d"
        "</a:ToewijzingNummer><a:ProductCategorie>45</a:ProductCategorie>"
        "<a:ProductCode>45A01</a:ProductCode><a:ProductPeriode><b:Begindatum>"
        "2026-03-01</b:Begindatum><b:Einddatum>2026-03-31</b:Einddatum>"
        "</a:ProductPeriode><a:GeleverdVolume>%d</a:GeleverdVolume>"
        "<a:Eenheid>83</a:Eenheid><a:IngediendBedrag><b:Bedrag>%d</b:Bedrag>"
        "<b:DebetCredit>D</b:DebetCredit></a:IngediendBedrag></a:Prestatie>\n",
        i, i, 100 + i, 100 + i);
  g_string_append(s, "</a:Prestaties></a:Client></a:Clienten></a:Declaratie>"
                     "</a:Bericht>\n");
  assert_true(s->len > 2 * ZT_SOURCE_CHUNK);
  p = tu_write_bytes(dir, "many.xml", s->str, s->len);
  gz = gzip_copy(dir, "many.xml.gz", p);
  for (int round = 0; round < 2; round++) {
    rec r;
    zt_kind kind;
    zt_reason why;
    zt_err err;
    rec_init(&r);
    assert_int_equal(read_path(round ? gz : p, ZT_KIND_AUTO, &r, &kind, &why,
                               &err),
                     ZT_OK);
    assert_int_equal(r.rows->len, nlines);
    assert_int_equal(r.rejects->len, 0);
    assert_int_equal(r.warns->len, 0);
    for (int i = 0; i < nlines; i++) {
      /* Line i + 6: five lines of preamble, then one line per Prestatie. */
      char *want = g_strdup_printf("%d|12345678|0402|999900110|%d|R%d|~|45|"
                                   "45A01|2026-03-01|2026-03-31|%d|83|~|%d|D"
                                   "|~|~",
                                   i + 6, i, i, 100 + i, 100 + i);
      assert_string_equal(at(r.rows, (guint)i), want);
      g_free(want);
    }
    rec_free(&r);
  }
  g_string_free(s, TRUE);
  g_free(p);
  g_free(gz);
  tu_rmtree(dir);
  g_free(dir);
}

/* ---- the sink stops the reader ---------------------------------------- */

static void test_sink_error_stops(void **state) {
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  (void)state;
  rec_init(&r);
  r.fail_at = 2;
  assert_int_equal(read_path(DATA "jw323_prefixes.xml", ZT_KIND_AUTO, &r,
                             &kind, &why, &err),
                   ZT_ERR_STORE);
  assert_int_equal(why, ZT_R_NONE);
  assert_int_equal(r.row_calls, 2);
  assert_string_equal(err.msg, "store refused");
  rec_free(&r);
}

/* ---- no BSN in clear in messages --------------------------------------- */

static void test_masking(void **state) {
  char s[] = "bsn 123456782, agb 12345678, long 1234567890, end 999900006";
  char *dir = tu_tmpdir("ijw");
  char *p;
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  (void)state;
  zt_ijw_mask_digits(s);
  assert_string_equal(
      s, "bsn 12*****82, agb 12345678, long 12******90, end 99*****06");
  {
    /* full-width digits, alone or mixed, count too */
    char w[] = "bsn \xef\xbc\x91\xef\xbc\x92" "34567\xef\xbc\x98"
               "\xef\xbc\x92 agb \xef\xbc\x91" "2345678";
    zt_ijw_mask_digits(w);
    assert_string_equal(w, "bsn \xef\xbc\x91\xef\xbc\x92*****"
                           "\xef\xbc\x98\xef\xbc\x92 agb \xef\xbc\x91"
                           "2345678");
  }

  {
    /* a BSN in groups, with ASCII or no-break spaces, or dots */
    char g[] = "a 123 456 782 b 1234.56.782 c 123\xc2\xa0" "456\xc2\xa0"
               "782 d 2023 01 15";
    zt_ijw_mask_digits(g);
    assert_null(strstr(g, "456"));
    assert_null(strstr(g, "56.7"));
    assert_non_null(strstr(g, "d 2023 01 15"));   /* a date stays */
  }

  /* A BSN-like Afzender is masked in the header error. */
  p = variant(dir, "bsn.xml", DATA "jw323_prefixes.xml", ">12345678<",
              ">999900006<");
  expect_header_invalid(p, "99*****06");
  g_free(p);
  /* ... also in full-width digits (999900006) */
  p = variant(dir, "bsnw.xml", DATA "jw323_prefixes.xml", ">12345678<",
              ">\xef\xbc\x99\xef\xbc\x99\xef\xbc\x99\xef\xbc\x99"
              "\xef\xbc\x90\xef\xbc\x90\xef\xbc\x90\xef\xbc\x90"
              "\xef\xbc\x96<");
  expect_header_invalid(p, "\xef\xbc\x99\xef\xbc\x99*****"
                           "\xef\xbc\x90\xef\xbc\x96");
  g_free(p);

  /* An element named after a BSN inside a Prestatie. */
  p = variant(dir, "elem.xml", DATA "jw323_prefixes.xml",
              "<p:Eenheid>14</p:Eenheid>",
              "<p:Eenheid>14</p:Eenheid><p:X999900043/>");
  rec_init(&r);
  assert_int_equal(read_path(p, ZT_KIND_AUTO, &r, &kind, &why, &err), ZT_OK);
  assert_int_equal(r.rejects->len, 1);
  assert_non_null(strstr(at(r.rejects, 0), "X99*****43"));
  assert_null(strstr(at(r.rejects, 0), "999900043"));
  rec_free(&r);
  g_free(p);
  tu_rmtree(dir);
  g_free(dir);
}

/* A ReferentieNummer counts characters, as its XSD maxLength does: 20
 * four-byte characters (80 bytes, more than the reader once kept of a
 * field) are a reference, 21 two-byte ones are too long, and the message
 * counts characters. */
static void test_lengths_in_characters(void **state) {
  char *dir = tu_tmpdir("ijw");
  GString *wide = g_string_new(NULL), *over = g_string_new(NULL);
  char *p, *q, *want;
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  (void)state;
  g_string_append_c(wide, '>');
  for (int i = 0; i < 20; i++)
    g_string_append(wide, "\xf0\x9f\x98\x80");          /* U+1F600 */
  g_string_append_c(wide, '<');
  g_string_append_c(over, '>');
  for (int i = 0; i < 21; i++)
    g_string_append(over, "\xc3\xa9");                  /* U+00E9 */
  g_string_append_c(over, '<');
  p = variant(dir, "wide.xml", DATA "jw323_prefixes.xml", ">RN-A2<",
              wide->str);
  q = variant(dir, "wide2.xml", p, ">RN-B2<", over->str);
  rec_init(&r);
  assert_int_equal(read_path(q, ZT_KIND_AUTO, &r, &kind, &why, &err), ZT_OK);
  assert_int_equal(r.rows->len, 3);
  want = g_strdup_printf("56|12345678|0402|999900031|20001|%.*s|RN-OLD7|",
                         (int)wide->len - 2, wide->str + 1);
  assert_true(g_str_has_prefix(at(r.rows, 1), want));
  assert_int_equal(r.rejects->len, 1);
  assert_true(g_str_has_prefix(at(r.rejects, 0), "103|field_too_long|4|"));
  assert_non_null(strstr(at(r.rejects, 0), "has 21 characters, at most 20 "
                                           "allowed"));
  rec_free(&r);
  g_free(want);
  g_free(p);
  g_free(q);
  g_string_free(wide, TRUE);
  g_string_free(over, TRUE);
  tu_rmtree(dir);
  g_free(dir);
}

/* XML 1.0 lets DEL and the C1 controls (U+0080..U+009F) through where
 * its parser refuses the C0 ones: a line whose field holds one is
 * rejected as encoding_invalid, as a CSV line is, naming the field, the
 * code point and its byte; given as a character reference too. A
 * U+00A0 is text. */
static void test_c1_controls(void **state) {
  char *dir = tu_tmpdir("ijw");
  char *p, *q, *t;
  rec r;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  (void)state;
  p = variant(dir, "c1a.xml", DATA "jw323_prefixes.xml", ">RN-A2<",
              ">RN\xc2\x92" "A2<");
  q = variant(dir, "c1b.xml", p, ">RN-B2<", ">RN&#x9B;B2<");
  t = variant(dir, "c1c.xml", q, ">RN&amp;B1<", ">RN\xc2\xa0" "B1&#127;<");
  rec_init(&r);
  assert_int_equal(read_path(t, ZT_KIND_AUTO, &r, &kind, &why, &err), ZT_OK);
  assert_int_equal(r.rows->len, 1);
  assert_int_equal(r.rejects->len, 3);
  assert_true(g_str_has_prefix(at(r.rejects, 0), "56|encoding_invalid|4|"));
  assert_non_null(strstr(at(r.rejects, 0), "control character U+0092 at "
                                           "byte 3"));
  assert_true(g_str_has_prefix(at(r.rejects, 1), "83|encoding_invalid|4|"));
  assert_non_null(strstr(at(r.rejects, 1), "control character U+007F at "
                                           "byte 7"));
  assert_true(g_str_has_prefix(at(r.rejects, 2), "103|encoding_invalid|4|"));
  assert_non_null(strstr(at(r.rejects, 2), "U+009B"));
  rec_free(&r);
  g_free(p);
  g_free(q);
  g_free(t);
  /* a C1 control in a header value quoted by its message: '?' */
  p = variant(dir, "c1h.xml", DATA "jw323_prefixes.xml", ">12345678<",
              ">1234\xc2\x9b" "5678<");
  expect_header_invalid(p, "1234?5678");
  g_free(p);
  tu_rmtree(dir);
  g_free(dir);
}

/* ---- sniffing --------------------------------------------------------- */

static int sniff(const char *s) { return zt_ijw_sniff(s, strlen(s)); }

static void test_sniff(void **state) {
  char msg[16];
  size_t n;
  char *text, *p;
  (void)state;
  assert_int_equal(sniff("<?xml version=\"1.0\"?>\n<jw323:Bericht "
                         "xmlns:ijw=\"http://www.istandaarden.nl/ijw/3_2/"
                         "basisschema/schema\" xmlns:jw323=\"http://www."
                         "istandaarden.nl/ijw/3_2/jw323/schema\">"),
                   ZT_KIND_DECLARATIES);
  assert_int_equal(sniff("<Bericht xmlns='http://www.istandaarden.nl/ijw/"
                         "3_0/jw301/schema'>"),
                   ZT_KIND_TOEWIJZINGEN);
  assert_int_equal(sniff("\xEF\xBB\xBF <!-- x --> <?pi?><q:Bericht "
                         "xmlns:q=\"http://www.istandaarden.nl/ijw/3_12/"
                         "jw323/schema\"/>"),
                   ZT_KIND_DECLARATIES);
  assert_int_equal(sniff("<jw315:Bericht xmlns:jw315=\"http://www."
                         "istandaarden.nl/ijw/3_2/jw315/schema\">"),
                   ZT_KIND_VERZOEKEN);
  /* XML, but not a kind we read, or not visible yet. */
  assert_int_equal(sniff("<jw316:Bericht xmlns:jw316=\"http://www."
                         "istandaarden.nl/ijw/3_2/jw316/schema\">"),
                   ZT_KIND_AUTO);
  assert_int_equal(sniff("<?xml version=\"1.0\"?><jw323:Ber"), ZT_KIND_AUTO);
  assert_int_equal(sniff("<a:Bericht xmlns:b=\"http://www.istandaarden.nl/"
                         "ijw/3_2/jw323/schema\">"),
                   ZT_KIND_AUTO);
  assert_int_equal(sniff("<Bericht xmlns=\"http://www.istandaarden.nl/ijw/"
                         "3_2/jw323/schema/\">"),
                   ZT_KIND_AUTO);
  assert_int_equal(sniff("<!DOCTYPE x><x/>"), ZT_KIND_AUTO);
  /* A DOCTYPE is skipped to see the root (the reader refuses it). */
  assert_int_equal(sniff("<!DOCTYPE b [<!ENTITY e \"]x\">]>\n<b:Bericht "
                         "xmlns:b=\"http://www.istandaarden.nl/ijw/3_2/"
                         "jw323/schema\">"),
                   ZT_KIND_DECLARATIES);
  assert_int_equal(sniff("<!DOCTYPE b [<!ENTITY e \"x\">"), ZT_KIND_AUTO);
  /* libxml2 reads the prolog: a '>' in a comment or an attribute value
   * does not end the tag early ... */
  assert_int_equal(sniff("<?xml version='1.0'?><!-- a > b --><Bericht "
                         "a='x>y' xmlns=\"http://www.istandaarden.nl/ijw/"
                         "3_2/jw301/schema\">"),
                   ZT_KIND_TOEWIJZINGEN);
  /* ... and a prolog that is not well-formed shows no root. */
  assert_int_equal(sniff("<?xml version='1.0'?><?xml version='1.0'?>"
                         "<Bericht xmlns=\"http://www.istandaarden.nl/ijw/"
                         "3_2/jw323/schema\">"),
                   ZT_KIND_AUTO);
  /* The head is handed to libxml2 in chunks: a root behind a long
   * comment is found, and what follows the root is not looked at (a
   * text full of '=' there is not taken for a start tag with too many
   * attributes). */
  {
    GString *g = g_string_new("<?xml version=\"1.0\"?><!--");
    for (int i = 0; i < 9000; i++)
      g_string_append_c(g, 'x');
    g_string_append(g, "--><Bericht xmlns=\"http://www.istandaarden.nl/"
                       "ijw/3_2/jw323/schema\"><Header>");
    for (int i = 0; i < 2000; i++)
      g_string_append_c(g, '=');
    assert_int_equal(zt_ijw_sniff(g->str, g->len), ZT_KIND_DECLARATIES);
    g_string_free(g, TRUE);
  }
  /* Not XML. */
  assert_int_equal(sniff("bsn;gemeente;begindatum\n"), -1);
  assert_int_equal(sniff(""), -1);
  assert_int_equal(sniff("   \n"), -1);
  {
    const char *d = "<x:Bericht xmlns:x=\"http://www.istandaarden.nl/ijw/"
                    "3_2/jw315/schema\">";
    assert_true(zt_ijw_root_message(d, strlen(d), msg, sizeof msg));
  }
  assert_string_equal(msg, "jw315");
  assert_false(zt_ijw_root_message("<x/>", 4, msg, sizeof msg));
  assert_string_equal(msg, "");
  p = example("JW323.xml");
  text = tu_read(p, &n);
  g_free(p);
  assert_int_equal(zt_ijw_sniff(text, n), ZT_KIND_DECLARATIES);
  g_free(text);
  p = example("JW301.xml");
  text = tu_read(p, &n);
  g_free(p);
  assert_int_equal(zt_ijw_sniff(text, n), ZT_KIND_TOEWIJZINGEN);
  g_free(text);
}

/* The message's own date, for the delivery date: the header's
 * Dagtekening, else the DeclaratieDagtekening, else none. */
static zt_day message_day(const char *path) {
  zt_source *src;
  zt_read_opts opts = {ZT_KIND_AUTO, NULL};
  rec r;
  zt_rowsink sink = {&r, rec_row, rec_reject, rec_warn};
  zt_day d = 0;
  rec_init(&r);
  assert_int_equal(zt_source_open(&src, path, NULL), ZT_OK);
  zt_ijw_read_dated(src, &opts, &sink, NULL, NULL, &d, NULL);
  zt_source_close(src);
  rec_free(&r);
  return d;
}

static void test_message_day(void **state) {
  char *dir = tu_tmpdir("ijw-day");
  char *a, *b;
  (void)state;
  assert_int_equal(message_day(DATA "jw323_prefixes.xml"),
                   zt_day_from_ymd(2026, 4, 2));
  assert_int_equal(message_day(DATA "jw301_prefixes.xml"),
                   zt_day_from_ymd(2026, 1, 5));
  assert_int_equal(message_day(DATA "jw323_structure.xml"), ZT_DAY_NONE);
  /* no valid header date: the declaration's */
  a = variant(dir, "a.xml", DATA "jw323_prefixes.xml",
              "<q:Dagtekening>2026-04-02", "<q:Dagtekening>2026-02-31");
  b = variant(dir, "b.xml", a, "<p:DeclaratieDagtekening>2026-04-02",
              "<p:DeclaratieDagtekening>2026-04-09");
  assert_int_equal(message_day(b), zt_day_from_ymd(2026, 4, 9));
  tu_rmtree(dir);
  g_free(a);
  g_free(b);
  g_free(dir);
}

/* iJw dates are xs:date, YYYY-MM-DD: a header date written day first
 * (02-04-2026), as CSV may write it, is no message day. (A line's
 * day-first date is rejected by the validator: test_validate,
 * e2e rel25_xml_dates.) */
static void test_day_first_dates(void **state) {
  char *dir = tu_tmpdir("ijw-dates");
  char *q = variant(dir, "e.xml", DATA "jw323_prefixes.xml",
                    "<q:Dagtekening>2026-04-02",
                    "<q:Dagtekening>02-04-2026");
  char *q2 = variant(dir, "f.xml", q, "<p:DeclaratieDagtekening>2026-04-02",
                     "<p:DeclaratieDagtekening>04-02-2026");
  (void)state;
  assert_int_equal(message_day(q), zt_day_from_ymd(2026, 4, 2));
  assert_int_equal(message_day(q2), ZT_DAY_NONE);
  tu_rmtree(dir);
  g_free(q);
  g_free(q2);
  g_free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_prefixes_3_1),
      cmocka_unit_test(test_default_namespace_3_0),
      cmocka_unit_test(test_gzip),
      cmocka_unit_test(test_structure_rejects),
      cmocka_unit_test(test_misplaced_lines),
      cmocka_unit_test(test_line_variants),
      cmocka_unit_test(test_line_variants_default_ns),
      cmocka_unit_test(test_nested_line),
      cmocka_unit_test(test_answer_unread),
      cmocka_unit_test(test_answer_codes),
      cmocka_unit_test(test_totals_mismatch_warns),
      cmocka_unit_test(test_header_invalid),
      cmocka_unit_test(test_declared_encoding),
      cmocka_unit_test(test_malformed),
      cmocka_unit_test(test_hostile),
      cmocka_unit_test(test_kind_unknown),
      cmocka_unit_test(test_jw301),
      cmocka_unit_test(test_reference_examples),
      cmocka_unit_test(test_many_lines_across_chunks),
      cmocka_unit_test(test_sink_error_stops),
      cmocka_unit_test(test_masking),
      cmocka_unit_test(test_lengths_in_characters),
      cmocka_unit_test(test_c1_controls),
      cmocka_unit_test(test_sniff),
      cmocka_unit_test(test_message_day),
      cmocka_unit_test(test_day_first_dates),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

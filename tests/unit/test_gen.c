/*
 * tests/unit/test_gen.c -- the demo region generator: determinism, valid
 * BSNs, canonical CSV headers, well-formed JW323 messages whose totals add
 * up, credits that point at existing debits, counts that reconcile with
 * expected-rejects.csv, the encodings, the configuration, and the
 * benchmark generators. A small region (300 clients a year, 2020-2021)
 * keeps it quick.
 */
#include "testutil.h"

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlschemas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "core/str.h"
#include "etl/record.h"
#include "fixtures/gen/gen.h"
#include "fixtures/gen/gen_int.h"

#define NS_IJW "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"
#define NS_323 "http://www.istandaarden.nl/ijw/3_2/jw323/schema"
#define NS_301 "http://www.istandaarden.nl/ijw/3_2/jw301/schema"

typedef struct region {
  char *dir;
  zt_gen_opts opts;
  zt_gen_stats st;
} region;

static region small_a, small_b, small_c;

static void small_opts(zt_gen_opts *o, uint64_t seed) {
  zt_gen_defaults(o);
  o->seed = seed;
  o->clients_per_year = 300;
  o->first_year = 2020;
  o->last_year = 2021;
}

static void make_region(region *r, uint64_t seed, const char *tag) {
  zt_err err;
  small_opts(&r->opts, seed);
  r->dir = tu_tmpdir(tag);
  if (zt_gen_region(&r->opts, r->dir, &r->st, &err) != ZT_OK) {
    fprintf(stderr, "zt_gen_region: %s\n", err.msg);
    abort();
  }
}

static int setup(void **state) {
  (void)state;
  make_region(&small_a, 7, "gen-a");
  make_region(&small_b, 7, "gen-b");
  make_region(&small_c, 8, "gen-c");
  return 0;
}

static int teardown(void **state) {
  region *all[3] = {&small_a, &small_b, &small_c};
  (void)state;
  for (int i = 0; i < 3; i++) {
    tu_rmtree(all[i]->dir);
    g_free(all[i]->dir);
  }
  return 0;
}

/* ---- helpers ----------------------------------------------------------- */

/* Relative paths of every file under dir, sorted. */
static void list_files(const char *dir, const char *rel, GPtrArray *out) {
  char *path = rel ? g_build_filename(dir, rel, NULL) : g_strdup(dir);
  GDir *d = g_dir_open(path, 0, NULL);
  const char *name;
  assert_non_null(d);
  while ((name = g_dir_read_name(d))) {
    char *r = rel ? g_build_filename(rel, name, NULL) : g_strdup(name);
    char *full = g_build_filename(dir, r, NULL);
    if (g_file_test(full, G_FILE_TEST_IS_DIR)) {
      list_files(dir, r, out);
      g_free(r);
    } else {
      g_ptr_array_add(out, r);
    }
    g_free(full);
  }
  g_dir_close(d);
  g_free(path);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static GPtrArray *files_of(const char *dir) {
  GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
  list_files(dir, NULL, a);
  qsort(a->pdata, a->len, sizeof(void *), cmp_str);
  return a;
}

/* SHA-256 over every file's relative path and content. */
static char *tree_hash(const char *dir) {
  GPtrArray *files = files_of(dir);
  GChecksum *ck = g_checksum_new(G_CHECKSUM_SHA256);
  char *hex;
  for (guint i = 0; i < files->len; i++) {
    const char *rel = files->pdata[i];
    char *full = g_build_filename(dir, rel, NULL);
    size_t n = 0;
    char *data = tu_read(full, &n);
    assert_non_null(data);
    g_checksum_update(ck, (const guchar *)rel, (gssize)strlen(rel) + 1);
    g_checksum_update(ck, (const guchar *)data, (gssize)n);
    g_free(data);
    g_free(full);
  }
  hex = g_strdup(g_checksum_get_string(ck));
  g_checksum_free(ck);
  g_ptr_array_free(files, TRUE);
  return hex;
}

/* Read a file, gunzipping .gz; NULL when it cannot be read whole. */
static char *read_any(const char *path, size_t *len) {
  if (g_str_has_suffix(path, ".gz")) {
    gzFile z = gzopen(path, "rb");
    GString *s = g_string_new(NULL);
    char buf[65536];
    int n;
    if (!z)
      return NULL;
    while ((n = gzread(z, buf, sizeof buf)) > 0)
      g_string_append_len(s, buf, n);
    if (n < 0 || gzclose(z) != Z_OK) {
      g_string_free(s, TRUE);
      return NULL;
    }
    *len = s->len;
    return g_string_free(s, FALSE);
  }
  return tu_read(path, len);
}

static bool bsn_text_ok(const char *s, size_t n) {
  uint32_t v = 0;
  if (n != 9)
    return false;
  for (size_t i = 0; i < 9; i++) {
    if (s[i] < '0' || s[i] > '9')
      return false;
    v = v * 10 + (uint32_t)(s[i] - '0');
  }
  return zt_gen_bsn_ok(v);
}

/* expected-rejects.csv: "file:line" -> "reason|note", and the files that
 * are rejected whole. */
typedef struct manifest {
  GHashTable *lines;
  GHashTable *whole;
  long nlines;
} manifest;

static void manifest_load(const region *r, manifest *m) {
  char *path = g_build_filename(r->dir, "expected-rejects.csv", NULL);
  char *text = tu_read(path, NULL);
  char **rows;
  assert_non_null(text);
  m->lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
  m->whole = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  m->nlines = 0;
  rows = g_strsplit(text, "\n", -1);
  assert_string_equal(rows[0], "file,line,reason,field,note");
  for (int i = 1; rows[i] && rows[i][0]; i++) {
    char **f = g_strsplit(rows[i], ",", -1);
    /* five fields, none of them quoted or holding a comma */
    assert_int_equal(g_strv_length(f), 5);
    if (strcmp(f[1], "0") == 0) {
      g_hash_table_add(m->whole, g_strdup(f[0]));
    } else {
      g_hash_table_insert(m->lines, g_strdup_printf("%s:%s", f[0], f[1]),
                          g_strdup_printf("%s|%s", f[2], f[4]));
      m->nlines++;
    }
    g_strfreev(f);
  }
  g_strfreev(rows);
  g_free(text);
  g_free(path);
}

static void manifest_free(manifest *m) {
  g_hash_table_destroy(m->lines);
  g_hash_table_destroy(m->whole);
}

static const char *expected(const manifest *m, const char *file, long line) {
  char key[512];
  snprintf(key, sizeof key, "%s:%ld", file, line);
  return g_hash_table_lookup(m->lines, key);
}

/* What the checks collect over a region's declarations. */
typedef struct decls {
  GHashTable *debits;   /* "agb/ref" */
  GPtrArray *credits;   /* "agb/prevref|file:line" */
  GHashTable *toew;     /* ToewijzingNummers of declaration lines */
  GHashTable *bsns;     /* BSNs of declaration lines (valid ones) */
  long csv_lines, xml_lines, bad_bsn, bom_files, crlf_files, dmy_files;
  long gz_files, xml_files, prefixed_files;
} decls;

static void decls_init(decls *d) {
  memset(d, 0, sizeof *d);
  d->debits = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  d->credits = g_ptr_array_new_with_free_func(g_free);
  d->toew = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  d->bsns = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
}

static void decls_free(decls *d) {
  g_hash_table_destroy(d->debits);
  g_ptr_array_free(d->credits, TRUE);
  g_hash_table_destroy(d->toew);
  g_hash_table_destroy(d->bsns);
}

/* One declaration line, whatever its format. */
static void decl_line(decls *d, const manifest *m, const char *file,
                      long line, const char *agb, const char *bsn,
                      const char *toew, const char *ref, const char *prev,
                      bool credit) {
  const char *exp = expected(m, file, line);
  if (!bsn_text_ok(bsn, strlen(bsn))) {
    /* Only the deliberate bsn_* lines may carry a bad BSN. */
    assert_non_null(exp);
    assert_true(g_str_has_prefix(exp, "bsn_"));
    d->bad_bsn++;
    return;
  }
  if (!exp) {
    g_hash_table_add(d->bsns, g_strdup(bsn));
    g_hash_table_add(d->toew, g_strdup(toew));
  }
  if (credit)
    g_ptr_array_add(d->credits,
                    g_strdup_printf("%s/%s|%s:%ld", agb, prev, file, line));
  else
    g_hash_table_add(d->debits, g_strdup_printf("%s/%s", agb, ref));
}

static void check_csv(const region *r, const manifest *m, const char *rel,
                      decls *d) {
  char *path = g_build_filename(r->dir, rel, NULL);
  size_t n = 0;
  char *text = read_any(path, &n), *p;
  const zt_kind_layout *lay = zt_kind_layout_of(ZT_KIND_DECLARATIES);
  GString *want = g_string_new(NULL);
  char **rows;
  bool crlf;
  assert_non_null(text);
  p = text;
  if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0) {
    p += 3;
    d->bom_files++;
  }
  for (int i = 0; i <= ZT_D_DC; i++)
    g_string_append_printf(want, "%s%s", i ? ";" : "", lay->names[i]);
  crlf = strstr(p, "\r\n") != NULL;
  d->crlf_files += crlf;
  d->gz_files += g_str_has_suffix(rel, ".gz");
  rows = g_strsplit(p, "\n", -1);
  g_strchomp(rows[0]);
  assert_string_equal(rows[0], want->str);
  for (int i = 1; rows[i]; i++) {
    char **f;
    long line = i + 1;
    const char *exp;
    if (!rows[i][0])
      continue;
    if (crlf)
      g_strchomp(rows[i]);
    d->csv_lines++;
    exp = expected(m, rel, line);
    f = g_strsplit(rows[i], ";", -1);
    if (g_strv_length(f) != ZT_D_DC + 1) {
      assert_non_null(exp);
      assert_true(g_str_has_prefix(exp, "field_count"));
    } else {
      if (i == 1 && f[ZT_D_BEGIN][2] == '-')
        d->dmy_files++;
      decl_line(d, m, rel, line, f[ZT_D_AGB], f[ZT_D_BSN],
                f[ZT_D_TOEWIJZING], f[ZT_D_REF], f[ZT_D_PREVREF],
                strcmp(f[ZT_D_DC], "C") == 0);
    }
    g_strfreev(f);
  }
  g_strfreev(rows);
  g_string_free(want, TRUE);
  g_free(text);
  g_free(path);
}

static xmlNode *child_el(xmlNode *n, const char *name) {
  for (xmlNode *c = n ? n->children : NULL; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, name) ==
                                           0)
      return c;
  return NULL;
}

static char *text_of(xmlNode *n) {
  xmlChar *t;
  char *s;
  assert_non_null(n);
  t = xmlNodeGetContent(n);
  s = g_strdup((const char *)t);
  xmlFree(t);
  return s;
}

static const char *ns_of(xmlNode *n) {
  return n && n->ns ? (const char *)n->ns->href : "";
}

static void check_jw323(const region *r, const manifest *m, const char *rel,
                        decls *d) {
  char *path = g_build_filename(r->dir, rel, NULL);
  xmlDoc *doc = xmlReadFile(path, NULL, XML_PARSE_NONET |
                                            XML_PARSE_BIG_LINES);
  xmlNode *root, *hdr, *decl, *tot, *clients;
  char *agb, *total_s, *dc_s;
  int64_t sum = 0, total;
  assert_non_null(doc);
  d->xml_files++;
  root = xmlDocGetRootElement(doc);
  assert_string_equal((const char *)root->name, "Bericht");
  assert_string_equal(ns_of(root), NS_323);
  d->prefixed_files += root->ns->prefix != NULL;
  hdr = child_el(root, "Header");
  agb = text_of(child_el(hdr, "Afzender"));
  decl = child_el(root, "Declaratie");
  tot = child_el(decl, "TotaalIngediendBedrag");
  assert_string_equal(ns_of(child_el(tot, "TotaalBedrag")), NS_IJW);
  total_s = text_of(child_el(tot, "TotaalBedrag"));
  dc_s = text_of(child_el(tot, "DebetCredit"));
  clients = child_el(decl, "Clienten");
  assert_non_null(clients);
  for (xmlNode *c = clients->children; c; c = c->next) {
    xmlNode *pr;
    char *bsn;
    if (c->type != XML_ELEMENT_NODE)
      continue;
    bsn = text_of(child_el(c, "Bsn"));
    pr = child_el(c, "Prestaties");
    assert_non_null(pr);
    for (xmlNode *p = pr->children; p; p = p->next) {
      xmlNode *pref, *amount;
      char *ref, *prev = NULL, *toew, *bedrag, *pdc;
      long line;
      if (p->type != XML_ELEMENT_NODE)
        continue;
      d->xml_lines++;
      line = xmlGetLineNo(p);
      pref = child_el(p, "ProductReferentie");
      ref = text_of(child_el(pref, "ReferentieNummer"));
      if (child_el(pref, "VorigReferentieNummer"))
        prev = text_of(child_el(pref, "VorigReferentieNummer"));
      toew = text_of(child_el(p, "ToewijzingNummer"));
      amount = child_el(p, "IngediendBedrag");
      bedrag = text_of(child_el(amount, "Bedrag"));
      pdc = text_of(child_el(amount, "DebetCredit"));
      sum += (strcmp(pdc, "C") == 0 ? -1 : 1) * g_ascii_strtoll(bedrag, NULL,
                                                                10);
      /* A credit carries VorigReferentieNummer, a debit does not. */
      assert_int_equal(prev != NULL, strcmp(pdc, "C") == 0);
      decl_line(d, m, rel, line, agb, bsn, toew, ref, prev ? prev : "",
                prev != NULL);
      g_free(ref);
      g_free(prev);
      g_free(toew);
      g_free(bedrag);
      g_free(pdc);
    }
    g_free(bsn);
  }
  /* TotaalIngediendBedrag = sum of debits - sum of credits. */
  total = g_ascii_strtoll(total_s, NULL, 10);
  if (strcmp(dc_s, "C") == 0)
    total = -total;
  assert_true(total == sum);
  g_free(agb);
  g_free(total_s);
  g_free(dc_s);
  xmlFreeDoc(doc);
  g_free(path);
}

/* Walk every declaration file of a region. */
static void collect(const region *r, const manifest *m, decls *d) {
  GPtrArray *files = files_of(r->dir);
  for (guint i = 0; i < files->len; i++) {
    const char *rel = files->pdata[i];
    if (g_hash_table_contains(m->whole, rel))
      continue;
    if (g_str_has_prefix(rel, "inbox/declaraties/"))
      check_csv(r, m, rel, d);
    else if (g_str_has_prefix(rel, "inbox/jw323/"))
      check_jw323(r, m, rel, d);
  }
  g_ptr_array_free(files, TRUE);
}

/* ---- tests ------------------------------------------------------------- */

static void test_defaults(void **state) {
  zt_gen_opts o;
  (void)state;
  zt_gen_defaults(&o);
  assert_int_equal(o.clients_per_year, 10000);
  assert_int_equal(o.first_year, 2018);
  assert_int_equal(o.last_year, 2023);
  assert_int_equal(o.xml_from_year, 2021);
  assert_true(o.bad_lines);
}

static void test_bsn_draw(void **state) {
  zt_rng r;
  (void)state;
  /* 123456782: 1*9+2*8+3*7+4*6+5*5+6*4+7*3+8*2 = 156 = 14*11 + 2, minus
   * the check digit 2 gives 154 = 14*11. */
  assert_true(zt_gen_bsn_ok(123456782));
  assert_false(zt_gen_bsn_ok(123456783));
  assert_false(zt_gen_bsn_ok(0));
  zt_rng_seed(&r, 42, 0);
  for (int i = 0; i < 10000; i++) {
    uint32_t v = zt_gen_bsn_draw(&r);
    assert_true(v >= 900000000u && v <= 999999999u);
    assert_true(zt_gen_bsn_ok(v));
  }
}

static void test_deterministic(void **state) {
  char *a, *b, *c;
  (void)state;
  a = tree_hash(small_a.dir);
  b = tree_hash(small_b.dir);
  c = tree_hash(small_c.dir);
  assert_string_equal(a, b);
  assert_string_not_equal(a, c);
  assert_memory_equal(&small_a.st, &small_b.st, sizeof small_a.st);
  g_free(a);
  g_free(b);
  g_free(c);
}

static void test_layout(void **state) {
  static const char *const must[] = {
      "zothuis.ini",          "reference/productcodes.csv",
      "reference/aanbieders.csv", "steering/targets.csv",
      "steering/maatregelen.csv", "steering/budget.csv",
      "inbox/residenties.csv", "expected-rejects.csv"};
  GPtrArray *files = files_of(small_a.dir);
  long n301 = 0, n323 = 0, ncsv = 0;
  (void)state;
  for (size_t i = 0; i < sizeof must / sizeof must[0]; i++) {
    char *p = g_build_filename(small_a.dir, must[i], NULL);
    assert_true(g_file_test(p, G_FILE_TEST_IS_REGULAR));
    g_free(p);
  }
  for (guint i = 0; i < files->len; i++) {
    const char *rel = files->pdata[i];
    n301 += g_str_has_prefix(rel, "inbox/jw301/");
    n323 += g_str_has_prefix(rel, "inbox/jw323/");
    ncsv += g_str_has_prefix(rel, "inbox/declaraties/");
  }
  assert_int_equal(small_a.st.files, (long)files->len);
  assert_true(n301 > 100);
  assert_true(n323 > 20);
  assert_true(ncsv > 10);
  assert_int_equal(small_a.st.bad_files, 4);
  g_ptr_array_free(files, TRUE);
}

static void test_declarations(void **state) {
  manifest m;
  decls d;
  long orphans = 0;
  (void)state;
  manifest_load(&small_a, &m);
  decls_init(&d);
  collect(&small_a, &m, &d);
  /* The counts reconcile with the statistics. */
  assert_int_equal(d.csv_lines, small_a.st.decl_lines_csv);
  assert_int_equal(d.xml_lines, small_a.st.decl_lines_xml);
  assert_int_equal(m.nlines, small_a.st.bad_lines);
  /* A few hundred children a year give some thousands of lines: 2020 as
   * CSV, 2021 as JW323. */
  assert_true(d.csv_lines > 2000);
  assert_true(d.xml_lines > 2000);
  /* Bad lines are a small share (0.1-1% in a region this small). */
  assert_true(small_a.st.bad_lines * 1000 >= d.csv_lines + d.xml_lines);
  assert_true(small_a.st.bad_lines * 50 <= d.csv_lines + d.xml_lines);
  assert_true(d.bad_bsn >= 3); /* format, 11-test, 000000000 */
  /* The variants of the CSV exports. */
  assert_int_equal(d.bom_files, 1);
  assert_int_equal(d.crlf_files, 1);
  assert_int_equal(d.gz_files, 1);
  assert_true(d.dmy_files >= 1);
  assert_true(d.prefixed_files >= 1 && d.prefixed_files < d.xml_files);
  /* Every credit points at a debit of the same provider somewhere, except
   * the deliberate orphans. */
  for (guint i = 0; i < d.credits->len; i++) {
    char *c = g_strdup(d.credits->pdata[i]);
    char *bar = strchr(c, '|');
    const char *exp;
    *bar = '\0';
    exp = g_hash_table_lookup(m.lines, bar + 1);
    if (g_hash_table_contains(d.debits, c)) {
      assert_true(!exp || !strstr(exp, "never arrives"));
    } else {
      assert_non_null(exp);
      assert_true(g_str_has_prefix(exp, "credit_without_debit|"));
      assert_non_null(strstr(exp, "never arrives"));
      orphans++;
    }
    g_free(c);
  }
  assert_true(orphans >= 1);
  decls_free(&d);
  manifest_free(&m);
}

static void test_every_reason(void **state) {
  static const char *const reasons[] = {
      "bsn_format", "bsn_elfproef", "date_invalid", "period_reversed",
      "period_month", "gemeente_unknown", "agb_format", "category_unknown",
      "unit_unknown", "amount_invalid", "value_invalid",
      "credit_without_debit", "duplicate_reference", "duplicate_credit",
      "skipped_duplicate", "residence_overlap", "missing_field",
      "field_too_long", "field_count", "encoding_invalid",
      "layout_unknown", "file_unreadable", "xml_malformed",
      "xml_kind_unknown"};
  char *path = g_build_filename(small_a.dir, "expected-rejects.csv", NULL);
  char *text = tu_read(path, NULL);
  (void)state;
  assert_non_null(text);
  for (size_t i = 0; i < sizeof reasons / sizeof reasons[0]; i++) {
    char *needle = g_strdup_printf(",%s,", reasons[i]);
    assert_non_null(strstr(text, needle));
    g_free(needle);
  }
  /* Every listed reason other than our own skip marker is a real reject
   * code. */
  {
    char **rows = g_strsplit(text, "\n", -1);
    for (int i = 1; rows[i] && rows[i][0]; i++) {
      char **f = g_strsplit(rows[i], ",", 5);
      if (strcmp(f[2], "skipped_duplicate") != 0) {
        zt_reason r = zt_reason_from_code(f[2]);
        assert_int_not_equal(r, ZT_R_NONE);
      }
      g_strfreev(f);
    }
    g_strfreev(rows);
  }
  g_free(text);
  g_free(path);
}

static void test_people(void **state) {
  manifest m;
  decls d;
  GPtrArray *files = files_of(small_a.dir);
  GHashTable *toew301 = g_hash_table_new_full(g_str_hash, g_str_equal,
                                              g_free, NULL);
  GHashTable *resbsn = g_hash_table_new_full(g_str_hash, g_str_equal,
                                             g_free, NULL);
  GHashTableIter it;
  gpointer key;
  long assigns = 0, found = 0, total = 0, rows = 0, partial = 0;
  char *path, *text, **lines;
  char prev_bsn[16] = "";
  char prev_end[16] = "";
  (void)state;
  manifest_load(&small_a, &m);
  decls_init(&d);
  collect(&small_a, &m, &d);
  for (guint i = 0; i < files->len; i++) {
    const char *rel = files->pdata[i];
    char *p;
    xmlDoc *doc;
    xmlNode *root, *cl, *tp, *gb;
    if (!g_str_has_prefix(rel, "inbox/jw301/"))
      continue;
    p = g_build_filename(small_a.dir, rel, NULL);
    doc = xmlReadFile(p, NULL, XML_PARSE_NONET);
    assert_non_null(doc);
    root = xmlDocGetRootElement(doc);
    assert_string_equal(ns_of(root), NS_301);
    cl = child_el(root, "Client");
    {
      char *bsn = text_of(child_el(cl, "Bsn"));
      assert_true(bsn_text_ok(bsn, strlen(bsn)));
      g_free(bsn);
    }
    gb = child_el(cl, "Geboortedatum");
    assert_non_null(child_el(gb, "Datum"));
    partial += child_el(gb, "DatumGebruik") != NULL;
    tp = child_el(cl, "ToegewezenProducten");
    for (xmlNode *t = tp->children; t; t = t->next) {
      if (t->type != XML_ELEMENT_NODE)
        continue;
      assigns++;
      g_hash_table_add(toew301, text_of(child_el(t, "ToewijzingNummer")));
    }
    xmlFreeDoc(doc);
    g_free(p);
  }
  assert_int_equal(assigns, small_a.st.assignments);
  (void)partial;
  /* Nearly every declared ToewijzingNummer was assigned by a JW301 (a
   * few children have none on purpose). */
  g_hash_table_iter_init(&it, d.toew);
  while (g_hash_table_iter_next(&it, &key, NULL)) {
    total++;
    found += g_hash_table_contains(toew301, key);
  }
  assert_true(found * 100 >= total * 95);
  assert_true(found < total || total < 200);
  /* The residence history: valid BSNs, rows of one person in order and
   * without overlap, except the deliberate overlaps. */
  path = g_build_filename(small_a.dir, "inbox/residenties.csv", NULL);
  text = tu_read(path, NULL);
  assert_non_null(text);
  lines = g_strsplit(text, "\n", -1);
  assert_string_equal(lines[0], "bsn;gemeente;begindatum;einddatum");
  for (int i = 1; lines[i] && lines[i][0]; i++) {
    char **f = g_strsplit(lines[i], ";", -1);
    assert_int_equal(g_strv_length(f), 4);
    assert_true(bsn_text_ok(f[0], strlen(f[0])));
    assert_true(f[1][0] == '\0' || strlen(f[1]) == 4);
    rows++;
    if (strcmp(f[0], prev_bsn) == 0 && !expected(&m, "inbox/residenties.csv",
                                                 i + 1)) {
      /* begins the day after the previous row ends */
      zt_day b, e;
      assert_int_equal(zt_date_parse(f[2], 10, &b), ZT_OK);
      assert_int_equal(zt_date_parse(prev_end, 10, &e), ZT_OK);
      assert_int_equal(b, e + 1);
    }
    if (!expected(&m, "inbox/residenties.csv", i + 1)) {
      zt_strlcpy(prev_bsn, f[0], sizeof prev_bsn);
      zt_strlcpy(prev_end, f[3], sizeof prev_end);
    }
    g_hash_table_add(resbsn, g_strdup(f[0]));
    g_strfreev(f);
  }
  assert_int_equal(rows, small_a.st.residence_rows);
  /* Every child with a valid declaration line has a residence history. */
  g_hash_table_iter_init(&it, d.bsns);
  while (g_hash_table_iter_next(&it, &key, NULL))
    assert_true(g_hash_table_contains(resbsn, key));
  assert_int_equal((long)g_hash_table_size(resbsn), small_a.st.children);
  g_strfreev(lines);
  g_free(text);
  g_free(path);
  g_hash_table_destroy(toew301);
  g_hash_table_destroy(resbsn);
  g_ptr_array_free(files, TRUE);
  decls_free(&d);
  manifest_free(&m);
}

static void test_config_and_reference(void **state) {
  GKeyFile *kf = g_key_file_new();
  char *ini = g_build_filename(small_a.dir, "zothuis.ini", NULL);
  static const char *const keys[] = {"product_codes", "providers",
                                     "targets", "measures", "budget"};
  char *name, *muni, *path, *text;
  size_t n = 0;
  (void)state;
  assert_true(g_key_file_load_from_file(kf, ini, G_KEY_FILE_NONE, NULL));
  name = g_key_file_get_string(kf, "region", "name", NULL);
  assert_string_equal(name, "Gooi en Vechtstreek (demo)");
  muni = g_key_file_get_string(kf, "region", "municipalities", NULL);
  assert_string_equal(muni,
                      "0376,1942,0402,0406,0417,1696,0457@..2022-03-23");
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    char *v = g_key_file_get_string(kf, "input", keys[i], NULL);
    char *p = g_build_filename(small_a.dir, v, NULL);
    assert_non_null(v);
    assert_true(g_file_test(p, G_FILE_TEST_IS_REGULAR));
    g_free(p);
    g_free(v);
  }
  /* The provider list is Windows-1252: "Cliënt" is C l i 0xEB n t, which
   * is not UTF-8. */
  path = g_build_filename(small_a.dir, "reference/aanbieders.csv", NULL);
  text = tu_read(path, &n);
  assert_non_null(text);
  assert_non_null(strstr(text, "Zorggroep Cli\xebnt"));
  assert_false(g_utf8_validate(text, (gssize)n, NULL));
  assert_true(g_str_has_prefix(text, "agb,name,provider_type,contracted"));
  g_free(text);
  g_free(path);
  /* The catalogue lacks 45A99/43A99/50A01 (used in declarations) and
   * lists 45A03 twice, before and after its change on 2022-01-01. */
  path = g_build_filename(small_a.dir, "reference/productcodes.csv", NULL);
  text = tu_read(path, NULL);
  assert_true(g_str_has_prefix(
      text, "productcode,kind,label,valid_from,valid_to,gemeente\n"));
  assert_null(strstr(text, "45A99"));
  assert_non_null(strstr(text, "45A03,amb_begeleiding,"));
  assert_non_null(strstr(text, ",2021-12-31,\n45A03,amb_behandeling,"));
  g_free(text);
  g_free(path);
  /* Twelve measures; a field with a comma is quoted. */
  path = g_build_filename(small_a.dir, "steering/maatregelen.csv", NULL);
  text = tu_read(path, NULL);
  {
    char **rows = g_strsplit(text, "\n", -1);
    assert_int_equal(g_strv_length(rows), 14); /* header, 12, "" */
    assert_non_null(strstr(rows[2], "\"Drie nieuwe gezinshuizen in "
                                    "Hilversum, Huizen en Gooise Meren\""));
    g_strfreev(rows);
  }
  g_free(text);
  g_free(path);
  /* Targets only for the years the region covers (2020-2021 here). */
  path = g_build_filename(small_a.dir, "steering/targets.csv", NULL);
  text = tu_read(path, NULL);
  assert_non_null(strstr(text, "verblijf.share_gezinsvorm,regio,2020,>=,60"));
  assert_null(strstr(text, ",2022,"));
  g_free(text);
  g_free(path);
  g_free(name);
  g_free(muni);
  g_free(ini);
  g_key_file_free(kf);
}

/* The model behind the files: the region looks like the brief. */
static void test_model(void **state) {
  zt_gen_opts o;
  zt_gen_model m;
  zt_err err;
  long credits = 0, debits = 0;
  (void)state;
  small_opts(&o, 11);
  o.clients_per_year = 2000;
  o.first_year = 2018;
  o.last_year = 2023;
  assert_int_equal(zt_gen_model_build(&o, &m, &err), ZT_OK);
  for (int y = 2018; y <= 2023; y++) {
    zt_day pb = zt_day_from_ymd(y, 1, 1), pe = zt_day_from_ymd(y, 12, 31);
    GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
    long n;
    for (size_t i = 0; i < m.ngood; i++) {
      const zt_gen_line *l = &m.lines[i];
      if (l->begin <= pe && l->end >= pb)
        g_hash_table_add(seen, GUINT_TO_POINTER(l->child + 1));
    }
    n = (long)g_hash_table_size(seen);
    /* About clients_per_year children in care each year (+-25%). */
    assert_true(n >= 1500 && n <= 2500);
    g_hash_table_destroy(seen);
  }
  for (size_t i = 0; i < m.ngood; i++) {
    const zt_gen_line *l = &m.lines[i];
    credits += l->credit;
    debits += !l->credit;
    /* No care before birth. */
    assert_true(l->begin >= m.children[l->child].birth);
    /* A product period never crosses a month (good lines). */
    assert_int_equal(zt_gen_month_of(l->begin), zt_gen_month_of(l->end));
    assert_true(l->amount >= 0);
    if (l->tariff >= 0)
      assert_int_equal(l->amount, l->volume * l->tariff);
    else
      assert_int_equal(l->amount, l->volume);
  }
  /* About 4% of the debits are credited later. */
  assert_true(credits * 100 >= debits * 2 && credits * 100 <= debits * 6);
  zt_gen_model_free(&m);
}

static void test_no_bad_lines(void **state) {
  zt_gen_opts o;
  zt_gen_stats st;
  zt_err err;
  char *dir = tu_tmpdir("gen-clean");
  manifest m;
  decls d;
  region r;
  (void)state;
  small_opts(&o, 3);
  o.clients_per_year = 100;
  o.first_year = o.last_year = 2021;
  o.xml_from_year = 2030; /* CSV only */
  o.bad_lines = false;
  assert_int_equal(zt_gen_region(&o, dir, &st, &err), ZT_OK);
  assert_int_equal(st.bad_lines, 0);
  assert_int_equal(st.bad_files, 0);
  assert_int_equal(st.decl_lines_xml, 0);
  assert_true(st.decl_lines_csv > 0);
  r.dir = dir;
  r.opts = o;
  r.st = st;
  manifest_load(&r, &m);
  assert_int_equal(m.nlines, 0);
  assert_int_equal(g_hash_table_size(m.whole), 0);
  decls_init(&d);
  collect(&r, &m, &d);
  assert_int_equal(d.csv_lines, st.decl_lines_csv);
  assert_int_equal(d.xml_files, 0);
  decls_free(&d);
  manifest_free(&m);
  /* A second run into the same directory is refused: its inbox is not
   * empty. */
  assert_int_equal(zt_gen_region(&o, dir, &st, &err), ZT_ERR_USAGE);
  tu_rmtree(dir);
  g_free(dir);
}

/* All JW323 (no CSV era) and all CSV (no JW323 era), with bad lines: the
 * counts still reconcile and the CSV-only defects get CSV files. */
static void test_one_format(void **state) {
  (void)state;
  for (int v = 0; v < 2; v++) {
    region r;
    manifest m;
    decls d;
    zt_err err;
    small_opts(&r.opts, 21 + (uint64_t)v);
    r.opts.clients_per_year = 150;
    r.opts.first_year = r.opts.last_year = 2022;
    r.opts.xml_from_year = v == 0 ? 2022 : 2023;
    r.dir = tu_tmpdir("gen-fmt");
    assert_int_equal(zt_gen_region(&r.opts, r.dir, &r.st, &err), ZT_OK);
    manifest_load(&r, &m);
    decls_init(&d);
    collect(&r, &m, &d);
    assert_int_equal(d.csv_lines, r.st.decl_lines_csv);
    assert_int_equal(d.xml_lines, r.st.decl_lines_xml);
    assert_int_equal(m.nlines, r.st.bad_lines);
    assert_true(r.st.decl_lines_csv > 0);
    if (v == 0) {
      /* Only the bad lines that the XSD would refuse are in CSV. */
      assert_true(r.st.decl_lines_csv < r.st.bad_lines);
      assert_true(r.st.decl_lines_xml > 1000);
    } else {
      assert_int_equal(r.st.decl_lines_xml, 0);
    }
    decls_free(&d);
    manifest_free(&m);
    tu_rmtree(r.dir);
    g_free(r.dir);
  }
}

static void test_bad_options(void **state) {
  zt_gen_opts o;
  zt_err err;
  char *dir = tu_tmpdir("gen-opts");
  (void)state;
  small_opts(&o, 1);
  o.first_year = 2022;
  o.last_year = 2021;
  assert_int_equal(zt_gen_region(&o, dir, NULL, &err), ZT_ERR_USAGE);
  small_opts(&o, 1);
  o.clients_per_year = 0;
  assert_int_equal(zt_gen_region(&o, dir, NULL, &err), ZT_ERR_USAGE);
  tu_rmtree(dir);
  g_free(dir);
}

/* A sample of the generated messages validates against the iJw schemas
 * shipped in reference/ijw. */
static void validate_sample(const char *xsd_dir, const char *xsd,
                            const char *prefix) {
  char *tmp = tu_tmpdir("gen-xsd");
  GDir *d = g_dir_open(xsd_dir, 0, NULL);
  const char *name;
  char *schema_path;
  xmlSchemaParserCtxt *pc;
  xmlSchema *schema;
  xmlSchemaValidCtxt *vc;
  GPtrArray *files = files_of(small_a.dir);
  manifest m;
  int checked = 0;
  assert_non_null(d);
  /* The message schemas import "basisschema.xsd" in lower case. */
  while ((name = g_dir_read_name(d))) {
    char *src, *data;
    size_t n;
    if (!g_str_has_suffix(name, ".xsd"))
      continue;
    src = g_build_filename(xsd_dir, name, NULL);
    data = tu_read(src, &n);
    g_free(tu_write_bytes(tmp, name, data, n));
    if (strcmp(name, "Basisschema.xsd") == 0)
      g_free(tu_write_bytes(tmp, "basisschema.xsd", data, n));
    g_free(data);
    g_free(src);
  }
  g_dir_close(d);
  schema_path = g_build_filename(tmp, xsd, NULL);
  pc = xmlSchemaNewParserCtxt(schema_path);
  schema = xmlSchemaParse(pc);
  assert_non_null(schema);
  vc = xmlSchemaNewValidCtxt(schema);
  manifest_load(&small_a, &m);
  for (guint i = 0; i < files->len; i++) {
    const char *rel = files->pdata[i];
    char *p;
    if (!g_str_has_prefix(rel, prefix) ||
        g_hash_table_contains(m.whole, rel) || i % 7 != 0)
      continue;
    p = g_build_filename(small_a.dir, rel, NULL);
    assert_int_equal(xmlSchemaValidateFile(vc, p, 0), 0);
    checked++;
    g_free(p);
  }
  assert_true(checked > 0);
  manifest_free(&m);
  xmlSchemaFreeValidCtxt(vc);
  xmlSchemaFree(schema);
  xmlSchemaFreeParserCtxt(pc);
  g_free(schema_path);
  g_ptr_array_free(files, TRUE);
  tu_rmtree(tmp);
  g_free(tmp);
}

static void test_schema_valid(void **state) {
  char *dir = g_build_filename(ZT_SOURCE_DIR, "reference", "ijw", NULL);
  char *probe = g_build_filename(dir, "JW323.xsd", NULL);
  (void)state;
  if (!g_file_test(probe, G_FILE_TEST_IS_REGULAR))
    fail_msg("%s is missing from the repository", probe);
  validate_sample(dir, "JW323.xsd", "inbox/jw323/");
  validate_sample(dir, "JW301.xsd", "inbox/jw301/");
  g_free(probe);
  g_free(dir);
}

static void test_bench(void **state) {
  char *dir = tu_tmpdir("gen-bench");
  char *csv = g_build_filename(dir, "b.csv", NULL);
  char *xml = g_build_filename(dir, "b.xml", NULL);
  char *year = g_build_filename(dir, "year", NULL);
  char *text, **rows;
  size_t n = 0;
  zt_err err;
  xmlDoc *doc;
  long prest = 0, lines = 0;
  (void)state;
  /* CSV: header plus exactly 1000 lines of 15 fields. */
  assert_int_equal(zt_gen_bench_csv(csv, 1000, 5, &err), ZT_OK);
  text = tu_read(csv, &n);
  rows = g_strsplit(text, "\n", -1);
  assert_int_equal(g_strv_length(rows), 1002); /* header, 1000, "" */
  for (int i = 1; i <= 1000; i++) {
    char **f = g_strsplit(rows[i], ";", -1);
    assert_int_equal(g_strv_length(f), 15);
    assert_true(bsn_text_ok(f[2], strlen(f[2])));
    g_strfreev(f);
  }
  g_strfreev(rows);
  g_free(text);
  /* JW323: 250 Prestaties, and the total adds up. */
  assert_int_equal(zt_gen_bench_jw323(xml, 250, 5, &err), ZT_OK);
  doc = xmlReadFile(xml, NULL, XML_PARSE_NONET);
  assert_non_null(doc);
  {
    xmlNode *decl = child_el(xmlDocGetRootElement(doc), "Declaratie");
    xmlNode *tot = child_el(decl, "TotaalIngediendBedrag");
    char *t = text_of(child_el(tot, "TotaalBedrag"));
    char *dc = text_of(child_el(tot, "DebetCredit"));
    int64_t sum = 0, total = g_ascii_strtoll(t, NULL, 10);
    for (xmlNode *c = child_el(decl, "Clienten")->children; c; c = c->next) {
      if (c->type != XML_ELEMENT_NODE)
        continue;
      for (xmlNode *p = child_el(c, "Prestaties")->children; p;
           p = p->next) {
        xmlNode *a;
        char *b, *s;
        if (p->type != XML_ELEMENT_NODE)
          continue;
        prest++;
        a = child_el(p, "IngediendBedrag");
        b = text_of(child_el(a, "Bedrag"));
        s = text_of(child_el(a, "DebetCredit"));
        sum += (s[0] == 'C' ? -1 : 1) * g_ascii_strtoll(b, NULL, 10);
        g_free(b);
        g_free(s);
      }
    }
    assert_true((dc[0] == 'C' ? -total : total) == sum);
    g_free(t);
    g_free(dc);
  }
  xmlFreeDoc(doc);
  assert_int_equal(prest, 250);
  /* A small national year: 3000 lines of 200 clients, one part file. */
  assert_int_equal(zt_gen_bench_year(year, 3000, 200, 2022, 5, &err), ZT_OK);
  {
    char *p = g_build_filename(year, "declaraties", "part-000.csv", NULL);
    text = tu_read(p, NULL);
    assert_non_null(text);
    rows = g_strsplit(text, "\n", -1);
    assert_true(g_str_has_suffix(rows[0], ";debet_credit;geboortedatum"));
    for (int i = 1; rows[i] && rows[i][0]; i++)
      lines++;
    assert_int_equal(lines, 3000);
    g_strfreev(rows);
    g_free(text);
    g_free(p);
    p = g_build_filename(year, "residenties.csv", NULL);
    assert_true(g_file_test(p, G_FILE_TEST_IS_REGULAR));
    g_free(p);
  }
  tu_rmtree(dir);
  g_free(dir);
  g_free(csv);
  g_free(xml);
  g_free(year);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_defaults),
      cmocka_unit_test(test_bsn_draw),
      cmocka_unit_test(test_deterministic),
      cmocka_unit_test(test_layout),
      cmocka_unit_test(test_declarations),
      cmocka_unit_test(test_every_reason),
      cmocka_unit_test(test_people),
      cmocka_unit_test(test_config_and_reference),
      cmocka_unit_test(test_model),
      cmocka_unit_test(test_no_bad_lines),
      cmocka_unit_test(test_one_format),
      cmocka_unit_test(test_bad_options),
      cmocka_unit_test(test_schema_valid),
      cmocka_unit_test(test_bench),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

/*
 * tests/unit/test_csvread.c -- the CSV reader (etl/csvread.c) and mapping
 * files (etl/csvmap.c): kind detection, header order and case, delimiter
 * detection, the unknown-layout message, mapping files, encodings, gzip
 * input, line numbers, and that every record after the header is
 * reported exactly once.
 */
#include "testutil.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "etl/csvmap.h"
#include "etl/csvread.h"
#include "etl/pseudo.h"

/* Generated test BSNs that pass the 11-test:
 * 123456782: 1*9+2*8+3*7+4*6+5*5+6*4+7*3+8*2 = 156, 156 - 2 = 154 = 11*14
 * 111222333: 9+8+7+12+10+8+9+6 = 69, 69 - 3 = 66 = 11*6 */
#define BSN1 "123456782"
#define BSN2 "111222333"

#define DECL_HDR                                                            \
  "aanbieder_agb;gemeente;bsn;toewijzingnummer;referentienummer;"          \
  "vorig_referentienummer;productcategorie;productcode;begindatum;"        \
  "einddatum;volume;eenheid;tarief;bedrag;debet_credit"
#define DECL_LINE(ref)                                                      \
  "12345678;0402;" BSN1 ";1001;" ref ";;43;43A01;2024-01-01;2024-01-31;"   \
  "31;14;15000;465000;D"

/* A sink that writes what it is told into a log, one line each:
 *   R<line>: f0|f1|...      (an absent field shows as "<>")
 *   X<line> <reason> <field>: <message> [<raw>]                    */
typedef struct coll {
  GString *log;
  int rows, rejects, warns;
  long last_line;
  bool ordered;              /* line numbers strictly increase */
  bool euros;
  int stop_after;            /* > 0: fail the row call after that many */
} coll;

static void coll_line(coll *c, long line) {
  if (line <= c->last_line)
    c->ordered = false;
  c->last_line = line;
}

static zt_status c_row(void *ctx, const zt_row *row, zt_err *err) {
  coll *c = ctx;
  const zt_kind_layout *lay = zt_kind_layout_of(row->kind);
  coll_line(c, row->line);
  c->rows++;
  c->euros = row->fmt->money_euros;
  g_string_append_printf(c->log, "R%ld:", row->line);
  for (int i = 0; i < lay->nfields; i++) {
    g_string_append(c->log, i ? "|" : " ");
    if (row->f[i].p)
      g_string_append_len(c->log, row->f[i].p, (gssize)row->f[i].n);
    else
      g_string_append(c->log, "<>");
  }
  g_string_append(c->log, "\n");
  if (c->stop_after && c->rows >= c->stop_after)
    return zt_fail(err, ZT_ERR_STORE, "store full");
  return ZT_OK;
}

static zt_status c_reject(void *ctx, zt_kind kind, long line, zt_reason r,
                          int field, const char *msg, zt_slice raw,
                          zt_err *err) {
  coll *c = ctx;
  (void)kind;
  (void)err;
  coll_line(c, line);
  c->rejects++;
  g_string_append_printf(c->log, "X%ld %s %d: %s [", line,
                         zt_reason_code(r), field, msg);
  g_string_append_len(c->log, raw.p, (gssize)raw.n);
  g_string_append(c->log, "]\n");
  return ZT_OK;
}

static void c_warn(void *ctx, const char *msg) {
  coll *c = ctx;
  c->warns++;
  g_string_append_printf(c->log, "W %s\n", msg);
}

typedef struct result {
  zt_status st;
  zt_kind kind;
  zt_reason reason;
  zt_err err;
  coll c;
} result;

static void result_free(result *r) { g_string_free(r->c.log, TRUE); }

/* Read the file `path` with the given options. */
static result read_path(const char *path, zt_kind want, const char *map,
                        int stop_after) {
  result r;
  zt_source *src;
  zt_read_opts opts = {want, map};
  zt_rowsink sink;
  memset(&r, 0, sizeof r);
  r.c.log = g_string_new("");
  r.c.ordered = true;
  r.c.stop_after = stop_after;
  sink = (zt_rowsink){&r.c, c_row, c_reject, c_warn};
  zt_err_clear(&r.err);
  assert_int_equal(zt_source_open(&src, path, &r.err), ZT_OK);
  r.st = zt_csv_read(src, &opts, &sink, &r.kind, &r.reason, &r.err);
  zt_source_close(src);
  return r;
}

/* Write `n` bytes as a file in a fresh directory and read it. */
static result read_bytes(const char *text, size_t n, zt_kind want,
                         const char *mapping_text) {
  char *dir = tu_tmpdir("csvread");
  char *path = tu_write_bytes(dir, "in.csv", text, n);
  char *map = mapping_text ? tu_write(dir, "map.ini", mapping_text) : NULL;
  result r = read_path(path, want, map, 0);
  tu_rmtree(dir);
  g_free(dir);
  g_free(path);
  g_free(map);
  return r;
}

static result read_text(const char *text, zt_kind want) {
  return read_bytes(text, strlen(text), want, NULL);
}

static result read_map(const char *text, const char *mapping_text) {
  return read_bytes(text, strlen(text), ZT_KIND_AUTO, mapping_text);
}

static void test_kinds(void **state) {
  result r;
  (void)state;
  r = read_text(DECL_HDR "\n" DECL_LINE("R1") "\n", ZT_KIND_AUTO);
  assert_int_equal(r.st, ZT_OK);
  assert_int_equal(r.kind, ZT_KIND_DECLARATIES);
  /* vorig_referentienummer present but empty; the optional columns
   * geboortedatum and declaratienummer absent */
  assert_string_equal(r.c.log->str,
                      "R2: 12345678|0402|" BSN1 "|1001|R1||43|43A01|"
                      "2024-01-01|2024-01-31|31|14|15000|465000|D|<>|<>\n");
  assert_false(r.c.euros);
  result_free(&r);

  r = read_text("bsn;geboortedatum;geslacht\n" BSN1 ";2010-05-01;2\n",
                ZT_KIND_AUTO);
  assert_int_equal(r.kind, ZT_KIND_CLIENTEN);
  assert_string_equal(r.c.log->str, "R2: " BSN1 "|2010-05-01|2\n");
  result_free(&r);

  /* residenties: declaraties has these 4 columns too, but is not complete */
  r = read_text("bsn;gemeente;begindatum;einddatum\n" BSN1
                ";0402;2015-01-01;\n", ZT_KIND_AUTO);
  assert_int_equal(r.kind, ZT_KIND_RESIDENTIES);
  assert_string_equal(r.c.log->str, "R2: " BSN1 "|0402|2015-01-01|\n");
  result_free(&r);

  r = read_text("productcode;kind;label\n43A01;pleegzorg;Pleegzorg\n",
                ZT_KIND_AUTO);
  assert_int_equal(r.kind, ZT_KIND_PRODUCTCODES);
  assert_string_equal(r.c.log->str,
                      "R2: 43A01|pleegzorg|Pleegzorg|<>|<>|<>\n");
  result_free(&r);

  r = read_text("agb,name,provider_type,contracted\n"
                "12345678,\"Jeugdzorg, BV\",J&O,ja\n", ZT_KIND_AUTO);
  assert_int_equal(r.kind, ZT_KIND_AANBIEDERS);
  assert_string_equal(r.c.log->str, "R2: 12345678|Jeugdzorg, BV|J&O|ja\n");
  result_free(&r);

  r = read_text("gemeente;aanbieder_agb;bsn;geboortedatum;geslacht;"
                "toewijzingnummer;ingangsdatum\n"
                "0402;12345678;" BSN2 ";2012-03-04;1;77;2024-01-01\n",
                ZT_KIND_AUTO);
  assert_int_equal(r.kind, ZT_KIND_TOEWIJZINGEN);
  assert_string_equal(r.c.log->str,
                      "R2: 0402|12345678|" BSN2 "|2012-03-04|<>|1|"
                      "77|<>|<>|2024-01-01|<>|<>|<>|<>\n");
  result_free(&r);

  /* asked for: residenties read as clienten is refused */
  r = read_text("bsn;gemeente;begindatum;einddatum\n" BSN1
                ";0402;2015-01-01;\n", ZT_KIND_CLIENTEN);
  assert_int_equal(r.st, ZT_ERR_INPUT);
  assert_int_equal(r.reason, ZT_R_LAYOUT_UNKNOWN);
  assert_non_null(strstr(r.err.msg, "expected for clienten"));
  assert_non_null(strstr(r.err.msg, "missing: geboortedatum"));
  result_free(&r);
}

static void test_header_order_case(void **state) {
  result r;
  (void)state;
  /* BOM, other order, other case, blanks around names, an unknown
   * column, and trailing empty fields beyond the header */
  r = read_text("\xEF\xBB\xBF" "Gemeente;EINDDATUM; bsn ;BeginDatum;Extra\n"
                "0402;;" BSN1 ";2020-01-01;zzz\n"
                "0406;2021-12-31;" BSN2 ";2021-01-01;;;\n",
                ZT_KIND_AUTO);
  assert_int_equal(r.st, ZT_OK);
  assert_int_equal(r.kind, ZT_KIND_RESIDENTIES);
  /* the unknown column is named in one warning (docs/mapping.md) */
  assert_string_equal(r.c.log->str,
                      "W line 1: column 'Extra' is not read (residenties "
                      "has no such column)\n"
                      "R2: " BSN1 "|0402|2020-01-01|\n"
                      "R3: " BSN2 "|0406|2021-01-01|2021-12-31\n");
  result_free(&r);
}

/* One column more than a kind has, of another kind (docs/mapping.md):
 * a startzorg file with an einddatum is a startzorg file, the column
 * named in a warning; with a name no kind knows beside it (it could be
 * a misspelled reden_beeindiging) it is not guessed at. Names in the
 * warning are masked like a BSN. */
#define START_HDR                                                           \
  "aanbieder_agb;gemeente;bsn;toewijzingnummer;productcategorie;"          \
  "productcode;toewijzing_ingangsdatum;begindatum;status_aanlevering"
static void test_one_extra_column(void **state) {
  result r;
  (void)state;
  r = read_text(START_HDR ";einddatum\n"
                "12345678;0402;" BSN1 ";1002;45;45A01;2024-03-01;"
                "2024-03-11;1;2024-05-10\n", ZT_KIND_AUTO);
  assert_int_equal(r.st, ZT_OK);
  assert_int_equal(r.kind, ZT_KIND_STARTZORG);
  assert_int_equal(r.c.warns, 1);
  assert_int_equal(r.c.rows, 1);
  assert_non_null(strstr(r.c.log->str,
                         "W line 1: column 'einddatum' is not read "
                         "(startzorg has no such column); the header has "
                         "more columns of stopzorg, but not its "
                         "reden_beeindiging: read as startzorg\n"));
  assert_non_null(strstr(r.c.log->str, "R2: 12345678|0402|" BSN1 "|1002|"
                                       "45|45A01|2024-03-01|2024-03-11|1\n"));
  result_free(&r);

  /* two unknown columns, one a BSN: named, masked, nothing rejected */
  r = read_text(START_HDR ";opmerking;" BSN2 "\n"
                "12345678;0402;" BSN1 ";1002;45;45A01;2024-03-01;"
                "2024-03-11;1;x;y\n", ZT_KIND_AUTO);
  assert_int_equal(r.kind, ZT_KIND_STARTZORG);
  assert_int_equal(r.c.rows, 1);
  assert_non_null(strstr(r.c.log->str,
                         "W line 1: 2 columns are not read (startzorg has "
                         "no such columns): 'opmerking', '11*****33'\n"));
  assert_null(strstr(r.c.log->str, "W line 1: 2 columns are not read "
                                   "(startzorg has no such columns): "
                                   "'opmerking', '" BSN2));
  result_free(&r);

  /* einddatum and a name no kind knows: perhaps a stopzorg file */
  r = read_text(START_HDR ";einddatum;reden_beeindigng\n"
                "12345678;0402;" BSN1 ";1002;45;45A01;2024-03-01;"
                "2024-03-11;1;2024-05-10;32\n", ZT_KIND_AUTO);
  assert_int_equal(r.st, ZT_ERR_INPUT);
  assert_int_equal(r.reason, ZT_R_LAYOUT_UNKNOWN);
  assert_int_equal(r.c.rows + r.c.rejects, 0);
  assert_non_null(strstr(r.err.msg, "missing: reden_beeindiging; it has "
                                    "every column of startzorg as well, "
                                    "but more of stopzorg, so it is not "
                                    "guessed at"));
  result_free(&r);

  /* asked for as startzorg: read, the columns named */
  r = read_text(START_HDR ";einddatum;reden_beeindigng\n"
                "12345678;0402;" BSN1 ";1002;45;45A01;2024-03-01;"
                "2024-03-11;1;2024-05-10;32\n", ZT_KIND_STARTZORG);
  assert_int_equal(r.st, ZT_OK);
  assert_int_equal(r.c.rows, 1);
  assert_non_null(strstr(r.c.log->str, "W line 1: 2 columns are not read "
                                       "(startzorg has no such columns): "
                                       "'einddatum', 'reden_beeindigng'\n"));
  result_free(&r);

  /* a residence history with a productcode: still one, not declarations */
  r = read_text("bsn;gemeente;begindatum;einddatum;productcode\n" BSN1
                ";0402;2015-01-01;;45A01\n", ZT_KIND_AUTO);
  assert_int_equal(r.kind, ZT_KIND_RESIDENTIES);
  assert_int_equal(r.c.rows, 1);
  result_free(&r);
}

static void test_delimiter(void **state) {
  result r;
  (void)state;
  /* ',' splits the header into 3 known names, ';' into none */
  r = read_text("bsn,geboortedatum,geslacht\n" BSN1 ",2010-05-01,\"1\"\n",
                ZT_KIND_AUTO);
  assert_int_equal(r.kind, ZT_KIND_CLIENTEN);
  assert_string_equal(r.c.log->str, "R2: " BSN1 "|2010-05-01|1\n");
  result_free(&r);
  /* a ';' file whose fields hold commas */
  r = read_text("productcode;label;kind\n43A01;Pleegzorg, kort;pleegzorg\n",
                ZT_KIND_AUTO);
  assert_int_equal(r.kind, ZT_KIND_PRODUCTCODES);
  assert_string_equal(r.c.log->str,
                      "R2: 43A01|pleegzorg|Pleegzorg, kort|<>|<>|<>\n");
  result_free(&r);
}

static void test_unknown_layout(void **state) {
  result r;
  const char *typo =
      "aanbieder_agb;gemeente;bsn;toewijzingnummer;referentienummer;"
      "productcategorie;productcode;begindatum;einddatum;volume;eenheid;"
      "tarief;bedrg;debet_credit\n" DECL_LINE("R1") "\n";
  (void)state;
  /* A declarations header with a typo: it has the 4 residenties columns,
   * but 12 of the 13 required declaration columns, so it is not read as
   * residence history. */
  r = read_text(typo, ZT_KIND_AUTO);
  assert_int_equal(r.st, ZT_ERR_INPUT);
  assert_int_equal(r.reason, ZT_R_LAYOUT_UNKNOWN);
  assert_int_equal(r.c.rows + r.c.rejects, 0);
  assert_non_null(strstr(r.err.msg, "in.csv: line 1: unknown CSV layout"));
  assert_non_null(strstr(r.err.msg, "columns found: aanbieder_agb, gemeente"));
  assert_non_null(strstr(r.err.msg, " bedrg,"));
  assert_non_null(strstr(r.err.msg, "expected for declaraties: "
                                    "aanbieder_agb, gemeente, bsn"));
  assert_non_null(strstr(r.err.msg, "geboortedatum (optional)"));
  assert_non_null(strstr(r.err.msg, "missing: bedrag"));
  result_free(&r);

  /* no header: the first line is data; its BSN is masked */
  r = read_text(BSN1 ";0402;2015-01-01\n", ZT_KIND_AUTO);
  assert_int_equal(r.reason, ZT_R_LAYOUT_UNKNOWN);
  assert_non_null(strstr(r.err.msg, "12*****82"));
  assert_null(strstr(r.err.msg, BSN1));
  result_free(&r);

  r = read_text("", ZT_KIND_AUTO);
  assert_int_equal(r.st, ZT_ERR_INPUT);
  assert_int_equal(r.reason, ZT_R_LAYOUT_UNKNOWN);
  assert_non_null(strstr(r.err.msg, "empty"));
  result_free(&r);

  r = read_bytes("\xFF\xFE" "b\0s\0n\0", 8, ZT_KIND_AUTO, NULL);
  assert_int_equal(r.reason, ZT_R_LAYOUT_UNKNOWN);
  assert_non_null(strstr(r.err.msg, "UTF-16"));
  result_free(&r);

  /* the same column twice */
  r = read_text("bsn;geboortedatum;BSN\n1;2;3\n", ZT_KIND_AUTO);
  assert_int_equal(r.reason, ZT_R_LAYOUT_UNKNOWN);
  assert_non_null(strstr(r.err.msg, "appears 2 times"));
  result_free(&r);
}

static const char *mapping =
    "# test mapping\n"
    "[other]\n"
    "match = Klantnummer\n"
    "kind = clienten\n"
    "\n"
    "[suite4jeugd]\n"
    "match = Clientnummer;AGB-code zorgaanbieder   ; identify the flavour\n"
    "kind = declaraties\n"
    "delimiter = ;\n"
    "encoding = windows-1252        ; auto | utf-8 | windows-1252\n"
    "money = euros\n"
    "column.aanbieder_agb = AGB-code zorgaanbieder\n"
    "column.bsn = BSN\n"
    "column.toewijzingnummer = Toewijzing\n"
    "column.referentienummer = Referentie\n"
    "column.productcategorie = Categorie\n"
    "column.productcode = Product\n"
    "column.begindatum = Van\n"
    "column.einddatum = Tot\n"
    "column.eenheid = Eenheid\n"
    "column.tarief = Tarief\n"
    "column.bedrag = Bedrag\n"
    "column.debet_credit = D/C\n"
    "const.gemeente = 0402   ; the whole export is for Huizen\n";

static void test_mapping(void **state) {
  result r;
  /* Windows-1252: E9 is é, EB is ë. The header's "Cliëntnaam" is unknown
   * and ignored; volume keeps its canonical name. */
  const char *csv =
      "Clientnummer;AGB-code zorgaanbieder;BSN;Toewijzing;Referentie;"
      "Categorie;Product;Van;Tot;volume;Eenheid;Tarief;Bedrag;D/C;"
      "Cli\xEBntnaam\n"
      "C1;12345678;" BSN1 ";1001;R\xE9" "F1;43;43A01;01-01-2024;31-01-2024;"
      "31;14;150,00;\"4.650,00\";D;Zo\xEB\n";
  (void)state;
  r = read_map(csv, mapping);
  assert_int_equal(r.st, ZT_OK);
  assert_int_equal(r.kind, ZT_KIND_DECLARATIES);
  assert_true(r.c.euros);
  /* gemeente from the constant, vorig_referentienummer absent, é as
   * UTF-8 (C3 A9) */
  assert_string_equal(r.c.log->str,
                      "R2: 12345678|0402|" BSN1 "|1001|R\xC3\xA9" "F1|<>|"
                      "43|43A01|01-01-2024|31-01-2024|31|14|150,00|"
                      "4.650,00|D|<>|<>\n");
  result_free(&r);

  /* the flavour matches, but a mapped required column is missing */
  r = read_map("Clientnummer;AGB-code zorgaanbieder;BSN\nC1;1;2\n", mapping);
  assert_int_equal(r.reason, ZT_R_LAYOUT_UNKNOWN);
  assert_non_null(strstr(r.err.msg, "section [suite4jeugd]"));
  assert_non_null(strstr(r.err.msg, "no column 'Toewijzing'"));
  result_free(&r);

  /* no section matches, and no kind: the message says so */
  r = read_map("a;b\n1;2\n", mapping);
  assert_int_equal(r.reason, ZT_R_LAYOUT_UNKNOWN);
  assert_non_null(strstr(r.err.msg, "no section of mapping"));
  result_free(&r);
}

/* The shipped sample (fixtures/samples): Windows-1252, CRLF, a quoted
 * CRLF in an unmapped column, a header name with "ë" that the (UTF-8)
 * mapping names. */
static void test_mapping_sample(void **state) {
  result r = read_path(ZT_SOURCE_DIR "/fixtures/samples/mapping-example.csv",
                       ZT_KIND_AUTO,
                       ZT_SOURCE_DIR "/fixtures/samples/mapping-example.ini",
                       0);
  (void)state;
  assert_int_equal(r.st, ZT_OK);
  assert_int_equal(r.kind, ZT_KIND_DECLARATIES);
  assert_true(r.c.euros);
  assert_int_equal(r.c.rejects, 0);
  /* 6 rows on lines 2, 3, 4 (to 5), 6, 7, 8 */
  assert_int_equal(r.c.rows, 6);
  assert_non_null(strstr(r.c.log->str,
                         "R2: 12345678|0402|" BSN1 "|4001|DR-2024-0001||45|"
                         "45A01|01-01-2024|31-01-2024|12|04|85,50|1.026,00|"
                         "D|14-03-2012|<>\n"));
  assert_non_null(strstr(r.c.log->str, "R4: 12345678|0402|" BSN2));
  assert_non_null(strstr(r.c.log->str,
                         "R6: 12345678|0402|" BSN2 "|4002|DR-2024-0004|"
                         "DR-2024-0003|43|43P01|"));
  assert_non_null(strstr(r.c.log->str, "R8: 87654321|0402|"));
  result_free(&r);
}

static void test_mapping_errors(void **state) {
  char *dir = tu_tmpdir("csvmap");
  zt_csvmap *m = NULL;
  zt_err err;
  static const struct {
    const char *text, *expect;
  } cases[] = {
      {"[a]\nmatch = x\n", "kind: missing"},
      {"[a]\nmatch = x\nkind = declaratie\n", "unknown kind 'declaratie'"},
      {"[a]\nkind = clienten\n", "match: missing"},
      {"[a]\nmatch = x\nkind = clienten\ncolumn.bedrag = B\n",
       "'bedrag' is not a field of clienten"},
      {"[a]\nmatch = x\nkind = clienten\ndelimter = ;\n", "unknown key"},
      {"[a]\nmatch = x\nkind = clienten\nencoding = latin1\n",
       "unknown encoding"},
      {"[a]\nmatch = x\nkind = clienten\nmoney = guilders\n",
       "unknown money format"},
      {"[a]\nmatch = x\nkind = clienten\ncolumn.bsn = B\nconst.bsn = 1\n",
       "both a column and a constant"},
      {"no section\n", "mapping"},
  };
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char *path = tu_write(dir, "m.ini", cases[i].text);
    assert_int_equal(zt_csvmap_load(&m, path, &err), ZT_ERR_USAGE);
    assert_null(m);
    if (!strstr(err.msg, cases[i].expect))
      fail_msg("case %zu: '%s' lacks '%s'", i, err.msg, cases[i].expect);
    g_free(path);
  }
  {
    char *path = tu_write(dir, "m.ini",
                          "[t]\nmatch = Tab kolom;Andere\nkind = aanbieders\n"
                          "delimiter = tab\nencoding = UTF-8\n"
                          "column.agb = AGB code \n");
    assert_int_equal(zt_csvmap_load(&m, path, &err), ZT_OK);
    assert_int_equal(m->nsections, 1);
    assert_int_equal(m->sections[0].delim, '\t');
    assert_int_equal(m->sections[0].enc, ZT_ENC_UTF8);
    assert_int_equal(m->sections[0].nmatch, 2);
    assert_string_equal(m->sections[0].match_key[0], "tab kolom");
    assert_string_equal(m->sections[0].column[ZT_V_AGB], "AGB code");
    zt_csvmap_free(m);
    g_free(path);
  }
  assert_int_equal(zt_csvmap_load(&m, "/nonexistent/m.ini", &err), ZT_ERR_IO);
  tu_rmtree(dir);
  g_free(dir);
}

static void test_encodings(void **state) {
  result r;
  const char *cp = "productcode;kind;label\n43A01;pleegzorg;Cli\xEBnt\n";
  const char *u8 = "productcode;kind;label\n43A01;x;Cli\xC3\xABnt\n"
                   "43A02;x;caf\xE9\n43A03;x;\xE2\x82\xAC 5\n";
  (void)state;
  /* Windows-1252 detected from the first non-ASCII byte, converted */
  r = read_text(cp, ZT_KIND_AUTO);
  assert_string_equal(r.c.log->str,
                      "R2: 43A01|pleegzorg|Cli\xC3\xABnt|<>|<>|<>\n");
  result_free(&r);
  /* UTF-8 decided on line 2; line 3's E9 is invalid: rejected with the
   * label field (ZT_P_LABEL = 2), shown with U+FFFD; line 4 is fine */
  r = read_text(u8, ZT_KIND_AUTO);
  assert_string_equal(r.c.log->str,
                      "R2: 43A01|x|Cli\xC3\xABnt|<>|<>|<>\n"
                      "X3 encoding_invalid 2: column 3 (label): byte 0xE9 "
                      "is not valid utf-8 [43A02;x;caf\xEF\xBF\xBD]\n"
                      "R4: 43A03|x|\xE2\x82\xAC 5|<>|<>|<>\n");
  result_free(&r);
  /* a NUL byte */
  r = read_bytes("productcode;kind\nA\0;x\n", 22, ZT_KIND_AUTO, NULL);
  assert_int_equal(r.c.rejects, 1);
  assert_non_null(strstr(r.c.log->str, "X2 encoding_invalid 0: column 1 "
                                  "(productcode): byte 0x00"));
  result_free(&r);
}

/* A control byte in a field (C0 but TAB, CR and LF; DEL) rejects its
 * line as encoding_invalid, naming the column and the byte's place, in
 * a plain ASCII line, a quoted field and a Windows-1252 one; a tab, and
 * a line end inside quotes, stay allowed. The raw text is handed on as
 * it was (the sink masks it, zt_mask_line: the byte becomes '?'). */
static void test_control_bytes(void **state) {
  result r;
  const char *text = "productcode;kind;label\n"
                     "A1;x;a\x01" "b\n"
                     "A2;x;\"red \x1b[31m\"\n"
                     "A3;x;tab\there\n"
                     "A4;x;\"two\r\nlines\"\n"
                     "A5;x;del\x7f\n"
                     "A6;x;caf\xe9\x08\n"
                     "A7;x;\x1f\n";
  (void)state;
  r = read_text(text, ZT_KIND_AUTO);
  assert_int_equal(r.st, ZT_OK);
  assert_int_equal(r.c.rows, 2);
  assert_int_equal(r.c.rejects, 5);
  assert_non_null(strstr(r.c.log->str,
                         "X2 encoding_invalid 2: column 3 (label): control "
                         "byte 0x01 at byte 2 of the field"));
  assert_non_null(strstr(r.c.log->str,
                         "X3 encoding_invalid 2: column 3 (label): control "
                         "byte 0x1B at byte 5 of the field"));
  assert_non_null(strstr(r.c.log->str, "R4: A3|x|tab\there|"));
  assert_non_null(strstr(r.c.log->str, "R5: A4|x|two\r\nlines|"));
  assert_non_null(strstr(r.c.log->str, "X7 encoding_invalid 2: column 3 "
                                       "(label): control byte 0x7F"));
  assert_non_null(strstr(r.c.log->str, "X8 encoding_invalid 2: column 3 "
                                       "(label): control byte 0x08 at "
                                       "byte 5"));
  assert_non_null(strstr(r.c.log->str, "X9 encoding_invalid 2: column 3 "
                                       "(label): control byte 0x1F at "
                                       "byte 1"));
  result_free(&r);
  /* beyond the header's columns: the field's number */
  r = read_text("productcode;kind\nA;x;\x02\n", ZT_KIND_AUTO);
  assert_int_equal(r.c.rejects, 1);
  assert_non_null(strstr(r.c.log->str, "X2 encoding_invalid -1: field 3: "
                                       "control byte 0x02 at byte 1"));
  result_free(&r);
  /* what the sink does with the raw line: the byte is never written */
  {
    char out[32];
    zt_mask_line("A1;x;a\x01" "b\x1b", 9, NULL, 0, out, sizeof out);
    assert_string_equal(out, "A1;x;a?b?");
  }
}

/* A C1 control character (U+0080..U+009F in UTF-8) in a field rejects
 * its line as a control byte does: a curly apostrophe of Windows-1252
 * decoded as Latin-1 (U+0092), a CSI (U+009B), one at the field's end
 * and one beyond the header's columns; a file in Windows-1252, where
 * 0x92 is that apostrophe, and U+00A0 (the first code point after the
 * C1 block) stay allowed. The sink's mask shows the character as '?',
 * the line still valid UTF-8. */
static void test_c1_controls(void **state) {
  result r;
  const char *text = "productcode;kind;label\n"
                     "A1;x;caf\xc3\xa9 d\xc2\x92" "Artagnan\n"
                     "A2;x;\"red \xc2\x9b" "31m\"\n"
                     "A3;x;no\xc2\xa0" "break\n"
                     "A4;x;end\xc2\x80\n"
                     "A5;x;ok;\xc2\x85\n";
  (void)state;
  r = read_text(text, ZT_KIND_AUTO);
  assert_int_equal(r.st, ZT_OK);
  assert_int_equal(r.c.rows, 1);
  assert_int_equal(r.c.rejects, 4);
  assert_non_null(strstr(r.c.log->str,
                         "X2 encoding_invalid 2: column 3 (label): control "
                         "character U+0092 at byte 8 of the field"));
  assert_non_null(strstr(r.c.log->str, "Latin-1"));
  assert_non_null(strstr(r.c.log->str,
                         "X3 encoding_invalid 2: column 3 (label): control "
                         "character U+009B at byte 5 of the field"));
  assert_non_null(strstr(r.c.log->str, "R4: A3|x|no\xc2\xa0" "break|"));
  assert_non_null(strstr(r.c.log->str,
                         "X5 encoding_invalid 2: column 3 (label): control "
                         "character U+0080 at byte 4 of the field"));
  assert_non_null(strstr(r.c.log->str, "X6 encoding_invalid -1: field 4: "
                                       "control character U+0085 at byte "
                                       "1"));
  result_free(&r);
  /* Windows-1252: 0x92 is an apostrophe, converted to U+2019 */
  r = read_text("productcode;kind;label\nA1;x;d\x92" "Artagnan\n",
                ZT_KIND_AUTO);
  assert_int_equal(r.c.rejects, 0);
  assert_non_null(strstr(r.c.log->str, "R2: A1|x|d\xe2\x80\x99" "Artagnan|"));
  result_free(&r);
  /* the sink's mask: one '?' for the two bytes, valid UTF-8 */
  {
    char out[32];
    const char *raw = "A1;d\xc2\x92" "A;\xc2\x9b" "1;\xc2\xa0";
    zt_mask_line(raw, strlen(raw), NULL, 0, out, sizeof out);
    assert_string_equal(out, "A1;d?A;?1;\xc2\xa0");
  }
}

static void test_gzip(void **state) {
  char *dir = tu_tmpdir("csvgz");
  GString *text = g_string_new(DECL_HDR "\r\n");
  char *plain, *gz;
  result a, b;
  (void)state;
  for (int i = 0; i < 2000; i++)
    g_string_append_printf(text, DECL_LINE("R%d") "\r\n", i);
  plain = tu_write(dir, "d.csv", text->str);
  gz = tu_write_gz(dir, "d.csv.gz", text->str);
  a = read_path(plain, ZT_KIND_AUTO, NULL, 0);
  b = read_path(gz, ZT_KIND_AUTO, NULL, 0);
  assert_int_equal(b.st, ZT_OK);
  assert_int_equal(b.kind, ZT_KIND_DECLARATIES);
  assert_int_equal(b.c.rows, 2000);
  assert_string_equal(a.c.log->str, b.c.log->str);
  assert_non_null(strstr(b.c.log->str, "R2001: 12345678|0402|" BSN1
                                  "|1001|R1999|"));
  result_free(&a);
  result_free(&b);
  g_string_free(text, TRUE);
  g_free(plain);
  g_free(gz);
  tu_rmtree(dir);
  g_free(dir);
}

static void test_line_numbers(void **state) {
  result r;
  (void)state;
  /* line 1 header; 2-4 one row (two quoted line ends); 5 a row; 6 blank;
   * 7 a row */
  r = read_text("productcode;kind;label\n"
                "A;x;\"een\ntwee\r\ndrie\"\n"
                "B;x;y\n"
                "\n"
                "C;x;z\n",
                ZT_KIND_AUTO);
  assert_string_equal(r.c.log->str,
                      "R2: A|x|een\ntwee\r\ndrie|<>|<>|<>\n"
                      "R5: B|x|y|<>|<>|<>\n"
                      "R7: C|x|z|<>|<>|<>\n");
  result_free(&r);
}

static void test_every_line_once(void **state) {
  GString *t = g_string_new("productcode;kind;label\n");
  result r;
  (void)state;
  g_string_append(t, "A;x;ok\n");                         /* 2 row */
  g_string_append(t, "B;x\n");                            /* 3 too few */
  g_string_append(t, "C;x;\"multi\nline\"\n");            /* 4-5 row */
  g_string_append(t, "D;x;y;extra\n");                    /* 6 too many */
  g_string_append(t, "E;x;y;;\n");                        /* 7 row */
  g_string_append(t, "F;x;");                             /* 8 too long */
  for (int i = 0; i < 5000; i++)
    g_string_append_c(t, 'z');
  g_string_append(t, "\n");
  g_string_append(t, "G;x;\xC3\xAB\n");                   /* 9 row */
  g_string_append(t, "H;x;\xEB\n");                       /* 10 encoding */
  g_string_append(t, "\r\n");                             /* 11 blank */
  g_string_append(t, "I;x;\"open\nJ;x;y\n");              /* 12 open, 13 */
  r = read_text(t->str, ZT_KIND_AUTO);
  assert_int_equal(r.st, ZT_OK);
  /* Lines 2..13 after the header are 12 physical lines: 1 blank (11),
   * 1 inside a closed quoted field (5) and 12 - 1 - 1 = 10 records, each
   * reported once: 5 rows (2, 4, 7, 9, 13) + 5 rejects (3, 6, 8, 10, 12).
   * The quote left open on line 12 costs that line only. */
  assert_int_equal(r.c.rows, 5);
  assert_int_equal(r.c.rejects, 5);
  assert_int_equal(r.c.rows + r.c.rejects, 10);
  assert_true(r.c.ordered);
  assert_non_null(strstr(r.c.log->str, "R2: A|"));
  assert_non_null(strstr(r.c.log->str, "X3 field_count -1: the line has 2 "
                                  "fields, the header 3 [B;x]"));
  assert_non_null(strstr(r.c.log->str, "R4: C|x|multi\nline|"));
  assert_non_null(strstr(r.c.log->str, "X6 field_count -1: the line has 4 "
                                  "fields, the header 3"));
  assert_non_null(strstr(r.c.log->str, "R7: E|x|y|"));
  assert_non_null(strstr(r.c.log->str, "X8 field_too_long 2: column 3 (label) "
                                  "is longer than 4096 bytes"));
  assert_non_null(strstr(r.c.log->str, "R9: G|x|\xC3\xAB|"));
  assert_non_null(strstr(r.c.log->str, "X10 encoding_invalid 2:"));
  assert_non_null(strstr(r.c.log->str, "X12 quote_unterminated -1: a "
                                  "quoted field opened on this line"));
  assert_non_null(strstr(r.c.log->str, "R13: J|x|y|"));
  g_string_free(t, TRUE);
  result_free(&r);
}

/* A stray quote that a quote lines below would close (in a column the
 * reader ignores, where the merged line would even be accepted): the
 * line with the stray quote is rejected and every line after it is read
 * as a line of its own; a remark over two lines stays one field. */
static void test_stray_quote_closed_later(void **state) {
  result r;
  (void)state;
  r = read_text("productcode;kind;label;opmerking\n"
                "A;x;a;ok\n"                    /* 2 row */
                "B;x;b;\"zie notitie\n"         /* 3 stray quote */
                "C;x;c;ok\n"                    /* 4 row */
                "D;x;d;ok\n"                    /* 5 row */
                "E;x;e;groep \"2\"\n"           /* 6 row, quotes kept */
                "F;x;f;\"regel een\nregel twee\"\n" /* 7-8 row */
                "G;x;g;ok\n",                   /* 9 row */
                ZT_KIND_AUTO);
  assert_int_equal(r.st, ZT_OK);
  assert_int_equal(r.c.rows, 6);
  assert_int_equal(r.c.rejects, 1);
  assert_non_null(strstr(r.c.log->str, "X3 quote_unterminated -1:"));
  assert_non_null(strstr(r.c.log->str, "R4: C|x|c|"));
  assert_non_null(strstr(r.c.log->str, "R5: D|x|d|"));
  assert_non_null(strstr(r.c.log->str, "R6: E|x|e|"));
  assert_non_null(strstr(r.c.log->str, "R7: F|x|f|"));
  assert_non_null(strstr(r.c.log->str, "R9: G|x|g|"));
  result_free(&r);
}

/* Lines that end in CR alone run together into one header: the file is
 * refused with that cause named, not as an unknown layout. */
static void test_cr_only_lines(void **state) {
  result r = read_text("productcode;kind;label\rA;x;a\rB;x;b\r",
                       ZT_KIND_AUTO);
  (void)state;
  assert_int_equal(r.reason, ZT_R_LAYOUT_UNKNOWN);
  assert_non_null(strstr(r.err.msg, "end in CR alone"));
  assert_int_equal(r.c.rows, 0);
  result_free(&r);
}

/* One line of an LF file that ends in CR alone runs into the next: the
 * merged line is rejected whole, with the CR named, and the lines after
 * it are read as usual. */
static void test_one_cr_line_end(void **state) {
  result r = read_text("productcode;kind;label\n"
                       "A;x;a\rB;x;b\n"
                       "C;x;c\n",
                       ZT_KIND_AUTO);
  (void)state;
  assert_int_equal(r.st, ZT_OK);
  assert_int_equal(r.c.rows, 1);
  assert_int_equal(r.c.rejects, 1);
  assert_non_null(strstr(r.c.log->str, "X2 field_count -1: the line has 5 "
                                       "fields, the header 3; byte 6 is a "
                                       "CR with no LF after it"));
  assert_non_null(strstr(r.c.log->str, "R3: C|x|c"));
  result_free(&r);
}

static void test_sink_stops(void **state) {
  char *dir = tu_tmpdir("csvstop");
  char *path = tu_write(dir, "s.csv", "bsn;geboortedatum\n" BSN1 ";x\n" BSN2
                        ";y\n" BSN1 ";z\n");
  result r = read_path(path, ZT_KIND_AUTO, NULL, 2);
  (void)state;
  assert_int_equal(r.st, ZT_ERR_STORE);
  assert_int_equal(r.reason, ZT_R_NONE);
  assert_int_equal(r.c.rows, 2);
  assert_string_equal(r.err.msg, "store full");
  result_free(&r);
  g_free(path);
  tu_rmtree(dir);
  g_free(dir);
}

#define SNIFF(lit) zt_csv_sniff(lit, sizeof(lit) - 1)

static void test_sniff(void **state) {
  (void)state;
  assert_true(SNIFF("bsn;geboortedatum\n1;2\n"));
  assert_true(SNIFF("\xEF\xBB\xBF\r\nagb,name\n"));
  assert_true(SNIFF("a\tb"));
  assert_true(SNIFF("\xFF\xFE"));
  assert_false(SNIFF("<?xml version=\"1.0\"?>\n<Bericht/>"));
  assert_false(SNIFF("\n\n<Bericht xmlns=\"x\"/>"));
  assert_false(SNIFF("  \r\n\t<Bericht a=\"1,2\"/>"));
  assert_false(SNIFF("one column only\n"));
  assert_false(SNIFF("a;b\x01;c\n"));
  assert_false(SNIFF(""));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_kinds),
      cmocka_unit_test(test_header_order_case),
      cmocka_unit_test(test_one_extra_column),
      cmocka_unit_test(test_delimiter),
      cmocka_unit_test(test_unknown_layout),
      cmocka_unit_test(test_mapping),
      cmocka_unit_test(test_mapping_sample),
      cmocka_unit_test(test_mapping_errors),
      cmocka_unit_test(test_encodings),
      cmocka_unit_test(test_control_bytes),
      cmocka_unit_test(test_c1_controls),
      cmocka_unit_test(test_gzip),
      cmocka_unit_test(test_line_numbers),
      cmocka_unit_test(test_every_line_once),
      cmocka_unit_test(test_stray_quote_closed_later),
      cmocka_unit_test(test_cr_only_lines),
      cmocka_unit_test(test_one_cr_line_end),
      cmocka_unit_test(test_sink_stops),
      cmocka_unit_test(test_sniff),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

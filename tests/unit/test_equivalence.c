/*
 * tests/unit/test_equivalence.c -- the same logical declarations ingested
 * as canonical CSV and as a JW323 message give identical store contents
 * (every stored column but the file and line), credits and clients
 * included; and the same file given twice is a no-op.
 */
#include "testutil.h"

#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "etl/ingest.h"
#include "etl/pseudo.h"
#include "etl/refdata.h"
#include "etl/store.h"

/* The lines: ref, prev ref (credit), bsn seed, code, category, begin,
 * end, volume, unit, tariff, amount, D/C. */
static const struct line {
  const char *ref, *prev;
  unsigned bsn;
  const char *code, *cat, *begin, *end;
  int volume;
  const char *unit;
  int tariff, amount;
  char dc;
} lines[] = {
    {"R1", NULL, 1, "45A01", "45", "2022-03-01", "2022-03-31", 10, "04", 9500,
     95000, 'D'},
    {"R2", NULL, 1, "43A01", "43", "2022-03-01", "2022-03-31", 31, "14", 5000,
     155000, 'D'},
    {"R3", NULL, 2, "54001", "54", "2022-03-05", "2022-03-20", 90, "01", 160,
     14400, 'D'},
    {"R4", "R1", 1, "45A01", "45", "2022-03-01", "2022-03-31", 10, "04", 9500,
     95000, 'C'},
    {"R5", NULL, 1, "45A01", "45", "2022-03-01", "2022-03-31", 8, "04", 9500,
     76000, 'D'},
    {"R6", NULL, 3, "46A01", "46", "2022-03-10", "2022-03-12", 3, "14", 30000,
     90000, 'D'},
    {"R7", "R0", 3, "45A01", "45", "2022-03-01", "2022-03-31", 1, "04", 100,
     100, 'C'}, /* its debit never came: quarantine */
};
#define NLINES (sizeof lines / sizeof lines[0])

static char *csv_text(void) {
  GString *s = g_string_new(
      "aanbieder_agb;gemeente;bsn;toewijzingnummer;referentienummer;"
      "vorig_referentienummer;productcategorie;productcode;begindatum;"
      "einddatum;volume;eenheid;tarief;bedrag;debet_credit;"
      "declaratienummer\r\n");
  for (size_t i = 0; i < NLINES; i++) {
    const struct line *l = &lines[i];
    char bsn[10];
    tu_bsn(l->bsn, bsn);
    g_string_append_printf(s,
                           "12345678;0402;%s;%u;%s;%s;%s;%s;%s;%s;%d;%s;%d;"
                           "%d;%c;D2203\r\n",
                           bsn, 1000 + l->bsn, l->ref, l->prev ? l->prev : "",
                           l->cat, l->code, l->begin, l->end, l->volume,
                           l->unit, l->tariff, l->amount, l->dc);
  }
  return g_string_free(s, FALSE);
}

static char *xml_text(void) {
  GString *s = g_string_new(NULL);
  long total = 0;
  for (size_t i = 0; i < NLINES; i++)
    total += lines[i].dc == 'C' ? -lines[i].amount : lines[i].amount;
  g_string_append_printf(
      s,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<a:Bericht xmlns:a=\"http://www.istandaarden.nl/ijw/3_2/jw323/schema\" "
      "xmlns:b=\"http://www.istandaarden.nl/ijw/3_2/basisschema/schema\">\n"
      "<a:Header><a:BerichtCode>490</a:BerichtCode><a:BerichtVersie>3"
      "</a:BerichtVersie><a:BerichtSubversie>2</a:BerichtSubversie>"
      "<a:Afzender>12345678</a:Afzender><a:Ontvanger>0402</a:Ontvanger>"
      "<a:BerichtIdentificatie><b:Identificatie>M1</b:Identificatie>"
      "<b:Dagtekening>2022-04-05</b:Dagtekening></a:BerichtIdentificatie>"
      "<a:XsdVersie><b:BasisschemaXsdVersie>1.0.0</b:BasisschemaXsdVersie>"
      "<b:BerichtXsdVersie>1.0.0</b:BerichtXsdVersie></a:XsdVersie>"
      "</a:Header>\n<a:Declaratie><a:DeclaratieNummer>D2203"
      "</a:DeclaratieNummer><a:DeclaratiePeriode><b:Begindatum>2022-03-01"
      "</b:Begindatum><b:Einddatum>2022-03-31</b:Einddatum>"
      "</a:DeclaratiePeriode><a:DeclaratieDagtekening>2022-04-05"
      "</a:DeclaratieDagtekening><a:TotaalIngediendBedrag><b:TotaalBedrag>"
      "%ld</b:TotaalBedrag><b:DebetCredit>%c</b:DebetCredit>"
      "</a:TotaalIngediendBedrag><a:Clienten>\n",
      total < 0 ? -total : total, total < 0 ? 'C' : 'D');
  /* One Client element per line keeps the line order of the CSV. */
  for (size_t i = 0; i < NLINES; i++) {
    const struct line *l = &lines[i];
    char bsn[10];
    tu_bsn(l->bsn, bsn);
    g_string_append_printf(
        s,
        "<a:Client><a:Bsn>%s</a:Bsn><a:Prestaties><a:Prestatie>"
        "<a:ProductReferentie><b:ReferentieNummer>%s</b:ReferentieNummer>",
        bsn, l->ref);
    if (l->prev)
      g_string_append_printf(
          s, "<b:VorigReferentieNummer>%s</b:VorigReferentieNummer>",
          l->prev);
    g_string_append_printf(
        s,
        "</a:ProductReferentie><a:ToewijzingNummer>%u</a:ToewijzingNummer>"
        "<a:ProductCategorie>%s</a:ProductCategorie><a:ProductCode>%s"
        "</a:ProductCode><a:ProductPeriode><b:Begindatum>%s</b:Begindatum>"
        "<b:Einddatum>%s</b:Einddatum></a:ProductPeriode><a:GeleverdVolume>"
        "%d</a:GeleverdVolume><a:Eenheid>%s</a:Eenheid><a:ProductTarief>%d"
        "</a:ProductTarief><a:IngediendBedrag><b:Bedrag>%d</b:Bedrag>"
        "<b:DebetCredit>%c</b:DebetCredit></a:IngediendBedrag></a:Prestatie>"
        "</a:Prestaties></a:Client>\n",
        1000 + l->bsn, l->cat, l->code, l->begin, l->end, l->volume, l->unit,
        l->tariff, l->amount, l->dc);
  }
  g_string_append(s, "</a:Clienten></a:Declaratie></a:Bericht>\n");
  return g_string_free(s, FALSE);
}

/* Everything stored about the declarations and clients, as text. */
static char *contents(zt_store *s) {
  static const char *sql =
      "SELECT c.pseudonym, d.agb, d.gemeente, d.toewijzing, d.ref, "
      "d.ref_key, d.prev_ref, d.category, d.product_code, d.begin_day, "
      "d.end_day, d.volume, d.unit, d.tariff, d.amount, d.credit, "
      "(SELECT ref FROM declaration x WHERE x.id = d.debit_id), "
      "d.declaratie_nr FROM declaration d JOIN client c ON c.id = "
      "d.client_id ORDER BY d.agb, d.ref";
  GString *out = g_string_new(NULL);
  sqlite3_stmt *st;
  assert_int_equal(sqlite3_prepare_v2(zt_store_db(s), sql, -1, &st, NULL),
                   SQLITE_OK);
  while (sqlite3_step(st) == SQLITE_ROW) {
    for (int c = 0; c < sqlite3_column_count(st); c++) {
      const unsigned char *v = sqlite3_column_text(st, c);
      g_string_append_printf(out, "%s|", v ? (const char *)v : "NULL");
    }
    g_string_append_c(out, '\n');
  }
  sqlite3_finalize(st);
  return g_string_free(out, FALSE);
}

static char *ingest(const char *path, zt_refdata *rd, zt_ingest_run *run,
                    zt_store **keep) {
  unsigned char key[ZT_KEY_BYTES] = {7, 7, 7};
  zt_pseudonymizer *ps;
  zt_store *s;
  zt_validator v;
  zt_ingest_opts o;
  char *text;
  memset(&o, 0, sizeof o);
  assert_int_equal(zt_pseudo_open_key(&ps, key, NULL), ZT_OK);
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  v = (zt_validator){rd, ps, 0, 0, 0};
  assert_int_equal(zt_ingest_paths(s, &v, &path, 1, &o, run, NULL), ZT_OK);
  text = contents(s);
  zt_pseudo_close(ps);
  if (keep)
    *keep = s;
  else
    zt_store_close(s);
  return text;
}

static void test_csv_equals_jw323(void **state) {
  char *dir = tu_tmpdir("equiv");
  char *ctext = csv_text(), *xtext = xml_text();
  char *cpath = tu_write(dir, "d.csv", ctext);
  char *xpath = tu_write(dir, "d.xml", xtext);
  zt_refdata *rd;
  zt_ingest_run rc, rx;
  char *a, *b;
  (void)state;
  assert_int_equal(zt_refdata_load(&rd, ZT_SOURCE_DIR "/reference", NULL),
                   ZT_OK);
  a = ingest(cpath, rd, &rc, NULL);
  b = ingest(xpath, rd, &rx, NULL);
  /* every line stored from both, the waiting credit included */
  assert_int_equal(rc.total.read, (long)NLINES);
  assert_int_equal(rc.total.accepted, (long)NLINES);
  assert_int_equal(rx.total.accepted, (long)NLINES);
  assert_int_equal(rc.total.credits_linked, 1);
  assert_int_equal(rx.total.credits_linked, 1);
  assert_int_equal(rc.total.credits_waiting, 1);
  assert_int_equal(rx.total.credits_waiting, 1);
  assert_string_equal(rc.files[0].format, "csv");
  assert_string_equal(rx.files[0].format, "jw323");
  /* 7 stored lines, one text line each */
  {
    int n = 0;
    for (const char *p = a; *p; p++)
      n += *p == '\n';
    assert_int_equal(n, (int)NLINES);
  }
  assert_string_equal(a, b);
  zt_ingest_run_free(&rc);
  zt_ingest_run_free(&rx);
  g_free(a);
  g_free(b);
  zt_refdata_free(rd);
  tu_rmtree(dir);
  g_free(dir);
  g_free(ctext);
  g_free(xtext);
  g_free(cpath);
  g_free(xpath);
}

static void test_same_file_twice(void **state) {
  char *dir = tu_tmpdir("equiv");
  char *ctext = csv_text();
  char *cpath = tu_write(dir, "d.csv", ctext);
  char *copy = tu_write(dir, "copy-with-other-name.csv", ctext);
  const char *paths[2] = {cpath, copy};
  unsigned char key[ZT_KEY_BYTES] = {7};
  zt_pseudonymizer *ps;
  zt_refdata *rd;
  zt_store *s;
  zt_validator v;
  zt_ingest_opts o;
  zt_ingest_run run;
  (void)state;
  memset(&o, 0, sizeof o);
  assert_int_equal(zt_refdata_load(&rd, ZT_SOURCE_DIR "/reference", NULL),
                   ZT_OK);
  assert_int_equal(zt_pseudo_open_key(&ps, key, NULL), ZT_OK);
  assert_int_equal(zt_store_open(&s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  v = (zt_validator){rd, ps, 0, 0, 0};
  assert_int_equal(zt_ingest_paths(s, &v, paths, 2, &o, &run, NULL), ZT_OK);
  assert_int_equal(run.nfiles, 2);
  assert_int_equal(run.files[0].status, ZT_FILE_INGESTED);
  /* the same bytes under another name: recognised, nothing stored */
  assert_int_equal(run.files[1].status, ZT_FILE_ALREADY);
  assert_int_equal(run.files_already, 1);
  assert_int_equal(run.total.accepted, (long)NLINES);
  zt_ingest_run_free(&run);
  zt_store_close(s);
  zt_pseudo_close(ps);
  zt_refdata_free(rd);
  tu_rmtree(dir);
  g_free(dir);
  g_free(ctext);
  g_free(cpath);
  g_free(copy);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_csv_equals_jw323),
      cmocka_unit_test(test_same_file_twice),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

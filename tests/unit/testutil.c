/*
 * tests/unit/testutil.c -- helpers shared by the unit tests (testutil.h).
 */
#include "testutil.h"

#include <ftw.h>
#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "etl/store.h"

char *tu_tmpdir(const char *tag) {
  const char *base = getenv("TMPDIR");
  char *tmpl = g_strdup_printf("%s/zt-%s-XXXXXX", base ? base : "/tmp", tag);
  if (!g_mkdtemp(tmpl)) {
    fprintf(stderr, "cannot create %s\n", tmpl);
    abort();
  }
  return tmpl;
}

char *tu_write_bytes(const char *dir, const char *name, const void *p,
                     size_t n) {
  char *path = g_build_filename(dir, name, NULL);
  GError *e = NULL;
  if (!g_file_set_contents(path, p, (gssize)n, &e)) {
    fprintf(stderr, "cannot write %s: %s\n", path, e->message);
    abort();
  }
  return path;
}

char *tu_write(const char *dir, const char *name, const char *text) {
  return tu_write_bytes(dir, name, text, strlen(text));
}

char *tu_write_gz(const char *dir, const char *name, const char *text) {
  char *path = g_build_filename(dir, name, NULL);
  gzFile gz = gzopen(path, "wb");
  assert_non_null(gz);
  assert_int_equal(gzwrite(gz, text, (unsigned)strlen(text)),
                   (int)strlen(text));
  assert_int_equal(gzclose(gz), Z_OK);
  return path;
}

char *tu_read(const char *path, size_t *len) {
  gchar *data = NULL;
  gsize n = 0;
  if (!g_file_get_contents(path, &data, &n, NULL))
    return NULL;
  if (len)
    *len = n;
  return data;
}

static int rm_one(const char *path, const struct stat *sb, int flag,
                  struct FTW *ftw) {
  (void)sb;
  (void)flag;
  (void)ftw;
  return remove(path);
}

void tu_rmtree(const char *dir) {
  nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

void tu_bsn(unsigned seed, char out[10]) {
  /* Walk 8-digit prefixes from 90000000 upwards and keep those whose
   * check digit (sum d1*9 + ... + d8*2 mod 11) is a single digit. */
  unsigned prefix = 90000000u + seed * 7919u % 9999999u;
  for (;; prefix++) {
    unsigned sum = 0, p = prefix;
    for (int i = 7; i >= 0; i--) {
      unsigned d = p % 10;
      p /= 10;
      out[i] = (char)('0' + d);
      sum += d * (unsigned)(9 - i);
    }
    if (sum % 11 < 10) {
      out[8] = (char)('0' + sum % 11);
      out[9] = '\0';
      return;
    }
  }
}

long tu_count(struct zt_store *s, const char *sql) {
  sqlite3_stmt *st;
  long n = -1;
  assert_int_equal(sqlite3_prepare_v2(zt_store_db(s), sql, -1, &st, NULL),
                   SQLITE_OK);
  if (sqlite3_step(st) == SQLITE_ROW)
    n = (long)sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return n;
}

void tu_env_open(tu_env *e, const char *tag,
                 const unsigned char key[ZT_KEY_BYTES]) {
  e->dir = tu_tmpdir(tag);
  assert_int_equal(zt_refdata_load(&e->rd, ZT_SOURCE_DIR "/reference",
                                   NULL),
                   ZT_OK);
  assert_int_equal(zt_pseudo_open_key(&e->ps, key, NULL), ZT_OK);
  assert_int_equal(zt_store_open(&e->s, NULL, ZT_STORE_MEMORY, NULL), ZT_OK);
  e->v = (zt_validator){e->rd, e->ps, 0, 0, 0};
}

void tu_env_close(tu_env *e) {
  zt_store_close(e->s);
  zt_pseudo_close(e->ps);
  zt_refdata_free(e->rd);
  tu_rmtree(e->dir);
  g_free(e->dir);
}

/* ---- iJw messages ------------------------------------------------------ */

#define TU_NS "http://www.istandaarden.nl/ijw/3_2/"

char *tu_jw325(const char *id, const char *decl, const char *nr,
               const char *hcodes, const char *dcodes, const tu_aline *l,
               size_t n) {
  GString *s = g_string_new(NULL);
  gchar **hc = g_strsplit(hcodes, " ", -1);
  g_string_append_printf(
      s,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<r:Bericht xmlns:r=\"" TU_NS "jw325/schema\" xmlns:b=\"" TU_NS
      "basisschema/schema\"><r:Header><r:BerichtCode>491</r:BerichtCode>"
      "<r:BerichtVersie>3</r:BerichtVersie><r:BerichtSubversie>2"
      "</r:BerichtSubversie><r:Afzender>0402</r:Afzender>"
      "<r:Ontvanger>12345678</r:Ontvanger><r:BerichtIdentificatie>"
      "<b:Identificatie>%s</b:Identificatie><b:Dagtekening>2023-06-12"
      "</b:Dagtekening></r:BerichtIdentificatie><r:XsdVersie>"
      "<b:BasisschemaXsdVersie>1.0.0</b:BasisschemaXsdVersie>"
      "<b:BerichtXsdVersie>1.0.0</b:BerichtXsdVersie></r:XsdVersie>"
      "<r:DeclaratieIdentificatie><b:Identificatie>%s</b:Identificatie>"
      "<b:Dagtekening>2023-06-05</b:Dagtekening>"
      "</r:DeclaratieIdentificatie><r:XsdVersieDeclaratie>"
      "<b:BasisschemaXsdVersie>1.0.0</b:BasisschemaXsdVersie>"
      "<b:BerichtXsdVersie>1.0.0</b:BerichtXsdVersie>"
      "</r:XsdVersieDeclaratie><r:RetourCodes>",
      id, decl);
  for (gchar **c = hc; *c; c++)
    g_string_append_printf(s, "<r:RetourCode>%s</r:RetourCode>", *c);
  g_string_append(s, "</r:RetourCodes></r:Header>\n");
  g_strfreev(hc);
  if (nr) {
    gchar **dc = g_strsplit(dcodes, " ", -1);
    g_string_append_printf(
        s,
        "<r:DeclaratieAntwoord><r:DeclaratieNummer>%s</r:DeclaratieNummer>"
        "<r:TotaalIngediendBedrag><b:TotaalBedrag>0</b:TotaalBedrag>"
        "<b:DebetCredit>D</b:DebetCredit></r:TotaalIngediendBedrag>"
        "<r:TotaalToegekendBedrag><b:TotaalBedrag>0</b:TotaalBedrag>"
        "<b:DebetCredit>D</b:DebetCredit></r:TotaalToegekendBedrag>\n",
        nr);
    if (n)
      g_string_append(s, "<r:Clienten>");
    for (size_t i = 0; i < n; i++) {
      char bsn[10];
      gchar **lc = g_strsplit(l[i].codes, " ", -1);
      tu_bsn(l[i].bsn, bsn);
      g_string_append_printf(
          s,
          "<r:Client><r:Bsn>%s</r:Bsn><r:Prestaties><r:Prestatie>"
          "<r:ProductReferentie><b:ReferentieNummer>%s</b:ReferentieNummer>"
          "</r:ProductReferentie><r:ToewijzingNummer>1</r:ToewijzingNummer>"
          "<r:ProductCategorie>45</r:ProductCategorie><r:ProductCode>45A01"
          "</r:ProductCode><r:ProductPeriode><b:Begindatum>2023-01-01"
          "</b:Begindatum><b:Einddatum>2023-01-28</b:Einddatum>"
          "</r:ProductPeriode><r:GeleverdVolume>1</r:GeleverdVolume>"
          "<r:Eenheid>04</r:Eenheid><r:IngediendBedrag><b:Bedrag>%d"
          "</b:Bedrag><b:DebetCredit>D</b:DebetCredit></r:IngediendBedrag>"
          "<r:RetourCodes>",
          bsn, l[i].ref, l[i].cents);
      for (gchar **c = lc; *c; c++)
        g_string_append_printf(s, "<r:RetourCode>%s</r:RetourCode>", *c);
      g_string_append(s, "</r:RetourCodes></r:Prestatie></r:Prestaties>"
                         "<r:RetourCodes><r:RetourCode>0200</r:RetourCode>"
                         "</r:RetourCodes></r:Client>\n");
      g_strfreev(lc);
    }
    if (n)
      g_string_append(s, "</r:Clienten>");
    g_string_append(s, "<r:RetourCodes>");
    for (gchar **c = dc; *c; c++)
      g_string_append_printf(s, "<r:RetourCode>%s</r:RetourCode>", *c);
    g_string_append(s, "</r:RetourCodes></r:DeclaratieAntwoord>\n");
    g_strfreev(dc);
  }
  g_string_append(s, "</r:Bericht>\n");
  return g_string_free(s, FALSE);
}

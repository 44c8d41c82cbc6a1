/*
 * bench/bench_flow.c -- ingest speed of JW305 (start zorg) and JW307
 * (stop zorg) per line against JW301 (toewijzing), the goal being within
 * 1.5x (docs/benchmarks.md). Writes three messages of N lines each (one
 * client, N products with their own ToewijzingNummer), ingests each into
 * a fresh store on disk through the same path as `zothuis ingest`
 * (read, validate, pseudonymize, store), best of three, and prints
 * microseconds per line and the ratios.
 *
 * Usage: bench_flow REFERENCE_DIR WORK_DIR [LINES]   (default 200000)
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "etl/ingest.h"
#include "etl/pseudo.h"
#include "etl/refdata.h"
#include "etl/store.h"

#define NS_B "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"

static void head(GString *s, const char *msg, const char *code,
                 const char *from, const char *to) {
  g_string_append_printf(
      s,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<m:Bericht xmlns:b=\""
      NS_B "\" xmlns:m=\"http://www.istandaarden.nl/ijw/3_2/%s/schema\">\n"
      "<m:Header><m:BerichtCode>%s</m:BerichtCode><m:BerichtVersie>3"
      "</m:BerichtVersie><m:BerichtSubversie>2</m:BerichtSubversie>"
      "<m:Afzender>%s</m:Afzender><m:Ontvanger>%s</m:Ontvanger>"
      "<m:BerichtIdentificatie><b:Identificatie>B1</b:Identificatie>"
      "<b:Dagtekening>2024-12-31</b:Dagtekening></m:BerichtIdentificatie>"
      "</m:Header>\n<m:Client><m:Bsn>999900006</m:Bsn><m:Geboortedatum>"
      "<b:Datum>2012-05-01</b:Datum></m:Geboortedatum><m:Geslacht>1"
      "</m:Geslacht>\n",
      msg, code, from, to);
}

static char *write_msg(const char *dir, int kind, long n) {
  GString *s = g_string_new(NULL);
  char *path;
  static const char *const names[3] = {"jw301.xml", "jw305.xml",
                                       "jw307.xml"};
  if (kind == 0) {
    head(s, "jw301", "436", "0402", "12345678");
    g_string_append(s, "<m:ToegewezenProducten>\n");
  } else {
    head(s, kind == 1 ? "jw305" : "jw307", kind == 1 ? "438" : "440",
         "12345678", "0402");
    g_string_append(s, kind == 1 ? "<m:StartProducten>\n"
                                 : "<m:StopProducten>\n");
  }
  for (long i = 0; i < n; i++) {
    char b[11], e[11];
    zt_date_iso(zt_day_from_ymd(2023, 1, 1) + (zt_day)(i % 300), b);
    zt_date_iso(zt_day_from_ymd(2023, 1, 1) + (zt_day)(i % 300) + 30, e);
    if (kind == 0)
      g_string_append_printf(
          s,
          "<m:ToegewezenProduct><m:ToewijzingNummer>%ld</m:ToewijzingNummer>"
          "<m:ReferentieAanbieder>VOT%ld</m:ReferentieAanbieder><m:Product>"
          "<b:Categorie>45</b:Categorie><b:Code>45A01</b:Code></m:Product>"
          "<m:Toewijzingsdatum>%s</m:Toewijzingsdatum><m:Toewijzingstijd>"
          "10:00:00</m:Toewijzingstijd><m:Ingangsdatum>%s</m:Ingangsdatum>"
          "<m:Einddatum>%s</m:Einddatum></m:ToegewezenProduct>\n",
          100000 + i, i, b, b, e);
    else
      g_string_append_printf(
          s,
          "<m:%s><m:ToewijzingNummer>%ld</m:ToewijzingNummer><m:Product>"
          "<b:Categorie>45</b:Categorie><b:Code>45A01</b:Code></m:Product>"
          "<m:ToewijzingIngangsdatum>%s</m:ToewijzingIngangsdatum>"
          "<m:Begindatum>%s</m:Begindatum>%s%s%s"
          "<m:StatusAanlevering>1</m:StatusAanlevering></m:%s>\n",
          kind == 1 ? "StartProduct" : "StopProduct", 100000 + i, b, b,
          kind == 2 ? "<m:RedenBeeindiging>31</m:RedenBeeindiging>"
                      "<m:Einddatum>" : "",
          kind == 2 ? e : "", kind == 2 ? "</m:Einddatum>" : "",
          kind == 1 ? "StartProduct" : "StopProduct");
  }
  g_string_append(s, kind == 0   ? "</m:ToegewezenProducten>"
                     : kind == 1 ? "</m:StartProducten>"
                                 : "</m:StopProducten>");
  g_string_append(s, "</m:Client></m:Bericht>\n");
  path = g_build_filename(dir, names[kind], NULL);
  if (!g_file_set_contents(path, s->str, (gssize)s->len, NULL)) {
    fprintf(stderr, "bench_flow: cannot write %s\n", path);
    exit(2);
  }
  g_string_free(s, TRUE);
  return path;
}

/* Seconds to ingest `path` into a fresh store under dir. */
static double ingest(const char *dir, const char *path, zt_refdata *rd,
                     long expect) {
  unsigned char key[ZT_KEY_BYTES] = {9, 8, 7};
  char *db = g_build_filename(dir, "bench.db", NULL);
  char *wal = g_strconcat(db, "-wal", NULL);
  zt_pseudonymizer *ps;
  zt_store *s;
  zt_validator v;
  zt_ingest_opts o;
  zt_ingest_run run;
  zt_err err;
  gint64 t0, t1;
  remove(db);
  remove(wal);
  memset(&o, 0, sizeof o);
  if (zt_pseudo_open_key(&ps, key, &err) ||
      zt_store_open(&s, db, ZT_STORE_INIT, &err)) {
    fprintf(stderr, "bench_flow: %s\n", err.msg);
    exit(2);
  }
  v = (zt_validator){rd, ps, 0, 0, 0};
  t0 = g_get_monotonic_time();
  if (zt_ingest_paths(s, &v, &path, 1, &o, &run, &err) ||
      zt_store_commit(s, &err)) {
    fprintf(stderr, "bench_flow: %s\n", err.msg);
    exit(2);
  }
  t1 = g_get_monotonic_time();
  if (run.total.accepted != expect) {
    fprintf(stderr, "bench_flow: %s: %ld accepted, expected %ld\n", path,
            run.total.accepted, expect);
    exit(2);
  }
  zt_ingest_run_free(&run);
  zt_store_close(s);
  zt_pseudo_close(ps);
  remove(db);
  remove(wal);
  g_free(db);
  g_free(wal);
  return (double)(t1 - t0) / 1e6;
}

int main(int argc, char **argv) {
  long n = argc > 3 ? strtol(argv[3], NULL, 10) : 200000;
  zt_refdata *rd;
  zt_err err;
  double best[3];
  static const char *const label[3] = {"JW301", "JW305", "JW307"};
  if (argc < 3 || n <= 0) {
    fprintf(stderr, "usage: bench_flow REFERENCE_DIR WORK_DIR [LINES]\n");
    return 2;
  }
  if (zt_refdata_load(&rd, argv[1], &err)) {
    fprintf(stderr, "bench_flow: %s\n", err.msg);
    return 2;
  }
  g_mkdir_with_parents(argv[2], 0700);
  for (int k = 0; k < 3; k++) {
    char *path = write_msg(argv[2], k, n);
    best[k] = 1e30;
    for (int r = 0; r < 3; r++) {
      double t = ingest(argv[2], path, rd, n);
      if (t < best[k])
        best[k] = t;
    }
    printf("%s: %ld lines in %.3f s: %.2f us/line\n", label[k], n, best[k],
           best[k] * 1e6 / (double)n);
    remove(path);
    g_free(path);
  }
  printf("JW305 / JW301 = %.2fx, JW307 / JW301 = %.2fx (goal <= 1.5x)\n",
         best[1] / best[0], best[2] / best[0]);
  zt_refdata_free(rd);
  return best[1] / best[0] <= 1.5 && best[2] / best[0] <= 1.5 ? 0 : 1;
}

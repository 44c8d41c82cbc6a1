/*
 * tests/unit/test_double.c -- possible double declarations
 * (etl/double.c, docs/rules.md §8): lines of one client alike in
 * provider, product, period, volume, unit and amount under another
 * reference form a group, every line after the first one is a repeat;
 * a line cancelled by a credit or rejected by an answer is not counted,
 * another amount or product code makes no double, and a resend under
 * the same reference is not a line of its own.
 */
#include "testutil.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "etl/double.h"
#include "etl/ingest.h"
#include "etl/normalize.h"
#include "etl/pseudo.h"
#include "etl/refdata.h"
#include "etl/snapshot.h"
#include "etl/store.h"

#define NS "http://www.istandaarden.nl/ijw/3_2/"

/* One JW323 line: reference, previous reference of a credit (NULL for a
 * debit), bsn seed, month of 2023, product code, volume (hours), amount
 * in cents, assignment number (0: the client's own, 1000 + bsn seed). */
typedef struct dline {
  const char *ref;
  const char *prev;
  unsigned bsn;
  int month;
  const char *code;
  int volume;
  int cents;
  unsigned toewijzing;
} dline;

static char *jw323(const char *id, const char *nr, const dline *l,
                   size_t n) {
  GString *s = g_string_new(NULL);
  long total = 0;
  for (size_t i = 0; i < n; i++)
    total += l[i].prev ? -l[i].cents : l[i].cents;
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
      "<b:DebetCredit>%c</b:DebetCredit></a:TotaalIngediendBedrag>"
      "<a:Clienten>\n",
      id, nr, total < 0 ? -total : total, total < 0 ? 'C' : 'D');
  for (size_t i = 0; i < n; i++) {
    char bsn[10];
    tu_bsn(l[i].bsn, bsn);
    g_string_append_printf(
        s,
        "<a:Client><a:Bsn>%s</a:Bsn><a:Prestaties><a:Prestatie>"
        "<a:ProductReferentie><b:ReferentieNummer>%s</b:ReferentieNummer>",
        bsn, l[i].ref);
    if (l[i].prev)
      g_string_append_printf(
          s, "<b:VorigReferentieNummer>%s</b:VorigReferentieNummer>",
          l[i].prev);
    g_string_append_printf(
        s,
        "</a:ProductReferentie><a:ToewijzingNummer>%u</a:ToewijzingNummer>"
        "<a:ProductCategorie>45</a:ProductCategorie><a:ProductCode>%s"
        "</a:ProductCode><a:ProductPeriode><b:Begindatum>2023-%02d-01"
        "</b:Begindatum><b:Einddatum>2023-%02d-28</b:Einddatum>"
        "</a:ProductPeriode><a:GeleverdVolume>%d</a:GeleverdVolume>"
        "<a:Eenheid>04</a:Eenheid><a:ProductTarief>10000</a:ProductTarief>"
        "<a:IngediendBedrag><b:Bedrag>%d</b:Bedrag><b:DebetCredit>%c"
        "</b:DebetCredit></a:IngediendBedrag></a:Prestatie></a:Prestaties>"
        "</a:Client>\n",
        l[i].toewijzing ? l[i].toewijzing : 1000 + l[i].bsn, l[i].code,
        l[i].month, l[i].month, l[i].volume, l[i].cents,
        l[i].prev ? 'C' : 'D');
  }
  g_string_append(s, "</a:Clienten></a:Declaratie></a:Bericht>\n");
  return g_string_free(s, FALSE);
}

/* A JW325 `id` answering JW323 `decl` (number `nr`) that rejects the
 * line `ref` of client `bsn` (9307). */
static char *jw325(const char *id, const char *decl, const char *nr,
                   const char *ref, unsigned bsn, int cents) {
  const tu_aline l = {ref, bsn, cents, "9307"};
  return tu_jw325(id, decl, nr, "0200", "0200", &l, 1);
}

typedef tu_env env;

static void env_open(env *e) {
  static const unsigned char key[ZT_KEY_BYTES] = {7, 1, 3};
  tu_env_open(e, "double", key);
}

#define env_close tu_env_close

/* Ingest one text as file `name`, without a rejected line. */
static void put(env *e, const char *name, char *text) {
  char *path = tu_write(e->dir, name, text);
  const char *p = path;
  zt_ingest_opts o;
  zt_ingest_run run;
  memset(&o, 0, sizeof o);
  assert_int_equal(zt_ingest_paths(e->s, &e->v, &p, 1, &o, &run, NULL),
                   ZT_OK);
  assert_int_equal(run.nfiles, 1);
  assert_int_equal(run.files[0].status, ZT_FILE_INGESTED);
  assert_int_equal(run.total.rejected, 0);
  zt_ingest_run_free(&run);
  g_free(path);
  g_free(text);
}

static gint cmp_str(gconstpointer a, gconstpointer b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The repeats of the store as "first>repeat" references, sorted, in
 * `buf`; their count and amount in *n and *cents. Only care that
 * begins in from..to (ZT_DAY_NONE: any). */
static void repeats(env *e, zt_day from, zt_day to, char *buf, size_t cap,
                    size_t *n, int64_t *cents) {
  zt_snapshot sn;
  zt_norm_config cfg;
  zt_norm_input in;
  zt_norm_result nr;
  zt_double *d;
  GPtrArray *refs = g_ptr_array_new_with_free_func(g_free);
  assert_int_equal(zt_snapshot_load(e->s, &sn, NULL), ZT_OK);
  zt_norm_config_default(&cfg);
  memset(&in, 0, sizeof in);
  in.lines = sn.lines;
  in.nlines = sn.nlines;
  in.clients = sn.clients;
  in.nclients = sn.nclients;
  in.refdata = e->rd;
  in.config = &cfg;
  assert_int_equal(zt_normalize(&in, &nr, NULL), ZT_OK);
  assert_int_equal(zt_double_find(e->s, &sn, nr.twins, nr.ntwins, from, to,
                                  NULL, 0, &d, n, NULL),
                   ZT_OK);
  *cents = 0;
  for (size_t i = 0; i < *n; i++) {
    g_ptr_array_add(refs, g_strdup_printf("%s>%s", d[i].ref_first,
                                          d[i].ref_repeat));
    *cents += d[i].amount;
    assert_int_equal(d[i].agb, 12345678);
    assert_string_equal(d[i].code, "45A01");
  }
  g_ptr_array_sort(refs, cmp_str);
  buf[0] = '\0';
  for (size_t i = 0; i < refs->len; i++) {
    g_strlcat(buf, i ? " " : "", cap);
    g_strlcat(buf, g_ptr_array_index(refs, i), cap);
  }
  g_ptr_array_free(refs, TRUE);
  free(d);
  zt_norm_result_free(&nr);
  zt_snapshot_free(&sn);
}

/* M1 declares R1 (client 1, January, 2 h), R2 (client 2, January, 3 h),
 * R3 (client 3, January, 1 h) and R5 (client 4, February, 2 h); M2
 * sends R1 again under its own reference (an identical resend: not a
 * line of its own) and declares R11 and R12 (R1 twice more under new
 * references), R13 (R2 with another amount), R14 (R3 again), R15 (R5
 * again), R16 (client 1, January, 2 h, another product code) and R17
 * (R2 again under a second assignment of client 2: two assignments of
 * one product are two lots of care, no double). */
static void put_declarations(env *e) {
  const dline m1[4] = {{"R1", NULL, 1, 1, "45A01", 2, 20000, 0},
                       {"R2", NULL, 2, 1, "45A01", 3, 30000, 0},
                       {"R3", NULL, 3, 1, "45A01", 1, 10000, 0},
                       {"R5", NULL, 4, 2, "45A01", 2, 20000, 0}};
  const dline m2[8] = {{"R1", NULL, 1, 1, "45A01", 2, 20000, 0},
                       {"R11", NULL, 1, 1, "45A01", 2, 20000, 0},
                       {"R12", NULL, 1, 1, "45A01", 2, 20000, 0},
                       {"R13", NULL, 2, 1, "45A01", 3, 29000, 0},
                       {"R14", NULL, 3, 1, "45A01", 1, 10000, 0},
                       {"R15", NULL, 4, 2, "45A01", 2, 20000, 0},
                       {"R16", NULL, 1, 1, "45A02", 2, 20000, 0},
                       {"R17", NULL, 2, 1, "45A01", 3, 30000, 2002}};
  put(e, "m1.xml", jw323("M1", "D1", m1, 4));
  put(e, "m2.xml", jw323("M2", "D2", m2, 8));
}

static void test_groups(void **state) {
  env e;
  char buf[256];
  size_t n;
  int64_t cents;
  (void)state;
  env_open(&e);
  put_declarations(&e);
  repeats(&e, ZT_DAY_NONE, ZT_DAY_NONE, buf, sizeof buf, &n, &cents);
  /* R1's group has two repeats, both against R1 (the first stored) */
  assert_string_equal(buf, "R1>R11 R1>R12 R3>R14 R5>R15");
  assert_int_equal(n, 4);
  assert_int_equal(cents, 20000 + 20000 + 10000 + 20000);
  /* only care that begins in the period: February holds R15 */
  repeats(&e, zt_day_from_ymd(2023, 2, 1), zt_day_from_ymd(2023, 2, 28),
          buf, sizeof buf, &n, &cents);
  assert_string_equal(buf, "R5>R15");
  assert_int_equal(cents, 20000);
  env_close(&e);
}

/* A credit that cancels R14 and an answer that rejects R15 take them out
 * of the signal; R1's group stays. */
static void test_credit_and_answer(void **state) {
  env e;
  char buf[256];
  size_t n;
  int64_t cents;
  const dline m3[1] = {{"C14", "R14", 3, 1, "45A01", 1, 10000, 0}};
  (void)state;
  env_open(&e);
  put_declarations(&e);
  put(&e, "m3.xml", jw323("M3", "D3", m3, 1));
  repeats(&e, ZT_DAY_NONE, ZT_DAY_NONE, buf, sizeof buf, &n, &cents);
  assert_string_equal(buf, "R1>R11 R1>R12 R5>R15");
  put(&e, "a2.xml", jw325("A2", "M2", "D2", "R15", 4, 20000));
  repeats(&e, ZT_DAY_NONE, ZT_DAY_NONE, buf, sizeof buf, &n, &cents);
  assert_string_equal(buf, "R1>R11 R1>R12");
  assert_int_equal(n, 2);
  assert_int_equal(cents, 40000);
  env_close(&e);
}

/* The internal CSV: a header and one row per repeat, no client. */
static void test_csv(void **state) {
  zt_double d;
  char *text = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&text, &len);
  (void)state;
  memset(&d, 0, sizeof d);
  g_strlcpy(d.ref_first, "R1", sizeof d.ref_first);
  g_strlcpy(d.ref_repeat, "R11", sizeof d.ref_repeat);
  d.agb = 1234567;
  d.toewijzing = 1001;
  d.category = 45;
  d.unit = 4;
  g_strlcpy(d.code, "45A01", sizeof d.code);
  d.begin = zt_day_from_ymd(2023, 1, 1);
  d.end = zt_day_from_ymd(2023, 1, 28);
  d.volume = 2;
  d.amount = 20005;
  assert_non_null(fp);
  zt_double_write_csv(fp, &d, 1);
  fclose(fp);
  assert_string_equal(text,
                      "agb,toewijzingnummer,referentie_eerste,"
                      "referentie_herhaling,productcategorie,productcode,"
                      "begindatum,einddatum,volume,eenheid,bedrag\n"
                      "01234567,1001,R1,R11,45,45A01,2023-01-01,2023-01-28,"
                      "2,04,200.05\n");
  free(text);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_groups),
      cmocka_unit_test(test_credit_and_answer),
      cmocka_unit_test(test_csv),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

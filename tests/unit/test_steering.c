/*
 * tests/unit/test_steering.c -- the region's targets, measures and budget
 * files: good files in either delimiter and in Windows-1252, and every
 * kind of mistake ending in an error that names the file, line and column.
 */
#include "testutil.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/steering.h"
#include "etl/steering.h"

static void test_targets(void **state) {
  char *dir = tu_tmpdir("steer");
  char *p = tu_write(dir, "t.csv",
                     "indicator,gemeente,period,op,value,label\n"
                     "verblijf.share_gezinsvorm,regio,2022,>=,70,Doel 2022\n"
                     "verblijf.share_residentieel,GM0402,2022-H2,<=,\"18,5\","
                     "\n"
                     "verblijf.residentieel_under12,regio,2023,=,0,\n");
  zt_target *t;
  size_t n;
  (void)state;
  assert_int_equal(zt_load_targets(p, &t, &n, NULL), ZT_OK);
  assert_int_equal(n, 3);
  assert_string_equal(t[0].indicator, "verblijf.share_gezinsvorm");
  assert_int_equal(t[0].gemeente, 0);            /* regio */
  assert_int_equal(t[0].op, ZT_OP_GE);
  assert_int_equal(t[0].num * 1, 70 * t[0].den); /* 70 */
  assert_string_equal(t[0].label, "Doel 2022");
  assert_int_equal(t[1].gemeente, 402);
  assert_string_equal(t[1].period, "2022-H2");
  /* "18,5" = 185/10 */
  assert_int_equal(t[1].num * 10, 185 * t[1].den);
  assert_int_equal(t[2].op, ZT_OP_EQ);
  free(t);
  assert_int_equal(zt_load_targets(NULL, &t, &n, NULL), ZT_OK);
  assert_int_equal(n, 0);
  tu_rmtree(dir);
  g_free(p);
  g_free(dir);
}

static void expect_error(const char *text, const char *needle,
                         zt_status (*load)(const char *, void **, size_t *,
                                           zt_err *)) {
  char *dir = tu_tmpdir("steer");
  char *p = tu_write(dir, "x.csv", text);
  void *arr = NULL;
  size_t n = 1;
  zt_err err;
  assert_int_equal(load(p, &arr, &n, &err), ZT_ERR_USAGE);
  assert_null(arr);
  assert_int_equal(n, 0);
  if (!strstr(err.msg, needle))
    fail_msg("error '%s' does not mention '%s'", err.msg, needle);
  assert_non_null(strstr(err.msg, "x.csv"));
  tu_rmtree(dir);
  g_free(p);
  g_free(dir);
}

static zt_status targets_fn(const char *p, void **a, size_t *n, zt_err *e) {
  return zt_load_targets(p, (zt_target **)a, n, e);
}
static zt_status measures_fn(const char *p, void **a, size_t *n, zt_err *e) {
  return zt_load_measures(p, (zt_measure **)a, n, e);
}
static zt_status budget_fn(const char *p, void **a, size_t *n, zt_err *e) {
  return zt_load_budget(p, (zt_budget_row **)a, n, e);
}

static void test_target_errors(void **state) {
  static const char head[] = "indicator,gemeente,period,op,value,label\n";
  char buf[512];
  (void)state;
  snprintf(buf, sizeof buf, "%sclients.totaal,regio,2022,>=,1,\n", head);
  expect_error(buf, "line 2: indicator 'clients.totaal'", targets_fn);
  snprintf(buf, sizeof buf, "%sclients.total,regio,2022,>,1,\n", head);
  expect_error(buf, "line 2: op", targets_fn);
  snprintf(buf, sizeof buf, "%sclients.total,regio,2022-H3,>=,1,\n", head);
  expect_error(buf, "period '2022-H3'", targets_fn);
  snprintf(buf, sizeof buf, "%sclients.total,Hilversum,2022,>=,1,\n", head);
  expect_error(buf, "gemeente", targets_fn);
  snprintf(buf, sizeof buf, "%sclients.total,regio,2022,>=,veel,\n", head);
  expect_error(buf, "value", targets_fn);
  expect_error("indicator,gemeente,period,value\nx,regio,2022,1\n",
               "no column 'op'", targets_fn);
}

static void test_measures_and_budget(void **state) {
  char *dir = tu_tmpdir("steer");
  /* Windows-1252 (Excel): "Coördinatie" with ö = 0xF6, ';' separated */
  const char m[] =
      "id;actielijn;maatregel;wat;van;tot;door_wie;status;budget_extra;"
      "dekking;besteed;toelichting\r\n"
      "M01;Gezinsgericht;Co\xf6rdinatie pleegzorg;\"werven, opleiden\";"
      "2022-Q1;2023-Q4;Regio;lopend;1.250.000;Rijk;\"400.000,50\";\r\n";
  char *mp = tu_write_bytes(dir, "m.csv", m, sizeof m - 1);
  char *bp = tu_write(dir, "b.csv",
                      "actielijn,jaar,uitgaven,middelen\n"
                      "Gezinsgericht,2022,1000000,1250000\n");
  zt_measure *ms;
  zt_budget_row *b;
  size_t n;
  (void)state;
  assert_int_equal(zt_load_measures(mp, &ms, &n, NULL), ZT_OK);
  assert_int_equal(n, 1);
  assert_string_equal(ms[0].maatregel, "Co\xc3\xb6rdinatie pleegzorg");
  assert_string_equal(ms[0].wat, "werven, opleiden");
  assert_int_equal(ms[0].budget_extra, 125000000);   /* euros -> cents */
  assert_int_equal(ms[0].besteed, 40000050);
  assert_string_equal(ms[0].status, "lopend");
  free(ms);
  assert_int_equal(zt_load_budget(bp, &b, &n, NULL), ZT_OK);
  assert_int_equal(n, 1);
  assert_int_equal(b[0].jaar, 2022);
  assert_int_equal(b[0].middelen, 125000000);
  free(b);
  expect_error("id,actielijn,maatregel,van,tot,status\n"
               "M1,A,B,2022-Q5,2023-Q1,lopend\n",
               "quarter", measures_fn);
  expect_error("id,actielijn,maatregel,van,tot,status\n"
               "M1,A,B,2022-Q1,2023-Q1,bezig\n",
               "status 'bezig'", measures_fn);
  expect_error("actielijn,jaar,uitgaven,middelen\nA,twee,1,1\n", "jaar",
               budget_fn);
  expect_error("actielijn,jaar,uitgaven,middelen\nA,2022,1.5,1\n",
               "uitgaven", budget_fn);
  tu_rmtree(dir);
  g_free(mp);
  g_free(bp);
  g_free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_targets),
      cmocka_unit_test(test_target_errors),
      cmocka_unit_test(test_measures_and_budget),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

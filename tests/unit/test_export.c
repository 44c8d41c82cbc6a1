/*
 * tests/unit/test_export.c -- metrics/export.c: the byte format of the
 * two example rows of docs/indicators.md, value precision (money in cents,
 * means and shares up to six decimals), RFC 4180 quoting, JSON, order
 * independence (byte-identical), suppressed rows, what a publication
 * carries (no value or n for a hidden row) and the file modes, the
 * atomic file writer, and a whole computed table exported twice.
 */
#include "testutil.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "metrics/export.h"
#include "metrics/indicator.h"
#include "metrics/suppress.h"
#include "mfixture.h"

static zt_ind_value row(const char *id, const char *period, int y, int mo,
                        int d, uint16_t gem, const char *bd, zt_unit unit,
                        int64_t num, int64_t den, int64_t n) {
  zt_ind_value v;
  memset(&v, 0, sizeof v);
  snprintf(v.indicator, sizeof v.indicator, "%s", id);
  snprintf(v.period, sizeof v.period, "%s", period);
  v.peildatum = zt_day_from_ymd(y, mo, d);
  v.gemeente = gem;
  snprintf(v.breakdown, sizeof v.breakdown, "%s", bd);
  v.unit = unit;
  v.num = num;
  v.den = den;
  v.n = n;
  zt_ind_display(&v, v.display);
  return v;
}

/* Write `t` with `fn` into memory and return it (caller frees). */
static char *dump(const zt_ind_table *t,
                  zt_status (*fn)(const zt_ind_table *, FILE *, zt_err *)) {
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  zt_err err;
  assert_non_null(fp);
  assert_int_equal(fn(t, fp, &err), ZT_OK);
  fclose(fp);
  return buf;
}

/* The examples of docs/indicators.md "Export format". 68,4% exactly is
 * 171/250; n (412) is carried as given. */
static zt_ind_table *example_table(void) {
  zt_ind_table *t = zt_ind_table_new();
  zt_ind_value a = row("verblijf.share_gezinsvorm", "2022", 2022, 12, 31, 0,
                       "", ZT_UNIT_PERCENT, 171, 250, 412);
  zt_ind_value b = row("clients.by_kind", "2022-H1", 2022, 6, 30, 402,
                       "kind=pleegzorg", ZT_UNIT_COUNT, 37, 1, 37);
  assert_int_equal(zt_ind_table_put(t, &a), ZT_OK);
  assert_int_equal(zt_ind_table_put(t, &b), ZT_OK);
  return t;
}

static void test_examples_csv(void **state) {
  zt_ind_table *t = example_table();
  char *csv = dump(t, zt_export_csv);
  (void)state;
  assert_string_equal(
      csv,
      "indicator,period,peildatum,gemeente,breakdown,value,unit,n,"
      "suppressed,display\n"
      "clients.by_kind,2022-H1,2022-06-30,0402,kind=pleegzorg,37,count,37,"
      "0,37\n"
      "verblijf.share_gezinsvorm,2022,2022-12-31,regio,,68.4,percent,412,0,"
      "\"68,4%\"\n");
  free(csv);
  zt_ind_table_free(t);
}

static void test_examples_json(void **state) {
  zt_ind_table *t = example_table();
  char *json = dump(t, zt_export_json);
  (void)state;
  assert_string_equal(
      json,
      "[\n"
      "{\"indicator\":\"clients.by_kind\",\"period\":\"2022-H1\","
      "\"peildatum\":\"2022-06-30\",\"gemeente\":\"0402\","
      "\"breakdown\":\"kind=pleegzorg\",\"value\":37,\"unit\":\"count\","
      "\"n\":37,\"suppressed\":false,\"display\":\"37\"},\n"
      "{\"indicator\":\"verblijf.share_gezinsvorm\",\"period\":\"2022\","
      "\"peildatum\":\"2022-12-31\",\"gemeente\":\"regio\","
      "\"breakdown\":\"\",\"value\":68.4,\"unit\":\"percent\",\"n\":412,"
      "\"suppressed\":false,\"display\":\"68,4%\"}\n"
      "]\n");
  free(json);
  zt_ind_table_free(t);
}

static void value_is(zt_unit unit, const char *id, int64_t num,
                     int64_t den, const char *want) {
  zt_ind_value v = row(id, "2022", 2022, 12, 31, 0, "", unit, num, den, 1);
  char buf[64];
  zt_ind_value_text(&v, buf, sizeof buf);
  assert_string_equal(buf, want);
}

static void test_values(void **state) {
  (void)state;
  /* money: cents precision, euros with two decimals */
  value_is(ZT_UNIT_EUR, "spend.total", 11024537, 1, "110245.37");
  value_is(ZT_UNIT_EUR, "spend.total", 0, 1, "0.00");
  value_is(ZT_UNIT_EUR, "wpb.spend_shift", -300, 1, "-3.00");
  value_is(ZT_UNIT_EUR, "wpb.spend_shift", -5, 1, "-0.05");
  /* a mean of cents: 220490737 / 2 = 110245368,5 cents -> 110245369 */
  value_is(ZT_UNIT_EUR, "episodes.cost_mean", 220490737, 2,
           "1102453.69");
  /* 1/3 cent -> 0 cents */
  value_is(ZT_UNIT_EUR, "episodes.cost_mean", 1, 3, "0.00");
  /* counts as integers */
  value_is(ZT_UNIT_COUNT, "clients.total", 8967, 1, "8967");
  value_is(ZT_UNIT_COUNT, "wpb.clients_shift", -4, 1, "-4");
  /* means and shares: up to six decimals, trailing zeros dropped */
  value_is(ZT_UNIT_DAYS, "episodes.duration_mean", 688, 5, "137.6");
  value_is(ZT_UNIT_DAYS, "episodes.duration_mean", 578, 3,
           "192.666667");
  value_is(ZT_UNIT_DAYS, "episodes.duration_mean", 55, 1, "55");
  value_is(ZT_UNIT_PERCENT, "verblijf.share_residentieel", 2, 3,
           "66.666667");
  value_is(ZT_UNIT_PERCENT, "verblijf.share_residentieel", 1, 1, "100");
  value_is(ZT_UNIT_PERCENT, "verblijf.share_residentieel", 0, 4, "0");
  value_is(ZT_UNIT_YEARS, "episodes.top_age_mean", 25, 2, "12.5");
  value_is(ZT_UNIT_COUNT, "episodes.providers_mean_multi", 41, 10,
           "4.1");
  /* large money shares do not overflow: 100 * 10^6 * 6.6e12 > 2^63 */
  value_is(ZT_UNIT_PERCENT, "providers.top10_share", 6600000000000LL,
           9900000000000LL, "66.666667");
}

/* Quoting (RFC 4180), UTF-8 passing through, and JSON escapes. */
static void test_quoting(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_ind_value a = row("episodes.provider_days_mean", "2022", 2022, 12, 31,
                       0, "provider_type=J&O, \"LVB\"", ZT_UNIT_DAYS, 150, 1,
                       9);
  zt_ind_value b = row("spend.total", "2022", 2022, 12, 31, 402, "",
                       ZT_UNIT_EUR, 11024537, 1, 9);
  char *csv, *json;
  (void)state;
  assert_int_equal(zt_ind_table_put(t, &a), ZT_OK);
  assert_int_equal(zt_ind_table_put(t, &b), ZT_OK);
  csv = dump(t, zt_export_csv);
  assert_non_null(strstr(csv, "\n"
                              "episodes.provider_days_mean,2022,2022-12-31,"
                              "regio,\"provider_type=J&O, \"\"LVB\"\"\","
                              "150,days,9,0,150\n"));
  /* "€ 110.245": no comma, so no quotes */
  assert_non_null(strstr(csv, ",110245.37,eur,9,0,\xe2\x82\xac 110.245\n"));
  json = dump(t, zt_export_json);
  assert_non_null(strstr(json, "\"breakdown\":\"provider_type=J&O, "
                               "\\\"LVB\\\"\""));
  assert_non_null(strstr(json, "\"value\":110245.37,"));
  free(csv);
  free(json);
  zt_ind_table_free(t);
}

/* Suppressed rows keep their raw value; the flag and display say it. */
static void test_suppressed_row(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_ind_value a = row("ggz_klinisch.clients", "2022", 2022, 12, 31, 402, "",
                       ZT_UNIT_COUNT, 3, 1, 3);
  zt_err err;
  char *csv;
  (void)state;
  assert_int_equal(zt_ind_table_put(t, &a), ZT_OK);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  csv = dump(t, zt_export_csv);
  assert_non_null(strstr(csv, "\nggz_klinisch.clients,2022,2022-12-31,0402,,"
                              "3,count,3,1,< 5\n"));
  free(csv);
  zt_ind_table_free(t);
}

/* What a report folder publishes: a hidden row keeps its marker but has
 * no value and no n (empty in CSV, null in JSON); a shown row is as in
 * the internal export; the file is world-readable, the internal one not. */
static void test_public(void **state) {
  zt_ind_table *t = zt_ind_table_new();
  zt_ind_value a = row("ggz_klinisch.clients", "2022", 2022, 12, 31, 402, "",
                       ZT_UNIT_COUNT, 3, 1, 3);
  zt_ind_value b = row("ggz_klinisch.clients", "2022", 2022, 12, 31, 406, "",
                       ZT_UNIT_COUNT, 12, 1, 12);
  zt_err err;
  char *dir = tu_tmpdir("public"), *path, *back;
  struct stat sb;
  (void)state;
  assert_int_equal(zt_ind_table_put(t, &a), ZT_OK);
  assert_int_equal(zt_ind_table_put(t, &b), ZT_OK);
  assert_int_equal(zt_suppress_apply(t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  path = g_strdup_printf("%s/indicatoren.csv", dir);
  assert_int_equal(zt_export_public_file(t, path, &zt_export_csv_writer,
                                         ZT_SUPP_SMALL, &err), ZT_OK);
  back = tu_read(path, NULL);
  assert_non_null(strstr(back, "\nggz_klinisch.clients,2022,2022-12-31,0402,"
                               ",,count,,1,< 5\n"));
  assert_non_null(strstr(back, "\nggz_klinisch.clients,2022,2022-12-31,0406,"
                               ",12,count,12,0,12\n"));
  free(back);
  assert_int_equal(stat(path, &sb), 0);
  assert_int_equal(sb.st_mode & 0777, 0644);
  assert_int_equal(zt_export_public_file(t, path, &zt_export_json_writer,
                                         ZT_SUPP_SMALL, &err), ZT_OK);
  back = tu_read(path, NULL);
  assert_non_null(strstr(back, "\"gemeente\":\"0402\",\"breakdown\":\"\","
                               "\"value\":null,\"unit\":\"count\","
                               "\"n\":null,\"suppressed\":true"));
  free(back);
  assert_int_equal(zt_export_file(t, path, &zt_export_csv_writer, 0600, &err),
                   ZT_OK);
  assert_int_equal(stat(path, &sb), 0);
  assert_int_equal(sb.st_mode & 0777, 0600);
  tu_rmtree(dir);
  g_free(path);
  free(dir);
  zt_ind_table_free(t);
}

/* The same rows inserted in another order give the same bytes; the file
 * writer writes them atomically. */
static void test_order_and_file(void **state) {
  zt_ind_table *t1 = zt_ind_table_new(), *t2 = zt_ind_table_new();
  zt_ind_value rows[4] = {
      row("clients.total", "2022", 2022, 12, 31, 406, "", ZT_UNIT_COUNT, 5, 1,
          5),
      row("clients.total", "2022", 2022, 12, 31, 0, "", ZT_UNIT_COUNT, 9, 1,
          9),
      row("clients.by_kind", "2022", 2022, 12, 31, 0, "kind=pleegzorg",
          ZT_UNIT_COUNT, 2, 1, 2),
      row("clients.total", "2021", 2021, 12, 31, 0, "", ZT_UNIT_COUNT, 8, 1,
          8)};
  char *a, *b, *dir, *path, *back;
  zt_err err;
  (void)state;
  for (int i = 0; i < 4; i++) {
    assert_int_equal(zt_ind_table_put(t1, &rows[i]), ZT_OK);
    assert_int_equal(zt_ind_table_put(t2, &rows[3 - i]), ZT_OK);
  }
  a = dump(t1, zt_export_csv);
  b = dump(t2, zt_export_csv);
  assert_string_equal(a, b);
  /* export order: indicator, period, gemeente with the region first */
  assert_string_equal(
      a,
      "indicator,period,peildatum,gemeente,breakdown,value,unit,n,"
      "suppressed,display\n"
      "clients.by_kind,2022,2022-12-31,regio,kind=pleegzorg,2,count,2,0,2\n"
      "clients.total,2021,2021-12-31,regio,,8,count,8,0,8\n"
      "clients.total,2022,2022-12-31,regio,,9,count,9,0,9\n"
      "clients.total,2022,2022-12-31,0406,,5,count,5,0,5\n");
  dir = tu_tmpdir("export");
  path = g_strdup_printf("%s/indicators.csv", dir);
  assert_int_equal(zt_export_file(t1, path, &zt_export_csv_writer, 0600, &err),
                   ZT_OK);
  back = tu_read(path, NULL);
  assert_string_equal(back, a);
  free(back);
  assert_int_equal(
      zt_export_file(t1, path, &zt_export_json_writer, 0600, &err), ZT_OK);
  back = tu_read(path, NULL);
  assert_true(back[0] == '[');
  free(back);
  /* an unwritable place fails cleanly */
  assert_int_equal(zt_export_file(t1, "/nonexistent-dir/x.csv",
                                  &zt_export_csv_writer, 0600, &err),
                   ZT_ERR_OUTPUT);
  tu_rmtree(dir);
  g_free(path);
  free(dir);
  free(a);
  free(b);
  zt_ind_table_free(t1);
  zt_ind_table_free(t2);
}

/* A whole computed table (every indicator of a small region, suppressed
 * small) exports to the same bytes twice, and every line has ten
 * fields' worth of structure (a header and rows). */
static void test_whole_table(void **state) {
  zt_refdata *rd = mf_refdata();
  mf *m;
  char *a, *b;
  zt_err err;
  size_t lines = 0;
  (void)state;
  assert_non_null(rd);
  m = mf_new(rd, 3);
  mf_member(m, 402, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_member(m, 406, ZT_DAY_NONE, ZT_DAY_NONE);
  mf_cp(m, 0, ZT_K_RESIDENTIEEL, 11111111, 402, mf_day(2022, 1, 1),
        mf_day(2022, 6, 30), 500000);
  mf_cp(m, 1, ZT_K_PLEEGZORG, 22222222, 406, mf_day(2022, 3, 1),
        mf_day(2022, 12, 31), 120000);
  mf_cp(m, 2, ZT_K_AMB_BEGELEIDING, 33333333, 406, mf_day(2022, 2, 1),
        mf_day(2022, 2, 28), 9000);
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  assert_int_equal(zt_suppress_apply(m->t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  a = dump(m->t, zt_export_csv);
  assert_int_equal(mf_run1(m, "2022", ZT_DAY_NONE), ZT_OK);
  assert_int_equal(zt_suppress_apply(m->t, ZT_SUPP_SMALL, 5, &err), ZT_OK);
  b = dump(m->t, zt_export_csv);
  assert_string_equal(a, b);
  for (const char *p = a; *p; p++)
    lines += *p == '\n';
  assert_int_equal(lines, zt_ind_table_count(m->t) + 1);
  /* the municipality's one client in residential care is hidden; with
   * one client in verblijf in the other municipality too, the two add up
   * to the region's 2 and "< 5" (1-4) would give both away: "·" */
  assert_non_null(strstr(a, "\nverblijf.clients,2022,2022-12-31,0402,,1,"
                            "count,1,1,\xc2\xb7\n"));
  free(a);
  free(b);
  mf_free(m);
  zt_refdata_free(rd);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_examples_csv),
    cmocka_unit_test(test_examples_json),
    cmocka_unit_test(test_values),
    cmocka_unit_test(test_quoting),
    cmocka_unit_test(test_suppressed_row),
    cmocka_unit_test(test_public),
    cmocka_unit_test(test_order_and_file),
    cmocka_unit_test(test_whole_table),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

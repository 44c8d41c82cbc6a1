/*
 * tests/unit/test_xlsx.c -- the Excel writer (render/xlsx.c): reading the
 * report's display text back as numbers, and writing a workbook that is a
 * zip with one sheet per table and the indicator sheet, the same bytes on
 * every run. The e2e test xlsx.sh reads a demo workbook's cells.
 */
#include <glib.h>
#include <string.h>

#include "testutil.h"
#include "render/xlsx.h"

static void parses(const char *s, double value, int decimals, bool percent,
                   bool euro, const char *suffix) {
  zt_xlsx_num n;
  assert_true(zt_xlsx_parse_display(s, &n));
  assert_float_equal(n.value, value, 1e-12);
  assert_int_equal(n.decimals, decimals);
  assert_int_equal(n.percent, percent);
  assert_int_equal(n.euro, euro);
  assert_string_equal(n.suffix, suffix);
}

static void test_parse_display(void **state) {
  zt_xlsx_num n;
  (void)state;
  parses("0", 0, 0, false, false, "");
  parses("7", 7, 0, false, false, "");
  parses("1.234", 1234, 0, false, false, "");
  parses("12.345.678", 12345678, 0, false, false, "");
  parses("68,4%", 0.684, 1, true, false, "");
  parses("100,0%", 1.0, 1, true, false, "");
  parses("3,25", 3.25, 2, false, false, "");
  parses("\xe2\x82\xac 5.030.000", 5030000, 0, false, true, "");
  parses("\xe2\x82\xac -538", -538, 0, false, true, "");
  parses("\xe2\x82\xac \xe2\x88\x92" "1.500", -1500, 0, false, true, "");
  parses("\xe2\x82\xac +135.000", 135000, 0, false, true, "");
  parses("-12", -12, 0, false, false, "");
  parses("145 dagen", 145, 0, false, false, " dagen");
  parses("3,4 jaar", 3.4, 1, false, false, " jaar");
  /* markers, ranges and prose stay text */
  assert_false(zt_xlsx_parse_display("< 5", &n));
  assert_false(zt_xlsx_parse_display("\xc2\xb7", &n));            /* · */
  assert_false(zt_xlsx_parse_display("\xe2\x80\x93", &n));        /* – */
  assert_false(zt_xlsx_parse_display("", &n));
  assert_false(zt_xlsx_parse_display("2021\xe2\x80\x93" "2022", &n));
  assert_false(zt_xlsx_parse_display("1.23", &n));     /* not a group */
  assert_false(zt_xlsx_parse_display("12,", &n));
  assert_false(zt_xlsx_parse_display("5 tot 10", &n));
  assert_false(zt_xlsx_parse_display("Laren", &n));
  assert_false(zt_xlsx_parse_display("99999999999999999999", &n));
}

/* A small document: one table with a header, numbers, a marker and a
 * total, one chart-less paragraph. */
static zt_doc *small_doc(void) {
  zt_doc *d = zt_doc_new();
  zt_block *b;
  zt_table *t = zt_table_new(&d->arena, 4, 3);
  d->title = "Voortgangsrapportage jeugdhulp";
  d->region = "Testregio";
  d->period = "2e halfjaar 2023";
  d->created = 1662296700;
  zt_table_set(t, &d->arena, 0, 0, "Gemeente", 0);
  zt_table_set(t, &d->arena, 0, 1, "Jeugdigen", 0);
  zt_table_set(t, &d->arena, 0, 2, "Aandeel", 0);
  t->rflags[0] = ZT_ROW_HEAD;
  zt_table_set(t, &d->arena, 1, 0, "Laren", 0);
  zt_table_set(t, &d->arena, 1, 1, "< 5", ZT_CELL_SUPPRESSED);
  zt_table_set(t, &d->arena, 1, 2, "\xc2\xb7", ZT_CELL_SUPPRESSED);
  zt_table_set(t, &d->arena, 2, 0, "Huizen", 0);
  zt_table_set(t, &d->arena, 2, 1, "1.234", 0);
  zt_table_set(t, &d->arena, 2, 2, "68,4%", 0);
  zt_table_set(t, &d->arena, 3, 0, "Regio", 0);
  zt_table_set(t, &d->arena, 3, 1, "1.240", 0);
  zt_table_set(t, &d->arena, 3, 2, "68,5%", 0);
  t->rflags[3] = ZT_ROW_TOTAL;
  t->numeric[1] = t->numeric[2] = true;
  t->row_header = true;
  t->caption = "Jeugdigen per gemeente";
  t->number = 1;
  zt_table_add_note(t, &d->arena, "< 5: minder dan vijf");
  b = zt_doc_add(d, ZT_BLK_TABLE);
  b->table = t;
  return d;
}

static bool contains(const char *hay, size_t n, const char *needle) {
  size_t k = strlen(needle);
  for (size_t i = 0; i + k <= n; i++)
    if (memcmp(hay + i, needle, k) == 0)
      return true;
  return false;
}

static void test_write_workbook(void **state) {
  char *dir = tu_tmpdir("xlsx");
  char *a = g_build_filename(dir, "a.xlsx", NULL);
  char *b = g_build_filename(dir, "b.xlsx", NULL);
  zt_doc *d = small_doc();
  zt_ind_table *ind = zt_ind_table_new();
  zt_ind_value v;
  zt_err err = {0};
  char *x, *y;
  size_t nx, ny;
  (void)state;
  memset(&v, 0, sizeof v);
  snprintf(v.indicator, sizeof v.indicator, "clients.total");
  snprintf(v.period, sizeof v.period, "2023-H2");
  v.peildatum = zt_day_from_ymd(2023, 12, 31);
  v.num = 1240;
  v.den = 1;
  v.n = 1240;
  snprintf(v.display, sizeof v.display, "1.240");
  assert_int_equal(zt_ind_table_put(ind, &v), ZT_OK);
  assert_int_equal(zt_xlsx_write(d, ind, NULL, NULL, a, dir, &err), ZT_OK);
  assert_int_equal(zt_xlsx_write(d, ind, NULL, NULL, b, dir, &err), ZT_OK);
  x = tu_read(a, &nx);
  y = tu_read(b, &ny);
  /* a zip with a sheet for the table and one for the indicators */
  assert_true(nx > 4 && memcmp(x, "PK\x03\x04", 4) == 0);
  assert_true(contains(x, nx, "xl/worksheets/sheet1.xml"));
  assert_true(contains(x, nx, "xl/worksheets/sheet2.xml"));
  assert_false(contains(x, nx, "xl/worksheets/sheet3.xml"));
  /* the same document gives the same bytes */
  assert_int_equal(nx, ny);
  assert_memory_equal(x, y, nx);
  g_free(x);
  g_free(y);
  zt_ind_table_free(ind);
  zt_doc_free(d);
  g_free(a);
  g_free(b);
  tu_rmtree(dir);
  g_free(dir);
}

static void test_unwritable(void **state) {
  zt_doc *d = small_doc();
  zt_err err = {0};
  (void)state;
  assert_int_equal(zt_xlsx_write(d, NULL, NULL, NULL,
                                 "/nonexistent-dir/x.xlsx", NULL, &err),
                   ZT_ERR_OUTPUT);
  zt_doc_free(d);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_display),
      cmocka_unit_test(test_write_workbook),
      cmocka_unit_test(test_unwritable),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

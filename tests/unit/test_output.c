/*
 * tests/unit/test_output.c -- the writer table (render/output.c): names
 * and bits, file names, the parsers of `report --format` and `export
 * --format`, and the name lists the help texts and errors print.
 */
#include <glib.h>
#include <string.h>

#include "testutil.h"
#include "render/output.h"

static void test_rows(void **state) {
  (void)state;
  assert_true(zt_noutputs >= 5);
  for (size_t i = 0; i < zt_noutputs; i++) {
    const zt_output *o = &zt_outputs[i];
    assert_ptr_equal(zt_output_find(o->name), o);
    assert_int_equal(zt_output_bit(o->name), 1u << i);
    assert_non_null(o->file);
    if (o->input == ZT_OUT_DOCUMENT) {
      assert_non_null(o->write_doc);
      assert_null(o->write_table);
    } else {
      assert_non_null(o->write_table);
      assert_non_null(o->targets_file);
      assert_non_null(o->intern_file);
    }
    for (size_t k = 0; k < i; k++) {   /* names and files unique */
      assert_string_not_equal(zt_outputs[k].name, o->name);
      assert_string_not_equal(zt_outputs[k].file, o->file);
    }
  }
  assert_string_equal(zt_output_file("pdf"), "rapport.pdf");
  assert_string_equal(zt_output_file("xlsx"), "rapport.xlsx");
  assert_string_equal(zt_output_file("csv"), "indicatoren.csv");
  assert_null(zt_output_find("doc"));
  assert_int_equal(zt_output_bit("doc"), 0);
  assert_int_equal(zt_output_mask(ZT_OUT_DOCUMENT) &
                       zt_output_mask(ZT_OUT_TABLE), 0);
}

static void test_parse(void **state) {
  unsigned bits;
  const zt_output *o;
  zt_err err;
  (void)state;
  assert_int_equal(zt_outputs_parse("pdf, csv,json", &bits, &err), ZT_OK);
  assert_int_equal(bits, zt_output_bit("pdf") | zt_output_bit("csv") |
                             zt_output_bit("json"));
  assert_int_equal(zt_outputs_parse("pdf,doc", &bits, &err), ZT_ERR_USAGE);
  assert_string_equal(err.msg, "format 'doc': expected pdf, html, xlsx, "
                      "csv or json");
  assert_int_equal(zt_outputs_parse(" , ", &bits, &err), ZT_ERR_USAGE);
  assert_int_equal(zt_output_table_parse("json", &o, &err), ZT_OK);
  assert_string_equal(o->intern_file, "indicatoren-intern.json");
  assert_int_equal(zt_output_table_parse(NULL, &o, &err), ZT_OK);
  assert_string_equal(o->name, "csv");
  assert_int_equal(zt_output_table_parse("xlsx", &o, &err), ZT_ERR_USAGE);
  assert_string_equal(err.msg, "export format 'xlsx': expected csv or "
                      "json");
}

static void test_names(void **state) {
  char *s;
  (void)state;
  s = zt_output_names(true, ZT_OUT_DOCUMENT, ", ", ", ", "");
  assert_string_equal(s, "pdf, html, xlsx, csv, json");
  g_free(s);
  s = zt_output_names(false, ZT_OUT_TABLE, ", ", " or ", " (default)");
  assert_string_equal(s, "csv (default) or json");
  g_free(s);
  s = zt_output_names(false, ZT_OUT_DOCUMENT, "|", "|", "");
  assert_string_equal(s, "pdf|html|xlsx");
  g_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_rows),
    cmocka_unit_test(test_parse),
    cmocka_unit_test(test_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

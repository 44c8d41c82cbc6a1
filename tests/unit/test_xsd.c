/*
 * tests/unit/test_xsd.c -- XSD validation of iJw messages (etl/xsd.c)
 * against the shipped schemas: valid and invalid reference examples with
 * line numbers, gzip input, the lower-case import resolved inside the
 * schema directory only, DTDs refused, BSNs masked in the report, and the
 * entity loader restored afterwards.
 */
#include "testutil.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <stdbool.h>
#include <string.h>
#include <zlib.h>

#include "etl/xsd.h"

/* The iJw schemas and examples shipped in reference/ijw. A missing file
 * fails the test: the repository must carry them. Returns a path to free. */
static char *ref(const char *name) {
  char *p = g_build_filename(ZT_SOURCE_DIR, "reference", "ijw", name, NULL);
  if (!g_file_test(p, G_FILE_TEST_EXISTS))
    fail_msg("%s is missing from the repository", p);
  return p;
}

typedef struct result {
  zt_status st;
  bool valid;
  char *report;
  zt_err err;
} result;

static result check(const char *xml, const char *dir) {
  result r;
  zt_buf b;
  zt_buf_init(&b, 1 << 20);
  r.valid = true;
  r.st = zt_xsd_validate(xml, dir, &b, &r.valid, &r.err);
  r.report = g_strdup(zt_buf_str(&b));
  zt_buf_free(&b);
  return r;
}

static void test_valid_examples(void **state) {
  char *dir = ref(".");
  const char *names[] = {"examples/JW323.xml", "examples/JW301.xml",
                         "examples/JW305.xml", "examples/JW325.xml"};
  (void)state;
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    char *xml = ref(names[i]);
    result r = check(xml, dir);
    assert_int_equal(r.st, ZT_OK);
    if (!r.valid)
      fail_msg("%s: %s", names[i], r.report);
    assert_string_equal(r.report, "");
    g_free(r.report);
    g_free(xml);
  }
  g_free(dir);
}

/* JW315.xml has ToewijzingEinddatum 2027-06-31 on lines 44 and 66. */
static void test_invalid_jw315(void **state) {
  char *dir = ref(".");
  char *xml = ref("examples/JW315.xml");
  char *want44 = g_strdup_printf("%s:44: ", xml);
  char *want66 = g_strdup_printf("%s:66: ", xml);
  result r = check(xml, dir);
  (void)state;
  assert_int_equal(r.st, ZT_OK);
  assert_false(r.valid);
  assert_non_null(strstr(r.report, want44));
  assert_non_null(strstr(r.report, want66));
  assert_non_null(strstr(r.report, "2027-06-31"));
  g_free(r.report);
  g_free(want44);
  g_free(want66);
  g_free(xml);
  g_free(dir);
}

static void test_gzip_and_masking(void **state) {
  char *dir = ref(".");
  char *xml = ref("examples/JW323.xml");
  char *tmp = tu_tmpdir("xsd");
  char *text = tu_read(xml, NULL);
  char *gz = g_build_filename(tmp, "jw323.xml.gz", NULL);
  gzFile f = gzopen(gz, "wb");
  GString *s;
  char *bad;
  result r;
  (void)state;
  assert_non_null(f);
  assert_int_equal(gzputs(f, text), (int)strlen(text));
  assert_int_equal(gzclose(f), Z_OK);
  r = check(gz, dir);
  assert_int_equal(r.st, ZT_OK);
  assert_true(r.valid);
  g_free(r.report);

  /* A ten-digit Bsn breaks the pattern; the report shows it masked. */
  s = g_string_new(text);
  assert_int_equal(g_string_replace(s, ">999900006<", ">9999000060<", 1), 1);
  bad = tu_write(tmp, "bsn.xml", s->str);
  r = check(bad, dir);
  assert_int_equal(r.st, ZT_OK);
  assert_false(r.valid);
  assert_null(strstr(r.report, "9999000060"));
  assert_non_null(strstr(r.report, "99******60"));
  g_free(r.report);
  g_string_free(s, TRUE);
  g_free(bad);
  g_free(text);
  g_free(gz);
  tu_rmtree(tmp);
  g_free(tmp);
  g_free(xml);
  g_free(dir);
}

static void test_hostile_and_malformed(void **state) {
  char *dir = ref(".");
  char *tmp = tu_tmpdir("xsd");
  char *p;
  result r;
  (void)state;
  p = tu_write(tmp, "xxe.xml",
               "<?xml version=\"1.0\"?>\n"
               "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
               "<jw323:Bericht xmlns:jw323=\"http://www.istandaarden.nl/ijw/"
               "3_2/jw323/schema\">&e;</jw323:Bericht>\n");
  r = check(p, dir);
  assert_int_equal(r.st, ZT_OK);
  assert_false(r.valid);
  assert_non_null(strstr(r.report, "DTD not allowed"));
  assert_null(strstr(r.report, "root:"));
  g_free(r.report);
  g_free(p);

  p = tu_write(tmp, "dtd.xml",
               "<jw323:Bericht xmlns:jw323=\"http://www.istandaarden.nl/ijw/"
               "3_2/jw323/schema\">\n<!DOCTYPE x [<!ENTITY e SYSTEM "
               "\"file:///etc/passwd\">]>&e;</jw323:Bericht>\n");
  r = check(p, dir);
  assert_int_equal(r.st, ZT_OK);
  assert_false(r.valid);
  assert_null(strstr(r.report, "root:"));
  g_free(r.report);
  g_free(p);

  /* Broken on line 3. */
  p = tu_write(tmp, "bad.xml",
               "<jw323:Bericht xmlns:jw323=\"http://www.istandaarden.nl/ijw/"
               "3_2/jw323/schema\">\n<jw323:Header>\n</jw323:Kop>\n");
  r = check(p, dir);
  assert_int_equal(r.st, ZT_OK);
  assert_false(r.valid);
  {
    char *want = g_strdup_printf("%s:3: ", p);
    assert_non_null(strstr(r.report, want));
    g_free(want);
  }
  g_free(r.report);
  g_free(p);

  p = tu_write(tmp, "csv.xml", "bsn;gemeente\n");
  r = check(p, dir);
  assert_int_equal(r.st, ZT_ERR_INPUT);
  g_free(r.report);
  g_free(p);
  tu_rmtree(tmp);
  g_free(tmp);
  g_free(dir);
}

/* The import may only resolve inside the schema directory. */
static void test_loader_confined(void **state) {
  char *tmp = tu_tmpdir("xsd");
  char *xsd = ref("JW323.xsd"), *base = ref("Basisschema.xsd");
  char *xml = ref("examples/JW323.xml");
  char *text = tu_read(xsd, NULL), *btext = tu_read(base, NULL);
  char *sub = g_build_filename(tmp, "schemas", NULL);
  char *other = g_build_filename(tmp, "other", NULL);
  GString *s = g_string_new(text);
  char *p;
  xmlExternalEntityLoader before = xmlGetExternalEntityLoader();
  result r;
  (void)state;
  assert_int_equal(g_mkdir(sub, 0700), 0);
  assert_int_equal(g_mkdir(other, 0700), 0);
  /* Basisschema.xsd only in a sibling directory; JW323.xsd imports it
   * from there. */
  p = tu_write(other, "Basisschema.xsd", btext);
  g_free(p);
  assert_int_equal(g_string_replace(s, "schemaLocation=\"basisschema.xsd\"",
                                    "schemaLocation=\"../other/"
                                    "basisschema.xsd\"",
                                    1),
                   1);
  p = tu_write(sub, "JW323.xsd", s->str);
  g_free(p);
  r = check(xml, sub);
  assert_int_equal(r.st, ZT_ERR_USAGE);
  assert_non_null(strstr(r.err.msg, "cannot load the schema"));
  g_free(r.report);
  assert_ptr_equal(xmlGetExternalEntityLoader(), before);

  /* No schema for the message at all. */
  r = check(xml, other);
  assert_int_equal(r.st, ZT_ERR_USAGE);
  assert_non_null(strstr(r.err.msg, "JW323.xsd"));
  g_free(r.report);
  assert_ptr_equal(xmlGetExternalEntityLoader(), before);

  g_string_free(s, TRUE);
  g_free(text);
  g_free(btext);
  g_free(sub);
  g_free(other);
  g_free(xsd);
  g_free(base);
  g_free(xml);
  tu_rmtree(tmp);
  g_free(tmp);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_valid_examples),
      cmocka_unit_test(test_invalid_jw315),
      cmocka_unit_test(test_gzip_and_masking),
      cmocka_unit_test(test_hostile_and_malformed),
      cmocka_unit_test(test_loader_confined),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

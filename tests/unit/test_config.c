/*
 * tests/unit/test_config.c -- the configuration file: defaults, inline
 * comments, dated members, paths relative to the file, --set overrides,
 * and clear errors for unknown keys and bad values. Also checks that
 * docs/rejects.md lists every reject reason.
 */
#include "testutil.h"

#include <glib.h>
#include <string.h>

#include "cli/config.h"
#include "etl/reasons.h"

static void test_defaults(void **state) {
  zt_config c;
  (void)state;
  zt_config_defaults(&c);
  assert_int_equal(c.woonplaatsbeginsel, ZT_WPB_RESTATED);
  assert_false(c.boundaries_historic);
  assert_int_equal(c.verblijf_gap_days, 0);
  assert_int_equal(c.episode_gap_days, 7);
  assert_int_equal(c.top_n, 25);
  assert_int_equal(c.suppression, ZT_SUPP_SMALL);
  assert_int_equal(c.threshold, 5);
  assert_string_equal(c.episode_kinds, "instelling");
  zt_config_free(&c);
}

static void test_file(void **state) {
  char *dir = tu_tmpdir("cfg");
  char *path = tu_write(dir, "r.ini",
                        "[region]\n"
                        "name = Gooi en Vechtstreek\n"
                        "municipalities = 0376,GM1942, 402 ,"
                        "0457@..2022-03-23   ; dated membership\n"
                        "[store]\n"
                        "path = data/z.db\n"
                        "[normalize]\n"
                        "woonplaatsbeginsel = legal      ; the law as it was\n"
                        "boundaries = historic\n"
                        "[report]\n"
                        "suppression = cbs\n");
  const char *sets[] = {"report.threshold=8",
                        "normalize.verblijf_gap_days = 3"};
  zt_config c;
  char *want;
  (void)state;
  zt_config_defaults(&c);
  assert_int_equal(zt_config_load(&c, path, sets, 2, NULL), ZT_OK);
  assert_string_equal(c.region_name, "Gooi en Vechtstreek");
  assert_int_equal(c.nmembers, 4);
  assert_int_equal(c.members[1].gemeente, 1942);
  assert_int_equal(c.members[2].gemeente, 402);
  assert_int_equal(c.members[3].gemeente, 457);
  assert_int_equal(c.members[3].from, ZT_DAY_NONE);
  assert_int_equal(c.members[3].to, zt_day_from_ymd(2022, 3, 23));
  /* Weesp is a member on its last day and not the day after */
  assert_true(zt_config_is_member(&c, 457, zt_day_from_ymd(2022, 3, 23)));
  assert_false(zt_config_is_member(&c, 457, zt_day_from_ymd(2022, 3, 24)));
  assert_true(zt_config_is_member(&c, 402, zt_day_from_ymd(2030, 1, 1)));
  assert_false(zt_config_is_member(&c, 363, zt_day_from_ymd(2022, 1, 1)));
  want = g_build_filename(dir, "data/z.db", NULL);
  assert_string_equal(c.store_path, want);  /* relative to the file */
  g_free(want);
  assert_int_equal(c.woonplaatsbeginsel, ZT_WPB_LEGAL);
  assert_true(c.boundaries_historic);
  assert_int_equal(c.suppression, ZT_SUPP_CBS);
  assert_int_equal(c.threshold, 8);          /* --set wins */
  assert_int_equal(c.verblijf_gap_days, 3);
  zt_config_free(&c);
  tu_rmtree(dir);
  g_free(path);
  g_free(dir);
}

static void test_errors(void **state) {
  char *dir = tu_tmpdir("cfg");
  char *typo = tu_write(dir, "t.ini", "[report]\nthreshhold = 5\n");
  char *bad =
      tu_write(dir, "b.ini", "[normalize]\nwoonplaatsbeginsel = new\n");
  char *mem = tu_write(dir, "m.ini", "[region]\nmunicipalities = 0402,abc\n");
  const char *badset[] = {"report.nope=1"};
  zt_config c;
  zt_err err;
  (void)state;
  zt_config_defaults(&c);
  assert_int_equal(zt_config_load(&c, typo, NULL, 0, &err), ZT_ERR_USAGE);
  assert_non_null(strstr(err.msg, "threshhold"));
  assert_int_equal(zt_config_load(&c, bad, NULL, 0, &err), ZT_ERR_USAGE);
  assert_non_null(strstr(err.msg, "declared, legal or restated"));
  assert_int_equal(zt_config_load(&c, mem, NULL, 0, &err), ZT_ERR_USAGE);
  assert_non_null(strstr(err.msg, "abc"));
  assert_int_equal(zt_config_load(&c, NULL, badset, 1, &err), ZT_ERR_USAGE);
  assert_int_equal(zt_config_load(&c, "/nonexistent.ini", NULL, 0, &err),
                   ZT_ERR_USAGE);
  zt_config_free(&c);
  tu_rmtree(dir);
  g_free(typo);
  g_free(bad);
  g_free(mem);
  g_free(dir);
}

/* A key given twice is an error, also across a repeated section (the
 * first list would be dropped without a word); a byte order mark
 * (Notepad) is read past. */
static void test_repeats_and_bom(void **state) {
  char *dir = tu_tmpdir("cfg2");
  char *twice = tu_write(dir, "twice.ini",
                         "[region]\nname = A\nmunicipalities = 0402\n"
                         "[report]\nthreshold = 5\n"
                         "[region]\nmunicipalities = 0406\n");
  char *bom = tu_write(dir, "bom.ini",
                       "\xEF\xBB\xBF[region]\nname = Met BOM\n");
  char *ok = tu_write(dir, "ok.ini",
                      "[region]\nname = A\n# name = B\n[report]\n"
                      "threshold = 5\n");
  zt_config c;
  zt_err err;
  (void)state;
  zt_config_defaults(&c);
  assert_int_equal(zt_config_load(&c, twice, NULL, 0, &err), ZT_ERR_USAGE);
  assert_non_null(strstr(err.msg, "line 7: [region] municipalities is "
                                  "given a second time"));
  zt_config_free(&c);
  zt_config_defaults(&c);
  assert_int_equal(zt_config_load(&c, bom, NULL, 0, &err), ZT_OK);
  assert_string_equal(c.region_name, "Met BOM");
  zt_config_free(&c);
  zt_config_defaults(&c);
  assert_int_equal(zt_config_load(&c, ok, NULL, 0, &err), ZT_OK);
  assert_string_equal(c.region_name, "A");
  zt_config_free(&c);
  tu_rmtree(dir);
  g_free(twice);
  g_free(bom);
  g_free(ok);
  g_free(dir);
}

static void test_reasons_documented(void **state) {
  char *doc = tu_read(ZT_SOURCE_DIR "/docs/rejects.md", NULL);
  (void)state;
  assert_non_null(doc);
  for (int r = 1; r < ZT_R_COUNT; r++) {
    char *needle = g_strdup_printf("`%s`", zt_reason_code((zt_reason)r));
    if (!strstr(doc, needle))
      fail_msg("docs/rejects.md does not list %s", needle);
    assert_int_equal(zt_reason_from_code(zt_reason_code((zt_reason)r)), r);
    g_free(needle);
  }
  g_free(doc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_defaults),
      cmocka_unit_test(test_file),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_repeats_and_bom),
      cmocka_unit_test(test_reasons_documented),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * tests/unit/test_labels_nl.c -- the report's Dutch words
 * (render/labels_nl.c, render/accounting.c): a label for every reject
 * reason, every setting the configuration describes and every value of
 * its word lists, file kinds without message codes, and the sentences on
 * the region's composition derived from the member list and the merger
 * table.
 */
#include "testutil.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "cli/config.h"
#include "etl/reasons.h"
#include "etl/refdata.h"
#include "render/accounting.h"
#include "render/labels_nl.h"

/* Words the reader does not know (issue 12). */
static void no_code_words(const char *s) {
  static const char *const bad[] = {"restated", "declared", "legal",
                                    "jw323", "jw301", "elfproef", "@.."};
  char *low = g_ascii_strdown(s, -1);
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    if (strstr(low, bad[i])) {
      print_error("'%s' in \"%s\"\n", bad[i], s);
      fail();
    }
  g_free(low);
}

static void test_reasons(void **state) {
  (void)state;
  for (int r = ZT_R_NONE + 1; r < ZT_R_COUNT; r++) {
    const char *nl = zt_nl_reason(zt_reason_code((zt_reason)r));
    if (!nl) {
      print_error("no Dutch label for %s\n", zt_reason_code((zt_reason)r));
      fail();
    }
    no_code_words(nl);
  }
  assert_null(zt_nl_reason("no_such_reason"));
}

/* Every key zt_config_describe() writes has a Dutch name, and every
 * value of the modes is worded in Dutch. */
static void test_settings(void **state) {
  zt_config c;
  (void)state;
  zt_config_defaults(&c);
  for (int mode = 0; mode < 3; mode++) {
    char **lines;
    c.woonplaatsbeginsel = (zt_wpb_mode)mode;
    c.suppression = (zt_supp_mode)mode;
    c.boundaries_historic = mode == 1;
    lines = zt_config_describe(&c);
    for (char **l = lines; *l; l++) {
      const char *eq = strchr(*l, '=');
      char *key, *val;
      const char *nl;
      assert_non_null(eq);
      key = g_strstrip(g_strndup(*l, (size_t)(eq - *l)));
      val = g_strstrip(g_strdup(eq + 1));
      if (!zt_nl_setting_name(key)) {
        print_error("no Dutch name for %s\n", key);
        fail();
      }
      nl = zt_nl_setting_value(key, val);
      no_code_words(nl);
      if (strstr(key, "woonplaatsbeginsel") || strstr(key, "boundaries") ||
          strstr(key, "suppression") || strstr(key, "cohort"))
        assert_string_not_equal(nl, val);
      g_free(key);
      g_free(val);
    }
    g_strfreev(lines);
  }
  zt_config_free(&c);
  /* the short key a template names works too */
  assert_string_equal(zt_nl_setting_name("woonplaatsbeginsel"),
                      "Woonplaatsbeginsel");
  /* the two gaps say what they apply to: the stays chained for the
   * woonplaatsbeginsel (0 in the demo) are not the placements of the
   * report's text, which use the episode gap (7) */
  assert_non_null(strstr(zt_nl_setting_name("normalize.verblijf_gap_days"),
                         "Woonplaatsbeginsel"));
  assert_non_null(strstr(zt_nl_setting_name("analysis.episode_gap_days"),
                         "episode"));
  /* <setting key="woonplaatsbeginsel" as="gevolg"/>: a sentence for each
   * attribution, saying whether the years before and after 2022 compare */
  {
    static const char *const modes[] = {"declared", "legal", "restated"};
    for (size_t i = 0; i < 3; i++) {
      const char *nl =
          zt_nl_setting_value("woonplaatsbeginsel:gevolg", modes[i]);
      assert_string_not_equal(nl, modes[i]);
      assert_non_null(strstr(nl, "2022"));
      assert_int_equal(nl[strlen(nl) - 1], '.');
      no_code_words(nl);
      assert_true((strstr(nl, "niet zonder meer") != NULL) ==
                  (strcmp(modes[i], "restated") != 0));
    }
  }
}

static void test_file_kinds(void **state) {
  static const char *const kinds[] = {"declaraties", "toewijzingen",
                                      "clienten", "residenties",
                                      "productcodes", "aanbieders",
                                      "bevolking", "benchmark", "auto",
                                      NULL};
  static const char *const formats[] = {"csv", "csv+gzip", "jw323",
                                        "jw323+gzip", "jw301", "xml",
                                        "xml+gzip"};
  (void)state;
  for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
    for (size_t f = 0; f < sizeof formats / sizeof formats[0]; f++)
      for (int plural = 0; plural < 2; plural++) {
        const char *nl = zt_nl_file_kind(kinds[k], formats[f], plural);
        assert_true(nl && *nl);
        no_code_words(nl);
      }
  assert_string_equal(zt_nl_file_kind("declaraties", "jw323+gzip", 1),
                      "declaratieberichten");
  assert_string_equal(zt_nl_file_kind("toewijzingen", "jw301", 0),
                      "toewijzingsbericht");
  /* the region's own reference files say what they hold, not just
   * "CSV-bestand" */
  assert_string_equal(zt_nl_file_kind("bevolking", "csv+gzip", 0),
                      "bevolkingscijfers (aantal jeugdigen)");
  assert_string_equal(zt_nl_file_kind("benchmark", "csv", 1),
                      "vergelijkingscijfers van elders");
}

/* A sentence names municipalities, never their codes. */
static void no_codes(const char *s, const zt_refdata *rd) {
  for (size_t i = 0; i < rd->ngemeenten; i++) {
    char code[5];
    zt_gemeente_format(rd->gemeenten[i].code, code);
    if (strstr(s, code)) {
      print_error("code %s in \"%s\"\n", code, s);
      fail();
    }
  }
}

static void test_composition(void **state) {
  zt_refdata *rd;
  zt_arena a;
  zt_report_input in;
  /* Gooise Meren and Weesp, the way the demo region lists them */
  zt_member m[2] = {{1942, ZT_DAY_NONE, ZT_DAY_NONE},
                    {457, ZT_DAY_NONE, 0}};
  const char *cur[] = {"normalize.boundaries = current"};
  const char *hist[] = {"normalize.boundaries = historic"};
  const char *s;
  (void)state;
  assert_int_equal(zt_refdata_load(&rd, ZT_SOURCE_DIR "/reference", NULL),
                   ZT_OK);
  m[1].to = zt_day_from_ymd(2022, 3, 23);
  zt_arena_init(&a);
  memset(&in, 0, sizeof in);
  in.members = m;
  in.nmembers = 2;
  in.gemeente_table = rd->gemeenten;
  in.ngemeente_table = rd->ngemeenten;
  in.peildatum = zt_day_from_ymd(2023, 12, 31);
  in.settings = cur;
  in.nsettings = 1;
  s = zt_acc_composition(&in, &a);
  assert_non_null(strstr(s, "Weesp is vanaf 24 maart 2022 geen deel meer "
                            "van de regio"));
  assert_non_null(strstr(s, "in geen enkel jaar mee"));
  assert_non_null(strstr(s, "Amsterdam"));
  assert_non_null(strstr(s, "Gooise Meren is op 1 januari 2016 ontstaan "
                            "uit Bussum, Muiden en Naarden"));
  no_codes(s, rd);
  /* historic boundaries: Weesp counts up to the day it left */
  in.settings = hist;
  s = zt_acc_composition(&in, &a);
  assert_non_null(strstr(s, "Weesp is vanaf 24 maart 2022 geen deel meer "
                            "van de regio en telt alleen mee voor zorg die "
                            "vóór die dag begon"));
  assert_null(strstr(s, "in geen enkel jaar"));
  no_codes(s, rd);
  /* the settings' member list in names */
  s = zt_acc_setting_text(&in, &a, "region.municipalities",
                          "1942,0457@..2022-03-23");
  assert_string_equal(s, "Gooise Meren, Weesp (tot en met 23 maart "
                         "2022)");
  /* a region without changes says so */
  in.nmembers = 0;
  s = zt_acc_composition(&in, &a);
  assert_non_null(strstr(s, "in alle perioden mee"));
  zt_arena_free(&a);
  zt_refdata_free(rd);
}

/* The Dutch text the CLI puts into the report input. */
static void test_cli_text(void **state) {
  char buf[128], *r;
  (void)state;
  zt_nl_source_group(3, 1, "jw323", buf, sizeof buf);
  assert_string_equal(buf, "3 jw323-bestanden (1 geweigerd)");
  zt_nl_source_group(1, 1, "csv", buf, sizeof buf);
  assert_string_equal(buf, "1 csv-bestand (geweigerd)");
  zt_nl_source_group(1200, 0, "csv", buf, sizeof buf);
  assert_string_equal(buf, "1.200 csv-bestanden");
  assert_string_equal(zt_nl_source_kind("auto"), "onbekend");
  assert_string_equal(zt_nl_source_kind("declaraties"), "declaraties");
  r = zt_nl_suppression_rule(ZT_SUPP_SMALL, 1);
  assert_string_equal(r, "Er zijn geen kleine aantallen verborgen "
                      "(drempel 1).");
  g_free(r);
  r = zt_nl_suppression_rule(ZT_SUPP_SMALL, 5);
  assert_non_null(strstr(r, "1 tot en met 4 weergegeven als '< 5'"));
  /* what metrics/suppress.c does at region level: means and medians
   * over few hidden, the rest shown */
  assert_non_null(strstr(r, "medianen en percentielen over minder dan 5 "
                            "jeugdigen, trajecten of wachttijden zijn "
                            "nergens getoond, ook niet voor de hele regio"));
  /* and a mean over part of a group whose rest is few (Tabel 5's longer
   * episodes beside 2 short ones): the region's too */
  assert_non_null(strstr(r, "een gemiddelde over een deel van een groep "
                            "ook niet als de rest van de groep 1 tot en "
                            "met 4 is"));
  g_free(r);
  r = zt_nl_suppression_rule(ZT_SUPP_NONE, 5);
  assert_non_null(strstr(r, "niet voor publicatie"));
  g_free(r);
  r = zt_nl_suppression_rule(ZT_SUPP_CBS, 5);
  assert_non_null(strstr(r, "vijftallen"));
  assert_non_null(strstr(r, "ook niet voor de hele regio"));
  assert_non_null(strstr(r, "de rest van de groep 7 of minder is"));
  g_free(r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_reasons),
      cmocka_unit_test(test_settings),
      cmocka_unit_test(test_file_kinds),
      cmocka_unit_test(test_composition),
      cmocka_unit_test(test_cli_text),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

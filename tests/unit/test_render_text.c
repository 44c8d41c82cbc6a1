/*
 * tests/unit/test_render_text.c -- text set-up for the renderer: Dutch
 * hyphenation with libhyphen + hyphen-nl (render/hyph.c) and pango
 * measuring at 72 dpi (render/fonts.c).
 */
#include "testutil.h"

#include <string.h>

#include "core/buf.h"
#include "render/fonts.h"
#include "render/hyph.h"
#include "render/report.h"

#define SHY "\xc2\xad"

static void expect_hyph(zt_hyph *h, const char *in, const char *want) {
  zt_buf b;
  zt_buf_init(&b, 1u << 16);
  assert_int_equal(zt_hyph_text(h, in, &b), ZT_OK);
  if (strcmp(zt_buf_str(&b), want) != 0)
    fail_msg("'%s' -> '%s', expected '%s'", in, zt_buf_str(&b), want);
  zt_buf_free(&b);
}

static void test_hyphenation(void **state) {
  zt_hyph *h = NULL;
  zt_err err;
  (void)state;
  assert_int_equal(zt_hyph_open(NULL, &h, &err), ZT_OK);
  /* the breaks the research recorded for hyphen-nl */
  expect_hyph(h, "jeugdhulpvoorzieningen",
              "jeugd" SHY "hulp" SHY "voor" SHY "zie" SHY "nin" SHY "gen");
  expect_hyph(h, "zorgaanbieders", "zorg" SHY "aan" SHY "bie" SHY "ders");
  /* a word starting with a capital is a name (or starts a sentence) and
   * stays whole, while the same word in lower case is split */
  expect_hyph(h, "Gemeentelijke", "Gemeentelijke");
  expect_hyph(h, "gemeentelijke", "ge" SHY "meen" SHY "te" SHY "lij" SHY
                                  "ke");
  expect_hyph(h, "Zorggroep Cli\xc3\xabnt", "Zorggroep Cli\xc3\xabnt");
  expect_hyph(h, "Gezinshuizen", "Gezinshuizen");
  expect_hyph(h, "\xc3\x89\xc3\xa9nouderhuishoudens",
              "\xc3\x89\xc3\xa9nouderhuishoudens");
  expect_hyph(h, "naar Gezinshuizen verwezen",
              "naar Gezinshuizen ver" SHY "we" SHY "zen");
  /* short words, numbers and codes stay whole; punctuation passes */
  expect_hyph(h, "De 2022 cijfers: AB12345678, 1.234.567.",
              "De 2022 cij" SHY "fers: AB12345678, 1.234.567.");
  /* text around a word is kept byte for byte */
  expect_hyph(h, "(pleegzorg)", "(pleeg" SHY "zorg)");
  expect_hyph(h, "", "");
  /* a word outside Latin-1 stays whole */
  expect_hyph(h, "\xce\xb1\xce\xb2\xce\xb3\xce\xb4\xce\xb5\xce\xb6\xce\xb7",
              "\xce\xb1\xce\xb2\xce\xb3\xce\xb4\xce\xb5\xce\xb6\xce\xb7");
  zt_hyph_close(h);
  assert_int_equal(zt_hyph_open("/nonexistent/hyph.dic", &h, &err),
                   ZT_ERR_IO);
  assert_null(h);
  assert_non_null(strstr(err.msg, "/nonexistent/hyph.dic"));
}

static void test_measure_at_72_dpi(void **state) {
  zt_fonts f;
  zt_extents a, b, bold;
  (void)state;
  assert_int_equal(zt_fonts_init(&f, NULL, NULL), ZT_OK);
  zt_fonts_measure(&f, "1.234.567", ZT_F_BODY, &a);
  zt_fonts_measure(&f, "1.234.567", ZT_F_BODY, &b);
  assert_true(a.w > 0 && a.w == b.w);
  /* a 10 pt line of Lato (typographic metrics: ascent + descent = 1 em)
   * is 10 pt high at 72 dpi; at pango's default 96 dpi it would be 13,3 */
  assert_true(a.h > 9.5 && a.h < 12.5);
  assert_true(a.baseline > 7.0 && a.baseline < a.h);
  /* tabular figures: every digit equally wide */
  zt_fonts_measure(&f, "1111", ZT_F_BODY, &a);
  zt_fonts_measure(&f, "8888", ZT_F_BODY, &b);
  assert_true(a.w == b.w);
  zt_fonts_measure(&f, "Samenvatting", ZT_F_BODY_BOLD, &bold);
  zt_fonts_measure(&f, "Samenvatting", ZT_F_BODY, &a);
  assert_true(bold.w > a.w);
  /* the family is Lato */
  {
    PangoFontMetrics *m;
    PangoFont *font = pango_context_load_font(f.ctx, f.desc[ZT_F_BODY]);
    PangoFontDescription *d = pango_font_describe(font);
    assert_string_equal(pango_font_description_get_family(d), "Lato");
    m = pango_font_get_metrics(font, NULL);
    assert_true(pango_font_metrics_get_height(m) > 0);
    pango_font_metrics_unref(m);
    pango_font_description_free(d);
    g_object_unref(font);
  }
  zt_fonts_free(&f);
}

/* LeakSanitizer: fontconfig keeps its parsed configuration for the life
 * of the process (pango owns it; see zt_report_cleanup). Not our leak. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) {
  return "leak:libfontconfig.so\n";
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_hyphenation),
      cmocka_unit_test(test_measure_at_72_dpi),
  };
  int failed = cmocka_run_group_tests(tests, NULL, NULL);
  zt_report_cleanup();   /* for the leak checker */
  return failed;
}

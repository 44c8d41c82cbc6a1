/*
 * tests/unit/test_theme.c -- the chart colours (render/theme.h): every
 * fill has 3:1 contrast against white (no near-white fills), the kinds of
 * one group get a ramp whose lightness follows the order of the kinds,
 * and the contrast function agrees with WCAG's reference values.
 */
#include "testutil.h"

#include <math.h>

#include "core/kinds.h"
#include "render/theme.h"

/* WCAG relative luminance, written out again for the test. */
static double lum(uint32_t c) {
  double v[3];
  for (int k = 0; k < 3; k++) {
    double x = (double)((c >> (16 - 8 * k)) & 0xff) / 255.0;
    v[k] = x <= 0.03928 ? x / 12.92 : pow((x + 0.055) / 1.055, 2.4);
  }
  return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

static void test_contrast(void **state) {
  (void)state;
  assert_true(fabs(zt_contrast_white(0x000000) - 21.0) < 1e-9);
  assert_true(fabs(zt_contrast_white(0xffffff) - 1.0) < 1e-9);
  /* #767676 is the classic 4.5:1 grey */
  assert_true(fabs(zt_contrast_white(0x767676) - 4.54) < 0.01);
  /* a fill that passes is kept; a light one is darkened just enough */
  assert_int_equal(zt_color_fill(0x228833), 0x228833);
  assert_true(zt_contrast_white(zt_color_fill(0xeeeeee)) >=
              ZT_FILL_CONTRAST);
  assert_true(zt_contrast_white(zt_color_fill(0xccbb44)) < 3.2);
}

static void test_every_fill_has_contrast(void **state) {
  static const char *keys[] = {"gezinsvorm", "residentieel", "ambulant",
                               "short_stay", "gi", "verblijf", "instelling",
                               "other", "accent", "neutral"};
  (void)state;
  for (int k = 0; k < ZT_K_COUNT; k++) {
    uint32_t c = zt_color_of_kind((zt_care_kind)k);
    if (zt_contrast_white(c) < ZT_FILL_CONTRAST)
      fail_msg("kind %d: #%06x has %.2f:1", k, (unsigned)c,
               zt_contrast_white(c));
  }
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    uint32_t c = 0;
    assert_true(zt_color_by_key(keys[i], &c));
    if (zt_contrast_white(c) < ZT_FILL_CONTRAST)
      fail_msg("%s: #%06x", keys[i], (unsigned)c);
  }
  for (unsigned i = 0; i < 20; i++)
    assert_true(zt_contrast_white(zt_color_cycle(i)) >= ZT_FILL_CONTRAST);
}

/* Kinds of one group in their order: strictly darker one after another,
 * all different. */
static void ordered(const zt_care_kind *k, size_t n) {
  for (size_t i = 1; i < n; i++) {
    double a = lum(zt_color_of_kind(k[i - 1]));
    double b = lum(zt_color_of_kind(k[i]));
    if (!(b < a))
      fail_msg("kind %d (%.3f) not darker than kind %d (%.3f)", k[i], b,
               k[i - 1], a);
  }
}

static void test_ramps_follow_order(void **state) {
  static const zt_care_kind amb[] = {
      ZT_K_AMB_BEGELEIDING, ZT_K_AMB_BEHANDELING, ZT_K_DAGBEHANDELING,
      ZT_K_DAGACTIVITEITEN, ZT_K_DYSLEXIE, ZT_K_ZIEKENHUIS};
  static const zt_care_kind gez[] = {ZT_K_PLEEGZORG, ZT_K_GEZINSHUIS};
  static const zt_care_kind res[] = {ZT_K_RESIDENTIEEL, ZT_K_DRIEMILIEU,
                                     ZT_K_GESLOTEN};
  static const zt_care_kind gi[] = {ZT_K_JEUGDBESCHERMING, ZT_K_VOOGDIJ,
                                    ZT_K_JEUGDRECLASSERING};
  (void)state;
  ordered(amb, 6);
  ordered(gez, 2);
  ordered(res, 3);
  ordered(gi, 3);
  /* a ramp on any base, even white, starts at 3:1 and gets darker */
  for (unsigned n = 1; n <= 8; n++)
    for (unsigned i = 0; i < n; i++) {
      uint32_t c = zt_color_ramp(0xffffff, i, n);
      assert_true(zt_contrast_white(c) >= ZT_FILL_CONTRAST);
      if (i > 0)
        assert_true(lum(c) < lum(zt_color_ramp(0xffffff, i - 1, n)));
    }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_contrast),
      cmocka_unit_test(test_every_fill_has_contrast),
      cmocka_unit_test(test_ramps_follow_order),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * render/theme.c -- fonts, colours and statuses of the report (theme.h).
 */
#include "render/theme.h"

#include <math.h>
#include <string.h>

static const struct {
  double size;
  bool bold;
} fonts[ZT_F_COUNT] = {
  [ZT_F_BODY] = {10.0, false},        [ZT_F_BODY_BOLD] = {10.0, true},
  [ZT_F_SMALL] = {8.5, false},        [ZT_F_SMALL_BOLD] = {8.5, true},
  [ZT_F_CHART] = {8.0, false},        [ZT_F_CHART_BOLD] = {8.0, true},
  [ZT_F_CAPTION] = {9.5, true},       [ZT_F_H1] = {18.0, true},
  [ZT_F_H2] = {13.0, true},           [ZT_F_H3] = {11.0, true},
  [ZT_F_TILE_VALUE] = {19.0, true},   [ZT_F_COVER_TITLE] = {30.0, true},
  [ZT_F_COVER_SUB] = {16.0, false},   [ZT_F_FOOTER] = {8.0, false},
};

double zt_font_size(zt_font f) {
  return (unsigned)f < ZT_F_COUNT ? fonts[f].size : 10.0;
}

bool zt_font_bold(zt_font f) {
  return (unsigned)f < ZT_F_COUNT && fonts[f].bold;
}

/* Paul Tol, "bright": distinguishable with the common colour-vision
 * deficiencies. */
#define TOL_BLUE 0x4477aaU
#define TOL_CYAN 0x66cceeU
#define TOL_GREEN 0x228833U
#define TOL_YELLOW 0xccbb44U
#define TOL_RED 0xee6677U
#define TOL_PURPLE 0xaa3377U
#define TOL_GREY 0xbbbbbbU

static const struct {
  const char *key;
  uint32_t color;
} keyed[] = {
  {"gezinsvorm", TOL_BLUE},    {"residentieel", TOL_RED},
  {"ambulant", TOL_GREEN},     {"short_stay", TOL_YELLOW},
  {"gi", TOL_CYAN},            {"verblijf", TOL_PURPLE},
  {"instelling", TOL_RED},     {"other", TOL_GREY},
  {"accent", 0x1f3a5fU},       {"neutral", 0x888888U},
  {"target", ZT_C_TARGET},
};

/* Lighter (f > 0) or darker (f < 0) version of a colour. */
static uint32_t shade(uint32_t c, double f) {
  uint32_t out = 0;
  for (int s = 16; s >= 0; s -= 8) {
    double v = (double)((c >> s) & 0xff);
    v = f > 0 ? v + (255.0 - v) * f : v * (1.0 + f);
    out |= (uint32_t)(v + 0.5) << s;
  }
  return out;
}

double zt_contrast_white(uint32_t rgb) {
  static const double w[3] = {0.2126, 0.7152, 0.0722};
  double l = 0;
  for (int k = 0; k < 3; k++) {
    double v = (double)((rgb >> (16 - 8 * k)) & 0xff) / 255.0;
    v = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
    l += w[k] * v;
  }
  return 1.05 / (l + 0.05);
}

/* The lightest shade(c, f), f in [-1, fmax], with at least `ratio`
 * contrast against white (the contrast falls as f grows). */
static uint32_t lightest_with(uint32_t c, double fmax, double ratio) {
  double lo = -1.0, hi = fmax;
  if (zt_contrast_white(shade(c, hi)) >= ratio)
    return shade(c, hi);
  for (int i = 0; i < 40; i++) {
    double mid = (lo + hi) / 2;
    if (zt_contrast_white(shade(c, mid)) >= ratio)
      lo = mid;
    else
      hi = mid;
  }
  return shade(c, lo);
}

uint32_t zt_color_fill(uint32_t c) {
  return lightest_with(c, 0.0, ZT_FILL_CONTRAST);
}

uint32_t zt_color_ramp(uint32_t base, unsigned i, unsigned n) {
  /* from the lightest tint with a margin over the minimum contrast down
   * to a dark shade; one kind: the light end */
  uint32_t light = lightest_with(base, 0.5, ZT_FILL_CONTRAST + 0.25);
  uint32_t out = 0;
  double t = n > 1 ? (double)i / (double)(n - 1) : 0.0;
  if (i >= n)
    t = 1.0;
  for (int s = 16; s >= 0; s -= 8) {
    double a = (double)((light >> s) & 0xff);
    double v = a * (1.0 - 0.5 * t);
    out |= (uint32_t)(v + 0.5) << s;
  }
  return out;
}

/* The kinds of a colour family, in the order of the care kinds (the
 * order of every chart and table). */
static const struct {
  uint32_t base;
  zt_care_kind kinds[6];
  unsigned n;
} families[] = {
  {TOL_GREEN, {ZT_K_AMB_BEGELEIDING, ZT_K_AMB_BEHANDELING,
               ZT_K_DAGBEHANDELING, ZT_K_DAGACTIVITEITEN, ZT_K_DYSLEXIE,
               ZT_K_ZIEKENHUIS}, 6},
  {TOL_YELLOW, {ZT_K_LOGEREN, ZT_K_CRISIS}, 2},
  {TOL_BLUE, {ZT_K_PLEEGZORG, ZT_K_GEZINSHUIS}, 2},
  {TOL_RED, {ZT_K_RESIDENTIEEL, ZT_K_DRIEMILIEU, ZT_K_GESLOTEN}, 3},
  {TOL_PURPLE, {ZT_K_GGZ_KLINISCH, ZT_K_BESCHERMD_WONEN}, 2},
  {TOL_GREY, {ZT_K_LTA, ZT_K_OVERIG}, 2},
  {TOL_CYAN, {ZT_K_JEUGDBESCHERMING, ZT_K_VOOGDIJ,
              ZT_K_JEUGDRECLASSERING}, 3},
};

uint32_t zt_color_of_kind(zt_care_kind k) {
  for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
    for (unsigned i = 0; i < families[f].n; i++)
      if (families[f].kinds[i] == k)
        return zt_color_ramp(families[f].base, i, families[f].n);
  return zt_color_fill(TOL_GREY);
}

bool zt_color_by_key(const char *key, uint32_t *out) {
  int k;
  for (size_t i = 0; i < sizeof keyed / sizeof keyed[0]; i++)
    if (strcmp(keyed[i].key, key) == 0) {
      /* the yellow, cyan and grey of the scheme are darkened to 3:1 */
      *out = zt_color_fill(keyed[i].color);
      return true;
    }
  k = zt_kind_from_id(key);
  if (k >= 0) {
    *out = zt_color_of_kind((zt_care_kind)k);
    return true;
  }
  return false;
}

uint32_t zt_color_cycle(unsigned i) {
  /* Paul Tol "muted": nine distinct colours */
  static const uint32_t muted[] = {0x332288, 0x88ccee, 0x44aa99, 0x117733,
                                   0x999933, 0xddcc77, 0xcc6677, 0x882255,
                                   0xaa4499};
  return zt_color_fill(muted[i % (sizeof muted / sizeof muted[0])]);
}

zt_status_look zt_measure_status_look(const char *status) {
  static const struct {
    const char *word;
    uint32_t color;
    const char *symbol;
  } looks[] = {
    /* the words are drawn in these colours: each at least 4.5:1 on
     * white and on the table shade (WCAG 1.4.3) */
    {"gepland", 0x5a6c83U, "\xe2\x97\x8b"},   /* ○ 5.4:1 */
    {"lopend", 0x2f6aa8U, "\xe2\x96\xb6"},    /* ▶ 5.6:1 */
    {"gereed", ZT_C_OK, "\xe2\x9c\x94"},      /* ✔ 5.5:1 */
    {"vertraagd", 0xb04f18U, "\xe2\x9a\xa0"}, /* ⚠ 5.3:1 */
    {"gestopt", 0x6e6e6eU, "\xe2\x96\xa0"},   /* ■ 5.1:1 */
  };
  zt_status_look l = {ZT_C_NO_DATA, "?", status ? status : ""};
  for (size_t i = 0; status && i < sizeof looks / sizeof looks[0]; i++)
    if (strcmp(status, looks[i].word) == 0) {
      l.color = looks[i].color;
      l.symbol = looks[i].symbol;
      l.word = looks[i].word;
    }
  return l;
}

/*
 * render/theme.c -- fonts, colours and statuses of the report (theme.h).
 */
#include "render/theme.h"

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

uint32_t zt_color_of_kind(zt_care_kind k) {
  switch (k) {
  case ZT_K_PLEEGZORG: return TOL_BLUE;
  case ZT_K_GEZINSHUIS: return shade(TOL_BLUE, 0.45);
  case ZT_K_RESIDENTIEEL: return TOL_RED;
  case ZT_K_DRIEMILIEU: return shade(TOL_RED, -0.3);
  case ZT_K_GESLOTEN: return shade(TOL_RED, -0.5);
  case ZT_K_GGZ_KLINISCH: return TOL_PURPLE;
  case ZT_K_BESCHERMD_WONEN: return shade(TOL_PURPLE, 0.45);
  case ZT_K_AMB_BEGELEIDING: return TOL_GREEN;
  case ZT_K_AMB_BEHANDELING: return shade(TOL_GREEN, -0.35);
  case ZT_K_DAGBEHANDELING: return shade(TOL_GREEN, 0.35);
  case ZT_K_DAGACTIVITEITEN: return shade(TOL_GREEN, 0.55);
  case ZT_K_DYSLEXIE: return shade(TOL_GREEN, -0.55);
  case ZT_K_ZIEKENHUIS: return shade(TOL_GREEN, 0.7);
  case ZT_K_LOGEREN: return TOL_YELLOW;
  case ZT_K_CRISIS: return shade(TOL_YELLOW, -0.3);
  case ZT_K_JEUGDBESCHERMING: return TOL_CYAN;
  case ZT_K_VOOGDIJ: return shade(TOL_CYAN, -0.35);
  case ZT_K_JEUGDRECLASSERING: return shade(TOL_CYAN, -0.6);
  case ZT_K_LTA: return shade(TOL_GREY, -0.25);
  case ZT_K_OVERIG: return TOL_GREY;
  case ZT_K_COUNT: break;
  }
  return TOL_GREY;
}

bool zt_color_by_key(const char *key, uint32_t *out) {
  int k;
  for (size_t i = 0; i < sizeof keyed / sizeof keyed[0]; i++)
    if (strcmp(keyed[i].key, key) == 0) {
      *out = keyed[i].color;
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
  return muted[i % (sizeof muted / sizeof muted[0])];
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

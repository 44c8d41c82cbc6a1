/*
 * render/theme.h -- the report's look in one place: page geometry, font
 * sizes, and the colour-blind-safe palette (Paul Tol's "bright" and
 * "muted" schemes), in which every care group keeps one colour on every
 * chart: family setting blue, residential red, ambulant green, and so on.
 * Fills keep 3:1 contrast against white: the light colours of the schemes
 * (yellow, cyan, grey) are darkened. Status colours are always paired
 * with a word and a symbol.
 */
#ifndef ZT_THEME_H
#define ZT_THEME_H

#include <stdbool.h>
#include <stdint.h>

#include "core/kinds.h"

/* A4 in PDF points (1/72 inch). */
#define ZT_PAGE_W 595.276
#define ZT_PAGE_H 841.890
#define ZT_MARGIN_L 68.0
#define ZT_MARGIN_R 60.0
#define ZT_MARGIN_T 62.0
#define ZT_MARGIN_B 70.0
#define ZT_CONTENT_W (ZT_PAGE_W - ZT_MARGIN_L - ZT_MARGIN_R)

/* Text styles (font family, size, weight). */
typedef enum zt_font {
  ZT_F_BODY,
  ZT_F_BODY_BOLD,
  ZT_F_SMALL,
  ZT_F_SMALL_BOLD,
  ZT_F_CHART,
  ZT_F_CHART_BOLD,
  ZT_F_CAPTION,
  ZT_F_H1,
  ZT_F_H2,
  ZT_F_H3,
  ZT_F_TILE_VALUE,
  ZT_F_COVER_TITLE,
  ZT_F_COVER_SUB,
  ZT_F_FOOTER,
  ZT_F_COUNT
} zt_font;

/* The family list given to pango: Lato, with DejaVu Sans for glyphs Lato
 * lacks (check marks, arrows). */
#define ZT_FONT_FAMILY "Lato,DejaVu Sans"
#define ZT_FONT_CSS "Lato, 'DejaVu Sans', Arial, Helvetica, sans-serif"

double zt_font_size(zt_font f);   /* in points */
bool zt_font_bold(zt_font f);

/* Colours are 0xRRGGBB. */
#define ZT_C_TEXT 0x1a1a1aU
#define ZT_C_HEADING 0x1f3a5fU
#define ZT_C_MUTED 0x555555U
#define ZT_C_RULE 0xb8b8b8U
#define ZT_C_GRID 0xe2e2e2U
#define ZT_C_AXIS 0x444444U
#define ZT_C_TARGET 0x222222U
#define ZT_C_SHADE 0xf2f4f7U
#define ZT_C_OK 0x1b7837U       /* gehaald: dark green, 5.6:1 on white */
#define ZT_C_NOT_OK 0xb2182bU   /* niet gehaald: dark red, 6.2:1 */
#define ZT_C_NO_DATA 0x666666U  /* geen gegevens: grey, 5.7:1 */

/* Every fill of a chart (bars, slices, swatches, lines) has at least
 * this contrast against the white page (WCAG 2.1, 1.4.11 non-text
 * contrast): no near-white fills. */
#define ZT_FILL_CONTRAST 3.0
/* WCAG contrast ratio of a colour against white (1 to 21). */
double zt_contrast_white(uint32_t rgb);
/* c itself when it has ZT_FILL_CONTRAST against white, else the lightest
 * darker shade of c that has. */
uint32_t zt_color_fill(uint32_t c);
/* The i-th of n colours of a sequential ramp on `base`: i = 0 is the
 * lightest tint that still has a little more than ZT_FILL_CONTRAST, each
 * next one darker. Ordered categories get ramp colours in their order. */
uint32_t zt_color_ramp(uint32_t base, unsigned i, unsigned n);

/* A named colour key: a care group ("gezinsvorm", "residentieel",
 * "ambulant", "short_stay", "gi", "verblijf", "other") or a kind id
 * ("pleegzorg"), or "accent", "neutral". *out gets the colour; false when
 * the key is unknown. */
bool zt_color_by_key(const char *key, uint32_t *out);
/* The colour of a care kind: a ramp on its group's colour
 * (zt_color_ramp), light to dark in the order of the care kinds, so the
 * kinds of one group are recognisably related and their colours follow
 * the order in which charts list them. */
uint32_t zt_color_of_kind(zt_care_kind k);
/* The i-th colour of a general categorical palette (for series without a
 * care group, e.g. municipalities). */
uint32_t zt_color_cycle(unsigned i);

/* Measure statuses (maatregelen): colour, symbol and word. Unknown
 * statuses get grey and the status text itself. */
typedef struct zt_status_look {
  uint32_t color;
  const char *symbol;   /* UTF-8: "✔", "▶", ... */
  const char *word;     /* "gereed" */
} zt_status_look;
zt_status_look zt_measure_status_look(const char *status);

#endif

/*
 * render/fonts.h -- pango text set-up shared by the PDF writer and the SVG
 * canvas: one PangoContext at 72 dpi with the PDF surface's font options
 * (no hinting, no metric rounding), one font description per text style,
 * and a reusable layout for measuring single strings.
 *
 * Measuring for the SVG writer uses the same context, so charts are laid
 * out identically in the PDF and the HTML.
 */
#ifndef ZT_FONTS_H
#define ZT_FONTS_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "core/err.h"
#include "render/theme.h"

typedef struct zt_fonts {
  PangoContext *ctx;
  PangoFontDescription *desc[ZT_F_COUNT];
  PangoLayout *measure;      /* scratch layout for zt_fonts_measure */
  PangoAttrList *nohyph;     /* language nl, tabular figures */
  cairo_surface_t *dummy;    /* owned when made without a cairo_t */
} zt_fonts;

/* Extents of one line of text: width, height of the line box, and the
 * distance from the top of the box to the baseline. */
typedef struct zt_extents {
  double w, h, baseline;
} zt_extents;

/* Set up for drawing on `cr` (a PDF surface's context), or, when `cr` is
 * NULL, for measuring only (an output-less PDF surface supplies the same
 * font options). */
zt_status zt_fonts_init(zt_fonts *f, cairo_t *cr, zt_err *err);
void zt_fonts_free(zt_fonts *f);

/* Measure one line of UTF-8 text in style `font`. */
void zt_fonts_measure(zt_fonts *f, const char *utf8, zt_font font,
                      zt_extents *out);
/* A new layout in style `font` with width `width` points (<= 0: no
 * wrapping), text set as plain UTF-8. The caller unrefs it. */
PangoLayout *zt_fonts_layout(zt_fonts *f, const char *utf8, zt_font font,
                             double width);

#endif

/*
 * render/fonts.c -- the shared pango context and text measuring (fonts.h).
 */
#include "render/fonts.h"

#include <stdbool.h>

#include <cairo-pdf.h>

#include <string.h>

#include "core/log.h"

zt_status zt_fonts_init(zt_fonts *f, cairo_t *cr, zt_err *err) {
  cairo_t *own = NULL;
  cairo_font_options_t *fo;
  memset(f, 0, sizeof *f);
  if (!cr) {
    f->dummy = cairo_pdf_surface_create_for_stream(NULL, NULL, ZT_PAGE_W,
                                                   ZT_PAGE_H);
    own = cairo_create(f->dummy);
    if (cairo_status(own) != CAIRO_STATUS_SUCCESS) {
      cairo_destroy(own);
      cairo_surface_destroy(f->dummy);
      f->dummy = NULL;
      return zt_fail(err, ZT_ERR_NOMEM, "cannot set up text measuring");
    }
    cr = own;
  }
  f->ctx = pango_cairo_create_context(cr);
  pango_cairo_context_set_resolution(f->ctx, 72.0);
  /* The PDF surface's own options: no hinting, unrounded metrics. */
  fo = cairo_font_options_create();
  cairo_surface_get_font_options(cairo_get_target(cr), fo);
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(f->ctx, fo);
  cairo_font_options_destroy(fo);
  pango_context_set_language(f->ctx, pango_language_from_string("nl"));
  pango_context_set_round_glyph_positions(f->ctx, FALSE);
  for (int i = 0; i < ZT_F_COUNT; i++) {
    PangoFontDescription *d = pango_font_description_from_string(
        ZT_FONT_FAMILY);
    pango_font_description_set_size(
        d, (gint)(zt_font_size((zt_font)i) * PANGO_SCALE + 0.5));
    pango_font_description_set_weight(
        d, zt_font_bold((zt_font)i) ? PANGO_WEIGHT_BOLD
                                    : PANGO_WEIGHT_NORMAL);
    f->desc[i] = d;
  }
  f->nohyph = pango_attr_list_new();
  pango_attr_list_insert(f->nohyph,
                         pango_attr_language_new(
                             pango_language_from_string("nl")));
  pango_attr_list_insert(f->nohyph, pango_attr_font_features_new("tnum"));
  f->measure = pango_layout_new(f->ctx);
  pango_layout_set_attributes(f->measure, f->nohyph);
  {
    /* without Lato the report still renders, in another font */
    static bool warned = false;
    PangoFont *font = pango_context_load_font(f->ctx, f->desc[ZT_F_BODY]);
    PangoFontDescription *d = font ? pango_font_describe(font) : NULL;
    const char *fam = d ? pango_font_description_get_family(d) : NULL;
    if (!warned && (!fam || strcmp(fam, "Lato") != 0)) {
      zt_warn("render", "font Lato not found (install fonts-lato); "
              "using %s", fam ? fam : "a fallback font");
      warned = true;
    }
    if (d)
      pango_font_description_free(d);
    if (font)
      g_object_unref(font);
  }
  if (own)
    cairo_destroy(own);
  return ZT_OK;
}

void zt_fonts_free(zt_fonts *f) {
  if (f->measure)
    g_object_unref(f->measure);
  if (f->ctx)
    g_object_unref(f->ctx);
  for (int i = 0; i < ZT_F_COUNT; i++)
    if (f->desc[i])
      pango_font_description_free(f->desc[i]);
  if (f->nohyph)
    pango_attr_list_unref(f->nohyph);
  if (f->dummy) {
    cairo_surface_finish(f->dummy);
    cairo_surface_destroy(f->dummy);
  }
  memset(f, 0, sizeof *f);
}

void zt_fonts_measure(zt_fonts *f, const char *utf8, zt_font font,
                      zt_extents *out) {
  PangoRectangle log;
  pango_layout_set_font_description(f->measure, f->desc[font]);
  pango_layout_set_text(f->measure, utf8, -1);
  pango_layout_get_extents(f->measure, NULL, &log);
  out->w = (double)log.width / PANGO_SCALE;
  out->h = (double)log.height / PANGO_SCALE;
  out->baseline = (double)pango_layout_get_baseline(f->measure) /
                  PANGO_SCALE;
}

PangoLayout *zt_fonts_layout(zt_fonts *f, const char *utf8, zt_font font,
                             double width) {
  PangoLayout *l = pango_layout_new(f->ctx);
  pango_layout_set_font_description(l, f->desc[font]);
  pango_layout_set_attributes(l, f->nohyph);
  if (width > 0) {
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
  }
  pango_layout_set_text(l, utf8, -1);
  return l;
}

/*
 * render/canvas_cairo.c -- the drawing interface on a cairo context, used
 * for the PDF (canvas.h). Text is drawn with one reused pango layout.
 */
#include "render/canvas.h"

#include <math.h>

static void cc_color(void *impl, uint32_t rgb) {
  zt_canvas_cairo *cc = impl;
  cairo_set_source_rgb(cc->cr, (double)((rgb >> 16) & 0xff) / 255.0,
                       (double)((rgb >> 8) & 0xff) / 255.0,
                       (double)(rgb & 0xff) / 255.0);
}

static void cc_line(void *impl, double width, bool dashed) {
  zt_canvas_cairo *cc = impl;
  static const double dash[2] = {4.0, 3.0};
  cairo_set_line_width(cc->cr, width);
  cairo_set_dash(cc->cr, dash, dashed ? 2 : 0, 0.0);
}

static void cc_move(void *impl, double x, double y) {
  zt_canvas_cairo *cc = impl;
  cairo_move_to(cc->cr, cc->ox + x, cc->oy + y);
}

static void cc_lineto(void *impl, double x, double y) {
  zt_canvas_cairo *cc = impl;
  cairo_line_to(cc->cr, cc->ox + x, cc->oy + y);
}

static void cc_arc(void *impl, double cx, double cy, double r, double a0,
                   double a1) {
  zt_canvas_cairo *cc = impl;
  if (a1 >= a0)
    cairo_arc(cc->cr, cc->ox + cx, cc->oy + cy, r, a0, a1);
  else
    cairo_arc_negative(cc->cr, cc->ox + cx, cc->oy + cy, r, a0, a1);
}

static void cc_close(void *impl) {
  zt_canvas_cairo *cc = impl;
  cairo_close_path(cc->cr);
}

static void cc_fill(void *impl) {
  zt_canvas_cairo *cc = impl;
  cairo_fill(cc->cr);
}

static void cc_stroke(void *impl) {
  zt_canvas_cairo *cc = impl;
  cairo_stroke(cc->cr);
}

static void cc_text(void *impl, double x, double y, const char *utf8,
                    zt_font font, zt_anchor anchor) {
  zt_canvas_cairo *cc = impl;
  PangoRectangle log;
  double w;
  pango_layout_set_font_description(cc->layout, cc->fonts->desc[font]);
  pango_layout_set_text(cc->layout, utf8, -1);
  pango_layout_get_extents(cc->layout, NULL, &log);
  w = (double)log.width / PANGO_SCALE;
  if (anchor == ZT_ANCHOR_MIDDLE)
    x -= w / 2;
  else if (anchor == ZT_ANCHOR_END)
    x -= w;
  cairo_move_to(cc->cr, cc->ox + x, cc->oy + y);
  pango_cairo_show_layout(cc->cr, cc->layout);
  cairo_new_path(cc->cr);
}

static void cc_measure(void *impl, const char *utf8, zt_font font,
                       zt_extents *out) {
  zt_canvas_cairo *cc = impl;
  zt_fonts_measure(cc->fonts, utf8, font, out);
}

static void cc_group(void *impl, const char *tag, const char *title) {
  zt_canvas_cairo *cc = impl;
  (void)tag;
  (void)title;
  cairo_save(cc->cr);
}

static void cc_group_end(void *impl) {
  zt_canvas_cairo *cc = impl;
  cairo_restore(cc->cr);
}

static const zt_canvas_ops cairo_ops = {
  cc_color, cc_line, cc_move, cc_lineto, cc_arc, cc_close, cc_fill,
  cc_stroke, cc_text, cc_measure, cc_group, cc_group_end,
};

void zt_canvas_cairo_init(zt_canvas_cairo *cc, zt_canvas *cv, cairo_t *cr,
                          zt_fonts *fonts, double ox, double oy) {
  cc->cr = cr;
  cc->fonts = fonts;
  cc->ox = ox;
  cc->oy = oy;
  cc->layout = pango_layout_new(fonts->ctx);
  pango_layout_set_attributes(cc->layout, fonts->nohyph);
  cv->ops = &cairo_ops;
  cv->impl = cc;
  cairo_save(cr);
  cairo_new_path(cr);   /* no current point left over from earlier text */
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
}

void zt_canvas_cairo_done(zt_canvas_cairo *cc) {
  cairo_restore(cc->cr);
  if (cc->layout)
    g_object_unref(cc->layout);
  cc->layout = NULL;
}

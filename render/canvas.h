/*
 * render/canvas.h -- the one small drawing interface that every chart
 * draws through, with two implementations: cairo (canvas_cairo.c, for the
 * PDF; text through pango) and an SVG writer (canvas_svg.c, for the HTML;
 * text as real <text>, groups with <title>/<desc>).
 *
 * Coordinates are points, y downwards, origin at the canvas's top left.
 * A path is built with move/line/arc/close and then filled or stroked in
 * the current colour. Text is one line, placed by the top of its line box,
 * and can be measured first so charts lay out labels without overlap.
 */
#ifndef ZT_CANVAS_H
#define ZT_CANVAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "render/fonts.h"
#include "render/theme.h"

typedef enum zt_anchor {
  ZT_ANCHOR_START,   /* x is the left edge */
  ZT_ANCHOR_MIDDLE,  /* x is the centre */
  ZT_ANCHOR_END      /* x is the right edge */
} zt_anchor;

typedef struct zt_canvas_ops {
  void (*set_color)(void *impl, uint32_t rgb);
  /* Line width in points; dashed draws the target style (4 on, 3 off). */
  void (*set_line)(void *impl, double width, bool dashed);
  void (*move_to)(void *impl, double x, double y);
  void (*line_to)(void *impl, double x, double y);
  /* Add a circular arc around (cx, cy) from angle a0 to a1 (radians;
   * a1 > a0 runs clockwise on the page because y points down, a1 < a0
   * counter-clockwise), with a line from the current point to the arc's
   * start when there is one. */
  void (*arc)(void *impl, double cx, double cy, double r, double a0,
              double a1);
  void (*close_path)(void *impl);
  void (*fill)(void *impl);
  void (*stroke)(void *impl);
  void (*text)(void *impl, double x, double y, const char *utf8,
               zt_font font, zt_anchor anchor);
  void (*measure)(void *impl, const char *utf8, zt_font font,
                  zt_extents *out);
  /* A named group: `tag` is a short role ("series", "axis", "legend");
   * title/desc may be NULL. The SVG writer emits <g> with <title>. */
  void (*group_begin)(void *impl, const char *tag, const char *title);
  void (*group_end)(void *impl);
} zt_canvas_ops;

typedef struct zt_canvas {
  const zt_canvas_ops *ops;
  void *impl;
} zt_canvas;

static inline void zt_cv_color(zt_canvas *c, uint32_t rgb) {
  c->ops->set_color(c->impl, rgb);
}
static inline void zt_cv_line_style(zt_canvas *c, double w, bool dashed) {
  c->ops->set_line(c->impl, w, dashed);
}
static inline void zt_cv_move(zt_canvas *c, double x, double y) {
  c->ops->move_to(c->impl, x, y);
}
static inline void zt_cv_line(zt_canvas *c, double x, double y) {
  c->ops->line_to(c->impl, x, y);
}
static inline void zt_cv_arc(zt_canvas *c, double cx, double cy, double r,
                             double a0, double a1) {
  c->ops->arc(c->impl, cx, cy, r, a0, a1);
}
static inline void zt_cv_close(zt_canvas *c) { c->ops->close_path(c->impl); }
static inline void zt_cv_fill(zt_canvas *c) { c->ops->fill(c->impl); }
static inline void zt_cv_stroke(zt_canvas *c) { c->ops->stroke(c->impl); }
static inline void zt_cv_text(zt_canvas *c, double x, double y,
                              const char *s, zt_font f, zt_anchor a) {
  c->ops->text(c->impl, x, y, s, f, a);
}
static inline void zt_cv_measure(zt_canvas *c, const char *s, zt_font f,
                                 zt_extents *out) {
  c->ops->measure(c->impl, s, f, out);
}
static inline void zt_cv_group(zt_canvas *c, const char *tag,
                               const char *title) {
  c->ops->group_begin(c->impl, tag, title);
}
static inline void zt_cv_group_end(zt_canvas *c) {
  c->ops->group_end(c->impl);
}

/* Path helpers built on the primitives. */
void zt_cv_rect(zt_canvas *c, double x, double y, double w, double h);
void zt_cv_polygon(zt_canvas *c, const double *xy, size_t npoints);
/* A straight line from (x0, y0) to (x1, y1), stroked. */
void zt_cv_segment(zt_canvas *c, double x0, double y0, double x1,
                   double y1);
/* Shorten `utf8` with a trailing ellipsis until it fits `maxw`; writes
 * into buf (size n) and returns buf (or utf8 itself when it fits). */
const char *zt_cv_fit(zt_canvas *c, const char *utf8, zt_font f,
                      double maxw, char *buf, size_t n);

/* --- canvas_cairo.c: draw on a cairo context (a PDF page) ------------ */
typedef struct zt_canvas_cairo {
  cairo_t *cr;
  zt_fonts *fonts;
  PangoLayout *layout;   /* reused for every text */
  double ox, oy;         /* origin of the canvas on the page */
} zt_canvas_cairo;

/* Set up a canvas drawing on `cr` at page offset (ox, oy); `fonts` must
 * have been made for the same cairo_t. */
void zt_canvas_cairo_init(zt_canvas_cairo *cc, zt_canvas *cv, cairo_t *cr,
                          zt_fonts *fonts, double ox, double oy);
void zt_canvas_cairo_done(zt_canvas_cairo *cc);

/* --- canvas_svg.c: write SVG into a buffer ---------------------------- */
struct zt_buf;
typedef struct zt_canvas_svg {
  struct zt_buf *out;
  zt_fonts *fonts;       /* for measuring */
  uint32_t color;
  double line_w;
  bool dashed;
  struct zt_buf *path;   /* the path being built ("M.. L.. A..") */
  double cx, cy;         /* current point */
  bool have_point;
  zt_status status;      /* ZT_OK, or the first append error */
  double width;          /* > 0: text is moved inside 0..width */
  /* Inside an "axis" group, a tick label that would overlap one already
   * written is left out (the enlarged screen text would collide). */
  int axis_depth;        /* > 0 inside an "axis" group */
  size_t nkept;          /* labels written in the current axis group */
  double kept[32][4];    /* their boxes: x0, y0, x1, y1 */
} zt_canvas_svg;

/* Start writing SVG drawing elements into `out` (the caller writes the
 * <svg> element around them, see zt_svg_open). */
void zt_canvas_svg_init(zt_canvas_svg *cs, zt_canvas *cv,
                        struct zt_buf *out, zt_fonts *fonts);
/* Finish; returns the first write error (ZT_OK normally). */
zt_status zt_canvas_svg_done(zt_canvas_svg *cs);
/* Append `s` to `out` with XML escaping (& < > " '). */
zt_status zt_xml_escape(struct zt_buf *out, const char *s);

#endif

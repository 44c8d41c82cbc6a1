/*
 * render/canvas_svg.c -- the drawing interface as hand-written SVG, for
 * the HTML report (canvas.h). Text stays text (<text>, so it can be read,
 * searched and enlarged), groups can carry a <title>, no ids are written
 * (so many charts can be inlined in one page), and numbers are written
 * with our own formatter, independent of the locale.
 *
 * Text is drawn (and measured, so the chart lays it out) SVG_TEXT_SCALE
 * times larger than in print: a chart on a phone is shown at about the
 * width of its drawing (html.c draws it for a narrow design width), and
 * the 8 pt chart text of the PDF would be too small there.
 */
#include "render/canvas.h"

#include <math.h>
#include <string.h>

#include "core/buf.h"

/* Chart text on screen: 8 pt chart text becomes 12 units, which is 12 CSS
 * px or more wherever the SVG is shown at least as wide as its viewBox
 * (docs/accessibility.md, "Charts"). */
#define SVG_TEXT_SCALE 1.5

/* Append a coordinate with at most two decimals ("12.5", "-3", "0.25"). */
static void put_num(zt_buf *b, double v, zt_status *st) {
  char tmp[40];
  int64_t c;
  size_t n = 0;
  uint64_t ip, fp;
  if (!isfinite(v))
    v = 0;
  c = (int64_t)llround(v * 100.0);
  if (c < 0) {
    tmp[n++] = '-';
    c = -c;
  }
  ip = (uint64_t)c / 100;
  fp = (uint64_t)c % 100;
  {
    char d[24];
    size_t k = 0;
    do {
      d[k++] = (char)('0' + ip % 10);
      ip /= 10;
    } while (ip);
    while (k)
      tmp[n++] = d[--k];
  }
  if (fp) {
    tmp[n++] = '.';
    tmp[n++] = (char)('0' + fp / 10);
    if (fp % 10)
      tmp[n++] = (char)('0' + fp % 10);
  }
  if (*st == ZT_OK)
    *st = zt_buf_append(b, tmp, n);
}

static void put(zt_buf *b, const char *s, zt_status *st) {
  if (*st == ZT_OK)
    *st = zt_buf_puts(b, s);
}

static void put_color(zt_buf *b, uint32_t rgb, zt_status *st) {
  if (*st == ZT_OK)
    *st = zt_buf_printf(b, "#%06x", (unsigned)(rgb & 0xffffffU));
}

zt_status zt_xml_escape(zt_buf *out, const char *s) {
  zt_status st = ZT_OK;
  const char *run = s;
  for (; *s && st == ZT_OK; s++) {
    const char *rep = NULL;
    switch (*s) {
    case '&': rep = "&amp;"; break;
    case '<': rep = "&lt;"; break;
    case '>': rep = "&gt;"; break;
    case '"': rep = "&quot;"; break;
    case '\'': rep = "&#39;"; break;
    default: break;
    }
    if (rep) {
      if (s > run)
        st = zt_buf_append(out, run, (size_t)(s - run));
      if (st == ZT_OK)
        st = zt_buf_puts(out, rep);
      run = s + 1;
    }
  }
  if (st == ZT_OK && s > run)
    st = zt_buf_append(out, run, (size_t)(s - run));
  return st;
}

static zt_status *stp(zt_canvas_svg *cs) { return &cs->status; }

static void sv_color(void *impl, uint32_t rgb) {
  ((zt_canvas_svg *)impl)->color = rgb;
}

static void sv_line(void *impl, double width, bool dashed) {
  zt_canvas_svg *cs = impl;
  cs->line_w = width;
  cs->dashed = dashed;
}

static void path_cmd(zt_canvas_svg *cs, char cmd, double x, double y) {
  char c[2] = {cmd, 0};
  put(cs->path, c, stp(cs));
  put_num(cs->path, x, stp(cs));
  put(cs->path, " ", stp(cs));
  put_num(cs->path, y, stp(cs));
  cs->cx = x;
  cs->cy = y;
  cs->have_point = true;
}

static void sv_move(void *impl, double x, double y) {
  path_cmd(impl, 'M', x, y);
}

static void sv_lineto(void *impl, double x, double y) {
  zt_canvas_svg *cs = impl;
  path_cmd(cs, cs->have_point ? 'L' : 'M', x, y);
}

/* One SVG arc segment of less than a full turn. */
static void arc_seg(zt_canvas_svg *cs, double cx, double cy, double r,
                    double a1, double span) {
  double x = cx + r * cos(a1), y = cy + r * sin(a1);
  put(cs->path, "A", stp(cs));
  put_num(cs->path, r, stp(cs));
  put(cs->path, " ", stp(cs));
  put_num(cs->path, r, stp(cs));
  put(cs->path, fabs(span) > M_PI ? " 0 1 " : " 0 0 ", stp(cs));
  put(cs->path, span > 0 ? "1 " : "0 ", stp(cs));
  put_num(cs->path, x, stp(cs));
  put(cs->path, " ", stp(cs));
  put_num(cs->path, y, stp(cs));
  cs->cx = x;
  cs->cy = y;
}

static void sv_arc(void *impl, double cx, double cy, double r, double a0,
                   double a1) {
  zt_canvas_svg *cs = impl;
  double span = a1 - a0;
  double sx = cx + r * cos(a0), sy = cy + r * sin(a0);
  path_cmd(cs, cs->have_point ? 'L' : 'M', sx, sy);
  if (fabs(span) >= 2 * M_PI - 1e-9) {
    /* a full circle: two halves, SVG cannot draw it in one arc */
    arc_seg(cs, cx, cy, r, a0 + span / 2, span / 2);
    arc_seg(cs, cx, cy, r, a1, span / 2);
  } else if (fabs(span) > 1e-12) {
    arc_seg(cs, cx, cy, r, a1, span);
  }
}

static void sv_close(void *impl) {
  zt_canvas_svg *cs = impl;
  put(cs->path, "Z", stp(cs));
}

static void flush_path(zt_canvas_svg *cs, bool fill) {
  if (cs->path->len == 0)
    return;
  put(cs->out, "<path d=\"", stp(cs));
  put(cs->out, zt_buf_str(cs->path), stp(cs));
  if (fill) {
    put(cs->out, "\" fill=\"", stp(cs));
    put_color(cs->out, cs->color, stp(cs));
    put(cs->out, "\"/>\n", stp(cs));
  } else {
    put(cs->out, "\" fill=\"none\" stroke=\"", stp(cs));
    put_color(cs->out, cs->color, stp(cs));
    put(cs->out, "\" stroke-width=\"", stp(cs));
    put_num(cs->out, cs->line_w, stp(cs));
    if (cs->dashed)
      put(cs->out, "\" stroke-dasharray=\"4 3", stp(cs));
    put(cs->out, "\"/>\n", stp(cs));
  }
  zt_buf_reset(cs->path);
  cs->have_point = false;
}

static void sv_fill(void *impl) { flush_path(impl, true); }
static void sv_stroke(void *impl) { flush_path(impl, false); }

static void sv_measure(void *impl, const char *utf8, zt_font font,
                       zt_extents *out) {
  zt_canvas_svg *cs = impl;
  zt_fonts_measure(cs->fonts, utf8, font, out);
  out->w *= SVG_TEXT_SCALE;
  out->h *= SVG_TEXT_SCALE;
  out->baseline *= SVG_TEXT_SCALE;
}

/* Whether a tick label at (x, top) with print extents `e` keeps clear of
 * the labels already written in this axis group; records it when so. */
static bool axis_label_fits(zt_canvas_svg *cs, double x, double top,
                            const zt_extents *e, zt_anchor anchor) {
  const double gap = 4.0;
  double w = e->w * SVG_TEXT_SCALE, h = e->h * SVG_TEXT_SCALE;
  double x0 = anchor == ZT_ANCHOR_MIDDLE ? x - w / 2
              : anchor == ZT_ANCHOR_END  ? x - w
                                         : x;
  double b[4] = {x0, top, x0 + w, top + h};
  for (size_t i = 0; i < cs->nkept; i++) {
    const double *k = cs->kept[i];
    if (b[0] < k[2] + gap && k[0] < b[2] + gap && b[1] < k[3] &&
        k[1] < b[3])
      return false;
  }
  if (cs->nkept < sizeof cs->kept / sizeof cs->kept[0])
    memcpy(cs->kept[cs->nkept++], b, sizeof b);
  return true;
}

static void sv_text(void *impl, double x, double y, const char *utf8,
                    zt_font font, zt_anchor anchor) {
  zt_canvas_svg *cs = impl;
  zt_extents e;
  /* the larger line box is centred on the print-size one, so labels
   * stay centred on their bars, ticks and rows */
  zt_fonts_measure(cs->fonts, utf8, font, &e);
  y -= e.h * (SVG_TEXT_SCALE - 1) / 2;
  if (cs->width > 0) {
    /* the enlarged text may reach past the drawing's edge, where the
     * page would cut it off: move it in */
    double w = e.w * SVG_TEXT_SCALE;
    double x0 = anchor == ZT_ANCHOR_MIDDLE ? x - w / 2
                : anchor == ZT_ANCHOR_END  ? x - w
                                           : x;
    if (x0 + w > cs->width)
      x -= x0 + w - cs->width;
    else if (x0 < 0)
      x -= x0;
  }
  if (cs->axis_depth > 0 && !axis_label_fits(cs, x, y, &e, anchor))
    return;
  y += e.baseline * SVG_TEXT_SCALE;
  put(cs->out, "<text x=\"", stp(cs));
  put_num(cs->out, x, stp(cs));
  put(cs->out, "\" y=\"", stp(cs));
  put_num(cs->out, y, stp(cs));
  put(cs->out, "\" font-size=\"", stp(cs));
  put_num(cs->out, zt_font_size(font) * SVG_TEXT_SCALE, stp(cs));
  put(cs->out, "\"", stp(cs));
  if (zt_font_bold(font))
    put(cs->out, " font-weight=\"bold\"", stp(cs));
  if (anchor == ZT_ANCHOR_MIDDLE)
    put(cs->out, " text-anchor=\"middle\"", stp(cs));
  else if (anchor == ZT_ANCHOR_END)
    put(cs->out, " text-anchor=\"end\"", stp(cs));
  if (cs->color != ZT_C_TEXT) {
    put(cs->out, " fill=\"", stp(cs));
    put_color(cs->out, cs->color, stp(cs));
    put(cs->out, "\"", stp(cs));
  }
  put(cs->out, ">", stp(cs));
  if (cs->status == ZT_OK)
    cs->status = zt_xml_escape(cs->out, utf8);
  put(cs->out, "</text>\n", stp(cs));
}


static void sv_group(void *impl, const char *tag, const char *title) {
  zt_canvas_svg *cs = impl;
  if (cs->axis_depth > 0)
    cs->axis_depth++;
  else if (tag && strcmp(tag, "axis") == 0) {
    cs->axis_depth = 1;
    cs->nkept = 0;
  }
  put(cs->out, "<g", stp(cs));
  if (tag) {
    put(cs->out, " class=\"", stp(cs));
    if (cs->status == ZT_OK)
      cs->status = zt_xml_escape(cs->out, tag);
    put(cs->out, "\"", stp(cs));
  }
  put(cs->out, ">", stp(cs));
  if (title) {
    put(cs->out, "<title>", stp(cs));
    if (cs->status == ZT_OK)
      cs->status = zt_xml_escape(cs->out, title);
    put(cs->out, "</title>", stp(cs));
  }
  put(cs->out, "\n", stp(cs));
}

static void sv_group_end(void *impl) {
  zt_canvas_svg *cs = impl;
  if (cs->axis_depth > 0)
    cs->axis_depth--;
  put(cs->out, "</g>\n", stp(cs));
}

static const zt_canvas_ops svg_ops = {
  sv_color, sv_line, sv_move, sv_lineto, sv_arc, sv_close, sv_fill,
  sv_stroke, sv_text, sv_measure, sv_group, sv_group_end,
};

void zt_canvas_svg_init(zt_canvas_svg *cs, zt_canvas *cv, zt_buf *out,
                        zt_fonts *fonts) {
  memset(cs, 0, sizeof *cs);
  cs->out = out;
  cs->fonts = fonts;
  cs->color = ZT_C_TEXT;
  cs->line_w = 1.0;
  cs->path = g_new0(zt_buf, 1);
  zt_buf_init(cs->path, 1u << 24);
  cs->status = ZT_OK;
  cv->ops = &svg_ops;
  cv->impl = cs;
}

zt_status zt_canvas_svg_done(zt_canvas_svg *cs) {
  zt_buf_free(cs->path);
  g_free(cs->path);
  cs->path = NULL;
  return cs->status;
}

/*
 * render/chart_draw.c -- layout and drawing of every chart type through
 * the drawing interface (chart.h, canvas.h). Each type computes its
 * plot box from measured labels first, then draws: gridlines and ticks,
 * data, value labels, legend. No chart junk: light gridlines, no frames,
 * no 3-D, no shadows.
 */
#include "render/chart.h"
#include "render/chart_draw.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "render/format_nl.h"

#define PAD 4.0
#define TICK_GAP 5.0
#define LINE_H 11.0          /* one line of chart text */
#define SWATCH 9.0
#define BAR_H 11.0           /* horizontal bar thickness */
#define ROW_GAP 6.0
#define ROW_GAP_LONG 3.0     /* in a chart of more than LONG_CHART rows */
#define LONG_CHART 12
#define VALUE_LABEL_MAX 16   /* label values when there are at most this
                                many bars */

typedef struct box {
  double x, y, w, h;
} box;

static double text_w(zt_canvas *cv, const char *s, zt_font f) {
  zt_extents e;
  zt_cv_measure(cv, s, f, &e);
  return e.w;
}

/* Relative luminance of a colour (WCAG 2.1). */
static double luminance(uint32_t rgb) {
  double l = 0;
  static const double w[3] = {0.2126, 0.7152, 0.0722};
  for (int k = 0; k < 3; k++) {
    double v = (double)((rgb >> (16 - 8 * k)) & 0xff) / 255.0;
    v = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
    l += w[k] * v;
  }
  return l;
}

/* The label colour on a filled shape: white or the text colour,
 * whichever contrasts more (light bars get dark labels). */
static uint32_t label_on(uint32_t fill) {
  double lf = luminance(fill);
  double white = 1.05 / (lf + 0.05);
  double dark = (lf + 0.05) / (luminance(ZT_C_TEXT) + 0.05);
  return white >= dark ? 0xffffffU : ZT_C_TEXT;
}

/* The fill of a bar; a colour from a template is darkened to 3:1
 * against white if it is lighter (theme.h). */
static uint32_t bar_color(const zt_chart *c, size_t s, size_t i) {
  if (c->cat_color && c->nser == 1)
    return zt_color_fill(c->cat_color[i]);
  return zt_color_fill(c->ser[s].color);
}

/* --- wrapped text ------------------------------------------------------ */

#define NOTE_LINES 8
#define NOTE_LEN 320

typedef struct notes {
  size_t n;
  char line[NOTE_LINES][NOTE_LEN];
} notes;

/* Break `s` at spaces into lines no wider than w (a word wider than w
 * gets a line of its own) and append them to out. */
static void wrap_text(zt_canvas *cv, const char *s, zt_font f, double w,
                      notes *out) {
  const char *p = s;
  char cur[NOTE_LEN], tryl[NOTE_LEN];
  size_t cl = 0;
  cur[0] = '\0';
  while (*p && out->n < NOTE_LINES) {
    const char *q = strchr(p, ' ');
    size_t len = q ? (size_t)(q - p) : strlen(p), tl = cl;
    if (len > NOTE_LEN / 2)
      len = NOTE_LEN / 2;
    memcpy(tryl, cur, cl);
    if (cl)
      tryl[tl++] = ' ';
    if (tl + len >= NOTE_LEN)
      break;
    memcpy(tryl + tl, p, len);
    tl += len;
    tryl[tl] = '\0';
    if (cl && text_w(cv, tryl, f) > w) {
      memcpy(out->line[out->n++], cur, cl + 1);
      memcpy(cur, p, len);
      cl = len;
      cur[cl] = '\0';
    } else {
      memcpy(cur, tryl, tl + 1);
      cl = tl;
    }
    if (!q)
      break;
    p = q + 1;
  }
  if (cl && out->n < NOTE_LINES)
    memcpy(out->line[out->n++], cur, cl + 1);
}

/* --- legend ----------------------------------------------------------- */

static bool wants_legend(const zt_chart *c) {
  return c->nser > 1 && zt_chart_kind_of(c->type)->legend;
}

/* Lay the legend out in rows within width w; returns its height and, when
 * draw is true, draws it at (x, y). An entry too long for a row of its
 * own wraps onto more lines (never cut off, never wider than the
 * chart: a phone's 360 units). */
static double legend(const zt_chart *c, zt_canvas *cv, double x, double y,
                     double w, bool draw) {
  double cx = 0, cy = 0;
  if (!wants_legend(c))
    return 0;
  if (draw)
    zt_cv_group(cv, "legend", "Legenda");
  for (size_t s = 0; s < c->nser; s++) {
    char buf[160];
    const char *name = c->ser[s].name;
    double iw;
    notes lines;
    lines.n = 0;
    if (c->ser[s].is_target) {
      snprintf(buf, sizeof buf, "Doel %s", name);
      name = buf;
    }
    iw = SWATCH + 14 + text_w(cv, name, ZT_F_CHART) + 12;
    if (iw > w) {
      wrap_text(cv, name, ZT_F_CHART, w - (SWATCH + 26), &lines);
      iw = w;
    }
    if (cx > 0 && cx + iw > w) {
      cx = 0;
      cy += LINE_H + 2;
    }
    if (draw) {
      double sx = x + cx, sy = y + cy + 1.5;
      zt_cv_color(cv, zt_color_fill(c->ser[s].color));
      if (c->type == ZT_CHART_LINE) {
        zt_cv_line_style(cv, c->ser[s].is_target ? 1.2 : 2.0,
                         c->ser[s].is_target);
        zt_cv_segment(cv, sx, sy + SWATCH / 2, sx + SWATCH + 8,
                      sy + SWATCH / 2);
      } else {
        zt_cv_rect(cv, sx, sy, SWATCH + 8, SWATCH);
        zt_cv_fill(cv);
      }
      zt_cv_color(cv, ZT_C_TEXT);
      if (!lines.n)
        zt_cv_text(cv, sx + SWATCH + 12, y + cy, name, ZT_F_CHART,
                   ZT_ANCHOR_START);
      for (size_t k = 0; k < lines.n; k++)
        zt_cv_text(cv, sx + SWATCH + 12, y + cy + (double)k * LINE_H,
                   lines.line[k], ZT_F_CHART, ZT_ANCHOR_START);
    }
    if (lines.n > 1)
      cy += (double)(lines.n - 1) * LINE_H;
    cx += iw;
  }
  if (draw)
    zt_cv_group_end(cv);
  return cy + LINE_H + 4;
}

/* The unit label at the top left; returns the height used. */
static double y_label(const zt_chart *c, zt_canvas *cv, bool draw) {
  if (!c->y_label || !*c->y_label)
    return 0;
  if (draw) {
    zt_cv_color(cv, ZT_C_MUTED);
    zt_cv_text(cv, 0, 0, c->y_label, ZT_F_CHART, ZT_ANCHOR_START);
  }
  return LINE_H + 4;
}

/* --- value range -------------------------------------------------------- */

static void value_range(const zt_chart *c, bool stacked, double *mn,
                        double *mx) {
  *mn = 0;
  *mx = 0;
  for (size_t i = 0; i < c->ncat; i++) {
    double pos = 0, neg = 0;
    for (size_t s = 0; s < c->nser; s++) {
      const zt_chart_value *v = &c->ser[s].val[i];
      if (!v->present)
        continue;
      if (stacked) {
        if (v->v >= 0)
          pos += v->v;
        else
          neg += v->v;
      } else {
        if (v->v > *mx)
          *mx = v->v;
        if (v->v < *mn)
          *mn = v->v;
      }
    }
    if (stacked) {
      if (pos > *mx)
        *mx = pos;
      if (neg < *mn)
        *mn = neg;
    }
  }
  if (c->unit == ZT_UNIT_PERCENT && *mx > 0 && *mx <= 100 && *mx > 80)
    *mx = 100;
}

static bool integer_unit(zt_unit u) {
  return u == ZT_UNIT_COUNT || u == ZT_UNIT_DAYS;
}

/* Widest tick label of an axis. */
static double ticks_width(const zt_chart *c, zt_canvas *cv,
                          const zt_axis *ax) {
  double w = 0;
  for (int k = 0; k < ax->nticks; k++) {
    char lab[64];
    double tw;
    zt_axis_label(c->unit, ax->lo + ax->step * k, ax->step, lab,
                  sizeof lab);
    tw = text_w(cv, lab, ZT_F_CHART);
    if (tw > w)
      w = tw;
  }
  return w;
}

/* Horizontal gridlines and tick labels of a vertical value axis. */
static void draw_y_axis(const zt_chart *c, zt_canvas *cv, box p,
                        const zt_axis *ax) {
  zt_cv_group(cv, "axis", NULL);
  for (int k = 0; k < ax->nticks; k++) {
    double v = ax->lo + ax->step * k;
    double y = p.y + p.h - (v - ax->lo) / (ax->hi - ax->lo) * p.h;
    char lab[64];
    zt_axis_label(c->unit, v, ax->step, lab, sizeof lab);
    zt_cv_color(cv, fabs(v) < ax->step * 1e-6 ? ZT_C_AXIS : ZT_C_GRID);
    zt_cv_line_style(cv, fabs(v) < ax->step * 1e-6 ? 0.8 : 0.5, false);
    zt_cv_segment(cv, p.x, y, p.x + p.w, y);
    zt_cv_color(cv, ZT_C_MUTED);
    zt_cv_text(cv, p.x - TICK_GAP, y - LINE_H / 2, lab, ZT_F_CHART,
               ZT_ANCHOR_END);
  }
  zt_cv_group_end(cv);
}

/* Vertical gridlines and tick labels of a horizontal value axis, labels
 * under the plot. */
static void draw_x_axis(const zt_chart *c, zt_canvas *cv, box p,
                        const zt_axis *ax) {
  zt_cv_group(cv, "axis", NULL);
  for (int k = 0; k < ax->nticks; k++) {
    double v = ax->lo + ax->step * k;
    double x = p.x + (v - ax->lo) / (ax->hi - ax->lo) * p.w;
    char lab[64];
    bool zero = fabs(v) < ax->step * 1e-6;
    zt_axis_label(c->unit, v, ax->step, lab, sizeof lab);
    zt_cv_color(cv, zero ? ZT_C_AXIS : ZT_C_GRID);
    zt_cv_line_style(cv, zero ? 0.8 : 0.5, false);
    zt_cv_segment(cv, x, p.y, x, p.y + p.h);
    zt_cv_color(cv, ZT_C_MUTED);
    zt_cv_text(cv, x, p.y + p.h + 3, lab, ZT_F_CHART, ZT_ANCHOR_MIDDLE);
  }
  zt_cv_group_end(cv);
}

/* --- bars ------------------------------------------------------------- */

static bool stacked(const zt_chart *c) {
  return c->type == ZT_CHART_STACKED;
}

static size_t nbars(const zt_chart *c) {
  return stacked(c) ? c->ncat : c->ncat * c->nser;
}

/* Do the category labels fit under vertical bars at width w? */
static bool vertical_fits(const zt_chart *c, zt_canvas *cv, double w) {
  double slot;
  if (c->type == ZT_CHART_HISTOGRAM)
    return true;
  if (c->ncat == 0 || nbars(c) > 24)
    return false;
  slot = (w - 50) / (double)c->ncat;
  for (size_t i = 0; i < c->ncat; i++)
    if (text_w(cv, c->cats[i], ZT_F_CHART) > slot - 4)
      return false;
  return true;
}

static double label_col(const zt_chart *c, zt_canvas *cv, double w) {
  double lw = 0;
  for (size_t i = 0; i < c->ncat; i++) {
    double t = text_w(cv, c->cats[i], ZT_F_CHART);
    if (t > lw)
      lw = t;
  }
  lw += 8;
  return lw > w * 0.45 ? w * 0.45 : lw;
}

/* The gap between rows of horizontal bars: narrower in a long chart
 * (a chart of every care kind), so that it and its table share a page. */
static double row_gap(const zt_chart *c) {
  return c->ncat > LONG_CHART ? ROW_GAP_LONG : ROW_GAP;
}

static double hbar_row(const zt_chart *c) {
  double per = stacked(c) ? 1 : (double)c->nser;
  return per * BAR_H + row_gap(c);
}

static double bottom_extra(const zt_chart *c) {
  return (c->x_label && *c->x_label) ? LINE_H + 3 : 0;
}

double zt_chart_bars_height(const zt_chart *c, zt_canvas *cv, double w) {
  double top = y_label(c, cv, false) +
               legend(c, cv, 0, 0, w, false);
  if (vertical_fits(c, cv, w))
    return 190 + top;
  return top + 6 + (double)c->ncat * hbar_row(c) + LINE_H + 6 +
         bottom_extra(c);
}

static void value_text(zt_canvas *cv, double x, double y, const char *s,
                       zt_anchor a) {
  zt_cv_color(cv, ZT_C_TEXT);
  zt_cv_text(cv, x, y, s, ZT_F_CHART, a);
}

static void draw_vbars(const zt_chart *c, zt_canvas *cv, box p,
                       const zt_axis *ax) {
  bool label = nbars(c) <= VALUE_LABEL_MAX;
  double slot = p.w / (double)c->ncat;
  bool hist = c->type == ZT_CHART_HISTOGRAM;
  /* a histogram's classes are categories, not a day axis drawn to scale
   * (their widths differ): bars stand apart like other bars, a note says
   * so (chart_notes) */
  double group_w = hist ? slot * 0.8 : slot * 0.72;
  double bw = stacked(c) || hist ? group_w : group_w / (double)c->nser;
  double scale = p.h / (ax->hi - ax->lo);
  double y0 = p.y + p.h - (0 - ax->lo) * scale;
  for (size_t s = 0; s < c->nser; s++) {
    zt_cv_group(cv, "series", c->ser[s].name);
    for (size_t i = 0; i < c->ncat; i++) {
      const zt_chart_value *v = &c->ser[s].val[i];
      double x = p.x + slot * (double)i + (slot - group_w) / 2, base = 0;
      double y, hgt;
      if (!v->present)
        continue;
      if (stacked(c)) {
        for (size_t t = 0; t < s; t++)
          if (c->ser[t].val[i].present &&
              (c->ser[t].val[i].v >= 0) == (v->v >= 0))
            base += c->ser[t].val[i].v;
      } else {
        x += bw * (double)s;
      }
      y = y0 - (base + v->v) * scale;
      hgt = v->v * scale;
      zt_cv_color(cv, bar_color(c, s, i));
      if (hgt >= 0)
        zt_cv_rect(cv, x, y, bw - (stacked(c) || hist ? 0 : 1), hgt);
      else
        zt_cv_rect(cv, x, y + hgt, bw - (stacked(c) || hist ? 0 : 1),
                   -hgt);
      zt_cv_fill(cv);
      if (stacked(c) && hgt > LINE_H + 2 &&
          text_w(cv, v->display, ZT_F_CHART) < bw - 2) {
        zt_cv_color(cv, label_on(bar_color(c, s, i)));
        zt_cv_text(cv, x + bw / 2, y + hgt / 2 - LINE_H / 2, v->display,
                   ZT_F_CHART, ZT_ANCHOR_MIDDLE);
      } else if (!stacked(c) && label &&
                 text_w(cv, v->display, ZT_F_CHART) < slot) {
        value_text(cv, x + bw / 2, v->v >= 0 ? y - LINE_H - 1 : y + 1,
                   v->display, ZT_ANCHOR_MIDDLE);
      }
    }
    zt_cv_group_end(cv);
  }
  /* category labels */
  zt_cv_group(cv, "categories", NULL);
  zt_cv_color(cv, ZT_C_TEXT);
  for (size_t i = 0; i < c->ncat; i++) {
    char buf[160];
    const char *lab = zt_cv_fit(cv, c->cats[i], ZT_F_CHART, slot - 2, buf,
                                sizeof buf);
    zt_cv_text(cv, p.x + slot * ((double)i + 0.5), p.y + p.h + 3, lab,
               ZT_F_CHART, ZT_ANCHOR_MIDDLE);
  }
  zt_cv_group_end(cv);
}

/* Horizontal bars in plot box p, category labels in the lw wide column
 * left of it; value labels end at most at `right` (the chart's edge,
 * which the caller keeps clear of the plot by the widest label). */
static void draw_hbars(const zt_chart *c, zt_canvas *cv, box p, double lw,
                       double right, const zt_axis *ax) {
  double row = hbar_row(c);
  double scale = p.w / (ax->hi - ax->lo);
  double x0 = p.x + (0 - ax->lo) * scale;
  for (size_t s = 0; s < c->nser; s++) {
    zt_cv_group(cv, "series", c->ser[s].name);
    for (size_t i = 0; i < c->ncat; i++) {
      const zt_chart_value *v = &c->ser[s].val[i];
      double y = p.y + row * (double)i + row_gap(c) / 2, base = 0, x, len;
      if (!v->present)
        continue;
      if (stacked(c)) {
        for (size_t t = 0; t < s; t++)
          if (c->ser[t].val[i].present &&
              (c->ser[t].val[i].v >= 0) == (v->v >= 0))
            base += c->ser[t].val[i].v;
      } else {
        y += BAR_H * (double)s;
      }
      x = x0 + base * scale;
      len = v->v * scale;
      zt_cv_color(cv, bar_color(c, s, i));
      if (len >= 0)
        zt_cv_rect(cv, x, y, len, BAR_H - (stacked(c) ? 0 : 1));
      else
        zt_cv_rect(cv, x + len, y, -len, BAR_H - (stacked(c) ? 0 : 1));
      zt_cv_fill(cv);
      if (!stacked(c)) {
        double tw = text_w(cv, v->display, ZT_F_CHART);
        double tx = len >= 0 ? x + len + 3 : x + len - 3;
        if (len >= 0 && tx + tw > right)
          tx = right - tw;
        value_text(cv, tx, y + (BAR_H - LINE_H) / 2 - 0.5, v->display,
                   len >= 0 ? ZT_ANCHOR_START : ZT_ANCHOR_END);
      } else if (len > text_w(cv, v->display, ZT_F_CHART) + 4) {
        zt_cv_color(cv, label_on(bar_color(c, s, i)));
        zt_cv_text(cv, x + len / 2, y + (BAR_H - LINE_H) / 2 - 0.5,
                   v->display, ZT_F_CHART, ZT_ANCHOR_MIDDLE);
      }
    }
    zt_cv_group_end(cv);
  }
  zt_cv_group(cv, "categories", NULL);
  zt_cv_color(cv, ZT_C_TEXT);
  for (size_t i = 0; i < c->ncat; i++) {
    char buf[160];
    const char *lab = zt_cv_fit(cv, c->cats[i], ZT_F_CHART, lw - 6, buf,
                                sizeof buf);
    zt_cv_text(cv, p.x - 6,
               p.y + row * (double)i + (row - LINE_H) / 2 - 0.5, lab,
               ZT_F_CHART, ZT_ANCHOR_END);
  }
  zt_cv_group_end(cv);
}

void zt_chart_bars_draw(const zt_chart *c, zt_canvas *cv, double w,
                        double h) {
  double top = y_label(c, cv, true);
  double mn, mx;
  zt_axis ax;
  top += legend(c, cv, 0, top, w, true);
  value_range(c, stacked(c), &mn, &mx);
  if (vertical_fits(c, cv, w)) {
    box p;
    zt_axis_nice(mn, mx, 6, integer_unit(c->unit), &ax);
    p.x = ticks_width(c, cv, &ax) + TICK_GAP + 2;
    p.y = top + LINE_H + 2;
    p.w = w - p.x - 2;
    p.h = h - p.y - LINE_H - 5 - bottom_extra(c);
    if (p.h < 20 || p.w < 20)
      return;
    draw_y_axis(c, cv, p, &ax);
    draw_vbars(c, cv, p, &ax);
    if (bottom_extra(c) > 0) {
      zt_cv_color(cv, ZT_C_MUTED);
      zt_cv_text(cv, p.x + p.w / 2, h - LINE_H, c->x_label, ZT_F_CHART,
                 ZT_ANCHOR_MIDDLE);
    }
  } else {
    double lw = label_col(c, cv, w);
    double vmax = 0;
    box p;
    zt_axis_nice(mn, mx, 7, integer_unit(c->unit), &ax);
    /* leave room right of the longest bar for its value label */
    for (size_t s = 0; s < c->nser; s++)
      for (size_t i = 0; i < c->ncat; i++) {
        double t = text_w(cv, c->ser[s].val[i].display, ZT_F_CHART);
        if (t > vmax)
          vmax = t;
      }
    p.x = lw;
    p.y = top + 6;
    p.w = w - lw - (stacked(c) ? 8 : vmax + 8);
    p.h = (double)c->ncat * hbar_row(c);
    if (p.w < 40)
      return;
    draw_x_axis(c, cv, p, &ax);
    draw_hbars(c, cv, p, lw, w, &ax);
    if (bottom_extra(c) > 0) {
      zt_cv_color(cv, ZT_C_MUTED);
      zt_cv_text(cv, p.x + p.w / 2, p.y + p.h + LINE_H + 6, c->x_label,
                 ZT_F_CHART, ZT_ANCHOR_MIDDLE);
    }
  }
}

/* --- line chart ------------------------------------------------------- */

static void marker(zt_canvas *cv, size_t s, double x, double y) {
  double r = 2.8;
  switch (s % 4) {
  case 0:
    zt_cv_arc(cv, x, y, r, 0, 2 * M_PI);
    zt_cv_close(cv);
    break;
  case 1:
    zt_cv_rect(cv, x - r, y - r, 2 * r, 2 * r);
    break;
  case 2: {
    double d[8] = {x, y - r - 0.8, x + r + 0.8, y, x, y + r + 0.8,
                   x - r - 0.8, y};
    zt_cv_polygon(cv, d, 4);
    break;
  }
  default: {
    double t[6] = {x, y - r - 1, x + r + 1, y + r, x - r - 1, y + r};
    zt_cv_polygon(cv, t, 3);
    break;
  }
  }
  zt_cv_fill(cv);
}

double zt_chart_line_height(const zt_chart *c, zt_canvas *cv, double w) {
  return 200 + y_label(c, cv, false) + legend(c, cv, 0, 0, w, false) +
         bottom_extra(c);
}

void zt_chart_line_draw(const zt_chart *c, zt_canvas *cv, double w,
                        double h) {
  double top = y_label(c, cv, true), mn, mx, slot, endw = 0;
  size_t every = 1;
  zt_axis ax;
  box p;
  top += legend(c, cv, 0, top, w, true);
  value_range(c, false, &mn, &mx);
  zt_axis_nice(mn, mx, 6, integer_unit(c->unit), &ax);
  /* room right of the plot for the last value of each series */
  for (size_t s = 0; s < c->nser; s++)
    if (!c->ser[s].is_target && c->ncat &&
        c->ser[s].val[c->ncat - 1].present) {
      double t = text_w(cv, c->ser[s].val[c->ncat - 1].display,
                        ZT_F_CHART_BOLD);
      if (t > endw)
        endw = t;
    }
  p.x = ticks_width(c, cv, &ax) + TICK_GAP + 2;
  p.y = top + 6;
  p.w = w - p.x - endw - 8;
  p.h = h - p.y - LINE_H - 6 - bottom_extra(c);
  if (c->ncat == 0 || p.w < 40 || p.h < 30)
    return;
  slot = p.w / (double)c->ncat;
  {
    double lw = 0;
    for (size_t i = 0; i < c->ncat; i++) {
      double t = text_w(cv, c->cats[i], ZT_F_CHART);
      if (t > lw)
        lw = t;
    }
    while (every < c->ncat && lw + 6 > slot * (double)every)
      every++;
  }
  draw_y_axis(c, cv, p, &ax);
  zt_cv_group(cv, "categories", NULL);
  for (size_t i = 0; i < c->ncat; i++) {
    double x = p.x + slot * ((double)i + 0.5);
    zt_cv_color(cv, ZT_C_AXIS);
    zt_cv_line_style(cv, 0.6, false);
    zt_cv_segment(cv, x, p.y + p.h, x, p.y + p.h + 2.5);
    if ((c->ncat - 1 - i) % every == 0) {
      zt_cv_color(cv, ZT_C_TEXT);
      zt_cv_text(cv, x, p.y + p.h + 4, c->cats[i], ZT_F_CHART,
                 ZT_ANCHOR_MIDDLE);
    }
  }
  zt_cv_group_end(cv);
  /* targets first, so actual lines lie on top */
  for (int pass = 0; pass < 2; pass++)
    for (size_t s = 0; s < c->nser; s++) {
      const zt_series *se = &c->ser[s];
      bool pen = false;
      if ((pass == 0) != se->is_target)
        continue;
      zt_cv_group(cv, se->is_target ? "target" : "series", se->name);
      zt_cv_color(cv, se->color);
      zt_cv_line_style(cv, se->is_target ? 1.3 : 2.0, se->is_target);
      for (size_t i = 0; i < c->ncat; i++) {
        double x = p.x + slot * ((double)i + 0.5);
        double y = p.y + p.h - (se->val[i].v - ax.lo) / (ax.hi - ax.lo) *
                                   p.h;
        if (!se->val[i].present) {
          if (pen)
            zt_cv_stroke(cv);
          pen = false;
          continue;
        }
        if (pen)
          zt_cv_line(cv, x, y);
        else
          zt_cv_move(cv, x, y);
        pen = true;
      }
      if (pen)
        zt_cv_stroke(cv);
      if (!se->is_target) {
        size_t last = c->ncat;
        for (size_t i = 0; i < c->ncat; i++) {
          double x = p.x + slot * ((double)i + 0.5);
          double y = p.y + p.h -
                     (se->val[i].v - ax.lo) / (ax.hi - ax.lo) * p.h;
          if (!se->val[i].present)
            continue;
          zt_cv_color(cv, se->color);
          marker(cv, s, x, y);
          last = i;
        }
        if (last == c->ncat - 1) {
          double y = p.y + p.h -
                     (se->val[last].v - ax.lo) / (ax.hi - ax.lo) * p.h;
          zt_cv_color(cv, ZT_C_TEXT);
          zt_cv_text(cv, p.x + p.w + 5, y - LINE_H / 2,
                     se->val[last].display, ZT_F_CHART_BOLD,
                     ZT_ANCHOR_START);
        }
      }
      zt_cv_group_end(cv);
    }
  if (bottom_extra(c) > 0) {
    zt_cv_color(cv, ZT_C_MUTED);
    zt_cv_text(cv, p.x + p.w / 2, h - LINE_H, c->x_label, ZT_F_CHART,
               ZT_ANCHOR_MIDDLE);
  }
}

/* --- donut ------------------------------------------------------------ */

/* The value and share of slice i ("178 (51,1%)"). */
static void donut_value(const zt_chart *c, size_t i, double total,
                        char *line, size_t n) {
  const zt_chart_value *v = &c->ser[0].val[i];
  if (v->present && total > 0) {
    char share[ZT_FMT_MAX];
    zt_fmt_double(v->v / total * 100.0, 1, share);
    snprintf(line, n, "%s (%s%%)", v->display, share);
  } else {
    snprintf(line, n, "%s", v->display);
  }
}

static double donut_total(const zt_chart *c) {
  double total = 0;
  for (size_t i = 0; i < c->ncat; i++)
    if (c->ser[0].val[i].present && c->ser[0].val[i].v > 0)
      total += c->ser[0].val[i].v;
  return total;
}

/* Width for the legend's labels: right of the largest ring, left of the
 * widest value. */
static double donut_label_w(const zt_chart *c, zt_canvas *cv, double w) {
  double vw = 0, total = donut_total(c);
  for (size_t i = 0; i < c->ncat; i++) {
    char line[320];
    double t;
    donut_value(c, i, total, line, sizeof line);
    t = text_w(cv, line, ZT_F_CHART_BOLD);
    if (t > vw)
      vw = t;
  }
  return w - (2 * w * 0.22 + 22) - SWATCH - 5 - vw - 8;
}

/* Height of the legend: one row per slice, more lines for a long label
 * (labels wrap, never cut off). */
static double donut_legend_h(const zt_chart *c, zt_canvas *cv, double w) {
  double lw = donut_label_w(c, cv, w), h = 0;
  for (size_t i = 0; i < c->ncat; i++) {
    notes lines;
    lines.n = 0;
    wrap_text(cv, c->cats[i], ZT_F_CHART, lw, &lines);
    h += (double)(lines.n ? lines.n : 1) * LINE_H + 3;
  }
  return h;
}

double zt_chart_donut_height(const zt_chart *c, zt_canvas *cv, double w) {
  double legend_h = donut_legend_h(c, cv, w) + 8;
  return legend_h > 170 ? legend_h : 170;
}

void zt_chart_donut_draw(const zt_chart *c, zt_canvas *cv, double w,
                         double h) {
  const zt_series *se = c->nser ? &c->ser[0] : NULL;
  double total = 0, r, cx, cy, a = -M_PI / 2, lx, ly;
  char buf[ZT_FMT_MAX];
  if (!se)
    return;
  for (size_t i = 0; i < c->ncat; i++)
    if (se->val[i].present && se->val[i].v > 0)
      total += se->val[i].v;
  r = (h - 8) / 2;
  if (r > w * 0.22)
    r = w * 0.22;
  cx = r + 4;
  cy = h / 2;
  zt_cv_group(cv, "series", se->name);
  for (size_t i = 0; i < c->ncat && total > 0; i++) {
    double sweep;
    if (!se->val[i].present || se->val[i].v <= 0)
      continue;
    sweep = se->val[i].v / total * 2 * M_PI;
    zt_cv_color(cv, zt_color_fill(c->cat_color ? c->cat_color[i]
                                               : zt_color_cycle(
                                                     (unsigned)i)));
    zt_cv_arc(cv, cx, cy, r, a, a + sweep);
    zt_cv_arc(cv, cx, cy, r * 0.58, a + sweep, a);
    zt_cv_close(cv);
    zt_cv_fill(cv);
    /* a white gap between slices */
    zt_cv_color(cv, 0xffffffU);
    zt_cv_line_style(cv, 1.0, false);
    zt_cv_segment(cv, cx + r * 0.58 * cos(a), cy + r * 0.58 * sin(a),
                  cx + r * cos(a), cy + r * sin(a));
    a += sweep;
  }
  zt_cv_group_end(cv);
  /* the total in the hole */
  zt_fmt_double(total, 0, buf);
  zt_cv_color(cv, ZT_C_TEXT);
  zt_cv_text(cv, cx, cy - LINE_H, buf, ZT_F_H3, ZT_ANCHOR_MIDDLE);
  if (c->y_label && *c->y_label) {
    char fit[96];
    zt_cv_color(cv, ZT_C_MUTED);
    zt_cv_text(cv, cx, cy + 3,
               zt_cv_fit(cv, c->y_label, ZT_F_CHART, r * 1.1, fit,
                         sizeof fit),
               ZT_F_CHART, ZT_ANCHOR_MIDDLE);
  }
  /* legend with value and share: labels, not colour, carry the data */
  lx = cx + r + 18;
  ly = (h - donut_legend_h(c, cv, w)) / 2;
  if (ly < 0)
    ly = 0;
  zt_cv_group(cv, "legend", "Legenda");
  for (size_t i = 0; i < c->ncat; i++) {
    char line[320];
    notes lines;
    lines.n = 0;
    wrap_text(cv, c->cats[i], ZT_F_CHART, donut_label_w(c, cv, w), &lines);
    zt_cv_color(cv, zt_color_fill(c->cat_color ? c->cat_color[i]
                                               : zt_color_cycle(
                                                     (unsigned)i)));
    zt_cv_rect(cv, lx, ly + 1.5, SWATCH, SWATCH);
    zt_cv_fill(cv);
    donut_value(c, i, total, line, sizeof line);
    zt_cv_color(cv, ZT_C_TEXT);
    for (size_t k = 0; k < lines.n; k++)
      zt_cv_text(cv, lx + SWATCH + 5, ly + (double)k * LINE_H,
                 lines.line[k], ZT_F_CHART, ZT_ANCHOR_START);
    zt_cv_text(cv, w, ly, line, ZT_F_CHART_BOLD, ZT_ANCHOR_END);
    ly += (double)(lines.n ? lines.n : 1) * LINE_H + 3;
  }
  zt_cv_group_end(cv);
}

/* --- diverging bars --------------------------------------------------- */

double zt_chart_diverging_height(const zt_chart *c, zt_canvas *cv,
                                 double w) {
  return y_label(c, cv, false) + legend(c, cv, 0, 0, w, false) + 6 +
         (double)c->ncat * hbar_row(c) + LINE_H + 8 + bottom_extra(c);
}

void zt_chart_diverging_draw(const zt_chart *c, zt_canvas *cv, double w,
                             double h) {
  double top = y_label(c, cv, true), mn, mx, m, lw, vmax = 0;
  double row = hbar_row(c);
  zt_axis ax;
  box p;
  (void)h;
  top += legend(c, cv, 0, top, w, true);
  value_range(c, false, &mn, &mx);
  m = fabs(mn) > fabs(mx) ? fabs(mn) : fabs(mx);
  if (m <= 0)
    m = 1;
  zt_axis_nice(-m, m, 7, integer_unit(c->unit), &ax);
  /* symmetric around zero */
  if (-ax.lo > ax.hi)
    ax.hi = -ax.lo;
  else
    ax.lo = -ax.hi;
  ax.nticks = (int)llround((ax.hi - ax.lo) / ax.step) + 1;
  lw = label_col(c, cv, w);
  for (size_t s = 0; s < c->nser; s++)
    for (size_t i = 0; i < c->ncat; i++) {
      double t = text_w(cv, c->ser[s].val[i].display, ZT_F_CHART);
      if (t > vmax)
        vmax = t;
    }
  p.x = lw + vmax + 6;
  p.y = top + 6;
  p.w = w - p.x - vmax - 6;
  p.h = (double)c->ncat * row;
  if (p.w < 40)
    return;
  draw_x_axis(c, cv, p, &ax);
  for (size_t s = 0; s < c->nser; s++) {
    zt_cv_group(cv, "series", c->ser[s].name);
    for (size_t i = 0; i < c->ncat; i++) {
      const zt_chart_value *v = &c->ser[s].val[i];
      double x0 = p.x + (0 - ax.lo) / (ax.hi - ax.lo) * p.w;
      double len = v->v / (ax.hi - ax.lo) * p.w;
      double y = p.y + row * (double)i + row_gap(c) / 2 + BAR_H * (double)s;
      if (!v->present)
        continue;
      /* blue for an increase, orange for a decrease; the sign is also in
       * the label */
      zt_cv_color(cv, v->v >= 0 ? 0x4477aaU : 0xcc6633U);
      if (len >= 0)
        zt_cv_rect(cv, x0, y, len, BAR_H - 1);
      else
        zt_cv_rect(cv, x0 + len, y, -len, BAR_H - 1);
      zt_cv_fill(cv);
      value_text(cv, len >= 0 ? x0 + len + 3 : x0 + len - 3,
                 y + (BAR_H - LINE_H) / 2 - 0.5, v->display,
                 len >= 0 ? ZT_ANCHOR_START : ZT_ANCHOR_END);
    }
    zt_cv_group_end(cv);
  }
  zt_cv_group(cv, "categories", NULL);
  zt_cv_color(cv, ZT_C_TEXT);
  for (size_t i = 0; i < c->ncat; i++) {
    char buf[160];
    zt_cv_text(cv, lw - 6, p.y + row * (double)i + (row - LINE_H) / 2 - 0.5,
               zt_cv_fit(cv, c->cats[i], ZT_F_CHART, lw - 6, buf,
                         sizeof buf),
               ZT_F_CHART, ZT_ANCHOR_END);
  }
  zt_cv_group_end(cv);
  if (bottom_extra(c) > 0) {
    zt_cv_color(cv, ZT_C_MUTED);
    zt_cv_text(cv, p.x + p.w / 2, p.y + p.h + LINE_H + 6, c->x_label,
               ZT_F_CHART, ZT_ANCHOR_MIDDLE);
  }
}

/* --- timeline ---------------------------------------------------------- */

#define TL_ROW 15.0

/* Is item i the first of a new group (a heading row above it)? */
static bool tl_new_group(const zt_chart *c, size_t i) {
  return c->items[i].group &&
         (i == 0 || !c->items[i - 1].group ||
          strcmp(c->items[i].group, c->items[i - 1].group) != 0);
}

/* The widths of the label column and of the status column: labels get up
 * to 45% of the width and wrap within it; nothing is cut off. */
static void tl_columns(const zt_chart *c, zt_canvas *cv, double w,
                       double *lw, double *sw) {
  *lw = 0;
  *sw = 0;
  for (size_t i = 0; i < c->nitems; i++) {
    const zt_tl_item *it = &c->items[i];
    zt_status_look lk = zt_measure_status_look(it->status);
    char st[96];
    double t = text_w(cv, it->label, ZT_F_CHART) + 12;
    if (t > *lw)
      *lw = t;
    snprintf(st, sizeof st, "%s %s", lk.symbol, lk.word);
    t = text_w(cv, st, ZT_F_CHART_BOLD);
    if (t > *sw)
      *sw = t;
  }
  if (*lw > w * 0.45)
    *lw = w * 0.45;
}

/* The label of item i in lines of at most lw - 10. */
static void tl_label(const zt_chart *c, zt_canvas *cv, size_t i, double lw,
                     notes *out) {
  out->n = 0;
  wrap_text(cv, c->items[i].label, ZT_F_CHART, lw - 10, out);
}

/* Height of the rows below the header. */
static double tl_body_h(const zt_chart *c, zt_canvas *cv, double w) {
  double lw, sw, h = 0;
  tl_columns(c, cv, w, &lw, &sw);
  for (size_t i = 0; i < c->nitems; i++) {
    notes lines;
    if (tl_new_group(c, i))
      h += TL_ROW;
    tl_label(c, cv, i, lw, &lines);
    h += TL_ROW + (lines.n > 1 ? (double)(lines.n - 1) * LINE_H : 0);
  }
  return h;
}

double zt_chart_timeline_height(const zt_chart *c, zt_canvas *cv,
                                double w) {
  return LINE_H * 2 + 10 + tl_body_h(c, cv, w) + 6;
}

void zt_chart_timeline_draw(const zt_chart *c, zt_canvas *cv, double w,
                            double h) {
  int q0 = 0, q1 = 0;
  double lw, sw, gx, gw, qw, y, body;
  size_t nq;
  (void)h;
  if (!c->nitems)
    return;
  tl_columns(c, cv, w, &lw, &sw);
  body = tl_body_h(c, cv, w);
  for (size_t i = 0; i < c->nitems; i++) {
    const zt_tl_item *it = &c->items[i];
    if (i == 0 || it->q0 < q0)
      q0 = it->q0;
    if (i == 0 || it->q1 > q1)
      q1 = it->q1;
  }
  if (c->q_now >= 0 && c->q_now > q1)
    q1 = c->q_now;
  if (c->q_now >= 0 && c->q_now < q0)
    q0 = c->q_now;
  /* whole years */
  q0 -= q0 % 4;
  q1 += 3 - q1 % 4;
  nq = (size_t)(q1 - q0 + 1);
  gx = lw;
  gw = w - lw - sw - 10;
  if (gw < 40)
    return;
  qw = gw / (double)nq;
  /* header: years, then quarters */
  zt_cv_group(cv, "axis", NULL);
  for (size_t k = 0; k < nq; k++) {
    int q = q0 + (int)k;
    double x = gx + qw * (double)k;
    char lab[16];
    if (q % 4 == 0) {
      char yr[16];
      /* a year is written without a thousands dot */
      snprintf(yr, sizeof yr, "%d", q / 4);
      zt_cv_color(cv, ZT_C_TEXT);
      zt_cv_text(cv, x + qw * 2, 0, yr, ZT_F_CHART_BOLD, ZT_ANCHOR_MIDDLE);
      zt_cv_color(cv, ZT_C_RULE);
      zt_cv_line_style(cv, 0.6, false);
      zt_cv_segment(cv, x, LINE_H, x,
                    LINE_H * 2 + 8 + body);
    } else {
      zt_cv_color(cv, ZT_C_GRID);
      zt_cv_line_style(cv, 0.5, false);
      zt_cv_segment(cv, x, LINE_H * 2 + 6,
                    x, LINE_H * 2 + 8 + body);
    }
    snprintf(lab, sizeof lab, "Q%d", q % 4 + 1);
    if (qw > 14) {
      zt_cv_color(cv, ZT_C_MUTED);
      zt_cv_text(cv, x + qw / 2, LINE_H + 2, lab, ZT_F_CHART,
                 ZT_ANCHOR_MIDDLE);
    }
  }
  zt_cv_group_end(cv);
  y = LINE_H * 2 + 8;
  for (size_t i = 0; i < c->nitems; i++) {
    const zt_tl_item *it = &c->items[i];
    zt_status_look lk = zt_measure_status_look(it->status);
    char st[96], buf[200];
    double x0, x1;
    notes lines;
    double rh;
    if (tl_new_group(c, i)) {
      zt_cv_color(cv, ZT_C_HEADING);
      zt_cv_text(cv, 0, y + 1,
                 zt_cv_fit(cv, it->group, ZT_F_CHART_BOLD, w - sw, buf,
                           sizeof buf),
                 ZT_F_CHART_BOLD, ZT_ANCHOR_START);
      y += TL_ROW;
    }
    tl_label(c, cv, i, lw, &lines);
    rh = TL_ROW + (lines.n > 1 ? (double)(lines.n - 1) * LINE_H : 0);
    zt_cv_group(cv, "measure", it->label);
    zt_cv_color(cv, ZT_C_TEXT);
    for (size_t k = 0; k < lines.n; k++)
      zt_cv_text(cv, 6, y + 1 + (double)k * LINE_H, lines.line[k],
                 ZT_F_CHART, ZT_ANCHOR_START);
    x0 = gx + qw * (double)(it->q0 - q0);
    x1 = gx + qw * (double)(it->q1 - q0 + 1);
    zt_cv_color(cv, lk.color);
    zt_cv_rect(cv, x0 + 1, y + 3, x1 - x0 - 2, TL_ROW - 6);
    zt_cv_fill(cv);
    snprintf(st, sizeof st, "%s %s", lk.symbol, lk.word);
    zt_cv_text(cv, w, y + 1, st, ZT_F_CHART_BOLD, ZT_ANCHOR_END);
    zt_cv_group_end(cv);
    y += rh - TL_ROW;
    y += TL_ROW;
  }
  if (c->q_now >= q0 && c->q_now <= q1) {
    double x = gx + qw * (double)(c->q_now - q0 + 1);
    zt_cv_group(cv, "now", "Einde van de rapportageperiode");
    zt_cv_color(cv, ZT_C_TARGET);
    zt_cv_line_style(cv, 1.0, true);
    zt_cv_segment(cv, x, LINE_H * 2 + 4, x, y + 2);
    zt_cv_group_end(cv);
  }
}

/* --- zero categories and notes ----------------------------------------- */

/* Charts that leave out (or leave empty) categories whose value is
 * zero: a bar of zero height with a label says nothing a note cannot. */
static bool drops_zeros(const zt_chart *c) {
  return c->type == ZT_CHART_BAR || c->type == ZT_CHART_STACKED ||
         c->type == ZT_CHART_HISTOGRAM || c->type == ZT_CHART_DIVERGING;
}

bool zt_chart_zero_category(const zt_chart *c, size_t i) {
  bool any = false;
  if (!drops_zeros(c) || i >= c->ncat)
    return false;
  for (size_t s = 0; s < c->nser; s++) {
    const zt_chart_value *v = &c->ser[s].val[i];
    if (c->ser[s].is_target)
      return false;   /* a target still needs its category */
    if (!v->present || v->v != 0)
      return false;
    any = true;
  }
  return any;
}

/* What the chart draws: the model without its zero categories (a bar
 * chart), or with their values left out (a histogram keeps every class
 * in its place). mem is malloc'ed (free it); false: draw c itself. */
typedef struct view {
  zt_chart c;
  void *mem;
  size_t nzero;
} view;

static bool make_view(const zt_chart *c, view *v) {
  size_t nz = 0, k = 0;
  char *m;
  bool hist = c->type == ZT_CHART_HISTOGRAM;
  memset(v, 0, sizeof *v);
  for (size_t i = 0; i < c->ncat; i++)
    nz += zt_chart_zero_category(c, i);
  if (nz == 0 || (!hist && nz == c->ncat))
    return false;   /* nothing to leave out, or nothing would remain */
  v->mem = m = calloc(1, c->ncat * (sizeof(const char *) +
                                    sizeof(uint32_t) +
                                    c->nser * sizeof(zt_chart_value)) +
                             c->nser * sizeof(zt_series) + 16);
  if (!m)
    return false;
  v->c = *c;
  v->nzero = nz;
  v->c.ser = (zt_series *)(void *)m;
  m += c->nser * sizeof(zt_series);
  for (size_t s = 0; s < c->nser; s++) {
    v->c.ser[s] = c->ser[s];
    v->c.ser[s].val = (zt_chart_value *)(void *)m;
    m += c->ncat * sizeof(zt_chart_value);
  }
  v->c.cats = (const char **)(void *)m;
  m += c->ncat * sizeof(const char *);
  v->c.cat_color = c->cat_color ? (uint32_t *)(void *)m : NULL;
  for (size_t i = 0; i < c->ncat; i++) {
    bool zero = zt_chart_zero_category(c, i);
    if (zero && !hist)
      continue;
    v->c.cats[k] = c->cats[i];
    if (c->cat_color)
      v->c.cat_color[k] = c->cat_color[i];
    for (size_t s = 0; s < c->nser; s++) {
      v->c.ser[s].val[k] = c->ser[s].val[i];
      if (zero)
        v->c.ser[s].val[k].present = false;
    }
    k++;
  }
  v->c.ncat = k;
  return true;
}

/* Do a histogram's classes differ in width? Labels are "a–b" or "a+"
 * (an open class); anything else counts as unequal. */
static bool unequal_classes(const zt_chart *c) {
  long width = -1;
  for (size_t i = 0; i < c->ncat; i++) {
    char *end;
    long a = strtol(c->cats[i], &end, 10), b;
    if (end == c->cats[i])
      return true;
    if (strncmp(end, "\xe2\x80\x93", 3) == 0)
      end += 3;
    else if (*end == '-')
      end++;
    else
      return true;   /* "731+" or a single value */
    b = strtol(end, NULL, 10);
    if (width >= 0 && b - a != width)
      return true;
    width = b - a;
  }
  return false;
}

/* The notes under a chart: left-out zero categories, unequal classes. */
/* Values the privacy rules hid ("·" in the table) have no bar or point:
 * a note says which, so that a gap is not read as no data. */
static void hidden_note(const zt_chart *c, zt_canvas *cv, double w,
                        notes *out) {
  zt_buf b;
  size_t nser = 0, shown = 0;
  for (size_t s = 0; s < c->nser; s++)
    nser += !c->ser[s].is_target;
  zt_buf_init(&b, 1u << 16);
  for (size_t s = 0; s < c->nser; s++) {
    size_t k = 0, all = 0;
    bool named = nser > 1 && c->ser[s].name;
    if (c->ser[s].is_target)
      continue;
    for (size_t i = 0; i < c->ncat; i++)
      all += c->ser[s].val[i].suppressed;
    if (!all)
      continue;
    zt_buf_printf(&b, "%s%s%s", shown ? "; " : "",
                  named ? c->ser[s].name : "", named ? " (" : "");
    /* a series hidden in every category: said so, not listed */
    if (all == c->ncat && named)
      zt_buf_puts(&b, "alle waarden");
    for (size_t i = 0; i < c->ncat && !(all == c->ncat && named); i++)
      if (c->ser[s].val[i].suppressed)
        zt_buf_printf(&b, "%s%s", k++ ? ", " : "", c->cats[i]);
    if (named)
      zt_buf_puts(&b, ")");
    shown++;
  }
  if (shown) {
    char *s = g_strdup_printf("Niet getoond wegens kleine aantallen "
                              "(\xc2\xb7): %s.", zt_buf_str(&b));
    wrap_text(cv, s, ZT_F_CHART, w, out);
    g_free(s);
  }
  zt_buf_free(&b);
}

static void chart_notes(const zt_chart *c, zt_canvas *cv, double w,
                        notes *out) {
  char buf[NOTE_LEN * 2];
  size_t off = 0, nz = 0;
  const char *zero = NULL;
  bool numeric = true;   /* every category named is a number ("0") */
  out->n = 0;
  if (c->begins_late && c->ncat > 0) {
    /* none, or only part of a period (a flow that began mid-year) */
    snprintf(buf, sizeof buf,
             "Geen volledige gegevens v\xc3\xb3\xc3\xb3r %s.", c->cats[0]);
    wrap_text(cv, buf, ZT_F_CHART, w, out);
  }
  for (size_t i = 0; i < c->ncat; i++) {
    if (!zt_chart_zero_category(c, i))
      continue;
    numeric = numeric && c->cats[i][0] >= '0' && c->cats[i][0] <= '9';
    if (!zero) {
      zero = c->ser[0].val[i].display;
      off = (size_t)snprintf(buf, sizeof buf, "Zonder staaf (%s): ",
                             zero && *zero ? zero : "0");
    }
    if (off < sizeof buf)
      off += (size_t)snprintf(buf + off, sizeof buf - off, "%s%s",
                              nz ? ", " : "", c->cats[i]);
    nz++;
  }
  if (nz && nz < c->ncat + (c->type == ZT_CHART_HISTOGRAM)) {
    /* a bare number says nothing without what it counts: "0 (maanden na
     * de zorgmaand)" */
    if (numeric && c->x_label && *c->x_label && off < sizeof buf)
      off += (size_t)snprintf(buf + off, sizeof buf - off, " (%s)",
                              c->x_label);
    if (off < sizeof buf)
      snprintf(buf + off, sizeof buf - off, ".");
    wrap_text(cv, buf, ZT_F_CHART, w, out);
  }
  if (c->type == ZT_CHART_HISTOGRAM && unequal_classes(c))
    wrap_text(cv, "De klassen zijn niet even breed; elke staaf is het "
              "aantal in zijn klasse, niet een aantal per dag.",
              ZT_F_CHART, w, out);
  hidden_note(c, cv, w, out);
}

static double notes_h(const notes *n) {
  return n->n ? 4 + (double)n->n * LINE_H : 0;
}

/* --- entry points ------------------------------------------------------ */

static bool has_data(const zt_chart *c) {
  if (zt_chart_kind_of(c->type)->data == ZT_CHART_DATA_MEASURES)
    return c->nitems > 0;
  for (size_t s = 0; s < c->nser; s++)
    for (size_t i = 0; i < c->ncat; i++)
      if (c->ser[s].val[i].present)
        return true;
  return false;
}

/* Every value of the chart's own series hidden by the privacy rules
 * (only its target lines would be left): a sentence instead. */
static bool only_hidden(const zt_chart *c) {
  bool hidden = false;
  if (zt_chart_kind_of(c->type)->data == ZT_CHART_DATA_MEASURES)
    return false;
  for (size_t s = 0; s < c->nser; s++)
    for (size_t i = 0; i < c->ncat && !c->ser[s].is_target; i++) {
      if (c->ser[s].val[i].present)
        return false;
      hidden |= c->ser[s].val[i].suppressed;
    }
  return hidden;
}

#define NO_DATA_H 40.0

static double body_height(const zt_chart *c, zt_canvas *cv, double w) {
  return zt_chart_kind_of(c->type)->height(c, cv, w);
}

/* A bar chart all of whose categories are zero: no bars at all. */
static bool all_zero(const zt_chart *c) {
  if (!drops_zeros(c) || c->type == ZT_CHART_HISTOGRAM || c->ncat == 0)
    return false;
  for (size_t i = 0; i < c->ncat; i++)
    if (!zt_chart_zero_category(c, i))
      return false;
  return true;
}

/* An empty frame with a sentence rather than an axis over nothing. */
static void empty_frame(zt_canvas *cv, double w, double h,
                        const char *say) {
  zt_cv_color(cv, ZT_C_GRID);
  zt_cv_line_style(cv, 0.8, false);
  zt_cv_rect(cv, 0.5, 0.5, w - 1, h - 1);
  zt_cv_stroke(cv);
  zt_cv_color(cv, ZT_C_MUTED);
  zt_cv_text(cv, w / 2, h / 2 - LINE_H / 2, say, ZT_F_CHART,
             ZT_ANCHOR_MIDDLE);
}

double zt_chart_height(const zt_chart *c, zt_canvas *cv, double w) {
  view v;
  notes n;
  double h;
  if (!has_data(c) || all_zero(c) || only_hidden(c))
    return NO_DATA_H;
  chart_notes(c, cv, w, &n);
  if (make_view(c, &v)) {
    h = body_height(&v.c, cv, w);
    free(v.mem);
  } else {
    h = body_height(c, cv, w);
  }
  return h + notes_h(&n);
}

double zt_chart_min_height(const zt_chart *c, zt_canvas *cv, double w) {
  /* rows of horizontal bars, diverging bars and the timeline have a
   * fixed height; the others can give up a quarter of theirs */
  double h = zt_chart_height(c, cv, w);
  bool fixed = zt_chart_kind_of(c->type)->fixed_height ||
               ((c->type == ZT_CHART_BAR || c->type == ZT_CHART_STACKED) &&
                !vertical_fits(c, cv, w));
  return fixed || !has_data(c) || only_hidden(c) ? h : 0.75 * h;
}

static void draw_body(const zt_chart *c, zt_canvas *cv, double w,
                      double h) {
  zt_chart_kind_of(c->type)->draw(c, cv, w, h);
}

void zt_chart_draw(const zt_chart *c, zt_canvas *cv, double w, double h) {
  view v;
  notes n;
  double nh;
  if (!has_data(c)) {
    empty_frame(cv, w, h, "Geen gegevens voor deze figuur");
    return;
  }
  if (all_zero(c)) {
    empty_frame(cv, w, h, "Alle waarden in deze figuur zijn 0");
    return;
  }
  if (only_hidden(c)) {
    empty_frame(cv, w, h, "Niet getoond wegens kleine aantallen "
                "(\xc2\xb7)");
    return;
  }
  chart_notes(c, cv, w, &n);
  nh = notes_h(&n);
  if (make_view(c, &v)) {
    draw_body(&v.c, cv, w, h - nh);
    free(v.mem);
  } else {
    draw_body(c, cv, w, h - nh);
  }
  if (n.n) {
    zt_cv_group(cv, "note", NULL);
    zt_cv_color(cv, ZT_C_MUTED);
    for (size_t k = 0; k < n.n; k++)
      zt_cv_text(cv, 0, h - nh + 4 + (double)k * LINE_H, n.line[k],
                 ZT_F_CHART, ZT_ANCHOR_START);
    zt_cv_group_end(cv);
  }
}

/*
 * tests/unit/test_chart.c -- charts (render/chart*.c) and the drawing
 * interface: nice 1-2-5 axes and their Dutch labels, the text alternative
 * and data table from the chart model, every chart type laid out with all
 * its text inside its box (a recording canvas measures each label; a
 * legend entry too long for the chart wraps), values
 * hidden for privacy said to be hidden, and the SVG writer's real <text>,
 * groups with <title>, escaping and arcs.
 */
#include "testutil.h"

#include <cairo-pdf.h>
#include <glib.h>
#include <math.h>
#include <string.h>

#include "core/buf.h"
#include "render/canvas.h"
#include "render/chart.h"
#include "render/format_nl.h"
#include "render/report.h"

static zt_fonts fonts;

static int setup(void **state) {
  (void)state;
  return zt_fonts_init(&fonts, NULL, NULL) == ZT_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  zt_fonts_free(&fonts);
  return 0;
}

static void test_axis_nice(void **state) {
  zt_axis ax;
  char b[64];
  (void)state;
  /* 0..68,4 in at most 6 ticks: raw step 68,4/5 = 13,7 -> 20 */
  zt_axis_nice(0, 68.4, 6, false, &ax);
  assert_true(ax.lo == 0 && ax.hi == 80 && ax.step == 20);
  assert_int_equal(ax.nticks, 5);
  /* 0..10.189.700 in 7 ticks: raw 1.698.283 -> 2.000.000, up to 12 mln */
  zt_axis_nice(0, 10189700, 7, false, &ax);
  assert_true(ax.step == 2e6 && ax.hi == 12e6);
  assert_int_equal(ax.nticks, 7);
  /* -23..23 in 7 ticks: raw 7,67 -> 10, so -30..30 */
  zt_axis_nice(-23, 23, 7, true, &ax);
  assert_true(ax.lo == -30 && ax.hi == 30 && ax.step == 10);
  /* 0..3 counts: raw 0,6 -> 1 (no fractional steps for counts) */
  zt_axis_nice(0, 3, 6, true, &ax);
  assert_true(ax.lo == 0 && ax.hi == 3 && ax.step == 1);
  /* 0..0: an axis of one step, never a division by zero */
  zt_axis_nice(0, 0, 6, true, &ax);
  assert_true(ax.hi > ax.lo && ax.step == 1);
  /* 0..0,7 shares: raw 0,14 -> 0,2 */
  zt_axis_nice(0, 0.7, 6, false, &ax);
  assert_true(fabs(ax.step - 0.2) < 1e-12 && fabs(ax.hi - 0.8) < 1e-12);
  zt_axis_label(ZT_UNIT_PERCENT, 60, 20, b, sizeof b);
  assert_string_equal(b, "60%");
  zt_axis_label(ZT_UNIT_EUR, 12e6, 2e6, b, sizeof b);
  assert_string_equal(b, "\xe2\x82\xac 12 mln");
  zt_axis_label(ZT_UNIT_COUNT, 1500, 500, b, sizeof b);
  assert_string_equal(b, "1.500");
  zt_axis_label(ZT_UNIT_DAYS, 0.5, 0.5, b, sizeof b);
  assert_string_equal(b, "0,5");
  zt_axis_label(ZT_UNIT_COUNT, -10, 10, b, sizeof b);
  assert_string_equal(b, ZT_MINUS "10");
}

/* --- sample charts ------------------------------------------------------ */

static void set_val(zt_chart *c, size_t s, size_t i, double v,
                    const char *display) {
  c->ser[s].val[i].v = v;
  c->ser[s].val[i].present = true;
  c->ser[s].val[i].display = display;
}

static zt_chart *line_chart(zt_arena *a) {
  static const char *const cats[] = {"1e hj 2019", "2e hj 2019",
                                     "1e hj 2020", "1e hj 2022"};
  static const char *const g[] = {"55,1%", "56,6%", "57,9%", "64,0%"};
  static const double gv[] = {55.1, 56.6, 57.9, 64.0};
  zt_chart *c = zt_chart_new(a, ZT_CHART_LINE, 4, 2);
  c->title = "Jeugdigen in verblijf";
  c->y_label = "% van de jeugdigen in verblijf";
  c->unit = ZT_UNIT_PERCENT;
  for (size_t i = 0; i < 4; i++) {
    c->cats[i] = cats[i];
    set_val(c, 0, i, gv[i], g[i]);
  }
  c->ser[0].name = "Gezinsvorm";
  c->ser[0].color = 0x4477aa;
  c->ser[1].name = "Gezinsvorm";
  c->ser[1].is_target = true;
  c->ser[1].color = 0x4477aa;
  set_val(c, 1, 2, 60, "\xe2\x89\xa5 60%");
  set_val(c, 1, 3, 70, "\xe2\x89\xa5 70%");
  return c;
}

static zt_chart *bar_chart(zt_arena *a, zt_chart_type type, size_t ncat,
                           size_t nser, bool long_labels) {
  zt_chart *c = zt_chart_new(a, type, ncat, nser);
  c->title = "Staven";
  c->y_label = "aantal jeugdigen";
  c->x_label = "categorie";
  for (size_t i = 0; i < ncat; i++) {
    c->cats[i] = long_labels
                     ? zt_arena_printf(a, "Behandel- en leefgroepen %zu", i)
                     : zt_arena_printf(a, "%zu", i + 1);
    for (size_t s = 0; s < nser; s++) {
      double v = type == ZT_CHART_DIVERGING ? (double)(i * 7 % 11) - 5.0
                                            : (double)(10 + i * 13 % 40);
      set_val(c, s, i, v, zt_arena_printf(a, "%.0f", v));
    }
  }
  for (size_t s = 0; s < nser; s++) {
    c->ser[s].name = zt_arena_printf(a, "Reeks %zu", s + 1);
    c->ser[s].color = zt_color_cycle((unsigned)s);
  }
  return c;
}

static zt_chart *timeline_chart(zt_arena *a) {
  zt_chart *c = zt_chart_new(a, ZT_CHART_TIMELINE, 0, 0);
  static const char *const st[] = {"gereed", "lopend", "vertraagd",
                                   "gepland", "lopend"};
  c->title = "Planning";
  c->nitems = 5;
  c->items = zt_arena_array(a, 5, sizeof *c->items);
  for (int i = 0; i < 5; i++) {
    c->items[i].label = zt_arena_printf(a, "M%d Een maatregel met een "
                                           "lange naam die niet past", i);
    c->items[i].group = i < 2 ? "Pleegzorg" : "Preventie";
    c->items[i].q0 = 2021 * 4 + i;
    c->items[i].q1 = 2021 * 4 + i + 3;
    c->items[i].status = st[i];
    c->items[i].when = "Q1 2021 \xe2\x80\x93 Q4 2021";
  }
  c->q_now = 2022 * 4 + 1;
  return c;
}

/* --- a recording canvas: every text box must lie inside the chart ----- */

typedef struct rec {
  double w, h;
  int texts, fills, strokes, groups, depth;
  double minx, miny, maxx, maxy;
  char worst[200];
  double min_pt;        /* smallest font size drawn, 0: none yet */
  char all[8192];       /* every text drawn, one a line */
  size_t nall;
} rec;

static void r_color(void *p, uint32_t c) { (void)p; (void)c; }
static void r_line(void *p, double w, bool d) { (void)p; (void)w; (void)d; }
static void r_move(void *p, double x, double y) { (void)p; (void)x; (void)y; }
static void r_arc(void *p, double cx, double cy, double r, double a0,
                  double a1) {
  (void)p; (void)cx; (void)cy; (void)r; (void)a0; (void)a1;
}
static void r_close(void *p) { (void)p; }
static void r_fill(void *p) { ((rec *)p)->fills++; }
static void r_stroke(void *p) { ((rec *)p)->strokes++; }
static void r_measure(void *p, const char *s, zt_font f, zt_extents *e) {
  (void)p;
  zt_fonts_measure(&fonts, s, f, e);
}

static void r_text(void *p, double x, double y, const char *s, zt_font f,
                   zt_anchor a) {
  rec *r = p;
  zt_extents e;
  double x0;
  zt_fonts_measure(&fonts, s, f, &e);
  x0 = a == ZT_ANCHOR_START ? x : a == ZT_ANCHOR_MIDDLE ? x - e.w / 2
                                                        : x - e.w;
  r->texts++;
  if (r->min_pt == 0 || zt_font_size(f) < r->min_pt)
    r->min_pt = zt_font_size(f);
  if (r->nall + strlen(s) + 2 < sizeof r->all)
    r->nall += (size_t)snprintf(r->all + r->nall, sizeof r->all - r->nall,
                                "%s\n", s);
  if (x0 < r->minx || y < r->miny) {
    r->minx = x0 < r->minx ? x0 : r->minx;
    r->miny = y < r->miny ? y : r->miny;
    snprintf(r->worst, sizeof r->worst, "'%s' at %.1f,%.1f", s, x0, y);
  }
  if (x0 + e.w > r->maxx || y + e.h > r->maxy) {
    r->maxx = x0 + e.w > r->maxx ? x0 + e.w : r->maxx;
    r->maxy = y + e.h > r->maxy ? y + e.h : r->maxy;
    snprintf(r->worst, sizeof r->worst, "'%s' ends at %.1f,%.1f", s,
             x0 + e.w, y + e.h);
  }
}

static void r_group(void *p, const char *tag, const char *title) {
  (void)tag;
  (void)title;
  ((rec *)p)->groups++;
  ((rec *)p)->depth++;
}
static void r_group_end(void *p) { ((rec *)p)->depth--; }

static const zt_canvas_ops rec_ops = {
  r_color, r_line, r_move, r_move, r_arc, r_close, r_fill, r_stroke,
  r_text, r_measure, r_group, r_group_end,
};

/* Draw `c` at width w and its own height; every label inside the box
 * (half a point of slack for rounding), groups balanced. */
static void assert_inside(const zt_chart *c, double w) {
  rec r;
  zt_canvas cv = {&rec_ops, &r};
  memset(&r, 0, sizeof r);
  r.w = w;
  r.h = zt_chart_height(c, &cv, w);
  assert_true(r.h > 50 && r.h < 900);
  zt_chart_draw(c, &cv, w, r.h);
  assert_true(r.texts > 0);
  assert_true(r.fills + r.strokes > 0);
  assert_int_equal(r.depth, 0);
  if (r.minx < -0.5 || r.miny < -0.5 || r.maxx > w + 0.5 ||
      r.maxy > r.h + 0.5)
    fail_msg("%s: text outside %.0fx%.0f: %s", zt_chart_type_name(c->type),
             w, r.h, r.worst);
}

static void test_every_type_stays_inside(void **state) {
  zt_arena a;
  zt_chart *c;
  (void)state;
  zt_arena_init(&a);
  for (int wi = 0; wi < 2; wi++) {
    double w = wi ? 467.0 : 300.0;
    assert_inside(line_chart(&a), w);
    assert_inside(bar_chart(&a, ZT_CHART_BAR, 5, 2, false), w);
    assert_inside(bar_chart(&a, ZT_CHART_BAR, 18, 1, true), w);
    assert_inside(bar_chart(&a, ZT_CHART_STACKED, 6, 3, false), w);
    assert_inside(bar_chart(&a, ZT_CHART_STACKED, 6, 3, true), w);
    assert_inside(bar_chart(&a, ZT_CHART_HISTOGRAM, 7, 1, false), w);
    assert_inside(bar_chart(&a, ZT_CHART_DIVERGING, 6, 1, true), w);
    c = bar_chart(&a, ZT_CHART_DONUT, 7, 1, true);
    c->cat_color = zt_arena_array(&a, 7, sizeof *c->cat_color);
    assert_inside(c, w);
    assert_inside(timeline_chart(&a), w);
  }
  zt_arena_free(&a);
}

/* Is `line` one of the lines the recorder saw? */
static bool drew_line(const rec *r, const char *line) {
  char want[256];
  snprintf(want, sizeof want, "\n%s\n", line);
  return strstr(r->all, want) != NULL ||
         (strncmp(r->all, want + 1, strlen(want + 1)) == 0);
}

static void draw_rec(const zt_chart *c, double w, rec *r) {
  zt_canvas cv = {&rec_ops, r};
  memset(r, 0, sizeof *r);
  r->w = w;
  r->h = zt_chart_height(c, &cv, w);
  zt_chart_draw(c, &cv, w, r->h);
}

/* A category whose value is zero gets no bar and no label; a note names
 * it, and the data table keeps it. */
static void test_no_zero_bars(void **state) {
  zt_arena a;
  rec r;
  (void)state;
  zt_arena_init(&a);
  for (int t = 0; t < 3; t++) {
    zt_chart *c = bar_chart(&a, t == 1   ? ZT_CHART_HISTOGRAM
                                : t == 2 ? ZT_CHART_DIVERGING
                                         : ZT_CHART_BAR,
                            5, 1, false);
    /* no other zero in the sample */
    for (size_t i = 0; i < 5; i++)
      if (c->ser[0].val[i].v == 0)
        set_val(c, 0, i, 1, "1");
    zt_table *tab;
    c->cats[3] = "Overig";
    set_val(c, 0, 3, 0, "\xe2\x82\xac 0");
    assert_true(zt_chart_zero_category(c, 3));
    assert_false(zt_chart_zero_category(c, 2));
    draw_rec(c, 467, &r);
    /* four bars, no fifth of zero height */
    assert_int_equal(r.fills, 4);
    assert_false(drew_line(&r, "\xe2\x82\xac 0"));
    /* a bar chart leaves the category out, a histogram keeps its class
     * on the axis */
    assert_true(drew_line(&r, "Overig") == (t == 1));
    assert_non_null(strstr(r.all, "Zonder staaf (\xe2\x82\xac 0): "
                                  "Overig."));
    tab = zt_chart_table(c, &a);
    assert_int_equal(tab->nrows, 1 + 5);
  }
  {
    /* a category that is a bare number is named with what it counts */
    zt_chart *c = bar_chart(&a, ZT_CHART_BAR, 5, 1, false);
    for (size_t i = 0; i < 5; i++)
      if (c->ser[0].val[i].v == 0)
        set_val(c, 0, i, 1, "1");
    c->cats[0] = "0";
    c->x_label = "maanden na de zorgmaand";
    set_val(c, 0, 0, 0, "0,0%");
    draw_rec(c, 467, &r);
    assert_non_null(strstr(r.all, "Zonder staaf (0,0%): 0 (maanden na de "
                                  "zorgmaand)."));
  }
  {
    /* a trend without its first periods says from when it has data */
    zt_chart *c = bar_chart(&a, ZT_CHART_BAR, 5, 1, false);
    const char *first = c->cats[2];
    char want[64];
    zt_chart_drop_first(c, 2);
    assert_int_equal(c->ncat, 3);
    assert_ptr_equal(c->cats[0], first);
    draw_rec(c, 467, &r);
    snprintf(want, sizeof want,
             "Geen volledige gegevens v\xc3\xb3\xc3\xb3r %s.", first);
    assert_non_null(strstr(r.all, want));
  }
  {
    /* all zero: no bars, a sentence */
    zt_chart *c = bar_chart(&a, ZT_CHART_BAR, 3, 1, false);
    for (size_t i = 0; i < 3; i++)
      set_val(c, 0, i, 0, "0");
    draw_rec(c, 467, &r);
    assert_int_equal(r.fills, 0);
    assert_false(drew_line(&r, "0"));
    assert_non_null(strstr(r.all, "Alle waarden"));
  }
  zt_arena_free(&a);
}

/* Values hidden by the privacy rules ("·" in the table) are said to be
 * hidden, not missing: a chart whose own values are all hidden (only its
 * target line left, Laren's trend) is a sentence; some hidden, a note
 * names them; the alt text says "niet getoond", not "geen gegevens". */
static void test_hidden_values(void **state) {
  zt_arena a;
  rec r;
  zt_chart *c;
  const char *alt;
  (void)state;
  zt_arena_init(&a);
  c = line_chart(&a);
  for (size_t i = 0; i < 4; i++) {
    c->ser[0].val[i].present = false;
    c->ser[0].val[i].suppressed = true;
    c->ser[0].val[i].display = "\xc2\xb7";
  }
  draw_rec(c, 467, &r);
  assert_non_null(strstr(r.all, "Niet getoond wegens kleine aantallen "
                                "(\xc2\xb7)"));
  assert_false(drew_line(&r, "1e hj 2019"));     /* no axis */
  alt = zt_chart_alt(c, &a);
  assert_non_null(strstr(alt, " Gezinsvorm: niet getoond (kleine "
                              "aantallen)."));
  assert_null(strstr(alt, "geen gegevens"));
  /* two of four hidden: the line, and a note naming them */
  set_val(c, 0, 0, 55.1, "55,1%");
  set_val(c, 0, 3, 64.0, "64,0%");
  c->ser[0].val[0].suppressed = c->ser[0].val[3].suppressed = false;
  draw_rec(c, 467, &r);
  assert_true(drew_line(&r, "1e hj 2019"));
  assert_non_null(strstr(r.all, "Niet getoond wegens kleine aantallen "
                                "(\xc2\xb7): 2e hj 2019, 1e hj 2020."));
  alt = zt_chart_alt(c, &a);
  assert_non_null(strstr(alt, "Gezinsvorm: van 55,1% (1e hj 2019) naar "
                              "64,0% (1e hj 2022). Niet getoond (kleine "
                              "aantallen): 2e hj 2019, 1e hj 2020."));
  /* two series, one hidden in every category: said so, not listed */
  c = bar_chart(&a, ZT_CHART_BAR, 3, 2, false);
  for (size_t i = 0; i < 3; i++) {
    c->ser[1].val[i].present = false;
    c->ser[1].val[i].suppressed = true;
  }
  c->ser[0].val[2].present = false;
  c->ser[0].val[2].suppressed = true;
  draw_rec(c, 467, &r);
  assert_non_null(strstr(r.all, "Niet getoond wegens kleine aantallen "
                                "(\xc2\xb7): Reeks 1 (3); Reeks 2 (alle "
                                "waarden)."));
  /* nothing hidden: no such note */
  c = line_chart(&a);
  draw_rec(c, 467, &r);
  assert_null(strstr(r.all, "Niet getoond"));
  zt_arena_free(&a);
}

/* Timeline and donut legend labels are wrapped, never shortened with an
 * ellipsis; every word of every label is drawn. */
static void test_timeline_labels_whole(void **state) {
  zt_arena a;
  rec r;
  (void)state;
  zt_arena_init(&a);
  for (int wi = 0; wi < 2; wi++) {
    zt_chart *c = timeline_chart(&a), *d;
    /* the donut's legend wraps its labels too */
    d = bar_chart(&a, ZT_CHART_DONUT, 7, 1, true);
    d->cats[2] = "Landelijk Transitiearrangement en nog een lange naam";
    draw_rec(d, wi ? 467.0 : 300.0, &r);
    assert_null(strstr(r.all, "\xe2\x80\xa6"));
    assert_non_null(strstr(r.all, "lange"));
    draw_rec(c, wi ? 467.0 : 300.0, &r);
    assert_null(strstr(r.all, "\xe2\x80\xa6"));
    for (size_t i = 0; i < c->nitems; i++) {
      /* the label's words appear in order in the drawn text */
      const char *p = r.all;
      char **words = g_strsplit(c->items[i].label, " ", -1);
      for (char **wd = words; *wd; wd++) {
        p = strstr(p, *wd);
        if (!p)
          fail_msg("'%s' of '%s' not drawn", *wd, c->items[i].label);
        p += strlen(*wd);
      }
      g_strfreev(words);
    }
  }
  zt_arena_free(&a);
}

/* A legend entry longer than its chart is wide wraps onto more lines:
 * every word drawn in order, nothing outside. TypeVerwijzer 08 spelled
 * out is 191 units at 8 pt: on one line on a page (467) and on a phone
 * (360 units with 1.5 times the text, 240 here), wrapped at 200. */
static void test_legend_wraps(void **state) {
  static const char name[] = "Rechter, officier van justitie of "
                             "justiti\xc3\xable jeugdinrichting";
  zt_arena a;
  rec r;
  zt_chart *c;
  const char *p;
  char **words;
  (void)state;
  zt_arena_init(&a);
  c = bar_chart(&a, ZT_CHART_STACKED, 3, 3, false);
  c->ser[2].name = name;
  assert_inside(c, 200.0);
  draw_rec(c, 200.0, &r);
  assert_false(drew_line(&r, name));
  p = r.all;
  words = g_strsplit(name, " ", -1);
  for (char **wd = words; *wd; wd++) {
    p = strstr(p, *wd);
    if (!p)
      fail_msg("'%s' of the legend entry not drawn", *wd);
    p += strlen(*wd);
  }
  g_strfreev(words);
  /* on a page and on a phone it fits on one line */
  draw_rec(c, 467.0, &r);
  assert_true(drew_line(&r, name));
  assert_inside(c, 240.0);
  draw_rec(c, 240.0, &r);
  assert_true(drew_line(&r, name));
  zt_arena_free(&a);
}

/* No chart text is smaller than 8 pt in print. */
static void test_chart_text_at_least_8pt(void **state) {
  zt_arena a;
  rec r;
  zt_chart *c[9];
  (void)state;
  zt_arena_init(&a);
  c[0] = line_chart(&a);
  c[1] = bar_chart(&a, ZT_CHART_BAR, 5, 2, false);
  c[2] = bar_chart(&a, ZT_CHART_BAR, 18, 1, true);
  c[3] = bar_chart(&a, ZT_CHART_STACKED, 6, 3, false);
  c[4] = bar_chart(&a, ZT_CHART_HISTOGRAM, 7, 1, false);
  c[5] = bar_chart(&a, ZT_CHART_DIVERGING, 6, 1, true);
  c[6] = bar_chart(&a, ZT_CHART_DONUT, 7, 1, true);
  c[7] = timeline_chart(&a);
  c[8] = bar_chart(&a, ZT_CHART_BAR, 3, 1, false);
  set_val(c[8], 0, 1, 0, "0");
  for (size_t k = 0; k < 9; k++) {
    draw_rec(c[k], 467, &r);
    assert_true(r.texts > 0);
    if (r.min_pt < 8.0)
      fail_msg("%s: text of %.1f pt", zt_chart_type_name(c[k]->type),
               r.min_pt);
  }
  zt_arena_free(&a);
}

static void test_alt_text_and_table(void **state) {
  zt_arena a;
  zt_chart *c;
  zt_table *t;
  const char *alt;
  (void)state;
  zt_arena_init(&a);
  c = line_chart(&a);
  alt = zt_chart_alt(c, &a);
  assert_non_null(strstr(alt, "Lijndiagram: Jeugdigen in verblijf."));
  assert_non_null(strstr(alt, "Eenheid: % van de jeugdigen in verblijf."));
  assert_non_null(strstr(alt, "Gezinsvorm: van 55,1% (1e hj 2019) naar "
                              "64,0% (1e hj 2022)."));
  assert_non_null(strstr(alt, "Doel Gezinsvorm: van \xe2\x89\xa5 60% "
                              "(1e hj 2020) naar \xe2\x89\xa5 70% "
                              "(1e hj 2022)."));
  t = zt_chart_table(c, &a);
  /* header + 4 periods; category column + series + target */
  assert_int_equal(t->nrows, 5);
  assert_int_equal(t->ncols, 3);
  assert_true(t->rflags[0] & ZT_ROW_HEAD);
  assert_string_equal(zt_table_cell(t, 0, 1), "Gezinsvorm");
  assert_string_equal(zt_table_cell(t, 0, 2), "Doel Gezinsvorm");
  assert_string_equal(zt_table_cell(t, 4, 0), "1e hj 2022");
  assert_string_equal(zt_table_cell(t, 4, 1), "64,0%");
  /* a year without a target has none, not a missing figure */
  assert_string_equal(zt_table_cell(t, 1, 2), "geen doel");
  assert_false(zt_table_cflags(t, 1, 2) & ZT_CELL_MISSING);
  assert_true(t->numeric[1] && t->numeric[2]);
  /* many categories: the extremes instead of every value */
  c = bar_chart(&a, ZT_CHART_BAR, 12, 1, false);
  alt = zt_chart_alt(c, &a);
  assert_non_null(strstr(alt, "hoogste waarde"));
  /* one value among many, or all the same: no highest and lowest */
  for (size_t i = 1; i < 12; i++)
    c->ser[0].val[i].present = false;
  alt = zt_chart_alt(c, &a);
  assert_null(strstr(alt, "hoogste"));
  assert_non_null(strstr(alt, " alleen 1: 10."));
  for (size_t i = 0; i < 12; i++)
    set_val(c, 0, i, 7, "7");
  alt = zt_chart_alt(c, &a);
  assert_null(strstr(alt, "hoogste"));
  assert_non_null(strstr(alt, " overal 7."));
  /* a timeline counts statuses */
  c = timeline_chart(&a);
  alt = zt_chart_alt(c, &a);
  assert_non_null(strstr(alt, "5 maatregelen van Q1 2021 tot en met "
                              "Q4 2022. Status: 1 gereed, 2 lopend, "
                              "1 vertraagd, 1 gepland."));
  t = zt_chart_table(c, &a);
  assert_int_equal(t->nrows, 6);
  assert_string_equal(zt_table_cell(t, 3, 3), "\xe2\x9a\xa0 vertraagd");
  zt_arena_free(&a);
}

static void test_svg_writer(void **state) {
  zt_arena a;
  zt_buf out;
  zt_canvas_svg cs;
  zt_canvas cv;
  zt_chart *c;
  const char *s;
  (void)state;
  zt_arena_init(&a);
  zt_buf_init(&out, 1u << 22);
  c = bar_chart(&a, ZT_CHART_BAR, 3, 1, false);
  c->cats[1] = "Logeren & crisis <kort>";
  zt_canvas_svg_init(&cs, &cv, &out, &fonts);
  zt_chart_draw(c, &cv, 400, zt_chart_height(c, &cv, 400));
  assert_int_equal(zt_canvas_svg_done(&cs), ZT_OK);
  s = zt_buf_str(&out);
  /* text stays text, escaped */
  assert_non_null(strstr(s, "<text "));
  assert_non_null(strstr(s, ">Logeren &amp; crisis &lt;kort&gt;</text>"));
  assert_non_null(strstr(s, ">aantal jeugdigen</text>"));
  /* groups carry a title */
  assert_non_null(strstr(s, "<g class=\"series\"><title>Reeks 1</title>"));
  /* no ids (many charts share one page), no glyph outlines, no script */
  assert_null(strstr(s, " id=\""));
  assert_null(strstr(s, "<symbol"));
  assert_null(strstr(s, "<script"));
  /* coordinates with a decimal point, never a comma */
  assert_null(strstr(s, "d=\"M0,"));
  zt_buf_free(&out);

  /* a full circle becomes two arcs; a half one arc */
  zt_buf_init(&out, 1u << 16);
  zt_canvas_svg_init(&cs, &cv, &out, &fonts);
  zt_cv_color(&cv, 0x112233);
  zt_cv_arc(&cv, 50, 50, 10, 0, 2 * M_PI);
  zt_cv_close(&cv);
  zt_cv_fill(&cv);
  zt_cv_arc(&cv, 50, 50, 10, 0, M_PI);
  zt_cv_line_style(&cv, 1.5, true);
  zt_cv_stroke(&cv);
  assert_int_equal(zt_canvas_svg_done(&cs), ZT_OK);
  assert_string_equal(zt_buf_str(&out),
                      "<path d=\"M60 50A10 10 0 0 1 40 50A10 10 0 0 1 60 "
                      "50Z\" fill=\"#112233\"/>\n"
                      "<path d=\"M60 50A10 10 0 0 1 40 50\" fill=\"none\" "
                      "stroke=\"#112233\" stroke-width=\"1.5\" "
                      "stroke-dasharray=\"4 3\"/>\n");
  zt_buf_free(&out);
  zt_arena_free(&a);
}

static void test_fit_label(void **state) {
  zt_canvas_cairo cc;
  zt_canvas cv;
  cairo_surface_t *s = cairo_pdf_surface_create_for_stream(NULL, NULL, 100,
                                                           100);
  cairo_t *cr = cairo_create(s);
  zt_fonts f;
  zt_extents e;
  char buf[64];
  const char *r;
  (void)state;
  assert_int_equal(zt_fonts_init(&f, cr, NULL), ZT_OK);
  zt_canvas_cairo_init(&cc, &cv, cr, &f, 0, 0);
  r = zt_cv_fit(&cv, "Kort", ZT_F_CHART, 100, buf, sizeof buf);
  assert_string_equal(r, "Kort");
  r = zt_cv_fit(&cv, "Landelijk Transitiearrangement", ZT_F_CHART, 60, buf,
                sizeof buf);
  zt_fonts_measure(&f, r, ZT_F_CHART, &e);
  assert_true(e.w <= 60);
  assert_non_null(strstr(r, "\xe2\x80\xa6"));
  assert_true(strncmp(r, "Landelijk", 9) == 0);
  zt_canvas_cairo_done(&cc);
  zt_fonts_free(&f);
  cairo_destroy(cr);
  cairo_surface_finish(s);
  cairo_surface_destroy(s);
}

/* LeakSanitizer: fontconfig keeps its parsed configuration for the life
 * of the process (pango owns it; see zt_report_cleanup). Not our leak. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) {
  return "leak:libfontconfig.so\n";
}

/* The chart-type table: one row per type, each with a name, a Dutch
 * label, a drawer; the lookups find every row. */
static void test_kind_table(void **state) {
  (void)state;
  assert_int_equal(zt_nchart_kinds, ZT_CHART_TIMELINE + 1);
  for (size_t i = 0; i < zt_nchart_kinds; i++) {
    const zt_chart_kind *k = &zt_chart_kinds[i];
    assert_ptr_equal(zt_chart_kind_named(k->name), k);
    assert_ptr_equal(zt_chart_kind_of(k->type), k);
    assert_non_null(k->height);
    assert_non_null(k->draw);
    assert_string_equal(zt_chart_type_name(k->type), k->label);
  }
  assert_null(zt_chart_kind_named("pie"));
  assert_string_equal(zt_chart_kind_named("donut")->label, "Ringdiagram");
}

/* A year without a target reads "geen doel" in the figure's table (no
 * note on missing figures then) and its text alternative, not "–". */
static void test_target_without_value(void **state) {
  zt_arena a;
  zt_chart *c;
  zt_table *t;
  (void)state;
  zt_arena_init(&a);
  c = line_chart(&a);
  t = zt_chart_table(c, &a);
  assert_string_equal(zt_table_cell(t, 3, 2), "\xe2\x89\xa5 60%");
  zt_table_add_marker_notes(t, &a, "");
  assert_int_equal(t->nnotes, 0);
  /* a target series with no value at all */
  c->ser[1].val[2].present = false;
  c->ser[1].val[3].present = false;
  assert_non_null(strstr(zt_chart_alt(c, &a), "Doel Gezinsvorm: geen doel "
                                               "gesteld."));
  zt_arena_free(&a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_axis_nice),
      cmocka_unit_test(test_kind_table),
      cmocka_unit_test(test_target_without_value),
      cmocka_unit_test(test_every_type_stays_inside),
      cmocka_unit_test(test_alt_text_and_table),
      cmocka_unit_test(test_svg_writer),
      cmocka_unit_test(test_fit_label),
      cmocka_unit_test(test_no_zero_bars),
      cmocka_unit_test(test_hidden_values),
      cmocka_unit_test(test_timeline_labels_whole),
      cmocka_unit_test(test_legend_wraps),
      cmocka_unit_test(test_chart_text_at_least_8pt),
  };
  int failed = cmocka_run_group_tests(tests, setup, teardown);
  zt_report_cleanup();   /* for the leak checker */
  return failed;
}

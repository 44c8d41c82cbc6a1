/*
 * render/chart.c -- the chart data model: construction, nice axes, the
 * text alternative and the data table (chart.h). Drawing is in
 * chart_draw.c.
 */
#include "render/chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "render/format_nl.h"

zt_chart *zt_chart_new(zt_arena *a, zt_chart_type type, size_t ncat,
                       size_t nser) {
  zt_chart *c = zt_arena_alloc(a, sizeof *c);
  c->type = type;
  c->ncat = ncat;
  c->nser = nser;
  c->cats = zt_arena_array(a, ncat + 1, sizeof *c->cats);
  for (size_t i = 0; i < ncat; i++)
    c->cats[i] = "";
  c->ser = zt_arena_array(a, nser + 1, sizeof *c->ser);
  for (size_t s = 0; s < nser; s++) {
    c->ser[s].name = "";
    c->ser[s].val = zt_arena_array(a, ncat + 1, sizeof *c->ser[s].val);
    for (size_t i = 0; i < ncat; i++)
      c->ser[s].val[i].display = "\xe2\x80\x93";
  }
  c->q_now = -1;
  c->unit = ZT_UNIT_COUNT;
  return c;
}

void zt_chart_drop_first(zt_chart *c, size_t k) {
  if (k == 0 || k > c->ncat)
    return;
  c->ncat -= k;
  c->begins_late = true;
  memmove(c->cats, c->cats + k, c->ncat * sizeof *c->cats);
  if (c->cat_color)
    memmove(c->cat_color, c->cat_color + k, c->ncat * sizeof *c->cat_color);
  for (size_t s = 0; s < c->nser; s++)
    memmove(c->ser[s].val, c->ser[s].val + k,
            c->ncat * sizeof *c->ser[s].val);
}

const char *zt_chart_type_name(zt_chart_type t) {
  return zt_chart_kind_of(t)->label;
}

void zt_axis_nice(double min, double max, int max_ticks, bool integer,
                  zt_axis *out) {
  double span, raw, mag, norm, step;
  if (max_ticks < 2)
    max_ticks = 2;
  if (!isfinite(min) || !isfinite(max)) {
    min = 0;
    max = 1;
  }
  if (max < min) {
    double t = min;
    min = max;
    max = t;
  }
  span = max - min;
  if (span <= 0) {
    span = fabs(max) > 0 ? fabs(max) : 1.0;
    if (min >= 0)
      min = 0;
    max = min + span;
  }
  raw = span / (double)(max_ticks - 1);
  mag = pow(10.0, floor(log10(raw)));
  norm = raw / mag;
  if (norm <= 1.0)
    step = 1.0 * mag;
  else if (norm <= 2.0)
    step = 2.0 * mag;
  else if (norm <= 5.0)
    step = 5.0 * mag;
  else
    step = 10.0 * mag;
  if (integer && step < 1.0)
    step = 1.0;
  out->step = step;
  out->lo = floor(min / step + 1e-9) * step;
  out->hi = ceil(max / step - 1e-9) * step;
  if (out->hi <= out->lo)
    out->hi = out->lo + step;
  out->nticks = (int)llround((out->hi - out->lo) / step) + 1;
}

void zt_axis_label(zt_unit unit, double v, double step, char *buf,
                   size_t n) {
  char num[ZT_FMT_MAX];
  int dec = step < 0.999 ? (step < 0.0999 ? 2 : 1) : 0;
  if (fabs(v) < step * 1e-6)
    v = 0;
  switch (unit) {
  case ZT_UNIT_PERCENT:
    zt_fmt_double(v, dec, num);
    snprintf(buf, n, "%s%%", num);
    return;
  case ZT_UNIT_EUR:
    zt_fmt_eur_tick(v, step, num);
    snprintf(buf, n, "%s", num);
    return;
  default:
    zt_fmt_double(v, dec, num);
    snprintf(buf, n, "%s", num);
    return;
  }
}

/* --- the text alternative -------------------------------------------- */

static const char *series_name(const zt_chart *c, size_t s) {
  return c->ser[s].name && *c->ser[s].name ? c->ser[s].name : "waarde";
}

static void alt_timeline(const zt_chart *c, zt_buf *b) {
  static const char *const order[] = {"gereed", "lopend", "vertraagd",
                                      "gepland", "gestopt"};
  int qmin = 0, qmax = 0;
  char f[ZT_FMT_MAX], l[ZT_FMT_MAX];
  bool first = true;
  for (size_t i = 0; i < c->nitems; i++) {
    if (i == 0 || c->items[i].q0 < qmin)
      qmin = c->items[i].q0;
    if (i == 0 || c->items[i].q1 > qmax)
      qmax = c->items[i].q1;
  }
  zt_fmt_quarter(qmin / 4, qmin % 4 + 1, f);
  zt_fmt_quarter(qmax / 4, qmax % 4 + 1, l);
  zt_buf_printf(b, " %zu maatregelen", c->nitems);
  if (c->nitems)
    zt_buf_printf(b, " van %s tot en met %s", f, l);
  zt_buf_puts(b, ". Status:");
  for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
    size_t n = 0;
    for (size_t i = 0; i < c->nitems; i++)
      if (c->items[i].status && strcmp(c->items[i].status, order[k]) == 0)
        n++;
    if (n) {
      zt_buf_printf(b, "%s %zu %s", first ? "" : ",", n, order[k]);
      first = false;
    }
  }
  if (first)
    zt_buf_puts(b, " geen");
  zt_buf_puts(b, ".");
}

/* " Niet getoond (kleine aantallen): 2e hj 2022, 1e hj 2023." for the
 * values of series s the privacy rules hid. */
static void alt_hidden(const zt_chart *c, size_t s, zt_buf *b) {
  size_t k = 0;
  for (size_t i = 0; i < c->ncat; i++)
    if (c->ser[s].val[i].suppressed)
      zt_buf_printf(b, "%s%s", k++ ? ", " : " Niet getoond (kleine "
                    "aantallen): ", c->cats[i]);
  if (k)
    zt_buf_puts(b, ".");
}

static void alt_series(const zt_chart *c, size_t s, zt_buf *b) {
  const zt_series *se = &c->ser[s];
  size_t first = c->ncat, last = c->ncat, hi = c->ncat, lo = c->ncat;
  size_t present = 0, hidden = 0;
  for (size_t i = 0; i < c->ncat; i++) {
    hidden += se->val[i].suppressed;
    if (!se->val[i].present)
      continue;
    present++;
    if (first == c->ncat)
      first = i;
    last = i;
    if (hi == c->ncat || se->val[i].v > se->val[hi].v)
      hi = i;
    if (lo == c->ncat || se->val[i].v < se->val[lo].v)
      lo = i;
  }
  zt_buf_printf(b, " %s%s:", se->is_target ? "Doel " : "",
                se->is_target ? c->ser[s].name : series_name(c, s));
  if (!present) {
    /* the values are there, but hidden: not "geen gegevens" */
    zt_buf_puts(b, hidden ? " niet getoond (kleine aantallen)."
                 : se->is_target ? " geen doel gesteld."
                                 : " geen gegevens.");
    return;
  }
  if (c->type == ZT_CHART_LINE && present > 1) {
    zt_buf_printf(b, " van %s (%s) naar %s (%s).", se->val[first].display,
                  c->cats[first], se->val[last].display, c->cats[last]);
    alt_hidden(c, s, b);
    return;
  }
  if (c->ncat <= 10) {
    bool sep = false;
    for (size_t i = 0; i < c->ncat; i++) {
      zt_buf_printf(b, "%s %s %s", sep ? "," : "", c->cats[i],
                    se->val[i].suppressed ? "niet getoond"
                                          : se->val[i].display);
      sep = true;
    }
    zt_buf_puts(b, ".");
    return;
  }
  if (present == 1)        /* one value among many categories */
    zt_buf_printf(b, " alleen %s: %s.", c->cats[first],
                  se->val[first].display);
  else if (se->val[hi].v == se->val[lo].v)
    zt_buf_printf(b, " overal %s.", se->val[hi].display);
  else
    zt_buf_printf(b, " hoogste waarde %s (%s), laagste %s (%s).",
                  se->val[hi].display, c->cats[hi], se->val[lo].display,
                  c->cats[lo]);
  alt_hidden(c, s, b);
}

const char *zt_chart_alt(const zt_chart *c, zt_arena *a) {
  zt_buf b;
  const char *out;
  zt_buf_init(&b, 1u << 20);
  zt_buf_printf(&b, "%s: %s.", zt_chart_type_name(c->type),
                c->title ? c->title : "");
  if (zt_chart_kind_of(c->type)->data == ZT_CHART_DATA_MEASURES) {
    alt_timeline(c, &b);
  } else {
    if (c->y_label && *c->y_label)
      zt_buf_printf(&b, " Eenheid: %s.", c->y_label);
    for (size_t s = 0; s < c->nser; s++)
      alt_series(c, s, &b);
  }
  zt_buf_puts(&b, " De cijfers staan ook in de tabel bij deze figuur.");
  out = zt_arena_strdup(a, zt_buf_str(&b));
  zt_buf_free(&b);
  return out;
}

/* --- the data table ----------------------------------------------------- */

static zt_table *timeline_table(const zt_chart *c, zt_arena *a) {
  zt_table *t = zt_table_new(a, c->nitems + 1, 4);
  zt_table_set(t, a, 0, 0, "Maatregel", 0);
  zt_table_set(t, a, 0, 1, "Actielijn", 0);
  zt_table_set(t, a, 0, 2, "Looptijd", 0);
  zt_table_set(t, a, 0, 3, "Status", 0);
  t->rflags[0] = ZT_ROW_HEAD;
  t->row_header = true;
  for (size_t i = 0; i < c->nitems; i++) {
    const zt_tl_item *it = &c->items[i];
    zt_status_look lk = zt_measure_status_look(it->status);
    char st[128];
    snprintf(st, sizeof st, "%s %s", lk.symbol, lk.word);
    zt_table_set(t, a, i + 1, 0, it->label, ZT_CELL_WRAPHYPH);
    zt_table_set(t, a, i + 1, 1, it->group ? it->group : "",
                 ZT_CELL_WRAPHYPH);
    zt_table_set(t, a, i + 1, 2, it->when ? it->when : "", 0);
    zt_table_set(t, a, i + 1, 3, st, 0);
  }
  return t;
}

zt_table *zt_chart_table(const zt_chart *c, zt_arena *a) {
  zt_table *t;
  size_t nser = 0;
  if (zt_chart_kind_of(c->type)->data == ZT_CHART_DATA_MEASURES)
    t = timeline_table(c, a);
  else {
    for (size_t s = 0; s < c->nser; s++)
      nser++;
    t = zt_table_new(a, c->ncat + 1, nser + 1);
    t->rflags[0] = ZT_ROW_HEAD;
    t->row_header = true;
    zt_table_set(t, a, 0, 0, c->x_label && *c->x_label ? c->x_label : "",
                 0);
    for (size_t s = 0, col = 1; s < c->nser; s++, col++) {
      const char *name = c->ser[s].is_target
                             ? zt_arena_printf(a, "Doel %s",
                                               c->ser[s].name)
                             : series_name(c, s);
      zt_table_set(t, a, 0, col, name, 0);
      t->numeric[col] = true;
      for (size_t i = 0; i < c->ncat; i++) {
        const zt_chart_value *v = &c->ser[s].val[i];
        unsigned fl = v->suppressed ? ZT_CELL_SUPPRESSED
                      : v->present ? 0 : ZT_CELL_MISSING;
        /* a year without a target has no target, not a missing figure */
        if (fl == ZT_CELL_MISSING && c->ser[s].is_target)
          zt_table_set(t, a, i + 1, col, "geen doel", 0);
        else
          zt_table_set(t, a, i + 1, col, v->display ? v->display : "", fl);
      }
    }
    for (size_t i = 0; i < c->ncat; i++)
      zt_table_set(t, a, i + 1, 0, c->cats[i], 0);
  }
  t->caption = zt_arena_printf(a, "Cijfers bij figuur: %s",
                               c->title ? c->title : "");
  return t;
}

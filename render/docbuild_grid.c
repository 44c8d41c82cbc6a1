/*
 * render/docbuild_grid.c -- grid tables: a row and a column (or, for
 * charts, a series and a category) each fix part of a value's key;
 * rows="..." and cols="..." expand into coordinates (items, periods,
 * municipalities, breakdown values), and <table> becomes a zt_table with
 * its group header row, folded rows and privacy footnote.
 */
#include "render/docbuild_int.h"

#include <string.h>

#include "core/buf.h"
#include "core/kinds.h"
#include "core/sort.h"
#include "core/str.h"
#include "render/format_nl.h"
#include "render/ind_ids.h"
#include "render/theme.h"

coord coord_none(void) {
  coord c;
  memset(&c, 0, sizeof c);
  c.gem = -1;
  return c;
}

coord coord_from(bctx *b, xmlNodePtr n) {
  coord c = coord_none();
  const char *g = attr(b, n, "gemeente"), *col = attr(b, n, "color");
  const char *p = attr(b, n, "period");
  long v;
  c.label = subst(b, attr(b, n, "label"));
  c.ind = attr(b, n, "id");
  if (p) {
    c.has_period = true;
    c.period = resolve_ref(b, p);
  }
  if (g)
    c.gem = strcmp(g, "regio") == 0 ? 0
            : zt_parse_int(g, 0, 9999, &v) == ZT_OK ? (int)v : -1;
  c.bd = attr(b, n, "breakdown");
  c.bench = attr(b, n, "benchmark");
  if (col)
    c.has_color = zt_color_by_key(col, &c.color);
  c.target = attr_yes(b, n, "target", false);
  c.total = attr_yes(b, n, "is-total", false);
  {
    const char *ids = attr(b, n, "ids");
    if (ids) {
      c.ids = g_strsplit(ids, ",", -1);
      for (size_t i = 0; c.ids[i]; i++)
        g_strstrip(c.ids[i]);
      g_ptr_array_add(b->strvs, c.ids);
    }
  }
  return c;
}

void dim_push(dim *d, GArray *arr) {
  d->n = arr->len;
  d->c = (coord *)(void *)arr->data;
}

/* Trend periods of the report's kind up to the report period. */
static void add_trend(bctx *b, GArray *arr) {
  for (size_t i = 0; i < b->ntrend; i++) {
    coord c = coord_none();
    char buf[ZT_FMT_MAX];
    c.has_period = true;
    c.period = b->trend[i];
    c.from_periods = true;
    zt_fmt_period_short(&c.period, buf);
    c.label = zt_arena_strdup(b->a, buf);
    g_array_append_val(arr, c);
  }
}

typedef struct bdval {
  const char *value;    /* after "key=" */
  const char *full;     /* "key=value" */
  const char *label;    /* what the row or category shows */
  double weight;        /* sort weight: the value in the last period the
                           other dimension shows; a hidden value sorts
                           after every shown one, so the order does not
                           tell hidden values apart */
} bdval;

static int numeric_lead(const char *s, long *out) {
  long v = 0;
  int n = 0;
  while (s[n] >= '0' && s[n] <= '9' && n < 12)
    v = v * 10 + (s[n++] - '0');
  *out = v;
  return n;
}

static bool starts_numeric(const char *s) {
  long dummy;
  return numeric_lead(s, &dummy) > 0;
}

static int bd_cmp_kind(const void *x, const void *y) {
  const bdval *a = x, *b = y;
  int ka = zt_kind_from_id(a->value), kb = zt_kind_from_id(b->value);
  if (ka != kb)
    return (ka < 0 ? 1000 : ka) - (kb < 0 ? 1000 : kb);
  return strcmp(a->value, b->value);
}

static int bd_cmp_num(const void *x, const void *y) {
  const bdval *a = x, *b = y;
  long va, vb;
  int na = numeric_lead(a->value, &va), nb = numeric_lead(b->value, &vb);
  if (na && nb && va != vb)
    return va < vb ? -1 : 1;
  if (na != nb)
    return na ? -1 : 1;
  return strcmp(a->value, b->value);
}

static int bd_cmp_weight(const void *x, const void *y) {
  const bdval *a = x, *b = y;
  int c;
  if (a->weight != b->weight)
    return a->weight > b->weight ? -1 : 1;
  c = strcmp(a->label, b->label);   /* bytes: the same on every machine */
  return c ? c : strcmp(a->value, b->value);
}

/* The sort weight of a breakdown row (see bdval). */
static double bd_weight(const zt_ind_value *v) {
  return v->suppressed ? -1.0 : zt_ind_as_double(v);
}

/* "31-90" -> "31–90" (a range of numbers gets an en dash). */
static const char *range_label(bctx *b, const char *v) {
  const char *dash = strchr(v, '-');
  if (dash && dash > v && dash[-1] >= '0' && dash[-1] <= '9' &&
      dash[1] >= '0' && dash[1] <= '9')
    return zt_arena_printf(b->a, "%.*s" DASH "%s", (int)(dash - v), v,
                           dash + 1);
  return v;
}

/* The label of a provider= breakdown value (an AGB code): the
 * provider's name from the report input, else "AGB <code>"; a value that
 * is not a code is shown as it is. */
static const char *provider_label(bctx *b, const char *agb) {
  long code;
  if (zt_parse_int(agb, 0, 99999999, &code) != ZT_OK)
    return agb;
  for (size_t i = 0; i < b->in->nproviders; i++)
    if (b->in->providers[i].agb == (uint32_t)code &&
        b->in->providers[i].name[0])
      return zt_arena_strdup(b->a, b->in->providers[i].name);
  return zt_arena_printf(b->a, "AGB %s", agb);
}

static zt_status expand_breakdown(bctx *b, xmlNodePtr n, const char *key,
                                  const coord *base, const dim *other,
                                  GArray *arr) {
  size_t kl = strlen(key), nrows;
  GArray *vals;
  GHashTable *seen;
  uint16_t gem = base->gem >= 0 ? (uint16_t)base->gem : b->gem;
  char periods[16][8];
  size_t np = 0;
  if (!base->ind)
    return node_fail(b, n,
                     "breakdown:%s needs an indicator (expected an id "
                     "attribute on this element)", key);
  /* the periods the other dimension shows, else the element's own */
  for (size_t i = 0; other && i < other->n && np < 16; i++)
    if (other->c[i].has_period)
      zt_period_name(&other->c[i].period, periods[np++]);
  if (np == 0) {
    zt_period p = base->has_period ? base->period : b->in->period;
    zt_period_name(&p, periods[np++]);
  }
  vals = g_array_new(FALSE, FALSE, sizeof(bdval));
  seen = g_hash_table_new(g_str_hash, g_str_equal);
  nrows = b->in->ind ? zt_ind_table_count(b->in->ind) : 0;
  for (size_t i = 0; i < nrows; i++) {
    const zt_ind_value *v = zt_ind_table_at(b->in->ind, i);
    bool inp = false;
    if (v->gemeente != gem || strcmp(v->indicator, base->ind) != 0 ||
        strncmp(v->breakdown, key, kl) != 0 || v->breakdown[kl] != '=')
      continue;
    for (size_t k = 0; k < np && !inp; k++)
      inp = strcmp(v->period, periods[k]) == 0;
    if (!inp)
      continue;
    if (g_hash_table_contains(seen, v->breakdown)) {
      if (strcmp(v->period, periods[np - 1]) == 0) {
        for (guint k = 0; k < vals->len; k++) {
          bdval *bv = &g_array_index(vals, bdval, k);
          if (strcmp(bv->full, v->breakdown) == 0)
            bv->weight = bd_weight(v);
        }
      }
      continue;
    }
    {
      bdval bv;
      char *full = zt_arena_strdup(b->a, v->breakdown);
      bv.full = full;
      bv.value = bv.full + kl + 1;
      bv.weight = strcmp(v->period, periods[np - 1]) == 0 ? bd_weight(v)
                                                           : -2.0;
      bv.label = strcmp(key, "kind") == 0 || strcmp(key, "reason") == 0 ||
                         strcmp(key, "cbs") == 0 ||
                         strcmp(key, "verwijzer") == 0 ||
                         strcmp(key, "retourcode") == 0
                     ? zt_breakdown_label(key, bv.value)
                 : strcmp(key, "provider") == 0
                     ? provider_label(b, bv.value)
                     : range_label(b, bv.value);
      g_hash_table_add(seen, full);
      g_array_append_val(vals, bv);
    }
  }
  if (vals->len < 2)
    ;   /* nothing to order (and qsort must not see a NULL array) */
  else if (strcmp(key, "kind") == 0)
    zt_qsort(vals->data, vals->len, sizeof(bdval), bd_cmp_kind);
  else if (strcmp(key, "provider") != 0 &&
           starts_numeric(g_array_index(vals, bdval, 0).value))
    zt_qsort(vals->data, vals->len, sizeof(bdval), bd_cmp_num);
  else
    zt_qsort(vals->data, vals->len, sizeof(bdval), bd_cmp_weight);
  for (guint i = 0; i < vals->len; i++) {
    bdval *bv = &g_array_index(vals, bdval, i);
    coord c = coord_none();
    int k;
    c.bd = bv->full;
    c.label = bv->label;
    if (strcmp(key, "kind") == 0 && (k = zt_kind_from_id(bv->value)) >= 0) {
      c.has_color = true;
      c.color = zt_color_of_kind((zt_care_kind)k);
    }
    g_array_append_val(arr, c);
  }
  g_hash_table_destroy(seen);
  g_array_free(vals, TRUE);
  return ZT_OK;
}

/* Expand `spec` (NULL = items) into coordinates. `child` names the item
 * elements ("row", "col", "series", "cat"). */
zt_status expand(bctx *b, xmlNodePtr n, const char *spec,
                 const char *child, const coord *base,
                 const dim *other, GArray *arr) {
  if (!spec || strcmp(spec, "items") == 0) {
    for (xmlNodePtr k = n->children; k; k = k->next)
      if (is_elem(k, child)) {
        coord c = coord_from(b, k);
        g_array_append_val(arr, c);
      }
    return ZT_OK;
  }
  if (strncmp(spec, "periods:", 8) == 0) {
    const char *p = spec + 8;
    while (*p) {
      const char *e = strchr(p, ',');
      size_t len = e ? (size_t)(e - p) : strlen(p);
      char ref[32];
      zt_slice_copy(ref, sizeof ref, p, len);
      if (strcmp(ref, "trend") == 0)
        add_trend(b, arr);
      else {
        coord c = coord_none();
        char buf[ZT_FMT_MAX];
        c.has_period = true;
        c.period = resolve_ref(b, ref);
        c.from_periods = true;
        zt_fmt_period_short(&c.period, buf);
        c.label = zt_arena_strdup(b->a, buf);
        g_array_append_val(arr, c);
      }
      if (!e)
        break;
      p = e + 1;
    }
    return ZT_OK;
  }
  if (strncmp(spec, "gemeenten", 9) == 0) {
    for (size_t i = 0; i < b->in->ngemeenten; i++) {
      coord c = coord_none();
      c.gem = b->in->gemeenten[i];
      c.label = b->in->gemeente_names[i];
      g_array_append_val(arr, c);
    }
    if (strcmp(spec, "gemeenten+regio") == 0) {
      coord c = coord_none();
      c.gem = ZT_GEMEENTE_REGIO;
      c.label = zt_arena_printf(b->a, "Regio %s", b->in->region_name);
      c.total = true;
      /* in a chart the region's bar stands apart from its members' */
      c.has_color = zt_color_by_key("accent", &c.color);
      g_array_append_val(arr, c);
    }
    /* item children follow the municipalities (reconciliation rows);
     * a figure from elsewhere only when it was published for the
     * period shown */
    for (xmlNodePtr k = n->children; k; k = k->next)
      if (is_elem(k, child)) {
        coord c = coord_from(b, k);
        zt_period p = c.has_period      ? c.period
                      : base->has_period ? base->period
                                         : b->in->period;
        if (c.bench &&
            !bench_present(b, c.ind ? c.ind : base->ind, &p, c.bench))
          continue;
        g_array_append_val(arr, c);
      }
    return ZT_OK;
  }
  if (strncmp(spec, "breakdown:", 10) == 0)
    return expand_breakdown(b, n, spec + 10, base, other, arr);
  return node_fail(b, n, "bad dimension '%s'", spec);
}

/* The value at (row/series r, column/category c) under `base`. */
const zt_ind_value *grid_value(bctx *b, const coord *base,
                               const coord *r, const coord *c,
                               const char **ind_out) {
  const char *ind = r->total && r->ind ? r->ind
                    : c->ind           ? c->ind
                    : r->ind           ? r->ind
                                       : base->ind;
  zt_period p = c->has_period   ? c->period
                : r->has_period ? r->period
                : base->has_period ? base->period
                                   : b->in->period;
  int gem = c->gem >= 0 ? c->gem
            : r->gem >= 0 ? r->gem
            : base->gem >= 0 ? base->gem
                             : b->gem;
  const char *bd = r->total && r->bd ? r->bd
                   : c->bd ? c->bd
                   : r->bd ? r->bd
                   : base->bd ? base->bd
                              : "";
  const char *bench = c->bench ? c->bench : r->bench ? r->bench
                                                     : base->bench;
  if (ind_out)
    *ind_out = ind;
  if (bench)
    return bench_value(b, ind, &p, bench);
  return lookup(b, ind, &p, (uint16_t)gem, bd);
}

/* The footnote for the privacy markers a table shows: what each marker
 * stands for, and where the rule is stated (the full rule would repeat
 * a paragraph under every table). NULL when nothing is hidden. */
const char *marker_note(bctx *b, const zt_table *t) {
  const char *seen[4];
  size_t nseen = 0;
  zt_buf out;
  const char *res;
  for (size_t i = 0; i < t->nrows * t->ncols; i++) {
    const char *m = t->text[i];
    bool dup = false;
    if (!(t->cflags[i] & ZT_CELL_SUPPRESSED))
      continue;
    for (size_t k = 0; k < nseen && !dup; k++)
      dup = strcmp(seen[k], m) == 0;
    if (!dup && nseen < 4)
      seen[nseen++] = m;
  }
  if (!nseen)
    return NULL;
  /* "< 5" before the markers of values not shown at all */
  for (size_t k = 1; k < nseen; k++)
    for (size_t j = k; j > 0 && seen[j][0] == '<' && seen[j - 1][0] != '<';
         j--) {
      const char *x = seen[j];
      seen[j] = seen[j - 1];
      seen[j - 1] = x;
    }
  zt_buf_init(&out, 1u << 16);
  for (size_t k = 0; k < nseen; k++) {
    const char *m = seen[k];
    long n;
    zt_buf_puts(&out, k ? "; " : "");
    if (m[0] == '<' && zt_parse_int(m[1] == ' ' ? m + 2 : m + 1, 2,
                                    1000000, &n) == ZT_OK)
      zt_buf_printf(&out, "%s = een aantal van 1 tot en met %ld", m, n - 1);
    else
      zt_buf_printf(&out, "%s = niet getoond", m);
  }
  zt_buf_puts(&out, " (bescherming van de privacy; zie de Verantwoording)."
              );
  res = zt_arena_strdup(b->a, zt_buf_str(&out));
  zt_buf_free(&out);
  return res;
}

/* What the folded rows are called: "Overige zorgsoorten (minder dan 5
 * jeugdigen of geen): Crisis, Logeren". */
static const char *fold_label(bctx *b, const zt_table *g, const bool *fold,
                              const char *key) {
  zt_buf out;
  const char *res, *what;
  long lt = 0;
  bool hidden = false, first = true;
  for (size_t r = 1; r < g->nrows; r++)
    for (size_t c = 1; fold[r] && c < g->ncols; c++) {
      const char *m = zt_table_cell(g, r, c);
      long v;
      if (!(zt_table_cflags(g, r, c) & ZT_CELL_SUPPRESSED))
        continue;
      if (m[0] == '<' &&
          zt_parse_int(m[1] == ' ' ? m + 2 : m + 1, 2, 1000000, &v) ==
              ZT_OK)
        lt = v;
      else
        hidden = true;
    }
  what = strcmp(key, "kind") == 0       ? "zorgsoorten"
         : strcmp(key, "provider") == 0 ? "aanbieders"
                                        : "rijen";
  zt_buf_init(&out, 1u << 16);
  if (lt)
    zt_buf_printf(&out, "Overige %s (minder dan %ld jeugdigen%s of geen): ",
                  what, lt, hidden ? ", niet getoond" : "");
  else
    zt_buf_printf(&out, "Overige %s (%sgeen): ", what,
                  hidden ? "niet getoond of " : "");
  for (size_t r = 1; r < g->nrows; r++)
    if (fold[r]) {
      zt_buf_printf(&out, "%s%s", first ? "" : ", ",
                    zt_table_cell(g, r, 0));
      first = false;
    }
  res = zt_arena_strdup(b->a, zt_buf_str(&out));
  zt_buf_free(&out);
  return res;
}

/* The table as the reader gets it, from the grid `g` (a header row and
 * one row per row coordinate):
 *  - period columns that mix whole years and half-years get a group
 *    header row above them ("Heel jaar", "Halfjaar"), so that a year is
 *    never read next to a half-year as if they were alike;
 *  - with a fold key (fold="yes" on a breakdown table), the rows without
 *    a publishable cell (zt_cell_publishable) become one line naming
 *    them, before the totals. */
static zt_table *finish_grid(bctx *b, const zt_table *g, const dim *rows,
                             const dim *cols, const bool *keep,
                             const char *key, const char *caption) {
  size_t nyear = 0, nhalf = 0, nfold = 0, nr, out = 0;
  bool groups, placed = false;
  bool *fold = zt_arena_array(b->a, g->nrows + 1, sizeof *fold);
  zt_table *t;
  for (size_t c = 0; c < cols->n; c++)
    if (keep[c] && cols->c[c].from_periods) {
      if (cols->c[c].period.half)
        nhalf++;
      else
        nyear++;
    }
  groups = nyear && nhalf;
  for (size_t r = 1; key && r < g->nrows; r++) {
    const coord *rc = &rows->c[r - 1];
    fold[r] = !rc->total && !rc->ids;
    for (size_t c = 1; fold[r] && c < g->ncols; c++)
      fold[r] = !zt_cell_publishable(zt_table_cell(g, r, c),
                                     zt_table_cflags(g, r, c));
    nfold += fold[r];
  }
  /* one folded row stays a row: the line would be no shorter */
  if (nfold == 1) {
    memset(fold, 0, (g->nrows + 1) * sizeof *fold);
    nfold = 0;
  }
  nr = g->nrows + (groups ? 1 : 0) - nfold + (nfold ? 1 : 0);
  t = new_table(b, nr, g->ncols, caption);
  t->row_header = g->row_header;
  for (size_t c = 0; c < g->ncols; c++) {
    t->numeric[c] = g->numeric[c];
    t->weight[c] = g->weight[c];
  }
  if (groups) {
    bool prev_half = false;
    t->rflags[out] = ZT_ROW_HEAD;
    for (size_t c = 0, tc = 1; c < cols->n; c++) {
      bool half;
      if (!keep[c])
        continue;
      half = cols->c[c].from_periods && cols->c[c].period.half;
      if (cols->c[c].from_periods && (tc == 1 || half != prev_half)) {
        zt_table_set(t, b->a, out, tc, half ? "Halfjaar" : "Heel jaar", 0);
        t->sep[tc] = tc > 1;
      }
      prev_half = half;
      tc++;
    }
    out++;
  }
  for (size_t r = 0; r < g->nrows; r++) {
    if (fold[r])
      continue;
    if (nfold && !placed && r > 0 && (g->rflags[r] & ZT_ROW_TOTAL)) {
      zt_table_set(t, b->a, out++, 0, fold_label(b, g, fold, key), 0);
      placed = true;
    }
    t->rflags[out] = g->rflags[r];
    for (size_t c = 0; c < g->ncols; c++)
      zt_table_set(t, b->a, out, c, zt_table_cell(g, r, c),
                   zt_table_cflags(g, r, c));
    out++;
  }
  if (nfold && !placed)
    zt_table_set(t, b->a, out++, 0, fold_label(b, g, fold, key), 0);
  return t;
}

zt_status grid_table(bctx *b, xmlNodePtr n) {
  coord base = coord_from(b, n);
  const char *rows_spec = attr(b, n, "rows"), *cols_spec = attr(b, n, "cols");
  const char *total = attr(b, n, "total");
  GArray *ra = g_array_new(FALSE, FALSE, sizeof(coord));
  GArray *ca = g_array_new(FALSE, FALSE, sizeof(coord));
  dim rows, cols;
  zt_status st = ZT_OK;
  bool rows_first = !(rows_spec && strncmp(rows_spec, "breakdown:", 10) == 0);
  bool *keep;
  bool money_total = false;   /* a total row of money (a note, below) */
  size_t nkeep = 0;
  zt_table *t;
  base.label = NULL;
  if (rows_first) {
    st = expand(b, n, rows_spec, "row", &base, NULL, ra);
    dim_push(&rows, ra);
    if (!st)
      st = expand(b, n, cols_spec, "col", &base, &rows, ca);
  } else {
    st = expand(b, n, cols_spec, "col", &base, NULL, ca);
    dim_push(&cols, ca);
    if (!st)
      st = expand(b, n, rows_spec, "row", &base, &cols, ra);
  }
  if (!st && ca->len == 0) {
    coord c = coord_none();
    const char *cl = attr(b, n, "col-label");
    c.label = cl ? subst(b, cl) : "Waarde";
    g_array_append_val(ca, c);
  }
  if (!st && ra->len == 0 && (!rows_spec || strcmp(rows_spec, "items") == 0))
    st = node_fail(b, n, "<table> has no rows (expected <row> children or "
                   "a rows attribute)");
  if (!st && total) {
    coord c = coord_none();
    const char *tl = attr(b, n, "total-label");
    c.ind = total;
    c.bd = "";
    c.total = true;
    c.label = tl ? subst(b, tl) : "Totaal";
    g_array_append_val(ra, c);
  }
  dim_push(&rows, ra);
  dim_push(&cols, ca);
  for (size_t r = 0; !st && r < rows.n; r++)
    for (size_t c = 0; !st && c < cols.n && !rows.c[r].ids; c++) {
      const char *ind = NULL;
      grid_value(b, &base, &rows.c[r], &cols.c[c], &ind);
      if (!ind)
        st = node_fail(b, n, "no indicator for row '%s', column '%s' "
                       "(expected an id on the table, row or column)",
                       rows.c[r].label ? rows.c[r].label : "",
                       cols.c[c].label ? cols.c[c].label : "");
    }
  if (st) {
    g_array_free(ra, TRUE);
    g_array_free(ca, TRUE);
    return st;
  }
  /* period columns without any value are left out (a year not yet
   * complete, a half-year before the data begin) */
  keep = zt_arena_array(b->a, cols.n + 1, sizeof *keep);
  for (size_t c = 0; c < cols.n; c++) {
    keep[c] = !cols.c[c].from_periods;
    for (size_t r = 0; r < rows.n && !keep[c]; r++)
      keep[c] = !rows.c[r].ids &&
                grid_value(b, &base, &rows.c[r], &cols.c[c], NULL) != NULL;
  }
  for (size_t c = 0; c < cols.n; c++)
    nkeep += keep[c];
  if (nkeep == 0) {
    for (size_t c = 0; c < cols.n; c++)
      keep[c] = true;
    nkeep = cols.n;
  }
  t = zt_table_new(b->a, rows.n + 1, nkeep + 1);
  t->rflags[0] = ZT_ROW_HEAD;
  t->row_header = true;
  {
    const char *corner = attr(b, n, "corner");
    zt_table_set(t, b->a, 0, 0, corner ? subst(b, corner) : "", 0);
  }
  for (size_t c = 0, tc = 1; c < cols.n; c++) {
    if (!keep[c])
      continue;
    zt_table_set(t, b->a, 0, tc, cols.c[c].label ? cols.c[c].label : "", 0);
    t->numeric[tc] = true;
    tc++;
  }
  for (size_t r = 0; r < rows.n; r++) {
    zt_table_set(t, b->a, r + 1, 0, rows.c[r].label ? rows.c[r].label : "",
                 ZT_CELL_WRAPHYPH);
    if (rows.c[r].total)
      t->rflags[r + 1] |= ZT_ROW_TOTAL;
    for (size_t c = 0, tc = 1; c < cols.n; c++) {
      unsigned fl = 0;
      const zt_ind_value *v;
      const char *s;
      if (!keep[c])
        continue;
      if (rows.c[r].ids) {
        /* a row with an indicator of its own per column (a
         * reconciliation row); an empty entry is an empty cell */
        coord rr = rows.c[r];
        size_t k = 0;
        while (rr.ids[k] && k < c)
          k++;
        rr.ind = rr.ids[k] ? rr.ids[k] : "";
        rr.total = true;
        rr.bd = rr.bd ? rr.bd : "";
        if (!*rr.ind) {
          zt_table_set(t, b->a, r + 1, tc++, "", 0);
          continue;
        }
        v = grid_value(b, &base, &rr, &cols.c[c], NULL);
      } else {
        v = grid_value(b, &base, &rows.c[r], &cols.c[c], NULL);
      }
      s = display(b, v, &fl);
      zt_table_set(t, b->a, r + 1, tc, s, fl);
      money_total |= rows.c[r].total && v && !v->suppressed &&
                     v->unit == ZT_UNIT_EUR;
      tc++;
    }
  }
  {
    const char *key = attr_yes(b, n, "fold", false) && rows_spec &&
                              strncmp(rows_spec, "breakdown:", 10) == 0
                          ? rows_spec + 10
                          : NULL;
    t = finish_grid(b, t, &rows, &cols, keep, key,
                    subst(b, attr(b, n, "title")));
  }
  zt_table_add_marker_notes(t, b->a, marker_note(b, t));
  /* the parts of a total of money can add up to a euro or two more or
   * less than the total shown: say why */
  if (money_total)
    zt_table_add_note(t, b->a, ZT_NOTE_ROUNDED);
  add_table_block(b, t, (int)xmlGetLineNo(n));
  g_array_free(ra, TRUE);
  g_array_free(ca, TRUE);
  return ZT_OK;
}

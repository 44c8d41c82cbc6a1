/*
 * metrics/suppress.c -- disclosure control of the indicator table (see
 * suppress.h and docs/privacy.md "Small numbers").
 *
 * Four steps on the table:
 *  1. the primary rule per row, by the row's class (indicator.h):
 *     counts, shares of counts, derived values (means, money); at region
 *     level only means, medians and percentiles over few;
 *  2. complementary suppression: in every group of cells linked by an
 *     exact sum -- the breakdown rows of one municipality under their
 *     total, the municipality rows of an additive indicator under the
 *     region row, the two half-years under their year, two rows with the
 *     same value -- when exactly one cell is hidden, hide another one;
 *  3. the audit: what an attacker can work out from everything that
 *     stays visible. Every group is an equation (an exact sum, or for
 *     unique clients an inequality: a client counts in more than one
 *     part); every hidden cell has the range its marker allows ("< 5":
 *     1-4). Ranges are narrowed over all equations, and the exact sums
 *     are solved as a linear system; a hidden cell whose value comes out
 *     unique makes the audit hide one more cell of an equation it is in.
 *     Steps 2 and 3 repeat until nothing changes;
 *  4. rows computed from hidden rows, or from a count that may not be
 *     published (a share of 3 of 12, a mean over 2), are hidden.
 */
#include "metrics/suppress.h"
#include "core/sort.h"

#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/numfmt_nl.h"
#include "core/str.h"
#include "metrics/indicator.h"

#define HIDDEN_SMALL "\xc2\xb7"   /* "·" (U+00B7), with a footnote */
#define HIDDEN_CBS "."           /* cbs: a raw value 0-7 */
#define HIDDEN_CBS_MORE "x"      /* cbs: hidden so that no "." can be
                                    worked out */

zt_status zt_supp_mode_parse(const char *s, zt_supp_mode *out, zt_err *err) {
  if (s && strcmp(s, "none") == 0)
    *out = ZT_SUPP_NONE;
  else if (s && strcmp(s, "small") == 0)
    *out = ZT_SUPP_SMALL;
  else if (s && strcmp(s, "cbs") == 0)
    *out = ZT_SUPP_CBS;
  else
    return zt_fail(err, ZT_ERR_USAGE, "suppression '%s': expected none, "
                   "small or cbs", s ? s : "");
  return ZT_OK;
}

const char *zt_supp_mode_name(zt_supp_mode m) {
  switch (m) {
  case ZT_SUPP_NONE: return "none";
  case ZT_SUPP_SMALL: return "small";
  case ZT_SUPP_CBS: return "cbs";
  }
  return "?";
}

/* Rounded to the nearest multiple of 5 (no ties for integers). */
static int64_t round5(int64_t v) {
  return zt_round_div(v, 5) * 5;
}

/* Below region level, or a provider row (providers are small at any
 * level): the rows the rules apply to. */
static bool subject(const zt_ind_value *v) {
  return v->gemeente != ZT_GEMEENTE_REGIO ||
         strncmp(v->breakdown, "provider=", 9) == 0;
}

static void hide(zt_ind_value *v, const char *text) {
  v->suppressed = true;
  zt_strlcpy(v->display, text, sizeof v->display);
}

/* A count the rules would not publish: 0 < x < threshold (small), or
 * 0..7 (cbs: a zero is secret too). */
static bool small_count(int64_t x, zt_supp_mode mode, int threshold) {
  if (mode == ZT_SUPP_CBS)
    return x <= 7;
  return x > 0 && x < threshold;
}

/* Step 1 for one row. */
static void primary(zt_ind_value *v, const zt_ind_def *d, zt_supp_mode mode,
                    int threshold) {
  char buf[ZT_FMT_MAX];
  if (mode == ZT_SUPP_SMALL) {
    switch (d->supp) {
    case ZT_SC_COUNT:
      if (v->den == 1 && v->num > 0 && v->num < threshold) {
        snprintf(buf, sizeof buf, "< %d", threshold);
        hide(v, buf);
      }
      break;
    case ZT_SC_SHARE:
    case ZT_SC_DERIVED:
      if (v->n > 0 && v->n < threshold)
        hide(v, HIDDEN_SMALL);
      break;
    default:
      break;
    }
    return;
  }
  /* cbs */
  switch (d->supp) {
  case ZT_SC_COUNT:
    if (v->den != 1)
      break;
    if (v->num <= 7) {
      hide(v, HIDDEN_CBS);
    } else {
      zt_fmt_int(round5(v->num), buf);
      zt_strlcpy(v->display, buf, sizeof v->display);
    }
    break;
  case ZT_SC_SHARE:
    if (v->den <= 7) {
      hide(v, HIDDEN_CBS);
    } else {
      zt_fmt_percent(round5(v->num), round5(v->den), buf);
      zt_strlcpy(v->display, buf, sizeof v->display);
    }
    break;
  case ZT_SC_DERIVED:
    if (v->n <= 7)
      hide(v, HIDDEN_CBS);
    break;
  default:
    break;
  }
}

/* Step 1 at region level: counts, shares and sums stay shown, but a
 * mean, median or percentile over fewer than the threshold (a median
 * waiting time over one youth is that youth's) is hidden as below it. */
static void region_mean(zt_ind_value *v, const zt_ind_def *d,
                        zt_supp_mode mode, int threshold) {
  if (d->supp != ZT_SC_DERIVED || d->additive || v->n <= 0)
    return;
  if (mode == ZT_SUPP_CBS ? v->n <= 7 : v->n < threshold)
    hide(v, mode == ZT_SUPP_CBS ? HIDDEN_CBS : HIDDEN_SMALL);
}

/* ---- groups ---------------------------------------------------------- */

typedef enum grel {
  G_EQ,      /* total = sum of members */
  G_COVER,   /* every member <= total <= sum of members */
  G_LATEST,  /* a year over its half-years by the latest day's kind:
                H2 <= total <= H1 + H2 (ZT_TIME_LATEST) */
  G_NONE     /* no arithmetic the audit may use (step 2 only) */
} grel;

typedef struct group {
  size_t total;       /* row of the total; SIZE_MAX: none in the table */
  int64_t adjust;     /* the parts add up to total + adjust */
  size_t first, n;    /* members: mem[first .. first + n) */
  grel rel;
  bool rule;          /* step 2 applies ("exactly one hidden") */
  bool time;          /* half-years under their year */
  bool same;          /* one member with the total's value */
} group;

typedef struct gkey {
  char *key;
  size_t row;
  size_t total;
  int64_t adjust;
  grel rel;
  bool rule, time, same;
} gkey;

typedef struct sctx {
  zt_ind_table *t;
  const zt_ind_def **defs;
  zt_supp_mode mode;
  int threshold;
  size_t nrows;
  group *g;
  size_t ng;
  size_t *mem;          /* group members, grouped */
  size_t *cg;           /* row -> its groups: cg[cgo[r] .. cgo[r + 1]) */
  size_t *cgo;
  bool *stuck;          /* a row the audit could not protect, or a zero
                           it showed again: never hidden (again) */
  size_t stuck_n;
  const zt_ind_value **dep; /* per row: its deps[0..3] and `within` row,
                               looked up once (the rows do not move) */
  bool *dep_done;
} sctx;

static int cmp_gkey(const void *pa, const void *pb) {
  const gkey *a = pa, *b = pb;
  int c = strcmp(a->key, b->key);
  if (c)
    return c;
  return a->row < b->row ? -1 : a->row > b->row;
}

/* The part of a breakdown before '=' ("kind" for "kind=pleegzorg"). */
static void breakdown_key(const char *bd, char out[64]) {
  const char *eq = strchr(bd, '=');
  size_t n = eq ? (size_t)(eq - bd) : 0;
  zt_slice_copy(out, 64, bd, n);
}

/* The row named "id" or "id|key=value" at v's period, peildatum and
 * municipality, or NULL; "id|*" is the row of id with v's breakdown. A
 * leading '-' (a share's whole less that row, indicator.h) is skipped. */
static const zt_ind_value *named_row(const zt_ind_table *t, const char *ref,
                                     const zt_ind_value *v) {
  const char *bar;
  char id[64];
  if (ref[0] == '-')
    ref++;
  bar = strchr(ref, '|');
  if (!bar)
    return zt_ind_table_find_at(t, ref, v->period, v->peildatum, v->gemeente,
                                "");
  zt_slice_copy(id, sizeof id, ref, (size_t)(bar - ref));
  return zt_ind_table_find_at(t, id, v->period, v->peildatum, v->gemeente,
                              strcmp(bar + 1, "*") == 0 ? v->breakdown
                                                        : bar + 1);
}

/* Is deps[k] (k > 0) of a share a part of its numerator? "-id" is not:
 * it is taken from the whole (indicator.h). */
static bool dep_part(const char *ref) {
  return ref && ref[0] != '-';
}

static size_t row_index(const zt_ind_table *t, const zt_ind_value *v) {
  return v ? (size_t)(v - zt_ind_table_at(t, 0)) : SIZE_MAX;
}

static bool is_money(const zt_ind_value *v) {
  return v->unit == ZT_UNIT_EUR;
}

/* How the municipality rows of a count relate to the region's: a client
 * of the region is a client of at least one municipality, so the region
 * is at most their sum (G_COVER). The flow counts messages and
 * assignments, each of one municipality: there the region is their sum
 * exactly (G_EQ), as for money. Not so for what a municipality measures
 * on its own part of an episode (its duration, its providers, the age
 * at its begin): those have no relation the audit may use. */
static grel column_rel(const zt_ind_value *v, const zt_ind_def *d) {
  if (is_money(v) || d->family == ZT_FAM_FLOW)
    return G_EQ;
  if (strcmp(v->indicator, "episodes.age_le12") == 0 ||
      (strcmp(v->indicator, "episodes.clients") == 0 && v->breakdown[0]))
    return G_NONE;
  return G_COVER;
}

/* A row that takes part in the groups: a count, or an amount of money
 * (a sum, not a mean). */
static bool cell_row(const zt_ind_value *v, const zt_ind_def *d) {
  if (!d || d->supp == ZT_SC_NONE || d->supp == ZT_SC_DEPENDS ||
      v->den != 1)
    return false;
  return d->supp == ZT_SC_COUNT || (is_money(v) && d->additive);
}

static zt_status push_key(GArray *keys, char *key, size_t row, size_t total,
                          grel rel, bool rule, bool time) {
  gkey k = {key, row, total, 0, rel, rule, time, false};
  if (!key)
    return ZT_ERR_NOMEM;
  g_array_append_val(keys, k);
  return ZT_OK;
}

static zt_ind_value *row(const sctx *c, size_t r) {
  return zt_ind_table_at(c->t, r);
}

/* Is row r of a 2e halfjaar ("2023-H2")? */
static bool second_half(const sctx *c, size_t r) {
  const char *p = row(c, r)->period;
  return strlen(p) == 7 && strcmp(p + 4, "-H2") == 0;
}

/* The municipality rows of a count under the region's that add up to it
 * exactly, although nothing makes them (no client counted in two
 * municipalities, no placement begun in two): a reader who sees such a
 * column come out in the periods a table shows whole takes the count for
 * an exact sum (new placements, youths in verblijf on the peildatum, in
 * a small region clients per kind). So the audit takes every column that
 * adds up for an exact sum (G_EQ), whatever kind of count it is. Where
 * the raw rows do not add up, the inequality (or no relation) stays: a
 * reader who takes it for an exact sum works out a wrong value. Money
 * and the flow's counts are exact sums already; half-years are not
 * columns. */
static void exact_columns(sctx *c) {
  for (size_t gi = 0; gi < c->ng; gi++) {
    group *gr = &c->g[gi];
    const zt_ind_value *t = row(c, gr->total);
    int64_t sum = 0;
    bool col = gr->rel != G_EQ && !gr->time && !gr->same && gr->n > 0 &&
               t->gemeente == ZT_GEMEENTE_REGIO &&
               t->den == 1 && !is_money(t);
    for (size_t k = 0; k < gr->n && col; k++) {
      const zt_ind_value *m = row(c, c->mem[gr->first + k]);
      col = m->gemeente != ZT_GEMEENTE_REGIO &&
            strcmp(m->indicator, t->indicator) == 0 && m->den == 1;
      sum += m->num;
    }
    if (col && sum == t->num + gr->adjust)
      gr->rel = G_EQ;
  }
}

/* Every group the table holds (see the file comment). */
static zt_status build_groups(sctx *c) {
  GArray *keys = g_array_new(FALSE, FALSE, sizeof(gkey));
  zt_ind_table *t = c->t;
  zt_status st = ZT_OK;
  bool cbs = c->mode == ZT_SUPP_CBS;
  for (size_t i = 0; i < c->nrows && !st; i++) {
    const zt_ind_value *v = zt_ind_table_at(t, i);
    const zt_ind_def *d = c->defs[i];
    char bk[64];
    bool money;
    if (!cell_row(v, d) &&
        !(cbs && d && d->supp == ZT_SC_SHARE && d->deps[1]))
      continue;
    money = is_money(v);
    breakdown_key(v->breakdown, bk);
    /* the breakdown rows of one unit under their total */
    if (cell_row(v, d) && (v->breakdown[0] || d->total)) {
      const char *total = d->total ? d->total : d->id;
      size_t tr = row_index(t, zt_ind_table_find_at(t, total, v->period,
                                                   v->peildatum, v->gemeente,
                                                   ""));
      grel rel = d->parts == ZT_PARTS_COVER ? G_COVER : G_EQ;
      /* clients.by_kind: a client has several kinds; no "exactly one"
       * rule (the audit sees the inequality) */
      bool rule = !(d->parts == ZT_PARTS_COVER && d->total) &&
                  (!cbs || money);
      if (tr != SIZE_MAX)
        st = push_key(keys,
                      g_strdup_printf("r|%s|%s|%lld|%u|%s", total, v->period,
                                      (long long)v->peildatum, v->gemeente,
                                      bk),
                      i, tr, rel, rule, false);
    }
    /* the municipality rows under the region's */
    if (!st && cell_row(v, d) && d->additive &&
        v->gemeente != ZT_GEMEENTE_REGIO) {
      size_t tr = row_index(t, zt_ind_table_find_at(t, d->id, v->period,
                                                   v->peildatum,
                                                   ZT_GEMEENTE_REGIO,
                                                   v->breakdown));
      const zt_ind_value *multi = NULL;
      grel rel = column_rel(v, d);
      /* the report publishes how many clients count twice: then the
       * municipalities add up to the region exactly */
      if (!v->breakdown[0] && strcmp(d->id, "clients.total") == 0)
        multi = zt_ind_table_find_at(t, "wpb.clients_multi", v->period,
                                     v->peildatum, ZT_GEMEENTE_REGIO, "");
      else if (!v->breakdown[0] &&
               strcmp(d->id, "wpb.clients_declared") == 0)
        multi = zt_ind_table_find_at(t, "wpb.clients_declared_multi",
                                     v->period, v->peildatum,
                                     ZT_GEMEENTE_REGIO, "");
      if (tr != SIZE_MAX)
        st = push_key(keys,
                      g_strdup_printf("c|%s|%s|%lld|%s", d->id, v->period,
                                      (long long)v->peildatum, v->breakdown),
                      i, tr, multi ? G_EQ : rel, !cbs || money, false);
      if (!st && multi && tr != SIZE_MAX)
        g_array_index(keys, gkey, keys->len - 1).adjust = -multi->num;
    }
    /* the half-years under their year */
    if (!st && cell_row(v, d) && d->time != ZT_TIME_NONE &&
        strlen(v->period) == 7) {
      char year[8];
      size_t tr;
      zt_slice_copy(year, sizeof year, v->period, 4);
      tr = row_index(t, zt_ind_table_find(t, d->id, year, v->gemeente,
                                          v->breakdown));
      if (tr != SIZE_MAX)
        st = push_key(keys,
                      g_strdup_printf("t|%s|%s|%u|%s", d->id, year,
                                      v->gemeente, v->breakdown),
                      i, tr,
                      d->time == ZT_TIME_SUM      ? G_EQ
                      : d->time == ZT_TIME_LATEST ? G_LATEST
                                                  : G_COVER,
                      d->time == ZT_TIME_SUM && (!cbs || money), true);
    }
    /* cbs: a share of rounded counts gives its part rounded (the
     * kinds in a gezinsvorm): the share row stands for that part */
    if (!st && cbs && d->supp == ZT_SC_SHARE && subject(v) && d->deps[1]) {
      size_t tr = i;
      for (int k = 1; k < 4 && d->deps[k] && !st; k++) {
        size_t m = dep_part(d->deps[k])
                       ? row_index(t, named_row(t, d->deps[k], v))
                       : SIZE_MAX;
        if (m != SIZE_MAX)
          st = push_key(keys, g_strdup_printf("p|%zu", i), m, tr, G_EQ,
                        false, false);
      }
    }
    /* a row with the same value as another */
    if (!st && cell_row(v, d) && d->same) {
      size_t tr = row_index(t, named_row(t, d->same, v));
      if (tr != SIZE_MAX)
        st = push_key(keys, g_strdup_printf("s|%zu", i), i, tr, G_EQ, true,
                      false);
      if (!st && tr != SIZE_MAX)
        g_array_index(keys, gkey, keys->len - 1).same = true;
    }
  }
  if (st) {
    for (guint k = 0; k < keys->len; k++)
      g_free(g_array_index(keys, gkey, k).key);
    g_array_free(keys, TRUE);
    return st;
  }
  if (keys->len > 1)
    zt_qsort(keys->data, keys->len, sizeof(gkey), cmp_gkey);
  c->mem = malloc((keys->len + 1) * sizeof *c->mem);
  c->g = malloc((keys->len + 1) * sizeof *c->g);
  c->cgo = calloc(c->nrows + 2, sizeof *c->cgo);
  if (!c->mem || !c->g || !c->cgo)
    st = ZT_ERR_NOMEM;
  for (guint k = 0; k < keys->len && !st;) {
    gkey *a = &g_array_index(keys, gkey, k);
    guint j = k;
    group *gr = &c->g[c->ng++];
    gr->total = a->total;
    gr->adjust = a->adjust;
    gr->first = k;
    gr->rel = a->rel;
    gr->rule = a->rule;
    gr->time = a->time;
    gr->same = a->same;
    while (j < keys->len &&
           strcmp(g_array_index(keys, gkey, j).key, a->key) == 0) {
      c->mem[j] = g_array_index(keys, gkey, j).row;
      c->cgo[c->mem[j] + 1]++;
      j++;
    }
    gr->n = j - k;
    c->cgo[gr->total + 1]++;
    k = j;
  }
  for (guint k = 0; k < keys->len; k++)
    g_free(g_array_index(keys, gkey, k).key);
  g_array_free(keys, TRUE);
  if (st)
    return st;
  exact_columns(c);
  /* row -> groups (as a member or as the total) */
  for (size_t r = 0; r < c->nrows; r++)
    c->cgo[r + 1] += c->cgo[r];
  c->cg = malloc((c->cgo[c->nrows] + 1) * sizeof *c->cg);
  if (!c->cg)
    return ZT_ERR_NOMEM;
  {
    size_t *fill = calloc(c->nrows + 1, sizeof *fill);
    if (!fill)
      return ZT_ERR_NOMEM;
    for (size_t gi = 0; gi < c->ng; gi++) {
      const group *gr = &c->g[gi];
      for (size_t k = 0; k < gr->n; k++) {
        size_t r = c->mem[gr->first + k];
        c->cg[c->cgo[r] + fill[r]++] = gi;
      }
      c->cg[c->cgo[gr->total] + fill[gr->total]++] = gi;
    }
    free(fill);
  }
  return ZT_OK;
}

static const char *more_marker(const sctx *c) {
  return c->mode == ZT_SUPP_CBS ? HIDDEN_CBS_MORE : HIDDEN_SMALL;
}

/* The marker for a row hidden to protect another: a share hides as "."
 * in cbs mode, as its own rule does. */
static const char *marker_for(const sctx *c, size_t r) {
  const zt_ind_value *v = zt_ind_table_at(c->t, r);
  if (c->mode == ZT_SUPP_CBS && v->unit == ZT_UNIT_PERCENT)
    return HIDDEN_CBS;
  return more_marker(c);
}

/* Can the rules hide row r to protect another? A published cell below
 * region level that is not zero (a zero stays visible). */
static bool hideable(const sctx *c, size_t r) {
  const zt_ind_value *v = row(c, r);
  return !v->suppressed && subject(v) && v->num != 0 && !c->stuck[r];
}

static int64_t mag(int64_t x) {
  return x < 0 ? -x : x;
}

/* The better of two candidates to hide: the smaller magnitude, then the
 * lower row (deterministic). */
static bool better(const sctx *c, size_t a, size_t best) {
  int64_t x, y;
  if (best == SIZE_MAX)
    return true;
  x = mag(row(c, a)->num);
  y = mag(row(c, best)->num);
  return x < y || (x == y && a < best);
}

/* Step 2, one round: returns how many rows it hid. */
static size_t complementary(sctx *c) {
  size_t hidden = 0;
  for (size_t gi = 0; gi < c->ng; gi++) {
    const group *gr = &c->g[gi];
    size_t nsup = 0, best = SIZE_MAX;
    const zt_ind_value *tot = row(c, gr->total);
    if (!gr->rule)
      continue;
    for (size_t k = 0; k < gr->n; k++)
      nsup += row(c, c->mem[gr->first + k])->suppressed;
    if (gr->time) {
      /* year = H1 + H2: one hidden of the three -> hide another; when a
       * half is hidden the year goes (the half-years' reports are out
       * already) */
      size_t all = nsup + tot->suppressed;
      if (all != 1 || gr->n != 2)
        continue;
      if (!tot->suppressed && hideable(c, gr->total))
        best = gr->total;
      for (size_t k = 0; k < gr->n && best == SIZE_MAX; k++) {
        size_t r = c->mem[gr->first + k];
        if (hideable(c, r) && better(c, r, best))
          best = r;
      }
    } else if (gr->same) {
      /* two rows with the same value: both hidden or neither (a zero
       * too: the rules may hide one) */
      size_t m = c->mem[gr->first];
      if (nsup + tot->suppressed != 1)
        continue;
      best = nsup ? gr->total : m;
      if (c->stuck[best] || !subject(row(c, best)))
        best = SIZE_MAX;
    } else {
      if (nsup != 1 || tot->suppressed)
        continue;
      for (size_t k = 0; k < gr->n; k++) {
        size_t r = c->mem[gr->first + k];
        if (hideable(c, r) && better(c, r, best))
          best = r;
      }
    }
    if (best != SIZE_MAX) {
      hide(row(c, best), marker_for(c, best));
      hidden++;
    }
  }
  return hidden;
}

static void dependents(sctx *c);

/* ---- the audit ------------------------------------------------------- */

#define INF_HI INT64_MAX
#define INF_LO INT64_MIN

typedef struct range {
  int64_t lo, hi;
} range;

/* What a reader knows of row r from what it shows. */
static range known(const sctx *c, size_t r) {
  const zt_ind_value *v = row(c, r);
  range x = {v->num, v->num};
  bool money = is_money(v);
  int t = c->threshold;
  if (!subject(v))
    return x;
  if (v->unit == ZT_UNIT_PERCENT) {
    /* cbs: the share's part, as far as its rounded counts tell */
    int64_t r5 = round5(v->num);
    x.lo = v->suppressed ? 0 : (r5 - 2 < 0 ? 0 : r5 - 2);
    x.hi = v->suppressed ? INF_HI : r5 + 2;
    return x;
  }
  if (c->mode == ZT_SUPP_CBS) {
    if (money) {
      if (v->suppressed)
        x.lo = INF_LO, x.hi = INF_HI;
      return x;
    }
    if (!v->suppressed && v->num == 0) {
      /* a zero shown as such (the audit's, below): exact */
    } else if (!v->suppressed) {
      int64_t r5 = round5(v->num);
      x.lo = r5 - 2 < 8 ? 8 : r5 - 2;
      x.hi = r5 + 2;
    } else if (strcmp(v->display, HIDDEN_CBS) == 0) {
      x.lo = 0;
      x.hi = 7;
    } else {
      x.lo = 0;        /* "x": any count, a zero too */
      x.hi = INF_HI;
    }
    return x;
  }
  if (!v->suppressed)
    return x;
  if (money) {
    x.lo = INF_LO;
    x.hi = INF_HI;
  } else if (v->display[0] == '<') {
    x.lo = 1;
    x.hi = t - 1;
  } else {
    x.lo = 0;          /* "·": any count; the audit may hide a zero */
    x.hi = INF_HI;
  }
  return x;
}

static int64_t sat_add(int64_t a, int64_t b) {
  if (a == INF_HI || b == INF_HI)
    return (a == INF_LO || b == INF_LO) ? 0 : INF_HI;
  if (a == INF_LO || b == INF_LO)
    return INF_LO;
  if (b > 0 && a > INT64_MAX / 2)
    return INF_HI;
  if (b < 0 && a < INT64_MIN / 2)
    return INF_LO;
  return a + b;
}

static int64_t sat_neg(int64_t a) {
  return a == INF_HI ? INF_LO : a == INF_LO ? INF_HI : -a;
}

/* Narrow x to [lo, hi]; true when it changed. Inputs that contradict
 * the model (an empty range) narrow nothing. */
static bool narrow(range *x, int64_t lo, int64_t hi) {
  bool ch = false;
  if ((lo > x->lo ? lo : x->lo) > (hi < x->hi ? hi : x->hi))
    return false;
  if (lo > x->lo) {
    x->lo = lo;
    ch = true;
  }
  if (hi < x->hi) {
    x->hi = hi;
    ch = true;
  }
  return ch;
}

/* One pass of range narrowing over group gi; true when a range moved. */
/* The sum of the members' lower (upper) bounds without member k: the
 * finite sum and the number of infinite bounds, so that one infinite
 * member does not hide what the others give. */
typedef struct bsum {
  int64_t lo, hi;        /* sums of the finite bounds */
  size_t nlo, nhi;       /* members with an infinite bound */
} bsum;

static int64_t others_lo(const bsum *b, const range *m) {
  size_t inf = b->nlo - (m->lo == INF_LO);
  return inf ? INF_LO : b->lo - (m->lo == INF_LO ? 0 : m->lo);
}

static int64_t others_hi(const bsum *b, const range *m) {
  size_t inf = b->nhi - (m->hi == INF_HI);
  return inf ? INF_HI : b->hi - (m->hi == INF_HI ? 0 : m->hi);
}

/* One pass of range narrowing over group gi; true when a range moved. */
static bool propagate(const sctx *c, size_t gi, range *rg) {
  const group *gr = &c->g[gi];
  bsum b = {0, 0, 0, 0};
  bool ch = false;
  range *T0 = &rg[gr->total], Tv;
  range *T = &Tv;
  if (gr->rel == G_NONE)
    return false;
  /* work on total + adjust, then move the result back */
  Tv.lo = T0->lo == INF_LO ? INF_LO : sat_add(T0->lo, gr->adjust);
  Tv.hi = T0->hi == INF_HI ? INF_HI : sat_add(T0->hi, gr->adjust);
  /* an inequality: first every member <= T (G_LATEST: the 2e
   * halfjaar only) */
  for (size_t k = 0; k < gr->n && gr->rel != G_EQ; k++)
    if (gr->rel == G_COVER || second_half(c, c->mem[gr->first + k]))
      ch |= narrow(&rg[c->mem[gr->first + k]], INF_LO, T->hi);
  for (size_t k = 0; k < gr->n; k++) {
    const range *m = &rg[c->mem[gr->first + k]];
    if (m->lo == INF_LO)
      b.nlo++;
    else
      b.lo = sat_add(b.lo, m->lo);
    if (m->hi == INF_HI)
      b.nhi++;
    else
      b.hi = sat_add(b.hi, m->hi);
  }
  if (gr->rel == G_EQ) {
    ch |= narrow(T, b.nlo ? INF_LO : b.lo, b.nhi ? INF_HI : b.hi);
    for (size_t k = 0; k < gr->n; k++) {
      range *m = &rg[c->mem[gr->first + k]];
      /* m = T - others */
      int64_t olo = others_lo(&b, m), ohi = others_hi(&b, m);
      int64_t lo = T->lo == INF_LO || ohi == INF_HI ? INF_LO
                   : sat_add(T->lo, sat_neg(ohi));
      int64_t hi = T->hi == INF_HI || olo == INF_LO ? INF_HI
                   : sat_add(T->hi, sat_neg(olo));
      ch |= narrow(m, lo, hi);
    }
  } else {
    /* every member <= T <= sum of members (G_LATEST: the 2e halfjaar
     * <= T) */
    int64_t mlo = INF_LO;
    for (size_t k = 0; k < gr->n; k++) {
      const range *m = &rg[c->mem[gr->first + k]];
      if (gr->rel == G_LATEST && !second_half(c, c->mem[gr->first + k]))
        continue;
      if (m->lo > mlo)
        mlo = m->lo;
    }
    ch |= narrow(T, mlo, b.nhi ? INF_HI : b.hi);
    for (size_t k = 0; k < gr->n; k++) {
      range *m = &rg[c->mem[gr->first + k]];
      int64_t ohi = others_hi(&b, m);
      int64_t lo = T->lo == INF_LO || ohi == INF_HI ? INF_LO
                   : sat_add(T->lo, sat_neg(ohi));
      ch |= narrow(m, lo, INF_HI);
    }
  }
  ch |= narrow(T0, Tv.lo == INF_LO ? INF_LO : sat_add(Tv.lo, -gr->adjust),
               Tv.hi == INF_HI ? INF_HI : sat_add(Tv.hi, -gr->adjust));
  return ch;
}

/* Union-find over rows, for the components of the linear system. */
static size_t uf_find(size_t *p, size_t x) {
  while (p[x] != x) {
    p[x] = p[p[x]];
    x = p[x];
  }
  return x;
}

static bool unknown(const range *x) {
  return x->lo != x->hi;
}

/* The exact sums as a linear system over the rows whose value a reader
 * does not know: mark in `det` every row whose value the system fixes.
 * Gaussian elimination per connected component, in doubles: the
 * coefficients are 0 and +-1 and the components small. */
static zt_status solve(const sctx *c, const range *rg, bool *det) {
  size_t *par = malloc((c->nrows + 1) * sizeof *par);
  size_t *col = calloc(c->nrows + 1, sizeof *col);   /* 0: not seen */
  size_t *order = malloc((c->nrows + 1) * sizeof *order);
  zt_status st = ZT_OK;
  if (!par || !col || !order) {
    free(par);
    free(col);
    free(order);
    return ZT_ERR_NOMEM;
  }
  for (size_t r = 0; r < c->nrows; r++)
    par[r] = r;
  for (size_t gi = 0; gi < c->ng; gi++) {
    const group *gr = &c->g[gi];
    size_t a = unknown(&rg[gr->total]) ? gr->total : SIZE_MAX;
    if (gr->rel != G_EQ)
      continue;
    for (size_t k = 0; k < gr->n; k++) {
      size_t r = c->mem[gr->first + k];
      if (!unknown(&rg[r]))
        continue;
      if (a == SIZE_MAX)
        a = r;
      else
        par[uf_find(par, r)] = uf_find(par, a);
    }
  }
  /* the groups of each component, by the root of their first unknown */
  {
    GHashTable *comp = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (size_t gi = 0; gi < c->ng; gi++) {
      const group *gr = &c->g[gi];
      size_t a = unknown(&rg[gr->total]) ? gr->total : SIZE_MAX;
      GArray *list;
      for (size_t k = 0; k < gr->n && a == SIZE_MAX; k++)
        if (unknown(&rg[c->mem[gr->first + k]]))
          a = c->mem[gr->first + k];
      if (gr->rel != G_EQ || a == SIZE_MAX)
        continue;
      a = uf_find(par, a);
      list = g_hash_table_lookup(comp, GSIZE_TO_POINTER(a + 1));
      if (!list) {
        list = g_array_new(FALSE, FALSE, sizeof(size_t));
        g_hash_table_insert(comp, GSIZE_TO_POINTER(a + 1), list);
      }
      g_array_append_val(list, gi);
    }
    {
      GHashTableIter it;
      gpointer key, val;
      g_hash_table_iter_init(&it, comp);
      while (g_hash_table_iter_next(&it, &key, &val)) {
        GArray *list = val;
        size_t nu = 0, ne = list->len;
        double *m;
        /* number the unknowns of this component */
        for (guint q = 0; q < list->len; q++) {
          const group *gr = &c->g[g_array_index(list, size_t, q)];
          for (size_t k = 0; k <= gr->n; k++) {
            size_t r = k < gr->n ? c->mem[gr->first + k] : gr->total;
            if (unknown(&rg[r]) && col[r] != (size_t)-2) {
              col[r] = (size_t)-2;   /* seen */
              order[nu++] = r;
            }
          }
        }
        for (size_t u = 0; u < nu; u++)
          col[order[u]] = u;
        m = calloc(ne * nu + 1, sizeof *m);
        if (!m) {
          st = ZT_ERR_NOMEM;
        } else {
          size_t prow = 0;
          for (size_t q = 0; q < ne; q++) {
            const group *gr = &c->g[g_array_index(list, size_t, q)];
            for (size_t k = 0; k < gr->n; k++) {
              size_t r = c->mem[gr->first + k];
              if (unknown(&rg[r]))
                m[q * nu + col[r]] += 1.0;
            }
            if (unknown(&rg[gr->total]))
              m[q * nu + col[gr->total]] -= 1.0;
          }
          /* reduced row echelon form */
          for (size_t cc = 0; cc < nu && prow < ne; cc++) {
            size_t piv = SIZE_MAX;
            double best = 1e-9;
            for (size_t q = prow; q < ne; q++)
              if (fabs(m[q * nu + cc]) > best) {
                best = fabs(m[q * nu + cc]);
                piv = q;
              }
            if (piv == SIZE_MAX)
              continue;
            if (piv != prow)
              for (size_t k = 0; k < nu; k++) {
                double tmp = m[piv * nu + k];
                m[piv * nu + k] = m[prow * nu + k];
                m[prow * nu + k] = tmp;
              }
            {
              double p = m[prow * nu + cc];
              for (size_t k = 0; k < nu; k++)
                m[prow * nu + k] /= p;
            }
            for (size_t q = 0; q < ne; q++) {
              double f;
              if (q == prow || m[q * nu + cc] == 0.0)
                continue;
              f = m[q * nu + cc];
              for (size_t k = 0; k < nu; k++)
                m[q * nu + k] -= f * m[prow * nu + k];
            }
            prow++;
          }
          /* a row of the form e_i fixes unknown i */
          for (size_t q = 0; q < prow; q++) {
            size_t nz = 0, at = 0;
            for (size_t k = 0; k < nu; k++)
              if (fabs(m[q * nu + k]) > 1e-9) {
                nz++;
                at = k;
              }
            if (nz == 1)
              det[order[at]] = true;
          }
          free(m);
        }
        for (size_t u = 0; u < nu; u++)
          col[order[u]] = 0;
        g_array_free(list, TRUE);
      }
    }
    g_hash_table_destroy(comp);
  }
  free(par);
  free(col);
  free(order);
  return st;
}

/* Does hidden row v show a marker that bounds its value ("< 5" is 1-4,
 * cbs "." is 0-7), which "·" or "x" (any count) would not? */
static bool bounded_marker(const sctx *c, const zt_ind_value *v) {
  return v->display[0] == '<' ||
         (c->mode == ZT_SUPP_CBS && strcmp(v->display, HIDDEN_CBS) == 0);
}

/* Is zero row x given away by a total that stays shown: a part of an
 * exact sum or an inequality whose shown total is 0? */
static bool zero_shown_by(const sctx *c, size_t x) {
  for (size_t k = c->cgo[x]; k < c->cgo[x + 1]; k++) {
    const group *gr = &c->g[c->cg[k]];
    const zt_ind_value *t = row(c, gr->total);
    if (gr->rel == G_NONE || gr->same || gr->total == x)
      continue;
    /* a year of 0 gives a 1e halfjaar by the latest day's kind nothing
     * away (its clients may have another kind by the year's end) */
    if (gr->rel == G_LATEST && !second_half(c, x))
      continue;
    if (!t->suppressed && t->num == 0 && gr->adjust == 0)
      return true;
  }
  return false;
}

/* Would hiding the zero in row x be in vain: is it, or a row with the
 * same value (hidden with it), given away by a total that stays shown,
 * or does that row have to stay shown? */
static bool under_zero(const sctx *c, size_t x) {
  if (zero_shown_by(c, x))
    return true;
  for (size_t k = c->cgo[x]; k < c->cgo[x + 1]; k++) {
    const group *gr = &c->g[c->cg[k]];
    size_t y;
    const zt_ind_value *w;
    if (!gr->same)
      continue;
    y = gr->total == x ? c->mem[gr->first] : gr->total;
    w = row(c, y);
    if (!w->suppressed && (c->stuck[y] || !subject(w) ||
                           zero_shown_by(c, y)))
      return true;
  }
  return false;
}

/* Hide zero row x and what would give it away below it: the parts of an
 * exact sum it is the total of, when they are all shown zeros, and rows
 * with the same value; each of those in the same way. */
static void hide_zero(sctx *c, size_t x, int depth) {
  zt_ind_value *v = row(c, x);
  if (v->suppressed || !subject(v) || c->stuck[x] || depth > 8 ||
      (depth > 0 && under_zero(c, x)))
    return;
  hide(v, marker_for(c, x));
  for (size_t k = c->cgo[x]; k < c->cgo[x + 1]; k++) {
    const group *gr = &c->g[c->cg[k]];
    bool all_zero = gr->rel == G_EQ && gr->adjust == 0 && !gr->time;
    if (gr->same) {
      hide_zero(c, gr->total == x ? c->mem[gr->first] : gr->total,
                depth + 1);
      continue;
    }
    if (gr->total != x || gr->rel == G_NONE)
      continue;
    for (size_t j = 0; j < gr->n && all_zero; j++) {
      const zt_ind_value *m = row(c, c->mem[gr->first + j]);
      all_zero = !m->suppressed && m->num == 0;
    }
    for (size_t j = 0; j < gr->n && all_zero; j++)
      hide_zero(c, c->mem[gr->first + j], depth + 1);
  }
}

/* Hide row x to protect another: a zero with what would give it away. */
static void hide_cell(sctx *c, size_t x) {
  if (row(c, x)->num == 0 && !is_money(row(c, x)))
    hide_zero(c, x, 0);
  else
    hide(row(c, x), marker_for(c, x));
}

/* The best cell of group gi to hide for row r: a shown non-zero cell
 * (the smallest), else a zero that no shown total of 0 gives away;
 * SIZE_MAX when none. */
static size_t candidate(const sctx *c, size_t gi, size_t r) {
  const group *gr = &c->g[gi];
  size_t best = SIZE_MAX;
  for (size_t j = 0; j <= gr->n; j++) {
    size_t x = j < gr->n ? c->mem[gr->first + j] : gr->total;
    if (x != r && hideable(c, x) && better(c, x, best))
      best = x;
  }
  for (size_t j = 0; j < gr->n && best == SIZE_MAX; j++) {
    size_t x = c->mem[gr->first + j];
    const zt_ind_value *w = row(c, x);
    if (x != r && !w->suppressed && subject(w) && w->num == 0 &&
        !c->stuck[x] && !under_zero(c, x))
      best = x;
  }
  return best;
}

/* A row pinned by its ranges: which relation pins it? For each side
 * (its lowest and its highest possible value) the groups that alone give
 * that bound, and whether its own marker does. A side given by one
 * group only is loosened by hiding a cell of that group; a side given
 * by the marker only ("< 5" says at most 4) by saying less about the
 * row. Returns true when it did one of these. */
static bool loosen(sctx *c, range *rg, size_t r) {
  range keep = rg[r], mark = known(c, r);
  zt_ind_value *v = row(c, r);
  /* a cell of the one group first, the marker after */
  for (int side = 0; side < 4; side++) {
    size_t only = SIZE_MAX, nprov = 0;
    bool lo = side % 2 == 0;
    bool by_mark = lo ? mark.lo == keep.lo : mark.hi == keep.hi;
    for (size_t k = c->cgo[r]; k < c->cgo[r + 1]; k++) {
      size_t gi = c->cg[k];
      bool tight;
      rg[r].lo = INF_LO;
      rg[r].hi = INF_HI;
      propagate(c, gi, rg);
      tight = lo ? rg[r].lo == keep.lo : rg[r].hi == keep.hi;
      rg[r] = keep;
      if (tight) {
        nprov++;
        only = gi;
      }
    }
    if (side < 2 && nprov == 1 && !by_mark) {
      size_t x = candidate(c, only, r);
      if (x != SIZE_MAX) {
        hide_cell(c, x);
        return true;
      }
    }
    if (side >= 2 && nprov == 0 && by_mark && !is_money(v) &&
        bounded_marker(c, v)) {
      hide(v, more_marker(c));
      return true;
    }
  }
  return false;
}

/* Does group gi alone give row r, pinned by its ranges, one of its
 * bounds? */
static bool pins(const sctx *c, range *rg, size_t r, size_t gi) {
  range keep = rg[r];
  bool tight;
  rg[r].lo = INF_LO;
  rg[r].hi = INF_HI;
  propagate(c, gi, rg);
  tight = rg[r].lo == keep.lo || rg[r].hi == keep.hi;
  rg[r] = keep;
  return tight;
}

/* Hide a cell to protect row r: of the groups that pin it, when some
 * group alone does (a cell of another would not help: a kind of the
 * same client row when a column pins it), else of all its groups. */
static bool protect(sctx *c, range *rg, size_t r) {
  size_t best = SIZE_MAX;
  zt_ind_value *v = row(c, r);
  size_t ng = c->cgo[r + 1] - c->cgo[r];
  bool *tight = calloc(ng + 1, sizeof *tight);
  bool any = false;
  if (tight && rg[r].lo == rg[r].hi)
    for (size_t k = c->cgo[r]; k < c->cgo[r + 1]; k++)
      any |= tight[k - c->cgo[r]] = pins(c, rg, r, c->cg[k]);
  for (int pass = 0; pass < 4 && best == SIZE_MAX; pass++)
    for (size_t k = c->cgo[r]; k < c->cgo[r + 1]; k++) {
      const group *gr = &c->g[c->cg[k]];
      if ((gr->rel == G_EQ) != (pass < 2) ||
          (any && !tight[k - c->cgo[r]]))
        continue;
      for (size_t j = 0; j <= gr->n; j++) {
        size_t x = j < gr->n ? c->mem[gr->first + j] : gr->total;
        bool total = j == gr->n && !gr->time;
        if (total != (pass % 2 == 1))
          continue;
        if (x != r && hideable(c, x) && better(c, x, best))
          best = x;
      }
    }
  if (best == SIZE_MAX && !is_money(v) && bounded_marker(c, v)) {
    free(tight);
    hide(v, more_marker(c));
    return true;
  }
  /* a zero: first of a group under the region (where a small region
   * count places its children), then of the others; never one that a
   * shown total of 0 gives away anyway */
  for (int pass = 0; pass < 2 && best == SIZE_MAX; pass++)
    for (size_t k = c->cgo[r]; k < c->cgo[r + 1] && best == SIZE_MAX;
         k++) {
      const group *gr = &c->g[c->cg[k]];
      if (gr->rel == G_NONE || subject(row(c, gr->total)) != (pass == 1) ||
          (any && !tight[k - c->cgo[r]]))
        continue;
      for (size_t j = 0; j < gr->n && best == SIZE_MAX; j++) {
        size_t x = c->mem[gr->first + j];
        const zt_ind_value *w = row(c, x);
        if (x != r && !w->suppressed && subject(w) && w->num == 0 &&
            !c->stuck[x] && !under_zero(c, x))
          best = x;
      }
    }
  free(tight);
  if (best == SIZE_MAX)
    return false;
  hide_cell(c, best);
  return true;
}

/* The last resort for a row that neither loosen() nor protect() could
 * shield (a region of two municipalities, where each is the region
 * minus the other): hide every shown cell below region level of every
 * relation it is in, zeros too. True when that hid something. */
static bool escalate(sctx *c, size_t r) {
  bool any = false;
  for (size_t k = c->cgo[r]; k < c->cgo[r + 1]; k++) {
    const group *gr = &c->g[c->cg[k]];
    if (gr->rel == G_NONE)
      continue;
    for (size_t j = 0; j <= gr->n; j++) {
      size_t x = j < gr->n ? c->mem[gr->first + j] : gr->total;
      const zt_ind_value *w = row(c, x);
      if (x == r || w->suppressed || !subject(w) || c->stuck[x] ||
          (w->num == 0 && under_zero(c, x)))
        continue;
      hide_cell(c, x);
      any = true;
    }
  }
  return any;
}

/* Step 3, one round: hide a cell for every hidden row a reader can work
 * out; returns how many it hid. */
static zt_status audit(sctx *c, size_t *nhid) {
  range *rg = malloc((c->nrows + 1) * sizeof *rg);
  bool *det = calloc(c->nrows + 1, sizeof *det);
  zt_status st = ZT_OK;
  *nhid = 0;
  if (!rg || !det) {
    free(rg);
    free(det);
    return ZT_ERR_NOMEM;
  }
  for (size_t r = 0; r < c->nrows; r++)
    rg[r] = known(c, r);
  /* ranges, until they stop moving: a work list of groups, a group
   * that narrowed a range puts the groups of its cells back on it (the
   * ranges are of integers and only narrow; the bound on the work keeps
   * odd cases short) */
  {
    size_t *q = malloc((c->ng + 1) * sizeof *q), head = 0, len = c->ng;
    bool *inq = calloc(c->ng + 1, sizeof *inq);
    size_t budget = 64 * (c->ng + 1);
    if (!q || !inq) {
      free(q);
      free(inq);
      free(rg);
      free(det);
      return ZT_ERR_NOMEM;
    }
    for (size_t gi = 0; gi < c->ng; gi++) {
      q[gi] = gi;
      inq[gi] = true;
    }
    while (len && budget--) {
      size_t gi = q[head];
      const group *gr = &c->g[gi];
      head = (head + 1) % (c->ng + 1);
      len--;
      inq[gi] = false;
      if (!propagate(c, gi, rg))
        continue;
      for (size_t j = 0; j <= gr->n; j++) {
        size_t x = j < gr->n ? c->mem[gr->first + j] : gr->total;
        for (size_t k = c->cgo[x]; k < c->cgo[x + 1]; k++) {
          size_t h = c->cg[k];
          if (inq[h])
            continue;
          inq[h] = true;
          q[(head + len) % (c->ng + 1)] = h;
          len++;
        }
      }
    }
    free(q);
    free(inq);
  }
  /* the linear system only when the ranges fix nothing: a round
   * protects one cell anyway, and solving is the dearer step */
  {
    bool pinned = false;
    for (size_t r = 0; r < c->nrows && !pinned; r++)
      pinned = row(c, r)->suppressed && !c->stuck[r] &&
               c->cgo[r] != c->cgo[r + 1] && rg[r].lo == rg[r].hi;
    if (!pinned)
      st = solve(c, rg, det);
  }
  /* one cell per round: the others a reader can work out often follow
   * from that one (a small count fixes its neighbours), and protecting
   * each of them would hide far more than needed. A "< 5" first: the
   * cells hidden to protect it come after it. */
  {
    size_t pick = SIZE_MAX;
    for (size_t r = 0; r < c->nrows && !st; r++) {
      const zt_ind_value *v = row(c, r);
      if (!v->suppressed || c->stuck[r] || c->cgo[r] == c->cgo[r + 1] ||
          !(rg[r].lo == rg[r].hi || det[r]))
        continue;
      if (pick == SIZE_MAX || (v->display[0] == '<' &&
                               row(c, pick)->display[0] != '<'))
        pick = r;
    }
    if (pick != SIZE_MAX) {
      zt_ind_value *v = row(c, pick);
      if (rg[pick].lo == 0 && rg[pick].hi == 0 && !is_money(v) &&
          v->num == 0 &&
          c->mode == ZT_SUPP_CBS && strcmp(v->display, HIDDEN_CBS) == 0) {
        /* a zero that cbs hides as 0-7 and the figures around it give
         * away (a total of 0): it identifies no one, so it is shown */
        v->suppressed = false;
        zt_strlcpy(v->display, "0", sizeof v->display);
        c->stuck[pick] = true;
        (*nhid)++;
      } else if ((rg[pick].lo == rg[pick].hi && loosen(c, rg, pick)) ||
                 protect(c, rg, pick) || escalate(c, pick)) {
        (*nhid)++;
      } else {
        c->stuck[pick] = true;
        c->stuck_n++;
        (*nhid)++;     /* look again: others may still be protected */
      }
    }
  }
  free(rg);
  free(det);
  return st;
}

/* ---- step 4 ------------------------------------------------------------ */

/* cbs: a rate's numerator from its counts rounded to 5 (x 1000). */
static int64_t rate_rounded_num(const zt_ind_table *t, const zt_ind_def *d,
                                const zt_ind_value *v) {
  int64_t sum = 0;
  for (int k = 0; k < 4 && d->deps[k]; k++) {
    const zt_ind_value *dep = named_row(t, d->deps[k], v);
    if (dep)
      sum += round5(dep->num);
  }
  return sum * 1000;
}

/* Row i's dependencies (see sctx.dep), looked up on first use. */
static const zt_ind_value **deps_of(sctx *c, size_t i) {
  const zt_ind_value **dep = &c->dep[i * 5];
  if (!c->dep_done[i]) {
    const zt_ind_def *d = c->defs[i];
    const zt_ind_value *v = row(c, i);
    for (int k = 0; k < 4; k++)
      dep[k] = d->deps[k] ? named_row(c->t, d->deps[k], v) : NULL;
    dep[4] = d->within ? named_row(c->t, d->within + (d->within[0] == '~'),
                                   v)
                       : NULL;
    c->dep_done[i] = true;
  }
  return dep;
}

/* A share of several kinds (small mode) is judged on the sum of its
 * kinds, its part, not on each kind, when the row of the whole tells that
 * sum anyway: every other kind of the row is shown (Hilversum: 134 in
 * verblijf, 74 + 26 + 5 + 0 outside residentieel, so its three kinds are
 * 29 together, "< 5" or not). Then a hidden kind does not hide it; the
 * part and the rest must still be publishable and the whole shown. It
 * tells the audit nothing the row does not. */
static bool part_share(sctx *c, const zt_ind_def *d, size_t i) {
  const zt_ind_value **dep;
  size_t w;
  char id[64];
  const char *bar;
  bool found = false;
  if (c->mode != ZT_SUPP_SMALL || d->supp != ZT_SC_SHARE ||
      !dep_part(d->deps[1]))
    return false;
  dep = deps_of(c, i);
  bar = strchr(d->deps[1], '|');
  if (!dep[0] || dep[0]->suppressed || !bar)
    return false;
  zt_slice_copy(id, sizeof id, d->deps[1], (size_t)(bar - d->deps[1]));
  w = row_index(c->t, dep[0]);
  for (size_t k = c->cgo[w]; k < c->cgo[w + 1]; k++) {
    const group *gr = &c->g[c->cg[k]];
    if (gr->total != w || gr->rel != G_EQ || gr->time || gr->same ||
        gr->n == 0 || strcmp(row(c, c->mem[gr->first])->indicator, id) != 0)
      continue;
    found = true;
    for (size_t j = 0; j < gr->n; j++) {
      size_t m = c->mem[gr->first + j];
      bool part = false;
      for (int q = 1; q < 4 && d->deps[q]; q++)
        part |= dep_part(d->deps[q]) && dep[q] == row(c, m);
      if (!part && row(c, m)->suppressed)
        return false;
    }
  }
  return found;
}

static void dependents(sctx *c) {
  for (size_t i = 0; i < c->nrows; i++) {
    zt_ind_value *v = row(c, i);
    const zt_ind_def *d = c->defs[i];
    const zt_ind_value **dep;
    bool any = false;
    if (!d || v->suppressed)
      continue;
    if (!subject(v)) {
      /* the region: a mean over part of a total whose rest is few would
       * give the rest's mean away (the counts are shown); not when the
       * rest has no value to give away ("~": unknown ages) */
      const zt_ind_value *w;
      if (d->supp != ZT_SC_DERIVED || d->additive || !d->within ||
          d->within[0] == '~' || v->n <= 0)
        continue;
      w = deps_of(c, i)[4];
      if (w && small_count(w->n - v->n, c->mode, c->threshold))
        hide(v, c->mode == ZT_SUPP_CBS ? HIDDEN_CBS : HIDDEN_SMALL);
      continue;
    }
    dep = deps_of(c, i);
    for (int k = 0; k < 4 && d->deps[k]; k++)
      any = any || (dep[k] && dep[k]->suppressed &&
                    !(k > 0 && dep_part(d->deps[k]) &&
                      part_share(c, d, i)));
    /* a share: its part and the rest of the whole are counts too */
    if (d->supp == ZT_SC_SHARE && v->den > 0 &&
        (small_count(v->num, c->mode, c->threshold) ||
         small_count(v->den - v->num, c->mode, c->threshold)))
      any = true;
    /* a mean over part of a total: the part and the rest */
    if (d->within && v->n > 0) {
      const zt_ind_value *w = dep[4];
      if (small_count(v->n, c->mode, c->threshold) ||
          (w && small_count(w->n - v->n, c->mode, c->threshold)))
        any = true;
    }
    if (any) {
      hide(v, c->mode == ZT_SUPP_CBS ? HIDDEN_CBS : HIDDEN_SMALL);
    } else if (c->mode == ZT_SUPP_CBS && d->family == ZT_FAM_RATE &&
               d->unit == ZT_UNIT_COUNT) {
      /* a rate from the rounded counts: the exact one would give the
       * count away (the population is public) */
      zt_ind_value r = *v;
      r.num = rate_rounded_num(c->t, d, v);
      zt_ind_display(&r, v->display);
    } else if (c->mode == ZT_SUPP_CBS && d->supp == ZT_SC_DEPENDS &&
               d->unit == ZT_UNIT_COUNT && dep[0] && dep[1]) {
      /* a difference of counts, from the rounded counts */
      char buf[ZT_FMT_MAX];
      zt_fmt_int_signed(round5(dep[0]->num) - round5(dep[1]->num), buf);
      zt_strlcpy(v->display, buf, sizeof v->display);
    }
  }
}

static void sctx_free(sctx *c) {
  free(c->g);
  free(c->mem);
  free(c->cg);
  free(c->cgo);
  free(c->stuck);
  free(c->defs);
  free(c->dep);
  free(c->dep_done);
}

zt_status zt_suppress_apply(zt_ind_table *t, zt_supp_mode mode,
                            int threshold, zt_err *err) {
  sctx c;
  zt_status st = ZT_OK;
  memset(&c, 0, sizeof c);
  if (mode == ZT_SUPP_SMALL && threshold < 1)
    return zt_fail(err, ZT_ERR_USAGE, "suppression threshold must be >= 1");
  c.t = t;
  c.mode = mode;
  c.threshold = threshold;
  zt_ind_table_set_supp(t, (int)mode, threshold);
  c.nrows = zt_ind_table_count(t);
  c.defs = malloc((c.nrows + 1) * sizeof *c.defs);
  c.stuck = calloc(c.nrows + 1, sizeof *c.stuck);
  c.dep = calloc(5 * (c.nrows + 1), sizeof *c.dep);
  c.dep_done = calloc(c.nrows + 1, sizeof *c.dep_done);
  if (!c.defs || !c.stuck || !c.dep || !c.dep_done) {
    sctx_free(&c);
    return zt_fail(err, ZT_ERR_NOMEM, "suppression: out of memory");
  }
  for (size_t i = 0; i < c.nrows; i++) {
    zt_ind_value *v = zt_ind_table_at(t, i);
    c.defs[i] = zt_ind_lookup(v->indicator);
    v->suppressed = false;
    zt_ind_display(v, v->display);
    if (mode != ZT_SUPP_NONE && c.defs[i] && subject(v))
      primary(v, c.defs[i], mode, threshold);
    else if (mode != ZT_SUPP_NONE && c.defs[i])
      region_mean(v, c.defs[i], mode, threshold);
  }
  if (mode == ZT_SUPP_NONE) {
    sctx_free(&c);
    return ZT_OK;
  }
  st = build_groups(&c);
  /* steps 2 and 3 until nothing changes; each round hides at least one
   * more row, so this ends */
  while (!st) {
    size_t more = 0;
    while (complementary(&c))
      ;
    /* shares and means hidden by now show the audit nothing */
    dependents(&c);
    st = audit(&c, &more);
    if (!more)
      break;
  }
  if (!st)
    dependents(&c);
  sctx_free(&c);
  if (st)
    return zt_fail(err, st, "suppression: out of memory");
  return ZT_OK;
}

bool zt_supp_public(const zt_ind_table *t, const zt_ind_value *v,
                    zt_supp_mode mode, zt_ind_value *out) {
  const zt_ind_def *d = zt_ind_lookup(v->indicator);
  *out = *v;
  if (v->suppressed)
    return false;
  if (mode != ZT_SUPP_CBS || !subject(v) || !d)
    return true;
  /* cbs below region level: what the report shows, not the raw value */
  if (d->family == ZT_FAM_RATE && d->unit == ZT_UNIT_COUNT) {
    out->num = rate_rounded_num(t, d, v);
    return true;
  }
  switch (d->supp) {
  case ZT_SC_COUNT:
    if (v->den == 1)
      out->num = round5(v->num);
    out->n = round5(v->n);
    break;
  case ZT_SC_SHARE:
    out->num = round5(v->num);
    out->den = round5(v->den);
    out->n = out->den;
    break;
  case ZT_SC_DEPENDS:
    if (v->unit == ZT_UNIT_COUNT && d->deps[0] && d->deps[1]) {
      const zt_ind_value *a = named_row(t, d->deps[0], v);
      const zt_ind_value *b = named_row(t, d->deps[1], v);
      if (a && b)
        out->num = round5(a->num) - round5(b->num);
      out->n = round5(v->n);
      break;
    }
    /* a difference of amounts */
    __attribute__((fallthrough));
  case ZT_SC_DERIVED: {
    /* rounded to the shown precision, so that a mean does not give away
     * the exact number it is over */
    int64_t scale = d->decimals == 1 ? 10 : d->decimals >= 2 ? 100 : 1;
    if (v->unit == ZT_UNIT_EUR) {
      out->num = zt_round_div(v->num, v->den * 100) * 100;
      out->den = 1;
    } else if (v->unit != ZT_UNIT_PERCENT) {
      out->num = zt_round_div(v->num * scale, v->den);
      out->den = scale;
    }
    out->n = round5(v->n);
    break;
  }
  default:
    break;
  }
  return true;
}

bool zt_supp_share_bounds(const zt_ind_table *t, const zt_ind_value *v,
                          int64_t *lo, int64_t *hi, int64_t *den) {
  const zt_ind_def *d = zt_ind_lookup(v->indicator);
  const zt_ind_value *dv;
  int threshold = 0;
  if (!d || d->supp != ZT_SC_SHARE || !d->deps[0] || !d->deps[1] ||
      zt_ind_table_supp(t, &threshold) != ZT_SUPP_SMALL || threshold < 2)
    return false;
  dv = named_row(t, d->deps[0], v);
  if (!dv || dv->suppressed || dv->unit != ZT_UNIT_COUNT || dv->num <= 0 ||
      dv->den != 1)
    return false;
  *den = dv->num;
  *lo = 0;
  *hi = 0;
  for (int k = 1; k < 4 && d->deps[k]; k++) {
    const zt_ind_value *p = named_row(t, d->deps[k], v);
    int64_t plo, phi;
    if (!p || p->unit != ZT_UNIT_COUNT || p->den != 1)
      return false;
    if (!p->suppressed)
      plo = phi = p->num;
    else if (p->display[0] == '<')
      plo = 1, phi = threshold - 1;        /* "< 5": 1 to 4 */
    else
      plo = 0, phi = INF_HI;               /* "·": any count */
    /* the parts split the numerator (deps[1..3] of a share: each
     * client in one part) */
    *lo += plo;
    *hi = sat_add(*hi, phi);
  }
  if (*hi > *den)
    *hi = *den;
  return true;
}


/*
 * metrics/suppress.c -- small-number suppression (see suppress.h and
 * docs/indicators.md "Suppression").
 *
 * Three steps on the sorted table:
 *  1. the primary rule per row, by the row's class (indicator.h):
 *     counts, shares of counts, derived values (means, money);
 *  2. complementary suppression (mode small): in every group of cells
 *     that add up to a published total -- the breakdown rows of one
 *     municipality (spend.by_kind under spend.total, ...) and the
 *     municipality rows of one additive indicator under the region row --
 *     when exactly one cell is hidden, hide the smallest other non-zero
 *     cell too; repeated until nothing changes;
 *  3. rows computed from hidden rows (shifts, spend per client) hide.
 */
#include "metrics/suppress.h"
#include "core/sort.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "metrics/indicator.h"
#include "render/format_nl.h"

#define HIDDEN_SMALL "\xc2\xb7"   /* "·" (U+00B7), with a footnote */
#define HIDDEN_CBS "."

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

typedef struct member {
  char *key;
  size_t row;
} member;

static int cmp_member(const void *pa, const void *pb) {
  const member *a = pa, *b = pb;
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

/* Groups for complementary suppression. A row group key names the
 * total's id and the municipality; a column group key the indicator and
 * breakdown. The total row itself is never a member. Keys end with the
 * total's (indicator, gemeente, breakdown) after a '\x1f' so that the
 * total can be found again. */
static zt_status build_groups(zt_ind_table *t, const zt_ind_def **defs,
                              member **out, size_t *nout) {
  size_t n = zt_ind_table_count(t), m = 0;
  member *g = malloc((2 * n + 1) * sizeof *g);
  if (!g)
    return ZT_ERR_NOMEM;
  for (size_t i = 0; i < n; i++) {
    const zt_ind_value *v = zt_ind_table_at(t, i);
    const zt_ind_def *d = defs[i];
    char bk[64];
    if (!d || d->supp == ZT_SC_NONE || d->supp == ZT_SC_DEPENDS)
      continue;
    breakdown_key(v->breakdown, bk);
    if (v->breakdown[0] || d->total) {
      const char *total = d->total ? d->total : d->id;
      g[m].key = g_strdup_printf("r|%s|%s|%lld|%u|%s\x1f%s", total, v->period,
                                 (long long)v->peildatum, v->gemeente, bk,
                                 total);
      g[m++].row = i;
    }
    if (d->additive && v->gemeente != ZT_GEMEENTE_REGIO) {
      g[m].key = g_strdup_printf("c|%s|%s|%lld|%s\x1f%s", d->id, v->period,
                                 (long long)v->peildatum, v->breakdown,
                                 d->id);
      g[m++].row = i;
    }
  }
  zt_qsort(g, m, sizeof *g, cmp_member);
  *out = g;
  *nout = m;
  return ZT_OK;
}

/* Is the total of the group whose first member is `first` published? */
static bool total_published(zt_ind_table *t, const member *first) {
  const zt_ind_value *v = zt_ind_table_at(t, first->row);
  const char *id = strchr(first->key, '\x1f') + 1;
  const zt_ind_value *tot;
  bool row_group = first->key[0] == 'r';
  tot = zt_ind_table_find(t, id, v->period,
                          row_group ? v->gemeente : ZT_GEMEENTE_REGIO,
                          row_group ? "" : v->breakdown);
  return tot && !tot->suppressed;
}

/* One round of step 2; returns how many rows it hid. */
static size_t complementary(zt_ind_table *t, const member *g, size_t m) {
  size_t hidden = 0;
  for (size_t i = 0; i < m;) {
    size_t j = i, nsup = 0, best = SIZE_MAX;
    while (j < m && strcmp(g[j].key, g[i].key) == 0)
      j++;
    for (size_t k = i; k < j; k++)
      nsup += zt_ind_table_at(t, g[k].row)->suppressed;
    if (nsup == 1 && j - i > 1 && total_published(t, &g[i])) {
      for (size_t k = i; k < j; k++) {
        const zt_ind_value *v = zt_ind_table_at(t, g[k].row);
        if (v->suppressed || v->num == 0 || !subject(v))
          continue;
        if (best == SIZE_MAX ||
            v->num < zt_ind_table_at(t, g[best].row)->num)
          best = k;
      }
      if (best != SIZE_MAX) {
        hide(zt_ind_table_at(t, g[best].row), HIDDEN_SMALL);
        hidden++;
      }
    }
    i = j;
  }
  return hidden;
}

/* Step 3: rows derived from hidden rows. */
static void dependents(zt_ind_table *t, const zt_ind_def **defs,
                       zt_supp_mode mode) {
  size_t n = zt_ind_table_count(t);
  for (size_t i = 0; i < n; i++) {
    zt_ind_value *v = zt_ind_table_at(t, i);
    const zt_ind_def *d = defs[i];
    const zt_ind_value *dep[2] = {NULL, NULL};
    bool any = false;
    if (!d || !subject(v) || v->suppressed)
      continue;
    for (int k = 0; k < 2 && d->deps[k]; k++) {
      dep[k] = zt_ind_table_find(t, d->deps[k], v->period, v->gemeente, "");
      any = any || (dep[k] && dep[k]->suppressed);
    }
    if (any) {
      hide(v, mode == ZT_SUPP_CBS ? HIDDEN_CBS : HIDDEN_SMALL);
    } else if (mode == ZT_SUPP_CBS && d->supp == ZT_SC_DEPENDS &&
               d->unit == ZT_UNIT_COUNT && dep[0] && dep[1]) {
      /* a difference of counts, from the rounded counts */
      char buf[ZT_FMT_MAX];
      zt_fmt_int(round5(dep[0]->num) - round5(dep[1]->num), buf);
      zt_strlcpy(v->display, buf, sizeof v->display);
    }
  }
}

zt_status zt_suppress_apply(zt_ind_table *t, zt_supp_mode mode,
                            int threshold, zt_err *err) {
  size_t n = zt_ind_table_count(t), m = 0;
  const zt_ind_def **defs;
  member *groups = NULL;
  if (mode == ZT_SUPP_SMALL && threshold < 1)
    return zt_fail(err, ZT_ERR_USAGE, "suppression threshold must be >= 1");
  defs = malloc((n + 1) * sizeof *defs);
  if (!defs)
    return zt_fail(err, ZT_ERR_NOMEM, "suppression: out of memory");
  for (size_t i = 0; i < n; i++) {
    zt_ind_value *v = zt_ind_table_at(t, i);
    defs[i] = zt_ind_lookup(v->indicator);
    v->suppressed = false;
    zt_ind_display(v, v->display);
    if (mode != ZT_SUPP_NONE && defs[i] && subject(v))
      primary(v, defs[i], mode, threshold);
  }
  if (mode == ZT_SUPP_SMALL) {
    if (build_groups(t, defs, &groups, &m)) {
      free(defs);
      return zt_fail(err, ZT_ERR_NOMEM, "suppression: out of memory");
    }
    /* Each round hides at least one more row, so this ends. */
    while (complementary(t, groups, m))
      ;
    for (size_t i = 0; i < m; i++)
      g_free(groups[i].key);
    free(groups);
  }
  if (mode != ZT_SUPP_NONE)
    dependents(t, defs, mode);
  free(defs);
  return ZT_OK;
}

/*
 * render/docbuild_bench.c -- the report beside figures published
 * elsewhere (ingest kind `benchmark`, docs/inputs.md): a benchmark value
 * as a cell or chart category (`benchmark="NL"` on a <cat> or <col>),
 * and <benchmark-table>, the table "Regio en Nederland" that sets the
 * region's own rates beside each benchmark figure with its period,
 * status and source; without benchmark input it prints nothing, and a
 * <section requires="benchmark"> around it is left out (docbuild.c).
 */
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "metrics/indicator.h"
#include "render/docbuild_int.h"
#include "render/ind_ids.h"
#include "render/labels_nl.h"

/* Periods a benchmark row of the table may have: at most this many of
 * the latest per indicator and area, so that a long series of national
 * figures does not push the region's own out of view. */
#define BENCH_PERIODS 3

/* The benchmark row for (ind, period, area), or NULL. */
static const zt_benchmark *find(bctx *b, const char *ind,
                                const zt_period *p, const char *area) {
  char name[8];
  zt_period_name(p, name);
  for (size_t i = 0; i < b->in->nbenchmarks; i++) {
    const zt_benchmark *m = &b->in->benchmarks[i];
    if (strcmp(m->indicator, ind) == 0 && strcmp(m->area, area) == 0 &&
        strcmp(m->period, name) == 0)
      return m;
  }
  return NULL;
}

/* A benchmark row as an indicator value of the report's kind: formatted
 * like the region's own (the indicator's decimals), never suppressed
 * (a published figure). */
static const zt_ind_value *as_value(bctx *b, const zt_benchmark *m) {
  zt_ind_value *v = zt_arena_array(b->a, 1, sizeof *v);
  zt_strlcpy(v->indicator, m->indicator, sizeof v->indicator);
  zt_strlcpy(v->period, m->period, sizeof v->period);
  v->gemeente = ZT_GEMEENTE_REGIO;
  v->unit = unit_of(m->indicator);
  v->num = m->num;
  v->den = m->den > 0 ? m->den : 1;
  zt_ind_display(v, v->display);
  return v;
}

const zt_ind_value *bench_value(bctx *b, const char *ind,
                                const zt_period *p, const char *area) {
  const zt_benchmark *m = ind ? find(b, ind, p, area) : NULL;
  return m ? as_value(b, m) : NULL;
}

bool bench_present(bctx *b, const char *ind, const zt_period *p,
                   const char *area) {
  return ind && find(b, ind, p, area) != NULL;
}

/* ---- the table "Regio en Nederland" ------------------------------------ */

/* The area in Dutch: Nederland, a member's name, or the code of another
 * municipality or a jeugdregio. The own figure compared with it is the
 * municipality's for a member, else the region's. */
static const char *area_label(bctx *b, const char *area, uint16_t *gem) {
  long code;
  *gem = ZT_GEMEENTE_REGIO;
  if (strcmp(area, "NL") == 0)
    return "Nederland";
  if (zt_parse_int(area, 0, 9999, &code) == ZT_OK) {
    for (size_t i = 0; i < b->in->ngemeenten; i++)
      if (b->in->gemeenten[i] == (uint16_t)code) {
        *gem = (uint16_t)code;
        return b->in->gemeente_names[i];
      }
    for (size_t i = 0; i < b->in->ngemeente_table; i++)
      if (b->in->gemeente_table[i].code == (uint16_t)code)
        return zt_arena_printf(b->a, "%s (geen lid)",
                               b->in->gemeente_table[i].name);
    return zt_arena_printf(b->a, "gemeente %s", area);
  }
  return zt_arena_printf(b->a, "jeugdregio %s", area);
}

/* The table's order: indicator in the catalogue's order, then the area
 * (Nederland first, then by code), then the period, latest first. */
static int cmp_rows(const void *pa, const void *pb) {
  const zt_benchmark *a = *(const zt_benchmark *const *)pa;
  const zt_benchmark *c = *(const zt_benchmark *const *)pb;
  const zt_render_ind *da = zt_render_ind_lookup(a->indicator);
  const zt_render_ind *dc = zt_render_ind_lookup(c->indicator);
  int r;
  if (da != dc)
    return da < dc ? -1 : 1;
  r = (strcmp(c->area, "NL") == 0) - (strcmp(a->area, "NL") == 0);
  if (r || (r = strcmp(a->area, c->area)))
    return r;
  return strcmp(c->period, a->period);
}

/* The rows the table shows: indicators zothuis computes, periods the
 * report covers (the report's period or earlier, with the region's own
 * figure at hand), the latest BENCH_PERIODS per indicator and area. */
static size_t table_rows(bctx *b, const zt_benchmark ***out) {
  const zt_benchmark **rows =
      zt_arena_array(b->a, b->in->nbenchmarks + 1, sizeof *rows);
  size_t n = 0, kept = 0;
  for (size_t i = 0; i < b->in->nbenchmarks; i++) {
    const zt_benchmark *m = &b->in->benchmarks[i];
    zt_period p;
    uint16_t gem;
    if (!zt_render_ind_lookup(m->indicator) ||
        zt_period_parse(m->period, &p, NULL) != ZT_OK ||
        p.end > b->in->period.end)
      continue;
    area_label(b, m->area, &gem);
    if (!lookup(b, m->indicator, &p, gem, ""))
      continue;
    rows[n++] = m;
  }
  qsort(rows, n, sizeof *rows, cmp_rows);
  for (size_t i = 0, run = 0; i < n; i++) {
    bool same = i > 0 &&
                strcmp(rows[i]->indicator, rows[i - 1]->indicator) == 0 &&
                strcmp(rows[i]->area, rows[i - 1]->area) == 0;
    run = same ? run + 1 : 0;
    if (run < BENCH_PERIODS)
      rows[kept++] = rows[i];
  }
  *out = rows;
  return kept;
}

bool benchmarks_any(bctx *b) {
  const zt_benchmark **rows;
  return table_rows(b, &rows) > 0;
}

void benchmarks_table(bctx *b, xmlNodePtr n) {
  static const char *const head[6] = {"Gebied", "Periode", "Eigen cijfer",
                                      "Gepubliceerd", "Status", "Bron"};
  static const double weight[6] = {1.3, 0.7, 0.8, 0.9, 0.9, 1.6};
  const zt_benchmark **rows;
  size_t nrows = table_rows(b, &rows), ngroups = 0, r = 0, ncols = 6;
  int line = (int)xmlGetLineNo(n);
  bool one_source = true;
  zt_table *t;
  if (nrows == 0)
    return;
  for (size_t i = 0; i < nrows; i++) {
    ngroups += i == 0 ||
               strcmp(rows[i]->indicator, rows[i - 1]->indicator) != 0;
    one_source &= strcmp(rows[i]->source, rows[0]->source) == 0;
  }
  /* one source for every figure: said once under the table */
  if (one_source)
    ncols = 5;
  t = new_table(b, 1 + ngroups + nrows, ncols,
                subst(b, attr(b, n, "title")));
  t->rflags[0] = ZT_ROW_HEAD;
  t->row_header = true;
  for (size_t c = 0; c < ncols; c++) {
    zt_table_set(t, b->a, 0, c, head[c], 0);
    t->weight[c] = weight[c];
  }
  t->numeric[2] = t->numeric[3] = true;
  for (size_t i = 0; i < nrows; i++) {
    const zt_benchmark *m = rows[i];
    zt_period p;
    uint16_t gem;
    unsigned fl = 0;
    char pname[ZT_FMT_MAX];
    const char *area = area_label(b, m->area, &gem);
    if (i == 0 || strcmp(m->indicator, rows[i - 1]->indicator) != 0) {
      r++;
      t->rflags[r] = ZT_ROW_GROUP;
      zt_table_set(t, b->a, r, 0, zt_nl_indicator(m->indicator), 0);
    }
    r++;
    zt_period_parse(m->period, &p, NULL);
    zt_fmt_period_short(&p, pname);
    zt_table_set(t, b->a, r, 0, area, 0);
    zt_table_set(t, b->a, r, 1, pname, 0);
    zt_table_set(t, b->a, r, 2,
                 display(b, lookup(b, m->indicator, &p, gem, ""), &fl), fl);
    zt_table_set(t, b->a, r, 3, as_value(b, m)->display, 0);
    zt_table_set(t, b->a, r, 4, m->status, 0);
    if (!one_source)
      zt_table_set(t, b->a, r, 5, m->source, 0);
  }
  if (one_source)
    zt_table_add_note(t, b->a,
                      zt_arena_printf(b->a, "Bron van de gepubliceerde "
                                      "cijfers: %s.", rows[0]->source));
  zt_table_add_note(t, b->a,
                    "Eigen cijfer: bij Nederland en een jeugdregio dat van "
                    "de regio, bij een gemeente dat van de gemeente.");
  zt_table_add_marker_notes(t, b->a, NULL);
  add_table_block(b, t, line);
}

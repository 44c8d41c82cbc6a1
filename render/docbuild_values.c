/*
 * render/docbuild_values.c -- what the report prints for a value and the
 * target clauses beside it: the lookup of (indicator, period, municipality,
 * breakdown) in the indicator table, its display string, and the target as
 * metrics/target.c evaluates it (render judges no target).
 */
#include "render/docbuild_int.h"

#include <string.h>

#include "render/format_nl.h"
#include "render/ind_ids.h"

/* The value of (ind, p, gem, bd). The episode analysis of the cohort
 * period is the one measured at the report's peildatum, when the table
 * holds it (the cohort followed up, docs/indicators.md). */
const zt_ind_value *lookup(bctx *b, const char *ind,
                           const zt_period *p, uint16_t gem,
                           const char *bd) {
  char name[8];
  if (!ind || !b->in->ind)
    return NULL;
  zt_period_name(p, name);
  if (b->in->cohort.year && zt_period_eq(p, &b->in->cohort)) {
    const zt_ind_def *d = zt_ind_lookup(ind);
    const zt_ind_value *v =
        d && d->family == ZT_FAM_EPISODES
            ? zt_ind_table_find_at(b->in->ind, ind, name,
                                   b->in->cohort_peildatum, gem,
                                   bd ? bd : "")
            : NULL;
    if (v)
      return v;
  }
  return zt_ind_table_find(b->in->ind, ind, name, gem, bd ? bd : "");
}

zt_unit unit_of(const char *ind) {
  const zt_render_ind *d = zt_render_ind_lookup(ind);
  return d ? d->unit : ZT_UNIT_COUNT;
}

/* What the report prints for v; flags get ZT_CELL_MISSING or
 * ZT_CELL_SUPPRESSED. */
const char *display(bctx *b, const zt_ind_value *v,
                    unsigned *flags) {
  char buf[ZT_FMT_MAX];
  if (!v) {
    if (flags)
      *flags |= ZT_CELL_MISSING;
    return DASH;
  }
  if (v->suppressed && flags)
    *flags |= ZT_CELL_SUPPRESSED;
  if (v->display[0])
    return zt_arena_strdup(b->a, v->display);
  /* a suppressed value never shows its number, even without a marker */
  if (v->suppressed)
    return "\xc2\xb7";
  /* a row without a display string: format it the standard way */
  switch (v->unit) {
  case ZT_UNIT_EUR: zt_fmt_eur(v->num, v->den, buf); break;
  case ZT_UNIT_PERCENT: zt_fmt_percent(v->num, v->den, buf); break;
  case ZT_UNIT_YEARS: zt_fmt_decimal(v->num, v->den, 1, buf); break;
  default: zt_fmt_decimal(v->num, v->den, 0, buf); break;
  }
  return zt_arena_strdup(b->a, buf);
}

/* Compare a/b with c/d exactly (b, d > 0): -1, 0, 1. */
int cmp_frac(int64_t a, int64_t bb, int64_t c, int64_t d) {
  __int128 l = (__int128)a * d, r = (__int128)c * bb;
  return l < r ? -1 : l > r;
}

/* The target of a value shown for (ind, p, gem), from the one evaluator
 * (metrics/target.h). */
void evaluate(bctx *b, const char *ind, const zt_period *p,
              uint16_t gem, zt_target_eval *ev) {
  zt_target_evaluate(b->in->targets, b->in->ntargets, b->in->ind, ind, p,
                     gem, ev);
}

const zt_report_target *find_target(bctx *b, const char *ind,
                                    const zt_period *p,
                                    uint16_t gem) {
  return zt_target_find(b->in->targets, b->in->ntargets, ind, p, gem);
}

const char *target_value(bctx *b, const zt_report_target *t,
                         zt_unit unit, bool with_op) {
  char v[72];
  zt_target_text(t, unit, with_op, v);
  return zt_arena_strdup(b->a, v);
}

/* "doel: ≥ 70%", or "doel 2023: ≥ 70%" when the target is set for
 * another period than the one shown (a year target in a half-year). */
const char *target_label(bctx *b, const zt_target_eval *ev,
                         const zt_period *shown) {
  char name[8];
  zt_period_name(shown, name);
  if (strcmp(ev->target->period, name) == 0)
    return zt_arena_printf(b->a, "doel: %s", ev->target_text);
  return zt_arena_printf(b->a, "doel %s: %s", ev->target->period,
                         ev->target_text);
}

/* The target part of a summary sentence: "; doel ≤ 18%: niet gehaald";
 * when the value judged is not the one the sentence ends on, that value
 * first, so that a verdict never stands next to a number it does not
 * judge ("; heel 2023: 69,0%, doel ≥ 70%: niet gehaald"); "" without a
 * target. */
const char *target_clause(bctx *b, const char *ind,
                          const zt_period *cur, uint16_t gem) {
  zt_target_eval ev;
  char name[8], jp[ZT_FMT_MAX];
  const char *doel;
  evaluate(b, ind, cur, gem, &ev);
  if (!ev.target)
    return "";
  zt_period_name(cur, name);
  /* in a sentence "= 0" keeps its sign: "doel 2023 = 0" */
  {
    const char *tt = ev.target->op == ZT_OP_EQ
                         ? zt_arena_printf(b->a, "= %s", ev.target_text)
                         : ev.target_text;
    doel = strcmp(ev.target->period, name) == 0
               ? zt_arena_printf(b->a, "doel %s", tt)
               : zt_arena_printf(b->a, "doel %s %s", ev.target->period, tt);
  }
  if (ev.judged && !ev.judged->suppressed &&
      !zt_period_eq(&ev.judged_period, cur)) {
    const char *tt = ev.target->op == ZT_OP_EQ
                         ? zt_arena_printf(b->a, "= %s", ev.target_text)
                         : ev.target_text;
    fmt_period_long(&ev.judged_period, jp);
    return zt_arena_printf(b->a, "; heel %s: %s, doel %s: %s", jp,
                           display(b, ev.judged, NULL), tt,
                           zt_target_status_word(ev.status));
  }
  return zt_arena_printf(b->a, "; %s: %s", doel,
                         zt_target_status_word(ev.status));
}

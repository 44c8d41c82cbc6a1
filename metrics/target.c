/*
 * metrics/target.c -- targets and their status (see target.h).
 */
#include "metrics/target.h"

#include <stdio.h>
#include <string.h>

#include "core/numfmt_nl.h"
#include "core/str.h"
#include "metrics/indicator.h"
#include "metrics/suppress.h"

zt_status zt_target_op_parse(const char *s, zt_target_op *out, zt_err *err) {
  if (s && strcmp(s, ">=") == 0)
    *out = ZT_OP_GE;
  else if (s && strcmp(s, "<=") == 0)
    *out = ZT_OP_LE;
  else if (s && (strcmp(s, "=") == 0 || strcmp(s, "==") == 0))
    *out = ZT_OP_EQ;
  else
    return zt_fail(err, ZT_ERR_INPUT, "target operator '%s': expected >=, "
                   "<= or =", s ? s : "");
  return ZT_OK;
}

const char *zt_target_op_text(zt_target_op op) {
  switch (op) {
  case ZT_OP_GE: return "\xe2\x89\xa5";  /* ≥ */
  case ZT_OP_LE: return "\xe2\x89\xa4";  /* ≤ */
  case ZT_OP_EQ: return "=";
  }
  return "?";
}

zt_status zt_target_value_parse(const char *s, int64_t *num, int64_t *den,
                                zt_err *err) {
  const char *p = s ? s : "";
  size_t n = strlen(p);
  const char *sep;
  int64_t ip = 0;
  uint64_t frac = 0;
  int64_t scale = 1;
  bool neg = false;
  zt_trim(&p, &n);
  if (n && p[0] == '-') {
    neg = true;
    p++;
    n--;
  }
  sep = memchr(p, '.', n);
  if (!sep)
    sep = memchr(p, ',', n);
  {
    size_t ilen = sep ? (size_t)(sep - p) : n;
    uint64_t u;
    if (zt_parse_u64(p, ilen, &u) || u > INT64_MAX / 1000000000)
      goto bad;
    ip = (int64_t)u;
    if (sep) {
      size_t flen = n - ilen - 1;
      if (flen < 1 || flen > 9 || zt_parse_u64(sep + 1, flen, &frac))
        goto bad;
      for (size_t i = 0; i < flen; i++)
        scale *= 10;
    }
  }
  *num = ip * scale + (int64_t)frac;
  if (neg)
    *num = -*num;
  *den = scale;
  return ZT_OK;
bad:
  return zt_fail(err, ZT_ERR_INPUT, "target value '%s': expected a number "
                 "like 65 or 27,5", s ? s : "");
}

const char *zt_target_status_word(zt_target_status s) {
  switch (s) {
  case ZT_TS_NONE: return "geen doel";
  case ZT_TS_MET: return "gehaald";
  case ZT_TS_NOT_MET: return "niet gehaald";
  case ZT_TS_ON_TRACK: return "op koers";
  case ZT_TS_OFF_TRACK: return "niet op koers";
  case ZT_TS_NO_DATA: return "geen gegevens";
  case ZT_TS_HIDDEN: return "niet getoond (kleine aantallen)";
  }
  return "?";
}

const char *zt_target_status_symbol(zt_target_status s) {
  switch (s) {
  case ZT_TS_NONE: return "";
  case ZT_TS_MET: return "\xe2\x9c\x94";        /* ✔ */
  case ZT_TS_NOT_MET: return "\xe2\x9c\x98";    /* ✘ */
  case ZT_TS_ON_TRACK: return "\xe2\x86\x92";   /* → */
  case ZT_TS_OFF_TRACK: return "\xe2\x9a\xa0";  /* ⚠ */
  case ZT_TS_NO_DATA: return "\xe2\x80\x93";    /* – */
  case ZT_TS_HIDDEN: return "\xc2\xb7";         /* · */
  }
  return "?";
}

/* Compare the table value v (in its own scale) with the target a/b in
 * display units: percent points, euros, or the plain unit. */
static int compare(const zt_ind_value *v, int64_t a, int64_t b) {
  __int128 lhs = (__int128)v->num * b, rhs = (__int128)a * v->den;
  if (v->unit == ZT_UNIT_PERCENT)
    lhs *= 100;            /* 100 * num/den vs a/b */
  else if (v->unit == ZT_UNIT_EUR)
    rhs *= 100;            /* cents vs euros */
  return lhs < rhs ? -1 : lhs > rhs;
}

void zt_target_text(const zt_target *tg, zt_unit unit, bool with_op,
                    char out[72]) {
  char buf[ZT_FMT_MAX];
  if (unit == ZT_UNIT_EUR)     /* whole euros, as money is shown */
    zt_fmt_eur(tg->num * 100, tg->den, buf);
  else
    zt_fmt_target_value(tg->num, tg->den, unit == ZT_UNIT_PERCENT, false,
                        buf);
  /* "= 0" reads as just "0" ("doel: 0") */
  if (with_op && tg->op != ZT_OP_EQ)
    snprintf(out, 72, "%s %s", zt_target_op_text(tg->op), buf);
  else
    snprintf(out, 72, "%s", buf);
}

static const zt_target *exact(const zt_target *targets, size_t n,
                              const char *indicator, const char *period,
                              uint16_t gem) {
  for (size_t i = 0; i < n; i++)
    if (targets[i].gemeente == gem && !targets[i].breakdown[0] &&
        strcmp(targets[i].indicator, indicator) == 0 &&
        strcmp(targets[i].period, period) == 0)
      return &targets[i];
  return NULL;
}

const zt_target *zt_target_find(const zt_target *targets, size_t n,
                                const char *indicator, const zt_period *p,
                                uint16_t gem) {
  char name[8], year[8];
  zt_period y = zt_period_year(p->year);
  const zt_target *t;
  if (!indicator)
    return NULL;
  zt_period_name(p, name);
  zt_period_name(&y, year);
  for (int pass = 0; pass < 2; pass++) {
    uint16_t g = pass == 0 ? gem : ZT_GEMEENTE_REGIO;
    if (pass == 1 && gem == ZT_GEMEENTE_REGIO)
      break;
    if ((t = exact(targets, n, indicator, name, g)) ||
        (t = exact(targets, n, indicator, year, g)))
      return t;
  }
  return NULL;
}

/* A hidden share whose published parts bound it on one side of the
 * target (Gooise Meren: residentieel 20, driemilieu "< 5", gesloten 0
 * of 72 in verblijf: 29,2% to 33,3%, against <= 18%): the verdict
 * follows from the table and tells nothing it does not, so it is given
 * (`bounded`); the value stays hidden. */
static void judge_bounds(const zt_target *tg, const zt_ind_table *t,
                         zt_target_eval *out) {
  zt_ind_value lo = *out->judged, hi = *out->judged;
  int64_t nlo, nhi, den;
  bool all_met, none_met;
  if (tg->op == ZT_OP_EQ || out->judged->unit != ZT_UNIT_PERCENT ||
      !zt_supp_share_bounds(t, out->judged, &nlo, &nhi, &den))
    return;
  lo.num = nlo;
  lo.den = den;
  hi.num = nhi;
  hi.den = den;
  if (tg->op == ZT_OP_GE) {
    all_met = compare(&lo, tg->num, tg->den) >= 0;
    none_met = compare(&hi, tg->num, tg->den) < 0;
  } else {
    all_met = compare(&hi, tg->num, tg->den) <= 0;
    none_met = compare(&lo, tg->num, tg->den) > 0;
  }
  if (!all_met && !none_met)
    return;
  out->bounded = true;
  if (out->provisional)
    out->status = all_met ? ZT_TS_ON_TRACK : ZT_TS_OFF_TRACK;
  else
    out->status = all_met ? ZT_TS_MET : ZT_TS_NOT_MET;
}

void zt_target_evaluate(const zt_target *targets, size_t n,
                        const zt_ind_table *t, const char *indicator,
                        const zt_period *p, uint16_t gem,
                        zt_target_eval *out) {
  const zt_ind_def *d = zt_ind_lookup(indicator);
  const zt_target *tg = zt_target_find(targets, n, indicator, p, gem);
  bool year_target;
  char name[8];
  memset(out, 0, sizeof *out);
  out->judged_period = *p;
  out->status = ZT_TS_NONE;
  if (!tg || !d)
    return;
  out->target = tg;
  zt_target_text(tg, d->unit, true, out->target_text);
  year_target = p->half != 0 && strlen(tg->period) == 4;
  /* a year target: judged on the year in a 2e halfjaar, provisionally on
   * the year to date (the 1e halfjaar itself) in a 1e halfjaar */
  if (year_target && p->half == 2)
    out->judged_period = zt_period_year(p->year);
  out->provisional = year_target && p->half == 1;
  zt_period_name(&out->judged_period, name);
  out->judged = t ? zt_ind_table_find(t, indicator, name, gem, "") : NULL;
  if (out->judged && out->judged->suppressed) {
    out->status = ZT_TS_HIDDEN;
    judge_bounds(tg, t, out);
    return;
  }
  if (!out->judged || out->judged->den <= 0) {
    out->status = ZT_TS_NO_DATA;
    return;
  }
  {
    int c = compare(out->judged, tg->num, tg->den);
    bool met = tg->op == ZT_OP_GE ? c >= 0 : tg->op == ZT_OP_LE ? c <= 0
                                                                : c == 0;
    if (out->provisional)
      out->status = met ? ZT_TS_ON_TRACK : ZT_TS_OFF_TRACK;
    else
      out->status = met ? ZT_TS_MET : ZT_TS_NOT_MET;
  }
}

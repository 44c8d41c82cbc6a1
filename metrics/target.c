/*
 * metrics/target.c -- targets and their status (see target.h).
 */
#include "metrics/target.h"

#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "metrics/indicator.h"
#include "render/format_nl.h"

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

const char *zt_target_status_nl(zt_target_status s) {
  switch (s) {
  case ZT_TS_MET: return "gehaald";
  case ZT_TS_NOT_MET: return "niet gehaald";
  case ZT_TS_NO_DATA: return "geen gegevens";
  }
  return "?";
}

const char *zt_target_status_symbol(zt_target_status s) {
  switch (s) {
  case ZT_TS_MET: return "\xe2\x9c\x93";      /* ✓ */
  case ZT_TS_NOT_MET: return "\xe2\x9c\x97";  /* ✗ */
  case ZT_TS_NO_DATA: return "\xe2\x80\x93";  /* – */
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

static void target_text(const zt_target *tg, zt_unit unit, char out[72]) {
  char buf[ZT_FMT_MAX];
  switch (unit) {
  case ZT_UNIT_PERCENT:
    zt_fmt_percent(tg->num, tg->den * 100, buf);
    break;
  case ZT_UNIT_EUR:
    zt_fmt_eur(tg->num * 100, tg->den, buf);
    break;
  default:
    if (tg->den == 1)
      zt_fmt_int(tg->num, buf);
    else
      zt_fmt_decimal(tg->num, tg->den, 1, buf);
  }
  snprintf(out, 72, "%s %s", zt_target_op_text(tg->op), buf);
}

zt_status zt_targets_eval(const zt_target *targets, size_t n,
                          const zt_ind_table *t, zt_target_result *results,
                          zt_err *err) {
  for (size_t i = 0; i < n; i++) {
    const zt_target *tg = &targets[i];
    zt_target_result *r = &results[i];
    const zt_ind_def *d = zt_ind_lookup(tg->indicator);
    memset(r, 0, sizeof *r);
    r->target = tg;
    if (!d)
      return zt_fail(err, ZT_ERR_INPUT, "target %zu: unknown indicator "
                     "'%s'", i + 1, tg->indicator);
    if (tg->den <= 0)
      return zt_fail(err, ZT_ERR_INPUT, "target %zu (%s): the value's "
                     "denominator must be positive", i + 1, tg->indicator);
    target_text(tg, d->unit, r->target_display);
    r->actual = zt_ind_table_find(t, tg->indicator, tg->period, tg->gemeente,
                                  tg->breakdown);
    if (!r->actual) {
      r->status = ZT_TS_NO_DATA;
      zt_strlcpy(r->actual_display, "\xe2\x80\x93", sizeof r->actual_display);
      continue;
    }
    zt_strlcpy(r->actual_display, r->actual->display,
               sizeof r->actual_display);
    {
      int c = compare(r->actual, tg->num, tg->den);
      bool met = tg->op == ZT_OP_GE ? c >= 0
                 : tg->op == ZT_OP_LE ? c <= 0
                                      : c == 0;
      r->status = met ? ZT_TS_MET : ZT_TS_NOT_MET;
    }
  }
  return ZT_OK;
}

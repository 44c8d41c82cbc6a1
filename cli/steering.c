/*
 * cli/steering.c -- targets, measures and budget files (see steering.h).
 */
#include "cli/steering.h"

#include <stdlib.h>
#include <string.h>

#include "cli/config.h"
#include "core/str.h"
#include "etl/refdata.h"
#include "etl/steering.h"
#include "metrics/indicator.h"

typedef struct grow {
  void *arr;
  size_t n, cap, size;
  const char *path;
} grow;

static void *push(grow *g) {
  if (g->n == g->cap) {
    size_t cap = g->cap ? g->cap * 2 : 16;
    void *p = realloc(g->arr, cap * g->size);
    if (!p)
      return NULL;
    g->arr = p;
    g->cap = cap;
  }
  memset((char *)g->arr + g->n * g->size, 0, g->size);
  return (char *)g->arr + g->n++ * g->size;
}

/* Copy a field into a fixed buffer; an error names the column when it
 * does not fit. */
static zt_status text(const grow *g, long line, const char *col, zt_slice s,
                      char *dst, size_t size, zt_err *err) {
  if (!s.p) {
    dst[0] = '\0';
    return ZT_OK;
  }
  if (!zt_slice_copy(dst, size, s.p, s.n))
    return zt_fail(err, ZT_ERR_USAGE, "%s: line %ld: %s: longer than %zu "
                   "characters", g->path, line, col, size - 1);
  return ZT_OK;
}

static zt_status euros(const grow *g, long line, const char *col, zt_slice s,
                       int64_t *cents, zt_err *err) {
  *cents = 0;
  if (!s.p || s.n == 0)
    return ZT_OK;
  if (zt_parse_euros(s.p, s.n, cents))
    return zt_fail(err, ZT_ERR_USAGE, "%s: line %ld: %s: '%.*s' is not an "
                   "amount in euros (1.234 or 1.234,56)", g->path, line, col,
                   (int)(s.n < 40 ? s.n : 40), s.p);
  return ZT_OK;
}

/* Read `path` (NULL: no rows) with the row function into a new array of
 * `size`-byte elements; on an error no array is returned. */
static zt_status load(const char *path, const char *const *cols,
                      const bool *req, int ncols, zt_table_row_fn fn,
                      size_t size, void **out, size_t *n, zt_err *err) {
  grow g = {NULL, 0, 0, size, path};
  zt_status st = ZT_OK;
  if (path)
    st = zt_table_read(path, cols, req, ncols, fn, &g, err);
  if (st) {
    free(g.arr);
    g.arr = NULL;
    g.n = 0;
  }
  *out = g.arr;
  *n = g.n;
  return st;
}

/* ---- targets ---------------------------------------------------------- */

static zt_status target_row(void *ctx, const zt_slice *f, long line,
                            zt_err *err) {
  grow *g = ctx;
  zt_target *t = push(g);
  char buf[64];
  if (!t)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  if (text(g, line, "indicator", f[0], t->indicator, sizeof t->indicator,
           err))
    return ZT_ERR_USAGE;
  if (!zt_ind_lookup(t->indicator))
    return zt_fail(err, ZT_ERR_USAGE, "%s: line %ld: indicator '%s' is not "
                   "in the catalogue (docs/indicators.md)", g->path, line,
                   t->indicator);
  if (!f[1].p || f[1].n == 0 || zt_slice_ieq(f[1].p, f[1].n, "regio"))
    t->gemeente = 0;
  else if (!zt_gemeente_parse(f[1].p, f[1].n, &t->gemeente))
    return zt_fail(err, ZT_ERR_USAGE, "%s: line %ld: gemeente: expected a "
                   "municipality code or 'regio'", g->path, line);
  if (text(g, line, "period", f[2], t->period, sizeof t->period, err))
    return ZT_ERR_USAGE;
  {
    zt_period p;
    if (zt_period_parse(t->period, &p, NULL))
      return zt_fail(err, ZT_ERR_USAGE, "%s: line %ld: period '%s': "
                     "expected YYYY, YYYY-H1 or YYYY-H2", g->path, line,
                     t->period);
  }
  if (text(g, line, "op", f[3], buf, sizeof buf, err) ||
      zt_target_op_parse(buf, &t->op, NULL))
    return zt_fail(err, ZT_ERR_USAGE, "%s: line %ld: op: expected >=, <= "
                   "or =", g->path, line);
  if (text(g, line, "value", f[4], buf, sizeof buf, err) ||
      zt_target_value_parse(buf, &t->num, &t->den, NULL))
    return zt_fail(err, ZT_ERR_USAGE, "%s: line %ld: value: expected a "
                   "number", g->path, line);
  if (text(g, line, "label", f[5], t->label, sizeof t->label, err) ||
      text(g, line, "breakdown", f[6], t->breakdown, sizeof t->breakdown,
           err))
    return ZT_ERR_USAGE;
  return ZT_OK;
}

zt_status zt_load_targets(const char *path, zt_target **out, size_t *n,
                          zt_err *err) {
  static const char *const cols[] = {"indicator", "gemeente", "period", "op",
                                     "value",     "label",    "breakdown"};
  static const bool req[] = {true, true, true, true, true, false, false};
  return load(path, cols, req, 7, target_row, sizeof(zt_target), (void **)out,
              n, err);
}

/* ---- measures --------------------------------------------------------- */

static bool quarter_ok(const char *s) {
  /* "2022-Q1" */
  return strlen(s) == 7 && zt_all_digits(s, 4) && s[4] == '-' &&
         (s[5] == 'Q' || s[5] == 'q') && s[6] >= '1' && s[6] <= '4';
}

static zt_status measure_row(void *ctx, const zt_slice *f, long line,
                             zt_err *err) {
  static const char *const status[] = {"gepland", "lopend", "gereed",
                                       "vertraagd", "gestopt"};
  grow *g = ctx;
  zt_measure *m = push(g);
  bool known = false;
  if (!m)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  if (text(g, line, "id", f[0], m->id, sizeof m->id, err) ||
      text(g, line, "actielijn", f[1], m->actielijn, sizeof m->actielijn,
           err) ||
      text(g, line, "maatregel", f[2], m->maatregel, sizeof m->maatregel,
           err) ||
      text(g, line, "wat", f[3], m->wat, sizeof m->wat, err) ||
      text(g, line, "van", f[4], m->van, sizeof m->van, err) ||
      text(g, line, "tot", f[5], m->tot, sizeof m->tot, err) ||
      text(g, line, "door_wie", f[6], m->door_wie, sizeof m->door_wie, err) ||
      text(g, line, "status", f[7], m->status, sizeof m->status, err) ||
      euros(g, line, "budget_extra", f[8], &m->budget_extra, err) ||
      text(g, line, "dekking", f[9], m->dekking, sizeof m->dekking, err) ||
      euros(g, line, "besteed", f[10], &m->besteed, err) ||
      text(g, line, "toelichting", f[11], m->toelichting,
           sizeof m->toelichting, err))
    return ZT_ERR_USAGE;
  if ((m->van[0] && !quarter_ok(m->van)) || (m->tot[0] && !quarter_ok(m->tot)))
    return zt_fail(err, ZT_ERR_USAGE, "%s: line %ld: van/tot: expected a "
                   "quarter like 2022-Q1", g->path, line);
  for (size_t i = 0; i < sizeof status / sizeof status[0]; i++)
    known = known || strcmp(m->status, status[i]) == 0;
  if (!known)
    return zt_fail(err, ZT_ERR_USAGE, "%s: line %ld: status '%s': expected "
                   "gepland, lopend, gereed, vertraagd or gestopt", g->path,
                   line, m->status);
  return ZT_OK;
}

zt_status zt_load_measures(const char *path, zt_measure **out, size_t *n,
                           zt_err *err) {
  static const char *const cols[] = {
      "id", "actielijn", "maatregel", "wat", "van", "tot", "door_wie",
      "status", "budget_extra", "dekking", "besteed", "toelichting"};
  static const bool req[] = {true, true, true, false, true, true,
                             false, true, false, false, false, false};
  return load(path, cols, req, 12, measure_row, sizeof(zt_measure),
              (void **)out, n, err);
}

/* ---- budget ----------------------------------------------------------- */

static zt_status budget_row(void *ctx, const zt_slice *f, long line,
                            zt_err *err) {
  grow *g = ctx;
  zt_budget_row *b = push(g);
  char year[8];
  long y;
  if (!b)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  if (text(g, line, "actielijn", f[0], b->actielijn, sizeof b->actielijn,
           err) ||
      text(g, line, "jaar", f[1], year, sizeof year, err))
    return ZT_ERR_USAGE;
  if (zt_parse_int(year, 2000, 2100, &y))
    return zt_fail(err, ZT_ERR_USAGE, "%s: line %ld: jaar: expected a year",
                   g->path, line);
  b->jaar = (int)y;
  if (euros(g, line, "uitgaven", f[2], &b->uitgaven, err) ||
      euros(g, line, "middelen", f[3], &b->middelen, err))
    return ZT_ERR_USAGE;
  return ZT_OK;
}

zt_status zt_load_budget(const char *path, zt_budget_row **out, size_t *n,
                         zt_err *err) {
  static const char *const cols[] = {"actielijn", "jaar", "uitgaven",
                                     "middelen"};
  static const bool req[] = {true, true, true, true};
  return load(path, cols, req, 4, budget_row, sizeof(zt_budget_row),
              (void **)out, n, err);
}

zt_status zt_steering_check(const zt_config *cfg, zt_err *err) {
  zt_target *t = NULL;
  zt_measure *m = NULL;
  zt_budget_row *b = NULL;
  size_t n;
  zt_status st = zt_load_targets(cfg->targets, &t, &n, err);
  if (!st)
    st = zt_load_measures(cfg->measures, &m, &n, err);
  if (!st)
    st = zt_load_budget(cfg->budget, &b, &n, err);
  free(t);
  free(m);
  free(b);
  return st;
}

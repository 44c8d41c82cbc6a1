/*
 * metrics/completeness.c -- run-off triangles and the chain-ladder
 * estimate of the final figures with Mack's standard error (see
 * completeness.h and docs/completeness.md).
 */
#include "metrics/completeness.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


/* One contribution to the spending triangle. */
typedef struct sevent {
  int64_t amount;      /* signed cents */
  zt_day arr;          /* when it became known */
  int32_t month;       /* care month */
  uint16_t unit;       /* municipality unit (1..), 0: region only */
} sevent;

/* One (unit, care month, client, arrival) of a debit line. */
typedef struct ctuple {
  uint32_t client;
  int32_t month;
  zt_day arr;
  uint16_t unit;       /* 0: the region, 1..: municipality */
} ctuple;

struct zt_compl_data {
  sevent *ev;
  size_t nev;
  ctuple *ct;          /* one per (unit, month, client), in that order,
                          with the earliest arrival */
  size_t nct;
  uint16_t *codes;     /* unit u (1..) -> code codes[u - 1] */
  size_t ncodes;
  int first_month, last_month;   /* care months with lines */
  zt_day latest;
};

void zt_compl_config_default(zt_compl_config *c) {
  c->history = 12;
  c->max_delay = 12;
  c->min_clients = 50;
}

int zt_compl_month(zt_day d) {
  int y, m, dd;
  zt_day_to_ymd(d, &y, &m, &dd);
  return y * 12 + m - 1;
}

/* zt_compl_month for a run of days, most of them the day seen just
 * before (lines begin on the first of a month; a file's lines arrive on
 * one day): remembers the last day. */
typedef struct month_memo {
  bool set;
  zt_day day;
  int month;
} month_memo;

static int month_of(month_memo *mm, zt_day d) {
  if (!mm->set || d != mm->day) {
    mm->set = true;
    mm->day = d;
    mm->month = zt_compl_month(d);
  }
  return mm->month;
}

/* A tuple's (unit, month, client) as one number in their sort order. */
typedef struct ckey {
  uint64_t key;
  zt_day arr;
} ckey;

static uint64_t key_of(const ctuple *t) {
  return (uint64_t)t->unit << 48 | (uint64_t)(uint16_t)t->month << 32 |
         t->client;
}

/* Sort the tuples by (unit, month, client) and keep one per key, with
 * its earliest arrival: only the first arriving line of a client's month
 * counts (zt_compl_build). A radix sort of 64-bit keys: the tuples are
 * two per line, and a comparison sort of them cost more than the rest
 * of the estimate. Months fit 16 bits up to the year 5461. */
static zt_status collapse(zt_compl_data *d) {
  size_t n = d->nct, m = 0;
  ckey *a = malloc((n + 1) * sizeof *a), *b = malloc((n + 1) * sizeof *b);
  size_t *count = calloc(65536, sizeof *count);
  if (!a || !b || !count) {
    free(a);
    free(b);
    free(count);
    return ZT_ERR_NOMEM;
  }
  for (size_t i = 0; i < n; i++)
    a[i] = (ckey){key_of(&d->ct[i]), d->ct[i].arr};
  for (int shift = 0; shift < 64; shift += 16) {
    size_t sum = 0;
    memset(count, 0, 65536 * sizeof *count);
    for (size_t i = 0; i < n; i++)
      count[(a[i].key >> shift) & 0xffff]++;
    if (n && count[(a[0].key >> shift) & 0xffff] == n)
      continue;                      /* one digit: already in order */
    for (size_t k = 0; k < 65536; k++) {
      size_t c = count[k];
      count[k] = sum;
      sum += c;
    }
    for (size_t i = 0; i < n; i++)
      b[count[(a[i].key >> shift) & 0xffff]++] = a[i];
    {
      ckey *t = a;
      a = b;
      b = t;
    }
  }
  for (size_t i = 0; i < n; i++) {
    if (m > 0 && a[m - 1].key == a[i].key) {
      if (a[i].arr < a[m - 1].arr)
        a[m - 1].arr = a[i].arr;
      continue;
    }
    a[m++] = a[i];
  }
  for (size_t i = 0; i < m; i++)
    d->ct[i] = (ctuple){(uint32_t)a[i].key, (int32_t)(a[i].key >> 32 &
                                                      0xffff),
                        a[i].arr, (uint16_t)(a[i].key >> 48)};
  d->nct = m;
  free(a);
  free(b);
  free(count);
  return ZT_OK;
}

static uint16_t unit_for(const zt_compl_data *d, uint16_t code) {
  for (size_t i = 0; i < d->ncodes; i++)
    if (d->codes[i] == code)
      return (uint16_t)(i + 1);
  return 0;
}

static zt_day known(zt_day d) { return d == ZT_DAY_NONE ? 0 : d; }

zt_status zt_compl_prepare(const zt_nline *lines, size_t nlines,
                           const zt_credit_event *credits, size_t ncredits,
                           const zt_reject_event *rejections,
                           size_t nrejections, const uint16_t *codes,
                           size_t ncodes, zt_compl_data **out,
                           zt_err *err) {
  zt_compl_data *d = calloc(1, sizeof *d);
  month_memo mm = {false, 0, 0};
  size_t nct = 0;
  *out = NULL;
  if (!d)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  d->ncodes = ncodes;
  d->codes = calloc(ncodes ? ncodes : 1, sizeof *d->codes);
  d->ev = calloc(nlines + 2 * ncredits + 2 * nrejections + 1,
                 sizeof *d->ev);
  d->ct = calloc(2 * nlines + 1, sizeof *d->ct);
  if (!d->codes || !d->ev || !d->ct) {
    zt_compl_data_free(d);
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  }
  if (ncodes)
    memcpy(d->codes, codes, ncodes * sizeof *codes);
  d->first_month = INT32_MAX;
  d->last_month = INT32_MIN;
  d->latest = ZT_DAY_NONE;
  for (size_t i = 0; i < nlines; i++) {
    const zt_nline *l = &lines[i];
    int month = month_of(&mm, l->begin);
    uint16_t u = unit_for(d, l->gemeente);
    zt_day arr = known(l->arrived);
    if (month < d->first_month)
      d->first_month = month;
    if (month > d->last_month)
      d->last_month = month;
    if (d->latest == ZT_DAY_NONE || arr > d->latest)
      d->latest = arr;
    d->ev[d->nev++] = (sevent){l->amount, arr, month, u};
    d->ct[nct++] = (ctuple){l->client, month, arr, 0};
    if (u)
      d->ct[nct++] = (ctuple){l->client, month, arr, u};
  }
  /* The lines are net of every credit: add each credit back at its
   * debit's arrival, and take it off when it arrived itself (never
   * before its debit). */
  for (size_t i = 0; i < ncredits; i++) {
    const zt_credit_event *c = &credits[i];
    const zt_nline *l;
    zt_day arr;
    if (c->line >= nlines)
      continue;
    l = &lines[c->line];
    arr = known(c->arrived);
    if (arr < known(l->arrived))
      arr = known(l->arrived);
    if (d->latest == ZT_DAY_NONE || arr > d->latest)
      d->latest = arr;
    d->ev[d->nev++] = (sevent){c->amount, known(l->arrived),
                               zt_compl_month(l->begin),
                               unit_for(d, l->gemeente)};
    d->ev[d->nev++] = (sevent){-c->amount, arr, zt_compl_month(l->begin),
                               unit_for(d, l->gemeente)};
  }
  /* A rejected line (or credit) counted from its arrival until the
   * answer came (never before it arrived); an answer of unknown day
   * takes it away at once. */
  for (size_t i = 0; i < nrejections; i++) {
    const zt_reject_event *r = &rejections[i];
    zt_day arr = known(r->arrived);
    zt_day gone = r->rejected == ZT_DAY_NONE || known(r->rejected) < arr
                      ? arr : known(r->rejected);
    int month = month_of(&mm, r->begin);
    uint16_t u = unit_for(d, r->gemeente);
    /* (the care months stay those of the lines: a month with only
     * rejected lines is not estimated) */
    d->ev[d->nev++] = (sevent){r->amount, arr, month, u};
    d->ev[d->nev++] = (sevent){-r->amount, gone, month, u};
  }
  d->nct = nct;
  if (collapse(d) != ZT_OK) {
    zt_compl_data_free(d);
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  }
  *out = d;
  return ZT_OK;
}

void zt_compl_data_free(zt_compl_data *d) {
  if (!d)
    return;
  free(d->ev);
  free(d->ct);
  free(d->codes);
  free(d);
}

zt_day zt_compl_latest(const zt_compl_data *d) { return d->latest; }

/* Cumulative C(i, k) of one triangle (k <= K). */
static int64_t cum(const zt_completeness *c, const int64_t *cell, int i,
                   int k) {
  int K = c->cfg.max_delay;
  int64_t s = 0;
  for (int j = 0; j <= k && j <= K; j++)
    s += cell[(size_t)i * (size_t)(K + 1) + (size_t)j];
  return s;
}

static int age_of(const zt_completeness *c, int i) {
  return c->now_month - (c->first_month + i);
}

/* Chain-ladder factors and Mack's sigma^2 of one triangle. */
static void fit(zt_completeness *c, zt_compl_unit *u, int w) {
  int K = c->cfg.max_delay, H = c->cfg.history;
  for (int k = 0; k < K; k++) {
    double num = 0, den = 0, ss = 0;
    int n = 0, used = 0;
    /* the latest H care months that reached delay k + 1 */
    for (int i = c->data_rows - 1; i >= 0 && used < H; i--) {
      int64_t a, b;
      if (age_of(c, i) < k + 1)
        continue;
      used++;
      a = cum(c, u->cell[w], i, k);
      b = cum(c, u->cell[w], i, k + 1);
      num += (double)b;
      den += (double)a;
    }
    u->f[w][k] = den > 0 ? num / den : 1.0;
    u->sum[w][k] = den;
    used = 0;
    for (int i = c->data_rows - 1; i >= 0 && used < H; i--) {
      int64_t a, b;
      double r;
      if (age_of(c, i) < k + 1)
        continue;
      used++;
      a = cum(c, u->cell[w], i, k);
      b = cum(c, u->cell[w], i, k + 1);
      if (a <= 0)
        continue;
      r = (double)b / (double)a - u->f[w][k];
      ss += (double)a * r * r;
      n++;
    }
    u->s2[w][k] = n >= 2 ? ss / (n - 1) : -1;
  }
  /* Mack's extrapolation where a factor has fewer than two rows */
  for (int k = 0; k < K; k++) {
    if (u->s2[w][k] >= 0)
      continue;
    if (k >= 2 && u->s2[w][k - 2] > 0) {
      double a = u->s2[w][k - 1], b = u->s2[w][k - 2];
      double x = a * a / b;
      if (b < x)
        x = b;
      if (a < x)
        x = a;
      u->s2[w][k] = x;
    } else {
      u->s2[w][k] = 0;
    }
  }
}

static zt_status unit_alloc(zt_compl_unit *u, int nmonths, int K) {
  size_t cells = (size_t)(nmonths > 0 ? nmonths : 1) * (size_t)(K + 1);
  for (int w = 0; w < 2; w++) {
    u->cell[w] = calloc(cells, sizeof *u->cell[w]);
    u->f[w] = calloc((size_t)K, sizeof *u->f[w]);
    u->s2[w] = calloc((size_t)K, sizeof *u->s2[w]);
    u->sum[w] = calloc((size_t)K, sizeof *u->sum[w]);
    if (!u->cell[w] || !u->f[w] || !u->s2[w] || !u->sum[w])
      return ZT_ERR_NOMEM;
  }
  return ZT_OK;
}

zt_status zt_compl_build(const zt_compl_data *d, zt_day now,
                         const zt_compl_config *cfg, zt_completeness *c,
                         zt_err *err) {
  int K = cfg->max_delay;
  month_memo mm = {false, 0, 0};
  memset(c, 0, sizeof *c);
  c->cfg = *cfg;
  c->now = now;
  c->now_month = zt_compl_month(now);
  c->first_month = d->first_month == INT32_MAX ? c->now_month + 1
                                               : d->first_month;
  c->nmonths = c->now_month - c->first_month + 1;
  if (c->nmonths < 0)
    c->nmonths = 0;
  c->data_rows = d->last_month - c->first_month + 1;
  if (c->data_rows > c->nmonths || d->first_month == INT32_MAX)
    c->data_rows = d->first_month == INT32_MAX ? 0 : c->nmonths;
  c->nunits = d->ncodes + 1;
  c->units = calloc(c->nunits, sizeof *c->units);
  if (!c->units)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  for (size_t u = 0; u < c->nunits; u++) {
    c->units[u].code = u ? d->codes[u - 1] : 0;
    if (unit_alloc(&c->units[u], c->nmonths, K)) {
      zt_compl_free(c);
      return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
    }
  }
  for (size_t i = 0; i < d->nev; i++) {
    const sevent *e = &d->ev[i];
    int row = e->month - c->first_month, delay;
    size_t at;
    if (e->arr > now || row < 0 || row >= c->nmonths)
      continue;
    delay = month_of(&mm, e->arr) - e->month;
    delay = delay < 0 ? 0 : delay > K ? K : delay;
    at = (size_t)row * (size_t)(K + 1) + (size_t)delay;
    c->units[0].cell[ZT_COMPL_SPEND][at] += e->amount;
    if (e->unit)
      c->units[e->unit].cell[ZT_COMPL_SPEND][at] += e->amount;
  }
  /* a client in the bucket of its first arriving line of the month */
  for (size_t i = 0; i < d->nct;) {
    size_t j = i;
    const ctuple *t = &d->ct[i];
    while (j < d->nct && d->ct[j].unit == t->unit &&
           d->ct[j].month == t->month && d->ct[j].client == t->client)
      j++;
    if (t->arr <= now) {
      int row = t->month - c->first_month, delay;
      if (row >= 0 && row < c->nmonths) {
        delay = month_of(&mm, t->arr) - t->month;
        delay = delay < 0 ? 0 : delay > K ? K : delay;
        c->units[t->unit].cell[ZT_COMPL_CLIENTS]
                              [(size_t)row * (size_t)(K + 1) + delay]++;
      }
    }
    i = j;
  }
  for (size_t u = 0; u < c->nunits; u++) {
    zt_compl_unit *un = &c->units[u];
    int developed = 0;
    double clients = 0;
    for (int w = 0; w < 2; w++)
      fit(c, un, w);
    /* enough fully developed care months for the factors ... */
    for (int i = c->data_rows - 1; i >= 0; i--) {
      if (age_of(c, i) < K)
        continue;
      if (developed < cfg->history)
        clients += (double)cum(c, un->cell[ZT_COMPL_CLIENTS], i, K);
      developed++;
    }
    un->usable = developed >= cfg->history;
    /* ... and, for a municipality, enough clients per month */
    if (u && un->usable &&
        clients < (double)cfg->min_clients * cfg->history)
      un->usable = false;
  }
  return ZT_OK;
}

void zt_compl_free(zt_completeness *c) {
  for (size_t u = 0; c->units && u < c->nunits; u++)
    for (int w = 0; w < 2; w++) {
      free(c->units[u].cell[w]);
      free(c->units[u].f[w]);
      free(c->units[u].s2[w]);
      free(c->units[u].sum[w]);
    }
  free(c->units);
  memset(c, 0, sizeof *c);
}

const zt_compl_unit *zt_compl_unit_of(const zt_completeness *c,
                                      uint16_t code) {
  for (size_t u = 0; u < c->nunits; u++)
    if (c->units[u].code == code)
      return &c->units[u];
  return NULL;
}

bool zt_compl_estimate(const zt_completeness *c, const zt_compl_unit *u,
                       int which, int m0, int m1, zt_compl_est *out) {
  int K = c->cfg.max_delay;
  int i0, i1, n;
  double total = 0, mse = 0, fin[64];
  int ages[64];
  memset(out, 0, sizeof *out);
  if (!u || !u->usable)
    return false;
  i0 = m0 - c->first_month;
  i1 = m1 - c->first_month;
  if (i0 < 0)
    i0 = 0;
  if (i1 > c->nmonths - 1)
    i1 = c->nmonths - 1;
  n = i1 - i0 + 1;
  if (n <= 0 || n > 64)
    return false;
  for (int i = i0; i <= i1; i++) {
    int a = age_of(c, i);
    int64_t obs = cum(c, u->cell[which], i, a < K ? a : K);
    double proj = (double)obs, var = 0;
    out->observed += obs;
    for (int k = a; k < K; k++) {
      double f = u->f[which][k];
      double next = proj * f;
      if (proj > 0 && u->sum[which][k] > 0 && f > 0)
        var += u->s2[which][k] / (f * f) *
               (1.0 / proj + 1.0 / u->sum[which][k]);
      proj = next;
    }
    fin[i - i0] = proj;
    ages[i - i0] = a;
    total += proj;
    mse += proj * proj * var;
  }
  /* the parameter error the months share (Mack 1993, total reserve) */
  for (int x = 0; x < n; x++)
    for (int y = x + 1; y < n; y++) {
      int from = ages[x] > ages[y] ? ages[x] : ages[y];
      double s = 0;
      for (int k = from; k < K; k++) {
        double f = u->f[which][k];
        if (u->sum[which][k] > 0 && f > 0)
          s += 2 * u->s2[which][k] / (f * f) / u->sum[which][k];
      }
      mse += fin[x] * fin[y] * s;
    }
  out->months = n;
  /* never below what is known: late credits that would lower it are
   * within the band */
  if (total < (double)out->observed)
    total = (double)out->observed;
  out->final = llround(total);
  out->se = sqrt(mse > 0 ? mse : 0);
  out->low = llround(total - ZT_COMPL_Z * out->se);
  out->high = llround(total + ZT_COMPL_Z * out->se);
  return true;
}

double zt_compl_curve(const zt_completeness *c, const zt_compl_unit *u,
                      int which, int k) {
  double share = 1.0;
  int K = c->cfg.max_delay;
  if (!u)
    return 0;
  /* nothing ever arrives this early (a file comes the month after) */
  if (k >= 0 && k < K && u->sum[which][k] <= 0)
    return 0;
  for (int j = k < 0 ? 0 : k; j < K; j++)
    share /= u->f[which][j] > 0 ? u->f[which][j] : 1.0;
  return share;
}

/*
 * metrics/pass.c -- the one pass over the clients that feeds every
 * indicator (see accum.h).
 *
 * Care periods come sorted by (client, begin). For each client: decide
 * each period's unit (responsible municipality, if a member on the begin
 * date), then for the region subset and each municipality subset, and
 * for each requested period, compute the client's contribution once
 * (kinds, spend, kind in P, placements, its cohort episode ...) and add
 * it to that (period, unit) accumulator. Unique counts are exact because
 * a client is handled whole before the next. No per-indicator rescans.
 */
#include <stdlib.h>
#include <string.h>

#include "core/kinds.h"
#include "core/sort.h"
#include "core/str.h"
#include "metrics/accum.h"
#include "metrics/episode.h"

#define AGB_BITS 28
#define UNIT_BITS 12
#define MAX_UNITS (1u << UNIT_BITS)
#define MAX_PERIODS (1u << 12)

typedef struct prov_amt {
  uint32_t agb;
  int64_t amount;
} prov_amt;

typedef struct span {
  uint32_t agb;
  zt_day b, e;
} span;

typedef struct type_days {
  int32_t type;
  int64_t days;
} type_days;

/* Scratch memory for one client, sized for the largest client. */
typedef struct scratch {
  size_t cap;
  uint16_t *runit, *dunit, *ulist;
  uint32_t *idx;
  int32_t *member;
  zt_episode *eps, *veps;
  prov_amt *prov;
  uint32_t *atp;
  span *spans;
  type_days *td;
} scratch;

/* One client's contribution to one (period, unit). */
typedef struct contrib {
  uint32_t kmask;          /* kinds overlapping P */
  uint32_t spmask;         /* kinds with a line beginning in P */
  bool spany;
  int64_t spend, spend_kind[ZT_K_COUNT];
  size_t nprov;
  int vkind;               /* kind in P, or -1 */
  bool res_u12, ggz_u12;
  uint32_t atpmask;
  size_t natp;
  int64_t placements, placements_res;
  /* the cohort episode */
  bool cohort, ended, le12;
  bool gone;               /* the episode ended before the peildatum */
  int32_t duration, age;
  int64_t cost, hist, amb;
  uint32_t nproviders;
  size_t ntd;
} contrib;

static void scratch_release(scratch *s) {
  free(s->runit);
  free(s->dunit);
  free(s->ulist);
  free(s->idx);
  free(s->member);
  free(s->eps);
  free(s->veps);
  free(s->prov);
  free(s->atp);
  free(s->spans);
  free(s->td);
  memset(s, 0, sizeof *s);
}

static zt_status scratch_grow(scratch *s, size_t n) {
  if (n <= s->cap)
    return ZT_OK;
  scratch_release(s);
  s->runit = malloc(n * sizeof *s->runit);
  s->dunit = malloc(n * sizeof *s->dunit);
  s->ulist = malloc(n * sizeof *s->ulist);
  s->idx = malloc(n * sizeof *s->idx);
  s->member = malloc(n * sizeof *s->member);
  s->eps = malloc(n * sizeof *s->eps);
  s->veps = malloc(n * sizeof *s->veps);
  s->prov = malloc(n * sizeof *s->prov);
  s->atp = malloc(n * sizeof *s->atp);
  s->spans = malloc(n * sizeof *s->spans);
  s->td = malloc(n * sizeof *s->td);
  if (!s->runit || !s->dunit || !s->ulist || !s->idx || !s->member ||
      !s->eps || !s->veps || !s->prov || !s->atp || !s->spans || !s->td)
    return ZT_ERR_NOMEM;
  s->cap = n;
  return ZT_OK;
}

/* ---- setup ------------------------------------------------------------ */

/* Provider types (from the provider table) and the dense provider index
 * of every provider in the care periods. */
static zt_status init_providers(zt_emit *e, zt_err *err) {
  const zt_metrics_input *in = e->in;
  const zt_norm_result *nr = e->nr;
  zt_u64map type_of;
  zt_status st = ZT_OK;
  uint64_t v;
  e->types = calloc(in->nproviders + 1, sizeof *e->types);
  if (!e->types)
    return zt_fail(err, ZT_ERR_NOMEM, "metrics: out of memory");
  zt_u64map_init(&type_of);
  for (size_t i = 0; i < in->nproviders && !st; i++) {
    const char *t = in->providers[i].type;
    size_t k;
    if (!t[0])
      continue;   /* no type: counted as "onbekend" */
    for (k = 0; k < e->ntypes; k++)
      if (strcmp(e->types[k], t) == 0)
        break;
    if (k == e->ntypes)
      zt_strlcpy(e->types[e->ntypes++], t, sizeof e->types[0]);
    if (zt_u64map_put(&type_of, in->providers[i].agb, k))
      st = ZT_ERR_NOMEM;
  }
  memcpy(e->types[e->ntypes++], "onbekend", sizeof "onbekend");
  for (size_t i = 0; i < nr->ncps && !st; i++) {
    uint32_t agb = nr->cps[i].agb;
    if (agb >= 1u << AGB_BITS) {
      zt_u64map_free(&type_of);
      return zt_fail(err, ZT_ERR_INPUT, "metrics: care period %zu: provider "
                     "code %u is not an AGB code", i, agb);
    }
    if (zt_u64map_get(&e->pidx, agb, &v))
      continue;
    if (e->nprov % 1024 == 0) {
      uint32_t *a = realloc(e->pagb, (e->nprov + 1024) * sizeof *a);
      int32_t *t = a ? realloc(e->ptype, (e->nprov + 1024) * sizeof *t)
                     : NULL;
      if (a)
        e->pagb = a;
      if (t)
        e->ptype = t;
      if (!a || !t) {
        st = ZT_ERR_NOMEM;
        break;
      }
    }
    e->pagb[e->nprov] = agb;
    e->ptype[e->nprov] = zt_u64map_get(&type_of, agb, &v)
                             ? (int32_t)v
                             : (int32_t)e->ntypes - 1;
    if (zt_u64map_put(&e->pidx, agb, e->nprov))
      st = ZT_ERR_NOMEM;
    e->nprov++;
  }
  zt_u64map_free(&type_of);
  if (st)
    return zt_fail(err, st, "metrics: out of memory");
  return ZT_OK;
}

static int cmp_member(const void *pa, const void *pb) {
  const zt_member *a = pa, *b = pb;
  if (a->gemeente != b->gemeente)
    return a->gemeente < b->gemeente ? -1 : 1;
  if (a->from != b->from)
    return a->from < b->from ? -1 : 1;
  return 0;
}

static bool overlaps_member(const zt_member *m, const zt_period *p) {
  return (m->from == ZT_DAY_NONE || m->from <= p->end) &&
         (m->to == ZT_DAY_NONE || m->to >= p->begin);
}

static zt_status init_units(zt_emit *e, zt_err *err) {
  const zt_norm_config *cfg = e->cfg;
  const zt_refdata *rd = e->in->norm.refdata;
  size_t nm = cfg->nmembers, nu = 1;
  zt_day bday = cfg->boundary_day != ZT_DAY_NONE
                    ? cfg->boundary_day
                    : zt_day_from_ymd(ZT_YEAR_MAX, 12, 31);
  e->members = malloc((nm + 1) * sizeof *e->members);
  e->unit_code = malloc((nm + 1) * sizeof *e->unit_code);
  e->mfirst = calloc(nm + 1, sizeof *e->mfirst);
  e->mend = calloc(nm + 1, sizeof *e->mend);
  e->always = calloc(nm + 1, sizeof *e->always);
  if (!e->members || !e->unit_code || !e->mfirst || !e->mend || !e->always)
    return zt_fail(err, ZT_ERR_NOMEM, "metrics: out of memory");
  if (nm)
    memcpy(e->members, cfg->members, nm * sizeof *e->members);
  zt_qsort(e->members, nm, sizeof *e->members, cmp_member);
  e->unit_code[0] = ZT_GEMEENTE_REGIO;
  for (size_t i = 0; i < nm; i++) {
    const zt_member *m = &e->members[i];
    if (m->gemeente == 0 || m->gemeente >= 10000)
      return zt_fail(err, ZT_ERR_USAGE, "region: municipality code %u is "
                     "not a four-digit code", m->gemeente);
    if (i == 0 || m->gemeente != e->members[i - 1].gemeente) {
      if (nu >= MAX_UNITS)
        return zt_fail(err, ZT_ERR_USAGE, "region: too many municipalities");
      e->unit_code[nu] = m->gemeente;
      e->unit_of[m->gemeente] = (int16_t)nu;
      e->mfirst[nu] = i;
      nu++;
    }
    e->mend[nu - 1] = i + 1;
    if (m->from == ZT_DAY_NONE && m->to == ZT_DAY_NONE)
      e->always[nu - 1] = true;
  }
  e->nunits = nu;
  e->unit_rows = calloc(e->nperiods * nu, sizeof *e->unit_rows);
  if (!e->unit_rows)
    return zt_fail(err, ZT_ERR_NOMEM, "metrics: out of memory");
  for (size_t p = 0; p < e->nperiods; p++) {
    e->unit_rows[p * nu] = true;
    for (size_t u = 1; u < nu; u++) {
      uint16_t code = e->unit_code[u];
      bool any = false;
      for (size_t i = e->mfirst[u]; i < e->mend[u]; i++)
        any = any || overlaps_member(&e->members[i], &e->periods[p]);
      /* With current boundaries a code that merged away before the
       * boundary day has no care periods of its own: no row. */
      if (!cfg->boundaries_historic && zt_gemeente_on(rd, code, bday) != code)
        any = false;
      e->unit_rows[p * nu + u] = any;
    }
  }
  return ZT_OK;
}

typedef struct named {
  const char *pseudonym;
  uint32_t client;
} named;

static int cmp_pseudonym(const void *pa, const void *pb) {
  const named *a = pa, *b = pb;
  int c = strcmp(a->pseudonym, b->pseudonym);
  if (c)
    return c;
  return a->client < b->client ? -1 : a->client > b->client;
}

/* Rank every client by pseudonym (then index), once, so that top-N ties
 * compare integers. */
static zt_status init_ranks(zt_emit *e, zt_err *err) {
  size_t n = e->nr->nclients;
  named *order = malloc((n + 1) * sizeof *order);
  e->prank = malloc((n + 1) * sizeof *e->prank);
  if (!order || !e->prank) {
    free(order);
    return zt_fail(err, ZT_ERR_NOMEM, "metrics: out of memory");
  }
  for (size_t c = 0; c < n; c++) {
    order[c].pseudonym = e->in->norm.clients[c].pseudonym;
    order[c].client = (uint32_t)c;
  }
  if (n > 1)
    zt_qsort(order, n, sizeof *order, cmp_pseudonym);
  for (size_t r = 0; r < n; r++)
    e->prank[order[r].client] = (uint32_t)r;
  free(order);
  return ZT_OK;
}

zt_status zt_emit_init(zt_emit *e, const zt_norm_result *nr,
                       const zt_metrics_input *in, const zt_period *periods,
                       size_t nperiods, zt_day peildatum, zt_ind_table *out,
                       zt_err *err) {
  zt_status st;
  size_t nacc;
  memset(e, 0, sizeof *e);
  zt_u64map_init(&e->pidx);
  zt_u64map_init(&e->outside);
  memset(e->unit_of, 0xff, sizeof e->unit_of);
  e->in = in;
  e->cfg = in->norm.config;
  e->nr = nr;
  e->periods = periods;
  e->nperiods = nperiods;
  e->out = out;
  if (!e->cfg || !in->norm.refdata)
    return zt_fail(err, ZT_ERR_USAGE, "metrics: no configuration or "
                   "reference data");
  if (!nperiods || nperiods >= MAX_PERIODS)
    return zt_fail(err, ZT_ERR_USAGE, "metrics: between 1 and %u periods "
                   "please", MAX_PERIODS - 1);
  if (e->cfg->top_n < 1 || e->cfg->episode_gap_days < 0)
    return zt_fail(err, ZT_ERR_USAGE, "metrics: top_n must be >= 1 and "
                   "the episode gap >= 0");
  if (nr->nclients && !in->norm.clients)
    return zt_fail(err, ZT_ERR_USAGE, "metrics: no client table");
  for (int k = 0; k < ZT_K_COUNT; k++) {
    e->kgroups[k] = zt_kind_groups((zt_care_kind)k);
    e->krank[k] = zt_kind_restrictiveness((zt_care_kind)k);
  }
  e->vmask = zt_kind_mask_groups(ZT_G_VERBLIJF);
  e->peil = malloc(nperiods * sizeof *e->peil);
  if (!e->peil)
    return zt_fail(err, ZT_ERR_NOMEM, "metrics: out of memory");
  for (size_t p = 0; p < nperiods; p++)
    e->peil[p] = peildatum == ZT_DAY_NONE ? periods[p].end : peildatum;
  if ((st = init_units(e, err)) || (st = init_providers(e, err)) ||
      (st = init_ranks(e, err)))
    return st;
  nacc = nperiods * e->nunits;
  e->acc = calloc(nacc, sizeof *e->acc);
  e->pblock = calloc(nacc, sizeof *e->pblock);
  e->pt_block = calloc(nacc * e->ntypes * 3, sizeof *e->pt_block);
  if (!e->acc || !e->pblock || !e->pt_block)
    return zt_fail(err, ZT_ERR_NOMEM, "metrics: out of memory");
  for (size_t i = 0; i < nacc; i++) {
    e->acc[i].pt_days = e->pt_block + i * e->ntypes * 3;
    e->acc[i].pt_pairs = e->acc[i].pt_days + e->ntypes;
    e->acc[i].pt_eps = e->acc[i].pt_pairs + e->ntypes;
  }
  return zt_rate_init(e, err);
}

void zt_emit_free(zt_emit *e) {
  if (e->acc)
    for (size_t i = 0; i < e->nperiods * e->nunits; i++)
      free(e->acc[i].coh);
  free(e->acc);
  free(e->pop);
  free(e->pt_block);
  free(e->peil);
  free(e->unit_code);
  free(e->unit_rows);
  free(e->mfirst);
  free(e->mend);
  free(e->always);
  free(e->members);
  if (e->pblock)
    for (size_t i = 0; i < e->nperiods * e->nunits; i++)
      free(e->pblock[i]);
  free(e->pblock);
  free(e->types);
  zt_u64map_free(&e->outside);
  free(e->pagb);
  free(e->ptype);
  free(e->prank);
  zt_u64map_free(&e->pidx);
  zt_flow_acc_free(e->flow);
  memset(e, 0, sizeof *e);
}

/* ---- one client ------------------------------------------------------- */

/* The unit (1..M) of a care period attributed to `code` on `day`, or 0
 * when that is not a member on that day. */
static uint16_t unit_for(const zt_emit *e, uint16_t code, zt_day day) {
  int u = code < 10000 ? e->unit_of[code] : -1;
  if (u <= 0)
    return 0;
  if (e->always[u])
    return (uint16_t)u;
  for (size_t i = e->mfirst[u]; i < e->mend[u]; i++) {
    const zt_member *m = &e->members[i];
    if ((m->from == ZT_DAY_NONE || day >= m->from) &&
        (m->to == ZT_DAY_NONE || day <= m->to))
      return (uint16_t)u;
  }
  return 0;
}

static int cmp_span(const void *pa, const void *pb) {
  const span *a = pa, *b = pb;
  if (a->agb != b->agb)
    return a->agb < b->agb ? -1 : 1;
  if (a->b != b->b)
    return a->b < b->b ? -1 : 1;
  return a->e < b->e ? -1 : a->e > b->e;
}

/* Dense index of a provider seen in the care periods. */
static uint32_t prov_of(const zt_emit *e, uint32_t agb) {
  uint64_t v = 0;
  zt_u64map_get(&e->pidx, agb, &v);
  return (uint32_t)v;
}

/* Provider days of the chosen episode: per provider, the union of its
 * periods in the episode, cut at the measured end. */
static void provider_days(const zt_emit *e, scratch *s,
                          const zt_careperiod *cps, const uint32_t *idx,
                          size_t m, int32_t chosen, zt_day mend,
                          contrib *cc) {
  size_t ns = 0;
  for (size_t j = 0; j < m; j++) {
    const zt_careperiod *cp;
    if (s->member[j] != chosen)
      continue;
    cp = &cps[idx[j]];
    s->spans[ns].agb = cp->agb;
    s->spans[ns].b = cp->begin;
    s->spans[ns].e = cp->end < mend ? cp->end : mend;
    ns++;
  }
  zt_qsort(s->spans, ns, sizeof *s->spans, cmp_span);
  cc->ntd = 0;
  for (size_t i = 0; i < ns;) {
    uint32_t agb = s->spans[i].agb;
    int64_t days = 0;
    zt_day cb = s->spans[i].b, ce = s->spans[i].e;
    for (; i < ns && s->spans[i].agb == agb; i++) {
      if (s->spans[i].b > ce + 1) {
        days += ce - cb + 1;
        cb = s->spans[i].b;
        ce = s->spans[i].e;
      } else if (s->spans[i].e > ce) {
        ce = s->spans[i].e;
      }
    }
    days += ce - cb + 1;
    s->td[cc->ntd].type = e->ptype[prov_of(e, agb)];
    s->td[cc->ntd].days = days;
    cc->ntd++;
  }
}

/* A client's birth date and the days it turns 12 and 13, so that "age
 * < 12 on day x" is x < day12 (29 February: 1 March in common years). */
typedef struct who {
  zt_day birth, day12, day13;
} who;

static zt_day birthday(zt_day birth, int years) {
  int y, m, d;
  zt_day_to_ymd(birth, &y, &m, &d);
  y += years;
  if (m == 2 && d == 29 && !zt_is_leap(y))
    return zt_day_from_ymd(y, 3, 1);
  return zt_day_from_ymd(y, m, d);
}

static who who_of(zt_day birth) {
  who w = {birth, ZT_DAY_NONE, ZT_DAY_NONE};
  if (birth != ZT_DAY_NONE) {
    w.day12 = birthday(birth, 12);
    w.day13 = birthday(birth, 13);
  }
  return w;
}

/* The cohort episode of the client in P, if any: the latest-beginning
 * episode that overlaps P. */
static void cohort(const zt_emit *e, scratch *s, const zt_careperiod *cps,
                   const uint32_t *idx, size_t m, size_t neps, size_t p,
                   const who *w, contrib *cc) {
  const zt_period *P = &e->periods[p];
  zt_day D = e->peil[p];
  int32_t chosen = -1;
  const zt_episode *ep;
  size_t ei = 0;
  for (size_t i = 0; i < neps; i++)
    if (s->eps[i].begin <= P->end && s->eps[i].end >= P->begin)
      chosen = (int32_t)i;
  if (chosen < 0)
    return;
  ep = &s->eps[chosen];
  cc->cohort = true;
  cc->duration = zt_episode_duration(ep, D);
  cc->ended = zt_episode_ended(ep, P, D);
  cc->gone = ep->end < D;
  cc->le12 = w->birth != ZT_DAY_NONE &&
             (ep->begin > P->begin ? ep->begin : P->begin) < w->day13;
  cc->age = w->birth != ZT_DAY_NONE ? zt_age_years(w->birth, D) : -1;
  cc->cost = ep->cost;
  cc->nproviders = ep->nproviders;
  for (size_t j = 0; j < m; j++) {
    const zt_careperiod *cp = &cps[idx[j]];
    unsigned g = e->kgroups[cp->kind];
    if (cp->begin > D)
      break;
    if (g & ZT_G_VERBLIJF)
      cc->hist += cp->amount;
    if (g & ZT_G_AMBULANT) {
      while (ei < neps && s->eps[ei].end < cp->begin)
        ei++;
      if (!(ei < neps && s->eps[ei].begin <= cp->begin))
        cc->amb += cp->amount;
    }
  }
  provider_days(e, s, cps, idx, m, chosen, zt_episode_measured_end(ep, D),
                cc);
}

/* One client's contribution, for the subset idx[0..m), to period p. */
static void compute(const zt_emit *e, scratch *s, const zt_careperiod *cps,
                    const uint32_t *idx, size_t m, size_t nveps, size_t neps,
                    size_t p, const who *w, contrib *cc) {
  const zt_period *P = &e->periods[p];
  zt_day D = e->peil[p], vlast = ZT_DAY_NONE;
  int vrank = -1;
  memset(cc, 0, sizeof *cc);
  cc->vkind = -1;
  for (size_t j = 0; j < m; j++) {
    const zt_careperiod *cp = &cps[idx[j]];
    unsigned k = cp->kind, g = e->kgroups[k];
    if (cp->begin <= P->end && cp->end >= P->begin) {
      cc->kmask |= 1u << k;
      if (g & ZT_G_VERBLIJF) {
        zt_day last = cp->end < P->end ? cp->end : P->end;
        if (vlast == ZT_DAY_NONE || last > vlast ||
            (last == vlast && e->krank[k] > vrank)) {
          vlast = last;
          cc->vkind = (int)k;
          vrank = e->krank[k];
        }
      }
      if (((g & ZT_G_RESIDENTIEEL) || k == ZT_K_GGZ_KLINISCH) &&
          w->birth != ZT_DAY_NONE &&
          (cp->begin > P->begin ? cp->begin : P->begin) < w->day12) {
        if (g & ZT_G_RESIDENTIEEL)
          cc->res_u12 = true;
        else
          cc->ggz_u12 = true;
      }
    }
    if (cp->begin >= P->begin && cp->begin <= P->end) {
      size_t i;
      cc->spany = true;
      cc->spmask |= 1u << k;
      cc->spend += cp->amount;
      cc->spend_kind[k] += cp->amount;
      for (i = 0; i < cc->nprov && s->prov[i].agb != cp->agb; i++)
        ;
      if (i == cc->nprov) {
        s->prov[i].agb = cp->agb;
        s->prov[i].amount = 0;
        cc->nprov++;
      }
      s->prov[i].amount += cp->amount;
    }
    if ((g & ZT_G_VERBLIJF) && cp->begin <= D && D <= cp->end) {
      size_t i;
      cc->atpmask |= 1u << k;
      for (i = 0; i < cc->natp && s->atp[i] != cp->agb; i++)
        ;
      if (i == cc->natp)
        s->atp[cc->natp++] = cp->agb;
    }
  }
  for (size_t i = 0; i < nveps; i++) {
    const zt_episode *v = &s->veps[i];
    if (v->begin >= P->begin && v->begin <= P->end) {
      cc->placements++;
      if (e->kgroups[cps[idx[v->first]].kind] & ZT_G_RESIDENTIEEL)
        cc->placements_res++;
    }
  }
  cohort(e, s, cps, idx, m, neps, p, w, cc);
}

/* The provider slots of (p, u), allocated when first needed. */
static zt_pslot *pslots(zt_emit *e, size_t p, size_t u) {
  zt_pslot **b = &e->pblock[p * e->nunits + u];
  if (!*b)
    *b = calloc(e->nprov ? e->nprov : 1, sizeof **b);
  return *b;
}

static zt_status push_cohort(zt_acc *a, const zt_cohort_rec *r) {
  if (a->ncoh == a->capcoh) {
    size_t cap = a->capcoh ? a->capcoh * 2 : 16;
    zt_cohort_rec *n = realloc(a->coh, cap * sizeof *n);
    if (!n)
      return ZT_ERR_NOMEM;
    a->coh = n;
    a->capcoh = cap;
  }
  a->coh[a->ncoh++] = *r;
  return ZT_OK;
}

/* Add a client's contribution to the accumulator of (p, u). */
static zt_status apply(zt_emit *e, const scratch *s, size_t p, size_t u,
                       const contrib *cc, uint32_t client) {
  zt_acc *a = zt_acc_at(e, p, u);
  zt_status st = ZT_OK;
  if (cc->kmask) {
    a->clients++;
    for (int k = 0; k < ZT_K_COUNT; k++)
      if (cc->kmask >> k & 1u) {
        a->clients_kind[k]++;
        if (e->kgroups[k] & ZT_G_GI)
          a->gi[k]++;
      }
    a->ggz += cc->kmask >> ZT_K_GGZ_KLINISCH & 1u;
    a->bw += cc->kmask >> ZT_K_BESCHERMD_WONEN & 1u;
  }
  if (cc->spany) {
    a->spend += cc->spend;
    a->spend_n++;
    for (int k = 0; k < ZT_K_COUNT; k++)
      if (cc->spmask >> k & 1u) {
        a->spend_kind[k] += cc->spend_kind[k];
        a->spend_n_kind[k]++;
      }
    zt_pslot *ps = cc->nprov ? pslots(e, p, u) : NULL;
    if (cc->nprov && !ps)
      return ZT_ERR_NOMEM;
    for (size_t i = 0; i < cc->nprov; i++) {
      zt_pslot *x = &ps[prov_of(e, s->prov[i].agb)];
      x->spend += s->prov[i].amount;
      x->seen = 1;
    }
  }
  if (cc->vkind >= 0) {
    a->v_clients++;
    a->v_kind[cc->vkind]++;
    a->v_gezinsvorm += (e->kgroups[cc->vkind] & ZT_G_GEZINSVORM) != 0;
    a->v_residentieel += (e->kgroups[cc->vkind] & ZT_G_RESIDENTIEEL) != 0;
  }
  a->res_u12 += cc->res_u12;
  a->ggz_u12 += cc->ggz_u12;
  if (cc->atpmask) {
    a->atp++;
    for (int k = 0; k < ZT_K_COUNT; k++)
      a->atp_kind[k] += cc->atpmask >> k & 1u;
    zt_pslot *ps = pslots(e, p, u);
    if (!ps)
      return ZT_ERR_NOMEM;
    for (size_t i = 0; i < cc->natp; i++)
      ps[prov_of(e, s->atp[i])].atp++;
  }
  a->placements += cc->placements;
  a->placements_res += cc->placements_res;
  if (cc->cohort && !st) {
    zt_cohort_rec r;
    a->ep_n++;
    a->dur += cc->duration;
    a->cost += cc->cost;
    a->hist += cc->hist;
    a->amb += cc->amb;
    if (cc->ended) {
      a->ep_ended++;
      a->dur_ended += cc->duration;
    } else {
      a->ep_cont++;
      a->dur_cont += cc->duration;
      a->cost_cont += cc->cost;
      a->hist_cont += cc->hist;
    }
    a->ep_le12 += cc->le12;
    if (cc->duration <= 30) {
      a->short_n++;
      a->short_ended += cc->gone;
      a->short_dur += cc->duration;
    } else {
      a->long_n++;
      a->long_dur += cc->duration;
    }
    a->dur_bucket[zt_ep_duration_bucket(cc->duration)]++;
    a->prov_bucket[cc->nproviders >= ZT_EP_PROV_BUCKETS
                       ? ZT_EP_PROV_BUCKETS - 1
                   : cc->nproviders >= 1 ? cc->nproviders - 1
                                         : 0]++;
    if (cc->nproviders == 1) {
      a->single++;
    } else if (cc->nproviders >= 2) {
      a->multi_n++;
      a->multi_prov += cc->nproviders;
    }
    for (size_t i = 0; i < cc->ntd; i++) {
      int32_t t = s->td[i].type;
      bool seen = false;
      for (size_t j = 0; j < i && !seen; j++)
        seen = s->td[j].type == t;
      a->pt_days[t] += s->td[i].days;
      a->pt_pairs[t]++;
      a->pt_eps[t] += !seen;
      a->pd_days += s->td[i].days;
      a->pd_pairs++;
    }
    a->pd_eps += cc->ntd > 0;
    r.duration = cc->duration;
    r.age = cc->age;
    r.client = client;
    r.prank = e->prank[client];
    r.cost = cc->cost;
    r.amb = cc->amb;
    st = push_cohort(a, &r);
  }
  return st;
}

/* Every period's contribution of one subset of a client's care periods
 * to the units in targets[0..nt). */
static zt_status do_subset(zt_emit *e, scratch *s, const zt_careperiod *cps,
                           size_t m, const size_t *targets, size_t nt,
                           uint32_t client, zt_day smin, zt_day smax) {
  const zt_norm_config *cfg = e->cfg;
  who w = who_of(e->nr->birth[client]);
  zt_day cut = 0;
  bool built = false;
  size_t nveps, neps = 0;
  contrib cc;
  nveps = zt_episodes_build(cps, s->idx, m, e->vmask, ZT_DAY_NONE,
                            cfg->episode_gap_days, s->veps, NULL);
  for (size_t p = 0; p < e->nperiods; p++) {
    const zt_period *P = &e->periods[p];
    zt_day D = e->peil[p];
    if (!(smin <= P->end && smax >= P->begin) && !(smin <= D && D <= smax))
      continue;
    if (!built || cut != D) {
      neps = zt_episodes_build(cps, s->idx, m, cfg->episode_kinds, D,
                               cfg->episode_gap_days, s->eps, s->member);
      cut = D;
      built = true;
    }
    compute(e, s, cps, s->idx, m, nveps, neps, p, &w, &cc);
    for (size_t t = 0; t < nt; t++) {
      zt_status st = apply(e, s, p, targets[t], &cc, client);
      if (st)
        return st;
    }
  }
  return ZT_OK;
}

/* Declared attribution (wpb.*_declared) for the care periods whose
 * declared unit matches: `u` 0 = any member (the region row). */
static void do_declared(zt_emit *e, const scratch *s,
                        const zt_careperiod *cps, size_t n, uint16_t u,
                        zt_day smin, zt_day smax) {
  for (size_t p = 0; p < e->nperiods; p++) {
    const zt_period *P = &e->periods[p];
    zt_acc *a = zt_acc_at(e, p, u);
    bool any = false, paid = false;
    if (smin > P->end || smax < P->begin)
      continue;
    for (size_t i = 0; i < n; i++) {
      const zt_careperiod *cp = &cps[i];
      if (!s->dunit[i] || (u && s->dunit[i] != u))
        continue;
      if (cp->begin <= P->end && cp->end >= P->begin)
        any = true;
      if (cp->begin >= P->begin && cp->begin <= P->end) {
        paid = true;
        a->decl_spend += cp->amount;
      }
    }
    a->decl_clients += any;
    a->decl_spend_n += paid;
  }
}

/* The region's flows with non-members (accum.h): a client counts as
 * going out when some care overlapping P was declared to a member and
 * none was attributed to one, and the other way round; an amount by
 * the begin date of its line. */
static void flows_outside(zt_emit *e, const scratch *s,
                          const zt_careperiod *cps, size_t n, zt_day smin,
                          zt_day smax) {
  for (size_t p = 0; p < e->nperiods; p++) {
    const zt_period *P = &e->periods[p];
    zt_acc *a = zt_acc_at(e, p, 0);
    bool decl = false, resp = false, paid_out = false, paid_in = false;
    if (smin > P->end || smax < P->begin)
      continue;
    for (size_t i = 0; i < n; i++) {
      const zt_careperiod *cp = &cps[i];
      bool d = s->dunit[i] != 0, r = s->runit[i] != 0;
      if (cp->begin <= P->end && cp->end >= P->begin) {
        decl |= d;
        resp |= r;
      }
      if (cp->begin >= P->begin && cp->begin <= P->end && d != r) {
        if (d) {
          a->out_spend += cp->amount;
          paid_out = true;
        } else {
          a->in_spend += cp->amount;
          paid_in = true;
        }
      }
    }
    a->out_clients += decl && !resp;
    a->in_clients += resp && !decl;
    a->out_spend_n += paid_out;
    a->in_spend_n += paid_in;
  }
}

static void add_unique(uint16_t *list, size_t *n, uint16_t u) {
  for (size_t i = 0; i < *n; i++)
    if (list[i] == u)
      return;
  list[(*n)++] = u;
}

/* dq.outside_region: a care period attributed to a non-member counts in
 * every period that contains its begin date (as its amount would). */
static zt_status count_outside(zt_emit *e, const zt_careperiod *cp) {
  uint64_t code = cp->gem_resp < 10000 ? cp->gem_resp : 0;
  for (size_t p = 0; p < e->nperiods; p++) {
    const zt_period *P = &e->periods[p];
    uint64_t key = (uint64_t)p * 10000u + code, n = 0;
    if (cp->begin < P->begin || cp->begin > P->end)
      continue;
    zt_acc_at(e, p, 0)->outside++;
    zt_u64map_get(&e->outside, key, &n);
    if (zt_u64map_put(&e->outside, key, n + 1))
      return ZT_ERR_NOMEM;
  }
  return ZT_OK;
}

static zt_status do_client(zt_emit *e, scratch *s, uint32_t c) {
  const zt_norm_result *nr = e->nr;
  const zt_careperiod *cps = nr->cps + nr->start[c];
  size_t n = nr->start[c + 1] - nr->start[c], nul = 0, ndl = 0;
  zt_day smin = ZT_DAY_NONE, smax = ZT_DAY_NONE;
  zt_status st;
  if (!n)
    return ZT_OK;
  if ((st = scratch_grow(s, n)))
    return st;
  for (size_t i = 0; i < n; i++) {
    const zt_careperiod *cp = &cps[i];
    if (cp->kind >= ZT_K_COUNT)
      return ZT_ERR_INPUT;
    if (smin == ZT_DAY_NONE || cp->begin < smin)
      smin = cp->begin;
    if (smax == ZT_DAY_NONE || cp->end > smax)
      smax = cp->end;
    s->runit[i] = unit_for(e, cp->gem_resp, cp->begin);
    s->dunit[i] = unit_for(e, cp->gem_declared, cp->begin);
    if (s->runit[i])
      add_unique(s->ulist, &nul, s->runit[i]);
    else if ((st = count_outside(e, cp)))
      return st;
    if (s->dunit[i])
      ndl = 1;
  }
  if (nul) {
    size_t m = 0, targets[2] = {0, s->ulist[0]};
    for (size_t i = 0; i < n; i++)
      if (s->runit[i])
        s->idx[m++] = (uint32_t)i;
    /* One municipality only: its subset is the region's subset. */
    if ((st = do_subset(e, s, cps, m, targets, nul == 1 ? 2 : 1, c, smin,
                        smax)))
      return st;
    for (size_t k = 0; nul > 1 && k < nul; k++) {
      size_t t = s->ulist[k];
      m = 0;
      for (size_t i = 0; i < n; i++)
        if (s->runit[i] == t)
          s->idx[m++] = (uint32_t)i;
      if ((st = do_subset(e, s, cps, m, &t, 1, c, smin, smax)))
        return st;
    }
  }
  if (ndl || nul)
    flows_outside(e, s, cps, n, smin, smax);
  if (ndl) {
    size_t nd = 0;
    do_declared(e, s, cps, n, 0, smin, smax);
    for (size_t i = 0; i < n; i++)
      if (s->dunit[i])
        add_unique(s->ulist, &nd, s->dunit[i]);
    for (size_t k = 0; k < nd; k++)
      do_declared(e, s, cps, n, s->ulist[k], smin, smax);
  }
  return ZT_OK;
}

/* ---- after the pass --------------------------------------------------- */

static int cmp_desc(const void *pa, const void *pb) {
  int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;
  return a > b ? -1 : a < b;
}

/* providers.active and the spend of the ten largest, per (p, u). */
static zt_status finish_providers(zt_emit *e) {
  int64_t *spend = malloc((e->nprov + 1) * sizeof *spend);
  if (!spend)
    return ZT_ERR_NOMEM;
  for (size_t i = 0; i < e->nperiods * e->nunits; i++) {
    const zt_pslot *ps = e->pblock[i];
    size_t n = 0;
    if (!ps)
      continue;
    for (size_t k = 0; k < e->nprov; k++)
      if (ps[k].seen)
        spend[n++] = ps[k].spend;
    zt_qsort(spend, n, sizeof *spend, cmp_desc);
    e->acc[i].prov_active = (int64_t)n;
    for (size_t k = 0; k < n && k < 10; k++)
      e->acc[i].prov_top10 += spend[k];
  }
  free(spend);
  return ZT_OK;
}

/* Longest first; ties by the higher episode cost, ambulant cost and
 * age, then by pseudonym. Every value a top-N mean uses comes before the
 * pseudonym, so the published means never depend on the key: records
 * the pseudonym orders are equal in all of them. */
static int cmp_cohort(const void *pa, const void *pb) {
  const zt_cohort_rec *a = pa, *b = pb;
  if (a->duration != b->duration)
    return a->duration > b->duration ? -1 : 1;
  if (a->cost != b->cost)
    return a->cost > b->cost ? -1 : 1;
  if (a->amb != b->amb)
    return a->amb > b->amb ? -1 : 1;
  if (a->age != b->age)
    return a->age > b->age ? -1 : 1;
  return a->prank < b->prank ? -1 : a->prank > b->prank;
}

static void finish_top(zt_emit *e) {
  for (size_t i = 0; i < e->nperiods * e->nunits; i++) {
    zt_acc *a = &e->acc[i];
    size_t n = a->ncoh < (size_t)e->cfg->top_n ? a->ncoh
                                                : (size_t)e->cfg->top_n;
    if (a->ncoh > 1)
      zt_qsort(a->coh, a->ncoh, sizeof *a->coh, cmp_cohort);
    a->top_n = (int64_t)n;
    for (size_t k = 0; k < n; k++) {
      a->top_dur += a->coh[k].duration;
      a->top_cost += a->coh[k].cost;
      a->top_amb += a->coh[k].amb;
      if (a->coh[k].age >= 0) {
        a->top_age += a->coh[k].age;
        a->top_age_n++;
      }
    }
  }
}

zt_status zt_emit_pass(zt_emit *e, zt_err *err) {
  scratch s;
  zt_status st = ZT_OK;
  memset(&s, 0, sizeof s);
  for (size_t c = 0; c < e->nr->nclients && !st; c++) {
    st = do_client(e, &s, (uint32_t)c);
    if (st == ZT_ERR_INPUT)
      st = zt_fail(err, st, "metrics: client %zu: a care period has a "
                   "kind out of range", c);
  }
  scratch_release(&s);
  if (!st && finish_providers(e))
    st = ZT_ERR_NOMEM;
  if (st == ZT_ERR_NOMEM)
    return zt_fail(err, st, "metrics: out of memory");
  if (!st)
    finish_top(e);
  return st;
}

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
#include "core/str.h"
#include "metrics/accum.h"
#include "metrics/episode.h"

#define AGB_BITS 28
#define UNIT_BITS 12
#define MAX_UNITS (1u << UNIT_BITS)
#define MAX_PERIODS (1u << 12)

static uint64_t pkey(size_t p, size_t u, uint32_t agb) {
  return (uint64_t)p << (AGB_BITS + UNIT_BITS) | (uint64_t)u << AGB_BITS |
         agb;
}

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

static zt_status init_types(zt_emit *e, zt_err *err) {
  const zt_metrics_input *in = e->in;
  e->types = calloc(in->nproviders + 1, sizeof *e->types);
  if (!e->types)
    return zt_fail(err, ZT_ERR_NOMEM, "metrics: out of memory");
  zt_u64map_init(&e->ptype);
  for (size_t i = 0; i < in->nproviders; i++) {
    const char *t = in->providers[i].type;
    size_t k;
    if (!t[0])
      continue;   /* no type: counted as "onbekend" */
    for (k = 0; k < e->ntypes; k++)
      if (strcmp(e->types[k], t) == 0)
        break;
    if (k == e->ntypes)
      zt_strlcpy(e->types[e->ntypes++], t, sizeof e->types[0]);
    if (zt_u64map_put(&e->ptype, in->providers[i].agb, k))
      return zt_fail(err, ZT_ERR_NOMEM, "metrics: out of memory");
  }
  memcpy(e->types[e->ntypes++], "onbekend", sizeof "onbekend");
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
  qsort(e->members, nm, sizeof *e->members, cmp_member);
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

zt_status zt_emit_init(zt_emit *e, const zt_norm_result *nr,
                       const zt_metrics_input *in, const zt_period *periods,
                       size_t nperiods, zt_day peildatum, zt_ind_table *out,
                       zt_err *err) {
  zt_status st;
  size_t nacc;
  memset(e, 0, sizeof *e);
  zt_u64map_init(&e->prov);
  zt_u64map_init(&e->atp);
  zt_u64map_init(&e->ptype);
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
  if ((st = init_units(e, err)) || (st = init_types(e, err)))
    return st;
  nacc = nperiods * e->nunits;
  e->acc = calloc(nacc, sizeof *e->acc);
  e->pt_block = calloc(nacc * e->ntypes * 3, sizeof *e->pt_block);
  e->outside = calloc(10000, sizeof *e->outside);
  if (!e->acc || !e->pt_block || !e->outside)
    return zt_fail(err, ZT_ERR_NOMEM, "metrics: out of memory");
  for (size_t i = 0; i < nacc; i++) {
    e->acc[i].pt_days = e->pt_block + i * e->ntypes * 3;
    e->acc[i].pt_pairs = e->acc[i].pt_days + e->ntypes;
    e->acc[i].pt_eps = e->acc[i].pt_pairs + e->ntypes;
  }
  return ZT_OK;
}

void zt_emit_free(zt_emit *e) {
  if (e->acc)
    for (size_t i = 0; i < e->nperiods * e->nunits; i++)
      free(e->acc[i].coh);
  free(e->acc);
  free(e->pt_block);
  free(e->peil);
  free(e->unit_code);
  free(e->unit_rows);
  free(e->mfirst);
  free(e->mend);
  free(e->always);
  free(e->members);
  free(e->types);
  free(e->outside);
  free(e->atp_rows);
  zt_u64map_free(&e->prov);
  zt_u64map_free(&e->atp);
  zt_u64map_free(&e->ptype);
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

static int32_t type_of(const zt_emit *e, uint32_t agb) {
  uint64_t v;
  if (zt_u64map_get(&e->ptype, agb, &v))
    return (int32_t)v;
  return (int32_t)e->ntypes - 1;
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
  qsort(s->spans, ns, sizeof *s->spans, cmp_span);
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
    s->td[cc->ntd].type = type_of(e, agb);
    s->td[cc->ntd].days = days;
    cc->ntd++;
  }
}

/* The cohort episode of the client in P, if any: the latest-beginning
 * episode that overlaps P. */
static void cohort(const zt_emit *e, scratch *s, const zt_careperiod *cps,
                   const uint32_t *idx, size_t m, size_t neps, size_t p,
                   zt_day birth, contrib *cc) {
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
  cc->le12 = birth != ZT_DAY_NONE &&
             zt_age_years(birth, ep->begin > P->begin ? ep->begin
                                                       : P->begin) <= 12;
  cc->age = birth != ZT_DAY_NONE ? zt_age_years(birth, D) : -1;
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
                    size_t p, zt_day birth, contrib *cc) {
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
          birth != ZT_DAY_NONE &&
          zt_age_years(birth, cp->begin > P->begin ? cp->begin
                                                    : P->begin) < 12) {
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
  cohort(e, s, cps, idx, m, neps, p, birth, cc);
}

static zt_status map_add(zt_u64map *m, uint64_t key, int64_t x) {
  uint64_t v = 0;
  zt_u64map_get(m, key, &v);
  return zt_u64map_put(m, key, (uint64_t)((int64_t)v + x));
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
    for (size_t i = 0; i < cc->nprov && !st; i++)
      st = map_add(&e->prov, pkey(p, u, s->prov[i].agb), s->prov[i].amount);
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
    for (size_t i = 0; i < cc->natp && !st; i++)
      st = map_add(&e->atp, pkey(p, u, s->atp[i]), 1);
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
      a->short_dur += cc->duration;
    } else {
      a->long_n++;
      a->long_dur += cc->duration;
    }
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
    r.pseudonym = e->in->norm.clients[client].pseudonym;
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
  zt_day birth = e->nr->birth[client], cut = 0;
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
    compute(e, s, cps, s->idx, m, nveps, neps, p, birth, &cc);
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
                        const zt_careperiod *cps, size_t n, uint16_t u) {
  for (size_t p = 0; p < e->nperiods; p++) {
    const zt_period *P = &e->periods[p];
    zt_acc *a = zt_acc_at(e, p, u);
    bool any = false, paid = false;
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

static void add_unique(uint16_t *list, size_t *n, uint16_t u) {
  for (size_t i = 0; i < *n; i++)
    if (list[i] == u)
      return;
  list[(*n)++] = u;
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
    if (cp->agb >= 1u << AGB_BITS || cp->kind >= ZT_K_COUNT)
      return ZT_ERR_INPUT;
    if (smin == ZT_DAY_NONE || cp->begin < smin)
      smin = cp->begin;
    if (smax == ZT_DAY_NONE || cp->end > smax)
      smax = cp->end;
    s->runit[i] = unit_for(e, cp->gem_resp, cp->begin);
    s->dunit[i] = unit_for(e, cp->gem_declared, cp->begin);
    if (s->runit[i])
      add_unique(s->ulist, &nul, s->runit[i]);
    else {
      e->outside[cp->gem_resp < 10000 ? cp->gem_resp : 0]++;
      e->outside_total++;
    }
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
  if (ndl) {
    size_t nd = 0;
    do_declared(e, s, cps, n, 0);
    for (size_t i = 0; i < n; i++)
      if (s->dunit[i])
        add_unique(s->ulist, &nd, s->dunit[i]);
    for (size_t k = 0; k < nd; k++)
      do_declared(e, s, cps, n, s->ulist[k]);
  }
  return ZT_OK;
}

/* ---- after the pass --------------------------------------------------- */

typedef struct prow {
  uint64_t pu;
  int64_t spend;
} prow;

static int cmp_prow(const void *pa, const void *pb) {
  const prow *a = pa, *b = pb;
  if (a->pu != b->pu)
    return a->pu < b->pu ? -1 : 1;
  if (a->spend != b->spend)
    return a->spend > b->spend ? -1 : 1;
  return 0;
}

static zt_status finish_providers(zt_emit *e) {
  prow *rows = malloc((e->prov.count + 1) * sizeof *rows);
  size_t n = 0;
  if (!rows)
    return ZT_ERR_NOMEM;
  for (size_t i = 0; i < e->prov.cap; i++)
    if (e->prov.keys[i] != UINT64_MAX) {
      rows[n].pu = e->prov.keys[i] >> AGB_BITS;
      rows[n].spend = (int64_t)e->prov.vals[i];
      n++;
    }
  qsort(rows, n, sizeof *rows, cmp_prow);
  for (size_t i = 0; i < n;) {
    size_t j = i;
    zt_acc *a = zt_acc_at(e, (size_t)(rows[i].pu >> UNIT_BITS),
                          (size_t)(rows[i].pu & (MAX_UNITS - 1)));
    for (; j < n && rows[j].pu == rows[i].pu; j++) {
      a->prov_active++;
      if (j - i < 10)
        a->prov_top10 += rows[j].spend;
    }
    i = j;
  }
  free(rows);
  return ZT_OK;
}

static int cmp_atp(const void *pa, const void *pb) {
  const zt_atp_row *a = pa, *b = pb;
  return a->key < b->key ? -1 : a->key > b->key;
}

static zt_status finish_atp(zt_emit *e) {
  size_t n = 0;
  e->atp_rows = malloc((e->atp.count + 1) * sizeof *e->atp_rows);
  if (!e->atp_rows)
    return ZT_ERR_NOMEM;
  for (size_t i = 0; i < e->atp.cap; i++)
    if (e->atp.keys[i] != UINT64_MAX) {
      e->atp_rows[n].key = e->atp.keys[i];
      e->atp_rows[n].clients = (int64_t)e->atp.vals[i];
      n++;
    }
  qsort(e->atp_rows, n, sizeof *e->atp_rows, cmp_atp);
  e->natp_rows = n;
  for (size_t i = 0; i < n; i++) {
    uint64_t pu = e->atp_rows[i].key >> AGB_BITS;
    zt_acc *a = zt_acc_at(e, (size_t)(pu >> UNIT_BITS),
                          (size_t)(pu & (MAX_UNITS - 1)));
    if (!a->atp_count)
      a->atp_first = i;
    a->atp_count++;
  }
  return ZT_OK;
}

/* Longest first; ties by pseudonym, then client index. */
static int cmp_cohort(const void *pa, const void *pb) {
  const zt_cohort_rec *a = pa, *b = pb;
  int c;
  if (a->duration != b->duration)
    return a->duration > b->duration ? -1 : 1;
  if ((c = strcmp(a->pseudonym, b->pseudonym)))
    return c;
  return a->client < b->client ? -1 : a->client > b->client;
}

static void finish_top(zt_emit *e) {
  for (size_t i = 0; i < e->nperiods * e->nunits; i++) {
    zt_acc *a = &e->acc[i];
    size_t n = a->ncoh < (size_t)e->cfg->top_n ? a->ncoh
                                                : (size_t)e->cfg->top_n;
    if (a->ncoh > 1)
      qsort(a->coh, a->ncoh, sizeof *a->coh, cmp_cohort);
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
                   "provider code or kind out of range", c);
  }
  scratch_release(&s);
  if (!st && (finish_providers(e) || finish_atp(e)))
    st = ZT_ERR_NOMEM;
  if (st == ZT_ERR_NOMEM)
    return zt_fail(err, st, "metrics: out of memory");
  if (!st)
    finish_top(e);
  return st;
}

/*
 * metrics/flow.c -- the flow.* family: access and outflow from the
 * region's own iJw traffic (docs/indicators.md, "Toegang en
 * uitstroom"), and dq.flow_broken_links.
 *
 * Linking (docs/inputs.md, "Linking the flow"): a request (JW315) is
 * answered by the assignment (JW301) of the same provider and
 * municipality naming its ReferentieAanbieder; a start (JW305) belongs
 * to the assignment with its municipality and ToewijzingNummer (without
 * one: the client's assignment of that provider, municipality and
 * product begun last on or before the start); a stop (JW307) to the
 * start with its key (client, provider, municipality, ToewijzingNummer,
 * product, Begindatum); a declaration (JW323) to a start of its client,
 * provider, municipality and ToewijzingNummer.
 *
 * Everything is computed once per run (the first flow.* id asked) into
 * per (period, unit) tallies and day samples; each id then writes its
 * rows. An event belongs to the municipality of its message (Ontvanger
 * of JW315/305/307, Afzender of JW301) when that is a member on the
 * event's day, mapped like every other code to the boundary day; the
 * region is the sum of its members.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/kinds.h"
#include "core/sort.h"
#include "etl/refdata.h"
#include "metrics/accum.h"

#define NORM_DEFAULT 42
#define UNANSWERED_DAYS 56
#define REENTRY_6M 182
#define REENTRY_12M 365
#define NREASON 40            /* JZ588 codes are below 40 */
#define NVERW 9               /* TypeVerwijzer 1..8 */
#define NBROKEN 5

static const int jz588[] = {2, 20, 31, 32, 33, 34, 35, 36, 37, 38, 39};
#define NJZ588 ((int)(sizeof jz588 / sizeof jz588[0]))

/* CBS reden beeindiging of a JZ588 code (domain mapping, our reading):
 * 31 -> 01, 34 -> 02, 32 -> 03, 33 -> 04, 35 and 02 -> 05; the rest
 * (20 a pause, 36-39 administrative or transfers) -> overig. */
#define CBS_OVERIG 5
static const char *const cbs_names[CBS_OVERIG + 1] = {
    "volgens_plan", "in_overeenstemming", "door_client", "door_aanbieder",
    "extern", "overig"};
static int cbs_of(int r) {
  switch (r) {
  case 31: return 0;
  case 34: return 1;
  case 32: return 2;
  case 33: return 3;
  case 35:
  case 2: return 4;
  default: return CBS_OVERIG;
  }
}

/* Is a stop with reason r a definitive ending (docs/indicators.md,
 * "Definitive endings")? Those whose reason says how the care ended:
 * 02 and 31-35, the CBS reasons 01-05. Not 20 (a pause: the care
 * resumes), 36 (ended by the municipality), 37 (a change request: the
 * care goes on under a changed assignment), 38 (on at another
 * provider) and 39 (on in another domain): CBS overig. The share
 * volgens plan, the mean duration of ended care and re-entry count
 * these only. */
static bool definitive(int r) {
  return cbs_of(r) != CBS_OVERIG;
}

static const char *verwijzer_name(int v) {
  switch (v) {
  case 1: return "gemeente";
  case 2: return "huisarts";
  case 3: return "jeugdarts";
  case 4: return "gi";
  case 5: return "medisch_specialist";
  case 6: return "geen";
  case 8: return "rechter";
  default: return NULL;
  }
}

static const char *const broken_names[NBROKEN] = {
    "start_zonder_toewijzing", "start_voor_toewijzing",
    "stop_zonder_start", "declaratie_zonder_start",
    "verzoek_onbeantwoord"};
enum { B_START_NO_ASSIGN, B_START_EARLY, B_STOP_NO_START, B_DECL_NO_START,
       B_UNANSWERED };

typedef struct tally {
  int64_t requests, verw[NVERW], assignments;
  int64_t waiting, waiting_k[ZT_K_COUNT], over, over_k[ZT_K_COUNT];
  int64_t stops, reason[NREASON], cbs[CBS_OVERIG + 1];
  int64_t definitive, plan, dur_sum;
  int64_t re_den, re6, re12;
} tally;

/* One day sample of a wait, for medians: (period, unit, kind) and days;
 * kind ZT_K_COUNT is the total. */
typedef struct sample {
  uint32_t p, u;
  int32_t k, days;
} sample;

typedef struct svec {
  sample *v;
  size_t n, cap;
} svec;

struct zt_flow_acc {
  bool present;
  zt_day first;               /* the first day of the month of the first
                                 request, start or stop */
  tally *t;                   /* [p * nunits + u] */
  svec ra, as;                /* request->assignment, assignment->start */
  int64_t broken[NBROKEN];    /* run-wide, except ... */
  int64_t *unanswered;        /* ... per period (peildatum) */
};

void zt_flow_acc_free(struct zt_flow_acc *f) {
  if (!f)
    return;
  free(f->t);
  free(f->ra.v);
  free(f->as.v);
  free(f->unanswered);
  free(f);
}

static bool spush(svec *s, uint32_t p, uint32_t u, int k, int32_t days) {
  if (s->n == s->cap) {
    size_t c = s->cap ? s->cap * 2 : 256;
    sample *v = realloc(s->v, c * sizeof *v);
    if (!v)
      return false;
    s->v = v;
    s->cap = c;
  }
  s->v[s->n++] = (sample){p, u, k, days};
  return true;
}

static int cmp_sample(const void *pa, const void *pb) {
  const sample *a = pa, *b = pb;
  if (a->p != b->p)
    return a->p < b->p ? -1 : 1;
  if (a->u != b->u)
    return a->u < b->u ? -1 : 1;
  if (a->k != b->k)
    return a->k < b->k ? -1 : 1;
  return (a->days > b->days) - (a->days < b->days);
}

/* ---- context ---------------------------------------------------------- */

typedef struct ctx {
  zt_emit *e;
  const zt_flow_data *f;
  const zt_refdata *rd;
  zt_day bday;
  size_t *as_by_ref;          /* assignments with a reference, sorted by
                                 (agb, gemeente, ref, assigned) */
  size_t nas_by_ref;
  size_t *as_by_client;       /* assignments by (client, agb, gemeente,
                                 begin) */
  size_t *st_by_key;          /* starts by their key */
  size_t *st_by_client;       /* starts by (client, begin) */
  int *start_assign;          /* start -> assignment index, or -1 */
  zt_day *first_start;        /* assignment -> first linked start day */
  int8_t *as_kind, *st_kind;
} ctx;

static ctx *g_sort;           /* the sort comparators' context */

/* The unit of a municipality code on day d: a member's unit, else -1. */
static int unit_on(const ctx *c, uint16_t code, zt_day d) {
  const zt_norm_config *cfg = c->e->cfg;
  uint16_t to;
  if (code == 0 || code >= 10000 ||
      !zt_member_on(cfg->members, cfg->nmembers, code, d))
    return -1;
  to = cfg->boundaries_historic ? code : zt_gemeente_on(c->rd, code, c->bday);
  if (to >= 10000 || c->e->unit_of[to] <= 0)
    return -1;
  return c->e->unit_of[to];
}

/* The care kind of a product: the region's catalogue (its code, for the
 * municipality or all, valid on the day), else the category's default,
 * else overig. */
static int kind_of(const ctx *c, int category, const char *code,
                   uint16_t gem, zt_day d) {
  const zt_norm_input *in = &c->e->in->norm;
  const zt_category *cat;
  if (code[0])
    for (size_t i = 0; i < in->nproducts; i++) {
      const zt_productcode *p = &in->products[i];
      if (strcmp(p->code, code) != 0 ||
          (p->gemeente != 0 && p->gemeente != gem) ||
          (p->valid_from != ZT_DAY_NONE && d < p->valid_from) ||
          (p->valid_to != ZT_DAY_NONE && d > p->valid_to))
        continue;
      if (p->kind >= 0 && p->kind < ZT_K_COUNT)
        return p->kind;
    }
  cat = category >= 0 ? zt_refdata_category(c->rd, category) : NULL;
  if (cat && cat->default_kind >= 0 && cat->default_kind < ZT_K_COUNT)
    return cat->default_kind;
  return ZT_K_OVERIG;
}

static int cmp_u32(uint32_t a, uint32_t b) { return (a > b) - (a < b); }
static int cmp_i64(int64_t a, int64_t b) { return (a > b) - (a < b); }

static int cmp_as_ref(const void *pa, const void *pb) {
  const zt_flow_assign *a = &g_sort->f->assign[*(const size_t *)pa],
                       *b = &g_sort->f->assign[*(const size_t *)pb];
  int r = cmp_u32(a->agb, b->agb);
  if (!r) r = cmp_u32(a->gemeente, b->gemeente);
  if (!r) r = strcmp(a->ref, b->ref);
  if (!r) r = cmp_i64(a->assigned, b->assigned);
  if (!r) r = cmp_i64(a->toewijzing, b->toewijzing);
  return r;
}

static int cmp_as_client(const void *pa, const void *pb) {
  const zt_flow_assign *a = &g_sort->f->assign[*(const size_t *)pa],
                       *b = &g_sort->f->assign[*(const size_t *)pb];
  int r = cmp_u32(a->client, b->client);
  if (!r) r = cmp_u32(a->agb, b->agb);
  if (!r) r = cmp_u32(a->gemeente, b->gemeente);
  if (!r) r = cmp_i64(a->begin, b->begin);
  if (!r) r = cmp_i64(a->toewijzing, b->toewijzing);
  return r;
}

/* A start's key without Begindatum, then Begindatum. */
static int cmp_care_key(const zt_flow_care *a, const zt_flow_care *b,
                        bool with_begin) {
  int r = cmp_u32(a->client, b->client);
  if (!r) r = cmp_u32(a->agb, b->agb);
  if (!r) r = cmp_u32(a->gemeente, b->gemeente);
  if (!r) r = cmp_i64(a->toewijzing, b->toewijzing);
  if (!r && with_begin) r = cmp_i64(a->category, b->category);
  if (!r && with_begin) r = strcmp(a->code, b->code);
  if (!r && with_begin) r = cmp_i64(a->begin, b->begin);
  return r;
}

static int cmp_st_key(const void *pa, const void *pb) {
  const zt_flow_care *a = &g_sort->f->starts[*(const size_t *)pa],
                     *b = &g_sort->f->starts[*(const size_t *)pb];
  int r = cmp_care_key(a, b, true);
  return r ? r : cmp_u32((uint32_t)*(const size_t *)pa,
                         (uint32_t)*(const size_t *)pb);
}

static int cmp_st_client(const void *pa, const void *pb) {
  const zt_flow_care *a = &g_sort->f->starts[*(const size_t *)pa],
                     *b = &g_sort->f->starts[*(const size_t *)pb];
  int r = cmp_u32(a->client, b->client);
  if (!r) r = cmp_i64(a->begin, b->begin);
  return r;
}

static size_t *index_sorted(ctx *c, size_t n,
                            int (*cmp)(const void *, const void *)) {
  size_t *ix = malloc((n ? n : 1) * sizeof *ix);
  if (!ix)
    return NULL;
  for (size_t i = 0; i < n; i++)
    ix[i] = i;
  g_sort = c;
  zt_qsort(ix, n, sizeof *ix, cmp);
  return ix;
}

/* The assignment (gemeente, toewijzing), or -1 (they are sorted so). */
static int find_assign(const ctx *c, uint16_t gem, int64_t tw) {
  size_t lo = 0, hi = c->f->nassign;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const zt_flow_assign *a = &c->f->assign[mid];
    int r = cmp_u32(a->gemeente, gem);
    if (!r) r = cmp_i64(a->toewijzing, tw);
    if (r == 0)
      return (int)mid;
    if (r < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return -1;
}

/* A start without ToewijzingNummer: its client's assignment of that
 * provider, municipality (and product, when both name one) begun last
 * on or before the start, else the first one begun after it. */
static int find_assign_loose(const ctx *c, const zt_flow_care *z) {
  int best = -1, after = -1;
  size_t lo = 0, hi = c->f->nassign;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const zt_flow_assign *a = &c->f->assign[c->as_by_client[mid]];
    int r = cmp_u32(a->client, z->client);
    if (!r) r = cmp_u32(a->agb, z->agb);
    if (!r) r = cmp_u32(a->gemeente, z->gemeente);
    if (r < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (size_t i = lo; i < c->f->nassign; i++) {
    const zt_flow_assign *a = &c->f->assign[c->as_by_client[i]];
    if (a->client != z->client || a->agb != z->agb ||
        a->gemeente != z->gemeente)
      break;
    if (z->category >= 0 && a->category >= 0 && z->category != a->category)
      continue;
    if (z->code[0] && a->code[0] && strcmp(z->code, a->code) != 0)
      continue;
    if (a->begin <= z->begin)
      best = (int)c->as_by_client[i];
    else if (after < 0)
      after = (int)c->as_by_client[i];
  }
  return best >= 0 ? best : after;
}

/* Is there a start with the stop's key? */
static bool has_start(const ctx *c, const zt_flow_care *z, bool exact) {
  size_t lo = 0, hi = c->f->nstarts;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int r = cmp_care_key(&c->f->starts[c->st_by_key[mid]], z, exact);
    if (r == 0)
      return true;
    if (r < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return false;
}

/* The first start of `client` after day `after`, or ZT_DAY_NONE. */
static zt_day next_start(const ctx *c, uint32_t client, zt_day after) {
  size_t lo = 0, hi = c->f->nstarts;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const zt_flow_care *s = &c->f->starts[c->st_by_client[mid]];
    if (s->client < client || (s->client == client && s->begin <= after))
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < c->f->nstarts && c->f->starts[c->st_by_client[lo]].client ==
                                client)
    return c->f->starts[c->st_by_client[lo]].begin;
  return ZT_DAY_NONE;
}

static bool in_p(const zt_period *p, zt_day d) {
  return d != ZT_DAY_NONE && d >= p->begin && d <= p->end;
}

/* Add x to the unit's tally and the region's. */
#define ADD(e, f, p, u, field, x)                                         \
  do {                                                                    \
    (f)->t[(p) * (e)->nunits + (size_t)(u)].field += (x);                 \
    (f)->t[(p) * (e)->nunits].field += (x);                               \
  } while (0)

typedef struct laststop {
  uint32_t client;
  int32_t unit;
  zt_day end;
} laststop;

static int cmp_laststop(const void *pa, const void *pb) {
  const laststop *a = pa, *b = pb;
  int r = cmp_u32(a->client, b->client);
  if (!r) r = cmp_i64(a->end, b->end);
  return r;
}

static zt_status compute(zt_emit *e, struct zt_flow_acc *F) {
  const zt_flow_data *f = e->in->flow;
  const zt_norm_config *cfg = e->cfg;
  int norm = e->in->wait_norm_days > 0 ? e->in->wait_norm_days
                                       : NORM_DEFAULT;
  size_t np = e->nperiods, nu = e->nunits;
  zt_day first_start = ZT_DAY_NONE;
  laststop *ls = NULL;
  ctx c;
  zt_status st = ZT_OK;

  memset(&c, 0, sizeof c);
  c.e = e;
  c.f = f;
  c.rd = e->in->norm.refdata;
  c.bday = cfg->boundary_day != ZT_DAY_NONE
               ? cfg->boundary_day
               : zt_day_from_ymd(ZT_YEAR_MAX, 12, 31);
  F->t = calloc(np * nu, sizeof *F->t);
  F->unanswered = calloc(np ? np : 1, sizeof *F->unanswered);
  c.as_by_ref = index_sorted(&c, f->nassign, cmp_as_ref);
  c.as_by_client = index_sorted(&c, f->nassign, cmp_as_client);
  c.st_by_key = index_sorted(&c, f->nstarts, cmp_st_key);
  c.st_by_client = index_sorted(&c, f->nstarts, cmp_st_client);
  c.start_assign = malloc((f->nstarts + 1) * sizeof *c.start_assign);
  c.first_start = malloc((f->nassign + 1) * sizeof *c.first_start);
  c.as_kind = malloc(f->nassign + 1);
  c.st_kind = malloc(f->nstarts + 1);
  ls = malloc((f->nstops + 1) * sizeof *ls);
  if (!F->t || !F->unanswered || !c.as_by_ref || !c.as_by_client ||
      !c.st_by_key || !c.st_by_client || !c.start_assign ||
      !c.first_start || !c.as_kind || !c.st_kind || !ls) {
    st = ZT_ERR_NOMEM;
    goto out;
  }

  /* assignments: their kind; starts: their assignment */
  for (size_t i = 0; i < f->nassign; i++) {
    const zt_flow_assign *a = &f->assign[i];
    c.first_start[i] = ZT_DAY_NONE;
    c.as_kind[i] = (int8_t)kind_of(&c, a->category, a->code, a->gemeente,
                                   a->begin);
  }
  for (size_t i = 0; i < f->nstarts; i++) {
    const zt_flow_care *z = &f->starts[i];
    int a = z->toewijzing >= 0 ? find_assign(&c, z->gemeente, z->toewijzing)
                               : find_assign_loose(&c, z);
    c.start_assign[i] = a;
    if (first_start == ZT_DAY_NONE || z->begin < first_start)
      first_start = z->begin;
    if (a < 0) {
      F->broken[B_START_NO_ASSIGN]++;
      c.st_kind[i] = (int8_t)kind_of(&c, z->category, z->code, z->gemeente,
                                     z->begin);
      continue;
    }
    c.st_kind[i] = z->code[0] || z->category >= 0
                       ? (int8_t)kind_of(&c, z->category, z->code,
                                         z->gemeente, z->begin)
                       : c.as_kind[a];
    if (z->begin < f->assign[a].begin)
      F->broken[B_START_EARLY]++;
    if (c.first_start[a] == ZT_DAY_NONE || z->begin < c.first_start[a])
      c.first_start[a] = z->begin;
  }
  for (size_t i = 0; i < f->nstops; i++)
    if (!has_start(&c, &f->stops[i], true))
      F->broken[B_STOP_NO_START]++;
  /* declarations from the first start on, without a start of theirs */
  for (size_t i = 0; i < f->ndecls && first_start != ZT_DAY_NONE; i++) {
    const zt_flow_decl *d = &f->decls[i];
    zt_flow_care key;
    if (d->first < first_start)
      continue;
    memset(&key, 0, sizeof key);
    key.client = d->client;
    key.agb = d->agb;
    key.gemeente = d->gemeente;
    key.toewijzing = d->toewijzing;
    if (!has_start(&c, &key, false))
      F->broken[B_DECL_NO_START]++;
  }

  for (size_t p = 0; p < np; p++) {
    const zt_period *P = &e->periods[p];
    zt_day peil = e->peil[p];
    size_t nls = 0;
    /* requests, and the assignments answering them */
    for (size_t i = 0; i < f->nreq; i++) {
      const zt_flow_req *q = &f->req[i];
      int u = unit_on(&c, q->gemeente, q->day);
      int ans = -1;
      size_t lo = 0, hi = f->nassign;
      /* the earliest assignment naming the request */
      while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const zt_flow_assign *a = &f->assign[c.as_by_ref[mid]];
        int r = cmp_u32(a->agb, q->agb);
        if (!r) r = cmp_u32(a->gemeente, q->gemeente);
        if (!r) r = strcmp(a->ref, q->ref);
        if (r < 0)
          lo = mid + 1;
        else
          hi = mid;
      }
      if (lo < f->nassign) {
        const zt_flow_assign *a = &f->assign[c.as_by_ref[lo]];
        if (a->agb == q->agb && a->gemeente == q->gemeente &&
            strcmp(a->ref, q->ref) == 0)
          ans = (int)c.as_by_ref[lo];
      }
      if (q->day <= peil && peil - q->day > UNANSWERED_DAYS) {
        const zt_flow_assign *a = ans >= 0 ? &f->assign[ans] : NULL;
        zt_day made = a ? (a->assigned != ZT_DAY_NONE ? a->assigned
                                                      : a->begin)
                        : ZT_DAY_NONE;
        if (!a || made > peil)
          F->unanswered[p]++;
      }
      if (u < 0)
        continue;
      if (in_p(P, q->day)) {
        ADD(e, F, p, u, requests, 1);
        if (q->verwijzer > 0 && q->verwijzer < NVERW)
          ADD(e, F, p, u, verw[q->verwijzer], 1);
      }
      if (ans >= 0) {
        const zt_flow_assign *a = &f->assign[ans];
        zt_day made = a->assigned != ZT_DAY_NONE ? a->assigned : a->begin;
        if (in_p(P, made) && made >= q->day) {
          if (!spush(&F->ra, (uint32_t)p, (uint32_t)u, ZT_K_COUNT,
                     made - q->day) ||
              !spush(&F->ra, (uint32_t)p, 0, ZT_K_COUNT, made - q->day)) {
            st = ZT_ERR_NOMEM;
            goto out;
          }
        }
      }
    }
    /* assignments made in P; waiting on the peildatum */
    for (size_t i = 0; i < f->nassign; i++) {
      const zt_flow_assign *a = &f->assign[i];
      zt_day made = a->assigned != ZT_DAY_NONE ? a->assigned : a->begin;
      int u = unit_on(&c, a->gemeente, a->begin);
      int k = c.as_kind[i];
      if (u < 0 || a->reason == 13)
        continue;
      if (in_p(P, made))
        ADD(e, F, p, u, assignments, 1);
      if (made <= peil && a->begin <= peil && first_start != ZT_DAY_NONE &&
          a->begin >= first_start &&
          (a->end == ZT_DAY_NONE || a->end >= peil) &&
          (c.first_start[i] == ZT_DAY_NONE || c.first_start[i] > peil)) {
        ADD(e, F, p, u, waiting, 1);
        ADD(e, F, p, u, waiting_k[k], 1);
        if (peil - a->begin > norm) {
          ADD(e, F, p, u, over, 1);
          ADD(e, F, p, u, over_k[k], 1);
        }
      }
    }
    /* starts in P: the wait since the assignment's Ingangsdatum */
    for (size_t i = 0; i < f->nstarts; i++) {
      const zt_flow_care *z = &f->starts[i];
      int a = c.start_assign[i], u, k = c.st_kind[i];
      int32_t days;
      if (a < 0 || !in_p(P, z->begin) || z->begin < f->assign[a].begin)
        continue;
      u = unit_on(&c, z->gemeente, z->begin);
      if (u < 0)
        continue;
      days = z->begin - f->assign[a].begin;
      if (!spush(&F->as, (uint32_t)p, (uint32_t)u, ZT_K_COUNT, days) ||
          !spush(&F->as, (uint32_t)p, 0, ZT_K_COUNT, days) ||
          !spush(&F->as, (uint32_t)p, (uint32_t)u, k, days) ||
          !spush(&F->as, (uint32_t)p, 0, k, days)) {
        st = ZT_ERR_NOMEM;
        goto out;
      }
    }
    /* stops in P */
    for (size_t i = 0; i < f->nstops; i++) {
      const zt_flow_care *z = &f->stops[i];
      int u = unit_on(&c, z->gemeente, z->end);
      if (u < 0 || !in_p(P, z->end))
        continue;
      ADD(e, F, p, u, stops, 1);
      if (z->reason >= 0 && z->reason < NREASON)
        ADD(e, F, p, u, reason[z->reason], 1);
      ADD(e, F, p, u, cbs[cbs_of(z->reason)], 1);
      if (!definitive(z->reason))
        continue;
      ADD(e, F, p, u, definitive, 1);
      ADD(e, F, p, u, plan, z->reason == 31);
      ADD(e, F, p, u, dur_sum, z->end - z->begin);
      ls[nls++] = (laststop){z->client, u, z->end};
    }
    /* re-entry: per client its last definitive stop in P */
    zt_qsort(ls, nls, sizeof *ls, cmp_laststop);
    for (size_t i = 0; i < nls; i++) {
      zt_day next;
      if (i + 1 < nls && ls[i + 1].client == ls[i].client)
        continue;
      ADD(e, F, p, ls[i].unit, re_den, 1);
      next = next_start(&c, ls[i].client, ls[i].end);
      if (next != ZT_DAY_NONE && next - ls[i].end <= REENTRY_6M)
        ADD(e, F, p, ls[i].unit, re6, 1);
      if (next != ZT_DAY_NONE && next - ls[i].end <= REENTRY_12M)
        ADD(e, F, p, ls[i].unit, re12, 1);
    }
  }
  zt_qsort(F->ra.v, F->ra.n, sizeof *F->ra.v, cmp_sample);
  zt_qsort(F->as.v, F->as.n, sizeof *F->as.v, cmp_sample);
out:
  free(c.as_by_ref);
  free(c.as_by_client);
  free(c.st_by_key);
  free(c.st_by_client);
  free(c.start_assign);
  free(c.first_start);
  free(c.as_kind);
  free(c.st_kind);
  free(ls);
  return st;
}

/* The median (exact: num / 2) or the 90th percentile (nearest rank) of
 * the samples of (p, u, k); false when there are none. */
static bool quantile(const svec *s, size_t p, size_t u, int k, bool p90,
                     int64_t *num, int64_t *den, int64_t *n) {
  size_t lo = 0, hi = s->n, end;
  sample key = {(uint32_t)p, (uint32_t)u, k, INT32_MIN};
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (cmp_sample(&s->v[mid], &key) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  end = lo;
  while (end < s->n && s->v[end].p == p && s->v[end].u == u &&
         s->v[end].k == k)
    end++;
  *n = (int64_t)(end - lo);
  if (!*n)
    return false;
  if (p90) {
    size_t rank = ((size_t)*n * 9 + 9) / 10;   /* ceil(0.9 n) */
    *num = s->v[lo + rank - 1].days;
    *den = 1;
  } else if (*n % 2) {
    *num = s->v[lo + (size_t)*n / 2].days;
    *den = 1;
  } else {
    *num = (int64_t)s->v[lo + (size_t)*n / 2 - 1].days +
           s->v[lo + (size_t)*n / 2].days;
    *den = 2;
  }
  return true;
}

static zt_status put_q(zt_emit *e, const zt_ind_def *d, const svec *s,
                       size_t p, size_t u, bool p90, bool kinds) {
  int64_t num, den, n;
  zt_status st = ZT_OK;
  if (quantile(s, p, u, ZT_K_COUNT, p90, &num, &den, &n))
    st = zt_ind_put(e, d, p, u, NULL, num, den, n);
  for (int k = 0; kinds && k < ZT_K_COUNT && !st; k++) {
    char bd[64];
    if (!quantile(s, p, u, k, p90, &num, &den, &n))
      continue;
    snprintf(bd, sizeof bd, "kind=%s", zt_kind_id((zt_care_kind)k));
    st = zt_ind_put(e, d, p, u, bd, num, den, n);
  }
  return st;
}

/* The total, and for the region its non-zero kind rows. A municipality
 * gets no kind rows: its waiting children are few per kind, a kind's
 * municipality rows add up to the region's exactly, and protecting those
 * small cells hid most municipalities' totals, the figure the report
 * shows (docs/indicators.md). */
static zt_status put_kinds(zt_emit *e, const zt_ind_def *d, size_t p,
                           size_t u, int64_t total, const int64_t *k) {
  zt_status st = zt_ind_put(e, d, p, u, NULL, total, 1, total);
  for (int i = 0; i < ZT_K_COUNT && !st && e->unit_code[u] == 0; i++) {
    char bd[64];
    if (!k[i])
      continue;
    snprintf(bd, sizeof bd, "kind=%s", zt_kind_id((zt_care_kind)i));
    st = zt_ind_put(e, d, p, u, bd, k[i], 1, k[i]);
  }
  return st;
}

static zt_day first_day(const zt_flow_data *f) {
  zt_day first = ZT_DAY_NONE;
  for (size_t i = 0; f && i < f->nreq; i++)
    if (first == ZT_DAY_NONE || f->req[i].day < first)
      first = f->req[i].day;
  for (size_t i = 0; f && i < f->nstarts; i++)
    if (first == ZT_DAY_NONE || f->starts[i].begin < first)
      first = f->starts[i].begin;
  for (size_t i = 0; f && i < f->nstops; i++)
    if (first == ZT_DAY_NONE || f->stops[i].end < first)
      first = f->stops[i].end;
  return first;
}

zt_status zt_fam_flow(zt_emit *e, const zt_ind_def *d) {
  struct zt_flow_acc *F = e->flow;
  zt_status st = ZT_OK;
  if (!F) {
    if (!(F = e->flow = calloc(1, sizeof *F)))
      return ZT_ERR_NOMEM;
    F->present = zt_flow_present(e->in->flow);
    if (F->present && (st = compute(e, F)))
      return st;
    F->first = first_day(e->in->flow);
    if (F->first != ZT_DAY_NONE) {
      int y, m, dd;
      zt_day_to_ymd(F->first, &y, &m, &dd);
      F->first = zt_day_from_ymd(y, m, 1);
    }
  }
  if (!F->present)
    return ZT_OK;
  for (size_t p = 0; p < e->nperiods && !st; p++)
    for (size_t u = 0; u < e->nunits && !st; u++) {
      const tally *t = &F->t[p * e->nunits + u];
      const zt_period *P = &e->periods[p];
      char bd[64];
      /* no rows for a period that begins before the month of the
       * flow's first message: its figures would cover part of it only
       * (a year next to a whole year as if the region's requests
       * doubled) */
      if (!zt_ind_want(e, d, p, u) || P->begin < F->first)
        continue;
      switch (d->slot) {
      case ZT_F_REQUESTS:
        st = zt_ind_put(e, d, p, u, NULL, t->requests, 1, t->requests);
        for (int v = 1; v < NVERW && !st; v++) {
          if (!verwijzer_name(v))
            continue;
          snprintf(bd, sizeof bd, "verwijzer=%s", verwijzer_name(v));
          st = zt_ind_put(e, d, p, u, bd, t->verw[v], 1, t->verw[v]);
        }
        break;
      case ZT_F_SHARE_HUISARTS:
        if (t->requests)
          st = zt_ind_put(e, d, p, u, NULL, t->verw[2], t->requests,
                          t->requests);
        break;
      case ZT_F_ASSIGNMENTS:
        st = zt_ind_put(e, d, p, u, NULL, t->assignments, 1,
                        t->assignments);
        break;
      case ZT_F_WAIT_RA_MED:
      case ZT_F_WAIT_RA_P90:
        st = put_q(e, d, &F->ra, p, u, d->slot == ZT_F_WAIT_RA_P90, false);
        break;
      case ZT_F_WAIT_AS_MED:
      case ZT_F_WAIT_AS_P90:
        st = put_q(e, d, &F->as, p, u, d->slot == ZT_F_WAIT_AS_P90, true);
        break;
      case ZT_F_WAITING:
        st = put_kinds(e, d, p, u, t->waiting, t->waiting_k);
        break;
      case ZT_F_WAITING_OVER:
        st = put_kinds(e, d, p, u, t->over, t->over_k);
        break;
      case ZT_F_STOPS:
        st = zt_ind_put(e, d, p, u, NULL, t->stops, 1, t->stops);
        for (int i = 0; i < NJZ588 && !st; i++) {
          snprintf(bd, sizeof bd, "reason=%02d", jz588[i]);
          st = zt_ind_put(e, d, p, u, bd, t->reason[jz588[i]], 1,
                          t->reason[jz588[i]]);
        }
        break;
      case ZT_F_STOPS_CBS:
        for (int i = 0; i <= CBS_OVERIG && !st; i++) {
          snprintf(bd, sizeof bd, "cbs=%s", cbs_names[i]);
          st = zt_ind_put(e, d, p, u, bd, t->cbs[i], 1, t->cbs[i]);
        }
        break;
      case ZT_F_SHARE_PLAN:
        if (t->definitive)
          st = zt_ind_put(e, d, p, u, NULL, t->plan, t->definitive,
                          t->definitive);
        break;
      case ZT_F_DURATION:
        if (t->definitive)
          st = zt_ind_put(e, d, p, u, NULL, t->dur_sum, t->definitive,
                          t->definitive);
        break;
      case ZT_F_REENTRY_6M:
      case ZT_F_REENTRY_12M: {
        bool six = d->slot == ZT_F_REENTRY_6M;
        int span = six ? REENTRY_6M : REENTRY_12M;
        if (t->re_den && e->peil[p] - P->end >= span)
          st = zt_ind_put(e, d, p, u, NULL, six ? t->re6 : t->re12,
                          t->re_den, t->re_den);
        break;
      }
      case ZT_F_BROKEN: {
        int64_t b[NBROKEN], total = 0;
        memcpy(b, F->broken, sizeof b);
        b[B_UNANSWERED] = F->unanswered[p];
        for (int i = 0; i < NBROKEN; i++)
          total += b[i];
        st = zt_ind_put(e, d, p, u, NULL, total, 1, total);
        for (int i = 0; i < NBROKEN && !st; i++) {
          snprintf(bd, sizeof bd, "reason=%s", broken_names[i]);
          st = zt_ind_put(e, d, p, u, bd, b[i], 1, b[i]);
        }
        break;
      }
      default:
        st = ZT_ERR_INTERNAL;
      }
    }
  return st;
}

/*
 * etl/normalize.c -- declaration lines to care periods (see normalize.h
 * and docs/rules.md).
 *
 * Two passes over the lines and one over the clients: count the live lines
 * per client, place each line's care period in its client's slot (a
 * counting sort on the dense client index, no comparison sort of ten
 * million rows), then per client sort its few periods by begin, build the
 * chains of stays and decide the responsible municipality. Memory is the
 * care periods plus a few arrays per client.
 */
#include "etl/normalize.h"
#include "core/sort.h"

#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/kinds.h"
#include "core/str.h"

void zt_norm_config_default(zt_norm_config *c) {
  memset(c, 0, sizeof *c);
  c->woonplaatsbeginsel = ZT_WPB_RESTATED;
  c->boundaries_historic = false;
  c->boundary_day = ZT_DAY_NONE;
  c->verblijf_gap_days = 0;
  c->episode_kinds = zt_kind_mask_groups(ZT_G_INSTELLING);
  c->episode_gap_days = 7;
  c->top_n = 25;
}

uint32_t zt_kind_mask_groups(unsigned groups) {
  uint32_t m = 0;
  for (int k = 0; k < ZT_K_COUNT; k++)
    if (zt_kind_in((zt_care_kind)k, groups))
      m |= 1u << k;
  return m;
}

zt_status zt_kind_mask_parse(const char *s, uint32_t *mask, zt_err *err) {
  uint32_t m = 0;
  const char *p = s ? s : "";
  for (;;) {
    const char *q = strchr(p, ',');
    size_t n = q ? (size_t)(q - p) : strlen(p);
    char word[32];
    const char *w = p;
    unsigned g;
    int k;
    zt_trim(&w, &n);
    if (!zt_slice_copy(word, sizeof word, w, n) || !word[0])
      return zt_fail(err, ZT_ERR_USAGE,
                     "episode kinds '%s': expected group names or kind ids "
                     "separated by commas", s ? s : "");
    if ((g = zt_group_from_name(word)) != 0)
      m |= zt_kind_mask_groups(g);
    else if ((k = zt_kind_from_id(word)) >= 0)
      m |= 1u << k;
    else
      return zt_fail(err, ZT_ERR_USAGE,
                     "episode kinds: '%s' is neither a group nor a kind",
                     word);
    if (!q)
      break;
    p = q + 1;
  }
  *mask = m;
  return ZT_OK;
}

static bool parse_opt_date(const char *s, size_t n, zt_day *out) {
  zt_trim(&s, &n);
  if (!n) {
    *out = ZT_DAY_NONE;
    return true;
  }
  return zt_date_parse(s, n, out) == ZT_OK;
}

zt_status zt_members_parse(const char *s, zt_member **out, size_t *n,
                           zt_err *err) {
  size_t cap = 1, count = 0;
  const char *p = s ? s : "";
  zt_member *m;
  for (const char *c = p; *c; c++)
    cap += *c == ',';
  *out = NULL;
  *n = 0;
  m = calloc(cap, sizeof *m);
  if (!m)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  for (;;) {
    const char *q = strchr(p, ',');
    size_t len = q ? (size_t)(q - p) : strlen(p);
    const char *item = p, *at, *dots;
    size_t clen;
    zt_trim(&item, &len);
    if (len) {
      zt_member *e = &m[count];
      at = memchr(item, '@', len);
      clen = at ? (size_t)(at - item) : len;
      zt_trim(&item, &clen);
      e->from = e->to = ZT_DAY_NONE;
      if (!zt_gemeente_parse(item, clen, &e->gemeente))
        goto bad;
      if (at) {
        const char *r = at + 1;
        size_t rlen = len - (size_t)(r - item);
        dots = NULL;
        for (size_t i = 0; i + 1 < rlen; i++)
          if (r[i] == '.' && r[i + 1] == '.') {
            dots = r + i;
            break;
          }
        if (!dots || !parse_opt_date(r, (size_t)(dots - r), &e->from) ||
            !parse_opt_date(dots + 2, rlen - (size_t)(dots + 2 - r), &e->to))
          goto bad;
        if (e->from != ZT_DAY_NONE && e->to != ZT_DAY_NONE && e->to < e->from)
          goto bad;
      }
      count++;
    }
    if (!q)
      break;
    p = q + 1;
  }
  *out = m;
  *n = count;
  return ZT_OK;
bad:
  free(m);
  return zt_fail(err, ZT_ERR_USAGE,
                 "region municipalities '%s': expected codes like 0402 or "
                 "0457@..2022-03-23, separated by commas", s ? s : "");
}

bool zt_member_on(const zt_member *m, size_t n, uint16_t code, zt_day d) {
  for (size_t i = 0; i < n; i++)
    if (m[i].gemeente == code &&
        (m[i].from == ZT_DAY_NONE || d >= m[i].from) &&
        (m[i].to == ZT_DAY_NONE || d <= m[i].to))
      return true;
  return false;
}

zt_day zt_birth_effective(const zt_nclient *c) {
  int y, m, d;
  if (c->birth == ZT_DAY_NONE || c->birth_precision >= 3)
    return ZT_DAY_NONE;
  if (c->birth_precision == 0)
    return c->birth;
  zt_day_to_ymd(c->birth, &y, &m, &d);
  return zt_day_from_ymd(y, c->birth_precision == 1 ? m : 1, 1);
}

/* ---- the product catalogue ------------------------------------------ */

typedef struct catalogue {
  const zt_productcode *p;
  uint32_t *order;          /* product indexes sorted by code */
  zt_u64map map;            /* code key -> first << 32 | count */
} catalogue;

/* A product code of at most 5 bytes packed into a map key (never the
 * map's reserved UINT64_MAX: the top bytes stay zero). */
static uint64_t code_key(const char *code) {
  uint64_t k = 0;
  size_t n = strnlen(code, ZT_CODE_MAX);
  for (size_t i = 0; i < n; i++)
    k |= (uint64_t)(unsigned char)code[i] << (8 * (i + 1));
  return k | n;
}

typedef struct keyed {
  uint64_t key;
  uint32_t idx;
} keyed;

static int cmp_keyed(const void *pa, const void *pb) {
  const keyed *a = pa, *b = pb;
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static zt_status catalogue_init(catalogue *c, const zt_productcode *p,
                                size_t n) {
  keyed *k;
  memset(c, 0, sizeof *c);
  zt_u64map_init(&c->map);
  c->p = p;
  if (!n)
    return ZT_OK;
  c->order = malloc(n * sizeof *c->order);
  k = malloc(n * sizeof *k);
  if (!c->order || !k) {
    free(k);
    return ZT_ERR_NOMEM;
  }
  for (size_t i = 0; i < n; i++) {
    k[i].key = code_key(p[i].code);
    k[i].idx = (uint32_t)i;
  }
  zt_qsort(k, n, sizeof *k, cmp_keyed);
  for (size_t i = 0; i < n; i++)
    c->order[i] = k[i].idx;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && k[j].key == k[i].key)
      j++;
    if (zt_u64map_put(&c->map, k[i].key, (uint64_t)i << 32 | (j - i))) {
      free(k);
      return ZT_ERR_NOMEM;
    }
    i = j;
  }
  free(k);
  return ZT_OK;
}

static void catalogue_free(catalogue *c) {
  free(c->order);
  zt_u64map_free(&c->map);
}

/* The kind for `code` declared to `gem` (or its successor `gem2`) on day
 * `d`, or -1. A municipality-specific row beats a general one; among
 * equals the latest valid_from wins, then the first listed. */
static int catalogue_kind(const catalogue *c, const char *code, uint16_t gem,
                          uint16_t gem2, zt_day d) {
  uint64_t v;
  int best = -1, best_spec = 0;
  zt_day best_from = 0;
  if (!code[0] || !zt_u64map_get(&c->map, code_key(code), &v))
    return -1;
  for (size_t i = (size_t)(v >> 32), e = i + (v & 0xffffffffu); i < e; i++) {
    const zt_productcode *p = &c->p[c->order[i]];
    int spec;
    zt_day from = p->valid_from == ZT_DAY_NONE ? INT32_MIN + 1
                                                : p->valid_from;
    if ((p->valid_from != ZT_DAY_NONE && d < p->valid_from) ||
        (p->valid_to != ZT_DAY_NONE && d > p->valid_to))
      continue;
    if (p->gemeente == 0)
      spec = 1;
    else if (p->gemeente == gem || p->gemeente == gem2)
      spec = 2;
    else
      continue;
    if (p->kind < 0 || p->kind >= ZT_K_COUNT)
      continue;
    if (spec > best_spec || (spec == best_spec && from > best_from)) {
      best = p->kind;
      best_spec = spec;
      best_from = from;
    }
  }
  return best;
}

/* ---- helpers ---------------------------------------------------------- */

static void sort_client(zt_careperiod *a, size_t n) {
  if (n > 24) {
    zt_qsort(a, n, sizeof *a, zt_careperiod_cmp);
    return;
  }
  for (size_t i = 1; i < n; i++) {
    zt_careperiod x = a[i];
    size_t j = i;
    while (j > 0 && zt_careperiod_cmp(&a[j - 1], &x) > 0) {
      a[j] = a[j - 1];
      j--;
    }
    a[j] = x;
  }
}

static int cmp_res(const void *pa, const void *pb) {
  const zt_nresidence *a = pa, *b = pb;
  if (a->client != b->client)
    return a->client < b->client ? -1 : 1;
  if (a->begin != b->begin)
    return a->begin < b->begin ? -1 : 1;
  if (a->gemeente != b->gemeente)
    return a->gemeente < b->gemeente ? -1 : 1;
  return 0;
}

/* The registered municipality on day `d` from one client's residence
 * periods (sorted by begin); 0 when none covers the day or it is
 * unknown / abroad. */
static uint16_t brp_on(const zt_nresidence *r, size_t n, zt_day d) {
  uint16_t g = 0;
  for (size_t i = 0; i < n && r[i].begin <= d; i++)
    if (r[i].end == ZT_DAY_NONE || d <= r[i].end)
      g = r[i].gemeente;
  return g;
}

typedef struct mapper {
  const zt_refdata *rd;
  bool historic;
  uint16_t cur[10000];      /* current boundaries: code -> code */
} mapper;

static void mapper_init(mapper *m, const zt_refdata *rd, bool historic,
                        zt_day day) {
  m->rd = rd;
  m->historic = historic;
  if (day == ZT_DAY_NONE)
    day = zt_day_from_ymd(ZT_YEAR_MAX, 12, 31);
  for (uint16_t c = 0; c < 10000; c++)
    m->cur[c] = c ? zt_gemeente_on(rd, c, day) : 0;
}

static uint16_t map_code(const mapper *m, uint16_t code, zt_day care_day) {
  if (!code || code >= 10000)
    return code;
  return m->historic ? zt_gemeente_on(m->rd, code, care_day) : m->cur[code];
}

typedef struct chain {
  zt_day t0, end;
} chain;

static bool is_stay(const zt_careperiod *cp) {
  return zt_kind_in((zt_care_kind)cp->kind, ZT_G_VERBLIJF) ||
         (cp->kind == ZT_K_CRISIS && cp->unit == 14);
}

/* The woonplaatsbeginsel for one client's care periods (sorted by
 * begin): chains of stays, then each period's three municipalities.
 * Returns true when any period fell back to the declared municipality. */
static bool client_wpb(zt_careperiod *cps, size_t n, const zt_nresidence *res,
                       size_t nres, const zt_norm_config *cfg,
                       const mapper *mp, chain *chains) {
  size_t nch = 0, ci = 0;
  bool fallback = false;
  const zt_day new_rule = zt_day_from_ymd(2022, 1, 1);
  for (size_t i = 0; i < n; i++) {
    zt_careperiod *cp = &cps[i];
    if (!is_stay(cp))
      continue;
    cp->flags |= ZT_CP_STAY;
    if (nch && (int64_t)cp->begin - chains[nch - 1].end - 1 <=
                   cfg->verblijf_gap_days) {
      if (cp->end > chains[nch - 1].end)
        chains[nch - 1].end = cp->end;
    } else {
      chains[nch].t0 = cp->begin;
      chains[nch].end = cp->end;
      nch++;
    }
  }
  for (size_t i = 0; i < n; i++) {
    zt_careperiod *cp = &cps[i];
    zt_day d = cp->begin;
    uint16_t declared = cp->gem_declared, brp = brp_on(res, nres, d), resp;
    if (cfg->woonplaatsbeginsel == ZT_WPB_DECLARED ||
        (cfg->woonplaatsbeginsel == ZT_WPB_LEGAL && d < new_rule)) {
      resp = declared;
      cp->flags |= ZT_CP_DECLARED_RULE;
    } else {
      uint16_t a;
      while (ci < nch && chains[ci].end < d)
        ci++;
      if (ci < nch && chains[ci].t0 <= d) {
        a = brp_on(res, nres, chains[ci].t0 - 1);
        cp->flags |= ZT_CP_CHAIN;
      } else {
        a = brp;
      }
      if (a) {
        resp = a;
      } else {
        resp = declared;
        cp->flags |= ZT_CP_FALLBACK;
        fallback = true;
      }
    }
    cp->gem_declared = map_code(mp, declared, d);
    cp->gem_brp = map_code(mp, brp, d);
    cp->gem_resp = map_code(mp, resp, d);
  }
  return fallback;
}

static zt_status check_config(const zt_norm_input *in, zt_err *err) {
  const zt_norm_config *c = in->config;
  if (!c || !in->refdata)
    return zt_fail(err, ZT_ERR_USAGE, "normalize: no configuration or "
                   "reference data");
  if (c->verblijf_gap_days < 0 || c->episode_gap_days < 0)
    return zt_fail(err, ZT_ERR_USAGE, "normalize: gap days must be >= 0");
  if (c->top_n < 1)
    return zt_fail(err, ZT_ERR_USAGE, "normalize: top_n must be >= 1");
  if ((unsigned)c->woonplaatsbeginsel > ZT_WPB_RESTATED)
    return zt_fail(err, ZT_ERR_USAGE, "normalize: unknown "
                   "woonplaatsbeginsel mode");
  if (in->nclients && !in->clients)
    return zt_fail(err, ZT_ERR_USAGE, "normalize: no client table");
  if (in->nclients > UINT32_MAX)
    return zt_fail(err, ZT_ERR_USAGE, "normalize: too many clients");
  return ZT_OK;
}

/* Birth dates and their data-quality counts. */
static void finish_births(zt_norm_result *out, const zt_nclient *clients) {
  for (size_t c = 0; c < out->nclients; c++) {
    out->birth[c] = zt_birth_effective(&clients[c]);
    if (out->start[c + 1] == out->start[c])
      continue;
    if (out->birth[c] == ZT_DAY_NONE)
      out->stats.age_unknown++;
    else if (clients[c].birth_precision == 1 ||
             clients[c].birth_precision == 2)
      out->stats.birth_partial++;
  }
}

static zt_status alloc_result(zt_norm_result *out, size_t nclients,
                              size_t ncps, zt_err *err) {
  out->nclients = nclients;
  out->start = calloc(nclients + 1, sizeof *out->start);
  out->birth = malloc((nclients + 1) * sizeof *out->birth);
  out->cps = malloc((ncps + 1) * sizeof *out->cps);
  if (!out->start || !out->birth || !out->cps)
    return zt_fail(err, ZT_ERR_NOMEM, "normalize: out of memory for %zu "
                   "care periods", ncps);
  return ZT_OK;
}

/* ---- the whole run ---------------------------------------------------- */

/* The care period of one live line (kind, flags, counts). */
static void make_cp(const zt_norm_input *in, zt_norm_result *out,
                    const catalogue *cat, const mapper *mp,
                    const zt_nline *l, zt_careperiod *cp) {
  const zt_category *cat_row;
  int kind;
  int by, bm, bd;
  memset(cp, 0, sizeof *cp);
  cp->client = l->client;
  cp->agb = l->agb;
  cp->gem_declared = l->gemeente;
  cp->category = l->category;
  cp->unit = l->unit;
  cp->begin = l->begin;
  cp->end = l->end;
  cp->amount = l->amount;
  if (l->credited)
    cp->flags |= ZT_CP_PART_CREDITED;
  kind = catalogue_kind(cat, l->code, l->gemeente,
                        map_code(mp, l->gemeente, l->begin), l->begin);
  if (kind < 0) {
    cp->flags |= ZT_CP_NO_CATALOGUE;
    out->stats.not_in_catalogue++;
    out->stats.not_in_catalogue_cents += l->amount;
    cat_row = zt_refdata_category(in->refdata, l->category);
    kind = cat_row ? cat_row->default_kind : ZT_K_OVERIG;
    if (kind < 0 || kind >= ZT_K_COUNT)
      kind = ZT_K_OVERIG;
    if ((l->category == 43 || l->category == 44) &&
        kind == ZT_K_RESIDENTIEEL) {
      cp->flags |= ZT_CP_CATEGORY_RES;
      out->stats.category_residentieel++;
    }
  }
  cp->kind = (uint8_t)kind;
  /* within the begin date's month: end - begin <= days left in it */
  zt_day_to_ymd(l->begin, &by, &bm, &bd);
  if (l->end - l->begin > zt_days_in_month(by, bm) - bd) {
    cp->flags |= ZT_CP_CROSSES_MONTH;
    out->stats.crosses_month++;
  }
}

/* Whether two care periods of one client are alike in every field a
 * double declaration repeats that a care period holds (docs/rules.md
 * §8): the first keys of zt_careperiod_cmp, so alike periods are
 * neighbours once a client's periods are sorted. */
static bool twin_keys(const zt_careperiod *a, const zt_careperiod *b) {
  return a->begin == b->begin && a->end == b->end && a->kind == b->kind &&
         a->agb == b->agb && a->amount == b->amount &&
         a->category == b->category && a->unit == b->unit;
}

/* Note the candidates for double declarations among one client's sorted
 * care periods (docs/rules.md §8): every run of periods alike in
 * twin_keys whose lines also share a product code with another line of
 * the run. A run is a handful of periods at most, so a pairwise look at
 * the codes costs nothing; the periods are in cache from the sort. */
static zt_status find_twins(const zt_norm_input *in, zt_norm_result *out,
                            const zt_careperiod *cps, size_t n,
                            zt_err *err) {
  for (size_t i = 0; i + 1 < n;) {
    size_t j = i + 1;
    while (j < n && twin_keys(&cps[i], &cps[j]))
      j++;
    for (size_t a = i; j - i > 1 && a < j; a++) {
      const char *code = in->lines[cps[a].line].code;
      bool twin = false;
      for (size_t b = i; b < j && !twin; b++)
        twin = b != a && strcmp(code, in->lines[cps[b].line].code) == 0;
      if (!twin)
        continue;
      if (out->ntwins == out->twincap) {
        size_t cap = out->twincap ? out->twincap * 2 : 256;
        zt_norm_twin *t = realloc(out->twins, cap * sizeof *t);
        if (!t)
          return zt_fail(err, ZT_ERR_NOMEM, "normalize: out of memory");
        out->twins = t;
        out->twincap = cap;
      }
      out->twins[out->ntwins++] = (zt_norm_twin){
          cps[a].line, out->twin_groups, cps[a].gem_resp};
    }
    if (j - i > 1 && out->ntwins &&
        out->twins[out->ntwins - 1].group == out->twin_groups)
      out->twin_groups++;
    i = j;
  }
  return ZT_OK;
}

#define AHEAD 16   /* lines placed ahead of the one being written */

/* Place every live line's care period in its client's slot. Lines in
 * random client order make each placement a cache and TLB miss; the
 * destinations are therefore computed AHEAD lines early and prefetched.
 */
static zt_status place_lines(const zt_norm_input *in, zt_norm_result *out,
                             const catalogue *cat, const mapper *mp,
                             zt_err *err) {
  size_t *cursor = malloc((in->nclients + 1) * sizeof *cursor);
  size_t ring[AHEAD], n = in->nlines;
  if (!cursor)
    return zt_fail(err, ZT_ERR_NOMEM, "normalize: out of memory");
  memcpy(cursor, out->start, (in->nclients + 1) * sizeof *cursor);
  for (size_t i = 0; i < n + AHEAD; i++) {
    /* write line i - AHEAD, whose slot was prefetched, then reuse its
     * ring entry for line i */
    if (i >= AHEAD && ring[i % AHEAD] != SIZE_MAX) {
      make_cp(in, out, cat, mp, &in->lines[i - AHEAD],
              &out->cps[ring[i % AHEAD]]);
      out->cps[ring[i % AHEAD]].line = (uint32_t)(i - AHEAD);
    }
    if (i < n) {
      const zt_nline *l = &in->lines[i];
      if (i + AHEAD < n)
        __builtin_prefetch(&cursor[in->lines[i + AHEAD].client], 1);
      if (!(l->credited && l->amount == 0)) {
        ring[i % AHEAD] = cursor[l->client]++;
        __builtin_prefetch(&out->cps[ring[i % AHEAD]], 1);
      } else {
        ring[i % AHEAD] = SIZE_MAX;
      }
    }
  }
  free(cursor);
  return ZT_OK;
}

/* Residence periods grouped by client (a copy, sorted), with rstart[c]
 * the first of client c's. */
static zt_status group_residences(const zt_norm_input *in,
                                  zt_nresidence **res_out, size_t **rstart,
                                  zt_err *err) {
  size_t nc = in->nclients, nr = in->nresidences;
  zt_nresidence *res = malloc((nr + 1) * sizeof *res);
  size_t *st = calloc(nc + 2, sizeof *st);
  *res_out = res;
  *rstart = st;
  if (!res || !st)
    return zt_fail(err, ZT_ERR_NOMEM, "normalize: out of memory");
  for (size_t i = 0; i < nr; i++) {
    const zt_nresidence *r = &in->residences[i];
    if (r->client >= nc)
      return zt_fail(err, ZT_ERR_INPUT, "normalize: residence %zu: client "
                     "index %u out of range (%zu clients)", i, r->client,
                     nc);
    if (r->end != ZT_DAY_NONE && r->end < r->begin)
      return zt_fail(err, ZT_ERR_INPUT, "normalize: residence %zu: end "
                     "before begin", i);
    st[r->client + 2]++;
  }
  for (size_t c = 0; c < nc; c++)
    st[c + 2] += st[c + 1];
  for (size_t i = 0; i < nr; i++)
    res[st[in->residences[i].client + 1]++] = in->residences[i];
  for (size_t c = 0; c < nc; c++)
    if (st[c + 1] - st[c] > 1)
      zt_qsort(res + st[c], st[c + 1] - st[c], sizeof *res, cmp_res);
  return ZT_OK;
}

zt_status zt_normalize(const zt_norm_input *in, zt_norm_result *out,
                       zt_err *err) {
  zt_status st;
  catalogue cat;
  mapper *mp = NULL;
  zt_nresidence *res = NULL;
  size_t *rstart = NULL, maxn = 0;
  chain *chains = NULL;
  const zt_norm_config *cfg = in->config;

  memset(out, 0, sizeof *out);
  memset(&cat, 0, sizeof cat);
  if ((st = check_config(in, err)))
    return st;
  if ((st = alloc_result(out, in->nclients, 0, err)))
    return st;
  out->stats.lines = (int64_t)in->nlines;
  for (size_t i = 0; i < in->nlines; i++) {
    const zt_nline *l = &in->lines[i];
    if (i + AHEAD < in->nlines &&
        in->lines[i + AHEAD].client < in->nclients)
      __builtin_prefetch(&out->start[in->lines[i + AHEAD].client + 1], 1);
    if (l->client >= in->nclients)
      return zt_fail(err, ZT_ERR_INPUT, "normalize: line %zu: client index "
                     "%u out of range (%zu clients)", i, l->client,
                     in->nclients);
    if (l->begin == ZT_DAY_NONE || l->end == ZT_DAY_NONE || l->end < l->begin)
      return zt_fail(err, ZT_ERR_INPUT, "normalize: line %zu: product "
                     "period missing or reversed", i);
    if (l->credited && l->amount == 0)
      out->stats.fully_credited++;
    else
      out->start[l->client + 1]++;
  }
  for (size_t c = 0; c < in->nclients; c++)
    out->start[c + 1] += out->start[c];
  out->ncps = out->start[in->nclients];
  out->stats.periods = (int64_t)out->ncps;
  free(out->cps);
  out->cps = malloc((out->ncps + 1) * sizeof *out->cps);
  mp = malloc(sizeof *mp);
  if (!out->cps || !mp) {
    st = zt_fail(err, ZT_ERR_NOMEM, "normalize: out of memory for %zu care "
                 "periods", out->ncps);
    goto done;
  }
  mapper_init(mp, in->refdata, cfg->boundaries_historic, cfg->boundary_day);
  if (catalogue_init(&cat, in->products, in->nproducts)) {
    st = zt_fail(err, ZT_ERR_NOMEM, "normalize: out of memory");
    goto done;
  }
  if ((st = place_lines(in, out, &cat, mp, err)))
    goto done;
  if ((st = group_residences(in, &res, &rstart, err)))
    goto done;
  for (size_t c = 0; c < in->nclients; c++)
    if (out->start[c + 1] - out->start[c] > maxn)
      maxn = out->start[c + 1] - out->start[c];
  chains = malloc((maxn + 1) * sizeof *chains);
  if (!chains) {
    st = zt_fail(err, ZT_ERR_NOMEM, "normalize: out of memory");
    goto done;
  }
  for (size_t c = 0; c < in->nclients; c++) {
    zt_careperiod *cps = out->cps + out->start[c];
    size_t n = out->start[c + 1] - out->start[c];
    if (!n)
      continue;
    sort_client(cps, n);
    if (client_wpb(cps, n, res + rstart[c], rstart[c + 1] - rstart[c], cfg,
                   mp, chains))
      out->stats.fallback_clients++;
    for (size_t i = 0; i < n; i++)
      out->stats.fallback_periods += (cps[i].flags & ZT_CP_FALLBACK) != 0;
    if (n > 1 && (st = find_twins(in, out, cps, n, err)))
      goto done;
    /* the line index depends on the input order: not in the result, so
     * that its bytes do not */
    for (size_t i = 0; i < n; i++)
      cps[i].line = 0;
  }
  finish_births(out, in->clients);
done:
  catalogue_free(&cat);
  free(mp);
  free(res);
  free(rstart);
  free(chains);
  return st;
}

zt_status zt_norm_result_build(zt_norm_result *out, const zt_careperiod *cps,
                               size_t ncps, const zt_nclient *clients,
                               size_t nclients, zt_err *err) {
  zt_status st;
  memset(out, 0, sizeof *out);
  if ((st = alloc_result(out, nclients, ncps, err)))
    return st;
  out->ncps = ncps;
  out->stats.lines = out->stats.periods = (int64_t)ncps;
  for (size_t i = 0; i < ncps; i++) {
    if (cps[i].client >= nclients)
      return zt_fail(err, ZT_ERR_INPUT, "care period %zu: client index %u "
                     "out of range (%zu clients)", i, cps[i].client,
                     nclients);
    out->start[cps[i].client + 1]++;
  }
  for (size_t c = 0; c < nclients; c++)
    out->start[c + 1] += out->start[c];
  if (ncps)
    memcpy(out->cps, cps, ncps * sizeof *cps);
  zt_qsort(out->cps, ncps, sizeof *out->cps, zt_careperiod_cmp);
  for (size_t i = 0; i < ncps; i++) {
    out->stats.fallback_periods += (cps[i].flags & ZT_CP_FALLBACK) != 0;
    out->stats.not_in_catalogue += (cps[i].flags & ZT_CP_NO_CATALOGUE) != 0;
    if (cps[i].flags & ZT_CP_NO_CATALOGUE)
      out->stats.not_in_catalogue_cents += cps[i].amount;
    out->stats.category_residentieel +=
        (cps[i].flags & ZT_CP_CATEGORY_RES) != 0;
    out->stats.crosses_month += (cps[i].flags & ZT_CP_CROSSES_MONTH) != 0;
  }
  for (size_t c = 0; c < nclients; c++)
    for (size_t i = out->start[c]; i < out->start[c + 1]; i++)
      if (out->cps[i].flags & ZT_CP_FALLBACK) {
        out->stats.fallback_clients++;
        break;
      }
  finish_births(out, clients);
  return ZT_OK;
}

void zt_norm_result_free(zt_norm_result *r) {
  if (!r)
    return;
  free(r->cps);
  free(r->start);
  free(r->birth);
  free(r->twins);
  memset(r, 0, sizeof *r);
}

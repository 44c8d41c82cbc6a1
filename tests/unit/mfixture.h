/*
 * tests/unit/mfixture.h -- test-only helpers shared by the normalization
 * and metrics tests: a small reference table (the municipalities the
 * tests use, with the Bussum/Muiden/Naarden and Weesp mergers, and the
 * shipped product categories), written to a temporary directory and
 * loaded with zt_refdata_load; and a builder of hand-made care periods
 * that runs the indicator pass on them. Static inline functions, so a
 * test that uses only some of them compiles cleanly.
 */
#ifndef ZT_MFIXTURE_H
#define ZT_MFIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/kinds.h"
#include "etl/normalize.h"
#include "etl/refdata.h"
#include "metrics/metrics.h"
#include "metrics/table.h"
#include "testutil.h"

#define MF_GEMEENTEN                                                        \
    "code,name,province,jeugdregio,valid_from,valid_to,successor_code\n"    \
    "GM0307,Amersfoort,Utrecht,Eemland,,,\n"                                \
    "GM0344,Utrecht,Utrecht,Utrecht stad,,,\n"                              \
    "GM0363,Amsterdam,Noord-Holland,Amsterdam-Amstelland,,,\n"              \
    "GM0376,Blaricum,Noord-Holland,Gooi-en Vechtstreek,,,\n"                \
    "GM0402,Hilversum,Noord-Holland,Gooi-en Vechtstreek,,,\n"               \
    "GM0406,Huizen,Noord-Holland,Gooi-en Vechtstreek,,,\n"                  \
    "GM0417,Laren (NH.),Noord-Holland,Gooi-en Vechtstreek,,,\n"             \
    "GM1696,Wijdemeren,Noord-Holland,Utrecht-West,,,\n"                     \
    "GM1942,Gooise Meren,Noord-Holland,Gooi-en Vechtstreek,2016-01-01,,\n"  \
    "GM0381,Bussum,Noord-Holland,Gooi-en Vechtstreek,,2015-12-31,GM1942\n"  \
    "GM0424,Muiden,Noord-Holland,Gooi-en Vechtstreek,,2015-12-31,GM1942\n"  \
    "GM0425,Naarden,Noord-Holland,Gooi-en Vechtstreek,,2015-12-31,GM1942\n" \
    "GM0457,Weesp,Noord-Holland,,,2022-03-23,GM0363\n"

/* Load the test reference data; NULL on failure (printed). */
static inline zt_refdata *mf_refdata(void) {
  char *dir = tu_tmpdir("refdata");
  char *cats = tu_read(ZT_SOURCE_DIR "/reference/productcategorieen.csv",
                       NULL);
  char *p1, *p2;
  zt_refdata *rd = NULL;
  zt_err err;
  if (!cats)
    return NULL;
  p1 = tu_write(dir, "gemeenten.csv", MF_GEMEENTEN);
  p2 = tu_write(dir, "productcategorieen.csv", cats);
  if (zt_refdata_load(&rd, dir, &err) != ZT_OK) {
    print_message("refdata: %s\n", err.msg);
    rd = NULL;
  }
  tu_rmtree(dir);
  free(p1);
  free(p2);
  free(cats);
  free(dir);
  return rd;
}


static inline zt_day mf_day(int y, int m, int d) {
  return zt_day_from_ymd(y, m, d);
}

/* Hand-made care periods and everything the indicator pass needs. */
typedef struct mf {
  zt_refdata *rd;
  zt_careperiod cps[512];
  size_t ncps;
  zt_nclient clients[64];
  size_t nclients;
  zt_member members[16];
  size_t nmembers;
  zt_provider providers[32];
  size_t nproviders;
  zt_norm_config cfg;
  zt_dq_input dq;
  const zt_population *population;   /* for the rate.* ids */
  size_t npopulation;
  const zt_flow_data *flow;          /* for the flow.* ids */
  int wait_norm_days;
  zt_metrics_input in;
  zt_ind_table *t;
} mf;

/* `nclients` clients born 2005-01-01, pseudonyms "ps00", "ps01", ... */
static inline mf *mf_new(zt_refdata *rd, size_t nclients) {
  mf *m = calloc(1, sizeof *m);
  assert_non_null(m);
  m->rd = rd;
  m->nclients = nclients;
  for (size_t c = 0; c < nclients; c++) {
    m->clients[c].birth = mf_day(2005, 1, 1);
    snprintf(m->clients[c].pseudonym, sizeof m->clients[c].pseudonym,
             "ps%02zu", c);
  }
  zt_norm_config_default(&m->cfg);
  return m;
}

static inline void mf_free(mf *m) {
  zt_ind_table_free(m->t);
  free(m);
}

static inline void mf_member(mf *m, uint16_t code, zt_day from, zt_day to) {
  zt_member *x = &m->members[m->nmembers++];
  x->gemeente = code;
  x->from = from;
  x->to = to;
}

static inline void mf_provider(mf *m, uint32_t agb, const char *type) {
  zt_provider *p = &m->providers[m->nproviders++];
  memset(p, 0, sizeof *p);
  p->agb = agb;
  snprintf(p->type, sizeof p->type, "%s", type);
}

/* A care period responsible to, declared to and registered in `gem`. */
static inline zt_careperiod *mf_cp(mf *m, uint32_t client, int kind,
                                   uint32_t agb, uint16_t gem, zt_day b,
                                   zt_day e, int64_t amount) {
  zt_careperiod *c = &m->cps[m->ncps++];
  assert_true(m->ncps <= sizeof m->cps / sizeof m->cps[0]);
  memset(c, 0, sizeof *c);
  c->client = client;
  c->kind = (uint8_t)kind;
  c->agb = agb;
  c->gem_resp = c->gem_declared = c->gem_brp = gem;
  c->begin = b;
  c->end = e;
  c->amount = amount;
  return c;
}

/* Run the indicator pass (no suppression) for `periods`; the table is
 * in m->t. */
static inline zt_status mf_run(mf *m, const zt_period *periods, size_t n,
                               zt_day peildatum) {
  zt_norm_result nr;
  zt_err err;
  zt_status st;
  m->cfg.members = m->members;
  m->cfg.nmembers = m->nmembers;
  memset(&m->in, 0, sizeof m->in);
  m->in.norm.clients = m->clients;
  m->in.norm.nclients = m->nclients;
  m->in.norm.refdata = m->rd;
  m->in.norm.config = &m->cfg;
  m->in.providers = m->providers;
  m->in.nproviders = m->nproviders;
  m->in.dq = m->dq;
  m->in.population = m->population;
  m->in.npopulation = m->npopulation;
  m->in.flow = m->flow;
  m->in.wait_norm_days = m->wait_norm_days;
  m->in.suppression = ZT_SUPP_NONE;
  zt_ind_table_free(m->t);
  m->t = zt_ind_table_new();
  assert_non_null(m->t);
  st = zt_norm_result_build(&nr, m->cps, m->ncps, m->clients, m->nclients,
                            &err);
  if (!st)
    st = zt_indicators_compute(&nr, &m->in, periods, n, peildatum, m->t,
                               &err);
  if (st)
    print_message("metrics: %s\n", err.msg);
  zt_norm_result_free(&nr);
  return st;
}

static inline zt_status mf_run1(mf *m, const char *period, zt_day peildatum) {
  zt_period p;
  assert_int_equal(zt_period_parse(period, &p, NULL), ZT_OK);
  return mf_run(m, &p, 1, peildatum);
}

static inline const zt_ind_value *mf_get(const mf *m, const char *id,
                                         const char *period, uint16_t gem,
                                         const char *bd) {
  return zt_ind_table_find(m->t, id, period, gem, bd ? bd : "");
}

/* Assert that the row exists and equals num/den exactly (as rationals). */
static inline void mf_expect_(const mf *m, const char *id, const char *period,
                              uint16_t gem, const char *bd, int64_t num,
                              int64_t den, const char *file, int line) {
  const zt_ind_value *v = mf_get(m, id, period, gem, bd);
  if (!v) {
    print_error("%s:%d: %s %s %04u [%s]: no row\n", file, line, id, period,
                gem, bd ? bd : "");
    _fail(file, line);
  }
  if ((__int128)v->num * den != (__int128)num * v->den) {
    print_error("%s:%d: %s %s %04u [%s]: %lld/%lld, expected %lld/%lld\n",
                file, line, id, period, gem, bd ? bd : "",
                (long long)v->num, (long long)v->den, (long long)num,
                (long long)den);
    _fail(file, line);
  }
}

#define MF_EXPECT(m, id, period, gem, bd, num, den)                         \
  mf_expect_((m), (id), (period), (gem), (bd), (num), (den), __FILE__,     \
             __LINE__)

/* Assert that the row is absent (a value that cannot be computed). */
#define MF_ABSENT(m, id, period, gem, bd)                                   \
  assert_null(mf_get((m), (id), (period), (gem), (bd)))

#endif

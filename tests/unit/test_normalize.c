/*
 * tests/unit/test_normalize.c -- etl/normalize.c: credit netting, care
 * kinds (catalogue, category fallback, overig), mergers with current and
 * historic boundaries, the woonplaatsbeginsel (the seven worked examples
 * of docs/rules.md §4, in all three modes), chains of stays, ages and
 * determinism.
 *
 * Municipalities of the examples: A 0402 Hilversum, B 0406 Huizen,
 * C 0417 Laren, D 0376 Blaricum, E 1942 Gooise Meren, F 1696 Wijdemeren,
 * G 0307 Amersfoort, X 0344 Utrecht (a declaring municipality that is
 * none of the above).
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/kinds.h"
#include "etl/normalize.h"
#include "etl/refdata.h"
#include "mfixture.h"

enum {
  GA = 402, GB = 406, GC = 417, GD = 376, GE = 1942, GF = 1696, GG = 307,
  GX = 344
};

static zt_refdata *rd;

static zt_day D(int y, int m, int d) {
  return zt_day_from_ymd(y, m, d);
}

typedef struct fixture {
  zt_nline lines[400];
  size_t nlines;
  zt_nresidence res[16];
  size_t nres;
  zt_nclient clients[8];
  size_t nclients;
  zt_productcode products[16];
  size_t nproducts;
  zt_norm_config cfg;
  zt_norm_result nr;
} fixture;

static void fx_init(fixture *f, size_t nclients) {
  memset(f, 0, sizeof *f);
  f->nclients = nclients;
  for (size_t c = 0; c < nclients; c++) {
    f->clients[c].birth = D(2010, 5, 1);
    snprintf(f->clients[c].pseudonym, sizeof f->clients[c].pseudonym,
             "P%02zu", c);
  }
  zt_norm_config_default(&f->cfg);
  f->cfg.boundary_day = D(2023, 12, 31);
}

static void add_product(fixture *f, const char *code, int kind,
                        zt_day from, zt_day to, uint16_t gemeente) {
  zt_productcode *p = &f->products[f->nproducts++];
  memset(p, 0, sizeof *p);
  snprintf(p->code, sizeof p->code, "%s", code);
  p->kind = kind;
  p->valid_from = from;
  p->valid_to = to;
  p->gemeente = gemeente;
}

/* The catalogue most tests use. */
static void std_products(fixture *f) {
  add_product(f, "PLZ01", ZT_K_PLEEGZORG, ZT_DAY_NONE, ZT_DAY_NONE, 0);
  add_product(f, "RES01", ZT_K_RESIDENTIEEL, ZT_DAY_NONE, ZT_DAY_NONE, 0);
  add_product(f, "GZH01", ZT_K_GEZINSHUIS, ZT_DAY_NONE, ZT_DAY_NONE, 0);
  add_product(f, "AMB01", ZT_K_AMB_BEGELEIDING, ZT_DAY_NONE, ZT_DAY_NONE, 0);
}

static zt_nline *add_line(fixture *f, uint32_t client, uint16_t gem,
                          int category, int unit, const char *code,
                          zt_day b, zt_day e, int64_t amount) {
  zt_nline *l = &f->lines[f->nlines++];
  assert_true(f->nlines <= sizeof f->lines / sizeof f->lines[0]);
  memset(l, 0, sizeof *l);
  l->client = client;
  l->agb = 12345678;
  l->gemeente = gem;
  l->category = (uint8_t)category;
  l->unit = (uint8_t)unit;
  snprintf(l->code, sizeof l->code, "%s", code);
  l->begin = b;
  l->end = e;
  l->amount = amount;
  return l;
}

/* One line per calendar month of [b, e], as iJw declares them. */
static void add_months(fixture *f, uint32_t client, uint16_t gem,
                       int category, int unit, const char *code, zt_day b,
                       zt_day e) {
  while (b <= e) {
    zt_day last = zt_month_last(b);
    add_line(f, client, gem, category, unit, code, b, last < e ? last : e,
             100000);
    b = last + 1;
  }
}

static void add_res(fixture *f, uint32_t client, uint16_t gem, zt_day b,
                    zt_day e) {
  zt_nresidence *r = &f->res[f->nres++];
  r->client = client;
  r->gemeente = gem;
  r->begin = b;
  r->end = e;
}

static zt_status run(fixture *f) {
  zt_norm_input in;
  zt_err err;
  zt_status st;
  memset(&in, 0, sizeof in);
  in.lines = f->lines;
  in.nlines = f->nlines;
  in.residences = f->res;
  in.nresidences = f->nres;
  in.clients = f->clients;
  in.nclients = f->nclients;
  in.products = f->products;
  in.nproducts = f->nproducts;
  in.refdata = rd;
  in.config = &f->cfg;
  zt_norm_result_free(&f->nr);
  st = zt_normalize(&in, &f->nr, &err);
  if (st)
    print_message("normalize: %s\n", err.msg);
  return st;
}

/* The care periods of `client` beginning in [b, e] must all have
 * responsible municipality `want`; returns how many there were. */
static size_t expect_resp(const fixture *f, uint32_t client, zt_day b,
                          zt_day e, uint16_t want) {
  size_t n = 0;
  for (size_t i = f->nr.start[client]; i < f->nr.start[client + 1]; i++) {
    const zt_careperiod *cp = &f->nr.cps[i];
    if (cp->begin < b || cp->begin > e)
      continue;
    assert_int_equal(cp->gem_resp, want);
    n++;
  }
  return n;
}

static int setup(void **state) {
  (void)state;
  rd = mf_refdata();
  return rd ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  zt_refdata_free(rd);
  return 0;
}

static fixture *new_fixture(size_t nclients) {
  fixture *f = malloc(sizeof *f);
  assert_non_null(f);
  fx_init(f, nclients);
  std_products(f);
  return f;
}

static void free_fixture(fixture *f) {
  zt_norm_result_free(&f->nr);
  free(f);
}

/* ---- docs/rules.md §4, worked examples --------------------------------- */

/* 1. Ambulant care in 2023, registered in A all along -> A (although it
 *    was declared to X). */
static void test_wpb_example1(void **state) {
  fixture *f = new_fixture(1);
  (void)state;
  add_months(f, 0, GX, 45, 4, "AMB01", D(2023, 1, 1), D(2023, 12, 31));
  add_res(f, 0, GA, D(2010, 5, 1), ZT_DAY_NONE);
  assert_int_equal(run(f), ZT_OK);
  /* 12 monthly lines, all A */
  assert_int_equal(expect_resp(f, 0, D(2023, 1, 1), D(2023, 12, 31), GA), 12);
  assert_int_equal(f->nr.cps[0].gem_declared, GX);
  assert_int_equal(f->nr.cps[0].gem_brp, GA);
  assert_int_equal(f->nr.stats.fallback_clients, 0);
  free_fixture(f);
}

/* 2. Foster care 2019-03-01..2023-08-31; registered in B before the stay,
 *    from 2020 at the foster family in C. restated -> B for the whole
 *    stay; declared -> whatever was declared (here C, the foster family's
 *    municipality, as the old rule often had it); legal -> C before 2022
 *    and B from 2022. */
static void test_wpb_example2(void **state) {
  fixture *f = new_fixture(1);
  (void)state;
  add_months(f, 0, GC, 43, 14, "PLZ01", D(2019, 3, 1), D(2023, 8, 31));
  add_res(f, 0, GB, D(2010, 5, 1), D(2019, 12, 31));
  add_res(f, 0, GC, D(2020, 1, 1), ZT_DAY_NONE);
  assert_int_equal(run(f), ZT_OK);
  /* 2019-03 .. 2023-08 = 10 + 12 + 12 + 12 + 8 = 54 months */
  assert_int_equal(f->nr.ncps, 54);
  assert_int_equal(expect_resp(f, 0, D(2019, 1, 1), D(2023, 12, 31), GB), 54);
  /* the registered address on a 2021 line's begin date is C */
  assert_int_equal(f->nr.cps[30].gem_brp, GC);
  assert_true(f->nr.cps[30].flags & ZT_CP_CHAIN);

  f->cfg.woonplaatsbeginsel = ZT_WPB_DECLARED;
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(expect_resp(f, 0, D(2019, 1, 1), D(2023, 12, 31), GC), 54);

  f->cfg.woonplaatsbeginsel = ZT_WPB_LEGAL;
  assert_int_equal(run(f), ZT_OK);
  /* 2019-03..2021-12 = 34 lines declared; 2022-01..2023-08 = 20 lines B */
  assert_int_equal(expect_resp(f, 0, D(2019, 1, 1), D(2021, 12, 31), GC), 34);
  assert_int_equal(expect_resp(f, 0, D(2022, 1, 1), D(2023, 12, 31), GB), 20);
  free_fixture(f);
}

/* 3. Residential group 2022-02-01..2022-05-31, then directly (next day) a
 *    family home until 2023-01-31; registered in D before 2022-02-01 (until
 *    2022-02-28) and in E from 2022-03-01 -> D for both stays (one chain:
 *    days between = 2022-06-01 - 2022-05-31 - 1 = 0 <= 0). */
static void example3_lines(fixture *f, zt_day family_begin) {
  add_months(f, 0, GX, 43, 14, "RES01", D(2022, 2, 1), D(2022, 5, 31));
  add_months(f, 0, GX, 43, 14, "GZH01", family_begin, D(2023, 1, 31));
  add_res(f, 0, GD, D(2010, 5, 1), D(2022, 2, 28));
  add_res(f, 0, GE, D(2022, 3, 1), ZT_DAY_NONE);
}

static void test_wpb_example3(void **state) {
  fixture *f = new_fixture(1);
  (void)state;
  example3_lines(f, D(2022, 6, 1));
  assert_int_equal(run(f), ZT_OK);
  /* 4 residential + 8 family-home months, all D */
  assert_int_equal(expect_resp(f, 0, D(2022, 1, 1), D(2023, 12, 31), GD), 12);
  /* the June line: registered in E on its begin date, responsible D */
  assert_int_equal(f->nr.cps[4].begin, D(2022, 6, 1));
  assert_int_equal(f->nr.cps[4].kind, ZT_K_GEZINSHUIS);
  assert_int_equal(f->nr.cps[4].gem_brp, GE);
  free_fixture(f);
}

/* 4. As 3 but with 10 days at home between the stays (family home from
 *    2022-06-11: days between = 2022-06-11 - 2022-05-31 - 1 = 10 > 0) ->
 *    the second stay starts a new chain; registered on 2022-06-10 in E ->
 *    E. With verblijf_gap_days = 10 the chain holds -> D. */
static void test_wpb_example4(void **state) {
  fixture *f = new_fixture(1);
  (void)state;
  example3_lines(f, D(2022, 6, 11));
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(expect_resp(f, 0, D(2022, 1, 1), D(2022, 5, 31), GD), 4);
  assert_int_equal(expect_resp(f, 0, D(2022, 6, 1), D(2023, 12, 31), GE), 8);

  f->cfg.verblijf_gap_days = 10;
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(expect_resp(f, 0, D(2022, 1, 1), D(2023, 12, 31), GD), 12);
  /* one day more at home (gap 11) breaks it again */
  f->cfg.verblijf_gap_days = 9;
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(expect_resp(f, 0, D(2022, 6, 1), D(2023, 12, 31), GE), 8);
  free_fixture(f);
}

/* 5. Ambulant care during a stay -> the chain's municipality (D of
 *    example 3), not the current address (E). After the chain ends
 *    (2023-01-31) the current address counts again: ambulant in March
 *    2023 -> E. */
static void test_wpb_example5(void **state) {
  fixture *f = new_fixture(1);
  (void)state;
  example3_lines(f, D(2022, 6, 1));
  add_line(f, 0, GX, 45, 4, "AMB01", D(2022, 7, 1), D(2022, 7, 31), 5000);
  add_line(f, 0, GX, 45, 4, "AMB01", D(2023, 3, 1), D(2023, 3, 31), 5000);
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(expect_resp(f, 0, D(2022, 1, 1), D(2023, 1, 31), GD), 13);
  assert_int_equal(expect_resp(f, 0, D(2023, 3, 1), D(2023, 3, 1), GE), 1);
  for (size_t i = 0; i < f->nr.ncps; i++)
    if (f->nr.cps[i].kind == ZT_K_AMB_BEGELEIDING &&
        f->nr.cps[i].begin == D(2022, 7, 1))
      assert_true(f->nr.cps[i].flags & ZT_CP_CHAIN);
  free_fixture(f);
}

/* 6. Registered address unknown before the stay -> the declared
 *    municipality, and the fallback counter goes up. Client 0: an
 *    "unknown/abroad" residence period until 2022-03-31, registered at the
 *    institution in A from 2022-04-01, stay from 2022-04-01 declared to
 *    B -> B. Client 1: no residence history at all, declared to C -> C. */
static void test_wpb_example6(void **state) {
  fixture *f = new_fixture(2);
  (void)state;
  add_months(f, 0, GB, 43, 14, "RES01", D(2022, 4, 1), D(2022, 9, 30));
  add_res(f, 0, 0, D(2015, 1, 1), D(2022, 3, 31));
  add_res(f, 0, GA, D(2022, 4, 1), ZT_DAY_NONE);
  add_months(f, 1, GC, 45, 4, "AMB01", D(2022, 1, 1), D(2022, 2, 28));
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(expect_resp(f, 0, D(2022, 1, 1), D(2022, 12, 31), GB), 6);
  assert_int_equal(expect_resp(f, 1, D(2022, 1, 1), D(2022, 12, 31), GC), 2);
  assert_true(f->nr.cps[0].flags & ZT_CP_FALLBACK);
  /* clients 0 and 1 fell back; 6 + 2 care periods */
  assert_int_equal(f->nr.stats.fallback_clients, 2);
  assert_int_equal(f->nr.stats.fallback_periods, 8);
  /* declared mode never falls back */
  f->cfg.woonplaatsbeginsel = ZT_WPB_DECLARED;
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(f->nr.stats.fallback_clients, 0);
  free_fixture(f);
}

/* 7. A family moves from F to G on 2022-06-15 during ambulant care: the
 *    June product period begins 2022-06-01 -> F; July -> G (begin-date
 *    rule). Lines May..August. */
static void test_wpb_example7(void **state) {
  fixture *f = new_fixture(1);
  (void)state;
  add_months(f, 0, GX, 45, 4, "AMB01", D(2022, 5, 1), D(2022, 8, 31));
  add_res(f, 0, GF, D(2010, 5, 1), D(2022, 6, 14));
  add_res(f, 0, GG, D(2022, 6, 15), ZT_DAY_NONE);
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(expect_resp(f, 0, D(2022, 5, 1), D(2022, 6, 30), GF), 2);
  assert_int_equal(expect_resp(f, 0, D(2022, 7, 1), D(2022, 8, 31), GG), 2);
  free_fixture(f);
}

/* A crisis period declared in etmalen (unit 14) is a stay and starts the
 * chain; the same in hours (unit 04) is not. Registered in A until
 * 2022-03-31, in B from 2022-04-01. Crisis 2022-03-20..2022-03-31, then a
 * residential stay from 2022-04-01. */
static void test_crisis_chain(void **state) {
  fixture *f = new_fixture(1);
  (void)state;
  add_line(f, 0, GX, 46, 14, "CRI01", D(2022, 3, 20), D(2022, 3, 31), 9000);
  add_months(f, 0, GX, 43, 14, "RES01", D(2022, 4, 1), D(2022, 5, 31));
  add_res(f, 0, GA, D(2010, 5, 1), D(2022, 3, 31));
  add_res(f, 0, GB, D(2022, 4, 1), ZT_DAY_NONE);
  assert_int_equal(run(f), ZT_OK);
  /* chain starts 2022-03-20: address on 03-19 = A for all three */
  assert_int_equal(f->nr.cps[0].kind, ZT_K_CRISIS);
  assert_true(f->nr.cps[0].flags & ZT_CP_STAY);
  assert_int_equal(expect_resp(f, 0, D(2022, 1, 1), D(2022, 12, 31), GA), 3);

  f->lines[0].unit = 4;   /* crisis in hours: no stay */
  assert_int_equal(run(f), ZT_OK);
  assert_false(f->nr.cps[0].flags & ZT_CP_STAY);
  /* crisis line -> A (its own begin date); the stay from 04-01 takes the
   * address of 03-31 = A as well */
  assert_int_equal(expect_resp(f, 0, D(2022, 1, 1), D(2022, 12, 31), GA), 3);
  /* move the registration change a week earlier: now the stay's day
   * before (03-31) is B */
  f->res[0].end = D(2022, 3, 24);
  f->res[1].begin = D(2022, 3, 25);
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(expect_resp(f, 0, D(2022, 3, 1), D(2022, 3, 31), GA), 1);
  assert_int_equal(expect_resp(f, 0, D(2022, 4, 1), D(2022, 5, 31), GB), 2);
  /* with etmalen again, the chain starts 03-20 (address on 03-19: A) */
  f->lines[0].unit = 14;
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(expect_resp(f, 0, D(2022, 1, 1), D(2022, 12, 31), GA), 3);
  free_fixture(f);
}

/* ---- credits, kinds, mergers ------------------------------------------ */

static void test_credits(void **state) {
  fixture *f = new_fixture(1);
  zt_nline *l;
  (void)state;
  add_res(f, 0, GA, D(2010, 5, 1), ZT_DAY_NONE);
  l = add_line(f, 0, GA, 45, 4, "AMB01", D(2022, 1, 1), D(2022, 1, 31), 0);
  l->credited = true;   /* fully credited: no care period */
  l = add_line(f, 0, GA, 45, 4, "AMB01", D(2022, 2, 1), D(2022, 2, 28), 700);
  l->credited = true;   /* partly credited: net 700 */
  add_line(f, 0, GA, 45, 4, "AMB01", D(2022, 3, 1), D(2022, 3, 31), 0);
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(f->nr.stats.fully_credited, 1);
  /* February (net 700) and the zero-amount March debit */
  assert_int_equal(f->nr.ncps, 2);
  assert_int_equal(f->nr.cps[0].begin, D(2022, 2, 1));
  assert_int_equal(f->nr.cps[0].amount, 700);
  assert_true(f->nr.cps[0].flags & ZT_CP_PART_CREDITED);
  assert_int_equal(f->nr.cps[1].amount, 0);
  assert_false(f->nr.cps[1].flags & ZT_CP_PART_CREDITED);
  free_fixture(f);
}

static void test_kinds(void **state) {
  fixture *f = new_fixture(1);
  (void)state;
  /* X1: gesloten until 2022-12-31, residentieel from 2023-01-01 */
  add_product(f, "X1", ZT_K_GESLOTEN, ZT_DAY_NONE, D(2022, 12, 31), 0);
  add_product(f, "X1", ZT_K_RESIDENTIEEL, D(2023, 1, 1), ZT_DAY_NONE, 0);
  /* Y1: ambulant behandeling, but dyslexie when declared to A */
  add_product(f, "Y1", ZT_K_AMB_BEHANDELING, ZT_DAY_NONE, ZT_DAY_NONE, 0);
  add_product(f, "Y1", ZT_K_DYSLEXIE, ZT_DAY_NONE, ZT_DAY_NONE, GA);
  add_res(f, 0, GA, D(2010, 5, 1), ZT_DAY_NONE);
  add_line(f, 0, GA, 43, 14, "X1", D(2022, 12, 1), D(2022, 12, 31), 1);
  add_line(f, 0, GA, 43, 14, "X1", D(2023, 1, 1), D(2023, 1, 31), 2);
  add_line(f, 0, GA, 45, 4, "Y1", D(2023, 2, 1), D(2023, 2, 28), 3);
  add_line(f, 0, GB, 45, 4, "Y1", D(2023, 3, 1), D(2023, 3, 31), 4);
  /* not in the catalogue: category 45 -> amb_behandeling; 43 ->
   * residentieel (counted); legacy 35 -> pleegzorg; 99 -> overig */
  add_line(f, 0, GA, 45, 4, "Q9", D(2023, 4, 1), D(2023, 4, 30), 50);
  add_line(f, 0, GA, 43, 14, "Q9", D(2023, 5, 1), D(2023, 5, 31), 60);
  add_line(f, 0, GA, 35, 14, "", D(2023, 6, 1), D(2023, 6, 30), 70);
  add_line(f, 0, GA, 99, 4, "Q9", D(2023, 7, 1), D(2023, 7, 31), 80);
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(f->nr.ncps, 8);
  assert_int_equal(f->nr.cps[0].kind, ZT_K_GESLOTEN);
  assert_int_equal(f->nr.cps[1].kind, ZT_K_RESIDENTIEEL);
  assert_int_equal(f->nr.cps[2].kind, ZT_K_DYSLEXIE);
  assert_int_equal(f->nr.cps[3].kind, ZT_K_AMB_BEHANDELING);
  assert_int_equal(f->nr.cps[4].kind, ZT_K_AMB_BEHANDELING);
  assert_int_equal(f->nr.cps[5].kind, ZT_K_RESIDENTIEEL);
  assert_true(f->nr.cps[5].flags & ZT_CP_CATEGORY_RES);
  assert_int_equal(f->nr.cps[6].kind, ZT_K_PLEEGZORG);
  assert_int_equal(f->nr.cps[7].kind, ZT_K_OVERIG);
  /* not in catalogue: 4 lines, 50 + 60 + 70 + 80 = 260 cents */
  assert_int_equal(f->nr.stats.not_in_catalogue, 4);
  assert_int_equal(f->nr.stats.not_in_catalogue_cents, 260);
  assert_int_equal(f->nr.stats.category_residentieel, 1);
  free_fixture(f);
}

/* Weesp (0457) merged into Amsterdam (0363) on 2022-03-24; Bussum (0381)
 * into Gooise Meren (1942) on 2016-01-01. Declared mode, so the declared
 * code is the responsible one. */
static void test_mergers(void **state) {
  fixture *f = new_fixture(1);
  (void)state;
  f->cfg.woonplaatsbeginsel = ZT_WPB_DECLARED;
  add_line(f, 0, 457, 45, 4, "AMB01", D(2021, 6, 1), D(2021, 6, 30), 1);
  add_line(f, 0, 381, 45, 4, "AMB01", D(2015, 6, 1), D(2015, 6, 30), 1);
  add_res(f, 0, 381, D(2010, 5, 1), ZT_DAY_NONE);
  f->cfg.boundary_day = D(2022, 12, 31);
  assert_int_equal(run(f), ZT_OK);
  /* current boundaries, peildatum 2022-12-31: 0381 -> 1942, 0457 -> 0363 */
  assert_int_equal(f->nr.cps[0].gem_resp, 1942);
  assert_int_equal(f->nr.cps[0].gem_brp, 1942);
  assert_int_equal(f->nr.cps[1].gem_resp, 363);
  assert_int_equal(f->nr.cps[1].gem_declared, 363);
  /* peildatum before the Weesp merger: Weesp stays Weesp */
  f->cfg.boundary_day = D(2021, 12, 31);
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(f->nr.cps[1].gem_resp, 457);
  /* historic: the code valid on the care day */
  f->cfg.boundaries_historic = true;
  f->cfg.boundary_day = D(2022, 12, 31);
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(f->nr.cps[0].gem_resp, 381);
  assert_int_equal(f->nr.cps[1].gem_resp, 457);
  free_fixture(f);
}

/* Birth dates: precision 1 -> 1st of the month, 2 -> 1 January, 3 or none
 * -> unknown; counted for clients with care only. */
static void test_births(void **state) {
  fixture *f = new_fixture(5);
  (void)state;
  f->clients[0].birth = D(2010, 5, 17);
  f->clients[1].birth = D(2010, 5, 17);
  f->clients[1].birth_precision = 1;
  f->clients[2].birth = D(2010, 5, 17);
  f->clients[2].birth_precision = 2;
  f->clients[3].birth = ZT_DAY_NONE;
  f->clients[4].birth = ZT_DAY_NONE;   /* no care: not counted */
  for (uint32_t c = 0; c < 4; c++)
    add_line(f, c, GA, 45, 4, "AMB01", D(2022, 1, 1), D(2022, 1, 31), 1);
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(f->nr.birth[0], D(2010, 5, 17));
  assert_int_equal(f->nr.birth[1], D(2010, 5, 1));
  assert_int_equal(f->nr.birth[2], D(2010, 1, 1));
  assert_int_equal(f->nr.birth[3], ZT_DAY_NONE);
  assert_int_equal(f->nr.stats.birth_partial, 2);
  assert_int_equal(f->nr.stats.age_unknown, 1);
  free_fixture(f);
}

/* Input order does not matter: the same lines reversed give the same
 * bytes; a line that crosses a month is counted. */
static void test_deterministic(void **state) {
  fixture *f = new_fixture(3);
  zt_careperiod *first;
  size_t n;
  (void)state;
  example3_lines(f, D(2022, 6, 1));
  add_months(f, 2, GA, 45, 4, "AMB01", D(2021, 1, 1), D(2021, 6, 30));
  add_line(f, 1, GB, 45, 4, "AMB01", D(2022, 1, 15), D(2022, 2, 14), 10);
  add_res(f, 2, GA, D(2010, 1, 1), ZT_DAY_NONE);
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(f->nr.stats.crosses_month, 1);
  n = f->nr.ncps;
  first = malloc(n * sizeof *first);
  assert_non_null(first);
  memcpy(first, f->nr.cps, n * sizeof *first);
  for (size_t i = 0; i < f->nlines / 2; i++) {
    zt_nline t = f->lines[i];
    f->lines[i] = f->lines[f->nlines - 1 - i];
    f->lines[f->nlines - 1 - i] = t;
  }
  assert_int_equal(run(f), ZT_OK);
  assert_int_equal(f->nr.ncps, n);
  assert_memory_equal(first, f->nr.cps, n * sizeof *first);
  /* starts: client 0 has 12, client 1 one, client 2 six */
  assert_int_equal(f->nr.start[1], 12);
  assert_int_equal(f->nr.start[2], 13);
  assert_int_equal(f->nr.start[3], 19);
  free(first);
  free_fixture(f);
}

static void test_bad_input(void **state) {
  fixture *f = new_fixture(1);
  (void)state;
  add_line(f, 3, GA, 45, 4, "AMB01", D(2022, 1, 1), D(2022, 1, 31), 1);
  assert_int_equal(run(f), ZT_ERR_INPUT);
  f->lines[0].client = 0;
  f->lines[0].end = D(2021, 1, 1);
  assert_int_equal(run(f), ZT_ERR_INPUT);
  f->lines[0].end = D(2022, 1, 31);
  f->cfg.top_n = 0;
  assert_int_equal(run(f), ZT_ERR_USAGE);
  free_fixture(f);
}

static void test_config_parsers(void **state) {
  uint32_t mask;
  zt_member *m;
  size_t n;
  zt_err err;
  (void)state;
  assert_int_equal(zt_kind_mask_parse("instelling", &mask, &err), ZT_OK);
  /* residentieel, driemilieu, gesloten, ggz_klinisch */
  assert_int_equal(mask, (1u << ZT_K_RESIDENTIEEL) | (1u << ZT_K_DRIEMILIEU) |
                             (1u << ZT_K_GESLOTEN) |
                             (1u << ZT_K_GGZ_KLINISCH));
  assert_int_equal(zt_kind_mask_parse("gezinsvorm, crisis", &mask, &err),
                   ZT_OK);
  assert_int_equal(mask, (1u << ZT_K_PLEEGZORG) | (1u << ZT_K_GEZINSHUIS) |
                             (1u << ZT_K_CRISIS));
  assert_int_equal(zt_kind_mask_parse("verblijf,nonsense", &mask, &err),
                   ZT_ERR_USAGE);
  assert_int_equal(zt_members_parse("0376, GM1942,457@..2022-03-23,"
                                    "0402@2020-01-01..",
                                    &m, &n, &err),
                   ZT_OK);
  assert_int_equal(n, 4);
  assert_int_equal(m[1].gemeente, 1942);
  assert_int_equal(m[2].gemeente, 457);
  assert_int_equal(m[2].from, ZT_DAY_NONE);
  assert_int_equal(m[2].to, D(2022, 3, 23));
  assert_true(zt_member_on(m, n, 457, D(2022, 3, 23)));
  assert_false(zt_member_on(m, n, 457, D(2022, 3, 24)));
  assert_false(zt_member_on(m, n, 402, D(2019, 12, 31)));
  assert_true(zt_member_on(m, n, 402, D(2030, 1, 1)));
  free(m);
  assert_int_equal(zt_members_parse("0376,04x2", &m, &n, &err), ZT_ERR_USAGE);
  assert_int_equal(zt_members_parse("0376@2022-01-01..2021-01-01", &m, &n,
                                    &err),
                   ZT_ERR_USAGE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_wpb_example1),
    cmocka_unit_test(test_wpb_example2),
    cmocka_unit_test(test_wpb_example3),
    cmocka_unit_test(test_wpb_example4),
    cmocka_unit_test(test_wpb_example5),
    cmocka_unit_test(test_wpb_example6),
    cmocka_unit_test(test_wpb_example7),
    cmocka_unit_test(test_crisis_chain),
    cmocka_unit_test(test_credits),
    cmocka_unit_test(test_kinds),
    cmocka_unit_test(test_mergers),
    cmocka_unit_test(test_births),
    cmocka_unit_test(test_deterministic),
    cmocka_unit_test(test_bad_input),
    cmocka_unit_test(test_config_parsers),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

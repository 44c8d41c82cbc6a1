/*
 * tests/unit/test_completeness.c -- the run-off triangles and the
 * chain-ladder estimate (metrics/completeness.c) on a triangle small
 * enough to work out by hand: delay buckets of debits and credits, the
 * client counted at its first arriving line, the factors, the expected
 * final value, an as-of day before a credit, the band, and who gets an
 * estimate.
 *
 * Care months January (row 0) .. May 2023 (row 4), as of 31 May 2023
 * (ages 4, 3, 2, 1, 0); K = max_delay = 2, H = history = 2. Spending per
 * care month by months of delay (each cell one line of its own client,
 * amounts in cents):
 *
 *   row 0 (Jan): 100  50  10       clients: A (d0), A again (d1), B (d2)
 *   row 1 (Feb): 200 100  20       and a credit of 50 on the 200-line,
 *                                  arriving in March (delay 1)
 *   row 2 (Mar): 100  60  10
 *   row 3 (Apr): 100  40   -
 *   row 4 (May): 300   -   -
 *
 * So row 1's cells are 200, 100 - 50 = 50, 20 (cumulative 200, 250, 270).
 * f0 over the latest 2 rows that reached delay 1 (rows 3, 2):
 *   (140 + 160) / (100 + 100) = 1.5
 * f1 over the latest 2 rows that reached delay 2 (rows 2, 1):
 *   (170 + 270) / (160 + 250) = 440 / 410
 * Expected final: row 4 = 300 x 1.5 x 440/410 = 482.93 -> 483;
 *                 row 3 = 140 x 440/410 = 150.24 -> 150;
 *                 rows 3..4 together 633.17 -> 633 (observed 440).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"
#include "metrics/completeness.h"

enum { NL = 14 };

static zt_nline lines[NL];
static zt_credit_event credit;
static size_t nlines;

/* A line of care month 2023-`month` arriving `delay` months later. */
static void add(int month, int delay, int64_t amount, uint32_t client) {
  zt_nline *l = &lines[nlines++];
  memset(l, 0, sizeof *l);
  l->begin = zt_day_from_ymd(2023, month, 1);
  l->end = zt_day_from_ymd(2023, month, 28);
  l->arrived = zt_day_from_ymd(2023, month + delay, 10);
  l->amount = amount;
  l->client = client;
  l->gemeente = 402;
}

/* Lines an answer rejected (left out of `lines`): none unless a test
 * adds them. */
static zt_reject_event rejections[2];
static size_t nrejections;

static void fixture(void) {
  nlines = 0;
  add(1, 0, 100, 1);  /* client A */
  add(1, 1, 50, 1);   /* A again: counted at delay 0 */
  add(1, 2, 10, 2);   /* B */
  add(2, 0, 200, 3);  /* credited below: net 150 in the snapshot */
  add(2, 1, 100, 4);
  add(2, 2, 20, 5);
  add(3, 0, 100, 6);
  add(3, 1, 60, 7);
  add(3, 2, 10, 8);
  add(4, 0, 100, 9);
  add(4, 1, 40, 10);
  add(5, 0, 300, 11);
  /* the snapshot nets every credit into its debit */
  lines[3].amount -= 50;
  lines[3].credited = true;
  credit.line = 3;
  credit.amount = 50;
  credit.arrived = zt_day_from_ymd(2023, 3, 15);
}

static int64_t cell(const zt_completeness *c, const zt_compl_unit *u,
                    int w, int row, int d) {
  return u->cell[w][row * (c->cfg.max_delay + 1) + d];
}

static void build(zt_day now, int history, int min_clients,
                  zt_completeness *c, zt_compl_data **data) {
  zt_compl_config cc;
  zt_err err;
  uint16_t codes[] = {402};
  zt_compl_config_default(&cc);
  cc.max_delay = 2;
  cc.history = history;
  cc.min_clients = min_clients;
  fixture();
  assert_int_equal(zt_compl_prepare(lines, nlines, &credit, 1, rejections,
                                    nrejections, codes, 1, data, &err),
                   ZT_OK);
  assert_int_equal(zt_compl_build(*data, now, &cc, c, &err), ZT_OK);
}

static void test_triangle_and_estimate(void **state) {
  zt_completeness c;
  zt_compl_data *data;
  const zt_compl_unit *u;
  zt_compl_est x;
  (void)state;
  build(zt_day_from_ymd(2023, 5, 31), 2, 1, &c, &data);
  u = zt_compl_unit_of(&c, 0);
  assert_non_null(u);
  assert_int_equal(c.nmonths, 5);
  /* row 1: the credit in its own (March) bucket, the debit gross */
  assert_int_equal(cell(&c, u, ZT_COMPL_SPEND, 1, 0), 200);
  assert_int_equal(cell(&c, u, ZT_COMPL_SPEND, 1, 1), 50);
  assert_int_equal(cell(&c, u, ZT_COMPL_SPEND, 1, 2), 20);
  /* clients of January: A at delay 0 only, B at delay 2 */
  assert_int_equal(cell(&c, u, ZT_COMPL_CLIENTS, 0, 0), 1);
  assert_int_equal(cell(&c, u, ZT_COMPL_CLIENTS, 0, 1), 0);
  assert_int_equal(cell(&c, u, ZT_COMPL_CLIENTS, 0, 2), 1);
  /* the factors */
  assert_true(u->f[ZT_COMPL_SPEND][0] > 1.5 - 1e-12 &&
              u->f[ZT_COMPL_SPEND][0] < 1.5 + 1e-12);
  assert_true(u->f[ZT_COMPL_SPEND][1] > 440.0 / 410 - 1e-12 &&
              u->f[ZT_COMPL_SPEND][1] < 440.0 / 410 + 1e-12);
  /* May alone, April alone, and both */
  assert_true(zt_compl_estimate(&c, u, ZT_COMPL_SPEND, 2023 * 12 + 4,
                                2023 * 12 + 4, &x));
  assert_int_equal(x.observed, 300);
  assert_int_equal(x.final, 483);
  assert_true(zt_compl_estimate(&c, u, ZT_COMPL_SPEND, 2023 * 12 + 3,
                                2023 * 12 + 3, &x));
  assert_int_equal(x.observed, 140);
  assert_int_equal(x.final, 150);
  assert_true(zt_compl_estimate(&c, u, ZT_COMPL_SPEND, 2023 * 12 + 3,
                                2023 * 12 + 4, &x));
  assert_int_equal(x.observed, 440);
  assert_int_equal(x.final, 633);
  assert_int_equal(x.months, 2);
  /* Mack's band: around the estimate, wider than nothing */
  assert_true(x.se > 0);
  assert_true(x.low < x.final && x.final < x.high);
  /* a fully developed month is final as it is, without a band */
  assert_true(zt_compl_estimate(&c, u, ZT_COMPL_SPEND, 2023 * 12 + 1,
                                2023 * 12 + 1, &x));
  assert_int_equal(x.observed, 270);
  assert_int_equal(x.final, 270);
  assert_true(x.se == 0);
  /* the arrival curve: 1 / (f0 f1) at delay 0, 1 at delay K */
  assert_true(zt_compl_curve(&c, u, ZT_COMPL_SPEND, 2) == 1.0);
  assert_true(zt_compl_curve(&c, u, ZT_COMPL_SPEND, 0) <
              1 / 1.5 + 1e-9);
  zt_compl_free(&c);
  zt_compl_data_free(data);
}

/* A January line of 80 (client A's) that arrived 10 January and an answer
 * rejected on 5 April: as of 28 February it is spending of January at
 * delay 0 (as a report then saw it); as of 31 May it is gone again, in
 * the bucket of the answer's month (K = 2 here: delay 2 or more), and
 * January nets to what it was without it. Clients never change. A
 * rejected credit of 30 (netted until its answer) works the other way. */
static void test_rejected_later(void **state) {
  zt_completeness c;
  zt_compl_data *data;
  const zt_compl_unit *u;
  int64_t jan = 0, jan_clients = 0;
  (void)state;
  /* without rejections, as of 31 May */
  nrejections = 0;
  build(zt_day_from_ymd(2023, 5, 31), 2, 1, &c, &data);
  u = zt_compl_unit_of(&c, 0);
  for (int d = 0; d <= 2; d++) {
    jan += cell(&c, u, ZT_COMPL_SPEND, 0, d);
    jan_clients += cell(&c, u, ZT_COMPL_CLIENTS, 0, d);
  }
  zt_compl_free(&c);
  zt_compl_data_free(data);
  rejections[0] = (zt_reject_event){80, zt_day_from_ymd(2023, 1, 1),
                                    zt_day_from_ymd(2023, 1, 10),
                                    zt_day_from_ymd(2023, 4, 5), 402};
  rejections[1] = (zt_reject_event){-30, zt_day_from_ymd(2023, 2, 1),
                                    zt_day_from_ymd(2023, 2, 20),
                                    zt_day_from_ymd(2023, 4, 5), 402};
  nrejections = 2;
  build(zt_day_from_ymd(2023, 2, 28), 2, 1, &c, &data);
  u = zt_compl_unit_of(&c, 0);
  /* January at delay 0: 100 (A) + 80 (the line not yet rejected) */
  assert_int_equal(cell(&c, u, ZT_COMPL_SPEND, 0, 0), 180);
  /* February at delay 0: 200 - 30 (the credit not yet rejected) */
  assert_int_equal(cell(&c, u, ZT_COMPL_SPEND, 1, 0), 170);
  assert_int_equal(cell(&c, zt_compl_unit_of(&c, 402), ZT_COMPL_SPEND, 0,
                        0),
                   180);
  zt_compl_free(&c);
  zt_compl_data_free(data);
  build(zt_day_from_ymd(2023, 5, 31), 2, 1, &c, &data);
  u = zt_compl_unit_of(&c, 0);
  assert_int_equal(cell(&c, u, ZT_COMPL_SPEND, 0, 0), 180);
  assert_int_equal(cell(&c, u, ZT_COMPL_SPEND, 0, 2), 10 - 80);
  {
    int64_t j = 0, jc = 0;
    for (int d = 0; d <= 2; d++) {
      j += cell(&c, u, ZT_COMPL_SPEND, 0, d);
      jc += cell(&c, u, ZT_COMPL_CLIENTS, 0, d);
    }
    assert_int_equal(j, jan);
    assert_int_equal(jc, jan_clients);
  }
  /* February: the credit's -30 at delay 0, +30 back with the answer */
  assert_int_equal(cell(&c, u, ZT_COMPL_SPEND, 1, 0), 170);
  assert_int_equal(cell(&c, u, ZT_COMPL_SPEND, 1, 2), 20 + 30);
  zt_compl_free(&c);
  zt_compl_data_free(data);
  nrejections = 0;
}

/* As of 28 February the March credit and the March arrivals are not
 * known: February's debit counts gross (200), January is 150. */
static void test_as_of(void **state) {
  zt_completeness c;
  zt_compl_data *data;
  const zt_compl_unit *u;
  (void)state;
  build(zt_day_from_ymd(2023, 2, 28), 2, 1, &c, &data);
  u = zt_compl_unit_of(&c, 0);
  assert_int_equal(c.nmonths, 2);
  assert_int_equal(cell(&c, u, ZT_COMPL_SPEND, 1, 0), 200);
  assert_int_equal(cell(&c, u, ZT_COMPL_SPEND, 1, 1), 0);
  assert_int_equal(cell(&c, u, ZT_COMPL_SPEND, 0, 0) +
                       cell(&c, u, ZT_COMPL_SPEND, 0, 1),
                   150);
  /* two months of history: too short for an estimate */
  assert_false(u->usable);
  zt_compl_free(&c);
  zt_compl_data_free(data);
}

/* Who gets an estimate: H fully developed months (3 here: rows 0..2),
 * and for a municipality a mean of min_clients clients per month over
 * the latest H of them (rows 1 and 2: 3 clients each, mean 3). */
static void test_usable(void **state) {
  zt_completeness c;
  zt_compl_data *data;
  zt_compl_est x;
  (void)state;
  build(zt_day_from_ymd(2023, 5, 31), 4, 1, &c, &data);
  assert_false(zt_compl_unit_of(&c, 0)->usable);
  assert_false(zt_compl_estimate(&c, zt_compl_unit_of(&c, 0),
                                 ZT_COMPL_SPEND, 2023 * 12 + 4,
                                 2023 * 12 + 4, &x));
  zt_compl_free(&c);
  zt_compl_data_free(data);
  build(zt_day_from_ymd(2023, 5, 31), 2, 3, &c, &data);
  assert_true(zt_compl_unit_of(&c, 0)->usable);
  assert_true(zt_compl_unit_of(&c, 402)->usable);
  zt_compl_free(&c);
  zt_compl_data_free(data);
  build(zt_day_from_ymd(2023, 5, 31), 2, 4, &c, &data);
  assert_true(zt_compl_unit_of(&c, 0)->usable);   /* no rule for it */
  assert_false(zt_compl_unit_of(&c, 402)->usable);
  zt_compl_free(&c);
  zt_compl_data_free(data);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_triangle_and_estimate),
      cmocka_unit_test(test_as_of),
      cmocka_unit_test(test_rejected_later),
      cmocka_unit_test(test_usable),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

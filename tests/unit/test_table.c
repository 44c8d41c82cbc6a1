/*
 * tests/unit/test_table.c -- the page-break rule of a table
 * (zt_table_rows_here, render/table.h): no page holds fewer than
 * ZT_TABLE_MIN_ROWS rows of a broken table, a small table that fits on an
 * empty page moves whole, footnotes stay with the last row. The rule is
 * checked by simulating the pages for every amount of room left on the
 * first page.
 */
#include "testutil.h"

#include <stdbool.h>
#include <stddef.h>

#include "render/table.h"

#define ROW 12.0

/* Lay out nrows rows of height ROW starting with `first_room` on the
 * first page and `page` on every next one; pieces[] gets the rows per
 * page (0 for a page the table skips). Returns the number of pages. */
static size_t simulate(size_t nrows, double first_room, double page,
                       double tail, size_t *pieces, size_t max) {
  double rowh[256];
  size_t r = 0, np = 0;
  double room = first_room;
  for (size_t k = 0; k < nrows; k++)
    rowh[k] = ROW;
  while (r < nrows && np < max) {
    size_t n = zt_table_rows_here(rowh, r, nrows, room, page, tail,
                                  r == 0);
    if (n == 0 && room >= page)   /* at the top: the caller forces one */
      n = 1;
    pieces[np++] = n;
    r += n;
    room = page;
  }
  return np;
}

static void check_rule(size_t nrows, double page, double tail) {
  for (double first = 0; first <= page; first += ROW / 3) {
    size_t pieces[64], np = simulate(nrows, first, page, tail, pieces, 64);
    size_t placed = 0, nonempty = 0;
    for (size_t k = 0; k < np; k++) {
      placed += pieces[k];
      nonempty += pieces[k] > 0;
      /* a piece never overfills its page */
      assert_true((double)pieces[k] * ROW <= (k == 0 ? first : page));
    }
    assert_int_equal(placed, nrows);
    if (nonempty > 1) {
      /* broken: every piece has at least ZT_TABLE_MIN_ROWS rows */
      for (size_t k = 0; k < np; k++)
        if (pieces[k] > 0 && pieces[k] < ZT_TABLE_MIN_ROWS)
          fail_msg("%zu rows, %.0f pt on page 1: a piece of %zu rows",
                   nrows, first, pieces[k]);
      /* and a small table that fits on a page is never broken */
      if (nrows <= ZT_TABLE_WHOLE_MAX &&
          (double)nrows * ROW + tail <= page)
        fail_msg("%zu rows fit on a page but were broken", nrows);
    }
    /* the last piece leaves room for the footnotes */
    if (np > 0 && (double)nrows * ROW + tail <= page)
      assert_true((double)pieces[np - 1] * ROW + tail <=
                  (np == 1 ? first : page) + 1e-9);
  }
}

static void test_min_rows_on_each_page(void **state) {
  (void)state;
  /* tables of 1 to 80 rows on pages of 15 and 50 rows */
  for (size_t n = 1; n <= 80; n++) {
    check_rule(n, 15 * ROW, 0);
    check_rule(n, 50 * ROW, 0);
    check_rule(n, 50 * ROW, 2.5 * ROW);
  }
}

static void test_cases(void **state) {
  double rowh[40];
  (void)state;
  for (size_t k = 0; k < 40; k++)
    rowh[k] = ROW;
  /* 20 rows with room for 9: a small table moves whole (the old 9/11
   * split of the costs table) */
  assert_int_equal(zt_table_rows_here(rowh, 0, 20, 9 * ROW, 50 * ROW, 0,
                                      true), 0);
  /* the same rows as the continuation of a table: 9 here */
  assert_int_equal(zt_table_rows_here(rowh, 0, 20, 9 * ROW, 50 * ROW, 0,
                                      false), 9);
  /* 40 rows (too many to keep whole), room for 38: two rows would be left
   * over, so 37 here and 3 on the next page */
  assert_int_equal(zt_table_rows_here(rowh, 0, 40, 38 * ROW, 50 * ROW, 0,
                                      true), 37);
  /* room for 2 rows of a long table: none here */
  assert_int_equal(zt_table_rows_here(rowh, 0, 40, 2 * ROW, 50 * ROW, 0,
                                      true), 0);
  /* everything fits but the footnotes do not: the last rows go with
   * them */
  assert_int_equal(zt_table_rows_here(rowh, 10, 40, 30 * ROW, 50 * ROW,
                                      ROW, false), 27);
  /* the rest fits with its notes */
  assert_int_equal(zt_table_rows_here(rowh, 10, 40, 31 * ROW, 50 * ROW,
                                      ROW, false), 30);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_min_rows_on_each_page),
      cmocka_unit_test(test_cases),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

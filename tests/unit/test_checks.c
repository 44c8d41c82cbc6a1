/*
 * tests/unit/test_checks.c -- render/checks.c's steering notes: a
 * measure whose status the calendar has overtaken (still "gepland" after
 * its start quarter, still "lopend" after its last quarter), for a first
 * half-year, a second half-year and a whole year, and which table gets
 * which note.
 */
#include "testutil.h"

#include <glib.h>
#include <string.h>

#include "core/str.h"
#include "render/checks.h"

static zt_measure measure(const char *status, const char *van,
                          const char *tot) {
  zt_measure m;
  memset(&m, 0, sizeof m);
  zt_strlcpy(m.id, "M11", sizeof m.id);
  zt_strlcpy(m.actielijn, "Grip op zorgkosten", sizeof m.actielijn);
  zt_strlcpy(m.maatregel, "Nieuwe inkoop", sizeof m.maatregel);
  zt_strlcpy(m.status, status, sizeof m.status);
  zt_strlcpy(m.van, van, sizeof m.van);
  zt_strlcpy(m.tot, tot, sizeof m.tot);
  return m;
}

static zt_period period(int year, int half) {
  zt_period p;
  memset(&p, 0, sizeof p);
  p.year = year;
  p.half = half;
  return p;
}

/* Still planned once the start quarter is inside or before the period. */
static void test_planned_overdue(void **state) {
  (void)state;
  zt_measure m = measure("gepland", "2023-Q2", "2024-Q1");
  zt_period h1 = period(2023, 1), h2 = period(2023, 2);
  zt_period y22 = period(2022, 0), h1_22 = period(2022, 1);
  char *s = zt_measure_late_text(&m, &h1);
  assert_non_null(s);
  assert_string_equal(s, "M11 Nieuwe inkoop staat nog op gepland, terwijl "
                         "de start volgens de planning in Q2 2023 lag.");
  g_free(s);
  s = zt_measure_late_text(&m, &h2);
  assert_non_null(s);
  g_free(s);
  /* the start lies after the period: not late yet */
  assert_null(zt_measure_late_text(&m, &y22));
  assert_null(zt_measure_late_text(&m, &h1_22));
  /* a first half ends with Q2: a Q3 start is not late in H1 */
  m = measure("gepland", "2023-Q3", "2024-Q1");
  assert_null(zt_measure_late_text(&m, &h1));
  s = zt_measure_late_text(&m, &h2);
  assert_non_null(s);
  g_free(s);
}

/* Still running after its last quarter ended; not in that quarter. */
static void test_running_overdue(void **state) {
  (void)state;
  zt_measure m = measure("lopend", "2022-Q1", "2022-Q4");
  zt_period y22 = period(2022, 0), h1 = period(2023, 1);
  char *s;
  assert_null(zt_measure_late_text(&m, &y22));
  s = zt_measure_late_text(&m, &h1);
  assert_non_null(s);
  assert_string_equal(s, "M11 Nieuwe inkoop staat nog op lopend, terwijl "
                         "het einde volgens de planning in Q4 2022 lag.");
  g_free(s);
}

/* Other statuses, and quarters that are no quarter, say nothing. */
static void test_no_note(void **state) {
  (void)state;
  zt_period h2 = period(2023, 2);
  const char *statuses[] = {"gereed", "vertraagd", "gestopt"};
  for (size_t i = 0; i < sizeof statuses / sizeof *statuses; i++) {
    zt_measure m = measure(statuses[i], "2020-Q1", "2020-Q2");
    assert_null(zt_measure_late_text(&m, &h2));
  }
  zt_measure m = measure("gepland", "", "");
  assert_null(zt_measure_late_text(&m, &h2));
  m = measure("lopend", "2022-Q1", "2022");
  assert_null(zt_measure_late_text(&m, &h2));
  /* no id: the name alone */
  m = measure("gepland", "2023-Q1", "2023-Q4");
  m.id[0] = '\0';
  char *s = zt_measure_late_text(&m, &h2);
  assert_non_null(s);
  assert_true(g_str_has_prefix(s, "Nieuwe inkoop staat nog op gepland"));
  g_free(s);
}

/* The measures table lists conflicts and late measures; the budget
 * table only the conflicts. */
static void test_notes(void **state) {
  (void)state;
  zt_measure ms[2] = {measure("gepland", "2023-Q1", "2023-Q4"),
                      measure("gereed", "2022-Q1", "2022-Q4")};
  zt_budget_row b;
  zt_report_input in;
  char **with, **without;
  memset(&b, 0, sizeof b);
  memset(&in, 0, sizeof in);
  zt_strlcpy(ms[1].actielijn, "Alleen bij maatregelen",
             sizeof ms[1].actielijn);
  zt_strlcpy(b.actielijn, "Grip op zorgkosten", sizeof b.actielijn);
  b.jaar = 2023;
  in.measures = ms;
  in.nmeasures = 2;
  in.budget = &b;
  in.nbudget = 1;
  in.period = period(2023, 2);
  with = zt_steering_notes(&in, true);
  without = zt_steering_notes(&in, false);
  assert_int_equal(g_strv_length(with), 2);
  assert_int_equal(g_strv_length(without), 1);
  assert_string_equal(with[0], without[0]);
  assert_non_null(strstr(without[0], "Alleen bij maatregelen"));
  assert_non_null(strstr(with[1], "staat nog op gepland"));
  g_strfreev(with);
  g_strfreev(without);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_planned_overdue),
      cmocka_unit_test(test_running_overdue),
      cmocka_unit_test(test_no_note),
      cmocka_unit_test(test_notes),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

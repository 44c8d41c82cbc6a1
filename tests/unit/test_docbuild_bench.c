/*
 * tests/unit/test_docbuild_bench.c -- figures published elsewhere in the
 * document model (render/docbuild_bench.c): a benchmark category in a
 * chart of municipalities, left out when no figure was published for
 * the period shown; the table "Regio en Nederland" with the own figure
 * of the same indicator, area and period beside each published one, at
 * most three periods per indicator and area, none after the report's
 * period; and the whole section left out without benchmark input.
 */
#include "testutil.h"

#include <glib.h>
#include <string.h>

#include "core/str.h"
#include "render/format_nl.h"
#include "render/template.h"

static char *tmp;

static int setup(void **state) {
  (void)state;
  tmp = tu_tmpdir("docbench");
  return 0;
}

static int teardown(void **state) {
  (void)state;
  tu_rmtree(tmp);
  g_free(tmp);
  return 0;
}

typedef struct mini {
  zt_report_input in;
  zt_ind_table *t;
  uint16_t gem[2];
  const char *names[2];
  zt_benchmark bench[8];
} mini;

/* A rate of num/den per 1.000 (one decimal), as metrics/ writes it. */
static void rate(mini *m, const char *ind, const char *period, uint16_t gem,
                 int64_t num, int64_t den, const char *display) {
  zt_ind_value v;
  memset(&v, 0, sizeof v);
  zt_strlcpy(v.indicator, ind, sizeof v.indicator);
  zt_strlcpy(v.period, period, sizeof v.period);
  v.gemeente = gem;
  v.unit = ZT_UNIT_COUNT;
  v.num = num;
  v.den = den;
  v.n = num;
  zt_strlcpy(v.display, display, sizeof v.display);
  assert_int_equal(zt_ind_table_put(m->t, &v), ZT_OK);
}

static void bench(mini *m, size_t i, const char *ind, const char *area,
                  const char *period, int64_t num, int64_t den,
                  const char *status) {
  zt_benchmark *b = &m->bench[i];
  memset(b, 0, sizeof *b);
  zt_strlcpy(b->indicator, ind, sizeof b->indicator);
  zt_strlcpy(b->area, area, sizeof b->area);
  zt_strlcpy(b->period, period, sizeof b->period);
  b->num = num;
  b->den = den;
  zt_strlcpy(b->status, status, sizeof b->status);
  zt_strlcpy(b->source, "CBS 84134NED", sizeof b->source);
  m->in.nbenchmarks = i + 1 > m->in.nbenchmarks ? i + 1
                                                 : m->in.nbenchmarks;
}

/* The annual report 2023 of Blaricum and Hilversum. Region rates: 2020
 * 80,0; 2021 81,0; 2022 82,0; 2023 85,4 (9.485 of 111.066 youths:
 * 85,399... -> 85,4); Hilversum 2023 101,9. */
static void mini_build(mini *m) {
  memset(m, 0, sizeof *m);
  m->t = zt_ind_table_new();
  rate(m, "rate.clients_per_1000", "2020", 0, 800, 10, "80,0");
  rate(m, "rate.clients_per_1000", "2021", 0, 810, 10, "81,0");
  rate(m, "rate.clients_per_1000", "2022", 0, 820, 10, "82,0");
  rate(m, "rate.clients_per_1000", "2023", 0, 9485000, 111066, "85,4");
  rate(m, "rate.clients_per_1000", "2023", 376, 340, 10, "34,0");
  rate(m, "rate.clients_per_1000", "2023", 402, 1019, 10, "101,9");
  m->in.ind = m->t;
  m->in.region_name = "Gooi en Vechtstreek";
  m->gem[0] = 376;
  m->gem[1] = 402;
  m->names[0] = "Blaricum";
  m->names[1] = "Hilversum";
  m->in.gemeenten = m->gem;
  m->in.gemeente_names = m->names;
  m->in.ngemeenten = 2;
  m->in.period = zt_period_year(2023);
  m->in.peildatum = zt_day_from_ymd(2023, 12, 31);
  m->in.report_date = zt_day_from_ymd(2024, 3, 1);
  m->in.latest_delivery = ZT_DAY_NONE;
  m->in.version = "0.1.0";
  m->in.benchmarks = m->bench;
}

static zt_doc *build(const char *xml, const mini *m) {
  char *path = tu_write(tmp, "b.xml", xml);
  zt_template *t = NULL;
  zt_doc *d = NULL;
  zt_err err;
  if (zt_template_load(path, &t, &err) != ZT_OK)
    fail_msg("load: %s", err.msg);
  if (zt_doc_build(t, &m->in, &d, &err) != ZT_OK)
    fail_msg("build: %s", err.msg);
  zt_template_free(t);
  g_free(path);
  return d;
}

static const zt_block *first(const zt_doc *d, zt_block_kind kind) {
  for (size_t i = 0; i < d->nblocks; i++)
    if (d->blocks[i].kind == kind)
      return &d->blocks[i];
  return NULL;
}

#define CHART                                                            \
  "<?xml version=\"1.0\"?>\n<report title=\"T\" kind=\"jaar\">"           \
  "<chart type=\"bar\" title=\"Per 1.000, {kalenderjaar}\" "              \
  "id=\"rate.clients_per_1000\" period=\"fullyear\" "                     \
  "x=\"gemeenten+regio\"><cat benchmark=\"NL\" label=\"Nederland\"/>"     \
  "</chart></report>\n"

static void test_chart_category(void **state) {
  mini m;
  zt_doc *d;
  const zt_chart *c;
  (void)state;
  mini_build(&m);
  /* a national figure of another year only: no Nederland bar */
  bench(&m, 0, "rate.clients_per_1000", "NL", "2022", 1004, 10,
        "definitief");
  d = build(CHART, &m);
  c = first(d, ZT_BLK_CHART)->chart;
  assert_int_equal(c->ncat, 3);
  assert_string_equal(c->cats[2], "Regio Gooi en Vechtstreek");
  zt_doc_free(d);
  /* the year's figure: a fourth bar with its value, formatted like the
   * region's own (one decimal) */
  bench(&m, 1, "rate.clients_per_1000", "NL", "2023", 1014, 10,
        "voorlopig");
  d = build(CHART, &m);
  c = first(d, ZT_BLK_CHART)->chart;
  assert_int_equal(c->ncat, 4);
  assert_string_equal(c->cats[3], "Nederland");
  assert_true(c->ser[0].val[3].present);
  assert_string_equal(c->ser[0].val[3].display, "101,4");
  assert_string_equal(c->ser[0].val[1].display, "101,9");
  assert_string_equal(c->ser[0].val[2].display, "85,4");
  assert_string_equal(first(d, ZT_BLK_CHART)->chart->title,
                      "Per 1.000, 2023");
  zt_doc_free(d);
  zt_ind_table_free(m.t);
}

#define TABLE                                                             \
  "<?xml version=\"1.0\"?>\n<report title=\"T\" kind=\"jaar\">"           \
  "<section title=\"Bijlage\"><section title=\"Regio en Nederland\" "   \
  "requires=\"benchmark\"><p>Uitleg.</p>"                                \
  "<benchmark-table title=\"Naast elkaar\"/></section></section>"       \
  "</report>\n"

static void test_table(void **state) {
  mini m;
  zt_doc *d;
  const zt_block *h2 = NULL;
  const zt_table *t;
  (void)state;
  mini_build(&m);
  /* without benchmark input: the section is left out, heading and all */
  d = build(TABLE, &m);
  for (size_t i = 0; i < d->nblocks; i++)
    assert_false(d->blocks[i].kind == ZT_BLK_HEADING &&
                 d->blocks[i].level == 2);
  assert_null(first(d, ZT_BLK_TABLE));
  assert_null(first(d, ZT_BLK_PARA));
  zt_doc_free(d);

  /* NL for five years (2024 is after the report: left out; 2020 is the
   * fourth latest: left out), Hilversum's own figure, and an indicator
   * zothuis does not compute (left out) */
  bench(&m, 0, "rate.clients_per_1000", "NL", "2020", 984, 10, "definitief");
  bench(&m, 1, "rate.clients_per_1000", "NL", "2021", 994, 10, "definitief");
  bench(&m, 2, "rate.clients_per_1000", "NL", "2022", 1004, 10,
        "definitief");
  bench(&m, 3, "rate.clients_per_1000", "NL", "2023", 1014, 10,
        "voorlopig");
  bench(&m, 4, "rate.clients_per_1000", "NL", "2024", 1024, 10,
        "voorlopig");
  bench(&m, 5, "rate.clients_per_1000", "0402", "2023", 602, 10,
        "nader voorlopig");
  bench(&m, 6, "no.such_indicator", "NL", "2023", 1, 1, "definitief");
  d = build(TABLE, &m);
  for (size_t i = 0; i < d->nblocks && !h2; i++)
    if (d->blocks[i].kind == ZT_BLK_HEADING && d->blocks[i].level == 2)
      h2 = &d->blocks[i];
  assert_non_null(h2);
  assert_non_null(first(d, ZT_BLK_PARA));
  t = first(d, ZT_BLK_TABLE)->table;
  assert_string_equal(t->caption, "Naast elkaar");
  /* head, one group row, NL 2023/2022/2021, Hilversum 2023; one source
   * for all: its column left out, the source under the table */
  assert_int_equal(t->nrows, 1 + 1 + 3 + 1);
  assert_int_equal(t->ncols, 5);
  assert_true(t->rflags[1] & ZT_ROW_GROUP);
  assert_string_equal(zt_table_cell(t, 1, 0),
                      "Jeugdigen met jeugdhulp per 1.000");
  /* Nederland first, latest first, the region's own figure beside it */
  assert_string_equal(zt_table_cell(t, 2, 0), "Nederland");
  assert_string_equal(zt_table_cell(t, 2, 1), "2023");
  assert_string_equal(zt_table_cell(t, 2, 2), "85,4");
  assert_string_equal(zt_table_cell(t, 2, 3), "101,4");
  assert_string_equal(zt_table_cell(t, 2, 4), "voorlopig");
  assert_string_equal(zt_table_cell(t, 4, 1), "2021");
  assert_string_equal(zt_table_cell(t, 4, 2), "81,0");
  assert_string_equal(zt_table_cell(t, 4, 3), "99,4");
  /* a member's figure beside the member's own */
  assert_string_equal(zt_table_cell(t, 5, 0), "Hilversum");
  assert_string_equal(zt_table_cell(t, 5, 2), "101,9");
  assert_string_equal(zt_table_cell(t, 5, 3), "60,2");
  assert_string_equal(zt_table_cell(t, 5, 4), "nader voorlopig");
  assert_non_null(strstr(t->notes[0], "CBS 84134NED"));
  zt_doc_free(d);

  /* two sources: a column of its own */
  zt_strlcpy(m.bench[5].source, "CBS", sizeof m.bench[5].source);
  d = build(TABLE, &m);
  t = first(d, ZT_BLK_TABLE)->table;
  assert_int_equal(t->ncols, 6);
  assert_string_equal(zt_table_cell(t, 5, 5), "CBS");
  zt_doc_free(d);
  zt_ind_table_free(m.t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_chart_category),
      cmocka_unit_test(test_table),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

/*
 * tests/unit/test_docbuild_summary.c -- what issue 12 asked of the
 * document model (render/docbuild.c): the steering text in the summary
 * and the cover's status, tiles that compare with a year earlier and
 * with the programme budget, years and half-years set apart in a table,
 * the half-year tables of the shipped template with the same half-year
 * a year earlier, folded rows, small-number warnings and a
 * municipality's own target explained.
 */
#include "testutil.h"

#include <glib.h>
#include <string.h>

#include "core/str.h"
#include "etl/narrative.h"
#include "render/format_nl.h"
#include "render/ind_ids.h"
#include "render/template.h"
#include "render_fixture.h"

static char *tmp;

static int setup(void **state) {
  (void)state;
  tmp = tu_tmpdir("docsum");
  return 0;
}

static int teardown(void **state) {
  (void)state;
  tu_rmtree(tmp);
  g_free(tmp);
  return 0;
}

#define HEAD "<?xml version=\"1.0\"?>\n" \
             "<report title=\"T\" kind=\"halfjaar\">\n"

typedef struct mini {
  zt_report_input in;
  zt_ind_table *t;
  zt_report_target targets[2];
  zt_budget_row budget[2];
  uint16_t gem[2];
  const char *names[2];
  zt_period trend[4];
} mini;

static void put(zt_ind_table *t, const char *ind, const char *period,
                uint16_t gem, const char *bd, zt_unit unit, int64_t num,
                int64_t den, bool suppressed, const char *display) {
  zt_ind_value v;
  memset(&v, 0, sizeof v);
  zt_strlcpy(v.indicator, ind, sizeof v.indicator);
  zt_strlcpy(v.period, period, sizeof v.period);
  zt_strlcpy(v.breakdown, bd, sizeof v.breakdown);
  v.gemeente = gem;
  v.unit = unit;
  v.num = num;
  v.den = den;
  v.n = den;
  v.suppressed = suppressed;
  zt_strlcpy(v.display, display, sizeof v.display);
  assert_int_equal(zt_ind_table_put(t, &v), ZT_OK);
}

static void count(mini *m, const char *ind, const char *period,
                  uint16_t gem, const char *bd, int64_t n) {
  char buf[ZT_FMT_MAX];
  zt_fmt_int(n, buf);
  put(m->t, ind, period, gem, bd, ZT_UNIT_COUNT, n, 1, false, buf);
}

static void target(zt_report_target *t, const char *ind, uint16_t gem,
                   const char *period, zt_target_op op, int64_t v) {
  memset(t, 0, sizeof *t);
  zt_strlcpy(t->indicator, ind, sizeof t->indicator);
  zt_strlcpy(t->period, period, sizeof t->period);
  t->gemeente = gem;
  t->op = op;
  t->num = v;
  t->den = 1;
}

/* The 1e halfjaar 2022 of a two-municipality region. */
static void mini_build(mini *m) {
  memset(m, 0, sizeof *m);
  m->t = zt_ind_table_new();
  count(m, "clients.total", "2021", 0, "", 9000);
  count(m, "clients.total", "2021-H1", 0, "", 5000);
  count(m, "clients.total", "2021-H2", 0, "", 5200);
  count(m, "clients.total", "2022-H1", 0, "", 5600);
  count(m, "clients.total", "2022-H1", 376, "", 195);
  count(m, "clients.total", "2021-H1", 376, "", 150);
  /* Blaricum: one kind worth showing, three with nothing to publish */
  count(m, "clients.by_kind", "2022-H1", 376, "kind=amb_begeleiding", 80);
  count(m, "clients.by_kind", "2021-H1", 376, "kind=amb_begeleiding", 70);
  put(m->t, "clients.by_kind", "2022-H1", 376, "kind=pleegzorg",
      ZT_UNIT_COUNT, 3, 1, true, "< 5");
  put(m->t, "clients.by_kind", "2021-H1", 376, "kind=pleegzorg",
      ZT_UNIT_COUNT, 0, 1, false, "0");
  count(m, "clients.by_kind", "2022-H1", 376, "kind=crisis", 0);
  put(m->t, "clients.by_kind", "2022-H1", 376, "kind=gesloten",
      ZT_UNIT_COUNT, 6, 1, true, "\xc2\xb7");
  /* Blaricum's family-setting share over 12 children; Hilversum's over
   * 40 */
  put(m->t, "verblijf.share_gezinsvorm", "2022-H1", 376, "",
      ZT_UNIT_PERCENT, 9, 12, false, "75,0%");
  put(m->t, "verblijf.share_gezinsvorm", "2022-H1", 402, "",
      ZT_UNIT_PERCENT, 30, 40, false, "75,0%");
  m->in.ind = m->t;
  m->in.region_name = "Gooi en Vechtstreek";
  m->gem[0] = 376;
  m->gem[1] = 402;
  m->names[0] = "Blaricum";
  m->names[1] = "Hilversum";
  m->in.gemeenten = m->gem;
  m->in.gemeente_names = m->names;
  m->in.ngemeenten = 2;
  m->in.period = zt_period_half(2022, 1);
  m->in.peildatum = zt_day_from_ymd(2022, 6, 30);
  m->trend[0] = zt_period_half(2021, 1);
  m->trend[1] = zt_period_half(2021, 2);
  m->trend[2] = zt_period_half(2022, 1);
  m->trend[3] = zt_period_year(2021);
  m->in.trend = m->trend;
  m->in.ntrend = 4;
  /* the region's target, and Blaricum's own, stricter one */
  target(&m->targets[0], "verblijf.share_gezinsvorm", ZT_GEMEENTE_REGIO,
         "2022", ZT_OP_GE, 70);
  target(&m->targets[1], "verblijf.share_gezinsvorm", 376, "2022",
         ZT_OP_GE, 72);
  m->in.targets = m->targets;
  m->in.ntargets = 2;
  zt_strlcpy(m->budget[0].actielijn, "A", sizeof m->budget[0].actielijn);
  m->budget[0].jaar = 2022;
  m->budget[0].uitgaven = 30000000;
  m->budget[0].middelen = 100000000;
  zt_strlcpy(m->budget[1].actielijn, "B", sizeof m->budget[1].actielijn);
  m->budget[1].jaar = 2021;     /* another year: not in the tile */
  m->budget[1].uitgaven = 1;
  m->budget[1].middelen = 1;
  m->in.budget = m->budget;
  m->in.nbudget = 2;
  m->in.report_date = zt_day_from_ymd(2022, 9, 4);
  m->in.latest_delivery = ZT_DAY_NONE;
  m->in.version = "0.1.0";
}

static void mini_free(mini *m) { zt_ind_table_free(m->t); }

static zt_doc *build_from(const char *path, const zt_report_input *in) {
  zt_template *t = NULL;
  zt_doc *d = NULL;
  zt_err err;
  if (zt_template_load(path, &t, &err) != ZT_OK)
    fail_msg("load: %s", err.msg);
  if (zt_doc_build(t, in, &d, &err) != ZT_OK)
    fail_msg("build: %s", err.msg);
  zt_template_free(t);
  return d;
}

static zt_doc *build(const char *name, const char *xml, const mini *m) {
  char *path = tu_write(tmp, name, xml);
  zt_doc *d = build_from(path, &m->in);
  g_free(path);
  return d;
}

static const char *plain(zt_doc *d, const zt_text *t) {
  return zt_text_plain(&d->arena, t);
}

static void test_narrative_and_cover(void **state) {
  static const char text[] = "# Duiding\nDe *kosten* stegen.\n\n"
                             "# Besluitpunten\n- Kennis nemen.\n- Besluiten."
                             "\n";
  static const char xml[] =
      HEAD "<cover/><narrative part=\"duiding\" title=\"Duiding\"/>"
           "<narrative part=\"besluitpunten\" title=\"Besluitpunten\"/>"
           "</report>\n";
  mini m;
  zt_narrative *n = NULL;
  zt_doc *d;
  bool em = false;
  (void)state;
  mini_build(&m);
  assert_int_equal(zt_narrative_parse(text, strlen(text), "d.txt", &n, NULL),
                   ZT_OK);
  m.in.narrative = n;
  m.in.definitief = true;
  m.in.latest_delivery = zt_day_from_ymd(2022, 7, 3);
  d = build("n.xml", xml, &m);
  assert_string_equal(d->status, "definitief");
  assert_null(d->cover_note);
  assert_non_null(d->delivery);
  {
    char date[ZT_FMT_MAX];
    zt_fmt_date(m.in.latest_delivery, date);
    assert_non_null(strstr(d->delivery, date));
  }
  /* cover, heading, paragraph, heading, one list of two bullets */
  assert_int_equal(d->nblocks, 5);
  assert_int_equal(d->blocks[1].kind, ZT_BLK_HEADING);
  assert_string_equal(d->blocks[1].title, "Duiding");
  assert_int_equal(d->blocks[2].kind, ZT_BLK_PARA);
  assert_string_equal(plain(d, &d->blocks[2].text), "De kosten stegen.");
  for (size_t i = 0; i < d->blocks[2].text.n; i++)
    em |= (d->blocks[2].text.runs[i].flags & ZT_RUN_EM) &&
          strcmp(d->blocks[2].text.runs[i].text, "kosten") == 0;
  assert_true(em);
  assert_int_equal(d->blocks[4].kind, ZT_BLK_LIST);
  assert_int_equal(d->blocks[4].nitems, 2);
  zt_doc_free(d);

  /* no steering text: a concept whatever was asked, and the cover and
   * the summary say what is missing */
  m.in.narrative = NULL;
  m.in.narrative_file = "/x/steering/duiding-2022-H1.txt";
  d = build("n.xml", xml, &m);
  assert_string_equal(d->status, "concept");
  assert_non_null(d->cover_note);
  assert_non_null(strstr(d->cover_note, "duiding-2022-H1.txt"));
  assert_null(strstr(d->cover_note, "/x/"));
  assert_int_equal(d->blocks[2].kind, ZT_BLK_NOTE);
  zt_doc_free(d);
  zt_narrative_free(n);
  mini_free(&m);
}

static void test_compare_and_budget_tiles(void **state) {
  mini m;
  zt_doc *d;
  const zt_block *b;
  char pct[ZT_FMT_MAX], name[ZT_FMT_MAX], mid[ZT_FMT_MAX];
  zt_period p = zt_period_half(2021, 1);
  (void)state;
  mini_build(&m);
  d = build("c.xml", HEAD "<tiles>"
            "<tile id=\"clients.total\" label=\"J\" compare=\"prev-2\"/>"
            "<budget-tile label=\"Programma {jaar}\"/>"
            "</tiles></report>\n", &m);
  b = &d->blocks[0];
  assert_int_equal(b->ntiles, 2);
  /* 5.600 against 5.000 in the same half-year a year earlier */
  zt_fmt_percent(5600 - 5000, 5000, pct);
  zt_fmt_period_short(&p, name);
  assert_non_null(strstr(b->tiles[0].note, name));
  assert_non_null(strstr(b->tiles[0].note, "5.000"));
  assert_non_null(strstr(b->tiles[0].note, pct));
  assert_non_null(strstr(b->tiles[0].note, "+"));
  /* the year's spending against half its funds after a 1e halfjaar */
  assert_string_equal(b->tiles[1].label, "Programma 2022");
  zt_fmt_eur(30000000, 1, mid);
  assert_string_equal(b->tiles[1].value, mid);
  zt_fmt_eur(100000000 / 2, 1, mid);
  assert_non_null(strstr(b->tiles[1].note, mid));
  zt_fmt_percent(30000000, 100000000 / 2, pct);
  assert_non_null(strstr(b->tiles[1].note, pct));
  zt_doc_free(d);
  mini_free(&m);
}

static void test_year_and_half_year_columns(void **state) {
  mini m;
  zt_doc *d;
  const zt_table *t;
  char h1[ZT_FMT_MAX];
  zt_period p = zt_period_half(2021, 1);
  (void)state;
  mini_build(&m);
  zt_fmt_period_short(&p, h1);
  d = build("g.xml", HEAD
            "<table title=\"Mix\" id=\"clients.total\" "
            "cols=\"periods:year-1,prev-2,prev,current\"><row label=\"R\"/>"
            "</table>"
            "<table title=\"Half\" id=\"clients.total\" "
            "cols=\"periods:prev-2,prev,current\"><row label=\"R\"/>"
            "</table></report>\n", &m);
  t = d->blocks[0].table;
  /* a group row above the column labels */
  assert_int_equal(zt_table_head_rows(t), 2);
  assert_string_equal(zt_table_cell(t, 0, 1), "Heel jaar");
  assert_string_equal(zt_table_cell(t, 0, 2), "Halfjaar");
  assert_string_equal(zt_table_cell(t, 0, 3), "");
  assert_string_equal(zt_table_cell(t, 1, 1), "2021");
  assert_string_equal(zt_table_cell(t, 1, 2), h1);
  /* a rule where the half-years start, nowhere else */
  assert_false(t->sep[1]);
  assert_true(t->sep[2]);
  assert_false(t->sep[3]);
  /* only half-years: one header row, no rule */
  t = d->blocks[1].table;
  assert_int_equal(zt_table_head_rows(t), 1);
  for (size_t c = 0; c < t->ncols; c++)
    assert_false(t->sep[c]);
  zt_doc_free(d);
  mini_free(&m);
}

/* The shipped half-year template: Tabel 1 and Tabel 3 have the same
 * columns, among them the same half-year a year earlier. */
static void test_shipped_half_year_tables(void **state) {
  rf_fixture f;
  zt_doc *d;
  const zt_table *t1 = NULL, *t3 = NULL;
  char same[ZT_FMT_MAX];
  zt_period p;
  (void)state;
  rf_build(&f);
  p = zt_period_half(f.in.period.year - 1, f.in.period.half);
  zt_fmt_period_short(&p, same);
  d = build_from(ZT_SOURCE_DIR "/templates/halfjaar.xml", &f.in);
  for (size_t i = 0; i < d->nblocks; i++) {
    const zt_table *t = d->blocks[i].table;
    if (d->blocks[i].kind != ZT_BLK_TABLE)
      continue;
    if (!t1 && strstr(t->caption, "cli\xc3\xabnten per zorgsoort"))
      t1 = t;
    else if (!t3 && strstr(t->caption, "Kosten per zorgsoort"))
      t3 = t;
  }
  assert_non_null(t1);
  assert_non_null(t3);
  assert_int_equal(t1->ncols, t3->ncols);
  assert_int_equal(zt_table_head_rows(t1), zt_table_head_rows(t3));
  {
    size_t h = zt_table_head_rows(t1) - 1;
    bool found = false;
    for (size_t c = 1; c < t1->ncols; c++) {
      assert_string_equal(zt_table_cell(t1, h, c), zt_table_cell(t3, h, c));
      found |= strcmp(zt_table_cell(t1, h, c), same) == 0;
    }
    assert_true(found);
  }
  zt_doc_free(d);
  rf_free(&f);
}

static void test_fold_rows(void **state) {
  mini m;
  zt_doc *d;
  const zt_table *t;
  const char *fold;
  (void)state;
  mini_build(&m);
  d = build("f.xml", HEAD
            "<table title=\"K\" id=\"clients.by_kind\" rows=\"breakdown:kind\""
            " cols=\"periods:prev-2,current\" gemeente=\"0376\" fold=\"yes\""
            " total=\"clients.total\" total-label=\"Totaal\"/>"
            "<table title=\"K2\" id=\"clients.by_kind\" "
            "rows=\"breakdown:kind\" cols=\"periods:prev-2,current\" "
            "gemeente=\"0376\" total=\"clients.total\"/>"
            "</report>\n", &m);
  t = d->blocks[0].table;
  /* header, the one kind worth showing, the folded line, the total */
  assert_int_equal(t->nrows, 4);
  assert_string_equal(zt_table_cell(t, 1, 0),
                      zt_breakdown_label("kind", "amb_begeleiding"));
  fold = zt_table_cell(t, 2, 0);
  assert_non_null(strstr(fold, zt_breakdown_label("kind", "pleegzorg")));
  assert_non_null(strstr(fold, zt_breakdown_label("kind", "crisis")));
  assert_non_null(strstr(fold, zt_breakdown_label("kind", "gesloten")));
  assert_non_null(strstr(fold, "minder dan 5"));
  assert_non_null(strstr(fold, "niet getoond"));
  assert_true(t->rflags[3] & ZT_ROW_TOTAL);
  /* without fold="yes" every row stays */
  assert_int_equal(d->blocks[1].table->nrows, 6);
  zt_doc_free(d);
  mini_free(&m);
}

static void test_small_base_and_own_target(void **state) {
  mini m;
  zt_doc *d;
  char reg[72], own[72];
  size_t nblk = 0, npara = 0;
  const zt_block *tiles[2];
  const char *para = NULL;
  (void)state;
  mini_build(&m);
  zt_target_text(&m.targets[0], ZT_UNIT_PERCENT, true, reg);
  zt_target_text(&m.targets[1], ZT_UNIT_PERCENT, true, own);
  d = build("o.xml", HEAD "<per-gemeente><tiles>"
            "<tile id=\"verblijf.share_gezinsvorm\" label=\"Verblijf in een"
            " gezinsvorm\"/></tiles></per-gemeente></report>\n", &m);
  for (size_t i = 0; i < d->nblocks; i++) {
    if (d->blocks[i].kind == ZT_BLK_TILES && nblk < 2)
      tiles[nblk++] = &d->blocks[i];
    if (d->blocks[i].kind == ZT_BLK_PARA) {
      npara++;
      para = plain(d, &d->blocks[i].text);
    }
  }
  assert_int_equal(nblk, 2);
  /* Blaricum: 12 children, a status with a warning; Hilversum: 40 */
  assert_non_null(tiles[0]->tiles[0].note);
  assert_non_null(strstr(tiles[0]->tiles[0].note, "klein aantal: 12"));
  assert_true(tiles[1]->tiles[0].note == NULL ||
              !strstr(tiles[1]->tiles[0].note, "klein aantal"));
  /* only Blaricum has a target of its own */
  assert_int_equal(npara, 1);
  assert_non_null(strstr(para, "Blaricum"));
  assert_non_null(strstr(para, own));
  assert_non_null(strstr(para, reg));
  assert_non_null(strstr(para, "verblijf in een gezinsvorm"));
  zt_doc_free(d);
  mini_free(&m);
}

static void test_cell_rules(void **state) {
  (void)state;
  assert_false(zt_cell_publishable("0", 0));
  assert_false(zt_cell_publishable("\xe2\x82\xac 0", 0));
  assert_false(zt_cell_publishable("< 5", ZT_CELL_SUPPRESSED));
  assert_false(zt_cell_publishable("12", ZT_CELL_SUPPRESSED));
  assert_false(zt_cell_publishable("\xe2\x80\x93", ZT_CELL_MISSING));
  assert_true(zt_cell_publishable("12", 0));
  assert_true(zt_cell_publishable("0,5%", 0));
  assert_true(zt_small_base(ZT_UNIT_PERCENT, ZT_TS_MET, ZT_SMALL_BASE - 1));
  assert_false(zt_small_base(ZT_UNIT_PERCENT, ZT_TS_MET, ZT_SMALL_BASE));
  assert_true(zt_small_base(ZT_UNIT_PERCENT, ZT_TS_OFF_TRACK, 3));
  assert_false(zt_small_base(ZT_UNIT_PERCENT, ZT_TS_NO_DATA, 3));
  assert_false(zt_small_base(ZT_UNIT_PERCENT, ZT_TS_NONE, 3));
  assert_false(zt_small_base(ZT_UNIT_COUNT, ZT_TS_MET, 3));
  assert_false(zt_small_base(ZT_UNIT_PERCENT, ZT_TS_MET, 0));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_narrative_and_cover),
      cmocka_unit_test(test_compare_and_budget_tiles),
      cmocka_unit_test(test_year_and_half_year_columns),
      cmocka_unit_test(test_shipped_half_year_tables),
      cmocka_unit_test(test_fold_rows),
      cmocka_unit_test(test_small_base_and_own_target),
      cmocka_unit_test(test_cell_rules),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

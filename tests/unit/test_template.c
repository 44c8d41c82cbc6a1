/*
 * tests/unit/test_template.c -- the template language (render/template.c)
 * and its resolution into the document model (render/docbuild.c):
 * errors name file and line and what was expected; sentence patterns,
 * tiles with target status, grid tables with totals, suppression and
 * missing markers, per-municipality blocks, includes and placeholders;
 * a year target in a 2e halfjaar, reconciliation rows (<row ids>), the
 * summary's findings, the episode cohort; the shipped templates load
 * and build.
 */
#include "testutil.h"

#include <glib.h>
#include <string.h>

#include "core/str.h"
#include "render/format_nl.h"
#include "render/template.h"
#include "render_fixture.h"

static char *tmp;

static int setup(void **state) {
  (void)state;
  tmp = tu_tmpdir("template");
  return 0;
}

static int teardown(void **state) {
  (void)state;
  tu_rmtree(tmp);
  g_free(tmp);
  return 0;
}

/* --- a small hand-made input ------------------------------------------- */

typedef struct mini {
  zt_report_input in;
  zt_ind_table *t;
  zt_report_target targets[4];
  uint16_t gem[2];
  const char *names[2];
  zt_period trend[3];
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

static void mini_build(mini *m) {
  memset(m, 0, sizeof *m);
  m->t = zt_ind_table_new();
  /* 612 of 1000 = 61,2%; 640 of 1000 = 64,0% */
  put(m->t, "verblijf.share_gezinsvorm", "2021-H2", 0, "", ZT_UNIT_PERCENT,
      612, 1000, false, "61,2%");
  put(m->t, "verblijf.share_gezinsvorm", "2022-H1", 0, "", ZT_UNIT_PERCENT,
      640, 1000, false, "64,0%");
  /* 175 of 1000 = 17,5%, down from 201 of 1000 = 20,1% */
  put(m->t, "verblijf.share_residentieel", "2021-H2", 0, "",
      ZT_UNIT_PERCENT, 201, 1000, false, "20,1%");
  put(m->t, "verblijf.share_residentieel", "2022-H1", 0, "",
      ZT_UNIT_PERCENT, 175, 1000, false, "17,5%");
  put(m->t, "verblijf.residentieel_under12", "2022-H1", 0, "",
      ZT_UNIT_COUNT, 0, 1, false, "0");
  put(m->t, "clients.total", "2022-H1", 0, "", ZT_UNIT_COUNT, 6095, 1,
      false, "6.095");
  put(m->t, "clients.total", "2021-H2", 0, "", ZT_UNIT_COUNT, 6095, 1,
      false, "6.095");
  put(m->t, "clients.total", "2022-H1", 402, "", ZT_UNIT_COUNT, 2470, 1,
      false, "2.470");
  put(m->t, "clients.total", "2022-H1", 376, "", ZT_UNIT_COUNT, 195, 1,
      false, "195");
  /* kinds, in table order deliberately not in kind order */
  put(m->t, "clients.by_kind", "2022-H1", 0, "kind=pleegzorg",
      ZT_UNIT_COUNT, 173, 1, false, "173");
  put(m->t, "clients.by_kind", "2022-H1", 0, "kind=amb_begeleiding",
      ZT_UNIT_COUNT, 1889, 1, false, "1.889");
  put(m->t, "clients.by_kind", "2021-H2", 0, "kind=amb_begeleiding",
      ZT_UNIT_COUNT, 1916, 1, false, "1.916");
  put(m->t, "clients.by_kind", "2022-H1", 0, "kind=gesloten",
      ZT_UNIT_COUNT, 3, 1, true, "< 5");
  /* suppressed, and (wrongly) without a display string */
  put(m->t, "clients.by_kind", "2021-H2", 0, "kind=gesloten",
      ZT_UNIT_COUNT, 2, 1, true, "");
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
  m->trend[0] = zt_period_half(2021, 2);
  m->trend[1] = zt_period_half(2022, 1);
  m->trend[2] = zt_period_year(2021);   /* another kind: left out */
  m->in.trend = m->trend;
  m->in.ntrend = 3;
  zt_strlcpy(m->targets[0].indicator, "verblijf.share_gezinsvorm",
             sizeof m->targets[0].indicator);
  zt_strlcpy(m->targets[0].period, "2022", sizeof m->targets[0].period);
  m->targets[0].op = ZT_OP_GE;
  m->targets[0].num = 65;
  m->targets[0].den = 1;
  zt_strlcpy(m->targets[1].indicator, "verblijf.share_residentieel",
             sizeof m->targets[1].indicator);
  zt_strlcpy(m->targets[1].period, "2022-H1", sizeof m->targets[1].period);
  m->targets[1].op = ZT_OP_LE;
  m->targets[1].num = 18;
  m->targets[1].den = 1;
  zt_strlcpy(m->targets[2].indicator, "verblijf.residentieel_under12",
             sizeof m->targets[2].indicator);
  zt_strlcpy(m->targets[2].period, "2022", sizeof m->targets[2].period);
  m->targets[2].op = ZT_OP_EQ;
  m->targets[2].num = 0;
  m->targets[2].den = 1;
  zt_strlcpy(m->targets[3].indicator, "instroom.share_residentieel",
             sizeof m->targets[3].indicator);
  zt_strlcpy(m->targets[3].period, "2022", sizeof m->targets[3].period);
  m->targets[3].op = ZT_OP_LE;
  m->targets[3].num = 30;
  m->targets[3].den = 1;
  m->in.targets = m->targets;
  m->in.ntargets = 4;
  m->in.suppression_rule = "Kleine aantallen worden niet getoond.";
  m->in.report_date = zt_day_from_ymd(2022, 9, 4);
  m->in.version = "0.1.0";
}

static void mini_free(mini *m) { zt_ind_table_free(m->t); }

/* Load a template written into the temp dir; returns the status and
 * leaves the error message in err. */
static zt_status load_text(const char *name, const char *xml,
                           zt_template **out, zt_err *err) {
  char *path = tu_write(tmp, name, xml);
  zt_status st;
  zt_err_clear(err);
  st = zt_template_load(path, out, err);
  g_free(path);
  return st;
}

/* The message must start with "<tmp>/name:line:" and contain `what`. */
static void expect_error(const char *name, const char *xml, int line,
                         const char *what) {
  zt_template *t = NULL;
  zt_err err;
  char *where = g_strdup_printf("%s/%s:%d: ", tmp, name, line);
  assert_int_equal(load_text(name, xml, &t, &err), ZT_ERR_INPUT);
  assert_null(t);
  if (strncmp(err.msg, where, strlen(where)) != 0 ||
      !strstr(err.msg, what))
    fail_msg("message '%s' lacks '%s' or '%s'", err.msg, where, what);
  g_free(where);
}

#define HEAD "<?xml version=\"1.0\"?>\n" \
             "<report title=\"T\" kind=\"halfjaar\">\n"

static void test_errors_name_file_and_line(void **state) {
  (void)state;
  /* line 4: a misspelled element */
  expect_error("e1.xml", HEAD "<section title=\"A\">\n<sectoin/>\n"
                              "</section></report>\n",
               4, "unknown element <sectoin> (expected <section>");
  expect_error("e2.xml", HEAD "<p>Er zijn <v id=\"clients.totaal\"/> "
                              "jeugdigen.</p>\n</report>\n",
               3, "unknown indicator id 'clients.totaal'");
  expect_error("e3.xml", HEAD "\n\n<p><v id=\"clients.total\" "
                              "period=\"2022-H3\"/></p>\n</report>\n",
               5, "bad period '2022-H3'");
  /* libxml2 gives an element the line where its start tag ends: here
   * also the line of the bad attribute */
  expect_error("e4.xml", HEAD "<table title=\"X\" id=\"clients.total\"\n"
                              " cols=\"periods:current,prev-x\"/>\n"
                              "</report>\n",
               4, "bad period 'prev-x'");
  expect_error("e5.xml", HEAD "<tiles><tile id=\"clients.total\"/>"
                              "</tiles></report>\n",
               3, "<tile> needs attribute 'label'");
  expect_error("e6.xml", HEAD "<p>open\n</report>\n", 4,
               "not well-formed XML");
  expect_error("e7.xml", HEAD "<section title=\"A\">losse tekst"
                              "</section></report>\n",
               3, "text is not allowed here");
  expect_error("e8.xml", HEAD "<chart type=\"pie\" title=\"X\"/>"
                              "</report>\n",
               3, "unknown chart type 'pie'");
  expect_error("e9.xml", HEAD "<p><v id=\"clients.total\" foo=\"1\"/></p>"
                              "</report>\n",
               3, "<v> has no attribute 'foo'");
  expect_error("e10.xml", HEAD "<section title=\"{gemeent}\"/></report>\n",
               3, "unknown placeholder '{gemeent}'");
  expect_error("e11.xml", HEAD "<p><gemeente/></p></report>\n", 3,
               "<gemeente/> outside <per-gemeente>");
  expect_error("e12.xml", "<?xml version=\"1.0\"?>\n<rapport/>\n", 2,
               "root element <rapport> (expected <report>)");
  expect_error("e13.xml", "<?xml version=\"1.0\"?>\n"
                          "<!DOCTYPE report [<!ENTITY x \"y\">]>\n"
                          "<report title=\"T\" kind=\"halfjaar\"/>\n",
               2, "a DTD is not allowed");
  /* hostile XML: an external entity is never read */
  expect_error("e15.xml", "<?xml version=\"1.0\"?>\n"
                          "<!DOCTYPE report [<!ENTITY x SYSTEM "
                          "\"file:///etc/passwd\">]>\n"
                          "<report title=\"T\" kind=\"halfjaar\">"
                          "<p>&x;</p></report>\n",
               2, "a DTD is not allowed");
  expect_error("e14.xml", HEAD "<cover/><section title=\"A\"><cover/>"
                               "</section></report>\n",
               3, "<cover> is not allowed here");
  /* the chart-type table (render/chart_types.c): the types and, per
   * type, the attributes */
  expect_error("e16.xml", HEAD "<chart type=\"pie\" title=\"X\"/>"
                               "</report>\n",
               3, "(expected bar, stacked, line, donut, histogram, "
               "diverging or timeline)");
  expect_error("e19.xml", HEAD "<note only=\"voorlopig\">x</note>"
                               "</report>\n",
               3, "only=\"voorlopig\": expected provisional");
  expect_error("e18.xml", HEAD "<p><setting key=\"wait_norm_days\" "
                               "unit=\"weken\"/></p></report>\n",
               3, "unit=\"weken\": expected dagen");
  expect_error("e17.xml", HEAD "<chart type=\"timeline\" title=\"X\" "
                               "x=\"items\"/></report>\n",
               3, "<chart> has no attribute 'x' (expected one of: type "
               "title table y-label x-label)");
}

static void test_include_errors_name_the_included_file(void **state) {
  zt_template *t = NULL;
  zt_err err;
  char *inc = tu_write(tmp, "tekst.xml",
                       "<?xml version=\"1.0\"?>\n<fragment>\n"
                       "<p>Goed.</p>\n<p><v id=\"spend.totaal\"/></p>\n"
                       "</fragment>\n");
  char *where = g_strdup_printf("%s:4: unknown indicator id "
                                "'spend.totaal'", inc);
  (void)state;
  assert_int_equal(load_text("inc.xml", HEAD "<include href=\"tekst.xml\"/>"
                                            "</report>\n", &t, &err),
                   ZT_ERR_INPUT);
  if (!strstr(err.msg, where))
    fail_msg("'%s' does not contain '%s'", err.msg, where);
  assert_int_equal(load_text("inc2.xml", HEAD "<include href=\"nope.xml\"/>"
                                             "</report>\n", &t, &err),
                   ZT_ERR_INPUT);
  assert_non_null(strstr(err.msg, "inc2.xml:3: cannot read included file "
                                  "'nope.xml'"));
  g_free(inc);
  g_free(where);
}

/* Load + build; returns the doc (caller frees). */
static zt_doc *build(const char *name, const char *xml, const mini *m) {
  zt_template *t = NULL;
  zt_doc *d = NULL;
  zt_err err;
  if (load_text(name, xml, &t, &err) != ZT_OK)
    fail_msg("load: %s", err.msg);
  if (zt_doc_build(t, &m->in, &d, &err) != ZT_OK)
    fail_msg("build: %s", err.msg);
  zt_template_free(t);
  return d;
}

static const char *plain(zt_doc *d, const zt_text *t) {
  return zt_text_plain(&d->arena, t);
}

static void test_sentence_pattern(void **state) {
  mini m;
  zt_doc *d;
  (void)state;
  mini_build(&m);
  d = build("s.xml", HEAD
            "<p><change id=\"verblijf.share_gezinsvorm\" subject=\"Het "
            "aandeel jeugdigen in een gezinsvorm\"/>.</p>\n"
            "<p><change id=\"verblijf.share_residentieel\" subject=\"Het "
            "aandeel residentieel\"/>.</p>\n"
            "<p><change id=\"verblijf.residentieel_under12\" subject=\"Het "
            "aantal onder 12\"/>.</p>\n"
            "<p><change id=\"clients.total\" subject=\"Het aantal\"/>.</p>\n"
            "<p><change id=\"episodes.clients\" subject=\"Het cohort\"/>."
            "</p>\n</report>\n", &m);
  assert_int_equal(d->nblocks, 5);
  /* the example of docs/templates.md, with the 2022 target of >= 65: in
   * a 1e halfjaar a year target is judged provisionally on the year to
   * date (64,0 < 65) */
  assert_string_equal(plain(d, &d->blocks[0].text),
                      "Het aandeel jeugdigen in een gezinsvorm steeg van "
                      "61,2% naar 64,0%; doel 2022 \xe2\x89\xa5 65%: niet op "
                      "koers.");
  /* 17,5% < 20,1%: down, with the half-year's own target of <= 18: a
   * final status */
  assert_string_equal(plain(d, &d->blocks[1].text),
                      "Het aandeel residentieel daalde van 20,1% naar "
                      "17,5%; doel \xe2\x89\xa4 18%: gehaald.");
  /* no value for the previous half-year */
  assert_string_equal(plain(d, &d->blocks[2].text),
                      "Het aantal onder 12 was 0; doel 2022 = 0: op koers.");
  /* the same value twice */
  assert_string_equal(plain(d, &d->blocks[3].text),
                      "Het aantal bleef 6.095.");
  /* no value at all */
  assert_string_equal(plain(d, &d->blocks[4].text),
                      "Het cohort: geen gegevens over 1e halfjaar 2022.");
  zt_doc_free(d);

  /* the period only 96,9% complete (31/32): a count's change is marked
   * provisional, a share's is not (its parts both still rise) */
  put(m.t, "completeness.spend_share", "2022-H1", 0, "", ZT_UNIT_PERCENT,
      31, 32, false, "96,9%");
  d = build("s.xml", HEAD
            "<p><change id=\"verblijf.share_residentieel\" subject=\"Het "
            "aandeel residentieel\"/>.</p>\n"
            "<p><change id=\"clients.total\" subject=\"Het aantal\"/>.</p>"
            "\n</report>\n", &m);
  assert_string_equal(plain(d, &d->blocks[0].text),
                      "Het aandeel residentieel daalde van 20,1% naar "
                      "17,5%; doel \xe2\x89\xa4 18%: gehaald.");
  assert_string_equal(plain(d, &d->blocks[1].text),
                      "Het aantal bleef 6.095 (voorlopig: nog niet alle "
                      "declaraties zijn binnen).");
  zt_doc_free(d);
  mini_free(&m);
}

static void test_tiles_and_status(void **state) {
  mini m;
  zt_doc *d;
  const zt_block *b;
  (void)state;
  mini_build(&m);
  d = build("t.xml", HEAD "<tiles>"
            "<tile id=\"verblijf.share_gezinsvorm\" label=\"Gezinsvorm\"/>"
            "<tile id=\"verblijf.share_residentieel\" label=\"Resi\"/>"
            "<tile id=\"verblijf.residentieel_under12\" label=\"Onder 12\"/>"
            "<tile id=\"instroom.share_residentieel\" label=\"Instroom\"/>"
            "<tile id=\"clients.total\" label=\"Jeugdigen in {gemeente}\" "
            "gemeente=\"0402\"/>"
            "</tiles></report>\n", &m);
  assert_int_equal(d->nblocks, 1);
  b = &d->blocks[0];
  assert_int_equal(b->kind, ZT_BLK_TILES);
  assert_int_equal(b->ntiles, 5);
  /* 64,0% against the year's >= 65% in a 1e halfjaar: provisionally not
   * on track, with a note saying so */
  assert_string_equal(b->tiles[0].value, "64,0%");
  assert_string_equal(b->tiles[0].target, "doel 2022: \xe2\x89\xa5 65%");
  assert_int_equal(b->tiles[0].status, ZT_TS_OFF_TRACK);
  assert_non_null(strstr(b->tiles[0].note, "voorlopig"));
  /* 17,5% against the half-year's own <= 18%: met */
  assert_string_equal(b->tiles[1].target, "doel: \xe2\x89\xa4 18%");
  assert_int_equal(b->tiles[1].status, ZT_TS_MET);
  assert_null(b->tiles[1].note);
  /* 0 against the year's = 0: on track */
  assert_string_equal(b->tiles[2].target, "doel 2022: 0");
  assert_int_equal(b->tiles[2].status, ZT_TS_ON_TRACK);
  /* a target without a value: no data, shown as a dash */
  assert_string_equal(b->tiles[3].value, "\xe2\x80\x93");
  assert_int_equal(b->tiles[3].status, ZT_TS_NO_DATA);
  /* no target; another municipality's value */
  assert_string_equal(b->tiles[4].value, "2.470");
  assert_null(b->tiles[4].target);
  assert_int_equal(b->tiles[4].status, ZT_TS_NONE);
  zt_doc_free(d);
  mini_free(&m);
}

static void test_grid_table(void **state) {
  mini m;
  zt_doc *d;
  const zt_table *t;
  (void)state;
  mini_build(&m);
  d = build("g.xml", HEAD
            "<table title=\"Cli\xc3\xabnten {periode}\" id=\"clients.by_kind\""
            " rows=\"breakdown:kind\" cols=\"periods:prev-3,prev,current\""
            " total=\"clients.total\" total-label=\"Totaal\" "
            "corner=\"Zorgsoort\"/></report>\n", &m);
  assert_int_equal(d->nblocks, 1);
  t = d->blocks[0].table;
  assert_string_equal(t->caption, "Cli\xc3\xabnten 1e halfjaar 2022");
  assert_int_equal(t->number, 1);
  /* prev-3 (2020-H2) has no values and is left out: 2 period columns */
  assert_int_equal(t->ncols, 3);
  assert_string_equal(zt_table_cell(t, 0, 0), "Zorgsoort");
  assert_string_equal(zt_table_cell(t, 0, 1), "2e hj 2021");
  assert_string_equal(zt_table_cell(t, 0, 2), "1e hj 2022");
  /* header + 3 kinds in kind order + total */
  assert_int_equal(t->nrows, 5);
  assert_true(t->rflags[0] & ZT_ROW_HEAD);
  assert_string_equal(zt_table_cell(t, 1, 0), "Ambulante begeleiding");
  assert_string_equal(zt_table_cell(t, 2, 0), "Pleegzorg");
  assert_string_equal(zt_table_cell(t, 3, 0), "JeugdzorgPlus (gesloten)");
  assert_string_equal(zt_table_cell(t, 4, 0), "Totaal");
  assert_true(t->rflags[4] & ZT_ROW_TOTAL);
  assert_string_equal(zt_table_cell(t, 1, 1), "1.916");
  assert_string_equal(zt_table_cell(t, 1, 2), "1.889");
  /* no pleegzorg value in 2021-H2 */
  assert_string_equal(zt_table_cell(t, 2, 1), "\xe2\x80\x93");
  assert_true(zt_table_cflags(t, 2, 1) & ZT_CELL_MISSING);
  assert_string_equal(zt_table_cell(t, 3, 2), "< 5");
  assert_true(zt_table_cflags(t, 3, 2) & ZT_CELL_SUPPRESSED);
  /* the number of a suppressed value never shows */
  assert_string_equal(zt_table_cell(t, 3, 1), "\xc2\xb7");
  assert_true(zt_table_cflags(t, 3, 1) & ZT_CELL_SUPPRESSED);
  assert_string_equal(zt_table_cell(t, 4, 2), "6.095");
  assert_true(t->numeric[1] && t->numeric[2] && !t->numeric[0]);
  /* footnotes: what the privacy markers mean, then the dash */
  assert_int_equal(t->nnotes, 2);
  assert_string_equal(t->notes[0],
                      "< 5 = een aantal van 1 tot en met 4; \xc2\xb7 = niet "
                      "getoond (bescherming van de privacy; zie de "
                      "Verantwoording).");
  assert_string_equal(t->notes[1], "\xe2\x80\x93 = geen gegevens.");
  zt_doc_free(d);
  /* amounts: EUR 100,40 + EUR 100,40 show as EUR 100 each, their total
   * EUR 200,80 as EUR 201; a note says why (counts have none, above) */
  put(m.t, "spend.by_kind", "2022-H1", 0, "kind=pleegzorg", ZT_UNIT_EUR,
      10040, 1, false, "\xe2\x82\xac 100");
  put(m.t, "spend.by_kind", "2022-H1", 0, "kind=gezinshuis", ZT_UNIT_EUR,
      10040, 1, false, "\xe2\x82\xac 100");
  put(m.t, "spend.total", "2022-H1", 0, "", ZT_UNIT_EUR, 20080, 1, false,
      "\xe2\x82\xac 201");
  d = build("g2.xml", HEAD
            "<table title=\"Kosten\" id=\"spend.by_kind\""
            " rows=\"breakdown:kind\" total=\"spend.total\""
            " total-label=\"Totaal\"/></report>\n", &m);
  t = d->blocks[0].table;
  assert_string_equal(zt_table_cell(t, t->nrows - 1, 1),
                      "\xe2\x82\xac 201");
  assert_int_equal(t->nnotes, 1);
  assert_string_equal(t->notes[0], ZT_NOTE_ROUNDED);
  zt_doc_free(d);
  mini_free(&m);
}

static void test_per_gemeente_and_placeholders(void **state) {
  mini m;
  zt_doc *d;
  char *txt;
  (void)state;
  mini_build(&m);
  txt = tu_write(tmp, "uitleg.txt",
                 "Eerste alinea\nover twee regels.\n\nTweede alinea.\n");
  g_free(txt);
  d = build("pg.xml", HEAD
            "<section title=\"Bijlage\"><include href=\"uitleg.txt\"/>"
            "<per-gemeente><section title=\"{gemeente}\" newpage=\"yes\">"
            "<p><gemeente/> telde <v id=\"clients.total\"/> jeugdigen in "
            "{periode}, <period ref=\"prev\"/>.</p>"
            "</section></per-gemeente></section></report>\n", &m);
  /* heading, 2 paragraphs, then per municipality a heading + paragraph */
  assert_int_equal(d->nblocks, 7);
  assert_int_equal(d->blocks[0].kind, ZT_BLK_HEADING);
  assert_string_equal(d->blocks[0].number, "1");
  assert_string_equal(plain(d, &d->blocks[1].text),
                      "Eerste alinea over twee regels.");
  assert_string_equal(plain(d, &d->blocks[2].text), "Tweede alinea.");
  assert_string_equal(d->blocks[3].title, "Blaricum");
  assert_string_equal(d->blocks[3].number, "1.1");
  assert_int_equal(d->blocks[3].level, 2);
  assert_true(d->blocks[3].new_page);
  /* placeholders in text are not expanded: only in attributes */
  assert_string_equal(plain(d, &d->blocks[4].text),
                      "Blaricum telde 195 jeugdigen in {periode}, "
                      "2e halfjaar 2021.");
  assert_string_equal(d->blocks[5].title, "Hilversum");
  assert_string_equal(d->blocks[5].number, "1.2");
  assert_string_equal(plain(d, &d->blocks[6].text),
                      "Hilversum telde 2.470 jeugdigen in {periode}, "
                      "2e halfjaar 2021.");
  zt_doc_free(d);
  mini_free(&m);
}

static void test_chart_from_template(void **state) {
  mini m;
  zt_doc *d;
  const zt_chart *c;
  (void)state;
  mini_build(&m);
  d = build("c.xml", HEAD
            "<chart type=\"line\" title=\"Verblijf\" x=\"periods:trend\">"
            "<series id=\"verblijf.share_gezinsvorm\" label=\"Gezinsvorm\" "
            "color=\"gezinsvorm\" target=\"yes\"/></chart></report>\n", &m);
  assert_int_equal(d->nblocks, 1);
  c = d->blocks[0].chart;
  /* the year 2021 in the trend is another kind of period: left out */
  assert_int_equal(c->ncat, 2);
  assert_string_equal(c->cats[0], "2e hj 2021");
  assert_string_equal(c->cats[1], "1e hj 2022");
  /* the series and its target path */
  assert_int_equal(c->nser, 2);
  assert_string_equal(c->ser[0].val[1].display, "64,0%");
  assert_true(c->ser[1].is_target);
  assert_false(c->ser[1].val[0].present);   /* no 2021 target */
  assert_true(c->ser[1].val[1].present);    /* 2022: >= 65 */
  assert_true(c->ser[1].val[1].v == 65.0);
  assert_int_equal(c->ser[0].color, c->ser[1].color);
  assert_int_equal(c->unit, ZT_UNIT_PERCENT);
  assert_non_null(strstr(d->blocks[0].alt, "van 61,2% (2e hj 2021) naar "
                                           "64,0% (1e hj 2022)"));
  assert_int_equal(d->blocks[0].chart_table->nrows, 3);
  assert_false(c->begins_late);
  zt_doc_free(d);
  /* a trend begins at its first period with data: residentieel_under12
   * has none for 2e hj 2021 */
  d = build("c2.xml", HEAD
            "<chart type=\"bar\" title=\"Jong\" x=\"periods:trend\">"
            "<series id=\"verblijf.residentieel_under12\" label=\"Jong\"/>"
            "</chart></report>\n", &m);
  c = d->blocks[0].chart;
  assert_int_equal(c->ncat, 1);
  assert_string_equal(c->cats[0], "1e hj 2022");
  assert_string_equal(c->ser[0].val[0].display, "0");
  assert_true(c->begins_late);
  assert_int_equal(d->blocks[0].chart_table->nrows, 2);
  zt_doc_free(d);
  /* the same as a trend line: one dot is no line; a table and a word on
   * when the line begins instead */
  d = build("c2l.xml", HEAD
            "<chart type=\"line\" title=\"Jong\" x=\"periods:trend\">"
            "<series id=\"verblijf.residentieel_under12\" label=\"Jong\"/>"
            "</chart></report>\n", &m);
  assert_int_equal(d->nblocks, 2);
  assert_int_equal(d->blocks[0].kind, ZT_BLK_TABLE);
  assert_string_equal(d->blocks[0].title, "Jong");
  assert_int_equal(d->blocks[0].table->nrows, 2);
  assert_string_equal(zt_table_cell(d->blocks[0].table, 1, 0),
                      "1e hj 2022");
  assert_string_equal(zt_table_cell(d->blocks[0].table, 1, 1), "0");
  assert_int_equal(d->blocks[1].kind, ZT_BLK_PARA);
  assert_non_null(strstr(plain(d, &d->blocks[1].text),
                         "V\xc3\xb3\xc3\xb3r 1e hj 2022 zijn er geen "
                         "volledige gegevens"));
  zt_doc_free(d);
  /* a hidden value is data: its period stays */
  d = build("c3.xml", HEAD
            "<chart type=\"bar\" title=\"Gesloten\" x=\"periods:trend\">"
            "<series id=\"clients.by_kind\" breakdown=\"kind=gesloten\" "
            "label=\"Gesloten\"/></chart></report>\n", &m);
  c = d->blocks[0].chart;
  assert_int_equal(c->ncat, 2);
  assert_false(c->begins_late);
  zt_doc_free(d);
  /* a series asks for its target path, and no period has a target: no
   * path, no legend entry, no column; the next series is itself */
  d = build("c4.xml", HEAD
            "<chart type=\"line\" title=\"Twee\" x=\"periods:trend\">"
            "<series id=\"clients.total\" label=\"Totaal\" "
            "target=\"yes\"/>"
            "<series id=\"verblijf.share_gezinsvorm\" label=\"Gezinsvorm\" "
            "target=\"yes\"/></chart></report>\n", &m);
  c = d->blocks[0].chart;
  assert_int_equal(c->nser, 3);
  assert_string_equal(c->ser[0].name, "Totaal");
  assert_false(c->ser[0].is_target);
  assert_string_equal(c->ser[1].name, "Gezinsvorm");
  assert_false(c->ser[1].is_target);
  assert_string_equal(c->ser[1].val[1].display, "64,0%");
  assert_true(c->ser[2].is_target);
  assert_true(c->ser[2].val[1].present);
  assert_int_equal(d->blocks[0].chart_table->ncols, 4);
  zt_doc_free(d);
  mini_free(&m);
}

/* provider= rows are labelled with the provider's name (else "AGB
 * <code>"), largest first; hidden values come after the shown ones in
 * name order, whatever their raw values. <setting> finds keys with or
 * without their section. */
static void test_providers_and_settings(void **state) {
  static const char *settings[3] = {"analysis.episode_gap_days = 7",
                                    "analysis.top_n = 25",
                                    "analysis.wait_norm_days = 42"};
  zt_provider prov[3];
  mini m;
  zt_doc *d;
  const zt_table *t;
  (void)state;
  mini_build(&m);
  memset(prov, 0, sizeof prov);
  prov[0].agb = 98000011;
  zt_strlcpy(prov[0].name, "Pleegzorg Gooi", sizeof prov[0].name);
  prov[1].agb = 98000023;
  zt_strlcpy(prov[1].name, "Zorggroep Oost", sizeof prov[1].name);
  prov[2].agb = 98000035;
  zt_strlcpy(prov[2].name, "Anker Jeugdzorg", sizeof prov[2].name);
  m.in.providers = prov;
  m.in.nproviders = 3;
  m.in.settings = settings;
  m.in.nsettings = 3;
  /* 98000047 is not in the provider table; Zorggroep Oost (4) and
   * Anker (2) are hidden, and Anker's smaller raw value must not put it
   * last: after the shown 12 and 7 they come in name order */
  put(m.t, "verblijf.at_peildatum", "2022-H1", 0, "provider=98000023",
      ZT_UNIT_COUNT, 4, 1, true, "< 5");
  put(m.t, "verblijf.at_peildatum", "2022-H1", 0, "provider=98000011",
      ZT_UNIT_COUNT, 7, 1, false, "7");
  put(m.t, "verblijf.at_peildatum", "2022-H1", 0, "provider=98000035",
      ZT_UNIT_COUNT, 2, 1, true, "< 5");
  put(m.t, "verblijf.at_peildatum", "2022-H1", 0, "provider=98000047",
      ZT_UNIT_COUNT, 12, 1, false, "12");
  put(m.t, "verblijf.at_peildatum", "2022-H1", 0, "", ZT_UNIT_COUNT, 25, 1,
      false, "25");
  d = build("pv.xml", HEAD
            "<table title=\"Per aanbieder\" id=\"verblijf.at_peildatum\" "
            "rows=\"breakdown:provider\" total=\"verblijf.at_peildatum\"/>"
            "<p>Gat <setting key=\"episode_gap_days\"/>, "
            "<setting key=\"analysis.top_n\"/>, "
            "<setting key=\"nope\"/>.</p>"
            "<p>Norm <setting key=\"wait_norm_days\" unit=\"dagen\"/>, "
            "<setting key=\"episode_gap_days\" unit=\"dagen\"/>.</p>"
            "</report>\n", &m);
  assert_int_equal(d->nblocks, 3);
  t = d->blocks[0].table;
  assert_int_equal(t->nrows, 6);
  assert_string_equal(zt_table_cell(t, 1, 0), "AGB 98000047");
  assert_string_equal(zt_table_cell(t, 1, 1), "12");
  assert_string_equal(zt_table_cell(t, 2, 0), "Pleegzorg Gooi");
  assert_string_equal(zt_table_cell(t, 3, 0), "Anker Jeugdzorg");
  assert_string_equal(zt_table_cell(t, 3, 1), "< 5");
  assert_string_equal(zt_table_cell(t, 4, 0), "Zorggroep Oost");
  assert_string_equal(zt_table_cell(t, 5, 1), "25");
  assert_string_equal(plain(d, &d->blocks[1].text),
                      "Gat 7, 25, \xe2\x80\x93.");
  /* unit="dagen": the days, and the weeks when they are whole ones */
  assert_string_equal(plain(d, &d->blocks[2].text),
                      "Norm 42 dagen (zes weken), 7 dagen "
                      "(\xc3\xa9\xc3\xa9n week).");
  zt_doc_free(d);
  mini_free(&m);
}

static void test_build_errors(void **state) {
  mini m;
  zt_template *t = NULL;
  zt_doc *d = NULL;
  zt_err err;
  (void)state;
  mini_build(&m);
  /* a half-year template for a year */
  assert_int_equal(load_text("y.xml", HEAD "</report>\n", &t, &err), ZT_OK);
  m.in.period = zt_period_year(2022);
  assert_int_equal(zt_doc_build(t, &m.in, &d, &err), ZT_ERR_INPUT);
  assert_non_null(strstr(err.msg, "y.xml:2: bad period 2022"));
  zt_template_free(t);
  m.in.period = zt_period_half(2022, 1);
  /* a table without any indicator */
  assert_int_equal(load_text("n.xml", HEAD "\n<table title=\"X\" "
                                           "rows=\"gemeenten\"/></report>\n",
                             &t, &err), ZT_OK);
  assert_int_equal(zt_doc_build(t, &m.in, &d, &err), ZT_ERR_INPUT);
  assert_non_null(strstr(err.msg, "n.xml:4: no indicator for row "
                                  "'Blaricum'"));
  assert_null(d);
  zt_template_free(t);
  mini_free(&m);
}

/* The shipped templates are valid and build against the fixture. */

/* A year target in a 2e halfjaar: judged on the year (69,0% >= 65%:
 * gehaald), the tile shows the year's value with the half-year's beside
 * it, and the sentence says which value was judged. */
static void test_year_target_second_half(void **state) {
  mini m;
  zt_doc *d;
  const zt_block *b;
  (void)state;
  mini_build(&m);
  put(m.t, "verblijf.share_gezinsvorm", "2022-H2", 0, "", ZT_UNIT_PERCENT,
      724, 1000, false, "72,4%");
  put(m.t, "verblijf.share_gezinsvorm", "2022", 0, "", ZT_UNIT_PERCENT, 690,
      1000, false, "69,0%");
  m.in.period = zt_period_half(2022, 2);
  d = build("h2.xml", HEAD "<tiles><tile id=\"verblijf.share_gezinsvorm\" "
            "label=\"Gezinsvorm\"/></tiles>"
            "<p><change id=\"verblijf.share_gezinsvorm\" subject=\"Het "
            "aandeel\"/>.</p></report>\n", &m);
  b = &d->blocks[0];
  assert_string_equal(b->tiles[0].value, "69,0%");
  assert_string_equal(b->tiles[0].note, "heel 2022; 2e halfjaar 2022: 72,4%");
  assert_string_equal(b->tiles[0].target, "doel 2022: \xe2\x89\xa5 65%");
  assert_int_equal(b->tiles[0].status, ZT_TS_MET);
  /* 64,0% (1e halfjaar) -> 72,4% (2e halfjaar) */
  assert_string_equal(plain(d, &d->blocks[1].text),
                      "Het aandeel steeg van 64,0% naar 72,4%; heel 2022: "
                      "69,0%, doel \xe2\x89\xa5 65%: gehaald.");
  zt_doc_free(d);
  mini_free(&m);
}

/* A row with an indicator of its own per column (<row ids>): an empty
 * entry is an empty cell; the rows follow the municipalities. */
static void test_reconciliation_row(void **state) {
  mini m;
  zt_doc *d;
  const zt_table *t;
  (void)state;
  mini_build(&m);
  d = build("r.xml", HEAD "<table title=\"T\" rows=\"gemeenten\" "
            "corner=\"Gemeente\"><col id=\"clients.total\" label=\"Nu\"/>"
            "<col id=\"clients.total\" period=\"2021-H2\" label=\"Toen\"/>"
            "<row label=\"Regio, toen\" gemeente=\"regio\" "
            "ids=\",clients.total\"/></table></report>\n", &m);
  t = d->blocks[0].table;
  assert_int_equal(t->nrows, 4);
  assert_string_equal(t->text[1 * t->ncols + 1], "195");
  assert_string_equal(t->text[3 * t->ncols + 0], "Regio, toen");
  assert_string_equal(t->text[3 * t->ncols + 1], "");
  assert_string_equal(t->text[3 * t->ncols + 2], "6.095");
  zt_doc_free(d);
  mini_free(&m);
  expect_error("ids.xml", HEAD "<table title=\"T\" rows=\"gemeenten\">"
               "<col id=\"clients.total\" label=\"a\"/>\n"
               "<row label=\"x\" ids=\"clients.totaal\"/></table>"
               "</report>\n", 4, "unknown indicator id 'clients.totaal'");
}

/* The summary's "Opvallend": measures and budget that disagree (action
 * line A: extra budget 100 + 50 = EUR 150 against EUR 120 of funds;
 * spent 60 + 0 = EUR 60 against EUR 60) and rejected lines; without
 * either, a sentence saying nothing was found. */
static void test_findings(void **state) {
  mini m;
  zt_doc *d;
  const zt_block *b;
  zt_measure ms[2];
  zt_budget_row bu[1];
  (void)state;
  mini_build(&m);
  memset(ms, 0, sizeof ms);
  memset(bu, 0, sizeof bu);
  zt_strlcpy(ms[0].actielijn, "A", sizeof ms[0].actielijn);
  zt_strlcpy(ms[1].actielijn, "A", sizeof ms[1].actielijn);
  ms[0].budget_extra = 10000;
  ms[1].budget_extra = 5000;
  ms[0].besteed = 6000;
  zt_strlcpy(bu[0].actielijn, "A", sizeof bu[0].actielijn);
  bu[0].jaar = 2022;
  bu[0].middelen = 12000;
  bu[0].uitgaven = 6000;
  m.in.measures = ms;
  m.in.nmeasures = 2;
  m.in.budget = bu;
  m.in.nbudget = 1;
  put(m.t, "dq.lines_rejected", "2022-H1", 0, "", ZT_UNIT_COUNT, 12, 1,
      false, "12");
  d = build("f.xml", HEAD "<section title=\"S\"><findings title=\"Opvallend\""
            "/></section></report>\n", &m);
  assert_int_equal(d->nblocks, 3);
  assert_string_equal(d->blocks[1].title, "Opvallend");
  assert_int_equal(d->blocks[1].level, 2);
  b = &d->blocks[2];
  assert_int_equal(b->kind, ZT_BLK_LIST);
  assert_int_equal(b->nitems, 2);
  assert_string_equal(plain(d, &b->items[0]),
                      "Maatregelen en begroting verschillen bij A: extra "
                      "budget van de maatregelen \xe2\x82\xac 150, middelen "
                      "in de begroting \xe2\x82\xac 120; besteed volgens de "
                      "maatregelen \xe2\x82\xac 60, uitgaven volgens de "
                      "begroting \xe2\x82\xac 60.");
  assert_non_null(strstr(plain(d, &b->items[1]), "12 aangeleverde regels"));
  zt_doc_free(d);
  bu[0].middelen = 15000;
  m.in.ntargets = 0;
  zt_ind_table_free(m.t);
  m.t = zt_ind_table_new();
  m.in.ind = m.t;
  d = build("f2.xml", HEAD "<findings title=\"Opvallend\"/></report>\n", &m);
  assert_int_equal(d->blocks[1].kind, ZT_BLK_PARA);
  assert_non_null(strstr(plain(d, &d->blocks[1].text), "niets opvallends"));
  zt_doc_free(d);
  /* ambulant costs below 1% of the stay costs: both are means per youth
   * of the cohort, and the sentence says so of both (the stay costs'
   * "(€ 200.000)" read as the region's total) */
  {
    zt_ind_value v;
    memset(&v, 0, sizeof v);
    zt_strlcpy(v.period, "2022-H1", sizeof v.period);
    v.peildatum = ZT_DAY_NONE;
    v.unit = ZT_UNIT_EUR;
    v.den = v.n = 10;
    zt_strlcpy(v.indicator, "episodes.cost_mean_history",
               sizeof v.indicator);
    v.num = 200000000;
    zt_strlcpy(v.display, "\xe2\x82\xac 200.000", sizeof v.display);
    assert_int_equal(zt_ind_table_put(m.t, &v), ZT_OK);
    zt_strlcpy(v.indicator, "episodes.ambulant_cost_mean",
               sizeof v.indicator);
    v.num = 1999000;
    zt_strlcpy(v.display, "\xe2\x82\xac 1.999", sizeof v.display);
    assert_int_equal(zt_ind_table_put(m.t, &v), ZT_OK);
  }
  d = build("f3.xml", HEAD "<findings title=\"Opvallend\"/></report>\n", &m);
  assert_int_equal(d->nblocks, 2);
  assert_int_equal(d->blocks[1].kind, ZT_BLK_LIST);
  assert_non_null(strstr(plain(d, &d->blocks[1].items[0]),
                         "(gemiddeld \xe2\x82\xac 1.999 per jeugdige van het "
                         "cohort 1e halfjaar 2022) zijn minder dan 1% van de "
                         "verblijfskosten (gemiddeld \xe2\x82\xac 200.000 "
                         "per jeugdige)."));
  zt_doc_free(d);
  mini_free(&m);
}

/* The episode cohort (period "cohort"): its rows measured at the
 * report's peildatum, not the ones at the cohort's own end. */
static void test_cohort(void **state) {
  mini m;
  zt_doc *d;
  zt_ind_value v;
  (void)state;
  mini_build(&m);
  memset(&v, 0, sizeof v);
  zt_strlcpy(v.indicator, "episodes.clients", sizeof v.indicator);
  zt_strlcpy(v.period, "2021", sizeof v.period);
  v.unit = ZT_UNIT_COUNT;
  v.den = 1;
  v.num = v.n = 40;
  v.peildatum = zt_day_from_ymd(2021, 12, 31);
  zt_strlcpy(v.display, "40", sizeof v.display);
  assert_int_equal(zt_ind_table_put(m.t, &v), ZT_OK);
  v.num = v.n = 42;
  v.peildatum = zt_day_from_ymd(2022, 6, 30);
  zt_strlcpy(v.display, "42", sizeof v.display);
  assert_int_equal(zt_ind_table_put(m.t, &v), ZT_OK);
  m.in.cohort = zt_period_year(2021);
  m.in.cohort_peildatum = zt_day_from_ymd(2022, 6, 30);
  d = build("c.xml", HEAD "<p><v id=\"episodes.clients\" period=\"cohort\"/>"
            " in <period ref=\"cohort\"/>, <v id=\"episodes.clients\" "
            "period=\"2021\"/></p><table title=\"Cohort {cohort}\" "
            "id=\"episodes.clients\" period=\"cohort\"><row label=\"n\"/>"
            "</table></report>\n", &m);
  assert_string_equal(plain(d, &d->blocks[0].text), "42 in 2021, 42");
  assert_string_equal(d->blocks[1].table->caption, "Cohort 2021");
  assert_string_equal(d->blocks[1].table->text[3], "42");
  zt_doc_free(d);
  mini_free(&m);
}

static void test_shipped_templates(void **state) {
  rf_fixture f;
  zt_template *t = NULL;
  zt_doc *d = NULL;
  zt_err err;
  size_t headings = 0, charts = 0, tables = 0;
  (void)state;
  rf_build(&f);
  if (zt_template_load(ZT_SOURCE_DIR "/templates/halfjaar.xml", &t, &err))
    fail_msg("%s", err.msg);
  assert_string_equal(t->kind, "halfjaar");
  if (zt_doc_build(t, &f.in, &d, &err))
    fail_msg("%s", err.msg);
  for (size_t i = 0; i < d->nblocks; i++) {
    headings += d->blocks[i].kind == ZT_BLK_HEADING &&
                d->blocks[i].level == 1;
    charts += d->blocks[i].kind == ZT_BLK_CHART;
    tables += d->blocks[i].kind == ZT_BLK_TABLE;
  }
  /* Samenvatting .. Verantwoording: the nine numbered sections of
   * docs/report.md after the cover and contents (Volledigheid van de
   * cijfers, issue 16; Toegang en uitstroom is left out without flow
   * data) */
  assert_int_equal(headings, 9);
  /* 6 region charts (the providers per episode are tiles), the rates
   * per municipality in the annex, the 2 arrival curves + one per
   * municipality */
  assert_int_equal(charts, 9 + RF_NGEM);
  assert_true(tables >= 12);
  zt_doc_free(d);
  zt_template_free(t);
  rf_free(&f);
  rf_build_year(&f);
  if (zt_template_load(ZT_SOURCE_DIR "/templates/jaar.xml", &t, &err))
    fail_msg("%s", err.msg);
  assert_string_equal(t->kind, "jaar");
  if (zt_doc_build(t, &f.in, &d, &err))
    fail_msg("%s", err.msg);
  zt_doc_free(d);
  zt_template_free(t);
  rf_free(&f);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_errors_name_file_and_line),
      cmocka_unit_test(test_include_errors_name_the_included_file),
      cmocka_unit_test(test_sentence_pattern),
      cmocka_unit_test(test_tiles_and_status),
      cmocka_unit_test(test_grid_table),
      cmocka_unit_test(test_per_gemeente_and_placeholders),
      cmocka_unit_test(test_chart_from_template),
      cmocka_unit_test(test_providers_and_settings),
      cmocka_unit_test(test_build_errors),
      cmocka_unit_test(test_year_target_second_half),
      cmocka_unit_test(test_reconciliation_row),
      cmocka_unit_test(test_findings),
      cmocka_unit_test(test_cohort),
      cmocka_unit_test(test_shipped_templates),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

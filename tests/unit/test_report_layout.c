/*
 * tests/unit/test_report_layout.c -- page layout rules of the report that
 * a reader sees: key figures followed by a note (the savings estimate and
 * its caveat, docs/report.md) end up on one page wherever the page break
 * falls; a distribution breakdown comes out as chart categories in
 * numeric order with ranges printed with an en dash.
 */
#include "testutil.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "render/output.h"
#include "render/report.h"
#include "render/template.h"
#include "render_fixture.h"

static char *tmp;

static int setup(void **state) {
  (void)state;
  setenv("SOURCE_DATE_EPOCH", "1662296700", 1);
  tmp = tu_tmpdir("layout");
  return 0;
}

static int teardown(void **state) {
  (void)state;
  tu_rmtree(tmp);
  g_free(tmp);
  return 0;
}

/* pdftotext of one page (1-based), or NULL past the last page. */
static char *page_text(char *pdf, int page) {
  char num[16];
  gchar *out = NULL;
  gint status = 0;
  snprintf(num, sizeof num, "%d", page);
  {
    char *argv[] = {"pdftotext", "-f", num, "-l", num, "-enc", "UTF-8",
                    pdf, "-", NULL};
    if (!g_spawn_sync(NULL, argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                      NULL, NULL, &out, NULL, &status, NULL))
      fail_msg("cannot run pdftotext");
  }
  if (!g_spawn_check_wait_status(status, NULL)) {
    g_free(out);
    return NULL;
  }
  return out;
}

/* Filler paragraphs push the savings tiles and their caveat down the
 * page in steps of about one line; for every position the value of the
 * first tile and the caveat must be on the same page. (Before the rule,
 * a position near the bottom left the caveat alone on the next page.) */
static void test_savings_keep_their_caveat(void **state) {
  rf_fixture f;
  int straddled = 0;
  (void)state;
  rf_build(&f);
  /* about 34 one-line paragraphs fill the first page; the block (some
   * 110 pt) straddles the page end from about 30 on */
  for (int k = 22; k < 42; k++) {
    GString *x = g_string_new(
        "<?xml version=\"1.0\"?>\n"
        "<report title=\"T\" kind=\"halfjaar\"><section title=\"S\">\n");
    char *dir = g_strdup_printf("%s/k%d", tmp, k), *tpl, *pdf, *txt;
    const char *value;
    zt_err err;
    int tiles_page = 0, note_page = 0;
    /* k short paragraphs of one line each */
    for (int i = 0; i < k; i++)
      g_string_append(x, "<p>Een regel tekst om de pagina te vullen.</p>\n");
    g_string_append(
        x, "<tiles><tile id=\"savings.placement\" label=\"Besparing\"/>"
           "<tile id=\"savings.longstay\" label=\"Lang verblijf\"/></tiles>"
           "<note>Let op: bovengrenzen, geen budgetten.</note>"
           "</section></report>\n");
    tpl = tu_write(tmp, "t.xml", x->str);
    g_string_free(x, TRUE);
    if (zt_report_render(&f.in, tpl, dir, zt_output_bit("pdf"), &err))
      fail_msg("render: %s", err.msg);
    value = zt_ind_table_find(f.t, "savings.placement", "2022-H1", 0, "")
                ->display;
    pdf = g_build_filename(dir, zt_output_file("pdf"), NULL);
    for (int p = 1; (txt = page_text(pdf, p)) != NULL; p++) {
      if (strstr(txt, value))
        tiles_page = p;
      if (strstr(txt, "bovengrenzen"))
        note_page = p;
      g_free(txt);
    }
    if (!tiles_page || !note_page || tiles_page != note_page)
      fail_msg("%d filler lines: tiles on page %d, caveat on page %d", k,
               tiles_page, note_page);
    /* the block moved to the next page as a whole */
    if (tiles_page > 1)
      straddled++;
    g_free(pdf);
    g_free(tpl);
    g_free(dir);
  }
  /* the filler really reached the bottom of the first page, and not all
   * positions did */
  assert_true(straddled > 0 && straddled < 20);
  rf_free(&f);
}

/* A histogram over duration= rows and a bar chart over providers= rows:
 * categories in numeric order ("31-90" after "1-30", "5+" last), ranges
 * with an en dash, every bucket there even when zero. */
static void test_distribution_categories(void **state) {
  rf_fixture f;
  zt_template *t = NULL;
  zt_doc *d = NULL;
  zt_err err;
  char *tpl;
  const zt_chart *c;
  (void)state;
  rf_build(&f);
  tpl = tu_write(tmp, "h.xml",
                 "<?xml version=\"1.0\"?>\n"
                 "<report title=\"T\" kind=\"halfjaar\">"
                 "<chart type=\"histogram\" title=\"Duur\" "
                 "id=\"episodes.clients\" x=\"breakdown:duration\"/>"
                 "<chart type=\"bar\" title=\"Aanbieders\" "
                 "id=\"episodes.clients\" x=\"breakdown:providers\"/>"
                 "</report>\n");
  if (zt_template_load(tpl, &t, &err) || zt_doc_build(t, &f.in, &d, &err))
    fail_msg("%s", err.msg);
  /* the fixture's buckets: 1-30, 31-90, 91-180, 181-365, 366-730,
   * 731-1095, 1096+ (21 + 18 + 24 + 35 + 38 + 22 + 22 = 180) */
  c = d->blocks[0].chart;
  assert_int_equal(c->ncat, 7);
  assert_string_equal(c->cats[0], "1\xe2\x80\x93" "30");
  assert_string_equal(c->cats[1], "31\xe2\x80\x93" "90");
  assert_string_equal(c->cats[4], "366\xe2\x80\x93" "730");
  assert_string_equal(c->cats[6], "1096+");
  assert_string_equal(c->ser[0].val[0].display, "21");
  assert_string_equal(c->ser[0].val[6].display, "22");
  c = d->blocks[1].chart;
  assert_int_equal(c->ncat, 5);
  assert_string_equal(c->cats[0], "1");
  assert_string_equal(c->cats[4], "5+");
  assert_string_equal(c->ser[0].val[4].display, "24");
  zt_doc_free(d);
  zt_template_free(t);
  g_free(tpl);
  rf_free(&f);
}

/* LeakSanitizer: fontconfig keeps its parsed configuration for the life
 * of the process (as in test_render.c). Not our leak. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) {
  return "leak:libfontconfig.so\n";
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_savings_keep_their_caveat),
      cmocka_unit_test(test_distribution_categories),
  };
  int failed = cmocka_run_group_tests(tests, setup, teardown);
  zt_report_cleanup();   /* for the leak checker */
  return failed;
}

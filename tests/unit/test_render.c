/*
 * tests/unit/test_render.c -- the whole renderer on the realistic fixture
 * (render_fixture.h): the PDF passes qpdf --check, embeds every font,
 * has metadata, tags, bookmarks and destinations, contains no raster
 * fallbacks, and pdftotext finds the section titles and the display
 * numbers in reading order; two runs with SOURCE_DATE_EPOCH give the same
 * bytes; the HTML is well-formed, lang="nl", with captions, th scope, SVG
 * titles and descriptions and no external requests; template errors touch
 * no output; a paragraph whose value is missing gives way to its
 * missing="..." sentence, one whose value is hidden to its hidden="..."
 * (else missing="...") sentence or to nothing; the accessibility hook
 * lists every figure and link.
 */
#include "testutil.h"

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "render/html.h"
#include "render/pdf.h"
#include "render/template.h"
#include "render/output.h"
#include "render/report.h"
#include "render_fixture.h"

#define EPOCH "1662296700"   /* 2022-09-04 13:05:00 UTC */
#define TEMPLATE ZT_SOURCE_DIR "/templates/halfjaar.xml"

static char *tmp;
static char *dir_a;

/* Run a program; returns its stdout (caller frees) and sets *ok when it
 * exited with status 0. */
static char *run(char **argv, bool *ok) {
  gchar *out = NULL;
  gint status = 0;
  GError *e = NULL;
  if (!g_spawn_sync(NULL, argv, NULL,
                    G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                    NULL, &out, NULL, &status, &e))
    fail_msg("cannot run %s: %s", argv[0], e->message);
  *ok = g_spawn_check_wait_status(status, NULL);
  return out;
}

static char *path_in(const char *dir, const char *name) {
  return g_build_filename(dir, name, NULL);
}

static zt_status render_to(const char *dir, const char *tpl, zt_err *err) {
  rf_fixture f;
  zt_status st;
  rf_build(&f);
  f.in.generated_at = zt_report_epoch();
  st = zt_report_render(&f.in, tpl, dir,
                        zt_output_bit("pdf") | zt_output_bit("html"), err);
  rf_free(&f);
  return st;
}

static int setup(void **state) {
  zt_err err;
  (void)state;
  setenv("SOURCE_DATE_EPOCH", EPOCH, 1);
  tmp = tu_tmpdir("render");
  dir_a = path_in(tmp, "a");
  if (render_to(dir_a, TEMPLATE, &err) != ZT_OK) {
    fprintf(stderr, "render: %s\n", err.msg);
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  tu_rmtree(tmp);
  g_free(tmp);
  g_free(dir_a);
  return 0;
}

/* Collapse all white space (pdftotext breaks lines and pages). */
static char *flatten(const char *s) {
  GString *g = g_string_new(NULL);
  bool sp = false;
  for (; *s; s++) {
    if (*s == ' ' || *s == '\n' || *s == '\f' || *s == '\t') {
      sp = true;
      continue;
    }
    if (sp && g->len)
      g_string_append_c(g, ' ');
    sp = false;
    g_string_append_c(g, *s);
  }
  return g_string_free(g, FALSE);
}

/* Find each needle after the previous one; fail naming the first that is
 * missing or out of order. */
static void in_order(const char *text, const char *const *needles,
                     size_t n) {
  const char *p = text;
  for (size_t i = 0; i < n; i++) {
    const char *hit = strstr(p, needles[i]);
    if (!hit)
      fail_msg("'%s' missing or out of order (after '%s')", needles[i],
               i ? needles[i - 1] : "the start");
    p = hit + strlen(needles[i]);
  }
}

static const char *disp(const rf_fixture *f, const char *ind,
                        const char *period, uint16_t gem) {
  const zt_ind_value *v = zt_ind_table_find(f->t, ind, period, gem, "");
  assert_non_null(v);
  return v->display;
}

static void test_pdf_checks(void **state) {
  char *pdf = path_in(dir_a, zt_output_file("pdf"));
  bool ok;
  char *out;
  (void)state;
  /* structure and streams */
  out = run((char *[]){"qpdf", "--check", pdf, NULL}, &ok);
  assert_true(ok);
  assert_non_null(strstr(out, "No syntax or stream encoding errors"));
  g_free(out);
  /* every font embedded, subset, with a Unicode map; Lato among them */
  out = run((char *[]){"pdffonts", pdf, NULL}, &ok);
  assert_true(ok);
  {
    gchar **lines = g_strsplit(out, "\n", -1);
    int fonts = 0;
    for (int i = 2; lines[i]; i++) {
      if (!*lines[i])
        continue;
      fonts++;
      if (!strstr(lines[i], " yes yes yes "))
        fail_msg("font not embedded/subset/unicode: %s", lines[i]);
    }
    assert_true(fonts >= 2);
    g_strfreev(lines);
  }
  assert_non_null(strstr(out, "Lato-Regular"));
  assert_non_null(strstr(out, "Lato-Bold"));
  g_free(out);
  /* metadata, tagging, the date from SOURCE_DATE_EPOCH */
  out = run((char *[]){"pdfinfo", "-isodates", pdf, NULL}, &ok);
  assert_true(ok);
  assert_non_null(strstr(out, "Title:           Voortgangsrapportage "
                              "jeugdhulp, 1e halfjaar 2022\n"));
  assert_non_null(strstr(out, "Author:          Gooi en Vechtstreek\n"));
  assert_non_null(strstr(out, "Creator:         zothuis 0.1.0\n"));
  assert_non_null(strstr(out, "Keywords:        jeugdhulp"));
  assert_non_null(strstr(out, "Subject:         Voortgang van de jeugdhulp"));
  assert_non_null(strstr(out, "CreationDate:    2022-09-04T13:05:00"));
  assert_non_null(strstr(out, "ModDate:         2022-09-04T13:05:00"));
  assert_non_null(strstr(out, "Tagged:          yes\n"));
  assert_non_null(strstr(out, "Page size:       595.276 x 841.89 pts (A4)"));
  {
    const char *p = strstr(out, "Pages:");
    long pages = p ? strtol(p + 6, NULL, 10) : 0;
    assert_true(pages >= 18 && pages <= 60);
  }
  g_free(out);
  /* vector only: no image fallback anywhere */
  out = run((char *[]){"pdfimages", "-list", pdf, NULL}, &ok);
  assert_true(ok);
  {
    int lines = 0;
    for (const char *p = out; *p; p++)
      lines += *p == '\n';
    assert_int_equal(lines, 2);   /* only the two header lines */
  }
  g_free(out);
  /* the structure tree uses the standard types */
  out = run((char *[]){"pdfinfo", "-struct", pdf, NULL}, &ok);
  assert_true(ok);
  {
    static const char *const types[] = {
        "Document", "H1", "H2", "P", "L", "LI", "LBody", "Lbl", "Table",
        "Caption", "TR", "TH", "TD", "Figure", "TOC", "TOCI", "Link"};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
      /* a line "<indent>Type", "<indent>Type (block)" or, with
       * attributes (TH after the accessibility pass), "<indent>Type:" */
      char *re = g_strdup_printf("^ *%s( \\(|:|$)", types[i]);
      if (!g_regex_match_simple(re, out, G_REGEX_MULTILINE, 0))
        fail_msg("no %s element in the structure tree", types[i]);
      g_free(re);
    }
  }
  g_free(out);
  /* bookmarks and the named destinations of the contents' links */
  out = run((char *[]){"qpdf", "--json", "--json-key=outlines",
                                  pdf, NULL}, &ok);
  assert_true(ok);
  assert_non_null(strstr(out, "\"title\": \"1 Samenvatting\""));
  /* the annex is section 8 (after Volledigheid van de cijfers) */
  assert_non_null(strstr(out, "\"title\": \"8.1 Blaricum\""));
  assert_non_null(strstr(out, "\"title\": \"Inhoud\""));
  g_free(out);
  out = run((char *[]){"pdfinfo", "-dests", pdf, NULL}, &ok);
  assert_true(ok);
  assert_non_null(strstr(out, "\"h-1\""));
  assert_non_null(strstr(out, "\"inhoud\""));
  g_free(out);
  g_free(pdf);
}

static void test_pdf_text_in_reading_order(void **state) {
  char *pdf = path_in(dir_a, zt_output_file("pdf"));
  rf_fixture f;
  bool ok;
  char *raw, *text, *body, *sentence;
  (void)state;
  rf_build(&f);
  /* -raw: content stream order, which the writer keeps logical */
  raw = run((char *[]){"pdftotext", "-raw", "-enc", "UTF-8", pdf, "-",
                       NULL}, &ok);
  assert_true(ok);
  text = flatten(raw);
  /* the cover and the contents come first */
  {
    const char *const front[] = {"Gooi en Vechtstreek",
                                 "Voortgangsrapportage jeugdhulp",
                                 "1e halfjaar 2022",
                                 "Status: concept", "Inhoud",
                                 "Samenvatting", "Verantwoording"};
    in_order(text, front, sizeof front / sizeof front[0]);
  }
  /* the body starts after the contents' last entry */
  body = strstr(text, "Software");
  assert_non_null(body);
  sentence = g_strdup_printf(
      "Het aandeel jeugdigen in een gezinsvorm steeg van %s naar %s; "
      "doel 2022 \xe2\x89\xa5 70%%: niet op koers.",
      disp(&f, "verblijf.share_gezinsvorm", "2021-H2", 0),
      disp(&f, "verblijf.share_gezinsvorm", "2022-H1", 0));
  {
    const char *const order[] = {
        "Samenvatting",
        /* the key figures, as metrics formatted them */
        disp(&f, "clients.total", "2022-H1", 0),
        disp(&f, "verblijf.share_gezinsvorm", "2022-H1", 0),
        /* a year target in a 1e halfjaar: provisional */
        "niet op koers",
        sentence,
        "Jeugdhulp in cijfers",
        "Tabel 1. Unieke cli\xc3\xabnten per zorgsoort",
        "Ambulante begeleiding",
        "Totaal unieke cli\xc3\xabnten",
        /* the 2020 total of the source documents */
        "8.967",
        "Tabel 2. Unieke cli\xc3\xabnten per gemeente",
        "Blaricum", "Gooise Meren", "Hilversum", "Huizen", "Laren",
        "Wijdemeren", "Regio Gooi en Vechtstreek",
        "Figuur 1. Kosten per zorgsoort, 1e halfjaar 2022",
        "Zo thuis mogelijk",
        "Verblijfsepisodes",
        "Gemiddelde duur (dagen)", "557",
        "deze besparingen zijn bovengrenzen",
        "Woonplaatsbeginsel",
        "Voortgang maatregelen",
        "Versterken van pleegzorg", "M1 Werving",
        /* budget 180.000 + 240.000 + 60.000 + 450.000 + 300.000 +
         * 210.000 + 120.000 + 90.000 + 150.000 + 40.000 + 80.000 +
         * 100.000 = 2.020.000; spent 112.500 + 68.000 + 59.200 +
         * 82.000 + 0 + 164.000 + 118.000 + 15.000 + 73.000 + 21.000 +
         * 19.000 + 24.000 = 755.700 */
        "\xe2\x82\xac 2.020.000", "\xe2\x82\xac 755.700",
        "Uitgaven en middelen per actielijn",
        /* spending 5.200.000 + 9.800.000 + 12.100.000 cents = 271.000
         * euro; funds 60.000 + 100.000 + 120.000 = 280.000: +9.000 */
        "\xe2\x82\xac 271.000", "\xe2\x82\xac 280.000",
        "\xe2\x82\xac +9.000",
        "Bijlage per gemeente",
        "Blaricum", "Gooise Meren", "Hilversum", "Huizen", "Laren",
        "Wijdemeren",
        "Verantwoording", "Bronnen",
        /* 245.310 read = 244.876 accepted + 434 rejected */
        "245.310", "244.876", "434",
        "BSN ongeldig (controlegetal klopt niet)", "Definities",
        "Instellingen",
        "Onderbreking die een episode", "Privacy en kleine aantallen",
        "< 5",
        "zothuis 0.1.0", "4 september 2022, 13:05 uur (UTC)"};
    in_order(body, order, sizeof order / sizeof order[0]);
  }
  /* never a BSN-like number of nine digits in the output */
  assert_null(g_regex_match_simple("(^|[^0-9.])[0-9]{9}([^0-9]|$)", text,
                                   0, 0) ? "bsn" : NULL);
  g_free(sentence);
  g_free(raw);
  g_free(text);
  g_free(pdf);
  rf_free(&f);
}

static void test_reproducible(void **state) {
  char *dir_b = path_in(tmp, "b");
  zt_err err;
  (void)state;
  assert_int_equal(render_to(dir_b, TEMPLATE, &err), ZT_OK);
  for (int k = 0; k < 2; k++) {
    const char *name = k ? zt_output_file("html") : zt_output_file("pdf");
    char *pa = path_in(dir_a, name), *pb = path_in(dir_b, name);
    size_t na = 0, nb = 0;
    char *a = tu_read(pa, &na), *b = tu_read(pb, &nb);
    assert_non_null(a);
    assert_non_null(b);
    assert_true(na > 10000);
    assert_int_equal(na, nb);
    assert_memory_equal(a, b, na);
    g_free(a);
    g_free(b);
    g_free(pa);
    g_free(pb);
  }
  g_free(dir_b);
}

/* --- HTML ---------------------------------------------------------------- */

typedef struct hcheck {
  int tables, svgs, figures, headings_skipped, last_level;
  int th_without_scope, tables_without_caption, svg_without_text;
  int external;
} hcheck;

static bool has_child(xmlNodePtr n, const char *name, bool nonempty) {
  for (xmlNodePtr k = n->children; k; k = k->next)
    if (k->type == XML_ELEMENT_NODE &&
        strcmp((const char *)k->name, name) == 0) {
      xmlChar *c = xmlNodeGetContent(k);
      bool ok = !nonempty || (c && *c);
      xmlFree(c);
      if (ok)
        return true;
    }
  return false;
}

static bool attr_is(xmlNodePtr n, const char *name, const char *want) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
  bool ok = v && (!want || strcmp((const char *)v, want) == 0);
  xmlFree(v);
  return ok;
}

static void walk(xmlNodePtr n, hcheck *h) {
  for (; n; n = n->next) {
    const char *name = (const char *)n->name;
    if (n->type != XML_ELEMENT_NODE)
      continue;
    if (strcmp(name, "table") == 0) {
      h->tables++;
      if (!has_child(n, "caption", true))
        h->tables_without_caption++;
    } else if (strcmp(name, "th") == 0) {
      if (!attr_is(n, "scope", NULL))
        h->th_without_scope++;
    } else if (strcmp(name, "svg") == 0) {
      h->svgs++;
      if (!has_child(n, "title", true) || !has_child(n, "desc", true) ||
          !attr_is(n, "role", "img") || !attr_is(n, "aria-labelledby", NULL))
        h->svg_without_text++;
    } else if (strcmp(name, "figure") == 0) {
      h->figures++;
    } else if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' &&
               !name[2]) {
      int level = name[1] - '0';
      if (level > h->last_level + 1)
        h->headings_skipped++;
      h->last_level = level;
    }
    if (attr_is(n, "src", NULL))
      h->external++;
    if (attr_is(n, "href", NULL)) {
      xmlChar *v = xmlGetProp(n, (const xmlChar *)"href");
      if (v[0] != '#')
        h->external++;
      xmlFree(v);
    }
    walk(n->children, h);
  }
}

static void test_html(void **state) {
  char *path = path_in(dir_a, zt_output_file("html"));
  size_t n = 0;
  char *html = tu_read(path, &n);
  xmlDocPtr doc;
  xmlNodePtr root;
  hcheck h;
  (void)state;
  assert_non_null(html);
  assert_true(g_str_has_prefix(html, "<!DOCTYPE html>\n<html lang=\"nl\">"));
  /* the HTML is also well-formed XML: parse it strictly */
  doc = xmlReadMemory(html, (int)n, "rapport.html", "UTF-8",
                      XML_PARSE_NONET | XML_PARSE_NOERROR |
                          XML_PARSE_NOWARNING);
  assert_non_null(doc);
  root = xmlDocGetRootElement(doc);
  assert_string_equal((const char *)root->name, "html");
  assert_true(attr_is(root, "lang", "nl"));
  memset(&h, 0, sizeof h);
  walk(root, &h);
  assert_true(h.tables >= 20);   /* report tables and charts' data */
  assert_int_equal(h.tables_without_caption, 0);
  assert_int_equal(h.th_without_scope, 0);
  /* 6 charts, the rates per municipality, the 2 arrival curves of
   * Volledigheid van de cijfers and one per municipality */
  assert_int_equal(h.svgs, 9 + RF_NGEM);
  assert_int_equal(h.figures, h.svgs);
  assert_int_equal(h.svg_without_text, 0);
  assert_int_equal(h.headings_skipped, 0);
  assert_int_equal(h.external, 0);
  xmlFreeDoc(doc);
  /* no requests anywhere: no scripts, no fonts or styles from elsewhere;
   * the only URL is the SVG namespace name */
  assert_null(strstr(html, "<script"));
  assert_null(strstr(html, "@import"));
  assert_null(strstr(html, "url("));
  assert_null(strstr(html, "https://"));
  {
    const char *p = html;
    int urls = 0;
    while ((p = strstr(p, "http://")) != NULL) {
      if (!g_str_has_prefix(p, "http://www.w3.org/2000/svg\""))
        fail_msg("external URL: %.40s", p);
      urls++;
      p += 7;
    }
    assert_int_equal(urls, 9 + RF_NGEM);   /* one per chart's SVG */
  }
  /* phone and print */
  assert_non_null(strstr(html, "name=\"viewport\""));
  assert_non_null(strstr(html, "@media (max-width:"));
  assert_non_null(strstr(html, "@media print"));
  /* each chart's numbers follow it */
  assert_non_null(strstr(html, "</svg>\n<details>\n<summary>Cijfers bij "
                               "figuur 1</summary>"));
  /* an amount never breaks after its euro sign: outside the charts and
   * the number cells (white-space:nowrap) every "€" has a no-break
   * space, tile notes and values included */
  {
    const char *p = html;
    int nb = 0;
    while ((p = strstr(p, "\xe2\x82\xac")) != NULL) {
      const char *svg = g_strrstr_len(html, p - html, "<svg");
      const char *svg_end = g_strrstr_len(html, p - html, "</svg>");
      const char *td = g_strrstr_len(html, p - html, "<td class=\"num");
      const char *tag = g_strrstr_len(html, p - html, "<");
      bool in_svg = svg && (!svg_end || svg_end < svg);
      bool in_num = td && tag == td;
      p += 3;
      if (in_svg || in_num)
        continue;
      if (strncmp(p, "\xc2\xa0", 2) != 0)
        fail_msg("a euro sign without a no-break space: %.60s", p - 30);
      nb++;
    }
    assert_true(nb > 0);
  }
  /* the same sentence as the PDF */
  assert_non_null(strstr(html, "Het aandeel jeugdigen in een gezinsvorm "
                               "steeg van"));
  g_free(html);
  g_free(path);
}

/* --- errors and the output files ---------------------------------------- */

static size_t files_in(const char *dir) {
  GDir *d = g_dir_open(dir, 0, NULL);
  size_t n = 0;
  if (!d)
    return 0;
  while (g_dir_read_name(d))
    n++;
  g_dir_close(d);
  return n;
}

static void test_errors_keep_outputs(void **state) {
  char *dir = path_in(tmp, "err");
  char *bad = tu_write(tmp, "slecht.xml",
                       "<?xml version=\"1.0\"?>\n<report title=\"T\" "
                       "kind=\"halfjaar\">\n<p><v id=\"nope\"/></p>\n"
                       "</report>\n");
  char *pdf = path_in(dir_a, zt_output_file("pdf"));
  char *before, *after, *file_as_dir;
  size_t nb = 0, na = 0;
  zt_err err;
  (void)state;
  /* a template error: nothing is created */
  assert_int_equal(render_to(dir, bad, &err), ZT_ERR_INPUT);
  assert_non_null(strstr(err.msg, "slecht.xml:3: unknown indicator id "
                                  "'nope'"));
  assert_int_equal(files_in(dir), 0);
  /* ... and an existing report stays as it was */
  before = tu_read(pdf, &nb);
  assert_int_equal(render_to(dir_a, bad, &err), ZT_ERR_INPUT);
  after = tu_read(pdf, &na);
  assert_int_equal(na, nb);
  assert_memory_equal(before, after, na);
  assert_int_equal(files_in(dir_a), 2);   /* no temporary files left */
  /* an output directory that cannot be made */
  file_as_dir = path_in(pdf, "sub");
  assert_int_equal(render_to(file_as_dir, TEMPLATE, &err), ZT_ERR_OUTPUT);
  g_free(file_as_dir);
  g_free(before);
  g_free(after);
  g_free(pdf);
  g_free(bad);
  g_free(dir);
}

/* A region without any data still gets a complete, valid report: dashes,
 * "geen gegevens", empty charts said to be empty. */
static void test_empty_input(void **state) {
  zt_report_input in;
  zt_ind_table *empty = zt_ind_table_new();
  zt_err err;
  uint16_t gem[1] = {402};
  const char *names[1] = {"Hilversum"};
  char *dir = path_in(tmp, "leeg"), *pdf, *raw, *text;
  bool ok;
  (void)state;
  memset(&in, 0, sizeof in);
  in.ind = empty;
  in.region_name = "Leeg";
  in.gemeenten = gem;
  in.gemeente_names = names;
  in.ngemeenten = 1;
  in.period = zt_period_half(2022, 1);
  in.peildatum = in.period.end;
  in.report_date = in.period.end;
  in.version = "0.1.0";
  in.not_for_publication = true;   /* suppression = none */
  if (zt_report_render(&in, TEMPLATE, dir,
                       zt_output_bit("pdf") | zt_output_bit("html"),
                       &err) != ZT_OK)
    fail_msg("%s", err.msg);
  pdf = path_in(dir, zt_output_file("pdf"));
  g_free(run((char *[]){"qpdf", "--check", pdf, NULL}, &ok));
  assert_true(ok);
  raw = run((char *[]){"pdftotext", "-raw", "-enc", "UTF-8", pdf, "-",
                       NULL}, &ok);
  text = flatten(raw);
  assert_non_null(strstr(text, "Geen gegevens voor deze figuur"));
  assert_non_null(strstr(text, "geen gegevens over 1e halfjaar 2022"));
  /* the cover says a working copy is not for publication */
  assert_non_null(strstr(text, "Niet voor publicatie"));
  assert_true(strstr(text, "Niet voor publicatie") <
              strstr(text, "Inhoud"));
  g_free(raw);
  g_free(text);
  g_free(pdf);
  g_free(dir);
  zt_ind_table_free(empty);
}

/* A paragraph with a value that has no row prints the sentence of its
 * missing="..." instead, or nothing when that is empty; never a sentence
 * with a dash where the value would be. With its values there, the
 * paragraph itself. */
static void test_missing_value_sentence(void **state) {
  char *dir = path_in(tmp, "missing");
  char *tpl = tu_write(
      tmp, "missing.xml",
      "<?xml version=\"1.0\"?>\n<report title=\"T\" kind=\"halfjaar\">\n"
      "<p missing=\"Nog niet te berekenen over {cohort}.\">Opnieuw "
      "<v id=\"flow.reentry_6m\" period=\"cohort\"/> binnen een half "
      "jaar.</p>\n"
      "<p missing=\"\">Weggelaten <v id=\"flow.reentry_12m\"/>.</p>\n"
      "<p missing=\"Niet nodig.\">Jeugdigen in zorg: "
      "<v id=\"clients.total\"/>.</p>\n</report>\n");
  char *html_path = path_in(dir, zt_output_file("html"));
  char *html;
  zt_err err;
  (void)state;
  if (render_to(dir, tpl, &err) != ZT_OK)
    fail_msg("%s", err.msg);
  html = tu_read(html_path, NULL);
  assert_non_null(html);
  /* the fixture has no cohort of its own: {cohort} is the period */
  assert_non_null(strstr(html, "Nog niet te berekenen over 1e halfjaar "
                               "2022."));
  assert_null(strstr(html, "Opnieuw"));
  assert_null(strstr(html, "Weggelaten"));
  assert_null(strstr(html, "\xe2\x80\x93 binnen"));
  assert_non_null(strstr(html, "Jeugdigen in zorg: "));
  assert_null(strstr(html, "Niet nodig."));
  g_free(html);
  g_free(html_path);
  g_free(tpl);
  g_free(dir);
}

/* A value the privacy rules hid (here the region's spending per youth,
 * as a mean over few would be) never prints in running text: its
 * paragraph gives way to the sentence of hidden="...", else of
 * missing="...", else it is left out; so is a list item with one, and a
 * list left without items. Never "gemiddeld · jaar oud". */
static void test_hidden_value_sentence(void **state) {
  char *dir = path_in(tmp, "hidden");
  char *tpl = tu_write(
      tmp, "hidden.xml",
      "<?xml version=\"1.0\"?>\n<report title=\"T\" kind=\"halfjaar\">\n"
      "<p hidden=\"Niet getoond over {periode}.\" missing=\"Geen.\">"
      "Gemiddeld <v id=\"spend.per_client\"/> per jeugdige.</p>\n"
      "<p missing=\"Valt terug.\">Per jeugdige "
      "<v id=\"spend.per_client\"/>.</p>\n"
      "<note>Weggelaten <v id=\"spend.per_client\"/>.</note>\n"
      "<ul><li>Punt A <v id=\"spend.per_client\"/>.</li>"
      "<li>Punt B <v id=\"clients.total\"/>.</li></ul>\n"
      "<ul><li>Alleen <v id=\"spend.per_client\"/>.</li></ul>\n"
      "</report>\n");
  char *html_path = path_in(dir, zt_output_file("html"));
  char *html;
  rf_fixture f;
  zt_ind_value v;
  zt_err err;
  (void)state;
  rf_build(&f);
  f.in.generated_at = zt_report_epoch();
  v = *zt_ind_table_find(f.t, "spend.per_client", "2022-H1",
                         ZT_GEMEENTE_REGIO, "");
  v.suppressed = true;
  zt_strlcpy(v.display, "\xc2\xb7", sizeof v.display);
  assert_int_equal(zt_ind_table_put(f.t, &v), ZT_OK);
  if (zt_report_render(&f.in, tpl, dir,
                       zt_output_bit("pdf") | zt_output_bit("html"),
                       &err) != ZT_OK)
    fail_msg("%s", err.msg);
  rf_free(&f);
  html = tu_read(html_path, NULL);
  assert_non_null(html);
  assert_non_null(strstr(html, "Niet getoond over 1e halfjaar 2022."));
  assert_null(strstr(html, "Geen."));
  assert_null(strstr(html, "Gemiddeld"));
  assert_non_null(strstr(html, "Valt terug."));
  assert_null(strstr(html, "Per jeugdige"));
  assert_null(strstr(html, "Weggelaten"));
  assert_null(strstr(html, "Punt A"));
  assert_non_null(strstr(html, "Punt B"));
  assert_null(strstr(html, "Alleen"));
  {
    /* no marker in the text (the footer uses the dot as a separator) */
    const char *a = strstr(html, "<main"), *e = strstr(html, "</main>");
    const char *dot = strstr(html, "\xc2\xb7");
    assert_non_null(a);
    assert_non_null(e);
    assert_true(!dot || dot > e);
  }
  g_free(html);
  g_free(html_path);
  g_free(tpl);
  g_free(dir);
}

/* The annual template over 2021, the years as its trend. */
static void test_annual_report(void **state) {
  rf_fixture f;
  zt_err err;
  char *dir = path_in(tmp, "jaar"), *pdf, *text, *raw;
  bool ok;
  (void)state;
  rf_build_year(&f);
  f.in.generated_at = zt_report_epoch();
  if (zt_report_render(&f.in, ZT_SOURCE_DIR "/templates/jaar.xml", dir,
                       zt_output_bit("pdf") | zt_output_bit("html"),
                       &err) != ZT_OK)
    fail_msg("%s", err.msg);
  pdf = path_in(dir, zt_output_file("pdf"));
  g_free(run((char *[]){"qpdf", "--check", pdf, NULL}, &ok));
  assert_true(ok);
  raw = run((char *[]){"pdftotext", "-raw", "-enc", "UTF-8", pdf, "-",
                       NULL}, &ok);
  assert_true(ok);
  text = flatten(raw);
  {
    /* Tabel 1 over prev-2, prev, current: 2019 has no values and is left
     * out, so the head reads 2020, 2021 */
    const char *const order[] = {
        "Voortgangsrapportage jeugdhulp", "2021", "Samenvatting",
        "ontwikkelingen ten opzichte van het jaar ervoor",
        "Tabel 1. Unieke cli\xc3\xabnten per zorgsoort", "Zorgsoort 2020 2021",
        "8.967", "Verantwoording"};
    in_order(text, order, sizeof order / sizeof order[0]);
  }
  g_free(raw);
  g_free(text);
  g_free(pdf);
  g_free(dir);
  rf_free(&f);
}

static void test_a11y_hook(void **state) {
  rf_fixture f;
  zt_template *t = NULL;
  zt_doc *d = NULL;
  zt_pdf_a11y a;
  zt_err err;
  char *path = path_in(tmp, "hook.pdf");
  FILE *fp;
  size_t charts = 0, links = 0, ths = 0;
  (void)state;
  rf_build(&f);
  assert_int_equal(zt_template_load(TEMPLATE, &t, &err), ZT_OK);
  assert_int_equal(zt_doc_build(t, &f.in, &d, &err), ZT_OK);
  for (size_t i = 0; i < d->nblocks; i++) {
    const zt_block *b = &d->blocks[i];
    charts += b->kind == ZT_BLK_CHART;
    links += b->kind == ZT_BLK_HEADING && b->level <= d->toc_depth;
    if (b->kind == ZT_BLK_TABLE)
      ths += b->table->ncols;   /* at least one header row */
  }
  fp = fopen(path, "wb");
  assert_non_null(fp);
  zt_pdf_a11y_init(&a);
  assert_int_equal(zt_pdf_write(d, fp, &a, &err), ZT_OK);
  assert_int_equal(fclose(fp), 0);
  /* one alt text per Figure, one description per contents link */
  assert_int_equal(a.figure_alt->len, charts);
  for (guint i = 0; i < a.figure_alt->len; i++)
    assert_true(strlen(g_ptr_array_index(a.figure_alt, i)) > 40);
  assert_non_null(strstr(g_ptr_array_index(a.figure_alt, 0),
                         "Staafdiagram: Kosten per zorgsoort"));
  assert_int_equal(a.link_desc->len, links);
  assert_string_equal(g_ptr_array_index(a.link_desc, 0),
                      "Ga naar 1 Samenvatting, pagina 3");
  assert_true(a.th_scope->len >= ths);
  /* a footer on every page but the cover */
  assert_int_equal(a.furniture, (size_t)a.pages - 1);
  zt_pdf_a11y_free(&a);
  zt_doc_free(d);
  zt_template_free(t);
  rf_free(&f);
  g_free(path);
}

/* A one-section document for the layout tests below. */
static zt_doc *small_doc(const char *title) {
  zt_doc *d = zt_doc_new();
  d->title = title;
  d->region = "Regio";
  d->period = "2023";
  d->peildatum = "31 december 2023";
  d->members = "A";
  d->date = "1 januari 2024";
  d->version = "test";
  return d;
}

/* Write `d` as PDF file `name` and read it back with pdftotext -layout:
 * its lines (g_strfreev). */
/* Write `d` to the PDF `name` in the test folder and read its text
 * back (pdftotext -layout), split at `sep`: "\n" for its lines, "\f"
 * for its pages. For g_strfreev(). */
static gchar **pdf_text_split(const zt_doc *d, const char *name,
                              const char *sep) {
  char *path = path_in(tmp, name), *text;
  gchar **parts;
  FILE *fp = fopen(path, "wb");
  bool ok;
  assert_non_null(fp);
  assert_int_equal(zt_pdf_write(d, fp, NULL, NULL), ZT_OK);
  assert_int_equal(fclose(fp), 0);
  text = run((char *[]){"pdftotext", "-layout", "-enc", "UTF-8", path, "-",
                        NULL},
             &ok);
  assert_true(ok);
  parts = g_strsplit(text, sep, -1);
  g_free(text);
  g_free(path);
  return parts;
}

static gchar **pdf_layout_lines(const zt_doc *d, const char *name) {
  return pdf_text_split(d, name, "\n");
}

/* An amount never breaks after its euro sign: paragraphs with 0..59
 * words before "(€ 123.456)" put it at every place of a line; no line
 * of the PDF's text ends in "€", and every amount is on one line. */
/* A paragraph of one run, `text`, at the end of `d`. */
static void add_text_para(zt_doc *d, const char *text) {
  zt_block *b = zt_doc_add(d, ZT_BLK_PARA);
  b->text.n = 1;
  b->text.runs = zt_arena_alloc(&d->arena, sizeof *b->text.runs);
  b->text.runs[0].text = zt_arena_strdup(&d->arena, text);
}

static void test_euro_keeps_its_amount(void **state) {
  zt_doc *d = small_doc("Euro");
  gchar **lines;
  int whole = 0;
  (void)state;
  for (int k = 0; k < 60; k++) {
    GString *g = g_string_new(NULL);
    for (int i = 0; i < k; i++)
      g_string_append(g, i % 3 ? "kosten " : "ab ");
    g_string_append(g, "(\xe2\x82\xac 123.456) einde.");
    add_text_para(d, g->str);
    g_string_free(g, TRUE);
  }
  lines = pdf_layout_lines(d, "euro.pdf");
  for (gchar **l = lines; *l; l++) {
    size_t n = strlen(*l);
    while (n && (*l)[n - 1] == ' ')
      n--;
    if (n >= 3 && memcmp(*l + n - 3, "\xe2\x82\xac", 3) == 0)
      fail_msg("a line ends in the euro sign: '%s'", *l);
    whole += strstr(*l, "\xe2\x82\xac 123.456") != NULL;
  }
  g_strfreev(lines);
  assert_int_equal(whole, 60);
  zt_doc_free(d);
}

/* A chart's data table with seven series of long names: its categories
 * (periods) stay on one line each, the series' headers wrap instead. */
static void test_chart_table_categories_whole(void **state) {
  static const char *const names[7] = {
      "Gemeente (toegang)",        "Huisarts",
      "Jeugdarts",                 "Gecertificeerde instelling",
      "Medisch specialist",        "Geen verwijzer",
      "Rechter, officier van justitie of justiti\xc3\xable "
      "jeugdinrichting"};
  static const char *const cats[3] = {"2e hj 2022", "1e hj 2023",
                                      "2e hj 2023"};
  zt_doc *d = small_doc("Tabel");
  zt_block *b;
  zt_chart *c;
  gchar **lines;
  int whole = 0;
  (void)state;
  c = zt_chart_new(&d->arena, ZT_CHART_STACKED, 3, 7);
  c->title = "Verzoeken naar verwijzer";
  for (size_t i = 0; i < 3; i++)
    c->cats[i] = cats[i];
  for (size_t s = 0; s < 7; s++) {
    c->ser[s].name = names[s];
    for (size_t i = 0; i < 3; i++) {
      c->ser[s].val[i].v = 1000.0 + (double)(s * 10 + i);
      c->ser[s].val[i].present = true;
      c->ser[s].val[i].display =
          zt_arena_printf(&d->arena, "1.%03zu", s * 10 + i);
    }
  }
  b = zt_doc_add(d, ZT_BLK_CHART);
  b->title = c->title;
  b->chart = c;
  b->chart_table = zt_chart_table(c, &d->arena);
  b->chart_table_in_pdf = true;
  lines = pdf_layout_lines(d, "chart-table.pdf");
  for (gchar **l = lines; *l; l++)
    for (size_t i = 0; i < 3; i++)
      if (strstr(*l, cats[i]) && strstr(*l, "1.0"))
        whole++;     /* the category with its row's numbers */
  g_strfreev(lines);
  assert_int_equal(whole, 3);
  zt_doc_free(d);
}

/* A table over half-years with a folded row ("Overige zorgsoorten
 * (...): Crisis, ..."), text in its first cell only: that line wraps over
 * the whole table and does not widen the first column, so the period
 * headers keep their room and stay on one line. */
static void test_folded_row_spans_table(void **state) {
  static const char *const head[4] = {"Zorgsoort", "2e hj 2022",
                                      "1e hj 2023", "2e hj 2023"};
  zt_doc *d = small_doc("Tabel");
  zt_table *t = zt_table_new(&d->arena, 5, 4);
  zt_block *b;
  gchar **lines;
  int whole = 0;
  (void)state;
  t->caption = "Blaricum: unieke cli\xc3\xabnten per zorgsoort";
  t->row_header = true;
  t->rflags[0] = ZT_ROW_HEAD;
  t->rflags[4] = ZT_ROW_TOTAL;
  for (size_t c = 0; c < 4; c++) {
    zt_table_set(t, &d->arena, 0, c, head[c], 0);
    t->numeric[c] = c > 0;
  }
  for (size_t r = 1; r < 3; r++) {
    zt_table_set(t, &d->arena, r, 0,
                 r == 1 ? "Ambulante begeleiding" : "Pleegzorg", 0);
    for (size_t c = 1; c < 4; c++)
      zt_table_set(t, &d->arena, r, c, "121", 0);
  }
  zt_table_set(t, &d->arena, 3, 0,
               "Overige zorgsoorten (minder dan 5 jeugdigen of geen): "
               "Crisis, Gezinshuis, Driemilieuvoorziening, JeugdzorgPlus "
               "(gesloten), Klinische jeugd-GGZ, Beschermd wonen (<18), "
               "Landelijk Transitiearrangement, Voogdij, "
               "Jeugdreclassering, Overig", 0);
  zt_table_set(t, &d->arena, 4, 0, "Totaal unieke cli\xc3\xabnten", 0);
  for (size_t c = 1; c < 4; c++)
    zt_table_set(t, &d->arena, 4, c, "344", 0);
  b = zt_doc_add(d, ZT_BLK_TABLE);
  b->table = t;
  lines = pdf_layout_lines(d, "folded-row.pdf");
  for (gchar **l = lines; *l; l++)
    whole += strstr(*l, "2e hj 2022") && strstr(*l, "1e hj 2023") &&
             strstr(*l, "2e hj 2023");
  g_strfreev(lines);
  assert_int_equal(whole, 1);
  /* the HTML too: one cell over the four columns, not a row label that
   * widens the fixed label column on a phone */
  {
    zt_buf out;
    zt_buf_init(&out, 1u << 24);
    assert_int_equal(zt_html_write(d, NULL, &out, NULL), ZT_OK);
    assert_non_null(strstr(zt_buf_str(&out),
                           "<tr class=\"line\"><th scope=\"row\" "
                           "colspan=\"4\">Overige zorgsoorten"));
    assert_null(strstr(zt_buf_str(&out), "<td class=\"num\"></td>"));
    zt_buf_free(&out);
  }
  zt_doc_free(d);
}

static void add_heading(zt_doc *d, const char *title, int level,
                        bool new_page) {
  zt_block *h = zt_doc_add(d, ZT_BLK_HEADING);
  h->level = level;
  h->title = title;
  h->new_page = new_page;
  h->anchor = zt_arena_printf(&d->arena, "h-%s", title);
}

static void add_para(zt_doc *d, int words) {
  GString *g = g_string_new(NULL);
  for (int i = 0; i < words; i++)
    g_string_append(g, i % 4 ? "jeugdhulp " : "de ");
  g_string_append(g, "einde.");
  add_text_para(d, g->str);
  g_string_free(g, TRUE);
}

/* No runt before a new chapter: whatever the length of the text before
 * it, the last lines of a section never stand alone on the page before
 * the next chapter; the section then starts a page. Pages are read back
 * with pdftotext (one footer line each). */
static void test_no_runt_before_chapter(void **state) {
  int moved = 0;
  (void)state;
  for (int k = 0; k < 30; k++) {
    zt_doc *d = small_doc("Runt");
    gchar **pages;
    add_heading(d, "Een", 1, true);
    add_para(d, 420 + 14 * k);
    add_heading(d, "Sectie", 2, false);
    add_para(d, 60);
    add_heading(d, "Twee", 1, true);
    add_para(d, 20);
    pages = pdf_text_split(d, "runt.pdf", "\f");
    for (gchar **pg = pages; *pg && pg[1]; pg++) {
      int lines = 0;
      gchar **l;
      if (strstr(*pg, "Twee") || !pg[1][0])
        continue;    /* the last chapter, or the end */
      l = g_strsplit(*pg, "\n", -1);
      for (gchar **m = l; *m; m++)
        lines += strspn(*m, " ") < strlen(*m);
      g_strfreev(l);
      if (lines < 5)
        fail_msg("k=%d: a page of %d lines before a chapter:\n%s", k,
                 lines, *pg);
      moved += strstr(*pg, "Sectie") && !strstr(*pg, "Een");
    }
    g_strfreev(pages);
    zt_doc_free(d);
  }
  assert_true(moved > 0);   /* the rule was needed at least once */
}

/* A short paragraph that ends in a colon stays on the page of the
 * list it opens: "... ten opzichte van het vorige halfjaar:" is never the
 * last line of a page with the first item on the next. */
static void test_colon_keeps_its_list(void **state) {
  int tested = 0;
  (void)state;
  for (int k = 0; k < 30; k++) {
    zt_doc *d = small_doc("Lijst");
    gchar **pages;
    zt_block *b;
    add_heading(d, "Een", 1, true);
    add_para(d, 420 + 14 * k);
    add_heading(d, "Ontwikkelingen", 2, false);
    add_text_para(d, "Een doel voor een heel jaar wordt beoordeeld op de "
                     "cijfers van dat hele jaar. De belangrijkste "
                     "ontwikkelingen ten opzichte van het vorige "
                     "halfjaar:");
    b = zt_doc_add(d, ZT_BLK_LIST);
    b->nitems = 3;
    b->items = zt_arena_array(&d->arena, 3, sizeof *b->items);
    for (size_t i = 0; i < 3; i++) {
      b->items[i].n = 1;
      b->items[i].runs = zt_arena_alloc(&d->arena, sizeof(zt_run));
      b->items[i].runs[0].text = i ? "Een ander punt." : "Eerste punt.";
    }
    pages = pdf_text_split(d, "colon.pdf", "\f");
    for (gchar **pg = pages; *pg; pg++)
      if (strstr(*pg, "halfjaar:")) {
        if (!strstr(*pg, "Eerste punt"))
          fail_msg("k=%d: the list's lead ends a page:\n%s", k, *pg);
        tested++;
      }
    g_strfreev(pages);
    zt_doc_free(d);
  }
  assert_int_equal(tested, 30);
}

/* LeakSanitizer: fontconfig keeps its parsed configuration for the life
 * of the process (pango owns it; see zt_report_cleanup). Not our leak. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) {
  return "leak:libfontconfig.so\n";
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pdf_checks),
      cmocka_unit_test(test_pdf_text_in_reading_order),
      cmocka_unit_test(test_folded_row_spans_table),
      cmocka_unit_test(test_no_runt_before_chapter),
      cmocka_unit_test(test_colon_keeps_its_list),
      cmocka_unit_test(test_reproducible),
      cmocka_unit_test(test_html),
      cmocka_unit_test(test_errors_keep_outputs),
      cmocka_unit_test(test_empty_input),
      cmocka_unit_test(test_missing_value_sentence),
      cmocka_unit_test(test_hidden_value_sentence),
      cmocka_unit_test(test_annual_report),
      cmocka_unit_test(test_a11y_hook),
      cmocka_unit_test(test_euro_keeps_its_amount),
      cmocka_unit_test(test_chart_table_categories_whole),
  };
  int failed = cmocka_run_group_tests(tests, setup, teardown);
  zt_report_cleanup();   /* for the leak checker */
  return failed;
}

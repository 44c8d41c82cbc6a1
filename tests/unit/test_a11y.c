/*
 * tests/unit/test_a11y.c -- the accessibility post-pass (render/a11y.h)
 * and the PDF/UA + WCAG checker (render/pdfcheck.h) on the realistic
 * fixture report (render_fixture.h).
 *
 * The rendered report has no finding at all; cairo's PDF before the
 * post-pass has the findings the post-pass exists for; and for every
 * rule a copy of the good PDF broken with libqpdf (the /Lang removed, an
 * /Alt removed, untagged content added, pages swapped, ...) makes the
 * checker report exactly that rule, so a checker that stops looking
 * fails here loudly.
 */
#include "testutil.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "render/a11y.h"
#include "render/pdf.h"
#include "render/pdfcheck.h"
#include "render/qpdfx.h"
#include "render/output.h"
#include "render/report.h"
#include "render/template.h"
#include "render_fixture.h"

#define EPOCH "1662296700"   /* 2022-09-04 13:05:00 UTC */
#define TEMPLATE ZT_SOURCE_DIR "/templates/halfjaar.xml"

/* A small template for the broken variants (quick to read and write):
 * cover, contents, a table, a chart under a level-2 heading, and a second
 * section on a page of its own. */
static const char small_template[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<report title=\"Klein rapport\" kind=\"halfjaar\" subject=\"Toets\" "
    "keywords=\"toets\">\n"
    "<cover/>\n<contents title=\"Inhoud\" depth=\"2\"/>\n"
    "<section title=\"Cijfers\">\n"
    "<p>In het <period/> waren er <v id=\"clients.total\"/> jeugdigen.</p>\n"
    "<table title=\"Unieke cli\xc3\xabnten per gemeente\" "
    "id=\"clients.total\" rows=\"gemeenten+regio\" "
    "cols=\"periods:prev,current\" corner=\"Gemeente\"/>\n"
    "<section title=\"Kosten\">\n"
    "<chart type=\"bar\" title=\"Kosten per zorgsoort\" "
    "id=\"spend.by_kind\" x=\"breakdown:kind\" "
    "y-label=\"kosten in euro\"/>\n"
    "</section>\n</section>\n"
    "<section title=\"Slot\">\n<p>Dit is het einde.</p>\n</section>\n"
    "</report>\n";

static char *tmp;      /* the test's directory */
static char *good;     /* the fixture report, rendered with the pass */
static char *small;    /* the small template's report */
static char *raw;      /* the same document straight from cairo */
static zt_doc *doc;    /* its document model */
static zt_template *tpl;
static rf_fixture fx;
static zt_pdf_a11y lists;   /* what the renderer recorded for `raw` */

static int setup(void **state) {
  zt_err err;
  char *dir;
  FILE *fp;
  (void)state;
  setenv("SOURCE_DATE_EPOCH", EPOCH, 1);
  tmp = tu_tmpdir("a11y");
  dir = g_build_filename(tmp, "out", NULL);
  rf_build(&fx);
  fx.in.generated_at = zt_report_epoch();
  if (zt_report_render(&fx.in, TEMPLATE, dir, zt_output_bit("pdf"),
                       &err) != ZT_OK) {
    fprintf(stderr, "render: %s\n", err.msg);
    return -1;
  }
  good = g_build_filename(dir, zt_output_file("pdf"), NULL);
  g_free(dir);
  {
    char *t = tu_write(tmp, "klein.xml", small_template);
    dir = g_build_filename(tmp, "klein", NULL);
    if (zt_report_render(&fx.in, t, dir, zt_output_bit("pdf"),
                         &err) != ZT_OK) {
      fprintf(stderr, "render: %s\n", err.msg);
      return -1;
    }
    small = g_build_filename(dir, zt_output_file("pdf"), NULL);
    g_free(dir);
    g_free(t);
  }
  /* the raw cairo PDF of the same document, and the renderer's lists */
  if (zt_template_load(TEMPLATE, &tpl, &err) ||
      zt_doc_build(tpl, &fx.in, &doc, &err)) {
    fprintf(stderr, "doc: %s\n", err.msg);
    return -1;
  }
  raw = g_build_filename(tmp, "raw.pdf", NULL);
  fp = fopen(raw, "wb");
  zt_pdf_a11y_init(&lists);
  if (!fp || zt_pdf_write(doc, fp, &lists, &err) != ZT_OK ||
      fclose(fp) != 0) {
    fprintf(stderr, "pdf: %s\n", err.msg);
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  zt_pdf_a11y_free(&lists);
  zt_doc_free(doc);
  zt_template_free(tpl);
  rf_free(&fx);
  tu_rmtree(tmp);
  g_free(tmp);
  g_free(good);
  g_free(small);
  g_free(raw);
  return 0;
}

/* Check a PDF; the caller unrefs the findings. */
static GPtrArray *check(const char *path, bool order) {
  zt_pdfcheck_opts o = {order, NULL};
  GPtrArray *f = zt_pdfcheck_findings_new();
  zt_err err;
  if (zt_pdfcheck(path, &o, f, &err) != ZT_OK)
    fail_msg("check %s: %s", path, err.msg);
  return f;
}

static void print_findings(const GPtrArray *f) {
  for (guint i = 0; i < f->len; i++) {
    const zt_pdf_finding *x = g_ptr_array_index(f, i);
    fprintf(stderr, "  %s: %s\n", x->rule, x->msg);
  }
}

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

/* --- the good report ----------------------------------------------------- */

static void test_report_has_no_findings(void **state) {
  GPtrArray *f = check(good, true);
  bool ok;
  char *out;
  (void)state;
  if (f->len) {
    print_findings(f);
    fail_msg("%u findings in the rendered report", f->len);
  }
  g_ptr_array_unref(f);
  /* and the outside tools agree */
  out = run((char *[]){"qpdf", "--check", good, NULL}, &ok);
  assert_true(ok);
  assert_non_null(strstr(out, "No syntax or stream encoding errors"));
  g_free(out);
  out = run((char *[]){"pdfinfo", good, NULL}, &ok);
  assert_true(ok);
  assert_non_null(strstr(out, "PDF version:     1.7\n"));
  assert_non_null(strstr(out, "Metadata Stream: yes\n"));
  assert_non_null(strstr(out, "Tagged:          yes\n"));
  g_free(out);
  out = run((char *[]){"pdfinfo", "-meta", good, NULL}, &ok);
  assert_true(ok);
  assert_non_null(strstr(out, "<pdfuaid:part>1</pdfuaid:part>"));
  assert_non_null(strstr(out, "<rdf:li>nl-NL</rdf:li>"));
  assert_non_null(strstr(out, "Voortgangsrapportage jeugdhulp, 1e halfjaar "
                              "2022</rdf:li>"));
  /* SOURCE_DATE_EPOCH 1662296700 = 2022-09-04 13:05:00 UTC */
  assert_non_null(strstr(out, "<xmp:CreateDate>2022-09-04T13:05:00Z<"));
  g_free(out);
}

/* What the pass wrote, read back with libqpdf. */
typedef struct seen {
  size_t figures, ths, nonstruct;
  char *first_alt;
  size_t scope[3];   /* Column, Row, Row with ColSpan */
} seen;

static bool collect(qpdf_data q, const zt_qpdfx_elem *e, void *ud) {
  seen *s = ud;
  if (strcmp(e->type, "Figure") == 0) {
    qpdf_oh alt = zt_qpdfx_get(q, e->elem, "/Alt");
    if (s->figures++ == 0)
      s->first_alt = zt_qpdfx_text(q, alt);
    qpdf_oh_release(q, alt);
  } else if (strcmp(e->type, "TH") == 0) {
    qpdf_oh a = zt_qpdfx_get(q, e->elem, "/A");
    long long span;
    s->ths++;
    if (zt_qpdfx_is_name(q, a, "/Scope", "/Column"))
      s->scope[0]++;
    else if (zt_qpdfx_int(q, a, "/ColSpan", &span) && span > 1)
      s->scope[2]++;
    else if (zt_qpdfx_is_name(q, a, "/Scope", "/Row"))
      s->scope[1]++;
    assert_true(zt_qpdfx_is_name(q, a, "/O", "/Table"));
    qpdf_oh_release(q, a);
  } else if (strcmp(e->type, "NonStruct") == 0) {
    s->nonstruct++;
  }
  return true;
}

static void test_pass_wrote_the_lists(void **state) {
  qpdf_data q;
  qpdf_oh root, tree, trailer, id, lang;
  zt_err err;
  seen s;
  size_t charts = 0, rowgroup = 0, links = 0, footers = 0;
  char *text;
  (void)state;
  memset(&s, 0, sizeof s);
  assert_int_equal(zt_qpdfx_open(good, &q, &err), ZT_OK);
  root = qpdf_get_root(q);
  lang = zt_qpdfx_get(q, root, "/Lang");
  text = zt_qpdfx_text(q, lang);
  assert_string_equal(text, "nl-NL");
  g_free(text);
  tree = zt_qpdfx_get(q, root, "/StructTreeRoot");
  zt_qpdfx_walk(q, tree, collect, &s);
  for (size_t i = 0; i < doc->nblocks; i++)
    charts += doc->blocks[i].kind == ZT_BLK_CHART;
  for (guint i = 0; i < lists.th_scope->len; i++)
    rowgroup += strcmp(g_ptr_array_index(lists.th_scope, i), "Rowgroup") == 0;
  /* one alt text per chart, the first chart's own */
  assert_int_equal(s.figures, charts);
  assert_non_null(s.first_alt);
  for (size_t i = 0; i < doc->nblocks; i++)
    if (doc->blocks[i].kind == ZT_BLK_CHART) {
      assert_string_equal(s.first_alt, doc->blocks[i].alt);
      break;
    }
  /* every TH has a scope; the measures table's action-line rows span
   * the table as row headers */
  assert_int_equal(s.ths, lists.th_scope->len);
  assert_int_equal(s.scope[0] + s.scope[1] + s.scope[2], s.ths);
  assert_int_equal(s.scope[2], rowgroup);
  assert_true(rowgroup >= 4);   /* four action lines in the fixture */
  /* footers and decoration left the tree */
  assert_int_equal(s.nonstruct, 0);
  /* every Link annotation has the description recorded for it, in
   * order; every footer is a pagination artifact */
  for (int p = 0; p < qpdf_get_num_pages(q); p++) {
    qpdf_oh page = qpdf_get_page_n(q, (size_t)p);
    qpdf_oh annots = zt_qpdfx_get(q, page, "/Annots");
    unsigned char *data = NULL;
    size_t len = 0;
    int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots)
                                        : 0;
    for (int i = 0; i < n; i++) {
      qpdf_oh a = qpdf_oh_get_array_item(q, annots, i);
      qpdf_oh c = zt_qpdfx_get(q, a, "/Contents");
      char *desc = zt_qpdfx_text(q, c);
      assert_non_null(desc);
      assert_true(links < lists.link_desc->len);
      assert_string_equal(desc, g_ptr_array_index(lists.link_desc, links));
      links++;
      g_free(desc);
      qpdf_oh_release(q, c);
      qpdf_oh_release(q, a);
    }
    assert_int_equal(qpdf_oh_get_page_content_data(q, page, &data, &len) &
                         QPDF_ERRORS, 0);
    {
      char *content = g_strndup((const char *)data, len);
      const char *hit = strstr(content, "/Artifact << /Type /Pagination "
                                        "/Subtype /Footer >> BDC");
      footers += hit != NULL;
      /* the cover has no footer */
      assert_true(p == 0 ? hit == NULL : hit != NULL);
      assert_null(strstr(content, "/NonStruct"));
      g_free(content);
    }
    free(data);
    qpdf_oh_release(q, annots);
    qpdf_oh_release(q, page);
  }
  assert_int_equal(links, lists.link_desc->len);
  assert_int_equal(footers, lists.furniture);
  assert_int_equal(footers, (size_t)lists.pages - 1);
  /* a deterministic /ID of two 16-byte strings */
  trailer = qpdf_get_trailer(q);
  id = zt_qpdfx_get(q, trailer, "/ID");
  assert_true(qpdf_oh_is_array(q, id));
  assert_int_equal(qpdf_oh_get_array_n_items(q, id), 2);
  g_free(s.first_alt);
  qpdf_cleanup(&q);
}

/* The bookmarks are the template's headings, in the template's order
 * (so the reading-order rule checks the template order). */
static void outline_titles(qpdf_data q, qpdf_oh first, GPtrArray *out) {
  qpdf_oh item = qpdf_oh_new_object(q, first);
  while (qpdf_oh_is_dictionary(q, item)) {
    qpdf_oh t = zt_qpdfx_get(q, item, "/Title");
    qpdf_oh kid = zt_qpdfx_get(q, item, "/First");
    qpdf_oh next = zt_qpdfx_get(q, item, "/Next");
    g_ptr_array_add(out, zt_qpdfx_text(q, t));
    outline_titles(q, kid, out);
    qpdf_oh_release(q, t);
    qpdf_oh_release(q, kid);
    qpdf_oh_release(q, item);
    item = next;
  }
  qpdf_oh_release(q, item);
}

static void test_bookmarks_follow_the_template(void **state) {
  qpdf_data q;
  qpdf_oh root, ol, first;
  GPtrArray *titles = g_ptr_array_new_with_free_func(g_free);
  zt_err err;
  guint k = 0;
  (void)state;
  assert_int_equal(zt_qpdfx_open(good, &q, &err), ZT_OK);
  root = qpdf_get_root(q);
  ol = zt_qpdfx_get(q, root, "/Outlines");
  first = zt_qpdfx_get(q, ol, "/First");
  outline_titles(q, first, titles);
  assert_true(titles->len > 10);
  for (size_t i = 0; i < doc->nblocks; i++) {
    const zt_block *b = &doc->blocks[i];
    char *want;
    if (b->kind == ZT_BLK_TOC)
      want = g_strdup(b->title ? b->title : "Inhoud");
    else if (b->kind == ZT_BLK_HEADING)
      want = g_strdup_printf("%s%s%s", b->number ? b->number : "",
                             b->number ? " " : "", b->title);
    else
      continue;
    assert_true(k < titles->len);
    assert_string_equal(g_ptr_array_index(titles, k), want);
    k++;
    g_free(want);
  }
  assert_int_equal(k, titles->len);
  g_ptr_array_unref(titles);
  qpdf_cleanup(&q);
}

/* cairo's own PDF fails exactly where the pass helps. */
static void test_cairo_alone_fails(void **state) {
  GPtrArray *f = check(raw, false);
  static const char *const rules[] = {"lang", "display-doc-title", "xmp",
                                      "title", "figure-alt", "th-scope",
                                      "link-contents", "page-tabs"};
  (void)state;
  for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
    if (zt_pdfcheck_count(f, rules[i]) == 0) {
      print_findings(f);
      fail_msg("cairo's PDF passes rule %s", rules[i]);
    }
  /* everything drawn is in a leaf element, so even before the pass no
   * content is untagged */
  assert_int_equal(zt_pdfcheck_count(f, "content-untagged"), 0);
  g_ptr_array_unref(f);
}

static void test_pass_refuses_mismatches(void **state) {
  zt_pdf_a11y a;
  zt_buf b;
  zt_err err;
  char *notpdf = tu_write(tmp, "leeg.pdf", "%PDF-1.5\nniets\n");
  (void)state;
  zt_buf_init(&b, 64u << 20);
  /* the renderer's lists pass */
  assert_int_equal(zt_a11y_postpass(raw, &lists, &b, &err), ZT_OK);
  assert_true(b.len > 10000);
  assert_memory_equal(b.data, "%PDF-1.7", 8);
  zt_buf_reset(&b);
  /* one alt text short: a renderer bug, not guessed */
  zt_pdf_a11y_init(&a);
  for (guint i = 0; i + 1 < lists.figure_alt->len; i++)
    g_ptr_array_add(a.figure_alt,
                    g_strdup(g_ptr_array_index(lists.figure_alt, i)));
  for (guint i = 0; i < lists.th_scope->len; i++)
    g_ptr_array_add(a.th_scope,
                    g_strdup(g_ptr_array_index(lists.th_scope, i)));
  for (guint i = 0; i < lists.link_desc->len; i++)
    g_ptr_array_add(a.link_desc,
                    g_strdup(g_ptr_array_index(lists.link_desc, i)));
  a.furniture = lists.furniture;
  a.decoration = lists.decoration;
  assert_int_equal(zt_a11y_postpass(raw, &a, &b, &err), ZT_ERR_INTERNAL);
  assert_non_null(strstr(err.msg, "figures"));
  /* one extra: also refused */
  g_ptr_array_add(a.figure_alt, g_strdup("een"));
  g_ptr_array_add(a.figure_alt, g_strdup("twee"));
  assert_int_equal(zt_a11y_postpass(raw, &a, &b, &err), ZT_ERR_INTERNAL);
  assert_non_null(strstr(err.msg, "figures"));
  /* a footer count that does not match */
  g_ptr_array_remove_index(a.figure_alt, a.figure_alt->len - 1);
  a.furniture++;
  assert_int_equal(zt_a11y_postpass(raw, &a, &b, &err), ZT_ERR_INTERNAL);
  assert_non_null(strstr(err.msg, "footers"));
  zt_pdf_a11y_free(&a);
  /* not a PDF */
  assert_int_equal(zt_a11y_postpass(notpdf, &lists, &b, &err),
                   ZT_ERR_INPUT);
  assert_int_equal(b.len, 0);
  zt_buf_free(&b);
  g_free(notpdf);
}

/* --- broken variants ----------------------------------------------------- */

static void drop_key(qpdf_data q, qpdf_oh oh, const char *key) {
  assert_true(qpdf_oh_has_key(q, oh, key));
  qpdf_oh_remove_key(q, oh, key);
}

static void brk_lang(qpdf_data q) {
  qpdf_oh root = qpdf_get_root(q);
  drop_key(q, root, "/Lang");
}

static void brk_title(qpdf_data q) {
  qpdf_oh t = qpdf_get_trailer(q);
  drop_key(q, zt_qpdfx_get(q, t, "/Info"), "/Title");
}

static void brk_display(qpdf_data q) {
  qpdf_oh vp = zt_qpdfx_get(q, qpdf_get_root(q), "/ViewerPreferences");
  qpdf_oh_replace_key(q, vp, "/DisplayDocTitle",
                      qpdf_oh_new_bool(q, QPDF_FALSE));
}

static void brk_marked(qpdf_data q) {
  drop_key(q, qpdf_get_root(q), "/MarkInfo");
}

static void brk_xmp(qpdf_data q) {
  /* a packet with a title but without the PDF/UA identifier */
  static const char xmp[] =
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\""
      "http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>T"
      "</dc:title></rdf:Description></rdf:RDF></x:xmpmeta>";
  qpdf_oh m = zt_qpdfx_get(q, qpdf_get_root(q), "/Metadata");
  qpdf_oh_replace_stream_data(q, m, (const unsigned char *)xmp,
                              sizeof xmp - 1, qpdf_oh_new_null(q),
                              qpdf_oh_new_null(q));
}

/* The first structure element of `type` (a clone of its handle). */
typedef struct find {
  const char *type;
  qpdf_oh found;
  bool have;
} find;

static bool find_cb(qpdf_data q, const zt_qpdfx_elem *e, void *ud) {
  find *f = ud;
  if (strcmp(e->type, f->type) == 0) {
    f->found = qpdf_oh_new_object(q, e->elem);
    f->have = true;
    return false;
  }
  return true;
}

static qpdf_oh first_elem(qpdf_data q, const char *type) {
  find f = {type, 0, false};
  qpdf_oh tree = zt_qpdfx_get(q, qpdf_get_root(q), "/StructTreeRoot");
  zt_qpdfx_walk(q, tree, find_cb, &f);
  assert_true(f.have);
  return f.found;
}

static void brk_alt(qpdf_data q) {
  drop_key(q, first_elem(q, "Figure"), "/Alt");
}

static void brk_alt_empty(qpdf_data q) {
  qpdf_oh_replace_key(q, first_elem(q, "Figure"), "/Alt",
                      qpdf_oh_new_unicode_string(q, "  "));
}

static void brk_scope(qpdf_data q) {
  drop_key(q, first_elem(q, "TH"), "/A");
}

static void brk_heading(qpdf_data q) {
  qpdf_oh_replace_key(q, first_elem(q, "H2"), "/S",
                      qpdf_oh_new_name(q, "/H4"));
}

static void brk_first_heading(qpdf_data q) {
  qpdf_oh_replace_key(q, first_elem(q, "H1"), "/S",
                      qpdf_oh_new_name(q, "/H2"));
}

static void brk_type(qpdf_data q) {
  qpdf_oh_replace_key(q, first_elem(q, "P"), "/S",
                      qpdf_oh_new_name(q, "/Alinea"));
}

/* Every TH of the first table becomes a TD. */
static void brk_table(qpdf_data q) {
  qpdf_oh t = first_elem(q, "Table");
  qpdf_oh k = zt_qpdfx_get(q, t, "/K");
  int changed = 0;
  for (int i = 0; i < qpdf_oh_get_array_n_items(q, k); i++) {
    qpdf_oh tr = qpdf_oh_get_array_item(q, k, i);
    qpdf_oh cells = zt_qpdfx_get(q, tr, "/K");
    for (int j = 0; qpdf_oh_is_array(q, cells) &&
                    j < qpdf_oh_get_array_n_items(q, cells); j++) {
      qpdf_oh c = qpdf_oh_get_array_item(q, cells, j);
      if (zt_qpdfx_is_name(q, c, "/S", "/TH")) {
        qpdf_oh_replace_key(q, c, "/S", qpdf_oh_new_name(q, "/TD"));
        changed++;
      }
    }
  }
  assert_true(changed > 0);
}

/* Append content to the third page. */
static void append_content(qpdf_data q, const char *ops) {
  qpdf_oh page = qpdf_get_page_n(q, 2);
  qpdf_oh old = zt_qpdfx_get(q, page, "/Contents");
  qpdf_oh s = qpdf_oh_new_stream(q);
  qpdf_oh arr = qpdf_oh_new_array(q);
  qpdf_oh_replace_stream_data(q, s, (const unsigned char *)ops, strlen(ops),
                              qpdf_oh_new_null(q), qpdf_oh_new_null(q));
  qpdf_oh_append_item(q, arr, old);
  qpdf_oh_append_item(q, arr, s);
  qpdf_oh_replace_key(q, page, "/Contents", arr);
}

static void brk_untagged(qpdf_data q) {
  append_content(q, "\nq 0 0 1 rg 10 10 50 50 re f Q\n");
}

static void brk_untagged_text(qpdf_data q) {
  append_content(q, "\nBT /F9 12 Tf 10 10 Td (verborgen) Tj ET\n");
}

static void brk_unclosed(qpdf_data q) {
  append_content(q, "\n/Artifact BMC 0 0 m 5 5 l S\n");
}

static void brk_orphan(qpdf_data q) {
  append_content(q, "\n/P << /MCID 999 >> BDC 0 0 m 5 5 l S EMC\n");
}

static void brk_nesting(qpdf_data q) {
  append_content(q, "\n/Artifact BMC /P << /MCID 0 >> BDC 0 0 m 5 5 l S "
                    "EMC EMC\n");
}

/* The first font of the third page; its descriptor in *fd. */
static qpdf_oh first_font(qpdf_data q, qpdf_oh *fd) {
  qpdf_oh page = qpdf_get_page_n(q, 2);
  qpdf_oh fonts = zt_qpdfx_get(q, zt_qpdfx_get(q, page, "/Resources"),
                               "/Font");
  qpdf_oh font;
  const char *key;
  qpdf_oh_begin_dict_key_iter(q, fonts);
  assert_true(qpdf_oh_dict_more_keys(q));
  key = qpdf_oh_dict_next_key(q);
  font = qpdf_oh_get_key(q, fonts, key);
  if (zt_qpdfx_is_name(q, font, "/Subtype", "/Type0"))
    *fd = zt_qpdfx_get(q, qpdf_oh_get_array_item(
                              q, zt_qpdfx_get(q, font, "/DescendantFonts"),
                              0),
                       "/FontDescriptor");
  else
    *fd = zt_qpdfx_get(q, font, "/FontDescriptor");
  return font;
}

static void brk_font_file(qpdf_data q) {
  qpdf_oh fd;
  first_font(q, &fd);
  qpdf_oh_remove_key(q, fd, "/FontFile");
  qpdf_oh_remove_key(q, fd, "/FontFile2");
  qpdf_oh_remove_key(q, fd, "/FontFile3");
}

static void brk_tounicode(qpdf_data q) {
  qpdf_oh fd;
  drop_key(q, first_font(q, &fd), "/ToUnicode");
}

/* The first annotation of the contents page (the second). */
static qpdf_oh first_annot(qpdf_data q) {
  qpdf_oh page = qpdf_get_page_n(q, 1);
  qpdf_oh annots = zt_qpdfx_get(q, page, "/Annots");
  assert_true(qpdf_oh_is_array(q, annots));
  return qpdf_oh_get_array_item(q, annots, 0);
}

static void brk_link_contents(qpdf_data q) {
  drop_key(q, first_annot(q), "/Contents");
}

static void brk_link_parent(qpdf_data q) {
  drop_key(q, first_annot(q), "/StructParent");
}

static void brk_tabs(qpdf_data q) {
  drop_key(q, qpdf_get_page_n(q, 1), "/Tabs");
}

/* Pages 3 and 4 (both with headings) change places: their headings
 * come out of order. */
static void brk_order(qpdf_data q) {
  qpdf_oh p2 = qpdf_get_page_n(q, 2), p3 = qpdf_get_page_n(q, 3);
  assert_int_equal(qpdf_remove_page(q, p3) & QPDF_ERRORS, 0);
  assert_int_equal(qpdf_add_page_at(q, q, p3, QPDF_TRUE, p2) & QPDF_ERRORS,
                   0);
}

/* Page 3 shows page 4's content: its bookmarked heading ("1 Cijfers")
 * is not in its text. */
static void brk_heading_text(qpdf_data q) {
  qpdf_oh c = zt_qpdfx_get(q, qpdf_get_page_n(q, 3), "/Contents");
  qpdf_oh_replace_key(q, qpdf_get_page_n(q, 2), "/Contents", c);
}

typedef struct variant {
  const char *name;
  void (*brk)(qpdf_data q);
  const char *rule;     /* the rule that must fire */
  bool order;           /* run pdftotext */
} variant;

static const variant variants[] = {
    {"no /Lang", brk_lang, "lang", false},
    {"no /Title", brk_title, "title", false},
    {"DisplayDocTitle false", brk_display, "display-doc-title", false},
    {"no /MarkInfo", brk_marked, "tagged", false},
    {"XMP without pdfuaid", brk_xmp, "xmp", false},
    {"Figure without /Alt", brk_alt, "figure-alt", false},
    {"Figure with a blank /Alt", brk_alt_empty, "figure-alt", false},
    {"TH without /Scope", brk_scope, "th-scope", false},
    {"H2 made H4", brk_heading, "heading-order", false},
    {"first heading H2", brk_first_heading, "heading-order", false},
    {"unknown structure type", brk_type, "struct-type", false},
    {"table without TH", brk_table, "table-headers", false},
    {"untagged path", brk_untagged, "content-untagged", false},
    {"untagged text", brk_untagged_text, "content-untagged", false},
    {"unclosed BMC", brk_unclosed, "content-untagged", false},
    {"MCID without element", brk_orphan, "mcid-orphan", false},
    {"tagged content in an artifact", brk_nesting, "artifact-nesting",
     false},
    {"font not embedded", brk_font_file, "font-embedded", false},
    {"font without ToUnicode", brk_tounicode, "font-unicode", false},
    {"link without /Contents", brk_link_contents, "link-contents", false},
    {"link without /StructParent", brk_link_parent, "annot-tagged", false},
    {"page without /Tabs", brk_tabs, "page-tabs", false},
    {"pages swapped", brk_order, "reading-order", true},
    {"heading not on its page", brk_heading_text, "reading-order", true},
};

static void test_broken_variants(void **state) {
  GPtrArray *f0 = check(small, true);
  (void)state;
  /* the small report itself is clean */
  if (f0->len) {
    print_findings(f0);
    fail_msg("%u findings in the small report", f0->len);
  }
  g_ptr_array_unref(f0);
  for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
    const variant *v = &variants[i];
    char name[32], *path;
    qpdf_data q;
    zt_err err;
    GPtrArray *f;
    snprintf(name, sizeof name, "kapot-%02zu.pdf", i);
    path = g_build_filename(tmp, name, NULL);
    assert_int_equal(zt_qpdfx_open(small, &q, &err), ZT_OK);
    v->brk(q);
    assert_false(qpdf_has_error(q));
    assert_int_equal(qpdf_init_write(q, path) & QPDF_ERRORS, 0);
    /* quick: streams as they are, no object streams */
    qpdf_set_stream_data_mode(q, qpdf_s_preserve);
    qpdf_set_object_stream_mode(q, qpdf_o_disable);
    assert_int_equal(qpdf_write(q) & QPDF_ERRORS, 0);
    qpdf_cleanup(&q);
    f = check(path, v->order);
    if (zt_pdfcheck_count(f, v->rule) == 0) {
      print_findings(f);
      fail_msg("variant '%s': the checker did not report rule %s",
               v->name, v->rule);
    }
    g_ptr_array_unref(f);
    g_free(path);
  }
}

static void test_unreadable(void **state) {
  GPtrArray *f = zt_pdfcheck_findings_new();
  zt_err err;
  char *junk = tu_write(tmp, "junk.pdf", "geen pdf");
  char *missing = g_build_filename(tmp, "nergens.pdf", NULL);
  zt_pdfcheck_opts o = {true, "/nonexistent/pdftotext"};
  (void)state;
  assert_int_equal(zt_pdfcheck(junk, NULL, f, &err), ZT_ERR_INPUT);
  assert_int_equal(zt_pdfcheck(missing, NULL, f, &err), ZT_ERR_INPUT);
  assert_non_null(strstr(err.msg, "nergens.pdf"));
  /* a missing pdftotext is an error, not a pass */
  assert_int_equal(zt_pdfcheck(good, &o, f, &err), ZT_ERR_IO);
  assert_non_null(strstr(err.msg, "pdftotext"));
  assert_int_equal(f->len, 0);
  g_ptr_array_unref(f);
  g_free(junk);
  g_free(missing);
}

/* LeakSanitizer: fontconfig keeps its parsed configuration for the life
 * of the process (pango owns it; see zt_report_cleanup). Not our leak. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) {
  return "leak:libfontconfig.so\n";
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_report_has_no_findings),
      cmocka_unit_test(test_pass_wrote_the_lists),
      cmocka_unit_test(test_bookmarks_follow_the_template),
      cmocka_unit_test(test_cairo_alone_fails),
      cmocka_unit_test(test_pass_refuses_mismatches),
      cmocka_unit_test(test_broken_variants),
      cmocka_unit_test(test_unreadable),
  };
  int failed = cmocka_run_group_tests(tests, setup, teardown);
  zt_report_cleanup();   /* for the leak checker */
  return failed;
}

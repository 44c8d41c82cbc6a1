/*
 * render/pdfcheck.c -- the PDF/UA and WCAG checker (pdfcheck.h): catalog
 * and metadata, the structure tree in document order, every page's
 * content stream (marked content around every painting operator), fonts,
 * annotations, and the headings' reading order in pdftotext's text.
 */
#include "render/pdfcheck.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "render/pdflex.h"
#include "render/qpdfx.h"

#define NS_PDFUAID "http://www.aiim.org/pdfua/ns/id/"
#define NS_DC "http://purl.org/dc/elements/1.1/"

typedef struct chk {
  qpdf_data q;
  GPtrArray *out;
  qpdf_oh tree;          /* StructTreeRoot (or null) */
  qpdf_oh ptree;         /* its ParentTree (or null) */
  int last_heading;      /* level of the previous heading, 0 before */
  size_t figures, ths, tables;
  GHashTable *fonts_seen;
} chk;

static void finding_free(gpointer p) {
  zt_pdf_finding *f = p;
  g_free(f->msg);
  g_free(f);
}

GPtrArray *zt_pdfcheck_findings_new(void) {
  return g_ptr_array_new_with_free_func(finding_free);
}

size_t zt_pdfcheck_count(const GPtrArray *findings, const char *rule) {
  size_t n = 0;
  for (guint i = 0; findings && i < findings->len; i++) {
    const zt_pdf_finding *f = g_ptr_array_index(findings, i);
    n += strcmp(f->rule, rule) == 0;
  }
  return n;
}

static void add(chk *c, const char *rule, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void add(chk *c, const char *rule, const char *fmt, ...) {
  zt_pdf_finding *f = g_new0(zt_pdf_finding, 1);
  va_list ap;
  va_start(ap, fmt);
  f->rule = rule;
  f->msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  g_ptr_array_add(c->out, f);
}

/* --- catalog, /Info and XMP ---------------------------------------------- */

static bool nonempty_text(qpdf_data q, qpdf_oh dict, const char *key) {
  qpdf_oh v = zt_qpdfx_get(q, dict, key);
  char *s = zt_qpdfx_text(q, v);
  bool yes = s && *g_strstrip(s);
  g_free(s);
  qpdf_oh_release(q, v);
  return yes;
}

/* Whether an element (or attribute) in namespace ns named `name` with
 * non-empty text (or exactly `want`) is in the tree under n. */
static bool xmp_has(xmlNodePtr n, const char *ns, const char *name,
                    const char *want) {
  for (; n; n = n->next) {
    if (n->type == XML_ELEMENT_NODE) {
      if (n->ns && strcmp((const char *)n->ns->href, ns) == 0 &&
          strcmp((const char *)n->name, name) == 0) {
        xmlChar *t = xmlNodeGetContent(n);
        char *s = g_strstrip(g_strdup(t ? (const char *)t : ""));
        bool ok = want ? strcmp(s, want) == 0 : *s != '\0';
        g_free(s);
        xmlFree(t);
        if (ok)
          return true;
      }
      for (xmlAttrPtr a = n->properties; a; a = a->next)
        if (a->ns && strcmp((const char *)a->ns->href, ns) == 0 &&
            strcmp((const char *)a->name, name) == 0) {
          xmlChar *t = xmlNodeGetContent((xmlNodePtr)a);
          bool ok = t && (want ? strcmp((const char *)t, want) == 0 : *t);
          xmlFree(t);
          if (ok)
            return true;
        }
      if (xmp_has(n->children, ns, name, want))
        return true;
    }
  }
  return false;
}

static void check_xmp(chk *c, qpdf_oh root, bool *xmp_title) {
  qpdf_data q = c->q;
  qpdf_oh m = zt_qpdfx_get(q, root, "/Metadata");
  unsigned char *data = NULL;
  size_t len = 0;
  QPDF_BOOL filtered = QPDF_FALSE;
  xmlDocPtr doc;
  *xmp_title = false;
  if (!qpdf_oh_is_stream(q, m)) {
    add(c, "xmp", "the catalog has no XMP /Metadata stream");
    qpdf_oh_release(q, m);
    return;
  }
  if ((qpdf_oh_get_stream_data(q, m, qpdf_dl_generalized, &filtered, &data,
                               &len) & QPDF_ERRORS) ||
      !filtered || len > (64u << 20)) {
    add(c, "xmp", "the XMP stream cannot be decoded");
    free(data);
    qpdf_oh_release(q, m);
    zt_qpdfx_error(q, ZT_ERR_INPUT, NULL, "");
    return;
  }
  doc = xmlReadMemory((const char *)data, (int)len, "xmp.xml", NULL,
                      XML_PARSE_NONET | XML_PARSE_NOERROR |
                          XML_PARSE_NOWARNING);
  if (!doc) {
    add(c, "xmp", "the XMP metadata is not well-formed XML");
  } else {
    xmlNodePtr r = xmlDocGetRootElement(doc);
    if (!xmp_has(r, NS_PDFUAID, "part", "1"))
      add(c, "xmp", "the XMP metadata has no pdfuaid:part 1 (PDF/UA "
                    "identifier)");
    *xmp_title = xmp_has(r, NS_DC, "title", NULL);
    xmlFreeDoc(doc);
  }
  free(data);
  qpdf_oh_release(q, m);
}

static void check_catalog(chk *c) {
  qpdf_data q = c->q;
  qpdf_oh root = qpdf_get_root(q);
  qpdf_oh trailer = qpdf_get_trailer(q);
  qpdf_oh info = zt_qpdfx_get(q, trailer, "/Info");
  qpdf_oh mark = zt_qpdfx_get(q, root, "/MarkInfo");
  qpdf_oh vp = zt_qpdfx_get(q, root, "/ViewerPreferences");
  qpdf_oh v;
  bool xmp_title;
  v = zt_qpdfx_get(q, mark, "/Marked");
  if (!qpdf_oh_is_bool(q, v) || !qpdf_oh_get_bool_value(q, v))
    add(c, "tagged", "the catalog lacks /MarkInfo << /Marked true >>");
  qpdf_oh_release(q, v);
  if (!qpdf_oh_is_dictionary(q, c->tree))
    add(c, "tagged", "the catalog has no /StructTreeRoot");
  if (!nonempty_text(q, root, "/Lang"))
    add(c, "lang", "the catalog has no /Lang (document language)");
  if (!nonempty_text(q, info, "/Title"))
    add(c, "title", "the document information has no /Title");
  v = zt_qpdfx_get(q, vp, "/DisplayDocTitle");
  if (!qpdf_oh_is_bool(q, v) || !qpdf_oh_get_bool_value(q, v))
    add(c, "display-doc-title",
        "/ViewerPreferences /DisplayDocTitle is not true");
  qpdf_oh_release(q, v);
  check_xmp(c, root, &xmp_title);
  if (!xmp_title)
    add(c, "title", "the XMP metadata has no dc:title");
  qpdf_oh_release(q, vp);
  qpdf_oh_release(q, mark);
  qpdf_oh_release(q, info);
  qpdf_oh_release(q, trailer);
  qpdf_oh_release(q, root);
}

/* --- the structure tree -------------------------------------------------- */

static bool standard_type(const char *t) {
  static const char *const types[] = {
      "Document", "Part",     "Art",    "Sect",     "Div",     "BlockQuote",
      "Caption",  "TOC",      "TOCI",   "Index",    "NonStruct", "Private",
      "P",        "H",        "H1",     "H2",       "H3",      "H4",
      "H5",       "H6",       "L",      "LI",       "Lbl",     "LBody",
      "Table",    "TR",       "TH",     "TD",       "THead",   "TBody",
      "TFoot",    "Span",     "Quote",  "Note",     "Reference", "BibEntry",
      "Code",     "Link",     "Annot",  "Ruby",     "RB",      "RT",
      "RP",       "Warichu",  "WT",     "WP",       "Figure",  "Formula",
      "Form"};
  for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
    if (strcmp(t, types[i]) == 0)
      return true;
  return false;
}

/* Whether a TH has /A << /Scope ... >> (or one in an /A array). */
static bool th_has_scope(qpdf_data q, qpdf_oh th) {
  qpdf_oh a = zt_qpdfx_get(q, th, "/A");
  bool yes = false;
  int n = qpdf_oh_is_array(q, a) ? qpdf_oh_get_array_n_items(q, a) : 1;
  for (int i = 0; i < n && !yes; i++) {
    qpdf_oh d = qpdf_oh_is_array(q, a) ? qpdf_oh_get_array_item(q, a, i)
                                       : qpdf_oh_new_object(q, a);
    qpdf_oh s = zt_qpdfx_get(q, d, "/Scope");
    yes = qpdf_oh_is_name_and_equals(q, s, "/Row") ||
          qpdf_oh_is_name_and_equals(q, s, "/Column") ||
          qpdf_oh_is_name_and_equals(q, s, "/Both");
    qpdf_oh_release(q, s);
    qpdf_oh_release(q, d);
  }
  qpdf_oh_release(q, a);
  return yes;
}

/* TH elements anywhere under an element (bounded depth). */
static size_t count_th(qpdf_data q, qpdf_oh elem, int depth) {
  qpdf_oh k = zt_qpdfx_get(q, elem, "/K");
  size_t n = 0;
  int len = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_n_items(q, k) : 1;
  for (int i = 0; i < len; i++) {
    qpdf_oh kid = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_item(q, k, i)
                                         : qpdf_oh_new_object(q, k);
    if (zt_qpdfx_is_name(q, kid, "/S", "/TH"))
      n++;
    else if (depth < 4 && qpdf_oh_is_dictionary(q, kid))
      n += count_th(q, kid, depth + 1);
    qpdf_oh_release(q, kid);
  }
  qpdf_oh_release(q, k);
  return n;
}

static bool visit(qpdf_data q, const zt_qpdfx_elem *e, void *ud) {
  chk *c = ud;
  const char *t = e->type;
  if (!standard_type(t))
    add(c, "struct-type", "structure element /%s (under /%s) is no "
                          "standard type and has no RoleMap entry",
        t, *e->parent_type ? e->parent_type : "StructTreeRoot");
  if (strcmp(t, "Figure") == 0) {
    c->figures++;
    if (!nonempty_text(q, e->elem, "/Alt"))
      add(c, "figure-alt", "Figure %zu has no /Alt text", c->figures);
  } else if (t[0] == 'H' && t[1] >= '1' && t[1] <= '6' && !t[2]) {
    int level = t[1] - '0';
    if (c->last_heading == 0 && level != 1)
      add(c, "heading-order", "the first heading is H%d, not H1", level);
    else if (c->last_heading > 0 && level > c->last_heading + 1)
      add(c, "heading-order", "H%d follows H%d (a level is skipped)",
          level, c->last_heading);
    c->last_heading = level;
  } else if (strcmp(t, "Table") == 0) {
    c->tables++;
    if (count_th(q, e->elem, 0) == 0)
      add(c, "table-headers", "Table %zu has no TH (header cell)",
          c->tables);
  } else if (strcmp(t, "TH") == 0) {
    c->ths++;
    if (!th_has_scope(q, e->elem))
      add(c, "th-scope", "TH %zu (in table %zu) has no /Scope", c->ths,
          c->tables);
  }
  return true;
}

/* --- page content -------------------------------------------------------- */

typedef struct mc {
  bool artifact, mcid;
} mc;

/* The MCID of a BDC's property list: inline, or a name in the page's
 * /Properties resources. */
static bool bdc_mcid(qpdf_data q, qpdf_oh page, const zt_pdflex *lx,
                     const zt_pdftok *props, long *mcid) {
  if (props->kind == ZT_PT_DICT)
    return zt_pdftok_dict_int(lx, props, "MCID", mcid);
  if (props->kind == ZT_PT_NAME) {
    char *name = g_strndup((const char *)lx->p + props->pos, props->len);
    qpdf_oh res = zt_qpdfx_get(q, page, "/Resources");
    qpdf_oh pr = zt_qpdfx_get(q, res, "/Properties");
    qpdf_oh d = zt_qpdfx_get(q, pr, name);
    long long v;
    bool yes = zt_qpdfx_int(q, d, "/MCID", &v);
    if (yes)
      *mcid = (long)v;
    qpdf_oh_release(q, d);
    qpdf_oh_release(q, pr);
    qpdf_oh_release(q, res);
    g_free(name);
    return yes;
  }
  return false;
}

/* The page's array in the ParentTree (MCID -> element), or null. */
static qpdf_oh page_elems(chk *c, qpdf_oh page) {
  long long sp;
  if (!zt_qpdfx_int(c->q, page, "/StructParents", &sp))
    return qpdf_oh_new_null(c->q);
  return zt_qpdfx_parent_tree_get(c->q, c->ptree, sp);
}

/* Whether the page's ParentTree array gives MCID `mcid` an element. */
static bool mcid_owned(qpdf_data q, qpdf_oh elems, int nelems, long mcid) {
  qpdf_oh e;
  bool yes;
  if (mcid < 0 || mcid >= nelems)
    return false;
  e = qpdf_oh_get_array_item(q, elems, (int)mcid);
  yes = qpdf_oh_is_dictionary(q, e);
  qpdf_oh_release(q, e);
  return yes;
}

static void check_content(chk *c, qpdf_oh page, int pageno) {
  qpdf_data q = c->q;
  unsigned char *data = NULL;
  size_t len = 0, untagged = 0, orphans = 0, nested = 0;
  char first[64] = "";
  GArray *stack = g_array_new(FALSE, FALSE, sizeof(mc));
  qpdf_oh elems = page_elems(c, page);
  int nelems = qpdf_oh_is_array(q, elems)
                   ? qpdf_oh_get_array_n_items(q, elems) : 0;
  zt_pdflex lx;
  zt_pdfop op;
  if (qpdf_oh_get_page_content_data(q, page, &data, &len) & QPDF_ERRORS) {
    add(c, "content-untagged", "page %d: the content cannot be read",
        pageno);
    zt_qpdfx_error(q, ZT_ERR_INPUT, NULL, "");
    g_array_free(stack, TRUE);
    qpdf_oh_release(q, elems);
    return;
  }
  zt_pdflex_init(&lx, data, len);
  while (zt_pdflex_op(&lx, &op)) {
    bool bdc = zt_pdftok_is(&lx, &op.op, "BDC");
    if (bdc || zt_pdftok_is(&lx, &op.op, "BMC")) {
      mc m = {false, false};
      long id;
      bool in_artifact = false, in_tagged = false;
      if (op.nargs >= 1)
        m.artifact = zt_pdftok_is(&lx, &op.args[bdc ? op.nargs - 2 : 0],
                                  "/Artifact");
      if (bdc && op.nargs >= 2 &&
          bdc_mcid(q, page, &lx, &op.args[op.nargs - 1], &id)) {
        m.mcid = true;
        if (!mcid_owned(q, elems, nelems, id))
          orphans++;
      }
      for (guint i = 0; i < stack->len; i++) {
        in_artifact = in_artifact || g_array_index(stack, mc, i).artifact;
        in_tagged = in_tagged || g_array_index(stack, mc, i).mcid;
      }
      if ((m.mcid && in_artifact) || (m.artifact && in_tagged))
        nested++;
      g_array_append_val(stack, m);
    } else if (zt_pdftok_is(&lx, &op.op, "EMC")) {
      if (stack->len == 0) {
        add(c, "content-untagged", "page %d: EMC without BDC/BMC at byte "
                                   "%zu", pageno, op.pos);
        break;
      }
      g_array_set_size(stack, stack->len - 1);
    } else if (zt_pdfop_paints(&lx, &op)) {
      bool ok = false;
      for (guint i = 0; i < stack->len && !ok; i++)
        ok = g_array_index(stack, mc, i).artifact ||
             g_array_index(stack, mc, i).mcid;
      if (!ok && untagged++ == 0)
        snprintf(first, sizeof first, "'%.*s' at byte %zu",
                 (int)(op.op.len < 8 ? op.op.len : 8),
                 (const char *)data + op.op.pos, op.op.pos);
    }
  }
  if (untagged)
    add(c, "content-untagged", "page %d: %zu painting operator%s outside "
                               "tagged or artifact content (first: %s)",
        pageno, untagged, untagged == 1 ? "" : "s", first);
  if (stack->len)
    add(c, "content-untagged", "page %d: %u marked-content sequence%s "
                               "not closed", pageno, stack->len,
        stack->len == 1 ? "" : "s");
  if (orphans)
    add(c, "mcid-orphan", "page %d: %zu marked-content sequence%s with an "
                          "MCID no structure element owns",
        pageno, orphans, orphans == 1 ? "" : "s");
  if (nested)
    add(c, "artifact-nesting", "page %d: %zu artifact%s mixed with tagged "
                               "content", pageno, nested,
        nested == 1 ? "" : "s");
  g_array_free(stack, TRUE);
  qpdf_oh_release(q, elems);
  free(data);
}

/* --- fonts --------------------------------------------------------------- */

static bool has_font_file(qpdf_data q, qpdf_oh font) {
  qpdf_oh fd = zt_qpdfx_get(q, font, "/FontDescriptor");
  bool yes = false;
  static const char *const keys[3] = {"/FontFile", "/FontFile2",
                                      "/FontFile3"};
  for (int i = 0; i < 3 && !yes; i++) {
    qpdf_oh f = zt_qpdfx_get(q, fd, keys[i]);
    yes = qpdf_oh_is_stream(q, f);
    qpdf_oh_release(q, f);
  }
  qpdf_oh_release(q, fd);
  return yes;
}

static char *font_name(qpdf_data q, qpdf_oh font) {
  qpdf_oh b = zt_qpdfx_get(q, font, "/BaseFont");
  char *s = g_strdup(qpdf_oh_is_name(q, b) ? qpdf_oh_get_name(q, b) + 1
                                           : "(unnamed)");
  qpdf_oh_release(q, b);
  return s;
}

static void check_font(chk *c, qpdf_oh font, int pageno) {
  qpdf_data q = c->q;
  bool embedded;
  char *name;
  qpdf_oh tu;
  if (qpdf_oh_is_indirect(q, font)) {
    gpointer id = GINT_TO_POINTER(qpdf_oh_get_object_id(q, font));
    if (g_hash_table_contains(c->fonts_seen, id))
      return;
    g_hash_table_add(c->fonts_seen, id);
  }
  if (!qpdf_oh_is_dictionary(q, font))
    return;
  name = font_name(q, font);
  if (zt_qpdfx_is_name(q, font, "/Subtype", "/Type3")) {
    embedded = true;   /* the glyphs are content streams in the file */
  } else if (zt_qpdfx_is_name(q, font, "/Subtype", "/Type0")) {
    qpdf_oh df = zt_qpdfx_get(q, font, "/DescendantFonts");
    qpdf_oh d0 = qpdf_oh_is_array(q, df) &&
                         qpdf_oh_get_array_n_items(q, df) > 0
                     ? qpdf_oh_get_array_item(q, df, 0)
                     : qpdf_oh_new_null(q);
    embedded = has_font_file(q, d0);
    qpdf_oh_release(q, d0);
    qpdf_oh_release(q, df);
  } else {
    embedded = has_font_file(q, font);
  }
  if (!embedded)
    add(c, "font-embedded", "page %d: font %s is not embedded", pageno,
        name);
  tu = zt_qpdfx_get(q, font, "/ToUnicode");
  if (!qpdf_oh_is_stream(q, tu))
    add(c, "font-unicode", "page %d: font %s has no ToUnicode map", pageno,
        name);
  qpdf_oh_release(q, tu);
  g_free(name);
}

/* Fonts of a resource dictionary and of the form XObjects it uses. */
static void check_resources(chk *c, qpdf_oh res, int pageno, int depth) {
  qpdf_data q = c->q;
  qpdf_oh fonts = zt_qpdfx_get(q, res, "/Font");
  qpdf_oh xobj = zt_qpdfx_get(q, res, "/XObject");
  GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
  if (qpdf_oh_is_dictionary(q, fonts)) {
    qpdf_oh_begin_dict_key_iter(q, fonts);
    while (qpdf_oh_dict_more_keys(q))
      g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
    for (guint i = 0; i < keys->len; i++) {
      qpdf_oh f = qpdf_oh_get_key(q, fonts, g_ptr_array_index(keys, i));
      check_font(c, f, pageno);
      qpdf_oh_release(q, f);
    }
  }
  g_ptr_array_set_size(keys, 0);
  if (depth < 8 && qpdf_oh_is_dictionary(q, xobj)) {
    qpdf_oh_begin_dict_key_iter(q, xobj);
    while (qpdf_oh_dict_more_keys(q))
      g_ptr_array_add(keys, g_strdup(qpdf_oh_dict_next_key(q)));
    for (guint i = 0; i < keys->len; i++) {
      qpdf_oh x = qpdf_oh_get_key(q, xobj, g_ptr_array_index(keys, i));
      gpointer id = GINT_TO_POINTER(-qpdf_oh_get_object_id(q, x) - 1);
      if (qpdf_oh_is_stream(q, x) &&
          zt_qpdfx_is_name(q, x, "/Subtype", "/Form") &&
          !g_hash_table_contains(c->fonts_seen, id)) {
        qpdf_oh r = zt_qpdfx_get(q, x, "/Resources");
        g_hash_table_add(c->fonts_seen, id);
        check_resources(c, r, pageno, depth + 1);
        qpdf_oh_release(q, r);
      }
      qpdf_oh_release(q, x);
    }
  }
  g_ptr_array_free(keys, TRUE);
  qpdf_oh_release(q, xobj);
  qpdf_oh_release(q, fonts);
}

/* --- annotations --------------------------------------------------------- */

static void check_annots(chk *c, qpdf_oh page, int pageno) {
  qpdf_data q = c->q;
  qpdf_oh annots = zt_qpdfx_get(q, page, "/Annots");
  int n = qpdf_oh_is_array(q, annots) ? qpdf_oh_get_array_n_items(q, annots)
                                      : 0;
  size_t no_contents = 0, untagged = 0;
  for (int i = 0; i < n; i++) {
    qpdf_oh a = qpdf_oh_get_array_item(q, annots, i);
    long long sp;
    if (zt_qpdfx_is_name(q, a, "/Subtype", "/Popup")) {
      qpdf_oh_release(q, a);
      continue;
    }
    if (!zt_qpdfx_int(q, a, "/StructParent", &sp)) {
      untagged++;
    } else {
      qpdf_oh e = zt_qpdfx_parent_tree_get(q, c->ptree, sp);
      if (!qpdf_oh_is_dictionary(q, e))
        untagged++;
      qpdf_oh_release(q, e);
    }
    if (zt_qpdfx_is_name(q, a, "/Subtype", "/Link") &&
        !nonempty_text(q, a, "/Contents"))
      no_contents++;
    qpdf_oh_release(q, a);
  }
  if (untagged)
    add(c, "annot-tagged", "page %d: %zu annotation%s without a structure "
                           "element (/StructParent)", pageno, untagged,
        untagged == 1 ? "" : "s");
  if (no_contents)
    add(c, "link-contents", "page %d: %zu link%s without /Contents",
        pageno, no_contents, no_contents == 1 ? "" : "s");
  if (n > 0 && !zt_qpdfx_is_name(q, page, "/Tabs", "/S"))
    add(c, "page-tabs", "page %d has annotations but no /Tabs /S", pageno);
  qpdf_oh_release(q, annots);
}

/* --- reading order ------------------------------------------------------- */

typedef struct heading {
  char *title;   /* normalised */
  int page;      /* 0-based, -1 when unknown */
} heading;

/* Collapse white space (any Unicode space) to one blank and drop soft
 * hyphens, so "1\u2002Samenvatting" matches "1 Samenvatting". */
static char *normalise(const char *s) {
  GString *g = g_string_new(NULL);
  bool sp = false;
  const char *p = s;
  if (!g_utf8_validate(s, -1, NULL))
    return g_string_free(g, FALSE);
  for (; *p; p += g_utf8_skip[*(const guchar *)p]) {
    gunichar u = g_utf8_get_char(p);
    if (u == 0xad)
      continue;
    if (g_unichar_isspace(u) || u == 0xa0 || (u >= 0x2000 && u <= 0x200b)) {
      sp = true;
      continue;
    }
    if (sp && g->len)
      g_string_append_c(g, ' ');
    sp = false;
    g_string_append_unichar(g, u);
  }
  return g_string_free(g, FALSE);
}

/* A named destination: the catalog's /Names /Dests name tree, or the
 * PDF 1.1 /Dests dictionary. */
static qpdf_oh name_tree_get(qpdf_data q, qpdf_oh node, const char *key,
                             int depth) {
  qpdf_oh names = zt_qpdfx_get(q, node, "/Names");
  qpdf_oh kids = zt_qpdfx_get(q, node, "/Kids");
  qpdf_oh found = qpdf_oh_new_null(q);
  bool have = false;
  if (qpdf_oh_is_array(q, names)) {
    int n = qpdf_oh_get_array_n_items(q, names);
    for (int i = 0; i + 1 < n && !have; i += 2) {
      qpdf_oh k = qpdf_oh_get_array_item(q, names, i);
      char *s = zt_qpdfx_text(q, k);
      if (s && strcmp(s, key) == 0) {
        qpdf_oh_release(q, found);
        found = qpdf_oh_get_array_item(q, names, i + 1);
        have = true;
      }
      g_free(s);
      qpdf_oh_release(q, k);
    }
  }
  if (!have && depth < 32 && qpdf_oh_is_array(q, kids)) {
    int n = qpdf_oh_get_array_n_items(q, kids);
    for (int i = 0; i < n && !have; i++) {
      qpdf_oh kid = qpdf_oh_get_array_item(q, kids, i);
      qpdf_oh r = name_tree_get(q, kid, key, depth + 1);
      if (!qpdf_oh_is_null(q, r)) {
        qpdf_oh_release(q, found);
        found = r;
        have = true;
      } else {
        qpdf_oh_release(q, r);
      }
      qpdf_oh_release(q, kid);
    }
  }
  qpdf_oh_release(q, names);
  qpdf_oh_release(q, kids);
  return found;
}

/* The 0-based page an outline item points at, or -1. */
static int dest_page(qpdf_data q, qpdf_oh root, qpdf_oh item) {
  qpdf_oh d = zt_qpdfx_get(q, item, "/Dest");
  int page = -1;
  if (qpdf_oh_is_null(q, d)) {
    qpdf_oh a = zt_qpdfx_get(q, item, "/A");
    qpdf_oh_release(q, d);
    d = zt_qpdfx_get(q, a, "/D");
    qpdf_oh_release(q, a);
  }
  if (qpdf_oh_is_string(q, d) || qpdf_oh_is_name(q, d)) {
    char *key = qpdf_oh_is_string(q, d)
                    ? zt_qpdfx_text(q, d)
                    : g_strdup(qpdf_oh_get_name(q, d) + 1);
    qpdf_oh names = zt_qpdfx_get(q, root, "/Names");
    qpdf_oh dests = zt_qpdfx_get(q, names, "/Dests");
    qpdf_oh r = name_tree_get(q, dests, key, 0);
    if (qpdf_oh_is_null(q, r)) {
      qpdf_oh old = zt_qpdfx_get(q, root, "/Dests");
      char *k = g_strdup_printf("/%s", key);
      qpdf_oh_release(q, r);
      r = zt_qpdfx_get(q, old, k);
      qpdf_oh_release(q, old);
      g_free(k);
    }
    if (qpdf_oh_is_dictionary(q, r)) {   /* << /D [...] >> */
      qpdf_oh dd = zt_qpdfx_get(q, r, "/D");
      qpdf_oh_release(q, r);
      r = dd;
    }
    qpdf_oh_release(q, d);
    d = r;
    qpdf_oh_release(q, dests);
    qpdf_oh_release(q, names);
    g_free(key);
  }
  if (qpdf_oh_is_array(q, d) && qpdf_oh_get_array_n_items(q, d) > 0) {
    qpdf_oh p = qpdf_oh_get_array_item(q, d, 0);
    if (qpdf_oh_is_dictionary(q, p))
      page = qpdf_find_page_by_oh(q, p);
    qpdf_oh_release(q, p);
  }
  qpdf_oh_release(q, d);
  return page;
}

static void collect_outline(qpdf_data q, qpdf_oh root, qpdf_oh first,
                            GArray *out, int depth) {
  qpdf_oh item = qpdf_oh_new_object(q, first);
  GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
  while (qpdf_oh_is_dictionary(q, item) && out->len < 10000) {
    qpdf_oh t = zt_qpdfx_get(q, item, "/Title");
    qpdf_oh kid = zt_qpdfx_get(q, item, "/First");
    qpdf_oh next = zt_qpdfx_get(q, item, "/Next");
    char *title = zt_qpdfx_text(q, t);
    gpointer id = GINT_TO_POINTER(qpdf_oh_get_object_id(q, item));
    if (g_hash_table_contains(seen, id)) {
      g_free(title);
      qpdf_oh_release(q, t);
      qpdf_oh_release(q, kid);
      qpdf_oh_release(q, next);
      break;
    }
    g_hash_table_add(seen, id);
    if (title) {
      heading h;
      h.title = normalise(title);
      h.page = dest_page(q, root, item);
      g_array_append_val(out, h);
    }
    g_free(title);
    if (depth < 16)
      collect_outline(q, root, kid, out, depth + 1);
    qpdf_oh_release(q, t);
    qpdf_oh_release(q, kid);
    qpdf_oh_release(q, item);
    item = next;
  }
  qpdf_oh_release(q, item);
  g_hash_table_destroy(seen);
}

static zt_status check_reading_order(chk *c, const char *path,
                                     const char *prog, zt_err *err) {
  qpdf_data q = c->q;
  qpdf_oh root = qpdf_get_root(q);
  qpdf_oh outlines = zt_qpdfx_get(q, root, "/Outlines");
  qpdf_oh first = zt_qpdfx_get(q, outlines, "/First");
  GArray *hs = g_array_new(FALSE, FALSE, sizeof(heading));
  gchar *out = NULL, **pages = NULL;
  gint status = 0;
  GError *ge = NULL;
  char *argv[7] = {g_strdup(prog ? prog : "pdftotext"), g_strdup("-raw"),
                   g_strdup("-enc"), g_strdup("UTF-8"), g_strdup(path),
                   g_strdup("-"), NULL};
  size_t npages = 0;
  int last_page = 0;
  const char *pos = NULL;
  zt_status st = ZT_OK;
  collect_outline(q, root, first, hs, 0);
  if (hs->len == 0) {
    add(c, "reading-order", "the document has no bookmarks to check the "
                            "reading order of its headings against");
    goto done;
  }
  if (!g_spawn_sync(NULL, argv, NULL,
                    G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                    NULL, &out, NULL, &status, &ge) ||
      !g_spawn_check_wait_status(status, NULL)) {
    st = zt_fail(err, ZT_ERR_IO, "%s: cannot run %s%s%s", path, argv[0],
                 ge ? ": " : "", ge ? ge->message : "");
    g_clear_error(&ge);
    goto done;
  }
  pages = g_strsplit(out, "\f", -1);
  for (size_t i = 0; pages[i]; i++) {
    char *n = normalise(pages[i]);
    g_free(pages[i]);
    pages[i] = n;
    npages++;
  }
  for (guint i = 0; i < hs->len; i++) {
    heading *h = &g_array_index(hs, heading, i);
    const char *hit;
    if (h->page < 0 || (size_t)h->page >= npages) {
      add(c, "reading-order", "bookmark \"%s\" points at no page",
          h->title);
      continue;
    }
    if (h->page < last_page) {
      add(c, "reading-order", "heading \"%s\" is on page %d, before the "
                              "heading bookmarked before it (page %d)",
          h->title, h->page + 1, last_page + 1);
      last_page = h->page;
      pos = NULL;
      continue;
    }
    if (h->page != last_page)
      pos = NULL;
    last_page = h->page;
    hit = strstr(pos ? pos : pages[h->page], h->title);
    if (!hit) {
      add(c, "reading-order", "heading \"%s\" is not in the text of page "
                              "%d %s", h->title, h->page + 1,
          pos && strstr(pages[h->page], h->title)
              ? "after the heading before it" : "at all");
      continue;
    }
    pos = hit + strlen(h->title);
  }
done:
  for (int i = 0; argv[i]; i++)
    g_free(argv[i]);
  for (guint i = 0; i < hs->len; i++)
    g_free(g_array_index(hs, heading, i).title);
  g_array_free(hs, TRUE);
  g_strfreev(pages);
  g_free(out);
  qpdf_oh_release(q, first);
  qpdf_oh_release(q, outlines);
  qpdf_oh_release(q, root);
  return st;
}

/* --- the whole check ----------------------------------------------------- */

zt_status zt_pdfcheck(const char *path, const zt_pdfcheck_opts *opts,
                      GPtrArray *findings, zt_err *err) {
  chk c;
  qpdf_oh root;
  int pages;
  zt_status st;
  memset(&c, 0, sizeof c);
  st = zt_qpdfx_open(path, &c.q, err);
  if (st)
    return st;
  c.out = findings;
  c.fonts_seen = g_hash_table_new(g_direct_hash, g_direct_equal);
  root = qpdf_get_root(c.q);
  c.tree = zt_qpdfx_get(c.q, root, "/StructTreeRoot");
  c.ptree = zt_qpdfx_get(c.q, c.tree, "/ParentTree");
  check_catalog(&c);
  if (qpdf_oh_is_dictionary(c.q, c.tree))
    zt_qpdfx_walk(c.q, c.tree, visit, &c);
  pages = qpdf_get_num_pages(c.q);
  if (pages < 0)
    st = zt_qpdfx_error(c.q, ZT_ERR_INPUT, err, path);
  for (int i = 0; i < pages; i++) {
    qpdf_oh page = qpdf_get_page_n(c.q, (size_t)i);
    qpdf_oh res = zt_qpdfx_get(c.q, page, "/Resources");
    check_content(&c, page, i + 1);
    check_resources(&c, res, i + 1, 0);
    check_annots(&c, page, i + 1);
    qpdf_oh_release(c.q, res);
    qpdf_oh_release(c.q, page);
  }
  if (!st && (!opts || opts->reading_order))
    st = check_reading_order(&c, path, opts ? opts->pdftotext : NULL, err);
  qpdf_oh_release(c.q, root);
  g_hash_table_destroy(c.fonts_seen);
  qpdf_cleanup(&c.q);
  return st;
}

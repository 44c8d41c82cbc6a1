/*
 * render/a11y.c -- the accessibility post-pass (a11y.h) with libqpdf's C
 * API: walks the structure tree in document order, pairs Figures, THs
 * and Links with the texts the PDF writer recorded, turns the footers
 * into artifacts in the page content, and writes catalog entries, XMP
 * metadata, a PDF 1.7 header and a deterministic /ID.
 */
#include "render/a11y.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "render/pdflex.h"
#include "render/qpdfx.h"

#define ARTIFACT_FOOTER \
  "/Artifact << /Type /Pagination /Subtype /Footer >> BDC"
#define ARTIFACT_LAYOUT "/Artifact << /Type /Layout >> BDC"

/* The marked content of a footer or a decoration: page object id, MCID,
 * and whether it is a footer. */
typedef struct furn_mc {
  int page;
  long long mcid;
  bool footer;
} furn_mc;

/* A NonStruct element to drop: its parent and its place in the parent's
 * /K. */
typedef struct drop {
  qpdf_oh parent;
  int parent_id;
  int index;
} drop;

typedef struct fix {
  const zt_pdf_a11y *a;
  size_t nfig, nth, nlink, nfurn, ndeco;
  long table_cols;       /* columns of the table being walked */
  GArray *remove;        /* drop: the NonStruct elements */
  GArray *mcs;           /* furn_mc */
  bool footer;           /* the element being collected is a footer */
  zt_status st;
  zt_err *err;
} fix;

static const char *nth_str(const GPtrArray *arr, size_t i) {
  return arr && i < arr->len ? g_ptr_array_index(arr, i) : NULL;
}

/* Cells in the widest row of a table: TH and TD children of the TRs
 * directly under it or under THead/TBody/TFoot. */
static long table_cols(qpdf_data q, qpdf_oh table, int depth) {
  qpdf_oh k = zt_qpdfx_get(q, table, "/K");
  long best = 0;
  int n = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_n_items(q, k) : 0;
  for (int i = 0; i < n; i++) {
    qpdf_oh kid = qpdf_oh_get_array_item(q, k, i);
    long c = 0;
    if (zt_qpdfx_is_name(q, kid, "/S", "/TR")) {
      qpdf_oh cells = zt_qpdfx_get(q, kid, "/K");
      int m = qpdf_oh_is_array(q, cells)
                  ? qpdf_oh_get_array_n_items(q, cells) : 0;
      for (int j = 0; j < m; j++) {
        qpdf_oh cell = qpdf_oh_get_array_item(q, cells, j);
        c += zt_qpdfx_is_name(q, cell, "/S", "/TH") ||
             zt_qpdfx_is_name(q, cell, "/S", "/TD");
        qpdf_oh_release(q, cell);
      }
      if (m == 0 && (zt_qpdfx_is_name(q, cells, "/S", "/TH") ||
                     zt_qpdfx_is_name(q, cells, "/S", "/TD")))
        c = 1;
      qpdf_oh_release(q, cells);
    } else if (depth == 0 && (zt_qpdfx_is_name(q, kid, "/S", "/THead") ||
                              zt_qpdfx_is_name(q, kid, "/S", "/TBody") ||
                              zt_qpdfx_is_name(q, kid, "/S", "/TFoot"))) {
      c = table_cols(q, kid, 1);
    }
    if (c > best)
      best = c;
    qpdf_oh_release(q, kid);
  }
  qpdf_oh_release(q, k);
  return best;
}

static void set_text(qpdf_data q, qpdf_oh dict, const char *key,
                     const char *utf8) {
  qpdf_oh s = qpdf_oh_new_unicode_string(q, utf8);
  qpdf_oh_replace_key(q, dict, key, s);
  qpdf_oh_release(q, s);
}

static void add_mc(qpdf_data q, long long mcid, qpdf_oh page, void *ud) {
  fix *f = ud;
  furn_mc m;
  m.page = qpdf_oh_is_indirect(q, page) ? qpdf_oh_get_object_id(q, page)
                                        : 0;
  m.mcid = mcid;
  m.footer = f->footer;
  g_array_append_val(f->mcs, m);
}

static bool mismatch(fix *f, const char *what, size_t have) {
  f->st = zt_fail(f->err, ZT_ERR_INTERNAL,
                  "accessibility pass: the PDF has more %s than the "
                  "renderer recorded (%zu)", what, have);
  return false;
}

static bool visit(qpdf_data q, const zt_qpdfx_elem *e, void *ud) {
  fix *f = ud;
  const zt_pdf_a11y *a = f->a;
  if (strcmp(e->type, "Table") == 0) {
    f->table_cols = table_cols(q, e->elem, 0);
  } else if (strcmp(e->type, "Figure") == 0) {
    const char *alt = nth_str(a->figure_alt, f->nfig);
    if (!alt)
      return mismatch(f, "figures", f->nfig);
    set_text(q, e->elem, "/Alt", alt);
    f->nfig++;
  } else if (strcmp(e->type, "TH") == 0) {
    const char *scope = nth_str(a->th_scope, f->nth);
    char *attr;
    qpdf_oh o;
    if (!scope)
      return mismatch(f, "table header cells", f->nth);
    /* PDF knows Row, Column and Both; a group heading that spans the
     * table is a row header spanning every column */
    if (strcmp(scope, "Rowgroup") == 0)
      attr = g_strdup_printf("<< /O /Table /Scope /Row /ColSpan %ld >>",
                             f->table_cols > 1 ? f->table_cols : 1);
    else
      attr = g_strdup_printf("<< /O /Table /Scope /%s >>",
                             strcmp(scope, "Row") == 0 ? "Row"
                             : strcmp(scope, "Both") == 0 ? "Both"
                                                          : "Column");
    o = qpdf_oh_parse(q, attr);
    qpdf_oh_replace_key(q, e->elem, "/A", o);
    qpdf_oh_release(q, o);
    g_free(attr);
    f->nth++;
  } else if (strcmp(e->type, "Link") == 0) {
    qpdf_oh k = zt_qpdfx_get(q, e->elem, "/K");
    int n = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_n_items(q, k) : 1;
    for (int i = 0; i < n; i++) {
      qpdf_oh item = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_item(q, k, i)
                                            : qpdf_oh_new_object(q, k);
      if (zt_qpdfx_is_name(q, item, "/Type", "/OBJR")) {
        qpdf_oh annot = zt_qpdfx_get(q, item, "/Obj");
        const char *desc = nth_str(a->link_desc, f->nlink);
        if (!desc) {
          qpdf_oh_release(q, annot);
          qpdf_oh_release(q, item);
          qpdf_oh_release(q, k);
          return mismatch(f, "links", f->nlink);
        }
        if (qpdf_oh_is_dictionary(q, annot))
          set_text(q, annot, "/Contents", desc);
        f->nlink++;
        qpdf_oh_release(q, annot);
      }
      qpdf_oh_release(q, item);
    }
    qpdf_oh_release(q, k);
  } else if (strcmp(e->type, "NonStruct") == 0) {
    /* a footer (directly under Document) or decoration: its content
     * becomes an artifact, the element leaves the tree */
    drop d;
    d.parent = qpdf_oh_new_object(q, e->parent);
    d.parent_id = qpdf_oh_get_object_id(q, e->parent);
    d.index = e->index;
    g_array_append_val(f->remove, d);
    f->footer = strcmp(e->parent_type, "Document") == 0;
    zt_qpdfx_mcids(q, e->elem, add_mc, f);
    if (f->footer)
      f->nfurn++;
    else
      f->ndeco++;
  }
  return true;
}

/* The footer or decoration (page, mcid) belongs to, or NULL. */
static const furn_mc *find_mc(const fix *f, int page, long mcid) {
  for (guint i = 0; i < f->mcs->len; i++) {
    const furn_mc *m = &g_array_index(f->mcs, furn_mc, i);
    if (m->page == page && m->mcid == mcid)
      return m;
  }
  return NULL;
}

/* Rewrite one content stream: the footers' BDC become artifact BDCs.
 * Adds the number replaced to *done. */
static zt_status rewrite_stream(qpdf_data q, fix *f, qpdf_oh stream,
                                int page, size_t *done) {
  unsigned char *data = NULL;
  size_t len = 0, last = 0, hits = 0;
  QPDF_BOOL filtered = QPDF_FALSE;
  zt_pdflex lx;
  zt_pdfop op;
  GString *out;
  if ((qpdf_oh_get_stream_data(q, stream, qpdf_dl_generalized, &filtered,
                               &data, &len) & QPDF_ERRORS) ||
      !filtered) {
    free(data);
    if (zt_qpdfx_error(q, ZT_ERR_INTERNAL, f->err, "page content") == ZT_OK)
      zt_fail(f->err, ZT_ERR_INTERNAL, "page content: cannot decode");
    return ZT_ERR_INTERNAL;
  }
  out = g_string_sized_new(len + 256);
  zt_pdflex_init(&lx, data, len);
  while (zt_pdflex_op(&lx, &op)) {
    long mcid;
    const furn_mc *m;
    if (!zt_pdftok_is(&lx, &op.op, "BDC") || op.nargs != 2 ||
        !zt_pdftok_is(&lx, &op.args[0], "/NonStruct") ||
        !zt_pdftok_dict_int(&lx, &op.args[1], "MCID", &mcid) ||
        !(m = find_mc(f, page, mcid)))
      continue;
    g_string_append_len(out, (const char *)data + last,
                        (gssize)(op.pos - last));
    g_string_append(out, m->footer ? ARTIFACT_FOOTER : ARTIFACT_LAYOUT);
    last = op.end;
    hits++;
  }
  if (hits) {
    qpdf_oh null1 = qpdf_oh_new_null(q), null2 = qpdf_oh_new_null(q);
    g_string_append_len(out, (const char *)data + last,
                        (gssize)(len - last));
    qpdf_oh_replace_stream_data(q, stream, (const unsigned char *)out->str,
                                out->len, null1, null2);
    qpdf_oh_release(q, null1);
    qpdf_oh_release(q, null2);
  }
  g_string_free(out, TRUE);
  free(data);
  *done += hits;
  return ZT_OK;
}

/* The footers of every page become artifacts; their ParentTree entries
 * become null. */
static zt_status make_artifacts(qpdf_data q, fix *f, qpdf_oh tree_root) {
  qpdf_oh ptree = zt_qpdfx_get(q, tree_root, "/ParentTree");
  int pages = qpdf_get_num_pages(q);
  size_t done = 0;
  zt_status st = ZT_OK;
  for (int i = 0; i < pages && !st; i++) {
    qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
    int id = qpdf_oh_get_object_id(q, page);
    bool any = false;
    for (guint k = 0; k < f->mcs->len; k++)
      any = any || g_array_index(f->mcs, furn_mc, k).page == id;
    if (any) {
      qpdf_oh c = zt_qpdfx_get(q, page, "/Contents");
      long long sp;
      if (qpdf_oh_is_stream(q, c)) {
        st = rewrite_stream(q, f, c, id, &done);
      } else if (qpdf_oh_is_array(q, c)) {
        int n = qpdf_oh_get_array_n_items(q, c);
        for (int j = 0; j < n && !st; j++) {
          qpdf_oh s = qpdf_oh_get_array_item(q, c, j);
          if (qpdf_oh_is_stream(q, s))
            st = rewrite_stream(q, f, s, id, &done);
          qpdf_oh_release(q, s);
        }
      }
      qpdf_oh_release(q, c);
      if (!st && zt_qpdfx_int(q, page, "/StructParents", &sp)) {
        qpdf_oh arr = zt_qpdfx_parent_tree_get(q, ptree, sp);
        int n = qpdf_oh_is_array(q, arr) ? qpdf_oh_get_array_n_items(q, arr)
                                         : 0;
        for (guint k = 0; k < f->mcs->len; k++) {
          const furn_mc *m = &g_array_index(f->mcs, furn_mc, k);
          if (m->page == id && m->mcid >= 0 && m->mcid < n) {
            qpdf_oh null = qpdf_oh_new_null(q);
            qpdf_oh_set_array_item(q, arr, (int)m->mcid, null);
            qpdf_oh_release(q, null);
          }
        }
        qpdf_oh_release(q, arr);
      }
    }
    qpdf_oh_release(q, page);
  }
  qpdf_oh_release(q, ptree);
  if (!st && done != f->mcs->len)
    st = zt_fail(f->err, ZT_ERR_INTERNAL,
                 "accessibility pass: %zu footer and decoration sequences "
                 "found in the page content, %u expected", done,
                 f->mcs->len);
  return st;
}

/* By parent, and within a parent the last index first. */
static int cmp_drop(const void *x, const void *y) {
  const drop *a = x, *b = y;
  if (a->parent_id != b->parent_id)
    return (a->parent_id > b->parent_id) - (a->parent_id < b->parent_id);
  return (a->index < b->index) - (a->index > b->index);
}

/* Drop the NonStruct elements from their parents' /K, each parent's last
 * index first so the others keep their places. */
static void drop_furniture(qpdf_data q, fix *f) {
  g_array_sort(f->remove, cmp_drop);
  for (guint i = 0; i < f->remove->len; i++) {
    const drop *d = &g_array_index(f->remove, drop, i);
    qpdf_oh k = zt_qpdfx_get(q, d->parent, "/K");
    if (d->index >= 0 && qpdf_oh_is_array(q, k)) {
      qpdf_oh_erase_item(q, k, d->index);
    } else if (d->index < 0) {
      qpdf_oh empty = qpdf_oh_new_array(q);
      qpdf_oh_replace_key(q, d->parent, "/K", empty);
      qpdf_oh_release(q, empty);
    }
    qpdf_oh_release(q, k);
  }
}

/* "D:20220904130500Z" (or cairo's "20220904130500Z") as XMP's
 * "2022-09-04T13:05:00Z"; NULL when the form is not recognised. */
static char *xmp_date(const char *pdf) {
  const char *s = pdf;
  if (!s)
    return NULL;
  if (s[0] == 'D' && s[1] == ':')
    s += 2;
  for (int i = 0; i < 14; i++)
    if (s[i] < '0' || s[i] > '9')
      return NULL;
  if (s[14] == 'Z' || s[14] == '\0')
    return g_strdup_printf("%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", s, s + 4,
                           s + 6, s + 8, s + 10, s + 12);
  if ((s[14] == '+' || s[14] == '-') && g_ascii_isdigit(s[15]) &&
      g_ascii_isdigit(s[16]) && s[17] == '\'' && g_ascii_isdigit(s[18]) &&
      g_ascii_isdigit(s[19]))
    return g_strdup_printf("%.4s-%.2s-%.2sT%.2s:%.2s:%.2s%c%.2s:%.2s", s,
                           s + 4, s + 6, s + 8, s + 10, s + 12, s[14],
                           s + 15, s + 18);
  return NULL;
}

/* The /Info text of `key` as UTF-8 ("" when absent). */
static char *info_text(qpdf_data q, qpdf_oh info, const char *key) {
  qpdf_oh v = zt_qpdfx_get(q, info, key);
  char *s = zt_qpdfx_text(q, v);
  qpdf_oh_release(q, v);
  return s ? s : g_strdup("");
}

/* Give the /Info dates their "D:" prefix; return the creation and
 * modification dates in XMP form (or NULL). */
static void fix_dates(qpdf_data q, qpdf_oh info, char **created,
                      char **modified) {
  static const char *const keys[2] = {"/CreationDate", "/ModDate"};
  for (int i = 0; i < 2; i++) {
    char *v = info_text(q, info, keys[i]);
    char **out = i ? modified : created;
    *out = xmp_date(v);
    if (*out && !(v[0] == 'D' && v[1] == ':')) {
      char *d = g_strdup_printf("D:%s", v);
      qpdf_oh s = qpdf_oh_new_string(q, d);
      qpdf_oh_replace_key(q, info, keys[i], s);
      qpdf_oh_release(q, s);
      g_free(d);
    }
    g_free(v);
  }
}

static void xml_el(GString *x, const char *name, const char *text) {
  char *e = g_markup_escape_text(text, -1);
  g_string_append_printf(x, "   <%s>%s</%s>\n", name, e, name);
  g_free(e);
}

static void xml_alt(GString *x, const char *name, const char *text) {
  char *e = g_markup_escape_text(text, -1);
  g_string_append_printf(x,
                         "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">"
                         "%s</rdf:li></rdf:Alt></%s>\n",
                         name, e, name);
  g_free(e);
}

/* The XMP packet: Dublin Core, PDF and XMP basics mirroring /Info, and
 * the PDF/UA identification schema. */
static char *xmp_packet(qpdf_data q, qpdf_oh info, const char *created,
                        const char *modified) {
  GString *x = g_string_new(NULL);
  char *title = info_text(q, info, "/Title");
  char *author = info_text(q, info, "/Author");
  char *subject = info_text(q, info, "/Subject");
  char *keywords = info_text(q, info, "/Keywords");
  char *creator = info_text(q, info, "/Creator");
  char *producer = info_text(q, info, "/Producer");
  g_string_append(x,
                  "<?xpacket begin=\"\xef\xbb\xbf\" "
                  "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                  "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                  " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/"
                  "22-rdf-syntax-ns#\">\n"
                  "  <rdf:Description rdf:about=\"\"\n"
                  "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                  "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
                  "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                  "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">"
                  "\n");
  xml_el(x, "dc:format", "application/pdf");
  xml_alt(x, "dc:title", title);
  if (*author) {
    char *e = g_markup_escape_text(author, -1);
    g_string_append_printf(x, "   <dc:creator><rdf:Seq><rdf:li>%s</rdf:li>"
                              "</rdf:Seq></dc:creator>\n", e);
    g_free(e);
  }
  if (*subject)
    xml_alt(x, "dc:description", subject);
  g_string_append(x, "   <dc:language><rdf:Bag><rdf:li>" ZT_A11Y_LANG
                     "</rdf:li></rdf:Bag></dc:language>\n");
  if (*keywords)
    xml_el(x, "pdf:Keywords", keywords);
  if (*producer)
    xml_el(x, "pdf:Producer", producer);
  if (*creator)
    xml_el(x, "xmp:CreatorTool", creator);
  if (created)
    xml_el(x, "xmp:CreateDate", created);
  if (modified) {
    xml_el(x, "xmp:ModifyDate", modified);
    xml_el(x, "xmp:MetadataDate", modified);
  }
  g_string_append(x, "   <pdfuaid:part>1</pdfuaid:part>\n"
                     "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n"
                     "<?xpacket end=\"w\"?>");
  g_free(title);
  g_free(author);
  g_free(subject);
  g_free(keywords);
  g_free(creator);
  g_free(producer);
  return g_string_free(x, FALSE);
}

/* Catalog entries, XMP and the /Info dates. */
static void fix_catalog(qpdf_data q) {
  qpdf_oh root = qpdf_get_root(q);
  qpdf_oh trailer = qpdf_get_trailer(q);
  qpdf_oh info = zt_qpdfx_get(q, trailer, "/Info");
  qpdf_oh o, s, d;
  char *created = NULL, *modified = NULL, *xmp;
  set_text(q, root, "/Lang", ZT_A11Y_LANG);
  o = zt_qpdfx_get(q, root, "/ViewerPreferences");
  if (!qpdf_oh_is_dictionary(q, o)) {
    qpdf_oh_release(q, o);
    o = qpdf_oh_new_dictionary(q);
    qpdf_oh_replace_key(q, root, "/ViewerPreferences", o);
  }
  d = qpdf_oh_new_bool(q, QPDF_TRUE);
  qpdf_oh_replace_key(q, o, "/DisplayDocTitle", d);
  qpdf_oh_release(q, d);
  qpdf_oh_release(q, o);
  o = qpdf_oh_parse(q, "<< /Marked true >>");
  qpdf_oh_replace_key(q, root, "/MarkInfo", o);
  qpdf_oh_release(q, o);
  if (qpdf_oh_is_dictionary(q, info))
    fix_dates(q, info, &created, &modified);
  xmp = xmp_packet(q, info, created, modified);
  s = qpdf_oh_new_stream(q);
  {
    qpdf_oh null1 = qpdf_oh_new_null(q), null2 = qpdf_oh_new_null(q);
    qpdf_oh_replace_stream_data(q, s, (const unsigned char *)xmp,
                                strlen(xmp), null1, null2);
    qpdf_oh_release(q, null1);
    qpdf_oh_release(q, null2);
  }
  d = qpdf_oh_get_dict(q, s);
  o = qpdf_oh_new_name(q, "/Metadata");
  qpdf_oh_replace_key(q, d, "/Type", o);
  qpdf_oh_release(q, o);
  o = qpdf_oh_new_name(q, "/XML");
  qpdf_oh_replace_key(q, d, "/Subtype", o);
  qpdf_oh_release(q, o);
  qpdf_oh_replace_key(q, root, "/Metadata", s);
  qpdf_oh_release(q, d);
  qpdf_oh_release(q, s);
  qpdf_oh_release(q, info);
  qpdf_oh_release(q, trailer);
  qpdf_oh_release(q, root);
  g_free(xmp);
  g_free(created);
  g_free(modified);
}

/* /Tabs /S on every page with annotations. */
static void fix_pages(qpdf_data q) {
  int pages = qpdf_get_num_pages(q);
  for (int i = 0; i < pages; i++) {
    qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
    qpdf_oh annots = zt_qpdfx_get(q, page, "/Annots");
    if (qpdf_oh_is_array(q, annots) &&
        qpdf_oh_get_array_n_items(q, annots) > 0) {
      qpdf_oh s = qpdf_oh_new_name(q, "/S");
      qpdf_oh_replace_key(q, page, "/Tabs", s);
      qpdf_oh_release(q, s);
    }
    qpdf_oh_release(q, annots);
    qpdf_oh_release(q, page);
  }
}

static zt_status check_counts(const fix *f, zt_err *err) {
  const zt_pdf_a11y *a = f->a;
  size_t want[5] = {a->figure_alt ? a->figure_alt->len : 0,
                    a->th_scope ? a->th_scope->len : 0,
                    a->link_desc ? a->link_desc->len : 0, a->furniture,
                    a->decoration};
  size_t have[5] = {f->nfig, f->nth, f->nlink, f->nfurn, f->ndeco};
  static const char *const what[5] = {"figures", "table header cells",
                                      "links", "footers", "decorations"};
  for (int i = 0; i < 5; i++)
    if (want[i] != have[i])
      return zt_fail(err, ZT_ERR_INTERNAL,
                     "accessibility pass: the PDF has %zu %s, the "
                     "renderer recorded %zu", have[i], what[i], want[i]);
  return ZT_OK;
}

zt_status zt_a11y_postpass(const char *in_path, const zt_pdf_a11y *a,
                           zt_buf *out, zt_err *err) {
  qpdf_data q = NULL;
  qpdf_oh root, tree;
  fix f;
  zt_status st = zt_qpdfx_open(in_path, &q, err);
  if (st)
    return st;
  memset(&f, 0, sizeof f);
  f.a = a;
  f.err = err;
  f.remove = g_array_new(FALSE, FALSE, sizeof(drop));
  f.mcs = g_array_new(FALSE, FALSE, sizeof(furn_mc));
  root = qpdf_get_root(q);
  tree = zt_qpdfx_get(q, root, "/StructTreeRoot");
  if (!qpdf_oh_is_dictionary(q, tree))
    st = zt_fail(err, ZT_ERR_INTERNAL, "%s: the PDF is not tagged",
                 in_path);
  if (!st) {
    zt_qpdfx_walk(q, tree, visit, &f);
    st = f.st;
  }
  if (!st)
    st = check_counts(&f, err);
  if (!st)
    st = make_artifacts(q, &f, tree);
  if (!st) {
    drop_furniture(q, &f);
    fix_catalog(q);
    fix_pages(q);
    st = zt_qpdfx_error(q, ZT_ERR_INTERNAL, err, "accessibility pass");
  }
  if (!st) {
    qpdf_init_write_memory(q);
    qpdf_set_deterministic_ID(q, QPDF_TRUE);
    qpdf_set_minimum_pdf_version(q, "1.7");
    qpdf_set_object_stream_mode(q, qpdf_o_generate);
    if (qpdf_write(q) & QPDF_ERRORS)
      st = zt_qpdfx_error(q, ZT_ERR_OUTPUT, err, "writing the PDF");
    else
      st = zt_qpdfx_error(q, ZT_ERR_INTERNAL, err, "writing the PDF");
  }
  if (!st &&
      zt_buf_append(out, qpdf_get_buffer(q), qpdf_get_buffer_length(q)))
    st = zt_fail(err, ZT_ERR_NOMEM, "accessibility pass: the PDF is too "
                 "large");
  for (guint i = 0; i < f.remove->len; i++)
    qpdf_oh_release(q, g_array_index(f.remove, drop, i).parent);
  g_array_free(f.remove, TRUE);
  g_array_free(f.mcs, TRUE);
  qpdf_cleanup(&q);
  return st;
}

/*
 * render/pdf.h -- the PDF writer: lays the document model out on A4 pages
 * with cairo + pango and writes a tagged PDF (Document, H1-H3, P, L/LI,
 * Table/TR/TH/TD, Figure, TOC/TOCI, Link) with metadata, bookmarks,
 * contents with page numbers and internal links, and fonts embedded.
 *
 * Layout is two passes: the first measures every block and assigns it to
 * pages (headings kept with what follows, tables broken between rows with
 * their header repeated, paragraphs between lines); the second draws, so
 * the contents page knows every page number.
 *
 * What cairo 1.16 cannot write (figure /Alt, link /Contents, /Lang,
 * table header /Scope, artifacts) is left to the libqpdf post-pass
 * (render/a11y.h); zt_pdf_a11y collects, in tag order, what that pass
 * needs. cairo 1.16 writes marked content only for leaf elements, so
 * everything drawn must be inside a leaf: content in its element,
 * decoration between table cells in a NonStruct leaf of its own.
 */
#ifndef ZT_PDF_H
#define ZT_PDF_H

#include <glib.h>
#include <stdio.h>

#include "core/err.h"
#include "render/doc.h"
#include "render/output.h"

/* Structure tag names: only PDF 1.7 standard types (an unknown name
 * corrupts cairo's structure tree without an error until finish). */
#define ZT_TAG_DOCUMENT "Document"
#define ZT_TAG_H1 "H1"
#define ZT_TAG_H2 "H2"
#define ZT_TAG_H3 "H3"
#define ZT_TAG_P "P"
#define ZT_TAG_L "L"
#define ZT_TAG_LI "LI"
#define ZT_TAG_LBL "Lbl"
#define ZT_TAG_LBODY "LBody"
#define ZT_TAG_TABLE "Table"
#define ZT_TAG_TR "TR"
#define ZT_TAG_TH "TH"
#define ZT_TAG_TD "TD"
#define ZT_TAG_CAPTION "Caption"
#define ZT_TAG_FIGURE "Figure"
#define ZT_TAG_TOC "TOC"
#define ZT_TAG_TOCI "TOCI"
#define ZT_TAG_FURNITURE "NonStruct"   /* page footers and decoration;
                                          see zt_pdf_a11y */

/* What the accessibility post-pass needs, in structure-tree order. */
typedef struct zt_pdf_a11y {
  GPtrArray *figure_alt;   /* char *: one per Figure element */
  GPtrArray *link_desc;    /* char *: one per Link annotation */
  GPtrArray *th_scope;     /* char *: "Column" or "Row", one per TH */
  size_t furniture;        /* NonStruct elements that are page furniture
                              (footers), to be re-marked as artifacts */
  size_t decoration;       /* NonStruct elements inside other elements:
                              table shading and rules, which cairo 1.16
                              cannot mark unless they have a leaf element
                              of their own; re-marked as layout
                              artifacts */
  int pages;
} zt_pdf_a11y;

void zt_pdf_a11y_init(zt_pdf_a11y *a);
void zt_pdf_a11y_free(zt_pdf_a11y *a);

/* Lay out and write `doc` as PDF to `fp`. The caller owns fp (normally a
 * zt_fileout temporary that is renamed only on ZT_OK). On return ZT_OK the
 * surface finished with CAIRO_STATUS_SUCCESS and every byte was written.
 * `a11y` (may be NULL) receives the post-pass lists. */
zt_status zt_pdf_write(const zt_doc *doc, FILE *fp, zt_pdf_a11y *a11y,
                       zt_err *err);

/* The writer table's row "pdf" (render/output.c): rapport.pdf with
 * the accessibility post-pass (render/a11y.h). */
zt_doc_write_fn zt_pdf_output;

#endif

/*
 * render/pdfcheck.h -- our own checker for the machine-checkable part of
 * PDF/UA-1 (ISO 14289-1, Matterhorn protocol) and of WCAG 2.1 for PDF,
 * because no PDF/UA validator is packaged for Debian.
 *
 * It reads a PDF with libqpdf and returns a list of findings, each with a
 * rule id (below) and a message naming the page or element. No finding
 * does not prove conformance: reading order beyond the headings, the
 * quality of alt texts, colour and contrast need a person (and once a
 * real validator such as veraPDF or PAC); see docs/accessibility.md.
 *
 * Rules (Matterhorn checkpoint in brackets):
 *   tagged             /MarkInfo /Marked true and a StructTreeRoot (01, 06)
 *   lang               the catalog's /Lang is set (11-006)
 *   title              /Info /Title and XMP dc:title are set (06-003/004)
 *   display-doc-title  /ViewerPreferences /DisplayDocTitle true (07-001)
 *   xmp                an XMP /Metadata stream with pdfuaid:part 1
 *                      (06-001, 06-002)
 *   content-untagged   a painting operator outside marked content with an
 *                      MCID or an /Artifact; unbalanced BDC/EMC (01-005)
 *   artifact-nesting   tagged content inside an artifact or the other way
 *                      round (01-002, 01-003)
 *   mcid-orphan        marked content whose MCID no structure element
 *                      owns (01-005)
 *   struct-type        a structure type that is not standard nor mapped
 *                      to one in the RoleMap (02-001)
 *   figure-alt         a Figure without a non-empty /Alt (13-004)
 *   heading-order      the first heading is not H1, or a level is skipped
 *                      (14-002, 14-003)
 *   table-headers      a Table without any TH (15)
 *   th-scope           a TH without a /Scope attribute (15-003)
 *   font-embedded      a font whose program is not embedded (31-001..009)
 *   font-unicode       a font without a ToUnicode map (31-027)
 *   annot-tagged       an annotation (not a Popup) without /StructParent,
 *                      or whose StructParent names no element (28-002,
 *                      28-011)
 *   link-contents      a Link annotation without /Contents (28-004,
 *                      WCAG PDF13)
 *   page-tabs          a page with annotations but no /Tabs /S (28-010)
 *   reading-order      the bookmarked headings do not appear in
 *                      pdftotext's text on their pages in outline order
 *                      (WCAG 1.3.2; needs poppler's pdftotext)
 */
#ifndef ZT_PDFCHECK_H
#define ZT_PDFCHECK_H

#include <glib.h>
#include <stdbool.h>

#include "core/err.h"

typedef struct zt_pdf_finding {
  const char *rule;   /* one of the rule ids above (static) */
  char *msg;          /* what and where */
} zt_pdf_finding;

typedef struct zt_pdfcheck_opts {
  /* run pdftotext for the reading-order rule (false: skip that rule) */
  bool reading_order;
  /* the pdftotext program; NULL for "pdftotext" on the PATH */
  const char *pdftotext;
} zt_pdfcheck_opts;

/* An empty list of findings (GPtrArray of zt_pdf_finding *; free it
 * with g_ptr_array_unref). */
GPtrArray *zt_pdfcheck_findings_new(void);

/* Check the PDF at `path` and append what is wrong to `findings`.
 * `opts` may be NULL (all rules, pdftotext from the PATH). Returns ZT_OK
 * when the file could be checked, whatever was found; ZT_ERR_INPUT when
 * it is no readable PDF, ZT_ERR_IO when pdftotext cannot be run. */
zt_status zt_pdfcheck(const char *path, const zt_pdfcheck_opts *opts,
                      GPtrArray *findings, zt_err *err);

/* The number of findings of `rule` in the list. */
size_t zt_pdfcheck_count(const GPtrArray *findings, const char *rule);

#endif

/*
 * render/a11y.h -- the accessibility post-pass: what cairo 1.16 cannot
 * write into a tagged PDF, added with libqpdf after the PDF is finished.
 *
 * The pass reads the PDF that render/pdf.c wrote and the lists it
 * recorded in structure-tree order (zt_pdf_a11y), and adds:
 *
 *   - catalog: /Lang, /ViewerPreferences /DisplayDocTitle true,
 *     /MarkInfo /Marked true, and an XMP /Metadata stream with dc:title,
 *     dc:creator, dc:description, dc:language, the dates, the creator
 *     tool and the PDF/UA identifier (pdfuaid:part 1);
 *   - /Alt on every Figure, /A << /O /Table /Scope ... >> on every TH,
 *     /Contents on every Link annotation, /Tabs /S on every page with
 *     annotations;
 *   - the page footers (NonStruct elements directly under Document) are
 *     turned into pagination artifacts: their marked-content sequence
 *     becomes /Artifact << /Type /Pagination /Subtype /Footer >> BDC and
 *     the element leaves the structure tree and the ParentTree; other
 *     NonStruct elements (table shading and rules) likewise become
 *     /Artifact << /Type /Layout >>;
 *   - /Info dates with the "D:" prefix cairo 1.16 leaves out;
 *   - a PDF 1.7 header and a deterministic /ID (a hash of the content),
 *     so the same input gives the same bytes.
 *
 * The counts must match: a Figure without a recorded alt text, or a text
 * with no Figure, is a renderer bug (ZT_ERR_INTERNAL), never guessed.
 */
#ifndef ZT_A11Y_H
#define ZT_A11Y_H

#include "core/buf.h"
#include "core/err.h"
#include "render/pdf.h"

/* The document language written to /Lang and dc:language. */
#define ZT_A11Y_LANG "nl-NL"

/* Post-process the PDF at `in_path` with the lists in `a` and append the
 * result to `out` (the file at in_path is only read). Returns
 * ZT_ERR_INPUT when qpdf cannot read the file, ZT_ERR_INTERNAL when the
 * PDF's structure does not match the lists, ZT_ERR_OUTPUT when qpdf
 * cannot write, ZT_ERR_NOMEM when `out` is full. */
zt_status zt_a11y_postpass(const char *in_path, const zt_pdf_a11y *a,
                           zt_buf *out, zt_err *err);

#endif

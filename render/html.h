/*
 * render/html.h -- the HTML writer: the same document model as one
 * self-contained, static HTML5 file: lang="nl", headings in order,
 * tables with <caption> and <th scope>, charts as inline SVG drawn by the
 * chart code through the SVG canvas (with <title> and <desc>, role="img"),
 * each followed by its data table; CSS inline, responsive and printable;
 * no scripts and no external requests.
 */
#ifndef ZT_HTML_H
#define ZT_HTML_H

#include "core/buf.h"
#include "core/err.h"
#include "render/doc.h"
#include "render/output.h"
#include "render/fonts.h"

/* Append the HTML of `doc` to `out`. `fonts` measures chart text (the
 * same measurements as the PDF); NULL makes a measuring-only set. */
zt_status zt_html_write(const zt_doc *doc, zt_fonts *fonts, zt_buf *out,
                        zt_err *err);

/* The writer table's row "html" (render/output.c): rapport.html. */
zt_doc_write_fn zt_html_output;

#endif

/*
 * render/qpdfx.h -- helpers around libqpdf's C API shared by the
 * accessibility post-pass (render/a11y.c) and the PDF checker
 * (render/pdfcheck.c): opening a file with qpdf's errors turned into a
 * zt_err, typed look-ups that never warn, text strings as UTF-8, and a
 * walk over the structure tree in document order.
 */
#ifndef ZT_QPDFX_H
#define ZT_QPDFX_H

#include <qpdf/qpdf-c.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"

/* Open `path` with qpdf (errors and warnings silenced, kept for
 * zt_qpdfx_error). On failure *q is cleaned up and NULL. */
zt_status zt_qpdfx_open(const char *path, qpdf_data *q, zt_err *err);

/* Fill err with qpdf's pending error (or its first warning) behind
 * `what`, and return `status`. Returns ZT_OK when qpdf has neither. */
zt_status zt_qpdfx_error(qpdf_data q, zt_status status, zt_err *err,
                         const char *what);

/* dict[key] when `oh` is a dictionary (or a stream's dictionary), else a
 * null object. */
qpdf_oh zt_qpdfx_get(qpdf_data q, qpdf_oh oh, const char *key);

/* Whether dict[key] is the name `name` (both with their slash). */
bool zt_qpdfx_is_name(qpdf_data q, qpdf_oh oh, const char *key,
                      const char *name);

/* A PDF text string as UTF-8 (caller frees with g_free), NULL when `oh`
 * is no string. */
char *zt_qpdfx_text(qpdf_data q, qpdf_oh oh);

/* Whether dict[key] is an integer; its value in *out. */
bool zt_qpdfx_int(qpdf_data q, qpdf_oh oh, const char *key, long long *out);

/* One structure element met by zt_qpdfx_walk. */
typedef struct zt_qpdfx_elem {
  qpdf_oh elem;        /* the StructElem dictionary */
  qpdf_oh parent;      /* its parent element (or the StructTreeRoot) */
  int index;           /* its position in the parent's /K array; -1 when
                          /K is the element itself */
  const char *type;    /* /S through the RoleMap, without the slash;
                          valid during the callback */
  const char *parent_type;   /* "" for the root */
  int depth;           /* 1 for the root's children */
} zt_qpdfx_elem;

/* Called for every element in document order (pre-order); return false
 * to stop the walk. */
typedef bool (*zt_qpdfx_visit)(qpdf_data q, const zt_qpdfx_elem *e,
                               void *ud);

/* Walk the structure tree under `root` (the StructTreeRoot). Elements met
 * twice (a cycle, a shared child) are visited once; nesting deeper than
 * 200 is not followed. Returns the number of elements visited. */
size_t zt_qpdfx_walk(qpdf_data q, qpdf_oh root, zt_qpdfx_visit visit,
                     void *ud);

/* The marked-content references of an element's /K: calls `mcr` with
 * the MCID and the page (the MCR's /Pg, else the element's). OBJRs and
 * child elements are skipped. */
void zt_qpdfx_mcids(qpdf_data q, qpdf_oh elem,
                    void (*mcr)(qpdf_data q, long long mcid, qpdf_oh page,
                                void *ud),
                    void *ud);

/* The array the ParentTree holds for key `n` (a page's /StructParents),
 * or a null object. Searches /Nums and /Kids (bounded). */
qpdf_oh zt_qpdfx_parent_tree_get(qpdf_data q, qpdf_oh parent_tree,
                                 long long n);

#endif

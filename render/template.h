/*
 * render/template.h -- report templates (XML files in templates/, read with
 * libxml2): loading, checking, and resolving into a document model.
 *
 * zt_template_load reads and checks the whole template (and the files it
 * includes) against the element table in template.c: unknown elements or
 * attributes, unknown indicator ids, malformed periods, breakdowns,
 * dimensions and placeholders are reported as "file:line: ..." with what
 * was expected, before anything is drawn. zt_doc_build (docbuild.c) then
 * resolves the template against one report input into a zt_doc.
 *
 * The template language is described in docs/templates.md.
 */
#ifndef ZT_TEMPLATE_H
#define ZT_TEMPLATE_H

#include <glib.h>
#include <libxml/tree.h>

#include "core/err.h"
#include "render/doc.h"
#include "render/report.h"

typedef struct zt_template {
  char *path;
  char *dir;             /* for relative includes */
  xmlDocPtr doc;
  GHashTable *xml_inc;   /* resolved path -> xmlDocPtr */
  GHashTable *txt_inc;   /* resolved path -> char * */
  char kind[16];         /* "halfjaar" or "jaar" */
} zt_template;

/* Read and check the template at `path`. ZT_ERR_INPUT with "file:line:
 * message" on any error; ZT_ERR_IO when it cannot be read. */
zt_status zt_template_load(const char *path, zt_template **out,
                           zt_err *err);
void zt_template_free(zt_template *t);

/* The resolved path of an include's href (caller frees). */
char *zt_template_include_path(const zt_template *t, const char *href);

/* Resolve the template for one report into a document model. Errors that
 * depend on the input (a half-year template for a year, a table without
 * an indicator) come back as ZT_ERR_INPUT with file and line. */
zt_status zt_doc_build(const zt_template *t, const zt_report_input *in,
                       zt_doc **out, zt_err *err);

/* --- shared by template.c and docbuild.c ---------------------------- */

/* Is `s` a period reference: current, prev, prev-N, year, year-N,
 * cohort, YYYY, YYYY-H1, YYYY-H2 (and trend when allow_trend)? */
bool zt_tpl_period_ref_ok(const char *s, bool allow_trend);
/* The node's attribute as a string owned by the tree's dictionary-free
 * copy (caller xmlFree()s), or NULL. */
char *zt_tpl_attr(xmlNodePtr n, const char *name);

#endif

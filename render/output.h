/*
 * render/output.h -- the writer table: every output a report folder can
 * hold, one row each, and the lookups `report --format`, `[report]
 * formats` and `export --format` go through.
 *
 * A row names the output ("pdf", as --format and [report] formats spell
 * it), its file in the report folder, what it is written from (the
 * rendered document, or the indicator table), and its writer: a
 * zt_doc_write_fn in its own render file (pdf.c, html.c, xlsx.c), or an
 * indicator-table writer of metrics/export.h (CSV, JSON). Help texts and
 * error messages list the names from the table. A set of outputs is a
 * bit mask: bit i is row i (zt_output_bit).
 */
#ifndef ZT_OUTPUT_H
#define ZT_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "metrics/export.h"
#include "render/doc.h"

struct zt_report_input;

/* What an output is written from. */
typedef enum zt_output_input {
  ZT_OUT_DOCUMENT,   /* the rendered report (the document model) */
  ZT_OUT_TABLE       /* the indicator table (metrics/export.h) */
} zt_output_input;

/* A document writer: write `doc`, rendered from `in`, to `path`
 * atomically (core/fileout.h, mode ZT_MODE_PUBLIC); ZT_ERR_OUTPUT with
 * the path when it fails (the previous file stays). */
typedef zt_status zt_doc_write_fn(const zt_doc *doc,
                                  const struct zt_report_input *in,
                                  const char *path, zt_err *err);

typedef struct zt_output {
  const char *name;           /* "pdf" */
  const char *file;           /* "rapport.pdf", "indicatoren.csv" */
  zt_output_input input;
  zt_doc_write_fn *write_doc;            /* ZT_OUT_DOCUMENT */
  const zt_export_writer *write_table;   /* ZT_OUT_TABLE */
  /* ZT_OUT_TABLE: the targets with their status beside the public
   * table, and the raw table in intern/ */
  const char *targets_file;   /* "doelen.csv" */
  const char *intern_file;    /* "indicatoren-intern.csv" */
} zt_output;

/* The table, in the order the help texts list it. */
extern const zt_output zt_outputs[];
extern const size_t zt_noutputs;

/* The row called `name`, or NULL. */
const zt_output *zt_output_find(const char *name);
/* The bit of row `name` (0 when there is none), and its file name (NULL
 * when there is none). */
unsigned zt_output_bit(const char *name);
const char *zt_output_file(const char *name);
/* The bits of every row written from `input`. */
unsigned zt_output_mask(zt_output_input input);

/* "pdf,html,csv" -> bits; ZT_ERR_USAGE naming the outputs there are for
 * an unknown name or an empty list. */
zt_status zt_outputs_parse(const char *list, unsigned *out, zt_err *err);
/* The indicator-table row called `name` (export --format); ZT_ERR_USAGE
 * naming those there are otherwise. NULL `name`: the first such row. */
zt_status zt_output_table_parse(const char *name, const zt_output **out,
                                zt_err *err);

/* The names of the rows written from `input` (any: `all`), joined by
 * `sep` and, before the last, `last_sep`; `first_mark` follows the
 * first ("csv (default) or json"). Caller frees (g_free). */
char *zt_output_names(bool all, zt_output_input input, const char *sep,
                      const char *last_sep, const char *first_mark);

#endif

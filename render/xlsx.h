/*
 * render/xlsx.h -- the report as an Excel workbook (rapport.xlsx).
 *
 * One sheet per table of the document model ("Tabel 1", ...), with the
 * table's caption, its header rows, its footnotes, and every number as a
 * real number with a Dutch-reading number format; hidden and missing
 * cells keep their display text ("< 5", "·", "–"). A last sheet,
 * "Indicatoren", holds the publishable indicator table: one row per
 * value, as the report folder's indicatoren.csv publishes it.
 *
 * The workbook publishes what the PDF publishes and nothing more: a
 * number is the one the report prints, at the precision it prints
 * (docs/report.md, "Excel").
 */
#ifndef ZT_XLSX_H
#define ZT_XLSX_H

#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "metrics/table.h"
#include "render/doc.h"
#include "render/output.h"

/* A row of the indicator sheet: the value a publication may carry, or
 * none (`has_value` false: the sheet shows the display text). */
typedef struct zt_xlsx_public {
  bool has_value;
  double value;        /* in the unit of the export (percent: 68.4) */
  bool has_n;
  int64_t n;
} zt_xlsx_public;

/* `v` as published: its value as the export prints it
 * (zt_ind_value_text: cents for money, the exact share) and its n. */
void zt_xlsx_public_of(const zt_ind_value *v, zt_xlsx_public *out);

/* How the caller publishes a value (NULL: hidden rows have no value, the
 * others their exact value and n). */
typedef void (*zt_xlsx_public_fn)(const zt_ind_value *v, void *ctx,
                                  zt_xlsx_public *out);

/* Write `doc` and the indicator table `ind` (may be NULL: no indicator
 * sheet) to the file `path`, which the caller has made (a temporary
 * file; core/fileout.h). Temporary files of the writer go to `tmpdir`.
 * ZT_ERR_OUTPUT when the workbook cannot be written. */
zt_status zt_xlsx_write(const zt_doc *doc, const zt_ind_table *ind,
                        zt_xlsx_public_fn pub, void *pub_ctx,
                        const char *path, const char *tmpdir, zt_err *err);

/* Read a number the way the report prints it ("1.234", "68,4%",
 * "€ −1.500", "145 dagen"): its value, the decimals shown, and what
 * stands before and after it. False for text that is not one number
 * ("< 5", "·", "2021–2022"). Exposed for the tests. */
typedef struct zt_xlsx_num {
  double value;          /* percent: the fraction (0.684) */
  int decimals;
  bool percent;
  bool euro;
  char suffix[24];       /* " dagen", "" */
} zt_xlsx_num;
bool zt_xlsx_parse_display(const char *s, zt_xlsx_num *out);

/* The writer table's row "xlsx" (render/output.c): rapport.xlsx with
 * the indicator sheet as a publication may carry it. */
zt_doc_write_fn zt_xlsx_output;

#endif

/*
 * render/report.c -- the renderer's entry point (report.h): template ->
 * document model -> PDF and HTML, each written atomically.
 */
#include "render/report.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/fileout.h"
#include "core/str.h"
#include "render/a11y.h"
#include "render/html.h"
#include "render/pdf.h"
#include "render/template.h"
#include "render/xlsx.h"

int64_t zt_report_epoch(void) {
  const char *s = getenv("SOURCE_DATE_EPOCH");
  uint64_t v;
  if (s && *s && zt_parse_u64(s, strlen(s), &v) == ZT_OK &&
      v < (uint64_t)32503680000ULL)   /* before the year 3000 */
    return (int64_t)v;
  return (int64_t)time(NULL);
}

void zt_report_cleanup(void) {
  /* Dropping pango's default font map frees its font and pattern caches.
   * FcFini() and cairo_debug_reset_static_data() are deliberately not
   * called: pango's font-loading thread may still hold references, and
   * both then abort on an assertion. What fontconfig keeps (its parsed
   * configuration) is suppressed in the leak checks of the tests. */
  pango_cairo_font_map_set_default(NULL);
}

/* The accessibility post-pass (render/a11y.h) on the finished PDF in
 * the temporary file: the result replaces the file's content. It runs
 * before the rename, so a failure leaves the previous report. */
static zt_status a11y_postpass(zt_fileout *fo, const zt_pdf_a11y *a,
                               zt_err *err) {
  zt_buf b;
  zt_status st;
  zt_buf_init(&b, 512u << 20);
  st = zt_a11y_postpass(fo->tmp, a, &b, err);
  if (!st) {
    rewind(fo->fp);
    if (ftruncate(fileno(fo->fp), 0) != 0 ||
        fwrite(b.data, 1, b.len, fo->fp) != b.len || fflush(fo->fp) != 0)
      st = zt_fail(err, ZT_ERR_OUTPUT, "cannot write %s", fo->tmp);
  }
  zt_buf_free(&b);
  return st;
}

static zt_status write_pdf(const zt_doc *doc, const char *path,
                           zt_err *err) {
  zt_fileout fo;
  zt_pdf_a11y a11y;
  zt_status st = zt_fileout_open(&fo, path, ZT_MODE_PUBLIC, err);
  if (st)
    return st;
  zt_pdf_a11y_init(&a11y);
  st = zt_pdf_write(doc, fo.fp, &a11y, err);
  if (!st && fflush(fo.fp) != 0)
    st = zt_fail(err, ZT_ERR_OUTPUT, "cannot write %s", path);
  if (!st)
    st = a11y_postpass(&fo, &a11y, err);
  if (st) {
    zt_fileout_abort(&fo);
    zt_err_prefix(err, "%s", path);
  } else {
    st = zt_fileout_commit(&fo, err);
  }
  zt_pdf_a11y_free(&a11y);
  return st;
}

static zt_status write_html(const zt_doc *doc, const char *path,
                            zt_err *err) {
  zt_buf b;
  zt_status st;
  zt_buf_init(&b, 256u << 20);
  st = zt_html_write(doc, NULL, &b, err);
  if (!st)
    st = zt_write_file_atomic(path, b.data ? b.data : "", b.len,
                              ZT_MODE_PUBLIC, err);
  else
    zt_err_prefix(err, "%s", path);
  zt_buf_free(&b);
  return st;
}

/* A row of the indicator sheet as the report folder's indicatoren.csv
 * publishes it (metrics/suppress.h), with the number the CSV prints. */
typedef struct xlsx_ctx {
  const zt_report_input *in;
} xlsx_ctx;

static void xlsx_public(const zt_ind_value *v, void *ctx,
                        zt_xlsx_public *out) {
  const zt_report_input *in = ((const xlsx_ctx *)ctx)->in;
  zt_ind_value pv;
  memset(out, 0, sizeof *out);
  if (!zt_supp_public(in->ind, v, in->suppression, &pv))
    return;
  zt_xlsx_public_of(&pv, out);
}

static zt_status write_xlsx(const zt_doc *doc, const zt_report_input *in,
                            const char *path, zt_err *err) {
  zt_fileout fo;
  char *dir;
  xlsx_ctx ctx = {in};
  zt_status st = zt_fileout_open(&fo, path, ZT_MODE_PUBLIC, err);
  if (st)
    return st;
  if (fo.direct) {
    zt_fileout_abort(&fo);
    return zt_fail(err, ZT_ERR_OUTPUT, "%s: a workbook is written to a "
                   "file, not to a pipe or device", path);
  }
  /* libxlsxwriter writes the temporary file by its name; its own
   * scratch files go beside it */
  dir = g_path_get_dirname(path);
  st = zt_xlsx_write(doc, in->ind, xlsx_public, &ctx, fo.tmp, dir, err);
  g_free(dir);
  if (st) {
    zt_fileout_abort(&fo);
    zt_err_prefix(err, "%s", path);
    return st;
  }
  return zt_fileout_commit(&fo, err);
}

/* The writer table: one row per output format of the rendered report. */
typedef struct writer {
  unsigned bit;
  const char *name;
  zt_status (*write)(const zt_doc *doc, const zt_report_input *in,
                     const char *path, zt_err *err);
} writer;

static zt_status pdf_row(const zt_doc *doc, const zt_report_input *in,
                         const char *path, zt_err *err) {
  (void)in;
  return write_pdf(doc, path, err);
}

static zt_status html_row(const zt_doc *doc, const zt_report_input *in,
                          const char *path, zt_err *err) {
  (void)in;
  return write_html(doc, path, err);
}

static const writer writers[] = {
  {ZT_REPORT_PDF, ZT_REPORT_PDF_NAME, pdf_row},
  {ZT_REPORT_HTML, ZT_REPORT_HTML_NAME, html_row},
  {ZT_REPORT_XLSX, ZT_REPORT_XLSX_NAME, write_xlsx},
};

zt_status zt_report_render(const zt_report_input *in,
                           const char *template_path, const char *out_dir,
                           unsigned formats, zt_err *err) {
  zt_template *t = NULL;
  zt_doc *doc = NULL;
  zt_status st;
  if (!in || !in->ind || !template_path || !out_dir)
    return zt_fail(err, ZT_ERR_USAGE, "report: missing input");
  /* everything that can be wrong with the template is found here, before
   * any output is touched */
  st = zt_template_load(template_path, &t, err);
  if (!st)
    st = zt_doc_build(t, in, &doc, err);
  zt_template_free(t);
  if (st)
    return st;
  st = zt_mkdirs(out_dir, err);
  for (size_t i = 0; i < sizeof writers / sizeof writers[0] && !st; i++) {
    char *path;
    if (!(formats & writers[i].bit))
      continue;
    path = g_build_filename(out_dir, writers[i].name, NULL);
    st = writers[i].write(doc, in, path, err);
    g_free(path);
  }
  zt_doc_free(doc);
  return st;
}

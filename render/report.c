/*
 * render/report.c -- the renderer's entry point (report.h): template ->
 * document model -> the document rows of the writer table
 * (render/output.c), each written atomically.
 */
#include "render/report.h"

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/fileout.h"
#include "core/str.h"
#include "render/output.h"
#include "render/template.h"

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
  for (size_t i = 0; i < zt_noutputs && !st; i++) {
    const zt_output *o = &zt_outputs[i];
    char *path;
    if (o->input != ZT_OUT_DOCUMENT || !(formats & 1u << i))
      continue;
    path = g_build_filename(out_dir, o->file, NULL);
    st = o->write_doc(doc, in, path, err);
    g_free(path);
  }
  zt_doc_free(doc);
  return st;
}

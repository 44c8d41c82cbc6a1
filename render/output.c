/*
 * render/output.c -- the writer table (output.h): one row per output a
 * report folder can hold. Adding an output is its writer (one file) and
 * one row here.
 */
#include "render/output.h"

#include <glib.h>
#include <string.h>

#include "render/html.h"
#include "render/pdf.h"
#include "render/xlsx.h"

const zt_output zt_outputs[] = {
    {"pdf", "rapport.pdf", ZT_OUT_DOCUMENT, zt_pdf_output, NULL, NULL,
     NULL},
    {"html", "rapport.html", ZT_OUT_DOCUMENT, zt_html_output, NULL, NULL,
     NULL},
    {"xlsx", "rapport.xlsx", ZT_OUT_DOCUMENT, zt_xlsx_output, NULL, NULL,
     NULL},
    {"csv", "indicatoren.csv", ZT_OUT_TABLE, NULL, &zt_export_csv_writer,
     "doelen.csv", "indicatoren-intern.csv"},
    {"json", "indicatoren.json", ZT_OUT_TABLE, NULL, &zt_export_json_writer,
     "doelen.json", "indicatoren-intern.json"},
};
const size_t zt_noutputs = sizeof zt_outputs / sizeof zt_outputs[0];

_Static_assert(sizeof zt_outputs / sizeof zt_outputs[0] <= 32,
               "an output set is a bit mask in an unsigned");

const zt_output *zt_output_find(const char *name) {
  for (size_t i = 0; name && i < zt_noutputs; i++)
    if (strcmp(zt_outputs[i].name, name) == 0)
      return &zt_outputs[i];
  return NULL;
}

unsigned zt_output_bit(const char *name) {
  const zt_output *o = zt_output_find(name);
  return o ? 1u << (o - zt_outputs) : 0;
}

const char *zt_output_file(const char *name) {
  const zt_output *o = zt_output_find(name);
  return o ? o->file : NULL;
}

unsigned zt_output_mask(zt_output_input input) {
  unsigned m = 0;
  for (size_t i = 0; i < zt_noutputs; i++)
    if (zt_outputs[i].input == input)
      m |= 1u << i;
  return m;
}

char *zt_output_names(bool all, zt_output_input input, const char *sep,
                      const char *last_sep, const char *first_mark) {
  GString *s = g_string_new(NULL);
  size_t n = 0, k = 0;
  for (size_t i = 0; i < zt_noutputs; i++)
    n += all || zt_outputs[i].input == input;
  for (size_t i = 0; i < zt_noutputs; i++) {
    if (!all && zt_outputs[i].input != input)
      continue;
    if (k)
      g_string_append(s, k + 1 == n ? last_sep : sep);
    g_string_append(s, zt_outputs[i].name);
    if (!k)
      g_string_append(s, first_mark);
    k++;
  }
  return g_string_free(s, FALSE);
}

zt_status zt_outputs_parse(const char *list, unsigned *out, zt_err *err) {
  gchar **parts = g_strsplit(list, ",", -1);
  zt_status st = ZT_OK;
  *out = 0;
  for (size_t i = 0; parts[i] && !st; i++) {
    const char *p = g_strstrip(parts[i]);
    unsigned bit = zt_output_bit(p);
    if (bit) {
      *out |= bit;
    } else if (*p) {
      char *names = zt_output_names(true, ZT_OUT_DOCUMENT, ", ", " or ",
                                    "");
      st = zt_fail(err, ZT_ERR_USAGE, "format '%s': expected %s", p,
                   names);
      g_free(names);
    }
  }
  g_strfreev(parts);
  if (!st && !*out)
    st = zt_fail(err, ZT_ERR_USAGE, "no output format given");
  return st;
}

zt_status zt_output_table_parse(const char *name, const zt_output **out,
                                zt_err *err) {
  for (size_t i = 0; i < zt_noutputs; i++)
    if (zt_outputs[i].input == ZT_OUT_TABLE &&
        (!name || strcmp(zt_outputs[i].name, name) == 0)) {
      *out = &zt_outputs[i];
      return ZT_OK;
    }
  {
    char *names = zt_output_names(false, ZT_OUT_TABLE, ", ", " or ", "");
    zt_status st = zt_fail(err, ZT_ERR_USAGE, "export format '%s': "
                           "expected %s", name ? name : "", names);
    g_free(names);
    return st;
  }
}

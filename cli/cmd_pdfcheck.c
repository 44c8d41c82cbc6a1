/*
 * cli/cmd_pdfcheck.c -- `zothuis pdfcheck FILE...`: a hidden command (not
 * in --help) that runs the PDF/UA and WCAG checker of render/pdfcheck.h
 * on PDF files, for the end-to-end tests and for people who want to see
 * why a PDF fails. Prints one line per finding ("FILE: rule: message")
 * and a summary; exit 0 when nothing was found, 2 when something was.
 */
#include <glib.h>
#include <stdio.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "render/pdfcheck.h"

int zt_cmd_pdfcheck(const zt_globals *g, int argc, char **argv) {
  gboolean no_order = FALSE;
  GOptionEntry entries[] = {
      {"no-reading-order", 0, 0, G_OPTION_ARG_NONE, &no_order,
       "skip the reading-order rule (needs pdftotext)", NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  zt_pdfcheck_opts opts = {true, NULL};
  size_t total = 0;
  int rc = ZT_EXIT_OK;
  (void)g;
  if (!zt_parse_options(&argc, &argv, "FILE...",
                        "Check PDF files against the machine-checkable "
                        "rules of PDF/UA-1 and WCAG 2.1.",
                        entries))
    return ZT_EXIT_USAGE;
  if (argc < 2) {
    fprintf(stderr, "zothuis pdfcheck: no file given\n");
    return ZT_EXIT_USAGE;
  }
  opts.reading_order = !no_order;
  for (int i = 1; i < argc; i++) {
    GPtrArray *f = zt_pdfcheck_findings_new();
    zt_err err;
    zt_err_clear(&err);
    if (zt_pdfcheck(argv[i], &opts, f, &err) != ZT_OK) {
      int code = zt_report_error(&err);
      if (rc == ZT_EXIT_OK || code > rc)
        rc = code;
    }
    for (guint k = 0; k < f->len; k++) {
      const zt_pdf_finding *x = g_ptr_array_index(f, k);
      printf("%s: %s: %s\n", argv[i], x->rule, x->msg);
    }
    total += f->len;
    if (f->len && rc == ZT_EXIT_OK)
      rc = ZT_EXIT_INPUT;
    g_ptr_array_unref(f);
  }
  printf("%zu finding%s in %d file%s\n", total, total == 1 ? "" : "s",
         argc - 1, argc == 2 ? "" : "s");
  return rc;
}

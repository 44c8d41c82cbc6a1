/*
 * bench/floor_render.c -- how long the report takes to render
 * (docs/quality.md: the region's half-year report, PDF and HTML together,
 * in <= 0.5 s).
 *
 *   floor_render CONFIG PERIOD [RUNS [OUTDIR]]
 *
 * Loads the configuration and the store it names (e.g. the demo region's
 * out/demo-regio/zothuis.ini after `zothuis demo`), computes the
 * indicator table and the report input once (timed apart), then renders
 * the report RUNS times (default 5) into OUTDIR (default a temporary
 * folder, removed afterwards): PDF and HTML together, then each alone.
 * The first render also loads fonts and hyphenation patterns; it is
 * reported apart and left out of the means. Output:
 *
 *   floor_render: prepare 0.81 s (compute + steering tables)
 *   floor_render: first render (PDF+HTML, cold) 0.52 s
 *   floor_render: PDF+HTML mean 0.31 s, min 0.30 s over 5 runs (PDF
 *                 512345 bytes)
 *   floor_render: PDF mean 0.28 s, HTML mean 0.03 s
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/reporting.h"
#include "core/str.h"
#include "etl/store.h"
#include "render/output.h"
#include "render/report.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Render `formats` once; seconds, or -1 on an error (printed). */
static double render_once(const zt_report_prep *rp, const char *dir,
                          unsigned formats) {
  zt_err err;
  double t0 = now();
  if (zt_report_render(&rp->in, rp->template_path, dir, formats, &err)) {
    fprintf(stderr, "floor_render: %s\n", err.msg);
    return -1;
  }
  return now() - t0;
}

/* The size of the PDF written, in bytes (-1 when missing). */
static long pdf_bytes(const char *dir) {
  char *path = g_build_filename(dir, zt_output_file("pdf"), NULL);
  GStatBuf st;
  long n = g_stat(path, &st) == 0 ? (long)st.st_size : -1;
  g_free(path);
  return n;
}

int main(int argc, char **argv) {
  zt_globals g;
  zt_config cfg;
  zt_refdata *rd = NULL;
  zt_store *store = NULL;
  zt_report_prep rp;
  zt_period p;
  zt_day peil;
  zt_err err;
  char *dir = NULL;
  bool own_dir = false;
  long runs = 5;
  double t0, sum = 0, min = 1e9, pdf = 0, html = 0, first;
  int rc = 1;

  if (argc < 3 || argc > 5) {
    fprintf(stderr, "usage: floor_render CONFIG PERIOD [RUNS [OUTDIR]]\n");
    return 1;
  }
  if (argc >= 4 && (zt_parse_int(argv[3], 1, 1000, &runs) != ZT_OK)) {
    fprintf(stderr, "floor_render: RUNS must be 1..1000\n");
    return 1;
  }
  memset(&g, 0, sizeof g);
  memset(&rp, 0, sizeof rp);
  g.config = argv[1];
  zt_config_defaults(&cfg);
  zt_config_free(&cfg);
  if (zt_parse_period_args(argv[2], NULL, &p, &peil, &err) ||
      zt_cli_config(&g, &cfg, &err) || zt_cli_refdata(&cfg, &rd, &err) ||
      zt_store_open(&store, cfg.store_path, ZT_STORE_USE, &err)) {
    fprintf(stderr, "floor_render: %s\n", err.msg);
    goto done;
  }
  if (argc == 5) {
    dir = g_strdup(argv[4]);
  } else {
    dir = g_dir_make_tmp("zt-render-XXXXXX", NULL);
    own_dir = dir != NULL;
  }
  if (!dir) {
    fprintf(stderr, "floor_render: cannot make a temporary folder\n");
    goto done;
  }

  t0 = now();
  if (zt_report_prepare(&cfg, rd, store, &p, peil, NULL, true, &rp, &err)) {
    fprintf(stderr, "floor_render: %s\n", err.msg);
    goto done;
  }
  printf("floor_render: prepare %.2f s (compute + steering tables)\n",
         now() - t0);

  first = render_once(&rp, dir, zt_output_bit("pdf") | zt_output_bit("html"));
  if (first < 0)
    goto done;
  printf("floor_render: first render (PDF+HTML, cold) %.3f s\n", first);
  for (long i = 0; i < runs; i++) {
    double t = render_once(&rp, dir,
                           zt_output_bit("pdf") | zt_output_bit("html"));
    if (t < 0)
      goto done;
    sum += t;
    if (t < min)
      min = t;
  }
  for (long i = 0; i < runs; i++) {
    double a = render_once(&rp, dir, zt_output_bit("pdf"));
    double b = a < 0 ? -1 : render_once(&rp, dir, zt_output_bit("html"));
    if (a < 0 || b < 0)
      goto done;
    pdf += a;
    html += b;
  }
  printf("floor_render: PDF+HTML mean %.3f s, min %.3f s over %ld runs "
         "(PDF %ld bytes)\n",
         sum / (double)runs, min, runs, pdf_bytes(dir));
  printf("floor_render: PDF mean %.3f s, HTML mean %.3f s\n",
         pdf / (double)runs, html / (double)runs);
  rc = 0;
done:
  if (own_dir) {
    char *f1 = g_build_filename(dir, zt_output_file("pdf"), NULL);
    char *f2 = g_build_filename(dir, zt_output_file("html"), NULL);
    g_remove(f1);
    g_remove(f2);
    g_rmdir(dir);
    g_free(f1);
    g_free(f2);
  }
  g_free(dir);
  zt_report_prep_free(&rp);
  zt_store_close(store);
  zt_refdata_free(rd);
  zt_config_free(&cfg);
  zt_report_cleanup();
  return rc;
}

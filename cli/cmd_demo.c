/*
 * cli/cmd_demo.c -- `zothuis demo`: generate a synthetic region
 * (fixtures/gen), ingest it through the real readers, and write its
 * half-year and annual reports. The main job of the README.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/ingestrun.h"
#include "cli/options.h"
#include "cli/reporting.h"
#include "core/fileout.h"
#include "core/lock.h"
#include "core/log.h"
#include "core/str.h"
#include "fixtures/gen/gen.h"
#include "render/report.h"

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Remove a demo region an earlier run generated (recognised by the first
 * line of its configuration), so the demo can run again. Anything else is
 * left alone. */
static zt_status clear_old_region(const char *dir, zt_err *err) {
  char *ini = g_build_filename(dir, "zothuis.ini", NULL);
  char *text = NULL;
  zt_status st = ZT_OK;
  if (g_file_get_contents(ini, &text, NULL, NULL)) {
    if (g_str_has_prefix(text, "# zothuis configuration of the demo region")) {
      char *q = g_shell_quote(dir);
      char *cmd = g_strdup_printf("rm -rf %s", q);
      int rc = system(cmd);
      if (rc != 0)
        st = zt_fail(err, ZT_ERR_OUTPUT, "cannot remove the old demo region "
                     "%s", dir);
      g_free(cmd);
      g_free(q);
    } else {
      st = zt_fail(err, ZT_ERR_USAGE, "%s holds a zothuis.ini that the demo "
                   "did not write; choose another --out", dir);
    }
  }
  g_free(text);
  g_free(ini);
  return st;
}

int zt_cmd_demo(const zt_globals *g, int argc, char **argv) {
  char *out = NULL;
  gint64 seed = 1;
  gint clients = G_MININT;         /* not given */
  GOptionEntry entries[] = {
      {"out", 0, 0, G_OPTION_ARG_FILENAME, &out,
       "folder for the region and its reports (default: out)", "DIR"},
      {"seed", 0, 0, G_OPTION_ARG_INT64, &seed,
       "generator seed: the same seed gives the same region (default 1)",
       "N"},
      {"clients", 0, 0, G_OPTION_ARG_INT, &clients,
       "children in care per year, 10 to 1000000 (default 10000)", "N"},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  zt_gen_opts go;
  zt_gen_stats gs;
  zt_config cfg;
  zt_refdata *rd = NULL;
  zt_pseudonymizer *ps = NULL;
  zt_store *store = NULL;
  zt_lock lock = {-1};
  zt_ingest_run run = {0}, ref = {0};
  zt_ingest_cli ic;
  zt_err err;
  char *region = NULL, *ini = NULL, *dir_h = NULL, *dir_y = NULL;
  double t0 = seconds(), t1, t2;
  int64_t locked = 0;
  bool created;
  int rc = ZT_EXIT_OK;

  zt_err_clear(&err);
  zt_config_defaults(&cfg);
  if (!zt_parse_options(&argc, &argv, "",
                        "Generate a synthetic youth-care region (Gooi en "
                        "Vechtstreek, six municipalities and Weesp until its "
                        "merger), ingest it and write its reports.",
                        entries)) {
    rc = ZT_EXIT_USAGE;
    goto done;
  }
  if (clients != G_MININT && (clients < 10 || clients > 1000000)) {
    fprintf(stderr, "zothuis demo: --clients %d: expected 10 to 1000000\n",
            clients);
    rc = ZT_EXIT_USAGE;
    goto done;
  }
  if (!out)
    out = g_strdup("out");
  region = g_build_filename(out, "demo-regio", NULL);
  zt_gen_defaults(&go);
  go.seed = (uint64_t)seed;
  if (clients != G_MININT)
    go.clients_per_year = clients;
  if (clear_old_region(region, &err) ||
      zt_gen_region(&go, region, &gs, &err)) {
    rc = zt_report_error(&err);
    goto done;
  }
  t1 = seconds();
  printf("generated in %.2f s: %s: %ld children, %ld CSV lines, %ld JW323 "
         "lines, %ld "
         "assignments, %ld files (%ld deliberately bad lines, %ld bad "
         "files)\n",
         t1 - t0, region, gs.children, gs.decl_lines_csv, gs.decl_lines_xml,
         gs.assignments, gs.files, gs.bad_lines, gs.bad_files);

  /* The generated configuration, with the reports next to the region. */
  ini = g_build_filename(region, "zothuis.ini", NULL);
  zt_config_free(&cfg);
  {
    zt_globals dg = *g;
    dg.config = ini;
    dg.store = NULL;
    dg.key_file = NULL;
    if (zt_cli_config(&dg, &cfg, &err)) {
      rc = zt_report_error(&err);
      goto done;
    }
  }
  zt_config_set_str(&cfg.out_dir, out);
  if (zt_cli_refdata(&cfg, &rd, &err) ||
      zt_lock_take(&lock, cfg.store_path, true, cfg.lock_wait_seconds,
                   &err) ||
      zt_check_store_key(&cfg, &err) ||
      zt_store_open(&store, cfg.store_path, ZT_STORE_INIT, &err) ||
      zt_open_store_key(&cfg, store, ZT_KEY_CREATE | ZT_KEY_RECORD, &ps,
                        &created, &err)) {
    rc = zt_report_error(&err);
    goto done;
  }
  /* temporary files older than this are no other writer's (the lock) */
  locked = zt_file_clock_ns();

  /* Reference files first (the catalogue decides the care kinds), then
   * the inbox. Only files with problems get a line. */
  memset(&ic, 0, sizeof ic);
  ic.kind = ZT_KIND_AUTO;
  ic.progress = true;
  ic.print_files = true;
  ic.print_whole_only = true;   /* the bad lines are there on purpose */
  {
    const char *refs[3] = {cfg.product_codes, cfg.providers,
                           cfg.population};
    if (zt_run_ingest(store, &cfg, rd, ps, refs, 3, &ic, &ref, &err)) {
      rc = zt_report_error(&err);
      goto done;
    }
  }
  {
    char *rej = g_build_filename(out, "demo-regio", "ingest-rejects.csv",
                                 NULL);
    const char *inbox[1] = {cfg.inbox};
    ic.rejects_path = rej;
    if (zt_run_ingest(store, &cfg, rd, ps, inbox, 1, &ic, &run, &err)) {
      g_free(rej);
      rc = zt_report_error(&err);
      goto done;
    }
    g_free(rej);
  }
  zt_print_run_summary(stdout, &run);
  t2 = seconds();
  printf("ingest: %.2f s\n", t2 - t1);
  t1 = t2;

  /* The reports: the last half-year and the last year of the data. */
  {
    unsigned formats;
    zt_period h = zt_period_half(go.last_year, 2),
              y = zt_period_year(go.last_year);
    if (zt_outputs_parse("pdf,html,csv,json", &formats, &err) ||
        zt_write_period(&cfg, rd, store, &h, ZT_DAY_NONE, NULL, formats,
                        locked, &dir_h, &err) ||
        zt_write_period(&cfg, rd, store, &y, ZT_DAY_NONE, NULL, formats,
                        locked, &dir_y, &err)) {
      rc = zt_report_error(&err);
      goto done;
    }
  }
  t2 = seconds();
  printf("reports: %.2f s\n", t2 - t1);
  printf("half-year report: %s/%s\n", dir_h, zt_output_file("pdf"));
  printf("                  %s/%s\n", dir_h, zt_output_file("html"));
  printf("annual report:    %s/%s\n", dir_y, zt_output_file("pdf"));
  printf("indicator table:  %s/indicatoren.csv (for publication)\n", dir_h);
  printf("internal files:   %s/" ZT_INTERN_DIR "/ (the raw table; "
         "rejects.csv, with the %ld bad lines generated on purpose; "
         "mogelijk-dubbel.csv, possible double declarations; "
         "antwoord-zonder-declaratie.csv, answers to declarations the "
         "inbox never got)\n",
         dir_h, gs.bad_lines);
  /* The demo's inbox holds bad lines on purpose: they are expected, so
   * the demo itself succeeds. */
done:
  zt_ingest_run_free(&ref);
  zt_ingest_run_free(&run);
  zt_store_close(store);
  zt_lock_release(&lock);
  zt_pseudo_close(ps);
  zt_refdata_free(rd);
  zt_config_free(&cfg);
  g_free(out);
  g_free(region);
  g_free(ini);
  g_free(dir_h);
  g_free(dir_y);
  return rc;
}

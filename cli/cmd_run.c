/*
 * cli/cmd_run.c -- `zothuis run`: the unattended job for cron or a
 * systemd timer. Under the store lock it ingests the reference files and
 * every file in the inbox, moves ingested files to the archive and files
 * rejected whole to rejected/ (with a .reason file beside each), and
 * writes the reports of the configured periods. Nothing is moved before
 * the store has committed the file, so a crash or kill at any point
 * leaves every file either in the store and the archive, or in the inbox
 * to be picked up by the next run.
 */
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/ingestrun.h"
#include "cli/options.h"
#include "cli/reporting.h"
#include "core/fileout.h"
#include "core/lock.h"
#include "core/log.h"
#include "core/str.h"
#include "etl/ingest.h"

/* Move `path` into `dir` (created if needed) under its own name, adding
 * .1, .2, ... when that name is taken. Returns the new path (caller
 * frees) or NULL with err set. */
static char *move_into(const char *path, const char *dir, zt_err *err) {
  char *base = g_path_get_basename(path);
  char *dest = g_build_filename(dir, base, NULL);
  for (int i = 1; access(dest, F_OK) == 0 && i < 10000; i++) {
    g_free(dest);
    dest = g_strdup_printf("%s/%s.%d", dir, base, i);
  }
  g_free(base);
  if (zt_mkdirs(dir, err)) {
    g_free(dest);
    return NULL;
  }
  if (rename(path, dest) != 0) {
    /* Another file system: copy, sync, then remove the original. */
    gchar *data = NULL;
    gsize n = 0;
    if (errno != EXDEV || !g_file_get_contents(path, &data, &n, NULL) ||
        zt_write_file_atomic(dest, data, n, 0644, err) || unlink(path) != 0) {
      if (!err || err->status == ZT_OK)
        zt_fail(err, ZT_ERR_OUTPUT, "cannot move %s to %s: %s", path, dir,
                strerror(errno));
      g_free(data);
      g_free(dest);
      return NULL;
    }
    g_free(data);
  }
  return dest;
}

/* The reports `run` writes: [run] periods, or by default the last
 * complete half-year and the current year so far (peildatum today). */
typedef struct run_period {
  zt_period p;
  zt_day peil;
} run_period;

static zt_status run_periods(const zt_config *cfg, zt_day today,
                             run_period *out, size_t *n, zt_err *err) {
  int y, m, d;
  *n = 0;
  if (!cfg->periods || strcmp(cfg->periods, "auto") == 0) {
    zt_day_to_ymd(today, &y, &m, &d);
    out[0].p = m >= 7 ? zt_period_half(y, 1) : zt_period_half(y - 1, 2);
    out[0].peil = ZT_DAY_NONE;
    out[1].p = zt_period_year(y);
    out[1].peil = today;
    *n = 2;
    return ZT_OK;
  }
  {
    gchar **parts = g_strsplit(cfg->periods, ",", 16);
    zt_status st = ZT_OK;
    for (size_t i = 0; parts[i] && !st && *n < 16; i++) {
      const char *s = g_strstrip(parts[i]);
      if (!*s)
        continue;
      st = zt_period_parse(s, &out[*n].p, err);
      out[*n].peil = out[*n].p.end > today ? today : ZT_DAY_NONE;
      (*n)++;
    }
    g_strfreev(parts);
    if (st)
      return zt_err_prefix(err, "run.periods");
    return ZT_OK;
  }
}

int zt_cmd_run(const zt_globals *g, int argc, char **argv) {
  gboolean no_reports = FALSE;
  GOptionEntry entries[] = {
      {"no-reports", 0, 0, G_OPTION_ARG_NONE, &no_reports,
       "only ingest and archive; write no reports", NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  zt_config cfg;
  zt_refdata *rd = NULL;
  zt_pseudonymizer *ps = NULL;
  zt_store *store = NULL;
  zt_lock lock = {-1};
  zt_ingest_run ref = {0}, run = {0};
  zt_ingest_cli ic;
  run_period periods[16];
  size_t nperiods = 0;
  zt_err err;
  bool created = false, problems = false;
  int rc = ZT_EXIT_OK;

  zt_err_clear(&err);
  zt_config_defaults(&cfg);
  if (!zt_parse_options(&argc, &argv, "",
                        "Unattended run (cron): ingest [input] reference "
                        "files and the inbox, archive what was read, move "
                        "files rejected whole to [input] rejected with a "
                        ".reason file, and write the reports of [run] "
                        "periods.",
                        entries)) {
    rc = ZT_EXIT_USAGE;
    goto done;
  }
  zt_config_free(&cfg);
  if (zt_cli_config(g, &cfg, &err) ||
      (cfg.log_file &&
       zt_log_init(g->quiet, g->verbose, cfg.log_file, &err)) ||
      run_periods(&cfg, zt_today(), periods, &nperiods, &err) ||
      zt_cli_refdata(&cfg, &rd, &err)) {
    rc = zt_report_error(&err);
    goto done;
  }
  zt_info("run", "start: store %s, inbox %s", cfg.store_path, cfg.inbox);
  if (zt_lock_take(&lock, cfg.store_path, true, cfg.lock_wait_seconds,
                   &err)) {
    zt_error("run", "%s", err.msg);
    rc = zt_exit_code(err.status);
    goto done;
  }
  if (zt_key_create(cfg.key_file, &created, &err) ||
      zt_store_open(&store, cfg.store_path, ZT_STORE_INIT, &err) ||
      zt_pseudo_open(&ps, cfg.key_file, &err)) {
    zt_error("run", "%s", err.msg);
    rc = zt_exit_code(err.status);
    goto done;
  }
  if (created)
    zt_warn("run", "created a new key file %s: keep a copy in a safe place",
            cfg.key_file);

  memset(&ic, 0, sizeof ic);
  ic.kind = ZT_KIND_AUTO;
  ic.progress = true;
  {
    const char *refs[2];
    size_t nrefs = 0;
    if (cfg.product_codes)
      refs[nrefs++] = cfg.product_codes;
    if (cfg.providers)
      refs[nrefs++] = cfg.providers;
    if (nrefs && zt_run_ingest(store, &cfg, rd, ps, refs, nrefs, &ic, &ref,
                               &err)) {
      zt_error("run", "%s", err.msg);
      rc = zt_exit_code(err.status);
      goto done;
    }
    problems = zt_ingest_run_has_rejects(&ref);
  }
  if (g_file_test(cfg.inbox, G_FILE_TEST_IS_DIR)) {
    const char *inbox[1] = {cfg.inbox};
    char month[16];
    char *archive;
    int y, m, d;
    if (zt_run_ingest(store, &cfg, rd, ps, inbox, 1, &ic, &run, &err)) {
      zt_error("run", "%s", err.msg);
      rc = zt_exit_code(err.status);
      goto done;
    }
    /* zt_run_ingest committed: now every file is safe to move. */
    zt_day_to_ymd(zt_today(), &y, &m, &d);
    snprintf(month, sizeof month, "%04d-%02d", y % 10000, m % 100);
    archive = g_build_filename(cfg.archive, month, NULL);
    for (size_t i = 0; i < run.nfiles; i++) {
      const zt_ingest_file *f = &run.files[i];
      char *dest = NULL;
      const zt_file_counts *c = &f->counts;
      switch (f->status) {
      case ZT_FILE_INGESTED:
        zt_info("ingest", "%s: read %ld = accepted %ld + rejected %ld + "
                "duplicates %ld", f->path, c->read, c->accepted, c->rejected,
                c->duplicates);
        if (c->rejected)
          zt_warn("ingest", "%s: %ld lines rejected (see rejects.csv)",
                  f->path, c->rejected);
        /* fall through */
      case ZT_FILE_ALREADY:
        dest = move_into(f->path, archive, &err);
        break;
      case ZT_FILE_REJECTED: {
        char *reason;
        dest = move_into(f->path, cfg.rejected_dir, &err);
        if (dest) {
          char *rpath = g_strdup_printf("%s.reason", dest);
          reason = g_strdup_printf("%s\n%s\n", zt_reason_code(f->file_reason),
                                   f->message);
          if (zt_write_file_atomic(rpath, reason, strlen(reason), 0644,
                                   &err)) {
            g_free(dest);
            dest = NULL;
          }
          g_free(rpath);
          g_free(reason);
        }
        zt_warn("ingest", "%s: rejected whole (%s), moved to %s", f->path,
                zt_reason_code(f->file_reason), cfg.rejected_dir);
        break;
      }
      case ZT_FILE_UNREADABLE:
        /* Left where it is: the next run tries again. */
        zt_error("ingest", "%s: cannot be read, skipped: %s", f->path,
                 f->message);
        dest = g_strdup(f->path);
        break;
      }
      if (!dest) {
        zt_error("run", "%s", err.msg);
        rc = zt_exit_code(err.status);
        g_free(archive);
        goto done;
      }
      g_free(dest);
    }
    g_free(archive);
    problems = problems || zt_ingest_run_has_rejects(&run);
    zt_info("run", "inbox: %zu files; lines read %ld = accepted %ld + "
            "rejected %ld + duplicates %ld",
            run.nfiles, run.total.read, run.total.accepted,
            run.total.rejected, run.total.duplicates);
  } else {
    zt_warn("run", "inbox %s does not exist: nothing to ingest", cfg.inbox);
  }

  if (!no_reports) {
    unsigned formats;
    if (zt_formats_parse(cfg.formats, &formats, &err)) {
      zt_error("run", "%s", err.msg);
      rc = ZT_EXIT_USAGE;
      goto done;
    }
    for (size_t i = 0; i < nperiods; i++) {
      char *dir = NULL;
      char name[8];
      zt_period_name(&periods[i].p, name);
      if (zt_write_period(&cfg, rd, store, &periods[i].p, periods[i].peil,
                          NULL, formats, &dir, &err)) {
        zt_error("report", "%s: %s", name, err.msg);
        rc = zt_exit_code(err.status);
        goto done;
      }
      zt_info("report", "%s: written to %s", name, dir);
      g_free(dir);
    }
  }
  if (problems)
    rc = ZT_EXIT_INPUT;
  zt_info("run", "done (exit %d)", rc);
done:
  zt_ingest_run_free(&ref);
  zt_ingest_run_free(&run);
  zt_store_close(store);
  zt_lock_release(&lock);
  zt_pseudo_close(ps);
  zt_refdata_free(rd);
  zt_config_free(&cfg);
  return rc;
}

/*
 * cli/reporting.c -- write one period's outputs into
 * out/<region>/<period>/ and the `zothuis report` command (shared by
 * report, run and demo). The folder holds what may be published as it
 * stands: rapport.pdf, rapport.html, indicatoren.csv/.json without a raw
 * value of a hidden cell, doelen.csv/.json; intern/ (mode 0700) holds
 * what may not: the raw indicator table, rejects.csv,
 * mogelijk-dubbel.csv (the possible double declarations) and
 * antwoord-zonder-declaratie.csv (answers that judged no stored line).
 */
#include "cli/reporting.h"

#include <errno.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/compute.h"
#include "cli/options.h"
#include "cli/steering.h"
#include "core/fileout.h"
#include "core/lock.h"
#include "core/log.h"
#include "core/str.h"
#include "etl/answer.h"
#include "etl/normalize.h"
#include "metrics/export.h"
#include "metrics/metrics.h"
#include "render/checks.h"
#include "render/labels_nl.h"
#include "render/output.h"
#include "render/report.h"
#include "render/template.h"
#include "zt_build.h"

/* The members whose membership overlaps the period, in configured order,
 * each code once. */
static size_t members_in(const zt_config *cfg, const zt_period *p,
                         uint16_t *codes) {
  size_t n = 0;
  for (size_t i = 0; i < cfg->nmembers; i++) {
    const zt_member *m = &cfg->members[i];
    bool dup = false;
    if ((m->from != ZT_DAY_NONE && m->from > p->end) ||
        (m->to != ZT_DAY_NONE && m->to < p->begin))
      continue;
    for (size_t k = 0; k < n; k++)
      dup = dup || codes[k] == m->gemeente;
    if (!dup)
      codes[n++] = m->gemeente;
  }
  return n;
}

char *zt_template_for(const zt_config *cfg, const zt_period *p,
                      const char *given) {
  char *dir, *path;
  if (given)
    return g_strdup(given);
  if (cfg->template_path)
    return g_strdup(cfg->template_path);
  dir = zt_cli_datadir(cfg, "templates");
  path = g_build_filename(dir, p->half ? "halfjaar.xml" : "jaar.xml", NULL);
  g_free(dir);
  return path;
}

static zt_status write_with(const char *path, mode_t mode,
                            zt_status (*fn)(void *, FILE *, zt_err *),
                            void *arg, zt_err *err) {
  zt_fileout out;
  zt_status st = zt_fileout_open(&out, path, mode, err);
  if (st)
    return st;
  st = fn(arg, out.fp, err);
  if (st) {
    zt_fileout_abort(&out);
    return st;
  }
  return zt_fileout_commit(&out, err);
}

/* The folder for files that are not for publication, mode 0700 (also
 * when it existed with other modes). */
static zt_status intern_dir(const char *dir, char **out, zt_err *err) {
  char *path = g_build_filename(dir, ZT_INTERN_DIR, NULL);
  if (g_mkdir_with_parents(path, 0700) != 0 || chmod(path, 0700) != 0) {
    zt_status st = zt_fail(err, ZT_ERR_OUTPUT, "%s: %s", path,
                           g_strerror(errno));
    g_free(path);
    return st;
  }
  *out = path;
  return ZT_OK;
}

static zt_status rejects_fn(void *store, FILE *fp, zt_err *err) {
  return zt_store_write_rejects(store, fp, err);
}

static zt_status doubles_fn(void *comp, FILE *fp, zt_err *err) {
  const zt_computed *c = comp;
  (void)err;
  zt_double_write_csv(fp, c->doubles, c->ndoubles);
  return ZT_OK;
}

/* intern/: the answers that judged no stored declaration line */
#define ORPHANS_FILE "antwoord-zonder-declaratie.csv"

static zt_status orphans_fn(void *comp, FILE *fp, zt_err *err) {
  const zt_computed *c = comp;
  (void)err;
  zt_answer_write_orphans_csv(fp, c->snap.answers.orphans,
                              c->snap.answers.norphans);
  return ZT_OK;
}

/* The cover and the summary's message: the period's steering text, the
 * status (definitief only with a steering text: without one the report
 * falls back to concept with a warning, so that a scheduled run still
 * writes it) and the latest delivery. */
static zt_status narrative_and_status(const zt_config *cfg,
                                      zt_store *store, const zt_period *p,
                                      zt_report_prep *rp, zt_err *err) {
  zt_report_input *in = &rp->in;
  char pname[8];
  zt_status st;
  zt_period_name(p, pname);
  rp->narrative_file = zt_config_narrative_path(cfg, pname);
  if (rp->narrative_file) {
    st = zt_narrative_load(rp->narrative_file, &rp->narrative, err);
    if (st)
      return zt_err_prefix(err, "steering text");
  }
  in->narrative = rp->narrative;
  in->narrative_file = rp->narrative_file;
  in->definitief = cfg->definitief && rp->narrative;
  if (cfg->definitief && !rp->narrative)
    zt_warn("report", "%s: status definitief asked, but there is no "
            "steering text (%s); the report stays a concept", pname,
            rp->narrative_file ? rp->narrative_file
                               : "[input] duiding is not set");
  in->latest_delivery = ZT_DAY_NONE;
  if (store && zt_store_latest_delivery(store, &in->latest_delivery, err))
    return ZT_ERR_STORE;
  /* as known on --as-of: nothing delivered later */
  if (cfg->as_of != ZT_DAY_NONE && in->latest_delivery != ZT_DAY_NONE &&
      in->latest_delivery > cfg->as_of)
    in->latest_delivery = cfg->as_of;
  return ZT_OK;
}

zt_status zt_report_prepare(const zt_config *cfg, const zt_refdata *rd,
                            zt_store *store, const zt_period *p,
                            zt_day peil, const char *template_path,
                            bool render, zt_report_prep *rp, zt_err *err) {
  zt_report_input *in = &rp->in;
  zt_status st;
  size_t ng;

  memset(rp, 0, sizeof *rp);
  st = zt_compute(cfg, rd, store, p, peil, render, &rp->comp, err);
  if (!st)
    st = zt_load_targets(cfg->targets, &rp->targets, &in->ntargets, err);
  if (!st)
    st = zt_load_measures(cfg->measures, &rp->measures, &in->nmeasures,
                          err);
  if (!st)
    st = zt_load_budget(cfg->budget, &rp->budget, &in->nbudget, err);
  if (st || !render)
    return st;

  rp->codes = calloc(cfg->nmembers + 1, sizeof *rp->codes);
  rp->names = calloc(cfg->nmembers + 1, sizeof *rp->names);
  rp->sources = calloc(rp->comp.snap.nsources + 1, sizeof *rp->sources);
  if (!rp->codes || !rp->names || !rp->sources)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  ng = members_in(cfg, p, rp->codes);
  for (size_t i = 0; i < ng; i++) {
    const char *nm = zt_gemeente_name(rd, rp->codes[i]);
    rp->names[i] = nm ? nm : "?";
  }
  for (size_t i = 0; i < rp->comp.snap.nsources; i++) {
    const zt_source_group *g = &rp->comp.snap.sources[i];
    zt_source_file *s = &rp->sources[i];
    zt_nl_source_group(g->files, g->files_rejected, g->format, s->name,
                       sizeof s->name);
    snprintf(s->kind, sizeof s->kind, "%s", zt_nl_source_kind(g->kind));
    s->ingested = g->last;
    s->lines_read = g->lines_read;
    s->accepted = g->accepted;
    s->rejected = g->rejected;
    s->duplicates = g->duplicates;
  }
  rp->settings = zt_config_describe(cfg);
  rp->rule = zt_nl_suppression_rule(cfg->suppression,
                                    cfg->threshold > 0 ? cfg->threshold
                                                       : 5);
  rp->template_path = zt_template_for(cfg, p, template_path);
  in->ind = rp->comp.table;
  in->region_name = cfg->region_name;
  in->gemeenten = rp->codes;
  in->gemeente_names = rp->names;
  in->ngemeenten = ng;
  in->period = *p;
  in->peildatum = peil != ZT_DAY_NONE ? peil : p->end;
  in->trend = rp->comp.trend;
  in->ntrend = rp->comp.ntrend;
  in->targets = rp->targets;
  in->measures = rp->measures;
  in->budget = rp->budget;
  in->sources = rp->sources;
  in->nsources = rp->comp.snap.nsources;
  in->settings = (const char *const *)rp->settings;
  in->nsettings = g_strv_length(rp->settings);
  in->suppression_rule = rp->rule;
  in->not_for_publication = cfg->suppression == ZT_SUPP_NONE;
  in->suppression = cfg->suppression;
  in->generated_at = zt_report_epoch();
  in->report_date = (zt_day)(in->generated_at / 86400);
  in->version = ZT_VERSION;
  in->providers = rp->comp.snap.providers;
  in->nproviders = rp->comp.snap.nproviders;
  in->benchmarks = rp->comp.snap.benchmarks;
  in->nbenchmarks = rp->comp.snap.nbenchmarks;
  in->doubles = rp->comp.doubles;
  in->ndoubles = rp->comp.ndoubles;
  in->cohort = rp->comp.cohort;
  in->cohort_peildatum = rp->comp.cohort_peil;
  in->members = cfg->members;
  in->nmembers = cfg->nmembers;
  in->gemeente_table = rd->gemeenten;
  in->ngemeente_table = rd->ngemeenten;
  st = zt_store_deliveries(store, &rp->deliveries, &in->ndeliveries, err);
  in->deliveries = rp->deliveries;
  if (st)
    return st;
  return narrative_and_status(cfg, store, p, rp, err);
}

void zt_report_prep_free(zt_report_prep *rp) {
  zt_computed_free(&rp->comp);
  free(rp->targets);
  free(rp->measures);
  free(rp->budget);
  free(rp->sources);
  free(rp->deliveries);
  free(rp->codes);
  free(rp->names);
  g_strfreev(rp->settings);
  g_free(rp->rule);
  g_free(rp->template_path);
  zt_narrative_free(rp->narrative);
  g_free(rp->narrative_file);
  memset(rp, 0, sizeof *rp);
}

/* The region's folder out/<region> for period folder `dir`: it may not be
 * a symbolic link (zothuis never writes through a link inside its output
 * folder); created when missing. */
static zt_status region_dir_ready(const char *dir, zt_err *err) {
  char *region = g_path_get_dirname(dir);
  zt_status st = ZT_OK;
  if (zt_is_symlink(region))
    st = zt_fail(err, ZT_ERR_OUTPUT,
                 "%s is a symbolic link: zothuis does not write through "
                 "links in its output folder; remove it (or point [report] "
                 "out at the real folder)", region);
  if (!st)
    st = zt_mkdirs(region, err);
  g_free(region);
  return st;
}

/* The period folder `dir` is not a symbolic link. */
static zt_status period_dir_no_link(const char *dir, zt_err *err) {
  if (zt_is_symlink(dir))
    return zt_fail(err, ZT_ERR_OUTPUT,
                   "%s is a symbolic link: zothuis does not write through "
                   "links in its output folder; remove it", dir);
  return ZT_OK;
}

zt_status zt_out_dir_check(const char *dir, zt_err *err) {
  zt_status st = region_dir_ready(dir, err);
  if (!st)
    st = period_dir_no_link(dir, err);
  return st;
}

/* A check made before anything is touched is the configuration's
 * problem (exit 1), whatever the loader calls it; an output folder in
 * the way stays an output problem (exit 4), as it would be later. */
static zt_status as_usage(zt_err *err, const char *what) {
  if (err)
    err->status = ZT_ERR_USAGE;
  zt_err_prefix(err, "%s", what);
  return ZT_ERR_USAGE;
}

zt_status zt_report_preflight(const zt_config *cfg, const zt_period *periods,
                              size_t n, const char *template_path,
                              unsigned formats, zt_err *err) {
  bool render = (formats & zt_output_mask(ZT_OUT_DOCUMENT)) != 0;
  uint32_t kinds;
  int from, to;
  char *checked[2] = {NULL, NULL};  /* templates loaded: at most two */
  zt_status st = ZT_OK;

  if (zt_kind_mask_parse(cfg->episode_kinds, &kinds, err))
    return as_usage(err, "analysis.episode_kinds");
  if (zt_population_band_parse(cfg->population_band, &from, &to, err))
    return as_usage(err, "analysis.population_band");
  for (size_t i = 0; !st && i < n; i++) {
    char *dir = zt_out_dir(cfg, &periods[i]), *region;
    char pname[8], *tpl, *narr;
    zt_period_name(&periods[i], pname);
    /* what zt_write_period refuses once it has computed the report */
    st = zt_check_output_dir(cfg, dir, "the report folder", err);
    region = g_path_get_dirname(dir);
    if (!st && zt_is_symlink(region))
      st = zt_fail(err, ZT_ERR_OUTPUT,
                   "%s is a symbolic link: zothuis does not write through "
                   "links in its output folder; remove it (or point "
                   "[report] out at the real folder)", region);
    g_free(region);
    if (!st)
      st = period_dir_no_link(dir, err);
    if (!st)
      st = zt_dirs_possible(dir, err);
    g_free(dir);
    /* the period's steering text, read for the document (a missing one
     * is no error) */
    narr = st || !render ? NULL : zt_config_narrative_path(cfg, pname);
    if (narr) {
      zt_narrative *nt = NULL;
      if (zt_narrative_load(narr, &nt, err))
        st = as_usage(err, "steering text");
      zt_narrative_free(nt);
      g_free(narr);
    }
    if (st || !render)
      continue;
    tpl = zt_template_for(cfg, &periods[i], template_path);
    if ((checked[0] && strcmp(checked[0], tpl) == 0) ||
        (checked[1] && strcmp(checked[1], tpl) == 0)) {
      g_free(tpl);
      continue;
    }
    {
      zt_template *t = NULL;
      if (zt_template_load(tpl, &t, err))
        st = as_usage(err, "report template");
      zt_template_free(t);
    }
    if (!checked[0])
      checked[0] = tpl;
    else if (!checked[1])
      checked[1] = tpl;
    else
      g_free(tpl);
  }
  g_free(checked[0]);
  g_free(checked[1]);
  return st;
}

zt_status zt_write_period(const zt_config *cfg, const zt_refdata *rd,
                          zt_store *store, const zt_period *p, zt_day peil,
                          const char *template_path, unsigned formats,
                          int64_t stale_before_ns, char **out_dir,
                          zt_err *err) {
  zt_report_prep rp;
  bool render = (formats & zt_output_mask(ZT_OUT_DOCUMENT)) != 0;
  char *dir = zt_out_dir(cfg, p), *idir = NULL, *tmp = NULL, *region;
  int removed = 0;
  zt_status st;

  *out_dir = NULL;
  st = zt_report_prepare(cfg, rd, store, p, peil, template_path, render,
                         &rp, err);
  /* inputs that contradict each other: said on the console too */
  if (!st && render) {
    char **notes = zt_steering_notes(&rp.in, true);
    for (char **s = notes; *s; s++)
      zt_warn("report", "%s", *s);
    g_strfreev(notes);
  }
  /* a declaration that may be missing: said where cron's log shows it */
  if (!st && rp.comp.snap.answers.norphans)
    zt_warn("report", "%zu answer(s) of the municipality belong to no "
            "stored declaration: a declaration may be missing (see "
            ZT_INTERN_DIR "/" ORPHANS_FILE ")",
            rp.comp.snap.answers.norphans);
  if (!st)
    st = zt_out_dir_check(dir, err);
  /* the period folder is replaced whole: it may not hold the store */
  if (!st)
    st = zt_check_output_dir(cfg, dir, "the report folder", err);
  /* What killed runs left (older than stale_before_ns: the header) */
  region = g_path_get_dirname(dir);
  if (!st && zt_remove_stale_tmp(region, stale_before_ns, &removed,
                                 NULL) == ZT_OK && removed)
    zt_info("report", "removed %d temporary folder(s) of an interrupted "
            "run in %s", removed, region);
  g_free(region);
  if (!st && zt_remove_stale_tmp(dir, stale_before_ns, &removed,
                                 NULL) == ZT_OK && removed)
    zt_info("report", "removed %d temporary file(s) of an interrupted run "
            "in %s", removed, dir);
  /* The set is written into a new folder beside the old one and swapped
   * in whole: a reader sees the old set or the new, never a mix. */
  if (!st)
    st = zt_tmpdir_for(dir, &tmp, err);
  if (!st && render) {
    gint64 t0 = g_get_monotonic_time();
    st = zt_report_render(&rp.in, rp.template_path, tmp, formats, err);
    zt_debug("report", "render %.3f s",
             (double)(g_get_monotonic_time() - t0) / 1e6);
  }
  /* for publication: the indicator table without a raw value of a
   * hidden cell, and the targets with their status (a format not asked
   * for is not in the new folder, so no older file stays beside a
   * report it does not belong to) */
  for (size_t i = 0; i < zt_noutputs && !st; i++) {
    const zt_output *o = &zt_outputs[i];
    char *path;
    if (o->input != ZT_OUT_TABLE || !(formats & 1u << i))
      continue;
    path = g_build_filename(tmp, o->file, NULL);
    st = zt_export_public_file(rp.comp.table, path, o->write_table,
                               cfg->suppression, err);
    g_free(path);
    if (st || !rp.in.ntargets)
      continue;
    path = g_build_filename(tmp, o->targets_file, NULL);
    st = zt_export_targets_file(rp.targets, rp.in.ntargets, rp.comp.table,
                                p, rp.codes, rp.in.ngemeenten,
                                cfg->suppression, path, o->write_table,
                                err);
    g_free(path);
  }
  /* not for publication: the raw table and every rejected line, in
   * intern/ (mode 0700, files 0600) */
  if (!st)
    st = intern_dir(tmp, &idir, err);
  for (size_t i = 0; i < zt_noutputs && !st; i++) {
    const zt_output *o = &zt_outputs[i];
    char *path;
    if (o->input != ZT_OUT_TABLE || !(formats & 1u << i))
      continue;
    path = g_build_filename(idir, o->intern_file, NULL);
    st = zt_export_file(rp.comp.table, path, o->write_table, 0600, err);
    g_free(path);
  }
  if (!st) {
    char *path = g_build_filename(idir, "rejects.csv", NULL);
    st = write_with(path, 0600, rejects_fn, store, err);
    g_free(path);
  }
  if (!st) {
    char *path = g_build_filename(idir, "mogelijk-dubbel.csv", NULL);
    st = write_with(path, 0600, doubles_fn, &rp.comp, err);
    g_free(path);
  }
  if (!st) {
    char *path = g_build_filename(idir, ORPHANS_FILE, NULL);
    st = write_with(path, 0600, orphans_fn, &rp.comp, err);
    g_free(path);
  }
  /* nothing computed from a damaged store is published: the check ran
   * beside the work above */
  if (!st) {
    gint64 t0 = g_get_monotonic_time();
    st = zt_store_check_finish(store, err);
    zt_debug("report", "waiting for the store check %.3f s",
             (double)(g_get_monotonic_time() - t0) / 1e6);
  }
  if (!st) {
    st = zt_dir_replace(tmp, dir, err);   /* removes tmp on failure */
    g_free(tmp);
    tmp = NULL;
  }
  if (tmp) {
    zt_remove_tree(tmp, NULL);
    g_free(tmp);
  }
  if (!st) {
    *out_dir = dir;
    dir = NULL;
  }
  zt_report_prep_free(&rp);
  g_free(dir);
  g_free(idir);
  return st;
}

int zt_cmd_report(const zt_globals *g, int argc, char **argv) {
  char *period = NULL, *peildatum = NULL, *template = NULL, *format = NULL;
  char *out = NULL, *status = NULL, *as_of = NULL;
  char *names = zt_output_names(true, ZT_OUT_DOCUMENT, ", ", ", ", "");
  char *format_help = g_strdup_printf("comma list of %s (default: "
                                      "[report] formats)", names);
  GOptionEntry entries[] = {
      {"period", 0, 0, G_OPTION_ARG_STRING, &period,
       "the period: YYYY, YYYY-H1 or YYYY-H2", "P"},
      {"peildatum", 0, 0, G_OPTION_ARG_STRING, &peildatum,
       "reference date (default: the last day of the period)", "D"},
      {"as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
       "as known on D: only lines and credits delivered on or before D "
       "(docs/completeness.md)", "D"},
      {"template", 0, 0, G_OPTION_ARG_FILENAME, &template,
       "report template (default: [report] template, else halfjaar.xml or "
       "jaar.xml)", "FILE"},
      {"format", 0, 0, G_OPTION_ARG_STRING, &format, format_help, "LIST"},
      {"out", 0, 0, G_OPTION_ARG_FILENAME, &out,
       "output folder (default: [report] out)", "DIR"},
      {"status", 0, 0, G_OPTION_ARG_STRING, &status,
       "concept or definitief (default: [report] status); definitief "
       "needs the period's steering text",
       "S"},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  zt_config cfg;
  zt_refdata *rd = NULL;
  zt_store *store = NULL;
  zt_lock lock = {-1};
  zt_period p;
  zt_day peil;
  unsigned formats;
  zt_err err;
  char *dir = NULL;
  int rc = ZT_EXIT_OK;

  zt_err_clear(&err);
  zt_config_defaults(&cfg);
  if (!zt_parse_options(&argc, &argv, "",
                        "Write the progress report of one period: PDF, "
                        "HTML, the indicator table and rejects.csv, into "
                        "OUT/<region>/<period>/.",
                        entries)) {
    rc = ZT_EXIT_USAGE;
    goto done;
  }
  zt_config_free(&cfg);
  if (zt_parse_period_args(period, peildatum, &p, &peil, &err) ||
      zt_cli_config(g, &cfg, &err) || zt_cli_members(&cfg, &err) ||
      zt_parse_as_of(as_of, &cfg, &err) ||
      zt_check_as_of(&cfg, &p, &err)) {
    rc = zt_report_error(&err);
    goto done;
  }
  if (out)
    zt_config_set_str(&cfg.out_dir, out);
  if (status && zt_config_set_status(&cfg, status, "--status", &err)) {
    rc = zt_report_error(&err);
    goto done;
  }
  if (zt_outputs_parse(format ? format : cfg.formats, &formats, &err) ||
      zt_cli_refdata(&cfg, &rd, &err) ||
      zt_report_preflight(&cfg, &p, 1, template, formats, &err) ||
      zt_lock_take(&lock, cfg.store_path, false, cfg.lock_wait_seconds,
                   &err) ||
      zt_store_open(&store, cfg.store_path, ZT_STORE_USE, &err) ||
      (zt_store_check_after_read(store), false) ||
      /* another report may be writing beside it: an hour old */
      zt_write_period(&cfg, rd, store, &p, peil, template, formats,
                      zt_file_clock_ns() - INT64_C(3600000000000), &dir,
                      &err)) {
    rc = zt_report_error(&err);
    goto done;
  }
  printf("%s\n", dir);
done:
  zt_store_close(store);
  zt_lock_release(&lock);
  zt_refdata_free(rd);
  zt_config_free(&cfg);
  g_free(period);
  g_free(peildatum);
  g_free(template);
  g_free(format);
  g_free(out);
  g_free(status);
  g_free(as_of);
  g_free(dir);
  g_free(names);
  g_free(format_help);
  return rc;
}

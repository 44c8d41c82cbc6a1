/*
 * cli/cmd_export.c -- `zothuis export`: the indicator table of one period
 * as CSV or JSON (docs/indicators.md, "Export format"), to a file or
 * stdout, with the raw value of every row: for internal analysis, not
 * for publication (the report folder's indicatoren.csv is the one to
 * publish). Files it writes get mode 0600.
 */
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/compute.h"
#include "cli/options.h"
#include "cli/reporting.h"
#include "core/fileout.h"
#include "core/log.h"
#include "core/lock.h"
#include "metrics/export.h"
#include "render/output.h"

char *zt_out_dir(const zt_config *cfg, const zt_period *p) {
  char name[8];
  GString *slug = g_string_new(NULL);
  char *dir;
  for (const char *s = cfg->region_name; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (g_ascii_isalnum(c))
      g_string_append_c(slug, (char)g_ascii_tolower(c));
    else if (slug->len && slug->str[slug->len - 1] != '-')
      g_string_append_c(slug, '-');
  }
  /* a name of any length gives a folder name that fits (ASCII only) */
  if (slug->len > ZT_SLUG_MAX)
    g_string_truncate(slug, ZT_SLUG_MAX);
  while (slug->len && slug->str[slug->len - 1] == '-')
    g_string_truncate(slug, slug->len - 1);
  if (!slug->len)
    g_string_append(slug, "regio");
  zt_period_name(p, name);
  dir = g_build_filename(cfg->out_dir, slug->str, name, NULL);
  g_string_free(slug, TRUE);
  return dir;
}

zt_status zt_parse_period_args(const char *period, const char *peildatum,
                               zt_period *p, zt_day *peil, zt_err *err) {
  if (!period)
    return zt_fail(err, ZT_ERR_USAGE, "--period is required (YYYY, YYYY-H1 "
                                      "or YYYY-H2)");
  if (zt_period_parse(period, p, err))
    return ZT_ERR_USAGE;
  *peil = ZT_DAY_NONE;
  if (peildatum) {
    if (zt_date_parse(peildatum, strlen(peildatum), peil))
      return zt_fail(err, ZT_ERR_USAGE,
                     "--peildatum '%s': expected YYYY-MM-DD", peildatum);
    if (zt_day_year(*peil) > ZT_YEAR_MAX)
      return zt_fail(err, ZT_ERR_USAGE, "--peildatum '%s': a year after %d",
                     peildatum, ZT_YEAR_MAX);
    if (*peil < p->end)
      return zt_fail(err, ZT_ERR_USAGE,
                     "--peildatum %s lies before the end of the period",
                     peildatum);
  }
  return ZT_OK;
}

zt_status zt_parse_as_of(const char *as_of, zt_config *cfg, zt_err *err) {
  cfg->as_of = ZT_DAY_NONE;
  if (!as_of)
    return ZT_OK;
  if (zt_date_parse(as_of, strlen(as_of), &cfg->as_of) ||
      zt_day_year(cfg->as_of) > ZT_YEAR_MAX)
    return zt_fail(err, ZT_ERR_USAGE, "--as-of '%s': expected YYYY-MM-DD",
                   as_of);
  return ZT_OK;
}

zt_status zt_check_as_of(const zt_config *cfg, const zt_period *p,
                         zt_err *err) {
  char d[11], s[11];
  if (cfg->as_of == ZT_DAY_NONE)
    return ZT_OK;
  zt_date_iso(cfg->as_of, d);
  if (cfg->as_of > zt_today())
    return zt_fail(err, ZT_ERR_USAGE,
                   "--as-of %s lies in the future: nothing has arrived "
                   "then yet", d);
  zt_date_iso(p->begin, s);
  if (cfg->as_of < p->begin)
    return zt_fail(err, ZT_ERR_USAGE,
                   "--as-of %s lies before the period begins (%s): nothing "
                   "of it was known then", d, s);
  if (cfg->as_of < p->end)
    zt_warn("as-of", "%s lies before the end of the period: the figures "
            "are of its part up to that day, as known then", d);
  return ZT_OK;
}

/* What writing `--out PATH` would refuse, found before the store is
 * opened and anything computed, so that a typo fails at once
 * (ZT_ERR_USAGE): a folder, or a special file that is not a FIFO or
 * character device, at PATH (zt_fileout_check); a folder of PATH that
 * does not exist (export makes none for --out) or that this user may
 * not write in. "-" (stdout) passes. */
static zt_status out_check(const char *out, zt_err *err) {
  struct stat sb;
  char *dir;
  zt_status st = ZT_OK;
  if (!out || strcmp(out, "-") == 0)
    return ZT_OK;
  if (zt_fileout_check(out, err)) {
    err->status = ZT_ERR_USAGE;
    return zt_err_prefix(err, "--out");
  }
  if (stat(out, &sb) == 0 && !S_ISREG(sb.st_mode))
    return ZT_OK;                  /* a FIFO or device: written in place */
  dir = g_path_get_dirname(out);
  if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
    st = zt_fail(err, ZT_ERR_USAGE, "--out %s: its folder %s does not "
                 "exist (export makes no folder for --out)", out, dir);
  else if (access(dir, W_OK | X_OK) != 0)
    st = zt_fail(err, ZT_ERR_USAGE, "--out %s: cannot write in its folder "
                 "%s: %s", out, dir, strerror(errno));
  g_free(dir);
  return st;
}

int zt_cmd_export(const zt_globals *g, int argc, char **argv) {
  char *as_of = NULL;
  char *period = NULL, *peildatum = NULL, *format = NULL, *out = NULL;
  /* the help lists the indicator-table rows of the writer table; the
   * first is the default */
  const zt_output *fmt = NULL;
  zt_status def = zt_output_table_parse(NULL, &fmt, NULL);
  char *format_help = zt_output_names(false, ZT_OUT_TABLE, ", ", " or ",
                                      " (default)");
  char *format_arg = zt_output_names(false, ZT_OUT_TABLE, "|", "|", "");
  char *out_help = g_strdup_printf(
      "file to write (mode 0600), '-' for stdout (default: OUT/<region>/"
      "<period>/intern/%s)", fmt->intern_file);
  char *summary = g_strdup_printf(
      "Write the indicator table of one period as CSV or JSON "
      "(docs/indicators.md, export format) for internal analysis: every "
      "row keeps its raw value, also where the report hides it "
      "(suppressed = 1). Not for publication: publish the report folder's "
      "%s, which has no value for a hidden cell.", fmt->file);
  GOptionEntry entries[] = {
      {"period", 0, 0, G_OPTION_ARG_STRING, &period,
       "the period: YYYY, YYYY-H1 or YYYY-H2", "P"},
      {"peildatum", 0, 0, G_OPTION_ARG_STRING, &peildatum,
       "reference date (default: the last day of the period)", "D"},
      {"as-of", 0, 0, G_OPTION_ARG_STRING, &as_of,
       "as known on D: only lines and credits delivered on or before D "
       "(docs/completeness.md)", "D"},
      {"format", 0, 0, G_OPTION_ARG_STRING, &format, format_help,
       format_arg},
      {"out", 0, 0, G_OPTION_ARG_FILENAME, &out, out_help, "FILE"},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  zt_config cfg;
  zt_refdata *rd = NULL;
  zt_store *store = NULL;
  zt_lock lock = {-1};
  zt_computed comp = {0};
  zt_period p;
  zt_day peil;
  zt_err err;
  char *path = NULL;
  int rc = ZT_EXIT_OK;

  zt_err_clear(&err);
  zt_config_defaults(&cfg);
  if (def || !zt_parse_options(&argc, &argv, "", summary, entries)) {
    rc = ZT_EXIT_USAGE;
    goto done;
  }
  zt_config_free(&cfg);
  if (zt_parse_period_args(period, peildatum, &p, &peil, &err) ||
      (format && zt_output_table_parse(format, &fmt, &err)) ||
      zt_cli_config(g, &cfg, &err) || zt_cli_members(&cfg, &err) ||
      zt_check_output(&cfg, out, "--out", false, &err) ||
      out_check(out, &err) ||
      zt_parse_as_of(as_of, &cfg, &err) ||
      zt_check_as_of(&cfg, &p, &err) ||
      zt_cli_refdata(&cfg, &rd, &err) ||
      zt_lock_take(&lock, cfg.store_path, false, cfg.lock_wait_seconds,
                   &err) ||
      zt_store_open(&store, cfg.store_path, ZT_STORE_USE, &err) ||
      zt_store_check_start(store, &err) ||
      zt_compute(&cfg, rd, store, &p, peil, false, &comp, &err) ||
      zt_store_check_finish(store, &err)) {
    rc = zt_report_error(&err);
    goto done;
  }
  if (out && strcmp(out, "-") == 0) {
    zt_status st = zt_export_write(fmt->write_table, comp.table, stdout,
                                   &err);
    if (st || fflush(stdout) != 0)
      rc = zt_report_error(&err);
    goto done;
  }
  if (!out) {
    char *dir = zt_out_dir(&cfg, &p);
    path = g_build_filename(dir, ZT_INTERN_DIR, fmt->intern_file, NULL);
    if (zt_out_dir_check(dir, &err) ||
        zt_check_output(&cfg, path, "the export", false, &err)) {
      g_free(dir);
      rc = zt_report_error(&err);
      goto done;
    }
    g_free(dir);
  } else {
    path = g_strdup(out);
  }
  {
    char *dir = g_path_get_dirname(path);
    zt_status st = zt_mkdirs(dir, &err);
    /* the default folder is intern/: private */
    if (!st && !out && chmod(dir, 0700) != 0)
      st = zt_fail(&err, ZT_ERR_OUTPUT, "%s: cannot make it private", dir);
    g_free(dir);
    if (st || zt_export_file(comp.table, path, fmt->write_table, 0600,
                              &err)) {
      rc = zt_report_error(&err);
      goto done;
    }
  }
  printf("%s\n", path);
done:
  zt_computed_free(&comp);
  zt_store_close(store);
  zt_lock_release(&lock);
  zt_refdata_free(rd);
  zt_config_free(&cfg);
  g_free(period);
  g_free(peildatum);
  g_free(as_of);
  g_free(format);
  g_free(out);
  g_free(path);
  g_free(format_help);
  g_free(format_arg);
  g_free(out_help);
  g_free(summary);
  return rc;
}

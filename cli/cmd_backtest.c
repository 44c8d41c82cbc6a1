/*
 * cli/cmd_backtest.c -- `zothuis backtest`: how good the completeness
 * estimate (metrics/completeness.c) has been on the region's own
 * history. For every care month with at least --min-later months of later
 * arrivals it estimates the month's final spending and unique clients as
 * known at the end of the month 1, 3 and 6 months on (the as-of rule of
 * `export --as-of`: lines and credits delivered by then), compares with
 * what arrived in the end, and prints the median and 90th percentile of
 * the absolute relative error per delay, next to the naive estimate
 * "observed = final". docs/completeness.md, "Backtest".
 */
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/compute.h"
#include "cli/options.h"
#include "core/fileout.h"
#include "core/lock.h"
#include "core/sort.h"

enum { MAX_DELAYS = 8 };

typedef struct bt_row {
  int month, delay, which;
  int64_t actual, observed, final, low, high;
} bt_row;

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* The q-quantile (0..1) of sorted v[0..n-1], nearest rank. */
static double quantile(const double *v, size_t n, double q) {
  size_t k;
  if (!n)
    return NAN;
  k = (size_t)ceil(q * (double)n);
  return v[k ? k - 1 : 0];
}

static zt_status parse_delays(const char *s, int *d, int *n, zt_err *err) {
  char **parts = g_strsplit(s, ",", -1);
  zt_status st = ZT_OK;
  *n = 0;
  for (char **p = parts; *p && !st; p++) {
    char *end;
    long v = strtol(*p, &end, 10);
    if (*end || v < 0 || v > 36 || *n == MAX_DELAYS)
      st = zt_fail(err, ZT_ERR_USAGE,
                   "--delays '%s': expected up to %d numbers 0..36", s,
                   MAX_DELAYS);
    else
      d[(*n)++] = (int)v;
  }
  g_strfreev(parts);
  if (!st && !*n)
    st = zt_fail(err, ZT_ERR_USAGE, "--delays: none given");
  return st;
}

static const char *which_name(int w) {
  return w == ZT_COMPL_SPEND ? "spend" : "clients";
}

/* Estimates for every eligible care month and delay into *rows. */
static zt_status collect(const zt_computed *comp, const zt_compl_config *cc,
                         const int *delays, int ndelays, int min_later,
                         bt_row **rows, size_t *nrows, zt_err *err) {
  const zt_completeness *full = &comp->compl;
  const zt_compl_unit *fu = zt_compl_unit_of(full, 0);
  int last = full->now_month - min_later; /* the last eligible month */
  size_t cap = 0;
  zt_status st = ZT_OK;
  *rows = NULL;
  *nrows = 0;
  if (!fu)
    return ZT_OK;
  for (int t = full->first_month; t <= last + 36 && !st; t++) {
    zt_completeness c;
    const zt_compl_unit *u;
    int y = t / 12, m = t % 12 + 1;
    bool any = false;
    for (int k = 0; k < ndelays; k++)
      any = any || (t - delays[k] >= full->first_month &&
                    t - delays[k] <= last);
    if (!any)
      continue;
    st = zt_compl_build(comp->cdata,
                        zt_day_from_ymd(y, m, zt_days_in_month(y, m)), cc,
                        &c, err);
    if (st)
      break;
    u = zt_compl_unit_of(&c, 0);
    for (int k = 0; k < ndelays; k++) {
      int i = t - delays[k];
      if (i < full->first_month || i > last)
        continue;
      for (int w = 0; w < 2; w++) {
        zt_compl_est now, fin;
        bt_row *r;
        if (!zt_compl_estimate(&c, u, w, i, i, &now) ||
            !zt_compl_estimate(full, fu, w, i, i, &fin) || fin.observed <= 0)
          continue;
        if (*nrows == cap) {
          size_t nc = cap ? cap * 2 : 256;
          bt_row *nr = realloc(*rows, nc * sizeof *nr);
          if (!nr) {
            zt_compl_free(&c);
            return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
          }
          *rows = nr;
          cap = nc;
        }
        r = &(*rows)[(*nrows)++];
        r->month = i;
        r->delay = delays[k];
        r->which = w;
        r->actual = fin.observed;
        r->observed = now.observed;
        r->final = now.final;
        r->low = now.low;
        r->high = now.high;
      }
    }
    zt_compl_free(&c);
  }
  return st;
}

/* Print the summary and write it as CSV to `fp` (NULL: none). */
static void summarize(const bt_row *rows, size_t n, const int *delays,
                      int ndelays, FILE *fp) {
  double *e = malloc((n + 1) * sizeof *e), *o = malloc((n + 1) * sizeof *o);
  if (!e || !o) {
    free(e);
    free(o);
    return;
  }
  printf("%-8s %5s %6s %12s %12s %12s %12s %9s\n", "measure", "delay",
         "months", "median_err%", "p90_err%", "naive_med%", "naive_p90%",
         "in_band%");
  if (fp)
    fprintf(fp, "measure,delay_months,months,median_abs_error_pct,"
                "p90_abs_error_pct,naive_median_abs_error_pct,"
                "naive_p90_abs_error_pct,band_coverage_pct\n");
  for (int w = 0; w < 2; w++)
    for (int k = 0; k < ndelays; k++) {
      size_t m = 0, inband = 0;
      for (size_t i = 0; i < n; i++) {
        const bt_row *r = &rows[i];
        if (r->which != w || r->delay != delays[k])
          continue;
        e[m] = fabs((double)(r->final - r->actual)) / (double)r->actual;
        o[m] = fabs((double)(r->observed - r->actual)) / (double)r->actual;
        inband += r->actual >= r->low && r->actual <= r->high;
        m++;
      }
      zt_qsort(e, m, sizeof *e, cmp_double);
      zt_qsort(o, m, sizeof *o, cmp_double);
      printf("%-8s %5d %6zu %12.2f %12.2f %12.2f %12.2f %9.1f\n",
             which_name(w), delays[k], m, 100 * quantile(e, m, 0.5),
             100 * quantile(e, m, 0.9), 100 * quantile(o, m, 0.5),
             100 * quantile(o, m, 0.9),
             m ? 100.0 * (double)inband / (double)m : NAN);
      if (fp)
        fprintf(fp, "%s,%d,%zu,%.4f,%.4f,%.4f,%.4f,%.1f\n", which_name(w),
                delays[k], m, 100 * quantile(e, m, 0.5),
                100 * quantile(e, m, 0.9), 100 * quantile(o, m, 0.5),
                100 * quantile(o, m, 0.9),
                m ? 100.0 * (double)inband / (double)m : NAN);
    }
  free(e);
  free(o);
}

static void detail(const bt_row *rows, size_t n, FILE *fp) {
  fprintf(fp, "measure,care_month,delay_months,final,observed,estimate,"
              "estimate_low,estimate_high\n");
  for (size_t i = 0; i < n; i++) {
    const bt_row *r = &rows[i];
    fprintf(fp, "%s,%04d-%02d,%d,%lld,%lld,%lld,%lld,%lld\n",
            which_name(r->which), r->month / 12, r->month % 12 + 1, r->delay,
            (long long)r->actual, (long long)r->observed,
            (long long)r->final, (long long)r->low, (long long)r->high);
  }
}

static zt_status write_csv(const char *path, const bt_row *rows, size_t n,
                           const int *delays, int ndelays, bool details,
                           zt_err *err) {
  FILE *fp = fopen(path, "w");
  if (!fp)
    return zt_fail(err, ZT_ERR_OUTPUT, "%s: cannot write it", path);
  if (details)
    detail(rows, n, fp);
  else
    summarize(rows, n, delays, ndelays, fp);
  if (fclose(fp) != 0)
    return zt_fail(err, ZT_ERR_OUTPUT, "%s: cannot write it", path);
  return ZT_OK;
}

int zt_cmd_backtest(const zt_globals *g, int argc, char **argv) {
  char *out = NULL, *det = NULL, *delays_arg = NULL;
  int min_later = 12;
  GOptionEntry entries[] = {
      {"delays", 0, 0, G_OPTION_ARG_STRING, &delays_arg,
       "months after the care month to estimate at (default 1,3,6)",
       "LIST"},
      {"min-later", 0, 0, G_OPTION_ARG_INT, &min_later,
       "months of later arrivals a care month needs to count as final "
       "(default 12)", "N"},
      {"out", 0, 0, G_OPTION_ARG_FILENAME, &out,
       "the summary CSV (default: OUT/backtest.csv of [report] out)",
       "FILE"},
      {"detail", 0, 0, G_OPTION_ARG_FILENAME, &det,
       "also write every estimate (care month, delay) as CSV", "FILE"},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  zt_config cfg;
  zt_store *store = NULL;
  zt_lock lock = {-1};
  zt_computed comp = {0};
  zt_refdata *rd = NULL;
  zt_compl_config cc;
  zt_err err;
  int delays[MAX_DELAYS], ndelays = 0;
  bt_row *rows = NULL;
  size_t nrows = 0;
  char *path = NULL;
  int rc = ZT_EXIT_OK;

  zt_err_clear(&err);
  zt_config_defaults(&cfg);
  if (!zt_parse_options(&argc, &argv, "",
                        "Test the completeness estimate on the region's "
                        "own history: estimate each past care month as "
                        "known 1, 3 and 6 months on, compare with what "
                        "arrived in the end (docs/completeness.md).",
                        entries)) {
    rc = ZT_EXIT_USAGE;
    goto done;
  }
  zt_config_free(&cfg);
  if (parse_delays(delays_arg ? delays_arg : "1,3,6", delays, &ndelays,
                   &err) ||
      (min_later < 1 || min_later > 120
           ? zt_fail(&err, ZT_ERR_USAGE, "--min-later: 1..120")
           : ZT_OK) ||
      zt_cli_config(g, &cfg, &err) || zt_cli_members(&cfg, &err) ||
      /* as run, report and export: a member code the municipality
       * table does not know is refused (its figures would be zero) */
      zt_cli_refdata(&cfg, &rd, &err)) {
    rc = zt_report_error(&err);
    goto done;
  }
  path = out ? g_strdup(out) : g_build_filename(cfg.out_dir, "backtest.csv",
                                                NULL);
  if (zt_check_output(&cfg, path, "--out", false, &err) ||
      zt_check_output(&cfg, det, "--detail", false, &err) ||
      zt_lock_take(&lock, cfg.store_path, false, cfg.lock_wait_seconds,
                   &err) ||
      zt_store_open(&store, cfg.store_path, ZT_STORE_USE, &err) ||
      zt_store_check_start(store, &err)) {
    rc = zt_report_error(&err);
    goto done;
  }
  /* everything stored: the final figures, and the data every as-of
   * estimate is built from */
  zt_compl_config_from(&cfg, &cc);
  {
    zt_status st = zt_snapshot_load(store, &comp.snap, &err);
    if (!st)
      st = zt_compute_completeness(&cfg, &comp, &err);
    if (!st)
      st = zt_store_check_finish(store, &err);
    if (st) {
      rc = zt_report_error(&err);
      goto done;
    }
  }
  if (!comp.compl.units) {
    fprintf(stderr, "zothuis backtest: the store has no declaration "
                    "lines\n");
    rc = ZT_EXIT_USAGE;
    goto done;
  }
  if (collect(&comp, &cc, delays, ndelays, min_later, &rows, &nrows,
              &err)) {
    rc = zt_report_error(&err);
    goto done;
  }
  {
    char *dir = g_path_get_dirname(path);
    zt_status st = zt_mkdirs(dir, &err);
    g_free(dir);
    if (st ||
        write_csv(path, rows, nrows, delays, ndelays, false, &err) ||
        (det && write_csv(det, rows, nrows, delays, ndelays, true, &err))) {
      rc = zt_report_error(&err);
      goto done;
    }
  }
  printf("%s\n", path);
done:
  free(rows);
  zt_refdata_free(rd);
  zt_computed_free(&comp);
  zt_store_close(store);
  zt_lock_release(&lock);
  zt_config_free(&cfg);
  g_free(out);
  g_free(det);
  g_free(delays_arg);
  g_free(path);
  return rc;
}

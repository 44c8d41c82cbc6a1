/*
 * bench/bench_metrics.c -- time normalization and the whole indicator
 * catalogue for one period on a store, apart from reading the store.
 *
 *   bench_metrics STORE PERIOD [REGION-CODES]
 *
 * REGION-CODES is a comma list of member municipalities; without it every
 * municipality that received a declaration is a member (a national-scale
 * year). Prints the seconds for reading the snapshot and for
 * normalize + indicators, the number of rows, and the peak RSS.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cli/compute.h"
#include "cli/config.h"
#include "etl/snapshot.h"
#include "metrics/metrics.h"
#include "zt_build.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  zt_config cfg;
  zt_refdata *rd;
  zt_store *store;
  zt_snapshot sn;
  zt_norm_config nc;
  zt_metrics_input mi;
  zt_ind_table *t;
  zt_period p;
  zt_err err;
  struct rusage ru;
  double t0, t1, t2;
  char ref[4096];

  if (argc < 3) {
    fprintf(stderr, "usage: bench_metrics STORE PERIOD [CODES]\n");
    return 1;
  }
  zt_config_defaults(&cfg);
  snprintf(ref, sizeof ref, "%s/reference", ZT_SOURCE_DATADIR);
  if (zt_refdata_load(&rd, ref, &err) ||
      zt_store_open(&store, argv[1], ZT_STORE_USE, &err) ||
      zt_period_parse(argv[2], &p, &err)) {
    fprintf(stderr, "bench_metrics: %s\n", err.msg);
    return 1;
  }
  if (argc > 3) {
    if (zt_members_parse(argv[3], &cfg.members, &cfg.nmembers, &err)) {
      fprintf(stderr, "bench_metrics: %s\n", err.msg);
      return 1;
    }
  } else {
    sqlite3_stmt *st;
    size_t n = 0;
    cfg.members = calloc(10000, sizeof *cfg.members);
    sqlite3_prepare_v2(zt_store_db(store),
                       "SELECT DISTINCT gemeente FROM declaration", -1, &st,
                       NULL);
    while (cfg.members && sqlite3_step(st) == SQLITE_ROW && n < 10000) {
      cfg.members[n].gemeente = (uint16_t)sqlite3_column_int(st, 0);
      cfg.members[n].from = cfg.members[n].to = ZT_DAY_NONE;
      n++;
    }
    sqlite3_finalize(st);
    cfg.nmembers = n;
  }
  t0 = now();
  if (zt_snapshot_load(store, &sn, &err)) {
    fprintf(stderr, "bench_metrics: %s\n", err.msg);
    return 1;
  }
  t1 = now();
  zt_norm_config_default(&nc);
  nc.members = cfg.members;
  nc.nmembers = cfg.nmembers;
  nc.boundary_day = p.end;
  memset(&mi, 0, sizeof mi);
  mi.norm.lines = sn.lines;
  mi.norm.nlines = sn.nlines;
  mi.norm.residences = sn.residences;
  mi.norm.nresidences = sn.nresidences;
  mi.norm.clients = sn.clients;
  mi.norm.nclients = sn.nclients;
  mi.norm.products = sn.products;
  mi.norm.nproducts = sn.nproducts;
  mi.norm.refdata = rd;
  mi.norm.config = &nc;
  mi.providers = sn.providers;
  mi.nproviders = sn.nproviders;
  mi.dq.lines_read = sn.lines_read;
  mi.dq.lines_accepted = sn.lines_accepted;
  mi.dq.duplicates_skipped = sn.duplicates;
  memcpy(mi.dq.rejected, sn.rejected, sizeof mi.dq.rejected);
  mi.suppression = ZT_SUPP_SMALL;
  mi.threshold = 5;
  t = zt_ind_table_new();
  if (zt_metrics_compute(&mi, &p, 1, ZT_DAY_NONE, t, &err)) {
    fprintf(stderr, "bench_metrics: %s\n", err.msg);
    return 1;
  }
  t2 = now();
  getrusage(RUSAGE_SELF, &ru);
  printf("bench_metrics: %zu lines %zu clients %zu members: snapshot %.2f s, "
         "normalize+indicators %.2f s, %zu rows, peak RSS %ld MB\n",
         sn.nlines, sn.nclients, cfg.nmembers, t1 - t0, t2 - t1,
         zt_ind_table_count(t), ru.ru_maxrss / 1024);
  zt_ind_table_free(t);
  zt_snapshot_free(&sn);
  zt_store_close(store);
  zt_refdata_free(rd);
  zt_config_free(&cfg);
  return 0;
}

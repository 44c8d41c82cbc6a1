/*
 * etl/store_delivery.c -- what the report's Verantwoording reads of the
 * store's file register (ingest_file): the deliveries per provider, kind,
 * format and month, the files refused whole, and the day of the latest
 * declaration delivery (store.h).
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/str.h"
#include "etl/store_int.h"

static void col_text(sqlite3_stmt *st, int i, char *buf, size_t size) {
  const char *t = (const char *)sqlite3_column_text(st, i);
  zt_strlcpy(buf, t ? t : "", size);
}

static zt_day col_day(sqlite3_stmt *st, int i) {
  return sqlite3_column_type(st, i) == SQLITE_NULL
             ? ZT_DAY_NONE
             : (zt_day)sqlite3_column_int64(st, i);
}

zt_status zt_store_deliveries(zt_store *s, zt_delivery **out, size_t *n,
                              zt_err *err) {
  static const char *const sql[2] = {
      "SELECT coalesce(agb, 0) AS a, kind, format, "
      "strftime('%Y-%m', delivered_day * 86400, 'unixepoch') AS m, "
      "count(*), sum(lines_read), sum(lines_accepted), "
      "sum(lines_rejected), sum(lines_duplicate), min(delivered_day), "
      "max(delivered_day) FROM ingest_file WHERE status = 'ingested' "
      "GROUP BY a, kind, format, m ORDER BY a, kind, m, format",
      "SELECT 0, kind, format, NULL, 1, lines_read, lines_accepted, "
      "lines_rejected, lines_duplicate, delivered_day, delivered_day, "
      "reject_reason, name FROM ingest_file WHERE status = 'rejected' "
      "ORDER BY delivered_day, name, id"};
  zt_delivery *v = NULL;
  size_t cnt = 0, cap = 0;
  *out = NULL;
  *n = 0;
  for (int k = 0; k < 2; k++) {
    sqlite3_stmt *st;
    int rc;
    if (sqlite3_prepare_v2(zt_store_db(s), sql[k], -1, &st, NULL) !=
        SQLITE_OK) {
      free(v);
      return zt_store_fail_(s, err, "reading the deliveries");
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      zt_delivery *d;
      int64_t agb = sqlite3_column_int64(st, 0);
      if (cnt == cap) {
        size_t nc = cap ? 2 * cap : 64;
        zt_delivery *nv = realloc(v, nc * sizeof *nv);
        if (!nv) {
          sqlite3_finalize(st);
          free(v);
          return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
        }
        v = nv;
        cap = nc;
      }
      d = &v[cnt++];
      memset(d, 0, sizeof *d);
      d->agb = agb < 0 ? ZT_DELIVERY_MANY : (uint32_t)agb;
      col_text(st, 1, d->kind, sizeof d->kind);
      col_text(st, 2, d->format, sizeof d->format);
      d->files = (long)sqlite3_column_int64(st, 4);
      d->lines_read = (long)sqlite3_column_int64(st, 5);
      d->accepted = (long)sqlite3_column_int64(st, 6);
      d->rejected = (long)sqlite3_column_int64(st, 7);
      d->duplicates = (long)sqlite3_column_int64(st, 8);
      d->first = col_day(st, 9);
      d->last = col_day(st, 10);
      d->refused = k == 1;
      if (d->refused) {
        col_text(st, 11, d->reason, sizeof d->reason);
        col_text(st, 12, d->name, sizeof d->name);
      }
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
      free(v);
      return zt_store_fail_(s, err, "reading the deliveries");
    }
  }
  *out = v;
  *n = cnt;
  return ZT_OK;
}

zt_status zt_store_latest_delivery(zt_store *s, zt_day *out, zt_err *err) {
  sqlite3_stmt *st;
  int rc;
  *out = ZT_DAY_NONE;
  if (sqlite3_prepare_v2(zt_store_db(s),
                         "SELECT max(delivered_day) FROM ingest_file "
                         "WHERE status = 'ingested' AND "
                         "kind = 'declaraties' AND lines_accepted > 0",
                         -1, &st, NULL) != SQLITE_OK)
    return zt_store_fail_(s, err, "reading the latest delivery date");
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    *out = col_day(st, 0);
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW)
    return zt_store_fail_(s, err, "reading the latest delivery date");
  return ZT_OK;
}

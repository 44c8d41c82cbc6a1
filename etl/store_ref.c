/*
 * etl/store_ref.c -- the reference tables in the store: the product
 * catalogue, the provider list, the population and the benchmark figures
 * (docs/store.md, "How ingest writes": a catalogue, provider list or
 * population file replaces the whole table).
 */
#include <sqlite3.h>
#include <stdio.h>

#include "core/kinds.h"
#include "etl/store.h"
#include "etl/store_int.h"

zt_status zt_store_replace_table(zt_store *s, zt_kind kind, zt_err *err) {
  const char *table = kind == ZT_KIND_PRODUCTCODES ? "product_code"
                      : kind == ZT_KIND_AANBIEDERS ? "provider"
                      : kind == ZT_KIND_BEVOLKING  ? "population"
                                                   : NULL;
  char sql[96];
  sqlite3_stmt *st;
  if (!table)
    return ZT_OK;
  /* Which file the table came from (0: empty), for the commit to tell a
   * repeat of that file from a return to it after another. */
  snprintf(sql, sizeof sql, "SELECT coalesce(max(file_id), 0) FROM %s",
           table);
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
    return zt_store_fail_(s, err, "reading a reference table");
  if (sqlite3_step(st) == SQLITE_ROW)
    s->replaced_from = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  snprintf(sql, sizeof sql, "DELETE FROM %s", table);
  if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return zt_store_fail_(s, err, "emptying a reference table");
  return ZT_OK;
}

zt_status zt_store_put_productcode(zt_store *s, int64_t file_id, long line,
                                   const zt_productcode *p,
                                   zt_put_result *res, zt_err *err) {
  sqlite3_stmt *st = zt_store_q_(s, Q_PC_INSERT);
  int rc;
  (void)line;
  zt_store_clear_(res);
  sqlite3_bind_int64(st, 1, file_id);
  sqlite3_bind_text(st, 2, p->code, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, zt_kind_id((zt_care_kind)p->kind), -1,
                    SQLITE_STATIC);
  if (p->label[0])
    sqlite3_bind_text(st, 4, p->label, -1, SQLITE_STATIC);
  if (p->valid_from != ZT_DAY_NONE)
    sqlite3_bind_int(st, 5, p->valid_from);
  if (p->valid_to != ZT_DAY_NONE)
    sqlite3_bind_int(st, 6, p->valid_to);
  sqlite3_bind_int(st, 7, p->gemeente);
  rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE)
    return zt_store_fail_(s, err, "storing a product code");
  if (sqlite3_changes(s->db) == 0)
    zt_put_reject(res, ZT_R_DUPLICATE_REFERENCE, ZT_P_CODE,
                  "productcode: '%s' is listed twice for the same "
                  "municipality and start date",
                  p->code);
  return ZT_OK;
}

zt_status zt_store_put_provider(zt_store *s, int64_t file_id, long line,
                                const zt_provider *p, zt_put_result *res,
                                zt_err *err) {
  sqlite3_stmt *st = zt_store_q_(s, Q_PROV_INSERT);
  int rc;
  (void)line;
  zt_store_clear_(res);
  sqlite3_bind_int64(st, 1, p->agb);
  sqlite3_bind_int64(st, 2, file_id);
  sqlite3_bind_text(st, 3, p->name, -1, SQLITE_STATIC);
  if (p->type[0])
    sqlite3_bind_text(st, 4, p->type, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 5, p->contracted);
  rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE)
    return zt_store_fail_(s, err, "storing a provider");
  if (sqlite3_changes(s->db) == 0)
    zt_put_reject(res, ZT_R_DUPLICATE_REFERENCE, ZT_V_AGB,
                  "agb: %08u is listed twice", p->agb);
  return ZT_OK;
}

zt_status zt_store_put_population(zt_store *s, int64_t file_id, long line,
                                  const zt_population *p, zt_put_result *res,
                                  zt_err *err) {
  sqlite3_stmt *st = zt_store_q_(s, Q_POP_INSERT);
  int rc;
  (void)line;
  zt_store_clear_(res);
  sqlite3_bind_int64(st, 1, file_id);
  sqlite3_bind_int(st, 2, p->gemeente);
  sqlite3_bind_int(st, 3, p->year);
  sqlite3_bind_int(st, 4, p->age_from);
  sqlite3_bind_int(st, 5, p->age_to);
  sqlite3_bind_int64(st, 6, p->count);
  rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE)
    return zt_store_fail_(s, err, "storing a population figure");
  if (sqlite3_changes(s->db) == 0)
    zt_put_reject(res, ZT_R_DUPLICATE_REFERENCE, ZT_B_GEMEENTE,
                  "gemeente: %04u, %d, ages %d-%d is listed twice",
                  p->gemeente, p->year, p->age_from, p->age_to);
  return ZT_OK;
}

zt_status zt_store_put_benchmark(zt_store *s, int64_t file_id, long line,
                                 const zt_benchmark *b, zt_put_result *res,
                                 zt_err *err) {
  sqlite3_stmt *st = zt_store_q_(s, Q_BENCH_INSERT);
  int rc;
  (void)line;
  zt_store_clear_(res);
  sqlite3_bind_int64(st, 1, file_id);
  sqlite3_bind_text(st, 2, b->indicator, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, b->area, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, b->period, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 5, b->num);
  sqlite3_bind_int64(st, 6, b->den);
  sqlite3_bind_text(st, 7, b->status, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 8, b->source, -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE)
    return zt_store_fail_(s, err, "storing a benchmark figure");
  if (sqlite3_changes(s->db) == 0)
    zt_put_reject(res, ZT_R_DUPLICATE_REFERENCE, ZT_M_INDICATOR,
                  "indicator: %s for %s, %s is listed twice", b->indicator,
                  b->area, b->period);
  return ZT_OK;
}

/*
 * etl/flow.c -- load the access and outflow flow from the store (see
 * flow.h): four reads, only when a request, start or stop is stored.
 */
#include "etl/flow.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sort.h"
#include "core/str.h"
#include "etl/store.h"

static zt_status fail(sqlite3 *db, zt_err *err, const char *what) {
  return zt_store_sqlite_fail(db, err, what);
}

static zt_day day_at(sqlite3_stmt *st, int col) {
  return sqlite3_column_type(st, col) == SQLITE_NULL
             ? ZT_DAY_NONE : (zt_day)sqlite3_column_int(st, col);
}

static void text_at(sqlite3_stmt *st, int col, char *out, size_t size) {
  const unsigned char *t = sqlite3_column_text(st, col);
  zt_strlcpy(out, t ? (const char *)t : "", size);
}

/* Run `sql` and call `row` for each result row into a growing array. */
typedef void (*row_fn)(sqlite3_stmt *st, void *elem);

static zt_status read_all(sqlite3 *db, const char *sql, size_t size,
                          row_fn row, void **arr, size_t *n, zt_err *err) {
  sqlite3_stmt *st;
  size_t cap = 0;
  int rc;
  *arr = NULL;
  *n = 0;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return fail(db, err, "preparing a flow query");
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    if (*n == cap) {
      size_t c = cap ? cap * 2 : 256;
      void *p = realloc(*arr, c * size);
      if (!p) {
        sqlite3_finalize(st);
        return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
      }
      *arr = p;
      cap = c;
    }
    memset((char *)*arr + *n * size, 0, size);
    row(st, (char *)*arr + *n * size);
    (*n)++;
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE)
    return fail(db, err, "reading the flow");
  return ZT_OK;
}

static void row_req(sqlite3_stmt *st, void *elem) {
  zt_flow_req *q = elem;
  q->client = (uint32_t)sqlite3_column_int64(st, 0);
  q->agb = (uint32_t)sqlite3_column_int64(st, 1);
  q->gemeente = (uint16_t)sqlite3_column_int(st, 2);
  q->category = (int16_t)sqlite3_column_int(st, 3);
  text_at(st, 4, q->code, sizeof q->code);
  text_at(st, 5, q->ref, sizeof q->ref);
  q->begin = day_at(st, 6);
  q->day = day_at(st, 7);
  q->verwijzer = sqlite3_column_int(st, 8);
}

static void row_assign(sqlite3_stmt *st, void *elem) {
  zt_flow_assign *a = elem;
  a->client = (uint32_t)sqlite3_column_int64(st, 0);
  a->agb = (uint32_t)sqlite3_column_int64(st, 1);
  a->gemeente = (uint16_t)sqlite3_column_int(st, 2);
  a->toewijzing = sqlite3_column_int64(st, 3);
  a->category = (int16_t)sqlite3_column_int(st, 4);
  text_at(st, 5, a->code, sizeof a->code);
  a->begin = day_at(st, 6);
  a->end = day_at(st, 7);
  a->reason = sqlite3_column_int(st, 8);
  text_at(st, 9, a->ref, sizeof a->ref);
  a->assigned = day_at(st, 10);
}

static void row_care(sqlite3_stmt *st, void *elem) {
  zt_flow_care *z = elem;
  z->client = (uint32_t)sqlite3_column_int64(st, 0);
  z->agb = (uint32_t)sqlite3_column_int64(st, 1);
  z->gemeente = (uint16_t)sqlite3_column_int(st, 2);
  z->toewijzing = sqlite3_column_int64(st, 3);
  z->category = (int16_t)sqlite3_column_int(st, 4);
  text_at(st, 5, z->code, sizeof z->code);
  z->assign_begin = day_at(st, 6);
  z->begin = day_at(st, 7);
  z->reason = sqlite3_column_int(st, 8);
  z->end = day_at(st, 9);
}

static void row_decl(sqlite3_stmt *st, void *elem) {
  zt_flow_decl *d = elem;
  d->client = (uint32_t)sqlite3_column_int64(st, 0);
  d->agb = (uint32_t)sqlite3_column_int64(st, 1);
  d->gemeente = (uint16_t)sqlite3_column_int(st, 2);
  d->toewijzing = sqlite3_column_int64(st, 3);
  d->first = day_at(st, 4);
}

static int cmp_decl(const void *pa, const void *pb) {
  const zt_flow_decl *a = pa, *b = pb;
  if (a->client != b->client)
    return a->client < b->client ? -1 : 1;
  if (a->agb != b->agb)
    return a->agb < b->agb ? -1 : 1;
  if (a->gemeente != b->gemeente)
    return a->gemeente < b->gemeente ? -1 : 1;
  if (a->toewijzing != b->toewijzing)
    return a->toewijzing < b->toewijzing ? -1 : 1;
  return (a->first > b->first) - (a->first < b->first);
}

static bool same_key(const zt_flow_decl *a, const zt_flow_decl *b) {
  return a->client == b->client && a->agb == b->agb &&
         a->gemeente == b->gemeente && a->toewijzing == b->toewijzing;
}

/* Sort the declared lines by their key and keep each key's first day
 * (the earliest, which the sort puts first). */
static void group_decls(zt_flow_data *f) {
  size_t n = 0;
  zt_qsort(f->decls, f->ndecls, sizeof *f->decls, cmp_decl);
  for (size_t i = 0; i < f->ndecls; i++)
    if (n == 0 || !same_key(&f->decls[n - 1], &f->decls[i]))
      f->decls[n++] = f->decls[i];
  f->ndecls = n;
}

zt_status zt_flow_load(sqlite3 *db, zt_day as_of, zt_flow_data *out,
                       zt_err *err) {
  sqlite3_stmt *st;
  bool any = false;
  zt_status rc;
  char k[128], ka[128], kb[128], kc[128], sql[1536];
  memset(out, 0, sizeof *out);
  /* A store of schema 4 always has the tables. */
  if (sqlite3_prepare_v2(db,
                         "SELECT EXISTS (SELECT 1 FROM flow_request) OR "
                         "EXISTS (SELECT 1 FROM flow_start) OR "
                         "EXISTS (SELECT 1 FROM flow_stop)",
                         -1, &st, NULL) != SQLITE_OK)
    return fail(db, err, "preparing a flow query");
  if (sqlite3_step(st) == SQLITE_ROW)
    any = sqlite3_column_int(st, 0) != 0;
  sqlite3_finalize(st);
  if (!any)
    return ZT_OK;
  zt_store_sql_known(k, sizeof k, "file_id", as_of);
  zt_store_sql_known(ka, sizeof ka, "a.file_id", as_of);
  zt_store_sql_known(kb, sizeof kb, "b.file_id", as_of);
  zt_store_sql_known(kc, sizeof kc, "c.file_id", as_of);
  snprintf(sql, sizeof sql,
           "SELECT client_id, agb, gemeente, category, product_code, "
           "referentie, begin_day, request_day, verwijzer FROM "
           "flow_request WHERE %s ORDER BY id", k);
  rc = read_all(db, sql, sizeof *out->req, row_req, (void **)&out->req,
                &out->nreq, err);
  /* The latest version of each assignment, with the first day it was
   * made and the request it names. */
  snprintf(sql, sizeof sql,
           "SELECT a.client_id, a.agb, a.gemeente, a.toewijzing, "
           "coalesce(a.category, -1), coalesce(a.product_code, ''), "
           "a.begin_day, a.end_day, coalesce(a.reason, -1), "
           "(SELECT max(b.referentie) FROM assignment b WHERE b.gemeente = "
           "a.gemeente AND b.toewijzing = a.toewijzing AND %s), "
           "(SELECT min(b.assigned_day) FROM assignment b WHERE b.gemeente = "
           "a.gemeente AND b.toewijzing = a.toewijzing AND %s) "
           "FROM assignment a WHERE a.id = (SELECT max(c.id) FROM assignment "
           "c WHERE c.gemeente = a.gemeente AND c.toewijzing = a.toewijzing "
           "AND %s) AND %s ORDER BY a.gemeente, a.toewijzing",
           kb, kb, kc, ka);
  if (!rc)
    rc = read_all(db, sql, sizeof *out->assign, row_assign,
                  (void **)&out->assign, &out->nassign, err);
  snprintf(sql, sizeof sql,
           "SELECT client_id, agb, gemeente, toewijzing, category, "
           "product_code, assign_begin, begin_day, -1, NULL FROM "
           "flow_start WHERE %s ORDER BY id", k);
  if (!rc)
    rc = read_all(db, sql, sizeof *out->starts, row_care,
                  (void **)&out->starts, &out->nstarts, err);
  snprintf(sql, sizeof sql,
           "SELECT client_id, agb, gemeente, toewijzing, category, "
           "product_code, assign_begin, begin_day, reason, end_day "
           "FROM flow_stop WHERE %s ORDER BY id", k);
  if (!rc)
    rc = read_all(db, sql, sizeof *out->stops, row_care,
                  (void **)&out->stops, &out->nstops, err);
  /* The first declared day of each (client, provider, municipality,
   * assignment): read in store order and grouped here, which costs a
   * sort in C instead of SQLite's sorter (a third of the snapshot). */
  snprintf(sql, sizeof sql,
           "SELECT client_id, agb, gemeente, coalesce(toewijzing, "
           "-1), begin_day FROM declaration WHERE credit = 0 AND %s", k);
  if (!rc)
    rc = read_all(db, sql, sizeof *out->decls, row_decl,
                  (void **)&out->decls, &out->ndecls, err);
  if (!rc)
    group_decls(out);
  if (rc)
    zt_flow_free(out);
  return rc;
}

void zt_flow_free(zt_flow_data *f) {
  free(f->req);
  free(f->assign);
  free(f->starts);
  free(f->stops);
  free(f->decls);
  memset(f, 0, sizeof *f);
}

bool zt_flow_present(const zt_flow_data *f) {
  return f && (f->nreq || f->nstarts || f->nstops);
}

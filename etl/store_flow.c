/*
 * etl/store_flow.c -- the store's tables of the access and outflow flow:
 * requests for assignment (JW315), starts (JW305) and stops (JW307) of
 * care, and their inserts and deletions (see store.h, docs/store.md).
 *
 * Keys follow the messages. A request is (provider, municipality,
 * ReferentieAanbieder, product); a start (provider, municipality, client,
 * ToewijzingNummer, product, Begindatum); a stop the start's key plus
 * RedenBeeindiging (iJw 3.2: a temporary stop, 20, and the definitive
 * one are two stops). An absent number is -1 and an absent code '' in
 * the key columns, so that UNIQUE sees them as equal. StatusAanlevering
 * 1 adds (an identical resend is a duplicate, the same key with other
 * content is rejected: corrections are a 3 and a new 1, IV008); 3
 * deletes the row with its key.
 */
#include "etl/store_int.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char zt_store_flow_schema[] =
    "ALTER TABLE assignment ADD COLUMN referentie TEXT;\n"
    "ALTER TABLE assignment ADD COLUMN assigned_day INTEGER;\n"
    "CREATE TABLE flow_request (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  file_id INTEGER NOT NULL REFERENCES ingest_file(id),\n"
    "  line INTEGER NOT NULL,\n"
    "  client_id INTEGER NOT NULL REFERENCES client(id),\n"
    "  agb INTEGER NOT NULL,\n"
    "  gemeente INTEGER NOT NULL,\n"
    "  referentie TEXT NOT NULL,\n"
    "  category INTEGER NOT NULL,\n"
    "  product_code TEXT NOT NULL,\n"
    "  begin_day INTEGER NOT NULL,\n"
    "  request_day INTEGER NOT NULL,\n"
    "  verwijzer INTEGER NOT NULL,\n"
    "  UNIQUE (agb, gemeente, referentie, category, product_code)\n"
    ");\n"
    "CREATE TABLE flow_start (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  file_id INTEGER NOT NULL REFERENCES ingest_file(id),\n"
    "  line INTEGER NOT NULL,\n"
    "  client_id INTEGER NOT NULL REFERENCES client(id),\n"
    "  agb INTEGER NOT NULL,\n"
    "  gemeente INTEGER NOT NULL,\n"
    "  toewijzing INTEGER NOT NULL,\n"
    "  category INTEGER NOT NULL,\n"
    "  product_code TEXT NOT NULL,\n"
    "  assign_begin INTEGER,\n"
    "  begin_day INTEGER NOT NULL,\n"
    "  UNIQUE (agb, gemeente, client_id, toewijzing, category,\n"
    "          product_code, begin_day)\n"
    ");\n"
    "CREATE TABLE flow_stop (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  file_id INTEGER NOT NULL REFERENCES ingest_file(id),\n"
    "  line INTEGER NOT NULL,\n"
    "  client_id INTEGER NOT NULL REFERENCES client(id),\n"
    "  agb INTEGER NOT NULL,\n"
    "  gemeente INTEGER NOT NULL,\n"
    "  toewijzing INTEGER NOT NULL,\n"
    "  category INTEGER NOT NULL,\n"
    "  product_code TEXT NOT NULL,\n"
    "  assign_begin INTEGER,\n"
    "  begin_day INTEGER NOT NULL,\n"
    "  reason INTEGER NOT NULL,\n"
    "  end_day INTEGER NOT NULL,\n"
    "  UNIQUE (agb, gemeente, client_id, toewijzing, category,\n"
    "          product_code, begin_day, reason)\n"
    ");\n";

enum {
  F_REQ_INSERT, F_REQ_FIND,
  F_START_INSERT, F_START_FIND, F_START_DELETE,
  F_STOP_INSERT, F_STOP_FIND, F_STOP_DELETE,
  F_COUNT
};

#define KEY7 "agb = ?1 AND gemeente = ?2 AND client_id = ?3 AND " \
             "toewijzing = ?4 AND category = ?5 AND product_code = ?6 AND " \
             "begin_day = ?7"

static const char *const flow_sql[F_COUNT] = {
    [F_REQ_INSERT] =
        "INSERT INTO flow_request (agb, gemeente, referentie, category, "
        "product_code, client_id, begin_day, request_day, verwijzer, "
        "file_id, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
        "?11) ON CONFLICT DO NOTHING",
    [F_REQ_FIND] =
        "SELECT client_id, begin_day, request_day, verwijzer FROM "
        "flow_request WHERE agb = ?1 AND gemeente = ?2 AND referentie = ?3 "
        "AND category = ?4 AND product_code = ?5",
    [F_START_INSERT] =
        "INSERT INTO flow_start (agb, gemeente, client_id, toewijzing, "
        "category, product_code, begin_day, assign_begin, file_id, line) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
        "ON CONFLICT DO NOTHING",
    [F_START_FIND] =
        "SELECT coalesce(assign_begin, -1) FROM flow_start WHERE " KEY7,
    [F_START_DELETE] = "DELETE FROM flow_start WHERE " KEY7,
    [F_STOP_INSERT] =
        "INSERT INTO flow_stop (agb, gemeente, client_id, toewijzing, "
        "category, product_code, begin_day, reason, end_day, assign_begin, "
        "file_id, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
        "?11, ?12) ON CONFLICT DO NOTHING",
    [F_STOP_FIND] =
        "SELECT end_day, coalesce(assign_begin, -1) FROM flow_stop WHERE "
        KEY7 " AND reason = ?8",
    [F_STOP_DELETE] = "DELETE FROM flow_stop WHERE " KEY7 " AND reason = ?8",
};

struct zt_store_flow {
  sqlite3_stmt *q[F_COUNT];
};

void zt_store_flow_free(struct zt_store_flow *f) {
  if (!f)
    return;
  for (int i = 0; i < F_COUNT; i++)
    sqlite3_finalize(f->q[i]);
  free(f);
}

/* The statement, prepared on first use, reset and unbound. */
static zt_status stmt(zt_store *s, int which, sqlite3_stmt **out,
                      zt_err *err) {
  struct zt_store_flow **slot = zt_store_flow_slot_(s);
  sqlite3_stmt *st;
  if (!*slot && !(*slot = calloc(1, sizeof **slot)))
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  st = (*slot)->q[which];
  if (!st) {
    if (sqlite3_prepare_v3(zt_store_db(s), flow_sql[which], -1,
                           SQLITE_PREPARE_PERSISTENT, &st, NULL) !=
        SQLITE_OK)
      return zt_store_fail_(s, err, "preparing a flow statement");
    (*slot)->q[which] = st;
  }
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  *out = st;
  return ZT_OK;
}

static void clear(zt_put_result *res) {
  memset(res, 0, sizeof *res);
  res->outcome = ZT_PUT_STORED;
}

static void rejected(zt_put_result *res, zt_reason why, int field,
                     const char *msg) {
  res->outcome = ZT_PUT_REJECTED;
  res->reject.reason = why;
  res->reject.field = field;
  snprintf(res->reject.message, sizeof res->reject.message, "%s", msg);
}

static void bind_day(sqlite3_stmt *st, int i, zt_day d) {
  if (d != ZT_DAY_NONE)
    sqlite3_bind_int(st, i, d);
}

zt_status zt_store_put_request(zt_store *s, int64_t file_id, long line,
                               const zt_request *q, zt_put_result *res,
                               zt_err *err) {
  sqlite3_stmt *st;
  int64_t cid;
  int rc;
  zt_status zs;
  clear(res);
  zt_store_agb_(s, q->agb);
  if ((zs = zt_store_client_(s, &q->client, &cid, err)) ||
      (zs = stmt(s, F_REQ_INSERT, &st, err)))
    return zs;
  sqlite3_bind_int64(st, 1, q->agb);
  sqlite3_bind_int(st, 2, q->gemeente);
  sqlite3_bind_text(st, 3, q->ref, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 4, q->category);
  sqlite3_bind_text(st, 5, q->code, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 6, cid);
  sqlite3_bind_int(st, 7, q->begin);
  sqlite3_bind_int(st, 8, q->day);
  sqlite3_bind_int(st, 9, q->verwijzer);
  sqlite3_bind_int64(st, 10, file_id);
  sqlite3_bind_int64(st, 11, line);
  rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE)
    return zt_store_fail_(s, err, "storing a request");
  if (sqlite3_changes(zt_store_db(s)) == 1)
    return ZT_OK;
  /* the key is stored: the same request again, or another one */
  if ((zs = stmt(s, F_REQ_FIND, &st, err)))
    return zs;
  sqlite3_bind_int64(st, 1, q->agb);
  sqlite3_bind_int(st, 2, q->gemeente);
  sqlite3_bind_text(st, 3, q->ref, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 4, q->category);
  sqlite3_bind_text(st, 5, q->code, -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  if (rc != SQLITE_ROW) {
    sqlite3_reset(st);
    return zt_store_fail_(s, err, "looking up a request");
  }
  if (sqlite3_column_int64(st, 0) == cid &&
      sqlite3_column_int(st, 1) == q->begin &&
      sqlite3_column_int(st, 2) == q->day &&
      sqlite3_column_int(st, 3) == q->verwijzer)
    res->outcome = ZT_PUT_DUPLICATE;
  else
    rejected(res, ZT_R_DUPLICATE_REFERENCE, ZT_Q_REF,
             "referentie_aanbieder: this provider's request with this "
             "reference and product is stored with other content");
  sqlite3_reset(st);
  return ZT_OK;
}

/* Bind the key of a start or stop: ?1 .. ?7 (and ?8, the reason). */
static void bind_key(sqlite3_stmt *st, const zt_care_event *z, int64_t cid,
                     bool reason) {
  sqlite3_bind_int64(st, 1, z->agb);
  sqlite3_bind_int(st, 2, z->gemeente);
  sqlite3_bind_int64(st, 3, cid);
  sqlite3_bind_int64(st, 4, z->toewijzing);
  sqlite3_bind_int(st, 5, z->category);
  sqlite3_bind_text(st, 6, z->code, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 7, z->begin);
  if (reason)
    sqlite3_bind_int(st, 8, z->reason);
}

zt_status zt_store_put_care(zt_store *s, int64_t file_id, long line,
                            const zt_care_event *z, zt_put_result *res,
                            zt_err *err) {
  sqlite3_stmt *st;
  int64_t cid;
  int rc;
  zt_status zs;
  const char *what = z->stop ? "a stop of care" : "a start of care";
  clear(res);
  zt_store_agb_(s, z->agb);
  if ((zs = zt_store_client_(s, &z->client, &cid, err)))
    return zs;
  if (z->remove) {
    if ((zs = stmt(s, z->stop ? F_STOP_DELETE : F_START_DELETE, &st, err)))
      return zs;
    bind_key(st, z, cid, z->stop);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
      return zt_store_fail_(s, err, what);
    if (sqlite3_changes(zt_store_db(s)) == 0)
      rejected(res, ZT_R_DELETE_UNKNOWN, ZT_Z_STATUS,
               z->stop ? "status_aanlevering: 3 (delete), but no stop with "
                         "this key is stored"
                       : "status_aanlevering: 3 (delete), but no start with "
                         "this key is stored");
    return ZT_OK;
  }
  if ((zs = stmt(s, z->stop ? F_STOP_INSERT : F_START_INSERT, &st, err)))
    return zs;
  bind_key(st, z, cid, z->stop);
  if (z->stop) {
    sqlite3_bind_int(st, 9, z->end);
    bind_day(st, 10, z->assign_begin);
    sqlite3_bind_int64(st, 11, file_id);
    sqlite3_bind_int64(st, 12, line);
  } else {
    bind_day(st, 8, z->assign_begin);
    sqlite3_bind_int64(st, 9, file_id);
    sqlite3_bind_int64(st, 10, line);
  }
  rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE)
    return zt_store_fail_(s, err, what);
  if (sqlite3_changes(zt_store_db(s)) == 1)
    return ZT_OK;
  if ((zs = stmt(s, z->stop ? F_STOP_FIND : F_START_FIND, &st, err)))
    return zs;
  bind_key(st, z, cid, z->stop);
  rc = sqlite3_step(st);
  if (rc != SQLITE_ROW) {
    sqlite3_reset(st);
    return zt_store_fail_(s, err, what);
  }
  {
    int ab = z->assign_begin == ZT_DAY_NONE ? -1 : z->assign_begin;
    bool same = z->stop ? sqlite3_column_int(st, 0) == z->end &&
                              sqlite3_column_int(st, 1) == ab
                        : sqlite3_column_int(st, 0) == ab;
    if (same)
      res->outcome = ZT_PUT_DUPLICATE;
    else
      rejected(res, ZT_R_DUPLICATE_REFERENCE, z->stop ? ZT_Z_END : -1,
               z->stop ? "einddatum: a stop with this key (start and "
                         "reason) is stored with another Einddatum; a "
                         "correction is a deletion (3) and a new stop (1)"
                       : "line: a start with this key is stored with other "
                         "content; a correction is a deletion (3) and a "
                         "new start (1)");
  }
  sqlite3_reset(st);
  return ZT_OK;
}

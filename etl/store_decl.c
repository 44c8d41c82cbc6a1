/*
 * etl/store_decl.c -- the declaration lines into the store: queued,
 * sorted and inserted in batches, an identical resend told from a changed
 * line, credits matched with their debits (store.h).
 *
 * Speed notes. SQLite's insert is the cost of ingest (about 10,000
 * instructions a row here), so everything around it is kept small:
 * - Uniqueness of (provider, ReferentieNummer) is a UNIQUE index on a
 *   64-bit hash of the pair (`ref_key`): an integer index is far cheaper
 *   than one on text. A hash collision between two different references is
 *   detected (the stored row's text is compared) and the newcomer is
 *   stored with ref_key NULL, found again through a partial index that
 *   holds only such rows (empty in practice, so it costs an evaluation of
 *   its WHERE per insert, not an index update).
 * - Lines are queued and inserted in batches sorted by that key, so the
 *   index is walked in order; runs of plain debits go MULTI rows to one
 *   INSERT statement. ON CONFLICT DO NOTHING keeps the fast path free of
 *   lookups; only a conflict (rare) costs queries, to tell an identical
 *   resend from a changed line.
 * - Client ids are cached in memory by pseudonym (memory grows with
 *   clients, not lines), and so are the credits waiting for their debit, so
 *   a debit costs no extra query unless a credit waits for it.
 */
#include "etl/store.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/hash.h"
#include "core/sort.h"
#include "core/str.h"
#include "etl/pseudo.h"
#include "etl/store_int.h"

typedef struct found_row {
  bool found;
  int64_t id;
  int64_t file_id;   /* the file that delivered it first */
  char declnr[ZT_TEXT_BYTES(ZT_DECLNR_MAX)]; /* its DeclaratieNummer */
  bool credit;
  bool same;         /* the stored line has the same content */
  bool restated;     /* the line `d`, a credit, restates it */
} found_row;

/* The columns of the row under `st` that say where it came from. */
static void found_origin(sqlite3_stmt *st, found_row *f) {
  const unsigned char *nr = sqlite3_column_text(st, 17);
  f->file_id = sqlite3_column_int64(st, 16);
  snprintf(f->declnr, sizeof f->declnr, "%s", nr ? (const char *)nr : "");
}

/* Does the credit `d` of client `cid` restate the stored line under `st`
 * (DECL_CONTENT columns), its debit? The same child, municipality,
 * product and product period, and no more money than the debit: a
 * credit that names another child's line, or more than it, would cancel
 * care that was given or drive the net amount below zero (docs/rules.md
 * §1). Q_DECL_RESOLVE asks the same of a credit that waited. */
static bool restates(sqlite3_stmt *st, const zt_decl *d, int64_t cid) {
  return sqlite3_column_int64(st, 4) == cid &&
         sqlite3_column_int(st, 5) == d->gemeente &&
         sqlite3_column_int(st, 8) == d->category &&
         strcmp((const char *)sqlite3_column_text(st, 9), d->code) == 0 &&
         sqlite3_column_int(st, 10) == d->begin &&
         sqlite3_column_int(st, 11) == d->end &&
         sqlite3_column_int64(st, 15) >= d->amount;
}

/* Does the row under `st` (DECL_CONTENT columns) hold the line `d` of
 * client `cid`? */
static bool same_content(sqlite3_stmt *st, const zt_decl *d, int64_t cid) {
  return sqlite3_column_int(st, 3) == d->credit &&
         sqlite3_column_int64(st, 4) == cid &&
         sqlite3_column_int(st, 5) == d->gemeente &&
         sqlite3_column_int64(st, 6) == d->toewijzing &&
         strcmp((const char *)sqlite3_column_text(st, 7), d->prev_ref) == 0 &&
         sqlite3_column_int(st, 8) == d->category &&
         strcmp((const char *)sqlite3_column_text(st, 9), d->code) == 0 &&
         sqlite3_column_int(st, 10) == d->begin &&
         sqlite3_column_int(st, 11) == d->end &&
         sqlite3_column_int64(st, 12) == d->volume &&
         sqlite3_column_int(st, 13) == d->unit &&
         sqlite3_column_int64(st, 14) == d->tariff &&
         sqlite3_column_int64(st, 15) == d->amount;
}

/* Find the stored line with this provider and reference; with `d`, also
 * tell whether it has the same content. */
static zt_status find_ref(zt_store *s, uint32_t agb, const char *ref,
                          const zt_decl *d, int64_t cid, found_row *f,
                          bool *collision, zt_err *err) {
  sqlite3_stmt *st = zt_store_q_(s, Q_DECL_BY_KEY);
  int rc;
  memset(f, 0, sizeof *f);
  *collision = false;
  sqlite3_bind_int64(st, 1, zt_store_ref_key_(agb, ref));
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    if ((uint32_t)sqlite3_column_int64(st, 1) == agb &&
        strcmp((const char *)sqlite3_column_text(st, 2), ref) == 0) {
      f->found = true;
      f->id = sqlite3_column_int64(st, 0);
      f->credit = sqlite3_column_int(st, 3) != 0;
      f->same = d && same_content(st, d, cid);
      f->restated = d && restates(st, d, cid);
      found_origin(st, f);
      sqlite3_reset(st);
      return ZT_OK;
    }
    *collision = true;      /* another reference has the same hash */
  } else if (rc != SQLITE_DONE) {
    return zt_store_fail_(s, err, "looking up a reference");
  }
  sqlite3_reset(st);
  st = zt_store_q_(s, Q_DECL_BY_TEXT);
  sqlite3_bind_int64(st, 1, agb);
  sqlite3_bind_text(st, 2, ref, -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    f->found = true;
    f->id = sqlite3_column_int64(st, 0);
    f->credit = sqlite3_column_int(st, 3) != 0;
    f->same = d && same_content(st, d, cid);
    f->restated = d && restates(st, d, cid);
    found_origin(st, f);
  } else if (rc != SQLITE_DONE) {
    return zt_store_fail_(s, err, "looking up a reference");
  }
  sqlite3_reset(st);
  return ZT_OK;
}

/* Bind `v`, or NULL when `present` is false. */
static void bind_opt_int64(sqlite3_stmt *st, int i, int64_t v,
                           bool present) {
  if (present)
    sqlite3_bind_int64(st, i, v);
  else
    sqlite3_bind_null(st, i);
}

/* Bind the text `t`, or NULL when it is empty. */
static void bind_opt_text(sqlite3_stmt *st, int i, const char *t) {
  if (t[0])
    sqlite3_bind_text(st, i, t, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null(st, i);
}

static void bind_decl(sqlite3_stmt *st, int base, int64_t file_id, long line,
                      int64_t cid, const zt_decl *d, int64_t key,
                      bool with_key, int64_t debit_id) {
  sqlite3_bind_int64(st, base + 1, file_id);
  sqlite3_bind_int64(st, base + 2, line);
  sqlite3_bind_int64(st, base + 3, cid);
  sqlite3_bind_int64(st, base + 4, d->agb);
  sqlite3_bind_int(st, base + 5, d->gemeente);
  bind_opt_int64(st, base + 6, d->toewijzing, d->toewijzing >= 0);
  sqlite3_bind_text(st, base + 7, d->ref, -1, SQLITE_STATIC);
  bind_opt_int64(st, base + 8, key, with_key);
  bind_opt_text(st, base + 9, d->prev_ref);
  sqlite3_bind_int(st, base + 10, d->category);
  sqlite3_bind_text(st, base + 11, d->code, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, base + 12, d->begin);
  sqlite3_bind_int(st, base + 13, d->end);
  sqlite3_bind_int64(st, base + 14, d->volume);
  sqlite3_bind_int(st, base + 15, d->unit);
  bind_opt_int64(st, base + 16, d->tariff, d->tariff >= 0);
  sqlite3_bind_int64(st, base + 17, d->amount);
  sqlite3_bind_int(st, base + 18, d->credit);
  bind_opt_int64(st, base + 19, debit_id, debit_id != 0);
  bind_opt_text(st, base + 20, d->declnr);
}

/* A line whose provider and reference are stored already (`f`): an
 * identical resend, or a changed one (duplicate_reference). An identical
 * line of a JW323 that another declaration delivered first is noted as
 * delivered again: should the first be rejected whole, this delivery's
 * answer still counts (a resend after a technical rejection). Under the
 * same DeclaratieNummer that is only so when the two messages'
 * identifications differ, which is known once the file is read:
 * zt_store_same_number_resends keeps or drops those notes then. */
static zt_status repeat_outcome(zt_store *s, int64_t file_id,
                                const found_row *f, const zt_decl *d,
                                zt_put_result *res, zt_err *err) {
  sqlite3_stmt *st;
  int rc;
  if (!f->same) {
    if (f->file_id != file_id && f->declnr[0] &&
        strcmp(f->declnr, d->declnr) == 0)
      zt_put_reject(res, ZT_R_DUPLICATE_REFERENCE, ZT_D_REF,
                    "referentienummer: '%s' of provider %08u is already "
                    "stored with other content, from an earlier "
                    "declaration with the same DeclaratieNummer %s; the "
                    "first stays (a correction is a credit and a new line "
                    "with a new reference)",
                    d->ref, d->agb, d->declnr);
    else
      zt_put_reject(res, ZT_R_DUPLICATE_REFERENCE, ZT_D_REF,
                    "referentienummer: '%s' of provider %08u is already "
                    "stored with other content",
                    d->ref, d->agb);
    return ZT_OK;
  }
  res->outcome = ZT_PUT_DUPLICATE;
  if (!s->file_ijw || f->file_id == file_id || !f->declnr[0] ||
      !d->declnr[0])
    return ZT_OK;
  st = zt_store_q_(s, Q_REDELIVERY);
  sqlite3_bind_int64(st, 1, f->id);
  sqlite3_bind_int64(st, 2, file_id);
  sqlite3_bind_text(st, 3, d->declnr, -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE)
    return zt_store_fail_(s, err, "noting a line delivered again");
  return ZT_OK;
}

zt_status zt_store_same_number_resends(zt_store *s, int64_t file_id,
                                       const char *ident, long *kept,
                                       char *first, char *nr, size_t n,
                                       zt_err *err) {
  /* a copy: a message with this identification delivered the line
   * already (first, or again); or a note under the first delivery's own
   * number without two identifications to tell the messages apart */
  static const char drop[] =
      "DELETE FROM redelivery WHERE file_id = ?1 AND ((?2 <> '' AND ("
      "EXISTS (SELECT 1 FROM declaration d JOIN message_ident m ON "
      "m.file_id = d.file_id WHERE d.id = redelivery.decl_id AND "
      "m.identificatie = ?2) OR EXISTS (SELECT 1 FROM redelivery o JOIN "
      "message_ident m ON m.file_id = o.file_id WHERE o.decl_id = "
      "redelivery.decl_id AND o.file_id <> ?1 AND m.identificatie = ?2)))"
      " OR (declaratie_nr = (SELECT d.declaratie_nr FROM declaration d "
      "WHERE d.id = redelivery.decl_id) AND (?2 = '' OR NOT EXISTS ("
      "SELECT 1 FROM declaration d JOIN message_ident m ON m.file_id = "
      "d.file_id WHERE d.id = redelivery.decl_id))))";
  static const char left[] =
      "SELECT count(*), min(m.identificatie), min(d.declaratie_nr) FROM "
      "redelivery r JOIN declaration d ON d.id = r.decl_id JOIN "
      "message_ident m ON m.file_id = d.file_id WHERE r.file_id = ?1 AND "
      "r.declaratie_nr = d.declaratie_nr";
  sqlite3_stmt *st;
  int rc;
  *kept = 0;
  first[0] = nr[0] = '\0';
  if (sqlite3_prepare_v2(s->db, drop, -1, &st, NULL) != SQLITE_OK)
    return zt_store_fail_(s, err, "judging lines delivered again");
  sqlite3_bind_int64(st, 1, file_id);
  sqlite3_bind_text(st, 2, ident ? ident : "", -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE)
    return zt_store_fail_(s, err, "judging lines delivered again");
  if (sqlite3_prepare_v2(s->db, left, -1, &st, NULL) != SQLITE_OK)
    return zt_store_fail_(s, err, "judging lines delivered again");
  sqlite3_bind_int64(st, 1, file_id);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    const unsigned char *a = sqlite3_column_text(st, 1);
    const unsigned char *b = sqlite3_column_text(st, 2);
    *kept = sqlite3_column_int64(st, 0);
    zt_strlcpy(first, a ? (const char *)a : "", n);
    zt_strlcpy(nr, b ? (const char *)b : "", n);
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW)
    return zt_store_fail_(s, err, "judging lines delivered again");
  return ZT_OK;
}

/* The typed line as text for the reject list (no BSN: the client is
 * named by its pseudonym, `pseudo`). */
static void render_decl_as(const zt_decl *d, const char *pseudo, char *out,
                           size_t n) {
  char b[11], e[11];
  zt_date_iso(d->begin, b);
  zt_date_iso(d->end, e);
  snprintf(out, n,
           "aanbieder_agb=%08u;gemeente=%04u;client=%s;referentienummer=%s;"
           "vorig_referentienummer=%s;productcategorie=%02u;productcode=%s;"
           "begindatum=%s;einddatum=%s;volume=%lld;eenheid=%02u;bedrag=%lld;"
           "debet_credit=%c",
           d->agb, d->gemeente, pseudo, d->ref, d->prev_ref, d->category,
           d->code, b, e, (long long)d->volume, d->unit,
           (long long)d->amount, d->credit ? 'C' : 'D');
}

static void render_decl(const zt_decl *d, char *out, size_t n) {
  char pseudo[ZT_PSEUDO_TEXT];
  zt_pseudo_text(&d->client, pseudo);
  render_decl_as(d, pseudo, out, n);
}

/* A credit `d` was just stored while credits wait for a debit with its
 * reference: they name a credit, which a credit may not (docs/rules.md
 * §1). Each leaves quarantine for the reject list, counted in its own
 * file, as it would have been had it arrived after `d`. Rare: a plain
 * statement, not a cached one. */
static zt_status reject_waiting_on(zt_store *s, int64_t file_id,
                                   const zt_decl *d, int *moved,
                                   int *moved_here, zt_err *err) {
  static const char sql[] =
      "SELECT d.id, d.file_id, d.line, c.pseudonym, d.gemeente, d.ref, "
      "d.category, d.product_code, d.begin_day, d.end_day, d.volume, "
      "d.unit, d.amount "
      "FROM declaration d JOIN client c ON c.id = d.client_id "
      "WHERE d.agb = ?1 AND d.prev_ref = ?2 AND d.credit = 1 "
      "AND d.debit_id IS NULL ORDER BY d.id";
  sqlite3_stmt *st, *redel = NULL, *del = NULL, *upd = NULL;
  zt_status zs = ZT_OK;
  char msg[160];
  int rc;

  *moved = *moved_here = 0;
  if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(s->db,
                         "DELETE FROM redelivery WHERE decl_id = ?1",
                         -1, &redel, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(s->db, "DELETE FROM declaration WHERE id = ?1", -1,
                         &del, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(s->db,
                         "UPDATE ingest_file SET lines_accepted = "
                         "lines_accepted - 1, lines_rejected = "
                         "lines_rejected + 1, credits_waiting = "
                         "max(credits_waiting - 1, 0) WHERE id = ?1",
                         -1, &upd, NULL) != SQLITE_OK) {
    zs = zt_store_fail_(s, err, "rejecting a credit that names a credit");
    goto done;
  }
  sqlite3_bind_int64(st, 1, d->agb);
  sqlite3_bind_text(st, 2, d->ref, -1, SQLITE_STATIC);
  snprintf(msg, sizeof msg,
           "vorig_referentienummer: '%s' is itself a credit", d->ref);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(st, 0);
    int64_t fid = sqlite3_column_int64(st, 1);
    zt_decl w;                 /* the waiting credit, as render_decl reads */
    char raw[400];
    memset(&w, 0, sizeof w);
    w.agb = d->agb;
    w.gemeente = (uint16_t)sqlite3_column_int(st, 4);
    zt_strlcpy(w.ref, (const char *)sqlite3_column_text(st, 5),
               sizeof w.ref);
    zt_strlcpy(w.prev_ref, d->ref, sizeof w.prev_ref);
    w.category = (uint8_t)sqlite3_column_int(st, 6);
    zt_strlcpy(w.code, (const char *)sqlite3_column_text(st, 7),
               sizeof w.code);
    w.begin = (zt_day)sqlite3_column_int(st, 8);
    w.end = (zt_day)sqlite3_column_int(st, 9);
    w.volume = sqlite3_column_int64(st, 10);
    w.unit = (uint8_t)sqlite3_column_int(st, 11);
    w.amount = sqlite3_column_int64(st, 12);
    w.credit = true;
    render_decl_as(&w, (const char *)sqlite3_column_text(st, 3), raw,
                   sizeof raw);
    zs = zt_store_put_reject(s, fid, (long)sqlite3_column_int64(st, 2),
                             "vorig_referentienummer", ZT_R_VALUE_INVALID,
                             msg, raw, err);
    if (zs)
      goto done;
    /* with the lines that noted it was delivered again */
    sqlite3_bind_int64(redel, 1, id);
    rc = sqlite3_step(redel);
    sqlite3_reset(redel);
    if (rc != SQLITE_DONE)
      break;
    sqlite3_bind_int64(del, 1, id);
    rc = sqlite3_step(del);
    sqlite3_reset(del);
    if (rc != SQLITE_DONE)
      break;
    if (fid == file_id) {
      ++*moved_here;       /* counted with this line (count_result) */
    } else {
      s->batch.earlier_rejected++;
      sqlite3_bind_int64(upd, 1, fid);
      rc = sqlite3_step(upd);
      sqlite3_reset(upd);
      if (rc != SQLITE_DONE)
        break;
    }
    ++*moved;
  }
  if (rc != SQLITE_DONE)
    zs = zt_store_fail_(s, err, "rejecting a credit that names a credit");
done:
  sqlite3_finalize(st);
  sqlite3_finalize(redel);
  sqlite3_finalize(del);
  sqlite3_finalize(upd);
  return zs;
}

/* Store one declaration line now (see zt_store_put_decl). */
static zt_status put_decl_now(zt_store *s, int64_t file_id, long line,
                              const zt_decl *d, int64_t key,
                              zt_put_result *res, zt_err *err) {
  int64_t cid;
  int64_t debit_id = 0;
  int precision, rc;
  bool collision = false, stored_null_key = false;
  sqlite3_stmt *st;
  zt_status zs;

  zt_store_clear_(res);
  zs = zt_store_client_id_(s, &d->client, &cid, &precision, err);
  if (zs)
    return zs;
  if (d->credit && strcmp(d->prev_ref, d->ref) == 0) {
    zt_put_reject(res, ZT_R_VALUE_INVALID, ZT_D_PREVREF,
                  "vorig_referentienummer: '%s' is the line's own "
                  "referentienummer", d->prev_ref);
    return ZT_OK;
  }
  if (d->credit) {
    /* Find the debit first: a credit names it by its reference. */
    found_row debit;
    bool col2;
    zs = find_ref(s, d->agb, d->prev_ref, d, cid, &debit, &col2, err);
    if (zs)
      return zs;
    if (debit.found && debit.credit) {
      zt_put_reject(res, ZT_R_VALUE_INVALID, ZT_D_PREVREF,
                    "vorig_referentienummer: '%s' is itself a credit",
                    d->prev_ref);
      return ZT_OK;
    }
    if (debit.found && !debit.restated) {
      zt_put_reject(res, ZT_R_VALUE_INVALID, ZT_D_PREVREF,
                    "vorig_referentienummer: the credit does not restate "
                    "its debit '%s' (another client, municipality, product "
                    "or product period, or a larger amount)", d->prev_ref);
      return ZT_OK;
    }
    if (debit.found)
      debit_id = debit.id;
  }

  for (int attempt = 0; attempt < 2; attempt++) {
    /* The hot path: every parameter is bound each time, so the bindings
     * need no clearing. */
    st = s->q[Q_DECL_INSERT];
    bind_decl(st, 0, file_id, line, cid, d, stored_null_key ? 0 : key,
              !stored_null_key, debit_id);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
      return zt_store_fail_(s, err, "storing a declaration line");
    if (sqlite3_changes(s->db) == 1)
      break;
    /* A conflict: the same reference, a hash collision, or a second
     * credit for the same debit. */
    {
      found_row same;
      zs = find_ref(s, d->agb, d->ref, d, cid, &same, &collision, err);
      if (zs)
        return zs;
      if (same.found)
        return repeat_outcome(s, file_id, &same, d, res, err);
      if (collision && !stored_null_key) {
        stored_null_key = true;      /* try once more without the key */
        continue;
      }
      zt_put_reject(res, ZT_R_DUPLICATE_CREDIT, ZT_D_PREVREF,
                    "vorig_referentienummer: '%s' already has a credit",
                    d->prev_ref);
      return ZT_OK;
    }
  }
  if (res->outcome != ZT_PUT_STORED)
    return ZT_OK;

  if (d->birth != ZT_DAY_NONE && precision > 0) {
    zs = zt_store_client_birth_(s, cid, precision, d->birth, 0, 0,
                                "declaraties", false, err);
    if (zs)
      return zs;
  }
  if (d->credit) {
    if (debit_id) {
      res->credit_linked = true;
    } else {
      uint64_t n = 0, k = zt_store_map_key_(
                          (uint64_t)zt_store_ref_key_(d->agb, d->prev_ref));
      zt_u64map_get(&s->waiting, k, &n);
      if (zt_store_waiting_put_(s, k, n + 1))
        return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
      res->credit_waiting = true;
    }
  }
  if (d->credit && s->waiting.count) {
    uint64_t k = zt_store_map_key_((uint64_t)key), n = 0;
    int moved;
    if (zt_u64map_get(&s->waiting, k, &n) && n > 0) {
      zs = reject_waiting_on(s, file_id, d, &moved, &res->waiting_rejected,
                             err);
      if (zs)
        return zs;
      n -= (uint64_t)moved < n ? (uint64_t)moved : n;
      if (zt_store_waiting_put_(s, k, n))
        return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
    }
  } else if (!d->credit && s->waiting.count) {
    uint64_t k = zt_store_map_key_((uint64_t)key), n = 0;
    if (zt_u64map_get(&s->waiting, k, &n) && n > 0) {
      sqlite3_stmt *up = zt_store_q_(s, Q_DECL_RESOLVE);
      sqlite3_bind_int64(up, 1, sqlite3_last_insert_rowid(s->db));
      sqlite3_bind_int64(up, 2, d->agb);
      sqlite3_bind_text(up, 3, d->ref, -1, SQLITE_STATIC);
      sqlite3_bind_int64(up, 4, cid);
      sqlite3_bind_int(up, 5, d->gemeente);
      sqlite3_bind_int(up, 6, d->category);
      sqlite3_bind_text(up, 7, d->code, -1, SQLITE_STATIC);
      sqlite3_bind_int(up, 8, d->begin);
      sqlite3_bind_int(up, 9, d->end);
      sqlite3_bind_int64(up, 10, d->amount);
      if (sqlite3_step(up) != SQLITE_DONE)
        return zt_store_fail_(s, err, "applying a waiting credit");
      res->credits_resolved = sqlite3_changes(s->db);
      sqlite3_reset(up);
      /* the key may be shared by a hash collision: keep what remains */
      n -= (uint64_t)res->credits_resolved < n
               ? (uint64_t)res->credits_resolved : n;
      if (zt_store_waiting_put_(s, k, n))
        return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
    }
  }
  return ZT_OK;
}

/* Sort entries: the reference key, then the position in the batch. */
typedef struct sort_entry {
  int64_t key;
  uint32_t idx;
  bool credit;
} sort_entry;

static int cmp_entry(const void *pa, const void *pb) {
  const sort_entry *a = pa, *b = pb;
  if (a->key != b->key)
    return a->key < b->key ? -1 : 1;
  if (a->credit != b->credit)
    return a->credit ? 1 : -1;
  return a->idx < b->idx ? -1 : a->idx > b->idx;
}

static void count_result(zt_store *s, const zt_put_result *res) {
  switch (res->outcome) {
  case ZT_PUT_STORED:
    s->batch.accepted++;
    s->batch.credits_linked += res->credit_linked;
    s->batch.credits_waiting += res->credit_waiting;
    s->batch.credits_resolved += res->credits_resolved;
    /* earlier lines of this file, counted as stored and waiting */
    s->batch.accepted -= res->waiting_rejected;
    s->batch.credits_waiting -= res->waiting_rejected;
    s->batch.rejected += res->waiting_rejected;
    s->batch.by_reason[ZT_R_VALUE_INVALID] += res->waiting_rejected;
    break;
  case ZT_PUT_DUPLICATE:
    s->batch.duplicates++;
    break;
  case ZT_PUT_REJECTED:
    s->batch.rejected++;
    s->batch.by_reason[res->reject.reason]++;
    break;
  }
}

/* Count what became of a queued line; keep it when rejected. */
static zt_status record_result(zt_store *s, const pending *p,
                               const zt_put_result *res,
                               const char *const *names, zt_err *err) {
  count_result(s, res);
  if (res->outcome == ZT_PUT_STORED && p->d.amount_off)
    s->batch.amount_off++;
  if (res->outcome == ZT_PUT_REJECTED) {
    char raw[400];
    render_decl(&p->d, raw, sizeof raw);
    return zt_store_put_reject(
        s, p->file_id, p->line,
        res->reject.field >= 0 ? names[res->reject.field] : NULL,
        res->reject.reason, res->reject.message, raw, err);
  }
  return ZT_OK;
}

/* How many of the sorted entries from `i` (at most MULTI) can go into
 * one INSERT: debits no waiting credit is looking for, with references
 * that differ from each other (equal ones must meet one at a time). */
static size_t plain_run(const zt_store *s, size_t i) {
  size_t k;
  for (k = i; k < s->npending && k < i + MULTI; k++) {
    const pending *p = &s->pending[s->order[k].idx];
    uint64_t n;
    if (p->d.credit)
      break;
    if (k > i && s->order[k].key == s->order[k - 1].key)
      break;
    if (s->waiting.count &&
        zt_u64map_get(&s->waiting, zt_store_map_key_((uint64_t)p->key),
                      &n) &&
        n > 0)
      break;
  }
  return k - i;
}

/* Insert the n = MULTI >> k plain debits from `i` with one statement.
 * Rows that conflict with stored ones (repeats, changed references, key
 * collisions) are then found by their row id and taken through the
 * one-line path. */
static zt_status insert_chunk(zt_store *s, size_t i, int k,
                              const char *const *names, zt_err *err) {
  int64_t cid[MULTI], before = 0;
  int prec[MULTI], rc, n = MULTI >> k;
  sqlite3_stmt *st;
  zt_status zs;
  bool all;

  for (int r = 0; r < n; r++) {
    const pending *p = &s->pending[s->order[i + (size_t)r].idx];
    zs = zt_store_client_id_(s, &p->d.client, &cid[r], &prec[r], err);
    if (zs)
      return zs;
  }
  if (s->probe_first) {
    /* a resend: when every line is stored already, settle them by their
     * lookups alone, without the insert that would store nothing */
    found_row f[MULTI];
    int r;
    for (r = 0; r < n; r++) {
      const pending *p = &s->pending[s->order[i + (size_t)r].idx];
      bool collision;
      zs = find_ref(s, p->d.agb, p->d.ref, &p->d, cid[r], &f[r], &collision,
                    err);
      if (zs)
        return zs;
      if (!f[r].found)
        break;
    }
    if (r == n) {
      for (r = 0; r < n; r++) {
        const pending *p = &s->pending[s->order[i + (size_t)r].idx];
        zt_put_result res;
        zt_store_clear_(&res);
        zs = repeat_outcome(s, p->file_id, &f[r], &p->d, &res, err);
        if (!zs)
          zs = record_result(s, p, &res, names, err);
        if (zs)
          return zs;
      }
      return ZT_OK;
    }
  }
  st = zt_store_q_(s, Q_DECL_MAX_ID);
  if (sqlite3_step(st) == SQLITE_ROW)
    before = sqlite3_column_int64(st, 0);
  sqlite3_reset(st);
  st = s->multi[k];
  for (int r = 0; r < n; r++) {
    const pending *p = &s->pending[s->order[i + (size_t)r].idx];
    bind_decl(st, r * 20, p->file_id, p->line, cid[r], &p->d, p->key, true,
              0);
  }
  rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE)
    return zt_store_fail_(s, err, "storing declaration lines");
  all = sqlite3_changes(s->db) == n;
  s->probe_first = sqlite3_changes(s->db) == 0;
  for (int r = 0; r < n; r++) {
    const pending *p = &s->pending[s->order[i + (size_t)r].idx];
    zt_put_result res;
    bool mine = all, settled = all;
    zt_store_clear_(&res);
    if (!all) {
      /* one lookup tells whether this statement stored the line, or
       * which stored line it repeats (a resend costs no second insert) */
      found_row f;
      bool collision;
      zs = find_ref(s, p->d.agb, p->d.ref, &p->d, cid[r], &f, &collision,
                    err);
      if (zs)
        return zs;
      if (f.found) {
        settled = true;
        mine = f.id > before;
        if (!mine) {
          zs = repeat_outcome(s, p->file_id, &f, &p->d, &res, err);
          if (zs)
            return zs;
        }
      }
    }
    if (mine) {
      if (p->d.birth != ZT_DAY_NONE && prec[r] > 0) {
        zs = zt_store_client_birth_(s, cid[r], prec[r], p->d.birth, 0, 0,
                          "declaraties", false, err);
        if (zs)
          return zs;
        prec[r] = 0;
      }
    } else if (!settled) {
      /* not stored and not found: a key taken by another reference */
      zs = put_decl_now(s, p->file_id, p->line, &p->d, p->key, &res, err);
      if (zs)
        return zs;
    }
    zs = record_result(s, p, &res, names, err);
    if (zs)
      return zs;
  }
  return ZT_OK;
}

zt_status zt_store_flush(zt_store *s, zt_err *err) {
  static const char *const names[ZT_D_NFIELDS] = {
      "aanbieder_agb", "gemeente", "bsn", "toewijzingnummer",
      "referentienummer", "vorig_referentienummer", "productcategorie",
      "productcode", "begindatum", "einddatum", "volume", "eenheid",
      "tarief", "bedrag", "debet_credit", "geboortedatum",
      "declaratienummer"};
  zt_status st = ZT_OK;
  if (s->npending == 0)
    return ZT_OK;
  /* Sorted by reference key, the inserts into the UNIQUE index walk it
   * in order instead of jumping about: several times faster than line
   * order. Lines with the same reference keep their order. */
  /* A credit sorts right behind its debit (the key of its previous
   * reference), so that a debit and its credit in one batch meet at once
   * instead of through the quarantine. */
  for (size_t i = 0; i < s->npending; i++) {
    const pending *p = &s->pending[i];
    s->order[i].key = p->d.credit
                          ? zt_store_ref_key_(p->d.agb, p->d.prev_ref)
                          : p->key;
    s->order[i].idx = (uint32_t)i;
    s->order[i].credit = p->d.credit;
  }
  zt_qsort(s->order, s->npending, sizeof *s->order, cmp_entry);
  for (size_t i = 0; !st && i < s->npending;) {
    pending *p;
    zt_put_result res;
    size_t run = plain_run(s, i);
    if (run >= 2) {
      int k = 0;
      while ((size_t)(MULTI >> k) > run)
        k++;
      st = insert_chunk(s, i, k, names, err);
      i += (size_t)(MULTI >> k);
      continue;
    }
    p = &s->pending[s->order[i].idx];
    st = put_decl_now(s, p->file_id, p->line, &p->d, p->key, &res, err);
    if (!st)
      st = record_result(s, p, &res, names, err);
    i++;
  }
  s->npending = 0;
  return st;
}

zt_status zt_store_queue_decl(zt_store *s, int64_t file_id, long line,
                              const zt_decl *d, zt_err *err) {
  pending *p;
  if (!s->pending) {
    s->pending = malloc(BATCH_MAX * sizeof *s->pending);
    s->order = malloc(BATCH_MAX * sizeof *s->order);
    if (!s->pending || !s->order)
      return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  }
  if (s->npending == BATCH_MAX) {
    zt_status st = zt_store_flush(s, err);
    if (st)
      return st;
  }
  zt_store_agb_(s, d->agb);
  p = &s->pending[s->npending];
  p->d = *d;
  p->file_id = file_id;
  p->line = line;
  p->key = zt_store_ref_key_(d->agb, d->ref);
  s->npending++;
  return ZT_OK;
}

const zt_batch_counts *zt_store_batch_counts(const zt_store *s) {
  return &s->batch;
}

zt_status zt_store_put_decl(zt_store *s, int64_t file_id, long line,
                            const zt_decl *d, zt_put_result *res,
                            zt_err *err) {
  zt_status st = zt_store_flush(s, err);   /* keep the order of arrival */
  if (st)
    return st;
  zt_store_agb_(s, d->agb);
  return put_decl_now(s, file_id, line, d,
                      zt_store_ref_key_(d->agb, d->ref), res, err);
}

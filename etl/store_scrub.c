/*
 * etl/store_scrub.c -- once per store: the BSNs that versions before the
 * reference scrub (docs/privacy.md, "References built from the BSN")
 * stored inside provider references, and the ToewijzingNummers that
 * could be a BSN, replaced the way ingest replaces them now, so that the
 * store holds no BSN and a later resend of such a line finds its stored
 * self instead of counting twice; and the texts ingest masks (rejected
 * lines, messages, file names, the reference tables' free texts)
 * masked again where an earlier version's masking missed a BSN.
 */
#include "etl/store.h"

#include <glib.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "core/hash.h"
#include "core/log.h"
#include "etl/pseudo.h"
#include "etl/store_int.h"

/* meta key and the version of the scrub it records: 2, the client's BSN
 * as nine digits in a row and any other nine digits that pass the
 * 11-test; 3, also the client's BSN in groups ("100-00-0010") or without
 * its leading zero ("R12345672-1"), so a store of version 2 is passed
 * once more; 4, ToewijzingNummers that could be a BSN become their token
 * (zt_number_scrub) and every assignment gets the content key ingest
 * gives it now (zt_store_assign_key_); 5, message identifications (the
 * JW323's and the answers' names of it) that pass the 11-test; 6, the
 * texts of every earlier pass again where they hold a character outside
 * ASCII (a digit of another script, a no-break space or a typographic
 * dash between groups, which the passes above never selected), and the
 * masked texts (rejected lines and their messages, file names, the
 * reference tables' free texts) masked again as ingest masks them now */
#define SCRUB_KEY "bsn_scrub"
#define SCRUB_VERSION "6"
#define SCRUB_NUMBERS "4"   /* the version of the ToewijzingNummer pass */
#define SCRUB_TEXTS "6"     /* the version of the masked-text pass */

/* A text column holds nine digits in a row somewhere. */
#define NINE "'*[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'"
#define HAS_NINE(col) col " GLOB " NINE
/* ... or any form of a client's own BSN (zt_bsn_scrub_client): eight
 * digits in a row, or digits joined by a separator. */
#define EIGHT "'*[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]*'"
#define HAS_OWN(col) \
  "(" col " GLOB " EIGHT " OR " col " GLOB '*[0-9][ .-][0-9]*')"
/* ... or a character outside ASCII: a digit of another script, or a
 * separator such as a no-break space, that GLOB's [0-9] and [ .-] do
 * not see (version 6) */
#define WIDE(col) col " GLOB '*[^ -~]*'"

/* One table's pass: `select` yields the row id, the client's pseudonym
 * text (or NULL), the agb (or NULL) and then `ntext` text columns;
 * `update` takes ?1 = id, ?2.. = the new texts, and for declarations
 * ?(ntext + 2) = the new ref_key. */
typedef struct pass {
  const char *what;
  const char *select;
  const char *update;
  int ntext;
  bool ref_key;         /* the first text is declaration.ref */
  const char *since;    /* the scrub version that brought it: a store
                           that records an earlier one is passed */
} pass;

static const pass passes[] = {
    {"declaration",
     "SELECT d.id, c.pseudonym, d.agb, d.ref, d.prev_ref, d.declaratie_nr "
     "FROM declaration d JOIN client c ON c.id = d.client_id WHERE "
     HAS_OWN("d.ref") " OR " HAS_OWN("d.prev_ref") " OR "
     HAS_OWN("d.declaratie_nr"),
     "UPDATE declaration SET ref = ?2, prev_ref = ?3, declaratie_nr = ?4, "
     "ref_key = ?5 WHERE id = ?1",
     3, true, "3"},
    {"assignment",
     "SELECT a.id, c.pseudonym, NULL, a.referentie FROM assignment a "
     "JOIN client c ON c.id = a.client_id WHERE " HAS_OWN("a.referentie"),
     "UPDATE assignment SET referentie = ?2 WHERE id = ?1", 1, false, "3"},
    {"flow_request",
     "SELECT r.id, c.pseudonym, NULL, r.referentie FROM flow_request r "
     "JOIN client c ON c.id = r.client_id WHERE " HAS_OWN("r.referentie"),
     "UPDATE OR REPLACE flow_request SET referentie = ?2 WHERE id = ?1", 1,
     false, "3"},
    {"answer",
     "SELECT id, NULL, NULL, declaratie_nr FROM answer WHERE "
     HAS_NINE("declaratie_nr"),
     "UPDATE answer SET declaratie_nr = ?2 WHERE id = ?1", 1, false, "3"},
    {"answer_line",
     "SELECT id, NULL, NULL, ref, declaratie_nr FROM answer_line WHERE "
     HAS_NINE("ref") " OR " HAS_NINE("declaratie_nr"),
     "UPDATE answer_line SET ref = ?2, declaratie_nr = ?3 WHERE id = ?1", 2,
     false, "3"},
    /* the message identifications by which an answer names its JW323 */
    {"message_ident",
     "SELECT file_id, NULL, NULL, identificatie FROM message_ident WHERE "
     HAS_NINE("identificatie"),
     "UPDATE message_ident SET identificatie = ?2 WHERE file_id = ?1", 1,
     false, "5"},
    {"answer",
     "SELECT id, NULL, NULL, answer_id, decl_id FROM answer WHERE "
     HAS_NINE("answer_id") " OR " HAS_NINE("decl_id"),
     "UPDATE answer SET answer_id = ?2, decl_id = ?3 WHERE id = ?1", 2,
     false, "5"},
    {"answer_line",
     "SELECT id, NULL, NULL, answer_id, decl_id FROM answer_line WHERE "
     HAS_NINE("answer_id") " OR " HAS_NINE("decl_id"),
     "UPDATE answer_line SET answer_id = ?2, decl_id = ?3 WHERE id = ?1", 2,
     false, "5"},
    /* version 6: the same texts where they hold a character outside
     * ASCII, which no GLOB above selects */
    {"declaration",
     "SELECT d.id, c.pseudonym, d.agb, d.ref, d.prev_ref, d.declaratie_nr "
     "FROM declaration d JOIN client c ON c.id = d.client_id WHERE "
     WIDE("d.ref") " OR " WIDE("d.prev_ref") " OR "
     WIDE("d.declaratie_nr"),
     "UPDATE declaration SET ref = ?2, prev_ref = ?3, declaratie_nr = ?4, "
     "ref_key = ?5 WHERE id = ?1",
     3, true, "6"},
    {"assignment",
     "SELECT a.id, c.pseudonym, NULL, a.referentie FROM assignment a "
     "JOIN client c ON c.id = a.client_id WHERE " WIDE("a.referentie"),
     "UPDATE assignment SET referentie = ?2 WHERE id = ?1", 1, false, "6"},
    {"flow_request",
     "SELECT r.id, c.pseudonym, NULL, r.referentie FROM flow_request r "
     "JOIN client c ON c.id = r.client_id WHERE " WIDE("r.referentie"),
     "UPDATE OR REPLACE flow_request SET referentie = ?2 WHERE id = ?1", 1,
     false, "6"},
    {"answer",
     "SELECT id, NULL, NULL, declaratie_nr, answer_id, decl_id FROM answer "
     "WHERE " WIDE("declaratie_nr") " OR " WIDE("answer_id") " OR "
     WIDE("decl_id"),
     "UPDATE answer SET declaratie_nr = ?2, answer_id = ?3, decl_id = ?4 "
     "WHERE id = ?1", 3, false, "6"},
    {"answer_line",
     "SELECT id, NULL, NULL, ref, declaratie_nr FROM answer_line WHERE "
     WIDE("ref") " OR " WIDE("declaratie_nr"),
     "UPDATE answer_line SET ref = ?2, declaratie_nr = ?3 WHERE id = ?1", 2,
     false, "6"},
    {"answer_line",
     "SELECT id, NULL, NULL, answer_id, decl_id FROM answer_line WHERE "
     WIDE("answer_id") " OR " WIDE("decl_id"),
     "UPDATE answer_line SET answer_id = ?2, decl_id = ?3 WHERE id = ?1", 2,
     false, "6"},
    {"message_ident",
     "SELECT file_id, NULL, NULL, identificatie FROM message_ident WHERE "
     WIDE("identificatie"),
     "UPDATE message_ident SET identificatie = ?2 WHERE file_id = ?1", 1,
     false, "6"},
};

/* The texts of one row, scrubbed as ingest scrubs them now: the
 * client's own BSN wherever and in whatever form it stands, then any
 * nine digits that pass the 11-test. */
/* Room for the longest text a pass reads (a ReferentieAanbieder). */
#define TEXT_ROOM ZT_TEXT_BYTES(ZT_REFA_MAX)

static zt_status scrub_row(zt_pseudonymizer *ps, const char *client,
                           char texts[][TEXT_ROOM], int n, bool *changed) {
  for (int i = 0; i < n; i++) {
    long hits = 0;
    zt_status st = ZT_OK;
    if (client)
      st = zt_bsn_scrub_client(ps, texts[i], client, &hits);
    if (!st)
      st = zt_bsn_scrub_any(ps, texts[i], &hits);
    if (st)
      return st;
    *changed = *changed || hits > 0;
  }
  return ZT_OK;
}

static zt_status run_pass(zt_store *s, zt_pseudonymizer *ps, const pass *p,
                          long *rows, long *shared, zt_err *err) {
  sqlite3 *db = zt_store_db(s);
  sqlite3_stmt *sel = NULL, *upd = NULL;
  zt_status st = ZT_OK;
  int rc;
  if (sqlite3_prepare_v2(db, p->select, -1, &sel, NULL) ||
      sqlite3_prepare_v2(db, p->update, -1, &upd, NULL)) {
    st = zt_store_sqlite_fail(db, err, p->what);
    goto done;
  }
  while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
    char texts[3][TEXT_ROOM], client[ZT_PSEUDO_TEXT] = "";
    bool changed = false, null[3];
    int64_t id = sqlite3_column_int64(sel, 0);
    const unsigned char *c = sqlite3_column_text(sel, 1);
    if (c)
      snprintf(client, sizeof client, "%s", (const char *)c);
    bool fits = true;
    for (int i = 0; i < p->ntext; i++) {
      const unsigned char *t = sqlite3_column_text(sel, 3 + i);
      null[i] = t == NULL;
      fits = fits && (!t || strlen((const char *)t) < sizeof texts[i]);
      snprintf(texts[i], sizeof texts[i], "%s", t ? (const char *)t : "");
    }
    if (!fits)
      continue;         /* longer than any reference ingest stores */
    st = scrub_row(ps, c ? client : NULL, texts, p->ntext, &changed);
    if (st)
      goto done;
    if (!changed)
      continue;
    sqlite3_bind_int64(upd, 1, id);
    for (int i = 0; i < p->ntext; i++) {
      if (null[i])
        sqlite3_bind_null(upd, 2 + i);
      else
        sqlite3_bind_text(upd, 2 + i, texts[i], -1, SQLITE_TRANSIENT);
    }
    if (p->ref_key)
      sqlite3_bind_int64(upd, 2 + p->ntext,
                         zt_store_ref_key_((uint32_t)sqlite3_column_int64(
                                               sel, 2),
                                           texts[0]));
    rc = sqlite3_step(upd);
    sqlite3_reset(upd);
    if (rc == SQLITE_CONSTRAINT && p->ref_key) {
      /* the same line was stored once with the BSN and once with its
       * token: kept apart by text (ref_key NULL), counted */
      sqlite3_bind_null(upd, 2 + p->ntext);
      rc = sqlite3_step(upd);
      sqlite3_reset(upd);
      (*shared)++;
    }
    if (rc != SQLITE_DONE) {
      st = zt_store_sqlite_fail(db, err, p->what);
      goto done;
    }
    (*rows)++;
  }
  if (rc != SQLITE_DONE)
    st = zt_store_sqlite_fail(db, err, p->what);
done:
  sqlite3_finalize(sel);
  sqlite3_finalize(upd);
  return st ? zt_err_prefix(err, "replacing BSNs in stored references "
                                 "(%s)", p->what)
            : ZT_OK;
}

/* ---- version 4: ToewijzingNummers and assignment keys ---------------- */

/* The tables with a ToewijzingNummer; the flow tables are unique on it
 * (with the rest of the event), and a number ingest has given its token
 * since cannot be there yet, so OR REPLACE only guards. */
static const struct {
  const char *table, *update;
} number_tables[] = {
    {"declaration", "UPDATE declaration SET toewijzing = ?2 WHERE id = ?1"},
    {"assignment", "UPDATE assignment SET toewijzing = ?2 WHERE id = ?1"},
    {"flow_start",
     "UPDATE OR REPLACE flow_start SET toewijzing = ?2 WHERE id = ?1"},
    {"flow_stop",
     "UPDATE OR REPLACE flow_stop SET toewijzing = ?2 WHERE id = ?1"},
};

static zt_status number_pass(zt_store *s, zt_pseudonymizer *ps, size_t t,
                             long *rows, zt_err *err) {
  sqlite3 *db = zt_store_db(s);
  sqlite3_stmt *sel = NULL, *upd = NULL;
  zt_status st = ZT_OK;
  char sql[256];
  int rc;
  snprintf(sql, sizeof sql,
           "SELECT t.id, c.pseudonym, t.toewijzing FROM %s t JOIN client c "
           "ON c.id = t.client_id WHERE t.toewijzing BETWEEN 10000000 AND "
           "999999999", number_tables[t].table);
  if (sqlite3_prepare_v2(db, sql, -1, &sel, NULL) ||
      sqlite3_prepare_v2(db, number_tables[t].update, -1, &upd, NULL)) {
    st = zt_store_sqlite_fail(db, err, number_tables[t].table);
    goto done;
  }
  while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
    const unsigned char *client = sqlite3_column_text(sel, 1);
    int64_t nr = sqlite3_column_int64(sel, 2), tok;
    char text[ZT_PSEUDO_TEXT];
    bool own_only;
    zt_pseudo p;
    if (!zt_number_bsn_shaped(nr, &own_only))
      continue;
    st = zt_number_token(ps, nr, &tok, &p);
    if (st)
      goto done;
    zt_pseudo_text(&p, text);
    if (own_only && (!client || strcmp(text, (const char *)client) != 0))
      continue;
    sqlite3_bind_int64(upd, 1, sqlite3_column_int64(sel, 0));
    sqlite3_bind_int64(upd, 2, tok);
    rc = sqlite3_step(upd);
    sqlite3_reset(upd);
    if (rc != SQLITE_DONE) {
      st = zt_store_sqlite_fail(db, err, number_tables[t].table);
      goto done;
    }
    (*rows)++;
  }
  if (rc != SQLITE_DONE)
    st = zt_store_sqlite_fail(db, err, number_tables[t].table);
done:
  sqlite3_finalize(sel);
  sqlite3_finalize(upd);
  return st ? zt_err_prefix(err, "replacing ToewijzingNummers that could "
                                 "be a BSN")
            : ZT_OK;
}

/* Every assignment's content key as ingest computes it now. Two rows
 * that only an earlier key told apart (they differ in the birth date an
 * earlier key held) both stay, the later one with a key of its own. */
static zt_status key_pass(zt_store *s, zt_err *err) {
  sqlite3 *db = zt_store_db(s);
  sqlite3_stmt *sel = NULL, *upd = NULL;
  zt_status st = ZT_OK;
  int rc;
  if (sqlite3_prepare_v2(
          db,
          "SELECT a.id, c.pseudonym, a.gemeente, a.agb, a.toewijzing, "
          "coalesce(a.category, -1), coalesce(a.product_code, ''), "
          "a.begin_day, a.end_day, coalesce(a.reason, -1) FROM assignment a "
          "JOIN client c ON c.id = a.client_id ORDER BY a.id",
          -1, &sel, NULL) ||
      sqlite3_prepare_v2(db,
                         "UPDATE assignment SET content_key = ?2 WHERE id = "
                         "?1", -1, &upd, NULL)) {
    st = zt_store_sqlite_fail(db, err, "assignment");
    goto done;
  }
  while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
    zt_assign a;
    int64_t id = sqlite3_column_int64(sel, 0), key;
    memset(&a, 0, sizeof a);
    a.gemeente = (uint16_t)sqlite3_column_int(sel, 2);
    a.agb = (uint32_t)sqlite3_column_int64(sel, 3);
    a.toewijzing = sqlite3_column_int64(sel, 4);
    a.category = sqlite3_column_int(sel, 5);
    snprintf(a.code, sizeof a.code, "%s",
             (const char *)sqlite3_column_text(sel, 6));
    a.begin = sqlite3_column_int(sel, 7);
    a.end = sqlite3_column_type(sel, 8) == SQLITE_NULL
                ? ZT_DAY_NONE : sqlite3_column_int(sel, 8);
    a.reason = sqlite3_column_int(sel, 9);
    key = zt_store_assign_key_((const char *)sqlite3_column_text(sel, 1),
                               &a);
    for (int tries = 0; tries < 2; tries++) {
      sqlite3_bind_int64(upd, 1, id);
      sqlite3_bind_int64(upd, 2, key);
      rc = sqlite3_step(upd);
      sqlite3_reset(upd);
      if (rc != SQLITE_CONSTRAINT)
        break;
      /* a row with this content is there: this one keeps its place
       * with a key of its own, made from the content key and its id */
      {
        int64_t both[2] = {key, id};
        key = (int64_t)zt_hash64(both, sizeof both, 0x61737369676e32ULL);
      }
    }
    if (rc != SQLITE_DONE) {
      st = zt_store_sqlite_fail(db, err, "assignment");
      goto done;
    }
  }
  if (rc != SQLITE_DONE)
    st = zt_store_sqlite_fail(db, err, "assignment");
done:
  sqlite3_finalize(sel);
  sqlite3_finalize(upd);
  return st ? zt_err_prefix(err, "computing the assignments' content keys")
            : ZT_OK;
}

/* ---- version 6: masked texts, masked again --------------------------- */

/* The texts ingest masks rather than replaces, with the select that
 * yields a row's id, whether its first text is the raw text of a line
 * that could not be split (then every run of ten or more digits is
 * masked too, as ingest does: sink_reject in etl/ingest.c), and the
 * texts; the update takes ?1 = id and ?2.. = the texts. */
static const struct {
  const char *what, *select, *update;
  int ntext;
} text_tables[] = {
    {"reject",
     "SELECT id, reason IN ('field_count', 'encoding_invalid', "
     "'quote_unterminated', 'field_too_long'), raw, message FROM reject",
     "UPDATE reject SET raw = ?2, message = ?3 WHERE id = ?1", 2},
    {"ingest_file",
     "SELECT id, 0, path, name FROM ingest_file",
     "UPDATE ingest_file SET path = ?2, name = ?3 WHERE id = ?1", 2},
    {"provider",
     "SELECT agb, 0, name, provider_type FROM provider",
     "UPDATE provider SET name = ?2, provider_type = ?3 WHERE agb = ?1", 2},
    {"product_code",
     "SELECT id, 0, label FROM product_code",
     "UPDATE product_code SET label = ?2 WHERE id = ?1", 1},
    {"benchmark",
     "SELECT id, 0, bron FROM benchmark",
     "UPDATE benchmark SET bron = ?2 WHERE id = ?1", 1},
};

/* Mask every text of text_tables[t] as ingest masks it now (zt_mask_text:
 * BSN-like groups in digits of any script and with any separator it
 * reads); a row whose texts change is written back and counted in
 * *rows. Masking never lengthens a text, and what is masked already
 * stays as it is, so a row ingest wrote since is left alone. */
static zt_status text_pass(zt_store *s, size_t t, long *rows, zt_err *err) {
  sqlite3 *db = zt_store_db(s);
  sqlite3_stmt *sel = NULL, *upd = NULL;
  zt_status st = ZT_OK;
  int rc;
  if (sqlite3_prepare_v2(db, text_tables[t].select, -1, &sel, NULL) ||
      sqlite3_prepare_v2(db, text_tables[t].update, -1, &upd, NULL)) {
    st = zt_store_sqlite_fail(db, err, text_tables[t].what);
    goto done;
  }
  while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
    char *out[2] = {NULL, NULL};
    bool changed = false;
    bool unsplit = sqlite3_column_int(sel, 1) != 0;
    for (int i = 0; i < text_tables[t].ntext; i++) {
      const char *in = (const char *)sqlite3_column_text(sel, 2 + i);
      size_t n;
      if (!in)
        continue;
      n = (size_t)sqlite3_column_bytes(sel, 2 + i);
      out[i] = g_malloc(n + 1);
      zt_mask_text(in, n, NULL, 0, i == 0 && unsplit ? ZT_MASK_LONG : 0,
                   out[i], n + 1);
      changed = changed || strcmp(out[i], in) != 0;
    }
    if (changed) {
      sqlite3_bind_value(upd, 1, sqlite3_column_value(sel, 0));
      for (int i = 0; i < text_tables[t].ntext; i++) {
        if (out[i])
          sqlite3_bind_text(upd, 2 + i, out[i], -1, SQLITE_TRANSIENT);
        else
          sqlite3_bind_null(upd, 2 + i);
      }
      rc = sqlite3_step(upd);
      sqlite3_reset(upd);
      (*rows)++;
    }
    g_free(out[0]);
    g_free(out[1]);
    if (changed && rc != SQLITE_DONE) {
      st = zt_store_sqlite_fail(db, err, text_tables[t].what);
      goto done;
    }
  }
  if (rc != SQLITE_DONE)
    st = zt_store_sqlite_fail(db, err, text_tables[t].what);
done:
  sqlite3_finalize(sel);
  sqlite3_finalize(upd);
  return st ? zt_err_prefix(err, "masking BSNs in stored texts")
            : ZT_OK;
}

zt_status zt_store_scrub_bsn(zt_store *s, zt_pseudonymizer *ps,
                             zt_err *err) {
  sqlite3 *db = zt_store_db(s);
  char done[8] = "";
  bool found = false;
  long rows = 0, shared = 0, nrs = 0, texts = 0;
  bool numbers, masked;
  zt_status st = zt_store_meta_get(s, SCRUB_KEY, done, sizeof done, &found,
                                   err);
  if (st || (found && strcmp(done, SCRUB_VERSION) >= 0))
    return st;
  if (!found)
    done[0] = '\0';
  numbers = strcmp(done, SCRUB_NUMBERS) < 0;
  masked = strcmp(done, SCRUB_TEXTS) < 0;
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL))
    return zt_store_sqlite_fail(db, err, "replacing BSNs in references");
  for (size_t i = 0; !st && i < sizeof passes / sizeof passes[0]; i++)
    if (strcmp(done, passes[i].since) < 0)
      st = run_pass(s, ps, &passes[i], &rows, &shared, err);
  for (size_t i = 0;
       numbers && !st && i < sizeof number_tables / sizeof *number_tables;
       i++)
    st = number_pass(s, ps, i, &nrs, err);
  if (numbers && !st)
    st = key_pass(s, err);
  for (size_t i = 0;
       masked && !st && i < sizeof text_tables / sizeof *text_tables; i++)
    st = text_pass(s, i, &texts, err);
  if (!st)
    st = zt_store_meta_set(s, SCRUB_KEY, SCRUB_VERSION, err);
  if (st) {
    sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return st;
  }
  if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL))
    return zt_store_sqlite_fail(db, err, "replacing BSNs in references");
  if (rows)
    zt_warn("store", "%ld stored rows had a BSN (or nine digits that "
            "pass the 11-test) in a provider reference or a message "
            "identification, written by an earlier version: replaced by "
            "its token (docs/privacy.md)", rows);
  if (nrs)
    zt_warn("store", "%ld stored rows had a ToewijzingNummer that could "
            "be a BSN (nine digits that pass the 11-test, or the client's "
            "own without its leading zero), written by an earlier version: "
            "replaced by its token (docs/privacy.md)", nrs);
  if (texts)
    zt_warn("store", "%ld stored rows (rejected lines with their "
            "messages, file names, the names, labels and sources of the "
            "reference tables) held a BSN-like number that an earlier "
            "version did not mask (digits of another script, groups joined "
            "by a no-break space or a typographic dash, or a long run of "
            "digits on a line that could not be split): masked now "
            "(docs/privacy.md)", texts);
  if (shared)
    zt_warn("store", "%ld of them repeat a line stored since with the "
            "token (a resend after an earlier version's scrub): both are "
            "kept and counted; docs/store.md says how to find them",
            shared);
  return ZT_OK;
}

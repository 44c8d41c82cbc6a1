/*
 * etl/store.c -- the SQLite store (see store.h; schema in
 * etl/store_schema.c, described in docs/store.md): open, migrate and
 * check it, register files, clients, assignments, residence and
 * rejects. Declarations are stored by etl/store_decl.c, the reference
 * tables by etl/store_ref.c.
 */
#include "etl/store.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/csvout.h"
#include "core/hash.h"
#include "core/log.h"
#include "core/str.h"
#include "etl/pseudo.h"
#include "etl/store_int.h"

/* The columns find_ref() reads, in this order: what makes two lines with
 * the same reference "the same line" (an identical resend) or not. */
#define DECL_CONTENT                                                       \
  "id, agb, ref, credit, client_id, gemeente, coalesce(toewijzing, -1), "  \
  "coalesce(prev_ref, ''), category, product_code, begin_day, end_day, "   \
  "volume, unit, coalesce(tariff, -1), amount, file_id, "                 \
  "coalesce(declaratie_nr, '')"

static const char *const sql_text[Q_COUNT] = {
    [Q_DECL_INSERT] =
        "INSERT INTO declaration (file_id, line, client_id, agb, gemeente, "
        "toewijzing, ref, ref_key, prev_ref, category, product_code, "
        "begin_day, end_day, volume, unit, tariff, amount, credit, debit_id, "
        "declaratie_nr) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
        "?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20) ON CONFLICT DO NOTHING",
    [Q_DECL_BY_KEY] =
        "SELECT " DECL_CONTENT " FROM declaration WHERE ref_key = ?1",
    [Q_DECL_BY_TEXT] = "SELECT " DECL_CONTENT " FROM declaration "
                       "WHERE agb = ?1 AND ref = ?2 AND ref_key IS NULL",
    /* a waiting credit is applied only when it restates its debit (see
     * restates()); one that does not waits on, counted */
    [Q_DECL_RESOLVE] =
        "UPDATE declaration SET debit_id = ?1 WHERE credit = 1 AND "
        "agb = ?2 AND prev_ref = ?3 AND debit_id IS NULL AND "
        "client_id = ?4 AND gemeente = ?5 AND category = ?6 AND "
        "product_code = ?7 AND begin_day = ?8 AND end_day = ?9 AND "
        "amount <= ?10",
    [Q_CLIENT_FIND] =
        "SELECT id, birth_precision FROM client WHERE pseudonym = ?1",
    [Q_CLIENT_INSERT] = "INSERT INTO client (pseudonym) VALUES (?1)",
    [Q_CLIENT_BIRTH] =
        "UPDATE client SET birth_day = ?2, birth_precision = ?3, "
        "gender = CASE WHEN ?4 > 0 THEN ?4 ELSE gender END, "
        "birth_source = ?5 WHERE id = ?1",
    [Q_ASSIGN_INSERT] =
        "INSERT INTO assignment (file_id, line, client_id, gemeente, agb, "
        "toewijzing, category, product_code, begin_day, end_day, reason, "
        "content_key, referentie, assigned_day) VALUES (?1, ?2, ?3, ?4, ?5, "
        "?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) ON CONFLICT DO NOTHING",
    [Q_RES_DELETE_OLD] =
        "DELETE FROM residence WHERE client_id = ?1 AND file_id <> ?2",
    [Q_RES_OVERLAP] =
        "SELECT gemeente IS ?3 AND begin_day = ?4 AND end_day IS ?5 "
        "FROM residence WHERE client_id = ?1 AND file_id = ?2 AND "
        "begin_day <= coalesce(?5, 2147483647) AND "
        "coalesce(end_day, 2147483647) >= ?4 LIMIT 1",
    [Q_RES_INSERT] =
        "INSERT INTO residence (file_id, line, client_id, gemeente, "
        "gemeente_known, begin_day, end_day) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
        "?7)",
    [Q_PC_INSERT] =
        "INSERT INTO product_code (file_id, code, kind, label, valid_from, "
        "valid_to, gemeente) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) "
        "ON CONFLICT DO NOTHING",
    [Q_POP_INSERT] =
        "INSERT OR IGNORE INTO population (file_id, gemeente, jaar, "
        "leeftijd_van, leeftijd_tot, aantal) VALUES (?1, ?2, ?3, ?4, ?5, "
        "?6)",
    [Q_BENCH_INSERT] =
        "INSERT INTO benchmark (file_id, indicator, gebied, periode, "
        "waarde_num, waarde_den, status, bron) VALUES (?1, ?2, ?3, ?4, ?5, "
        "?6, ?7, ?8) ON CONFLICT (indicator, gebied, periode) DO UPDATE "
        "SET file_id = excluded.file_id, waarde_num = excluded.waarde_num, "
        "waarde_den = excluded.waarde_den, status = excluded.status, "
        "bron = excluded.bron WHERE file_id <> excluded.file_id",
    [Q_PROV_INSERT] =
        "INSERT INTO provider (agb, file_id, name, provider_type, contracted) "
        "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT DO NOTHING",
    [Q_REJECT_INSERT] =
        "INSERT INTO reject (file_id, line, field, reason, message, raw) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [Q_FILE_SEEN] =
        "SELECT status, kind, id FROM ingest_file WHERE content_hash = ?1",
    [Q_FILE_INSERT] =
        "INSERT INTO ingest_file (content_hash, path, name, kind, format, "
        "bytes, ingested_at, status, reject_reason, delivered_day) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [Q_FILE_SAME_SIZE] =
        "SELECT 1 FROM ingest_file WHERE bytes = ?1 AND status = 'ingested' "
        "LIMIT 1",
    [Q_FORGET_REJECTS] =
        "DELETE FROM reject WHERE file_id IN (SELECT id FROM ingest_file "
        "WHERE content_hash = ?1 AND status = 'rejected')",
    [Q_FORGET_FILE] = "DELETE FROM ingest_file WHERE content_hash = ?1 AND "
                      "status = 'rejected'",
    [Q_FILE_REJECTS] = "SELECT line, field, reason, message, raw FROM reject "
                       "WHERE file_id = ?1 ORDER BY line, id",
    [Q_DECL_MAX_ID] = "SELECT coalesce(max(id), 0) FROM declaration",
    /* every small file's own savepoint: prepared once, not parsed per
     * file */
    [Q_SAVEPOINT] = "SAVEPOINT zt_file",
    [Q_RELEASE] = "RELEASE zt_file",
    [Q_ROLLBACK_TO] = "ROLLBACK TO zt_file",
    [Q_REDELIVERY] = "INSERT OR IGNORE INTO redelivery (decl_id, file_id, "
                     "declaratie_nr) VALUES (?1, ?2, ?3)",
    [Q_MSG_IDENT] = "INSERT OR REPLACE INTO message_ident (file_id, "
                    "identificatie) VALUES (?1, ?2)",
    [Q_FILE_UPDATE] =
        "UPDATE ingest_file SET lines_read = ?2, lines_accepted = ?3, "
        "lines_rejected = ?4, lines_duplicate = ?5, credits_linked = ?6, "
        "credits_waiting = ?7, warnings = ?8, content_hash = ?9, "
        "kind = ?10, format = ?11, "
        "delivered_day = coalesce(?12, delivered_day), agb = ?13 "
        "WHERE id = ?1",
};

/* ---- helpers ------------------------------------------------------ */

zt_status zt_store_sqlite_fail(struct sqlite3 *db, zt_err *err,
                               const char *what) {
  int code = db ? sqlite3_errcode(db) : SQLITE_NOMEM;
  /* A full disk or a read-only file is an output problem (exit 4), a
   * busy store another run's lock (exit 3); the rest is an error. */
  zt_status st = code == SQLITE_FULL || code == SQLITE_IOERR ||
                         code == SQLITE_READONLY || code == SQLITE_CANTOPEN
                     ? ZT_ERR_OUTPUT
                 : code == SQLITE_BUSY || code == SQLITE_LOCKED
                     ? ZT_ERR_LOCKED
                 : code == SQLITE_CORRUPT || code == SQLITE_NOTADB
                     ? ZT_ERR_CORRUPT
                     : ZT_ERR_STORE;
  /* the store's file, once: "store /srv/gv/zothuis.db: writing ...:
   * disk I/O error" (an in-memory store has none) */
  const char *path = db ? sqlite3_db_filename(db, "main") : NULL;
  if (!path)
    path = "";
  if (st == ZT_ERR_CORRUPT)
    return zt_fail(err, st, "store %s is damaged (%s: %s): %s", path, what,
                   sqlite3_errmsg(db), ZT_STORE_RESTORE_ADVICE);
  return zt_fail(err, st, "store%s%s: %s: %s", *path ? " " : "", path,
                 what, db ? sqlite3_errmsg(db) : "out of memory");
}

static zt_status sqlite_fail(sqlite3 *db, zt_err *err, const char *what) {
  return zt_store_sqlite_fail(db, err, what);
}

static zt_status db_fail(zt_store *s, zt_err *err, const char *what) {
  return sqlite_fail(s->db, err, what);
}

static zt_status exec(zt_store *s, const char *sql, zt_err *err) {
  if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    return db_fail(s, err, "executing");
  return ZT_OK;
}

/* Run one of the prepared statements that take no parameters. */
static zt_status exec_q(zt_store *s, int which, zt_err *err) {
  sqlite3_stmt *st = s->q[which];
  int rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return db_fail(s, err, "executing");
  return ZT_OK;
}

sqlite3_stmt *zt_store_q_(zt_store *s, int which) {
  sqlite3_stmt *st = s->q[which];
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
  return st;
}

static uint64_t le_put(unsigned char *p, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; i++)
    p[i] = (unsigned char)(v >> (8 * i));
  return (uint64_t)bytes;
}

/* Persisted in the store: never change without a migration. */
#define REF_SEED 0x7a6f746875697331ULL    /* "zothuis1" */
#define CONTENT_SEED 0x7a6f746875697332ULL

/* The key of (agb, ref): a hash of the AGB's four bytes and the text.
 * A stored text longer than any reference (an older store's) gets a
 * buffer of its own. */
static int64_t ref_key(uint32_t agb, const char *ref) {
  unsigned char small[4 + ZT_TEXT_BYTES(ZT_REF_MAX)], *buf = small;
  size_t n = strlen(ref);
  int64_t k;
  if (4 + n > sizeof small && (buf = malloc(4 + n)) == NULL) {
    buf = small;
    n = sizeof small - 4;      /* no memory: the key of its head */
  }
  le_put(buf, agb, 4);
  memcpy(buf + 4, ref, n);
  k = (int64_t)zt_hash64(buf, 4 + n, REF_SEED);
  if (buf != small)
    free(buf);
  return k;
}

int64_t zt_store_ref_key_(uint32_t agb, const char *ref) {
  return ref_key(agb, ref);
}

uint64_t zt_store_map_key_(uint64_t k) {
  return k == UINT64_MAX ? UINT64_MAX - 1 : k;   /* UINT64_MAX is "empty" */
}

/* Kinds whose file replaces a whole table (zt_store_replace_table). */
static bool is_reference_kind(const char *kind) {
  return kind && (strcmp(kind, "productcodes") == 0 ||
                  strcmp(kind, "aanbieders") == 0 ||
                  strcmp(kind, "bevolking") == 0);
}

static uint64_t pseudo_key(const zt_pseudo *p) {
  uint64_t k;
  memcpy(&k, p->b, 8);
  return zt_store_map_key_(k);
}

void zt_put_reject(zt_put_result *res, zt_reason reason, int field,
                   const char *fmt, ...) {
  va_list ap;
  res->outcome = ZT_PUT_REJECTED;
  res->reject.reason = reason;
  res->reject.field = field;
  va_start(ap, fmt);
  vsnprintf(res->reject.message, sizeof res->reject.message, fmt, ap);
  va_end(ap);
}

void zt_store_clear_(zt_put_result *res) {
  memset(res, 0, sizeof *res);
  res->outcome = ZT_PUT_STORED;
  res->reject.field = -1;
}

/* ---- open, migrate, close ------------------------------------------ */

static zt_status user_version(zt_store *s, int *v, zt_err *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL))
    return db_fail(s, err, "reading the schema version");
  if (sqlite3_step(st) != SQLITE_ROW) {
    zt_status r = db_fail(s, err, "reading the schema version");
    sqlite3_finalize(st);
    return r;
  }
  *v = sqlite3_column_int(st, 0);
  sqlite3_finalize(st);
  return ZT_OK;
}

static zt_status migrate(zt_store *s, zt_err *err) {
  char sql[64];
  zt_status st = exec(s, "BEGIN IMMEDIATE", err);
  if (st)
    return st;
  for (int v = s->found_version; v < ZT_STORE_SCHEMA_VERSION; v++) {
    st = exec(s, zt_store_migrations[v], err);
    if (st) {
      exec(s, "ROLLBACK", NULL);
      return zt_err_prefix(err, "upgrading the store to version %d", v + 1);
    }
  }
  snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
           ZT_STORE_SCHEMA_VERSION);
  st = exec(s, sql, err);
  if (!st)
    st = exec(s, "INSERT OR REPLACE INTO meta (key, value) VALUES "
                 "('pseudonym', 'HMAC-SHA256, first 16 bytes, base32')",
              err);
  if (!st)
    st = exec(s, "COMMIT", err);
  if (st)
    exec(s, "ROLLBACK", NULL);
  return st;
}

/* A new store file is created here, before SQLite does, so that it gets
 * 0660 less the umask: never readable by others (SQLite would make it
 * 0644). The -wal and -shm files SQLite adds take the store's mode. */
static zt_status create_private(const char *path, zt_err *err) {
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
  if (fd >= 0) {
    close(fd);
    return ZT_OK;
  }
  if (errno == EEXIST)
    return ZT_OK;
  return zt_fail(err, ZT_ERR_OUTPUT, "cannot create store %s: %s", path,
                 strerror(errno));
}

/* An existing store (and its -wal, -shm) readable by others loses those
 * permission bits, with a warning: it holds row-level data. */
static void protect_files(const char *path) {
  static const char *const sfx[] = {"", "-wal", "-shm"};
  for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
    char *f = g_strconcat(path, sfx[i], NULL);
    struct stat sb;
    if (stat(f, &sb) == 0 && S_ISREG(sb.st_mode) && (sb.st_mode & 007)) {
      if (chmod(f, sb.st_mode & 0770) == 0)
        zt_warn("store", "%s was readable by others; its mode is now %03o",
                f, (unsigned)(sb.st_mode & 0770));
      else
        zt_warn("store", "%s is readable by others; chmod o-rwx it", f);
    }
    g_free(f);
  }
}

/* A description of the schema of `db`: every table, index and view by
 * name, with the columns of each table, one per line. Caller frees. */
static char *schema_signature(sqlite3 *db) {
  GString *g = g_string_new(NULL);
  sqlite3_stmt *st, *cols;
  if (sqlite3_prepare_v2(db,
                         "SELECT type, name FROM sqlite_schema WHERE name "
                         "NOT LIKE 'sqlite_%' ORDER BY type, name",
                         -1, &st, NULL) != SQLITE_OK)
    return g_string_free(g, FALSE);
  if (sqlite3_prepare_v2(db,
                         "SELECT name FROM pragma_table_info(?1) ORDER BY "
                         "cid", -1, &cols, NULL) != SQLITE_OK) {
    sqlite3_finalize(st);
    return g_string_free(g, FALSE);
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *type = (const char *)sqlite3_column_text(st, 0);
    const char *name = (const char *)sqlite3_column_text(st, 1);
    g_string_append_printf(g, "%s %s", type, name);
    if (strcmp(type, "table") == 0) {
      sqlite3_bind_text(cols, 1, name, -1, SQLITE_TRANSIENT);
      while (sqlite3_step(cols) == SQLITE_ROW)
        g_string_append_printf(g, " %s", sqlite3_column_text(cols, 0));
      sqlite3_reset(cols);
    }
    g_string_append_c(g, '\n');
  }
  sqlite3_finalize(cols);
  sqlite3_finalize(st);
  return g_string_free(g, FALSE);
}

/* Which schema version has exactly the tables, indexes and views of `db`?
 * 0 when none does. */
static int recognise_version(sqlite3 *db) {
  char *have = schema_signature(db);
  int found = 0;
  for (int v = ZT_STORE_SCHEMA_VERSION; v >= 1 && !found; v--) {
    sqlite3 *mem;
    char *want;
    bool ok = sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE,
                              NULL) == SQLITE_OK;
    for (int i = 0; ok && i < v; i++)
      ok = sqlite3_exec(mem, zt_store_migrations[i], NULL, NULL,
                        NULL) == SQLITE_OK;
    want = ok ? schema_signature(mem) : NULL;
    if (want && *want && strcmp(want, have) == 0)
      found = v;
    g_free(want);
    sqlite3_close(mem);
  }
  g_free(have);
  return found;
}

/* PRAGMA quick_check on connection `db` of the store at `path`. */
static zt_status quick_check(sqlite3 *db, const char *path, zt_err *err) {
  sqlite3_stmt *st;
  int rc;
  zt_status r = ZT_OK;
  if (sqlite3_prepare_v2(db, "PRAGMA quick_check(1)", -1, &st, NULL) !=
      SQLITE_OK)
    return sqlite_fail(db, err, "checking the store");
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    const char *res = (const char *)sqlite3_column_text(st, 0);
    if (!res || strcmp(res, "ok") != 0) {
      char what[201];
      snprintf(what, sizeof what, "%s", res ? res : "?");
      for (char *c = what; *c; c++)       /* one line */
        if (*c == '\n' || *c == '\r')
          *c = ' ';
      r = zt_fail(err, ZT_ERR_CORRUPT, "store %s is damaged (quick_check: "
                  "%s): %s", path, what, ZT_STORE_RESTORE_ADVICE);
    }
  } else {
    r = sqlite_fail(db, err, "checking the store");
  }
  sqlite3_finalize(st);
  return r;
}

/* user_version 0: a new, empty file -- or tables without a version: a
 * store restored from `sqlite3 .dump` (which leaves the version out), or
 * a database of another program. The first is recognised by its schema
 * and (init only) given its version back; the second is never touched. */
static zt_status check_unversioned(zt_store *s, const char *path,
                                   zt_store_mode mode, zt_err *err) {
  sqlite3_stmt *st;
  GString *names = g_string_new(NULL);
  int n = 0, v;
  zt_status rc = ZT_OK;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT name FROM sqlite_schema WHERE type = "
                         "'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
                         -1, &st, NULL) != SQLITE_OK) {
    g_string_free(names, TRUE);
    return db_fail(s, err, "reading the schema");
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    if (n < 8)
      g_string_append_printf(names, "%s%s", n ? ", " : "",
                             sqlite3_column_text(st, 0));
    n++;
  }
  sqlite3_finalize(st);
  if (n == 0) {
    g_string_free(names, TRUE);
    if (mode == ZT_STORE_UPGRADE)
      return zt_fail(err, ZT_ERR_USAGE,
                     "store %s is empty: create it with 'zothuis init'",
                     path);
    return ZT_OK;                   /* a new store */
  }
  v = recognise_version(s->db);
  if (v == 0) {
    rc = zt_fail(err, ZT_ERR_USAGE,
                 "%s is an SQLite database but not a zothuis store (tables: "
                 "%s%s): zothuis neither uses it nor adds tables to it; set "
                 "[store] path to a new file", path, names->str,
                 n > 8 ? ", ..." : "");
  } else if (mode == ZT_STORE_USE) {
    rc = zt_fail(err, ZT_ERR_USAGE,
                 "store %s has the tables of schema version %d but no "
                 "version number (restored from a .dump?): run 'zothuis "
                 "init', which recognises it and sets the version", path, v);
  } else {
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v);
    /* checked before its version is set back and it is upgraded */
    rc = quick_check(s->db, path, err);
    if (!rc)
      rc = exec(s, sql, err);
    if (!rc) {
      s->found_version = v;
      s->restored = true;
    }
  }
  g_string_free(names, TRUE);
  return rc;
}

/* Each connection is used from one thread at a time (ingest's reader
 * thread never touches SQLite; the background check has a connection of
 * its own), so the connections' mutexes and the memory statistics are
 * pure cost: switch them off once, before SQLite initialises. */
static void sqlite_setup(void) {
  static bool done;
  if (done)
    return;
  done = true;
  sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

zt_status zt_store_open(zt_store **out, const char *path, zt_store_mode mode,
                        zt_err *err) {
  zt_store *s;
  sqlite_setup();
  s = calloc(1, sizeof *s);
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  zt_status st;

  *out = NULL;
  if (!s)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  if (mode == ZT_STORE_INIT || mode == ZT_STORE_MEMORY)
    flags |= SQLITE_OPEN_CREATE;
  if ((mode == ZT_STORE_USE || mode == ZT_STORE_UPGRADE) &&
      access(path, F_OK) != 0 && errno == ENOENT) {
    free(s);
    return zt_fail(err, ZT_ERR_USAGE,
                   "store %s does not exist: create it with 'zothuis init' "
                   "(no other command creates a store, so that a store "
                   "moved aside or on a volume not mounted is never "
                   "replaced by an empty one)", path);
  }
  if (mode == ZT_STORE_MEMORY)
    path = ":memory:";
  if (mode == ZT_STORE_INIT) {
    st = create_private(path, err);
    if (st) {
      free(s);
      return st;
    }
  }
  if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
    bool use = mode == ZT_STORE_USE || mode == ZT_STORE_UPGRADE;
    st = zt_fail(err, use ? ZT_ERR_USAGE : ZT_ERR_STORE,
                 "cannot open store %s: %s%s", path,
                 s->db ? sqlite3_errmsg(s->db) : "out of memory",
                 use ? " (run 'zothuis init' first)" : "");
    zt_store_close(s);
    return st;
  }
  sqlite3_busy_timeout(s->db, 10000);
  /* What the file is comes first: another program's database must not
   * even be switched to WAL. */
  st = user_version(s, &s->found_version, err);
  /* A store to be upgraded is checked before anything is written to
   * it: a damaged one is refused as it is, not migrated first. */
  if (!st && s->found_version > 0 &&
      s->found_version < ZT_STORE_SCHEMA_VERSION &&
      (mode == ZT_STORE_INIT || mode == ZT_STORE_UPGRADE))
    st = quick_check(s->db, path, err);
  if (!st && s->found_version == 0 && mode != ZT_STORE_MEMORY)
    st = check_unversioned(s, path, mode, err);
  if (!st)
    st = exec(s,
              "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
              "PRAGMA temp_store = MEMORY; PRAGMA cache_size = -8192;"
              "PRAGMA foreign_keys = OFF;",
              err);
  if (!st && s->found_version > ZT_STORE_SCHEMA_VERSION)
    st = zt_fail(err, ZT_ERR_USAGE,
                 "store %s has schema version %d, newer than this zothuis "
                 "(%d): use a newer zothuis",
                 path, s->found_version, ZT_STORE_SCHEMA_VERSION);
  if (!st && s->found_version < ZT_STORE_SCHEMA_VERSION) {
    if (mode == ZT_STORE_USE)
      st = zt_fail(err, ZT_ERR_USAGE,
                   "store %s has schema version %d, this zothuis needs %d: "
                   "run 'zothuis init' to upgrade it",
                   path, s->found_version, ZT_STORE_SCHEMA_VERSION);
    else
      st = migrate(s, err);
  }
  /* Only a file known to be a zothuis store is touched. */
  if (!st && mode != ZT_STORE_MEMORY)
    protect_files(path);
  for (int i = 0; !st && i < Q_COUNT; i++)
    if (sqlite3_prepare_v3(s->db, sql_text[i], -1, SQLITE_PREPARE_PERSISTENT,
                           &s->q[i], NULL) != SQLITE_OK)
      st = db_fail(s, err, "preparing a statement");
  for (int k = 0; !st && k < NMULTI; k++) {
    /* the single-row INSERT with its VALUES repeated MULTI >> k times */
    const char *one = sql_text[Q_DECL_INSERT];
    const char *values = strstr(one, "VALUES (");
    const char *tail = strstr(one, " ON CONFLICT");
    GString *sql = g_string_new_len(one, values - one + 7);
    for (int r = 0; r < MULTI >> k; r++) {
      g_string_append(sql, r ? ", (" : "(");
      for (int c = 1; c <= 20; c++)
        g_string_append_printf(sql, "%s?%d", c > 1 ? ", " : "", r * 20 + c);
      g_string_append_c(sql, ')');
    }
    g_string_append(sql, tail);
    if (sqlite3_prepare_v3(s->db, sql->str, -1, SQLITE_PREPARE_PERSISTENT,
                           &s->multi[k], NULL) != SQLITE_OK)
      st = db_fail(s, err, "preparing a statement");
    g_string_free(sql, TRUE);
  }
  if (st) {
    zt_store_close(s);
    return st;
  }
  zt_u64map_init(&s->clients);
  zt_u64map_init(&s->waiting);
  *out = s;
  return ZT_OK;
}

void zt_store_close(zt_store *s) {
  zt_err err;
  if (!s)
    return;
  if (s->check)
    zt_store_check_finish(s, NULL);
  if (s->in_file)
    zt_store_file_rollback(s);
  /* Files completed are kept, also when the caller gave up later. */
  if (zt_store_commit(s, &err))
    zt_error("store", "%s", err.msg);
  if (s->db) {
    /* Pages the connection looked at: what a run cost the store, for
     * --verbose (tests use it to see that the cost per file does not grow
     * with the store). */
    int hit = 0, miss = 0, hi;
    sqlite3_db_status(s->db, SQLITE_DBSTATUS_CACHE_HIT, &hit, &hi, 0);
    sqlite3_db_status(s->db, SQLITE_DBSTATUS_CACHE_MISS, &miss, &hi, 0);
    zt_debug("store", "%lld page reads (%d from the cache)",
             (long long)hit + miss, hit);
  }
  for (int i = 0; i < Q_COUNT; i++)
    sqlite3_finalize(s->q[i]);
  for (int k = 0; k < NMULTI; k++)
    sqlite3_finalize(s->multi[k]);
  zt_store_flow_free(s->flow);
  if (s->db)
    sqlite3_close(s->db);
  zt_u64map_free(&s->clients);
  zt_u64map_free(&s->waiting);
  free(s->res_seen);
  free(s->known);
  free(s->undo);
  free(s->pending);
  free(s->order);
  free(s);
}

int zt_store_found_version(const zt_store *s) {
  return s->found_version;
}

bool zt_store_restored(const zt_store *s) {
  return s->restored;
}

zt_status zt_store_check(zt_store *s, zt_err *err) {
  return quick_check(s->db, sqlite3_db_filename(s->db, "main"), err);
}

/* A check on its own connection and thread. */
struct bg_check {
  GThread *thread;
  sqlite3 *db;
  char *path;
  zt_status st;
  zt_err err;
};

static gpointer run_check(gpointer data) {
  struct bg_check *c = data;
  c->st = quick_check(c->db, c->path, &c->err);
  return NULL;
}

zt_status zt_store_check_start(zt_store *s, zt_err *err) {
  struct bg_check *c;
  const char *path = sqlite3_db_filename(s->db, "main");
  if (s->check)
    return ZT_OK;
  if (!path || !*path)               /* in memory: nothing to check */
    return ZT_OK;
  c = calloc(1, sizeof *c);
  if (!c)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  c->path = g_strdup(path);
  zt_err_clear(&c->err);
  if (sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READONLY |
                      SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
    zt_status st = sqlite_fail(c->db, err, "checking the store");
    sqlite3_close(c->db);
    g_free(c->path);
    free(c);
    return st;
  }
  sqlite3_busy_timeout(c->db, 10000);
  c->thread = g_thread_try_new("zt-check", run_check, c, NULL);
  if (!c->thread) {                  /* no thread: check here and now */
    c->st = quick_check(c->db, c->path, &c->err);
  }
  s->check = c;
  return ZT_OK;
}

zt_status zt_store_put_message_ident(zt_store *s, int64_t file_id,
                                     const char *ident, zt_err *err) {
  sqlite3_stmt *st;
  int rc;
  if (!ident || !ident[0])
    return ZT_OK;
  st = zt_store_q_(s, Q_MSG_IDENT);
  sqlite3_bind_int64(st, 1, file_id);
  sqlite3_bind_text(st, 2, ident, -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE)
    return db_fail(s, err, "keeping a message's identification");
  return ZT_OK;
}

void zt_store_check_after_read(zt_store *s) {
  s->check_due = true;
}

zt_status zt_store_check_start_due(zt_store *s, zt_err *err) {
  if (!s->check_due)
    return ZT_OK;
  s->check_due = false;
  return zt_store_check_start(s, err);
}

zt_status zt_store_check_finish(zt_store *s, zt_err *err) {
  struct bg_check *c = s->check;
  zt_status st;
  if (s->check_due) {          /* asked for and never started: now */
    s->check_due = false;
    return zt_store_check(s, err);
  }
  if (!c)
    return ZT_OK;
  if (c->thread)
    g_thread_join(c->thread);
  st = c->st;
  if (st && err)
    *err = c->err;
  sqlite3_close(c->db);
  g_free(c->path);
  free(c);
  s->check = NULL;
  return st;
}

/* `path` as an SQLite URI path: every byte but letters, digits, '/',
 * '-', '.', '_' percent-encoded. Caller frees. */
static char *uri_path(const char *path) {
  static const char hex[] = "0123456789ABCDEF";
  GString *g = g_string_new(NULL);
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if (g_ascii_isalnum(*p) || strchr("/-._", *p))
      g_string_append_c(g, (char)*p);
    else
      g_string_append_printf(g, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
  }
  return g_string_free(g, FALSE);
}

/* Does the database `db` hold a table `name`? */
static bool has_table(sqlite3 *db, const char *name) {
  sqlite3_stmt *st;
  bool found = false;
  if (sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_schema WHERE type = "
                         "'table' AND name = ?1", -1, &st,
                         NULL) != SQLITE_OK)
    return false;
  sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
  found = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return found;
}

void zt_store_peek_key(const char *path, zt_store_keyinfo *ki) {
  sqlite3 *db = NULL;
  sqlite3_stmt *st;
  struct stat sb;
  char *wal = g_strconcat(path, "-wal", NULL);
  char *abs = g_canonicalize_filename(path, NULL);
  char *enc = uri_path(abs);
  /* without a -wal everything is in the file: read it as immutable,
   * which makes no -wal or -shm; with one, read-only through it */
  char *uri = g_strdup_printf("file:%s?%s", enc,
                              lstat(wal, &sb) == 0 ? "mode=ro"
                                                   : "immutable=1");
  bool ok;
  memset(ki, 0, sizeof *ki);
  sqlite_setup();
  ok = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI |
                       SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK &&
       sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st,
                          NULL) == SQLITE_OK;
  if (ok) {
    ok = sqlite3_step(st) == SQLITE_ROW;
    ki->version = ok ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
  }
  if (ok && has_table(db, "meta") &&
      sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = "
                         "'key_id'", -1, &st, NULL) == SQLITE_OK) {
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
      snprintf(ki->id, sizeof ki->id, "%s",
               (const char *)sqlite3_column_text(st, 0));
      ki->have_id = true;
    }
    ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
    sqlite3_finalize(st);
  }
  if (ok && has_table(db, "client") &&
      sqlite3_prepare_v2(db, "SELECT EXISTS (SELECT 1 FROM client)", -1,
                         &st, NULL) == SQLITE_OK) {
    ok = sqlite3_step(st) == SQLITE_ROW;
    ki->clients = ok && sqlite3_column_int(st, 0) != 0;
    sqlite3_finalize(st);
  }
  ki->known = ok;
  sqlite3_close(db);
  g_free(uri);
  g_free(enc);
  g_free(abs);
  g_free(wal);
}

zt_status zt_store_meta_get(zt_store *s, const char *key, char *buf,
                            size_t size, bool *found, zt_err *err) {
  sqlite3_stmt *st;
  int rc;
  *found = false;
  if (size)
    buf[0] = '\0';
  if (sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE key = ?1", -1,
                         &st, NULL) != SQLITE_OK)
    return db_fail(s, err, "reading a setting of the store");
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    snprintf(buf, size, "%s", (const char *)sqlite3_column_text(st, 0));
    *found = true;
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return db_fail(s, err, "reading a setting of the store");
  return ZT_OK;
}

zt_status zt_store_meta_set(zt_store *s, const char *key, const char *value,
                            zt_err *err) {
  sqlite3_stmt *st;
  int rc;
  if (s->in_file || s->in_group)
    return zt_fail(err, ZT_ERR_INTERNAL, "store: setting inside a file");
  if (sqlite3_prepare_v2(s->db,
                         "INSERT OR REPLACE INTO meta (key, value) VALUES "
                         "(?1, ?2)", -1, &st, NULL) != SQLITE_OK)
    return db_fail(s, err, "writing a setting of the store");
  sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE)
    return db_fail(s, err, "writing a setting of the store");
  return ZT_OK;
}

zt_status zt_store_has_clients(zt_store *s, bool *any, zt_err *err) {
  sqlite3_stmt *st;
  int rc;
  *any = false;
  if (sqlite3_prepare_v2(s->db, "SELECT EXISTS (SELECT 1 FROM client)", -1,
                         &st, NULL) != SQLITE_OK)
    return db_fail(s, err, "reading the clients");
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW)
    *any = sqlite3_column_int(st, 0) != 0;
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW)
    return db_fail(s, err, "reading the clients");
  return ZT_OK;
}

sqlite3 *zt_store_db(zt_store *s) {
  return s->db;
}

/* ---- files --------------------------------------------------------- */

static void now_iso(char buf[32]) {
  time_t t = time(NULL);
  struct tm tm;
  const char *sde = getenv("SOURCE_DATE_EPOCH");
  if (sde && *sde) {
    char *end;
    long long v = strtoll(sde, &end, 10);
    if (!*end && v >= 0)
      t = (time_t)v;
  }
  gmtime_r(&t, &tm);
  strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

zt_status zt_store_file_seen(zt_store *s, const char *hash, bool *seen,
                             zt_err *err) {
  sqlite3_stmt *st = zt_store_q_(s, Q_FILE_SEEN);
  int rc;
  sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return db_fail(s, err, "looking up a file");
  /* A reference file (catalogue, providers) counts as seen only when the
   * table still holds its rows: that is decided at commit. */
  *seen = rc == SQLITE_ROW &&
          strcmp((const char *)sqlite3_column_text(st, 0), "ingested") == 0 &&
          !is_reference_kind((const char *)sqlite3_column_text(st, 1));
  sqlite3_reset(st);
  return ZT_OK;
}

zt_status zt_store_seen_set(zt_store *s, GHashTable **out, zt_err *err) {
  sqlite3_stmt *st;
  GHashTable *set = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                          NULL);
  int rc;
  *out = NULL;
  if (sqlite3_prepare_v2(s->db, "SELECT content_hash, kind FROM "
                         "ingest_file WHERE status = 'ingested' AND "
                         "content_hash IS NOT NULL", -1, &st, NULL) !=
      SQLITE_OK) {
    g_hash_table_destroy(set);
    return db_fail(s, err, "looking up files");
  }
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    if (!is_reference_kind((const char *)sqlite3_column_text(st, 1)))
      g_hash_table_add(set, g_strdup((const char *)sqlite3_column_text(st,
                                                                       0)));
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE) {
    g_hash_table_destroy(set);
    return db_fail(s, err, "looking up files");
  }
  *out = set;
  return ZT_OK;
}

/* For a reference file about to be committed: was the same content
 * ingested before (*old_id), and did the table it replaces come from
 * that very file (*already)? */
static zt_status reference_seen(zt_store *s, const char *hash,
                                int64_t *old_id, bool *already, zt_err *err) {
  sqlite3_stmt *st = zt_store_q_(s, Q_FILE_SEEN);
  int rc;
  *old_id = 0;
  *already = false;
  sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return db_fail(s, err, "looking up a file");
  if (rc == SQLITE_ROW &&
      strcmp((const char *)sqlite3_column_text(st, 0), "ingested") == 0) {
    *old_id = sqlite3_column_int64(st, 2);
    *already = s->replaced_from == *old_id;
  }
  sqlite3_reset(st);
  return ZT_OK;
}

/* The same reference content is read again (the table had been replaced
 * by another file since): its earlier record gives way to this one. */
static zt_status forget_file(zt_store *s, int64_t id, zt_err *err) {
  static const char *const sql[2] = {
      "DELETE FROM reject WHERE file_id = ?1",
      "DELETE FROM ingest_file WHERE id = ?1"};
  for (int i = 0; i < 2; i++) {
    sqlite3_stmt *st;
    int rc;
    if (sqlite3_prepare_v2(s->db, sql[i], -1, &st, NULL) != SQLITE_OK)
      return db_fail(s, err, "replacing a reference file's record");
    sqlite3_bind_int64(st, 1, id);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
      return db_fail(s, err, "replacing a reference file's record");
  }
  return ZT_OK;
}

/* The suffix of the fingerprint of a rejected delivery whose bytes are
 * also stored as an ingested file (docs/store.md). */
#define AGAIN_SUFFIX "-again"

/* Forget an earlier delivery of the same bytes that was rejected whole:
 * it is being tried again. */
static zt_status forget_rejected(zt_store *s, const char *hash, zt_err *err) {
  static const int which[2] = {Q_FORGET_REJECTS, Q_FORGET_FILE};
  for (int i = 0; i < 2; i++) {
    sqlite3_stmt *st = zt_store_q_(s, which[i]);
    int rc;
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
      return db_fail(s, err, "forgetting an earlier rejected delivery");
  }
  return ZT_OK;
}

/* The day of an ISO timestamp "YYYY-MM-DDT...". */
static zt_day iso_day(const char *iso) {
  zt_day d;
  return zt_date_parse(iso, 10, &d) == ZT_OK ? d : 0;
}

/* Note the provider a line of the open file names. */
static void note_agb(zt_store *s, uint32_t agb) {
  if (s->file_agb == 0)
    s->file_agb = agb;
  else if (s->file_agb != (int64_t)agb)
    s->file_agb = -1;
}

static zt_status insert_file(zt_store *s, const zt_file_info *fi,
                             const char *hash, const char *status,
                             const char *reason, int64_t *id, zt_err *err) {
  sqlite3_stmt *st;
  char when[32];
  /* a name may hold a BSN ("client_210001379.csv"): masked, as nowhere
   * in the store a BSN may stand */
  char *path = zt_mask_dup(fi->path);
  char *base = g_path_get_basename(path);
  zt_status rc = ZT_OK;
  zt_day day;

  now_iso(when);
  st = zt_store_q_(s, Q_FILE_INSERT);
  if (hash)
    sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 3, base, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, fi->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 5, fi->format, -1, SQLITE_STATIC);
  sqlite3_bind_int64(st, 6, (sqlite3_int64)fi->bytes);
  sqlite3_bind_text(st, 7, when, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(st, 8, status, -1, SQLITE_STATIC);
  if (reason)
    sqlite3_bind_text(st, 9, reason, -1, SQLITE_STATIC);
  /* delivered: the modification day, never after the ingest day (which
   * SOURCE_DATE_EPOCH may set, for reproducible reports) */
  day = iso_day(when);
  if (fi->modified > 0 && fi->modified != ZT_DAY_NONE && fi->modified < day)
    day = fi->modified;
  sqlite3_bind_int64(st, 10, day);
  if (sqlite3_step(st) != SQLITE_DONE)
    rc = db_fail(s, err, "recording the file");
  else
    *id = sqlite3_last_insert_rowid(s->db);
  sqlite3_reset(st);
  g_free(base);
  g_free(path);
  return rc;
}

/* Load the waiting credits into memory (once, and after a rollback). */
static zt_status load_waiting(zt_store *s, zt_err *err) {
  sqlite3_stmt *st;
  zt_status rc = ZT_OK;
  if (s->waiting_loaded)
    return ZT_OK;
  zt_u64map_clear(&s->waiting);
  if (sqlite3_prepare_v2(s->db,
                         "SELECT agb, prev_ref FROM declaration WHERE "
                         "credit = 1 AND debit_id IS NULL",
                         -1, &st, NULL) != SQLITE_OK)
    return db_fail(s, err, "reading waiting credits");
  while (!rc && sqlite3_step(st) == SQLITE_ROW) {
    uint64_t k = zt_store_map_key_((uint64_t)ref_key(
        (uint32_t)sqlite3_column_int64(st, 0),
        (const char *)sqlite3_column_text(st, 1)));
    uint64_t n = 0;
    zt_u64map_get(&s->waiting, k, &n);
    rc = zt_u64map_put(&s->waiting, k, n + 1);
  }
  sqlite3_finalize(st);
  if (rc)
    return zt_fail(err, rc, "out of memory");
  s->waiting_loaded = true;
  return ZT_OK;
}

/*
 * Files are stored in groups: one SQLite transaction holds several files,
 * each inside its own SAVEPOINT. Every file stays all-or-nothing: a file
 * rejected or failing halfway rolls back to its savepoint, and a crash
 * loses the whole open group, whose files are then simply ingested again
 * (their fingerprints were not committed either). A file stored whole
 * (zt_file_info.whole: read ahead and checked) has no savepoint, whose
 * copies of the pages it touches would cost more than its inserts: it is
 * never undone alone, and if it must be, the group is. The cost of a commit
 * (the WAL pages of the shared tables written again) is then shared by
 * many small files, such as one JW301 per child.
 */
#define GROUP_FILES 4096
#define GROUP_LINES 200000
/* A file this large gets a transaction of its own instead of a savepoint:
 * SQLite's statement journals inside a savepoint cost time in proportion
 * to the size of the database, for every statement. */
#define SOLO_BYTES (1u << 20)

static void forget_caches(zt_store *s) {
  /* Ids and waiting credits made in what was rolled back are gone. */
  s->npending = 0;
  zt_u64map_clear(&s->clients);
  s->nknown = 0;
  s->waiting_loaded = false;
}

/* The undo journal of the open file (see struct zt_store). */
enum { U_WAITING, U_CLIENT_NEW, U_CLIENT_PREC };
#define UNDO_MAX (1u << 18)

static void undo_note(zt_store *s, int what, uint64_t key, uint64_t old) {
  if (!s->in_file || s->undo_lost || s->nosave)
    return;
  if (s->nundo == s->capundo) {
    size_t cap = s->capundo ? s->capundo * 2 : 1024;
    struct undo *n = cap <= UNDO_MAX ? realloc(s->undo, cap * sizeof *n)
                                     : NULL;
    if (!n) {
      s->undo_lost = true;
      return;
    }
    s->undo = n;
    s->capundo = cap;
  }
  s->undo[s->nundo++] = (struct undo){(uint8_t)what, key, old};
}

/* Set a waiting-credit count, noting the old one. */
zt_status zt_store_waiting_put_(zt_store *s, uint64_t k, uint64_t n) {
  uint64_t old = 0;
  zt_u64map_get(&s->waiting, k, &old);
  undo_note(s, U_WAITING, k, old);
  return zt_u64map_put(&s->waiting, k, n);
}

/* The open file is rolled back: put the caches back as they were when it
 * began. Costs what the file changed, not what the store holds. */
static void undo_file(zt_store *s) {
  if (s->undo_lost) {
    forget_caches(s);
  } else {
    for (size_t i = s->nundo; i-- > 0;) {
      const struct undo *u = &s->undo[i];
      switch (u->what) {
      case U_WAITING:
        zt_u64map_put(&s->waiting, u->key, u->old);
        break;
      case U_CLIENT_NEW:     /* that id no longer exists */
        if (u->key <= s->nknown)
          memset(&s->known[u->key - 1], 0, sizeof s->known[0]);
        break;
      case U_CLIENT_PREC:
        if (u->key <= s->nknown)
          s->known[u->key - 1].birth_precision = (int8_t)u->old;
        break;
      }
    }
    s->npending = 0;
  }
  s->nundo = 0;
  s->undo_lost = false;
}

static zt_status group_open(zt_store *s, zt_err *err) {
  zt_status st;
  if (s->in_group)
    return ZT_OK;
  st = exec(s, "BEGIN IMMEDIATE", err);
  if (st)
    return st;
  s->in_group = true;
  s->group_files = 0;
  s->group_lines = 0;
  return ZT_OK;
}

zt_status zt_store_commit(zt_store *s, zt_err *err) {
  zt_status st;
  if (s->in_file)
    return zt_fail(err, ZT_ERR_INTERNAL, "store: commit inside a file");
  if (!s->in_group)
    return ZT_OK;
  st = exec(s, "COMMIT", err);
  if (st) {
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    forget_caches(s);
  }
  s->in_group = false;
  return st;
}

/* A file is done: commit the group when it is big enough. */
static zt_status group_file_done(zt_store *s, long lines, zt_err *err) {
  s->group_files++;
  s->group_lines += lines;
  if (s->group_files >= GROUP_FILES || s->group_lines >= GROUP_LINES)
    return zt_store_commit(s, err);
  return ZT_OK;
}

/* Size SQLite's page cache to the store: the reference index must stay in
 * it for ingest to stay fast (its keys are random, so a batch touches most
 * of its pages; it is about a sixth of the store), while a region's store
 * should not cost more memory than it needs. A quarter of the store's
 * size, between 32 and 144 MiB: 144 keeps the ingest of a 10M-line year
 * within 300 MB in all (docs/benchmarks.md; 256 made it 405 MB for 7%
 * more speed). ZOTHUIS_CACHE_MB fixes it. */
#define CACHE_MAX_MIB 144
static void size_cache(zt_store *s) {
  sqlite3_stmt *st;
  int64_t bytes = 0, kib;
  long mb;
  const char *env = getenv("ZOTHUIS_CACHE_MB");
  char sql[64];
  if (env && zt_parse_int(env, 8, 65536, &mb) == ZT_OK) {
    kib = (int64_t)mb * 1024;
  } else {
    if (sqlite3_prepare_v2(s->db, "SELECT page_count * page_size FROM "
                           "pragma_page_count, pragma_page_size", -1, &st,
                           NULL) == SQLITE_OK) {
      if (sqlite3_step(st) == SQLITE_ROW)
        bytes = sqlite3_column_int64(st, 0);
      sqlite3_finalize(st);
    }
    kib = bytes / 4 / 1024;
    if (kib < 32 * 1024)
      kib = 32 * 1024;
    if (kib > CACHE_MAX_MIB * 1024)
      kib = CACHE_MAX_MIB * 1024;
  }
  if (kib != s->cache_kib) {
    snprintf(sql, sizeof sql, "PRAGMA cache_size = -%lld", (long long)kib);
    sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    s->cache_kib = kib;
  }
}

zt_status zt_store_file_begin(zt_store *s, const zt_file_info *fi,
                              int64_t *file_id, zt_err *err) {
  zt_status st;
  if (s->in_file)
    return zt_fail(err, ZT_ERR_INTERNAL, "store: nested file transaction");
  if (!s->in_group)
    size_cache(s);
  s->solo = fi->bytes >= SOLO_BYTES;
  s->nosave = !s->solo && fi->whole;
  if (s->solo) {
    st = zt_store_commit(s, err);     /* close the group before it */
    if (!st)
      st = group_open(s, err);
  } else {
    st = group_open(s, err);
    if (!st && !s->nosave)
      st = exec_q(s, Q_SAVEPOINT, err);
  }
  if (st)
    return st;
  s->in_file = true;
  s->file_ijw = fi->format && (strncmp(fi->format, "xml", 3) == 0 ||
                               strncmp(fi->format, "jw", 2) == 0);
  s->replaced_from = -1;
  s->file_agb = 0;
  s->nundo = 0;
  s->undo_lost = false;
  free(s->res_seen);
  s->res_seen = NULL;
  s->res_words = 0;
  s->npending = 0;
  memset(&s->batch, 0, sizeof s->batch);
  st = load_waiting(s, err);
  if (!st)
    st = insert_file(s, fi, NULL, "ingested", NULL, file_id, err);
  if (st)
    zt_store_file_rollback(s);
  return st;
}

zt_status zt_store_file_commit(zt_store *s, int64_t file_id,
                               const zt_file_done *done, bool *already,
                               zt_err *err) {
  const char *hash = done->hash;
  const zt_file_counts *c = &done->counts;
  sqlite3_stmt *st;
  zt_status rc;
  int64_t old_id = 0;
  *already = false;
  rc = zt_store_flush(s, err);
  if (!rc && is_reference_kind(done->kind))
    rc = reference_seen(s, hash, &old_id, already, err);
  else if (!rc)
    rc = zt_store_file_seen(s, hash, already, err);
  if (!rc && *already) {
    bool group = s->nosave;
    zt_store_file_rollback(s);
    if (group)      /* cannot be: its fingerprint was looked up at open */
      return zt_fail(err, ZT_ERR_INTERNAL, "store: a file without a "
                     "savepoint was found stored when it ended; the open "
                     "group of files is undone");
    return ZT_OK;
  }
  if (!rc && old_id)
    rc = forget_file(s, old_id, err);
  if (!rc)
    rc = forget_rejected(s, hash, err);
  if (rc) {
    zt_store_file_rollback(s);
    return rc;
  }
  st = zt_store_q_(s, Q_FILE_UPDATE);
  sqlite3_bind_int64(st, 1, file_id);
  sqlite3_bind_int64(st, 2, c->read);
  sqlite3_bind_int64(st, 3, c->accepted);
  sqlite3_bind_int64(st, 4, c->rejected);
  sqlite3_bind_int64(st, 5, c->duplicates);
  sqlite3_bind_int64(st, 6, c->credits_linked);
  sqlite3_bind_int64(st, 7, c->credits_waiting);
  if (done->warnings && *done->warnings)
    sqlite3_bind_text(st, 8, done->warnings, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 9, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 10, done->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 11, done->format, -1, SQLITE_STATIC);
  if (done->message_day > 0 && done->message_day != ZT_DAY_NONE)
    sqlite3_bind_int64(st, 12, done->message_day);
  if (s->file_agb)
    sqlite3_bind_int64(st, 13, s->file_agb);
  if (sqlite3_step(st) != SQLITE_DONE) {
    rc = db_fail(s, err, "recording the file's counts");
    sqlite3_reset(st);
    zt_store_file_rollback(s);
    return rc;
  }
  sqlite3_reset(st);
  if (s->solo) {
    s->in_file = false;
    return zt_store_commit(s, err);
  }
  rc = s->nosave ? ZT_OK : exec_q(s, Q_RELEASE, err);
  if (rc) {
    zt_store_file_rollback(s);
    return rc;
  }
  s->in_file = false;
  s->nosave = false;
  return group_file_done(s, c->read, err);
}

void zt_store_file_rollback(zt_store *s) {
  if (!s->in_file)
    return;
  if (s->solo || s->nosave) {
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    s->in_group = false;
    s->solo = false;
  } else {
    exec_q(s, Q_ROLLBACK_TO, NULL);
    exec_q(s, Q_RELEASE, NULL);
  }
  s->in_file = false;
  if (s->nosave) {
    /* the group's other files went too, with their cache entries */
    forget_caches(s);
    s->nundo = 0;
    s->undo_lost = false;
    s->nosave = false;
  } else {
    undo_file(s);
  }
}

zt_status zt_store_file_rejected(zt_store *s, const zt_file_info *fi,
                                 const char *hash, zt_reason reason,
                                 const char *message, zt_err *err) {
  char rec[128];
  int64_t id;
  zt_status st;
  if (s->in_file)
    return zt_fail(err, ZT_ERR_INTERNAL, "store: file transaction open");
  s->solo = false;
  st = group_open(s, err);
  if (!st)
    st = exec_q(s, Q_SAVEPOINT, err);
  if (st)
    return st;
  s->in_file = true;
  /* A rejected delivery is recorded under its fingerprint and a tag of
   * its path, so that the same file tried again replaces its record, and
   * two files of the same bytes under two paths are both on the list.
   * When the same bytes were ingested before (a catalogue named on the
   * command line and found again in a folder), the fingerprint stays
   * with that file and the record gets AGAIN_SUFFIX. Stores of older
   * versions recorded a rejection under the bare fingerprint: such a
   * record gives way first. */
  if (hash)
    st = forget_rejected(s, hash, err);
  if (!st && hash) {
    sqlite3_stmt *q1 = zt_store_q_(s, Q_FILE_SEEN);
    int rc;
    sqlite3_bind_text(q1, 1, hash, -1, SQLITE_STATIC);
    rc = sqlite3_step(q1);
    sqlite3_reset(q1);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
      st = db_fail(s, err, "looking up a file");
    /* the path as one spelling: ./x, x, /abs/x and d/../x are one */
    char *canon = g_canonicalize_filename(fi->path, NULL);
    snprintf(rec, sizeof rec, "%s%s-%016llx", hash,
             rc == SQLITE_ROW ? AGAIN_SUFFIX : "",
             (unsigned long long)zt_hash64(canon, strlen(canon),
                                           CONTENT_SEED));
    g_free(canon);
    hash = rec;
    if (!st)
      st = forget_rejected(s, hash, err);
  }
  if (!st)
    st = insert_file(s, fi, hash, "rejected", zt_reason_code(reason), &id,
                     err);
  if (!st)
    st = zt_store_put_reject(s, id, 0, NULL, reason, message, NULL, err);
  if (!st)
    st = exec_q(s, Q_RELEASE, err);
  if (st) {
    zt_store_file_rollback(s);
    return st;
  }
  s->in_file = false;
  return group_file_done(s, 0, err);
}

zt_status zt_store_same_size_seen(zt_store *s, uint64_t bytes, bool *maybe,
                                  zt_err *err) {
  sqlite3_stmt *st = zt_store_q_(s, Q_FILE_SAME_SIZE);
  int rc;
  sqlite3_bind_int64(st, 1, (sqlite3_int64)bytes);
  rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return db_fail(s, err, "looking up files");
  *maybe = rc == SQLITE_ROW;
  return ZT_OK;
}

/* ---- clients -------------------------------------------------------- */

/* The store id of the client with pseudonym `p`, created when new. */
zt_status zt_store_client_id_(zt_store *s, const zt_pseudo *p, int64_t *id,
                             int *precision, zt_err *err) {
  uint64_t k = pseudo_key(p), v;
  sqlite3_stmt *st;
  char text[ZT_PSEUDO_TEXT];
  int rc;

  if (zt_u64map_get(&s->clients, k, &v) && v < s->nknown &&
      s->known[v].valid &&
      memcmp(s->known[v].pseudo.b, p->b, sizeof p->b) == 0) {
    *id = (int64_t)v + 1;
    *precision = s->known[v].birth_precision;
    return ZT_OK;
  }
  zt_pseudo_text(p, text);
  st = zt_store_q_(s, Q_CLIENT_FIND);
  sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    *id = sqlite3_column_int64(st, 0);
    *precision = sqlite3_column_int(st, 1);
  } else if (rc == SQLITE_DONE) {
    sqlite3_stmt *ins = zt_store_q_(s, Q_CLIENT_INSERT);
    sqlite3_bind_text(ins, 1, text, -1, SQLITE_STATIC);
    if (sqlite3_step(ins) != SQLITE_DONE)
      return db_fail(s, err, "adding a client");
    *id = sqlite3_last_insert_rowid(s->db);
    *precision = 3;
    sqlite3_reset(ins);
    undo_note(s, U_CLIENT_NEW, (uint64_t)*id, 0);
  } else {
    return db_fail(s, err, "looking up a client");
  }
  sqlite3_reset(st);
  /* Cache by id (ids are dense from 1); a clash of the 8-byte key just
   * means the slower path next time. */
  if ((size_t)*id > s->nknown) {
    size_t need = (size_t)*id, cap = s->nknown ? s->nknown : 1024;
    struct client_slot *n;
    while (cap < need)
      cap *= 2;
    n = realloc(s->known, cap * sizeof *n);
    if (!n)
      return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
    memset(n + s->nknown, 0, (cap - s->nknown) * sizeof *n);
    s->known = n;
    s->nknown = cap;
  }
  s->known[*id - 1].pseudo = *p;
  s->known[*id - 1].birth_precision = (int8_t)*precision;
  s->known[*id - 1].valid = 1;
  if (zt_u64map_put(&s->clients, k, (uint64_t)(*id - 1)))
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  return ZT_OK;
}

/* Set a client's birth date when it is more precise than what is known
 * (or `force`, for a client file, which is the authoritative source). */
zt_status zt_store_client_birth_(zt_store *s, int64_t id, int old_precision,
                                zt_day birth, int precision, int gender,
                                const char *source, bool force,
                                zt_err *err) {
  sqlite3_stmt *st;
  if (!force && (birth == ZT_DAY_NONE || precision >= old_precision))
    return ZT_OK;
  st = zt_store_q_(s, Q_CLIENT_BIRTH);
  sqlite3_bind_int64(st, 1, id);
  if (birth != ZT_DAY_NONE)
    sqlite3_bind_int(st, 2, birth);
  sqlite3_bind_int(st, 3, birth == ZT_DAY_NONE ? 3 : precision);
  sqlite3_bind_int(st, 4, gender);
  sqlite3_bind_text(st, 5, source, -1, SQLITE_STATIC);
  if (sqlite3_step(st) != SQLITE_DONE)
    return db_fail(s, err, "setting a birth date");
  sqlite3_reset(st);
  if ((size_t)id <= s->nknown) {
    undo_note(s, U_CLIENT_PREC, (uint64_t)id,
              (uint64_t)(uint8_t)s->known[id - 1].birth_precision);
    s->known[id - 1].birth_precision =
        (int8_t)(birth == ZT_DAY_NONE ? 3 : precision);
  }
  return ZT_OK;
}

/* ---- assignments, clients, residence --------------------------------- */

int64_t zt_store_assign_key_(const char *pseudonym, const zt_assign *a) {
  unsigned char buf[96];
  size_t o, n = strlen(pseudonym), m = strlen(a->code);
  if (n > 32 || m > ZT_CODE_MAX)
    return 0;           /* no such row is stored */
  memcpy(buf, pseudonym, n + 1);
  o = n + 1;
  o += le_put(buf + o, a->gemeente, 2);
  o += le_put(buf + o, a->agb, 4);
  o += le_put(buf + o, (uint64_t)a->toewijzing, 8);
  o += le_put(buf + o, (uint64_t)(int64_t)a->category, 2);
  memcpy(buf + o, a->code, m + 1);
  o += m + 1;
  o += le_put(buf + o, (uint32_t)a->begin, 4);
  o += le_put(buf + o, (uint32_t)a->end, 4);
  o += le_put(buf + o, (uint64_t)(int64_t)a->reason, 2);
  return (int64_t)zt_hash64(buf, o, CONTENT_SEED);
}

zt_status zt_store_put_assign(zt_store *s, int64_t file_id, long line,
                              const zt_assign *a, zt_put_result *res,
                              zt_err *err) {
  char pseudonym[ZT_PSEUDO_TEXT];
  int64_t cid;
  int precision, rc;
  sqlite3_stmt *st;
  zt_status zs;
  note_agb(s, a->agb);

  zt_store_clear_(res);
  zs = zt_store_client_id_(s, &a->client, &cid, &precision, err);
  if (zs)
    return zs;
  zt_pseudo_text(&a->client, pseudonym);

  st = zt_store_q_(s, Q_ASSIGN_INSERT);
  sqlite3_bind_int64(st, 1, file_id);
  sqlite3_bind_int64(st, 2, line);
  sqlite3_bind_int64(st, 3, cid);
  sqlite3_bind_int(st, 4, a->gemeente);
  sqlite3_bind_int64(st, 5, a->agb);
  sqlite3_bind_int64(st, 6, a->toewijzing);
  if (a->category >= 0)
    sqlite3_bind_int(st, 7, a->category);
  if (a->code[0])
    sqlite3_bind_text(st, 8, a->code, -1, SQLITE_STATIC);
  sqlite3_bind_int(st, 9, a->begin);
  if (a->end != ZT_DAY_NONE)
    sqlite3_bind_int(st, 10, a->end);
  if (a->reason >= 0)
    sqlite3_bind_int(st, 11, a->reason);
  sqlite3_bind_int64(st, 12, zt_store_assign_key_(pseudonym, a));
  if (a->ref[0])
    sqlite3_bind_text(st, 13, a->ref, -1, SQLITE_STATIC);
  if (a->assigned != ZT_DAY_NONE)
    sqlite3_bind_int(st, 14, a->assigned);
  rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE)
    return db_fail(s, err, "storing an assignment");
  if (sqlite3_changes(s->db) == 0) {
    res->outcome = ZT_PUT_DUPLICATE;   /* JW301 repeats assignments */
    return ZT_OK;
  }
  return zt_store_client_birth_(s, cid, precision, a->birth,
                                a->birth_precision, a->gender, "jw301",
                                false, err);
}

zt_status zt_store_put_client(zt_store *s, int64_t file_id, long line,
                              const zt_client *c, zt_put_result *res,
                              zt_err *err) {
  int64_t cid;
  int precision;
  zt_status zs;
  (void)file_id;
  (void)line;
  zt_store_clear_(res);
  zs = zt_store_client_id_(s, &c->client, &cid, &precision, err);
  if (zs)
    return zs;
  return zt_store_client_birth_(s, cid, precision, c->birth,
                                c->birth_precision, c->gender, "clienten",
                                true, err);
}

static bool res_seen_test(const zt_store *s, int64_t cid) {
  size_t w = (size_t)cid / 64;
  return w < s->res_words && (s->res_seen[w] >> (cid % 64) & 1);
}

static bool res_seen_set(zt_store *s, int64_t cid) {
  size_t w = (size_t)cid / 64;
  if (w >= s->res_words) {
    size_t n = s->res_words ? s->res_words : 1024;
    uint64_t *b;
    while (n <= w)
      n *= 2;
    b = realloc(s->res_seen, n * sizeof *b);
    if (!b)
      return false;
    memset(b + s->res_words, 0, (n - s->res_words) * sizeof *b);
    s->res_seen = b;
    s->res_words = n;
  }
  s->res_seen[w] |= UINT64_C(1) << (cid % 64);
  return true;
}

zt_status zt_store_put_residence(zt_store *s, int64_t file_id, long line,
                                 const zt_residence *r, zt_put_result *res,
                                 zt_err *err) {
  int64_t cid;
  int precision, rc;
  sqlite3_stmt *st;
  zt_status zs;

  zt_store_clear_(res);
  zs = zt_store_client_id_(s, &r->client, &cid, &precision, err);
  if (zs)
    return zs;
  /* A residence file replaces the history of every person it names
   * (docs/store.md): drop what older files said about this person. */
  if (!res_seen_test(s, cid)) {
    st = zt_store_q_(s, Q_RES_DELETE_OLD);
    sqlite3_bind_int64(st, 1, cid);
    sqlite3_bind_int64(st, 2, file_id);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
      return db_fail(s, err, "replacing a residence history");
    if (!res_seen_set(s, cid))
      return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  }
  st = zt_store_q_(s, Q_RES_OVERLAP);
  sqlite3_bind_int64(st, 1, cid);
  sqlite3_bind_int64(st, 2, file_id);
  if (r->gemeente)
    sqlite3_bind_int(st, 3, r->gemeente);
  sqlite3_bind_int(st, 4, r->begin);
  if (r->end != ZT_DAY_NONE)
    sqlite3_bind_int(st, 5, r->end);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    bool identical = sqlite3_column_int(st, 0) != 0;
    sqlite3_reset(st);
    if (identical)
      res->outcome = ZT_PUT_DUPLICATE;
    else
      zt_put_reject(res, ZT_R_RESIDENCE_OVERLAP, ZT_R_BEGIN_F,
                    "begindatum: overlaps another residence period of the "
                    "same person in this file");
    return ZT_OK;
  }
  sqlite3_reset(st);
  if (rc != SQLITE_DONE)
    return db_fail(s, err, "checking residence periods");
  st = zt_store_q_(s, Q_RES_INSERT);
  sqlite3_bind_int64(st, 1, file_id);
  sqlite3_bind_int64(st, 2, line);
  sqlite3_bind_int64(st, 3, cid);
  if (r->gemeente)
    sqlite3_bind_int(st, 4, r->gemeente);
  sqlite3_bind_int(st, 5, r->gemeente_known);
  sqlite3_bind_int(st, 6, r->begin);
  if (r->end != ZT_DAY_NONE)
    sqlite3_bind_int(st, 7, r->end);
  rc = sqlite3_step(st);
  sqlite3_reset(st);
  if (rc != SQLITE_DONE)
    return db_fail(s, err, "storing a residence period");
  return ZT_OK;
}

/* ---- rejects and credits ------------------------------------------------ */

zt_status zt_store_put_reject(zt_store *s, int64_t file_id, long line,
                              const char *field, zt_reason reason,
                              const char *message, const char *raw,
                              zt_err *err) {
  sqlite3_stmt *st = zt_store_q_(s, Q_REJECT_INSERT);
  /* a message may quote a file name, and a name may hold a BSN */
  char *msg = zt_mask_dup(message);
  int rc;
  sqlite3_bind_int64(st, 1, file_id);
  sqlite3_bind_int64(st, 2, line);
  if (field)
    sqlite3_bind_text(st, 3, field, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, zt_reason_code(reason), -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 5, msg, -1, SQLITE_STATIC);
  if (raw)
    sqlite3_bind_text(st, 6, raw, -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  sqlite3_reset(st);
  g_free(msg);
  if (rc != SQLITE_DONE)
    return db_fail(s, err, "storing a rejected line");
  return ZT_OK;
}

zt_status zt_store_each_reject(zt_store *s, int64_t file_id, zt_reject_fn fn,
                               void *ctx, zt_err *err) {
  sqlite3_stmt *st = zt_store_q_(s, Q_FILE_REJECTS);
  int rc;
  sqlite3_bind_int64(st, 1, file_id);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW)
    fn(ctx, (long)sqlite3_column_int64(st, 0),
       (const char *)sqlite3_column_text(st, 1),
       (const char *)sqlite3_column_text(st, 2),
       (const char *)sqlite3_column_text(st, 3),
       (const char *)sqlite3_column_text(st, 4));
  sqlite3_reset(st);
  if (rc != SQLITE_DONE)
    return db_fail(s, err, "reading rejected lines");
  return ZT_OK;
}

zt_status zt_store_write_rejects(zt_store *s, FILE *fp, zt_err *err) {
  sqlite3_stmt *st;
  zt_csvout c;
  int rc;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT f.name, r.line, r.field, r.reason, "
                         "r.message, r.raw FROM reject r JOIN ingest_file f "
                         "ON f.id = r.file_id ORDER BY f.id, r.line, r.id",
                         -1, &st, NULL) != SQLITE_OK)
    return db_fail(s, err, "reading rejected lines");
  fputs("file,line,field,reason,message,raw\n", fp);
  zt_csvout_init(&c, fp, ',');
  zt_csvout_guard(&c, true);     /* text from input files: no formulas */
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    zt_csvout_str(&c, (const char *)sqlite3_column_text(st, 0));
    zt_csvout_int(&c, sqlite3_column_int64(st, 1));
    zt_csvout_str(&c, (const char *)sqlite3_column_text(st, 2));
    zt_csvout_str(&c, (const char *)sqlite3_column_text(st, 3));
    zt_csvout_str(&c, (const char *)sqlite3_column_text(st, 4));
    zt_csvout_str(&c, (const char *)sqlite3_column_text(st, 5));
    zt_csvout_end(&c);
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE)
    return db_fail(s, err, "reading rejected lines");
  return ZT_OK;
}

zt_status zt_store_waiting_credits(zt_store *s, long *count, int64_t *cents,
                                   zt_err *err) {
  sqlite3_stmt *st;
  if (sqlite3_prepare_v2(s->db,
                         "SELECT count(*), coalesce(sum(amount), 0) FROM "
                         "declaration WHERE credit = 1 AND debit_id IS NULL",
                         -1, &st, NULL) != SQLITE_OK)
    return db_fail(s, err, "counting waiting credits");
  if (sqlite3_step(st) == SQLITE_ROW) {
    *count = (long)sqlite3_column_int64(st, 0);
    *cents = sqlite3_column_int64(st, 1);
  }
  sqlite3_finalize(st);
  return ZT_OK;
}

/* ---- for etl/store_flow.c (etl/store_int.h) ---------------------------- */

void zt_store_sql_known(char *buf, size_t size, const char *col,
                        zt_day as_of) {
  if (as_of == ZT_DAY_NONE)
    zt_strlcpy(buf, "1", size);
  else
    snprintf(buf, size,
             "%s IN (SELECT id FROM ingest_file WHERE delivered_day <= %ld)",
             col, (long)as_of);
}

zt_status zt_store_client_(zt_store *s, const zt_pseudo *p, int64_t *id,
                           zt_err *err) {
  int precision;
  return zt_store_client_id_(s, p, id, &precision, err);
}

void zt_store_agb_(zt_store *s, uint32_t agb) { note_agb(s, agb); }

zt_status zt_store_fail_(zt_store *s, zt_err *err, const char *what) {
  return db_fail(s, err, what);
}

struct zt_store_flow **zt_store_flow_slot_(zt_store *s) { return &s->flow; }

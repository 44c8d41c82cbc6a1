/*
 * etl/store.h -- the SQLite store: schema, migrations, per-file
 * transactions, and the inserts of ingest.
 *
 * One SQLite file in WAL mode holds everything ingested: the files (with
 * their content fingerprint, so that the same file twice is a no-op),
 * declaration lines, credits linked to their debits, assignments, clients
 * (pseudonym and birth date, never a BSN), residence periods, the region's
 * product catalogue and providers, and every rejected line (masked). The
 * schema version is PRAGMA user_version; `zothuis init` creates or upgrades
 * it. docs/store.md documents every table for staff who query the file.
 *
 * Ingesting a file is all-or-nothing: zt_store_file_begin() ...
 * zt_store_file_commit(), or zt_store_file_rollback() on any failure. Files
 * are grouped into one SQLite transaction with a savepoint per file;
 * zt_store_commit() (or closing the store) makes a group durable. A crash
 * leaves the store as it was before the open group, whose files are then
 * ingested again: callers that move input files away must commit first.
 */
#ifndef ZT_STORE_H
#define ZT_STORE_H

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/date.h"
#include "core/err.h"
#include "etl/reasons.h"
#include "etl/record.h"

#define ZT_STORE_SCHEMA_VERSION 6

/* What a message about a damaged store tells the reader to do. */
#define ZT_STORE_RESTORE_ADVICE                                           \
  "stop using it, restore the latest backup of the store and run again "  \
  "(docs/operations.md, 'A damaged store')"

typedef struct zt_store zt_store;

typedef enum zt_store_mode {
  ZT_STORE_USE,     /* open an existing store at the current version */
  ZT_STORE_INIT,    /* create it, or upgrade it to the current version */
  ZT_STORE_UPGRADE, /* open an existing store, upgrading it as INIT does;
                     * a missing or empty file is refused, never created
                     * (`run`: a store moved aside or on a volume not
                     * mounted must not become a new empty store) */
  ZT_STORE_MEMORY   /* a private in-memory store (check without a store) */
} zt_store_mode;

zt_status zt_store_open(zt_store **out, const char *path, zt_store_mode mode,
                        zt_err *err);
void zt_store_close(zt_store *s);
/* Open (or, with ZT_STORE_INIT, create) the store. A new store file is
 * created with mode 0660 less the umask; an existing store readable by
 * others loses those bits (with a warning). A file with tables but no
 * schema version is recognised when its tables are a zothuis schema (a
 * restore from `sqlite3 .dump`): ZT_STORE_INIT sets its version back,
 * ZT_STORE_USE refuses with that advice; any other database is refused
 * (ZT_ERR_USAGE), never changed. A damaged file gives ZT_ERR_CORRUPT. */

/* The schema version found when the store was opened (0 = new). */
int zt_store_found_version(const zt_store *s);
/* Was it a version-0 store recognised by its tables (and given its
 * version back)? */
bool zt_store_restored(const zt_store *s);

/* PRAGMA quick_check: ZT_ERR_CORRUPT, with a message that points at the
 * backup, when the file's structure is damaged. Reading commands run it
 * before they compute anything from the store. */
zt_status zt_store_check(zt_store *s, zt_err *err);

/* The same check on a second connection and thread, beside the work that
 * reads the store (it reads the whole file: on a large store it costs as
 * much as the snapshot). zt_store_check_finish waits for it and gives its
 * result; call it before anything computed is written. Closing the store
 * waits for a check still running. */
zt_status zt_store_check_start(zt_store *s, zt_err *err);
zt_status zt_store_check_finish(zt_store *s, zt_err *err);
/* The same, started once the next snapshot has been read
 * (zt_store_check_start_due, called by etl/snapshot.c): the snapshot
 * reads with two connections and the check then runs beside the
 * computing and rendering instead. zt_store_check_finish waits for it,
 * or runs it there and then when no snapshot started it. */
void zt_store_check_after_read(zt_store *s);
zt_status zt_store_check_start_due(zt_store *s, zt_err *err);

/* What a store file says of its key, read before it is opened for
 * writing: a key the store refuses must not see it upgraded first. */
typedef struct zt_store_keyinfo {
  bool known;        /* the file could be read (else nothing below) */
  int version;       /* its schema version (user_version) */
  bool have_id;      /* meta key_id recorded */
  char id[80];       /* that id */
  bool clients;      /* it holds pseudonyms */
} zt_store_keyinfo;
/* Read `ki` from the store file `path` without changing it or adding a
 * file beside it (read-only; immutable when no -wal lies beside it,
 * which a caller holding the store lock may rely on). A file that cannot
 * be read is not an error here (ki->known false): opening it says
 * why. */
void zt_store_peek_key(const char *path, zt_store_keyinfo *ki);

/* Settings kept in the `meta` table (outside any file transaction). */
zt_status zt_store_meta_get(zt_store *s, const char *key, char *buf,
                            size_t size, bool *found, zt_err *err);
zt_status zt_store_meta_set(zt_store *s, const char *key, const char *value,
                            zt_err *err);
/* Once per store (recorded in meta): replace the BSNs that earlier
 * versions stored in provider references by their tokens, and mask the
 * BSNs their masking missed in rejected lines, messages, file names and
 * the reference tables' free texts, as ingest does now
 * (etl/store_scrub.c). Needs the store's own key. */
struct zt_pseudonymizer;
zt_status zt_store_scrub_bsn(zt_store *s, struct zt_pseudonymizer *ps,
                             zt_err *err);
/* Does the store hold any client (so: pseudonyms of some key)? */
zt_status zt_store_has_clients(zt_store *s, bool *any, zt_err *err);
/* The underlying handle, for read-only queries of other modules. */
struct sqlite3 *zt_store_db(zt_store *s);
/* The error of the last call on `db`, as the store reports it: a damaged
 * file ZT_ERR_CORRUPT with the advice to restore, a full disk
 * ZT_ERR_OUTPUT, a busy store ZT_ERR_LOCKED, else ZT_ERR_STORE; the
 * message names the store's file once ("store PATH: what: error"). For
 * the modules that read the store with their own statements. */
zt_status zt_store_sqlite_fail(struct sqlite3 *db, zt_err *err,
                               const char *what);
/* Keep the iJw message identification of a file being ingested (a
 * JW323's, so that its answer can find it: etl/answer.h). */
zt_status zt_store_put_message_ident(zt_store *s, int64_t file_id,
                                     const char *ident, zt_err *err);
/* A JW323 whose lines are stored, and whose identification `ident` is
 * known now (after them): of the lines it delivered again, identically,
 * those a message with this identification delivered already are a
 * copy, no second delivery; those under the DeclaratieNummer of their
 * first delivery stay noted as delivered again (redelivery) only when
 * both messages have an identification and the two differ: a resend
 * under the same number, whose answer counts for them too. *kept: how
 * many of those stay; `first` (size `n`) the first message's
 * identification and `nr` (size `n`) the number, for the file's
 * warning. */
zt_status zt_store_same_number_resends(zt_store *s, int64_t file_id,
                                       const char *ident, long *kept,
                                       char *first, char *nr, size_t n,
                                       zt_err *err);

/* What ingest knows about a file before reading it. */
typedef struct zt_file_info {
  const char *path;
  const char *kind;       /* zt_kind_name(), or "unknown" */
  const char *format;     /* "csv", "jw323", "jw301", "xml", with "+gzip" */
  uint64_t bytes;
  zt_day modified;        /* the file's modification day; 0 or
                             ZT_DAY_NONE: unknown (delivery date) */
  bool whole;             /* every row was read and checked before the
                             file is stored (read ahead) and it is not
                             rejected whole: no savepoint of its own. Such
                             a file is never undone alone: should it have
                             to be, the whole open group is, and the
                             caller must stop (as after a store error,
                             which loses the open group anyway) */
} zt_file_info;

/* Per-file reconciliation: read = accepted + rejected + duplicates. */
typedef struct zt_file_counts {
  long read;
  long accepted;
  long rejected;
  long duplicates;
  long credits_linked;    /* credits applied to their debit */
  long credits_waiting;   /* credits in quarantine after this file */
  long credits_resolved;  /* earlier waiting credits this file's debits met */
  long earlier_rejected;  /* earlier files' waiting credits that named a
                             credit of this file: now rejected, in their
                             own file's counts (not in this file's) */
} zt_file_counts;

/* Has a file with this content fingerprint been ingested? */
zt_status zt_store_file_seen(zt_store *s, const char *hash, bool *seen,
                             zt_err *err);

/* The fingerprints zt_store_file_seen() answers true for, as a set of
 * strings (g_hash_table_contains), for a thread that must not use the
 * store: a hint, confirmed with zt_store_file_seen(). */
zt_status zt_store_seen_set(zt_store *s, GHashTable **out, zt_err *err);
/* Is there an ingested file of exactly this size? (Then it is worth
 * fingerprinting a new file before reading it.) */
zt_status zt_store_same_size_seen(zt_store *s, uint64_t bytes, bool *maybe,
                                  zt_err *err);
/* Start the file's transaction. */
zt_status zt_store_file_begin(zt_store *s, const zt_file_info *fi,
                              int64_t *file_id, zt_err *err);
/* What is known about a file once it has been read. */
typedef struct zt_file_done {
  const char *hash;       /* content fingerprint (etl/source.h) */
  const char *kind; /* zt_kind_name() of what the file turned out to be */
  const char *format;     /* "csv", "jw323", ... */
  zt_file_counts counts;
  const char *warnings;   /* file-level warnings, or NULL */
  zt_day message_day;     /* the message's own date (iJw Dagtekening);
                             0 or ZT_DAY_NONE: none (delivery date) */
} zt_file_done;

/* Record the file's fingerprint, kind, counts and warnings, and commit.
 * When a file with the same fingerprint was already ingested, roll back
 * instead and set *already: ingesting a file twice is a no-op. */
zt_status zt_store_file_commit(zt_store *s, int64_t file_id,
                               const zt_file_done *done, bool *already,
                               zt_err *err);
/* Throw the file's transaction away; the store is as before begin. */
void zt_store_file_rollback(zt_store *s);
/* Make every completed file durable (commit the open group). */
zt_status zt_store_commit(zt_store *s, zt_err *err);

/* Record a file rejected whole (its own small transaction), with its
 * reason, so that the report's Verantwoording lists it. A later ingest of
 * the same content tries again. */
zt_status zt_store_file_rejected(zt_store *s, const zt_file_info *fi,
                                 const char *hash, zt_reason reason,
                                 const char *message, zt_err *err);

/* Outcome of storing one row. */
typedef enum zt_put_outcome {
  ZT_PUT_STORED,
  ZT_PUT_DUPLICATE,   /* identical to a stored line: skipped, counted */
  ZT_PUT_REJECTED     /* see the reject */
} zt_put_outcome;

typedef struct zt_put_result {
  zt_put_outcome outcome;
  zt_reject reject;      /* when REJECTED */
  bool credit_linked;    /* a credit found its debit */
  bool credit_waiting;   /* a credit went into quarantine */
  int credits_resolved;  /* waiting credits this debit resolved */
  int waiting_rejected;  /* waiting credits of this file that named this
                            credit: moved to the rejects */
} zt_put_result;

/* Make `res` say the row was rejected for `reason` in `field`, with a
 * message (for the modules that store a kind of their own: the store's
 * files, etl/answer.c). */
void zt_put_reject(zt_put_result *res, zt_reason reason, int field,
                   const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Store one declaration line now and say what became of it. */
zt_status zt_store_put_decl(zt_store *s, int64_t file_id, long line,
                            const zt_decl *d, zt_put_result *res,
                            zt_err *err);

/* The fast path of ingest: queue a line; queued lines are stored in
 * batches sorted by reference (zt_store_flush(), also called by
 * zt_store_file_commit()). What became of them is counted per file in
 * zt_store_batch_counts(); lines the store rejects (duplicate_reference,
 * duplicate_credit) go to the reject table with the line rendered from
 * the record (the client named by pseudonym). */
zt_status zt_store_queue_decl(zt_store *s, int64_t file_id, long line,
                              const zt_decl *d, zt_err *err);
zt_status zt_store_flush(zt_store *s, zt_err *err);

typedef struct zt_batch_counts {
  long accepted, duplicates, rejected;
  long credits_linked, credits_waiting, credits_resolved;
  long earlier_rejected;  /* zt_file_counts.earlier_rejected */
  long amount_off;   /* stored lines whose amount != volume x tariff */
  long by_reason[ZT_R_COUNT];
} zt_batch_counts;

/* What the queued lines of the current file came to so far (flush
 * first). Reset by zt_store_file_begin(). */
const zt_batch_counts *zt_store_batch_counts(const zt_store *s);
zt_status zt_store_put_assign(zt_store *s, int64_t file_id, long line,
                              const zt_assign *a, zt_put_result *res,
                              zt_err *err);
zt_status zt_store_put_client(zt_store *s, int64_t file_id, long line,
                              const zt_client *c, zt_put_result *res,
                              zt_err *err);
zt_status zt_store_put_residence(zt_store *s, int64_t file_id, long line,
                                 const zt_residence *r, zt_put_result *res,
                                 zt_err *err);
zt_status zt_store_put_productcode(zt_store *s, int64_t file_id, long line,
                                   const zt_productcode *p,
                                   zt_put_result *res, zt_err *err);
zt_status zt_store_put_provider(zt_store *s, int64_t file_id, long line,
                                const zt_provider *p, zt_put_result *res,
                                zt_err *err);
zt_status zt_store_put_population(zt_store *s, int64_t file_id, long line,
                                  const zt_population *p, zt_put_result *res,
                                  zt_err *err);
zt_status zt_store_put_benchmark(zt_store *s, int64_t file_id, long line,
                                 const zt_benchmark *b, zt_put_result *res,
                                 zt_err *err);
/* The access and outflow flow (etl/store_flow.c): a request for
 * assignment (JW315), a start or stop of care (JW305, JW307). An
 * identical resend is a duplicate; a request or a start/stop with the
 * same key and other content is rejected (duplicate_reference); a
 * StatusAanlevering 3 deletes the start or stop with its key
 * (delete_unknown when there is none). */
zt_status zt_store_put_request(zt_store *s, int64_t file_id, long line,
                               const zt_request *q, zt_put_result *res,
                               zt_err *err);
zt_status zt_store_put_care(zt_store *s, int64_t file_id, long line,
                            const zt_care_event *z, zt_put_result *res,
                            zt_err *err);
/* Keep a rejected line: `raw` must already be masked (pseudo.h). */
zt_status zt_store_put_reject(zt_store *s, int64_t file_id, long line,
                              const char *field, zt_reason reason,
                              const char *message, const char *raw,
                              zt_err *err);

/* Reference tables arrive as whole files: a product catalogue or provider
 * list replaces the previous one. Call before the file's rows. */
zt_status zt_store_replace_table(zt_store *s, zt_kind kind, zt_err *err);

/* Call `fn` for each rejected line of file `file_id`, in line order. */
typedef void (*zt_reject_fn)(void *ctx, long line, const char *field,
                             const char *reason, const char *message,
                             const char *raw);
zt_status zt_store_each_reject(zt_store *s, int64_t file_id, zt_reject_fn fn,
                               void *ctx, zt_err *err);

/* Write every rejected line in the store as rejects.csv (header first),
 * by file and line. */
zt_status zt_store_write_rejects(zt_store *s, FILE *fp, zt_err *err);

/* Count the credits still waiting for their debit. */
zt_status zt_store_waiting_credits(zt_store *s, long *count, int64_t *cents,
                                   zt_err *err);

/* ---- deliveries (the report's Verantwoording) ------------------------ */

/* The files of one provider, kind and format delivered in one month, or
 * (refused = true) one file rejected whole. `agb` is the provider of the
 * file's lines: 0 when the file names none (a residence file, a file
 * rejected whole), ZT_DELIVERY_MANY when its lines name more than one. */
#define ZT_DELIVERY_MANY UINT32_MAX
typedef struct zt_delivery {
  uint32_t agb;
  char kind[16];          /* zt_kind_name(), or "auto" */
  char format[16];        /* "csv", "jw323", ..., with "+gzip" */
  zt_day first, last;     /* delivery dates (docs/store.md) */
  long files;
  long lines_read, accepted, rejected, duplicates;
  bool refused;
  char reason[24];        /* refused: the reason code (etl/reasons.h) */
  char name[128];         /* refused: the file's name */
} zt_delivery;

/* Every ingested file grouped by provider, kind, format and month of
 * delivery (ordered by provider, kind, month), then every file refused
 * whole (by delivery date). *out is malloc()ed; free() it. */
zt_status zt_store_deliveries(zt_store *s, zt_delivery **out, size_t *n,
                              zt_err *err);

/* The latest delivery date of a declaration file that brought accepted
 * lines (other kinds and empty files do not count), or ZT_DAY_NONE: the
 * report's cover. */
zt_status zt_store_latest_delivery(zt_store *s, zt_day *out, zt_err *err);

/* Write into `buf` the SQL condition "the row's file (column `col`) was
 * delivered on or before `as_of`", or "1" when `as_of` is ZT_DAY_NONE:
 * the "as known on" filter of the loaders (docs/completeness.md). */
void zt_store_sql_known(char *buf, size_t size, const char *col,
                        zt_day as_of);

#endif

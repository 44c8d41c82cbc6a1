/*
 * etl/store_int.h -- internal to the store: its state and statements,
 * its schema (etl/store_schema.c) and what etl/store.c lends to the files
 * that store a kind of their own (etl/store_decl.c, etl/store_flow.c),
 * read for the report (etl/store_delivery.c) or pass over the store
 * (etl/store_scrub.c). Nothing outside etl/store*.c includes it.
 */
#ifndef ZT_STORE_INT_H
#define ZT_STORE_INT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/err.h"
#include "core/hash.h"
#include "etl/record.h"
#include "etl/store.h"

/* The prepared statements of etl/store.c, by number (zt_store_q_). */
enum {
  Q_DECL_INSERT,
  Q_DECL_BY_KEY,
  Q_DECL_BY_TEXT,
  Q_DECL_RESOLVE,
  Q_CLIENT_FIND,
  Q_CLIENT_INSERT,
  Q_CLIENT_BIRTH,
  Q_ASSIGN_INSERT,
  Q_RES_DELETE_OLD,
  Q_RES_OVERLAP,
  Q_RES_INSERT,
  Q_PC_INSERT,
  Q_PROV_INSERT,
  Q_POP_INSERT,
  Q_BENCH_INSERT,
  Q_REJECT_INSERT,
  Q_FILE_SEEN,
  Q_FILE_INSERT,
  Q_FILE_UPDATE,
  Q_FILE_SAME_SIZE,
  Q_FORGET_REJECTS,
  Q_FORGET_FILE,
  Q_FILE_REJECTS,
  Q_DECL_MAX_ID,
  Q_SAVEPOINT,
  Q_RELEASE,
  Q_ROLLBACK_TO,
  Q_MSG_IDENT,
  Q_REDELIVERY,
  Q_COUNT
};

/* Plain debits are inserted MULTI rows per statement: one statement run
 * opens the table's and the indexes' cursors once for all of them. A
 * shorter run of plain debits (before a credit, at the end of a small
 * file) takes the statements for 16, 8, 4 and 2 rows. */
#define MULTI 32
#define NMULTI 5

/* The store's state: the connection, its statements and the caches that
 * ingest keeps beside it. */
struct zt_store {
  sqlite3 *db;
  sqlite3_stmt *q[Q_COUNT];
  sqlite3_stmt *multi[NMULTI]; /* INSERT of MULTI >> k declaration rows */
  int found_version;
  bool in_file;      /* a file's savepoint is open */
  bool in_group;     /* the transaction holding a group of files is open */
  bool solo;         /* the open file has a transaction of its own */
  bool nosave;       /* the open file has no savepoint (zt_file_info
                        .whole): undoing it undoes the open group */
  bool probe_first;  /* the last chunk insert stored nothing (a resend):
                        look the next chunk's lines up before inserting */
  int64_t cache_kib; /* the page cache set by size_cache() */
  int group_files;
  long group_lines;
  /* client cache: first 8 pseudonym bytes -> client id; `known` holds the
   * full pseudonym and birth precision per id to verify hits */
  zt_u64map clients;
  struct client_slot {
    zt_pseudo pseudo;
    int8_t birth_precision;
    uint8_t valid;
  } *known;
  size_t nknown;
  /* what the open file changed in the caches above, to undo it when the
   * file is rolled back (instead of reloading them from the store) */
  struct undo {
    uint8_t what;
    uint64_t key;
    uint64_t old;
  } *undo;
  size_t nundo, capundo;
  bool undo_lost;            /* the journal overflowed: reload instead */
  bool restored;             /* a version-0 store recognised as a dump */
  int64_t replaced_from;     /* file the replaced reference table came
                                from (-1: not replaced in this file) */
  int64_t file_agb;          /* provider of the open file's lines: 0 none
                                yet, -1 more than one */
  /* credits waiting for their debit: key(agb, prev_ref) -> count */
  zt_u64map waiting;
  bool waiting_loaded;
  /* residence: clients whose older history this file already replaced,
   * one bit per client id (ids are dense from 1); allocated by the first
   * residence of a file and dropped when the next file begins */
  uint64_t *res_seen;
  size_t res_words;
  /* declarations queued for a sorted batch insert, and what the batches of
   * the current file came to */
  struct pending *pending;
  struct sort_entry *order;
  size_t npending;
  zt_batch_counts batch;
  struct zt_store_flow *flow; /* etl/store_flow.c: its statements */
  struct bg_check *check;     /* zt_store_check_start's, while it runs */
  bool check_due;             /* zt_store_check_after_read asked for one */
  bool file_ijw;              /* the open file is an iJw message: its
                                 declaration lines are a JW323's */
};

/* A queued declaration line. */
typedef struct pending {
  zt_decl d;
  int64_t file_id;
  long line;
  int64_t key;       /* ref_key: the sort key of the batch */
} pending;

#define BATCH_MAX 32768

/* The schema, one entry per version (etl/store_schema.c): migration i
 * takes user_version i to i + 1. Never edit a published entry; add a new
 * one. */
extern const char *const zt_store_migrations[ZT_STORE_SCHEMA_VERSION];

/* The schema of version 4 (migration 3 -> 4), in etl/store_flow.c. */
extern const char zt_store_flow_schema[];

/* The flow tables' prepared statements, made on first use. */
struct zt_store_flow;
void zt_store_flow_free(struct zt_store_flow *f);
struct zt_store_flow **zt_store_flow_slot_(zt_store *s);

/* The store id of a client (created when new; undone with the file). */
zt_status zt_store_client_(zt_store *s, const zt_pseudo *p, int64_t *id,
                           zt_err *err);
/* Note the provider of the open file's lines. */
void zt_store_agb_(zt_store *s, uint32_t agb);
/* declaration.ref_key of a provider's reference. */
int64_t zt_store_ref_key_(uint32_t agb, const char *ref);
/* assignment.content_key: what a resent JW301 line repeats (client,
 * municipality, provider, ToewijzingNummer as stored, product, dates,
 * reason), so the resend is a duplicate; every part is a column of the
 * row, so etl/store_scrub.c can compute it again. `pseudonym` is the
 * client's pseudonym text. */
int64_t zt_store_assign_key_(const char *pseudonym, const zt_assign *a);
/* Statement `which`, reset and without bindings. */
sqlite3_stmt *zt_store_q_(zt_store *s, int which);
/* A 64-bit map key: UINT64_MAX, which the maps keep for "empty", moved
 * one down. */
uint64_t zt_store_map_key_(uint64_t k);
/* The store id of a client and the precision of its known birth date
 * (created when new; undone with the file). */
zt_status zt_store_client_id_(zt_store *s, const zt_pseudo *p, int64_t *id,
                              int *precision, zt_err *err);
/* Set a client's birth date (and gender) when it is more precise than
 * what is known (`force`: in any case), from `source`. */
zt_status zt_store_client_birth_(zt_store *s, int64_t id, int old_precision,
                                 zt_day birth, int precision, int gender,
                                 const char *source, bool force,
                                 zt_err *err);
/* The credits waiting for their debit: key(agb, prev_ref) -> `n` (undone
 * with the file). */
zt_status zt_store_waiting_put_(zt_store *s, uint64_t k, uint64_t n);
/* A put's result set to "stored" (zt_put_reject() for a rejection). */
void zt_store_clear_(zt_put_result *res);
/* A failed SQLite call as a status with the store's message. */
zt_status zt_store_fail_(zt_store *s, zt_err *err, const char *what);

#endif

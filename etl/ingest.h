/*
 * etl/ingest.h -- ingest files into the store: one file, one transaction;
 * every line accepted, rejected with a reason, or skipped as a duplicate.
 *
 * For each path (a directory means every regular file below it, in name
 * order) ingest sniffs the kind (iJw XML by its root namespace, CSV by its
 * header), streams the file through the matching reader, validates and
 * pseudonymizes each row (etl/validate.c) and stores it (etl/store.c).
 * Rejected lines go to the store's reject table and, masked, to the run's
 * rejects list. A whole-file problem rolls the file back and records it as
 * rejected with one reason. `check` runs the same code with dry_run, which
 * rolls back every file.
 *
 * A folder is a boundary. Walking it, ingest never follows a symbolic
 * link (a link, to a file or a folder, inside or outside, is skipped and
 * reported), never opens a FIFO, device or socket, and opens each file
 * without following links, checking it is the file it listed. An entry
 * it cannot read (a folder without permission) is reported and skipped;
 * the rest goes on. Hidden names (.x) are left alone. Files found in a
 * folder may further have to be settled (opts->settle_seconds) and may
 * not be reference tables (opts->refuse_reference). A path named
 * directly is the caller's choice and is read as given (a link is
 * followed), but must still be a regular file.
 */
#ifndef ZT_INGEST_H
#define ZT_INGEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "etl/record.h"
#include "etl/source.h"
#include "etl/store.h"
#include "etl/validate.h"

struct zt_ingest_file;

/* A file or folder a walk must never read, move or enter: the store and
 * its companions, the key, the configuration, the archive (zt_guard). */
typedef struct zt_guarded {
  uint64_t dev, ino;
  const char *what;          /* "the store's key file" */
} zt_guarded;

typedef struct zt_ingest_opts {
  zt_kind kind;              /* ZT_KIND_AUTO or the kind every file must be */
  const char *mapping_path;  /* CSV mapping file, or NULL */
  bool dry_run;              /* validate only: roll back every file */
  FILE *rejects;             /* where to write the run's rejects.csv, or
                                NULL; the header is written first */
  /* Called after each file (may be NULL), e.g. to print its line. */
  void (*on_file)(const void *ctx, const struct zt_ingest_file *f);
  /* Called after each file with the files done and the total (may be
   * NULL), e.g. to draw a progress bar. */
  void (*on_progress)(const void *ctx, size_t done, size_t total);
  const void *ctx;
  /* Files found in a folder that are a product catalogue or provider
   * list are rejected whole (reference_in_inbox). */
  bool refuse_reference;
  /* Files found in a folder are taken only when nothing changed them for
   * this many seconds (-1: no such check), or when a completion marker
   * NAME.done stands beside them; with require_marker only then. */
  int settle_seconds;
  bool require_marker;
  /* The delivery date given for every file (`ingest --delivered`); 0 or
   * ZT_DAY_NONE: none. Used when a message has no date of its own, in
   * place of the modification day (docs/inputs.md, "Delivery dates"). */
  zt_day delivered;
  /* Found in a folder, these are skipped (ZT_FILE_SKIPPED), whatever
   * their name: never read, never moved. */
  const zt_guarded *guarded;
  size_t nguarded;
} zt_ingest_opts;

typedef enum zt_file_status {
  ZT_FILE_INGESTED,     /* stored (or, with dry_run, would be) */
  ZT_FILE_ALREADY,      /* same content ingested before: nothing done */
  ZT_FILE_REJECTED,     /* rejected whole, with file_reason */
  ZT_FILE_UNREADABLE,   /* could not be opened or read */
  ZT_FILE_SKIPPED,      /* a link, special file or unreadable folder in
                           a folder: not read, left where it is */
  ZT_FILE_UNSETTLED     /* still being written (changed recently, or
                           while it was read): not stored, left for the
                           next run */
} zt_file_status;

typedef struct zt_ingest_file {
  char *path;                  /* owned: zt_ingest_run_free() */
  zt_kind kind;
  char format[16];
  zt_file_status status;
  zt_reason file_reason;
  char message[ZT_ERR_MSG_MAX]; /* why a file was rejected */
  zt_file_counts counts;
  long warn_amount;           /* lines whose amount != volume x tariff */
  long warn_month;            /* CSV lines crossing a month */
  long warn_residence;        /* residence codes not in the table */
  char warnings[512];         /* file-level warnings from the reader */
  bool walked;                /* found in a folder (not named) */
  bool have_id;               /* id below is the file as it was read */
  zt_file_id id;
  bool marked;                /* a completion marker PATH.done is
                                 beside it */
  bool clock_ahead;           /* UNSETTLED because its times lie in the
                                 future: a clock to look at */
} zt_ingest_file;

typedef struct zt_ingest_run {
  zt_ingest_file *files;
  size_t nfiles;
  zt_file_counts total;
  long rejected_by_reason[ZT_R_COUNT];
  long files_rejected;        /* rejected whole, unreadable or skipped */
  long files_already;
  long files_skipped;         /* of which skipped (links, special files) */
  long files_unsettled;       /* left for later: still being written */
} zt_ingest_run;

/* Ingest `paths` into `store`. Input problems never make this fail: they
 * are counted in `run`. An error status means the store or an output
 * failed; the file being read is then rolled back and the rest is not
 * attempted. */
zt_status zt_ingest_paths(zt_store *store, zt_validator *v,
                          const char *const *paths, size_t npaths,
                          const zt_ingest_opts *opts, zt_ingest_run *run,
                          zt_err *err);
void zt_ingest_run_free(zt_ingest_run *run);

/* Does the run hold input problems (rejected lines, also of earlier
 * files; files rejected, unreadable or skipped)? Files left unsettled
 * are not counted. */
bool zt_ingest_run_has_rejects(const zt_ingest_run *run);

/* The header line of rejects.csv. */
void zt_rejects_write_header(FILE *fp);

#endif

/*
 * cli/ingestrun.h -- running an ingest from a command (ingest, check,
 * demo, run): open the pseudonymizer, write rejects.csv atomically, print
 * the per-file lines and the summary.
 */
#ifndef ZT_INGESTRUN_H
#define ZT_INGESTRUN_H

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>

#include "cli/config.h"
#include "etl/ingest.h"
#include "etl/pseudo.h"
#include "etl/refdata.h"
#include "etl/store.h"

typedef struct zt_ingest_cli {
  zt_kind kind;
  const char *mapping;       /* overrides [input] mapping */
  const char *rejects_path;  /* NULL: none; "-": stdout */
  bool dry_run;
  bool print_files;          /* print file lines as they finish */
  bool print_all;            /* ... for every file, not only problems */
  bool print_whole_only;     /* ... only for files rejected whole */
  bool progress;             /* a progress bar on a terminal */
  bool settle;               /* run: files found in folders must be
                                settled ([input] settle_seconds) */
  zt_day delivered;          /* ingest --delivered, 0: none */
} zt_ingest_cli;

/* Open the pseudonym key that belongs to `store` (which may be NULL: no
 * store). The store records the id of its key (meta key_id,
 * zt_pseudo_key_id); a key with another id is refused (ZT_ERR_USAGE,
 * exit 1), and so is a missing key file when the store already holds
 * pseudonyms: a new key would give every child a second pseudonym.
 * Flags: ZT_KEY_CREATE makes a new key file when there is none and the
 * store holds no pseudonyms (*created tells); ZT_KEY_EPHEMERAL uses a
 * random key instead (check, whose pseudonyms are thrown away);
 * ZT_KEY_RECORD writes the key's id into a store that has none. */
#define ZT_KEY_CREATE 1u
#define ZT_KEY_EPHEMERAL 2u
#define ZT_KEY_RECORD 4u
zt_status zt_open_store_key(const zt_config *cfg, zt_store *store,
                            unsigned flags, zt_pseudonymizer **ps,
                            bool *created, zt_err *err);
/* The same checks of the key file against the store file, read without
 * opening it for writing (zt_store_peek_key): made before a store is
 * opened in a mode that upgrades it, so that a key the store refuses
 * never sees it changed. A store file that is missing or cannot be read
 * passes (opening it says why). Call it under the store lock. */
zt_status zt_check_store_key(const zt_config *cfg, zt_err *err);
zt_status zt_run_ingest(zt_store *store, const zt_config *cfg,
                        const zt_refdata *rd, zt_pseudonymizer *ps,
                        const char *const *paths, size_t npaths,
                        const zt_ingest_cli *ic, zt_ingest_run *run,
                        zt_err *err);
void zt_print_file_line(FILE *fp, const zt_ingest_file *f);
void zt_print_run_summary(FILE *fp, const zt_ingest_run *run);
/* Append to `why` ("; " between parts) what in `run` makes an exit code
 * 2: lines rejected, files rejected whole, unreadable or skipped, files
 * not complete yet. Nothing when there is none. */
void zt_ingest_run_why(GString *why, const zt_ingest_run *run);
/* `check --xsd DIR`: validate the iJw XML files among `paths`; prints a
 * line per file; returns an exit code (0, 2 when a file is invalid). */
int zt_check_xsd(const char *xsd_dir, const char *const *paths,
                 size_t npaths);

#endif

/*
 * cli/ingestrun.h -- running an ingest from a command (ingest, check,
 * demo, run): open the pseudonymizer, write rejects.csv atomically, print
 * the per-file lines and the summary.
 */
#ifndef ZT_INGESTRUN_H
#define ZT_INGESTRUN_H

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
} zt_ingest_cli;

/* Open the key (with `ephemeral_ok`, a random key when the file is
 * missing, for `check`). */
zt_status zt_open_pseudonymizer(const zt_config *cfg, bool ephemeral_ok,
                                zt_pseudonymizer **ps, zt_err *err);
zt_status zt_run_ingest(zt_store *store, const zt_config *cfg,
                        const zt_refdata *rd, zt_pseudonymizer *ps,
                        const char *const *paths, size_t npaths,
                        const zt_ingest_cli *ic, zt_ingest_run *run,
                        zt_err *err);
void zt_print_file_line(FILE *fp, const zt_ingest_file *f);
void zt_print_run_summary(FILE *fp, const zt_ingest_run *run);
/* `check --xsd DIR`: validate the iJw XML files among `paths`; prints a
 * line per file; returns an exit code (0, 2 when a file is invalid). */
int zt_check_xsd(const char *xsd_dir, const char *const *paths,
                 size_t npaths);

#endif

/*
 * cli/cli.h -- what the commands share: the global options, the command
 * table, exit codes, and helpers to load configuration and data.
 */
#ifndef ZT_CLI_H
#define ZT_CLI_H

#include <stdbool.h>

#include "cli/config.h"
#include "core/err.h"
#include "etl/refdata.h"
#include "metrics/period.h"

/* Exit codes: a contract with scripts and cron jobs, documented in the
 * README ("Exit codes"), docs/operations.md and every --help. */
enum {
  ZT_EXIT_OK = 0,
  ZT_EXIT_USAGE = 1,     /* usage or configuration error */
  ZT_EXIT_INPUT = 2,     /* some lines or files rejected; the rest stored */
  ZT_EXIT_LOCKED = 3,    /* the store is locked by another run */
  ZT_EXIT_OUTPUT = 4,    /* output could not be written */
  ZT_EXIT_CORRUPT = 5,   /* the store is damaged: restore the backup */
  ZT_EXIT_INTERNAL = 70  /* internal error */
};

/* The global options, given before the command. */
typedef struct zt_globals {
  const char *config;
  const char *store;
  const char *key_file;
  bool quiet;
  bool verbose;
  const char **sets;     /* --set section.key=value, in order */
  int nsets;
} zt_globals;

typedef struct zt_command {
  const char *name;
  const char *args;      /* argument synopsis for help */
  const char *summary;   /* NULL: a hidden command, not in --help */
  int (*run)(const zt_globals *g, int argc, char **argv);
} zt_command;

extern const zt_command zt_commands[];
extern const char zt_exit_codes_help[];

/* Map a status to an exit code. */
int zt_exit_code(zt_status st);
/* Print "zothuis: <message>" for an error and return its exit code. */
int zt_report_error(const zt_err *err);

/* Load the configuration the globals point at, with their overrides. */
zt_status zt_cli_config(const zt_globals *g, zt_config *cfg, zt_err *err);
/* A configuration error unless the region names member municipalities:
 * without them every figure would be zero, reported as if true. */
zt_status zt_cli_members(const zt_config *cfg, zt_err *err);
/* Where shipped data lives: the configured reference folder, else the
 * installed data folder, else the source tree's. `sub` is "reference" or
 * "templates"; the caller frees the result. */
char *zt_cli_datadir(const zt_config *cfg, const char *sub);
zt_status zt_cli_refdata(const zt_config *cfg, zt_refdata **rd, zt_err *err);

/* out/<region-slug>/<period>: where a period's outputs go. The slug is
 * the region name's letters and digits, lower case, other runs as '-',
 * at most ZT_SLUG_MAX bytes. */
#define ZT_SLUG_MAX 80
char *zt_out_dir(const zt_config *cfg, const zt_period *p);
/* `--as-of D` (NULL: none): set cfg->as_of (docs/completeness.md). */
zt_status zt_parse_as_of(const char *as_of, zt_config *cfg, zt_err *err);
/* An --as-of day must be today or before (nothing has arrived later
 * yet) and not before period `p` begins (nothing of it was known then);
 * one before its end gives a warning (the figures are of its part up to
 * that day). */
zt_status zt_check_as_of(const zt_config *cfg, const zt_period *p,
                         zt_err *err);
/* Parse --period and --peildatum (which may not lie before the period's
 * end). */
zt_status zt_parse_period_args(const char *period, const char *peildatum,
                               zt_period *p, zt_day *peil, zt_err *err);

int zt_cmd_init(const zt_globals *g, int argc, char **argv);
int zt_cmd_ingest(const zt_globals *g, int argc, char **argv);
int zt_cmd_check(const zt_globals *g, int argc, char **argv);
int zt_cmd_export(const zt_globals *g, int argc, char **argv);
int zt_cmd_report(const zt_globals *g, int argc, char **argv);
int zt_cmd_run(const zt_globals *g, int argc, char **argv);
int zt_cmd_demo(const zt_globals *g, int argc, char **argv);
int zt_cmd_man(const zt_globals *g, int argc, char **argv);
int zt_cmd_indicators(const zt_globals *g, int argc, char **argv);
int zt_cmd_pdfcheck(const zt_globals *g, int argc, char **argv);
int zt_cmd_backtest(const zt_globals *g, int argc, char **argv);

#endif

/*
 * cli/config.h -- the region's configuration: INI file (GKeyFile) with the
 * keys of docs/configuration.md, defaults for every key, and command-line
 * overrides.
 *
 * Precedence: built-in default < configuration file < `--set
 * section.key=value` < the dedicated global options (--store,
 * --key-file). Relative paths in the file are relative to the file's
 * folder; on the command line, to the current folder. docs/configuration.md
 * lists every key.
 */
#ifndef ZT_CONFIG_H
#define ZT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "etl/normalize.h"   /* zt_member, zt_wpb_mode */
#include "metrics/suppress.h" /* zt_supp_mode */

typedef struct zt_config {
  char *file;            /* the configuration file read, or NULL */
  char *base_dir;        /* folder relative paths in the file start from */
  /* [region] */
  char *region_name;
  zt_member *members;
  size_t nmembers;
  /* [store] */
  char *store_path;
  char *key_file;
  /* [input] */
  char *inbox;
  char *archive;
  char *rejected_dir;
  char *product_codes;
  char *providers;
  char *population;      /* bevolking: youths per municipality and year */
  char *targets;
  char *measures;
  char *budget;
  char *narrative;       /* the steering text per period: a path in which
                            {periode} stands for the period name
                            ("steering/duiding-{periode}.txt"); NULL or
                            "" for none */
  char *mapping;
  char *reference_dir;
  int settle_seconds;    /* run: a file unchanged this long is complete */
  bool require_marker;   /* run: only files with a NAME.done marker */
  bool reference_from_inbox; /* catalogue/providers may come from folders */
  /* [normalize] */
  zt_wpb_mode woonplaatsbeginsel;
  bool boundaries_historic;
  int verblijf_gap_days;
  /* [analysis] */
  char *episode_kinds;
  char *population_band; /* rates: the population's ages, "0-17" */
  int episode_gap_days;
  int wait_norm_days;    /* flow.waiting_over_norm: the norm in days */
  int top_n;
  char *cohort;          /* the episode cohort of a report:
                            "previous-year" (default), "period" or a
                            period "YYYY", "YYYY-H1" */
  /* [report] */
  char *template_path;
  char *out_dir;
  char *formats;
  zt_supp_mode suppression;
  int threshold;
  bool definitief;       /* [report] status = definitief (else concept) */
  /* [run] */
  int lock_wait_seconds;
  char *log_file;
  char *periods;         /* "auto" or a comma list of periods */
  /* [completeness] (docs/completeness.md) */
  int compl_history;     /* care months each development factor uses */
  int compl_max_delay;   /* months after which a care month is final */
  int compl_min_clients; /* a municipality's mean clients per care month
                            in the factor window, for its own estimate */
  /* command line only: `--as-of` (ZT_DAY_NONE: everything stored) */
  zt_day as_of;
} zt_config;

/* Fill `c` with the built-in defaults. */
void zt_config_defaults(zt_config *c);
/* Read the configuration file `path` (NULL: ./zothuis.ini when it exists,
 * else defaults only), then apply each "section.key=value" of `sets`. */
zt_status zt_config_load(zt_config *c, const char *path,
                         const char *const *sets, size_t nsets, zt_err *err);
void zt_config_free(zt_config *c);

/* Is `code` a member on day `d`? */
bool zt_config_is_member(const zt_config *c, uint16_t code, zt_day d);

/* Replace *slot by `value` (copied), freeing the old string. */
void zt_config_set_str(char **slot, const char *value);

/* Set [report] status from "concept" or "definitief"; ZT_ERR_USAGE
 * otherwise ("where" prefixes the message). */
zt_status zt_config_set_status(zt_config *c, const char *value,
                               const char *where, zt_err *err);

/* The steering text's path for period name `pname` ("2023-H2"): the
 * [input] duiding path with {periode} replaced; NULL when none is set.
 * Caller frees. */
char *zt_config_narrative_path(const zt_config *c, const char *pname);

/* The files and folders of zothuis itself that the configuration names:
 * the store and its -wal, -shm, -journal and .lock files, the key, the
 * configuration, the archive, rejected and report folders and the log
 * file (`walk`: an input walk never reads or moves them), then the
 * configured input files (reference, population, steering and mapping
 * files, and the folder of the steering texts), which only the inbox may
 * not hold. `file`: a file no output of zothuis may replace. Paths are
 * as configured, for g_free() with zt_own_paths_free(). */
typedef struct zt_own_path {
  char *path;
  const char *what;           /* "the store's key file" */
  bool walk;
  bool file;
  bool log;                   /* the log file */
} zt_own_path;
#define ZT_OWN_PATHS_MAX 20
size_t zt_own_paths(const zt_config *c, zt_own_path out[ZT_OWN_PATHS_MAX]);
void zt_own_paths_free(zt_own_path *p, size_t n);

/* `p` made absolute and free of links, `.` and `..`, also when it does
 * not exist yet (then its folder, or else the text, is resolved); for
 * g_free(). */
char *zt_path_canonical(const char *p);

/* Refuse (ZT_ERR_USAGE) an output file `path` (`what` names it in the
 * message: "--out") that is one of the files of zt_own_paths() no output
 * may replace: the same file (device and inode) when both exist, else the
 * same resolved path; and an output inside the inbox, the archive or the
 * folder of rejected files (the folders of deliveries). NULL and "-"
 * (stdout) pass. `is_log`: `path` is the log file itself, which may be
 * itself; it too may not lie in a folder of deliveries (a run moves
 * their files). */
zt_status zt_check_output(const zt_config *c, const char *path,
                          const char *what, bool is_log, zt_err *err);
/* Refuse (ZT_ERR_USAGE) an output file `path` that is one of the
 * `inputs` a command was given to read: the same file, or inside a
 * folder given (where a later walk would read it), unless inside the
 * report folder, which a walk never reads. */
zt_status zt_check_output_inputs(const zt_config *c, const char *path,
                                 const char *what, char *const *inputs,
                                 size_t n, zt_err *err);
/* Refuse (ZT_ERR_USAGE) a folder that is replaced whole (a report's
 * period folder) when it is, or holds, one of those files, or holds or
 * is inside a folder of deliveries. */
zt_status zt_check_output_dir(const zt_config *c, const char *dir,
                              const char *what, zt_err *err);

/* Lines "key = value" describing the settings (for the Verantwoording and
 * `--verbose`); NULL-terminated, free with g_strfreev(). */
char **zt_config_describe(const zt_config *c);

#endif

/*
 * cli/cmd_ingest.c -- `zothuis ingest` and `zothuis check`: read input
 * files, print one reconciliation line per file and a summary, and write
 * the rejected lines (masked) to rejects.csv.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/ingestrun.h"
#include "cli/options.h"
#include "core/buf.h"
#include "core/fileout.h"
#include "core/lock.h"
#include "core/log.h"
#include "etl/ingest.h"
#include "etl/pseudo.h"
#include "etl/store.h"
#include "etl/xsd.h"

static const char *status_word(zt_file_status s) {
  switch (s) {
  case ZT_FILE_INGESTED: return "ok";
  case ZT_FILE_ALREADY: return "seen";
  case ZT_FILE_REJECTED: return "REJECTED";
  case ZT_FILE_UNREADABLE: return "UNREADABLE";
  case ZT_FILE_SKIPPED: return "SKIPPED";
  case ZT_FILE_UNSETTLED: return "WAITING";
  }
  return "?";
}

/* A file name as printed: control characters escaped, so that a name
 * with a line end cannot fake a line of the output. */
static void put_name(FILE *fp, const char *name) {
  char *m = zt_mask_dup(name);      /* a name may hold a BSN */
  for (const char *s = m; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '\n')
      fputs("\\n", fp);
    else if (c < 0x20 || c == 0x7f)
      fprintf(fp, "\\x%02x", c);
    else
      fputc(c, fp);
  }
  g_free(m);
}

void zt_print_file_line(FILE *fp, const zt_ingest_file *f) {
  const zt_file_counts *c = &f->counts;
  fprintf(fp, "%-10s ", status_word(f->status));
  put_name(fp, f->path);
  if (f->status == ZT_FILE_INGESTED)
    fprintf(fp, " [%s, %s]: read %ld = accepted %ld + rejected %ld + "
                "duplicates %ld",
            zt_kind_name(f->kind), f->format, c->read, c->accepted,
            c->rejected, c->duplicates);
  else if (f->status == ZT_FILE_ALREADY)
    fputs(": already ingested (same content); nothing done", fp);
  else if (f->status == ZT_FILE_UNSETTLED) {
    fputs(": not complete yet: ", fp);
    put_name(fp, f->message);
  } else {
    fprintf(fp, ": %s: ", zt_reason_code(f->file_reason));
    put_name(fp, f->message);
  }
  fputc('\n', fp);
}

static void on_file(const void *ctx, const zt_ingest_file *f) {
  const zt_ingest_cli *ic = ctx;
  bool whole = f->status == ZT_FILE_REJECTED ||
               f->status == ZT_FILE_UNREADABLE ||
               f->status == ZT_FILE_SKIPPED || f->status == ZT_FILE_UNSETTLED;
  bool problem = whole || f->counts.rejected > 0;
  if (ic->print_whole_only ? whole : ic->print_all || problem)
    zt_print_file_line(stdout, f);
}

/* A progress bar on stderr, redrawn at most every 1/64 of the work. */
static void on_progress(const void *ctx, size_t done, size_t total) {
  char bar[41];
  size_t fill = total ? done * 40 / total : 40;
  (void)ctx;
  if (total < 20 || (done % (total / 64 + 1) != 0 && done != total))
    return;
  memset(bar, '#', fill);
  memset(bar + fill, '.', 40 - fill);
  bar[40] = '\0';
  fprintf(stderr, "\r  ingest [%s] %zu/%zu files", bar, done, total);
  if (done == total)
    fputc('\n', stderr);
}

void zt_print_run_summary(FILE *fp, const zt_ingest_run *run) {
  const zt_file_counts *t = &run->total;
  fprintf(fp,
          "total: %zu files (%zu read, %ld already ingested, %ld rejected "
          "whole",
          run->nfiles, run->nfiles - (size_t)run->files_already -
                           (size_t)run->files_rejected -
                           (size_t)run->files_unsettled,
          run->files_already, run->files_rejected - run->files_skipped);
  if (run->files_skipped)
    fprintf(fp, ", %ld skipped", run->files_skipped);
  if (run->files_unsettled)
    fprintf(fp, ", %ld not complete yet", run->files_unsettled);
  fputs(")\n", fp);
  fprintf(fp,
          "lines: read %ld = accepted %ld + rejected %ld + duplicates %ld\n",
          t->read, t->accepted, t->rejected, t->duplicates);
  if (t->credits_linked || t->credits_waiting || t->credits_resolved)
    fprintf(fp,
            "credits: %ld applied to their debit, %ld earlier waiting "
            "credits applied, %ld new in quarantine (credit_without_debit)\n",
            t->credits_linked, t->credits_resolved, t->credits_waiting);
  if (t->earlier_rejected)
    fprintf(fp,
            "earlier files: %ld credits that waited in quarantine name a "
            "credit of these files: rejected (value_invalid), listed "
            "with their own file\n", t->earlier_rejected);
  for (int r = 1; r < ZT_R_COUNT; r++)
    if (run->rejected_by_reason[r])
      fprintf(fp, "  %-22s %6ld  %s\n", zt_reason_code((zt_reason)r),
              run->rejected_by_reason[r], zt_reason_text((zt_reason)r));
}

/* One part of zt_ingest_run_why(): "N WHAT" when n > 0. */
static void why_part(GString *why, long n, const char *what) {
  if (n > 0)
    g_string_append_printf(why, "%s%ld %s", why->len ? "; " : "", n, what);
}

void zt_ingest_run_why(GString *why, const zt_ingest_run *run) {
  why_part(why, run->total.rejected, "line(s) rejected");
  why_part(why, run->total.earlier_rejected,
           "waiting credit(s) of earlier files rejected");
  why_part(why, run->files_rejected - run->files_skipped,
           "file(s) rejected whole or unreadable");
  why_part(why, run->files_skipped, "inbox entry(ies) skipped");
  why_part(why, run->files_unsettled, "file(s) not complete yet");
}

/* Does the store refuse to be used with the key file at all: one that
 * lost the record of its key (ZT_ERR_CORRUPT), a missing key file for
 * a store with pseudonyms (ZT_ERR_USAGE)? `version` is the store's
 * schema version as found, `stored` its key id when `have_id`. */
static zt_status key_binding(const zt_config *cfg, int version,
                             bool have_id, const char *stored, bool clients,
                             zt_err *err) {
  /* Every build since schema 6 records the key when a store gets its
   * first pseudonyms: a store of 6 or later that holds pseudonyms but no
   * key id has lost its record (or was tampered with), and any key would
   * be taken for its own -- every child a second client. */
  if (clients && !have_id && version >= 6)
    return zt_fail(err, ZT_ERR_CORRUPT,
                   "store %s holds pseudonyms but no record of the key "
                   "they were made with (meta key_id): restore the store "
                   "from its backup", cfg->store_path);
  if ((have_id || clients) && access(cfg->key_file, F_OK) != 0)
    return zt_fail(err, ZT_ERR_USAGE,
                   "key file %s is missing, and store %s already holds "
                   "pseudonyms made with its key%s%.8s%s: restore the "
                   "key file from its backup (a new key would give "
                   "every child a second pseudonym, so zothuis does not "
                   "make one)", cfg->key_file, cfg->store_path,
                   have_id ? " (key id " : "", have_id ? stored : "",
                   have_id ? ")" : "");
  return ZT_OK;
}

/* A key of id `id` for a store that recorded `stored`: refused when
 * they differ. */
static zt_status key_mismatch(const zt_config *cfg, const char *id,
                              const char *stored, zt_err *err) {
  if (strcmp(id, stored) == 0)
    return ZT_OK;
  return zt_fail(err, ZT_ERR_USAGE,
                 "key file %s does not belong to store %s (its key id is "
                 "%.8s, the store's %.8s): use the key the store was made "
                 "with; pseudonyms of another key would make the same "
                 "child a second client", cfg->key_file, cfg->store_path,
                 id, stored);
}

zt_status zt_check_store_key(const zt_config *cfg, zt_err *err) {
  zt_store_keyinfo ki;
  zt_pseudonymizer *ps = NULL;
  char id[33];
  zt_status st;
  if (access(cfg->store_path, F_OK) != 0)
    return ZT_OK;
  zt_store_peek_key(cfg->store_path, &ki);
  if (!ki.known)
    return ZT_OK;                   /* opening it says what is wrong */
  st = key_binding(cfg, ki.version, ki.have_id, ki.id, ki.clients, err);
  if (st || access(cfg->key_file, F_OK) != 0)
    return st;                      /* a key is made later, if allowed */
  st = zt_pseudo_open(&ps, cfg->key_file, err);
  if (st)
    return st;
  zt_pseudo_key_id(ps, id);
  if (ki.have_id)
    st = key_mismatch(cfg, id, ki.id, err);
  zt_pseudo_close(ps);
  return st;
}

zt_status zt_open_store_key(const zt_config *cfg, zt_store *store,
                            unsigned flags, zt_pseudonymizer **ps,
                            bool *created, zt_err *err) {
  char stored[80] = "", id[33];
  bool have_id = false, clients = false;
  zt_status st;
  *ps = NULL;
  if (created)
    *created = false;
  if (store) {
    st = zt_store_meta_get(store, "key_id", stored, sizeof stored, &have_id,
                           err);
    if (!st)
      st = zt_store_has_clients(store, &clients, err);
    if (st)
      return st;
  }
  if (store) {
    st = key_binding(cfg, zt_store_found_version(store), have_id, stored,
                     clients, err);
    if (st)
      return st;
  }
  if (access(cfg->key_file, F_OK) != 0) {
    if (flags & ZT_KEY_EPHEMERAL) {
      /* check without a key: pseudonyms are thrown away anyway */
      unsigned char key[ZT_KEY_BYTES];
      if (getrandom(key, sizeof key, 0) != (ssize_t)sizeof key)
        return zt_fail(err, ZT_ERR_INTERNAL, "no random bytes");
      st = zt_pseudo_open_key(ps, key, err);
      memset(key, 0, sizeof key);
      return st;
    }
    if (flags & ZT_KEY_CREATE) {
      bool made = false;
      st = zt_key_create(cfg->key_file, &made, err);
      if (st)
        return st;
      if (created)
        *created = made;
    }
  }
  st = zt_pseudo_open(ps, cfg->key_file, err);
  if (st)
    return st;
  zt_pseudo_key_id(*ps, id);
  st = have_id ? key_mismatch(cfg, id, stored, err) : ZT_OK;
  if (st) {
    zt_pseudo_close(*ps);
    *ps = NULL;
    return st;
  }
  if (store && !have_id && (flags & ZT_KEY_RECORD)) {
    st = zt_store_meta_set(store, "key_id", id, err);
    if (st) {
      zt_pseudo_close(*ps);
      *ps = NULL;
      return st;
    }
    if (clients)
      zt_warn("key", "store %s did not record its key yet: key file %s "
              "(id %.8s) is recorded as its key from now on",
              cfg->store_path, cfg->key_file, id);
  }
  /* a store that will be written: BSNs an earlier version kept in
   * references go first, with the key just proven the store's own */
  if (store && (flags & ZT_KEY_RECORD)) {
    st = zt_store_scrub_bsn(store, *ps, err);
    if (st) {
      zt_pseudo_close(*ps);
      *ps = NULL;
      return st;
    }
  }
  return ZT_OK;
}

/* zothuis's own files and folders that a walk must skip (etl/ingest.h):
 * those that exist now, as (device, inode). */
static size_t guard_list(const zt_config *cfg,
                         zt_guarded g[ZT_OWN_PATHS_MAX]) {
  zt_own_path own[ZT_OWN_PATHS_MAX];
  size_t nown = zt_own_paths(cfg, own), n = 0;
  struct stat sb;
  for (size_t i = 0; i < nown; i++)
    if (own[i].walk && stat(own[i].path, &sb) == 0)
      g[n++] = (zt_guarded){(uint64_t)sb.st_dev, (uint64_t)sb.st_ino,
                            own[i].what};
  zt_own_paths_free(own, nown);
  return n;
}

zt_status zt_run_ingest(zt_store *store, const zt_config *cfg,
                        const zt_refdata *rd, zt_pseudonymizer *ps,
                        const char *const *paths, size_t npaths,
                        const zt_ingest_cli *ic, zt_ingest_run *run,
                        zt_err *err) {
  zt_validator v = {rd, ps, 0, 0, 0};
  size_t first = run->nfiles;
  long amount = 0, month = 0, residence = 0;
  zt_ingest_opts opts;
  zt_guarded guarded[ZT_OWN_PATHS_MAX];
  zt_fileout out = {0};
  FILE *rej = NULL;
  zt_status st;

  memset(&opts, 0, sizeof opts);
  opts.kind = ic->kind;
  opts.mapping_path = ic->mapping ? ic->mapping : cfg->mapping;
  opts.dry_run = ic->dry_run;
  opts.on_file = ic->print_files ? on_file : NULL;
  opts.on_progress = ic->progress && zt_log_interactive() ? on_progress
                                                           : NULL;
  opts.ctx = ic;
  opts.refuse_reference = !cfg->reference_from_inbox;
  opts.settle_seconds = ic->settle ? cfg->settle_seconds : -1;
  opts.require_marker = ic->settle && cfg->require_marker;
  opts.delivered = ic->delivered;
  opts.guarded = guarded;
  opts.nguarded = guard_list(cfg, guarded);
  if (ic->rejects_path && strcmp(ic->rejects_path, "-") == 0) {
    rej = stdout;
  } else if (ic->rejects_path) {
    char *dir = g_path_get_dirname(ic->rejects_path);
    st = zt_mkdirs(dir, err);
    g_free(dir);
    if (st)
      return st;
    st = zt_fileout_open(&out, ic->rejects_path, ZT_MODE_PRIVATE, err);
    if (st)
      return st;
    rej = out.fp;
  }
  opts.rejects = rej;
  st = zt_ingest_paths(store, &v, paths, npaths, &opts, run, err);
  if (out.fp) {
    if (st)
      zt_fileout_abort(&out);
    else
      st = zt_fileout_commit(&out, err);
  }
  /* the warnings of the files stored (not of a file rolled back) */
  for (size_t i = first; i < run->nfiles; i++) {
    amount += run->files[i].warn_amount;
    month += run->files[i].warn_month;
    residence += run->files[i].warn_residence;
  }
  if (!st && (amount || month || residence))
    zt_warn("ingest",
            "accepted with a warning: %ld lines whose amount is not volume x "
            "tariff, %ld CSV lines whose period crosses a month, %ld "
            "residence rows with a municipality code not in the table",
            amount, month, residence);
  return st;
}

/* Validate one file against the schemas; ZT_EXIT_OK, ZT_EXIT_INPUT, or
 * ZT_EXIT_USAGE when the schemas cannot be used. */
static int xsd_one(const char *xsd_dir, const char *path) {
  zt_buf report;
  zt_err err;
  bool valid = false;
  zt_status st;
  zt_buf_init(&report, 1 << 20);
  st = zt_xsd_validate(path, xsd_dir, &report, &valid, &err);
  if (st == ZT_ERR_INPUT) {       /* not an iJw message: nothing to check */
    zt_buf_free(&report);
    return ZT_EXIT_OK;
  }
  if (st) {
    zt_buf_free(&report);
    return zt_report_error(&err);
  }
  printf("%-10s %s%s", valid ? "xsd-ok" : "XSD-ERROR", path,
         valid ? "\n" : ":\n");
  if (!valid)
    fputs(zt_buf_str(&report), stdout);
  zt_buf_free(&report);
  return valid ? ZT_EXIT_OK : ZT_EXIT_INPUT;
}

static gint cmp_names(gconstpointer a, gconstpointer b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int xsd_walk(const char *xsd_dir, const char *path, int depth) {
  int rc = ZT_EXIT_OK;
  if (g_file_test(path, G_FILE_TEST_IS_DIR) && depth < 16) {
    GDir *d = g_dir_open(path, 0, NULL);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *n;
    while (d && (n = g_dir_read_name(d)))
      if (n[0] != '.')
        g_ptr_array_add(names, g_build_filename(path, n, NULL));
    if (d)
      g_dir_close(d);
    g_ptr_array_sort(names, cmp_names);
    for (guint i = 0; i < names->len; i++) {
      int r = xsd_walk(xsd_dir, g_ptr_array_index(names, i), depth + 1);
      if (r > rc)
        rc = r;
    }
    g_ptr_array_free(names, TRUE);
    return rc;
  }
  return xsd_one(xsd_dir, path);
}

int zt_check_xsd(const char *xsd_dir, const char *const *paths,
                 size_t npaths) {
  int rc = ZT_EXIT_OK;
  for (size_t i = 0; i < npaths; i++) {
    int r = xsd_walk(xsd_dir, paths[i], 0);
    if (r == ZT_EXIT_USAGE || r == ZT_EXIT_INTERNAL)
      return r;
    if (r > rc)
      rc = r;
  }
  return rc;
}

/* `check --xsd[=DIR]`: the value of the option, "" for the shipped
 * schemas (GLib passes an optional value only through a callback, whose
 * data pointer the main group leaves NULL; one command runs per process).
 * GLib also takes the next word as the value (`--xsd FILE`): a value that
 * is not a schema folder is a path to check, with the shipped schemas. */
static char *xsd_opt;

/* A folder holding iJw schemas (the JW323 schema, any case). */
static bool is_schema_dir(const char *path) {
  GDir *d = g_dir_open(path, 0, NULL);
  const char *n;
  bool found = false;
  while (d && !found && (n = g_dir_read_name(d)))
    found = g_ascii_strcasecmp(n, "JW323.xsd") == 0;
  if (d)
    g_dir_close(d);
  return found;
}

static gboolean xsd_arg(const gchar *name, const gchar *value, gpointer data,
                        GError **error) {
  (void)name;
  (void)data;
  (void)error;
  g_free(xsd_opt);
  xsd_opt = g_strdup(value ? value : "");
  return TRUE;
}

static int ingest_main(const zt_globals *g, int argc, char **argv,
                       bool check) {
  char *kind = NULL, *mapping = NULL, *rejects = NULL, *xsd = NULL;
  char *xsd_arg_path = NULL, *delivered = NULL;
  GPtrArray *paths = NULL;
  gboolean brief = FALSE;
  GOptionEntry entries[] = {
      {"kind", 0, 0, G_OPTION_ARG_STRING, &kind,
       "auto (default), declaraties, toewijzingen, clienten, residenties, "
       "productcodes, aanbieders", "KIND"},
      {"mapping", 0, 0, G_OPTION_ARG_FILENAME, &mapping,
       "column mapping file for foreign CSV layouts (docs/mapping.md)",
       "FILE"},
      {"rejects", 0, 0, G_OPTION_ARG_FILENAME, &rejects,
       check ? "write the rejected lines (masked) to FILE ('-' for stdout)"
             : "where to write the rejected lines (default: "
               "OUT/rejects.csv of [report] out)",
       "FILE"},
      {check ? NULL : "delivered", 0, 0, G_OPTION_ARG_STRING, &delivered,
       "the day the files were delivered, for files whose messages carry "
       "no date of their own (docs/inputs.md, delivery dates)",
       "YYYY-MM-DD"},
      {"brief", 0, 0, G_OPTION_ARG_NONE, &brief,
       "print a line only for files with problems (and the summary)",
       NULL},
      {check ? "xsd" : NULL, 0, G_OPTION_FLAG_OPTIONAL_ARG,
       G_OPTION_ARG_CALLBACK, (void *)xsd_arg,
       "also validate iJw XML files against the iJw 3.2 schemas shipped "
       "with zothuis, or (--xsd=DIR) against those in DIR", "DIR"},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  zt_config cfg;
  zt_refdata *rd = NULL;
  zt_pseudonymizer *ps = NULL;
  zt_store *store = NULL;
  zt_ingest_run run = {0};
  zt_ingest_cli ic;
  zt_lock lock = {-1};
  zt_err err;
  int rc = ZT_EXIT_OK;
  char *default_rejects = NULL;

  /* an entry without a name (the other command's) would end the list */
  {
    size_t k = 0, n = sizeof entries / sizeof entries[0] - 1;
    for (size_t i = 0; i < n; i++)
      if (entries[i].long_name)
        entries[k++] = entries[i];
    memset(&entries[k], 0, sizeof entries[k]);
  }
  zt_err_clear(&err);
  zt_config_defaults(&cfg);
  g_free(xsd_opt);
  xsd_opt = NULL;
  if (!zt_parse_options(&argc, &argv, "PATH...",
                        check ? "Validate input files without storing them; "
                                "print the reject summary."
                              : "Read, validate, pseudonymize and store input "
                                "files. A directory means every file below "
                                "it.",
                        entries)) {
    rc = ZT_EXIT_USAGE;
    goto done;
  }
  paths = g_ptr_array_new();
  if (xsd_opt) {
    if (*xsd_opt && is_schema_dir(xsd_opt)) {
      xsd = xsd_opt;
    } else {
      char *ref = zt_cli_datadir(NULL, "reference");
      xsd = g_build_filename(ref, "ijw", NULL);
      g_free(ref);
      if (*xsd_opt)
        g_ptr_array_add(paths, xsd_arg_path = xsd_opt);
      else
        g_free(xsd_opt);
    }
    xsd_opt = NULL;
  }
  for (int i = 1; i < argc; i++)
    g_ptr_array_add(paths, argv[i]);
  if (paths->len == 0) {
    fprintf(stderr, "zothuis %s: name at least one file or directory\n",
            argv[0]);
    rc = ZT_EXIT_USAGE;
    goto done;
  }
  memset(&ic, 0, sizeof ic);
  ic.kind = ZT_KIND_AUTO;
  if (kind && (ic.kind = zt_kind_from_name(kind)) == ZT_KIND_COUNT) {
    fprintf(stderr, "zothuis %s: --kind '%s' is not a known kind\n", argv[0],
            kind);
    rc = ZT_EXIT_USAGE;
    goto done;
  }
  if (delivered && (zt_date_parse(delivered, strlen(delivered),
                                 &ic.delivered) ||
                    zt_day_year(ic.delivered) > ZT_YEAR_MAX ||
                    ic.delivered <= 0)) {
    fprintf(stderr, "zothuis %s: --delivered '%s': expected YYYY-MM-DD "
            "after 1970\n", argv[0], delivered);
    rc = ZT_EXIT_USAGE;
    goto done;
  }
  zt_config_free(&cfg);
  if (zt_cli_config(g, &cfg, &err)) {
    rc = zt_report_error(&err);
    goto done;
  }
  if (!rejects && !check)
    rejects = default_rejects =
        g_build_filename(cfg.out_dir, "rejects.csv", NULL);
  /* before anything is read or stored: rejects.csv may not replace the
   * key (orphaning the pseudonyms just stored), the store or its lock */
  if (zt_check_output(&cfg, rejects, "--rejects", false, &err) ||
      zt_check_output_inputs(&cfg, rejects, "--rejects",
                             (char *const *)paths->pdata, paths->len,
                             &err) ||
      /* and what writing it would refuse (a folder, a file in the way of
       * its folder), before the store is opened, not after */
      (rejects && strcmp(rejects, "-") != 0 &&
       zt_fileout_check(rejects, &err)) ||
      zt_cli_refdata(&cfg, &rd, &err)) {
    rc = zt_report_error(&err);
    goto done;
  }
  if (check && access(cfg.store_path, F_OK) != 0) {
    if (zt_store_open(&store, NULL, ZT_STORE_MEMORY, &err) ||
        zt_open_store_key(&cfg, NULL, ZT_KEY_EPHEMERAL, &ps, NULL, &err)) {
      rc = zt_report_error(&err);
      goto done;
    }
  } else if (zt_lock_take(&lock, cfg.store_path, true, cfg.lock_wait_seconds,
                          &err) ||
             zt_store_open(&store, cfg.store_path, ZT_STORE_USE, &err) ||
             zt_open_store_key(&cfg, store,
                               check ? ZT_KEY_EPHEMERAL : ZT_KEY_RECORD, &ps,
                               NULL, &err)) {
    rc = zt_report_error(&err);
    goto done;
  }
  if (xsd) {
    rc = zt_check_xsd(xsd, (const char *const *)paths->pdata, paths->len);
    if (rc == ZT_EXIT_USAGE || rc == ZT_EXIT_INTERNAL)
      goto done;
  }
  ic.mapping = mapping;
  ic.rejects_path = rejects;
  ic.dry_run = check;
  ic.print_files = true;
  ic.print_all = !brief && !zt_log_quiet();   /* --quiet: as --brief */
  if (zt_run_ingest(store, &cfg, rd, ps, (const char *const *)paths->pdata,
                    paths->len, &ic, &run, &err)) {
    rc = zt_report_error(&err);
    goto done;
  }
  zt_print_run_summary(stdout, &run);
  if (rejects && strcmp(rejects, "-") != 0 && zt_ingest_run_has_rejects(&run))
    printf("rejected lines: %s\n", rejects);
  if (check)
    printf("check only: nothing was stored\n");
  if ((zt_ingest_run_has_rejects(&run) || run.files_unsettled) &&
      rc == ZT_EXIT_OK) {
    /* on stderr too: --quiet (cron) must still say why it is not 0 */
    GString *why = g_string_new(NULL);
    rc = ZT_EXIT_INPUT;
    zt_ingest_run_why(why, &run);
    zt_warn(check ? "check" : "ingest", "exit %d: %s", rc, why->str);
    g_string_free(why, TRUE);
  }
done:
  zt_ingest_run_free(&run);
  zt_store_close(store);
  zt_lock_release(&lock);
  zt_pseudo_close(ps);
  zt_refdata_free(rd);
  zt_config_free(&cfg);
  g_free(kind);
  g_free(delivered);
  g_free(mapping);
  g_free(default_rejects);
  if (rejects != default_rejects)
    g_free(rejects);
  g_free(xsd);
  g_free(xsd_arg_path);
  g_free(xsd_opt);
  xsd_opt = NULL;
  if (paths)
    g_ptr_array_free(paths, TRUE);
  return rc;
}

int zt_cmd_ingest(const zt_globals *g, int argc, char **argv) {
  return ingest_main(g, argc, argv, false);
}

int zt_cmd_check(const zt_globals *g, int argc, char **argv) {
  return ingest_main(g, argc, argv, true);
}

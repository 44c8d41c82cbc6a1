/*
 * cli/cmd_init.c -- `zothuis init`: create or upgrade the store, and
 * create the pseudonym key file when it is absent and the store holds no
 * pseudonyms yet (never a second key for a store that has a key).
 */
#include <stdio.h>

#include "cli/cli.h"
#include "cli/ingestrun.h"
#include "cli/options.h"
#include "core/lock.h"
#include "etl/pseudo.h"
#include "etl/store.h"

int zt_cmd_init(const zt_globals *g, int argc, char **argv) {
  GOptionEntry entries[] = {{NULL, 0, 0, 0, NULL, NULL, NULL}};
  zt_config cfg;
  zt_store *store = NULL;
  zt_pseudonymizer *ps = NULL;
  zt_lock lock = {-1};
  zt_err err;
  bool created = false;
  int found;

  zt_err_clear(&err);
  if (!zt_parse_options(&argc, &argv, "",
                        "Create the store (or upgrade it to this version's "
                        "schema) and the pseudonym key file.",
                        entries))
    return ZT_EXIT_USAGE;
  if (argc > 1) {
    fprintf(stderr, "zothuis init: takes no arguments\n");
    return ZT_EXIT_USAGE;
  }
  if (zt_cli_config(g, &cfg, &err))
    goto fail;
  if (zt_lock_take(&lock, cfg.store_path, true, cfg.lock_wait_seconds, &err))
    goto fail;
  /* The store first: a key is made only for a store without pseudonyms,
   * and a key the store does not know is refused. */
  if (zt_check_store_key(&cfg, &err) ||
      zt_store_open(&store, cfg.store_path, ZT_STORE_INIT, &err) ||
      zt_open_store_key(&cfg, store, ZT_KEY_CREATE | ZT_KEY_RECORD, &ps,
                        &created, &err))
    goto fail;
  printf("key file %s: %s\n", cfg.key_file,
         created ? "created (mode 0600; keep it safe and out of the store's "
                   "backups: without it pseudonyms cannot be reproduced)"
                 : "present, and the store's own");
  found = zt_store_found_version(store);
  if (zt_store_restored(store))
    printf("store %s: recognised as schema version %d without its version "
           "number (restored from a .dump?); version set\n",
           cfg.store_path, found);
  else if (found == 0)
    printf("store %s: created (schema version %d)\n", cfg.store_path,
           ZT_STORE_SCHEMA_VERSION);
  else if (found < ZT_STORE_SCHEMA_VERSION)
    printf("store %s: upgraded from schema version %d to %d\n",
           cfg.store_path, found, ZT_STORE_SCHEMA_VERSION);
  else
    printf("store %s: up to date (schema version %d)\n", cfg.store_path,
           found);
  zt_pseudo_close(ps);
  zt_store_close(store);
  zt_lock_release(&lock);
  zt_config_free(&cfg);
  return ZT_EXIT_OK;
fail:
  zt_pseudo_close(ps);
  zt_store_close(store);
  zt_lock_release(&lock);
  zt_config_free(&cfg);
  return zt_report_error(&err);
}

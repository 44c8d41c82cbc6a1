/*
 * cli/common.c -- exit codes, error printing, configuration and shipped
 * data lookup shared by the commands (see cli.h).
 */
#include <glib.h>
#include <stdio.h>
#include <unistd.h>

#include "cli/cli.h"
#include "etl/pseudo.h"
#include "zt_build.h"

const char zt_exit_codes_help[] =
    "Exit codes:\n"
    "  0   success\n"
    "  1   usage or configuration error\n"
    "  2   input problems: some lines or files were rejected, or inbox\n"
    "      entries skipped (the run completed and stored what was valid;\n"
    "      see rejects.csv and the log)\n"
    "  3   the store is locked by another run\n"
    "  4   output could not be written (disk full, no permission)\n"
    "  5   the store is damaged: restore it from the backup\n"
    "  70  internal error\n";

int zt_exit_code(zt_status st) {
  switch (st) {
  case ZT_OK: return ZT_EXIT_OK;
  case ZT_ERR_USAGE: return ZT_EXIT_USAGE;
  case ZT_ERR_INPUT: return ZT_EXIT_INPUT;
  case ZT_ERR_LOCKED: return ZT_EXIT_LOCKED;
  case ZT_ERR_IO:
  case ZT_ERR_OUTPUT: return ZT_EXIT_OUTPUT;
  case ZT_ERR_CORRUPT: return ZT_EXIT_CORRUPT;
  case ZT_ERR_NOMEM:
  case ZT_ERR_STORE:
  case ZT_ERR_INTERNAL: return ZT_EXIT_INTERNAL;
  }
  return ZT_EXIT_INTERNAL;
}

int zt_report_error(const zt_err *err) {
  /* masked as every log line is (docs/privacy.md): a path or a value
   * quoted in the message may hold a BSN */
  char *msg = zt_mask_dup(err->msg[0] ? err->msg
                                      : zt_status_name(err->status));
  fprintf(stderr, "zothuis: %s\n", msg);
  g_free(msg);
  return zt_exit_code(err->status);
}

zt_status zt_cli_config(const zt_globals *g, zt_config *cfg, zt_err *err) {
  zt_status st;
  zt_config_defaults(cfg);
  st = zt_config_load(cfg, g->config, g->sets, (size_t)g->nsets, err);
  if (st)
    return st;
  if (g->store) {
    g_free(cfg->store_path);
    cfg->store_path = g_strdup(g->store);
  }
  if (g->key_file) {
    g_free(cfg->key_file);
    cfg->key_file = g_strdup(g->key_file);
  }
  return ZT_OK;
}

zt_status zt_cli_members(const zt_config *cfg, zt_err *err) {
  if (cfg->nmembers)
    return ZT_OK;
  return zt_fail(err, ZT_ERR_USAGE,
                 "configuration %s: [region] municipalities names no "
                 "municipality: the figures would all be zero; name the "
                 "region's members (docs/configuration.md)",
                 cfg->file ? cfg->file : "(none: no --config and no "
                                         "./zothuis.ini)");
}

char *zt_cli_datadir(const zt_config *cfg, const char *sub) {
  const char *env = g_getenv("ZOTHUIS_DATADIR");
  char *p, *exe;
  if (cfg && cfg->reference_dir && g_str_equal(sub, "reference"))
    return g_strdup(cfg->reference_dir);
  if (env && *env)
    return g_build_filename(env, sub, NULL);
  /* Installed under any prefix: PREFIX/bin/zothuis finds
   * PREFIX/share/zothuis. */
  exe = g_file_read_link("/proc/self/exe", NULL);
  if (exe) {
    char *bindir = g_path_get_dirname(exe);
    p = g_build_filename(bindir, "..", "share", "zothuis", sub, NULL);
    g_free(bindir);
    g_free(exe);
    if (g_file_test(p, G_FILE_TEST_IS_DIR))
      return p;
    g_free(p);
  }
  p = g_build_filename(ZT_INSTALL_DATADIR, sub, NULL);
  if (g_file_test(p, G_FILE_TEST_IS_DIR))
    return p;
  g_free(p);
  return g_build_filename(ZT_SOURCE_DATADIR, sub, NULL);
}

zt_status zt_cli_refdata(const zt_config *cfg, zt_refdata **rd, zt_err *err) {
  char *dir = zt_cli_datadir(cfg, "reference");
  zt_status st = zt_refdata_load(rd, dir, err);
  /* a member code the municipality table does not know would make
   * every figure of that member zero, reported as if true */
  for (size_t i = 0; !st && cfg && i < cfg->nmembers; i++)
    if (!zt_refdata_gemeente(*rd, cfg->members[i].gemeente))
      st = zt_fail(err, ZT_ERR_USAGE,
                   "region.municipalities: %04u is not a municipality "
                   "code of the reference table (%s/gemeenten.csv)",
                   cfg->members[i].gemeente, dir);
  if (st) {
    zt_refdata_free(*rd);
    *rd = NULL;
  }
  g_free(dir);
  return st;
}

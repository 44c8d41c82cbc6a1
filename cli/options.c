/*
 * cli/options.c -- command option parsing (see options.h).
 */
#include "cli/options.h"

#include <stdio.h>

#include "cli/cli.h"

bool zt_parse_options(int *argc, char ***argv, const char *params,
                      const char *summary, const GOptionEntry *entries) {
  GOptionContext *ctx = g_option_context_new(params);
  GError *ge = NULL;
  char *prog = g_strdup_printf("zothuis %s", (*argv)[0]);
  bool ok;
  g_set_prgname(prog);
  g_option_context_set_summary(ctx, summary);
  g_option_context_set_description(ctx, zt_exit_codes_help);
  g_option_context_add_main_entries(ctx, entries, NULL);
  ok = g_option_context_parse(ctx, argc, argv, &ge);
  if (!ok) {
    fprintf(stderr, "zothuis %s: %s (try --help)\n", prog + 8, ge->message);
    g_error_free(ge);
  }
  g_option_context_free(ctx);
  g_free(prog);
  return ok;
}

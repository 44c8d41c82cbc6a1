/*
 * cli/cmd_later.c -- commands that are part of the contract but not built
 * yet: they say so and exit 1.
 */
#include <stdio.h>

#include "cli/cli.h"

static int later(const char *name) {
  fprintf(stderr, "zothuis %s: not available yet in this version\n", name);
  return ZT_EXIT_USAGE;
}

int zt_cmd_run(const zt_globals *g, int argc, char **argv) {
  (void)g;
  (void)argc;
  (void)argv;
  return later("run");
}

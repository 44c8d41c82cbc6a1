/*
 * cli/main.c -- the zothuis program: global options, then one command.
 */
#include <stdio.h>
#include <string.h>

#include "zt_build.h"

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "--version") == 0) {
    printf("zothuis %s\n", ZT_VERSION);
    return 0;
  }
  fprintf(stderr, "zothuis: not yet\n");
  return 1;
}

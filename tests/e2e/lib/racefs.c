/*
 * tests/e2e/lib/racefs.c -- an LD_PRELOAD shim for the e2e tests that
 * need a file system event at an exact moment of a run (rel42): it wraps
 * rename(2). Built by the test with the system's C compiler; never part
 * of zothuis.
 *
 *   ZT_RACE_EXDEV=TEXT     a rename whose source path contains TEXT fails
 *                          with EXDEV, as a move to another file system
 *                          does (then zothuis copies and removes).
 *   ZT_RACE_SWAP_AT=TEXT   before the first rename whose source path
 *   ZT_RACE_SWAP_FROM=F    contains TEXT, the file F is renamed onto
 *   ZT_RACE_SWAP_TO=G      G: a sender replacing an inbox file at that
 *                          very moment.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*rename_fn)(const char *, const char *);

static int swapped;

int rename(const char *from, const char *to) {
  rename_fn real = (rename_fn)dlsym(RTLD_NEXT, "rename");
  const char *exdev = getenv("ZT_RACE_EXDEV");
  const char *at = getenv("ZT_RACE_SWAP_AT");
  const char *sf = getenv("ZT_RACE_SWAP_FROM");
  const char *st = getenv("ZT_RACE_SWAP_TO");
  if (!real) {
    errno = ENOSYS;
    return -1;
  }
  if (!swapped && at && sf && st && strstr(from, at)) {
    swapped = 1;
    if (real(sf, st) != 0)
      perror("racefs: swap");
  }
  if (exdev && *exdev && strstr(from, exdev)) {
    errno = EXDEV;
    return -1;
  }
  return real(from, to);
}

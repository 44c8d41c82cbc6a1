/*
 * tests/e2e/lib/racefs.c -- an LD_PRELOAD shim for the e2e tests that
 * need a file system event at an exact moment of a run (rel42, rel43):
 * it wraps rename(2) and open(2). Built by the test with the system's C
 * compiler; never part of zothuis.
 *
 *   ZT_RACE_EXDEV=TEXT     a rename whose source path contains TEXT fails
 *                          with EXDEV, as a move to another file system
 *                          does (then zothuis copies and removes).
 *   ZT_RACE_SWAP_AT=TEXT   before the first rename whose source path
 *   ZT_RACE_SWAP_FROM=F    contains TEXT, the file F is renamed onto
 *   ZT_RACE_SWAP_TO=G      G: a sender replacing an inbox file at that
 *                          very moment.
 *   ZT_RACE_OPEN_AT=P      before the second open(2) of exactly the path
 *                          P, the file ZT_RACE_SWAP_FROM is renamed onto
 *                          ZT_RACE_SWAP_TO (rel43);
 *   ZT_RACE_OPEN_LOG=L     and each open of P appends a line to L:
 *                          "nofollow" or "follow" (O_NOFOLLOW or not).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int (*rename_fn)(const char *, const char *);
typedef int (*open_fn)(const char *, int, ...);

static int swapped, opens;

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

int open(const char *path, int flags, ...) {
  open_fn real = (open_fn)dlsym(RTLD_NEXT, "open");
  rename_fn ren = (rename_fn)dlsym(RTLD_NEXT, "rename");
  const char *at = getenv("ZT_RACE_OPEN_AT");
  const char *sf = getenv("ZT_RACE_SWAP_FROM");
  const char *st = getenv("ZT_RACE_SWAP_TO");
  mode_t mode = 0;
  if (flags & O_CREAT) {
    va_list ap;
    va_start(ap, flags);
    mode = (mode_t)va_arg(ap, int);
    va_end(ap);
  }
  if (!real || !ren) {
    errno = ENOSYS;
    return -1;
  }
  if (at && strcmp(path, at) == 0) {
    const char *log = getenv("ZT_RACE_OPEN_LOG");
    if (sf && st && ++opens == 2 && ren(sf, st) != 0)
      perror("racefs: swap");
    if (log) {
      FILE *fp = fopen(log, "a");
      if (fp) {
        fputs(flags & O_NOFOLLOW ? "nofollow\n" : "follow\n", fp);
        fclose(fp);
      }
    }
  }
  return real(path, flags, mode);
}

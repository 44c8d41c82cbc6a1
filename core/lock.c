/*
 * core/lock.c -- advisory store lock (see lock.h).
 */
#include "core/lock.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

zt_status zt_lock_take(zt_lock *lk, const char *store_path, bool exclusive,
                       int wait_seconds, zt_err *err) {
  char path[4096];
  struct timespec start, now, pause = {0, 100 * 1000 * 1000};
  struct stat sb;
  int op = (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB;
  /* the store's own file, whatever link names it: SQLite keeps its -wal
   * and -shm there too */
  char *real = realpath(store_path, NULL);
  size_t n;

  lk->fd = -1;
  if (real && stat(real, &sb) == 0 && S_ISREG(sb.st_mode) &&
      sb.st_nlink > 1) {
    free(real);
    return zt_fail(err, ZT_ERR_USAGE,
                   "store %s has %ju names (hard links): a lock cannot "
                   "keep two runs apart that name it differently, and "
                   "SQLite keeps a write-ahead log per name, which can "
                   "damage the store; remove the other names (a hard link "
                   "is no backup: copy the file, or use sqlite3 .backup)",
                   store_path, (uintmax_t)sb.st_nlink);
  }
  n = (size_t)snprintf(path, sizeof path, "%s.lock",
                       real ? real : store_path);
  free(real);
  if (n >= sizeof path)
    return zt_fail(err, ZT_ERR_USAGE, "store path too long");
  /* never through a link: a lock file is made here or nowhere */
  lk->fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0660);
  if (lk->fd < 0)
    return zt_fail(err, ZT_ERR_OUTPUT, "cannot open lock file %s: %s", path,
                   errno == ELOOP ? "it is a symbolic link, which zothuis "
                                    "does not follow"
                                  : strerror(errno));
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (;;) {
    if (flock(lk->fd, op) == 0)
      return ZT_OK;
    if (errno != EWOULDBLOCK && errno != EINTR) {
      zt_status st = zt_fail(err, ZT_ERR_OUTPUT, "cannot lock %s: %s", path,
                             strerror(errno));
      zt_lock_release(lk);
      return st;
    }
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec - start.tv_sec >= wait_seconds) {
      zt_lock_release(lk);
      return zt_fail(err, ZT_ERR_LOCKED,
                     "the store %s is in use by another zothuis run (waited "
                     "%d s); try again later",
                     store_path, wait_seconds);
    }
    nanosleep(&pause, NULL);
  }
}

void zt_lock_release(zt_lock *lk) {
  if (lk->fd >= 0) {
    flock(lk->fd, LOCK_UN);
    close(lk->fd);
  }
  lk->fd = -1;
}

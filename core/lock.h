/*
 * core/lock.h -- one run at a time: an advisory lock (flock) on a lock
 * file beside the store.
 *
 * Commands that write the store take the lock exclusively; a second run
 * waits up to a configured time and then gives up with ZT_ERR_LOCKED (exit
 * code 3). The kernel releases the lock when the process ends, also after
 * kill -9, so a crashed run never leaves a stale lock.
 *
 * The lock file lies beside the store's own file (a store named through
 * a symbolic link is locked where the link points, as SQLite keeps its
 * -wal and -shm there), so two runs that name one store differently
 * still exclude each other; it is never opened through a link. A store
 * with more than one name (hard links) cannot be locked so and is
 * refused (ZT_ERR_USAGE).
 */
#ifndef ZT_LOCK_H
#define ZT_LOCK_H

#include <stdbool.h>

#include "core/err.h"

typedef struct zt_lock {
  int fd;
} zt_lock;

/* Lock `store_path` + ".lock", waiting at most `wait_seconds` (0: do not
 * wait). `exclusive` false takes a shared lock (readers). */
zt_status zt_lock_take(zt_lock *lk, const char *store_path, bool exclusive,
                       int wait_seconds, zt_err *err);
void zt_lock_release(zt_lock *lk);

#endif

/*
 * core/fileout.h -- atomic output files.
 *
 * Every output (report, export, rejects list, key file) is written to a
 * temporary file in the target's directory and renamed into place only when
 * it is complete and flushed to disk, so a reader never sees half a file and
 * a failed run leaves the previous version intact.
 */
#ifndef ZT_FILEOUT_H
#define ZT_FILEOUT_H

#include <stdio.h>
#include <sys/types.h>

#include "core/err.h"

typedef struct zt_fileout {
  FILE *fp;          /* write through this */
  char *path;        /* the final name */
  char *tmp;         /* the temporary name */
} zt_fileout;

/* Create the temporary file for `path` with permission bits `mode` (e.g.
 * 0644, or 0600 for secrets). */
zt_status zt_fileout_open(zt_fileout *out, const char *path, mode_t mode,
                          zt_err *err);
/* Flush, fsync and rename into place. On failure the temporary file is
 * removed and the old `path` stays as it was. Frees `out` either way. */
zt_status zt_fileout_commit(zt_fileout *out, zt_err *err);
/* Throw the temporary file away (safe after a failed open). */
void zt_fileout_abort(zt_fileout *out);

/* Write a whole buffer to `path` atomically. */
zt_status zt_write_file_atomic(const char *path, const void *data, size_t n,
                               mode_t mode, zt_err *err);

/* mkdir -p with mode 0755. */
zt_status zt_mkdirs(const char *path, zt_err *err);

#endif

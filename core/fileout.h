/*
 * core/fileout.h -- atomic output files and output folders.
 *
 * Every output (report, export, rejects list, key file) is written to a
 * temporary file in the target's directory and renamed into place only when
 * it is complete and flushed to disk, so a reader never sees half a file and
 * a failed run leaves the previous version intact.
 *
 * A target that already exists as a FIFO or a character device (say
 * /dev/null, /dev/stdout, a named pipe a script reads) is written directly
 * and never replaced; a folder, a block device or a socket is refused.
 *
 * Modes follow the umask: a file gets the bits asked for, less those the
 * umask removes. Files with row-level data (ZT_MODE_PRIVATE) never get
 * permission bits for others, whatever the umask.
 *
 * A set of files that belongs together (a period's report folder) is
 * written into a temporary folder beside its final place and swapped in
 * whole (zt_dir_replace). Temporary files and folders that a killed run
 * left behind are recognised by their hidden names (.NAME.tmp.XXXXXX,
 * .NAME.old.XXXXXX) and removed by zt_remove_stale_tmp() when this user
 * owns them and they are older than the lock holder; a name that is not
 * hidden may be a delivered file and is never removed (those named like
 * the temporary files of older versions, NAME.tmp.XXXXXX, are found by
 * zt_find_legacy_tmp() to be named in a warning).
 *
 * Names made from another name (a temporary .NAME.tmp.XXXXXX, an archive
 * copy NAME.1, a NAME.reason beside a rejected file) are kept within the
 * folder's limit on name length (NAME_MAX, 255 bytes) by zt_fit_name(),
 * which cuts the stem of a long name short and keeps its extensions.
 */
#ifndef ZT_FILEOUT_H
#define ZT_FILEOUT_H

#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/err.h"

/* Permission bits to ask for (the umask still applies). */
#define ZT_MODE_PUBLIC 0666   /* reports, exports */
#define ZT_MODE_PRIVATE 0660  /* row-level data: never for others */

typedef struct zt_fileout {
  FILE *fp;          /* write through this */
  char *path;        /* the final name */
  char *tmp;         /* the temporary name (NULL when direct) */
  bool direct;       /* a FIFO or character device, written in place */
} zt_fileout;

/* The process's umask (read without changing it). */
mode_t zt_umask(void);
/* `mode` as a new file gets it: less the umask (ZT_MODE_PRIVATE has no
 * bits for others, so a private file never gets any). */
mode_t zt_file_mode(mode_t mode);

/* Create the temporary file for `path` with permission bits `mode` (e.g.
 * ZT_MODE_PUBLIC, or 0600 for secrets), less the umask; its name is
 * .NAME.tmp.XXXXXX beside `path` (NAME its base name: hidden), with the
 * stem shortened when that would be too long
 * (zt_fit_name), so any `path` that fits can be written. When `path` is a
 * FIFO or character device, open it for writing instead (a FIFO without a
 * reader is an error, not a wait). */
zt_status zt_fileout_open(zt_fileout *out, const char *path, mode_t mode,
                          zt_err *err);
/* Flush, fsync and rename into place (direct: flush and close). On
 * failure the temporary file is removed and the old `path` stays as it
 * was. Frees `out` either way. */
zt_status zt_fileout_commit(zt_fileout *out, zt_err *err);
/* Throw the temporary file away (safe after a failed open). */
void zt_fileout_abort(zt_fileout *out);

/* Write a whole buffer to `path` atomically. */
zt_status zt_write_file_atomic(const char *path, const void *data, size_t n,
                               mode_t mode, zt_err *err);

/* The name for a file in folder `dir` made of `name` (a base name,
 * without '/') and `suffix` (".1", ".tmp.XXXXXX", or ""), that leaves
 * room for `reserve` more bytes (say 7 for a ".reason" added later)
 * within the longest name the folder takes: NAME_MAX, or less where its
 * file system says so (a `dir` that does not exist yet: NAME_MAX). When
 * name + suffix + reserve is too long, the stem of `name` is cut short,
 * on a UTF-8 character boundary, and its extensions (at most two dots
 * with 1 to 8 letters or digits each: ".csv", ".xml.gz") are kept:
 * "<shorter stem><extensions><suffix>". Returns ZT_OK with *out (for
 * free()), or ZT_ERR_INPUT when no such name can be made (the extensions
 * and suffix alone are too long), ZT_ERR_NOMEM. */
zt_status zt_fit_name(const char *dir, const char *name, const char *suffix,
                      size_t reserve, char **out, zt_err *err);

/* mkdir -p; new folders get 0777 less the umask. */
zt_status zt_mkdirs(const char *path, zt_err *err);

/* Could zt_mkdirs(path) make the folder `path`: is it a folder, or is
 * the nearest part of its path that exists one (links followed)? Creates
 * nothing. ZT_ERR_OUTPUT names the part in the way (a file where a
 * folder should be). For checks made before a command touches anything. */
zt_status zt_dirs_possible(const char *path, zt_err *err);

/* The refusals zt_fileout_open() would make for `path`, made without
 * creating or opening anything: a folder, block device or socket at
 * `path`, or a file where its folder should be (ZT_ERR_OUTPUT). A FIFO
 * without a reader is found only when it is opened. */
zt_status zt_fileout_check(const char *path, zt_err *err);

/* Is `path` a symbolic link (not followed)? */
bool zt_is_symlink(const char *path);

/* Make a new temporary folder for the final folder `dest`:
 * dirname(dest)/.basename(dest).tmp.XXXXXX (caller frees the name). */
zt_status zt_tmpdir_for(const char *dest, char **tmpdir, zt_err *err);
/* Put the complete folder `tmpdir` in the place of `dest`: atomically
 * exchanged with the old folder where the file system can (the old one is
 * then removed), else renamed in just after the old one is moved aside.
 * `dest`, when it exists, must be a real folder (not a link): anything
 * else is refused. On failure `tmpdir` is removed and `dest` is as it
 * was. */
zt_status zt_dir_replace(const char *tmpdir, const char *dest, zt_err *err);

/* Remove `path` and, if it is a folder, everything in it; symbolic links
 * are removed, never followed. */
zt_status zt_remove_tree(const char *path, zt_err *err);

/* Remove what killed runs left in `dir` (not below it): regular files
 * named exactly .NAME.tmp.XXXXXX and folders named .NAME.tmp.XXXXXX or
 * .NAME.old.XXXXXX (NAME not empty, XXXXXX six letters or digits), owned
 * by this user and last changed before `before_ns` (nanoseconds since
 * the epoch; `run`: the moment it took the store lock exclusively, read
 * with zt_file_clock_ns(); `report`: an hour before). Links and anything
 * else are left alone. *removed (may be NULL) counts them. A missing
 * `dir` is not an error. */
zt_status zt_remove_stale_tmp(const char *dir, int64_t before_ns,
                              int *removed, zt_err *err);
/* The wall clock as file systems stamp file times, in nanoseconds since
 * the epoch: a file changed after this reading has a modification time
 * at or after it. */
int64_t zt_file_clock_ns(void);

/* Regular files in `dir` (not below it) named as zothuis named its
 * temporary files before they were hidden: exactly NAME.tmp.XXXXXX, NAME
 * not empty and not hidden. Such a file may be what a killed run of an
 * older zothuis left, or a delivered file of that name: zothuis never
 * removes one; `fn` is called for each (to name it in a warning). A
 * missing `dir` is not an error. */
typedef void (*zt_legacy_tmp_fn)(void *ctx, const char *dir,
                                 const char *name);
zt_status zt_find_legacy_tmp(const char *dir, zt_legacy_tmp_fn fn,
                             void *ctx, zt_err *err);

#endif

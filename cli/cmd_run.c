/*
 * cli/cmd_run.c -- `zothuis run`: the unattended job for cron or a
 * systemd timer. Under the store lock it ingests the reference files and
 * every file in the inbox, moves ingested files to the archive and files
 * rejected whole to rejected/ (with a .reason file beside each), and
 * writes the reports of the configured periods. Nothing is moved before
 * the store has committed the file, so a crash or kill at any point
 * leaves every file either in the store and the archive, or in the inbox
 * to be picked up by the next run.
 *
 * The inbox is a boundary (etl/ingest.h): links are not followed, special
 * files not opened, an unreadable entry is reported and skipped. A file
 * is taken only when it is complete: unchanged for [input]
 * settle_seconds, or with a completion marker NAME.done beside it (which
 * is removed when the file is moved). A file that changed while it was
 * read, or after, is left in the inbox for the next run, and only the
 * file that was read is moved (a new file of the same name stays). An
 * inbox that cannot be changed keeps its files: each is an error line
 * (exit 2), the reports are still written.
 *
 * The names a move makes (NAME.1 when the archive holds another NAME
 * already, NAME.reason beside a rejected file) are kept within the
 * folder's limit on name length by shortening the stem (zt_fit_name). A
 * file for which no name can be made is left in the inbox with an error
 * line; the run goes on, writes the reports and ends with exit 2. A
 * NAME.reason that is a FIFO, a link, a device or a socket is never
 * written into: the rejected file takes the next free name. A file whose
 * bytes the archive holds under its name already is not archived twice.
 */
#define _GNU_SOURCE /* renameat2, RENAME_NOREPLACE */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/ingestrun.h"
#include "cli/options.h"
#include "cli/reporting.h"
#include "cli/steering.h"
#include "core/fileout.h"
#include "core/lock.h"
#include "core/log.h"
#include "core/str.h"
#include "etl/ingest.h"
#include "etl/source.h"

/* Does the open file `fd` hold exactly the bytes of the regular file
 * `path` (not followed if a link)? Compared in full, never by name. */
static bool same_bytes(int fd, const char *path) {
  char a[1 << 15], b[1 << 15];
  struct stat sa, sb;
  bool same = false;
  off_t at = 0;
  int other = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (other < 0)
    return false;
  if (fstat(fd, &sa) == 0 && fstat(other, &sb) == 0 && S_ISREG(sb.st_mode) &&
      sa.st_size == sb.st_size) {
    for (same = true; same && at < sa.st_size;) {
      ssize_t n = pread(fd, a, sizeof a, at);
      same = n > 0 && pread(other, b, (size_t)n, at) == n &&
             memcmp(a, b, (size_t)n) == 0;
      at += n > 0 ? n : 0;
    }
  }
  close(other);
  return same;
}

/* The first free name in `dir` for the file `base`: `base`, else
 * `base`.1, .2, ... up to .9999, each shortened (zt_fit_name) so that it
 * and `reserve` more bytes fit the folder's limit on name length. With
 * `beside` (".reason"), a name is free only while NAME`beside` is absent
 * or a regular file (a reason written by a run killed before it moved
 * its file: replaced) or a folder (which writing the reason refuses,
 * exit 4, as a full disk: rel22); a FIFO, a link, a device or a socket
 * there is never written into or through: the name counts as taken. With
 * `fd` >= 0 (the file read, open), a name that holds exactly its bytes
 * is returned with *same set: the file was archived already (by a copy
 * to another file system killed before it removed the inbox name).
 * Returns the path (caller frees) or NULL with err set: ZT_ERR_INPUT
 * when no name can be made for this file. */
static char *free_name(const char *path, const char *dir, const char *base,
                       size_t reserve, const char *beside, int fd,
                       bool *same, zt_err *err) {
  struct stat sb;
  if (same)
    *same = false;
  for (int i = 0; i < 10000; i++) {
    char suffix[16], *name, *dest;
    suffix[0] = '\0';
    if (i)
      snprintf(suffix, sizeof suffix, ".%d", i);
    if (zt_fit_name(dir, base, suffix, reserve, &name, err)) {
      zt_err_prefix(err, "cannot move %s to %s", path, dir);
      return NULL;
    }
    dest = g_build_filename(dir, name, NULL);
    free(name);
    /* ENAMETOOLONG here (a long folder path) fails the move below */
    if (lstat(dest, &sb) != 0) {
      char *b = beside ? g_strconcat(dest, beside, NULL) : NULL;
      bool taken = b && lstat(b, &sb) == 0 && !S_ISREG(sb.st_mode) &&
                   !S_ISDIR(sb.st_mode);
      g_free(b);
      if (!taken)
        return dest;
    } else if (fd >= 0 && same && S_ISREG(sb.st_mode) &&
               same_bytes(fd, dest)) {
      *same = true;
      return dest;
    }
    g_free(dest);
  }
  zt_fail(err, ZT_ERR_INPUT, "cannot move %s to %s: it holds a file of "
          "that name and .1 to .9999 too", path, dir);
  return NULL;
}

/* Is `sb` the file `id` names: the same device and inode and, with
 * `whole`, the same size, modification and status change time? */
static bool same_file(const struct stat *sb, const zt_file_id *id,
                      bool whole) {
  return S_ISREG(sb->st_mode) && (uint64_t)sb->st_dev == id->dev &&
         (uint64_t)sb->st_ino == id->ino &&
         (!whole ||
          ((uint64_t)sb->st_size == id->size &&
           (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec ==
               id->mtime_ns &&
           (int64_t)sb->st_ctim.tv_sec * 1000000000 + sb->st_ctim.tv_nsec ==
               id->ctime_ns));
}

/* Does the inbox refuse to let `path` go (errno `e` of a rename or
 * unlink): a folder that cannot be changed (a share mounted read-only,
 * no write permission for this user) or a sticky folder that keeps
 * another user's file? Then the file stays where it is: the file's
 * problem, not the output's. */
static bool inbox_refuses(const char *path, int e) {
  char *dir;
  bool ro;
  if (e == EPERM)
    return true;
  if (e != EACCES && e != EROFS)
    return false;
  dir = g_path_get_dirname(path);
  ro = access(dir, W_OK) != 0;
  g_free(dir);
  return ro;
}

#define LEFT_READ_ONLY \
  "the inbox folder cannot be changed (mounted read-only, or no write " \
  "permission for this user); the file is stored, and every run finds " \
  "it already stored and tries to move it again"

/* Move `path` (the file `id`, read and stored) to `dest` on another file
 * system: copy it from one descriptor with fsync, check that it did not
 * change meanwhile, and remove the inbox name only while it still is
 * this file (a sender may have put a new file of the same name there
 * while it was copied: that one stays, for the next run). ZT_ERR_INPUT
 * when the file stays in the inbox (it changed, or the inbox cannot be
 * changed), ZT_ERR_OUTPUT when the copy could not be written. */
static zt_status move_by_copy(const char *path, const zt_file_id *id,
                              const char *dest, zt_err *err) {
  char buf[1 << 16];
  struct stat sb, now;
  zt_fileout out;
  zt_status st;
  ssize_t n;
  int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0)
    return zt_fail(err, ZT_ERR_INPUT, "cannot read %s to move it: %s",
                   path, strerror(errno));
  if (fstat(fd, &sb) != 0 || !same_file(&sb, id, true)) {
    close(fd);
    return zt_fail(err, ZT_ERR_INPUT, "%s: changed after it was read",
                   path);
  }
  /* input files hold BSNs: the copy is never readable by others */
  st = zt_fileout_open(&out, dest, ZT_MODE_PRIVATE, err);
  if (st) {
    close(fd);
    return st;
  }
  while ((n = read(fd, buf, sizeof buf)) != 0) {
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0 || fwrite(buf, 1, (size_t)n, out.fp) != (size_t)n) {
      st = zt_fail(err, ZT_ERR_OUTPUT, "cannot copy %s to %s: %s", path,
                   dest, strerror(errno));
      zt_fileout_abort(&out);
      close(fd);
      return st;
    }
  }
  st = zt_fileout_commit(&out, err);
  /* what was copied is what was read: its bytes did not change (its
   * status change time may: a new file taking its name unlinks it) */
  if (!st && (fstat(fd, &now) != 0 || now.st_size != sb.st_size ||
              now.st_mtim.tv_sec != sb.st_mtim.tv_sec ||
              now.st_mtim.tv_nsec != sb.st_mtim.tv_nsec)) {
    unlink(dest);
    st = zt_fail(err, ZT_ERR_INPUT, "%s: changed while it was archived",
                 path);
  }
  close(fd);
  if (st)
    return st;
  if (lstat(path, &now) != 0 || now.st_dev != sb.st_dev ||
      now.st_ino != sb.st_ino) {
    /* the copy is the file read; the new one is not touched */
    zt_warn("run", "%s: another file took its name while it was "
            "archived; that file is left in the inbox for the next run",
            path);
    return ZT_OK;
  }
  if (unlink(path) != 0) {
    int e = errno;
    unlink(dest);                    /* one copy, not one per run */
    return zt_fail(err, inbox_refuses(path, e) ? ZT_ERR_INPUT
                                               : ZT_ERR_OUTPUT,
                   "cannot move %s: %s%s%s", path, strerror(e),
                   inbox_refuses(path, e) ? "; " : "",
                   inbox_refuses(path, e) ? LEFT_READ_ONLY : "");
  }
  return ZT_OK;
}

/* `dest` was just renamed from the inbox name `path`: is it the file
 * `id` that was read? Another file that took the inbox name between the
 * last check and the move was never read: it goes back to the inbox
 * (under its name, or a free name beside it). ZT_ERR_INPUT then. */
static zt_status check_moved(const char *path, const zt_file_id *id,
                             const char *dest, zt_err *err) {
  struct stat sb;
  char *back = NULL;
  if (lstat(dest, &sb) == 0 && same_file(&sb, id, false))
    return ZT_OK;
  if (renameat2(AT_FDCWD, dest, AT_FDCWD, path, RENAME_NOREPLACE) != 0) {
    char *dir = g_path_get_dirname(path), *base = g_path_get_basename(path);
    back = free_name(path, dir, base, 0, NULL, -1, NULL, NULL);
    if (back && renameat2(AT_FDCWD, dest, AT_FDCWD, back,
                          RENAME_NOREPLACE) != 0) {
      g_free(back);
      back = NULL;
    }
    g_free(dir);
    g_free(base);
    if (!back)
      return zt_fail(err, ZT_ERR_INPUT, "%s was replaced by another file "
                     "just before it was moved; that file, not read, is "
                     "now %s: move it back into the inbox", path, dest);
  }
  zt_fail(err, ZT_ERR_INPUT, "%s was replaced by another file just "
          "before it was moved; that file was not read and is put back%s%s "
          "for the next run", path, back ? " as " : "", back ? back : "");
  g_free(back);
  return ZT_ERR_INPUT;
}

/* `path`, the file `id` that was read, is in the archive as `dest`
 * already, byte for byte: remove its inbox name instead of archiving it
 * a second time as NAME.1, only while the name still is that file,
 * unchanged. ZT_ERR_INPUT when it stays in the inbox (it changed, the
 * inbox cannot be changed), ZT_ERR_OUTPUT for another failure. */
static zt_status drop_archived(const char *path, const zt_file_id *id,
                               const char *dest, zt_err *err) {
  struct stat now;
  if (lstat(path, &now) != 0 || !same_file(&now, id, false)) {
    zt_warn("run", "%s: another file took its name while it was "
            "archived; that file is left in the inbox for the next run",
            path);
    return ZT_OK;
  }
  if (!same_file(&now, id, true))
    return zt_fail(err, ZT_ERR_INPUT, "%s: changed while it was archived",
                   path);
  if (unlink(path) != 0) {
    int e = errno;
    return zt_fail(err, inbox_refuses(path, e) ? ZT_ERR_INPUT
                                               : ZT_ERR_OUTPUT,
                   "cannot move %s: %s%s%s", path, strerror(e),
                   inbox_refuses(path, e) ? "; " : "",
                   inbox_refuses(path, e) ? LEFT_READ_ONLY : "");
  }
  zt_info("run", "%s: already archived as %s (the same bytes): removed "
          "from the inbox", path, dest);
  return ZT_OK;
}

/* Move `path`, the file `id` that was read and stored, into `dir`
 * (created if needed) under its own name, adding .1, .2, ... when that
 * name is taken; a name that, with `reserve` bytes more (a ".reason"
 * beside it), is too long for the folder has its stem shortened
 * (zt_fit_name). With `reason` (not NULL), that text is written to
 * NEWNAME.reason before the file is moved, so a kill or a full disk never
 * leaves a rejected file without its reason (the file stays in the inbox
 * then, and the next run writes the reason again). Only the file read is
 * moved: one that took its name in the meantime stays in the inbox
 * (check_moved, move_by_copy). In the archive, a name that holds the
 * file's very bytes already (a move by copy killed before it removed
 * the inbox name) is its place: the inbox name is only removed
 * (drop_archived). Returns the new path (caller frees) or
 * NULL with err set: ZT_ERR_INPUT when the file stays in the inbox (no
 * name could be made for it, it changed, the inbox cannot be changed:
 * the caller goes on), ZT_ERR_OUTPUT when the folder refused it. */
static char *move_into(const char *path, const zt_file_id *id,
                       const char *dir, size_t reserve, const char *reason,
                       zt_err *err) {
  char *base, *dest, *rpath = NULL;
  bool same = false;
  int fd = -1;
  if (zt_mkdirs(dir, err))
    return NULL;
  base = g_path_get_basename(path);
  if (!reason) {                    /* the archive: archived already? */
    struct stat sb;
    fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd >= 0 && (fstat(fd, &sb) != 0 || !same_file(&sb, id, true))) {
      close(fd);
      fd = -1;
    }
  }
  dest = free_name(path, dir, base, reserve, reason ? ".reason" : NULL, fd,
                   &same, err);
  if (same) {
    if (drop_archived(path, id, dest, err)) {
      g_free(dest);
      dest = NULL;
    }
  }
  if (fd >= 0)
    close(fd);
  if (!dest || same) {
    g_free(base);
    return dest;
  }
  {
    const char *slash = strrchr(dest, '/');
    if (!g_str_has_prefix(slash ? slash + 1 : dest, base))
      zt_info("run", "%s: its name is too long for %s with what zothuis "
              "adds to it; stored there as %s", path, dir, dest);
  }
  g_free(base);
  if (reason) {
    rpath = g_strdup_printf("%s.reason", dest);
    if (zt_write_file_atomic(rpath, reason, strlen(reason), ZT_MODE_PRIVATE,
                             err)) {
      g_free(rpath);
      g_free(dest);
      return NULL;
    }
  }
  if (rename(path, dest) == 0) {
    if (check_moved(path, id, dest, err))
      goto fail;
  } else if (errno != EXDEV) {
    int e = errno;
    /* the name (with the folder's path) is too long, or the inbox
     * cannot be changed: this file's problem, not the folder's */
    bool here = e == ENAMETOOLONG || inbox_refuses(path, e);
    zt_fail(err, here ? ZT_ERR_INPUT : ZT_ERR_OUTPUT,
            "cannot move %s: %s (into %s)%s%s", path, strerror(e), dir,
            here && e != ENAMETOOLONG ? "; " : "",
            here && e != ENAMETOOLONG ? LEFT_READ_ONLY : "");
    goto fail;
  } else if (move_by_copy(path, id, dest, err)) {
    goto fail;                      /* another file system */
  }
  g_free(rpath);
  return dest;
fail:
  if (rpath)
    unlink(rpath);             /* no reason without its file */
  g_free(rpath);
  g_free(dest);
  return NULL;
}

/* Is `f` still the file that was read: the same file, size,
 * modification and status change time? (A writer may have gone on after
 * the reading.) */
static bool unchanged(const zt_ingest_file *f) {
  struct stat sb;
  return f->have_id && lstat(f->path, &sb) == 0 && S_ISREG(sb.st_mode) &&
         (uint64_t)sb.st_dev == f->id.dev &&
         (uint64_t)sb.st_ino == f->id.ino &&
         (uint64_t)sb.st_size == f->id.size &&
         (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec ==
             f->id.mtime_ns &&
         (int64_t)sb.st_ctim.tv_sec * 1000000000 + sb.st_ctim.tv_nsec ==
             f->id.ctime_ns;
}

/* Remove the completion marker of a file that was moved: also one that
 * did not count (older than the file, taken after the settle time),
 * which would otherwise stay in the inbox for ever. */
static void drop_marker(const zt_ingest_file *f) {
  struct stat sb;
  char *marker = g_strconcat(f->path, ".done", NULL);
  if (lstat(marker, &sb) == 0 && S_ISREG(sb.st_mode))
    unlink(marker);
  g_free(marker);
}

/* Remove the temporary files interrupted runs left in `dir`: hidden,
 * this user's, and older than the lock this run holds exclusively
 * (zt_remove_stale_tmp), so never a file another writer is making. */
static void clean_stale(const char *dir, int64_t locked) {
  int removed = 0;
  if (zt_remove_stale_tmp(dir, locked, &removed, NULL) == ZT_OK && removed)
    zt_info("run", "removed %d temporary file(s) of an interrupted run in "
            "%s", removed, dir);
}

/* Where a visible NAME.tmp.XXXXXX was found, which tells what else it
 * may be. */
enum { LEGACY_OUT, LEGACY_REJECTED, LEGACY_ARCHIVE };
typedef struct legacy_ctx {
  zt_store *store;
  int where;
} legacy_ctx;

/* Does the store hold a file of exactly the bytes of `path` (read
 * without following a link)? */
static bool content_stored(zt_store *store, const char *path) {
  zt_source *src = NULL;
  const char *hex;
  bool seen = false;
  if (zt_source_open_flags(&src, path, ZT_SRC_NOFOLLOW | ZT_SRC_LAZY,
                           NULL) == ZT_OK &&
      zt_source_fingerprint(src, &hex, NULL) == ZT_OK)
    zt_store_file_seen(store, hex, &seen, NULL);
  zt_source_close(src);
  return seen;
}

/* One file named like a temporary file of a zothuis before they were
 * hidden: a delivery of that name is passed over (in rejected/ it has
 * its NAME.reason beside it; in the archive the store holds its bytes);
 * anything else is named in a warning and never removed, since zothuis
 * cannot be sure it wrote it. */
static void legacy_one(void *ctx, const char *dir, const char *name) {
  const legacy_ctx *lc = ctx;
  char *path = g_build_filename(dir, name, NULL);
  bool delivery = false;
  if (lc->where == LEGACY_REJECTED) {
    struct stat sb;
    char *reason = g_strconcat(path, ".reason", NULL);
    delivery = lstat(reason, &sb) == 0 && S_ISREG(sb.st_mode);
    g_free(reason);
  } else if (lc->where == LEGACY_ARCHIVE) {
    delivery = content_stored(lc->store, path);
  }
  if (!delivery)
    zt_warn("run", "%s: named like the temporary files of zothuis before "
            "they were hidden (NAME.tmp.XXXXXX): probably what an "
            "interrupted run of an older version left; zothuis does not "
            "remove a file it cannot be sure it wrote: look at it and "
            "delete it by hand", path);
  g_free(path);
}

/* Name the leftovers of older versions in the folders a run writes: the
 * rejected folder, every month folder of the archive, [report] out and
 * the region's folder in it (that of `report`, a period written, or
 * NULL). */
static void legacy_tmp_warnings(const zt_config *cfg, zt_store *store,
                                const zt_period *report) {
  legacy_ctx lc = {store, LEGACY_REJECTED};
  GDir *d;
  const char *name;
  zt_find_legacy_tmp(cfg->rejected_dir, legacy_one, &lc, NULL);
  lc.where = LEGACY_ARCHIVE;
  d = g_dir_open(cfg->archive, 0, NULL);
  while (d && (name = g_dir_read_name(d))) {
    char *month = g_build_filename(cfg->archive, name, NULL);
    if (name[0] != '.' && !zt_is_symlink(month))
      zt_find_legacy_tmp(month, legacy_one, &lc, NULL);
    g_free(month);
  }
  if (d)
    g_dir_close(d);
  lc.where = LEGACY_OUT;
  zt_find_legacy_tmp(cfg->out_dir, legacy_one, &lc, NULL);
  if (report) {
    char *dir = zt_out_dir(cfg, report);
    char *region = g_path_get_dirname(dir);
    if (!zt_is_symlink(region))
      zt_find_legacy_tmp(region, legacy_one, &lc, NULL);
    g_free(region);
    g_free(dir);
  }
}

/* After move_into() failed: a file that stays in the inbox (ZT_ERR_INPUT:
 * no name could be made for it, it changed, the inbox cannot be changed)
 * is skipped with an error line that names it; *problem is set and the
 * run goes on (true). Any other failure is the output's: false. */
static bool not_moved(bool *problem, zt_err *err) {
  if (err->status != ZT_ERR_INPUT)
    return false;
  zt_error("ingest", "%s; skipped, left in the inbox", err->msg);
  zt_err_clear(err);
  *problem = true;
  return true;
}

/* Move one file of the inbox where it belongs, and log it. Returns false
 * (err set) when an output failed; sets *problem when the file had to be
 * left in the inbox (not_moved). */
static bool settle_file(const zt_config *cfg, const zt_ingest_file *f,
                        const char *archive, bool *problem, zt_err *err) {
  const zt_file_counts *c = &f->counts;
  char *dest = NULL;
  switch (f->status) {
  case ZT_FILE_INGESTED:
    zt_info("ingest", "%s: read %ld = accepted %ld + rejected %ld + "
            "duplicates %ld", f->path, c->read, c->accepted, c->rejected,
            c->duplicates);
    if (c->rejected)
      zt_warn("ingest", "%s: %ld lines rejected (see rejects.csv)", f->path,
              c->rejected);
    /* fall through */
  case ZT_FILE_ALREADY:
  case ZT_FILE_REJECTED:
    if (!unchanged(f)) {
      zt_warn("ingest", "%s: changed after it was read; left in the inbox "
              "for the next run (lines already stored count as "
              "duplicates then)", f->path);
      return true;
    }
    if (f->status != ZT_FILE_REJECTED) {
      /* the month folder is zothuis's own: never a link (the archive
       * folder itself may be one) */
      if (zt_is_symlink(archive)) {
        zt_fail(err, ZT_ERR_OUTPUT, "cannot move %s: %s is a symbolic "
                "link, which zothuis does not follow", f->path, archive);
        return false;
      }
      dest = move_into(f->path, &f->id, archive, 0, NULL, err);
      if (!dest)
        return not_moved(problem, err);
      drop_marker(f);
      break;
    }
    {
      char *msg = zt_mask_dup(f->message); /* a name may hold a BSN */
      char *reason = g_strdup_printf("%s\n%s\n",
                                     zt_reason_code(f->file_reason), msg);
      g_free(msg);
      /* room for the .reason beside it */
      dest = move_into(f->path, &f->id, cfg->rejected_dir,
                       strlen(".reason"), reason, err);
      g_free(reason);
      if (!dest)
        return not_moved(problem, err);
    }
    drop_marker(f);
    zt_warn("ingest", "%s: rejected whole (%s), moved to %s", f->path,
            zt_reason_code(f->file_reason), cfg->rejected_dir);
    break;
  case ZT_FILE_UNREADABLE:
    /* Left where it is: the next run tries again. */
    zt_error("ingest", "%s: cannot be read, skipped: %s", f->path,
             f->message);
    break;
  case ZT_FILE_SKIPPED:
    zt_warn("ingest", "skipped: %s", f->message);
    break;
  case ZT_FILE_UNSETTLED:
    if (f->clock_ahead)             /* may wait for ever: say so */
      zt_warn("ingest", "not complete yet: %s", f->message);
    else
      zt_info("ingest", "not complete yet: %s", f->message);
    break;
  }
  g_free(dest);
  return true;
}

/* Is `path` the canonical folder `in` or inside it? */
static bool inside_dir(const char *path, const char *in) {
  char *c = zt_path_canonical(path);
  size_t n = strlen(in);
  bool r = strncmp(c, in, n) == 0 && (c[n] == '/' || c[n] == '\0' || n == 1);
  g_free(c);
  return r;
}

/* A run reads the inbox and moves what it read: what the run itself
 * needs must not lie in it (a store moved away in the middle of a run,
 * a key quoted in a .reason file, an archive read again every night). */
static zt_status check_inbox(const zt_config *cfg, zt_err *err) {
  zt_own_path keep[ZT_OWN_PATHS_MAX];
  char *in = realpath(cfg->inbox, NULL);
  zt_status st = ZT_OK;
  size_t nkeep;
  if (!in)
    return ZT_OK;                   /* a missing inbox is reported later */
  nkeep = zt_own_paths(cfg, keep);
  for (size_t i = 0; !st && i < nkeep; i++)
    if (inside_dir(keep[i].path, in))
      st = zt_fail(err, ZT_ERR_USAGE,
                   "[input] inbox %s holds %s (%s): a run reads the inbox "
                   "and moves what it read, so keep the store, the key, "
                   "the configuration, the archive, rejected and report "
                   "folders, the log file and every configured input "
                   "file (reference, population, targets, measures, "
                   "budget, mapping, duiding) outside it",
                   cfg->inbox, keep[i].what, keep[i].path);
  zt_own_paths_free(keep, nkeep);
  free(in);
  return st;
}

/* May a refused run write its line to the log file, though the inbox
 * was refused? Only when the log file does not lie in the inbox (a
 * line appended there would change a file the inbox holds). */
static bool log_outside_inbox(const zt_config *cfg) {
  char *in = realpath(cfg->inbox, NULL);
  bool ok = !in || !inside_dir(cfg->log_file, in);
  free(in);
  return ok;
}

/* A run refused before it started, or stopped by `err` on the way: the
 * message on stderr as every command prints it, and (cron throws stderr
 * away) one error line with the exit code in the log file when one is
 * open. Returns the exit code. */
static int refused(const zt_err *err) {
  int rc = zt_report_error(err);
  zt_log_file_only(ZT_LOG_ERROR, "run", "refused: %s (exit %d)",
                   err->msg[0] ? err->msg : zt_status_name(err->status),
                   rc);
  return rc;
}

/* A run stopped by `err` after it started: one error line, on stderr
 * and in the log file, with the exit code. Returns the exit code. */
static int stopped(const char *subject, const char *what,
                   const zt_err *err) {
  int rc = zt_exit_code(err->status);
  zt_error(subject, "%s%s%s (exit %d)", what ? what : "", what ? ": " : "",
           err->msg[0] ? err->msg : zt_status_name(err->status), rc);
  return rc;
}

/* The reports `run` writes: [run] periods, or by default the last
 * complete half-year and the current year so far (peildatum today). */
typedef struct run_period {
  zt_period p;
  zt_day peil;
} run_period;

static zt_status run_periods(const zt_config *cfg, zt_day today,
                             run_period *out, size_t *n, zt_err *err) {
  int y, m, d;
  *n = 0;
  if (!cfg->periods || strcmp(cfg->periods, "auto") == 0) {
    zt_day_to_ymd(today, &y, &m, &d);
    out[0].p = m >= 7 ? zt_period_half(y, 1) : zt_period_half(y - 1, 2);
    out[0].peil = ZT_DAY_NONE;
    out[1].p = zt_period_year(y);
    out[1].peil = today;
    *n = 2;
    return ZT_OK;
  }
  {
    gchar **parts = g_strsplit(cfg->periods, ",", 16);
    zt_status st = ZT_OK;
    for (size_t i = 0; parts[i] && !st && *n < 16; i++) {
      const char *s = g_strstrip(parts[i]);
      if (!*s)
        continue;
      st = zt_period_parse(s, &out[*n].p, err);
      out[*n].peil = out[*n].p.end > today ? today : ZT_DAY_NONE;
      (*n)++;
    }
    g_strfreev(parts);
    if (st)
      return zt_err_prefix(err, "run.periods");
    /* no report at all, exit 0 and not a word: a mistake, never meant */
    if (!*n)
      return zt_fail(err, ZT_ERR_USAGE, "run.periods is empty; use auto "
                     "or a list (2023-H1,2023)");
    return ZT_OK;
  }
}

/* The archive's folder for this month: [input] archive/YYYY-MM. */
static char *archive_month(const zt_config *cfg) {
  char month[16];
  int y, m, d;
  zt_day_to_ymd(zt_today(), &y, &m, &d);
  snprintf(month, sizeof month, "%04d-%02d", y % 10000, m % 100);
  return g_build_filename(cfg->archive, month, NULL);
}

/* A folder zothuis makes and moves files into (the archive's month
 * folder): not a symbolic link, and makeable. */
static zt_status move_dir_check(const char *dir, zt_err *err) {
  if (zt_is_symlink(dir))
    return zt_fail(err, ZT_ERR_OUTPUT, "%s is a symbolic link, which "
                   "zothuis does not follow: remove it", dir);
  return zt_dirs_possible(dir, err);
}

/* Everything `run` can find wrong in its configuration and folders
 * before it touches anything: before the lock is taken, the store
 * opened, a file read or moved. A store that does not exist (only init
 * makes one), an archive or rejected folder that cannot be made or is a
 * link where zothuis does not follow one, and, with reports, the formats,
 * the report folders, templates and steering texts (zt_report_preflight).
 * The same checks are made again where they are used. */
static zt_status run_preflight(const zt_config *cfg, bool reports,
                               const run_period *periods, size_t n,
                               unsigned *formats, zt_err *err) {
  zt_period ps[16];
  char *month;
  zt_status st = ZT_OK;
  if (access(cfg->store_path, F_OK) != 0 && errno == ENOENT)
    return zt_fail(err, ZT_ERR_USAGE,
                   "store %s does not exist: create it with 'zothuis init' "
                   "(no other command creates a store, so that a store "
                   "moved aside or on a volume not mounted is never "
                   "replaced by an empty one)", cfg->store_path);
  month = archive_month(cfg);
  st = move_dir_check(month, err);
  g_free(month);
  if (!st)
    st = zt_dirs_possible(cfg->rejected_dir, err);
  if (st || !reports)
    return st;
  if (zt_outputs_parse(cfg->formats, formats, err))
    return ZT_ERR_USAGE;
  for (size_t i = 0; i < n && i < 16; i++)
    ps[i] = periods[i].p;
  return zt_report_preflight(cfg, ps, n < 16 ? n : 16, NULL, *formats, err);
}

int zt_cmd_run(const zt_globals *g, int argc, char **argv) {
  gboolean no_reports = FALSE;
  GOptionEntry entries[] = {
      {"no-reports", 0, 0, G_OPTION_ARG_NONE, &no_reports,
       "only ingest and archive; write no reports", NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  zt_config cfg;
  zt_refdata *rd = NULL;
  zt_pseudonymizer *ps = NULL;
  zt_store *store = NULL;
  zt_lock lock = {-1};
  zt_ingest_run ref = {0}, run = {0};
  zt_ingest_cli ic;
  run_period periods[16];
  size_t nperiods = 0;
  unsigned formats = 0;
  int64_t locked;
  zt_err err;
  bool created = false, problems = false, inbox_found = true;
  long not_out = 0, not_moved = 0;       /* files left in the inbox */
  int rc = ZT_EXIT_OK, move_rc = 0;

  zt_err_clear(&err);
  zt_config_defaults(&cfg);
  if (!zt_parse_options(&argc, &argv, "",
                        "Unattended run (cron): ingest [input] reference "
                        "files and the inbox, archive what was read, move "
                        "files rejected whole to [input] rejected with a "
                        ".reason file, and write the reports of [run] "
                        "periods.",
                        entries)) {
    rc = ZT_EXIT_USAGE;
    goto done;
  }
  zt_config_free(&cfg);
  /* a configuration that does not load cannot name its log file, and a
   * log file that is one of zothuis's own files is never opened: those
   * refusals go to stderr only */
  if (zt_cli_config(g, &cfg, &err) ||
      zt_check_output(&cfg, cfg.log_file, "[run] log_file", true, &err)) {
    rc = zt_report_error(&err);
    goto done;
  }
  if (check_inbox(&cfg, &err)) {
    zt_err lerr;
    if (cfg.log_file && log_outside_inbox(&cfg))
      zt_log_init(g->quiet, g->verbose, cfg.log_file, &lerr);
    rc = refused(&err);
    goto done;
  }
  if (cfg.log_file && zt_log_init(g->quiet, g->verbose, cfg.log_file, &err)) {
    rc = zt_report_error(&err);
    goto done;
  }
  if (zt_cli_members(&cfg, &err) ||
      run_periods(&cfg, zt_today(), periods, &nperiods, &err) ||
      zt_steering_check(&cfg, &err) ||
      zt_cli_refdata(&cfg, &rd, &err) ||
      run_preflight(&cfg, !no_reports, periods, nperiods, &formats,
                    &err)) {
    rc = refused(&err);
    goto done;
  }
  zt_info("run", "start: store %s, inbox %s", cfg.store_path, cfg.inbox);
  if (zt_lock_take(&lock, cfg.store_path, true, cfg.lock_wait_seconds,
                   &err)) {
    rc = stopped("run", NULL, &err);
    goto done;
  }
  locked = zt_file_clock_ns();
  /* the key first: a store is never upgraded for a key it refuses */
  if (zt_check_store_key(&cfg, &err) ||
      zt_store_open(&store, cfg.store_path, ZT_STORE_UPGRADE, &err) ||
      zt_store_check(store, &err) ||
      zt_open_store_key(&cfg, store, ZT_KEY_CREATE | ZT_KEY_RECORD, &ps,
                        &created, &err)) {
    rc = stopped("run", NULL, &err);
    goto done;
  }
  if (created)
    zt_warn("run", "created a new key file %s: keep a copy in a safe place",
            cfg.key_file);

  memset(&ic, 0, sizeof ic);
  ic.kind = ZT_KIND_AUTO;
  ic.progress = true;
  {
    const char *refs[3];
    size_t nrefs = 0;
    if (cfg.product_codes)
      refs[nrefs++] = cfg.product_codes;
    if (cfg.providers)
      refs[nrefs++] = cfg.providers;
    if (cfg.population)
      refs[nrefs++] = cfg.population;
    if (nrefs && zt_run_ingest(store, &cfg, rd, ps, refs, nrefs, &ic, &ref,
                               &err)) {
      rc = stopped("run", NULL, &err);
      goto done;
    }
    for (size_t i = 0; i < ref.nfiles; i++)
      if (ref.files[i].status != ZT_FILE_INGESTED &&
          ref.files[i].status != ZT_FILE_ALREADY)
        zt_warn("run", "reference file not read: %s", ref.files[i].message);
    problems = zt_ingest_run_has_rejects(&ref);
  }
  if (g_file_test(cfg.inbox, G_FILE_TEST_IS_DIR)) {
    const char *inbox[1] = {cfg.inbox};
    char *archive;
    ic.settle = true;
    if (zt_run_ingest(store, &cfg, rd, ps, inbox, 1, &ic, &run, &err)) {
      rc = stopped("run", NULL, &err);
      goto done;
    }
    /* zt_run_ingest committed: now every file is safe to move. */
    archive = archive_month(&cfg);
    clean_stale(cfg.rejected_dir, locked);
    clean_stale(archive, locked);
    /* A file that cannot be moved out (a full or read-only archive) is
     * stored and stays in the inbox, where the next run finds it
     * already stored: the store is complete, so the reports are still
     * written, and the exit code (4) says that an output failed. */
    for (size_t i = 0; i < run.nfiles; i++) {
      bool left = false;
      if (!settle_file(&cfg, &run.files[i], archive, &left, &err)) {
        zt_error("run", "%s; the file is stored and left in the inbox, "
                 "the next run moves it", err.msg);
        if (!move_rc)
          move_rc = zt_exit_code(err.status);
        zt_err_clear(&err);
        not_out++;
      }
      if (left) {
        problems = true;
        not_moved++;
      }
    }
    g_free(archive);
    problems = problems || zt_ingest_run_has_rejects(&run);
    zt_info("run", "inbox: %zu files; lines read %ld = accepted %ld + "
            "rejected %ld + duplicates %ld",
            run.nfiles, run.total.read, run.total.accepted,
            run.total.rejected, run.total.duplicates);
    if (run.total.earlier_rejected)
      zt_warn("run", "%ld credit(s) of earlier files that waited in "
              "quarantine name a credit of this run: rejected, listed with "
              "their own file", run.total.earlier_rejected);
    if (run.files_unsettled)
      zt_info("run", "%ld file(s) not complete yet, left for the next run",
              run.files_unsettled);
  } else {
    /* An unmounted share, a typo: cron must hear of it (exit 2) */
    zt_error("run", "inbox %s does not exist (not mounted?): nothing read; "
             "the reports are written from the store", cfg.inbox);
    inbox_found = false;
    problems = true;
  }

  legacy_tmp_warnings(&cfg, store,
                      nperiods && !no_reports ? &periods[0].p : NULL);
  if (!no_reports) {
    for (size_t i = 0; i < nperiods; i++) {
      char *dir = NULL;
      char name[8];
      zt_period_name(&periods[i].p, name);
      if (zt_write_period(&cfg, rd, store, &periods[i].p, periods[i].peil,
                          NULL, formats, locked, &dir, &err)) {
        rc = stopped("report", name, &err);
        goto done;
      }
      zt_info("report", "%s: written to %s", name, dir);
      g_free(dir);
    }
  }
  if (move_rc)
    rc = move_rc;
  else if (problems)
    rc = ZT_EXIT_INPUT;
  if (rc == ZT_EXIT_OK) {
    zt_info("run", "done (exit 0)");
  } else {
    /* a warning, so that --quiet (cron mail) and the log say why the
     * exit code is not 0, also when the lines that told were info */
    GString *why = g_string_new(NULL);
    if (not_out)
      g_string_append_printf(why, "%ld file(s) stored but not moved to "
                             "the archive or rejected folder (an output "
                             "failed; left in the inbox)", not_out);
    if (not_moved)
      g_string_append_printf(why, "%s%ld file(s) left in the inbox (see "
                             "the errors above)", why->len ? "; " : "",
                             not_moved);
    if (!inbox_found)
      g_string_append_printf(why, "%sinbox %s missing", why->len ? "; " : "",
                             cfg.inbox);
    zt_ingest_run_why(why, &ref);
    zt_ingest_run_why(why, &run);
    zt_warn("run", "done (exit %d): %s", rc,
            why->len ? why->str : "see the lines above");
    g_string_free(why, TRUE);
  }
done:
  zt_ingest_run_free(&ref);
  zt_ingest_run_free(&run);
  zt_store_close(store);
  zt_lock_release(&lock);
  zt_pseudo_close(ps);
  zt_refdata_free(rd);
  zt_config_free(&cfg);
  return rc;
}

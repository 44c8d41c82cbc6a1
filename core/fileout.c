/*
 * core/fileout.c -- atomic output files and output folders (see
 * fileout.h).
 */
#define _GNU_SOURCE /* renameat2, RENAME_EXCHANGE */
#include "core/fileout.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/str.h"

static char *dup_str(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  if (p)
    memcpy(p, s, n);
  return p;
}

mode_t zt_umask(void) {
  static int known = -1;
  if (known < 0) {
    /* Linux shows it in /proc without changing it (umask(2) can only
     * read by setting, which would race with other threads). */
    FILE *fp = fopen("/proc/self/status", "r");
    char line[256];
    while (fp && fgets(line, sizeof line, fp))
      if (strncmp(line, "Umask:", 6) == 0) {
        known = (int)strtol(line + 6, NULL, 8) & 0777;
        break;
      }
    if (fp)
      fclose(fp);
    if (known < 0) {
      mode_t m = umask(022);
      umask(m);
      known = (int)m & 0777;
    }
  }
  return (mode_t)known;
}

mode_t zt_file_mode(mode_t mode) {
  return mode & ~zt_umask() & 0777;
}

/* Length of the extensions at the end of `name` (`n` bytes): at most
 * two of a dot and 1 to 8 ASCII letters or digits (".csv", ".xml.gz");
 * at least one byte of stem stays before them. */
static size_t ext_len(const char *name, size_t n) {
  size_t e = n;
  for (int k = 0; k < 2; k++) {
    size_t i = e;
    while (i > 0 && e - i < 8 &&
           ((name[i - 1] >= '0' && name[i - 1] <= '9') ||
            (name[i - 1] >= 'a' && name[i - 1] <= 'z') ||
            (name[i - 1] >= 'A' && name[i - 1] <= 'Z')))
      i--;
    if (i == e || i < 2 || name[i - 1] != '.')
      break;
    e = i - 1;
  }
  return n - e;
}

zt_status zt_fit_name(const char *dir, const char *name, const char *suffix,
                      size_t reserve, char **out, zt_err *err) {
  long lim = pathconf(dir, _PC_NAME_MAX);
  size_t max = lim > 0 && lim < NAME_MAX ? (size_t)lim : NAME_MAX;
  size_t n = strlen(name), s = strlen(suffix), x = ext_len(name, n);
  size_t keep = n - x;
  *out = NULL;
  if (n + s + reserve > max) {
    if (x + s + reserve >= max)
      return zt_fail(err, ZT_ERR_INPUT,
                     "no name of at most %zu bytes can be made from %s",
                     max, name);
    keep = max - x - s - reserve;
    /* never inside a UTF-8 character: back off from continuation bytes
     * (at most three, the most a character has) */
    for (int b = 0; b < 3 && keep > 0 &&
                    ((unsigned char)name[keep] & 0xC0) == 0x80;
         b++)
      keep--;
    if (keep == 0)
      return zt_fail(err, ZT_ERR_INPUT,
                     "no name of at most %zu bytes can be made from %s",
                     max, name);
  }
  *out = malloc(keep + x + s + 1);
  if (!*out)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  memcpy(*out, name, keep);
  memcpy(*out + keep, name + n - x, x);
  memcpy(*out + keep + x, suffix, s + 1);
  return ZT_OK;
}

/* The temporary name for `path`: dirname/.basename.tmp.XXXXXX, its stem
 * shortened when that name would be too long for its folder. Hidden, so
 * that it cannot be the name of a delivered file (a run never takes a
 * hidden name from the inbox): zt_remove_stale_tmp() removes only
 * hidden names, also in the archive and rejected folders. */
static zt_status tmp_name(const char *path, char **tmp, zt_err *err) {
  const char *slash = strrchr(path, '/');
  size_t dn = slash ? (size_t)(slash - path) + 1 : 0;
  char *dir = dn ? strndup(path, dn) : dup_str(".");
  char *name = NULL;
  zt_status st;
  *tmp = NULL;
  if (!dir)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  st = zt_fit_name(dir, path + dn, ".tmp.XXXXXX", 1, &name, err);
  free(dir);
  if (st == ZT_ERR_INPUT)           /* a name we write: an output error */
    return zt_fail(err, ZT_ERR_OUTPUT, "cannot write %s: no temporary "
                   "name fits beside it", path);
  if (st)
    return st;
  *tmp = malloc(dn + 1 + strlen(name) + 1);
  if (!*tmp) {
    free(name);
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  }
  memcpy(*tmp, path, dn);
  (*tmp)[dn] = '.';
  memcpy(*tmp + dn + 1, name, strlen(name) + 1);
  free(name);
  return ZT_OK;
}

/* A target that exists and is not a regular file: write to it directly
 * (FIFO, character device) or refuse. Returns ZT_OK with out->fp set, or
 * an error; *handled is false when `path` is a regular file or absent. */
static zt_status open_special(zt_fileout *out, const char *path,
                              bool *handled, zt_err *err) {
  struct stat sb;
  int fd, flags;
  *handled = false;
  if (stat(path, &sb) != 0 || S_ISREG(sb.st_mode))
    return ZT_OK;
  *handled = true;
  if (S_ISDIR(sb.st_mode))
    return zt_fail(err, ZT_ERR_OUTPUT, "cannot write %s: it is a folder",
                   path);
  if (!S_ISFIFO(sb.st_mode) && !S_ISCHR(sb.st_mode))
    return zt_fail(err, ZT_ERR_OUTPUT,
                   "cannot write %s: a special file that is not a FIFO or "
                   "character device; zothuis will not write to it", path);
  /* A FIFO without a reader: ENXIO at once instead of waiting forever. */
  fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC |
                      (S_ISFIFO(sb.st_mode) ? O_NONBLOCK : 0));
  if (fd < 0)
    return zt_fail(err, ZT_ERR_OUTPUT, "cannot write %s: %s", path,
                   errno == ENXIO ? "no process is reading this FIFO"
                                  : strerror(errno));
  flags = fcntl(fd, F_GETFL);
  if (flags >= 0)
    fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  out->fp = fdopen(fd, "wb");
  if (!out->fp) {
    close(fd);
    return zt_fail(err, ZT_ERR_OUTPUT, "cannot write %s: %s", path,
                   strerror(errno));
  }
  out->direct = true;
  return ZT_OK;
}

zt_status zt_fileout_open(zt_fileout *out, const char *path, mode_t mode,
                          zt_err *err) {
  bool special;
  zt_status st;
  int fd;

  memset(out, 0, sizeof *out);
  out->path = dup_str(path);
  if (!out->path) {
    zt_fileout_abort(out);
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  }
  st = open_special(out, path, &special, err);
  if (st || special) {
    if (st)
      zt_fileout_abort(out);
    return st;
  }
  st = tmp_name(path, &out->tmp, err);
  if (st) {
    zt_fileout_abort(out);
    return st;
  }
  fd = mkstemp(out->tmp);
  if (fd < 0) {
    st = zt_fail(err, ZT_ERR_OUTPUT, "cannot create %s: %s", out->tmp,
                 strerror(errno));
    free(out->tmp);
    out->tmp = NULL;
    zt_fileout_abort(out);
    return st;
  }
  if (fchmod(fd, zt_file_mode(mode)) != 0 || !(out->fp = fdopen(fd, "wb"))) {
    st = zt_fail(err, ZT_ERR_OUTPUT, "cannot prepare %s: %s", out->tmp,
                 strerror(errno));
    close(fd);
    zt_fileout_abort(out);
    return st;
  }
  return ZT_OK;
}

zt_status zt_fileout_commit(zt_fileout *out, zt_err *err) {
  zt_status st = ZT_OK;
  int e = 0;
  if (!out->fp)
    return zt_fail(err, ZT_ERR_INTERNAL, "commit of an unopened output");
  if (ferror(out->fp) || fflush(out->fp) != 0 ||
      (!out->direct && fsync(fileno(out->fp)) != 0))
    e = errno ? errno : EIO;
  if (fclose(out->fp) != 0 && !e)
    e = errno;
  out->fp = NULL;
  if (!e && !out->direct && rename(out->tmp, out->path) != 0)
    e = errno;
  if (e) {
    st = zt_fail(err, ZT_ERR_OUTPUT, "cannot write %s: %s", out->path,
                 strerror(e));
    if (out->tmp)
      unlink(out->tmp);
  }
  free(out->tmp);
  free(out->path);
  out->tmp = out->path = NULL;
  return st;
}

void zt_fileout_abort(zt_fileout *out) {
  if (out->fp)
    fclose(out->fp);
  if (out->tmp)
    unlink(out->tmp);
  free(out->tmp);
  free(out->path);
  memset(out, 0, sizeof *out);
}

zt_status zt_write_file_atomic(const char *path, const void *data, size_t n,
                               mode_t mode, zt_err *err) {
  zt_fileout out;
  zt_status st = zt_fileout_open(&out, path, mode, err);
  if (st)
    return st;
  if (n && fwrite(data, 1, n, out.fp) != n) {
    st = zt_fail(err, ZT_ERR_OUTPUT, "cannot write %s: %s", path,
                 strerror(errno));
    zt_fileout_abort(&out);
    return st;
  }
  return zt_fileout_commit(&out, err);
}

zt_status zt_mkdirs(const char *path, zt_err *err) {
  char buf[4096];
  size_t n = zt_strlcpy(buf, path, sizeof buf);
  if (n >= sizeof buf)
    return zt_fail(err, ZT_ERR_USAGE, "path too long: %s", path);
  for (char *p = buf + 1; *p; p++) {
    if (*p != '/')
      continue;
    *p = '\0';
    if (mkdir(buf, 0777) != 0 && errno != EEXIST)
      return zt_fail(err, ZT_ERR_OUTPUT, "cannot create directory %s: %s",
                     buf, strerror(errno));
    *p = '/';
  }
  if (mkdir(buf, 0777) != 0 && errno != EEXIST)
    return zt_fail(err, ZT_ERR_OUTPUT, "cannot create directory %s: %s", buf,
                   strerror(errno));
  return ZT_OK;
}

zt_status zt_dirs_possible(const char *path, zt_err *err) {
  char buf[4096];
  size_t n = zt_strlcpy(buf, path, sizeof buf);
  if (n >= sizeof buf)
    return zt_fail(err, ZT_ERR_USAGE, "path too long: %s", path);
  while (n > 1 && buf[n - 1] == '/')
    buf[--n] = '\0';
  for (;;) {
    struct stat sb;
    char *slash;
    if (stat(buf, &sb) == 0) {
      if (S_ISDIR(sb.st_mode))
        return ZT_OK;
      return zt_fail(err, ZT_ERR_OUTPUT, "cannot create directory %s: %s "
                     "is not a folder", path, buf);
    }
    if (errno != ENOENT && errno != ENOTDIR)
      return zt_fail(err, ZT_ERR_OUTPUT, "cannot create directory %s: %s: "
                     "%s", path, buf, strerror(errno));
    /* missing: what matters is the nearest part that exists */
    slash = strrchr(buf, '/');
    while (slash && slash > buf && slash[-1] == '/')
      slash--;
    if (!slash)
      return ZT_OK;                 /* in the current folder */
    if (slash == buf)
      slash[1] = '\0';             /* "/" */
    else
      *slash = '\0';
  }
}

bool zt_is_symlink(const char *path) {
  struct stat sb;
  return lstat(path, &sb) == 0 && S_ISLNK(sb.st_mode);
}

/* dirname and basename of `path` into fresh strings (no trailing '/'). */
static zt_status split_path(const char *path, char **dir, char **base,
                            zt_err *err) {
  size_t n = strlen(path);
  const char *slash;
  while (n > 1 && path[n - 1] == '/')
    n--;
  slash = NULL;
  for (size_t i = 0; i < n; i++)
    if (path[i] == '/')
      slash = path + i;
  *dir = slash ? malloc((size_t)(slash - path) + 2) : dup_str(".");
  *base = malloc(n + 1);
  if (!*dir || !*base) {
    free(*dir);
    free(*base);
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  }
  if (slash) {
    size_t k = slash == path ? 1 : (size_t)(slash - path);
    memcpy(*dir, path, k);
    (*dir)[k] = '\0';
    memcpy(*base, slash + 1, (size_t)(path + n - slash - 1));
    (*base)[path + n - slash - 1] = '\0';
  } else {
    memcpy(*base, path, n);
    (*base)[n] = '\0';
  }
  return ZT_OK;
}

zt_status zt_fileout_check(const char *path, zt_err *err) {
  struct stat sb;
  zt_status st;
  char *dir, *base;
  if (stat(path, &sb) == 0) {
    if (S_ISDIR(sb.st_mode))
      return zt_fail(err, ZT_ERR_OUTPUT, "cannot write %s: it is a folder",
                     path);
    if (!S_ISREG(sb.st_mode) && !S_ISFIFO(sb.st_mode) &&
        !S_ISCHR(sb.st_mode))
      return zt_fail(err, ZT_ERR_OUTPUT,
                     "cannot write %s: a special file that is not a FIFO or "
                     "character device; zothuis will not write to it", path);
    if (!S_ISREG(sb.st_mode))
      return ZT_OK;                 /* written in place */
  }
  st = split_path(path, &dir, &base, err);
  if (st)
    return st;
  st = zt_dirs_possible(dir, err);
  free(dir);
  free(base);
  return st;
}

zt_status zt_tmpdir_for(const char *dest, char **tmpdir, zt_err *err) {
  char *dir, *base;
  size_t n;
  zt_status st = split_path(dest, &dir, &base, err);
  *tmpdir = NULL;
  if (st)
    return st;
  n = strlen(dir) + strlen(base) + sizeof "/..tmp.XXXXXX";
  *tmpdir = malloc(n);
  if (!*tmpdir) {
    st = zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  } else {
    snprintf(*tmpdir, n, "%s/.%s.tmp.XXXXXX", dir, base);
    if (!mkdtemp(*tmpdir)) {
      st = zt_fail(err, ZT_ERR_OUTPUT, "cannot create a folder in %s: %s",
                   dir, strerror(errno));
      free(*tmpdir);
      *tmpdir = NULL;
    } else {
      chmod(*tmpdir, zt_file_mode(0777));
    }
  }
  free(dir);
  free(base);
  return st;
}

static void sync_dir(const char *path) {
  char *dir, *base;
  int fd;
  if (split_path(path, &dir, &base, NULL))
    return;
  fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    fsync(fd);
    close(fd);
  }
  free(dir);
  free(base);
}

zt_status zt_dir_replace(const char *tmpdir, const char *dest, zt_err *err) {
  struct stat sb;
  zt_status st = ZT_OK;
  char *old = NULL;
  if (lstat(dest, &sb) != 0) {
    if (errno != ENOENT || rename(tmpdir, dest) != 0)
      st = zt_fail(err, ZT_ERR_OUTPUT, "cannot put %s in place: %s", dest,
                   strerror(errno));
    goto out;
  }
  if (!S_ISDIR(sb.st_mode)) {
    st = zt_fail(err, ZT_ERR_OUTPUT,
                 "%s is %s, not a folder: zothuis does not write through "
                 "it; remove it or choose another [report] out", dest,
                 S_ISLNK(sb.st_mode) ? "a symbolic link" : "a file");
    goto out;
  }
  if (renameat2(AT_FDCWD, tmpdir, AT_FDCWD, dest, RENAME_EXCHANGE) == 0) {
    /* tmpdir now holds the previous version */
    sync_dir(dest);
    zt_remove_tree(tmpdir, NULL);
    return ZT_OK;
  }
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
    st = zt_fail(err, ZT_ERR_OUTPUT, "cannot put %s in place: %s", dest,
                 strerror(errno));
    goto out;
  }
  /* No atomic exchange here: move the old folder aside first. */
  {
    size_t n = strlen(tmpdir) + 1;
    char *p;
    old = malloc(n);
    if (!old) {
      st = zt_fail(err, ZT_ERR_NOMEM, "out of memory");
      goto out;
    }
    memcpy(old, tmpdir, n);
    /* .NAME.tmp.XXXXXX -> .NAME.old.XXXXXX: the same unique suffix */
    p = n > 12 ? old + n - 1 - 11 : NULL;
    if (p && memcmp(p, ".tmp.", 5) == 0)
      memcpy(p, ".old.", 5);
    if (rename(dest, old) != 0 || rename(tmpdir, dest) != 0) {
      st = zt_fail(err, ZT_ERR_OUTPUT, "cannot put %s in place: %s", dest,
                   strerror(errno));
      if (lstat(dest, &sb) != 0)
        rename(old, dest);          /* put the previous version back */
      goto out;
    }
    sync_dir(dest);
    zt_remove_tree(old, NULL);
  }
out:
  if (st)
    zt_remove_tree(tmpdir, NULL);
  free(old);
  return st;
}

/* Remove everything in the folder open as `fd` (closed here). */
static zt_status empty_dir(int fd, const char *path, int depth, zt_err *err) {
  DIR *d;
  struct dirent *e;
  zt_status st = ZT_OK;
  if (depth > 64) {
    close(fd);
    return zt_fail(err, ZT_ERR_OUTPUT, "%s: folders nested too deep", path);
  }
  d = fdopendir(fd);
  if (!d) {
    close(fd);
    return zt_fail(err, ZT_ERR_OUTPUT, "cannot read %s: %s", path,
                   strerror(errno));
  }
  while (!st && (e = readdir(d))) {
    struct stat sb;
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
      continue;
    if (fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0)
      continue;
    if (S_ISDIR(sb.st_mode)) {
      int sub = openat(dirfd(d), e->d_name,
                       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub >= 0)
        st = empty_dir(sub, path, depth + 1, err);
      if (!st && unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR) != 0)
        st = zt_fail(err, ZT_ERR_OUTPUT, "cannot remove a folder in %s: %s",
                     path, strerror(errno));
    } else if (unlinkat(dirfd(d), e->d_name, 0) != 0) {
      st = zt_fail(err, ZT_ERR_OUTPUT, "cannot remove a file in %s: %s",
                   path, strerror(errno));
    }
  }
  closedir(d);
  return st;
}

zt_status zt_remove_tree(const char *path, zt_err *err) {
  struct stat sb;
  int fd;
  zt_status st;
  if (lstat(path, &sb) != 0)
    return errno == ENOENT
               ? ZT_OK
               : zt_fail(err, ZT_ERR_OUTPUT, "cannot remove %s: %s", path,
                         strerror(errno));
  if (!S_ISDIR(sb.st_mode)) {
    if (unlink(path) != 0)
      return zt_fail(err, ZT_ERR_OUTPUT, "cannot remove %s: %s", path,
                     strerror(errno));
    return ZT_OK;
  }
  fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return zt_fail(err, ZT_ERR_OUTPUT, "cannot remove %s: %s", path,
                   strerror(errno));
  st = empty_dir(fd, path, 0, err);
  if (!st && rmdir(path) != 0)
    st = zt_fail(err, ZT_ERR_OUTPUT, "cannot remove %s: %s", path,
                 strerror(errno));
  return st;
}

/* Is `name` exactly [.]NAME.<tag>.XXXXXX: a stem of at least one byte
 * that does not start with a dot, then ".<tag>." and six letters or
 * digits (as mkstemp and mkdtemp make them)? `hidden`: with the leading
 * dot of zothuis's own temporary names, else without one (the visible
 * names of zothuis before they were hidden). */
static bool tmp_name_like(const char *name, const char *tag, bool hidden) {
  size_t n = strlen(name), t = strlen(tag);
  size_t lead = hidden ? 1 : 0;
  const char *s;
  if (hidden != (name[0] == '.'))
    return false;
  if (n < lead + 1 + 1 + t + 1 + 6 || name[lead] == '.')
    return false;
  s = name + n - 6 - t - 2;
  if (s[0] != '.' || memcmp(s + 1, tag, t) != 0 || s[1 + t] != '.')
    return false;
  for (const char *c = name + n - 6; *c; c++)
    if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') ||
          (*c >= 'A' && *c <= 'Z')))
      return false;
  return true;
}

int64_t zt_file_clock_ns(void) {
  struct timespec ts;
  /* file times are stamped from the coarse clock: a file written after
   * this reading is never stamped before it */
  if (clock_gettime(CLOCK_REALTIME_COARSE, &ts) != 0)
    clock_gettime(CLOCK_REALTIME, &ts);
  return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Open folder `dir` for reading: *d NULL (and ZT_OK) when there is no
 * such folder. */
static zt_status open_dir(const char *dir, DIR **d, zt_err *err) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  *d = NULL;
  if (fd < 0)
    return errno == ENOENT || errno == ENOTDIR
               ? ZT_OK
               : zt_fail(err, ZT_ERR_OUTPUT, "cannot read %s: %s", dir,
                         strerror(errno));
  *d = fdopendir(fd);
  if (!*d) {
    close(fd);
    return zt_fail(err, ZT_ERR_OUTPUT, "cannot read %s: %s", dir,
                   strerror(errno));
  }
  return ZT_OK;
}

zt_status zt_remove_stale_tmp(const char *dir, int64_t before_ns,
                              int *removed, zt_err *err) {
  DIR *d;
  struct dirent *e;
  uid_t me = geteuid();
  zt_status st;
  if (removed)
    *removed = 0;
  st = open_dir(dir, &d, err);
  if (st || !d)
    return st;
  while (!st && (e = readdir(d))) {
    struct stat sb;
    bool file_tmp, dir_tmp;
    /* only hidden names: NAME.tmp.XXXXXX may be a delivered file in the
     * archive or rejected folder */
    file_tmp = tmp_name_like(e->d_name, "tmp", true);
    dir_tmp = file_tmp || tmp_name_like(e->d_name, "old", true);
    if (!file_tmp && !dir_tmp)
      continue;
    /* only what this user made, and last changed before `before_ns` (for
     * `run`: before it took the lock, so not another writer's file in
     * the making); never through a link */
    if (fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
        sb.st_uid != me ||
        (int64_t)sb.st_mtim.tv_sec * 1000000000 + sb.st_mtim.tv_nsec >=
            before_ns)
      continue;
    if (S_ISREG(sb.st_mode) && file_tmp) {
      if (unlinkat(dirfd(d), e->d_name, 0) == 0 && removed)
        (*removed)++;
    } else if (S_ISDIR(sb.st_mode) && dir_tmp) {
      int sub = openat(dirfd(d), e->d_name,
                       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub >= 0)
        st = empty_dir(sub, dir, 0, err);
      if (!st && unlinkat(dirfd(d), e->d_name, AT_REMOVEDIR) == 0 &&
          removed)
        (*removed)++;
    }
  }
  closedir(d);
  return st;
}

zt_status zt_find_legacy_tmp(const char *dir, zt_legacy_tmp_fn fn,
                             void *ctx, zt_err *err) {
  DIR *d;
  struct dirent *e;
  zt_status st = open_dir(dir, &d, err);
  if (st || !d)
    return st;
  while ((e = readdir(d))) {
    struct stat sb;
    if (!tmp_name_like(e->d_name, "tmp", false) ||
        fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
        !S_ISREG(sb.st_mode))
      continue;
    fn(ctx, dir, e->d_name);
  }
  closedir(d);
  return ZT_OK;
}

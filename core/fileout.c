/*
 * core/fileout.c -- atomic output files (see fileout.h).
 */
#include "core/fileout.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/str.h"

static char *dup_str(const char *s) {
  size_t n = strlen(s) + 1;
  char *p = malloc(n);
  if (p)
    memcpy(p, s, n);
  return p;
}

zt_status zt_fileout_open(zt_fileout *out, const char *path, mode_t mode,
                          zt_err *err) {
  size_t n = strlen(path) + sizeof ".tmp.XXXXXX";
  int fd;

  memset(out, 0, sizeof *out);
  out->path = dup_str(path);
  out->tmp = malloc(n);
  if (!out->path || !out->tmp) {
    zt_fileout_abort(out);
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  }
  snprintf(out->tmp, n, "%s.tmp.XXXXXX", path);
  fd = mkstemp(out->tmp);
  if (fd < 0) {
    zt_status st = zt_fail(err, ZT_ERR_OUTPUT, "cannot create %s: %s",
                           out->tmp, strerror(errno));
    free(out->tmp);
    out->tmp = NULL;
    zt_fileout_abort(out);
    return st;
  }
  if (fchmod(fd, mode) != 0 || !(out->fp = fdopen(fd, "wb"))) {
    zt_status st = zt_fail(err, ZT_ERR_OUTPUT, "cannot prepare %s: %s",
                           out->tmp, strerror(errno));
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
  if (ferror(out->fp) || fflush(out->fp) != 0 || fsync(fileno(out->fp)) != 0)
    e = errno ? errno : EIO;
  if (fclose(out->fp) != 0 && !e)
    e = errno;
  out->fp = NULL;
  if (!e && rename(out->tmp, out->path) != 0)
    e = errno;
  if (e) {
    st = zt_fail(err, ZT_ERR_OUTPUT, "cannot write %s: %s", out->path,
                 strerror(e));
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
    if (mkdir(buf, 0755) != 0 && errno != EEXIST)
      return zt_fail(err, ZT_ERR_OUTPUT, "cannot create directory %s: %s",
                     buf, strerror(errno));
    *p = '/';
  }
  if (mkdir(buf, 0755) != 0 && errno != EEXIST)
    return zt_fail(err, ZT_ERR_OUTPUT, "cannot create directory %s: %s", buf,
                   strerror(errno));
  return ZT_OK;
}

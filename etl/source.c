/*
 * etl/source.c -- plain or gzip input as a stream of chunks (see source.h).
 *
 * Two buffers: `raw` holds bytes read from the file (hashed as they are
 * read), `out` holds content (the raw bytes themselves for a plain file, or
 * what zlib inflated). peek() keeps unconsumed content at the front of
 * `out`; next() hands out what is buffered and refills.
 */
#include "etl/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "core/hash.h"

struct zt_source {
  int fd;
  char *path;
  bool started;        /* buffers allocated and the first bytes read */
  bool gzip;
  bool raw_eof;        /* the file has been read to its end */
  bool content_eof;    /* no more content will come */
  z_stream z;
  bool z_ready;
  zt_fingerprint fp;
  char hex[33];
  unsigned char *raw;  /* raw bytes not yet inflated: raw[raw_pos..raw_len) */
  size_t raw_pos, raw_len;
  char *out;           /* content: out[out_pos..out_len) not yet handed out */
  size_t out_pos, out_len;
  uint64_t raw_total, content_total;
  uint64_t trailing;   /* bytes after the last gzip member, ignored */
  struct stat st0;     /* the file as it was opened */
};

static zt_status read_raw(zt_source *s, zt_err *err) {
  ssize_t n;
  if (s->raw_pos < s->raw_len || s->raw_eof)
    return ZT_OK;
  do {
    n = read(s->fd, s->raw, ZT_SOURCE_CHUNK);
  } while (n < 0 && errno == EINTR);
  if (n < 0)
    return zt_fail(err, ZT_ERR_INPUT, "%s: read error: %s", s->path,
                   strerror(errno));
  s->raw_pos = 0;
  s->raw_len = (size_t)n;
  if (n == 0)
    s->raw_eof = true;
  else {
    zt_fp_update(&s->fp, s->raw, (size_t)n);
    s->raw_total += (uint64_t)n;
  }
  return ZT_OK;
}

/* The buffers, the first read and what it tells: plain or gzip. */
static zt_status start(zt_source *s, zt_err *err) {
  zt_status st;
  if (s->started)
    return ZT_OK;
  s->raw = malloc(ZT_SOURCE_CHUNK);
  s->out = malloc(ZT_SOURCE_CHUNK);
  if (!s->raw || !s->out)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  s->started = true;
  st = read_raw(s, err);
  if (st)
    return st;
  s->gzip = s->raw_len >= 2 && s->raw[0] == 0x1f && s->raw[1] == 0x8b;
  if (s->gzip) {
    /* 15 + 16: a gzip wrapper only, maximum window. */
    if (inflateInit2(&s->z, 15 + 16) != Z_OK)
      return zt_fail(err, ZT_ERR_NOMEM, "%s: cannot start gzip", s->path);
    s->z_ready = true;
  }
  return ZT_OK;
}

zt_status zt_source_open(zt_source **out, const char *path, zt_err *err) {
  return zt_source_open_flags(out, path, 0, err);
}

zt_status zt_source_open_flags(zt_source **out, const char *path,
                               unsigned flags, zt_err *err) {
  zt_source *s = calloc(1, sizeof *s);
  zt_status st;
  *out = NULL;
  if (!s)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  s->fd = -1;
  s->path = strdup(path);
  zt_fp_init(&s->fp);
  if (!s->path) {
    zt_source_close(s);
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  }
  /* O_NONBLOCK: a FIFO must not hang the run (it is refused below). */
  s->fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK |
                         ((flags & ZT_SRC_NOFOLLOW) ? O_NOFOLLOW : 0));
  if (s->fd < 0) {
    st = zt_fail(err, ZT_ERR_IO, "%s: cannot open: %s", path,
                 errno == ELOOP ? "it is a symbolic link, not followed"
                                : strerror(errno));
    zt_source_close(s);
    return st;
  }
  if (fstat(s->fd, &s->st0) != 0 || !S_ISREG(s->st0.st_mode)) {
    st = zt_fail(err, ZT_ERR_IO, "%s: not a regular file", path);
    zt_source_close(s);
    return st;
  }
  /* O_NONBLOCK stays: it changes nothing for a regular file. */
  st = (flags & ZT_SRC_LAZY) ? ZT_OK : start(s, err);
  if (st) {
    zt_source_close(s);
    return st;
  }
  *out = s;
  return ZT_OK;
}

void zt_source_close(zt_source *s) {
  if (!s)
    return;
  if (s->z_ready)
    inflateEnd(&s->z);
  if (s->fd >= 0)
    close(s->fd);
  free(s->raw);
  free(s->out);
  free(s->path);
  free(s);
}

/* Append more content after out_len (the buffer must have room). */
static zt_status fill(zt_source *s, zt_err *err) {
  zt_status st;
  if (s->content_eof)
    return ZT_OK;
  while (s->out_len < ZT_SOURCE_CHUNK) {
    st = read_raw(s, err);
    if (st)
      return st;
    if (!s->gzip) {
      size_t k = s->raw_len - s->raw_pos;
      size_t room = ZT_SOURCE_CHUNK - s->out_len;
      if (s->raw_eof) {
        s->content_eof = true;
        return ZT_OK;
      }
      if (k > room)
        k = room;
      memcpy(s->out + s->out_len, s->raw + s->raw_pos, k);
      s->raw_pos += k;
      s->out_len += k;
      s->content_total += k;
      return ZT_OK;
    }
    if (s->raw_pos == s->raw_len && s->raw_eof) {
      /* Input ended: fine between members, broken inside one. */
      if (s->z.total_in != 0)
        return zt_fail(err, ZT_ERR_INPUT, "%s: gzip stream ends early",
                       s->path);
      s->content_eof = true;
      return ZT_OK;
    }
    s->z.next_in = s->raw + s->raw_pos;
    s->z.avail_in = (uInt)(s->raw_len - s->raw_pos);
    s->z.next_out = (Bytef *)s->out + s->out_len;
    s->z.avail_out = (uInt)(ZT_SOURCE_CHUNK - s->out_len);
    {
      size_t before_out = s->z.avail_out;
      int rc = inflate(&s->z, Z_NO_FLUSH);
      size_t produced = before_out - s->z.avail_out;
      s->raw_pos = s->raw_len - s->z.avail_in;
      s->out_len += produced;
      s->content_total += produced;
      if (rc == Z_STREAM_END) {
        /* Another member may follow (cat a.gz b.gz). */
        inflateReset(&s->z);
        if (s->raw_pos == s->raw_len) {
          st = read_raw(s, err);
          if (st)
            return st;
          if (s->raw_eof) {
            s->content_eof = true;
            return ZT_OK;
          }
        }
        if (s->raw_len - s->raw_pos >= 1 && s->raw[s->raw_pos] != 0x1f) {
          /* Trailing garbage after a member: gzip(1) warns and ignores;
           * so do we (zt_source_trailing() tells the caller). */
          s->trailing += s->raw_len - s->raw_pos;
          s->raw_pos = s->raw_len;
          while (!s->raw_eof) {
            st = read_raw(s, err);
            if (st)
              return st;
            s->trailing += s->raw_len;
            s->raw_pos = s->raw_len;
          }
          s->content_eof = true;
          return ZT_OK;
        }
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        return zt_fail(err, ZT_ERR_INPUT, "%s: broken gzip data (%s)",
                       s->path, s->z.msg ? s->z.msg : "inflate error");
      }
      if (produced)
        return ZT_OK;
    }
  }
  return ZT_OK;
}

zt_status zt_source_peek(zt_source *s, size_t want, const char **p,
                         size_t *n, zt_err *err) {
  zt_status st0 = start(s, err);
  if (st0)
    return st0;
  if (want > ZT_SOURCE_CHUNK)
    want = ZT_SOURCE_CHUNK;
  if (s->out_pos > 0) {               /* move unconsumed bytes to the front */
    memmove(s->out, s->out + s->out_pos, s->out_len - s->out_pos);
    s->out_len -= s->out_pos;
    s->out_pos = 0;
  }
  while (s->out_len < want && !s->content_eof) {
    zt_status st = fill(s, err);
    if (st)
      return st;
  }
  *p = s->out;
  *n = s->out_len;
  return ZT_OK;
}

zt_status zt_source_next(zt_source *s, const char **p, size_t *n,
                         zt_err *err) {
  zt_status st0 = start(s, err);
  if (st0)
    return st0;
  if (s->out_pos == s->out_len) {
    s->out_pos = s->out_len = 0;
    while (s->out_len == 0 && !s->content_eof) {
      zt_status st = fill(s, err);
      if (st)
        return st;
    }
  }
  *p = s->out + s->out_pos;
  *n = s->out_len - s->out_pos;
  s->out_pos = s->out_len;
  return ZT_OK;
}

bool zt_source_is_gzip(const zt_source *s) { return s->gzip; }
uint64_t zt_source_trailing(const zt_source *s) { return s->trailing; }

void zt_source_identity(const zt_source *s, zt_file_id *id) {
  id->dev = (uint64_t)s->st0.st_dev;
  id->ino = (uint64_t)s->st0.st_ino;
  id->size = (uint64_t)s->st0.st_size;
  id->mtime_ns = (int64_t)s->st0.st_mtim.tv_sec * 1000000000 +
                 s->st0.st_mtim.tv_nsec;
  id->ctime_ns = (int64_t)s->st0.st_ctim.tv_sec * 1000000000 +
                 s->st0.st_ctim.tv_nsec;
}

bool zt_file_id_same(const zt_file_id *a, const zt_file_id *b) {
  return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
         a->mtime_ns == b->mtime_ns && a->ctime_ns == b->ctime_ns;
}

bool zt_source_changed(const zt_source *s) {
  struct stat now;
  if (fstat(s->fd, &now) != 0)
    return true;
  return now.st_size != s->st0.st_size ||
         now.st_mtim.tv_sec != s->st0.st_mtim.tv_sec ||
         now.st_mtim.tv_nsec != s->st0.st_mtim.tv_nsec ||
         now.st_ctim.tv_sec != s->st0.st_ctim.tv_sec ||
         now.st_ctim.tv_nsec != s->st0.st_ctim.tv_nsec;
}
const char *zt_source_path(const zt_source *s) { return s->path; }
uint64_t zt_source_raw_bytes(const zt_source *s) { return s->raw_total; }
uint64_t zt_source_content_bytes(const zt_source *s) {
  return s->content_total;
}

zt_status zt_source_early_fingerprint(zt_source *s, const char **hex,
                                      zt_err *err) {
  zt_status st0 = start(s, err);
  *hex = NULL;
  if (st0)
    return st0;
  if (!s->raw_eof && s->raw_pos == s->raw_len) {
    zt_status st = read_raw(s, err);   /* keeps what it reads */
    if (st)
      return st;
  }
  if (!s->raw_eof)
    return ZT_OK;
  if (!s->hex[0])
    zt_fp_hex(&s->fp, s->hex);
  *hex = s->hex;
  return ZT_OK;
}

zt_status zt_source_fingerprint(zt_source *s, const char **hex,
                                zt_err *err) {
  zt_status st0 = start(s, err);
  if (st0)
    return st0;
  while (!s->raw_eof) {
    zt_status st;
    s->raw_pos = s->raw_len;          /* drop what was not consumed */
    st = read_raw(s, err);
    if (st)
      return st;
  }
  if (!s->hex[0])
    zt_fp_hex(&s->fp, s->hex);
  *hex = s->hex;
  return ZT_OK;
}

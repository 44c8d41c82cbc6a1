/*
 * etl/source.h -- read an input file, plain or gzip, as a stream of chunks.
 *
 * gzip is recognised by its magic bytes (1f 8b), never by the file name;
 * concatenated gzip members are read as one stream. While reading, a
 * 128-bit fingerprint of the file's raw bytes is computed (core/hash.h),
 * so the store can recognise a file it has seen. Memory is two fixed
 * buffers, whatever the file size.
 */
#ifndef ZT_SOURCE_H
#define ZT_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

typedef struct zt_source zt_source;

#define ZT_SOURCE_CHUNK (256 * 1024)

/* Open `path` ("-" is not accepted: inputs are files). ZT_ERR_IO when it
 * cannot be opened or is not a regular file (a FIFO or device is refused
 * at once, never waited on). */
zt_status zt_source_open(zt_source **out, const char *path, zt_err *err);
/* The same; with ZT_SRC_NOFOLLOW a symbolic link is refused (ELOOP).
 * With ZT_SRC_LAZY nothing is read (nor a buffer allocated) until the
 * first peek, next or fingerprint: opening is an open and an fstat, for a
 * caller that may find it needs no byte (ingest's files read ahead); until
 * then zt_source_is_gzip() is false. */
#define ZT_SRC_NOFOLLOW 1u
#define ZT_SRC_LAZY 2u
zt_status zt_source_open_flags(zt_source **out, const char *path,
                               unsigned flags, zt_err *err);

/* Which file was opened, and its size, modification and status change
 * times then. */
typedef struct zt_file_id {
  uint64_t dev, ino, size;
  int64_t mtime_ns, ctime_ns;
} zt_file_id;
void zt_source_identity(const zt_source *s, zt_file_id *id);
/* The same file with the same bytes: same inode, size and both times. Any
 * write moves the status change time, which no program can set back, so
 * two equal identities mean nothing was written in between. */
bool zt_file_id_same(const zt_file_id *a, const zt_file_id *b);
/* Has the open file's size, modification or status change time moved
 * since it was opened (a writer still at work)? */
bool zt_source_changed(const zt_source *s);
void zt_source_close(zt_source *s);

/* Make at least `want` content bytes available without consuming them
 * (fewer at end of file) and point *p at them. Used to sniff the kind of
 * a file. ZT_ERR_INPUT on a broken gzip stream or a read error. */
zt_status zt_source_peek(zt_source *s, size_t want, const char **p,
                         size_t *n, zt_err *err);

/* Hand out the next chunk of content (*n == 0 at end of file). The chunk
 * stays valid until the next call. */
zt_status zt_source_next(zt_source *s, const char **p, size_t *n,
                         zt_err *err);

bool zt_source_is_gzip(const zt_source *s);
/* Bytes after the last gzip member, which were ignored (as gzip(1) does,
 * with a warning): 0 for a clean file. Known once the content is read. */
uint64_t zt_source_trailing(const zt_source *s);
const char *zt_source_path(const zt_source *s);
/* Bytes of the file on disk, and of content handed out, so far. */
uint64_t zt_source_raw_bytes(const zt_source *s);
uint64_t zt_source_content_bytes(const zt_source *s);

/* Read the rest of the raw file (without decompressing) so the
 * fingerprint covers it all, and return it as 32 hex digits. Valid until
 * zt_source_close(). */
zt_status zt_source_fingerprint(zt_source *s, const char **hex, zt_err *err);

/* The fingerprint, when the file is already read to its end (a small
 * file after zt_source_peek: at most one more read, which would come
 * anyway): *hex is NULL when it is not. Nothing read is lost. */
zt_status zt_source_early_fingerprint(zt_source *s, const char **hex,
                                      zt_err *err);

#endif

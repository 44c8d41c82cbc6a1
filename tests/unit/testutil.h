/*
 * tests/unit/testutil.h -- helpers shared by the cmocka unit tests:
 * temporary directories and small file writers.
 */
#ifndef ZT_TESTUTIL_H
#define ZT_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/* A fresh empty directory under $TMPDIR; the caller frees the string. */
char *tu_tmpdir(const char *tag);
/* Write `text` to dir/name and return the full path (caller frees). */
char *tu_write(const char *dir, const char *name, const char *text);
/* Write `n` bytes to dir/name. */
char *tu_write_bytes(const char *dir, const char *name, const void *p,
                     size_t n);
/* Write `text` gzip-compressed to dir/name and return the full path. */
char *tu_write_gz(const char *dir, const char *name, const char *text);
/* Read a whole file into a NUL-terminated string (caller frees). */
char *tu_read(const char *path, size_t *len);
/* rm -r of a directory made by tu_tmpdir. */
void tu_rmtree(const char *dir);
/* A generated 9-digit number that passes the 11-test (never a real
 * person's on purpose), different for each seed. `out` gets 10 bytes. */
void tu_bsn(unsigned seed, char out[10]);
/* The first column of the first row of `sql` on the store `s` as a
 * number (-1 when it gives no row): how many rows something counts. */
struct zt_store;
long tu_count(struct zt_store *s, const char *sql);

#endif

/*
 * tests/unit/testutil.h -- helpers shared by the cmocka unit tests:
 * temporary directories, small file writers and an ingest environment.
 */
#ifndef ZT_TESTUTIL_H
#define ZT_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "etl/pseudo.h"
#include "etl/refdata.h"
#include "etl/store.h"
#include "etl/validate.h"

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

/* What an ingest test needs: a temporary directory for its input files,
 * the repository's reference data, a pseudonymizer with `key`, an
 * in-memory store and a validator over them. */
typedef struct tu_env {
  char *dir;
  zt_refdata *rd;
  zt_pseudonymizer *ps;
  zt_store *s;
  zt_validator v;
} tu_env;
void tu_env_open(tu_env *e, const char *tag,
                 const unsigned char key[ZT_KEY_BYTES]);
void tu_env_close(tu_env *e);

/* A line a JW325 rejects: reference, bsn seed (tu_bsn), amount in
 * cents, retour codes ("9339 9340"). */
typedef struct tu_aline {
  const char *ref;
  unsigned bsn;
  int cents;
  const char *codes;
} tu_aline;
/* A JW325 from municipality 0402 to provider 12345678, `id` answering
 * JW323 `decl` of 5 June 2023 (number `nr`; NULL: no DeclaratieAntwoord
 * at all, refused on header level), dated 12 June 2023; header codes
 * `hcodes`, the answer's own `dcodes` (both split at blanks), and the
 * `n` rejected lines. The caller frees it. */
char *tu_jw325(const char *id, const char *decl, const char *nr,
               const char *hcodes, const char *dcodes, const tu_aline *l,
               size_t n);

#endif

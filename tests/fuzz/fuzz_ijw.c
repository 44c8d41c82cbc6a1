/*
 * tests/fuzz/fuzz_ijw.c -- libFuzzer harness for the iJw XML reader
 * (etl/ijw.c): every input is written to a scratch file and read back
 * through zt_source (so gzip input is fuzzed too) into zt_ijw_read with a
 * counting sink; zt_ijw_sniff and zt_ijw_root_message see the raw bytes.
 * Seed corpus: tests/fuzz/corpus/ijw/.
 *
 * Build (tests/fuzz/run.sh does this for every fuzz_*.c): compile this
 * file with every .c file of core/ and etl/ using
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I. -Ibuild/generated
 * plus the pkg-config flags of glib-2.0, libxml-2.0 and zlib (and sqlite3
 * once etl/ holds the store), then run it on a scratch corpus directory
 * followed by tests/fuzz/corpus/ijw.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "etl/ijw.h"

typedef struct counts {
  long rows, rejects, warns;
} counts;

static char scratch[4096];
static volatile unsigned field_sum;

static zt_status count_row(void *ctx, const zt_row *row, zt_err *err) {
  counts *c = ctx;
  int nf = row->kind == ZT_KIND_DECLARATIES ? ZT_D_NFIELDS : ZT_A_NFIELDS;
  (void)err;
  /* Touch every byte of every field: ASan checks the slices. */
  for (int k = 0; k < nf; k++)
    for (size_t i = 0; row->f[k].p && i < row->f[k].n; i++)
      field_sum += (unsigned char)row->f[k].p[i];
  if (row->kind != ZT_KIND_DECLARATIES && row->kind != ZT_KIND_TOEWIJZINGEN)
    __builtin_trap();
  c->rows++;
  return ZT_OK;
}

static zt_status count_reject(void *ctx, zt_kind kind, long line,
                              zt_reason reason, int field, const char *msg,
                              zt_slice raw, zt_err *err) {
  counts *c = ctx;
  (void)kind;
  (void)line;
  (void)err;
  if (reason == ZT_R_NONE || zt_reason_is_file(reason) || field < -1 ||
      field >= ZT_MAX_FIELDS || raw.p || strlen(msg) >= 256)
    __builtin_trap();
  c->rejects++;
  return ZT_OK;
}

static void count_warn(void *ctx, const char *msg) {
  counts *c = ctx;
  (void)msg;
  c->warns++;
}

static void cleanup(void) {
  if (scratch[0])
    unlink(scratch);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  counts c = {0, 0, 0};
  zt_rowsink sink = {&c, count_row, count_reject, count_warn};
  zt_read_opts opts = {ZT_KIND_AUTO, NULL};
  zt_source *src;
  zt_kind kind;
  zt_reason why;
  zt_err err;
  char msg[16];
  FILE *fp;
  zt_status st;

  if (!scratch[0]) {
    const char *tmp = getenv("TMPDIR");
    int fd;
    snprintf(scratch, sizeof scratch, "%s/zt-fuzz-ijw-XXXXXX",
             tmp ? tmp : "/tmp");
    fd = mkstemp(scratch);
    if (fd < 0)
      abort();
    close(fd);
    atexit(cleanup);
  }
  (void)zt_ijw_sniff((const char *)data, size);
  (void)zt_ijw_root_message((const char *)data, size, msg, sizeof msg);

  fp = fopen(scratch, "wb");
  if (!fp || fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
    abort();
  if (zt_source_open(&src, scratch, &err) != ZT_OK)
    abort();
  st = zt_ijw_read(src, &opts, &sink, &kind, &why, &err);
  zt_source_close(src);
  /* A file is read whole or rejected whole with one file reason. */
  if (st == ZT_OK && why != ZT_R_NONE)
    __builtin_trap();
  if (st != ZT_OK && (why == ZT_R_NONE || !zt_reason_is_file(why)))
    __builtin_trap();
  return 0;
}

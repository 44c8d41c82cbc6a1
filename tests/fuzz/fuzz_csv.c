/*
 * tests/fuzz/fuzz_csv.c -- libFuzzer target for the CSV tokenizer
 * (etl/csv.c) and the CSV reader (etl/csvread.c). Built and run by
 * tests/fuzz/run.sh with ASan + UBSan.
 *
 * Besides "no crash, no leak, no hang", it checks:
 *   - the tokenizer gives the same records whether the input comes as one
 *     chunk or in chunks of 1..64 bytes (fast path vs slow path), with
 *     small limits so that every limit is hit by short inputs;
 *   - line numbers: records start on strictly increasing lines, and the
 *     lines consumed match the line ends in the input;
 *   - the reader reports lines in order, hands out only valid UTF-8
 *     (fields, raw text, messages), and gives absent fields only for
 *     optional columns.
 * A failed check calls __builtin_trap(), which libFuzzer reports as a
 * crash with the input saved under tests/fuzz/findings/.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "etl/csv.h"
#include "etl/csvread.h"
#include "etl/encoding.h"

#ifndef ZT_SOURCE_DIR
#define ZT_SOURCE_DIR "."
#endif

#define CHECK(c)                                                            \
  do {                                                                      \
    if (!(c))                                                               \
      __builtin_trap();                                                     \
  } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* ---- tokenizer: one chunk vs small chunks ---- */

typedef struct mem {
  const uint8_t *p;
  size_t n, pos, chunk;
  uint8_t *cur;
} mem;

static zt_status mem_pull(void *ctx, const char **p, size_t *n,
                          zt_err *err) {
  mem *m = ctx;
  size_t k = m->n - m->pos;
  (void)err;
  free(m->cur);
  m->cur = NULL;
  if (m->chunk && k > m->chunk)
    k = m->chunk;
  if (k) {
    m->cur = malloc(k);             /* exact size: ASan sees overreads */
    CHECK(m->cur);
    memcpy(m->cur, m->p + m->pos, k);
  }
  m->pos += k;
  *p = (const char *)m->cur;
  *n = k;
  return ZT_OK;
}

static uint64_t mix(uint64_t h, const void *p, size_t n) {
  const unsigned char *u = p;
  for (size_t i = 0; i < n; i++)
    h = (h ^ u[i]) * UINT64_C(0x100000001b3);
  return h;
}

/* Tokenize and return a hash of every record; *lines = lines consumed,
 * *last_open = the last record was unterminated. */
static uint64_t tokenize(const uint8_t *data, size_t size, size_t chunk,
                         char delim, int guard, long *lines,
                         bool *last_open) {
  zt_csv_limits lim = {12, 6, 40, 3};
  mem m = {data, size, 0, chunk, NULL};
  zt_csv *c;
  uint64_t h = UINT64_C(0xcbf29ce484222325);
  long prev = 0;
  CHECK(zt_csv_new(&c, delim, &lim, mem_pull, &m, NULL) == ZT_OK);
  zt_csv_set_guard(c, guard);
  *last_open = false;
  for (;;) {
    zt_csv_rec r;
    bool got;
    CHECK(zt_csv_next(c, &r, &got, NULL) == ZT_OK);
    if (!got)
      break;
    CHECK(r.line > prev);
    CHECK(r.nlines >= 1);
    prev = r.line + r.nlines - 1;
    CHECK(r.nf >= 0 && r.nf <= lim.fields_max && r.ncols >= r.nf);
    CHECK(r.raw.n <= lim.record_max);
    CHECK(r.error != ZT_CSV_OK || r.ncols == r.nf);
    *last_open = r.error == ZT_CSV_UNTERMINATED;
    CHECK(r.error != ZT_CSV_UNTERMINATED || r.nlines == 1);
    h = mix(h, &r.line, sizeof r.line);
    h = mix(h, &r.nlines, sizeof r.nlines);
    h = mix(h, &r.error, sizeof r.error);
    h = mix(h, &r.error_field, sizeof r.error_field);
    h = mix(h, &r.nf, sizeof r.nf);
    h = mix(h, &r.ncols, sizeof r.ncols);
    for (int i = 0; i < r.nf; i++) {
      CHECK(r.f[i].p != NULL);
      CHECK(r.error == ZT_CSV_FIELD_TOO_LONG || r.f[i].n <= lim.field_max);
      h = mix(h, &r.f[i].n, sizeof r.f[i].n);
      h = mix(h, r.f[i].p, r.f[i].n);
    }
    h = mix(h, r.raw.p, r.raw.n);
  }
  *lines = zt_csv_lines(c);
  zt_csv_free(c);
  free(m.cur);
  return h;
}

static void fuzz_tokenizer(const uint8_t *data, size_t size) {
  static const char delims[] = {';', ','};
  size_t chunk = size ? 1 + data[0] % 64 : 1;
  /* the swallowed-record guard: off, or 1 to 3 delimiters */
  int guard = size > 1 ? data[1] % 4 : 0;
  long nl = 0, lines_whole, lines_chunked;
  bool open_whole, open_chunked;
  for (size_t i = 0; i < size; i++)
    nl += data[i] == '\n';
  for (size_t d = 0; d < sizeof delims; d++) {
    uint64_t a = tokenize(data, size, 0, delims[d], guard, &lines_whole,
                          &open_whole);
    uint64_t b = tokenize(data, size, chunk, delims[d], guard,
                          &lines_chunked, &open_chunked);
    long expect;
    CHECK(a == b);
    CHECK(lines_whole == lines_chunked);
    /* Lines = line ends, plus a last line without one: a quote left
     * open costs its own line only, so every line is read. */
    expect = nl + (size && data[size - 1] != '\n');
    CHECK(lines_whole == expect);
    CHECK(!open_whole || open_chunked);
  }
}

/* ---- the reader ---- */

typedef struct counter {
  zt_kind kind;
  long last;
  long rows, rejects;
} counter;

static bool utf8(const char *p, size_t n) {
  return zt_utf8_check(p, n) == n;
}

static zt_status on_row(void *ctx, const zt_row *row, zt_err *err) {
  counter *c = ctx;
  const zt_kind_layout *lay = zt_kind_layout_of(row->kind);
  (void)err;
  CHECK(lay && row->line > c->last);
  c->last = row->line;
  c->kind = row->kind;
  c->rows++;
  CHECK(row->raw.p && utf8(row->raw.p, row->raw.n));
  for (int i = 0; i < lay->nfields; i++) {
    if (!row->f[i].p)
      CHECK(lay->optional[i]);
    else
      CHECK(utf8(row->f[i].p, row->f[i].n));
  }
  return ZT_OK;
}

static zt_status on_reject(void *ctx, zt_kind kind, long line, zt_reason r,
                           int field, const char *msg, zt_slice raw,
                           zt_err *err) {
  counter *c = ctx;
  (void)kind;
  (void)err;
  CHECK(line > c->last);
  c->last = line;
  c->rejects++;
  CHECK(r == ZT_R_FIELD_COUNT || r == ZT_R_FIELD_TOO_LONG ||
        r == ZT_R_ENCODING_INVALID || r == ZT_R_QUOTE_UNTERMINATED);
  CHECK(field >= -1 && field < ZT_MAX_FIELDS);
  CHECK(utf8(msg, strlen(msg)));
  CHECK(utf8(raw.p, raw.n));
  return ZT_OK;
}

static void on_warn(void *ctx, const char *msg) {
  (void)ctx;
  CHECK(utf8(msg, strlen(msg)));
}

static void fuzz_reader(const uint8_t *data, size_t size) {
  static int fd = -1;
  static char path[64];
  if (fd < 0) {
    fd = memfd_create("fuzz_csv", 0);
    CHECK(fd >= 0);
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  }
  CHECK(ftruncate(fd, 0) == 0);
  CHECK(pwrite(fd, data, size, 0) == (ssize_t)size);
  for (int pass = 0; pass < 2; pass++) {
    zt_read_opts opts = {ZT_KIND_AUTO, NULL};
    counter c = {ZT_KIND_AUTO, 0, 0, 0};
    zt_rowsink sink = {&c, on_row, on_reject, on_warn};
    zt_source *src;
    zt_kind kind;
    zt_reason why;
    zt_err err;
    zt_status st;
    if (pass == 1) {
      opts.mapping_path =
          ZT_SOURCE_DIR "/fixtures/samples/mapping-example.ini";
      opts.want = size ? (zt_kind)(data[size - 1] % ZT_KIND_COUNT)
                       : ZT_KIND_AUTO;
    }
    CHECK(zt_source_open(&src, path, &err) == ZT_OK);
    st = zt_csv_read(src, &opts, &sink, &kind, &why, &err);
    zt_source_close(src);
    if (st == ZT_OK) {
      CHECK(why == ZT_R_NONE && kind != ZT_KIND_AUTO);
      CHECK(c.rows == 0 || c.kind == kind);
    } else {
      CHECK(st == ZT_ERR_INPUT);
      CHECK(why == ZT_R_LAYOUT_UNKNOWN || why == ZT_R_FILE_UNREADABLE);
      CHECK(why != ZT_R_LAYOUT_UNKNOWN || c.rows + c.rejects == 0);
      CHECK(utf8(err.msg, strlen(err.msg)));
    }
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_tokenizer(data, size);
  fuzz_reader(data, size);
  (void)zt_csv_sniff((const char *)data, size);
  return 0;
}

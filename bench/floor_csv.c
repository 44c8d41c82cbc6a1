/*
 * bench/floor_csv.c -- the floor for CSV reading: split a plain CSV file
 * into fields and parse every field, storing nothing, and print lines/s.
 *
 *   floor_csv FILE        the floor: a bare loop over 1 MiB blocks (no
 *                         quoting rules: generated files have no quotes)
 *   floor_csv --zt FILE   the same work through zothuis' own reader path
 *                         (zt_source, which also hashes the file with
 *                         SHA-256, + the zt_csv tokenizer), to compare
 *   floor_csv --zt-mem FILE   the zt_csv tokenizer alone: the file is read
 *                         into memory first (not timed) and handed out in
 *                         256 KiB chunks
 *
 * "Parse" means: the digits of each field are turned into a number (as
 * amounts, codes and dates would be) and field lengths are summed; the
 * totals are printed so the compiler cannot drop the work. Output, one
 * line: floor_csv: MODE LINES lines FIELDS fields SECONDS s RATE lines/s
 * MBPS MB/s (check CHECKSUM).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "etl/csv.h"
#include "etl/source.h"

#define BLOCK (1024 * 1024)

typedef struct totals {
  uint64_t lines, fields, bytes, check;
} totals;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Parse one field: its digits as a number, plus its length. */
static inline void parse_field(totals *t, const char *p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned d = (unsigned char)p[i] - '0';
    if (d < 10)
      v = v * 10 + d;
  }
  t->check += v + n;
  t->fields++;
}

/* Split [p, e) (whole lines only) into fields. */
static void split_lines(totals *t, const char *p, const char *e) {
  while (p < e) {
    const char *nl = memchr(p, '\n', (size_t)(e - p));
    const char *end = nl ? nl : e;
    const char *s = p;
    size_t len = (size_t)(end - p);
    if (len && end[-1] == '\r')
      end--;
    for (const char *q = s;; q++) {
      if (q == end || *q == ';' || *q == ',') {
        parse_field(t, s, (size_t)(q - s));
        s = q + 1;
        if (q == end)
          break;
      }
    }
    t->lines++;
    p = nl ? nl + 1 : e;
  }
}

static int run_floor(const char *path, totals *t) {
  char *buf = malloc(BLOCK);
  size_t have = 0;
  int fd = open(path, O_RDONLY);
  if (!buf || fd < 0) {
    fprintf(stderr, "floor_csv: %s: %s\n", path, strerror(errno));
    free(buf);
    return 1;
  }
  for (;;) {
    ssize_t n = read(fd, buf + have, BLOCK - have);
    const char *last;
    if (n < 0) {
      fprintf(stderr, "floor_csv: %s: %s\n", path, strerror(errno));
      break;
    }
    t->bytes += (uint64_t)n;
    have += (size_t)n;
    if (n == 0) {
      split_lines(t, buf, buf + have);   /* a last line without LF */
      break;
    }
    last = NULL;
    for (size_t i = have; i > 0; i--)
      if (buf[i - 1] == '\n') {
        last = buf + i;
        break;
      }
    if (!last) {
      if (have == BLOCK) {
        fprintf(stderr, "floor_csv: a line longer than %d bytes\n", BLOCK);
        break;
      }
      continue;
    }
    split_lines(t, buf, last);
    have -= (size_t)(last - buf);
    memmove(buf, last, have);
  }
  close(fd);
  free(buf);
  return 0;
}

static int run_zt(const char *path, totals *t) {
  zt_source *src;
  zt_csv *csv;
  zt_err err;
  if (zt_source_open(&src, path, &err) ||
      zt_csv_new(&csv, ';', NULL, zt_csv_pull_source, src, &err)) {
    fprintf(stderr, "floor_csv: %s\n", err.msg);
    return 1;
  }
  for (;;) {
    zt_csv_rec r;
    bool got;
    if (zt_csv_next(csv, &r, &got, &err)) {
      fprintf(stderr, "floor_csv: %s\n", err.msg);
      break;
    }
    if (!got)
      break;
    for (int i = 0; i < r.nf; i++)
      parse_field(t, r.f[i].p, r.f[i].n);
    t->lines++;
  }
  t->bytes = zt_source_content_bytes(src);
  zt_csv_free(csv);
  zt_source_close(src);
  return 0;
}

/* The file in memory, handed out in ZT_SOURCE_CHUNK pieces. */
typedef struct memsrc {
  char *p;
  size_t n, pos;
} memsrc;

static zt_status mem_pull(void *ctx, const char **p, size_t *n,
                          zt_err *err) {
  memsrc *m = ctx;
  size_t k = m->n - m->pos;
  (void)err;
  if (k > ZT_SOURCE_CHUNK)
    k = ZT_SOURCE_CHUNK;
  *p = m->p + m->pos;
  *n = k;
  m->pos += k;
  return ZT_OK;
}

static int load(const char *path, memsrc *m) {
  FILE *f = fopen(path, "rb");
  long size;
  if (!f || fseek(f, 0, SEEK_END) || (size = ftell(f)) < 0 ||
      fseek(f, 0, SEEK_SET)) {
    fprintf(stderr, "floor_csv: %s: %s\n", path, strerror(errno));
    if (f)
      fclose(f);
    return 1;
  }
  m->n = (size_t)size;
  m->pos = 0;
  m->p = malloc(m->n ? m->n : 1);
  if (!m->p || fread(m->p, 1, m->n, f) != m->n) {
    fprintf(stderr, "floor_csv: %s: cannot read\n", path);
    fclose(f);
    free(m->p);
    return 1;
  }
  fclose(f);
  return 0;
}

static int run_zt_mem(memsrc *m, totals *t) {
  zt_csv *csv;
  zt_err err;
  if (zt_csv_new(&csv, ';', NULL, mem_pull, m, &err)) {
    fprintf(stderr, "floor_csv: %s\n", err.msg);
    return 1;
  }
  for (;;) {
    zt_csv_rec r;
    bool got;
    if (zt_csv_next(csv, &r, &got, &err) || !got)
      break;
    for (int i = 0; i < r.nf; i++)
      parse_field(t, r.f[i].p, r.f[i].n);
    t->lines++;
  }
  t->bytes = m->n;
  zt_csv_free(csv);
  return 0;
}

int main(int argc, char **argv) {
  totals t = {0, 0, 0, 0};
  const char *mode = argc == 3 ? argv[1] : "floor";
  const char *path = argv[argc - 1];
  memsrc m = {NULL, 0, 0};
  double t0, secs;
  int rc;
  if ((argc != 2 && argc != 3) ||
      (argc == 3 && strcmp(mode, "--zt") && strcmp(mode, "--zt-mem"))) {
    fprintf(stderr, "usage: floor_csv [--zt | --zt-mem] FILE\n");
    return 2;
  }
  if (strcmp(mode, "--zt-mem") == 0 && load(path, &m))
    return 1;
  t0 = now();
  if (strcmp(mode, "--zt") == 0)
    rc = run_zt(path, &t);
  else if (strcmp(mode, "--zt-mem") == 0)
    rc = run_zt_mem(&m, &t);
  else
    rc = run_floor(path, &t);
  secs = now() - t0;
  free(m.p);
  if (secs <= 0)
    secs = 1e-9;
  printf("floor_csv: %s %llu lines %llu fields %.3f s %.0f lines/s "
         "%.1f MB/s (check %llu)\n",
         argc == 3 ? mode + 2 : mode, (unsigned long long)t.lines,
         (unsigned long long)t.fields, secs, (double)t.lines / secs,
         (double)t.bytes / secs / 1e6, (unsigned long long)t.check);
  return rc;
}

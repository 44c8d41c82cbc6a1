/*
 * bench/floor_saxdir.c -- the floor for ingesting a folder of many small
 * JW323 messages (bench_gen jw323many): in ONE process, walk the folder,
 * and for every file open it, run libxml2's SAX2 push parser over it with
 * bare callbacks that only copy every text of every Prestatie (as
 * floor_sax does for one file), and close it. No validation, no store.
 * Prints files, Prestatie lines, seconds and lines/s.
 *
 * Usage: floor_saxdir DIR [CHUNK_BYTES]
 * Each file is read with read(2) in chunks (default 256 KiB, like
 * zt_source); each file gets a parser of its own, as the reader does.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libxml/SAX2.h>
#include <libxml/dict.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct floor_state {
  const xmlChar *prestatie;  /* the interned name, per parser */
  int inside;                /* depth inside a Prestatie, 0 outside */
  long lines;
  size_t len;
  char text[4096];           /* texts of the current Prestatie */
} floor_state;

static floor_state *g_f;
static xmlSAXHandler g_sax;
static char *g_buf;
static size_t g_chunk = 256 * 1024;
static long g_files;
static int g_bad;

static void on_start(void *ctx, const xmlChar *local, const xmlChar *prefix,
                     const xmlChar *uri, int nb_ns, const xmlChar **nss,
                     int nb_attr, int nb_def, const xmlChar **attrs) {
  floor_state *f = ctx;
  (void)prefix;
  (void)uri;
  (void)nb_ns;
  (void)nss;
  (void)nb_attr;
  (void)nb_def;
  (void)attrs;
  if (f->inside)
    f->inside++;
  else if (local == f->prestatie) {
    f->inside = 1;
    f->len = 0;
  }
}

static void on_end(void *ctx, const xmlChar *local, const xmlChar *prefix,
                   const xmlChar *uri) {
  floor_state *f = ctx;
  (void)local;
  (void)prefix;
  (void)uri;
  if (f->inside && --f->inside == 0)
    f->lines++;
}

static void on_chars(void *ctx, const xmlChar *ch, int len) {
  floor_state *f = ctx;
  size_t n = (size_t)len;
  if (!f->inside)
    return;
  if (n > sizeof f->text - f->len)
    n = sizeof f->text - f->len;
  memcpy(f->text + f->len, ch, n);
  f->len += n;
}

/* Parse one file; 0 when well-formed. */
static int parse_file(const char *path) {
  xmlParserCtxtPtr ctxt;
  int fd = open(path, O_RDONLY), rc = 0;
  if (fd < 0) {
    fprintf(stderr, "floor_saxdir: %s: %s\n", path, strerror(errno));
    return 1;
  }
  ctxt = xmlCreatePushParserCtxt(&g_sax, g_f, NULL, 0, path);
  if (!ctxt) {
    close(fd);
    fprintf(stderr, "floor_saxdir: cannot create a parser\n");
    return 1;
  }
  g_f->prestatie = xmlDictLookup(ctxt->dict, (const xmlChar *)"Prestatie",
                                 -1);
  g_f->inside = 0;
  for (;;) {
    ssize_t n = read(fd, g_buf, g_chunk);
    if (n < 0) {
      fprintf(stderr, "floor_saxdir: %s: read: %s\n", path,
              strerror(errno));
      rc = 1;
      break;
    }
    if (n == 0) {
      rc = xmlParseChunk(ctxt, NULL, 0, 1) != 0;
      break;
    }
    if (xmlParseChunk(ctxt, g_buf, (int)n, 0) != 0) {
      rc = 1;
      break;
    }
  }
  if (rc)
    fprintf(stderr, "floor_saxdir: %s: not well-formed\n", path);
  xmlFreeParserCtxt(ctxt);
  close(fd);
  return rc;
}

static int visit(const char *path, const struct stat *sb, int type,
                 struct FTW *ftw) {
  (void)sb;
  (void)ftw;
  if (type != FTW_F)
    return 0;
  g_files++;
  if (parse_file(path))
    g_bad++;
  return 0;
}

int main(int argc, char **argv) {
  struct timespec t0, t1;
  double secs;
  if (argc < 2) {
    fprintf(stderr, "usage: floor_saxdir DIR [CHUNK_BYTES]\n");
    return 2;
  }
  if (argc > 2) {
    long c = strtol(argv[2], NULL, 10);
    if (c < 16 || c > (1L << 26)) {
      fprintf(stderr, "floor_saxdir: bad chunk size\n");
      return 2;
    }
    g_chunk = (size_t)c;
  }
  g_f = calloc(1, sizeof *g_f);
  g_buf = malloc(g_chunk);
  if (!g_f || !g_buf) {
    fprintf(stderr, "floor_saxdir: out of memory\n");
    return 1;
  }
  memset(&g_sax, 0, sizeof g_sax);
  g_sax.initialized = XML_SAX2_MAGIC;
  g_sax.startElementNs = on_start;
  g_sax.endElementNs = on_end;
  g_sax.characters = on_chars;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  if (nftw(argv[1], visit, 32, FTW_PHYS) != 0) {
    fprintf(stderr, "floor_saxdir: %s: %s\n", argv[1], strerror(errno));
    return 1;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  secs = (double)(t1.tv_sec - t0.tv_sec) +
         (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  printf("floor_saxdir: %ld files, %ld Prestatie lines in %.3f s: "
         "%.0f lines/s\n",
         g_files, g_f->lines, secs,
         secs > 0 ? (double)g_f->lines / secs : 0.0);
  free(g_buf);
  free(g_f);
  return g_bad ? 1 : 0;
}

/*
 * bench/floor_sax.c -- the floor for JW323 ingest: libxml2's SAX2 push
 * parser with bare callbacks that only copy every text of every Prestatie
 * (no validation, no namespace checks, no store). Prints Prestatie
 * lines/s, so the real reader (etl/ijw.c) can be compared with it.
 *
 * Usage: floor_sax FILE.xml [CHUNK_BYTES]
 * The file is read with read(2) in chunks (default 256 KiB, like
 * zt_source) and each chunk is handed to xmlParseChunk whole, as the
 * reader does.
 */
#include <errno.h>
#include <fcntl.h>
#include <libxml/SAX2.h>
#include <libxml/dict.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct floor_state {
  xmlParserCtxtPtr ctxt;
  const xmlChar *prestatie;  /* the interned name */
  int inside;                /* depth inside a Prestatie, 0 outside */
  long lines;
  size_t len;
  char text[4096];           /* texts of the current Prestatie */
} floor_state;

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

int main(int argc, char **argv) {
  xmlSAXHandler sax;
  floor_state *f;
  char *buf;
  size_t chunk = 256 * 1024;
  struct timespec t0, t1;
  double secs;
  int fd;
  if (argc < 2) {
    fprintf(stderr, "usage: floor_sax FILE.xml [CHUNK_BYTES]\n");
    return 2;
  }
  if (argc > 2) {
    long c = strtol(argv[2], NULL, 10);
    if (c < 16 || c > (1L << 26)) {
      fprintf(stderr, "floor_sax: bad chunk size\n");
      return 2;
    }
    chunk = (size_t)c;
  }
  fd = open(argv[1], O_RDONLY);
  f = calloc(1, sizeof *f);
  buf = malloc(chunk);
  if (fd < 0 || !f || !buf) {
    fprintf(stderr, "floor_sax: %s: %s\n", argv[1], strerror(errno));
    return 1;
  }
  memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startElementNs = on_start;
  sax.endElementNs = on_end;
  sax.characters = on_chars;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  f->ctxt = xmlCreatePushParserCtxt(&sax, f, NULL, 0, argv[1]);
  if (!f->ctxt) {
    fprintf(stderr, "floor_sax: cannot create a parser\n");
    return 1;
  }
  f->prestatie = xmlDictLookup(f->ctxt->dict, (const xmlChar *)"Prestatie",
                               -1);
  for (;;) {
    ssize_t n = read(fd, buf, chunk);
    if (n < 0) {
      fprintf(stderr, "floor_sax: read: %s\n", strerror(errno));
      return 1;
    }
    if (n == 0)
      break;
    if (xmlParseChunk(f->ctxt, buf, (int)n, 0) != 0) {
      fprintf(stderr, "floor_sax: not well-formed\n");
      return 1;
    }
  }
  if (xmlParseChunk(f->ctxt, NULL, 0, 1) != 0) {
    fprintf(stderr, "floor_sax: not well-formed\n");
    return 1;
  }
  clock_gettime(CLOCK_MONOTONIC, &t1);
  secs = (double)(t1.tv_sec - t0.tv_sec) +
         (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
  printf("floor_sax: %ld Prestatie lines in %.3f s: %.0f lines/s\n",
         f->lines, secs, secs > 0 ? (double)f->lines / secs : 0.0);
  xmlFreeParserCtxt(f->ctxt);
  close(fd);
  free(buf);
  free(f);
  return 0;
}

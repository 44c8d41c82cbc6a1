/*
 * core/csvout.c -- RFC 4180 CSV writing (see csvout.h).
 */
#include "core/csvout.h"

#include <inttypes.h>
#include <string.h>

void zt_csvout_init(zt_csvout *c, FILE *fp, char delim) {
  c->fp = fp;
  c->delim = delim;
  c->first = true;
}

static void sep(zt_csvout *c) {
  if (!c->first)
    fputc(c->delim, c->fp);
  c->first = false;
}

void zt_csvout_str(zt_csvout *c, const char *s) {
  char special[5] = {c->delim, '"', '\r', '\n', '\0'};
  sep(c);
  if (!s)
    return;
  if (!strpbrk(s, special)) {
    fputs(s, c->fp);
    return;
  }
  fputc('"', c->fp);
  for (; *s; s++) {
    if (*s == '"')
      fputc('"', c->fp);
    fputc(*s, c->fp);
  }
  fputc('"', c->fp);
}

void zt_csvout_int(zt_csvout *c, int64_t v) {
  sep(c);
  fprintf(c->fp, "%" PRId64, v);
}

void zt_csvout_end(zt_csvout *c) {
  fputc('\n', c->fp);
  c->first = true;
}

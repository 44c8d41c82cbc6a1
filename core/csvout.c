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
  c->guard = false;
}

void zt_csvout_guard(zt_csvout *c, bool on) {
  c->guard = on;
}

bool zt_csvout_is_formula(const char *s) {
  const char *p = s;
  bool digits = false;
  if (!s || !strchr("=+-@\t\r", s[0]) || !s[0])
    return false;
  if (*p == '+' || *p == '-')
    p++;
  while (*p >= '0' && *p <= '9') {
    p++;
    digits = true;
  }
  if (digits && (*p == '.' || *p == ',') && p[1] >= '0' && p[1] <= '9') {
    p++;
    while (*p >= '0' && *p <= '9')
      p++;
  }
  return !(digits && *p == '\0');
}

static void sep(zt_csvout *c) {
  if (!c->first)
    fputc(c->delim, c->fp);
  c->first = false;
}

void zt_csvout_str(zt_csvout *c, const char *s) {
  char special[5] = {c->delim, '"', '\r', '\n', '\0'};
  bool formula;
  sep(c);
  if (!s)
    return;
  formula = c->guard && zt_csvout_is_formula(s);
  if (!strpbrk(s, special)) {
    if (formula)
      fputc('\'', c->fp);
    fputs(s, c->fp);
    return;
  }
  fputc('"', c->fp);
  if (formula)
    fputc('\'', c->fp);
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

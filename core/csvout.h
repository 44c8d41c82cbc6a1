/*
 * core/csvout.h -- write RFC 4180 CSV: fields quoted only when they hold
 * the delimiter, a quote, CR or LF; quotes doubled; lines end in LF.
 */
#ifndef ZT_CSVOUT_H
#define ZT_CSVOUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct zt_csvout {
  FILE *fp;
  char delim;
  bool first;    /* no field written on this line yet */
} zt_csvout;

void zt_csvout_init(zt_csvout *c, FILE *fp, char delim);
void zt_csvout_str(zt_csvout *c, const char *s);
void zt_csvout_int(zt_csvout *c, int64_t v);
void zt_csvout_end(zt_csvout *c);

#endif

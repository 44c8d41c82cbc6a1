/*
 * core/csvout.h -- write RFC 4180 CSV: fields quoted only when they hold
 * the delimiter, a quote, CR or LF; quotes doubled; lines end in LF.
 *
 * With the formula guard on (files that carry text from input files, such
 * as rejects.csv), a cell that starts with '=', '+', '-', '@', a tab or a
 * CR and is not a number gets a leading apostrophe, so that a spreadsheet
 * shows it as text instead of running it as a formula.
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
  bool guard;    /* the formula guard (off after init) */
} zt_csvout;

void zt_csvout_init(zt_csvout *c, FILE *fp, char delim);
void zt_csvout_guard(zt_csvout *c, bool on);
/* Would the guard prefix this cell? (A cell starting with one of the
 * characters above that is not a number such as -12 or +3,5.) */
bool zt_csvout_is_formula(const char *s);
void zt_csvout_str(zt_csvout *c, const char *s);
void zt_csvout_int(zt_csvout *c, int64_t v);
void zt_csvout_end(zt_csvout *c);

#endif

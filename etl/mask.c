/*
 * etl/mask.c -- masking a text before it is quoted in a message (see
 * mask.h).
 */
#include "etl/mask.h"

#include <glib.h>
#include <string.h>

#include "etl/pseudo.h"

void zt_mask_hex_runs(char *s) {
  for (char *p = s; *p;) {
    char *q = p;
    while (g_ascii_isxdigit(*q) || *q == '*')
      q++;
    if (q - p >= 16)
      memset(p + 2, '*', (size_t)(q - p - 2));
    p = q == p ? p + 1 : q;
  }
}

char *zt_mask_secret_dup(const char *s) {
  size_t n = strlen(s);
  char *m = g_malloc(n + 1);
  zt_mask_text(s, n, NULL, 0, ZT_MASK_LONG | ZT_MASK_ALL8, m, n + 1);
  zt_mask_hex_runs(m);
  return m;
}

/*
 * etl/careperiod.c -- the canonical order of care periods (see
 * careperiod.h).
 */
#include "etl/careperiod.h"

#define CMP(x, y)                                                           \
  do {                                                                      \
    if ((x) != (y))                                                         \
      return (x) < (y) ? -1 : 1;                                            \
  } while (0)

int zt_careperiod_cmp(const void *pa, const void *pb) {
  const zt_careperiod *a = pa, *b = pb;
  CMP(a->client, b->client);
  CMP(a->begin, b->begin);
  CMP(a->end, b->end);
  CMP(a->kind, b->kind);
  CMP(a->agb, b->agb);
  CMP(a->amount, b->amount);
  CMP(a->category, b->category);
  CMP(a->unit, b->unit);
  CMP(a->gem_declared, b->gem_declared);
  CMP(a->gem_brp, b->gem_brp);
  CMP(a->gem_resp, b->gem_resp);
  CMP(a->flags, b->flags);
  return 0;
}

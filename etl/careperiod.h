/*
 * etl/careperiod.h -- the normalized unit the metrics count: what
 * etl/normalize.c produces and metrics/ reads.
 *
 * One care period per live declaration line (docs/rules.md): who (a
 * dense client index), which provider, what (category, care kind), when
 * (the ProductPeriode), how much (net cents) and the three municipalities of
 * the woonplaatsbeginsel: the one that received the declaration, the
 * registered address (BRP) on the begin date, and the responsible one
 * computed by etl/normalize.c. All three are already mapped through
 * mergers (current or historic boundaries). Kept compact (40 bytes): a
 * national year holds ten million of them.
 */
#ifndef ZT_CAREPERIOD_H
#define ZT_CAREPERIOD_H

#include <stdint.h>

#include "core/date.h"

/* Care period flags: how normalization decided. */
enum {
  ZT_CP_STAY = 1u << 0,          /* a stay: group verblijf, or crisis in
                                    unit 14 (etmaal); part of a chain */
  ZT_CP_CHAIN = 1u << 1,         /* begins during a chain of stays: the
                                    address before the chain counts */
  ZT_CP_FALLBACK = 1u << 2,      /* address needed was unknown/abroad:
                                    responsible = declared */
  ZT_CP_DECLARED_RULE = 1u << 3, /* responsible = declared by the mode
                                    (declared, or legal before 2022) */
  ZT_CP_NO_CATALOGUE = 1u << 4,  /* product code not in the catalogue */
  ZT_CP_CATEGORY_RES = 1u << 5,  /* category 43/44 fell back to
                                    residentieel */
  ZT_CP_CROSSES_MONTH = 1u << 6, /* begin and end in different months */
  ZT_CP_PART_CREDITED = 1u << 7  /* a credit was applied; net amount */
};

typedef struct zt_careperiod {
  zt_day begin, end;        /* inclusive */
  int64_t amount;           /* net cents */
  uint32_t client;          /* dense client index */
  uint32_t agb;             /* provider */
  uint16_t gem_declared;    /* received the declaration */
  uint16_t gem_brp;         /* registered address on `begin`; 0 unknown */
  uint16_t gem_resp;        /* responsible municipality */
  uint8_t category;         /* product category */
  uint8_t kind;             /* zt_care_kind */
  uint8_t unit;             /* iJw Eenheid */
  uint8_t flags;            /* ZT_CP_* */
  uint32_t line;            /* inside zt_normalize only: the input line
                               it came from (its index in
                               zt_norm_input.lines), for the double
                               declarations; 0 in every result, so that
                               the bytes never depend on the input
                               order; not part of the order */
} zt_careperiod;

/* docs/rules.md promises 40 bytes a care period (peak memory of a run is
 * the input lines plus these); a new field must keep it or update both. */
_Static_assert(sizeof(zt_careperiod) == 40, "zt_careperiod is 40 bytes");

/* The order of care periods everywhere: client, begin, then the other
 * fields, so that equal inputs always give equal order (qsort-style). */
int zt_careperiod_cmp(const void *a, const void *b);

#endif

/*
 * etl/double.h -- possible double declarations (docs/rules.md §8): a
 * provider that declares the same care again under a new reference.
 *
 * Normalization notes the candidates while it has a client's care
 * periods sorted (zt_norm_twin, etl/normalize.h): counted lines of one
 * client alike in provider, product category, product code, product
 * period, unit and net amount. zt_double_find reads their volume,
 * assignment and references from the store (a lookup by id per
 * candidate, never a scan) and keeps the groups whose volume and
 * assignment agree too (two assignments of one product are two lots of
 * care). A signal only: every
 * line still counts; the municipality decides.
 */
#ifndef ZT_DOUBLE_H
#define ZT_DOUBLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/date.h"
#include "core/err.h"
#include "etl/normalize.h"
#include "etl/record.h"
#include "etl/snapshot.h"
#include "etl/store.h"

/* One line beyond the first of a group: `repeat` looks like a second
 * declaration of `first` (the group's line stored first, lowest id).
 * No client: the list never names a child. */
typedef struct zt_double {
  int64_t first_id, repeat_id;     /* declaration ids */
  char ref_first[ZT_TEXT_BYTES(ZT_REF_MAX)];
  char ref_repeat[ZT_TEXT_BYTES(ZT_REF_MAX)];
  uint32_t agb;
  int64_t toewijzing;              /* the assignment both name; 0: none */
  uint16_t gem_resp;               /* responsible municipality (mapped) */
  uint8_t category, unit;
  char code[ZT_CODE_MAX + 1];
  zt_day begin, end;
  int64_t volume;
  int64_t amount;                  /* net cents of the repeat (counted) */
} zt_double;

/* The double declarations among the candidates `tw` (from the
 * normalization of `sn->lines`, grouped by zt_norm_twin.group) whose
 * care counts in a period: begin day in from..to and the responsible
 * municipality a member on it (`members` NULL: any). Each group is
 * split by product code, volume and assignment, its lines in id order,
 * and every line after the first one is a zt_double. Only the
 * candidates of the period are looked up. Allocates *out (free()), in
 * the order of the candidates (client, then begin), then by id. */
zt_status zt_double_find(zt_store *store, const zt_snapshot *sn,
                         const zt_norm_twin *tw, size_t n, zt_day from,
                         zt_day to, const zt_member *members,
                         size_t nmembers, zt_double **out, size_t *nout,
                         zt_err *err);

/* Write `d` as the internal CSV intern/mogelijk-dubbel.csv: a header and
 * one row per repeat (provider AGB, assignment, the two references,
 * product category and code, begin and end date, volume, unit, amount in
 * euros with two decimals). */
void zt_double_write_csv(FILE *fp, const zt_double *d, size_t n);

#endif

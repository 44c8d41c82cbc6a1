/*
 * etl/refdata.h -- national reference tables: municipality codes with
 * their validity and successors (mergers), product categories with their
 * default care kind, and the iJw unit codes.
 *
 * Loaded once from the shipped reference/ folder (or the folder the
 * configuration names); read-only afterwards, so ingest, normalization and
 * the report can share one copy.
 */
#ifndef ZT_REFDATA_H
#define ZT_REFDATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"

typedef struct zt_gemeente {
  uint16_t code;          /* CBS code as a number: 402 for GM0402 */
  char name[64];
  char province[32];
  char jeugdregio[64];
  zt_day valid_from;      /* ZT_DAY_NONE: valid since before 2015 */
  zt_day valid_to;        /* ZT_DAY_NONE: still valid */
  uint16_t successor;     /* code valid from valid_to + 1, or 0 */
} zt_gemeente;

typedef struct zt_category {
  bool known;
  char name[96];
  char class_name[32];    /* our coarse class (reference/README.md) */
  int default_kind;       /* a zt_care_kind */
} zt_category;

typedef struct zt_refdata {
  zt_gemeente *gemeenten;
  size_t ngemeenten;
  int16_t index[10000];   /* code -> position in gemeenten, or -1 */
  zt_category categories[100];
} zt_refdata;

/* Load gemeenten.csv and productcategorieen.csv from `dir`. */
zt_status zt_refdata_load(zt_refdata **out, const char *dir, zt_err *err);
void zt_refdata_free(zt_refdata *rd);

/* Parse a municipality code written "0402", "402" or "GM0402". */
bool zt_gemeente_parse(const char *s, size_t n, uint16_t *code);
/* Format as four digits ("0402"). */
void zt_gemeente_format(uint16_t code, char buf[5]);

const zt_gemeente *zt_refdata_gemeente(const zt_refdata *rd, uint16_t code);
/* Is `code` a municipality on day `d`? */
bool zt_gemeente_valid_on(const zt_refdata *rd, uint16_t code, zt_day d);
/* Follow successors from `code` to the code valid on day `d` (current
 * boundaries). Unknown codes map to themselves. */
uint16_t zt_gemeente_on(const zt_refdata *rd, uint16_t code, zt_day d);
/* Display name ("Hilversum"), or NULL for an unknown code. */
const char *zt_gemeente_name(const zt_refdata *rd, uint16_t code);

const zt_category *zt_refdata_category(const zt_refdata *rd, int code);

/* iJw Eenheid codes: 1 minuut, 4 uur, 14 etmaal, 16 dagdeel, 82 stuks
 * (output), 83 euro's, 84 stuks (inspanning). */
bool zt_unit_known(int unit);
const char *zt_unit_name(int unit);

#endif

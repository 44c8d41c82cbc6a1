/*
 * metrics/target.h -- targets (docs/indicators.md "Targets"): for each
 * parsed
 * row of targets.csv, the actual value from the indicator table, the
 * target, and the status gehaald / niet gehaald / geen gegevens.
 *
 * The lead's loader reads the file; this module takes an array. Target
 * values are exact decimals in the unit the report shows: percent points
 * for shares (60 = 60%), euros for money, days, years, counts. The
 * comparison is exact (rationals, no doubles).
 */
#ifndef ZT_TARGET_H
#define ZT_TARGET_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "metrics/table.h"

typedef enum zt_target_op {
  ZT_OP_GE,   /* >= */
  ZT_OP_LE,   /* <= */
  ZT_OP_EQ    /* =  */
} zt_target_op;

typedef struct zt_target {
  char indicator[48];
  uint16_t gemeente;      /* CBS code or ZT_GEMEENTE_REGIO */
  char period[8];         /* "2022", "2022-H1" */
  char breakdown[64];     /* "" for the total row */
  zt_target_op op;
  int64_t num, den;       /* the target value num/den (den > 0) */
  char label[128];
} zt_target;

typedef enum zt_target_status {
  ZT_TS_MET,              /* gehaald */
  ZT_TS_NOT_MET,          /* niet gehaald */
  ZT_TS_NO_DATA           /* geen gegevens */
} zt_target_status;

typedef struct zt_target_result {
  const zt_target *target;
  const zt_ind_value *actual; /* NULL when there is no value */
  zt_target_status status;
  char target_display[72];    /* "≥ 65,0%", "= 0", "≤ € 1.000" */
  char actual_display[32];    /* the row's display, or "–" */
} zt_target_result;

/* ">=", "<=", "=" (also "==") -> op; ZT_ERR_INPUT otherwise. */
zt_status zt_target_op_parse(const char *s, zt_target_op *out, zt_err *err);
const char *zt_target_op_text(zt_target_op op);     /* "≥", "≤", "=" */

/* Parse a decimal ("65", "27.5", "27,5", "-3") into num/den with den a
 * power of ten. ZT_ERR_INPUT otherwise. */
zt_status zt_target_value_parse(const char *s, int64_t *num, int64_t *den,
                                zt_err *err);

/* Dutch status word: "gehaald", "niet gehaald", "geen gegevens". */
const char *zt_target_status_nl(zt_target_status s);
/* A symbol to go with the colour: "✓", "✗", "–". */
const char *zt_target_status_symbol(zt_target_status s);

/* Evaluate targets[0..n) against `t` into results[0..n). A target whose
 * indicator is not in the catalogue fails the call with ZT_ERR_INPUT
 * naming the row; a value missing from the table (not computed, or a
 * period without data) gives ZT_TS_NO_DATA. The status compares the raw
 * value, also when its display is suppressed. */
zt_status zt_targets_eval(const zt_target *targets, size_t n,
                          const zt_ind_table *t, zt_target_result *results,
                          zt_err *err);

#endif

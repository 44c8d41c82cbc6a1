/*
 * metrics/target.h -- targets (docs/indicators.md "Targets"): the one
 * evaluator every output uses (PDF, HTML, doelen.csv/.json, the summary
 * sentences). For a value shown in a report it finds the target that
 * applies (the period's own, the year's, the region's), the value that
 * target is judged on and the status: gehaald / niet gehaald, op koers /
 * niet op koers (provisional), geen gegevens.
 *
 * cli/steering.c reads targets.csv; this module takes an array. Target
 * values are exact decimals in the unit the report shows: percent points
 * for shares (60 = 60%), euros for money, days, years, counts. The
 * comparison is exact (rationals, no doubles).
 */
#ifndef ZT_TARGET_H
#define ZT_TARGET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "metrics/period.h"
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
  ZT_TS_NONE,             /* no target for this value */
  ZT_TS_MET,              /* gehaald */
  ZT_TS_NOT_MET,          /* niet gehaald */
  ZT_TS_ON_TRACK,         /* op koers: a year target in a 1e-halfjaar
                             report, judged on the year to date */
  ZT_TS_OFF_TRACK,        /* niet op koers */
  ZT_TS_NO_DATA,          /* geen gegevens: no value */
  ZT_TS_HIDDEN            /* niet getoond (kleine aantallen): a value the
                             privacy rules hid */
} zt_target_status;

/* One evaluation: the target that applies to a value shown for
 * (indicator, period, gemeente), the value it is judged on and the
 * status. */
typedef struct zt_target_eval {
  const zt_target *target;    /* NULL: no target applies */
  const zt_ind_value *judged; /* the value judged, NULL when none */
  zt_period judged_period;    /* its period: the year for a year target
                                 in a 2e-halfjaar report */
  bool provisional;           /* a year target judged on its 1e halfjaar */
  bool bounded;               /* judged on the bounds of a hidden share
                                 (its value stays hidden) */
  zt_target_status status;
  char target_text[72];       /* "≥ 70%", "0" (= 0), "≤ € 110.245" */
} zt_target_eval;

/* ">=", "<=", "=" (also "==") -> op; ZT_ERR_INPUT otherwise. */
zt_status zt_target_op_parse(const char *s, zt_target_op *out, zt_err *err);
const char *zt_target_op_text(zt_target_op op);     /* "≥", "≤", "=" */

/* Parse a decimal ("65", "27.5", "27,5", "-3") into num/den with den a
 * power of ten. ZT_ERR_INPUT otherwise. */
zt_status zt_target_value_parse(const char *s, int64_t *num, int64_t *den,
                                zt_err *err);

/* The target for (indicator, period p, municipality gem): the one set
 * for p itself, else for p's year; a municipality without one of its
 * own has the region's (again p's, else the year's). NULL when none. */
const zt_target *zt_target_find(const zt_target *targets, size_t n,
                                const char *indicator, const zt_period *p,
                                uint16_t gem);

/* Evaluate the target of a value shown for (indicator, p, gem) against
 * the table `t` (the one evaluator of every output; docs/indicators.md
 * "Targets"):
 *  - a target set for p itself is judged on p's value;
 *  - a year target shown in a 2e-halfjaar report is judged on the
 *    year's value (the same value and status as the annual report);
 *  - a year target shown in a 1e-halfjaar report is judged on the
 *    half-year's value, provisionally: op koers / niet op koers, never
 *    gehaald;
 *  - no value: geen gegevens; a hidden one: niet getoond (kleine
 *    aantallen), as the "·" in its place says -- unless it is a share
 *    whose published parts put it wholly on one side of the target
 *    (zt_supp_share_bounds): then that verdict, with `bounded` set.
 * The comparison is exact (rationals). Fills `out`; never fails. */
void zt_target_evaluate(const zt_target *targets, size_t n,
                        const zt_ind_table *t, const char *indicator,
                        const zt_period *p, uint16_t gem,
                        zt_target_eval *out);

/* The status as a word ("gehaald", "niet gehaald", "op koers", "niet op
 * koers", "geen gegevens", "niet getoond (kleine aantallen)"; "geen doel"
 * for ZT_TS_NONE) and as a symbol to go with its colour ("✔", "✘", "→",
 * "⚠", "–", "·"; "" for none). */
const char *zt_target_status_word(zt_target_status s);
const char *zt_target_status_symbol(zt_target_status s);
/* The target in display units with its operator ("≥ 70%"; "0" for "=
 * 0"), or without it ("70%"). */
void zt_target_text(const zt_target *tg, zt_unit unit, bool with_op,
                    char out[72]);

#endif

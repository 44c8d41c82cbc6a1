/*
 * render/checks.h -- what the report's summary lists under "Opvallend":
 * the plausibility findings of metrics/plausible.h, inputs that
 * contradict each other (the measures and the budget per action line, a
 * measure's status and its planning) and data problems, each as one
 * Dutch sentence. The same conflicts are
 * printed under the measures and budget tables, and the CLI warns about
 * them when it writes a report.
 */
#ifndef ZT_CHECKS_H
#define ZT_CHECKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "render/report.h"

/* One action line on which maatregelen.csv and budget.csv disagree: the
 * extra budget of its measures is not the funding the budget gives it,
 * or what its measures spent is not the spending the budget records (over
 * all years of budget.csv), or the line is in one file only. Money in
 * cents. */
typedef struct zt_steer_conflict {
  const char *actielijn;
  bool in_measures, in_budget;
  int64_t measures_budget, measures_spent;   /* sums over its measures */
  int64_t funds, spent;                      /* sums over budget.csv */
} zt_steer_conflict;

/* The conflicts of `in`, in order of first appearance (measures first),
 * at most `max` written; returns how many there are. */
size_t zt_steering_conflicts(const zt_report_input *in,
                             zt_steer_conflict *out, size_t max);

/* The conflict as a sentence ("Gezinsgericht opvoeden: de maatregelen
 * hebben € 1.200.000 extra budget, de begroting € 1.500.000 middelen; ...").
 * Caller frees (g_free). */
char *zt_steering_conflict_text(const zt_steer_conflict *c);

/* The measure's status as the calendar contradicts it at the end of the
 * report period `p`, or NULL: still "gepland" although the quarter it
 * was to start has come ("M11 Nieuwe inkoop jeugdhulp staat nog op
 * gepland, terwijl de start volgens de planning in Q1 2023 lag."), or
 * still "lopend" although its last quarter ended before the period's
 * last quarter. Caller frees (g_free). */
char *zt_measure_late_text(const zt_measure *m, const zt_period *p);

/* What the measures and budget tables note under them and the CLI says
 * on the console: the steering conflicts, then (with `late`) the late
 * measures, one Dutch sentence each. NULL-terminated; free with
 * g_strfreev(). */
char **zt_steering_notes(const zt_report_input *in, bool late);

/* The Opvallend line on the possible double declarations of the report:
 * "12 declaratieregels (samen € 8.400) lijken dubbel gedeclareerd:
 * ...", its count and amount the region's dq.double_lines and
 * dq.double_spend of the period in the table. NULL when those rows are
 * absent or the count is 0. Caller frees (g_free). */
char *zt_doubles_text(const zt_report_input *in);

/* Every line the summary lists under "Opvallend", in order: the
 * plausibility findings, the steering conflicts, the data problems
 * (rejected lines, waiting credits, possible double declarations,
 * answers that belong to no stored declaration).
 * NULL-terminated; free with g_strfreev(). */
char **zt_report_findings(const zt_report_input *in);

#endif

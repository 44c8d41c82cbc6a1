/*
 * metrics/export.h -- the indicator table as CSV and JSON, exactly the
 * "Export format" of docs/indicators.md:
 *
 *   indicator,period,peildatum,gemeente,breakdown,value,unit,n,
 *     suppressed,display                              (one line)
 *   verblijf.share_gezinsvorm,2022,2022-12-31,regio,,68.4,percent,412,0,
 *     "68,4%"                                         (one line)
 *
 * Rows in export order (indicator, period, peildatum, gemeente with the
 * region first, breakdown), whatever the table's own order, so the same
 * table always gives the same bytes. UTF-8, comma separated, RFC 4180
 * quoting, "\n" line ends. The JSON is an array of objects with the same
 * fields (value and n as numbers, suppressed as a boolean).
 */
#ifndef ZT_EXPORT_H
#define ZT_EXPORT_H

#include <stdio.h>
#include <sys/types.h>

#include "core/err.h"
#include "metrics/suppress.h"
#include "metrics/table.h"
#include "metrics/target.h"

/* How the indicator table is written in one file format: the CSV or
 * the JSON writer. The rows of the writer table (render/output.c) for
 * the indicator table point at these; there is no list of formats
 * here. */
typedef struct zt_export_writer zt_export_writer;
extern const zt_export_writer zt_export_csv_writer;
extern const zt_export_writer zt_export_json_writer;

/* Write the table to `fp` (which the caller owns). ZT_ERR_OUTPUT when a
 * write fails. */
zt_status zt_export_csv(const zt_ind_table *t, FILE *fp, zt_err *err);
zt_status zt_export_json(const zt_ind_table *t, FILE *fp, zt_err *err);
/* The same with writer `w`. */
zt_status zt_export_write(const zt_export_writer *w, const zt_ind_table *t,
                          FILE *fp, zt_err *err);

/* Write the table with its raw values to `path` atomically
 * (core/fileout.h) with permission bits `mode`: 0600 for the internal
 * copy beside a report, 0644 where the caller says so. */
zt_status zt_export_file(const zt_ind_table *t, const char *path,
                         const zt_export_writer *w, mode_t mode,
                         zt_err *err);

/* The table as a publication may carry it (the indicatoren.csv/.json of
 * a report folder), mode 0644: a hidden row keeps its marker in
 * `display` but has no `value` and no `n` (empty in CSV, null in JSON);
 * in cbs mode the values below region level are the rounded ones the
 * report shows (metrics/suppress.h, zt_supp_public). */
zt_status zt_export_public_file(const zt_ind_table *t, const char *path,
                                const zt_export_writer *w,
                                zt_supp_mode mode, zt_err *err);

/* The report's targets with their status, from the one evaluator
 * (metrics/target.h): for the region and each of units[0..nunits), every
 * indicator with a target that applies to period `p`, one row: indicator,
 * period, gemeente, target_period, target ("≥ 70%"), judged_period,
 * value (as a publication may carry it; empty when hidden), display,
 * status ("gehaald", "op koers", ...). doelen.csv / doelen.json beside a
 * report, mode 0644. */
zt_status zt_export_targets_file(const zt_target *targets, size_t n,
                                 const zt_ind_table *t, const zt_period *p,
                                 const uint16_t *units, size_t nunits,
                                 zt_supp_mode mode, const char *path,
                                 const zt_export_writer *w, zt_err *err);

#endif

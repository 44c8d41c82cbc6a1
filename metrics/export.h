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

#include "core/err.h"
#include "metrics/table.h"

typedef enum zt_export_format {
  ZT_EXPORT_CSV,
  ZT_EXPORT_JSON
} zt_export_format;

/* "csv" / "json" -> format; ZT_ERR_USAGE otherwise. */
zt_status zt_export_format_parse(const char *s, zt_export_format *out,
                                 zt_err *err);

/* Write the table to `fp` (which the caller owns). ZT_ERR_OUTPUT when a
 * write fails. */
zt_status zt_export_csv(const zt_ind_table *t, FILE *fp, zt_err *err);
zt_status zt_export_json(const zt_ind_table *t, FILE *fp, zt_err *err);

/* Write the table to `path` atomically (core/fileout.h), mode 0644. */
zt_status zt_export_file(const zt_ind_table *t, const char *path,
                         zt_export_format format, zt_err *err);

#endif

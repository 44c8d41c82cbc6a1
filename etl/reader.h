/*
 * etl/reader.h -- the interface between the file readers and ingest.
 *
 * A reader (etl/csvread.c for CSV, etl/ijw.c for iJw XML) walks one file
 * and reports, in input order:
 *   - each row it could split into fields, as canonical slices (record.h),
 *     through sink->row; validation happens behind that call;
 *   - each line it could not split (bad encoding, wrong field count, a
 *     field too long) through sink->reject;
 *   - file-level warnings (a header total that does not add up) through
 *     sink->warn.
 * A problem with the whole file (not XML, unknown CSV layout, broken gzip)
 * makes the reader return ZT_ERR_INPUT with *file_reason set and the
 * message in err; rows already reported are then thrown away by ingest
 * (the file's transaction rolls back).
 *
 * Every physical line of a CSV file after the header, and every Prestatie
 * (JW323) or ToegewezenProduct (JW301), is reported exactly once, as a row
 * or as a reject: that is what makes "read = accepted + rejected +
 * duplicates" hold.
 */
#ifndef ZT_READER_H
#define ZT_READER_H

#include <stdbool.h>

#include "core/err.h"
#include "etl/record.h"
#include "etl/source.h"

/* How values are written in this file (set by the CSV layout or mapping;
 * iJw XML is always canonical). */
typedef struct zt_value_fmt {
  bool money_euros;   /* "1.234,56" euros instead of integer cents */
  bool ijw;           /* iJw message: its stricter rules apply (a product
                       * period within one calendar month) */
} zt_value_fmt;

typedef struct zt_row {
  zt_kind kind;
  const zt_slice *f;        /* the kind's canonical fields, in order */
  long line;                /* 1-based line of the row's first byte */
  zt_slice raw;             /* the row's text as read (CSV); p NULL for XML */
  const zt_value_fmt *fmt;
} zt_row;

typedef struct zt_rowsink {
  void *ctx;
  /* A row split into fields. A non-OK return (e.g. the store failed)
   * stops the reader, which returns that status. */
  zt_status (*row)(void *ctx, const zt_row *row, zt_err *err);
  /* A line the reader rejects itself. `field` is the canonical field or
   * -1; `raw` is the line's text when there is one (it may hold a BSN:
   * the sink masks it before keeping it). */
  zt_status (*reject)(void *ctx, zt_kind kind, long line, zt_reason reason,
                      int field, const char *message, zt_slice raw,
                      zt_err *err);
  /* A file-level warning (the message holds no BSN). */
  void (*warn)(void *ctx, const char *message);
} zt_rowsink;

/* Options every reader understands. */
typedef struct zt_read_opts {
  zt_kind want;              /* ZT_KIND_AUTO or the kind asked for */
  const char *mapping_path;  /* CSV mapping file (INI), or NULL */
} zt_read_opts;

#endif

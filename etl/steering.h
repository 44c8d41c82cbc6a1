/*
 * etl/steering.h -- the region's small steering files: targets.csv,
 * maatregelen.csv and budget.csv (docs/inputs.md "Steering files"),
 * edited by staff.
 *
 * Comma or semicolon separated (taken from the header), RFC 4180 quoting,
 * UTF-8 or Windows-1252 (Excel), columns by name in any order. Money in
 * these files is in whole euros or euros with a decimal comma; it is kept
 * in cents. A malformed row stops loading with the file, line and what
 * was expected: the report must not silently miss a target or measure.
 */
#ifndef ZT_STEERING_H
#define ZT_STEERING_H

#include <stddef.h>

#include "core/err.h"
#include "etl/record.h"

/* Called for each data row with the fields in the order of `columns`
 * (an optional column missing from the header gives an absent slice, p
 * NULL); `line` is the physical line. Return non-OK to stop. */
typedef zt_status (*zt_table_row_fn)(void *ctx, const zt_slice *f, long line,
                                     zt_err *err);

/* Read a small CSV table. `columns` names the wanted columns;
 * `required` says which must be in the header. At most 32 columns; the
 * file at most 16 MiB. */
zt_status zt_table_read(const char *path, const char *const *columns,
                        const bool *required, int ncols, zt_table_row_fn fn,
                        void *ctx, zt_err *err);

/* Parse money in euros ("1.234", "1.234,56", "-500") into cents. */
zt_status zt_parse_euros(const char *s, size_t n, int64_t *cents);

#endif

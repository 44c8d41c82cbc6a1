/*
 * metrics/suppress.h -- small-number suppression of the indicator table
 * (docs/indicators.md "Suppression"): modes none / small / cbs, complementary
 * suppression, and the `display` text of every row.
 *
 * Applied below region level only (municipality rows, and provider rows
 * at every level); the region's own totals and kinds are never hidden.
 * The raw value stays in the table (the export carries it); only
 * `suppressed` and `display` change.
 */
#ifndef ZT_SUPPRESS_H
#define ZT_SUPPRESS_H

#include "core/err.h"
#include "metrics/table.h"

typedef enum zt_supp_mode {
  ZT_SUPP_NONE,    /* internal working copies only */
  ZT_SUPP_SMALL,   /* 0 < n < threshold -> "< 5"; means etc. -> "·" */
  ZT_SUPP_CBS      /* round counts to 5, hide raw 0..7 as "." */
} zt_supp_mode;

/* "none", "small", "cbs" -> mode; ZT_ERR_USAGE otherwise. */
zt_status zt_supp_mode_parse(const char *s, zt_supp_mode *out, zt_err *err);
const char *zt_supp_mode_name(zt_supp_mode m);

/* Set `suppressed` and `display` on every row of `t` for `mode` and
 * `threshold` (>= 1; the cbs mode ignores it). Idempotent: a second call
 * with another mode starts afresh. Rows whose indicator is unknown to
 * the catalogue keep a plain display and are never hidden. */
zt_status zt_suppress_apply(zt_ind_table *t, zt_supp_mode mode,
                            int threshold, zt_err *err);

#endif

/*
 * metrics/suppress.h -- small-number suppression of the indicator table
 * (docs/indicators.md "Suppression"): modes none / small / cbs, complementary
 * suppression, and the `display` text of every row.
 *
 * Applied below region level only (municipality rows, and provider rows
 * at every level); the region's own totals and kinds are never hidden.
 * Beyond the primary rule it hides what arithmetic on the visible cells
 * could give away: complements in every exact sum (breakdowns under
 * their total, municipalities under the region, half-years under their
 * year), an audit that works out every hidden cell the way a reader
 * could (ranges and a linear system) and hides more until none comes
 * out, and shares and means whose counts may not be published.
 * The raw value stays in the table (`zothuis export` carries it for
 * internal use); only `suppressed` and `display` change.
 * zt_supp_public() gives what a publication may carry instead.
 */
#ifndef ZT_SUPPRESS_H
#define ZT_SUPPRESS_H

#include <stdbool.h>

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

/* What a publication of row `v` of `t` (suppression applied in `mode`)
 * may carry: false for a hidden row (no value, no n); otherwise true
 * with `out` a copy of v whose num/den/n are the published ones -- the
 * raw ones, except in cbs mode below region level, where counts are
 * rounded to 5, shares are of the rounded counts and means are rounded
 * to the precision the report shows. */
bool zt_supp_public(const zt_ind_table *t, const zt_ind_value *v,
                    zt_supp_mode mode, zt_ind_value *out);

/* A hidden share of counts (privacy class share, small mode), as far as
 * a reader of the published table can bound it: its denominator `den`
 * (shown) and its numerator between `lo` and `hi`, the sum of its parts
 * (the catalogue's deps[1..3], which split it) as shown ("< 5": 1 to 4;
 * "·": any). A target judged on these bounds alone
 * tells nothing the table does not (metrics/target.c). False when the
 * table does not bound it (the denominator hidden, another mode). */
bool zt_supp_share_bounds(const zt_ind_table *t, const zt_ind_value *v,
                          int64_t *lo, int64_t *hi, int64_t *den);

#endif

/*
 * render/ind_ids.h -- which indicator ids a template may name: the one
 * catalogue of metrics/indicator.h, behind one function so that nothing
 * else in render/ knows where it lives.
 */
#ifndef ZT_IND_IDS_H
#define ZT_IND_IDS_H

#include <stdbool.h>

#include "metrics/indicator.h"
#include "metrics/table.h"

/* The catalogue entry of metrics/indicator.h: id, unit, breakdowns. */
typedef zt_ind_def zt_render_ind;

/* The catalogue entry for `id`, or NULL when no such indicator exists. */
const zt_render_ind *zt_render_ind_lookup(const char *id);

/* Dutch label of a breakdown value for display: kind=pleegzorg ->
 * "Pleegzorg", reason=bsn_elfproef -> "BSN ongeldig (controlegetal klopt
 * niet)" (render/labels_nl.h), other values as they are. Returns a static
 * string or `value` itself. */
const char *zt_breakdown_label(const char *key, const char *value);

#endif

/*
 * render/ind_ids.h -- which indicator ids a template may name, and their
 * units: a local copy of INDICATORS.md's catalogue behind one function.
 *
 * When metrics/indicator.h (zt_ind_lookup) is merged, zt_render_ind_lookup
 * becomes a thin wrapper around it; nothing else in render/ knows the
 * list.
 */
#ifndef ZT_IND_IDS_H
#define ZT_IND_IDS_H

#include <stdbool.h>

#include "metrics/table.h"

typedef struct zt_render_ind {
  const char *id;
  zt_unit unit;
} zt_render_ind;

/* The catalogue entry for `id`, or NULL when no such indicator exists. */
const zt_render_ind *zt_render_ind_lookup(const char *id);

/* Dutch label of a breakdown value for display: kind=pleegzorg ->
 * "Pleegzorg", reason=bsn_elfproef -> "BSN voldoet niet aan de elfproef",
 * other values as they are. Returns a static
 * string or `value` itself. */
const char *zt_breakdown_label(const char *key, const char *value);

#endif

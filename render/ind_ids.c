/*
 * render/ind_ids.c -- which indicator ids a template may name (the
 * metrics catalogue, metrics/indicator.h) and Dutch labels for breakdown
 * values (ind_ids.h); reason labels come from render/labels_nl.c.
 */
#include "render/ind_ids.h"

#include <string.h>

#include "core/kinds.h"
#include "render/labels_nl.h"

const zt_render_ind *zt_render_ind_lookup(const char *id) {
  return id ? zt_ind_lookup(id) : NULL;
}

const char *zt_breakdown_label(const char *key, const char *value) {
  if (!key || !value)
    return value ? value : "";
  if (strcmp(key, "kind") == 0) {
    int k = zt_kind_from_id(value);
    return k >= 0 ? zt_kind_label_nl((zt_care_kind)k) : value;
  }
  if (zt_nl_flow(key, value))
    return zt_nl_flow(key, value);
  if (strcmp(key, "reason") == 0) {
    const char *nl = zt_nl_reason(value);
    return nl ? nl : value;
  }
  if (strcmp(key, "retourcode") == 0) {
    const char *nl = zt_nl_retourcode(value);
    return nl ? nl : value;
  }
  return value;
}

/*
 * render/chart_types.c -- the chart-type table (chart.h, zt_chart_kind):
 * one row per chart type. The template reader checks type= and the
 * attributes against it, the document builder picks the builder, and
 * the drawer the height and drawing functions. Adding a chart type is
 * one row here, its drawer and, for new data, its builder.
 */
#include "render/chart.h"

#include <stdio.h>
#include <string.h>

#include "render/chart_draw.h"

/* the attributes of a chart built from the indicator grid */
#define GRID_ATTRS \
  "id period breakdown gemeente x series y-label x-label color"

const zt_chart_kind zt_chart_kinds[] = {
    {"bar", ZT_CHART_BAR, "Staafdiagram", GRID_ATTRS, "",
     ZT_CHART_DATA_GRID, false, true, false, zt_chart_bars_height,
     zt_chart_bars_draw},
    {"stacked", ZT_CHART_STACKED, "Gestapeld staafdiagram", GRID_ATTRS, "",
     ZT_CHART_DATA_GRID, false, true, false, zt_chart_bars_height,
     zt_chart_bars_draw},
    {"line", ZT_CHART_LINE, "Lijndiagram", GRID_ATTRS, "",
     ZT_CHART_DATA_GRID, false, true, false, zt_chart_line_height,
     zt_chart_line_draw},
    {"donut", ZT_CHART_DONUT, "Ringdiagram", GRID_ATTRS, "",
     ZT_CHART_DATA_GRID, true, false, true, zt_chart_donut_height,
     zt_chart_donut_draw},
    {"histogram", ZT_CHART_HISTOGRAM, "Histogram", GRID_ATTRS, "",
     ZT_CHART_DATA_GRID, false, true, false, zt_chart_bars_height,
     zt_chart_bars_draw},
    {"diverging", ZT_CHART_DIVERGING, "Staafdiagram met toenames en "
     "afnames", GRID_ATTRS, "", ZT_CHART_DATA_GRID, false, true, true,
     zt_chart_diverging_height, zt_chart_diverging_draw},
    {"timeline", ZT_CHART_TIMELINE, "Tijdlijn", "y-label x-label", "",
     ZT_CHART_DATA_MEASURES, false, false, true, zt_chart_timeline_height,
     zt_chart_timeline_draw},
};
const size_t zt_nchart_kinds = sizeof zt_chart_kinds /
                               sizeof zt_chart_kinds[0];

const zt_chart_kind *zt_chart_kind_named(const char *name) {
  for (size_t i = 0; name && i < zt_nchart_kinds; i++)
    if (strcmp(zt_chart_kinds[i].name, name) == 0)
      return &zt_chart_kinds[i];
  return NULL;
}

const zt_chart_kind *zt_chart_kind_of(zt_chart_type t) {
  for (size_t i = 0; i < zt_nchart_kinds; i++)
    if (zt_chart_kinds[i].type == t)
      return &zt_chart_kinds[i];
  return &zt_chart_kinds[0];
}

void zt_chart_kind_names(char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < zt_nchart_kinds && len < size; i++) {
    const char *sep = i == 0 ? "" : i + 1 == zt_nchart_kinds ? " or "
                                                             : ", ";
    len += (size_t)snprintf(buf + len, size - len, "%s%s", sep,
                            zt_chart_kinds[i].name);
  }
}

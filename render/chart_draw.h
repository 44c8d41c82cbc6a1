/*
 * render/chart_draw.h -- the drawers of the chart types (chart_draw.c),
 * for the rows of the chart-type table (chart_types.c). Each draws
 * through the canvas only; nothing else calls them.
 */
#ifndef ZT_CHART_DRAW_H
#define ZT_CHART_DRAW_H

#include "render/chart.h"

/* grouped, stacked and histogram bars */
zt_chart_height_fn zt_chart_bars_height;
zt_chart_draw_fn zt_chart_bars_draw;
zt_chart_height_fn zt_chart_line_height;
zt_chart_draw_fn zt_chart_line_draw;
zt_chart_height_fn zt_chart_donut_height;
zt_chart_draw_fn zt_chart_donut_draw;
zt_chart_height_fn zt_chart_diverging_height;
zt_chart_draw_fn zt_chart_diverging_draw;
zt_chart_height_fn zt_chart_timeline_height;
zt_chart_draw_fn zt_chart_timeline_draw;

#endif

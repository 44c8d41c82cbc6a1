/*
 * render/canvas.c -- path helpers shared by both canvas implementations
 * (canvas.h): rectangles, polygons, segments, fitting a label.
 */
#include "render/canvas.h"

#include <string.h>

void zt_cv_rect(zt_canvas *c, double x, double y, double w, double h) {
  zt_cv_move(c, x, y);
  zt_cv_line(c, x + w, y);
  zt_cv_line(c, x + w, y + h);
  zt_cv_line(c, x, y + h);
  zt_cv_close(c);
}

void zt_cv_polygon(zt_canvas *c, const double *xy, size_t npoints) {
  if (npoints == 0)
    return;
  zt_cv_move(c, xy[0], xy[1]);
  for (size_t i = 1; i < npoints; i++)
    zt_cv_line(c, xy[2 * i], xy[2 * i + 1]);
  zt_cv_close(c);
}

void zt_cv_segment(zt_canvas *c, double x0, double y0, double x1,
                   double y1) {
  zt_cv_move(c, x0, y0);
  zt_cv_line(c, x1, y1);
  zt_cv_stroke(c);
}

const char *zt_cv_fit(zt_canvas *c, const char *utf8, zt_font f,
                      double maxw, char *buf, size_t n) {
  zt_extents e;
  size_t len;
  zt_cv_measure(c, utf8, f, &e);
  if (e.w <= maxw || n < 8)
    return utf8;
  len = strlen(utf8);
  if (len > n - 4)
    len = n - 4;
  while (len > 0) {
    /* step back to a UTF-8 character boundary */
    len--;
    while (len > 0 && ((unsigned char)utf8[len] & 0xc0) == 0x80)
      len--;
    memcpy(buf, utf8, len);
    /* drop a trailing blank before the ellipsis */
    while (len > 0 && buf[len - 1] == ' ')
      len--;
    memcpy(buf + len, "\xe2\x80\xa6", 4);   /* "…" and NUL */
    zt_cv_measure(c, buf, f, &e);
    if (e.w <= maxw)
      return buf;
  }
  memcpy(buf, "\xe2\x80\xa6", 4);
  return buf;
}

/*
 * render/pdf.c -- the PDF writer (pdf.h): two-pass A4 layout and tagged
 * drawing with cairo + pango.
 *
 * Pass 1 (layout) creates one pango layout per piece of text, measures
 * blocks and cuts them into fragments, each placed on a page at a y.
 * Pass 2 (draw) walks the fragments in order and draws each inside its
 * structure tags; page furniture (footers) is drawn after a page's
 * content. The layouts made in pass 1 are the ones drawn in pass 2.
 */
#include "render/pdf.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/fileout.h"
#include "render/a11y.h"
#include "render/canvas.h"
#include "render/fonts.h"
#include "render/hyph.h"
#include "render/theme.h"

#define TOP ZT_MARGIN_T
#define BOTTOM (ZT_PAGE_H - ZT_MARGIN_B)
#define LEFT ZT_MARGIN_L
#define WIDTH ZT_CONTENT_W
#define HYPH_BELOW 125.0   /* hyphenate prose in columns narrower than this */
#define PADX 4.0
#define PADY 2.3
#define LINE_SPACING 1.22
#define TILE_GAP 8.0
#define TILE_LAYOUTS 5   /* label, value, target, status, note */
#define TILE_PAD 7.0

/* What a fragment draws. */
typedef enum fpart {
  F_COVER,
  F_TOC_TITLE,
  F_TOC_ENTRIES,   /* entries from..to */
  F_HEADING,
  F_LINES,         /* paragraph lines from..to */
  F_NOTE,
  F_LIST,          /* list items from..to */
  F_TILES,         /* tile rows from..to */
  F_CHART,
  F_TABLE,         /* table rows from..to (+ header) of a table */
  F_TABLE_NOTES
} fpart;

typedef struct frag {
  int page;
  double y, h;
  size_t blk;
  fpart part;
  size_t from, to;
  bool cont;         /* a continuation on a later page */
  int which;         /* table: 0 = the block's table, 1 = chart data */
} frag;

/* A measured table. */
typedef struct tlay {
  const zt_table *t;
  double width;          /* the table's width (<= WIDTH) */
  double *colw;
  PangoLayout **cells;   /* nrows * ncols (group rows: cell 0 only) */
  double *rowh;
  PangoLayout *caption, *caption_cont;
  PangoLayout **notes;
  double notes_h;
} tlay;

/* Everything measured for one block. */
typedef struct lay {
  PangoLayout *pl;        /* heading, paragraph, note, chart caption */
  double *line_top;       /* paragraph: top of each line, plus the end */
  int nlines;
  PangoLayout **items;    /* list items; tiles: 4 per tile */
  double *item_h;
  size_t nitems;
  int tile_cols;
  double tile_w;
  double *tile_row_h;
  size_t tile_rows;
  double chart_h;
  double chart_min;   /* the least height it can be drawn at */
  tlay tab[2];            /* 0: the table, 1: the chart's data table */
  int page;               /* page of the first fragment */
} lay;

typedef struct toc_entry {
  size_t blk;
  PangoLayout *pl;        /* number + title */
  PangoLayout *num;       /* page number, filled in pass 2 */
} toc_entry;

typedef struct pdfw {
  const zt_doc *doc;
  FILE *fp;
  bool write_error;
  cairo_surface_t *surf;
  cairo_t *cr;
  zt_fonts fonts;
  PangoAttrList *nobreak;   /* fonts.nohyph, and no hyphen is shown where
                               pango must break inside a word */
  zt_hyph *hyph;
  lay *lays;
  GArray *frags;
  int page;
  double y;
  int npages;
  bool *brk;                /* headings moved to a new page (runts) */
  toc_entry *toc;
  size_t ntoc;
  zt_pdf_a11y *a11y;
  int outline_parent[4];
} pdfw;

void zt_pdf_a11y_init(zt_pdf_a11y *a) {
  memset(a, 0, sizeof *a);
  a->figure_alt = g_ptr_array_new_with_free_func(g_free);
  a->link_desc = g_ptr_array_new_with_free_func(g_free);
  a->th_scope = g_ptr_array_new_with_free_func(g_free);
}

void zt_pdf_a11y_free(zt_pdf_a11y *a) {
  if (a->figure_alt)
    g_ptr_array_free(a->figure_alt, TRUE);
  if (a->link_desc)
    g_ptr_array_free(a->link_desc, TRUE);
  if (a->th_scope)
    g_ptr_array_free(a->th_scope, TRUE);
  memset(a, 0, sizeof *a);
}

/* --- helpers ------------------------------------------------------------- */

static void set_rgb(cairo_t *cr, uint32_t rgb) {
  cairo_set_source_rgb(cr, (double)((rgb >> 16) & 0xff) / 255.0,
                       (double)((rgb >> 8) & 0xff) / 255.0,
                       (double)(rgb & 0xff) / 255.0);
}

static double lh(PangoLayout *l) {
  PangoRectangle log;
  pango_layout_get_extents(l, NULL, &log);
  return (double)log.height / PANGO_SCALE;
}

static double lw(PangoLayout *l) {
  PangoRectangle log;
  pango_layout_get_extents(l, NULL, &log);
  return (double)log.width / PANGO_SCALE;
}

/* An amount never breaks after its euro sign: "€ 525.698" (the euro
 * sign, a space, a number) gets a no-break attribute over its length.
 * The text keeps its plain space, so copied or extracted text is the
 * same as before. Added to whatever attributes the layout has. */
static void euro_together(PangoLayout *l) {
  const char *t = pango_layout_get_text(l);
  PangoAttrList *have = pango_layout_get_attributes(l);
  PangoAttrList *al = NULL;
  for (const char *p = strstr(t, "\xe2\x82\xac "); p;
       p = strstr(p + 1, "\xe2\x82\xac ")) {
    const char *q = p + 4;
    PangoAttribute *a;
    if (*q == '-' || *q == '+')
      q++;
    if (*q < '0' || *q > '9')
      continue;
    while ((*q >= '0' && *q <= '9') || *q == '.' || *q == ',')
      q++;
    if (!al)
      al = have ? pango_attr_list_copy(have) : pango_attr_list_new();
    a = pango_attr_allow_breaks_new(FALSE);
    a->start_index = (guint)(p - t);
    a->end_index = (guint)(q - t);
    pango_attr_list_insert(al, a);
  }
  if (al) {
    pango_layout_set_attributes(l, al);
    pango_attr_list_unref(al);
  }
}

/* A layout with plain text (or markup) in a style and width. */
static PangoLayout *mk(pdfw *w, const char *text, bool markup, zt_font f,
                       double width) {
  PangoLayout *l = pango_layout_new(w->fonts.ctx);
  pango_layout_set_font_description(l, w->fonts.desc[f]);
  /* names in tables, tiles, labels and headings are never hyphenated:
   * where a word must break to fit it breaks without a hyphen */
  pango_layout_set_attributes(l, w->nobreak);
  if (width > 0) {
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
  }
  if (markup)
    pango_layout_set_markup(l, text, -1);
  else
    pango_layout_set_text(l, text, -1);
  euro_together(l);
  return l;
}

/* A word too long for the width (a code, a long name without break
 * points) would stick out: let such a layout break anywhere instead. */
static void no_overflow(PangoLayout *l, double width) {
  if (width > 0 && lw(l) > width + 0.01)
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
}

/* Running text in a narrow column shows a hyphen where it breaks at a
 * soft hyphen. */
static void running_text(pdfw *w, PangoLayout *l) {
  pango_layout_set_attributes(l, w->fonts.nohyph);
  euro_together(l);
}

/* Insert soft hyphens into running text (never into a capitalised word,
 * render/hyph.h). Only prose cells of narrow table columns get them: body
 * text is set ragged-right at full width and needs none, and names in
 * tables, tiles, chart labels and headings are never hyphenated. */
static char *hyphenate(pdfw *w, const char *text) {
  zt_buf b;
  char *out;
  zt_buf_init(&b, 1u << 20);
  if (!w->hyph || zt_hyph_text(w->hyph, text, &b) != ZT_OK) {
    zt_buf_free(&b);
    return g_strdup(text);
  }
  out = g_strdup(zt_buf_str(&b));
  zt_buf_free(&b);
  return out;
}

/* Inline runs as pango markup. */
static char *runs_markup(const zt_text *t) {
  GString *s = g_string_new(NULL);
  for (size_t i = 0; i < t->n; i++) {
    char *esc = g_markup_escape_text(t->runs[i].text, -1);
    unsigned f = t->runs[i].flags;
    if (f & ZT_RUN_STRONG)
      g_string_append(s, "<b>");
    if (f & ZT_RUN_EM)
      g_string_append(s, "<i>");
    g_string_append(s, esc);
    if (f & ZT_RUN_EM)
      g_string_append(s, "</i>");
    if (f & ZT_RUN_STRONG)
      g_string_append(s, "</b>");
    g_free(esc);
  }
  return g_string_free(s, FALSE);
}

static void line_tops(PangoLayout *l, double **tops, int *n) {
  PangoLayoutIter *it = pango_layout_get_iter(l);
  int count = pango_layout_get_line_count(l), i = 0;
  double *t = g_new0(double, (size_t)count + 1);
  do {
    int y0, y1;
    pango_layout_iter_get_line_yrange(it, &y0, &y1);
    t[i] = (double)y0 / PANGO_SCALE;
    t[i + 1] = (double)y1 / PANGO_SCALE;
    i++;
  } while (i < count && pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  *tops = t;
  *n = count;
}

/* Draw lines [from, to) of a layout with the top of line `from` at y. */
static void draw_lines(cairo_t *cr, PangoLayout *l, const double *tops,
                       double x, double y, int from, int to) {
  PangoLayoutIter *it = pango_layout_get_iter(l);
  int i = 0;
  do {
    if (i >= from && i < to) {
      PangoRectangle log;
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
      double base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
      pango_layout_iter_get_line_extents(it, NULL, &log);
      cairo_move_to(cr, x + (double)log.x / PANGO_SCALE,
                    y + base - tops[from]);
      pango_cairo_show_layout_line(cr, line);
      cairo_new_path(cr);
    }
    i++;
  } while (i < to && pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
}

static void show(cairo_t *cr, PangoLayout *l, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, l);
  cairo_new_path(cr);
}

static void tag(pdfw *w, const char *name) {
  cairo_tag_begin(w->cr, name, "");
}
static void untag(pdfw *w, const char *name) { cairo_tag_end(w->cr, name); }

/* Decoration drawn between the leaves of a structure element (a table
 * row's shading and rules): cairo 1.16 marks content only inside leaf
 * elements, so it gets a NonStruct leaf that the post-pass turns into a
 * layout artifact. */
static void deco_begin(pdfw *w) { tag(w, ZT_TAG_FURNITURE); }
static void deco_end(pdfw *w) {
  untag(w, ZT_TAG_FURNITURE);
  if (w->a11y)
    w->a11y->decoration++;
}

/* --- pass 1: layout ------------------------------------------------------ */

static void add_frag(pdfw *w, size_t blk, fpart part, double h, size_t from,
                     size_t to, bool cont, int which) {
  frag f;
  f.page = w->page;
  f.y = w->y;
  f.h = h;
  f.blk = blk;
  f.part = part;
  f.from = from;
  f.to = to;
  f.cont = cont;
  f.which = which;
  g_array_append_val(w->frags, f);
  if (w->lays[blk].page < 0)
    w->lays[blk].page = w->page;
  w->y += h;
}

static void new_page(pdfw *w) {
  w->page++;
  w->y = TOP;
}

static bool at_top(const pdfw *w) { return w->y <= TOP + 0.01; }

static double room(const pdfw *w) { return BOTTOM - w->y; }

/* Begin on a new page unless at the top of one. */
static void page_top(pdfw *w) {
  if (!at_top(w))
    new_page(w);
}

/* Keep `h` together: a new page unless it fits here or this is the top
 * of a page. */
static void keep(pdfw *w, double h) {
  if (h > room(w) && !at_top(w))
    new_page(w);
}

/* Space before a block; nothing at the top of a page. */
static void space(pdfw *w, double s) {
  if (!at_top(w))
    w->y += s;
}

/* A block that breaks over pages between units (table of contents
 * entries, paragraph lines, list items, tile rows, table rows): what
 * varies between them is how many units fit on the current page. */
typedef struct split split;
struct split {
  fpart part;
  int which;               /* frag.which */
  size_t first, n;         /* the units first..n */
  bool always;             /* one fragment even with no units (a table's
                              caption and header) */
  /* The units from..*to that go on the current page and their height
   * *h; false when none go here and the block starts on a new page. */
  bool (*fit)(const pdfw *w, const split *s, size_t from, size_t *to,
              double *h);
  const lay *L;            /* lines, items, tile rows */
  const tlay *tl;          /* table rows */
  double cap, hh, tail;    /* table: caption, header, notes */
};

/* Lay the units of block `blk` out from the current position: a
 * fragment per page, each later one a continuation. */
static void place_split(pdfw *w, size_t blk, const split *s) {
  size_t k = s->first;
  bool cont = false;
  if (k >= s->n && !s->always)
    return;
  for (;;) {
    size_t to;
    double h;
    if (!s->fit(w, s, k, &to, &h)) {
      new_page(w);
      cont = cont || k > s->first;
      continue;
    }
    add_frag(w, blk, s->part, h, k, to, cont || k > s->first, s->which);
    k = to;
    if (k >= s->n)
      break;
    new_page(w);
    cont = true;
  }
}

static void measure_table(pdfw *w, tlay *tl, const zt_table *t,
                          int number, bool is_chart_data) {
  size_t nr = t->nrows, nc = t->ncols;
  double *minw = g_new0(double, nc), *maxw = g_new0(double, nc);
  double summin = 0, summax = 0, wsum = 0;
  char *cap;
  tl->t = t;
  tl->colw = g_new0(double, nc);
  tl->cells = g_new0(PangoLayout *, nr * nc);
  tl->rowh = g_new0(double, nr);
  /* natural widths */
  for (size_t r = 0; r < nr; r++) {
    if ((t->rflags[r] & ZT_ROW_GROUP) || zt_table_line_row(t, r))
      continue;
    for (size_t c = 0; c < nc; c++) {
      const char *s = zt_table_cell(t, r, c);
      bool bold = (t->rflags[r] & (ZT_ROW_HEAD | ZT_ROW_TOTAL)) ||
                  (zt_table_cflags(t, r, c) & ZT_CELL_STRONG);
      zt_font f = bold ? ZT_F_SMALL_BOLD : ZT_F_SMALL;
      zt_extents e;
      double word = 0;
      bool prose = (zt_table_cflags(t, r, c) & ZT_CELL_WRAPHYPH) &&
                   !(t->rflags[r] & ZT_ROW_HEAD);
      zt_fonts_measure(&w->fonts, s, f, &e);
      if (e.w + 2 * PADX > maxw[c])
        maxw[c] = e.w + 2 * PADX;
      if (t->numeric[c] && !(t->rflags[r] & ZT_ROW_HEAD)) {
        word = e.w;
      } else if (is_chart_data && c == 0 && !(t->rflags[r] & ZT_ROW_HEAD) &&
                 e.w <= WIDTH / 4) {
        /* a chart's categories ("2e hj 2022", a municipality) stay on one
         * line: the other columns' headers wrap instead */
        word = e.w;
      } else {
        /* the widest word */
        const char *p = s;
        while (*p) {
          const char *q = strchr(p, ' ');
          size_t len = q ? (size_t)(q - p) : strlen(p);
          char buf[256];
          zt_extents we;
          if (len >= sizeof buf)
            len = sizeof buf - 1;
          memcpy(buf, p, len);
          buf[len] = '\0';
          zt_fonts_measure(&w->fonts, buf, f, &we);
          /* a lower-case word of a prose cell will be hyphenated; any
           * other word (a name, a number) needs its whole width */
          if (prose && buf[0] >= 'a' && buf[0] <= 'z' && we.w > 60)
            we.w = 60;
          if (we.w > word)
            word = we.w;
          if (!q)
            break;
          p = q + 1;
        }
        /* only prose cells are hyphenated (not names, not headers):
         * a column gets its widest name whole, up to a third of the
         * table */
        if (word > WIDTH / 3)
          word = WIDTH / 3;
      }
      if (word + 2 * PADX > minw[c])
        minw[c] = word + 2 * PADX;
    }
  }
  for (size_t c = 0; c < nc; c++) {
    if (maxw[c] < minw[c])
      maxw[c] = minw[c];
    summin += minw[c];
    summax += maxw[c];
    wsum += t->weight[c];
  }
  tl->width = WIDTH;
  if (summax <= WIDTH) {
    /* everything fits on one line: a narrow table stays narrower than
     * the page (labels near their numbers); spread the rest, half to the
     * label column, half over the number columns */
    double tw = summax + 36.0 * (double)nc, extra;
    if (tw < WIDTH * 0.62)
      tw = WIDTH * 0.62;
    if (tw > WIDTH || wsum > 0)
      tw = WIDTH;
    tl->width = tw;
    extra = tw - summax;
    size_t nnum = 0;
    for (size_t c = 0; c < nc; c++)
      nnum += t->numeric[c];
    for (size_t c = 0; c < nc; c++) {
      tl->colw[c] = maxw[c];
      if (wsum > 0)
        tl->colw[c] += extra * t->weight[c] / wsum;
      else if (c == 0 && nnum)
        tl->colw[c] += extra * 0.5;
      else if (t->numeric[c] && nnum)
        tl->colw[c] += extra * 0.5 / (double)nnum;
      else if (!nnum)
        tl->colw[c] += extra / (double)nc;
    }
  } else if (summin <= WIDTH) {
    double extra = WIDTH - summin, want = 0;
    for (size_t c = 0; c < nc; c++)
      want += (maxw[c] - minw[c]) * (t->weight[c] > 0 ? t->weight[c] : 1);
    for (size_t c = 0; c < nc; c++)
      tl->colw[c] = minw[c] +
                    (want > 0 ? extra * (maxw[c] - minw[c]) *
                                    (t->weight[c] > 0 ? t->weight[c] : 1) /
                                    want
                              : extra / (double)nc);
  } else {
    /* too many columns: shrink proportionally; cells then break anywhere
     * rather than overflow */
    for (size_t c = 0; c < nc; c++)
      tl->colw[c] = minw[c] * WIDTH / summin;
  }
  /* cell layouts */
  for (size_t r = 0; r < nr; r++) {
    double h = 0;
    if (t->rflags[r] & ZT_ROW_GROUP) {
      PangoLayout *l = mk(w, zt_table_cell(t, r, 0), false, ZT_F_SMALL_BOLD,
                          tl->width - 2 * PADX);
      tl->cells[r * nc] = l;
      tl->rowh[r] = lh(l) + 2 * PADY + 3;
      continue;
    }
    for (size_t c = 0; c < nc; c++) {
      const char *s = zt_table_cell(t, r, c);
      bool head = t->rflags[r] & ZT_ROW_HEAD;
      bool bold = head || (t->rflags[r] & ZT_ROW_TOTAL) ||
                  (zt_table_cflags(t, r, c) & ZT_CELL_STRONG);
      double cw = (c == 0 && zt_table_line_row(t, r) ? tl->width
                                                     : tl->colw[c]) -
                  2 * PADX;
      bool prose = (zt_table_cflags(t, r, c) & ZT_CELL_WRAPHYPH) && !head;
      char *text = prose && cw < HYPH_BELOW ? hyphenate(w, s) : NULL;
      PangoLayout *l = mk(w, text ? text : s, false,
                          bold ? ZT_F_SMALL_BOLD : ZT_F_SMALL, cw);
      g_free(text);
      if (prose)
        running_text(w, l);
      if (summin > WIDTH)
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
      no_overflow(l, cw);
      if (t->numeric[c])
        pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
      tl->cells[r * nc + c] = l;
      if (lh(l) > h)
        h = lh(l);
    }
    tl->rowh[r] = h + 2 * PADY;
  }
  /* caption and notes */
  /* a chart's data table keeps its own caption ("Cijfers bij figuur:
   * ...") and takes no table number */
  if (is_chart_data)
    cap = g_strdup(t->caption ? t->caption : "");
  else
    cap = g_strdup_printf("Tabel %d. %s", number,
                          t->caption ? t->caption : "");
  {
    char *esc = g_markup_escape_text(cap, -1);
    char *cont = g_strdup_printf("%s <i>(vervolg)</i>", esc);
    tl->caption = mk(w, cap, false, ZT_F_CAPTION, WIDTH);
    tl->caption_cont = mk(w, cont, true, ZT_F_CAPTION, WIDTH);
    g_free(esc);
    g_free(cont);
  }
  g_free(cap);
  tl->notes = g_new0(PangoLayout *, t->nnotes + 1);
  tl->notes_h = 0;
  for (size_t i = 0; i < t->nnotes; i++) {
    tl->notes[i] = mk(w, t->notes[i], false, ZT_F_SMALL, WIDTH);
    tl->notes_h += lh(tl->notes[i]) + 1;
  }
  g_free(minw);
  g_free(maxw);
}

static double head_h(const tlay *tl) {
  double h = 0;
  for (size_t r = 0; r < tl->t->nrows && (tl->t->rflags[r] & ZT_ROW_HEAD);
       r++)
    h += tl->rowh[r];
  return h;
}

/* Table rows: the caption and header always come with rows; the break
 * rule is zt_table_rows_here (table.h). */
static bool fit_rows(const pdfw *w, const split *s, size_t from,
                     size_t *to, double *h) {
  const tlay *tl = s->tl;
  size_t r = from, nr = s->n, n;
  *h = s->cap + s->hh;
  n = zt_table_rows_here(tl->rowh, r, nr, room(w) - *h, BOTTOM - TOP - *h,
                         s->tail, r == s->first);
  if (n == 0 && r < nr) {
    if (!at_top(w))
      return false;
    /* rows taller than a third of a page: as many as fit, at least
     * one */
    while (r < nr && (r == from || *h + tl->rowh[r] <= room(w)))
      *h += tl->rowh[r++];
  } else {
    for (size_t k = 0; k < n; k++)
      *h += tl->rowh[r++];
  }
  *to = r;
  return true;
}

/* Lay a measured table out from the current position, breaking between
 * rows and repeating the caption and header on every page. */
static void place_table(pdfw *w, size_t blk, tlay *tl, int which) {
  split s = {.part = F_TABLE, .which = which, .always = true,
             .fit = fit_rows, .tl = tl};
  s.first = zt_table_head_rows(tl->t);
  s.n = tl->t->nrows;
  s.cap = lh(tl->caption) + 3;
  s.hh = head_h(tl);
  s.tail = tl->t->nnotes ? tl->notes_h + 3 : 0;
  space(w, 8);
  place_split(w, blk, &s);
  if (tl->t->nnotes) {
    if (tl->notes_h + 3 > room(w))
      new_page(w);
    w->y += 3;
    add_frag(w, blk, F_TABLE_NOTES, tl->notes_h, 0, 0, false, which);
  }
  w->y += 8;
}

/* Make a one-line layout fit `width` by lowering its font size (never
 * below 9 pt); a key figure is never wrapped or clipped. */
static void shrink_to_fit(PangoLayout *l, const PangoFontDescription *d,
                          double width) {
  double size = (double)pango_font_description_get_size(d) / PANGO_SCALE;
  PangoFontDescription *fd;
  if (lw(l) <= width)
    return;
  fd = pango_font_description_copy(d);
  while (lw(l) > width && size > 9.0) {
    size = size * width / lw(l) - 0.2;
    if (size < 9.0)
      size = 9.0;
    pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
    pango_layout_set_font_description(l, fd);
  }
  pango_font_description_free(fd);
}

static void measure_tiles(pdfw *w, lay *L, const zt_block *b) {
  size_t n = b->ntiles;
  int cols = n <= 4 ? (int)n : 3;
  double tw;
  if (cols < 1)
    cols = 1;
  tw = (WIDTH - TILE_GAP * (cols - 1)) / cols;
  L->tile_cols = cols;
  L->tile_w = tw;
  L->items = g_new0(PangoLayout *, TILE_LAYOUTS * n + 1);
  L->nitems = n;
  L->tile_rows = (n + (size_t)cols - 1) / (size_t)cols;
  L->tile_row_h = g_new0(double, L->tile_rows + 1);
  for (size_t i = 0; i < n; i++) {
    const zt_tile *t = &b->tiles[i];
    PangoLayout **it = &L->items[TILE_LAYOUTS * i];
    double inner = tw - 2 * TILE_PAD - 4, h;
    it[0] = mk(w, t->label, false, ZT_F_SMALL, inner);
    no_overflow(it[0], inner);
    it[1] = mk(w, t->value, false, ZT_F_TILE_VALUE, 0);
    shrink_to_fit(it[1], w->fonts.desc[ZT_F_TILE_VALUE], inner);
    it[2] = t->target ? mk(w, t->target, false, ZT_F_SMALL, inner) : NULL;
    if (t->status != ZT_TS_NONE) {
      char *st = g_strdup_printf("%s %s", zt_target_status_symbol(t->status),
                                 zt_target_status_word(t->status));
      it[3] = mk(w, st, false, ZT_F_SMALL_BOLD, inner);
      g_free(st);
    }
    if (t->note) {
      it[4] = mk(w, t->note, false, ZT_F_SMALL, inner);
      no_overflow(it[4], inner);
    }
    h = 2 * TILE_PAD + lh(it[0]) + 3 + lh(it[1]);
    if (it[4])
      h += 1 + lh(it[4]);
    if (it[2])
      h += 2 + lh(it[2]);
    if (it[3])
      h += 1 + lh(it[3]);
    if (h > L->tile_row_h[i / (size_t)cols])
      L->tile_row_h[i / (size_t)cols] = h;
  }
}

static void measure_block(pdfw *w, size_t i) {
  const zt_block *b = &w->doc->blocks[i];
  lay *L = &w->lays[i];
  switch (b->kind) {
  case ZT_BLK_HEADING: {
    char *esc = g_markup_escape_text(b->title ? b->title : "", -1);
    char *m = b->number ? g_strdup_printf("%s\xe2\x80\x82%s", b->number, esc)
                        : g_strdup(esc);
    zt_font f = b->level == 1 ? ZT_F_H1 : b->level == 2 ? ZT_F_H2 : ZT_F_H3;
    L->pl = mk(w, m, true, f, WIDTH);
    g_free(esc);
    g_free(m);
    break;
  }
  case ZT_BLK_PARA:
  case ZT_BLK_NOTE: {
    char *m = runs_markup(&b->text);
    double width = b->kind == ZT_BLK_NOTE ? WIDTH - 24 : WIDTH;
    L->pl = mk(w, m, true, ZT_F_BODY, width);
    pango_layout_set_line_spacing(L->pl, LINE_SPACING);
    no_overflow(L->pl, width);
    g_free(m);
    line_tops(L->pl, &L->line_top, &L->nlines);
    break;
  }
  case ZT_BLK_LIST:
    L->items = g_new0(PangoLayout *, b->nitems + 1);
    L->item_h = g_new0(double, b->nitems + 1);
    L->nitems = b->nitems;
    for (size_t k = 0; k < b->nitems; k++) {
      char *m = runs_markup(&b->items[k]);
      L->items[k] = mk(w, m, true, ZT_F_BODY, WIDTH - 16);
      pango_layout_set_line_spacing(L->items[k], LINE_SPACING);
      no_overflow(L->items[k], WIDTH - 16);
      L->item_h[k] = lh(L->items[k]) + 3;
      g_free(m);
    }
    break;
  case ZT_BLK_TILES: measure_tiles(w, L, b); break;
  case ZT_BLK_CHART: {
    zt_canvas_cairo cc;
    zt_canvas cv;
    char *cap = g_strdup_printf("Figuur %d. %s", b->chart->number,
                                b->title ? b->title : "");
    L->pl = mk(w, cap, false, ZT_F_CAPTION, WIDTH);
    g_free(cap);
    zt_canvas_cairo_init(&cc, &cv, w->cr, &w->fonts, 0, 0);
    L->chart_h = zt_chart_height(b->chart, &cv, WIDTH);
    L->chart_min = zt_chart_min_height(b->chart, &cv, WIDTH);
    zt_canvas_cairo_done(&cc);
    if (b->chart_table_in_pdf && b->chart_table)
      measure_table(w, &L->tab[1], b->chart_table, b->chart->number, true);
    break;
  }
  case ZT_BLK_TABLE:
    measure_table(w, &L->tab[0], b->table, b->table->number, false);
    break;
  default: break;
  }
}

static double para_min(const lay *L) {
  int k = L->nlines < 2 ? L->nlines : 2;
  return L->line_top[k] - L->line_top[0];
}

/* A short paragraph that ends in a colon and opens a list ("De
 * belangrijkste ontwikkelingen ...:") stays with the list's first item. */
static bool leads_list(const pdfw *w, size_t i) {
  const zt_block *b = &w->doc->blocks[i];
  const char *t;
  size_t n;
  if (b->kind != ZT_BLK_PARA || i + 1 >= w->doc->nblocks ||
      w->doc->blocks[i + 1].kind != ZT_BLK_LIST || !b->text.n ||
      w->lays[i].nlines > 4)
    return false;
  t = b->text.runs[b->text.n - 1].text;
  n = t ? strlen(t) : 0;
  while (n && (t[n - 1] == ' ' || t[n - 1] == '\n'))
    n--;
  return n && t[n - 1] == ':';
}

static double min_height(pdfw *w, size_t i);

/* A paragraph that leads a list, whole, with the list's first item. */
static double lead_height(pdfw *w, size_t i) {
  const lay *L = &w->lays[i];
  return L->line_top[L->nlines] - L->line_top[0] + 6 + min_height(w, i + 1);
}

/* How much of block i must fit below a heading that precedes it. */
static double min_height(pdfw *w, size_t i) {
  const zt_block *b;
  lay *L;
  if (i >= w->doc->nblocks)
    return 0;
  b = &w->doc->blocks[i];
  L = &w->lays[i];
  switch (b->kind) {
  case ZT_BLK_PARA:
    return leads_list(w, i) ? lead_height(w, i) + 2 : para_min(L) + 2;
  case ZT_BLK_NOTE: return lh(L->pl) + 16;
  case ZT_BLK_LIST: return L->nitems ? L->item_h[0] : 0;
  case ZT_BLK_TILES: return L->tile_rows ? L->tile_row_h[0] + 6 : 0;
  case ZT_BLK_CHART: return lh(L->pl) + 4 + L->chart_h + 8;
  case ZT_BLK_TABLE: {
    /* what zt_table_rows_here puts on a page first: the whole of a small
     * table, else its first ZT_TABLE_MIN_ROWS rows */
    tlay *tl = &L->tab[0];
    size_t nh = zt_table_head_rows(tl->t), nr = tl->t->nrows;
    double h = lh(tl->caption) + 3 + head_h(tl) + 8, all = 0;
    for (size_t r = nh; r < nr; r++)
      all += tl->rowh[r];
    if (tl->t->nnotes)
      all += tl->notes_h + 3;
    if (nr - nh <= ZT_TABLE_WHOLE_MAX && h + all <= BOTTOM - TOP)
      return h + all;
    for (size_t r = nh; r < nr && r < nh + ZT_TABLE_MIN_ROWS; r++)
      h += tl->rowh[r];
    return h;
  }
  case ZT_BLK_HEADING: return lh(L->pl) + 8 + min_height(w, i + 1);
  default: return 0;
  }
}

/* Table of contents entries: as many as fit, at least one. */
static bool fit_toc(const pdfw *w, const split *s, size_t from, size_t *to,
                    double *h) {
  size_t k = from;
  *h = 0;
  while (k < s->n) {
    double eh = lh(w->toc[k].pl) + 5;
    if (*h + eh > room(w) && k > from)
      break;
    *h += eh;
    k++;
  }
  *to = k;
  return true;
}

/* Paragraph lines: no single first or last line on a page. */
static bool fit_lines(const pdfw *w, const split *s, size_t from,
                      size_t *to, double *h) {
  const lay *L = s->L;
  int line = (int)from, end = line;
  double top = L->line_top[line];
  while (end < L->nlines && L->line_top[end + 1] - top <= room(w))
    end++;
  if (end < L->nlines && end - line < 2 && !at_top(w) &&
      L->nlines - line > 1)
    return false;
  if (end < L->nlines && L->nlines - end == 1 && end - line > 2)
    end--;
  if (end == line)
    end = line + 1;
  *h = L->line_top[end] - top;
  *to = (size_t)end;
  return true;
}

/* List items: as many as fit; one at the top of a page. */
static bool fit_items(const pdfw *w, const split *s, size_t from,
                      size_t *to, double *h) {
  const lay *L = s->L;
  size_t k = from;
  *h = 0;
  while (k < s->n && (*h + L->item_h[k] <= room(w) || k == from)) {
    if (*h + L->item_h[k] > room(w) && !at_top(w))
      break;
    *h += L->item_h[k];
    k++;
  }
  *to = k;
  return k > from;
}

/* Tile rows: as many as fit; one at the top of a page. */
static bool fit_tile_rows(const pdfw *w, const split *s, size_t from,
                          size_t *to, double *h) {
  const lay *L = s->L;
  size_t r = from;
  *h = 0;
  while (r < s->n && *h + L->tile_row_h[r] <= room(w)) {
    *h += L->tile_row_h[r] + TILE_GAP;
    r++;
  }
  if (r == from) {
    if (!at_top(w))
      return false;
    *h = L->tile_row_h[r] + TILE_GAP;
    r++;
  }
  *to = r;
  return true;
}

static void layout_block(pdfw *w, size_t i) {
  const zt_block *b = &w->doc->blocks[i];
  lay *L = &w->lays[i];
  split s = {.L = L};
  switch (b->kind) {
  case ZT_BLK_COVER:
    if (!at_top(w) || w->frags->len > 0)
      new_page(w);
    add_frag(w, i, F_COVER, BOTTOM - TOP, 0, 0, false, 0);
    new_page(w);
    break;
  case ZT_BLK_TOC: {
    page_top(w);
    if (!L->pl)
      L->pl = mk(w, b->title ? b->title : "Inhoud", false, ZT_F_H1,
                 WIDTH);
    add_frag(w, i, F_TOC_TITLE, lh(L->pl) + 14, 0, 0, false, 0);
    s.part = F_TOC_ENTRIES;
    s.n = w->ntoc;
    s.fit = fit_toc;
    place_split(w, i, &s);
    break;
  }
  case ZT_BLK_HEADING: {
    double h = lh(L->pl);
    if (b->new_page || w->brk[i])
      page_top(w);
    space(w, b->level == 1 ? 18 : b->level == 2 ? 14 : 10);
    /* keep the heading with the start of what follows: what that block
     * puts on its first page (a small table or a chart is whole), never
     * more than a page */
    {
      double next = min_height(w, i + 1);
      if (next > BOTTOM - TOP - h - 6)
        next = BOTTOM - TOP - h - 6;
      keep(w, h + 6 + next);
    }
    add_frag(w, i, F_HEADING, h + (b->level == 1 ? 10 : 5), 0, 0, false,
             0);
    break;
  }
  case ZT_BLK_PARA:
    if (leads_list(w, i))
      keep(w, lead_height(w, i));
    s.part = F_LINES;
    s.n = (size_t)L->nlines;
    s.fit = fit_lines;
    place_split(w, i, &s);
    w->y += 6;
    break;
  case ZT_BLK_NOTE: {
    double h = lh(L->pl) + 16;
    space(w, 4);
    keep(w, h);
    add_frag(w, i, F_NOTE, h, 0, 0, false, 0);
    w->y += 10;
    break;
  }
  case ZT_BLK_LIST:
    s.part = F_LIST;
    s.n = L->nitems;
    s.fit = fit_items;
    place_split(w, i, &s);
    w->y += 6;
    break;
  case ZT_BLK_TILES: {
    space(w, 4);
    /* key figures followed by a note (the savings and their caveat) stay
     * on one page when they fit on one */
    if (i + 1 < w->doc->nblocks &&
        w->doc->blocks[i + 1].kind == ZT_BLK_NOTE) {
      double need = 4 + min_height(w, i + 1) + 4;
      for (size_t k = 0; k < L->tile_rows; k++)
        need += L->tile_row_h[k] + TILE_GAP;
      if (need > room(w) && need <= BOTTOM - TOP && !at_top(w))
        new_page(w);
    }
    s.part = F_TILES;
    s.n = L->tile_rows;
    s.fit = fit_tile_rows;
    place_split(w, i, &s);
    w->y += 4;
    break;
  }
  case ZT_BLK_CHART: {
    double cap = lh(L->pl) + 4, ch = L->chart_h;
    space(w, 8);
    if (cap + ch > room(w) && !at_top(w)) {
      /* a chart may give up a little height to stay on the page */
      double avail = room(w) - cap;
      if (avail >= 150 && avail >= L->chart_min)
        ch = avail;
      else
        new_page(w);
    }
    add_frag(w, i, F_CHART, cap + ch, 0, 0, false, 0);
    w->y += 10;
    if (b->chart_table_in_pdf && L->tab[1].t)
      place_table(w, i, &L->tab[1], 1);
    break;
  }
  case ZT_BLK_TABLE: place_table(w, i, &L->tab[0], 0); break;
  case ZT_BLK_PAGEBREAK: page_top(w); break;
  }
}

/* Lay out every block, from the first page. */
static void layout_all(pdfw *w) {
  g_array_set_size(w->frags, 0);
  for (size_t i = 0; i < w->doc->nblocks; i++)
    w->lays[i].page = -1;
  w->page = 0;
  w->y = TOP;
  for (size_t i = 0; i < w->doc->nblocks; i++)
    layout_block(w, i);
  w->npages = 1;
  if (w->frags->len)
    w->npages = g_array_index(w->frags, frag, w->frags->len - 1).page + 1;
}

/* A runt: the last lines of a section alone on the page before a new
 * chapter (a paragraph or a note of a few lines, the page else empty).
 * Its section's heading, if it began on the page before, then starts a
 * page itself and takes the section with it. Returns whether a heading
 * was marked. */
static bool mark_runts(pdfw *w) {
  const zt_doc *d = w->doc;
  bool marked = false;
  for (guint k = 0; k < w->frags->len;) {
    const frag *f = &g_array_index(w->frags, frag, k);
    int page = f->page;
    double used = 0;
    guint e = k;
    size_t next;
    for (; e < w->frags->len &&
           g_array_index(w->frags, frag, e).page == page; e++)
      used += g_array_index(w->frags, frag, e).h;
    next = e < w->frags->len ? g_array_index(w->frags, frag, e).blk
                             : d->nblocks;
    if (page > 0 && used < (BOTTOM - TOP) / 8 && next < d->nblocks &&
        ((d->blocks[next].kind == ZT_BLK_HEADING &&
          d->blocks[next].new_page) ||
         (next > 0 && d->blocks[next - 1].kind == ZT_BLK_PAGEBREAK))) {
      /* the section heading before the runt, on the page before */
      for (size_t i = f->blk + 1; i-- > 0;) {
        const zt_block *b = &d->blocks[i];
        if (b->kind != ZT_BLK_HEADING)
          continue;
        if (!b->new_page && !w->brk[i] && w->lays[i].page == page - 1) {
          w->brk[i] = true;
          marked = true;
        }
        break;
      }
    }
    k = e;
  }
  return marked;
}

static void build_toc(pdfw *w) {
  const zt_doc *d = w->doc;
  size_t n = 0;
  for (size_t i = 0; i < d->nblocks; i++)
    if (d->blocks[i].kind == ZT_BLK_HEADING &&
        d->blocks[i].level <= d->toc_depth)
      n++;
  w->toc = g_new0(toc_entry, n + 1);
  for (size_t i = 0; i < d->nblocks; i++) {
    const zt_block *b = &d->blocks[i];
    char *txt;
    if (b->kind != ZT_BLK_HEADING || b->level > d->toc_depth)
      continue;
    txt = g_strdup_printf("%s%s%s", b->number ? b->number : "",
                          b->number ? "\xe2\x80\x82" : "", b->title);
    w->toc[w->ntoc].blk = i;
    w->toc[w->ntoc].pl = mk(w, txt, false,
                            b->level == 1 ? ZT_F_BODY_BOLD : ZT_F_BODY,
                            WIDTH - 60 - (b->level - 1) * 18);
    g_free(txt);
    w->ntoc++;
  }
}

/* --- pass 2: drawing ----------------------------------------------------- */

static void draw_footer(pdfw *w, int page) {
  char num[64];
  PangoLayout *l, *r;
  char *left;
  if (page == 0 && w->doc->nblocks &&
      w->doc->blocks[0].kind == ZT_BLK_COVER)
    return;
  snprintf(num, sizeof num, "pagina %d van %d", page + 1, w->npages);
  left = g_strdup_printf("%s \xc2\xb7 %s \xc2\xb7 %s", w->doc->title,
                         w->doc->region, w->doc->period);
  tag(w, ZT_TAG_FURNITURE);
  l = mk(w, left, false, ZT_F_FOOTER, WIDTH - 90);
  pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
  r = mk(w, num, false, ZT_F_FOOTER, 0);
  set_rgb(w->cr, ZT_C_RULE);
  cairo_set_line_width(w->cr, 0.5);
  cairo_move_to(w->cr, LEFT, BOTTOM + 22);
  cairo_line_to(w->cr, LEFT + WIDTH, BOTTOM + 22);
  cairo_stroke(w->cr);
  set_rgb(w->cr, ZT_C_MUTED);
  show(w->cr, l, LEFT, BOTTOM + 27);
  show(w->cr, r, LEFT + WIDTH - lw(r), BOTTOM + 27);
  untag(w, ZT_TAG_FURNITURE);
  if (w->a11y)
    w->a11y->furniture++;
  g_object_unref(l);
  g_object_unref(r);
  g_free(left);
}

static void draw_cover(pdfw *w) {
  const zt_doc *d = w->doc;
  PangoLayout *l;
  double y = 250;
  char *line;
  /* a calm colour band, inside the first paragraph's element */
  tag(w, ZT_TAG_P);
  set_rgb(w->cr, ZT_C_HEADING);
  cairo_rectangle(w->cr, 0, 0, ZT_PAGE_W, 190);
  cairo_fill(w->cr);
  l = mk(w, d->region, false, ZT_F_COVER_SUB, WIDTH);
  cairo_set_source_rgb(w->cr, 1, 1, 1);
  show(w->cr, l, LEFT, 120);
  g_object_unref(l);
  untag(w, ZT_TAG_P);
  tag(w, ZT_TAG_P);
  l = mk(w, d->title, false, ZT_F_COVER_TITLE, WIDTH);
  set_rgb(w->cr, ZT_C_HEADING);
  show(w->cr, l, LEFT, y);
  y += lh(l) + 12;
  g_object_unref(l);
  untag(w, ZT_TAG_P);
  if (d->subtitle) {
    tag(w, ZT_TAG_P);
    l = mk(w, d->subtitle, false, ZT_F_COVER_SUB, WIDTH);
    set_rgb(w->cr, ZT_C_TEXT);
    show(w->cr, l, LEFT, y);
    y += lh(l) + 8;
    g_object_unref(l);
    untag(w, ZT_TAG_P);
  }
  tag(w, ZT_TAG_P);
  l = mk(w, d->period, false, ZT_F_COVER_SUB, WIDTH);
  set_rgb(w->cr, ZT_C_TEXT);
  show(w->cr, l, LEFT, y);
  y += lh(l) + 40;
  g_object_unref(l);
  untag(w, ZT_TAG_P);
  if (d->members && *d->members) {
    tag(w, ZT_TAG_P);
    line = g_strdup_printf("Gemeenten: %s", d->members);
    l = mk(w, line, false, ZT_F_BODY, WIDTH);
    set_rgb(w->cr, ZT_C_TEXT);
    show(w->cr, l, LEFT, y);
    y += lh(l) + 6;
    g_object_unref(l);
    g_free(line);
    untag(w, ZT_TAG_P);
  }
  /* the document's status, in words and large enough to be seen */
  tag(w, ZT_TAG_P);
  line = g_strdup_printf("Status: %s", d->status ? d->status : "concept");
  l = mk(w, line, false, ZT_F_BODY_BOLD, WIDTH);
  set_rgb(w->cr, d->status && strcmp(d->status, "definitief") == 0
                     ? ZT_C_HEADING
                     : ZT_C_NOT_OK);
  show(w->cr, l, LEFT, y);
  y += lh(l) + 6;
  g_object_unref(l);
  g_free(line);
  untag(w, ZT_TAG_P);
  tag(w, ZT_TAG_P);
  line = g_strdup_printf("Peildatum: %s%s%s", d->peildatum,
                         d->delivery ? "\n" : "",
                         d->delivery ? d->delivery : "");
  l = mk(w, line, false, ZT_F_BODY, WIDTH);
  set_rgb(w->cr, ZT_C_MUTED);
  show(w->cr, l, LEFT, y);
  y += lh(l) + 30;
  g_object_unref(l);
  g_free(line);
  untag(w, ZT_TAG_P);
  if (d->cover_note) {
    tag(w, ZT_TAG_P);
    l = mk(w, d->cover_note, false, ZT_F_BODY, WIDTH - 20);
    set_rgb(w->cr, ZT_C_NOT_OK);
    cairo_set_line_width(w->cr, 1.0);
    cairo_rectangle(w->cr, LEFT, y, WIDTH, lh(l) + 16);
    cairo_stroke(w->cr);
    set_rgb(w->cr, ZT_C_TEXT);
    show(w->cr, l, LEFT + 10, y + 8);
    y += lh(l) + 16 + 14;
    g_object_unref(l);
    untag(w, ZT_TAG_P);
  }
  if (d->not_for_publication) {
    tag(w, ZT_TAG_P);
    l = mk(w, "\xe2\x9a\xa0 Niet voor publicatie: werkversie zonder "
              "onderdrukking van kleine aantallen.",
           false, ZT_F_BODY_BOLD, WIDTH - 20);
    set_rgb(w->cr, ZT_C_NOT_OK);
    cairo_set_line_width(w->cr, 1.2);
    cairo_rectangle(w->cr, LEFT, y, WIDTH, lh(l) + 16);
    cairo_stroke(w->cr);
    show(w->cr, l, LEFT + 10, y + 8);
    g_object_unref(l);
    untag(w, ZT_TAG_P);
  }
}

static void draw_heading(pdfw *w, const zt_block *b, const lay *L,
                         double y) {
  const char *t = b->level == 1 ? ZT_TAG_H1
                  : b->level == 2 ? ZT_TAG_H2 : ZT_TAG_H3;
  char *attr = g_strdup_printf("name='%s'", b->anchor);
  char *dest = g_strdup_printf("dest='%s'", b->anchor);
  char *title = g_strdup_printf("%s%s%s", b->number ? b->number : "",
                                b->number ? " " : "", b->title);
  int parent = b->level > 1 ? w->outline_parent[b->level - 1]
                            : CAIRO_PDF_OUTLINE_ROOT;
  tag(w, t);
  cairo_tag_begin(w->cr, CAIRO_TAG_DEST, attr);
  set_rgb(w->cr, ZT_C_HEADING);
  show(w->cr, L->pl, LEFT, y);
  cairo_tag_end(w->cr, CAIRO_TAG_DEST);
  if (b->level == 1) {
    set_rgb(w->cr, ZT_C_HEADING);
    cairo_set_line_width(w->cr, 1.0);
    cairo_move_to(w->cr, LEFT, y + lh(L->pl) + 4);
    cairo_line_to(w->cr, LEFT + WIDTH, y + lh(L->pl) + 4);
    cairo_stroke(w->cr);
  }
  untag(w, t);
  if (parent < 0)
    parent = CAIRO_PDF_OUTLINE_ROOT;
  w->outline_parent[b->level] = cairo_pdf_surface_add_outline(
      w->surf, parent, title, dest,
      b->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
  for (int k = b->level + 1; k < 4; k++)
    w->outline_parent[k] = w->outline_parent[b->level];
  g_free(attr);
  g_free(dest);
  g_free(title);
}

static void draw_toc_entries(pdfw *w, const frag *f) {
  double y = f->y;
  for (size_t k = f->from; k < f->to; k++) {
    toc_entry *e = &w->toc[k];
    const zt_block *b = &w->doc->blocks[e->blk];
    double indent = (b->level - 1) * 18.0, nw;
    char num[16], *dest, *desc;
    PangoLayout *nl;
    snprintf(num, sizeof num, "%d", w->lays[e->blk].page + 1);
    nl = mk(w, num, false, b->level == 1 ? ZT_F_BODY_BOLD : ZT_F_BODY, 0);
    dest = g_strdup_printf("dest='%s'", b->anchor);
    desc = g_strdup_printf("Ga naar %s%s%s, pagina %s",
                           b->number ? b->number : "", b->number ? " " : "",
                           b->title, num);
    tag(w, ZT_TAG_TOCI);
    cairo_tag_begin(w->cr, CAIRO_TAG_LINK, dest);
    set_rgb(w->cr, ZT_C_TEXT);
    show(w->cr, e->pl, LEFT + indent, y);
    nw = lw(nl);
    show(w->cr, nl, LEFT + WIDTH - nw, y);
    /* dot leader */
    {
      PangoLayoutIter *it = pango_layout_get_iter(e->pl);
      PangoRectangle log;
      double base, lx;
      while (pango_layout_iter_next_line(it))
        ;
      pango_layout_iter_get_line_extents(it, NULL, &log);
      base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
      lx = LEFT + indent + (double)(log.x + log.width) / PANGO_SCALE + 6;
      pango_layout_iter_free(it);
      if (LEFT + WIDTH - nw - 6 > lx) {
        static const double dots[2] = {0.8, 2.6};
        set_rgb(w->cr, ZT_C_RULE);
        cairo_set_line_width(w->cr, 0.9);
        cairo_set_line_cap(w->cr, CAIRO_LINE_CAP_ROUND);
        cairo_set_dash(w->cr, dots, 2, 0);
        cairo_move_to(w->cr, lx, y + base);
        cairo_line_to(w->cr, LEFT + WIDTH - nw - 6, y + base);
        cairo_stroke(w->cr);
        cairo_set_dash(w->cr, NULL, 0, 0);
        cairo_set_line_cap(w->cr, CAIRO_LINE_CAP_BUTT);
      }
    }
    cairo_tag_end(w->cr, CAIRO_TAG_LINK);
    untag(w, ZT_TAG_TOCI);
    if (w->a11y)
      g_ptr_array_add(w->a11y->link_desc, g_strdup(desc));
    y += lh(e->pl) + 5;
    g_object_unref(nl);
    g_free(dest);
    g_free(desc);
  }
}

static void draw_tiles(pdfw *w, const zt_block *b, const lay *L,
                       const frag *f) {
  double y = f->y;
  tag(w, ZT_TAG_L);
  for (size_t r = f->from; r < f->to; r++) {
    for (int c = 0; c < L->tile_cols; c++) {
      size_t i = r * (size_t)L->tile_cols + (size_t)c;
      const zt_tile *t;
      PangoLayout *const *it;
      double x = LEFT + c * (L->tile_w + TILE_GAP), ty;
      uint32_t bar;
      if (i >= b->ntiles)
        break;
      t = &b->tiles[i];
      it = &L->items[TILE_LAYOUTS * i];
      bar = t->status == ZT_TS_NONE ? 0x4477aaU : zt_status_color(t->status);
      tag(w, ZT_TAG_LI);
      tag(w, ZT_TAG_LBODY);
      set_rgb(w->cr, ZT_C_SHADE);
      cairo_rectangle(w->cr, x, y, L->tile_w, L->tile_row_h[r]);
      cairo_fill(w->cr);
      set_rgb(w->cr, bar);
      cairo_rectangle(w->cr, x, y, 4, L->tile_row_h[r]);
      cairo_fill(w->cr);
      ty = y + TILE_PAD;
      set_rgb(w->cr, ZT_C_TEXT);
      show(w->cr, it[0], x + TILE_PAD + 4, ty);
      ty += lh(it[0]) + 3;
      set_rgb(w->cr, ZT_C_HEADING);
      show(w->cr, it[1], x + TILE_PAD + 4, ty);
      ty += lh(it[1]) + 2;
      if (it[4]) {
        set_rgb(w->cr, ZT_C_MUTED);
        show(w->cr, it[4], x + TILE_PAD + 4, ty);
        ty += lh(it[4]) + 1;
      }
      if (it[2]) {
        set_rgb(w->cr, ZT_C_MUTED);
        show(w->cr, it[2], x + TILE_PAD + 4, ty);
        ty += lh(it[2]) + 1;
      }
      if (it[3]) {
        set_rgb(w->cr, zt_status_color(t->status));
        show(w->cr, it[3], x + TILE_PAD + 4, ty);
      }
      untag(w, ZT_TAG_LBODY);
      untag(w, ZT_TAG_LI);
    }
    y += L->tile_row_h[r] + TILE_GAP;
  }
  untag(w, ZT_TAG_L);
}

static void draw_table_row(pdfw *w, const tlay *tl, size_t r, double y) {
  const zt_table *t = tl->t;
  double x = LEFT;
  bool head = t->rflags[r] & ZT_ROW_HEAD;
  bool total = t->rflags[r] & ZT_ROW_TOTAL;
  tag(w, ZT_TAG_TR);
  if (t->rflags[r] & ZT_ROW_GROUP) {
    tag(w, ZT_TAG_TH);
    if (w->a11y)
      g_ptr_array_add(w->a11y->th_scope, g_strdup("Rowgroup"));
    set_rgb(w->cr, ZT_C_SHADE);
    cairo_rectangle(w->cr, LEFT, y, tl->width, tl->rowh[r]);
    cairo_fill(w->cr);
    set_rgb(w->cr, ZT_C_HEADING);
    show(w->cr, tl->cells[r * t->ncols], LEFT + PADX, y + PADY + 1.5);
    untag(w, ZT_TAG_TH);
    untag(w, ZT_TAG_TR);
    return;
  }
  if (head) {
    deco_begin(w);
    set_rgb(w->cr, ZT_C_SHADE);
    cairo_rectangle(w->cr, LEFT, y, tl->width, tl->rowh[r]);
    cairo_fill(w->cr);
    deco_end(w);
  }
  for (size_t c = 0; c < t->ncols; c++) {
    bool th = head || (c == 0 && t->row_header);
    const char *ttag = th ? ZT_TAG_TH : ZT_TAG_TD;
    PangoLayout *l = tl->cells[r * t->ncols + c];
    tag(w, ttag);
    if (th && w->a11y)
      g_ptr_array_add(w->a11y->th_scope, g_strdup(head ? "Column" : "Row"));
    set_rgb(w->cr, head ? ZT_C_HEADING : ZT_C_TEXT);
    show(w->cr, l, x + PADX, y + PADY);
    untag(w, ttag);
    x += tl->colw[c];
  }
  /* rules: a strong one under the header, one above a total, light ones
   * between rows, and a vertical one where a new group of columns
   * starts */
  deco_begin(w);
  x = LEFT;
  for (size_t c = 0; c < t->ncols; c++) {
    if (t->sep[c]) {
      set_rgb(w->cr, ZT_C_AXIS);
      cairo_set_line_width(w->cr, 0.9);
      cairo_move_to(w->cr, x, y);
      cairo_line_to(w->cr, x, y + tl->rowh[r]);
      cairo_stroke(w->cr);
    }
    x += tl->colw[c];
  }
  set_rgb(w->cr, head ? ZT_C_HEADING : total ? ZT_C_AXIS : ZT_C_GRID);
  cairo_set_line_width(w->cr, head ? 1.0 : total ? 0.9 : 0.5);
  if (total) {
    cairo_move_to(w->cr, LEFT, y);
    cairo_line_to(w->cr, LEFT + tl->width, y);
  } else {
    cairo_move_to(w->cr, LEFT, y + tl->rowh[r]);
    cairo_line_to(w->cr, LEFT + tl->width, y + tl->rowh[r]);
  }
  cairo_stroke(w->cr);
  deco_end(w);
  untag(w, ZT_TAG_TR);
}

static void draw_table(pdfw *w, const tlay *tl, const frag *f) {
  const zt_table *t = tl->t;
  size_t nh = zt_table_head_rows(t);
  double y = f->y;
  PangoLayout *cap = f->cont ? tl->caption_cont : tl->caption;
  char *dest = NULL;
  tag(w, ZT_TAG_TABLE);
  tag(w, ZT_TAG_CAPTION);
  if (!f->cont && t->anchor) {
    dest = g_strdup_printf("name='%s'", t->anchor);
    cairo_tag_begin(w->cr, CAIRO_TAG_DEST, dest);
  }
  set_rgb(w->cr, ZT_C_HEADING);
  show(w->cr, cap, LEFT, y);
  if (dest)
    cairo_tag_end(w->cr, CAIRO_TAG_DEST);
  untag(w, ZT_TAG_CAPTION);
  y += lh(cap) + 3;
  for (size_t r = 0; r < nh; r++) {
    draw_table_row(w, tl, r, y);
    y += tl->rowh[r];
  }
  for (size_t r = f->from; r < f->to; r++) {
    draw_table_row(w, tl, r, y);
    y += tl->rowh[r];
  }
  untag(w, ZT_TAG_TABLE);
  g_free(dest);
}

static void draw_table_notes(pdfw *w, const tlay *tl, const frag *f) {
  double y = f->y;
  for (size_t i = 0; i < tl->t->nnotes; i++) {
    tag(w, ZT_TAG_P);
    set_rgb(w->cr, ZT_C_MUTED);
    show(w->cr, tl->notes[i], LEFT, y);
    untag(w, ZT_TAG_P);
    y += lh(tl->notes[i]) + 1;
  }
}

static void draw_chart(pdfw *w, const zt_block *b, const lay *L,
                       const frag *f) {
  zt_canvas_cairo cc;
  zt_canvas cv;
  char *dest = g_strdup_printf("name='%s'", b->anchor);
  double y = f->y;
  tag(w, ZT_TAG_P);
  cairo_tag_begin(w->cr, CAIRO_TAG_DEST, dest);
  set_rgb(w->cr, ZT_C_HEADING);
  show(w->cr, L->pl, LEFT, y);
  cairo_tag_end(w->cr, CAIRO_TAG_DEST);
  untag(w, ZT_TAG_P);
  y += lh(L->pl) + 4;
  tag(w, ZT_TAG_FIGURE);
  if (w->a11y)
    g_ptr_array_add(w->a11y->figure_alt, g_strdup(b->alt ? b->alt : ""));
  zt_canvas_cairo_init(&cc, &cv, w->cr, &w->fonts, LEFT, y);
  zt_chart_draw(b->chart, &cv, WIDTH, f->h - (lh(L->pl) + 4));
  zt_canvas_cairo_done(&cc);
  untag(w, ZT_TAG_FIGURE);
  g_free(dest);
}

static void draw_frag(pdfw *w, const frag *f) {
  const zt_block *b = &w->doc->blocks[f->blk];
  lay *L = &w->lays[f->blk];
  switch (f->part) {
  case F_COVER: draw_cover(w); break;
  case F_TOC_TITLE: {
    tag(w, ZT_TAG_H1);
    cairo_tag_begin(w->cr, CAIRO_TAG_DEST, "name='inhoud'");
    set_rgb(w->cr, ZT_C_HEADING);
    show(w->cr, L->pl, LEFT, f->y);
    cairo_tag_end(w->cr, CAIRO_TAG_DEST);
    untag(w, ZT_TAG_H1);
    cairo_pdf_surface_add_outline(w->surf, CAIRO_PDF_OUTLINE_ROOT,
                                  b->title ? b->title : "Inhoud",
                                  "dest='inhoud'", 0);
    break;
  }
  case F_TOC_ENTRIES:
    tag(w, ZT_TAG_TOC);
    draw_toc_entries(w, f);
    untag(w, ZT_TAG_TOC);
    break;
  case F_HEADING: draw_heading(w, b, L, f->y); break;
  case F_LINES:
    tag(w, ZT_TAG_P);
    set_rgb(w->cr, ZT_C_TEXT);
    if (f->from == 0 && (int)f->to == L->nlines)
      show(w->cr, L->pl, LEFT, f->y);
    else
      draw_lines(w->cr, L->pl, L->line_top, LEFT, f->y, (int)f->from,
                 (int)f->to);
    untag(w, ZT_TAG_P);
    break;
  case F_NOTE:
    tag(w, ZT_TAG_P);
    set_rgb(w->cr, ZT_C_SHADE);
    cairo_rectangle(w->cr, LEFT, f->y, WIDTH, f->h);
    cairo_fill(w->cr);
    set_rgb(w->cr, 0xc2571aU);
    cairo_rectangle(w->cr, LEFT, f->y, 3, f->h);
    cairo_fill(w->cr);
    set_rgb(w->cr, ZT_C_TEXT);
    show(w->cr, L->pl, LEFT + 14, f->y + 8);
    untag(w, ZT_TAG_P);
    break;
  case F_LIST: {
    double y = f->y;
    tag(w, ZT_TAG_L);
    for (size_t k = f->from; k < f->to; k++) {
      PangoLayout *bullet = mk(w, "\xe2\x80\xa2", false, ZT_F_BODY, 0);
      tag(w, ZT_TAG_LI);
      tag(w, ZT_TAG_LBL);
      set_rgb(w->cr, ZT_C_HEADING);
      show(w->cr, bullet, LEFT + 3, y);
      untag(w, ZT_TAG_LBL);
      tag(w, ZT_TAG_LBODY);
      set_rgb(w->cr, ZT_C_TEXT);
      show(w->cr, L->items[k], LEFT + 16, y);
      untag(w, ZT_TAG_LBODY);
      untag(w, ZT_TAG_LI);
      y += L->item_h[k];
      g_object_unref(bullet);
    }
    untag(w, ZT_TAG_L);
    break;
  }
  case F_TILES: draw_tiles(w, b, L, f); break;
  case F_CHART: draw_chart(w, b, L, f); break;
  case F_TABLE: draw_table(w, &L->tab[f->which], f); break;
  case F_TABLE_NOTES: draw_table_notes(w, &L->tab[f->which], f); break;
  }
}

/* --- set-up and the two passes ------------------------------------------ */

static cairo_status_t write_cb(void *closure, const unsigned char *data,
                               unsigned int len) {
  pdfw *w = closure;
  if (len && fwrite(data, 1, len, w->fp) != len) {
    w->write_error = true;
    return CAIRO_STATUS_WRITE_ERROR;
  }
  return CAIRO_STATUS_SUCCESS;
}

static void iso_date(int64_t epoch, char *buf, size_t n) {
  time_t t = (time_t)epoch;
  struct tm tm;
  if (!gmtime_r(&t, &tm)) {
    snprintf(buf, n, "1970-01-01T00:00:00Z");
    return;
  }
  strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void set_metadata(pdfw *w) {
  const zt_doc *d = w->doc;
  char date[40];
  char *title = g_strdup_printf("%s, %s", d->title, d->period);
  char *creator = g_strdup_printf("zothuis %s", d->version);
  cairo_pdf_surface_set_metadata(w->surf, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata(w->surf, CAIRO_PDF_METADATA_AUTHOR,
                                 d->region);
  cairo_pdf_surface_set_metadata(w->surf, CAIRO_PDF_METADATA_SUBJECT,
                                 d->subject ? d->subject : title);
  cairo_pdf_surface_set_metadata(w->surf, CAIRO_PDF_METADATA_KEYWORDS,
                                 d->keywords ? d->keywords : "");
  cairo_pdf_surface_set_metadata(w->surf, CAIRO_PDF_METADATA_CREATOR,
                                 creator);
  iso_date(d->created, date, sizeof date);
  cairo_pdf_surface_set_metadata(w->surf, CAIRO_PDF_METADATA_CREATE_DATE,
                                 date);
  cairo_pdf_surface_set_metadata(w->surf, CAIRO_PDF_METADATA_MOD_DATE, date);
  g_free(title);
  g_free(creator);
}

static void free_tlay(tlay *tl) {
  if (!tl->t)
    return;
  for (size_t i = 0; i < tl->t->nrows * tl->t->ncols; i++)
    if (tl->cells[i])
      g_object_unref(tl->cells[i]);
  for (size_t i = 0; i < tl->t->nnotes; i++)
    g_object_unref(tl->notes[i]);
  if (tl->caption)
    g_object_unref(tl->caption);
  if (tl->caption_cont)
    g_object_unref(tl->caption_cont);
  g_free(tl->notes);
  g_free(tl->cells);
  g_free(tl->colw);
  g_free(tl->rowh);
}

static void free_lays(pdfw *w) {
  for (size_t i = 0; w->lays && i < w->doc->nblocks; i++) {
    lay *L = &w->lays[i];
    const zt_block *b = &w->doc->blocks[i];
    size_t nit = b->kind == ZT_BLK_TILES ? TILE_LAYOUTS * L->nitems
                                         : L->nitems;
    if (L->pl)
      g_object_unref(L->pl);
    for (size_t k = 0; L->items && k < nit; k++)
      if (L->items[k])
        g_object_unref(L->items[k]);
    g_free(L->items);
    g_free(L->item_h);
    g_free(L->line_top);
    g_free(L->tile_row_h);
    free_tlay(&L->tab[0]);
    free_tlay(&L->tab[1]);
  }
  g_free(w->lays);
  for (size_t k = 0; k < w->ntoc; k++)
    g_object_unref(w->toc[k].pl);
  g_free(w->toc);
}

zt_status zt_pdf_write(const zt_doc *doc, FILE *fp, zt_pdf_a11y *a11y,
                       zt_err *err) {
  pdfw w;
  zt_status st = ZT_OK;
  cairo_status_t cs;
  int page = 0;
  memset(&w, 0, sizeof w);
  w.doc = doc;
  w.fp = fp;
  w.a11y = a11y;
  w.surf = cairo_pdf_surface_create_for_stream(write_cb, &w, ZT_PAGE_W,
                                               ZT_PAGE_H);
  if (cairo_surface_status(w.surf) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(w.surf);
    return zt_fail(err, ZT_ERR_OUTPUT, "cannot create the PDF surface");
  }
  set_metadata(&w);
  w.cr = cairo_create(w.surf);
  st = zt_fonts_init(&w.fonts, w.cr, err);
  if (st) {
    cairo_destroy(w.cr);
    cairo_surface_destroy(w.surf);
    return st;
  }
  w.nobreak = pango_attr_list_copy(w.fonts.nohyph);
  pango_attr_list_insert(w.nobreak, pango_attr_insert_hyphens_new(FALSE));
  if (zt_hyph_open(NULL, &w.hyph, NULL) != ZT_OK)
    w.hyph = NULL;   /* without patterns: no hyphenation, still correct */
  w.frags = g_array_new(FALSE, FALSE, sizeof(frag));
  w.lays = g_new0(lay, doc->nblocks + 1);
  for (int k = 0; k < 4; k++)
    w.outline_parent[k] = CAIRO_PDF_OUTLINE_ROOT;
  /* pass 1 */
  build_toc(&w);
  for (size_t i = 0; i < doc->nblocks; i++) {
    w.lays[i].page = -1;
    measure_block(&w, i);
  }
  w.brk = g_new0(bool, doc->nblocks + 1);
  layout_all(&w);
  if (mark_runts(&w)) {
    /* keep the move only if it costs no page */
    int before = w.npages;
    layout_all(&w);
    if (w.npages > before) {
      memset(w.brk, 0, (doc->nblocks + 1) * sizeof *w.brk);
      layout_all(&w);
    }
  }
  /* pass 2 */
  tag(&w, ZT_TAG_DOCUMENT);
  for (guint k = 0; k < w.frags->len; k++) {
    frag *f = &g_array_index(w.frags, frag, k);
    while (f->page > page) {
      draw_footer(&w, page);
      cairo_show_page(w.cr);
      page++;
    }
    draw_frag(&w, f);
  }
  draw_footer(&w, page);
  untag(&w, ZT_TAG_DOCUMENT);
  cairo_show_page(w.cr);
  if (a11y)
    a11y->pages = page + 1;
  free_lays(&w);
  g_array_free(w.frags, TRUE);
  g_free(w.brk);
  zt_hyph_close(w.hyph);
  pango_attr_list_unref(w.nobreak);
  zt_fonts_free(&w.fonts);
  cairo_destroy(w.cr);
  cairo_surface_finish(w.surf);
  cs = cairo_surface_status(w.surf);
  cairo_surface_destroy(w.surf);
  if (cs != CAIRO_STATUS_SUCCESS || w.write_error)
    return zt_fail(err, ZT_ERR_OUTPUT, "the PDF could not be written: %s",
                   w.write_error ? "write error"
                                 : cairo_status_to_string(cs));
  return ZT_OK;
}

/* ---- the writer table's row (render/output.c) ---------------------- */

/* The accessibility post-pass (render/a11y.h) on the finished PDF in
 * the temporary file: the result replaces the file's content. It runs
 * before the rename, so a failure leaves the previous report. */
static zt_status a11y_postpass(zt_fileout *fo, const zt_pdf_a11y *a,
                               zt_err *err) {
  zt_buf b;
  zt_status st;
  zt_buf_init(&b, 512u << 20);
  st = zt_a11y_postpass(fo->tmp, a, &b, err);
  if (!st) {
    rewind(fo->fp);
    if (ftruncate(fileno(fo->fp), 0) != 0 ||
        fwrite(b.data, 1, b.len, fo->fp) != b.len || fflush(fo->fp) != 0)
      st = zt_fail(err, ZT_ERR_OUTPUT, "cannot write %s", fo->tmp);
  }
  zt_buf_free(&b);
  return st;
}

zt_status zt_pdf_output(const zt_doc *doc, const struct zt_report_input *in,
                        const char *path, zt_err *err) {
  zt_fileout fo;
  zt_pdf_a11y a11y;
  zt_status st = zt_fileout_open(&fo, path, ZT_MODE_PUBLIC, err);
  (void)in;
  if (st)
    return st;
  zt_pdf_a11y_init(&a11y);
  st = zt_pdf_write(doc, fo.fp, &a11y, err);
  if (!st && fflush(fo.fp) != 0)
    st = zt_fail(err, ZT_ERR_OUTPUT, "cannot write %s", path);
  if (!st)
    st = a11y_postpass(&fo, &a11y, err);
  if (st) {
    zt_fileout_abort(&fo);
    zt_err_prefix(err, "%s", path);
  } else {
    st = zt_fileout_commit(&fo, err);
  }
  zt_pdf_a11y_free(&a11y);
  return st;
}

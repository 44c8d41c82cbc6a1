/*
 * render/html.c -- the HTML writer (html.h).
 */
#include "render/html.h"

#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "core/fileout.h"
#include "render/canvas.h"
#include "render/theme.h"

/* The style sheet. Layout (docs/accessibility.md, "Layout"): prose in a
 * centred column of 52rem; tables of six or more columns break out of it
 * to at most 76rem (measured against the body with container units) and
 * otherwise scroll inside their own focusable box, with the row label
 * column fixed on the left and, in tables over periods, the current period
 * fixed on the right; charts as wide as the column, at most 32rem. */
static const char css[] =
    ":root{--accent:#1f3a5f;--text:#1a1a1a;--muted:#555;--shade:#f2f4f7;"
    "--rule:#b8b8b8;--ok:#1b7837;--bad:#b2182b;--none:#666}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
    "body{margin:0;font-family:" ZT_FONT_CSS ";color:var(--text);"
    "line-height:1.5;background:#fff;font-size:1rem;"
    "container-type:inline-size}\n"
    ".skip{position:absolute;left:-9999px}\n"
    ".skip:focus{left:1rem;top:1rem;background:#fff;color:var(--accent);"
    "padding:.5rem;z-index:3}\n"
    ".wrap{max-width:52rem;margin:0 auto;padding:0 1rem}\n"
    "header.cover{background:var(--accent);color:#fff;padding:2rem 0}\n"
    "header.cover h1{font-size:2.1rem;line-height:1.2;margin:.3rem 0}\n"
    "header.cover p{margin:.2rem 0}\n"
    ".region{font-size:1.2rem}.period{font-size:1.3rem}\n"
    ".meta{opacity:.9;font-size:.9rem}\n"
    ".warning{border:2px solid #fff;padding:.5rem .8rem;font-weight:700;"
    "margin-top:1rem!important}\n"
    "nav ol{list-style:none;padding-left:0}nav ol ol{padding-left:1.3rem}\n"
    "nav a{color:var(--accent)}\n"
    "h2{font-size:1.55rem;color:var(--accent);border-bottom:2px solid "
    "var(--accent);padding-bottom:.2rem;margin:2.5rem 0 1rem}\n"
    "h3{font-size:1.25rem;color:var(--accent);margin:2rem 0 .6rem}\n"
    "h4{font-size:1.05rem;color:var(--accent);margin:1.5rem 0 .5rem}\n"
    "h2,h3,h4,p,li,caption,th,td{overflow-wrap:break-word}\n"
    ".back{margin:1.5rem 0 0;font-size:.9rem}"
    ".back a{color:var(--accent)}\n"
    ".tiles{list-style:none;padding:0;margin:1rem 0;display:grid;"
    "grid-template-columns:repeat(auto-fill,minmax(min(13rem,100%),1fr));"
    "gap:.6rem}\n"
    ".tile{background:var(--shade);border-left:5px solid #4477aa;"
    "padding:.6rem .8rem}\n"
    ".tile .label,.tile .value,.tile .tnote{display:block}"
    ".tile .label{font-size:.88rem;hyphens:auto}\n"
    ".tile .value{font-size:1.6rem;font-weight:700;color:var(--accent)}\n"
    ".tile .target,.tile .tnote{font-size:.88rem;color:var(--muted)}\n"
    ".tile .target{margin-right:.5em}\n"
    ".tile .status{font-size:.88rem;font-weight:700;white-space:nowrap}\n"
    ".st-met{border-left-color:var(--ok)}.st-met .status{color:var(--ok)}\n"
    ".st-not{border-left-color:var(--bad)}.st-not .status{color:var(--bad)}\n"
    ".st-none{border-left-color:var(--none)}.st-none .status{color:"
    "var(--none)}\n"
    ".table-wrap{overflow-x:auto;margin:1.2rem 0 .4rem;max-width:100%}\n"
    ".table-wrap.wide{max-width:none;width:min(76rem,100cqw - 2rem);"
    "margin-left:calc(50% - min(38rem,50cqw - 1rem))}\n"
    ".table-wrap:focus-visible{outline:3px solid var(--accent);"
    "outline-offset:2px}\n"
    "table{border-collapse:separate;border-spacing:0;width:100%;"
    "font-size:.9rem}\n"
    "caption{text-align:left;font-weight:700;color:var(--accent);"
    "padding:.3rem 0}\n"
    /* the caption's text wraps inside the visible part of its box (the
     * caption is as wide as the table, which may scroll) */
    "caption>span{position:sticky;left:0;display:block;"
    "max-width:min(50rem,100cqw - 2rem)}\n"
    ".wide caption>span{max-width:min(76rem,100cqw - 2rem)}\n"
    "th,td{padding:.25rem .5rem;border-bottom:1px solid #e2e2e2;"
    "text-align:left;vertical-align:top;hyphens:auto;background:#fff}\n"
    "thead th,thead td{background:var(--shade);border-bottom:2px solid "
    "var(--accent)}\n"
    ".num{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    "thead .num{white-space:normal;hyphens:manual}\n"
    "tr.total th,tr.total td{font-weight:700;border-top:2px solid #444}\n"
    ".sep{border-left:1px solid #767676}\n"
    "tr.group th{background:var(--shade);color:var(--accent)}\n"
    "tr>:first-child{position:sticky;left:0;z-index:1;"
    "box-shadow:inset -1px 0 0 #e2e2e2,4px 0 4px -2px rgba(0,0,0,.2)}\n"
    ".cur tr:not(.group):not(.line)>:last-child{position:sticky;right:0;"
    "z-index:1;"
    "box-shadow:inset 1px 0 0 var(--rule),-4px 0 4px -2px "
    "rgba(0,0,0,.25)}\n"
    "figure{margin:1.6rem 0}\n"
    "figure svg{width:100%;height:auto;max-width:32rem;display:block;"
    "margin:.4rem 0}\n"
    "figcaption{font-weight:700;color:var(--accent)}\n"
    "details{margin:.4rem 0}summary{cursor:pointer;color:var(--accent)}\n"
    ".note{background:var(--shade);border-left:4px solid #c2571a;"
    "padding:.6rem 1rem}\n"
    ".table-note{font-size:.85rem;color:var(--muted);margin:.2rem 0}\n"
    "footer{color:var(--muted);font-size:.85rem;margin:3rem auto 2rem}\n"
    "@media (max-width:40rem){header.cover h1{font-size:1.6rem}"
    "h2{font-size:1.3rem}table{font-size:.8rem}th,td{padding:.25rem .35rem}"
    "figure svg{width:calc(100% + 1rem);max-width:none;margin:.4rem -.5rem}"
    ".tile .value{font-size:1.35rem}"
    /* a phone: the current period's column stays in view over the
     * columns before it, which fade out under it instead of showing cut
     * digits; a wide table says that it scrolls */
    ".cur tr:not(.group):not(.line)>:last-child{box-shadow:inset 1px 0 0 "
    "var(--rule),"
    "-1.2rem 0 .6rem -.3rem #fff}"
    /* ... but not over the digits of the column before it while the
     * table is not scrolled (Tabel 20-25's 2022 showed "16" for 168) */
    ".cur tr:not(.group):not(.line)>:nth-last-child(2){padding-right:"
    "1.3rem}"
    "thead .cur tr>:last-child,.cur thead tr>:last-child{box-shadow:inset "
    "1px 0 0 var(--rule),-1.2rem 0 .6rem -.3rem var(--shade)}"
    ".table-wrap.wide caption>span::after{content:\" \\2192  schuif "
    "opzij voor meer kolommen\";font-weight:400;color:var(--muted)}}\n"
    "@media print{@page{size:A4;margin:16mm 14mm 18mm}"
    "body{font-size:10pt;container-type:normal}"
    ".wrap{max-width:none;padding:0}"
    "header.cover{background:none;color:var(--accent)}"
    ".warning{border-color:var(--bad)}.skip,.back{display:none}"
    "section.l1{break-before:page}.pagebreak{break-after:page}"
    "h2,h3,h4,figcaption,caption{break-after:avoid}"
    "figure,tr,.tile,.table-note{break-inside:avoid}"
    "thead{display:table-header-group}"
    "a{color:inherit;text-decoration:none}"
    ".table-wrap,.table-wrap.wide{overflow:visible;width:auto;"
    "max-width:none;margin-left:0}"
    "table{font-size:8pt}th,td{padding:.15rem .3rem}"
    "tr>:first-child,.cur tr:not(.group):not(.line)>:last-child{"
    "position:static;"
    "box-shadow:none}"
    "caption>span,.wide caption>span{position:static;max-width:none}"
    "figure svg{max-width:14cm}}\n";

typedef struct hw {
  const zt_doc *doc;
  zt_fonts *fonts;
  zt_buf *out;
  zt_status st;
  int open[4];   /* open <section> per heading level */
  bool back;     /* sections end with a link back to the contents */
  size_t back_at; /* output length after the last such link */
} hw;

static void put(hw *h, const char *s) {
  if (h->st == ZT_OK)
    h->st = zt_buf_puts(h->out, s);
}

static void esc(hw *h, const char *s) {
  if (h->st == ZT_OK)
    h->st = zt_xml_escape(h->out, s ? s : "");
}

/* `s` escaped inside an element: "<p>", text, "</p>\n". */
static void put_esc(hw *h, const char *open, const char *s,
                    const char *close) {
  put(h, open);
  esc(h, s);
  put(h, close);
}

static void putf(hw *h, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void putf(hw *h, const char *fmt, ...) {
  va_list ap;
  if (h->st != ZT_OK)
    return;
  va_start(ap, fmt);
  h->st = zt_buf_vprintf(h->out, fmt, ap);
  va_end(ap);
}

/* The class attribute of a table cell in column c: "num" for numbers,
 * "sep" where a new group of columns starts (a rule on its left). */
static const char *cls(const zt_table *t, size_t c) {
  bool num = t->numeric[c], sep = t->sep[c];
  return num && sep ? " class=\"num sep\""
         : num      ? " class=\"num\""
         : sep      ? " class=\"sep\""
                    : "";
}

static void esc_nbsp(hw *h, const char *s);

/* Running text: an amount or a target never breaks after its sign ("€
 * 123.456", "≥ 70%"), also on a phone's narrow screen. */
static void runs(hw *h, const zt_text *t) {
  for (size_t i = 0; i < t->n; i++) {
    unsigned f = t->runs[i].flags;
    if (f & ZT_RUN_STRONG)
      put(h, "<strong>");
    if (f & ZT_RUN_EM)
      put(h, "<em>");
    esc_nbsp(h, t->runs[i].text);
    if (f & ZT_RUN_EM)
      put(h, "</em>");
    if (f & ZT_RUN_STRONG)
      put(h, "</strong>");
  }
}

/* Text runs inside an element. */
static void put_runs(hw *h, const char *open, const zt_text *t,
                     const char *close) {
  put(h, open);
  runs(h, t);
  put(h, close);
}

/* Tables with this many columns may grow wider than the text column. */
#define WIDE_COLS 6

/* Whether a column heading names a period: it ends with a year ("2023",
 * "2e hj 2023"). Such a last column is the current period and stays in
 * view on a phone. */
static bool ends_with_year(const char *s) {
  size_t n = strlen(s);
  if (n < 4)
    return false;
  for (size_t i = n - 4; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return n == 4 || s[n - 5] == ' ';
}

static void table(hw *h, const zt_table *t, const char *caption,
                  const char *id) {
  size_t nh = zt_table_head_rows(t);
  bool cur = false;
  for (size_t r = 0; r < nh && t->ncols > 2; r++)
    cur = cur || ends_with_year(zt_table_cell(t, r, t->ncols - 1));
  putf(h, "<div class=\"table-wrap%s%s\" role=\"region\" tabindex=\"0\" "
          "aria-labelledby=\"%s-c\">\n<table",
       t->ncols >= WIDE_COLS ? " wide" : "", cur ? " cur" : "", id);
  putf(h, " id=\"%s\">\n<caption id=\"%s-c\"><span>", id, id);
  esc(h, caption);
  put(h, "</span></caption>\n");
  if (nh)
    put(h, "<thead>\n");
  for (size_t r = 0; r < t->nrows; r++) {
    bool head = r < nh;
    if (r == nh)
      put(h, nh ? "</thead>\n<tbody>\n" : "<tbody>\n");
    if (t->rflags[r] & ZT_ROW_GROUP) {
      putf(h, "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"%zu\">",
           t->ncols);
      esc(h, zt_table_cell(t, r, 0));
      put(h, "</th></tr>\n");
      continue;
    }
    if (!head && zt_table_line_row(t, r)) {
      putf(h, "<tr class=\"line\"><th scope=\"row\" colspan=\"%zu\">",
           t->ncols);
      esc(h, zt_table_cell(t, r, 0));
      put(h, "</th></tr>\n");
      continue;
    }
    put(h, (t->rflags[r] & ZT_ROW_TOTAL) ? "<tr class=\"total\">" : "<tr>");
    for (size_t c = 0; c < t->ncols; c++) {
      const char *s = zt_table_cell(t, r, c);
      if (head) {
        if (!*s)
          put(h, "<td></td>");
        else {
          putf(h, "<th scope=\"col\"%s>", cls(t, c));
          esc(h, s);
          put(h, "</th>");
        }
      } else if (c == 0 && t->row_header) {
        put_esc(h, "<th scope=\"row\">", s, "</th>");
      } else {
        putf(h, "<td%s>", cls(t, c));
        esc(h, s);
        put(h, "</td>");
      }
    }
    put(h, "</tr>\n");
  }
  if (nh == t->nrows)
    put(h, "</thead>\n");
  else
    put(h, "</tbody>\n");
  put(h, "</table>\n</div>\n");
  for (size_t i = 0; i < t->nnotes; i++) {
    put(h, "<p class=\"table-note\">");
    esc_nbsp(h, t->notes[i]);
    put(h, "</p>\n");
  }
}

/* Charts are drawn for this design width (SVG user units) and shown at
 * the width of the column, at most 32rem; on a phone the chart takes
 * half of the side margins, 374 px of a 390 px screen, so the SVG is
 * shown wider than its viewBox and its 12-unit text (canvas_svg.c) is
 * 12.5 CSS px. */
#define HTML_CHART_W 360.0
#define HTML_CHART_PAD 4.0

static zt_status chart(hw *h, const zt_block *b) {
  zt_canvas_svg cs;
  zt_canvas cv;
  double w = HTML_CHART_W, ht, vh;
  const char *id = b->anchor;
  zt_canvas_svg_init(&cs, &cv, h->out, h->fonts);
  cs.width = w;
  ht = ceil(zt_chart_height(b->chart, &cv, w));
  /* room for the enlarged text of the first and last line (canvas_svg.c) */
  vh = ht + 2 * HTML_CHART_PAD;
  putf(h, "<figure id=\"%s\" class=\"chart\">\n<figcaption>Figuur %d. ", id,
       b->chart->number);
  esc(h, b->title);
  put(h, "</figcaption>\n");
  putf(h, "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
          "aria-labelledby=\"%s-t %s-d\" viewBox=\"0 -%d %d %d\" "
          "width=\"%d\" height=\"%d\" font-family=\"Lato, DejaVu Sans, "
          "Arial, sans-serif\" fill=\"#1a1a1a\">\n",
       id, id, (int)HTML_CHART_PAD, (int)ceil(w), (int)vh, (int)ceil(w),
       (int)vh);
  putf(h, "<title id=\"%s-t\">", id);
  esc(h, b->title);
  putf(h, "</title>\n<desc id=\"%s-d\">", id);
  esc(h, b->alt);
  put(h, "</desc>\n");
  if (h->st == ZT_OK)
    zt_chart_draw(b->chart, &cv, w, ht);
  if (h->st == ZT_OK)
    h->st = zt_canvas_svg_done(&cs);
  else
    zt_canvas_svg_done(&cs);
  put(h, "</svg>\n");
  if (b->chart_table) {
    char *tid = g_strdup_printf("%s-cijfers", id);
    putf(h, "<details%s>\n<summary>Cijfers bij figuur %d</summary>\n",
         b->chart_table_in_pdf ? " open=\"open\"" : "", b->chart->number);
    table(h, b->chart_table, b->chart_table->caption, tid);
    put(h, "</details>\n");
    g_free(tid);
  }
  put(h, "</figure>\n");
  return h->st;
}

/* Escape `s`, with a no-break space after a comparison sign or the euro
 * sign ("doel 2023: \u2265 70%"), so a target, a tile's value and note or
 * a table's note never breaks between the sign and its number. */
static void esc_nbsp(hw *h, const char *s) {
  static const char *const signs[] = {"\xe2\x89\xa5 ", "\xe2\x89\xa4 ",
                                      "\xe2\x82\xac ", "= ", "< ", "> "};
  const char *run = s;
  char *part;
  while (*s) {
    size_t n = 0;
    for (size_t i = 0; i < sizeof signs / sizeof signs[0] && !n; i++)
      if (strncmp(s, signs[i], strlen(signs[i])) == 0)
        n = strlen(signs[i]) - 1;
    if (!n) {
      s++;
      continue;
    }
    part = g_strndup(run, (size_t)(s - run) + n);
    esc(h, part);
    g_free(part);
    put(h, "\xc2\xa0");
    s += n + 1;
    run = s;
  }
  esc(h, run);
}

static void tiles(hw *h, const zt_block *b) {
  put(h, "<ul class=\"tiles\">\n");
  for (size_t i = 0; i < b->ntiles; i++) {
    const zt_tile *t = &b->tiles[i];
    const char *cls = t->status == ZT_TS_MET || t->status == ZT_TS_ON_TRACK
                          ? " st-met"
                      : t->status == ZT_TS_NOT_MET ||
                              t->status == ZT_TS_OFF_TRACK
                          ? " st-not"
                      : t->status == ZT_TS_NO_DATA ||
                              t->status == ZT_TS_HIDDEN
                          ? " st-none"
                          : "";
    putf(h, "<li class=\"tile%s\"><span class=\"label\">", cls);
    esc(h, t->label);
    put(h, "</span><span class=\"value\">");
    esc_nbsp(h, t->value);
    put(h, "</span>");
    if (t->note) {
      /* "verwachte eindstand € 32.241.390 (€ 31.065.272 tot ...)" */
      put(h, "<span class=\"tnote\">");
      esc_nbsp(h, t->note);
      put(h, "</span>");
    }
    if (t->target) {
      put(h, "<span class=\"target\">");
      esc_nbsp(h, t->target);
      put(h, "</span>");
    }
    if (t->status != ZT_TS_NONE) {
      put(h, "<span class=\"status\">");
      putf(h, "<span aria-hidden=\"true\">%s</span> ",
           zt_target_status_symbol(t->status));
      esc(h, zt_target_status_word(t->status));
      put(h, "</span>");
    }
    put(h, "</li>\n");
  }
  put(h, "</ul>\n");
}

/* A heading's number and title, as the contents and the heading show
 * them: "2.1 Jeugdhulp in cijfers". */
static void heading_text(hw *h, const zt_block *b) {
  if (b->number) {
    esc(h, b->number);
    put(h, " ");
  }
  esc(h, b->title);
}

/* Close open sections down to (and including) `level`. */
static void close_sections(hw *h, int level) {
  for (int l = 3; l >= level; l--)
    if (h->open[l]) {
      /* sections of the first two levels end with a way back, once
       * where a subsection's link was just written */
      bool last = h->out->len == h->back_at;
      if (h->back && l <= 2 && !last) {
        put(h, "<p class=\"back\"><a href=\"#inhoud\">Terug naar de "
               "inhoud</a></p>\n");
        last = true;
      }
      put(h, "</section>\n");
      if (last)
        h->back_at = h->out->len;
      h->open[l] = 0;
    }
}

static void cover(hw *h) {
  const zt_doc *d = h->doc;
  put(h, "<header class=\"cover\">\n<div class=\"wrap\">\n"
         "<p class=\"region\">");
  esc(h, d->region);
  put(h, "</p>\n<h1>");
  esc(h, d->title);
  put(h, "</h1>\n");
  if (d->subtitle) {
    put_esc(h, "<p>", d->subtitle, "</p>\n");
  }
  put_esc(h, "<p class=\"period\">", d->period, "</p>\n");
  if (d->members && *d->members) {
    put_esc(h, "<p class=\"meta\">Gemeenten: ", d->members, "</p>\n");
  }
  put(h, "<p class=\"meta\"><strong>Status: ");
  esc(h, d->status ? d->status : "concept");
  put(h, "</strong></p>\n<p class=\"meta\">Peildatum: ");
  esc(h, d->peildatum);
  if (d->delivery) {
    put(h, " \xc2\xb7 ");
    esc(h, d->delivery);
  }
  put(h, "</p>\n");
  if (d->cover_note) {
    put_esc(h, "<p class=\"warning\">", d->cover_note, "</p>\n");
  }
  if (d->not_for_publication)
    put(h, "<p class=\"warning\">Niet voor publicatie: werkversie zonder "
           "onderdrukking van kleine aantallen.</p>\n");
  put(h, "</div>\n</header>\n");
}

static void toc(hw *h) {
  const zt_doc *d = h->doc;
  int depth = 0;
  bool li_open[5] = {false, false, false, false, false};
  put(h, "<nav class=\"wrap\" aria-labelledby=\"inhoud\">\n<h2 "
         "id=\"inhoud\">");
  esc(h, d->toc_title);
  put(h, "</h2>\n");
  for (size_t i = 0; i < d->nblocks; i++) {
    const zt_block *b = &d->blocks[i];
    if (b->kind != ZT_BLK_HEADING || b->level > d->toc_depth)
      continue;
    if (depth < b->level) {
      /* a deeper list opens inside the open item */
      while (depth < b->level) {
        put(h, "<ol>\n");
        li_open[++depth] = false;
      }
    } else {
      while (depth > b->level) {
        if (li_open[depth])
          put(h, "</li>\n");
        put(h, "</ol>\n");
        depth--;
      }
      if (li_open[depth])
        put(h, "</li>\n");
    }
    putf(h, "<li><a href=\"#%s\">", b->anchor);
    heading_text(h, b);
    put(h, "</a>");
    li_open[depth] = true;
  }
  while (depth > 0) {
    if (li_open[depth])
      put(h, "</li>\n");
    put(h, "</ol>\n");
    depth--;
  }
  put(h, "</nav>\n");
}

zt_status zt_html_write(const zt_doc *doc, zt_fonts *fonts, zt_buf *out,
                        zt_err *err) {
  hw h;
  zt_fonts own;
  bool have_cover = false, main_open = false;
  memset(&h, 0, sizeof h);
  h.doc = doc;
  h.out = out;
  h.st = ZT_OK;
  if (!fonts) {
    zt_status st = zt_fonts_init(&own, NULL, err);
    if (st)
      return st;
    fonts = &own;
  }
  h.fonts = fonts;
  for (size_t i = 0; i < doc->nblocks; i++)
    h.back = h.back || doc->blocks[i].kind == ZT_BLK_TOC;
  put(&h, "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n"
          "<meta charset=\"utf-8\"/>\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\"/>\n<title>");
  esc(&h, doc->title);
  put(&h, ", ");
  esc(&h, doc->period);
  put(&h, " \xe2\x80\x93 ");
  esc(&h, doc->region);
  put(&h, "</title>\n<meta name=\"author\" content=\"");
  esc(&h, doc->region);
  put(&h, "\"/>\n<meta name=\"description\" content=\"");
  esc(&h, doc->subject);
  put(&h, "\"/>\n<meta name=\"keywords\" content=\"");
  esc(&h, doc->keywords);
  put(&h, "\"/>\n<meta name=\"generator\" content=\"zothuis ");
  esc(&h, doc->version);
  put(&h, "\"/>\n<style>\n");
  put(&h, css);
  put(&h, "</style>\n</head>\n<body>\n"
          "<a class=\"skip\" href=\"#main\">Naar de inhoud</a>\n");
  for (size_t i = 0; i < doc->nblocks && h.st == ZT_OK; i++) {
    const zt_block *b = &doc->blocks[i];
    if (b->kind == ZT_BLK_COVER) {
      cover(&h);
      have_cover = true;
      continue;
    }
    if (b->kind == ZT_BLK_TOC) {
      toc(&h);
      continue;
    }
    if (!main_open) {
      if (!have_cover) {
        put_esc(&h, "<header class=\"wrap\"><h1>", doc->title,
                "</h1></header>\n");
        have_cover = true;
      }
      put(&h, "<main id=\"main\" class=\"wrap\">\n");
      main_open = true;
    }
    switch (b->kind) {
    case ZT_BLK_HEADING:
      close_sections(&h, b->level);
      putf(&h, "<section class=\"l%d\" aria-labelledby=\"%s\">\n<h%d "
               "id=\"%s\">", b->level, b->anchor, b->level + 1, b->anchor);
      heading_text(&h, b);
      putf(&h, "</h%d>\n", b->level + 1);
      h.open[b->level] = 1;
      break;
    case ZT_BLK_PARA:
      put_runs(&h, "<p>", &b->text, "</p>\n");
      break;
    case ZT_BLK_NOTE:
      put_runs(&h, "<p class=\"note\">", &b->text, "</p>\n");
      break;
    case ZT_BLK_LIST:
      put(&h, "<ul>\n");
      for (size_t k = 0; k < b->nitems; k++) {
        put_runs(&h, "<li>", &b->items[k], "</li>\n");
      }
      put(&h, "</ul>\n");
      break;
    case ZT_BLK_TILES: tiles(&h, b); break;
    case ZT_BLK_CHART: chart(&h, b); break;
    case ZT_BLK_TABLE: {
      char *cap = g_strdup_printf("Tabel %d. %s", b->table->number,
                                  b->table->caption ? b->table->caption
                                                    : "");
      table(&h, b->table, cap, b->anchor);
      g_free(cap);
      break;
    }
    case ZT_BLK_PAGEBREAK:
      put(&h, "<div class=\"pagebreak\"></div>\n");
      break;
    default: break;
    }
  }
  close_sections(&h, 1);
  if (!main_open)
    put(&h, "<main id=\"main\" class=\"wrap\">\n");
  put(&h, "</main>\n<footer class=\"wrap\"><p>");
  esc(&h, doc->title);
  put(&h, " \xc2\xb7 ");
  esc(&h, doc->region);
  put(&h, " \xc2\xb7 ");
  esc(&h, doc->period);
  put(&h, " \xc2\xb7 gemaakt met zothuis ");
  esc(&h, doc->version);
  put(&h, "</p></footer>\n</body>\n</html>\n");
  if (fonts == &own)
    zt_fonts_free(&own);
  if (h.st != ZT_OK)
    return zt_fail(err, h.st, "the HTML could not be built (too large?)");
  return ZT_OK;
}

/* ---- the writer table's row (render/output.c) ---------------------- */

zt_status zt_html_output(const zt_doc *doc, const struct zt_report_input *in,
                         const char *path, zt_err *err) {
  zt_buf b;
  zt_status st;
  (void)in;
  zt_buf_init(&b, 256u << 20);
  st = zt_html_write(doc, NULL, &b, err);
  if (!st)
    st = zt_write_file_atomic(path, b.data ? b.data : "", b.len,
                              ZT_MODE_PUBLIC, err);
  else
    zt_err_prefix(err, "%s", path);
  zt_buf_free(&b);
  return st;
}

/*
 * render/docbuild.c -- resolving a checked template against one report
 * input into the document model (template.h, doc.h): the walker over the
 * template's elements, the builder context (render/docbuild_int.h),
 * periods, headings and table blocks, and the charts.
 *
 * Every number comes from the indicator table's display strings; missing
 * values print "–", suppressed ones their marker with a footnote; in
 * running text a suppressed value never prints: its paragraph gives way
 * to the sentence of hidden="..." or missing="...", or is left out, and
 * so is a list item with one. Tables
 * and charts share one "grid" resolution: a row (or series) and a column
 * (or category) each fix part of a value's key (indicator, period,
 * municipality, breakdown), the element fills in the rest.
 *
 * The jobs live in files of their own:
 *   docbuild_text.c     placeholders and inline text
 *   docbuild_values.c   value lookup and display, target clauses
 *   docbuild_grid.c     coordinates and grid tables
 *   docbuild_tiles.c    tiles
 *   docbuild_domain.c   the measures and budget tables, the
 *                       Verantwoording's tables (render/accounting.c)
 *   docbuild_summary.c  Opvallend, the duiding and besluitpunten
 */
#include "render/docbuild_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "metrics/plausible.h"
#include "render/format_nl.h"
#include "render/theme.h"

zt_status node_fail(bctx *b, xmlNodePtr n, const char *fmt, ...) {
  char msg[768];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return zt_fail(b->err, ZT_ERR_INPUT, "%s:%ld: %s",
                 n->doc && n->doc->URL ? (const char *)n->doc->URL
                                       : b->t->path,
                 xmlGetLineNo(n), msg);
}

/* An attribute copied into the arena, or NULL. */
const char *attr(bctx *b, xmlNodePtr n, const char *name) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
  const char *s;
  if (!v)
    return NULL;
  s = zt_arena_strdup(b->a, (const char *)v);
  xmlFree(v);
  return s;
}

bool attr_yes(bctx *b, xmlNodePtr n, const char *name, bool dflt) {
  const char *v = attr(b, n, name);
  return v ? strcmp(v, "yes") == 0 : dflt;
}

bool is_elem(xmlNodePtr n, const char *name) {
  return n->type == XML_ELEMENT_NODE &&
         strcmp((const char *)n->name, name) == 0;
}

/* --- periods ----------------------------------------------------------- */

zt_period period_back(zt_period p, int n) {
  while (n-- > 0)
    p = zt_period_prev(&p);
  return p;
}

/* Resolve a (checked) period reference; NULL means the report period. */
zt_period resolve_ref(bctx *b, const char *ref) {
  const zt_period *cur = &b->in->period;
  zt_period p = *cur;
  if (!ref || strcmp(ref, "current") == 0)
    return p;
  if (strcmp(ref, "prev") == 0)
    return period_back(p, 1);
  if (strncmp(ref, "prev-", 5) == 0)
    return period_back(p, (int)strtol(ref + 5, NULL, 10));
  if (strcmp(ref, "year") == 0)
    return zt_period_year(cur->year);
  /* the latest calendar year the report period completes */
  if (strcmp(ref, "fullyear") == 0)
    return zt_period_year(cur->half == 1 ? cur->year - 1 : cur->year);
  if (strcmp(ref, "cohort") == 0)
    return b->in->cohort.year ? b->in->cohort : *cur;
  if (strncmp(ref, "year-", 5) == 0)
    return zt_period_year(cur->year - (int)strtol(ref + 5, NULL, 10));
  if (zt_period_parse(ref, &p, NULL) != ZT_OK)
    return *cur;
  return p;
}

void fmt_period_long(const zt_period *p, char buf[ZT_FMT_MAX]) {
  zt_fmt_period(p, buf);
}

/* --- headings ---------------------------------------------------------- */

void heading(bctx *b, const char *title, int level, bool new_page,
             int line) {
  zt_block *h;
  if (level < 1)
    level = 1;
  if (level > 3)
    level = 3;
  h = zt_doc_add(b->doc, ZT_BLK_HEADING);
  h->level = level;
  h->title = title;
  h->new_page = new_page;
  h->anchor = zt_arena_printf(b->a, "h-%d", ++b->nheadings);
  h->tpl_line = line;
  if (b->numbered) {
    b->sec[level - 1]++;
    for (int i = level; i < 3; i++)
      b->sec[i] = 0;
    if (level == 1)
      h->number = zt_arena_printf(b->a, "%d", b->sec[0]);
    else if (level == 2)
      h->number = zt_arena_printf(b->a, "%d.%d", b->sec[0], b->sec[1]);
    else
      h->number = zt_arena_printf(b->a, "%d.%d.%d", b->sec[0], b->sec[1],
                                  b->sec[2]);
  }
}

/* --- tables ------------------------------------------------------------ */

zt_table *new_table(bctx *b, size_t nrows, size_t ncols,
                    const char *caption) {
  zt_table *t = zt_table_new(b->a, nrows, ncols);
  t->caption = caption;
  t->number = ++b->ntables;
  t->anchor = zt_arena_printf(b->a, "tabel-%d", t->number);
  return t;
}

void add_table_block(bctx *b, zt_table *t, int line) {
  zt_block *blk = zt_doc_add(b->doc, ZT_BLK_TABLE);
  blk->table = t;
  blk->title = t->caption;
  blk->anchor = t->anchor;
  blk->tpl_line = line;
}

/* --- charts ------------------------------------------------------------ */

/* The row of the chart-type table (render/chart_types.c); the template
 * reader has checked the name. */
static const zt_chart_kind *chart_kind(const char *s) {
  const zt_chart_kind *k = zt_chart_kind_named(s);
  return k ? k : &zt_chart_kinds[0];
}

static const char *default_y_label(zt_unit u) {
  switch (u) {
  case ZT_UNIT_PERCENT: return "procent";
  case ZT_UNIT_EUR: return "euro";
  case ZT_UNIT_DAYS: return "dagen";
  case ZT_UNIT_YEARS: return "jaar";
  case ZT_UNIT_COUNT: break;
  }
  return "aantal";
}

static zt_chart *timeline_chart(bctx *b, zt_chart_type type) {
  const zt_report_input *in = b->in;
  const char **lines;
  size_t nl = action_lines(b, &lines), k = 0;
  zt_chart *c = zt_chart_new(b->a, type, 0, 0);
  c->items = zt_arena_array(b->a, in->nmeasures + 1, sizeof *c->items);
  for (size_t l = 0; l < nl; l++)
    for (size_t i = 0; i < in->nmeasures; i++) {
      const zt_measure *m = &in->measures[i];
      int y0, q0, y1, q1;
      if (strcmp(m->actielijn, lines[l]) != 0 ||
          zt_quarter_parse(m->van, &y0, &q0) != ZT_OK ||
          zt_quarter_parse(m->tot, &y1, &q1) != ZT_OK)
        continue;
      c->items[k].label = m->id[0] ? zt_arena_printf(b->a, "%s %s", m->id,
                                                     m->maatregel)
                                   : m->maatregel;
      c->items[k].group = m->actielijn;
      c->items[k].q0 = y0 * 4 + q0 - 1;
      c->items[k].q1 = y1 * 4 + q1 - 1;
      if (c->items[k].q1 < c->items[k].q0)
        c->items[k].q1 = c->items[k].q0;
      c->items[k].status = m->status;
      c->items[k].when = when_text(b, m);
      k++;
    }
  c->nitems = k;
  {
    int y, mo, d;
    zt_day_to_ymd(in->period.end, &y, &mo, &d);
    c->q_now = y * 4 + (mo - 1) / 3;
  }
  return c;
}

/* A trend line with one period of data is a lone dot: its figures go in
 * a table of their own, with a sentence on when the line can begin. */
static zt_status one_point(bctx *b, xmlNodePtr n, zt_chart *c) {
  zt_table *t = zt_chart_table(c, b->a);
  zt_block *blk;
  t->caption = c->title;
  t->number = ++b->ntables;
  t->anchor = zt_arena_printf(b->a, "tabel-%d", t->number);
  zt_table_add_marker_notes(t, b->a, marker_note(b, t));
  add_table_block(b, t, (int)xmlGetLineNo(n));
  blk = zt_doc_add(b->doc, ZT_BLK_PARA);
  blk->text = plain_text(
      b, zt_arena_printf(b->a,
                         "V\xc3\xb3\xc3\xb3r %s zijn er geen volledige "
                         "gegevens; een grafiek van het verloop volgt "
                         "zodra er meer dan \xc3\xa9\xc3\xa9n periode is.",
                         c->cats[0]));
  blk->tpl_line = (int)xmlGetLineNo(n);
  return ZT_OK;
}

static zt_status chart_block(bctx *b, xmlNodePtr n) {
  const zt_chart_kind *kind = chart_kind(attr(b, n, "type"));
  zt_chart_type type = kind->type;
  const char *title = subst(b, attr(b, n, "title"));
  coord base = coord_from(b, n);
  zt_chart *c;
  zt_block *blk;
  zt_status st = ZT_OK;
  base.label = NULL;
  if (kind->data == ZT_CHART_DATA_MEASURES) {
    c = timeline_chart(b, type);
  } else {
    const char *xs = attr(b, n, "x"), *ss = attr(b, n, "series");
    GArray *xa = g_array_new(FALSE, FALSE, sizeof(coord));
    GArray *sa = g_array_new(FALSE, FALSE, sizeof(coord));
    dim xd, sd;
    size_t nser = 0, ntarget = 0;
    bool x_first = !(xs && strncmp(xs, "breakdown:", 10) == 0);
    if (x_first) {
      st = expand(b, n, xs, "cat", &base, NULL, xa);
      dim_push(&xd, xa);
      if (!st)
        st = expand(b, n, ss, "series", &base, &xd, sa);
    } else {
      st = expand(b, n, ss, "series", &base, NULL, sa);
      dim_push(&sd, sa);
      if (!st)
        st = expand(b, n, xs, "cat", &base, &sd, xa);
    }
    if (!st && sa->len == 0) {
      coord s = coord_none();
      s.label = attr(b, n, "y-label") ? subst(b, attr(b, n, "y-label"))
                                      : title;
      g_array_append_val(sa, s);
    }
    if (!st && xa->len == 0 && (!xs || strcmp(xs, "items") == 0))
      st = node_fail(b, n, "<chart> has no categories (expected <cat> "
                     "children or an x attribute)");
    if (st) {
      g_array_free(xa, TRUE);
      g_array_free(sa, TRUE);
      return st;
    }
    dim_push(&xd, xa);
    dim_push(&sd, sa);
    for (size_t s = 0; s < sd.n; s++)
      ntarget += sd.c[s].target;
    nser = sd.n + ntarget;
    c = zt_chart_new(b->a, type, xd.n, nser);
    for (size_t i = 0; i < xd.n; i++)
      c->cats[i] = xd.c[i].label ? xd.c[i].label : "";
    {
      size_t out = 0;
      const char *first_ind = NULL;
      for (size_t s = 0; s < sd.n && !st; s++) {
        zt_series *se = &c->ser[out++];
        se->name = sd.c[s].label ? sd.c[s].label : "";
        if (sd.c[s].has_color)
          se->color = sd.c[s].color;
        else if (base.has_color)
          se->color = base.color;
        else
          se->color = sd.n == 1 ? 0x4477aaU : zt_color_cycle((unsigned)s);
        for (size_t i = 0; i < xd.n; i++) {
          const char *ind = NULL;
          unsigned fl = 0;
          const zt_ind_value *v = grid_value(b, &base, &sd.c[s], &xd.c[i],
                                             &ind);
          if (!ind) {
            st = node_fail(b, n, "no indicator for series '%s' (expected "
                           "an id on the chart or the series)", se->name);
            break;
          }
          if (!first_ind)
            first_ind = ind;
          se->val[i].display = display(b, v, &fl);
          se->val[i].suppressed = (fl & ZT_CELL_SUPPRESSED) != 0;
          se->val[i].present = v && !v->suppressed;
          /* a hidden value never reaches the chart's geometry */
          se->val[i].v = v && !v->suppressed ? zt_ind_as_double(v) : 0;
        }
        if (sd.c[s].target && !st) {
          /* the target path of this series, per category period */
          zt_series *tg = &c->ser[out++];
          const char *ind = sd.c[s].ind ? sd.c[s].ind : base.ind;
          tg->name = se->name;
          tg->color = se->color;
          tg->is_target = true;
          for (size_t i = 0; i < xd.n; i++) {
            zt_period p = xd.c[i].has_period ? xd.c[i].period
                                             : b->in->period;
            int gem = sd.c[s].gem >= 0 ? sd.c[s].gem
                      : base.gem >= 0 ? base.gem : b->gem;
            const zt_report_target *t = find_target(b, ind, &p,
                                                    (uint16_t)gem);
            if (!t)
              continue;
            tg->val[i].present = true;
            tg->val[i].v = (double)t->num / (double)t->den;
            tg->val[i].display = target_value(b, t, unit_of(ind), true);
          }
          /* no target for any of the periods: no line, no legend entry
           * and no column of dashes (its slot is taken by the next) */
          {
            bool any = false;
            for (size_t i = 0; i < xd.n; i++)
              any |= tg->val[i].present;
            if (!any) {
              out--;
              tg->is_target = false;   /* the slot as it was given */
              tg->name = NULL;
              tg->color = 0;
            }
          }
        }
      }
      c->nser = out;
      c->unit = unit_of(first_ind);
    }
    /* one series over care kinds: each bar or slice in its kind's colour */
    if (sd.n == 1 && ntarget == 0) {
      bool any = false;
      c->cat_color = zt_arena_array(b->a, xd.n + 1, sizeof *c->cat_color);
      for (size_t i = 0; i < xd.n; i++) {
        c->cat_color[i] = xd.c[i].has_color ? xd.c[i].color
                          : kind->cat_colors
                              ? zt_color_cycle((unsigned)i)
                              : c->ser[0].color;
        any |= xd.c[i].has_color;
      }
      if (!any && !kind->cat_colors)
        c->cat_color = NULL;
    }
    /* a trend begins at its first period with data: the half-years
     * before the first message of a kind would be empty bars (the
     * caption says from when; a table does the same with its columns) */
    if (!st) {
      size_t lead = 0;
      bool data = false;
      for (; lead < xd.n && xd.c[lead].from_periods; lead++) {
        for (size_t s = 0; s < c->nser && !data; s++)
          data = !c->ser[s].is_target && (c->ser[s].val[lead].present ||
                                          c->ser[s].val[lead].suppressed);
        if (data)
          break;
      }
      if (data && lead > 0)
        zt_chart_drop_first(c, lead);
    }
    g_array_free(xa, TRUE);
    g_array_free(sa, TRUE);
    if (st)
      return st;
  }
  c->title = title;
  if (type == ZT_CHART_LINE && c->begins_late && c->ncat == 1)
    return one_point(b, n, c);
  c->y_label = attr(b, n, "y-label") ? subst(b, attr(b, n, "y-label"))
               : kind->data == ZT_CHART_DATA_MEASURES
                   ? NULL
                   : default_y_label(c->unit);
  c->x_label = subst(b, attr(b, n, "x-label"));
  c->number = ++b->nfigures;
  blk = zt_doc_add(b->doc, ZT_BLK_CHART);
  blk->chart = c;
  blk->title = title;
  blk->anchor = zt_arena_printf(b->a, "figuur-%d", c->number);
  blk->alt = zt_chart_alt(c, b->a);
  blk->chart_table = zt_chart_table(c, b->a);
  zt_table_add_marker_notes(blk->chart_table, b->a,
                            marker_note(b, blk->chart_table));
  blk->chart_table_in_pdf = attr_yes(b, n, "table", false);
  blk->tpl_line = (int)xmlGetLineNo(n);
  return ZT_OK;
}

/* --- blocks ------------------------------------------------------------ */

static zt_status walk(bctx *b, xmlNodePtr parent, int level);

static zt_status include_block(bctx *b, xmlNodePtr n, int level) {
  const char *href = attr(b, n, "href");
  char *path = zt_template_include_path(b->t, href);
  zt_status st = ZT_OK;
  xmlDocPtr doc = g_hash_table_lookup(b->t->xml_inc, path);
  if (doc) {
    st = walk(b, xmlDocGetRootElement(doc), level);
  } else {
    const char *text = g_hash_table_lookup(b->t->txt_inc, path);
    /* plain text: paragraphs separated by blank lines */
    const char *p = text ? text : "";
    while (*p) {
      const char *e = strstr(p, "\n\n");
      size_t len = e ? (size_t)(e - p) : strlen(p);
      char *para = g_strndup(p, len);
      zt_text t = plain_text(b, para);
      g_free(para);
      if (t.n) {
        zt_block *blk = zt_doc_add(b->doc, ZT_BLK_PARA);
        blk->text = t;
        blk->tpl_line = (int)xmlGetLineNo(n);
      }
      if (!e)
        break;
      p = e + 2;
    }
  }
  g_free(path);
  return st;
}

static zt_status per_gemeente(bctx *b, xmlNodePtr n, int level) {
  zt_status st = ZT_OK;
  if (b->in->ngemeenten == 0)
    return node_fail(b, n, "<per-gemeente> but the region has no member "
                     "municipalities");
  for (size_t i = 0; i < b->in->ngemeenten && !st; i++) {
    b->gem = b->in->gemeenten[i];
    b->gem_name = b->in->gemeente_names[i];
    st = walk(b, n, level);
  }
  b->gem = ZT_GEMEENTE_REGIO;
  b->gem_name = NULL;
  return st;
}

/* Is there anything for a section with requires="id" to show: a row of
 * indicator `id` (the flow.* section of a store without JW315/305/307),
 * or for "benchmark" a figure from elsewhere the table "Regio en
 * Nederland" would show? NULL: yes. */
static bool has_rows(bctx *b, const char *id) {
  const zt_ind_table *t = b->in->ind;
  if (!id)
    return true;
  if (strcmp(id, "benchmark") == 0)
    return benchmarks_any(b);
  for (size_t i = 0; t && i < zt_ind_table_count(t); i++)
    if (strcmp(zt_ind_table_at(t, i)->indicator, id) == 0)
      return true;
  return false;
}

static zt_status walk(bctx *b, xmlNodePtr parent, int level) {
  zt_status st = ZT_OK;
  for (xmlNodePtr n = parent->children; n && !st; n = n->next) {
    const char *name = (const char *)n->name;
    int line = (int)xmlGetLineNo(n);
    zt_block *blk;
    if (n->type != XML_ELEMENT_NODE)
      continue;
    if (strcmp(name, "cover") == 0) {
      zt_doc_add(b->doc, ZT_BLK_COVER)->tpl_line = line;
    } else if (strcmp(name, "contents") == 0) {
      const char *t = attr(b, n, "title"), *d = attr(b, n, "depth");
      if (t)
        b->doc->toc_title = t;
      if (d)
        b->doc->toc_depth = d[0] - '0';
      blk = zt_doc_add(b->doc, ZT_BLK_TOC);
      blk->title = b->doc->toc_title;
      blk->anchor = "inhoud";
      blk->tpl_line = line;
    } else if (strcmp(name, "section") == 0) {
      if (!has_rows(b, attr(b, n, "requires")))
        continue;                 /* no data of that kind: left out */
      heading(b, subst(b, attr(b, n, "title")), level + 1,
              attr_yes(b, n, "newpage", level == 0), line);
      st = walk(b, n, level + 1);
    } else if (strcmp(name, "p") == 0 || strcmp(name, "note") == 0) {
      bool missing = false, hidden = false;
      zt_text t;
      const char *alt = attr(b, n, "missing");
      const char *alt_hidden = attr(b, n, "hidden");
      /* only="provisional": a caveat for a period whose declarations
       * are still arriving (as Opvallend and the summary judge it) */
      if (attr(b, n, "only") &&
          !(b->in->ind &&
            zt_plausibility_provisional(b->in->ind, &b->in->period)))
        continue;
      t = inline_text_m(b, n, &missing, &hidden);
      /* a value in it has none: the sentence of missing="..." instead
       * (none when empty), never a sentence with dashes in it. A value
       * the privacy rules hid: the sentence of hidden="...", else of
       * missing="...", else none: never a "·" in running text */
      if (hidden && alt_hidden)
        t = plain_text(b, subst(b, alt_hidden));
      else if ((missing || hidden) && alt)
        t = plain_text(b, subst(b, alt));
      else if (hidden)
        t.n = 0;
      if (t.n) {
        blk = zt_doc_add(b->doc, name[0] == 'p' ? ZT_BLK_PARA : ZT_BLK_NOTE);
        blk->text = t;
        blk->tpl_line = line;
      }
    } else if (strcmp(name, "ul") == 0) {
      size_t cnt = 0, i = 0;
      zt_text *items;
      for (xmlNodePtr k = n->children; k; k = k->next)
        cnt += is_elem(k, "li");
      items = zt_arena_array(b->a, cnt + 1, sizeof *items);
      for (xmlNodePtr k = n->children; k; k = k->next) {
        bool hidden = false;
        if (!is_elem(k, "li"))
          continue;
        items[i] = inline_text_m(b, k, NULL, &hidden);
        /* an item with a value the privacy rules hid is left out */
        if (!hidden)
          i++;
      }
      if (!i)
        continue;
      blk = zt_doc_add(b->doc, ZT_BLK_LIST);
      blk->items = items;
      blk->nitems = i;
      blk->tpl_line = line;
    } else if (strcmp(name, "tiles") == 0) {
      st = tiles_block(b, n);
    } else if (strcmp(name, "chart") == 0) {
      st = chart_block(b, n);
    } else if (strcmp(name, "table") == 0) {
      st = grid_table(b, n);
    } else if (strcmp(name, "measures") == 0) {
      st = measures_table(b, n);
    } else if (strcmp(name, "budget") == 0) {
      st = budget_table(b, n);
    } else if (strcmp(name, "sources") == 0) {
      st = sources_table(b, n);
    } else if (strcmp(name, "settings") == 0) {
      st = settings_table(b, n);
    } else if (strcmp(name, "benchmark-table") == 0) {
      benchmarks_table(b, n);
    } else if (strcmp(name, "findings") == 0) {
      st = findings_block(b, n, level);
    } else if (strcmp(name, "narrative") == 0) {
      st = narrative_block(b, n, level);
    } else if (strcmp(name, "pagebreak") == 0) {
      zt_doc_add(b->doc, ZT_BLK_PAGEBREAK)->tpl_line = line;
    } else if (strcmp(name, "per-gemeente") == 0) {
      st = per_gemeente(b, n, level);
    } else if (strcmp(name, "include") == 0) {
      st = include_block(b, n, level);
    }
  }
  return st;
}

zt_status zt_doc_build(const zt_template *t, const zt_report_input *in,
                       zt_doc **out, zt_err *err) {
  bctx b;
  zt_doc *d;
  xmlNodePtr root = xmlDocGetRootElement(t->doc);
  char buf[ZT_FMT_MAX];
  zt_status st;
  bool half = strcmp(t->kind, "halfjaar") == 0;
  *out = NULL;
  if (half != (in->period.half != 0)) {
    char name[8];
    zt_period_name(&in->period, name);
    return zt_fail(err, ZT_ERR_INPUT,
                   "%s:%ld: bad period %s for this template (expected %s)",
                   t->path, xmlGetLineNo(root), name,
                   half ? "a half-year, YYYY-H1 or YYYY-H2"
                        : "a year, YYYY");
  }
  memset(&b, 0, sizeof b);
  d = zt_doc_new();
  b.t = t;
  b.in = in;
  b.doc = d;
  b.a = &d->arena;
  b.err = err;
  b.gem = ZT_GEMEENTE_REGIO;
  b.numbered = attr_yes(&b, root, "numbered", true);
  b.strvs = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
  /* the trend: periods of the report's kind, up to the report period */
  b.trend = zt_arena_array(b.a, in->ntrend + 1, sizeof *b.trend);
  for (size_t i = 0; i < in->ntrend; i++)
    if ((in->trend[i].half != 0) == (in->period.half != 0) &&
        in->trend[i].end <= in->period.end)
      b.trend[b.ntrend++] = in->trend[i];
  if (b.ntrend == 0)
    b.trend[b.ntrend++] = in->period;
  d->title = subst(&b, attr(&b, root, "title"));
  d->subtitle = subst(&b, attr(&b, root, "subtitle"));
  d->subject = subst(&b, attr(&b, root, "subject"));
  d->keywords = subst(&b, attr(&b, root, "keywords"));
  d->region = zt_arena_strdup(b.a, in->region_name ? in->region_name : "");
  zt_fmt_period(&in->period, buf);
  d->period = zt_arena_strdup(b.a, buf);
  zt_fmt_date(in->report_date, buf);
  d->date = zt_arena_strdup(b.a, buf);
  zt_fmt_date(in->peildatum, buf);
  d->peildatum = zt_arena_strdup(b.a, buf);
  {
    zt_buf m;
    zt_buf_init(&m, 1u << 16);
    for (size_t i = 0; i < in->ngemeenten; i++)
      zt_buf_printf(&m, "%s%s", i ? ", " : "", in->gemeente_names[i]);
    d->members = zt_arena_strdup(b.a, zt_buf_str(&m));
    zt_buf_free(&m);
  }
  d->version = zt_arena_strdup(b.a, in->version ? in->version : "");
  d->status = in->definitief && in->narrative ? "definitief" : "concept";
  if (in->latest_delivery != ZT_DAY_NONE) {
    zt_fmt_date(in->latest_delivery, buf);
    d->delivery = zt_arena_printf(b.a, "Gegevens ontvangen tot en met %s",
                                  buf);
  }
  {
    /* provisional figures (docs/completeness.md) */
    const char *pl = compl_cover_line(&b);
    if (pl)
      d->delivery = d->delivery
                        ? zt_arena_printf(b.a, "%s. %s", d->delivery, pl)
                        : pl;
  }
  if (!in->narrative) {
    const char *f = in->narrative_file;
    const char *base = f ? strrchr(f, '/') : NULL;
    base = base ? base + 1 : f;
    d->cover_note =
        base ? zt_arena_printf(b.a, "De duiding en de besluitpunten van de "
                               "regio ontbreken nog (bestand %s); deze "
                               "versie blijft een concept.", base)
             : "De duiding en de besluitpunten van de regio ontbreken "
               "nog; deze versie blijft een concept.";
  }
  d->not_for_publication = in->not_for_publication;
  d->created = in->generated_at;
  if (!d->subject)
    d->subject = zt_arena_printf(b.a, "%s, %s", d->title, d->period);
  if (!d->keywords)
    d->keywords = "jeugdhulp, voortgangsrapportage, zo thuis mogelijk";
  st = walk(&b, root, 0);
  g_ptr_array_free(b.strvs, TRUE);
  if (st) {
    zt_doc_free(d);
    return st;
  }
  *out = d;
  return ZT_OK;
}

/*
 * render/docbuild.c -- resolving a checked template against one report
 * input into the document model (template.h, doc.h).
 *
 * Every number comes from the indicator table's display strings; missing
 * values print "–", suppressed ones their marker with a footnote. Tables
 * and charts share one "grid" resolution: a row (or series) and a column
 * (or category) each fix part of a value's key (indicator, period,
 * municipality, breakdown), the element fills in the rest.
 */
#include "render/template.h"
#include "core/sort.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/kinds.h"
#include "core/str.h"
#include "render/accounting.h"
#include "render/checks.h"
#include "render/format_nl.h"
#include "render/ind_ids.h"
#include "render/theme.h"

#define DASH "\xe2\x80\x93"     /* – */

typedef struct bctx {
  const zt_template *t;
  const zt_report_input *in;
  zt_doc *doc;
  zt_arena *a;
  zt_err *err;
  uint16_t gem;              /* the municipality in scope, 0 = region */
  const char *gem_name;
  zt_period *trend;
  size_t ntrend;
  bool numbered;
  GPtrArray *strvs;          /* string vectors to free with the build */
  int sec[3];
  int nheadings, ntables, nfigures;
} bctx;

/* A partial key of a value: what a row, column, series or category
 * fixes. NULL / -1 / has_period false mean "inherit". */
typedef struct coord {
  const char *label;
  const char *ind;
  bool has_period;
  zt_period period;
  int gem;
  const char *bd;
  bool total;
  bool has_color;
  uint32_t color;
  bool target;
  bool from_periods;
  gchar **ids;        /* <row ids>: one indicator per column ("" = an
                         empty cell), NULL otherwise; in the arena's
                         care via bctx.strvs */
} coord;

typedef struct dim {
  coord *c;
  size_t n;
} dim;

static zt_status node_fail(bctx *b, xmlNodePtr n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static zt_status node_fail(bctx *b, xmlNodePtr n, const char *fmt, ...) {
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
static const char *attr(bctx *b, xmlNodePtr n, const char *name) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
  const char *s;
  if (!v)
    return NULL;
  s = zt_arena_strdup(b->a, (const char *)v);
  xmlFree(v);
  return s;
}

static bool attr_yes(bctx *b, xmlNodePtr n, const char *name, bool dflt) {
  const char *v = attr(b, n, name);
  return v ? strcmp(v, "yes") == 0 : dflt;
}

static bool is_elem(xmlNodePtr n, const char *name) {
  return n->type == XML_ELEMENT_NODE &&
         strcmp((const char *)n->name, name) == 0;
}

/* --- periods ----------------------------------------------------------- */

static zt_period period_back(zt_period p, int n) {
  while (n-- > 0)
    p = zt_period_prev(&p);
  return p;
}

/* Resolve a (checked) period reference; NULL means the report period. */
static zt_period resolve_ref(bctx *b, const char *ref) {
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
  if (strcmp(ref, "cohort") == 0)
    return b->in->cohort.year ? b->in->cohort : *cur;
  if (strncmp(ref, "year-", 5) == 0)
    return zt_period_year(cur->year - (int)strtol(ref + 5, NULL, 10));
  if (zt_period_parse(ref, &p, NULL) != ZT_OK)
    return *cur;
  return p;
}

static void fmt_period_long(const zt_period *p, char buf[ZT_FMT_MAX]) {
  zt_fmt_period(p, buf);
}

/* --- placeholders -------------------------------------------------------- */

static const char *subst(bctx *b, const char *s) {
  zt_buf out;
  const char *p = s, *res;
  if (!s)
    return NULL;
  if (!strchr(s, '{'))
    return s;
  zt_buf_init(&out, 1u << 16);
  while (*p) {
    const char *o = strchr(p, '{'), *e;
    char buf[ZT_FMT_MAX];
    if (!o || !(e = strchr(o, '}'))) {
      zt_buf_puts(&out, p);
      break;
    }
    zt_buf_append(&out, p, (size_t)(o - p));
    if (strncmp(o, "{gemeente}", 10) == 0)
      zt_buf_puts(&out, b->gem_name ? b->gem_name : b->in->region_name);
    else if (strncmp(o, "{periode}", 9) == 0) {
      fmt_period_long(&b->in->period, buf);
      zt_buf_puts(&out, buf);
    } else if (strncmp(o, "{regio}", 7) == 0)
      zt_buf_puts(&out, b->in->region_name);
    else if (strncmp(o, "{cohort}", 8) == 0) {
      zt_period c = b->in->cohort.year ? b->in->cohort : b->in->period;
      fmt_period_long(&c, buf);
      zt_buf_puts(&out, buf);
    } else if (strncmp(o, "{jaar}", 6) == 0)
      zt_buf_printf(&out, "%d", b->in->period.year);
    else if (strncmp(o, "{peildatum}", 11) == 0) {
      zt_fmt_date(b->in->peildatum, buf);
      zt_buf_puts(&out, buf);
    } else
      zt_buf_append(&out, o, (size_t)(e - o + 1));
    p = e + 1;
  }
  res = zt_arena_strdup(b->a, zt_buf_str(&out));
  zt_buf_free(&out);
  return res;
}

/* --- values ----------------------------------------------------------- */

/* The value of (ind, p, gem, bd). The episode analysis of the cohort
 * period is the one measured at the report's peildatum, when the table
 * holds it (the cohort followed up, docs/indicators.md). */
static const zt_ind_value *lookup(bctx *b, const char *ind,
                                  const zt_period *p, uint16_t gem,
                                  const char *bd) {
  char name[8];
  if (!ind || !b->in->ind)
    return NULL;
  zt_period_name(p, name);
  if (b->in->cohort.year && zt_period_eq(p, &b->in->cohort)) {
    const zt_ind_def *d = zt_ind_lookup(ind);
    const zt_ind_value *v =
        d && d->family == ZT_FAM_EPISODES
            ? zt_ind_table_find_at(b->in->ind, ind, name,
                                   b->in->cohort_peildatum, gem,
                                   bd ? bd : "")
            : NULL;
    if (v)
      return v;
  }
  return zt_ind_table_find(b->in->ind, ind, name, gem, bd ? bd : "");
}

static zt_unit unit_of(const char *ind) {
  const zt_render_ind *d = zt_render_ind_lookup(ind);
  return d ? d->unit : ZT_UNIT_COUNT;
}

/* What the report prints for v; flags get ZT_CELL_MISSING or
 * ZT_CELL_SUPPRESSED. */
static const char *display(bctx *b, const zt_ind_value *v,
                           unsigned *flags) {
  char buf[ZT_FMT_MAX];
  if (!v) {
    if (flags)
      *flags |= ZT_CELL_MISSING;
    return DASH;
  }
  if (v->suppressed && flags)
    *flags |= ZT_CELL_SUPPRESSED;
  if (v->display[0])
    return zt_arena_strdup(b->a, v->display);
  /* a suppressed value never shows its number, even without a marker */
  if (v->suppressed)
    return "\xc2\xb7";
  /* a row without a display string: format it the standard way */
  switch (v->unit) {
  case ZT_UNIT_EUR: zt_fmt_eur(v->num, v->den, buf); break;
  case ZT_UNIT_PERCENT: zt_fmt_percent(v->num, v->den, buf); break;
  case ZT_UNIT_YEARS: zt_fmt_decimal(v->num, v->den, 1, buf); break;
  default: zt_fmt_decimal(v->num, v->den, 0, buf); break;
  }
  return zt_arena_strdup(b->a, buf);
}

/* Compare a/b with c/d exactly (b, d > 0): -1, 0, 1. */
static int cmp_frac(int64_t a, int64_t bb, int64_t c, int64_t d) {
  __int128 l = (__int128)a * d, r = (__int128)c * bb;
  return l < r ? -1 : l > r;
}

/* --- targets ----------------------------------------------------------- */

/* The target of a value shown for (ind, p, gem), from the one evaluator
 * (metrics/target.h). */
static void evaluate(bctx *b, const char *ind, const zt_period *p,
                     uint16_t gem, zt_target_eval *ev) {
  zt_target_evaluate(b->in->targets, b->in->ntargets, b->in->ind, ind, p,
                     gem, ev);
}

static const zt_report_target *find_target(bctx *b, const char *ind,
                                           const zt_period *p,
                                           uint16_t gem) {
  return zt_target_find(b->in->targets, b->in->ntargets, ind, p, gem);
}

static const char *target_value(bctx *b, const zt_report_target *t,
                                zt_unit unit, bool with_op) {
  char v[72];
  zt_target_text(t, unit, with_op, v);
  return zt_arena_strdup(b->a, v);
}

/* "doel: ≥ 70%", or "doel 2023: ≥ 70%" when the target is set for
 * another period than the one shown (a year target in a half-year). */
static const char *target_label(bctx *b, const zt_target_eval *ev,
                                const zt_period *shown) {
  char name[8];
  zt_period_name(shown, name);
  if (strcmp(ev->target->period, name) == 0)
    return zt_arena_printf(b->a, "doel: %s", ev->target_text);
  return zt_arena_printf(b->a, "doel %s: %s", ev->target->period,
                         ev->target_text);
}

/* --- inline text ------------------------------------------------------- */

typedef struct runs {
  GArray *a;   /* of zt_run */
} runs;

static void add_run(bctx *b, runs *r, const char *text, unsigned flags) {
  zt_run run;
  if (!text || !*text)
    return;
  run.text = zt_arena_strdup(b->a, text);
  run.flags = flags;
  g_array_append_val(r->a, run);
}

/* Collapse white space in text to single blanks. */
static void add_text(bctx *b, runs *r, const char *s, unsigned flags) {
  size_t n = strlen(s), k = 0;
  char *out = g_malloc(n + 1);
  bool sp = false;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      sp = true;
      continue;
    }
    if (sp) {
      out[k++] = ' ';
      sp = false;
    }
    out[k++] = c;
  }
  if (sp)
    out[k++] = ' ';
  out[k] = '\0';
  add_run(b, r, out, flags);
  g_free(out);
}

/* The value of the configuration line for `key`: "key = value" or
 * "section.key = value" (the settings name keys with their INI section,
 * "analysis.episode_gap_days"; a template may give either form). */
static const char *setting(bctx *b, const char *key) {
  size_t kl = key ? strlen(key) : 0;
  for (size_t i = 0; kl && i < b->in->nsettings; i++) {
    const char *s = b->in->settings[i];
    const char *p, *dot = strchr(s, '.'), *eq = strchr(s, '=');
    if (strncmp(s, key, kl) == 0)
      p = s + kl;
    else if (dot && (!eq || dot < eq) && strncmp(dot + 1, key, kl) == 0)
      p = dot + 1 + kl;
    else
      continue;
    while (*p == ' ' || *p == '\t')
      p++;
    if (*p != '=')
      continue;
    p++;
    while (*p == ' ' || *p == '\t')
      p++;
    return p;
  }
  return DASH;
}

/* The municipality an element names, or the one in scope. */
static uint16_t gem_of(bctx *b, xmlNodePtr n) {
  const char *g = attr(b, n, "gemeente");
  long v;
  if (!g)
    return b->gem;
  if (strcmp(g, "regio") == 0)
    return ZT_GEMEENTE_REGIO;
  if (zt_parse_int(g, 0, 9999, &v) != ZT_OK)
    return b->gem;
  return (uint16_t)v;
}

/* The target part of a summary sentence: "; doel ≤ 18%: niet gehaald",
 * with the value judged when that is not the one the sentence ends on
 * ("; doel 2023 ≥ 70%: niet gehaald (heel 2023: 69,0%)"); "" without a
 * target. */
static const char *target_clause(bctx *b, const char *ind,
                                 const zt_period *cur, uint16_t gem) {
  zt_target_eval ev;
  char name[8], jp[ZT_FMT_MAX];
  const char *doel;
  evaluate(b, ind, cur, gem, &ev);
  if (!ev.target)
    return "";
  zt_period_name(cur, name);
  /* in a sentence "= 0" keeps its sign: "doel 2023 = 0" */
  {
    const char *tt = ev.target->op == ZT_OP_EQ
                         ? zt_arena_printf(b->a, "= %s", ev.target_text)
                         : ev.target_text;
    doel = strcmp(ev.target->period, name) == 0
               ? zt_arena_printf(b->a, "doel %s", tt)
               : zt_arena_printf(b->a, "doel %s %s", ev.target->period, tt);
  }
  if (ev.judged && !ev.judged->suppressed &&
      !zt_period_eq(&ev.judged_period, cur)) {
    fmt_period_long(&ev.judged_period, jp);
    return zt_arena_printf(b->a, "; %s: %s (heel %s: %s)", doel,
                           zt_target_status_word(ev.status), jp,
                           display(b, ev.judged, NULL));
  }
  return zt_arena_printf(b->a, "; %s: %s", doel,
                         zt_target_status_word(ev.status));
}

/* "Het aandeel ... daalde van 26,6% naar 23,9%; doel ≤ 18%: niet
 * gehaald": direction, target and status in one line. */
static const char *change_sentence(bctx *b, xmlNodePtr n) {
  const char *ind = attr(b, n, "id"), *bd = attr(b, n, "breakdown");
  const char *subject = subst(b, attr(b, n, "subject"));
  const char *up = attr(b, n, "up"), *down = attr(b, n, "down");
  const char *same = attr(b, n, "same");
  zt_period cur = resolve_ref(b, attr(b, n, "period"));
  const char *from_ref = attr(b, n, "from");
  zt_period from = from_ref ? resolve_ref(b, from_ref)
                            : period_back(cur, 1);
  uint16_t gem = gem_of(b, n);
  const zt_ind_value *vc = lookup(b, ind, &cur, gem, bd);
  const zt_ind_value *vp = lookup(b, ind, &from, gem, bd);
  const char *doel = bd ? "" : target_clause(b, ind, &cur, gem);
  char pname[ZT_FMT_MAX];
  if (!vc || vc->suppressed) {
    fmt_period_long(&cur, pname);
    return zt_arena_printf(b->a, "%s: geen gegevens over %s%s", subject,
                           pname, doel);
  }
  if (!vp || vp->suppressed)
    return zt_arena_printf(b->a, "%s was %s%s", subject,
                           display(b, vc, NULL), doel);
  if (strcmp(vc->display, vp->display) == 0 ||
      cmp_frac(vc->num, vc->den, vp->num, vp->den) == 0)
    return zt_arena_printf(b->a, "%s %s %s%s", subject,
                           same ? same : "bleef", display(b, vc, NULL),
                           doel);
  return zt_arena_printf(
      b->a, "%s %s van %s naar %s%s", subject,
      cmp_frac(vc->num, vc->den, vp->num, vp->den) > 0
          ? (up ? up : "steeg")
          : (down ? down : "daalde"),
      display(b, vp, NULL), display(b, vc, NULL), doel);
}

static void inline_nodes(bctx *b, xmlNodePtr parent, runs *r,
                         unsigned flags) {
  for (xmlNodePtr n = parent->children; n; n = n->next) {
    char buf[ZT_FMT_MAX];
    const char *name = (const char *)n->name;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      add_text(b, r, (const char *)n->content, flags);
      continue;
    }
    if (n->type != XML_ELEMENT_NODE)
      continue;
    if (strcmp(name, "v") == 0) {
      zt_period p = resolve_ref(b, attr(b, n, "period"));
      const zt_ind_value *v = lookup(b, attr(b, n, "id"), &p, gem_of(b, n),
                                     attr(b, n, "breakdown"));
      add_run(b, r, display(b, v, NULL), flags | ZT_RUN_VALUE);
    } else if (strcmp(name, "change") == 0) {
      add_run(b, r, change_sentence(b, n), flags);
    } else if (strcmp(name, "target") == 0 || strcmp(name, "status") == 0) {
      const char *ind = attr(b, n, "id");
      zt_period p = resolve_ref(b, attr(b, n, "period"));
      uint16_t gem = gem_of(b, n);
      zt_target_eval ev;
      evaluate(b, ind, &p, gem, &ev);
      if (strcmp(name, "target") == 0)
        add_run(b, r, ev.target ? ev.target_text : "geen doel",
                flags | ZT_RUN_VALUE);
      else
        add_run(b, r, zt_target_status_word(ev.status), flags);
    } else if (strcmp(name, "period") == 0) {
      zt_period p = resolve_ref(b, attr(b, n, "ref"));
      fmt_period_long(&p, buf);
      add_run(b, r, buf, flags);
    } else if (strcmp(name, "region") == 0) {
      add_run(b, r, b->in->region_name, flags);
    } else if (strcmp(name, "gemeente") == 0) {
      add_run(b, r, b->gem_name ? b->gem_name : b->in->region_name, flags);
    } else if (strcmp(name, "peildatum") == 0) {
      zt_fmt_date(b->in->peildatum, buf);
      add_run(b, r, buf, flags);
    } else if (strcmp(name, "date") == 0) {
      zt_fmt_date(b->in->report_date, buf);
      add_run(b, r, buf, flags);
    } else if (strcmp(name, "generated") == 0) {
      zt_fmt_datetime_utc(b->in->generated_at, buf);
      add_run(b, r, buf, flags);
    } else if (strcmp(name, "version") == 0) {
      add_run(b, r, b->in->version ? b->in->version : "?", flags);
    } else if (strcmp(name, "suppression") == 0) {
      add_run(b, r, b->in->suppression_rule ? b->in->suppression_rule
                                            : DASH, flags);
    } else if (strcmp(name, "setting") == 0) {
      const char *key = attr(b, n, "key");
      add_run(b, r, zt_acc_setting_text(b->in, b->a, key, setting(b, key)),
              flags);
    } else if (strcmp(name, "composition") == 0) {
      add_run(b, r, zt_acc_composition(b->in, b->a), flags);
    } else if (strcmp(name, "em") == 0) {
      inline_nodes(b, n, r, flags | ZT_RUN_EM);
    } else if (strcmp(name, "strong") == 0) {
      inline_nodes(b, n, r, flags | ZT_RUN_STRONG);
    }
  }
}

/* Trim blanks at both ends and doubled blanks between runs. */
static zt_text finish_runs(bctx *b, runs *r) {
  zt_text t;
  GArray *a = r->a;
  for (guint i = 0; i < a->len; i++) {
    zt_run *run = &g_array_index(a, zt_run, i);
    bool prev_sp = false;
    if (i == 0)
      prev_sp = true;
    else {
      const char *pt = g_array_index(a, zt_run, i - 1).text;
      size_t pl = strlen(pt);
      prev_sp = pl == 0 || pt[pl - 1] == ' ';
    }
    while (prev_sp && run->text[0] == ' ')
      run->text++;
  }
  while (a->len > 0) {
    zt_run *last = &g_array_index(a, zt_run, a->len - 1);
    size_t l = strlen(last->text);
    while (l > 0 && last->text[l - 1] == ' ')
      l--;
    if (l > 0) {
      last->text = zt_arena_strndup(b->a, last->text, l);
      break;
    }
    g_array_set_size(a, a->len - 1);
  }
  t.n = a->len;
  t.runs = zt_arena_array(b->a, a->len + 1, sizeof *t.runs);
  if (a->len)
    memcpy(t.runs, a->data, a->len * sizeof *t.runs);
  return t;
}

static zt_text inline_text(bctx *b, xmlNodePtr n) {
  runs r;
  zt_text t;
  r.a = g_array_new(FALSE, FALSE, sizeof(zt_run));
  inline_nodes(b, n, &r, 0);
  t = finish_runs(b, &r);
  g_array_free(r.a, TRUE);
  return t;
}

static zt_text plain_text(bctx *b, const char *s) {
  runs r;
  zt_text t;
  r.a = g_array_new(FALSE, FALSE, sizeof(zt_run));
  add_text(b, &r, s, 0);
  t = finish_runs(b, &r);
  g_array_free(r.a, TRUE);
  return t;
}

/* --- headings ---------------------------------------------------------- */

static void heading(bctx *b, const char *title, int level, bool new_page,
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

/* --- dimensions ---------------------------------------------------------- */

static coord coord_none(void) {
  coord c;
  memset(&c, 0, sizeof c);
  c.gem = -1;
  return c;
}

static coord coord_from(bctx *b, xmlNodePtr n) {
  coord c = coord_none();
  const char *g = attr(b, n, "gemeente"), *col = attr(b, n, "color");
  const char *p = attr(b, n, "period");
  long v;
  c.label = subst(b, attr(b, n, "label"));
  c.ind = attr(b, n, "id");
  if (p) {
    c.has_period = true;
    c.period = resolve_ref(b, p);
  }
  if (g)
    c.gem = strcmp(g, "regio") == 0 ? 0
            : zt_parse_int(g, 0, 9999, &v) == ZT_OK ? (int)v : -1;
  c.bd = attr(b, n, "breakdown");
  if (col)
    c.has_color = zt_color_by_key(col, &c.color);
  c.target = attr_yes(b, n, "target", false);
  c.total = attr_yes(b, n, "is-total", false);
  {
    const char *ids = attr(b, n, "ids");
    if (ids) {
      c.ids = g_strsplit(ids, ",", -1);
      for (size_t i = 0; c.ids[i]; i++)
        g_strstrip(c.ids[i]);
      g_ptr_array_add(b->strvs, c.ids);
    }
  }
  return c;
}

static void dim_push(dim *d, GArray *arr) {
  d->n = arr->len;
  d->c = (coord *)(void *)arr->data;
}

/* Trend periods of the report's kind up to the report period. */
static void add_trend(bctx *b, GArray *arr) {
  for (size_t i = 0; i < b->ntrend; i++) {
    coord c = coord_none();
    char buf[ZT_FMT_MAX];
    c.has_period = true;
    c.period = b->trend[i];
    c.from_periods = true;
    zt_fmt_period_short(&c.period, buf);
    c.label = zt_arena_strdup(b->a, buf);
    g_array_append_val(arr, c);
  }
}

typedef struct bdval {
  const char *value;    /* after "key=" */
  const char *full;     /* "key=value" */
  const char *label;    /* what the row or category shows */
  double weight;        /* sort weight: the value in the last period the
                           other dimension shows; a hidden value sorts
                           after every shown one, so the order does not
                           tell hidden values apart */
} bdval;

static int numeric_lead(const char *s, long *out) {
  long v = 0;
  int n = 0;
  while (s[n] >= '0' && s[n] <= '9' && n < 12)
    v = v * 10 + (s[n++] - '0');
  *out = v;
  return n;
}

static bool starts_numeric(const char *s) {
  long dummy;
  return numeric_lead(s, &dummy) > 0;
}

static int bd_cmp_kind(const void *x, const void *y) {
  const bdval *a = x, *b = y;
  int ka = zt_kind_from_id(a->value), kb = zt_kind_from_id(b->value);
  if (ka != kb)
    return (ka < 0 ? 1000 : ka) - (kb < 0 ? 1000 : kb);
  return strcmp(a->value, b->value);
}

static int bd_cmp_num(const void *x, const void *y) {
  const bdval *a = x, *b = y;
  long va, vb;
  int na = numeric_lead(a->value, &va), nb = numeric_lead(b->value, &vb);
  if (na && nb && va != vb)
    return va < vb ? -1 : 1;
  if (na != nb)
    return na ? -1 : 1;
  return strcmp(a->value, b->value);
}

static int bd_cmp_weight(const void *x, const void *y) {
  const bdval *a = x, *b = y;
  int c;
  if (a->weight != b->weight)
    return a->weight > b->weight ? -1 : 1;
  c = strcmp(a->label, b->label);   /* bytes: the same on every machine */
  return c ? c : strcmp(a->value, b->value);
}

/* The sort weight of a breakdown row (see bdval). */
static double bd_weight(const zt_ind_value *v) {
  return v->suppressed ? -1.0 : zt_ind_as_double(v);
}

/* "31-90" -> "31–90" (a range of numbers gets an en dash). */
static const char *range_label(bctx *b, const char *v) {
  const char *dash = strchr(v, '-');
  if (dash && dash > v && dash[-1] >= '0' && dash[-1] <= '9' &&
      dash[1] >= '0' && dash[1] <= '9')
    return zt_arena_printf(b->a, "%.*s" DASH "%s", (int)(dash - v), v,
                           dash + 1);
  return v;
}

/* The label of a provider= breakdown value (an AGB code): the
 * provider's name from the report input, else "AGB <code>"; a value that
 * is not a code is shown as it is. */
static const char *provider_label(bctx *b, const char *agb) {
  long code;
  if (zt_parse_int(agb, 0, 99999999, &code) != ZT_OK)
    return agb;
  for (size_t i = 0; i < b->in->nproviders; i++)
    if (b->in->providers[i].agb == (uint32_t)code &&
        b->in->providers[i].name[0])
      return zt_arena_strdup(b->a, b->in->providers[i].name);
  return zt_arena_printf(b->a, "AGB %s", agb);
}

static zt_status expand_breakdown(bctx *b, xmlNodePtr n, const char *key,
                                  const coord *base, const dim *other,
                                  GArray *arr) {
  size_t kl = strlen(key), nrows;
  GArray *vals;
  GHashTable *seen;
  uint16_t gem = base->gem >= 0 ? (uint16_t)base->gem : b->gem;
  char periods[16][8];
  size_t np = 0;
  if (!base->ind)
    return node_fail(b, n,
                     "breakdown:%s needs an indicator (expected an id "
                     "attribute on this element)", key);
  /* the periods the other dimension shows, else the element's own */
  for (size_t i = 0; other && i < other->n && np < 16; i++)
    if (other->c[i].has_period)
      zt_period_name(&other->c[i].period, periods[np++]);
  if (np == 0) {
    zt_period p = base->has_period ? base->period : b->in->period;
    zt_period_name(&p, periods[np++]);
  }
  vals = g_array_new(FALSE, FALSE, sizeof(bdval));
  seen = g_hash_table_new(g_str_hash, g_str_equal);
  nrows = b->in->ind ? zt_ind_table_count(b->in->ind) : 0;
  for (size_t i = 0; i < nrows; i++) {
    const zt_ind_value *v = zt_ind_table_at(b->in->ind, i);
    bool inp = false;
    if (v->gemeente != gem || strcmp(v->indicator, base->ind) != 0 ||
        strncmp(v->breakdown, key, kl) != 0 || v->breakdown[kl] != '=')
      continue;
    for (size_t k = 0; k < np && !inp; k++)
      inp = strcmp(v->period, periods[k]) == 0;
    if (!inp)
      continue;
    if (g_hash_table_contains(seen, v->breakdown)) {
      if (strcmp(v->period, periods[np - 1]) == 0) {
        for (guint k = 0; k < vals->len; k++) {
          bdval *bv = &g_array_index(vals, bdval, k);
          if (strcmp(bv->full, v->breakdown) == 0)
            bv->weight = bd_weight(v);
        }
      }
      continue;
    }
    {
      bdval bv;
      char *full = zt_arena_strdup(b->a, v->breakdown);
      bv.full = full;
      bv.value = bv.full + kl + 1;
      bv.weight = strcmp(v->period, periods[np - 1]) == 0 ? bd_weight(v)
                                                           : -2.0;
      bv.label = strcmp(key, "kind") == 0 || strcmp(key, "reason") == 0
                     ? zt_breakdown_label(key, bv.value)
                 : strcmp(key, "provider") == 0
                     ? provider_label(b, bv.value)
                     : range_label(b, bv.value);
      g_hash_table_add(seen, full);
      g_array_append_val(vals, bv);
    }
  }
  if (vals->len < 2)
    ;   /* nothing to order (and qsort must not see a NULL array) */
  else if (strcmp(key, "kind") == 0)
    zt_qsort(vals->data, vals->len, sizeof(bdval), bd_cmp_kind);
  else if (strcmp(key, "provider") != 0 &&
           starts_numeric(g_array_index(vals, bdval, 0).value))
    zt_qsort(vals->data, vals->len, sizeof(bdval), bd_cmp_num);
  else
    zt_qsort(vals->data, vals->len, sizeof(bdval), bd_cmp_weight);
  for (guint i = 0; i < vals->len; i++) {
    bdval *bv = &g_array_index(vals, bdval, i);
    coord c = coord_none();
    int k;
    c.bd = bv->full;
    c.label = bv->label;
    if (strcmp(key, "kind") == 0 && (k = zt_kind_from_id(bv->value)) >= 0) {
      c.has_color = true;
      c.color = zt_color_of_kind((zt_care_kind)k);
    }
    g_array_append_val(arr, c);
  }
  g_hash_table_destroy(seen);
  g_array_free(vals, TRUE);
  return ZT_OK;
}

/* Expand `spec` (NULL = items) into coordinates. `child` names the item
 * elements ("row", "col", "series", "cat"). */
static zt_status expand(bctx *b, xmlNodePtr n, const char *spec,
                        const char *child, const coord *base,
                        const dim *other, GArray *arr) {
  if (!spec || strcmp(spec, "items") == 0) {
    for (xmlNodePtr k = n->children; k; k = k->next)
      if (is_elem(k, child)) {
        coord c = coord_from(b, k);
        g_array_append_val(arr, c);
      }
    return ZT_OK;
  }
  if (strncmp(spec, "periods:", 8) == 0) {
    const char *p = spec + 8;
    while (*p) {
      const char *e = strchr(p, ',');
      size_t len = e ? (size_t)(e - p) : strlen(p);
      char ref[32];
      zt_slice_copy(ref, sizeof ref, p, len);
      if (strcmp(ref, "trend") == 0)
        add_trend(b, arr);
      else {
        coord c = coord_none();
        char buf[ZT_FMT_MAX];
        c.has_period = true;
        c.period = resolve_ref(b, ref);
        c.from_periods = true;
        zt_fmt_period_short(&c.period, buf);
        c.label = zt_arena_strdup(b->a, buf);
        g_array_append_val(arr, c);
      }
      if (!e)
        break;
      p = e + 1;
    }
    return ZT_OK;
  }
  if (strncmp(spec, "gemeenten", 9) == 0) {
    for (size_t i = 0; i < b->in->ngemeenten; i++) {
      coord c = coord_none();
      c.gem = b->in->gemeenten[i];
      c.label = b->in->gemeente_names[i];
      g_array_append_val(arr, c);
    }
    if (strcmp(spec, "gemeenten+regio") == 0) {
      coord c = coord_none();
      c.gem = ZT_GEMEENTE_REGIO;
      c.label = zt_arena_printf(b->a, "Regio %s", b->in->region_name);
      c.total = true;
      g_array_append_val(arr, c);
    }
    /* item children follow the municipalities (reconciliation rows) */
    for (xmlNodePtr k = n->children; k; k = k->next)
      if (is_elem(k, child)) {
        coord c = coord_from(b, k);
        g_array_append_val(arr, c);
      }
    return ZT_OK;
  }
  if (strncmp(spec, "breakdown:", 10) == 0)
    return expand_breakdown(b, n, spec + 10, base, other, arr);
  return node_fail(b, n, "bad dimension '%s'", spec);
}

/* The value at (row/series r, column/category c) under `base`. */
static const zt_ind_value *grid_value(bctx *b, const coord *base,
                                      const coord *r, const coord *c,
                                      const char **ind_out) {
  const char *ind = r->total && r->ind ? r->ind
                    : c->ind           ? c->ind
                    : r->ind           ? r->ind
                                       : base->ind;
  zt_period p = c->has_period   ? c->period
                : r->has_period ? r->period
                : base->has_period ? base->period
                                   : b->in->period;
  int gem = c->gem >= 0 ? c->gem
            : r->gem >= 0 ? r->gem
            : base->gem >= 0 ? base->gem
                             : b->gem;
  const char *bd = r->total && r->bd ? r->bd
                   : c->bd ? c->bd
                   : r->bd ? r->bd
                   : base->bd ? base->bd
                              : "";
  if (ind_out)
    *ind_out = ind;
  return lookup(b, ind, &p, (uint16_t)gem, bd);
}

/* --- tables ------------------------------------------------------------ */

/* The footnote for the privacy markers a table shows: what each marker
 * stands for, and where the rule is stated (the full rule would repeat
 * a paragraph under every table). NULL when nothing is hidden. */
static const char *marker_note(bctx *b, const zt_table *t) {
  const char *seen[4];
  size_t nseen = 0;
  zt_buf out;
  const char *res;
  for (size_t i = 0; i < t->nrows * t->ncols; i++) {
    const char *m = t->text[i];
    bool dup = false;
    if (!(t->cflags[i] & ZT_CELL_SUPPRESSED))
      continue;
    for (size_t k = 0; k < nseen && !dup; k++)
      dup = strcmp(seen[k], m) == 0;
    if (!dup && nseen < 4)
      seen[nseen++] = m;
  }
  if (!nseen)
    return NULL;
  /* "< 5" before the markers of values not shown at all */
  for (size_t k = 1; k < nseen; k++)
    for (size_t j = k; j > 0 && seen[j][0] == '<' && seen[j - 1][0] != '<';
         j--) {
      const char *x = seen[j];
      seen[j] = seen[j - 1];
      seen[j - 1] = x;
    }
  zt_buf_init(&out, 1u << 16);
  for (size_t k = 0; k < nseen; k++) {
    const char *m = seen[k];
    long n;
    zt_buf_puts(&out, k ? "; " : "");
    if (m[0] == '<' && zt_parse_int(m[1] == ' ' ? m + 2 : m + 1, 2,
                                    1000000, &n) == ZT_OK)
      zt_buf_printf(&out, "%s = een aantal van 1 tot en met %ld", m, n - 1);
    else
      zt_buf_printf(&out, "%s = niet getoond", m);
  }
  zt_buf_puts(&out, " (bescherming van de privacy; zie de Verantwoording)."
              );
  res = zt_arena_strdup(b->a, zt_buf_str(&out));
  zt_buf_free(&out);
  return res;
}

static zt_table *new_table(bctx *b, size_t nrows, size_t ncols,
                           const char *caption) {
  zt_table *t = zt_table_new(b->a, nrows, ncols);
  t->caption = caption;
  t->number = ++b->ntables;
  t->anchor = zt_arena_printf(b->a, "tabel-%d", t->number);
  return t;
}

static void add_table_block(bctx *b, zt_table *t, int line) {
  zt_block *blk = zt_doc_add(b->doc, ZT_BLK_TABLE);
  blk->table = t;
  blk->title = t->caption;
  blk->anchor = t->anchor;
  blk->tpl_line = line;
}

/* What the folded rows are called: "Overige zorgsoorten (minder dan 5
 * jeugdigen of geen): Crisis, Logeren". */
static const char *fold_label(bctx *b, const zt_table *g, const bool *fold,
                              const char *key) {
  zt_buf out;
  const char *res, *what;
  long lt = 0;
  bool hidden = false, first = true;
  for (size_t r = 1; r < g->nrows; r++)
    for (size_t c = 1; fold[r] && c < g->ncols; c++) {
      const char *m = zt_table_cell(g, r, c);
      long v;
      if (!(zt_table_cflags(g, r, c) & ZT_CELL_SUPPRESSED))
        continue;
      if (m[0] == '<' &&
          zt_parse_int(m[1] == ' ' ? m + 2 : m + 1, 2, 1000000, &v) ==
              ZT_OK)
        lt = v;
      else
        hidden = true;
    }
  what = strcmp(key, "kind") == 0       ? "zorgsoorten"
         : strcmp(key, "provider") == 0 ? "aanbieders"
                                        : "rijen";
  zt_buf_init(&out, 1u << 16);
  if (lt)
    zt_buf_printf(&out, "Overige %s (minder dan %ld jeugdigen%s of geen): ",
                  what, lt, hidden ? ", niet getoond" : "");
  else
    zt_buf_printf(&out, "Overige %s (%sgeen): ", what,
                  hidden ? "niet getoond of " : "");
  for (size_t r = 1; r < g->nrows; r++)
    if (fold[r]) {
      zt_buf_printf(&out, "%s%s", first ? "" : ", ",
                    zt_table_cell(g, r, 0));
      first = false;
    }
  res = zt_arena_strdup(b->a, zt_buf_str(&out));
  zt_buf_free(&out);
  return res;
}

/* The table as the reader gets it, from the grid `g` (a header row and
 * one row per row coordinate):
 *  - period columns that mix whole years and half-years get a group
 *    header row above them ("Heel jaar", "Halfjaar"), so that a year is
 *    never read next to a half-year as if they were alike;
 *  - with a fold key (fold="yes" on a breakdown table), the rows without
 *    a publishable cell (zt_cell_publishable) become one line naming
 *    them, before the totals. */
static zt_table *finish_grid(bctx *b, const zt_table *g, const dim *rows,
                             const dim *cols, const bool *keep,
                             const char *key, const char *caption) {
  size_t nyear = 0, nhalf = 0, nfold = 0, nr, out = 0;
  bool groups, placed = false;
  bool *fold = zt_arena_array(b->a, g->nrows + 1, sizeof *fold);
  zt_table *t;
  for (size_t c = 0; c < cols->n; c++)
    if (keep[c] && cols->c[c].from_periods) {
      if (cols->c[c].period.half)
        nhalf++;
      else
        nyear++;
    }
  groups = nyear && nhalf;
  for (size_t r = 1; key && r < g->nrows; r++) {
    const coord *rc = &rows->c[r - 1];
    fold[r] = !rc->total && !rc->ids;
    for (size_t c = 1; fold[r] && c < g->ncols; c++)
      fold[r] = !zt_cell_publishable(zt_table_cell(g, r, c),
                                     zt_table_cflags(g, r, c));
    nfold += fold[r];
  }
  /* one folded row stays a row: the line would be no shorter */
  if (nfold == 1) {
    memset(fold, 0, (g->nrows + 1) * sizeof *fold);
    nfold = 0;
  }
  nr = g->nrows + (groups ? 1 : 0) - nfold + (nfold ? 1 : 0);
  t = new_table(b, nr, g->ncols, caption);
  t->row_header = g->row_header;
  for (size_t c = 0; c < g->ncols; c++) {
    t->numeric[c] = g->numeric[c];
    t->weight[c] = g->weight[c];
  }
  if (groups) {
    bool prev_half = false;
    t->rflags[out] = ZT_ROW_HEAD;
    for (size_t c = 0, tc = 1; c < cols->n; c++) {
      bool half;
      if (!keep[c])
        continue;
      half = cols->c[c].from_periods && cols->c[c].period.half;
      if (cols->c[c].from_periods && (tc == 1 || half != prev_half)) {
        zt_table_set(t, b->a, out, tc, half ? "Halfjaar" : "Heel jaar", 0);
        t->sep[tc] = tc > 1;
      }
      prev_half = half;
      tc++;
    }
    out++;
  }
  for (size_t r = 0; r < g->nrows; r++) {
    if (fold[r])
      continue;
    if (nfold && !placed && r > 0 && (g->rflags[r] & ZT_ROW_TOTAL)) {
      zt_table_set(t, b->a, out++, 0, fold_label(b, g, fold, key), 0);
      placed = true;
    }
    t->rflags[out] = g->rflags[r];
    for (size_t c = 0; c < g->ncols; c++)
      zt_table_set(t, b->a, out, c, zt_table_cell(g, r, c),
                   zt_table_cflags(g, r, c));
    out++;
  }
  if (nfold && !placed)
    zt_table_set(t, b->a, out++, 0, fold_label(b, g, fold, key), 0);
  return t;
}

static zt_status grid_table(bctx *b, xmlNodePtr n) {
  coord base = coord_from(b, n);
  const char *rows_spec = attr(b, n, "rows"), *cols_spec = attr(b, n, "cols");
  const char *total = attr(b, n, "total");
  GArray *ra = g_array_new(FALSE, FALSE, sizeof(coord));
  GArray *ca = g_array_new(FALSE, FALSE, sizeof(coord));
  dim rows, cols;
  zt_status st = ZT_OK;
  bool rows_first = !(rows_spec && strncmp(rows_spec, "breakdown:", 10) == 0);
  bool *keep;
  size_t nkeep = 0;
  zt_table *t;
  base.label = NULL;
  if (rows_first) {
    st = expand(b, n, rows_spec, "row", &base, NULL, ra);
    dim_push(&rows, ra);
    if (!st)
      st = expand(b, n, cols_spec, "col", &base, &rows, ca);
  } else {
    st = expand(b, n, cols_spec, "col", &base, NULL, ca);
    dim_push(&cols, ca);
    if (!st)
      st = expand(b, n, rows_spec, "row", &base, &cols, ra);
  }
  if (!st && ca->len == 0) {
    coord c = coord_none();
    const char *cl = attr(b, n, "col-label");
    c.label = cl ? subst(b, cl) : "Waarde";
    g_array_append_val(ca, c);
  }
  if (!st && ra->len == 0 && (!rows_spec || strcmp(rows_spec, "items") == 0))
    st = node_fail(b, n, "<table> has no rows (expected <row> children or "
                   "a rows attribute)");
  if (!st && total) {
    coord c = coord_none();
    const char *tl = attr(b, n, "total-label");
    c.ind = total;
    c.bd = "";
    c.total = true;
    c.label = tl ? subst(b, tl) : "Totaal";
    g_array_append_val(ra, c);
  }
  dim_push(&rows, ra);
  dim_push(&cols, ca);
  for (size_t r = 0; !st && r < rows.n; r++)
    for (size_t c = 0; !st && c < cols.n && !rows.c[r].ids; c++) {
      const char *ind = NULL;
      grid_value(b, &base, &rows.c[r], &cols.c[c], &ind);
      if (!ind)
        st = node_fail(b, n, "no indicator for row '%s', column '%s' "
                       "(expected an id on the table, row or column)",
                       rows.c[r].label ? rows.c[r].label : "",
                       cols.c[c].label ? cols.c[c].label : "");
    }
  if (st) {
    g_array_free(ra, TRUE);
    g_array_free(ca, TRUE);
    return st;
  }
  /* period columns without any value are left out (a year not yet
   * complete, a half-year before the data begin) */
  keep = zt_arena_array(b->a, cols.n + 1, sizeof *keep);
  for (size_t c = 0; c < cols.n; c++) {
    keep[c] = !cols.c[c].from_periods;
    for (size_t r = 0; r < rows.n && !keep[c]; r++)
      keep[c] = !rows.c[r].ids &&
                grid_value(b, &base, &rows.c[r], &cols.c[c], NULL) != NULL;
  }
  for (size_t c = 0; c < cols.n; c++)
    nkeep += keep[c];
  if (nkeep == 0) {
    for (size_t c = 0; c < cols.n; c++)
      keep[c] = true;
    nkeep = cols.n;
  }
  t = zt_table_new(b->a, rows.n + 1, nkeep + 1);
  t->rflags[0] = ZT_ROW_HEAD;
  t->row_header = true;
  {
    const char *corner = attr(b, n, "corner");
    zt_table_set(t, b->a, 0, 0, corner ? subst(b, corner) : "", 0);
  }
  for (size_t c = 0, tc = 1; c < cols.n; c++) {
    if (!keep[c])
      continue;
    zt_table_set(t, b->a, 0, tc, cols.c[c].label ? cols.c[c].label : "", 0);
    t->numeric[tc] = true;
    tc++;
  }
  for (size_t r = 0; r < rows.n; r++) {
    zt_table_set(t, b->a, r + 1, 0, rows.c[r].label ? rows.c[r].label : "",
                 ZT_CELL_WRAPHYPH);
    if (rows.c[r].total)
      t->rflags[r + 1] |= ZT_ROW_TOTAL;
    for (size_t c = 0, tc = 1; c < cols.n; c++) {
      unsigned fl = 0;
      const zt_ind_value *v;
      const char *s;
      if (!keep[c])
        continue;
      if (rows.c[r].ids) {
        /* a row with an indicator of its own per column (a
         * reconciliation row); an empty entry is an empty cell */
        coord rr = rows.c[r];
        size_t k = 0;
        while (rr.ids[k] && k < c)
          k++;
        rr.ind = rr.ids[k] ? rr.ids[k] : "";
        rr.total = true;
        rr.bd = rr.bd ? rr.bd : "";
        if (!*rr.ind) {
          zt_table_set(t, b->a, r + 1, tc++, "", 0);
          continue;
        }
        v = grid_value(b, &base, &rr, &cols.c[c], NULL);
      } else {
        v = grid_value(b, &base, &rows.c[r], &cols.c[c], NULL);
      }
      s = display(b, v, &fl);
      zt_table_set(t, b->a, r + 1, tc, s, fl);
      tc++;
    }
  }
  {
    const char *key = attr_yes(b, n, "fold", false) && rows_spec &&
                              strncmp(rows_spec, "breakdown:", 10) == 0
                          ? rows_spec + 10
                          : NULL;
    t = finish_grid(b, t, &rows, &cols, keep, key,
                    subst(b, attr(b, n, "title")));
  }
  zt_table_add_marker_notes(t, b->a, marker_note(b, t));
  add_table_block(b, t, (int)xmlGetLineNo(n));
  g_array_free(ra, TRUE);
  g_array_free(ca, TRUE);
  return ZT_OK;
}

/* --- measures, budget, sources, settings ------------------------------ */

/* Under the measures and the budget table: where the two disagree. */
static void conflict_notes(bctx *b, zt_table *t) {
  size_t n = zt_steering_conflicts(b->in, NULL, 0);
  zt_steer_conflict *c;
  if (!n)
    return;
  c = g_new0(zt_steer_conflict, n);
  zt_steering_conflicts(b->in, c, n);
  for (size_t i = 0; i < n; i++) {
    char *text = zt_steering_conflict_text(&c[i]);
    zt_table_add_note(t, b->a, zt_arena_printf(b->a, "\xe2\x9a\xa0 %s",
                                               text));
    g_free(text);
  }
  g_free(c);
}


#define NBSP "\xc2\xa0"

/* `s` with its blanks replaced by no-break spaces. */
static const char *nbsp(bctx *b, const char *s) {
  zt_buf out;
  const char *res;
  zt_buf_init(&out, 1u << 16);
  for (; *s; s++) {
    if (*s == ' ')
      zt_buf_puts(&out, NBSP);
    else
      zt_buf_putc(&out, *s);
  }
  res = zt_arena_strdup(b->a, zt_buf_str(&out));
  zt_buf_free(&out);
  return res;
}

static const char *quarter_text(bctx *b, const char *q) {
  int y, k;
  char buf[ZT_FMT_MAX];
  if (zt_quarter_parse(q, &y, &k) != ZT_OK)
    return zt_arena_strdup(b->a, q);
  zt_fmt_quarter(y, k, buf);
  return zt_arena_strdup(b->a, buf);
}

/* "Q1 2022 – Q4 2023", with no-break spaces inside each quarter so a
 * narrow column breaks only after the dash. */
static const char *when_text(bctx *b, const zt_measure *m) {
  return zt_arena_printf(b->a, "%s" NBSP DASH " %s",
                         nbsp(b, quarter_text(b, m->van)),
                         nbsp(b, quarter_text(b, m->tot)));
}

/* Action lines in order of first appearance. */
static size_t action_lines(bctx *b, const char ***out) {
  const char **lines = zt_arena_array(b->a, b->in->nmeasures + b->in->nbudget
                                      + 1, sizeof *lines);
  size_t n = 0;
  for (size_t i = 0; i < b->in->nmeasures; i++) {
    bool seen = false;
    for (size_t k = 0; k < n && !seen; k++)
      seen = strcmp(lines[k], b->in->measures[i].actielijn) == 0;
    if (!seen)
      lines[n++] = b->in->measures[i].actielijn;
  }
  *out = lines;
  return n;
}

static zt_status measures_table(bctx *b, xmlNodePtr n) {
  const char **lines;
  size_t nl = action_lines(b, &lines), r = 1;
  zt_table *t = new_table(b, 1 + nl + b->in->nmeasures + 1, 7,
                          subst(b, attr(b, n, "title")));
  /* "Extra budget" on one line, not "Extra bud- / get" */
  static const char *const head[7] = {"Maatregel", "Wat", "Wanneer",
                                      "Door wie", "Status",
                                      "Extra" NBSP "budget", "Besteed"};
  static const double weight[7] = {1.5, 2.3, 1.05, 1.05, 0.95, 0.95, 0.9};
  int64_t sum_b = 0, sum_s = 0;
  char buf[ZT_FMT_MAX];
  t->rflags[0] = ZT_ROW_HEAD;
  t->row_header = true;
  for (int c = 0; c < 7; c++) {
    zt_table_set(t, b->a, 0, (size_t)c, head[c], 0);
    t->weight[c] = weight[c];
  }
  t->numeric[5] = t->numeric[6] = true;
  for (size_t l = 0; l < nl; l++) {
    t->rflags[r] = ZT_ROW_GROUP;
    zt_table_set(t, b->a, r++, 0, lines[l], ZT_CELL_STRONG);
    for (size_t i = 0; i < b->in->nmeasures; i++) {
      const zt_measure *m = &b->in->measures[i];
      zt_status_look lk = zt_measure_status_look(m->status);
      const char *wat = m->toelichting[0]
                            ? zt_arena_printf(b->a, "%s (%s)", m->wat,
                                              m->toelichting)
                            : m->wat;
      if (strcmp(m->actielijn, lines[l]) != 0)
        continue;
      zt_table_set(t, b->a, r, 0,
                   m->id[0] ? zt_arena_printf(b->a, "%s %s", m->id,
                                              m->maatregel)
                            : m->maatregel, ZT_CELL_WRAPHYPH);
      zt_table_set(t, b->a, r, 1, wat, ZT_CELL_WRAPHYPH);
      zt_table_set(t, b->a, r, 2, when_text(b, m), 0);
      zt_table_set(t, b->a, r, 3, m->door_wie, ZT_CELL_WRAPHYPH);
      zt_table_set(t, b->a, r, 4,
                   zt_arena_printf(b->a, "%s" NBSP "%s", lk.symbol, lk.word),
                   0);
      zt_fmt_eur(m->budget_extra, 1, buf);
      zt_table_set(t, b->a, r, 5, buf, 0);
      zt_fmt_eur(m->besteed, 1, buf);
      zt_table_set(t, b->a, r, 6, buf, 0);
      sum_b += m->budget_extra;
      sum_s += m->besteed;
      r++;
    }
  }
  t->rflags[r] = ZT_ROW_TOTAL;
  zt_table_set(t, b->a, r, 0, "Totaal", 0);
  zt_fmt_eur(sum_b, 1, buf);
  zt_table_set(t, b->a, r, 5, buf, 0);
  zt_fmt_eur(sum_s, 1, buf);
  zt_table_set(t, b->a, r, 6, buf, 0);
  t->nrows = r + 1;
  conflict_notes(b, t);
  add_table_block(b, t, (int)xmlGetLineNo(n));
  return ZT_OK;
}

static zt_status budget_table(bctx *b, xmlNodePtr n) {
  const zt_report_input *in = b->in;
  int years[32];
  size_t ny = 0, nl = 0;
  const char **lines = zt_arena_array(b->a, in->nbudget + 1, sizeof *lines);
  zt_table *t;
  char buf[ZT_FMT_MAX];
  int64_t *col_sum;
  for (size_t i = 0; i < in->nbudget; i++) {
    bool seen = false;
    for (size_t k = 0; k < ny && !seen; k++)
      seen = years[k] == in->budget[i].jaar;
    if (!seen && ny < 32)
      years[ny++] = in->budget[i].jaar;
    seen = false;
    for (size_t k = 0; k < nl && !seen; k++)
      seen = strcmp(lines[k], in->budget[i].actielijn) == 0;
    if (!seen)
      lines[nl++] = in->budget[i].actielijn;
  }
  for (size_t i = 1; i < ny; i++)
    for (size_t k = i; k > 0 && years[k - 1] > years[k]; k--) {
      int tmp = years[k];
      years[k] = years[k - 1];
      years[k - 1] = tmp;
    }
  t = new_table(b, nl + 2, ny + 4, subst(b, attr(b, n, "title")));
  col_sum = zt_arena_array(b->a, ny + 4, sizeof *col_sum);
  t->rflags[0] = ZT_ROW_HEAD;
  t->row_header = true;
  zt_table_set(t, b->a, 0, 0, "Actielijn", 0);
  t->weight[0] = 2.2;
  for (size_t y = 0; y < ny; y++) {
    snprintf(buf, sizeof buf, "%d", years[y]);
    zt_table_set(t, b->a, 0, y + 1, buf, 0);
  }
  zt_table_set(t, b->a, 0, ny + 1, "Totaal uitgaven", 0);
  zt_table_set(t, b->a, 0, ny + 2, "Middelen", 0);
  zt_table_set(t, b->a, 0, ny + 3, "Verschil", 0);
  for (size_t c = 1; c < ny + 4; c++)
    t->numeric[c] = true;
  for (size_t l = 0; l < nl; l++) {
    int64_t total = 0, funds = 0;
    zt_table_set(t, b->a, l + 1, 0, lines[l], ZT_CELL_WRAPHYPH);
    for (size_t y = 0; y < ny; y++) {
      int64_t s = 0;
      bool any = false;
      for (size_t i = 0; i < in->nbudget; i++)
        if (in->budget[i].jaar == years[y] &&
            strcmp(in->budget[i].actielijn, lines[l]) == 0) {
          s += in->budget[i].uitgaven;
          funds += in->budget[i].middelen;
          any = true;
        }
      if (any) {
        zt_fmt_eur(s, 1, buf);
        zt_table_set(t, b->a, l + 1, y + 1, buf, 0);
      } else {
        zt_table_set(t, b->a, l + 1, y + 1, DASH, ZT_CELL_MISSING);
      }
      total += s;
      col_sum[y + 1] += s;
    }
    col_sum[ny + 1] += total;
    col_sum[ny + 2] += funds;
    zt_fmt_eur(total, 1, buf);
    zt_table_set(t, b->a, l + 1, ny + 1, buf, 0);
    zt_fmt_eur(funds, 1, buf);
    zt_table_set(t, b->a, l + 1, ny + 2, buf, 0);
    zt_fmt_eur_signed(funds - total, buf);
    zt_table_set(t, b->a, l + 1, ny + 3, buf, 0);
  }
  t->rflags[nl + 1] = ZT_ROW_TOTAL;
  zt_table_set(t, b->a, nl + 1, 0, "Totaal", 0);
  for (size_t c = 1; c <= ny + 2; c++) {
    zt_fmt_eur(col_sum[c], 1, buf);
    zt_table_set(t, b->a, nl + 1, c, buf, 0);
  }
  zt_fmt_eur_signed(col_sum[ny + 2] - col_sum[ny + 1], buf);
  zt_table_set(t, b->a, nl + 1, ny + 3, buf, 0);
  zt_table_add_note(t, b->a, "Verschil = middelen min uitgaven; een "
                    "negatief verschil is een tekort.");
  conflict_notes(b, t);
  zt_table_add_marker_notes(t, b->a, NULL);
  add_table_block(b, t, (int)xmlGetLineNo(n));
  return ZT_OK;
}

/* The Verantwoording's tables (render/accounting.c), numbered here. */
static void acc_table(bctx *b, zt_table *t, const char *caption, int line) {
  t->caption = caption;
  t->number = ++b->ntables;
  t->anchor = zt_arena_printf(b->a, "tabel-%d", t->number);
  add_table_block(b, t, line);
}

/* <sources>: the deliveries, then the files refused whole (when any). */
static zt_status sources_table(bctx *b, xmlNodePtr n) {
  int line = (int)xmlGetLineNo(n);
  zt_table *t = zt_acc_refused(b->in, b->a);
  acc_table(b, zt_acc_deliveries(b->in, b->a),
            subst(b, attr(b, n, "title")), line);
  if (t)
    acc_table(b, t, "Geweigerde bestanden", line);
  return ZT_OK;
}

static zt_status settings_table(bctx *b, xmlNodePtr n) {
  acc_table(b, zt_acc_settings(b->in, b->a), subst(b, attr(b, n, "title")),
            (int)xmlGetLineNo(n));
  return ZT_OK;
}

/* The summary's "Opvallend": a heading one level below the section and
 * the findings as a list (render/checks.h), or a sentence saying there
 * are none. */
static zt_status findings_block(bctx *b, xmlNodePtr n, int level) {
  char **lines = zt_report_findings(b->in);
  size_t cnt = g_strv_length(lines);
  zt_block *blk;
  heading(b, subst(b, attr(b, n, "title")), level + 1, false,
          (int)xmlGetLineNo(n));
  if (!cnt) {
    blk = zt_doc_add(b->doc, ZT_BLK_PARA);
    blk->text = plain_text(b, "Bij de controles op de gegevens is niets "
                              "opvallends gevonden.");
  } else {
    zt_text *items = zt_arena_array(b->a, cnt + 1, sizeof *items);
    for (size_t i = 0; i < cnt; i++)
      items[i] = plain_text(b, lines[i]);
    blk = zt_doc_add(b->doc, ZT_BLK_LIST);
    blk->items = items;
    blk->nitems = cnt;
  }
  blk->tpl_line = (int)xmlGetLineNo(n);
  g_strfreev(lines);
  return ZT_OK;
}

/* --- the region's message ------------------------------------------- */

static zt_text narr_text(bctx *b, const zt_narr_item *it) {
  runs r;
  zt_text t;
  r.a = g_array_new(FALSE, FALSE, sizeof(zt_run));
  for (size_t i = 0; i < it->nspans; i++)
    add_text(b, &r, it->spans[i].text, it->spans[i].em ? ZT_RUN_EM : 0);
  t = finish_runs(b, &r);
  g_array_free(r.a, TRUE);
  return t;
}

/* <narrative part="duiding|besluitpunten">: a heading one level down
 * and the part of the steering text, paragraphs and bullet lists in
 * their order; a sentence when there is no text. */
static zt_status narrative_block(bctx *b, xmlNodePtr n, int level) {
  const char *pn = attr(b, n, "part");
  int part = zt_narr_part_from_name(pn ? pn : "");
  int line = (int)xmlGetLineNo(n);
  const zt_narr_part *np;
  zt_block *blk;
  heading(b, subst(b, attr(b, n, "title")), level + 1, false, line);
  if (part < 0)
    return node_fail(b, n, "bad part (expected duiding or besluitpunten)");
  if (!b->in->narrative) {
    blk = zt_doc_add(b->doc, ZT_BLK_NOTE);
    blk->text = plain_text(
        b, part == ZT_NARR_DUIDING
               ? "De duiding van de regio bij deze cijfers ontbreekt nog; "
                 "deze versie is een concept."
               : "De besluitpunten ontbreken nog; deze versie is een "
                 "concept.");
    blk->tpl_line = line;
    return ZT_OK;
  }
  np = &b->in->narrative->part[part];
  if (np->n == 0) {
    blk = zt_doc_add(b->doc, ZT_BLK_PARA);
    blk->text = plain_text(b, part == ZT_NARR_BESLUITPUNTEN
                                  ? "Er zijn deze keer geen besluitpunten."
                                  : "Geen duiding.");
    blk->tpl_line = line;
    return ZT_OK;
  }
  for (size_t i = 0; i < np->n;) {
    if (!np->items[i].bullet) {
      blk = zt_doc_add(b->doc, ZT_BLK_PARA);
      blk->text = narr_text(b, &np->items[i++]);
      blk->tpl_line = line;
      continue;
    }
    {
      size_t k = i, m = 0;
      zt_text *items;
      while (k < np->n && np->items[k].bullet)
        k++;
      items = zt_arena_array(b->a, k - i + 1, sizeof *items);
      for (; i < k; i++)
        items[m++] = narr_text(b, &np->items[i]);
      blk = zt_doc_add(b->doc, ZT_BLK_LIST);
      blk->items = items;
      blk->nitems = m;
      blk->tpl_line = line;
    }
  }
  return ZT_OK;
}

/* --- tiles -------------------------------------------------------------- */

/* The note a savings estimate always carries, beside its number. */
#define SAVINGS_CAVEAT "bovengrens, geen budget"

#define MINUS "\xe2\x88\x92"   /* − */

/* "2e hj 2022: € 870.000 (+9,7%)": the value of an earlier period and
 * the change since, for a tile's compare attribute; NULL without a
 * comparable value. */
static const char *compare_note(bctx *b, const char *ind,
                                const zt_ind_value *v, const zt_period *p,
                                uint16_t gem, const char *bd) {
  const zt_ind_value *o;
  char pname[ZT_FMT_MAX], pct[ZT_FMT_MAX];
  __int128 diff;
  int64_t d;
  o = lookup(b, ind, p, gem, bd);
  zt_fmt_period_short(p, pname);
  if (!o || o->suppressed)
    return zt_arena_printf(b->a, "%s: geen gegevens", pname);
  if (!v || v->suppressed || o->num == 0 || v->den <= 0 || o->den <= 0)
    return zt_arena_printf(b->a, "%s: %s", pname, display(b, o, NULL));
  /* v/o - 1 as a fraction of o: (v.num*o.den - o.num*v.den) /
   * (o.num*v.den) */
  diff = (__int128)v->num * o->den - (__int128)o->num * v->den;
  d = (int64_t)((__int128)o->num * v->den);
  if (diff < 0)
    diff = -diff;
  if (d < 0)
    d = -d;
  zt_fmt_percent((int64_t)diff, d, pct);
  return zt_arena_printf(b->a, "%s: %s (%s%s)", pname, display(b, o, NULL),
                         cmp_frac(v->num, v->den, o->num, o->den) < 0
                             ? MINUS
                             : "+",
                         pct);
}

/* A tile of the programme budget (budget.csv): the spending of the
 * report's year against its funds, pro rata to the end of the report's
 * period (half the year's funds after a 1e halfjaar). */
static void budget_tile(bctx *b, xmlNodePtr k, zt_tile *tile) {
  int year = b->in->period.year;
  int64_t spent = 0, funds = 0, to_date;
  bool any = false;
  char v[ZT_FMT_MAX], f[ZT_FMT_MAX], t[ZT_FMT_MAX], pname[ZT_FMT_MAX];
  for (size_t i = 0; i < b->in->nbudget; i++)
    if (b->in->budget[i].jaar == year) {
      spent += b->in->budget[i].uitgaven;
      funds += b->in->budget[i].middelen;
      any = true;
    }
  memset(tile, 0, sizeof *tile);
  tile->label = subst(b, attr(b, k, "label"));
  tile->status = ZT_TS_NONE;
  if (!any) {
    tile->value = DASH;
    tile->note = zt_arena_printf(b->a, "geen budget voor %d", year);
    return;
  }
  to_date = b->in->period.half == 1 ? funds / 2 : funds;
  zt_fmt_eur(spent, 1, v);
  zt_fmt_eur(funds, 1, f);
  zt_fmt_eur(to_date, 1, t);
  tile->value = zt_arena_strdup(b->a, v);
  if (b->in->period.half == 1) {
    zt_fmt_period_short(&b->in->period, pname);
    tile->note = zt_arena_printf(b->a, "middelen %d: %s; naar rato t/m "
                                 "%s: %s", year, f, pname, t);
  } else {
    tile->note = zt_arena_printf(b->a, "middelen %d: %s", year, f);
  }
  if (to_date > 0) {
    char pct[ZT_FMT_MAX];
    zt_fmt_percent(spent, to_date, pct);
    tile->note = zt_arena_printf(b->a, "%s; besteed: %s", tile->note, pct);
  }
}

/* "Verblijf in een gezinsvorm" -> "verblijf in een gezinsvorm" (for use
 * inside a sentence; a label that starts with a name is kept). */
static const char *lower_first(bctx *b, const char *s) {
  char *c;
  if (!s || s[0] < 'A' || s[0] > 'Z' || (s[1] >= 'A' && s[1] <= 'Z'))
    return s;
  c = zt_arena_strdup(b->a, s);
  c[0] = (char)(c[0] - 'A' + 'a');
  return c;
}

/* On a municipality's page: the sentence that explains its own target
 * where it differs from the region's, or NULL. */
static const char *own_target_sentence(bctx *b, const char *ind,
                                       const char *label,
                                       const zt_period *p) {
  const zt_report_target *own, *reg;
  zt_unit u = unit_of(ind);
  if (b->gem == ZT_GEMEENTE_REGIO)
    return NULL;
  own = find_target(b, ind, p, b->gem);
  if (!own || own->gemeente != b->gem)
    return NULL;
  reg = find_target(b, ind, p, ZT_GEMEENTE_REGIO);
  if (reg && reg->op == own->op &&
      cmp_frac(reg->num, reg->den, own->num, own->den) == 0)
    return NULL;
  if (!reg)
    return zt_arena_printf(b->a, "%s heeft voor %s een eigen doel: %s "
                           "(%s); de regio heeft hiervoor geen doel.",
                           b->gem_name, lower_first(b, label),
                           target_value(b, own, u, true), own->period);
  return zt_arena_printf(b->a, "%s heeft voor %s een eigen doel: %s (%s), "
                         "anders dan het doel van de regio (%s).",
                         b->gem_name, lower_first(b, label),
                         target_value(b, own, u, true), own->period,
                         target_value(b, reg, u, true));
}

static zt_status tiles_block(bctx *b, xmlNodePtr n) {
  size_t cnt = 0, i = 0;
  zt_block *blk;
  zt_tile *tiles;
  const char **own;
  size_t nown = 0;
  for (xmlNodePtr k = n->children; k; k = k->next)
    cnt += is_elem(k, "tile") || is_elem(k, "budget-tile");
  tiles = zt_arena_array(b->a, cnt + 1, sizeof *tiles);
  own = zt_arena_array(b->a, cnt + 1, sizeof *own);
  for (xmlNodePtr k = n->children; k; k = k->next) {
    const char *ind, *bd, *cmp, *ownt;
    zt_period p;
    uint16_t gem;
    const zt_ind_value *v;
    zt_target_eval ev;
    char pname[ZT_FMT_MAX];
    if (is_elem(k, "budget-tile")) {
      budget_tile(b, k, &tiles[i++]);
      continue;
    }
    if (!is_elem(k, "tile"))
      continue;
    ind = attr(b, k, "id");
    bd = attr(b, k, "breakdown");
    cmp = attr(b, k, "compare");
    p = resolve_ref(b, attr(b, k, "period"));
    gem = gem_of(b, k);
    v = lookup(b, ind, &p, gem, bd);
    if (bd)
      memset(&ev, 0, sizeof ev);
    else
      evaluate(b, ind, &p, gem, &ev);
    tiles[i].label = subst(b, attr(b, k, "label"));
    tiles[i].value = display(b, v, NULL);
    tiles[i].note = NULL;
    tiles[i].status = ev.status;
    tiles[i].target = ev.target ? target_label(b, &ev, &p) : NULL;
    fmt_period_long(&p, pname);
    if (ev.target && !zt_period_eq(&ev.judged_period, &p)) {
      /* a year target in a 2e halfjaar: the year's value with its
       * status, the half-year's beside it */
      char jp[ZT_FMT_MAX];
      fmt_period_long(&ev.judged_period, jp);
      tiles[i].value = display(b, ev.judged, NULL);
      tiles[i].note = v && !v->suppressed
                          ? zt_arena_printf(b->a, "heel %s; %s: %s", jp,
                                            pname, display(b, v, NULL))
                          : zt_arena_printf(b->a, "heel %s", jp);
    } else if (ev.provisional) {
      tiles[i].note = zt_arena_printf(b->a, "%s; voorlopig: het doel geldt "
                                      "voor heel %d", pname, p.year);
    }
    if (cmp) {
      zt_period cp = resolve_ref(b, cmp);
      const char *cn = compare_note(b, ind, v, &cp, gem, bd);
      tiles[i].note = tiles[i].note
                          ? zt_arena_printf(b->a, "%s; %s", tiles[i].note,
                                            cn)
                          : cn;
    }
    /* a status that rests on a dozen children says so */
    if (ev.target && ev.judged &&
        zt_small_base(unit_of(ind), ev.status, ev.judged->n)) {
      char nb[ZT_FMT_MAX];
      const char *w;
      zt_fmt_int(ev.judged->n, nb);
      w = zt_arena_printf(b->a, "\xe2\x9a\xa0 klein aantal: %s jeugdigen",
                          nb);
      tiles[i].note = tiles[i].note
                          ? zt_arena_printf(b->a, "%s; %s", tiles[i].note, w)
                          : w;
    }
    if (ind && strncmp(ind, "savings.", 8) == 0)
      tiles[i].note = SAVINGS_CAVEAT;
    if (!bd && (ownt = own_target_sentence(b, ind, tiles[i].label, &p)))
      own[nown++] = ownt;
    i++;
  }
  blk = zt_doc_add(b->doc, ZT_BLK_TILES);
  blk->tiles = tiles;
  blk->ntiles = cnt;
  blk->tpl_line = (int)xmlGetLineNo(n);
  /* a municipality's own targets, explained under its tiles */
  if (nown) {
    zt_buf out;
    zt_buf_init(&out, 1u << 16);
    for (size_t k = 0; k < nown; k++)
      zt_buf_printf(&out, "%s%s", k ? " " : "", own[k]);
    blk = zt_doc_add(b->doc, ZT_BLK_PARA);
    blk->text = plain_text(b, zt_buf_str(&out));
    blk->tpl_line = (int)xmlGetLineNo(n);
    zt_buf_free(&out);
  }
  return ZT_OK;
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
        }
      }
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
    g_array_free(xa, TRUE);
    g_array_free(sa, TRUE);
    if (st)
      return st;
  }
  c->title = title;
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
      heading(b, subst(b, attr(b, n, "title")), level + 1,
              attr_yes(b, n, "newpage", level == 0), line);
      st = walk(b, n, level + 1);
    } else if (strcmp(name, "p") == 0 || strcmp(name, "note") == 0) {
      zt_text t = inline_text(b, n);
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
      for (xmlNodePtr k = n->children; k; k = k->next)
        if (is_elem(k, "li"))
          items[i++] = inline_text(b, k);
      blk = zt_doc_add(b->doc, ZT_BLK_LIST);
      blk->items = items;
      blk->nitems = cnt;
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

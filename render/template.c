/*
 * render/template.c -- reading and checking report templates
 * (template.h). The element table below is the template language: where
 * each element may appear, what it may contain, which attributes it takes
 * and which it needs. Attribute values are checked by attribute name.
 */
#include "render/template.h"

#include <glib.h>
#include <libxml/parser.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/str.h"
#include "metrics/period.h"
#include "render/chart.h"
#include "render/ind_ids.h"
#include "render/theme.h"

#define MAX_TEMPLATE_BYTES (4u << 20)
#define MAX_DEPTH 24
#define MAX_INCLUDES 64

/* Where an element may appear (and what an element may contain). */
enum {
  IN_TOP = 1u << 0,      /* directly under <report> only */
  IN_BLOCK = 1u << 1,    /* anywhere blocks go */
  IN_INLINE = 1u << 2,   /* inside running text */
  IN_LI = 1u << 3,       /* inside <ul> */
  IN_TILES = 1u << 4,    /* inside <tiles> */
  IN_TABLE = 1u << 5,    /* inside <table> */
  IN_CHART = 1u << 6,    /* inside <chart> */
  IN_NOTHING = 0
};

typedef struct elem_def {
  const char *name;
  unsigned in;         /* contexts it may appear in */
  unsigned holds;      /* contexts of its children */
  bool text;           /* may hold text */
  const char *attrs;   /* allowed, space separated */
  const char *need;    /* required, space separated */
} elem_def;

#define DATA_ATTRS "id period breakdown gemeente"

static const elem_def elems[] = {
  {"report", IN_NOTHING, IN_TOP | IN_BLOCK, false,
   "title kind subtitle subject keywords numbered", "title kind"},
  {"cover", IN_TOP, IN_NOTHING, false, "", ""},
  {"contents", IN_TOP, IN_NOTHING, false, "title depth", ""},
  {"section", IN_BLOCK, IN_BLOCK, false, "title newpage requires", "title"},
  {"p", IN_BLOCK, IN_INLINE, true, "missing hidden only", ""},
  {"note", IN_BLOCK, IN_INLINE, true, "missing hidden only", ""},
  {"ul", IN_BLOCK, IN_LI, false, "", ""},
  {"li", IN_LI, IN_INLINE, true, "", ""},
  {"tiles", IN_BLOCK, IN_TILES, false, "", ""},
  {"tile", IN_TILES, IN_NOTHING, false, DATA_ATTRS " label compare",
   "id label"},
  {"budget-tile", IN_TILES, IN_NOTHING, false, "label", "label"},
  /* and the attributes of its type (render/chart_types.c) */
  {"chart", IN_BLOCK, IN_CHART, false, "type title table", "type title"},
  {"series", IN_CHART, IN_NOTHING, false, DATA_ATTRS " label color target",
   "label"},
  {"cat", IN_CHART, IN_NOTHING, false, DATA_ATTRS " label color benchmark",
   "label"},
  {"table", IN_BLOCK, IN_TABLE, false,
   DATA_ATTRS " title rows cols total total-label corner col-label fold",
   "title"},
  {"row", IN_TABLE, IN_NOTHING, false, DATA_ATTRS " label is-total ids",
   "label"},
  {"col", IN_TABLE, IN_NOTHING, false, DATA_ATTRS " label benchmark",
   "label"},
  {"measures", IN_BLOCK, IN_NOTHING, false, "title", "title"},
  {"budget", IN_BLOCK, IN_NOTHING, false, "title", "title"},
  {"sources", IN_BLOCK, IN_NOTHING, false, "title", "title"},
  {"settings", IN_BLOCK, IN_NOTHING, false, "title", "title"},
  {"findings", IN_BLOCK, IN_NOTHING, false, "title", "title"},
  {"narrative", IN_BLOCK, IN_NOTHING, false, "part title", "part title"},
  {"pagebreak", IN_BLOCK, IN_NOTHING, false, "", ""},
  {"per-gemeente", IN_BLOCK, IN_BLOCK, false, "", ""},
  {"benchmark-table", IN_BLOCK, IN_NOTHING, false, "title", "title"},
  {"include", IN_BLOCK, IN_NOTHING, false, "href", "href"},
  {"v", IN_INLINE, IN_NOTHING, false, DATA_ATTRS, "id"},
  {"change", IN_INLINE, IN_NOTHING, false,
   DATA_ATTRS " subject from up down same", "id subject"},
  {"target", IN_INLINE, IN_NOTHING, false, "id period gemeente", "id"},
  {"status", IN_INLINE, IN_NOTHING, false, "id period gemeente", "id"},
  {"period", IN_INLINE, IN_NOTHING, false, "ref", ""},
  {"region", IN_INLINE, IN_NOTHING, false, "", ""},
  {"gemeente", IN_INLINE, IN_NOTHING, false, "", ""},
  {"peildatum", IN_INLINE, IN_NOTHING, false, "", ""},
  {"date", IN_INLINE, IN_NOTHING, false, "", ""},
  {"version", IN_INLINE, IN_NOTHING, false, "", ""},
  {"generated", IN_INLINE, IN_NOTHING, false, "", ""},
  {"suppression", IN_INLINE, IN_NOTHING, false, "", ""},
  {"setting", IN_INLINE, IN_NOTHING, false, "key unit as", "key"},
  {"composition", IN_INLINE, IN_NOTHING, false, "", ""},
  {"em", IN_INLINE, IN_INLINE, true, "", ""},
  {"strong", IN_INLINE, IN_INLINE, true, "", ""},
};

static const elem_def *find_elem(const char *name) {
  for (size_t i = 0; i < sizeof elems / sizeof elems[0]; i++)
    if (strcmp(elems[i].name, name) == 0)
      return &elems[i];
  return NULL;
}

/* Is `word` one of the space-separated words of `list`? */
static bool in_list(const char *list, const char *word) {
  size_t n = strlen(word);
  const char *p = list;
  while (*p) {
    const char *e = strchr(p, ' ');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (len == n && strncmp(p, word, n) == 0)
      return true;
    if (!e)
      break;
    p = e + 1;
  }
  return false;
}

static const char *ctx_names(unsigned in) {
  if (in & IN_TOP)
    return "directly inside <report>";
  if (in & IN_INLINE)
    return "inside <p>, <note>, <li>, <em> or <strong>";
  if (in & IN_LI)
    return "inside <ul>";
  if (in & IN_TILES)
    return "inside <tiles>";
  if (in & IN_TABLE)
    return "inside <table>";
  if (in & IN_CHART)
    return "inside <chart>";
  if (in & IN_BLOCK)
    return "inside <report>, <section> or <per-gemeente>";
  return "nowhere (it is the root)";
}

char *zt_tpl_attr(xmlNodePtr n, const char *name) {
  return (char *)xmlGetProp(n, (const xmlChar *)name);
}

/* --- value checks ----------------------------------------------------- */

static bool all_digits(const char *s, size_t n) {
  if (n == 0)
    return false;
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9')
      return false;
  return true;
}

bool zt_tpl_period_ref_ok(const char *s, bool allow_trend) {
  size_t n = strlen(s);
  if (strcmp(s, "current") == 0 || strcmp(s, "prev") == 0 ||
      strcmp(s, "year") == 0 || strcmp(s, "fullyear") == 0 ||
      strcmp(s, "cohort") == 0)
    return true;
  if (allow_trend && strcmp(s, "trend") == 0)
    return true;
  if ((strncmp(s, "prev-", 5) == 0 && all_digits(s + 5, n - 5) &&
       n - 5 <= 2) ||
      (strncmp(s, "year-", 5) == 0 && all_digits(s + 5, n - 5) &&
       n - 5 <= 2))
    return true;
  {
    /* a literal period, exactly as the rest of zothuis reads one */
    zt_period p;
    return zt_period_parse(s, &p, NULL) == ZT_OK;
  }
}

static bool key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.';
}

static bool breakdown_ok(const char *s) {
  const char *eq = strchr(s, '=');
  if (!eq || eq == s || !eq[1])
    return false;
  for (const char *p = s; p < eq; p++)
    if (!key_char(*p))
      return false;
  return true;
}

static bool key_ok(const char *s) {
  if (!*s)
    return false;
  for (; *s; s++)
    if (!key_char(*s))
      return false;
  return true;
}

/* The dimension of a table or chart: periods:REF,REF | breakdown:KEY |
 * gemeenten | gemeenten+regio | items. On a bad period reference `bad`
 * gets the reference. */
static bool dim_ok(const char *s, char *bad, size_t badn) {
  bad[0] = '\0';
  if (strcmp(s, "gemeenten") == 0 || strcmp(s, "gemeenten+regio") == 0 ||
      strcmp(s, "items") == 0)
    return true;
  if (strncmp(s, "breakdown:", 10) == 0)
    return key_ok(s + 10);
  if (strncmp(s, "periods:", 8) == 0) {
    const char *p = s + 8;
    if (!*p)
      return false;
    while (*p) {
      const char *e = strchr(p, ',');
      size_t len = e ? (size_t)(e - p) : strlen(p);
      char ref[32];
      if (len == 0 || len >= sizeof ref)
        return false;
      memcpy(ref, p, len);
      ref[len] = '\0';
      if (!zt_tpl_period_ref_ok(ref, true)) {
        zt_strlcpy(bad, ref, badn);
        return false;
      }
      if (!e)
        break;
      p = e + 1;
    }
    return true;
  }
  return false;
}

static bool placeholders_ok(const char *s, char *bad, size_t badn) {
  static const char *const known[] = {"gemeente", "periode", "regio",
                                      "jaar", "kalenderjaar",
                                      "peildatum", "cohort"};
  const char *p = s;
  while ((p = strchr(p, '{')) != NULL) {
    const char *e = strchr(p, '}');
    bool ok = false;
    size_t len;
    if (!e) {
      zt_strlcpy(bad, p, badn);
      return false;
    }
    len = (size_t)(e - p - 1);
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
      if (strlen(known[i]) == len && strncmp(known[i], p + 1, len) == 0)
        ok = true;
    if (!ok) {
      size_t n = (size_t)(e - p + 1);
      if (n >= badn)
        n = badn - 1;
      memcpy(bad, p, n);
      bad[n] = '\0';
      return false;
    }
    p = e + 1;
  }
  return true;
}

/* --- the walk -------------------------------------------------------- */

typedef struct check {
  zt_template *t;
  zt_err *err;
  int includes;
} check;

static zt_status node_fail(check *c, xmlNodePtr n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static zt_status node_fail(check *c, xmlNodePtr n, const char *fmt, ...) {
  char msg[768];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return zt_fail(c->err, ZT_ERR_INPUT, "%s:%ld: %s",
                 n->doc && n->doc->URL ? (const char *)n->doc->URL
                                       : c->t->path,
                 xmlGetLineNo(n), msg);
}

/* Every attribute of the space-separated list `need` is on `n`. */
static zt_status check_need(check *c, xmlNodePtr n, const char *elem,
                            const char *need) {
  const char *p = need;
  while (*p) {
    char name[32];
    const char *e = strchr(p, ' ');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    xmlChar *v;
    if (len >= sizeof name)
      len = sizeof name - 1;
    memcpy(name, p, len);
    name[len] = '\0';
    v = xmlGetProp(n, (const xmlChar *)name);
    if (!v)
      return node_fail(c, n, "<%s> needs attribute '%s'", elem, name);
    xmlFree(v);
    if (!e)
      break;
    p = e + 1;
  }
  return ZT_OK;
}

/* The chart-type row of a <chart>, NULL when its type is missing or
 * unknown (that is reported on its own). */
static const zt_chart_kind *chart_kind(xmlNodePtr n) {
  xmlChar *v = xmlGetProp(n, (const xmlChar *)"type");
  const zt_chart_kind *k = zt_chart_kind_named((const char *)v);
  xmlFree(v);
  return k;
}

static zt_status check_attr(check *c, xmlNodePtr n, const elem_def *d,
                            const char *name, const char *v) {
  char bad[128];
  bool chart = strcmp(d->name, "chart") == 0;
  const zt_chart_kind *kind = chart ? chart_kind(n) : NULL;
  if (!in_list(d->attrs, name) &&
      !(chart && (!kind || in_list(kind->attrs, name))))
    return node_fail(c, n,
                     "<%s> has no attribute '%s' (expected one of: %s%s%s)",
                     d->name, name, *d->attrs ? d->attrs : "none",
                     kind && *kind->attrs ? " " : "",
                     kind ? kind->attrs : "");
  if (strcmp(name, "requires") == 0 && strcmp(v, "benchmark") == 0) {
    /* figures from elsewhere (render/docbuild_bench.c) */
  } else if (strcmp(name, "id") == 0 || strcmp(name, "requires") == 0 ||
             (strcmp(name, "total") == 0 &&
              strcmp(d->name, "table") == 0)) {
    if (!zt_render_ind_lookup(v))
      return node_fail(c, n,
                       "unknown indicator id '%s' in <%s %s> (expected an "
                       "id of docs/indicators.md, e.g. clients.total)",
                       v, d->name, name);
  } else if (strcmp(name, "ids") == 0) {
    /* one indicator per column, an empty entry for an empty cell */
    gchar **ids = g_strsplit(v, ",", -1);
    const char *badid = NULL;
    for (size_t i = 0; ids[i] && !badid; i++) {
      const char *id = g_strstrip(ids[i]);
      if (*id && !zt_render_ind_lookup(id))
        badid = id;
    }
    if (badid) {
      zt_status st = node_fail(c, n,
                               "unknown indicator id '%s' in <%s ids> "
                               "(expected a comma list of ids of "
                               "docs/indicators.md, one per column)",
                               badid, d->name);
      g_strfreev(ids);
      return st;
    }
    g_strfreev(ids);
  } else if (strcmp(name, "part") == 0) {
    if (strcmp(v, "duiding") != 0 && strcmp(v, "besluitpunten") != 0)
      return node_fail(c, n, "bad part '%s' in <%s part> (expected "
                       "duiding or besluitpunten)", v, d->name);
  } else if (strcmp(name, "period") == 0 || strcmp(name, "from") == 0 ||
             strcmp(name, "ref") == 0 || strcmp(name, "compare") == 0) {
    if (!zt_tpl_period_ref_ok(v, false))
      return node_fail(c, n,
                       "bad period '%s' in <%s %s> (expected current, "
                       "prev, prev-N, year, year-N, cohort, YYYY or "
                       "YYYY-H1/H2)",
                       v, d->name, name);
  } else if (strcmp(name, "breakdown") == 0) {
    if (!breakdown_ok(v))
      return node_fail(c, n,
                       "bad breakdown '%s' (expected key=value, e.g. "
                       "kind=pleegzorg)", v);
  } else if (strcmp(name, "gemeente") == 0) {
    if (strcmp(v, "regio") != 0 && !(strlen(v) == 4 && all_digits(v, 4)))
      return node_fail(c, n,
                       "bad gemeente '%s' (expected regio or a four-digit "
                       "CBS code)", v);
  } else if (strcmp(name, "color") == 0) {
    uint32_t col;
    if (!zt_color_by_key(v, &col))
      return node_fail(c, n,
                       "unknown color '%s' (expected a care group such as "
                       "gezinsvorm, residentieel, ambulant, or a kind id)",
                       v);
  } else if (strcmp(name, "type") == 0) {
    char names[256];
    zt_chart_kind_names(names, sizeof names);
    if (!zt_chart_kind_named(v))
      return node_fail(c, n, "unknown chart type '%s' (expected %s)", v,
                       names);
  } else if (strcmp(name, "kind") == 0) {
    if (strcmp(v, "halfjaar") != 0 && strcmp(v, "jaar") != 0)
      return node_fail(c, n,
                       "bad report kind '%s' (expected halfjaar or jaar)",
                       v);
  } else if (in_list("rows cols x series", name)) {
    if (!dim_ok(v, bad, sizeof bad)) {
      if (bad[0])
        return node_fail(c, n,
                         "bad period '%s' in %s=\"%s\" (expected current, "
                         "prev, prev-N, year, year-N, cohort, trend, YYYY or "
                         "YYYY-H1/H2)", bad, name, v);
      return node_fail(c, n,
                       "bad %s=\"%s\" (expected periods:REF,..., "
                       "breakdown:KEY, gemeenten, gemeenten+regio or "
                       "items)", name, v);
    }
  } else if (in_list("numbered newpage table target is-total", name)) {
    if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
      return node_fail(c, n, "%s=\"%s\": expected yes or no", name, v);
  } else if (strcmp(name, "only") == 0) {
    if (strcmp(v, "provisional") != 0)
      return node_fail(c, n, "only=\"%s\": expected provisional", v);
  } else if (strcmp(name, "unit") == 0) {
    if (strcmp(v, "dagen") != 0)
      return node_fail(c, n, "unit=\"%s\": expected dagen", v);
  } else if (strcmp(name, "as") == 0) {
    if (strcmp(v, "gevolg") != 0)
      return node_fail(c, n, "as=\"%s\": expected gevolg", v);
  } else if (strcmp(name, "depth") == 0) {
    if (strcmp(v, "1") != 0 && strcmp(v, "2") != 0 && strcmp(v, "3") != 0)
      return node_fail(c, n, "depth=\"%s\": expected 1, 2 or 3", v);
  } else if (strcmp(name, "key") == 0) {
    if (!key_ok(v))
      return node_fail(c, n,
                       "bad setting key '%s' (expected lower-case letters, "
                       "digits, '_' or '.')", v);
  } else if (strcmp(name, "href") == 0) {
    if (!*v)
      return node_fail(c, n, "empty href (expected a file name)");
  } else {
    if (!placeholders_ok(v, bad, sizeof bad))
      return node_fail(c, n,
                       "unknown placeholder '%s' in %s (expected "
                       "{gemeente}, {periode}, {regio}, {jaar}, "
                       "{kalenderjaar}, {peildatum} or {cohort})", bad,
                       name);
  }
  return ZT_OK;
}

static zt_status check_node(check *c, xmlNodePtr n, unsigned ctx,
                            bool text_ok, bool in_gem, int depth);
static zt_status load_include(check *c, xmlNodePtr n, const char *href,
                              unsigned ctx, bool in_gem, int depth);

static bool blank(const xmlChar *s) {
  for (; s && *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
      return false;
  return true;
}

static zt_status check_children(check *c, xmlNodePtr parent,
                                unsigned ctx, bool text_ok, bool in_gem,
                                int depth) {
  for (xmlNodePtr k = parent->children; k; k = k->next) {
    zt_status st = check_node(c, k, ctx, text_ok, in_gem, depth + 1);
    if (st)
      return st;
  }
  return ZT_OK;
}

static zt_status check_node(check *c, xmlNodePtr n, unsigned ctx,
                            bool text_ok, bool in_gem, int depth) {
  const elem_def *d;
  zt_status st;
  if (depth > MAX_DEPTH)
    return node_fail(c, n, "nested too deeply (at most %d levels)",
                     MAX_DEPTH);
  switch (n->type) {
  case XML_ELEMENT_NODE: break;
  case XML_TEXT_NODE:
  case XML_CDATA_SECTION_NODE:
    if (!text_ok && !blank(n->content))
      return node_fail(c, n->parent ? n->parent : n,
                       "text is not allowed here (expected only "
                       "elements; put text in <p>)");
    return ZT_OK;
  case XML_COMMENT_NODE:
  case XML_PI_NODE: return ZT_OK;
  case XML_ENTITY_REF_NODE:
    return node_fail(c, n->parent ? n->parent : n,
                     "entity references are not allowed (expected plain "
                     "text or &amp; &lt; &gt; &quot; &apos;)");
  default:
    return node_fail(c, n->parent ? n->parent : n,
                     "unexpected XML node (expected elements and text)");
  }
  if (n->ns)
    return node_fail(c, n, "namespaced element <%s:%s> (expected plain "
                     "template elements)", n->ns->prefix ? (const char *)
                     n->ns->prefix : "", (const char *)n->name);
  d = find_elem((const char *)n->name);
  if (!d || d->in == IN_NOTHING)
    return node_fail(c, n,
                     "unknown element <%s> (expected %s)",
                     (const char *)n->name,
                     (ctx & IN_INLINE)
                         ? "text, <v>, <change>, <target>, <status>, "
                           "<period>, <region>, <gemeente>, <peildatum>, "
                           "<date>, <generated>, <version>, <suppression>, "
                           "<setting>, "
                           "<em> or <strong>"
                     : (ctx & IN_CHART) ? "<series> or <cat>"
                     : (ctx & IN_TABLE) ? "<row> or <col>"
                     : (ctx & IN_TILES) ? "<tile> or <budget-tile>"
                     : (ctx & IN_LI) ? "<li>"
                     : "<section>, <p>, <note>, <ul>, <tiles>, <chart>, "
                       "<table>, <measures>, <budget>, <sources>, "
                       "<settings>, <findings>, <narrative>, <pagebreak>, "
                       "<per-gemeente> or "
                       "<include>");
  if (!(d->in & ctx))
    return node_fail(c, n, "<%s> is not allowed here (expected it %s)",
                     d->name, ctx_names(d->in));
  if (strcmp(d->name, "per-gemeente") == 0 && in_gem)
    return node_fail(c, n, "<per-gemeente> inside <per-gemeente> "
                     "(expected one level)");
  if (strcmp(d->name, "gemeente") == 0 && !in_gem)
    return node_fail(c, n, "<gemeente/> outside <per-gemeente> (expected "
                     "it only in the per-municipality block)");
  /* attributes */
  for (xmlAttrPtr a = n->properties; a; a = a->next) {
    xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);
    st = check_attr(c, n, d, (const char *)a->name,
                    v ? (const char *)v : "");
    xmlFree(v);
    if (st)
      return st;
  }
  st = check_need(c, n, d->name, d->need);
  if (!st && strcmp(d->name, "chart") == 0 && chart_kind(n))
    st = check_need(c, n, d->name, chart_kind(n)->need);
  if (st)
    return st;
  if (strcmp(d->name, "include") == 0) {
    char *href = zt_tpl_attr(n, "href");
    st = load_include(c, n, href, ctx, in_gem, depth);
    xmlFree(href);
    return st;
  }
  if (strcmp(d->name, "gemeente") == 0 || d->holds == IN_NOTHING) {
    for (xmlNodePtr k = n->children; k; k = k->next)
      if (k->type == XML_ELEMENT_NODE ||
          ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE)
           && !blank(k->content)))
        return node_fail(c, n, "<%s> must be empty", d->name);
    return ZT_OK;
  }
  return check_children(c, n, d->holds, d->text,
                        in_gem || strcmp(d->name, "per-gemeente") == 0,
                        depth);
}

char *zt_template_include_path(const zt_template *t, const char *href) {
  if (g_path_is_absolute(href))
    return g_strdup(href);
  return g_build_filename(t->dir, href, NULL);
}

/* The line on which `needle` first occurs in the file (1 when absent);
 * for errors about nodes that carry no line, such as a DTD. */
static long line_of(const char *path, const char *needle) {
  gchar *text = NULL;
  long line = 1;
  const char *hit;
  if (!g_file_get_contents(path, &text, NULL, NULL))
    return 1;
  hit = strstr(text, needle);
  for (const char *p = text; hit && p < hit; p++)
    line += *p == '\n';
  g_free(text);
  return line;
}

/* The first parse error (libxml2 keeps only the last one, which after a
 * mismatch is often a less helpful "premature end"). */
typedef struct first_error {
  bool set;
  int line;
  char msg[256];
} first_error;

static void keep_first(void *data, xmlErrorPtr e) {
  xmlParserCtxtPtr ctxt = data;
  first_error *fe = ctxt ? ctxt->_private : NULL;
  if (!fe || fe->set || !e || e->level < XML_ERR_ERROR)
    return;
  fe->set = true;
  fe->line = e->line;
  zt_strlcpy(fe->msg, e->message ? e->message : "parse error",
             sizeof fe->msg);
  g_strchomp(fe->msg);
}

static zt_status read_xml(const char *path, xmlDocPtr *out, zt_err *err) {
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  struct stat sb;
  *out = NULL;
  if (stat(path, &sb) != 0)
    return zt_fail(err, ZT_ERR_IO, "%s: cannot read the template", path);
  if ((size_t)sb.st_size > MAX_TEMPLATE_BYTES)
    return zt_fail(err, ZT_ERR_INPUT, "%s: template larger than %u bytes",
                   path, MAX_TEMPLATE_BYTES);
  ctxt = xmlNewParserCtxt();
  if (!ctxt)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  first_error fe = {false, 0, ""};
  ctxt->_private = &fe;
  ctxt->sax->serror = keep_first;
  /* no network, no DTD loading, no entity substitution */
  doc = xmlCtxtReadFile(ctxt, path, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOERROR |
                            XML_PARSE_NOWARNING);
  if (!doc) {
    const xmlError *e = xmlCtxtGetLastError(ctxt);
    char msg[256];
    int line = e ? e->line : 0;
    zt_status st;
    zt_strlcpy(msg, e && e->message ? e->message : "parse error",
               sizeof msg);
    if (fe.set) {
      zt_strlcpy(msg, fe.msg, sizeof msg);
      line = fe.line;
    }
    g_strchomp(msg);
    st = zt_fail(err, ZT_ERR_INPUT, "%s:%d: not well-formed XML: %s", path,
                 line, msg);
    xmlFreeParserCtxt(ctxt);
    return st;
  }
  xmlFreeParserCtxt(ctxt);
  if (doc->intSubset || doc->extSubset) {
    long line = line_of(path, "<!DOCTYPE");
    xmlFreeDoc(doc);
    return zt_fail(err, ZT_ERR_INPUT,
                   "%s:%ld: a DTD is not allowed in a template (expected "
                   "the root element)", path, line > 0 ? line : 1);
  }
  *out = doc;
  return ZT_OK;
}

static zt_status load_include(check *c, xmlNodePtr n, const char *href,
                              unsigned ctx, bool in_gem, int depth) {
  char *path = zt_template_include_path(c->t, href);
  zt_status st = ZT_OK;
  if (++c->includes > MAX_INCLUDES) {
    g_free(path);
    return node_fail(c, n, "too many includes (at most %d)", MAX_INCLUDES);
  }
  if (g_str_has_suffix(path, ".xml")) {
    xmlDocPtr doc = g_hash_table_lookup(c->t->xml_inc, path);
    xmlNodePtr root;
    if (!doc) {
      st = read_xml(path, &doc, c->err);
      if (st) {
        if (st == ZT_ERR_IO)
          st = node_fail(c, n, "cannot read included file '%s'", href);
        g_free(path);
        return st;
      }
      g_hash_table_insert(c->t->xml_inc, g_strdup(path), doc);
    }
    root = xmlDocGetRootElement(doc);
    if (!root || strcmp((const char *)root->name, "fragment") != 0) {
      g_free(path);
      return node_fail(c, root ? root : n,
                       "an included XML file must have root <fragment> "
                       "(got <%s>)", root ? (const char *)root->name : "");
    }
    if (root->properties) {
      g_free(path);
      return node_fail(c, root, "<fragment> takes no attributes");
    }
    st = check_children(c, root, ctx, false, in_gem, depth + 1);
  } else {
    gchar *text = NULL;
    gsize len = 0;
    if (!g_hash_table_contains(c->t->txt_inc, path)) {
      if (!g_file_get_contents(path, &text, &len, NULL)) {
        g_free(path);
        return node_fail(c, n, "cannot read included file '%s'", href);
      }
      if (len > MAX_TEMPLATE_BYTES || !g_utf8_validate(text, (gssize)len,
                                                       NULL)) {
        g_free(text);
        g_free(path);
        return node_fail(c, n, "included file '%s' is not UTF-8 text of "
                         "at most %u bytes", href, MAX_TEMPLATE_BYTES);
      }
      g_hash_table_insert(c->t->txt_inc, g_strdup(path), text);
    }
  }
  g_free(path);
  return st;
}

static void free_xml_doc(gpointer p) { xmlFreeDoc(p); }

zt_status zt_template_load(const char *path, zt_template **out,
                           zt_err *err) {
  zt_template *t;
  xmlNodePtr root;
  check c;
  zt_status st;
  char *kind;
  *out = NULL;
  t = g_new0(zt_template, 1);
  t->path = g_strdup(path);
  t->dir = g_path_get_dirname(path);
  t->xml_inc = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                     free_xml_doc);
  t->txt_inc = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
                                     g_free);
  st = read_xml(path, &t->doc, err);
  if (st) {
    zt_template_free(t);
    return st;
  }
  root = xmlDocGetRootElement(t->doc);
  c.t = t;
  c.err = err;
  c.includes = 0;
  if (!root || strcmp((const char *)root->name, "report") != 0) {
    st = zt_fail(err, ZT_ERR_INPUT,
                 "%s:%ld: root element <%s> (expected <report>)", path,
                 root ? xmlGetLineNo(root) : 1L,
                 root ? (const char *)root->name : "");
    zt_template_free(t);
    return st;
  }
  {
    /* the root is checked like any element, then its children */
    const elem_def *d = find_elem("report");
    for (xmlAttrPtr a = root->properties; a && !st; a = a->next) {
      xmlChar *v = xmlNodeListGetString(root->doc, a->children, 1);
      st = check_attr(&c, root, d, (const char *)a->name,
                      v ? (const char *)v : "");
      xmlFree(v);
    }
    if (!st) {
      kind = zt_tpl_attr(root, "kind");
      char *title = zt_tpl_attr(root, "title");
      if (!kind || !title)
        st = node_fail(&c, root, "<report> needs attributes 'title' and "
                       "'kind'");
      else
        zt_strlcpy(t->kind, kind, sizeof t->kind);
      xmlFree(kind);
      xmlFree(title);
    }
    if (!st)
      st = check_children(&c, root, d->holds, false, false, 0);
  }
  if (st) {
    zt_template_free(t);
    return st;
  }
  *out = t;
  return ZT_OK;
}

void zt_template_free(zt_template *t) {
  if (!t)
    return;
  if (t->doc)
    xmlFreeDoc(t->doc);
  g_hash_table_destroy(t->xml_inc);
  g_hash_table_destroy(t->txt_inc);
  g_free(t->path);
  g_free(t->dir);
  g_free(t);
}

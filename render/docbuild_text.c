/*
 * render/docbuild_text.c -- placeholders and inline text: {gemeente},
 * {periode} and the other placeholders in attributes, and the inline
 * elements of a paragraph (<v>, <change>, <target>, <status>, <period>,
 * <setting>...) turned into runs of text.
 */
#include "render/docbuild_int.h"

#include <string.h>

#include "core/buf.h"
#include "core/str.h"
#include "metrics/plausible.h"
#include "render/accounting.h"
#include "render/format_nl.h"
#include "render/labels_nl.h"

const char *subst(bctx *b, const char *s) {
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
    } else if (strncmp(o, "{kalenderjaar}", 14) == 0) {
      const zt_period *c = &b->in->period;
      zt_buf_printf(&out, "%d", c->half == 1 ? c->year - 1 : c->year);
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

static void add_run(bctx *b, runs *r, const char *text, unsigned flags) {
  zt_run run;
  if (!text || !*text)
    return;
  run.text = zt_arena_strdup(b->a, text);
  run.flags = flags;
  g_array_append_val(r->a, run);
}

/* Collapse white space in text to single blanks. */
void add_text(bctx *b, runs *r, const char *s, unsigned flags) {
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
uint16_t gem_of(bctx *b, xmlNodePtr n) {
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

/* A count, an amount or a rate of a period whose declarations are still
 * arriving (its completeness.spend_share below ZT_PLAUS_COMPLETE_PCT,
 * as in Opvallend) will still rise: its change is marked provisional.
 * A share, a ratio of two such numbers, keeps no mark -- except a share
 * of new placements: a stay whose middle months are not declared yet
 * looks interrupted, and its later months count as a new placement
 * (docs/indicators.md, Opvallend), so that share is off too. */
static const char *provisional(bctx *b, const zt_period *cur,
                               const char *ind, const zt_ind_value *v) {
  if ((v->unit == ZT_UNIT_PERCENT &&
       !(ind && strncmp(ind, "instroom.", 9) == 0)) ||
      !b->in->ind || !zt_plausibility_provisional(b->in->ind, cur))
    return "";
  return " (voorlopig: nog niet alle declaraties zijn binnen)";
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
    return zt_arena_printf(b->a, "%s: %s over %s%s", subject,
                           vc ? "niet getoond (kleine aantallen)"
                              : "geen gegevens",
                           pname, doel);
  }
  if (!vp || vp->suppressed)
    return zt_arena_printf(b->a, "%s was %s%s", subject,
                           display(b, vc, NULL), doel);
  if (strcmp(vc->display, vp->display) == 0 ||
      cmp_frac(vc->num, vc->den, vp->num, vp->den) == 0)
    return zt_arena_printf(b->a, "%s %s %s%s%s", subject,
                           same ? same : "bleef", display(b, vc, NULL),
                           provisional(b, &cur, ind, vc), doel);
  return zt_arena_printf(
      b->a, "%s %s van %s naar %s%s%s", subject,
      cmp_frac(vc->num, vc->den, vp->num, vp->den) > 0
          ? (up ? up : "steeg")
          : (down ? down : "daalde"),
      display(b, vp, NULL), display(b, vc, NULL),
      provisional(b, &cur, ind, vc), doel);
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
      r->missing |= v == NULL;
      r->hidden |= v && v->suppressed;
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
      const char *key = attr(b, n, "key"), *raw = setting(b, key);
      const char *unit = attr(b, n, "unit"), *as = attr(b, n, "as");
      int64_t days;
      if (as) {
        /* as="gevolg": what the value means for the reader, a sentence
         * of its own (none for a value without one) */
        const char *nl;
        snprintf(buf, sizeof buf, "%s:%s", key, as);
        nl = zt_nl_setting_value(buf, raw);
        add_run(b, r, nl != raw ? nl : "", flags);
      } else if (unit && raw &&
                 zt_parse_i64(raw, strlen(raw), &days) == ZT_OK) {
        /* unit="dagen": "42 dagen (zes weken)" */
        zt_fmt_days_weeks(days, buf);
        add_run(b, r, buf, flags);
      } else {
        add_run(b, r, zt_acc_setting_text(b->in, b->a, key, raw), flags);
      }
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
zt_text finish_runs(bctx *b, runs *r) {
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

zt_text inline_text_m(bctx *b, xmlNodePtr n, bool *missing, bool *hidden) {
  runs r;
  zt_text t;
  r.a = g_array_new(FALSE, FALSE, sizeof(zt_run));
  r.missing = r.hidden = false;
  inline_nodes(b, n, &r, 0);
  t = finish_runs(b, &r);
  g_array_free(r.a, TRUE);
  if (missing)
    *missing = r.missing;
  if (hidden)
    *hidden = r.hidden;
  return t;
}

zt_text inline_text(bctx *b, xmlNodePtr n) {
  return inline_text_m(b, n, NULL, NULL);
}

zt_text plain_text(bctx *b, const char *s) {
  runs r;
  zt_text t;
  r.a = g_array_new(FALSE, FALSE, sizeof(zt_run));
  r.missing = r.hidden = false;
  add_text(b, &r, s, 0);
  t = finish_runs(b, &r);
  g_array_free(r.a, TRUE);
  return t;
}

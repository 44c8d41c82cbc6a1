/*
 * render/docbuild_tiles.c -- tiles: the key figures at the top of a
 * section, each with its target and status, a comparison with an earlier
 * period, the programme budget tile, and a municipality's own targets
 * explained.
 */
#include "render/docbuild_int.h"

#include <string.h>

#include "core/buf.h"
#include "render/format_nl.h"
#include "render/ind_ids.h"

/* The note a savings estimate always carries, beside its number. */
#define SAVINGS_CAVEAT "bovengrens, geen budget"

#define MINUS "\xe2\x88\x92"   /* − */

/* The note of a target judged on the bounds of a hidden share. */
#define BOUNDED_NOTE                                                       \
  "exacte waarde niet getoond (kleine aantallen); het oordeel volgt uit "  \
  "de getoonde aantallen"

/* "+9,7%" or "\u2212" "13,3%": the change from o to v, false when they
 * cannot be compared (hidden, no base). */
bool change_text(const zt_ind_value *v, const zt_ind_value *o,
                 char out[ZT_FMT_MAX + 4]) {
  char pct[ZT_FMT_MAX];
  __int128 diff;
  int64_t d;
  if (!v || !o || v->suppressed || o->suppressed || o->num == 0 ||
      v->den <= 0 || o->den <= 0)
    return false;
  /* v/o - 1 as a fraction of o: (v.num*o.den - o.num*v.den) /
   * (o.num*v.den) */
  diff = (__int128)v->num * o->den - (__int128)o->num * v->den;
  d = (int64_t)((__int128)o->num * v->den);
  if (diff < 0)
    diff = -diff;
  if (d < 0)
    d = -d;
  zt_fmt_percent((int64_t)diff, d, pct);
  snprintf(out, ZT_FMT_MAX + 4, "%s%s",
           cmp_frac(v->num, v->den, o->num, o->den) < 0 ? MINUS : "+", pct);
  return true;
}

/* "2e hj 2022: € 870.000 (+9,7%)": the value of an earlier period and
 * the change since, for a tile's compare attribute (without the change
 * when v is NULL); NULL without a comparable value. */
static const char *compare_note(bctx *b, const char *ind,
                                const zt_ind_value *v, const zt_period *p,
                                uint16_t gem, const char *bd) {
  const zt_ind_value *o;
  char pname[ZT_FMT_MAX], chg[ZT_FMT_MAX + 4];
  o = lookup(b, ind, p, gem, bd);
  zt_fmt_period_short(p, pname);
  if (!o)
    return zt_arena_printf(b->a, "%s: geen gegevens", pname);
  if (o->suppressed)
    return zt_arena_printf(b->a, "%s: niet getoond (kleine aantallen)",
                           pname);
  if (!change_text(v, o, chg))
    return zt_arena_printf(b->a, "%s: %s", pname, display(b, o, NULL));
  return zt_arena_printf(b->a, "%s: %s (%s)", pname, display(b, o, NULL),
                         chg);
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
    zt_fmt_period(&b->in->period, pname);
    tile->note = zt_arena_printf(b->a, "middelen %d: %s; naar rato tot en "
                                 "met %s: %s", year, f, pname, t);
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

zt_status tiles_block(bctx *b, xmlNodePtr n) {
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
    {
      /* provisional figures: the expected final value beside them, and
       * the change to the earlier period is that of the expected final
       * value (the figures so far would show a fall that is only late
       * declarations) */
      zt_period cp = cmp ? resolve_ref(b, cmp) : p;
      const char *fin = bd ? NULL
                           : compl_tile_note(b, ind, &p, gem,
                                             cmp ? &cp : NULL);
      if (cmp) {
        const char *cn = compare_note(b, ind, fin ? NULL : v, &cp, gem, bd);
        tiles[i].note = tiles[i].note
                            ? zt_arena_printf(b->a, "%s; %s", tiles[i].note,
                                              cn)
                            : cn;
      }
      if (fin)
        tiles[i].note = tiles[i].note
                            ? zt_arena_printf(b->a, "%s; %s", tiles[i].note,
                                              fin)
                            : fin;
    }
    /* a verdict on a hidden share, from the counts the table shows */
    if (ev.bounded)
      tiles[i].note = tiles[i].note
                          ? zt_arena_printf(b->a, "%s; %s", tiles[i].note,
                                            BOUNDED_NOTE)
                          : BOUNDED_NOTE;
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

/*
 * render/docbuild_summary.c -- the summary's text blocks: "Opvallend" (the
 * findings of render/checks.c) and the region's own message (duiding and
 * besluitpunten from the narrative file).
 */
#include "render/docbuild_int.h"

#include <string.h>

#include "render/checks.h"

/* The summary's "Opvallend": a heading one level below the section and
 * the findings as a list (render/checks.h), or a sentence saying there
 * are none. */
zt_status findings_block(bctx *b, xmlNodePtr n, int level) {
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

static zt_text narr_text(bctx *b, const zt_narr_item *it) {
  runs r;
  zt_text t;
  r.a = g_array_new(FALSE, FALSE, sizeof(zt_run));
  r.missing = r.hidden = false;
  for (size_t i = 0; i < it->nspans; i++)
    add_text(b, &r, it->spans[i].text, it->spans[i].em ? ZT_RUN_EM : 0);
  t = finish_runs(b, &r);
  g_array_free(r.a, TRUE);
  return t;
}

/* <narrative part="duiding|besluitpunten">: a heading one level down
 * and the part of the steering text, paragraphs and bullet lists in
 * their order; a sentence when there is no text. */
zt_status narrative_block(bctx *b, xmlNodePtr n, int level) {
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

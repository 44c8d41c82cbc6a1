/*
 * render/docbuild_compl.c -- the completeness of the figures in the
 * document (docs/completeness.md): the note under the spending tile with
 * the expected final value when the period is less than 97% complete,
 * and the cover's "voorlopige cijfers" line. Spending only: its monthly
 * estimates add up to the period's, while the clients' monthly shares
 * do not give the period's unique clients (a client missing from a late
 * month is mostly counted already through an earlier one), so an
 * expected final number of youths would read high.
 */
#include "render/docbuild_int.h"

#include <glib.h>
#include <string.h>

#include "metrics/plausible.h"
#include "render/labels_nl.h"

/* Shown as provisional below ZT_PLAUS_COMPLETE_PCT: the one threshold
 * of the report (Opvallend, the change sentences, the notes). */
static bool provisional(const zt_ind_value *v) {
  return v && !v->suppressed && v->den > 0 &&
         (__int128)v->num * 100 < (__int128)v->den * ZT_PLAUS_COMPLETE_PCT;
}

const char *compl_tile_note(bctx *b, const char *ind, const zt_period *p,
                            uint16_t gem, const zt_period *cmp) {
  const char *share_id, *est_id;
  const zt_ind_value *share, *est, *lo, *hi;
  char low_id[48], high_id[48];
  char *s;
  const char *out;
  if (!ind)
    return NULL;
  if (strcmp(ind, "spend.total") == 0) {
    share_id = "completeness.spend_share";
    est_id = "estimate.spend_final";
  } else {
    return NULL;
  }
  share = lookup(b, share_id, p, gem, NULL);
  est = lookup(b, est_id, p, gem, NULL);
  snprintf(low_id, sizeof low_id, "%s_low", est_id);
  snprintf(high_id, sizeof high_id, "%s_high", est_id);
  lo = lookup(b, low_id, p, gem, NULL);
  hi = lookup(b, high_id, p, gem, NULL);
  if (!provisional(share) || !est || !lo || !hi || est->suppressed ||
      lo->suppressed || hi->suppressed)
    return NULL;
  {
    char chg[ZT_FMT_MAX + 4];
    bool has = cmp && change_text(est, lookup(b, ind, cmp, gem, NULL), chg);
    s = zt_nl_estimate_note(display(b, share, NULL), display(b, est, NULL),
                            has ? chg : NULL, display(b, lo, NULL),
                            display(b, hi, NULL));
  }
  out = zt_arena_strdup(b->a, s);
  g_free(s);
  return out;
}

const char *compl_cover_line(bctx *b) {
  const zt_ind_value *s =
      lookup(b, "completeness.spend_share", &b->in->period, 0, NULL);
  char *t;
  const char *out;
  if (!provisional(s) || s->suppressed)
    return NULL;
  t = zt_nl_provisional_cover(display(b, s, NULL), NULL);
  out = zt_arena_strdup(b->a, t);
  g_free(t);
  return out;
}

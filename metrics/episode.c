/*
 * metrics/episode.c -- episodes from care periods (see episode.h).
 *
 * One pass in begin order: because the periods are sorted by begin and
 * the chain is greedy, an episode's periods are consecutive among the
 * periods that qualify, so each episode is finished before the next one
 * starts.
 */
#include "metrics/episode.h"

#include "core/kinds.h"

#define PROV_INLINE 64

/* Has `agb` been seen in the episode whose periods start at subset
 * position `from` (before position `to`)? Used only when an episode has
 * more than PROV_INLINE distinct providers. */
static bool seen_before(const zt_careperiod *cps, const uint32_t *idx,
                        size_t from, size_t to, uint32_t kind_mask,
                        uint32_t agb) {
  for (size_t j = from; j < to; j++) {
    const zt_careperiod *cp = &cps[idx ? idx[j] : j];
    if ((kind_mask >> cp->kind & 1u) && cp->agb == agb)
      return true;
  }
  return false;
}

size_t zt_episodes_build(const zt_careperiod *cps, const uint32_t *idx,
                         size_t n, uint32_t kind_mask, zt_day cut,
                         int gap_days, zt_episode *out, int32_t *member) {
  size_t ne = 0, ep_from = 0;
  uint32_t provs[PROV_INLINE];
  uint32_t nprov = 0;
  zt_episode *e = NULL;
  for (size_t j = 0; j < n; j++) {
    const zt_careperiod *cp = &cps[idx ? idx[j] : j];
    bool known = false;
    if (member)
      member[j] = -1;
    if (!(kind_mask >> cp->kind & 1u))
      continue;
    if (cut != ZT_DAY_NONE && cp->begin > cut) {
      /* Sorted by begin: nothing after this qualifies either. */
      for (size_t k = j + 1; member && k < n; k++)
        member[k] = -1;
      break;
    }
    if (!e || (int64_t)cp->begin - e->end - 1 > gap_days) {
      e = &out[ne++];
      e->begin = cp->begin;
      e->end = cp->end;
      e->cost = 0;
      e->kinds = 0;
      e->ncare = 0;
      e->first = (uint32_t)j;
      e->nproviders = 0;
      ep_from = j;
      nprov = 0;
    } else if (cp->end > e->end) {
      e->end = cp->end;
    }
    if (cp->begin == e->begin &&
        zt_kind_restrictiveness((zt_care_kind)cp->kind) >
            zt_kind_restrictiveness(
                (zt_care_kind)cps[idx ? idx[e->first] : e->first].kind))
      e->first = (uint32_t)j;
    e->cost += cp->amount;
    e->kinds |= 1u << cp->kind;
    e->ncare++;
    for (uint32_t k = 0; k < nprov && !known; k++)
      known = provs[k] == cp->agb;
    if (!known && nprov == PROV_INLINE)
      known = seen_before(cps, idx, ep_from, j, kind_mask, cp->agb);
    if (!known) {
      if (nprov < PROV_INLINE)
        provs[nprov++] = cp->agb;
      e->nproviders++;
    }
    if (member)
      member[j] = (int32_t)(ne - 1);
  }
  return ne;
}

zt_day zt_episode_measured_end(const zt_episode *e, zt_day peildatum) {
  return e->end < peildatum ? e->end : peildatum;
}

int32_t zt_episode_duration(const zt_episode *e, zt_day peildatum) {
  return zt_episode_measured_end(e, peildatum) - e->begin + 1;
}

bool zt_episode_ended(const zt_episode *e, const zt_period *p,
                      zt_day peildatum) {
  return e->end <= p->end && e->end < peildatum;
}

/*
 * metrics/episode.h -- chains of one client's care periods into episodes
 * (docs/rules.md §5, docs/indicators.md "Episode analysis").
 *
 * An episode is a maximal chain of a client's care periods of the chosen
 * kinds in which the days between each period and the latest end so far
 * (begin - latest end - 1) are at most the gap; overlapping and touching
 * periods always join. The same builder makes the zo-thuis placements
 * (kinds of group verblijf) and the episodes of the episode analysis
 * (group instelling by default, only periods that begin on or before the
 * peildatum). Pure functions on arrays; no allocation.
 */
#ifndef ZT_EPISODE_H
#define ZT_EPISODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "etl/careperiod.h"
#include "metrics/period.h"

typedef struct zt_episode {
  zt_day begin;          /* first begin */
  zt_day end;            /* latest end of its periods */
  int64_t cost;          /* sum of its periods' amounts (cents) */
  uint32_t kinds;        /* mask of its kinds (1 << zt_care_kind) */
  uint32_t ncare;        /* number of care periods */
  uint32_t first;        /* position (in the subset) of its first period:
                            earliest begin, on a tie the most
                            restrictive kind */
  uint32_t nproviders;   /* distinct providers */
} zt_episode;

/* Build the episodes of one client. `cps` are the client's care periods
 * sorted by begin (zt_careperiod_cmp); `idx` (n positions into cps, in
 * increasing order) selects the subset to use, or NULL for cps[0..n).
 * Periods whose kind is not in `kind_mask`, or that begin after `cut`
 * (ZT_DAY_NONE: no cut), are skipped. Writes the episodes in order of
 * begin to `out` (room for n) and, when `member` is not NULL, the episode
 * number of each subset position (or -1) to member[0..n). Returns the
 * number of episodes. */
size_t zt_episodes_build(const zt_careperiod *cps, const uint32_t *idx,
                         size_t n, uint32_t kind_mask, zt_day cut,
                         int gap_days, zt_episode *out, int32_t *member);

/* min(end, peildatum). */
zt_day zt_episode_measured_end(const zt_episode *e, zt_day peildatum);
/* measured end - begin + 1 days. */
int32_t zt_episode_duration(const zt_episode *e, zt_day peildatum);
/* Ended within P: end <= P.end and end < peildatum (care that reaches
 * the peildatum has not ended as far as anyone knows). */
bool zt_episode_ended(const zt_episode *e, const zt_period *p,
                      zt_day peildatum);

#endif

/*
 * metrics/indicator.c -- the indicator catalogue (see indicator.h): the
 * table of ids, and one function per family that turns the pass's
 * accumulators (metrics/accum.h) into rows of the indicator table.
 *
 * Adding an indicator = a slot in its family, a row in `defs` and a case
 * in the family function; templates, targets, suppression and the export
 * pick it up from here.
 */
#include "metrics/indicator.h"

#include <glib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/kinds.h"
#include "core/numfmt_nl.h"
#include "core/str.h"
#include "etl/double.h"
#include "etl/reasons.h"
#include "metrics/accum.h"
#include "metrics/completeness.h"

enum { /* ZT_FAM_VOLUME */
  V_CLIENTS, V_CLIENTS_KIND, V_SPEND, V_SPEND_KIND, V_PER_CLIENT,
  V_PROV_ACTIVE, V_TOP10
};
enum { /* ZT_FAM_ZOTHUIS */
  Z_V, Z_V_KIND, Z_SHARE_GV, Z_SHARE_RES, Z_RES_U12, Z_GGZ, Z_GGZ_U12, Z_BW,
  Z_ATP, Z_PLACEMENTS, Z_PLACE_RES
};
enum { /* ZT_FAM_EPISODES */
  E_CLIENTS, E_ENDED, E_CONT, E_LE12, E_DUR, E_DUR_ENDED, E_DUR_CONT,
  E_SHORT, E_SHORT_DUR, E_LONG_DUR, E_TOP_DUR, E_TOP_COST, E_TOP_AGE,
  E_SINGLE, E_MULTI, E_PDAYS, E_COST, E_COST_CONT, E_HIST, E_HIST_CONT,
  E_AMB, S_LONG, S_PLACE, E_SHORT_ENDED, E_SHORT_RUNNING, E_LONG, E_TOP
};
enum { /* ZT_FAM_WPB */
  W_CLIENTS_DECL, W_SPEND_DECL, W_CLIENTS_SHIFT, W_SPEND_SHIFT,
  W_CLIENTS_DECL_MULTI, W_CLIENTS_MULTI, W_CLIENTS_SHIFT_MULTI,
  W_CLIENTS_OUT, W_CLIENTS_IN, W_SPEND_OUT, W_SPEND_IN
};
enum { /* ZT_FAM_DQ */
  D_READ, D_ACCEPTED, D_REJECTED, D_DUPS, D_CREDITS, D_WAITING, D_FALLBACK,
  D_OUTSIDE, D_NOCAT, D_NOCAT_SPEND, D_CATRES, D_MONTH, D_BIRTH_PARTIAL,
  D_AGE_UNKNOWN, D_POP_MISSING, D_ANS_LINES, D_ANS_SPEND, D_ANS_OPEN_LINES,
  D_ANS_OPEN_SPEND, D_ANS_APPROVED, D_ANS_UNMATCHED, D_DOUBLE_LINES,
  D_DOUBLE_SPEND
};
enum { /* ZT_FAM_RATE */
  R_CLIENTS, R_VERBLIJF, R_RES, R_KIND, R_SPEND
};
enum { /* ZT_FAM_COMPL */
  K_SPEND_SHARE, K_CLIENTS_SHARE, K_SPEND, K_SPEND_LOW, K_SPEND_HIGH,
  K_CLIENTS, K_CLIENTS_LOW, K_CLIENTS_HIGH, K_ARR_SPEND, K_ARR_CLIENTS
};

static zt_status fam_volume(zt_emit *e, const zt_ind_def *d);
static zt_status fam_zothuis(zt_emit *e, const zt_ind_def *d);
static zt_status fam_episodes(zt_emit *e, const zt_ind_def *d);
static zt_status fam_gi(zt_emit *e, const zt_ind_def *d);
static zt_status fam_wpb(zt_emit *e, const zt_ind_def *d);
static zt_status fam_dq(zt_emit *e, const zt_ind_def *d);
static zt_status fam_rate(zt_emit *e, const zt_ind_def *d);
static zt_status fam_compl(zt_emit *e, const zt_ind_def *d);

#define C ZT_UNIT_COUNT
#define EUR ZT_UNIT_EUR
#define PCT ZT_UNIT_PERCENT
#define DAYS ZT_UNIT_DAYS
#define YEARS ZT_UNIT_YEARS
#define NOD {NULL, NULL}

/* id, unit, decimals, breakdowns, breakdown_only, region_only, supp,
 * additive, total, deps, family, slot, fn, description, then (for the
 * disclosure audit) parts, time, within, same. A decimals of -3 on money
 * displays it rounded to EUR 1.000 (the savings estimates). */
#define SUM ZT_PARTS_SUM
#define COVER ZT_PARTS_COVER
#define T_NONE ZT_TIME_NONE
#define T_SUM ZT_TIME_SUM
#define T_UNION ZT_TIME_UNION
#define T_LATEST ZT_TIME_LATEST
#define EPC "episodes.clients"
static const zt_ind_def defs[] = {
  /* volume and spending */
  {"clients.total", C, 0, NULL, false, false, ZT_SC_COUNT, true, NULL, NOD,
   ZT_FAM_VOLUME, V_CLIENTS, fam_volume,
   "unique clients with a care period overlapping P", SUM, T_UNION, NULL,
   NULL},
  {"clients.by_kind", C, 0, "kind", true, false, ZT_SC_COUNT, true,
   "clients.total", NOD, ZT_FAM_VOLUME, V_CLIENTS_KIND, fam_volume,
   "unique clients with a care period of that kind overlapping P, per kind (a "
   "client with several kinds counts under each)", COVER, T_UNION, NULL, NULL},
  {"spend.total", EUR, 0, NULL, false, false, ZT_SC_DERIVED, true, NULL, NOD,
   ZT_FAM_VOLUME, V_SPEND, fam_volume,
   "sum of the signed amounts (credits netted) of the lines whose product "
   "period begins in P", SUM, T_SUM, NULL, NULL},
  {"spend.by_kind", EUR, 0, "kind", true, false, ZT_SC_DERIVED, true,
   "spend.total", NOD, ZT_FAM_VOLUME, V_SPEND_KIND, fam_volume,
   "spend.total split by the care kind of each line", SUM, T_SUM, NULL, NULL},
  {"spend.per_client", EUR, 0, NULL, false, false, ZT_SC_DERIVED, false,
   NULL, {"spend.total", "clients.total", NULL, NULL}, ZT_FAM_VOLUME,
   V_PER_CLIENT, fam_volume,
   "spend.total / clients.total: mean spending per client in care",
   SUM, T_NONE,
   NULL, NULL},
  {"providers.active", C, 0, NULL, false, false, ZT_SC_NONE, false, NULL,
   NOD, ZT_FAM_VOLUME, V_PROV_ACTIVE, fam_volume,
   "distinct providers with a line beginning in P", SUM, T_NONE, NULL, NULL},
  {"providers.top10_share", PCT, 1, NULL, false, false, ZT_SC_DERIVED,
   false, NULL, {"spend.total", NULL, NULL, NULL}, ZT_FAM_VOLUME, V_TOP10,
   fam_volume,
   "% of spend.total paid to the 10 providers with the largest amounts "
   "beginning in P", SUM, T_NONE, NULL, NULL},
  /* zo thuis mogelijk */
  {"verblijf.clients", C, 0, NULL, false, false, ZT_SC_COUNT, true, NULL,
   NOD, ZT_FAM_ZOTHUIS, Z_V, fam_zothuis,
   "unique clients with a care period of group verblijf overlapping P (the "
   "set V(P))", SUM, T_UNION, NULL, NULL},
  {"verblijf.clients_by_kind", C, 0, "kind", true, false, ZT_SC_COUNT, true,
   "verblijf.clients", NOD, ZT_FAM_ZOTHUIS, Z_V_KIND, fam_zothuis,
   "V(P) split by each client's kind in P: the verblijf kind on the latest "
   "day of P the client was in verblijf (most restrictive on a tie)", SUM,
   T_LATEST, NULL, NULL},
  {"verblijf.share_gezinsvorm", PCT, 1, NULL, false, false, ZT_SC_SHARE,
   false, NULL,
   {"verblijf.clients", "verblijf.clients_by_kind|kind=pleegzorg",
    "verblijf.clients_by_kind|kind=gezinshuis", NULL},
   ZT_FAM_ZOTHUIS, Z_SHARE_GV, fam_zothuis,
   "% of V(P) whose kind in P is in group gezinsvorm (pleegzorg, gezinshuis)",
   SUM, T_NONE, NULL, NULL},
  {"verblijf.share_residentieel", PCT, 1, NULL, false, false, ZT_SC_SHARE,
   false, NULL,
   {"verblijf.clients", "verblijf.clients_by_kind|kind=residentieel",
    "verblijf.clients_by_kind|kind=driemilieu",
    "verblijf.clients_by_kind|kind=gesloten"},
   ZT_FAM_ZOTHUIS, Z_SHARE_RES, fam_zothuis,
   "% of V(P) whose kind in P is in group residentieel (residentieel, "
   "driemilieu, gesloten)", SUM, T_NONE, NULL, NULL},
  {"verblijf.residentieel_under12", C, 0, NULL, false, false, ZT_SC_COUNT,
   true, NULL, NOD, ZT_FAM_ZOTHUIS, Z_RES_U12, fam_zothuis,
   "clients with a residentieel-group period overlapping P who were younger "
   "than 12 on its first day in P", SUM, T_UNION, NULL, NULL},
  {"ggz_klinisch.clients", C, 0, NULL, false, false, ZT_SC_COUNT, true, NULL,
   NOD, ZT_FAM_ZOTHUIS, Z_GGZ, fam_zothuis,
   "clients with a ggz_klinisch period overlapping P", SUM, T_UNION, NULL,
   "clients.by_kind|kind=ggz_klinisch"},
  {"ggz_klinisch.under12", C, 0, NULL, false, false, ZT_SC_COUNT, true, NULL,
   NOD, ZT_FAM_ZOTHUIS, Z_GGZ_U12, fam_zothuis,
   "clients with a ggz_klinisch period overlapping P who were younger than 12 "
   "on its first day in P", SUM, T_UNION, NULL, NULL},
  {"beschermd_wonen.clients", C, 0, NULL, false, false, ZT_SC_COUNT, true,
   NULL, NOD, ZT_FAM_ZOTHUIS, Z_BW, fam_zothuis,
   "clients with a beschermd_wonen period overlapping P", SUM, T_UNION, NULL,
   "clients.by_kind|kind=beschermd_wonen"},
  {"verblijf.at_peildatum", C, 0, "kind,provider", false, false, ZT_SC_COUNT,
   true, NULL, NOD, ZT_FAM_ZOTHUIS, Z_ATP, fam_zothuis,
   "clients with a verblijf care period containing the peildatum; per kind "
   "and per provider (AGB) on that day", COVER, T_NONE, NULL, NULL},
  {"instroom.placements", C, 0, NULL, false, false, ZT_SC_COUNT, true, NULL,
   NOD, ZT_FAM_ZOTHUIS, Z_PLACEMENTS, fam_zothuis,
   "placements: episodes of verblijf periods (chained with the episode gap) "
   "that begin in P; a client can have two", SUM, T_SUM, NULL, NULL},
  {"instroom.share_residentieel", PCT, 1, NULL, false, false, ZT_SC_SHARE,
   false, NULL, {"instroom.placements", NULL, NULL, NULL}, ZT_FAM_ZOTHUIS,
   Z_PLACE_RES, fam_zothuis,
   "% of instroom.placements whose first care period (earliest begin; tie: "
   "most restrictive) is of group residentieel", SUM, T_NONE, NULL, NULL},
  /* episode analysis */
  {EPC, C, 0, "duration,providers", false, false, ZT_SC_COUNT, true, NULL,
   NOD, ZT_FAM_EPISODES, E_CLIENTS, fam_episodes,
   "the cohort C: clients with an episode of the episode kinds overlapping P "
   "(care known on the peildatum); breakdowns duration= (days, 1-30 ... 731+) "
   "and providers= (1 ... 5+)", SUM, T_NONE, NULL, NULL},
  {"episodes.ended", C, 0, NULL, false, false, ZT_SC_COUNT, true, EPC, NOD,
   ZT_FAM_EPISODES, E_ENDED, fam_episodes,
   "cohort episodes ended within P (end <= P.end and end < peildatum)", SUM,
   T_NONE, NULL, NULL},
  {"episodes.continuing", C, 0, NULL, false, false, ZT_SC_COUNT, true, EPC,
   NOD, ZT_FAM_EPISODES, E_CONT, fam_episodes,
   "cohort episodes not ended within P: still in care after P or on the "
   "peildatum (ended + continuing = clients)", SUM, T_NONE, NULL, NULL},
  {"episodes.age_le12", C, 0, NULL, false, false, ZT_SC_COUNT, true, NULL,
   NOD, ZT_FAM_EPISODES, E_LE12, fam_episodes,
   "cohort clients aged <= 12 on max(episode begin, P.begin)", SUM, T_NONE,
   NULL, NULL},
  {"episodes.duration_mean", DAYS, 0, NULL, false, false, ZT_SC_DERIVED,
   false, NULL, {EPC, NULL, NULL, NULL}, ZT_FAM_EPISODES, E_DUR,
   fam_episodes,
   "mean duration in days (min(end, peildatum) - begin + 1) of the cohort "
   "episodes", SUM, T_NONE, NULL, NULL},
  {"episodes.duration_mean_ended", DAYS, 0, NULL, false, false,
   ZT_SC_DERIVED, false, NULL, {"episodes.ended", NULL, NULL, NULL},
   ZT_FAM_EPISODES, E_DUR_ENDED, fam_episodes,
   "mean duration over the ended episodes", SUM, T_NONE, EPC, NULL},
  {"episodes.duration_mean_continuing", DAYS, 0, NULL, false, false,
   ZT_SC_DERIVED, false, NULL, {"episodes.continuing", NULL, NULL, NULL},
   ZT_FAM_EPISODES, E_DUR_CONT, fam_episodes,
   "mean duration over the continuing episodes", SUM, T_NONE, EPC, NULL},
  {"episodes.short", C, 0, NULL, false, false, ZT_SC_COUNT, true, NULL, NOD,
   ZT_FAM_EPISODES, E_SHORT, fam_episodes,
   "cohort episodes with a duration of at most 30 days", SUM, T_NONE, NULL,
   EPC "|duration=1-30"},
  {"episodes.long", C, 0, NULL, false, true, ZT_SC_COUNT, false, NULL, NOD,
   ZT_FAM_EPISODES, E_LONG, fam_episodes,
   "cohort episodes longer than 30 days (short + long = clients); the "
   "region row only", SUM, T_NONE, NULL, NULL},
  {"episodes.short_ended", C, 0, NULL, false, false, ZT_SC_COUNT, true,
   "episodes.short", NOD, ZT_FAM_EPISODES, E_SHORT_ENDED, fam_episodes,
   "cohort episodes of at most 30 days that ended before the peildatum (end < "
   "peildatum)", SUM, T_NONE, NULL, NULL},
  {"episodes.short_running", C, 0, NULL, false, false, ZT_SC_COUNT, true,
   "episodes.short", NOD, ZT_FAM_EPISODES, E_SHORT_RUNNING, fam_episodes,
   "cohort episodes of at most 30 days still running on the peildatum (end >= "
   "peildatum): short only because they began less than 31 days before it "
   "(short_ended + short_running = short)", SUM, T_NONE, NULL, NULL},
  {"episodes.short_duration_mean", DAYS, 0, NULL, false, false,
   ZT_SC_DERIVED, false, NULL, {"episodes.short", NULL, NULL, NULL},
   ZT_FAM_EPISODES, E_SHORT_DUR, fam_episodes,
   "mean duration of the short episodes", SUM, T_NONE, EPC, NULL},
  {"episodes.long_duration_mean", DAYS, 0, NULL, false, false,
   ZT_SC_DERIVED, false, NULL, {"episodes.short", NULL, NULL, NULL},
   ZT_FAM_EPISODES, E_LONG_DUR, fam_episodes,
   "mean duration of the episodes longer than 30 days", SUM, T_NONE, EPC,
   NULL},
  {"episodes.top", C, 0, NULL, false, false, ZT_SC_COUNT, false, NULL,
   {EPC, NULL, NULL, NULL}, ZT_FAM_EPISODES, E_TOP, fam_episodes,
   "the number of longest cohort episodes the top_ means are over: top_n, "
   "or all episodes when there are fewer (hidden with episodes.clients)",
   SUM, T_NONE, NULL, NULL},
  {"episodes.top_duration_mean", DAYS, 0, NULL, false, false, ZT_SC_DERIVED,
   false, NULL, {EPC, NULL, NULL, NULL}, ZT_FAM_EPISODES, E_TOP_DUR,
   fam_episodes,
   "mean duration of the N (top_n) longest cohort episodes (ties: cost, "
   "ambulant cost, age, pseudonym)",
   SUM, T_NONE, NULL, NULL},
  {"episodes.top_cost_mean", EUR, 0, NULL, false, false, ZT_SC_DERIVED,
   false, NULL, {EPC, NULL, NULL, NULL}, ZT_FAM_EPISODES, E_TOP_COST,
   fam_episodes,
   "mean episode cost of the N longest cohort episodes", SUM, T_NONE, NULL,
   NULL},
  {"episodes.top_age_mean", YEARS, 1, NULL, false, false, ZT_SC_DERIVED,
   false, NULL, {EPC, NULL, NULL, NULL}, ZT_FAM_EPISODES, E_TOP_AGE,
   fam_episodes,
   "mean age in completed years on the peildatum of the clients of the N "
   "longest episodes (known birth dates only)", SUM, T_NONE,
   "~episodes.top_duration_mean", NULL},
  {"episodes.single_provider", C, 0, NULL, false, false, ZT_SC_COUNT, true,
   NULL, NOD, ZT_FAM_EPISODES, E_SINGLE, fam_episodes,
   "cohort episodes with exactly one distinct provider (AGB)", SUM, T_NONE,
   NULL, EPC "|providers=1"},
  {"episodes.providers_mean_multi", C, 1, NULL, false, false, ZT_SC_DERIVED,
   false, NULL, {"episodes.single_provider", NULL, NULL, NULL},
   ZT_FAM_EPISODES, E_MULTI, fam_episodes,
   "mean number of distinct providers over the cohort episodes with two or "
   "more", SUM, T_NONE, EPC, NULL},
  {"episodes.provider_days_mean", DAYS, 0, "provider_type", false, false,
   ZT_SC_DERIVED, false, NULL, {EPC, NULL, NULL, NULL}, ZT_FAM_EPISODES,
   E_PDAYS, fam_episodes,
   "mean days a provider's periods cover in a cohort episode (per episode and "
   "provider pair); per provider type", SUM, T_NONE, NULL, NULL},
  {"episodes.cost_mean", EUR, 0, NULL, false, false, ZT_SC_DERIVED, false,
   NULL, {EPC, NULL, NULL, NULL}, ZT_FAM_EPISODES, E_COST, fam_episodes,
   "mean cost of the cohort episodes: the amounts of their care periods", SUM,
   T_NONE, NULL, NULL},
  {"episodes.cost_mean_continuing", EUR, 0, NULL, false, false,
   ZT_SC_DERIVED, false, NULL, {"episodes.continuing", NULL, NULL, NULL},
   ZT_FAM_EPISODES, E_COST_CONT, fam_episodes,
   "episodes.cost_mean over the continuing episodes", SUM, T_NONE, EPC, NULL},
  {"episodes.cost_mean_history", EUR, 0, NULL, false, false, ZT_SC_DERIVED,
   false, NULL, {EPC, NULL, NULL, NULL}, ZT_FAM_EPISODES, E_HIST,
   fam_episodes,
   "mean over C of all the client's verblijf-group amounts since the data "
   "begin (lines beginning on or before the peildatum)", SUM, T_NONE, NULL,
   NULL},
  {"episodes.cost_mean_history_continuing", EUR, 0, NULL, false, false,
   ZT_SC_DERIVED, false, NULL, {"episodes.continuing", NULL, NULL, NULL},
   ZT_FAM_EPISODES, E_HIST_CONT, fam_episodes,
   "episodes.cost_mean_history over the clients whose episode continues", SUM,
   T_NONE, EPC, NULL},
  {"episodes.ambulant_cost_mean", EUR, 0, NULL, false, false, ZT_SC_DERIVED,
   false, NULL, {EPC, NULL, NULL, NULL}, ZT_FAM_EPISODES, E_AMB,
   fam_episodes,
   "mean over C of the client's ambulant-group amounts of lines beginning "
   "outside all its episodes, on or before the peildatum", SUM, T_NONE, NULL,
   NULL},
  {"savings.longstay", EUR, -3, NULL, false, false, ZT_SC_DERIVED, false,
   NULL, {EPC, NULL, NULL, NULL}, ZT_FAM_EPISODES, S_LONG, fam_episodes,
   "episodes.top_cost_mean minus the mean ambulant cost of those N clients: "
   "an upper bound of what preventing a long stay saves", SUM, T_NONE, NULL,
   NULL},
  {"savings.placement", EUR, -3, NULL, false, false, ZT_SC_DERIVED, false,
   NULL, {EPC, NULL, NULL, NULL}, ZT_FAM_EPISODES, S_PLACE, fam_episodes,
   "episodes.cost_mean_history - episodes.ambulant_cost_mean: an upper bound "
   "of what preventing a placement saves", SUM, T_NONE, NULL, NULL},
  /* jeugdbescherming and jeugdreclassering */
  {"gi.jeugdbescherming", C, 0, NULL, false, false, ZT_SC_COUNT, true, NULL,
   NOD, ZT_FAM_GI, ZT_K_JEUGDBESCHERMING, fam_gi,
   "unique clients with a jeugdbescherming period overlapping P", SUM,
   T_UNION, NULL, "clients.by_kind|kind=jeugdbescherming"},
  {"gi.voogdij", C, 0, NULL, false, false, ZT_SC_COUNT, true, NULL, NOD,
   ZT_FAM_GI, ZT_K_VOOGDIJ, fam_gi,
   "unique clients with a voogdij period overlapping P", SUM, T_UNION, NULL,
   "clients.by_kind|kind=voogdij"},
  {"gi.jeugdreclassering", C, 0, NULL, false, false, ZT_SC_COUNT, true, NULL,
   NOD, ZT_FAM_GI, ZT_K_JEUGDRECLASSERING, fam_gi,
   "unique clients with a jeugdreclassering period overlapping P", SUM,
   T_UNION, NULL, "clients.by_kind|kind=jeugdreclassering"},
  /* woonplaatsbeginsel shift */
  {"wpb.clients_declared", C, 0, NULL, false, false, ZT_SC_COUNT, true, NULL,
   NOD, ZT_FAM_WPB, W_CLIENTS_DECL, fam_wpb,
   "clients.total with each care period attributed to the municipality that "
   "received its declaration", SUM, T_UNION, NULL, NULL},
  {"wpb.spend_declared", EUR, 0, NULL, false, false, ZT_SC_DERIVED, true,
   NULL, NOD, ZT_FAM_WPB, W_SPEND_DECL, fam_wpb,
   "spend.total with each line attributed to the municipality that received "
   "its declaration", SUM, T_SUM, NULL, NULL},
  {"wpb.clients_shift", C, 0, NULL, false, false, ZT_SC_DEPENDS, false, NULL,
   {"clients.total", "wpb.clients_declared", NULL, NULL}, ZT_FAM_WPB,
   W_CLIENTS_SHIFT, fam_wpb,
   "clients.total - wpb.clients_declared: clients gained (+) or lost (-) by "
   "the woonplaatsbeginsel", SUM, T_NONE, NULL, NULL},
  {"wpb.spend_shift", EUR, 0, NULL, false, false, ZT_SC_DEPENDS, false, NULL,
   {"spend.total", "wpb.spend_declared", NULL, NULL}, ZT_FAM_WPB,
   W_SPEND_SHIFT, fam_wpb,
   "spend.total - wpb.spend_declared: spending gained (+) or lost (-) by the "
   "woonplaatsbeginsel", SUM, T_NONE, NULL, NULL},
  /* reconciliation of the woonplaatsbeginsel table (region only) */
  {"wpb.clients_declared_multi", C, 0, NULL, false, true, ZT_SC_NONE, false,
   NULL, NOD, ZT_FAM_WPB, W_CLIENTS_DECL_MULTI, fam_wpb,
   "the region's wpb.clients_declared minus the sum of its municipalities' "
   "(<= 0: clients declared to more than one member, counted once in the "
   "region)", SUM, T_NONE, NULL, NULL},
  {"wpb.clients_multi", C, 0, NULL, false, true, ZT_SC_NONE, false, NULL,
   NOD, ZT_FAM_WPB, W_CLIENTS_MULTI, fam_wpb,
   "the region's clients.total minus the sum of its municipalities' (<= 0: "
   "clients attributed to more than one member, counted once in the region)",
   SUM, T_NONE, NULL, NULL},
  {"wpb.clients_shift_multi", C, 0, NULL, false, true, ZT_SC_NONE, false,
   NULL, NOD, ZT_FAM_WPB, W_CLIENTS_SHIFT_MULTI, fam_wpb,
   "wpb.clients_multi - wpb.clients_declared_multi: what reconciles the sum "
   "of the municipalities' wpb.clients_shift with the region's", SUM, T_NONE,
   NULL, NULL},
  {"wpb.clients_shift_out", C, 0, NULL, false, true, ZT_SC_NONE, false,
   NULL, NOD, ZT_FAM_WPB, W_CLIENTS_OUT, fam_wpb,
   "minus the clients declared to a member whose care in P is attributed to "
   "non-members only: clients lost to municipalities outside the region", SUM,
   T_NONE, NULL, NULL},
  {"wpb.clients_shift_in", C, 0, NULL, false, true, ZT_SC_NONE, false, NULL,
   NOD, ZT_FAM_WPB, W_CLIENTS_IN, fam_wpb,
   "clients attributed to a member whose care in P was declared to "
   "non-members only: clients gained from outside the region (shift_in + "
   "shift_out = the region's wpb.clients_shift)", SUM, T_NONE, NULL, NULL},
  {"wpb.spend_shift_out", EUR, 0, NULL, false, true, ZT_SC_NONE, false, NULL,
   NOD, ZT_FAM_WPB, W_SPEND_OUT, fam_wpb,
   "minus the amounts of lines beginning in P declared to a member and "
   "attributed to a non-member: spending lost to municipalities outside the "
   "region", SUM, T_NONE, NULL, NULL},
  {"wpb.spend_shift_in", EUR, 0, NULL, false, true, ZT_SC_NONE, false, NULL,
   NOD, ZT_FAM_WPB, W_SPEND_IN, fam_wpb,
   "amounts of lines beginning in P attributed to a member and declared to a "
   "non-member (spend_shift_in + spend_shift_out = the region's "
   "wpb.spend_shift)", SUM, T_NONE, NULL, NULL},
  /* data quality (every run; region row only) */
  /* rates per 1.000 youths of the population band (metrics/rate.c) */
  {"rate.clients_per_1000", C, 1, NULL, false, false, ZT_SC_DEPENDS, false,
   NULL, {"clients.total", NULL, NULL, NULL}, ZT_FAM_RATE, R_CLIENTS,
   fam_rate,
   "clients.total x 1000 / youths of the population band (default 0-17) "
   "on 1 January of P's year; absent without that population",
   SUM, T_NONE, NULL, NULL},
  {"rate.verblijf_per_1000", C, 1, NULL, false, false, ZT_SC_DEPENDS, false,
   NULL, {"verblijf.clients", NULL, NULL, NULL}, ZT_FAM_RATE, R_VERBLIJF,
   fam_rate, "verblijf.clients x 1000 / youths of the population band",
   SUM, T_NONE, NULL, NULL},
  {"rate.residentieel_per_1000", C, 1, NULL, false, false, ZT_SC_DEPENDS,
   false, NULL,
   {"verblijf.clients_by_kind|kind=residentieel",
    "verblijf.clients_by_kind|kind=driemilieu",
    "verblijf.clients_by_kind|kind=gesloten", NULL},
   ZT_FAM_RATE, R_RES, fam_rate,
   "clients of V(P) whose kind in P is in group residentieel (the part of "
   "verblijf.share_residentieel) x 1000 / youths of the population band",
   SUM, T_NONE, NULL, NULL},
  {"rate.by_kind_per_1000", C, 1, "kind", true, false, ZT_SC_DEPENDS, false,
   NULL, {"clients.by_kind|*", NULL, NULL, NULL}, ZT_FAM_RATE, R_KIND,
   fam_rate, "clients.by_kind x 1000 / youths of the population band, per "
   "kind", SUM, T_NONE, NULL, NULL},
  {"rate.spend_per_youth", EUR, 0, NULL, false, false, ZT_SC_DEPENDS, false,
   NULL, {"spend.total", NULL, NULL, NULL}, ZT_FAM_RATE, R_SPEND, fam_rate,
   "spend.total / youths of the population band: euros per youth "
   "inhabitant", SUM, T_NONE, NULL, NULL},
  {"dq.lines_read", C, 0, NULL, false, true, ZT_SC_NONE, false, NULL, NOD,
   ZT_FAM_DQ, D_READ, fam_dq,
   "lines read from every ingested file (all kinds), run-wide", SUM, T_NONE,
   NULL, NULL},
  {"dq.lines_accepted", C, 0, NULL, false, true, ZT_SC_NONE, false, NULL,
   NOD, ZT_FAM_DQ, D_ACCEPTED, fam_dq,
   "lines accepted: stored, or skipped as identical resends",
   SUM, T_NONE, NULL,
   NULL},
  {"dq.lines_rejected", C, 0, "reason", false, true, ZT_SC_NONE, false, NULL,
   NOD, ZT_FAM_DQ, D_REJECTED, fam_dq,
   "lines rejected, in total and per reason code", SUM, T_NONE, NULL, NULL},
  {"dq.duplicates_skipped", C, 0, NULL, false, true, ZT_SC_NONE, false, NULL,
   NOD, ZT_FAM_DQ, D_DUPS, fam_dq,
   "lines skipped as identical resends of a stored line", SUM, T_NONE, NULL,
   NULL},
  {"dq.credits_applied", C, 0, NULL, false, true, ZT_SC_NONE, false, NULL,
   NOD, ZT_FAM_DQ, D_CREDITS, fam_dq,
   "credits applied to (netted into) their debit", SUM, T_NONE, NULL, NULL},
  {"dq.credits_waiting", C, 0, NULL, false, true, ZT_SC_NONE, false, NULL,
   NOD, ZT_FAM_DQ, D_WAITING, fam_dq,
   "credits waiting in quarantine for their debit", SUM, T_NONE, NULL, NULL},
  {"dq.residence_fallback", C, 0, NULL, false, true, ZT_SC_NONE, false, NULL,
   NOD, ZT_FAM_DQ, D_FALLBACK, fam_dq,
   "clients whose responsible municipality fell back to the declared one",
   SUM, T_NONE, NULL, NULL},
  {"dq.outside_region", C, 0, "gemeente", false, true, ZT_SC_NONE, false,
   NULL, NOD, ZT_FAM_DQ, D_OUTSIDE, fam_dq,
   "care periods beginning in P attributed to a non-member, per "
   "municipality", SUM, T_NONE, NULL, NULL},
  {"dq.not_in_catalogue", C, 0, NULL, false, true, ZT_SC_NONE, false, NULL,
   NOD, ZT_FAM_DQ, D_NOCAT, fam_dq,
   "lines whose product code is not in the region's catalogue",
   SUM, T_NONE, NULL, NULL},
  {"dq.not_in_catalogue_spend", EUR, 0, NULL, false, true, ZT_SC_NONE, false,
   NULL, NOD, ZT_FAM_DQ, D_NOCAT_SPEND, fam_dq,
   "amount of the lines not in the catalogue", SUM, T_NONE, NULL, NULL},
  {"dq.category_fallback", C, 0, NULL, false, true, ZT_SC_NONE, false, NULL,
   NOD, ZT_FAM_DQ, D_CATRES, fam_dq,
   "category 43/44 lines without a mapping, counted as residentieel",
   SUM, T_NONE, NULL, NULL},
  {"dq.crosses_month", C, 0, NULL, false, true, ZT_SC_NONE, false, NULL,
   NOD, ZT_FAM_DQ, D_MONTH, fam_dq,
   "lines whose period crosses a month (attributed by begin date)",
   SUM, T_NONE, NULL, NULL},
  {"dq.birth_partial", C, 0, NULL, false, true, ZT_SC_NONE, false, NULL, NOD,
   ZT_FAM_DQ, D_BIRTH_PARTIAL, fam_dq,
   "clients with a partly unknown birth date (1st of month / 1 January)",
   SUM, T_NONE, NULL, NULL},
  {"dq.age_unknown", C, 0, NULL, false, true, ZT_SC_NONE, false, NULL, NOD,
   ZT_FAM_DQ, D_AGE_UNKNOWN, fam_dq,
   "clients without a birth date (left out of age-based indicators)",
   SUM, T_NONE, NULL, NULL},
  {"dq.population_missing", C, 0, "gemeente", false, true, ZT_SC_NONE,
   false, NULL, NOD, ZT_FAM_DQ, D_POP_MISSING, fam_dq,
   "member municipalities without a population of the band for P's year "
   "(their rate.* rows and the region's are left out), per municipality",
   SUM, T_NONE, NULL, NULL},
  /* declaration answers (JW325; rows only when the store holds one) */
  {"dq.lines_rejected_by_gemeente", C, 0, "retourcode", false, true,
   ZT_SC_NONE, false, NULL, NOD, ZT_FAM_DQ, D_ANS_LINES, fam_dq,
   "stored declaration lines the municipality rejected in a JW325 (listed, "
   "or in a message rejected whole), in total and per main retour code",
   SUM, T_NONE, NULL, NULL},
  {"dq.spend_rejected_by_gemeente", EUR, 0, "retourcode", false, true,
   ZT_SC_NONE, false, NULL, NOD, ZT_FAM_DQ, D_ANS_SPEND, fam_dq,
   "signed amount (debits +, credits -) of the lines of "
   "dq.lines_rejected_by_gemeente, in total and per main retour code",
   SUM, T_NONE, NULL, NULL},
  {"dq.lines_not_assessed", C, 0, NULL, false, true, ZT_SC_NONE, false,
   NULL, NOD, ZT_FAM_DQ, D_ANS_OPEN_LINES, fam_dq,
   "live debit lines of JW323 messages without an answer (yet): nog niet "
   "beoordeeld, counted as spending as before (CSV lines no answer names "
   "are not counted)",
   SUM, T_NONE, NULL, NULL},
  {"dq.spend_not_assessed", EUR, 0, NULL, false, true, ZT_SC_NONE, false,
   NULL, NOD, ZT_FAM_DQ, D_ANS_OPEN_SPEND, fam_dq,
   "net amount (credits applied) of the lines of dq.lines_not_assessed",
   SUM, T_NONE, NULL, NULL},
  {"dq.spend_approved", EUR, 0, NULL, false, true, ZT_SC_NONE, false, NULL,
   NOD, ZT_FAM_DQ, D_ANS_APPROVED, fam_dq,
   "net amount of the live debit lines of answered declaration messages "
   "that the answer did not reject (approved in full)",
   SUM, T_NONE, NULL, NULL},
  {"dq.answers_unmatched", C, 0, NULL, false, true, ZT_SC_NONE, false,
   NULL, NOD, ZT_FAM_DQ, D_ANS_UNMATCHED, fam_dq,
   "answers (one per provider and DeclaratieIdentificatie) that judged no "
   "stored declaration line: the JW323 they answer is not in the store, "
   "or cannot be told from another", SUM, T_NONE, NULL, NULL},
  /* possible double declarations (docs/rules.md §8): rows only in a
   * report or export of P, written after the pass (zt_dq_doubles_put) */
  {"dq.double_lines", C, 0, "gemeente", false, true, ZT_SC_NONE, false,
   NULL, NOD, ZT_FAM_DQ, D_DOUBLE_LINES, fam_dq,
   "counted debit lines beginning in P that repeat an earlier line of the "
   "client (provider, assignment, product, period, volume, unit, net "
   "amount) under another reference: possible double declarations, per "
   "responsible municipality", SUM, T_NONE, NULL, NULL},
  {"dq.double_spend", EUR, 0, "gemeente", false, true, ZT_SC_NONE, false,
   NULL, NOD, ZT_FAM_DQ, D_DOUBLE_SPEND, fam_dq,
   "net amount of the lines of dq.double_lines, per responsible "
   "municipality", SUM, T_NONE, NULL, NULL},
  /* access and outflow: JW315, JW301, JW305, JW307 (metrics/flow.c);
   * rows only when the store holds a request, start or stop */
  {"flow.requests", C, 0, "verwijzer", false, false, ZT_SC_COUNT, true,
   NULL, NOD, ZT_FAM_FLOW, ZT_F_REQUESTS, zt_fam_flow,
   "requests for assignment (JW315 products) whose request day is in P, "
   "in total and per TypeVerwijzer", SUM, T_SUM, NULL, NULL},
  {"flow.share_huisarts", PCT, 1, NULL, false, false, ZT_SC_SHARE, false,
   NULL, {"flow.requests", "flow.requests|verwijzer=huisarts", NULL, NULL},
   ZT_FAM_FLOW, ZT_F_SHARE_HUISARTS, zt_fam_flow,
   "% of flow.requests with verwijzer huisarts (02)", SUM, T_NONE, NULL,
   NULL},
  {"flow.assignments", C, 0, NULL, false, false, ZT_SC_COUNT, true, NULL,
   NOD, ZT_FAM_FLOW, ZT_F_ASSIGNMENTS, zt_fam_flow,
   "assignments (JW301, one per municipality and ToewijzingNummer) made "
   "in P (Toewijzingsdatum, else Ingangsdatum)", SUM, T_SUM, NULL, NULL},
  {"flow.wait_request_assignment_median", DAYS, 1, NULL, false, false,
   ZT_SC_DERIVED, false, NULL, NOD, ZT_FAM_FLOW, ZT_F_WAIT_RA_MED,
   zt_fam_flow,
   "median days from the request day to the assignment day, over the "
   "assignments made in P that answer a request", SUM, T_NONE, NULL, NULL},
  {"flow.wait_request_assignment_p90", DAYS, 0, NULL, false, false,
   ZT_SC_DERIVED, false, NULL, NOD, ZT_FAM_FLOW, ZT_F_WAIT_RA_P90,
   zt_fam_flow,
   "90th percentile (nearest rank) of the same days", SUM, T_NONE, NULL,
   NULL},
  {"flow.wait_assignment_start_median", DAYS, 1, "kind", false, false,
   ZT_SC_DERIVED, false, NULL, NOD, ZT_FAM_FLOW, ZT_F_WAIT_AS_MED,
   zt_fam_flow,
   "median days from the assignment's Ingangsdatum to the start "
   "(Begindatum), over the starts in P linked to an assignment, in total "
   "and per care kind", SUM, T_NONE, NULL, NULL},
  {"flow.wait_assignment_start_p90", DAYS, 0, "kind", false, false,
   ZT_SC_DERIVED, false, NULL, NOD, ZT_FAM_FLOW, ZT_F_WAIT_AS_P90,
   zt_fam_flow,
   "90th percentile (nearest rank) of the same days, in total and per "
   "care kind", SUM, T_NONE, NULL, NULL},
  {"flow.waiting_at_peildatum", C, 0, "kind", false, false, ZT_SC_COUNT,
   true, NULL, NOD, ZT_FAM_FLOW, ZT_F_WAITING, zt_fam_flow,
   "assignments begun (on or after the first start in the store) and not "
   "ended on the peildatum without a start on or before it, in total and "
   "(for the region only) per care kind", SUM, T_NONE, NULL, NULL},
  {"flow.waiting_over_norm", C, 0, "kind", false, false, ZT_SC_COUNT, true,
   NULL, NOD, ZT_FAM_FLOW, ZT_F_WAITING_OVER, zt_fam_flow,
   "of flow.waiting_at_peildatum, those waiting more than the norm "
   "(analysis.wait_norm_days, default 42) days since the Ingangsdatum; "
   "per care kind for the region only",
   SUM, T_NONE, NULL, NULL},
  {"flow.stops", C, 0, "reason", false, false, ZT_SC_COUNT, true, NULL,
   NOD, ZT_FAM_FLOW, ZT_F_STOPS, zt_fam_flow,
   "stops of care (JW307) whose Einddatum is in P, in total and per "
   "RedenBeeindiging (JZ588)", SUM, T_SUM, NULL, NULL},
  {"flow.stops_cbs", C, 0, "cbs", true, false, ZT_SC_COUNT, true,
   "flow.stops", NOD, ZT_FAM_FLOW, ZT_F_STOPS_CBS, zt_fam_flow,
   "flow.stops per CBS reden beeindiging (01 volgens_plan, 02 "
   "in_overeenstemming, 03 door_client, 04 door_aanbieder, 05 extern; "
   "overig for 20 and 36-39)",
   SUM, T_SUM, NULL, NULL},
  /* over the definitive stops: flow.stops less its cbs=overig row */
  {"flow.share_volgens_plan", PCT, 1, NULL, false, false, ZT_SC_SHARE,
   false, NULL,
   {"flow.stops", "flow.stops_cbs|cbs=volgens_plan",
    "-flow.stops_cbs|cbs=overig", NULL},
   ZT_FAM_FLOW, ZT_F_SHARE_PLAN, zt_fam_flow,
   "% of the definitive stops in P (reason 02 or 31-35, not CBS overig) "
   "with reason 31 (volgens plan)", SUM, T_NONE, NULL, NULL},
  {"flow.duration_mean_ended", DAYS, 1, NULL, false, false, ZT_SC_DERIVED,
   false, NULL, NOD, ZT_FAM_FLOW, ZT_F_DURATION, zt_fam_flow,
   "mean days from Begindatum to Einddatum of the definitive stops in P "
   "(reason 02 or 31-35)", SUM, T_NONE, NULL, NULL},
  {"flow.reentry_6m", PCT, 1, NULL, false, false, ZT_SC_SHARE, false, NULL,
   NOD, ZT_FAM_FLOW, ZT_F_REENTRY_6M, zt_fam_flow,
   "% of the clients with a definitive stop in P who start again within "
   "182 days after their last such stop; only when the peildatum is at "
   "least 182 days after P", SUM, T_NONE, NULL, NULL},
  {"flow.reentry_12m", PCT, 1, NULL, false, false, ZT_SC_SHARE, false,
   NULL, NOD, ZT_FAM_FLOW, ZT_F_REENTRY_12M, zt_fam_flow,
   "the same within 365 days; only when the peildatum is at least 365 "
   "days after P", SUM, T_NONE, NULL, NULL},
  {"dq.flow_broken_links", C, 0, "reason", false, true, ZT_SC_NONE, false,
   NULL, NOD, ZT_FAM_FLOW, ZT_F_BROKEN, zt_fam_flow,
   "broken links of the flow, run-wide, per reason: start without "
   "assignment, start before assignment, stop without start, declaration "
   "without start, request unanswered 56 days after its day (on the "
   "peildatum)", SUM, T_NONE, NULL, NULL},
  /* completeness of the figures (metrics/completeness.c,
   * docs/completeness.md); the region and municipalities with enough
   * clients, when there is enough history */
  {"completeness.spend_share", PCT, 1, NULL, false, false, ZT_SC_DEPENDS,
   false, NULL, {"spend.total", NULL, NULL, NULL}, ZT_FAM_COMPL,
   K_SPEND_SHARE, fam_compl,
   "spending of P's care months known on the as-of day / its chain-ladder "
   "expected final value (run-off triangle by declared municipality)",
   SUM, T_NONE, NULL, NULL},
  {"completeness.clients_share", PCT, 1, NULL, false, false, ZT_SC_DEPENDS,
   false, NULL, {"clients.total", NULL, NULL, NULL}, ZT_FAM_COMPL,
   K_CLIENTS_SHARE, fam_compl,
   "unique clients per care month of P, summed, known on the as-of day / "
   "their chain-ladder expected final value", SUM, T_NONE, NULL, NULL},
  {"estimate.spend_final", EUR, 0, NULL, false, false, ZT_SC_DEPENDS, false,
   NULL, {"spend.total", NULL, NULL, NULL}, ZT_FAM_COMPL, K_SPEND,
   fam_compl, "expected final spend.total: spend.total / "
   "completeness.spend_share, in cents", SUM, T_NONE, NULL, NULL},
  {"estimate.spend_final_low", EUR, 0, NULL, false, false, ZT_SC_DEPENDS,
   false, NULL, {"spend.total", NULL, NULL, NULL}, ZT_FAM_COMPL,
   K_SPEND_LOW, fam_compl,
   "estimate.spend_final less 1.645 x Mack's standard error (90% band)",
   SUM, T_NONE, NULL, NULL},
  {"estimate.spend_final_high", EUR, 0, NULL, false, false, ZT_SC_DEPENDS,
   false, NULL, {"spend.total", NULL, NULL, NULL}, ZT_FAM_COMPL,
   K_SPEND_HIGH, fam_compl,
   "estimate.spend_final plus 1.645 x Mack's standard error (90% band)",
   SUM, T_NONE, NULL, NULL},
  {"estimate.clients_final", C, 0, NULL, false, false, ZT_SC_DEPENDS, false,
   NULL, {"clients.total", NULL, NULL, NULL}, ZT_FAM_COMPL, K_CLIENTS,
   fam_compl, "expected final clients.total: clients.total / "
   "completeness.clients_share, rounded", SUM, T_NONE, NULL, NULL},
  {"estimate.clients_final_low", C, 0, NULL, false, false, ZT_SC_DEPENDS,
   false, NULL, {"clients.total", NULL, NULL, NULL}, ZT_FAM_COMPL,
   K_CLIENTS_LOW, fam_compl,
   "estimate.clients_final less 1.645 x Mack's standard error (90% band)",
   SUM, T_NONE, NULL, NULL},
  {"estimate.clients_final_high", C, 0, NULL, false, false, ZT_SC_DEPENDS,
   false, NULL, {"clients.total", NULL, NULL, NULL}, ZT_FAM_COMPL,
   K_CLIENTS_HIGH, fam_compl,
   "estimate.clients_final plus 1.645 x Mack's standard error (90% band)",
   SUM, T_NONE, NULL, NULL},
  {"completeness.arrival_spend", PCT, 1, "delay", true, true, ZT_SC_NONE,
   false, NULL, NOD, ZT_FAM_COMPL, K_ARR_SPEND, fam_compl,
   "the arrival curve: % of a care month's final spending that has "
   "arrived after delay=0..K months, from the development factors; the "
   "region, for periods not yet final", SUM, T_NONE, NULL, NULL},
  {"completeness.arrival_clients", PCT, 1, "delay", true, true, ZT_SC_NONE,
   false, NULL, NOD, ZT_FAM_COMPL, K_ARR_CLIENTS, fam_compl,
   "the arrival curve of unique clients per care month, as "
   "completeness.arrival_spend", SUM, T_NONE, NULL, NULL},
};

#undef C
#undef SUM
#undef COVER
#undef T_NONE
#undef T_SUM
#undef T_UNION
#undef EPC

size_t zt_ind_count(void) {
  return sizeof defs / sizeof defs[0];
}

const zt_ind_def *zt_ind_at(size_t i) {
  return i < zt_ind_count() ? &defs[i] : NULL;
}

/* id -> definition, built once (thread-safe) on first use. */
static GHashTable *index_of_ids(void) {
  static gsize once = 0;
  static GHashTable *index;
  if (g_once_init_enter(&once)) {
    GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
    for (size_t i = 0; i < zt_ind_count(); i++)
      g_hash_table_insert(h, (gpointer)(uintptr_t)defs[i].id,
                          (gpointer)(uintptr_t)&defs[i]);
    index = h;
    g_once_init_leave(&once, 1);
  }
  return index;
}

const zt_ind_def *zt_ind_lookup(const char *id) {
  if (!id)
    return NULL;
  return g_hash_table_lookup(index_of_ids(), id);
}

bool zt_ind_has_breakdown(const zt_ind_def *def, const char *key) {
  const char *p = def->breakdowns;
  size_t n = strlen(key);
  while (p && *p) {
    const char *q = strchr(p, ',');
    size_t len = q ? (size_t)(q - p) : strlen(p);
    if (len == n && memcmp(p, key, n) == 0)
      return true;
    p = q ? q + 1 : NULL;
  }
  return false;
}

/* ---- display and export text ----------------------------------------- */

/* round(num / den), half away from zero, in 128 bits. */
static __int128 round_div128(__int128 num, __int128 den) {
  __int128 q = num / den, r = num % den;
  if (r < 0)
    r = -r;
  if (2 * r >= den)
    q += num < 0 ? -1 : 1;
  return q;
}

/* A change (the woonplaatsbeginsel shifts) is written with its sign:
 * "+12", "€ +700", as every signed change in the report; zero stays
 * "0". */
static void plus_for_change(const zt_ind_def *d, const zt_ind_value *v,
                            char buf[ZT_FMT_MAX]) {
  size_t off = strncmp(buf, "\xe2\x82\xac ", 4) == 0 ? 4 : 0;
  size_t n = strlen(buf + off);
  if (!d || !strstr(d->id, "_shift") || v->num <= 0 ||
      buf[off] < '1' || buf[off] > '9' || off + n + 2 > ZT_FMT_MAX)
    return;
  memmove(buf + off + 1, buf + off, n + 1);
  buf[off] = '+';
}

static void display_def(const zt_ind_value *v, const zt_ind_def *d,
                        char out[32]) {
  int decimals = d ? d->decimals : 0;
  char buf[ZT_FMT_MAX];
  int64_t den = v->den > 0 ? v->den : 1;
  switch (v->unit) {
  case ZT_UNIT_EUR:
    if (decimals == -3)    /* rounded to EUR 1.000 (100,000 cents) */
      zt_fmt_eur((int64_t)round_div128(v->num, (__int128)den * 100000) *
                     100000, 1, buf);
    else
      zt_fmt_eur(v->num, den, buf);
    break;
  case ZT_UNIT_PERCENT:
    zt_fmt_percent(v->num, den, buf);
    break;
  case ZT_UNIT_YEARS:
    zt_fmt_decimal(v->num, den, decimals ? decimals : 1, buf);
    break;
  case ZT_UNIT_COUNT:
  case ZT_UNIT_DAYS:
  default:
    /* a mean shown with decimals keeps them when it is whole ("2,0") */
    if (den == 1 && decimals == 0)
      zt_fmt_int(v->num, buf);
    else
      zt_fmt_decimal(v->num, den, decimals, buf);
    break;
  }
  plus_for_change(d, v, buf);
  zt_strlcpy(out, buf, 32);
}

void zt_ind_display(const zt_ind_value *v, char out[32]) {
  display_def(v, zt_ind_lookup(v->indicator), out);
}


/* Write |x| (< 10^38) in decimal into buf; returns the length. */
static size_t u128_text(unsigned __int128 x, char *buf) {
  char tmp[48];
  size_t n = 0, len = 0;
  do {
    tmp[n++] = (char)('0' + (int)(x % 10));
    x /= 10;
  } while (x);
  while (n)
    buf[len++] = tmp[--n];
  buf[len] = '\0';
  return len;
}

void zt_ind_value_text(const zt_ind_value *v, char *buf, size_t size) {
  char tmp[96];
  size_t off = 0;
  __int128 num = v->num, den = v->den > 0 ? v->den : 1, q;
  unsigned __int128 mag;
  int decimals;
  if (v->unit == ZT_UNIT_EUR) {
    q = round_div128(num, den);           /* whole cents */
    decimals = 2;
  } else if (v->unit != ZT_UNIT_PERCENT && den == 1) {
    q = num;
    decimals = 0;
  } else {
    if (v->unit == ZT_UNIT_PERCENT)
      num *= 100;
    q = round_div128(num * 1000000, den); /* six decimals */
    decimals = 6;
  }
  mag = q < 0 ? (unsigned __int128)(-q) : (unsigned __int128)q;
  if (q < 0)
    tmp[off++] = '-';
  {
    unsigned __int128 scale = 1;
    for (int i = 0; i < decimals; i++)
      scale *= 10;
    off += u128_text(mag / scale, tmp + off);
    if (decimals) {
      unsigned __int128 frac = mag % scale;
      tmp[off++] = '.';
      for (int i = decimals - 1; i >= 0; i--) {
        tmp[off + (size_t)i] = (char)('0' + (int)(frac % 10));
        frac /= 10;
      }
      off += (size_t)decimals;
      tmp[off] = '\0';
      if (decimals == 6) {   /* full precision: drop trailing zeros */
        while (tmp[off - 1] == '0')
          tmp[--off] = '\0';
        if (tmp[off - 1] == '.')
          tmp[--off] = '\0';
      }
    }
  }
  if (strcmp(tmp, "-0") == 0)
    zt_strlcpy(tmp, "0", sizeof tmp);
  zt_strlcpy(buf, tmp, size);
}

/* ---- writing rows ------------------------------------------------------ */

static zt_status put(zt_emit *e, const zt_ind_def *d, size_t p, size_t u,
                     const char *breakdown, int64_t num, int64_t den,
                     int64_t n) {
  zt_ind_value v;
  memset(&v, 0, sizeof v);
  zt_strlcpy(v.indicator, d->id, sizeof v.indicator);
  zt_period_name(&e->periods[p], v.period);
  v.peildatum = e->peil[p];
  v.gemeente = e->unit_code[u];
  zt_strlcpy(v.breakdown, breakdown ? breakdown : "", sizeof v.breakdown);
  v.unit = d->unit;
  v.num = num;
  v.den = den;
  v.n = n;
  display_def(&v, d, v.display);
  return zt_ind_table_put(e->out, &v);
}

/* A count row: value = n. */
static zt_status put_count(zt_emit *e, const zt_ind_def *d, size_t p,
                           size_t u, const char *bd, int64_t x) {
  return put(e, d, p, u, bd, x, 1, x);
}

/* A mean or share: left out when there is nobody to divide by. */
static zt_status put_ratio(zt_emit *e, const zt_ind_def *d, size_t p,
                           size_t u, int64_t num, int64_t den, int64_t n) {
  if (den <= 0)
    return ZT_OK;
  return put(e, d, p, u, NULL, num, den, n);
}

static bool want(const zt_emit *e, const zt_ind_def *d, size_t p, size_t u) {
  if (d->region_only && u)
    return false;
  return e->unit_rows[p * e->nunits + u];
}

#define EACH_ROW(e, d, p, u, a)                                             \
  for (size_t p = 0; p < (e)->nperiods; p++)                                \
    for (size_t u = 0; u < (e)->nunits; u++)                                \
      if (want((e), (d), p, u) && ((a) = zt_acc_at((e), p, u)) != NULL)

static zt_status per_kind(zt_emit *e, const zt_ind_def *d, size_t p,
                          size_t u, const int64_t *vals, const int64_t *ns,
                          unsigned group) {
  zt_status st = ZT_OK;
  for (int k = 0; k < ZT_K_COUNT && !st; k++) {
    char bd[64];
    if (group && !zt_kind_in((zt_care_kind)k, group))
      continue;
    snprintf(bd, sizeof bd, "kind=%s", zt_kind_id((zt_care_kind)k));
    st = put(e, d, p, u, bd, vals[k], 1, ns ? ns[k] : vals[k]);
  }
  return st;
}

static zt_status fam_volume(zt_emit *e, const zt_ind_def *d) {
  zt_acc *a;
  zt_status st = ZT_OK;
  EACH_ROW(e, d, p, u, a) {
    switch (d->slot) {
    case V_CLIENTS:
      st = put_count(e, d, p, u, NULL, a->clients);
      break;
    case V_CLIENTS_KIND:
      st = per_kind(e, d, p, u, a->clients_kind, NULL, 0);
      break;
    case V_SPEND:
      st = put(e, d, p, u, NULL, a->spend, 1, a->spend_n);
      break;
    case V_SPEND_KIND:
      st = per_kind(e, d, p, u, a->spend_kind, a->spend_n_kind, 0);
      break;
    case V_PER_CLIENT:
      st = put_ratio(e, d, p, u, a->spend, a->clients, a->clients);
      break;
    case V_PROV_ACTIVE:
      st = put_count(e, d, p, u, NULL, a->prov_active);
      break;
    case V_TOP10:
      st = put_ratio(e, d, p, u, a->prov_top10, a->spend, a->spend_n);
      break;
    default:
      st = ZT_ERR_INTERNAL;
    }
    if (st)
      return st;
  }
  return ZT_OK;
}

static zt_status at_peildatum(zt_emit *e, const zt_ind_def *d, size_t p,
                              size_t u, const zt_acc *a) {
  const zt_pslot *ps = e->pblock[p * e->nunits + u];
  zt_status st = put_count(e, d, p, u, NULL, a->atp);
  if (!st)
    st = per_kind(e, d, p, u, a->atp_kind, NULL, ZT_G_VERBLIJF);
  for (size_t k = 0; ps && k < e->nprov && !st; k++) {
    char bd[64];
    if (!ps[k].atp)
      continue;
    snprintf(bd, sizeof bd, "provider=%08u", (unsigned)e->pagb[k]);
    st = put_count(e, d, p, u, bd, ps[k].atp);
  }
  return st;
}

static zt_status fam_zothuis(zt_emit *e, const zt_ind_def *d) {
  zt_acc *a;
  zt_status st = ZT_OK;
  EACH_ROW(e, d, p, u, a) {
    switch (d->slot) {
    case Z_V:
      st = put_count(e, d, p, u, NULL, a->v_clients);
      break;
    case Z_V_KIND:
      st = per_kind(e, d, p, u, a->v_kind, NULL, ZT_G_VERBLIJF);
      break;
    case Z_SHARE_GV:
      st = put_ratio(e, d, p, u, a->v_gezinsvorm, a->v_clients, a->v_clients);
      break;
    case Z_SHARE_RES:
      st = put_ratio(e, d, p, u, a->v_residentieel, a->v_clients,
                     a->v_clients);
      break;
    case Z_RES_U12:
      st = put_count(e, d, p, u, NULL, a->res_u12);
      break;
    case Z_GGZ:
      st = put_count(e, d, p, u, NULL, a->ggz);
      break;
    case Z_GGZ_U12:
      st = put_count(e, d, p, u, NULL, a->ggz_u12);
      break;
    case Z_BW:
      st = put_count(e, d, p, u, NULL, a->bw);
      break;
    case Z_ATP:
      st = at_peildatum(e, d, p, u, a);
      break;
    case Z_PLACEMENTS:
      st = put_count(e, d, p, u, NULL, a->placements);
      break;
    case Z_PLACE_RES:
      st = put_ratio(e, d, p, u, a->placements_res, a->placements,
                     a->placements);
      break;
    default:
      st = ZT_ERR_INTERNAL;
    }
    if (st)
      return st;
  }
  return ZT_OK;
}

static zt_status provider_days(zt_emit *e, const zt_ind_def *d, size_t p,
                               size_t u, const zt_acc *a) {
  zt_status st = put_ratio(e, d, p, u, a->pd_days, a->pd_pairs, a->pd_eps);
  for (size_t t = 0; t < e->ntypes && !st; t++) {
    char bd[64];
    if (!a->pt_pairs[t])
      continue;
    snprintf(bd, sizeof bd, "provider_type=%s", e->types[t]);
    st = put(e, d, p, u, bd, a->pt_days[t], a->pt_pairs[t], a->pt_eps[t]);
  }
  return st;
}

/* episodes.clients: the total and the two distributions the report
 * charts (accum.h), every bucket written, zero included. */
static zt_status episode_distributions(zt_emit *e, const zt_ind_def *d,
                                       size_t p, size_t u, const zt_acc *a) {
  static const char *const dur[ZT_EP_DUR_BUCKETS] = {
      "duration=1-30",    "duration=31-90",   "duration=91-180",
      "duration=181-365", "duration=366-730", "duration=731+"};
  static const char *const prov[ZT_EP_PROV_BUCKETS] = {
      "providers=1", "providers=2", "providers=3", "providers=4",
      "providers=5+"};
  zt_status st = put_count(e, d, p, u, NULL, a->ep_n);
  for (int k = 0; k < ZT_EP_DUR_BUCKETS && !st; k++)
    st = put_count(e, d, p, u, dur[k], a->dur_bucket[k]);
  for (int k = 0; k < ZT_EP_PROV_BUCKETS && !st; k++)
    st = put_count(e, d, p, u, prov[k], a->prov_bucket[k]);
  return st;
}

static zt_status fam_episodes(zt_emit *e, const zt_ind_def *d) {
  zt_acc *a;
  zt_status st = ZT_OK;
  EACH_ROW(e, d, p, u, a) {
    switch (d->slot) {
    case E_CLIENTS: st = episode_distributions(e, d, p, u, a); break;
    case E_ENDED: st = put_count(e, d, p, u, NULL, a->ep_ended); break;
    case E_CONT: st = put_count(e, d, p, u, NULL, a->ep_cont); break;
    case E_LE12: st = put_count(e, d, p, u, NULL, a->ep_le12); break;
    case E_DUR: st = put_ratio(e, d, p, u, a->dur, a->ep_n, a->ep_n); break;
    case E_DUR_ENDED:
      st = put_ratio(e, d, p, u, a->dur_ended, a->ep_ended, a->ep_ended);
      break;
    case E_DUR_CONT:
      st = put_ratio(e, d, p, u, a->dur_cont, a->ep_cont, a->ep_cont);
      break;
    case E_SHORT: st = put_count(e, d, p, u, NULL, a->short_n); break;
    case E_SHORT_ENDED:
      st = put_count(e, d, p, u, NULL, a->short_ended);
      break;
    case E_SHORT_RUNNING:
      st = put_count(e, d, p, u, NULL, a->short_n - a->short_ended);
      break;
    case E_LONG: st = put_count(e, d, p, u, NULL, a->long_n); break;
    case E_TOP: st = put_count(e, d, p, u, NULL, a->top_n); break;
    case E_SHORT_DUR:
      st = put_ratio(e, d, p, u, a->short_dur, a->short_n, a->short_n);
      break;
    case E_LONG_DUR:
      st = put_ratio(e, d, p, u, a->long_dur, a->long_n, a->long_n);
      break;
    case E_TOP_DUR:
      st = put_ratio(e, d, p, u, a->top_dur, a->top_n, a->top_n);
      break;
    case E_TOP_COST:
      st = put_ratio(e, d, p, u, a->top_cost, a->top_n, a->top_n);
      break;
    case E_TOP_AGE:
      st = put_ratio(e, d, p, u, a->top_age, a->top_age_n, a->top_age_n);
      break;
    case E_SINGLE: st = put_count(e, d, p, u, NULL, a->single); break;
    case E_MULTI:
      st = put_ratio(e, d, p, u, a->multi_prov, a->multi_n, a->multi_n);
      break;
    case E_PDAYS: st = provider_days(e, d, p, u, a); break;
    case E_COST: st = put_ratio(e, d, p, u, a->cost, a->ep_n, a->ep_n); break;
    case E_COST_CONT:
      st = put_ratio(e, d, p, u, a->cost_cont, a->ep_cont, a->ep_cont);
      break;
    case E_HIST: st = put_ratio(e, d, p, u, a->hist, a->ep_n, a->ep_n); break;
    case E_HIST_CONT:
      st = put_ratio(e, d, p, u, a->hist_cont, a->ep_cont, a->ep_cont);
      break;
    case E_AMB: st = put_ratio(e, d, p, u, a->amb, a->ep_n, a->ep_n); break;
    case S_LONG:
      st = put_ratio(e, d, p, u, a->top_cost - a->top_amb, a->top_n,
                     a->top_n);
      break;
    case S_PLACE:
      st = put_ratio(e, d, p, u, a->hist - a->amb, a->ep_n, a->ep_n);
      break;
    default:
      st = ZT_ERR_INTERNAL;
    }
    if (st)
      return st;
  }
  return ZT_OK;
}

static zt_status fam_gi(zt_emit *e, const zt_ind_def *d) {
  zt_acc *a;
  EACH_ROW(e, d, p, u, a) {
    zt_status st = put_count(e, d, p, u, NULL, a->gi[d->slot]);
    if (st)
      return st;
  }
  return ZT_OK;
}

static zt_status fam_wpb(zt_emit *e, const zt_ind_def *d) {
  zt_acc *a;
  zt_status st = ZT_OK;
  EACH_ROW(e, d, p, u, a) {
    switch (d->slot) {
    case W_CLIENTS_DECL:
      st = put_count(e, d, p, u, NULL, a->decl_clients);
      break;
    case W_SPEND_DECL:
      st = put(e, d, p, u, NULL, a->decl_spend, 1, a->decl_spend_n);
      break;
    case W_CLIENTS_SHIFT:
      st = put(e, d, p, u, NULL, a->clients - a->decl_clients, 1, a->clients);
      break;
    case W_SPEND_SHIFT:
      st = put(e, d, p, u, NULL, a->spend - a->decl_spend, 1, a->spend_n);
      break;
    case W_CLIENTS_DECL_MULTI:
    case W_CLIENTS_MULTI:
    case W_CLIENTS_SHIFT_MULTI: {
      /* the region minus the sum of its municipalities with rows */
      int64_t decl = a->decl_clients, resp = a->clients, x;
      for (size_t m = 1; m < e->nunits; m++) {
        const zt_acc *b = zt_acc_at(e, p, m);
        if (!e->unit_rows[p * e->nunits + m])
          continue;
        decl -= b->decl_clients;
        resp -= b->clients;
      }
      x = d->slot == W_CLIENTS_DECL_MULTI ? decl
          : d->slot == W_CLIENTS_MULTI    ? resp
                                          : resp - decl;
      st = put(e, d, p, u, NULL, x, 1, x < 0 ? -x : x);
      break;
    }
    case W_CLIENTS_OUT:
      st = put(e, d, p, u, NULL, -a->out_clients, 1, a->out_clients);
      break;
    case W_CLIENTS_IN:
      st = put_count(e, d, p, u, NULL, a->in_clients);
      break;
    case W_SPEND_OUT:
      st = put(e, d, p, u, NULL, -a->out_spend, 1, a->out_spend_n);
      break;
    case W_SPEND_IN:
      st = put(e, d, p, u, NULL, a->in_spend, 1, a->in_spend_n);
      break;
    default:
      st = ZT_ERR_INTERNAL;
    }
    if (st)
      return st;
  }
  return ZT_OK;
}

static int64_t rejected_total(const zt_dq_input *dq) {
  int64_t n = 0;
  for (int r = 0; r < ZT_R_COUNT; r++)
    n += dq->rejected[r];
  return n;
}

static zt_status fam_dq(zt_emit *e, const zt_ind_def *d) {
  const zt_dq_input *dq = &e->in->dq;
  const zt_norm_stats *ns = &e->nr->stats;
  zt_acc *a;
  zt_status st = ZT_OK;
  EACH_ROW(e, d, p, u, a) {
    char bd[64];
    switch (d->slot) {
    case D_READ: st = put_count(e, d, p, u, NULL, dq->lines_read); break;
    case D_ACCEPTED:
      st = put_count(e, d, p, u, NULL,
                     dq->lines_accepted + dq->duplicates_skipped);
      break;
    case D_REJECTED:
      st = put_count(e, d, p, u, NULL, rejected_total(dq));
      for (int r = 1; r < ZT_R_COUNT && !st; r++) {
        if (!dq->rejected[r])
          continue;
        snprintf(bd, sizeof bd, "reason=%s", zt_reason_code((zt_reason)r));
        st = put_count(e, d, p, u, bd, dq->rejected[r]);
      }
      break;
    case D_DUPS:
      st = put_count(e, d, p, u, NULL, dq->duplicates_skipped);
      break;
    case D_CREDITS:
      st = put_count(e, d, p, u, NULL, dq->credits_applied);
      break;
    case D_WAITING:
      st = put_count(e, d, p, u, NULL, dq->credits_waiting);
      break;
    case D_FALLBACK:
      st = put_count(e, d, p, u, NULL, ns->fallback_clients);
      break;
    case D_OUTSIDE:
      st = put_count(e, d, p, u, NULL, a->outside);
      for (unsigned g = 0; g < 10000 && a->outside && !st; g++) {
        char code[5];
        uint64_t n;
        if (!zt_u64map_get(&e->outside, (uint64_t)p * 10000u + g, &n))
          continue;
        zt_gemeente_format((uint16_t)g, code);
        snprintf(bd, sizeof bd, "gemeente=%s", code);
        st = put_count(e, d, p, u, bd, (int64_t)n);
      }
      break;
    case D_NOCAT:
      st = put_count(e, d, p, u, NULL, ns->not_in_catalogue);
      break;
    case D_NOCAT_SPEND:
      st = put(e, d, p, u, NULL, ns->not_in_catalogue_cents, 1,
               ns->not_in_catalogue);
      break;
    case D_CATRES:
      st = put_count(e, d, p, u, NULL, ns->category_residentieel);
      break;
    case D_MONTH: st = put_count(e, d, p, u, NULL, ns->crosses_month); break;
    case D_BIRTH_PARTIAL:
      st = put_count(e, d, p, u, NULL, ns->birth_partial);
      break;
    case D_AGE_UNKNOWN:
      st = put_count(e, d, p, u, NULL, ns->age_unknown);
      break;
    case D_POP_MISSING: {
      int64_t missing = 0, pop;
      for (size_t m = 1; m < e->nunits; m++)
        if (e->unit_rows[p * e->nunits + m] && !zt_rate_population(e, p, m,
                                                                    &pop))
          missing++;
      st = put_count(e, d, p, u, NULL, missing);
      for (size_t m = 1; m < e->nunits && missing && !st; m++) {
        char code[5];
        if (!e->unit_rows[p * e->nunits + m] ||
            zt_rate_population(e, p, m, &pop))
          continue;
        zt_gemeente_format(e->unit_code[m], code);
        snprintf(bd, sizeof bd, "gemeente=%s", code);
        st = put_count(e, d, p, u, bd, 1);
      }
      break;
    }
    case D_ANS_LINES:
    case D_ANS_SPEND: {
      const zt_answer_stats *as = dq->answers;
      bool money = d->slot == D_ANS_SPEND;
      if (!as || !as->present)
        break;
      st = money ? put(e, d, p, u, NULL, as->cents_rejected, 1,
                       as->lines_rejected)
                 : put_count(e, d, p, u, NULL, as->lines_rejected);
      for (size_t i = 0; i < as->ncodes && !st; i++) {
        const zt_answer_code_stat *c = &as->codes[i];
        snprintf(bd, sizeof bd, "retourcode=%s", c->code);
        st = money ? put(e, d, p, u, bd, c->cents, 1, c->lines)
                   : put_count(e, d, p, u, bd, c->lines);
      }
      break;
    }
    case D_ANS_OPEN_LINES:
      if (dq->answers && dq->answers->present)
        st = put_count(e, d, p, u, NULL, dq->answers->lines_open);
      break;
    case D_ANS_OPEN_SPEND:
      if (dq->answers && dq->answers->present)
        st = put(e, d, p, u, NULL, dq->answers->cents_open, 1,
                 dq->answers->lines_open);
      break;
    case D_ANS_APPROVED:
      if (dq->answers && dq->answers->present)
        st = put(e, d, p, u, NULL, dq->answers->cents_approved, 1,
                 dq->answers->lines_approved);
      break;
    case D_ANS_UNMATCHED:
      if (dq->answers && dq->answers->present)
        st = put_count(e, d, p, u, NULL,
                       (int64_t)dq->answers->norphans);
      break;
    case D_DOUBLE_LINES:
    case D_DOUBLE_SPEND:
      break;    /* found after the pass: zt_dq_doubles_put */
    default:
      st = ZT_ERR_INTERNAL;
    }
    if (st)
      return st;
  }
  return ZT_OK;
}

zt_status zt_dq_doubles_put(zt_ind_table *t, const zt_period *period,
                            zt_day peildatum, const zt_double *d, size_t n) {
  const zt_ind_def *dl = zt_ind_lookup("dq.double_lines");
  const zt_ind_def *ds = zt_ind_lookup("dq.double_spend");
  int64_t *lines = calloc(2 * 10000, sizeof *lines), *cents;
  int64_t all_lines = 0, all_cents = 0;
  zt_ind_value v;
  zt_status st = ZT_OK;
  if (!lines)
    return ZT_ERR_NOMEM;
  cents = lines + 10000;
  for (size_t i = 0; i < n; i++) {
    unsigned g = d[i].gem_resp < 10000 ? d[i].gem_resp : 0;
    lines[g]++;
    cents[g] += d[i].amount;
    all_lines++;
    all_cents += d[i].amount;
  }
  memset(&v, 0, sizeof v);
  zt_period_name(period, v.period);
  v.peildatum = peildatum != ZT_DAY_NONE ? peildatum : period->end;
  v.gemeente = ZT_GEMEENTE_REGIO;
  v.den = 1;
  for (unsigned g = 0; g < 10000 && !st; g++) {
    char code[5];
    if (g == 0) {
      v.breakdown[0] = '\0';
    } else if (!lines[g]) {
      continue;
    } else {
      zt_gemeente_format((uint16_t)g, code);
      snprintf(v.breakdown, sizeof v.breakdown, "gemeente=%s", code);
    }
    zt_strlcpy(v.indicator, dl->id, sizeof v.indicator);
    v.unit = dl->unit;
    v.num = v.n = g ? lines[g] : all_lines;
    display_def(&v, dl, v.display);
    if ((st = zt_ind_table_put(t, &v)))
      break;
    zt_strlcpy(v.indicator, ds->id, sizeof v.indicator);
    v.unit = ds->unit;
    v.num = g ? cents[g] : all_cents;
    display_def(&v, ds, v.display);
    st = zt_ind_table_put(t, &v);
  }
  free(lines);
  if (!st)
    zt_ind_table_sort(t);
  return st;
}

/* count x 1000 / population (money: cents / population), exact; left
 * out without a population for the unit and P's year. */
static zt_status fam_rate(zt_emit *e, const zt_ind_def *d) {
  zt_acc *a;
  zt_status st = ZT_OK;
  EACH_ROW(e, d, p, u, a) {
    int64_t pop;
    if (!zt_rate_population(e, p, u, &pop))
      continue;
    switch (d->slot) {
    case R_CLIENTS:
      st = put(e, d, p, u, NULL, a->clients * 1000, pop, pop);
      break;
    case R_VERBLIJF:
      st = put(e, d, p, u, NULL, a->v_clients * 1000, pop, pop);
      break;
    case R_RES:
      st = put(e, d, p, u, NULL, a->v_residentieel * 1000, pop, pop);
      break;
    case R_KIND:
      for (int k = 0; k < ZT_K_COUNT && !st; k++) {
        char bd[64];
        snprintf(bd, sizeof bd, "kind=%s", zt_kind_id((zt_care_kind)k));
        st = put(e, d, p, u, bd, a->clients_kind[k] * 1000, pop, pop);
      }
      break;
    case R_SPEND:
      st = put(e, d, p, u, NULL, a->spend, pop, pop);
      break;
    default:
      st = ZT_ERR_INTERNAL;
    }
    if (st)
      return st;
  }
  return ZT_OK;
}

/* ---- for the families in their own files (metrics/accum.h) ------------ */

zt_status zt_ind_put(zt_emit *e, const zt_ind_def *d, size_t p, size_t u,
                     const char *breakdown, int64_t num, int64_t den,
                     int64_t n) {
  return put(e, d, p, u, breakdown, num, den, n);
}

bool zt_ind_want(const zt_emit *e, const zt_ind_def *d, size_t p, size_t u) {
  return want(e, d, p, u);
}

/* The completeness rows (metrics/completeness.c): the triangles give the
 * share of P's final value known now; the estimates scale the period's
 * own spend.total and clients.total by it, so that they add to what the
 * report shows. */
static int64_t scaled(int64_t v, int64_t by, int64_t of) {
  return of > 0 ? llround((double)v * (double)by / (double)of) : v;
}

static zt_status fam_compl(zt_emit *e, const zt_ind_def *d) {
  const zt_completeness *c = e->in->completeness;
  zt_acc *a;
  zt_status st = ZT_OK;
  if (!c || !c->units)
    return ZT_OK;
  EACH_ROW(e, d, p, u, a) {
    const zt_compl_unit *cu = zt_compl_unit_of(c, e->unit_code[u]);
    int which = d->slot == K_SPEND_SHARE || d->slot == K_SPEND ||
                        d->slot == K_SPEND_LOW || d->slot == K_SPEND_HIGH
                    ? ZT_COMPL_SPEND
                    : ZT_COMPL_CLIENTS;
    zt_compl_est x;
    int64_t base = which == ZT_COMPL_SPEND ? a->spend : a->clients;
    int64_t n = which == ZT_COMPL_SPEND ? a->spend_n : a->clients;
    if (d->slot == K_ARR_SPEND || d->slot == K_ARR_CLIENTS) {
      int w = d->slot == K_ARR_SPEND ? ZT_COMPL_SPEND : ZT_COMPL_CLIENTS;
      int last = zt_compl_month(e->periods[p].end);
      /* only for a period that is not final yet */
      if (!cu || !cu->usable ||
          c->now_month - last >= c->cfg.max_delay ||
          zt_compl_month(e->periods[p].begin) > c->now_month)
        continue;
      for (int k = 0; k <= c->cfg.max_delay && !st; k++) {
        char bd[32];
        snprintf(bd, sizeof bd, "delay=%d", k);
        st = put(e, d, p, u, bd,
                 llround(1e6 * zt_compl_curve(c, cu, w, k)), 1000000, n);
      }
      if (st)
        return st;
      continue;
    }
    if (!zt_compl_estimate(c, cu, which,
                           zt_compl_month(e->periods[p].begin),
                           zt_compl_month(e->periods[p].end), &x) ||
        x.observed <= 0 || x.final <= 0)
      continue;
    switch (d->slot) {
    case K_SPEND_SHARE:
    case K_CLIENTS_SHARE:
      st = put(e, d, p, u, NULL, x.observed, x.final, n);
      break;
    case K_SPEND:
    case K_CLIENTS:
      st = put(e, d, p, u, NULL, scaled(base, x.final, x.observed), 1, n);
      break;
    case K_SPEND_LOW:
    case K_CLIENTS_LOW:
      st = put(e, d, p, u, NULL, scaled(base, x.low, x.observed), 1, n);
      break;
    case K_SPEND_HIGH:
    case K_CLIENTS_HIGH:
      st = put(e, d, p, u, NULL, scaled(base, x.high, x.observed), 1, n);
      break;
    default:
      st = ZT_ERR_INTERNAL;
    }
    if (st)
      return st;
  }
  return ZT_OK;
}

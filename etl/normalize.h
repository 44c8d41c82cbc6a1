/*
 * etl/normalize.h -- stored declaration lines to care periods
 * (docs/rules.md §1-§6): credit netting, care kinds, municipal mergers, the
 * woonplaatsbeginsel and birth dates.
 *
 * The inputs are plain arrays the store fills (dense client indexes, no
 * pseudonym lookups on the hot path); the output is one array of care
 * periods sorted by (client, begin) with an index of where each client's
 * periods start, which is what metrics/ reads. Deterministic: the same
 * inputs and configuration give the same bytes, whatever the order of the
 * input lines.
 */
#ifndef ZT_NORMALIZE_H
#define ZT_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "etl/record.h"
#include "etl/refdata.h"
#include "etl/careperiod.h"

/* One live stored declaration line (a debit). Waiting credits are not in
 * the array; an applied credit is already netted into `amount`. 40 bytes.
 * Any order works; lines grouped by client (e.g. ORDER BY client) make
 * normalization several times faster (no cache misses when placing). */
typedef struct zt_nline {
  int64_t amount;           /* net cents: the debit minus any credit */
  uint32_t client;          /* dense client index 0..nclients-1 */
  uint32_t agb;             /* provider */
  zt_day begin, end;        /* ProductPeriode */
  uint16_t gemeente;        /* municipality that received the declaration */
  uint8_t category;         /* product category */
  uint8_t unit;             /* iJw Eenheid */
  char code[ZT_CODE_MAX + 1]; /* product code, "" when absent */
  bool credited;            /* a credit was applied to this debit */
  zt_day arrived;           /* its file's delivered_day (arrival) */
} zt_nline;

/* One registered-address period (BRP); gemeente 0 = unknown / abroad /
 * not registered; end ZT_DAY_NONE = current. */
typedef struct zt_nresidence {
  uint32_t client;
  uint16_t gemeente;
  zt_day begin, end;
} zt_nresidence;

/* One client. birth_precision: 0 exact, 1 day unknown (the 1st of the
 * month is used), 2 day and month unknown (1 January), 3 unknown. */
typedef struct zt_nclient {
  zt_day birth;             /* ZT_DAY_NONE = unknown */
  int birth_precision;
  char pseudonym[27];       /* for tie-breaks ("ties by pseudonym") */
} zt_nclient;

typedef enum zt_wpb_mode {
  ZT_WPB_DECLARED,          /* the municipality that received it */
  ZT_WPB_LEGAL,             /* before 2022 declared, then the new rule */
  ZT_WPB_RESTATED           /* the new rule for every period (default) */
} zt_wpb_mode;

/* Region membership of one municipality code, from..to inclusive;
 * ZT_DAY_NONE for an open end. A code may appear more than once. */
typedef struct zt_member {
  uint16_t gemeente;
  zt_day from, to;
} zt_member;

typedef struct zt_norm_config {
  zt_wpb_mode woonplaatsbeginsel;
  bool boundaries_historic;   /* false = current boundaries */
  zt_day boundary_day;        /* current boundaries: codes are mapped to
                                 the code valid on this day (the report's
                                 peildatum); ZT_DAY_NONE lets
                                 zt_metrics_compute pick the latest
                                 peildatum it is asked for */
  int verblijf_gap_days;      /* default 0 */
  uint32_t episode_kinds;     /* kind mask (bit 1 << zt_care_kind);
                                 default: group instelling */
  int episode_gap_days;       /* default 7 */
  int top_n;                  /* default 25 */
  const zt_member *members;   /* the region */
  size_t nmembers;
} zt_norm_config;

/* The defaults of docs/configuration.md: restated, current boundaries, gaps 0
 * and 7, episode kinds = group instelling, top 25, no members. */
void zt_norm_config_default(zt_norm_config *c);

/* Kind mask (1 << kind for each kind) of the kinds in any of `groups`. */
uint32_t zt_kind_mask_groups(unsigned groups);

/* Parse "instelling", "residentieel,gesloten" or a mix of group names and
 * kind ids (comma separated, blanks allowed) into a kind mask. */
zt_status zt_kind_mask_parse(const char *s, uint32_t *mask, zt_err *err);

/* Parse a membership list: "0376,1942,0457@..2022-03-23,0999@2020-01-01.."
 * (code, optionally '@' from '..' to, dates ISO, either side may be
 * empty). Allocates *out (free()). */
zt_status zt_members_parse(const char *s, zt_member **out, size_t *n,
                           zt_err *err);

/* Is `code` a member on day `d`? */
bool zt_member_on(const zt_member *m, size_t n, uint16_t code, zt_day d);

typedef struct zt_norm_input {
  const zt_nline *lines;
  size_t nlines;
  const zt_nresidence *residences;  /* any order */
  size_t nresidences;
  const zt_nclient *clients;
  size_t nclients;
  const zt_productcode *products;   /* the region's catalogue */
  size_t nproducts;
  const zt_refdata *refdata;
  const zt_norm_config *config;
} zt_norm_input;

/* What normalization counted for the data-quality notes. */
typedef struct zt_norm_stats {
  int64_t lines;                 /* lines seen */
  int64_t fully_credited;        /* lines that yielded no care period */
  int64_t periods;               /* care periods made */
  int64_t not_in_catalogue;      /* product code not in the catalogue */
  int64_t not_in_catalogue_cents;
  int64_t category_residentieel; /* 43/44 lines that fell back */
  int64_t crosses_month;         /* begin and end in different months */
  int64_t fallback_periods;      /* care periods with ZT_CP_FALLBACK */
  int64_t fallback_clients;      /* clients with at least one */
  int64_t birth_partial;         /* clients with care, birth partly known */
  int64_t age_unknown;           /* clients with care, birth unknown */
} zt_norm_stats;

/* A candidate for a double declaration (docs/rules.md §8): a counted
 * line alike to another line of the same client in provider, product
 * category, product code, product period, unit and net amount. The
 * volume and the references are not in the lines; etl/double.c reads
 * them from the store and decides. */
typedef struct zt_norm_twin {
  uint32_t line;            /* index into zt_norm_input.lines */
  uint32_t group;           /* the candidates of one group share it */
  uint16_t gem_resp;        /* the care period's responsible municipality */
} zt_norm_twin;

typedef struct zt_norm_result {
  zt_careperiod *cps;       /* sorted by zt_careperiod_cmp */
  size_t ncps;
  size_t *start;            /* client c: cps[start[c] .. start[c+1]) */
  zt_day *birth;            /* per client, completed (1st of month /
                               1 January); ZT_DAY_NONE unknown */
  size_t nclients;
  zt_norm_stats stats;
  zt_norm_twin *twins;      /* candidates for double declarations, in
                               client order (zt_normalize only) */
  size_t ntwins, twincap;
  uint32_t twin_groups;     /* groups numbered 0 .. twin_groups - 1 */
} zt_norm_result;

/* Normalize `in` into `out` (which the caller frees with
 * zt_norm_result_free, also after a failure). ZT_ERR_INPUT for a line or
 * residence whose client index is out of range or whose dates are
 * reversed (message names the array and position), ZT_ERR_USAGE for a
 * bad configuration, ZT_ERR_NOMEM. */
zt_status zt_normalize(const zt_norm_input *in, zt_norm_result *out,
                       zt_err *err);

/* Wrap care periods made elsewhere (tests, or periods reloaded from the
 * store) as a result: copies and sorts `cps`, indexes the clients and
 * completes birth dates from `clients`. */
zt_status zt_norm_result_build(zt_norm_result *out, const zt_careperiod *cps,
                               size_t ncps, const zt_nclient *clients,
                               size_t nclients, zt_err *err);

void zt_norm_result_free(zt_norm_result *r);

/* The birth date to use for ages (docs/rules.md §6), ZT_DAY_NONE when
 * unknown. */
zt_day zt_birth_effective(const zt_nclient *c);

#endif

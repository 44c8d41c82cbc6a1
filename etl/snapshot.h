/*
 * etl/snapshot.h -- read what normalization and the report need from the
 * store, in one read transaction: live declaration lines with their
 * credits netted, residence periods, clients, the product catalogue, the
 * providers, the data-quality counts and the list of sources.
 *
 * This is the only place where metrics/ and render/ get store data; they
 * never query the store themselves. Lines are read in store order (no SQL
 * sort); normalization orders them itself.
 */
#ifndef ZT_SNAPSHOT_H
#define ZT_SNAPSHOT_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "etl/flow.h"
#include "etl/answer.h"
#include "etl/normalize.h"
#include "etl/reasons.h"
#include "etl/record.h"
#include "etl/store.h"

/* One group of source files for the Verantwoording. */
typedef struct zt_source_group {
  char kind[16];          /* declaraties, toewijzingen, ... */
  char format[16];        /* csv, jw323, ... */
  long files;
  long files_rejected;    /* rejected whole */
  long lines_read, accepted, rejected, duplicates;
  zt_day first, last;     /* ingest dates */
} zt_source_group;

/* One applied credit: netted into lines[line]; `amount` is the credited
 * amount (positive), `arrived` its file's delivered_day. */
typedef struct zt_credit_event {
  uint32_t line;
  zt_day arrived;
  int64_t amount;
} zt_credit_event;

/* A line that was spending until an answer (JW325) rejected it: left out
 * of `lines`, kept for the completeness triangles, where it arrived with
 * its file and left on the answer's delivery day. `amount` is signed: a
 * rejected debit +, a rejected credit - (a credit that was netted until
 * its answer came). */
typedef struct zt_reject_event {
  int64_t amount;
  zt_day begin;              /* the line's begin day (its care month) */
  zt_day arrived;            /* its file's delivery day */
  zt_day rejected;           /* the answer's delivery day */
  uint16_t gemeente;         /* the municipality it was declared to */
} zt_reject_event;

typedef struct zt_snapshot {
  zt_nline *lines;
  size_t nlines;
  int64_t *ids;                /* the declaration id of each line */
  zt_nresidence *residences;
  size_t nresidences;
  zt_nclient *clients;
  size_t nclients;
  zt_productcode *products;
  size_t nproducts;
  zt_provider *providers;
  size_t nproviders;
  zt_population *population;   /* bevolking, any order */
  size_t npopulation;
  zt_benchmark *benchmarks;    /* by indicator, area, period */
  size_t nbenchmarks;
  /* ingest counts, reconciled: read = accepted + duplicates + rejected */
  int64_t lines_read, lines_accepted, duplicates;
  int64_t rejected[ZT_R_COUNT];       /* per reason (line reasons) */
  int64_t files_rejected[ZT_R_COUNT]; /* per reason (whole files) */
  int64_t credits_applied, credits_waiting, credits_waiting_cents;
  zt_source_group *sources;
  size_t nsources;
  zt_day first_day, last_day; /* span of the declaration lines */
  zt_flow_data flow;          /* requests, starts, stops (etl/flow.h) */
  /* arrival (issue 16, docs/completeness.md) */
  zt_credit_event *credits;    /* the credits netted into `lines` */
  size_t ncredits;
  zt_day as_of;                /* ZT_DAY_NONE: everything stored */
  zt_day latest_arrival;       /* the latest arrival of a loaded line or
                                  credit; ZT_DAY_NONE when none */
  /* declaration answers (JW325): with any answer stored, the lines they
   * rejected are left out of `lines` (and rejected credits are not
   * netted); answers.present is false otherwise, and nothing changes */
  zt_answer_stats answers;
  zt_reject_event *rejections; /* the lines and credits answers rejected */
  size_t nrejections;
} zt_snapshot;

zt_status zt_snapshot_load(zt_store *store, zt_snapshot *out, zt_err *err);
/* The same "as known on" `as_of` (ZT_DAY_NONE: everything): only lines
 * and credits whose file was delivered on or before `as_of` are read
 * (ingest_file.delivered_day), so a credit that arrived later is not
 * netted; the ingest counts and sources count only those files. */
zt_status zt_snapshot_load_as_of(zt_store *store, zt_day as_of,
                                 zt_snapshot *out, zt_err *err);
/* A store of at least `min_ids` declaration ids (default 65,536) is
 * read with two connections, the upper half of the lines on a thread of
 * its own; the result is the same as with one. Tests set it low to
 * cover both ways. */
void zt_snapshot_split_min(size_t min_ids);
/* Free only the declaration lines (normalization is done with them). */
void zt_snapshot_free_lines(zt_snapshot *sn);
void zt_snapshot_free(zt_snapshot *sn);

#endif

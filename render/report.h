/*
 * render/report.h -- the report renderer's entry point and its input.
 *
 * The lead fills a zt_report_input from the store and the metrics (the
 * indicator table with display strings, the region, the period, measures,
 * budget, sources, settings, targets) and calls zt_report_render with a
 * template (templates/halfjaar.xml or templates/jaar.xml). The renderer
 * reads the template into a document model, reports template errors with
 * file and line before anything is drawn, and writes the outputs asked
 * for (render/output.h) atomically into out_dir.
 */
#ifndef ZT_REPORT_H
#define ZT_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "etl/double.h"       /* zt_double */
#include "etl/narrative.h"    /* zt_narrative */
#include "etl/normalize.h"    /* zt_member, zt_gemeente */
#include "etl/record.h"       /* zt_provider, zt_benchmark */
#include "etl/store.h"        /* zt_delivery */
#include "metrics/period.h"
#include "metrics/suppress.h"  /* zt_supp_mode */
#include "metrics/table.h"
#include "metrics/target.h"   /* zt_target_op */

/* One measure (maatregel) of the region's programme (maatregelen.csv,
 * docs/inputs.md "Steering files").
 * van/tot are quarters, "2022-Q1". Money in cents. */
typedef struct zt_measure {
  char id[16];
  char actielijn[96];
  char maatregel[160];
  char wat[400];
  char van[8];
  char tot[8];
  char door_wie[96];
  char status[16];      /* gepland, lopend, gereed, vertraagd, gestopt */
  int64_t budget_extra; /* cents */
  int64_t besteed;      /* cents */
  char dekking[96];
  char toelichting[400];
} zt_measure;

/* One row of the budget table: spending and funding of an action line in
 * a year (cents). */
typedef struct zt_budget_row {
  char actielijn[96];
  int jaar;
  int64_t uitgaven;
  int64_t middelen;
} zt_budget_row;

/* One ingested source file, for the Verantwoording. */
typedef struct zt_source_file {
  char name[128];
  char kind[16];        /* declaraties, toewijzingen, ... */
  zt_day ingested;
  long lines_read, accepted, rejected, duplicates;
} zt_source_file;

/* One target (targets.csv): metrics/target.h's zt_target. The value is
 * in display units: percentage points for a share (65 means 65%), euros
 * for money, else the count or days. */
typedef zt_target zt_report_target;

typedef struct zt_report_input {
  const zt_ind_table *ind;          /* every value, display strings set */
  const char *region_name;
  const uint16_t *gemeenten;        /* member municipalities, in order */
  const char *const *gemeente_names;
  size_t ngemeenten;
  zt_period period;                 /* the report's period */
  zt_day peildatum;
  const zt_period *trend;           /* periods with data, oldest first */
  size_t ntrend;
  const zt_report_target *targets;
  size_t ntargets;
  const zt_measure *measures;
  size_t nmeasures;
  const zt_budget_row *budget;
  size_t nbudget;
  const zt_source_file *sources;
  size_t nsources;
  const char *const *settings;      /* "key = value" lines */
  size_t nsettings;
  const char *suppression_rule;     /* the sentence the report prints */
  bool not_for_publication;         /* suppression = none */
  zt_supp_mode suppression;         /* what a publication may carry of a
                                       value (the XLSX indicator sheet) */
  zt_day report_date;
  int64_t generated_at;             /* seconds since 1970 UTC: the PDF's
                                       dates and the Verantwoording's run
                                       time; see zt_report_epoch() */
  const char *version;              /* "0.1.0" */
  const zt_provider *providers;     /* names for provider= breakdowns */
  size_t nproviders;
  zt_period cohort;                 /* the episode cohort (period ref
                                       "cohort"); year 0: the report's
                                       own period */
  zt_day cohort_peildatum;          /* where its episodes.* rows are
                                       measured: the report's peildatum */
  /* the summary's message and the cover (docs/report.md, "Cover and
   * summary") */
  const zt_narrative *narrative;    /* the steering text of the period,
                                       NULL when there is none */
  const char *narrative_file;       /* the file looked for (its name is
                                       printed when it is missing), or
                                       NULL when none is configured */
  bool definitief;                  /* status "definitief"; only with a
                                       steering text (the caller falls
                                       back to concept) */
  zt_day latest_delivery;           /* the latest delivery in the store,
                                       ZT_DAY_NONE when unknown */
  /* The Verantwoording: the configured member list (with its dates),
   * the national municipality table (names, mergers), and the deliveries
   * (zt_store_deliveries). */
  const zt_member *members;
  size_t nmembers;
  const zt_gemeente *gemeente_table;
  size_t ngemeente_table;
  const zt_delivery *deliveries;
  size_t ndeliveries;
  /* Figures published elsewhere (ingest kind `benchmark`), for the
   * comparison with Nederland; none: the comparison is left out. */
  const zt_benchmark *benchmarks;
  size_t nbenchmarks;
  /* Possible double declarations (etl/double.h) of the report's period:
   * a line alike to an earlier one under another reference; none: no
   * bullet in Opvallend and no table in the Bronnen. */
  const zt_double *doubles;
  size_t ndoubles;
} zt_report_input;

/* Render the report described by the template at `template_path` for
 * `in` into out_dir (created when missing): each output of the writer
 * table (render/output.h) written from the document whose bit is in
 * `formats` (rapport.pdf, rapport.html, rapport.xlsx), each written to a
 * temporary file and renamed into place only when complete. Template
 * errors come back as ZT_ERR_INPUT with "file:line: what was expected"
 * before any output is touched; output failures as ZT_ERR_OUTPUT (the
 * previous files stay). */
zt_status zt_report_render(const zt_report_input *in,
                           const char *template_path, const char *out_dir,
                           unsigned formats, zt_err *err);

/* Release the process-wide caches of pango, cairo and fontconfig (font
 * maps, patterns). Call once before exit, after the last render, so that
 * leak checkers (ASan, valgrind) see a clean process; rendering again
 * afterwards is not supported. */
void zt_report_cleanup(void);

/* The time a reproducible run should print: SOURCE_DATE_EPOCH when set
 * (and valid), else the current time. */
int64_t zt_report_epoch(void);

#endif

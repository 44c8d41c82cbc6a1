/*
 * cli/reporting.h -- write a period's outputs into out/<region>/<period>/
 * (shared by report, run and demo).
 */
#ifndef ZT_REPORTING_H
#define ZT_REPORTING_H

#include "cli/compute.h"
#include "cli/config.h"
#include "etl/refdata.h"
#include "etl/store.h"
#include "metrics/period.h"
#include "render/output.h"
#include "render/report.h"

/* The template to use: `given`, else [report] template, else the shipped
 * halfjaar.xml (half-years) or jaar.xml (years). Caller frees. */
char *zt_template_for(const zt_config *cfg, const zt_period *p,
                      const char *given);

/* Everything one report needs, computed once: the indicator table (with
 * the trend periods when rendering), the steering tables and the
 * renderer's input pointing into them. */
typedef struct zt_report_prep {
  zt_computed comp;
  zt_report_input in;          /* filled when prepared for rendering */
  char *template_path;
  zt_target *targets;
  zt_measure *measures;
  zt_budget_row *budget;
  zt_source_file *sources;
  zt_delivery *deliveries;
  uint16_t *codes;
  const char **names;
  char **settings;
  char *rule;
  zt_narrative *narrative;     /* the period's steering text, or NULL */
  char *narrative_file;
} zt_report_prep;

/* Compute period `p` (peildatum `peil` or ZT_DAY_NONE) and load the
 * targets, measures and budget; with `render`, also the trend and the
 * renderer's input (rp->in, rp->template_path: `template_path`, else as
 * zt_template_for). Free with zt_report_prep_free, also after a failure. */
zt_status zt_report_prepare(const zt_config *cfg, const zt_refdata *rd,
                            zt_store *store, const zt_period *p,
                            zt_day peil, const char *template_path,
                            bool render, zt_report_prep *rp, zt_err *err);
void zt_report_prep_free(zt_report_prep *rp);

/* The subfolder of a report folder for files not for publication. */
#define ZT_INTERN_DIR "intern"

/* Compute and write everything for period `p` (peildatum `peil` or
 * ZT_DAY_NONE); *out_dir gets the folder written (caller frees). The
 * folder gets what may be published as it stands (the report, the
 * public indicator table, the targets); intern/ (mode 0700, files 0600)
 * the raw indicator table and rejects.csv (every rejected line in the
 * store, always written). The set is written into a temporary folder
 * and swapped in whole for the old one; a region or period folder that
 * is a symbolic link is refused. Temporary files and folders that
 * interrupted runs left are removed first: those of this user last
 * changed before `stale_before_ns` (zt_remove_stale_tmp: when the caller
 * holds the store lock exclusively, the moment it took it; else an hour
 * ago, since another `report` may be writing beside it). */
zt_status zt_write_period(const zt_config *cfg, const zt_refdata *rd,
                          zt_store *store, const zt_period *p, zt_day peil,
                          const char *template_path,
                          unsigned formats /* render/output.h */,
                          int64_t stale_before_ns, char **out_dir,
                          zt_err *err);
/* A period folder (zt_out_dir) may be written: neither it nor its region
 * folder is a symbolic link; the region folder is created. */
zt_status zt_out_dir_check(const char *dir, zt_err *err);

/* What writing the reports of `periods` (n of them) with `formats` and
 * `template_path` (NULL: the configured or shipped template) would find
 * wrong, found before anything is read, locked or written: a report
 * folder that holds or lies inside a folder of deliveries or holds
 * zothuis's own files (ZT_ERR_USAGE), a region or period folder that is
 * a symbolic link or a file where a folder should be (ZT_ERR_OUTPUT, as
 * when writing), a template or steering text that does not load, an
 * [analysis] episode_kinds or population_band that does not parse
 * (ZT_ERR_USAGE). Creates nothing. */
zt_status zt_report_preflight(const zt_config *cfg, const zt_period *periods,
                              size_t n, const char *template_path,
                              unsigned formats, zt_err *err);

#endif

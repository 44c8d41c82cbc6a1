/*
 * cli/steering.h -- load the region's targets, measures and budget files
 * (docs/inputs.md "Steering files") into the types the metrics and the
 * report use.
 */
#ifndef ZT_CLI_STEERING_H
#define ZT_CLI_STEERING_H

#include <stddef.h>

#include "core/err.h"
#include "metrics/target.h"
#include "render/report.h"

/* Each reads `path` (NULL: nothing, zero rows) and allocates the array;
 * free() it. Errors name the file, line and column. */
zt_status zt_load_targets(const char *path, zt_target **out, size_t *n,
                          zt_err *err);
zt_status zt_load_measures(const char *path, zt_measure **out, size_t *n,
                           zt_err *err);
zt_status zt_load_budget(const char *path, zt_budget_row **out, size_t *n,
                         zt_err *err);

/* Read the three configured steering files ([input] targets, measures,
 * budget) and forget them: `run` checks them before it reads the inbox,
 * so that a mistake in one stops the run before anything is stored or
 * archived, not after. `cfg` is a zt_config (cli/config.h). */
struct zt_config;
zt_status zt_steering_check(const struct zt_config *cfg, zt_err *err);

#endif

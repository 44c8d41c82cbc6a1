/*
 * cli/options.h -- parse a command's options with GOptionContext, with
 * the exit codes in its --help text.
 */
#ifndef ZT_OPTIONS_H
#define ZT_OPTIONS_H

#include <glib.h>
#include <stdbool.h>

/* Parse argv (argv[0] is the command name) against `entries`. Returns
 * true on success; on a usage error prints it and returns false.
 * `params` is the positional synopsis ("PATH..."), `summary` the
 * one-line description. */
bool zt_parse_options(int *argc, char ***argv, const char *params,
                      const char *summary, const GOptionEntry *entries);

#endif

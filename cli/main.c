/*
 * cli/main.c -- the zothuis program: global options, then one command.
 *
 *   zothuis [--config FILE] [--store FILE] [--key-file FILE] [--quiet]
 *           [--verbose] [--set SECTION.KEY=VALUE]... COMMAND [ARGS]
 */
#include <locale.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/log.h"
#include "etl/pseudo.h"
#include "zt_build.h"

const zt_command zt_commands[] = {
    {"init", "", "create or upgrade the store (and the key file if absent)",
     zt_cmd_init},
    {"ingest", "[--kind KIND] PATH...", "read, validate and store input files",
     zt_cmd_ingest},
    {"check", "PATH...", "validate only; print the reject summary",
     zt_cmd_check},
    {"export", "--period P [--peildatum D] [--format csv|json] [--out FILE|-]",
     "write the indicator table", zt_cmd_export},
    {"report", "--period P [--peildatum D] [--format pdf,html,xlsx,csv,json]",
     "write the progress report", zt_cmd_report},
    {"run", "", "cron: ingest the inbox, archive it, write the reports",
     zt_cmd_run},
    {"demo", "[--out DIR] [--seed N]",
     "generate a synthetic region, ingest it, write its report", zt_cmd_demo},
    {"backtest", "[--delays 1,3,6] [--out FILE] [--detail FILE]",
     "test the completeness estimate on the region's history",
     zt_cmd_backtest},
    {NULL, NULL, NULL, NULL},
};

/* Commands kept out of --help and the man page: tools for the build and
 * the tests. */
static const zt_command hidden[] = {
    {"man", "", "print the man page (roff)", zt_cmd_man},
    {"indicators", "[--markdown] [--kinds]",
     "print the indicator catalogue (docs/indicators.md)", zt_cmd_indicators},
    {"pdfcheck", "FILE...", "check a PDF's accessibility (tests)",
     zt_cmd_pdfcheck},
    {NULL, NULL, NULL, NULL},
};

/* For LeakSanitizer builds: fontconfig keeps its parsed configuration for
 * the life of the process (pango owns it, and freeing it races with
 * pango's font thread). Not our leak; unused in other builds. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void) {
  return "leak:libfontconfig.so\n";
}

static void usage(FILE *fp) {
  fprintf(fp,
          "Usage: zothuis [GLOBAL OPTIONS] COMMAND [ARGS]\n\n"
          "Youth-care declarations in, regional progress reports out.\n\n"
          "Global options:\n"
          "  --config FILE        region configuration (default ./zothuis.ini "
          "if present)\n"
          "  --store FILE         the SQLite store (overrides [store] path)\n"
          "  --key-file FILE      the pseudonym key (overrides [store] "
          "key_file)\n"
          "  --set SECTION.KEY=V  override any configuration key "
          "(repeatable)\n"
          "  --quiet              only warnings and errors\n"
          "  --verbose            also debug lines\n"
          "  --version            print the version\n"
          "  --help               this text; COMMAND --help for a command\n\n"
          "Commands:\n");
  for (const zt_command *c = zt_commands; c->name; c++)
    fprintf(fp, "  %-8s %s\n", c->name, c->summary);
  fprintf(fp, "\n%s", zt_exit_codes_help);
}

/* Take the value of a global option given as "--opt V" or "--opt=V". */
static const char *opt_value(int argc, char **argv, int *i, const char *name) {
  size_t n = strlen(name);
  if (strncmp(argv[*i], name, n) != 0)
    return NULL;
  if (argv[*i][n] == '=')
    return argv[*i] + n + 1;
  if (argv[*i][n] == '\0' && *i + 1 < argc)
    return argv[++*i];
  return NULL;
}

/* Every log line passes this: a BSN-like number a message quotes (in a
 * file name, say) is masked (etl/pseudo.h). */
static void mask_log(const char *in, size_t n, char *out, size_t outsz) {
  zt_mask_line(in, n, NULL, 0, out, outsz);
}

int main(int argc, char **argv) {
  zt_globals g;
  const char **sets = calloc((size_t)argc + 1, sizeof *sets);
  int i, rc;
  zt_err err;

  /* cairo's PDF writer needs "C" numbers (docs/report.md, "The PDF");
   * Dutch formats come from render/format_nl.c, never from the locale. */
  setlocale(LC_ALL, "C");
  /* A file-size limit (ulimit -f) must give a write error, which the
   * atomic output turns into exit code 4, not kill the process. */
  signal(SIGXFSZ, SIG_IGN);
#ifdef __GLIBC__
  /* Ingest opens thousands of small files, each with buffers of a few
   * hundred KiB: keep those in the heap for reuse instead of an mmap and
   * munmap per file (which costs more than reading the file). */
  mallopt(M_MMAP_THRESHOLD, 8 << 20);
  mallopt(M_TRIM_THRESHOLD, 32 << 20);
#endif
  if (!sets) {
    fputs("zothuis: out of memory\n", stderr);
    return ZT_EXIT_INTERNAL;
  }
  memset(&g, 0, sizeof g);
  g.sets = sets;
  for (i = 1; i < argc && argv[i][0] == '-'; i++) {
    const char *v;
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      usage(stdout);
      free(sets);
      return 0;
    } else if (strcmp(argv[i], "--version") == 0) {
      printf("zothuis %s\n", ZT_VERSION);
      free(sets);
      return 0;
    } else if (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0) {
      g.quiet = true;
    } else if (strcmp(argv[i], "--verbose") == 0 ||
               strcmp(argv[i], "-v") == 0) {
      g.verbose = true;
    } else if ((v = opt_value(argc, argv, &i, "--config"))) {
      g.config = v;
    } else if ((v = opt_value(argc, argv, &i, "--store"))) {
      g.store = v;
    } else if ((v = opt_value(argc, argv, &i, "--key-file"))) {
      g.key_file = v;
    } else if ((v = opt_value(argc, argv, &i, "--set"))) {
      sets[g.nsets++] = v;
    } else {
      fprintf(stderr, "zothuis: unknown or incomplete global option '%s'\n\n",
              argv[i]);
      usage(stderr);
      free(sets);
      return ZT_EXIT_USAGE;
    }
  }
  if (i >= argc) {
    usage(stderr);
    free(sets);
    return ZT_EXIT_USAGE;
  }
  zt_log_set_mask(mask_log);
  if (zt_log_init(g.quiet, g.verbose, NULL, &err)) {
    free(sets);
    return zt_report_error(&err);
  }
  for (const zt_command *c = zt_commands; c->name; c++) {
    if (strcmp(c->name, argv[i]) == 0) {
      rc = c->run(&g, argc - i, argv + i);
      zt_log_close();
      free(sets);
      return rc;
    }
  }
  for (const zt_command *c = hidden; c->name; c++) {
    if (strcmp(c->name, argv[i]) == 0) {
      rc = c->run(&g, argc - i, argv + i);
      free(sets);
      return rc;
    }
  }
  fprintf(stderr, "zothuis: unknown command '%s'\n\n", argv[i]);
  usage(stderr);
  free(sets);
  return ZT_EXIT_USAGE;
}

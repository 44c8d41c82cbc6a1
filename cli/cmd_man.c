/*
 * cli/cmd_man.c -- `zothuis man` (not listed in --help): print the man
 * page in roff, generated from the same option tables as --help: each
 * command's help is taken from the command itself, run with --help in a
 * child process. The build writes it to zothuis.1 and installs it.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "zt_build.h"

/* Roff-escape one line: a leading '.' or '\'' and every backslash. */
static void roff_line(const char *s) {
  if (*s == '.' || *s == '\'')
    fputs("\\&", stdout);
  for (; *s; s++) {
    if (*s == '\\')
      fputs("\\e", stdout);
    else if (*s == '-')
      fputs("\\-", stdout);
    else
      putchar(*s);
  }
  putchar('\n');
}

/* The --help text of one command. */
static char *help_of(const zt_command *c, const zt_globals *g) {
  int fd[2];
  pid_t pid;
  GString *out = g_string_new(NULL);
  char buf[4096];
  ssize_t n;
  if (pipe(fd) != 0)
    return g_string_free(out, FALSE);
  fflush(stdout);
  pid = fork();
  if (pid == 0) {
    char name[32], help[] = "--help";
    char *argv[3] = {name, help, NULL};
    snprintf(name, sizeof name, "%s", c->name);
    dup2(fd[1], STDOUT_FILENO);
    close(fd[0]);
    close(fd[1]);
    _exit(c->run(g, 2, argv));
  }
  close(fd[1]);
  while ((n = read(fd[0], buf, sizeof buf)) > 0)
    g_string_append_len(out, buf, n);
  close(fd[0]);
  if (pid > 0)
    waitpid(pid, NULL, 0);
  return g_string_free(out, FALSE);
}

int zt_cmd_man(const zt_globals *g, int argc, char **argv) {
  (void)argc;
  (void)argv;
  printf(".TH ZOTHUIS 1 \"\" \"zothuis %s\" \"User Commands\"\n", ZT_VERSION);
  puts(".SH NAME\nzothuis \\- youth-care declarations in, regional progress "
       "reports out");
  puts(".SH SYNOPSIS\n.B zothuis\n[\\fB\\-\\-config\\fR \\fIFILE\\fR] "
       "[\\fB\\-\\-store\\fR \\fIFILE\\fR] [\\fB\\-\\-key\\-file\\fR "
       "\\fIFILE\\fR] [\\fB\\-\\-set\\fR \\fISECTION.KEY=VALUE\\fR]... "
       "[\\fB\\-\\-quiet\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]");
  puts(".SH DESCRIPTION\nzothuis reads the declaration exports of Dutch "
       "youth-care providers (iJw JW323/JW301 XML, CSV, gzip), validates "
       "every line, replaces each BSN by a keyed pseudonym, stores them in "
       "one SQLite file, and writes the half-yearly and annual progress "
       "reports of a youth-care region as PDF and HTML, with the indicator "
       "table as CSV/JSON and the rejected lines in rejects.csv.");
  puts(".SH COMMANDS");
  for (const zt_command *c = zt_commands; c->name; c++) {
    char *help = help_of(c, g);
    gchar **lines = g_strsplit(help, "\n", -1);
    printf(".SS %s\n", c->name);
    roff_line(c->summary);
    puts(".PP\n.nf");
    /* The exit codes close every command's help: once in the page. */
    for (size_t i = 0; lines[i] && !g_str_has_prefix(lines[i], "Exit codes");
         i++)
      if (lines[i][0] != '\0')
        roff_line(lines[i]);
    puts(".fi");
    g_strfreev(lines);
    g_free(help);
  }
  puts(".SH \"EXIT STATUS\"\n.nf");
  {
    gchar **lines = g_strsplit(zt_exit_codes_help, "\n", -1);
    for (size_t i = 1; lines[i]; i++)
      if (lines[i][0])
        roff_line(lines[i]);
    g_strfreev(lines);
  }
  puts(".fi");
  puts(".SH FILES\n.TP\n.I zothuis.ini\nthe region's configuration (see "
       "/usr/share/doc/zothuis/configuration.md)\n.TP\n.I zothuis.db\nthe "
       "store (SQLite, WAL)\n.TP\n.I zothuis.key\nthe pseudonym key (mode "
       "0600); keep a copy in a safe place");
  puts(".SH \"SEE ALSO\"\n/usr/share/doc/zothuis/operations.md, "
       "sqlite3(1)");
  return fflush(stdout) == 0 ? ZT_EXIT_OK : ZT_EXIT_OUTPUT;
}

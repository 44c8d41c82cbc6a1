/*
 * cli/cmd_indicators.c -- `zothuis indicators` (not listed in --help):
 * print the indicator catalogue of metrics/indicator.c -- every id with
 * its unit, rows, privacy class and definition -- or the care kinds of
 * core/kinds.c. With --markdown it prints the tables that
 * scripts/gen-docs.sh puts into docs/indicators.md, so the documentation
 * is generated from the one table the code uses.
 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/options.h"
#include "core/kinds.h"
#include "metrics/indicator.h"

static const char *family_title(zt_ind_family f) {
  switch (f) {
  case ZT_FAM_VOLUME: return "Volume and spending";
  case ZT_FAM_ZOTHUIS: return "Zo thuis mogelijk";
  case ZT_FAM_EPISODES: return "Episode analysis";
  case ZT_FAM_GI: return "Jeugdbescherming and jeugdreclassering";
  case ZT_FAM_WPB: return "Woonplaatsbeginsel shift";
  case ZT_FAM_DQ: return "Data quality";
  case ZT_FAM_RATE: return "Rates per 1.000 youths";
  case ZT_FAM_FLOW: return "Access and outflow (the iJw message flow)";
  case ZT_FAM_COMPL: return "Completeness and estimates";
  default: break;
  }
  return "Other";
}

/* Markdown table cell text: '|' escaped. */
static void cell(GString *s, const char *text) {
  for (; text && *text; text++) {
    if (*text == '|')
      g_string_append_c(s, '\\');
    g_string_append_c(s, *text);
  }
}

static void unit_text(GString *s, const zt_ind_def *d) {
  g_string_append(s, zt_unit_id(d->unit));
  if (d->decimals > 0 && d->unit != ZT_UNIT_PERCENT)
    g_string_append_printf(s, ", %d decimal%s", d->decimals,
                           d->decimals == 1 ? "" : "s");
}

/* "total", "total, `kind=`", "`kind=` only"; "; region only" for dq. */
static void rows_text(GString *s, const zt_ind_def *d) {
  if (!d->breakdown_only)
    g_string_append(s, "total");
  if (d->breakdowns) {
    gchar **keys = g_strsplit(d->breakdowns, ",", -1);
    for (gchar **k = keys; *k; k++)
      g_string_append_printf(s, "%s`%s=`",
                             k == keys && d->breakdown_only ? "" : ", ", *k);
    g_strfreev(keys);
    if (d->breakdown_only)
      g_string_append(s, " only");
  }
  if (d->region_only)
    g_string_append(s, "; region only");
}

static void privacy_text(GString *s, const zt_ind_def *d) {
  switch (d->supp) {
  case ZT_SC_NONE: g_string_append(s, "never suppressed"); return;
  case ZT_SC_COUNT: g_string_append(s, "count"); return;
  case ZT_SC_SHARE: g_string_append(s, "share"); return;
  case ZT_SC_DERIVED: g_string_append(s, "derived"); return;
  case ZT_SC_DEPENDS:
    g_string_append(s, "from ");
    for (int i = 0; i < 2 && d->deps[i]; i++)
      g_string_append_printf(s, "%s`%s`", i ? ", " : "", d->deps[i]);
    return;
  }
}

static void catalogue_markdown(void) {
  GString *s = g_string_new(NULL);
  int family = -1;
  for (size_t i = 0; i < zt_ind_count(); i++) {
    const zt_ind_def *d = zt_ind_at(i);
    if ((int)d->family != family) {
      family = (int)d->family;
      g_string_append_printf(s, "%s**%s**\n\n", i ? "\n" : "",
                             family_title(d->family));
      g_string_append(s, "| id | unit | rows | privacy | definition |\n"
                         "|---|---|---|---|---|\n");
    }
    g_string_append_printf(s, "| `%s` | ", d->id);
    unit_text(s, d);
    g_string_append(s, " | ");
    rows_text(s, d);
    g_string_append(s, " | ");
    privacy_text(s, d);
    g_string_append(s, " | ");
    cell(s, d->description);
    g_string_append(s, " |\n");
  }
  fputs(s->str, stdout);
  g_string_free(s, TRUE);
}

static void catalogue_plain(void) {
  for (size_t i = 0; i < zt_ind_count(); i++) {
    const zt_ind_def *d = zt_ind_at(i);
    printf("%s\t%s\t%s\t%s\n", d->id, zt_unit_id(d->unit),
           d->breakdowns ? d->breakdowns : "", d->description);
  }
}

static void kinds_print(bool markdown) {
  if (markdown)
    puts("| kind | Dutch label | groups | rank (most restrictive wins) |\n"
         "|---|---|---|---|");
  for (int k = 0; k < ZT_K_COUNT; k++) {
    GString *groups = g_string_new(NULL);
    int rank = zt_kind_restrictiveness((zt_care_kind)k);
    for (unsigned bit = 1; bit; bit <<= 1)
      if (zt_kind_groups((zt_care_kind)k) & bit)
        g_string_append_printf(groups, "%s%s", groups->len ? ", " : "",
                               zt_group_name(bit));
    if (markdown) {
      printf("| `%s` | %s | %s | ", zt_kind_id((zt_care_kind)k),
             zt_kind_label_nl((zt_care_kind)k), groups->str);
      if (rank)
        printf("%d", rank);
      puts(" |");
    } else {
      printf("%s\t%s\t%s\n", zt_kind_id((zt_care_kind)k),
             zt_kind_label_nl((zt_care_kind)k), groups->str);
    }
    g_string_free(groups, TRUE);
  }
}

int zt_cmd_indicators(const zt_globals *g, int argc, char **argv) {
  gboolean markdown = FALSE, kinds = FALSE;
  GOptionEntry entries[] = {
      {"markdown", 0, 0, G_OPTION_ARG_NONE, &markdown,
       "print Markdown tables, as in docs/indicators.md", NULL},
      {"kinds", 0, 0, G_OPTION_ARG_NONE, &kinds,
       "print the care kinds and their groups instead", NULL},
      {NULL, 0, 0, 0, NULL, NULL, NULL}};
  (void)g;
  if (!zt_parse_options(&argc, &argv, "",
                        "Print the indicator catalogue (id, unit, "
                        "breakdowns, definition) or the care kinds.",
                        entries))
    return ZT_EXIT_USAGE;
  if (argc > 1) {
    fprintf(stderr, "zothuis indicators: unexpected argument '%s'\n",
            argv[1]);
    return ZT_EXIT_USAGE;
  }
  if (kinds)
    kinds_print(markdown);
  else if (markdown)
    catalogue_markdown();
  else
    catalogue_plain();
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "zothuis indicators: cannot write the output\n");
    return ZT_EXIT_OUTPUT;
  }
  return ZT_EXIT_OK;
}

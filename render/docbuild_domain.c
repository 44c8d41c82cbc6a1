/*
 * render/docbuild_domain.c -- the domain tables of the steering data: the
 * measures (maatregelen) and the programme budget, with the notes where the
 * two disagree, and the Verantwoording's tables (render/accounting.c)
 * numbered into the document.
 */
#include "render/docbuild_int.h"

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "render/accounting.h"
#include "render/checks.h"
#include "render/format_nl.h"

/* Under the measures and the budget table: where the two disagree, and
 * under the measures table also the measures the calendar has overtaken
 * (`late`). */
static void conflict_notes(bctx *b, zt_table *t, bool late) {
  char **notes = zt_steering_notes(b->in, late);
  for (char **s = notes; *s; s++)
    zt_table_add_note(t, b->a, zt_arena_printf(b->a, "\xe2\x9a\xa0 %s",
                                               *s));
  g_strfreev(notes);
}

/* `s` with its blanks replaced by no-break spaces. */
static const char *nbsp(bctx *b, const char *s) {
  zt_buf out;
  const char *res;
  zt_buf_init(&out, 1u << 16);
  for (; *s; s++) {
    if (*s == ' ')
      zt_buf_puts(&out, NBSP);
    else
      zt_buf_putc(&out, *s);
  }
  res = zt_arena_strdup(b->a, zt_buf_str(&out));
  zt_buf_free(&out);
  return res;
}

static const char *quarter_text(bctx *b, const char *q) {
  int y, k;
  char buf[ZT_FMT_MAX];
  if (zt_quarter_parse(q, &y, &k) != ZT_OK)
    return zt_arena_strdup(b->a, q);
  zt_fmt_quarter(y, k, buf);
  return zt_arena_strdup(b->a, buf);
}

/* "Q1 2022 – Q4 2023", with no-break spaces inside each quarter so a
 * narrow column breaks only after the dash. */
const char *when_text(bctx *b, const zt_measure *m) {
  return zt_arena_printf(b->a, "%s" NBSP DASH " %s",
                         nbsp(b, quarter_text(b, m->van)),
                         nbsp(b, quarter_text(b, m->tot)));
}

/* Action lines in order of first appearance. */
size_t action_lines(bctx *b, const char ***out) {
  const char **lines = zt_arena_array(b->a, b->in->nmeasures + b->in->nbudget
                                      + 1, sizeof *lines);
  size_t n = 0;
  for (size_t i = 0; i < b->in->nmeasures; i++) {
    bool seen = false;
    for (size_t k = 0; k < n && !seen; k++)
      seen = strcmp(lines[k], b->in->measures[i].actielijn) == 0;
    if (!seen)
      lines[n++] = b->in->measures[i].actielijn;
  }
  *out = lines;
  return n;
}

zt_status measures_table(bctx *b, xmlNodePtr n) {
  const char **lines;
  size_t nl = action_lines(b, &lines), r = 1;
  zt_table *t = new_table(b, 1 + nl + b->in->nmeasures + 1, 7,
                          subst(b, attr(b, n, "title")));
  /* "Extra budget" on one line, not "Extra bud- / get" */
  static const char *const head[7] = {"Maatregel", "Wat", "Wanneer",
                                      "Door wie", "Status",
                                      "Extra" NBSP "budget", "Besteed"};
  static const double weight[7] = {1.5, 2.3, 1.05, 1.05, 0.95, 0.95, 0.9};
  int64_t sum_b = 0, sum_s = 0;
  char buf[ZT_FMT_MAX];
  t->rflags[0] = ZT_ROW_HEAD;
  t->row_header = true;
  for (int c = 0; c < 7; c++) {
    zt_table_set(t, b->a, 0, (size_t)c, head[c], 0);
    t->weight[c] = weight[c];
  }
  t->numeric[5] = t->numeric[6] = true;
  for (size_t l = 0; l < nl; l++) {
    t->rflags[r] = ZT_ROW_GROUP;
    zt_table_set(t, b->a, r++, 0, lines[l], ZT_CELL_STRONG);
    for (size_t i = 0; i < b->in->nmeasures; i++) {
      const zt_measure *m = &b->in->measures[i];
      zt_status_look lk = zt_measure_status_look(m->status);
      const char *wat = m->toelichting[0]
                            ? zt_arena_printf(b->a, "%s (%s)", m->wat,
                                              m->toelichting)
                            : m->wat;
      if (strcmp(m->actielijn, lines[l]) != 0)
        continue;
      zt_table_set(t, b->a, r, 0,
                   m->id[0] ? zt_arena_printf(b->a, "%s %s", m->id,
                                              m->maatregel)
                            : m->maatregel, ZT_CELL_WRAPHYPH);
      zt_table_set(t, b->a, r, 1, wat, ZT_CELL_WRAPHYPH);
      zt_table_set(t, b->a, r, 2, when_text(b, m), 0);
      zt_table_set(t, b->a, r, 3, m->door_wie, ZT_CELL_WRAPHYPH);
      zt_table_set(t, b->a, r, 4,
                   zt_arena_printf(b->a, "%s" NBSP "%s", lk.symbol, lk.word),
                   0);
      zt_fmt_eur(m->budget_extra, 1, buf);
      zt_table_set(t, b->a, r, 5, buf, 0);
      zt_fmt_eur(m->besteed, 1, buf);
      zt_table_set(t, b->a, r, 6, buf, 0);
      sum_b += m->budget_extra;
      sum_s += m->besteed;
      r++;
    }
  }
  t->rflags[r] = ZT_ROW_TOTAL;
  zt_table_set(t, b->a, r, 0, "Totaal", 0);
  zt_fmt_eur(sum_b, 1, buf);
  zt_table_set(t, b->a, r, 5, buf, 0);
  zt_fmt_eur(sum_s, 1, buf);
  zt_table_set(t, b->a, r, 6, buf, 0);
  t->nrows = r + 1;
  conflict_notes(b, t, true);
  add_table_block(b, t, (int)xmlGetLineNo(n));
  return ZT_OK;
}

zt_status budget_table(bctx *b, xmlNodePtr n) {
  const zt_report_input *in = b->in;
  int years[32];
  size_t ny = 0, nl = 0;
  const char **lines = zt_arena_array(b->a, in->nbudget + 1, sizeof *lines);
  zt_table *t;
  char buf[ZT_FMT_MAX];
  int64_t *col_sum;
  for (size_t i = 0; i < in->nbudget; i++) {
    bool seen = false;
    for (size_t k = 0; k < ny && !seen; k++)
      seen = years[k] == in->budget[i].jaar;
    if (!seen && ny < 32)
      years[ny++] = in->budget[i].jaar;
    seen = false;
    for (size_t k = 0; k < nl && !seen; k++)
      seen = strcmp(lines[k], in->budget[i].actielijn) == 0;
    if (!seen)
      lines[nl++] = in->budget[i].actielijn;
  }
  for (size_t i = 1; i < ny; i++)
    for (size_t k = i; k > 0 && years[k - 1] > years[k]; k--) {
      int tmp = years[k];
      years[k] = years[k - 1];
      years[k - 1] = tmp;
    }
  t = new_table(b, nl + 3, ny + 4, subst(b, attr(b, n, "title")));
  col_sum = zt_arena_array(b->a, ny + 4, sizeof *col_sum);
  t->rflags[0] = ZT_ROW_HEAD;
  t->row_header = true;
  zt_table_set(t, b->a, 0, 0, "Actielijn", 0);
  t->weight[0] = 2.2;
  for (size_t y = 0; y < ny; y++) {
    snprintf(buf, sizeof buf, "%d", years[y]);
    zt_table_set(t, b->a, 0, y + 1, buf, 0);
  }
  zt_table_set(t, b->a, 0, ny + 1, "Totaal uitgaven", 0);
  zt_table_set(t, b->a, 0, ny + 2, "Middelen", 0);
  zt_table_set(t, b->a, 0, ny + 3, "Verschil", 0);
  for (size_t c = 1; c < ny + 4; c++)
    t->numeric[c] = true;
  for (size_t l = 0; l < nl; l++) {
    int64_t total = 0, funds = 0;
    zt_table_set(t, b->a, l + 1, 0, lines[l], ZT_CELL_WRAPHYPH);
    for (size_t y = 0; y < ny; y++) {
      int64_t s = 0;
      bool any = false;
      for (size_t i = 0; i < in->nbudget; i++)
        if (in->budget[i].jaar == years[y] &&
            strcmp(in->budget[i].actielijn, lines[l]) == 0) {
          s += in->budget[i].uitgaven;
          funds += in->budget[i].middelen;
          any = true;
        }
      if (any) {
        zt_fmt_eur(s, 1, buf);
        zt_table_set(t, b->a, l + 1, y + 1, buf, 0);
      } else {
        zt_table_set(t, b->a, l + 1, y + 1, DASH, ZT_CELL_MISSING);
      }
      total += s;
      col_sum[y + 1] += s;
    }
    col_sum[ny + 1] += total;
    col_sum[ny + 2] += funds;
    zt_fmt_eur(total, 1, buf);
    zt_table_set(t, b->a, l + 1, ny + 1, buf, 0);
    zt_fmt_eur(funds, 1, buf);
    zt_table_set(t, b->a, l + 1, ny + 2, buf, 0);
    zt_fmt_eur_signed(funds - total, buf);
    zt_table_set(t, b->a, l + 1, ny + 3, buf, 0);
  }
  t->rflags[nl + 1] = ZT_ROW_TOTAL;
  zt_table_set(t, b->a, nl + 1, 0, "Totaal", 0);
  for (size_t c = 1; c <= ny + 2; c++) {
    zt_fmt_eur(col_sum[c], 1, buf);
    zt_table_set(t, b->a, nl + 1, c, buf, 0);
  }
  zt_fmt_eur_signed(col_sum[ny + 2] - col_sum[ny + 1], buf);
  zt_table_set(t, b->a, nl + 1, ny + 3, buf, 0);
  /* the funds of each year under its spending: what the programme tile
   * sets the year's spending against (docbuild_tiles.c) */
  zt_table_set(t, b->a, nl + 2, 0, "Middelen per jaar", 0);
  for (size_t y = 0; y < ny; y++) {
    int64_t funds = 0;
    for (size_t i = 0; i < in->nbudget; i++)
      if (in->budget[i].jaar == years[y])
        funds += in->budget[i].middelen;
    zt_fmt_eur(funds, 1, buf);
    zt_table_set(t, b->a, nl + 2, y + 1, buf, 0);
  }
  zt_table_add_note(t, b->a, "Verschil = middelen min uitgaven; een "
                    "negatief verschil is een tekort. De kolommen per jaar "
                    "tonen uitgaven; de rij Middelen per jaar de middelen "
                    "van dat jaar, waar de samenvatting de uitgaven van "
                    "het jaar tegen afzet.");
  conflict_notes(b, t, false);
  zt_table_add_marker_notes(t, b->a, NULL);
  add_table_block(b, t, (int)xmlGetLineNo(n));
  return ZT_OK;
}

/* The Verantwoording's tables (render/accounting.c), numbered here. */
static void acc_table(bctx *b, zt_table *t, const char *caption, int line) {
  t->caption = caption;
  t->number = ++b->ntables;
  t->anchor = zt_arena_printf(b->a, "tabel-%d", t->number);
  add_table_block(b, t, line);
}

/* <sources>: the deliveries, then the files refused whole, the answers
 * and the possible double declarations (each when any). */
zt_status sources_table(bctx *b, xmlNodePtr n) {
  int line = (int)xmlGetLineNo(n);
  zt_table *t = zt_acc_refused(b->in, b->a);
  acc_table(b, zt_acc_deliveries(b->in, b->a),
            subst(b, attr(b, n, "title")), line);
  if (t)
    acc_table(b, t, "Geweigerde bestanden", line);
  t = zt_acc_answers(b->in, b->a);
  if (t)
    acc_table(b, t, "Declaraties en beoordeling door de gemeente", line);
  t = zt_acc_doubles(b->in, b->a);
  if (t)
    acc_table(b, t, "Mogelijk dubbel gedeclareerd, per aanbieder", line);
  return ZT_OK;
}

zt_status settings_table(bctx *b, xmlNodePtr n) {
  acc_table(b, zt_acc_settings(b->in, b->a), subst(b, attr(b, n, "title")),
            (int)xmlGetLineNo(n));
  return ZT_OK;
}

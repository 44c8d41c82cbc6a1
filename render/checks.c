/*
 * render/checks.c -- the summary's "Opvallend" list and the steering
 * conflicts (see checks.h). Numbers come from the indicator table's
 * display strings or from render/format_nl.c; nothing is formatted here
 * by hand.
 */
#include "render/checks.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "metrics/plausible.h"
#include "render/format_nl.h"
#include "render/ind_ids.h"

/* Find or add the action line `name`; NULL when full. */
static zt_steer_conflict *line_of(zt_steer_conflict *all, size_t *n,
                                  size_t cap, const char *name) {
  for (size_t i = 0; i < *n; i++)
    if (strcmp(all[i].actielijn, name) == 0)
      return &all[i];
  if (*n == cap)
    return NULL;
  memset(&all[*n], 0, sizeof all[*n]);
  all[*n].actielijn = name;
  return &all[(*n)++];
}

size_t zt_steering_conflicts(const zt_report_input *in,
                             zt_steer_conflict *out, size_t max) {
  size_t cap = in->nmeasures + in->nbudget, n = 0, k = 0;
  zt_steer_conflict *all;
  if (!cap || !in->nmeasures || !in->nbudget)
    return 0;   /* one of the files is not given: nothing to compare */
  all = g_new0(zt_steer_conflict, cap + 1);
  for (size_t i = 0; i < in->nmeasures; i++) {
    zt_steer_conflict *c = line_of(all, &n, cap, in->measures[i].actielijn);
    c->in_measures = true;
    c->measures_budget += in->measures[i].budget_extra;
    c->measures_spent += in->measures[i].besteed;
  }
  for (size_t i = 0; i < in->nbudget; i++) {
    zt_steer_conflict *c = line_of(all, &n, cap, in->budget[i].actielijn);
    c->in_budget = true;
    c->funds += in->budget[i].middelen;
    c->spent += in->budget[i].uitgaven;
  }
  for (size_t i = 0; i < n; i++) {
    const zt_steer_conflict *c = &all[i];
    if (c->in_measures && c->in_budget &&
        c->measures_budget == c->funds && c->measures_spent == c->spent)
      continue;
    if (k < max)
      out[k] = *c;
    k++;
  }
  g_free(all);
  return k;
}

char *zt_steering_conflict_text(const zt_steer_conflict *c) {
  char a[ZT_FMT_MAX], b[ZT_FMT_MAX], x[ZT_FMT_MAX], y[ZT_FMT_MAX];
  if (!c->in_budget)
    return g_strdup_printf("%s staat bij de maatregelen, maar niet in de "
                           "begroting.", c->actielijn);
  if (!c->in_measures)
    return g_strdup_printf("%s staat in de begroting, maar heeft geen "
                           "maatregelen.", c->actielijn);
  zt_fmt_eur(c->measures_budget, 1, a);
  zt_fmt_eur(c->funds, 1, b);
  zt_fmt_eur(c->measures_spent, 1, x);
  zt_fmt_eur(c->spent, 1, y);
  return g_strdup_printf("Maatregelen en begroting verschillen bij %s: "
                         "extra budget van de maatregelen %s, middelen in "
                         "de begroting %s; besteed volgens de maatregelen "
                         "%s, uitgaven volgens de begroting %s.",
                         c->actielijn, a, b, x, y);
}

/* A quarter as one number that orders (year * 4 + quarter - 1); -1 when
 * `q` is no quarter. */
static int quarter_no(const char *q) {
  int y, k;
  return zt_quarter_parse(q, &y, &k) == ZT_OK ? y * 4 + k - 1 : -1;
}

char *zt_measure_late_text(const zt_measure *m, const zt_period *p) {
  /* the period's last quarter: Q2 for a first half, else Q4 */
  int last = p->year * 4 + (p->half == 1 ? 1 : 3);
  int van = quarter_no(m->van), tot = quarter_no(m->tot);
  char when[ZT_FMT_MAX];
  const char *name = m->maatregel;
  char *id = m->id[0] ? g_strdup_printf("%s %s", m->id, name)
                      : g_strdup(name);
  char *out = NULL;
  if (strcmp(m->status, "gepland") == 0 && van >= 0 && van <= last) {
    zt_fmt_quarter(van / 4, van % 4 + 1, when);
    out = g_strdup_printf("%s staat nog op gepland, terwijl de start "
                          "volgens de planning in %s lag.", id, when);
  } else if (strcmp(m->status, "lopend") == 0 && tot >= 0 && tot < last) {
    zt_fmt_quarter(tot / 4, tot % 4 + 1, when);
    out = g_strdup_printf("%s staat nog op lopend, terwijl het einde "
                          "volgens de planning in %s lag.", id, when);
  }
  g_free(id);
  return out;
}

char **zt_steering_notes(const zt_report_input *in, bool late) {
  GPtrArray *a = g_ptr_array_new();
  size_t n = zt_steering_conflicts(in, NULL, 0);
  if (n) {
    zt_steer_conflict *c = g_new0(zt_steer_conflict, n);
    zt_steering_conflicts(in, c, n);
    for (size_t i = 0; i < n; i++)
      g_ptr_array_add(a, zt_steering_conflict_text(&c[i]));
    g_free(c);
  }
  for (size_t i = 0; late && i < in->nmeasures; i++) {
    char *text = zt_measure_late_text(&in->measures[i], &in->period);
    if (text)
      g_ptr_array_add(a, text);
  }
  g_ptr_array_add(a, NULL);
  return (char **)g_ptr_array_free(a, FALSE);
}

/* The name the summary gives an indicator (and a kind). */
static const char *subject(const zt_ind_value *v, char *buf, size_t n) {
  const char *eq = strchr(v->breakdown, '=');
  if (eq) {
    const char *kind = zt_breakdown_label("kind", eq + 1);
    snprintf(buf, n, "%s%s", kind,
             strcmp(v->indicator, "spend.by_kind") == 0 ? " (kosten)" : "");
    return buf;
  }
  if (strcmp(v->indicator, "clients.total") == 0)
    return "Jeugdigen met jeugdhulp";
  if (strcmp(v->indicator, "spend.total") == 0)
    return "Kosten van de jeugdhulp";
  if (strcmp(v->indicator, "verblijf.clients") == 0)
    return "Jeugdigen in verblijf";
  if (strcmp(v->indicator, "instroom.placements") == 0)
    return "Nieuwe plaatsingen";
  return v->indicator;
}

/* A period as the object of a sentence: "het 2e halfjaar 2023" (a
 * half-year takes the article), "2023". */
static void period_the(const zt_period *p, char buf[ZT_FMT_MAX]) {
  char s[ZT_FMT_MAX];
  zt_fmt_period(p, s);
  snprintf(buf, ZT_FMT_MAX, "%s%.55s", p->half ? "het " : "", s);
}

static char *finding_text(const zt_finding *f, const zt_report_input *in) {
  char now[ZT_FMT_MAX], base[ZT_FMT_MAX], cohort[ZT_FMT_MAX], name[96];
  zt_period p = in->period;
  period_the(&p, now);
  period_the(&f->base, base);
  zt_fmt_period(&f->base, cohort);
  switch (f->kind) {
  case ZT_FIND_AMBULANT_LOW:
    return g_strdup_printf(
        "De ambulante kosten buiten de verblijfsepisodes (gemiddeld %s per "
        "jeugdige van het cohort %s) zijn minder dan 1%% van de "
        "verblijfskosten (gemiddeld %s per jeugdige). De "
        "besparingsschattingen zijn daardoor "
        "vrijwel gelijk aan de verblijfskosten en zeggen weinig over wat "
        "thuis blijven kost; controleer of alle ambulante declaraties er "
        "zijn.", f->now->display, cohort, f->then->display);
  case ZT_FIND_KIND_GONE:
    return g_strdup_printf("%s: geen jeugdigen in %s, tegen %s in %s. "
                           "Controleer of de declaraties compleet zijn.",
                           subject(f->now, name, sizeof name), now,
                           f->then->display, base);
  case ZT_FIND_KIND_NEW:
    return g_strdup_printf("%s: %s jeugdigen in %s, tegen geen in %s.",
                           subject(f->now, name, sizeof name),
                           f->now->display, now, base);
  case ZT_FIND_CHANGE: {
    char pct[ZT_FMT_MAX];
    zt_fmt_int(f->pct < 0 ? -f->pct : f->pct, pct);
    return g_strdup_printf("%s: %s in %s, %s%% %s dan in %s (%s).",
                           subject(f->now, name, sizeof name),
                           f->now->display, now, pct,
                           f->pct < 0 ? "minder" : "meer", base,
                           f->then->display);
  }
  case ZT_FIND_PROVISIONAL:
    return g_strdup_printf(
        "Van %s is naar schatting pas %s van de kosten gedeclareerd: "
        "aantallen en kosten lopen nog op. Grote verschillen met %s "
        "staan daarom niet in deze lijst; zulke verschillen kunnen nog "
        "aan late declaraties liggen.", now, f->now->display, base);
  }
  return g_strdup("?");
}

static const zt_ind_value *dq(const zt_report_input *in, const char *id);

char *zt_doubles_text(const zt_report_input *in) {
  char n[ZT_FMT_MAX], eur[ZT_FMT_MAX];
  const zt_ind_value *lines = dq(in, "dq.double_lines");
  const zt_ind_value *spend = dq(in, "dq.double_spend");
  bool one;
  if (!lines || !spend || lines->num <= 0)
    return NULL;
  one = lines->num == 1;
  zt_fmt_int(lines->num, n);
  zt_fmt_eur(spend->num, 1, eur);
  return g_strdup_printf(
      "%s declaratieregel%s (%s%s) %s dubbel gedeclareerd: dezelfde "
      "jeugdige, aanbieder, toewijzing, product en periode onder een "
      "ander referentienummer. %s tel%s mee tot de gemeente %s afwijst; "
      "zie de Verantwoording.", n, one ? "" : "s", one ? "" : "samen ", eur,
      one ? "lijkt" : "lijken", one ? "Die" : "Ze", one ? "t" : "len",
      one ? "hem" : "ze");
}

static const zt_ind_value *dq(const zt_report_input *in, const char *id) {
  char name[8];
  zt_period_name(&in->period, name);
  return in->ind ? zt_ind_table_find(in->ind, id, name, ZT_GEMEENTE_REGIO,
                                     "")
                 : NULL;
}

char **zt_report_findings(const zt_report_input *in) {
  GPtrArray *a = g_ptr_array_new();
  zt_period cohort = in->cohort.year ? in->cohort : in->period;
  zt_day peil = in->cohort.year ? in->cohort_peildatum : ZT_DAY_NONE;
  size_t n = in->ind ? zt_plausibility(in->ind, &in->period, &cohort, peil,
                                       NULL, 0)
                     : 0;
  zt_finding *f = g_new0(zt_finding, n + 1);
  const zt_ind_value *v;
  if (n)
    zt_plausibility(in->ind, &in->period, &cohort, peil, f, n);
  for (size_t i = 0; i < n; i++)
    g_ptr_array_add(a, finding_text(&f[i], in));
  g_free(f);
  {
    char **notes = zt_steering_notes(in, true);
    for (char **s = notes; *s; s++)
      g_ptr_array_add(a, *s);
    g_free(notes);      /* the strings now belong to `a` */
  }
  if ((v = dq(in, "dq.lines_rejected")) && v->num > 0)
    g_ptr_array_add(a, g_strdup_printf(
                           "%s aangeleverde regels zijn afgewezen en tellen "
                           "niet mee (per reden in de Verantwoording).",
                           v->display));
  if ((v = dq(in, "dq.credits_waiting")) && v->num > 0)
    g_ptr_array_add(a, g_strdup_printf(
                           "%s creditregels wachten nog op de declaratie "
                           "die zij corrigeren.", v->display));
  {
    char *text = zt_doubles_text(in);
    if (text)
      g_ptr_array_add(a, text);
  }
  if ((v = dq(in, "dq.answers_unmatched")) && v->num > 0)
    g_ptr_array_add(a, g_strdup_printf(
                           "%s %s van de gemeente %s bij geen "
                           "aangeleverde declaratie: mogelijk ontbreken "
                           "declaraties in de cijfers (zie de "
                           "Verantwoording).", v->display,
                           v->num == 1 ? "antwoord" : "antwoorden",
                           v->num == 1 ? "hoort" : "horen"));
  g_ptr_array_add(a, NULL);
  return (char **)g_ptr_array_free(a, FALSE);
}

/*
 * render/accounting.c -- the Verantwoording's tables and sentences
 * (accounting.h): deliveries, refused files, settings in Dutch and the
 * region's composition. Words come from render/labels_nl.c, dates and
 * numbers from render/format_nl.c.
 */
#include "render/accounting.h"

#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "render/format_nl.h"
#include "render/labels_nl.h"

#define DASH "\xe2\x80\x93"     /* – */
#define NBSP "\xc2\xa0"

/* ---- helpers ---------------------------------------------------------- */

/* The raw value of "key = value" in the settings, or NULL; `key` with or
 * without its section ("boundaries", "normalize.boundaries"). */
static const char *raw_setting(const zt_report_input *in, const char *key,
                               zt_arena *a) {
  size_t kl = strlen(key);
  for (size_t i = 0; i < in->nsettings; i++) {
    const char *s = in->settings[i], *eq = strchr(s, '=');
    const char *dot = strchr(s, '.'), *k = s, *ke = eq;
    if (!eq)
      continue;
    while (ke > k && ke[-1] == ' ')
      ke--;
    if (dot && dot < eq && !strchr(key, '.'))
      k = dot + 1;
    if ((size_t)(ke - k) != kl || strncmp(k, key, kl) != 0)
      continue;
    eq++;
    while (*eq == ' ')
      eq++;
    return zt_arena_strdup(a, eq);
  }
  return NULL;
}

static const zt_gemeente *gemeente(const zt_report_input *in,
                                   uint16_t code) {
  for (size_t i = 0; i < in->ngemeente_table; i++)
    if (in->gemeente_table[i].code == code)
      return &in->gemeente_table[i];
  return NULL;
}

/* A municipality's name; never its code. */
static const char *gem_name(const zt_report_input *in, uint16_t code) {
  const zt_gemeente *g = gemeente(in, code);
  return g && g->name[0] ? g->name : "een onbekende gemeente";
}

static bool is_member_code(const zt_report_input *in, uint16_t code) {
  for (size_t i = 0; i < in->nmembers; i++)
    if (in->members[i].gemeente == code)
      return true;
  return false;
}

static const char *date_text(zt_arena *a, zt_day d) {
  char buf[ZT_FMT_MAX];
  zt_fmt_date(d, buf);
  return zt_arena_strdup(a, buf);
}

static const char *const month_abbr[12] = {"jan", "feb", "mrt", "apr",
                                           "mei", "jun", "jul", "aug",
                                           "sep", "okt", "nov", "dec"};

/* "9 feb 2021", on one line. */
static const char *short_date(zt_arena *a, zt_day d) {
  int y, m, dd;
  zt_day_to_ymd(d, &y, &m, &dd);
  return zt_arena_printf(a, "%d" NBSP "%s" NBSP "%d", dd, month_abbr[m - 1],
                         y);
}

/* "4 nov 2023", "4–28 nov 2023" or "9 feb 2021 – 11 jan 2024". */
static const char *span_text(zt_arena *a, zt_day d1, zt_day d2) {
  int y1, m1, a1, y2, m2, a2;
  if (d1 == ZT_DAY_NONE || d2 == ZT_DAY_NONE)
    return DASH;
  if (d1 == d2)
    return short_date(a, d1);
  zt_day_to_ymd(d1, &y1, &m1, &a1);
  zt_day_to_ymd(d2, &y2, &m2, &a2);
  if (y1 == y2 && m1 == m2)
    return zt_arena_printf(a, "%d" DASH "%d" NBSP "%s" NBSP "%d", a1, a2,
                           month_abbr[m2 - 1], y2);
  return zt_arena_printf(a, "%s" NBSP DASH NBSP "%s", short_date(a, d1),
                         short_date(a, d2));
}

/* ---- deliveries ------------------------------------------------------- */

static const char *provider_text(const zt_report_input *in, zt_arena *a,
                                 const zt_delivery *d) {
  if (d->agb == ZT_DELIVERY_MANY)
    return "meerdere aanbieders";
  if (d->agb == 0)
    return "geen aanbieder (gegevens van de regio)";
  for (size_t i = 0; i < in->nproviders; i++)
    if (in->providers[i].agb == d->agb && in->providers[i].name[0])
      return zt_arena_strdup(a, in->providers[i].name);
  return zt_arena_printf(a, "aanbieder met AGB-code %08u", d->agb);
}

typedef struct drow {
  const zt_delivery *d;
  const char *provider;
  size_t pos;
} drow;

static int drow_cmp(const void *x, const void *y) {
  const drow *p = x, *q = y;
  /* the rows without a provider last */
  int c = (p->d->agb == 0) - (q->d->agb == 0);
  if (!c)
    c = strcmp(p->provider, q->provider);
  if (!c)
    c = strcmp(p->d->kind, q->d->kind);
  if (!c)
    c = strcmp(p->d->format, q->d->format);
  if (!c)
    c = (p->d->first > q->d->first) - (p->d->first < q->d->first);
  if (!c)
    c = (p->pos > q->pos) - (p->pos < q->pos);
  return c;
}

static bool same_group(const drow *p, const drow *q) {
  return strcmp(p->provider, q->provider) == 0 &&
         strcmp(p->d->kind, q->d->kind) == 0 &&
         strcmp(p->d->format, q->d->format) == 0;
}

static int month_of(zt_day d) {
  int y, m, dd;
  zt_day_to_ymd(d, &y, &m, &dd);
  return y * 12 + m - 1;
}

static void put_month(zt_buf *b, int ym) {
  zt_buf_printf(b, "%s" NBSP "%d", month_abbr[ym % 12], ym / 12);
}

/* The months of delivery of rows[i0..i1) (sorted by date): one or two
 * runs of months as they are ("feb 2021 – jan 2024", "mrt 2022, mei
 * 2022 – dec 2023"), more as "in 14 van de 30 maanden". */
static const char *months_text(zt_arena *a, const drow *rows, size_t i0,
                               size_t i1) {
  int runs[2][2], nruns = 0, nmonths = 0, lo = -1, hi = -1;
  zt_buf b;
  const char *res;
  for (size_t i = i0; i < i1; i++) {
    int ym;
    if (rows[i].d->first == ZT_DAY_NONE)
      continue;
    ym = month_of(rows[i].d->first);
    if (hi >= 0 && ym <= hi)
      continue;                       /* the same month again */
    nmonths++;
    if (hi < 0 || ym > hi + 1) {
      if (nruns < 2) {
        runs[nruns][0] = ym;
        runs[nruns][1] = ym;
      }
      nruns++;
    } else if (nruns <= 2) {
      runs[nruns - 1][1] = ym;
    }
    if (lo < 0)
      lo = ym;
    hi = ym;
  }
  if (nmonths == 0)
    return DASH;
  zt_buf_init(&b, 1u << 16);
  if (nruns > 2) {
    zt_buf_printf(&b, "in %d van de %d maanden", nmonths, hi - lo + 1);
  } else {
    for (int k = 0; k < nruns; k++) {
      if (k)
        zt_buf_puts(&b, ", ");
      put_month(&b, runs[k][0]);
      if (runs[k][1] != runs[k][0]) {
        zt_buf_puts(&b, " " DASH " ");
        put_month(&b, runs[k][1]);
      }
    }
  }
  res = zt_arena_strdup(a, zt_buf_str(&b));
  zt_buf_free(&b);
  return res;
}

zt_table *zt_acc_deliveries(const zt_report_input *in, zt_arena *a) {
  static const char *const head[6] = {"Aanbieder en soort",
                                      "Maanden van levering",
                                      "Leverdatums", "Bestanden", "Regels",
                                      "Afgewezen"};
  size_t n = 0, ng = 0, np = 0, r = 1;
  drow *rows = zt_arena_array(a, in->ndeliveries + 1, sizeof *rows);
  long sum[3] = {0, 0, 0};
  char buf[ZT_FMT_MAX];
  zt_table *t;
  for (size_t i = 0; i < in->ndeliveries; i++) {
    const zt_delivery *d = &in->deliveries[i];
    if (d->refused)
      continue;
    rows[n].d = d;
    rows[n].provider = provider_text(in, a, d);
    rows[n].pos = i;
    n++;
  }
  qsort(rows, n, sizeof *rows, drow_cmp);
  for (size_t i = 0; i < n; i++) {
    ng += i == 0 || !same_group(&rows[i - 1], &rows[i]);
    np += i == 0 || strcmp(rows[i - 1].provider, rows[i].provider) != 0;
  }
  /* a heading row per provider, a row per kind of file under it */
  t = zt_table_new(a, np + ng + 2, 6);
  t->rflags[0] = ZT_ROW_HEAD;
  t->row_header = true;
  for (size_t c = 0; c < 6; c++)
    zt_table_set(t, a, 0, c, head[c], 0);
  t->weight[0] = 1.7;
  t->weight[1] = 2.0;
  t->weight[2] = 2.3;
  for (size_t c = 3; c < 6; c++)
    t->numeric[c] = true;
  for (size_t i = 0; i < n; r++) {
    size_t j = i;
    long v[3] = {0, 0, 0};
    zt_day first = ZT_DAY_NONE, last = ZT_DAY_NONE;
    if (i == 0 || strcmp(rows[i - 1].provider, rows[i].provider) != 0) {
      t->rflags[r] = ZT_ROW_GROUP;
      zt_table_set(t, a, r++, 0, rows[i].provider, 0);
    }
    for (; j < n && same_group(&rows[i], &rows[j]); j++) {
      const zt_delivery *d = rows[j].d;
      v[0] += d->files;
      v[1] += d->lines_read;
      v[2] += d->rejected;
      if (d->first != ZT_DAY_NONE && (first == ZT_DAY_NONE ||
                                      d->first < first))
        first = d->first;
      if (d->last != ZT_DAY_NONE && (last == ZT_DAY_NONE || d->last > last))
        last = d->last;
    }
    zt_table_set(t, a, r, 0,
                 zt_nl_file_kind(rows[i].d->kind, rows[i].d->format,
                                 v[0] != 1), 0);
    zt_table_set(t, a, r, 1, months_text(a, rows, i, j), 0);
    zt_table_set(t, a, r, 2, span_text(a, first, last), 0);
    for (int k = 0; k < 3; k++) {
      zt_fmt_int(v[k], buf);
      zt_table_set(t, a, r, (size_t)(3 + k), buf, 0);
      sum[k] += v[k];
    }
    i = j;
  }
  t->rflags[r] = ZT_ROW_TOTAL;
  zt_table_set(t, a, r, 0, "Totaal", 0);
  for (int k = 0; k < 3; k++) {
    zt_fmt_int(sum[k], buf);
    zt_table_set(t, a, r, (size_t)(3 + k), buf, 0);
  }
  zt_table_add_note(t, a, "Per aanbieder een regel per soort bestand. "
                    "Maanden van levering: de maanden waarin de "
                    "aanbieder bestanden van deze soort leverde; een "
                    "maand zonder levering onderbreekt de reeks, bij "
                    "meer onderbrekingen staat het aantal maanden. "
                    "Leverdatums: de eerste en de laatste levering. De "
                    "leverdatum is de datum van het bericht zelf, anders "
                    "de datum waarop het bestand is opgeslagen, anders de "
                    "dag van inlezen.");
  return t;
}

/* A file name as it may stand in a report: a run of nine or more digits
 * (it could be a BSN) shows only its first and last two. */
static const char *safe_name(zt_arena *a, const char *s) {
  char *out = zt_arena_strdup(a, s);
  size_t i = 0;
  while (out[i]) {
    size_t j = i;
    while (out[j] >= '0' && out[j] <= '9')
      j++;
    if (j - i >= 9)
      for (size_t k = i + 2; k < j - 2; k++)
        out[k] = '*';
    i = j > i ? j : i + 1;
  }
  return out;
}

zt_table *zt_acc_refused(const zt_report_input *in, zt_arena *a) {
  static const char *const head[4] = {"Bestand", "Soort", "Geleverd",
                                      "Reden"};
  size_t n = 0, r = 1;
  zt_table *t;
  for (size_t i = 0; i < in->ndeliveries; i++)
    n += in->deliveries[i].refused;
  if (n == 0)
    return NULL;
  t = zt_table_new(a, n + 1, 4);
  t->rflags[0] = ZT_ROW_HEAD;
  t->row_header = true;
  for (size_t c = 0; c < 4; c++)
    zt_table_set(t, a, 0, c, head[c], 0);
  t->weight[0] = 1.8;
  t->weight[1] = 1.2;
  t->weight[2] = 1.2;
  t->weight[3] = 2.0;
  for (size_t i = 0; i < in->ndeliveries; i++) {
    const zt_delivery *d = &in->deliveries[i];
    const char *why;
    if (!d->refused)
      continue;
    why = zt_nl_reason(d->reason);
    zt_table_set(t, a, r, 0, safe_name(a, d->name), 0);
    zt_table_set(t, a, r, 1,
                 strcmp(d->kind, "auto") == 0 ? "onbekend"
                 : zt_nl_file_kind(d->kind, d->format, 0), 0);
    zt_table_set(t, a, r, 2, span_text(a, d->first, d->first), 0);
    zt_table_set(t, a, r, 3, why ? why : "onbekende reden", 0);
    r++;
  }
  return t;
}

/* ---- declaration answers ---------------------------------------------- */

/* The region's row of `id` (breakdown `bd`) in the report's period. */
static const zt_ind_value *acc_value(const zt_report_input *in,
                                     const char *id, const char *bd) {
  char per[8];
  if (!in->ind)
    return NULL;
  zt_period_name(&in->period, per);
  return zt_ind_table_find(in->ind, id, per, ZT_GEMEENTE_REGIO, bd);
}

/* Cents of a money row (num / den), its lines (n). */
static int64_t cents_of(const zt_ind_value *v) {
  return v && v->den ? v->num / v->den : 0;
}

static void answer_row(zt_table *t, zt_arena *a, size_t r,
                       const char *label, int64_t lines, int64_t cents) {
  char buf[ZT_FMT_MAX];
  zt_table_set(t, a, r, 0, label, 0);
  zt_fmt_int(lines, buf);
  zt_table_set(t, a, r, 1, buf, 0);
  zt_fmt_eur(cents, 1, buf);
  zt_table_set(t, a, r, 2, buf, 0);
}

/* A table of `nrows` rows (the head included) of lines and amounts: a
 * label column headed `what`, then Regels and Bedrag. */
static zt_table *lines_table(zt_arena *a, size_t nrows, const char *what) {
  zt_table *t = zt_table_new(a, nrows, 3);
  t->rflags[0] = ZT_ROW_HEAD;
  t->row_header = true;
  zt_table_set(t, a, 0, 0, what, 0);
  zt_table_set(t, a, 0, 1, "Regels", 0);
  zt_table_set(t, a, 0, 2, "Bedrag", 0);
  t->numeric[1] = t->numeric[2] = true;
  t->weight[0] = 3.0;
  t->weight[1] = 1.0;
  t->weight[2] = 1.2;
  return t;
}

/* The main reasons shown one by one; the rest are added up. */
#define ANSWER_REASONS 5

zt_table *zt_acc_answers(const zt_report_input *in, zt_arena *a) {
  const zt_ind_value *rej = acc_value(in, "dq.spend_rejected_by_gemeente",
                                      "");
  const zt_ind_value *ok = acc_value(in, "dq.spend_approved", "");
  const zt_ind_value *open = acc_value(in, "dq.spend_not_assessed", "");
  const zt_ind_value *why[ANSWER_REASONS];
  int64_t rest_lines, rest_cents;
  size_t nwhy = 0, r = 0, nrows;
  char per[8];
  zt_table *t;
  if (!rej || !ok || !open)
    return NULL;
  /* the reasons with the largest amounts first (ties: by code) */
  zt_period_name(&in->period, per);
  rest_lines = rej->n;
  rest_cents = cents_of(rej);
  for (size_t i = 0; i < zt_ind_table_count(in->ind); i++) {
    const zt_ind_value *v = zt_ind_table_at(in->ind, i);
    size_t k;
    if (strcmp(v->indicator, "dq.spend_rejected_by_gemeente") != 0 ||
        v->gemeente != ZT_GEMEENTE_REGIO || strcmp(v->period, per) != 0 ||
        strncmp(v->breakdown, "retourcode=", 11) != 0 ||
        v != acc_value(in, v->indicator, v->breakdown))
      continue;
    /* insertion into the top list, largest amount first */
    for (k = 0; k < nwhy; k++)
      if (cents_of(v) > cents_of(why[k]) ||
          (cents_of(v) == cents_of(why[k]) &&
           strcmp(v->breakdown, why[k]->breakdown) < 0))
        break;
    if (k == ANSWER_REASONS)
      continue;
    if (nwhy < ANSWER_REASONS)
      nwhy++;
    memmove(&why[k + 1], &why[k], (nwhy - 1 - k) * sizeof why[0]);
    why[k] = v;
  }
  for (size_t k = 0; k < nwhy; k++) {
    rest_lines -= why[k]->n;
    rest_cents -= cents_of(why[k]);
  }
  nrows = 1 + 3 + nwhy + (rest_lines > 0) + 1;
  t = lines_table(a, nrows, "Beoordeling");
  answer_row(t, a, ++r, "Goedgekeurd door de gemeente", ok->n,
             cents_of(ok));
  answer_row(t, a, ++r, "Afgewezen door de gemeente", rej->n,
             cents_of(rej));
  for (size_t k = 0; k < nwhy; k++) {
    const char *code = why[k]->breakdown + 11;
    const char *nl = zt_nl_retourcode(code);
    answer_row(t, a, ++r,
               zt_arena_printf(a, "waarvan: %s (%s)",
                               nl ? nl : "andere reden", code),
               why[k]->n, cents_of(why[k]));
  }
  if (rest_lines > 0)
    answer_row(t, a, ++r, "waarvan: overige redenen", rest_lines,
               rest_cents);
  answer_row(t, a, ++r, "Nog niet beoordeeld", open->n, cents_of(open));
  t->rflags[++r] = ZT_ROW_TOTAL;
  answer_row(t, a, r, "Gedeclareerd", ok->n + rej->n + open->n,
             cents_of(ok) + cents_of(rej) + cents_of(open));
  zt_table_add_note(
      t, a,
      "De gemeente beoordeelt elke declaratie en meldt de afgewezen "
      "regels met een retourcode. Afgewezen regels tellen niet mee als "
      "kosten of zorg; een declaratie die als geheel is afgewezen, telt "
      "als niet ontvangen. Regels van declaraties zonder antwoord van de "
      "gemeente (nog niet beoordeeld) tellen mee zoals ze zijn "
      "gedeclareerd. Bedragen over alle declaratieberichten die zijn "
      "aangeleverd, na verrekening van creditregels; declaraties uit "
      "CSV-exports zonder antwoord staan niet in deze tabel. "
      ZT_NOTE_ROUNDED);
  {
    const zt_ind_value *un = acc_value(in, "dq.answers_unmatched", "");
    char n[ZT_FMT_MAX];
    if (un && un->num > 0) {
      bool one = un->num == 1;
      zt_fmt_int(un->num, n);
      zt_table_add_note(
          t, a,
          zt_arena_printf(
              a,
              "%s %s van de gemeente %s bij geen declaratie in de "
              "opslag: de declaratie is niet aangeleverd, is als geheel "
              "geweigerd, al haar regels zijn afgewezen, of ze is niet te "
              "herkennen aan haar identificatie of declaratienummer. "
              "Ontbreekt de declaratie, dan "
              "ontbreken ook haar kosten in de cijfers; lever haar dan "
              "alsnog aan. De lijst staat in "
              "intern/antwoord-zonder-declaratie.csv, een bestand voor "
              "intern gebruik.",
              n, one ? "antwoord" : "antwoorden", one ? "hoort" : "horen"));
    }
  }
  return t;
}

/* ---- possible double declarations -------------------------------------- */

/* The providers shown one by one; the rest are added up. */
#define DOUBLE_PROVIDERS 5

typedef struct dprov {
  uint32_t agb;
  int64_t lines, cents;
} dprov;

/* Largest amount first, then more lines, then by AGB code. */
static int dprov_cmp(const void *x, const void *y) {
  const dprov *p = x, *q = y;
  if (p->cents != q->cents)
    return p->cents > q->cents ? -1 : 1;
  if (p->lines != q->lines)
    return p->lines > q->lines ? -1 : 1;
  return p->agb < q->agb ? -1 : p->agb > q->agb;
}

static const char *agb_name(const zt_report_input *in, zt_arena *a,
                            uint32_t agb) {
  for (size_t i = 0; i < in->nproviders; i++)
    if (in->providers[i].agb == agb && in->providers[i].name[0])
      return zt_arena_strdup(a, in->providers[i].name);
  return zt_arena_printf(a, "aanbieder met AGB-code %08u", agb);
}

zt_table *zt_acc_doubles(const zt_report_input *in, zt_arena *a) {
  dprov *pv;
  size_t np = 0, shown, r = 0;
  int64_t rest_lines = 0, rest_cents = 0;
  /* the total is the table's (the Opvallend line's too) */
  const zt_ind_value *lines = acc_value(in, "dq.double_lines", "");
  const zt_ind_value *cents = acc_value(in, "dq.double_spend", "");
  zt_table *t;
  if (!in->ndoubles || !lines || !cents || lines->num <= 0)
    return NULL;
  pv = g_new0(dprov, in->ndoubles);
  for (size_t i = 0; i < in->ndoubles; i++) {
    const zt_double *d = &in->doubles[i];
    size_t k;
    for (k = 0; k < np && pv[k].agb != d->agb; k++)
      ;
    if (k == np)
      pv[np++].agb = d->agb;
    pv[k].lines++;
    pv[k].cents += d->amount;
  }
  qsort(pv, np, sizeof *pv, dprov_cmp);
  /* a single provider beyond the top is shown rather than "overige" */
  shown = np <= DOUBLE_PROVIDERS + 1 ? np : DOUBLE_PROVIDERS;
  for (size_t k = shown; k < np; k++) {
    rest_lines += pv[k].lines;
    rest_cents += pv[k].cents;
  }
  t = lines_table(a, 1 + shown + (np > shown) + 1, "Aanbieder");
  for (size_t k = 0; k < shown; k++)
    answer_row(t, a, ++r, agb_name(in, a, pv[k].agb), pv[k].lines,
               pv[k].cents);
  if (np > shown)
    answer_row(t, a, ++r,
               zt_arena_printf(a, "Overige aanbieders (%zu)", np - shown),
               rest_lines, rest_cents);
  t->rflags[++r] = ZT_ROW_TOTAL;
  answer_row(t, a, r, "Totaal", lines->num, cents->num);
  g_free(pv);
  zt_table_add_note(
      t, a,
      "Een regel telt hier als hij op een eerder aangeleverde regel lijkt: "
      "dezelfde jeugdige, aanbieder, toewijzing, productcategorie en "
      "productcode, dezelfde productperiode, hetzelfde volume met "
      "dezelfde eenheid en "
      "hetzelfde bedrag, maar een ander referentienummer, en beide regels "
      "tellen mee (niet gecrediteerd, niet afgewezen door de gemeente). "
      "De eerste regel telt niet mee in deze tabel, elke volgende wel. "
      "Zulke regels tellen mee in de kosten en de zorg tot de gemeente "
      "ze afwijst: twee gelijke regels kunnen terecht zijn, de gemeente "
      "beslist. De referentienummers per regel staan in "
      "intern/mogelijk-dubbel.csv, een bestand voor intern gebruik. "
      "Regels van zorg die in de periode begint. " ZT_NOTE_ROUNDED);
  return t;
}

/* ---- settings --------------------------------------------------------- */

/* The member list in words: "Hilversum, Gooise Meren, ..., Weesp (tot
 * en met 23 maart 2022)". */
static const char *members_text(const zt_report_input *in, zt_arena *a) {
  zt_buf b;
  const char *res;
  zt_buf_init(&b, 1u << 16);
  for (size_t i = 0; i < in->nmembers; i++) {
    const zt_member *m = &in->members[i];
    zt_buf_printf(&b, "%s%s", i ? ", " : "", gem_name(in, m->gemeente));
    if (m->from != ZT_DAY_NONE && m->to != ZT_DAY_NONE)
      zt_buf_printf(&b, " (van %s tot en met %s)", date_text(a, m->from),
                    date_text(a, m->to));
    else if (m->from != ZT_DAY_NONE)
      zt_buf_printf(&b, " (vanaf %s)", date_text(a, m->from));
    else if (m->to != ZT_DAY_NONE)
      zt_buf_printf(&b, " (tot en met %s)", date_text(a, m->to));
  }
  res = zt_arena_strdup(a, zt_buf_str(&b));
  zt_buf_free(&b);
  return res;
}

const char *zt_acc_setting_text(const zt_report_input *in, zt_arena *a,
                                const char *key, const char *raw) {
  const char *dot = strrchr(key, '.');
  const char *k = dot ? dot + 1 : key;
  if (strcmp(k, "municipalities") == 0)
    return members_text(in, a);
  return zt_nl_setting_value(key, raw);
}

zt_table *zt_acc_settings(const zt_report_input *in, zt_arena *a) {
  zt_table *t = zt_table_new(a, in->nsettings + 1, 2);
  t->rflags[0] = ZT_ROW_HEAD;
  t->row_header = true;
  zt_table_set(t, a, 0, 0, "Instelling", 0);
  zt_table_set(t, a, 0, 1, "Waarde", 0);
  t->weight[0] = 1.0;
  t->weight[1] = 1.6;
  for (size_t i = 0; i < in->nsettings; i++) {
    const char *s = in->settings[i], *eq = strchr(s, '=');
    const char *key, *v, *nl;
    const char *ke = eq ? eq : s + strlen(s);
    while (ke > s && ke[-1] == ' ')
      ke--;
    key = zt_arena_strndup(a, s, (size_t)(ke - s));
    v = eq ? eq + 1 : "";
    while (*v == ' ')
      v++;
    nl = zt_nl_setting_name(key);
    zt_table_set(t, a, i + 1, 0, nl ? nl : key, 0);
    zt_table_set(t, a, i + 1, 1, zt_acc_setting_text(in, a, key, v), 0);
  }
  return t;
}

/* ---- the region's composition ------------------------------------------ */

/* "A", "A en B", "A, B en C" of the names of the municipalities merged
 * into `into` on day `on`. */
static const char *predecessors(const zt_report_input *in, zt_arena *a,
                                uint16_t into, zt_day last, size_t *cnt) {
  zt_buf b;
  const char *res;
  size_t n = 0, k = 0;
  for (size_t i = 0; i < in->ngemeente_table; i++) {
    const zt_gemeente *g = &in->gemeente_table[i];
    n += g->successor == into && g->valid_to == last;
  }
  zt_buf_init(&b, 1u << 16);
  for (size_t i = 0; i < in->ngemeente_table; i++) {
    const zt_gemeente *g = &in->gemeente_table[i];
    if (g->successor != into || g->valid_to != last)
      continue;
    k++;
    zt_buf_printf(&b, "%s%s", k == 1 ? "" : k == n ? " en " : ", ",
                  g->name);
  }
  res = zt_arena_strdup(a, zt_buf_str(&b));
  zt_buf_free(&b);
  *cnt = n;
  return res;
}

/* The code `code` becomes by day `d` through its successors. */
static uint16_t code_on(const zt_report_input *in, uint16_t code,
                        zt_day d) {
  for (int hop = 0; hop < 16; hop++) {
    const zt_gemeente *g = gemeente(in, code);
    if (!g || g->valid_to == ZT_DAY_NONE || g->valid_to >= d ||
        !g->successor)
      break;
    code = g->successor;
  }
  return code;
}

const char *zt_acc_composition(const zt_report_input *in, zt_arena *a) {
  const char *b = raw_setting(in, "boundaries", a);
  bool historic = b && strcmp(b, "historic") == 0;
  zt_day bday = in->peildatum;
  zt_buf out;
  const char *res;
  size_t said = 0;
  zt_buf_init(&out, 1u << 16);
  for (size_t i = 0; i < in->nmembers; i++) {
    const zt_member *m = &in->members[i];
    const zt_gemeente *g = gemeente(in, m->gemeente);
    const char *nm = gem_name(in, m->gemeente);
    uint16_t now = historic ? m->gemeente : code_on(in, m->gemeente, bday);
    const char *sp = said ? " " : "";
    if (now != m->gemeente && !is_member_code(in, now)) {
      zt_day left = m->to != ZT_DAY_NONE ? m->to + 1 : g->valid_to + 1;
      zt_buf_printf(&out,
                    "%s%s is vanaf %s geen deel meer van de regio (de "
                    "gemeente is opgegaan in %s) en telt in geen enkel "
                    "jaar mee: de cijfers zijn berekend met de "
                    "gemeentegrenzen van de peildatum, ook voor de jaren "
                    "dat %s bij de regio hoorde.",
                    sp, nm, date_text(a, left), gem_name(in, now), nm);
      said++;
    } else if (now != m->gemeente) {
      zt_buf_printf(&out,
                    "%s%s is op %s opgegaan in %s; de cijfers van %s "
                    "tellen in alle jaren mee bij %s.",
                    sp, nm, date_text(a, g->valid_to + 1),
                    gem_name(in, now), nm, gem_name(in, now));
      said++;
    } else if (m->from != ZT_DAY_NONE || m->to != ZT_DAY_NONE) {
      if (m->to != ZT_DAY_NONE)
        zt_buf_printf(&out,
                      "%s%s is vanaf %s geen deel meer van de regio en "
                      "telt alleen mee voor zorg die vóór die dag "
                      "begon.",
                      sp, nm, date_text(a, m->to + 1));
      if (m->from != ZT_DAY_NONE)
        zt_buf_printf(&out,
                      "%s%s hoort vanaf %s bij de regio en telt mee voor "
                      "zorg die vanaf die dag begon.",
                      m->to != ZT_DAY_NONE || said ? " " : "", nm,
                      date_text(a, m->from));
      said++;
    }
    /* municipalities merged into this member */
    for (size_t j = 0; j < in->ngemeente_table; j++) {
      const zt_gemeente *p = &in->gemeente_table[j];
      const char *names;
      size_t cnt;
      bool first = true;
      if (p->successor != m->gemeente || p->valid_to == ZT_DAY_NONE)
        continue;
      /* one sentence per merger date: at its first predecessor */
      for (size_t k = 0; k < j && first; k++)
        first = !(in->gemeente_table[k].successor == m->gemeente &&
                  in->gemeente_table[k].valid_to == p->valid_to);
      if (!first)
        continue;
      names = predecessors(in, a, m->gemeente, p->valid_to, &cnt);
      if (!historic)
        zt_buf_printf(&out,
                      "%s%s is op %s ontstaan uit %s; %s cijfers van "
                      "vóór die datum tellen mee bij %s.",
                      said ? " " : "", nm, date_text(a, p->valid_to + 1),
                      names, cnt == 1 ? "de" : "hun", nm);
      else
        zt_buf_printf(&out,
                      "%s%s is op %s ontstaan uit %s; zorg die vóór die "
                      "datum begon, telt alleen mee als %s zelf in de "
                      "lijst van gemeenten staat.",
                      said ? " " : "", nm, date_text(a, p->valid_to + 1),
                      names, cnt == 1 ? "die gemeente" : "die gemeenten");
      said++;
    }
  }
  if (!said)
    zt_buf_puts(&out, "Alle gemeenten van de regio tellen in alle "
                "perioden mee.");
  res = zt_arena_strdup(a, zt_buf_str(&out));
  zt_buf_free(&out);
  return res;
}

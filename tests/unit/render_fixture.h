/*
 * tests/unit/render_fixture.h -- a realistic hand-made report input for
 * the renderer's tests: the Gooi en Vechtstreek region (six
 * municipalities), the 1e halfjaar 2022, seven half-years of trend, the
 * years 2020 and 2021, episodes, measures, budget, sources and targets,
 * with numbers of the size the source documents reported (8.967 clients a
 * year, 456 in verblijf, family-setting shares of 55-68%).
 *
 * The values are invented but consistent: shares are computed from the
 * counts they are shares of, totals from their parts, and display strings
 * are written with format_nl the way metrics/ writes them, with small
 * counts below region level suppressed ("< 5"). Header-only (static
 * functions) because each test program is built from one source file.
 */
#ifndef ZT_RENDER_FIXTURE_H
#define ZT_RENDER_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "core/kinds.h"
#include "core/str.h"
#include "metrics/period.h"
#include "metrics/table.h"
#include "render/format_nl.h"
#include "render/report.h"

#define RF_NGEM 6
#define RF_NTREND 7

typedef struct rf_fixture {
  zt_report_input in;
  zt_ind_table *t;
  uint16_t gem[RF_NGEM];
  const char *gem_names[RF_NGEM];
  zt_period trend[RF_NTREND];
  zt_report_target targets[16];
  zt_measure measures[12];
  zt_budget_row budget[12];
  zt_source_file sources[8];
  const char *settings[10];
} rf_fixture;

/* Put one row; the display string follows the unit and suppression. */
__attribute__((unused))
static void rf_put(rf_fixture *f, const char *ind, const char *period,
                   uint16_t gem, const char *bd, zt_unit unit, int64_t num,
                   int64_t den, int64_t n) {
  zt_ind_value v;
  memset(&v, 0, sizeof v);
  zt_strlcpy(v.indicator, ind, sizeof v.indicator);
  zt_strlcpy(v.period, period, sizeof v.period);
  zt_strlcpy(v.breakdown, bd ? bd : "", sizeof v.breakdown);
  v.gemeente = gem;
  v.unit = unit;
  v.num = num;
  v.den = den;
  v.n = n;
  {
    zt_period p;
    zt_period_parse(period, &p, NULL);
    v.peildatum = p.end;
  }
  /* small-number suppression below region level (docs/indicators.md) */
  if (gem != ZT_GEMEENTE_REGIO || (bd && strncmp(bd, "provider=", 9) == 0)) {
    if (unit == ZT_UNIT_COUNT && den == 1 && num > 0 && num < 5) {
      v.suppressed = true;
      zt_strlcpy(v.display, "< 5", sizeof v.display);
    } else if (unit != ZT_UNIT_COUNT && n < 5) {
      v.suppressed = true;
      zt_strlcpy(v.display, "\xc2\xb7", sizeof v.display);
    }
  }
  if (!v.suppressed) {
    char buf[ZT_FMT_MAX];
    switch (unit) {
    case ZT_UNIT_EUR: zt_fmt_eur(num, den, buf); break;
    case ZT_UNIT_PERCENT: zt_fmt_percent(num, den, buf); break;
    case ZT_UNIT_YEARS: zt_fmt_decimal(num, den, 1, buf); break;
    case ZT_UNIT_COUNT: zt_fmt_decimal(num, den, den == 1 ? 0 : 1, buf);
      break;
    default: zt_fmt_decimal(num, den, 0, buf); break;
    }
    zt_strlcpy(v.display, buf, sizeof v.display);
  }
  zt_ind_table_put(f->t, &v);
}

__attribute__((unused))
static void rf_count(rf_fixture *f, const char *ind, const char *period,
                     uint16_t gem, const char *bd, int64_t n) {
  rf_put(f, ind, period, gem, bd, ZT_UNIT_COUNT, n, 1, n);
}

/* A deterministic wobble of +-4% so periods and municipalities differ. */
__attribute__((unused))
static int64_t rf_wobble(int64_t v, unsigned salt) {
  uint32_t h = salt * 2654435761u;
  h ^= h >> 13;
  return v + v * ((int64_t)(h % 81u) - 40) / 1000;
}

/* Yearly region counts per kind (the source documents' order of size). */
static const int rf_kind_year[ZT_K_COUNT] = {
  [ZT_K_AMB_BEGELEIDING] = 2410, [ZT_K_AMB_BEHANDELING] = 4320,
  [ZT_K_DAGBEHANDELING] = 388,   [ZT_K_DAGACTIVITEITEN] = 214,
  [ZT_K_DYSLEXIE] = 526,         [ZT_K_ZIEKENHUIS] = 152,
  [ZT_K_LOGEREN] = 141,          [ZT_K_CRISIS] = 96,
  [ZT_K_PLEEGZORG] = 231,        [ZT_K_GEZINSHUIS] = 61,
  [ZT_K_RESIDENTIEEL] = 104,     [ZT_K_DRIEMILIEU] = 12,
  [ZT_K_GESLOTEN] = 18,          [ZT_K_GGZ_KLINISCH] = 34,
  [ZT_K_BESCHERMD_WONEN] = 9,    [ZT_K_LTA] = 41,
  [ZT_K_JEUGDBESCHERMING] = 361, [ZT_K_VOOGDIJ] = 148,
  [ZT_K_JEUGDRECLASSERING] = 66, [ZT_K_OVERIG] = 83,
};

/* Share of each municipality in the region's clients (per mille). */
static const int rf_gem_share[RF_NGEM] = {32, 205, 392, 172, 41, 118};

/* Family-setting and residential shares of verblijf per trend index,
 * in tenths of a percent (61,2% -> 612). */
static const int rf_gezin_pm[RF_NTREND] = {551, 566, 579, 590, 603, 612,
                                           640};
static const int rf_resi_pm[RF_NTREND] = {350, 336, 321, 305, 284, 268,
                                          241};

__attribute__((unused))
static void rf_period_values(rf_fixture *f, const char *period,
                             double scale, int ti, unsigned salt) {
  char bd[64];
  int64_t total = 0, spend = 0, verblijf = 0;
  for (int k = 0; k < ZT_K_COUNT; k++) {
    int64_t n = rf_wobble((int64_t)(rf_kind_year[k] * scale),
                          salt * 31u + (unsigned)k);
    int64_t cents = n * (zt_kind_in((zt_care_kind)k, ZT_G_VERBLIJF)
                             ? 3900000 : 310000);
    snprintf(bd, sizeof bd, "kind=%s", zt_kind_id((zt_care_kind)k));
    rf_count(f, "clients.by_kind", period, 0, bd, n);
    rf_put(f, "spend.by_kind", period, 0, bd, ZT_UNIT_EUR, cents, 1, n);
    total += n;
    spend += cents;
    if (zt_kind_in((zt_care_kind)k, ZT_G_VERBLIJF)) {
      rf_count(f, "verblijf.clients_by_kind", period, 0, bd, n);
      verblijf += n;
    }
  }
  /* a child with several kinds counts once: 84% of the sum is unique */
  total = total * 84 / 100;
  rf_count(f, "clients.total", period, 0, "", total);
  rf_put(f, "spend.total", period, 0, "", ZT_UNIT_EUR, spend, 1, total);
  rf_put(f, "spend.per_client", period, 0, "", ZT_UNIT_EUR, spend, total,
         total);
  rf_count(f, "providers.active", period, 0, "", 148 + (ti > 0 ? ti : 0));
  rf_put(f, "providers.top10_share", period, 0, "", ZT_UNIT_PERCENT,
         spend * 58 / 100, spend, 148);
  rf_count(f, "verblijf.clients", period, 0, "", verblijf);
  if (ti >= 0) {
    int64_t gz = verblijf * rf_gezin_pm[ti] / 1000;
    int64_t rs = verblijf * rf_resi_pm[ti] / 1000;
    rf_put(f, "verblijf.share_gezinsvorm", period, 0, "", ZT_UNIT_PERCENT,
           gz, verblijf, verblijf);
    rf_put(f, "verblijf.share_residentieel", period, 0, "",
           ZT_UNIT_PERCENT, rs, verblijf, verblijf);
    rf_count(f, "verblijf.residentieel_under12", period, 0, "",
             ti >= 6 ? 2 : 6 - ti / 2);
    rf_count(f, "ggz_klinisch.under12", period, 0, "", ti >= 5 ? 0 : 1);
    rf_count(f, "instroom.placements", period, 0, "", 61 + ti);
    rf_put(f, "instroom.share_residentieel", period, 0, "",
           ZT_UNIT_PERCENT, 27 - ti, 61 + ti, 61 + ti);
  }
  rf_count(f, "ggz_klinisch.clients", period, 0, "",
           rf_wobble((int64_t)(34 * scale), salt + 7));
  rf_count(f, "beschermd_wonen.clients", period, 0, "",
           rf_wobble((int64_t)(9 * scale), salt + 8));
  rf_count(f, "gi.jeugdbescherming", period, 0, "",
           rf_wobble((int64_t)(361 * scale), salt + 9));
  rf_count(f, "gi.voogdij", period, 0, "",
           rf_wobble((int64_t)(148 * scale), salt + 10));
  rf_count(f, "gi.jeugdreclassering", period, 0, "",
           rf_wobble((int64_t)(66 * scale), salt + 11));
  /* the municipalities */
  for (int g = 0; g < RF_NGEM; g++) {
    uint16_t code = f->gem[g];
    int64_t gt = 0, gs = 0, gv = 0, ggz = 0, grs = 0;
    for (int k = 0; k < ZT_K_COUNT; k++) {
      int64_t n = rf_wobble((int64_t)(rf_kind_year[k] * scale) *
                                rf_gem_share[g] / 1000,
                            salt * 17u + (unsigned)(g * 40 + k));
      if (n == 0 && (k == ZT_K_GESLOTEN || k == ZT_K_DRIEMILIEU))
        n = 1 + g % 3;
      snprintf(bd, sizeof bd, "kind=%s", zt_kind_id((zt_care_kind)k));
      if (n > 0)
        rf_count(f, "clients.by_kind", period, code, bd, n);
      gt += n;
      gs += n * (zt_kind_in((zt_care_kind)k, ZT_G_VERBLIJF) ? 3900000
                                                            : 310000);
      if (zt_kind_in((zt_care_kind)k, ZT_G_VERBLIJF)) {
        gv += n;
        if (zt_kind_in((zt_care_kind)k, ZT_G_GEZINSVORM))
          ggz += n;
        if (zt_kind_in((zt_care_kind)k, ZT_G_RESIDENTIEEL))
          grs += n;
      }
    }
    gt = gt * 85 / 100;
    rf_count(f, "clients.total", period, code, "", gt);
    rf_put(f, "spend.total", period, code, "", ZT_UNIT_EUR, gs, 1, gt);
    if (ti >= 0 && gv > 0) {
      /* push the municipal shares along the regional trend */
      int64_t gzn = gv * (rf_gezin_pm[ti] - 30 + 12 * g) / 1000;
      int64_t rsn = gv * (rf_resi_pm[ti] + 20 - 8 * g) / 1000;
      (void)ggz;
      (void)grs;
      rf_put(f, "verblijf.share_gezinsvorm", period, code, "",
             ZT_UNIT_PERCENT, gzn, gv, gv);
      rf_put(f, "verblijf.share_residentieel", period, code, "",
             ZT_UNIT_PERCENT, rsn, gv, gv);
    }
  }
}

__attribute__((unused))
static void rf_build(rf_fixture *f) {
  static const uint16_t codes[RF_NGEM] = {376, 1942, 402, 406, 417, 1696};
  static const char *const names[RF_NGEM] = {
      "Blaricum", "Gooise Meren", "Hilversum", "Huizen", "Laren",
      "Wijdemeren"};
  char period[8];
  memset(f, 0, sizeof *f);
  f->t = zt_ind_table_new();
  for (int g = 0; g < RF_NGEM; g++) {
    f->gem[g] = codes[g];
    f->gem_names[g] = names[g];
  }
  for (int i = 0; i < RF_NTREND; i++) {
    f->trend[i] = zt_period_half(2019 + i / 2, i % 2 + 1);
    zt_period_name(&f->trend[i], period);
    rf_period_values(f, period, 0.71 + 0.012 * i, i, 100u + (unsigned)i);
  }
  /* the years take the shares of their second half-year */
  rf_period_values(f, "2020", 0.985, 3, 7u);
  rf_period_values(f, "2021", 1.0, 5, 9u);
  /* the 2020 total is the source documents' figure */
  rf_count(f, "clients.total", "2020", 0, "", 8967);

  /* verblijf on the peildatum per provider (fictitious providers) */
  {
    static const struct {
      const char *name;
      int n;
    } prov[] = {
        {"Pleegzorg Gooi en Vecht", 96}, {"Gezinshuizen Het Gooi", 31},
        {"De Linde Jeugdzorg", 38},      {"Behandelgroep De Horst", 24},
        {"Kliniek Zuiderpark", 12},      {"Driemilieu Oostveen", 7},
        {"JeugdzorgPlus Noordrand", 3},  {"Beschermd Wonen Eemland", 2},
    };
    char bd[64];
    int sum = 0;
    for (size_t i = 0; i < sizeof prov / sizeof prov[0]; i++) {
      snprintf(bd, sizeof bd, "provider=%s", prov[i].name);
      rf_count(f, "verblijf.at_peildatum", "2022-H1", 0, bd, prov[i].n);
      sum += prov[i].n;
    }
    rf_count(f, "verblijf.at_peildatum", "2022-H1", 0, "", sum);
  }

  /* the episode analysis of the 2022-H1 cohort */
  {
    const char *p = "2022-H1";
    static const struct {
      const char *bd;
      int n;
    } dur[] = {{"duration=1-30", 21},     {"duration=31-90", 18},
               {"duration=91-180", 24},   {"duration=181-365", 35},
               {"duration=366-730", 38},  {"duration=731-1095", 22},
               {"duration=1096+", 22}},
      prv[] = {{"providers=1", 50}, {"providers=2", 46}, {"providers=3", 38},
               {"providers=4", 22}, {"providers=5+", 24}};
    for (size_t i = 0; i < sizeof dur / sizeof dur[0]; i++)
      rf_count(f, "episodes.clients", p, 0, dur[i].bd, dur[i].n);
    for (size_t i = 0; i < sizeof prv / sizeof prv[0]; i++)
      rf_count(f, "episodes.clients", p, 0, prv[i].bd, prv[i].n);
    rf_count(f, "episodes.clients", p, 0, "", 180);
    rf_count(f, "episodes.ended", p, 0, "", 135);
    rf_count(f, "episodes.continuing", p, 0, "", 45);
    rf_count(f, "episodes.age_le12", p, 0, "", 48);
    /* 180 episodes of 100.260 days together: 557 days on average */
    rf_put(f, "episodes.duration_mean", p, 0, "", ZT_UNIT_DAYS, 100260,
           180, 180);
    rf_put(f, "episodes.duration_mean_ended", p, 0, "", ZT_UNIT_DAYS, 55080,
           135, 135);
    rf_put(f, "episodes.duration_mean_continuing", p, 0, "", ZT_UNIT_DAYS,
           45270, 45, 45);
    rf_count(f, "episodes.short", p, 0, "", 21);
    rf_put(f, "episodes.short_duration_mean", p, 0, "", ZT_UNIT_DAYS, 210,
           21, 21);
    rf_put(f, "episodes.long_duration_mean", p, 0, "", ZT_UNIT_DAYS, 100050,
           159, 159);
    rf_put(f, "episodes.top_duration_mean", p, 0, "", ZT_UNIT_DAYS, 40125,
           25, 25);
    rf_put(f, "episodes.top_cost_mean", p, 0, "", ZT_UNIT_EUR,
           1312500000, 25, 25);
    rf_put(f, "episodes.top_age_mean", p, 0, "", ZT_UNIT_YEARS, 3875, 250,
           25);
    rf_count(f, "episodes.single_provider", p, 0, "", 50);
    rf_put(f, "episodes.providers_mean_multi", p, 0, "", ZT_UNIT_COUNT, 533,
           130, 130);
    rf_put(f, "episodes.cost_mean", p, 0, "", ZT_UNIT_EUR, 1980000000, 180,
           180);
    rf_put(f, "episodes.cost_mean_continuing", p, 0, "", ZT_UNIT_EUR,
           751500000, 45, 45);
    rf_put(f, "episodes.cost_mean_history", p, 0, "", ZT_UNIT_EUR,
           2196000000, 180, 180);
    rf_put(f, "episodes.cost_mean_history_continuing", p, 0, "",
           ZT_UNIT_EUR, 810000000, 45, 45);
    rf_put(f, "episodes.ambulant_cost_mean", p, 0, "", ZT_UNIT_EUR,
           504000000, 180, 180);
    rf_put(f, "savings.longstay", p, 0, "", ZT_UNIT_EUR, 41500000, 1, 25);
    rf_put(f, "savings.placement", p, 0, "", ZT_UNIT_EUR, 9400000, 1, 180);
  }

  /* the woonplaatsbeginsel shift per municipality */
  {
    static const int shift[RF_NGEM] = {-6, 14, -23, 9, -4, 11};
    for (int g = 0; g < RF_NGEM; g++) {
      const zt_ind_value *v = zt_ind_table_find(f->t, "clients.total",
                                                "2022-H1", f->gem[g], "");
      const zt_ind_value *s = zt_ind_table_find(f->t, "spend.total",
                                                "2022-H1", f->gem[g], "");
      int64_t n = v ? v->num : 100, cents = s ? s->num : 0;
      rf_count(f, "wpb.clients_declared", "2022-H1", f->gem[g], "",
               n - shift[g]);
      rf_put(f, "wpb.clients_shift", "2022-H1", f->gem[g], "",
             ZT_UNIT_COUNT, shift[g], 1, n);
      rf_put(f, "wpb.spend_declared", "2022-H1", f->gem[g], "", ZT_UNIT_EUR,
             cents - shift[g] * 2150000, 1, n);
      rf_put(f, "wpb.spend_shift", "2022-H1", f->gem[g], "", ZT_UNIT_EUR,
             shift[g] * 2150000, 1, n);
    }
    /* the region itself does not shift */
    {
      const zt_ind_value *v = zt_ind_table_find(f->t, "clients.total",
                                                "2022-H1", 0, "");
      const zt_ind_value *s = zt_ind_table_find(f->t, "spend.total",
                                                "2022-H1", 0, "");
      rf_count(f, "wpb.clients_declared", "2022-H1", 0, "", v->num);
      rf_count(f, "wpb.clients_shift", "2022-H1", 0, "", 0);
      rf_put(f, "wpb.spend_declared", "2022-H1", 0, "", ZT_UNIT_EUR, s->num,
             1, v->num);
      rf_put(f, "wpb.spend_shift", "2022-H1", 0, "", ZT_UNIT_EUR, 0, 1,
             v->num);
    }
  }

  /* data quality: 245.310 read = 244.876 accepted + 434 rejected */
  rf_count(f, "dq.lines_read", "2022-H1", 0, "", 245310);
  rf_count(f, "dq.lines_accepted", "2022-H1", 0, "", 244876);
  rf_count(f, "dq.lines_rejected", "2022-H1", 0, "", 434);
  rf_count(f, "dq.residence_fallback", "2022-H1", 0, "", 37);
  rf_count(f, "dq.lines_rejected", "2022-H1", 0, "reason=bsn_elfproef", 112);
  rf_count(f, "dq.lines_rejected", "2022-H1", 0, "reason=date_invalid", 87);
  rf_count(f, "dq.lines_rejected", "2022-H1", 0, "reason=gemeente_unknown",
           64);
  rf_count(f, "dq.lines_rejected", "2022-H1", 0,
           "reason=duplicate_reference", 98);
  rf_count(f, "dq.lines_rejected", "2022-H1", 0,
           "reason=credit_without_debit", 41);
  rf_count(f, "dq.lines_rejected", "2022-H1", 0, "reason=missing_field", 32);

  /* targets: 60/65/70% gezinsvorm, 27/23/18% residentieel (2020/21/22) */
  {
    static const struct {
      const char *ind, *period;
      zt_target_op op;
      int v;
    } tg[] = {
        {"verblijf.share_gezinsvorm", "2020", ZT_OP_GE, 60},
        {"verblijf.share_gezinsvorm", "2021", ZT_OP_GE, 65},
        {"verblijf.share_gezinsvorm", "2022", ZT_OP_GE, 70},
        {"verblijf.share_residentieel", "2020", ZT_OP_LE, 27},
        {"verblijf.share_residentieel", "2021", ZT_OP_LE, 23},
        {"verblijf.share_residentieel", "2022", ZT_OP_LE, 18},
        {"verblijf.residentieel_under12", "2022", ZT_OP_EQ, 0},
        {"ggz_klinisch.under12", "2022", ZT_OP_EQ, 0},
        {"instroom.share_residentieel", "2022", ZT_OP_LE, 30},
    };
    for (size_t i = 0; i < sizeof tg / sizeof tg[0]; i++) {
      zt_report_target *t = &f->targets[i];
      zt_strlcpy(t->indicator, tg[i].ind, sizeof t->indicator);
      zt_strlcpy(t->period, tg[i].period, sizeof t->period);
      t->gemeente = ZT_GEMEENTE_REGIO;
      t->op = tg[i].op;
      t->num = tg[i].v;
      t->den = 1;
    }
    f->in.ntargets = sizeof tg / sizeof tg[0];
  }

  /* measures and budget */
  {
    static const struct {
      const char *id, *lijn, *maatregel, *wat, *van, *tot, *door, *status;
      int64_t budget, besteed;
    } m[] = {
        {"M1", "Versterken van pleegzorg", "Werving pleeggezinnen",
         "Gerichte campagne en informatieavonden voor nieuwe pleegouders",
         "2021-Q3", "2023-Q2", "Pleegzorgaanbieders en regio", "lopend",
         18000000, 11250000},
        {"M2", "Versterken van pleegzorg", "Ondersteuning pleegouders",
         "Vaste contactpersoon en respijtzorg voor pleeggezinnen",
         "2022-Q1", "2023-Q4", "Pleegzorgaanbieders", "lopend", 24000000,
         6800000},
        {"M3", "Versterken van pleegzorg", "Netwerkpleegzorg",
         "Eerst kijken naar plaatsing in het eigen netwerk", "2021-Q1",
         "2021-Q4", "Lokale teams", "gereed", 6000000, 5920000},
        {"M4", "Gezinshuizen en kleinschalig wonen", "Nieuwe gezinshuizen",
         "Drie extra gezinshuizen in de regio", "2022-Q1", "2024-Q2",
         "Regio en aanbieders", "vertraagd", 45000000, 8200000},
        {"M5", "Gezinshuizen en kleinschalig wonen",
         "Kleinschalige woonvoorziening 16+",
         "Begeleid wonen voor jongeren die niet thuis kunnen wonen",
         "2022-Q3", "2023-Q4", "Woningcorporaties en aanbieders", "gepland",
         30000000, 0},
        {"M6", "Preventie en lokale teams", "Praktijkondersteuner jeugd",
         "Een praktijkondersteuner jeugd in elke huisartsenpraktijk",
         "2021-Q1", "2022-Q4",
         "Gemeenten en huisartsen", "lopend", 21000000, 16400000},
        {"M7", "Preventie en lokale teams", "Gezinscoaching",
         "Intensieve ambulante hulp thuis om plaatsing te voorkomen",
         "2021-Q2", "2022-Q2", "Lokale teams", "gereed", 12000000, 11800000},
        {"M8", "Preventie en lokale teams", "Onderwijs-zorgarrangementen",
         "Zorg in de school voor leerlingen met extra ondersteuning",
         "2022-Q2", "2023-Q3", "Samenwerkingsverbanden", "lopend", 9000000,
         1500000},
        {"M9", "Afbouw residentiële zorg", "Afbouw behandelgroepen",
         "Capaciteit van behandel- en leefgroepen stapsgewijs omzetten",
         "2021-Q1", "2024-Q4", "Aanbieders en regio", "lopend", 15000000,
         7300000},
        {"M10", "Afbouw residentiële zorg", "Geen plaatsing onder 12",
         "Geen jonge kinderen meer in residentiële groepen", "2021-Q1",
         "2022-Q4", "Regio, aanbieders, gecertificeerde instellingen",
         "vertraagd", 4000000, 2100000},
        {"M11", "Afbouw residentiële zorg", "Pilot driemilieu",
         "Pilot met een kleinschalige driemilieuvoorziening", "2021-Q2",
         "2021-Q4", "Aanbieder", "gestopt", 8000000, 1900000},
        {"M12", "Afbouw residentiële zorg", "Terugkeer naar huis",
         "Trajectbegeleiding bij terugkeer uit verblijf naar huis",
         "2022-Q2", "2023-Q2", "Aanbieders en lokale teams", "lopend",
         10000000, 2400000},
    };
    static const char *const lijnen[4] = {
        "Versterken van pleegzorg", "Gezinshuizen en kleinschalig wonen",
        "Preventie en lokale teams", "Afbouw residentiële zorg"};
    static const int64_t uit[4][3] = {{5200000, 9800000, 12100000},
                                      {900000, 7300000, 24500000},
                                      {14100000, 15600000, 11800000},
                                      {4600000, 6700000, 9300000}};
    static const int64_t mid[4][3] = {{6000000, 10000000, 12000000},
                                      {2000000, 12000000, 20000000},
                                      {15000000, 15000000, 12000000},
                                      {6000000, 8000000, 8000000}};
    for (size_t i = 0; i < sizeof m / sizeof m[0]; i++) {
      zt_measure *x = &f->measures[i];
      zt_strlcpy(x->id, m[i].id, sizeof x->id);
      zt_strlcpy(x->actielijn, m[i].lijn, sizeof x->actielijn);
      zt_strlcpy(x->maatregel, m[i].maatregel, sizeof x->maatregel);
      zt_strlcpy(x->wat, m[i].wat, sizeof x->wat);
      zt_strlcpy(x->van, m[i].van, sizeof x->van);
      zt_strlcpy(x->tot, m[i].tot, sizeof x->tot);
      zt_strlcpy(x->door_wie, m[i].door, sizeof x->door_wie);
      zt_strlcpy(x->status, m[i].status, sizeof x->status);
      x->budget_extra = m[i].budget;
      x->besteed = m[i].besteed;
    }
    f->in.nmeasures = sizeof m / sizeof m[0];
    for (int l = 0; l < 4; l++)
      for (int y = 0; y < 3; y++) {
        zt_budget_row *b = &f->budget[l * 3 + y];
        zt_strlcpy(b->actielijn, lijnen[l], sizeof b->actielijn);
        b->jaar = 2021 + y;
        b->uitgaven = uit[l][y];
        b->middelen = mid[l][y];
      }
    f->in.nbudget = 12;
  }

  /* sources */
  {
    static const struct {
      const char *name, *kind;
      int m, d;
      long read, rej, dup;
    } s[] = {
        {"aanbieder_01234567_2022-07.xml", "declaraties", 7, 4, 61240, 102,
         12},
        {"aanbieder_12345674_2022-07.csv", "declaraties", 7, 5, 48733, 87,
         0},
        {"aanbieder_23456781_2022-07.xml.gz", "declaraties", 7, 6, 39012,
         64, 3},
        {"aanbieder_34567812_2022-07.csv", "declaraties", 7, 8, 42871, 98,
         0},
        {"aanbieder_45678123_2022-07.xml", "declaraties", 7, 11, 30196, 41,
         5},
        {"toewijzingen_2022-H1.xml", "toewijzingen", 7, 12, 18224, 32, 0},
        {"brp_verhuizingen_2022-06-30.csv", "residenties", 7, 1, 4910, 10,
         0},
        {"productcodes_2022.csv", "productcodes", 1, 10, 124, 0, 0},
    };
    for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
      zt_source_file *x = &f->sources[i];
      zt_strlcpy(x->name, s[i].name, sizeof x->name);
      zt_strlcpy(x->kind, s[i].kind, sizeof x->kind);
      x->ingested = zt_day_from_ymd(2022, s[i].m, s[i].d);
      x->lines_read = s[i].read;
      x->rejected = s[i].rej;
      x->accepted = s[i].read - s[i].rej;
      x->duplicates = s[i].dup;
    }
    f->in.nsources = sizeof s / sizeof s[0];
  }

  f->settings[0] = "region = Gooi en Vechtstreek";
  f->settings[1] = "municipalities = 0376,1942,0402,0406,0417,1696";
  f->settings[2] = "woonplaatsbeginsel = restated";
  f->settings[3] = "verblijf_gap_days = 0";
  f->settings[4] = "boundaries = current";
  f->settings[5] = "episode_kinds = instelling";
  f->settings[6] = "episode_gap_days = 7";
  f->settings[7] = "top_n = 25";
  f->settings[8] = "suppression = small";
  f->settings[9] = "threshold = 5";

  f->in.ind = f->t;
  f->in.region_name = "Gooi en Vechtstreek";
  f->in.gemeenten = f->gem;
  f->in.gemeente_names = f->gem_names;
  f->in.ngemeenten = RF_NGEM;
  f->in.period = zt_period_half(2022, 1);
  f->in.peildatum = zt_day_from_ymd(2022, 6, 30);
  f->in.trend = f->trend;
  f->in.ntrend = RF_NTREND;
  f->in.targets = f->targets;
  f->in.measures = f->measures;
  f->in.budget = f->budget;
  f->in.sources = f->sources;
  f->in.settings = f->settings;
  f->in.nsettings = 10;
  f->in.suppression_rule =
      "Onder regioniveau worden aantallen van 1 tot en met 4 jeugdigen "
      "getoond als \"< 5\", en gemiddelden en aandelen over minder dan 5 "
      "jeugdigen niet (\xc2\xb7). Een nul blijft zichtbaar.";
  f->in.not_for_publication = false;
  f->in.report_date = zt_day_from_ymd(2022, 9, 4);
  f->in.generated_at = (int64_t)zt_day_from_ymd(2022, 9, 4) * 86400 +
                       13 * 3600 + 5 * 60;
  f->in.version = "0.1.0";
}

/* The same region as an annual report over 2021, with the years as its
 * trend. */
__attribute__((unused))
static void rf_build_year(rf_fixture *f) {
  rf_build(f);
  f->trend[0] = zt_period_year(2020);
  f->trend[1] = zt_period_year(2021);
  f->in.ntrend = 2;
  f->in.period = zt_period_year(2021);
  f->in.peildatum = zt_day_from_ymd(2021, 12, 31);
  f->in.report_date = zt_day_from_ymd(2022, 2, 1);
}

__attribute__((unused))
static void rf_free(rf_fixture *f) {
  zt_ind_table_free(f->t);
  f->t = NULL;
}

#endif

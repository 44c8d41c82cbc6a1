/*
 * render/labels_nl.c -- the report's Dutch words for reject reasons,
 * configuration keys and values, and input file kinds (labels_nl.h).
 * The codes are the stable ones of etl/reasons.c, cli/config.c and the
 * store's ingest_file table; a unit test checks that every code has a
 * label here.
 */
#include "render/labels_nl.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "core/numfmt_nl.h"

typedef struct pair {
  const char *code;
  const char *nl;
} pair;

static const pair reasons[] = {
  {"bsn_format", "BSN heeft geen 9 cijfers"},
  {"bsn_elfproef", "BSN ongeldig (controlegetal klopt niet)"},
  {"date_invalid", "Ongeldige datum"},
  {"period_reversed", "Einddatum ligt voor de begindatum"},
  {"period_month", "Productperiode loopt over een maandgrens"},
  {"gemeente_unknown", "Onbekende gemeentecode"},
  {"agb_format", "AGB-code heeft geen 8 cijfers"},
  {"category_unknown", "Onbekende productcategorie"},
  {"unit_unknown", "Onbekende eenheid"},
  {"amount_invalid", "Ongeldig bedrag"},
  {"value_invalid", "Ongeldige waarde"},
  {"credit_without_debit", "Creditregel zonder bijbehorende debetregel"},
  {"duplicate_reference", "Dubbele referentie met andere inhoud"},
  {"duplicate_credit", "Tweede creditregel voor dezelfde declaratie"},
  {"residence_overlap", "Overlappende woonperiodes"},
  {"missing_field", "Verplicht veld ontbreekt"},
  {"field_too_long", "Veld is te lang"},
  {"field_count", "Verkeerd aantal velden"},
  {"encoding_invalid", "Ongeldige tekenset of stuurteken"},
  {"quote_unterminated", "Aanhalingsteken niet afgesloten"},
  {"delete_unknown", "Te verwijderen start of stop zorg onbekend"},
  {"answer_conflict", "Tweede, afwijkend declaratie-antwoord"},
  {"file_unreadable", "Bestand onleesbaar"},
  {"layout_unknown", "Onbekende bestandsindeling"},
  {"xml_malformed", "Geen geldige XML"},
  {"xml_kind_unknown", "Onbekend soort bericht"},
  {"header_invalid", "Ongeldige berichtkop"},
  {"reference_in_inbox", "Referentiebestand op een plek waar het niet "
                         "thuishoort"},
  {"entry_skipped", "Overgeslagen (koppeling of bijzonder bestand)"},
};

/* Retour codes of declaration answers (JW325; WJ001, the codes
 * docs/inputs.md names). */
static const pair retourcodes[] = {
  {"0001", "Technisch afgekeurd"},
  {"0200", "Geen opmerking"},
  {"0233", "Niet beoordeeld (cliënt afgewezen)"},
  {"0611", "Tarief wijkt af van het contract"},
  {"8001", "Volledig toegewezen"},
  {"8017", "Creditregel zonder bekende debetregel"},
  {"8021", "Referentienummer al eerder aangeleverd"},
  {"8187", "Prestatie hoort niet bij de cliënt"},
  {"8214", "Periode sluit niet aan"},
  {"8848", "Dagtekening ligt in de toekomst"},
  {"9307", "Prestatie valt buiten de toewijzingsperiode"},
  {"9308", "Prestatie valt buiten de toewijzingsperiode"},
  {"9319", "Productperiode valt buiten de declaratieperiode"},
  {"9321", "Meer volume dan toegewezen"},
  {"9322", "Meer volume dan toegewezen"},
  {"9333", "Declaratienummer niet uniek"},
  {"9338", "Geen toewijzing bij het toewijzingnummer"},
  {"9339", "Productcategorie wijkt af van de toewijzing"},
  {"9340", "Productcode wijkt af van de toewijzing"},
  {"9341", "Eenheid wijkt af van de toewijzing"},
  {"9346", "Bedrag is niet volume maal tarief"},
  {"9369", "Boven het budget van de toewijzing"},
  {"9384", "Declaratie op een verwijderde toewijzing"},
  {"9387", "Productperiode niet per hele maand"},
  {"9388", "Productperiode niet per hele maand"},
  {"9389", "Tweede debetregel zonder creditregel"},
  {"9390", "Regel is al gecrediteerd"},
  {"S300", "Onbekende gemeentecode"},
  {"S329", "Productcode past niet bij de productcategorie"},
};

/* Configuration keys as zt_config_describe() writes them. */
static const pair setting_names[] = {
  {"region.name", "Naam van de regio"},
  {"region.municipalities", "Gemeenten van de regio"},
  {"normalize.woonplaatsbeginsel", "Woonplaatsbeginsel"},
  {"normalize.boundaries", "Gemeentegrenzen"},
  /* the chain of stays of the woonplaatsbeginsel (docs/rules.md), not
   * the placements: those use the episode gap, and the report's text
   * on new placements names that one ("ten hoogste 7 dagen") */
  {"normalize.verblijf_gap_days",
   "Woonplaatsbeginsel: onderbreking tussen twee verblijven die als "
   "één verblijf tellen (dagen)"},
  {"analysis.episode_kinds", "Zorgsoorten van een verblijfsepisode"},
  {"analysis.episode_gap_days",
   "Onderbreking die een episode niet beëindigt (dagen)"},
  {"analysis.top_n", "Aantal langste episodes in de schatting"},
  {"analysis.cohort", "Cohort"},
  {"analysis.wait_norm_days",
   "Wachtnorm (dagen van toewijzing tot start)"},
  {"report.suppression", "Bescherming van kleine aantallen"},
  {"report.threshold", "Kleinste aantal dat getoond wordt"},
};

/* Word lists: "key value" -> Dutch. */
static const pair setting_values[] = {
  {"woonplaatsbeginsel declared",
   "zoals gedeclareerd (de gemeente die de declaratie ontving)"},
  {"woonplaatsbeginsel legal",
   "volgens de regel die gold bij de start van de zorg"},
  {"woonplaatsbeginsel restated",
   "opnieuw toegerekend volgens de regel van nu"},
  /* <setting key="woonplaatsbeginsel" as="gevolg"/>: what it means */
  {"woonplaatsbeginsel:gevolg declared",
   "De jaren vóór en na 2022 zijn daardoor niet zonder meer met elkaar "
   "te vergelijken: vóór 2022 ontving vaak een andere gemeente de "
   "declaratie dan nu."},
  {"woonplaatsbeginsel:gevolg legal",
   "De jaren vóór en na 2022 zijn daardoor niet zonder meer met elkaar "
   "te vergelijken: vóór 2022 gold een andere regel."},
  {"woonplaatsbeginsel:gevolg restated",
   "Daardoor zijn de jaren vóór en na 2022 met elkaar te vergelijken."},
  {"boundaries current", "grenzen van de peildatum"},
  {"boundaries historic", "grenzen op het moment van de zorg"},
  {"cohort previous-year", "het kalenderjaar vóór de rapportageperiode"},
  {"cohort period", "de rapportageperiode zelf"},
  {"suppression none", "geen (niet voor publicatie)"},
  {"suppression small", "kleine aantallen afgeschermd"},
  {"suppression cbs", "volgens de regels van het CBS"},
  {"episode_kinds instelling", "verblijf in een instelling"},
  {"episode_kinds verblijf", "alle verblijf"},
};

/* kind format -> singular, plural */
static const struct {
  const char *kind, *format, *one, *more;
} files[] = {
  {"declaraties", "jw323", "declaratiebericht", "declaratieberichten"},
  {"toewijzingen", "jw301", "toewijzingsbericht", "toewijzingsberichten"},
  {"antwoorden", "jw325", "declaratie-antwoord", "declaratie-antwoorden"},
  {"antwoorden", "csv", "antwoordenbestand", "antwoordenbestanden"},
  {"declaraties", "csv", "declaratiebestand", "declaratiebestanden"},
  {"toewijzingen", "csv", "toewijzingenbestand", "toewijzingenbestanden"},
  {"clienten", "csv", "cliëntenbestand", "cliëntenbestanden"},
  {"residenties", "csv", "adressenbestand (basisregistratie)",
   "adressenbestanden (basisregistratie)"},
  {"productcodes", "csv", "productcatalogus", "productcatalogi"},
  {"aanbieders", "csv", "aanbiederslijst", "aanbiederslijsten"},
  {"verzoeken", "jw315", "verzoek om toewijzing",
   "verzoeken om toewijzing"},
  {"startzorg", "jw305", "startbericht", "startberichten"},
  {"stopzorg", "jw307", "stopbericht", "stopberichten"},
  {"verzoeken", "csv", "verzoekenbestand", "verzoekenbestanden"},
  {"startzorg", "csv", "startzorgbestand", "startzorgbestanden"},
  {"stopzorg", "csv", "stopzorgbestand", "stopzorgbestanden"},
  {"bevolking", "csv", "bevolkingscijfers (aantal jeugdigen)",
   "bevolkingscijfers (aantal jeugdigen)"},
  {"benchmark", "csv", "vergelijkingscijfers van elders",
   "vergelijkingscijfers van elders"},
  {NULL, "xml", "XML-bestand", "XML-bestanden"},
  {NULL, "csv", "CSV-bestand", "CSV-bestanden"},
  {NULL, NULL, "bestand", "bestanden"},
};

/* The flow.* breakdowns: "key=value" -> Dutch. */
static const pair flow_labels[] = {
  {"verwijzer=gemeente", "Gemeente (toegang)"},
  {"verwijzer=huisarts", "Huisarts"},
  {"verwijzer=jeugdarts", "Jeugdarts"},
  {"verwijzer=gi", "Gecertificeerde instelling"},
  {"verwijzer=medisch_specialist", "Medisch specialist"},
  {"verwijzer=geen", "Geen verwijzer"},
  {"verwijzer=rechter",
   "Rechter, officier van justitie of justitiële jeugdinrichting"},
  {"reason=02", "Overlijden"},
  {"reason=20", "Tijdelijk beëindigd"},
  {"reason=31", "Volgens plan"},
  {"reason=32", "Voortijdig, door de cliënt"},
  {"reason=33", "Voortijdig, door de aanbieder"},
  {"reason=34", "Voortijdig, in overeenstemming"},
  {"reason=35", "Voortijdig, externe omstandigheden"},
  {"reason=36", "Op initiatief van de gemeente"},
  {"reason=37", "Wijzigingsverzoek"},
  {"reason=38", "Overstap naar andere aanbieder"},
  {"reason=39", "Uitstroom naar ander domein"},
  {"cbs=volgens_plan", "Volgens plan"},
  {"cbs=in_overeenstemming", "Voortijdig, in overeenstemming"},
  {"cbs=door_client", "Eenzijdig door de cliënt"},
  {"cbs=door_aanbieder", "Eenzijdig door de aanbieder"},
  {"cbs=extern", "Externe omstandigheden"},
  {"cbs=overig", "Overig (geen definitief einde)"},
  {"reason=start_zonder_toewijzing", "Start zonder toewijzing"},
  {"reason=start_voor_toewijzing", "Start vóór de toewijzing"},
  {"reason=stop_zonder_start", "Stop zonder start"},
  {"reason=declaratie_zonder_start", "Declaratie zonder start"},
  {"reason=verzoek_onbeantwoord", "Verzoek na 8 weken onbeantwoord"},
};

static const char *find(const pair *p, size_t n, const char *code) {
  for (size_t i = 0; code && i < n; i++)
    if (strcmp(p[i].code, code) == 0)
      return p[i].nl;
  return NULL;
}

#define FIND(tab, code) find(tab, sizeof tab / sizeof tab[0], code)

const char *zt_nl_retourcode(const char *code) {
  for (size_t i = 0; code && i < sizeof retourcodes / sizeof retourcodes[0];
       i++)
    if (strcmp(retourcodes[i].code, code) == 0)
      return retourcodes[i].nl;
  return NULL;
}

const char *zt_nl_reason(const char *code) {
  return FIND(reasons, code);
}

const char *zt_nl_flow(const char *key, const char *value) {
  char kv[96];
  snprintf(kv, sizeof kv, "%s=%s", key, value);
  return find(flow_labels, sizeof flow_labels / sizeof flow_labels[0], kv);
}

const char *zt_nl_setting_name(const char *key) {
  const char *nl = FIND(setting_names, key);
  size_t kl = key ? strlen(key) : 0;
  for (size_t i = 0; !nl && kl && i < sizeof setting_names /
                                      sizeof setting_names[0]; i++) {
    const char *dot = strchr(setting_names[i].code, '.');
    if (dot && strcmp(dot + 1, key) == 0)
      nl = setting_names[i].nl;
  }
  return nl;
}

const char *zt_nl_setting_value(const char *key, const char *value) {
  const char *dot = key ? strrchr(key, '.') : NULL;
  const char *k = dot ? dot + 1 : key;
  size_t kl = k ? strlen(k) : 0;
  if (!value)
    return "";
  for (size_t i = 0; kl && i < sizeof setting_values /
                               sizeof setting_values[0]; i++) {
    const char *c = setting_values[i].code;
    if (strncmp(c, k, kl) == 0 && c[kl] == ' ' &&
        strcmp(c + kl + 1, value) == 0)
      return setting_values[i].nl;
  }
  return value;
}

const char *zt_nl_file_kind(const char *kind, const char *format,
                            int plural) {
  /* "csv+gzip" reads as "csv": compression is no kind of its own */
  size_t fl = format ? strcspn(format, "+") : 0;
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    if (files[i].kind && (!kind || strcmp(files[i].kind, kind) != 0))
      continue;
    if (files[i].format && (!format || strlen(files[i].format) != fl ||
                            strncmp(files[i].format, format, fl) != 0))
      continue;
    return plural ? files[i].more : files[i].one;
  }
  return plural ? "bestanden" : "bestand";
}

/* ---- sentences and names the CLI fills the report input with -------- */

char *zt_nl_suppression_rule(zt_supp_mode mode, int t) {
  switch (mode) {
  case ZT_SUPP_NONE:
    return g_strdup("Er is geen onderdrukking van kleine aantallen "
                    "toegepast. Deze versie is alleen voor intern gebruik "
                    "en niet voor publicatie.");
  case ZT_SUPP_CBS:
    return g_strdup("Aantallen onder regioniveau zijn afgerond op "
                    "vijftallen; waarden van 0 tot en met 7 zijn "
                    "weergegeven als '.'. Percentages zijn berekend uit de "
                    "afgeronde aantallen. Waar een verborgen waarde anders "
                    "uit totalen, andere tabellen of de halfjaren en het "
                    "jaar terug te rekenen zou zijn, zijn ook andere cellen "
                    "verborgen ('x'); zo'n cel kan elk aantal zijn, ook "
                    "nul. Gemiddelden, medianen en percentielen over 7 of "
                    "minder jeugdigen, trajecten of wachttijden zijn "
                    "nergens getoond ('.'), ook niet voor de hele regio, "
                    "en een gemiddelde over een deel van een groep ook "
                    "niet als de rest van de groep 7 of minder is: anders "
                    "volgt het gemiddelde van de rest uit dat van de hele "
                    "groep.");
  case ZT_SUPP_SMALL:
    break;
  }
  if (t <= 1)
    return g_strdup("Er zijn geen kleine aantallen verborgen (drempel 1).");
  return g_strdup_printf(
      "Onder regioniveau en per aanbieder zijn aantallen van 1 tot en met "
      "%d weergegeven als '< %d'. Gemiddelden, aandelen en bedragen over "
      "minder dan %d cliënten zijn daar niet getoond ('·'), en een aandeel "
      "ook niet als het deel of de rest van het geheel 1 tot en met %d is. "
      "Gemiddelden, medianen en percentielen over minder dan %d jeugdigen, "
      "trajecten of wachttijden zijn nergens getoond, ook niet voor de hele "
      "regio, en een gemiddelde over een deel van een groep ook niet als de "
      "rest van de groep 1 tot en met %d is: anders volgt het gemiddelde "
      "van de rest uit dat van de hele groep. De aantallen, aandelen en "
      "bedragen van de hele regio zijn wel getoond. "
      "Waar een verborgen aantal anders uit totalen, andere tabellen of de "
      "halfjaren en het jaar terug te rekenen zou zijn, zijn ook andere "
      "cellen verborgen ('·'); zo'n cel kan elk aantal zijn, ook nul.",
      t - 1, t, t, t - 1, t, t - 1);
}

void zt_nl_source_group(long count, long rejected, const char *format,
                        char *buf, size_t size) {
  char nfiles[ZT_FMT_MAX], nrej[ZT_FMT_MAX], rej[ZT_FMT_MAX + 16] = "";
  zt_fmt_int(count, nfiles);
  zt_fmt_int(rejected, nrej);
  if (rejected && rejected == count)
    snprintf(rej, sizeof rej, " (geweigerd)");
  else if (rejected)
    snprintf(rej, sizeof rej, " (%s geweigerd)", nrej);
  snprintf(buf, size, "%s %s-bestand%s%s", nfiles, format,
           count == 1 ? "" : "en", rej);
}

const char *zt_nl_source_kind(const char *kind) {
  /* a file rejected before its kind was known */
  return strcmp(kind, "auto") == 0 ? "onbekend" : kind;
}

/* Indicators a figure from elsewhere (ingest kind `benchmark`) may name,
 * as the table "Regio en Nederland" prints them. */
static const struct {
  const char *id, *nl;
} indicator_nl[] = {
    {"rate.clients_per_1000", "Jeugdigen met jeugdhulp per 1.000"},
    {"rate.verblijf_per_1000", "Jeugdigen in verblijf per 1.000"},
    {"rate.residentieel_per_1000",
     "Jeugdigen in residentieel verblijf per 1.000"},
    {"rate.spend_per_youth", "Kosten per jeugdige inwoner"},
    {"clients.total", "Jeugdigen met jeugdhulp"},
    {"verblijf.clients", "Jeugdigen in verblijf"},
    {"verblijf.share_gezinsvorm", "Verblijf in een gezinsvorm (aandeel)"},
    {"verblijf.share_residentieel", "Residentieel verblijf (aandeel)"},
    {"spend.total", "Kosten"},
};

const char *zt_nl_indicator(const char *id) {
  for (size_t i = 0; i < sizeof indicator_nl / sizeof *indicator_nl; i++)
    if (strcmp(indicator_nl[i].id, id) == 0)
      return indicator_nl[i].nl;
  return id;
}

char *zt_nl_estimate_note(const char *share, const char *estimate,
                          const char *change, const char *low,
                          const char *high) {
  if (change)
    return g_strdup_printf("voorlopig: %s binnen; verwachte eindstand %s "
                           "(%s), marge %s tot %s", share, estimate,
                           change, low, high);
  return g_strdup_printf("voorlopig: %s binnen; verwachte eindstand %s "
                         "(%s tot %s)", share, estimate, low, high);
}

char *zt_nl_provisional_cover(const char *spend_share,
                              const char *clients_share) {
  if (spend_share && clients_share)
    return g_strdup_printf("Voorlopige cijfers: naar schatting %s van de "
                           "kosten en %s van de jeugdigen van deze "
                           "periode is al gedeclareerd.", spend_share,
                           clients_share);
  return g_strdup_printf("Voorlopige cijfers: naar schatting %s van de "
                         "%s van deze periode is al gedeclareerd.",
                         spend_share ? spend_share : clients_share,
                         spend_share ? "kosten" : "jeugdigen");
}

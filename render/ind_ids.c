/*
 * render/ind_ids.c -- the indicator ids of INDICATORS.md with their units,
 * and Dutch labels for breakdown values (ind_ids.h).
 */
#include "render/ind_ids.h"

#include <string.h>

#include "core/kinds.h"

static const zt_render_ind catalogue[] = {
  /* volume and spending */
  {"clients.total", ZT_UNIT_COUNT},
  {"clients.by_kind", ZT_UNIT_COUNT},
  {"spend.total", ZT_UNIT_EUR},
  {"spend.by_kind", ZT_UNIT_EUR},
  {"spend.per_client", ZT_UNIT_EUR},
  {"providers.active", ZT_UNIT_COUNT},
  {"providers.top10_share", ZT_UNIT_PERCENT},
  /* zo thuis mogelijk */
  {"verblijf.clients", ZT_UNIT_COUNT},
  {"verblijf.clients_by_kind", ZT_UNIT_COUNT},
  {"verblijf.share_gezinsvorm", ZT_UNIT_PERCENT},
  {"verblijf.share_residentieel", ZT_UNIT_PERCENT},
  {"verblijf.residentieel_under12", ZT_UNIT_COUNT},
  {"ggz_klinisch.clients", ZT_UNIT_COUNT},
  {"ggz_klinisch.under12", ZT_UNIT_COUNT},
  {"beschermd_wonen.clients", ZT_UNIT_COUNT},
  {"verblijf.at_peildatum", ZT_UNIT_COUNT},
  {"instroom.placements", ZT_UNIT_COUNT},
  {"instroom.share_residentieel", ZT_UNIT_PERCENT},
  /* episode analysis */
  {"episodes.clients", ZT_UNIT_COUNT},
  {"episodes.ended", ZT_UNIT_COUNT},
  {"episodes.continuing", ZT_UNIT_COUNT},
  {"episodes.age_le12", ZT_UNIT_COUNT},
  {"episodes.duration_mean", ZT_UNIT_DAYS},
  {"episodes.duration_mean_ended", ZT_UNIT_DAYS},
  {"episodes.duration_mean_continuing", ZT_UNIT_DAYS},
  {"episodes.short", ZT_UNIT_COUNT},
  {"episodes.short_duration_mean", ZT_UNIT_DAYS},
  {"episodes.long_duration_mean", ZT_UNIT_DAYS},
  {"episodes.top_duration_mean", ZT_UNIT_DAYS},
  {"episodes.top_cost_mean", ZT_UNIT_EUR},
  {"episodes.top_age_mean", ZT_UNIT_YEARS},
  {"episodes.single_provider", ZT_UNIT_COUNT},
  {"episodes.providers_mean_multi", ZT_UNIT_COUNT},
  {"episodes.provider_days_mean", ZT_UNIT_DAYS},
  {"episodes.cost_mean", ZT_UNIT_EUR},
  {"episodes.cost_mean_continuing", ZT_UNIT_EUR},
  {"episodes.cost_mean_history", ZT_UNIT_EUR},
  {"episodes.cost_mean_history_continuing", ZT_UNIT_EUR},
  {"episodes.ambulant_cost_mean", ZT_UNIT_EUR},
  {"savings.longstay", ZT_UNIT_EUR},
  {"savings.placement", ZT_UNIT_EUR},
  /* jeugdbescherming en jeugdreclassering */
  {"gi.jeugdbescherming", ZT_UNIT_COUNT},
  {"gi.voogdij", ZT_UNIT_COUNT},
  {"gi.jeugdreclassering", ZT_UNIT_COUNT},
  /* woonplaatsbeginsel */
  {"wpb.clients_declared", ZT_UNIT_COUNT},
  {"wpb.spend_declared", ZT_UNIT_EUR},
  {"wpb.clients_shift", ZT_UNIT_COUNT},
  {"wpb.spend_shift", ZT_UNIT_EUR},
  /* data quality */
  {"dq.lines_read", ZT_UNIT_COUNT},
  {"dq.lines_accepted", ZT_UNIT_COUNT},
  {"dq.lines_rejected", ZT_UNIT_COUNT},
  {"dq.credits_applied", ZT_UNIT_COUNT},
  {"dq.residence_fallback", ZT_UNIT_COUNT},
};

const zt_render_ind *zt_render_ind_lookup(const char *id) {
  if (!id)
    return NULL;
  for (size_t i = 0; i < sizeof catalogue / sizeof catalogue[0]; i++)
    if (strcmp(catalogue[i].id, id) == 0)
      return &catalogue[i];
  return NULL;
}

static const struct {
  const char *code, *label;
} reasons_nl[] = {
  {"bsn_format", "BSN heeft geen 9 cijfers"},
  {"bsn_elfproef", "BSN voldoet niet aan de elfproef"},
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
  {"encoding_invalid", "Ongeldige tekenset"},
  {"file_unreadable", "Bestand onleesbaar"},
  {"layout_unknown", "Onbekende bestandsindeling"},
  {"xml_malformed", "Ongeldige XML"},
  {"xml_kind_unknown", "Onbekend berichttype"},
  {"header_invalid", "Ongeldige berichtkop"},
};

const char *zt_breakdown_label(const char *key, const char *value) {
  if (!key || !value)
    return value ? value : "";
  if (strcmp(key, "kind") == 0) {
    int k = zt_kind_from_id(value);
    return k >= 0 ? zt_kind_label_nl((zt_care_kind)k) : value;
  }
  if (strcmp(key, "reason") == 0) {
    for (size_t i = 0; i < sizeof reasons_nl / sizeof reasons_nl[0]; i++)
      if (strcmp(reasons_nl[i].code, value) == 0)
        return reasons_nl[i].label;
  }
  return value;
}

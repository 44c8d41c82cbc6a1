/*
 * etl/record.c -- names of the input kinds and their canonical CSV
 * layouts (see record.h).
 */
#include "etl/record.h"

#include <string.h>

static const char *const kind_names[ZT_KIND_COUNT] = {
    [ZT_KIND_AUTO] = "auto",
    [ZT_KIND_DECLARATIES] = "declaraties",
    [ZT_KIND_TOEWIJZINGEN] = "toewijzingen",
    [ZT_KIND_CLIENTEN] = "clienten",
    [ZT_KIND_RESIDENTIES] = "residenties",
    [ZT_KIND_PRODUCTCODES] = "productcodes",
    [ZT_KIND_AANBIEDERS] = "aanbieders",
    [ZT_KIND_BEVOLKING] = "bevolking",
    [ZT_KIND_BENCHMARK] = "benchmark",
    [ZT_KIND_VERZOEKEN] = "verzoeken",
    [ZT_KIND_STARTZORG] = "startzorg",
    [ZT_KIND_STOPZORG] = "stopzorg",
    [ZT_KIND_ANTWOORDEN] = "antwoorden",
};

const char *zt_kind_name(zt_kind k) {
  return (unsigned)k < ZT_KIND_COUNT ? kind_names[k] : "?";
}

zt_kind zt_kind_from_name(const char *name) {
  for (int k = 0; k < ZT_KIND_COUNT; k++)
    if (strcmp(kind_names[k], name) == 0)
      return (zt_kind)k;
  return ZT_KIND_COUNT;
}

static const char *const decl_names[ZT_D_NFIELDS] = {
    "aanbieder_agb", "gemeente", "bsn", "toewijzingnummer",
    "referentienummer", "vorig_referentienummer", "productcategorie",
    "productcode", "begindatum", "einddatum", "volume", "eenheid", "tarief",
    "bedrag", "debet_credit", "geboortedatum", "declaratienummer"};
/* Optional columns may be left out of the header altogether. A present
 * column may still be empty on a line where the field is optional
 * (vorig_referentienummer on a debit, tarief with unit 83). */
static const bool decl_optional[ZT_D_NFIELDS] = {
    [ZT_D_PREVREF] = true, [ZT_D_TARIFF] = true, [ZT_D_BIRTH] = true,
    [ZT_D_DECLNR] = true};

static const char *const assign_names[ZT_A_NFIELDS] = {
    "gemeente", "aanbieder_agb", "bsn", "geboortedatum",
    "geboortedatum_gebruik", "geslacht", "toewijzingnummer",
    "productcategorie", "productcode", "ingangsdatum", "einddatum",
    "reden_wijziging", "referentie_aanbieder", "toewijzingsdatum"};
static const bool assign_optional[ZT_A_NFIELDS] = {
    [ZT_A_BIRTH_USE] = true, [ZT_A_CATEGORY] = true, [ZT_A_CODE] = true,
    [ZT_A_END] = true, [ZT_A_REASON] = true, [ZT_A_REF] = true,
    [ZT_A_DAY] = true};

static const char *const req_names[ZT_Q_NFIELDS] = {
    "aanbieder_agb", "gemeente", "bsn", "referentie_aanbieder",
    "productcategorie", "productcode", "toewijzing_ingangsdatum",
    "verwijzer", "verzoekdatum"};
static const bool req_optional[ZT_Q_NFIELDS] = {
    [ZT_Q_CATEGORY] = true, [ZT_Q_CODE] = true};

/* Starts are the first ZT_Z_START_NFIELDS columns of a stop. */
static const char *const care_names[ZT_Z_NFIELDS] = {
    "aanbieder_agb", "gemeente", "bsn", "toewijzingnummer",
    "productcategorie", "productcode", "toewijzing_ingangsdatum",
    "begindatum", "status_aanlevering", "reden_beeindiging", "einddatum"};
static const bool care_optional[ZT_Z_NFIELDS] = {
    [ZT_Z_TOEWIJZING] = true, [ZT_Z_CATEGORY] = true, [ZT_Z_CODE] = true,
    [ZT_Z_ASSIGN_BEGIN] = true};

static const char *const client_names[ZT_C_NFIELDS] = {"bsn", "geboortedatum",
                                                        "geslacht"};
static const bool client_optional[ZT_C_NFIELDS] = {[ZT_C_GENDER] = true};

static const char *const res_names[ZT_R_NFIELDS] = {"bsn", "gemeente",
                                                    "begindatum", "einddatum"};
static const bool res_optional[ZT_R_NFIELDS] = {false};

static const char *const pc_names[ZT_P_NFIELDS] = {
    "productcode", "kind", "label", "valid_from", "valid_to", "gemeente"};
static const bool pc_optional[ZT_P_NFIELDS] = {
    [ZT_P_LABEL] = true, [ZT_P_FROM] = true, [ZT_P_TO] = true,
    [ZT_P_GEMEENTE] = true};

static const char *const prov_names[ZT_V_NFIELDS] = {"agb", "name",
                                                      "provider_type",
                                                      "contracted"};
static const bool prov_optional[ZT_V_NFIELDS] = {[ZT_V_CONTRACTED] = true};

static const char *const pop_names[ZT_B_NFIELDS] = {
    "gemeente", "jaar", "leeftijd_van", "leeftijd_tot", "aantal",
    "geslacht", "burgerlijke_staat"};
static const bool pop_optional[ZT_B_NFIELDS] = {[ZT_B_GENDER] = true,
                                                [ZT_B_CIVIL] = true};

static const char *const bench_names[ZT_M_NFIELDS] = {
    "indicator", "gebied", "periode", "waarde", "status", "bron",
    "eenheid"};
static const bool bench_optional[ZT_M_NFIELDS] = {[ZT_M_STATUS] = true,
                                                 [ZT_M_UNIT] = true};

static const char *const answer_names[ZT_N_NFIELDS] = {
    "gemeente", "aanbieder_agb", "antwoord_id", "declaratie_id",
    "declaratienummer", "niveau", "referentienummer", "bedrag",
    "debet_credit", "toegekend_bedrag", "toegekend_debet_credit",
    "retourcodes"};
static const bool answer_optional[ZT_N_NFIELDS] = {
    [ZT_N_DECLNR] = true, [ZT_N_AMOUNT] = true, [ZT_N_DC] = true,
    [ZT_N_GRANTED] = true, [ZT_N_GRANTED_DC] = true};

static const zt_kind_layout layouts[] = {
    {ZT_KIND_DECLARATIES, ZT_D_NFIELDS, decl_names, decl_optional},
    {ZT_KIND_TOEWIJZINGEN, ZT_A_NFIELDS, assign_names, assign_optional},
    {ZT_KIND_CLIENTEN, ZT_C_NFIELDS, client_names, client_optional},
    {ZT_KIND_RESIDENTIES, ZT_R_NFIELDS, res_names, res_optional},
    {ZT_KIND_PRODUCTCODES, ZT_P_NFIELDS, pc_names, pc_optional},
    {ZT_KIND_AANBIEDERS, ZT_V_NFIELDS, prov_names, prov_optional},
    {ZT_KIND_BEVOLKING, ZT_B_NFIELDS, pop_names, pop_optional},
    {ZT_KIND_BENCHMARK, ZT_M_NFIELDS, bench_names, bench_optional},
    {ZT_KIND_VERZOEKEN, ZT_Q_NFIELDS, req_names, req_optional},
    {ZT_KIND_STARTZORG, ZT_Z_START_NFIELDS, care_names, care_optional},
    {ZT_KIND_STOPZORG, ZT_Z_NFIELDS, care_names, care_optional},
    {ZT_KIND_ANTWOORDEN, ZT_N_NFIELDS, answer_names, answer_optional},
};

const zt_kind_layout *zt_kind_layout_of(zt_kind k) {
  for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++)
    if (layouts[i].kind == k)
      return &layouts[i];
  return NULL;
}

/*
 * render/labels_nl.h -- the report's Dutch words for codes that come from
 * elsewhere: reject reason codes, configuration keys and values, and the
 * kinds and formats of input files. The one place for these labels; the
 * rest of render/ asks here, nothing in etl/ knows them. Also the Dutch
 * text the CLI puts into the report input (the suppression rule, the
 * source groups of the Verantwoording): cli/ writes no Dutch.
 */
#ifndef ZT_LABELS_NL_H
#define ZT_LABELS_NL_H

#include <stddef.h>

#include "metrics/suppress.h"   /* zt_supp_mode */

/* Dutch label of a reject reason code ("bsn_elfproef" -> "BSN ongeldig
 * (controlegetal klopt niet)"), or NULL for a code without one. */
const char *zt_nl_reason(const char *code);
/* A flow.* breakdown value ("verwijzer", "huisarts") in Dutch, or NULL. */
const char *zt_nl_flow(const char *key, const char *value);

/* Dutch label of an iJw retour code of a declaration answer (JW325,
 * code list WJ001: "9307" -> "Prestatie valt buiten de
 * toewijzingsperiode"), or NULL for a code without one. */
const char *zt_nl_retourcode(const char *code);

/* Dutch name of a configuration key as zt_config_describe() writes it
 * ("normalize.woonplaatsbeginsel" -> "Woonplaatsbeginsel"); the part
 * after the section's dot is enough ("woonplaatsbeginsel"). NULL for a
 * key without one. */
const char *zt_nl_setting_name(const char *key);

/* Dutch wording of a configuration value ("restated" -> "opnieuw
 * toegerekend volgens de regel van nu"), or `value` itself when the key
 * has no word list (numbers, names). */
const char *zt_nl_setting_value(const char *key, const char *value);

/* Dutch description of an input file by its kind ("declaraties") and
 * format ("jw323", "csv+gzip"), plural when `plural`:
 * "declaratieberichten", "CSV-bestand (gecomprimeerd)". */
const char *zt_nl_file_kind(const char *kind, const char *format,
                            int plural);

/* The sentence the report prints for suppression mode `mode` with
 * threshold `threshold` (docs/indicators.md, "Suppression"). Caller
 * frees (g_free). */
char *zt_nl_suppression_rule(zt_supp_mode mode, int threshold);

/* The Verantwoording's name of a group of ingested files: "3
 * jw323-bestanden (1 geweigerd)", "1 csv-bestand (geweigerd)". */
void zt_nl_source_group(long count, long rejected, const char *format,
                        char *buf, size_t size);
/* The kind of a group of files as the Verantwoording prints it: `kind`,
 * or "onbekend" for "auto" (rejected before the kind was known). */
const char *zt_nl_source_kind(const char *kind);

/* Dutch name of an indicator a benchmark figure may name
 * ("rate.clients_per_1000" -> "Jeugdigen met jeugdhulp per 1.000"), or
 * the id itself. */
const char *zt_nl_indicator(const char *id);
/* Completeness (docs/completeness.md). The note of a spending or
 * clients tile whose figures are not complete yet: "voorlopig: 85,7%
 * binnen; verwachte eindstand € 32.241.390 (€ 31.065.272 tot
 * € 33.417.507)", or with the change of the expected final value
 * against the tile's earlier period (`change`, may be NULL): "...
 * eindstand € 32.241.390 (+1,2%), marge € 31.065.272 tot € 33.417.507".
 * Caller frees (g_free). */
char *zt_nl_estimate_note(const char *share, const char *estimate,
                          const char *change, const char *low,
                          const char *high);
/* The cover's line when the period's figures are provisional; either
 * share may be NULL. Caller frees (g_free). */
char *zt_nl_provisional_cover(const char *spend_share,
                              const char *clients_share);

#endif

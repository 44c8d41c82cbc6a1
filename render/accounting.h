/*
 * render/accounting.h -- the Verantwoording's own blocks: the deliveries
 * per provider and month, the files refused whole, the settings in
 * Dutch, and the sentences on the region's composition. Built from the
 * report input only (render/report.h); docbuild.c numbers and places
 * them.
 */
#ifndef ZT_ACCOUNTING_H
#define ZT_ACCOUNTING_H

#include "render/arena.h"
#include "render/report.h"
#include "render/table.h"

/* Deliveries per provider (by name), kind and month: files, lines and
 * the delivery dates (first-last), with a total row. */
zt_table *zt_acc_deliveries(const zt_report_input *in, zt_arena *a);

/* The files refused whole with their delivery date and reason in Dutch,
 * or NULL when there are none. */
zt_table *zt_acc_refused(const zt_report_input *in, zt_arena *a);

/* What the municipalities did with the declarations (JW325 answers,
 * the dq.*_by_gemeente, dq.spend_approved and dq.*_not_assessed rows of
 * the report's period): declared, approved, rejected with the main
 * reasons in Dutch, and nog niet beoordeeld, in lines and euros; NULL
 * when the store holds no answer (those rows are absent). */
zt_table *zt_acc_answers(const zt_report_input *in, zt_arena *a);

/* The possible double declarations of the report's period by provider
 * (docs/rules.md §8): the providers with the largest amounts, the rest
 * added up, and the total (the table's dq.double_lines and
 * dq.double_spend), in lines and euros, with a note on what the table
 * counts; NULL when there are none. */
zt_table *zt_acc_doubles(const zt_report_input *in, zt_arena *a);

/* The settings ("key = value" lines) with Dutch names and values. */
zt_table *zt_acc_settings(const zt_report_input *in, zt_arena *a);

/* The Dutch wording of the value of setting `key` ("woonplaatsbeginsel",
 * "normalize.boundaries", ...), given its raw value. */
const char *zt_acc_setting_text(const zt_report_input *in, zt_arena *a,
                                const char *key, const char *raw);

/* Plain sentences on which municipalities are left out of the region or
 * merged, and for which years, derived from the member list and the
 * municipality table; a sentence saying all members count in every
 * period when there is nothing else to say. */
const char *zt_acc_composition(const zt_report_input *in, zt_arena *a);

#endif

/*
 * etl/validate.h -- field rules: turn a reader's row of text slices into a
 * typed record, or into one reject reason with its field and message.
 *
 * The same rules apply whichever reader produced the row, so that the same
 * declaration from CSV or JW323 gives the same record. The BSN is checked
 * (9 digits, 11-test) and replaced by its pseudonym here; messages mention
 * it only masked. Checks run field by field in canonical order and the
 * first failure is the line's reason.
 */
#ifndef ZT_VALIDATE_H
#define ZT_VALIDATE_H

#include "core/err.h"
#include "etl/pseudo.h"
#include "etl/reader.h"
#include "etl/record.h"
#include "etl/refdata.h"

typedef struct zt_validator {
  const zt_refdata *rd;
  zt_pseudonymizer *ps;
  /* Warnings: the line is accepted but counted. */
  long month_crossing;    /* CSV product period crossing a month */
  long residence_unknown; /* residence with a code not in the table */
  long bsn_in_ref;        /* lines whose reference, previous reference,
                             declaration number or ToewijzingNummer held
                             a BSN, the client's or another (replaced:
                             scrub() in validate.c) */
} zt_validator;

/* Each returns ZT_OK with rej->reason == ZT_R_NONE and *out filled for a
 * good row, ZT_OK with rej set for a rejected row, and an error status
 * only when something other than the input failed (memory). */
zt_status zt_validate_decl(zt_validator *v, const zt_row *row, zt_decl *out,
                           zt_reject *rej);
zt_status zt_validate_assign(zt_validator *v, const zt_row *row,
                             zt_assign *out, zt_reject *rej);
zt_status zt_validate_client(zt_validator *v, const zt_row *row,
                             zt_client *out, zt_reject *rej);
zt_status zt_validate_residence(zt_validator *v, const zt_row *row,
                                zt_residence *out, zt_reject *rej);
zt_status zt_validate_productcode(zt_validator *v, const zt_row *row,
                                  zt_productcode *out, zt_reject *rej);
zt_status zt_validate_provider(zt_validator *v, const zt_row *row,
                               zt_provider *out, zt_reject *rej);
zt_status zt_validate_population(zt_validator *v, const zt_row *row,
                                 zt_population *out, zt_reject *rej);
zt_status zt_validate_benchmark(zt_validator *v, const zt_row *row,
                                zt_benchmark *out, zt_reject *rej);
/* JW315 (or its CSV), and JW305 / JW307 (row->kind says which). */
zt_status zt_validate_request(zt_validator *v, const zt_row *row,
                              zt_request *out, zt_reject *rej);
zt_status zt_validate_care(zt_validator *v, const zt_row *row,
                           zt_care_event *out, zt_reject *rej);

/* Money: integer cents ("123456"), or with `euros` a Dutch euro amount
 * ("1.234,56", "1234,5", "1234"). Non-negative, at most 12 digits of
 * cents. */
zt_status zt_parse_money(const char *s, size_t n, bool euros,
                         int64_t *cents);

#endif

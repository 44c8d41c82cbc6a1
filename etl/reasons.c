/*
 * etl/reasons.c -- the reject reason table (see reasons.h).
 */
#include "etl/reasons.h"

#include <string.h>

static const struct {
  const char *code;
  const char *text;
} reasons[ZT_R_COUNT] = {
  [ZT_R_NONE] = {"none", "not rejected"},
  [ZT_R_BSN_FORMAT] = {"bsn_format", "BSN is not 9 digits"},
  [ZT_R_BSN_ELFPROEF] = {"bsn_elfproef", "BSN fails the 11-test"},
  [ZT_R_DATE_INVALID] = {"date_invalid", "not a real calendar date"},
  [ZT_R_PERIOD_REVERSED] = {"period_reversed", "end date before begin date"},
  [ZT_R_PERIOD_MONTH] = {"period_month",
                         "product period not within one calendar month"},
  [ZT_R_GEMEENTE_UNKNOWN] = {"gemeente_unknown",
                             "municipality code not valid on that date"},
  [ZT_R_AGB_FORMAT] = {"agb_format", "provider AGB code is not 8 digits"},
  [ZT_R_CATEGORY_UNKNOWN] = {"category_unknown",
                             "product category not in the code list"},
  [ZT_R_UNIT_UNKNOWN] = {"unit_unknown", "unit not in the code list"},
  [ZT_R_AMOUNT_INVALID] = {"amount_invalid",
                           "amount not a non-negative number of cents, or "
                           "debit/credit missing"},
  [ZT_R_VALUE_INVALID] = {"value_invalid",
                          "field has a value of the wrong form"},
  [ZT_R_CREDIT_WITHOUT_DEBIT] = {"credit_without_debit",
                                 "credit whose debit is not known (waiting)"},
  [ZT_R_DUPLICATE_REFERENCE] = {"duplicate_reference",
                                "reference already stored with other content"},
  [ZT_R_DUPLICATE_CREDIT] = {"duplicate_credit",
                             "second credit for the same debit"},
  [ZT_R_RESIDENCE_OVERLAP] = {"residence_overlap",
                              "residence periods of one person overlap"},
  [ZT_R_MISSING_FIELD] = {"missing_field", "required field is empty"},
  [ZT_R_FIELD_TOO_LONG] = {"field_too_long", "field longer than allowed"},
  [ZT_R_FIELD_COUNT] = {"field_count", "wrong number of fields on the line"},
  [ZT_R_ENCODING_INVALID] = {"encoding_invalid",
                             "bytes not valid in the file's encoding, or "
                             "a control byte in a field"},
  [ZT_R_QUOTE_UNTERMINATED] = {"quote_unterminated",
                               "a quoted field opened on the line is not "
                               "closed in time, or takes in other lines"},
  [ZT_R_DELETE_UNKNOWN] = {"delete_unknown",
                           "a start or stop to delete (StatusAanlevering 3) "
                           "is not stored"},
  [ZT_R_ANSWER_CONFLICT] = {"answer_conflict",
                            "a second, different answer (JW325) to a "
                            "declaration message or line already "
                            "answered"},
  [ZT_R_FILE_UNREADABLE] = {"file_unreadable",
                            "file cannot be read (or broken gzip)"},
  [ZT_R_LAYOUT_UNKNOWN] = {"layout_unknown",
                           "CSV header matches no known layout"},
  [ZT_R_XML_MALFORMED] = {"xml_malformed",
                          "not well-formed XML, not UTF-8, or refused as "
                          "hostile"},
  [ZT_R_XML_KIND_UNKNOWN] = {"xml_kind_unknown",
                             "XML of a kind zothuis does not read"},
  [ZT_R_HEADER_INVALID] = {"header_invalid",
                           "message header breaks the iJw rules"},
  [ZT_R_REFERENCE_IN_INBOX] = {"reference_in_inbox",
                               "product catalogue or provider list found in "
                               "a folder instead of where the configuration "
                               "says"},
  [ZT_R_ENTRY_SKIPPED] = {"entry_skipped",
                          "not read: a symbolic link, special file, "
                          "unreadable folder or a file of zothuis itself"},
};

const char *zt_reason_code(zt_reason r) {
  return (unsigned)r < ZT_R_COUNT ? reasons[r].code : "unknown";
}

const char *zt_reason_text(zt_reason r) {
  return (unsigned)r < ZT_R_COUNT ? reasons[r].text : "unknown reason";
}

bool zt_reason_is_file(zt_reason r) {
  return r >= ZT_R_FILE_UNREADABLE && r < ZT_R_COUNT;
}

zt_reason zt_reason_from_code(const char *code) {
  for (int r = 0; r < ZT_R_COUNT; r++)
    if (strcmp(reasons[r].code, code) == 0)
      return (zt_reason)r;
  return ZT_R_NONE;
}

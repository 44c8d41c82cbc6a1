/*
 * etl/reasons.h -- the one place that knows the reject reasons.
 *
 * Every rejected line or file carries one reason with a stable code (used
 * in rejects.csv, the store, the report's Verantwoording and the export's
 * dq.lines_rejected breakdown). Codes never change meaning; new reasons
 * are added at the end of a group. The report's Dutch labels live in
 * render/labels_nl.c: ingest does not know the report's words.
 */
#ifndef ZT_REASONS_H
#define ZT_REASONS_H

#include <stdbool.h>

typedef enum zt_reason {
  ZT_R_NONE = 0,
  /* line reasons (docs/rejects.md) */
  ZT_R_BSN_FORMAT,          /* not 9 digits */
  ZT_R_BSN_ELFPROEF,        /* fails the 11-test, or 000000000 */
  ZT_R_DATE_INVALID,        /* not a real calendar date / not a date */
  ZT_R_PERIOD_REVERSED,     /* einddatum before begindatum */
  ZT_R_PERIOD_MONTH,        /* iJw product period crosses a month */
  ZT_R_GEMEENTE_UNKNOWN,    /* municipality code not valid on that date */
  ZT_R_AGB_FORMAT,          /* provider code not 8 digits */
  ZT_R_CATEGORY_UNKNOWN,    /* product category not in the code list */
  ZT_R_UNIT_UNKNOWN,        /* unit not in the code list */
  ZT_R_AMOUNT_INVALID,      /* not a non-negative integer of cents; D/C */
  ZT_R_VALUE_INVALID,       /* another field has a value of the wrong form */
  ZT_R_CREDIT_WITHOUT_DEBIT,/* credit whose debit is unknown (quarantine) */
  ZT_R_DUPLICATE_REFERENCE, /* provider + reference stored, other content */
  ZT_R_DUPLICATE_CREDIT,    /* a second credit for the same debit */
  ZT_R_RESIDENCE_OVERLAP,   /* residence periods of one person overlap */
  ZT_R_MISSING_FIELD,       /* a required field is empty or absent */
  ZT_R_FIELD_TOO_LONG,      /* a field is longer than its maximum */
  ZT_R_FIELD_COUNT,         /* a CSV line with too many or too few fields */
  ZT_R_ENCODING_INVALID,    /* bytes not valid in the file's encoding */
  ZT_R_QUOTE_UNTERMINATED,  /* a quoted field left open: the line alone */
  ZT_R_DELETE_UNKNOWN,      /* JW305/JW307 StatusAanlevering 3 for a start
                               or stop that is not stored */
  ZT_R_ANSWER_CONFLICT,     /* a second, different answer (JW325) to the
                               same declaration message or line */
  /* file reasons: the whole file is rejected */
  ZT_R_FILE_UNREADABLE,     /* cannot open or read; broken gzip */
  ZT_R_LAYOUT_UNKNOWN,      /* CSV header matches no known layout */
  ZT_R_XML_MALFORMED,       /* not well-formed XML, or hostile XML */
  ZT_R_XML_KIND_UNKNOWN,    /* XML, but not a message zothuis reads */
  ZT_R_HEADER_INVALID,      /* an iJw header that breaks the rules */
  ZT_R_REFERENCE_IN_INBOX,  /* a catalogue or provider list in a folder */
  ZT_R_ENTRY_SKIPPED,       /* a link, special file or unreadable folder */
  ZT_R_COUNT
} zt_reason;

/* Stable code ("bsn_elfproef"), never NULL. */
const char *zt_reason_code(zt_reason r);
/* One-line English description for docs and --help. */
const char *zt_reason_text(zt_reason r);
/* True for reasons that reject a whole file. */
bool zt_reason_is_file(zt_reason r);
/* The reason with that code, or ZT_R_NONE. */
zt_reason zt_reason_from_code(const char *code);

#endif

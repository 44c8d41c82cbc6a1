/*
 * etl/answer.h -- declaration answers (JW325, declaratie-antwoord): their
 * validation, their place in the store, and what they say about each
 * stored declaration line (docs/rules.md, "Answers").
 *
 * A JW325 answers one JW323. It names the JW323 by its message
 * identification (DeclaratieIdentificatie) and its DeclaratieNummer, and
 * lists only the lines the municipality rejected, by ReferentieNummer,
 * each with its retour codes; a line not listed is approved in full. A
 * retour code other than 0200 (geen opmerking) or 8001 (volledig
 * toegewezen) on the header or on DeclaratieAntwoord rejects the whole
 * message: it then counts as not received.
 *
 * The reader (etl/ijw.c, or a CSV of the canonical layout antwoorden)
 * gives one row per answer (niveau declaratie) and one per rejected line
 * (niveau prestatie). zt_validate_answer types them; zt_store_put_answer
 * stores them: an identical row again is a duplicate, a second answer
 * with another identification (or other content) to a message already
 * answered is rejected as answer_conflict.
 */
#ifndef ZT_ANSWER_H
#define ZT_ANSWER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/err.h"
#include "etl/reader.h"
#include "etl/record.h"
#include "etl/store.h"
#include "etl/validate.h"

/* Is `code` (4 characters) an approving retour code (0200, 8001)? */
bool zt_answer_code_approves(const char *code);

zt_status zt_validate_answer(zt_validator *v, const zt_row *row,
                             zt_answer *out, zt_reject *rej);
/* zt_validate_answer without the BSN scrub of references and
 * identifications: whether the row is rejected, and why. The JW325
 * reader asks it of the answer's own row before it lets the answer's
 * lines through (etl/ijw.c). */
zt_status zt_answer_parse(const zt_row *row, zt_answer *out,
                          zt_reject *rej);

/* Store one answer row: STORED, DUPLICATE (the same row of the same
 * answer again) or REJECTED (answer_conflict). */
zt_status zt_store_put_answer(zt_store *s, int64_t file_id, long line,
                              const zt_answer *a, zt_put_result *res,
                              zt_err *err);


/* What the answers say about a stored declaration line. */
typedef enum zt_answer_mark {
  ZT_ANS_OPEN = 0,    /* no answer to its message (yet): nog niet
                         beoordeeld; counts as before */
  ZT_ANS_APPROVED,    /* its message was answered and it is not listed */
  ZT_ANS_REJECTED,    /* listed as rejected, or its message was rejected
                         whole: not spending, not care */
  ZT_ANS_OUTSIDE      /* no answer, and not from a JW323 file (a CSV
                         export): counts as before, in no answer figure */
} zt_answer_mark;

/* An answer that judged no stored declaration line: the JW323 it answers
 * is not in the store (never delivered to zothuis, refused whole, or
 * every line of it rejected at ingest), or the DeclaratieNummer that
 * would find it names two messages. One per provider and identification
 * (docs/rules.md §7, dq.answers_unmatched). */
typedef struct zt_answer_orphan {
  int64_t agb;
  int gemeente;           /* the answering municipality */
  char decl_id[ZT_TEXT_BYTES(ZT_ANSWER_ID_MAX)];
  char declnr[ZT_TEXT_BYTES(ZT_DECLNR_MAX)];   /* "" when absent */
  zt_day day;             /* delivery day of the answer's file, or
                             ZT_DAY_NONE */
} zt_answer_orphan;

/* The marks of the stored lines that are not approved, by declaration
 * id (ascending); `present` is false when the store holds no answer at
 * all (then nothing changes anywhere). Codes are indexes into `codes`
 * (the main retour codes, 4 characters each, sorted). */
typedef struct zt_answer_marks {
  bool present;
  size_t n;
  int64_t *ids;
  uint8_t *mark;          /* zt_answer_mark */
  uint16_t *code;         /* for REJECTED: index into codes */
  zt_day *day;            /* for REJECTED: the delivery day of the
                             answer's file (ZT_DAY_NONE unknown) */
  char (*codes)[5];
  size_t ncodes;
  zt_answer_orphan *orphans;   /* by provider and identification */
  size_t norphans;
} zt_answer_marks;

/* Read the marks (one read of the declaration table when any answer is
 * stored, nothing otherwise). `db` is the store's connection, inside the
 * caller's read transaction. With `as_of` (not ZT_DAY_NONE) only the
 * answers whose file was delivered on or before that day count: a line
 * answered later is still open then. */
zt_status zt_answer_marks_load(struct sqlite3 *db, zt_day as_of,
                               zt_answer_marks *out, zt_err *err);
/* The mark of declaration `id` (binary search; an id not in the array
 * is APPROVED), and for REJECTED its main retour code and the day the
 * rejecting answer was delivered (either out pointer may be NULL). */
zt_answer_mark zt_answer_mark_of(const zt_answer_marks *m, int64_t id,
                                 const char **code, zt_day *day);
void zt_answer_marks_free(zt_answer_marks *m);

/* One main retour code's share of the rejected lines. */
typedef struct zt_answer_code_stat {
  char code[5];
  int64_t lines;
  int64_t cents;          /* signed: debits +, credits - */
} zt_answer_code_stat;

/* What the answers did to the stored declaration lines, run-wide
 * (docs/indicators.md, dq.*_by_gemeente and dq.*_not_assessed). */
typedef struct zt_answer_stats {
  bool present;           /* at least one answer is stored */
  int64_t lines_rejected, cents_rejected;
  int64_t lines_open, cents_open;         /* nog niet beoordeeld */
  int64_t lines_approved, cents_approved; /* net of applied credits */
  int64_t lines_outside, cents_outside;   /* CSV lines without answer */
  zt_answer_code_stat *codes;             /* by code */
  size_t ncodes;
  zt_answer_orphan *orphans;  /* answers that judged no stored line */
  size_t norphans;
} zt_answer_stats;

void zt_answer_stats_free(zt_answer_stats *s);

/* Write `o` as the internal CSV intern/antwoord-zonder-declaratie.csv: a
 * header and one row per answer that judged no stored line
 * (docs/report.md). Identifications come from input files: the formula
 * guard is on. */
void zt_answer_write_orphans_csv(FILE *fp, const zt_answer_orphan *o,
                                 size_t n);

#endif

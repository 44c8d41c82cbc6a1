/*
 * etl/answer.c -- declaration answers (JW325): validation of the answer
 * rows, their tables in the store, and the mark each stored declaration
 * line gets from them (see answer.h; docs/rules.md, "Answers").
 */
#include "etl/answer.h"

#include <glib.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvout.h"
#include "core/sort.h"
#include "core/str.h"
#include "etl/encoding.h"
#include "etl/mask.h"
#include "etl/refdata.h"
#include "etl/store.h"

/* ---- validation ------------------------------------------------------- */

bool zt_answer_code_approves(const char *code) {
  return strcmp(code, "0200") == 0 || strcmp(code, "8001") == 0;
}

static zt_slice fld(const zt_row *row, int i) {
  zt_slice s = row->f[i];
  if (s.p)
    zt_trim(&s.p, &s.n);
  else
    s.n = 0;
  return s;
}

static zt_status bad(zt_reject *rej, zt_reason reason, int fi,
                     const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static zt_status bad(zt_reject *rej, zt_reason reason, int fi,
                     const char *fmt, ...) {
  const zt_kind_layout *lay = zt_kind_layout_of(ZT_KIND_ANTWOORDEN);
  char msg[200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  rej->reason = reason;
  rej->field = fi;
  snprintf(rej->message, sizeof rej->message, "%s: %s",
           fi >= 0 ? lay->names[fi] : "line", msg);
  return ZT_OK;
}

/* A text field of at most `max` characters (code points, as the iJw
 * lengths count) into out, of `cap` bytes; a text of as many characters
 * that takes more bytes meets that technical limit, named in bytes. */
static bool text(const zt_row *row, int fi, size_t max, size_t cap,
                 bool required, char *out, zt_reject *rej) {
  zt_slice s = fld(row, fi);
  size_t chars = zt_utf8_chars(s.p, s.n);
  out[0] = '\0';
  if (s.n == 0) {
    if (required)
      bad(rej, ZT_R_MISSING_FIELD, fi, "required, but empty");
    return !required;
  }
  if (chars > max || s.n >= cap) {
    if (chars > max)
      bad(rej, ZT_R_FIELD_TOO_LONG, fi, "%zu characters, at most %zu "
          "allowed", chars, max);
    else
      bad(rej, ZT_R_FIELD_TOO_LONG, fi, "%zu characters, but %zu bytes in "
          "UTF-8: at most %zu bytes are kept", chars, s.n, cap - 1);
    return false;
  }
  memcpy(out, s.p, s.n);
  out[s.n] = '\0';
  return true;
}

/* An optional amount in cents with its D/C; -1 when absent. */
static bool amount(const zt_row *row, int fi, int fdc, int64_t *cents,
                   bool *credit, zt_reject *rej) {
  zt_slice a = fld(row, fi), dc = fld(row, fdc);
  *cents = -1;
  *credit = false;
  if (a.n == 0)
    return true;
  if (zt_parse_money(a.p, a.n, row->fmt && row->fmt->money_euros, cents)) {
    bad(rej, ZT_R_AMOUNT_INVALID, fi,
        "not a non-negative whole number of cents");
    return false;
  }
  if (dc.n != 1 || (dc.p[0] != 'D' && dc.p[0] != 'C')) {
    bad(rej, ZT_R_AMOUNT_INVALID, fdc, "must be D or C with an amount");
    return false;
  }
  *credit = dc.p[0] == 'C';
  return true;
}

/* A retour code as a message shows it: every run of eight or more
 * digits masked (it may be a BSN), then cut to 12 characters. */
static void show_code(const char *p, size_t n, char *out, size_t size) {
  char *raw = g_strndup(p, n < 64 ? n : 64);
  char *m = zt_mask_secret_dup(raw);
  size_t k = 0, chars = 0;
  while (m[k] && chars < 12) {
    k++;
    while ((((unsigned char)m[k]) & 0xC0) == 0x80)
      k++;
    chars++;
  }
  snprintf(out, size, "%.*s%s", (int)k, m, m[k] || n > 64 ? "..." : "");
  g_free(m);
  g_free(raw);
}

/* Blank- or comma-separated retour codes of 4 letters or digits, at most
 * ZT_ANSWER_CODES of them (the schema sets no maximum; etl/ijw.c holds
 * a JW325 to the same rules and words). */
static bool codes(const zt_row *row, zt_answer *a, zt_reject *rej) {
  zt_slice s = fld(row, ZT_N_CODES);
  size_t i = 0, n = 0, k = 0;
  char shown[48];
  a->codes[0] = a->main[0] = '\0';
  while (i < s.n) {
    size_t j = i, chars = 0;
    bool form = true;
    while (i < s.n && (s.p[i] == ' ' || s.p[i] == ',' || s.p[i] == '\t'))
      i++;
    j = i;
    while (i < s.n && s.p[i] != ' ' && s.p[i] != ',' && s.p[i] != '\t')
      i++;
    if (i == j)
      break;
    for (size_t c = j; c < i; c++) {
      chars += ((unsigned char)s.p[c] & 0xC0) != 0x80;
      form = form && ((s.p[c] >= '0' && s.p[c] <= '9') ||
                      (s.p[c] >= 'A' && s.p[c] <= 'Z'));
    }
    if (chars > 4) {
      show_code(s.p + j, i - j, shown, sizeof shown);
      bad(rej, ZT_R_FIELD_TOO_LONG, ZT_N_CODES,
          "retour code %zu is longer than 4 characters ('%s'): a retour "
          "code has 4 (WJ001)", n + 1, shown);
      return false;
    }
    if (chars < 4 || !form) {
      show_code(s.p + j, i - j, shown, sizeof shown);
      bad(rej, ZT_R_VALUE_INVALID, ZT_N_CODES,
          "retour code %zu ('%s') is not a retour code: 4 digits or "
          "capitals (WJ001)", n + 1, shown);
      return false;
    }
    if (n == ZT_ANSWER_CODES) {
      bad(rej, ZT_R_FIELD_TOO_LONG, ZT_N_CODES,
          "more than %d retour codes: zothuis reads at most %d a row",
          ZT_ANSWER_CODES, ZT_ANSWER_CODES);
      return false;
    }
    if (k)
      a->codes[k++] = ' ';
    memcpy(a->codes + k, s.p + j, 4);
    k += 4;
    a->codes[k] = '\0';
    n++;
  }
  if (n == 0) {
    bad(rej, ZT_R_MISSING_FIELD, ZT_N_CODES, "required, but empty");
    return false;
  }
  /* the main code: the first that does not approve */
  memcpy(a->main, a->codes, 4);
  a->main[4] = '\0';
  for (size_t c = 0; c < k; c += 5) {
    char one[5];
    memcpy(one, a->codes + c, 4);
    one[4] = '\0';
    if (!zt_answer_code_approves(one)) {
      memcpy(a->main, one, 5);
      a->rejects = true;
      break;
    }
  }
  return true;
}

zt_status zt_answer_parse(const zt_row *row, zt_answer *out,
                          zt_reject *rej) {
  zt_slice s;
  uint64_t u;
  char level[16];
  rej->reason = ZT_R_NONE;
  rej->field = -1;
  rej->message[0] = '\0';
  memset(out, 0, sizeof *out);

  s = fld(row, ZT_N_GEMEENTE);
  if (s.n == 0)
    return bad(rej, ZT_R_MISSING_FIELD, ZT_N_GEMEENTE, "required, but "
               "empty");
  if (!zt_gemeente_parse(s.p, s.n, &out->gemeente))
    return bad(rej, ZT_R_GEMEENTE_UNKNOWN, ZT_N_GEMEENTE,
               "not a municipality code (4 digits)");
  s = fld(row, ZT_N_AGB);
  if (s.n == 0)
    return bad(rej, ZT_R_MISSING_FIELD, ZT_N_AGB, "required, but empty");
  if (s.n != 8 || zt_parse_u64(s.p, s.n, &u))
    return bad(rej, ZT_R_AGB_FORMAT, ZT_N_AGB, "not 8 digits");
  out->agb = (uint32_t)u;
  if (!text(row, ZT_N_ANSWER_ID, ZT_ANSWER_ID_MAX, sizeof out->answer_id,
            true, out->answer_id, rej) ||
      !text(row, ZT_N_DECL_ID, ZT_ANSWER_ID_MAX, sizeof out->decl_id, true,
            out->decl_id, rej) ||
      !text(row, ZT_N_DECLNR, ZT_DECLNR_MAX, sizeof out->declnr, false,
            out->declnr, rej) ||
      !text(row, ZT_N_LEVEL, sizeof level - 1, sizeof level, true, level,
            rej))
    return ZT_OK;
  if (strcmp(level, "prestatie") == 0)
    out->line = true;
  else if (strcmp(level, "declaratie") != 0)
    return bad(rej, ZT_R_VALUE_INVALID, ZT_N_LEVEL,
               "must be declaratie or prestatie");
  if (!text(row, ZT_N_REF, ZT_REF_MAX, sizeof out->ref, out->line, out->ref,
            rej))
    return ZT_OK;
  if (!out->line && out->ref[0])
    return bad(rej, ZT_R_VALUE_INVALID, ZT_N_REF,
               "only a prestatie row names a line");
  if (!amount(row, ZT_N_AMOUNT, ZT_N_DC, &out->amount, &out->credit, rej) ||
      !amount(row, ZT_N_GRANTED, ZT_N_GRANTED_DC, &out->granted,
              &out->granted_credit, rej))
    return ZT_OK;
  if (!codes(row, out, rej))
    return ZT_OK;
  if (out->line)
    out->rejects = true;     /* a listed line is rejected, whatever codes */
  return ZT_OK;
}

zt_status zt_validate_answer(zt_validator *v, const zt_row *row,
                             zt_answer *out, zt_reject *rej) {
  zt_status zs = zt_answer_parse(row, out, rej);
  if (zs || rej->reason != ZT_R_NONE)
    return zs;
  {
    /* a line's reference as the declaration stored it: a BSN in it is
     * replaced the same way (the client's own, wherever it stands in
     * the declaration, only when it stands alone: an answer names no
     * client) */
    long hits = 0;
    zt_status st = zt_bsn_scrub_any(v->ps, out->ref, &hits);
    if (!st)
      st = zt_bsn_scrub_any(v->ps, out->declnr, &hits);
    /* and the message identifications, as the JW323's own is kept
     * (etl/ingest.c), so the answer still names its message */
    if (!st)
      st = zt_bsn_scrub_any(v->ps, out->answer_id, &hits);
    if (!st)
      st = zt_bsn_scrub_any(v->ps, out->decl_id, &hits);
    if (st)
      return st;
    v->bsn_in_ref += hits > 0;
  }
  return ZT_OK;
}

/* ---- the store -------------------------------------------------------- */

static zt_status db_fail(sqlite3 *db, zt_err *err, const char *what) {
  return zt_store_sqlite_fail(db, err, what);
}

static void bind_opt_text(sqlite3_stmt *st, int i, const char *s) {
  if (s[0])
    sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null(st, i);
}

static void bind_signed(sqlite3_stmt *st, int i, int64_t cents,
                        bool credit) {
  if (cents < 0)
    sqlite3_bind_null(st, i);
  else
    sqlite3_bind_int64(st, i, credit ? -cents : cents);
}

/* The answer_id already stored for this message's answer (its own row or
 * a line), into `id`; false when there is none. */
static zt_status answered_by(sqlite3 *db, const zt_answer *a, char *id,
                             size_t size, bool *found, zt_err *err) {
  static const char *const sql =
      "SELECT answer_id FROM answer WHERE agb = ?1 AND gemeente = ?2 AND "
      "decl_id = ?3 UNION ALL SELECT answer_id FROM answer_line WHERE "
      "agb = ?1 AND gemeente = ?2 AND decl_id = ?3 LIMIT 1";
  sqlite3_stmt *st;
  int rc;
  *found = false;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
    return db_fail(db, err, "looking up an answer");
  sqlite3_bind_int64(st, 1, a->agb);
  sqlite3_bind_int(st, 2, a->gemeente);
  sqlite3_bind_text(st, 3, a->decl_id, -1, SQLITE_STATIC);
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW) {
    *found = true;
    zt_strlcpy(id, (const char *)sqlite3_column_text(st, 0), size);
  }
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return db_fail(db, err, "looking up an answer");
  return ZT_OK;
}

zt_status zt_store_put_answer(zt_store *s, int64_t file_id, long line,
                              const zt_answer *a, zt_put_result *res,
                              zt_err *err) {
  sqlite3 *db = zt_store_db(s);
  sqlite3_stmt *st;
  char other[ZT_TEXT_BYTES(ZT_ANSWER_ID_MAX)];
  bool found;
  int rc;
  zt_status zs;
  memset(res, 0, sizeof *res);
  res->outcome = ZT_PUT_STORED;
  zs = answered_by(db, a, other, sizeof other, &found, err);
  if (zs)
    return zs;
  if (found && strcmp(other, a->answer_id) != 0) {
    zt_put_reject(res, ZT_R_ANSWER_CONFLICT, ZT_N_ANSWER_ID,
                  "declaration message %s of provider %08u was already "
                  "answered by answer %s; this second answer is not used",
                  a->decl_id, (unsigned)a->agb, other);
    return ZT_OK;
  }
  if (a->line)
    rc = sqlite3_prepare_v2(
        db,
        "INSERT INTO answer_line (file_id, line, gemeente, agb, answer_id, "
        "decl_id, declaratie_nr, ref, amount, credit, codes, main_code) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
        "ON CONFLICT DO NOTHING",
        -1, &st, NULL);
  else
    rc = sqlite3_prepare_v2(
        db,
        "INSERT INTO answer (file_id, line, gemeente, agb, answer_id, "
        "decl_id, declaratie_nr, submitted, granted, codes, main_code, "
        "whole_rejected) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "
        "?11, ?12) ON CONFLICT DO NOTHING",
        -1, &st, NULL);
  if (rc != SQLITE_OK)
    return db_fail(db, err, "storing an answer");
  sqlite3_bind_int64(st, 1, file_id);
  sqlite3_bind_int64(st, 2, line);
  sqlite3_bind_int(st, 3, a->gemeente);
  sqlite3_bind_int64(st, 4, a->agb);
  sqlite3_bind_text(st, 5, a->answer_id, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 6, a->decl_id, -1, SQLITE_STATIC);
  bind_opt_text(st, 7, a->declnr);
  if (a->line) {
    sqlite3_bind_text(st, 8, a->ref, -1, SQLITE_STATIC);
    if (a->amount >= 0) {
      sqlite3_bind_int64(st, 9, a->amount);
      sqlite3_bind_int(st, 10, a->credit);
    }
    sqlite3_bind_text(st, 11, a->codes, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 12, a->main, -1, SQLITE_STATIC);
  } else {
    bind_signed(st, 8, a->amount, a->credit);
    bind_signed(st, 9, a->granted, a->granted_credit);
    sqlite3_bind_text(st, 10, a->codes, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 11, a->main, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 12, a->rejects);
  }
  rc = sqlite3_step(st);
  sqlite3_finalize(st);
  if (rc != SQLITE_DONE)
    return db_fail(db, err, "storing an answer");
  if (sqlite3_changes(db) == 1)
    return ZT_OK;
  /* the same message (and line) was answered by this answer before: the
   * same row again is a duplicate, another content a conflict */
  if (a->line)
    rc = sqlite3_prepare_v2(
        db,
        "SELECT codes = ?5 AND amount IS ?6 AND credit IS ?7 FROM "
        "answer_line WHERE agb = ?1 AND gemeente = ?2 AND decl_id = ?3 "
        "AND ref = ?4",
        -1, &st, NULL);
  else
    rc = sqlite3_prepare_v2(
        db,
        "SELECT codes = ?5 AND submitted IS ?6 AND granted IS ?7 AND "
        "coalesce(declaratie_nr, '') = ?4 FROM answer WHERE agb = ?1 AND "
        "gemeente = ?2 AND decl_id = ?3",
        -1, &st, NULL);
  if (rc != SQLITE_OK)
    return db_fail(db, err, "comparing an answer");
  sqlite3_bind_int64(st, 1, a->agb);
  sqlite3_bind_int(st, 2, a->gemeente);
  sqlite3_bind_text(st, 3, a->decl_id, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 4, a->line ? a->ref : a->declnr, -1, SQLITE_STATIC);
  sqlite3_bind_text(st, 5, a->codes, -1, SQLITE_STATIC);
  if (a->line) {
    if (a->amount >= 0) {
      sqlite3_bind_int64(st, 6, a->amount);
      sqlite3_bind_int(st, 7, a->credit);
    }
  } else {
    bind_signed(st, 6, a->amount, a->credit);
    bind_signed(st, 7, a->granted, a->granted_credit);
  }
  rc = sqlite3_step(st);
  if (rc == SQLITE_ROW && sqlite3_column_int(st, 0) == 1)
    res->outcome = ZT_PUT_DUPLICATE;
  else if (rc == SQLITE_ROW)
    zt_put_reject(res, ZT_R_ANSWER_CONFLICT,
                  a->line ? ZT_N_REF : ZT_N_CODES,
                  "answer %s to declaration message %s already holds this "
                  "%s with other content; the first one stays",
                  a->answer_id, a->decl_id, a->line ? "line" : "answer");
  sqlite3_finalize(st);
  if (rc != SQLITE_ROW)
    return db_fail(db, err, "comparing an answer");
  return ZT_OK;
}

/* ---- marks ------------------------------------------------------------ */

/* An answer as the marks need it. */
typedef struct ans {
  bool whole;
  bool used;             /* it judged a stored line */
  int code;              /* index into the code list */
  int gemeente;
  int64_t agb;
  zt_day day;            /* its file's delivery day */
  char *decl_id;         /* the JW323 identification it answers */
  char *declnr;          /* its DeclaratieNummer, "" when absent */
} ans;

/* A later delivery of a stored line by another declaration
 * (redelivery table). */
typedef struct redeliv {
  int64_t file;
  char *declnr;
} redeliv;

/* What one delivery of a line (a file and its DeclaratieNummer) was told
 * by its answer: a zt_answer_mark with the code and day of a rejection;
 * `answered` when an answer to that delivery was found. */
typedef struct verdict {
  int mark, code;
  zt_day day;
  bool answered;
} verdict;

/* A line an answer rejected: its main code, the answer's day, and the
 * answer (its index + 1 in the loader's list, 0 when not found). */
typedef struct rline {
  int code;
  zt_day day;
  size_t ans;
} rline;

typedef struct loader {
  GHashTable *codes;     /* code -> index + 1 */
  GPtrArray *code_list;
} loader;

static int code_index(loader *ld, const char *code) {
  gpointer v = g_hash_table_lookup(ld->codes, code);
  char *k;
  if (v)
    return GPOINTER_TO_INT(v) - 1;
  k = g_strdup(code);
  g_ptr_array_add(ld->code_list, k);
  g_hash_table_insert(ld->codes, k, GINT_TO_POINTER(ld->code_list->len));
  return (int)ld->code_list->len - 1;
}

/* The key of a message or a line: "agb|I|ident", "agb|N|number" or
 * "agb|R|reference" (the same form the lookups below print). */
static char *key3(int64_t agb, char what, const char *s) {
  return g_strdup_printf("%lld|%c|%s", (long long)agb, what, s);
}

/* key3 written into `k` (cut at n - 1 bytes like snprintf), without
 * snprintf's cost: it runs for every stored line. */
static void key3_in(char *k, size_t n, int64_t agb, char what,
                    const char *s) {
  char digits[24];
  size_t nd = 0, at = 0;
  uint64_t v = agb < 0 ? (uint64_t)0 - (uint64_t)agb : (uint64_t)agb;
  do {
    digits[nd++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  if (agb < 0)
    digits[nd++] = '-';
  while (nd > 0 && at + 1 < n)
    k[at++] = digits[--nd];
  if (at + 1 < n)
    k[at++] = '|';
  if (at + 1 < n)
    k[at++] = what;
  if (at + 1 < n)
    k[at++] = '|';
  while (*s && at + 1 < n)
    k[at++] = *s++;
  k[at] = '\0';
}

zt_answer_mark zt_answer_mark_of(const zt_answer_marks *m, int64_t id,
                                 const char **code, zt_day *day) {
  size_t lo = 0, hi = m->n;
  if (code)
    *code = NULL;
  if (day)
    *day = ZT_DAY_NONE;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (m->ids[mid] < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < m->n && m->ids[lo] == id) {
    if (code && m->mark[lo] == ZT_ANS_REJECTED)
      *code = m->codes[m->code[lo]];
    if (day && m->mark[lo] == ZT_ANS_REJECTED)
      *day = m->day[lo];
    return (zt_answer_mark)m->mark[lo];
  }
  return ZT_ANS_APPROVED;
}

void zt_answer_marks_free(zt_answer_marks *m) {
  g_free(m->ids);
  g_free(m->mark);
  g_free(m->code);
  g_free(m->day);
  g_free(m->codes);
  g_free(m->orphans);
  memset(m, 0, sizeof *m);
}

void zt_answer_stats_free(zt_answer_stats *s) {
  free(s->codes);
  g_free(s->orphans);
  memset(s, 0, sizeof *s);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* What the per-line judgement reads. */
typedef struct judge_ctx {
  GHashTable *msgs, *lines, *idents, *jw323;
  ans *answers;          /* an answer that judges a line is marked used */
  GArray *rlines;
} judge_ctx;

/* A number that answers to two declaration messages names neither. */
#define NUMBER_AMBIGUOUS ((gpointer)(gsize)-1)

/* One delivery of a line (provider `agb`, reference `ref`) in `file`
 * with DeclaratieNummer `nr`: found by its answer, rejected whole,
 * rejected as a listed line, or approved; without an answer open (a
 * JW323) or outside the answers (a CSV). The answer is found by the
 * file's message identification; by the number only when the file has
 * none (a CSV, a JW323 stored before schema 5): a provider may send a
 * second declaration under the same number (a resend), and its answer
 * answers that message, not the first (docs/store.md). */
static verdict judge(const judge_ctx *c, int64_t agb, int64_t file,
                     const char *nr, const char *ref) {
  const char *ident = g_hash_table_lookup(c->idents, &file);
  gpointer hit = NULL, rl;
  char k[160];           /* lookups need no copy of the key */
  ans *a;
  if (ident) {
    key3_in(k, sizeof k, agb, 'I', ident);
    hit = g_hash_table_lookup(c->msgs, k);
  } else if (nr && nr[0]) {
    key3_in(k, sizeof k, agb, 'N', nr);
    hit = g_hash_table_lookup(c->msgs, k);
    if (hit == NUMBER_AMBIGUOUS)
      hit = NULL;
  }
  if (!hit)
    return (verdict){g_hash_table_contains(c->jw323, &file)
                         ? ZT_ANS_OPEN
                         : ZT_ANS_OUTSIDE,
                     0, ZT_DAY_NONE, false};
  a = &c->answers[GPOINTER_TO_SIZE(hit) - 1];
  a->used = true;
  if (a->whole)
    return (verdict){ZT_ANS_REJECTED, a->code, a->day, true};
  {
    /* "decl_id\x1fref", as the loader wrote it, without an allocation:
     * this runs for every stored line of an answered declaration */
    char dk[2 * 64 + 2];
    size_t ni = strlen(a->decl_id), nf = strlen(ref);
    if (ni > 64)
      ni = 64;
    if (nf > 64)
      nf = 64;
    memcpy(dk, a->decl_id, ni);
    dk[ni] = '\x1f';
    memcpy(dk + ni + 1, ref, nf);
    dk[ni + 1 + nf] = '\0';
    key3_in(k, sizeof k, agb, 'D', dk);
  }
  rl = g_hash_table_lookup(c->lines, k);
  if (rl) {
    const rline *r = &g_array_index(c->rlines, rline,
                                    GPOINTER_TO_UINT(rl) - 1);
    return (verdict){ZT_ANS_REJECTED, r->code, r->day, true};
  }
  return (verdict){ZT_ANS_APPROVED, 0, ZT_DAY_NONE, true};
}

/* Which verdict of two deliveries wins: the one that counts the line. */
static int rank(int mark) {
  switch (mark) {
  case ZT_ANS_APPROVED: return 3;
  case ZT_ANS_OUTSIDE: return 2;
  case ZT_ANS_OPEN: return 1;
  default: return 0;
  }
}

static void redeliv_list_free(gpointer p) {
  GArray *list = p;
  for (guint i = 0; i < list->len; i++)
    g_free(g_array_index(list, redeliv, i).declnr);
  g_array_free(list, TRUE);
}

zt_status zt_answer_marks_load(sqlite3 *db, zt_day as_of,
                               zt_answer_marks *m, zt_err *err) {
  sqlite3_stmt *st = NULL;
  GHashTable *msgs = NULL, *lines = NULL, *idents = NULL, *jw323 = NULL;
  GHashTable *again = NULL;
  loader ld = {NULL, NULL};
  ans *answers = NULL;
  GArray *rlines = NULL;
  size_t nans = 0, cap = 0;
  int *remap = NULL;
  zt_status rc = ZT_OK;
  char kf[128], ka[128], kl[128], km[128], sql[2048];

  memset(m, 0, sizeof *m);
  zt_store_sql_known(kf, sizeof kf, "file_id", as_of);
  zt_store_sql_known(ka, sizeof ka, "a.file_id", as_of);
  zt_store_sql_known(kl, sizeof kl, "l.file_id", as_of);
  zt_store_sql_known(km, sizeof km, "m.file_id", as_of);
  if (sqlite3_prepare_v2(db,
                         "SELECT EXISTS (SELECT 1 FROM answer) OR EXISTS "
                         "(SELECT 1 FROM answer_line)",
                         -1, &st, NULL) != SQLITE_OK)
    return db_fail(db, err, "reading the answers");
  if (sqlite3_step(st) == SQLITE_ROW)
    m->present = sqlite3_column_int(st, 0) != 0;
  sqlite3_finalize(st);
  if (!m->present)
    return ZT_OK;

  ld.codes = g_hash_table_new(g_str_hash, g_str_equal);
  ld.code_list = g_ptr_array_new_with_free_func(g_free);
  msgs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  lines = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  idents = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free,
                                 g_free);
  jw323 = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
  again = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free,
                                redeliv_list_free);
  rlines = g_array_new(FALSE, FALSE, sizeof(rline));

  /* the answers, by (provider, identification) and (provider, number);
   * lines of an answer whose own row is missing (a CSV without one)
   * still say the message was answered (their day, the first delivery
   * of such a line, only names an answer that judged nothing) */
  snprintf(sql, sizeof sql,
           "SELECT agb, decl_id, coalesce(declaratie_nr, ''), "
           "whole_rejected, main_code, (SELECT delivered_day FROM "
           "ingest_file f WHERE f.id = file_id), gemeente FROM answer "
           "WHERE %s UNION ALL "
           "SELECT agb, decl_id, coalesce(declaratie_nr, ''), 0, '', "
           "min((SELECT delivered_day FROM ingest_file f WHERE f.id = "
           "l.file_id)), gemeente FROM answer_line l WHERE %s AND NOT "
           "EXISTS (SELECT 1 "
           "FROM answer a WHERE a.agb = l.agb AND a.gemeente = l.gemeente AND "
           "a.decl_id = l.decl_id AND %s) GROUP BY agb, gemeente, decl_id, "
           "coalesce(declaratie_nr, '') ORDER BY 1, 2, 3",
           kf, kl, ka);
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
    rc = db_fail(db, err, "reading the answers");
    goto out;
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    int64_t agb = sqlite3_column_int64(st, 0);
    const char *id = (const char *)sqlite3_column_text(st, 1);
    const char *nr = (const char *)sqlite3_column_text(st, 2);
    ans *a;
    if (nans == cap) {
      cap = cap ? 2 * cap : 64;
      answers = g_renew(ans, answers, cap);
    }
    a = &answers[nans];
    a->decl_id = g_strdup(id);
    a->declnr = g_strdup(nr);
    a->agb = agb;
    a->gemeente = sqlite3_column_int(st, 6);
    a->used = false;
    a->whole = sqlite3_column_int(st, 3) != 0;
    a->code = code_index(&ld, (const char *)sqlite3_column_text(st, 4));
    a->day = sqlite3_column_type(st, 5) == SQLITE_NULL
                 ? ZT_DAY_NONE
                 : (zt_day)sqlite3_column_int(st, 5);
    g_hash_table_insert(msgs, key3(agb, 'I', id), GSIZE_TO_POINTER(nans + 1));
    if (nr[0]) {
      char *k = key3(agb, 'N', nr);
      gpointer had = g_hash_table_lookup(msgs, k);
      if (!had)
        g_hash_table_insert(msgs, k, GSIZE_TO_POINTER(nans + 1));
      else if (had != NUMBER_AMBIGUOUS &&
               strcmp(answers[GPOINTER_TO_SIZE(had) - 1].decl_id, id) != 0)
        g_hash_table_insert(msgs, k, NUMBER_AMBIGUOUS); /* frees k */
      else
        g_free(k);           /* the same message's answer again */
    }
    nans++;
  }
  if (sqlite3_finalize(st) != SQLITE_OK) {
    rc = db_fail(db, err, "reading the answers");
    goto out;
  }

  /* the rejected lines, by (provider, answered JW323, reference), and
   * by (provider, reference) when the JW323 they answer is not stored:
   * a line listed in the answer to a stored message is that message's
   * (or a line it delivered again), never another's with the same
   * reference (a resend under the same number, docs/store.md) */
  snprintf(sql, sizeof sql,
           "SELECT agb, ref, main_code, (SELECT delivered_day FROM "
           "ingest_file f WHERE f.id = file_id), decl_id, EXISTS (SELECT 1 "
           "FROM message_ident m JOIN ingest_file f ON f.id = m.file_id "
           "WHERE m.identificatie = answer_line.decl_id AND (f.agb IS NULL "
           "OR f.agb IN (answer_line.agb, -1)) AND %s) FROM answer_line "
           "WHERE %s ORDER BY agb, ref, id", km, kf);
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
    rc = db_fail(db, err, "reading the answers");
    goto out;
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    const char *ref = (const char *)sqlite3_column_text(st, 1);
    char *k = key3(sqlite3_column_int64(st, 0), 'R', ref);
    char *dk = g_strdup_printf("%s\x1f%s",
                               (const char *)sqlite3_column_text(st, 4), ref);
    char *kd = key3(sqlite3_column_int64(st, 0), 'D', dk);
    rline r = {code_index(&ld, (const char *)sqlite3_column_text(st, 2)),
               sqlite3_column_type(st, 3) == SQLITE_NULL
                   ? ZT_DAY_NONE
                   : (zt_day)sqlite3_column_int(st, 3),
               0};
    char kans[160];
    key3_in(kans, sizeof kans, sqlite3_column_int64(st, 0), 'I',
            (const char *)sqlite3_column_text(st, 4));
    r.ans = GPOINTER_TO_SIZE(g_hash_table_lookup(msgs, kans));
    g_free(dk);
    g_array_append_val(rlines, r);
    if (sqlite3_column_int(st, 5) || g_hash_table_contains(lines, k))
      g_free(k);
    else
      g_hash_table_insert(lines, k, GUINT_TO_POINTER(rlines->len));
    if (g_hash_table_contains(lines, kd))
      g_free(kd);
    else
      g_hash_table_insert(lines, kd, GUINT_TO_POINTER(rlines->len));
  }
  if (sqlite3_finalize(st) != SQLITE_OK) {
    rc = db_fail(db, err, "reading the answers");
    goto out;
  }

  /* the files' message identifications */
  if (sqlite3_prepare_v2(db,
                         "SELECT file_id, identificatie FROM message_ident",
                         -1, &st, NULL) != SQLITE_OK) {
    rc = db_fail(db, err, "reading the answers");
    goto out;
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    int64_t *k = g_new(int64_t, 1);
    *k = sqlite3_column_int64(st, 0);
    g_hash_table_insert(idents, k,
                        g_strdup((const char *)sqlite3_column_text(st, 1)));
  }
  if (sqlite3_finalize(st) != SQLITE_OK) {
    rc = db_fail(db, err, "reading the answers");
    goto out;
  }

  /* the JW323 files (only their lines wait for an answer) */
  if (sqlite3_prepare_v2(db,
                         "SELECT id FROM ingest_file WHERE format LIKE "
                         "'jw323%'",
                         -1, &st, NULL) != SQLITE_OK) {
    rc = db_fail(db, err, "reading the answers");
    goto out;
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    int64_t *k = g_new(int64_t, 1);
    *k = sqlite3_column_int64(st, 0);
    g_hash_table_add(jw323, k);
  }
  if (sqlite3_finalize(st) != SQLITE_OK) {
    rc = db_fail(db, err, "reading the answers");
    goto out;
  }

  /* the lines delivered again by another declaration */
  snprintf(sql, sizeof sql,
           "SELECT decl_id, file_id, coalesce(declaratie_nr, '') FROM "
           "redelivery WHERE %s", kf);
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
    rc = db_fail(db, err, "reading the answers");
    goto out;
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(st, 0);
    GArray *list = g_hash_table_lookup(again, &id);
    redeliv r = {sqlite3_column_int64(st, 1),
                 g_strdup((const char *)sqlite3_column_text(st, 2))};
    if (!list) {
      int64_t *k = g_new(int64_t, 1);
      *k = id;
      list = g_array_new(FALSE, FALSE, sizeof(redeliv));
      g_hash_table_insert(again, k, list);
    }
    g_array_append_val(list, r);
  }
  if (sqlite3_finalize(st) != SQLITE_OK) {
    rc = db_fail(db, err, "reading the answers");
    goto out;
  }

  /* every stored line, in id order */
  if (sqlite3_prepare_v2(db,
                         "SELECT id, agb, file_id, coalesce(declaratie_nr, "
                         "''), ref FROM declaration",
                         -1, &st, NULL) != SQLITE_OK) {
    rc = db_fail(db, err, "reading the answers");
    goto out;
  }
  {
    size_t mcap = 0;
    judge_ctx jc = {msgs, lines, idents, jw323, answers, rlines};
    while (sqlite3_step(st) == SQLITE_ROW) {
      int64_t id = sqlite3_column_int64(st, 0);
      int64_t agb = sqlite3_column_int64(st, 1);
      const char *ref = (const char *)sqlite3_column_text(st, 4);
      GArray *list = g_hash_table_lookup(again, &id);
      verdict v = judge(&jc, agb, sqlite3_column_int64(st, 2),
                        (const char *)sqlite3_column_text(st, 3),
                        ref ? ref : "");
      bool answered = v.answered;
      /* delivered by more than one declaration: the line counts when any
       * delivery counts (approved, or outside the answers), else waits
       * when any waits for its answer, else is rejected */
      for (guint i = 0; list && i < list->len; i++) {
        const redeliv *r = &g_array_index(list, redeliv, i);
        verdict w = judge(&jc, agb, r->file, r->declnr, ref ? ref : "");
        answered |= w.answered;
        if (rank(w.mark) > rank(v.mark))
          v = w;
      }
      if (!answered && v.mark != ZT_ANS_REJECTED) {
        /* no answer found for any delivery: a line listed by provider
         * and reference in any answer is rejected, as before answers
         * could be told apart by the declaration they answer */
        char k[96];
        gpointer rl;
        key3_in(k, sizeof k, agb, 'R', ref ? ref : "");
        rl = g_hash_table_lookup(lines, k);
        if (rl) {
          const rline *r = &g_array_index(rlines, rline,
                                          GPOINTER_TO_UINT(rl) - 1);
          v = (verdict){ZT_ANS_REJECTED, r->code, r->day, false};
          if (r->ans)
            answers[r->ans - 1].used = true;
        }
      }
      if (v.mark == ZT_ANS_APPROVED)
        continue;                    /* approved: not in the array */
      if (m->n == mcap) {
        mcap = mcap ? 2 * mcap : 256;
        m->ids = g_renew(int64_t, m->ids, mcap);
        m->mark = g_renew(uint8_t, m->mark, mcap);
        m->code = g_renew(uint16_t, m->code, mcap);
        m->day = g_renew(zt_day, m->day, mcap);
      }
      m->ids[m->n] = id;
      m->mark[m->n] = (uint8_t)v.mark;
      m->code[m->n] = (uint16_t)v.code;
      m->day[m->n] = v.day;
      m->n++;
    }
  }
  if (sqlite3_finalize(st) != SQLITE_OK) {
    rc = db_fail(db, err, "reading the answers");
    goto out;
  }

  /* the answers that judged no line, one per provider and
   * identification (the list is sorted by both: a message's answer and
   * its lines-only rows are neighbours) */
  for (size_t i = 0, j, ocap = 0; i < nans; i = j) {
    bool used = false;
    const ans *first = &answers[i];
    const char *nr = "";
    zt_answer_orphan *o;
    for (j = i; j < nans && answers[j].agb == first->agb &&
                strcmp(answers[j].decl_id, first->decl_id) == 0;
         j++) {
      used |= answers[j].used;
      if (!nr[0])
        nr = answers[j].declnr;
    }
    if (used)
      continue;
    if (m->norphans == ocap) {
      ocap = ocap ? 2 * ocap : 16;
      m->orphans = g_renew(zt_answer_orphan, m->orphans, ocap);
    }
    o = &m->orphans[m->norphans++];
    memset(o, 0, sizeof *o);
    o->agb = first->agb;
    o->gemeente = first->gemeente;
    o->day = first->day;
    zt_strlcpy(o->decl_id, first->decl_id, sizeof o->decl_id);
    zt_strlcpy(o->declnr, nr, sizeof o->declnr);
  }

  /* the code list, sorted, and the indexes remapped to it */
  {
    size_t nc = ld.code_list->len;
    char **sorted = g_new(char *, nc ? nc : 1);
    if (nc)   /* none as known on an as-of day before every answer */
      memcpy(sorted, ld.code_list->pdata, nc * sizeof *sorted);
    zt_qsort(sorted, nc, sizeof *sorted, cmp_str);
    m->codes = g_malloc((nc ? nc : 1) * sizeof *m->codes);
    remap = g_new(int, nc ? nc : 1);
    for (size_t i = 0; i < nc; i++) {
      zt_strlcpy(m->codes[i], sorted[i], sizeof m->codes[i]);
      remap[GPOINTER_TO_INT(g_hash_table_lookup(ld.codes, sorted[i])) - 1] =
          (int)i;
    }
    m->ncodes = nc;
    for (size_t i = 0; i < m->n; i++)
      if (m->mark[i] == ZT_ANS_REJECTED)
        m->code[i] = (uint16_t)remap[m->code[i]];
    g_free(sorted);
  }

out:
  g_free(remap);
  for (size_t i = 0; i < nans; i++) {
    g_free(answers[i].decl_id);
    g_free(answers[i].declnr);
  }
  g_free(answers);
  if (again)
    g_hash_table_destroy(again);
  if (rlines)
    g_array_free(rlines, TRUE);
  if (ld.codes)
    g_hash_table_destroy(ld.codes);
  if (ld.code_list)
    g_ptr_array_free(ld.code_list, TRUE);
  if (msgs)
    g_hash_table_destroy(msgs);
  if (lines)
    g_hash_table_destroy(lines);
  if (idents)
    g_hash_table_destroy(idents);
  if (jw323)
    g_hash_table_destroy(jw323);
  if (rc)
    zt_answer_marks_free(m);
  return rc;
}

void zt_answer_write_orphans_csv(FILE *fp, const zt_answer_orphan *o,
                                 size_t n) {
  zt_csvout c;
  fputs("gemeente,aanbieder_agb,declaratie_id,declaratienummer,"
        "antwoord_ontvangen\n", fp);
  zt_csvout_init(&c, fp, ',');
  zt_csvout_guard(&c, true);     /* text from input files: no formulas */
  for (size_t i = 0; i < n; i++) {
    char b[32], day[11];
    snprintf(b, sizeof b, "%04d", o[i].gemeente);
    zt_csvout_str(&c, b);
    snprintf(b, sizeof b, "%08lld", (long long)o[i].agb);
    zt_csvout_str(&c, b);
    zt_csvout_str(&c, o[i].decl_id);
    zt_csvout_str(&c, o[i].declnr);
    if (o[i].day != ZT_DAY_NONE)
      zt_date_iso(o[i].day, day);
    else
      day[0] = '\0';
    zt_csvout_str(&c, day);
    zt_csvout_end(&c);
  }
}

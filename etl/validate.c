/*
 * etl/validate.c -- field rules for every input kind (see validate.h).
 */
#include "etl/validate.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/kinds.h"
#include "core/str.h"
#include "etl/encoding.h"
#include "etl/pseudo.h"

/* The field's text with blanks trimmed; p NULL when the column is absent. */
static zt_slice field(const zt_row *row, int i) {
  zt_slice s = row->f[i];
  if (s.p)
    zt_trim(&s.p, &s.n);
  return s;
}

static bool empty(zt_slice s) {
  return !s.p || s.n == 0;
}

static zt_status reject(zt_reject *rej, zt_reason reason, int fieldno,
                        const zt_row *row, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static zt_status reject(zt_reject *rej, zt_reason reason, int fieldno,
                        const zt_row *row, const char *fmt, ...) {
  const zt_kind_layout *lay = zt_kind_layout_of(row->kind);
  char msg[200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  rej->reason = reason;
  rej->field = fieldno;
  snprintf(rej->message, sizeof rej->message, "%s: %s",
           lay && fieldno >= 0 ? lay->names[fieldno] : "line", msg);
  return ZT_OK;
}

/* Bytes of a field masked before it is cut for a message (a CSV field is
 * at most ZT_CSV_FIELD_MAX, 4096). */
#define SHOW_SCAN 4096

/* Shorten a field for a message: at most 24 characters, non-printables
 * replaced, and every BSN-like digit group and every run of nine or more
 * digits masked first (zt_mask_text), in case a BSN sits in the wrong
 * column (BSN fields themselves are masked by their check). */
static const char *show(zt_slice s, char buf[32]) {
  char all[SHOW_SCAN + 1];
  size_t n = s.n < SHOW_SCAN ? s.n : SHOW_SCAN, m, k;
  zt_mask_text(s.p, n, NULL, 0, ZT_MASK_LONG, all, sizeof all);
  /* masking may shorten it (a wide digit becomes one star) */
  m = strlen(all);
  k = m < 24 ? m : 24;
  while (k < m && k > 0 && ((unsigned char)all[k] & 0xC0) == 0x80)
    k--;                        /* cut on a character's boundary */
  memcpy(buf, all, k);
  memcpy(buf + k, k < m || s.n > n ? "..." : "",
         k < m || s.n > n ? 4 : 1);
  return buf;
}

zt_status zt_parse_money(const char *s, size_t n, bool euros,
                         int64_t *cents) {
  uint64_t whole = 0, frac = 0;
  size_t i = 0, digits = 0, group = 0;
  bool dots = false;
  if (!euros) {
    uint64_t v;
    if (n > 12 || zt_parse_u64(s, n, &v))
      return ZT_ERR_INPUT;
    *cents = (int64_t)v;
    return ZT_OK;
  }
  /* Euros: digits with optional '.' every three, then ",d" or ",dd". */
  for (; i < n && s[i] != ','; i++) {
    if (s[i] == '.') {
      if (digits == 0 || (dots && group != 3) || (!dots && group > 3))
        return ZT_ERR_INPUT;
      dots = true;
      group = 0;
      continue;
    }
    if (s[i] < '0' || s[i] > '9' || ++digits > 10)
      return ZT_ERR_INPUT;
    whole = whole * 10 + (uint64_t)(s[i] - '0');
    group++;
  }
  if (digits == 0 || (dots && group != 3))
    return ZT_ERR_INPUT;
  if (i < n) {                      /* decimal comma */
    size_t d = n - i - 1;
    if (d < 1 || d > 2 || !zt_all_digits(s + i + 1, d))
      return ZT_ERR_INPUT;
    frac = (uint64_t)(s[i + 1] - '0') * 10 +
           (d == 2 ? (uint64_t)(s[i + 2] - '0') : 0);
  }
  *cents = (int64_t)(whole * 100 + frac);
  return ZT_OK;
}

/* A required field: missing_field when absent or empty. */
#define REQUIRE(fi)                                                         \
  do {                                                                      \
    if (empty(field(row, fi)))                                              \
      return reject(rej, ZT_R_MISSING_FIELD, fi, row, "required, but empty"); \
  } while (0)

static zt_status check_bsn(zt_validator *v, const zt_row *row, int fi,
                           zt_pseudo *out, zt_reject *rej) {
  zt_slice s = field(row, fi);
  char mask[ZT_MASK_MAX];
  zt_reason r;
  if (empty(s))
    return reject(rej, ZT_R_MISSING_FIELD, fi, row, "required, but empty");
  r = zt_bsn_check(s.p, s.n);
  if (r == ZT_R_BSN_FORMAT) {
    /* Not nine digits: its shape, no digit of it. The raw line shows
     * the first and last two of a digit group, so this may show none or
     * together they would show more (Excel's "9,17322721E+08"). */
    size_t i = 0, j = 0;
    bool sci = false;
    /* A character outside ASCII may be a digit too (full-width
     * '９'): one star, its continuation bytes dropped. */
    for (; i < s.n && j < ZT_MASK_MAX - 4; i++) {
      unsigned char c = (unsigned char)s.p[i];
      if ((c & 0xC0) == 0x80)
        continue;
      mask[j++] = (c >= '0' && c <= '9') || c >= 0x80 ? '*' : (char)c;
    }
    while (i < s.n && ((unsigned char)s.p[i] & 0xC0) == 0x80)
      i++;
    snprintf(mask + j, sizeof mask - j, "%s", i < s.n ? "..." : "");
    for (size_t e = 0; e + 1 < s.n; e++)
      sci = sci || ((s.p[e] == 'E' || s.p[e] == 'e') && s.p[e + 1] == '+');
    return reject(rej, r, fi, row, "'%s' is not 9 digits%s", mask,
                  sci ? " (a number a spreadsheet wrote in scientific "
                        "notation: format the column as text)"
                      : "");
  }
  if (r != ZT_R_NONE) {
    zt_bsn_mask(s.p, s.n, mask);
    return reject(rej, r, fi, row, "'%s' fails the 11-test", mask);
  }
  return zt_pseudo_of(v->ps, s.p, s.n, out);
}

/* How a date field may be empty or open. */
enum { D_OPTIONAL = 0, D_REQUIRED = 1, D_OPEN_END = 2 };

static zt_status check_date(const zt_row *row, int fi, int how, zt_day *out,
                            zt_reject *rej) {
  zt_slice s = field(row, fi);
  char buf[32];
  *out = ZT_DAY_NONE;
  if (empty(s)) {
    if (how == D_REQUIRED)
      return reject(rej, ZT_R_MISSING_FIELD, fi, row, "required, but empty");
    return ZT_OK;
  }
  if (row->fmt && row->fmt->ijw) {
    /* iJw writes xs:date, YYYY-MM-DD; 01-02-2024 may mean either
     * month, so it is not read as CSV's day-first form */
    if (zt_date_parse_iso(s.p, s.n, out) != ZT_OK)
      return reject(rej, ZT_R_DATE_INVALID, fi, row,
                    "'%s' is not a real date of the form YYYY-MM-DD "
                    "(xs:date, as iJw writes it)", show(s, buf));
  } else if (zt_date_parse(s.p, s.n, out) != ZT_OK) {
    return reject(rej, ZT_R_DATE_INVALID, fi, row,
                  "'%s' is not a real date (YYYY-MM-DD or DD-MM-YYYY)",
                  show(s, buf));
  }
  if (*out > ZT_DAY_MAX) {
    /* 9999-12-31 and the like: iJw's way of writing an open end */
    if (how == D_OPEN_END) {
      *out = ZT_DAY_NONE;
      return ZT_OK;
    }
    *out = ZT_DAY_NONE;
    return reject(rej, ZT_R_DATE_INVALID, fi, row,
                  "'%s': a year after %d stands for an open end, which this "
                  "field cannot have", show(s, buf), ZT_YEAR_MAX);
  }
  return ZT_OK;
}

static zt_status check_agb(const zt_row *row, int fi, uint32_t *out,
                           zt_reject *rej) {
  zt_slice s = field(row, fi);
  uint64_t v;
  char buf[32];
  if (empty(s))
    return reject(rej, ZT_R_MISSING_FIELD, fi, row, "required, but empty");
  if (s.n != 8 || zt_parse_u64(s.p, s.n, &v))
    return reject(rej, ZT_R_AGB_FORMAT, fi, row, "'%s' is not 8 digits",
                  show(s, buf));
  *out = (uint32_t)v;
  return ZT_OK;
}

/* A municipality code that must be valid on `on`. */
static zt_status check_gemeente(zt_validator *v, const zt_row *row, int fi,
                                zt_day on, uint16_t *out, zt_reject *rej) {
  zt_slice s = field(row, fi);
  char buf[32], iso[11];
  if (empty(s))
    return reject(rej, ZT_R_MISSING_FIELD, fi, row, "required, but empty");
  if (!zt_gemeente_parse(s.p, s.n, out))
    return reject(rej, ZT_R_GEMEENTE_UNKNOWN, fi, row,
                  "'%s' is not a municipality code", show(s, buf));
  if (!zt_gemeente_valid_on(v->rd, *out, on)) {
    zt_date_iso(on, iso);
    return reject(rej, ZT_R_GEMEENTE_UNKNOWN, fi, row,
                  "%04u is not a municipality on %s", *out, iso);
  }
  return ZT_OK;
}

static zt_status check_int(const zt_row *row, int fi, size_t maxdigits,
                           bool required, int64_t *out, zt_reject *rej) {
  zt_slice s = field(row, fi);
  uint64_t v;
  char buf[32];
  *out = -1;
  if (empty(s)) {
    if (required)
      return reject(rej, ZT_R_MISSING_FIELD, fi, row, "required, but empty");
    return ZT_OK;
  }
  if (s.n > maxdigits || zt_parse_u64(s.p, s.n, &v))
    return reject(rej, ZT_R_VALUE_INVALID, fi, row,
                  "'%s' is not a whole number of at most %zu digits",
                  show(s, buf), maxdigits);
  *out = (int64_t)v;
  return ZT_OK;
}

/* A text field into `out`, which holds `cap` bytes. `max` is its iJw
 * length in characters (code points, as an XSD maxLength counts; 0: it
 * has none): that is the rule, and the message counts characters. A text
 * within it that does not fit `cap` bytes (a product code, kept in five
 * bytes) or a free text longer than its buffer meets a technical limit,
 * and the message counts bytes. */
static zt_status check_text(const zt_row *row, int fi, size_t max,
                            size_t cap, bool required, char *out,
                            zt_reject *rej) {
  zt_slice s = field(row, fi);
  size_t chars;
  out[0] = '\0';
  if (empty(s)) {
    if (required)
      return reject(rej, ZT_R_MISSING_FIELD, fi, row, "required, but empty");
    return ZT_OK;
  }
  chars = zt_utf8_chars(s.p, s.n);
  if (max && chars > max)
    return reject(rej, ZT_R_FIELD_TOO_LONG, fi, row,
                  "%zu characters, at most %zu allowed", chars, max);
  if (s.n >= cap) {
    if (max)
      return reject(rej, ZT_R_FIELD_TOO_LONG, fi, row,
                    "%zu characters, but %zu bytes in UTF-8: at most %zu "
                    "bytes are kept", chars, s.n, cap - 1);
    return reject(rej, ZT_R_FIELD_TOO_LONG, fi, row,
                  "%zu bytes in UTF-8, at most %zu allowed", s.n, cap - 1);
  }
  memcpy(out, s.p, s.n);
  out[s.n] = '\0';
  return ZT_OK;
}

/* check_text for an iJw text of at most `max` characters into the array
 * `out` (its size the cap). */
#define CHECK_TEXT(fi, max, req, out) \
  check_text(row, (fi), (max), sizeof(out), (req), (out), rej)
/* ... for a free text, limited only by its array. */
#define CHECK_FREE(fi, req, out) \
  check_text(row, (fi), 0, sizeof(out), (req), (out), rej)

static zt_status check_money(const zt_row *row, int fi, bool required,
                             int64_t *out, zt_reject *rej) {
  zt_slice s = field(row, fi);
  char buf[32];
  bool euros = row->fmt && row->fmt->money_euros;
  *out = -1;
  if (empty(s)) {
    if (required)
      return reject(rej, ZT_R_AMOUNT_INVALID, fi, row, "required, but empty");
    return ZT_OK;
  }
  if (zt_parse_money(s.p, s.n, euros, out))
    return reject(rej, ZT_R_AMOUNT_INVALID, fi, row,
                  euros ? "'%s' is not an amount in euros (1.234,56)"
                        : "'%s' is not a non-negative whole number of cents",
                  show(s, buf));
  return ZT_OK;
}

/* Run a check; stop at the first reject or error. */
#define CHECK(expr)                                                         \
  do {                                                                      \
    zt_status st_ = (expr);                                                 \
    if (st_ || rej->reason != ZT_R_NONE)                                    \
      return st_;                                                           \
  } while (0)

static void reset(zt_reject *rej) {
  rej->reason = ZT_R_NONE;
  rej->field = -1;
  rej->message[0] = '\0';
}

/* The store holds no BSN, also where a provider builds a reference or
 * declaration number from one: first the client's own BSN, wherever it
 * stands, in a row, in groups or without its leading zero (zt_bsn_scrub:
 * its credits still name their debits), then any other nine-digit number
 * that passes the 11-test (zt_bsn_scrub_any); and a ToewijzingNummer
 * (`number`, or NULL) that could be a BSN becomes its token
 * (zt_number_scrub).
 * `bsn_field` is the row's (validated) BSN, or -1 when the row has none.
 * A line with any replacement is counted once, as a warning. */
static zt_status scrub(zt_validator *v, const zt_row *row, int bsn_field,
                       const zt_pseudo *client, char *const *texts,
                       size_t n, int64_t *number) {
  long hits = 0;
  char bsn[10] = "";
  if (number && *number >= 0) {
    bool hit;
    zt_status st = zt_number_scrub(v->ps, number, client, &hit);
    if (st)
      return st;
    hits += hit;
  }
  if (bsn_field >= 0) {
    zt_slice b = field(row, bsn_field);
    memcpy(bsn, b.p, 9);
    bsn[9] = '\0';
  }
  for (size_t i = 0; i < n; i++) {
    zt_status st;
    if (bsn[0] && zt_bsn_scrub(texts[i], bsn, client))
      hits++;
    st = zt_bsn_scrub_any(v->ps, texts[i], &hits);
    if (st)
      return st;
  }
  v->bsn_in_ref += hits > 0;
  return ZT_OK;
}

zt_status zt_validate_decl(zt_validator *v, const zt_row *row, zt_decl *out,
                           zt_reject *rej) {
  bool ijw = row->fmt && row->fmt->ijw;
  zt_slice s;
  int64_t x;
  char buf[32];

  reset(rej);
  memset(out, 0, sizeof *out);
  CHECK(check_agb(row, ZT_D_AGB, &out->agb, rej));
  /* The municipality is checked against the product period's begin, so
   * read the dates first (without judging them yet if missing). */
  CHECK(check_bsn(v, row, ZT_D_BSN, &out->client, rej));
  CHECK(check_int(row, ZT_D_TOEWIJZING, 9, ijw, &out->toewijzing, rej));
  CHECK(CHECK_TEXT(ZT_D_REF, ZT_REF_MAX, true, out->ref));
  CHECK(CHECK_TEXT(ZT_D_PREVREF, ZT_REF_MAX, false, out->prev_ref));
  s = field(row, ZT_D_CATEGORY);
  if (empty(s))
    return reject(rej, ZT_R_MISSING_FIELD, ZT_D_CATEGORY, row,
                  "required, but empty");
  if (s.n > 2 || zt_parse_i64(s.p, s.n, &x) ||
      !zt_refdata_category(v->rd, (int)x))
    return reject(rej, ZT_R_CATEGORY_UNKNOWN, ZT_D_CATEGORY, row,
                  "'%s' is not a product category of the code list",
                  show(s, buf));
  out->category = (uint8_t)x;
  CHECK(CHECK_TEXT(ZT_D_CODE, ZT_CODE_MAX, true, out->code));
  CHECK(check_date(row, ZT_D_BEGIN, D_REQUIRED, &out->begin, rej));
  CHECK(check_date(row, ZT_D_END, D_REQUIRED, &out->end, rej));
  if (out->end < out->begin)
    return reject(rej, ZT_R_PERIOD_REVERSED, ZT_D_END, row,
                  "ends before it begins");
  if (zt_month_first(out->begin) != zt_month_first(out->end)) {
    if (ijw)
      return reject(rej, ZT_R_PERIOD_MONTH, ZT_D_END, row,
                    "product period not within one calendar month");
    v->month_crossing++;
  }
  CHECK(check_gemeente(v, row, ZT_D_GEMEENTE, out->begin, &out->gemeente,
                       rej));
  CHECK(check_int(row, ZT_D_VOLUME, 8, true, &out->volume, rej));
  s = field(row, ZT_D_UNIT);
  if (empty(s))
    return reject(rej, ZT_R_MISSING_FIELD, ZT_D_UNIT, row,
                  "required, but empty");
  if (s.n > 2 || zt_parse_i64(s.p, s.n, &x) || !zt_unit_known((int)x))
    return reject(rej, ZT_R_UNIT_UNKNOWN, ZT_D_UNIT, row,
                  "'%s' is not a unit of the code list", show(s, buf));
  out->unit = (uint8_t)x;
  CHECK(check_money(row, ZT_D_TARIFF, false, &out->tariff, rej));
  if (ijw && out->unit != 83 && out->tariff < 0)
    return reject(rej, ZT_R_MISSING_FIELD, ZT_D_TARIFF, row,
                  "required when the unit is not 83 (euro's)");
  CHECK(check_money(row, ZT_D_AMOUNT, true, &out->amount, rej));
  s = field(row, ZT_D_DC);
  if (s.n == 1 && (s.p[0] == 'D' || s.p[0] == 'd'))
    out->credit = false;
  else if (s.n == 1 && (s.p[0] == 'C' || s.p[0] == 'c'))
    out->credit = true;
  else
    return reject(rej, ZT_R_AMOUNT_INVALID, ZT_D_DC, row,
                  "debit/credit must be D or C");
  if (out->credit && !out->prev_ref[0])
    return reject(rej, ZT_R_MISSING_FIELD, ZT_D_PREVREF, row,
                  "a credit must name the reference of its debit");
  CHECK(check_date(row, ZT_D_BIRTH, D_OPTIONAL, &out->birth, rej));
  CHECK(CHECK_TEXT(ZT_D_DECLNR, ZT_DECLNR_MAX, false, out->declnr));
  {
    char *texts[] = {out->ref, out->prev_ref, out->declnr};
    zt_status st = scrub(v, row, ZT_D_BSN, &out->client, texts, 3,
                         &out->toewijzing);
    if (st)
      return st;
  }
  if (out->unit != 83 && out->tariff >= 0) {
    /* TR346: amount = volume x tariff; minutes may round (IV081), so
     * allow one cent per hour's worth of rounding. */
    int64_t expect, slack = out->unit == 1 ? out->volume / 60 + 1 : 0;
    /* 8 digits of volume times 12 of tariff overflow: then the amount
     * (at most 12 digits) cannot match either */
    if (__builtin_mul_overflow(out->volume, out->tariff, &expect) ||
        out->amount < expect - slack || out->amount > expect + slack)
      out->amount_off = true;
  }
  return ZT_OK;
}

static zt_status check_gender(const zt_row *row, int fi, int *out,
                              zt_reject *rej) {
  zt_slice s = field(row, fi);
  char buf[32];
  *out = 0;
  if (empty(s) || zt_slice_eq(s.p, s.n, "0") || zt_slice_ieq(s.p, s.n, "o"))
    return ZT_OK;
  if (zt_slice_eq(s.p, s.n, "1") || zt_slice_ieq(s.p, s.n, "m") ||
      zt_slice_ieq(s.p, s.n, "man"))
    *out = 1;
  else if (zt_slice_eq(s.p, s.n, "2") || zt_slice_ieq(s.p, s.n, "v") ||
           zt_slice_ieq(s.p, s.n, "vrouw"))
    *out = 2;
  else
    return reject(rej, ZT_R_VALUE_INVALID, fi, row,
                  "'%s' is not a gender code (0, 1, 2)", show(s, buf));
  return ZT_OK;
}

zt_status zt_validate_assign(zt_validator *v, const zt_row *row,
                             zt_assign *out, zt_reject *rej) {
  int64_t x;
  zt_slice s;
  char buf[32];
  reset(rej);
  memset(out, 0, sizeof *out);
  CHECK(check_bsn(v, row, ZT_A_BSN, &out->client, rej));
  CHECK(check_agb(row, ZT_A_AGB, &out->agb, rej));
  CHECK(check_int(row, ZT_A_TOEWIJZING, 9, true, &out->toewijzing, rej));
  CHECK(check_date(row, ZT_A_BEGIN, D_REQUIRED, &out->begin, rej));
  CHECK(check_date(row, ZT_A_END, D_OPEN_END, &out->end, rej));
  if (out->end != ZT_DAY_NONE && out->end < out->begin)
    return reject(rej, ZT_R_PERIOD_REVERSED, ZT_A_END, row,
                  "ends before it begins");
  CHECK(check_gemeente(v, row, ZT_A_GEMEENTE, out->begin, &out->gemeente,
                       rej));
  CHECK(check_date(row, ZT_A_BIRTH, D_OPTIONAL, &out->birth, rej));
  CHECK(check_int(row, ZT_A_BIRTH_USE, 1, false, &x, rej));
  if (x > 3)
    return reject(rej, ZT_R_VALUE_INVALID, ZT_A_BIRTH_USE, row,
                  "DatumGebruik must be 1, 2 or 3");
  out->birth_precision = x < 0 ? 0 : (int)x;
  if (out->birth == ZT_DAY_NONE || out->birth_precision == 3) {
    out->birth = ZT_DAY_NONE;
    out->birth_precision = 3;
  } else if (out->birth_precision == 1) {
    out->birth = zt_month_first(out->birth);
  } else if (out->birth_precision == 2) {
    out->birth = zt_day_from_ymd(zt_day_year(out->birth), 1, 1);
  }
  CHECK(check_gender(row, ZT_A_GENDER, &out->gender, rej));
  s = field(row, ZT_A_CATEGORY);
  out->category = -1;
  if (!empty(s)) {
    if (s.n > 2 || zt_parse_i64(s.p, s.n, &x) ||
        !zt_refdata_category(v->rd, (int)x))
      return reject(rej, ZT_R_CATEGORY_UNKNOWN, ZT_A_CATEGORY, row,
                    "'%s' is not a product category of the code list",
                    show(s, buf));
    out->category = (int)x;
  }
  CHECK(CHECK_TEXT(ZT_A_CODE, ZT_CODE_MAX, false, out->code));
  CHECK(check_int(row, ZT_A_REASON, 2, false, &x, rej));
  out->reason = (int)x;
  CHECK(CHECK_TEXT(ZT_A_REF, ZT_REFA_MAX, false, out->ref));
  CHECK(check_date(row, ZT_A_DAY, D_OPTIONAL, &out->assigned, rej));
  {
    char *texts[] = {out->ref};
    return scrub(v, row, ZT_A_BSN, &out->client, texts, 1,
                 &out->toewijzing);
  }
}

zt_status zt_validate_client(zt_validator *v, const zt_row *row,
                             zt_client *out, zt_reject *rej) {
  reset(rej);
  memset(out, 0, sizeof *out);
  CHECK(check_bsn(v, row, ZT_C_BSN, &out->client, rej));
  CHECK(check_date(row, ZT_C_BIRTH, D_OPTIONAL, &out->birth, rej));
  out->birth_precision = out->birth == ZT_DAY_NONE ? 3 : 0;
  CHECK(check_gender(row, ZT_C_GENDER, &out->gender, rej));
  return ZT_OK;
}

zt_status zt_validate_residence(zt_validator *v, const zt_row *row,
                                zt_residence *out, zt_reject *rej) {
  zt_slice s;
  char buf[32];
  reset(rej);
  memset(out, 0, sizeof *out);
  CHECK(check_bsn(v, row, ZT_R_BSN_F, &out->client, rej));
  CHECK(check_date(row, ZT_R_BEGIN_F, D_REQUIRED, &out->begin, rej));
  CHECK(check_date(row, ZT_R_END_F, D_OPEN_END, &out->end, rej));
  if (out->end != ZT_DAY_NONE && out->end < out->begin)
    return reject(rej, ZT_R_PERIOD_REVERSED, ZT_R_END_F, row,
                  "ends before it begins");
  s = field(row, ZT_R_GEMEENTE_F);
  out->gemeente_known = true;
  if (empty(s)) {
    out->gemeente = 0;          /* unknown, abroad, not registered */
  } else if (!zt_gemeente_parse(s.p, s.n, &out->gemeente)) {
    return reject(rej, ZT_R_GEMEENTE_UNKNOWN, ZT_R_GEMEENTE_F, row,
                  "'%s' is not a municipality code", show(s, buf));
  } else if (!zt_refdata_gemeente(v->rd, out->gemeente)) {
    /* docs/inputs.md, docs/rejects.md: kept with a warning; it still
     * means "outside the region". */
    out->gemeente_known = false;
    v->residence_unknown++;
  }
  return ZT_OK;
}

/* A free text of a reference table (a provider's name and type, a
 * product's label, a figure's source) is stored and published as it
 * is: every BSN-like number in it (nine digits in a row or in groups,
 * eight free-standing ones that are a BSN without its leading zero; of
 * any script) is masked first, and the line counted as a warning
 * (docs/privacy.md). */
#define FREE_TEXT_MAX 128          /* the longest of them (record.h) */
_Static_assert(sizeof ((zt_provider *)0)->name <= FREE_TEXT_MAX &&
                   sizeof ((zt_productcode *)0)->label <= FREE_TEXT_MAX &&
                   sizeof ((zt_benchmark *)0)->source <= FREE_TEXT_MAX,
               "a free text longer than mask_free_text's buffer");

static void mask_free_text(zt_validator *v, char *s) {
  size_t n = strlen(s);
  char m[FREE_TEXT_MAX];
  if (n >= sizeof m)            /* cannot be: check_text() bounds it */
    n = sizeof m - 1;
  zt_mask_text(s, n, NULL, 0, 0, m, sizeof m);
  if (strcmp(m, s) != 0) {
    memcpy(s, m, strlen(m) + 1);   /* never longer than s */
    v->bsn_in_ref++;
  }
}

zt_status zt_validate_productcode(zt_validator *v, const zt_row *row,
                                  zt_productcode *out, zt_reject *rej) {
  zt_slice s;
  char kind[32], buf[32];
  int k;
  reset(rej);
  memset(out, 0, sizeof *out);
  CHECK(CHECK_TEXT(ZT_P_CODE, ZT_CODE_MAX, true, out->code));
  s = field(row, ZT_P_KIND);
  if (empty(s))
    return reject(rej, ZT_R_MISSING_FIELD, ZT_P_KIND, row,
                  "required, but empty");
  if (!zt_slice_copy(kind, sizeof kind, s.p, s.n) ||
      (k = zt_kind_from_id(kind)) < 0)
    return reject(rej, ZT_R_VALUE_INVALID, ZT_P_KIND, row,
                  "'%s' is not a care kind (see docs/indicators.md)",
                  show(s, buf));
  out->kind = k;
  CHECK(CHECK_FREE(ZT_P_LABEL, false, out->label));
  mask_free_text(v, out->label);
  CHECK(check_date(row, ZT_P_FROM, D_OPTIONAL, &out->valid_from, rej));
  CHECK(check_date(row, ZT_P_TO, D_OPEN_END, &out->valid_to, rej));
  if (out->valid_from != ZT_DAY_NONE && out->valid_to != ZT_DAY_NONE &&
      out->valid_to < out->valid_from)
    return reject(rej, ZT_R_PERIOD_REVERSED, ZT_P_TO, row,
                  "ends before it begins");
  s = field(row, ZT_P_GEMEENTE);
  if (!empty(s) && (!zt_gemeente_parse(s.p, s.n, &out->gemeente) ||
                    !zt_refdata_gemeente(v->rd, out->gemeente)))
    return reject(rej, ZT_R_GEMEENTE_UNKNOWN, ZT_P_GEMEENTE, row,
                  "'%s' is not a municipality code", show(s, buf));
  return ZT_OK;
}

zt_status zt_validate_provider(zt_validator *v, const zt_row *row,
                               zt_provider *out, zt_reject *rej) {
  zt_slice s;
  char buf[32];
  reset(rej);
  memset(out, 0, sizeof *out);
  CHECK(check_agb(row, ZT_V_AGB, &out->agb, rej));
  CHECK(CHECK_FREE(ZT_V_NAME, true, out->name));
  CHECK(CHECK_FREE(ZT_V_TYPE, false, out->type));
  mask_free_text(v, out->name);
  mask_free_text(v, out->type);
  s = field(row, ZT_V_CONTRACTED);
  out->contracted = true;
  if (!empty(s)) {
    if (zt_slice_ieq(s.p, s.n, "ja") || zt_slice_eq(s.p, s.n, "1") ||
        zt_slice_ieq(s.p, s.n, "true") || zt_slice_ieq(s.p, s.n, "yes"))
      out->contracted = true;
    else if (zt_slice_ieq(s.p, s.n, "nee") || zt_slice_eq(s.p, s.n, "0") ||
             zt_slice_ieq(s.p, s.n, "false") || zt_slice_ieq(s.p, s.n, "no"))
      out->contracted = false;
    else
      return reject(rej, ZT_R_VALUE_INVALID, ZT_V_CONTRACTED, row,
                    "'%s' is not ja/nee", show(s, buf));
  }
  return ZT_OK;
}

/* ---- population (bevolking) ------------------------------------------ */

/* A municipality by code ("0402", "GM0402") or by its name in the
 * reference table ("Hilversum", as StatLine labels its regions). */
static bool gemeente_by_code_or_name(const zt_refdata *rd, zt_slice s,
                                     uint16_t *code) {
  if (zt_gemeente_parse(s.p, s.n, code))
    return zt_refdata_gemeente(rd, *code) != NULL;
  for (size_t i = 0; rd && i < rd->ngemeenten; i++) {
    const char *name = rd->gemeenten[i].name;
    if (strlen(name) == s.n && zt_slice_ieq(s.p, s.n, name)) {
      *code = rd->gemeenten[i].code;
      return true;
    }
  }
  return false;
}

/* A whole number at the start of s; the rest in *rest. */
static bool lead_int(zt_slice s, long *v, zt_slice *rest) {
  size_t i = 0;
  long x = 0;
  while (i < s.n && s.p[i] >= '0' && s.p[i] <= '9' && i < 6)
    x = x * 10 + (s.p[i++] - '0');
  if (i == 0)
    return false;
  *v = x;
  rest->p = s.p + i;
  rest->n = s.n - i;
  zt_trim(&rest->p, &rest->n);
  return true;
}

/* An age, or an age band as StatLine labels it: "12" or "12 jaar" (12..12),
 * "0 tot 5 jaar" (0..4), "95 jaar of ouder" (95..120). */
static bool parse_age_band(zt_slice s, long *lo, long *hi) {
  zt_slice r, r2;
  long a, b;
  if (!lead_int(s, &a, &r))
    return false;
  if (r.n == 0 || zt_slice_ieq(r.p, r.n, "jaar")) {
    *lo = *hi = a;
    return true;
  }
  if (zt_slice_ieq(r.p, r.n, "jaar of ouder")) {
    *lo = a;
    *hi = 120;
    return true;
  }
  if (r.n > 4 && zt_slice_ieq(r.p, 4, "tot ")) {
    r.p += 4;
    r.n -= 4;
    if (lead_int(r, &b, &r2) && zt_slice_ieq(r2.p, r2.n, "jaar") && b > a) {
      *lo = a;
      *hi = b - 1;
      return true;
    }
  }
  return false;
}

/* Empty, or a StatLine total ("Totaal mannen en vrouwen", "T001038"). */
static bool is_total(zt_slice s) {
  return empty(s) || (s.n >= 6 && zt_slice_ieq(s.p, 6, "totaal")) ||
         (s.n >= 4 && s.p[0] == 'T' && zt_all_digits(s.p + 1, s.n - 1));
}

zt_status zt_validate_population(zt_validator *v, const zt_row *row,
                                 zt_population *out, zt_reject *rej) {
  zt_slice s;
  char buf[32];
  long year = 0, lo, hi, lo2, hi2;
  uint64_t n;
  reset(rej);
  memset(out, 0, sizeof *out);
  if (!is_total(field(row, ZT_B_GENDER)))
    return reject(rej, ZT_R_VALUE_INVALID, ZT_B_GENDER, row,
                  "'%s': only the total of men and women is used",
                  show(field(row, ZT_B_GENDER), buf));
  if (!is_total(field(row, ZT_B_CIVIL)))
    return reject(rej, ZT_R_VALUE_INVALID, ZT_B_CIVIL, row,
                  "'%s': only the total is used",
                  show(field(row, ZT_B_CIVIL), buf));
  REQUIRE(ZT_B_GEMEENTE);
  s = field(row, ZT_B_GEMEENTE);
  if (!gemeente_by_code_or_name(v->rd, s, &out->gemeente))
    return reject(rej, ZT_R_GEMEENTE_UNKNOWN, ZT_B_GEMEENTE, row,
                  "'%s' is not a municipality", show(s, buf));
  REQUIRE(ZT_B_YEAR);
  s = field(row, ZT_B_YEAR);
  /* "2023", StatLine's "2023*" (provisional) or "2023JJ00" (code) */
  if (s.n >= 4 && zt_all_digits(s.p, 4))
    year = (s.p[0] - '0') * 1000 + (s.p[1] - '0') * 100 +
           (s.p[2] - '0') * 10 + (s.p[3] - '0');
  if (year < 1900 || year > 2999 ||
      !(s.n == 4 || (s.n == 5 && s.p[4] == '*') ||
        (s.n == 8 && memcmp(s.p + 4, "JJ00", 4) == 0)))
    return reject(rej, ZT_R_VALUE_INVALID, ZT_B_YEAR, row,
                  "'%s' is not a year", show(s, buf));
  out->year = (int16_t)year;
  REQUIRE(ZT_B_AGE_FROM);
  REQUIRE(ZT_B_AGE_TO);
  s = field(row, ZT_B_AGE_FROM);
  if (!parse_age_band(s, &lo, &hi2) || lo > 120)
    return reject(rej, ZT_R_VALUE_INVALID, ZT_B_AGE_FROM, row,
                  "'%s' is not an age (12, '12 jaar', '0 tot 5 jaar')",
                  show(s, buf));
  s = field(row, ZT_B_AGE_TO);
  if (!parse_age_band(s, &lo2, &hi) || hi > 120)
    return reject(rej, ZT_R_VALUE_INVALID, ZT_B_AGE_TO, row,
                  "'%s' is not an age (17, '17 jaar', '15 tot 20 jaar')",
                  show(s, buf));
  if (hi < lo)
    return reject(rej, ZT_R_PERIOD_REVERSED, ZT_B_AGE_TO, row,
                  "below leeftijd_van");
  out->age_from = (uint8_t)lo;
  out->age_to = (uint8_t)hi;
  REQUIRE(ZT_B_COUNT);
  s = field(row, ZT_B_COUNT);
  if (s.n > 9 || zt_parse_u64(s.p, s.n, &n))
    return reject(rej, ZT_R_VALUE_INVALID, ZT_B_COUNT, row,
                  "'%s' is not a whole number of people", show(s, buf));
  out->count = (int64_t)n;
  return ZT_OK;
}

/* ---- benchmark figures --------------------------------------------- */

/* A decimal "12,3", "12.3", "1.234" (whole: thousands dots are not
 * read), "-0,5" as num / 10^k. */
static bool parse_decimal(zt_slice s, int64_t *num, int64_t *den) {
  int64_t n = 0, d = 1;
  bool neg = false, frac = false, any = false;
  size_t i = 0;
  if (s.n && s.p[0] == '-') {
    neg = true;
    i++;
  }
  for (; i < s.n; i++) {
    char c = s.p[i];
    if ((c == ',' || c == '.') && !frac) {
      frac = true;
      continue;
    }
    if (c < '0' || c > '9' || n > INT64_MAX / 100 || d > 1000000)
      return false;
    n = n * 10 + (c - '0');
    any = true;
    if (frac)
      d *= 10;
  }
  if (!any)
    return false;
  *num = neg ? -n : n;
  *den = d;
  return true;
}

zt_status zt_validate_benchmark(zt_validator *v, const zt_row *row,
                                zt_benchmark *out, zt_reject *rej) {
  zt_slice s;
  char buf[32];
  uint16_t code;
  reset(rej);
  memset(out, 0, sizeof *out);
  REQUIRE(ZT_M_INDICATOR);
  s = field(row, ZT_M_INDICATOR);
  if (zt_utf8_chars(s.p, s.n) >= sizeof out->indicator)
    return reject(rej, ZT_R_FIELD_TOO_LONG, ZT_M_INDICATOR, row,
                  "%zu characters, at most %zu allowed",
                  zt_utf8_chars(s.p, s.n), sizeof out->indicator - 1);
  /* (an id is ASCII, checked next: then its bytes are its characters) */
  for (size_t i = 0; i < s.n; i++)
    if (!((s.p[i] >= 'a' && s.p[i] <= 'z') ||
          (s.p[i] >= '0' && s.p[i] <= '9') || strchr("._|=-", s.p[i])))
      return reject(rej, ZT_R_VALUE_INVALID, ZT_M_INDICATOR, row,
                    "'%s' is not an indicator id", show(s, buf));
  zt_slice_copy(out->indicator, sizeof out->indicator, s.p, s.n);
  REQUIRE(ZT_M_AREA);
  s = field(row, ZT_M_AREA);
  if (zt_slice_ieq(s.p, s.n, "NL") || zt_slice_ieq(s.p, s.n, "Nederland") ||
      zt_slice_ieq(s.p, s.n, "NL01"))
    zt_strlcpy(out->area, "NL", sizeof out->area);
  else if (s.n == 4 && (s.p[0] == 'J' || s.p[0] == 'j') &&
           (s.p[1] == 'Z' || s.p[1] == 'z') && zt_all_digits(s.p + 2, 2))
    snprintf(out->area, sizeof out->area, "JZ%c%c", s.p[2], s.p[3]);
  else if (gemeente_by_code_or_name(v->rd, s, &code))
    zt_gemeente_format(code, out->area);
  else
    return reject(rej, ZT_R_GEMEENTE_UNKNOWN, ZT_M_AREA, row,
                  "'%s' is not NL, a municipality or a jeugdregio (JZ16)",
                  show(s, buf));
  REQUIRE(ZT_M_PERIOD);
  s = field(row, ZT_M_PERIOD);
  {
    /* 2023, 2023*, 2023JJ00, 2023-H1, 2023HJ01 (StatLine half-years) */
    bool star = s.n && s.p[s.n - 1] == '*';
    size_t n = star ? s.n - 1 : s.n;
    int half = 0;
    if (n >= 4 && zt_all_digits(s.p, 4) &&
        (n == 4 || (n == 8 && memcmp(s.p + 4, "JJ00", 4) == 0)))
      half = 0;
    else if (n == 7 && zt_all_digits(s.p, 4) && s.p[4] == '-' &&
             (s.p[5] == 'H' || s.p[5] == 'h') &&
             (s.p[6] == '1' || s.p[6] == '2'))
      half = s.p[6] - '0';
    else if (n == 8 && zt_all_digits(s.p, 4) &&
             (memcmp(s.p + 4, "HJ01", 4) == 0 ||
              memcmp(s.p + 4, "HJ02", 4) == 0))
      half = s.p[7] - '0';
    else
      return reject(rej, ZT_R_VALUE_INVALID, ZT_M_PERIOD, row,
                    "'%s' is not a year or half-year (2023, 2023-H1)",
                    show(s, buf));
    snprintf(out->period, sizeof out->period, half ? "%.4s-H%d" : "%.4s",
             s.p, half);
    /* status: given, else StatLine's asterisk says provisional */
    s = field(row, ZT_M_STATUS);
    if (empty(s))
      zt_strlcpy(out->status, star ? "voorlopig" : "definitief",
                 sizeof out->status);
    else if (zt_slice_ieq(s.p, s.n, "voorlopig") ||
             zt_slice_ieq(s.p, s.n, "nader voorlopig") ||
             zt_slice_ieq(s.p, s.n, "definitief")) {
      zt_slice_copy(out->status, sizeof out->status, s.p, s.n);
      for (char *c = out->status; *c; c++)
        if (*c >= 'A' && *c <= 'Z')
          *c = (char)(*c - 'A' + 'a');
    } else
      return reject(rej, ZT_R_VALUE_INVALID, ZT_M_STATUS, row,
                    "'%s' is not voorlopig, nader voorlopig or definitief",
                    show(s, buf));
  }
  REQUIRE(ZT_M_VALUE);
  s = field(row, ZT_M_VALUE);
  if (!parse_decimal(s, &out->num, &out->den))
    return reject(rej, ZT_R_VALUE_INVALID, ZT_M_VALUE, row,
                  "'%s' is not a number (12,3)", show(s, buf));
  s = field(row, ZT_M_UNIT);
  if (!empty(s) && zt_slice_ieq(s.p, s.n, "procent"))
    out->num *= 10;             /* a percentage of youths, per 1.000 */
  else if (!empty(s) && !zt_slice_ieq(s.p, s.n, "per1000") &&
           !zt_slice_ieq(s.p, s.n, "aantal") &&
           !zt_slice_ieq(s.p, s.n, "euro"))
    return reject(rej, ZT_R_VALUE_INVALID, ZT_M_UNIT, row,
                  "'%s' is not procent, per1000, aantal or euro",
                  show(s, buf));
  REQUIRE(ZT_M_SOURCE);
  CHECK(CHECK_FREE(ZT_M_SOURCE, true, out->source));
  mask_free_text(v, out->source);
  return ZT_OK;
}

/* ---- the access and outflow flow: JW315, JW305, JW307 ------------------ */

/* An optional product category (-1 when empty) of the code list. */
static zt_status check_category(zt_validator *v, const zt_row *row, int fi,
                                int *out, zt_reject *rej) {
  zt_slice s = field(row, fi);
  int64_t x;
  char buf[32];
  *out = -1;
  if (empty(s))
    return ZT_OK;
  if (s.n > 2 || zt_parse_i64(s.p, s.n, &x) ||
      !zt_refdata_category(v->rd, (int)x))
    return reject(rej, ZT_R_CATEGORY_UNKNOWN, fi, row,
                  "'%s' is not a product category of the code list",
                  show(s, buf));
  *out = (int)x;
  return ZT_OK;
}

zt_status zt_validate_request(zt_validator *v, const zt_row *row,
                              zt_request *out, zt_reject *rej) {
  int64_t x;
  reset(rej);
  memset(out, 0, sizeof *out);
  CHECK(check_bsn(v, row, ZT_Q_BSN, &out->client, rej));
  CHECK(check_agb(row, ZT_Q_AGB, &out->agb, rej));
  CHECK(CHECK_TEXT(ZT_Q_REF, ZT_REFA_MAX, true, out->ref));
  CHECK(check_date(row, ZT_Q_DAY, D_REQUIRED, &out->day, rej));
  CHECK(check_date(row, ZT_Q_BEGIN, D_REQUIRED, &out->begin, rej));
  CHECK(check_gemeente(v, row, ZT_Q_GEMEENTE, out->day, &out->gemeente,
                       rej));
  CHECK(check_category(v, row, ZT_Q_CATEGORY, &out->category, rej));
  CHECK(CHECK_TEXT(ZT_Q_CODE, ZT_CODE_MAX, false, out->code));
  CHECK(check_int(row, ZT_Q_VERWIJZER, 2, true, &x, rej));
  if (x < 1 || x > 8 || x == 7)
    return reject(rej, ZT_R_VALUE_INVALID, ZT_Q_VERWIJZER, row,
                  "TypeVerwijzer must be 01-06 or 08");
  out->verwijzer = (int)x;
  {
    char *texts[] = {out->ref};
    return scrub(v, row, ZT_Q_BSN, &out->client, texts, 1, NULL);
  }
}

/* JZ588 RedenBeeindiging codes. */
static bool jz588(int64_t x) {
  return x == 2 || x == 20 || (x >= 31 && x <= 39);
}

zt_status zt_validate_care(zt_validator *v, const zt_row *row,
                           zt_care_event *out, zt_reject *rej) {
  int64_t x;
  reset(rej);
  memset(out, 0, sizeof *out);
  out->stop = row->kind == ZT_KIND_STOPZORG;
  out->reason = -1;
  out->end = ZT_DAY_NONE;
  CHECK(check_bsn(v, row, ZT_Z_BSN, &out->client, rej));
  CHECK(check_agb(row, ZT_Z_AGB, &out->agb, rej));
  CHECK(check_int(row, ZT_Z_TOEWIJZING, 9, false, &out->toewijzing, rej));
  CHECK(check_date(row, ZT_Z_BEGIN, D_REQUIRED, &out->begin, rej));
  CHECK(check_date(row, ZT_Z_ASSIGN_BEGIN, D_OPTIONAL, &out->assign_begin,
                   rej));
  CHECK(check_gemeente(v, row, ZT_Z_GEMEENTE, out->begin, &out->gemeente,
                       rej));
  CHECK(check_category(v, row, ZT_Z_CATEGORY, &out->category, rej));
  CHECK(CHECK_TEXT(ZT_Z_CODE, ZT_CODE_MAX, false, out->code));
  CHECK(check_int(row, ZT_Z_STATUS, 1, true, &x, rej));
  if (x != 1 && x != 3)
    return reject(rej, ZT_R_VALUE_INVALID, ZT_Z_STATUS, row,
                  "StatusAanlevering must be 1 (new) or 3 (delete)");
  out->remove = x == 3;
  if (out->stop) {
    CHECK(check_int(row, ZT_Z_REASON, 2, true, &x, rej));
    if (!jz588(x))
      return reject(rej, ZT_R_VALUE_INVALID, ZT_Z_REASON, row,
                    "%lld is not a RedenBeeindiging of JZ588",
                    (long long)x);
    out->reason = (int)x;
    CHECK(check_date(row, ZT_Z_END, D_REQUIRED, &out->end, rej));
    if (out->end < out->begin)
      return reject(rej, ZT_R_PERIOD_REVERSED, ZT_Z_END, row,
                    "ends before it begins");
  }
  return scrub(v, row, ZT_Z_BSN, &out->client, NULL, 0, &out->toewijzing);
}

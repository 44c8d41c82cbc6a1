/*
 * tests/unit/test_validate.c -- field rules: a good declaration line, and
 * one line for every reject reason that validation decides.
 */
#include "testutil.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "etl/pseudo.h"
#include "etl/refdata.h"
#include "etl/validate.h"
#include "rowutil.h"

static zt_refdata *rd;
static zt_pseudonymizer *ps;
static char bsn[10];

static int setup(void **state) {
  unsigned char key[ZT_KEY_BYTES] = {1, 2, 3};
  (void)state;
  tu_bsn(1, bsn);
  if (zt_refdata_load(&rd, ZT_SOURCE_DIR "/reference", NULL))
    return -1;
  return zt_pseudo_open_key(&ps, key, NULL) ? -1 : 0;
}

static int teardown(void **state) {
  (void)state;
  zt_refdata_free(rd);
  zt_pseudo_close(ps);
  return 0;
}

/* A canonical line with one field replaced: field `fi` gets `value`. */
static void line_with(char *out, size_t n, int fi, const char *value) {
  const char *f[ZT_D_NFIELDS] = {
      "12345678", "0402",       bsn,     "1234567", "R0001", "",
      "45",       "45A01",      "2022-03-01", "2022-03-31", "10", "04",
      "9500",     "95000",      "D",     "",        "D2203"};
  size_t o = 0;
  if (fi >= 0)
    f[fi] = value;
  for (int i = 0; i < ZT_D_NFIELDS; i++)
    o += (size_t)snprintf(out + o, n - o, "%s%s", i ? ";" : "", f[i]);
}

static zt_reject check(int fi, const char *value, bool ijw, zt_decl *d) {
  static char text[512];
  tu_row r;
  zt_validator v = {rd, ps, 0, 0, 0};
  zt_reject rej;
  line_with(text, sizeof text, fi, value);
  assert_int_equal(zt_validate_decl(&v, tu_make_row(&r, ZT_KIND_DECLARATIES,
                                                    text, ijw),
                                    d, &rej),
                   ZT_OK);
  return rej;
}

static void test_good_line(void **state) {
  zt_decl d;
  zt_reject rej = check(-1, NULL, true, &d);
  zt_pseudo p;
  (void)state;
  assert_int_equal(rej.reason, ZT_R_NONE);
  assert_int_equal(d.agb, 12345678);
  assert_int_equal(d.gemeente, 402);
  assert_int_equal(d.toewijzing, 1234567);
  assert_string_equal(d.ref, "R0001");
  assert_string_equal(d.prev_ref, "");
  assert_int_equal(d.category, 45);
  assert_string_equal(d.code, "45A01");
  assert_int_equal(d.begin, zt_day_from_ymd(2022, 3, 1));
  assert_int_equal(d.end, zt_day_from_ymd(2022, 3, 31));
  assert_int_equal(d.volume, 10);
  assert_int_equal(d.unit, 4);
  assert_int_equal(d.tariff, 9500);
  assert_int_equal(d.amount, 95000);
  assert_false(d.credit);
  assert_int_equal(d.birth, ZT_DAY_NONE);
  assert_string_equal(d.declnr, "D2203");
  /* the record holds the pseudonym, never the BSN */
  zt_pseudo_of(ps, bsn, 9, &p);
  assert_memory_equal(d.client.b, p.b, 16);
}

static void test_alternative_forms(void **state) {
  zt_decl d;
  (void)state;
  /* GM prefix and 3-digit municipality codes normalize to 402 */
  assert_int_equal(check(ZT_D_GEMEENTE, "GM0402", false, &d).reason,
                   ZT_R_NONE);
  assert_int_equal(d.gemeente, 402);
  assert_int_equal(check(ZT_D_GEMEENTE, "402", false, &d).reason, ZT_R_NONE);
  assert_int_equal(d.gemeente, 402);
  /* DD-MM-YYYY dates */
  assert_int_equal(check(ZT_D_BEGIN, "01-03-2022", false, &d).reason,
                   ZT_R_NONE);
  assert_int_equal(d.begin, zt_day_from_ymd(2022, 3, 1));
  /* ... in CSV only: iJw writes xs:date, YYYY-MM-DD, and 01-03-2022
   * could be either month */
  {
    zt_reject rej = check(ZT_D_BEGIN, "01-03-2022", true, &d);
    assert_int_equal(rej.reason, ZT_R_DATE_INVALID);
    assert_int_equal(rej.field, ZT_D_BEGIN);
    assert_non_null(strstr(rej.message, "of the form YYYY-MM-DD"));
    assert_int_equal(check(ZT_D_END, "31-03-2022", true, &d).reason,
                     ZT_R_DATE_INVALID);
    assert_int_equal(check(ZT_D_BIRTH, "01-05-2012", true, &d).reason,
                     ZT_R_DATE_INVALID);
    assert_int_equal(check(ZT_D_BIRTH, "2012-05-01", true, &d).reason,
                     ZT_R_NONE);
  }
  /* blanks around a value are not an error */
  assert_int_equal(check(ZT_D_AMOUNT, " 95000 ", false, &d).reason,
                   ZT_R_NONE);
  assert_int_equal(d.amount, 95000);
  /* a CSV line may cross a month (counted), an iJw line may not */
  assert_int_equal(check(ZT_D_END, "2022-04-02", false, &d).reason,
                   ZT_R_NONE);
  assert_int_equal(check(ZT_D_END, "2022-04-02", true, &d).reason,
                   ZT_R_PERIOD_MONTH);
}

static void test_each_reason(void **state) {
  static const struct {
    int field;
    const char *value;
    bool ijw;
    zt_reason reason;
  } cases[] = {
      {ZT_D_BSN, "12345678", false, ZT_R_BSN_FORMAT},
      {ZT_D_BSN, "123456789", false, ZT_R_BSN_ELFPROEF},
      {ZT_D_BSN, "000000000", false, ZT_R_BSN_ELFPROEF},
      {ZT_D_BEGIN, "2022-02-30", false, ZT_R_DATE_INVALID},
      {ZT_D_END, "2022-02-31", false, ZT_R_DATE_INVALID},
      {ZT_D_END, "2022-02-28", false, ZT_R_PERIOD_REVERSED},
      {ZT_D_GEMEENTE, "9999", false, ZT_R_GEMEENTE_UNKNOWN},
      {ZT_D_GEMEENTE, "abc", false, ZT_R_GEMEENTE_UNKNOWN},
      /* Bussum (0381) stopped on 2015-12-31: not a municipality in 2022 */
      {ZT_D_GEMEENTE, "0381", false, ZT_R_GEMEENTE_UNKNOWN},
      {ZT_D_AGB, "1234567", false, ZT_R_AGB_FORMAT},
      {ZT_D_AGB, "1234567X", false, ZT_R_AGB_FORMAT},
      {ZT_D_CATEGORY, "58", false, ZT_R_CATEGORY_UNKNOWN},
      {ZT_D_UNIT, "99", false, ZT_R_UNIT_UNKNOWN},
      {ZT_D_AMOUNT, "-5", false, ZT_R_AMOUNT_INVALID},
      {ZT_D_AMOUNT, "12,50", false, ZT_R_AMOUNT_INVALID},
      {ZT_D_AMOUNT, "", false, ZT_R_AMOUNT_INVALID},
      {ZT_D_DC, "", false, ZT_R_AMOUNT_INVALID},
      {ZT_D_DC, "X", false, ZT_R_AMOUNT_INVALID},
      {ZT_D_VOLUME, "ten", false, ZT_R_VALUE_INVALID},
      {ZT_D_TOEWIJZING, "1234567890", false, ZT_R_VALUE_INVALID},
      {ZT_D_REF, "", false, ZT_R_MISSING_FIELD},
      {ZT_D_CODE, "", false, ZT_R_MISSING_FIELD},
      {ZT_D_BSN, "", false, ZT_R_MISSING_FIELD},
      {ZT_D_TOEWIJZING, "", true, ZT_R_MISSING_FIELD}, /* required in iJw */
      {ZT_D_TARIFF, "", true, ZT_R_MISSING_FIELD},     /* unit 04 needs it */
      {ZT_D_REF, "R12345678901234567890", false, ZT_R_FIELD_TOO_LONG},
      {ZT_D_CODE, "45A012", false, ZT_R_FIELD_TOO_LONG},
      {ZT_D_DC, "C", false, ZT_R_MISSING_FIELD},  /* credit needs a prev ref */
  };
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    zt_decl d;
    zt_reject rej = check(cases[i].field, cases[i].value, cases[i].ijw, &d);
    if (rej.reason != cases[i].reason)
      fail_msg("case %zu (%s): got %s (%s), want %s", i, cases[i].value,
               zt_reason_code(rej.reason), rej.message,
               zt_reason_code(cases[i].reason));
    /* no message ever holds the BSN in clear */
    assert_null(strstr(rej.message, bsn));
    if (strstr(rej.message, "123456789"))
      fail_msg("case %zu: BSN in message: %s", i, rej.message);
  }
}

static void test_bsn_message_masked(void **state) {
  zt_decl d;
  zt_reject rej = check(ZT_D_BSN, "123456789", false, &d);
  (void)state;
  assert_non_null(strstr(rej.message, "12*****89"));
}

/* An 8-digit volume times a 12-digit tariff overflows 64 bits: the check
 * of amount = volume x tariff must not overflow (the sanitizer build
 * stops on it) and flags the amount, which cannot match. */
static void test_volume_times_tariff_overflow(void **state) {
  char text[512], *t;
  GString *g;
  tu_row r;
  zt_validator v = {rd, ps, 0, 0, 0};
  zt_reject rej;
  zt_decl d;
  (void)state;
  line_with(text, sizeof text, 10, "99999999");
  g = g_string_new(text);
  t = strstr(g->str, ";9500;95000;");
  assert_non_null(t);
  g_string_erase(g, t - g->str, 6);
  g_string_insert(g, t - g->str, ";999999999999;");
  assert_int_equal(zt_validate_decl(&v, tu_make_row(&r, ZT_KIND_DECLARATIES,
                                                    g->str, false),
                                    &d, &rej),
                   ZT_OK);
  if (rej.reason != ZT_R_NONE)
    fail_msg("%s", rej.message);
  assert_int_equal(d.volume, 99999999);
  assert_true(d.tariff == INT64_C(999999999999));
  assert_true(d.amount_off);
  g_string_free(g, TRUE);
}

/* A BSN that a spreadsheet wrote in scientific notation: the message
 * shows its shape and no digit of it (the raw line shows two groups of
 * two; with the message's first and last two they told five digits). */
static void test_bsn_scientific_shape(void **state) {
  zt_decl d;
  zt_reject rej = check(2, "9,17322721E+08", false, &d);
  (void)state;
  assert_int_equal(rej.reason, ZT_R_BSN_FORMAT);
  assert_non_null(strstr(rej.message, "'*,********E+**' is not 9 digits"));
  assert_non_null(strstr(rej.message, "scientific notation"));
  assert_null(strstr(rej.message, "17"));
  assert_null(strstr(rej.message, "21"));
  assert_null(strstr(rej.message, "08"));
}

/* A BSN written in full-width digits (an IME or a spreadsheet's
 * "wide" format) is not nine digits, and its message shows no digit of
 * it either: every character outside ASCII is one star. */
static void test_bsn_wide_digits_shape(void **state) {
  zt_decl d;
  zt_reject rej = check(2, "\xef\xbc\x99\xef\xbc\x91\xef\xbc\x97"
                           "\xef\xbc\x93\xef\xbc\x92\xef\xbc\x92"
                           "\xef\xbc\x97\xef\xbc\x92\xef\xbc\x91",
                        false, &d);
  (void)state;
  assert_int_equal(rej.reason, ZT_R_BSN_FORMAT);
  assert_non_null(strstr(rej.message, "'*********' is not 9 digits"));
  assert_null(strstr(rej.message, "\xef\xbc"));
}

/* A provider that builds references from the client's BSN: the store
 * gets the reference with those nine digits replaced by a token of the
 * child's pseudonym, the same in a credit's previous reference, so the
 * credit still names its debit; counted as a warning. */
static void test_bsn_in_reference(void **state) {
  char ref[32], text[512];
  zt_decl d, c;
  tu_row r;
  zt_validator v = {rd, ps, 0, 0, 0};
  zt_reject rej;
  (void)state;
  snprintf(ref, sizeof ref, "%s-0921", bsn);
  line_with(text, sizeof text, 4, ref);
  assert_int_equal(zt_validate_decl(&v, tu_make_row(&r, ZT_KIND_DECLARATIES,
                                                    text, false),
                                    &d, &rej),
                   ZT_OK);
  assert_int_equal(rej.reason, ZT_R_NONE);
  assert_null(strstr(d.ref, bsn));
  assert_int_equal(strlen(d.ref), strlen(ref));
  assert_int_equal(d.ref[0], '~');
  assert_string_equal(d.ref + 9, "-0921");
  assert_int_equal(v.bsn_in_ref, 1);
  /* its credit, naming it by the same text */
  {
    GString *g;
    line_with(text, sizeof text, 5, ref);
    g = g_string_new(text);
    /* reference C1, debit/credit C */
    g_string_replace(g, ";R0001;", ";C1;", 1);
    g_string_replace(g, ";D;", ";C;", 1);
    assert_int_equal(zt_validate_decl(&v, tu_make_row(&r,
                                                      ZT_KIND_DECLARATIES,
                                                      g->str, false),
                                      &c, &rej),
                     ZT_OK);
    assert_int_equal(rej.reason, ZT_R_NONE);
    assert_true(c.credit);
    assert_string_equal(c.prev_ref, d.ref);
    assert_int_equal(v.bsn_in_ref, 2);
    g_string_free(g, TRUE);
  }
  /* a line without it is left alone */
  line_with(text, sizeof text, -1, NULL);
  assert_int_equal(zt_validate_decl(&v, tu_make_row(&r, ZT_KIND_DECLARATIES,
                                                    text, false),
                                    &d, &rej),
                   ZT_OK);
  assert_string_equal(d.ref, "R0001");
  assert_int_equal(v.bsn_in_ref, 2);
}

/* Another child's BSN in a reference (a sibling's, or a number that
 * cannot be told from one): replaced by that number's own token, the
 * same on every line; nine digits that fail the 11-test, and longer
 * digit runs, stay. */
static void test_other_bsn_in_reference(void **state) {
  char other[10], ref[32], bad[10], text[512], want[ZT_PSEUDO_TEXT];
  zt_decl d;
  zt_pseudo op;
  tu_row r;
  zt_validator v = {rd, ps, 0, 0, 0};
  zt_reject rej;
  (void)state;
  tu_bsn(2, other);
  assert_int_equal(zt_pseudo_of(ps, other, 9, &op), ZT_OK);
  zt_pseudo_text(&op, want);
  snprintf(ref, sizeof ref, "Z%s", other);
  line_with(text, sizeof text, ZT_D_DECLNR, ref);
  assert_int_equal(zt_validate_decl(&v, tu_make_row(&r, ZT_KIND_DECLARATIES,
                                                    text, false),
                                    &d, &rej),
                   ZT_OK);
  assert_int_equal(rej.reason, ZT_R_NONE);
  assert_null(strstr(d.declnr, other));
  assert_int_equal(d.declnr[0], 'Z');
  assert_int_equal(d.declnr[1], '~');
  assert_memory_equal(d.declnr + 2, want, 8);
  assert_int_equal(v.bsn_in_ref, 1);
  /* nine digits that fail the 11-test: not a BSN, kept */
  memcpy(bad, other, 10);
  bad[8] = bad[8] == '9' ? '0' : (char)(bad[8] + 1);
  assert_int_not_equal(zt_bsn_check(bad, 9), ZT_R_NONE);
  line_with(text, sizeof text, ZT_D_REF, bad);
  assert_int_equal(zt_validate_decl(&v, tu_make_row(&r, ZT_KIND_DECLARATIES,
                                                    text, false),
                                    &d, &rej),
                   ZT_OK);
  assert_string_equal(d.ref, bad);
  /* ten digits: not nine, kept */
  snprintf(ref, sizeof ref, "%s0", other);
  line_with(text, sizeof text, ZT_D_REF, ref);
  assert_int_equal(zt_validate_decl(&v, tu_make_row(&r, ZT_KIND_DECLARATIES,
                                                    text, false),
                                    &d, &rej),
                   ZT_OK);
  assert_string_equal(d.ref, ref);
  assert_int_equal(v.bsn_in_ref, 1);
}

/* A stored reference of an earlier version, known with only the client's
 * pseudonym: its BSN is found also inside a longer run of digits, and
 * becomes the same token ingest gives it now; another number is left to
 * zt_bsn_scrub_any. */
static void test_scrub_by_pseudonym(void **state) {
  char other[10], text[ZT_PSEUDO_TEXT], s[40], want[40];
  zt_pseudo p;
  long hits = 0;
  (void)state;
  tu_bsn(2, other);
  assert_int_equal(zt_pseudo_of(ps, bsn, 9, &p), ZT_OK);
  zt_pseudo_text(&p, text);
  snprintf(s, sizeof s, "%s0921/%s", bsn, other);
  assert_int_equal(zt_bsn_scrub_client(ps, s, text, &hits), ZT_OK);
  snprintf(want, sizeof want, "~%.8s0921/%s", text, other);
  assert_string_equal(s, want);
  assert_int_equal(hits, 1);
  /* what ingest stores for the same text */
  snprintf(s, sizeof s, "%s0921/%s", bsn, other);
  assert_true(zt_bsn_scrub(s, bsn, &p));
  assert_string_equal(s, want);
}

/* The forms of a child's own BSN that providers write in references:
 * the BSN, the reference, where its BSN starts and how long it is. */
static const struct {
  const char *bsn, *ref;
  size_t at, len;
} own_forms[] = {
    {"100000010", "100-00-0010", 0, 11},     /* grouped with dashes */
    {"100000022", "100.000.022", 0, 11},     /* with dots */
    {"100000034", "100 000 034", 0, 11},     /* with spaces */
    {"100000034", "A100 000 034/2", 1, 11},  /* inside other text */
    {"012345672", "12345672", 0, 8},         /* leading zero lost */
    {"012345672", "R12345672-1", 1, 8},      /* ... next to a letter */
    {"012345672", "12 345 672", 0, 10},      /* ... and grouped */
    {"012345672", "012345672-0921", 0, 9},   /* nine in a row, as before */
    {"100000010", "91000000100921", 1, 9},   /* inside a longer run */
};

/* `ref` with [at, at + len) replaced by '~' and the pseudonym text of
 * the child `b`: what the store must get. */
static void own_token(const char *b, const char *ref, size_t at, size_t len,
                      char *out, size_t size) {
  zt_pseudo p;
  char text[ZT_PSEUDO_TEXT];
  assert_int_equal(zt_pseudo_of(ps, b, 9, &p), ZT_OK);
  zt_pseudo_text(&p, text);
  assert_true(len - 1 <= strlen(text) && strlen(ref) < size);
  snprintf(out, size, "%s", ref);
  out[at] = '~';
  memcpy(out + at + 1, text, len - 1);
}

/* A declaration line of the child `b` with reference `ref` (previous
 * reference `prev` and C when prev is not NULL; declaration number
 * `declnr`), validated into *d. */
static void own_line(zt_validator *v, const char *b, const char *ref,
                     const char *prev, const char *declnr, zt_decl *d) {
  char text[512];
  tu_row r;
  zt_reject rej;
  snprintf(text, sizeof text,
           "12345678;0402;%s;1234567;%s;%s;45;45A01;2022-03-01;2022-03-31;"
           "10;04;9500;95000;%s;;%s", b, ref, prev ? prev : "",
           prev ? "C" : "D", declnr);
  assert_int_equal(zt_validate_decl(v, tu_make_row(&r, ZT_KIND_DECLARATIES,
                                                   text, false),
                                    d, &rej),
                   ZT_OK);
  assert_int_equal(rej.reason, ZT_R_NONE);
}

/* The child's own BSN in a reference in groups, or without its leading
 * zero: replaced by a token exactly as long (field limits hold), the
 * same in the reference, the previous reference and the declaration
 * number, so a credit that repeats its debit's reference in that form
 * still names it; in assignments and requests too. */
static void test_bsn_forms_in_reference(void **state) {
  zt_validator v = {rd, ps, 0, 0, 0};
  (void)state;
  for (size_t i = 0; i < sizeof own_forms / sizeof own_forms[0]; i++) {
    const char *b = own_forms[i].bsn, *ref = own_forms[i].ref;
    char want[64];
    zt_decl d, c;
    own_token(b, ref, own_forms[i].at, own_forms[i].len, want, sizeof want);
    /* the declaration number too, where it fits (12 characters) */
    own_line(&v, b, ref, NULL, strlen(ref) <= 12 ? ref : "", &d);
    if (strcmp(d.ref, want) != 0)
      fail_msg("BSN %s, reference '%s': stored '%s', want '%s'", b, ref,
               d.ref, want);
    assert_string_equal(d.declnr, strlen(ref) <= 12 ? want : "");
    assert_int_equal(v.bsn_in_ref, (long)(2 * i + 1));
    /* its credit, naming it in the same form */
    own_line(&v, b, "C1", ref, "", &c);
    assert_true(c.credit);
    assert_string_equal(c.prev_ref, d.ref);
  }
  {
    zt_assign a;
    zt_request q;
    zt_reject rej;
    tu_row r;
    char text[256], want[64];
    snprintf(text, sizeof text,
             "0402;12345678;100000022;2010-05-17;2;1;77;43;43A01;2022-01-01;"
             ";;100.000.022;");
    zt_validate_assign(&v, tu_make_row(&r, ZT_KIND_TOEWIJZINGEN, text, true),
                       &a, &rej);
    assert_int_equal(rej.reason, ZT_R_NONE);
    own_token("100000022", "100.000.022", 0, 11, want, sizeof want);
    assert_string_equal(a.ref, want);
    snprintf(text, sizeof text,
             "12345678;0402;012345672;V-12345672;43;43A01;2022-01-01;01;"
             "2021-12-01");
    zt_validate_request(&v, tu_make_row(&r, ZT_KIND_VERZOEKEN, text, true),
                        &q, &rej);
    assert_int_equal(rej.reason, ZT_R_NONE);
    own_token("012345672", "V-12345672", 2, 8, want, sizeof want);
    assert_string_equal(q.ref, want);
  }
}

/* What stays: another child's number in groups (zt_bsn_scrub_any reads
 * only nine digits in a row), the own BSN with mixed separators, eight
 * digits with a digit next to them or grouped with dashes (a date's
 * shape), and the own digits in another order. */
static void test_bsn_forms_not_taken(void **state) {
  static const struct {
    const char *bsn, *ref;
  } keep[] = {
      {"100000022", "100-00-0010"},     /* another child's, grouped */
      {"100000010", "100-00.0010"},     /* separators of two kinds */
      {"100000010", "100--00-0010"},    /* two separators in a row */
      {"012345672", "R123456729"},      /* eight, and a ninth digit */
      {"012345672", "912345672"},       /* nine digits, not the BSN */
      {"012345672", "12-345-672"},      /* eight in groups with dashes */
      {"012345672", "2 12 345 672"},    /* eight inside a longer group */
      {"100000010", "100000001"},       /* other digits */
  };
  zt_validator v = {rd, ps, 0, 0, 0};
  (void)state;
  for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
    zt_decl d;
    own_line(&v, keep[i].bsn, keep[i].ref, NULL, "", &d);
    if (strcmp(d.ref, keep[i].ref) != 0)
      fail_msg("BSN %s: reference '%s' became '%s'", keep[i].bsn,
               keep[i].ref, d.ref);
  }
  assert_int_equal(v.bsn_in_ref, 0);
}

/* A stored row, known only by the child's pseudonym text, gets the same
 * text for every form as ingest gives it (etl/store_scrub.c). */
static void test_scrub_forms_by_pseudonym(void **state) {
  zt_validator v = {rd, ps, 0, 0, 0};
  (void)state;
  for (size_t i = 0; i < sizeof own_forms / sizeof own_forms[0]; i++) {
    const char *b = own_forms[i].bsn;
    char text[ZT_PSEUDO_TEXT], s[64];
    zt_pseudo p;
    zt_decl d;
    long hits = 0;
    own_line(&v, b, own_forms[i].ref, NULL, "", &d);
    assert_int_equal(zt_pseudo_of(ps, b, 9, &p), ZT_OK);
    zt_pseudo_text(&p, text);
    snprintf(s, sizeof s, "%s", own_forms[i].ref);
    assert_int_equal(zt_bsn_scrub_client(ps, s, text, &hits), ZT_OK);
    assert_string_equal(s, d.ref);
    assert_int_equal(hits, 1);
  }
}

static void test_money(void **state) {
  int64_t c;
  (void)state;
  assert_int_equal(zt_parse_money("123456", 6, false, &c), ZT_OK);
  assert_int_equal(c, 123456);
  assert_int_equal(zt_parse_money("1.234,56", 8, true, &c), ZT_OK);
  assert_int_equal(c, 123456);
  assert_int_equal(zt_parse_money("1234,5", 6, true, &c), ZT_OK);
  assert_int_equal(c, 123450);
  assert_int_equal(zt_parse_money("1234", 4, true, &c), ZT_OK);
  assert_int_equal(c, 123400);
  assert_int_equal(zt_parse_money("12.34,56", 8, true, &c), ZT_ERR_INPUT);
  assert_int_equal(zt_parse_money("1,234", 5, true, &c), ZT_ERR_INPUT);
  assert_int_equal(zt_parse_money("-1,00", 5, true, &c), ZT_ERR_INPUT);
}

static void test_other_kinds(void **state) {
  zt_validator v = {rd, ps, 0, 0, 0};
  zt_reject rej;
  tu_row r;
  char text[256];
  (void)state;
  {
    zt_residence res;
    snprintf(text, sizeof text, "%s;;2020-01-01;", bsn);
    assert_int_equal(zt_validate_residence(
                         &v, tu_make_row(&r, ZT_KIND_RESIDENTIES, text, false),
                         &res, &rej), ZT_OK);
    assert_int_equal(rej.reason, ZT_R_NONE);
    assert_int_equal(res.gemeente, 0);          /* unknown / abroad */
    assert_int_equal(res.end, ZT_DAY_NONE);     /* current */
    /* a code not in the table is kept, with a warning count */
    snprintf(text, sizeof text, "%s;0123;2020-01-01;2020-12-31", bsn);
    zt_validate_residence(&v, tu_make_row(&r, ZT_KIND_RESIDENTIES, text,
                                          false), &res, &rej);
    assert_int_equal(rej.reason, ZT_R_NONE);
    assert_false(res.gemeente_known);
    assert_int_equal(v.residence_unknown, 1);
  }
  {
    zt_assign a;
    snprintf(text, sizeof text,
             "0402;12345678;%s;2010-05-17;2;1;77;43;43A01;2022-01-01;;", bsn);
    zt_validate_assign(&v, tu_make_row(&r, ZT_KIND_TOEWIJZINGEN, text, true),
                       &a, &rej);
    assert_int_equal(rej.reason, ZT_R_NONE);
    /* DatumGebruik 2: day and month unknown -> 1 January */
    assert_int_equal(a.birth, zt_day_from_ymd(2010, 1, 1));
    assert_int_equal(a.birth_precision, 2);
    assert_int_equal(a.gender, 1);
    assert_int_equal(a.end, ZT_DAY_NONE);
  }
  {
    zt_productcode p;
    zt_validate_productcode(&v, tu_make_row(&r, ZT_KIND_PRODUCTCODES,
                                            "43A01;pleegzorg;Pleegzorg;;;",
                                            false), &p, &rej);
    assert_int_equal(rej.reason, ZT_R_NONE);
    zt_validate_productcode(&v, tu_make_row(&r, ZT_KIND_PRODUCTCODES,
                                            "43A01;foster;x;;;", false), &p,
                            &rej);
    assert_int_equal(rej.reason, ZT_R_VALUE_INVALID);
  }
}

/* The free texts of reference tables are published as they are: a
 * number that could be a BSN in them is masked, and counted. */
static void test_free_text_masked(void **state) {
  zt_validator v = {rd, ps, 0, 0, 0};
  zt_reject rej;
  tu_row r;
  char text[256], b2[10], want[64];
  (void)state;
  tu_bsn(2, b2);
  snprintf(want, sizeof want, "%.2s*****%s", b2, b2 + 7);
  {
    zt_provider p;
    snprintf(text, sizeof text, "12345678;Zorg %s BV;J&O %s;ja", b2, b2);
    zt_validate_provider(&v, tu_make_row(&r, ZT_KIND_AANBIEDERS, text,
                                         false), &p, &rej);
    assert_int_equal(rej.reason, ZT_R_NONE);
    assert_null(strstr(p.name, b2));
    assert_non_null(strstr(p.name, want));
    assert_null(strstr(p.type, b2));
    assert_int_equal(v.bsn_in_ref, 2);
    /* a provider code and a plain name stay as they are */
    zt_validate_provider(&v, tu_make_row(&r, ZT_KIND_AANBIEDERS,
                                         "12345678;Zorg 12345678 BV;;ja",
                                         false), &p, &rej);
    assert_string_equal(p.name, "Zorg 12345678 BV");
    assert_int_equal(v.bsn_in_ref, 2);
  }
  {
    zt_productcode pc;
    snprintf(text, sizeof text, "43A01;pleegzorg;Pleegzorg %s;;;", b2);
    zt_validate_productcode(&v, tu_make_row(&r, ZT_KIND_PRODUCTCODES, text,
                                            false), &pc, &rej);
    assert_int_equal(rej.reason, ZT_R_NONE);
    assert_null(strstr(pc.label, b2));
  }
  {
    zt_benchmark bm;
    snprintf(text, sizeof text,
             "rate.clients_per_1000;NL;2022;101,0;voorlopig;zie dossier %s;",
             b2);
    zt_validate_benchmark(&v, tu_make_row(&r, ZT_KIND_BENCHMARK, text,
                                          false), &bm, &rej);
    assert_int_equal(rej.reason, ZT_R_NONE);
    assert_null(strstr(bm.source, b2));
    assert_non_null(strstr(bm.source, want));
    assert_int_equal(v.bsn_in_ref, 4);
  }
}

/* `n` copies of the UTF-8 character `c` after `head`, into out. */
static const char *repeat(char *out, size_t size, const char *head,
                          const char *c, int n) {
  size_t o = (size_t)snprintf(out, size, "%s", head);
  for (int i = 0; i < n; i++)
    o += (size_t)snprintf(out + o, size - o, "%s", c);
  return out;
}

/* An iJw length counts characters, not bytes: a reference of 20
 * characters is stored whatever their width (two, three or four bytes
 * each), one of 21 is rejected, and the message counts characters. A
 * product code is kept in five bytes: five characters that take more are
 * rejected with a message that counts bytes; so is a free text longer
 * than its buffer. */
static void test_lengths_in_characters(void **state) {
  char value[256], text[512];
  zt_decl d;
  zt_reject rej;
  (void)state;
  /* "R" and 19 e-acutes: 20 characters, 39 bytes */
  rej = check(ZT_D_REF, repeat(value, sizeof value, "R", "\xc3\xa9", 19),
              false, &d);
  assert_int_equal(rej.reason, ZT_R_NONE);
  assert_string_equal(d.ref, value);
  rej = check(ZT_D_REF, repeat(value, sizeof value, "R", "\xc3\xa9", 20),
              false, &d);
  assert_int_equal(rej.reason, ZT_R_FIELD_TOO_LONG);
  assert_non_null(strstr(rej.message, "21 characters, at most 20 allowed"));
  /* 20 four-byte characters (U+1F600): 80 bytes, the most a reference
   * takes; one more is too long */
  rej = check(ZT_D_PREVREF,
              repeat(value, sizeof value, "", "\xf0\x9f\x98\x80", 20), false,
              &d);
  assert_int_equal(rej.reason, ZT_R_NONE);
  assert_int_equal(strlen(d.prev_ref), 80);
  rej = check(ZT_D_PREVREF,
              repeat(value, sizeof value, "", "\xf0\x9f\x98\x80", 21), false,
              &d);
  assert_int_equal(rej.reason, ZT_R_FIELD_TOO_LONG);
  assert_non_null(strstr(rej.message, "21 characters, at most 20 allowed"));
  /* a declaration number of 12 euro signs (36 bytes), and of 13 */
  rej = check(ZT_D_DECLNR, repeat(value, sizeof value, "", "\xe2\x82\xac",
                                  12), false, &d);
  assert_int_equal(rej.reason, ZT_R_NONE);
  assert_string_equal(d.declnr, value);
  rej = check(ZT_D_DECLNR, repeat(value, sizeof value, "", "\xe2\x82\xac",
                                  13), false, &d);
  assert_int_equal(rej.reason, ZT_R_FIELD_TOO_LONG);
  assert_non_null(strstr(rej.message, "13 characters, at most 12 allowed"));
  /* product codes: five characters in five bytes are fine, five in six
   * bytes meet the technical limit, six characters the iJw one */
  rej = check(ZT_D_CODE, "45A01", false, &d);
  assert_int_equal(rej.reason, ZT_R_NONE);
  rej = check(ZT_D_CODE, "45\xc3\x84" "00", false, &d);
  assert_int_equal(rej.reason, ZT_R_FIELD_TOO_LONG);
  assert_non_null(strstr(rej.message, "5 characters, but 6 bytes in UTF-8: "
                                      "at most 5 bytes are kept"));
  rej = check(ZT_D_CODE, "45\xc3\x84" "001", false, &d);
  assert_int_equal(rej.reason, ZT_R_FIELD_TOO_LONG);
  assert_non_null(strstr(rej.message, "6 characters, at most 5 allowed"));
  {
    /* a ReferentieAanbieder of 36 three-byte characters (108 bytes) */
    zt_validator v = {rd, ps, 0, 0, 0};
    zt_assign a;
    tu_row r;
    repeat(value, sizeof value, "", "\xe2\x82\xac", 36);
    snprintf(text, sizeof text, "0402;12345678;%s;2010-05-17;;1;77;43;43A01;"
             "2022-01-01;;;%s", bsn, value);
    zt_validate_assign(&v, tu_make_row(&r, ZT_KIND_TOEWIJZINGEN, text,
                                       false), &a, &rej);
    assert_int_equal(rej.reason, ZT_R_NONE);
    assert_string_equal(a.ref, value);
    snprintf(text, sizeof text, "0402;12345678;%s;2010-05-17;;1;77;43;43A01;"
             "2022-01-01;;;%s\xe2\x82\xac", bsn, value);
    zt_validate_assign(&v, tu_make_row(&r, ZT_KIND_TOEWIJZINGEN, text,
                                       false), &a, &rej);
    assert_int_equal(rej.reason, ZT_R_FIELD_TOO_LONG);
    assert_non_null(strstr(rej.message, "37 characters, at most 36 "
                                        "allowed"));
  }
  {
    /* a provider's name has no iJw length, only its buffer (127 bytes):
     * 63 e-acutes and a letter fit, 64 e-acutes (128 bytes) do not */
    zt_validator v = {rd, ps, 0, 0, 0};
    zt_provider p;
    tu_row r;
    snprintf(text, sizeof text, "12345678;%s;;ja",
             repeat(value, sizeof value, "x", "\xc3\xa9", 63));
    zt_validate_provider(&v, tu_make_row(&r, ZT_KIND_AANBIEDERS, text,
                                         false), &p, &rej);
    assert_int_equal(rej.reason, ZT_R_NONE);
    assert_string_equal(p.name, value);
    snprintf(text, sizeof text, "12345678;%s;;ja",
             repeat(value, sizeof value, "", "\xc3\xa9", 64));
    zt_validate_provider(&v, tu_make_row(&r, ZT_KIND_AANBIEDERS, text,
                                         false), &p, &rej);
    assert_int_equal(rej.reason, ZT_R_FIELD_TOO_LONG);
    assert_non_null(strstr(rej.message, "128 bytes in UTF-8, at most 127 "
                                        "allowed"));
  }
}

/* A year after 2999 (9999-12-31) is an open end where one may be, and a
 * rejected date with the reason said where none may. */
static void test_open_ends(void **state) {
  zt_validator v = {rd, ps, 0, 0, 0};
  zt_reject rej;
  tu_row r;
  char text[256];
  zt_decl d;
  (void)state;
  {
    zt_residence res;
    snprintf(text, sizeof text, "%s;0402;2020-01-01;9999-12-31", bsn);
    zt_validate_residence(&v, tu_make_row(&r, ZT_KIND_RESIDENTIES, text,
                                          false), &res, &rej);
    assert_int_equal(rej.reason, ZT_R_NONE);
    assert_int_equal(res.end, ZT_DAY_NONE);
    snprintf(text, sizeof text, "%s;0402;5000-01-01;", bsn);
    zt_validate_residence(&v, tu_make_row(&r, ZT_KIND_RESIDENTIES, text,
                                          false), &res, &rej);
    assert_int_equal(rej.reason, ZT_R_DATE_INVALID);  /* a begin: no */
  }
  {
    zt_assign a;
    snprintf(text, sizeof text,
             "0402;12345678;%s;2010-05-17;2;1;77;43;43A01;2022-01-01;"
             "3000-01-01;", bsn);
    zt_validate_assign(&v, tu_make_row(&r, ZT_KIND_TOEWIJZINGEN, text, true),
                       &a, &rej);
    assert_int_equal(rej.reason, ZT_R_NONE);
    assert_int_equal(a.end, ZT_DAY_NONE);
  }
  {
    zt_productcode p;
    zt_validate_productcode(&v, tu_make_row(&r, ZT_KIND_PRODUCTCODES,
                                            "43A01;pleegzorg;P;2015-01-01;"
                                            "9999-12-31;", false), &p, &rej);
    assert_int_equal(rej.reason, ZT_R_NONE);
    assert_int_equal(p.valid_to, ZT_DAY_NONE);
  }
  rej = check(ZT_D_END, "9999-12-31", false, &d);
  assert_int_equal(rej.reason, ZT_R_DATE_INVALID);
  assert_non_null(strstr(rej.message, "open end"));
  rej = check(ZT_D_END, "2999-12-31", false, &d);
  assert_int_not_equal(rej.reason, ZT_R_DATE_INVALID);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_good_line),
      cmocka_unit_test(test_alternative_forms),
      cmocka_unit_test(test_each_reason),
      cmocka_unit_test(test_bsn_message_masked),
      cmocka_unit_test(test_money),
      cmocka_unit_test(test_volume_times_tariff_overflow),
      cmocka_unit_test(test_bsn_scientific_shape),
      cmocka_unit_test(test_bsn_wide_digits_shape),
      cmocka_unit_test(test_bsn_in_reference),
      cmocka_unit_test(test_other_bsn_in_reference),
      cmocka_unit_test(test_scrub_by_pseudonym),
      cmocka_unit_test(test_bsn_forms_in_reference),
      cmocka_unit_test(test_bsn_forms_not_taken),
      cmocka_unit_test(test_scrub_forms_by_pseudonym),
      cmocka_unit_test(test_other_kinds),
      cmocka_unit_test(test_free_text_masked),
      cmocka_unit_test(test_lengths_in_characters),
      cmocka_unit_test(test_open_ends),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}

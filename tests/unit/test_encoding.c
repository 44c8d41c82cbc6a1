/*
 * tests/unit/test_encoding.c -- BOMs, the ASCII fast check, UTF-8
 * validation, Windows-1252 conversion, and the detection policy of
 * zt_decoder (etl/encoding.c).
 */
#include "testutil.h"

#include <string.h>

#include "etl/encoding.h"

static void test_bom(void **state) {
  (void)state;
  assert_int_equal(zt_bom_len("\xEF\xBB\xBF" "bsn", 6), 3);
  assert_int_equal(zt_bom_len("\xEF\xBB\xBF", 3), 3);
  assert_int_equal(zt_bom_len("\xEF\xBB", 2), 0);      /* too short */
  assert_int_equal(zt_bom_len("\xEF\xBBx", 3), 0);
  assert_int_equal(zt_bom_len("bsn", 3), 0);
  assert_true(zt_bom_utf16("\xFF\xFE" "b", 3));
  assert_true(zt_bom_utf16("\xFE\xFF", 2));
  assert_false(zt_bom_utf16("\xEF\xBB\xBF", 3));
}

static void test_ascii_check(void **state) {
  char buf[40];
  (void)state;
  assert_true(zt_text_is_ascii("", 0));
  /* every length and every position, so both the word loop and the tail
   * loop see the odd byte */
  for (size_t n = 1; n <= sizeof buf; n++) {
    memset(buf, 'a', n);
    assert_true(zt_text_is_ascii(buf, n));
    for (size_t i = 0; i < n; i++) {
      buf[i] = (char)0xE9;
      assert_false(zt_text_is_ascii(buf, n));
      buf[i] = '\0';
      assert_false(zt_text_is_ascii(buf, n));
      buf[i] = 0x7F;
      assert_true(zt_text_is_ascii(buf, n));
      buf[i] = 'a';
    }
  }
}

static void test_utf8_sequences(void **state) {
  (void)state;
  assert_int_equal(zt_utf8_seq("a", 1), 1);
  assert_int_equal(zt_utf8_seq("\xC3\xAB", 2), 2);            /* ë */
  assert_int_equal(zt_utf8_seq("\xE2\x82\xAC", 3), 3);        /* € */
  assert_int_equal(zt_utf8_seq("\xF0\x9F\x98\x80", 4), 4);    /* U+1F600 */
  assert_int_equal(zt_utf8_seq("\xF4\x8F\xBF\xBF", 4), 4);    /* U+10FFFF */
  assert_int_equal(zt_utf8_seq("\0", 1), 0);                  /* NUL */
  assert_int_equal(zt_utf8_seq("\xC3", 1), 0);                /* truncated */
  assert_int_equal(zt_utf8_seq("\xAB", 1), 0);          /* continuation */
  assert_int_equal(zt_utf8_seq("\xC0\x80", 2), 0);            /* overlong */
  assert_int_equal(zt_utf8_seq("\xC1\xBF", 2), 0);            /* overlong */
  assert_int_equal(zt_utf8_seq("\xE0\x80\x80", 3), 0);        /* overlong */
  assert_int_equal(zt_utf8_seq("\xF0\x80\x80\x80", 4), 0);    /* overlong */
  assert_int_equal(zt_utf8_seq("\xED\xA0\x80", 3), 0);        /* surrogate */
  assert_int_equal(zt_utf8_seq("\xF4\x90\x80\x80", 4), 0);    /* > 10FFFF */
  assert_int_equal(zt_utf8_seq("\xF5\x80\x80\x80", 4), 0);
  assert_int_equal(zt_utf8_seq("\xE2\x82" "a", 3), 0);        /* bad 3rd */

  /* "cliënt;caf" is 11 bytes of valid text; then E9 (cp1252 é) at 11 */
  assert_int_equal(zt_utf8_check("cli\xC3\xABnt;caf", 11), 11);
  assert_int_equal(zt_utf8_check("cli\xC3\xABnt;caf\xE9", 12), 11);
  /* a long ASCII run (word loop) then a bad byte at 20 */
  assert_int_equal(zt_utf8_check("aaaaaaaaaaaaaaaaaaaa\xFF", 21), 20);
  assert_int_equal(zt_utf8_check("aaaaaaaa\0", 9), 8);
}

static void test_cp1252(void **state) {
  char out[64];
  size_t n;
  (void)state;
  /* é (E9) -> C3 A9, ë (EB) -> C3 AB, € (80) -> E2 82 AC */
  n = zt_cp1252_to_utf8("caf\xE9 cli\xEBnt \x80", 13, out);
  assert_int_equal(n, 17);       /* 13 bytes, 2 of them +1, one +2 */
  assert_memory_equal(out, "caf\xC3\xA9 cli\xC3\xABnt \xE2\x82\xAC", 17);
  /* the C1 range maps to punctuation: 0x93 0x94 are curly quotes */
  n = zt_cp1252_to_utf8("\x93x\x94", 3, out);
  assert_int_equal(n, 7);
  assert_memory_equal(out, "\xE2\x80\x9Cx\xE2\x80\x9D", 7);
  /* the five undefined bytes and NUL are invalid */
  assert_int_equal(zt_cp1252_check("ab\x81", 3), 2);
  assert_int_equal(zt_cp1252_check("\x8D", 1), 0);
  assert_int_equal(zt_cp1252_check("a\x8F", 2), 1);
  assert_int_equal(zt_cp1252_check("\x90", 1), 0);
  assert_int_equal(zt_cp1252_check("\x9D", 1), 0);
  assert_int_equal(zt_cp1252_check("a\0", 2), 1);
  assert_int_equal(zt_cp1252_check("caf\xE9\x80\xFF", 6), 6);
  /* converted anyway, they become U+FFFD (EF BF BD) */
  n = zt_cp1252_to_utf8("\x81", 1, out);
  assert_int_equal(n, 3);
  assert_memory_equal(out, "\xEF\xBF\xBD", 3);
}

static void test_sanitize(void **state) {
  char out[64];
  size_t n;
  (void)state;
  /* valid ë kept, stray E9 replaced: 1 + 2 + 3 = 6 bytes */
  n = zt_utf8_sanitize("a\xC3\xAB\xE9", 4, out);
  assert_int_equal(n, 6);
  assert_memory_equal(out, "a\xC3\xAB\xEF\xBF\xBD", 6);
}

static void test_detect_bom(void **state) {
  zt_decoder d;
  (void)state;
  zt_decoder_init(&d, ZT_ENC_AUTO, true);
  assert_int_equal(d.enc, ZT_ENC_UTF8);
  /* a BOM wins over a declared Windows-1252 */
  zt_decoder_init(&d, ZT_ENC_CP1252, true);
  assert_int_equal(d.enc, ZT_ENC_UTF8);
  assert_int_equal(zt_decoder_check(&d, "\xE9", 1, NULL), ZT_DEC_INVALID);
}

static void test_detect_utf8_then_invalid(void **state) {
  zt_decoder d;
  size_t bad = 99;
  (void)state;
  zt_decoder_init(&d, ZT_ENC_AUTO, false);
  assert_int_equal(zt_decoder_check(&d, "bsn;naam", 8, NULL), ZT_DEC_ASCII);
  assert_int_equal(d.enc, ZT_ENC_AUTO);                 /* undecided */
  assert_int_equal(zt_decoder_check(&d, "cli\xC3\xABnt", 7, NULL),
                   ZT_DEC_UTF8);
  assert_int_equal(d.enc, ZT_ENC_UTF8);
  /* a later cp1252 byte is invalid in the UTF-8 file, at offset 3 */
  assert_int_equal(zt_decoder_check(&d, "caf\xE9", 4, &bad), ZT_DEC_INVALID);
  assert_int_equal(bad, 3);
  assert_int_equal(d.enc, ZT_ENC_UTF8);
  /* the first sequence valid, a later one not: invalid, still UTF-8 */
  zt_decoder_init(&d, ZT_ENC_AUTO, false);
  assert_int_equal(zt_decoder_check(&d, "\xC3\xAB;\xEB", 4, &bad),
                   ZT_DEC_INVALID);
  assert_int_equal(bad, 3);
  assert_int_equal(d.enc, ZT_ENC_UTF8);
}

static void test_declared_cp1252(void **state) {
  zt_decoder d;
  (void)state;
  /* declared (a mapping says so): C3 AB is cp1252 text, "Ã«" */
  zt_decoder_init(&d, ZT_ENC_CP1252, false);
  assert_int_equal(zt_decoder_check(&d, "\xC3\xAB", 2, NULL),
                   ZT_DEC_CP1252);
}

static void test_detect_cp1252(void **state) {
  zt_decoder d;
  size_t bad = 99;
  char out[16];
  (void)state;
  zt_decoder_init(&d, ZT_ENC_AUTO, false);
  assert_int_equal(zt_decoder_check(&d, "cli\xEBnt", 6, NULL),
                   ZT_DEC_CP1252);
  assert_int_equal(d.enc, ZT_ENC_CP1252);
  /* a later line of valid UTF-8 ("ë" as C3 AB) in a file guessed to be
   * cp1252 is read as UTF-8, not as "Ã«" */
  assert_int_equal(zt_decoder_check(&d, "\xC3\xAB", 2, NULL),
                   ZT_DEC_UTF8);
  assert_int_equal(zt_decoder_display(&d, "\xC3\xAB", 2, out), 2);
  assert_memory_equal(out, "\xC3\xAB", 2);
  assert_int_equal(zt_decoder_check(&d, "cli\xEBnt", 6, NULL),
                   ZT_DEC_CP1252);
  assert_int_equal(d.enc, ZT_ENC_CP1252);
  /* an undefined byte rejects the line */
  assert_int_equal(zt_decoder_check(&d, "ab\x9D", 3, &bad), ZT_DEC_INVALID);
  assert_int_equal(bad, 2);
  /* display converts, with U+FFFD for the undefined byte: a b EF BF BD */
  assert_int_equal(zt_decoder_display(&d, "ab\x9D", 3, out), 5);
  assert_memory_equal(out, "ab\xEF\xBF\xBD", 5);
  /* a first non-ASCII byte that is undefined in cp1252 too */
  zt_decoder_init(&d, ZT_ENC_AUTO, false);
  assert_int_equal(zt_decoder_check(&d, "x\x81", 2, &bad), ZT_DEC_INVALID);
  assert_int_equal(bad, 1);
  assert_int_equal(d.enc, ZT_ENC_CP1252);
}

static void test_detect_nul(void **state) {
  zt_decoder d;
  size_t bad = 99;
  (void)state;
  /* NUL is invalid and decides nothing */
  zt_decoder_init(&d, ZT_ENC_AUTO, false);
  assert_int_equal(zt_decoder_check(&d, "ab\0", 3, &bad), ZT_DEC_INVALID);
  assert_int_equal(bad, 2);
  assert_int_equal(d.enc, ZT_ENC_AUTO);
  /* declared UTF-8: NUL and cp1252 bytes are invalid */
  zt_decoder_init(&d, ZT_ENC_UTF8, false);
  assert_int_equal(zt_decoder_check(&d, "\0", 1, &bad), ZT_DEC_INVALID);
  assert_int_equal(zt_decoder_check(&d, "\xEB", 1, &bad), ZT_DEC_INVALID);
  /* declared cp1252: NUL invalid, é fine */
  zt_decoder_init(&d, ZT_ENC_CP1252, false);
  assert_int_equal(zt_decoder_check(&d, "\0", 1, &bad), ZT_DEC_INVALID);
  assert_int_equal(zt_decoder_check(&d, "\xE9", 1, &bad), ZT_DEC_CP1252);
}

static void test_names(void **state) {
  zt_encoding e = ZT_ENC_UTF8;
  (void)state;
  assert_true(zt_encoding_from_name("Windows-1252", &e));
  assert_int_equal(e, ZT_ENC_CP1252);
  assert_true(zt_encoding_from_name("utf8", &e));
  assert_int_equal(e, ZT_ENC_UTF8);
  assert_true(zt_encoding_from_name("auto", &e));
  assert_int_equal(e, ZT_ENC_AUTO);
  assert_false(zt_encoding_from_name("latin1", &e));
  assert_string_equal(zt_encoding_name(ZT_ENC_CP1252), "windows-1252");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bom),
      cmocka_unit_test(test_ascii_check),
      cmocka_unit_test(test_utf8_sequences),
      cmocka_unit_test(test_cp1252),
      cmocka_unit_test(test_sanitize),
      cmocka_unit_test(test_detect_bom),
      cmocka_unit_test(test_detect_utf8_then_invalid),
      cmocka_unit_test(test_detect_cp1252),
      cmocka_unit_test(test_declared_cp1252),
      cmocka_unit_test(test_detect_nul),
      cmocka_unit_test(test_names),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

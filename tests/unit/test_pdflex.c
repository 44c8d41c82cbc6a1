/*
 * tests/unit/test_pdflex.c -- the content-stream reader (render/pdflex.h):
 * tokens of every kind, strings with nested and escaped parentheses,
 * comments, arrays and dictionaries as one operand, inline image data
 * skipped, MCIDs read from property lists, painting operators told from
 * the others, and malformed input that ends without running past the
 * buffer.
 */
#include "testutil.h"

#include <stdio.h>
#include <string.h>

#include "render/pdflex.h"

/* The operators of `src` joined by spaces, with each one's operand
 * count: "q0 BDC2 TJ1". */
static char *ops_of(const char *src, size_t n) {
  zt_pdflex lx;
  zt_pdfop op;
  static char out[512];
  size_t len = 0;
  zt_pdflex_init(&lx, src, n);
  out[0] = '\0';
  while (zt_pdflex_op(&lx, &op)) {
    int w = snprintf(out + len, sizeof out - len, "%s%.*s%zu",
                     len ? " " : "", (int)op.op.len,
                     (const char *)lx.p + op.op.pos, op.nargs);
    if (w < 0 || (size_t)w >= sizeof out - len)
      break;
    len += (size_t)w;
  }
  return out;
}

static void test_tokens(void **state) {
  static const char src[] =
      "12 -3.5 .5 /Name /A#20b (str) <4142> [ ] << >> Tj % comment\n"
      "(a (nested) \\) paren)";
  static const zt_pdftok_kind want[] = {
      ZT_PT_NUMBER,     ZT_PT_NUMBER,      ZT_PT_NUMBER,    ZT_PT_NAME,
      ZT_PT_NAME,       ZT_PT_STRING,      ZT_PT_HEX,       ZT_PT_OPEN_ARRAY,
      ZT_PT_CLOSE_ARRAY, ZT_PT_OPEN_DICT,  ZT_PT_CLOSE_DICT, ZT_PT_OPERATOR,
      ZT_PT_STRING,     ZT_PT_END};
  zt_pdflex lx;
  zt_pdftok t;
  (void)state;
  zt_pdflex_init(&lx, src, strlen(src));
  for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
    assert_int_equal(zt_pdflex_next(&lx, &t), want[i]);
    if (i == 4)
      assert_true(zt_pdftok_is(&lx, &t, "/A#20b"));
    if (i == 11)
      assert_true(zt_pdftok_is(&lx, &t, "Tj"));
  }
  /* the last string runs to its own closing parenthesis: "(a (nested)
   * \) paren)" is 21 bytes */
  assert_int_equal(t.kind, ZT_PT_END);
  assert_false(lx.bad);
  zt_pdflex_init(&lx, src, strlen(src));
  while (zt_pdflex_next(&lx, &t) != ZT_PT_END && t.kind != ZT_PT_OPERATOR)
    ;
  assert_int_equal(zt_pdflex_next(&lx, &t), ZT_PT_STRING);
  assert_int_equal(t.len, 21);
}

static void test_operations(void **state) {
  static const char src[] =
      "q 1 0 0 -1 0 841.89 cm\n"
      "/P << /MCID 3 /Lang (nl) >> BDC\n"
      "BT /F1 1 Tf [(a)-20(b)] TJ ET\n"
      "EMC Q";
  (void)state;
  assert_string_equal(ops_of(src, strlen(src)),
                      "q0 cm6 BDC2 BT0 Tf2 TJ1 ET0 EMC0 Q0");
}

static void test_mcid(void **state) {
  static const char src[] =
      "/Span << /ActualText <feff0020> >> BDC EMC "
      "/P << /A << /MCID 9 >> /MCID 4 >> BDC EMC "
      "/Artifact << /Type /Pagination >> BDC EMC";
  zt_pdflex lx;
  zt_pdfop op;
  long mcid = -1;
  (void)state;
  zt_pdflex_init(&lx, src, strlen(src));
  assert_true(zt_pdflex_op(&lx, &op));
  assert_true(zt_pdftok_is(&lx, &op.op, "BDC"));
  assert_int_equal(op.args[1].kind, ZT_PT_DICT);
  assert_false(zt_pdftok_dict_int(&lx, &op.args[1], "MCID", &mcid));
  assert_true(zt_pdflex_op(&lx, &op));   /* EMC */
  assert_true(zt_pdflex_op(&lx, &op));
  /* the MCID of the outer dictionary, not the nested one */
  assert_true(zt_pdftok_dict_int(&lx, &op.args[1], "MCID", &mcid));
  assert_int_equal(mcid, 4);
  /* the operation starts at its first operand */
  assert_memory_equal(src + op.pos, "/P <<", 5);
  assert_memory_equal(src + op.end - 3, "BDC", 3);
  assert_true(zt_pdflex_op(&lx, &op));   /* EMC */
  assert_true(zt_pdflex_op(&lx, &op));
  assert_true(zt_pdftok_is(&lx, &op.args[0], "/Artifact"));
  assert_false(zt_pdftok_dict_int(&lx, &op.args[1], "MCID", &mcid));
}

static void test_inline_image(void **state) {
  /* image data holding bytes that look like operators and a fake EI */
  static const char src[] = "q BI /W 2 /H 1 /BPC 8 /CS /G ID \x01(EIx)S f "
                            "EI Q 0 0 m 1 1 l S";
  (void)state;
  assert_string_equal(ops_of(src, sizeof src - 1),
                      "q0 BI0 ID8 EI0 Q0 m2 l2 S0");
}

static void test_paints(void **state) {
  static const char src[] =
      "0 0 m 1 1 l S 0 0 1 1 re f 0 0 1 1 re n (x) Tj [(y)] TJ (z) ' "
      "/Im1 Do /Sh1 sh 1 0 0 1 0 0 cm BT ET W n";
  static const bool want[] = {false, false, true,  false, true,
                              false, false, true,  true,  true,
                              true,  true,  false, false, false,
                              false, false};
  zt_pdflex lx;
  zt_pdfop op;
  size_t i = 0;
  (void)state;
  zt_pdflex_init(&lx, src, strlen(src));
  while (zt_pdflex_op(&lx, &op)) {
    assert_true(i < sizeof want / sizeof want[0]);
    if (zt_pdfop_paints(&lx, &op) != want[i])
      fail_msg("operator %zu '%.*s': paints should be %d", i,
               (int)op.op.len, src + op.op.pos, want[i]);
    i++;
  }
  assert_int_equal(i, sizeof want / sizeof want[0]);
}

static void test_malformed(void **state) {
  /* unterminated string, dictionary, hex string and image: each ends at
   * the end of the buffer and is reported as bad */
  static const char *const srcs[] = {"(abc", "<< /MCID 1", "<41", "ID abc",
                                     ") } {", "[ 1 2"};
  (void)state;
  for (size_t i = 0; i < sizeof srcs / sizeof srcs[0]; i++) {
    zt_pdflex lx;
    zt_pdfop op;
    size_t n = 0;
    zt_pdflex_init(&lx, srcs[i], strlen(srcs[i]));
    while (zt_pdflex_op(&lx, &op))
      n++;
    assert_true(lx.bad);
    assert_true(lx.pos <= strlen(srcs[i]));
    assert_true(n <= 1);
  }
  /* NULL data is empty */
  {
    zt_pdflex lx;
    zt_pdftok t;
    zt_pdflex_init(&lx, NULL, 10);
    assert_int_equal(zt_pdflex_next(&lx, &t), ZT_PT_END);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_tokens),       cmocka_unit_test(test_operations),
      cmocka_unit_test(test_mcid),         cmocka_unit_test(test_inline_image),
      cmocka_unit_test(test_paints),       cmocka_unit_test(test_malformed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

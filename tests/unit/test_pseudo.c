/*
 * tests/unit/test_pseudo.c -- the 11-test, masking, and keyed pseudonyms
 * (stable for one key, different across keys, HMAC-SHA256 as specified).
 */
#include "testutil.h"

#include <glib.h>
#include <string.h>
#include <sys/stat.h>

#include "etl/pseudo.h"

static void test_elfproef(void **state) {
  char bsn[10];
  (void)state;
  /* 123456782: 1*9+2*8+3*7+4*6+5*5+6*4+7*3+8*2 = 156, 156 - 2 = 154 =
   * 14 * 11 -> valid. */
  assert_int_equal(zt_bsn_check("123456782", 9), ZT_R_NONE);
  /* 123456789: 156 - 9 = 147, not divisible by 11. */
  assert_int_equal(zt_bsn_check("123456789", 9), ZT_R_BSN_ELFPROEF);
  /* 000000000 passes the arithmetic but is not a BSN. */
  assert_int_equal(zt_bsn_check("000000000", 9), ZT_R_BSN_ELFPROEF);
  assert_int_equal(zt_bsn_check("12345678", 8), ZT_R_BSN_FORMAT);
  assert_int_equal(zt_bsn_check("1234567820", 10), ZT_R_BSN_FORMAT);
  assert_int_equal(zt_bsn_check("12345678x", 9), ZT_R_BSN_FORMAT);
  for (unsigned i = 0; i < 200; i++) {
    tu_bsn(i, bsn);
    assert_int_equal(zt_bsn_check(bsn, 9), ZT_R_NONE);
  }
}

static void test_mask(void **state) {
  char m[ZT_MASK_MAX], line[128];
  (void)state;
  zt_bsn_mask("123456782", 9, m);
  assert_string_equal(m, "12*****82");
  zt_bsn_mask("1234", 4, m);
  assert_string_equal(m, "****");
  /* Nine-digit runs are masked; 8 and 10 digits (AGB, amounts) stay. */
  zt_mask_line("a;123456782;12345678;9876543210;x", 33, NULL, 0, line,
               sizeof line);
  assert_string_equal(line, "a;12*****82;12345678;9876543210;x");
  /* The BSN field is masked whatever its length (8 digits here). */
  {
    const char *raw = "0402;12345678;R1";
    zt_mask_line(raw, strlen(raw), raw + 5, 8, line, sizeof line);
    assert_string_equal(line, "0402;12****78;R1");
  }
  zt_mask_line("a\nb\x01", 4, NULL, 0, line, sizeof line);
  assert_string_equal(line, "a b?");
}

static void test_pseudonym(void **state) {
  unsigned char k1[ZT_KEY_BYTES], k2[ZT_KEY_BYTES];
  zt_pseudonymizer *a, *b, *c;
  zt_pseudo pa, pb, pc, again;
  char bsn[10], text[ZT_PSEUDO_TEXT];
  (void)state;
  memset(k1, 0x11, sizeof k1);
  memset(k2, 0x22, sizeof k2);
  assert_int_equal(zt_pseudo_open_key(&a, k1, NULL), ZT_OK);
  assert_int_equal(zt_pseudo_open_key(&b, k1, NULL), ZT_OK);
  assert_int_equal(zt_pseudo_open_key(&c, k2, NULL), ZT_OK);
  tu_bsn(42, bsn);
  assert_int_equal(zt_pseudo_of(a, bsn, 9, &pa), ZT_OK);
  assert_int_equal(zt_pseudo_of(a, bsn, 9, &again), ZT_OK); /* cached */
  assert_int_equal(zt_pseudo_of(b, bsn, 9, &pb), ZT_OK);
  assert_int_equal(zt_pseudo_of(c, bsn, 9, &pc), ZT_OK);
  assert_memory_equal(pa.b, again.b, 16);
  assert_memory_equal(pa.b, pb.b, 16);   /* same key: same pseudonym */
  assert_memory_not_equal(pa.b, pc.b, 16);
  /* It is HMAC-SHA256(key, bsn), first 16 bytes: compare with GLib's own
   * one-shot HMAC. */
  {
    gsize n = 32;
    guint8 mac[32];
    GHmac *h = g_hmac_new(G_CHECKSUM_SHA256, k1, sizeof k1);
    g_hmac_update(h, (const guchar *)bsn, 9);
    g_hmac_get_digest(h, mac, &n);
    g_hmac_unref(h);
    assert_memory_equal(pa.b, mac, 16);
  }
  zt_pseudo_text(&pa, text);
  assert_int_equal(strlen(text), 26);
  assert_int_equal(strspn(text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), 26);
  assert_null(strstr(text, bsn));
  zt_pseudo_close(a);
  zt_pseudo_close(b);
  zt_pseudo_close(c);
}

static void test_base32(void **state) {
  zt_pseudo p;
  char text[ZT_PSEUDO_TEXT];
  (void)state;
  memset(&p, 0, sizeof p);
  zt_pseudo_text(&p, text);
  assert_string_equal(text, "AAAAAAAAAAAAAAAAAAAAAAAAAA");
  /* RFC 4648: base32("foobar") = "MZXW6YTBOI======"; with zero bytes after
   * "foobar" the tenth character is still 'I' (the 3 bits of 'r' then two
   * zero bits: 01000 = 8 = 'I'). */
  memcpy(p.b, "foobar", 6);
  zt_pseudo_text(&p, text);
  assert_memory_equal(text, "MZXW6YTBOI", 10);
}

static void test_key_file(void **state) {
  char *dir = tu_tmpdir("key");
  char *path = g_build_filename(dir, "k.key", NULL);
  zt_pseudonymizer *a, *b;
  zt_pseudo pa, pb;
  struct stat sb;
  bool created;
  char bsn[10];
  size_t len;
  char *text;
  (void)state;
  assert_int_equal(zt_key_create(path, &created, NULL), ZT_OK);
  assert_true(created);
  assert_int_equal(stat(path, &sb), 0);
  assert_int_equal(sb.st_mode & 0777, 0600);
  text = tu_read(path, &len);
  assert_int_equal(len, 65);       /* 64 hex digits and a newline */
  g_free(text);
  /* A second init keeps the key. */
  assert_int_equal(zt_key_create(path, &created, NULL), ZT_OK);
  assert_false(created);
  tu_bsn(7, bsn);
  assert_int_equal(zt_pseudo_open(&a, path, NULL), ZT_OK);
  assert_int_equal(zt_pseudo_open(&b, path, NULL), ZT_OK);
  zt_pseudo_of(a, bsn, 9, &pa);
  zt_pseudo_of(b, bsn, 9, &pb);
  assert_memory_equal(pa.b, pb.b, 16);
  zt_pseudo_close(a);
  zt_pseudo_close(b);
  {
    zt_err err;
    char *bad = tu_write(dir, "bad.key", "nothex");
    assert_int_equal(zt_pseudo_open(&a, bad, &err), ZT_ERR_USAGE);
    assert_non_null(strstr(err.msg, "bad.key"));
    g_free(bad);
  }
  tu_rmtree(dir);
  g_free(path);
  g_free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_elfproef),  cmocka_unit_test(test_mask),
      cmocka_unit_test(test_pseudonym), cmocka_unit_test(test_base32),
      cmocka_unit_test(test_key_file),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

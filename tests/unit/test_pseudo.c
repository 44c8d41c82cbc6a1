/*
 * tests/unit/test_pseudo.c -- the 11-test, masking, and keyed pseudonyms
 * (stable for one key, different across keys, HMAC-SHA256 as specified).
 */
#include "testutil.h"

#include <glib.h>
#include <stdio.h>
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
  /* The line's own BSN inside a longer run of digits is masked, in
   * every place; another long run stays readable. */
  {
    const char *raw = "123456782;1234567820921;0123456782;9876543210";
    zt_mask_line(raw, strlen(raw), raw, 9, line, sizeof line);
    assert_string_equal(line,
                        "12*****82;12*****820921;012*****82;9876543210");
    /* a text without the BSN field (an XML line rendered), given it */
    raw = "bsn=12*****82;toewijzingnummer=0123456782;ref=77123456782";
    zt_mask_line_of(raw, strlen(raw), "123456782", 9, line, sizeof line);
    assert_string_equal(line, "bsn=12*****82;toewijzingnummer=012*****82;"
                              "ref=7712*****82");
    /* without a known BSN, nothing else changes */
    zt_mask_line_of(raw, strlen(raw), "12345", 5, line, sizeof line);
    assert_string_equal(line, raw);
  }
}

/* What zt_mask_text makes of `in` (flags). */
static const char *masked(const char *in, unsigned flags) {
  static char out[256];
  zt_mask_text(in, strlen(in), NULL, 0, flags, out, sizeof out);
  return out;
}

static void test_mask_groups(void **state) {
  (void)state;
  /* 012345672 passes the 11-test: without its leading zero (Excel) the
   * eight digits are a BSN, masked when they stand free */
  assert_string_equal(masked("a;12345672;b", 0), "a;12****72;b");
  assert_string_equal(masked("12345672", 0), "12****72");
  /* ... but not inside a code with letters, nor a provider code that
   * is no BSN without its zero (98000011 -> 098000011 fails) */
  assert_string_equal(masked("RN12345672", 0), "RN12345672");
  assert_string_equal(masked("98000011;0402", 0), "98000011;0402");
  /* spaced and dotted BSNs */
  assert_string_equal(masked("x 917 322 721 y", 0), "x 91* *** *21 y");
  assert_string_equal(masked("9173.22.721", 0), "91**.**.*21");
  assert_string_equal(masked("917-322-721", 0), "91*-***-*21");
  /* dates stay: eight digits with dashes are a date, not a BSN */
  assert_string_equal(masked("2021-09-01;01-09-2021", 0),
                      "2021-09-01;01-09-2021");
  /* a group joins one kind of separator only */
  assert_string_equal(masked("1 2018-01-01", 0), "1 2018-01-01");
  /* ten digits: kept in lines, masked in messages (ZT_MASK_LONG) */
  assert_string_equal(masked("9876543210", 0), "9876543210");
  assert_string_equal(masked("9876543210", ZT_MASK_LONG), "98******10");
  /* previews of a header: every plain run of eight (ZT_MASK_ALL8) */
  assert_string_equal(masked("98000011", ZT_MASK_ALL8), "98****11");
  /* one byte out per byte in: a cut after masking never shows more */
  {
    char out[8];
    zt_mask_text("ab917322721", 11, NULL, 0, 0, out, sizeof out);
    assert_string_equal(out, "ab91***");
  }
}

/* Full-width digits (U+FF10..U+FF19) in UTF-8, one macro each, so that
 * no hex escape runs into the next character. */
#define W0 "\xef\xbc\x90"
#define W1 "\xef\xbc\x91"
#define W2 "\xef\xbc\x92"
#define W3 "\xef\xbc\x93"
#define W4 "\xef\xbc\x94"
#define W6 "\xef\xbc\x96"
#define W7 "\xef\xbc\x97"
#define W8 "\xef\xbc\x98"
#define W9 "\xef\xbc\x99"

/* A BSN in digits of another script, or partly so, is a BSN: masked in
 * lines and messages, replaced in texts that are stored, by the token
 * its ASCII form gets. */
static void test_wide_digits(void **state) {
  unsigned char k[ZT_KEY_BYTES] = {7};
  zt_pseudonymizer *ps;
  zt_pseudo own;
  char s[128], ascii[64], wide[128];
  long hits = 0;
  (void)state;
  /* masked: full-width, mixed, grouped, Arabic-Indic (U+0660..) */
  assert_string_equal(masked("R" W1 W1 W1 W2 W2 W2 W3 W3 W3 ";x", 0),
                      "R" W1 W1 "*****" W3 W3 ";x");
  assert_string_equal(masked("a 1112" W2 W2 "333 b", 0),
                      "a 11*****33 b");
  assert_string_equal(masked(W1 W1 W1 " " W2 W2 W2 " 333", 0),
                      W1 W1 "* *** *33");
  assert_string_equal(masked("\xd9\xa1\xd9\xa1\xd9\xa1\xd9\xa2\xd9\xa2"
                             "\xd9\xa2\xd9\xa3\xd9\xa3\xd9\xa3", 0),
                      "\xd9\xa1\xd9\xa1*****\xd9\xa3\xd9\xa3");
  /* a BSN with its leading zero lost, full-width: 012345672 */
  assert_string_equal(masked("x " W1 W2 W3 W4 "5" W6 W7 W2, 0),
                      "x " W1 W2 "****" W7 W2);
  /* a provider code in full-width digits stays readable */
  assert_string_equal(masked(W9 W8 W0 W0 W0 W0 W1 W1, 0),
                      W9 W8 W0 W0 W0 W0 W1 W1);
  /* the BSN field: its digits masked, whatever they are */
  {
    const char *raw = "0402;" W1 W1 W1 W2 W2 W2 W3 W3 W3 ";R";
    char line[64];
    zt_mask_line(raw, strlen(raw), raw + 5, 27, line, sizeof line);
    assert_string_equal(line, "0402;" W1 W1 "*****" W3 W3 ";R");
  }
  /* a cut after masking never shows a digit more */
  {
    char out[12];
    const char *raw = "ab" W1 W1 W1 W2 W2 W2 W3 W3 W3;
    zt_mask_text(raw, strlen(raw), NULL, 0, 0, out, sizeof out);
    assert_string_equal(out, "ab" W1 W1 "***");
  }
  /* invalid UTF-8 and lone continuation bytes are no digits */
  assert_string_equal(masked("\xef\xbc;\x91\x92", 0), "\xef\xbc;\x91\x92");

  assert_int_equal(zt_pseudo_open_key(&ps, k, NULL), ZT_OK);
  /* any BSN: the same token as in ASCII, as many characters */
  snprintf(ascii, sizeof ascii, "R111222333-1");
  assert_int_equal(zt_bsn_scrub_any(ps, ascii, &hits), ZT_OK);
  assert_int_equal(hits, 1);
  snprintf(wide, sizeof wide, "R" W1 W1 W1 W2 W2 W2 W3 W3 W3 "-1");
  assert_int_equal(zt_bsn_scrub_any(ps, wide, &hits), ZT_OK);
  assert_int_equal(hits, 2);
  assert_string_equal(wide, ascii);
  snprintf(wide, sizeof wide, "R11122" W2 "333-1");
  assert_int_equal(zt_bsn_scrub_any(ps, wide, &hits), ZT_OK);
  assert_string_equal(wide, ascii);
  /* ten digits, or nine that fail the 11-test: as they are */
  snprintf(wide, sizeof wide, W1 W1 W1 W2 W2 W2 W3 W3 W4);
  assert_int_equal(zt_bsn_scrub_any(ps, wide, &hits), ZT_OK);
  assert_string_equal(wide, W1 W1 W1 W2 W2 W2 W3 W3 W4);
  assert_int_equal(hits, 3);
  /* the client's own BSN, in groups and without its leading zero */
  assert_int_equal(zt_pseudo_of(ps, "012345672", 9, &own), ZT_OK);
  snprintf(s, sizeof s, "R012 345 672-1");
  assert_true(zt_bsn_scrub(s, "012345672", &own));
  snprintf(wide, sizeof wide, "R" W0 W1 W2 " " W3 W4 "5 " W6 W7 W2 "-1");
  assert_true(zt_bsn_scrub(wide, "012345672", &own));
  assert_string_equal(wide, s);
  assert_int_equal(s[0], 'R');
  assert_int_equal(s[1], '~');
  snprintf(s, sizeof s, "R12345672-1");
  assert_true(zt_bsn_scrub(s, "012345672", &own));
  snprintf(wide, sizeof wide, "R" W1 W2 W3 W4 "5" W6 W7 W2 "-1");
  assert_true(zt_bsn_scrub(wide, "012345672", &own));
  assert_string_equal(wide, s);
  /* ... also known only by its pseudonym text (a stored row) */
  {
    char text[ZT_PSEUDO_TEXT];
    long h = 0;
    zt_pseudo_text(&own, text);
    snprintf(wide, sizeof wide, "R" W1 W2 W3 W4 "5" W6 W7 W2 "-1");
    assert_int_equal(zt_bsn_scrub_client(ps, wide, text, &h), ZT_OK);
    assert_int_equal(h, 1);
    assert_string_equal(wide, s);
  }
  /* eight digits with a digit of another width next to them are not
   * free: no BSN without its zero */
  snprintf(wide, sizeof wide, "R" W9 "12345672");
  assert_false(zt_bsn_scrub(wide, "012345672", &own));
  zt_pseudo_close(ps);
}

/* Every separator a spreadsheet, a web page or an input method puts
 * between digit groups, by kind, with what it is called in messages. */
static const struct {
  const char *utf8, *name;
  char kind;                    /* ' ', '.' or '-' */
} wide_seps[] = {
    {"\xc2\xa0", "U+00A0 no-break space", ' '},
    {"\xe2\x80\xaf", "U+202F narrow no-break space", ' '},
    {"\xe2\x80\x87", "U+2007 figure space", ' '},
    {"\xe2\x80\x89", "U+2009 thin space", ' '},
    {"\xe3\x80\x80", "U+3000 ideographic space", ' '},
    {"\xe2\x80\x90", "U+2010 hyphen", '-'},
    {"\xe2\x80\x91", "U+2011 non-breaking hyphen", '-'},
    {"\xe2\x80\x92", "U+2012 figure dash", '-'},
    {"\xe2\x80\x93", "U+2013 en dash", '-'},
    {"\xef\xbc\x8d", "U+FF0D full-width hyphen-minus", '-'},
    {"\xef\xbc\x8e", "U+FF0E full-width full stop", '.'},
};

/* A text with `sep` where `fmt` has '|'. */
static char *with_sep(const char *fmt, const char *sep) {
  GString *g = g_string_new(NULL);
  for (const char *p = fmt; *p; p++)
    if (*p == '|')
      g_string_append(g, sep);
    else
      g_string_append_c(g, *p);
  return g_string_free(g, FALSE);
}

/* BSN-like groups joined by non-ASCII separators are BSN-like groups: in
 * a rejected line (another child's BSN in a wrong column, the line's own
 * BSN in a remark), in a message (ZT_MASK_LONG) and in a free text; a
 * masked line stays valid UTF-8, also when it is cut; dates and amounts
 * stay readable; separators of two kinds are two numbers. The client's
 * own BSN in such groups in a reference becomes its token, as many
 * characters as it had, the same as with ASCII separators. */
static void test_wide_separators(void **state) {
  unsigned char k[ZT_KEY_BYTES] = {7};
  zt_pseudonymizer *ps;
  zt_pseudo own;
  (void)state;
  assert_int_equal(zt_pseudo_open_key(&ps, k, NULL), ZT_OK);
  assert_int_equal(zt_pseudo_of(ps, "100000034", 9, &own), ZT_OK);
  for (size_t i = 0; i < sizeof wide_seps / sizeof wide_seps[0]; i++) {
    const char *sep = wide_seps[i].utf8;
    char *in, *want, line[128], ref[64], aref[64];
    /* nine digits in three groups (917322721 passes the 11-test) */
    in = with_sep("a;917|322|721;b", sep);
    want = with_sep("a;91*|***|*21;b", sep);
    if (strcmp(masked(in, 0), want) != 0)
      fail_msg("%s: '%s' masked '%s'", wide_seps[i].name, in,
               masked(in, 0));
    assert_true(g_utf8_validate(masked(in, 0), -1, NULL));
    g_free(in);
    g_free(want);
    /* ... in four groups, in full-width digits */
    in = with_sep("\xef\xbc\x99\xef\xbc\x91|73|22|721", sep);
    want = with_sep("\xef\xbc\x99\xef\xbc\x91|**|**|*21", sep);
    assert_string_equal(masked(in, 0), want);
    g_free(in);
    g_free(want);
    /* eight free digits that are a BSN without its zero (012345672);
     * with dashes eight digits are a date and stay */
    in = with_sep("x 1234|5672 y", sep);
    want = wide_seps[i].kind == '-' ? g_strdup(in)
                                    : with_sep("x 12**|**72 y", sep);
    assert_string_equal(masked(in, 0), want);
    g_free(in);
    g_free(want);
    in = with_sep("2021|09|01", sep);
    assert_string_equal(masked(in, 0), in);
    g_free(in);
    /* the line's own BSN field, and its value in a remark */
    in = with_sep("0402;100000034;zie 100|000|034", sep);
    zt_mask_line(in, strlen(in), in + 5, 9, line, sizeof line);
    want = with_sep("0402;10*****34;zie 10*|***|*34", sep);
    assert_string_equal(line, want);
    g_free(in);
    g_free(want);
    /* a cut inside a separator leaves no half of it */
    in = with_sep("ab917|322|721", sep);
    {
      size_t cut = 5 + strlen(sep) / 2 + 1;   /* "ab91*" and part */
      char out[16];
      zt_mask_text(in, strlen(in), NULL, 0, 0, out, cut + 1);
      assert_true(g_utf8_validate(out, -1, NULL));
      assert_null(strstr(out, "7"));
    }
    g_free(in);
    /* the client's own BSN in a reference: the token of the ASCII form
     * ("100 000 034" with its kind of separator), as many characters */
    in = with_sep("R100|000|034-1", sep);
    snprintf(ref, sizeof ref, "%s", in);
    snprintf(aref, sizeof aref, "R100%c000%c034-1", wide_seps[i].kind,
             wide_seps[i].kind);
    assert_true(zt_bsn_scrub(ref, "100000034", &own));
    assert_true(zt_bsn_scrub(aref, "100000034", &own));
    assert_string_equal(ref, aref);
    assert_int_equal(g_utf8_strlen(ref, -1), g_utf8_strlen(in, -1));
    g_free(in);
  }
  /* two kinds are two numbers: "917 322-721" is no BSN-like group */
  assert_string_equal(masked("917\xc2\xa0" "322\xe2\x80\x93" "721", 0),
                      "917\xc2\xa0" "322\xe2\x80\x93" "721");
  /* but a no-break space and a space are one kind */
  assert_string_equal(masked("917\xc2\xa0" "322 721", 0),
                      "91*\xc2\xa0" "*** *21");
  /* a messages' mask: ten digits in groups are no BSN-like group, but
   * the separators do not hide nine */
  assert_string_equal(masked("zie 917\xe2\x80\xaf" "322\xe2\x80\xaf" "721",
                             ZT_MASK_LONG),
                      "zie 91*\xe2\x80\xaf***\xe2\x80\xaf*21");
  zt_pseudo_close(ps);
}

static void test_key_id(void **state) {
  char *dir = tu_tmpdir("keyid");
  char *k1 = g_build_filename(dir, "1.key", NULL);
  char *k2 = g_build_filename(dir, "2.key", NULL);
  char *fifo = g_build_filename(dir, "f.key", NULL);
  zt_pseudonymizer *a, *b, *c;
  char ia[33], ib[33], ic[33];
  bool created;
  zt_err err;
  (void)state;
  assert_int_equal(zt_key_create(k1, &created, NULL), ZT_OK);
  assert_int_equal(zt_key_create(k2, &created, NULL), ZT_OK);
  assert_int_equal(zt_pseudo_open(&a, k1, NULL), ZT_OK);
  assert_int_equal(zt_pseudo_open(&b, k1, NULL), ZT_OK);
  assert_int_equal(zt_pseudo_open(&c, k2, NULL), ZT_OK);
  zt_pseudo_key_id(a, ia);
  zt_pseudo_key_id(b, ib);
  zt_pseudo_key_id(c, ic);
  assert_int_equal(strlen(ia), 32);
  assert_string_equal(ia, ib);           /* the same key, the same id */
  assert_string_not_equal(ia, ic);       /* another key, another id */
  zt_pseudo_close(a);
  zt_pseudo_close(b);
  zt_pseudo_close(c);
  /* a FIFO in the key's place is refused at once, not waited on */
  assert_int_equal(mkfifo(fifo, 0600), 0);
  assert_int_equal(zt_pseudo_open(&a, fifo, &err), ZT_ERR_USAGE);
  assert_non_null(strstr(err.msg, "not a regular file"));
  /* a key readable by others loses those bits */
  assert_int_equal(chmod(k1, 0644), 0);
  assert_int_equal(zt_pseudo_open(&a, k1, NULL), ZT_OK);
  zt_pseudo_close(a);
  {
    struct stat sb;
    assert_int_equal(stat(k1, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0640);
  }
  tu_rmtree(dir);
  g_free(k1);
  g_free(k2);
  g_free(fifo);
  g_free(dir);
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

/* A ToewijzingNummer that could be a BSN becomes its token: nine digits
 * that pass the 11-test always, eight digits only when they are the
 * client's own BSN without its leading zero; the token is above every
 * number a message can carry, the same for the same number and key,
 * another for another number or key. */
static void test_number_token(void **state) {
  unsigned char k1[ZT_KEY_BYTES] = {1}, k2[ZT_KEY_BYTES] = {2};
  zt_pseudonymizer *a, *b;
  zt_pseudo client;
  int64_t x, y, z;
  bool hit, own;
  (void)state;
  assert_int_equal(zt_pseudo_open_key(&a, k1, NULL), ZT_OK);
  assert_int_equal(zt_pseudo_open_key(&b, k2, NULL), ZT_OK);
  /* 111222333 passes the 11-test; 111222334 does not */
  assert_int_equal(zt_bsn_check("111222333", 9), ZT_R_NONE);
  x = 111222333;
  assert_int_equal(zt_number_scrub(a, &x, NULL, &hit), ZT_OK);
  assert_true(hit);
  assert_true(x >= ZT_TOKEN_MIN && x < ZT_TOKEN_MIN + ZT_TOKEN_SPAN);
  y = 111222333;
  assert_int_equal(zt_number_scrub(a, &y, NULL, &hit), ZT_OK);
  assert_true(x == y);
  z = 111222333;
  assert_int_equal(zt_number_scrub(b, &z, NULL, &hit), ZT_OK);
  assert_true(hit && z != x);
  y = 123456782;        /* passes too: another token */
  assert_int_equal(zt_number_scrub(a, &y, NULL, &hit), ZT_OK);
  assert_true(hit && y != x && y >= ZT_TOKEN_MIN);
  y = 111222334;
  assert_int_equal(zt_number_scrub(a, &y, NULL, &hit), ZT_OK);
  assert_false(hit);
  assert_true(y == 111222334);
  for (int64_t small = 0; small < 3000; small += 7) {
    y = small;
    assert_int_equal(zt_number_scrub(a, &y, NULL, &hit), ZT_OK);
    assert_false(hit);
  }
  /* the number's own 11-test agrees with zt_bsn_check on its text */
  for (int64_t n = 10000000; n < 1000000000; n += 9973) {
    char d[24];
    bool shaped;
    snprintf(d, sizeof d, "%09lld", (long long)n);
    shaped = zt_number_bsn_shaped(n, &own);
    assert_int_equal(shaped, zt_bsn_check(d, 9) == ZT_R_NONE);
    assert_int_equal(own, n < 100000000);
  }
  /* 012345672 is a BSN; as a number it is 12345672 */
  assert_true(zt_number_bsn_shaped(12345672, &own) && own);
  assert_int_equal(zt_pseudo_of(a, "012345672", 9, &client), ZT_OK);
  y = 12345672;
  assert_int_equal(zt_number_scrub(a, &y, &client, &hit), ZT_OK);
  assert_true(hit && y >= ZT_TOKEN_MIN);
  y = 12345672;         /* another child's: eight digits stay */
  assert_int_equal(zt_pseudo_of(a, "111222333", 9, &client), ZT_OK);
  assert_int_equal(zt_number_scrub(a, &y, &client, &hit), ZT_OK);
  assert_false(hit);
  assert_true(y == 12345672);
  assert_int_equal(zt_number_scrub(a, &y, NULL, &hit), ZT_OK);
  assert_false(hit);
  zt_pseudo_close(a);
  zt_pseudo_close(b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_elfproef),  cmocka_unit_test(test_mask),
      cmocka_unit_test(test_pseudonym), cmocka_unit_test(test_base32),
      cmocka_unit_test(test_key_file),
      cmocka_unit_test(test_mask_groups), cmocka_unit_test(test_key_id),
      cmocka_unit_test(test_number_token),
      cmocka_unit_test(test_wide_digits),
      cmocka_unit_test(test_wide_separators),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

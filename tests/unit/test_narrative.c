/*
 * tests/unit/test_narrative.c -- the policy officer's steering text
 * (etl/narrative.c): headings, paragraphs, bullets and emphasis, and
 * hostile input (markup, control characters, bad UTF-8, size) that must
 * be refused or kept as plain text.
 */
#include "testutil.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

#include "etl/narrative.h"

static zt_narrative *parse_ok(const char *s) {
  zt_narrative *n = NULL;
  zt_err err;
  memset(&err, 0, sizeof err);
  assert_int_equal(zt_narrative_parse(s, strlen(s), "t.txt", &n, &err),
                   ZT_OK);
  assert_non_null(n);
  return n;
}

static zt_status parse_err(const char *s, size_t len, zt_err *err) {
  zt_narrative *n = NULL;
  zt_status st;
  memset(err, 0, sizeof *err);
  st = zt_narrative_parse(s, len, "t.txt", &n, err);
  assert_null(n);
  return st;
}

static void test_parts(void **state) {
  zt_narrative *n = parse_ok(
      "\xef\xbb\xbf# Duiding\r\n"
      "De instroom   daalde,\r\n"
      "maar de *kosten* stegen.\r\n"
      "\r\n"
      "Tweede alinea.\n"
      "\n"
      "# besluitpunten\n"
      "- Kennis nemen van\n"
      "  de rapportage.\n"
      "- Instemmen met *extra* inzet.\n");
  const zt_narr_part *d = &n->part[ZT_NARR_DUIDING];
  const zt_narr_part *b = &n->part[ZT_NARR_BESLUITPUNTEN];
  char *plain;
  (void)state;
  assert_int_equal(d->n, 2);
  assert_false(d->items[0].bullet);
  assert_int_equal(d->items[0].nspans, 3);
  assert_string_equal(d->items[0].spans[0].text,
                      "De instroom daalde, maar de ");
  assert_true(d->items[0].spans[1].em);
  assert_string_equal(d->items[0].spans[1].text, "kosten");
  assert_false(d->items[0].spans[2].em);
  assert_int_equal(b->n, 2);
  assert_true(b->items[0].bullet);
  plain = zt_narr_item_plain(&b->items[0]);
  assert_string_equal(plain, "Kennis nemen van de rapportage.");
  g_free(plain);
  zt_narrative_free(n);
}

static void test_stars_and_markup_stay_text(void **state) {
  zt_narrative *n = parse_ok(
      "# Duiding\n"
      "5 * 3 en *niet gesloten, <b>vet</b> & <script>x</script>\n");
  char *plain = zt_narr_item_plain(&n->part[ZT_NARR_DUIDING].items[0]);
  (void)state;
  assert_int_equal(n->part[ZT_NARR_DUIDING].items[0].nspans, 1);
  assert_false(n->part[ZT_NARR_DUIDING].items[0].spans[0].em);
  /* kept verbatim: the writers escape it */
  assert_string_equal(plain, "5 * 3 en *niet gesloten, <b>vet</b> & "
                             "<script>x</script>");
  assert_int_equal(n->part[ZT_NARR_BESLUITPUNTEN].n, 0);
  g_free(plain);
  zt_narrative_free(n);
}

static void test_errors(void **state) {
  zt_err err;
  char *big;
  (void)state;
  assert_int_equal(parse_err("Tekst\n# Duiding\nx\n", 17, &err),
                   ZT_ERR_INPUT);
  assert_non_null(strstr(err.msg, "t.txt:1:"));
  assert_int_equal(parse_err("# Duiding\nx\n# Conclusie\n", 24, &err),
                   ZT_ERR_INPUT);
  assert_non_null(strstr(err.msg, "t.txt:3:"));
  assert_int_equal(parse_err("# Duiding\nx\n# Duiding\ny\n", 24, &err),
                   ZT_ERR_INPUT);
  assert_int_equal(parse_err("# Besluitpunten\n- a\n", 20, &err),
                   ZT_ERR_INPUT);
  assert_non_null(strstr(err.msg, "Duiding"));
  /* bad UTF-8 on line 2 (Windows-1252 e-acute) */
  assert_int_equal(parse_err("# Duiding\ncaf\xe9\n", 15, &err),
                   ZT_ERR_INPUT);
  assert_non_null(strstr(err.msg, "t.txt:2:"));
  /* a NUL byte, an escape sequence, a bidi override */
  assert_int_equal(parse_err("# Duiding\na\0b\n", 14, &err), ZT_ERR_INPUT);
  assert_int_equal(parse_err("# Duiding\n\x1b[31mrood\n", 19, &err),
                   ZT_ERR_INPUT);
  assert_int_equal(parse_err("# Duiding\nab\xe2\x80\xaeqq\n", 17, &err),
                   ZT_ERR_INPUT);
  assert_non_null(strstr(err.msg, "U+202E"));
  /* too large */
  big = g_malloc(ZT_NARR_MAX_BYTES + 2);
  memset(big, 'a', ZT_NARR_MAX_BYTES + 1);
  memcpy(big, "# Duiding\n", 10);
  big[ZT_NARR_MAX_BYTES + 1] = '\0';
  assert_int_equal(parse_err(big, ZT_NARR_MAX_BYTES + 1, &err),
                   ZT_ERR_NOMEM);
  g_free(big);
}

static void test_item_limit(void **state) {
  GString *s = g_string_new("# Duiding\nx\n# Besluitpunten\n");
  zt_err err;
  (void)state;
  for (int i = 0; i <= ZT_NARR_MAX_ITEMS; i++)
    g_string_append_printf(s, "- punt %d\n", i);
  assert_int_equal(parse_err(s->str, s->len, &err), ZT_ERR_NOMEM);
  g_string_free(s, TRUE);
}

/* Random input built from the characters that matter: whatever comes
 * back is either an error with a message or text that is valid UTF-8,
 * one line, without control characters and never empty. */
static void test_random_input(void **state) {
  static const char *const bits[] = {
      "# Duiding\n", "# Besluitpunten\n", "#", "- ", "*", "**", "\n",
      "\n\n", " ", "\t", "\r\n", "a", "woord", "<b>", "&amp;", "\xc3\xa9",
      "\xe2\x80\xae", "\x00", "\x1b", "\xff", "\xc3", "\xef\xbb\xbf"};
  uint32_t seed = 12345;
  (void)state;
  for (int round = 0; round < 3000; round++) {
    GString *in = g_string_new(round % 2 ? "# Duiding\n" : "");
    zt_narrative *n = NULL;
    zt_err err;
    int len;
    seed = seed * 1103515245u + 12345u;
    len = (int)(seed >> 16) % 40;
    for (int i = 0; i < len; i++) {
      const char *b;
      seed = seed * 1103515245u + 12345u;
      b = bits[(seed >> 16) % (sizeof bits / sizeof bits[0])];
      g_string_append_len(in, b, b[0] ? (gssize)strlen(b) : 1);
    }
    memset(&err, 0, sizeof err);
    if (zt_narrative_parse(in->str, in->len, "r.txt", &n, &err) != ZT_OK) {
      assert_null(n);
      assert_true(err.msg[0] != '\0');
    } else {
      for (int k = 0; k < ZT_NARR_NPARTS; k++)
        for (size_t i = 0; i < n->part[k].n; i++) {
          assert_true(n->part[k].items[i].nspans > 0);
          for (size_t j = 0; j < n->part[k].items[i].nspans; j++) {
            const char *t = n->part[k].items[i].spans[j].text;
            assert_true(t[0] != '\0');
            assert_true(g_utf8_validate(t, -1, NULL));
            for (const char *q = t; *q; q++)
              assert_true((unsigned char)*q >= 0x20 && *q != 0x7f);
          }
        }
      zt_narrative_free(n);
    }
    g_string_free(in, TRUE);
  }
}

static void test_load(void **state) {
  char *dir = tu_tmpdir("narr");
  char *p = tu_write(dir, "d.txt", "# Duiding\nGoed nieuws.\n");
  char *missing = g_build_filename(dir, "nee.txt", NULL);
  zt_narrative *n = NULL;
  (void)state;
  assert_int_equal(zt_narrative_load(missing, &n, NULL), ZT_OK);
  assert_null(n);
  assert_int_equal(zt_narrative_load(p, &n, NULL), ZT_OK);
  assert_non_null(n);
  assert_int_equal(n->part[ZT_NARR_DUIDING].n, 1);
  zt_narrative_free(n);
  tu_rmtree(dir);
  g_free(missing);
  g_free(p);
  g_free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parts),
      cmocka_unit_test(test_stars_and_markup_stay_text),
      cmocka_unit_test(test_errors),
      cmocka_unit_test(test_item_limit),
      cmocka_unit_test(test_random_input),
      cmocka_unit_test(test_load),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

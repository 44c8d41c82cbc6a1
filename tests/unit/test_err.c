/*
 * tests/unit/test_err.c -- error values (core/err.c): a message longer
 * than ZT_ERR_MSG_MAX, as one that names a deep path is, keeps its end
 * (the file's name, the line and field, the reason) and is shortened in
 * the middle of its path, then of itself; never inside a character.
 */
#include "testutil.h"

#include <glib.h>
#include <string.h>

#include "core/err.h"

#define ELL "\xe2\x80\xa6"

/* A path of `depth` folders of 99 characters each (`c`), then `name`. */
static char *deep_path(int depth, char c, const char *name) {
  GString *g = g_string_new("/srv/inbox");
  for (int i = 0; i < depth; i++) {
    g_string_append_printf(g, "/%02d", i);
    for (int k = 0; k < 97; k++)
      g_string_append_c(g, c);
  }
  g_string_append_printf(g, "/%s", name);
  return g_string_free(g, FALSE);
}

static void assert_fits(const char *msg) {
  assert_true(strlen(msg) < ZT_ERR_MSG_MAX);
  assert_true(g_utf8_validate(msg, -1, NULL));
}

/* What fits stays as it is, byte for byte. */
static void test_short(void **state) {
  zt_err err;
  char out[16];
  (void)state;
  zt_fail(&err, ZT_ERR_INPUT, "cannot open %s: %s", "/a/b.csv", "gone");
  assert_string_equal(err.msg, "cannot open /a/b.csv: gone");
  assert_int_equal(err.status, ZT_ERR_INPUT);
  zt_msg_fit("0123456789abcde", 15, out, sizeof out);
  assert_string_equal(out, "0123456789abcde");
}

/* A path of 5000 bytes: the message keeps the path's head and its file
 * name, and everything after it; the middle of the path is one U+2026. */
static void test_deep_path(void **state) {
  char *path = deep_path(50, 'a', "kapot.csv");
  zt_err err;
  (void)state;
  assert_true(strlen(path) > 4096);
  zt_fail(&err, ZT_ERR_INPUT, "%s: line 3: a header name is longer than "
          "4096 bytes", path);
  assert_fits(err.msg);
  assert_true(g_str_has_prefix(err.msg, "/srv/inbox/00aaa"));
  assert_true(g_str_has_suffix(err.msg, "aaa/kapot.csv: line 3: a header "
                                        "name is longer than 4096 bytes"));
  assert_non_null(strstr(err.msg, ELL));
  assert_null(strstr(strstr(err.msg, ELL) + 3, ELL));   /* only one */
  /* the room is used: not shortened more than it needs */
  assert_true(strlen(err.msg) > ZT_ERR_MSG_MAX - 8);
  g_free(path);
}

/* Context put in front of a message keeps the message's end: the old
 * prefix buffer of 512 bytes cut a long path at its head, and the
 * message was cut at its end to make room. */
static void test_prefix(void **state) {
  char *path = deep_path(30, 'b', "diep.xml");
  zt_err err;
  (void)state;
  zt_fail(&err, ZT_ERR_INPUT, "line 12, field Bsn: '12*****89' is not 9 "
          "digits");
  zt_err_prefix(&err, "%s", path);
  assert_fits(err.msg);
  assert_true(g_str_has_prefix(err.msg, "/srv/inbox/00bbb"));
  assert_true(g_str_has_suffix(err.msg, "bbb/diep.xml: line 12, field Bsn: "
                                        "'12*****89' is not 9 digits"));
  assert_int_equal(zt_err_prefix(&err, "reading"), ZT_ERR_INPUT);
  assert_fits(err.msg);
  assert_true(g_str_has_prefix(err.msg, "reading: /srv/inbox/00bbb"));
  assert_true(g_str_has_suffix(err.msg, "'12*****89' is not 9 digits"));
  g_free(path);
}

/* Two long paths: each is shortened as far as it can go, both names and
 * the end stay. A message whose argument is the message itself. */
static void test_two_paths(void **state) {
  char *a = deep_path(30, 'c', "a.csv"), *b = deep_path(30, 'd', "b.csv");
  zt_err err;
  (void)state;
  zt_fail(&err, ZT_ERR_IO, "cannot move %s to %s: No space left on device",
          a, b);
  assert_fits(err.msg);
  assert_true(g_str_has_prefix(err.msg, "cannot move /srv/inbox/"));
  assert_non_null(strstr(err.msg, "/a.csv to /srv/inbox/"));
  assert_true(g_str_has_suffix(err.msg, "/b.csv: No space left on device"));
  zt_fail(&err, ZT_ERR_IO, "%s (again)", err.msg);
  assert_fits(err.msg);
  assert_true(g_str_has_suffix(err.msg, "/b.csv: No space left on device "
                                        "(again)"));
  g_free(a);
  g_free(b);
}

/* No path at all: the middle of the text goes, its end is kept; a path
 * of multibyte characters is cut between characters. */
static void test_no_path_and_utf8(void **state) {
  GString *g = g_string_new(NULL);
  char *path;
  zt_err err;
  (void)state;
  for (int i = 0; i < 400; i++)
    g_string_append(g, "kolom ");
  g_string_append(g, "einde");
  zt_fail(&err, ZT_ERR_INPUT, "%s", g->str);
  assert_fits(err.msg);
  assert_true(g_str_has_prefix(err.msg, "kolom kolom"));
  assert_true(g_str_has_suffix(err.msg, "kolom einde"));
  assert_non_null(strstr(err.msg, ELL));
  g_string_free(g, TRUE);
  /* a path of two- and three-byte characters, every cut place tried */
  for (int shift = 0; shift < 6; shift++) {
    GString *p = g_string_new("/m");
    for (int i = 0; i < shift; i++)
      g_string_append_c(p, 'x');
    for (int i = 0; i < 700; i++)
      g_string_append(p, i % 2 ? "\xc3\xa9" : "\xe2\x82\xac");
    g_string_append(p, "/naam.csv");
    path = g_string_free(p, FALSE);
    zt_fail(&err, ZT_ERR_INPUT, "%s: line 1", path);
    assert_fits(err.msg);
    assert_true(g_str_has_suffix(err.msg, "/naam.csv: line 1"));
    g_free(path);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_short),
      cmocka_unit_test(test_deep_path),
      cmocka_unit_test(test_prefix),
      cmocka_unit_test(test_two_paths),
      cmocka_unit_test(test_no_path_and_utf8),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

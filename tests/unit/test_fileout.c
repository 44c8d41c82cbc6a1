/*
 * tests/unit/test_fileout.c -- outputs (core/fileout.c, core/csvout.c):
 * FIFOs written in place, never replaced, and refused without a reader;
 * modes from the umask; a folder swapped in whole and a linked one
 * refused; leftovers of killed runs removed (hidden, exactly named,
 * regular, this user's, older than the lock), nothing else; the visible
 * names of older versions found, never removed; the formula
 * guard of CSV cells; names made from long names (a suffix, a temporary
 * name) cut to NAME_MAX with their extensions and UTF-8 characters whole.
 */
#include "testutil.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/csvout.h"
#include "core/fileout.h"

static gpointer read_fifo(gpointer path) {
  gchar *text = NULL;
  g_file_get_contents(path, &text, NULL, NULL);
  return text;
}

static void test_fifo(void **state) {
  char *dir = tu_tmpdir("fifo");
  char *fifo = g_build_filename(dir, "out.fifo", NULL);
  zt_fileout out;
  zt_err err;
  struct stat sb;
  GThread *th;
  char *got;
  (void)state;
  assert_int_equal(mkfifo(fifo, 0600), 0);
  /* no reader: an error at once, not a wait */
  assert_int_equal(zt_fileout_open(&out, fifo, ZT_MODE_PUBLIC, &err),
                   ZT_ERR_OUTPUT);
  assert_non_null(strstr(err.msg, "no process is reading"));
  /* with a reader: written in place */
  th = g_thread_new("reader", read_fifo, fifo);
  for (int i = 0; i < 200; i++) {
    if (zt_fileout_open(&out, fifo, ZT_MODE_PUBLIC, NULL) == ZT_OK)
      break;
    g_usleep(10000);               /* until the reader has opened it */
  }
  assert_non_null(out.fp);
  assert_true(out.direct);
  fputs("hallo\n", out.fp);
  assert_int_equal(zt_fileout_commit(&out, NULL), ZT_OK);
  got = g_thread_join(th);
  assert_string_equal(got, "hallo\n");
  g_free(got);
  assert_int_equal(lstat(fifo, &sb), 0);
  assert_true(S_ISFIFO(sb.st_mode));
  /* a folder is refused */
  assert_int_equal(zt_fileout_open(&out, dir, ZT_MODE_PUBLIC, &err),
                   ZT_ERR_OUTPUT);
  tu_rmtree(dir);
  g_free(fifo);
  g_free(dir);
}

static void test_modes(void **state) {
  char *dir = tu_tmpdir("modes");
  char *pub = g_build_filename(dir, "pub.csv", NULL);
  char *priv = g_build_filename(dir, "priv.csv", NULL);
  mode_t um = zt_umask();
  struct stat sb;
  (void)state;
  assert_int_equal(zt_write_file_atomic(pub, "x", 1, ZT_MODE_PUBLIC, NULL),
                   ZT_OK);
  assert_int_equal(zt_write_file_atomic(priv, "x", 1, ZT_MODE_PRIVATE, NULL),
                   ZT_OK);
  assert_int_equal(stat(pub, &sb), 0);
  assert_int_equal(sb.st_mode & 0777, 0666 & ~um);
  assert_int_equal(stat(priv, &sb), 0);
  assert_int_equal(sb.st_mode & 0777, 0660 & ~um);
  assert_int_equal(sb.st_mode & 007, 0);
  assert_int_equal(zt_file_mode(0666), 0666 & ~um);
  tu_rmtree(dir);
  g_free(pub);
  g_free(priv);
  g_free(dir);
}

static void test_dir_replace(void **state) {
  char *dir = tu_tmpdir("swap");
  char *dest = g_build_filename(dir, "2021-H2", NULL);
  char *elsewhere = g_build_filename(dir, "elders", NULL);
  char *tmp, *p, *text;
  zt_err err;
  (void)state;
  /* first time: renamed into place */
  assert_int_equal(zt_tmpdir_for(dest, &tmp, NULL), ZT_OK);
  assert_non_null(strstr(tmp, "/.2021-H2.tmp."));
  g_free(tu_write(tmp, "a.csv", "old"));
  assert_int_equal(zt_dir_replace(tmp, dest, NULL), ZT_OK);
  g_free(tmp);
  /* then swapped whole: the old set is gone, the temporary folder too */
  assert_int_equal(zt_tmpdir_for(dest, &tmp, NULL), ZT_OK);
  g_free(tu_write(tmp, "b.csv", "new"));
  assert_int_equal(zt_dir_replace(tmp, dest, NULL), ZT_OK);
  assert_false(g_file_test(tmp, G_FILE_TEST_EXISTS));
  g_free(tmp);
  p = g_build_filename(dest, "a.csv", NULL);
  assert_false(g_file_test(p, G_FILE_TEST_EXISTS));
  g_free(p);
  p = g_build_filename(dest, "b.csv", NULL);
  text = tu_read(p, NULL);
  assert_string_equal(text, "new");
  g_free(text);
  g_free(p);
  /* a link in the destination's place: refused, nothing written through
   * it, the link left */
  tu_rmtree(dest);
  assert_int_equal(mkdir(elsewhere, 0700), 0);
  assert_int_equal(symlink(elsewhere, dest), 0);
  assert_int_equal(zt_tmpdir_for(dest, &tmp, NULL), ZT_OK);
  g_free(tu_write(tmp, "c.csv", "x"));
  assert_int_equal(zt_dir_replace(tmp, dest, &err), ZT_ERR_OUTPUT);
  assert_non_null(strstr(err.msg, "symbolic link"));
  assert_true(zt_is_symlink(dest));
  assert_false(g_file_test(tmp, G_FILE_TEST_EXISTS));
  g_free(tmp);
  p = g_build_filename(elsewhere, "c.csv", NULL);
  assert_false(g_file_test(p, G_FILE_TEST_EXISTS));
  g_free(p);
  unlink(dest);
  tu_rmtree(dir);
  g_free(dest);
  g_free(elsewhere);
  g_free(dir);
}

static bool exists(const char *dir, const char *name) {
  struct stat sb;
  char *p = g_build_filename(dir, name, NULL);
  bool there = lstat(p, &sb) == 0;
  g_free(p);
  return there;
}

static void set_mtime(const char *dir, const char *name, time_t t) {
  struct timespec ts[2] = {{t, 0}, {t, 0}};
  char *p = g_build_filename(dir, name, NULL);
  assert_int_equal(utimensat(AT_FDCWD, p, ts, AT_SYMLINK_NOFOLLOW), 0);
  g_free(p);
}

#define NS(t) ((int64_t)(t) * 1000000000)

static void test_stale(void **state) {
  char *dir = tu_tmpdir("stale");
  char *sub = g_build_filename(dir, ".2021-H2.tmp.Qw34Er", NULL);
  char *fifo = g_build_filename(dir, ".f.csv.tmp.Ff11Gg", NULL);
  char *link = g_build_filename(dir, ".l.csv.tmp.Ll22Mm", NULL);
  time_t now = time(NULL);
  static const char *const gone[] = {".x.csv.tmp.Ab12Cd",
                                     ".2021-H2.tmp.Qw34Er"};
  /* a name that is not hidden may be a delivered file (archive/); the
   * others are not exactly .NAME.tmp.XXXXXX (no NAME, five characters,
   * one not a letter or digit, a file named like a folder's .old.) */
  static const char *const kept[] = {"x.tmp", "normal.csv", "x.tmp.abc",
                                     "y.old.Zz99Yy", "x.csv.tmp.Ab12Cd",
                                     "..tmp.Ab12Cd", ".x.tmp.Ab12C",
                                     ".x.tmp.Ab-2Cd", ".p.old.Zz99Yy"};
  int removed;
  (void)state;
  assert_int_equal(mkdir(sub, 0700), 0);
  g_free(tu_write(sub, "rapport.pdf", "half"));
  g_free(tu_write(dir, ".x.csv.tmp.Ab12Cd", "half"));
  for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
    g_free(tu_write(dir, kept[i], "keep"));
  /* not regular files: never ours to remove */
  assert_int_equal(mkfifo(fifo, 0600), 0);
  assert_int_equal(symlink("normal.csv", link), 0);
  /* a file changed after the lock was taken is another writer's */
  g_free(tu_write(dir, ".new.csv.tmp.Nn33Oo", "being written"));
  set_mtime(dir, ".new.csv.tmp.Nn33Oo", now + 100);
  for (size_t i = 0; i < 2; i++)
    set_mtime(dir, gone[i], now - 10);
  set_mtime(dir, ".f.csv.tmp.Ff11Gg", now - 10);
  set_mtime(dir, ".l.csv.tmp.Ll22Mm", now - 10);
  /* too young (an hour ago for `report`): nothing goes */
  assert_int_equal(zt_remove_stale_tmp(dir, NS(now - 3600), &removed, NULL),
                   ZT_OK);
  assert_int_equal(removed, 0);
  assert_int_equal(zt_remove_stale_tmp(dir, NS(now), &removed, NULL), ZT_OK);
  assert_int_equal(removed, 2);
  for (size_t i = 0; i < 2; i++)
    assert_false(exists(dir, gone[i]));
  for (size_t i = 0; i < sizeof kept / sizeof kept[0]; i++)
    assert_true(exists(dir, kept[i]));
  assert_true(exists(dir, ".f.csv.tmp.Ff11Gg"));
  assert_true(exists(dir, ".l.csv.tmp.Ll22Mm"));
  assert_true(exists(dir, ".new.csv.tmp.Nn33Oo"));
  assert_true(exists(dir, "normal.csv"));       /* not through the link */
  /* another user's: left alone (root can give it away to test this) */
  if (geteuid() == 0) {
    char *p = g_build_filename(dir, ".o.csv.tmp.Oo44Pp", NULL);
    g_free(tu_write(dir, ".o.csv.tmp.Oo44Pp", "theirs"));
    assert_int_equal(lchown(p, 65534, 65534), 0);
    set_mtime(dir, ".o.csv.tmp.Oo44Pp", now - 10);
    assert_int_equal(zt_remove_stale_tmp(dir, NS(now), &removed, NULL),
                     ZT_OK);
    assert_int_equal(removed, 0);
    assert_true(exists(dir, ".o.csv.tmp.Oo44Pp"));
    g_free(p);
  }
  /* a missing folder is no error */
  assert_int_equal(zt_remove_stale_tmp("/nonexistent/zothuis", NS(now),
                                       NULL, NULL), ZT_OK);
  /* the file clock reads the time files are stamped with */
  assert_true(zt_file_clock_ns() >= NS(now - 1));
  tu_rmtree(dir);
  g_free(sub);
  g_free(fifo);
  g_free(link);
  g_free(dir);
}

static void note_legacy(void *ctx, const char *dir, const char *name) {
  GPtrArray *found = ctx;
  (void)dir;
  g_ptr_array_add(found, g_strdup(name));
}

/* The visible temporary names of zothuis before they were hidden are
 * found (to be named in a warning), and nothing is removed. */
static void test_legacy_tmp(void **state) {
  char *dir = tu_tmpdir("legacy");
  char *sub = g_build_filename(dir, "d.tmp.Dd55Ee", NULL);
  char *link = g_build_filename(dir, "l.csv.tmp.Ll22Mm", NULL);
  GPtrArray *found = g_ptr_array_new_with_free_func(g_free);
  static const char *const other[] = {".x.csv.tmp.Ab12Cd", "x.tmp",
                                      "x.csv.tmp.Ab12C", ".tmp.Ab12Cd",
                                      "x.csv"};
  (void)state;
  g_free(tu_write(dir, "rejects.csv.tmp.Ab12Cd", "half"));
  for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
    g_free(tu_write(dir, other[i], "x"));
  assert_int_equal(mkdir(sub, 0700), 0);
  assert_int_equal(symlink("x.csv", link), 0);
  assert_int_equal(zt_find_legacy_tmp(dir, note_legacy, found, NULL), ZT_OK);
  assert_int_equal(found->len, 1);
  assert_string_equal(g_ptr_array_index(found, 0), "rejects.csv.tmp.Ab12Cd");
  assert_true(exists(dir, "rejects.csv.tmp.Ab12Cd"));
  assert_int_equal(zt_find_legacy_tmp("/nonexistent/zothuis", note_legacy,
                                      found, NULL), ZT_OK);
  g_ptr_array_free(found, TRUE);
  tu_rmtree(dir);
  g_free(sub);
  g_free(link);
  g_free(dir);
}

/* `c` repeated `n` times, then `tail`. */
static char *repeat(const char *c, size_t n, const char *tail) {
  GString *g = g_string_new(NULL);
  for (size_t i = 0; i < n; i++)
    g_string_append(g, c);
  g_string_append(g, tail);
  return g_string_free(g, FALSE);
}

static void test_fit_name(void **state) {
  char *dir = tu_tmpdir("fit");
  char *b255 = repeat("b", 251, ".csv");
  char *u254 = repeat("\xc3\xbc", 125, ".csv");  /* u-umlaut, 2 bytes */
  char *euros = repeat("\xe2\x82\xac", 82, ".xml.gz"); /* 3 bytes */
  char *e254 = g_strconcat("x", euros, NULL);
  char *got, *p;
  zt_err err;
  (void)state;
  /* a name that fits stays as it is */
  assert_int_equal(zt_fit_name(dir, "a.csv", ".1", 7, &got, NULL), ZT_OK);
  assert_string_equal(got, "a.csv.1");
  free(got);
  /* 255 bytes + ".1": the stem is cut, the extension and suffix kept */
  assert_int_equal(strlen(b255), 255);
  assert_int_equal(zt_fit_name(dir, b255, ".1", 0, &got, NULL), ZT_OK);
  assert_int_equal(strlen(got), 255);
  assert_int_equal(strncmp(got, b255, 249), 0);
  assert_string_equal(got + 249, ".csv.1");
  free(got);
  /* room for ".reason" */
  assert_int_equal(zt_fit_name(dir, b255, "", 7, &got, NULL), ZT_OK);
  assert_int_equal(strlen(got), 248);
  assert_string_equal(got + 244, ".csv");
  free(got);
  /* never inside a multi-byte character */
  assert_int_equal(strlen(u254), 254);
  assert_int_equal(zt_fit_name(dir, u254, ".1", 0, &got, NULL), ZT_OK);
  assert_true(g_utf8_validate(got, -1, NULL));
  assert_int_equal(strlen(got), 254);    /* 249 bytes would split one */
  assert_string_equal(got + 248, ".csv.1");
  free(got);
  assert_int_equal(zt_fit_name(dir, e254, ".tmp.XXXXXX", 0, &got, NULL),
                   ZT_OK);
  assert_true(g_utf8_validate(got, -1, NULL));
  assert_int_equal(strlen(got), 253);    /* 237 bytes would split one */
  assert_string_equal(got + 235, ".xml.gz.tmp.XXXXXX");
  free(got);
  /* no stem left: an error naming the name */
  assert_int_equal(zt_fit_name(dir, b255, "", 260, &got, &err),
                   ZT_ERR_INPUT);
  assert_null(got);
  assert_non_null(strstr(err.msg, "bbbb.csv"));
  /* a file of 255 bytes is written through a shorter temporary name,
   * under its own name */
  p = g_build_filename(dir, b255, NULL);
  assert_int_equal(zt_write_file_atomic(p, "x", 1, ZT_MODE_PUBLIC, &err),
                   ZT_OK);
  got = tu_read(p, NULL);
  assert_string_equal(got, "x");
  g_free(got);
  g_free(p);
  tu_rmtree(dir);
  g_free(b255);
  g_free(u254);
  g_free(euros);
  g_free(e254);
  g_free(dir);
}

static void test_formula_guard(void **state) {
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  zt_csvout c;
  (void)state;
  assert_non_null(fp);
  zt_csvout_init(&c, fp, ',');
  zt_csvout_str(&c, "=1+1");              /* no guard: as is */
  zt_csvout_end(&c);
  zt_csvout_guard(&c, true);
  zt_csvout_str(&c, "=cmd|' /C calc'!A0");
  zt_csvout_str(&c, "+31 6");
  zt_csvout_str(&c, "-12");               /* numbers stay numbers */
  zt_csvout_str(&c, "+3,5");
  zt_csvout_str(&c, "@SUM(A1)");
  zt_csvout_str(&c, "=HYPERLINK(\"x\")");
  zt_csvout_str(&c, "text");
  zt_csvout_str(&c, "-");
  zt_csvout_end(&c);
  fclose(fp);
  assert_string_equal(buf, "=1+1\n'=cmd|' /C calc'!A0,'+31 6,-12,\"+3,5\","
                           "'@SUM(A1),\"'=HYPERLINK(\"\"x\"\")\",text,'-\n");
  free(buf);
  assert_false(zt_csvout_is_formula("-0.5"));
  assert_true(zt_csvout_is_formula("-0.5x"));
  assert_false(zt_csvout_is_formula(""));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fifo),
      cmocka_unit_test(test_modes),
      cmocka_unit_test(test_dir_replace),
      cmocka_unit_test(test_stale),
      cmocka_unit_test(test_legacy_tmp),
      cmocka_unit_test(test_fit_name),
      cmocka_unit_test(test_formula_guard),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

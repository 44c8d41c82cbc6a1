/*
 * tests/unit/test_source.c -- the input source (etl/source.c): a lazy
 * open reads nothing until asked and then reads as a plain open does
 * (plain and gzip), and a file's identity tells a rewritten file from the
 * one that was read, even when its size and modification time are put
 * back.
 */
#include "testutil.h"

#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "etl/source.h"

/* The content and fingerprint of `path`, opened with `flags`. */
static void read_all(const char *path, unsigned flags, GString *content,
                     char hex[33], bool *gzip) {
  zt_source *s;
  const char *p, *h;
  size_t n;
  zt_err err;
  assert_int_equal(zt_source_open_flags(&s, path, flags, &err), ZT_OK);
  if (flags & ZT_SRC_LAZY) {
    /* nothing read yet */
    assert_int_equal(zt_source_raw_bytes(s), 0);
    assert_false(zt_source_is_gzip(s));
  }
  do {
    assert_int_equal(zt_source_next(s, &p, &n, &err), ZT_OK);
    g_string_append_len(content, p, (gssize)n);
  } while (n);
  *gzip = zt_source_is_gzip(s);
  assert_int_equal(zt_source_fingerprint(s, &h, &err), ZT_OK);
  memcpy(hex, h, 33);
  zt_source_close(s);
}

static void test_lazy(void **state) {
  char *dir = tu_tmpdir("source");
  GString *text = g_string_new(NULL);
  char *paths[2];
  (void)state;
  /* more than one buffer of content */
  for (int i = 0; i < 40000; i++)
    g_string_append_printf(text, "regel %d;0402;12345678\n", i);
  paths[0] = tu_write(dir, "a.csv", text->str);
  paths[1] = tu_write_gz(dir, "a.csv.gz", text->str);
  for (int k = 0; k < 2; k++) {
    GString *eager = g_string_new(NULL), *lazy = g_string_new(NULL);
    char h1[33], h2[33];
    bool gz1, gz2;
    read_all(paths[k], 0, eager, h1, &gz1);
    read_all(paths[k], ZT_SRC_LAZY, lazy, h2, &gz2);
    assert_string_equal(eager->str, text->str);
    assert_string_equal(lazy->str, text->str);
    assert_string_equal(h1, h2);
    assert_true(gz1 == (k == 1));
    assert_true(gz2 == gz1);
    g_string_free(eager, TRUE);
    g_string_free(lazy, TRUE);
    g_free(paths[k]);
  }
  /* a lazy open still refuses what is not a regular file, at once */
  {
    zt_source *s;
    zt_err err;
    assert_int_equal(zt_source_open_flags(&s, dir, ZT_SRC_LAZY, &err),
                     ZT_ERR_IO);
  }
  g_string_free(text, TRUE);
  tu_rmtree(dir);
  g_free(dir);
}

static void identity_of(const char *path, zt_file_id *id) {
  zt_source *s;
  zt_err err;
  assert_int_equal(zt_source_open_flags(&s, path, ZT_SRC_LAZY, &err), ZT_OK);
  zt_source_identity(s, id);
  zt_source_close(s);
}

/* Overwrite `path` in place with `text` (same length), then set its
 * modification time back to what it was: only the status change time
 * still shows the write. */
static void rewrite_keep_mtime(const char *path, const char *text) {
  struct stat sb;
  struct timespec times[2], pause = {0, 30 * 1000 * 1000};
  FILE *f;
  assert_int_equal(stat(path, &sb), 0);
  /* past the kernel's coarse clock tick, so the change time moves */
  nanosleep(&pause, NULL);
  f = fopen(path, "r+");
  assert_non_null(f);
  assert_int_equal(fputs(text, f) >= 0, 1);
  assert_int_equal(fclose(f), 0);
  times[0] = sb.st_atim;
  times[1] = sb.st_mtim;
  assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static void test_identity(void **state) {
  char *dir = tu_tmpdir("source");
  char *path = tu_write(dir, "m.xml", "<bericht>oud</bericht>\n");
  zt_file_id a, b, c;
  zt_source *s;
  zt_err err;
  (void)state;
  identity_of(path, &a);
  identity_of(path, &b);
  assert_true(zt_file_id_same(&a, &b));
  rewrite_keep_mtime(path, "<bericht>new</bericht>\n");
  identity_of(path, &c);
  assert_true(c.size == a.size && c.mtime_ns == a.mtime_ns &&
              c.ino == a.ino);
  assert_false(zt_file_id_same(&a, &c));
  /* the same write while the file is open counts as a change */
  assert_int_equal(zt_source_open(&s, path, &err), ZT_OK);
  assert_false(zt_source_changed(s));
  rewrite_keep_mtime(path, "<bericht>old</bericht>\n");
  assert_true(zt_source_changed(s));
  zt_source_close(s);
  g_free(path);
  tu_rmtree(dir);
  g_free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_lazy),
      cmocka_unit_test(test_identity),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

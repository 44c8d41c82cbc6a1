/*
 * tests/unit/test_csv.c -- the RFC 4180 tokenizer (etl/csv.c): quoting,
 * line ends, empty fields, blank lines, limits and resync, line numbers,
 * and records across chunk boundaries.
 *
 * Every case is tokenized with the whole input as one chunk and again in
 * chunks of 1, 2, 3, 5, 7 and 64 bytes (each chunk copied to its own
 * exact-size allocation, so that ASan sees any read past a chunk); all
 * runs must give the same records.
 */
#include "testutil.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "etl/csv.h"

/* Hands out `text` in chunks of `chunk` bytes (0: all at once). */
typedef struct mem {
  const char *text;
  size_t len, pos, chunk;
  char *cur;                 /* the chunk handed out last */
  int fail_after;            /* > 0: fail on that call */
  int calls;
} mem;

static zt_status mem_pull(void *ctx, const char **p, size_t *n,
                          zt_err *err) {
  mem *m = ctx;
  size_t k = m->len - m->pos;
  free(m->cur);
  m->cur = NULL;
  if (m->fail_after && ++m->calls >= m->fail_after)
    return zt_fail(err, ZT_ERR_INPUT, "broken input");
  if (m->chunk && k > m->chunk)
    k = m->chunk;
  if (k) {
    m->cur = malloc(k);
    assert_non_null(m->cur);
    memcpy(m->cur, m->text + m->pos, k);
  }
  m->pos += k;
  *p = m->cur;
  *n = k;
  return ZT_OK;
}

static void show_bytes(GString *g, const char *p, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (p[i] == '\n')
      g_string_append(g, "\\n");
    else if (p[i] == '\r')
      g_string_append(g, "\\r");
    else
      g_string_append_c(g, p[i]);
  }
}

/* zt_csv_set_guard() for the runs of tokenize() (0: none). */
static int guard;

/* Tokenize and describe every record on its own line:
 *   LINE[+NLINES][ eERROR@FIELD][ #NCOLS]: f1|f2|...
 * then "blank=B lines=L" at the end. */
static char *tokenize(const char *text, size_t len, size_t chunk, char d,
                      const zt_csv_limits *lim, bool with_raw) {
  mem m = {text, len, 0, chunk, NULL, 0, 0};
  zt_csv *c;
  zt_err err;
  GString *g = g_string_new("");
  assert_int_equal(zt_csv_new(&c, d, lim, mem_pull, &m, &err), ZT_OK);
  zt_csv_set_guard(c, guard);
  for (;;) {
    zt_csv_rec r;
    bool got;
    assert_int_equal(zt_csv_next(c, &r, &got, &err), ZT_OK);
    if (!got)
      break;
    g_string_append_printf(g, "%ld", r.line);
    if (r.nlines != 1)
      g_string_append_printf(g, "+%ld", r.nlines);
    if (r.error)
      g_string_append_printf(g, " e%d@%d", (int)r.error, r.error_field);
    if (r.ncols != r.nf)
      g_string_append_printf(g, " #%d", r.ncols);
    g_string_append(g, ":");
    for (int i = 0; i < r.nf; i++) {
      g_string_append(g, i ? "|" : " ");
      show_bytes(g, r.f[i].p, r.f[i].n);
    }
    if (with_raw) {
      g_string_append(g, " raw=");
      show_bytes(g, r.raw.p, r.raw.n);
    }
    g_string_append(g, "\n");
  }
  g_string_append_printf(g, "blank=%ld lines=%ld", zt_csv_blank_lines(c),
                         zt_csv_lines(c));
  zt_csv_free(c);
  free(m.cur);
  return g_string_free(g, FALSE);
}

/* Check `text` against `want` for every chunk size. */
static void check_lim(const char *text, char d, const zt_csv_limits *lim,
                      bool with_raw, const char *want) {
  static const size_t chunks[] = {0, 1, 2, 3, 5, 7, 64};
  for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
    char *got = tokenize(text, strlen(text), chunks[i], d, lim, with_raw);
    if (strcmp(got, want) != 0)
      fail_msg("chunk %zu:\n--- got\n%s\n--- want\n%s", chunks[i], got,
               want);
    g_free(got);
  }
}

static void check(const char *text, const char *want) {
  check_lim(text, ';', NULL, false, want);
}

static void test_plain(void **state) {
  (void)state;
  check("a;b;c\nd;e;f\n", "1: a|b|c\n2: d|e|f\nblank=0 lines=2");
  check("abc\n", "1: abc\nblank=0 lines=1");
  /* the other delimiter leaves ';' in the field */
  check_lim("a,b;c\n", ',', NULL, false, "1: a|b;c\nblank=0 lines=1");
}

static void test_quoted_delimiter_and_quotes(void **state) {
  (void)state;
  check("a;\"b;c\";d\n", "1: a|b;c|d\nblank=0 lines=1");
  check("\"he said \"\"hi\"\"\";x\n",
        "1: he said \"hi\"|x\nblank=0 lines=1");
  check("\"\"\"\"\n", "1: \"\nblank=0 lines=1");       /* one quote */
  /* text after a closing quote, and a quote inside an unquoted field,
   * are kept literally */
  check("\"ab\"cd;e\n", "1: abcd|e\nblank=0 lines=1");
  check("ab\"cd;e\n", "1: ab\"cd|e\nblank=0 lines=1");
}

static void test_quoted_line_ends(void **state) {
  (void)state;
  /* A quoted CRLF and LF are kept; the record starting on line 1 spans 3
   * lines, so the next starts on line 1 + 3 = 4. */
  check("a;\"x\r\ny\nz\";b\r\nc;d\r\n",
        "1+3: a|x\\r\\ny\\nz|b\n4: c|d\nblank=0 lines=4");
  /* a lone CR inside quotes is kept */
  check("\"a\rb\";c\n", "1: a\\rb|c\nblank=0 lines=1");
}

static void test_empty_fields(void **state) {
  (void)state;
  check(";;\n", "1: ||\nblank=0 lines=1");
  check("a;;c\n", "1: a||c\nblank=0 lines=1");
  check("\"\";x\n", "1: |x\nblank=0 lines=1");          /* empty quoted */
  check("x;\"\"\n", "1: x|\nblank=0 lines=1");
  check("a;b;\n", "1: a|b|\nblank=0 lines=1");          /* trailing ; */
  check("a;b;", "1: a|b|\nblank=0 lines=1");            /* ... at EOF */
}

static void test_line_ends(void **state) {
  (void)state;
  check("a;b\nc;d", "1: a|b\n2: c|d\nblank=0 lines=2");    /* no final LF */
  check("a;b\r\nc;d\ne;f\r\n", "1: a|b\n2: c|d\n3: e|f\nblank=0 lines=3");
  check("a;b\r", "1: a|b\nblank=0 lines=1");          /* CR at the end */
  check("\"a\"\r\nb\n", "1: a\n2: b\nblank=0 lines=2");
  check("", "blank=0 lines=0");
}

static void test_blank_lines(void **state) {
  (void)state;
  /* lines 2 (LF) and 3 (CRLF) are blank; b starts on line 4 */
  check("a\n\n\r\nb\n", "1: a\n4: b\nblank=2 lines=4");
  check("\n\na\n", "3: a\nblank=2 lines=3");
  check("a\n\n", "1: a\nblank=1 lines=2");
  check("a\n\r", "1: a\nblank=1 lines=2");
  /* a line of blanks is not blank: it is one field */
  check("  \n", "1:   \nblank=0 lines=1");
}

static void test_unterminated(void **state) {
  zt_csv_limits two = {64, 16, 1024, 2};
  (void)state;
  /* The quote opened on line 2 is never closed: line 2 alone is the
   * rejected record (e1 = UNTERMINATED, no fields), and reading resumes
   * on line 3, so no line is lost. */
  check("a;b\n\"c;d\ne;f\n",
        "1: a|b\n2 e1@-1:\n3: e|f\nblank=0 lines=3");
  check_lim("a;b\n\"c;d\ne;f\n", ';', NULL, true,
            "1: a|b raw=a;b\n2 e1@-1: raw=\"c;d\n3: e|f raw=e;f\n"
            "blank=0 lines=3");
  check("\"abc", "1 e1@-1:\nblank=0 lines=1");
  check("\"abc\n", "1 e1@-1:\nblank=0 lines=1");
  /* two line ends inside quotes are allowed, a third cuts the record to
   * its first line and the lines after it are read again */
  check_lim("\"a\nb\nc\";x\nok\n", ';', &two, false,
            "1+3: a\\nb\\nc|x\n4: ok\nblank=0 lines=4");
  check_lim("\"a\nb\nc\nd\";x\nok\n", ';', &two, false,
            "1 e1@-1:\n2: b\n3: c\n4: d\"|x\n5: ok\nblank=0 lines=5");
  /* a stray quote on line 2 of many: every later line is still read */
  {
    GString *t = g_string_new("h\n\"stray\n");
    GString *want = g_string_new("1: h\n2 e1@-1:\n");
    for (int i = 3; i <= 200; i++) {
      g_string_append_printf(t, "l%d;x\n", i);
      g_string_append_printf(want, "%d: l%d|x\n", i, i);
    }
    g_string_append(want, "blank=0 lines=200");
    check(t->str, want->str);
    g_string_free(t, TRUE);
    g_string_free(want, TRUE);
  }
}

/* A stray quote that a quote lines below closes: with the guard, a line
 * inside the quotes that holds `guard` delimiters is a swallowed record;
 * the record is its first line only and every later line is read. */
static void test_guard(void **state) {
  (void)state;
  guard = 2;
  check("a;b;\"x\nc;d;e\nf;g;h\"\n",
        "1 e1@-1:\n2: c|d|e\n3: f|g|h\"\nblank=0 lines=3");
  /* the closing line counts up to the quote; here it swallows too, and
   * read as a line of its own, that quote opens a field left open */
  check("a;b;\"x\nc;d;\"\n", "1 e1@-1:\n2 e1@-1:\nblank=0 lines=2");
  /* a remark over two lines stays one field: one delimiter is a remark,
   * delimiters after the closing quote are the record's own */
  check("a;b;\"een\ntwee\"\nc;d;e\n",
        "1+2: a|b|een\\ntwee\n3: c|d|e\nblank=0 lines=3");
  check("a;\"x\ny;z\";q\n", "1+2: a|x\\ny;z|q\nblank=0 lines=2");
  check("\"x\ny\";b;c\n", "1+2: x\\ny|b|c\nblank=0 lines=2");
  /* the line is counted across a doubled quote */
  check("a;\"x\nc;\"\"d;e\"\n",
        "1 e1@-1:\n2: c|d|e\"\nblank=0 lines=2");
  /* the first line of the field does not count */
  check("a;\"b;c;d\ne\"\n", "1+2: a|b;c;d\\ne\nblank=0 lines=2");
  /* CRLF line ends */
  check("a;b;\"x\r\nc;d;e\r\n",
        "1 e1@-1:\n2: c|d|e\nblank=0 lines=2");
  guard = 0;
  check("a;b;\"x\nc;d;e\nf;g;h\"\n",
        "1+3: a|b|x\\nc;d;e\\nf;g;h\nblank=0 lines=3");
}

static void test_field_too_long_and_resync(void **state) {
  zt_csv_limits lim = {8, 16, 64, 0};
  (void)state;
  /* 9 bytes > 8: e3 (FIELD_TOO_LONG) on field 0; the next line is fine. */
  check_lim("abcdefghi;x\nok;y\n", ';', &lim, false,
            "1 e3@0: abcdefghi|x\n2: ok|y\nblank=0 lines=2");
  /* quoted: 9 bytes after unquoting, in field 1 */
  check_lim("x;\"abc\"\"defgh\"\nok\n", ';', &lim, false,
            "1 e3@1: x|abc\"defgh\n2: ok\nblank=0 lines=2");
  /* exactly 8 is fine */
  check_lim("abcdefgh\n", ';', &lim, false, "1: abcdefgh\nblank=0 lines=1");
}

static void test_record_too_long_and_resync(void **state) {
  zt_csv_limits lim = {64, 16, 16, 0};
  (void)state;
  /* 24 bytes > 16: e2 (RECORD_TOO_LONG), no fields, raw cut to 16. */
  check_lim("aaaa;bbbb;cccc;dddd;eeee\nok\n", ';', &lim, true,
            "1 e2@-1: raw=aaaa;bbbb;cccc;d\n2: ok raw=ok\n"
            "blank=0 lines=2");
  /* with a quoted LF inside, longer than 16 + 2 bytes: the quote is left
   * open too long, so line 1 alone is rejected (e1) and line 2 is read
   * again on its own (too long as well: its quote is literal text) */
  check_lim("\"x\nyyyyyyyyyyyyyyyyyyyyyy\";z\nok\n", ';', &lim, false,
            "1 e1@-1:\n2 e2@-1:\n3: ok\nblank=0 lines=3");
  /* a first line too long for the buffer, then a quoted line end */
  check_lim("\"xxxxxxxxxxxxxxxxxxxxxxxx\nyy\";z\nok\n", ';', &lim, false,
            "1 e1@-1:\n2: yy\"|z\n3: ok\nblank=0 lines=3");
  /* exactly 16 bytes (CRLF not counted) is fine */
  check_lim("aaaaaaa;bbbbbbbb\r\n", ';', &lim, false,
            "1: aaaaaaa|bbbbbbbb\nblank=0 lines=1");
  /* 17 bytes at EOF without a line end */
  check_lim("aaaaaaaa;bbbbbbbb", ';', &lim, false,
            "1 e2@-1:\nblank=0 lines=1");
}

static void test_too_many_fields(void **state) {
  zt_csv_limits lim = {64, 3, 1024, 0};
  (void)state;
  /* 4 fields > 3: e4 (TOO_MANY_FIELDS), the first 3 given, 4 counted */
  check_lim("a;b;c;d\nx\n", ';', &lim, false,
            "1 e4@-1 #4: a|b|c\n2: x\nblank=0 lines=2");
  check_lim("a;b;c\n", ';', &lim, false, "1: a|b|c\nblank=0 lines=1");
}

static void test_raw(void **state) {
  (void)state;
  check_lim("a;\"x\ny\";b\r\nc\n", ';', NULL, true,
            "1+2: a|x\\ny|b raw=a;\"x\\ny\";b\n3: c raw=c\n"
            "blank=0 lines=3");
}

/* A large input with every kind of field, split at many odd places. */
static void test_large_across_chunks(void **state) {
  GString *in = g_string_new("");
  char *whole, *got;
  (void)state;
  for (int i = 0; i < 3000; i++) {
    switch (i % 5) {
    case 0:
      g_string_append_printf(in, "%d;plain;%d\n", i, i * 7);
      break;
    case 1:
      g_string_append_printf(in, "%d;\"quo;ted\";\"multi\r\nline\"\r\n", i);
      break;
    case 2:
      g_string_append_printf(in, "%d;\"a \"\"b\"\" c\";;\n\n", i);
      break;
    case 3:
      g_string_append_printf(in, "%d;%0*d;x\n", i, 200 + i % 13, 0);
      break;
    default:
      g_string_append_printf(in, "%d;\"\";\"\"\"\"\n", i);
    }
  }
  whole = tokenize(in->str, in->len, 0, ';', NULL, true);
  /* 3000 records; 600 of them span 2 lines and 600 are followed by a
   * blank line: 3000 + 600 + 600 = 4200 lines. */
  assert_non_null(strstr(whole, "blank=600 lines=4200"));
  {
    static const size_t chunks[] = {1, 4093, 65536, 100000};
    for (size_t i = 0; i < sizeof chunks / sizeof chunks[0]; i++) {
      got = tokenize(in->str, in->len, chunks[i], ';', NULL, true);
      assert_string_equal(got, whole);
      g_free(got);
    }
  }
  g_free(whole);
  g_string_free(in, TRUE);
}

static void test_resplit(void **state) {
  mem m = {"a,b;c\nx,y\n", 10, 0, 0, NULL, 0, 0};
  zt_csv *c;
  zt_csv_rec r;
  bool got;
  (void)state;
  assert_int_equal(zt_csv_new(&c, ';', NULL, mem_pull, &m, NULL), ZT_OK);
  assert_int_equal(zt_csv_next(c, &r, &got, NULL), ZT_OK);
  assert_true(got);
  assert_int_equal(r.nf, 2);                     /* "a,b" | "c" */
  zt_csv_resplit(c, ',', &r);
  assert_int_equal(r.nf, 2);                     /* "a" | "b;c" */
  assert_int_equal(r.f[1].n, 3);
  assert_memory_equal(r.f[1].p, "b;c", 3);
  assert_int_equal(r.line, 1);
  zt_csv_set_delim(c, ',');
  assert_int_equal(zt_csv_next(c, &r, &got, NULL), ZT_OK);
  assert_true(got);
  assert_int_equal(r.line, 2);
  assert_int_equal(r.nf, 2);
  zt_csv_free(c);
  free(m.cur);
}

static void test_errors(void **state) {
  zt_csv *c;
  zt_csv_rec r;
  zt_err err;
  bool got;
  zt_csv_limits bad = {0, 1, 1, 0};
  /* The second pull fails: the record in progress cannot end. */
  mem m = {"a;b\nc;d", 7, 0, 5, NULL, 2, 0};
  (void)state;
  assert_int_equal(zt_csv_new(&c, '"', NULL, mem_pull, &m, &err),
                   ZT_ERR_USAGE);
  assert_null(c);
  assert_int_equal(zt_csv_new(&c, ';', &bad, mem_pull, &m, &err),
                   ZT_ERR_USAGE);
  assert_int_equal(zt_csv_new(&c, ';', NULL, mem_pull, &m, &err), ZT_OK);
  assert_int_equal(zt_csv_next(c, &r, &got, &err), ZT_OK);
  assert_true(got);
  assert_int_equal(zt_csv_next(c, &r, &got, &err), ZT_ERR_INPUT);
  assert_non_null(strstr(err.msg, "broken input"));
  zt_csv_free(c);
  free(m.cur);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plain),
      cmocka_unit_test(test_quoted_delimiter_and_quotes),
      cmocka_unit_test(test_quoted_line_ends),
      cmocka_unit_test(test_empty_fields),
      cmocka_unit_test(test_line_ends),
      cmocka_unit_test(test_blank_lines),
      cmocka_unit_test(test_unterminated),
      cmocka_unit_test(test_guard),
      cmocka_unit_test(test_field_too_long_and_resync),
      cmocka_unit_test(test_record_too_long_and_resync),
      cmocka_unit_test(test_too_many_fields),
      cmocka_unit_test(test_raw),
      cmocka_unit_test(test_large_across_chunks),
      cmocka_unit_test(test_resplit),
      cmocka_unit_test(test_errors),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

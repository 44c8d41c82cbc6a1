/*
 * tests/unit/test_xmlguard.c -- the hostile-XML guard of etl/xmlguard.c:
 * an internal DTD, an entity declaration, an unparsed entity, an
 * external subset and an external entity are each refused, nothing is
 * loaded, and a plain document passes untouched.
 */
#include "testutil.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>

#include "etl/xmlguard.h"

typedef struct gstate {
  zt_xml_guard guard;   /* first, as the guard requires */
  int refused;
  char seen[128];       /* the kinds refused, ";"-separated */
  int elements;
} gstate;

static void on_refuse(void *ctx, const char *what) {
  gstate *g = ctx;
  size_t n = strlen(g->seen);
  g->refused++;
  snprintf(g->seen + n, sizeof g->seen - n, "%s;", what);
}

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts) {
  gstate *g = ctx;
  (void)name;
  (void)atts;
  g->elements++;
}

static void silent(void *ctx, const char *msg, ...) {
  (void)ctx;
  (void)msg;
}

static char last_seen[128];

/* Parse `doc` with the guard; the number of refusals (their kinds in
 * last_seen). */
static int refusals(const char *doc, int *elements) {
  xmlSAXHandler sax;
  xmlParserCtxtPtr ctxt;
  gstate g;
  memset(&g, 0, sizeof g);
  g.guard.refuse = on_refuse;
  memset(&sax, 0, sizeof sax);
  sax.startElement = on_start;
  sax.warning = silent;
  sax.error = silent;
  sax.fatalError = silent;
  zt_xml_guard_install(&sax);
  ctxt = xmlCreatePushParserCtxt(&sax, &g, NULL, 0, "mem.xml");
  assert_non_null(ctxt);
  xmlCtxtUseOptions(ctxt, XML_PARSE_NONET);
  xmlParseChunk(ctxt, doc, (int)strlen(doc), 1);
  /* The guard does not stop the parser here (the readers do, in their
   * refuse()), so libxml2 may have begun a document for the DTD. */
  if (ctxt->myDoc)
    xmlFreeDoc(ctxt->myDoc);
  xmlFreeParserCtxt(ctxt);
  if (elements)
    *elements = g.elements;
  memcpy(last_seen, g.seen, sizeof last_seen);
  return g.refused;
}

static void test_plain(void **state) {
  int el = 0;
  (void)state;
  assert_int_equal(refusals("<a><b>x &amp; y</b></a>", &el), 0);
  assert_int_equal(el, 2);
}

static void test_internal_dtd(void **state) {
  (void)state;
  assert_true(refusals("<!DOCTYPE a><a/>", NULL) >= 1);
  assert_non_null(strstr(last_seen, "DOCTYPE;"));
}

static void test_entity_decl(void **state) {
  (void)state;
  assert_true(refusals("<!DOCTYPE a [<!ENTITY e \"boom\">]><a>&e;</a>",
                       NULL) >= 2);
  assert_non_null(strstr(last_seen, "entity declaration;"));
}

static void test_unparsed_entity(void **state) {
  (void)state;
  assert_true(refusals("<!DOCTYPE a [<!NOTATION n SYSTEM \"n\">"
                       "<!ENTITY u SYSTEM \"u.bin\" NDATA n>]><a/>",
                       NULL) >= 2);
  assert_non_null(strstr(last_seen, "unparsed entity;"));
}

static void test_external(void **state) {
  (void)state;
  assert_true(refusals("<!DOCTYPE a SYSTEM \"file:///etc/passwd\"><a/>",
                       NULL) >= 1);
  assert_non_null(strstr(last_seen, "DOCTYPE;"));
  assert_true(refusals("<!DOCTYPE a [<!ENTITY x SYSTEM "
                       "\"file:///etc/passwd\">]><a>&x;</a>",
                       NULL) >= 2);
}

/* The encoding an XML declaration names, read before the parser. */
static void test_declared_encoding(void **state) {
  char enc[16];
  (void)state;
#define DECL(doc) zt_xml_declared_encoding(doc, strlen(doc), enc, sizeof enc)
  assert_true(DECL("<?xml version=\"1.0\" encoding=\"UTF-7\"?><a/>"));
  assert_string_equal(enc, "UTF-7");
  assert_false(zt_xml_encoding_ok(enc));
  /* a BOM, single quotes and blanks around '=' */
  assert_true(DECL("\xEF\xBB\xBF<?xml version='1.0' encoding = "
                   "'iso-8859-1' ?><a/>"));
  assert_string_equal(enc, "iso-8859-1");
  assert_false(zt_xml_encoding_ok(enc));
  assert_true(DECL("<?xml version=\"1.0\" encoding=\"utf-8\"?><a/>"));
  assert_true(zt_xml_encoding_ok(enc));
  assert_true(zt_xml_encoding_ok("UTF8"));
  assert_true(zt_xml_encoding_ok("us-ascii"));
  assert_false(zt_xml_encoding_ok("UTF-16"));
  assert_false(zt_xml_encoding_ok("windows-1252"));
  assert_false(zt_xml_encoding_ok("UTF-8 "));
  /* no declaration, none named, a processing instruction: UTF-8 */
  assert_false(DECL("<a/>"));
  assert_false(DECL("<?xml version=\"1.0\"?><a/>"));
  assert_false(DECL("<?xml-stylesheet href=\"x\"?><a/>"));
  assert_false(DECL("<a encoding=\"UTF-7\"/>"));
  /* "encoding" after the declaration is not its */
  assert_false(DECL("<?xml version=\"1.0\"?><a encoding=\"UTF-7\"/>"));
  /* not an encoding name, or too long for `enc`: "?" (never OK) */
  assert_true(DECL("<?xml version=\"1.0\" encoding=\"UTF-7\x01\"?><a/>"));
  assert_string_equal(enc, "?");
  assert_true(DECL("<?xml version=\"1.0\" encoding=\"averyveryverylongname"
                   "\"?><a/>"));
  assert_string_equal(enc, "?");
  assert_false(zt_xml_encoding_ok(enc));
#undef DECL
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plain),
      cmocka_unit_test(test_internal_dtd),
      cmocka_unit_test(test_entity_decl),
      cmocka_unit_test(test_unparsed_entity),
      cmocka_unit_test(test_external),
      cmocka_unit_test(test_declared_encoding),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}

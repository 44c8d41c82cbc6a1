/*
 * etl/xmlguard.c -- the hostile-XML guard (see xmlguard.h).
 */
#include "etl/xmlguard.h"

#include <string.h>

#include <glib.h>

static void refuse(void *ctx, const char *what) {
  zt_xml_guard *g = ctx;
  if (g && g->refuse)
    g->refuse(ctx, what);
}

static void on_dtd(void *ctx, const xmlChar *name, const xmlChar *ext_id,
                   const xmlChar *sys_id) {
  (void)name;
  (void)ext_id;
  (void)sys_id;
  refuse(ctx, "DOCTYPE");
}

static void on_entity_decl(void *ctx, const xmlChar *name, int type,
                           const xmlChar *pub, const xmlChar *sys,
                           xmlChar *content) {
  (void)name;
  (void)type;
  (void)pub;
  (void)sys;
  (void)content;
  refuse(ctx, "entity declaration");
}

static void on_unparsed_entity(void *ctx, const xmlChar *name,
                               const xmlChar *pub, const xmlChar *sys,
                               const xmlChar *notation) {
  (void)name;
  (void)pub;
  (void)sys;
  (void)notation;
  refuse(ctx, "unparsed entity");
}

static xmlEntityPtr on_get_entity(void *ctx, const xmlChar *name) {
  (void)ctx;
  (void)name;
  return NULL;   /* only the five predefined entities exist */
}

static xmlParserInputPtr on_resolve(void *ctx, const xmlChar *pub,
                                    const xmlChar *sys) {
  (void)pub;
  (void)sys;
  refuse(ctx, "external load");
  return NULL;   /* never load anything */
}

void zt_xml_guard_install(xmlSAXHandler *sax) {
  sax->internalSubset = on_dtd;
  sax->externalSubset = on_dtd;
  sax->entityDecl = on_entity_decl;
  sax->unparsedEntityDecl = on_unparsed_entity;
  sax->getEntity = on_get_entity;
  sax->resolveEntity = on_resolve;
}

static bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool zt_xml_declared_encoding(const char *p, size_t n, char *enc,
                              size_t size) {
  size_t i = 0, end, k;
  char q;
  const char *hit;
  if (size == 0)
    return false;
  enc[0] = '\0';
  if (n > ZT_XML_DECL_MAX)
    n = ZT_XML_DECL_MAX;
  if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
    i = 3;
  while (i < n && blank(p[i]))
    i++;
  if (n - i < 6 || memcmp(p + i, "<?xml", 5) != 0 || !blank(p[i + 5]))
    return false;
  /* the declaration ends at "?>" (or where we stop looking) */
  for (end = i + 5; end + 1 < n && !(p[end] == '?' && p[end + 1] == '>');
       end++)
    ;
  hit = g_strstr_len(p + i, (gssize)(end - i), "encoding");
  if (!hit)
    return false;
  k = (size_t)(hit - p) + 8;
  while (k < end && blank(p[k]))
    k++;
  if (k >= end || p[k] != '=')
    return false;
  k++;
  while (k < end && blank(p[k]))
    k++;
  if (k >= end || (p[k] != '"' && p[k] != '\''))
    return false;
  q = p[k++];
  {
    size_t j = k, len;
    bool name = j < end && g_ascii_isalpha(p[j]);
    for (; j < end && p[j] != q; j++)
      name = name && (g_ascii_isalnum(p[j]) || p[j] == '.' ||
                      p[j] == '_' || p[j] == '-');
    len = j - k;
    if (!name || len == 0 || len >= size) {
      enc[0] = '?';
      enc[size > 1] = '\0';
      return true;
    }
    memcpy(enc, p + k, len);
    enc[len] = '\0';
  }
  return true;
}

bool zt_xml_encoding_ok(const char *enc) {
  static const char *const ok[] = {"UTF-8", "UTF8", "US-ASCII", "ASCII"};
  for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
    if (g_ascii_strcasecmp(enc, ok[i]) == 0)
      return true;
  return false;
}

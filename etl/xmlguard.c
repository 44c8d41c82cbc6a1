/*
 * etl/xmlguard.c -- the hostile-XML guard (see xmlguard.h).
 */
#include "etl/xmlguard.h"

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

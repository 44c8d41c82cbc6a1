/*
 * etl/xmlguard.h -- the hostile-XML guard both XML readers install: no
 * DOCTYPE, no entity declarations, no external loads, only the five
 * predefined entities. An iJw message has none of these, and each could
 * carry an entity bomb or read a file from the machine (XXE).
 *
 * The SAX user data of a guarded parser must begin with a zt_xml_guard,
 * whose refuse() is called (with that user data) for every DTD, entity
 * declaration or load the document asks for; refuse() records the
 * problem and normally stops the parser.
 */
#ifndef ZT_XMLGUARD_H
#define ZT_XMLGUARD_H

#include <libxml/parser.h>

typedef struct zt_xml_guard {
  /* `what`: "DOCTYPE", "entity declaration", "unparsed entity" or
   * "external load" */
  void (*refuse)(void *ctx, const char *what);
} zt_xml_guard;

/* Set the DTD, entity and resolver callbacks of `sax` to the guard. */
void zt_xml_guard_install(xmlSAXHandler *sax);

#endif

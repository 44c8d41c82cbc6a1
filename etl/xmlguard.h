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
#include <stdbool.h>
#include <stddef.h>

typedef struct zt_xml_guard {
  /* `what`: "DOCTYPE", "entity declaration", "unparsed entity" or
   * "external load" */
  void (*refuse)(void *ctx, const char *what);
} zt_xml_guard;

/* Set the DTD, entity and resolver callbacks of `sax` to the guard. */
void zt_xml_guard_install(xmlSAXHandler *sax);

/*
 * The encoding of a document. iJw messages are UTF-8, and libxml2 would
 * read whatever encoding the XML declaration names, UTF-7 too, in which
 * "+ADw-" is a '<' that no byte-level check (the attribute count, the
 * sniffing of the kind) sees. So a reader looks at the declaration
 * before the parser does: zt_xml_declared_encoding() copies the name the
 * declaration at the start of p[0..n) gives (after an optional UTF-8
 * byte order mark and blanks) into `enc` and returns true; false when
 * there is no declaration or it names no encoding (UTF-8, then). A name
 * that is not an encoding name (EncName of XML 1.0), or longer than
 * size - 1, is given as "?". Look at the first ZT_XML_DECL_MAX bytes.
 */
#define ZT_XML_DECL_MAX 512
bool zt_xml_declared_encoding(const char *p, size_t n, char *enc,
                              size_t size);
/* Is `enc` an encoding an iJw message may declare: UTF-8 (also written
 * UTF8), or US-ASCII (ASCII), a subset of it, in any letter case? */
bool zt_xml_encoding_ok(const char *enc);

#endif

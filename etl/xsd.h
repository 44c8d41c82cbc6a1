/*
 * etl/xsd.h -- validate an iJw XML message against the iJw XSDs
 * (`zothuis check --xsd DIR`).
 *
 * The message schema is picked from the root element's namespace (a JW323
 * is checked against DIR/JW323.xsd, a JW301 against DIR/JW301.xsd, ...),
 * and the document is streamed through libxml2's schema validator (SAX,
 * so memory does not grow with the file; gzip input is read like any
 * input). The shipped XSDs import `basisschema.xsd` in lower case while
 * the file is `Basisschema.xsd`: schema files are looked up inside DIR
 * case-insensitively, and nothing outside DIR (no other path, no network)
 * is ever loaded. A DOCTYPE makes the document invalid ("DTD not
 * allowed"), as in the reader.
 */
#ifndef ZT_XSD_H
#define ZT_XSD_H

#include <stdbool.h>

#include "core/buf.h"
#include "core/err.h"

/* Most problems listed in the report; the rest are only counted. */
#define ZT_XSD_MAX_REPORTED 100

/* Validate `xml_path` against the schema for its message in `xsd_dir`.
 *
 * Returns ZT_OK when the validation ran: *valid tells the outcome, and
 * each problem (not well-formed, schema-invalid, DTD) is appended to
 * `report` as a line "<xml_path>:<line>: <message>\n" (a run of 9 or more
 * digits in a message -- a BSN in a wrong place -- is masked as
 * 12*****82). Returns ZT_ERR_INPUT when the file cannot be read or is not
 * an iJw message (no root namespace of the form
 * http://www.istandaarden.nl/ijw/3_<digits>/<msg>/schema in its first
 * 64 KiB), ZT_ERR_USAGE when DIR has no schema for that message or the
 * schema does not load, ZT_ERR_NOMEM when `report` reached its limit.
 * The external entity loader and the libxml2 error handlers are restored
 * before returning. */
zt_status zt_xsd_validate(const char *xml_path, const char *xsd_dir,
                          zt_buf *report, bool *valid, zt_err *err);

#endif

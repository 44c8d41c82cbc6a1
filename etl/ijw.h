/*
 * etl/ijw.h -- the streaming reader for iJw XML messages: JW323
 * (Declaratie, declaration lines), JW301 (Toewijzing, assignments) and
 * JW325 (Declaratie-antwoord: one row per rejected Prestatie and one for
 * the answer itself, see etl/answer.h).
 *
 * The reader feeds the chunks of a zt_source into libxml2's SAX2 push
 * parser and turns every JW323 `Prestatie` and every JW301
 * `ToegewezenProduct` into one canonical row (etl/record.h) or one reject
 * (etl/reader.h). It judges structure only; values are judged by
 * etl/validate.c. Inside a line element, a required element missing or
 * empty is `missing_field`, text longer than the iJw maximum (20 for
 * references, 5 for product codes, 12 for DeclaratieNummer, 32 for the
 * typed fields) is `field_too_long`, and an element occurring twice, an
 * unexpected element or one in the wrong namespace is `value_invalid`.
 * The client's and the header's fields count as the line's. Element order
 * is not checked, and elements outside the lines that zothuis does not use
 * are skipped. A line element the reader does not take is rejected rather
 * than lost: outside its list (a Prestatie straight under Client), in no
 * or another namespace (<Prestaties xmlns="">), or with its name in
 * another letter case (<prestatie>), each is one value_invalid reject; one
 * inside a line, where the reader skips, rejects that line.
 *
 * Namespaces are matched by URI, never by prefix:
 *   http://www.istandaarden.nl/ijw/3_<digits>/<msg>/schema
 * with <msg> = jw323 or jw301 for the message elements and basisschema for
 * the children of shared types. The root element's namespace picks the
 * message's row in the reader's message table (etl/ijw.c: code,
 * namespace, line element, fields, record kind, label, handler); an iJw
 * message with no row is refused as ZT_R_XML_KIND_UNKNOWN. Text is
 * trimmed of XML white space (space, tab, CR, LF) at both ends before it
 * is handed on.
 *
 * Hostile XML is refused as a whole file (ZT_R_XML_MALFORMED): any DOCTYPE
 * (so no DTD, no entity declarations, no external entities, no entity
 * expansion), nesting deeper than ZT_IJW_MAX_DEPTH elements, a text
 * run or attribute value longer than ZT_IJW_TEXT_MAX bytes, and an
 * element with more than ZT_IJW_MAX_ATTRS attributes (counted as '=' signs
 * after one '<' before the parser sees the bytes: libxml2's duplicate
 * check is quadratic). The parser
 * never touches the network. Memory is fixed, whatever the file size
 * (libxml2 holds one start tag whole while parsing it, up to its own
 * 10 MB limit).
 */
#ifndef ZT_IJW_H
#define ZT_IJW_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "etl/reader.h"
#include "etl/record.h"
#include "etl/source.h"

#define ZT_IJW_MAX_DEPTH 32     /* elements nested deeper: file rejected */
#define ZT_IJW_TEXT_MAX 4096    /* bytes in one text run or attribute */
#define ZT_IJW_MAX_ATTRS 1024   /* attributes (and xmlns) of one element */

/* Read one iJw message from `src` and report its lines to `sink`.
 *
 * `opts->want` may be ZT_KIND_AUTO, ZT_KIND_DECLARATIES (the file must be
 * a JW323) or ZT_KIND_TOEWIJZINGEN (a JW301); `opts->mapping_path` is
 * ignored. *kind_out is set to the message's kind as soon as the root
 * element is seen (ZT_KIND_AUTO when it never is).
 *
 * Returns ZT_OK when the whole file was read; every Prestatie or
 * ToegewezenProduct was then reported exactly once, through sink->row or
 * sink->reject, and a JW323 whose TotaalIngediendBedrag does not equal
 * sum(debit) - sum(credit) of its lines got one sink->warn.
 * Returns ZT_ERR_INPUT with *file_reason set (and the message, naming the
 * file, in err) when the file is rejected whole: ZT_R_XML_MALFORMED (not
 * well-formed, with the parser's line and column, or hostile),
 * ZT_R_XML_KIND_UNKNOWN (another iJw message, other XML, or not the kind
 * asked for), ZT_R_HEADER_INVALID (BerichtCode, Afzender or Ontvanger
 * wrong or missing), ZT_R_FILE_UNREADABLE (broken gzip). Rows reported
 * before that are to be thrown away by the caller.
 * When sink->row or sink->reject returns an error, reading stops and that
 * status is returned (err as the sink filled it, *file_reason ZT_R_NONE).
 * Input text quoted in a message (a header value, an element name, the
 * parser's own message) never shows a run of 9 or more digits in clear --
 * a BSN could hide there: such runs are masked as 12*****82. */
zt_status zt_ijw_read(zt_source *src, const zt_read_opts *opts,
                      zt_rowsink *sink, zt_kind *kind_out,
                      zt_reason *file_reason, zt_err *err);

/* zt_ijw_read, and set *message_day to the message's own date: the
 * header's BerichtIdentificatie/Dagtekening, else (JW323) the
 * DeclaratieDagtekening, else ZT_DAY_NONE (also for a file rejected
 * whole). The store keeps it as the file's delivery date. */
zt_status zt_ijw_read_dated(zt_source *src, const zt_read_opts *opts,
                            zt_rowsink *sink, zt_kind *kind_out,
                            zt_reason *file_reason, zt_day *message_day,
                            zt_err *err);

/* What zt_ijw_read_info tells of the message itself. */
typedef struct zt_ijw_info {
  zt_day day;          /* as zt_ijw_read_dated's message_day */
  char ident[ZT_TEXT_BYTES(ZT_ANSWER_ID_MAX)];
  /* Header/BerichtIdentificatie/Identificatie, "" when absent, too long
   * or the file was refused */
} zt_ijw_info;

/* zt_ijw_read_dated, and the message's identification: a JW325 names
 * the JW323 it answers by it (etl/answer.h). */
zt_status zt_ijw_read_info(zt_source *src, const zt_read_opts *opts,
                           zt_rowsink *sink, zt_kind *kind_out,
                           zt_reason *file_reason, zt_ijw_info *info,
                           zt_err *err);

/* Look at the first `n` bytes of a file (after gzip decompression).
 * Returns -1 when they do not look like XML (no '<' first, after an
 * optional byte order mark and white space); otherwise the kind the root
 * element's namespace names when it is visible in these bytes
 * (ZT_KIND_DECLARATIES for jw323, ZT_KIND_TOEWIJZINGEN for jw301), or
 * ZT_KIND_AUTO (0) when it is XML of another or not yet visible kind --
 * zt_ijw_read() then decides, and rejects what it cannot read. The root
 * is found by libxml2 (a push parser stopped at the first start tag,
 * hostile-XML guard installed, a DOCTYPE passed over, nothing loaded): a
 * prolog it cannot read shows no root. */
int zt_ijw_sniff(const char *p, size_t n);

/* The iJw message the root element of the document starting with these
 * `n` bytes belongs to, by its namespace URI
 * http://www.istandaarden.nl/ijw/3_<digits>/<msg>/schema: "jw323",
 * "jw301", "jw315", ... copied into `msg` (size >= 16). Returns false (and
 * msg "") when the root element is not visible in these bytes, has no
 * namespace, or its namespace is not of that form. */
bool zt_ijw_root_message(const char *p, size_t n, char *msg, size_t size);

/* The name of the iJw message whose lines become records of `kind`
 * ("jw323" for ZT_KIND_DECLARATIES, "jw301" for ZT_KIND_TOEWIJZINGEN),
 * from the reader's message table; the store keeps it as the file's
 * format. NULL for a kind no iJw message yields. */
const char *zt_ijw_format(zt_kind kind);

/* Mask, in place, every run of 9 or more digits in `s` as its first two
 * digits, stars, and its last two ("123456782" -> "12*****82"); digits
 * of any script count (zt_digit_at), and a masked one is one star. Then
 * every BSN written in groups, as zt_mask_text does ("12* *** *82"). */
void zt_ijw_mask_digits(char *s);

#endif

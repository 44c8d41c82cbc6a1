/*
 * etl/csvread.h -- the reader for every CSV input kind (declaraties,
 * toewijzingen, clienten, residenties, productcodes, aanbieders).
 *
 * It reads the header, decides the layout -- a section of the mapping
 * file, or the canonical columns of a kind -- and then reports every
 * record after the header exactly once to a zt_rowsink (etl/reader.h):
 * as a row of canonical fields, or as a reject (field_count,
 * field_too_long, encoding_invalid). Blank lines hold no record and are
 * not reported (they still count for line numbers).
 *
 * Header names match case-insensitively, after trimming blanks and a BOM,
 * in any order; unknown columns are ignored. The delimiter (';' or ',') is
 * the one that splits the header into more known column names (ties:
 * ';'), unless the mapping section fixes it. With ZT_KIND_AUTO the kind is
 * the one whose required columns are all present and that has the most of
 * its columns present; a header that looks more like another kind whose
 * required columns are not all there (a declarations file with a typo)
 * is not read as the smaller kind, but rejected.
 */
#ifndef ZT_CSVREAD_H
#define ZT_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "etl/reader.h"
#include "etl/source.h"

/*
 * Read one CSV file from `src` into `sink`.
 *
 * Rows: `f` holds the kind's canonical fields in zt_kind_layout_of()
 * order; an optional column the file lacks is a slice with p == NULL; a
 * mapping constant is a slice of the constant. Fields and `raw` are UTF-8
 * (converted from Windows-1252 when the file is) and valid only during
 * the call. `raw` is the record's text without its line end; for a
 * rejected line it is shown with invalid bytes replaced by U+FFFD.
 *
 * Returns ZT_OK when the whole file was read (some lines may have been
 * rejected). A problem with the whole file returns ZT_ERR_INPUT with
 * *file_reason set: ZT_R_LAYOUT_UNKNOWN (no header, or a header that fits
 * no kind and no mapping section; the message lists the columns found and
 * those expected for the closest kind) or ZT_R_FILE_UNREADABLE (a read
 * error or broken gzip part-way). A bad mapping file returns ZT_ERR_USAGE
 * or ZT_ERR_IO. A non-OK status from the sink stops the reader and is
 * returned as is. *kind_out is the kind decided (or opts->want).
 */
zt_status zt_csv_read(zt_source *src, const zt_read_opts *opts,
                      zt_rowsink *sink, zt_kind *kind_out,
                      zt_reason *file_reason, zt_err *err);

/* Do the first bytes of a file look like a CSV header? True when, after
 * a BOM and blank lines, the first line holds a ';', ',' or tab and no
 * control characters, and the text does not start with '<' (XML; blanks
 * before it allowed). A UTF-16 BOM also answers true, so that
 * zt_csv_read() explains why it refuses the file. */
bool zt_csv_sniff(const char *p, size_t n);

#endif

/*
 * etl/csv.h -- a streaming RFC 4180 tokenizer.
 *
 * It pulls chunks of bytes (from a zt_source, or from memory in tests) and
 * hands out one record at a time as field slices. A record may span chunk
 * boundaries. What it accepts:
 *   - fields separated by one delimiter byte (';' or ',', settable between
 *     records); records ended by LF or CRLF, the last one possibly by the
 *     end of the input;
 *   - quoted fields that hold the delimiter, doubled quotes ("") and line
 *     ends (a lone CR inside quotes is kept); text after a closing quote,
 *     or a quote inside an unquoted field, is kept literally (as Python's
 *     csv module does);
 *   - blank lines (empty, or a lone CR) are skipped but counted.
 * What it refuses, as a record with an error rather than a crash or a
 * loss of sync: a record longer than record_max bytes (skipped to its end
 * without storing it), a field longer than field_max, more than
 * fields_max fields, and a quoted field that stays open too long.
 *
 * A quoted field may cross at most quoted_lines_max line ends, and its
 * record at most record_max + 2 bytes; a quote still open past either
 * limit, or at the end of the input, or (with zt_csv_set_guard) a quoted
 * field that holds what looks like a whole record on a line of its own,
 * makes the record ZT_CSV_UNTERMINATED
 * and cuts it to the physical line it started on: reading resumes at the
 * next line, so one stray quote costs one line, never the rest of the
 * file, and every physical line is read (the bytes after the first line
 * end are read again from a replay buffer).
 *
 * Memory is four fixed buffers sized by the limits, whatever the input.
 * Fields are slices into the current chunk or into those buffers: no
 * allocation per record or per field. The common case -- a record wholly
 * inside the current chunk -- is split in place, eight bytes at a time.
 */
#ifndef ZT_CSV_H
#define ZT_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "etl/record.h"

/* Default limits. */
#define ZT_CSV_FIELD_MAX 4096
#define ZT_CSV_FIELDS_MAX 256
#define ZT_CSV_RECORD_MAX 65536
#define ZT_CSV_QUOTED_LINES_MAX 32

typedef struct zt_csv_limits {
  size_t field_max;   /* bytes of one field's content, after unquoting */
  int fields_max;     /* fields of one record */
  size_t record_max;  /* bytes of one record's text, without its line end */
  long quoted_lines_max; /* line ends one record may hold inside quotes
                            (0: ZT_CSV_QUOTED_LINES_MAX) */
} zt_csv_limits;

typedef enum zt_csv_error {
  ZT_CSV_OK = 0,
  ZT_CSV_UNTERMINATED,    /* a quoted field not closed in time: the
                           * record is the line it started on */
  ZT_CSV_RECORD_TOO_LONG, /* more than record_max bytes */
  ZT_CSV_FIELD_TOO_LONG,  /* a field of more than field_max bytes */
  ZT_CSV_TOO_MANY_FIELDS  /* more than fields_max fields */
} zt_csv_error;

/* One record. Valid until the next zt_csv_next()/zt_csv_resplit(). */
typedef struct zt_csv_rec {
  const zt_slice *f;  /* the fields, unquoted; f[i].p is never NULL */
  int nf;             /* fields in f (0 with UNTERMINATED, RECORD_TOO_LONG;
                       * fields_max with TOO_MANY_FIELDS) */
  int ncols;          /* fields counted on the line (> nf when too many) */
  long line;          /* 1-based physical line where the record starts */
  long nlines;        /* physical lines it spans (> 1: quoted line ends) */
  zt_slice raw;       /* its bytes as read, without the line end; cut to
                       * record_max bytes when it is longer */
  zt_csv_error error; /* when set, reject the record; the error with the
                       * highest priority (the enum order) is given */
  int error_field;    /* 0-based field that is too long, else -1 */
} zt_csv_rec;

/* Where the bytes come from: hand out the next chunk (*n == 0 at the end
 * of input, then never called again). The chunk must stay valid until the
 * next call. zt_source_next() has this shape (see zt_csv_pull_source). */
typedef zt_status (*zt_csv_pull_fn)(void *ctx, const char **p, size_t *n,
                                    zt_err *err);

/* Pull from a zt_source (ctx is the zt_source *). */
zt_status zt_csv_pull_source(void *ctx, const char **p, size_t *n,
                             zt_err *err);

typedef struct zt_csv zt_csv;

/* Create a tokenizer reading from `pull`. `lim` may be NULL (defaults).
 * `delim` is any byte but '"', CR and LF. ZT_ERR_USAGE on bad limits or
 * delimiter, ZT_ERR_NOMEM when the buffers cannot be allocated. */
zt_status zt_csv_new(zt_csv **out, char delim, const zt_csv_limits *lim,
                     zt_csv_pull_fn pull, void *pull_ctx, zt_err *err);
void zt_csv_free(zt_csv *c);

/* A stray quote closed by another quote lines below would make the
 * lines in between one field. With a guard of n > 0, a quoted field in
 * which a line after a line end holds n or more delimiters (inside the
 * quotes) is taken for such a quote: the record is ZT_CSV_UNTERMINATED,
 * only its first line, and the lines after it are read as lines. A line
 * end in a remark stays allowed. 0 (the default): no guard. For the
 * records that follow. */
void zt_csv_set_guard(zt_csv *c, int ndelims);

/* Change the delimiter for the records that follow. */
void zt_csv_set_delim(zt_csv *c, char delim);
char zt_csv_delim(const zt_csv *c);

/* The next record into *rec: *got is false at the end of input. An error
 * of `pull` is returned as is (the tokenizer is then unusable). */
zt_status zt_csv_next(zt_csv *c, zt_csv_rec *rec, bool *got, zt_err *err);

/* Split the text of the record last returned again with another
 * delimiter, as if it were the whole input (used to detect the delimiter
 * from the header). Where the record ends is not changed. */
void zt_csv_resplit(zt_csv *c, char delim, zt_csv_rec *rec);

/* Physical lines consumed so far (records, their quoted line ends, and
 * blank lines), and blank lines skipped. */
long zt_csv_lines(const zt_csv *c);
long zt_csv_blank_lines(const zt_csv *c);

#endif

/*
 * etl/encoding.h -- text encodings of CSV input: UTF-8 validation, byte
 * order marks, Windows-1252 -> UTF-8 conversion, and the detection policy
 * for files whose encoding is not declared.
 *
 * Everything behind the readers is UTF-8. A CSV file is UTF-8 (with or
 * without a BOM) or Windows-1252 (the Dutch Excel default). Bytes that are
 * not valid in the file's encoding -- malformed UTF-8, the five bytes that
 * Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D), and NUL in
 * either -- make the line `encoding_invalid`; they are never guessed at.
 *
 * Detection (ZT_ENC_AUTO, see zt_decoder): a UTF-8 BOM means UTF-8;
 * otherwise the file is undecided until its first non-ASCII byte: if a
 * valid UTF-8 sequence starts there, the file is UTF-8 from then on (a
 * later invalid sequence rejects that line), else it is Windows-1252 --
 * a guess, so a later line that is valid UTF-8 with non-ASCII characters
 * is read as UTF-8 rather than turned into mojibake ("Ã«" for "ë").
 * Exports that mix the two exist (lines appended by another program);
 * in real Windows-1252 text such a byte sequence does not occur.
 */
#ifndef ZT_ENCODING_H
#define ZT_ENCODING_H

#include <stdbool.h>
#include <stddef.h>

typedef enum zt_encoding {
  ZT_ENC_AUTO = 0,  /* detect (the policy above) */
  ZT_ENC_UTF8,
  ZT_ENC_CP1252     /* Windows-1252 */
} zt_encoding;

/* "auto", "utf-8", "windows-1252". */
const char *zt_encoding_name(zt_encoding e);
/* Parse a name, case-insensitively: auto, utf-8 / utf8, windows-1252 /
 * cp1252. False when unknown. */
bool zt_encoding_from_name(const char *name, zt_encoding *out);

/* 3 when p[0..n) starts with the UTF-8 BOM (EF BB BF), else 0. */
size_t zt_bom_len(const char *p, size_t n);
/* True when p[0..n) starts with a UTF-16 BOM (FF FE or FE FF). */
bool zt_bom_utf16(const char *p, size_t n);

/* True when every byte of p[0..n) is in 0x01..0x7F: plain ASCII text that
 * needs neither checking nor conversion. Reads a word at a time. */
bool zt_text_is_ascii(const char *p, size_t n);

/* Length (1..4) of the well-formed UTF-8 sequence that starts p[0..n),
 * or 0 when none does (overlong forms, surrogates, code points above
 * U+10FFFF, a truncated sequence and NUL all give 0). */
size_t zt_utf8_seq(const char *p, size_t n);
/* Offset of the first byte of p[0..n) that is not valid UTF-8 text (see
 * zt_utf8_seq), or n when it all is. */
size_t zt_utf8_check(const char *p, size_t n);
/* Characters (Unicode code points) in the UTF-8 text p[0..n): every
 * byte that does not continue a sequence counts, so a stray byte counts
 * as one. An iJw length ("at most 20") counts these, not bytes. */
size_t zt_utf8_chars(const char *p, size_t n);
/* Offset of the first C1 control character (U+0080..U+009F, the bytes
 * C2 80 to C2 9F) in the UTF-8 text p[0..n), or n when there is none.
 * Real text has none: one is almost always a Windows-1252 character
 * (an apostrophe, a dash, a euro sign) that a program decoded as
 * Latin-1 before it wrote UTF-8. */
size_t zt_utf8_find_c1(const char *p, size_t n);
/* Offset of the first byte of p[0..n) that is not valid Windows-1252 text
 * (NUL or one of the five undefined bytes), or n. */
size_t zt_cp1252_check(const char *p, size_t n);

/* Room `out` needs for the result of the two functions below. */
#define ZT_UTF8_ROOM(n) (3 * (n))

/* Convert Windows-1252 text to UTF-8 into `out` (ZT_UTF8_ROOM(n) bytes;
 * no NUL is added) and return the bytes written. Invalid bytes (see
 * zt_cp1252_check) become U+FFFD: check first when that matters. */
size_t zt_cp1252_to_utf8(const char *p, size_t n, char *out);
/* Copy p[0..n) to `out` (ZT_UTF8_ROOM(n) bytes) with every byte that is
 * not part of a valid UTF-8 sequence replaced by U+FFFD, so that text
 * shown to a person (a rejected line) is valid UTF-8. */
size_t zt_utf8_sanitize(const char *p, size_t n, char *out);

/* What zt_decoder_check found. */
typedef enum zt_dec_result {
  ZT_DEC_ASCII,    /* plain ASCII: use as is */
  ZT_DEC_UTF8,     /* valid UTF-8 with non-ASCII characters: use as is */
  ZT_DEC_CP1252,   /* valid Windows-1252: convert with zt_cp1252_to_utf8 */
  ZT_DEC_INVALID   /* a byte not valid in the file's encoding */
} zt_dec_result;

/* The encoding state of one file. */
typedef struct zt_decoder {
  zt_encoding enc;   /* ZT_ENC_AUTO while undecided */
  bool guessed;      /* enc was detected, not declared or given by a BOM */
} zt_decoder;

/* Start a file: `declared` is the encoding a mapping names (or AUTO);
 * `bom` is true when the file started with a UTF-8 BOM, which makes it
 * UTF-8 whatever was declared. */
void zt_decoder_init(zt_decoder *d, zt_encoding declared, bool bom);
/* Check the text p[0..n) of the file, in file order (a line, or the
 * fields of a line one after the other). While undecided, the first
 * non-ASCII byte decides the file's encoding (see the policy above). On
 * ZT_DEC_INVALID, *bad (may be NULL) is the offset of the offending
 * byte. */
zt_dec_result zt_decoder_check(zt_decoder *d, const char *p, size_t n,
                               size_t *bad);
/* Text for display: p[0..n) as UTF-8 in `out` (ZT_UTF8_ROOM(n) bytes),
 * converted when the file is Windows-1252, with invalid bytes replaced by
 * U+FFFD. Returns the bytes written. Does not decide the encoding. */
size_t zt_decoder_display(const zt_decoder *d, const char *p, size_t n,
                          char *out);

#endif

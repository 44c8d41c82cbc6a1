/*
 * etl/pseudo.h -- BSN checks and keyed pseudonyms.
 *
 * A BSN is replaced, the moment it is parsed, by HMAC-SHA256(key, bsn);
 * the pseudonym is the first 16 bytes of that MAC, written in RFC 4648
 * base32 without padding (26 characters, A-Z and 2-7: it can never be
 * mistaken for a BSN). The key lives in a file outside the store (mode
 * 0600, created by `zothuis init`); with the same key, declarations,
 * assignments and residence history of one child get the same pseudonym.
 *
 * Where a BSN must be mentioned (a rejected line), only its mask is used:
 * the first two and last two digits ("12*****82").
 */
#ifndef ZT_PSEUDO_H
#define ZT_PSEUDO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "etl/reasons.h"
#include "etl/record.h"

#define ZT_KEY_BYTES 32
#define ZT_PSEUDO_TEXT 27   /* 26 base32 characters and a NUL */
#define ZT_MASK_MAX 24

typedef struct zt_pseudonymizer zt_pseudonymizer;

/* Create a new random key file at `path` (mode 0600) unless one exists.
 * *created tells which happened. */
zt_status zt_key_create(const char *path, bool *created, zt_err *err);

/* Load the key from `path`, which must be a regular file (a FIFO or a
 * device is refused, never waited on). A key readable by others loses
 * those permission bits, with a warning. */
zt_status zt_pseudo_open(zt_pseudonymizer **out, const char *key_path,
                         zt_err *err);
/* For tests: a pseudonymizer with a given key. */
zt_status zt_pseudo_open_key(zt_pseudonymizer **out,
                             const unsigned char key[ZT_KEY_BYTES],
                             zt_err *err);
void zt_pseudo_close(zt_pseudonymizer *ps);

/* A pseudonymizer with the same key and a cache of its own, for another
 * thread (a pseudonymizer is used by one thread at a time). */
zt_status zt_pseudo_clone(zt_pseudonymizer **out,
                          const zt_pseudonymizer *ps, zt_err *err);

/* The key's identity: 32 hex digits of HMAC-SHA256(key, "zothuis key id
 * v1"). The store records it, so that a store is never fed pseudonyms of
 * another key; it tells nothing about the key itself. */
void zt_pseudo_key_id(const zt_pseudonymizer *ps, char out[33]);

/* ZT_R_NONE for a valid BSN, else ZT_R_BSN_FORMAT (not 9 digits) or
 * ZT_R_BSN_ELFPROEF (fails the 11-test, or 000000000). */
zt_reason zt_bsn_check(const char *s, size_t n);

/* The pseudonym of a BSN that passed zt_bsn_check(). Results are cached
 * per process (the cache grows with the number of clients). */
zt_status zt_pseudo_of(zt_pseudonymizer *ps, const char *bsn, size_t n,
                       zt_pseudo *out);

/* Base32 text of a pseudonym (26 characters + NUL). */
void zt_pseudo_text(const zt_pseudo *p, char out[ZT_PSEUDO_TEXT]);

/* Replace the child's own BSN `bsn` (nine digits) in the text `s`
 * (NUL-terminated, in place), wherever it stands, in the forms a provider
 * writes it: its nine digits in a row, also inside a longer run
 * ("1000000100921"), or in groups joined by single separators of one
 * kind, space, dot or dash ("100-00-0010", "100.000.022", "100 000 034";
 * a kind in ASCII or as a spreadsheet or web page writes it: a no-break,
 * narrow no-break, figure, thin or ideographic space, a hyphen, a
 * non-breaking hyphen, a figure or en dash, a full-width dash or dot);
 * and for a BSN with a leading zero, the other eight digits standing free,
 * with no digit next to them ("12345672", "R12345672-1"), in a row or in
 * groups joined by spaces or dots. Each span becomes '~' and the first
 * characters of the child's pseudonym `p`, exactly as long as the span
 * (so lengths and limits hold), and the same for every line of that
 * child, so a credit's previous reference that repeats its debit's
 * reference in the same form still names it. A provider that builds
 * references from the client's BSN ("210001343-0921") must not put a
 * BSN into the store. Digits are those of any script, also mixed in one
 * number (full-width U+FF10..U+FF19 in UTF-8, ...): the span becomes as
 * many ASCII characters as it has characters, so `s` may get shorter.
 * Returns whether anything was replaced. */
bool zt_bsn_scrub(char *s, const char *bsn, const zt_pseudo *p);

/* The same for any other BSN in `s`: every run of exactly nine digits
 * that passes the 11-test (another child's BSN, or a number that cannot
 * be told from one) becomes '~' and eight characters of that number's
 * own pseudonym, so the same number reads the same in every file, also
 * in files that name no client (a JW325 answer's reference). Nine
 * digits of any script count, as for zt_bsn_scrub(). Adds the numbers
 * replaced to *hits. */
zt_status zt_bsn_scrub_any(zt_pseudonymizer *ps, char *s, long *hits);

/* zt_bsn_scrub() for a client known only by the text of its pseudonym
 * (`client`, as the store keeps it): every span of `s` in one of the
 * forms zt_bsn_scrub() finds whose nine digits (with the leading zero put
 * back) pass the 11-test and have the client's pseudonym becomes the
 * same token, so a stored row gets the text ingest gives it now (one
 * matcher serves both). Adds the spans replaced to *hits. For stores
 * written before the scrub (etl/store_scrub.c). */
zt_status zt_bsn_scrub_client(zt_pseudonymizer *ps, char *s,
                              const char *client, long *hits);

/* Number fields. A ToewijzingNummer (LDT_Nummer: at most nine digits)
 * is only a join key between assignments, declarations and care
 * messages, never shown; yet nine digits that pass the 11-test cannot
 * be told from a BSN, and a municipality may number assignments after
 * the child. So the store never holds such a number as it was sent:
 * zt_number_scrub replaces `*nr` by its token when it is nine digits
 * that pass the 11-test, or the client's own BSN without its leading
 * zero (eight digits; `client` may be NULL), and sets *hit. The token
 * is ZT_TOKEN_MIN plus a number taken from the keyed pseudonym of the
 * nine digits, below ZT_TOKEN_MIN + ZT_TOKEN_SPAN: never a value a
 * message can carry, and the same for the same number and key in every
 * file, so the joins hold. */
#define ZT_TOKEN_MIN INT64_C(1000000000000)      /* 10^12 */
#define ZT_TOKEN_SPAN INT64_C(999000000000000000) /* to 10^18 */
zt_status zt_number_scrub(zt_pseudonymizer *ps, int64_t *nr,
                          const zt_pseudo *client, bool *hit);
/* The parts, for stores written before numbers were scrubbed
 * (etl/store_scrub.c): whether `nr` is nine digits that pass the
 * 11-test (*own_only false) or eight digits that do with a zero put in
 * front, so only the client's own BSN counts (*own_only true); and the
 * token with the pseudonym of those nine digits (ZT_ERR_USAGE for a
 * number below 0 or of more than nine digits). */
bool zt_number_bsn_shaped(int64_t nr, bool *own_only);
zt_status zt_number_token(zt_pseudonymizer *ps, int64_t nr, int64_t *tok,
                          zt_pseudo *pseudo);

/* The decimal digit whose character starts at s[i] (i < n): ASCII, or
 * any Unicode digit in UTF-8 (a full-width one, U+FF10..U+FF19, ...).
 * Returns its value and sets *w to its bytes; or returns -1 with *w the
 * bytes to step over (1). Every BSN matcher reads digits with it. */
int zt_digit_at(const char *s, size_t n, size_t i, size_t *w);

/* Mask a BSN-like value for messages: "12*****82". Values shorter than 5
 * characters become all stars; at most ZT_MASK_MAX-1 characters. */
void zt_bsn_mask(const char *s, size_t n, char out[ZT_MASK_MAX]);

/* Copy `raw` into `out` with every BSN-like digit group masked like
 * zt_bsn_mask ("91* *** *21"): nine digits, alone or in groups joined by
 * spaces, dots (or dashes: nine digits only), each kind in ASCII or in
 * the forms zt_bsn_scrub() reads (a no-break space, an en dash, ...),
 * and eight free-standing
 * digits that are a BSN whose leading zero was lost; the digits in
 * [bsn_p, bsn_p + bsn_n) are masked whatever they are (bsn_p may be
 * NULL). Provider codes (eight digits that fail that test), dates and
 * codes with letters (RN00674059) stay readable. A digit is a decimal
 * digit of any script (ASCII, full-width U+FF10..U+FF19, ...; UTF-8),
 * and a masked one is one '*' whatever its width. Control characters
 * become ' ' (CR, LF, tab) or '?' (the other C0 controls, DEL, and a C1
 * control, U+0080..U+009F, in UTF-8). At most one output byte per input
 * byte; cut to outsz - 1, never inside a character, a digit group or a
 * separator, so mask the whole text before cutting it for display. */
#define ZT_MASK_LONG 1u   /* also plain runs of ten or more digits */
#define ZT_MASK_ALL8 2u   /* also every plain run of eight digits */
void zt_mask_text(const char *raw, size_t n, const char *bsn_p, size_t bsn_n,
                  unsigned flags, char *out, size_t outsz);
/* zt_mask_text without flags: for rejected lines. The line's own BSN
 * (the value in [bsn_p, bsn_p + bsn_n) when it is nine digits) is masked
 * also inside a longer run of digits ("94*****770921"), where another
 * number of ten or more digits stays readable. */
void zt_mask_line(const char *raw, size_t n, const char *bsn_p, size_t bsn_n,
                  char *out, size_t outsz);
/* zt_mask_line for a text that does not hold the BSN field itself (a
 * line rendered from XML fields): `bsn` is the line's BSN value. */
void zt_mask_line_of(const char *raw, size_t n, const char *bsn,
                     size_t bsn_n, char *out, size_t outsz);
/* A copy of `s` (a file name, a path, a message that quotes them) with
 * every BSN-like group masked as zt_mask_line does, for g_free(): a
 * provider may name a file after a child ("client_210001379.csv"). */
char *zt_mask_dup(const char *s);

#endif

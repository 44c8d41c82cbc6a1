/*
 * render/pdflex.h -- a small reader for PDF content streams: tokens
 * (numbers, names, strings, arrays, dictionaries, operators, inline image
 * data) and operations (the operands before an operator).
 *
 * libqpdf's C API reads and writes objects but has no content-stream
 * tokenizer, and both the accessibility post-pass (render/a11y.c, which
 * re-marks page footers as artifacts) and the checker (render/pdfcheck.c,
 * which proves every painting operator lies in marked content) need one.
 * Positions are byte offsets into the caller's buffer; nothing is copied
 * and nothing allocated.
 */
#ifndef ZT_PDFLEX_H
#define ZT_PDFLEX_H

#include <stdbool.h>
#include <stddef.h>

typedef enum zt_pdftok_kind {
  ZT_PT_END = 0,     /* end of the data */
  ZT_PT_NUMBER,
  ZT_PT_NAME,        /* /Name (the slash included) */
  ZT_PT_STRING,      /* (literal), parentheses included */
  ZT_PT_HEX,         /* <hex>, brackets included */
  ZT_PT_ARRAY,       /* [ ... ]: a whole array, only as an operand */
  ZT_PT_DICT,        /* << ... >>: a whole dictionary, only as an operand */
  ZT_PT_OPEN_ARRAY,  /* [ (from the token reader) */
  ZT_PT_CLOSE_ARRAY, /* ] */
  ZT_PT_OPEN_DICT,   /* << */
  ZT_PT_CLOSE_DICT,  /* >> */
  ZT_PT_OPERATOR,    /* a keyword: Tj, BDC, true, null, ... */
  ZT_PT_BAD          /* a byte that starts no token (skipped) */
} zt_pdftok_kind;

typedef struct zt_pdftok {
  zt_pdftok_kind kind;
  size_t pos, len;   /* the token's bytes in the buffer */
} zt_pdftok;

typedef struct zt_pdflex {
  const unsigned char *p;
  size_t n, pos;
  bool bad;          /* saw a malformed token (unterminated string, ...) */
} zt_pdflex;

#define ZT_PDFOP_MAXARGS 8

/* One operation: an operator and the operands before it (the last
 * ZT_PDFOP_MAXARGS of them; nargs counts all). */
typedef struct zt_pdfop {
  zt_pdftok op;                      /* kind ZT_PT_OPERATOR */
  zt_pdftok args[ZT_PDFOP_MAXARGS];  /* arrays and dicts as one operand */
  size_t nargs;
  size_t pos, end;                   /* from the first operand to the end
                                        of the operator */
} zt_pdfop;

void zt_pdflex_init(zt_pdflex *lx, const void *data, size_t n);

/* The next token; ZT_PT_END at the end. After the operator ID of an
 * inline image the image data is skipped, so EI comes next. */
zt_pdftok_kind zt_pdflex_next(zt_pdflex *lx, zt_pdftok *t);

/* The next operation; false at the end of the data (operands left over
 * without an operator are dropped). */
bool zt_pdflex_op(zt_pdflex *lx, zt_pdfop *op);

/* Whether a token's bytes are exactly `s`. */
bool zt_pdftok_is(const zt_pdflex *lx, const zt_pdftok *t, const char *s);

/* In a dictionary operand (kind ZT_PT_DICT), the integer value of /key;
 * false when absent or not an integer. */
bool zt_pdftok_dict_int(const zt_pdflex *lx, const zt_pdftok *dict,
                        const char *key, long *out);

/* Whether `op` is a painting operator: one that puts marks on the page
 * (path painting except n, text showing, shading, XObjects, inline
 * images). */
bool zt_pdfop_paints(const zt_pdflex *lx, const zt_pdfop *op);

#endif

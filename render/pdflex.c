/*
 * render/pdflex.c -- the content-stream reader (pdflex.h): PDF 1.7
 * section 7.2 lexical rules, enough for the operators cairo writes and
 * for hostile input (every loop is bounded by the buffer, nothing
 * recurses).
 */
#include "render/pdflex.h"

#include <stdlib.h>
#include <string.h>

static bool is_space(unsigned char c) {
  return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' ||
         c == ' ';
}

static bool is_delim(unsigned char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
         c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

static bool is_regular(unsigned char c) {
  return !is_space(c) && !is_delim(c);
}

void zt_pdflex_init(zt_pdflex *lx, const void *data, size_t n) {
  lx->p = data;
  lx->n = data ? n : 0;
  lx->pos = 0;
  lx->bad = false;
}

/* After the operator ID: skip the image data up to the EI that follows
 * white space and is followed by white space, a delimiter or the end. */
static void skip_inline_image(zt_pdflex *lx) {
  size_t i = lx->pos + 1;   /* one white-space byte after ID */
  for (; i + 1 < lx->n; i++) {
    if (lx->p[i] == 'E' && lx->p[i + 1] == 'I' && is_space(lx->p[i - 1]) &&
        (i + 2 == lx->n || !is_regular(lx->p[i + 2]))) {
      lx->pos = i;
      return;
    }
  }
  lx->bad = true;
  lx->pos = lx->n;
}

zt_pdftok_kind zt_pdflex_next(zt_pdflex *lx, zt_pdftok *t) {
  const unsigned char *p = lx->p;
  size_t n = lx->n, i;
  for (;;) {
    while (lx->pos < n && is_space(p[lx->pos]))
      lx->pos++;
    if (lx->pos < n && p[lx->pos] == '%') {
      while (lx->pos < n && p[lx->pos] != '\n' && p[lx->pos] != '\r')
        lx->pos++;
      continue;
    }
    break;
  }
  i = lx->pos;
  t->pos = i;
  t->len = 0;
  if (i >= n) {
    t->kind = ZT_PT_END;
    return t->kind;
  }
  switch (p[i]) {
  case '/':
    i++;
    while (i < n && is_regular(p[i]))
      i++;
    t->kind = ZT_PT_NAME;
    break;
  case '(': {
    int depth = 0;
    for (; i < n; i++) {
      if (p[i] == '\\') {
        i++;
        continue;
      }
      if (p[i] == '(')
        depth++;
      else if (p[i] == ')' && --depth == 0)
        break;
    }
    if (i >= n) {
      lx->bad = true;
      i = n;
    } else {
      i++;
    }
    t->kind = ZT_PT_STRING;
    break;
  }
  case '<':
    if (i + 1 < n && p[i + 1] == '<') {
      i += 2;
      t->kind = ZT_PT_OPEN_DICT;
      break;
    }
    while (i < n && p[i] != '>')
      i++;
    if (i >= n)
      lx->bad = true;
    else
      i++;
    t->kind = ZT_PT_HEX;
    break;
  case '>':
    if (i + 1 < n && p[i + 1] == '>') {
      i += 2;
      t->kind = ZT_PT_CLOSE_DICT;
    } else {
      i++;
      lx->bad = true;
      t->kind = ZT_PT_BAD;
    }
    break;
  case '[':
    i++;
    t->kind = ZT_PT_OPEN_ARRAY;
    break;
  case ']':
    i++;
    t->kind = ZT_PT_CLOSE_ARRAY;
    break;
  case ')':
  case '{':
  case '}':
    i++;
    lx->bad = true;
    t->kind = ZT_PT_BAD;
    break;
  default:
    while (i < n && is_regular(p[i]))
      i++;
    t->kind = strchr("+-.0123456789", p[t->pos]) ? ZT_PT_NUMBER
                                                  : ZT_PT_OPERATOR;
    break;
  }
  t->len = i - t->pos;
  lx->pos = i;
  if (t->kind == ZT_PT_OPERATOR && t->len == 2 && p[t->pos] == 'I' &&
      p[t->pos + 1] == 'D')
    skip_inline_image(lx);
  return t->kind;
}

bool zt_pdftok_is(const zt_pdflex *lx, const zt_pdftok *t, const char *s) {
  size_t n = strlen(s);
  return t->len == n && memcmp(lx->p + t->pos, s, n) == 0;
}

/* Read the rest of an array or dictionary whose opening token is `open`;
 * the operand spans to the matching close (or the end). */
static void compound(zt_pdflex *lx, zt_pdftok *open) {
  size_t depth = 1;
  zt_pdftok t;
  zt_pdftok_kind k = open->kind;
  while (depth > 0 && zt_pdflex_next(lx, &t) != ZT_PT_END) {
    if (t.kind == ZT_PT_OPEN_ARRAY || t.kind == ZT_PT_OPEN_DICT)
      depth++;
    else if (t.kind == ZT_PT_CLOSE_ARRAY || t.kind == ZT_PT_CLOSE_DICT)
      depth--;
  }
  if (depth > 0)
    lx->bad = true;
  open->kind = k == ZT_PT_OPEN_ARRAY ? ZT_PT_ARRAY : ZT_PT_DICT;
  open->len = lx->pos - open->pos;
}

bool zt_pdflex_op(zt_pdflex *lx, zt_pdfop *op) {
  zt_pdftok t;
  memset(op, 0, sizeof *op);
  op->pos = lx->pos;
  while (zt_pdflex_next(lx, &t) != ZT_PT_END) {
    if (t.kind == ZT_PT_OPEN_ARRAY || t.kind == ZT_PT_OPEN_DICT)
      compound(lx, &t);
    else if (t.kind == ZT_PT_CLOSE_ARRAY || t.kind == ZT_PT_CLOSE_DICT ||
             t.kind == ZT_PT_BAD) {
      lx->bad = true;
      continue;
    }
    if (op->nargs == 0 && t.kind != ZT_PT_OPERATOR)
      op->pos = t.pos;
    if (t.kind == ZT_PT_OPERATOR) {
      if (op->nargs == 0)
        op->pos = t.pos;
      op->op = t;
      op->end = t.pos + t.len;
      return true;
    }
    if (op->nargs >= ZT_PDFOP_MAXARGS)
      memmove(op->args, op->args + 1,
              (ZT_PDFOP_MAXARGS - 1) * sizeof op->args[0]);
    op->args[op->nargs < ZT_PDFOP_MAXARGS ? op->nargs
                                          : ZT_PDFOP_MAXARGS - 1] = t;
    op->nargs++;
  }
  return false;
}

bool zt_pdftok_dict_int(const zt_pdflex *lx, const zt_pdftok *dict,
                        const char *key, long *out) {
  zt_pdflex sub;
  zt_pdftok t;
  size_t depth = 0;
  bool want = false;
  if (dict->kind != ZT_PT_DICT)
    return false;
  zt_pdflex_init(&sub, lx->p + dict->pos, dict->len);
  while (zt_pdflex_next(&sub, &t) != ZT_PT_END) {
    if (t.kind == ZT_PT_OPEN_ARRAY || t.kind == ZT_PT_OPEN_DICT) {
      depth++;
      want = false;
      continue;
    }
    if (t.kind == ZT_PT_CLOSE_ARRAY || t.kind == ZT_PT_CLOSE_DICT) {
      depth--;
      want = false;
      continue;
    }
    if (depth != 1)
      continue;
    if (want) {
      char buf[24];
      char *end;
      long v;
      if (t.kind != ZT_PT_NUMBER || t.len >= sizeof buf)
        return false;
      memcpy(buf, sub.p + t.pos, t.len);
      buf[t.len] = '\0';
      v = strtol(buf, &end, 10);
      if (*end != '\0')
        return false;
      *out = v;
      return true;
    }
    want = t.kind == ZT_PT_NAME && t.len == strlen(key) + 1 &&
           memcmp(sub.p + t.pos + 1, key, t.len - 1) == 0;
  }
  return false;
}

bool zt_pdfop_paints(const zt_pdflex *lx, const zt_pdfop *op) {
  static const char *const ops[] = {"S", "s",  "f",  "F",  "f*", "B",
                                    "B*", "b", "b*", "sh", "Tj", "TJ",
                                    "'",  "\"", "Do", "BI", "EI"};
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
    if (zt_pdftok_is(lx, &op->op, ops[i]))
      return true;
  return false;
}

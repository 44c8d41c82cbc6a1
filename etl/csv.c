/*
 * etl/csv.c -- the streaming RFC 4180 tokenizer (see csv.h).
 *
 * Two paths share one parser, parse():
 *   - fast: the record lies wholly in the current chunk. parse() splits it
 *     in place; unquoted fields are slices of the chunk, quoted ones are
 *     unescaped into `fbuf`. Unquoted text is scanned 8 bytes at a time.
 *   - slow: parse() reached the end of the chunk first. The record's bytes
 *     are gathered into `rec` while a four-state scanner (find_end) that
 *     follows exactly the quoting rules of parse() looks for the record's
 *     end across further chunks; then parse() splits `rec`. A record too
 *     long for `rec` is scanned to its end without being stored.
 * Each byte is thus scanned at most twice, and time stays linear even for
 * hostile input (tests/fuzz/fuzz_csv.c checks that both paths agree).
 *
 * A quote left open (see csv.h) cuts the record to its first line. The
 * fast path simply resumes after that line end. The slow path has already
 * gathered the bytes after it into `rec`: they are copied to `replay`,
 * which becomes the current chunk, and what was left of the chunk being
 * read is kept in `saved`, handed out before the next pull. Each byte is
 * replayed at most once per resync, and a resync moves on by a line.
 */
#include "etl/csv.h"

#include <assert.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "etl/source.h"

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* States of find_end(), the slow path's record-end scanner. */
enum { F_START, F_PLAIN, F_QUOTED, F_QUOTE_SEEN };

struct zt_csv {
  char delim;
  uint64_t dmask;            /* delim in every byte */
  zt_csv_limits lim;
  zt_csv_pull_fn pull;
  void *pull_ctx;
  const char *chunk;         /* current chunk: chunk[cpos..clen) unread */
  size_t clen, cpos;
  bool eof;                  /* pull said the input has ended */
  long line;                 /* line where the next record starts */
  long blank;
  /* slow path */
  char *rec;                 /* the record's bytes, line end included */
  size_t rlen, rcap;
  bool skipping;             /* the record did not fit: not stored */
  int fstate;                /* find_end() state */
  long fnl;                  /* line ends inside quotes seen so far */
  int fcnt;                  /* find_end(): see swallows() */
  int guard;                 /* zt_csv_set_guard(); 0: none */
  /* resync after a quote left open */
  char *replay;              /* bytes to read again (rcap bytes) */
  const char *saved;         /* rest of the chunk the replay interrupted */
  size_t nsaved;
  /* parse() output */
  char *fbuf;                /* unescaped quoted fields */
  size_t fcap;
  zt_slice *fields;
};

/* What parse() found, besides the fields in c->fields. */
typedef struct parsed {
  bool blank;
  int ncols;
  long nl;                   /* line ends inside quoted fields */
  size_t rawlen;
  zt_csv_error error;
  int error_field;
} parsed;

zt_status zt_csv_pull_source(void *ctx, const char **p, size_t *n,
                             zt_err *err) {
  return zt_source_next((zt_source *)ctx, p, n, err);
}

static bool delim_ok(char d) {
  return d != '"' && d != '\r' && d != '\n';
}

zt_status zt_csv_new(zt_csv **out, char delim, const zt_csv_limits *lim,
                     zt_csv_pull_fn pull, void *pull_ctx, zt_err *err) {
  zt_csv_limits def = {ZT_CSV_FIELD_MAX, ZT_CSV_FIELDS_MAX,
                       ZT_CSV_RECORD_MAX, ZT_CSV_QUOTED_LINES_MAX};
  zt_csv *c;
  *out = NULL;
  if (!lim)
    lim = &def;
  if (!delim_ok(delim) || lim->fields_max < 1 || lim->record_max < 1 ||
      lim->field_max < 1 || lim->record_max > (SIZE_MAX / 4))
    return zt_fail(err, ZT_ERR_USAGE, "csv: bad delimiter or limits");
  c = calloc(1, sizeof *c);
  if (!c)
    return zt_fail(err, ZT_ERR_NOMEM, "csv: out of memory");
  c->lim = *lim;
  if (c->lim.quoted_lines_max <= 0)
    c->lim.quoted_lines_max = ZT_CSV_QUOTED_LINES_MAX;
  c->pull = pull;
  c->pull_ctx = pull_ctx;
  c->line = 1;
  c->rcap = lim->record_max + 2;          /* room for "\r\n" */
  c->fcap = lim->record_max;
  c->rec = malloc(c->rcap);
  c->replay = malloc(c->rcap);
  c->fbuf = malloc(c->fcap);
  c->fields = malloc((size_t)lim->fields_max * sizeof *c->fields);
  if (!c->rec || !c->replay || !c->fbuf || !c->fields) {
    zt_csv_free(c);
    return zt_fail(err, ZT_ERR_NOMEM, "csv: out of memory");
  }
  zt_csv_set_delim(c, delim);
  *out = c;
  return ZT_OK;
}

void zt_csv_free(zt_csv *c) {
  if (!c)
    return;
  free(c->rec);
  free(c->replay);
  free(c->fbuf);
  free(c->fields);
  free(c);
}

void zt_csv_set_delim(zt_csv *c, char delim) {
  assert(delim_ok(delim));
  c->delim = delim;
  c->dmask = ONES * (unsigned char)delim;
}

void zt_csv_set_guard(zt_csv *c, int ndelims) {
  c->guard = ndelims > 0 ? ndelims : 0;
}

char zt_csv_delim(const zt_csv *c) { return c->delim; }
long zt_csv_lines(const zt_csv *c) { return c->line - 1; }
long zt_csv_blank_lines(const zt_csv *c) { return c->blank; }

/* First byte in [p, e) that is the delimiter or LF, or e. */
static inline const char *scan_plain(const char *p, const char *e, char d,
                                     uint64_t dmask) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const uint64_t nlmask = ONES * '\n';
  while (e - p >= 8) {
    uint64_t w, x, y, t;
    memcpy(&w, p, 8);
    x = w ^ dmask;
    y = w ^ nlmask;
    /* The lowest flagged byte of each is exact (borrows only run up). */
    t = ((x - ONES) & ~x & HIGHS) | ((y - ONES) & ~y & HIGHS);
    if (t)
      return p + (__builtin_ctzll(t) >> 3);
    p += 8;
  }
#else
  (void)dmask;
#endif
  while (p < e && *p != d && *p != '\n')
    p++;
  return p;
}

static long count_nl(const char *p, size_t n) {
  long k = 0;
  const char *e = p + n;
  while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
    k++;
    p++;
  }
  return k;
}

/* Append to fbuf; past its end only remember that it overflowed (which
 * means the record is longer than record_max: it is rejected anyway). */
static inline void fput(zt_csv *c, size_t *fo, const char *s, size_t n,
                        bool *over) {
  if (n <= c->fcap - *fo) {
    memcpy(c->fbuf + *fo, s, n);
    *fo += n;
  } else
    *over = true;
}

/* The record from p0 left a quote open too long: it is only its first
 * physical line (which ends in [p0, e), inside the quotes). Returns the
 * bytes that line takes, its line end included. */
static size_t cut_to_line(zt_csv *c, const char *p0, const char *e,
                          parsed *r) {
  const char *lf = memchr(p0, '\n', (size_t)(e - p0));
  assert(lf);
  r->blank = false;
  r->ncols = 0;
  r->nl = 0;
  r->rawlen = (size_t)(lf - p0);
  if (r->rawlen && p0[r->rawlen - 1] == '\r')
    r->rawlen--;
  r->error = ZT_CSV_UNTERMINATED;
  r->error_field = -1;
  (void)c;
  return (size_t)(lf - p0) + 1;
}

/* The guard (zt_csv_set_guard): [s, e) is quoted text that continues a
 * quoted field; does a line after a line end inside the quotes hold
 * c->guard delimiters or more? *cnt: the delimiters of that line so far,
 * -1 while still on the line the field began on. Bytes are looked at one
 * by one only after a line end inside quotes, which is rare. */
static bool swallows(const zt_csv *c, const char *s, const char *e,
                     int *cnt) {
  if (*cnt < 0) {
    const char *lf = memchr(s, '\n', (size_t)(e - s));
    if (!lf)
      return false;
    *cnt = 0;
    s = lf + 1;
  }
  for (; s < e; s++) {
    if (*s == '\n')
      *cnt = 0;
    else if (*s == c->delim && ++*cnt >= c->guard)
      return true;
  }
  return false;
}

/*
 * Parse the record that starts at p0 in [p0, e), p0 < e. Returns the
 * bytes it takes (its line end included), or 0 when [p0, e) ends before
 * the record does and `final` is false. With `final`, e is the end of the
 * input. Fields go to c->fields, the rest to *r.
 */
static size_t parse(zt_csv *c, const char *p0, const char *e, bool final,
                    parsed *r) {
  const char d = c->delim;
  const uint64_t dmask = c->dmask;
  const int nmax = c->lim.fields_max;
  const size_t fmax = c->lim.field_max;
  const char *p = p0;
  size_t fo = 0, used;
  int nf = 0, efield = -1;
  long nl = 0;
  bool over = false, open = false, at_nl;

  r->blank = false;
  if (*p == '\n' || *p == '\r') {
    size_t k = 0;
    if (*p == '\n')
      k = 1;
    else if (p + 1 < e)
      k = p[1] == '\n' ? 2 : 0;
    else if (!final)
      return 0;                   /* a CR: is an LF next? */
    else
      k = 1;                      /* a lone CR at the end */
    if (k) {
      r->blank = true;
      return k;
    }
  }

  for (;;) {
    const char *fs;
    size_t fl;
    if (p < e && *p == '"') {
      const char *q = p + 1;
      size_t start = fo;
      int qcnt = -1;                /* swallows() */
      fl = 0;
      for (;;) {
        const char *qq = memchr(q, '"', (size_t)(e - q));
        if (!qq) {
          if (!final)
            return 0;
          nl += count_nl(q, (size_t)(e - q));
          if (nl > 0)
            return cut_to_line(c, p0, e, r);
          fput(c, &fo, q, (size_t)(e - q), &over);
          fl += (size_t)(e - q);
          p = e;
          open = true;
          break;
        }
        if (qq + 1 == e && !final)
          return 0;                 /* closing, or the first of "" ? */
        nl += count_nl(q, (size_t)(qq - q));
        if (nl > c->lim.quoted_lines_max ||
            (c->guard && nl && swallows(c, q, qq, &qcnt)))
          return cut_to_line(c, p0, e, r);
        if (qq + 1 < e && qq[1] == '"') {
          fput(c, &fo, q, (size_t)(qq + 1 - q), &over);
          fl += (size_t)(qq + 1 - q);
          q = qq + 2;
          continue;
        }
        fput(c, &fo, q, (size_t)(qq - q), &over);
        fl += (size_t)(qq - q);
        p = qq + 1;
        break;
      }
      if (p < e && *p != d && *p != '\n') {
        /* Text after the closing quote: kept literally. */
        const char *s = p;
        size_t k;
        p = scan_plain(p, e, d, dmask);
        if (p == e && !final)
          return 0;
        k = (size_t)(p - s);
        if (k && s[k - 1] == '\r')  /* the CR of a CRLF, or at the end */
          k--;
        fput(c, &fo, s, k, &over);
        fl += k;
      }
      fs = c->fbuf + start;
    } else {
      fs = p;
      p = scan_plain(p, e, d, dmask);
      if (p == e && !final)
        return 0;
      fl = (size_t)(p - fs);
      if (fl && fs[fl - 1] == '\r')
        fl--;
    }
    if (nf < nmax) {
      c->fields[nf].p = fs;
      c->fields[nf].n = fl;
    }
    if (fl > fmax && efield < 0)
      efield = nf;
    nf++;
    if (p < e && *p == d) {
      p++;
      continue;
    }
    break;                          /* at LF, or at the end of input */
  }

  at_nl = p < e;                    /* then *p == '\n' */
  used = (size_t)(p - p0) + at_nl;
  if (nl > 0 && used > c->rcap)
    return cut_to_line(c, p0, e, r);
  r->rawlen = (size_t)(p - p0);
  if (!open && r->rawlen && p0[r->rawlen - 1] == '\r')
    r->rawlen--;
  r->ncols = nf;
  r->nl = nl;
  r->error_field = -1;
  if (open)
    r->error = ZT_CSV_UNTERMINATED;
  else if (r->rawlen > c->lim.record_max || over)
    r->error = ZT_CSV_RECORD_TOO_LONG;
  else if (efield >= 0) {
    r->error = ZT_CSV_FIELD_TOO_LONG;
    r->error_field = efield;
  } else if (nf > nmax)
    r->error = ZT_CSV_TOO_MANY_FIELDS;
  else
    r->error = ZT_CSV_OK;
  return used;
}

/* Fill *rec for a record parsed from p0, and count its lines. */
static void emit(zt_csv *c, zt_csv_rec *rec, const char *p0,
                 const parsed *r) {
  rec->f = c->fields;
  rec->ncols = r->ncols;
  rec->nf = r->ncols < c->lim.fields_max ? r->ncols : c->lim.fields_max;
  if (r->error == ZT_CSV_UNTERMINATED ||
      r->error == ZT_CSV_RECORD_TOO_LONG)
    rec->nf = rec->ncols = 0;        /* not split (the slow path cannot) */
  rec->line = c->line;
  rec->nlines = 1 + r->nl;
  rec->raw.p = p0;
  rec->raw.n = r->rawlen < c->lim.record_max ? r->rawlen : c->lim.record_max;
  rec->error = r->error;
  rec->error_field = r->error_field;
  c->line += rec->nlines;
}

/* What find_end() and feed() found. */
enum { FE_MORE, FE_FOUND, FE_QUOTED_LF };
enum { FD_MORE, FD_FOUND, FD_RESYNC_REC, FD_RESYNC_HERE };

/* Scan [p, p+n) for the end of the record, continuing from the saved
 * state. FE_FOUND and *end (just past the LF) when found. Follows the
 * quoting rules of parse(): a quote opens a quoted field only at a field's
 * start; after the closing quote, text is literal up to a delimiter or LF.
 * With `stop_qlf`, a line end inside quotes stops the scan (FE_QUOTED_LF,
 * *end just past it). */
static int find_end(zt_csv *c, const char *p, size_t n, bool stop_qlf,
                    size_t *end) {
  int st = c->fstate;
  long nl = c->fnl;
  const char d = c->delim;
  size_t i;
  for (i = 0; i < n; i++) {
    char ch = p[i];
    switch (st) {
    case F_START:
      if (ch == '"') {
        st = F_QUOTED;
        c->fcnt = -1;
      } else if (ch == '\n')
        goto found;
      else if (ch != d)
        st = F_PLAIN;
      break;
    case F_PLAIN:
      if (ch == d)
        st = F_START;
      else if (ch == '\n')
        goto found;
      break;
    case F_QUOTED: {
      /* Jump to the next quote, counting line ends on the way. */
      const char *q = memchr(p + i, '"', n - i);
      size_t k = q ? (size_t)(q - (p + i)) : n - i;
      if (stop_qlf) {
        const char *lf = memchr(p + i, '\n', k);
        if (lf) {
          c->fstate = st;
          c->fnl = nl + 1;
          *end = (size_t)(lf - p) + 1;
          return FE_QUOTED_LF;
        }
      }
      nl += count_nl(p + i, k);
      if (c->guard && nl && swallows(c, p + i, p + i + k, &c->fcnt)) {
        /* a record swallowed: past any limit, feed() resyncs */
        c->fstate = st;
        c->fnl = LONG_MAX / 2;
        return FE_MORE;
      }
      i += k;
      if (q)
        st = F_QUOTE_SEEN;
      else
        i--;                       /* the loop's i++ reaches n */
      break;
    }
    case F_QUOTE_SEEN:
      if (ch == '"')
        st = F_QUOTED;
      else if (ch == d)
        st = F_START;
      else if (ch == '\n')
        goto found;
      else
        st = F_PLAIN;
      break;
    }
  }
  c->fstate = st;
  c->fnl = nl;
  return FE_MORE;
found:
  c->fstate = st;
  c->fnl = nl;
  *end = i + 1;
  return FE_FOUND;
}

/* Gather [p, p+n) (up to the record's end) into c->rec; *used is what was
 * taken of it. FD_RESYNC_REC: a quote stayed open too long and `rec`
 * holds everything from the record's start to *used; FD_RESYNC_HERE: the
 * same, found while skipping a record too long for `rec` (its first line
 * end is at *used - 1: nothing after it was taken). */
static int feed(zt_csv *c, const char *p, size_t n, size_t *used) {
  size_t end, base = 0;
  int f;
  if (!c->skipping) {
    size_t room = c->rcap - c->rlen;
    size_t scan = n < room ? n : room;
    size_t k;
    f = find_end(c, p, scan, false, &end);
    k = f == FE_FOUND ? end : scan;
    memcpy(c->rec + c->rlen, p, k);
    c->rlen += k;
    *used = k;
    if (c->fnl > c->lim.quoted_lines_max)
      return FD_RESYNC_REC;
    if (f == FE_FOUND)
      return FD_FOUND;
    if (scan == n)
      return FD_MORE;
    /* `rec` is full: the record is longer than rcap bytes */
    if (c->fnl > 0)
      return FD_RESYNC_REC;
    c->skipping = true;
    base = scan;
  }
  /* Skipping (no line end inside quotes yet): the first one cuts the
   * record to its first line. */
  f = find_end(c, p + base, n - base, true, &end);
  *used = base + (f == FE_MORE ? n - base : end);
  return f == FE_FOUND ? FD_FOUND
         : f == FE_QUOTED_LF ? FD_RESYNC_HERE
                             : FD_MORE;
}

/* The next chunk: what a resync interrupted, else the puller's. */
static zt_status next_chunk(zt_csv *c, const char **p, size_t *n,
                            zt_err *err) {
  if (c->nsaved) {
    *p = c->saved;
    *n = c->nsaved;
    c->saved = NULL;
    c->nsaved = 0;
    return ZT_OK;
  }
  if (c->eof) {
    *p = NULL;
    *n = 0;
    return ZT_OK;
  }
  return c->pull(c->pull_ctx, p, n, err);
}

/* The record gathered in `rec` left a quote open: emit its first line as
 * an UNTERMINATED record and read the bytes after that line again. The
 * record started at `start_pos` of `start_chunk`; `left` tells whether
 * reading went on past that chunk. */
static void resync(zt_csv *c, zt_csv_rec *rec, const char *start_chunk,
                   size_t start_pos, bool left) {
  parsed r;
  size_t first = cut_to_line(c, c->rec, c->rec + c->rlen, &r);
  if (!left && start_chunk == c->replay) {
    /* Everything came from the replay buffer: just step back in it. */
    c->chunk = c->replay;
    c->cpos = start_pos + first;
  } else {
    size_t k = c->rlen - first;
    assert(c->nsaved == 0);
    if (c->chunk && c->cpos < c->clen) {
      c->saved = c->chunk + c->cpos;
      c->nsaved = c->clen - c->cpos;
    }
    memcpy(c->replay, c->rec + first, k);
    c->chunk = c->replay;
    c->clen = k;
    c->cpos = 0;
  }
  emit(c, rec, c->rec, &r);
}

/* The record starting at chunk[cpos] did not end inside the chunk. *blank
 * is set when it turns out to be a blank line. */
static zt_status slow(zt_csv *c, zt_csv_rec *rec, bool *blank,
                      zt_err *err) {
  const char *start_chunk = c->chunk;
  size_t start_pos = c->cpos;
  const char *p = c->chunk + c->cpos;
  size_t n = c->clen - c->cpos;
  bool left = false;
  int res;
  parsed r;
  c->rlen = 0;
  c->skipping = false;
  c->fstate = F_START;
  c->fnl = 0;
  c->fcnt = -1;
  *blank = false;
  for (;;) {
    size_t used = 0;
    zt_status st;
    res = feed(c, p, n, &used);
    c->cpos = (size_t)(p - c->chunk) + used;
    if (res != FD_MORE)
      break;
    st = next_chunk(c, &p, &n, err);
    if (st)
      return st;
    left = true;
    if (n == 0) {
      c->eof = true;
      c->chunk = NULL;
      c->clen = c->cpos = 0;
      break;
    }
    c->chunk = p;
    c->clen = n;
    c->cpos = 0;
  }
  if (res == FD_RESYNC_REC ||
      (res == FD_MORE && c->fstate == F_QUOTED && c->fnl > 0)) {
    resync(c, rec, start_chunk, start_pos, left);
    return ZT_OK;
  }
  if (c->skipping) {
    r.blank = false;
    r.ncols = 0;
    r.nl = 0;
    r.rawlen = c->rlen;
    r.error = res == FD_RESYNC_HERE ||
                      (res == FD_MORE && c->fstate == F_QUOTED)
                  ? ZT_CSV_UNTERMINATED
                  : ZT_CSV_RECORD_TOO_LONG;
    r.error_field = -1;
    emit(c, rec, c->rec, &r);
    return ZT_OK;
  }
  {
    size_t used = parse(c, c->rec, c->rec + c->rlen, true, &r);
    assert(used == c->rlen);
    (void)used;
  }
  if (r.blank) {
    c->line++;
    c->blank++;
    *blank = true;
    return ZT_OK;
  }
  emit(c, rec, c->rec, &r);
  return ZT_OK;
}

zt_status zt_csv_next(zt_csv *c, zt_csv_rec *rec, bool *got, zt_err *err) {
  *got = false;
  for (;;) {
    if (c->cpos < c->clen) {
      const char *p0 = c->chunk + c->cpos;
      parsed r;
      size_t used = parse(c, p0, c->chunk + c->clen, false, &r);
      bool blank;
      zt_status st;
      if (used) {
        c->cpos += used;
        if (r.blank) {
          c->line++;
          c->blank++;
          continue;
        }
        emit(c, rec, p0, &r);
        *got = true;
        return ZT_OK;
      }
      st = slow(c, rec, &blank, err);
      if (st)
        return st;
      if (blank)
        continue;
      *got = true;
      return ZT_OK;
    }
    if (c->eof)
      return ZT_OK;
    {
      const char *p;
      size_t n;
      zt_status st = next_chunk(c, &p, &n, err);
      if (st)
        return st;
      c->chunk = p;
      c->clen = n;
      c->cpos = 0;
      if (n == 0)
        c->eof = true;
    }
  }
}

void zt_csv_resplit(zt_csv *c, char delim, zt_csv_rec *rec) {
  char old = c->delim;
  parsed r;
  long line = rec->line, nlines = rec->nlines;
  const char *p0 = rec->raw.p;
  if (rec->raw.n == 0 || rec->error == ZT_CSV_RECORD_TOO_LONG ||
      rec->error == ZT_CSV_UNTERMINATED)
    return;
  zt_csv_set_delim(c, delim);
  parse(c, p0, p0 + rec->raw.n, true, &r);
  zt_csv_set_delim(c, old);
  if (r.blank) {                   /* only a CR: one field holding it */
    r = (parsed){.ncols = 1, .error_field = -1, .rawlen = rec->raw.n};
    c->fields[0].p = p0;
    c->fields[0].n = rec->raw.n;
  }
  {
    long saved = c->line;
    emit(c, rec, p0, &r);
    c->line = saved;
  }
  rec->line = line;
  rec->nlines = nlines;
  rec->raw.n = r.rawlen < c->lim.record_max ? r.rawlen : c->lim.record_max;
}

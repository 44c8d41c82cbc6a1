/*
 * etl/ingest.c -- ingest files into the store (see ingest.h).
 */
#include "etl/ingest.h"
#include "core/sort.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <libxml/parser.h>

#include "core/buf.h"
#include "core/csvout.h"
#include "core/date.h"
#include "core/hash.h"
#include "core/log.h"
#include "core/str.h"
#include "etl/csvread.h"
#include "etl/answer.h"
#include "etl/ijw.h"
#include "etl/pseudo.h"
#include "etl/source.h"

/*
 * Each file is read by two threads. The reader thread runs the CSV or XML
 * reader, validates and pseudonymizes every row and packs the typed
 * records (and the rejects, with their message and masked text) into
 * batches; the calling thread takes the batches in order and stores them.
 * Reading and SQLite then use a core each. A fixed number of batches
 * circulates between the two queues, so memory does not grow with the
 * file. When storing fails, the reader is told to stop and the remaining
 * batches are drained unread.
 */

enum item_type { IT_DECL, IT_ASSIGN, IT_CLIENT, IT_RES, IT_PC, IT_PROV,
                 IT_POP, IT_BENCH, IT_REJECT, IT_REQ, IT_CARE,
                 IT_ANSWER };

typedef struct item {
  uint8_t type;
  uint8_t kind;           /* zt_kind of the row */
  long line;
  uint32_t raw_off;       /* masked text in the batch's text buffer, or */
  uint32_t msg_off;       /* UINT32_MAX when there is none */
  union {
    zt_decl d;
    zt_assign a;
    zt_client c;
    zt_residence r;
    zt_productcode p;
    zt_provider v;
    zt_population b;
    zt_benchmark m;
    zt_request q;
    zt_care_event z;
    zt_answer n;
    struct {
      zt_reason reason;
      int field;
    } rej;
  } u;
} item;

#define BATCH_ITEMS 4096
#define BATCH_TEXT (512 * 1024)
#define NBATCHES 10
#define NO_TEXT UINT32_MAX

typedef struct batch {
  size_t n;
  zt_buf text;
  item items[BATCH_ITEMS];
} batch;

/* The reader thread's side of one file. */
typedef struct producer {
  zt_validator *v;
  zt_source *src;
  zt_read_opts ropts;
  bool xml;
  GAsyncQueue *full, *empty;
  batch *cur;
  batch *sentinel;          /* pushed after the last batch */
  gint cancel;              /* set by the store side when it fails */
  struct consumer *inline_co; /* small files: store each batch at once,
                                 on this thread, instead of queueing */
  zt_status inline_st;
  struct ahead *ahead;      /* read ahead: the batches go there (reading),
                               or come from there (storing) */
  bool ahead_full;          /* reading ahead: the file has too many rows */
  /* results, read after the thread is joined */
  zt_status st;
  zt_kind kind;
  zt_reason file_reason;
  zt_day message_day;       /* iJw: the message's own date */
  zt_ijw_info info;         /* iJw: its date and identification */
  zt_err err;
  long read, rejected;
  long by_reason[ZT_R_COUNT];
  char warnings[512];
  const char *path;
} producer;

/* The storing side of one file. */
typedef struct consumer consumer;
struct consumer {
  zt_store *store;
  int64_t file_id;
  bool replaced;            /* reference table emptied for this file */
  long accepted, duplicates, rejected;
  long by_reason[ZT_R_COUNT];
};

static zt_status store_batch(consumer *co, const struct batch *b,
                             zt_err *err);

void zt_rejects_write_header(FILE *fp) {
  fputs("file,line,field,reason,message,raw\n", fp);
}

bool zt_ingest_run_has_rejects(const zt_ingest_run *run) {
  return run->total.rejected > 0 || run->files_rejected > 0 ||
         run->total.earlier_rejected > 0;
}

void zt_ingest_run_free(zt_ingest_run *run) {
  for (size_t i = 0; i < run->nfiles; i++)
    g_free(run->files[i].path);
  free(run->files);
  memset(run, 0, sizeof *run);
}

/* ---- the reader thread ------------------------------------------------- */

/* Render a row without raw text (XML) as canonical "name=value" pairs,
 * with the BSN field masked. */
static void row_text(const zt_row *row, char *out, size_t outsz) {
  const zt_kind_layout *lay = zt_kind_layout_of(row->kind);
  zt_slice bsn = {NULL, 0};
  zt_buf b;
  zt_buf_init(&b, 4096);
  for (int i = 0; lay && i < lay->nfields; i++) {
    zt_slice s = row->f[i];
    if (!s.p)
      continue;
    zt_buf_printf(&b, "%s%s=", b.len ? ";" : "", lay->names[i]);
    if (strcmp(lay->names[i], "bsn") == 0) {
      char mask[ZT_MASK_MAX];
      bsn = s;
      zt_bsn_mask(s.p, s.n, mask);
      zt_buf_puts(&b, mask);
    } else {
      zt_buf_append(&b, s.p, s.n < 200 ? s.n : 200);
    }
  }
  zt_mask_line_of(zt_buf_str(&b), b.len, bsn.p, bsn.n, out, outsz);
  zt_buf_free(&b);
}

/* The BSN field of a row of this kind, or -1. */
static int bsn_field(zt_kind kind) {
  switch (kind) {
  case ZT_KIND_DECLARATIES: return ZT_D_BSN;
  case ZT_KIND_TOEWIJZINGEN: return ZT_A_BSN;
  case ZT_KIND_CLIENTEN: return ZT_C_BSN;
  case ZT_KIND_RESIDENTIES: return ZT_R_BSN_F;
  case ZT_KIND_VERZOEKEN: return ZT_Q_BSN;
  case ZT_KIND_STARTZORG:
  case ZT_KIND_STOPZORG: return ZT_Z_BSN;
  default: return -1;
  }
}

/* The row's text with every BSN masked. */
static void masked_text(const zt_row *row, char *out, size_t outsz) {
  int bf = bsn_field(row->kind);
  if (row->raw.p) {
    const zt_slice *b = bf >= 0 ? &row->f[bf] : NULL;
    zt_mask_line(row->raw.p, row->raw.n, b ? b->p : NULL, b ? b->n : 0, out,
                 outsz);
  } else {
    row_text(row, out, outsz);
  }
}

/* Hand the current batch to the store side and take an empty one. */
static zt_status ahead_batch(producer *pr, zt_err *err);

static zt_status next_batch(producer *pr, zt_err *err) {
  if (pr->ahead)
    return ahead_batch(pr, err);
  if (pr->inline_co) {
    zt_status st = store_batch(pr->inline_co, pr->cur, err);
    pr->cur->n = 0;
    zt_buf_reset(&pr->cur->text);
    if (st) {
      pr->inline_st = st;
      return st;
    }
    return ZT_OK;
  }
  g_async_queue_push(pr->full, pr->cur);
  pr->cur = g_async_queue_pop(pr->empty);
  pr->cur->n = 0;
  zt_buf_reset(&pr->cur->text);
  if (g_atomic_int_get(&pr->cancel))
    return zt_fail(err, ZT_ERR_INTERNAL, "stopped: storing failed");
  return ZT_OK;
}

/* A fresh item at the end of the current batch. */
static zt_status new_item(producer *pr, enum item_type type,
                          const zt_row *row, item **out, zt_err *err) {
  item *it;
  if (pr->cur->n == BATCH_ITEMS || pr->cur->text.len > BATCH_TEXT - 2048) {
    zt_status st = next_batch(pr, err);
    if (st)
      return st;
  }
  it = &pr->cur->items[pr->cur->n++];
  it->type = (uint8_t)type;
  it->kind = (uint8_t)row->kind;
  it->line = row->line;
  it->raw_off = it->msg_off = NO_TEXT;
  *out = it;
  return ZT_OK;
}

/* Keep a string in the batch's text buffer; its offset, or NO_TEXT. */
static uint32_t keep_text(batch *b, const char *s) {
  uint32_t off = (uint32_t)b->text.len;
  if (!s || zt_buf_append(&b->text, s, strlen(s) + 1))
    return NO_TEXT;
  return off;
}

static zt_status emit_reject(producer *pr, const zt_row *row,
                             zt_reason reason, int field, const char *msg,
                             const char *raw, zt_err *err) {
  item *it;
  zt_status st = new_item(pr, IT_REJECT, row, &it, err);
  if (st)
    return st;
  it->u.rej.reason = reason;
  it->u.rej.field = field;
  it->msg_off = keep_text(pr->cur, msg);
  it->raw_off = keep_text(pr->cur, raw);
  pr->rejected++;
  pr->by_reason[reason]++;
  return ZT_OK;
}

static zt_status sink_row(void *ctx, const zt_row *row, zt_err *err) {
  producer *pr = ctx;
  zt_reject rej;
  item *it;
  zt_status st;
  enum item_type type;

  pr->read++;
  switch (row->kind) {
  case ZT_KIND_DECLARATIES: type = IT_DECL; break;
  case ZT_KIND_TOEWIJZINGEN: type = IT_ASSIGN; break;
  case ZT_KIND_CLIENTEN: type = IT_CLIENT; break;
  case ZT_KIND_RESIDENTIES: type = IT_RES; break;
  case ZT_KIND_PRODUCTCODES: type = IT_PC; break;
  case ZT_KIND_AANBIEDERS: type = IT_PROV; break;
  case ZT_KIND_BEVOLKING: type = IT_POP; break;
  case ZT_KIND_BENCHMARK: type = IT_BENCH; break;
  case ZT_KIND_VERZOEKEN: type = IT_REQ; break;
  case ZT_KIND_STARTZORG:
  case ZT_KIND_STOPZORG: type = IT_CARE; break;
  case ZT_KIND_ANTWOORDEN: type = IT_ANSWER; break;
  default:
    return zt_fail(err, ZT_ERR_INTERNAL, "row of unknown kind %d",
                   (int)row->kind);
  }
  st = new_item(pr, type, row, &it, err);
  if (st)
    return st;
  switch (type) {
  case IT_DECL: st = zt_validate_decl(pr->v, row, &it->u.d, &rej); break;
  case IT_ASSIGN: st = zt_validate_assign(pr->v, row, &it->u.a, &rej); break;
  case IT_CLIENT: st = zt_validate_client(pr->v, row, &it->u.c, &rej); break;
  case IT_RES: st = zt_validate_residence(pr->v, row, &it->u.r, &rej); break;
  case IT_PC:
    st = zt_validate_productcode(pr->v, row, &it->u.p, &rej);
    break;
  case IT_POP:
    st = zt_validate_population(pr->v, row, &it->u.b, &rej);
    break;
  case IT_BENCH:
    st = zt_validate_benchmark(pr->v, row, &it->u.m, &rej);
    break;
  case IT_REQ: st = zt_validate_request(pr->v, row, &it->u.q, &rej); break;
  case IT_CARE: st = zt_validate_care(pr->v, row, &it->u.z, &rej); break;
  case IT_ANSWER:
    st = zt_validate_answer(pr->v, row, &it->u.n, &rej);
    break;
  default: st = zt_validate_provider(pr->v, row, &it->u.v, &rej); break;
  }
  if (st)
    return st == ZT_ERR_NOMEM ? zt_fail(err, st, "out of memory") : st;
  if (rej.reason != ZT_R_NONE || type != IT_DECL) {
    /* The masked text goes along for rejects, and for the rarer kinds
     * whose rows the store may still reject (overlaps, repeats). */
    char raw[600];
    masked_text(row, raw, sizeof raw);
    if (rej.reason != ZT_R_NONE) {
      pr->cur->n--;                 /* the row becomes a reject item */
      return emit_reject(pr, row, rej.reason, rej.field, rej.message, raw,
                         err);
    }
    it->raw_off = keep_text(pr->cur, raw);
  }
  return ZT_OK;
}

static zt_status sink_reject(void *ctx, zt_kind kind, long line,
                             zt_reason reason, int field, const char *message,
                             zt_slice raw, zt_err *err) {
  producer *pr = ctx;
  char masked[600];
  zt_row row;
  memset(&row, 0, sizeof row);
  row.kind = kind;
  row.line = line;
  pr->read++;
  /* a line the reader could not split: its BSN field is not known, so
   * every run of ten or more digits is masked too (the line's own BSN
   * may stand inside one, docs/privacy.md) */
  if (raw.p)
    zt_mask_text(raw.p, raw.n, NULL, 0, ZT_MASK_LONG, masked,
                 sizeof masked);
  return emit_reject(pr, &row, reason, field, message, raw.p ? masked : NULL,
                     err);
}

static void ahead_warn(producer *pr, const char *message);

static void sink_warn(void *ctx, const char *message) {
  producer *pr = ctx;
  size_t n = strlen(pr->warnings);
  if (pr->ahead)
    ahead_warn(pr, message);      /* logged when the file is stored */
  else
    zt_warn("ingest", "%s: %s", pr->path, message);
  snprintf(pr->warnings + n, sizeof pr->warnings - n, "%s%s", n ? "; " : "",
           message);
}

/* Read an iJw message; its identification, by which a JW325 answer
 * names it, is kept with any nine digits that pass the 11-test replaced
 * as in a reference (zt_bsn_scrub_any: the answer's copy gets the same
 * token, etl/answer.c). */
static zt_status read_xml(producer *pr, zt_source *src,
                          zt_rowsink *sink) {
  long hits = 0;
  zt_status st = zt_ijw_read_info(src, &pr->ropts, sink, &pr->kind,
                                  &pr->file_reason, &pr->info, &pr->err);
  zt_status sc = zt_bsn_scrub_any(pr->v->ps, pr->info.ident, &hits);
  pr->v->bsn_in_ref += hits > 0;
  return st ? st : sc;
}

static gpointer produce(gpointer data) {
  producer *pr = data;
  zt_rowsink sink = {pr, sink_row, sink_reject, sink_warn};
  zt_err_clear(&pr->err);
  if (pr->xml)
    pr->st = read_xml(pr, pr->src, &sink);
  else
    pr->st = zt_csv_read(pr->src, &pr->ropts, &sink, &pr->kind,
                         &pr->file_reason, &pr->err);
  if (pr->cur->n)
    g_async_queue_push(pr->full, pr->cur);
  else
    g_async_queue_push(pr->empty, pr->cur);
  pr->cur = NULL;
  g_async_queue_push(pr->full, pr->sentinel);
  return NULL;
}

/* ---- the storing side ----------------------------------------------------
 */

static const char *text_at(const batch *b, uint32_t off) {
  return off == NO_TEXT ? NULL : b->text.data + off;
}

static zt_status store_item(consumer *co, const batch *b, const item *it,
                            zt_err *err) {
  zt_put_result res;
  zt_status st;
  const zt_kind_layout *lay;

  switch (it->type) {
  case IT_DECL:
    /* counted when its batch is stored (zt_store_batch_counts) */
    return zt_store_queue_decl(co->store, co->file_id, it->line, &it->u.d,
                               err);
  case IT_REJECT:
    lay = zt_kind_layout_of((zt_kind)it->kind);
    return zt_store_put_reject(
        co->store, co->file_id, it->line,
        lay && it->u.rej.field >= 0 && it->u.rej.field < lay->nfields
            ? lay->names[it->u.rej.field] : NULL,
        it->u.rej.reason, text_at(b, it->msg_off), text_at(b, it->raw_off),
        err);
  case IT_ASSIGN:
    st = zt_store_put_assign(co->store, co->file_id, it->line, &it->u.a, &res,
                             err);
    break;
  case IT_CLIENT:
    st = zt_store_put_client(co->store, co->file_id, it->line, &it->u.c, &res,
                             err);
    break;
  case IT_RES:
    st = zt_store_put_residence(co->store, co->file_id, it->line, &it->u.r,
                                &res, err);
    break;
  case IT_BENCH:
    st = zt_store_put_benchmark(co->store, co->file_id, it->line, &it->u.m,
                                &res, err);
    break;
  case IT_REQ:
    st = zt_store_put_request(co->store, co->file_id, it->line, &it->u.q,
                              &res, err);
    break;
  case IT_CARE:
    st = zt_store_put_care(co->store, co->file_id, it->line, &it->u.z, &res,
                           err);
    break;
  case IT_ANSWER:
    st = zt_store_put_answer(co->store, co->file_id, it->line, &it->u.n,
                             &res, err);
    break;
  case IT_PC:
  case IT_PROV:
  case IT_POP:
    if (!co->replaced) {
      st = zt_store_replace_table(co->store, (zt_kind)it->kind, err);
      if (st)
        return st;
      co->replaced = true;
    }
    if (it->type == IT_PC)
      st = zt_store_put_productcode(co->store, co->file_id, it->line,
                                    &it->u.p, &res, err);
    else if (it->type == IT_POP)
      st = zt_store_put_population(co->store, co->file_id, it->line,
                                   &it->u.b, &res, err);
    else
      st = zt_store_put_provider(co->store, co->file_id, it->line, &it->u.v,
                                 &res, err);
    break;
  default:
    return zt_fail(err, ZT_ERR_INTERNAL, "unknown item %d", it->type);
  }
  if (st)
    return st;
  if (res.outcome == ZT_PUT_STORED) {
    co->accepted++;
  } else if (res.outcome == ZT_PUT_DUPLICATE) {
    co->duplicates++;
  } else {
    lay = zt_kind_layout_of((zt_kind)it->kind);
    co->rejected++;
    co->by_reason[res.reject.reason]++;
    return zt_store_put_reject(
        co->store, co->file_id, it->line,
        lay && res.reject.field >= 0 && res.reject.field < lay->nfields
            ? lay->names[res.reject.field] : NULL,
        res.reject.reason, res.reject.message, text_at(b, it->raw_off), err);
  }
  return ZT_OK;
}

static zt_status store_batch(consumer *co, const batch *b, zt_err *err) {
  zt_status st = ZT_OK;
  for (size_t i = 0; !st && i < b->n; i++)
    st = store_item(co, b, &b->items[i], err);
  return st;
}

/* Files below this size are read and stored on one thread: for them a
 * thread and its hand-overs cost more than they save. */
#define INLINE_MAX (1u << 20)

static zt_status store_ahead(producer *pr, consumer *co, zt_err *err);

/* Read the whole file through the pipeline. Returns the storing side's
 * status; the reader's is in pr->st. */
static zt_status pump(producer *pr, consumer *co, batch *batches,
                      uint64_t bytes, zt_err *err) {
  batch sentinel_mark;
  GThread *th;
  zt_status st = ZT_OK;

  if (pr->ahead)
    return store_ahead(pr, co, err);
  if (bytes < INLINE_MAX) {
    zt_rowsink sink = {pr, sink_row, sink_reject, sink_warn};
    pr->inline_co = co;
    pr->cur = &batches[0];
    pr->cur->n = 0;
    zt_buf_reset(&pr->cur->text);
    zt_err_clear(&pr->err);
    if (pr->xml)
      pr->st = read_xml(pr, pr->src, &sink);
    else
      pr->st = zt_csv_read(pr->src, &pr->ropts, &sink, &pr->kind,
                           &pr->file_reason, &pr->err);
    if (pr->inline_st) {
      /* storing failed inside the reader: its message is in pr->err */
      if (err)
        *err = pr->err;
      return pr->inline_st;
    }
    if (pr->cur->n)
      st = store_batch(co, pr->cur, err);
    pr->cur->n = 0;
    return st;
  }

  pr->full = g_async_queue_new();
  pr->empty = g_async_queue_new();
  pr->sentinel = &sentinel_mark;
  for (int i = 1; i < NBATCHES; i++)
    g_async_queue_push(pr->empty, &batches[i]);
  pr->cur = &batches[0];
  pr->cur->n = 0;
  zt_buf_reset(&pr->cur->text);
  th = g_thread_new("zothuis-reader", produce, pr);
  for (;;) {
    batch *b = g_async_queue_pop(pr->full);
    if (b == pr->sentinel)
      break;
    for (size_t i = 0; !st && i < b->n; i++)
      st = store_item(co, b, &b->items[i], err);
    if (st)
      g_atomic_int_set(&pr->cancel, 1);
    b->n = 0;
    g_async_queue_push(pr->empty, b);
  }
  g_thread_join(th);
  g_async_queue_unref(pr->full);
  g_async_queue_unref(pr->empty);
  return st;
}

/* ---- one file --------------------------------------------------------- */

/* One line of rejects.csv. */
typedef struct reject_out {
  zt_csvout csv;
  const char *name;
} reject_out;

static void write_reject(void *ctx, long line, const char *field,
                         const char *reason, const char *message,
                         const char *raw) {
  reject_out *ro = ctx;
  /* names and the messages that quote them may hold a BSN */
  char *name = zt_mask_dup(ro->name), *msg = zt_mask_dup(message);
  zt_csvout_str(&ro->csv, name);
  zt_csvout_int(&ro->csv, line);
  zt_csvout_str(&ro->csv, field ? field : "");
  zt_csvout_str(&ro->csv, reason);
  zt_csvout_str(&ro->csv, msg);
  zt_csvout_str(&ro->csv, raw ? raw : "");
  zt_csvout_end(&ro->csv);
  g_free(name);
  g_free(msg);
}

/* Is the content XML? Skips a BOM and leading blanks. */
static bool looks_like_xml(const char *p, size_t n) {
  size_t i = 0;
  if (n >= 3 && (unsigned char)p[0] == 0xef && (unsigned char)p[1] == 0xbb &&
      (unsigned char)p[2] == 0xbf)
    i = 3;
  while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
                   p[i] == '\n'))
    i++;
  return i < n && p[i] == '<';
}

/* Fingerprint a whole file without parsing it: the file `id` that is
 * open for reading, opened again by its name (`nofollow`: not through a
 * link); another file there now (a link or a file swapped in since) is
 * not read, ZT_ERR_IO. */
static zt_status fingerprint_file(const char *path, bool nofollow,
                                  const zt_file_id *id, char hex[33],
                                  zt_err *err) {
  zt_source *src;
  zt_file_id now;
  const char *h;
  zt_status st = zt_source_open_flags(
      &src, path, ZT_SRC_LAZY | (nofollow ? ZT_SRC_NOFOLLOW : 0), err);
  if (st)
    return st;
  zt_source_identity(src, &now);
  if (!zt_file_id_same(&now, id)) {
    zt_source_close(src);
    return zt_fail(err, ZT_ERR_IO, "%s: not the file opened", path);
  }
  st = zt_source_fingerprint(src, &h, err);
  if (!st)
    memcpy(hex, h, 33);
  zt_source_close(src);
  return st;
}

/* One entry of the list of files to ingest. */
typedef struct entry {
  char *path;
  bool walked;           /* found in a folder */
  zt_file_status skip;   /* ZT_FILE_SKIPPED / _UNSETTLED, else INGESTED */
  char *why;             /* the message of a skip */
  zt_file_id id;         /* as listed (walked files) */
  char *marker;          /* its completion marker, or NULL */
  bool clock_ahead;      /* UNSETTLED: its times lie in the future */
} entry;

static void entry_free(gpointer p) {
  entry *e = p;
  g_free(e->path);
  g_free(e->why);
  g_free(e->marker);
  g_free(e);
}

/* Is `enc` XML in a wide encoding (UTF-16 or UTF-32, with or without a
 * byte order mark)? Its name, or NULL. */
static const char *wide_xml(const char *p, size_t n) {
  static const struct {
    const char *name;
    int unit;          /* bytes per code unit */
    int lt;            /* where the '<' byte is in a unit */
    int bom;           /* bytes of the byte order mark */
    const char *mark;
  } forms[] = {
      {"UTF-32LE", 4, 0, 4, "\xFF\xFE\0\0"},
      {"UTF-32BE", 4, 3, 4, "\0\0\xFE\xFF"},
      {"UTF-16LE", 2, 0, 2, "\xFF\xFE"},
      {"UTF-16BE", 2, 1, 2, "\xFE\xFF"},
  };
  const unsigned char *u = (const unsigned char *)p;
  for (int with_bom = 1; with_bom >= 0; with_bom--)
    for (size_t k = 0; k < sizeof forms / sizeof forms[0]; k++) {
      size_t i = 0, unit = (size_t)forms[k].unit;
      if (with_bom) {
        if (n < (size_t)forms[k].bom ||
            memcmp(p, forms[k].mark, (size_t)forms[k].bom) != 0)
          continue;
        i = (size_t)forms[k].bom;
      }
      /* blanks, then '<': every other byte of the unit zero */
      for (; i + unit <= n; i += unit) {
        unsigned c = u[i + (size_t)forms[k].lt];
        bool zeros = true;
        for (size_t b = 0; b < unit; b++)
          if (b != (size_t)forms[k].lt && u[i + b])
            zeros = false;
        if (!zeros)
          break;
        if (c == '<')
          return forms[k].name;
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
          break;
      }
    }
  return NULL;
}

/* ---- reading ahead ----------------------------------------------------- */

/*
 * Small files are read and stored on one thread (pump). In a folder of
 * them (one JW323 per provider, municipality and month) a second thread
 * reads, validates and pseudonymizes the next files while this one
 * stores: the "ahead" thread. It has a validator and pseudonymizer of its
 * own (same key) and touches neither the store nor anything this thread
 * changes; a pool of batches bounds its memory and a number of slots how
 * far it runs ahead. What it read is used only when ingest_one, having
 * opened the file itself, finds the very same fingerprint; everything
 * else (a large, gzipped, unreadable or already stored file, one with
 * too many rows for the pool) ingest_one reads itself as before. Files,
 * transactions and results are exactly those of reading in turn.
 */
#define AHEAD_POOL 24          /* batches shared by the files read ahead */
#define AHEAD_FILE_MAX 8       /* batches one file may take */
#define AHEAD_SLOTS 64         /* files read ahead, at most */

struct reader_ahead;

typedef struct ahead {
  struct reader_ahead *ra;
  const entry *en;
  bool ok;                     /* read: everything below holds */
  zt_file_id id;               /* the file as it was read */
  char hash[33];
  producer pr;                 /* the reading side's results */
  GString *logged;             /* warnings, one a line, logged when stored */
  long warn_month, warn_res, warn_bsn;
  batch *b[AHEAD_FILE_MAX];
  size_t nb;
} ahead;

typedef struct reader_ahead {
  GThread *thread;
  GAsyncQueue *done;           /* ahead *, in the order of the files */
  GAsyncQueue *pool;           /* free batch * */
  GAsyncQueue *slots;          /* tokens: files it may still read ahead */
  batch *all[AHEAD_POOL];
  GHashTable *known;           /* fingerprints stored before the run */
  zt_validator v;
  zt_pseudonymizer *ps;
  const zt_ingest_opts *opts;
  GPtrArray *files;
  gint stop;
  bool ended;                  /* the end mark was taken */
  ahead end;                   /* its address marks the end */
} reader_ahead;

/* A queue's next item, or NULL once the reader is told to stop. */
static gpointer take(reader_ahead *ra, GAsyncQueue *q) {
  for (;;) {
    gpointer p = g_async_queue_timeout_pop(q, 100000);
    if (p)
      return p;
    if (g_atomic_int_get(&ra->stop))
      return NULL;
  }
}

static zt_status ahead_batch(producer *pr, zt_err *err) {
  ahead *a = pr->ahead;
  batch *b = a->nb < AHEAD_FILE_MAX ? take(a->ra, a->ra->pool) : NULL;
  if (!b) {
    pr->ahead_full = true;
    return zt_fail(err, ZT_ERR_INTERNAL, "not read ahead");
  }
  b->n = 0;
  zt_buf_reset(&b->text);
  a->b[a->nb++] = b;
  pr->cur = b;
  return ZT_OK;
}

static void ahead_warn(producer *pr, const char *message) {
  g_string_append(pr->ahead->logged, message);
  g_string_append_c(pr->ahead->logged, '\n');
}

/* Give the file's batches back to the pool. */
static void ahead_drop(ahead *a) {
  for (size_t i = 0; i < a->nb; i++)
    g_async_queue_push(a->ra->pool, a->b[i]);
  a->nb = 0;
}

static void ahead_read(reader_ahead *ra, ahead *a) {
  const entry *en = a->en;
  producer *pr = &a->pr;
  zt_rowsink sink = {pr, sink_row, sink_reject, sink_warn};
  zt_source *src = NULL;
  zt_file_id id;
  zt_err e;
  const char *peek, *h = NULL;
  size_t npeek;

  if (en->skip != ZT_FILE_INGESTED ||
      zt_source_open_flags(&src, en->path,
                           en->walked ? ZT_SRC_NOFOLLOW : 0, &e) != ZT_OK)
    return;
  zt_source_identity(src, &id);
  a->id = id;
  if (id.size >= INLINE_MAX || zt_source_is_gzip(src) ||
      zt_source_peek(src, 4096, &peek, &npeek, &e) != ZT_OK ||
      zt_source_early_fingerprint(src, &h, &e) != ZT_OK || !h ||
      g_hash_table_contains(ra->known, h) || wide_xml(peek, npeek))
    goto out;
  zt_strlcpy(a->hash, h, sizeof a->hash);
  ra->v.month_crossing = 0;
  ra->v.residence_unknown = 0;
  ra->v.bsn_in_ref = 0;
  pr->v = &ra->v;
  pr->src = src;
  pr->ropts.want = ra->opts->kind;
  pr->ropts.mapping_path = ra->opts->mapping_path;
  pr->path = en->path;
  pr->kind = ZT_KIND_AUTO;
  pr->xml = looks_like_xml(peek, npeek);
  pr->ahead = a;
  zt_err_clear(&pr->err);
  if (ahead_batch(pr, &pr->err) != ZT_OK)
    goto out;
  if (pr->xml)
    pr->st = read_xml(pr, src, &sink);
  else
    pr->st = zt_csv_read(src, &pr->ropts, &sink, &pr->kind,
                         &pr->file_reason, &pr->err);
  if (pr->ahead_full || zt_source_changed(src)) {
    ahead_drop(a);
    goto out;
  }
  a->warn_month = ra->v.month_crossing;
  a->warn_res = ra->v.residence_unknown;
  a->warn_bsn = ra->v.bsn_in_ref;
  a->ok = true;
out:
  pr->src = NULL;
  zt_source_close(src);
}

static gpointer ahead_run(gpointer data) {
  reader_ahead *ra = data;
  for (guint i = 0; i < ra->files->len; i++) {
    ahead *a;
    if (!take(ra, ra->slots))
      break;                         /* told to stop */
    a = g_new0(ahead, 1);
    a->ra = ra;
    a->en = g_ptr_array_index(ra->files, i);
    a->logged = g_string_new(NULL);
    ahead_read(ra, a);
    g_async_queue_push(ra->done, a);
  }
  g_async_queue_push(ra->done, &ra->end);
  return NULL;
}

/* The file was stored (or not): its batches and slot go back. */
static void ahead_release(reader_ahead *ra, ahead *a) {
  ahead_drop(a);
  g_string_free(a->logged, TRUE);
  g_free(a);
  g_async_queue_push(ra->slots, GINT_TO_POINTER(1));
}

static void ahead_free(reader_ahead *ra) {
  for (int i = 0; i < AHEAD_POOL; i++)
    if (ra->all[i]) {
      zt_buf_free(&ra->all[i]->text);
      free(ra->all[i]);
    }
  if (ra->pool)
    g_async_queue_unref(ra->pool);
  if (ra->slots)
    g_async_queue_unref(ra->slots);
  if (ra->done)
    g_async_queue_unref(ra->done);
  if (ra->known)
    g_hash_table_destroy(ra->known);
  zt_pseudo_close(ra->ps);
  memset(ra, 0, sizeof *ra);
}

/* Start reading ahead over `files`; false when it is not worth it or
 * cannot be had (then files are read in turn, as ever). */
static bool ahead_start(reader_ahead *ra, zt_store *store,
                        const zt_validator *v, const zt_ingest_opts *opts,
                        GPtrArray *files) {
  zt_err e;
  memset(ra, 0, sizeof *ra);
  if (files->len < 2 || getenv("ZOTHUIS_NO_AHEAD"))
    return false;
  if (zt_store_seen_set(store, &ra->known, &e) != ZT_OK ||
      zt_pseudo_clone(&ra->ps, v->ps, &e) != ZT_OK) {
    ahead_free(ra);
    return false;
  }
  ra->v = *v;
  ra->v.ps = ra->ps;
  ra->opts = opts;
  ra->files = files;
  ra->pool = g_async_queue_new();
  ra->slots = g_async_queue_new();
  ra->done = g_async_queue_new();
  for (int i = 0; i < AHEAD_POOL; i++) {
    ra->all[i] = calloc(1, sizeof *ra->all[i]);
    if (!ra->all[i]) {
      ahead_free(ra);
      return false;
    }
    zt_buf_init(&ra->all[i]->text, BATCH_TEXT);
    g_async_queue_push(ra->pool, ra->all[i]);
  }
  for (int i = 0; i < AHEAD_SLOTS; i++)
    g_async_queue_push(ra->slots, GINT_TO_POINTER(1));
  ra->thread = g_thread_try_new("zothuis-ahead", ahead_run, ra, NULL);
  if (!ra->thread) {
    ahead_free(ra);
    return false;
  }
  return true;
}

/* What was read ahead for `en`, or NULL (then ingest_one reads it). */
static ahead *ahead_next(reader_ahead *ra, const entry *en) {
  ahead *a;
  if (!ra->thread || ra->ended)
    return NULL;
  a = g_async_queue_pop(ra->done);
  if (a == &ra->end) {
    ra->ended = true;
    return NULL;
  }
  if (a->en != en) {                  /* never: the order is the list's */
    ahead_release(ra, a);
    return NULL;
  }
  return a;
}

static void ahead_stop(reader_ahead *ra) {
  if (!ra->thread)
    return;
  g_atomic_int_set(&ra->stop, 1);
  while (!ra->ended) {
    ahead *a = g_async_queue_pop(ra->done);
    if (a == &ra->end)
      ra->ended = true;
    else
      ahead_release(ra, a);
  }
  g_thread_join(ra->thread);
  ahead_free(ra);
}

/* Kinds whose file replaces a whole reference table. */
static bool replaces_table(zt_kind k) {
  return k == ZT_KIND_PRODUCTCODES || k == ZT_KIND_AANBIEDERS ||
         k == ZT_KIND_BEVOLKING;
}

static bool ahead_usable(const ahead *a, const char *hash) {
  return a->ok && strcmp(a->hash, hash) == 0;
}

/* Store what was read ahead, and take over the reading side's results
 * as if this thread had read the file. */
static zt_status store_ahead(producer *pr, consumer *co, zt_err *err) {
  ahead *a = pr->ahead;
  const producer *rp = &a->pr;
  zt_status st = ZT_OK;
  for (size_t i = 0; !st && i < a->nb; i++)
    st = store_batch(co, a->b[i], err);
  pr->st = rp->st;
  pr->err = rp->err;
  pr->kind = rp->kind;
  pr->file_reason = rp->file_reason;
  pr->info = rp->info;
  pr->read = rp->read;
  pr->rejected = rp->rejected;
  memcpy(pr->by_reason, rp->by_reason, sizeof pr->by_reason);
  memcpy(pr->warnings, rp->warnings, sizeof pr->warnings);
  for (char *line = a->logged->str, *nl; (nl = strchr(line, '\n'));
       line = nl + 1) {
    *nl = '\0';
    zt_warn("ingest", "%s: %s", pr->path, line);
  }
  pr->v->month_crossing += a->warn_month;
  pr->v->residence_unknown += a->warn_res;
  pr->v->bsn_in_ref += a->warn_bsn;
  return st;
}

static zt_status ingest_one(zt_store *store, zt_validator *v,
                            batch *batches, const entry *en,
                            struct ahead *ah, const zt_ingest_opts *opts,
                            zt_ingest_run *run, zt_ingest_file *f,
                            zt_err *err) {
  const char *path = en->path;
  producer pr;
  consumer co;
  reject_out ro;
  zt_file_info fi;
  zt_file_done done;
  zt_source *src = NULL;
  zt_err rerr;
  const char *peek, *hash, *wide, *early = NULL;
  size_t npeek;
  bool maybe = false, already = false;
  long month0 = v->month_crossing;
  long res0 = v->residence_unknown;
  long bsn0 = v->bsn_in_ref;
  long by_reason[ZT_R_COUNT] = {0};
  long resent = 0;             /* lines delivered again, same number */
  char resent_first[40], resent_nr[40];
  char *base = g_path_get_basename(path);
  zt_status st = ZT_OK;

  memset(f, 0, sizeof *f);
  memset(&pr, 0, sizeof pr);
  memset(&co, 0, sizeof co);
  f->path = g_strdup(path);
  f->kind = opts->kind;
  f->walked = en->walked;
  f->marked = en->marker != NULL;
  f->clock_ahead = en->clock_ahead;
  zt_err_clear(&rerr);
  ro.name = base;
  if (opts->rejects) {
    zt_csvout_init(&ro.csv, opts->rejects, ',');
    zt_csvout_guard(&ro.csv, true);
  }

  if (en->skip != ZT_FILE_INGESTED) {
    /* not read at all: a link, a special file, a folder that cannot be
     * read, or a file still being written */
    f->status = en->skip;
    f->file_reason = en->skip == ZT_FILE_SKIPPED ? ZT_R_ENTRY_SKIPPED
                                                 : ZT_R_NONE;
    zt_msg_fit(en->why ? en->why : "", en->why ? strlen(en->why) : 0,
               f->message, sizeof f->message);   /* it may name a path */
    if (opts->rejects && en->skip == ZT_FILE_SKIPPED)
      write_reject(&ro, 0, NULL, zt_reason_code(f->file_reason), f->message,
                   NULL);
    g_free(base);
    return ZT_OK;
  }
  /* Files of a folder are opened without following a link, and must be
   * the very file listed: nothing outside the folder is ever read. A file
   * read ahead is opened without reading: when it is still the very file
   * that was read (zt_file_id_same), its bytes are not read twice. */
  if (zt_source_open_flags(&src, path,
                           (en->walked ? ZT_SRC_NOFOLLOW : 0) |
                               (ah && ah->ok ? ZT_SRC_LAZY : 0),
                           &rerr) != ZT_OK) {
    f->status = ZT_FILE_UNREADABLE;
    f->file_reason = ZT_R_FILE_UNREADABLE;
    snprintf(f->message, sizeof f->message, "%s",
             rerr.msg[0] ? rerr.msg : strerror(errno));
    if (opts->rejects)
      write_reject(&ro, 0, NULL, zt_reason_code(f->file_reason), f->message,
                   NULL);
    g_free(base);
    return ZT_OK;
  }
  zt_source_identity(src, &f->id);
  f->have_id = true;
  if (en->walked && (f->id.dev != en->id.dev || f->id.ino != en->id.ino)) {
    f->status = ZT_FILE_SKIPPED;
    f->file_reason = ZT_R_ENTRY_SKIPPED;
    zt_msg_printf(f->message, sizeof f->message,
                  "%s: replaced by another file while the folder was read; "
                  "not read", path);
    if (opts->rejects)
      write_reject(&ro, 0, NULL, zt_reason_code(f->file_reason), f->message,
                   NULL);
    goto out;
  }
  if (en->walked && opts->settle_seconds >= 0 && !en->marker &&
      (f->id.size != en->id.size || f->id.mtime_ns != en->id.mtime_ns)) {
    f->status = ZT_FILE_UNSETTLED;
    zt_msg_printf(f->message, sizeof f->message,
                  "%s: changed while the folder was read; left for the next "
                  "run", path);
    goto out;
  }
  /* A large file of a size already seen may be a repeat: fingerprint it
   * first so a repeat costs one read, not a whole ingest. (A small repeat
   * is read and found out at commit, which is cheaper than the check.) */
  if (f->id.size >= INLINE_MAX) {
    st = zt_store_same_size_seen(store, f->id.size, &maybe, err);
    if (st)
      goto out;
  }
  if (maybe) {
    char hex[33];
    bool seen = false;
    if (fingerprint_file(path, en->walked, &f->id, hex, &rerr) == ZT_OK) {
      st = zt_store_file_seen(store, hex, &seen, err);
      if (st)
        goto out;
      if (seen) {
        f->status = ZT_FILE_ALREADY;
        goto out;
      }
    } else {
      zt_err_clear(&rerr);      /* then it is read as a new file */
    }
  }

  pr.v = v;
  pr.src = src;
  pr.ropts.want = opts->kind;
  pr.ropts.mapping_path = opts->mapping_path;
  pr.path = path;
  pr.kind = ZT_KIND_AUTO;
  /* A small file's fingerprint is known before any parsing, so a repeat
   * costs a read and a lookup (a re-sent folder of small messages): the
   * other thread's, when the file is unchanged since it read it (no byte
   * is read again), else the peek's, which reads a small file whole. */
  if (!maybe && ah && ah->ok && zt_file_id_same(&f->id, &ah->id)) {
    early = ah->hash;
  } else {
    st = zt_source_peek(src, 4096, &peek, &npeek, &rerr);
    if (!st && !maybe && f->id.size < INLINE_MAX)
      st = zt_source_early_fingerprint(src, &early, &rerr);
  }
  if (!st && early) {
    bool seen = false;
    st = zt_store_file_seen(store, early, &seen, err);
    if (st)
      goto out;
    if (seen) {
      f->status = ZT_FILE_ALREADY;
      goto out;
    }
    /* read ahead from the very same bytes: store what was read */
    if (ah && ahead_usable(ah, early))
      pr.ahead = ah;
  }
  if (pr.ahead) {
    wide = NULL;                   /* the other thread's peek saw to it */
    pr.xml = ah->pr.xml;
  } else {
    wide = st ? NULL : wide_xml(peek, npeek);
    pr.xml = !st && (looks_like_xml(peek, npeek) || wide);
  }
  snprintf(f->format, sizeof f->format, "%s%s", pr.xml ? "xml" : "csv",
           zt_source_is_gzip(src) ? "+gzip" : "");
  fi.path = path;
  fi.kind = "unknown";
  fi.format = f->format;
  fi.bytes = f->id.size;
  /* A file read ahead, whole and valid: its rows cannot be rejected
   * halfway, so no savepoint is needed to undo it alone (it cost 12% of
   * ingesting many small messages, docs/benchmarks.md). Not a reference
   * table: replacing one may find it the same as before, and undo. */
  fi.whole = pr.ahead && pr.ahead->pr.st == ZT_OK &&
             !replaces_table(pr.ahead->pr.kind) && !opts->dry_run;
  /* the delivery date's fallback (docs/store.md): the modification day */
  fi.modified = f->id.mtime_ns > 0
                    ? (zt_day)(f->id.mtime_ns / INT64_C(1000000000) / 86400)
                    : ZT_DAY_NONE;
  /* a delivery date given on the command line comes before it */
  if (opts->delivered > 0 && opts->delivered != ZT_DAY_NONE)
    fi.modified = opts->delivered;
  if (!st && wide) {
    /* libxml2 could read it, but iJw messages are UTF-8: say so, rather
     * than calling it a CSV of unknown layout */
    st = zt_fail(&rerr, ZT_ERR_INPUT,
                 "%s: XML in %s; iJw messages are UTF-8: ask for the file "
                 "again in UTF-8", path, wide);
    pr.file_reason = ZT_R_XML_MALFORMED;
  } else if (!st) {
    st = zt_store_file_begin(store, &fi, &co.file_id, err);
    if (st)
      goto out;
    co.store = store;
    st = pump(&pr, &co, batches, f->id.size, err);
    if (st) {                       /* the store failed: not the file */
      zt_store_file_rollback(store);
      zt_err_prefix(err, "%s", path);
      goto out;
    }
    st = pr.st;
    rerr = pr.err;
    /* (a file stored whole holds the bytes that were read, checked the
     * same when it was opened: a writer after that changes nothing of
     * it, and `run` archives a file only when it is still unchanged) */
    if (!fi.whole && zt_source_changed(src)) {
      /* A writer is still at it: what was read is not the whole file. */
      zt_store_file_rollback(store);
      f->status = ZT_FILE_UNSETTLED;
      zt_msg_printf(f->message, sizeof f->message,
                    "%s: changed while it was read; nothing of it was stored "
                    "(it is read again %s)", path,
                    en->walked ? "by the next run" : "when it is named again");
      st = ZT_OK;
      goto out;
    }
    if (!st && zt_source_trailing(src)) {
      char w[160];
      snprintf(w, sizeof w, "%llu bytes after the end of the gzip data "
               "were ignored (gzip itself warns the same)",
               (unsigned long long)zt_source_trailing(src));
      sink_warn(&pr, w);
    }
  } else {
    pr.file_reason = ZT_R_FILE_UNREADABLE;
  }
  if (pr.kind != ZT_KIND_AUTO)
    f->kind = pr.kind;
  if (pr.xml && zt_ijw_format(pr.kind))
    snprintf(f->format, sizeof f->format, "%s%s", zt_ijw_format(pr.kind),
             zt_source_is_gzip(src) ? "+gzip" : "");
  zt_strlcpy(f->warnings, pr.warnings, sizeof f->warnings);

  if (!st && en->walked && opts->refuse_reference &&
      replaces_table(f->kind)) {
    /* Reference tables replace what the region configured: they come
     * only from where the configuration (or the command line) says. */
    st = zt_fail(&rerr, ZT_ERR_INPUT,
                 "%s: a %s file found in a folder; the region's %s comes "
                 "only from [input] %s (or a file named on the ingest "
                 "command line), unless [input] reference_from_inbox = "
                 "true", path,
                 f->kind == ZT_KIND_PRODUCTCODES ? "product catalogue"
                 : f->kind == ZT_KIND_BEVOLKING  ? "population"
                                                 : "provider list",
                 f->kind == ZT_KIND_PRODUCTCODES ? "catalogue"
                 : f->kind == ZT_KIND_BEVOLKING  ? "population"
                                                 : "provider list",
                 f->kind == ZT_KIND_PRODUCTCODES ? "product_codes"
                 : f->kind == ZT_KIND_BEVOLKING  ? "population"
                                                 : "providers");
    pr.file_reason = ZT_R_REFERENCE_IN_INBOX;
  }
  if (st && pr.file_reason == ZT_R_NONE && st != ZT_ERR_INPUT) {
    /* Memory or another failure that is not the file's fault. */
    zt_store_file_rollback(store);
    if (err)
      *err = rerr;
    zt_err_prefix(err, "%s", path);
    goto out;
  }
  if (st) {
    /* The whole file is rejected: throw its lines away, keep one reason. */
    const char *h = NULL;
    zt_reason reason = pr.file_reason != ZT_R_NONE ? pr.file_reason
                                                   : ZT_R_FILE_UNREADABLE;
    zt_store_file_rollback(store);
    f->status = ZT_FILE_REJECTED;
    f->file_reason = reason;
    f->counts = (zt_file_counts){0};
    snprintf(f->message, sizeof f->message, "%s", rerr.msg);
    if (pr.ahead)
      h = pr.ahead->hash;
    else if (zt_source_fingerprint(src, &h, NULL) != ZT_OK)
      h = NULL;
    fi.kind = zt_kind_name(f->kind);
    run->rejected_by_reason[reason]++;
    if (!opts->dry_run) {
      st = zt_store_file_rejected(store, &fi, h, reason, f->message, err);
      if (st)
        goto out;
    }
    if (opts->rejects)
      write_reject(&ro, 0, NULL, zt_reason_code(reason), f->message, NULL);
    st = ZT_OK;
    goto out;
  }

  st = zt_store_flush(store, err);
  pr.message_day = pr.info.day;
  if (!st && pr.xml && pr.kind == ZT_KIND_DECLARATIES)
    st = zt_store_put_message_ident(store, co.file_id, pr.info.ident, err);
  if (!st && pr.xml && pr.kind == ZT_KIND_DECLARATIES)
    st = zt_store_same_number_resends(store, co.file_id, pr.info.ident,
                                      &resent, resent_first, resent_nr,
                                      sizeof resent_nr, err);
  if (!st) {
    const zt_batch_counts *b = zt_store_batch_counts(store);
    f->counts.read = pr.read;
    f->counts.accepted = co.accepted + b->accepted;
    f->counts.duplicates = co.duplicates + b->duplicates;
    f->counts.rejected = pr.rejected + co.rejected + b->rejected;
    f->counts.credits_linked = b->credits_linked;
    f->counts.credits_waiting = b->credits_waiting;
    f->counts.credits_resolved = b->credits_resolved;
    f->counts.earlier_rejected = b->earlier_rejected;
    f->warn_amount = b->amount_off;
    for (int r = 0; r < ZT_R_COUNT; r++)
      by_reason[r] = pr.by_reason[r] + co.by_reason[r] + b->by_reason[r];
  }
  if (!st && pr.ahead)
    hash = pr.ahead->hash;         /* the bytes it read are these */
  else if (!st)
    st = zt_source_fingerprint(src, &hash, err);
  if (st) {
    zt_store_file_rollback(store);
    goto out;
  }
  f->warn_month = v->month_crossing - month0;
  f->warn_residence = v->residence_unknown - res0;
  if (f->warn_amount) {
    size_t n = strlen(f->warnings);
    snprintf(f->warnings + n, sizeof f->warnings - n,
             "%s%ld amounts differ from volume x tariff", n ? "; " : "",
             f->warn_amount);
  }
  if (v->bsn_in_ref > bsn0) {
    size_t n = strlen(f->warnings);
    snprintf(f->warnings + n, sizeof f->warnings - n,
             "%s%ld lines carry a BSN in a reference, declaration "
             "number, ToewijzingNummer, name or source (the client's, "
             "or a number that could be one; stored with it replaced or "
             "masked; ask the sender to leave BSNs out)", n ? "; " : "",
             v->bsn_in_ref - bsn0);
  }
  if (resent > 0) {
    /* a second message under a DeclaratieNummer already used: safe (an
     * answer finds its declaration by the identification), but worth
     * knowing (docs/store.md, "Declarations sent again") */
    char msg[256];
    size_t n = strlen(f->warnings);
    snprintf(msg, sizeof msg, "%ld %s delivered before, identically, by "
             "message %s under the same DeclaratieNummer %s: noted as "
             "delivered again", resent,
             resent == 1 ? "line was" : "lines were", resent_first,
             resent_nr);
    snprintf(f->warnings + n, sizeof f->warnings - n, "%s%s",
             n ? "; " : "", msg);
    zt_warn("ingest", "%s: %s", pr.path, msg);
  }
  if (pr.message_day != ZT_DAY_NONE && pr.message_day > zt_today()) {
    /* a message dated in the future would stay out of every --as-of
     * view up to that day: it counts as delivered today, as a file's
     * modification time and --delivered do (docs/store.md) */
    char day[11];
    size_t n = strlen(f->warnings);
    zt_date_iso(pr.message_day, day);
    snprintf(f->warnings + n, sizeof f->warnings - n,
             "%sthe message is dated %s, after today: it counts as "
             "delivered today", n ? "; " : "", day);
    zt_warn("ingest", "%s: the message is dated %s, after today: it "
            "counts as delivered today", pr.path, day);
    pr.message_day = zt_today();
  }
  done.hash = hash;
  done.kind = zt_kind_name(f->kind);
  done.format = f->format;
  done.counts = f->counts;
  done.warnings = f->warnings;
  done.message_day = pr.message_day;
  if (opts->dry_run) {
    if (opts->rejects)
      st = zt_store_each_reject(store, co.file_id, write_reject, &ro, err);
    zt_store_file_rollback(store);
    f->status = ZT_FILE_INGESTED;
    goto out;
  }
  st = zt_store_file_commit(store, co.file_id, &done, &already, err);
  if (st)
    goto out;
  f->status = already ? ZT_FILE_ALREADY : ZT_FILE_INGESTED;
  /* The file's rejected lines, in line order, for the run's list (a
   * repeat adds nothing: its lines were listed the first time). */
  if (!already && opts->rejects)
    st = zt_store_each_reject(store, co.file_id, write_reject, &ro, err);

out:
  if (f->status == ZT_FILE_ALREADY)
    f->counts = (zt_file_counts){0};    /* a repeat adds nothing */
  else if (f->status == ZT_FILE_INGESTED)
    for (int r = 0; r < ZT_R_COUNT; r++)
      run->rejected_by_reason[r] += by_reason[r];
  zt_source_close(src);
  g_free(base);
  return st;
}

/* ---- paths ------------------------------------------------------------ */

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static entry *add_entry(GPtrArray *out, const char *path, bool walked,
                        zt_file_status skip, char *why) {
  entry *e = g_new0(entry, 1);
  e->path = g_strdup(path);
  e->walked = walked;
  e->skip = skip;
  e->why = why;
  g_ptr_array_add(out, e);
  return e;
}

static bool has_suffix(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n > k && strcmp(s + n - k, suffix) == 0;
}

/* Names under which upload programs write a file that is not complete
 * yet (WinSCP, browsers, many SFTP clients): taken once renamed. */
static bool upload_in_progress(const char *name) {
  static const char *const sfx[] = {".part", ".partial", ".filepart",
                                    ".crdownload", ".tmp", ".upload"};
  for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++)
    if (has_suffix(name, sfx[i]))
      return true;
  return false;
}

#define MARKER_SUFFIX ".done"

static int64_t stat_ns(const struct timespec *t) {
  return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

/* What `sb` is among opts->guarded, or NULL. */
static const char *guarded_as(const zt_ingest_opts *opts,
                              const struct stat *sb) {
  for (size_t i = 0; i < opts->nguarded; i++)
    if (opts->guarded[i].dev == (uint64_t)sb->st_dev &&
        opts->guarded[i].ino == (uint64_t)sb->st_ino)
      return opts->guarded[i].what;
  return NULL;
}

/* A modification time this far past the clock is not a write going on
 * now but a clock that is ahead (a share's, or local time written as
 * UTC) or a time set by hand. */
#define CLOCK_AHEAD_SECONDS 60

/* Every file below the folder open as `fd` (named `dir`), in name order,
 * as entries; hidden names are left out. Links are never followed, and
 * what cannot be read is an entry to report, not an error. */
static void list_dir(int fd, const char *dir, GPtrArray *out, int depth,
                     const zt_ingest_opts *opts, time_t now) {
  DIR *d;
  struct dirent *e;
  GPtrArray *names;
  if (depth > 16) {
    close(fd);
    add_entry(out, dir, true, ZT_FILE_SKIPPED,
              g_strdup_printf("%s: folders nested deeper than 16 levels: "
                              "not read", dir));
    return;
  }
  d = fdopendir(fd);
  if (!d) {
    int e0 = errno;
    close(fd);
    add_entry(out, dir, true, ZT_FILE_SKIPPED,
              g_strdup_printf("%s: cannot read the folder: %s; skipped", dir,
                              strerror(e0)));
    return;
  }
  names = g_ptr_array_new_with_free_func(g_free);
  while ((e = readdir(d)))
    if (e->d_name[0] != '.')
      g_ptr_array_add(names, g_strdup(e->d_name));
  zt_qsort(names->pdata, names->len, sizeof(char *), cmp_str);
  for (guint i = 0; i < names->len; i++) {
    const char *name = g_ptr_array_index(names, i);
    char *p = g_build_filename(dir, name, NULL);
    struct stat sb;
    const char *guarded = NULL;
    if (fstatat(dirfd(d), name, &sb, AT_SYMLINK_NOFOLLOW) != 0) {
      add_entry(out, p, true, ZT_FILE_SKIPPED,
                g_strdup_printf("%s: cannot be examined: %s; skipped", p,
                                strerror(errno)));
    } else if ((guarded = guarded_as(opts, &sb))) {
      add_entry(out, p, true, ZT_FILE_SKIPPED,
                g_strdup_printf("%s: %s, which no ingest reads or moves: "
                                "skipped; keep it out of the folders that "
                                "are read", p, guarded));
    } else if (S_ISLNK(sb.st_mode)) {
      add_entry(out, p, true, ZT_FILE_SKIPPED,
                g_strdup_printf("%s: a symbolic link; links in a folder are "
                                "never followed: not read, left where it is",
                                p));
    } else if (S_ISDIR(sb.st_mode)) {
      int sub = openat(dirfd(d), name,
                       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (sub < 0)
        add_entry(out, p, true, ZT_FILE_SKIPPED,
                  g_strdup_printf("%s: cannot read the folder: %s; skipped",
                                  p, strerror(errno)));
      else
        list_dir(sub, p, out, depth + 1, opts, now);
    } else if (!S_ISREG(sb.st_mode)) {
      add_entry(out, p, true, ZT_FILE_SKIPPED,
                g_strdup_printf("%s: a %s, not a regular file: not read, "
                                "left where it is", p,
                                S_ISFIFO(sb.st_mode)   ? "FIFO"
                                : S_ISSOCK(sb.st_mode) ? "socket"
                                                       : "device"));
    } else if (has_suffix(name, MARKER_SUFFIX)) {
      /* a completion marker: read with its file, never as data */
    } else if (upload_in_progress(name)) {
      add_entry(out, p, true, ZT_FILE_UNSETTLED,
                g_strdup_printf("%s: still being uploaded (its name says "
                                "so); taken once it has its final name", p));
    } else {
      char mname[NAME_MAX + sizeof MARKER_SUFFIX];
      const char *key = mname;
      bool marked;
      snprintf(mname, sizeof mname, "%s%s", name, MARKER_SUFFIX);
      /* the names are sorted: look the marker up. It counts only as a
       * regular file made after the file was last written (status change
       * times, which no copy sets): an older marker is one a run killed
       * between moving a file and removing its marker left, and must not
       * make a new upload of that name be taken before it is complete */
      marked = names->len &&
               bsearch(&key, names->pdata, names->len, sizeof(char *),
                       cmp_str) != NULL;
      if (marked) {
        struct stat mb;
        marked = fstatat(dirfd(d), mname, &mb, AT_SYMLINK_NOFOLLOW) == 0 &&
                 S_ISREG(mb.st_mode) &&
                 stat_ns(&mb.st_ctim) >= stat_ns(&sb.st_ctim);
      }
      /* mtime: every write moves it; a copy that keeps the original's
       * time (cp -p, scp -p) sets it back only once the copy is done */
      int64_t changed = (int64_t)sb.st_mtim.tv_sec;
      bool skew = false;
      entry *en;
      /* A modification time in the future would hold the file back until
       * the clock reaches it: the status change time, which no copy and
       * no `touch` can set, tells when it was last written here. Only
       * when that too lies ahead does the file wait, with a warning. */
      if (changed > (int64_t)now + CLOCK_AHEAD_SECONDS) {
        changed = (int64_t)sb.st_ctim.tv_sec;
        skew = changed > (int64_t)now + CLOCK_AHEAD_SECONDS;
      }
      if (opts->settle_seconds >= 0 && skew && !marked)
        en = add_entry(out, p, true, ZT_FILE_UNSETTLED,
                       g_strdup_printf("%s: its modification and status "
                                       "change times lie %lld s in the "
                                       "future: the clock of the machine "
                                       "or share it lives on is ahead; it "
                                       "waits until the clocks agree (or "
                                       "a marker %s stands beside it)", p,
                                       (long long)(changed - (int64_t)now),
                                       mname));
      else if (opts->settle_seconds >= 0 && opts->require_marker && !marked)
        en = add_entry(out, p, true, ZT_FILE_UNSETTLED,
                       g_strdup_printf("%s: waiting for its completion "
                                       "marker %s", p, mname));
      else if (opts->settle_seconds >= 0 && !marked &&
               (int64_t)now - changed < opts->settle_seconds)
        en = add_entry(out, p, true, ZT_FILE_UNSETTLED,
                       g_strdup_printf("%s: changed %lld s ago; taken once "
                                       "it has not changed for %d s (or "
                                       "with a marker %s)", p,
                                       (long long)((int64_t)now - changed),
                                       opts->settle_seconds, mname));
      else
        en = add_entry(out, p, true, ZT_FILE_INGESTED, NULL);
      en->clock_ahead = skew && !marked;
      en->id.dev = (uint64_t)sb.st_dev;
      en->id.ino = (uint64_t)sb.st_ino;
      en->id.size = (uint64_t)sb.st_size;
      en->id.mtime_ns = stat_ns(&sb.st_mtim);
      en->id.ctime_ns = stat_ns(&sb.st_ctim);
      if (marked)
        en->marker = g_build_filename(dir, mname, NULL);
    }
    g_free(p);
  }
  g_ptr_array_free(names, TRUE);
  closedir(d);
}

zt_status zt_ingest_paths(zt_store *store, zt_validator *v,
                          const char *const *paths, size_t npaths,
                          const zt_ingest_opts *opts, zt_ingest_run *run,
                          zt_err *err) {
  GPtrArray *files = g_ptr_array_new_with_free_func(entry_free);
  batch *batches = calloc(NBATCHES, sizeof *batches);
  reader_ahead ra;
  time_t now = time(NULL);
  zt_status st = ZT_OK;

  memset(run, 0, sizeof *run);
  memset(&ra, 0, sizeof ra);
  if (!batches) {
    g_ptr_array_free(files, TRUE);
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  }
  for (int i = 0; i < NBATCHES; i++)
    zt_buf_init(&batches[i].text, BATCH_TEXT);
  xmlInitParser();   /* libxml2 is used from the reader thread */
  for (size_t i = 0; i < npaths; i++) {
    struct stat sb;
    /* A folder named by the caller may itself be a link (the configured
     * inbox may live elsewhere); nothing below it is followed. */
    if (stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
      int fd = open(paths[i], O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (fd < 0)
        add_entry(files, paths[i], true, ZT_FILE_SKIPPED,
                  g_strdup_printf("%s: cannot read the folder: %s; skipped",
                                  paths[i], strerror(errno)));
      else
        list_dir(fd, paths[i], files, 0, opts, now);
    } else {
      add_entry(files, paths[i], false, ZT_FILE_INGESTED, NULL);
    }
  }
  if (files->len) {
    run->files = calloc(files->len, sizeof *run->files);
    if (!run->files)
      st = zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  }
  if (!st && opts->rejects)
    zt_rejects_write_header(opts->rejects);
  if (!st)
    ahead_start(&ra, store, v, opts, files);
  for (guint i = 0; !st && i < files->len; i++) {
    zt_ingest_file *f = &run->files[run->nfiles];
    const entry *en = g_ptr_array_index(files, i);
    ahead *a = ahead_next(&ra, en);
    st = ingest_one(store, v, batches, en, a, opts, run, f, err);
    if (a)
      ahead_release(&ra, a);
    run->nfiles++;
    run->total.read += f->counts.read;
    run->total.accepted += f->counts.accepted;
    run->total.rejected += f->counts.rejected;
    run->total.duplicates += f->counts.duplicates;
    run->total.credits_linked += f->counts.credits_linked;
    run->total.credits_waiting += f->counts.credits_waiting;
    run->total.credits_resolved += f->counts.credits_resolved;
    run->total.earlier_rejected += f->counts.earlier_rejected;
    if (f->status == ZT_FILE_REJECTED || f->status == ZT_FILE_UNREADABLE ||
        f->status == ZT_FILE_SKIPPED)
      run->files_rejected++;
    if (f->status == ZT_FILE_UNREADABLE)
      run->rejected_by_reason[ZT_R_FILE_UNREADABLE]++;
    if (f->status == ZT_FILE_SKIPPED) {
      run->files_skipped++;
      run->rejected_by_reason[ZT_R_ENTRY_SKIPPED]++;
    }
    if (f->status == ZT_FILE_UNSETTLED)
      run->files_unsettled++;
    if (f->status == ZT_FILE_ALREADY)
      run->files_already++;
    if (!st && opts->on_file)
      opts->on_file(opts->ctx, f);
    if (!st && opts->on_progress)
      opts->on_progress(opts->ctx, i + 1, files->len);
  }
  ahead_stop(&ra);
  if (!st)
    st = zt_store_commit(store, err);
  for (int i = 0; i < NBATCHES; i++)
    zt_buf_free(&batches[i].text);
  free(batches);
  g_ptr_array_free(files, TRUE);
  return st;
}

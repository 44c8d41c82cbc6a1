/*
 * etl/ingest.c -- ingest files into the store (see ingest.h).
 */
#include "etl/ingest.h"

#include <dirent.h>
#include <errno.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/buf.h"
#include "core/csvout.h"
#include "core/hash.h"
#include "core/log.h"
#include "core/str.h"
#include "etl/csvread.h"
#include "etl/ijw.h"
#include "etl/pseudo.h"
#include "etl/source.h"

/* Per-file state behind the reader's sink. */
typedef struct file_ctx {
  zt_store *store;
  zt_validator *v;
  const zt_ingest_opts *opts;
  zt_ingest_run *run;
  zt_ingest_file *f;
  int64_t file_id;
  bool replaced;         /* reference table emptied for this file */
  zt_csvout rejects;
  bool have_rejects;
} file_ctx;

void zt_rejects_write_header(FILE *fp) {
  fputs("file,line,field,reason,message,raw\n", fp);
}

bool zt_ingest_run_has_rejects(const zt_ingest_run *run) {
  return run->total.rejected > 0 || run->files_rejected > 0;
}

void zt_ingest_run_free(zt_ingest_run *run) {
  free(run->files);
  memset(run, 0, sizeof *run);
}

/* ---- rejects --------------------------------------------------------- */

/* Render a row without raw text (XML) as canonical "name=value" pairs,
 * with the BSN field masked. */
static void row_text(const zt_row *row, char *out, size_t outsz) {
  const zt_kind_layout *lay = zt_kind_layout_of(row->kind);
  zt_buf b;
  zt_buf_init(&b, 4096);
  for (int i = 0; lay && i < lay->nfields; i++) {
    zt_slice s = row->f[i];
    if (!s.p)
      continue;
    zt_buf_printf(&b, "%s%s=", b.len ? ";" : "", lay->names[i]);
    if (strcmp(lay->names[i], "bsn") == 0) {
      char mask[ZT_MASK_MAX];
      zt_bsn_mask(s.p, s.n, mask);
      zt_buf_puts(&b, mask);
    } else {
      zt_buf_append(&b, s.p, s.n < 200 ? s.n : 200);
    }
  }
  zt_mask_line(zt_buf_str(&b), b.len, NULL, 0, out, outsz);
  zt_buf_free(&b);
}

/* The BSN field of a row of this kind, or -1. */
static int bsn_field(zt_kind kind) {
  switch (kind) {
  case ZT_KIND_DECLARATIES: return ZT_D_BSN;
  case ZT_KIND_TOEWIJZINGEN: return ZT_A_BSN;
  case ZT_KIND_CLIENTEN: return ZT_C_BSN;
  case ZT_KIND_RESIDENTIES: return ZT_R_BSN_F;
  default: return -1;
  }
}

static zt_status keep_reject(file_ctx *fc, zt_kind kind, long line,
                             zt_reason reason, int field, const char *msg,
                             const char *raw_masked, zt_err *err) {
  const zt_kind_layout *lay = zt_kind_layout_of(kind);
  const char *fname = lay && field >= 0 && field < lay->nfields
                          ? lay->names[field] : NULL;
  fc->f->counts.rejected++;
  fc->run->rejected_by_reason[reason]++;
  /* Into the store only: rejects.csv is written from there at the end of
   * the file, in line order (the store rejects some lines in batches). */
  return zt_store_put_reject(fc->store, fc->file_id, line, fname, reason, msg,
                             raw_masked, err);
}

/* One line of rejects.csv. */
static void write_reject(void *ctx, long line, const char *field,
                         const char *reason, const char *message,
                         const char *raw) {
  file_ctx *fc = ctx;
  char *base = g_path_get_basename(fc->f->path);
  zt_csvout_str(&fc->rejects, base);
  zt_csvout_int(&fc->rejects, line);
  zt_csvout_str(&fc->rejects, field ? field : "");
  zt_csvout_str(&fc->rejects, reason);
  zt_csvout_str(&fc->rejects, message);
  zt_csvout_str(&fc->rejects, raw ? raw : "");
  zt_csvout_end(&fc->rejects);
  g_free(base);
}

static zt_status reject_row(file_ctx *fc, const zt_row *row,
                            const zt_reject *rej, zt_err *err) {
  char raw[600];
  int bf = bsn_field(row->kind);
  if (row->raw.p) {
    const zt_slice *b = bf >= 0 ? &row->f[bf] : NULL;
    zt_mask_line(row->raw.p, row->raw.n, b ? b->p : NULL, b ? b->n : 0, raw,
                 sizeof raw);
  } else {
    row_text(row, raw, sizeof raw);
  }
  return keep_reject(fc, row->kind, row->line, rej->reason, rej->field,
                     rej->message, raw, err);
}

/* ---- the sink -------------------------------------------------------- */

static zt_status sink_row(void *ctx, const zt_row *row, zt_err *err) {
  file_ctx *fc = ctx;
  zt_reject rej;
  zt_put_result res;
  zt_status st;
  fc->f->counts.read++;
  fc->f->kind = row->kind;

  switch (row->kind) {
  case ZT_KIND_DECLARATIES: {
    zt_decl d;
    st = zt_validate_decl(fc->v, row, &d, &rej);
    if (!st && rej.reason == ZT_R_NONE) {
      /* counted when the batch is stored (zt_store_batch_counts) */
      return zt_store_queue_decl(fc->store, fc->file_id, row->line, &d,
                                 err);
    }
    break;
  }
  case ZT_KIND_TOEWIJZINGEN: {
    zt_assign a;
    st = zt_validate_assign(fc->v, row, &a, &rej);
    if (!st && rej.reason == ZT_R_NONE)
      st = zt_store_put_assign(fc->store, fc->file_id, row->line, &a, &res,
                               err);
    break;
  }
  case ZT_KIND_CLIENTEN: {
    zt_client c;
    st = zt_validate_client(fc->v, row, &c, &rej);
    if (!st && rej.reason == ZT_R_NONE)
      st = zt_store_put_client(fc->store, fc->file_id, row->line, &c, &res,
                               err);
    break;
  }
  case ZT_KIND_RESIDENTIES: {
    zt_residence r;
    st = zt_validate_residence(fc->v, row, &r, &rej);
    if (!st && rej.reason == ZT_R_NONE)
      st = zt_store_put_residence(fc->store, fc->file_id, row->line, &r,
                                  &res, err);
    break;
  }
  case ZT_KIND_PRODUCTCODES:
  case ZT_KIND_AANBIEDERS:
    if (!fc->replaced) {
      st = zt_store_replace_table(fc->store, row->kind, err);
      if (st)
        return st;
      fc->replaced = true;
    }
    if (row->kind == ZT_KIND_PRODUCTCODES) {
      zt_productcode p;
      st = zt_validate_productcode(fc->v, row, &p, &rej);
      if (!st && rej.reason == ZT_R_NONE)
        st = zt_store_put_productcode(fc->store, fc->file_id, row->line, &p,
                                      &res, err);
    } else {
      zt_provider p;
      st = zt_validate_provider(fc->v, row, &p, &rej);
      if (!st && rej.reason == ZT_R_NONE)
        st = zt_store_put_provider(fc->store, fc->file_id, row->line, &p,
                                   &res, err);
    }
    break;
  default:
    return zt_fail(err, ZT_ERR_INTERNAL, "row of unknown kind %d",
                   (int)row->kind);
  }
  if (st)
    return st == ZT_ERR_NOMEM ? zt_fail(err, st, "out of memory") : st;
  if (rej.reason != ZT_R_NONE)
    return reject_row(fc, row, &rej, err);
  switch (res.outcome) {
  case ZT_PUT_STORED:
    fc->f->counts.accepted++;
    fc->f->counts.credits_linked += res.credit_linked;
    fc->f->counts.credits_waiting += res.credit_waiting;
    fc->f->counts.credits_resolved += res.credits_resolved;
    break;
  case ZT_PUT_DUPLICATE:
    fc->f->counts.duplicates++;
    break;
  case ZT_PUT_REJECTED:
    return reject_row(fc, row, &res.reject, err);
  }
  return ZT_OK;
}

static zt_status sink_reject(void *ctx, zt_kind kind, long line,
                             zt_reason reason, int field, const char *message,
                             zt_slice raw, zt_err *err) {
  file_ctx *fc = ctx;
  char masked[600];
  fc->f->counts.read++;
  if (raw.p)
    zt_mask_line(raw.p, raw.n, NULL, 0, masked, sizeof masked);
  return keep_reject(fc, kind, line, reason, field, message,
                     raw.p ? masked : NULL, err);
}

static void sink_warn(void *ctx, const char *message) {
  file_ctx *fc = ctx;
  size_t n = strlen(fc->f->warnings);
  zt_warn("ingest", "%s: %s", fc->f->path, message);
  snprintf(fc->f->warnings + n, sizeof fc->f->warnings - n, "%s%s",
           n ? "; " : "", message);
}

/* ---- one file --------------------------------------------------------- */

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


/* Fingerprint a whole file without parsing it. */
static zt_status fingerprint_file(const char *path, char hex[33],
                                  zt_err *err) {
  zt_source *src;
  const char *h;
  zt_status st = zt_source_open(&src, path, err);
  if (st)
    return st;
  st = zt_source_fingerprint(src, &h, err);
  if (!st)
    memcpy(hex, h, 33);
  zt_source_close(src);
  return st;
}

static zt_status ingest_one(zt_store *store, zt_validator *v,
                            const char *path, const zt_ingest_opts *opts,
                            zt_ingest_run *run, zt_ingest_file *f,
                            zt_err *err) {
  file_ctx fc = {store, v, opts, run, f, 0, false, {0}, false};
  zt_rowsink sink = {&fc, sink_row, sink_reject, sink_warn};
  zt_read_opts ropts = {opts->kind, opts->mapping_path};
  zt_file_info fi;
  zt_file_done done;
  zt_source *src = NULL;
  zt_reason file_reason = ZT_R_NONE;
  zt_kind kind = ZT_KIND_AUTO;
  zt_err rerr;
  struct stat sb;
  const char *peek, *hash;
  size_t npeek;
  bool xml, maybe = false, already = false;
  long amount0 = v->amount_mismatch, month0 = v->month_crossing;
  long res0 = v->residence_unknown;
  zt_status st;

  memset(f, 0, sizeof *f);
  zt_strlcpy(f->path, path, sizeof f->path);
  f->kind = opts->kind;
  zt_err_clear(&rerr);
  if (opts->rejects)
    zt_csvout_init(&fc.rejects, opts->rejects, ',');

  if (stat(path, &sb) != 0 || zt_source_open(&src, path, &rerr) != ZT_OK) {
    f->status = ZT_FILE_UNREADABLE;
    f->file_reason = ZT_R_FILE_UNREADABLE;
    snprintf(f->message, sizeof f->message, "%s",
             rerr.msg[0] ? rerr.msg : strerror(errno));
    return ZT_OK;
  }
  /* A file of a size already seen may be a repeat: fingerprint it first
   * so a repeat costs one read, not a whole ingest. */
  st = zt_store_same_size_seen(store, (uint64_t)sb.st_size, &maybe, err);
  if (st)
    goto out;
  if (maybe) {
    char hex[33];
    bool seen = false;
    if (fingerprint_file(path, hex, &rerr) == ZT_OK) {
      st = zt_store_file_seen(store, hex, &seen, err);
      if (st)
        goto out;
      if (seen) {
        f->status = ZT_FILE_ALREADY;
        goto out;
      }
    }
  }

  st = zt_source_peek(src, 4096, &peek, &npeek, &rerr);
  xml = !st && looks_like_xml(peek, npeek);
  snprintf(f->format, sizeof f->format, "%s%s", xml ? "xml" : "csv",
           zt_source_is_gzip(src) ? "+gzip" : "");
  fi.path = path;
  fi.kind = "unknown";
  fi.format = f->format;
  fi.bytes = (uint64_t)sb.st_size;
  if (!st) {
    st = zt_store_file_begin(store, &fi, &fc.file_id, err);
    if (st)
      goto out;
    if (xml)
      st = zt_ijw_read(src, &ropts, &sink, &kind, &file_reason, &rerr);
    else
      st = zt_csv_read(src, &ropts, &sink, &kind, &file_reason, &rerr);
  } else {
    file_reason = ZT_R_FILE_UNREADABLE;
  }
  if (kind != ZT_KIND_AUTO)
    f->kind = kind;
  if (xml && kind == ZT_KIND_DECLARATIES)
    snprintf(f->format, sizeof f->format, "jw323%s",
             zt_source_is_gzip(src) ? "+gzip" : "");
  else if (xml && kind == ZT_KIND_TOEWIJZINGEN)
    snprintf(f->format, sizeof f->format, "jw301%s",
             zt_source_is_gzip(src) ? "+gzip" : "");

  if (st && file_reason == ZT_R_NONE && st != ZT_ERR_INPUT) {
    /* The store or memory failed: not the file's fault. */
    zt_store_file_rollback(store);
    if (err && rerr.msg[0] && (!err->msg[0] || err->status == ZT_OK))
      *err = rerr;
    zt_err_prefix(err, "%s", path);
    goto out;
  }
  if (st) {
    /* The whole file is rejected: throw its lines away, keep one reason. */
    const char *h = NULL;
    zt_store_file_rollback(store);
    if (file_reason == ZT_R_NONE)
      file_reason = ZT_R_FILE_UNREADABLE;
    f->status = ZT_FILE_REJECTED;
    f->file_reason = file_reason;
    f->counts = (zt_file_counts){0};
    snprintf(f->message, sizeof f->message, "%s", rerr.msg);
    if (zt_source_fingerprint(src, &h, NULL) != ZT_OK)
      h = NULL;
    fi.kind = zt_kind_name(f->kind);
    run->rejected_by_reason[file_reason]++;
    if (!opts->dry_run) {
      st = zt_store_file_rejected(store, &fi, h, file_reason, f->message,
                                  err);
      if (st)
        goto out;
    }
    if (opts->rejects)
      write_reject(&fc, 0, NULL, zt_reason_code(file_reason), f->message,
                   NULL);
    st = ZT_OK;
    goto out;
  }

  st = zt_store_flush(store, err);
  if (!st) {
    const zt_batch_counts *b = zt_store_batch_counts(store);
    f->counts.accepted += b->accepted;
    f->counts.duplicates += b->duplicates;
    f->counts.rejected += b->rejected;
    f->counts.credits_linked += b->credits_linked;
    f->counts.credits_waiting += b->credits_waiting;
    f->counts.credits_resolved += b->credits_resolved;
    for (int r = 0; r < ZT_R_COUNT; r++)
      run->rejected_by_reason[r] += b->by_reason[r];
    if (opts->rejects)
      st = zt_store_each_reject(store, fc.file_id, write_reject, &fc, err);
  }
  if (!st)
    st = zt_source_fingerprint(src, &hash, err);
  if (st) {
    zt_store_file_rollback(store);
    goto out;
  }
  f->warn_amount = v->amount_mismatch - amount0;
  f->warn_month = v->month_crossing - month0;
  f->warn_residence = v->residence_unknown - res0;
  if (f->warn_amount)
    sink_warn(&fc, "some amounts differ from volume x tariff");
  done.hash = hash;
  done.kind = zt_kind_name(f->kind);
  done.format = f->format;
  done.counts = f->counts;
  done.warnings = f->warnings;
  if (opts->dry_run) {
    zt_store_file_rollback(store);
    f->status = ZT_FILE_INGESTED;
    goto out;
  }
  st = zt_store_file_commit(store, fc.file_id, &done, &already, err);
  if (st)
    goto out;
  f->status = already ? ZT_FILE_ALREADY : ZT_FILE_INGESTED;

out:
  if (f->status == ZT_FILE_ALREADY) {
    f->counts = (zt_file_counts){0};
    /* Rejects written for a file that turns out to be a repeat stay in
     * the run's list: the same lines were rejected the first time too. */
  }
  zt_source_close(src);
  return st;
}

/* ---- paths ------------------------------------------------------------ */

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file below `dir`, sorted, skipping hidden names. */
static zt_status list_dir(const char *dir, GPtrArray *out, int depth,
                          zt_err *err) {
  DIR *d = opendir(dir);
  struct dirent *e;
  GPtrArray *names;
  if (!d)
    return zt_fail(err, ZT_ERR_USAGE, "cannot read directory %s: %s", dir,
                   strerror(errno));
  if (depth > 16) {
    closedir(d);
    return zt_fail(err, ZT_ERR_USAGE, "%s: directories nested too deep", dir);
  }
  names = g_ptr_array_new_with_free_func(g_free);
  while ((e = readdir(d)))
    if (e->d_name[0] != '.')
      g_ptr_array_add(names, g_build_filename(dir, e->d_name, NULL));
  closedir(d);
  qsort(names->pdata, names->len, sizeof(char *), cmp_str);
  for (guint i = 0; i < names->len; i++) {
    const char *p = g_ptr_array_index(names, i);
    struct stat sb;
    if (stat(p, &sb) != 0) {
      g_ptr_array_add(out, g_strdup(p)); /* reported as unreadable */
    } else if (S_ISDIR(sb.st_mode)) {
      zt_status st = list_dir(p, out, depth + 1, err);
      if (st) {
        g_ptr_array_free(names, TRUE);
        return st;
      }
    } else if (S_ISREG(sb.st_mode)) {
      g_ptr_array_add(out, g_strdup(p));
    }
  }
  g_ptr_array_free(names, TRUE);
  return ZT_OK;
}

zt_status zt_ingest_paths(zt_store *store, zt_validator *v,
                          const char *const *paths, size_t npaths,
                          const zt_ingest_opts *opts, zt_ingest_run *run,
                          zt_err *err) {
  GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
  zt_status st = ZT_OK;

  memset(run, 0, sizeof *run);
  for (size_t i = 0; !st && i < npaths; i++) {
    struct stat sb;
    if (stat(paths[i], &sb) == 0 && S_ISDIR(sb.st_mode))
      st = list_dir(paths[i], files, 0, err);
    else
      g_ptr_array_add(files, g_strdup(paths[i]));
  }
  if (!st && files->len) {
    run->files = calloc(files->len, sizeof *run->files);
    if (!run->files)
      st = zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  }
  if (!st && opts->rejects)
    zt_rejects_write_header(opts->rejects);
  for (guint i = 0; !st && i < files->len; i++) {
    zt_ingest_file *f = &run->files[run->nfiles];
    st = ingest_one(store, v, g_ptr_array_index(files, i), opts, run, f,
                    err);
    run->nfiles++;
    run->total.read += f->counts.read;
    run->total.accepted += f->counts.accepted;
    run->total.rejected += f->counts.rejected;
    run->total.duplicates += f->counts.duplicates;
    run->total.credits_linked += f->counts.credits_linked;
    run->total.credits_waiting += f->counts.credits_waiting;
    run->total.credits_resolved += f->counts.credits_resolved;
    if (f->status == ZT_FILE_REJECTED || f->status == ZT_FILE_UNREADABLE)
      run->files_rejected++;
    if (f->status == ZT_FILE_UNREADABLE)
      run->rejected_by_reason[ZT_R_FILE_UNREADABLE]++;
    if (f->status == ZT_FILE_ALREADY)
      run->files_already++;
    if (!st && opts->on_file)
      opts->on_file(opts->ctx, f);
  }
  g_ptr_array_free(files, TRUE);
  return st;
}

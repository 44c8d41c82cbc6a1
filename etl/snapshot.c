/*
 * etl/snapshot.c -- read the store for normalization and the report (see
 * snapshot.h).
 */
#include "etl/snapshot.h"

#include <glib.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/kinds.h"
#include "core/str.h"

/* A damaged file is ZT_ERR_CORRUPT (exit 5), as everywhere in the store. */
static zt_status db_fail(sqlite3 *db, zt_err *err, const char *what) {
  return zt_store_sqlite_fail(db, err, what);
}

/* Grow an array to hold at least `need` elements of `size` bytes. */
static zt_status reserve(void **arr, size_t *cap, size_t need, size_t size) {
  size_t c = *cap ? *cap : 1024;
  void *p;
  if (need <= *cap)
    return ZT_OK;
  while (c < need)
    c *= 2;
  p = realloc(*arr, c * size);
  if (!p)
    return ZT_ERR_NOMEM;
  *arr = p;
  *cap = c;
  return ZT_OK;
}

static zt_status prepare(sqlite3 *db, const char *sql, sqlite3_stmt **st,
                         zt_err *err) {
  if (sqlite3_prepare_v2(db, sql, -1, st, NULL) != SQLITE_OK)
    return db_fail(db, err, "preparing a query");
  return ZT_OK;
}

static zt_day opt_day(sqlite3_stmt *st, int col) {
  return sqlite3_column_type(st, col) == SQLITE_NULL
             ? ZT_DAY_NONE : (zt_day)sqlite3_column_int(st, col);
}

/* Clients: ids are dense from 1 (never deleted), so index = id - 1; a gap
 * would only leave an unused slot. */
static zt_status load_clients(sqlite3 *db, zt_snapshot *sn, zt_err *err) {
  sqlite3_stmt *st;
  int64_t max = 0;
  zt_status rc = prepare(db, "SELECT max(id) FROM client", &st, err);
  if (rc)
    return rc;
  if (sqlite3_step(st) == SQLITE_ROW)
    max = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sn->nclients = (size_t)max;
  sn->clients = calloc(sn->nclients ? sn->nclients : 1, sizeof *sn->clients);
  if (!sn->clients)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  for (size_t i = 0; i < sn->nclients; i++) {
    sn->clients[i].birth = ZT_DAY_NONE;
    sn->clients[i].birth_precision = 3;
  }
  rc = prepare(db, "SELECT id, pseudonym, birth_day, birth_precision FROM "
                   "client",
               &st, err);
  if (rc)
    return rc;
  while (sqlite3_step(st) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(st, 0);
    zt_nclient *c;
    if (id < 1 || id > max)
      continue;
    c = &sn->clients[id - 1];
    zt_strlcpy(c->pseudonym, (const char *)sqlite3_column_text(st, 1),
               sizeof c->pseudonym);
    c->birth = opt_day(st, 2);
    c->birth_precision = sqlite3_column_int(st, 3);
  }
  if (sqlite3_finalize(st) != SQLITE_OK)
    return db_fail(db, err, "reading the store");
  return ZT_OK;
}

/* A file's arrival: its delivered_day (docs/store.md, "Delivery dates").
 * ?1 is the as-of day, NULL for everything. */
#define ARRIVED "(SELECT delivered_day FROM ingest_file WHERE id = file_id)"
#define AS_OF " AND (?1 IS NULL OR " ARRIVED " <= ?1)"

static void bind_as_of(sqlite3_stmt *st, zt_day as_of) {
  if (as_of == ZT_DAY_NONE)
    sqlite3_bind_null(st, 1);
  else
    sqlite3_bind_int64(st, 1, as_of);
}

static void note_arrival(zt_snapshot *sn, zt_day d) {
  if (d != ZT_DAY_NONE &&
      (sn->latest_arrival == ZT_DAY_NONE || d > sn->latest_arrival))
    sn->latest_arrival = d;
}

/* Each file's delivery day by file id: a line's arrival, looked up here
 * rather than by a subquery per row. */
typedef struct arrivals {
  zt_day *day;
  size_t n;
} arrivals;

static zt_status load_arrivals(sqlite3 *db, arrivals *a, zt_err *err) {
  sqlite3_stmt *st;
  int64_t max = 0;
  zt_status rc = prepare(db, "SELECT max(id) FROM ingest_file", &st, err);
  memset(a, 0, sizeof *a);
  if (rc)
    return rc;
  if (sqlite3_step(st) == SQLITE_ROW)
    max = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  a->n = (size_t)(max > 0 ? max + 1 : 1);
  a->day = malloc(a->n * sizeof *a->day);
  if (!a->day)
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  for (size_t i = 0; i < a->n; i++)
    a->day[i] = ZT_DAY_NONE;
  rc = prepare(db, "SELECT id, delivered_day FROM ingest_file", &st, err);
  if (rc)
    return rc;
  while (sqlite3_step(st) == SQLITE_ROW) {
    int64_t id = sqlite3_column_int64(st, 0);
    if (id >= 0 && (size_t)id < a->n)
      a->day[id] = opt_day(st, 1);
  }
  if (sqlite3_finalize(st) != SQLITE_OK)
    return db_fail(db, err, "reading the store");
  return ZT_OK;
}

static zt_day arrival_of(const arrivals *a, int64_t file_id) {
  return file_id >= 0 && (size_t)file_id < a->n ? a->day[file_id]
                                                 : ZT_DAY_NONE;
}

/* Whether a line that arrived on `d` is known on `as_of` (NONE: all). */
static bool known_on(zt_day d, zt_day as_of) {
  return as_of == ZT_DAY_NONE || (d != ZT_DAY_NONE && d <= as_of);
}

/* The answers' share of `lines` rejected lines worth `cents`, under
 * their main code. */
static zt_status count_rejected(zt_answer_stats *as, const char *code,
                                int64_t lines, int64_t cents) {
  size_t i;
  for (i = 0; i < as->ncodes; i++)
    if (strcmp(as->codes[i].code, code) == 0)
      break;
  if (i == as->ncodes) {
    zt_answer_code_stat *c = realloc(as->codes,
                                     (as->ncodes + 1) * sizeof *c);
    if (!c)
      return ZT_ERR_NOMEM;
    as->codes = c;
    memset(&c[i], 0, sizeof c[i]);
    zt_strlcpy(c[i].code, code, sizeof c[i].code);
    as->ncodes++;
    /* kept sorted by code */
    while (i > 0 && strcmp(c[i - 1].code, c[i].code) > 0) {
      zt_answer_code_stat t = c[i - 1];
      c[i - 1] = c[i];
      c[i] = t;
      i--;
    }
  }
  as->codes[i].lines += lines;
  as->codes[i].cents += cents;
  as->lines_rejected += lines;
  as->cents_rejected += cents;
  return ZT_OK;
}

/* Stores of at least this many declaration ids read their debits in two
 * halves, the second on a thread of its own (zt_snapshot_split_min). */
static size_t split_min = 65536;

void zt_snapshot_split_min(size_t min_ids) {
  split_min = min_ids ? min_ids : 1;
}

/* The debits with ids in (lo, hi] as one part of the lines: what one
 * connection reads, in id order, into arrays with room for every id of
 * the range (ids are unique, so the range holds at most hi - lo). */
typedef struct debit_part {
  sqlite3 *db;
  const arrivals *arr;
  const zt_answer_marks *marks;
  zt_day as_of;
  int64_t lo, hi;
  zt_nline *lines;
  int64_t *ids;
  uint8_t *open;             /* with marks: 1 open, 2 outside, 0 approved */
  size_t n;
  zt_answer_stats rejected;  /* the lines an answer rejected, by code */
  zt_reject_event *rej;      /* ... and each of them (completeness) */
  size_t nrej, rejcap;
  zt_day first, last, latest;
  zt_status st;
  zt_err err;
} debit_part;

static zt_status scan_debits(debit_part *pt) {
  sqlite3_stmt *st;
  zt_err *err = &pt->err;
  size_t room = (size_t)(pt->hi - pt->lo);
  int rc;
  zt_status zs = prepare(pt->db,
                         "SELECT id, client_id, agb, gemeente, category, "
                         "unit, product_code, begin_day, end_day, amount, "
                         "file_id FROM declaration WHERE credit = 0 AND "
                         "id > ?1 AND id <= ?2",
                         &st, err);
  if (zs)
    return zs;
  sqlite3_bind_int64(st, 1, pt->lo);
  sqlite3_bind_int64(st, 2, pt->hi);
  while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
    zt_nline *l;
    const unsigned char *code;
    zt_day arrived = arrival_of(pt->arr, sqlite3_column_int64(st, 10));
    if (!known_on(arrived, pt->as_of))
      continue;
    if (pt->n == room) {             /* cannot be: ids are unique */
      zs = zt_fail(err, ZT_ERR_STORE, "store: more declaration lines "
                   "than ids");
      break;
    }
    if (pt->marks->present) {
      const char *rcode;
      zt_day rday;
      zt_answer_mark mk = zt_answer_mark_of(
          pt->marks, sqlite3_column_int64(st, 0), &rcode, &rday);
      if (mk == ZT_ANS_REJECTED) {
        zt_reject_event ev = {sqlite3_column_int64(st, 9),
                              sqlite3_column_int(st, 7), arrived, rday,
                              (uint16_t)sqlite3_column_int(st, 3)};
        if (count_rejected(&pt->rejected, rcode, 1, ev.amount) ||
            reserve((void **)&pt->rej, &pt->rejcap, pt->nrej + 1,
                    sizeof *pt->rej)) {
          zs = zt_fail(err, ZT_ERR_NOMEM, "out of memory");
          break;
        }
        pt->rej[pt->nrej++] = ev;
        continue;                    /* not spending, not care */
      }
      pt->open[pt->n] = mk == ZT_ANS_OPEN      ? 1
                        : mk == ZT_ANS_OUTSIDE ? 2
                                               : 0;
    }
    l = &pt->lines[pt->n];
    pt->ids[pt->n] = sqlite3_column_int64(st, 0);
    memset(l, 0, sizeof *l);
    l->client = (uint32_t)(sqlite3_column_int64(st, 1) - 1);
    l->agb = (uint32_t)sqlite3_column_int64(st, 2);
    l->gemeente = (uint16_t)sqlite3_column_int(st, 3);
    l->category = (uint8_t)sqlite3_column_int(st, 4);
    l->unit = (uint8_t)sqlite3_column_int(st, 5);
    code = sqlite3_column_text(st, 6);
    zt_strlcpy(l->code, code ? (const char *)code : "", sizeof l->code);
    l->begin = sqlite3_column_int(st, 7);
    l->end = sqlite3_column_int(st, 8);
    l->amount = sqlite3_column_int64(st, 9);
    l->arrived = arrived;
    if (arrived != ZT_DAY_NONE &&
        (pt->latest == ZT_DAY_NONE || arrived > pt->latest))
      pt->latest = arrived;
    if (pt->first == ZT_DAY_NONE || l->begin < pt->first)
      pt->first = l->begin;
    if (pt->last == ZT_DAY_NONE || l->end > pt->last)
      pt->last = l->end;
    pt->n++;
  }
  /* a read that ends in an error (a damaged page, a failed read) must
   * not pass for the end of the table */
  if (!zs && rc != SQLITE_DONE)
    zs = db_fail(pt->db, err, "reading the declaration lines");
  sqlite3_finalize(st);
  return zs;
}

static gpointer scan_thread(gpointer data) {
  debit_part *pt = data;
  if (sqlite3_exec(pt->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    pt->st = db_fail(pt->db, &pt->err, "starting a read");
  else
    pt->st = scan_debits(pt);
  sqlite3_exec(pt->db, "COMMIT", NULL, NULL, NULL);
  return NULL;
}

/* Put part b's lines right behind part a's (b was read into the same
 * arrays at its own offset: moved down in place, no copy of the whole),
 * and its rejected lines behind a's. */
static zt_status part_join(debit_part *a, debit_part *b, bool marks) {
  if (b->nrej) {
    if (reserve((void **)&a->rej, &a->rejcap, a->nrej + b->nrej,
                sizeof *a->rej))
      return ZT_ERR_NOMEM;
    memcpy(a->rej + a->nrej, b->rej, b->nrej * sizeof *b->rej);
    a->nrej += b->nrej;
  }
  memmove(a->lines + a->n, b->lines, b->n * sizeof *b->lines);
  memmove(a->ids + a->n, b->ids, b->n * sizeof *b->ids);
  if (marks)
    memmove(a->open + a->n, b->open, b->n);
  a->n += b->n;
  if (b->first != ZT_DAY_NONE && (a->first == ZT_DAY_NONE ||
                                  b->first < a->first))
    a->first = b->first;
  if (b->last != ZT_DAY_NONE && (a->last == ZT_DAY_NONE ||
                                 b->last > a->last))
    a->last = b->last;
  if (b->latest != ZT_DAY_NONE && (a->latest == ZT_DAY_NONE ||
                                   b->latest > a->latest))
    a->latest = b->latest;
  return ZT_OK;
}

/* Merge the rejected lines of a part into the snapshot's answers. */
static zt_status part_rejected(zt_answer_stats *as, const debit_part *pt) {
  for (size_t i = 0; i < pt->rejected.ncodes; i++)
    if (count_rejected(as, pt->rejected.codes[i].code,
                       pt->rejected.codes[i].lines,
                       pt->rejected.codes[i].cents))
      return ZT_ERR_NOMEM;
  return ZT_OK;
}

/* The helper's connection: the same file, read only. NULL when the store
 * is in memory or cannot be opened again (then one connection reads
 * all). */
static sqlite3 *second_connection(sqlite3 *db) {
  const char *path = sqlite3_db_filename(db, "main");
  sqlite3 *h = NULL;
  if (!path || !*path)
    return NULL;
  if (sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                      NULL) != SQLITE_OK) {
    sqlite3_close(h);
    return NULL;
  }
  sqlite3_busy_timeout(h, 10000);
  return h;
}

/* The highest declaration id (0 when none): ids are dense, so every
 * stored line fits an array of that many. */
static zt_status max_decl_id(sqlite3 *db, int64_t *max, zt_err *err) {
  sqlite3_stmt *mx;
  zt_status st = prepare(db, "SELECT max(id) FROM declaration", &mx, err);
  *max = 0;
  if (st)
    return st;
  if (sqlite3_step(mx) == SQLITE_ROW)
    *max = sqlite3_column_int64(mx, 0);
  if (sqlite3_finalize(mx) != SQLITE_OK)
    return db_fail(db, err, "reading the store");
  return ZT_OK;
}

/* Read every debit into a's arrays (allocated here, room for every id):
 * ids (0, max] on this connection, or with `split_them` the upper half on
 * a second
 * connection and thread while this one reads the lower half. `*split`
 * says whether a second connection read a part (its state is the same as
 * ours only when no other connection wrote meanwhile, which the caller
 * verifies). */
static zt_status read_debits(sqlite3 *db, debit_part *a, int64_t max,
                             bool split_them, bool *split, zt_err *err) {
  size_t room = max > 0 ? (size_t)max : 0;
  debit_part b;
  GThread *t = NULL;
  bool marks = a->marks->present;
  zt_status st;
  *split = false;
  a->db = db;
  a->lo = 0;
  a->hi = (int64_t)room;
  a->lines = malloc((room ? room : 1) * sizeof *a->lines);
  a->ids = malloc((room ? room : 1) * sizeof *a->ids);
  a->open = marks ? malloc(room ? room : 1) : NULL;
  if (!a->lines || !a->ids || (marks && !a->open))
    return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  if (split_them) {
    b = *a;
    b.lo = (int64_t)(room / 2);
    b.lines = a->lines + b.lo;
    b.ids = a->ids + b.lo;
    b.open = marks ? a->open + b.lo : NULL;
    b.db = second_connection(db);
    if (b.db)
      t = g_thread_try_new("zt-snapshot", scan_thread, &b, NULL);
    if (t)
      a->hi = b.lo;
    else
      sqlite3_close(b.db);
  }
  st = scan_debits(a);
  if (st && err)
    *err = a->err;
  if (t) {
    g_thread_join(t);
    sqlite3_close(b.db);
    *split = true;
    if (!st && b.st) {
      st = b.st;
      if (err)
        *err = b.err;
    }
    if (!st && part_join(a, &b, marks))
      st = zt_fail(err, ZT_ERR_NOMEM, "out of memory");
    if (!st && part_rejected(&a->rejected, &b))
      st = zt_fail(err, ZT_ERR_NOMEM, "out of memory");
    free(b.rejected.codes);
    free(b.rej);
  }
  return st;
}

/* Debits in store order, then the applied credits netted into them.
 * With answers stored (etl/answer.h), a rejected line is left out (a
 * rejected credit is not netted) and counted in sn->answers. */
static zt_status load_lines(sqlite3 *db, zt_snapshot *sn, int64_t max_id,
                            bool split_them, bool *split, zt_err *err) {
  sqlite3_stmt *st;
  int64_t *ids = NULL;
  uint8_t *open = NULL;
  size_t ccap = 0;
  zt_answer_marks marks;
  zt_answer_stats *as = &sn->answers;
  arrivals arr;
  debit_part a;
  size_t rejcap;
  int step;
  zt_status rc = load_arrivals(db, &arr, err);
  if (rc) {
    free(arr.day);
    return rc;
  }
  rc = zt_answer_marks_load(db, sn->as_of, &marks, err);
  if (rc) {
    free(arr.day);
    return rc;
  }
  as->present = marks.present;
  as->orphans = marks.orphans;       /* the stats own them from here */
  as->norphans = marks.norphans;
  marks.orphans = NULL;
  marks.norphans = 0;
  memset(&a, 0, sizeof a);
  a.arr = &arr;
  a.marks = &marks;
  a.as_of = sn->as_of;
  a.first = a.last = a.latest = ZT_DAY_NONE;
  rc = read_debits(db, &a, max_id, split_them, split, err);
  if (!rc && part_rejected(as, &a))
    rc = zt_fail(err, ZT_ERR_NOMEM, "out of memory");
  sn->lines = a.lines;
  sn->nlines = a.n;
  sn->rejections = a.rej;
  sn->nrejections = a.nrej;
  rejcap = a.rejcap;
  ids = a.ids;
  open = a.open;
  free(a.rejected.codes);
  sn->first_day = a.first;
  sn->last_day = a.last;
  note_arrival(sn, a.latest);
  if (rc) {
    free(arr.day);
    free(ids);
    free(open);
    zt_answer_marks_free(&marks);
    return rc;
  }

  /* The rows came in id order, so a debit is found by binary search. */
  rc = prepare(db,
               "SELECT debit_id, amount, id, file_id FROM declaration "
               "WHERE credit = 1 AND debit_id IS NOT NULL",
               &st, err);
  if (rc) {
    free(arr.day);
    free(ids);
    free(open);
    zt_answer_marks_free(&marks);
    return rc;
  }
  while ((step = sqlite3_step(st)) == SQLITE_ROW) {
    int64_t debit = sqlite3_column_int64(st, 0);
    size_t lo = 0, hi = sn->nlines;
    bool found;
    zt_day arrived = arrival_of(&arr, sqlite3_column_int64(st, 3));
    if (!known_on(arrived, sn->as_of))
      continue;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (ids[mid] < debit)
        lo = mid + 1;
      else
        hi = mid;
    }
    found = lo < sn->nlines && ids[lo] == debit;
    if (marks.present) {
      const char *rcode;
      zt_day rday;
      if (zt_answer_mark_of(&marks, sqlite3_column_int64(st, 2), &rcode,
                            &rday) == ZT_ANS_REJECTED) {
        /* a rejected credit is not applied: its debit stands; it was
         * netted from its arrival until the answer (completeness) */
        if (count_rejected(as, rcode, 1, -sqlite3_column_int64(st, 1))) {
          rc = zt_fail(err, ZT_ERR_NOMEM, "out of memory");
          break;
        }
        if (found) {
          zt_reject_event ev = {-sqlite3_column_int64(st, 1),
                                sn->lines[lo].begin, arrived, rday,
                                sn->lines[lo].gemeente};
          if (reserve((void **)&sn->rejections, &rejcap,
                      sn->nrejections + 1, sizeof *sn->rejections)) {
            rc = zt_fail(err, ZT_ERR_NOMEM, "out of memory");
            break;
          }
          sn->rejections[sn->nrejections++] = ev;
        }
        continue;
      }
    }
    if (found) {
      zt_credit_event *c;
      sn->lines[lo].amount -= sqlite3_column_int64(st, 1);
      sn->lines[lo].credited = true;
      if (reserve((void **)&sn->credits, &ccap, sn->ncredits + 1,
                  sizeof *sn->credits)) {
        rc = zt_fail(err, ZT_ERR_NOMEM, "out of memory");
        break;
      }
      c = &sn->credits[sn->ncredits++];
      c->line = (uint32_t)lo;
      c->amount = sqlite3_column_int64(st, 1);
      c->arrived = arrived;
      note_arrival(sn, c->arrived);
    }
  }
  if (!rc && step != SQLITE_DONE)
    rc = db_fail(db, err, "reading the credits");
  sqlite3_finalize(st);
  if (!rc && marks.present)
    for (size_t i = 0; i < sn->nlines; i++) {
      if (open[i] == 1) {
        as->lines_open++;
        as->cents_open += sn->lines[i].amount;
      } else if (open[i] == 2) {
        as->lines_outside++;
        as->cents_outside += sn->lines[i].amount;
      } else {
        as->lines_approved++;
        as->cents_approved += sn->lines[i].amount;
      }
    }
  free(arr.day);
  free(open);
  zt_answer_marks_free(&marks);
  if (rc) {
    free(ids);
    return rc;
  }
  /* kept for the double declarations (etl/double.c), trimmed to the
   * lines: the array had room for every id, credits' too */
  sn->ids = realloc(ids, (sn->nlines ? sn->nlines : 1) * sizeof *ids);
  if (!sn->ids)
    sn->ids = ids;            /* a shrink that failed keeps the block */
  return rc;
}

static zt_status load_residences(sqlite3 *db, zt_snapshot *sn, zt_err *err) {
  sqlite3_stmt *st;
  size_t cap = 0;
  zt_status rc = prepare(db,
                         "SELECT client_id, gemeente, begin_day, end_day "
                         "FROM residence",
                         &st, err);
  if (rc)
    return rc;
  while (sqlite3_step(st) == SQLITE_ROW) {
    zt_nresidence *r;
    if (reserve((void **)&sn->residences, &cap, sn->nresidences + 1,
                sizeof *sn->residences)) {
      sqlite3_finalize(st);
      return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
    }
    r = &sn->residences[sn->nresidences++];
    r->client = (uint32_t)(sqlite3_column_int64(st, 0) - 1);
    r->gemeente = (uint16_t)sqlite3_column_int(st, 1); /* NULL -> 0 */
    r->begin = sqlite3_column_int(st, 2);
    r->end = opt_day(st, 3);
  }
  if (sqlite3_finalize(st) != SQLITE_OK)
    return db_fail(db, err, "reading the store");
  return ZT_OK;
}

static zt_status load_reference(sqlite3 *db, zt_snapshot *sn, zt_err *err) {
  sqlite3_stmt *st;
  size_t cap = 0;
  zt_status rc = prepare(db,
                         "SELECT code, kind, label, valid_from, valid_to, "
                         "gemeente FROM product_code ORDER BY code, "
                         "gemeente, valid_from",
                         &st, err);
  if (rc)
    return rc;
  while (sqlite3_step(st) == SQLITE_ROW) {
    zt_productcode *p;
    const unsigned char *label = sqlite3_column_text(st, 2);
    int kind = zt_kind_from_id((const char *)sqlite3_column_text(st, 1));
    if (kind < 0)
      continue;
    if (reserve((void **)&sn->products, &cap, sn->nproducts + 1,
                sizeof *sn->products)) {
      sqlite3_finalize(st);
      return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
    }
    p = &sn->products[sn->nproducts++];
    memset(p, 0, sizeof *p);
    zt_strlcpy(p->code, (const char *)sqlite3_column_text(st, 0),
               sizeof p->code);
    p->kind = kind;
    zt_strlcpy(p->label, label ? (const char *)label : "", sizeof p->label);
    p->valid_from = opt_day(st, 3);
    p->valid_to = opt_day(st, 4);
    p->gemeente = (uint16_t)sqlite3_column_int(st, 5);
  }
  if (sqlite3_finalize(st) != SQLITE_OK)
    return db_fail(db, err, "reading the store");

  cap = 0;
  rc = prepare(db,
               "SELECT agb, name, provider_type, contracted FROM provider "
               "ORDER BY agb",
               &st, err);
  if (rc)
    return rc;
  while (sqlite3_step(st) == SQLITE_ROW) {
    zt_provider *v;
    const unsigned char *type = sqlite3_column_text(st, 2);
    if (reserve((void **)&sn->providers, &cap, sn->nproviders + 1,
                sizeof *sn->providers)) {
      sqlite3_finalize(st);
      return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
    }
    v = &sn->providers[sn->nproviders++];
    memset(v, 0, sizeof *v);
    v->agb = (uint32_t)sqlite3_column_int64(st, 0);
    zt_strlcpy(v->name, (const char *)sqlite3_column_text(st, 1),
               sizeof v->name);
    zt_strlcpy(v->type, type ? (const char *)type : "", sizeof v->type);
    v->contracted = sqlite3_column_int(st, 3) != 0;
  }
  if (sqlite3_finalize(st) != SQLITE_OK)
    return db_fail(db, err, "reading the store");

  cap = 0;
  rc = prepare(db,
               "SELECT gemeente, jaar, leeftijd_van, leeftijd_tot, aantal "
               "FROM population ORDER BY gemeente, jaar, leeftijd_van, "
               "leeftijd_tot",
               &st, err);
  if (rc)
    return rc;
  while (sqlite3_step(st) == SQLITE_ROW) {
    zt_population *b;
    if (reserve((void **)&sn->population, &cap, sn->npopulation + 1,
                sizeof *sn->population)) {
      sqlite3_finalize(st);
      return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
    }
    b = &sn->population[sn->npopulation++];
    b->gemeente = (uint16_t)sqlite3_column_int(st, 0);
    b->year = (int16_t)sqlite3_column_int(st, 1);
    b->age_from = (uint8_t)sqlite3_column_int(st, 2);
    b->age_to = (uint8_t)sqlite3_column_int(st, 3);
    b->count = sqlite3_column_int64(st, 4);
  }
  if (sqlite3_finalize(st) != SQLITE_OK)
    return db_fail(db, err, "reading the store");

  cap = 0;
  rc = prepare(db,
               "SELECT indicator, gebied, periode, waarde_num, waarde_den, "
               "status, bron FROM benchmark ORDER BY indicator, "
               "gebied <> 'NL', gebied, periode",
               &st, err);
  if (rc)
    return rc;
  while (sqlite3_step(st) == SQLITE_ROW) {
    zt_benchmark *m;
    if (reserve((void **)&sn->benchmarks, &cap, sn->nbenchmarks + 1,
                sizeof *sn->benchmarks)) {
      sqlite3_finalize(st);
      return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
    }
    m = &sn->benchmarks[sn->nbenchmarks++];
    memset(m, 0, sizeof *m);
    zt_strlcpy(m->indicator, (const char *)sqlite3_column_text(st, 0),
               sizeof m->indicator);
    zt_strlcpy(m->area, (const char *)sqlite3_column_text(st, 1),
               sizeof m->area);
    zt_strlcpy(m->period, (const char *)sqlite3_column_text(st, 2),
               sizeof m->period);
    m->num = sqlite3_column_int64(st, 3);
    m->den = sqlite3_column_int64(st, 4);
    zt_strlcpy(m->status, (const char *)sqlite3_column_text(st, 5),
               sizeof m->status);
    zt_strlcpy(m->source, (const char *)sqlite3_column_text(st, 6),
               sizeof m->source);
  }
  if (sqlite3_finalize(st) != SQLITE_OK)
    return db_fail(db, err, "reading the store");
  return ZT_OK;
}

static zt_status load_counts(sqlite3 *db, zt_snapshot *sn, zt_err *err) {
  sqlite3_stmt *st;
  size_t cap = 0;
  zt_status rc = prepare(
      db,
      "SELECT coalesce(sum(lines_read), 0), coalesce(sum(lines_accepted), 0),"
      " coalesce(sum(lines_duplicate), 0) FROM ingest_file WHERE status = "
      "'ingested' AND (?1 IS NULL OR delivered_day <= ?1)",
      &st, err);
  if (rc)
    return rc;
  bind_as_of(st, sn->as_of);
  if (sqlite3_step(st) == SQLITE_ROW) {
    sn->lines_read = sqlite3_column_int64(st, 0);
    sn->lines_accepted = sqlite3_column_int64(st, 1);
    sn->duplicates = sqlite3_column_int64(st, 2);
  }
  sqlite3_finalize(st);

  rc = prepare(db,
               "SELECT r.reason, f.status, count(*) FROM reject r JOIN "
               "ingest_file f ON f.id = r.file_id WHERE ?1 IS NULL OR "
               "f.delivered_day <= ?1 GROUP BY r.reason, f.status",
               &st, err);
  if (rc)
    return rc;
  bind_as_of(st, sn->as_of);
  while (sqlite3_step(st) == SQLITE_ROW) {
    zt_reason r =
        zt_reason_from_code((const char *)sqlite3_column_text(st, 0));
    const char *status = (const char *)sqlite3_column_text(st, 1);
    if (r == ZT_R_NONE)
      continue;
    if (strcmp(status, "ingested") == 0)
      sn->rejected[r] += sqlite3_column_int64(st, 2);
    else
      sn->files_rejected[r] += sqlite3_column_int64(st, 2);
  }
  if (sqlite3_finalize(st) != SQLITE_OK)
    return db_fail(db, err, "reading the store");

  rc = prepare(db,
               "SELECT count(*) FILTER (WHERE debit_id IS NOT NULL), "
               "count(*) FILTER (WHERE debit_id IS NULL), coalesce(sum(amount)"
               " FILTER (WHERE debit_id IS NULL), 0) FROM declaration WHERE "
               "credit = 1" AS_OF,
               &st, err);
  if (rc)
    return rc;
  bind_as_of(st, sn->as_of);
  if (sqlite3_step(st) == SQLITE_ROW) {
    sn->credits_applied = sqlite3_column_int64(st, 0);
    sn->credits_waiting = sqlite3_column_int64(st, 1);
    sn->credits_waiting_cents = sqlite3_column_int64(st, 2);
  }
  sqlite3_finalize(st);

  rc = prepare(db,
               "SELECT kind, format, count(*), "
               "count(*) FILTER (WHERE status = 'rejected'), "
               "sum(lines_read), sum(lines_accepted), sum(lines_rejected), "
               "sum(lines_duplicate), min(substr(ingested_at, 1, 10)), "
               "max(substr(ingested_at, 1, 10)) FROM ingest_file "
               "WHERE ?1 IS NULL OR delivered_day <= ?1 "
               "GROUP BY kind, format ORDER BY kind, format",
               &st, err);
  if (rc)
    return rc;
  bind_as_of(st, sn->as_of);
  while (sqlite3_step(st) == SQLITE_ROW) {
    zt_source_group *g;
    const char *d1 = (const char *)sqlite3_column_text(st, 8);
    const char *d2 = (const char *)sqlite3_column_text(st, 9);
    if (reserve((void **)&sn->sources, &cap, sn->nsources + 1,
                sizeof *sn->sources)) {
      sqlite3_finalize(st);
      return zt_fail(err, ZT_ERR_NOMEM, "out of memory");
    }
    g = &sn->sources[sn->nsources++];
    memset(g, 0, sizeof *g);
    zt_strlcpy(g->kind, (const char *)sqlite3_column_text(st, 0),
               sizeof g->kind);
    zt_strlcpy(g->format, (const char *)sqlite3_column_text(st, 1),
               sizeof g->format);
    g->files = (long)sqlite3_column_int64(st, 2);
    g->files_rejected = (long)sqlite3_column_int64(st, 3);
    g->lines_read = (long)sqlite3_column_int64(st, 4);
    g->accepted = (long)sqlite3_column_int64(st, 5);
    g->rejected = (long)sqlite3_column_int64(st, 6);
    g->duplicates = (long)sqlite3_column_int64(st, 7);
    if (!d1 || zt_date_parse(d1, strlen(d1), &g->first))
      g->first = ZT_DAY_NONE;
    if (!d2 || zt_date_parse(d2, strlen(d2), &g->last))
      g->last = ZT_DAY_NONE;
  }
  if (sqlite3_finalize(st) != SQLITE_OK)
    return db_fail(db, err, "reading the store");
  return ZT_OK;
}

zt_status zt_snapshot_load(zt_store *store, zt_snapshot *sn, zt_err *err) {
  return zt_snapshot_load_as_of(store, ZT_DAY_NONE, sn, err);
}

/* PRAGMA data_version: changes when another connection commits. */
static int64_t data_version(sqlite3 *db) {
  sqlite3_stmt *st;
  int64_t v = -1;
  if (sqlite3_prepare_v2(db, "PRAGMA data_version", -1, &st, NULL) !=
      SQLITE_OK)
    return -1;
  if (sqlite3_step(st) == SQLITE_ROW)
    v = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  return v;
}

/* The flow tables (etl/flow.h) read on a connection and thread of their
 * own, beside the lines: they scan the declarations once more. */
typedef struct flow_job {
  sqlite3 *db;
  zt_day as_of;
  zt_flow_data flow;
  zt_status st;
  zt_err err;
} flow_job;

static gpointer flow_thread(gpointer data) {
  flow_job *j = data;
  if (sqlite3_exec(j->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    j->st = db_fail(j->db, &j->err, "starting a read");
  else
    j->st = zt_flow_load(j->db, j->as_of, &j->flow, &j->err);
  sqlite3_exec(j->db, "COMMIT", NULL, NULL, NULL);
  return NULL;
}

static zt_status load_once(zt_store *store, zt_day as_of, bool allow_split,
                           zt_snapshot *sn, zt_err *err) {
  sqlite3 *db = zt_store_db(store);
  zt_status rc;
  int64_t v1, max_id;
  bool split = false;
  flow_job fj;
  GThread *ft = NULL;
  memset(sn, 0, sizeof *sn);
  sn->as_of = as_of;
  sn->latest_arrival = ZT_DAY_NONE;
  rc = zt_store_commit(store, err);
  if (rc)
    return rc;
  /* One read transaction: every query sees the same state. A second
   * connection that reads half of the lines sees it too when no other
   * connection committed in between: PRAGMA data_version, read before
   * the transaction and after it, says whether one did (zothuis's own
   * writers are kept out by the lock; this is for anything else). */
  v1 = data_version(db);
  if (sqlite3_exec(db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    return db_fail(db, err, "starting a read");
  memset(&fj, 0, sizeof fj);
  fj.as_of = as_of;
  rc = max_decl_id(db, &max_id, err);
  if (rc) {
    sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
    return rc;
  }
  /* a store large enough for two readers of the lines (split_min) also
   * reads the flow beside them */
  allow_split = allow_split && max_id > 0 && (size_t)max_id >= split_min;
  if (allow_split && (fj.db = second_connection(db)) != NULL &&
      !(ft = g_thread_try_new("zt-flow", flow_thread, &fj, NULL))) {
    sqlite3_close(fj.db);
    fj.db = NULL;
  }
  rc = load_clients(db, sn, err);
  if (!rc)
    rc = load_lines(db, sn, max_id, allow_split, &split, err);
  if (!rc)
    rc = load_residences(db, sn, err);
  if (!rc)
    rc = load_reference(db, sn, err);
  if (!rc)
    rc = load_counts(db, sn, err);
  if (ft) {
    g_thread_join(ft);
    sqlite3_close(fj.db);
    split = true;
    sn->flow = fj.flow;             /* freed with the snapshot */
    if (!rc && fj.st) {
      rc = fj.st;
      if (err)
        *err = fj.err;
    }
  } else if (!rc) {
    rc = zt_flow_load(db, sn->as_of, &sn->flow, err);
  }
  sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
  if (rc)
    zt_snapshot_free(sn);
  else if (split && (v1 < 0 || data_version(db) != v1)) {
    zt_snapshot_free(sn);                  /* read it again, alone */
    return load_once(store, as_of, false, sn, err);
  }
  if (!rc && (rc = zt_store_check_start_due(store, err)))
    zt_snapshot_free(sn);
  return rc;
}

zt_status zt_snapshot_load_as_of(zt_store *store, zt_day as_of,
                                 zt_snapshot *sn, zt_err *err) {
  return load_once(store, as_of, true, sn, err);
}

void zt_snapshot_free_lines(zt_snapshot *sn) {
  free(sn->lines);
  sn->lines = NULL;
  sn->nlines = 0;
  free(sn->ids);
  sn->ids = NULL;
  free(sn->rejections);
  sn->rejections = NULL;
  sn->nrejections = 0;
  free(sn->credits);
  sn->credits = NULL;
  sn->ncredits = 0;
}

void zt_snapshot_free(zt_snapshot *sn) {
  zt_snapshot_free_lines(sn);
  free(sn->residences);
  free(sn->clients);
  free(sn->products);
  free(sn->providers);
  free(sn->population);
  free(sn->benchmarks);
  free(sn->sources);
  zt_flow_free(&sn->flow);
  zt_answer_stats_free(&sn->answers);
  memset(sn, 0, sizeof *sn);
}

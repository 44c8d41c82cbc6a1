/*
 * etl/flow.h -- the access and outflow flow as the metrics read it:
 * requests (JW315), assignments (JW301), starts (JW305), stops (JW307)
 * and, per client, provider, municipality and ToewijzingNummer, the
 * first declared day (JW323), loaded from the store in the snapshot's
 * read (etl/snapshot.c). Clients are store ids, never pseudonyms or
 * BSNs. When the store holds no request, start or stop, nothing is
 * loaded (zt_flow_present is false) and no flow.* row is written.
 */
#ifndef ZT_FLOW_H
#define ZT_FLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/err.h"
#include "etl/record.h"

struct sqlite3;

typedef struct zt_flow_req {
  uint32_t client, agb;
  uint16_t gemeente;
  int16_t category;          /* -1 absent */
  char code[ZT_CODE_MAX + 1];
  char ref[ZT_TEXT_BYTES(ZT_REFA_MAX)]; /* ReferentieAanbieder */
  zt_day begin;              /* ToewijzingIngangsdatum asked for */
  zt_day day;                /* the request's day */
  int verwijzer;             /* TypeVerwijzer 1-6, 8 */
} zt_flow_req;

/* One assignment (gemeente, ToewijzingNummer) in its latest version. */
typedef struct zt_flow_assign {
  uint32_t client, agb;
  uint16_t gemeente;
  int16_t category;          /* -1 absent */
  char code[ZT_CODE_MAX + 1];
  char ref[ZT_TEXT_BYTES(ZT_REFA_MAX)]; /* "" absent */
  int64_t toewijzing;
  zt_day begin, end;         /* Ingangsdatum, Einddatum (NONE: open) */
  zt_day assigned;           /* first Toewijzingsdatum, NONE absent */
  int reason;                /* RedenWijziging, -1 absent */
} zt_flow_assign;

/* A start (reason -1, end NONE) or a stop. */
typedef struct zt_flow_care {
  uint32_t client, agb;
  uint16_t gemeente;
  int16_t category;
  char code[ZT_CODE_MAX + 1];
  int64_t toewijzing;        /* -1 absent */
  zt_day assign_begin;       /* NONE absent */
  zt_day begin;
  int reason;
  zt_day end;
} zt_flow_care;

/* Declared debit lines per client, provider, municipality and
 * ToewijzingNummer (-1 absent): the first product day. */
typedef struct zt_flow_decl {
  uint32_t client, agb;
  uint16_t gemeente;
  int64_t toewijzing;
  zt_day first;
} zt_flow_decl;

typedef struct zt_flow_data {
  zt_flow_req *req;
  size_t nreq;
  zt_flow_assign *assign;
  size_t nassign;
  zt_flow_care *starts, *stops;
  size_t nstarts, nstops;
  zt_flow_decl *decls;
  size_t ndecls;
} zt_flow_data;

/* Load from an open read transaction of the store's handle. With
 * `as_of` (not ZT_DAY_NONE) only the rows whose file was delivered on or
 * before that day: the messages as known then (a correction that came
 * later has replaced the version it corrects in the store, so that one
 * is read as corrected). */
zt_status zt_flow_load(struct sqlite3 *db, zt_day as_of, zt_flow_data *out,
                       zt_err *err);
void zt_flow_free(zt_flow_data *f);
/* Does it hold a request, a start or a stop? */
bool zt_flow_present(const zt_flow_data *f);

#endif

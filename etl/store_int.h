/*
 * etl/store_int.h -- internal to the store: its schema
 * (etl/store_schema.c) and what etl/store.c lends to the files that keep
 * tables of their own (etl/store_flow.c) or pass over the store
 * (etl/store_scrub.c). Nothing outside etl/store*.c includes it.
 */
#ifndef ZT_STORE_INT_H
#define ZT_STORE_INT_H

#include <stdint.h>

#include "core/err.h"
#include "etl/record.h"
#include "etl/store.h"

/* The schema, one entry per version (etl/store_schema.c): migration i
 * takes user_version i to i + 1. Never edit a published entry; add a new
 * one. */
extern const char *const zt_store_migrations[ZT_STORE_SCHEMA_VERSION];

/* The schema of version 4 (migration 3 -> 4), in etl/store_flow.c. */
extern const char zt_store_flow_schema[];

/* The flow tables' prepared statements, made on first use. */
struct zt_store_flow;
void zt_store_flow_free(struct zt_store_flow *f);
struct zt_store_flow **zt_store_flow_slot_(zt_store *s);

/* The store id of a client (created when new; undone with the file). */
zt_status zt_store_client_(zt_store *s, const zt_pseudo *p, int64_t *id,
                           zt_err *err);
/* Note the provider of the open file's lines. */
void zt_store_agb_(zt_store *s, uint32_t agb);
/* declaration.ref_key of a provider's reference. */
int64_t zt_store_ref_key_(uint32_t agb, const char *ref);
/* assignment.content_key: what a resent JW301 line repeats (client,
 * municipality, provider, ToewijzingNummer as stored, product, dates,
 * reason), so the resend is a duplicate; every part is a column of the
 * row, so etl/store_scrub.c can compute it again. `pseudonym` is the
 * client's pseudonym text. */
int64_t zt_store_assign_key_(const char *pseudonym, const zt_assign *a);
/* A failed SQLite call as a status with the store's message. */
zt_status zt_store_fail_(zt_store *s, zt_err *err, const char *what);

#endif

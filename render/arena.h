/*
 * render/arena.h -- a bump allocator for the document model: every block,
 * string, table and chart of one report lives in one arena and is freed
 * at once. Allocation goes through GLib, which aborts on out-of-memory
 * (the report is small; there is no sensible partial result).
 */
#ifndef ZT_ARENA_H
#define ZT_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct zt_arena_chunk zt_arena_chunk;

typedef struct zt_arena {
  zt_arena_chunk *head;
  size_t used;    /* bytes used in head */
  size_t total;   /* bytes handed out, for statistics */
} zt_arena;

void zt_arena_init(zt_arena *a);
void zt_arena_free(zt_arena *a);
/* `n` zeroed bytes aligned for any type. */
void *zt_arena_alloc(zt_arena *a, size_t n);
/* An array of `count` zeroed elements of `size` bytes. */
void *zt_arena_array(zt_arena *a, size_t count, size_t size);
char *zt_arena_strdup(zt_arena *a, const char *s);
char *zt_arena_strndup(zt_arena *a, const char *s, size_t n);
char *zt_arena_printf(zt_arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif

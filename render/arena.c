/*
 * render/arena.c -- the document model's bump allocator (arena.h).
 */
#include "render/arena.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#define CHUNK_SIZE (64u * 1024u)
#define ALIGN 16u

struct zt_arena_chunk {
  zt_arena_chunk *next;
  size_t size;
  _Alignas(16) unsigned char data[];
};

void zt_arena_init(zt_arena *a) { memset(a, 0, sizeof *a); }

void zt_arena_free(zt_arena *a) {
  zt_arena_chunk *c = a->head;
  while (c) {
    zt_arena_chunk *next = c->next;
    g_free(c);
    c = next;
  }
  memset(a, 0, sizeof *a);
}

void *zt_arena_alloc(zt_arena *a, size_t n) {
  void *p;
  n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
  if (n == 0)
    n = ALIGN;
  if (!a->head || a->used + n > a->head->size) {
    size_t size = n > CHUNK_SIZE / 4 ? n : CHUNK_SIZE;
    zt_arena_chunk *c = g_malloc(sizeof *c + size);
    c->size = size;
    if (n > CHUNK_SIZE / 4 && a->head) {
      /* a big piece gets its own chunk behind the current one */
      c->next = a->head->next;
      a->head->next = c;
      memset(c->data, 0, n);
      a->total += n;
      return c->data;
    }
    c->next = a->head;
    a->head = c;
    a->used = 0;
  }
  p = a->head->data + a->used;
  a->used += n;
  a->total += n;
  memset(p, 0, n);
  return p;
}

void *zt_arena_array(zt_arena *a, size_t count, size_t size) {
  if (size && count > ((size_t)-1) / 2 / size)
    g_error("arena: array too large");
  return zt_arena_alloc(a, count * size);
}

char *zt_arena_strndup(zt_arena *a, const char *s, size_t n) {
  char *p = zt_arena_alloc(a, n + 1);
  memcpy(p, s, n);
  p[n] = '\0';
  return p;
}

char *zt_arena_strdup(zt_arena *a, const char *s) {
  return zt_arena_strndup(a, s ? s : "", s ? strlen(s) : 0);
}

char *zt_arena_printf(zt_arena *a, const char *fmt, ...) {
  va_list ap, ap2;
  int n;
  char *p;
  va_start(ap, fmt);
  va_copy(ap2, ap);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0)
    n = 0;
  p = zt_arena_alloc(a, (size_t)n + 1);
  vsnprintf(p, (size_t)n + 1, fmt, ap2);
  va_end(ap2);
  return p;
}

/*
 * core/sort.h -- qsort that accepts an empty array: the C library's qsort
 * may not be given a null pointer even with zero elements, and an empty
 * growable array often is one.
 */
#ifndef ZT_SORT_H
#define ZT_SORT_H

#include <stdlib.h>

static inline void zt_qsort(void *base, size_t n, size_t size,
                            int (*cmp)(const void *, const void *)) {
  if (n > 1)
    qsort(base, n, size, cmp);
}

#endif

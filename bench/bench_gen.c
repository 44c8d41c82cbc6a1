/*
 * bench/bench_gen.c -- write the benchmark inputs with the generator of
 * fixtures/gen (deterministic for a seed):
 *
 *   bench_gen csv PATH LINES          canonical declaration CSV
 *   bench_gen jw323 PATH LINES        one JW323 message
 *   bench_gen jw323many DIR LINES     the same lines as many small JW323
 *                                     messages (provider x municipality x
 *                                     month, about 70 lines a file)
 *   bench_gen year DIR LINES CLIENTS  a national-scale year (CSV files,
 *                                     residence history, product codes)
 */
#include <stdio.h>
#include <string.h>

#include "core/str.h"
#include "fixtures/gen/gen.h"

int main(int argc, char **argv) {
  long lines = 0, clients = 0;
  zt_err err;
  zt_status st;
  if (argc < 4 || zt_parse_int(argv[3], 1, 100000000L, &lines) ||
      (argc > 4 && zt_parse_int(argv[4], 1, 100000000L, &clients))) {
    fprintf(stderr, "usage: bench_gen csv|jw323 PATH LINES | jw323many DIR "
                    "LINES | year DIR LINES CLIENTS\n");
    return 1;
  }
  if (strcmp(argv[1], "csv") == 0)
    st = zt_gen_bench_csv(argv[2], lines, 1, &err);
  else if (strcmp(argv[1], "jw323") == 0)
    st = zt_gen_bench_jw323(argv[2], lines, 1, &err);
  else if (strcmp(argv[1], "jw323many") == 0) {
    long files = 0;
    st = zt_gen_bench_jw323_many(argv[2], lines, 1, &files, &err);
    if (st == ZT_OK)
      printf("bench_gen: %ld lines in %ld files\n", lines, files);
  } else if (strcmp(argv[1], "year") == 0 && clients > 0)
    st = zt_gen_bench_year(argv[2], lines, clients, 2023, 1, &err);
  else
    return fprintf(stderr, "bench_gen: unknown kind %s\n", argv[1]), 1;
  if (st) {
    fprintf(stderr, "bench_gen: %s\n", err.msg);
    return 1;
  }
  return 0;
}

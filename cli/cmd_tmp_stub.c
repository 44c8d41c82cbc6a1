/* temporary stub while readers are merged */
#include "cli/cli.h"
int zt_cmd_ingest(const zt_globals *g, int argc, char **argv) { (void)g; (void)argc; (void)argv; return 1; }
int zt_cmd_check(const zt_globals *g, int argc, char **argv) { (void)g; (void)argc; (void)argv; return 1; }
int zt_cmd_demo(const zt_globals *g, int argc, char **argv) { (void)g; (void)argc; (void)argv; return 1; }

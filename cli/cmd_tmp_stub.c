/* temporary stub while readers are merged */
#include "cli/cli.h"
#include "cli/ingestrun.h"
int zt_cmd_demo(const zt_globals *g, int argc, char **argv) { (void)g; (void)argc; (void)argv; return 1; }

/* cmd_compare.c — paxwatch compare (being written). */
#include <stdio.h>
#include "cli.h"
int cmd_compare(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "compare: not yet available\n"); return EXIT_USAGE; }

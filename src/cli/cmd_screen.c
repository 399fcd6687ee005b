/* cmd_screen.c — paxwatch screen (being written). */
#include <stdio.h>
#include "cli.h"
int cmd_screen(int argc, char **argv) { (void)argc; (void)argv; fprintf(stderr, "screen: not yet available\n"); return EXIT_USAGE; }

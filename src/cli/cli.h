/*
 * cli.h — the subcommands of the paxwatch command. Each lives in its own
 * file (cmd_<name>.c) and returns the process exit status:
 * 0 ok, 1 some input rejected (or an operational error), 2 usage.
 */
#ifndef PW_CLI_H
#define PW_CLI_H

#include "paxwatch.h"

enum { EXIT_OK = 0, EXIT_REJECTS = 1, EXIT_USAGE = 2 };

typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} cli_command;

int cmd_screen(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_rules(int argc, char **argv);

/* Watchlists loaded from files, and their index. */
typedef struct cli_lists {
    pw_watchlist **lists;
    size_t n;
    pw_index *index;
} cli_lists;

/* Loads the lists (counts and bad rows on stderr) and builds the index;
 * *rejected is set when a list had rejected rows. */
pw_status cli_load_lists(const char *const *paths, size_t n, cli_lists *out, bool *rejected);
void cli_lists_free(cli_lists *l);

/* Reads travelers from a path ("-": standard input), errors on stderr. */
pw_status cli_read_input(const char *path, pw_batch *b);

/* True when argv holds -h or --help (then the caller prints its usage). */
bool cli_wants_help(int argc, char **argv);

#endif

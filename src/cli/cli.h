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

/* Loads the list files and, with a store, the stored lists named (all when
 * n_names is 0), printing counts and bad rows on stderr, and builds the
 * index; *rejected is set when a list had rejected rows. */
pw_status cli_load_lists(const char *const *paths, size_t n, pw_store *store, const char *const *names,
                         size_t n_names, cli_lists *out, bool *rejected);

void cli_lists_free(cli_lists *l);

/* Reads a whole path into memory ("-": standard input; NUL-terminated, free() it). */
pw_status cli_read_all(const char *path, char **data, size_t *len);
/* Reads travelers from a path ("-": standard input), errors on stderr; with
 * hash, the hex BLAKE2b of the bytes read — the identity of a message that
 * carries no sender and reference — from the same read as the travelers. */
pw_status cli_read_input(const char *path, pw_batch *b, char hash[65]);
int cmd_parse(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_lists(int argc, char **argv);
int cmd_list_history(int argc, char **argv);
int cmd_alerts(int argc, char **argv);
int cmd_review(int argc, char **argv);
int cmd_retention(int argc, char **argv);
int cmd_iapi(int argc, char **argv);

/* Storage commands (db.c): argv[*i] is NAME or NAME=VALUE: *value is the
 * value (the next argument, consumed), NULL when it is missing. */
bool cli_option(int argc, char **argv, int *i, const char *name, const char **value);
/* Opens the store at url, or prints "paxwatch COMMAND: reason" and returns NULL. */
pw_store *cli_open_store(const char *command, const char *url);

/* True when argv holds -h or --help (then the caller prints its usage). */
bool cli_wants_help(int argc, char **argv);

#endif

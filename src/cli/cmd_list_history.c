/*
 * cmd_list_history.c — paxwatch list-history: every stored version of one
 * watchlist with its delta; --changes VERSION lists the entries one version
 * added, changed and removed.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: paxwatch list-history --db DB [--changes VERSION] NAME\n\n"
                 "Every version of the watchlist NAME: entries, the delta (+added ~changed\n"
                 "-removed), import time and source file. --changes VERSION: the entries\n"
                 "that version added, changed or removed, one per line.\n");
}

static void print_version(void *ctx, const pw_list_version *v)
{
    char when[32], delta[48];
    pw_time_format(v->imported_at, when, sizeof when);
    snprintf(delta, sizeof delta, "+%zu ~%zu -%zu", v->added, v->changed, v->removed);
    printf("%7d %9zu  %-24s %s  %s\n", v->version, v->entries, delta, when, v->source ? v->source : "-");
}

static void print_change(void *ctx, const char *entry_id, pw_change c)
{
    printf("%s\t%s\n", pw_change_name(c), entry_id);
}

int cmd_list_history(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    const char *db = NULL, *name = NULL, *changes = NULL;
    for (int i = 1; i < argc; i++) {
        if (cli_option(argc, argv, &i, "--db", &db)) {
            if (!db)
                break;
        } else if (cli_option(argc, argv, &i, "--changes", &changes)) {
            if (!changes)
                break;
        } else if (argv[i][0] != '-' && !name) {
            name = argv[i];
        } else {
            db = NULL;
            break;
        }
    }
    char *end = NULL;
    long version = changes ? strtol(changes, &end, 10) : 0;
    if (!db || !name || (changes && (*end || version < 1))) {
        usage(stderr);
        return EXIT_USAGE;
    }
    pw_store *s = cli_open_store("list-history", db);
    if (!s)
        return EXIT_REJECTS;
    pw_status st;
    if (changes) {
        st = pw_store_list_changes(s, name, (int)version, print_change, NULL);
    } else {
        printf("%7s %9s  %-24s %-20s  %s\n", "VERSION", "ENTRIES", "DELTA", "IMPORTED", "SOURCE");
        st = pw_store_list_history(s, name, print_version, NULL);
    }
    if (st != PW_OK)
        fprintf(stderr, "paxwatch list-history: %s\n", pw_store_error(s));
    pw_store_close(s);
    return st == PW_OK ? EXIT_OK : EXIT_REJECTS;
}

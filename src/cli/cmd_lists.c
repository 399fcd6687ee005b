/*
 * cmd_lists.c — paxwatch lists: the stored watchlists, each at its current
 * version, with the delta of that version.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: paxwatch lists --db DB\n\n"
                 "The stored watchlists: name, current version, entries, the delta of that\n"
                 "version (+added ~changed -removed), import time and category.\n"
                 "DB: a SQLite file (or sqlite:PATH) or postgresql://...\n");
}

static void print_list(void *ctx, const pw_list_version *v)
{
    char when[32], delta[48];
    pw_time_format(v->imported_at, when, sizeof when);
    snprintf(delta, sizeof delta, "+%zu ~%zu -%zu", v->added, v->changed, v->removed);
    printf("%-24s %7d %9zu  %-24s %s  %s\n", v->list, v->version, v->entries, delta, when,
           v->category ? v->category : "-");
    (*(size_t *)ctx)++;
}

int cmd_lists(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    const char *db = NULL;
    for (int i = 1; i < argc; i++) {
        if (cli_option(argc, argv, &i, "--db", &db) && db)
            continue;
        usage(stderr);
        return EXIT_USAGE;
    }
    if (!db) {
        usage(stderr);
        return EXIT_USAGE;
    }
    pw_store *s = cli_open_store("lists", db);
    if (!s)
        return EXIT_REJECTS;
    size_t n = 0;
    printf("%-24s %7s %9s  %-24s %-20s  %s\n", "LIST", "VERSION", "ENTRIES", "DELTA", "IMPORTED", "CATEGORY");
    pw_status st = pw_store_lists(s, print_list, &n);
    if (st != PW_OK)
        fprintf(stderr, "paxwatch lists: %s\n", pw_store_error(s));
    pw_store_close(s);
    return st == PW_OK ? EXIT_OK : EXIT_REJECTS;
}

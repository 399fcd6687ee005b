/*
 * cmd_import.c — paxwatch import: loads a watchlist file (watchlist CSV,
 * OFAC SDN CSV, UN consolidated XML, JSON Lines; see FORMATS.md) and stores
 * it as a new version of a list, printing the delta from the version before.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: paxwatch import --db DB --list NAME [--category C] [--allow-rejects] FILE\n\n"
                 "Stores FILE as a new version of the list NAME and prints what changed:\n"
                 "entries added (+), changed (~) and removed (-). C overrides the entries'\n"
                 "categories (wanted, sex_offender, trafficking, terrorism, sanctions, other).\n"
                 "Rejected rows are reported and skipped; the good rows are stored, and the\n"
                 "exit status is 1 unless --allow-rejects is given.\n");
}

int cmd_import(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    const char *db = NULL, *list = NULL, *category = NULL, *file = NULL;
    bool allow_rejects = false, ok = true;
    for (int i = 1; i < argc && ok; i++) {
        if (cli_option(argc, argv, &i, "--db", &db))
            ok = db != NULL;
        else if (cli_option(argc, argv, &i, "--list", &list))
            ok = list != NULL;
        else if (cli_option(argc, argv, &i, "--category", &category))
            ok = category != NULL;
        else if (strcmp(argv[i], "--allow-rejects") == 0)
            allow_rejects = true;
        else if (argv[i][0] != '-' && !file)
            file = argv[i];
        else
            ok = false;
    }
    pw_category cat;
    if (!ok || !db || !list || !file || (category && !pw_category_parse(category, &cat))) {
        usage(stderr);
        return EXIT_USAGE;
    }
    pw_watchlist *w = pw_watchlist_new();
    if (!w) {
        fprintf(stderr, "paxwatch import: out of memory\n");
        return EXIT_REJECTS;
    }
    pw_load_stats stats = {0};
    pw_status loaded = pw_watchlist_load(w, file, list, pw_error_print, stderr, &stats);
    if (loaded != PW_OK && loaded != PW_ERR_REJECTS) {
        fprintf(stderr, "paxwatch import: %s: %s\n", file, pw_status_str(loaded));
        pw_watchlist_free(w);
        return EXIT_REJECTS;
    }
    pw_store *s = cli_open_store("import", db);
    if (!s) {
        pw_watchlist_free(w);
        return EXIT_REJECTS;
    }
    pw_list_delta d;
    pw_status st = pw_store_import_list(s, list, category, w, file, 0, &d);
    if (st == PW_OK) {
        printf("%s: version %d, %zu entries: +%zu ~%zu -%zu", list, d.version, d.entries, d.added,
               d.changed, d.removed);
        if (d.duplicates)
            printf(" (%zu repeated ids skipped)", d.duplicates);
        if (stats.rejected)
            printf(" (%zu rows rejected)", stats.rejected);
        printf("\n");
    } else {
        fprintf(stderr, "paxwatch import: %s\n", pw_store_error(s));
    }
    pw_store_close(s);
    pw_watchlist_free(w);
    if (st != PW_OK)
        return EXIT_REJECTS;
    return loaded == PW_ERR_REJECTS && !allow_rejects ? EXIT_REJECTS : EXIT_OK;
}

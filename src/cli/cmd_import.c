/*
 * cmd_import.c — paxwatch import: loads a watchlist file (watchlist CSV,
 * OFAC SDN CSV, UN consolidated XML, JSON Lines; see FORMATS.md) and stores
 * it as a new version of a list, printing the delta from the version before;
 * then retro-screens the travelers of the last days against the entries the
 * version added or changed (pw_store_retro_screen).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: paxwatch import --db DB --list NAME [--category C] [--allow-rejects]\n"
                 "                      [--retro-days N] [--threshold T] FILE\n"
                 "       paxwatch import --db DB --list NAME --retro-version V [--retro-days N] [--threshold T]\n\n"
                 "Stores FILE as a new version of the list NAME and prints what changed:\n"
                 "entries added (+), changed (~) and removed (-). C overrides the entries'\n"
                 "categories (wanted, sex_offender, trafficking, terrorism, sanctions, other).\n"
                 "Rejected rows are reported and skipped; the good rows are stored, and the\n"
                 "exit status is 1 unless --allow-rejects is given.\n\n"
                 "When the version adds or changes entries, the travelers stored in the last N\n"
                 "days (default 30; 0: none) are screened against those entries only, and\n"
                 "their alerts (score at or above T, default 0.80) are marked retro. A run cut\n"
                 "short is completed by --retro-version V: the retro-screening of version V of\n"
                 "NAME alone, nothing imported; hits stored before are not stored again.\n");
}

/* A whole number from min to max, or false. */
static bool parse_int(const char *s, long min, long max, int *out)
{
    char *end;
    long v = s ? strtol(s, &end, 10) : 0;
    if (!s || !*s || *end || v < min || v > max)
        return false;
    *out = (int)v;
    return true;
}

/* Retro-screens version of list; prints the counts. */
static bool retro(pw_store *s, const char *list, int version, int days, double threshold)
{
    pw_retro_report r;
    pw_status st = pw_store_retro_screen(s, list, version, days, threshold, 0, &r);
    if (st != PW_OK) {
        fprintf(stderr, "paxwatch import: retro-screening: %s\n", pw_store_error(s));
        return false;
    }
    printf("retro-screening: %zu travelers of the last %d days against %zu new or changed entries:"
           " %zu hits, %zu alerts", r.travelers, days, r.entries, r.hits, r.alerts);
    if (r.suppressed)
        printf(", %zu suppressed as dismissed", r.suppressed);
    if (r.already)
        printf(", %zu stored before", r.already);
    if (r.masked)
        printf(" (%zu depersonalised travelers skipped)", r.masked);
    printf("\n");
    return true;
}

int cmd_import(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    const char *db = NULL, *list = NULL, *category = NULL, *file = NULL;
    const char *days_arg = NULL, *threshold_arg = NULL, *version_arg = NULL;
    bool allow_rejects = false, ok = true;
    for (int i = 1; i < argc && ok; i++) {
        if (cli_option(argc, argv, &i, "--db", &db))
            ok = db != NULL;
        else if (cli_option(argc, argv, &i, "--list", &list))
            ok = list != NULL;
        else if (cli_option(argc, argv, &i, "--category", &category))
            ok = category != NULL;
        else if (cli_option(argc, argv, &i, "--retro-days", &days_arg))
            ok = days_arg != NULL;
        else if (cli_option(argc, argv, &i, "--retro-version", &version_arg))
            ok = version_arg != NULL;
        else if (cli_option(argc, argv, &i, "--threshold", &threshold_arg))
            ok = threshold_arg != NULL;
        else if (strcmp(argv[i], "--allow-rejects") == 0)
            allow_rejects = true;
        else if (argv[i][0] != '-' && !file)
            file = argv[i];
        else
            ok = false;
    }
    pw_category cat;
    int days = 30, version = 0;
    double threshold = PW_DEFAULT_THRESHOLD;
    if (ok && days_arg && !parse_int(days_arg, 0, 36600, &days)) {
        fprintf(stderr, "paxwatch import: --retro-days takes a number of days (0: no retro-screening)\n");
        ok = false;
    }
    if (ok && version_arg && !parse_int(version_arg, 1, 1000000000, &version)) {
        fprintf(stderr, "paxwatch import: --retro-version takes a version number\n");
        ok = false;
    }
    if (ok && threshold_arg) {
        char *end;
        threshold = strtod(threshold_arg, &end);
        if (!*threshold_arg || *end || threshold < 0 || threshold > 1) {
            fprintf(stderr, "paxwatch import: --threshold takes a number from 0 to 1\n");
            ok = false;
        }
    }
    if (!ok || !db || !list || (!file == !version_arg) || (version_arg && days == 0) ||
        (category && !pw_category_parse(category, &cat))) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (version_arg) {
        pw_store *s = cli_open_store("import", db);
        if (!s)
            return EXIT_REJECTS;
        bool done = retro(s, list, version, days, threshold);
        pw_store_close(s);
        return done ? EXIT_OK : EXIT_REJECTS;
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
    /* The list's memory is not needed by retro-screening (it reads the
     * version back from the store). */
    pw_watchlist_free(w);
    bool retro_ok = true;
    if (st == PW_OK) {
        printf("%s: version %d, %zu entries: +%zu ~%zu -%zu", list, d.version, d.entries, d.added,
               d.changed, d.removed);
        if (d.duplicates)
            printf(" (%zu repeated ids skipped)", d.duplicates);
        if (stats.rejected)
            printf(" (%zu rows rejected)", stats.rejected);
        printf("\n");
        fflush(stdout);
        if (days > 0 && d.added + d.changed > 0)
            retro_ok = retro(s, list, d.version, days, threshold);
    } else {
        fprintf(stderr, "paxwatch import: %s\n", pw_store_error(s));
    }
    pw_store_close(s);
    if (st != PW_OK || !retro_ok)
        return EXIT_REJECTS;
    return loaded == PW_ERR_REJECTS && !allow_rejects ? EXIT_REJECTS : EXIT_OK;
}

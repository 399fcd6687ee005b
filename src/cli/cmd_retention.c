/*
 * cmd_retention.c — paxwatch retention: applies the retention policy (by
 * default Directive (EU) 2016/681 Art. 12: PNR depersonalised after 6
 * months, deleted after 5 years; API data without alerts deleted 24 hours
 * after arrival) and prints the counts the run recorded.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: paxwatch retention --db DB [--now DATE] [--pnr-mask-months N]\n"
                 "          [--pnr-delete-months N] [--api-delete-hours N] [--confirmed-delete-months N]\n\n"
                 "Depersonalises and deletes stored travelers as the policy says (defaults:\n"
                 "6, 60, 24, 60; 0 turns a rule off) as of DATE (default: now), and records\n"
                 "the run with its counts.\n");
}

static bool number(const char *s, int *out)
{
    char *end;
    long v = s ? strtol(s, &end, 10) : -1;
    if (!s || *end || v < 0 || v > 100000)
        return false;
    *out = (int)v;
    return true;
}

int cmd_retention(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    pw_retention_policy p;
    pw_retention_defaults(&p);
    const char *db = NULL, *v = NULL;
    int64_t now = 0;
    bool ok = true;
    for (int i = 1; i < argc && ok; i++) {
        if (cli_option(argc, argv, &i, "--db", &db))
            ok = db != NULL;
        else if (cli_option(argc, argv, &i, "--now", &v))
            ok = v && pw_time_parse(v, &now);
        else if (cli_option(argc, argv, &i, "--pnr-mask-months", &v))
            ok = number(v, &p.pnr_mask_months);
        else if (cli_option(argc, argv, &i, "--pnr-delete-months", &v))
            ok = number(v, &p.pnr_delete_months);
        else if (cli_option(argc, argv, &i, "--api-delete-hours", &v))
            ok = number(v, &p.api_delete_hours);
        else if (cli_option(argc, argv, &i, "--confirmed-delete-months", &v))
            ok = number(v, &p.confirmed_delete_months);
        else
            ok = false;
    }
    if (!ok || !db) {
        usage(stderr);
        return EXIT_USAGE;
    }
    pw_store *s = cli_open_store("retention", db);
    if (!s)
        return EXIT_REJECTS;
    pw_retention_report r;
    pw_status st = pw_store_retention(s, &p, now, &r);
    if (st == PW_OK) {
        char when[32];
        pw_time_format(r.run_at, when, sizeof when);
        printf("retention run %lld at %s: masked %zu, deleted %zu (PNR after %d months), "
               "%zu (API after %d hours), %zu (confirmed after %d months); %zu pair decisions\n",
               (long long)r.run_id, when, r.masked, r.deleted_pnr, p.pnr_delete_months, r.deleted_api,
               p.api_delete_hours, r.deleted_confirmed, p.confirmed_delete_months, r.deleted_decisions);
    } else {
        fprintf(stderr, "paxwatch retention: %s\n", pw_store_error(s));
    }
    pw_store_close(s);
    return st == PW_OK ? EXIT_OK : EXIT_REJECTS;
}

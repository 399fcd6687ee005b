/*
 * cmd_review.c — paxwatch review: an analyst's step on one alert (new →
 * in_review → confirmed | dismissed), recorded with who, when and why. The
 * rules are the library's (pw_store_review), the same for every front end.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: paxwatch review --db DB ALERT_ID --status S [--reason TEXT] [--by NAME]\n"
                 "                       [--now DATE]\n\n"
                 "Moves an alert to status S: in_review, confirmed or dismissed (a decision\n"
                 "needs --reason). --by: the reviewer (default: $USER). A dismissed pair\n"
                 "(traveler, watchlist entry) does not alert again until the entry changes;\n"
                 "a confirmed pair alerts at once on every later flight.\n");
}

int cmd_review(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    const char *db = NULL, *status = NULL, *reason = NULL, *by = getenv("USER"), *id_text = NULL,
               *now_text = NULL;
    bool ok = true;
    for (int i = 1; i < argc && ok; i++) {
        if (cli_option(argc, argv, &i, "--db", &db))
            ok = db != NULL;
        else if (cli_option(argc, argv, &i, "--status", &status))
            ok = status != NULL;
        else if (cli_option(argc, argv, &i, "--reason", &reason))
            ok = reason != NULL;
        else if (cli_option(argc, argv, &i, "--by", &by))
            ok = by != NULL;
        else if (cli_option(argc, argv, &i, "--now", &now_text))
            ok = now_text != NULL;
        else if (argv[i][0] != '-' && !id_text)
            id_text = argv[i];
        else
            ok = false;
    }
    pw_alert_status to;
    int64_t now = 0;
    char *end = NULL;
    long long id = id_text ? strtoll(id_text, &end, 10) : 0;
    if (!ok || !db || !id_text || *end || id <= 0 || !status || !pw_alert_status_parse(status, &to) ||
        (now_text && !pw_time_parse(now_text, &now))) {
        usage(stderr);
        return EXIT_USAGE;
    }
    pw_store *s = cli_open_store("review", db);
    if (!s)
        return EXIT_REJECTS;
    pw_status st = pw_store_review(s, id, to, by ? by : "unknown", reason, now);
    if (st == PW_OK)
        printf("alert %lld: %s\n", id, pw_alert_status_name(to));
    else
        fprintf(stderr, "paxwatch review: %s\n", pw_store_error(s));
    pw_store_close(s);
    return st == PW_OK ? EXIT_OK : EXIT_REJECTS;
}

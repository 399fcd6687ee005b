/*
 * cmd_alerts.c — paxwatch alerts: stored alerts, newest first, filtered by
 * status, list, category, flight and time; a table, or JSON Lines (--json).
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out, "usage: paxwatch alerts --db DB [--status S] [--list L] [--category C]\n"
                 "                       [--flight F] [--since DATE] [--json]\n\n"
                 "Stored alerts, newest first. S: new, in_review, confirmed, dismissed.\n"
                 "DATE: YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]Z (UTC): alerts raised since then.\n"
                 "--json: one JSON object per line.\n");
}

static void print_row(void *ctx, const pw_alert *a)
{
    char when[32], dep[32];
    pw_time_format(a->created_at, when, sizeof when);
    pw_time_format(a->dep_time, dep, sizeof dep);
    const char *what = a->rule ? a->rule : a->entry_id ? a->entry_id : "-";
    printf("%6lld  %-10s %-9s %-14s %-16s %5.2f  %-28s %-8s %-20s %s%s\n", (long long)a->id,
           pw_alert_status_name(a->status), a->kind, a->list ? a->list : "-", what, a->score,
           a->name ? a->name : "(masked)", a->flight ? a->flight : "-", dep[0] ? dep : "-", when,
           a->retro ? " retro" : a->repeat_of ? " repeat" : "");
}

static void print_json(void *ctx, const pw_alert *a)
{
    char when[32], dep[32];
    pw_time_format(a->created_at, when, sizeof when);
    pw_time_format(a->dep_time, dep, sizeof dep);
    json_t *o = json_object();
    json_object_set_new(o, "alert_id", json_integer(a->id));
    json_object_set_new(o, "status", json_string(pw_alert_status_name(a->status)));
    json_object_set_new(o, "kind", json_string(a->kind));
    if (a->list)
        json_object_set_new(o, "list", json_string(a->list));
    if (a->entry_id)
        json_object_set_new(o, "entry_id", json_string(a->entry_id));
    if (a->category)
        json_object_set_new(o, "category", json_string(a->category));
    if (a->rule)
        json_object_set_new(o, "rule", json_string(a->rule));
    if (a->reason)
        json_object_set_new(o, "reason", json_string(a->reason));
    json_object_set_new(o, "score", json_real(a->score));
    json_object_set_new(o, "traveler_id", json_string(a->traveler_ref ? a->traveler_ref : ""));
    json_object_set_new(o, "name", a->name ? json_string(a->name) : json_null());
    if (a->flight)
        json_object_set_new(o, "flight", json_string(a->flight));
    if (dep[0])
        json_object_set_new(o, "dep_time", json_string(dep));
    json_object_set_new(o, "created_at", json_string(when));
    json_object_set_new(o, "retro", json_boolean(a->retro));
    if (a->repeat_of)
        json_object_set_new(o, "repeat_of", json_integer(a->repeat_of));
    char *line = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(6));
    if (line)
        puts(line);
    free(line);
    json_decref(o);
}

int cmd_alerts(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    const char *db = NULL, *status = NULL, *since = NULL, *v = NULL;
    pw_alert_filter f = {0};
    bool json = false, ok = true;
    for (int i = 1; i < argc && ok; i++) {
        if (cli_option(argc, argv, &i, "--db", &db))
            ok = db != NULL;
        else if (cli_option(argc, argv, &i, "--status", &status))
            ok = status && pw_alert_status_parse(status, &f.status);
        else if (cli_option(argc, argv, &i, "--list", &v))
            ok = (f.list = v) != NULL;
        else if (cli_option(argc, argv, &i, "--category", &v))
            ok = (f.category = v) != NULL;
        else if (cli_option(argc, argv, &i, "--flight", &v))
            ok = (f.flight = v) != NULL;
        else if (cli_option(argc, argv, &i, "--since", &since))
            ok = since && pw_time_parse(since, &f.since);
        else if (strcmp(argv[i], "--json") == 0)
            json = true;
        else
            ok = false;
    }
    if (!ok || !db) {
        usage(stderr);
        return EXIT_USAGE;
    }
    f.by_status = status != NULL;
    pw_store *s = cli_open_store("alerts", db);
    if (!s)
        return EXIT_REJECTS;
    if (!json)
        printf("%6s  %-10s %-9s %-14s %-16s %5s  %-28s %-8s %-20s %s\n", "ID", "STATUS", "KIND", "LIST",
               "ENTRY/RULE", "SCORE", "NAME", "FLIGHT", "DEPARTURE", "RAISED");
    pw_status st = pw_store_alerts(s, &f, json ? print_json : print_row, NULL);
    if (st != PW_OK)
        fprintf(stderr, "paxwatch alerts: %s\n", pw_store_error(s));
    pw_store_close(s);
    return st == PW_OK ? EXIT_OK : EXIT_REJECTS;
}

/*
 * main.c — the paxwatch command: dispatches to the subcommands.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const cli_command commands[] = {
    {"screen", cmd_screen, "screen travelers against watchlists, hits as JSON Lines"},
    {"compare", cmd_compare, "score two names (and dates of birth), with the explanation"},
    {"rules", cmd_rules, "check risk-rule files (rules check FILE...)"},
    {"parse", cmd_parse, "read PAXLST / PNRGOV messages, travelers as JSON Lines"},
    {"import", cmd_import, "store a watchlist file as a new version of a list, with its delta"},
    {"lists", cmd_lists, "the stored watchlists at their current versions"},
    {"list-history", cmd_list_history, "every stored version of a watchlist, with its delta"},
    {"alerts", cmd_alerts, "stored alerts, filtered by status, list, category, flight, time"},
    {"review", cmd_review, "move an alert to in_review, confirmed or dismissed"},
    {"retention", cmd_retention, "depersonalise and delete stored data as the policy says"},
    {"iapi", cmd_iapi, "answer an interactive API request (PAXLST) with its CUSRES reply"},
};

static void usage(FILE *out)
{
    fprintf(out, "usage: paxwatch COMMAND [OPTIONS] ...\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(out, "  %-14s %s\n", commands[i].name, commands[i].summary);
    fprintf(out, "\n'paxwatch COMMAND --help' for a command's options.\n");
}

bool cli_wants_help(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            return false;
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
            return true;
    }
    return false;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("paxwatch %s\n", PW_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "paxwatch: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}

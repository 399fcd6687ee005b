/*
 * cmd_rules.c — paxwatch rules: work with risk-rule files (rules/README.md).
 *
 *   paxwatch rules check FILE...   compile each file; print "FILE: N rules,
 *                                  M lists" or its errors (file:line:column)
 *
 * Exit status: 0 every file is good, 1 some file has errors or cannot be
 * read, 2 usage.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: paxwatch rules check FILE...\n"
            "\n"
            "Compiles risk-rule files and reports every error as file:line:column: reason.\n"
            "On success prints \"FILE: N rules, M lists\". See rules/README.md for the language.\n");
}

static int check(int argc, char **argv)
{
    if (argc < 1) {
        usage(stderr);
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    for (int i = 0; i < argc; i++) {
        pw_ruleset *rs = NULL;
        pw_status st = pw_rules_load(argv[i], pw_error_print, stderr, &rs);
        if (st != PW_OK) {
            status = EXIT_REJECTS;
            continue;
        }
        size_t n = pw_rules_count(rs), m = pw_rules_list_count(rs);
        printf("%s: %zu rule%s, %zu list%s\n", argv[i], n, n == 1 ? "" : "s", m, m == 1 ? "" : "s");
        pw_rules_free(rs);
    }
    return status;
}

int cmd_rules(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "check") == 0)
        return check(argc - 2, argv + 2);
    fprintf(stderr, "paxwatch rules: unknown action '%s'\n", argv[1]);
    usage(stderr);
    return EXIT_USAGE;
}

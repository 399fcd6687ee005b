/*
 * cmd_parse.c — `paxwatch parse FILE...`: reads PAXLST / PNRGOV files and
 * writes their travelers as JSON Lines, one traveler per line. Problems go to
 * stderr as "file: segment N (TAG): reason", then one summary line: the
 * travelers written and rejected, and the sensitive PNR elements (special
 * meals, medical SSRs, free text) dropped by pw_ssr_filter, never written.
 * The exit status is 1 when any input was rejected in whole or in part.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: paxwatch parse [--quiet] FILE...\n"
            "\n"
            "Reads UN/EDIFACT PAXLST (API) and PNRGOV (PNR) messages and writes one JSON\n"
            "object per traveler on standard output. '-' reads standard input. Standard\n"
            "error ends with a summary: travelers written and rejected, and the sensitive\n"
            "PNR elements (special meals, medical SSRs, free text) dropped, never written.\n"
            "\n"
            "  --quiet   no warnings on stderr (errors are still printed)\n");
}

typedef struct sink {
    bool quiet;
} sink;

static void print_error(void *ctx, const pw_error *e)
{
    const sink *s = ctx;
    if (s->quiet && e->warning)
        return;
    pw_error_print(stderr, e);
}

int cmd_parse(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    sink s = {false};
    int first = 1;
    for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++) {
        if (strcmp(argv[first], "--quiet") == 0) {
            s.quiet = true;
        } else if (strcmp(argv[first], "--") == 0) {
            first++;
            break;
        } else {
            fprintf(stderr, "paxwatch parse: unknown option '%s'\n", argv[first]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (first >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    int status = EXIT_OK;
    size_t travelers = 0, rejected = 0, sensitive = 0;
    for (int i = first; i < argc; i++) {
        const char *path = argv[i];
        char *data = NULL;
        size_t len = 0;
        pw_status st = cli_read_all(path, &data, &len);
        if (st != PW_OK) {
            fprintf(stderr, "%s: %s\n", path, pw_status_str(st));
            status = EXIT_REJECTS;
            continue;
        }
        pw_batch *batch = pw_batch_new();
        if (!batch) {
            free(data);
            return EXIT_REJECTS;
        }
        pw_edifact_stats stats = {0};
        st = pw_edifact_read(path, data, len, batch, print_error, &s, &stats);
        travelers += batch->n;
        rejected += stats.rejected;
        sensitive += stats.sensitive_dropped;
        for (size_t k = 0; k < batch->n; k++) {
            pw_traveler_json(&batch->travelers[k], stdout);
            fputc('\n', stdout);
        }
        if (st != PW_OK)
            status = EXIT_REJECTS;
        pw_batch_free(batch);
        free(data);
    }
    fflush(stdout);
    fprintf(stderr, "parsed %zu travelers (%zu rejected); %zu sensitive PNR elements dropped, not written\n",
            travelers, rejected, sensitive);
    return status;
}

/*
 * cmd_iapi.c — paxwatch iapi: answers an interactive API (iAPI) request, a
 * PAXLST (UN/EDIFACT D05B, IATA/WCO iAPI guidelines), with its CUSRES reply:
 * each traveler screened against the watchlists (and, with --rules, the risk
 * rules) and given a board (ERC 0Z) or no-board (ERC 1Z) verdict with a
 * short FTX reason, as in the exchanges with China's NIA.
 *
 * The reason says what kind of finding it was, never which list or entry:
 * "NO BOARD, WATCHLIST MATCH", "NO BOARD, RISK RULE", or "NO BOARD, DATA
 * DEFICIENT" for a traveler that could not be read or has a placeholder
 * name (nobody is cleared without being screened).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"

#define TEXT_WATCHLIST "NO BOARD, WATCHLIST MATCH"
#define TEXT_RULE "NO BOARD, RISK RULE"
#define TEXT_DEFICIENT "NO BOARD, DATA DEFICIENT"

static void usage(FILE *out)
{
    fputs("usage: paxwatch iapi --watchlist FILE [--watchlist FILE ...] [--threshold T]\n"
          "                     [--rules FILE ...] REQUEST\n\n"
          "Answers an interactive API request (a PAXLST message; - for standard input) with\n"
          "its CUSRES reply on standard output: per traveler, in the request's order, ERP,\n"
          "RFF AVF/ABO, ERC 0Z (OK to board) or 1Z (no board) and FTX with the reason.\n"
          "A traveler is not to board when a watchlist hit scores at or above the threshold\n"
          "(default 0.80; \"WATCHLIST MATCH\"), when a risk rule of high or critical severity\n"
          "holds (\"RISK RULE\"), or when the traveler could not be read or has a placeholder\n"
          "name (\"DATA DEFICIENT\"). The reply names no list and no entry.\n\n"
          "Exit status: 0 a reply was written, 1 the request could not be answered (no PAXLST\n"
          "in it, or the lists or rules could not be loaded), 2 usage.\n",
          out);
}

/* What the reply will be about: the travelers (NAD FL, FM, DDT, DDU) of the
 * request's first PAXLST message, and the key ("UNB ref-UNH ref") the parser
 * starts their ids with ("KEY-1" for the first NAD, ...). */
typedef struct request_info {
    bool paxlst;
    char key[96];
    size_t n_travelers;
} request_info;

static void scan_request(const char *data, size_t len, request_info *ri)
{
    pw_edifact_lexer lx;
    pw_edifact_segment *s = malloc(sizeof *s);
    memset(ri, 0, sizeof *ri);
    if (!s)
        return;
    pw_edifact_lexer_init(&lx, "request", data, len, NULL, NULL);
    char unb_ref[40] = "", v[64];
    bool inside = false;
    while (pw_edifact_next(&lx, s)) {
        if (strcmp(s->tag, "UNB") == 0) {
            pw_edifact_value(s, 4, 0, unb_ref, sizeof unb_ref);
        } else if (strcmp(s->tag, "UNH") == 0 && !ri->paxlst) {
            pw_edifact_value(s, 1, 0, v, sizeof v);
            if (strcmp(v, "PAXLST") == 0) {
                char ref[40];
                pw_edifact_value(s, 0, 0, ref, sizeof ref);
                snprintf(ri->key, sizeof ri->key, "%s-%s", unb_ref[0] ? unb_ref : "-", ref[0] ? ref : "-");
                ri->paxlst = inside = true;
            }
        } else if (strcmp(s->tag, "UNT") == 0 && inside) {
            break;
        } else if (strcmp(s->tag, "NAD") == 0 && inside) {
            pw_edifact_value(s, 0, 0, v, sizeof v);
            if (strcmp(v, "FL") == 0 || strcmp(v, "FM") == 0 || strcmp(v, "DDT") == 0 || strcmp(v, "DDU") == 0)
                ri->n_travelers++;
        }
    }
    free(s);
}

/* The request position (0-based) of a traveler read from the first PAXLST,
 * or -1 when it comes from elsewhere. */
static long request_position(const request_info *ri, const pw_traveler *t)
{
    size_t k = strlen(ri->key);
    if (!t->id || strncmp(t->id, ri->key, k) != 0 || t->id[k] != '-')
        return -1;
    const char *p = t->id + k + 1;
    char *end;
    long seq = strtol(p, &end, 10);
    if (end == p || *end || seq < 1 || (size_t)seq > ri->n_travelers)
        return -1;
    return seq - 1;
}

typedef struct rule_flags {
    bool *no_board;              /* per traveler of the batch */
} rule_flags;

static void on_rule_hit(void *ctx, size_t traveler, const pw_rule_hit *hit)
{
    rule_flags *rf = ctx;
    if (hit->severity >= PW_SEVERITY_HIGH)
        rf->no_board[traveler] = true;
}

/* Screens the travelers of b and sets the verdict of each request position. */
static pw_status decide(const pw_index *ix, pw_ruleset *const *rules, size_t n_rules, const pw_batch *b,
                        const request_info *ri, double threshold, pw_iapi_verdict *verdicts)
{
    size_t nb = b->n ? b->n : 1;
    pw_hit **hits = calloc(nb, sizeof *hits);
    size_t *n_hits = calloc(nb, sizeof *n_hits);
    bool *ruled = calloc(nb, sizeof *ruled);
    pw_screener *s = pw_screener_new(ix);
    pw_status st = PW_ERR_NOMEM;
    if (!hits || !n_hits || !ruled || !s)
        goto done;
    st = PW_OK;
    for (size_t i = 0; i < b->n && st == PW_OK; i++) {
        const pw_traveler *t = &b->travelers[i];
        if (t->placeholder || request_position(ri, t) < 0)
            continue;
        const pw_hit *h;
        size_t n;
        st = pw_screen(s, t, threshold, &h, &n);
        if (st != PW_OK || n == 0)
            continue;
        if (!(hits[i] = malloc(n * sizeof *h))) {
            st = PW_ERR_NOMEM;
            break;
        }
        memcpy(hits[i], h, n * sizeof *h);
        n_hits[i] = n;
    }
    rule_flags rf = {ruled};
    for (size_t k = 0; k < n_rules && st == PW_OK; k++)
        st = pw_rules_eval_batch(rules[k], b->travelers, b->n, (const pw_hit *const *)hits, n_hits,
                                 (int64_t)time(NULL), on_rule_hit, &rf);
    if (st != PW_OK)
        goto done;
    for (size_t i = 0; i < b->n; i++) {
        const pw_traveler *t = &b->travelers[i];
        long pos = request_position(ri, t);
        if (pos < 0)
            continue;
        pw_iapi_verdict *vd = &verdicts[pos];
        if (t->placeholder)
            *vd = (pw_iapi_verdict){false, TEXT_DEFICIENT};
        else if (n_hits[i])
            *vd = (pw_iapi_verdict){false, TEXT_WATCHLIST};
        else if (ruled[i])
            *vd = (pw_iapi_verdict){false, TEXT_RULE};
        else
            *vd = (pw_iapi_verdict){true, NULL};
    }
done:
    for (size_t i = 0; hits && i < b->n; i++)
        free(hits[i]);
    free(hits);
    free(n_hits);
    free(ruled);
    pw_screener_free(s);
    return st;
}

int cmd_iapi(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    const char **lists = calloc((size_t)argc, sizeof *lists);
    const char **rule_files = calloc((size_t)argc, sizeof *rule_files);
    pw_ruleset **rulesets = calloc((size_t)argc, sizeof *rulesets);
    size_t n_lists = 0, n_rule_files = 0;
    const char *request = NULL;
    double threshold = PW_DEFAULT_THRESHOLD;
    int rc = EXIT_USAGE;
    char *data = NULL, *reply = NULL;
    pw_batch *b = NULL;
    pw_iapi_verdict *verdicts = NULL;
    cli_lists loaded = {0};
    bool have_lists = false;
    if (!lists || !rule_files || !rulesets) {
        rc = EXIT_REJECTS;
        goto done;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--watchlist") == 0 && i + 1 < argc) {
            lists[n_lists++] = argv[++i];
        } else if (strcmp(a, "--rules") == 0 && i + 1 < argc) {
            rule_files[n_rule_files++] = argv[++i];
        } else if (strcmp(a, "--threshold") == 0 && i + 1 < argc) {
            char *end;
            threshold = strtod(argv[++i], &end);
            if (*end || end == argv[i] || threshold < 0 || threshold > 1) {
                fprintf(stderr, "paxwatch iapi: --threshold takes a number from 0 to 1\n");
                goto done;
            }
        } else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "paxwatch iapi: unknown option or missing value: '%s'\n", a);
            usage(stderr);
            goto done;
        } else if (request) {
            fprintf(stderr, "paxwatch iapi: one REQUEST at a time ('%s' and '%s')\n", request, a);
            usage(stderr);
            goto done;
        } else {
            request = a;
        }
    }
    if (n_lists == 0 || !request) {
        fprintf(stderr, "paxwatch iapi: --watchlist and a REQUEST are needed\n");
        usage(stderr);
        goto done;
    }

    rc = EXIT_REJECTS;
    size_t len = 0;
    pw_status st = cli_read_all(request, &data, &len);
    if (st != PW_OK) {
        fprintf(stderr, "paxwatch iapi: %s: cannot read (%s)\n", request, pw_status_str(st));
        goto done;
    }
    request_info ri;
    scan_request(data, len, &ri);
    if (!ri.paxlst) {
        fprintf(stderr, "paxwatch iapi: %s: no PAXLST message in the request; no reply\n", request);
        goto done;
    }
    for (size_t i = 0; i < n_rule_files; i++)
        if (pw_rules_load(rule_files[i], pw_error_print, stderr, &rulesets[i]) != PW_OK) {
            fprintf(stderr, "paxwatch iapi: %s: rules not loaded\n", rule_files[i]);
            goto done;
        }
    bool rejected = false;
    if (cli_load_lists(lists, n_lists, NULL, NULL, 0, &loaded, &rejected) != PW_OK)
        goto done;
    have_lists = true;

    if (!(b = pw_batch_new()))
        goto done;
    pw_edifact_stats stats;
    st = pw_edifact_read(request, data, len, b, pw_error_print, stderr, &stats);
    if (st != PW_OK && st != PW_ERR_REJECTS) {
        fprintf(stderr, "paxwatch iapi: %s: %s; no reply\n", request, pw_status_str(st));
        goto done;
    }
    /* Travelers the parser rejected keep this verdict. */
    verdicts = calloc(ri.n_travelers ? ri.n_travelers : 1, sizeof *verdicts);
    if (!verdicts)
        goto done;
    for (size_t i = 0; i < ri.n_travelers; i++)
        verdicts[i] = (pw_iapi_verdict){false, TEXT_DEFICIENT};
    st = decide(loaded.index, rulesets, n_rule_files, b, &ri, threshold, verdicts);
    if (st != PW_OK) {
        fprintf(stderr, "paxwatch iapi: %s: screening failed: %s\n", request, pw_status_str(st));
        goto done;
    }
    size_t reply_len = 0;
    st = pw_cusres_reply(data, len, verdicts, ri.n_travelers, (int64_t)time(NULL), &reply, &reply_len);
    if (st != PW_OK) {
        fprintf(stderr, "paxwatch iapi: %s: no reply: %s\n", request, pw_status_str(st));
        goto done;
    }
    fwrite(reply, 1, reply_len, stdout);
    fflush(stdout);
    size_t no_board = 0;
    for (size_t i = 0; i < ri.n_travelers; i++)
        no_board += !verdicts[i].board;
    fprintf(stderr, "answered %zu travelers: %zu OK to board, %zu no board\n", ri.n_travelers,
            ri.n_travelers - no_board, no_board);
    rc = EXIT_OK;
done:
    if (have_lists)
        cli_lists_free(&loaded);
    pw_batch_free(b);
    free(verdicts);
    free(reply);
    free(data);
    for (size_t i = 0; rulesets && i < n_rule_files; i++)
        pw_rules_free(rulesets[i]);
    free(rulesets);
    free(rule_files);
    free(lists);
    return rc;
}

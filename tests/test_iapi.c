/*
 * test_iapi.c — `paxwatch iapi`: interactive API requests from the astra
 * exchanges with China's NIA answered with their CUSRES reply (IATA/WCO iAPI,
 * UN/EDIFACT D05B) through the real command; the reply read back with the
 * EDIFACT lexer and checked segment by segment.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* ------------------------------------------------------------- helpers */

/* The n-th (0-based) exchange of the astra file: the text after its "# ---"
 * line, up to the next one, with the test templates' placeholders filled in. */
static char *astra_exchange(unsigned n)
{
    char *data;
    size_t len;
    assert_int_equal(pw_read_file(test_data("samples/paxlst/astra__iapi_china_exchanges.txt"), &data, &len), PW_OK);
    const char *p = data;
    for (unsigned i = 0; i <= n; i++) {
        p = strstr(p, "# ---");
        assert_non_null(p);
        p = strchr(p, '\n');
        assert_non_null(p);
        p++;
    }
    const char *end = strstr(p, "# ---");
    if (!end)
        end = data + len;
    static const char *const fill[][2] = {
        {"$(get ediref_paxlst)", "REQ4711"}, {"$(yymmdd)", "261123"}, {"$(hhmi)", "0930"},
        {"$(get pax_id1)", "PAX0001"},       {"$(get pax_id2)", "PAX0002"},
        {"$(date_format %y +1y)", "27"},     {"xxxxxx:xxxx", "261123:0915"},
    };
    size_t cap = (size_t)(end - p) * 2 + 1, o = 0;
    char *out = malloc(cap);
    assert_non_null(out);
    while (p < end) {
        bool done = false;
        for (size_t k = 0; k < sizeof fill / sizeof *fill && !done; k++) {
            size_t fl = strlen(fill[k][0]);
            if ((size_t)(end - p) >= fl && memcmp(p, fill[k][0], fl) == 0) {
                o += (size_t)snprintf(out + o, cap - o, "%s", fill[k][1]);
                p += fl;
                done = true;
            }
        }
        if (!done)
            out[o++] = *p++;
    }
    out[o] = '\0';
    free(data);
    return out;
}

#define MAX_SEGS 64

/* The segments of a text as "TAG+c:c+c", values unescaped, read with the lexer. */
static size_t segments(const char *text, char out[][256])
{
    pw_edifact_lexer lx;
    pw_edifact_segment *seg = malloc(sizeof *seg);
    assert_non_null(seg);
    pw_edifact_lexer_init(&lx, "reply", text, strlen(text), NULL, NULL);
    size_t n = 0;
    while (n < MAX_SEGS && pw_edifact_next(&lx, seg)) {
        assert_null(seg->problem);
        size_t o = (size_t)snprintf(out[n], 256, "%s", seg->tag);
        for (unsigned e = 0; e < seg->n_elements; e++) {
            o += (size_t)snprintf(out[n] + o, 256 - o, "+");
            unsigned nc = pw_edifact_components(seg, e);
            for (unsigned c = 0; c < nc; c++) {
                char v[200];
                pw_edifact_value(seg, e, c, v, sizeof v);
                o += (size_t)snprintf(out[n] + o, 256 - o, "%s%s", c ? ":" : "", v);
            }
        }
        n++;
    }
    free(seg);
    return n;
}

static const char *write_file(const char *name, const char *text)
{
    static char path[8][512];
    static unsigned turn;
    char *p = path[turn++ % 8];
    snprintf(p, 512, "%s/%s", test_tmpdir(), name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

/* A list with ONE, TWO WI (born 1956-06-20), the first passenger of the first
 * astra request, and somebody who is on none of the flights. */
static const char *listed_one(void)
{
    return write_file("iapi-list.csv",
                      "id,list,category,surname,given_names,dob,sex,nationality\n"
                      "NIA-7,border,wanted,ONE,TWO WI,1956-06-20,M,CHN\n"
                      "NIA-8,border,wanted,HOLMQVIST,BIRGITTA,1949-02-02,F,SWE\n"
                      "NIA-9,border,wanted,BRANDT,WILLIAM,1950-01-01,M,DEU\n");
}

static const char *listed_nobody(void)
{
    return write_file("iapi-clean.csv",
                      "id,surname,given_names,dob\n"
                      "NIA-8,HOLMQVIST,BIRGITTA,1949-02-02\n"
                      "NIA-9,BRANDT,WILLIAM,1950-01-01\n");
}

/* Reply segments after the envelope: same as the expected ones, the UNB and
 * UNG dates (reply time) excepted. */
static void assert_segments(char got[][256], size_t n_got, const char *const *expected, size_t n_expected)
{
    for (size_t i = 0; i < n_got && i < n_expected; i++) {
        if (strcmp(got[i], expected[i]) != 0)
            fail_msg("segment %zu: got \"%s\", expected \"%s\"", i + 1, got[i], expected[i]);
    }
    assert_int_equal(n_got, n_expected);
}

/* UNB+SIRE:4+NIAC+CA+yymmdd:hhmm+REF...: the date part replaced by "D:T". */
static void blank_dates(char segs[][256], size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bool unb = strncmp(segs[i], "UNB+", 4) == 0, ung = strncmp(segs[i], "UNG+", 4) == 0;
        if (!unb && !ung)
            continue;
        /* the date is element 3 of both */
        char *p = segs[i];
        for (int k = 0; k < 4 && p; k++)
            p = strchr(p + 1, '+');
        assert_non_null(p);
        char *q = strchr(p + 1, '+');
        assert_non_null(q);
        size_t dlen = (size_t)(q - p - 1);
        assert_int_equal(dlen, 11);          /* yymmdd:hhmm */
        assert_int_equal(p[7], ':');
        char rest[256];
        snprintf(rest, sizeof rest, "%s", q);
        snprintf(p + 1, 256 - (size_t)(p + 1 - segs[i]), "D:T%s", rest);
    }
}

/* -------------------------------------------------------------- tests */

static void one_listed_passenger_is_no_board(void **state)
{
    (void)state;
    char *request = astra_exchange(0);   /* CA339 ICN-CAN, ONE/TWO WI and ONE/UBE WI */
    const char *req = write_file("iapi-req1.edi", request);
    char args[2048];
    snprintf(args, sizeof args, "iapi --watchlist '%s' '%s'", listed_one(), req);
    test_run r = test_paxwatch(args, NULL);
    if (r.status != 0)
        print_message("%s", r.err);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "answered 2 travelers: 1 OK to board, 1 no board"));

    char segs[MAX_SEGS][256];
    size_t n = segments(r.out, segs);
    blank_dates(segs, n);
    static const char *const expected[] = {
        "UNB+SIRE:4+NIAC+CA+D:T+REQ47110001++IAPI",
        "UNG+CUSRES+NIAC+CA+D:T+1+UN+D:05B",
        "UNH+11085B94E1F8FA+CUSRES:D:05B:UN:IATA+REQ4711+01:F",
        "BGM+962",
        "RFF+TN:0000100",
        "RFF+AF:CA339",
        "DTM+189:2611231620:201",
        "DTM+232:2611232035:201",
        "LOC+125+ICN",
        "LOC+87+CAN",
        "ERP+2",
        "RFF+AVF:MWZRDQ",
        "RFF+ABO:PAX0001",
        "ERC+1Z",
        "FTX+AAP+++NO BOARD, WATCHLIST MATCH",
        "ERP+2",
        "RFF+AVF:MWZRCY",
        "RFF+ABO:PAX0002",
        "ERC+0Z",
        "FTX+AAP+++OK TO BOARD",
        "UNT+19+11085B94E1F8FA",
        "UNE+1+1",
        "UNZ+1+REQ47110001",
    };
    assert_segments(segs, n, expected, sizeof expected / sizeof *expected);
    /* Nothing of the list beyond the reason: no list name, entry id or category. */
    assert_null(strstr(r.out, "NIA-7"));
    assert_null(strstr(r.out, "border"));
    assert_null(strstr(r.out, "wanted"));
    /* The reply keeps the request's segment terminator. */
    assert_non_null(strstr(r.out, "ERC+1Z\"\n"));
    test_run_free(&r);

    /* With the threshold above any score the same passenger boards. */
    snprintf(args, sizeof args, "iapi --threshold 1 --watchlist '%s' - ", listed_one());
    r = test_paxwatch(args, request);
    assert_int_equal(r.status, 0);
    n = segments(r.out, segs);
    size_t zero = 0;
    for (size_t i = 0; i < n; i++)
        zero += strcmp(segs[i], "ERC+0Z") == 0;
    assert_int_equal(zero, 2);
    test_run_free(&r);
    free(request);
}

/* Clean passengers: the reply is the astra reply itself (exchange 1 answers 0). */
static void clean_request_is_the_astra_reply(void **state)
{
    (void)state;
    static const unsigned pairs[][2] = {{0, 1}, {2, 3}, {10, 11}};   /* two pax; two pax with visas; two legs */
    for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++) {
        char *request = astra_exchange(pairs[k][0]);
        char *expected_text = astra_exchange(pairs[k][1]);
        char args[1024];
        snprintf(args, sizeof args, "iapi --watchlist '%s' -", listed_nobody());
        test_run r = test_paxwatch(args, request);
        if (r.status != 0)
            print_message("%s", r.err);
        assert_int_equal(r.status, 0);
        char got[MAX_SEGS][256], want[MAX_SEGS][256];
        size_t ng = segments(r.out, got), nw = segments(expected_text, want);
        blank_dates(got, ng);
        blank_dates(want, nw);
        const char *wp[MAX_SEGS];
        size_t board = 0;
        for (size_t i = 0; i < nw; i++) {
            wp[i] = want[i];
            board += strcmp(want[i], "ERC+0Z") == 0;
        }
        assert_true(board >= 1);
        assert_segments(got, ng, wp, nw);
        test_run_free(&r);
        free(request);
        free(expected_text);
    }
}

/* A high-severity rule keeps a traveler off the plane; a low one does not. */
static void high_severity_rule_is_no_board(void **state)
{
    (void)state;
    char *request = astra_exchange(2);   /* MU2599 PNH-KMG, ONE/QIAOYAO and ONE/QIAOYUN, Korean */
    const char *rules = write_file("iapi.rules",
                                   "rule \"given-name-watched\"\n"
                                   "  severity high\n"
                                   "  score 0.9\n"
                                   "  when traveler.given_names == \"QIAOYAO\"\n\n"
                                   "rule \"korean\"\n"
                                   "  severity low\n"
                                   "  score 0.3\n"
                                   "  when traveler.nationality == \"KOR\"\n");
    char args[2048];
    snprintf(args, sizeof args, "iapi --watchlist '%s' --rules '%s' -", listed_nobody(), rules);
    test_run r = test_paxwatch(args, request);
    if (r.status != 0)
        print_message("%s", r.err);
    assert_int_equal(r.status, 0);
    char segs[MAX_SEGS][256];
    size_t n = segments(r.out, segs);
    static const char *const travelers[] = {
        "ERP+2", "RFF+AVF:MLCKPK", "RFF+ABO:PAX0001", "ERC+1Z", "FTX+AAP+++NO BOARD, RISK RULE",
        "ERP+2", "RFF+AVF:MLCKPM", "RFF+ABO:PAX0002", "ERC+0Z", "FTX+AAP+++OK TO BOARD",
    };
    assert_true(n == 23);
    assert_segments(segs + 10, 10, travelers, 10);
    assert_null(strstr(r.out, "given-name-watched"));
    test_run_free(&r);

    /* A rule file that does not compile: no reply. */
    const char *bad = write_file("iapi-bad.rules", "rule \"x\"\n  when traveler.nosuchfield == 1\n");
    snprintf(args, sizeof args, "iapi --watchlist '%s' --rules '%s' -", listed_nobody(), bad);
    r = test_paxwatch(args, request);
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, "");
    assert_non_null(strstr(r.err, "rules not loaded"));
    test_run_free(&r);
    free(request);
}

static void malformed_request_gets_no_reply(void **state)
{
    (void)state;
    char args[1024];
    snprintf(args, sizeof args, "iapi --watchlist '%s' -", listed_nobody());
    static const char *const bad[] = {
        "",
        "this is not an EDIFACT message at all\n",
        /* a CUSRES is not a request */
        "UNB+SIRE:4+NIAC+CA+261123:0930+1++IAPI'UNH+1+CUSRES:D:05B:UN:IATA'BGM+962'UNT+3+1'UNZ+1+1'",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        test_run r = test_paxwatch(args, bad[i]);
        assert_int_equal(r.status, 1);
        assert_string_equal(r.out, "");
        assert_non_null(strstr(r.err, "paxwatch iapi: -: no PAXLST message in the request; no reply"));
        test_run_free(&r);
    }

    /* A traveler the parser must reject (NAD without a surname) is not cleared. */
    test_run r = test_paxwatch(args,
                               "UNB+UNOA:4+CA+NIAC+261123:0915+77++IAPI'UNH+1+PAXLST:D:05B:UN:IATA+77+01:F'"
                               "BGM+745'RFF+TN:9'TDT+20+CA339+++CA'LOC+125+ICN'DTM+189:2611231620:201'"
                               "LOC+87+CAN'DTM+232:2611232035:201'"
                               "NAD+FL'RFF+AVF:AAAAAA'RFF+ABO:P1'"
                               "NAD+FL+++LINDQVIST:MARTA'DTM+329:800101'RFF+AVF:BBBBBB'RFF+ABO:P2'"
                               "CNT+42:2'UNT+17+1'UNZ+1+77'");
    assert_int_equal(r.status, 0);
    char segs[MAX_SEGS][256];
    size_t n = segments(r.out, segs);
    static const char *const tail[] = {
        "ERP+2", "RFF+AVF:AAAAAA", "RFF+ABO:P1", "ERC+1Z", "FTX+AAP+++NO BOARD, DATA DEFICIENT",
        "ERP+2", "RFF+AVF:BBBBBB", "RFF+ABO:P2", "ERC+0Z", "FTX+AAP+++OK TO BOARD",
        "UNT+19+1", "UNZ+1+77",
    };
    assert_true(n >= 12);
    assert_segments(segs + (n - 12), 12, tail, 12);
    assert_non_null(strstr(r.err, "NAD FL without a surname"));
    test_run_free(&r);
}

static void help_and_usage_errors(void **state)
{
    (void)state;
    test_run r = test_paxwatch("iapi --help", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "usage: paxwatch iapi"));
    test_run_free(&r);

    r = test_paxwatch("--help", NULL);
    assert_non_null(strstr(r.out, "iapi"));
    test_run_free(&r);

    char args[1024];
    const char *list = listed_nobody();
    const char *const usage_errors[] = {
        "iapi",
        "iapi -",                                   /* no list */
        "iapi --watchlist '%s'",                    /* no request */
        "iapi --watchlist '%s' a.edi b.edi",        /* two requests */
        "iapi --watchlist '%s' --threshold 1.5 -",
        "iapi --watchlist '%s' --threshold x -",
        "iapi --watchlist '%s' --frobnicate -",
        "iapi --watchlist",
    };
    for (size_t i = 0; i < sizeof usage_errors / sizeof *usage_errors; i++) {
        snprintf(args, sizeof args, usage_errors[i], list);
        r = test_paxwatch(args, NULL);
        if (r.status != 2)
            fail_msg("'%s' exited %d", args, r.status);
        assert_string_equal(r.out, "");
        assert_non_null(strstr(r.err, "paxwatch iapi: "));
        test_run_free(&r);
    }

    /* An unreadable list or request: exit 1, no reply. */
    r = test_paxwatch("iapi --watchlist /nonexistent/list.csv -", "UNH+1+PAXLST:D:05B:UN:IATA'NAD+FL+++A:B'UNT+3+1'");
    assert_int_equal(r.status, 1);
    assert_string_equal(r.out, "");
    test_run_free(&r);
    snprintf(args, sizeof args, "iapi --watchlist '%s' /nonexistent/request.edi", list);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "cannot read"));
    test_run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_listed_passenger_is_no_board),
        cmocka_unit_test(clean_request_is_the_astra_reply),
        cmocka_unit_test(high_severity_rule_is_no_board),
        cmocka_unit_test(malformed_request_gets_no_reply),
        cmocka_unit_test(help_and_usage_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

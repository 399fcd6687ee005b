/*
 * test_cli.c — the paxwatch command as a user runs it: screen and compare,
 * their outputs (JSON Lines per FORMATS.md) and exit statuses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "testutil.h"

static const char *write_file(const char *name, const char *text)
{
    static char paths[8][512];
    static unsigned next;
    char *p = paths[next++ % 8];
    snprintf(p, sizeof paths[0], "%s/%s", test_tmpdir(), name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

static const char *const LIST =
    "id,list,category,surname,given_names,name,aliases,dob,sex,nationality,documents\n"
    "W1,interpol,wanted,NGUYEN,VAN SON,,,1985-03-07,M,VNM,\n"
    "W2,angelwatch,sex_offender,SMITH,JOHN PAUL,,\"SMYTHE, JACK\",1970-01-02,M,USA,P:USA:123456789\n"
    "W3,un,terrorism,,,Ayman al-Zawahiri,\"AL-ZAWAHIRI, Ayman|ZAWAHRI, AIMAN\",1951-06-19,M,EGY,\n"
    "W4,un,terrorism,\"ZAWAHIRI\",\"AYMAN\",,,1951-06-19,M,EGY,\n";

static const char *const TRAVELERS =
    "id,surname,given_names,dob,sex,nationality,doc_type,doc_number,doc_country,flight\n"
    "T1,Nguyễn,Văn Sơn,1985-03-07,M,VNM,P,C1234567,VNM,VN0031\n"
    "T2,NGUYEN,VAN SON,1960-02-01,M,VNM,P,C7654321,VNM,VN0031\n"
    "T3,SMITH,JOHN,1970-01-02,M,USA,P,123456789,USA,UA0989\n"
    "T4,DOE,JANE,1990-05-05,F,CAN,P,AB123456,CAN,UA0989\n";

static json_t *parse_line(const char *line, size_t len)
{
    json_error_t err;
    json_t *o = json_loadb(line, len, 0, &err);
    if (!o)
        print_message("not JSON: %.*s (%s)\n", (int)len, line, err.text);
    assert_non_null(o);
    assert_true(json_is_object(o));
    return o;
}

static void screen_writes_formats_hits(void **state)
{
    (void)state;
    char args[2048];
    snprintf(args, sizeof args, "screen --watchlist '%s' '%s'", write_file("list.csv", LIST),
             write_file("travelers.csv", TRAVELERS));
    test_run r = test_paxwatch(args, NULL);
    if (r.status != 0)
        print_message("stderr: %s\n", r.err);
    assert_int_equal(r.status, 0);
    bool t1 = false, t3 = false;
    for (char *line = r.out; *line;) {
        char *end = strchr(line, '\n');
        assert_non_null(end);
        json_t *o = parse_line(line, (size_t)(end - line));
        const char *tid = json_string_value(json_object_get(o, "traveler_id"));
        const char *eid = json_string_value(json_object_get(o, "entry_id"));
        assert_non_null(tid);
        assert_non_null(eid);
        assert_non_null(json_string_value(json_object_get(o, "list")));
        assert_non_null(json_string_value(json_object_get(o, "category")));
        double score = json_real_value(json_object_get(o, "score"));
        assert_true(score >= PW_DEFAULT_THRESHOLD && score <= 1.0);
        assert_true(json_is_object(json_object_get(o, "explain")));
        assert_string_not_equal(tid, "T2");           /* same name, other date of birth */
        assert_string_not_equal(tid, "T4");
        if (strcmp(tid, "T1") == 0 && strcmp(eid, "W1") == 0) {
            t1 = true;
            assert_string_equal(json_string_value(json_object_get(o, "category")), "wanted");
            json_t *x = json_object_get(o, "explain");
            assert_string_equal(json_string_value(json_object_get(x, "dob")), "exact");
            assert_string_equal(json_string_value(json_object_get(x, "nationality")), "match");
        }
        if (strcmp(tid, "T3") == 0 && strcmp(eid, "W2") == 0) {
            t3 = true;
            json_t *x = json_object_get(o, "explain");
            assert_string_equal(json_string_value(json_object_get(x, "document")), "match");
        }
        json_decref(o);
        line = end + 1;
    }
    assert_true(t1);
    assert_true(t3);
    assert_non_null(strstr(r.err, "4 entries"));
    test_run_free(&r);
}

static void screen_is_the_same_on_one_thread_and_many(void **state)
{
    (void)state;
    char a[2048], b[2048];
    const char *list = write_file("list2.csv", LIST);
    const char *trav = write_file("travelers2.csv", TRAVELERS);
    snprintf(a, sizeof a, "screen --threads 1 --watchlist '%s' '%s'", list, trav);
    snprintf(b, sizeof b, "screen --threads 3 --watchlist '%s' '%s'", list, trav);
    test_run r1 = test_paxwatch(a, NULL), r2 = test_paxwatch(b, NULL);
    assert_int_equal(r1.status, 0);
    assert_int_equal(r2.status, 0);
    assert_true(strlen(r1.out) > 0);
    assert_string_equal(r1.out, r2.out);
    test_run_free(&r1);
    test_run_free(&r2);
}

static void screen_reports_rejects_with_status_1(void **state)
{
    (void)state;
    const char *bad = write_file("bad-travelers.csv",
                                 "id,surname,given_names,dob\n"
                                 "T1,NGUYEN,VAN SON,1985-03-07\n"
                                 "T2,NGUYEN,VAN SON,1985-13-45\n");
    char args[2048];
    snprintf(args, sizeof args, "screen --watchlist '%s' '%s'", write_file("list3.csv", LIST), bad);
    test_run r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "bad-travelers.csv:3:4:"));      /* file:line:column */
    assert_non_null(strstr(r.out, "\"traveler_id\":\"T1\""));       /* the good row still screened */
    test_run_free(&r);
    snprintf(args, sizeof args, "screen --allow-rejects --watchlist '%s' '%s'", write_file("list4.csv", LIST), bad);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    test_run_free(&r);
}

static void usage_errors_exit_2_and_help_exits_0(void **state)
{
    (void)state;
    static const char *const bad[] = {"", "frobnicate", "screen", "screen --threshold 7 --watchlist a b",
                                      "compare ONE", "compare --bogus A B"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        test_run r = test_paxwatch(bad[i], NULL);
        if (r.status != 2)
            print_message("'paxwatch %s' exited %d\n", bad[i], r.status);
        assert_int_equal(r.status, 2);
        assert_true(strlen(r.err) > 0);
        assert_int_equal(strlen(r.out), 0);
        test_run_free(&r);
    }
    test_run top = test_paxwatch("--help", NULL);
    assert_int_equal(top.status, 0);
    /* every command listed in the top-level help has its own --help */
    char *p = strstr(top.out, "commands:");
    assert_non_null(p);
    unsigned seen = 0;
    for (char *line = strchr(p, '\n') + 1; line && *line == ' '; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        char name[64];
        if (sscanf(line, " %63s", name) != 1)
            break;
        char args[128];
        snprintf(args, sizeof args, "%s --help", name);
        test_run r = test_paxwatch(args, NULL);
        if (r.status != 0)
            print_message("'paxwatch %s' exited %d\n", args, r.status);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.out, "usage: paxwatch"));
        test_run_free(&r);
        seen++;
    }
    assert_true(seen >= 2);
    test_run_free(&top);
}

static void compare_prints_decision_and_explanation(void **state)
{
    (void)state;
    test_run r = test_paxwatch("compare 'NGUYEN VAN SON' 'Nguyễn Văn Sơn' --dob1 1985-03-07 --dob2 1985-03-07", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "MATCH"));
    assert_non_null(strstr(r.out, "exact"));
    test_run_free(&r);
    r = test_paxwatch("compare 'NGUYEN VAN SON' 'NGUYEN VAN SON' --dob1 1960 --dob2 1985-03-07", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "no match"));
    assert_non_null(strstr(r.out, "conflict"));
    test_run_free(&r);
}

static void compare_batch_answers_every_line_in_order(void **state)
{
    (void)state;
    const char *in =
        "{\"name1\":\"BILL CLINTON\",\"name2\":\"WILLIAM JEFFERSON CLINTON\",\"dob1\":\"1946-08-19\",\"dob2\":\"1946-08-19\"}\n"
        "{\"name1\":\"JOHN SMITH\",\"name2\":\"MARY SMITH\"}\n"
        "not json\n"
        "{\"name1\":\"NGUYEN VAN SON\",\"name2\":\"NGUYEN VAN SON\",\"dob1\":\"1960\",\"dob2\":\"1985-03-07\"}\n";
    test_run r = test_paxwatch("compare --batch -", in);
    assert_int_equal(r.status, 1);                   /* one line could not be read */
    assert_int_equal(test_count_lines(r.out), 4);
    bool expected[4] = {true, false, false, false};
    char *line = r.out;
    for (int i = 0; i < 4; i++) {
        char *end = strchr(line, '\n');
        json_t *o = parse_line(line, (size_t)(end - line));
        if (i == 2) {
            assert_non_null(json_object_get(o, "error"));
        } else {
            assert_true(json_is_real(json_object_get(o, "score")));
            assert_int_equal(json_is_true(json_object_get(o, "match")), expected[i]);
            assert_true(json_is_object(json_object_get(o, "explain")));
        }
        json_decref(o);
        line = end + 1;
    }
    assert_non_null(strstr(r.err, "-:3:"));
    test_run_free(&r);
}

static void screen_adds_rule_hits(void **state)
{
    (void)state;
    const char *rules = write_file("wanted.rules",
                                   "rule \"wanted-on-board\"\n"
                                   "  severity critical\n"
                                   "  category wanted\n"
                                   "  score 0.95\n"
                                   "  when any hit in hits: hit.category == \"wanted\"\n");
    char args[2048];
    snprintf(args, sizeof args, "screen --rules '%s' --watchlist '%s' '%s'", rules, write_file("list5.csv", LIST),
             write_file("travelers5.csv", TRAVELERS));
    test_run r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    /* T1's watchlist hit comes first, then its rule hit */
    char *hit = strstr(r.out, "{\"traveler_id\":\"T1\",\"entry_id\":\"W1\"");
    char *rule = strstr(r.out, "{\"traveler_id\":\"T1\",\"type\":\"rule\",\"rule\":\"wanted-on-board\"");
    assert_non_null(hit);
    assert_non_null(rule);
    assert_true(hit < rule);
    assert_null(strstr(r.out, "\"traveler_id\":\"T4\",\"type\":\"rule\""));
    assert_non_null(strstr(r.err, "1 rule hits"));
    test_run_free(&r);

    const char *bad = write_file("bad.rules", "rule \"x\"\n  severity extreme\n  score 2\n  when true\n");
    snprintf(args, sizeof args, "screen --rules '%s' --watchlist '%s' '%s'", bad, write_file("list6.csv", LIST),
             write_file("travelers6.csv", TRAVELERS));
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "bad.rules:2:"));
    assert_int_equal(strlen(r.out), 0);
    test_run_free(&r);
}

/* The shipped rule files on real PNRGOV samples read by the real parser:
 * exactly these rule hits, and the Angel Watch notice to the destination. */
static void shipped_rules_on_sample_pnrs(void **state)
{
    (void)state;
    char args[4096];
    snprintf(args, sizeof args,
             "screen --rules '%s/rules/trafficking.rules' --rules '%s/rules/route.rules' "
             "--rules '%s/rules/co-traveler.rules' --rules '%s/rules/angel-watch.rules' --watchlist '%s' "
             "'%s' '%s' '%s' '%s'",
             PW_SOURCE_DIR, PW_SOURCE_DIR, PW_SOURCE_DIR, PW_SOURCE_DIR, test_data("unit-watchlist.csv"),
             test_data("samples/pnrgov/gtas-loader__pnr-messages__adult_and_infant.edi"),
             test_data("samples/pnrgov/gtas-parsers__pnr-messages__bigMessagePnr.txt"),
             test_data("samples/pnrgov/gtas-loader__pnr-messages__multiple_flight_leg_pnr.txt"),
             test_data("samples/pnrgov/gtas-parsers__pnr-messages__modifyPnr77ForCodeShare.txt"));
    test_run r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    static const char *const expected[][2] = {
        {"13052210400995-13052210400995-XXXYET-1", "minor-with-adult-of-other-surname"},
        {"320286151401-1-86C92D-1", "co-traveler-of-listed-person"},
        {"320286151401-1-86C92D-2", "angel-watch"},
        {"320286151401-1-86C92D-3", "co-traveler-of-listed-person"},
        {"320286151401-1-86C92D-5", "co-traveler-of-listed-person"},
        {"320286151401-1-86C92D-6", "co-traveler-of-listed-person"},
        {"00102181551362-00102181551362-W9TEND-1", "broken-travel"},
    };
    size_t rules = 0;
    for (char *line = r.out; *line;) {
        char *end = strchr(line, '\n');
        json_t *o = parse_line(line, (size_t)(end - line));
        const char *rule = json_string_value(json_object_get(o, "rule"));
        if (rule) {
            const char *tid = json_string_value(json_object_get(o, "traveler_id"));
            bool known = false;
            for (size_t i = 0; i < sizeof expected / sizeof *expected; i++)
                known |= strcmp(tid, expected[i][0]) == 0 && strcmp(rule, expected[i][1]) == 0;
            if (!known)
                print_message("unexpected rule hit: %s %s\n", tid, rule);
            assert_true(known);
            if (strcmp(rule, "angel-watch") == 0) {
                json_t *notice = json_object_get(o, "notice");
                assert_string_equal(json_string_value(json_object_get(notice, "to")), "destination_country");
                assert_string_equal(json_string_value(json_object_get(notice, "country")), "ETH");
            }
            rules++;
        }
        json_decref(o);
        line = end + 1;
    }
    assert_int_equal(rules, sizeof expected / sizeof *expected);
    test_run_free(&r);
}

/* The analyst's workflow through the command, on the embedded database. */
static void database_workflow_from_import_to_review(void **state)
{
    (void)state;
    char db[512], args[4096];
    snprintf(db, sizeof db, "%s/workflow.db", test_tmpdir());
    const char *list1 = write_file("wf-list.csv",
                                   "id,category,surname,given_names,dob,nationality\n"
                                   "W1,wanted,NGUYEN,VAN SON,1985-03-07,VNM\n"
                                   "W2,sex_offender,SMITH,JOHN PAUL,1970-01-02,USA\n");
    snprintf(args, sizeof args, "import --db '%s' --list unit '%s'", db, list1);
    test_run r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "version 1"));
    test_run_free(&r);

    /* flight one: both listed people travel; the same file twice stores it once */
    const char *flight1 = write_file("wf-flight1.csv",
                                     "id,surname,given_names,dob,flight\n"
                                     "T1,Nguyễn,Văn Sơn,1985-03-07,VN0031\n"
                                     "T2,SMITH,JOHN,1970-01-02,VN0031\n"
                                     "T3,DOE,JANE,1990-05-05,VN0031\n");
    snprintf(args, sizeof args, "screen --db '%s' '%s' '%s'", db, flight1, flight1);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "stored 1 messages, skipped 1 stored before and 0 reusing a stored reference with different content: 2 alerts raised"));
    test_run_free(&r);

    snprintf(args, sizeof args, "alerts --db '%s' --json", db);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    assert_int_equal(test_count_lines(r.out), 2);
    char *w1 = strstr(r.out, "\"entry_id\":\"W1\"");
    assert_non_null(w1);
    /* the alert id of W1: the "id" of the line holding it */
    char *line = w1;
    while (line > r.out && line[-1] != '\n')
        line--;
    char *id = strstr(line, "\"alert_id\":");
    assert_non_null(id);
    long w1_alert = strtol(id + strlen("\"alert_id\":"), NULL, 10);
    assert_true(w1_alert > 0);
    test_run_free(&r);

    /* the analyst dismisses W1: a different person */
    snprintf(args, sizeof args, "review --db '%s' %ld --status dismissed --reason 'different person' --by analyst1",
             db, w1_alert);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    test_run_free(&r);
    snprintf(args, sizeof args, "review --db '%s' %ld --status confirmed --reason 'second thoughts' --by analyst2",
             db, w1_alert);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 1);            /* a decision is final */
    test_run_free(&r);

    /* flight two: the dismissed pair stays quiet, the other alerts again */
    const char *flight2 = write_file("wf-flight2.csv",
                                     "id,surname,given_names,dob,flight\n"
                                     "T1,NGUYEN,VAN SON,1985-03-07,VN0032\n"
                                     "T2,SMITH,JOHN,1970-01-02,VN0032\n");
    snprintf(args, sizeof args, "screen --db '%s' '%s'", db, flight2);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "1 alerts raised (0 repeats of confirmed pairs), 1 suppressed as dismissed"));
    test_run_free(&r);

    /* the entry changes: the pair alerts again */
    const char *list2 = write_file("wf-list2.csv",
                                   "id,category,surname,given_names,dob,nationality\n"
                                   "W1,wanted,NGUYEN,VAN SON,1985-03-07,VNM|USA\n"
                                   "W2,sex_offender,SMITH,JOHN PAUL,1970-01-02,USA\n");
    snprintf(args, sizeof args, "import --db '%s' --list unit '%s'", db, list2);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "~1"));
    test_run_free(&r);
    const char *flight3 = write_file("wf-flight3.csv",
                                     "id,surname,given_names,dob,flight\n"
                                     "T1,NGUYEN,VAN SON,1985-03-07,VN0033\n");
    snprintf(args, sizeof args, "screen --db '%s' '%s'", db, flight3);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.err, "1 alerts raised"));
    assert_non_null(strstr(r.err, "0 suppressed"));
    test_run_free(&r);

    snprintf(args, sizeof args, "alerts --db '%s' --status dismissed", db);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    assert_int_equal(test_count_lines(r.out), 2);   /* header and the one dismissed alert */
    test_run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(screen_writes_formats_hits),
        cmocka_unit_test(screen_is_the_same_on_one_thread_and_many),
        cmocka_unit_test(screen_reports_rejects_with_status_1),
        cmocka_unit_test(usage_errors_exit_2_and_help_exits_0),
        cmocka_unit_test(compare_prints_decision_and_explanation),
        cmocka_unit_test(compare_batch_answers_every_line_in_order),
        cmocka_unit_test(screen_adds_rule_hits),
        cmocka_unit_test(database_workflow_from_import_to_review),
        cmocka_unit_test(shipped_rules_on_sample_pnrs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

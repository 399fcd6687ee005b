/*
 * test_cli_db.c — the analyst's workflow end to end through the paxwatch
 * command, on both storage back ends (a SQLite file, and PostgreSQL on a
 * private server the test starts: see pgtest.c): import a list, screen
 * flights into the database, list and review alerts, a later flight with a
 * dismissed pair, a new list version that retro-screens the stored
 * travelers, retention. And the command killed (SIGKILL) in the middle of an
 * import and of a screening run: the database stays consistent, keeps what
 * was reported committed, and a rerun completes the work.
 */
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pgtest.h"
#include "testutil.h"

enum { SQLITE, POSTGRES };
static int backend;

static void fresh_url(char *url, size_t cap, const char *name)
{
    if (backend == SQLITE) {
        snprintf(url, cap, "%s/%s.db", test_tmpdir(), name);
        return;
    }
    char err[256];
    if (!pgtest_new_database(url, cap, err, sizeof err))
        fail_msg("%s", err);
}

static const char *write_file(const char *name, const char *text)
{
    static char paths[8][512];
    static unsigned k;
    char *p = paths[k++ % 8];
    snprintf(p, sizeof paths[0], "%s/%s-%s", test_tmpdir(), backend == SQLITE ? "sqlite" : "pg", name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

/* Runs "paxwatch FMT..." and checks its exit status. */
static test_run run_ok(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static test_run run_ok(int status, const char *fmt, ...)
{
    char args[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    test_run r = test_paxwatch(args, NULL);
    if (r.status != status)
        fail_msg("paxwatch %s: exit %d, expected %d\n%s%s", args, r.status, status, r.out, r.err);
    return r;
}

static void expect(const char *text, const char *needle)
{
    if (!strstr(text, needle))
        fail_msg("expected \"%s\" in:\n%s", needle, text);
}

static size_t occurrences(const char *text, const char *needle)
{
    size_t n = 0;
    for (const char *p = text; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* The "alert_id" of the JSON line that holds needle. */
static long alert_id_of(const char *json_lines, const char *needle)
{
    const char *hit = strstr(json_lines, needle);
    assert_non_null(hit);
    while (hit > json_lines && hit[-1] != '\n')
        hit--;
    const char *id = strstr(hit, "\"alert_id\":");
    assert_non_null(id);
    return strtol(id + strlen("\"alert_id\":"), NULL, 10);
}

/* ------------------------------------------------------------ workflow */

static void analyst_workflow(void **state)
{
    (void)state;
    char db[512];
    fresh_url(db, sizeof db, "workflow");
    const char *list1 = write_file("list1.csv",
                                   "id,category,surname,given_names,dob,nationality\n"
                                   "W1,wanted,NGUYEN,VAN SON,1985-03-07,VNM\n"
                                   "W2,sex_offender,SMITH,JOHN PAUL,1970-01-02,USA\n");
    test_run r = run_ok(0, "import --db '%s' --list unit '%s'", db, list1);
    expect(r.out, "unit: version 1, 2 entries: +2 ~0 -0");
    expect(r.out, "retro-screening: 0 travelers of the last 30 days against 2 new or changed entries: 0 hits, 0 alerts");
    test_run_free(&r);

    /* Flight one: both listed people travel; the same file twice is stored once. */
    const char *flight1 = write_file("flight1.csv",
                                     "id,surname,given_names,dob,flight\n"
                                     "T1,NGUYEN,VAN SON,1985-03-07,VN0031\n"
                                     "T2,SMITH,JOHN,1970-01-02,VN0031\n"
                                     "T3,DOE,JANE,1990-05-05,VN0031\n");
    r = run_ok(0, "screen --db '%s' '%s' '%s'", db, flight1, flight1);
    expect(r.err, "stored 1 messages, skipped 1 stored before and 0 reusing a stored reference with different content: 2 alerts raised");
    test_run_free(&r);

    r = run_ok(0, "alerts --db '%s' --json", db);
    assert_int_equal(test_count_lines(r.out), 2);
    long w1 = alert_id_of(r.out, "\"entry_id\":\"W1\"");
    assert_true(w1 > 0);
    assert_int_equal(occurrences(r.out, "\"retro\":true"), 0);
    test_run_free(&r);

    /* The analyst dismisses W1: a different person. A decision is final. */
    r = run_ok(0, "review --db '%s' %ld --status dismissed --reason 'different person' --by analyst1", db, w1);
    test_run_free(&r);
    r = run_ok(1, "review --db '%s' %ld --status confirmed --reason 'second thoughts' --by analyst2", db, w1);
    test_run_free(&r);

    /* Flight two: the dismissed pair stays quiet, the other one alerts again. */
    const char *flight2 = write_file("flight2.csv",
                                     "id,surname,given_names,dob,flight\n"
                                     "T1,NGUYEN,VAN SON,1985-03-07,VN0032\n"
                                     "T2,SMITH,JOHN,1970-01-02,VN0032\n");
    r = run_ok(0, "screen --db '%s' '%s'", db, flight2);
    expect(r.err, "1 alerts raised (0 repeats of confirmed pairs), 1 suppressed as dismissed");
    test_run_free(&r);

    /* A new version: W1 changed, W2 unchanged, W3 added. The five stored
     * travelers are screened against W1 and W3 only: both NGUYEN flights
     * alert again (the entry changed since the dismissal), and DOE, whom
     * no list held when she flew, alerts for the first time. */
    const char *list2 = write_file("list2.csv",
                                   "id,category,surname,given_names,dob,nationality\n"
                                   "W1,wanted,NGUYEN,VAN SON,1985-03-07,VNM|USA\n"
                                   "W2,sex_offender,SMITH,JOHN PAUL,1970-01-02,USA\n"
                                   "W3,trafficking,DOE,JANE,1990-05-05,GBR\n");
    r = run_ok(0, "import --db '%s' --list unit '%s'", db, list2);
    expect(r.out, "unit: version 2, 3 entries: +1 ~1 -0");
    expect(r.out, "retro-screening: 5 travelers of the last 30 days against 2 new or changed entries: 3 hits, 3 alerts");
    test_run_free(&r);

    r = run_ok(0, "alerts --db '%s' --json", db);
    assert_int_equal(test_count_lines(r.out), 6);
    assert_int_equal(occurrences(r.out, "\"retro\":true"), 3);
    long w3 = alert_id_of(r.out, "\"entry_id\":\"W3\"");
    test_run_free(&r);
    /* The text listing marks them. */
    r = run_ok(0, "alerts --db '%s'", db);
    assert_int_equal(occurrences(r.out, " retro\n"), 3);
    test_run_free(&r);
    r = run_ok(0, "alerts --db '%s' --status dismissed", db);
    assert_int_equal(test_count_lines(r.out), 2);   /* header and the one dismissed alert */
    test_run_free(&r);

    /* A repeated retro run of version 2 stores nothing twice; --retro-days 0
     * turns it off. */
    r = run_ok(0, "import --db '%s' --list unit --retro-version 2", db);
    expect(r.out, "3 hits, 0 alerts, 3 stored before");
    test_run_free(&r);
    const char *list3 = write_file("list3.csv",
                                   "id,category,surname,given_names,dob,nationality\n"
                                   "W1,wanted,NGUYEN,VAN SON,1985-03-07,VNM|USA\n"
                                   "W3,trafficking,DOE,JANE,1990-05-05,GBR\n"
                                   "W4,wanted,SMITH,JOHN,1970-01-02,USA\n");
    r = run_ok(0, "import --db '%s' --list unit --retro-days 0 '%s'", db, list3);
    expect(r.out, "unit: version 3, 3 entries: +1 ~0 -1");
    assert_null(strstr(r.out, "retro-screening"));
    test_run_free(&r);
    r = run_ok(2, "import --db '%s' --list unit --retro-days soon '%s'", db, list3);
    test_run_free(&r);

    /* The retro alert is reviewed like any other. */
    r = run_ok(0, "review --db '%s' %ld --status confirmed --reason 'same passport' --by analyst1", db, w3);
    test_run_free(&r);
    r = run_ok(0, "alerts --db '%s' --status confirmed --json", db);
    assert_int_equal(test_count_lines(r.out), 1);
    expect(r.out, "\"retro\":true");
    test_run_free(&r);

    /* Retention a year and more on: every traveler is depersonalised but the
     * one with a confirmed alert; the alerts stay, without names. */
    char later[32];
    pw_time_format((int64_t)time(NULL) + 400 * 86400, later, sizeof later);
    r = run_ok(0, "retention --db '%s' --now %s", db, later);
    expect(r.out, "retention run 1");
    expect(r.out, "masked 4");
    test_run_free(&r);
    r = run_ok(0, "alerts --db '%s' --json", db);
    assert_int_equal(test_count_lines(r.out), 6);
    assert_int_equal(occurrences(r.out, "\"name\":null"), 5);
    expect(r.out, "\"name\":\"DOE, JANE\"");
    test_run_free(&r);
    /* A new entry now finds nobody to screen among the masked travelers. */
    const char *list4 = write_file("list4.csv",
                                   "id,category,surname,given_names,dob,nationality\n"
                                   "W1,wanted,NGUYEN,VAN SON,1985-03-07,VNM|USA\n"
                                   "W3,trafficking,DOE,JANE,1990-05-05,GBR\n"
                                   "W4,wanted,SMITH,JOHN,1970-01-02,USA\n"
                                   "W5,wanted,SMITH,JOHN PAUL,1970-01-02,USA\n");
    r = run_ok(0, "import --db '%s' --list unit '%s'", db, list4);
    expect(r.out, "retro-screening: 1 travelers of the last 30 days against 1 new or changed entries: 0 hits, 0 alerts"
                  " (4 depersonalised travelers skipped)");
    test_run_free(&r);
}

/* ------------------------------------------------------ killed mid-write */

enum { KILL_FILES = 12, KILL_TRAVELERS = 3000, KILL_ENTRIES = 30000 };

/* Starts "paxwatch ARGS" (through /bin/sh, stdout to out_path), lets it run
 * delay_ms and kills it with SIGKILL. True when it was killed (false: it had
 * finished already). */
static bool run_and_kill(const char *args, const char *out_path, unsigned delay_ms)
{
    char cmd[16384];
    snprintf(cmd, sizeof cmd, "exec '%s' %s >'%s' 2>/dev/null", PW_BIN, args, out_path);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    struct timespec ts = {delay_ms / 1000, (long)(delay_ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    kill(pid, SIGKILL);
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

/* Milliseconds a complete run of "paxwatch ARGS" takes (the kills below
 * fall at random points inside it). */
static unsigned run_time_ms(const char *args)
{
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    test_run r = test_paxwatch(args, NULL);
    clock_gettime(CLOCK_MONOTONIC, &b);
    if (r.status != 0)
        fail_msg("paxwatch %s: exit %d\n%s", args, r.status, r.err);
    test_run_free(&r);
    long ms = (b.tv_sec - a.tv_sec) * 1000L + (b.tv_nsec - a.tv_nsec) / 1000000L;
    return ms > 10 ? (unsigned)ms : 10;
}

/* A random point from 10% to 90% of a run of full milliseconds. */
static unsigned somewhere_in(unsigned full, unsigned *seed)
{
    return full / 10 + (unsigned)((uint64_t)rand_r(seed) % (full * 8 / 10 + 1));
}

static pw_store *open_ok(const char *url)
{
    pw_status st;
    char err[512];
    pw_store *s = pw_store_open(url, &st, err, sizeof err);
    if (!s)
        fail_msg("cannot open %s after the kill: %s", url, err);
    return s;
}

typedef struct version_check {
    pw_store *s;
    int versions;
} version_check;

static void count_one(void *ctx, const pw_entry *e)
{
    (void)e;
    (*(size_t *)ctx)++;
}

/* Every version stored is whole: its entries read back, as many as it says. */
static void check_version(void *ctx, const pw_list_version *v)
{
    version_check *c = ctx;
    c->versions++;
    assert_int_equal(v->entries, KILL_ENTRIES);
}

static void check_lists(const char *url, int *versions)
{
    pw_store *s = open_ok(url);
    version_check c = {s, 0};
    /* The entries are counted after the history query, not inside it. */
    pw_status st = pw_store_list_history(s, "big", check_version, &c);
    assert_true(st == PW_OK || st == PW_ERR_NOTFOUND);
    for (int v = 1; v <= c.versions; v++) {
        size_t n = 0;
        assert_int_equal(pw_store_list_entries(s, "big", v, count_one, &n), PW_OK);
        assert_int_equal(n, KILL_ENTRIES);
    }
    *versions = c.versions;
    pw_store_close(s);
}

typedef struct ingest_check {
    size_t ingests, travelers;
} ingest_check;

static void check_ingest(void *ctx, const pw_ingest_record *r)
{
    ingest_check *c = ctx;
    c->ingests++;
    c->travelers += r->travelers;
    /* A message is stored whole or not at all. */
    assert_int_equal(r->travelers, KILL_TRAVELERS);
}

static void count_traveler(void *ctx, const pw_stored_traveler *t)
{
    (void)t;
    (*(size_t *)ctx)++;
}

static ingest_check check_ingests(const char *url)
{
    pw_store *s = open_ok(url);
    ingest_check c = {0, 0};
    assert_int_equal(pw_store_ingests(s, check_ingest, &c), PW_OK);
    size_t stored = 0;
    assert_int_equal(pw_store_travelers(s, 0, count_traveler, &stored), PW_OK);
    assert_int_equal(stored, c.travelers);
    pw_store_close(s);
    return c;
}

/* The travelers ids of hit lines written to stdout before the kill: each
 * was printed after its message was committed. */
static void check_reported_hits_are_stored(const char *url, const char *out_path)
{
    FILE *f = fopen(out_path, "r");
    assert_non_null(f);
    char line[4096];
    size_t reported = 0;
    char (*ids)[32] = calloc(KILL_FILES * KILL_TRAVELERS, 32);
    assert_non_null(ids);
    while (fgets(line, sizeof line, f)) {
        if (!strchr(line, '\n'))
            break;                /* the last line, cut by the kill */
        const char *id = strstr(line, "\"traveler_id\":\"");
        if (!id)
            continue;
        id += strlen("\"traveler_id\":\"");
        size_t len = strcspn(id, "\"");
        if (reported < (size_t)KILL_FILES * KILL_TRAVELERS)
            snprintf(ids[reported++], 32, "%.*s", (int)len, id);
    }
    fclose(f);
    if (reported) {
        char args[1024];
        snprintf(args, sizeof args, "alerts --db '%s' --json", url);
        test_run r = test_paxwatch(args, NULL);
        assert_int_equal(r.status, 0);
        for (size_t i = 0; i < reported; i++) {
            char needle[64];
            snprintf(needle, sizeof needle, "\"traveler_id\":\"%s\"", ids[i]);
            if (!strstr(r.out, needle))
                fail_msg("hit of %s reported before the kill, but no alert stored", ids[i]);
        }
        test_run_free(&r);
    }
    free(ids);
}

/* A name of letters only for number i (32^3 names), from one of two
 * syllable tables that share no letter: listed and ordinary people. */
static const char *syllables(unsigned i, bool listed, char out[8])
{
    const char *cons = listed ? "BDKLMNPR" : "FGHSTVWZ", *vow = listed ? "AEIO" : "AEUY";
    unsigned k = (i * 7919u) % 32768u;
    for (int j = 0; j < 3; j++, k /= 32) {
        out[2 * j] = cons[(k % 32) / 4];
        out[2 * j + 1] = vow[k % 4];
    }
    out[6] = '\0';
    return out;
}

static void killed_commands_leave_the_database_consistent(void **state)
{
    (void)state;
    char db[512];
    fresh_url(db, sizeof db, "killed");
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    printf("kill test seed %u\n", seed);

    /* A big list: an import killed mid-way leaves no part of a version. */
    char list_path[512];
    snprintf(list_path, sizeof list_path, "%s/%s-big.csv", test_tmpdir(), backend == SQLITE ? "sqlite" : "pg");
    char name[8];
    FILE *f = fopen(list_path, "w");
    assert_non_null(f);
    fputs("id,category,surname,given_names,dob,nationality\n", f);
    for (int i = 0; i < KILL_ENTRIES; i++)
        fprintf(f, "B%d,wanted,%s,PERSON,1970-01-%02d,DEU\n", i, syllables((unsigned)i, true, name), 1 + i % 28);
    fclose(f);
    char args[8192], out_path[512], scratch[512];
    snprintf(out_path, sizeof out_path, "%s/killed.out", test_tmpdir());
    fresh_url(scratch, sizeof scratch, "scratch");
    snprintf(args, sizeof args, "import --db '%s' --list big '%s'", scratch, list_path);
    unsigned import_ms = run_time_ms(args);
    int versions = 0;
    for (int round = 0; round < 3; round++) {
        snprintf(args, sizeof args, "import --db '%s' --list big '%s'", db, list_path);
        unsigned delay = somewhere_in(import_ms, &seed);
        bool killed = run_and_kill(args, out_path, delay);
        check_lists(db, &versions);
        printf("import %s after %u ms: %d versions whole\n", killed ? "killed" : "finished", delay, versions);
        assert_true(versions <= round + 1);
    }
    test_run r = run_ok(0, "import --db '%s' --list big --retro-days 0 '%s'", db, list_path);
    test_run_free(&r);
    check_lists(db, &versions);
    assert_true(versions >= 1);

    /* Many flights (one message each), some travelers on the list: a
     * screening run killed mid-way keeps whole messages only, with every hit
     * it printed. */
    size_t len = 0;
    args[0] = '\0';
    len += (size_t)snprintf(args + len, sizeof args - len, "screen --db '%s' --list big", db);
    for (int k = 0; k < KILL_FILES; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s-flight%d.csv", test_tmpdir(), backend == SQLITE ? "sqlite" : "pg", k);
        f = fopen(path, "w");
        assert_non_null(f);
        fputs("id,surname,given_names,dob,flight\n", f);
        for (int i = 0; i < KILL_TRAVELERS; i++) {
            if (i % 500 == 7)
                fprintf(f, "F%dP%d,%s,PERSON,1970-01-%02d,LH%d\n", k, i, syllables((unsigned)i, true, name),
                        1 + i % 28, 100 + k);
            else
                fprintf(f, "F%dP%d,%s,ORDINARY,1980-02-%02d,LH%d\n", k, i, syllables((unsigned)i, false, name),
                        1 + i % 28, 100 + k);
        }
        fclose(f);
        len += (size_t)snprintf(args + len, sizeof args - len, " '%s'", path);
    }
    /* The same run on the scratch database (which holds the list), timed. */
    char *db_arg = strstr(args, db);
    assert_non_null(db_arg);
    char timed[8300];
    snprintf(timed, sizeof timed, "%.*s%s%s", (int)(db_arg - args), args, scratch, db_arg + strlen(db));
    unsigned screen_ms = run_time_ms(timed);
    for (int round = 0; round < 2; round++) {
        unsigned delay = somewhere_in(screen_ms, &seed);
        bool killed = run_and_kill(args, out_path, delay);
        ingest_check c = check_ingests(db);
        printf("screen %s after %u ms: %zu of %d messages stored whole\n", killed ? "killed" : "finished", delay,
               c.ingests, KILL_FILES);
        assert_true(c.ingests <= KILL_FILES);
        check_reported_hits_are_stored(db, out_path);
    }
    /* A rerun stores the rest, and nothing twice. */
    char cmd[8300];
    snprintf(cmd, sizeof cmd, "%s --allow-rejects", args);
    r = test_paxwatch(cmd, NULL);
    assert_int_equal(r.status, 0);
    test_run_free(&r);
    ingest_check c = check_ingests(db);
    assert_int_equal(c.ingests, KILL_FILES);
    assert_int_equal(c.travelers, (size_t)KILL_FILES * KILL_TRAVELERS);
    /* Every listed traveler of every flight alerted. */
    r = run_ok(0, "alerts --db '%s' --json", db);
    for (int k = 0; k < KILL_FILES; k++)
        for (int i = 7; i < KILL_TRAVELERS; i += 500) {
            char needle[64];
            snprintf(needle, sizeof needle, "\"traveler_id\":\"F%dP%d\"", k, i);
            expect(r.out, needle);
        }
    test_run_free(&r);
}

/* ------------------------------------------------------ message identity */

typedef struct stored_names {
    char text[512];
    size_t ingests;
} stored_names;

static void note_ingest(void *ctx, const pw_ingest_record *r)
{
    (void)r;
    ((stored_names *)ctx)->ingests++;
}

static void note_name(void *ctx, const pw_stored_traveler *t)
{
    stored_names *c = ctx;
    size_t len = strlen(c->text);
    snprintf(c->text + len, sizeof c->text - len, "%s %s;", t->t->surname ? t->t->surname : "",
             t->t->given_names ? t->t->given_names : "");
}

/* The database holds ingests messages, whose travelers are names ("SURNAME GIVEN;" each). */
static void expect_stored(const char *db, size_t ingests, const char *names)
{
    pw_store *s = open_ok(db);
    stored_names c = {"", 0};
    assert_int_equal(pw_store_ingests(s, note_ingest, &c), PW_OK);
    assert_int_equal(pw_store_travelers(s, 0, note_name, &c), PW_OK);
    assert_int_equal(c.ingests, ingests);
    assert_string_equal(c.text, names);
    pw_store_close(s);
}

/* One PAXLST message from sender AIRLINE1, interchange 900001, message M1. */
#define REUSE_MESSAGE(second_traveler)                                                       \
    "UNB+UNOA:4+AIRLINE1+BORDER+260101:1200+900001'UNH+M1+PAXLST:D:05B:UN:IATA'BGM+745'"      \
    "TDT+20+VN0031'LOC+125+SGN'DTM+189:2601011200:201'LOC+87+FRA'DTM+232:2601011900:201'"    \
    "NAD+FL+++NGUYEN:VAN SON'DTM+329:850307'"                                                 \
    "NAD+FL+++" second_traveler "'DTM+329:900505'"                                          \
    "UNT+12+M1'UNZ+1+900001'"

/* The same message twice is stored once, quietly. A message that reuses
 * the stored sender and reference with other travelers is not stored
 * either: it is rejected (exit status 1), an error names the file, the
 * sender and the reference, and the summary counts it apart. */
static void reused_reference_is_reported(void **state)
{
    (void)state;
    char db[512];
    fresh_url(db, sizeof db, "reuse");
    const char *list = write_file("reuse-list.csv", "id,surname,given_names,dob\nW1,NGUYEN,VAN SON,1985-03-07\n");
    const char *first = write_file("reuse-first.edi", REUSE_MESSAGE("DOE:JANE"));
    const char *again = write_file("reuse-again.edi", REUSE_MESSAGE("DOE:JANE"));
    const char *other = write_file("reuse-other.edi", REUSE_MESSAGE("DOE:JOHN"));
    test_run r = run_ok(1, "screen --db '%s' --watchlist '%s' '%s' '%s' '%s'", db, list, first, again, other);
    /* every input is screened: NGUYEN hits three times */
    assert_int_equal(test_count_lines(r.out), 3);
    expect(r.err, "reuse-other.edi: message from sender AIRLINE1 with reference 900001-M1 differs"
                  " from the message stored with that sender and reference: not stored\n");
    assert_int_equal(occurrences(r.err, "differs from the message stored"), 1);
    assert_int_equal(occurrences(r.err, "warning"), 0);
    expect(r.err, "stored 1 messages, skipped 1 stored before and 1 reusing a stored reference with different"
                  " content: 1 alerts raised");
    test_run_free(&r);

    /* What is stored: the first message only. */
    expect_stored(db, 1, "NGUYEN VAN SON;DOE JANE;");

    /* Each again, on its own: the conflict is reported every time. */
    r = run_ok(1, "screen --db '%s' --watchlist '%s' '%s' '%s'", db, list, other, first);
    assert_int_equal(occurrences(r.err, "differs from the message stored"), 1);
    expect(r.err, "stored 0 messages, skipped 1 stored before and 1 reusing a stored reference with different content");
    test_run_free(&r);
}

/* A message read from standard input is stored like a file: one without a
 * sender and reference (a travelers CSV) by the hash of its bytes, so that
 * the same input piped twice is stored once, and another is stored apart. */
static void standard_input_is_stored_by_content(void **state)
{
    (void)state;
    char db[512];
    fresh_url(db, sizeof db, "stdin");
    const char *list = write_file("stdin-list.csv", "id,surname,given_names,dob\nW1,NGUYEN,VAN SON,1985-03-07\n");
    const char *flight = "id,surname,given_names,dob,flight\n"
                         "T1,NGUYEN,VAN SON,1985-03-07,VN0031\n"
                         "T2,DOE,JANE,1990-05-05,VN0031\n";
    char args[2048];
    snprintf(args, sizeof args, "screen --db '%s' --watchlist '%s' -", db, list);
    for (int round = 0; round < 2; round++) {
        test_run r = test_paxwatch(args, flight);
        if (r.status != 0)
            fail_msg("paxwatch %s: exit %d\n%s", args, r.status, r.err);
        assert_int_equal(test_count_lines(r.out), 1);          /* screened both times */
        expect(r.err, round == 0 ? "stored 1 messages, skipped 0 stored before" : "stored 0 messages, skipped 1 stored before");
        test_run_free(&r);
    }
    test_run r = test_paxwatch(args, "id,surname,given_names,dob,flight\nT9,DOE,JOHN,1991-01-01,VN0033\n");
    assert_int_equal(r.status, 0);
    expect(r.err, "stored 1 messages, skipped 0 stored before");
    test_run_free(&r);

    expect_stored(db, 2, "NGUYEN VAN SON;DOE JANE;DOE JOHN;");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(analyst_workflow),
        cmocka_unit_test(killed_commands_leave_the_database_consistent),
        cmocka_unit_test(reused_reference_is_reported),
        cmocka_unit_test(standard_input_is_stored_by_content),
    };
    backend = SQLITE;
    int failed = cmocka_run_group_tests_name("paxwatch with sqlite", tests, NULL, NULL);
    backend = POSTGRES;
    failed += PGTEST_RUN_GROUP("paxwatch with postgresql", tests);
    char rm[512];
    snprintf(rm, sizeof rm, "rm -rf '%s'", test_tmpdir());
    if (system(rm) != 0)
        fprintf(stderr, "could not remove %s\n", test_tmpdir());
    return failed;
}

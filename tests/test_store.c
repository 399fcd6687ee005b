/*
 * test_store.c — the storage layer on both real back ends: every test runs
 * once against SQLite (a fresh file) and once against PostgreSQL (a fresh
 * database on a private server that the test starts: see pgtest.c).
 * Migrations, list versions and deltas, idempotent ingest, alerts and their
 * filters, review and the pair rules, retention, the sensitive-data filter,
 * bad databases, and a process killed mid-write.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "pgtest.h"
#include "testutil.h"

enum { SQLITE, POSTGRES };

/* The back end the running group tests (set by main before each group). */
static int backend;

static const int64_t T0 = 1767225600;     /* 2026-01-01T00:00:00Z */
static const int64_t DAY = 86400;

typedef struct fixture {
    char url[512];
    pw_store *s;
} fixture;

static int64_t months_later(int64_t t, int months)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    tm.tm_mon += months;
    return (int64_t)timegm(&tm);
}

static void fresh_url(char *url, size_t cap)
{
    static unsigned n;
    if (backend == SQLITE) {
        snprintf(url, cap, "%s/store%u.db", test_tmpdir(), n++);
        return;
    }
    char err[256];
    if (!pgtest_new_database(url, cap, err, sizeof err))
        fail_msg("%s", err);
}

static pw_store *open_ok(const char *url)
{
    pw_status st;
    char err[512];
    pw_store *s = pw_store_open(url, &st, err, sizeof err);
    if (!s)
        fail_msg("cannot open %s: %s", url, err);
    return s;
}

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    fresh_url(f->url, sizeof f->url);
    f->s = open_ok(f->url);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    pw_store_close(f->s);
    free(f);
    return 0;
}

/* ------------------------------------------------------------ test data */

typedef struct test_entry {
    pw_entry e;
    const char *names[2];
    pw_date dob;
    char nat[1][4];
    pw_document doc;
} test_entry;

static void entry_init(test_entry *t, const char *list, const char *id, const char *name,
                       const char *dob, pw_category cat)
{
    memset(t, 0, sizeof *t);
    t->names[0] = name;
    t->e.id = id;
    t->e.list = list;
    t->e.category = cat;
    t->e.names = t->names;
    t->e.n_names = 1;
    if (dob && pw_date_parse(dob, &t->dob)) {
        t->e.dobs = &t->dob;
        t->e.n_dobs = 1;
    }
    memcpy(t->nat[0], "DEU", 4);
    t->e.nationalities = t->nat;
    t->e.n_nationalities = 1;
}

typedef struct test_traveler {
    pw_traveler t;
    pw_leg leg;
    pw_document doc;
    pw_booking booking;
    const char *phones[1];
} test_traveler;

/* A traveler on flight at dep (arrives 3 hours later); with_booking: a PNR. */
static void traveler_init(test_traveler *x, const char *id, const char *surname, const char *given,
                          const char *dob, const char *flight, int64_t dep, bool with_booking)
{
    memset(x, 0, sizeof *x);
    x->t.id = id;
    x->t.surname = surname;
    x->t.given_names = given;
    pw_date_parse(dob, &x->t.dob);
    x->t.sex = 'M';
    memcpy(x->t.nationality, "DEU", 4);
    memcpy(x->doc.type, "P", 2);
    memcpy(x->doc.country, "DEU", 4);
    x->doc.number = "C01X00T47";
    x->t.docs = &x->doc;
    x->t.n_docs = 1;
    x->leg.carrier = "LH";
    x->leg.flight = flight;
    memcpy(x->leg.dep_airport, "FRA", 4);
    memcpy(x->leg.arr_airport, "JFK", 4);
    x->leg.dep_time = dep;
    x->leg.arr_time = dep + 3 * 3600;
    x->t.legs = &x->leg;
    x->t.n_legs = 1;
    if (with_booking) {
        x->phones[0] = "+49 30 1234567";
        x->booking.locator = "ABC123";
        x->booking.payment_type = "CC";
        x->booking.card_hash = "9f86d081884c7d65";
        x->booking.phones = x->phones;
        x->booking.n_phones = 1;
        x->t.booking = &x->booking;
    }
}

static const pw_entry **pointers(test_entry *e, size_t n)
{
    static const pw_entry *p[16];
    for (size_t i = 0; i < n; i++)
        p[i] = &e[i].e;
    return p;
}

/* Saves one traveler in its own ingest (identified by ref). */
static int64_t ingest_traveler(pw_store *s, const char *ref, const pw_traveler *t, int64_t at)
{
    pw_ingest_info info = {.sender = "LH", .interchange_ref = ref, .received_at = at};
    int64_t ingest, id;
    bool already;
    assert_int_equal(pw_store_begin_ingest(s, &info, &ingest, &already), PW_OK);
    assert_false(already);
    assert_int_equal(pw_store_save_traveler(s, ingest, t, &id), PW_OK);
    assert_int_equal(pw_store_commit_ingest(s, ingest, 0), PW_OK);
    return id;
}

/* Saves a traveler with one hit in one ingest; returns the outcome. */
static pw_raise ingest_hit(pw_store *s, const char *ref, const pw_traveler *t, const pw_entry *e,
                           double score, int64_t at, int64_t *alert_id)
{
    pw_ingest_info info = {.sender = "LH", .interchange_ref = ref, .received_at = at};
    int64_t ingest, id;
    bool already;
    assert_int_equal(pw_store_begin_ingest(s, &info, &ingest, &already), PW_OK);
    assert_int_equal(pw_store_save_traveler(s, ingest, t, &id), PW_OK);
    pw_hit h = {.entry = e, .score = score};
    pw_raise r;
    assert_int_equal(pw_store_save_hit(s, id, t, &h, 0.8, 0, at, &r, alert_id), PW_OK);
    assert_int_equal(pw_store_commit_ingest(s, ingest, 0), PW_OK);
    return r;
}

/* ---------------------------------------------------------- migrations */

static void exec_raw(const char *url, const char *sql)
{
    if (strncmp(url, "postgresql://", 13) == 0) {
        PGconn *c = PQconnectdb(url);
        assert_int_equal(PQstatus(c), CONNECTION_OK);
        PGresult *r = PQexec(c, sql);
        assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
        PQclear(r);
        PQfinish(c);
    } else {
        sqlite3 *db;
        assert_int_equal(sqlite3_open(url, &db), SQLITE_OK);
        assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
        sqlite3_close(db);
    }
}

static void migrates_from_empty_and_reopens(void **state)
{
    fixture *f = *state;
    assert_int_equal(pw_store_schema_version(f->s), PW_STORE_SCHEMA_VERSION);
    assert_string_equal(pw_store_backend(f->s), backend == SQLITE ? "sqlite" : "postgresql");
    struct stat sb;
    if (backend == SQLITE) {
        assert_int_equal(stat(f->url, &sb), 0);
        assert_int_equal(sb.st_mode & 0777, 0600);
    }
    test_entry e;
    entry_init(&e, "interpol", "E1", "IVAN PETROV", "1970-01-02", PW_CAT_WANTED);
    assert_int_equal(pw_store_import_entries(f->s, "interpol", NULL, pointers(&e, 1), 1, NULL, T0, NULL), PW_OK);
    pw_store_close(f->s);
    /* Reopening does not migrate again (a second CREATE TABLE would fail) and keeps the data. */
    f->s = open_ok(f->url);
    assert_int_equal(pw_store_schema_version(f->s), PW_STORE_SCHEMA_VERSION);
    pw_list_delta d;
    assert_int_equal(pw_store_import_entries(f->s, "interpol", NULL, pointers(&e, 1), 1, NULL, T0, &d), PW_OK);
    assert_int_equal(d.version, 2);
    assert_int_equal(d.unchanged, 1);
}

static void refuses_a_newer_schema(void **state)
{
    fixture *f = *state;
    pw_store_close(f->s);
    f->s = NULL;
    exec_raw(f->url, "INSERT INTO schema_version (version) VALUES (99)");
    pw_status st;
    char err[256];
    assert_null(pw_store_open(f->url, &st, err, sizeof err));
    assert_int_equal(st, PW_ERR_DB);
    char want[128];
    snprintf(want, sizeof want, "schema version 99 is newer than this paxwatch (%d)", PW_STORE_SCHEMA_VERSION);
    assert_string_equal(err, want);
}

/* -------------------------------------------------- list versions, deltas */

typedef struct collected {
    char text[2048];
    size_t n;
} collected;

static void collect_version(void *ctx, const pw_list_version *v)
{
    collected *c = ctx;
    size_t len = strlen(c->text);
    snprintf(c->text + len, sizeof c->text - len, "%s v%d %zu +%zu ~%zu -%zu %s;", v->list, v->version,
             v->entries, v->added, v->changed, v->removed, v->source ? v->source : "-");
    c->n++;
}

static void collect_change(void *ctx, const char *id, pw_change ch)
{
    collected *c = ctx;
    size_t len = strlen(c->text);
    snprintf(c->text + len, sizeof c->text - len, "%s %s;", id, pw_change_name(ch));
    c->n++;
}

/* Appends "list/id NAME DOB what;" to c. */
static void append_entry(collected *c, const pw_entry *e, const char *what)
{
    size_t len = strlen(c->text);
    char dob[16] = "";
    if (e->n_dobs)
        pw_date_format(e->dobs[0], dob, sizeof dob);
    snprintf(c->text + len, sizeof c->text - len, "%s/%s %s %s %s;", e->list, e->id,
             e->n_names ? e->names[0] : "?", dob, what);
    c->n++;
}

static void collect_entry(void *ctx, const pw_entry *e)
{
    append_entry(ctx, e, pw_category_name(e->category));
}

/* The first column of the first row of sql, run outside the store. */
static long long query_raw_int(const char *url, const char *sql)
{
    long long v = -1;
    if (strncmp(url, "postgresql://", 13) == 0) {
        PGconn *c = PQconnectdb(url);
        assert_int_equal(PQstatus(c), CONNECTION_OK);
        PGresult *r = PQexec(c, sql);
        assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
        if (PQntuples(r) > 0)
            v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
        PQclear(r);
        PQfinish(c);
    } else {
        sqlite3 *db;
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_open(url, &db), SQLITE_OK);
        assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
        if (sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
    return v;
}

static long long index_count(const char *url, const char *name)
{
    char sql[256];
    if (strncmp(url, "postgresql://", 13) == 0)
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM pg_indexes WHERE indexname = '%s'", name);
    else
        snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND name = '%s'", name);
    return query_raw_int(url, sql);
}

static void collect_delta_entry(void *ctx, const pw_entry *e, pw_change ch)
{
    append_entry(ctx, e, pw_change_name(ch));
}

/* The deltas of versions 1 to 3 of a list: what a version added or changed, whole. */
static void collect_deltas(pw_store *s, collected *c)
{
    memset(c, 0, sizeof *c);
    for (int v = 1; v <= 3; v++)
        assert_int_equal(pw_store_list_delta_entries(s, "interpol", v, collect_delta_entry, c), PW_OK);
}

/* The interpol list's first version: E1 IVAN PETROV and E2 MARIA LOPEZ, at T0. */
static void import_two_wanted(pw_store *s, test_entry e[2])
{
    entry_init(&e[0], "interpol", "E1", "IVAN PETROV", "1970-01-02", PW_CAT_WANTED);
    entry_init(&e[1], "interpol", "E2", "MARIA LOPEZ", "1980-05-06", PW_CAT_WANTED);
    assert_int_equal(pw_store_import_entries(s, "interpol", NULL, pointers(e, 2), 2, NULL, T0, NULL), PW_OK);
}

/* Version 2 indexes every row of an entry id (list_id, entry_id, valid_to)
 * for the delta queries. A database at version 1 (what version 1 created:
 * the tables without that index) is upgraded when opened, and its list
 * versions read back as before. */
static void upgrades_a_version_1_database(void **state)
{
    fixture *f = *state;
    test_entry e[3];
    import_two_wanted(f->s, e);
    entry_init(&e[1], "interpol", "E2", "MARIA LOPEZ", "1980-05-07", PW_CAT_WANTED);
    entry_init(&e[2], "interpol", "E3", "ALI HASSAN", "1975", PW_CAT_WANTED);
    assert_int_equal(pw_store_import_entries(f->s, "interpol", NULL, pointers(e, 3), 3, NULL, T0 + DAY, NULL), PW_OK);
    entry_init(&e[0], "interpol", "E1", "IVAN PETROV", "1970-01-03", PW_CAT_WANTED);
    assert_int_equal(pw_store_import_entries(f->s, "interpol", NULL, pointers(e, 2), 2, NULL, T0 + 2 * DAY, NULL), PW_OK);
    collected before;
    collect_deltas(f->s, &before);
    assert_string_equal(before.text,
                        "interpol/E1 IVAN PETROV 1970-01-02 added;interpol/E2 MARIA LOPEZ 1980-05-06 added;"
                        "interpol/E2 MARIA LOPEZ 1980-05-07 changed;interpol/E3 ALI HASSAN 1975 added;"
                        "interpol/E1 IVAN PETROV 1970-01-03 changed;");
    pw_store_close(f->s);

    /* Back to version 1. */
    exec_raw(f->url, "DROP INDEX entries_list_entry");
    exec_raw(f->url, "DELETE FROM schema_version WHERE version > 1");
    assert_int_equal(index_count(f->url, "entries_list_entry"), 0);
    assert_int_equal(query_raw_int(f->url, "SELECT MAX(version) FROM schema_version"), 1);

    f->s = open_ok(f->url);
    assert_int_equal(pw_store_schema_version(f->s), 2);
    assert_int_equal(index_count(f->url, "entries_list_entry"), 1);
    assert_int_equal(query_raw_int(f->url, "SELECT MAX(version) FROM schema_version"), 2);
    assert_int_equal(query_raw_int(f->url, "SELECT COUNT(*) FROM schema_version"), 2);
    collected after;
    collect_deltas(f->s, &after);
    assert_string_equal(after.text, before.text);
    collected c = {"", 0};
    assert_int_equal(pw_store_list_changes(f->s, "interpol", 3, collect_change, &c), PW_OK);
    assert_string_equal(c.text, "E1 changed;E3 removed;");

    if (backend == SQLITE) {
        /* The lookup the delta queries make for each row they read is an index search. */
        sqlite3 *db;
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_open(f->url, &db), SQLITE_OK);
        assert_int_equal(sqlite3_prepare_v2(db,
                                            "EXPLAIN QUERY PLAN SELECT 1 FROM entries o WHERE o.list_id = ?"
                                            " AND o.entry_id = ? AND o.valid_to = ?",
                                            -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        const char *plan = (const char *)sqlite3_column_text(st, 3);
        if (!strstr(plan, "SEARCH o USING COVERING INDEX entries_list_entry (list_id=? AND entry_id=? AND valid_to=?)"))
            fail_msg("not an index search: %s", plan);
        sqlite3_finalize(st);
        sqlite3_close(db);
    }
}

static void imports_versions_and_deltas(void **state)
{
    fixture *f = *state;
    test_entry e[5];
    entry_init(&e[0], "interpol", "E1", "IVAN PETROV", "1970-01-02", PW_CAT_WANTED);
    entry_init(&e[1], "interpol", "E2", "MARIA LOPEZ", "1980-05-06", PW_CAT_WANTED);
    entry_init(&e[2], "interpol", "E3", "JOHN SMITH", NULL, PW_CAT_WANTED);
    pw_list_delta d;
    assert_int_equal(pw_store_import_entries(f->s, "interpol", NULL, pointers(e, 3), 3, "v1.csv", T0, &d), PW_OK);
    assert_int_equal(d.version, 1);
    assert_int_equal(d.added, 3);
    assert_int_equal(d.entries, 3);

    /* v2: E1 the same, E2 a new date of birth, E3 gone, E4 new, E4 twice. */
    entry_init(&e[1], "interpol", "E2", "MARIA LOPEZ", "1980-05-07", PW_CAT_WANTED);
    entry_init(&e[2], "interpol", "E4", "ALI HASSAN", "1975", PW_CAT_WANTED);
    entry_init(&e[3], "interpol", "E4", "ALI HASAN", "1975", PW_CAT_WANTED);
    assert_int_equal(pw_store_import_entries(f->s, "interpol", NULL, pointers(e, 4), 4, "v2.csv", T0 + DAY, &d), PW_OK);
    assert_int_equal(d.version, 2);
    assert_int_equal(d.entries, 3);
    assert_int_equal(d.added, 1);
    assert_int_equal(d.changed, 1);
    assert_int_equal(d.removed, 1);
    assert_int_equal(d.unchanged, 1);
    assert_int_equal(d.duplicates, 1);

    /* Another list, with a category given at import. */
    assert_int_equal(pw_store_import_entries(f->s, "ofac", "sanctions", pointers(e, 1), 1, NULL, T0, &d), PW_OK);
    assert_int_equal(pw_store_import_entries(f->s, "ofac", "villains", pointers(e, 1), 1, NULL, T0, &d), PW_ERR_ARG);

    collected c = {"", 0};
    assert_int_equal(pw_store_list_history(f->s, "interpol", collect_version, &c), PW_OK);
    assert_string_equal(c.text, "interpol v1 3 +3 ~0 -0 v1.csv;interpol v2 3 +1 ~1 -1 v2.csv;");
    memset(&c, 0, sizeof c);
    assert_int_equal(pw_store_lists(f->s, collect_version, &c), PW_OK);
    assert_string_equal(c.text, "interpol v2 3 +1 ~1 -1 v2.csv;ofac v1 1 +1 ~0 -0 -;");
    assert_int_equal(pw_store_list_history(f->s, "nosuch", collect_version, &c), PW_ERR_NOTFOUND);

    memset(&c, 0, sizeof c);
    assert_int_equal(pw_store_list_changes(f->s, "interpol", 2, collect_change, &c), PW_OK);
    assert_string_equal(c.text, "E2 changed;E3 removed;E4 added;");

    /* Each version reads back as it was. */
    memset(&c, 0, sizeof c);
    assert_int_equal(pw_store_list_entries(f->s, "interpol", 1, collect_entry, &c), PW_OK);
    assert_string_equal(c.text, "interpol/E1 IVAN PETROV 1970-01-02 wanted;"
                                "interpol/E2 MARIA LOPEZ 1980-05-06 wanted;"
                                "interpol/E3 JOHN SMITH  wanted;");
    memset(&c, 0, sizeof c);
    assert_int_equal(pw_store_list_entries(f->s, "interpol", 0, collect_entry, &c), PW_OK);
    assert_string_equal(c.text, "interpol/E1 IVAN PETROV 1970-01-02 wanted;"
                                "interpol/E2 MARIA LOPEZ 1980-05-07 wanted;"
                                "interpol/E4 ALI HASSAN 1975 wanted;");
    memset(&c, 0, sizeof c);
    assert_int_equal(pw_store_list_entries(f->s, NULL, 0, collect_entry, &c), PW_OK);
    assert_int_equal(c.n, 4);
    assert_non_null(strstr(c.text, "ofac/E1 IVAN PETROV 1970-01-02 sanctions;"));
}

static void stores_entries_whole(void **state)
{
    fixture *f = *state;
    test_entry e;
    entry_init(&e, "l", "X\t1", "Łukasz \"Tab\\Back\" Żółć", "1990-02", PW_CAT_TRAFFICKING);
    const char *names[] = {"Łukasz Żółć", "ЛУКАШ"};
    e.e.names = names;
    e.e.n_names = 2;
    memcpy(e.doc.type, "P", 2);
    memcpy(e.doc.country, "POL", 4);
    e.doc.number = "AB123\n456";
    e.e.docs = &e.doc;
    e.e.n_docs = 1;
    e.e.sex = 'M';
    assert_int_equal(pw_store_import_entries(f->s, "l", NULL, pointers(&e, 1), 1, NULL, T0, NULL), PW_OK);
    collected c = {"", 0};
    assert_int_equal(pw_store_list_entries(f->s, "l", 0, collect_entry, &c), PW_OK);
    assert_string_equal(c.text, "l/X\t1 Łukasz Żółć 1990-02 trafficking;");
    /* The entry read back hashes as the one stored: it is unchanged. */
    pw_list_delta d;
    assert_int_equal(pw_store_import_entries(f->s, "l", NULL, pointers(&e, 1), 1, NULL, T0, &d), PW_OK);
    assert_int_equal(d.unchanged, 1);
}

/* --------------------------------------------------------------- ingest */

static void count_traveler(void *ctx, const pw_stored_traveler *t)
{
    (*(size_t *)ctx)++;
}

static size_t traveler_count(pw_store *s)
{
    size_t n = 0;
    assert_int_equal(pw_store_travelers(s, 0, count_traveler, &n), PW_OK);
    return n;
}

typedef struct ingest_list {
    size_t travelers[8], dropped[8];
    size_t n;
} ingest_list;

static void collect_ingest(void *ctx, const pw_ingest_record *r)
{
    ingest_list *l = ctx;
    if (l->n < 8) {
        l->travelers[l->n] = r->travelers;
        l->dropped[l->n] = r->sensitive_dropped;
    }
    l->n++;
}

static void ingest_is_idempotent(void **state)
{
    fixture *f = *state;
    test_traveler x;
    traveler_init(&x, "P1", "MUELLER", "HANS", "1970-01-02", "LH400", T0, true);
    ingest_traveler(f->s, "REF1", &x.t, T0);

    pw_ingest_info same = {.sender = "LH", .interchange_ref = "REF1", .content_hash = "aa"};
    int64_t id;
    bool already;
    assert_int_equal(pw_store_begin_ingest(f->s, &same, &id, &already), PW_OK);
    assert_true(already);
    assert_int_equal(traveler_count(f->s), 1);

    /* Without an interchange reference the content hash is the identity. */
    pw_ingest_info by_hash = {.content_hash = "0123abcd", .received_at = T0};
    assert_int_equal(pw_store_begin_ingest(f->s, &by_hash, &id, &already), PW_OK);
    assert_false(already);
    int64_t tid;
    assert_int_equal(pw_store_save_traveler(f->s, id, &x.t, &tid), PW_OK);
    assert_int_equal(pw_store_commit_ingest(f->s, id, 2), PW_OK);
    assert_int_equal(pw_store_begin_ingest(f->s, &by_hash, &id, &already), PW_OK);
    assert_true(already);

    /* An aborted ingest leaves nothing, and can be ingested again. */
    pw_ingest_info other = {.sender = "LH", .interchange_ref = "REF2"};
    assert_int_equal(pw_store_begin_ingest(f->s, &other, &id, &already), PW_OK);
    assert_int_equal(pw_store_save_traveler(f->s, id, &x.t, &tid), PW_OK);
    pw_store_abort_ingest(f->s);
    assert_int_equal(traveler_count(f->s), 2);
    assert_int_equal(pw_store_begin_ingest(f->s, &other, &id, &already), PW_OK);
    assert_false(already);
    pw_store_abort_ingest(f->s);

    ingest_list il = {{0}, {0}, 0};
    assert_int_equal(pw_store_ingests(f->s, collect_ingest, &il), PW_OK);
    assert_int_equal(il.n, 2);
    assert_int_equal(il.travelers[0], 1);
    assert_int_equal(il.dropped[0], 0);
    assert_int_equal(il.travelers[1], 1);
    assert_int_equal(il.dropped[1], 2);

    pw_ingest_info none = {0};
    assert_int_equal(pw_store_begin_ingest(f->s, &none, &id, &already), PW_ERR_ARG);
}

/* A message's digest is what its travelers say, not where they were read. */
static void message_digest_is_the_travelers_content(void **state)
{
    (void)state;
    test_traveler x[2];
    traveler_init(&x[0], "P1", "MUELLER", "HANS", "1970-01-02", "LH400", T0, true);
    traveler_init(&x[1], "P2", "MUELLER", "ANNA", "1972-03-04", "LH400", T0, true);
    pw_traveler t[2] = {x[0].t, x[1].t};
    char d1[65], d2[65];
    pw_store_message_digest(t, 2, d1);
    assert_int_equal(strlen(d1), 64);
    t[0].source.file = "resent.edi";
    t[0].source.segment = 40;
    pw_store_message_digest(t, 2, d2);
    assert_string_equal(d1, d2);
    t[1].given_names = "ANNE";
    pw_store_message_digest(t, 2, d2);
    assert_string_not_equal(d1, d2);
    t[1].given_names = "ANNA";
    x[1].doc.number = "C01X00T48";
    pw_store_message_digest(t, 2, d2);
    assert_string_not_equal(d1, d2);
    pw_store_message_digest(t, 1, d2);
    assert_string_not_equal(d1, d2);
}

/* With a sender and reference stored, the content hash tells the same
 * message sent again from a reuse of the reference for other content. */
static void reused_reference_is_a_conflict(void **state)
{
    fixture *f = *state;
    test_traveler x;
    traveler_init(&x, "P1", "MUELLER", "HANS", "1970-01-02", "LH400", T0, true);
    pw_ingest_info first = {.sender = "LH", .interchange_ref = "REF1", .content_hash = "c1", .received_at = T0};
    int64_t id, stored, tid;
    pw_ingest_seen seen;
    assert_int_equal(pw_store_start_ingest(f->s, &first, &stored, &seen), PW_OK);
    assert_int_equal(seen, PW_INGEST_NEW);
    assert_int_equal(pw_store_save_traveler(f->s, stored, &x.t, &tid), PW_OK);
    assert_int_equal(pw_store_commit_ingest(f->s, stored, 0), PW_OK);

    assert_int_equal(pw_store_start_ingest(f->s, &first, &id, &seen), PW_OK);
    assert_int_equal(seen, PW_INGEST_DUPLICATE);
    assert_int_equal(id, stored);
    pw_ingest_info other = first;
    other.content_hash = "c2";
    assert_int_equal(pw_store_start_ingest(f->s, &other, &id, &seen), PW_OK);
    assert_int_equal(seen, PW_INGEST_CONFLICT);
    assert_int_equal(id, stored);
    /* nothing is open, nothing was stored */
    assert_int_equal(pw_store_commit(f->s), PW_ERR_ARG);
    assert_int_equal(traveler_count(f->s), 1);
    bool already;
    assert_int_equal(pw_store_begin_ingest(f->s, &other, &id, &already), PW_OK);
    assert_true(already);

    /* A hash unknown on either side cannot tell: the same message. */
    other.content_hash = NULL;
    assert_int_equal(pw_store_start_ingest(f->s, &other, &id, &seen), PW_OK);
    assert_int_equal(seen, PW_INGEST_DUPLICATE);
    ingest_traveler(f->s, "REF2", &x.t, T0);          /* stored without a hash */
    other.interchange_ref = "REF2";
    other.content_hash = "c3";
    assert_int_equal(pw_store_start_ingest(f->s, &other, &id, &seen), PW_OK);
    assert_int_equal(seen, PW_INGEST_DUPLICATE);

    /* Another sender may use the same reference. */
    other.sender = "AF";
    assert_int_equal(pw_store_start_ingest(f->s, &other, &id, &seen), PW_OK);
    assert_int_equal(seen, PW_INGEST_NEW);
    pw_store_abort_ingest(f->s);
}

typedef struct read_back {
    char surname[64], phone[64], flight[16], doc[32], locator[16];
    bool masked, pnr;
    size_t n;
} read_back;

static void read_traveler(void *ctx, const pw_stored_traveler *st)
{
    read_back *r = ctx;
    const pw_traveler *t = st->t;
    r->n++;
    r->masked = st->masked;
    r->pnr = st->pnr;
    snprintf(r->surname, sizeof r->surname, "%s", t->surname ? t->surname : "");
    snprintf(r->flight, sizeof r->flight, "%s", t->n_legs ? t->legs[0].flight : "");
    snprintf(r->doc, sizeof r->doc, "%s", t->n_docs && t->docs[0].number ? t->docs[0].number : "");
    r->phone[0] = r->locator[0] = '\0';
    if (t->booking) {
        snprintf(r->locator, sizeof r->locator, "%s", t->booking->locator ? t->booking->locator : "");
        if (t->booking->n_phones)
            snprintf(r->phone, sizeof r->phone, "%s", t->booking->phones[0]);
    }
}

static void read_traveler_first(void *ctx, const pw_stored_traveler *st)
{
    read_back *r = ctx;
    if (r->n == 0)
        read_traveler(ctx, st);
    else
        r->n++;
}

static void travelers_read_back(void **state)
{
    fixture *f = *state;
    test_traveler x;
    traveler_init(&x, "P1", "MÜLLER", "HANS", "1970-01-02", "LH400", T0, true);
    ingest_traveler(f->s, "REF1", &x.t, T0);
    read_back r = {0};
    assert_int_equal(pw_store_travelers(f->s, 0, read_traveler, &r), PW_OK);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.surname, "MÜLLER");
    assert_string_equal(r.phone, "+49 30 1234567");
    assert_string_equal(r.flight, "LH400");
    assert_string_equal(r.doc, "C01X00T47");
    assert_string_equal(r.locator, "ABC123");
    assert_true(r.pnr);
    assert_false(r.masked);
}

/* --------------------------------------------------------------- alerts */

typedef struct alert_list {
    int64_t id[16];
    pw_alert_status status[16];
    int64_t repeat_of[16];
    char name[16][64];
    size_t n;
} alert_list;

static void collect_alert(void *ctx, const pw_alert *a)
{
    alert_list *l = ctx;
    if (l->n < 16) {
        l->id[l->n] = a->id;
        l->status[l->n] = a->status;
        l->repeat_of[l->n] = a->repeat_of;
        snprintf(l->name[l->n], sizeof l->name[0], "%s", a->name ? a->name : "");
    }
    l->n++;
}

static void count_retro(void *ctx, const pw_alert *a)
{
    *(size_t *)ctx += a->retro;
}

static size_t count_alerts(pw_store *s, const pw_alert_filter *f)
{
    alert_list l = {0};
    assert_int_equal(pw_store_alerts(s, f, collect_alert, &l), PW_OK);
    return l.n;
}

/* Stored travelers read back in order, and what the store's connection
 * last ran when fn is called (PostgreSQL: read from another connection). */
typedef struct traveler_order {
    char (*refs)[8];
    size_t n, cap;
    const char *url;
    size_t checked;               /* rows at which the last statement was looked at */
    char last_sql[2][64];
} traveler_order;

static void store_last_statement(const char *url, char *out, size_t cap)
{
    PGconn *c = PQconnectdb(url);
    assert_int_equal(PQstatus(c), CONNECTION_OK);
    PGresult *r = PQexec(c, "SELECT query FROM pg_stat_activity WHERE application_name = 'paxwatch'"
                            " AND datname = current_database()");
    assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
    assert_int_equal(PQntuples(r), 1);
    snprintf(out, cap, "%s", PQgetvalue(r, 0, 0));
    PQclear(r);
    PQfinish(c);
}

static void keep_order(void *ctx, const pw_stored_traveler *t)
{
    traveler_order *o = ctx;
    if (o->n == o->cap) {
        o->cap = o->cap ? 2 * o->cap : 1024;
        o->refs = realloc(o->refs, o->cap * sizeof *o->refs);
        assert_non_null(o->refs);
    }
    snprintf(o->refs[o->n++], sizeof *o->refs, "%s", t->t->id);
    /* In the first batch and in the second. */
    if (backend == POSTGRES && (o->n == 1 || o->n == PW_STORE_FETCH_ROWS + 1) && o->checked < 2)
        store_last_statement(o->url, o->last_sql[o->checked++], sizeof o->last_sql[0]);
}

/* n travelers P<first>... in one ingest received at `at`. */
static void ingest_many(pw_store *s, const char *ref, char prefix, size_t n, int64_t at)
{
    pw_ingest_info info = {.sender = "LH", .interchange_ref = ref, .received_at = at};
    int64_t ingest, id;
    bool already;
    assert_int_equal(pw_store_begin_ingest(s, &info, &ingest, &already), PW_OK);
    for (size_t i = 0; i < n; i++) {
        char tid[24];
        snprintf(tid, sizeof tid, "%c%04zu", prefix, i);
        test_traveler x;
        traveler_init(&x, tid, "PASSENGER", "ANY", "1980-01-01", "LH400", at, false);
        assert_int_equal(pw_store_save_traveler(s, ingest, &x.t, &id), PW_OK);
    }
    assert_int_equal(pw_store_commit_ingest(s, ingest, 0), PW_OK);
}

/* Checks that o holds the travelers of the given prefixes and counts, in that order. */
static void assert_order(const traveler_order *o, const char *prefixes, const size_t *counts)
{
    size_t k = 0;
    for (size_t p = 0; prefixes[p]; p++)
        for (size_t i = 0; i < counts[p]; i++, k++) {
            char want[24];
            snprintf(want, sizeof want, "%c%04zu", prefixes[p], i);
            if (k >= o->n || strcmp(o->refs[k], want) != 0)
                fail_msg("traveler %zu: %s, expected %s", k, k < o->n ? o->refs[k] : "(none)", want);
        }
    assert_int_equal(o->n, k);
}

/* More travelers than PostgreSQL reads in one batch, stored in another order
 * than received: all come back, by time received and then as stored, the
 * same on both back ends, with or without a transaction open. On PostgreSQL
 * they come through a cursor: while fn runs, the store's connection last
 * fetched a batch. */
static void travelers_read_back_in_batches(void **state)
{
    fixture *f = *state;
    const size_t batch = PW_STORE_FETCH_ROWS;
    ingest_many(f->s, "RA", 'A', batch, T0 + 7200);
    ingest_many(f->s, "RB", 'B', batch + 1, T0);
    ingest_many(f->s, "RC", 'C', batch, T0 + 3600);

    traveler_order o = {.url = f->url};
    assert_int_equal(pw_store_travelers(f->s, 0, keep_order, &o), PW_OK);
    assert_order(&o, "BCA", (size_t[]){batch + 1, batch, batch});
    if (backend == POSTGRES) {
        char fetch[64];
        snprintf(fetch, sizeof fetch, "FETCH %d FROM pw_travelers", PW_STORE_FETCH_ROWS);
        assert_int_equal(o.checked, 2);
        assert_string_equal(o.last_sql[0], fetch);
        assert_string_equal(o.last_sql[1], fetch);
    }

    /* Since the second ingest, in the caller's transaction. */
    o.n = 0;
    assert_int_equal(pw_store_begin(f->s), PW_OK);
    assert_int_equal(pw_store_travelers(f->s, T0 + 3600, keep_order, &o), PW_OK);
    assert_int_equal(pw_store_commit(f->s), PW_OK);
    assert_order(&o, "CA", (size_t[]){batch, batch});

    /* And again: the cursor of the last call is gone. */
    o.n = 0;
    assert_int_equal(pw_store_travelers(f->s, T0 + 7200, keep_order, &o), PW_OK);
    assert_order(&o, "A", (size_t[]){batch});
    free(o.refs);
}

static void alerts_with_filters(void **state)
{
    fixture *f = *state;
    test_entry wanted, sanction;
    entry_init(&wanted, "interpol", "E1", "HANS MUELLER", "1970-01-02", PW_CAT_WANTED);
    entry_init(&sanction, "ofac", "S9", "HANS MULLER", NULL, PW_CAT_SANCTIONS);
    test_traveler a, b;
    traveler_init(&a, "P1", "MUELLER", "HANS", "1970-01-02", "LH400", T0, true);
    traveler_init(&b, "P2", "MULLER", "HANS", "1971-03-04", "LH402", T0 + DAY, false);
    int64_t id;
    assert_int_equal(ingest_hit(f->s, "R1", &a.t, &wanted.e, 0.95, T0, &id), PW_RAISE_NEW);
    assert_true(id > 0);
    assert_int_equal(ingest_hit(f->s, "R2", &b.t, &sanction.e, 0.85, T0 + DAY, &id), PW_RAISE_NEW);
    /* Below the threshold: a hit, no alert. */
    assert_int_equal(ingest_hit(f->s, "R3", &b.t, &wanted.e, 0.5, T0 + DAY, &id), PW_RAISE_NONE);
    assert_int_equal(id, 0);
    /* A rule alert. */
    pw_ingest_info info = {.sender = "LH", .interchange_ref = "R4", .received_at = T0 + 2 * DAY};
    int64_t ingest, tid;
    bool already;
    assert_int_equal(pw_store_begin_ingest(f->s, &info, &ingest, &already), PW_OK);
    assert_int_equal(pw_store_save_traveler(f->s, ingest, &b.t, &tid), PW_OK);
    assert_int_equal(pw_store_raise_rule_alert(f->s, tid, "cash-one-way", 0.7, "paid cash, one way",
                                               0, T0 + 2 * DAY, &id), PW_OK);
    assert_int_equal(pw_store_commit_ingest(f->s, ingest, 0), PW_OK);

    assert_int_equal(count_alerts(f->s, NULL), 3);
    assert_int_equal(count_alerts(f->s, &(pw_alert_filter){.list = "interpol"}), 1);
    assert_int_equal(count_alerts(f->s, &(pw_alert_filter){.category = "sanctions"}), 1);
    assert_int_equal(count_alerts(f->s, &(pw_alert_filter){.flight = "LH402"}), 2);
    assert_int_equal(count_alerts(f->s, &(pw_alert_filter){.since = T0 + DAY}), 2);
    assert_int_equal(count_alerts(f->s, &(pw_alert_filter){.by_status = true, .status = PW_ALERT_NEW}), 3);
    assert_int_equal(count_alerts(f->s, &(pw_alert_filter){.by_status = true, .status = PW_ALERT_DISMISSED}), 0);

    alert_list l = {0};
    assert_int_equal(pw_store_alerts(f->s, &(pw_alert_filter){.list = "interpol"}, collect_alert, &l), PW_OK);
    assert_string_equal(l.name[0], "MUELLER, HANS");
}

/* --------------------------------------------------------------- review */

typedef struct event_list {
    char text[512];
} event_list;

static void collect_event(void *ctx, const pw_review_event *e)
{
    event_list *l = ctx;
    size_t len = strlen(l->text);
    snprintf(l->text + len, sizeof l->text - len, "%s>%s %s %s;", pw_alert_status_name(e->from),
             pw_alert_status_name(e->to), e->who, e->reason ? e->reason : "-");
}

static void review_transitions(void **state)
{
    fixture *f = *state;
    test_entry e;
    entry_init(&e, "interpol", "E1", "HANS MUELLER", "1970-01-02", PW_CAT_WANTED);
    test_traveler x;
    traveler_init(&x, "P1", "MUELLER", "HANS", "1960-01-02", "LH400", T0, true);
    int64_t a1, a2;
    assert_int_equal(ingest_hit(f->s, "R1", &x.t, &e.e, 0.9, T0, &a1), PW_RAISE_NEW);
    traveler_init(&x, "P1", "MUELLER", "HANS", "1961-01-02", "LH400", T0, true);
    assert_int_equal(ingest_hit(f->s, "R2", &x.t, &e.e, 0.9, T0, &a2), PW_RAISE_NEW);

    assert_int_equal(pw_store_review(f->s, a1, PW_ALERT_IN_REVIEW, "anna", NULL, T0 + 60), PW_OK);
    assert_int_equal(pw_store_review(f->s, a1, PW_ALERT_IN_REVIEW, "anna", NULL, T0 + 61), PW_ERR_ARG);
    assert_string_equal(pw_store_error(f->s), "alert 1 is in_review: it cannot become in_review");
    assert_int_equal(pw_store_review(f->s, a1, PW_ALERT_DISMISSED, "anna", NULL, T0 + 62), PW_ERR_ARG);
    assert_int_equal(pw_store_review(f->s, a1, PW_ALERT_DISMISSED, "", "x", T0 + 62), PW_ERR_ARG);
    assert_int_equal(pw_store_review(f->s, a1, PW_ALERT_DISMISSED, "anna",
                                     "different person: DOB 1960", T0 + 120), PW_OK);
    /* Final. */
    assert_int_equal(pw_store_review(f->s, a1, PW_ALERT_CONFIRMED, "ben", "second look", T0 + 180), PW_ERR_ARG);
    assert_int_equal(pw_store_review(f->s, a1, PW_ALERT_NEW, "ben", NULL, T0 + 180), PW_ERR_ARG);
    /* Straight from new to a decision. */
    assert_int_equal(pw_store_review(f->s, a2, PW_ALERT_CONFIRMED, "ben", "same passport", T0 + 200), PW_OK);
    assert_int_equal(pw_store_review(f->s, 999, PW_ALERT_IN_REVIEW, "ben", NULL, T0), PW_ERR_NOTFOUND);

    event_list l = {""};
    assert_int_equal(pw_store_review_events(f->s, a1, collect_event, &l), PW_OK);
    assert_string_equal(l.text, "new>in_review anna -;in_review>dismissed anna different person: DOB 1960;");
    alert_list al = {0};
    assert_int_equal(pw_store_alerts(f->s, &(pw_alert_filter){.id = a1}, collect_alert, &al), PW_OK);
    assert_int_equal(al.n, 1);
    assert_int_equal(al.status[0], PW_ALERT_DISMISSED);
    assert_int_equal(count_alerts(f->s, &(pw_alert_filter){.by_status = true, .status = PW_ALERT_CONFIRMED}), 1);

    assert_true(pw_alert_transition_allowed(PW_ALERT_NEW, PW_ALERT_IN_REVIEW));
    assert_false(pw_alert_transition_allowed(PW_ALERT_DISMISSED, PW_ALERT_IN_REVIEW));
    pw_alert_status s;
    assert_true(pw_alert_status_parse("in_review", &s));
    assert_int_equal(s, PW_ALERT_IN_REVIEW);
    assert_false(pw_alert_status_parse("closed", &s));
}

static void dismissed_pair_stays_quiet_until_the_entry_changes(void **state)
{
    fixture *f = *state;
    test_entry e;
    entry_init(&e, "interpol", "E1", "HANS MUELLER", "1970-01-02", PW_CAT_WANTED);
    test_traveler x;
    traveler_init(&x, "P1", "MUELLER", "HANS", "1960-01-02", "LH400", T0, true);
    int64_t a;
    assert_int_equal(ingest_hit(f->s, "R1", &x.t, &e.e, 0.9, T0, &a), PW_RAISE_NEW);
    assert_int_equal(pw_store_review(f->s, a, PW_ALERT_DISMISSED, "anna", "different person: DOB 1960", T0), PW_OK);

    /* A later flight, the same person (names in another order, another message). */
    traveler_init(&x, "P7", "HANS", "MUELLER", "1960-01-02", "LH402", T0 + 7 * DAY, false);
    assert_int_equal(ingest_hit(f->s, "R2", &x.t, &e.e, 0.9, T0 + 7 * DAY, &a), PW_RAISE_SUPPRESSED);
    assert_int_equal(a, 0);
    assert_int_equal(count_alerts(f->s, NULL), 1);

    /* Another person with the same name is not covered by the decision. */
    test_traveler y;
    traveler_init(&y, "P8", "MUELLER", "HANS", "1970-01-02", "LH402", T0 + 7 * DAY, false);
    assert_int_equal(ingest_hit(f->s, "R3", &y.t, &e.e, 0.95, T0 + 7 * DAY, &a), PW_RAISE_NEW);

    /* The entry changes (a new alias): the pair alerts again. */
    const char *names[] = {"HANS MUELLER", "JOHANNES MUELLER"};
    e.e.names = names;
    e.e.n_names = 2;
    assert_int_equal(ingest_hit(f->s, "R4", &x.t, &e.e, 0.9, T0 + 8 * DAY, &a), PW_RAISE_NEW);
    assert_true(a > 0);
    assert_int_equal(count_alerts(f->s, NULL), 3);
}

static void confirmed_pair_alerts_at_once(void **state)
{
    fixture *f = *state;
    test_entry e;
    entry_init(&e, "interpol", "E1", "HANS MUELLER", "1970-01-02", PW_CAT_WANTED);
    test_traveler x;
    traveler_init(&x, "P1", "MUELLER", "HANS", "1970-01-02", "LH400", T0, true);
    int64_t first, again;
    assert_int_equal(ingest_hit(f->s, "R1", &x.t, &e.e, 0.97, T0, &first), PW_RAISE_NEW);
    assert_int_equal(pw_store_review(f->s, first, PW_ALERT_IN_REVIEW, "anna", NULL, T0), PW_OK);
    assert_int_equal(pw_store_review(f->s, first, PW_ALERT_CONFIRMED, "anna", "same passport", T0), PW_OK);
    traveler_init(&x, "P3", "MUELLER", "HANS", "1970-01-02", "LH402", T0 + 30 * DAY, false);
    assert_int_equal(ingest_hit(f->s, "R2", &x.t, &e.e, 0.97, T0 + 30 * DAY, &again), PW_RAISE_KNOWN);
    alert_list l = {0};
    assert_int_equal(pw_store_alerts(f->s, &(pw_alert_filter){.id = again}, collect_alert, &l), PW_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.repeat_of[0], first);
    assert_int_equal(l.status[0], PW_ALERT_NEW);
    /* Even a weak hit: the person is known. */
    traveler_init(&x, "P4", "MUELLER", "HANS", "1970-01-02", "LH404", T0 + 40 * DAY, false);
    assert_int_equal(ingest_hit(f->s, "R3", &x.t, &e.e, 0.5, T0 + 40 * DAY, &again), PW_RAISE_KNOWN);
    assert_true(again > 0);
}

/* --------------------------------------------------- retro-screening */

typedef struct retro_ctx {
    pw_store *s;
    const pw_entry *changed[4];
    pw_arena *arena;
    size_t n;
    size_t alerts;
} retro_ctx;

static void keep_delta_entry(void *ctx, const pw_entry *e, pw_change c)
{
    retro_ctx *r = ctx;
    /* Copy out of the callback's memory. */
    pw_entry *copy = pw_arena_alloc(r->arena, sizeof *copy);
    *copy = *e;
    copy->id = pw_arena_strdup(r->arena, e->id);
    copy->list = pw_arena_strdup(r->arena, e->list);
    const char **names = pw_arena_alloc(r->arena, e->n_names * sizeof *names);
    for (size_t i = 0; i < e->n_names; i++)
        names[i] = pw_arena_strdup(r->arena, e->names[i]);
    copy->names = names;
    pw_date *dobs = pw_arena_alloc(r->arena, (e->n_dobs + 1) * sizeof *dobs);
    memcpy(dobs, e->dobs, e->n_dobs * sizeof *dobs);
    copy->dobs = dobs;
    char (*nat)[4] = pw_arena_alloc(r->arena, (e->n_nationalities + 1) * 4);
    memcpy(nat, e->nationalities, e->n_nationalities * 4);
    copy->nationalities = nat;
    r->changed[r->n++] = copy;
    assert_int_equal(c, strcmp(e->id, "E2") == 0 ? PW_CHANGE_CHANGED : PW_CHANGE_ADDED);
}

/* What a retro run does with the matcher's verdict: here every stored
 * traveler "matches" every changed entry at 0.9. */
static void retro_screen(void *ctx, const pw_stored_traveler *t)
{
    retro_ctx *r = ctx;
    for (size_t i = 0; i < r->n; i++) {
        pw_hit h = {.entry = r->changed[i], .score = 0.9};
        pw_raise out;
        assert_int_equal(pw_store_save_hit(r->s, t->id, t->t, &h, 0.8, PW_ALERT_RETRO, T0 + 2 * DAY,
                                           &out, NULL), PW_OK);
        r->alerts += out == PW_RAISE_NEW;
    }
}

static void retro_building_blocks(void **state)
{
    fixture *f = *state;
    test_entry e[3];
    import_two_wanted(f->s, e);
    test_traveler x;
    traveler_init(&x, "P1", "LOPEZ", "MARIA", "1980-05-07", "IB3170", T0, true);
    ingest_traveler(f->s, "R1", &x.t, T0);
    traveler_init(&x, "P2", "OLD", "TRAVELER", "1950-01-01", "IB3170", T0 - 40 * DAY, true);
    ingest_traveler(f->s, "R0", &x.t, T0 - 40 * DAY);

    entry_init(&e[1], "interpol", "E2", "MARIA LOPEZ", "1980-05-07", PW_CAT_WANTED);
    entry_init(&e[2], "interpol", "E3", "NEW ENTRY", NULL, PW_CAT_WANTED);
    pw_list_delta d;
    assert_int_equal(pw_store_import_entries(f->s, "interpol", NULL, pointers(e, 3), 3, NULL, T0 + DAY, &d), PW_OK);

    retro_ctx r = {.s = f->s, .arena = pw_arena_new()};
    assert_int_equal(pw_store_list_delta_entries(f->s, "interpol", d.version, keep_delta_entry, &r), PW_OK);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.changed[0]->names[0], "MARIA LOPEZ");
    /* The travelers of the last 30 days, in one transaction. */
    assert_int_equal(pw_store_begin(f->s), PW_OK);
    assert_int_equal(pw_store_travelers(f->s, T0 + DAY - 30 * DAY, retro_screen, &r), PW_OK);
    assert_int_equal(pw_store_commit(f->s), PW_OK);
    assert_int_equal(r.alerts, 2);
    pw_arena_free(r.arena);

    size_t retro = 0;
    alert_list l = {0};
    assert_int_equal(pw_store_alerts(f->s, NULL, collect_alert, &l), PW_OK);
    assert_int_equal(l.n, 2);
    assert_int_equal(pw_store_alerts(f->s, NULL, count_retro, &retro), PW_OK);
    assert_int_equal(retro, 2);
    assert_int_equal(pw_store_commit(f->s), PW_ERR_ARG);
}

/* ------------------------------------------------------ retro-screening */

typedef struct retro_alerts {
    int64_t traveler_id[16];
    char entry_id[16][16];
    bool retro[16];
    pw_alert_status status[16];
    size_t n;
} retro_alerts;

static void collect_retro_alert(void *ctx, const pw_alert *a)
{
    retro_alerts *l = ctx;
    if (l->n < 16) {
        l->traveler_id[l->n] = a->traveler_id;
        snprintf(l->entry_id[l->n], sizeof l->entry_id[0], "%s", a->entry_id ? a->entry_id : "");
        l->retro[l->n] = a->retro;
        l->status[l->n] = a->status;
    }
    l->n++;
}

static void retro_screens_recent_travelers_against_new_entries_only(void **state)
{
    fixture *f = *state;
    test_entry e[2];
    entry_init(&e[0], "interpol", "E1", "IVAN PETROV", "1970-01-02", PW_CAT_WANTED);
    pw_list_delta d;
    assert_int_equal(pw_store_import_entries(f->s, "interpol", NULL, pointers(e, 1), 1, NULL, T0 - 60 * DAY, &d),
                     PW_OK);
    /* Stored travelers: the same person 10 and 40 days ago, and someone who
     * matches the old entry (unchanged: not screened again). */
    test_traveler x;
    traveler_init(&x, "P1", "LOPEZ", "MARIA", "1980-05-07", "IB3170", T0 - 10 * DAY, true);
    int64_t recent = ingest_traveler(f->s, "R1", &x.t, T0 - 10 * DAY);
    traveler_init(&x, "P2", "LOPEZ", "MARIA", "1980-05-07", "IB3170", T0 - 40 * DAY, true);
    ingest_traveler(f->s, "R2", &x.t, T0 - 40 * DAY);
    traveler_init(&x, "P3", "PETROV", "IVAN", "1970-01-02", "SU2310", T0 - 5 * DAY, true);
    ingest_traveler(f->s, "R3", &x.t, T0 - 5 * DAY);

    entry_init(&e[1], "interpol", "E2", "MARIA LOPEZ", "1980-05-07", PW_CAT_WANTED);
    assert_int_equal(pw_store_import_entries(f->s, "interpol", NULL, pointers(e, 2), 2, NULL, T0, &d), PW_OK);
    assert_int_equal(d.added, 1);
    pw_retro_report r;
    assert_int_equal(pw_store_retro_screen(f->s, "interpol", d.version, 30, 0.8, T0, &r), PW_OK);
    assert_int_equal(r.since, T0 - 30 * DAY);
    assert_int_equal(r.entries, 1);
    assert_int_equal(r.travelers, 2);          /* P1 and P3; P2 is older than 30 days */
    assert_int_equal(r.hits, 1);
    assert_int_equal(r.alerts, 1);
    assert_int_equal(r.suppressed, 0);

    retro_alerts l = {0};
    assert_int_equal(pw_store_alerts(f->s, NULL, collect_retro_alert, &l), PW_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.traveler_id[0], recent);
    assert_string_equal(l.entry_id[0], "E2");
    assert_true(l.retro[0]);

    /* Run again (e.g. after an interruption): nothing is stored twice. */
    assert_int_equal(pw_store_retro_screen(f->s, "interpol", d.version, 30, 0.8, T0 + 60, &r), PW_OK);
    assert_int_equal(r.hits, 1);
    assert_int_equal(r.already, 1);
    assert_int_equal(r.alerts, 0);
    assert_int_equal(count_alerts(f->s, NULL), 1);
    /* 60 days reach the older flight too. */
    assert_int_equal(pw_store_retro_screen(f->s, "interpol", d.version, 60, 0.8, T0 + 60, &r), PW_OK);
    assert_int_equal(r.travelers, 3);
    assert_int_equal(r.alerts, 1);
    assert_int_equal(r.already, 1);
    assert_int_equal(count_alerts(f->s, NULL), 2);

    /* A version that adds and changes nothing screens nothing. */
    assert_int_equal(pw_store_import_entries(f->s, "interpol", NULL, pointers(e, 2), 2, NULL, T0 + DAY, &d), PW_OK);
    assert_int_equal(pw_store_retro_screen(f->s, "interpol", d.version, 30, 0.8, T0 + DAY, &r), PW_OK);
    assert_int_equal(r.entries, 0);
    assert_int_equal(r.travelers, 0);

    /* Bad arguments and unknown lists. */
    assert_int_equal(pw_store_retro_screen(f->s, "interpol", d.version, 0, 0.8, T0, &r), PW_ERR_ARG);
    assert_int_equal(pw_store_retro_screen(f->s, "nosuchlist", 1, 30, 0.8, T0, &r), PW_ERR_NOTFOUND);
    assert_int_equal(pw_store_begin(f->s), PW_OK);
    assert_int_equal(pw_store_retro_screen(f->s, "interpol", 2, 30, 0.8, T0, &r), PW_ERR_ARG);
    pw_store_rollback(f->s);
}

static void retro_realerts_a_dismissed_pair_when_its_entry_changes(void **state)
{
    fixture *f = *state;
    test_entry e;
    entry_init(&e, "interpol", "E1", "MARIA LOPEZ", "1980-05-06", PW_CAT_WANTED);
    pw_list_delta d;
    assert_int_equal(pw_store_import_entries(f->s, "interpol", NULL, pointers(&e, 1), 1, NULL, T0 - 20 * DAY, &d),
                     PW_OK);
    test_traveler x;
    traveler_init(&x, "P1", "LOPEZ", "MARIA", "1980-05-07", "IB3170", T0 - 10 * DAY, true);
    int64_t a;
    assert_int_equal(ingest_hit(f->s, "R1", &x.t, &e.e, 0.85, T0 - 10 * DAY, &a), PW_RAISE_NEW);
    assert_int_equal(pw_store_review(f->s, a, PW_ALERT_DISMISSED, "anna", "different person", T0 - 9 * DAY), PW_OK);

    /* The entry's date of birth is corrected: the dismissed pair alerts again. */
    entry_init(&e, "interpol", "E1", "MARIA LOPEZ", "1980-05-07", PW_CAT_WANTED);
    assert_int_equal(pw_store_import_entries(f->s, "interpol", NULL, pointers(&e, 1), 1, NULL, T0, &d), PW_OK);
    assert_int_equal(d.changed, 1);
    pw_retro_report r;
    assert_int_equal(pw_store_retro_screen(f->s, "interpol", d.version, 30, 0.8, T0, &r), PW_OK);
    assert_int_equal(r.entries, 1);
    assert_int_equal(r.hits, 1);
    assert_int_equal(r.alerts, 1);
    retro_alerts l = {0};
    assert_int_equal(pw_store_alerts(f->s, NULL, collect_retro_alert, &l), PW_OK);
    assert_int_equal(l.n, 2);
    assert_true(l.retro[0]);                  /* newest first */
    assert_int_equal(l.status[0], PW_ALERT_NEW);
    assert_false(l.retro[1]);
    assert_int_equal(l.status[1], PW_ALERT_DISMISSED);

    /* Dismissed again, and the list re-imported unchanged: nothing is screened. */
    int64_t retro_alert;
    alert_list al = {0};
    assert_int_equal(pw_store_alerts(f->s, NULL, collect_alert, &al), PW_OK);
    retro_alert = al.id[0];
    assert_int_equal(pw_store_review(f->s, retro_alert, PW_ALERT_DISMISSED, "anna", "still not her", T0 + 60),
                     PW_OK);
    assert_int_equal(pw_store_import_entries(f->s, "interpol", NULL, pointers(&e, 1), 1, NULL, T0 + DAY, &d), PW_OK);
    assert_int_equal(d.changed + d.added, 0);
    assert_int_equal(pw_store_retro_screen(f->s, "interpol", d.version, 30, 0.8, T0 + DAY, &r), PW_OK);
    assert_int_equal(r.entries, 0);
    assert_int_equal(r.hits, 0);
    assert_int_equal(count_alerts(f->s, NULL), 2);
}

static void retro_skips_masked_travelers(void **state)
{
    fixture *f = *state;
    test_traveler x;
    /* A PNR traveler of 200 days ago is depersonalised by retention (6 months). */
    traveler_init(&x, "P1", "LOPEZ", "MARIA", "1980-05-07", "IB3170", T0 - 200 * DAY, true);
    ingest_traveler(f->s, "R1", &x.t, T0 - 200 * DAY);
    traveler_init(&x, "P2", "LOPEZ", "MARIA", "1980-05-07", "IB3171", T0 - 100 * DAY, true);
    int64_t kept = ingest_traveler(f->s, "R2", &x.t, T0 - 100 * DAY);
    pw_retention_policy p;
    pw_retention_defaults(&p);
    pw_retention_report rr;
    assert_int_equal(pw_store_retention(f->s, &p, T0, &rr), PW_OK);
    assert_int_equal(rr.masked, 1);

    test_entry e;
    entry_init(&e, "interpol", "E1", "MARIA LOPEZ", "1980-05-07", PW_CAT_WANTED);
    pw_list_delta d;
    assert_int_equal(pw_store_import_entries(f->s, "interpol", NULL, pointers(&e, 1), 1, NULL, T0, &d), PW_OK);
    pw_retro_report r;
    assert_int_equal(pw_store_retro_screen(f->s, "interpol", d.version, 365, 0.8, T0, &r), PW_OK);
    assert_int_equal(r.masked, 1);
    assert_int_equal(r.travelers, 1);
    assert_int_equal(r.alerts, 1);
    retro_alerts l = {0};
    assert_int_equal(pw_store_alerts(f->s, NULL, collect_retro_alert, &l), PW_OK);
    assert_int_equal(l.n, 1);
    assert_int_equal(l.traveler_id[0], kept);
}

/* ------------------------------------------------------------ retention */

typedef struct run_list {
    pw_retention_report r[8];
    size_t n;
} run_list;

static void collect_run(void *ctx, const pw_retention_report *r)
{
    run_list *l = ctx;
    if (l->n < 8)
        l->r[l->n] = *r;
    l->n++;
}

static void retention_masks_and_deletes(void **state)
{
    fixture *f = *state;
    test_entry e;
    entry_init(&e, "interpol", "E1", "HANS MUELLER", "1970-01-02", PW_CAT_WANTED);
    test_traveler pnr, api, api_alert, confirmed;
    traveler_init(&pnr, "P1", "SCHMIDT", "PETRA", "1980-01-02", "LH400", T0, true);
    traveler_init(&api, "P2", "WEBER", "KARL", "1981-01-02", "LH400", T0, false);
    traveler_init(&api_alert, "P3", "MUELLER", "HANS", "1960-01-02", "LH400", T0, false);
    traveler_init(&confirmed, "P4", "MUELLER", "HANS", "1970-01-02", "LH400", T0, true);
    ingest_traveler(f->s, "R1", &pnr.t, T0);
    ingest_traveler(f->s, "R2", &api.t, T0);
    int64_t a;
    assert_int_equal(ingest_hit(f->s, "R3", &api_alert.t, &e.e, 0.9, T0, &a), PW_RAISE_NEW);
    assert_int_equal(ingest_hit(f->s, "R4", &confirmed.t, &e.e, 0.99, T0, &a), PW_RAISE_NEW);
    assert_int_equal(pw_store_review(f->s, a, PW_ALERT_CONFIRMED, "anna", "same passport", T0 + DAY), PW_OK);

    pw_retention_policy p;
    pw_retention_defaults(&p);
    assert_int_equal(p.pnr_mask_months, 6);
    assert_int_equal(p.pnr_delete_months, 60);
    assert_int_equal(p.api_delete_hours, 24);
    pw_retention_report r;

    /* 20 hours after arrival: nothing yet. */
    assert_int_equal(pw_store_retention(f->s, &p, T0 + 23 * 3600, &r), PW_OK);
    assert_int_equal(r.deleted_api + r.masked + r.deleted_pnr + r.deleted_confirmed, 0);
    /* Two days on: the API traveler without an alert is gone. */
    assert_int_equal(pw_store_retention(f->s, &p, T0 + 2 * DAY, &r), PW_OK);
    assert_int_equal(r.deleted_api, 1);
    assert_int_equal(r.masked, 0);
    assert_int_equal(traveler_count(f->s), 3);
    /* Five months: still whole. Seven months: depersonalised, but not the confirmed one. */
    assert_int_equal(pw_store_retention(f->s, &p, months_later(T0, 5), &r), PW_OK);
    assert_int_equal(r.masked, 0);
    assert_int_equal(pw_store_retention(f->s, &p, months_later(T0, 7), &r), PW_OK);
    assert_int_equal(r.masked, 2);
    assert_int_equal(r.deleted_api, 0);
    read_back rb = {0};
    assert_int_equal(pw_store_travelers(f->s, 0, read_traveler, &rb), PW_OK);
    assert_int_equal(rb.n, 3);
    /* The last one read (received last) is the confirmed traveler: whole. */
    assert_false(rb.masked);
    assert_string_equal(rb.surname, "MUELLER");
    memset(&rb, 0, sizeof rb);
    assert_int_equal(pw_store_travelers(f->s, 0, read_traveler_first, &rb), PW_OK);
    assert_true(rb.masked);
    assert_string_equal(rb.surname, "");
    assert_string_equal(rb.phone, "");
    assert_string_equal(rb.doc, "");
    assert_string_equal(rb.flight, "LH400");
    assert_string_equal(rb.locator, "ABC123");
    /* Masked alerts show no name. */
    alert_list al = {0};
    assert_int_equal(pw_store_alerts(f->s, &(pw_alert_filter){.by_status = true, .status = PW_ALERT_NEW},
                                     collect_alert, &al), PW_OK);
    assert_int_equal(al.n, 1);
    assert_string_equal(al.name[0], "");
    /* A second run masks nothing more. */
    assert_int_equal(pw_store_retention(f->s, &p, months_later(T0, 8), &r), PW_OK);
    assert_int_equal(r.masked, 0);
    /* Five years: deleted, the confirmed traveler too (5 years after its confirmation). */
    assert_int_equal(pw_store_retention(f->s, &p, months_later(T0, 60) + 2 * DAY, &r), PW_OK);
    assert_int_equal(r.deleted_pnr, 2);
    assert_int_equal(r.deleted_confirmed, 1);
    assert_int_equal(r.deleted_decisions, 1);
    assert_int_equal(traveler_count(f->s), 0);
    assert_int_equal(count_alerts(f->s, NULL), 0);

    run_list runs = {0};
    assert_int_equal(pw_store_retention_runs(f->s, collect_run, &runs), PW_OK);
    assert_int_equal(runs.n, 6);
    assert_int_equal(runs.r[1].deleted_api, 1);
    assert_int_equal(runs.r[3].masked, 2);
    assert_int_equal(runs.r[5].deleted_pnr, 2);
    assert_int_equal(runs.r[5].deleted_confirmed, 1);
    assert_int_equal(runs.r[1].run_at, T0 + 2 * DAY);
}

/* ------------------------------------------------------------ bad input */

static void bad_databases_fail_clearly(void **state)
{
    pw_status st;
    char err[512];
    if (backend == SQLITE) {
        char url[512];
        snprintf(url, sizeof url, "%s/no/such/folder/x.db", test_tmpdir());
        assert_null(pw_store_open(url, &st, err, sizeof err));
        assert_int_equal(st, PW_ERR_DB);
        assert_non_null(strstr(err, "cannot open SQLite database"));
        assert_null(strchr(err, '\n'));
        /* A file that is not a database. */
        snprintf(url, sizeof url, "%s/not-a-db.txt", test_tmpdir());
        FILE *fp = fopen(url, "w");
        assert_non_null(fp);
        for (int i = 0; i < 200; i++)
            fputs("this is not a database file at all\n", fp);
        fclose(fp);
        assert_null(pw_store_open(url, &st, err, sizeof err));
        assert_int_equal(st, PW_ERR_DB);
        assert_non_null(strstr(err, "not a database"));
    } else {
        char url[256];
        pgtest_down_url(url, sizeof url);
        assert_null(pw_store_open(url, &st, err, sizeof err));
        assert_int_equal(st, PW_ERR_DB);
        assert_non_null(strstr(err, "cannot connect to PostgreSQL"));
        assert_null(strchr(err, '\n'));
    }
    assert_null(pw_store_open("", &st, err, sizeof err));
    assert_int_equal(st, PW_ERR_ARG);
}

/* ----------------------------------------------------- killed mid-write */

enum { KILL_LIST = 20000 };

/* The child: imports versions of a list and ingests messages in turn,
 * writing to the pipe what each committed step was, until it is killed. */
static void writer(const char *url, int fd)
{
    /* No cmocka assertions here: a failing child must not go on with the tests. */
    pw_store *s = pw_store_open(url, NULL, NULL, 0);
    if (!s)
        _exit(2);
    test_entry *e = calloc(KILL_LIST, sizeof *e);
    const pw_entry **p = calloc(KILL_LIST, sizeof *p);
    char (*ids)[16] = calloc(KILL_LIST, 16);
    char (*names)[32] = calloc(KILL_LIST, 32);
    for (int round = 1;; round++) {
        for (int i = 0; i < KILL_LIST; i++) {
            snprintf(ids[i], 16, "K%d", i);
            snprintf(names[i], 32, "NAME %d ROUND %d", i, i % 7 == 0 ? round : 0);
            entry_init(&e[i], "big", ids[i], names[i], "1970", PW_CAT_WANTED);
            p[i] = &e[i].e;
        }
        pw_list_delta d;
        if (pw_store_import_entries(s, "big", NULL, p, KILL_LIST, NULL, T0, &d) != PW_OK)
            _exit(3);
        char line[64];
        int n = snprintf(line, sizeof line, "L %d\n", d.version);
        if (write(fd, line, (size_t)n) != n)
            _exit(4);
        for (int m = 0; m < 20; m++) {
            char ref[32];
            snprintf(ref, sizeof ref, "M%d.%d.%d", (int)getpid(), round, m);
            pw_ingest_info info = {.sender = "LH", .interchange_ref = ref, .received_at = T0};
            int64_t ingest, tid;
            bool already;
            if (pw_store_begin_ingest(s, &info, &ingest, &already) != PW_OK)
                _exit(5);
            test_traveler x;
            for (int k = 0; k < 50; k++) {
                traveler_init(&x, ref, "KILLED", "MID WRITE", "1970-01-01", "LH1", T0, true);
                if (pw_store_save_traveler(s, ingest, &x.t, &tid) != PW_OK)
                    _exit(6);
            }
            if (pw_store_commit_ingest(s, ingest, 0) != PW_OK)
                _exit(7);
            n = snprintf(line, sizeof line, "M %s\n", ref);
            if (write(fd, line, (size_t)n) != n)
                _exit(8);
        }
    }
}

typedef struct ref_set {
    char (*refs)[24];
    size_t n, cap;
    int versions;
} ref_set;

static void collect_ref(void *ctx, const pw_stored_traveler *t)
{
    ref_set *r = ctx;
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 1024;
        r->refs = realloc(r->refs, r->cap * sizeof *r->refs);
        assert_non_null(r->refs);
    }
    snprintf(r->refs[r->n++], 24, "%s", t->t->id);
}

static void count_entry(void *ctx, const pw_entry *e)
{
    (*(size_t *)ctx)++;
}

static void version_max(void *ctx, const pw_list_version *v)
{
    ref_set *r = ctx;
    r->versions = v->version;
    assert_int_equal(v->entries, KILL_LIST);
}

/* Starts the writer, kills it delay_us after it has begun its third import
 * and adds what it reported committed to committed[]. Returns the last list
 * version it reported. */
static int kill_writer(const char *url, useconds_t delay_us, char (*committed)[24], size_t *n_committed)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        writer(url, fds[1]);
        _exit(0);
    }
    close(fds[1]);
    FILE *in = fdopen(fds[0], "r");
    char line[64];
    int last_version = 0, imports = 0, messages_since = 0;
    bool killed = false;
    while (fgets(line, sizeof line, in)) {
        if (line[0] == 'L') {
            last_version = atoi(line + 2);
            imports++;
            messages_since = 0;
        } else if (*n_committed < 4096) {
            line[strcspn(line, "\n")] = '\0';
            snprintf(committed[(*n_committed)++], 24, "%.20s", line + 2);
            messages_since++;
        }
        /* The last message of round two is committed: the third import starts. */
        if (!killed && imports == 2 && messages_since == 20) {
            usleep(delay_us);
            kill(pid, SIGKILL);
            killed = true;
        }
    }
    /* Lines the child wrote before it died were written after their commit. */
    fclose(in);
    if (!killed)
        kill(pid, SIGKILL);
    int status;
    waitpid(pid, &status, 0);
    if (!killed || !WIFSIGNALED(status))
        fail_msg("the writer ended by itself (exit status %d) before it could be killed",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return last_version;
}

static void kill_9_loses_nothing_committed(void **state)
{
    fixture *f = *state;
    pw_store_close(f->s);
    f->s = NULL;
    static char committed[4096][24];
    size_t n_committed = 0;
    /* Killed at several points of the import: reading, hashing, writing, committing. */
    static const useconds_t delays[] = {5000, 40000, 120000, 300000};
    for (size_t k = 0; k < sizeof delays / sizeof *delays; k++) {
        int last_version = kill_writer(f->url, delays[k], committed, &n_committed);
        assert_true(last_version >= 2 * (int)(k + 1));

        f->s = open_ok(f->url);
        ref_set r = {0};
        assert_int_equal(pw_store_list_history(f->s, "big", version_max, &r), PW_OK);
        assert_true(r.versions >= last_version);
        size_t n = 0;
        assert_int_equal(pw_store_list_entries(f->s, "big", 0, count_entry, &n), PW_OK);
        assert_int_equal(n, KILL_LIST);
        assert_int_equal(pw_store_travelers(f->s, 0, collect_ref, &r), PW_OK);
        /* Every message is whole (50 travelers) and every reported one is there. */
        for (size_t i = 0; i < n_committed; i++) {
            size_t count = 0;
            for (size_t j = 0; j < r.n; j++)
                count += strcmp(r.refs[j], committed[i]) == 0;
            assert_int_equal(count, 50);
        }
        assert_int_equal(r.n % 50, 0);
        free(r.refs);
        pw_store_close(f->s);
        f->s = NULL;
    }
    /* The store still takes writes. */
    f->s = open_ok(f->url);
    test_entry e;
    entry_init(&e, "after", "A1", "AFTER KILL", NULL, PW_CAT_OTHER);
    assert_int_equal(pw_store_import_entries(f->s, "after", NULL, pointers(&e, 1), 1, NULL, T0, NULL), PW_OK);
}

/* -------------------------------------------------------------- commands */

static void commands_read_and_review_the_store(void **state)
{
    fixture *f = *state;
    test_entry e[2];
    entry_init(&e[0], "interpol", "E1", "HANS MUELLER", "1970-01-02", PW_CAT_WANTED);
    entry_init(&e[1], "interpol", "E2", "MARIA LOPEZ", NULL, PW_CAT_WANTED);
    assert_int_equal(pw_store_import_entries(f->s, "interpol", NULL, pointers(e, 2), 2, "a.csv", T0, NULL), PW_OK);
    assert_int_equal(pw_store_import_entries(f->s, "interpol", NULL, pointers(e, 1), 1, "b.csv", T0 + DAY, NULL), PW_OK);
    test_traveler x;
    traveler_init(&x, "P1", "MUELLER", "HANS", "1960-01-02", "LH400", T0, false);
    int64_t a;
    assert_int_equal(ingest_hit(f->s, "R1", &x.t, &e[0].e, 0.9, T0, &a), PW_RAISE_NEW);

    char args[1024];
    snprintf(args, sizeof args, "lists --db '%s'", f->url);
    test_run r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "interpol"));
    assert_non_null(strstr(r.out, "+0 ~0 -1"));
    test_run_free(&r);

    snprintf(args, sizeof args, "list-history --db '%s' interpol", f->url);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    assert_int_equal(test_count_lines(r.out), 3);
    assert_non_null(strstr(r.out, "b.csv"));
    test_run_free(&r);
    snprintf(args, sizeof args, "list-history --db '%s' --changes 2 interpol", f->url);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "removed\tE2\n");
    test_run_free(&r);
    snprintf(args, sizeof args, "list-history --db '%s' nosuch", f->url);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 1);
    assert_string_equal(r.err, "paxwatch list-history: no list named 'nosuch'\n");
    test_run_free(&r);

    snprintf(args, sizeof args, "alerts --db '%s' --status new --list interpol --json", f->url);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    assert_int_equal(test_count_lines(r.out), 1);
    assert_non_null(strstr(r.out, "\"entry_id\":\"E1\""));
    assert_non_null(strstr(r.out, "\"flight\":\"LH400\""));
    test_run_free(&r);

    snprintf(args, sizeof args, "review --db '%s' %lld --status dismissed --by anna "
             "--reason 'different person: DOB 1960'", f->url, (long long)a);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    test_run_free(&r);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "is dismissed: it cannot become dismissed"));
    test_run_free(&r);
    snprintf(args, sizeof args, "review --db '%s' %lld --status closed", f->url, (long long)a);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 2);
    test_run_free(&r);

    snprintf(args, sizeof args, "alerts --db '%s' --status dismissed", f->url);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    assert_int_equal(test_count_lines(r.out), 2);
    test_run_free(&r);

    snprintf(args, sizeof args, "retention --db '%s' --now 2026-01-03", f->url);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "masked 0"));
    test_run_free(&r);
    run_list runs = {0};
    assert_int_equal(pw_store_retention_runs(f->s, collect_run, &runs), PW_OK);
    assert_int_equal(runs.n, 1);
    int64_t jan3;
    assert_true(pw_time_parse("2026-01-03", &jan3));
    assert_int_equal(runs.r[0].run_at, jan3);
}

static void commands_fail_clearly_on_bad_databases(void **state)
{
    fixture *f = *state;
    char url[512], args[1024];
    if (backend == SQLITE)
        snprintf(url, sizeof url, "%s/no/such/dir/x.db", test_tmpdir());
    else
        pgtest_down_url(url, sizeof url);
    snprintf(args, sizeof args, "alerts --db '%s'", url);
    test_run r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 1);
    assert_int_equal(test_count_lines(r.err), 1);
    assert_non_null(strstr(r.err, backend == SQLITE ? "cannot open SQLite database" : "cannot connect to PostgreSQL"));
    test_run_free(&r);

    pw_store_close(f->s);
    f->s = NULL;
    exec_raw(f->url, "INSERT INTO schema_version (version) VALUES (7)");
    snprintf(args, sizeof args, "lists --db '%s'", f->url);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 1);
    char want[128];
    snprintf(want, sizeof want, "paxwatch lists: schema version 7 is newer than this paxwatch (%d)\n",
             PW_STORE_SCHEMA_VERSION);
    assert_string_equal(r.err, want);
    test_run_free(&r);

    r = test_paxwatch("alerts", NULL);
    assert_int_equal(r.status, 2);
    test_run_free(&r);
}

static void times_parse_and_format(void **state)
{
    (void)state;
    int64_t t;
    assert_true(pw_time_parse("2026-01-01", &t));
    assert_int_equal(t, T0);
    assert_true(pw_time_parse("2026-01-01T01:02:03Z", &t));
    assert_int_equal(t, T0 + 3723);
    assert_true(pw_time_parse("2026-01-01T01:02", &t));
    assert_int_equal(t, T0 + 3720);
    assert_false(pw_time_parse("2026-02-30", &t));
    assert_false(pw_time_parse("2026-01-01T25:00", &t));
    assert_false(pw_time_parse("2026-01", &t));
    assert_false(pw_time_parse("2026-01-01junk", &t));
    char buf[32];
    pw_time_format(T0 + 3723, buf, sizeof buf);
    assert_string_equal(buf, "2026-01-01T01:02:03Z");
}

/* ------------------------------------------------------------ pure parts */

static void sensitive_ssrs_are_filtered(void **state)
{
    (void)state;
    assert_int_equal(pw_ssr_filter("MOML", NULL), PW_SSR_DROP_MEAL);
    assert_int_equal(pw_ssr_filter("KSML", NULL), PW_SSR_DROP_MEAL);
    assert_int_equal(pw_ssr_filter("hnml", NULL), PW_SSR_DROP_MEAL);
    assert_int_equal(pw_ssr_filter("VGML", "VEGETARIAN"), PW_SSR_DROP_MEAL);
    assert_int_equal(pw_ssr_filter("XXML", NULL), PW_SSR_DROP_MEAL);
    assert_int_equal(pw_ssr_filter("WCHR", NULL), PW_SSR_DROP_MEDICAL);
    assert_int_equal(pw_ssr_filter("MEDA", "OXYGEN NEEDED"), PW_SSR_DROP_MEDICAL);
    assert_int_equal(pw_ssr_filter("DEAF", NULL), PW_SSR_DROP_MEDICAL);
    assert_int_equal(pw_ssr_filter("BLND", NULL), PW_SSR_DROP_MEDICAL);
    assert_int_equal(pw_ssr_filter("OSI", "CTCP 123"), PW_SSR_DROP_REMARK);
    assert_int_equal(pw_ssr_filter("RMK", "VIP"), PW_SSR_DROP_REMARK);
    assert_int_equal(pw_ssr_filter(NULL, "PAX NEEDS PRAYER ROOM"), PW_SSR_DROP_REMARK);
    assert_int_equal(pw_ssr_filter("DOCS", "P/DEU/C01X00T47/DEU/02JAN70/M/01JAN30/MUELLER/HANS"), PW_SSR_KEEP);
    assert_int_equal(pw_ssr_filter("FQTV", "LH 992001234"), PW_SSR_KEEP);
    assert_int_equal(pw_ssr_filter("TKNE", NULL), PW_SSR_KEEP);
    assert_int_equal(pw_ssr_filter(NULL, NULL), PW_SSR_KEEP);
}

static void identity_ignores_name_order_and_case(void **state)
{
    (void)state;
    test_traveler a, b, c;
    traveler_init(&a, "1", "Mueller", "Hans", "1970-01-02", "LH1", T0, false);
    traveler_init(&b, "2", NULL, NULL, "1970-01-02", "LH2", T0, false);
    b.t.name = "HANS MUELLER";
    b.doc.number = "c01x00t47";
    traveler_init(&c, "3", "MUELLER", "HANS", "1970-01-03", "LH1", T0, false);
    char ka[33], kb[33], kc[33];
    pw_traveler_identity(&a.t, ka);
    pw_traveler_identity(&b.t, kb);
    pw_traveler_identity(&c.t, kc);
    assert_string_equal(ka, kb);
    assert_string_not_equal(ka, kc);
    assert_int_equal(strlen(ka), 32);
}

#define BOTH(t) cmocka_unit_test_setup_teardown(t, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        BOTH(migrates_from_empty_and_reopens),
        BOTH(refuses_a_newer_schema),
        BOTH(upgrades_a_version_1_database),
        BOTH(imports_versions_and_deltas),
        BOTH(stores_entries_whole),
        BOTH(ingest_is_idempotent),
        BOTH(reused_reference_is_a_conflict),
        BOTH(travelers_read_back),
        BOTH(travelers_read_back_in_batches),
        BOTH(alerts_with_filters),
        BOTH(review_transitions),
        BOTH(dismissed_pair_stays_quiet_until_the_entry_changes),
        BOTH(confirmed_pair_alerts_at_once),
        BOTH(retro_building_blocks),
        BOTH(retro_screens_recent_travelers_against_new_entries_only),
        BOTH(retro_realerts_a_dismissed_pair_when_its_entry_changes),
        BOTH(retro_skips_masked_travelers),
        BOTH(retention_masks_and_deletes),
        BOTH(bad_databases_fail_clearly),
        BOTH(kill_9_loses_nothing_committed),
        BOTH(commands_read_and_review_the_store),
        BOTH(commands_fail_clearly_on_bad_databases),
    };
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(sensitive_ssrs_are_filtered),
        cmocka_unit_test(identity_ignores_name_order_and_case),
        cmocka_unit_test(message_digest_is_the_travelers_content),
        cmocka_unit_test(times_parse_and_format),
    };
    int failed = cmocka_run_group_tests_name("store pure", pure, NULL, NULL);
    backend = SQLITE;
    failed += cmocka_run_group_tests_name("store sqlite", tests, NULL, NULL);
    backend = POSTGRES;
    failed += PGTEST_RUN_GROUP("store postgresql", tests);
    /* The SQLite files of this run. */
    char rm[512];
    snprintf(rm, sizeof rm, "rm -rf '%s'", test_tmpdir());
    if (system(rm) != 0)
        fprintf(stderr, "could not remove %s\n", test_tmpdir());
    return failed;
}

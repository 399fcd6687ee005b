/*
 * sqlite.c — the SQLite back end of the storage interface: one file in WAL
 * mode. synchronous=FULL: in WAL mode a commit then costs one fsync of the
 * log, and a transaction reported committed survives a power cut as well as
 * a killed process; we commit once per import or message, so the cost is
 * small. A new file is created readable by its owner only. Foreign keys on (retention deletes cascade). Statements are prepared
 * once and kept in a small cache keyed by their text.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"

enum { SQLITE_CACHE = 64 };

typedef struct cached_stmt {
    char *sql;
    sqlite3_stmt *stmt;
} cached_stmt;

typedef struct sqlite_conn {
    sqlite3 *db;
    cached_stmt cache[SQLITE_CACHE];
    size_t n_cache;
    sqlite3_stmt *copy;     /* the bulk insert in progress */
} sqlite_conn;

static void set_err(sqlite_conn *c, char *err, size_t cap, const char *what)
{
    snprintf(err, cap, "%s: %s", what, sqlite3_errmsg(c->db));
}

static void sqlite_close(void *p)
{
    sqlite_conn *c = p;
    if (!c)
        return;
    for (size_t i = 0; i < c->n_cache; i++) {
        sqlite3_finalize(c->cache[i].stmt);
        free(c->cache[i].sql);
    }
    sqlite3_finalize(c->copy);
    sqlite3_close(c->db);
    free(c);
}

static pw_status sqlite_exec(void *p, const char *sql, char *err, size_t cap)
{
    sqlite_conn *c = p;
    char *msg = NULL;
    if (sqlite3_exec(c->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, cap, "%s", msg ? msg : sqlite3_errmsg(c->db));
        sqlite3_free(msg);
        return PW_ERR_DB;
    }
    return PW_OK;
}

/* The cached statement for sql, prepared on first use; an uncached one
 * (cache full) is returned with *owned set. */
static sqlite3_stmt *prepare(sqlite_conn *c, const char *sql, bool *owned, char *err, size_t cap)
{
    *owned = false;
    for (size_t i = 0; i < c->n_cache; i++)
        if (strcmp(c->cache[i].sql, sql) == 0)
            return c->cache[i].stmt;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        set_err(c, err, cap, "prepare");
        return NULL;
    }
    if (c->n_cache < SQLITE_CACHE) {
        char *copy = strdup(sql);
        if (copy) {
            c->cache[c->n_cache].sql = copy;
            c->cache[c->n_cache++].stmt = st;
            return st;
        }
    }
    *owned = true;
    return st;
}

static int bind_all(sqlite3_stmt *st, const store_val *p, size_t np)
{
    for (size_t i = 0; i < np; i++) {
        int rc, k = (int)i + 1;
        switch (p[i].type) {
        case STORE_INT: rc = sqlite3_bind_int64(st, k, p[i].i); break;
        case STORE_REAL: rc = sqlite3_bind_double(st, k, p[i].r); break;
        case STORE_TEXT: rc = sqlite3_bind_text(st, k, p[i].s, -1, SQLITE_STATIC); break;
        default: rc = sqlite3_bind_null(st, k); break;
        }
        if (rc != SQLITE_OK)
            return rc;
    }
    return SQLITE_OK;
}

static pw_status run(sqlite_conn *c, sqlite3_stmt *st, const store_val *p, size_t np,
                     store_row_fn fn, void *ctx, char *err, size_t cap)
{
    pw_status status = PW_OK;
    if (bind_all(st, p, np) != SQLITE_OK) {
        set_err(c, err, cap, "bind");
        status = PW_ERR_DB;
        goto done;
    }
    const char *cols[64];
    for (;;) {
        int rc = sqlite3_step(st);
        if (rc == SQLITE_DONE)
            break;
        if (rc != SQLITE_ROW) {
            set_err(c, err, cap, "query");
            status = PW_ERR_DB;
            break;
        }
        if (!fn)
            continue;
        int n = sqlite3_column_count(st);
        if (n > 64)
            n = 64;
        for (int i = 0; i < n; i++)
            cols[i] = (const char *)sqlite3_column_text(st, i);
        fn(ctx, cols, (size_t)n);
    }
done:
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return status;
}

static pw_status sqlite_query(void *p, const char *sql, const store_val *v, size_t np,
                              store_row_fn fn, void *ctx, char *err, size_t cap)
{
    sqlite_conn *c = p;
    bool owned;
    sqlite3_stmt *st = prepare(c, sql, &owned, err, cap);
    if (!st)
        return PW_ERR_DB;
    pw_status status = run(c, st, v, np, fn, ctx, err, cap);
    if (owned)
        sqlite3_finalize(st);
    return status;
}

static pw_status sqlite_copy_begin(void *p, const char *table, const char *const *cols, size_t n,
                                   char *err, size_t cap)
{
    sqlite_conn *c = p;
    char sql[1024];
    size_t len = (size_t)snprintf(sql, sizeof sql, "INSERT INTO %s (", table);
    for (size_t i = 0; i < n && len < sizeof sql; i++)
        len += (size_t)snprintf(sql + len, sizeof sql - len, "%s%s", i ? "," : "", cols[i]);
    for (size_t i = 0; i < n && len < sizeof sql; i++)
        len += (size_t)snprintf(sql + len, sizeof sql - len, "%s", i ? ",?" : ") VALUES (?");
    if (len < sizeof sql)
        snprintf(sql + len, sizeof sql - len, ")");
    sqlite3_finalize(c->copy);
    c->copy = NULL;
    if (sqlite3_prepare_v2(c->db, sql, -1, &c->copy, NULL) != SQLITE_OK) {
        set_err(c, err, cap, "prepare bulk insert");
        return PW_ERR_DB;
    }
    return PW_OK;
}

static pw_status sqlite_copy_row(void *p, const store_val *v, size_t n, char *err, size_t cap)
{
    sqlite_conn *c = p;
    return run(c, c->copy, v, n, NULL, NULL, err, cap);
}

static pw_status sqlite_copy_end(void *p, bool ok, char *err, size_t cap)
{
    sqlite_conn *c = p;
    sqlite3_finalize(c->copy);
    c->copy = NULL;
    return PW_OK;
}

void *store_sqlite_open(const char *path, char *err, size_t cap)
{
    sqlite_conn *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, cap, "out of memory");
        return NULL;
    }
    /* A new database holds personal data: readable by its owner only (SQLite
     * gives the WAL and shared-memory files the same mode). */
    if (strcmp(path, ":memory:") != 0 && strncmp(path, "file:", 5) != 0) {
        int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);
        if (fd >= 0)
            close(fd);
    }
    int rc = sqlite3_open_v2(path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, cap, "cannot open SQLite database %s: %s", path,
                 c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
        sqlite_close(c);
        return NULL;
    }
    sqlite3_busy_timeout(c->db, 10000);
    char msg[256];
    /* The first statement reads the file: a file that is not a database fails here. */
    if (sqlite_exec(c, "PRAGMA journal_mode=WAL", msg, sizeof msg) != PW_OK ||
        sqlite_exec(c, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON", msg, sizeof msg) != PW_OK) {
        snprintf(err, cap, "cannot open SQLite database %s: %s", path, msg);
        sqlite_close(c);
        return NULL;
    }
    return c;
}

const store_driver store_sqlite_driver = {
    .name = "sqlite",
    .dialect = STORE_SQLITE,
    .close = sqlite_close,
    .exec = sqlite_exec,
    .query = sqlite_query,
    .copy_begin = sqlite_copy_begin,
    .copy_row = sqlite_copy_row,
    .copy_end = sqlite_copy_end,
    .begin_sql = "BEGIN IMMEDIATE",
};

/*
 * store.c — the storage interface: opens a back end from a URL (a path or
 * "sqlite:PATH" → SQLite; "postgresql://" or "postgres://" → PostgreSQL),
 * applies the schema migrations, and gives the other files of the module
 * shorthands over the driver vtable (errors kept in the store, transactions).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store.h"

pw_store *pw_store_open(const char *url, pw_status *st, char *err, size_t errcap)
{
    pw_status dummy;
    char dummy_err[8];
    if (!st)
        st = &dummy;
    if (!err || !errcap) {
        err = dummy_err;
        errcap = sizeof dummy_err;
    }
    err[0] = '\0';
    if (!url || !*url) {
        snprintf(err, errcap, "no database given");
        *st = PW_ERR_ARG;
        return NULL;
    }
    pw_store *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errcap, "out of memory");
        *st = PW_ERR_NOMEM;
        return NULL;
    }
    if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0) {
        s->drv = &store_postgres_driver;
        s->conn = store_postgres_open(url, err, errcap);
    } else {
        const char *path = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
        s->drv = &store_sqlite_driver;
        s->conn = *path ? store_sqlite_open(path, err, errcap) : NULL;
        if (!*path)
            snprintf(err, errcap, "no SQLite database path in '%s'", url);
    }
    if (!s->conn) {
        free(s);
        *st = PW_ERR_DB;
        return NULL;
    }
    *st = store_migrate(s);
    if (*st != PW_OK) {
        snprintf(err, errcap, "%s", s->err);
        pw_store_close(s);
        return NULL;
    }
    return s;
}

void pw_store_close(pw_store *s)
{
    if (!s)
        return;
    if (s->in_tx)
        store_rollback(s);
    s->drv->close(s->conn);
    free(s);
}

const char *pw_store_backend(const pw_store *s)
{
    return s->drv->name;
}

int pw_store_schema_version(const pw_store *s)
{
    return s->schema_version;
}

const char *pw_store_error(const pw_store *s)
{
    return s->err;
}

pw_status store_fail(pw_store *s, pw_status st, const char *fmt, ...)
{
    char buf[sizeof s->err];   /* the arguments may hold s->err itself */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    memcpy(s->err, buf, sizeof buf);
    return st;
}

pw_status store_exec(pw_store *s, const char *sql)
{
    return s->drv->exec(s->conn, sql, s->err, sizeof s->err);
}

pw_status store_query(pw_store *s, const char *sql, const store_val *p, size_t np,
                      store_row_fn fn, void *ctx)
{
    return s->drv->query(s->conn, sql, p, np, fn, ctx, s->err, sizeof s->err);
}

pw_status store_begin(pw_store *s)
{
    if (s->in_tx)
        return store_fail(s, PW_ERR_ARG, "a transaction is already open on this store");
    pw_status st = store_exec(s, s->drv->begin_sql);
    if (st == PW_OK)
        s->in_tx = true;
    return st;
}

pw_status store_commit(pw_store *s)
{
    pw_status st = store_exec(s, "COMMIT");
    if (st != PW_OK) {
        char keep[sizeof s->err];
        memcpy(keep, s->err, sizeof keep);
        store_exec(s, "ROLLBACK");
        memcpy(s->err, keep, sizeof keep);
    }
    s->in_tx = false;
    return st;
}

void store_rollback(pw_store *s)
{
    char keep[sizeof s->err];
    memcpy(keep, s->err, sizeof keep);
    store_exec(s, "ROLLBACK");
    memcpy(s->err, keep, sizeof keep);
    s->in_tx = false;
}

typedef struct int_result {
    int64_t value;
    bool found;
} int_result;

static void first_int(void *ctx, const char *const *col, size_t n)
{
    int_result *r = ctx;
    if (!r->found && n > 0) {
        r->value = store_parse_int(col[0]);
        r->found = true;
    }
}

pw_status store_query_int(pw_store *s, const char *sql, const store_val *p, size_t np,
                          int64_t *out, bool *found)
{
    int_result r = {0, false};
    pw_status st = store_query(s, sql, p, np, first_int, &r);
    *out = r.value;
    if (found)
        *found = r.found;
    return st;
}

static void count_row(void *ctx, const char *const *col, size_t n)
{
    (*(size_t *)ctx)++;
}

pw_status store_query_count(pw_store *s, const char *sql, const store_val *p, size_t np,
                            size_t *count)
{
    *count = 0;
    return store_query(s, sql, p, np, count_row, count);
}

void store_copy_text(char *out, size_t cap, const char *s)
{
    snprintf(out, cap, "%s", s ? s : "");
}

int64_t store_now(int64_t now)
{
    return now ? now : (int64_t)time(NULL);
}

int64_t store_parse_int(const char *s)
{
    return s ? strtoll(s, NULL, 10) : 0;
}

int64_t store_months_before(int64_t t, int months)
{
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    tm.tm_mon -= months;
    return (int64_t)timegm(&tm);
}

pw_status pw_store_begin(pw_store *s)
{
    return store_begin(s);
}

pw_status pw_store_commit(pw_store *s)
{
    if (!s->in_tx)
        return store_fail(s, PW_ERR_ARG, "no transaction is open");
    return store_commit(s);
}

void pw_store_rollback(pw_store *s)
{
    if (s->in_tx)
        store_rollback(s);
}

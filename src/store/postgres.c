/*
 * postgres.c — the PostgreSQL back end of the storage interface (libpq). The
 * shared SQL is written with '?' placeholders; they become $1..$n here.
 * Statements are prepared once per connection and kept by their text; bulk
 * inserts use COPY ... FROM STDIN (text format). Parameters travel as text
 * and the server infers their types from the statement.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "store.h"

enum { PG_CACHE = 64, PG_COPY_CHUNK = 1 << 16 };

typedef struct pg_stmt {
    char *sql;
    char name[16];
} pg_stmt;

typedef struct pg_conn {
    PGconn *pg;
    pg_stmt cache[PG_CACHE];
    size_t n_cache;
    char *copy_buf;
    size_t copy_len;
} pg_conn;

/* The first line of libpq's message (the rest is detail and hints). */
static void set_err(char *err, size_t cap, const char *what, const char *msg)
{
    size_t n = strcspn(msg, "\n");
    snprintf(err, cap, "%s%s%.*s", what, *what ? ": " : "", (int)n, msg);
}

static void pg_close(void *p)
{
    pg_conn *c = p;
    if (!c)
        return;
    for (size_t i = 0; i < c->n_cache; i++)
        free(c->cache[i].sql);
    free(c->copy_buf);
    PQfinish(c->pg);
    free(c);
}

static pw_status pg_exec(void *p, const char *sql, char *err, size_t cap)
{
    pg_conn *c = p;
    PGresult *r = PQexec(c->pg, sql);
    ExecStatusType st = PQresultStatus(r);
    pw_status status = PW_OK;
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        set_err(err, cap, "", PQerrorMessage(c->pg));
        status = PW_ERR_DB;
    }
    PQclear(r);
    return status;
}

/* '?' → $n, outside quoted literals. Returns a malloc'd string. */
static char *number_placeholders(const char *sql)
{
    size_t len = strlen(sql);
    char *out = malloc(len * 4 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    int n = 0;
    bool quoted = false;
    for (const char *s = sql; *s; s++) {
        if (*s == '\'')
            quoted = !quoted;
        if (*s == '?' && !quoted)
            o += (size_t)sprintf(out + o, "$%d", ++n);
        else
            out[o++] = *s;
    }
    out[o] = '\0';
    return out;
}

/* The name of the prepared statement for sql, preparing it on first use;
 * NULL with *text set when the cache is full (run it unprepared). */
static const char *prepare(pg_conn *c, const char *sql, char **text, pw_status *st, char *err,
                           size_t cap)
{
    *text = NULL;
    *st = PW_OK;
    for (size_t i = 0; i < c->n_cache; i++)
        if (strcmp(c->cache[i].sql, sql) == 0)
            return c->cache[i].name;
    char *numbered = number_placeholders(sql);
    if (!numbered) {
        *st = PW_ERR_NOMEM;
        snprintf(err, cap, "out of memory");
        return NULL;
    }
    if (c->n_cache == PG_CACHE) {
        *text = numbered;
        return NULL;
    }
    pg_stmt *ps = &c->cache[c->n_cache];
    snprintf(ps->name, sizeof ps->name, "pw%zu", c->n_cache);
    PGresult *r = PQprepare(c->pg, ps->name, numbered, 0, NULL);
    free(numbered);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        set_err(err, cap, "prepare", PQerrorMessage(c->pg));
        PQclear(r);
        *st = PW_ERR_DB;
        return NULL;
    }
    PQclear(r);
    ps->sql = strdup(sql);
    if (!ps->sql) {
        *st = PW_ERR_NOMEM;
        return NULL;
    }
    c->n_cache++;
    return ps->name;
}

/* Formats parameters as text into one buffer; values[i] point into it. */
static char *format_params(const store_val *p, size_t np, const char **values)
{
    char *buf = malloc(np * 32 + 1);
    if (!buf)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < np; i++) {
        switch (p[i].type) {
        case STORE_INT:
            values[i] = buf + o;
            o += (size_t)sprintf(buf + o, "%lld", (long long)p[i].i) + 1;
            break;
        case STORE_REAL:
            values[i] = buf + o;
            o += (size_t)sprintf(buf + o, "%.17g", p[i].r) + 1;
            break;
        case STORE_TEXT: values[i] = p[i].s; break;
        default: values[i] = NULL; break;
        }
    }
    return buf;
}

static pw_status pg_query(void *p, const char *sql, const store_val *v, size_t np,
                          store_row_fn fn, void *ctx, char *err, size_t cap)
{
    pg_conn *c = p;
    pw_status status;
    char *text;
    const char *name = prepare(c, sql, &text, &status, err, cap);
    if (status != PW_OK)
        return status;
    const char **values = calloc(np ? np : 1, sizeof *values);
    char *buf = values ? format_params(v, np, values) : NULL;
    if (!buf) {
        free(values);
        free(text);
        snprintf(err, cap, "out of memory");
        return PW_ERR_NOMEM;
    }
    PGresult *r = name ? PQexecPrepared(c->pg, name, (int)np, values, NULL, NULL, 0)
                       : PQexecParams(c->pg, text, (int)np, NULL, values, NULL, NULL, 0);
    free(text);
    free(values);
    free(buf);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        set_err(err, cap, "", PQerrorMessage(c->pg));
        PQclear(r);
        return PW_ERR_DB;
    }
    if (fn) {
        int rows = PQntuples(r), cols = PQnfields(r);
        if (cols > 64)
            cols = 64;
        const char *row[64];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++)
                row[j] = PQgetisnull(r, i, j) ? NULL : PQgetvalue(r, i, j);
            fn(ctx, row, (size_t)cols);
        }
    }
    PQclear(r);
    return PW_OK;
}

static pw_status pg_copy_begin(void *p, const char *table, const char *const *cols, size_t n,
                               char *err, size_t cap)
{
    pg_conn *c = p;
    char sql[1024];
    size_t len = (size_t)snprintf(sql, sizeof sql, "COPY %s (", table);
    for (size_t i = 0; i < n && len < sizeof sql; i++)
        len += (size_t)snprintf(sql + len, sizeof sql - len, "%s%s", i ? "," : "", cols[i]);
    if (len < sizeof sql)
        snprintf(sql + len, sizeof sql - len, ") FROM STDIN");
    PGresult *r = PQexec(c->pg, sql);
    if (PQresultStatus(r) != PGRES_COPY_IN) {
        set_err(err, cap, "copy", PQerrorMessage(c->pg));
        PQclear(r);
        return PW_ERR_DB;
    }
    PQclear(r);
    if (!c->copy_buf && !(c->copy_buf = malloc(PG_COPY_CHUNK * 2))) {
        snprintf(err, cap, "out of memory");
        return PW_ERR_NOMEM;
    }
    c->copy_len = 0;
    return PW_OK;
}

static pw_status flush_copy(pg_conn *c, char *err, size_t cap)
{
    if (c->copy_len && PQputCopyData(c->pg, c->copy_buf, (int)c->copy_len) != 1) {
        set_err(err, cap, "copy", PQerrorMessage(c->pg));
        return PW_ERR_DB;
    }
    c->copy_len = 0;
    return PW_OK;
}

/* Appends bytes to the COPY buffer, flushing when it is full. */
static pw_status put(pg_conn *c, const char *s, size_t n, char *err, size_t cap)
{
    while (n) {
        if (c->copy_len >= PG_COPY_CHUNK * 2 - 1 && flush_copy(c, err, cap) != PW_OK)
            return PW_ERR_DB;
        size_t room = PG_COPY_CHUNK * 2 - c->copy_len;
        size_t k = n < room ? n : room;
        memcpy(c->copy_buf + c->copy_len, s, k);
        c->copy_len += k;
        s += k;
        n -= k;
    }
    return PW_OK;
}

/* COPY text format: backslash, tab, newline and carriage return escaped. */
static pw_status put_text(pg_conn *c, const char *s, char *err, size_t cap)
{
    const char *run = s;
    for (; *s; s++) {
        const char *esc = NULL;
        switch (*s) {
        case '\\': esc = "\\\\"; break;
        case '\t': esc = "\\t"; break;
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        default: continue;
        }
        if (put(c, run, (size_t)(s - run), err, cap) != PW_OK || put(c, esc, 2, err, cap) != PW_OK)
            return PW_ERR_DB;
        run = s + 1;
    }
    return put(c, run, (size_t)(s - run), err, cap);
}

static pw_status pg_copy_row(void *p, const store_val *v, size_t n, char *err, size_t cap)
{
    pg_conn *c = p;
    char num[32];
    for (size_t i = 0; i < n; i++) {
        pw_status st = i ? put(c, "\t", 1, err, cap) : PW_OK;
        if (st != PW_OK)
            return st;
        switch (v[i].type) {
        case STORE_INT:
            st = put(c, num, (size_t)snprintf(num, sizeof num, "%lld", (long long)v[i].i), err, cap);
            break;
        case STORE_REAL:
            st = put(c, num, (size_t)snprintf(num, sizeof num, "%.17g", v[i].r), err, cap);
            break;
        case STORE_TEXT: st = put_text(c, v[i].s, err, cap); break;
        default: st = put(c, "\\N", 2, err, cap); break;
        }
        if (st != PW_OK)
            return st;
    }
    pw_status st = put(c, "\n", 1, err, cap);
    if (st == PW_OK && c->copy_len >= PG_COPY_CHUNK)
        st = flush_copy(c, err, cap);
    return st;
}

static pw_status pg_copy_end(void *p, bool ok, char *err, size_t cap)
{
    pg_conn *c = p;
    pw_status status = ok ? flush_copy(c, err, cap) : PW_ERR_DB;
    if (PQputCopyEnd(c->pg, status == PW_OK ? NULL : "aborted") != 1 && status == PW_OK) {
        set_err(err, cap, "copy", PQerrorMessage(c->pg));
        status = PW_ERR_DB;
    }
    PGresult *r;
    while ((r = PQgetResult(c->pg)) != NULL) {
        if (PQresultStatus(r) != PGRES_COMMAND_OK && status == PW_OK) {
            set_err(err, cap, "copy", PQerrorMessage(c->pg));
            status = PW_ERR_DB;
        }
        PQclear(r);
    }
    return ok ? status : PW_ERR_DB;
}

void *store_postgres_open(const char *url, char *err, size_t cap)
{
    pg_conn *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(err, cap, "out of memory");
        return NULL;
    }
    const char *keys[] = {"dbname", "connect_timeout", "application_name", NULL};
    const char *vals[] = {url, "10", "paxwatch", NULL};
    c->pg = PQconnectdbParams(keys, vals, 1);
    if (!c->pg || PQstatus(c->pg) != CONNECTION_OK) {
        set_err(err, cap, "cannot connect to PostgreSQL",
                c->pg ? PQerrorMessage(c->pg) : "out of memory");
        pg_close(c);
        return NULL;
    }
    char msg[256];
    if (pg_exec(c, "SET client_min_messages = warning; SET TIME ZONE 'UTC'", msg, sizeof msg) != PW_OK) {
        snprintf(err, cap, "cannot use PostgreSQL database: %s", msg);
        pg_close(c);
        return NULL;
    }
    return c;
}

const store_driver store_postgres_driver = {
    .name = "postgresql",
    .dialect = STORE_POSTGRES,
    .close = pg_close,
    .exec = pg_exec,
    .query = pg_query,
    .copy_begin = pg_copy_begin,
    .copy_row = pg_copy_row,
    .copy_end = pg_copy_end,
    .begin_sql = "BEGIN",
};

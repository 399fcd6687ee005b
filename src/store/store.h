/*
 * store.h — internal interface of the storage module: the driver vtable that
 * each back end (sqlite.c, postgres.c) fills in, the parameter values it
 * binds, and helpers shared by the files that hold the storage logic
 * (lists.c, ingest.c, review.c, retention.c). The logic is written once in
 * the SQL both dialects share; only the schema DDL and the bulk path differ.
 */
#ifndef PW_STORE_H
#define PW_STORE_H

#include "paxwatch.h"

typedef enum store_type { STORE_NULL = 0, STORE_INT, STORE_REAL, STORE_TEXT } store_type;

/* One bound parameter. Text NULL binds SQL NULL. */
typedef struct store_val {
    store_type type;
    int64_t i;
    double r;
    const char *s;
} store_val;

static inline store_val sv_int(int64_t i) { return (store_val){STORE_INT, i, 0, NULL}; }
static inline store_val sv_real(double r) { return (store_val){STORE_REAL, 0, r, NULL}; }
static inline store_val sv_text(const char *s) { return (store_val){s ? STORE_TEXT : STORE_NULL, 0, 0, s}; }
static inline store_val sv_null(void) { return (store_val){STORE_NULL, 0, 0, NULL}; }
/* Integer, or NULL when zero (unknown times). */
static inline store_val sv_int_or_null(int64_t i) { return i ? sv_int(i) : sv_null(); }

/* One result row: column values as text, NULL for SQL NULL. */
typedef void (*store_row_fn)(void *ctx, const char *const *col, size_t n);

enum { STORE_SQLITE = 0, STORE_POSTGRES = 1 };

typedef struct store_driver {
    const char *name;
    int dialect;
    void (*close)(void *conn);
    /* Runs one or more statements without parameters. */
    pw_status (*exec)(void *conn, const char *sql, char *err, size_t cap);
    /* Runs one statement, '?' placeholders bound to p; rows go to fn (may be NULL). */
    pw_status (*query)(void *conn, const char *sql, const store_val *p, size_t np,
                       store_row_fn fn, void *ctx, char *err, size_t cap);
    /* Bulk insert into table (columns cols): begin, rows, end. */
    pw_status (*copy_begin)(void *conn, const char *table, const char *const *cols, size_t n,
                            char *err, size_t cap);
    pw_status (*copy_row)(void *conn, const store_val *v, size_t n, char *err, size_t cap);
    pw_status (*copy_end)(void *conn, bool ok, char *err, size_t cap);
    const char *begin_sql;   /* "BEGIN IMMEDIATE" / "BEGIN" */
} store_driver;

struct pw_store {
    const store_driver *drv;
    void *conn;
    int schema_version;
    bool in_tx;
    char err[512];
};

/* Back ends: open a connection or fill err with one line. */
void *store_sqlite_open(const char *path, char *err, size_t cap);
void *store_postgres_open(const char *url, char *err, size_t cap);
extern const store_driver store_sqlite_driver;
extern const store_driver store_postgres_driver;

/* Schema migrations (schema.c). */
pw_status store_migrate(pw_store *s);

/* Shorthands over the driver that keep the error in s->err. */
pw_status store_exec(pw_store *s, const char *sql);
pw_status store_query(pw_store *s, const char *sql, const store_val *p, size_t np,
                      store_row_fn fn, void *ctx);
pw_status store_begin(pw_store *s);
pw_status store_commit(pw_store *s);
void store_rollback(pw_store *s);
/* Sets s->err from a format; returns st. */
pw_status store_fail(pw_store *s, pw_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A query's first column of its first row as an integer (*found false if no row). */
pw_status store_query_int(pw_store *s, const char *sql, const store_val *p, size_t np,
                          int64_t *out, bool *found);
/* Counts the rows a statement returns (use RETURNING for UPDATE/DELETE). */
pw_status store_query_count(pw_store *s, const char *sql, const store_val *p, size_t np,
                            size_t *count);

/* Copies a column (NULL → "") into a fixed buffer, truncating. */
void store_copy_text(char *out, size_t cap, const char *s);
int64_t store_now(int64_t now);
int64_t store_parse_int(const char *s);
/* t minus months (calendar months, UTC). */
int64_t store_months_before(int64_t t, int months);

/* Entries as canonical JSON (keys sorted, compact): the stored form and the
 * input of the content hash. Returns a malloc'd string. */
char *store_entry_json(const pw_entry *e, const char *category_override);
void store_hash_hex(const char *data, size_t len, char out[33]);
/* Rebuilds an entry from its stored JSON into arena a. */
pw_status store_entry_from_json(const char *id, const char *list, const char *json, pw_arena *a,
                                pw_entry *out);

/* review.c: what a hit of a pair with an earlier decision becomes. */
pw_raise review_decide(const char *decision, const char *decided_hash, const char *entry_hash);

#endif

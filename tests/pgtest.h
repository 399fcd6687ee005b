/*
 * pgtest.h — a private PostgreSQL server for the storage tests: initdb in a
 * temporary folder, started on 127.0.0.1 with a free port (its socket in the
 * same folder), stopped and removed at exit. The binaries are Debian's
 * (/usr/lib/postgresql/VERSION/bin, or PW_PG_BINDIR); as root the server runs
 * as the "postgres" user (or "nobody"), as PostgreSQL refuses to run as root.
 */
#ifndef PW_PGTEST_H
#define PW_PGTEST_H

#include <stdbool.h>
#include <stddef.h>

/* Starts the server once per process. Returns false with a message in err. */
bool pgtest_start(char *err, size_t cap);
/* Creates a fresh database and writes its URL (postgresql://...) to url. */
bool pgtest_new_database(char *url, size_t cap, char *err, size_t errcap);
/* The URL of a server that is not listening (for "PostgreSQL is down"). */
void pgtest_down_url(char *url, size_t cap);
/* Stops the server and removes its folder (also done at exit). */
void pgtest_stop(void);

struct CMUnitTest;
/* Starts PostgreSQL, runs the cmocka group on it and stops it; returns the
 * number of failures. A server that cannot start is a failure, not a skip:
 * PostgreSQL is part of the project's setup (make deps). */
int pgtest_run_group(const char *name, const struct CMUnitTest *tests, size_t n);
#define PGTEST_RUN_GROUP(name, tests) pgtest_run_group(name, tests, sizeof(tests) / sizeof((tests)[0]))

#endif

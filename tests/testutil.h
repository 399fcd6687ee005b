/*
 * testutil.h — helpers shared by the unit tests: paths of the bundled data
 * and running the real paxwatch command with its output captured.
 */
#ifndef PW_TESTUTIL_H
#define PW_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "paxwatch.h"

/* PW_DATA_DIR "/" rel, in a static buffer rotated over 8 calls. */
const char *test_data(const char *rel);

typedef struct test_run {
    int status;          /* exit status, -1 if it did not exit */
    char *out;           /* stdout, NUL-terminated (free with test_run_free) */
    char *err;           /* stderr */
} test_run;

/* Runs "paxwatch ARGS" through /bin/sh (args is a shell fragment), with
 * stdin_text (or /dev/null) on standard input. */
test_run test_paxwatch(const char *args, const char *stdin_text);
void test_run_free(test_run *r);

/* Counts lines in s. */
size_t test_count_lines(const char *s);

/* A fresh temporary directory (removed at exit by the caller's choice). */
const char *test_tmpdir(void);

#endif

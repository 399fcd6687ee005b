/*
 * bench_store.c — storage figures: a list of N synthetic entries (default
 * 1,000,000) imported as a new version, then re-imported with 1% changed,
 * into SQLite (a temporary file) or the database given as the first argument;
 * then the delta of the second version read back whole (what retro-screening
 * reads). Prints times; asserts nothing.
 *
 *   bench_store [URL [N]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "paxwatch.h"

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void count_delta(void *ctx, const pw_entry *e, pw_change c)
{
    (void)e;
    (void)c;
    (*(size_t *)ctx)++;
}

int main(int argc, char **argv)
{
    char path[256];
    const char *url = argc > 1 ? argv[1] : NULL;
    size_t n = argc > 2 ? strtoul(argv[2], NULL, 10) : 1000000;
    if (!url) {
        snprintf(path, sizeof path, "/tmp/pwbench.%d.db", (int)getpid());
        url = path;
    }
    pw_status st;
    char err[512];
    pw_store *s = pw_store_open(url, &st, err, sizeof err);
    if (!s) {
        fprintf(stderr, "bench_store: %s\n", err);
        return 1;
    }
    pw_arena *a = pw_arena_new();
    pw_entry *e = calloc(n, sizeof *e);
    const pw_entry **p = calloc(n, sizeof *p);
    pw_date *dobs = calloc(n, sizeof *dobs);
    const char **names = calloc(n, sizeof *names);
    if (!a || !e || !p || !dobs || !names)
        return 1;
    for (size_t i = 0; i < n; i++) {
        char buf[64];
        snprintf(buf, sizeof buf, "E%zu", i);
        e[i].id = pw_arena_strdup(a, buf);
        snprintf(buf, sizeof buf, "SURNAME%zu GIVEN%zu", i % 50000, i % 997);
        names[i] = pw_arena_strdup(a, buf);
        e[i].names = &names[i];
        e[i].n_names = 1;
        dobs[i] = (pw_date){(int16_t)(1940 + i % 60), (uint8_t)(1 + i % 12), (uint8_t)(1 + i % 28)};
        e[i].dobs = &dobs[i];
        e[i].n_dobs = 1;
        e[i].category = PW_CAT_WANTED;
        p[i] = &e[i];
    }
    pw_list_delta d;
    double t = seconds();
    st = pw_store_import_entries(s, "bench", NULL, p, n, NULL, 0, &d);
    double first = seconds() - t;
    if (st != PW_OK) {
        fprintf(stderr, "bench_store: import: %s\n", pw_store_error(s));
        return 1;
    }
    for (size_t i = 0; i < n; i += 100)
        dobs[i].year++;
    t = seconds();
    st = pw_store_import_entries(s, "bench", NULL, p, n, NULL, 0, &d);
    double second = seconds() - t;
    if (st != PW_OK) {
        fprintf(stderr, "bench_store: re-import: %s\n", pw_store_error(s));
        return 1;
    }
    size_t delta = 0;
    t = seconds();
    st = pw_store_list_delta_entries(s, "bench", d.version, count_delta, &delta);
    double read = seconds() - t;
    if (st != PW_OK) {
        fprintf(stderr, "bench_store: delta: %s\n", pw_store_error(s));
        return 1;
    }
    printf("store %s: import %zu entries %.1f s (%.0f/s); re-import, %zu changed: %.1f s;"
           " delta read back, %zu entries: %.3f s\n",
           pw_store_backend(s), n, first, n / first, d.changed, second, delta, read);
    pw_store_close(s);
    if (url == path) {
        unlink(path);
        char side[300];
        snprintf(side, sizeof side, "%s-wal", path);
        unlink(side);
        snprintf(side, sizeof side, "%s-shm", path);
        unlink(side);
    }
    pw_arena_free(a);
    free(e);
    free(p);
    free(dobs);
    free(names);
    return 0;
}

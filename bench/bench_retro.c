/*
 * bench_retro.c — retro-screening figures: N stored travelers (default
 * 1,000,000, received over the last 20 days) screened against the 1,000
 * entries a new list version adds (pw_store_retro_screen), in SQLite (a
 * temporary file) or the database given as the first argument. Prints what
 * it measured: the time to store the travelers, the time of the retro run
 * and its rate; asserts nothing.
 *
 *   bench_retro [URL [N [ENTRIES]]]     (URL "" for a temporary SQLite file)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "paxwatch.h"

enum { PER_MESSAGE = 1000 };

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A surname of letters only for number i: three syllables of 32. */
static void surname(size_t i, char out[16])
{
    static const char cons[] = "BDFGHKLMNPRSTVWZ", vow[] = "AEIOUY";
    size_t k = (i * 2654435761u) % (16 * 6 * 16 * 6 * 16 * 6);
    for (int j = 0; j < 3; j++) {
        out[2 * j] = cons[k % 16];
        k /= 16;
        out[2 * j + 1] = vow[k % 6];
        k /= 6;
    }
    out[6] = '\0';
}

static const char *const given[] = {"ANNA", "PETER", "MARIA", "JOHN", "FATIMA", "WEI", "OLGA", "CARLOS",
                                    "AMIR", "SOFIA", "HANS", "LEILA", "IVAN", "GRACE", "OMAR", "NINA"};

int main(int argc, char **argv)
{
    char path[256];
    const char *url = argc > 1 && argv[1][0] ? argv[1] : NULL;
    size_t n = argc > 2 ? strtoul(argv[2], NULL, 10) : 1000000;
    size_t n_entries = argc > 3 ? strtoul(argv[3], NULL, 10) : 1000;
    if (!url) {
        snprintf(path, sizeof path, "/tmp/pwbench-retro.%d.db", (int)getpid());
        url = path;
    }
    pw_status st;
    char err[512];
    pw_store *s = pw_store_open(url, &st, err, sizeof err);
    if (!s) {
        fprintf(stderr, "bench_retro: %s\n", err);
        return 1;
    }
    int64_t now = (int64_t)time(NULL);

    /* The travelers, in messages of PER_MESSAGE, spread over 20 days. */
    double t = seconds();
    char name[16], ref[32], id[32];
    for (size_t first = 0; first < n; first += PER_MESSAGE) {
        snprintf(ref, sizeof ref, "BENCH%zu", first / PER_MESSAGE);
        int64_t at = now - 20 * 86400 + (int64_t)(first * (20.0 * 86400 / (double)n));
        pw_ingest_info info = {.sender = "XX", .interchange_ref = ref, .received_at = at};
        int64_t ingest;
        bool already;
        if (pw_store_begin_ingest(s, &info, &ingest, &already) != PW_OK) {
            fprintf(stderr, "bench_retro: %s\n", pw_store_error(s));
            return 1;
        }
        if (already)
            continue;
        for (size_t i = first; i < n && i < first + PER_MESSAGE; i++) {
            surname(i, name);
            snprintf(id, sizeof id, "P%zu", i);
            pw_leg leg = {.carrier = "XX", .flight = "XX100", .dep_airport = "FRA", .arr_airport = "JFK",
                          .dep_time = at, .arr_time = at + 3600};
            pw_traveler tr = {.id = id, .surname = name, .given_names = given[i % 16],
                              .dob = {(int16_t)(1940 + i % 60), (uint8_t)(1 + i % 12), (uint8_t)(1 + i % 28)},
                              .legs = &leg, .n_legs = 1};
            int64_t tid;
            if (pw_store_save_traveler(s, ingest, &tr, &tid) != PW_OK) {
                fprintf(stderr, "bench_retro: %s\n", pw_store_error(s));
                return 1;
            }
        }
        if (pw_store_commit_ingest(s, ingest, 0) != PW_OK) {
            fprintf(stderr, "bench_retro: %s\n", pw_store_error(s));
            return 1;
        }
    }
    double stored = seconds() - t;

    /* Version 2 of a list adds n_entries entries: one in a hundred is a
     * stored traveler, the others are names no one carries. */
    pw_arena *a = pw_arena_new();
    pw_entry *e = calloc(n_entries + 1, sizeof *e);
    const pw_entry **p = calloc(n_entries + 1, sizeof *p);
    const char **names = calloc(n_entries + 1, sizeof *names);
    pw_date *dobs = calloc(n_entries + 1, sizeof *dobs);
    if (!a || !e || !p || !names || !dobs)
        return 1;
    for (size_t k = 0; k <= n_entries; k++) {
        char buf[64];
        snprintf(buf, sizeof buf, "R%zu", k);
        e[k].id = pw_arena_strdup(a, buf);
        size_t i = k % 100 == 0 && n ? (k * 7919) % n : n + k * 13;
        surname(i, name);
        snprintf(buf, sizeof buf, "%s %s", i < n ? given[i % 16] : "QUIRINUS", name);
        names[k] = pw_arena_strdup(a, buf);
        e[k].names = &names[k];
        e[k].n_names = 1;
        dobs[k] = (pw_date){(int16_t)(1940 + i % 60), (uint8_t)(1 + i % 12), (uint8_t)(1 + i % 28)};
        e[k].dobs = &dobs[k];
        e[k].n_dobs = 1;
        e[k].category = PW_CAT_WANTED;
        p[k] = &e[k];
    }
    pw_list_delta d;
    /* Version 1 holds one entry; version 2 adds the others. */
    if (pw_store_import_entries(s, "retro-bench", NULL, p, 1, NULL, now, &d) != PW_OK ||
        pw_store_import_entries(s, "retro-bench", NULL, p, n_entries + 1, NULL, now, &d) != PW_OK) {
        fprintf(stderr, "bench_retro: import: %s\n", pw_store_error(s));
        return 1;
    }
    t = seconds();
    pw_retro_report r;
    st = pw_store_retro_screen(s, "retro-bench", d.version, 30, PW_DEFAULT_THRESHOLD, now, &r);
    double retro = seconds() - t;
    if (st != PW_OK) {
        fprintf(stderr, "bench_retro: %s\n", pw_store_error(s));
        return 1;
    }
    printf("retro %s: stored %zu travelers in %.1f s; retro-screened %zu travelers against %zu new entries"
           " in %.1f s (%.0f travelers/s): %zu hits, %zu alerts\n",
           pw_store_backend(s), n, stored, r.travelers, r.entries, retro, r.travelers / (retro > 0 ? retro : 1e-9),
           r.hits, r.alerts);
    pw_store_close(s);
    if (url == path) {
        char rm[300];
        snprintf(rm, sizeof rm, "%s-wal", path);
        unlink(rm);
        snprintf(rm, sizeof rm, "%s-shm", path);
        unlink(rm);
        unlink(path);
    }
    free(e);
    free(p);
    free(names);
    free(dobs);
    pw_arena_free(a);
    return 0;
}

/*
 * fuzz_watchlist.c — libFuzzer harness for loading watchlists in every
 * format (pw_watchlist_load: detection, watchlist CSV and JSON Lines, OFAC
 * SDN CSV, UN consolidated XML), then indexing what was loaded and
 * screening a few travelers against it: whatever a list holds, the index
 * is built and answers. The loader reads a path, so the input is handed to
 * it as an anonymous in-memory file. Seeded with data/unit-watchlist.csv and
 * the heads of the real lists.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const pw_traveler travelers[] = {
    {.id = "T1", .surname = "NGUYEN", .given_names = "VAN SON", .dob = {1985, 3, 7}},
    {.id = "T2", .name = "AL-FITOURI AHMAD", .sex = 'M'},
    {.id = "T3", .surname = "KIM", .given_names = "JONG UN", .dob = {1984, 0, 0}},
    {.id = "T4", .name = "SMITH/JOHN MR"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("fuzz-list", 0);
    if (fd < 0)
        abort();
    if (size && write(fd, data, size) != (ssize_t)size)
        abort();
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    pw_watchlist *w = pw_watchlist_new();
    if (!w)
        abort();
    pw_load_stats stats;
    pw_status st = pw_watchlist_load(w, path, "fuzz", fuzz_ignore, NULL, &stats);
    close(fd);
    if (st != PW_OK && st != PW_ERR_REJECTS && st != PW_ERR_FORMAT)
        abort();
    if (stats.entries != pw_watchlist_count(w))
        abort();
    const pw_watchlist *lists[1] = {w};
    pw_index *ix = NULL;
    if (pw_index_build(lists, 1, &ix) != PW_OK)
        abort();
    pw_screener *s = pw_screener_new(ix);
    if (!s)
        abort();
    for (size_t i = 0; i < sizeof travelers / sizeof *travelers; i++) {
        const pw_hit *hits;
        size_t n;
        if (pw_screen(s, &travelers[i], 0.5, &hits, &n) != PW_OK)
            abort();
        for (size_t h = 0; h < n; h++)
            if (!(hits[h].score >= 0.5 && hits[h].score <= 1.0) || !hits[h].entry->id)
                abort();
    }
    pw_screener_free(s);
    pw_index_free(ix);
    pw_watchlist_free(w);
    return 0;
}

/*
 * fuzz_travelers.c — libFuzzer harness for reading travelers in every format
 * (pw_read_travelers: detection, travelers CSV and JSON Lines, PAXLST,
 * PNRGOV) and for screening what was read: each traveler's name, dates and
 * documents, whatever their bytes, go through folding, splitting and the
 * index against a small list that holds names of several scripts.
 * Seeded with data/travelers-sample.csv and the samples.
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Names of several scripts and forms: Latin, Arabic in Latin letters, Han,
 * Hangul, Cyrillic, a name with an alias. */
static const char *const list_names[][2] = {
    {"NGUYEN VAN SON", NULL},     {"Ahmad Oumar al-Fitouri", "ABU ALI"}, {"王小明", NULL},
    {"김정은", NULL},             {"Юрий Алексеевич Гагарин", NULL},   {"SMITH, JOHN PAUL", "SMITH JACK"},
};

static pw_index *fuzz_index(void)
{
    static pw_index *ix;
    static pw_watchlist *w;                  /* kept for the process: the index points into it */
    if (ix)
        return ix;
    w = pw_watchlist_new();
    for (size_t i = 0; w && i < sizeof list_names / sizeof *list_names; i++) {
        char id[8];
        snprintf(id, sizeof id, "W%zu", i + 1);
        const char *names[2] = {list_names[i][0], list_names[i][1]};
        pw_date dob = {(int16_t)(1960 + i), 0, 0};
        pw_entry e = {.id = id, .list = "fuzz", .category = PW_CAT_WANTED, .names = names,
                      .n_names = names[1] ? 2 : 1, .dobs = i % 2 ? &dob : NULL, .n_dobs = i % 2};
        if (pw_watchlist_add(w, &e) != PW_OK)
            abort();
    }
    const pw_watchlist *lists[1] = {w};
    if (!w || pw_index_build(lists, 1, &ix) != PW_OK)
        abort();
    return ix;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static pw_screener *s;
    if (!s && !(s = pw_screener_new(fuzz_index())))
        abort();
    char *buf = malloc(size + 1);
    if (!buf)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';
    pw_batch *b = pw_batch_new();
    if (!b)
        abort();
    pw_status st = pw_read_travelers("fuzz", buf, size, b, fuzz_ignore, NULL);
    if (st != PW_OK && st != PW_ERR_REJECTS && st != PW_ERR_FORMAT)
        abort();
    for (size_t i = 0; i < b->n; i++) {
        const pw_hit *hits;
        size_t n;
        if (pw_screen(s, &b->travelers[i], 0.5, &hits, &n) != PW_OK)
            abort();
        for (size_t h = 0; h < n; h++)
            if (!(hits[h].score >= 0.5 && hits[h].score <= 1.0))
                abort();
    }
    pw_batch_free(b);
    free(buf);
    return 0;
}

/*
 * bench_rules.c — speed of the risk rules: compiles rule files (by default
 * the shipped examples in rules/, run from the source directory) into one
 * ruleset and evaluates it over synthetic travelers (bookings of one to
 * four people, one to four legs, mixed payment, minors, watchlist hits).
 * Prints compile time and rule evaluations per second on one core; asserts
 * nothing.
 *
 *   bench_rules [FILE.rules ...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "paxwatch.h"

#define N_BOOKINGS 2000
#define PER_BOOKING 4

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *const default_files[] = {
    "rules/angel-watch.rules", "rules/trafficking.rules", "rules/route.rules", "rules/co-traveler.rules",
};

/* Reads and joins the rule files into one text. */
static char *read_all(int n, const char *const *files)
{
    size_t len = 0;
    char *all = calloc(1, 1);
    for (int i = 0; i < n && all; i++) {
        char *data;
        size_t dlen;
        if (pw_read_file(files[i], &data, &dlen) != PW_OK) {
            fprintf(stderr, "bench_rules: cannot read %s (run from the source directory)\n", files[i]);
            free(all);
            return NULL;
        }
        char *grown = realloc(all, len + dlen + 2);
        if (!grown) {
            free(data);
            free(all);
            return NULL;
        }
        all = grown;
        memcpy(all + len, data, dlen);
        len += dlen;
        all[len++] = '\n';
        all[len] = 0;
        free(data);
    }
    return all;
}

typedef struct world {
    pw_leg legs[N_BOOKINGS][4];
    pw_booking bookings[N_BOOKINGS];
    pw_traveler travelers[N_BOOKINGS][PER_BOOKING];
    pw_rule_subject subjects[N_BOOKINGS][PER_BOOKING];
    size_t n_travelers[N_BOOKINGS];
    pw_hit hits[2];
    pw_entry entries[2];
} world;

static const char *const airports[] = {"LHR", "JFK", "IST", "DXB", "FRA", "BOG", "MEX", "CUN", "KWI", "YVR",
                                       "CDG", "AMS", "DOH", "ATL", "LAX", "NRT"};
static const char *const surnames[] = {"SMITH", "NGUYEN", "GARCIA", "IVANOV", "KUMAR", "MULLER"};
static const char *phones[] = {"+441753637285", "+15555555555", "+4969123456"};

static void build(world *w)
{
    unsigned seed = 12345;
    int64_t base = 1700000000;
    w->entries[0] = (pw_entry){.id = "E1", .list = "register", .category = PW_CAT_SEX_OFFENDER};
    w->entries[1] = (pw_entry){.id = "E2", .list = "interpol", .category = PW_CAT_WANTED};
    w->hits[0] = (pw_hit){.entry = &w->entries[0], .score = 0.9};
    w->hits[1] = (pw_hit){.entry = &w->entries[1], .score = 0.85};
    for (size_t b = 0; b < N_BOOKINGS; b++) {
        seed = seed * 1103515245 + 12345;
        size_t n_legs = 1 + (seed >> 8) % 4;
        int64_t t = base + (int64_t)((seed >> 4) % 1000) * 3600;
        for (size_t l = 0; l < n_legs; l++) {
            pw_leg *leg = &w->legs[b][l];
            seed = seed * 1103515245 + 12345;
            const char *from = l ? w->legs[b][l - 1].arr_airport : airports[(seed >> 9) % 16];
            const char *to = airports[(seed >> 13) % 16];
            memcpy(leg->dep_airport, from, 4);
            memcpy(leg->arr_airport, to, 4);
            leg->carrier = "XX";
            leg->flight = "XX100";
            leg->dep_time = t;
            leg->arr_time = t + 6 * 3600;
            t += (int64_t)(12 + (seed >> 17) % 100) * 3600;
        }
        pw_booking *bk = &w->bookings[b];
        bk->locator = "ABC123";
        bk->created = w->legs[b][0].dep_time - (int64_t)((seed >> 5) % 200) * 3600;
        bk->payment_type = (seed >> 3) % 3 ? "CC" : "CA";
        bk->card_hash = "ffee";
        bk->phones = &phones[(seed >> 6) % 3];
        bk->n_phones = 1;
        bk->legs = w->legs[b];
        bk->n_legs = n_legs;
        size_t n = 1 + (seed >> 11) % PER_BOOKING;
        w->n_travelers[b] = n;
        for (size_t i = 0; i < n; i++) {
            pw_traveler *tr = &w->travelers[b][i];
            seed = seed * 1103515245 + 12345;
            tr->id = "T";
            tr->surname = surnames[(seed >> 7) % 6];
            tr->given_names = "A";
            tr->dob = (pw_date){(int16_t)(1950 + (seed >> 10) % 70), 1 + (seed >> 14) % 12, 1 + (seed >> 18) % 28};
            tr->sex = (seed >> 3) & 1 ? 'M' : 'F';
            memcpy(tr->nationality, "GBR", 4);
            tr->booking = bk;
            tr->legs = w->legs[b];
            tr->n_legs = n_legs;
            w->subjects[b][i].traveler = tr;
            if ((seed >> 20) % 50 == 0) {
                w->subjects[b][i].hits = &w->hits[(seed >> 21) & 1];
                w->subjects[b][i].n_hits = 1;
            }
        }
    }
}

int main(int argc, char **argv)
{
    int n_files = argc > 1 ? argc - 1 : (int)(sizeof default_files / sizeof *default_files);
    const char *const *files = argc > 1 ? (const char *const *)argv + 1 : default_files;
    char *text = read_all(n_files, files);
    if (!text)
        return 1;

    pw_status st;
    const int compiles = 200;
    double t0 = seconds();
    pw_ruleset *rs = NULL;
    for (int i = 0; i < compiles; i++) {
        pw_rules_free(rs);
        rs = pw_rules_compile("bench", text, strlen(text), pw_error_print, stderr, &st);
        if (!rs) {
            free(text);
            return 1;
        }
    }
    double compile_s = (seconds() - t0) / compiles;
    printf("rules: %zu rules, %zu lists, %zu bytes compiled in %.1f us\n", pw_rules_count(rs),
           pw_rules_list_count(rs), strlen(text), compile_s * 1e6);

    world *w = calloc(1, sizeof *w);
    if (!w) {
        pw_rules_free(rs);
        free(text);
        return 1;
    }
    build(w);

    pw_rule_hit hits[16];
    pw_rule_subject co[PER_BOOKING];
    size_t travelers = 0, fired = 0;
    size_t per_rule[64] = {0};
    const int passes = 50;
    t0 = seconds();
    for (int pass = 0; pass < passes; pass++) {
        for (size_t b = 0; b < N_BOOKINGS; b++) {
            for (size_t i = 0; i < w->n_travelers[b]; i++) {
                size_t n_co = 0;
                for (size_t j = 0; j < w->n_travelers[b]; j++)
                    if (j != i)
                        co[n_co++] = w->subjects[b][j];
                pw_rule_context cx = {w->subjects[b][i].traveler, w->subjects[b][i].hits, w->subjects[b][i].n_hits,
                                      co, n_co, NULL, 1700000000};
                size_t n = 0;
                pw_rules_eval(rs, &cx, hits, 16, &n);
                fired += n;
                for (size_t h = 0; h < n; h++)
                    for (size_t r = 0; r < pw_rules_count(rs) && r < 64; r++)
                        if (hits[h].rule == pw_rules_name(rs, r))
                            per_rule[r]++;
                travelers++;
            }
        }
    }
    double eval_s = seconds() - t0;
    double evaluations = (double)travelers * (double)pw_rules_count(rs);
    printf("rules: %zu traveler evaluations x %zu rules in %.3f s: %.2f M rule evaluations/s, "
           "%.0f travelers/s, %.1f rule hits per 100 travelers\n",
           travelers, pw_rules_count(rs), eval_s, evaluations / eval_s / 1e6, (double)travelers / eval_s,
           100.0 * (double)fired / (double)travelers);
    for (size_t r = 0; r < pw_rules_count(rs) && r < 64; r++)
        printf("rules:   %-36s %6.2f%% of travelers\n", pw_rules_name(rs, r),
               100.0 * (double)per_rule[r] / (double)travelers);
    free(w);
    pw_rules_free(rs);
    free(text);
    return 0;
}

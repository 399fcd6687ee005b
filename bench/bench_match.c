/*
 * bench_match.c — the matching engine's figures: recall per variation kind,
 * false alerts, throughput, index build time and memory.
 *
 *   bench_match --watchlist W.csv --travelers T.csv [--threads N]
 *               [--threshold X] [--misses FILE] [--summary FILE]
 *   bench_match --real DATA_DIR --travelers T.csv [--misses FILE]
 *
 * The first form reads a list and labelled travelers made by bench_gen
 * (columns expect, kind, source, twins, indistinct; see bench/README.md), builds the
 * index and screens every traveler at the threshold (PW_DEFAULT_THRESHOLD
 * unless given): a labelled traveler is found when its expected entry is
 * among its hits; a clean traveler with any hit is a false alert; a
 * same_name_diff_dob or similar_name traveler with a hit on the entry it was
 * made from is a false alert. Throughput is measured on one thread and on
 * N threads (all cores by default), one pw_screener each, the index shared.
 *
 * The second form loads the real UN consolidated list and OFAC SDN list under
 * DATA_DIR/lists and uses the names of each individual as queries: every
 * alias (and the primary name), its passport form (pw_fold), one typo and the
 * order of its tokens rotated must find the entry; the clean travelers of
 * T.csv screened against each list give the false alerts.
 *
 * Figures go to standard output; up to 10 missed examples per kind go to the
 * misses file (standard error by default); --summary appends one line of the
 * main figures to a file (for run.sh's table). Exit status 0 unless something
 * could not be loaded.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "paxwatch.h"

#define MAX_KINDS 32
#define MAX_EXAMPLES 10

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* peak resident memory of the process so far, in MB */
static double peak_mb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_maxrss / 1024.0;
}

typedef struct sink {
    const char *what;
    size_t n;
} sink;

static void on_error(void *ctx, const pw_error *err)
{
    sink *s = ctx;
    if (s->n++ < 5) {
        char buf[512];
        pw_error_format(err, buf, sizeof buf);
        fprintf(stderr, "%s: %s\n", s->what, buf);
    }
}

/* ------------------------------------------------- labels of travelers */

typedef struct label {
    char expect[16];
    char source[16];
    int kind;
    long twins;
    long indistinct;        /* -1: not given */
    char document[8];       /* "same", "renewed" or "" */
} label;

typedef struct labels {
    char kinds[MAX_KINDS][32];
    int n_kinds;
    label *rows;            /* by traveler number: T0000001 is rows[0] */
    size_t n;
} labels;

static int kind_index(labels *l, const char *name)
{
    for (int i = 0; i < l->n_kinds; i++)
        if (strcmp(l->kinds[i], name) == 0)
            return i;
    if (l->n_kinds == MAX_KINDS)
        return MAX_KINDS - 1;
    snprintf(l->kinds[l->n_kinds], sizeof l->kinds[0], "%s", name);
    return l->n_kinds++;
}

static int load_labels(const char *path, labels *l)
{
    char *text = NULL;
    size_t len = 0;
    memset(l, 0, sizeof *l);
    if (pw_read_file(path, &text, &len) != PW_OK)
        return 0;
    pw_csv *csv = pw_csv_new(text, len);
    const char **f, *error = NULL;
    size_t nf;
    unsigned line;
    int c_id = -1, c_expect = -1, c_kind = -1, c_source = -1, c_twins = -1, c_doc = -1, c_ind = -1;
    if (csv && pw_csv_next(csv, &f, &nf, &line, &error))
        for (size_t i = 0; i < nf; i++) {
            if (!strcmp(f[i], "id")) c_id = (int)i;
            else if (!strcmp(f[i], "expect")) c_expect = (int)i;
            else if (!strcmp(f[i], "kind")) c_kind = (int)i;
            else if (!strcmp(f[i], "source")) c_source = (int)i;
            else if (!strcmp(f[i], "twins")) c_twins = (int)i;
            else if (!strcmp(f[i], "document")) c_doc = (int)i;
            else if (!strcmp(f[i], "indistinct")) c_ind = (int)i;
        }
    if (c_id < 0 || c_expect < 0 || c_kind < 0) {
        pw_csv_free(csv);
        free(text);
        return 0;
    }
    size_t cap = 1024;
    l->rows = calloc(cap, sizeof *l->rows);
    while (pw_csv_next(csv, &f, &nf, &line, &error)) {
        if ((int)nf <= c_kind || f[c_id][0] != 'T')
            continue;
        size_t i = strtoul(f[c_id] + 1, NULL, 10);
        if (i == 0)
            continue;
        while (i > cap) {
            l->rows = realloc(l->rows, 2 * cap * sizeof *l->rows);
            memset(l->rows + cap, 0, cap * sizeof *l->rows);
            cap *= 2;
        }
        label *r = &l->rows[i - 1];
        snprintf(r->expect, sizeof r->expect, "%s", f[c_expect]);
        if (c_source >= 0 && (int)nf > c_source)
            snprintf(r->source, sizeof r->source, "%s", f[c_source]);
        r->twins = c_twins >= 0 && (int)nf > c_twins ? strtol(f[c_twins], NULL, 10) : 0;
        r->indistinct = c_ind >= 0 && (int)nf > c_ind ? strtol(f[c_ind], NULL, 10) : -1;
        if (c_doc >= 0 && (int)nf > c_doc)
            snprintf(r->document, sizeof r->document, "%s", f[c_doc]);
        r->kind = kind_index(l, f[c_kind]) + 1;          /* 0: no label */
        if (i > l->n)
            l->n = i;
    }
    pw_csv_free(csv);
    free(text);
    return 1;
}

static const label *label_of(const labels *l, const pw_traveler *t)
{
    if (!t->id || t->id[0] != 'T')
        return NULL;
    size_t i = strtoul(t->id + 1, NULL, 10);
    if (i == 0 || i > l->n || !l->rows[i - 1].kind)
        return NULL;
    return &l->rows[i - 1];
}

/* ------------------------------------------------------------ screening */

/* Timing runs: each thread screens its slice of the batch, again and again,
 * for at least MIN_SECONDS (whole slices) and at most MAX_SECONDS. */
#define MIN_SECONDS 1.0
#define MAX_SECONDS 5.0

typedef struct job {
    const pw_index *ix;
    const pw_traveler *travelers;
    size_t from, to;
    double threshold, start;
    size_t screened;
    pw_status status;
} job;

static void *screen_slice(void *arg)
{
    job *j = arg;
    pw_screener *s = pw_screener_new(j->ix);
    if (!s) {
        j->status = PW_ERR_NOMEM;
        return NULL;
    }
    for (size_t i = j->from; j->to > j->from; ) {
        const pw_hit *hits;
        size_t n = 0;
        if (pw_screen(s, &j->travelers[i], j->threshold, &hits, &n) != PW_OK)
            j->status = PW_ERR_ARG;
        j->screened++;
        if (++i == j->to) {
            if (now() - j->start >= MIN_SECONDS)
                break;
            i = j->from;
        }
        if ((j->screened & 15) == 0 && now() - j->start >= MAX_SECONDS)
            break;
    }
    pw_screener_free(s);
    return NULL;
}

/* travelers per second on n threads, one screener each, the index shared */
static double throughput(const pw_index *ix, const pw_batch *b, double threshold, int threads)
{
    job jobs[256];
    pthread_t tid[256];
    if (threads > 256)
        threads = 256;
    double t0 = now();
    for (int k = 0; k < threads; k++) {
        jobs[k] = (job){ix, b->travelers, b->n * (size_t)k / (size_t)threads,
                        b->n * (size_t)(k + 1) / (size_t)threads, threshold, t0, 0, PW_OK};
        if (threads == 1 || pthread_create(&tid[k], NULL, screen_slice, &jobs[k]) != 0) {
            screen_slice(&jobs[k]);
            tid[k] = 0;
        }
    }
    size_t screened = 0;
    for (int k = 0; k < threads; k++) {
        if (tid[k])
            pthread_join(tid[k], NULL);
        screened += jobs[k].screened;
    }
    double dt = now() - t0;
    return dt > 0 ? (double)screened / dt : 0;
}

static void traveler_text(const pw_traveler *t, char *out, size_t cap)
{
    char dob[16];
    pw_date_format(t->dob, dob, sizeof dob);
    snprintf(out, cap, "%s / %s / %s (%s)", t->surname ? t->surname : "", t->given_names ? t->given_names : "",
             t->name ? t->name : "", dob);
}

static void entry_text(const pw_entry *e, char *out, size_t cap)
{
    char dob[16] = "";
    if (e->n_dobs)
        pw_date_format(e->dobs[0], dob, sizeof dob);
    snprintf(out, cap, "%s: %s (%s)", e->id, e->n_names ? e->names[0] : "", dob);
}

/* the entry with this id (ids of bench_gen lists are E%07u, in order) */
static const pw_entry *entry_by_id(const pw_watchlist *w, const char *id)
{
    size_t n = pw_watchlist_count(w);
    if (id[0] == 'E') {
        size_t i = strtoul(id + 1, NULL, 10);
        if (i >= 1 && i <= n && strcmp(pw_watchlist_entry(w, i - 1)->id, id) == 0)
            return pw_watchlist_entry(w, i - 1);
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(pw_watchlist_entry(w, i)->id, id) == 0)
            return pw_watchlist_entry(w, i);
    return NULL;
}

static int entry_dob_unknown_or_partial(const pw_entry *e)
{
    for (size_t i = 0; i < e->n_dobs; i++)
        if (e->dobs[i].day)
            return 0;
    return 1;
}

/* ------------------------------------------------------ synthetic list */

typedef struct options {
    const char *watchlist, *travelers, *real, *misses, *summary;
    int threads;
    double threshold;
} options;

static int bench_synthetic(const options *o, FILE *misses)
{
    labels l;
    if (!load_labels(o->travelers, &l)) {
        fprintf(stderr, "bench_match: %s: no labelled travelers (id, expect, kind columns)\n", o->travelers);
        return 1;
    }
    pw_watchlist *w = pw_watchlist_new();
    pw_load_stats ls = {0};
    sink ws = {"watchlist", 0}, ts = {"travelers", 0};
    double rss0 = peak_mb(), t0 = now();
    pw_status st = pw_watchlist_load(w, o->watchlist, NULL, on_error, &ws, &ls);
    double t_load = now() - t0, rss_load = peak_mb();
    if (st != PW_OK && st != PW_ERR_REJECTS) {
        fprintf(stderr, "bench_match: %s: %s\n", o->watchlist, pw_status_str(st));
        pw_watchlist_free(w);
        free(l.rows);
        return 1;
    }
    pw_batch *b = pw_batch_new();
    st = pw_read_travelers_file(o->travelers, b, on_error, &ts);
    if (st != PW_OK && st != PW_ERR_REJECTS) {
        fprintf(stderr, "bench_match: %s: %s\n", o->travelers, pw_status_str(st));
        pw_batch_free(b);
        pw_watchlist_free(w);
        free(l.rows);
        return 1;
    }
    const pw_watchlist *lists[1] = {w};
    pw_index *ix = NULL;
    t0 = now();
    st = pw_index_build(lists, 1, &ix);
    double t_build = now() - t0, rss_build = peak_mb();
    if (st != PW_OK) {
        fprintf(stderr, "bench_match: index build: %s\n", pw_status_str(st));
        pw_batch_free(b);
        pw_watchlist_free(w);
        free(l.rows);
        return 1;
    }
    printf("list %s: %zu entries, %zu aliases, %zu rows rejected; %zu travelers (%zu rejected)\n",
           o->watchlist, pw_watchlist_count(w), ls.aliases, ls.rejected, b->n, b->rejected);
    printf("  load %.2f s; index build %.2f s (target <= 10 s at 1M); index memory %.0f MB\n", t_load, t_build,
           (double)pw_index_memory(ix) / 1048576.0);
    printf("  peak memory: %.0f MB before load, %.0f MB after load, %.0f MB after index build "
           "(target <= 2048 MB at 1M)\n", rss0, rss_load, rss_build);

    /* quality: one pass on one screener */
    size_t total[MAX_KINDS] = {0}, found[MAX_KINDS] = {0}, alerts[MAX_KINDS] = {0}, any[MAX_KINDS] = {0};
    size_t shown[MAX_KINDS] = {0}, clean_twins = 0, clean_alert_twins = 0, clean_alert_vague = 0;
    size_t clean_indistinct = 0, clean_alert_indistinct = 0;
    bool indistinct_given = true;
    size_t doc_total[3] = {0}, doc_found[3] = {0};      /* no listed passport, same, renewed */
    pw_screener *s = pw_screener_new(ix);
    for (size_t i = 0; i < b->n && s; i++) {
        const pw_traveler *t = &b->travelers[i];
        const label *lab = label_of(&l, t);
        if (!lab)
            continue;
        int k = lab->kind - 1;
        const char *kind = l.kinds[k];
        const pw_hit *hits;
        size_t n = 0;
        if (pw_screen(s, t, o->threshold, &hits, &n) != PW_OK)
            n = 0;
        total[k]++;
        any[k] += n > 0;
        if (lab->expect[0]) {
            int ok = 0;
            for (size_t h = 0; h < n && !ok; h++)
                ok = strcmp(hits[h].entry->id, lab->expect) == 0;
            found[k] += ok;
            int d = lab->document[0] == 's' ? 1 : lab->document[0] == 'r' ? 2 : 0;
            doc_total[d]++;
            doc_found[d] += ok;
            if (!ok && shown[k] < MAX_EXAMPLES) {
                char a[512], e[512] = "?";
                traveler_text(t, a, sizeof a);
                const pw_entry *want = entry_by_id(w, lab->expect);
                if (want)
                    entry_text(want, e, sizeof e);
                double score = want ? pw_compare(t, want, NULL) : 0;
                fprintf(misses, "missed %-14s %s  %s  vs  %s  score %.3f, %zu other hits%s%s\n", kind, t->id, a, e,
                        score, n, lab->document[0] ? ", passport " : "", lab->document);
                shown[k]++;
            }
        } else if (strcmp(kind, "clean") == 0) {
            clean_twins += lab->twins > 0;
            clean_indistinct += lab->indistinct > 0;
            indistinct_given &= lab->indistinct >= 0;
            if (n) {
                alerts[k]++;
                clean_alert_twins += lab->twins > 0;
                clean_alert_indistinct += lab->indistinct > 0;
                clean_alert_vague += entry_dob_unknown_or_partial(hits[0].entry);
                if (shown[k]++ < MAX_EXAMPLES) {
                    char a[512], e[512];
                    traveler_text(t, a, sizeof a);
                    entry_text(hits[0].entry, e, sizeof e);
                    fprintf(misses, "alert  %-14s %s  %s  vs  %s  score %.3f\n", kind, t->id, a, e, hits[0].score);
                }
            }
        } else {
            for (size_t h = 0; h < n; h++)
                if (strcmp(hits[h].entry->id, lab->source) == 0) {
                    alerts[k]++;
                    if (shown[k]++ < MAX_EXAMPLES) {
                        char a[512], e[512];
                        traveler_text(t, a, sizeof a);
                        entry_text(hits[h].entry, e, sizeof e);
                        fprintf(misses, "alert  %-14s %s  %s  vs  %s  score %.3f\n", kind, t->id, a, e,
                                hits[h].score);
                    }
                    break;
                }
        }
    }
    pw_screener_free(s);

    printf("  recall per variation kind at threshold %.2f (target >= 99%%):\n", o->threshold);
    for (int k = 0; k < l.n_kinds; k++)
        if (total[k] && strcmp(l.kinds[k], "clean") && strcmp(l.kinds[k], "same_name_diff_dob") &&
            strcmp(l.kinds[k], "similar_name"))
            printf("    %-20s %6zu / %-6zu %6.2f%%\n", l.kinds[k], found[k], total[k],
                   100.0 * (double)found[k] / (double)total[k]);
    printf("  recall of all labelled travelers by passport: entry lists none %.2f%% (%zu), traveler carries the "
           "listed one %.2f%% (%zu), a renewed one %.2f%% (%zu)\n",
           doc_total[0] ? 100.0 * (double)doc_found[0] / (double)doc_total[0] : 0, doc_total[0],
           doc_total[1] ? 100.0 * (double)doc_found[1] / (double)doc_total[1] : 0, doc_total[1],
           doc_total[2] ? 100.0 * (double)doc_found[2] / (double)doc_total[2] : 0, doc_total[2]);
    int worst = -1;
    for (int k = 0; k < l.n_kinds; k++)
        if (total[k] && strcmp(l.kinds[k], "clean") && strcmp(l.kinds[k], "same_name_diff_dob") &&
            strcmp(l.kinds[k], "similar_name") &&
            (worst < 0 || (double)found[k] / (double)total[k] < (double)found[worst] / (double)total[worst]))
            worst = k;
    double per_clean = -1, per_same = -1, per_distinct = -1;
    printf("  false alerts per 1000 travelers:\n");
    for (int k = 0; k < l.n_kinds; k++) {
        if (!total[k])
            continue;
        double per = 1000.0 * (double)alerts[k] / (double)total[k];
        if (strcmp(l.kinds[k], "clean") == 0)
            per_clean = per;
        else if (strcmp(l.kinds[k], "same_name_diff_dob") == 0)
            per_same = per;
        if (strcmp(l.kinds[k], "clean") == 0)
            printf("    %-20s %7.1f  (%zu of %zu, target <= 1; the best hit of %zu of them is an entry whose "
                   "date of birth is unknown or a year; %zu of the travelers have a namesake in the list, %zu of "
                   "those alerted)\n", "clean", per, alerts[k], total[k], clean_alert_vague, clean_twins,
                   clean_alert_twins);
        if (strcmp(l.kinds[k], "clean") == 0 && indistinct_given && total[k] > clean_indistinct) {
            /* what the list's own data lets a matcher avoid: the others' alerts */
            per_distinct = 1000.0 * (double)(alerts[k] - clean_alert_indistinct) /
                           (double)(total[k] - clean_indistinct);
            printf("    %-20s %7.1f  (%zu of %zu: the clean travelers the list can tell from a listed person; the "
                   "other %zu have the name, or the name with one typing error, of an entry with no date of birth "
                   "or only their birth year, as the exact, order and typo kinds do, and %zu of those alerted)\n",
                   "clean, told apart", per_distinct, alerts[k] - clean_alert_indistinct,
                   total[k] - clean_indistinct, clean_indistinct, clean_alert_indistinct);
        }
        else if (strcmp(l.kinds[k], "same_name_diff_dob") == 0)
            printf("    %-20s %7.1f  (hit on the namesake entry; %zu of %zu, target <= 20; any hit: %.1f)\n",
                   l.kinds[k], per, alerts[k], total[k], 1000.0 * (double)any[k] / (double)total[k]);
        else if (strcmp(l.kinds[k], "similar_name") == 0)
            printf("    %-20s %7.1f  (hit on the entry the name was changed from; %zu of %zu)\n", l.kinds[k],
                   per, alerts[k], total[k]);
    }

    int cores = o->threads > 0 ? o->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
    if (cores < 1)
        cores = 1;
    double one = throughput(ix, b, o->threshold, 1);
    double all = throughput(ix, b, o->threshold, cores);
    printf("  throughput: %.0f travelers/s on 1 thread (target >= 100000), %.0f travelers/s on %d threads\n", one,
           all, cores);
    /* the same on clean travelers only: most real traffic hits nothing, while
     * a listed or namesake traveler hits many entries of a common name */
    int clean = kind_index(&l, "clean");
    pw_traveler *only = malloc((b->n ? b->n : 1) * sizeof *only);
    size_t n_only = 0;
    for (size_t i = 0; only && i < b->n; i++) {
        const label *lab = label_of(&l, &b->travelers[i]);
        if (lab && lab->kind == clean + 1)          /* a label's kind is its index + 1 */
            only[n_only++] = b->travelers[i];
    }
    if (n_only) {
        pw_batch view = *b;
        view.travelers = only;
        view.n = n_only;
        double one_clean = throughput(ix, &view, o->threshold, 1);
        double all_clean = throughput(ix, &view, o->threshold, cores);
        printf("  throughput on clean travelers only: %.0f travelers/s on 1 thread, %.0f on %d threads\n", one_clean,
               all_clean, cores);
    }
    free(only);
    if (ws.n || ts.n)
        printf("  input problems reported: %zu in the list, %zu in the travelers\n", ws.n, ts.n);
    FILE *sf = o->summary ? fopen(o->summary, "a") : NULL;
    if (sf) {
        /* one line for run.sh's table: entries, worst kind, its recall, false alerts, speeds, build, memory */
        fprintf(sf, "%zu %s %.2f %.1f %.1f %.1f %.0f %.0f %d %.2f %.0f\n", pw_watchlist_count(w),
                worst >= 0 ? l.kinds[worst] : "-",
                worst >= 0 ? 100.0 * (double)found[worst] / (double)total[worst] : 0, per_clean, per_distinct,
                per_same, one, all, cores, t_build, rss_build);
        fclose(sf);
    }
    pw_index_free(ix);
    pw_batch_free(b);
    pw_watchlist_free(w);
    free(l.rows);
    return 0;
}

/* ----------------------------------------------------------- real lists */

/* Rotates a name's tokens: "A B C" → "C A B" ("SURNAME, GIVEN" is read as
 * the tokens SURNAME GIVEN). */
static void rotate_tokens(const char *in, char *out, size_t cap)
{
    char flat[512];
    size_t n = 0;
    for (const char *s = in; *s && n + 1 < sizeof flat; s++) {
        char c = *s == ',' ? ' ' : *s;
        if (c == ' ' && (n == 0 || flat[n - 1] == ' '))
            continue;
        flat[n++] = c;
    }
    while (n && flat[n - 1] == ' ')
        n--;
    flat[n] = 0;
    const char *last = strrchr(flat, ' ');
    if (!last) {
        snprintf(out, cap, "%s", flat);
        return;
    }
    snprintf(out, cap, "%s %.*s", last + 1, (int)(last - flat), flat);
}

/* One edit in one ASCII token of 3 letters or more (deterministic per i). */
static int typo_name(const char *in, size_t i, char *out, size_t cap)
{
    snprintf(out, cap, "%s", in);
    size_t len = strlen(out), starts[16], lens[16], n = 0;
    for (size_t p = 0; p < len && n < 16;) {
        while (p < len && out[p] == ' ')
            p++;
        size_t q = p;
        int ascii = 1;
        for (; q < len && out[q] != ' '; q++)
            ascii &= (out[q] >= 'A' && out[q] <= 'Z') || (out[q] >= 'a' && out[q] <= 'z');
        if (q - p >= 3 && ascii) {
            starts[n] = p;
            lens[n++] = q - p;
        }
        p = q;
    }
    if (!n)
        return 0;
    uint64_t h = (uint64_t)i * 0x9e3779b97f4a7c15ULL;
    size_t k = (size_t)(h >> 40) % n, pos = starts[k] + (size_t)(h >> 20) % lens[k];
    char letter = (char)('A' + (h >> 50) % 26);
    if ((letter | 0x20) == (out[pos] | 0x20))
        letter = letter == 'Z' ? 'A' : (char)(letter + 1);
    if (out[pos] >= 'a')
        letter = (char)(letter | 0x20);
    switch ((h >> 8) % 4) {
    case 0: out[pos] = letter; break;                                                  /* substitution */
    case 1: memmove(out + pos, out + pos + 1, len - pos); break;                       /* deletion */
    case 2:                                                                            /* insertion */
        if (len + 2 > cap)
            return 0;
        memmove(out + pos + 1, out + pos, len - pos + 1);
        out[pos] = letter;
        break;
    default:                                                                           /* transposition */
        if (pos + 1 < starts[k] + lens[k] && out[pos] != out[pos + 1]) {
            char c = out[pos];
            out[pos] = out[pos + 1];
            out[pos + 1] = c;
        } else {
            out[pos] = letter;
        }
    }
    return 1;
}

enum { Q_PRIMARY, Q_ALIAS, Q_PASSPORT, Q_TYPO, Q_ROTATED, N_QUERY };
static const char *const query_name[N_QUERY] = {"primary name", "alias", "alias, passport form",
                                                "alias, one typo", "alias, tokens rotated"};

static void bench_real_list(const char *path, const char *name, const pw_batch *clean, double threshold,
                            FILE *misses)
{
    pw_watchlist *w = pw_watchlist_new();
    pw_load_stats ls = {0};
    sink ws = {name, 0};
    double t0 = now();
    pw_status st = pw_watchlist_load(w, path, name, on_error, &ws, &ls);
    if (st != PW_OK && st != PW_ERR_REJECTS) {
        printf("real list %s: not loaded (%s)\n", path, pw_status_str(st));
        pw_watchlist_free(w);
        return;
    }
    const pw_watchlist *lists[1] = {w};
    pw_index *ix = NULL;
    double t_load = now() - t0;
    t0 = now();
    if (pw_index_build(lists, 1, &ix) != PW_OK) {
        printf("real list %s: index build failed\n", name);
        pw_watchlist_free(w);
        return;
    }
    double t_build = now() - t0;

    /* queries: individuals only (an entry with a date of birth or a sex) */
    pw_batch *q = pw_batch_new();
    size_t n_entries = pw_watchlist_count(w), individuals = 0;
    const pw_entry **expect = NULL;
    uint8_t *qkind = NULL;
    size_t cap = 0;
    for (size_t i = 0; i < n_entries; i++) {
        const pw_entry *e = pw_watchlist_entry(w, i);
        if (!e->n_dobs && !e->sex)
            continue;
        individuals++;
        for (size_t k = 0; k < e->n_names; k++) {
            char forms[N_QUERY][512];
            int have[N_QUERY] = {0};
            snprintf(forms[k ? Q_ALIAS : Q_PRIMARY], 512, "%s", e->names[k]);
            have[k ? Q_ALIAS : Q_PRIMARY] = 1;
            if (k) {
                pw_fold(e->names[k], forms[Q_PASSPORT], 512);
                have[Q_PASSPORT] = strcmp(forms[Q_PASSPORT], e->names[k]) != 0 && forms[Q_PASSPORT][0];
                have[Q_TYPO] = typo_name(forms[Q_PASSPORT][0] ? forms[Q_PASSPORT] : e->names[k], i * 64 + k,
                                         forms[Q_TYPO], 512);
                rotate_tokens(e->names[k], forms[Q_ROTATED], 512);
                have[Q_ROTATED] = strchr(forms[Q_ROTATED], ' ') != NULL;
            }
            for (int f = 0; f < N_QUERY; f++) {
                if (!have[f])
                    continue;
                if (q->n == cap) {
                    cap = cap ? 2 * cap : 1024;
                    expect = realloc(expect, cap * sizeof *expect);
                    qkind = realloc(qkind, cap);
                }
                expect[q->n] = e;
                qkind[q->n] = (uint8_t)f;
                pw_traveler *t = pw_batch_push(q);
                if (!t)
                    break;
                char id[32];
                snprintf(id, sizeof id, "Q%zu", q->n);
                t->id = pw_arena_strdup(q->arena, id);
                t->name = pw_arena_strdup(q->arena, forms[f]);
                if (e->n_dobs)
                    t->dob = e->dobs[0];
                t->sex = e->sex;
                if (e->n_nationalities)
                    memcpy(t->nationality, e->nationalities[0], 4);
            }
        }
    }

    size_t total[N_QUERY] = {0}, found[N_QUERY] = {0}, shown[N_QUERY] = {0}, alerts = 0;
    pw_screener *s = pw_screener_new(ix);
    for (size_t i = 0; i < q->n && s; i++) {
        const pw_hit *hits;
        size_t n = 0;
        if (pw_screen(s, &q->travelers[i], threshold, &hits, &n) != PW_OK)
            n = 0;
        int ok = 0;
        for (size_t h = 0; h < n && !ok; h++)
            ok = hits[h].entry == expect[i] || strcmp(hits[h].entry->id, expect[i]->id) == 0;
        total[qkind[i]]++;
        found[qkind[i]] += ok;
        if (!ok && shown[qkind[i]]++ < MAX_EXAMPLES) {
            char e[512];
            entry_text(expect[i], e, sizeof e);
            fprintf(misses, "missed %s %-22s %s  vs  %s  score %.3f\n", name, query_name[qkind[i]],
                    q->travelers[i].name, e, pw_compare(&q->travelers[i], expect[i], NULL));
        }
    }
    size_t shown_alerts = 0;
    for (size_t i = 0; clean && i < clean->n && s; i++) {
        const pw_hit *hits;
        size_t n = 0;
        if (pw_screen(s, &clean->travelers[i], threshold, &hits, &n) != PW_OK)
            n = 0;
        alerts += n > 0;
        if (n && shown_alerts++ < MAX_EXAMPLES) {
            char a[512], e[512];
            traveler_text(&clean->travelers[i], a, sizeof a);
            entry_text(hits[0].entry, e, sizeof e);
            fprintf(misses, "alert  %s clean %s  vs  %s  score %.3f\n", name, a, e, hits[0].score);
        }
    }
    pw_screener_free(s);
    printf("real list %s: %zu entries (%zu individuals), %zu aliases; load %.2f s, index %.2f s\n", name,
           n_entries, individuals, ls.aliases, t_load, t_build);
    for (int f = 0; f < N_QUERY; f++)
        if (total[f])
            printf("    %-24s %6zu / %-6zu %6.2f%%\n", query_name[f], found[f], total[f],
                   100.0 * (double)found[f] / (double)total[f]);
    if (clean && clean->n)
        printf("    false alerts: %.1f per 1000 clean travelers (%zu of %zu)\n",
               1000.0 * (double)alerts / (double)clean->n, alerts, clean->n);
    free(expect);
    free(qkind);
    pw_batch_free(q);
    pw_index_free(ix);
    pw_watchlist_free(w);
}

static int bench_real(const options *o, FILE *misses)
{
    /* the clean travelers of the generated file */
    labels l;
    pw_batch *clean = pw_batch_new();
    if (o->travelers && load_labels(o->travelers, &l)) {
        pw_batch *all = pw_batch_new();
        sink ts = {"travelers", 0};
        pw_read_travelers_file(o->travelers, all, on_error, &ts);
        for (size_t i = 0; i < all->n; i++) {
            const label *lab = label_of(&l, &all->travelers[i]);
            if (!lab || strcmp(l.kinds[lab->kind - 1], "clean") != 0)
                continue;
            pw_traveler *t = pw_batch_push(clean);
            if (!t)
                break;
            const pw_traveler *src = &all->travelers[i];
            *t = (pw_traveler){0};
            t->id = pw_arena_strdup(clean->arena, src->id);
            t->surname = pw_arena_strdup(clean->arena, src->surname);
            t->given_names = pw_arena_strdup(clean->arena, src->given_names);
            t->name = pw_arena_strdup(clean->arena, src->name);
            t->dob = src->dob;
            t->sex = src->sex;
            memcpy(t->nationality, src->nationality, 4);
        }
        pw_batch_free(all);
        free(l.rows);
    }
    char path[2048];
    snprintf(path, sizeof path, "%s/lists/un-consolidated/consolidated.xml", o->real);
    bench_real_list(path, "un", clean, o->threshold, misses);
    snprintf(path, sizeof path, "%s/lists/ofac-sdn-2021/sdn.csv", o->real);
    bench_real_list(path, "ofac", clean, o->threshold, misses);
    pw_batch_free(clean);
    return 0;
}

static void usage(FILE *f)
{
    fprintf(f, "usage: bench_match --watchlist W.csv --travelers T.csv [--threads N] [--threshold X]\n"
               "                   [--misses FILE] [--summary FILE]\n"
               "       bench_match --real DATA_DIR [--travelers T.csv] [--misses FILE]\n");
}

int main(int argc, char **argv)
{
    options o = {NULL, NULL, NULL, NULL, NULL, 0, PW_DEFAULT_THRESHOLD};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            usage(stdout);
            return 0;
        }
        if (i + 1 >= argc) {
            usage(stderr);
            return 2;
        }
        const char *v = argv[++i];
        if (!strcmp(a, "--watchlist")) o.watchlist = v;
        else if (!strcmp(a, "--travelers")) o.travelers = v;
        else if (!strcmp(a, "--real")) o.real = v;
        else if (!strcmp(a, "--misses")) o.misses = v;
        else if (!strcmp(a, "--summary")) o.summary = v;
        else if (!strcmp(a, "--threads")) o.threads = atoi(v);
        else if (!strcmp(a, "--threshold")) o.threshold = atof(v);
        else {
            usage(stderr);
            return 2;
        }
    }
    if (!o.real && (!o.watchlist || !o.travelers)) {
        usage(stderr);
        return 2;
    }
    FILE *misses = stderr;
    if (o.misses && !(misses = fopen(o.misses, "w"))) {
        perror(o.misses);
        return 1;
    }
    int rc = o.real ? bench_real(&o, misses) : bench_synthetic(&o, misses);
    if (misses != stderr)
        fclose(misses);
    return rc;
}

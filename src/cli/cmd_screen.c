/*
 * cmd_screen.c — paxwatch screen: travelers (CSV, PAXLST, PNRGOV, the format
 * detected from the content) against watchlists; hits as JSON Lines on
 * standard output (FORMATS.md), in input order; counts and errors on
 * standard error, progress when it is a terminal.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static void usage(FILE *out)
{
    fputs("usage: paxwatch screen --watchlist FILE [--watchlist FILE ...] [--threshold T]\n"
          "                       [--threads N] [--format jsonl|text] [--allow-rejects] INPUT...\n\n"
          "Screens the travelers of each INPUT (travelers CSV, PAXLST or PNRGOV, detected from\n"
          "the content; - for standard input) against the watchlists (watchlist CSV, OFAC SDN\n"
          "CSV with alt.csv beside it, UN consolidated XML) and writes one JSON line per hit\n"
          "at or above the threshold (default 0.80). --format text writes one readable\n"
          "line per hit instead, for a person to read.\n\n"
          "Exit status: 0 ok, 1 some input or list row rejected (unless --allow-rejects), 2 usage.\n",
          out);
}

typedef struct job {
    const pw_index *ix;
    const pw_batch *batch;
    double threshold;
    bool text;
    size_t first, last;          /* travelers [first, last) */
    char *out;                   /* JSON lines written by the job */
    size_t out_len;
    size_t hits, screened, skipped;
    pw_status status;
} job;

/* One readable line: who, whom, how sure, and why. */
static void print_hit_text(const pw_traveler *t, const pw_hit *h, FILE *out)
{
    char dob[16];
    pw_date_format(t->dob, dob, sizeof dob);
    const pw_entry *e = h->entry;
    const pw_explain *x = &h->explain;
    char name[256];
    if (t->surname || t->given_names)
        snprintf(name, sizeof name, "%s, %s", t->surname ? t->surname : "", t->given_names ? t->given_names : "");
    else
        snprintf(name, sizeof name, "%s", t->name ? t->name : "");
    fprintf(out, "%.2f  %-10s %-32s %-10s  ~ %s/%s [%s] \"%s\"  name %.2f (%s), dob %s, sex %s, nationality %s, document %s",
            h->score, t->id ? t->id : "", name, dob[0] ? dob : "-", e->list, e->id, pw_category_name(e->category),
            x->name_index < e->n_names ? e->names[x->name_index] : "", x->name, x->matched,
            pw_dob_evidence_name(x->dob), pw_field_evidence_name(x->sex), pw_field_evidence_name(x->nationality),
            pw_field_evidence_name(x->document));
}

static void *run_job(void *arg)
{
    job *j = arg;
    FILE *out = open_memstream(&j->out, &j->out_len);
    pw_screener *s = pw_screener_new(j->ix);
    if (!out || !s) {
        j->status = PW_ERR_NOMEM;
        if (out)
            fclose(out);
        pw_screener_free(s);
        return NULL;
    }
    for (size_t i = j->first; i < j->last; i++) {
        const pw_traveler *t = &j->batch->travelers[i];
        if (t->placeholder) {
            j->skipped++;
            continue;
        }
        const pw_hit *hits;
        size_t n;
        j->status = pw_screen(s, t, j->threshold, &hits, &n);
        if (j->status != PW_OK)
            break;
        j->screened++;
        for (size_t k = 0; k < n; k++) {
            if (j->text)
                print_hit_text(t, &hits[k], out);
            else
                pw_hit_json(t, &hits[k], out);
            fputc('\n', out);
        }
        j->hits += n;
    }
    pw_screener_free(s);
    fclose(out);
    return NULL;
}

/* Screens one batch on n_threads threads; prints hits in input order. */
static pw_status screen_batch(const pw_index *ix, const pw_batch *b, double threshold, bool text,
                              unsigned n_threads, size_t *hits, size_t *screened, size_t *skipped)
{
    if (n_threads > b->n)
        n_threads = b->n ? (unsigned)b->n : 1;
    job *jobs = calloc(n_threads, sizeof *jobs);
    pthread_t *tids = calloc(n_threads, sizeof *tids);
    if (!jobs || !tids) {
        free(jobs);
        free(tids);
        return PW_ERR_NOMEM;
    }
    pw_status st = PW_OK;
    for (unsigned i = 0; i < n_threads; i++) {
        jobs[i] = (job){.ix = ix, .batch = b, .threshold = threshold, .text = text,
                        .first = b->n * i / n_threads, .last = b->n * (i + 1) / n_threads};
        if (n_threads == 1 || pthread_create(&tids[i], NULL, run_job, &jobs[i]) != 0) {
            run_job(&jobs[i]);
            tids[i] = 0;
        }
    }
    for (unsigned i = 0; i < n_threads; i++) {
        if (tids[i])
            pthread_join(tids[i], NULL);
        if (jobs[i].out)
            fwrite(jobs[i].out, 1, jobs[i].out_len, stdout);
        free(jobs[i].out);
        *hits += jobs[i].hits;
        *screened += jobs[i].screened;
        *skipped += jobs[i].skipped;
        if (jobs[i].status != PW_OK)
            st = jobs[i].status;
    }
    free(jobs);
    free(tids);
    return st;
}

int cmd_screen(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        usage(stdout);
        return EXIT_OK;
    }
    const char **lists = calloc((size_t)argc, sizeof *lists);
    const char **inputs = calloc((size_t)argc, sizeof *inputs);
    size_t n_lists = 0, n_inputs = 0;
    double threshold = PW_DEFAULT_THRESHOLD;
    long threads = sysconf(_SC_NPROCESSORS_ONLN);
    bool allow_rejects = false, text = false;
    int rc = EXIT_USAGE;
    if (!lists || !inputs)
        goto done;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        char *end;
        if (strcmp(a, "--watchlist") == 0 && i + 1 < argc) {
            lists[n_lists++] = argv[++i];
        } else if (strcmp(a, "--threshold") == 0 && i + 1 < argc) {
            threshold = strtod(argv[++i], &end);
            if (*end || threshold < 0 || threshold > 1) {
                fprintf(stderr, "paxwatch screen: --threshold takes a number from 0 to 1\n");
                goto done;
            }
        } else if (strcmp(a, "--threads") == 0 && i + 1 < argc) {
            threads = strtol(argv[++i], &end, 10);
            if (*end || threads < 1 || threads > 256) {
                fprintf(stderr, "paxwatch screen: --threads takes a number from 1 to 256\n");
                goto done;
            }
        } else if (strcmp(a, "--format") == 0 && i + 1 < argc) {
            const char *f = argv[++i];
            if (strcmp(f, "text") != 0 && strcmp(f, "jsonl") != 0) {
                fprintf(stderr, "paxwatch screen: --format is jsonl or text\n");
                goto done;
            }
            text = strcmp(f, "text") == 0;
        } else if (strcmp(a, "--allow-rejects") == 0) {
            allow_rejects = true;
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "paxwatch screen: unknown option or missing value: '%s'\n", a);
            usage(stderr);
            goto done;
        } else {
            inputs[n_inputs++] = a;
        }
    }
    if (n_lists == 0 || n_inputs == 0) {
        fprintf(stderr, "paxwatch screen: at least one --watchlist and one INPUT are needed\n");
        usage(stderr);
        goto done;
    }

    cli_lists loaded;
    bool rejected = false;
    rc = EXIT_REJECTS;
    if (cli_load_lists(lists, n_lists, &loaded, &rejected) != PW_OK)
        goto done;
    size_t hits = 0, screened = 0, skipped = 0, travelers = 0;
    for (size_t i = 0; i < n_inputs; i++) {
        pw_batch *b = pw_batch_new();
        if (!b)
            break;
        pw_status st = cli_read_input(inputs[i], b);
        if (st != PW_OK && st != PW_ERR_REJECTS) {
            rejected = true;
            pw_batch_free(b);
            continue;
        }
        rejected |= st == PW_ERR_REJECTS;
        travelers += b->n;
        if (isatty(STDERR_FILENO))
            fprintf(stderr, "\rscreening %s: %zu travelers ...", inputs[i], b->n);
        st = screen_batch(loaded.index, b, threshold, text, (unsigned)threads, &hits, &screened, &skipped);
        if (isatty(STDERR_FILENO))
            fputs("\r\033[K", stderr);
        pw_batch_free(b);
        if (st != PW_OK) {
            fprintf(stderr, "paxwatch screen: %s\n", pw_status_str(st));
            rejected = true;
        }
    }
    fflush(stdout);
    fprintf(stderr, "screened %zu of %zu travelers (%zu placeholders not screened): %zu hits\n", screened,
            travelers, skipped, hits);
    cli_lists_free(&loaded);
    rc = rejected && !allow_rejects ? EXIT_REJECTS : EXIT_OK;
done:
    free(lists);
    free(inputs);
    return rc;
}

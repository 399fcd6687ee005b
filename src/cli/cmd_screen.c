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
          "       paxwatch screen --db DB [--list NAME ...] [--watchlist FILE ...] [...] INPUT...\n"
          "                       [--threads N] [--format jsonl|text] [--rules FILE ...]\n"
          "                       [--allow-rejects] INPUT...\n\n"
          "Screens the travelers of each INPUT (travelers CSV, PAXLST or PNRGOV, detected from\n"
          "the content; - for standard input) against the watchlists (watchlist CSV, OFAC SDN\n"
          "CSV with alt.csv beside it, UN consolidated XML) and writes one JSON line per hit\n"
          "at or above the threshold (default 0.80). --format text writes one readable\n"
          "line per hit instead, for a person to read. --rules adds the hits of risk rules\n"
          "(rules/README.md), one line each with \"type\":\"rule\".\n\n"
          "With --db (a SQLite path, or postgresql://...), the lists are the stored ones (all, or\n"
          "those named by --list; --watchlist files are added), and every message is kept with\n"
          "its travelers, hits and alerts: a message stored before (same sender and interchange\n"
          "reference, else the same content) is not stored or alerted again. A message that\n"
          "reuses a stored sender and reference with different content is rejected: an error\n"
          "names it, and the summary counts both kinds of skipped messages. A pair\n"
          "dismissed by an analyst does not alert again until its entry changes; a confirmed\n"
          "one alerts on every later flight.\n\n"
          "Exit status: 0 ok, 1 some input or list row rejected (unless --allow-rejects), 2 usage.\n",
          out);
}

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

/* What screening found for one traveler: a copy of its hits. */
typedef struct found {
    pw_hit *hits;
    size_t n;
} found;

typedef struct job {
    const pw_index *ix;
    const pw_batch *batch;
    double threshold;
    found *found;                /* per traveler of the batch */
    size_t first, last;          /* travelers [first, last) */
    pw_status status;
} job;

static void *run_job(void *arg)
{
    job *j = arg;
    pw_screener *s = pw_screener_new(j->ix);
    if (!s) {
        j->status = PW_ERR_NOMEM;
        return NULL;
    }
    for (size_t i = j->first; i < j->last && j->status == PW_OK; i++) {
        const pw_traveler *t = &j->batch->travelers[i];
        if (t->placeholder)
            continue;
        const pw_hit *hits;
        size_t n;
        j->status = pw_screen(s, t, j->threshold, &hits, &n);
        if (j->status != PW_OK || n == 0)
            continue;
        j->found[i].hits = malloc(n * sizeof *hits);
        if (!j->found[i].hits) {
            j->status = PW_ERR_NOMEM;
            continue;
        }
        memcpy(j->found[i].hits, hits, n * sizeof *hits);
        j->found[i].n = n;
    }
    pw_screener_free(s);
    return NULL;
}

/* Screens a batch on n_threads threads into found[]. */
static pw_status screen_batch(const pw_index *ix, const pw_batch *b, double threshold, unsigned n_threads,
                              found *results)
{
    if (n_threads > b->n)
        n_threads = b->n ? (unsigned)b->n : 1;
    job *jobs = calloc(n_threads, sizeof *jobs);
    pthread_t *tids = calloc(n_threads, sizeof *tids);
    bool *started = calloc(n_threads, sizeof *started);
    pw_status st = PW_ERR_NOMEM;
    if (!jobs || !tids || !started)
        goto done;
    st = PW_OK;
    for (unsigned i = 0; i < n_threads; i++) {
        jobs[i] = (job){.ix = ix, .batch = b, .threshold = threshold, .found = results,
                        .first = b->n * i / n_threads, .last = b->n * (i + 1) / n_threads};
        started[i] = n_threads > 1 && pthread_create(&tids[i], NULL, run_job, &jobs[i]) == 0;
        if (!started[i])
            run_job(&jobs[i]);
    }
    for (unsigned i = 0; i < n_threads; i++) {
        if (started[i])
            pthread_join(tids[i], NULL);
        if (jobs[i].status != PW_OK)
            st = jobs[i].status;
    }
done:
    free(jobs);
    free(tids);
    free(started);
    return st;
}

/* Rule hits of a batch, in the order the rules module reports them. */
typedef struct rule_line {
    size_t traveler;
    size_t seq;                  /* arrival order: rule files, then rules */
    pw_rule_hit hit;
} rule_line;

typedef struct rule_lines {
    rule_line *items;
    size_t n, cap;
    bool failed;
} rule_lines;

static void collect_rule_hit(void *ctx, size_t traveler, const pw_rule_hit *hit)
{
    rule_lines *r = ctx;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        rule_line *p = realloc(r->items, cap * sizeof *p);
        if (!p) {
            r->failed = true;
            return;
        }
        r->items = p;
        r->cap = cap;
    }
    r->items[r->n] = (rule_line){traveler, r->n, *hit};
    r->n++;
}

static int rule_line_order(const void *a, const void *b)
{
    const rule_line *x = a, *y = b;
    if (x->traveler != y->traveler)
        return x->traveler < y->traveler ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void print_rule_text(const pw_traveler *t, const pw_rule_hit *h, FILE *out)
{
    fprintf(out, "%.2f  %-10s %s, %s  RULE %s [%s, %s]", h->score, t->id ? t->id : "",
            t->surname ? t->surname : (t->name ? t->name : ""), t->given_names ? t->given_names : "",
            h->rule, h->category ? h->category : "", pw_severity_name(h->severity));
    if (h->notice)
        fprintf(out, " notice %s%s%s", h->notice, h->notice_country[0] ? " " : "", h->notice_country);
    fputs(": ", out);
    for (const char *p = h->reasons; *p; p++)
        fputs(*p == '\n' ? "; " : (char[2]){*p, 0}, out);
}

typedef struct screen_totals {
    size_t travelers, screened, placeholders, hits, rule_hits, sensitive;
    size_t messages_stored, messages_known, messages_conflicting, alerts, suppressed, repeats;
} screen_totals;

/* Where a batch goes when a database is used. */
typedef struct store_target {
    pw_store *store;
    const char *input;           /* file name, for the audit */
    const char *content_hash;    /* of the whole input: identity of a message without a reference */
    double threshold;
} store_target;

/* Keeps one message (the travelers [first, last) sharing a sender and
 * reference) with its hits and rule alerts, in one transaction. A message
 * stored before is skipped; one that reuses a stored sender and reference
 * with other travelers is rejected with an error.
 * *sensitive is the number of sensitive PNR elements the parser dropped from
 * the input and not yet recorded: the parser counts per input, not per
 * message, so the whole count goes with the first message stored from the
 * input (a message stored before does not take it) and is then 0. */
static pw_status store_message(const store_target *st, const pw_batch *b, size_t first, size_t last,
                               const found *fd, const rule_line *rules, size_t n_rules, size_t *sensitive,
                               screen_totals *tot)
{
    const pw_traveler *t0 = &b->travelers[first];
    int64_t now = (int64_t)time(NULL), ingest;
    /* A message with a reference is one of maybe several in the input: its
     * own content is its travelers; without one, the input is the message. */
    char digest[65] = "";
    if (t0->source.message_ref)
        pw_store_message_digest(&b->travelers[first], last - first, digest);
    pw_ingest_info info = {.sender = t0->source.sender,
                           .interchange_ref = t0->source.message_ref,
                           .content_hash = t0->source.message_ref ? digest : st->content_hash,
                           .source = st->input,
                           .received_at = now};
    pw_ingest_seen seen;
    pw_status rc = pw_store_start_ingest(st->store, &info, &ingest, &seen);
    if (rc != PW_OK)
        return rc;
    if (seen == PW_INGEST_DUPLICATE) {
        tot->messages_known++;
        return PW_OK;
    }
    if (seen == PW_INGEST_CONFLICT) {
        char reason[512];
        snprintf(reason, sizeof reason,
                 "message from sender %s with reference %s differs from the message stored with that"
                 " sender and reference: not stored", t0->source.sender, t0->source.message_ref);
        pw_error e = {.file = st->input, .reason = reason};     /* not stored: rejected */
        pw_error_print(stderr, &e);
        tot->messages_conflicting++;
        return PW_OK;
    }
    size_t r = 0;
    for (size_t i = first; i < last && rc == PW_OK; i++) {
        const pw_traveler *t = &b->travelers[i];
        int64_t tid;
        rc = pw_store_save_traveler(st->store, ingest, t, &tid);
        for (size_t k = 0; k < fd[i].n && rc == PW_OK; k++) {
            pw_raise raised;
            int64_t alert;
            rc = pw_store_save_hit(st->store, tid, t, &fd[i].hits[k], st->threshold, 0, now, &raised, &alert);
            tot->alerts += raised == PW_RAISE_NEW || raised == PW_RAISE_KNOWN;
            tot->suppressed += raised == PW_RAISE_SUPPRESSED;
            tot->repeats += raised == PW_RAISE_KNOWN;
        }
        while (r < n_rules && rules[r].traveler < i)
            r++;
        for (; r < n_rules && rules[r].traveler == i && rc == PW_OK; r++) {
            if (t->placeholder)
                continue;
            const pw_rule_hit *h = &rules[r].hit;
            int64_t alert;
            rc = pw_store_raise_rule_alert(st->store, tid, h->rule, h->score, h->reasons, 0, now, &alert);
            tot->alerts += rc == PW_OK;
        }
    }
    if (rc != PW_OK) {
        pw_store_abort_ingest(st->store);
        return rc;
    }
    rc = pw_store_commit_ingest(st->store, ingest, *sensitive);
    if (rc == PW_OK)
        *sensitive = 0;
    tot->messages_stored += rc == PW_OK;
    return rc;
}

static bool same_message(const pw_traveler *a, const pw_traveler *b)
{
    const char *ra = a->source.message_ref, *rb = b->source.message_ref;
    const char *sa = a->source.sender, *sb = b->source.sender;
    return (ra == rb || (ra && rb && strcmp(ra, rb) == 0)) && (sa == sb || (sa && sb && strcmp(sa, sb) == 0));
}

/* Keeps a screened batch, message by message. */
static pw_status store_batch(const store_target *st, const pw_batch *b, const found *fd, const rule_lines *rl,
                             screen_totals *tot)
{
    size_t sensitive = b->sensitive_dropped;
    for (size_t first = 0; first < b->n;) {
        size_t last = first + 1;
        while (last < b->n && same_message(&b->travelers[first], &b->travelers[last]))
            last++;
        pw_status rc = store_message(st, b, first, last, fd, rl->items, rl->n, &sensitive, tot);
        if (rc != PW_OK) {
            fprintf(stderr, "paxwatch screen: %s: %s\n", st->input, pw_store_error(st->store));
            return rc;
        }
        first = last;
    }
    return PW_OK;
}

/* Screens one batch, applies the rules, prints everything in traveler order. */
static pw_status screen_and_print(const pw_index *ix, pw_ruleset *const *rules, size_t n_rules,
                                  const pw_batch *b, double threshold, unsigned threads, bool text,
                                  const store_target *target, screen_totals *tot)
{
    found *fd = calloc(b->n ? b->n : 1, sizeof *fd);
    const pw_hit **hit_ptrs = calloc(b->n ? b->n : 1, sizeof *hit_ptrs);
    size_t *hit_counts = calloc(b->n ? b->n : 1, sizeof *hit_counts);
    rule_lines rl = {0};
    pw_status st = PW_ERR_NOMEM;
    if (!fd || !hit_ptrs || !hit_counts)
        goto done;
    st = screen_batch(ix, b, threshold, threads, fd);
    if (st != PW_OK)
        goto done;
    for (size_t i = 0; i < b->n; i++) {
        hit_ptrs[i] = fd[i].hits;
        hit_counts[i] = fd[i].n;
    }
    for (size_t k = 0; k < n_rules; k++) {
        st = pw_rules_eval_batch(rules[k], b->travelers, b->n, hit_ptrs, hit_counts, (int64_t)time(NULL),
                                 collect_rule_hit, &rl);
        if (st == PW_OK && rl.failed)
            st = PW_ERR_NOMEM;
        if (st != PW_OK)
            goto done;
    }
    if (rl.n > 1)
        qsort(rl.items, rl.n, sizeof *rl.items, rule_line_order);
    if (target && (st = store_batch(target, b, fd, &rl, tot)) != PW_OK)
        goto done;
    size_t r = 0;
    tot->sensitive += b->sensitive_dropped;
    for (size_t i = 0; i < b->n; i++) {
        const pw_traveler *t = &b->travelers[i];
        tot->travelers++;
        if (t->placeholder) {
            tot->placeholders++;
        } else {
            tot->screened++;
        }
        for (size_t k = 0; k < fd[i].n; k++) {
            if (text)
                print_hit_text(t, &fd[i].hits[k], stdout);
            else
                pw_hit_json(t, &fd[i].hits[k], stdout);
            putchar('\n');
        }
        tot->hits += fd[i].n;
        for (; r < rl.n && rl.items[r].traveler == i; r++) {
            if (t->placeholder)
                continue;
            if (text)
                print_rule_text(t, &rl.items[r].hit, stdout);
            else
                pw_rule_hit_json(t, &rl.items[r].hit, stdout);
            putchar('\n');
            tot->rule_hits++;
        }
    }
done:
    for (size_t i = 0; fd && i < b->n; i++)
        free(fd[i].hits);
    free(fd);
    free(hit_ptrs);
    free(hit_counts);
    free(rl.items);
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
    const char **rule_files = calloc((size_t)argc, sizeof *rule_files);
    size_t n_lists = 0, n_inputs = 0, n_rule_files = 0;
    pw_ruleset **rulesets = NULL;
    double threshold = PW_DEFAULT_THRESHOLD;
    long threads = sysconf(_SC_NPROCESSORS_ONLN);
    bool allow_rejects = false, text = false;
    const char *db = NULL;
    const char **list_names = calloc((size_t)argc, sizeof *list_names);
    size_t n_list_names = 0;
    pw_store *store = NULL;
    int rc = EXIT_USAGE;
    if (!lists || !inputs || !rule_files || !list_names)
        goto done;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        char *end;
        if (strcmp(a, "--watchlist") == 0 && i + 1 < argc) {
            lists[n_lists++] = argv[++i];
        } else if (strcmp(a, "--db") == 0 && i + 1 < argc) {
            db = argv[++i];
        } else if (strcmp(a, "--list") == 0 && i + 1 < argc) {
            list_names[n_list_names++] = argv[++i];
        } else if (strcmp(a, "--rules") == 0 && i + 1 < argc) {
            rule_files[n_rule_files++] = argv[++i];
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
    if ((n_lists == 0 && !db) || n_inputs == 0 || (n_list_names && !db)) {
        fprintf(stderr, "paxwatch screen: --watchlist (or --db) and at least one INPUT are needed; --list goes with --db\n");
        usage(stderr);
        goto done;
    }

    rc = EXIT_REJECTS;
    rulesets = calloc(n_rule_files + 1, sizeof *rulesets);
    if (!rulesets)
        goto done;
    for (size_t i = 0; i < n_rule_files; i++)
        if (pw_rules_load(rule_files[i], pw_error_print, stderr, &rulesets[i]) != PW_OK) {
            fprintf(stderr, "paxwatch screen: %s: rules not loaded\n", rule_files[i]);
            goto done;
        }
    if (db && !(store = cli_open_store("screen", db)))
        goto done;
    cli_lists loaded;
    bool rejected = false;
    if (cli_load_lists(lists, n_lists, store, list_names, n_list_names, &loaded, &rejected) != PW_OK)
        goto done;
    screen_totals tot = {0};
    for (size_t i = 0; i < n_inputs; i++) {
        pw_batch *b = pw_batch_new();
        if (!b)
            break;
        store_target target = {store, inputs[i], NULL, threshold};
        char hash[65] = "";
        pw_status st = cli_read_input(inputs[i], b, store ? hash : NULL);
        if (hash[0])
            target.content_hash = hash;
        if (st != PW_OK && st != PW_ERR_REJECTS) {
            rejected = true;
            pw_batch_free(b);
            continue;
        }
        rejected |= st == PW_ERR_REJECTS;
        if (isatty(STDERR_FILENO))
            fprintf(stderr, "\rscreening %s: %zu travelers ...", inputs[i], b->n);
        st = screen_and_print(loaded.index, rulesets, n_rule_files, b, threshold, (unsigned)threads, text,
                              store ? &target : NULL, &tot);
        if (isatty(STDERR_FILENO))
            fputs("\r\033[K", stderr);
        pw_batch_free(b);
        if (st != PW_OK) {
            fprintf(stderr, "paxwatch screen: %s: %s\n", inputs[i], pw_status_str(st));
            rejected = true;
        }
    }
    fflush(stdout);
    fprintf(stderr, "screened %zu of %zu travelers (%zu placeholders not screened): %zu hits, %zu rule hits;"
            " %zu sensitive PNR elements dropped\n", tot.screened, tot.travelers, tot.placeholders, tot.hits,
            tot.rule_hits, tot.sensitive);
    if (store)
        fprintf(stderr, "stored %zu messages, skipped %zu stored before and %zu reusing a stored reference with"
                " different content: %zu alerts raised (%zu repeats of confirmed pairs), %zu suppressed as"
                " dismissed\n", tot.messages_stored, tot.messages_known, tot.messages_conflicting, tot.alerts,
                tot.repeats, tot.suppressed);
    cli_lists_free(&loaded);
    rejected |= tot.messages_conflicting > 0;
    rc = rejected && !allow_rejects ? EXIT_REJECTS : EXIT_OK;
done:
    pw_store_close(store);
    free(list_names);
    for (size_t i = 0; rulesets && i < n_rule_files; i++)
        pw_rules_free(rulesets[i]);
    free(rulesets);
    free(rule_files);
    free(lists);
    free(inputs);
    return rc;
}

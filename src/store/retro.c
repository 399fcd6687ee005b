/*
 * retro.c — retro-screening: when a new version of a watchlist adds or
 * changes entries, the travelers stored in the last days are screened again
 * against those entries only, and what they raise is stored as retro alerts
 * under the same pair rules as live screening (a dismissed pair stays quiet
 * unless its entry changed; a confirmed pair alerts whatever the score).
 *
 * The run reads first and writes after: the travelers are streamed and
 * screened with no write transaction open (on SQLite a long run would
 * otherwise hold the database's one write lock for its whole length; on
 * PostgreSQL pw_store_travelers reads them through a cursor in a read
 * transaction of its own), the hits are
 * kept in memory (few: a thousand new entries against millions of travelers
 * hit a handful of them), then written in transactions of RETRO_BATCH hits.
 * A hit already stored for the same traveler and the same entry content is
 * not stored again, so a run that was interrupted (or repeated) is completed
 * by running it again, without duplicate alerts.
 */
#include <stdlib.h>
#include <string.h>

#include "store.h"

enum { RETRO_BATCH = 500 };

/* A hit waiting to be written, with what pw_store_save_hit needs of its
 * traveler (the fields of the identity key). */
typedef struct retro_hit {
    int64_t traveler_id;
    pw_traveler t;
    pw_hit hit;
} retro_hit;

typedef struct retro_run {
    pw_screener *screener;
    double threshold;
    pw_arena *arena;             /* the travelers' copied fields */
    retro_hit *hits;
    size_t n, cap;
    pw_status st;
    pw_retro_report *report;
} retro_run;

typedef struct entry_load {
    pw_watchlist *w;             /* copies each entry (pw_watchlist_add) */
    pw_status st;
} entry_load;

static void add_entry(void *ctx, const char *const *col, size_t n)
{
    entry_load *l = ctx;
    if (l->st != PW_OK)
        return;
    pw_arena *a = pw_arena_new();
    pw_entry e;
    if (!a)
        l->st = PW_ERR_NOMEM;
    else if (store_entry_from_json(col[1], col[0], col[2], a, &e) != PW_OK)
        l->st = PW_ERR_FORMAT;
    else
        l->st = pw_watchlist_add(l->w, &e);
    pw_arena_free(a);
}

/* The entries version of the list added or changed: the rows that start at
 * that version (those unchanged since the version before are shared with
 * it and start earlier). Whether a row is new or a change does not matter
 * here, so this is one scan of the list's rows, with no lookup per row. */
static pw_status load_new_entries(pw_store *s, const char *list_name, int version, pw_watchlist *w)
{
    store_val nv = sv_text(list_name);
    int64_t list_id;
    bool found;
    pw_status st = store_query_int(s, "SELECT id FROM lists WHERE name = ?", &nv, 1, &list_id, &found);
    if (st == PW_OK && !found)
        return store_fail(s, PW_ERR_NOTFOUND, "no list named '%s'", list_name);
    if (st != PW_OK)
        return st;
    entry_load l = {w, PW_OK};
    store_val v[] = {sv_int(list_id), sv_int(version)};
    st = store_query(s,
                     "SELECT l.name, n.entry_id, n.data FROM entries n JOIN lists l ON l.id = n.list_id"
                     " WHERE n.list_id = ? AND n.valid_from = ? ORDER BY n.id",
                     v, 2, add_entry, &l);
    if (st == PW_OK && l.st != PW_OK)
        st = store_fail(s, l.st, "cannot read the new entries: %s", pw_status_str(l.st));
    return st;
}

/* The traveler's identity fields, copied out of the callback's memory. */
static bool keep_traveler(pw_arena *a, const pw_traveler *t, pw_traveler *out)
{
    memset(out, 0, sizeof *out);
    out->id = pw_arena_strdup(a, t->id);
    out->surname = pw_arena_strdup(a, t->surname);
    out->given_names = pw_arena_strdup(a, t->given_names);
    out->name = pw_arena_strdup(a, t->name);
    out->dob = t->dob;
    out->sex = t->sex;
    memcpy(out->nationality, t->nationality, sizeof out->nationality);
    if (t->n_docs) {
        pw_document *d = pw_arena_alloc(a, sizeof *d);
        if (!d)
            return false;
        *d = t->docs[0];
        d->number = pw_arena_strdup(a, t->docs[0].number);
        out->docs = d;
        out->n_docs = 1;
    }
    if (t->booking) {
        /* The identity reads names the airline way when there is a booking. */
        out->booking = pw_arena_alloc(a, sizeof *out->booking);
        if (!out->booking)
            return false;
    }
    return true;
}

static void screen_one(void *ctx, const pw_stored_traveler *st)
{
    retro_run *r = ctx;
    if (r->st != PW_OK)
        return;
    if (st->masked) {
        r->report->masked++;
        return;
    }
    if (st->t->placeholder)
        return;
    r->report->travelers++;
    const pw_hit *hits;
    size_t n;
    r->st = pw_screen(r->screener, st->t, r->threshold, &hits, &n);
    if (r->st != PW_OK || n == 0)
        return;
    r->report->hits += n;
    if (r->n + n > r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 64;
        while (cap < r->n + n)
            cap *= 2;
        retro_hit *p = realloc(r->hits, cap * sizeof *p);
        if (!p) {
            r->st = PW_ERR_NOMEM;
            return;
        }
        r->hits = p;
        r->cap = cap;
    }
    pw_traveler kept;
    if (!keep_traveler(r->arena, st->t, &kept)) {
        r->st = PW_ERR_NOMEM;
        return;
    }
    for (size_t i = 0; i < n; i++)
        r->hits[r->n++] = (retro_hit){st->id, kept, hits[i]};
}

/* Writes hits [first, last) in one transaction. */
static pw_status write_batch(pw_store *s, const retro_run *r, size_t first, size_t last, int64_t now,
                             pw_retro_report *report)
{
    pw_retro_report counts = {0};
    pw_status st = store_begin(s);
    for (size_t i = first; i < last && st == PW_OK; i++) {
        const retro_hit *h = &r->hits[i];
        const pw_entry *e = h->hit.entry;
        char hash[33];
        pw_entry_hash(e, hash);
        int64_t one;
        bool stored;
        store_val k[] = {sv_int(h->traveler_id), sv_text(e->list ? e->list : ""), sv_text(e->id),
                         sv_text(hash)};
        st = store_query_int(s,
                             "SELECT 1 FROM hits WHERE traveler_id = ? AND list = ? AND entry_id = ?"
                             " AND entry_hash = ?",
                             k, 4, &one, &stored);
        if (st != PW_OK)
            break;
        if (stored) {
            counts.already++;
            continue;
        }
        pw_raise out;
        st = pw_store_save_hit(s, h->traveler_id, &h->t, &h->hit, r->threshold, PW_ALERT_RETRO, now,
                               &out, NULL);
        counts.alerts += out == PW_RAISE_NEW || out == PW_RAISE_KNOWN;
        counts.repeats += out == PW_RAISE_KNOWN;
        counts.suppressed += out == PW_RAISE_SUPPRESSED;
    }
    if (st != PW_OK) {
        if (s->in_tx)
            store_rollback(s);
        return st;
    }
    st = store_commit(s);
    if (st == PW_OK) {
        report->already += counts.already;
        report->alerts += counts.alerts;
        report->repeats += counts.repeats;
        report->suppressed += counts.suppressed;
    }
    return st;
}

pw_status pw_store_retro_screen(pw_store *s, const char *list_name, int version, int days,
                                double threshold, int64_t now, pw_retro_report *report)
{
    pw_retro_report dummy;
    if (!report)
        report = &dummy;
    memset(report, 0, sizeof *report);
    if (!list_name || version < 1 || days < 1 || threshold < 0 || threshold > 1)
        return store_fail(s, PW_ERR_ARG, "retro-screening needs a list, a version, days >= 1 and a threshold from 0 to 1");
    if (s->in_tx)
        return store_fail(s, PW_ERR_ARG, "retro-screening runs its own transactions; one is open");
    now = store_now(now);
    report->since = now - (int64_t)days * 86400;

    pw_watchlist *w = pw_watchlist_new();
    if (!w)
        return store_fail(s, PW_ERR_NOMEM, "out of memory");
    pw_status st = load_new_entries(s, list_name, version, w);
    report->entries = pw_watchlist_count(w);
    if (st != PW_OK || report->entries == 0) {
        pw_watchlist_free(w);
        return st;
    }

    pw_index *ix = NULL;
    retro_run r = {.threshold = threshold, .report = report, .st = PW_OK};
    const pw_watchlist *lists[1] = {w};
    st = pw_index_build(lists, 1, &ix);
    if (st != PW_OK)
        st = store_fail(s, st, "cannot index the new entries: %s", pw_status_str(st));
    if (st == PW_OK) {
        r.screener = pw_screener_new(ix);
        r.arena = pw_arena_new();
        if (!r.screener || !r.arena)
            st = store_fail(s, PW_ERR_NOMEM, "out of memory");
    }
    if (st == PW_OK) {
        st = pw_store_travelers(s, report->since, screen_one, &r);
        if (st == PW_OK && r.st != PW_OK)
            st = store_fail(s, r.st, "screening stored travelers: %s", pw_status_str(r.st));
    }
    for (size_t first = 0; st == PW_OK && first < r.n; first += RETRO_BATCH) {
        size_t last = first + RETRO_BATCH < r.n ? first + RETRO_BATCH : r.n;
        st = write_batch(s, &r, first, last, now, report);
    }
    free(r.hits);
    pw_arena_free(r.arena);
    pw_screener_free(r.screener);
    pw_index_free(ix);
    pw_watchlist_free(w);
    return st;
}

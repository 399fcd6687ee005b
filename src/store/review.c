/*
 * review.c — analysts' review of alerts, shared by both back ends: the
 * status machine (new → in_review → confirmed | dismissed; a decision may
 * also be taken straight from new; confirmed and dismissed are final), every
 * step recorded with who, when and why, and the decisions on (traveler
 * identity, watchlist entry) pairs that govern later hits: a dismissed pair
 * stays quiet until the entry changes; a confirmed pair alerts at once.
 */
#include <stdio.h>
#include <string.h>

#include "store.h"

static const char *const status_names[] = {"new", "in_review", "confirmed", "dismissed"};

const char *pw_alert_status_name(pw_alert_status s)
{
    return (unsigned)s < 4 ? status_names[s] : "?";
}

bool pw_alert_status_parse(const char *s, pw_alert_status *out)
{
    for (unsigned i = 0; s && i < 4; i++)
        if (strcmp(s, status_names[i]) == 0) {
            *out = (pw_alert_status)i;
            return true;
        }
    return false;
}

bool pw_alert_transition_allowed(pw_alert_status from, pw_alert_status to)
{
    switch (from) {
    case PW_ALERT_NEW:
        return to == PW_ALERT_IN_REVIEW || to == PW_ALERT_CONFIRMED || to == PW_ALERT_DISMISSED;
    case PW_ALERT_IN_REVIEW:
        return to == PW_ALERT_CONFIRMED || to == PW_ALERT_DISMISSED;
    default:
        return false;
    }
}

pw_raise review_decide(const char *decision, const char *decided_hash, const char *entry_hash)
{
    if (!decision)
        return PW_RAISE_NEW;
    if (strcmp(decision, "confirmed") == 0)
        return PW_RAISE_KNOWN;
    if (strcmp(decision, "dismissed") == 0 && strcmp(decided_hash, entry_hash) == 0)
        return PW_RAISE_SUPPRESSED;
    return PW_RAISE_NEW;    /* dismissed, but the entry has changed since */
}

typedef struct alert_state {
    bool found;
    pw_alert_status status;
    char kind[16];
    char list[256], entry_id[256], hash[33], identity[33];
} alert_state;

static void read_state(void *ctx, const char *const *col, size_t n)
{
    alert_state *a = ctx;
    a->found = true;
    pw_alert_status_parse(col[0], &a->status);
    store_copy_text(a->kind, sizeof a->kind, col[1]);
    store_copy_text(a->list, sizeof a->list, col[2]);
    store_copy_text(a->entry_id, sizeof a->entry_id, col[3]);
    store_copy_text(a->hash, sizeof a->hash, col[4]);
    store_copy_text(a->identity, sizeof a->identity, col[5]);
}

static pw_status apply_review(pw_store *s, int64_t alert_id, pw_alert_status to, const char *who,
                              const char *reason, int64_t now)
{
    alert_state a = {0};
    store_val id = sv_int(alert_id);
    pw_status st = store_query(s,
                               "SELECT status, kind, list, entry_id, entry_hash, identity_key FROM"
                               " alerts WHERE id = ?",
                               &id, 1, read_state, &a);
    if (st != PW_OK)
        return st;
    if (!a.found)
        return store_fail(s, PW_ERR_NOTFOUND, "no alert %lld", (long long)alert_id);
    if (!pw_alert_transition_allowed(a.status, to))
        return store_fail(s, PW_ERR_ARG, "alert %lld is %s: it cannot become %s",
                          (long long)alert_id, pw_alert_status_name(a.status), pw_alert_status_name(to));
    /* The status read above must still hold: two analysts do not both decide. */
    store_val u[] = {sv_text(pw_alert_status_name(to)), sv_int(now), id,
                     sv_text(pw_alert_status_name(a.status))};
    size_t changed;
    st = store_query_count(s, "UPDATE alerts SET status = ?, updated_at = ? WHERE id = ? AND status = ? RETURNING id",
                           u, 4, &changed);
    if (st == PW_OK && changed != 1)
        return store_fail(s, PW_ERR_ARG, "alert %lld was changed by someone else", (long long)alert_id);
    store_val e[] = {id, sv_text(pw_alert_status_name(a.status)), sv_text(pw_alert_status_name(to)),
                     sv_text(who), sv_text(reason), sv_int(now)};
    if (st == PW_OK)
        st = store_query(s,
                         "INSERT INTO review_events (alert_id, from_status, to_status, who, reason, at)"
                         " VALUES (?, ?, ?, ?, ?, ?)",
                         e, 6, NULL, NULL);
    bool decision = to == PW_ALERT_CONFIRMED || to == PW_ALERT_DISMISSED;
    /* A masked traveler has no identity left to remember a decision by. */
    if (st == PW_OK && decision && strcmp(a.kind, "watchlist") == 0 && a.identity[0]) {
        store_val p[] = {sv_text(a.identity), sv_text(a.list), sv_text(a.entry_id), sv_text(a.hash),
                         sv_text(pw_alert_status_name(to)), id, sv_int(now)};
        st = store_query(s,
                         "INSERT INTO pair_decisions (identity_key, list, entry_id, entry_hash,"
                         " decision, alert_id, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                         " ON CONFLICT (identity_key, list, entry_id) DO UPDATE SET"
                         " entry_hash = excluded.entry_hash, decision = excluded.decision,"
                         " alert_id = excluded.alert_id, decided_at = excluded.decided_at",
                         p, 7, NULL, NULL);
    }
    return st;
}

pw_status pw_store_review(pw_store *s, int64_t alert_id, pw_alert_status to, const char *who,
                          const char *reason, int64_t now)
{
    if (!who || !*who)
        return store_fail(s, PW_ERR_ARG, "a review needs the reviewer's name");
    if ((to == PW_ALERT_CONFIRMED || to == PW_ALERT_DISMISSED) && (!reason || !*reason))
        return store_fail(s, PW_ERR_ARG, "a decision (%s) needs a reason", pw_alert_status_name(to));
    pw_status st = store_begin(s);
    if (st != PW_OK)
        return st;
    st = apply_review(s, alert_id, to, who, reason, store_now(now));
    if (st == PW_OK)
        return store_commit(s);
    store_rollback(s);
    return st;
}

typedef struct event_ctx {
    void (*fn)(void *ctx, const pw_review_event *e);
    void *ctx;
} event_ctx;

static void event_row(void *ctx, const char *const *col, size_t n)
{
    event_ctx *c = ctx;
    pw_review_event e = {0};
    e.alert_id = store_parse_int(col[0]);
    pw_alert_status_parse(col[1], &e.from);
    pw_alert_status_parse(col[2], &e.to);
    e.who = col[3];
    e.reason = col[4];
    e.at = store_parse_int(col[5]);
    c->fn(c->ctx, &e);
}

pw_status pw_store_review_events(pw_store *s, int64_t alert_id,
                                 void (*fn)(void *ctx, const pw_review_event *e), void *ctx)
{
    event_ctx c = {fn, ctx};
    store_val v = sv_int(alert_id);
    return store_query(s,
                       "SELECT alert_id, from_status, to_status, who, reason, at FROM review_events"
                       " WHERE alert_id = ? ORDER BY id",
                       &v, 1, event_row, &c);
}

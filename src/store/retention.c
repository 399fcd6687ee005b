/*
 * retention.c — how long personal data is kept. The default policy is the
 * model of Directive (EU) 2016/681 (the PNR Directive), Art. 12: PNR data is
 * depersonalised six months after its transfer (Art. 12(2): names, other
 * names on the record, address and contact details, payment and frequent
 * flyer data, general remarks, and any API data collected with it) and
 * deleted after five years (Art. 12(4)); API data of travelers without an
 * alert is deleted once it is no longer needed: 24 hours after arrival by
 * default. Travelers with a confirmed alert are kept whole for their case and
 * deleted confirmed_delete_months after the confirmation. Masking also
 * clears the hits' explanations (they quote name tokens) and the alerts'
 * identity keys; analysts' decisions on pairs are deleted with the periods
 * of the data they concern. Every run is
 * recorded with its counts, in the same transaction as its changes.
 */
#include <stdio.h>
#include <string.h>

#include "store.h"

void pw_retention_defaults(pw_retention_policy *p)
{
    p->pnr_mask_months = 6;
    p->pnr_delete_months = 60;
    p->api_delete_hours = 24;
    p->confirmed_delete_months = 60;
}

#define NOT_CONFIRMED " AND id NOT IN (SELECT traveler_id FROM alerts WHERE status = 'confirmed')"

static pw_status run_policy(pw_store *s, const pw_retention_policy *p, int64_t now,
                            pw_retention_report *r)
{
    pw_status st = PW_OK;
    if (p->confirmed_delete_months > 0) {
        store_val v = sv_int(store_months_before(now, p->confirmed_delete_months));
        st = store_query_count(s,
                               "DELETE FROM travelers WHERE id IN (SELECT traveler_id FROM alerts"
                               " WHERE status = 'confirmed' GROUP BY traveler_id HAVING"
                               " MAX(updated_at) < ?) RETURNING id",
                               &v, 1, &r->deleted_confirmed);
    }
    if (st == PW_OK && p->pnr_delete_months > 0) {
        store_val v = sv_int(store_months_before(now, p->pnr_delete_months));
        st = store_query_count(s, "DELETE FROM travelers WHERE received_at < ?" NOT_CONFIRMED
                               " RETURNING id", &v, 1, &r->deleted_pnr);
    }
    if (st == PW_OK && p->api_delete_hours > 0) {
        store_val v = sv_int(now - (int64_t)p->api_delete_hours * 3600);
        st = store_query_count(s,
                               "DELETE FROM travelers WHERE pnr = 0 AND COALESCE(arr_time, dep_time,"
                               " received_at) < ? AND id NOT IN (SELECT traveler_id FROM alerts)"
                               " RETURNING id",
                               &v, 1, &r->deleted_api);
    }
    if (st == PW_OK && p->pnr_mask_months > 0) {
        store_val v[] = {sv_int(now), sv_int(store_months_before(now, p->pnr_mask_months))};
        st = store_query_count(s,
                               "UPDATE travelers SET masked_at = ?, identity_key = NULL, surname = NULL,"
                               " given_names = NULL, name = NULL, title = NULL, dob = NULL, sex = NULL,"
                               " nationality = NULL, residence = NULL, birth_place = NULL, docs = NULL,"
                               " booking = NULL, infant_of = NULL WHERE masked_at IS NULL AND"
                               " received_at < ?" NOT_CONFIRMED " RETURNING id",
                               v, 2, &r->masked);
    }
    if (st == PW_OK && r->masked) {
        /* The hits' explanations quote name tokens; the alerts' identity keys link people. */
        st = store_query(s,
                         "UPDATE hits SET explain = NULL WHERE explain IS NOT NULL AND traveler_id IN"
                         " (SELECT id FROM travelers WHERE masked_at IS NOT NULL)",
                         NULL, 0, NULL, NULL);
        if (st == PW_OK)
            st = store_query(s,
                             "UPDATE alerts SET identity_key = NULL WHERE identity_key IS NOT NULL AND"
                             " traveler_id IN (SELECT id FROM travelers WHERE masked_at IS NOT NULL)",
                             NULL, 0, NULL, NULL);
    }
    /* Decisions on pairs go with the data they were taken on. */
    if (st == PW_OK && p->pnr_delete_months > 0) {
        store_val v = sv_int(store_months_before(now, p->pnr_delete_months));
        st = store_query_count(s, "DELETE FROM pair_decisions WHERE decision = 'dismissed' AND"
                               " decided_at < ? RETURNING alert_id", &v, 1, &r->deleted_decisions);
    }
    if (st == PW_OK && p->confirmed_delete_months > 0) {
        store_val v = sv_int(store_months_before(now, p->confirmed_delete_months));
        size_t n = 0;
        st = store_query_count(s, "DELETE FROM pair_decisions WHERE decision = 'confirmed' AND"
                               " decided_at < ? RETURNING alert_id", &v, 1, &n);
        r->deleted_decisions += n;
    }
    if (st != PW_OK)
        return st;
    char policy[160];
    snprintf(policy, sizeof policy,
             "pnr_mask_months=%d pnr_delete_months=%d api_delete_hours=%d confirmed_delete_months=%d",
             p->pnr_mask_months, p->pnr_delete_months, p->api_delete_hours, p->confirmed_delete_months);
    store_val v[] = {sv_int(now), sv_text(policy), sv_int((int64_t)r->masked),
                     sv_int((int64_t)r->deleted_pnr), sv_int((int64_t)r->deleted_api),
                     sv_int((int64_t)r->deleted_confirmed), sv_int((int64_t)r->deleted_decisions)};
    bool found;
    return store_query_int(s,
                           "INSERT INTO retention_runs (run_at, policy, masked, deleted_pnr,"
                           " deleted_api, deleted_confirmed, deleted_decisions) VALUES"
                           " (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           v, 7, &r->run_id, &found);
}

pw_status pw_store_retention(pw_store *s, const pw_retention_policy *p, int64_t now,
                             pw_retention_report *report)
{
    pw_retention_policy defaults;
    pw_retention_report dummy;
    if (!p) {
        pw_retention_defaults(&defaults);
        p = &defaults;
    }
    if (!report)
        report = &dummy;
    memset(report, 0, sizeof *report);
    report->run_at = now = store_now(now);
    pw_status st = store_begin(s);
    if (st != PW_OK)
        return st;
    st = run_policy(s, p, now, report);
    if (st == PW_OK)
        st = store_commit(s);
    else
        store_rollback(s);
    if (st != PW_OK) {
        memset(report, 0, sizeof *report);
        report->run_at = now;
    }
    return st;
}

typedef struct run_ctx {
    void (*fn)(void *ctx, const pw_retention_report *r);
    void *ctx;
} run_ctx;

static void run_row(void *ctx, const char *const *col, size_t n)
{
    run_ctx *c = ctx;
    pw_retention_report r = {
        .run_id = store_parse_int(col[0]),
        .run_at = store_parse_int(col[1]),
        .masked = (size_t)store_parse_int(col[2]),
        .deleted_pnr = (size_t)store_parse_int(col[3]),
        .deleted_api = (size_t)store_parse_int(col[4]),
        .deleted_confirmed = (size_t)store_parse_int(col[5]),
        .deleted_decisions = (size_t)store_parse_int(col[6]),
    };
    c->fn(c->ctx, &r);
}

pw_status pw_store_retention_runs(pw_store *s, void (*fn)(void *ctx, const pw_retention_report *r),
                                  void *ctx)
{
    run_ctx c = {fn, ctx};
    return store_query(s,
                       "SELECT id, run_at, masked, deleted_pnr, deleted_api, deleted_confirmed,"
                       " deleted_decisions FROM retention_runs ORDER BY id",
                       NULL, 0, run_row, &c);
}

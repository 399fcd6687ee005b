/*
 * ingest.c — screening results kept: one ingest (a message or an input file)
 * per transaction, its identity (sender + interchange reference, else the
 * content hash) unique so that a message ingested twice is stored once; the
 * travelers with their flight legs and booking; the hits; the alerts, raised
 * through the pair rules of review.c. Also reads stored travelers back.
 * A message whose sender and reference were stored before is told apart by
 * its content hash: the same message again, or a conflicting reuse of the
 * reference (neither is stored; the caller reports the conflict).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "store.h"

/* The stored ingest of an identity. */
typedef struct stored_ingest {
    bool found;
    int64_t id;
    char content_hash[72];
} stored_ingest;

static void read_stored_ingest(void *ctx, const char *const *col, size_t n)
{
    stored_ingest *r = ctx;
    r->found = true;
    r->id = store_parse_int(col[0]);
    store_copy_text(r->content_hash, sizeof r->content_hash, col[1]);
}

pw_status pw_store_start_ingest(pw_store *s, const pw_ingest_info *info, int64_t *ingest_id,
                                pw_ingest_seen *seen)
{
    *ingest_id = 0;
    *seen = PW_INGEST_NEW;
    char identity[512];
    bool by_ref = info->sender && *info->sender && info->interchange_ref && *info->interchange_ref;
    const char *hash = info->content_hash ? info->content_hash : "";
    if (by_ref)
        snprintf(identity, sizeof identity, "ref:%s|%s", info->sender, info->interchange_ref);
    else if (*hash)
        snprintf(identity, sizeof identity, "hash:%s", hash);
    else
        return store_fail(s, PW_ERR_ARG, "an ingest needs a sender and interchange reference or a content hash");
    pw_status st = store_begin(s);
    if (st != PW_OK)
        return st;
    store_val id = sv_text(identity);
    stored_ingest old = {false, 0, ""};
    st = store_query(s, "SELECT id, content_hash FROM ingests WHERE identity = ?", &id, 1,
                     read_stored_ingest, &old);
    if (st == PW_OK && old.found) {
        store_rollback(s);
        *ingest_id = old.id;
        /* A hash unknown on either side (e.g. stored before hashes were kept
         * for referenced messages) cannot tell: the same message. */
        *seen = by_ref && *hash && old.content_hash[0] && strcmp(hash, old.content_hash) != 0
                    ? PW_INGEST_CONFLICT : PW_INGEST_DUPLICATE;
        return PW_OK;
    }
    store_val v[] = {id, sv_text(info->sender), sv_text(info->interchange_ref),
                     sv_text(*hash ? hash : NULL), sv_text(info->source),
                     sv_int(store_now(info->received_at))};
    bool found;
    if (st == PW_OK)
        st = store_query_int(s,
                             "INSERT INTO ingests (identity, sender, interchange_ref, content_hash,"
                             " source, received_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                             v, 6, ingest_id, &found);
    if (st != PW_OK)
        store_rollback(s);
    return st;
}

pw_status pw_store_begin_ingest(pw_store *s, const pw_ingest_info *info, int64_t *ingest_id,
                                bool *already)
{
    pw_ingest_seen seen;
    pw_status st = pw_store_start_ingest(s, info, ingest_id, &seen);
    *already = seen != PW_INGEST_NEW;
    return st;
}

pw_status pw_store_commit_ingest(pw_store *s, int64_t ingest_id, size_t sensitive_dropped)
{
    if (!s->in_tx)
        return store_fail(s, PW_ERR_ARG, "no ingest is open");
    store_val v[] = {sv_int((int64_t)sensitive_dropped), sv_int(store_now(0)), sv_int(ingest_id),
                     sv_int(ingest_id)};
    pw_status st = store_query(s,
                               "UPDATE ingests SET sensitive_dropped = ?, committed_at = ?, travelers ="
                               " (SELECT COUNT(*) FROM travelers WHERE ingest_id = ?) WHERE id = ?",
                               v, 4, NULL, NULL);
    if (st != PW_OK) {
        store_rollback(s);
        return st;
    }
    return store_commit(s);
}

void pw_store_abort_ingest(pw_store *s)
{
    if (s->in_tx)
        store_rollback(s);
}

typedef struct ingest_ctx {
    void (*fn)(void *ctx, const pw_ingest_record *r);
    void *ctx;
} ingest_ctx;

static void ingest_row(void *ctx, const char *const *col, size_t n)
{
    ingest_ctx *c = ctx;
    pw_ingest_record r = {
        .id = store_parse_int(col[0]),
        .sender = col[1],
        .interchange_ref = col[2],
        .content_hash = col[3],
        .source = col[4],
        .received_at = store_parse_int(col[5]),
        .travelers = (size_t)store_parse_int(col[6]),
        .sensitive_dropped = (size_t)store_parse_int(col[7]),
    };
    c->fn(c->ctx, &r);
}

pw_status pw_store_ingests(pw_store *s, void (*fn)(void *ctx, const pw_ingest_record *r), void *ctx)
{
    ingest_ctx c = {fn, ctx};
    return store_query(s,
                       "SELECT id, sender, interchange_ref, content_hash, source, received_at,"
                       " travelers, sensitive_dropped FROM ingests ORDER BY id",
                       NULL, 0, ingest_row, &c);
}

/* ------------------------------------------------------------- travelers */

static json_t *jstr(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *docs_json(const pw_document *d, size_t n)
{
    json_t *a = json_array();
    char buf[16];
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "type", json_string(d[i].type));
        json_object_set_new(o, "country", json_string(d[i].country));
        json_object_set_new(o, "number", jstr(d[i].number));
        pw_date_format(d[i].expiry, buf, sizeof buf);
        json_object_set_new(o, "expiry", json_string(buf));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *legs_json(const pw_leg *l, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "carrier", jstr(l[i].carrier));
        json_object_set_new(o, "flight", jstr(l[i].flight));
        json_object_set_new(o, "dep", json_string(l[i].dep_airport));
        json_object_set_new(o, "arr", json_string(l[i].arr_airport));
        json_object_set_new(o, "dep_time", json_integer(l[i].dep_time));
        json_object_set_new(o, "arr_time", json_integer(l[i].arr_time));
        json_object_set_new(o, "operating", jstr(l[i].operating));
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *strings_json(const char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, jstr(v[i]));
    return a;
}

/* The booking's personal parts (masked by retention) and its itinerary. */
static json_t *booking_json(const pw_booking *b)
{
    json_t *o = json_object();
    json_object_set_new(o, "created", json_integer(b->created));
    json_object_set_new(o, "booked", json_integer(b->booked));
    json_object_set_new(o, "payment_type", jstr(b->payment_type));
    json_object_set_new(o, "card_hash", jstr(b->card_hash));
    json_object_set_new(o, "agency", jstr(b->agency));
    json_object_set_new(o, "phones", strings_json(b->phones, b->n_phones));
    json_object_set_new(o, "emails", strings_json(b->emails, b->n_emails));
    json_object_set_new(o, "addresses", strings_json(b->addresses, b->n_addresses));
    json_object_set_new(o, "travelers", strings_json(b->traveler_ids, b->n_travelers));
    json_object_set_new(o, "legs", legs_json(b->legs, b->n_legs));
    return o;
}

static char *dump(json_t *j)
{
    char *s = json_dumps(j, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(j);
    return s;
}

/* A traveler's stored fields as one JSON object: what a message says about
 * it, without where it was read from. */
static json_t *traveler_content(const pw_traveler *t)
{
    char dob[16], sex[2] = {t->sex, 0};
    pw_date_format(t->dob, dob, sizeof dob);
    json_t *o = json_object();
    json_object_set_new(o, "ref", jstr(t->id));
    json_object_set_new(o, "surname", jstr(t->surname));
    json_object_set_new(o, "given_names", jstr(t->given_names));
    json_object_set_new(o, "name", jstr(t->name));
    json_object_set_new(o, "title", jstr(t->title));
    json_object_set_new(o, "dob", json_string(dob));
    json_object_set_new(o, "sex", json_string(sex));
    json_object_set_new(o, "nationality", json_string(t->nationality));
    json_object_set_new(o, "residence", json_string(t->residence));
    json_object_set_new(o, "birth_place", jstr(t->birth_place));
    json_object_set_new(o, "role", json_integer(t->role));
    json_object_set_new(o, "placeholder", json_boolean(t->placeholder));
    json_object_set_new(o, "docs", docs_json(t->docs, t->n_docs));
    json_object_set_new(o, "legs", legs_json(t->legs, t->n_legs));
    json_object_set_new(o, "seat", jstr(t->seat));
    json_object_set_new(o, "bags", json_integer(t->bags));
    json_object_set_new(o, "infant_of", jstr(t->infant_of));
    if (t->booking) {
        json_object_set_new(o, "locator", jstr(t->booking->locator));
        json_object_set_new(o, "booking", booking_json(t->booking));
    }
    return o;
}

void pw_store_message_digest(const pw_traveler *travelers, size_t n, char out[65])
{
    crypto_generichash_state h;
    unsigned char bin[32];
    crypto_generichash_init(&h, NULL, 0, sizeof bin);
    for (size_t i = 0; i < n; i++) {
        char *text = dump(traveler_content(&travelers[i]));
        if (!text) {
            out[0] = '\0';
            return;
        }
        /* with its NUL: one traveler ends where the next begins */
        crypto_generichash_update(&h, (const unsigned char *)text, strlen(text) + 1);
        free(text);
    }
    crypto_generichash_final(&h, bin, sizeof bin);
    sodium_bin2hex(out, 65, bin, sizeof bin);
}

pw_status pw_store_save_traveler(pw_store *s, int64_t ingest_id, const pw_traveler *t,
                                 int64_t *traveler_id)
{
    *traveler_id = 0;
    if (!s->in_tx)
        return store_fail(s, PW_ERR_ARG, "no ingest is open");
    char identity[33], dob[16], sex[2] = {t->sex, 0};
    pw_traveler_identity(t, identity);
    pw_date_format(t->dob, dob, sizeof dob);
    const pw_leg *legs = t->legs;
    size_t n_legs = t->n_legs;
    if (!n_legs && t->booking) {
        legs = t->booking->legs;
        n_legs = t->booking->n_legs;
    }
    int64_t dep = n_legs ? legs[0].dep_time : 0, arr = 0;
    for (size_t i = 0; i < n_legs; i++)
        if (legs[i].arr_time > arr)
            arr = legs[i].arr_time;
    char *docs = dump(docs_json(t->docs, t->n_docs));
    char *legs_text = dump(legs_json(t->legs, t->n_legs));
    char *booking = t->booking ? dump(booking_json(t->booking)) : NULL;
    int64_t received = 0;
    bool found;
    store_val iv = sv_int(ingest_id);
    pw_status st = store_query_int(s, "SELECT received_at FROM ingests WHERE id = ?", &iv, 1,
                                   &received, &found);
    if (st == PW_OK && !found)
        st = store_fail(s, PW_ERR_NOTFOUND, "no ingest %lld", (long long)ingest_id);
    if (st == PW_OK && (!docs || !legs_text || (t->booking && !booking)))
        st = store_fail(s, PW_ERR_NOMEM, "out of memory");
    store_val v[] = {
        iv, sv_text(t->id), sv_text(identity), sv_text(t->surname), sv_text(t->given_names),
        sv_text(t->name), sv_text(t->title), sv_text(dob[0] ? dob : NULL),
        sv_text(t->sex ? sex : NULL), sv_text(t->nationality[0] ? t->nationality : NULL),
        sv_text(t->residence[0] ? t->residence : NULL), sv_text(t->birth_place),
        sv_int(t->role), sv_int(t->placeholder), sv_text(docs), sv_text(legs_text),
        sv_text(t->seat), sv_int(t->bags), sv_text(t->infant_of),
        sv_text(n_legs ? legs[0].flight : NULL), sv_int_or_null(dep), sv_int_or_null(arr),
        sv_text(t->booking ? t->booking->locator : NULL), sv_text(booking),
        sv_text(t->source.file), sv_text(t->source.message_ref), sv_text(t->source.sender),
        sv_int(t->booking != NULL), sv_int(received),
    };
    if (st == PW_OK)
        st = store_query_int(s,
                             "INSERT INTO travelers (ingest_id, ref, identity_key, surname, given_names,"
                             " name, title, dob, sex, nationality, residence, birth_place, role,"
                             " placeholder, docs, legs, seat, bags, infant_of, flight, dep_time,"
                             " arr_time, locator, booking, source_file, message_ref, sender, pnr,"
                             " received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                             " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                             v, sizeof v / sizeof *v, traveler_id, &found);
    free(docs);
    free(legs_text);
    free(booking);
    return st;
}

/* ----------------------------------------------------------- hits, alerts */

typedef struct pair_row {
    bool found;
    char decision[16];
    char hash[33];
    int64_t alert_id;
} pair_row;

static void read_pair(void *ctx, const char *const *col, size_t n)
{
    pair_row *p = ctx;
    p->found = true;
    store_copy_text(p->decision, sizeof p->decision, col[0]);
    store_copy_text(p->hash, sizeof p->hash, col[1]);
    p->alert_id = store_parse_int(col[2]);
}

typedef struct traveler_flight {
    char flight[32];
    int64_t dep_time;
    bool found;
} traveler_flight;

static void read_flight(void *ctx, const char *const *col, size_t n)
{
    traveler_flight *f = ctx;
    f->found = true;
    store_copy_text(f->flight, sizeof f->flight, col[0]);
    f->dep_time = store_parse_int(col[1]);
}

static pw_status insert_alert(pw_store *s, int64_t traveler_id, const char *kind, const char *list,
                              const char *entry_id, const char *category, const char *entry_hash,
                              const char *rule, const char *reason, double score, unsigned flags,
                              int64_t repeat_of, const char *identity, int64_t now, int64_t *alert_id)
{
    traveler_flight f = {"", 0, false};
    store_val tv = sv_int(traveler_id);
    pw_status st = store_query(s, "SELECT flight, dep_time FROM travelers WHERE id = ?", &tv, 1,
                               read_flight, &f);
    if (st == PW_OK && !f.found)
        return store_fail(s, PW_ERR_NOTFOUND, "no traveler %lld", (long long)traveler_id);
    store_val v[] = {tv, sv_text(kind), sv_text(list), sv_text(entry_id), sv_text(category),
                     sv_text(entry_hash), sv_text(rule), sv_text(reason), sv_real(score),
                     sv_text(pw_alert_status_name(PW_ALERT_NEW)), sv_int((flags & PW_ALERT_RETRO) != 0),
                     sv_int_or_null(repeat_of), sv_text(identity), sv_text(f.flight[0] ? f.flight : NULL),
                     sv_int_or_null(f.dep_time), sv_int(now), sv_int(now)};
    bool found;
    if (st == PW_OK)
        st = store_query_int(s,
                             "INSERT INTO alerts (traveler_id, kind, list, entry_id, category, entry_hash,"
                             " rule, reason, score, status, retro, repeat_of, identity_key, flight,"
                             " dep_time, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?,"
                             " ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                             v, sizeof v / sizeof *v, alert_id, &found);
    return st;
}

static const char *raise_name(pw_raise r)
{
    switch (r) {
    case PW_RAISE_NEW: return "alert";
    case PW_RAISE_SUPPRESSED: return "suppressed";
    case PW_RAISE_KNOWN: return "known";
    default: return "below_threshold";
    }
}

/* Evidence names as in the hits' JSON (FORMATS.md); kept here so that
 * storing a hit does not depend on the matcher. */
static const char *dob_name(pw_dob_evidence e)
{
    static const char *const names[] = {"missing", "exact", "partial", "swapped", "near", "conflict"};
    return (unsigned)e < sizeof names / sizeof *names ? names[e] : "missing";
}

static const char *field_name(pw_field_evidence e)
{
    static const char *const names[] = {"missing", "match", "conflict"};
    return (unsigned)e < sizeof names / sizeof *names ? names[e] : "missing";
}

static char *explain_json(const pw_explain *x)
{
    json_t *o = json_object();
    json_object_set_new(o, "name", json_real(x->name));
    json_object_set_new(o, "matched", json_string(x->matched));
    json_object_set_new(o, "dob", json_string(dob_name(x->dob)));
    json_object_set_new(o, "sex", json_string(field_name(x->sex)));
    json_object_set_new(o, "nationality", json_string(field_name(x->nationality)));
    json_object_set_new(o, "document", json_string(field_name(x->document)));
    return dump(o);
}

pw_status pw_store_save_hit(pw_store *s, int64_t traveler_id, const pw_traveler *t,
                            const pw_hit *h, double threshold, unsigned flags, int64_t now,
                            pw_raise *outcome, int64_t *alert_id)
{
    pw_raise dummy_outcome;
    int64_t dummy_id;
    if (!outcome)
        outcome = &dummy_outcome;
    if (!alert_id)
        alert_id = &dummy_id;
    *outcome = PW_RAISE_NONE;
    *alert_id = 0;
    now = store_now(now);
    const pw_entry *e = h->entry;
    char identity[33], entry_hash[33];
    pw_traveler_identity(t, identity);
    pw_entry_hash(e, entry_hash);
    const char *list = e->list ? e->list : "";
    const char *category = pw_category_name(e->category);
    pw_status st = PW_OK;
    pair_row pair = {false, "", "", 0};
    store_val k[] = {sv_text(identity), sv_text(list), sv_text(e->id)};
    st = store_query(s,
                     "SELECT decision, entry_hash, alert_id FROM pair_decisions WHERE"
                     " identity_key = ? AND list = ? AND entry_id = ?",
                     k, 3, read_pair, &pair);
    if (st != PW_OK)
        return st;
    *outcome = review_decide(pair.found ? pair.decision : NULL, pair.hash, entry_hash);
    /* A confirmed pair alerts whatever the score; others need the threshold. */
    if (*outcome != PW_RAISE_KNOWN && h->score < threshold)
        *outcome = PW_RAISE_NONE;
    if (*outcome == PW_RAISE_NEW || *outcome == PW_RAISE_KNOWN)
        st = insert_alert(s, traveler_id, "watchlist", list, e->id, category, entry_hash, NULL, NULL,
                          h->score, flags, *outcome == PW_RAISE_KNOWN ? pair.alert_id : 0, identity,
                          now, alert_id);
    if (st != PW_OK)
        return st;
    char *explain = explain_json(&h->explain);
    store_val v[] = {sv_int(traveler_id), sv_text(list), sv_text(e->id), sv_text(category),
                     sv_text(entry_hash), sv_real(h->score), sv_text(explain),
                     sv_text(raise_name(*outcome))};
    st = store_query(s,
                     "INSERT INTO hits (traveler_id, list, entry_id, category, entry_hash, score,"
                     " explain, outcome) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     v, 8, NULL, NULL);
    free(explain);
    return st;
}

pw_status pw_store_raise_rule_alert(pw_store *s, int64_t traveler_id, const char *rule,
                                    double score, const char *reason, unsigned flags,
                                    int64_t now, int64_t *alert_id)
{
    int64_t dummy;
    if (!alert_id)
        alert_id = &dummy;
    if (!rule || !*rule)
        return store_fail(s, PW_ERR_ARG, "a rule alert needs the rule's name");
    return insert_alert(s, traveler_id, "rule", NULL, NULL, NULL, NULL, rule, reason, score, flags,
                        0, NULL, store_now(now), alert_id);
}

/* ---------------------------------------------------------- alert queries */

typedef struct alert_ctx {
    pw_alert_fn fn;
    void *ctx;
} alert_ctx;

static void alert_row(void *ctx, const char *const *col, size_t n)
{
    alert_ctx *c = ctx;
    pw_alert a = {0};
    a.id = store_parse_int(col[0]);
    a.traveler_id = store_parse_int(col[1]);
    pw_alert_status_parse(col[2], &a.status);
    a.kind = col[3];
    a.list = col[4];
    a.entry_id = col[5];
    a.category = col[6];
    a.rule = col[7];
    a.reason = col[8];
    a.score = col[9] ? strtod(col[9], NULL) : 0;
    a.retro = store_parse_int(col[10]) != 0;
    a.repeat_of = store_parse_int(col[11]);
    a.created_at = store_parse_int(col[12]);
    a.traveler_ref = col[13];
    char name[512];
    if (col[14] || col[15]) {
        snprintf(name, sizeof name, "%s%s%s", col[14] ? col[14] : "", col[14] && col[15] ? ", " : "",
                 col[15] ? col[15] : "");
        a.name = name;
    } else {
        a.name = col[16];
    }
    a.flight = col[17];
    a.dep_time = store_parse_int(col[18]);
    c->fn(c->ctx, &a);
}

pw_status pw_store_alerts(pw_store *s, const pw_alert_filter *f, pw_alert_fn fn, void *ctx)
{
    char sql[1024];
    size_t len = (size_t)snprintf(sql, sizeof sql,
        "SELECT a.id, a.traveler_id, a.status, a.kind, a.list, a.entry_id, a.category, a.rule,"
        " a.reason, a.score, a.retro, a.repeat_of, a.created_at, t.ref, t.surname, t.given_names,"
        " t.name, a.flight, a.dep_time FROM alerts a JOIN travelers t ON t.id = a.traveler_id"
        " WHERE 1 = 1");
    store_val v[6];
    size_t n = 0;
    if (f && f->id) {
        len += (size_t)snprintf(sql + len, sizeof sql - len, " AND a.id = ?");
        v[n++] = sv_int(f->id);
    }
    if (f && f->by_status) {
        len += (size_t)snprintf(sql + len, sizeof sql - len, " AND a.status = ?");
        v[n++] = sv_text(pw_alert_status_name(f->status));
    }
    if (f && f->list) {
        len += (size_t)snprintf(sql + len, sizeof sql - len, " AND a.list = ?");
        v[n++] = sv_text(f->list);
    }
    if (f && f->category) {
        len += (size_t)snprintf(sql + len, sizeof sql - len, " AND a.category = ?");
        v[n++] = sv_text(f->category);
    }
    if (f && f->flight) {
        len += (size_t)snprintf(sql + len, sizeof sql - len, " AND a.flight = ?");
        v[n++] = sv_text(f->flight);
    }
    if (f && f->since) {
        len += (size_t)snprintf(sql + len, sizeof sql - len, " AND a.created_at >= ?");
        v[n++] = sv_int(f->since);
    }
    snprintf(sql + len, sizeof sql - len, " ORDER BY a.id DESC");
    alert_ctx c = {fn, ctx};
    return store_query(s, sql, v, n, alert_row, &c);
}

/* -------------------------------------------------- travelers, read back */

typedef struct traveler_ctx {
    void (*fn)(void *ctx, const pw_stored_traveler *t);
    void *ctx;
    size_t rows;
    pw_status st;
} traveler_ctx;

static const char *jget(json_t *o, const char *k, pw_arena *a)
{
    return pw_arena_strdup(a, json_string_value(json_object_get(o, k)));
}

static void copy3(char out[4], const char *s)
{
    snprintf(out, 4, "%s", s ? s : "");
}

static pw_leg *legs_from(json_t *arr, pw_arena *a, size_t *n)
{
    *n = json_array_size(arr);
    pw_leg *legs = pw_arena_alloc(a, (*n ? *n : 1) * sizeof *legs);
    for (size_t i = 0; i < *n; i++) {
        json_t *o = json_array_get(arr, i);
        legs[i].carrier = jget(o, "carrier", a);
        legs[i].flight = jget(o, "flight", a);
        copy3(legs[i].dep_airport, json_string_value(json_object_get(o, "dep")));
        copy3(legs[i].arr_airport, json_string_value(json_object_get(o, "arr")));
        legs[i].dep_time = json_integer_value(json_object_get(o, "dep_time"));
        legs[i].arr_time = json_integer_value(json_object_get(o, "arr_time"));
        legs[i].operating = jget(o, "operating", a);
    }
    return legs;
}

static const char **strings_from(json_t *arr, pw_arena *a, size_t *n)
{
    *n = json_array_size(arr);
    const char **v = pw_arena_alloc(a, (*n ? *n : 1) * sizeof *v);
    for (size_t i = 0; i < *n; i++)
        v[i] = pw_arena_strdup(a, json_string_value(json_array_get(arr, i)));
    return v;
}

static void traveler_row(void *ctx, const char *const *col, size_t n)
{
    traveler_ctx *c = ctx;
    c->rows++;
    if (c->st != PW_OK)
        return;
    pw_arena *a = pw_arena_new();
    if (!a) {
        c->st = PW_ERR_NOMEM;
        return;
    }
    pw_traveler t = {0};
    pw_stored_traveler st = {.t = &t};
    st.id = store_parse_int(col[0]);
    st.ingest_id = store_parse_int(col[1]);
    st.received_at = store_parse_int(col[2]);
    st.pnr = store_parse_int(col[3]) != 0;
    st.masked = col[4] != NULL;
    t.id = pw_arena_strdup(a, col[5]);
    t.surname = pw_arena_strdup(a, col[6]);
    t.given_names = pw_arena_strdup(a, col[7]);
    t.name = pw_arena_strdup(a, col[8]);
    t.title = pw_arena_strdup(a, col[9]);
    if (col[10])
        pw_date_parse(col[10], &t.dob);
    t.sex = col[11] ? col[11][0] : 0;
    copy3(t.nationality, col[12]);
    copy3(t.residence, col[13]);
    t.birth_place = pw_arena_strdup(a, col[14]);
    t.role = (pw_role)store_parse_int(col[15]);
    t.placeholder = store_parse_int(col[16]) != 0;
    json_t *docs = json_loads(col[17] ? col[17] : "[]", 0, NULL);
    t.n_docs = json_array_size(docs);
    t.docs = pw_arena_alloc(a, (t.n_docs ? t.n_docs : 1) * sizeof *t.docs);
    for (size_t i = 0; i < t.n_docs; i++) {
        json_t *o = json_array_get(docs, i);
        copy3(t.docs[i].type, json_string_value(json_object_get(o, "type")));
        copy3(t.docs[i].country, json_string_value(json_object_get(o, "country")));
        t.docs[i].number = jget(o, "number", a);
        const char *exp = json_string_value(json_object_get(o, "expiry"));
        if (exp && *exp)
            pw_date_parse(exp, &t.docs[i].expiry);
    }
    json_decref(docs);
    json_t *legs = json_loads(col[18] ? col[18] : "[]", 0, NULL);
    t.legs = legs_from(legs, a, &t.n_legs);
    json_decref(legs);
    t.seat = pw_arena_strdup(a, col[19]);
    t.bags = (unsigned)store_parse_int(col[20]);
    t.infant_of = pw_arena_strdup(a, col[21]);
    if (st.pnr) {
        pw_booking *b = pw_arena_alloc(a, sizeof *b);
        b->locator = pw_arena_strdup(a, col[22]);
        json_t *o = col[23] ? json_loads(col[23], 0, NULL) : NULL;
        if (o) {
            b->created = json_integer_value(json_object_get(o, "created"));
            b->booked = json_integer_value(json_object_get(o, "booked"));
            b->payment_type = jget(o, "payment_type", a);
            b->card_hash = jget(o, "card_hash", a);
            b->agency = jget(o, "agency", a);
            b->phones = strings_from(json_object_get(o, "phones"), a, &b->n_phones);
            b->emails = strings_from(json_object_get(o, "emails"), a, &b->n_emails);
            b->addresses = strings_from(json_object_get(o, "addresses"), a, &b->n_addresses);
            b->traveler_ids = strings_from(json_object_get(o, "travelers"), a, &b->n_travelers);
            b->legs = legs_from(json_object_get(o, "legs"), a, &b->n_legs);
            json_decref(o);
        }
        t.booking = b;
    }
    t.source.file = pw_arena_strdup(a, col[24]);
    t.source.message_ref = pw_arena_strdup(a, col[25]);
    t.source.sender = pw_arena_strdup(a, col[26]);
    c->fn(c->ctx, &st);
    pw_arena_free(a);
}

#define TRAVELERS_SINCE                                                                       \
    "SELECT id, ingest_id, received_at, pnr, masked_at, ref, surname, given_names, name, title,"  \
    " dob, sex, nationality, residence, birth_place, role, placeholder, docs, legs, seat, bags,"  \
    " infant_of, locator, booking, source_file, message_ref, sender FROM travelers"              \
    " WHERE received_at >= ? ORDER BY received_at, id"

/* PostgreSQL: libpq hands over a query's whole result at once, so the rows
 * are read through a cursor, PW_STORE_FETCH_ROWS at a time, in the caller's
 * transaction or else in one of its own. Between two batches the connection
 * is free: fn may use the store. */
static pw_status travelers_by_cursor(pw_store *s, store_val since, traveler_ctx *c)
{
    bool own = !s->in_tx;
    pw_status st = own ? store_begin(s) : PW_OK;
    if (st != PW_OK)
        return st;
    st = store_query(s, "DECLARE pw_travelers NO SCROLL CURSOR FOR " TRAVELERS_SINCE, &since, 1,
                     NULL, NULL);
    char fetch[48];
    snprintf(fetch, sizeof fetch, "FETCH %d FROM pw_travelers", PW_STORE_FETCH_ROWS);
    /* A batch shorter than asked for is the last. */
    for (size_t got = PW_STORE_FETCH_ROWS; st == PW_OK && c->st == PW_OK && got == PW_STORE_FETCH_ROWS;) {
        size_t before = c->rows;
        st = store_query(s, fetch, NULL, 0, traveler_row, c);
        got = c->rows - before;
    }
    if (st == PW_OK)
        st = store_exec(s, "CLOSE pw_travelers");
    if (own && st == PW_OK)
        st = store_commit(s);
    else if (own)
        store_rollback(s);
    return st;
}

pw_status pw_store_travelers(pw_store *s, int64_t since,
                             void (*fn)(void *ctx, const pw_stored_traveler *t), void *ctx)
{
    traveler_ctx c = {fn, ctx, 0, PW_OK};
    store_val v = sv_int(since);
    pw_status st = s->drv->dialect == STORE_POSTGRES
                       ? travelers_by_cursor(s, v, &c)
                       : store_query(s, TRAVELERS_SINCE, &v, 1, traveler_row, &c);
    return st == PW_OK ? c.st : st;
}

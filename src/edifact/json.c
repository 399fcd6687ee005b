/*
 * json.c — a traveler as one JSON Lines object (jansson), the output of
 * `paxwatch parse`: id, names, dob, sex, nationality, role, docs, legs, the
 * booking (pnr, times, payment type, card hash, agency, contacts,
 * co-travelers) and the source (file, message reference, segment).
 */
#include <jansson.h>
#include <string.h>
#include <time.h>

#include "paxwatch.h"

static const char *role_name(pw_role r)
{
    switch (r) {
    case PW_ROLE_PASSENGER: return "passenger";
    case PW_ROLE_CREW: return "crew";
    case PW_ROLE_INFANT: return "infant";
    case PW_ROLE_TRANSIT: return "transit";
    }
    return "passenger";
}

static void set_str(json_t *o, const char *key, const char *v)
{
    if (v && *v)
        json_object_set_new(o, key, json_string(v));
}

static void set_time(json_t *o, const char *key, int64_t t)
{
    if (!t)
        return;
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[32];
    gmtime_r(&tt, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%MZ", &tm);
    json_object_set_new(o, key, json_string(buf));
}

static void set_date(json_t *o, const char *key, pw_date d)
{
    char buf[16];
    pw_date_format(d, buf, sizeof buf);
    set_str(o, key, buf);
}

static json_t *strings(const char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        if (v[i])
            json_array_append_new(a, json_string(v[i]));
    return a;
}

static json_t *leg_json(const pw_leg *l)
{
    json_t *o = json_object();
    set_str(o, "carrier", l->carrier);
    set_str(o, "flight", l->flight);
    set_str(o, "from", l->dep_airport);
    set_str(o, "to", l->arr_airport);
    set_time(o, "departure", l->dep_time);
    set_time(o, "arrival", l->arr_time);
    set_str(o, "operating", l->operating);
    return o;
}

void pw_traveler_json(const pw_traveler *t, FILE *out)
{
    json_t *o = json_object();
    set_str(o, "id", t->id);
    set_str(o, "surname", t->surname);
    set_str(o, "given_names", t->given_names);
    set_str(o, "name", t->name);
    set_str(o, "title", t->title);
    set_date(o, "dob", t->dob);
    if (t->sex) {
        char s[2] = {t->sex, 0};
        json_object_set_new(o, "sex", json_string(s));
    }
    set_str(o, "nationality", t->nationality);
    set_str(o, "residence", t->residence);
    set_str(o, "birth_place", t->birth_place);
    json_object_set_new(o, "role", json_string(role_name(t->role)));
    if (t->placeholder)
        json_object_set_new(o, "placeholder", json_true());
    json_t *docs = json_array();
    for (size_t i = 0; i < t->n_docs; i++) {
        const pw_document *d = &t->docs[i];
        json_t *jd = json_object();
        set_str(jd, "type", d->type);
        set_str(jd, "number", d->number);
        set_str(jd, "country", d->country);
        set_date(jd, "expiry", d->expiry);
        json_array_append_new(docs, jd);
    }
    json_object_set_new(o, "docs", docs);
    json_t *legs = json_array();
    for (size_t i = 0; i < t->n_legs; i++)
        json_array_append_new(legs, leg_json(&t->legs[i]));
    json_object_set_new(o, "legs", legs);
    set_str(o, "infant_of", t->infant_of);
    set_str(o, "seat", t->seat);
    if (t->bags)
        json_object_set_new(o, "bags", json_integer(t->bags));
    const pw_booking *b = t->booking;
    if (b) {
        set_str(o, "pnr", b->locator);
        json_t *jb = json_object();
        set_time(jb, "created", b->created);
        set_time(jb, "booked", b->booked);
        set_str(jb, "payment_type", b->payment_type);
        set_str(jb, "card_hash", b->card_hash);
        set_str(jb, "agency", b->agency);
        if (b->n_phones)
            json_object_set_new(jb, "phones", strings(b->phones, b->n_phones));
        if (b->n_emails)
            json_object_set_new(jb, "emails", strings(b->emails, b->n_emails));
        if (b->n_addresses)
            json_object_set_new(jb, "addresses", strings(b->addresses, b->n_addresses));
        json_t *co = json_array();
        for (size_t i = 0; i < b->n_travelers; i++)
            if (b->traveler_ids[i] && (!t->id || strcmp(b->traveler_ids[i], t->id) != 0))
                json_array_append_new(co, json_string(b->traveler_ids[i]));
        json_object_set_new(jb, "co_travelers", co);
        json_object_set_new(o, "booking", jb);
    }
    json_t *src = json_object();
    set_str(src, "file", t->source.file);
    set_str(src, "message_ref", t->source.message_ref);
    set_str(src, "sender", t->source.sender);
    if (t->source.segment)
        json_object_set_new(src, "segment", json_integer(t->source.segment));
    if (t->source.line)
        json_object_set_new(src, "line", json_integer(t->source.line));
    json_object_set_new(o, "source", src);
    json_dumpf(o, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
}

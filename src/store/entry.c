/*
 * entry.c — the stored form of a watchlist entry and of a traveler's
 * identity: canonical JSON (keys sorted, compact) for entries, whose BLAKE2b
 * hash tells a changed entry from an unchanged one between list versions, and
 * the identity key that analysts' decisions on (traveler, entry) pairs hang on.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "store.h"

static json_t *string_array(const char *const *v, size_t n)
{
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        if (v[i])
            json_array_append_new(a, json_string(v[i]));
    return a;
}

char *store_entry_json(const pw_entry *e, const char *category_override)
{
    json_t *o = json_object();
    if (!o)
        return NULL;
    pw_category cat = e->category;
    if (category_override)
        pw_category_parse(category_override, &cat);
    json_object_set_new(o, "category", json_string(pw_category_name(cat)));
    json_object_set_new(o, "names", string_array(e->names, e->n_names));
    if (e->n_dobs) {
        json_t *a = json_array();
        char buf[16];
        for (size_t i = 0; i < e->n_dobs; i++) {
            pw_date_format(e->dobs[i], buf, sizeof buf);
            json_array_append_new(a, json_string(buf));
        }
        json_object_set_new(o, "dobs", a);
    }
    if (e->sex)
        json_object_set_new(o, "sex", json_stringn(&e->sex, 1));
    if (e->n_nationalities) {
        json_t *a = json_array();
        for (size_t i = 0; i < e->n_nationalities; i++)
            json_array_append_new(a, json_string(e->nationalities[i]));
        json_object_set_new(o, "nationalities", a);
    }
    if (e->n_docs) {
        json_t *a = json_array();
        char buf[16];
        for (size_t i = 0; i < e->n_docs; i++) {
            const pw_document *d = &e->docs[i];
            json_t *dj = json_object();
            json_object_set_new(dj, "type", json_string(d->type));
            json_object_set_new(dj, "country", json_string(d->country));
            if (d->number)
                json_object_set_new(dj, "number", json_string(d->number));
            if (pw_date_known(d->expiry)) {
                pw_date_format(d->expiry, buf, sizeof buf);
                json_object_set_new(dj, "expiry", json_string(buf));
            }
            json_array_append_new(a, dj);
        }
        json_object_set_new(o, "docs", a);
    }
    char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
    json_decref(o);
    return s;
}

void store_hash_hex(const char *data, size_t len, char out[33])
{
    unsigned char h[16];
    crypto_generichash(h, sizeof h, (const unsigned char *)data, len, NULL, 0);
    sodium_bin2hex(out, 33, h, sizeof h);
}

void pw_entry_hash(const pw_entry *e, char out[33])
{
    char *json = store_entry_json(e, NULL);
    if (!json) {
        out[0] = '\0';
        return;
    }
    store_hash_hex(json, strlen(json), out);
    free(json);
}

static const char *str_at(json_t *a, size_t i)
{
    const char *s = json_string_value(json_array_get(a, i));
    return s ? s : "";
}

pw_status store_entry_from_json(const char *id, const char *list, const char *text, pw_arena *a,
                                pw_entry *e)
{
    memset(e, 0, sizeof *e);
    json_t *o = json_loads(text ? text : "", 0, NULL);
    if (!json_is_object(o)) {
        json_decref(o);
        return PW_ERR_FORMAT;
    }
    e->id = pw_arena_strdup(a, id);
    e->list = pw_arena_strdup(a, list);
    pw_category_parse(json_string_value(json_object_get(o, "category")), &e->category);
    json_t *v = json_object_get(o, "names");
    size_t n = json_array_size(v);
    e->names = pw_arena_alloc(a, (n ? n : 1) * sizeof *e->names);
    for (size_t i = 0; i < n; i++)
        e->names[e->n_names++] = pw_arena_strdup(a, str_at(v, i));
    v = json_object_get(o, "dobs");
    n = json_array_size(v);
    e->dobs = pw_arena_alloc(a, (n ? n : 1) * sizeof *e->dobs);
    for (size_t i = 0; i < n; i++)
        if (pw_date_parse(str_at(v, i), &e->dobs[e->n_dobs]))
            e->n_dobs++;
    const char *sex = json_string_value(json_object_get(o, "sex"));
    e->sex = sex ? sex[0] : 0;
    v = json_object_get(o, "nationalities");
    n = json_array_size(v);
    e->nationalities = pw_arena_alloc(a, (n ? n : 1) * sizeof *e->nationalities);
    for (size_t i = 0; i < n; i++)
        snprintf(e->nationalities[e->n_nationalities++], 4, "%s", str_at(v, i));
    v = json_object_get(o, "docs");
    n = json_array_size(v);
    e->docs = pw_arena_alloc(a, (n ? n : 1) * sizeof *e->docs);
    for (size_t i = 0; i < n; i++) {
        json_t *dj = json_array_get(v, i);
        pw_document *d = &e->docs[e->n_docs++];
        const char *s;
        if ((s = json_string_value(json_object_get(dj, "type"))))
            snprintf(d->type, sizeof d->type, "%s", s);
        if ((s = json_string_value(json_object_get(dj, "country"))))
            snprintf(d->country, sizeof d->country, "%s", s);
        d->number = pw_arena_strdup(a, json_string_value(json_object_get(dj, "number")));
        if ((s = json_string_value(json_object_get(dj, "expiry"))))
            pw_date_parse(s, &d->expiry);
    }
    json_decref(o);
    return PW_OK;
}

static int cmp_token(const void *a, const void *b)
{
    return strcmp(a, b);
}

void pw_traveler_identity(const pw_traveler *t, char out[33])
{
    /* The folded name tokens (the text module's: Nguyễn and NGUYEN agree), sorted so
     * that "SURNAME GIVEN" and "GIVEN SURNAME" agree too. */
    pw_name_tokens nt;
    bool split = (t->surname && *t->surname) || (t->given_names && *t->given_names);
    if (pw_name_split(split ? t->surname : NULL, split ? t->given_names : NULL, split ? NULL : t->name,
                      t->booking ? PW_NAME_AIRLINE : 0, &nt) != PW_OK)
        nt.n = 0;
    char tokens[PW_MAX_TOKENS][PW_MAX_TOKEN];
    size_t n = nt.n;
    memcpy(tokens, nt.token, sizeof tokens);
    qsort(tokens, n, sizeof tokens[0], cmp_token);
    char key[1400];
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(key + len, sizeof key - len, "%s%s", i ? " " : "", tokens[i]);
    char dob[16];
    pw_date_format(t->dob, dob, sizeof dob);
    len += (size_t)snprintf(key + len, sizeof key - len, "|%s|", dob);
    if (t->n_docs && t->docs[0].number) {
        for (const char *p = t->docs[0].number; *p && len < sizeof key - 1; p++) {
            if ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
                key[len++] = *p;
            else if (*p >= 'a' && *p <= 'z')
                key[len++] = (char)(*p - 32);
        }
    }
    key[len] = '\0';
    store_hash_hex(key, len, out);
}

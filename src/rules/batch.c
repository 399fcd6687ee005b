/*
 * batch.c — rules over a whole batch of travelers: finds each traveler's
 * co-travelers (the others on its booking, and travelers whose bookings
 * share a contact phone, an e-mail address or a payment card hash with its
 * own) and evaluates the rules for every traveler with them.
 *
 * Links are found by sorting (kind, key, traveler) triples, so a batch of n
 * travelers costs O(n log n), not O(n^2). A phone, e-mail or card shared by
 * more than BATCH_MAX_LINK_GROUP travelers is an agency's or a company's,
 * not a sign of travelling together, and links nobody.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

#define BATCH_MAX_LINK_GROUP 32
#define BATCH_MAX_CO 256

enum { KEY_BOOKING = 0, KEY_PHONE, KEY_EMAIL, KEY_CARD };

typedef struct link_key {
    const char *text;         /* normalized, in the arena */
    uint32_t traveler;
    uint8_t kind;
} link_key;

typedef struct membership {
    uint32_t traveler;
    uint32_t start, end;      /* the group: a range of sorted keys */
} membership;

static int compare_keys(const void *a, const void *b)
{
    const link_key *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    int c = strcmp(x->text, y->text);
    if (c)
        return c;
    return x->traveler < y->traveler ? -1 : x->traveler > y->traveler;
}

static int compare_members(const void *a, const void *b)
{
    const membership *x = a, *y = b;
    if (x->traveler != y->traveler)
        return x->traveler < y->traveler ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Phones compare by their digits, e-mail addresses without case. */
static const char *normalize(pw_arena *a, int kind, const char *s)
{
    if (!s || !*s)
        return NULL;
    size_t n = strlen(s);
    char *out = pw_arena_alloc(a, n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (kind == KEY_PHONE) {
            if (c >= '0' && c <= '9')
                out[o++] = c;
        } else {
            out[o++] = (kind == KEY_EMAIL && c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
        }
    }
    out[o] = 0;
    return o >= (kind == KEY_PHONE ? 6u : 1u) ? out : NULL;
}

typedef struct key_list {
    link_key *items;
    size_t n, cap;
} key_list;

static bool add_key(key_list *k, pw_arena *a, int kind, const char *raw, size_t traveler)
{
    const char *text = normalize(a, kind, raw);
    if (!text)
        return true;
    if (k->n == k->cap) {
        size_t cap = k->cap ? 2 * k->cap : 64;
        link_key *grown = realloc(k->items, cap * sizeof *grown);
        if (!grown)
            return false;
        k->items = grown;
        k->cap = cap;
    }
    k->items[k->n++] = (link_key){text, (uint32_t)traveler, (uint8_t)kind};
    return true;
}

static bool collect_keys(const pw_traveler *travelers, size_t n, pw_arena *a, key_list *keys)
{
    for (size_t i = 0; i < n; i++) {
        const pw_booking *b = travelers[i].booking;
        if (!b)
            continue;
        char self[32];
        const char *locator = b->locator;
        if (!locator || !*locator) {
            snprintf(self, sizeof self, "@%p", (const void *)b);
            locator = self;
        }
        bool ok = add_key(keys, a, KEY_BOOKING, locator, i) && add_key(keys, a, KEY_CARD, b->card_hash, i);
        for (size_t j = 0; ok && j < b->n_phones; j++)
            ok = add_key(keys, a, KEY_PHONE, b->phones[j], i);
        for (size_t j = 0; ok && j < b->n_emails; j++)
            ok = add_key(keys, a, KEY_EMAIL, b->emails[j], i);
        if (!ok)
            return false;
    }
    return true;
}

pw_status pw_rules_eval_batch(const pw_ruleset *rs, const pw_traveler *travelers, size_t n,
                              const pw_hit *const *hits, const size_t *n_hits, int64_t now,
                              pw_rule_hit_fn on_hit, void *ctx)
{
    if (!rs || (n && !travelers) || !on_hit || n > UINT32_MAX)
        return PW_ERR_ARG;
    pw_status st = PW_ERR_NOMEM;
    pw_arena *arena = pw_arena_new();
    key_list keys = {NULL, 0, 0};
    membership *members = NULL;
    size_t n_members = 0;
    uint32_t *stamp = calloc(n ? n : 1, sizeof *stamp);
    pw_rule_subject *co = malloc(BATCH_MAX_CO * sizeof *co);
    size_t cap_hits = rs->n_rules ? rs->n_rules : 1;
    pw_rule_hit *out = malloc(cap_hits * sizeof *out);
    if (!arena || !stamp || !co || !out || !collect_keys(travelers, n, arena, &keys))
        goto done;
    if (keys.n)
        qsort(keys.items, keys.n, sizeof *keys.items, compare_keys);

    /* groups of two or more travelers sharing a key */
    members = malloc((keys.n ? keys.n : 1) * sizeof *members);
    if (!members)
        goto done;
    for (size_t s = 0, e; s < keys.n; s = e) {
        e = s + 1;
        while (e < keys.n && keys.items[e].kind == keys.items[s].kind
               && strcmp(keys.items[e].text, keys.items[s].text) == 0)
            e++;
        size_t size = e - s;
        if (size < 2 || (keys.items[s].kind != KEY_BOOKING && size > BATCH_MAX_LINK_GROUP))
            continue;
        for (size_t k = s; k < e; k++)
            members[n_members++] = (membership){keys.items[k].traveler, (uint32_t)s, (uint32_t)e};
    }
    if (n_members)
        qsort(members, n_members, sizeof *members, compare_members);

    st = PW_OK;
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        size_t n_co = 0;
        while (m < n_members && members[m].traveler < i)
            m++;
        for (; m < n_members && members[m].traveler == i; m++) {
            for (uint32_t k = members[m].start; k < members[m].end && n_co < BATCH_MAX_CO; k++) {
                uint32_t j = keys.items[k].traveler;
                if (j == i || stamp[j] == i + 1)
                    continue;
                stamp[j] = (uint32_t)(i + 1);
                co[n_co].traveler = &travelers[j];
                co[n_co].hits = hits ? hits[j] : NULL;
                co[n_co].n_hits = hits && hits[j] && n_hits ? n_hits[j] : 0;
                n_co++;
            }
        }
        pw_rule_context cx = {&travelers[i], hits ? hits[i] : NULL, hits && hits[i] && n_hits ? n_hits[i] : 0,
                              co, n_co, NULL, now};
        size_t n_out = 0;
        pw_status s = pw_rules_eval(rs, &cx, out, cap_hits, &n_out);
        if (s != PW_OK)
            st = s;
        for (size_t h = 0; h < n_out; h++)
            on_hit(ctx, i, &out[h]);
    }
done:
    free(out);
    free(co);
    free(stamp);
    free(members);
    free(keys.items);
    pw_arena_free(arena);
    return st;
}

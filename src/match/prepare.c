/*
 * prepare.c — a name as the matcher sees it: the text module's folded
 * tokens (a name of one token written twice, SUHARTO SUHARTO or LI LI, has
 * its second marked MATCH_TOKEN_REPEATS), with its
 * concatenations (see match.h), and the phonetic keys and variant groups of
 * every unit. Whether a token is a particle depends on its letters only,
 * never on the field it came from, so that both sides of a comparison
 * agree (LE / VAN HIEN from a passport, "LÊ Văn Hiển" on a list).
 */
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "model/model.h"

/* ------------------------------------------------------ feature cache */

typedef struct cached {
    uint64_t hash;           /* 0: empty */
    uint64_t phonetic[MATCH_PHONETIC_KEYS];
    uint32_t str;            /* offset of its letters in strs */
    uint32_t groups;         /* offset of its groups in group_pool */
    uint32_t respelt;
    uint8_t len, n_groups;
    bool weak;
} cached;

struct match_feature_cache {
    cached *slots;
    size_t mask, n;
    char *strs;
    size_t n_strs, cap_strs;
    uint32_t *group_pool;
    size_t n_pool, cap_pool;
};

match_feature_cache *match_feature_cache_new(void)
{
    match_feature_cache *c = calloc(1, sizeof *c);
    if (c && !(c->slots = calloc(1u << 12, sizeof *c->slots))) {
        free(c);
        return NULL;
    }
    if (c)
        c->mask = (1u << 12) - 1;
    return c;
}

void match_feature_cache_free(match_feature_cache *c)
{
    if (!c)
        return;
    free(c->slots);
    free(c->strs);
    free(c->group_pool);
    free(c);
}

static bool cache_grow(match_feature_cache *c)
{
    size_t size = (c->mask + 1) * 2;
    cached *slots = calloc(size, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i <= c->mask; i++)
        if (c->slots[i].hash) {
            size_t at = c->slots[i].hash & (size - 1);
            while (slots[at].hash)
                at = (at + 1) & (size - 1);
            slots[at] = c->slots[i];
        }
    free(c->slots);
    c->slots = slots;
    c->mask = size - 1;
    return true;
}

/* The features of a unit through the cache (computed and kept on a miss;
 * computed only, when memory runs out). */
static void cached_features(match_feature_cache *c, const char *s, unsigned len, match_features *out,
                            uint32_t *group_store)
{
    uint64_t h = match_hash(s, len);
    size_t at = h & c->mask;
    for (; c->slots[at].hash; at = (at + 1) & c->mask) {
        const cached *k = &c->slots[at];
        if (k->hash == h && k->len == len && memcmp(c->strs + k->str, s, len) == 0) {
            memcpy(out->phonetic, k->phonetic, sizeof out->phonetic);
            out->weak = k->weak;
            out->respelt = k->respelt;
            out->n_groups = k->n_groups;
            if (k->n_groups)                 /* no pool before the first group */
                memcpy(group_store, c->group_pool + k->groups, k->n_groups * sizeof *group_store);
            out->groups = group_store;
            return;
        }
    }
    match_features_of(s, len, out, group_store);
    if ((c->n + 1) * 2 > c->mask + 1) {
        if (!cache_grow(c))
            return;
        for (at = h & c->mask; c->slots[at].hash; at = (at + 1) & c->mask)
            ;
    }
    if (c->n_strs + len > UINT32_MAX || c->n_pool + out->n_groups > UINT32_MAX ||
        model_grow((void **)&c->strs, &c->cap_strs, c->n_strs + len, 1) != PW_OK ||
        model_grow((void **)&c->group_pool, &c->cap_pool, c->n_pool + out->n_groups, sizeof *c->group_pool) != PW_OK)
        return;
    cached *k = &c->slots[at];
    *k = (cached){h, {0}, (uint32_t)c->n_strs, (uint32_t)c->n_pool, out->respelt, (uint8_t)len, out->n_groups,
                  out->weak};
    memcpy(k->phonetic, out->phonetic, sizeof k->phonetic);
    memcpy(c->strs + c->n_strs, s, len);
    c->n_strs += len;
    if (out->n_groups) {
        memcpy(c->group_pool + c->n_pool, out->groups, out->n_groups * sizeof *c->group_pool);
        c->n_pool += out->n_groups;
    }
    c->n++;
}

/* ------------------------------------------------------------- names */

const char *match_unit(const match_name *m, unsigned u, unsigned *len)
{
    if (u < m->n) {
        *len = m->len[u];
        return m->token[u];
    }
    *len = m->concat_len[u - m->n];
    return m->concat[u - m->n];
}

unsigned match_unit_masks(unsigned n, const uint8_t *flags, uint16_t masks[MATCH_MAX_UNITS])
{
    unsigned k = 0;
    for (unsigned i = 0; i < n; i++)
        masks[k++] = (uint16_t)(1u << i);
    for (unsigned i = 0; i + 1 < n; i++)
        masks[k++] = (uint16_t)(3u << i);
    for (unsigned i = 0; i < n && k < MATCH_MAX_UNITS;) {
        unsigned j = i;
        while (j < n && (flags[j] & PW_TOKEN_PARTICLE))
            j++;
        if (j - i >= 2 && j < n)
            masks[k++] = (uint16_t)(((1u << (j - i + 1)) - 1) << i);
        i = j > i ? j : i + 1;
    }
    return k;
}

static bool from_tokens(const pw_name_tokens *t, match_name *out, match_feature_cache *cache)
{
    memset(out, 0, offsetof(match_name, token));
    for (unsigned i = 0; i < t->n; i++) {
        size_t len = strnlen(t->token[i], PW_MAX_TOKEN - 1);
        if (len == 0)
            continue;
        memcpy(out->token[out->n], t->token[i], len);
        out->token[out->n][len] = '\0';
        out->len[out->n] = (uint8_t)len;
        out->flags[out->n] = t->flags[i];
        out->n++;
    }
    if (out->n == 2 && out->len[0] == out->len[1] && memcmp(out->token[0], out->token[1], out->len[0]) == 0)
        out->flags[1] |= MATCH_TOKEN_REPEATS;         /* SUHARTO SUHARTO, LI LI */
    for (unsigned i = 0; i < out->n; i++)
        if (!(out->flags[i] & PW_TOKEN_PARTICLE))
            out->n_significant++;
    uint16_t masks[MATCH_MAX_UNITS];
    out->n_units = match_unit_masks(out->n, out->flags, masks);
    for (unsigned u = out->n; u < out->n_units; u++) {
        char *c = out->concat[u - out->n];
        unsigned len = 0;
        for (unsigned i = 0; i < out->n; i++)
            if (masks[u] & (1u << i)) {
                unsigned l = out->len[i];
                if (len + l >= MATCH_MAX_CONCAT)
                    l = MATCH_MAX_CONCAT - 1 - len;    /* 31-letter tokens: cut, never overflow */
                memcpy(c + len, out->token[i], l);
                len += l;
            }
        c[len] = '\0';
        out->concat_len[u - out->n] = (uint8_t)len;
    }
    for (unsigned u = 0; u < match_units(out); u++) {
        unsigned len;
        const char *s = match_unit(out, u, &len);
        if (cache)
            cached_features(cache, s, len, &out->features[u], out->group_store[u]);
        else
            match_features_of(s, len, &out->features[u], out->group_store[u]);
    }
    return out->n > 0;
}

bool match_prepare_cached(const char *surname, const char *given, const char *whole, unsigned flags,
                          match_name *out, match_feature_cache *cache)
{
    pw_name_tokens t;
    if (pw_name_split(surname, given, whole, flags, &t) != PW_OK) {
        out->n = out->n_significant = out->n_units = 0;
        return false;
    }
    return from_tokens(&t, out, cache);
}

bool match_prepare(const char *surname, const char *given, const char *whole, unsigned flags,
                   match_name *out)
{
    return match_prepare_cached(surname, given, whole, flags, out, NULL);
}

bool match_prepare_traveler(const pw_traveler *t, match_name *out)
{
    bool split = (t->surname && *t->surname) || (t->given_names && *t->given_names);
    return match_prepare(split ? t->surname : NULL, split ? t->given_names : NULL,
                         split ? NULL : t->name, t->booking ? PW_NAME_AIRLINE : 0, out);
}

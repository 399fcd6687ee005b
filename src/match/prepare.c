/*
 * prepare.c — a name as the matcher sees it: the text module's folded
 * tokens (a mononym written twice, SUHARTO SUHARTO, is one token), with its
 * concatenations (see match.h), and the phonetic keys and variant groups of
 * every unit. Whether a token is a particle depends on its letters only,
 * never on the field it came from, so that both sides of a comparison
 * agree (LE / VAN HIEN from a passport, "LÊ Văn Hiển" on a list).
 */
#include <string.h>

#include "match.h"

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

static bool from_tokens(const pw_name_tokens *t, match_name *out)
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
        out->n = 1;                                   /* SUHARTO SUHARTO */
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
        match_features_of(s, len, &out->features[u], out->group_store[u]);
    }
    return out->n > 0;
}

bool match_prepare(const char *surname, const char *given, const char *whole, unsigned flags,
                   match_name *out)
{
    pw_name_tokens t;
    if (pw_name_split(surname, given, whole, flags, &t) != PW_OK) {
        out->n = out->n_significant = out->n_units = 0;
        return false;
    }
    return from_tokens(&t, out);
}

bool match_prepare_traveler(const pw_traveler *t, match_name *out)
{
    bool split = (t->surname && *t->surname) || (t->given_names && *t->given_names);
    return match_prepare(split ? t->surname : NULL, split ? t->given_names : NULL,
                         split ? NULL : t->name, t->booking ? PW_NAME_AIRLINE : 0, out);
}

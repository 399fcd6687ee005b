/*
 * prepare.c — a name as the matcher sees it: the text module's folded
 * tokens, without repeats (an Indonesian mononym written SUHARTO SUHARTO is
 * one token), with the concatenation of each pair of neighbours, and the
 * phonetic key and variant groups of every unit.
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

static bool from_tokens(const pw_name_tokens *t, match_name *out)
{
    memset(out, 0, offsetof(match_name, token));
    for (unsigned i = 0; i < t->n; i++) {
        size_t len = strnlen(t->token[i], PW_MAX_TOKEN - 1);
        if (len == 0)
            continue;
        bool repeat = false;
        for (unsigned j = 0; j < out->n && !repeat; j++)
            repeat = out->len[j] == len && memcmp(out->token[j], t->token[i], len) == 0;
        if (repeat)
            continue;
        memcpy(out->token[out->n], t->token[i], len);
        out->token[out->n][len] = '\0';
        out->len[out->n] = (uint8_t)len;
        out->flags[out->n] = t->flags[i];
        if (!(t->flags[i] & PW_TOKEN_PARTICLE))
            out->n_significant++;
        out->n++;
    }
    for (unsigned i = 0; i + 1 < out->n; i++) {
        unsigned a = out->len[i], b = out->len[i + 1];
        memcpy(out->concat[i], out->token[i], a);
        memcpy(out->concat[i] + a, out->token[i + 1], b);
        out->concat[i][a + b] = '\0';
        out->concat_len[i] = (uint8_t)(a + b);
    }
    for (unsigned u = 0; u < match_units(out); u++) {
        unsigned len;
        const char *s = match_unit(out, u, &len);
        match_features_of(s, len, &out->features[u]);
    }
    return out->n > 0;
}

bool match_prepare(const char *surname, const char *given, const char *whole, unsigned flags,
                   match_name *out)
{
    pw_name_tokens t;
    if (pw_name_split(surname, given, whole, flags, &t) != PW_OK) {
        out->n = out->n_significant = 0;
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

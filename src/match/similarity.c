/*
 * similarity.c — how alike two folded name tokens are.
 *
 * Four kinds of evidence, strongest first: the same letters; the same
 * variant group (romanizations a key cannot join, LEE/YI/RHEE, and English
 * nicknames, WILLIAM/BILL); the same phonetic key (MOHAMMED/MUHAMMAD); one
 * typing error (Damerau–Levenshtein distance 1) in tokens of four letters or
 * more (not in concatenations of two tokens: joined and mistyped at once is
 * too far). The index finds candidates through exactly these four relations
 * (letters and their one-deletion neighbourhood, phonetic key, group), so
 * nothing else may give a positive similarity.
 */
#include <string.h>

#include "match.h"

uint64_t match_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;         /* FNV-1a, then a final mix */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h ? h : 1;
}

void match_features_of(const char *s, unsigned len, match_features *out)
{
    char key[PW_MAX_TOKEN * 2 + 8];
    char tok[MATCH_MAX_CONCAT + 1];
    memcpy(tok, s, len);
    tok[len] = '\0';
    size_t klen = pw_phonetic_key(tok, key, sizeof key);
    out->phonetic = klen >= 2 ? match_hash(key, klen) : 0;
    uint32_t groups[MATCH_MAX_GROUPS];
    size_t n = pw_name_groups(tok, groups, MATCH_MAX_GROUPS);
    if (n > MATCH_MAX_GROUPS)
        n = MATCH_MAX_GROUPS;
    /* sorted, for a merge-style intersection */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && groups[j - 1] > groups[j]; j--) {
            uint32_t t = groups[j];
            groups[j] = groups[j - 1];
            groups[j - 1] = t;
        }
    out->n_groups = (uint8_t)n;
    memcpy(out->groups, groups, n * sizeof *groups);
}

bool match_within_one_edit(const char *a, unsigned la, const char *b, unsigned lb)
{
    if (la > lb) {
        const char *t = a;
        a = b;
        b = t;
        unsigned tl = la;
        la = lb;
        lb = tl;
    }
    if (lb - la > 1)
        return false;
    unsigned i = 0;
    while (i < la && a[i] == b[i])
        i++;
    if (i == la)
        return true;                               /* equal, or b has one more at the end */
    if (la == lb) {
        if (memcmp(a + i + 1, b + i + 1, la - i - 1) == 0)
            return true;                           /* substitution */
        return i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] &&
               memcmp(a + i + 2, b + i + 2, la - i - 2) == 0;   /* transposition */
    }
    return memcmp(a + i, b + i + 1, la - i) == 0;  /* b has one more letter at i */
}

static bool share_group(const match_features *fa, const match_features *fb)
{
    unsigned i = 0, j = 0;
    while (i < fa->n_groups && j < fb->n_groups) {
        if (fa->groups[i] == fb->groups[j])
            return true;
        if (fa->groups[i] < fb->groups[j])
            i++;
        else
            j++;
    }
    return false;
}

float match_token_similarity(const char *a, unsigned la, const match_features *fa, bool a_concat,
                             const char *b, unsigned lb, const match_features *fb, bool b_concat)
{
    if (la == lb && memcmp(a, b, la) == 0)
        return 1.0f;
    if (share_group(fa, fb))
        return MATCH_SIM_GROUP;
    if (fa->phonetic && fa->phonetic == fb->phonetic)
        return MATCH_SIM_PHONETIC;
    if (!a_concat && !b_concat && la >= MATCH_MIN_EDIT_LEN && lb >= MATCH_MIN_EDIT_LEN &&
        match_within_one_edit(a, la, b, lb))
        return MATCH_SIM_EDIT;
    return 0.0f;
}

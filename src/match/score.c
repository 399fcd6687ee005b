/*
 * score.c — one calibrated score for a traveler against a watchlist entry.
 *
 * Names: the tokens of both names are aligned greedily, best pair first,
 * order-free (so swapped surname and given names, Vietnamese, Chinese,
 * Korean or Hungarian order all align), a token or the concatenation of two
 * neighbours on either side. Coverage is counted on both sides (particles
 * weigh a quarter); the name similarity leans on the better-covered side, so
 * a missing middle name or patronymic costs little, and is capped when fewer
 * than two significant pairs agree (a shared surname is not a match) unless
 * the one pair covers every significant token of both names (FANG YING and
 * FANGYING; a mononym).
 *
 * The score is a logistic model: log-odds from the name, the date of birth
 * (exact, partial, swapped, near, missing, conflicting), sex, nationality and
 * documents are added, and each contribution is kept for the explanation.
 * The weights are set so that an exact name alone alerts, a name with one
 * difference needs no contradicting evidence, and a clearly different date
 * of birth overrules even an exact name; a matching document number is
 * near-conclusive.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"

/* Log-odds weights. */
#define W_NAME_SLOPE 16.0        /* per unit of name similarity ... */
#define W_NAME_PIVOT 0.80        /* ... around this similarity */
#define W_DOB_EXACT 2.0
#define W_DOB_SWAPPED 1.2
#define W_DOB_PARTIAL 0.7
#define W_DOB_NEAR 0.3
#define W_DOB_CONFLICT -5.0
#define W_SEX_MATCH 0.1
#define W_SEX_CONFLICT -1.5
#define W_NATIONALITY_MATCH 0.4
#define W_NATIONALITY_CONFLICT -0.5
#define W_DOCUMENT_MATCH 9.0
#define W_DOCUMENT_CONFLICT -2.0
#define PARTICLE_WEIGHT 0.25

void match_fill_matrix(const match_name *q, const match_name *e, match_matrix sim)
{
    unsigned nq = match_units(q), ne = match_units(e);
    for (unsigned i = 0; i < nq; i++) {
        unsigned li;
        const char *si = match_unit(q, i, &li);
        for (unsigned j = 0; j < ne; j++) {
            if (i >= q->n && j >= e->n) {
                sim[i][j] = 0.0f;
                continue;
            }
            unsigned lj;
            const char *sj = match_unit(e, j, &lj);
            sim[i][j] = match_token_similarity(si, li, &q->features[i], i >= q->n,
                                               sj, lj, &e->features[j], j >= e->n);
        }
    }
}

typedef struct pair {
    bool significant;            /* both sides cover a token that is not a particle */
    float sim;
    uint8_t q, e;                /* units */
    uint16_t qmask, emask;       /* tokens covered */
    uint8_t covered;             /* tokens covered on both sides */
    bool crossed;                /* a surname against a given name */
} pair;

static int pair_order(const void *a, const void *b)
{
    const pair *x = a, *y = b;
    if (x->significant != y->significant)    /* particles (AL=AL) must not take a token a name needs */
        return x->significant ? -1 : 1;
    if (x->sim != y->sim)
        return x->sim > y->sim ? -1 : 1;
    if (x->covered != y->covered)            /* at equal similarity, plain tokens before concatenations */
        return x->covered < y->covered ? -1 : 1;
    if (x->q != y->q)
        return x->q < y->q ? -1 : 1;
    return x->e < y->e ? -1 : (x->e > y->e);
}

/* Whether two pairs tie in pair_order but for their tokens' places. */
static bool pairs_tie(const pair *x, const pair *y)
{
    return x->significant == y->significant && x->sim == y->sim && x->covered == y->covered;
}

/* The weight of token i in its name's coverage. When both names have
 * significant tokens only those count (a particle, kept or dropped, says
 * nothing about the person), and only significant pairs cover them: then
 * no name scores above what its two best significant pairs allow, which the
 * index relies on (match_pair_bound). */
static double token_weight(const uint8_t *flags, unsigned i, bool both_significant)
{
    if (flags[i] & PW_TOKEN_PARTICLE)
        return both_significant ? 0.0 : PARTICLE_WEIGHT;
    return 1.0;
}


static void append_pair(char *out, size_t cap, size_t *used, const match_name *q, const match_name *e,
                        const pair *p)
{
    unsigned lq, le;
    const char *sq = match_unit(q, p->q, &lq);
    const char *se = match_unit(e, p->e, &le);
    int n = snprintf(out + *used, cap - *used, "%s%.*s%c%.*s", *used ? " " : "", (int)lq, sq,
                     p->sim >= 1.0f ? '=' : '~', (int)le, se);
    if (n > 0)
        *used = *used + (size_t)n < cap ? *used + (size_t)n : cap - 1;
}

static bool covers_all_significant(unsigned n, const uint8_t *flags, uint16_t mask)
{
    for (unsigned i = 0; i < n; i++)
        if (!(flags[i] & PW_TOKEN_PARTICLE) && !(mask & (1u << i)))
            return false;
    return true;
}

/* A name of one token written twice (SUHARTO SUHARTO) against a name of one
 * significant token: when one of the two is matched, its twin counts as
 * matched alike — the mononym on a list and on a passport are one name,
 * while LI LI against LY LI aligns token by token. */
static void cover_twin(unsigned n, const uint8_t *flags, unsigned other_significant, const float *sims,
                       bool both_significant, uint16_t *sig, double *got)
{
    if (n != 2 || !(flags[1] & MATCH_TOKEN_REPEATS) || (flags[0] & PW_TOKEN_PARTICLE) || other_significant != 1)
        return;
    uint16_t m = *sig & 3;
    if (m != 1 && m != 2)
        return;
    unsigned have = m == 1 ? 0 : 1, twin = 1 - have;
    *got += token_weight(flags, twin, both_significant) * sims[have];
    *sig |= (uint16_t)(1u << twin);
}

/* A name split into surname and given names whose surname meets nothing in
 * the other name: MALIK HUSAYN MOHAMMED is not MOHAMMED HUSAYN, WHITE
 * THOMAS JAMES not THOMAS JAMES, unless the date of birth says so. */
static bool surname_unmatched(unsigned n, const uint8_t *flags, uint16_t covered)
{
    bool surname = false, given = false;
    for (unsigned i = 0; i < n; i++) {
        if (flags[i] & PW_TOKEN_PARTICLE)
            continue;
        if (flags[i] & PW_TOKEN_SURNAME) {
            if (covered & (1u << i))
                return false;
            surname = true;
        }
        given |= (flags[i] & PW_TOKEN_GIVEN) != 0;
    }
    return surname && given;
}

/* The tokens of a role (surname or given names), as a mask. */
static uint16_t role_mask(unsigned n, const uint8_t *flags, uint8_t role)
{
    uint16_t m = 0;
    for (unsigned i = 0; i < n; i++)
        if (flags[i] & role)
            m |= (uint16_t)(1u << i);
    return m;
}

/* A name and what alignments of it need to know. */
typedef struct alignment {
    const match_name *q;
    const match_shape *e;
    const match_name *e_text;
} alignment;

/* The name similarity of one greedy alignment of the sorted pairs: each
 * pair taken whose tokens are still free; the pairs taken written into
 * matched (when given). */
static double align(const alignment *al, const pair *pairs, unsigned n_pairs, char *matched, size_t cap)
{
    const match_name *q = al->q;
    const match_shape *e = al->e;
    if (matched && cap)
        matched[0] = '\0';
    bool both_significant = q->n_significant > 0 && e->n_significant > 0;
    uint16_t used_q = 0, used_e = 0, sig_q = 0, sig_e = 0;
    double got_q = 0, got_e = 0;
    unsigned significant = 0;
    bool fuzzy = false, crossed = false;     /* a pair not equal; a surname against a given name */
    float sims_q[PW_MAX_TOKENS], sims_e[PW_MAX_TOKENS];   /* a token's pair's similarity, when matched */
    size_t written = 0;
    for (unsigned k = 0; k < n_pairs; k++) {
        const pair *p = &pairs[k];
        if ((p->qmask & used_q) || (p->emask & used_e))
            continue;
        used_q |= p->qmask;
        used_e |= p->emask;
        if (p->significant || !both_significant) {
            for (unsigned i = 0; i < q->n; i++)
                if (p->qmask & (1u << i))
                    got_q += token_weight(q->flags, i, both_significant) * p->sim;
            for (unsigned j = 0; j < e->n; j++)
                if (p->emask & (1u << j))
                    got_e += token_weight(e->flags, j, both_significant) * p->sim;
        }
        if (p->significant) {
            significant++;
            sig_q |= p->qmask;
            sig_e |= p->emask;
            if (p->q < q->n)
                sims_q[p->q] = p->sim;
            if (p->e < e->n)
                sims_e[p->e] = p->sim;
            fuzzy |= p->sim < 1.0f;
            crossed |= p->crossed;
        }
        if (matched && cap)
            append_pair(matched, cap, &written, q, al->e_text, p);
    }
    cover_twin(q->n, q->flags, e->n_significant, sims_q, both_significant, &sig_q, &got_q);
    cover_twin(e->n, e->flags, q->n_significant, sims_e, both_significant, &sig_e, &got_e);
    double all_q = 0, all_e = 0;
    for (unsigned i = 0; i < q->n; i++)
        all_q += token_weight(q->flags, i, both_significant);
    for (unsigned j = 0; j < e->n; j++)
        all_e += token_weight(e->flags, j, both_significant);
    double cq = got_q / all_q, ce = got_e / all_e;
    double hi = cq > ce ? cq : ce, lo = cq > ce ? ce : cq;
    double name = 0.75 * hi + 0.25 * lo;
    bool multi = q->n_significant >= 2 || e->n_significant >= 2;
    bool none = q->n_significant == 0 || e->n_significant == 0;
    /* one pair may do when it covers every significant token on both sides:
     * FANG YING against FANGYING */
    bool whole = significant == 1 && covers_all_significant(q->n, q->flags, sig_q) &&
                 covers_all_significant(e->n, e->flags, sig_e);
    if (none || (multi && significant < 2 && !whole) || significant == 0)
        name = fmin(name, MATCH_SINGLE_PAIR_CAP);
    else if (surname_unmatched(q->n, q->flags, sig_q) || surname_unmatched(e->n, e->flags, sig_e) ||
             (crossed && fuzzy))
        name = fmin(name, MATCH_SURNAME_CAP);
    return name;
}

double match_name_score(const match_name *q, const match_shape *e, match_matrix sim,
                        const match_name *e_text, char *matched, size_t cap)
{
    pair pairs[MATCH_MAX_UNITS * MATCH_MAX_UNITS];
    unsigned n_pairs = 0;
    uint16_t qmasks[MATCH_MAX_UNITS], emasks[MATCH_MAX_UNITS];
    unsigned nq = match_unit_masks(q->n, q->flags, qmasks);
    unsigned ne = match_unit_masks(e->n, e->flags, emasks);
    if (!e_text)
        matched = NULL;
    if (matched && cap)
        matched[0] = '\0';
    uint16_t q_surname = role_mask(q->n, q->flags, PW_TOKEN_SURNAME), q_given = role_mask(q->n, q->flags, PW_TOKEN_GIVEN);
    uint16_t e_surname = role_mask(e->n, e->flags, PW_TOKEN_SURNAME), e_given = role_mask(e->n, e->flags, PW_TOKEN_GIVEN);
    for (unsigned i = 0; i < nq; i++)
        for (unsigned j = 0; j < ne; j++) {
            float s = sim[i][j];
            if (s <= 0.0f || (i >= q->n && j >= e->n))
                continue;
            /* groups bound to a role: KINGSLEY is not KING as a surname, nor
             * is the given syllable CHAO the surname ZHAO (Wade-Giles) */
            if (match_sim_of_group(s, MATCH_SIM_NICKNAME) &&
                ((qmasks[i] & q_surname) || (emasks[j] & e_surname)))
                s = match_sim_letters(s, MATCH_SIM_NICKNAME);
            else if (match_sim_of_group(s, MATCH_SIM_SURNAME_GROUP) &&
                     ((qmasks[i] & q_given) || (emasks[j] & e_given)))
                s = match_sim_letters(s, MATCH_SIM_SURNAME_GROUP);
            if (s <= 0.0f)
                continue;
            pair *p = &pairs[n_pairs++];
            p->sim = s;
            p->q = (uint8_t)i;
            p->e = (uint8_t)j;
            p->qmask = qmasks[i];
            p->emask = emasks[j];
            p->covered = (uint8_t)(__builtin_popcount(p->qmask) + __builtin_popcount(p->emask));
            p->crossed = ((p->qmask & q_surname) && (p->emask & e_given)) ||
                         ((p->qmask & q_given) && (p->emask & e_surname));
            p->significant = match_mask_significant(q->n, q->flags, p->qmask) &&
                             match_mask_significant(e->n, e->flags, p->emask);
        }
    if (n_pairs == 0)
        return 0.0;
    /* insertion sort: a handful of pairs, sorted once per name scored (pair_order is a total
     * order, so any sort gives this order) */
    for (unsigned i = 1; i < n_pairs; i++) {
        pair p = pairs[i];
        unsigned j = i;
        for (; j > 0 && pair_order(&pairs[j - 1], &p) > 0; j--)
            pairs[j] = pairs[j - 1];
        pairs[j] = p;
    }
    /* Pairs of equal similarity may align a token with either of two equal
     * ones, one of a matching role and one across (LI, LI against LY, LI:
     * the given LI with the given LI leaves the surnames LI and LY to align).
     * Then the alignment that puts pairs of matching roles first among equals
     * is scored too, and the better one counts. */
    bool role_tie = false;
    for (unsigned k = 1; k < n_pairs && !role_tie; k++)
        role_tie = pairs_tie(&pairs[k - 1], &pairs[k]) && pairs[k - 1].crossed != pairs[k].crossed;
    alignment al = {q, e, e_text};
    double name = align(&al, pairs, n_pairs, matched, cap);
    if (!role_tie)
        return name;
    for (unsigned i = 0; i < n_pairs;) {             /* each run of ties: matching roles first */
        unsigned j = i + 1;
        while (j < n_pairs && pairs_tie(&pairs[i], &pairs[j]))
            j++;
        for (unsigned k = i + 1; k < j; k++) {
            pair p = pairs[k];
            unsigned m = k;
            for (; m > i && pairs[m - 1].crossed && !p.crossed; m--)
                pairs[m] = pairs[m - 1];
            pairs[m] = p;
        }
        i = j;
    }
    char other[sizeof ((pw_explain *)0)->matched];
    size_t other_cap = matched && cap ? (cap < sizeof other ? cap : sizeof other) : 0;
    double by_roles = align(&al, pairs, n_pairs, other_cap ? other : NULL, other_cap);
    if (by_roles > name) {
        name = by_roles;
        if (other_cap)
            memcpy(matched, other, other_cap);
    }
    return name;
}

/* ---------------------------------------------------------------- dates */

static bool date_full(pw_date d)
{
    return d.year && d.month && d.day;
}

static void digits_of(pw_date d, int out[8])
{
    int v[3] = {d.year, d.month, d.day}, width[3] = {4, 2, 2}, k = 0;
    for (int f = 0; f < 3; f++)
        for (int w = width[f] - 1; w >= 0; w--) {
            int p = 1;
            for (int i = 0; i < w; i++)
                p *= 10;
            out[k++] = (v[f] / p) % 10;
        }
}

static pw_dob_evidence dob_pair(pw_date a, pw_date b)
{
    if (!a.year || !b.year)
        return PW_DOB_MISSING;
    int dy = abs(a.year - b.year);
    if (date_full(a) && date_full(b)) {
        if (dy == 0 && a.month == b.month && a.day == b.day)
            return PW_DOB_EXACT;
        if (dy == 0 && a.month == b.day && a.day == b.month)
            return PW_DOB_SWAPPED;
        if (dy == 1 && a.month == b.month && a.day == b.day)
            return PW_DOB_NEAR;
        /* one digit mistyped, or two neighbouring digits swapped, in MMDD of the
         * same year (a year that differs by more than one is another person:
         * 1970 and 1990 differ in one digit, but by twenty years) */
        if (dy != 0)
            return PW_DOB_CONFLICT;
        int x[8], y[8];
        digits_of(a, x);
        digits_of(b, y);
        unsigned diff = 0, first = 0;
        for (unsigned i = 4; i < 8; i++)
            if (x[i] != y[i]) {
                if (!diff)
                    first = i;
                diff++;
            }
        if (diff == 1)
            return PW_DOB_NEAR;
        if (diff == 2 && first < 7 && x[first] == y[first + 1] && x[first + 1] == y[first])
            return PW_DOB_NEAR;
        return PW_DOB_CONFLICT;
    }
    if (dy == 0) {
        if (a.month && b.month && a.month != b.month)
            return PW_DOB_NEAR;
        return PW_DOB_PARTIAL;
    }
    return dy == 1 ? PW_DOB_NEAR : PW_DOB_CONFLICT;
}

static double dob_weight(pw_dob_evidence e)
{
    switch (e) {
    case PW_DOB_EXACT: return W_DOB_EXACT;
    case PW_DOB_SWAPPED: return W_DOB_SWAPPED;
    case PW_DOB_PARTIAL: return W_DOB_PARTIAL;
    case PW_DOB_NEAR: return W_DOB_NEAR;
    case PW_DOB_CONFLICT: return W_DOB_CONFLICT;
    case PW_DOB_MISSING: break;
    }
    return 0.0;
}

/* ------------------------------------------------------------ documents */

size_t match_document_key(const char *number, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = number; p && *p && n + 1 < cap; p++) {
        char c = *p;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
            out[n++] = c;
    }
    out[n] = '\0';
    return n;
}

#define MATCH_MIN_DOCUMENT 5

void match_subject_of(const pw_traveler *t, match_subject *out)
{
    out->traveler = t;
    out->n_docs = 0;
    for (size_t i = 0; i < t->n_docs && out->n_docs < MATCH_MAX_DOCS; i++) {
        if (match_document_key(t->docs[i].number, out->doc_key[out->n_docs], sizeof out->doc_key[0]) <
            MATCH_MIN_DOCUMENT)
            continue;
        out->doc[out->n_docs++] = &t->docs[i];
    }
    out->nationality = t->nationality;
    for (size_t i = 0; i < t->n_docs && !out->nationality[0]; i++)
        if (t->docs[i].type[0] == 'P')
            out->nationality = t->docs[i].country;
}

static pw_field_evidence document_evidence(const match_subject *q, const pw_entry *e)
{
    pw_field_evidence best = PW_FIELD_MISSING;
    for (size_t j = 0; j < e->n_docs && q->n_docs; j++) {
        char b[MATCH_DOC_KEY];
        if (match_document_key(e->docs[j].number, b, sizeof b) < MATCH_MIN_DOCUMENT)
            continue;
        for (unsigned i = 0; i < q->n_docs; i++) {
            const char *ca = q->doc[i]->country, *cb = e->docs[j].country;
            bool same_country = !ca[0] || !cb[0] || strcmp(ca, cb) == 0;
            if (same_country && strcmp(q->doc_key[i], b) == 0)
                return PW_FIELD_MATCH;
            bool comparable = ca[0] && cb[0] && strcmp(ca, cb) == 0 &&
                              q->doc[i]->type[0] && q->doc[i]->type[0] == e->docs[j].type[0];
            if (comparable)
                best = PW_FIELD_CONFLICT;
        }
    }
    return best;
}

static pw_field_evidence sex_evidence(char a, char b)
{
    if ((a == 'M' || a == 'F') && (b == 'M' || b == 'F'))
        return a == b ? PW_FIELD_MATCH : PW_FIELD_CONFLICT;
    return PW_FIELD_MISSING;
}

static double field_weight(pw_field_evidence e, double match, double conflict)
{
    return e == PW_FIELD_MATCH ? match : e == PW_FIELD_CONFLICT ? conflict : 0.0;
}

static pw_field_evidence nationality_evidence(const match_subject *q, const pw_entry *e)
{
    if (!q->nationality[0] || e->n_nationalities == 0)
        return PW_FIELD_MISSING;
    for (size_t i = 0; i < e->n_nationalities; i++)
        if (memcmp(q->nationality, e->nationalities[i], 4) == 0)
            return PW_FIELD_MATCH;
    return PW_FIELD_CONFLICT;
}

void match_digest_of(const pw_entry *e, match_digest *out)
{
    memset(out, 0, sizeof *out);
    out->n_dobs = (uint8_t)(e->n_dobs < MATCH_DIGEST_DOBS ? e->n_dobs : MATCH_DIGEST_DOBS);
    if (out->n_dobs)
        memcpy(out->dobs, e->dobs, out->n_dobs * sizeof *out->dobs);
    out->all_dobs = e->n_dobs <= MATCH_DIGEST_DOBS;
    out->documents = e->n_docs > 0;
    out->sex = e->sex;
    out->n_nationalities = (uint8_t)(e->n_nationalities < 2 ? e->n_nationalities : 2);
    if (e->n_nationalities)
        memcpy(out->nationality, e->nationalities[0], 4);
}

double match_logit(double threshold)
{
    if (threshold <= 0.0)
        return -INFINITY;
    if (threshold >= 1.0)
        return INFINITY;
    return log(threshold / (1.0 - threshold));
}

/* The name similarity whose log-odds, with the other evidence's, reach
 * logit (a shade low, never high). */
static double name_for(double logit, double evidence)
{
    return W_NAME_PIVOT + (logit - evidence) / W_NAME_SLOPE - 1e-6;
}

double match_name_needed(const match_subject *q, const match_digest *d, bool document, double logit)
{
    const pw_traveler *t = q->traveler;
    double dob = 0.0;
    if (d->n_dobs) {
        dob = d->all_dobs ? W_DOB_CONFLICT : W_DOB_EXACT;
        for (unsigned i = 0; i < d->n_dobs; i++) {
            double c = dob_weight(dob_pair(t->dob, d->dobs[i]));
            if (c > dob)
                dob = c;
        }
    }
    double sex = field_weight(sex_evidence(t->sex, d->sex), W_SEX_MATCH, W_SEX_CONFLICT);
    double nationality = 0.0;               /* as nationality_evidence, the others unknown */
    if (q->nationality[0] && d->n_nationalities)
        nationality = d->n_nationalities > 1 || memcmp(q->nationality, d->nationality, 4) == 0
                          ? W_NATIONALITY_MATCH : W_NATIONALITY_CONFLICT;
    return name_for(logit, dob + sex + nationality + (document ? W_DOCUMENT_MATCH : 0.0));
}

double match_name_floor(double logit, double dob)
{
    return name_for(logit, dob + W_SEX_MATCH + W_NATIONALITY_MATCH);
}

double match_dob_weight(pw_date t, pw_date e)
{
    return dob_weight(dob_pair(t, e));
}

double match_dob_ceiling(pw_date t, int years_apart)
{
    if (!t.year || years_apart < 0)
        return 0.0;
    if (years_apart == 0)
        return date_full(t) ? W_DOB_EXACT : W_DOB_PARTIAL;
    return years_apart == 1 ? W_DOB_NEAR : W_DOB_CONFLICT;
}

void match_evidence_of(const match_subject *q, const pw_entry *e, match_evidence *ev)
{
    const pw_traveler *t = q->traveler;
    ev->dob = PW_DOB_MISSING;
    double dob_c = 0.0;
    for (size_t i = 0; i < e->n_dobs; i++) {
        pw_dob_evidence d = dob_pair(t->dob, e->dobs[i]);
        double c = dob_weight(d);
        if (i == 0 || c > dob_c) {
            ev->dob = d;
            dob_c = c;
        }
    }
    ev->sex = sex_evidence(t->sex, e->sex);
    ev->nationality = nationality_evidence(q, e);
    ev->document = document_evidence(q, e);
    ev->c[PW_FEATURE_NAME] = 0.0;
    ev->c[PW_FEATURE_DOB] = dob_c;
    ev->c[PW_FEATURE_SEX] = field_weight(ev->sex, W_SEX_MATCH, W_SEX_CONFLICT);
    ev->c[PW_FEATURE_NATIONALITY] = field_weight(ev->nationality, W_NATIONALITY_MATCH, W_NATIONALITY_CONFLICT);
    ev->c[PW_FEATURE_DOCUMENT] = field_weight(ev->document, W_DOCUMENT_MATCH, W_DOCUMENT_CONFLICT);
}

double match_score_of(double name, const match_evidence *ev, pw_explain *x)
{
    double c[5];
    memcpy(c, ev->c, sizeof c);
    c[PW_FEATURE_NAME] = W_NAME_SLOPE * (name - W_NAME_PIVOT);
    double logit = c[0] + c[1] + c[2] + c[3] + c[4];
    double score = 1.0 / (1.0 + exp(-logit));
    if (x) {
        x->name = name;
        x->dob = ev->dob;
        x->sex = ev->sex;
        x->nationality = ev->nationality;
        x->document = ev->document;
        memcpy(x->contribution, c, sizeof c);
    }
    return score;
}

double match_entry_strings(const match_name *q, const match_subject *subject, const pw_entry *e, pw_explain *x)
{
    double best_name = 0.0;
    unsigned best_index = 0;
    char best_matched[sizeof x->matched] = "";
    match_name en;
    match_matrix sim;
    for (size_t i = 0; i < e->n_names; i++) {
        if (!match_prepare(NULL, NULL, e->names[i], 0, &en))
            continue;
        char matched[sizeof best_matched];
        match_fill_matrix(q, &en, sim);
        match_shape shape = match_shape_of(&en);
        double name = match_name_score(q, &shape, sim, &en, matched, sizeof matched);
        if (name > best_name) {
            best_name = name;
            best_index = (unsigned)i;
            memcpy(best_matched, matched, sizeof matched);
        }
    }
    match_evidence ev;
    match_evidence_of(subject, e, &ev);
    double score = match_score_of(best_name, &ev, x);
    if (x) {
        x->name_index = best_index;
        memcpy(x->matched, best_matched, sizeof best_matched);
    }
    return score;
}

double pw_compare(const pw_traveler *t, const pw_entry *e, pw_explain *x)
{
    match_name q;
    match_prepare_traveler(t, &q);          /* no tokens: an empty name, matched by documents only */
    match_subject subject;
    match_subject_of(t, &subject);
    return match_entry_strings(&q, &subject, e, x);
}

const char *pw_dob_evidence_name(pw_dob_evidence e)
{
    switch (e) {
    case PW_DOB_MISSING: return "missing";
    case PW_DOB_EXACT: return "exact";
    case PW_DOB_PARTIAL: return "partial";
    case PW_DOB_SWAPPED: return "swapped";
    case PW_DOB_NEAR: return "near";
    case PW_DOB_CONFLICT: return "conflict";
    }
    return "missing";
}

const char *pw_field_evidence_name(pw_field_evidence e)
{
    switch (e) {
    case PW_FIELD_MISSING: return "missing";
    case PW_FIELD_MATCH: return "match";
    case PW_FIELD_CONFLICT: return "conflict";
    }
    return "missing";
}

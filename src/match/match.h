/*
 * match.h — internals of the matching engine shared by its files.
 *
 * A name is prepared once into folded tokens (duplicates removed) and
 * concatenations: of each two neighbours (RUIYUAN / RUI YUAN), and of a run
 * of particles with the token after it (VANDERBERG / VAN DER BERG). Two
 * prepared names are compared through a similarity matrix between their
 * "units": units 0..n-1 are tokens, the rest concatenations, in the order
 * match_concat_masks gives.
 * The same matrix is filled either from strings (pw_compare, the scan) or
 * from the index's precomputed similar-token lists (pw_screen); both use
 * match_token_similarity, so both give the same score to the last bit.
 */
#ifndef PW_MATCH_H
#define PW_MATCH_H

#include "paxwatch.h"

#define MATCH_MAX_CONCATS (PW_MAX_TOKENS - 1 + PW_MAX_TOKENS / 3)
#define MATCH_MAX_UNITS (PW_MAX_TOKENS + MATCH_MAX_CONCATS)
#define MATCH_MAX_CONCAT (2 * PW_MAX_TOKEN)

#define MATCH_MAX_GROUPS 32              /* CHRIS is a nickname in 19 groups */

/* What token similarity needs of one unit besides its letters. */
#define MATCH_PHONETIC_KEYS 2

typedef struct match_features {
    uint64_t phonetic[MATCH_PHONETIC_KEYS];  /* hashes of the phonetic keys, 0 none */
    bool weak;                           /* a two-letter key of a token no rule rewrote */
    uint8_t n_groups;
    uint32_t respelt;                    /* hash of the secondary spelling (the token when no rule rewrote) */
    const uint32_t *groups;              /* sorted; storage belongs to the name or the index */
} match_features;

/* 64-bit hash of bytes, never 0. */
uint64_t match_hash(const char *s, size_t n);

/* Features of a unit; its groups are written to group_store (MATCH_MAX_GROUPS). */
void match_features_of(const char *s, unsigned len, match_features *out, uint32_t *group_store);

/* A token flag of the matcher's own, beside PW_TOKEN_*: the second token of
 * a two-token name that repeats the first (SUHARTO SUHARTO, a mononym written
 * twice; LI LI, the Chinese 李丽). Against a name of one significant token it
 * counts as matched with its twin; against two tokens it is a token. */
#define MATCH_TOKEN_REPEATS 0x80

typedef struct match_name {
    unsigned n;                          /* tokens */
    unsigned n_significant;              /* tokens that are not particles */
    char token[PW_MAX_TOKENS][PW_MAX_TOKEN];
    uint8_t len[PW_MAX_TOKENS];
    uint8_t flags[PW_MAX_TOKENS];
    unsigned n_units;                    /* tokens and concatenations */
    char concat[MATCH_MAX_CONCATS][MATCH_MAX_CONCAT];
    uint8_t concat_len[MATCH_MAX_CONCATS];
    match_features features[MATCH_MAX_UNITS];
    uint32_t group_store[MATCH_MAX_UNITS][MATCH_MAX_GROUPS];   /* features[u].groups point here */
} match_name;

/* Prepares a name; false when it has no tokens. */
bool match_prepare(const char *surname, const char *given, const char *whole, unsigned flags,
                   match_name *out);

/* The features of units already seen, for preparing many names on one
 * thread (building an index: the same tokens recur across a list). */
typedef struct match_feature_cache match_feature_cache;
match_feature_cache *match_feature_cache_new(void);
void match_feature_cache_free(match_feature_cache *c);
/* match_prepare through the cache (NULL: none). */
bool match_prepare_cached(const char *surname, const char *given, const char *whole, unsigned flags,
                          match_name *out, match_feature_cache *cache);
/* Unit u of a prepared name (token or concatenation), with its length. */
const char *match_unit(const match_name *m, unsigned u, unsigned *len);
static inline unsigned match_units(const match_name *m)
{
    return m->n_units;
}

/* The token masks of the units of a name of n tokens with these flags:
 * tokens first, then each two neighbours, then each run of two or more
 * particles with the token after it. Returns the number of units. The
 * index and the scoring both derive the units from here, so they agree. */
unsigned match_unit_masks(unsigned n, const uint8_t *flags, uint16_t masks[MATCH_MAX_UNITS]);

/* A unit that can make a significant pair: it covers a token that is not a particle. */
static inline bool match_mask_significant(unsigned n, const uint8_t *flags, uint16_t mask)
{
    for (unsigned i = 0; i < n; i++)
        if ((mask & (1u << i)) && !(flags[i] & PW_TOKEN_PARTICLE))
            return true;
    return false;
}

/* Similarity of two folded tokens: 1 equal, 0.92 same variant group, about
 * 0.919 same surname variant group (score.c does not count it for a given
 * name) and about 0.91 same nickname group (score.c counts it between given
 * names only), see match_sim_role_bound; 0.90 a shared phonetic key, 0.85 one edit apart (both
 * ≥ 4 letters, both tokens rather than concatenations), 0.70 one edit
 * apart in shorter tokens (one of 2 or more letters, the other of 3 or
 * more), otherwise 0. Nothing else may be positive: the index relies on it. */
float match_token_similarity(const char *a, unsigned la, const match_features *fa, bool a_concat,
                             const char *b, unsigned lb, const match_features *fb, bool b_concat);
/* True when a and b are at most one edit apart (substitution, insertion,
 * deletion or adjacent transposition). */
bool match_within_one_edit(const char *a, unsigned la, const char *b, unsigned lb);

#define MATCH_MIN_EDIT_LEN 4
#define MATCH_MIN_SHORT_EDIT_LEN 2
#define MATCH_SIM_GROUP 0.92f
#define MATCH_SIM_SURNAME_GROUP 0.919f     /* not for given names (score.c) */
#define MATCH_SIM_NICKNAME 0.91f           /* given names only (score.c) */

/* A group bound to a role (surname variants, nicknames) gives its base
 * similarity less a step per rank of what the letters alone give (0, 0.70,
 * 0.80, 0.85, 0.90), so that score.c can fall back on the letters for the
 * other role; the index bounds by the larger value. */
float match_sim_role_bound(float base, float letters);
/* Whether sim is a similarity of the group of this base, and what its letters give. */
bool match_sim_of_group(float sim, float base);
float match_sim_letters(float sim, float base);
#define MATCH_SIM_PHONETIC 0.90f
#define MATCH_SIM_PHONETIC_LOOSE 0.80f
#define MATCH_SIM_EDIT 0.85f
#define MATCH_SIM_SHORT_EDIT 0.70f

typedef float match_matrix[MATCH_MAX_UNITS][MATCH_MAX_UNITS];

/* Fills sim[qu][eu] from the strings of both names (concat against concat
 * is never compared). */
void match_fill_matrix(const match_name *q, const match_name *e, match_matrix sim);

/* What the name score needs of the entry's name besides the matrix. */
typedef struct match_shape {
    unsigned n;
    unsigned n_significant;
    const uint8_t *flags;
} match_shape;

static inline match_shape match_shape_of(const match_name *m)
{
    match_shape s = {m->n, m->n_significant, m->flags};
    return s;
}

/* Name similarity 0..1 from a filled matrix. With e_text, writes the
 * matched pairs to matched. */
double match_name_score(const match_name *q, const match_shape *e, match_matrix sim,
                        const match_name *e_text, char *matched, size_t cap);



/* The traveler as the scoring sees it, prepared once per screening:
 * normalized document numbers and the nationality to compare. */
#define MATCH_MAX_DOCS 4
#define MATCH_DOC_KEY 40

typedef struct match_subject {
    const pw_traveler *traveler;
    unsigned n_docs;
    const pw_document *doc[MATCH_MAX_DOCS];
    char doc_key[MATCH_MAX_DOCS][MATCH_DOC_KEY];
    const char *nationality;             /* from the passport when not given */
} match_subject;

void match_subject_of(const pw_traveler *t, match_subject *out);

/* The evidence besides the name, with its log-odds (c[PW_FEATURE_NAME] unset). */
typedef struct match_evidence {
    pw_dob_evidence dob;
    pw_field_evidence sex, nationality, document;
    double c[5];
} match_evidence;

void match_evidence_of(const match_subject *q, const pw_entry *e, match_evidence *ev);

/* What bounds an entry's score without reading the entry (the index keeps
 * one per entry, side by side): its first dates of birth, sex, first
 * nationality, and whether it lists documents. */
#define MATCH_DIGEST_DOBS 2
typedef struct match_digest {
    pw_date dobs[MATCH_DIGEST_DOBS];
    uint8_t n_dobs;                      /* in dobs[] */
    bool all_dobs;                       /* dobs[] holds every date of the entry */
    bool documents;
    char sex;
    char nationality[4];                 /* the first */
    uint8_t n_nationalities;             /* 2 for two or more */
} match_digest;

void match_digest_of(const pw_entry *e, match_digest *out);

/* The log-odds of a threshold (±infinity at 0 and 1). */
double match_logit(double threshold);

/* The lowest name similarity with which the subject can reach the
 * threshold of log-odds logit against an entry of this digest: the date,
 * sex and nationality as good as the digest allows, a matching document
 * when document (a shade low, never high; above 1: no name can). */
double match_name_needed(const match_subject *q, const match_digest *d, bool document, double logit);

/* The same for any entry whose date of birth adds at most dob (log-odds),
 * sex and nationality agreeing and no document matching. */
double match_name_floor(double logit, double dob);
/* The most a date of birth can add for a traveler born t against an entry
 * born years_apart years apart in every date it lists (-1: it lists no year). */
double match_dob_ceiling(pw_date t, int years_apart);
/* What a date of birth e adds (log-odds) for a traveler born t. */
double match_dob_weight(pw_date t, pw_date e);

/* The highest name similarity an alignment can reach when its best
 * significant pair has similarity a and its second b (a ≥ b): two of the
 * name's tokens are covered at a and b and the others at b at most; a
 * concatenation covers two tokens at once (score.c keeps to this: particles
 * add nothing beside significant tokens). */
static inline double match_pair_bound(double a, double b, bool concat)
{
    if (a < b) {
        double t = a;
        a = b;
        b = t;
    }
    return concat ? (2.0 * a + b) / 3.0 : (a + b) / 2.0;
}

/* The score from a name similarity and the other evidence; explain may be
 * NULL. Monotone in name: with name 1.0 it bounds every name's score. */
double match_score_of(double name, const match_evidence *ev, pw_explain *x);

/* The highest score over the entry's names (query prepared), from strings. */
double match_entry_strings(const match_name *q, const match_subject *subject, const pw_entry *e, pw_explain *x);

/* Normalizes a document number (upper-case letters and digits only). */
size_t match_document_key(const char *number, char *out, size_t cap);

/* The name similarity a comparison is capped at when fewer than two
 * significant pairs agree (one shared surname is not a match), unless the
 * one pair covers every significant token of both names. */
#define MATCH_SINGLE_PAIR_CAP 0.6
/* ... and when a name's surname meets nothing in the other name, or the
 * names are aligned surname against given name (swapped fields) with a
 * pair not equal (swapped and misspelt): enough to alert with the same date
 * of birth, not without one. */
#define MATCH_SURNAME_CAP 0.78

/* Splits a traveler's name fields into a prepared name. */
bool match_prepare_traveler(const pw_traveler *t, match_name *out);

#endif

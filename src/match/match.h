/*
 * match.h — internals of the matching engine shared by its files.
 *
 * A name is prepared once into folded tokens (duplicates removed) and the
 * concatenations of adjacent tokens (for RUIYUAN / RUI YUAN). Two prepared
 * names are compared through a similarity matrix between their "units":
 * units 0..n-1 are tokens, units n..2n-2 are adjacent concatenations.
 * The same matrix is filled either from strings (pw_compare, the scan) or
 * from the index's precomputed similar-token lists (pw_screen); both use
 * match_token_similarity, so both give the same score to the last bit.
 */
#ifndef PW_MATCH_H
#define PW_MATCH_H

#include "paxwatch.h"

#define MATCH_MAX_UNITS (2 * PW_MAX_TOKENS - 1)
#define MATCH_MAX_CONCAT (2 * PW_MAX_TOKEN)

#define MATCH_MAX_GROUPS 6

/* What token similarity needs of one unit besides its letters. */
typedef struct match_features {
    uint64_t phonetic;                   /* hash of the phonetic key, 0 none */
    uint8_t n_groups;
    uint32_t groups[MATCH_MAX_GROUPS];   /* sorted */
} match_features;

/* 64-bit hash of bytes, never 0. */
uint64_t match_hash(const char *s, size_t n);

void match_features_of(const char *s, unsigned len, match_features *out);

typedef struct match_name {
    unsigned n;                          /* tokens */
    unsigned n_significant;              /* tokens that are not particles */
    char token[PW_MAX_TOKENS][PW_MAX_TOKEN];
    uint8_t len[PW_MAX_TOKENS];
    uint8_t flags[PW_MAX_TOKENS];
    char concat[PW_MAX_TOKENS - 1][MATCH_MAX_CONCAT];
    uint8_t concat_len[PW_MAX_TOKENS - 1];
    match_features features[MATCH_MAX_UNITS];
} match_name;

/* Prepares a name; false when it has no tokens. */
bool match_prepare(const char *surname, const char *given, const char *whole, unsigned flags,
                   match_name *out);
/* Unit u of a prepared name (token or concatenation), with its length. */
const char *match_unit(const match_name *m, unsigned u, unsigned *len);
static inline unsigned match_units(const match_name *m)
{
    return m->n ? 2 * m->n - 1 : 0;
}

/* Similarity of two folded tokens: 1 equal, 0.92 same variant or nickname
 * group, 0.90 same phonetic key, 0.85 one edit apart (both ≥ 4 letters,
 * both tokens rather than concatenations), otherwise 0. Nothing else may be positive: the index relies on it. */
float match_token_similarity(const char *a, unsigned la, const match_features *fa, bool a_concat,
                             const char *b, unsigned lb, const match_features *fb, bool b_concat);
/* True when a and b are at most one edit apart (substitution, insertion,
 * deletion or adjacent transposition). */
bool match_within_one_edit(const char *a, unsigned la, const char *b, unsigned lb);

#define MATCH_MIN_EDIT_LEN 4
#define MATCH_SIM_GROUP 0.92f
#define MATCH_SIM_PHONETIC 0.90f
#define MATCH_SIM_EDIT 0.85f

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

/* The highest score over the entry's names (query prepared), from strings. */
double match_entry_strings(const match_name *q, const pw_traveler *t, const pw_entry *e, pw_explain *x);

/* The features other than the name, and the final score. */
typedef struct match_person {
    pw_date dob;
    char sex;
    const char *nationality;             /* alpha-3 or NULL */
    const pw_document *docs;
    size_t n_docs;
} match_person;

/* False when no other evidence could lift this name similarity to the threshold. */
bool match_may_reach(double name, const pw_traveler *t, double threshold);

/* Combines a name similarity with the other evidence into the score. */
double match_combine(double name, const pw_traveler *t, const pw_entry *e, pw_explain *x);

/* Normalizes a document number (upper-case letters and digits only). */
size_t match_document_key(const char *number, char *out, size_t cap);

/* Name similarity below which a pair counts as disagreeing; names with at
 * least two significant tokens need two significant pairs above it. */
#define MATCH_SINGLE_PAIR_CAP 0.6

/* Splits a traveler's name fields into a prepared name. */
bool match_prepare_traveler(const pw_traveler *t, match_name *out);

#endif

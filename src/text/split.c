/*
 * split.c — pw_name_split: a traveler's name as folded tokens with their
 * role (surname, given name, particle) and the title taken off.
 *
 * Forms read: separate surname and given-name fields; the MRZ form of ICAO
 * Doc 9303 part 3 section 4.6 (SURNAME<<GIVEN<NAMES); "SURNAME, GIVEN";
 * the airline form of PNR and departure control "SURNAME/GIVEN TITLE"
 * (PNRGOV TIF, IATA name element); a whole name whose surname is the part
 * in capitals ("John KENNEDY"); and a whole name with no split (tokens
 * without a role).
 *
 * Titles (MR, MRS, MS, MSTR, MISS, DR, PROF, SIR, MADAM, MME, MLLE, HERR,
 * FRAU) are taken off the given names or the ends of a whole name, never
 * the surname field; SHEIKH/SHAYKH only when another given name remains
 * (it is also part of some names). With PW_NAME_AIRLINE, a title glued to
 * the last given name by a reservation system (SEJOONMR, MARYMRS, LALMS,
 * JOHNMSTR) is taken off when at least two letters remain and the whole
 * token is not a known given name (nor a known name and S: WILLIAMS).
 */
#include <stdlib.h>
#include <string.h>

#include "paxwatch.h"
#include "text/text.h"

/* Sorted (strcmp). */
static const char *const titles[] = {
    "DR", "FRAU", "HERR", "MADAM", "MISS", "MLLE", "MME", "MR", "MRS", "MS", "MSTR",
    "PROF", "SHAIKH", "SHAYKH", "SHEIK", "SHEIKH", "SIR",
};

/* Glued titles, longest first; DR is left out (ALEXANDR). */
static const char *const glued_titles[] = {"MSTR", "MISS", "MRS", "MR", "MS"};

/* Name particles (sorted): kept as tokens, flagged PW_TOKEN_PARTICLE. Not
 * LE, DU or O: each is also a common surname of its own (Vietnamese Lê,
 * Chinese Du, Korean O), and the French forms join their noun anyway
 * (LE BLANC / LEBLANC meet as a concatenation). */
static const char *const particles[] = {
    "ABD", "ABI", "ABU", "AL", "AP", "BEN", "BIN", "BINT", "BOU", "DA", "DAL", "DAS", "DE",
    "DEL", "DELA", "DELLA", "DELLE", "DEN", "DER", "DES", "DI", "DOS", "EL", "IBN",
    "LA", "LAS", "LES", "LOS", "MAC", "MC", "OULD", "ST", "TEN", "TER", "UD", "UL",
    "VAN", "VANDER", "VON", "Y", "ZU",
};

static int str_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, *(const char *const *)elem);
}

static bool in_list(const char *tok, const char *const *list, size_t n)
{
    return bsearch(tok, list, n, sizeof *list, str_cmp) != NULL;
}

static bool is_title(const char *tok)
{
    return strlen(tok) <= 6 && in_list(tok, titles, sizeof titles / sizeof titles[0]);
}

static bool is_sheikh(const char *tok)
{
    return tok[0] == 'S' && tok[1] == 'H' && is_title(tok);
}

static bool is_particle(const char *tok)
{
    return strlen(tok) <= 6 && in_list(tok, particles, sizeof particles / sizeof particles[0]);
}

/* Room for the tokens we keep, plus slack for a truncated last one. */
#define SPLIT_FOLD_CAP (PW_MAX_TOKENS * PW_MAX_TOKEN + 64)

typedef struct words {
    unsigned n;
    const char *w[PW_MAX_TOKENS + 4];
    size_t len[PW_MAX_TOKENS + 4];
} words;

/* Splits folded text (A–Z and single spaces) into words, in place. */
static void words_of(char *folded, words *ws)
{
    ws->n = 0;
    char *p = folded;
    while (*p) {
        char *end = strchr(p, ' ');
        if (end)
            *end = '\0';
        if (ws->n < PW_MAX_TOKENS + 4) {
            ws->w[ws->n] = p;
            ws->len[ws->n] = strlen(p);
            ws->n++;
        }
        if (!end)
            break;
        p = end + 1;
    }
}

static void set_title(pw_name_tokens *out, const char *t)
{
    if (out->title[0] == '\0' && strlen(t) < sizeof out->title)
        strcpy(out->title, t);
}

static void push(pw_name_tokens *out, const char *w, size_t len, uint8_t flags)
{
    if (out->n >= PW_MAX_TOKENS || len == 0)
        return;
    if (len >= PW_MAX_TOKEN)
        len = PW_MAX_TOKEN - 1;
    memcpy(out->token[out->n], w, len);
    out->token[out->n][len] = '\0';
    if (is_particle(out->token[out->n]))
        flags |= PW_TOKEN_PARTICLE;
    out->flags[out->n] = flags;
    out->n++;
}

/* Takes titles off a list of words: anywhere when the words are given
 * names, at either end of a whole name. */
static void drop_titles(words *ws, bool given, pw_name_tokens *out)
{
    unsigned kept_plain = 0;
    for (unsigned i = 0; i < ws->n; i++)
        if (!is_title(ws->w[i]))
            kept_plain++;
    unsigned j = 0;
    for (unsigned i = 0; i < ws->n; i++) {
        bool at_end = i == 0 || i + 1 == ws->n;
        bool drop = is_title(ws->w[i]) && (given || at_end) &&
                    (!is_sheikh(ws->w[i]) || kept_plain > 0);
        if (drop) {
            set_title(out, ws->w[i]);
            continue;
        }
        ws->w[j] = ws->w[i];
        ws->len[j] = ws->len[i];
        j++;
    }
    ws->n = j;
}

/* SEJOONMR → SEJOON (with PW_NAME_AIRLINE). */
static void drop_glued_title(words *ws, pw_name_tokens *out)
{
    if (ws->n == 0)
        return;
    unsigned last = ws->n - 1;
    size_t len = ws->len[last];
    if (len >= PW_MAX_TOKEN)
        return;
    char tok[PW_MAX_TOKEN];
    memcpy(tok, ws->w[last], len);
    tok[len] = '\0';
    uint32_t g;
    if (pw_name_groups(tok, &g, 1) > 0)
        return;                       /* a known name */
    if (tok[len - 1] == 'S') {
        tok[len - 1] = '\0';
        bool name_and_s = pw_name_groups(tok, &g, 1) > 0;
        tok[len - 1] = 'S';
        if (name_and_s)
            return;                   /* WILLIAMS, ADAMS: a name and S, not a title */
    }
    for (size_t i = 0; i < sizeof glued_titles / sizeof glued_titles[0]; i++) {
        size_t tl = strlen(glued_titles[i]);
        if (len >= tl + 2 && memcmp(tok + len - tl, glued_titles[i], tl) == 0) {
            set_title(out, glued_titles[i]);
            ws->len[last] = len - tl;
            return;
        }
    }
}

static void add_part(pw_name_tokens *out, const char *s, size_t n, uint8_t role, unsigned flags)
{
    char folded[SPLIT_FOLD_CAP];
    text_fold_part(s, n, role == PW_TOKEN_GIVEN, folded, sizeof folded);
    words ws;
    words_of(folded, &ws);
    if (role != PW_TOKEN_SURNAME)
        drop_titles(&ws, role == PW_TOKEN_GIVEN, out);
    if (role == PW_TOKEN_GIVEN && (flags & PW_NAME_AIRLINE))
        drop_glued_title(&ws, out);
    for (unsigned i = 0; i < ws.n; i++)
        push(out, ws.w[i], ws.len[i], role);
}

static bool empty(const char *s)
{
    return !s || !*s;
}

/* Letter case of a raw word, from its ASCII letters. */
enum word_case { CASE_NONE, CASE_UPPER, CASE_LOWER, CASE_MIXED };

static enum word_case word_case(const char *s, size_t n)
{
    size_t upper = 0, lower = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= 'A' && s[i] <= 'Z')
            upper++;
        else if (s[i] >= 'a' && s[i] <= 'z')
            lower++;
    }
    if (lower == 0)
        return upper >= 2 ? CASE_UPPER : CASE_NONE;
    return upper == 0 ? CASE_LOWER : CASE_MIXED;
}

#define CASE_MAX_WORDS 24

/* "John Fitzgerald KENNEDY", "Ludwig van BEETHOVEN": in a whole name that
 * mixes capitalised words with words all in capitals, the words in
 * capitals are the surname (the convention of Interpol notices and many
 * lists), and so is a lowercase particle right before them. Returns false
 * (nothing written) when the name does not mix the two. */
static bool split_by_case(const char *whole, pw_name_tokens *out)
{
    const char *w[CASE_MAX_WORDS];
    size_t len[CASE_MAX_WORDS];
    enum word_case c[CASE_MAX_WORDS];
    unsigned n = 0;
    bool has_upper = false, has_mixed = false;
    for (const char *p = whole; *p && n < CASE_MAX_WORDS;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (!*p)
            break;
        const char *start = p;
        while (*p && *p != ' ' && *p != '\t')
            p++;
        w[n] = start;
        len[n] = (size_t)(p - start);
        c[n] = word_case(start, len[n]);
        has_upper |= c[n] == CASE_UPPER;
        has_mixed |= c[n] == CASE_MIXED;
        n++;
    }
    if (!has_upper || !has_mixed)
        return false;
    for (unsigned i = 0; i < n; i++) {
        uint8_t role = c[i] == CASE_UPPER ? PW_TOKEN_SURNAME : PW_TOKEN_GIVEN;
        char folded[SPLIT_FOLD_CAP];
        text_fold_n(w[i], len[i], folded, sizeof folded);
        words ws;
        words_of(folded, &ws);
        if (c[i] == CASE_LOWER && i + 1 < n && c[i + 1] == CASE_UPPER && ws.n > 0 &&
            is_particle(ws.w[0]))
            role = PW_TOKEN_SURNAME;
        for (unsigned j = 0; j < ws.n; j++) {
            if (role == PW_TOKEN_GIVEN && is_title(ws.w[j]) && !is_sheikh(ws.w[j])) {
                set_title(out, ws.w[j]);
                continue;
            }
            push(out, ws.w[j], ws.len[j], role);
        }
    }
    return true;
}

/* Reads a whole name: MRZ, comma, slash, by letter case or unsplit. */
static void split_whole(const char *whole, unsigned flags, pw_name_tokens *out)
{
    size_t n = strlen(whole);
    const char *cut = strstr(whole, "<<");
    size_t skip = 2;
    if (!cut) {
        /* the first of ',' and '/': SMITH/JOHN, MR */
        cut = whole + strcspn(whole, ",/");
        skip = 1;
        if (!*cut)
            cut = NULL;
    }
    if (!cut) {
        if (!split_by_case(whole, out))
            add_part(out, whole, n, 0, flags);
        return;
    }
    add_part(out, whole, (size_t)(cut - whole), PW_TOKEN_SURNAME, flags);
    const char *rest = cut + skip;
    add_part(out, rest, n - (size_t)(rest - whole), PW_TOKEN_GIVEN, flags);
}

static bool has_separator(const char *s)
{
    return strstr(s, "<<") || strchr(s, ',') || strchr(s, '/');
}

pw_status pw_name_split(const char *surname, const char *given, const char *whole,
                        unsigned flags, pw_name_tokens *out)
{
    if (!out)
        return PW_ERR_ARG;
    out->n = 0;
    out->title[0] = '\0';
    if (empty(surname) && empty(given)) {
        if (empty(whole))
            return PW_ERR_ARG;
        split_whole(whole, flags, out);
        return PW_OK;
    }
    if (empty(given) && has_separator(surname)) {
        split_whole(surname, flags, out);
        return PW_OK;
    }
    if (!empty(surname))
        add_part(out, surname, strlen(surname), PW_TOKEN_SURNAME, flags);
    if (!empty(given))
        add_part(out, given, strlen(given), PW_TOKEN_GIVEN, flags);
    return PW_OK;
}

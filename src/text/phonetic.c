/*
 * phonetic.c — pw_phonetic_key: one key for the romanization variants of
 * a name (YURI/IURII/JURIJ/YURIY/IOURI, MOHAMMED/MUHAMMAD/MOHAMED,
 * KHALED/KHALID, GADDAFI/QADHAFI/KADAFI, HUSSEIN/HUSSAIN/HOSSEIN,
 * ABDULLAH/ABDALLAH/ABDULA, OSAMA/USAMA, TCHAIKOVSKY/CHAIKOVSKII,
 * ALEKSANDR/ALEXANDER/OLEKSANDR).
 *
 * The variants come from transliterating Arabic, Cyrillic and other
 * scripts by different systems; they differ mostly in vowels, in how one
 * sound is spelt (KH/H, Q/K/G, DH/D, PH/F, X/KS, W/V, TCH/CH/SH) and in
 * doubled letters. The key is the consonant skeleton with the class of
 * the first vowel:
 *
 *  1. Initial J, Y, I or DJ before a vowel is the semivowel Y (JURIJ,
 *     IURII, IOANNIS, DJAMEL → Y...).
 *  2. Spellings of one sound become one class: TSCH/TCH/CH/SHCH/SCH/SH → X
 *     (English, German and French spellings of Ч and Ш, and CH/SH for the
 *     Arabic shin: RACHID/RASHID), but CH before R or L is K
 *     (CHRISTOS, CHLOE); ZH → Z; KH/GH/CK/Q/G/K → K; C before E/I/Y → S, other
 *     C → K; PH → F; W → V; DH → D; TH → T; X → KS.
 *  3. H stays at the start and before a vowel (MOHAMMED), otherwise it is
 *     silent (AHMED, ABDULLAH). J after a vowel and not before one is a
 *     vowel (JURIJ).
 *  4. Vowels fall in three classes: A; E, I, Y (front); O, U (back). Only
 *     the first vowel (run) of the name is kept, as A, E or O; later
 *     vowels are dropped. This keeps HUSSEIN (HOSN) apart from HASSAN
 *     (HASN) while MOHAMMED and MUHAMMAD share MOHMD.
 *  5. Repeats of a consonant class collapse (GADDAFI, HUSSEIN, MOHAMMED).
 *
 * OLEKSANDR keeps its O (OLKSNDR, not ALKSNDR like ALEXANDER): that pair is
 * joined by the variant groups (variants.txt), not by the key. The key
 * still joins some different names (JOSEPH and YOSEF, SMITH and SMYTH);
 * the matcher weighs it with the spelling distance and other evidence.
 */
#include <string.h>

#include "paxwatch.h"

#define KEY_MAX_LETTERS 64

static bool is_vowel(char c)
{
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y';
}

/* The class of a vowel: 'a', 'e' (E I Y) or 'o' (O U). */
static char vowel_class(char c)
{
    return c == 'A' ? 'a' : (c == 'O' || c == 'U') ? 'o' : 'e';
}

static bool is_vowel_class(char c)
{
    return c == 'a' || c == 'e' || c == 'o';
}

static bool starts(const char *w, size_t i, size_t n, const char *s)
{
    size_t k = strlen(s);
    return i + k <= n && memcmp(w + i, s, k) == 0;
}

/* Turns w[0..n) into classes (see the file comment); returns how many. */
static size_t classes(const char *w, size_t n, char *cls)
{
    size_t m = 0, i = 0;
    if (n >= 2 && (w[0] == 'J' || w[0] == 'Y' || w[0] == 'I') && is_vowel(w[1]) && w[1] != 'Y') {
        cls[m++] = 'Y';
        i = 1;
    } else if (n >= 3 && w[0] == 'D' && w[1] == 'J' && is_vowel(w[2])) {
        cls[m++] = 'Y';               /* French DJ for the Arabic jim: DJAMEL, JAMEL */
        i = 2;
    }
    while (i < n) {
        char c = w[i];
        char next = i + 1 < n ? w[i + 1] : 0;
        if (starts(w, i, n, "TSCH") || starts(w, i, n, "SHCH")) {
            cls[m++] = 'X'; i += 4;
        } else if (starts(w, i, n, "TCH") || starts(w, i, n, "SCH")) {
            cls[m++] = 'X'; i += 3;
        } else if (c == 'C' && next == 'H') {
            char after = i + 2 < n ? w[i + 2] : 0;
            cls[m++] = (after == 'R' || after == 'L') ? 'K' : 'X';
            i += 2;
        } else if (next == 'H' && (c == 'S' || c == 'Z' || c == 'K' || c == 'G' || c == 'P' ||
                                   c == 'D' || c == 'T')) {
            static const char from[] = "SZKGPDT", to[] = "XZKKFDT";
            cls[m++] = to[strchr(from, c) - from];
            i += 2;
        } else if (c == 'C' && next == 'K') {
            cls[m++] = 'K'; i += 2;
        } else if (c == 'C') {
            cls[m++] = (next == 'E' || next == 'I' || next == 'Y') ? 'S' : 'K'; i++;
        } else if (c == 'Q' || c == 'G') {
            cls[m++] = 'K'; i++;
        } else if (c == 'W') {
            cls[m++] = 'V'; i++;
        } else if (c == 'X') {
            cls[m++] = 'K'; cls[m++] = 'S'; i++;
        } else if (c == 'H') {
            if (m == 0 || is_vowel(next))
                cls[m++] = 'H';
            i++;
        } else if (c == 'J') {
            bool after_vowel = m > 0 && is_vowel_class(cls[m - 1]);
            cls[m++] = (after_vowel && !is_vowel(next)) ? 'e' : 'J';
            i++;
        } else if (is_vowel(c)) {
            cls[m++] = vowel_class(c); i++;
        } else {
            cls[m++] = c; i++;
        }
    }
    return m;
}

size_t pw_phonetic_key(const char *token, char *out, size_t cap)
{
    if (!out || cap == 0)
        return 0;
    out[0] = '\0';
    if (!token)
        return 0;
    char w[KEY_MAX_LETTERS];
    size_t n = 0;
    for (const char *p = token; *p && n < KEY_MAX_LETTERS; p++) {
        char c = *p;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c >= 'A' && c <= 'Z')
            w[n++] = c;
    }
    char cls[2 * KEY_MAX_LETTERS];
    size_t m = classes(w, n, cls);
    size_t len = 0;
    char prev = 0;
    bool vowel_written = false;
    for (size_t i = 0; i < m && len + 1 < cap; i++) {
        char c = cls[i];
        bool vowel = is_vowel_class(c);
        if (vowel ? is_vowel_class(prev) : c == prev) {
            prev = c;
            continue;                 /* a repeat, or the rest of a vowel run */
        }
        prev = c;
        if (vowel) {
            if (!vowel_written)
                out[len++] = (char)(c - 'a' + 'A');
            vowel_written = true;
            continue;
        }
        out[len++] = c;
    }
    out[len] = '\0';
    return len;
}

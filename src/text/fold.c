/*
 * fold.c — pw_fold: a name in any script to the letters of a travel
 * document (A–Z and single spaces), as the machine-readable zone of ICAO
 * Doc 9303 part 3 writes it.
 *
 * Pure ASCII input takes a fast path that touches no table and no ICU.
 * Otherwise each code point goes through the tables of translit.c (Latin
 * with marks, Cyrillic, Greek with the ELOT 743 digraph rules); letters of
 * other scripts (Han, Hangul, Arabic, Hebrew, Thai, ...) are collected into
 * runs and handed to ICU (icu.c). Decomposed input (a letter followed by
 * combining marks) is first brought to NFC, so "A" + U+0308 folds like Ä.
 *
 * Separators: hyphens, commas, slashes, '<', dots, digits and any other
 * punctuation or space become one space; apostrophes and format characters
 * vanish; invalid UTF-8 bytes are dropped.
 */
#include <stdlib.h>
#include <string.h>

#include "paxwatch.h"
#include "text/text.h"

#define TEXT_INVALID 0xFFFFFFFFu

size_t text_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t need;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3; v = c & 0x07; min = 0x10000;
    } else {
        *cp = TEXT_INVALID;
        return 1;
    }
    if (need >= len) {
        *cp = TEXT_INVALID;
        return 1;
    }
    for (size_t i = 1; i <= need; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = TEXT_INVALID;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = TEXT_INVALID;
        return 1;
    }
    *cp = v;
    return need + 1;
}

static void out_letter(text_out *o, char c)
{
    if (o->full)
        return;
    if (o->space && o->len > 0) {
        if (o->len + 2 >= o->cap) {
            o->full = true;
            return;
        }
        o->buf[o->len++] = ' ';
    }
    o->space = false;
    if (o->len + 1 >= o->cap) {
        o->full = true;
        return;
    }
    o->buf[o->len++] = c;
}

void text_out_space(text_out *o)
{
    o->space = true;
}

void text_out_letters(text_out *o, const char *ascii)
{
    for (const char *p = ascii; *p; p++) {
        char c = *p;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c >= 'A' && c <= 'Z')
            out_letter(o, c);
        else if (c != '\'' && c != '`')
            o->space = true;
    }
}

/* Greek consonants before which ΑΥ/ΕΥ/ΗΥ read AF/EF/IF (ELOT 743). */
static bool greek_voiceless(uint32_t base)
{
    switch (base) {
    case 0x398: case 0x39A: case 0x39E: case 0x3A0: case 0x3A3:   /* Θ Κ Ξ Π Σ */
    case 0x3A4: case 0x3A6: case 0x3A7: case 0x3A8:               /* Τ Φ Χ Ψ */
        return true;
    default:
        return false;
    }
}

/* The Greek letter starting at s[i], if any. */
static bool greek_at(const unsigned char *s, size_t len, size_t i, size_t *used, uint32_t *base,
                     bool *diaeresis)
{
    if (i >= len) {
        *used = 0;
        return false;
    }
    uint32_t cp;
    *used = text_utf8_decode(s + i, len - i, &cp);
    return text_greek_base(cp, base, diaeresis);
}

/* Writes the Greek letter `base` at s[i - used_here], applying the digraph
 * rules; returns the extra bytes consumed (the second letter of a digraph). */
static size_t greek_letter_out(const unsigned char *s, size_t len, size_t next, uint32_t base,
                               bool word_start, text_out *o)
{
    size_t used2, used3;
    uint32_t b2, b3;
    bool d2, d3;
    bool has2 = greek_at(s, len, next, &used2, &b2, &d2);

    if (has2 && b2 == 0x3A5 && !d2) {                    /* second letter Υ */
        if (base == 0x39F) {                             /* ΟΥ → OU */
            text_out_letters(o, "OU");
            return used2;
        }
        if (base == 0x391 || base == 0x395 || base == 0x397) {   /* ΑΥ ΕΥ ΗΥ */
            bool has3 = greek_at(s, len, next + used2, &used3, &b3, &d3);
            text_out_letters(o, text_greek_latin(base));
            text_out_letters(o, (!has3 || greek_voiceless(b3)) ? "F" : "V");
            return used2;
        }
    }
    if (base == 0x393 && has2 && (b2 == 0x393 || b2 == 0x39E || b2 == 0x3A7)) {
        text_out_letters(o, "N");                        /* ΓΓ→NG, ΓΞ→NX, ΓΧ→NCH */
        return 0;
    }
    if (base == 0x39C && has2 && b2 == 0x3A0 && word_start) {
        text_out_letters(o, "B");                        /* initial ΜΠ → B */
        return used2;
    }
    text_out_letters(o, text_greek_latin(base));
    return 0;
}

static bool has_marks_or_ukrainian(const unsigned char *s, size_t len, bool *marks, bool *ukrainian)
{
    *marks = false;
    *ukrainian = false;
    bool other = false;
    for (size_t i = 0; i < len;) {
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        i += text_utf8_decode(s + i, len - i, &cp);
        if (cp == TEXT_INVALID)
            continue;
        if (text_cyrillic_marks_ukrainian(cp))
            *ukrainian = true;
        else if (text_cyrillic_marks_other(cp))
            other = true;
        else if ((cp >= 0x300 && cp <= 0x36F) || (!text_translit_find(cp) && text_is_mark(cp)))
            *marks = true;
    }
    if (other)
        *ukrainian = false;
    return *marks || *ukrainian;
}

/* Is cp a letter for ICU (not ASCII, not in our tables, not Greek)? */
static bool icu_letter(uint32_t cp)
{
    uint32_t b;
    bool d;
    if (cp < 0x80 || cp == TEXT_INVALID || text_translit_find(cp) || text_greek_base(cp, &b, &d))
        return false;
    return text_is_letter(cp) || text_is_mark(cp);
}

static void fold_impl(const char *utf8, size_t len, bool use_icu, bool nfc_done, text_out *o)
{
    const unsigned char *s = (const unsigned char *)utf8;
    bool marks, ukrainian;
    has_marks_or_ukrainian(s, len, &marks, &ukrainian);
    if (marks && use_icu && !nfc_done) {
        char *nfc = text_icu_nfc(utf8, len);
        if (nfc) {
            fold_impl(nfc, strlen(nfc), use_icu, true, o);
            free(nfc);
            return;
        }
    }
    bool prev_greek = false;
    for (size_t i = 0; i < len && !o->full;) {
        uint32_t cp;
        size_t used = text_utf8_decode(s + i, len - i, &cp);
        bool greek_now = false;
        if (cp == TEXT_INVALID) {
            /* dropped */
        } else if (cp < 0x80) {
            char a[2] = {(char)cp, 0};
            text_out_letters(o, a);
        } else {
            const text_translit *t = text_translit_find(cp);
            uint32_t base;
            bool diaeresis;
            if (t) {
                text_out_letters(o, ukrainian && t->alt[0] ? t->alt : t->latin);
            } else if (text_greek_base(cp, &base, &diaeresis)) {
                used += greek_letter_out(s, len, i + used, base, !prev_greek, o);
                greek_now = true;
            } else if (icu_letter(cp) && text_is_letter(cp)) {
                size_t start = i, end = i + used, n = 1;
                while (end < len) {
                    uint32_t c2;
                    size_t u2 = text_utf8_decode(s + end, len - end, &c2);
                    if (!icu_letter(c2))
                        break;
                    end += u2;
                    n++;
                }
                if (use_icu) {
                    uint32_t *run = malloc(n * sizeof *run);
                    if (run) {
                        size_t k = 0;
                        for (size_t j = start; j < end && k < n;) {
                            j += text_utf8_decode(s + j, end - j, &run[k]);
                            k++;
                        }
                        text_icu_run(run, k, o);
                        free(run);
                    }
                }
                used = end - i;
            } else if (text_is_mark(cp)) {
                /* a stray combining mark: dropped */
            } else if (!text_is_letter(cp) && !text_is_format(cp)) {
                text_out_space(o);
            }
        }
        prev_greek = greek_now;
        i += used;
    }
}

void text_fold_into(const char *utf8, size_t len, bool use_icu, text_out *o)
{
    fold_impl(utf8, len, use_icu, false, o);
}

size_t text_fold_n(const char *utf8, size_t n, char *out, size_t cap)
{
    if (!out || cap == 0)
        return 0;
    out[0] = '\0';
    if (!utf8)
        return 0;

    /* Fast path: ASCII only. */
    size_t len = 0, i = 0;
    bool space = false;
    const unsigned char *p = (const unsigned char *)utf8;
    for (; i < n; i++) {
        unsigned c = p[i];
        if (c >= 0x80)
            break;
        if (c - 'a' < 26u)
            c -= 'a' - 'A';
        if (c - 'A' < 26u) {
            if (space && len > 0) {
                if (len + 2 >= cap)
                    break;
                out[len++] = ' ';
            }
            space = false;
            if (len + 1 >= cap)
                break;
            out[len++] = (char)c;
        } else if (c != '\'' && c != '`') {
            space = true;
        }
    }
    if (i == n || p[i] < 0x80) {
        out[len] = '\0';
        return len;
    }

    text_out o = {.buf = out, .cap = cap};
    text_fold_into(utf8, n, true, &o);
    out[o.len] = '\0';
    return o.len;
}

size_t pw_fold(const char *utf8, char *out, size_t cap)
{
    return text_fold_n(utf8, utf8 ? strlen(utf8) : 0, out, cap);
}

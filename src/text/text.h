/*
 * text.h — internals of the text module (src/text): transliteration tables,
 * the ICU fallback for scripts without a table, and the generated name-group
 * table. Public entry points are in include/paxwatch.h ("text" section).
 */
#ifndef PW_TEXT_H
#define PW_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One code point of a script with an ICAO 9303 table (Latin with marks,
 * Cyrillic) or a character that vanishes (apostrophes). latin is the
 * replacement in capitals ("" vanishes); alt, when not empty, is the
 * Ukrainian/Belarusian reading (Г→H, И→Y). */
typedef struct text_translit {
    uint32_t cp;
    char latin[6];
    char alt[2];
} text_translit;

/* The entry for cp, or NULL when the table has none. */
const text_translit *text_translit_find(uint32_t cp);

/* Greek: a letter with or without marks to its capital base letter
 * (U+0391..U+03A9); diaeresis set when the letter carries one (no
 * diphthong: ΑΫ is A+Y, not AV). Returns false for anything not Greek. */
bool text_greek_base(uint32_t cp, uint32_t *base, bool *diaeresis);
/* The ICAO/ELOT 743 Latin for a Greek base capital letter. */
const char *text_greek_latin(uint32_t base);

/* Letters of Ukrainian and Belarusian that Russian lacks (Є І Ї Ґ Ў). */
bool text_cyrillic_marks_ukrainian(uint32_t cp);
/* Letters of the other languages written in Cyrillic (Kazakh Ә Ғ Қ ...):
 * their І does not make the name Ukrainian. */
bool text_cyrillic_marks_other(uint32_t cp);

/* Decodes one UTF-8 code point from s[0..len). Returns the bytes consumed
 * (at least 1); *cp is 0xFFFFFFFF for an invalid sequence. */
size_t text_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);

/* A growing A–Z output with lazy single spaces. */
typedef struct text_out {
    char *buf;
    size_t cap;       /* bytes available, including the NUL */
    size_t len;
    bool space;       /* a space is due before the next letter */
    bool full;
    bool cjk_seen;    /* a Chinese or Korean name was written */
} text_out;

void text_out_letters(text_out *o, const char *ascii);  /* copies A–Z (any case); other bytes → space; ' ` vanish */
void text_out_space(text_out *o);

/* Transliterates a run of letters from scripts without a table (Han,
 * Hangul, Arabic, Hebrew, ...) through ICU and writes the folded result.
 * The first Chinese or Korean run is read as surname + given name.
 * Returns false when ICU is unavailable (nothing written). */
bool text_icu_run(const uint32_t *cps, size_t n, text_out *o);

/* The usual spelling of a common Arabic name word (محمد → MOHAMMED), or
 * NULL. Vowel marks in cps are ignored. */
const char *text_arabic_word(const uint32_t *cps, size_t n);

/* Brings decomposed input (letters followed by combining marks) to NFC.
 * Returns a malloc'd UTF-8 string, or NULL on failure. */
char *text_icu_nfc(const char *utf8, size_t len);

/* Is cp a letter (any script)? Combining mark? (Unicode properties) */
bool text_is_letter(uint32_t cp);
bool text_is_mark(uint32_t cp);
bool text_is_format(uint32_t cp);   /* Cf: ZWJ, soft hyphen, BOM: vanish */

/* Folds UTF-8 into o; use_icu false: scripts without a table are dropped
 * (used on ICU's own output). */
void text_fold_into(const char *utf8, size_t len, bool use_icu, text_out *o);

/* pw_fold on the first n bytes of utf8. */
size_t text_fold_n(const char *utf8, size_t n, char *out, size_t cap);
/* The same for one field of a name: with given_names, Chinese and Korean
 * syllables are one joined given name (超丽 → CHAOLI), no surname split off. */
size_t text_fold_part(const char *utf8, size_t n, bool given_names, char *out, size_t cap);

/* Generated from src/text/variants.txt and the nickname list: names in
 * capitals, sorted by strcmp, each with its group ids. */
typedef struct text_group_name {
    const char *name;
    uint32_t first;      /* index into text_group_ids */
    uint32_t count;
} text_group_name;

extern const text_group_name text_group_names[];
extern const size_t text_group_names_count;
extern const uint32_t text_group_ids[];

/* The longest name the group table holds, with its NUL. */
#define PW_GEN_NAME 32

/* Group ids: variant groups of any name (variants.txt, [names], line order)
 * start here, ... */
#define TEXT_GROUP_VARIANT_BASE  0x00010000u
/* ... variant groups of surnames ([surnames]: Wade-Giles CHAO is the surname
 * ZHAO, not the given syllable CHAO) here, ... */
#define TEXT_GROUP_SURNAME_BASE  0x00018000u
/* ... nickname groups (one per canonical name of the nickname list) here. */
#define TEXT_GROUP_NICKNAME_BASE 0x00020000u

#endif

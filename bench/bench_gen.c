/*
 * bench_gen.c — synthetic watchlists and labelled travelers for the matching
 * benchmark (bench_match) and the generator's own tests.
 *
 *   bench_gen --entries N --travelers-per-kind K [--clean C] [--seed S]
 *       [--out-dir DIR] [--data-dir DATA]
 *
 * writes DIR/watchlist.csv (the watchlist CSV of FORMATS.md) and
 * DIR/travelers.csv (the travelers CSV of FORMATS.md plus six columns:
 * expect — the entry id the traveler must hit, or empty; kind — the
 * variation kind, "clean", "same_name_diff_dob" or "similar_name"; source —
 * the entry the traveler was made from, or empty; twins — how many entries
 * have exactly the traveler's passport name tokens as their primary name;
 * document — for a traveler made from an entry that lists a passport, "same"
 * when he carries that passport, "renewed" when he carries a new number;
 * indistinct — how many entries with no date of birth or only his birth
 * year, of his sex and nationality, have his passport name, exactly or with
 * one typing error, as their primary name).
 *
 * Everything is a function of the seed: entry i is generated from its own
 * stream (splitmix64 of seed and i), so travelers can re-derive any entry
 * without keeping the list in memory, and the same seed gives the same bytes.
 * Names come from gen_names.h (multi-cultural pools with Zipf-like
 * frequencies) and data/lists/ (Vietnamese given names, English nicknames).
 * Passport Latin follows ICAO 9303 part 3 (Ä→AE, Ö→OE, Ø→OE, ß→SS, ... for
 * German, Nordic and Hungarian names, marks dropped elsewhere; Cyrillic by its ICAO table, Greek by
 * ELOT 743, Chinese by Hanyu Pinyin, Korean by the usual passport spelling).
 * See bench/README.md for the kinds and what "clean" means.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "gen_names.h"
#include "paxwatch.h"

/* ------------------------------------------------------------ random */

static uint64_t mix64(uint64_t z)
{
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

typedef struct rng { uint64_t s; } rng;

static uint64_t rnext(rng *r)
{
    r->s += 0x9e3779b97f4a7c15ULL;
    return mix64(r->s);
}

/* uniform in [0, n) */
static unsigned rbelow(rng *r, unsigned n)
{
    return n ? (unsigned)(((rnext(r) >> 32) * (uint64_t)n) >> 32) : 0;
}

static double runit(rng *r) { return (double)(rnext(r) >> 11) / 9007199254740992.0; }

static int rpercent(rng *r, unsigned p) { return rbelow(r, 100) < p; }

/* ------------------------------------------------------------- pools */

typedef struct pool {
    const name_item *items;
    size_t n;
    double *cum;            /* cumulative weights */
    name_item *own;         /* items this pool allocated, or NULL */
    size_t own_from;        /* own[own_from..n) hold allocated strings */
    size_t roots;           /* tail items sharing a root, every roots-th: the same family */
} pool;

/* items[0..n) weighted (Zipf-like by rank when no frequency is given), then
 * items[n..n+n_tail) sharing tail_share of the whole equally. */
static void pool_init_tail(pool *p, const name_item *items, size_t n, size_t n_tail, double tail_share)
{
    p->items = items;
    p->n = n + n_tail;
    p->roots = 0;
    p->cum = malloc(p->n * sizeof *p->cum);
    double t = 0;
    for (size_t i = 0; i < n; i++) {
        t += items[i].weight ? items[i].weight : 100.0 / (double)(i + 2);
        p->cum[i] = t;
    }
    double each = n_tail ? t * tail_share / (1 - tail_share) / (double)n_tail : 0;
    for (size_t i = n; i < p->n; i++)
        p->cum[i] = t += each;
}

static void pool_init(pool *p, const name_item *items, size_t n) { pool_init_tail(p, items, n, 0, 0); }

static unsigned pool_pick(const pool *p, rng *r)
{
    double x = runit(r) * p->cum[p->n - 1];
    size_t lo = 0, hi = p->n - 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->cum[mid] > x)
            hi = mid;
        else
            lo = mid + 1;
    }
    return (unsigned)lo;
}

/* number of '|'-separated spellings of an item */
static unsigned item_variants(const name_item *it)
{
    if (!it->latin)
        return 1;
    unsigned n = 1;
    for (const char *s = it->latin; *s; s++)
        n += *s == '|';
    return n;
}

/* spelling v of an item into out */
static void item_spelling(const name_item *it, unsigned v, char *out, size_t cap)
{
    const char *s = it->latin;
    while (v-- > 0) {
        const char *bar = strchr(s, '|');
        if (!bar)
            break;
        s = bar + 1;
    }
    size_t n = strcspn(s, "|");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, s, n);
    out[n] = 0;
}

/* ---------------------------------------------------------- cultures */

enum { C_EN, C_ES, C_DE, C_FR, C_HU, C_VN, C_CN, C_KR, C_RU, C_GR, C_AR, N_CULT };
/* share of the list, per mille */
static const unsigned cult_weight[N_CULT] = {140, 120, 60, 50, 40, 80, 120, 50, 100, 30, 210};
static const char *const cult_nat[N_CULT] = {
    "USA GBR CAN AUS IRL NZL", "ESP MEX COL ARG PER VEN CHL PRT BRA", "DEU AUT CHE SWE NOR DNK FIN",
    "FRA BEL CHE CAN", "HUN", "VNM", "CHN", "KOR KOR KOR KOR PRK", "RUS RUS RUS UKR BLR KAZ",
    "GRC GRC CYP", "SAU EGY IRQ SYR JOR LBN YEM LBY DZA MAR TUN SDN ARE AFG PAK"};
/* scripts of their own, written natively in part of the list */
static int cult_has_script(int c) { return c == C_CN || c == C_KR || c == C_RU || c == C_GR; }
static int cult_family_first(int c) { return c == C_HU || c == C_VN || c == C_CN || c == C_KR; }

enum { SCH_ICAO, SCH_BGN, SCH_SIMPLE, SCH_GERMAN, SCH_FRENCH, N_SCHEME };

typedef struct gen {
    pool sur[N_CULT], male[N_CULT], female[N_CULT];
    name_item *ru_male_items;
    name_item *vn_items[2];       /* boy, girl lines */
    char *vn_text[2];             /* the files the lines point into */
    size_t vn_n[2];
    char (*nick)[2][24];          /* (formal, nickname) pairs, upper case */
    size_t n_nick;
    uint64_t seed;
    size_t entries;
} gen;

/* ----------------------------------------------------------- folding */

/* ICAO 9303 letters that do not decompose to a base letter and marks */
static const char *fold_special(UChar32 c, int icao)
{
    switch (c) {
    case 0xC4: case 0xE4: return icao ? "AE" : "A";
    case 0xD6: case 0xF6: return icao ? "OE" : "O";
    case 0xDC: case 0xFC: return icao ? "UE" : "U";
    case 0xC5: case 0xE5: return icao ? "AA" : "A";
    case 0xD8: case 0xF8: return icao ? "OE" : "O";
    case 0xC6: case 0xE6: return "AE";
    case 0x152: case 0x153: return "OE";
    case 0xDF: return "SS";
    case 0xDE: case 0xFE: return "TH";
    case 0xD0: case 0xF0: case 0x110: case 0x111: return "D";
    case 0x141: case 0x142: return "L";
    default: return NULL;
    }
}

/* Folds Latin text with marks to passport letters: A–Z and single spaces.
 * icao: the ICAO expansions (Ä→AE, Ö→OE, Ü→UE, Å→AA, Ø→OE); otherwise marks
 * are dropped. */
static void fold_latin(const char *in, int icao, char *out, size_t cap)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfd = unorm2_getNFDInstance(&st);
    size_t o = 0;
    int space = 1;
    int32_t i = 0, len = (int32_t)strlen(in);
    while (i < len && o + 4 < cap) {
        UChar32 c;
        U8_NEXT((const uint8_t *)in, i, len, c);
        if (c < 0)
            continue;
        char buf[8];
        const char *rep = fold_special(c, icao);
        if (!rep) {
            UChar src[2], dec[8];
            int32_t sn = 0;
            U16_APPEND_UNSAFE(src, sn, c);
            st = U_ZERO_ERROR;
            int32_t dn = unorm2_normalize(nfd, src, sn, dec, 8, &st);
            UChar32 base = U_SUCCESS(st) && dn > 0 ? dec[0] : c;
            base = u_toupper(base);
            if (base >= 'A' && base <= 'Z') {
                buf[0] = (char)base;
                buf[1] = 0;
                rep = buf;
            } else if (c == '\'' || c == 0x2019 || u_charType(c) == U_NON_SPACING_MARK) {
                continue;
            } else {
                rep = " ";
            }
        }
        for (; *rep; rep++) {
            if (*rep == ' ') {
                if (!space)
                    out[o++] = ' ';
                space = 1;
            } else {
                out[o++] = *rep;
                space = 0;
            }
        }
    }
    while (o > 0 && out[o - 1] == ' ')
        o--;
    out[o] = 0;
}

/* Title case of a UTF-8 name ("JEAN-PIERRE" → "Jean-Pierre"). */
static void title_case(const char *in, char *out, size_t cap)
{
    UChar u[256];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 256, &n, in, -1, &st);
    if (U_FAILURE(st) || n >= 256) {
        snprintf(out, cap, "%s", in);
        return;
    }
    int start = 1;
    for (int32_t i = 0; i < n; i++) {
        u[i] = (UChar)(start ? u_toupper(u[i]) : u_tolower(u[i]));
        start = u[i] == ' ' || u[i] == '-' || u[i] == '\'';
    }
    st = U_ZERO_ERROR;
    u_strToUTF8(out, (int32_t)cap, NULL, u, n, &st);
    if (U_FAILURE(st))
        snprintf(out, cap, "%s", in);
}

/* Upper case of UTF-8 text in any script. */
static void upper_case(const char *in, char *out, size_t cap)
{
    UChar u[256], v[256];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 256, &n, in, -1, &st);
    int32_t m = U_SUCCESS(st) ? u_strToUpper(v, 256, u, n, "", &st) : 0;
    if (U_FAILURE(st) || m >= 256) {
        snprintf(out, cap, "%s", in);
        return;
    }
    st = U_ZERO_ERROR;
    u_strToUTF8(out, (int32_t)cap, NULL, v, m, &st);
}

/* ------------------------------------------------ Cyrillic to Latin */

/* а..я then ё, per scheme: ICAO 9303 (Russian passports since 2013),
 * BGN/PCGN, the common English press spelling, German (Duden), French. */
static const char *const cyr[N_SCHEME][33] = {
    {"A","B","V","G","D","E","ZH","Z","I","I","K","L","M","N","O","P","R","S","T","U","F","KH",
     "TS","CH","SH","SHCH","IE","Y","","E","IU","IA","E"},
    {"A","B","V","G","D","E","ZH","Z","I","Y","K","L","M","N","O","P","R","S","T","U","F","KH",
     "TS","CH","SH","SHCH","","Y","","E","YU","YA","YO"},
    {"A","B","V","G","D","E","ZH","Z","I","Y","K","L","M","N","O","P","R","S","T","U","F","KH",
     "TS","CH","SH","SHCH","","Y","","E","YU","YA","YO"},
    {"A","B","W","G","D","E","SCH","S","I","J","K","L","M","N","O","P","R","S","T","U","F","CH",
     "Z","TSCH","SCH","SCHTSCH","","Y","","E","JU","JA","JO"},
    {"A","B","V","G","D","E","J","Z","I","I","K","L","M","N","O","P","R","S","T","OU","F","KH",
     "TS","TCH","CH","CHTCH","","Y","","E","IOU","IA","IO"},
};

static int cyr_index(UChar c)
{
    if (c >= 0x410 && c <= 0x42F)
        c = (UChar)(c + 0x20);
    if (c >= 0x430 && c <= 0x44F)
        return c - 0x430;
    if (c == 0x451 || c == 0x401)
        return 32;
    return -1;
}

static int cyr_vowel(int k)
{
    return k == 0 || k == 5 || k == 8 || k == 14 || k == 19 || k == 27 || k == 29 || k == 30 ||
           k == 31 || k == 32;
}

static void cyr_latin(const char *in, int scheme, char *out, size_t cap)
{
    UChar u[128];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u, 128, &n, in, -1, &st);
    size_t o = 0;
    out[0] = 0;
    if (U_FAILURE(st))
        return;
    for (int32_t i = 0; i < n; i++) {
        int k = cyr_index(u[i]);
        const char *rep;
        if (k < 0) {
            rep = u[i] == ' ' || u[i] == '-' ? " " : "";
        } else {
            rep = cyr[scheme][k];
            int prev = i > 0 ? cyr_index(u[i - 1]) : -1;
            int next = i + 1 < n ? cyr_index(u[i + 1]) : -1;
            int word_start = prev < 0;
            int after_soft = prev == 26 || prev == 28 || (prev >= 0 && cyr_vowel(prev));
            if (k == 5 && (word_start || after_soft)) {      /* е */
                if (scheme == SCH_BGN)
                    rep = "YE";
                else if (scheme == SCH_GERMAN && word_start)
                    rep = "JE";
            }
            if (k == 8 && next == 9 && (i + 2 >= n || cyr_index(u[i + 2]) < 0)) { /* final -ий */
                static const char *const ending[N_SCHEME] = {"II", "IY", "I", "IJ", "I"};
                rep = ending[scheme];
                i++;
            }
        }
        size_t l = strlen(rep);
        if (o + l + 1 >= cap)
            break;
        memcpy(out + o, rep, l);
        o += l;
    }
    out[o] = 0;
}

/* ----------------------------------------------------------- persons */

typedef struct person {
    uint8_t cult;
    char sex;
    uint8_t n_sur, n_giv;
    int16_t sur[2], giv[3];
    int16_t pat;          /* RU: father's name (ru_male); AR: father's name (ar_male); -1 */
    uint8_t var[6];       /* spelling of sur0, sur1, giv0..2, pat */
    uint8_t scheme;       /* RU: romanization of the list's Latin */
    uint8_t join;         /* CN/KR syllables: 0 joined, 1 spaced, 2 hyphenated */
    uint8_t native;       /* the list writes it in its own script */
    uint8_t vn_mid;       /* VN: VĂN / THỊ before the last syllable */
    uint8_t title;        /* the list writes given names in title case */
    int16_t nick;         /* EN: the list uses nickname pair nick-1 for giv0; 0 none */
} person;

static const pool *given_pool(const gen *g, int cult, char sex)
{
    return sex == 'F' ? &g->female[cult] : &g->male[cult];
}

static unsigned pick_variant(rng *r, unsigned n)
{
    if (n <= 1)
        return 0;
    return rpercent(r, 70) ? 0 : 1 + rbelow(r, n - 1);
}

static int pick_scheme(rng *r)
{
    unsigned x = rbelow(r, 100);
    return x < 35 ? SCH_ICAO : x < 70 ? SCH_BGN : x < 85 ? SCH_SIMPLE : x < 93 ? SCH_GERMAN : SCH_FRENCH;
}

/* One of the nicknames of a formal name, as its pair number + 1; 0 if none. */
static int16_t pick_nickname(const gen *g, rng *r, const char *formal)
{
    size_t first = 0, count = 0;
    for (size_t i = 0; i < g->n_nick; i++)
        if (strcmp(g->nick[i][0], formal) == 0) {
            if (!count)
                first = i;
            count++;
        }
    return count ? (int16_t)(first + rbelow(r, (unsigned)count) + 1) : 0;
}

/* Every eighth surname family of a culture is held out of the list: clean
 * travelers are drawn from those only, so that a clean traveler is a person
 * the list does not name at all (the namesake case is measured on its own,
 * by same_name_diff_dob). A family is a surname with its particle forms
 * (QURASHI, AL-QURASHI, BIN QURASHI): they are one name to a screener. */
static int held_out(const pool *p, unsigned i)
{
    if (p->n < 8)
        return i == p->n - 1;
    if (p->roots && i >= p->own_from)
        return (i - p->own_from) % p->roots % 8 == 7;
    return i % 8 == 7;
}

static int16_t pick_surname(const pool *p, rng *r, int clean)
{
    unsigned i;
    do
        i = pool_pick(p, r);
    while (held_out(p, i) != clean);
    return (int16_t)i;
}

static void person_new_as(const gen *g, rng *r, int cult, char sex, int clean, person *p);

static void person_new(const gen *g, rng *r, int cult, char sex, person *p)
{
    person_new_as(g, r, cult, sex, 0, p);
}

static void person_new_as(const gen *g, rng *r, int cult, char sex, int clean, person *p)
{
    memset(p, 0, sizeof *p);
    p->cult = (uint8_t)cult;
    p->sex = sex;
    p->pat = -1;
    p->n_sur = 1;
    p->sur[0] = pick_surname(&g->sur[cult], r, clean);
    const pool *gp = given_pool(g, cult, sex);
    p->n_giv = 1;
    p->giv[0] = (int16_t)pool_pick(gp, r);
    unsigned extra = 0;
    switch (cult) {
    case C_EN: extra = rpercent(r, 40); break;
    case C_ES: extra = rpercent(r, 35); p->n_sur = rpercent(r, 85) ? 2 : 1; break;
    case C_DE: extra = rpercent(r, 30); break;
    case C_FR: extra = rpercent(r, 25); break;
    case C_HU: extra = rpercent(r, 20); break;
    case C_GR: extra = rpercent(r, 10); break;
    case C_VN: p->vn_mid = (uint8_t)rpercent(r, 50); break;
    case C_CN: extra = rpercent(r, 70); break;       /* a second character */
    case C_KR: extra = rpercent(r, 92); break;       /* a second syllable */
    case C_RU: if (rpercent(r, 90)) p->pat = (int16_t)pool_pick(&g->male[C_RU], r); break;
    case C_AR: if (rpercent(r, 60)) p->pat = (int16_t)pool_pick(&g->male[C_AR], r); break;
    }
    if (p->n_sur == 2) {
        do
            p->sur[1] = pick_surname(&g->sur[cult], r, clean);
        while (p->sur[1] == p->sur[0] && g->sur[cult].n > 8);
    }
    for (unsigned k = 0; k < extra; k++) {
        int16_t v;
        do
            v = (int16_t)pool_pick(gp, r);
        while (v == p->giv[0] && (cult != C_CN || rpercent(r, 95)));
        p->giv[p->n_giv++] = v;
    }
    for (unsigned k = 0; k < 6; k++)
        p->var[k] = (uint8_t)rbelow(r, 256);
    /* the spelling of each token: mostly the usual one */
    const name_item *sur_items = g->sur[cult].items;
    p->var[0] = (uint8_t)pick_variant(r, item_variants(&sur_items[p->sur[0]]));
    p->var[1] = p->n_sur > 1 ? (uint8_t)pick_variant(r, item_variants(&sur_items[p->sur[1]])) : 0;
    for (unsigned k = 0; k < p->n_giv; k++)
        p->var[2 + k] = (uint8_t)pick_variant(r, item_variants(&gp->items[p->giv[k]]));
    if (p->pat >= 0 && cult == C_AR)
        p->var[5] = p->sex == 'M' && p->pat == p->giv[0]
                        ? p->var[2]              /* named after his father: spelled alike */
                        : (uint8_t)pick_variant(r, item_variants(&g->male[C_AR].items[p->pat]));
    p->scheme = (uint8_t)pick_scheme(r);
    p->join = (uint8_t)(rpercent(r, 60) ? 0 : rpercent(r, 60) ? 1 : 2);
    p->title = (uint8_t)rpercent(r, 50);
    if (cult_has_script(cult))
        p->native = (uint8_t)rpercent(r, 30);
    if (cult == C_EN && rpercent(r, 10))
        p->nick = pick_nickname(g, r, gp->items[p->giv[0]].native);
}

/* ------------------------------------------------------------ render */

enum { FORM_LIST, FORM_PASSPORT };

typedef struct render_opts {
    int scheme;           /* RU: -1 the person's own */
    int var_slot;         /* -1, or a slot whose spelling is var_value */
    int var_value;
    int join;             /* -1, or CN/KR syllable joining; AR: 1 joins compounds */
    int strip;            /* German/Nordic/Hungarian: drop marks, no ICAO expansion */
} render_opts;

static const render_opts DEFAULT_OPTS = {-1, -1, 0, -1, 0};

static void cat(char *dst, size_t cap, const char *sep, const char *s)
{
    size_t l = strlen(dst);
    if (l && *s)
        snprintf(dst + l, cap - l, "%s%s", sep, s);
    else if (*s)
        snprintf(dst + l, cap - l, "%s", s);
}

/* Russian surname in the form for the person's sex */
static void ru_surname(const char *male, char sex, char *out, size_t cap)
{
    size_t l = strlen(male);
    snprintf(out, cap, "%s", male);
    if (sex != 'F')
        return;
    /* UTF-8 Cyrillic letters are 2 bytes */
    if (l >= 4 && (strcmp(male + l - 4, "ов") == 0 || strcmp(male + l - 4, "ев") == 0 ||
                   strcmp(male + l - 4, "ин") == 0 || strcmp(male + l - 4, "ёв") == 0))
        snprintf(out, cap, "%sа", male);
    else if (l >= 6 && strcmp(male + l - 6, "кий") == 0)
        snprintf(out, cap, "%.*sкая", (int)(l - 6), male);
}

/* Greek surname for a woman: the genitive form */
static void gr_surname(const char *male, char sex, int latin, char *out, size_t cap)
{
    size_t l = strlen(male);
    snprintf(out, cap, "%s", male);
    if (sex != 'F')
        return;
    if (latin) {
        if (l > 2 && strcmp(male + l - 2, "OS") == 0)
            snprintf(out, cap, "%.*sOU", (int)(l - 2), male);
        else if (l > 2 && (strcmp(male + l - 2, "IS") == 0 || strcmp(male + l - 2, "AS") == 0))
            snprintf(out, cap, "%.*s", (int)(l - 1), male);
    } else {
        if (l > 4 && strcmp(male + l - 4, "ΟΣ") == 0)
            snprintf(out, cap, "%.*sΟΥ", (int)(l - 4), male);
        else if (l > 4 && (strcmp(male + l - 4, "ΗΣ") == 0 || strcmp(male + l - 4, "ΑΣ") == 0))
            snprintf(out, cap, "%.*s", (int)(l - 2), male);
    }
}

static unsigned slot_variant(const person *p, const render_opts *o, int slot)
{
    return o->var_slot == slot ? (unsigned)o->var_value : p->var[slot];
}

/* One token of the name (slot 0–1 surnames, 2–4 given, 5 patronymic) as the
 * list or a passport writes it, before folding. */
static void render_token(const gen *g, const person *p, int form, const render_opts *o, int slot,
                         char *out, size_t cap)
{
    int c = p->cult;
    int native = form == FORM_LIST && p->native;
    const name_item *it;
    if (slot < 2)
        it = &g->sur[c].items[p->sur[slot]];
    else if (slot < 5)
        it = &given_pool(g, c, p->sex)->items[p->giv[slot - 2]];
    else
        it = &g->male[c].items[p->pat];
    char tmp[160];
    switch (c) {
    case C_RU: {
        const char *src = it->native;
        if (slot < 2) {
            ru_surname(it->native, p->sex, tmp, sizeof tmp);
            src = tmp;
        } else if (slot == 5) {
            const ru_male_item *m = &ru_male[p->pat];
            src = p->sex == 'F' ? m->daughter : m->son;
        }
        if (native) {
            snprintf(out, cap, "%s", src);
            return;
        }
        int scheme = o->scheme >= 0 ? o->scheme : (form == FORM_PASSPORT && p->native) ? SCH_ICAO : p->scheme;
        cyr_latin(src, scheme, out, cap);
        return;
    }
    case C_GR:
        if (slot < 2)
            gr_surname(native ? it->native : it->latin, p->sex, !native, out, cap);
        else
            snprintf(out, cap, "%s", native ? it->native : it->latin);
        return;
    case C_CN: case C_KR:
        if (native)
            snprintf(out, cap, "%s", it->native);
        else
            item_spelling(it, slot_variant(p, o, slot), out, cap);
        return;
    case C_AR:
        item_spelling(it, slot_variant(p, o, slot), out, cap);
        if (o->join == 1 && slot >= 2) {
            char *w = out;
            for (char *s = out; *s; s++)
                if (*s != ' ')
                    *w++ = *s;
            *w = 0;
        }
        return;
    case C_VN:
        if (slot >= 2 && p->vn_mid) {
            const char *last = strrchr(it->native, ' ');
            snprintf(out, cap, "%s %s", p->sex == 'F' ? "Thị" : "Văn", last ? last + 1 : it->native);
            return;
        }
        snprintf(out, cap, "%s", it->native);
        return;
    case C_EN:
        if (slot == 2 && p->nick > 0) {
            snprintf(out, cap, "%s", g->nick[p->nick - 1][1]);
            return;
        }
        /* fall through */
    default:
        snprintf(out, cap, "%s", it->native);
        return;
    }
}

/* A person's surname and given names as the list or a passport writes them.
 * Passport forms are folded to A–Z and spaces. */
static void render(const gen *g, const person *p, int form, const render_opts *o, char *sur, char *giv,
                   size_t cap)
{
    char tok[160];
    sur[0] = giv[0] = 0;
    int c = p->cult;
    for (int k = 0; k < p->n_sur; k++) {
        render_token(g, p, form, o, k, tok, sizeof tok);
        cat(sur, cap, " ", tok);
    }
    int syllables = c == C_CN || c == C_KR;
    int join = o->join >= 0 ? o->join : p->join;
    if (syllables && form == FORM_LIST && p->native)
        join = 0;                                  /* Han and Hangul are written without spaces */
    for (int k = 0; k < p->n_giv; k++) {
        render_token(g, p, form, o, 2 + k, tok, sizeof tok);
        if (syllables && k > 0 && join != 1) {
            if (join == 2)
                cat(giv, cap, "", "-");
            cat(giv, cap, "", tok);
        } else {
            cat(giv, cap, " ", tok);
        }
    }
    if (p->pat >= 0) {
        render_token(g, p, form, o, 5, tok, sizeof tok);
        cat(giv, cap, " ", tok);
    }
    if (form == FORM_PASSPORT) {
        int icao = (c == C_DE || c == C_HU) && !o->strip;
        char t[256];
        fold_latin(sur, icao, t, sizeof t);
        snprintf(sur, cap, "%s", t);
        fold_latin(giv, icao, t, sizeof t);
        snprintf(giv, cap, "%s", t);
    } else if (!p->native) {
        char t[256];
        upper_case(sur, t, sizeof t);
        snprintf(sur, cap, "%s", t);
        if (p->title)
            title_case(giv, t, sizeof t);
        else
            upper_case(giv, t, sizeof t);
        snprintf(giv, cap, "%s", t);
    }
}

#define NAME_WORDS 16

static int cmp_word(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* A name's words, sorted; how many. */
static int sorted_words(const char *sur, const char *giv, char words[NAME_WORDS][64])
{
    char all[512];
    int n = 0;
    snprintf(all, sizeof all, "%s %s", sur, giv);
    for (char *t = strtok(all, " "); t && n < NAME_WORDS; t = strtok(NULL, " "))
        snprintf(words[n++], 64, "%s", t);
    qsort(words, (size_t)n, sizeof words[0], cmp_word);
    return n;
}

/* FNV-1a over a word and the space after it. */
static uint64_t fnv(uint64_t h, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        h = (h ^ (uint8_t)s[i]) * 1099511628211ULL;
    return (h ^ ' ') * 1099511628211ULL;
}

/* A hash of a passport name's tokens, in any order. */
static uint64_t name_key(const char *sur, const char *giv)
{
    char words[NAME_WORDS][64];
    int n = sorted_words(sur, giv, words);
    uint64_t h = 1469598103934665603ULL;
    for (int i = 0; i < n; i++)
        h = fnv(h, words[i], strlen(words[i]));
    return h;
}

/* ------------------------------------------------------------- dates */

static int days_in(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : d[m - 1];
}

typedef struct date { int y, m, d; } date;

static date random_day_in(rng *r, int y)
{
    date t = {y, 1 + (int)rbelow(r, 12), 1};
    t.d = 1 + (int)rbelow(r, (unsigned)days_in(y, t.m));
    return t;
}

static date random_date(rng *r) { return random_day_in(r, 1940 + (int)rbelow(r, 66)); }

static void date_str(date t, char *out, size_t cap)
{
    if (!t.y)
        out[0] = 0;
    else if (!t.m)
        snprintf(out, cap, "%04d", t.y);
    else
        snprintf(out, cap, "%04d-%02d-%02d", t.y, t.m, t.d);
}

/* ----------------------------------------------------------- entries */

#define MAX_ALIASES 3

typedef struct entry {
    size_t index;
    person p;
    unsigned n_alias;
    person alias[MAX_ALIASES];
    uint8_t alias_whole[MAX_ALIASES];
    uint8_t whole;        /* the list writes the whole name in `name` */
    date dob;             /* m == 0: year only; y == 0: none */
    date dob2;            /* a second date the list gives (the year next to it), y == 0: none */
    char nat[2][4];
    unsigned n_nat;
    int category;
    char passport[16];    /* "" none */
} entry;

static int pick_culture(rng *r)
{
    unsigned x = rbelow(r, 1000), t = 0;
    for (int c = 0; c < N_CULT; c++) {
        t += cult_weight[c];
        if (x < t)
            return c;
    }
    return C_EN;
}

static void pick_nationality(rng *r, int cult, char out[4])
{
    const char *s = cult_nat[cult];
    unsigned n = (unsigned)(strlen(s) + 1) / 4;
    memcpy(out, s + 4 * rbelow(r, n), 3);
    out[3] = 0;
}

static void passport_number(rng *r, char *out, size_t cap)
{
    /* one draw per statement: the order of a call's arguments is unspecified */
    char a = (char)('A' + rbelow(r, 26));
    char b = (char)('A' + rbelow(r, 26));
    unsigned digits = rbelow(r, 10000000);
    snprintf(out, cap, "%c%c%07u", a, b, digits);
}

static void entry_gen(const gen *g, size_t i, entry *e)
{
    rng r = {mix64(g->seed ^ mix64(i + 0x5eed))};
    memset(e, 0, sizeof *e);
    e->index = i;
    int cult = pick_culture(&r);
    char sex = rpercent(&r, 75) ? 'M' : 'F';
    person_new(g, &r, cult, sex, &e->p);
    e->whole = (uint8_t)rpercent(&r, cult_family_first(cult) ? 30 : 10);
    unsigned x = rbelow(&r, 100);
    if (x < 70) {
        e->dob = random_date(&r);
        if (rpercent(&r, 5)) {               /* lists often give two candidate years */
            e->dob2 = e->dob;
            e->dob2.y += rpercent(&r, 50) ? 1 : -1;
            if (e->dob2.d > days_in(e->dob2.y, e->dob2.m))
                e->dob2.d = days_in(e->dob2.y, e->dob2.m);
        }
    }
    else if (x < 85)
        e->dob = (date){1940 + (int)rbelow(&r, 66), 0, 0};
    e->n_nat = 1 + rpercent(&r, 5);
    for (unsigned k = 0; k < e->n_nat; k++)
        pick_nationality(&r, k ? (int)rbelow(&r, N_CULT) : cult, e->nat[k]);
    if (e->n_nat == 2 && strcmp(e->nat[0], e->nat[1]) == 0)
        e->n_nat = 1;
    x = rbelow(&r, 100);
    e->category = x < 35 ? 1 : x < 55 ? 5 : x < 70 ? 4 : x < 80 ? 3 : x < 95 ? 2 : 0;
    if (rpercent(&r, 40))
        passport_number(&r, e->passport, sizeof e->passport);
    x = rbelow(&r, 100);
    e->n_alias = x < 40 ? 0 : x < 70 ? 1 : x < 90 ? 2 : 3;
    for (unsigned k = 0; k < e->n_alias; k++) {
        person *a = &e->alias[k];
        unsigned t = rbelow(&r, 100);
        int spelling = !e->p.native && (cult == C_RU || cult == C_KR || cult == C_AR);
        if (spelling && t < 40) {
            /* the same name spelled another way */
            *a = e->p;
            if (cult == C_RU)
                a->scheme = (uint8_t)((a->scheme + 1 + rbelow(&r, N_SCHEME - 1)) % N_SCHEME);
            else
                for (int s = 0; s < 6; s++)
                    a->var[s] = (uint8_t)rbelow(&r, 6);
        } else if (t < 70) {
            /* another given name with the same surname */
            person_new(g, &r, cult, sex, a);
            a->sur[0] = e->p.sur[0];
            a->n_sur = e->p.n_sur;
            a->sur[1] = e->p.sur[1];
            a->var[0] = e->p.var[0];
            a->var[1] = e->p.var[1];
            a->scheme = e->p.scheme;
        } else {
            person_new(g, &r, cult, sex, a);
        }
        a->native = e->p.native;
        a->title = e->p.title;
        /* clamp spellings to what each item has */
        const pool *gp = given_pool(g, cult, sex);
        for (int s = 0; s < a->n_sur; s++)
            a->var[s] = (uint8_t)(a->var[s] % item_variants(&g->sur[cult].items[a->sur[s]]));
        for (int s = 0; s < a->n_giv; s++)
            a->var[2 + s] = (uint8_t)(a->var[2 + s] % item_variants(&gp->items[a->giv[s]]));
        if (a->pat >= 0 && cult == C_AR)
            a->var[5] = (uint8_t)(a->var[5] % item_variants(&g->male[C_AR].items[a->pat]));
        e->alias_whole[k] = (uint8_t)rpercent(&r, 30);
        /* a name that comes out as the primary one (a spelling with no letter the
         * schemes differ on, the same given name drawn again) is no alias */
        char s0[256], g0[256], s1[256], g1[256];
        render(g, &e->p, FORM_LIST, &DEFAULT_OPTS, s0, g0, sizeof s0);
        render(g, a, FORM_LIST, &DEFAULT_OPTS, s1, g1, sizeof s1);
        if (strcmp(s0, s1) == 0 && strcmp(g0, g1) == 0) {
            e->n_alias--;
            k--;
        }
    }
}

static void entry_id(size_t i, char *out, size_t cap) { snprintf(out, cap, "E%07zu", i + 1); }

/* A whole name in the order its culture writes it. */
static void whole_name(const person *p, const char *sur, const char *giv, int family_first, char *out,
                       size_t cap)
{
    int cjk_native = p->native && (p->cult == C_CN || p->cult == C_KR);
    if (family_first)
        snprintf(out, cap, "%s%s%s", sur, *giv && *sur && !cjk_native ? " " : "", giv);
    else
        snprintf(out, cap, "%s%s%s", giv, *giv && *sur ? " " : "", sur);
}

/* ---------------------------------------------------------------- CSV */

static void csv_field(FILE *f, const char *s, int last)
{
    if (strpbrk(s, ",\"\n\r")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"')
                fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
    fputc(last ? '\n' : ',', f);
}

/* ------------------------------------- travelers the list cannot tell apart */

/* The entries with no date of birth, or a year only, by their primary
 * passport name. A traveler with those tokens in any order, exactly or with
 * one typing error in one token, born in that year when the entry gives
 * one, of its sex and of a nationality it lists, is the listed person as far
 * as the list can tell: the exact, order and typo kinds are made the same
 * way from such entries and must alert. */
typedef struct vague_key {
    uint64_t key;            /* the other tokens and this token's spelling */
    uint32_t vague;
    uint8_t token;
} vague_key;

typedef struct vague_list {
    int *year;               /* per vague entry: 0 none */
    char (*facts)[12];       /* per vague entry: sex, then its nationalities as "|VNM|FRA" */
    uint32_t *at;            /* per vague entry: its sorted words in the pool */
    size_t n, cap_year, cap_at, cap_facts;
    char *pool;
    size_t n_pool, cap_pool;
    vague_key *keys;
    size_t n_keys, cap_keys;
} vague_list;

static void *grow(void *p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return p;
    size_t c = *cap ? *cap * 2 : 1024;
    while (c < need)
        c *= 2;
    void *q = realloc(p, c * elem);
    if (!q) {
        fprintf(stderr, "bench_gen: out of memory\n");
        exit(1);
    }
    *cap = c;
    return q;
}

/* The keys of a name: per token, the other tokens with the token as it is
 * and with each of its letters deleted (for three letters or more). Names
 * one typing error apart in one token share a key (and some two apart do:
 * the caller checks). */
static size_t typo_keys(char words[NAME_WORDS][64], int n, uint64_t *keys, uint8_t *token, size_t cap)
{
    size_t k = 0;
    for (int i = 0; i < n; i++) {
        uint64_t others = 1469598103934665603ULL;
        for (int j = 0; j < n; j++)
            if (j != i)
                others = fnv(others, words[j], strlen(words[j]));
        size_t len = strlen(words[i]);
        for (size_t del = 0; del <= (len >= 3 ? len : 0) && k < cap; del++) {
            char w[64];
            size_t wl = 0;
            for (size_t c = 0; c < len; c++)
                if (c + 1 != del)                  /* del 0: the token as it is */
                    w[wl++] = words[i][c];
            keys[k] = fnv(fnv(others, "*", 1), w, wl);
            token[k++] = (uint8_t)i;
        }
    }
    return k;
}

static void vague_add(vague_list *v, const entry *e, const char *sur, const char *giv)
{
    if (e->dob.y && e->dob.m)
        return;
    char words[NAME_WORDS][64];
    int n = sorted_words(sur, giv, words);
    v->year = grow(v->year, &v->cap_year, v->n + 1, sizeof *v->year);
    v->at = grow(v->at, &v->cap_at, v->n + 1, sizeof *v->at);
    v->facts = grow(v->facts, &v->cap_facts, v->n + 1, sizeof *v->facts);
    snprintf(v->facts[v->n], sizeof v->facts[v->n], "%c|%s|%s", e->p.sex, e->nat[0], e->n_nat > 1 ? e->nat[1] : "");
    v->year[v->n] = e->dob.y;
    v->at[v->n] = (uint32_t)v->n_pool;
    for (int i = 0; i < n; i++) {
        size_t len = strlen(words[i]) + 1;
        v->pool = grow(v->pool, &v->cap_pool, v->n_pool + len, 1);
        memcpy(v->pool + v->n_pool, words[i], len);
        v->n_pool += len;
    }
    v->pool = grow(v->pool, &v->cap_pool, v->n_pool + 1, 1);
    v->pool[v->n_pool++] = '\0';                      /* an empty word ends the name */
    uint64_t keys[NAME_WORDS * 65];
    uint8_t token[NAME_WORDS * 65];
    size_t nk = typo_keys(words, n, keys, token, NAME_WORDS * 65);
    v->keys = grow(v->keys, &v->cap_keys, v->n_keys + nk, sizeof *v->keys);
    for (size_t k = 0; k < nk; k++)
        v->keys[v->n_keys++] = (vague_key){keys[k], (uint32_t)v->n, token[k]};
    v->n++;
}

static int cmp_vague_key(const void *a, const void *b)
{
    uint64_t x = ((const vague_key *)a)->key, y = ((const vague_key *)b)->key;
    return x < y ? -1 : x > y;
}

/* Whether a and b are at most one typing error apart (substitution,
 * insertion, deletion, or two neighbours swapped), by the optimal string
 * alignment distance. */
static int one_typo_apart(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la >= 64 || lb >= 64 || la + 1 < lb || lb + 1 < la)
        return 0;
    unsigned d[64][64];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = (unsigned)i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = (unsigned)j;
    for (size_t i = 1; i <= la; i++)
        for (size_t j = 1; j <= lb; j++) {
            unsigned best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb] <= 1;
}

/* How many vague entries the list cannot tell from a traveler of that
 * passport name, born in that year, of that sex and nationality. */
static size_t count_indistinct(const vague_list *v, const char *sur, const char *giv, int year, char sex,
                               const char *nat)
{
    char as_listed[8];
    snprintf(as_listed, sizeof as_listed, "|%s|", nat);
    char words[NAME_WORDS][64];
    int n = sorted_words(sur, giv, words);
    uint64_t keys[NAME_WORDS * 65];
    uint8_t token[NAME_WORDS * 65];
    size_t nk = typo_keys(words, n, keys, token, NAME_WORDS * 65);
    uint32_t found[256];
    size_t n_found = 0;
    for (size_t k = 0; k < nk; k++) {
        size_t lo = 0, hi = v->n_keys;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (v->keys[mid].key < keys[k])
                lo = mid + 1;
            else
                hi = mid;
        }
        for (; lo < v->n_keys && v->keys[lo].key == keys[k]; lo++) {
            const vague_key *vk = &v->keys[lo];
            const char *facts = v->facts[vk->vague];
            if ((v->year[vk->vague] && v->year[vk->vague] != year) || facts[0] != sex || !strstr(facts, as_listed))
                continue;
            const char *ew[NAME_WORDS];        /* the entry's words */
            int m = 0;
            for (const char *p = v->pool + v->at[vk->vague]; *p && m < NAME_WORDS; p += strlen(p) + 1)
                ew[m++] = p;
            const char *mine = words[token[k]], *theirs = ew[vk->token];
            int same = m == n && (strcmp(mine, theirs) == 0 || (strlen(theirs) >= 3 && one_typo_apart(mine, theirs)));
            for (int i = 0, j = 0; same; i++, j++) {    /* and the other tokens alike */
                i += i == token[k];
                j += j == vk->token;
                if (i >= n || j >= m)
                    break;
                same = strcmp(words[i], ew[j]) == 0;
            }
            size_t f = 0;
            while (f < n_found && found[f] != vk->vague)
                f++;
            if (same && f == n_found && n_found < sizeof found / sizeof *found)
                found[n_found++] = vk->vague;
        }
    }
    return n_found;
}

static const char *const category_names[] = {"other", "wanted", "sex_offender", "trafficking",
                                             "terrorism", "sanctions"};

static void write_entry(const gen *g, const entry *e, FILE *f, uint64_t *key, vague_list *vague)
{
    char id[16], sur[256], giv[256], whole[512], aliases[2048] = "", dob[32], nat[16] = "", doc[40] = "";
    entry_id(e->index, id, sizeof id);
    render(g, &e->p, FORM_LIST, &DEFAULT_OPTS, sur, giv, sizeof sur);
    int ff = cult_family_first(e->p.cult);
    whole[0] = 0;
    if (e->whole) {
        whole_name(&e->p, sur, giv, ff, whole, sizeof whole);
        sur[0] = giv[0] = 0;
    }
    for (unsigned k = 0; k < e->n_alias; k++) {
        char as[256], ag[256], one[520];
        render(g, &e->alias[k], FORM_LIST, &DEFAULT_OPTS, as, ag, sizeof as);
        if (e->alias_whole[k])
            whole_name(&e->alias[k], as, ag, ff, one, sizeof one);
        else
            snprintf(one, sizeof one, "%s, %s", as, ag);
        cat(aliases, sizeof aliases, "|", one);
    }
    date_str(e->dob, dob, sizeof dob);
    if (e->dob2.y) {
        char second[16];
        date_str(e->dob2, second, sizeof second);
        cat(dob, sizeof dob, "|", second);
    }
    for (unsigned k = 0; k < e->n_nat; k++)
        cat(nat, sizeof nat, "|", e->nat[k]);
    if (e->passport[0])
        snprintf(doc, sizeof doc, "P:%s:%s", e->nat[0], e->passport);
    char sexs[2] = {e->p.sex, 0};
    csv_field(f, id, 0);
    csv_field(f, "synthetic", 0);
    csv_field(f, category_names[e->category], 0);
    csv_field(f, sur, 0);
    csv_field(f, giv, 0);
    csv_field(f, whole, 0);
    csv_field(f, aliases, 0);
    csv_field(f, dob, 0);
    csv_field(f, sexs, 0);
    csv_field(f, nat, 0);
    csv_field(f, doc, 1);
    char ps[256], pg[256];
    render(g, &e->p, FORM_PASSPORT, &DEFAULT_OPTS, ps, pg, sizeof ps);
    *key = name_key(ps, pg);
    vague_add(vague, e, ps, pg);
}

/* ----------------------------------------------------------- travelers */

enum {
    K_EXACT, K_ALIAS, K_DIACRITICS, K_ORDER, K_TYPO, K_MIDDLE, K_PATRONYMIC, K_JOINED, K_SCRIPT,
    K_ROMANIZATION, K_NICKNAME, K_DOB_SWAPPED, K_DOB_YEAR_OFF, K_DOB_YEAR_ONLY, K_DOB_MISSING,
    K_RENEWED, K_CLEAN, K_SAME_NAME, K_SIMILAR, N_KIND
};
static const char *const kind_name[N_KIND] = {
    "exact", "alias", "diacritics", "order", "typo", "middle_name", "patronymic", "joined_split",
    "script", "romanization", "nickname", "dob_swapped", "dob_year_off", "dob_year_only",
    "dob_missing", "renewed_passport", "clean", "same_name_diff_dob", "similar_name"};

typedef struct traveler {
    char sur[256], giv[256], whole[512];
    date dob;
    char sex;
    char nat[4];
    char expect[16], source[16];
    char passport[16];    /* the listed passport the traveler carries, or "" for a new one */
    const char *document; /* "same", "renewed", or "" when the entry lists no passport */
} traveler;

static int has_non_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 1;
    return 0;
}

/* One edit in one token of 3 letters or more: substitution, insertion,
 * deletion or transposition. Returns 0 if no token is long enough. */
static int typo(rng *r, char *sur, char *giv, size_t cap)
{
    char *fields[2] = {sur, giv};
    struct span { int f; size_t at, len; } tok[24];
    int n = 0;
    for (int f = 0; f < 2; f++)
        for (size_t i = 0; fields[f][i] && n < 24;) {
            while (fields[f][i] == ' ')
                i++;
            size_t j = i;
            while (fields[f][j] && fields[f][j] != ' ')
                j++;
            if (j - i >= 3)
                tok[n++] = (struct span){f, i, j - i};
            i = j;
        }
    if (!n)
        return 0;
    int k = (int)rbelow(r, (unsigned)n);
    char *s = fields[tok[k].f];
    size_t at = tok[k].at, len = tok[k].len, sl = strlen(s);
    size_t pos = at + rbelow(r, (unsigned)len);
    char letter = (char)('A' + rbelow(r, 26));
    switch (rbelow(r, 4)) {
    case 0:                                            /* substitution */
        while (letter == s[pos])
            letter = (char)('A' + rbelow(r, 26));
        s[pos] = letter;
        break;
    case 1:                                            /* insertion */
        if (sl + 2 >= cap)
            return 0;
        memmove(s + pos + 1, s + pos, sl - pos + 1);
        s[pos] = letter;
        break;
    case 2:                                            /* deletion */
        memmove(s + pos, s + pos + 1, sl - pos);
        break;
    default:                                           /* transposition */
        for (size_t t = 0; t < len - 1; t++) {
            size_t p = at + (pos - at + t) % (len - 1);
            if (s[p] != s[p + 1]) {
                char c = s[p];
                s[p] = s[p + 1];
                s[p + 1] = c;
                return 1;
            }
        }
        s[pos] = s[pos] == 'Z' ? 'Y' : (char)(s[pos] + 1);
        break;
    }
    return 1;
}

/* the passport date of a traveler made from an entry */
static date traveler_dob(rng *r, date e)
{
    if (!e.y)
        return random_date(r);
    if (!e.m)
        return random_day_in(r, e.y);
    return e;
}

/* Makes a traveler of a positive kind from entry e; 0 if e does not fit. */
static int derive(const gen *g, rng *r, int kind, const entry *e, traveler *t)
{
    person p = e->p;
    render_opts o = DEFAULT_OPTS;
    int c = p.cult;
    int full_dob = e->dob.y && e->dob.m;
    if ((kind == K_SCRIPT) != (p.native != 0))
        return 0;
    t->dob = traveler_dob(r, e->dob);
    switch (kind) {
    case K_EXACT: case K_ORDER: case K_TYPO: case K_SCRIPT:
        break;
    case K_RENEWED:                       /* the listed person on a passport issued since */
        if (!e->passport[0] || !full_dob)
            return 0;
        t->dob = e->dob;
        break;
    case K_ALIAS:
        if (!e->n_alias)
            return 0;
        p = e->alias[rbelow(r, e->n_alias)];
        break;
    case K_DIACRITICS: {
        char s[256], gv[256];
        render(g, &p, FORM_LIST, &o, s, gv, sizeof s);
        if (!has_non_ascii(s) && !has_non_ascii(gv))
            return 0;
        o.strip = rpercent(r, 50);
        break;
    }
    case K_MIDDLE: {
        int opts[5], n = 0;
        if (c == C_CN || c == C_KR || c == C_RU || c == C_VN)
            return 0;
        if (p.n_giv >= 2) opts[n++] = 0;
        if (p.n_sur == 2) opts[n++] = 1;
        if (p.pat >= 0) opts[n++] = 2;
        if (p.n_giv < 3) opts[n++] = 3;
        switch (opts[rbelow(r, (unsigned)n)]) {
        case 0: {
            int k = 1 + (int)rbelow(r, p.n_giv - 1u);
            for (int j = k; j + 1 < p.n_giv; j++) {
                p.giv[j] = p.giv[j + 1];
                p.var[2 + j] = p.var[3 + j];
            }
            p.n_giv--;
            break;
        }
        case 1: p.n_sur = 1; break;
        case 2: p.pat = -1; break;
        default: {
            const pool *gp = given_pool(g, c, p.sex);
            int16_t v;
            int same;
            do {
                v = (int16_t)pool_pick(gp, r);
                same = 0;
                for (int j = 0; j < p.n_giv; j++)
                    same |= p.giv[j] == v;
            } while (same);
            p.giv[p.n_giv] = v;
            p.var[2 + p.n_giv] = 0;
            p.n_giv++;
        }
        }
        break;
    }
    case K_PATRONYMIC:
        if (c != C_RU || p.pat < 0)
            return 0;
        p.pat = -1;
        break;
    case K_JOINED:
        if ((c == C_CN || c == C_KR) && p.n_giv == 2) {
            o.join = p.join == 0 ? 1 : 0;
        } else if (c == C_AR) {
            int compound = 0;
            char tok[160];
            for (int k = 0; k < p.n_giv; k++) {
                render_token(g, &p, FORM_PASSPORT, &o, 2 + k, tok, sizeof tok);
                compound |= strchr(tok, ' ') != NULL;
            }
            if (!compound)
                return 0;
            o.join = 1;
        } else {
            return 0;
        }
        break;
    case K_ROMANIZATION: {
        char s0[256], g0[256], s1[256], g1[256];
        render(g, &p, FORM_PASSPORT, &o, s0, g0, sizeof s0);
        if (c == C_RU) {
            o.scheme = p.scheme == SCH_ICAO ? (rpercent(r, 50) ? SCH_BGN : SCH_GERMAN) : SCH_ICAO;
        } else if (c == C_KR || c == C_AR) {
            int slots[6], n = 0;
            const pool *gp = given_pool(g, c, p.sex);
            if (item_variants(&g->sur[c].items[p.sur[0]]) > 1) slots[n++] = 0;
            for (int k = 0; k < p.n_giv; k++)
                if (item_variants(&gp->items[p.giv[k]]) > 1) slots[n++] = 2 + k;
            if (p.pat >= 0 && c == C_AR && item_variants(&g->male[c].items[p.pat]) > 1) slots[n++] = 5;
            if (!n)
                return 0;
            int s = slots[rbelow(r, (unsigned)n)];
            const name_item *it = s == 0 ? &g->sur[c].items[p.sur[0]]
                                : s == 5 ? &g->male[c].items[p.pat]
                                         : &gp->items[p.giv[s - 2]];
            unsigned nv = item_variants(it);
            o.var_slot = s;
            o.var_value = (int)((p.var[s] + 1 + rbelow(r, nv - 1)) % nv);
        } else {
            return 0;
        }
        render(g, &p, FORM_PASSPORT, &o, s1, g1, sizeof s1);
        if (strcmp(s0, s1) == 0 && strcmp(g0, g1) == 0)
            return 0;
        break;
    }
    case K_NICKNAME:
        if (c != C_EN)
            return 0;
        if (p.nick > 0)
            p.nick = 0;
        else if (!(p.nick = pick_nickname(g, r, given_pool(g, c, p.sex)->items[p.giv[0]].native)))
            return 0;
        break;
    case K_DOB_SWAPPED:
        if (!full_dob || e->dob.d > 12 || e->dob.d == e->dob.m)
            return 0;
        t->dob = (date){e->dob.y, e->dob.d, e->dob.m};
        break;
    case K_DOB_YEAR_OFF:
        if (!full_dob)
            return 0;
        t->dob.y += rpercent(r, 50) ? 1 : -1;
        if (t->dob.d > days_in(t->dob.y, t->dob.m))
            t->dob.d = days_in(t->dob.y, t->dob.m);
        break;
    case K_DOB_YEAR_ONLY:
        if (!full_dob)
            return 0;
        t->dob = (date){e->dob.y, 0, 0};
        break;
    case K_DOB_MISSING:
        if (!full_dob)
            return 0;
        t->dob = (date){0, 0, 0};
        break;
    default:
        return 0;
    }
    render(g, &p, FORM_PASSPORT, &o, t->sur, t->giv, sizeof t->sur);
    if (!t->sur[0] && !t->giv[0])
        return 0;
    if (kind == K_TYPO && !typo(r, t->sur, t->giv, sizeof t->sur))
        return 0;
    if (kind == K_ORDER) {
        unsigned how = rbelow(r, 3);
        char s[256];
        if (how == 0) {                                   /* the fields swapped */
            snprintf(s, sizeof s, "%s", t->sur);
            snprintf(t->sur, sizeof t->sur, "%s", t->giv);
            snprintf(t->giv, sizeof t->giv, "%s", s);
        } else {                                          /* one field, either order */
            whole_name(&p, t->sur, t->giv, how == 1, t->whole, sizeof t->whole);
            t->sur[0] = t->giv[0] = 0;
        }
    }
    t->sex = p.sex;
    snprintf(t->nat, sizeof t->nat, "%s", e->nat[0]);
    /* a listed passport: still the one he travels on, except for the
     * renewed_passport kind (a new number of the same country), which is
     * measured on its own so that each variation kind measures its variation */
    t->document = "";
    if (e->passport[0]) {
        t->document = kind == K_RENEWED ? "renewed" : "same";
        if (t->document[0] == 's')
            snprintf(t->passport, sizeof t->passport, "%s", e->passport);
    }
    entry_id(e->index, t->expect, sizeof t->expect);
    entry_id(e->index, t->source, sizeof t->source);
    return 1;
}

/* Whether every token of a is among those of b (names in passport form). */
static int tokens_within(const char *a, const char *b)
{
    for (const char *t = a; *t;) {
        size_t n = strcspn(t, " ");
        int found = 0;
        for (const char *u = b; *u && !found;) {
            size_t m = strcspn(u, " ");
            found = m == n && memcmp(t, u, n) == 0;
            u += m + (u[m] == ' ');
        }
        if (!found)
            return 0;
        t += n + (t[n] == ' ');
    }
    return *a != 0;
}

/* Whether the name sur, giv is one of e's names (primary or alias) with a
 * given name missing or extra: that is the middle_name kind, not another
 * name (MEYER BAERBEL against MEYER MAJA listed also as MEYER BÄRBEL ANNA;
 * GRANDNIER PIERRE against GRANDNIER JEAN-PIERRE). */
static int names_the_entry(const gen *g, const entry *e, const char *sur, const char *giv)
{
    for (unsigned a = 0; a <= e->n_alias; a++) {
        char esur[256], egiv[256];
        render(g, a ? &e->alias[a - 1] : &e->p, FORM_PASSPORT, &DEFAULT_OPTS, esur, egiv, sizeof esur);
        if (strcmp(esur, sur) == 0 && (tokens_within(giv, egiv) || tokens_within(egiv, giv)))
            return 1;
    }
    return 0;
}

/* A traveler of a negative kind; 0 if e does not fit. */
static int derive_negative(const gen *g, rng *r, int kind, const entry *e, traveler *t)
{
    person p = e->p;
    int full_dob = e->dob.y && e->dob.m;
    if (p.native)
        return 0;
    if (kind == K_SAME_NAME) {
        if (!full_dob)
            return 0;
        int dy = 6 + (int)rbelow(r, 20);     /* five years or more from both listed dates */
        int y = e->dob.y + (rpercent(r, 50) ? dy : -dy);
        if (y < 1930 || y > 2010)
            y = e->dob.y + (y < 1930 ? dy : -dy);
        t->dob = random_day_in(r, y);
    } else {
        /* another given name (another syllable for Chinese and Korean) */
        const pool *gp = given_pool(g, p.cult, p.sex);
        int k = p.cult == C_CN || p.cult == C_KR ? (int)rbelow(r, p.n_giv) : 0;
        char before[256], after[256], s[256];
        render(g, &p, FORM_PASSPORT, &DEFAULT_OPTS, s, before, sizeof s);
        int16_t was = p.giv[k];
        for (int tries = 0; tries < 20; tries++) {
            int16_t v = (int16_t)pool_pick(gp, r);
            if (v == was)
                continue;                        /* the same name in another spelling is no other name */
            int dup = 0;
            for (int j = 0; j < p.n_giv; j++)
                dup |= j != k && p.giv[j] == v && p.cult != C_CN && p.cult != C_KR;
            if (dup)
                continue;
            p.giv[k] = v;
            p.var[2 + k] = 0;
            p.nick = 0;
            render(g, &p, FORM_PASSPORT, &DEFAULT_OPTS, s, after, sizeof s);
            if (strcmp(before, after) != 0 && !names_the_entry(g, e, s, after))
                break;
        }
        if (strcmp(before, after) == 0 || names_the_entry(g, e, s, after))
            return 0;
        t->dob = random_date(r);
    }
    render(g, &p, FORM_PASSPORT, &DEFAULT_OPTS, t->sur, t->giv, sizeof t->sur);
    t->sex = p.sex;
    snprintf(t->nat, sizeof t->nat, "%s", e->nat[0]);
    entry_id(e->index, t->source, sizeof t->source);
    return 1;
}

static void clean_traveler(const gen *g, rng *r, traveler *t)
{
    int cult = pick_culture(r);
    person p;
    person_new_as(g, r, cult, rpercent(r, 60) ? 'M' : 'F', 1, &p);
    p.native = 0;
    render(g, &p, FORM_PASSPORT, &DEFAULT_OPTS, t->sur, t->giv, sizeof t->sur);
    t->dob = random_date(r);
    t->sex = p.sex;
    pick_nationality(r, cult, t->nat);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static size_t count_key(const uint64_t *keys, size_t n, uint64_t k)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (keys[mid] < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t c = 0;
    while (lo + c < n && keys[lo + c] == k)
        c++;
    return c;
}

static void write_traveler(FILE *f, size_t n, const traveler *t, const char *kind, size_t twins, size_t indistinct)
{
    char id[24], dob[16], doc[16], sexs[2] = {t->sex, 0}, tw[24], ind[24];
    snprintf(id, sizeof id, "T%07zu", n);
    date_str(t->dob, dob, sizeof dob);
    snprintf(tw, sizeof tw, "%zu", twins);
    snprintf(ind, sizeof ind, "%zu", indistinct);
    rng r = {mix64(n * 7919)};
    passport_number(&r, doc, sizeof doc);
    if (t->passport[0])
        snprintf(doc, sizeof doc, "%s", t->passport);
    csv_field(f, id, 0);
    csv_field(f, t->sur, 0);
    csv_field(f, t->giv, 0);
    csv_field(f, t->whole, 0);
    csv_field(f, dob, 0);
    csv_field(f, sexs, 0);
    csv_field(f, t->nat, 0);
    csv_field(f, "P", 0);
    csv_field(f, doc, 0);
    csv_field(f, t->nat, 0);
    csv_field(f, t->expect, 0);
    csv_field(f, kind, 0);
    csv_field(f, t->source, 0);
    csv_field(f, tw, 0);
    csv_field(f, t->document ? t->document : "", 0);
    csv_field(f, ind, 1);
}

/* ------------------------------------------------------------- setup */

/* a whole file, NUL-terminated, or NULL */
static char *read_all(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    return pw_read_file(path, &data, &len) == PW_OK ? data : NULL;
}

static uint64_t str_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (uint8_t)*s) * 1099511628211ULL;
    return mix64(h);
}

static int cmp_item_hash(const void *a, const void *b)
{
    uint64_t x = str_hash(((const name_item *)a)->native), y = str_hash(((const name_item *)b)->native);
    return x < y ? -1 : x > y ? 1 : strcmp(((const name_item *)a)->native, ((const name_item *)b)->native);
}

/* Vietnamese given names, one per line; the buffer stays alive with the items */
static int load_vn(gen *g, const char *data_dir, int girl)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/lists/vietnamese-given-names/%s.txt", data_dir, girl ? "girl" : "boy");
    char *b = read_all(path);
    if (!b) {
        fprintf(stderr, "bench_gen: cannot read %s: %s\n", path, strerror(errno));
        return 0;
    }
    size_t cap = 0, n = 0;
    name_item *items = NULL;
    for (char *line = strtok(b, "\r\n"); line; line = strtok(NULL, "\r\n")) {
        if (!*line)
            continue;
        items = grow(items, &cap, n + 1, sizeof *items);
        items[n++] = (name_item){line, NULL, 0};
    }
    /* the files are alphabetical: rank the names by a hash for the Zipf weights */
    qsort(items, n, sizeof *items, cmp_item_hash);
    g->vn_items[girl] = items;
    g->vn_text[girl] = b;
    g->vn_n[girl] = n;
    return n > 0;
}

/* English nicknames of the formal names in the pools: data/lists/nicknames */
static int load_nicknames(gen *g, const char *data_dir)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/lists/nicknames/names.csv", data_dir);
    char *b = read_all(path);
    if (!b) {
        fprintf(stderr, "bench_gen: cannot read %s: %s\n", path, strerror(errno));
        return 0;
    }
    size_t cap = 0;
    for (char *line = strtok(b, "\r\n"); line; line = strtok(NULL, "\r\n")) {
        char a[64], rel[64], c[64];
        if (sscanf(line, "%63[^,],%63[^,],%63s", a, rel, c) != 3 || strcmp(rel, "has_nickname") != 0)
            continue;
        for (char *s = a; *s; s++) *s = (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);
        for (char *s = c; *s; s++) *s = (char)(*s >= 'a' && *s <= 'z' ? *s - 32 : *s);
        if (strlen(a) >= 24 || strlen(c) >= 24)
            continue;
        int known = 0;
        for (size_t i = 0; i < N_OF(en_male); i++) known |= strcmp(en_male[i].native, a) == 0;
        for (size_t i = 0; i < N_OF(en_female); i++) known |= strcmp(en_female[i].native, a) == 0;
        if (!known)
            continue;
        g->nick = grow(g->nick, &cap, g->n_nick + 1, sizeof *g->nick);
        snprintf(g->nick[g->n_nick][0], 24, "%s", a);
        snprintf(g->nick[g->n_nick][1], 24, "%s", c);
        g->n_nick++;
    }
    free(b);
    return 1;
}

/* The table's surnames followed by the rarer ones built from parts. For
 * Greek the parts carry "native|latin"; for Arabic the suffix list holds the
 * prefix spellings (AL-, EL-, ...) that make the variants. */
static void surnames_with_tail(pool *p, int cult, const name_item *table, size_t n, const char *const *pre,
                               size_t n_pre, const char *const *suf, size_t n_suf, double share)
{
    size_t n_tail = n_pre * n_suf;
    name_item *items = malloc((n + n_tail) * sizeof *items);
    memcpy(items, table, n * sizeof *items);
    for (size_t i = 0; i < n_tail; i++) {
        const char *a = pre[i % n_pre], *b = suf[i / n_pre];
        char buf[256];
        name_item *it = &items[n + i];
        *it = (name_item){NULL, NULL, 0};
        if (cult == C_GR) {
            size_t la = strcspn(a, "|"), lb = strcspn(b, "|");
            snprintf(buf, sizeof buf, "%.*s%.*s", (int)la, a, (int)lb, b);
            it->native = strdup(buf);
            snprintf(buf, sizeof buf, "%s%s", a + la + 1, b + lb + 1);
            it->latin = strdup(buf);
        } else if (cult == C_AR) {
            buf[0] = 0;
            for (const char *v = b;;) {
                size_t l = strcspn(v, "|");
                size_t o = strlen(buf);
                snprintf(buf + o, sizeof buf - o, "%s%.*s%s", o ? "|" : "", (int)l, v, a);
                if (!v[l])
                    break;
                v += l + 1;
            }
            it->latin = strdup(buf);
        } else {
            snprintf(buf, sizeof buf, "%s%s", a, b);
            it->native = strdup(buf);
        }
    }
    pool_init_tail(p, items, n, n_tail, share);
    p->own = items;
    p->own_from = n;
    p->roots = cult == C_AR ? n_pre : 0;   /* Arabic tail: root × particle spellings */
}

static int gen_init(gen *g, const char *data_dir)
{
    if (!load_vn(g, data_dir, 0) || !load_vn(g, data_dir, 1) || !load_nicknames(g, data_dir))
        return 0;
    g->ru_male_items = malloc(N_OF(ru_male) * sizeof *g->ru_male_items);
    for (size_t i = 0; i < N_OF(ru_male); i++)
        g->ru_male_items[i] = (name_item){ru_male[i].name, NULL, 0};
#define TAIL(c, t, pre, suf, share) \
    surnames_with_tail(&g->sur[c], c, t, N_OF(t), pre, N_OF(pre), suf, N_OF(suf), share)
    TAIL(C_EN, en_surnames, en_pre, en_suf, 0.75);
    TAIL(C_ES, es_surnames, es_pre, es_suf, 0.55);
    TAIL(C_DE, de_surnames, de_pre, de_suf, 0.70);
    TAIL(C_FR, fr_surnames, fr_pre, fr_suf, 0.80);
    TAIL(C_HU, hu_surnames, hu_pre, hu_suf, 0.65);
    TAIL(C_RU, ru_surnames, ru_pre, ru_suf, 0.70);
    TAIL(C_GR, gr_surnames_m, gr_pre, gr_suf, 0.60);
    TAIL(C_AR, ar_surnames, ar_pre, ar_suf, 0.70);
#undef TAIL
#define POOLS(c, s, m, f) \
    pool_init(&g->male[c], m, N_OF(m)); pool_init(&g->female[c], f, N_OF(f))
    POOLS(C_EN, en_surnames, en_male, en_female);
    POOLS(C_ES, es_surnames, es_male, es_female);
    POOLS(C_DE, de_surnames, de_male, de_female);
    POOLS(C_FR, fr_surnames, fr_male, fr_female);
    POOLS(C_HU, hu_surnames, hu_male, hu_female);
    POOLS(C_CN, cn_surnames, cn_given, cn_given);
    pool_init(&g->sur[C_CN], cn_surnames, N_OF(cn_surnames));
    POOLS(C_KR, kr_surnames, kr_given, kr_given);
    pool_init(&g->sur[C_KR], kr_surnames, N_OF(kr_surnames));
    POOLS(C_GR, gr_surnames_m, gr_male, gr_female);
    POOLS(C_AR, ar_surnames, ar_male, ar_female);
#undef POOLS
    pool_init(&g->sur[C_VN], vn_surnames, N_OF(vn_surnames));
    pool_init(&g->male[C_VN], g->vn_items[0], g->vn_n[0]);
    pool_init(&g->female[C_VN], g->vn_items[1], g->vn_n[1]);
    pool_init(&g->male[C_RU], g->ru_male_items, N_OF(ru_male));
    pool_init(&g->female[C_RU], ru_female, N_OF(ru_female));
    return 1;
}

static void pool_free(pool *p)
{
    if (p->own) {
        for (size_t i = p->own_from; i < p->n; i++) {
            free((char *)p->own[i].native);
            free((char *)p->own[i].latin);
        }
        free(p->own);
    }
    free(p->cum);
}

static void gen_free(gen *g)
{
    for (int c = 0; c < N_CULT; c++) {
        pool_free(&g->sur[c]);
        pool_free(&g->male[c]);
        pool_free(&g->female[c]);
    }
    for (int k = 0; k < 2; k++) {
        free(g->vn_items[k]);
        free(g->vn_text[k]);
    }
    free(g->ru_male_items);
    free(g->nick);
}

static void usage(FILE *f)
{
    fprintf(f, "usage: bench_gen [--entries N] [--travelers-per-kind K] [--clean C] [--seed S]\n"
               "                 [--out-dir DIR] [--data-dir DATA]\n"
               "writes DIR/watchlist.csv and DIR/travelers.csv (see bench/README.md)\n");
}

int main(int argc, char **argv)
{
    size_t entries = 10000, per_kind = 100, clean = (size_t)-1;
    uint64_t seed = 1;
    const char *out_dir = ".", *data_dir = "data";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        }
        if (i + 1 >= argc) {
            usage(stderr);
            return 2;
        }
        const char *v = argv[++i];
        if (strcmp(a, "--entries") == 0) entries = strtoull(v, NULL, 10);
        else if (strcmp(a, "--travelers-per-kind") == 0) per_kind = strtoull(v, NULL, 10);
        else if (strcmp(a, "--clean") == 0) clean = strtoull(v, NULL, 10);
        else if (strcmp(a, "--seed") == 0) seed = strtoull(v, NULL, 10);
        else if (strcmp(a, "--out-dir") == 0) out_dir = v;
        else if (strcmp(a, "--data-dir") == 0) data_dir = v;
        else {
            usage(stderr);
            return 2;
        }
    }
    if (entries == 0) {
        usage(stderr);
        return 2;
    }
    if (clean == (size_t)-1)
        clean = per_kind * 5;
    gen g;
    memset(&g, 0, sizeof g);
    g.seed = seed;
    g.entries = entries;
    if (!gen_init(&g, data_dir)) {
        gen_free(&g);
        return 1;
    }
    mkdir(out_dir, 0777);
    char path[1024];
    snprintf(path, sizeof path, "%s/watchlist.csv", out_dir);
    FILE *wf = fopen(path, "w");
    snprintf(path, sizeof path, "%s/travelers.csv", out_dir);
    FILE *tf = wf ? fopen(path, "w") : NULL;
    if (!tf) {
        fprintf(stderr, "bench_gen: cannot write in %s: %s\n", out_dir, strerror(errno));
        if (wf)
            fclose(wf);
        gen_free(&g);
        return 1;
    }
    fputs("id,list,category,surname,given_names,name,aliases,dob,sex,nationality,documents\n", wf);
    uint64_t *keys = malloc(entries * sizeof *keys);
    entry *e = malloc(sizeof *e);
    vague_list vague;
    memset(&vague, 0, sizeof vague);
    for (size_t i = 0; i < entries; i++) {
        entry_gen(&g, i, e);
        write_entry(&g, e, wf, &keys[i], &vague);
    }
    qsort(keys, entries, sizeof *keys, cmp_u64);
    qsort(vague.keys, vague.n_keys, sizeof *vague.keys, cmp_vague_key);

    fputs("id,surname,given_names,name,dob,sex,nationality,doc_type,doc_number,doc_country,"
          "expect,kind,source,twins,document,indistinct\n", tf);
    rng r = {mix64(seed ^ 0x7261766c6572ULL)};
    size_t n = 0, made[N_KIND] = {0};
    size_t rounds = per_kind > clean ? per_kind : clean;
    for (size_t round = 0; round < rounds; round++) {
        for (int kind = 0; kind < N_KIND; kind++) {
            size_t want = kind == K_CLEAN ? clean : per_kind;
            if (round >= want)
                continue;
            traveler t;
            int ok = 0;
            for (int tries = 0; tries < 20000 && !ok; tries++) {
                memset(&t, 0, sizeof t);
                if (kind == K_CLEAN) {
                    clean_traveler(&g, &r, &t);
                    ok = 1;
                    break;
                }
                entry_gen(&g, rbelow(&r, (unsigned)entries), e);
                ok = kind >= K_CLEAN ? derive_negative(&g, &r, kind, e, &t) : derive(&g, &r, kind, e, &t);
            }
            if (!ok)
                continue;
            uint64_t k = t.whole[0] ? name_key(t.whole, "") : name_key(t.sur, t.giv);
            size_t indistinct = count_indistinct(&vague, t.whole[0] ? t.whole : t.sur, t.whole[0] ? "" : t.giv,
                                                 t.dob.y, t.sex, t.nat);
            write_traveler(tf, ++n, &t, kind_name[kind], count_key(keys, entries, k), indistinct);
            made[kind]++;
        }
    }
    free(e);
    free(keys);
    free(vague.year);
    free(vague.at);
    free(vague.facts);
    free(vague.pool);
    free(vague.keys);
    gen_free(&g);
    int bad = ferror(wf) || ferror(tf);
    bad |= fclose(wf) != 0;
    bad |= fclose(tf) != 0;
    if (bad) {
        fprintf(stderr, "bench_gen: write error in %s\n", out_dir);
        return 1;
    }
    fprintf(stderr, "bench_gen: %zu entries, %zu travelers:", entries, n);
    for (int kind = 0; kind < N_KIND; kind++)
        fprintf(stderr, " %s=%zu", kind_name[kind], made[kind]);
    fputc('\n', stderr);
    return 0;
}

/*
 * similarity.c — how alike two folded name tokens are.
 *
 * Four kinds of evidence, strongest first: the same letters; the same
 * variant group (romanizations a key cannot join, LEE/YI/RHEE, and English
 * nicknames, WILLIAM/BILL); a shared phonetic key (MOHAMMED/MUHAMMAD); one
 * typing error (Damerau–Levenshtein distance 1) in tokens of four letters or
 * more; and, weaker, one typing error in shorter tokens (HANS/HNS, CHAN/CAN,
 * GUO/GUS: 2 or 3 letters against 3 or more), weak enough that the rest of
 * the name or the date of birth must agree too, since LAN and LAM are
 * different names. Not in concatenations: joined and mistyped at once is
 * too far. The index finds candidates through exactly these four relations
 * (letters and their one-deletion neighbourhood, phonetic key, group), so
 * nothing else may give a positive similarity.
 */
#include <string.h>

#include "match.h"
#include "text/text.h"

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

/* The secondary key: the key of the token rewritten for the variations the
 * primary key keeps apart on purpose (it keeps the first vowel's class):
 *  - Korean names come in two romanizations: Revised (JEONGEUN, SEONG, MINU)
 *    and McCune–Reischauer or the family's own as passports long wrote it
 *    (JONG UN, SONG, MINWOO), which spells ㅓ and ㅡ O and U where the
 *    Revised system writes EO and EU, and 우 WOO or OO for U: EO→O, EU→U,
 *    WOO→U and OO→U after the first letter;
 *  - Cyrillic Е at the start is YE, JE or E (YEVGENIY, JEWGENIJ, EVGENII):
 *    initial YE or JE→E (but not Korean YEO, YEU: ㅕ);
 *  - Cyrillic З is Z, German transliteration writes S (MOROZOV, MOROSOW): Z→S;
 *    and Ц is TS, German writes Z: in a Russian name spelt the German way
 *    (below) Z→TS (ZWETOW, KUSNEZOWA: TSVETOV, KUZNETSOVA);
 *  - Ё at the start of a Russian surname is E, YO or IO (ELKIN, YOLKIN,
 *    IOLKIN): initial YO or IO→E in a token with a Russian ending;
 *  - German and Polish write the soft vowels Ё Ю Я and Й with J (ARTJOM,
 *    FJODOR, KLJUTSCHAKOWA, MARIJA): consonant + JO→E, any other J before a
 *    vowel but I→I (ARTEM, FEDOR, KLIUCHAKOVA, MARIIA; JI is no soft vowel,
 *    and Korean MINJI is not MINWOO);
 *  - French writes Ж J and the Arabic jim DJ (NADEJDA, KHEDIDJA): ZH after the
 *    first letter→J (not an initial ZH: ZHANG is not YANG), DJ→J;
 *  - a Russian name in German spelling (a Russian ending, and W, SCH or J:
 *    SACHAROW, SCHUKUNOW, JOLKICHINA) writes Х as CH and Ё at the start as
 *    JO: there CH (not in SCH)→KH and initial JO→E; and a Russian name
 *    written ZH at the start (ZHUKUNOV) reads as German SCH;
 *  - Korean 희 is HEE, HUI or HI: EE→I, UI→I;
 *  - the Arabic diphthong aw is written AW, AU, OU or O (TAWFIQ, TAUFIK,
 *    TOUFIK, TOFIK; FAWZI, FOUZI; NAWFAL, NOFAL): AW, AU or OU before a
 *    consonant→O (not in a Russian name spelt the German way: PAWLOWNA);
 *  - MC at the start of a Gaelic surname is MAC written short (MCDONALD,
 *    MC KENZIE: MACDONALD, MACKENZIE): initial MC before a consonant→MAC;
 *  - an Arabic short vowel is written A or E, and AY or EI (LAYLA/LEILA,
 *    ZAYNAB/ZEINAB): a first vowel run of A, E, I and Y that starts with A
 *    or E becomes A — in tokens of three letters or more: in two its vowel
 *    is the whole syllable (Vietnamese LE and LY, HA and HE are names apart).
 * Returns false when nothing was rewritten. */
static bool vowel_letter(char c)
{
    return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U' || c == 'Y';
}

static bool consonant(char c)
{
    return c >= 'A' && c <= 'Z' && !vowel_letter(c);
}

static bool ends_with(const char *tok, size_t len, const char *suffix)
{
    size_t k = strlen(suffix);
    return len >= k + 2 && memcmp(tok + len - k, suffix, k) == 0;
}

/* A Russian surname or patronymic ending. */
static bool russian_ending(const char *tok, size_t len)
{
    static const char *const endings[] = {"OV", "OVA", "EV", "EVA", "OW", "OWA", "EW", "EWA", "IN", "INA",
                                          "OK", "KO", "VICH", "WITSCH", "VNA", "WNA", "SKI", "KIY", "KII", "KIJ",
                                          "KAYA", "KAIA", "KAJA"};
    for (size_t i = 0; i < sizeof endings / sizeof *endings; i++)
        if (ends_with(tok, len, endings[i]))
            return true;
    return false;
}

static bool rewrite_secondary(const char *tok, char *out, size_t cap)
{
    size_t len = strlen(tok);
    bool russian = russian_ending(tok, len);
    bool german = russian && (strchr(tok, 'W') || strstr(tok, "SCH") || strchr(tok, 'J'));
    size_t n = 0, i = 0;
    if (german && tok[0] == 'J' && tok[1] == 'O') {
        out[n++] = 'E';
        i = 2;
    } else if (russian && tok[0] == 'Z' && tok[1] == 'H') {
        memcpy(out, "SCH", 3);
        n = 3;
        i = 2;
    }
    if (i == 0 && (tok[0] == 'Y' || tok[0] == 'J') && tok[1] == 'E' && tok[2] != 'O' && tok[2] != 'U')
        i = 1;
    if (i == 0 && russian && (tok[0] == 'Y' || tok[0] == 'I') && tok[1] == 'O' && consonant(tok[2])) {
        out[n++] = 'E';                            /* YOLKIN, IOLKIN: ELKIN */
        i = 2;
    }
    bool first_vowel_done = false;
    if (i == 0 && tok[0] == 'M' && tok[1] == 'C' && consonant(tok[2])) {
        memcpy(out, "MAC", 3);
        n = 3;
        i = 2;
        first_vowel_done = true;
    }
    for (; tok[i] && n + 1 < cap; i++) {
        char c = tok[i];
        if (c == 'E' && (tok[i + 1] == 'O' || tok[i + 1] == 'U'))
            continue;
        if (c == 'W' && tok[i + 1] == 'O' && tok[i + 2] == 'O') {
            out[n++] = 'U';
            i += 2;
            continue;
        }
        if (i > 0 && c == 'O' && tok[i + 1] == 'O') {
            out[n++] = 'U';
            i += 1;
            continue;
        }
        if (german && c == 'C' && tok[i + 1] == 'H' && !(i > 0 && tok[i - 1] == 'S')) {
            out[n++] = 'K';
            out[n++] = 'H';
            i++;
            continue;
        }
        if ((c == 'E' && tok[i + 1] == 'E') || (c == 'U' && tok[i + 1] == 'I')) {
            out[n++] = 'I';
            i++;
            continue;
        }
        if (c == 'Z' && german && n + 2 < cap) {
            out[n++] = 'T';                        /* German Z is Ц: ZWETOW, KUSNEZOW */
            out[n++] = 'S';
            continue;
        }
        if (c == 'Z' && tok[i + 1] != 'H') {
            out[n++] = 'S';
            continue;
        }
        if (c == 'Z' && tok[i + 1] == 'H' && i > 0) {
            out[n++] = 'J';
            i++;
            continue;
        }
        if (c == 'D' && tok[i + 1] == 'J') {
            out[n++] = 'J';
            i++;
            continue;
        }
        if (c == 'J' && i > 0 && vowel_letter(tok[i + 1]) && tok[i + 1] != 'I') {
            if (consonant(tok[i - 1]) && tok[i + 1] == 'O') {
                out[n++] = 'E';                    /* ARTJOM: ARTEM */
                i++;
            } else {
                out[n++] = 'I';                    /* KLJU, MARIJA, WJA: KLIU, MARIIA, VIA */
            }
            continue;
        }
        if (!german && ((c == 'A' && (tok[i + 1] == 'W' || tok[i + 1] == 'U')) || (c == 'O' && tok[i + 1] == 'U')) &&
            consonant(tok[i + 2]) && tok[i + 2] != 'W') {
            out[n++] = 'O';                        /* TAWFIQ, TAUFIK, TOUFIK: TOFIQ */
            first_vowel_done = true;
            i++;
            continue;
        }
        bool vowel = vowel_letter(c);
        if (vowel && !first_vowel_done) {
            first_vowel_done = true;
            if ((c == 'A' || c == 'E') && len > 2) {
                while (tok[i + 1] == 'A' || tok[i + 1] == 'E' || tok[i + 1] == 'I' || tok[i + 1] == 'Y')
                    i++;
                out[n++] = 'A';
                continue;
            }
        }
        out[n++] = c;
    }
    out[n] = '\0';
    return strcmp(out, tok) != 0;
}

/* A spelling's 32-bit hash, never 0, with U read as O and G as K, and a
 * letter repeated read once: the letters Korean romanizations alternate on
 * (ㅓ is EO in the Revised Romanization, read as O by the secondary rules, O
 * in McCune–Reischauer and U in the usual passport spelling: SEONG, SONG,
 * SUNG; ㅕ YEO, YO or YOU: YEONG, YOUNG; ㄱ G or K: SEOGJIN, SEOKJIN). */
static uint32_t spelling_hash(const char *s, size_t n)
{
    char folded[MATCH_MAX_CONCAT + 1];
    size_t m = 0;
    for (size_t i = 0; i < n && m < MATCH_MAX_CONCAT; i++) {
        char c = s[i] == 'U' ? 'O' : s[i] == 'G' ? 'K' : s[i];
        if (m == 0 || folded[m - 1] != c)
            folded[m++] = c;
    }
    uint32_t h = (uint32_t)match_hash(folded, m);
    return h ? h : 1;
}

/* The key's hash (0: none); *weak when the key has two letters only. */
static uint64_t key_hash(const char *tok, bool *weak)
{
    char key[PW_MAX_TOKEN * 2 + 8];
    size_t klen = pw_phonetic_key(tok, key, sizeof key);
    *weak = klen < 3;
    return klen >= 2 ? match_hash(key, klen) : 0;
}

void match_features_of(const char *s, unsigned len, match_features *out, uint32_t *group_store)
{
    char tok[MATCH_MAX_CONCAT + 1], alt[MATCH_MAX_CONCAT + 1];
    memcpy(tok, s, len);
    tok[len] = '\0';
    bool weak, weak_alt = false;
    bool rewritten = rewrite_secondary(tok, alt, sizeof alt);
    out->phonetic[0] = key_hash(tok, &weak);
    out->phonetic[1] = rewritten ? key_hash(alt, &weak_alt) : 0;
    out->respelt = rewritten ? spelling_hash(alt, strlen(alt)) : spelling_hash(tok, len);
    if (out->phonetic[1] == out->phonetic[0])
        out->phonetic[1] = 0;
    /* a two-letter key of a token no rule rewrote is weak: VU and VO share
     * "VO" but are two surnames; JU and JOO (a Korean spelling) are one */
    out->weak = weak && !rewritten;
    uint32_t *groups = group_store;
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
    out->groups = groups;
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

static float spelling_similarity(const char *a, unsigned la, const match_features *fa, bool a_concat,
                                 const char *b, unsigned lb, const match_features *fb, bool b_concat);

/* The strongest kind of group two tokens share: a romanization variant
 * group of any name, of surnames, or a nickname group. */
enum { SHARE_NONE, SHARE_NICKNAME, SHARE_SURNAME, SHARE_VARIANT };

static int share_group(const match_features *fa, const match_features *fb)
{
    int shared = SHARE_NONE;
    unsigned i = 0, j = 0;
    while (i < fa->n_groups && j < fb->n_groups) {
        if (fa->groups[i] == fb->groups[j]) {
            uint32_t g = fa->groups[i];
            int kind = g < TEXT_GROUP_SURNAME_BASE ? SHARE_VARIANT
                       : g < TEXT_GROUP_NICKNAME_BASE ? SHARE_SURNAME : SHARE_NICKNAME;
            if (kind > shared)
                shared = kind;
            i++;
            j++;
        } else if (fa->groups[i] < fb->groups[j]) {
            i++;
        } else {
            j++;
        }
    }
    return shared;
}

float match_token_similarity(const char *a, unsigned la, const match_features *fa, bool a_concat,
                             const char *b, unsigned lb, const match_features *fb, bool b_concat)
{
    if (la == lb && memcmp(a, b, la) == 0)
        return 1.0f;
    int shared = share_group(fa, fb);
    if (shared == SHARE_VARIANT)
        return MATCH_SIM_GROUP;
    float letters = spelling_similarity(a, la, fa, a_concat, b, lb, fb, b_concat);
    if (shared == SHARE_NONE)
        return letters;
    return match_sim_role_bound(shared == SHARE_SURNAME ? MATCH_SIM_SURNAME_GROUP : MATCH_SIM_NICKNAME, letters);
}

#define ROLE_STEP 1e-4f
static const float letter_sims[] = {0.0f, MATCH_SIM_SHORT_EDIT, MATCH_SIM_PHONETIC_LOOSE, MATCH_SIM_EDIT,
                                     MATCH_SIM_PHONETIC};
#define N_LETTER_SIMS (sizeof letter_sims / sizeof *letter_sims)

float match_sim_role_bound(float base, float letters)
{
    unsigned r = 0;
    while (r + 1 < N_LETTER_SIMS && letter_sims[r] != letters)
        r++;
    return base - ROLE_STEP * (float)r;
}

bool match_sim_of_group(float sim, float base)
{
    return sim <= base && sim > base - ROLE_STEP * ((float)N_LETTER_SIMS - 0.5f);
}

float match_sim_letters(float sim, float base)
{
    unsigned r = (unsigned)((base - sim) / ROLE_STEP + 0.5f);
    return letter_sims[r < N_LETTER_SIMS ? r : 0];
}

/* The similarity of two different tokens by their sound and letters. */
static float spelling_similarity(const char *a, unsigned la, const match_features *fa, bool a_concat,
                                 const char *b, unsigned lb, const match_features *fb, bool b_concat)
{
    for (unsigned i = 0; i < MATCH_PHONETIC_KEYS; i++)
        for (unsigned j = 0; j < MATCH_PHONETIC_KEYS; j++) {
            if (!fa->phonetic[i] || fa->phonetic[i] != fb->phonetic[j])
                continue;
            if (fa->weak && fb->weak)
                continue;
            /* short syllables and concatenations collide by sound more easily
             * (YING and JIANG, SONG and ZOU+YANG): weaker evidence; but not
             * two spellings of five letters or more (six for a concatenation:
             * YU EUN is not YUN) that the secondary rules make the same but for
             * the letters Korean romanizations alternate on (spelling_hash), as
             * the usual passport spelling of a Korean name and its Revised
             * Romanization, joined or in syllables (MINWOO or MIN WOO and MINU,
             * SUNG MIN and SEONGMIN) */
            bool loose = a_concat || b_concat || (la < lb ? la : lb) <= 4;
            if (loose && (la > lb ? la : lb) >= 5 && (!a_concat || la >= 6) && (!b_concat || lb >= 6) &&
                fa->respelt == fb->respelt)
                loose = false;
            return loose ? MATCH_SIM_PHONETIC_LOOSE : MATCH_SIM_PHONETIC;
        }
    if (a_concat || b_concat)
        return 0.0f;
    unsigned shorter = la < lb ? la : lb, longer = la < lb ? lb : la;
    if (shorter >= MATCH_MIN_EDIT_LEN && match_within_one_edit(a, la, b, lb))
        return MATCH_SIM_EDIT;
    if (shorter >= MATCH_MIN_SHORT_EDIT_LEN && longer >= MATCH_MIN_EDIT_LEN - 1 && match_within_one_edit(a, la, b, lb))
        return MATCH_SIM_SHORT_EDIT;
    return 0.0f;
}

/*
 * country.c — ISO 3166-1 codes. The alpha-2 and alpha-3 codes and English
 * names come from ICU's CLDR data (uloc_getISOCountries); a short table adds
 * the names that lists use and CLDR spells otherwise (UN: "Viet Nam",
 * "Democratic Republic of the Congo", ...). The table is built once, under
 * pthread_once, and is immutable afterwards.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uloc.h>

#include "model.h"

typedef struct country_name {
    char key[64];      /* upper-case ASCII letters and single spaces */
    char alpha3[4];
} country_name;

/* Names used by the UN, OFAC and airlines that CLDR's English names do not give. */
static const struct { const char *name; const char *alpha3; } country_aliases[] = {
    {"VIET NAM", "VNM"}, {"DEMOCRATIC REPUBLIC OF THE CONGO", "COD"},
    {"CONGO KINSHASA", "COD"}, {"CONGO BRAZZAVILLE", "COG"}, {"REPUBLIC OF THE CONGO", "COG"},
    {"CONGO", "COG"}, {"IRAN ISLAMIC REPUBLIC OF", "IRN"}, {"IRAN", "IRN"},
    {"SYRIAN ARAB REPUBLIC", "SYR"}, {"SYRIA", "SYR"}, {"RUSSIAN FEDERATION", "RUS"},
    {"RUSSIA", "RUS"}, {"DEMOCRATIC PEOPLES REPUBLIC OF KOREA", "PRK"}, {"NORTH KOREA", "PRK"},
    {"KOREA NORTH", "PRK"}, {"REPUBLIC OF KOREA", "KOR"}, {"SOUTH KOREA", "KOR"},
    {"KOREA SOUTH", "KOR"}, {"LAO PEOPLES DEMOCRATIC REPUBLIC", "LAO"}, {"LAOS", "LAO"},
    {"UNITED REPUBLIC OF TANZANIA", "TZA"}, {"TANZANIA", "TZA"}, {"LIBYAN ARAB JAMAHIRIYA", "LBY"},
    {"LIBYA", "LBY"}, {"BOLIVIA PLURINATIONAL STATE OF", "BOL"}, {"VENEZUELA BOLIVARIAN REPUBLIC OF", "VEN"},
    {"REPUBLIC OF MOLDOVA", "MDA"}, {"MOLDOVA", "MDA"}, {"UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "GBR"},
    {"UNITED KINGDOM", "GBR"}, {"GREAT BRITAIN", "GBR"}, {"UK", "GBR"}, {"UNITED STATES OF AMERICA", "USA"},
    {"UNITED STATES", "USA"}, {"US", "USA"}, {"TURKEY", "TUR"}, {"TURKIYE", "TUR"},
    {"STATE OF PALESTINE", "PSE"}, {"PALESTINE", "PSE"}, {"PALESTINIAN", "PSE"}, {"WEST BANK", "PSE"},
    {"GAZA", "PSE"}, {"BURMA", "MMR"}, {"MYANMAR", "MMR"}, {"IVORY COAST", "CIV"}, {"COTE D IVOIRE", "CIV"},
    {"CZECH REPUBLIC", "CZE"}, {"MACEDONIA", "MKD"}, {"NORTH MACEDONIA", "MKD"},
    {"THE FORMER YUGOSLAV REPUBLIC OF MACEDONIA", "MKD"}, {"SWAZILAND", "SWZ"}, {"ESWATINI", "SWZ"},
    {"CAPE VERDE", "CPV"}, {"EAST TIMOR", "TLS"}, {"KOSOVO", "XKX"}, {"SUDAN", "SDN"},
    {"SOUTH SUDAN", "SSD"}, {"HONG KONG", "HKG"}, {"MACAU", "MAC"}, {"MACAO", "MAC"}, {"TAIWAN", "TWN"},
    {"BOSNIA AND HERZEGOVINA", "BIH"}, {"BOSNIA HERZEGOVINA", "BIH"}, {"SAINT KITTS AND NEVIS", "KNA"},
    {"ST KITTS AND NEVIS", "KNA"}, {"SAINT VINCENT AND THE GRENADINES", "VCT"}, {"HOLY SEE", "VAT"},
    {"VATICAN", "VAT"}, {"MICRONESIA FEDERATED STATES OF", "FSM"}, {"MICRONESIA", "FSM"},
    {"GAMBIA", "GMB"}, {"THE GAMBIA", "GMB"}, {"BAHAMAS", "BHS"}, {"THE BAHAMAS", "BHS"},
    {"NETHERLANDS", "NLD"}, {"THE NETHERLANDS", "NLD"}, {"UNITED ARAB EMIRATES", "ARE"},
    {"SAUDI ARABIA", "SAU"}, {"YEMEN", "YEM"}, {"AFGHANISTAN", "AFG"}, {"PAKISTAN", "PAK"},
    {"IRAQ", "IRQ"}, {"KUWAIT", "KWT"}, {"QATAR", "QAT"}, {"BAHRAIN", "BHR"}, {"JORDAN", "JOR"},
    {"LEBANON", "LBN"}, {"EGYPT", "EGY"}, {"ALGERIA", "DZA"}, {"TUNISIA", "TUN"}, {"MOROCCO", "MAR"},
    {"SOMALIA", "SOM"}, {"ERITREA", "ERI"}, {"ETHIOPIA", "ETH"}, {"KENYA", "KEN"}, {"MALI", "MLI"},
    {"NIGER", "NER"}, {"NIGERIA", "NGA"}, {"CHAD", "TCD"}, {"CENTRAL AFRICAN REPUBLIC", "CAF"},
    {"GUINEA BISSAU", "GNB"}, {"SERBIA AND MONTENEGRO", "SCG"}, {"YUGOSLAVIA", "YUG"},
    {"SOVIET UNION", "SUN"}, {"USSR", "SUN"}, {"CABO VERDE", "CPV"}, {"TURKIYE", "TUR"},
    {"KOREA NORTH", "PRK"}, {"CONGO DEMOCRATIC REPUBLIC OF THE", "COD"}, {"CONGO REPUBLIC OF THE", "COG"},
    {"IRAN ISLAMIC REPUBLIC OF", "IRN"}, {"MOLDOVA REPUBLIC OF", "MDA"}, {"TANZANIA UNITED REPUBLIC OF", "TZA"},
    {"KOREA DEMOCRATIC PEOPLES REPUBLIC OF", "PRK"}, {"KOREA REPUBLIC OF", "KOR"}, {"LAO PDR", "LAO"},
    {"BRUNEI DARUSSALAM", "BRN"}, {"CZECHIA", "CZE"}, {"ST LUCIA", "LCA"}, {"ST VINCENT AND THE GRENADINES", "VCT"},
};

typedef struct country_code {
    char code[4];            /* alpha-2 or alpha-3 */
    char alpha3[4];
} country_code;

typedef struct country_table {
    char (*alpha2)[3];
    char (*alpha3)[4];
    size_t n_codes;
    country_code *codes;     /* both kinds, sorted by code */
    size_t n_lookup;
    country_name *names;
    size_t n_names;
} country_table;

static country_table table;     /* written once under pthread_once, then read-only */
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* Upper-case letters, every run of anything else one space. */
static void name_key(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    bool space = false;
    for (; *s && n + 2 < cap; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\'' || c == '.')
            continue;
        if (c == '&') {                              /* "Trinidad & Tobago" */
            if (n + 5 >= cap)
                break;
            if (n)
                out[n++] = ' ';
            memcpy(out + n, "AND", 3);
            n += 3;
            space = true;
            continue;
        }
        if (isalpha(c)) {
            if (space && n)
                out[n++] = ' ';
            space = false;
            out[n++] = (char)toupper(c);
        } else {
            space = true;
        }
    }
    out[n] = '\0';
}

static int compare_codes(const void *a, const void *b)
{
    return strcmp(((const country_code *)a)->code, ((const country_code *)b)->code);
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(((const country_name *)a)->key, ((const country_name *)b)->key);
}

static void table_build(void)
{
    const char *const *codes = uloc_getISOCountries();
    size_t n = 0;
    while (codes[n])
        n++;
    size_t n_alias = sizeof country_aliases / sizeof *country_aliases;
    table.alpha2 = calloc(n, sizeof *table.alpha2);
    table.alpha3 = calloc(n, sizeof *table.alpha3);
    table.names = calloc(n + n_alias, sizeof *table.names);
    if (!table.alpha2 || !table.alpha3 || !table.names)
        return;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char locale[16];
        snprintf(locale, sizeof locale, "en_%s", codes[i]);
        const char *a3 = uloc_getISO3Country(locale);
        if (!a3 || strlen(a3) != 3)
            continue;
        snprintf(table.alpha2[k], 3, "%s", codes[i]);
        snprintf(table.alpha3[k], 4, "%s", a3);
        UChar display[128];
        UErrorCode status = U_ZERO_ERROR;
        int32_t len = uloc_getDisplayCountry(locale, "en", display, 127, &status);
        if (U_SUCCESS(status) && len > 0) {
            char ascii[128];
            int32_t j = 0;
            for (int32_t c = 0; c < len && j < 127; c++)
                ascii[j++] = display[c] < 128 ? (char)display[c] : ' ';
            ascii[j] = '\0';
            name_key(ascii, table.names[table.n_names].key, sizeof table.names[0].key);
            memcpy(table.names[table.n_names].alpha3, a3, 4);
            table.n_names++;
        }
        k++;
    }
    table.n_codes = k;
    for (size_t i = 0; i < n_alias; i++) {
        name_key(country_aliases[i].name, table.names[table.n_names].key, sizeof table.names[0].key);
        memcpy(table.names[table.n_names].alpha3, country_aliases[i].alpha3, 4);
        table.n_names++;
    }
    qsort(table.names, table.n_names, sizeof *table.names, compare_names);
    table.codes = calloc(2 * table.n_codes + 1, sizeof *table.codes);
    if (!table.codes)
        return;
    for (size_t i = 0; i < table.n_codes; i++) {
        memcpy(table.codes[table.n_lookup].code, table.alpha2[i], 3);
        memcpy(table.codes[table.n_lookup++].alpha3, table.alpha3[i], 4);
        memcpy(table.codes[table.n_lookup].code, table.alpha3[i], 4);
        memcpy(table.codes[table.n_lookup++].alpha3, table.alpha3[i], 4);
    }
    qsort(table.codes, table.n_lookup, sizeof *table.codes, compare_codes);
}

bool pw_country_alpha3(const char *s, char out[4])
{
    if (!s)
        return false;
    pthread_once(&table_once, table_build);
    while (*s == ' ')
        s++;
    size_t len = strlen(s);
    while (len && s[len - 1] == ' ')
        len--;
    char up[4];
    if (len == 2 || len == 3) {
        for (size_t i = 0; i < len; i++)
            up[i] = (char)toupper((unsigned char)s[i]);
        up[len] = '\0';
        country_code key;
        memcpy(key.code, up, len + 1);
        const country_code *hit = table.codes ? bsearch(&key, table.codes, table.n_lookup, sizeof *table.codes,
                                                        compare_codes) : NULL;
        if (hit) {
            memcpy(out, hit->alpha3, 4);
            return true;
        }
        /* Codes on travel documents that are not countries (ICAO 9303 part 3). */
        static const char *const icao_codes[] = {"D", "GBD", "GBN", "GBO", "GBP", "GBS", "UNO", "UNA",
                                                 "UNK", "XXA", "XXB", "XXC", "XXX", "XKX", "EUE", "RKS"};
        if (len == 3)
            for (size_t i = 0; i < sizeof icao_codes / sizeof *icao_codes; i++)
                if (strcmp(icao_codes[i], up) == 0) {
                    memcpy(out, up, 4);
                    return true;
                }
    }
    if (len == 1 && (s[0] == 'D' || s[0] == 'd')) {   /* Germany on ICAO documents */
        memcpy(out, "DEU", 4);
        return true;
    }
    country_name key;
    name_key(s, key.key, sizeof key.key);
    const country_name *hit = bsearch(&key, table.names, table.n_names, sizeof *table.names, compare_names);
    if (!hit)
        return false;
    memcpy(out, hit->alpha3, 4);
    return true;
}

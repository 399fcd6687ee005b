/*
 * icu.c — the ICU side of folding: scripts without an ICAO table (Han,
 * Hangul, Kana, Arabic, Hebrew, Thai, Georgian, Armenian, Devanagari, ...)
 * through the ICU transform "Any-Latin; Latin-ASCII", NFC for decomposed
 * input, and Unicode character properties.
 *
 * Chinese and Korean names are written as passports write them: the
 * surname syllable apart, the given-name syllables joined (王小明 → WANG
 * XIAOMING, 김정은 → KIM JEONGEUN). Korean surnames take their usual
 * passport spelling from the table below (김 KIM, 이 LEE, 박 PARK, ...)
 * rather than Revised Romanization (GIM, I, BAK). Common Arabic name
 * words take their usual spelling from arabic.c (محمد → MOHAMMED); the
 * article ال is written AL apart.
 *
 * A UTransliterator must not be used by two threads at once, and opening
 * one is costly: each thread opens its own on first use and keeps it under
 * a pthread key whose destructor closes it when the thread ends.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "text/text.h"

/* Korean surnames (Hangul syllable → the spelling most passports use). */
typedef struct korean_surname {
    uint32_t cp;
    const char *latin;
} korean_surname;

/* Sorted by code point. */
static const korean_surname korean_surnames[] = {
    {0xAC15, "KANG"},  /* 강 */
    {0xACE0, "KO"},    /* 고 */
    {0xACF5, "KONG"},  /* 공 */
    {0xACFD, "KWAK"},  /* 곽 */
    {0xAD6C, "KOO"},   /* 구 */
    {0xAD6D, "KOOK"},  /* 국 */
    {0xAD8C, "KWON"},  /* 권 */
    {0xAE08, "KEUM"},  /* 금 */
    {0xAE30, "KI"},    /* 기 */
    {0xAE38, "GIL"},   /* 길 */
    {0xAE40, "KIM"},   /* 김 */
    {0xB098, "NA"},    /* 나 */
    {0xB0A8, "NAM"},   /* 남 */
    {0xB178, "NOH"},   /* 노 */
    {0xB3C4, "DO"},    /* 도 */
    {0xB958, "YOO"},   /* 류 */
    {0xB9C8, "MA"},    /* 마 */
    {0xB9F9, "MAENG"}, /* 맹 */
    {0xBA85, "MYUNG"}, /* 명 */
    {0xBAA8, "MO"},    /* 모 */
    {0xBB38, "MOON"},  /* 문 */
    {0xBBFC, "MIN"},   /* 민 */
    {0xBC15, "PARK"},  /* 박 */
    {0xBC18, "BAN"},   /* 반 */
    {0xBC29, "BANG"},  /* 방 */
    {0xBC30, "BAE"},   /* 배 */
    {0xBC31, "BAEK"},  /* 백 */
    {0xBCC0, "BYUN"},  /* 변 */
    {0xC11C, "SEO"},   /* 서 */
    {0xC11D, "SEOK"},  /* 석 */
    {0xC120, "SUN"},   /* 선 */
    {0xC124, "SEOL"},  /* 설 */
    {0xC131, "SUNG"},  /* 성 */
    {0xC18C, "SO"},    /* 소 */
    {0xC190, "SON"},   /* 손 */
    {0xC1A1, "SONG"},  /* 송 */
    {0xC2E0, "SHIN"},  /* 신 */
    {0xC2EC, "SHIM"},  /* 심 */
    {0xC548, "AHN"},   /* 안 */
    {0xC591, "YANG"},  /* 양 */
    {0xC5C4, "UM"},    /* 엄 */
    {0xC5EC, "YEO"},   /* 여 */
    {0xC5F0, "YEON"},  /* 연 */
    {0xC5FC, "YEOM"},  /* 염 */
    {0xC624, "OH"},    /* 오 */
    {0xC625, "OK"},    /* 옥 */
    {0xC655, "WANG"},  /* 왕 */
    {0xC6A9, "YONG"},  /* 용 */
    {0xC6B0, "WOO"},   /* 우 */
    {0xC6D0, "WON"},   /* 원 */
    {0xC704, "WI"},    /* 위 */
    {0xC720, "YOO"},   /* 유 */
    {0xC721, "YUK"},   /* 육 */
    {0xC724, "YOON"},  /* 윤 */
    {0xC740, "EUN"},   /* 은 */
    {0xC774, "LEE"},   /* 이 */
    {0xC778, "IN"},    /* 인 */
    {0xC784, "LIM"},   /* 임 */
    {0xC7A5, "JANG"},  /* 장 */
    {0xC804, "JEON"},  /* 전 */
    {0xC815, "JUNG"},  /* 정 */
    {0xC81C, "JE"},    /* 제 */
    {0xC870, "CHO"},   /* 조 */
    {0xC8FC, "JOO"},   /* 주 */
    {0xC9C0, "JI"},    /* 지 */
    {0xC9C4, "JIN"},   /* 진 */
    {0xCC28, "CHA"},   /* 차 */
    {0xCC44, "CHAE"},  /* 채 */
    {0xCC9C, "CHEON"}, /* 천 */
    {0xCD5C, "CHOI"},  /* 최 */
    {0xCD94, "CHOO"},  /* 추 */
    {0xD0C1, "TAK"},   /* 탁 */
    {0xD3B8, "PYUN"},  /* 편 */
    {0xD45C, "PYO"},   /* 표 */
    {0xD558, "HA"},    /* 하 */
    {0xD55C, "HAN"},   /* 한 */
    {0xD568, "HAM"},   /* 함 */
    {0xD5C8, "HEO"},   /* 허 */
    {0xD604, "HYUN"},  /* 현 */
    {0xD64D, "HONG"},  /* 홍 */
    {0xD669, "HWANG"}, /* 황 */
};

/* Chinese two-character surnames (simplified and traditional). */
static const uint32_t chinese_compound_surnames[][2] = {
    {0x6B27, 0x9633}, {0x6B50, 0x967D},   /* 欧阳 歐陽 Ouyang */
    {0x53F8, 0x9A6C}, {0x53F8, 0x99AC},   /* 司马 司馬 Sima */
    {0x8BF8, 0x845B}, {0x8AF8, 0x845B},   /* 诸葛 諸葛 Zhuge */
    {0x4E0A, 0x5B98},                     /* 上官 Shangguan */
    {0x4E1C, 0x65B9}, {0x6771, 0x65B9},   /* 东方 東方 Dongfang */
    {0x7687, 0x752B},                     /* 皇甫 Huangfu */
    {0x5C09, 0x8FDF}, {0x5C09, 0x9072},   /* 尉迟 尉遲 Yuchi */
    {0x516C, 0x5B59}, {0x516C, 0x5B6B},   /* 公孙 公孫 Gongsun */
    {0x6155, 0x5BB9},                     /* 慕容 Murong */
    {0x4EE4, 0x72D0},                     /* 令狐 Linghu */
    {0x53F8, 0x5F92},                     /* 司徒 Situ */
    {0x590F, 0x4FAF},                     /* 夏侯 Xiahou */
    {0x8F69, 0x8F95}, {0x8ED2, 0x8F45},   /* 轩辕 軒轅 Xuanyuan */
    {0x957F, 0x5B59}, {0x9577, 0x5B6B},   /* 长孙 長孫 Zhangsun */
    {0x5B87, 0x6587},                     /* 宇文 Yuwen */
    {0x6FB9, 0x53F0},                     /* 澹台 Tantai */
    {0x7AEF, 0x6728},                     /* 端木 Duanmu */
};

static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static pthread_key_t trans_key;
static bool key_ok;

static void trans_close(void *p)
{
    utrans_close((UTransliterator *)p);
}

static void key_make(void)
{
    key_ok = pthread_key_create(&trans_key, trans_close) == 0;
}

static UTransliterator *thread_transliterator(void)
{
    pthread_once(&key_once, key_make);
    if (!key_ok)
        return NULL;
    UTransliterator *t = pthread_getspecific(trans_key);
    if (t)
        return t;
    static const char id[] = "Any-Latin; Latin-ASCII";
    UChar uid[sizeof id];
    u_charsToUChars(id, uid, (int32_t)sizeof id);
    UErrorCode st = U_ZERO_ERROR;
    t = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
    if (U_FAILURE(st) || !t)
        return NULL;
    if (pthread_setspecific(trans_key, t) != 0) {
        utrans_close(t);
        return NULL;
    }
    return t;
}

bool text_is_letter(uint32_t cp)
{
    return u_isalpha((UChar32)cp) != 0;
}

bool text_is_mark(uint32_t cp)
{
    int8_t t = u_charType((UChar32)cp);
    return t == U_NON_SPACING_MARK || t == U_COMBINING_SPACING_MARK || t == U_ENCLOSING_MARK;
}

bool text_is_format(uint32_t cp)
{
    return u_charType((UChar32)cp) == U_FORMAT_CHAR;
}

char *text_icu_nfc(const char *utf8, size_t len)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    if (U_FAILURE(st) || len > (size_t)INT32_MAX / 4)
        return NULL;
    int32_t cap16 = (int32_t)len + 1;
    UChar *src = malloc((size_t)cap16 * sizeof *src);
    UChar *dst = malloc((size_t)cap16 * 2 * sizeof *dst);
    char *out = NULL;
    if (!src || !dst)
        goto done;
    int32_t n16 = 0;
    /* Invalid bytes become U+200B (a format character): they vanish. */
    u_strFromUTF8WithSub(src, cap16, &n16, utf8, (int32_t)len, 0x200B, NULL, &st);
    if (U_FAILURE(st))
        goto done;
    int32_t m = unorm2_normalize(nfc, src, n16, dst, cap16 * 2, &st);
    if (U_FAILURE(st))
        goto done;
    int32_t n8 = 0;
    size_t cap8 = (size_t)m * 3 + 1;
    out = malloc(cap8);
    if (!out)
        goto done;
    u_strToUTF8(out, (int32_t)cap8, &n8, dst, m, &st);
    if (U_FAILURE(st)) {
        free(out);
        out = NULL;
    }
done:
    free(src);
    free(dst);
    return out;
}

/* Transliterates cps[0..n) and folds the result (no further ICU) into a
 * malloc'd A–Z string with spaces. NULL on failure. */
static char *translit_fold(const uint32_t *cps, size_t n)
{
    UTransliterator *t = thread_transliterator();
    if (!t || n == 0 || n > 100000)
        return NULL;
    UErrorCode st = U_ZERO_ERROR;
    int32_t cap = (int32_t)(n * 2 + 1);
    UChar *u = malloc((size_t)cap * sizeof *u);
    char *folded = NULL;
    if (!u)
        return NULL;
    int32_t len16 = 0;
    u_strFromUTF32(u, cap, &len16, (const UChar32 *)cps, (int32_t)n, &st);
    if (U_FAILURE(st))
        goto done;
    int32_t factor = 8;
    for (int attempt = 0; attempt < 3; attempt++, factor *= 4) {
        int32_t tcap = len16 * factor + 32;
        UChar *w = malloc((size_t)tcap * sizeof *w);
        if (!w)
            goto done;
        memcpy(w, u, (size_t)len16 * sizeof *w);
        int32_t wlen = len16, limit = len16;
        st = U_ZERO_ERROR;
        utrans_transUChars(t, w, &wlen, tcap, 0, &limit, &st);
        if (st == U_BUFFER_OVERFLOW_ERROR) {
            free(w);
            continue;     /* again, with room to spare */
        }
        if (U_FAILURE(st)) {
            free(w);
            goto done;
        }
        size_t cap8 = (size_t)wlen * 3 + 1;
        char *u8 = malloc(cap8);
        int32_t n8 = 0;
        st = U_ZERO_ERROR;
        if (u8)
            u_strToUTF8WithSub(u8, (int32_t)cap8, &n8, w, wlen, 0x200B, NULL, &st);
        free(w);
        if (!u8 || U_FAILURE(st)) {
            free(u8);
            goto done;
        }
        folded = malloc(cap8 + 1);
        if (folded) {
            text_out o = {.buf = folded, .cap = cap8 + 1};
            text_fold_into(u8, (size_t)n8, false, &o);
            folded[o.len] = '\0';
        }
        free(u8);
        break;
    }
done:
    free(u);
    return folded;
}

/* Writes folded text, with its spaces or joined into one word. */
static void write_folded(const char *folded, bool join, text_out *o)
{
    for (const char *p = folded; *p; p++) {
        if (*p == ' ') {
            if (!join)
                text_out_space(o);
            continue;
        }
        char c[2] = {*p, 0};
        text_out_letters(o, c);
    }
}

static bool run_in_script(const uint32_t *cps, size_t n, UScriptCode script)
{
    for (size_t i = 0; i < n; i++) {
        UErrorCode st = U_ZERO_ERROR;
        UScriptCode sc = uscript_getScript((UChar32)cps[i], &st);
        if (U_FAILURE(st))
            return false;
        if (sc != script && sc != USCRIPT_INHERITED)    /* marks go with their letter */
            return false;
    }
    return true;
}

static const char *korean_surname_latin(uint32_t cp)
{
    size_t lo = 0, hi = sizeof korean_surnames / sizeof korean_surnames[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (korean_surnames[mid].cp == cp)
            return korean_surnames[mid].latin;
        if (korean_surnames[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

static size_t chinese_surname_length(const uint32_t *cps, size_t n)
{
    if (n < 3)
        return 1;
    size_t k = sizeof chinese_compound_surnames / sizeof chinese_compound_surnames[0];
    for (size_t i = 0; i < k; i++)
        if (cps[0] == chinese_compound_surnames[i][0] && cps[1] == chinese_compound_surnames[i][1])
            return 2;
    return 1;
}

/* Writes the transliteration of cps[0..n), joined or not; false on failure. */
static bool write_run(const uint32_t *cps, size_t n, bool join, text_out *o)
{
    if (n == 0)
        return true;
    char *f = translit_fold(cps, n);
    if (!f)
        return false;
    write_folded(f, join, o);
    free(f);
    return true;
}

/* An Arabic word: a common name from the table, the article AL apart
 * (التكريتي → AL TKRYTY), or ICU's letters. */
static bool write_arabic(const uint32_t *cps, size_t n, text_out *o)
{
    const char *w = text_arabic_word(cps, n);
    if (w) {
        text_out_space(o);
        text_out_letters(o, w);
        text_out_space(o);
        return true;
    }
    if (n >= 4 && cps[0] == 0x0627 && cps[1] == 0x0644) {      /* ال */
        text_out_space(o);
        text_out_letters(o, "AL");
        text_out_space(o);
        w = text_arabic_word(cps + 2, n - 2);
        if (w) {
            text_out_letters(o, w);
            return true;
        }
        return write_run(cps + 2, n - 2, false, o);
    }
    return write_run(cps, n, false, o);
}

bool text_icu_run(const uint32_t *cps, size_t n, text_out *o)
{
    if (n == 0)
        return true;
    bool han = run_in_script(cps, n, USCRIPT_HAN);
    bool hangul = !han && run_in_script(cps, n, USCRIPT_HANGUL);
    if (!han && !hangul) {
        if (run_in_script(cps, n, USCRIPT_ARABIC))
            return write_arabic(cps, n, o);
        return write_run(cps, n, false, o);   /* joins the letters around it (ﬁ + ONA) */
    }
    text_out_space(o);
    bool ok = true;
    bool first = !o->cjk_seen;
    o->cjk_seen = true;
    if (first && (n >= 2 || hangul)) {
        size_t sn = han ? chinese_surname_length(cps, n) : 1;
        const char *ks = hangul ? korean_surname_latin(cps[0]) : NULL;
        if (ks)
            text_out_letters(o, ks);
        else
            ok = write_run(cps, sn, true, o);
        text_out_space(o);
        ok = write_run(cps + sn, n - sn, true, o) && ok;
    } else {
        ok = write_run(cps, n, true, o);
    }
    text_out_space(o);
    return ok;
}

/*
 * arabic.c — the usual passport spelling of the most common words of Arabic
 * names (محمد MOHAMMED, حسين HUSSEIN, عبدالله ABDULLAH, بن BIN, ...).
 *
 * Arabic script writes no short vowels, so a letter-by-letter
 * transliteration (ICU's, or the ICAO Doc 9303 part 3 Arabic table) gives
 * MHMD for محمد; travel documents and watchlists write MOHAMMED. This
 * table gives the common spelling for frequent given names and name parts
 * (one spelling each; the matcher's phonetic key and variant groups reach
 * the others). Words not in it go through ICU. Short vowel marks and the
 * tatweel are ignored when looking a word up.
 */
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

typedef struct arabic_word {
    const char *arabic;    /* UTF-8, no vowel marks */
    const char *latin;
} arabic_word;

/* Sorted by the bytes of the Arabic spelling. */
static const arabic_word words[] = {
    {"أبو", "ABU"},
    {"أحمد", "AHMED"},
    {"أسامة", "OSAMA"},
    {"أمين", "AMIN"},
    {"أنور", "ANWAR"},
    {"أيمن", "AYMAN"},
    {"إبراهيم", "IBRAHIM"},
    {"إدريس", "IDRIS"},
    {"إسماعيل", "ISMAIL"},
    {"ابراهيم", "IBRAHIM"},
    {"ابن", "IBN"},
    {"ابو", "ABU"},
    {"احمد", "AHMED"},
    {"ادريس", "IDRIS"},
    {"اسامة", "OSAMA"},
    {"اسماعيل", "ISMAIL"},
    {"الله", "ALLAH"},
    {"امين", "AMIN"},
    {"انور", "ANWAR"},
    {"ايمن", "AYMAN"},
    {"بكر", "BAKR"},
    {"بن", "BIN"},
    {"بنت", "BINT"},
    {"جعفر", "JAAFAR"},
    {"جمال", "JAMAL"},
    {"حافظ", "HAFIZ"},
    {"حامد", "HAMED"},
    {"حسن", "HASSAN"},
    {"حسين", "HUSSEIN"},
    {"حمزة", "HAMZA"},
    {"حميد", "HAMID"},
    {"خالد", "KHALED"},
    {"خديجة", "KHADIJA"},
    {"خليل", "KHALIL"},
    {"رحمن", "RAHMAN"},
    {"رحيم", "RAHIM"},
    {"رشيد", "RASHID"},
    {"زيد", "ZAID"},
    {"زينب", "ZAINAB"},
    {"سالم", "SALEM"},
    {"سعد", "SAAD"},
    {"سعيد", "SAEED"},
    {"سلمان", "SALMAN"},
    {"سليمان", "SULEIMAN"},
    {"سيف", "SAIF"},
    {"شريف", "SHARIF"},
    {"صالح", "SALEH"},
    {"صدام", "SADDAM"},
    {"طارق", "TAREK"},
    {"طه", "TAHA"},
    {"عائشة", "AISHA"},
    {"عادل", "ADEL"},
    {"عبد", "ABD"},
    {"عبدالرحمن", "ABDULRAHMAN"},
    {"عبدالرحيم", "ABDULRAHIM"},
    {"عبدالعزيز", "ABDULAZIZ"},
    {"عبدالقادر", "ABDULKADER"},
    {"عبدالكريم", "ABDULKARIM"},
    {"عبدالله", "ABDULLAH"},
    {"عبدالمالك", "ABDELMALEK"},
    {"عبيد", "OBAID"},
    {"عثمان", "OTHMAN"},
    {"عزت", "EZZAT"},
    {"عزيز", "AZIZ"},
    {"على", "ALI"},
    {"علي", "ALI"},
    {"عمار", "AMMAR"},
    {"عمر", "OMAR"},
    {"عيسى", "ISSA"},
    {"غلام", "GHULAM"},
    {"فاطمة", "FATIMA"},
    {"فضل", "FAZAL"},
    {"فيصل", "FAISAL"},
    {"قادر", "KADER"},
    {"قاسم", "QASIM"},
    {"كريم", "KARIM"},
    {"كمال", "KAMAL"},
    {"ماجد", "MAJED"},
    {"مجيد", "MAJID"},
    {"محمد", "MOHAMMED"},
    {"محمود", "MAHMOUD"},
    {"مراد", "MOURAD"},
    {"مريم", "MARYAM"},
    {"مصطفى", "MUSTAFA"},
    {"منصور", "MANSOUR"},
    {"موسى", "MOUSSA"},
    {"ناصر", "NASSER"},
    {"نذير", "NAZIR"},
    {"نور", "NOUR"},
    {"هاني", "HANI"},
    {"وليد", "WALID"},
    {"ياسين", "YASSIN"},
    {"يحيى", "YAHYA"},
    {"يحيي", "YAHYA"},
    {"يوسف", "YOUSSEF"},
    {"يونس", "YOUNES"},
};

static int word_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const arabic_word *)elem)->arabic);
}

static bool arabic_skipped(uint32_t cp)
{
    return (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || cp == 0x0640;
}

const char *text_arabic_word(const uint32_t *cps, size_t n)
{
    char key[64];
    size_t len = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t cp = cps[i];
        if (arabic_skipped(cp))
            continue;
        if (cp < 0x0600 || cp > 0x06FF || len + 3 > sizeof key)
            return NULL;
        key[len++] = (char)(0xC0 | (cp >> 6));
        key[len++] = (char)(0x80 | (cp & 0x3F));
    }
    key[len] = '\0';
    const arabic_word *w = bsearch(key, words, sizeof words / sizeof words[0], sizeof words[0],
                                   word_cmp);
    return w ? w->latin : NULL;
}

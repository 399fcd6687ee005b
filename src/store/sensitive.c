/*
 * sensitive.c — the ingest filter for special categories of data. Directive
 * (EU) 2016/681 Art. 13(4) forbids processing PNR data revealing racial or
 * ethnic origin, political opinions, religion or philosophical beliefs, trade
 * union membership, health, sexual life or sexual orientation. Such data
 * comes in SSR elements (special meals reveal religion or health; assistance
 * and medical codes reveal health, per the IATA AIRIMP SSR code list) and in
 * free text (OSI, remarks), which nobody can vet: all of it is dropped before
 * storage, and the parsers count what was dropped.
 */
#include <string.h>

#include "store.h"

/* Meal SSRs (AIRIMP: codes ending in ML), listed for the record; any other
 * four-letter code ending in ML is treated as a meal as well. */
static const char *const meal_codes[] = {
    "AVML", "BBML", "BLML", "CHML", "DBML", "FPML", "GFML", "HFML", "HNML", "JNML", "JPML",
    "KSML", "LCML", "LFML", "LPML", "LSML", "MOML", "NBML", "NFML", "NLML", "ORML", "PRML",
    "RFML", "RVML", "SFML", "SPML", "VGML", "VJML", "VLML", "VOML",
};

/* Assistance and medical SSRs (AIRIMP) that reveal health or disability. */
static const char *const medical_codes[] = {
    "BLND", "DEAF", "DPNA", "ESAN", "LEGL", "LEGR", "MAAS", "MEDA", "OXYG", "PNUT", "STCR",
    "SVAN", "WCBD", "WCBW", "WCHC", "WCHR", "WCHS", "WCLB", "WCMP", "WCOB",
};

/* Elements that are free text by nature. */
static const char *const remark_codes[] = {"OSI", "RMK", "OTHS", "GPST", "REM"};

/* code (three or four letters) is in capitals; the lists are. */
static bool in(const char *code, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (code[0] == list[i][0] && code[1] == list[i][1] && strcmp(code + 2, list[i] + 2) == 0)
            return true;
    return false;
}

#define IN(code, list) in(code, list, sizeof list / sizeof *list)

pw_ssr_verdict pw_ssr_filter(const char *code, const char *text)
{
    if (!code || !*code)
        return text && *text ? PW_SSR_DROP_REMARK : PW_SSR_KEEP;
    /* Every code listed has three or four letters; compared in capitals. */
    size_t n = strnlen(code, 5);
    if (n < 3 || n > 4)
        return PW_SSR_KEEP;
    char upper[5];
    for (size_t i = 0; i <= n; i++)
        upper[i] = code[i] >= 'a' && code[i] <= 'z' ? (char)(code[i] - 'a' + 'A') : code[i];
    if (IN(upper, meal_codes) || (n == 4 && upper[2] == 'M' && upper[3] == 'L'))
        return PW_SSR_DROP_MEAL;
    if (IN(upper, medical_codes))
        return PW_SSR_DROP_MEDICAL;
    if (IN(upper, remark_codes))
        return PW_SSR_DROP_REMARK;
    return PW_SSR_KEEP;
}

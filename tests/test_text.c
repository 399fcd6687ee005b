/*
 * test_text.c — the text module: folding to the letters of a travel
 * document (ICAO 9303 Latin, Cyrillic and Greek tables; other scripts
 * through ICU), name splitting, phonetic keys and name groups.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static const char *fold(const char *s)
{
    static char buf[4][512];
    static int k;
    char *out = buf[k++ % 4];
    size_t n = pw_fold(s, out, sizeof buf[0]);
    assert_int_equal(n, strlen(out));
    return out;
}

static void fold_ascii(void **state)
{
    (void)state;
    assert_string_equal(fold("  smith,  John-Paul  "), "SMITH JOHN PAUL");
    assert_string_equal(fold("O'NEILL"), "ONEILL");
    assert_string_equal(fold("d`Artagnan"), "DARTAGNAN");
    assert_string_equal(fold("NGUYEN<<VAN<SON<<<<<"), "NGUYEN VAN SON");
    assert_string_equal(fold("J. R. R./Tolkien 3rd"), "J R R TOLKIEN RD");
    assert_string_equal(fold(""), "");
    assert_string_equal(fold("--<<,,"), "");
    char out[8];
    assert_int_equal(pw_fold(NULL, out, sizeof out), 0);
    assert_string_equal(out, "");
}

static void fold_truncates(void **state)
{
    (void)state;
    char out[6];
    assert_int_equal(pw_fold("ABCDEFGH", out, sizeof out), 5);
    assert_string_equal(out, "ABCDE");
    /* never a trailing space */
    assert_int_equal(pw_fold("ABCD EFGH", out, sizeof out), 4);
    assert_string_equal(out, "ABCD");
    assert_int_equal(pw_fold("ÄÄÄÄ", out, sizeof out), 5);
    assert_string_equal(out, "AEAEA");
    char one[1] = {'x'};
    assert_int_equal(pw_fold("ABC", one, 1), 0);
    assert_int_equal(one[0], '\0');
}

/* ICAO 9303 part 3: the multinational Latin characters, both cases. */
static void fold_icao_latin(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"Ä", "AE"}, {"ä", "AE"}, {"Ö", "OE"}, {"ö", "OE"}, {"Ø", "OE"}, {"ø", "OE"},
        {"Ü", "UE"}, {"ü", "UE"}, {"ß", "SS"}, {"Å", "AA"}, {"å", "AA"}, {"Æ", "AE"},
        {"æ", "AE"}, {"Œ", "OE"}, {"œ", "OE"}, {"Þ", "TH"}, {"þ", "TH"}, {"Ð", "D"},
        {"ð", "D"}, {"Đ", "D"}, {"đ", "D"}, {"Ĳ", "IJ"}, {"ĳ", "IJ"}, {"É", "E"},
        {"é", "E"}, {"È", "E"}, {"Ê", "E"}, {"Ë", "E"}, {"Ñ", "N"}, {"ñ", "N"},
        {"Ç", "C"}, {"ç", "C"}, {"Ş", "S"}, {"ş", "S"}, {"Ł", "L"}, {"ł", "L"},
        {"Ő", "O"}, {"ő", "O"}, {"Ű", "U"}, {"Á", "A"}, {"À", "A"}, {"Â", "A"},
        {"Ã", "A"}, {"Ă", "A"}, {"Ą", "A"}, {"Č", "C"}, {"Ć", "C"}, {"Ď", "D"},
        {"Ě", "E"}, {"Ę", "E"}, {"Ğ", "G"}, {"İ", "I"}, {"ı", "I"}, {"Í", "I"},
        {"Ň", "N"}, {"Ń", "N"}, {"Ó", "O"}, {"Ô", "O"}, {"Õ", "O"}, {"Ř", "R"},
        {"Š", "S"}, {"Ś", "S"}, {"Ţ", "T"}, {"Ț", "T"}, {"Ť", "T"}, {"Ú", "U"},
        {"Ů", "U"}, {"Ý", "Y"}, {"Ÿ", "Y"}, {"Ž", "Z"}, {"Ź", "Z"}, {"Ż", "Z"},
        {"Ħ", "H"}, {"Ə", "A"}, {"ə", "A"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char in[32];
        snprintf(in, sizeof in, "X%sX", cases[i][0]);
        char want[32];
        snprintf(want, sizeof want, "X%sX", cases[i][1]);
        assert_string_equal(fold(in), want);
    }
    assert_string_equal(fold("Müller-Lüdenscheidt"), "MUELLER LUEDENSCHEIDT");
    assert_string_equal(fold("Þórðarson"), "THORDARSON");
    assert_string_equal(fold("Søren Kierkegård"), "SOEREN KIERKEGAARD");
    assert_string_equal(fold("Łukasz Żółć"), "LUKASZ ZOLC");
    assert_string_equal(fold("Çağlar Şahin"), "CAGLAR SAHIN");
}

static void fold_decomposed_and_apostrophes(void **state)
{
    (void)state;
    /* A + combining diaeresis is Ä */
    assert_string_equal(fold("A\xCC\x88RNI"), "AERNI");
    assert_string_equal(fold("e\xCC\x81tienne"), "ETIENNE");
    assert_string_equal(fold("O\xE2\x80\x99" "Brien"), "OBRIEN");        /* ’ */
    assert_string_equal(fold("D\xCA\xBC" "Angelo"), "DANGELO");      /* ʼ */
    assert_string_equal(fold("Ann\xC2\xA0Marie"), "ANN MARIE");       /* NBSP */
    assert_string_equal(fold("Jean\xE2\x80\x93Luc"), "JEAN LUC");     /* en dash */
}

static void fold_vietnamese(void **state)
{
    (void)state;
    assert_string_equal(fold("NGUYỄN VĂN SƠN"), "NGUYEN VAN SON");
    assert_string_equal(fold("ĐẶNG"), "DANG");
    assert_string_equal(fold("Trần Thị Hương"), "TRAN THI HUONG");
    assert_string_equal(fold("Phạm Đức Thắng"), "PHAM DUC THANG");
}

static void fold_cyrillic(void **state)
{
    (void)state;
    /* Russian */
    assert_string_equal(fold("ИВАНОВ"), "IVANOV");
    assert_string_equal(fold("Юрий"), "IURII");
    assert_string_equal(fold("ЩЕРБАКОВ"), "SHCHERBAKOV");
    assert_string_equal(fold("Жуков Хрущёв"), "ZHUKOV KHRUSHCHEV");
    assert_string_equal(fold("Цыганкова Наталья"), "TSYGANKOVA NATALIA");
    assert_string_equal(fold("Объедков Эдуард"), "OBIEEDKOV EDUARD");
    assert_string_equal(fold("Чайковский Пётр"), "CHAIKOVSKII PETR");
    assert_string_equal(fold("Яковлев"), "IAKOVLEV");
    /* Ukrainian: Г→H, И→Y, Є→IE, Ї→I, Ґ→G */
    assert_string_equal(fold("Григорій"), "HRYHORII");
    assert_string_equal(fold("Євгенія Ґонта"), "IEVHENIIA GONTA");
    assert_string_equal(fold("Олександр Їжак"), "OLEKSANDR IZHAK");
    /* Belarusian: Ў→U, І→I, Г→H */
    assert_string_equal(fold("Аляксандр Лукашэнка"), "ALIAKSANDR LUKASHENKA");
    assert_string_equal(fold("Ўладзімір Гурыновіч"), "ULADZIMIR HURYNOVICH");
    /* Serbian and Macedonian */
    assert_string_equal(fold("Ђоковић Новак"), "DOKOVIC NOVAK");
    assert_string_equal(fold("Љубиша Њежић"), "LJUBISHA NJEZHIC");
    assert_string_equal(fold("Ѓорѓе Ќосе Џафер Јована"), "GORGE KOSE DZAFER JOVANA");
    /* Kazakh letters; their І does not make the name Ukrainian */
    assert_string_equal(fold("Қасым-Жомарт Тоқаев"), "KASYM ZHOMART TOKAEV");
    assert_string_equal(fold("Нұрсұлтан Әбішұлы Назарбаев"), "NURSULTAN ABISHULY NAZARBAEV");
    assert_string_equal(fold("Ғалым Иманғали"), "GALYM IMANGALI");
}

static void fold_greek(void **state)
{
    (void)state;
    assert_string_equal(fold("ΓΕΩΡΓΙΟΣ"), "GEORGIOS");
    assert_string_equal(fold("ΠΑΠΑΔΟΠΟΥΛΟΣ"), "PAPADOPOULOS");
    assert_string_equal(fold("Γεώργιος Παπαδόπουλος"), "GEORGIOS PAPADOPOULOS");
    assert_string_equal(fold("Ευάγγελος"), "EVANGELOS");
    assert_string_equal(fold("Ελευθέριος"), "ELEFTHERIOS");
    assert_string_equal(fold("Αυγερινός"), "AVGERINOS");
    assert_string_equal(fold("Μπακογιάννη"), "BAKOGIANNI");
    assert_string_equal(fold("Θεοχάρης Ξανθή Ψαρράς"), "THEOCHARIS XANTHI PSARRAS");
    assert_string_equal(fold("Φώτης Χατζής Ζωή"), "FOTIS CHATZIS ZOI");
    assert_string_equal(fold("ΜΑΪΟΣ"), "MAIOS");
}

static void fold_chinese_korean(void **state)
{
    (void)state;
    assert_string_equal(fold("毛泽东"), "MAO ZEDONG");
    assert_string_equal(fold("王小明"), "WANG XIAOMING");
    assert_string_equal(fold("张伟"), "ZHANG WEI");
    assert_string_equal(fold("张 伟"), "ZHANG WEI");
    assert_string_equal(fold("欧阳修文"), "OUYANG XIUWEN");
    assert_string_equal(fold("김정은"), "KIM JEONGEUN");
    assert_string_equal(fold("이민호"), "LEE MINHO");
    assert_string_equal(fold("박"), "PARK");
}

static bool only_letters_and_spaces(const char *s)
{
    if (!*s)
        return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || *p == ' '))
            return false;
    return true;
}

static void fold_other_scripts(void **state)
{
    (void)state;
    static const char *const names[] = {
        "محمد عبد الله",    /* Arabic */
        "שלום כהן",         /* Hebrew */
        "สมชาย ใจดี",       /* Thai */
        "ვახტანგ",          /* Georgian */
        "Արամ Խաչատրյան",   /* Armenian */
        "नरेंद्र मोदी",        /* Devanagari */
        "やまだ たろう",     /* Hiragana */
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_true(only_letters_and_spaces(fold(names[i])));
    assert_string_equal(fold("नरेंद्र मोदी"), "NARENDRA MODI");
    /* common Arabic name words take their usual spelling; AL apart */
    assert_string_equal(fold("صدام حسين التكريتي"), "SADDAM HUSSEIN AL TKRYTY");
    assert_string_equal(fold("مُحَمَّد بن عبدالله"), "MOHAMMED BIN ABDULLAH");
    assert_string_equal(fold("عبد العزيز"), "ABD AL AZIZ");
    assert_string_equal(fold("Ivan ИВАНОВ 张伟"), "IVAN IVANOV ZHANG WEI");
    /* a ligature joins the letters around it; fullwidth letters */
    assert_string_equal(fold("\xEF\xAC\x81ona"), "FIONA");
    assert_string_equal(fold("ＪＯＨＮ　ＳＭＩＴＨ"), "JOHN SMITH");
}

static void fold_invalid_utf8(void **state)
{
    (void)state;
    assert_string_equal(fold("\xFF\xFEJOHN\xC3"), "JOHN");
    assert_string_equal(fold("JO\xC0\xAFHN"), "JOHN");        /* overlong '/' */
    assert_string_equal(fold("\xED\xA0\x80" "ANNA"), "ANNA");  /* a surrogate */
    assert_string_equal(fold("A\xE2\x82"), "A");               /* cut short */
    assert_string_equal(fold("A\xCC\x88\xFF" "B"), "AEB");       /* with NFC */
}

static void fold_long_input(void **state)
{
    (void)state;
    size_t n = 10000;
    char *s = malloc(n * 2 + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        s[i] = (char)(i % 7 == 6 ? ' ' : 'A' + (int)(i % 26));
    s[n] = '\0';
    char out[64];
    assert_true(pw_fold(s, out, sizeof out) <= 63);
    pw_name_tokens t;
    assert_int_equal(pw_name_split(NULL, NULL, s, PW_NAME_AIRLINE, &t), PW_OK);
    assert_true(t.n <= PW_MAX_TOKENS);
    /* the same with a long run of multi-byte letters */
    for (size_t i = 0; i < n; i++) {
        s[2 * i] = (char)0xC3;
        s[2 * i + 1] = (char)0x84;    /* Ä */
    }
    s[2 * n] = '\0';
    assert_int_equal(pw_fold(s, out, sizeof out), 63);
    assert_int_equal(pw_name_split(s, s, NULL, 0, &t), PW_OK);
    assert_int_equal(t.n, 2);
    assert_int_equal(strlen(t.token[0]), PW_MAX_TOKEN - 1);
    free(s);
}

static bool well_formed(const char *s)
{
    size_t n = strlen(s);
    if (n && (s[0] == ' ' || s[n - 1] == ' '))
        return false;
    for (size_t i = 0; i < n; i++) {
        if (!((s[i] >= 'A' && s[i] <= 'Z') || s[i] == ' '))
            return false;
        if (s[i] == ' ' && s[i + 1] == ' ')
            return false;
    }
    return true;
}

/* Random bytes and random code points from many scripts: output is always
 * A–Z and single spaces, tokens stay within their limits. */
static void fold_and_split_random_input(void **state)
{
    (void)state;
    static const uint32_t blocks[] = {0x41, 0xC0, 0x100, 0x250, 0x370, 0x400, 0x500, 0x5D0, 0x600,
                                      0x900, 0xE00, 0x10A0, 0x1E00, 0x1F00, 0x2000, 0x3040,
                                      0x4E00, 0xAC00, 0xFF00, 0x300, 0x1F600};
    uint64_t x = 88172645463325252u;
    char in[512], out[128];
    for (int round = 0; round < 3000; round++) {
        size_t len = 0;
        size_t want = (size_t)(round % 60);
        while (len + 4 < sizeof in && want-- > 0) {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            if (round % 3 == 0) {
                in[len++] = (char)(x >> 24);      /* any byte */
                continue;
            }
            uint32_t cp = blocks[(x >> 8) % (sizeof blocks / sizeof blocks[0])] + (uint32_t)(x >> 40) % 96;
            if (cp < 0x80) {
                in[len++] = (char)((x >> 32) % 3 == 0 ? ' ' : (int)cp);
            } else if (cp < 0x800) {
                in[len++] = (char)(0xC0 | (cp >> 6));
                in[len++] = (char)(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                in[len++] = (char)(0xE0 | (cp >> 12));
                in[len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                in[len++] = (char)(0x80 | (cp & 0x3F));
            } else {
                in[len++] = (char)(0xF0 | (cp >> 18));
                in[len++] = (char)(0x80 | ((cp >> 12) & 0x3F));
                in[len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                in[len++] = (char)(0x80 | (cp & 0x3F));
            }
        }
        in[len] = '\0';
        size_t n = pw_fold(in, out, (size_t)(round % 40) + 1);
        assert_true(n <= (size_t)(round % 40));
        assert_int_equal(strlen(out), n);
        assert_true(well_formed(out));
        pw_name_tokens t;
        pw_status st = pw_name_split(round % 2 ? in : NULL, NULL, in, PW_NAME_AIRLINE, &t);
        assert_true(st == PW_OK || st == PW_ERR_ARG);
        assert_true(t.n <= PW_MAX_TOKENS);
        for (unsigned i = 0; i < t.n; i++) {
            assert_true(memchr(t.token[i], '\0', PW_MAX_TOKEN) != NULL);
            assert_true(t.token[i][0] != '\0');
            assert_true(well_formed(t.token[i]));
            assert_null(strchr(t.token[i], ' '));
            char k[64];
            pw_phonetic_key(t.token[i], k, sizeof k);
            assert_true(well_formed(k));
        }
    }
}

static void split_mrz(void **state)
{
    (void)state;
    pw_name_tokens t;
    assert_int_equal(pw_name_split(NULL, NULL, "NGUYEN<<VAN<SON<<<<<<", 0, &t), PW_OK);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.token[0], "NGUYEN");
    assert_int_equal(t.flags[0], PW_TOKEN_SURNAME);
    assert_string_equal(t.token[1], "VAN");
    assert_int_equal(t.flags[1], PW_TOKEN_GIVEN | PW_TOKEN_PARTICLE);
    assert_string_equal(t.token[2], "SON");
    assert_int_equal(t.flags[2], PW_TOKEN_GIVEN);
    assert_int_equal(pw_name_split(NULL, NULL, "DE<LA<CRUZ<<MARIA<JOSE", 0, &t), PW_OK);
    assert_int_equal(t.n, 5);
    assert_int_equal(t.flags[0], PW_TOKEN_SURNAME | PW_TOKEN_PARTICLE);
    assert_int_equal(t.flags[2], PW_TOKEN_SURNAME);
    assert_string_equal(t.token[3], "MARIA");
    assert_int_equal(t.flags[3], PW_TOKEN_GIVEN);
}

static void split_comma_and_slash(void **state)
{
    (void)state;
    pw_name_tokens t;
    assert_int_equal(pw_name_split(NULL, NULL, "Smith, John Paul", 0, &t), PW_OK);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.token[0], "SMITH");
    assert_int_equal(t.flags[0], PW_TOKEN_SURNAME);
    assert_int_equal(t.flags[2], PW_TOKEN_GIVEN);
    assert_int_equal(pw_name_split(NULL, NULL, "SMITH/JOHN MR", 0, &t), PW_OK);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.token[1], "JOHN");
    assert_int_equal(t.flags[1], PW_TOKEN_GIVEN);
    assert_string_equal(t.title, "MR");
    /* the first separator decides */
    assert_int_equal(pw_name_split(NULL, NULL, "SMITH/JOHN, MR", 0, &t), PW_OK);
    assert_int_equal(t.n, 2);
    assert_int_equal(t.flags[0], PW_TOKEN_SURNAME);
    assert_int_equal(t.flags[1], PW_TOKEN_GIVEN);
    assert_string_equal(t.title, "MR");
    /* the slash form in the surname field alone */
    assert_int_equal(pw_name_split("DOE/JANE MRS", NULL, NULL, 0, &t), PW_OK);
    assert_int_equal(t.n, 2);
    assert_int_equal(t.flags[1], PW_TOKEN_GIVEN);
    assert_string_equal(t.title, "MRS");
}

static void split_fields_and_whole(void **state)
{
    (void)state;
    pw_name_tokens t;
    assert_int_equal(pw_name_split("García Márquez", "Gabriel José", NULL, 0, &t), PW_OK);
    assert_int_equal(t.n, 4);
    assert_string_equal(t.token[0], "GARCIA");
    assert_string_equal(t.token[1], "MARQUEZ");
    assert_int_equal(t.flags[1], PW_TOKEN_SURNAME);
    assert_string_equal(t.token[3], "JOSE");
    assert_int_equal(t.flags[3], PW_TOKEN_GIVEN);
    assert_int_equal(pw_name_split(NULL, "Madonna", NULL, 0, &t), PW_OK);
    assert_int_equal(t.n, 1);
    assert_int_equal(t.flags[0], PW_TOKEN_GIVEN);
    assert_int_equal(pw_name_split(NULL, NULL, "Dr John Smith", 0, &t), PW_OK);
    assert_int_equal(t.n, 2);
    assert_int_equal(t.flags[0], 0);
    assert_int_equal(t.flags[1], 0);
    assert_string_equal(t.title, "DR");
    /* the words in capitals are the surname */
    assert_int_equal(pw_name_split(NULL, NULL, "Mr John Fitzgerald KENNEDY", 0, &t), PW_OK);
    assert_int_equal(t.n, 3);
    assert_int_equal(t.flags[0], PW_TOKEN_GIVEN);
    assert_int_equal(t.flags[1], PW_TOKEN_GIVEN);
    assert_string_equal(t.token[2], "KENNEDY");
    assert_int_equal(t.flags[2], PW_TOKEN_SURNAME);
    assert_string_equal(t.title, "MR");
    assert_int_equal(pw_name_split(NULL, NULL, "Ludwig van BEETHOVEN", 0, &t), PW_OK);
    assert_int_equal(t.n, 3);
    assert_int_equal(t.flags[0], PW_TOKEN_GIVEN);
    assert_int_equal(t.flags[1], PW_TOKEN_SURNAME | PW_TOKEN_PARTICLE);
    assert_int_equal(t.flags[2], PW_TOKEN_SURNAME);
    assert_int_equal(pw_name_split(NULL, NULL, "AL-ZAWAHIRI Ayman", 0, &t), PW_OK);
    assert_int_equal(t.n, 3);
    assert_int_equal(t.flags[0], PW_TOKEN_SURNAME | PW_TOKEN_PARTICLE);
    assert_int_equal(t.flags[1], PW_TOKEN_SURNAME);
    assert_int_equal(t.flags[2], PW_TOKEN_GIVEN);
    /* all capitals or no capitals: no split */
    assert_int_equal(pw_name_split(NULL, NULL, "JOHN SMITH", 0, &t), PW_OK);
    assert_int_equal(t.flags[1], 0);
    assert_int_equal(pw_name_split(NULL, NULL, "John Smith", 0, &t), PW_OK);
    assert_int_equal(t.flags[1], 0);
    /* a title is never taken off the surname field */
    assert_int_equal(pw_name_split("Sir", "John", NULL, 0, &t), PW_OK);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.token[0], "SIR");
    assert_string_equal(t.title, "");
}

static void split_errors(void **state)
{
    (void)state;
    pw_name_tokens t;
    t.n = 5;
    assert_int_equal(pw_name_split(NULL, NULL, NULL, 0, &t), PW_ERR_ARG);
    assert_int_equal(t.n, 0);
    t.n = 5;
    assert_int_equal(pw_name_split("", "", "", 0, &t), PW_ERR_ARG);
    assert_int_equal(t.n, 0);
    assert_int_equal(pw_name_split("X", NULL, NULL, 0, NULL), PW_ERR_ARG);
    assert_int_equal(pw_name_split(NULL, NULL, "<<<", 0, &t), PW_OK);
    assert_int_equal(t.n, 0);
}

static void split_glued_titles(void **state)
{
    (void)state;
    static const char *const cases[][3] = {
        {"KIM/SEJOONMR", "SEJOON", "MR"},
        {"SMITH/MARYMRS", "MARY", "MRS"},
        {"JONES/WILLIAMMR", "WILLIAM", "MR"},
        {"KUMAR/LALMS", "LAL", "MS"},
        {"DOE/JOHNMSTR", "JOHN", "MSTR"},
        {"DOE/ANNMISS", "ANN", "MISS"},
    };
    pw_name_tokens t;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(pw_name_split(NULL, NULL, cases[i][0], PW_NAME_AIRLINE, &t), PW_OK);
        assert_int_equal(t.n, 2);
        assert_string_equal(t.token[1], cases[i][1]);
        assert_string_equal(t.title, cases[i][2]);
        /* without the flag the token stays whole */
        assert_int_equal(pw_name_split(NULL, NULL, cases[i][0], 0, &t), PW_OK);
        assert_true(strlen(t.token[1]) > strlen(cases[i][1]));
        assert_string_equal(t.title, "");
    }
    /* too little left, names that end in those letters, the surname */
    assert_int_equal(pw_name_split(NULL, NULL, "LI/AMR", PW_NAME_AIRLINE, &t), PW_OK);
    assert_string_equal(t.token[1], "AMR");
    assert_int_equal(pw_name_split(NULL, NULL, "JONES/WILLIAMS", PW_NAME_AIRLINE, &t), PW_OK);
    assert_string_equal(t.token[1], "WILLIAMS");
    assert_int_equal(pw_name_split(NULL, NULL, "ADAMS/JOHN", PW_NAME_AIRLINE, &t), PW_OK);
    assert_string_equal(t.token[0], "ADAMS");
    /* PNRGOV TIF+SMITHJR+JOHNMR: the surname keeps its letters */
    assert_int_equal(pw_name_split("SMITHJR", "JOHNMR", NULL, PW_NAME_AIRLINE, &t), PW_OK);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.token[0], "SMITHJR");
    assert_string_equal(t.token[1], "JOHN");
    assert_string_equal(t.title, "MR");
    assert_int_equal(pw_name_split("ZIMMERMR", "JOHN", NULL, PW_NAME_AIRLINE, &t), PW_OK);
    assert_string_equal(t.token[0], "ZIMMERMR");
    assert_int_equal(pw_name_split(NULL, NULL, "DOE/ALEXANDR", PW_NAME_AIRLINE, &t), PW_OK);
    assert_string_equal(t.token[1], "ALEXANDR");
}

static void split_pnrgov_names(void **state)
{
    (void)state;
    /* surname and given-name fields of TIF segments in the bundled samples */
    static const char *const cases[][4] = {
        {"ACKARY", "CHARLESMR", "CHARLES", "MR"},
        {"ADONAY", "YORDAMRS", "YORDA", "MRS"},
        {"BELT", "ISABELLE MRS", "ISABELLE", "MRS"},
        {"DORON", "NINA MS", "NINA", "MS"},
        {"HOU", "LIMR", "LI", "MR"},
        {"KIM", "KONG CHUN MRS", "CHUN", "MRS"},
        {"KUMAR", "LAL MS", "LAL", "MS"},
        {"NUGUSE", "NEGISTIMRS", "NEGISTI", "MRS"},
        {"PARK", "SEJOONMR", "SEJOON", "MR"},
        {"CHISOLM", "MERLE", "MERLE", ""},
        {"RAVAL", "CHRISTOPHER", "CHRISTOPHER", ""},
        {"WOO", "FEN", "FEN", ""},
        {"VANDENBERG", "KEVINMICHAELMR", "KEVINMICHAEL", "MR"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pw_name_tokens t;
        assert_int_equal(pw_name_split(cases[i][0], cases[i][1], NULL, PW_NAME_AIRLINE, &t), PW_OK);
        assert_true(t.n >= 2);
        assert_string_equal(t.token[0], cases[i][0]);
        assert_int_equal(t.flags[0] & PW_TOKEN_SURNAME, PW_TOKEN_SURNAME);
        assert_string_equal(t.token[t.n - 1], cases[i][2]);
        assert_int_equal(t.flags[t.n - 1] & PW_TOKEN_GIVEN, PW_TOKEN_GIVEN);
        assert_string_equal(t.title, cases[i][3]);
    }
}

static void split_sheikh(void **state)
{
    (void)state;
    pw_name_tokens t;
    assert_int_equal(pw_name_split("AL THANI", "SHEIKH HAMAD", NULL, 0, &t), PW_OK);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.token[2], "HAMAD");
    assert_string_equal(t.title, "SHEIKH");
    /* the only given name: kept */
    assert_int_equal(pw_name_split("AL THANI", "SHAYKH", NULL, 0, &t), PW_OK);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.token[2], "SHAYKH");
    assert_string_equal(t.title, "");
}

static void split_particles_hyphens_apostrophes(void **state)
{
    (void)state;
    pw_name_tokens t;
    assert_int_equal(pw_name_split(NULL, NULL, "AL-ZAWAHIRI, AYMAN", 0, &t), PW_OK);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.token[0], "AL");
    assert_int_equal(t.flags[0], PW_TOKEN_SURNAME | PW_TOKEN_PARTICLE);
    assert_string_equal(t.token[1], "ZAWAHIRI");
    assert_int_equal(t.flags[1], PW_TOKEN_SURNAME);
    assert_int_equal(pw_name_split("O'Neill", "Mary-Kate", NULL, 0, &t), PW_OK);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.token[0], "ONEILL");
    assert_string_equal(t.token[1], "MARY");
    assert_string_equal(t.token[2], "KATE");
    assert_int_equal(pw_name_split(NULL, NULL, "ABD UL RAHMAN BIN LADEN", 0, &t), PW_OK);
    assert_int_equal(t.n, 5);
    assert_int_equal(t.flags[0], PW_TOKEN_PARTICLE);
    assert_int_equal(t.flags[1], PW_TOKEN_PARTICLE);
    assert_int_equal(t.flags[2], 0);
    assert_int_equal(t.flags[3], PW_TOKEN_PARTICLE);
    assert_int_equal(pw_name_split("van der Berg", "Jan", NULL, 0, &t), PW_OK);
    assert_int_equal(t.flags[0], PW_TOKEN_SURNAME | PW_TOKEN_PARTICLE);
    assert_int_equal(t.flags[1], PW_TOKEN_SURNAME | PW_TOKEN_PARTICLE);
    assert_int_equal(t.flags[2], PW_TOKEN_SURNAME);
    /* O, LE, DU are surnames of their own (Korean, Vietnamese, Chinese), not particles */
    assert_int_equal(pw_name_split("O", "Hyun Ki", NULL, 0, &t), PW_OK);
    assert_int_equal(t.flags[0], PW_TOKEN_SURNAME);
    assert_int_equal(pw_name_split("Lê", "Văn Trang", NULL, 0, &t), PW_OK);
    assert_int_equal(t.flags[0], PW_TOKEN_SURNAME);
    assert_int_equal(t.flags[1], PW_TOKEN_GIVEN | PW_TOKEN_PARTICLE);
}

static void split_limits(void **state)
{
    (void)state;
    pw_name_tokens t;
    assert_int_equal(pw_name_split(NULL, NULL, "A B C D E F G H I J K L M N O P Q", 0, &t), PW_OK);
    assert_int_equal(t.n, PW_MAX_TOKENS);
    assert_string_equal(t.token[PW_MAX_TOKENS - 1], "L");
    assert_int_equal(pw_name_split("ONE TWO THREE FOUR FIVE SIX SEVEN", "A B C D E F G H", NULL, 0,
                                   &t), PW_OK);
    assert_int_equal(t.n, PW_MAX_TOKENS);
    assert_int_equal(t.flags[PW_MAX_TOKENS - 1], PW_TOKEN_GIVEN);
    assert_int_equal(pw_name_split("WOLFESCHLEGELSTEINHAUSENBERGERDORFF", "HUBERT", NULL, 0, &t),
                     PW_OK);
    assert_int_equal(strlen(t.token[0]), PW_MAX_TOKEN - 1);
    assert_memory_equal(t.token[0], "WOLFESCHLEGELSTEINHAUSENBERGERD", PW_MAX_TOKEN - 1);
    assert_string_equal(t.token[1], "HUBERT");
}

static void split_scripts(void **state)
{
    (void)state;
    pw_name_tokens t;
    assert_int_equal(pw_name_split("ИВАНОВ", "ЮРИЙ", NULL, 0, &t), PW_OK);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.token[0], "IVANOV");
    assert_string_equal(t.token[1], "IURII");
    assert_int_equal(pw_name_split(NULL, NULL, "김정은", 0, &t), PW_OK);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.token[0], "KIM");
}

static bool share_group(const char *a, const char *b)
{
    uint32_t ga[64], gb[64];
    size_t na = pw_name_groups(a, ga, 64), nb = pw_name_groups(b, gb, 64);
    assert_true(na <= 64 && nb <= 64);
    for (size_t i = 0; i < na; i++)
        for (size_t j = 0; j < nb; j++)
            if (ga[i] == gb[j])
                return true;
    return false;
}

static const char *key(const char *s)
{
    static char buf[4][64];
    static int k;
    char *out = buf[k++ % 4];
    size_t n = pw_phonetic_key(s, out, sizeof buf[0]);
    assert_int_equal(n, strlen(out));
    assert_true(n > 0);
    return out;
}

static void same_keys(const char *const *names)
{
    for (size_t i = 1; names[i]; i++) {
        if (strcmp(key(names[0]), key(names[i])) != 0)
            fail_msg("%s (%s) and %s (%s) differ", names[0], key(names[0]), names[i],
                     key(names[i]));
    }
}

static void phonetic_variants(void **state)
{
    (void)state;
    same_keys((const char *const[]){"YURI", "IURII", "JURIJ", "YURIY", "IOURI", NULL});
    same_keys((const char *const[]){"MOHAMMED", "MUHAMMAD", "MOHAMED", "MOHAMMAD", "MUHAMMED",
                                    "MOHAMAD", NULL});
    same_keys((const char *const[]){"KHALED", "KHALID", NULL});
    same_keys((const char *const[]){"GADDAFI", "QADHAFI", "GADHAFI", "KADAFI", "QADDAFI", NULL});
    same_keys((const char *const[]){"HUSSEIN", "HUSSAIN", "HUSEIN", "HOSSEIN", NULL});
    same_keys((const char *const[]){"ABDULLAH", "ABDALLAH", "ABDULA", NULL});
    same_keys((const char *const[]){"OSAMA", "USAMA", NULL});
    same_keys((const char *const[]){"TCHAIKOVSKY", "CHAIKOVSKII", NULL});
    same_keys((const char *const[]){"ALEKSANDR", "ALEXANDER", "ALIAKSANDR", NULL});
    same_keys((const char *const[]){"RASHID", "RACHID", NULL});
    same_keys((const char *const[]){"JAMEL", "DJAMEL", "JAMAL", NULL});
    same_keys((const char *const[]){"YOUSSEF", "YUSUF", "YOUSEF", NULL});
    same_keys((const char *const[]){"CHRISTOS", "KRISTOS", NULL});
    same_keys((const char *const[]){"KHRUSHCHEV", "KHROUCHTCHEV", "CHRUSCHTSCHOW", NULL});
    same_keys((const char *const[]){"GORBACHEV", "GORBATCHEV", "GORBATSCHOW", NULL});
    same_keys((const char *const[]){"TCHAIKOVSKY", "TSCHAIKOWSKI", NULL});
    /* OLEKSANDR needs the variant groups */
    assert_string_not_equal(key("OLEKSANDR"), key("ALEXANDER"));
    assert_true(share_group("OLEKSANDR", "ALEXANDER"));
    same_keys((const char *const[]){"AHMED", "AHMAD", NULL});
    same_keys((const char *const[]){"DMITRY", "DMITRII", "DMYTRO", NULL});
    same_keys((const char *const[]){"PHILIP", "FILIP", "PHILLIP", NULL});
    /* lowercase is read as capitals */
    assert_string_equal(key("yuri"), key("YURI"));
}

static void phonetic_distinct(void **state)
{
    (void)state;
    static const char *const pairs[][2] = {
        {"JOHN", "MARY"}, {"SMITH", "JONES"}, {"MOHAMMED", "AHMED"}, {"IVAN", "PETR"},
        {"HUSSEIN", "HASSAN"}, {"OSAMA", "OMAR"}, {"KHALID", "KHALIL"}, {"JOHN", "JAN"},
        {"YURI", "YARA"}, {"AHMED", "AMIR"}, {"IVAN", "OLEG"},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (strcmp(key(pairs[i][0]), key(pairs[i][1])) == 0)
            fail_msg("%s and %s share the key %s", pairs[i][0], pairs[i][1], key(pairs[i][0]));
    char small[3];
    assert_int_equal(pw_phonetic_key("MOHAMMED", small, sizeof small), 2);
    assert_string_equal(small, "MO");
    assert_int_equal(pw_phonetic_key(NULL, small, sizeof small), 0);
    assert_int_equal(pw_phonetic_key("", small, sizeof small), 0);
}

static void groups_variants(void **state)
{
    (void)state;
    assert_true(share_group("LEE", "YI"));
    assert_true(share_group("LEE", "RHEE"));
    assert_true(share_group("YI", "RHEE"));
    assert_true(share_group("PARK", "BAK"));
    assert_true(share_group("CHOI", "CHOE"));
    assert_true(share_group("JUNG", "JEONG"));
    assert_true(share_group("YOO", "RYU"));
    assert_true(share_group("ZHANG", "CHEUNG"));
    assert_true(share_group("WANG", "WONG"));
    assert_true(share_group("LI", "LEE"));
    assert_true(share_group("ZHOU", "CHOW"));
    assert_true(share_group("XU", "HSU"));
    assert_true(share_group("OTHMAN", "USMAN"));
    assert_true(share_group("YOUSSEF", "YUSUF"));
    assert_true(share_group("ABDUL", "ABDEL"));
    assert_true(share_group("SERGEI", "SIARHEI"));
    assert_true(share_group("NIKOLAI", "MYKOLA"));
    assert_true(share_group("ALEKSANDR", "ALIAKSANDR"));
    assert_false(share_group("HUANG", "WANG"));
    assert_false(share_group("YOUSSEF", "JOSEPH"));
    assert_true(share_group("lee", "yi"));     /* case does not matter */
}

static void groups_nicknames(void **state)
{
    (void)state;
    assert_true(share_group("WILLIAM", "BILL"));
    assert_true(share_group("ROBERT", "BOB"));
    assert_true(share_group("ELIZABETH", "BETTY"));
    assert_true(share_group("MARGARET", "PEGGY"));
    assert_false(share_group("JOHN", "MARY"));
    assert_false(share_group("WILLIAM", "ELIZABETH"));
    /* the list says BILL is a nickname of both */
    assert_true(share_group("ROBERT", "BILL"));
    /* variant ids and nickname ids never collide */
    uint32_t a[64], b[64];
    size_t na = pw_name_groups("LEE", a, 64);
    assert_true(na >= 2);
    size_t nb = pw_name_groups("BILL", b, 64);
    assert_true(nb >= 1);
    assert_false(share_group("RHEE", "BILL"));
    /* counting only, and unknown names */
    assert_int_equal(pw_name_groups("LEE", NULL, 0), na);
    uint32_t one[1];
    assert_int_equal(pw_name_groups("LEE", one, 1), na);
    assert_int_equal(one[0], a[0]);
    assert_int_equal(pw_name_groups("XQZW", a, 64), 0);
    assert_int_equal(pw_name_groups("", a, 64), 0);
    assert_int_equal(pw_name_groups(NULL, a, 64), 0);
    assert_int_equal(pw_name_groups("ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ", a, 64), 0);
}

static void *fold_in_thread(void *arg)
{
    (void)arg;
    for (int i = 0; i < 50; i++) {
        char out[64];
        pw_fold("毛泽东", out, sizeof out);
        if (strcmp(out, "MAO ZEDONG") != 0)
            return (void *)1;
        pw_fold("김정은", out, sizeof out);
        if (strcmp(out, "KIM JEONGEUN") != 0)
            return (void *)1;
    }
    return NULL;
}

static void fold_threads(void **state)
{
    (void)state;
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        assert_int_equal(pthread_create(&th[i], NULL, fold_in_thread, NULL), 0);
    for (int i = 0; i < 4; i++) {
        void *r;
        assert_int_equal(pthread_join(th[i], &r), 0);
        assert_null(r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fold_ascii),
        cmocka_unit_test(fold_truncates),
        cmocka_unit_test(fold_icao_latin),
        cmocka_unit_test(fold_decomposed_and_apostrophes),
        cmocka_unit_test(fold_vietnamese),
        cmocka_unit_test(fold_cyrillic),
        cmocka_unit_test(fold_greek),
        cmocka_unit_test(fold_chinese_korean),
        cmocka_unit_test(fold_other_scripts),
        cmocka_unit_test(fold_invalid_utf8),
        cmocka_unit_test(fold_long_input),
        cmocka_unit_test(fold_threads),
        cmocka_unit_test(fold_and_split_random_input),
        cmocka_unit_test(split_mrz),
        cmocka_unit_test(split_comma_and_slash),
        cmocka_unit_test(split_fields_and_whole),
        cmocka_unit_test(split_errors),
        cmocka_unit_test(split_glued_titles),
        cmocka_unit_test(split_pnrgov_names),
        cmocka_unit_test(split_sheikh),
        cmocka_unit_test(split_particles_hyphens_apostrophes),
        cmocka_unit_test(split_limits),
        cmocka_unit_test(split_scripts),
        cmocka_unit_test(phonetic_variants),
        cmocka_unit_test(phonetic_distinct),
        cmocka_unit_test(groups_variants),
        cmocka_unit_test(groups_nicknames),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

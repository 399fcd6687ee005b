/*
 * test_edifact.c — the EDIFACT lexer (every UNA variant, release character,
 * no UNA, Type-B envelope, one segment per line, recoveries), PAXLST and
 * PNRGOV read from every bundled sample with their key fields, bad input
 * reported precisely without losing good travelers, and `paxwatch parse`.
 */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* ------------------------------------------------------------- helpers */

typedef struct errors {
    char lines[256][512];
    size_t n, n_errors, n_warnings;
} errors;

static void collect(void *ctx, const pw_error *e)
{
    errors *es = ctx;
    if (e->warning)
        es->n_warnings++;
    else
        es->n_errors++;
    if (es->n < 256)
        pw_error_format(e, es->lines[es->n++], sizeof es->lines[0]);
}

static bool has_error(const errors *es, const char *text)
{
    for (size_t i = 0; i < es->n; i++)
        if (strcmp(es->lines[i], text) == 0)
            return true;
    return false;
}

static void dump(const errors *es)
{
    for (size_t i = 0; i < es->n; i++)
        print_message("  %s\n", es->lines[i]);
}

#define assert_reported(es, text)                       \
    do {                                                \
        if (!has_error((es), (text))) {                 \
            dump(es);                                   \
            fail_msg("not reported: %s", (text));       \
        }                                               \
    } while (0)

typedef struct parsed {
    pw_batch b;
    errors es;
    pw_edifact_stats st;
    pw_status status;
    char *data;
} parsed;

static parsed *read_text(const char *name, const char *text)
{
    parsed *p = calloc(1, sizeof *p);
    p->status = pw_edifact_read(name, text, strlen(text), &p->b, collect, &p->es, &p->st);
    return p;
}

static parsed *read_sample(const char *rel)
{
    parsed *p = calloc(1, sizeof *p);
    size_t len;
    assert_int_equal(pw_read_file(test_data(rel), &p->data, &len), PW_OK);
    const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
    p->status = pw_edifact_read(base, p->data, len, &p->b, collect, &p->es, &p->st);
    return p;
}

static void parsed_free(parsed *p)
{
    free(p->b.travelers);
    pw_arena_free(p->b.arena);
    free(p->data);
    free(p);
}

static const pw_traveler *find(const parsed *p, const char *surname, const char *given)
{
    for (size_t i = 0; i < p->b.n; i++) {
        const pw_traveler *t = &p->b.travelers[i];
        if (t->surname && strcmp(t->surname, surname) == 0 &&
            (!given || (t->given_names && strcmp(t->given_names, given) == 0)))
            return t;
    }
    fail_msg("no traveler %s %s", surname, given ? given : "");
    return NULL;
}

static void assert_date(pw_date d, const char *expected)
{
    char buf[16];
    pw_date_format(d, buf, sizeof buf);
    assert_string_equal(buf, expected);
}

/* Segments of a text: "TAG|e0c0|..." per segment, element values joined. */
static size_t lex_all(const char *text, char out[][128], size_t cap, errors *es)
{
    pw_edifact_lexer lx;
    pw_edifact_segment *seg = malloc(sizeof *seg);
    pw_edifact_lexer_init(&lx, "t", text, strlen(text), collect, es);
    size_t n = 0;
    while (n < cap && pw_edifact_next(&lx, seg)) {
        char *o = out[n++];
        snprintf(o, 128, "%s", seg->tag);
        for (unsigned e = 0; e < seg->n_elements; e++) {
            for (unsigned c = 0; c < pw_edifact_components(seg, e); c++) {
                char v[64];
                pw_edifact_value(seg, e, c, v, sizeof v);
                size_t l = strlen(o);
                snprintf(o + l, 128 - l, "%s%s", c ? ":" : "|", v);
            }
        }
    }
    free(seg);
    return n;
}

/* --------------------------------------------------------------- lexer */

static void lexer_defaults_without_una(void **state)
{
    (void)state;
    char segs[8][128];
    errors es = {0};
    size_t n = lex_all("UNB+UNOA:4+S+R+200101:1200+7'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+1'UNZ+1+7'",
                       segs, 8, &es);
    assert_int_equal(n, 5);
    assert_string_equal(segs[0], "UNB|UNOA:4|S|R|200101:1200|7");
    assert_string_equal(segs[1], "UNH|1|PAXLST:D:05B:UN:IATA");
    assert_string_equal(segs[3], "UNT|3|1");
    assert_int_equal(es.n, 0);
}

static void lexer_una_variants(void **state)
{
    (void)state;
    static const struct { const char *text; const char *second; } cases[] = {
        {"UNA:+.? 'UNB+UNOA:4+S'UNH+1+X:Y'", "UNH|1|X:Y"},
        {"UNA:*.? $\r\nUNB*UNOA:4*S$\r\nUNH*1*X:Y$\r\n", "UNH|1|X:Y"},
        {"UNA:-.? *UNB-IATA:1-DL*\nUNH-1-X:Y*\n", "UNH|1|X:Y"},
        {"UNA:+.?*\xE2\x80\x99UNB+UNOA:4+S\xE2\x80\x99UNH+1+X:Y\xE2\x80\x99", "UNH|1|X:Y"},
        {"UNA:+.\\*'UNB+IATA:1+1A'UNH+1+A\\:B:Y'", "UNH|1|A:B:Y"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char segs[4][128];
        errors es = {0};
        size_t n = lex_all(cases[i].text, segs, 4, &es);
        assert_int_equal(n, 2);
        assert_memory_equal(segs[0], "UNB", 3);
        assert_string_equal(segs[1], cases[i].second);
        assert_int_equal(es.n, 0);
    }
}

static void lexer_una_chars_are_reported(void **state)
{
    (void)state;
    pw_edifact_lexer lx;
    pw_edifact_segment *seg = malloc(sizeof *seg);
    const char *text = "UNA:+.?*\xE2\x80\x99UNB+UNOA:4+S\xE2\x80\x99";
    pw_edifact_lexer_init(&lx, "t", text, strlen(text), NULL, NULL);
    assert_true(pw_edifact_next(&lx, seg));
    const pw_edifact_chars *c = pw_edifact_lexer_chars(&lx);
    assert_int_equal(c->terminator_len, 3);
    assert_string_equal(c->terminator, "\xE2\x80\x99");
    assert_int_equal(c->repetition, '*');
    assert_int_equal(seg->number, 1);
    free(seg);
}

static void lexer_truncated_una(void **state)
{
    (void)state;
    char segs[4][128];
    errors es = {0};
    size_t n = lex_all("UNA:+.?\nUNB+UNOA:4+S'UNH+1+X'", segs, 4, &es);
    assert_int_equal(n, 2);
    assert_string_equal(segs[1], "UNH|1|X");
    assert_reported(&es, "t:1: warning: UNA truncated: missing service characters taken from the UNB or the defaults");
}

static void lexer_release_character(void **state)
{
    (void)state;
    char segs[4][128];
    errors es = {0};
    size_t n = lex_all("UNB+UNOA:4+S'IFT+4:28::YY+CTCE MOLLY..LOU?+50BB//GMAIL.COM'FTX+A?:B??C?'D'", segs, 4, &es);
    assert_int_equal(n, 3);
    assert_string_equal(segs[1], "IFT|4:28::YY|CTCE MOLLY..LOU+50BB//GMAIL.COM");
    assert_string_equal(segs[2], "FTX|A:B?C'D");
}

static void lexer_quote_terminator_detected_without_una(void **state)
{
    (void)state;
    char segs[4][128];
    errors es = {0};
    size_t n = lex_all("UNB+SIRE:4+CA+NIAC+190924:0821+R0001++IAPI+O\"\nUNH+1+PAXLST:D:05B:UN:IATA\"\nBGM+745\"\n",
                       segs, 4, &es);
    assert_int_equal(n, 3);
    assert_string_equal(segs[0], "UNB|SIRE:4|CA|NIAC|190924:0821|R0001||IAPI|O");
    assert_string_equal(segs[2], "BGM|745");
}

static void lexer_type_b_envelope_and_lines(void **state)
{
    (void)state;
    char *data;
    size_t len;
    assert_int_equal(pw_read_file(test_data("samples/paxlst/typeb_wrapped_paxlst__aero_sita_put_MQPUT.txt"), &data, &len),
                     PW_OK);
    pw_edifact_lexer lx;
    pw_edifact_segment *seg = malloc(sizeof *seg);
    pw_edifact_lexer_init(&lx, "typeb", data, len, NULL, NULL);
    assert_true(pw_edifact_next(&lx, seg));
    assert_string_equal(seg->tag, "UNB");
    assert_int_equal(seg->number, 1);
    assert_int_equal(seg->line, 3);
    free(data);

    /* One segment per line with leading spaces. */
    assert_int_equal(pw_read_file(test_data("samples/paxlst/gtas-parsers__apis-messages__apisMessage.txt"), &data, &len),
                     PW_OK);
    pw_edifact_lexer_init(&lx, "apis", data, len, NULL, NULL);
    unsigned count = 0;
    while (pw_edifact_next(&lx, seg)) {
        count++;
        if (count == 4) {
            assert_string_equal(seg->tag, "BGM");
            assert_int_equal(seg->line, 5);
        }
    }
    assert_int_equal(count, 37);
    free(seg);
    free(data);
}

static void lexer_line_breaks_are_not_data(void **state)
{
    (void)state;
    char segs[4][128];
    errors es = {0};
    size_t n = lex_all("UNB+IATA:1+DL'\r\nSSR+DOCS:HK::DL:::::/P/GBR/1/GBR/12JUL64/M/23AUG19/SMITHJ\r\nR/JON'\r\n", segs, 4,
                       &es);
    assert_int_equal(n, 2);
    assert_string_equal(segs[1], "SSR|DOCS:HK::DL:::::/P/GBR/1/GBR/12JUL64/M/23AUG19/SMITHJR/JON");
    assert_int_equal(es.n, 0);
}

static void lexer_recovers_missing_terminators(void **state)
{
    (void)state;
    char segs[8][128];
    errors es = {0};
    size_t n = lex_all("UNB+IATA:1+X'\nRCI+1A:ABC\nTIF+DOE+JOHN:A:1'\nSSR+DOCS:HK\xE2\x80\x99\nUNZ+1+X", segs, 8, &es);
    assert_int_equal(n, 5);
    assert_string_equal(segs[1], "RCI|1A:ABC");
    assert_string_equal(segs[2], "TIF|DOE|JOHN:A:1");
    assert_string_equal(segs[3], "SSR|DOCS:HK");
    assert_string_equal(segs[4], "UNZ|1|X");
    assert_reported(&es, "t: segment 2 (RCI): warning: segment terminator missing; the segment ends at the line break");
    assert_reported(&es, "t: segment 4 (SSR): warning: typographic \xE2\x80\x99 taken for the segment terminator '");
    assert_reported(&es, "t: segment 5 (UNZ): warning: segment terminator missing at the end of the input");
}

static void lexer_garbage_never_crashes(void **state)
{
    (void)state;
    static const char *const inputs[] = {"", "UNA", "UNA:+", "UN", "UNB", "UNB+", "'''", "UNH+1+PAXLST'NAD+FL+++",
                                         "UNA:+.? 'UNA:+.? '", "\xE2\x80", "UNB+UNOA:4\xE2"};
    for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
        char segs[8][128];
        errors es = {0};
        lex_all(inputs[i], segs, 8, &es);
        parsed *p = read_text("g", inputs[i]);
        parsed_free(p);
    }
}

/* --------------------------------------------------------------- PAXLST */

static void paxlst_crew_list_with_wrong_counts(void **state)
{
    (void)state;
    parsed *p = read_sample("samples/paxlst/gtas-loader__apis-messages__Test1.txt");
    assert_int_equal(p->status, PW_OK);
    assert_int_equal(p->b.n, 8);
    const pw_traveler *t = find(p, "Steur", "Andrea Pat");
    assert_int_equal(t->role, PW_ROLE_CREW);
    assert_date(t->dob, "1978-07-06");
    assert_int_equal(t->sex, 'F');
    assert_string_equal(t->nationality, "GBR");
    assert_string_equal(t->residence, "GBR");
    assert_string_equal(t->birth_place, "Hartford USA");
    assert_int_equal(t->n_docs, 1);
    assert_string_equal(t->docs[0].number, "123456789");
    assert_string_equal(t->docs[0].type, "P");
    assert_int_equal(t->n_legs, 1);
    assert_string_equal(t->legs[0].flight, "UA0989");
    assert_string_equal(t->legs[0].dep_airport, "FRA");
    assert_string_equal(t->legs[0].arr_airport, "IAD");
    assert_string_equal(t->source.sender, "CREW SCHEDULING");
    assert_int_equal(t->source.segment, 12);
    assert_reported(&p->es, "gtas-loader__apis-messages__Test1.txt: segment 109 (UNT): warning: count: UNT segment count is 0000152, but there are 107");
    assert_reported(&p->es, "gtas-loader__apis-messages__Test1.txt: segment 111 (UNZ): warning: reference: reference '1402010600' does not match the UNB reference '1403010600'");
    assert_int_equal(p->es.n_errors, 0);
    parsed_free(p);
}

static void paxlst_star_separators_and_bad_counts(void **state)
{
    (void)state;
    parsed *p = read_sample("samples/paxlst/gtas-loader__apis-messages__airline2.edi");
    assert_int_equal(p->b.n, 10);
    const pw_traveler *t = find(p, "STEWART", "MARYJANE");
    assert_string_equal(t->booking->locator, "QXGYLO");
    assert_int_equal(t->booking->n_travelers, 10);
    assert_date(t->dob, "1954-10-16");
    assert_date(t->docs[0].expiry, "2018-02-21");
    assert_string_equal(t->legs[0].flight, "TN0506");
    assert_reported(&p->es, "gtas-loader__apis-messages__airline2.edi: segment 112 (CNT): warning: count: CNT gives 136 passengers, the message holds 10");
    assert_reported(&p->es, "gtas-loader__apis-messages__airline2.edi: segment 113 (UNT): warning: reference: reference '140211180 0' does not match the UNH reference '1402111800'");
    parsed_free(p);
}

static void paxlst_multi_leg_leading_spaces(void **state)
{
    (void)state;
    parsed *p = read_sample("samples/paxlst/gtas-parsers__apis-messages__apisMessage.txt");
    assert_int_equal(p->status, PW_OK);
    assert_int_equal(p->es.n, 0);
    assert_int_equal(p->b.n, 2);
    const pw_traveler *t = find(p, "CLARK", "MICHAEL");
    assert_int_equal(t->n_legs, 2);
    assert_string_equal(t->legs[0].dep_airport, "ATL");
    assert_string_equal(t->legs[0].arr_airport, "ORD");
    assert_string_equal(t->legs[1].flight, "AA0124");
    assert_string_equal(t->legs[1].arr_airport, "JFK");
    assert_true(t->legs[0].dep_time == 1171899600);      /* 2007-02-19 15:40 */
    assert_date(t->dob, "1972-09-07");
    assert_int_equal(t->source.segment, 18);
    assert_int_equal(t->source.line, 14);
    const pw_traveler *c = find(p, "CLARK", "CHERYL");
    assert_ptr_equal(c->booking, t->booking);
    assert_int_equal(t->booking->n_travelers, 2);
    parsed_free(p);
}

static void paxlst_wco_sample_empty_fields_and_two_digit_years(void **state)
{
    (void)state;
    parsed *p = read_sample("samples/paxlst/minelytics-gtas__sample-edifact-messages__text_001.txt");
    assert_int_equal(p->b.n, 10);
    assert_string_equal(p->b.travelers[0].name, "ALI YY\xC3\x89");
    assert_int_equal(p->b.travelers[0].bags, 1);
    const pw_traveler *t = find(p, "EVELYN", "AAKESSON");
    assert_date(t->dob, "2013-04-14");          /* age 7 at the message date, 2020 */
    assert_string_equal(t->seat, "16D");
    t = find(p, "IIDA", "VILEN");
    assert_date(t->dob, "1932-12-10");
    t = find(p, "MAX", "VOGEL");
    assert_date(t->docs[0].expiry, "2021-01-03");  /* the DTM 36 after LOC 91 */
    assert_reported(&p->es, "minelytics-gtas__sample-edifact-messages__text_001.txt: segment 18 (DOC): warning: document number: DOC without a document number ignored");
    assert_reported(&p->es, "minelytics-gtas__sample-edifact-messages__text_001.txt: segment 119 (UNT): warning: count: UNT segment count is 23, but there are 118");
    parsed_free(p);
}

static void paxlst_pydifact_sample(void **state)
{
    (void)state;
    parsed *p = read_sample("samples/paxlst/minelytics-gtas__test_pydifact_parser__edifacts2.edi");
    assert_int_equal(p->status, PW_OK);
    assert_int_equal(p->es.n, 0);
    assert_int_equal(p->b.n, 1);
    const pw_traveler *t = &p->b.travelers[0];
    assert_string_equal(t->surname, "DOE");
    assert_string_equal(t->given_names, "JOHN WAYNE");
    assert_date(t->dob, "1957-01-21");
    assert_string_equal(t->docs[0].number, "MB140241");
    assert_string_equal(t->docs[0].country, "CAN");
    assert_date(t->docs[0].expiry, "2008-10-21");
    assert_string_equal(t->seat, "23C");
    assert_int_equal(t->bags, 3);
    assert_int_equal(t->n_legs, 2);
    assert_string_equal(t->legs[1].arr_airport, "ATL");
    parsed_free(p);
}

/* 300 travelers, every three under one AVF booking (100 bookings), read
 * into a batch that already holds the travelers of another message: ids,
 * shared bookings and the travelers before stay as they are. */
static void paxlst_many_travelers_share_bookings(void **state)
{
    (void)state;
    size_t cap = 64 * 1024, n = 0;
    char *text = malloc(cap);
    n += (size_t)snprintf(text + n, cap - n,
                          "UNB+UNOA:4+AIR:ZZ+GOV:ZZ+200101:1200+R2'UNH+M2+PAXLST:D:05B:UN:IATA'BGM+745'"
                          "TDT+20+XY0001+++XY'LOC+125+FRA'DTM+189:2001021035:201'LOC+87+JFK'"
                          "DTM+232:2001021340:201'");
    for (int i = 0; i < 300; i++)
        n += (size_t)snprintf(text + n, cap - n, "NAD+FL+++TRAVELER%d:GIVEN'RFF+AVF:B%03d'DOC+P+C%06d'", i,
                              i / 3, i);
    snprintf(text + n, cap - n, "CNT+42:300'UNT+%d+M2'UNZ+1+R2'", 7 + 3 * 300 + 2);   /* UNH..UNT */

    parsed *p = read_sample("samples/paxlst/minelytics-gtas__test_pydifact_parser__edifacts2.edi");
    assert_int_equal(p->b.n, 1);
    pw_status st = pw_edifact_read("many", text, strlen(text), &p->b, collect, &p->es, &p->st);
    assert_int_equal(st, PW_OK);
    assert_int_equal(p->es.n, 0);
    assert_int_equal(p->st.travelers, 300);
    assert_int_equal(p->b.n, 301);
    assert_true(p->b.cap >= p->b.n);
    assert_string_equal(p->b.travelers[0].surname, "DOE");
    for (int i = 0; i < 300; i++) {
        const pw_traveler *t = &p->b.travelers[1 + i];
        char id[32], surname[32], locator[8], number[16];
        snprintf(id, sizeof id, "R2-M2-%d", i + 1);
        snprintf(surname, sizeof surname, "TRAVELER%d", i);
        snprintf(locator, sizeof locator, "B%03d", i / 3);
        snprintf(number, sizeof number, "C%06d", i);
        assert_string_equal(t->id, id);
        assert_string_equal(t->surname, surname);
        assert_int_equal(t->n_docs, 1);
        assert_string_equal(t->docs[0].number, number);
        assert_int_equal(t->n_legs, 1);
        assert_string_equal(t->legs[0].flight, "XY0001");
        assert_non_null(t->booking);
        assert_string_equal(t->booking->locator, locator);
        assert_int_equal(t->booking->n_travelers, 3);
        assert_ptr_equal(t->booking, p->b.travelers[1 + i / 3 * 3].booking);
        assert_string_equal(t->booking->traveler_ids[i % 3], id);
    }
    assert_ptr_not_equal(p->b.travelers[1].booking, p->b.travelers[4].booking);
    free(text);
    parsed_free(p);
}

static void paxlst_type_b_envelope(void **state)
{
    (void)state;
    parsed *p = read_sample("samples/paxlst/typeb_wrapped_paxlst__aero_sita_put_MQPUT.txt");
    assert_int_equal(p->b.n, 1);
    const pw_traveler *t = &p->b.travelers[0];
    assert_string_equal(t->surname, "JONES");
    assert_string_equal(t->birth_place, "LONDON");
    assert_date(t->docs[0].expiry, "2010-10-24");
    assert_string_equal(t->legs[0].flight, "SQ6680");
    assert_reported(&p->es, "typeb_wrapped_paxlst__aero_sita_put_MQPUT.txt: segment 3 (UNH): warning: sequence: part of a multi-part message without the parts before it");
    assert_reported(&p->es, "typeb_wrapped_paxlst__aero_sita_put_MQPUT.txt: segment 26 (CNT): warning: count: CNT gives 2 crew, the message holds 0");
    parsed_free(p);
}

static void paxlst_astra_template_exchanges(void **state)
{
    (void)state;
    parsed *p = read_sample("samples/paxlst/astra__iapi_china_exchanges.txt");
    assert_int_equal(p->status, PW_OK);
    assert_int_equal(p->st.interchanges, 43);
    assert_int_equal(p->st.paxlst, 21);
    assert_int_equal(p->st.other, 22);        /* CUSRES replies */
    assert_int_equal(p->b.n, 41);
    assert_int_equal(p->es.n_errors, 0);
    const pw_traveler *t = &p->b.travelers[0];
    assert_string_equal(t->surname, "ONE");
    assert_string_equal(t->given_names, "TWO WI");
    assert_date(t->dob, "1956-06-20");
    assert_string_equal(t->legs[0].flight, "CA0339");
    assert_true(t->legs[0].dep_time == 1569342000);     /* 2019-09-24 16:20, the fixed template date */
    assert_date(t->docs[0].expiry, "2020-12-15");
    /* The infant of case 1129: born "last year" of the template. */
    const pw_traveler *inf = find(p, "ONE", "UBE WI");
    (void)inf;
    for (size_t i = 0; i < p->b.n; i++)
        for (size_t j = i + 1; j < p->b.n; j++)
            assert_string_not_equal(p->b.travelers[i].id, p->b.travelers[j].id);
    /* Multi-leg request: two TDT with LOC 92. */
    bool multi = false;
    for (size_t i = 0; i < p->b.n; i++)
        if (p->b.travelers[i].n_legs == 2 && strcmp(p->b.travelers[i].legs[0].dep_airport, "CAN") == 0 &&
            strcmp(p->b.travelers[i].legs[1].arr_airport, "ICN") == 0)
            multi = true;
    assert_true(multi);
    parsed_free(p);
}

static const char multipart[] =
    "UNB+UNOA:4+AIR+GOV+200101:1200+77'"
    "UNH+M1+PAXLST:D:05B:UN:IATA+API9+01:C'BGM+745'NAD+MS+++OPS'TDT+20+XY0100'LOC+125+AAA'DTM+189:2001021000:201'"
    "LOC+87+BBB'DTM+232:2001021200:201'NAD+FL+++ONE:ANNA'DTM+329:900101'UNT+11+M1'"
    "UNH+M2+PAXLST:D:05B:UN:IATA+API9+02'NAD+FL+++TWO:BORIS'ATT+2++M'UNT+4+M2'"
    "UNH+M3+PAXLST:D:05B:UN:IATA+API9+03:F'NAD+FL+++THREE:CARLA'CNT+42:3'UNT+4+M3'"
    "UNZ+3+77'";

static void paxlst_multi_part_joined(void **state)
{
    (void)state;
    parsed *p = read_text("mp", multipart);
    assert_int_equal(p->status, PW_OK);
    assert_int_equal(p->es.n, 0);
    assert_int_equal(p->st.paxlst, 1);
    assert_int_equal(p->b.n, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(p->b.travelers[i].n_legs, 1);
        assert_string_equal(p->b.travelers[i].legs[0].flight, "XY0100");
        assert_string_equal(p->b.travelers[i].source.sender, "OPS");
    }
    assert_string_equal(p->b.travelers[2].surname, "THREE");
    parsed_free(p);
}

static void paxlst_bad_traveler_is_reported_and_others_kept(void **state)
{
    (void)state;
    const char *text =
        "UNB+UNOA:4+AIR+GOV+200101:1200+5'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'TDT+20+XY100'"
        "NAD+FL+++GOOD:ONE'DTM+329:991332'"
        "NAD+FL'ATT+2++M'"
        "NAD+FL+++BROKEN:TWO'ATT+2++F'%%%+X'DOC+P+123'"
        "NAD+FL+++GOOD:THREE'DOC+P+456'"
        "CNT+42:4'UNT+14+1'UNZ+1+5'";
    parsed *p = read_text("bad.edi", text);
    assert_int_equal(p->status, PW_ERR_REJECTS);
    assert_int_equal(p->b.n, 2);
    assert_int_equal(p->b.rejected, 2);
    assert_string_equal(p->b.travelers[0].given_names, "ONE");
    assert_false(pw_date_known(p->b.travelers[0].dob));
    assert_string_equal(p->b.travelers[1].given_names, "THREE");
    assert_string_equal(p->b.travelers[1].docs[0].number, "456");
    assert_reported(&p->es, "bad.edi: segment 6 (DTM): warning: date of birth: '991332' is not a date");
    assert_reported(&p->es, "bad.edi: segment 7 (NAD): name: NAD FL without a surname; traveler rejected");
    assert_reported(&p->es, "bad.edi: segment 11 (?): not a segment tag; traveler rejected");
    parsed_free(p);
}

static void paxlst_latin1_names_become_utf8(void **state)
{
    (void)state;
    parsed *p = read_text("l1", "UNB+UNOC:3+A+B+200101:1200+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
                                "NAD+FL+++M\xdcLLER:J\xd6RG'NAD+FL+++\xc3\x96ZT\xc3\x9cRK:AY'UNT+5+1'UNZ+1+1'");
    assert_int_equal(p->b.n, 2);
    assert_string_equal(p->b.travelers[0].surname, "M\xc3\x9cLLER");
    assert_string_equal(p->b.travelers[0].given_names, "J\xc3\x96RG");
    assert_string_equal(p->b.travelers[1].surname, "\xc3\x96ZT\xc3\x9cRK");     /* UTF-8 kept as is */
    parsed_free(p);
}

/* --------------------------------------------------------------- PNRGOV */

static void pnrgov_two_pnrs_with_wrapped_lines(void **state)
{
    (void)state;
    parsed *p = read_sample("samples/pnrgov/gtas-loader__pnr-messages__2_pnrs_basic.edi");
    assert_int_equal(p->status, PW_OK);
    assert_int_equal(p->st.pnrs, 2);
    assert_int_equal(p->b.n, 4);
    const pw_traveler *t = find(p, "SMITHJR", NULL);
    assert_string_equal(t->given_names, "JONATHON ROBERT");     /* DOCS "MRJONATHON/ROBERT", TIF "JOHNMR" */
    assert_string_equal(t->title, "MR");
    assert_date(t->dob, "1964-07-12");
    assert_string_equal(t->booking->locator, "MFN4TI");
    assert_string_equal(t->booking->payment_type, "CC");
    assert_non_null(t->booking->card_hash);
    assert_int_equal(strlen(t->booking->card_hash), 64);
    assert_null(strstr(t->booking->card_hash, "1186"));
    assert_string_equal(t->seat, "15A");
    assert_int_equal(t->n_legs, 2);                   /* the history's TVLs are not itinerary */
    assert_string_equal(t->legs[1].arr_airport, "YVR");
    assert_int_equal(t->booking->n_travelers, 2);
    const pw_traveler *c = find(p, "COOPER", NULL);
    assert_string_equal(c->booking->locator, "23456");
    assert_string_equal(c->docs[0].number, "987654321");
    assert_reported(&p->es, "gtas-loader__pnr-messages__2_pnrs_basic.edi: segment 135 (UNT): warning: count: UNT segment count is 135, but there are 134");
    parsed_free(p);
}

static void pnrgov_adult_and_infant(void **state)
{
    (void)state;
    parsed *p = read_sample("samples/pnrgov/gtas-loader__pnr-messages__adult_and_infant.edi");
    assert_int_equal(p->b.n, 2);
    const pw_traveler *a = find(p, "TESTSURNAMEONE", "TESTNAMEONE");
    const pw_traveler *i = find(p, "TESTSURNAMETWO", "TESTNAMETWO");
    assert_string_equal(a->title, "MRS");
    assert_string_equal(a->nationality, "COL");
    assert_date(a->dob, "1976-05-30");
    assert_int_equal(i->role, PW_ROLE_INFANT);
    assert_string_equal(i->infant_of, a->id);
    assert_date(i->dob, "2011-08-10");
    assert_int_equal(a->n_legs, 3);
    assert_string_equal(a->booking->locator, "XXXYET");
    parsed_free(p);
}

static void pnrgov_infant_typographic_una(void **state)
{
    (void)state;
    parsed *p = read_sample("samples/pnrgov/gtas-loader__pnr-messages__infant.edi");
    assert_int_equal(p->b.n, 2);
    const pw_traveler *a = find(p, "BELT", "ISABELLE RUTH");
    const pw_traveler *i = find(p, "BELT", "SOPHY OLIVIA");
    assert_int_equal(i->role, PW_ROLE_INFANT);
    assert_string_equal(i->infant_of, a->id);
    assert_date(i->dob, "2012-09-20");
    assert_string_equal(i->docs[0].number, "512731999");
    assert_string_equal(a->docs[0].number, "509229987");
    assert_string_equal(a->seat, "011D");
    assert_int_equal(a->bags, 3);
    assert_string_equal(a->booking->agency, "SINSQ08AA");
    assert_reported(&p->es, "gtas-loader__pnr-messages__infant.edi:1: warning: UNA terminator \xE2\x80\x99 is not used by the interchange; ' taken");
    assert_reported(&p->es, "gtas-loader__pnr-messages__infant.edi: segment 47 (LTS): warning: segment terminator missing; the segment ends at the line break");
    parsed_free(p);
}

static void pnrgov_codeshare_and_no_history(void **state)
{
    (void)state;
    parsed *p = read_sample("samples/pnrgov/gtas-loader__pnr-messages__no_pnr_history.edi");
    assert_int_equal(p->st.pnrs, 3);
    assert_int_equal(p->b.n, 4);
    const pw_traveler *t = find(p, "CARRERA", "MARCUS");
    assert_string_equal(t->title, "MR");
    assert_string_equal(t->nationality, "ITA");
    assert_string_equal(t->legs[0].flight, "LH9457");
    assert_string_equal(t->legs[0].operating, "EN8203");
    const pw_traveler *j = find(p, "JACKS", "JAMES");
    assert_string_equal(j->legs[0].operating, "LH0474");
    assert_date(j->dob, "1966-04-21");
    const pw_traveler *d = find(p, "DORON", "NINA");
    assert_int_equal(d->booking->n_travelers, 2);
    assert_string_equal(d->title, "MS");
    parsed_free(p);
}

static void pnrgov_multiple_legs_bags_contacts(void **state)
{
    (void)state;
    parsed *p = read_sample("samples/pnrgov/gtas-loader__pnr-messages__multiple_flight_leg_pnr.txt");
    assert_int_equal(p->b.n, 2);
    const pw_traveler *t = find(p, "CHENNAPRAGADA", NULL);
    assert_string_equal(t->given_names, "STACY CHARLES");
    assert_string_equal(t->title, "MR");
    assert_int_equal(t->n_legs, 4);
    assert_string_equal(t->legs[1].operating, "LH0624");
    assert_string_equal(t->seat, "26K");
    assert_int_equal(t->bags, 1);
    assert_string_equal(t->booking->payment_type, "CA");
    assert_int_equal(t->booking->n_emails, 2);
    assert_string_equal(t->booking->emails[0], "stacy_chennapragada@gmail.com");
    assert_string_equal(t->booking->phones[0], "430717944457");
    assert_reported(&p->es, "gtas-loader__pnr-messages__multiple_flight_leg_pnr.txt: segment 6 (EQN): warning: count: EQN gives 2 PNRs, the message holds 1");
    parsed_free(p);
}

static void pnrgov_titles_glued_and_split(void **state)
{
    (void)state;
    parsed *p = read_sample("samples/pnrgov/gtas-parsers__pnr-messages__pnrMessagePg75.txt");
    assert_int_equal(p->b.n, 2);
    const pw_traveler *t = find(p, "PARK", NULL);
    assert_string_equal(t->given_names, "SE JOON");
    assert_string_equal(t->title, "MR");
    assert_string_equal(t->seat, "039G");
    assert_int_equal(t->bags, 2);
    const pw_traveler *k = find(p, "KIM", "KONG CHUN");
    assert_date(k->dob, "1957-02-15");
    assert_string_equal(k->booking->locator, "X49V9U");
    assert_reported(&p->es, "gtas-parsers__pnr-messages__pnrMessagePg75.txt: segment 15 (SSR): warning: typographic \xE2\x80\x99 taken for the segment terminator '");
    assert_reported(&p->es, "gtas-parsers__pnr-messages__pnrMessagePg75.txt: segment 42 (SSR): warning: SSR DOCS for KIM has no TIF; traveler taken from DOCS");
    parsed_free(p);

    p = read_sample("samples/pnrgov/pnrgov_uae_das_test__BA3401.edi");
    assert_int_equal(p->b.n, 2);
    t = find(p, "KUMAR", "LAL");
    assert_string_equal(t->title, "MS");
    assert_string_equal(t->nationality, "PHL");
    assert_string_equal(t->docs[0].country, "PHL");
    assert_string_equal(t->booking->locator, "ONE");
    t = find(p, "SUNDER", "SHYAM");
    assert_string_equal(t->title, "MR");
    assert_date(t->dob, "1975-12-09");
    parsed_free(p);
}

static void pnrgov_release_char_email_and_phones(void **state)
{
    (void)state;
    parsed *p = read_sample("samples/pnrgov/gtas-parsers__pnr-messages__pnrAddressPhoneCTCM.txt");
    assert_int_equal(p->b.n, 1);
    const pw_booking *b = p->b.travelers[0].booking;
    assert_string_equal(b->emails[0], "molly_lont+50bb@gmail.com");
    assert_int_equal(b->n_phones, 2);
    assert_string_equal(b->phones[1], "5432109876");
    assert_string_equal(b->addresses[0], "8095 KIRBY AVENUE, RIO DE JANEIRO, BR");
    parsed_free(p);

    p = read_sample("samples/pnrgov/gtas-parsers__pnr-messages__pnrEdge.txt");
    assert_string_equal(p->b.travelers[0].booking->emails[0], "molly_louunt+50bb@gmail.com");
    parsed_free(p);

    p = read_sample("samples/pnrgov/gtas-parsers__pnr-messages__pnrPhoneCTC_M.txt");
    assert_string_equal(p->b.travelers[0].booking->phones[1], "123456789");
    parsed_free(p);
}

static void pnrgov_dangling_separator_and_doco(void **state)
{
    (void)state;
    parsed *p = read_sample("samples/pnrgov/gtas-parsers__pnr-messages__danglingMetaCharacter.txt");
    assert_int_equal(p->b.n, 1);
    const pw_traveler *t = &p->b.travelers[0];
    assert_string_equal(t->surname, "SERIO");
    assert_string_equal(t->given_names, "REUBEN JOAQUIN");
    assert_string_equal(t->booking->payment_type, "MS");
    assert_int_equal(t->n_legs, 3);
    assert_string_equal(t->seat, "1A");
    parsed_free(p);

    p = read_sample("samples/pnrgov/gtas-parsers__pnr-messages__pnrWithDoco.txt");
    t = &p->b.travelers[0];
    assert_string_equal(t->given_names, "CHARLES MUHAMMAD");
    assert_int_equal(t->n_docs, 2);
    assert_string_equal(t->docs[1].type, "V");
    assert_string_equal(t->docs[1].number, "8675309");
    assert_string_equal(t->birth_place, "HERE VA");
    parsed_free(p);
}

static void pnrgov_bad_format_files(void **state)
{
    (void)state;
    parsed *p = read_sample("samples/pnrgov/gtas-parsers__pnr-messages__pnrBadFormat.txt");
    assert_int_equal(p->b.n, 2);
    assert_reported(&p->es, "gtas-parsers__pnr-messages__pnrBadFormat.txt: segment 28 (UNZ): warning: segment terminator missing; the segment ends at the line break");
    assert_reported(&p->es, "gtas-parsers__pnr-messages__pnrBadFormat.txt:30: warning: text after the last interchange skipped");
    parsed_free(p);

    p = read_sample("samples/pnrgov/gtas-parsers__pnr-messages__modifyPnr77ForCodeShare.txt");
    assert_int_equal(p->b.n, 1);
    const pw_traveler *t = &p->b.travelers[0];
    assert_string_equal(t->surname, "VANDENBERG");
    assert_string_equal(t->legs[0].operating, "SK1524");
    assert_string_equal(t->legs[1].operating, "KL0972");
    assert_reported(&p->es, "gtas-parsers__pnr-messages__modifyPnr77ForCodeShare.txt: segment 61 (UNZ): warning: segment terminator missing at the end of the input");
    parsed_free(p);
}

static void pnrgov_group_and_placeholder(void **state)
{
    (void)state;
    const char *text =
        "UNB+IATA:1+XX++200101:1200+9'UNH+1+PNRGOV:11:1:IA+F'MSG+:22'TVL+050120:1000+AAA+BBB+XX+1'EQN+1'"
        "SRC'RCI+XX:LOC1::010120:0900'TIF+TOURGROUP:G+:A:0'TIF+TBA+TBA:A:1'TIF+SMITH+ANNMRS:A:2'"
        "FOP+CC:::VI:4111111111111111:0222'SSR+DOCA:HK:1:XX:::::/R/GBR/1 HIGH ST/LONDON//SW1A1AA+::2'"
        "UNT+11+1'UNZ+1+9'";
    parsed *p = read_text("grp", text);
    assert_int_equal(p->status, PW_OK);
    assert_int_equal(p->b.n, 2);
    assert_true(p->b.travelers[0].placeholder);
    assert_string_equal(p->b.travelers[1].given_names, "ANN");
    assert_string_equal(p->b.travelers[1].title, "MRS");
    assert_string_equal(p->b.travelers[1].legs[0].flight, "XX0001");
    assert_string_equal(p->b.travelers[1].residence, "GBR");
    assert_string_equal(p->b.travelers[1].booking->addresses[0], "1 HIGH ST, LONDON, SW1A1AA, GBR");
    assert_string_equal(p->b.travelers[1].booking->payment_type, "CC");
    const char *hash = p->b.travelers[1].booking->card_hash;
    assert_int_equal(strlen(hash), 64);
    assert_null(strstr(hash, "4111"));
    parsed_free(p);
}

static void pnrgov_bad_traveler_is_reported_and_others_kept(void **state)
{
    (void)state;
    const char *text =
        "UNB+IATA:1+XX++200101:1200+9'UNH+1+PNRGOV:11:1:IA+F'TVL+050120:1000+AAA+BBB+XX+1'EQN+1'"
        "SRC'RCI+XX:LOC2'TIF+FIRST+ONE:A:1'SSR+DOCS:HK:1:XX:::::/P/DEU/P1/DEU/01JAN80/F/01JAN30/FIRST/ONE'"
        "TIF+SECOND+TWO:A:2'%%%:BROKEN'TIF++NOBODY:A:3'TIF+THIRD+THREE:A:4'SSR+DOCS:HK:1:XX:::::/P/FRA/P3/FRA/3MAR81/M/01JAN30/THIRD/THREE'"
        "UNT+12+1'UNZ+1+9'";
    parsed *p = read_text("pnr.edi", text);
    assert_int_equal(p->status, PW_ERR_REJECTS);
    assert_int_equal(p->b.n, 2);
    assert_int_equal(p->b.rejected, 2);
    assert_string_equal(p->b.travelers[0].surname, "FIRST");
    assert_date(p->b.travelers[0].dob, "1980-01-01");
    assert_string_equal(p->b.travelers[1].surname, "THIRD");
    assert_string_equal(p->b.travelers[1].docs[0].number, "P3");
    assert_int_equal(p->b.travelers[0].booking->n_travelers, 2);
    assert_reported(&p->es, "pnr.edi: segment 10 (?): not a segment tag; traveler SECOND rejected");
    assert_reported(&p->es, "pnr.edi: segment 11 (TIF): name: TIF without a surname; traveler rejected");
    parsed_free(p);
}

static void every_sample_parses(void **state)
{
    (void)state;
    static const struct { const char *file; size_t travelers; } samples[] = {
        {"paxlst/astra__iapi_china_exchanges.txt", 41},
        {"paxlst/gtas-loader__apis-messages__Test1.txt", 8},
        {"paxlst/gtas-loader__apis-messages__airline2.edi", 10},
        {"paxlst/gtas-parsers__apis-messages__apisMessage.txt", 2},
        {"paxlst/minelytics-gtas__sample-edifact-messages__text_001.txt", 10},
        {"paxlst/minelytics-gtas__test_pydifact_parser__edifacts2.edi", 1},
        {"paxlst/typeb_wrapped_paxlst__aero_sita_put_MQPUT.txt", 1},
        {"pnrgov/gtas-loader__pnr-messages__2_pnrs_basic.edi", 4},
        {"pnrgov/gtas-loader__pnr-messages__adult_and_infant.edi", 2},
        {"pnrgov/gtas-loader__pnr-messages__infant.edi", 2},
        {"pnrgov/gtas-loader__pnr-messages__multiple_flight_leg_pnr.txt", 2},
        {"pnrgov/gtas-loader__pnr-messages__no_pnr_history.edi", 4},
        {"pnrgov/gtas-loader__pnr-messages__pnr1.txt", 2},
        {"pnrgov/gtas-loader__pnr-messages__pnr2.txt", 2},
        {"pnrgov/gtas-loader__pnr-messages__pnr3.txt", 4},
        {"pnrgov/gtas-loader__pnr-messages__pnr4.txt", 1},
        {"pnrgov/gtas-loader__pnr-messages__pnrMessageExample.txt", 5},
        {"pnrgov/gtas-loader__pnr-messages__pnr_split.edi", 3},
        {"pnrgov/gtas-parsers__pnr-messages__bigMessagePnr.txt", 7},
        {"pnrgov/gtas-parsers__pnr-messages__danglingMetaCharacter.txt", 1},
        {"pnrgov/gtas-parsers__pnr-messages__modifyPnr77ForCodeShare.txt", 1},
        {"pnrgov/gtas-parsers__pnr-messages__pnrAddressPhoneCTCM.txt", 1},
        {"pnrgov/gtas-parsers__pnr-messages__pnrBadFormat.txt", 2},
        {"pnrgov/gtas-parsers__pnr-messages__pnrEdge.txt", 1},
        {"pnrgov/gtas-parsers__pnr-messages__pnrMessage.txt", 2},
        {"pnrgov/gtas-parsers__pnr-messages__pnrMessageExample.txt", 5},
        {"pnrgov/gtas-parsers__pnr-messages__pnrMessagePg75.txt", 2},
        {"pnrgov/gtas-parsers__pnr-messages__pnrMessagePg76.txt", 2},
        {"pnrgov/gtas-parsers__pnr-messages__pnrMessagePg77.txt", 1},
        {"pnrgov/gtas-parsers__pnr-messages__pnrNoOrgMsg.txt", 1},
        {"pnrgov/gtas-parsers__pnr-messages__pnrPhoneCTCM.txt", 1},
        {"pnrgov/gtas-parsers__pnr-messages__pnrPhoneCTC_M.txt", 1},
        {"pnrgov/gtas-parsers__pnr-messages__pnrSeatFormats.txt", 1},
        {"pnrgov/gtas-parsers__pnr-messages__pnrWithDoco.txt", 1},
        {"pnrgov/gtas-parsers__pnr-messages__pnrWithIFTSegment.txt", 1},
        {"pnrgov/gtas-parsers__pnr-messages__pnrWithPrefixesAndBookingDetailBags.txt", 2},
        {"pnrgov/pnrgov_uae_das_test__BA3401.edi", 2},
    };
    for (size_t i = 0; i < sizeof samples / sizeof *samples; i++) {
        char rel[256];
        snprintf(rel, sizeof rel, "samples/%s", samples[i].file);
        parsed *p = read_sample(rel);
        if (p->b.n != samples[i].travelers)
            fail_msg("%s: %zu travelers, expected %zu", rel, p->b.n, samples[i].travelers);
        for (size_t k = 0; k < p->b.n; k++) {
            const pw_traveler *t = &p->b.travelers[k];
            assert_non_null(t->id);
            assert_true(t->surname || t->name);
            assert_non_null(t->source.file);
            assert_true(t->source.segment > 0);
            assert_true(t->n_legs > 0);
            if (strstr(rel, "pnrgov"))
                assert_non_null(t->booking);
        }
        parsed_free(p);
    }
}

/* ---------------------------------------------------------------- CUSRES */

/* The astra exchanges, one block per "# ---" header, macros filled as the
 * reader fills them (2019-09-24 08:21, $(get x) as X). */
static char **astra_blocks(size_t *n)
{
    char *data;
    size_t len;
    assert_int_equal(pw_read_file(test_data("samples/paxlst/astra__iapi_china_exchanges.txt"), &data, &len), PW_OK);
    char **blocks = calloc(64, sizeof *blocks);
    *n = 0;
    char *p = data;
    while ((p = strstr(p, "# ---")) && *n < 64) {
        char *start = strchr(p, '\n');
        if (!start)
            break;
        start++;
        char *next = strstr(start, "# ---");
        size_t bl = next ? (size_t)(next - start) : strlen(start);
        char *b = calloc(bl + 1, 1);
        size_t w = 0;
        for (size_t i = 0; i < bl; i++) {
            if (start[i] == '$' && start[i + 1] == '(') {
                char *close = memchr(start + i, ')', bl - i);
                char macro[64];
                snprintf(macro, sizeof macro, "%.*s", (int)(close - (start + i + 2)), start + i + 2);
                const char *val = strcmp(macro, "yymmdd") == 0 ? "190924"
                                : strcmp(macro, "yymmdd +1") == 0 ? "190925"
                                : strcmp(macro, "hhmi") == 0 ? "0821"
                                : strcmp(macro, "date_format %y +1y") == 0 ? "20"
                                : strcmp(macro, "date_format %y +2y") == 0 ? "21"
                                : strcmp(macro, "date_format %y -1y") == 0 ? "18" : NULL;
                if (val) {
                    memcpy(b + w, val, strlen(val));
                    w += strlen(val);
                } else {
                    for (const char *m = macro + 4; *m; m++)
                        b[w++] = (char)(*m >= 'a' && *m <= 'z' ? *m - 32 : *m);
                }
                i = (size_t)(close - start);
                continue;
            }
            b[w++] = start[i];
        }
        blocks[(*n)++] = b;
        p = start;
    }
    free(data);
    return blocks;
}

static void assert_same_segments(const char *expected, const char *got)
{
    char (*a)[128] = calloc(64, 128), (*b)[128] = calloc(64, 128);
    errors es = {0};
    size_t na = lex_all(expected, a, 64, &es);
    size_t nb = lex_all(got, b, 64, &es);
    for (size_t i = 0; i < na && i < nb; i++)
        if (strcmp(a[i], b[i]) != 0)
            fail_msg("segment %zu: expected %s, got %s", i + 1, a[i], b[i]);
    assert_int_equal(na, nb);
    free(a);
    free(b);
}

static void cusres_reply_matches_astra_exchanges(void **state)
{
    (void)state;
    size_t n;
    char **blocks = astra_blocks(&n);
    assert_int_equal(n, 43);
    const int64_t now = 1569313260;     /* 2019-09-24 08:21 UTC */
    /* Case 1001/1108: two passengers, both OK. */
    pw_iapi_verdict ok2[2] = {{true, NULL}, {true, NULL}};
    char *reply;
    size_t len;
    assert_int_equal(pw_cusres_reply(blocks[0], strlen(blocks[0]), ok2, 2, now, &reply, &len), PW_OK);
    assert_same_segments(blocks[1], reply);
    assert_non_null(strstr(reply, "ERC+0Z\"\n"));      /* the request's terminator */
    free(reply);
    /* Case 1003: no board, with the authority's text. */
    pw_iapi_verdict no[1] = {{false, "NO BOARD, if there is a question, please contact with NIA of China, tel861056095288."}};
    assert_int_equal(pw_cusres_reply(blocks[4], strlen(blocks[4]), no, 1, now, &reply, &len), PW_OK);
    assert_same_segments(blocks[5], reply);
    free(reply);
    /* Case 1107: a multi-leg request. */
    size_t k = 0;
    while (k < n && !strstr(blocks[k], "LOC+92+CAN\"\nDTM+189"))
        k++;
    assert_true(k + 1 < n);
    pw_iapi_verdict ok1[1] = {{true, NULL}};
    assert_int_equal(pw_cusres_reply(blocks[k], strlen(blocks[k]), ok1, 1, now, &reply, &len), PW_OK);
    assert_same_segments(blocks[k + 1], reply);
    free(reply);
    /* Too few verdicts; not a PAXLST. */
    assert_int_equal(pw_cusres_reply(blocks[0], strlen(blocks[0]), ok1, 1, now, &reply, &len), PW_ERR_ARG);
    assert_int_equal(pw_cusres_reply(blocks[1], strlen(blocks[1]), ok2, 2, now, &reply, &len), PW_ERR_FORMAT);
    for (size_t i = 0; i < n; i++)
        free(blocks[i]);
    free(blocks);
}

static void cusres_reply_releases_service_characters(void **state)
{
    (void)state;
    const char *rq = "UNA:+.? 'UNB+UNOA:4+AIR+GOV+200101:1200+R1'UNH+1+PAXLST:D:05B:UN:IATA+A1+01:F'BGM+745'"
                     "TDT+20+XY1'NAD+FL+++DOE:JO'RFF+AVF:AB?+C'UNT+6+1'UNZ+1+R1'";
    pw_iapi_verdict v[1] = {{false, "CALL 1:2 +3"}};
    char *reply;
    size_t len;
    assert_int_equal(pw_cusres_reply(rq, strlen(rq), v, 1, 0, &reply, &len), PW_OK);
    assert_non_null(strstr(reply, "RFF+AVF:AB?+C'"));
    assert_non_null(strstr(reply, "FTX+AAP+++CALL 1?:2 ?+3'"));
    assert_non_null(strstr(reply, "UNB+UNOA:4+GOV+AIR+700101:0000+R1'"));
    free(reply);
}

/* ---------------------------------------------------- sensitive PNR data */

/* A PNR with a special meal, two medical SSRs, a remark and an OSI next to
 * the DOCS and a contact: only the DOCS data and the contact are kept. */
static const char sensitive_pnr[] =
    "UNB+IATA:1+UA++180509:1120+77001'\n"
    "UNH+1+PNRGOV:13:1:IA+77001'\n"
    "MSG+:22'\n"
    "ORG+UA:DJE+55107'\n"
    "TVL+120518:1220:1505+FRA+IAD+UA+988'\n"
    "EQN+1'\n"
    "SRC'\n"
    "RCI+UA:SENS01:110418:1220'\n"
    "TIF+HALVORSEN+INGRIDMRS:A:1'\n"
    "IFT+4:28::YY+CTCE INGRID.HALVORSEN//EXAMPLE.NO'\n"
    "SSR+MOML:HK:1:UA:::::/MUSLIM MEAL NO PORK'\n"
    "SSR+WCHR:HK:1:UA:::::/WHEELCHAIR TO GATE AFTER SURGERY'\n"
    "SSR+DEAF:HK:1:UA'\n"
    "SSR+RMK:HK:1:UA:::::/PAX PREGNANT 30 WEEKS'\n"
    "IFT+4:28::UA+PAX TRAVELS FOR DIALYSIS TREATMENT'\n"
    "SSR+DOCS:HK::UA:::::/P/NOR/K9921764/NOR/14MAR81/F/30JAN29/HALVORSEN/INGRID'\n"
    "TVL+120518:1220::1505+FRA+IAD+UA+988:B'\n"
    "UNT+17+1'\n"
    "UNZ+1+77001'\n";

static void pnrgov_sensitive_data_is_dropped_and_counted(void **state)
{
    (void)state;
    parsed *p = read_text("sens.edi", sensitive_pnr);
    if (p->status != PW_OK)
        dump(&p->es);
    assert_int_equal(p->status, PW_OK);
    assert_int_equal(p->b.n, 1);
    /* MOML, WCHR, DEAF, RMK and the OSI free text; the CTCE contact and DOCS are kept */
    assert_int_equal(p->st.sensitive_dropped, 5);
    assert_int_equal(p->b.sensitive_dropped, 5);
    const pw_traveler *t = find(p, "HALVORSEN", "INGRID");
    assert_date(t->dob, "1981-03-14");
    assert_int_equal(t->sex, 'F');
    assert_string_equal(t->nationality, "NOR");
    assert_int_equal(t->n_docs, 1);
    assert_string_equal(t->docs[0].number, "K9921764");
    assert_non_null(t->booking);
    assert_int_equal(t->booking->n_emails, 1);
    assert_null(t->seat);
    parsed_free(p);

    /* Two PNR inputs in one batch: the counts add up. */
    pw_batch *b = pw_batch_new();
    assert_non_null(b);
    pw_edifact_stats st;
    assert_int_equal(pw_edifact_read("a", sensitive_pnr, strlen(sensitive_pnr), b, NULL, NULL, &st), PW_OK);
    assert_int_equal(pw_edifact_read("b", sensitive_pnr, strlen(sensitive_pnr), b, NULL, NULL, &st), PW_OK);
    assert_int_equal(st.sensitive_dropped, 5);
    assert_int_equal(b->sensitive_dropped, 10);
    pw_batch_free(b);

    /* Nothing of the dropped elements reaches the output of `paxwatch parse`. */
    test_run r = test_paxwatch("parse -", sensitive_pnr);
    assert_int_equal(r.status, 0);
    assert_int_equal(test_count_lines(r.out), 1);
    assert_non_null(strstr(r.out, "K9921764"));
    assert_non_null(strstr(r.out, "ingrid.halvorsen@example.no"));
    /* ... but their number does, in the summary on stderr. */
    assert_non_null(strstr(r.err, "parsed 1 travelers (0 rejected); 5 sensitive PNR elements dropped, not written\n"));
    static const char *const gone[] = {"MOML", "MUSLIM", "PORK", "WCHR", "WHEELCHAIR", "SURGERY", "DEAF",
                                       "RMK", "PREGNANT", "DIALYSIS", "MEAL"};
    for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
        if (strstr(r.out, gone[i]))
            fail_msg("'%s' reached the parse output: %s", gone[i], r.out);
    test_run_free(&r);
}

static void count_dropped(void *ctx, const pw_ingest_record *r)
{
    size_t *c = ctx;
    c[0]++;
    c[1] += r->sensitive_dropped;
}

/* screen --db records what the filter dropped with the message, once. */
static void screen_db_records_sensitive_count(void **state)
{
    (void)state;
    char pnr[512], list[512], db[512], args[4096];
    snprintf(pnr, sizeof pnr, "%s/sensitive.edi", test_tmpdir());
    snprintf(list, sizeof list, "%s/sensitive-list.csv", test_tmpdir());
    snprintf(db, sizeof db, "%s/sensitive.sqlite", test_tmpdir());
    FILE *f = fopen(pnr, "w");
    assert_non_null(f);
    fputs(sensitive_pnr, f);
    fclose(f);
    f = fopen(list, "w");
    assert_non_null(f);
    fputs("id,surname,given_names,dob\nX1,HALVORSEN,INGRID,1981-03-14\nX2,BRANDT,WILLIAM,1950-01-01\n", f);
    fclose(f);
    snprintf(args, sizeof args, "screen --db '%s' --watchlist '%s' '%s' '%s'", db, list, pnr, pnr);
    test_run r = test_paxwatch(args, NULL);
    if (r.status != 0)
        print_message("%s", r.err);
    assert_int_equal(r.status, 0);
    assert_int_equal(test_count_lines(r.out), 2);        /* the same message screened twice */
    assert_non_null(strstr(r.err, "stored 1 messages, skipped 1 stored before and 0 reusing"));
    /* screen says what it dropped too: five elements in each of the two reads */
    assert_non_null(strstr(r.err, " rule hits; 10 sensitive PNR elements dropped\n"));
    test_run_free(&r);

    pw_status st;
    char err[256];
    pw_store *s = pw_store_open(db, &st, err, sizeof err);
    assert_non_null(s);
    size_t c[2] = {0, 0};
    assert_int_equal(pw_store_ingests(s, count_dropped, c), PW_OK);
    assert_int_equal(c[0], 1);
    assert_int_equal(c[1], 5);
    pw_store_close(s);
}

/* ------------------------------------------------------------------ CLI */

static void cli_parse_writes_json_lines(void **state)
{
    (void)state;
    char args[1024];
    snprintf(args, sizeof args, "parse '%s' '%s'", test_data("samples/paxlst/gtas-parsers__apis-messages__apisMessage.txt"),
             test_data("samples/pnrgov/gtas-loader__pnr-messages__adult_and_infant.edi"));
    test_run r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    assert_int_equal(test_count_lines(r.out), 4);
    assert_non_null(strstr(r.out, "\"surname\":\"CLARK\",\"given_names\":\"MICHAEL\",\"dob\":\"1972-09-07\""));
    assert_non_null(strstr(r.out, "\"pnr\":\"XXXYET\""));
    assert_non_null(strstr(r.out, "\"role\":\"infant\""));
    assert_non_null(strstr(r.out, "\"message_ref\":\"000006640-PAX001\""));   /* UNB and UNH references */
    /* the PNR sample: three OTHS SSRs and an IFT free text */
    assert_non_null(strstr(r.err, "parsed 4 travelers (0 rejected); 4 sensitive PNR elements dropped, not written\n"));
    test_run_free(&r);

    r = test_paxwatch("parse --help", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "usage: paxwatch parse"));
    test_run_free(&r);

    r = test_paxwatch("parse", NULL);
    assert_int_equal(r.status, 2);
    test_run_free(&r);
}

static void cli_parse_rejects_with_exit_1(void **state)
{
    (void)state;
    test_run r = test_paxwatch("parse -",
                               "UNB+UNOA:4+A+B+200101:1200+1'UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'"
                               "NAD+FL'NAD+FL+++OK:FINE'UNT+5+1'UNZ+1+1'");
    assert_int_equal(r.status, 1);
    assert_int_equal(test_count_lines(r.out), 1);
    assert_non_null(strstr(r.out, "\"surname\":\"OK\""));
    assert_non_null(strstr(r.err, "-: segment 4 (NAD): name: NAD FL without a surname; traveler rejected"));
    assert_non_null(strstr(r.err, "parsed 1 travelers (1 rejected); 0 sensitive PNR elements dropped, not written\n"));
    test_run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lexer_defaults_without_una),
        cmocka_unit_test(lexer_una_variants),
        cmocka_unit_test(lexer_una_chars_are_reported),
        cmocka_unit_test(lexer_truncated_una),
        cmocka_unit_test(lexer_release_character),
        cmocka_unit_test(lexer_quote_terminator_detected_without_una),
        cmocka_unit_test(lexer_type_b_envelope_and_lines),
        cmocka_unit_test(lexer_line_breaks_are_not_data),
        cmocka_unit_test(lexer_recovers_missing_terminators),
        cmocka_unit_test(lexer_garbage_never_crashes),
        cmocka_unit_test(paxlst_crew_list_with_wrong_counts),
        cmocka_unit_test(paxlst_star_separators_and_bad_counts),
        cmocka_unit_test(paxlst_multi_leg_leading_spaces),
        cmocka_unit_test(paxlst_wco_sample_empty_fields_and_two_digit_years),
        cmocka_unit_test(paxlst_pydifact_sample),
        cmocka_unit_test(paxlst_many_travelers_share_bookings),
        cmocka_unit_test(paxlst_type_b_envelope),
        cmocka_unit_test(paxlst_astra_template_exchanges),
        cmocka_unit_test(paxlst_multi_part_joined),
        cmocka_unit_test(paxlst_bad_traveler_is_reported_and_others_kept),
        cmocka_unit_test(paxlst_latin1_names_become_utf8),
        cmocka_unit_test(pnrgov_two_pnrs_with_wrapped_lines),
        cmocka_unit_test(pnrgov_adult_and_infant),
        cmocka_unit_test(pnrgov_infant_typographic_una),
        cmocka_unit_test(pnrgov_codeshare_and_no_history),
        cmocka_unit_test(pnrgov_multiple_legs_bags_contacts),
        cmocka_unit_test(pnrgov_titles_glued_and_split),
        cmocka_unit_test(pnrgov_release_char_email_and_phones),
        cmocka_unit_test(pnrgov_dangling_separator_and_doco),
        cmocka_unit_test(pnrgov_bad_format_files),
        cmocka_unit_test(pnrgov_group_and_placeholder),
        cmocka_unit_test(pnrgov_bad_traveler_is_reported_and_others_kept),
        cmocka_unit_test(every_sample_parses),
        cmocka_unit_test(cusres_reply_matches_astra_exchanges),
        cmocka_unit_test(cusres_reply_releases_service_characters),
        cmocka_unit_test(cli_parse_writes_json_lines),
        cmocka_unit_test(cli_parse_rejects_with_exit_1),
        cmocka_unit_test(pnrgov_sensitive_data_is_dropped_and_counted),
        cmocka_unit_test(screen_db_records_sensitive_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

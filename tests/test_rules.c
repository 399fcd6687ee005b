/*
 * test_rules.c — the risk-rule module: every operator of the language,
 * every compile error (with its line and column), the shipped example rules
 * (the files in rules/) on travelers built to mirror the sample PNRs in
 * data/samples/pnrgov, the JSON form of a rule hit, and `paxwatch rules`.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <pthread.h>

#include <jansson.h>

#include "testutil.h"

/* ----------------------------------------------------------------- helpers */

static int64_t utc(int y, int mo, int d, int h, int mi)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    return (int64_t)timegm(&tm);
}

typedef struct errors {
    char text[16][256];
    size_t n;
} errors;

static void collect(void *ctx, const pw_error *e)
{
    errors *errs = ctx;
    if (errs->n < 16)
        pw_error_format(e, errs->text[errs->n++], sizeof errs->text[0]);
}

static pw_ruleset *compile_ok(const char *text)
{
    errors errs = {.n = 0};
    pw_status st;
    pw_ruleset *rs = pw_rules_compile("t.rules", text, strlen(text), collect, &errs, &st);
    if (!rs)
        fail_msg("did not compile: %s\n%s", errs.n ? errs.text[0] : "(no error)", text);
    assert_int_equal(st, PW_OK);
    assert_int_equal(errs.n, 0);
    return rs;
}

static pw_ruleset *load_shipped(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/rules/%s", PW_SOURCE_DIR, name);
    errors errs = {.n = 0};
    pw_ruleset *rs = NULL;
    pw_status st = pw_rules_load(path, collect, &errs, &rs);
    if (st != PW_OK)
        fail_msg("%s: %s", name, errs.n ? errs.text[0] : pw_status_str(st));
    return rs;
}

/* ------------------------------------------------ travelers from the samples */

/* gtas-loader__pnr-messages__adult_and_infant.edi: record XXXYET made
 * 30 Apr 2013 11:55, BOG-MEX 15 May, MEX-CUN 19 May, CUN-BOG 23 May (AM);
 * TESTSURNAMEONE/TESTNAMEONE MRS (F, 30 May 1976, COL passport 52263000)
 * with the infant TESTSURNAMETWO/TESTNAMETWO (10 Aug 2011). No form of payment. */
typedef struct family_pnr {
    pw_leg legs[3];
    pw_booking booking;
    pw_document doc;
    pw_traveler mother, infant;
    pw_rule_subject co_of_mother, co_of_infant;
} family_pnr;

static const char *family_ids[] = {"T1", "T2"};

static void family_build(family_pnr *f)
{
    memset(f, 0, sizeof *f);
    pw_leg legs[3] = {
        {"AM", "AM709", "BOG", "MEX", utc(2013, 5, 15, 1, 5), utc(2013, 5, 15, 5, 57), NULL},
        {"AM", "AM445", "MEX", "CUN", utc(2013, 5, 19, 15, 0), utc(2013, 5, 19, 17, 10), NULL},
        {"AM", "AM718", "CUN", "BOG", utc(2013, 5, 23, 1, 35), utc(2013, 5, 23, 5, 0), NULL},
    };
    memcpy(f->legs, legs, sizeof legs);
    f->booking.locator = "XXXYET";
    f->booking.created = utc(2013, 4, 30, 11, 55);
    f->booking.legs = f->legs;
    f->booking.n_legs = 3;
    f->booking.traveler_ids = family_ids;
    f->booking.n_travelers = 2;
    memcpy(f->doc.type, "P", 2);
    memcpy(f->doc.country, "COL", 4);
    f->doc.number = "52263000";
    f->doc.expiry = (pw_date){2015, 10, 31};
    f->mother.id = "T1";
    f->mother.surname = "TESTSURNAMEONE";
    f->mother.given_names = "TESTNAMEONE";
    f->mother.title = "MRS";
    f->mother.dob = (pw_date){1976, 5, 30};
    f->mother.sex = 'F';
    memcpy(f->mother.nationality, "COL", 4);
    f->mother.docs = &f->doc;
    f->mother.n_docs = 1;
    f->mother.legs = f->legs;
    f->mother.n_legs = 3;
    f->mother.booking = &f->booking;
    f->infant.id = "T2";
    f->infant.surname = "TESTSURNAMETWO";
    f->infant.given_names = "TESTNAMETWO";
    f->infant.dob = (pw_date){2011, 8, 10};
    memcpy(f->infant.nationality, "COL", 4);
    f->infant.role = PW_ROLE_INFANT;
    f->infant.infant_of = "T1";
    f->infant.legs = f->legs;
    f->infant.n_legs = 3;
    f->infant.booking = &f->booking;
    f->co_of_mother.traveler = &f->infant;
    f->co_of_infant.traveler = &f->mother;
}

/* gtas-loader__pnr-messages__pnr1.txt: record MFN4TI made 6 Dec 2010 10:10,
 * DL324 LHR-JFK 12 Dec 09:15-12:30, DL330 JFK-YVR 22:00-23:30; SMITHJR/JOHN
 * (M, 12 Jul 1964, GBR passport 123456789) and JONES/WILLIAM; paid by card
 * (VI ...1186), contact phone 00115555555555. */
typedef struct smith_pnr {
    pw_leg legs[2];
    pw_booking booking;
    pw_document doc;
    pw_traveler smith, jones;
} smith_pnr;

static const char *smith_phones[] = {"00115555555555"};
static const char *smith_ids[] = {"1", "2"};

static void smith_build(smith_pnr *s)
{
    memset(s, 0, sizeof *s);
    pw_leg legs[2] = {
        {"DL", "DL324", "LHR", "JFK", utc(2010, 12, 12, 9, 15), utc(2010, 12, 12, 12, 30), NULL},
        {"DL", "DL330", "JFK", "YVR", utc(2010, 12, 12, 22, 0), utc(2010, 12, 12, 23, 30), NULL},
    };
    memcpy(s->legs, legs, sizeof legs);
    s->booking.locator = "MFN4TI";
    s->booking.created = utc(2010, 12, 6, 10, 10);
    s->booking.payment_type = "CC";
    s->booking.card_hash = "5d1f0c2b9a";
    s->booking.agency = "52519950";
    s->booking.phones = smith_phones;
    s->booking.n_phones = 1;
    s->booking.legs = s->legs;
    s->booking.n_legs = 2;
    s->booking.traveler_ids = smith_ids;
    s->booking.n_travelers = 2;
    memcpy(s->doc.type, "P", 2);
    memcpy(s->doc.country, "GBR", 4);
    s->doc.number = "123456789";
    s->doc.expiry = (pw_date){2019, 8, 23};
    s->smith.id = "1";
    s->smith.surname = "SMITHJR";
    s->smith.given_names = "JOHN";
    s->smith.dob = (pw_date){1964, 7, 12};
    s->smith.sex = 'M';
    memcpy(s->smith.nationality, "GBR", 4);
    s->smith.docs = &s->doc;
    s->smith.n_docs = 1;
    s->smith.legs = s->legs;
    s->smith.n_legs = 2;
    s->smith.booking = &s->booking;
    s->jones.id = "2";
    s->jones.surname = "JONES";
    s->jones.given_names = "WILLIAM";
    s->jones.dob = (pw_date){1964, 7, 12};
    s->jones.sex = 'M';
    memcpy(s->jones.nationality, "GBR", 4);
    s->jones.legs = s->legs;
    s->jones.n_legs = 2;
    s->jones.booking = &s->booking;
}

/* gtas-loader__pnr-messages__multiple_flight_leg_pnr.txt: record 80F4E3
 * made 11 Mar 2018, UA989 IAD-FRA 4 May, UA8749 (LH624) FRA-KWI 5 May,
 * UA8750 (LH625) KWI-FRA 12 May, UA988 FRA-IAD 12 May; CHENNAPRAGADA/STACY
 * (ERI passport) and NUTTALL/PETER, paid in cash. */
typedef struct kuwait_pnr {
    pw_leg legs[4];
    pw_booking booking;
    pw_traveler stacy;
} kuwait_pnr;

static const char *kuwait_emails[] = {"STACY..CHENNAPRAGADA@GMAIL.COM", "PETER.NUTTALL@YAHOO.COM"};

static void kuwait_build(kuwait_pnr *k)
{
    memset(k, 0, sizeof *k);
    pw_leg legs[4] = {
        {"UA", "UA989", "IAD", "FRA", utc(2018, 5, 4, 17, 20), utc(2018, 5, 5, 7, 20), NULL},
        {"UA", "UA8749", "FRA", "KWI", utc(2018, 5, 5, 13, 35), utc(2018, 5, 5, 20, 5), "LH624"},
        {"UA", "UA8750", "KWI", "FRA", utc(2018, 5, 12, 1, 50), utc(2018, 5, 12, 7, 0), "LH625"},
        {"UA", "UA988", "FRA", "IAD", utc(2018, 5, 12, 12, 20), utc(2018, 5, 12, 15, 5), NULL},
    };
    memcpy(k->legs, legs, sizeof legs);
    k->booking.locator = "80F4E3";
    k->booking.created = utc(2018, 3, 11, 22, 20);
    k->booking.payment_type = "CA";
    k->booking.emails = kuwait_emails;
    k->booking.n_emails = 2;
    k->booking.legs = k->legs;
    k->booking.n_legs = 4;
    k->stacy.id = "1";
    k->stacy.surname = "CHENNAPRAGADA";
    k->stacy.given_names = "STACY";
    k->stacy.dob = (pw_date){1972, 2, 18};
    k->stacy.sex = 'M';
    memcpy(k->stacy.nationality, "ERI", 4);
    k->stacy.legs = k->legs;
    k->stacy.n_legs = 4;
    k->stacy.booking = &k->booking;
}

static pw_entry sex_offender_entry = {.id = "SO-17", .list = "national-register", .category = PW_CAT_SEX_OFFENDER};
static pw_entry wanted_entry = {.id = "W-3", .list = "interpol", .category = PW_CAT_WANTED};

static size_t eval_simple(const pw_ruleset *rs, const pw_traveler *t, const pw_hit *hits, size_t n_hits,
                          const pw_rule_subject *co, size_t n_co, pw_rule_hit *out, size_t cap)
{
    pw_rule_context cx = {t, hits, n_hits, co, n_co, NULL, 0};
    size_t n = 99;
    assert_int_equal(pw_rules_eval(rs, &cx, out, cap, &n), PW_OK);
    return n;
}

static bool fired(const pw_rule_hit *hits, size_t n, const char *rule)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(hits[i].rule, rule) == 0)
            return true;
    return false;
}

static const pw_rule_hit *find_hit(const pw_rule_hit *hits, size_t n, const char *rule)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(hits[i].rule, rule) == 0)
            return &hits[i];
    return NULL;
}

/* -------------------------------------------------------------- operators */

typedef struct op_case {
    const char *when;
    bool fires;
} op_case;

/* Every operator, on the pnr1 traveler (SMITHJR, LHR-JFK-YVR) with JONES as
 * co-traveler and one watchlist hit. */
static void test_operators(void **state)
{
    (void)state;
    static const op_case cases[] = {
        /* comparisons on strings (ASCII case ignored), numbers, times, dates, booleans */
        {"traveler.surname == \"SMITHJR\"", true},
        {"traveler.surname == \"smithjr\"", true},
        {"traveler.surname != \"SMITHJR\"", false},
        {"traveler.age == 46", true},
        {"traveler.age != 46", false},
        {"traveler.age < 47", true},
        {"traveler.age < 46", false},
        {"traveler.age <= 46", true},
        {"traveler.age > 45", true},
        {"traveler.age > 46", false},
        {"traveler.age >= 46", true},
        {"traveler.dob < \"1970-01-01\"", true},
        {"traveler.dob == \"1964-07-12\"", true},
        {"leg.dep_time >= \"2010-12-12T09:15\"", true},
        {"leg.dep_time > \"2010-12-12T09:15Z\"", false},
        {"leg.dep_time < \"2010-12-13\"", true},
        {"booking.created < leg.dep_time", true},
        {"leg.international == true", true},
        {"leg.codeshare == false", true},
        /* arithmetic */
        {"traveler.age + 4 == 50", true},
        {"traveler.age - 6 == 40", true},
        {"-traveler.age == -46", true},
        {"traveler.age > -1", true},
        /* in: named list, literal list, not in, range, strings */
        {"leg.arr_airport in watched", true},
        {"leg.dep_airport in watched", false},
        {"leg.arr_airport in [\"jfk\", \"EWR\"]", true},
        {"leg.arr_airport not in [\"JFK\"]", false},
        {"leg.dep_airport not in watched", true},
        {"traveler.age in 40..50", true},
        {"traveler.age in 47..50", false},
        {"traveler.dob in \"1960\"..\"1965\"", true},
        {"leg.dep_time in \"2010-12-12\"..\"2010-12-13\"", true},
        {"\"00115555555555\" in booking.phones", true},
        {"\"0044\" in booking.phones", false},
        /* prefixes, suffixes, parts */
        {"starts_with(leg.flight, \"DL\")", true},
        {"starts_with(leg.flight, \"dl3\")", true},
        {"starts_with(leg.flight, \"AM\")", false},
        {"starts_with(leg.flight, watched)", false},
        {"starts_with(leg.flight, [\"AM\", \"DL\"])", true},
        {"ends_with(traveler.surname, \"JR\")", true},
        {"ends_with(traveler.surname, [\"SR\", \"III\"])", false},
        {"contains(traveler.surname, \"ITH\")", true},
        {"contains(traveler.surname, \"XYZ\")", false},
        /* date arithmetic */
        {"days(booking.created, leg.dep_time) > 5.9", true},
        {"days(booking.created, leg.dep_time) < 5.9", false},
        {"hours(booking.created, leg.dep_time) in 143..144", true},
        {"days(leg.dep_time, now) > 3000", true},
        /* counts, existence */
        {"count(traveler.legs) == 2", true},
        {"count(booking.legs) == 2", true},
        {"count(co_travelers) == 1", true},
        {"count(hits) == 1", true},
        {"count(leg in traveler.legs: leg.arr_airport == \"YVR\") == 1", true},
        {"count(x in traveler.docs: x.country == \"GBR\") == 1", true},
        {"exists(booking.card_hash)", true},
        {"exists(booking.agency)", true},
        {"exists(traveler.seat)", false},
        {"exists(booking.emails)", false},
        {"exists(booking.phones)", true},
        {"not exists(traveler.infant_of)", true},
        /* any / all over every collection */
        {"any leg in traveler.legs: leg.arr_airport == \"YVR\"", true},
        {"all leg in traveler.legs: leg.international", true},
        {"all leg in traveler.legs: leg.carrier == \"AA\"", false},
        {"any d in traveler.docs: d.type == \"P\" and d.number == \"123456789\"", true},
        {"any h in hits: h.category == \"wanted\" and h.score > 0.9 and h.list == \"interpol\"", true},
        {"any h in hits: h.entry_id == \"W-3\"", true},
        {"any co in co_travelers: co.surname == \"JONES\" and co.age == 46", true},
        {"any p in booking.phones: starts_with(p, \"0011\")", true},
        {"any id in booking.traveler_ids: id == \"2\"", true},
        /* and / or / not */
        {"leg.international and traveler.sex == \"M\"", true},
        {"leg.international and traveler.sex == \"F\"", false},
        {"traveler.sex == \"F\" or traveler.nationality == \"GBR\"", true},
        {"traveler.sex == \"F\" or traveler.nationality == \"FRA\"", false},
        {"not (traveler.sex == \"F\")", true},
        {"not traveler.placeholder", true},
        {"true", true},
        {"false", false},
        /* derived fields */
        {"traveler.adult and not traveler.minor", true},
        {"traveler.role == \"passenger\"", true},
        {"traveler.listed", true},
        {"traveler.bags == 0", true},
        {"booking.one_way", true},
        {"leg.dep_country == \"GBR\" and leg.arr_country == \"USA\"", true},
        {"leg.first and not leg.last and leg.index == 1", true},
        {"leg.stay_hours > 9 and leg.stay_hours < 10", true},
        {"leg.stay_days < 1", true},
        {"not leg.broken", true},
        {"any d in traveler.docs: d.expired", false},
        {"any d in traveler.docs: d.expiry > \"2019\"", true},
        {"traveler.name == \"X\"", false},
        {"booking.locator == \"MFN4TI\" and booking.payment_type == \"CC\"", true},
        {"traveler.booking.locator == \"MFN4TI\"", true},
        /* three-valued logic: a missing value never makes a rule hold */
        {"traveler.seat == \"15A\"", false},
        {"traveler.seat != \"15A\"", false},
        {"not (traveler.seat == \"15A\")", false},
        {"traveler.seat == \"15A\" or true", true},
        {"traveler.seat == \"15A\" and false", false},
        {"booking.booked < leg.dep_time", false},
        {"not (booking.booked < leg.dep_time)", false},
        {"any co in co_travelers: co.seat == \"1A\"", false},
    };
    smith_pnr s;
    smith_build(&s);
    pw_hit hit = {.entry = &wanted_entry, .score = 0.93};
    pw_rule_subject co = {&s.jones, NULL, 0};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[1024];
        snprintf(text, sizeof text, "list watched = [\"JFK\", \"YVR\"]\nrule \"r\" severity low score 0.5\n  when %s\n",
                 cases[i].when);
        pw_ruleset *rs = compile_ok(text);
        pw_rule_hit out[2];
        pw_rule_context cx = {&s.smith, &hit, 1, &co, 1, NULL, utc(2020, 1, 1, 0, 0)};
        size_t n = 9;
        assert_int_equal(pw_rules_eval(rs, &cx, out, 2, &n), PW_OK);
        if ((n == 1) != cases[i].fires)
            fail_msg("'%s' should %s", cases[i].when, cases[i].fires ? "hold" : "not hold");
        if (n == 1)
            assert_true(strlen(out[0].reasons) > 0);
        pw_rules_free(rs);
    }
}

/* The leg screened can be any leg of the journey; leg-relative fields follow it. */
static void test_context_leg(void **state)
{
    (void)state;
    smith_pnr s;
    smith_build(&s);
    pw_ruleset *rs = compile_ok("rule \"second\" severity low score 0.1\n"
                                "  when leg.index == 2 and leg.last and not leg.first and not exists(leg.stay_hours)\n"
                                "   and leg.arr_country == \"CAN\"\n");
    pw_rule_hit out[1];
    size_t n;
    pw_rule_context cx = {&s.smith, NULL, 0, NULL, 0, &s.legs[1], 0};
    assert_int_equal(pw_rules_eval(rs, &cx, out, 1, &n), PW_OK);
    assert_int_equal(n, 1);
    cx.leg = &s.legs[0];
    assert_int_equal(pw_rules_eval(rs, &cx, out, 1, &n), PW_OK);
    assert_int_equal(n, 0);
    pw_rules_free(rs);
}

/* Age is counted at the departure of the leg screened; an infant without a
 * date of birth is still a minor. */
static void test_age_and_minor(void **state)
{
    (void)state;
    family_pnr f;
    family_build(&f);
    pw_ruleset *rs = compile_ok("rule \"r\" severity low score 0.1 when traveler.minor and traveler.age == 1\n");
    pw_rule_hit out[1];
    assert_int_equal(eval_simple(rs, &f.infant, NULL, 0, NULL, 0, out, 1), 1);
    assert_int_equal(eval_simple(rs, &f.mother, NULL, 0, NULL, 0, out, 1), 0);
    pw_rules_free(rs);

    rs = compile_ok("rule \"r\" severity low score 0.1 when traveler.minor\n");
    f.infant.dob = (pw_date){0, 0, 0};
    assert_int_equal(eval_simple(rs, &f.infant, NULL, 0, NULL, 0, out, 1), 1);
    f.infant.role = PW_ROLE_PASSENGER;
    assert_int_equal(eval_simple(rs, &f.infant, NULL, 0, NULL, 0, out, 1), 0);
    pw_rules_free(rs);

    /* birthday on the day of departure: 18 that day */
    rs = compile_ok("rule \"r\" severity low score 0.1 when traveler.age == 18 and traveler.adult\n");
    f.mother.dob = (pw_date){1995, 5, 15};
    assert_int_equal(eval_simple(rs, &f.mother, NULL, 0, NULL, 0, out, 1), 1);
    f.mother.dob = (pw_date){1995, 5, 16};
    assert_int_equal(eval_simple(rs, &f.mother, NULL, 0, NULL, 0, out, 1), 0);
    pw_rules_free(rs);
}

/* Broken travel, stays, one-way, codeshares and countries on the four-leg sample. */
static void test_itinerary_fields(void **state)
{
    (void)state;
    kuwait_pnr k;
    kuwait_build(&k);
    static const op_case cases[] = {
        {"count(traveler.legs) == 4", true},
        {"not booking.one_way", true},
        {"any leg in traveler.legs: leg.broken", false},
        {"count(leg in traveler.legs: leg.codeshare) == 2", true},
        {"any leg in traveler.legs: leg.operating == \"LH624\"", true},
        {"any leg in traveler.legs: leg.arr_country == \"KWT\" and leg.stay_days > 6", true},
        {"any leg in traveler.legs: leg.arr_airport == \"FRA\" and leg.stay_hours < 7 and not leg.last", true},
        {"all leg in traveler.legs: leg.international", true},
        {"booking.payment_type == \"CA\" and days(booking.created, leg.dep_time) > 50", true},
        {"any e in booking.emails: ends_with(e, \"@yahoo.com\")", true},
        {"traveler.nationality in [\"ERI\", \"SOM\"]", true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char text[512];
        snprintf(text, sizeof text, "rule \"r\" severity low score 0.5 when %s\n", cases[i].when);
        pw_ruleset *rs = compile_ok(text);
        pw_rule_hit out[1];
        size_t n = eval_simple(rs, &k.stacy, NULL, 0, NULL, 0, out, 1);
        if ((n == 1) != cases[i].fires)
            fail_msg("'%s' should %s", cases[i].when, cases[i].fires ? "hold" : "not hold");
        pw_rules_free(rs);
    }
    /* the KWI-FRA leg leaves from DOH instead: broken travel at leg 3 */
    memcpy(k.legs[2].dep_airport, "DOH", 4);
    pw_ruleset *rs = compile_ok("rule \"r\" severity low score 0.5 when any leg in traveler.legs: leg.broken and leg.index == 3\n");
    pw_rule_hit out[1];
    assert_int_equal(eval_simple(rs, &k.stacy, NULL, 0, NULL, 0, out, 1), 1);
    pw_rules_free(rs);
}

/* Domestic legs are not international; an airport outside the table makes a
 * leg international (a border is never missed). */
static void test_international(void **state)
{
    (void)state;
    assert_string_equal(pw_airport_country("LHR"), "GBR");
    assert_string_equal(pw_airport_country("jfk"), "USA");
    assert_string_equal(pw_airport_country("KWI"), "KWT");
    assert_string_equal(pw_airport_country("PRN"), "XKX");
    assert_null(pw_airport_country("QQQ"));
    assert_null(pw_airport_country("LH"));
    assert_null(pw_airport_country(NULL));

    family_pnr f;
    family_build(&f);
    pw_ruleset *rs = compile_ok("rule \"intl\" severity low score 0.1 when leg.international\n");
    pw_rule_hit out[1];
    size_t n;
    pw_rule_context cx = {&f.mother, NULL, 0, NULL, 0, &f.legs[1], 0};   /* MEX-CUN */
    assert_int_equal(pw_rules_eval(rs, &cx, out, 1, &n), PW_OK);
    assert_int_equal(n, 0);
    memcpy(f.legs[1].arr_airport, "QQQ", 4);
    assert_int_equal(pw_rules_eval(rs, &cx, out, 1, &n), PW_OK);
    assert_int_equal(n, 1);
    assert_non_null(strstr(out[0].reasons, "QQQ country unknown"));
    memset(f.legs[1].arr_airport, 0, 4);                                 /* no airport: unknown */
    assert_int_equal(pw_rules_eval(rs, &cx, out, 1, &n), PW_OK);
    assert_int_equal(n, 0);
    pw_rules_free(rs);
}

/* ------------------------------------------------------------ the examples */

static void test_shipped_rules_compile(void **state)
{
    (void)state;
    static const struct { const char *file; size_t rules, lists; } files[] = {
        {"angel-watch.rules", 1, 0},
        {"trafficking.rules", 3, 0},
        {"route.rules", 3, 1},
        {"co-traveler.rules", 1, 0},
    };
    for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
        pw_ruleset *rs = load_shipped(files[i].file);
        assert_int_equal(pw_rules_count(rs), files[i].rules);
        assert_int_equal(pw_rules_list_count(rs), files[i].lists);
        assert_non_null(pw_rules_name(rs, 0));
        assert_null(pw_rules_name(rs, files[i].rules));
        pw_rules_free(rs);
    }
}

static void test_angel_watch(void **state)
{
    (void)state;
    pw_ruleset *rs = load_shipped("angel-watch.rules");
    smith_pnr s;
    smith_build(&s);
    pw_rule_hit out[4];
    pw_hit so = {.entry = &sex_offender_entry, .score = 0.91};
    pw_hit wanted = {.entry = &wanted_entry, .score = 0.95};

    assert_int_equal(eval_simple(rs, &s.smith, &so, 1, NULL, 0, out, 4), 1);
    assert_string_equal(out[0].rule, "angel-watch");
    assert_string_equal(out[0].category, "sex_offender");
    assert_int_equal(out[0].severity, PW_SEVERITY_HIGH);
    assert_true(out[0].score > 0.89 && out[0].score < 0.91);
    assert_string_equal(out[0].notice, "destination_country");
    assert_string_equal(out[0].notice_country, "USA");
    assert_non_null(strstr(out[0].reasons, "leg.international (LHR GBR -> JFK USA)"));
    assert_non_null(strstr(out[0].reasons, "any hit in hits: hit = SO-17 sex_offender 0.91"));
    assert_non_null(strstr(out[0].reasons, "hit.category == \"sex_offender\" (sex_offender)"));

    /* the second leg: notice to Canada */
    pw_rule_context cx = {&s.smith, &so, 1, NULL, 0, &s.legs[1], 0};
    size_t n;
    assert_int_equal(pw_rules_eval(rs, &cx, out, 4, &n), PW_OK);
    assert_int_equal(n, 1);
    assert_string_equal(out[0].notice_country, "CAN");

    assert_int_equal(eval_simple(rs, &s.smith, NULL, 0, NULL, 0, out, 4), 0);
    assert_int_equal(eval_simple(rs, &s.smith, &wanted, 1, NULL, 0, out, 4), 0);

    /* a listed offender on the domestic MEX-CUN leg of the family sample: no notice */
    family_pnr f;
    family_build(&f);
    pw_rule_context dom = {&f.mother, &so, 1, NULL, 0, &f.legs[1], 0};
    assert_int_equal(pw_rules_eval(rs, &dom, out, 4, &n), PW_OK);
    assert_int_equal(n, 0);
    dom.leg = &f.legs[0];                                              /* BOG-MEX */
    assert_int_equal(pw_rules_eval(rs, &dom, out, 4, &n), PW_OK);
    assert_int_equal(n, 1);
    assert_string_equal(out[0].notice_country, "MEX");
    pw_rules_free(rs);
}

static void test_trafficking(void **state)
{
    (void)state;
    pw_ruleset *rs = load_shipped("trafficking.rules");
    family_pnr f;
    family_build(&f);
    pw_rule_hit out[4];

    /* as in the sample: a round trip, booked two weeks ahead, no payment given */
    size_t n = eval_simple(rs, &f.mother, NULL, 0, &f.co_of_mother, 1, out, 4);
    assert_int_equal(n, 1);
    assert_string_equal(out[0].rule, "minor-with-adult-of-other-surname");
    assert_non_null(strstr(out[0].reasons, "any co in co_travelers: co = T2 TESTSURNAMETWO/TESTNAMETWO"));
    assert_non_null(strstr(out[0].reasons, "co.surname != traveler.surname (TESTSURNAMETWO vs TESTSURNAMEONE)"));
    /* the infant is not an adult */
    assert_int_equal(eval_simple(rs, &f.infant, NULL, 0, &f.co_of_infant, 1, out, 4), 0);
    /* same surname: nothing */
    f.infant.surname = "TESTSURNAMEONE";
    assert_int_equal(eval_simple(rs, &f.mother, NULL, 0, &f.co_of_mother, 1, out, 4), 0);
    f.infant.surname = "TESTSURNAMETWO";

    /* the same record made one-way, paid in cash, 30 hours before departure */
    f.booking.n_legs = 1;
    f.mother.n_legs = 1;
    f.infant.n_legs = 1;
    f.booking.payment_type = "CA";
    f.booking.created = f.legs[0].dep_time - 30 * 3600;
    n = eval_simple(rs, &f.mother, NULL, 0, &f.co_of_mother, 1, out, 4);
    assert_int_equal(n, 3);
    assert_true(fired(out, n, "late-cash-one-way"));
    const pw_rule_hit *h = find_hit(out, n, "trafficking-indicators");
    assert_non_null(h);
    assert_int_equal(h->severity, PW_SEVERITY_HIGH);
    assert_string_equal(h->notice_country, "MEX");
    assert_non_null(strstr(h->reasons, "hours(booking.created, leg.dep_time) < 48 (30)"));
    assert_non_null(strstr(h->reasons, "booking.payment_type == \"CA\" (CA)"));
    assert_non_null(strstr(h->reasons, "booking.one_way (BOG -> MEX)"));
    assert_non_null(strstr(h->reasons, "traveler.adult (age 36)"));
    assert_non_null(strstr(h->reasons, "co.minor (age 1)"));

    /* 50 hours: not late */
    f.booking.created = f.legs[0].dep_time - 50 * 3600;
    n = eval_simple(rs, &f.mother, NULL, 0, &f.co_of_mother, 1, out, 4);
    assert_int_equal(n, 1);
    /* the minor on another booking (linked by phone) is not "travelling with" */
    f.booking.created = f.legs[0].dep_time - 30 * 3600;
    pw_booking other = f.booking;
    other.locator = "ZZZ999";
    f.infant.booking = &other;
    n = eval_simple(rs, &f.mother, NULL, 0, &f.co_of_mother, 1, out, 4);
    assert_int_equal(n, 1);
    assert_string_equal(out[0].rule, "late-cash-one-way");
    pw_rules_free(rs);
}

static void test_route(void **state)
{
    (void)state;
    pw_ruleset *rs = load_shipped("route.rules");
    pw_rule_hit out[4];
    kuwait_pnr k;
    kuwait_build(&k);
    /* as in the sample: a week in Kuwait, connections in Frankfurt */
    assert_int_equal(eval_simple(rs, &k.stacy, NULL, 0, NULL, 0, out, 4), 0);

    /* two days in Kuwait: a short stay */
    k.legs[2].dep_time = k.legs[1].arr_time + 40 * 3600;
    size_t n = eval_simple(rs, &k.stacy, NULL, 0, NULL, 0, out, 4);
    assert_int_equal(n, 1);
    assert_string_equal(out[0].rule, "short-stay-abroad");
    assert_non_null(strstr(out[0].reasons, "leg.stay_days < 3 (1.667)"));
    assert_non_null(strstr(out[0].reasons, "not booking.one_way"));

    /* back from Doha instead of Kuwait: broken travel */
    kuwait_build(&k);
    memcpy(k.legs[2].dep_airport, "DOH", 4);
    n = eval_simple(rs, &k.stacy, NULL, 0, NULL, 0, out, 4);
    assert_int_equal(n, 1);
    assert_string_equal(out[0].rule, "broken-travel");
    assert_non_null(strstr(out[0].reasons, "any leg in traveler.legs: leg = UA8750 DOH-FRA"));

    /* pnr1 routed London-Istanbul-Vancouver with a five-hour connection */
    smith_pnr s;
    smith_build(&s);
    memcpy(s.legs[0].arr_airport, "IST", 4);
    memcpy(s.legs[1].dep_airport, "IST", 4);
    s.legs[1].dep_time = s.legs[0].arr_time + 5 * 3600;
    n = eval_simple(rs, &s.smith, NULL, 0, NULL, 0, out, 4);
    assert_int_equal(n, 1);
    assert_string_equal(out[0].rule, "transit-watched-airport");
    assert_non_null(strstr(out[0].reasons, "leg.arr_airport in transit_watch_airports (IST)"));
    assert_non_null(strstr(out[0].reasons, "leg.stay_hours < 24 (5)"));
    /* the sample itself connects at JFK: not watched */
    smith_build(&s);
    assert_int_equal(eval_simple(rs, &s.smith, NULL, 0, NULL, 0, out, 4), 0);
    pw_rules_free(rs);
}

static void test_co_traveler(void **state)
{
    (void)state;
    pw_ruleset *rs = load_shipped("co-traveler.rules");
    pw_rule_hit out[4];
    smith_pnr s;
    smith_build(&s);
    pw_hit hit = {.entry = &wanted_entry, .score = 0.97};

    /* same PNR: JONES travels with a listed SMITHJR */
    pw_rule_subject smith_listed = {&s.smith, &hit, 1};
    size_t n = eval_simple(rs, &s.jones, NULL, 0, &smith_listed, 1, out, 4);
    assert_int_equal(n, 1);
    assert_string_equal(out[0].category, "association");
    assert_non_null(strstr(out[0].reasons, "co = 1 SMITHJR/JOHN"));
    assert_non_null(strstr(out[0].reasons, "co.booking.locator == booking.locator (MFN4TI)"));
    /* SMITHJR himself is listed: this rule is for the others */
    pw_rule_subject jones = {&s.jones, NULL, 0};
    assert_int_equal(eval_simple(rs, &s.smith, &hit, 1, &jones, 1, out, 4), 0);
    /* co-traveler not listed */
    pw_rule_subject smith_clean = {&s.smith, NULL, 0};
    assert_int_equal(eval_simple(rs, &s.jones, NULL, 0, &smith_clean, 1, out, 4), 0);

    /* another booking, same phone */
    kuwait_pnr k;
    kuwait_build(&k);
    static const char *phones[] = {"+1 555", "00115555555555"};
    k.booking.phones = phones;
    k.booking.n_phones = 2;
    pw_rule_subject linked = {&s.smith, &hit, 1};
    n = eval_simple(rs, &k.stacy, NULL, 0, &linked, 1, out, 4);
    assert_int_equal(n, 1);
    assert_non_null(strstr(out[0].reasons, "phone in co.booking.phones (00115555555555)"));
    /* same e-mail */
    k.booking.n_phones = 0;
    static const char *emails[] = {"peter.nuttall@yahoo.com"};
    s.booking.emails = emails;
    s.booking.n_emails = 1;
    assert_int_equal(eval_simple(rs, &k.stacy, NULL, 0, &linked, 1, out, 4), 1);
    assert_non_null(strstr(out[0].reasons, "email in co.booking.emails (PETER.NUTTALL@YAHOO.COM)"));
    /* same card */
    s.booking.n_emails = 0;
    assert_int_equal(eval_simple(rs, &k.stacy, NULL, 0, &linked, 1, out, 4), 0);
    k.booking.card_hash = "5d1f0c2b9a";
    assert_int_equal(eval_simple(rs, &k.stacy, NULL, 0, &linked, 1, out, 4), 1);
    assert_non_null(strstr(out[0].reasons, "co.booking.card_hash == booking.card_hash (5d1f0c2b9a)"));
    pw_rules_free(rs);
}

/* --------------------------------------------------------------- errors */

typedef struct error_case {
    const char *text;
    const char *error;         /* "line:column: reason" expected after "t.rules:" */
} error_case;

#define R "rule \"r\" severity low score 0.5 when "

static void test_errors(void **state)
{
    (void)state;
    static const error_case cases[] = {
        /* lexer */
        {R "traveler.sex == \"M", "1:54: unterminated string"},
        {R "! true", "1:38: unexpected character '!' (write 'not' or '!=')"},
        {R "traveler.age > 3 ; true", "1:55: unexpected character ';'"},
        {R "traveler.age > 3x", "1:53: bad number '3x'"},
        /* declarations */
        {"lists a = []", "1:1: expected 'rule' or 'list', found 'lists'"},
        {"list = [\"A\"]", "1:6: expected a list name after 'list', found '='"},
        {"list a [\"A\"]", "1:8: expected '=', found '['"},
        {"list a = [\"A\" \"B\"]", "1:15: expected ',' or ']', found '\"B\"'"},
        {"list a = [\"A\", 3]", "1:16: expected a string or ']', found '3'"},
        {"list a = [\"A\"]\nlist a = [\"B\"]", "2:6: list 'a' is defined twice"},
        {"rule r severity low score 0.5 when true", "1:6: expected the rule's name in quotes after 'rule', found 'r'"},
        {"rule \"\" severity low score 0.5 when true", "1:6: a rule needs a name"},
        {"rule \"r\" severity low score 0.5 when true\nrule \"r\" severity low score 0.5 when true",
         "2:6: rule \"r\" is defined twice (first at line 1)"},
        {"rule \"r\" severity low score 0.5 weight 2 when true",
         "1:33: expected severity, category, score, notice or when, found 'weight'"},
        {"rule \"r\" severity low severity high score 0.5 when true", "1:23: 'severity' is given twice"},
        {"rule \"r\" severity huge score 0.5 when true", "1:19: unknown severity 'huge' (low, medium, high or critical)"},
        {"rule \"r\" severity low category 5 score 0.5 when true", "1:32: expected a category name, found '5'"},
        {"rule \"r\" severity low score 1.5 when true", "1:29: the score must be a number from 0 to 1, found '1.5'"},
        {"rule \"r\" severity low score 0.5 notice mars when true",
         "1:40: unknown notice target 'mars' (destination_country, origin_country, nationality_country or a \"partner\" in quotes)"},
        {"rule \"r\" severity low when true", "1:23: rule \"r\" needs a score before 'when'"},
        {"rule \"r\" score 0.5 when true", "1:20: rule \"r\" needs a severity before 'when'"},
        {R "traveler.age", "1:38: a rule's condition must be true or false, found number"},
        {R "true true", "1:43: expected 'and', 'or', a new rule or list, or end of file, found 'true'"},
        /* names, fields, values */
        {R "passenger.age > 3", "1:38: unknown name 'passenger' (traveler, booking, leg, hits, co_travelers, now, or a name bound by any/all/count)"},
        {"list a = [\"A\"]\n" R "a", "2:38: list 'a' can only follow 'in' or be a prefix list"},
        {R "leg.gate == \"A1\"", "1:42: a leg has no field 'gate' (it has: carrier, flight, operating, codeshare, dep_airport, arr_airport, dep_country, arr_country, dep_time, arr_time, international, index, first, last, broken, stay_hours, stay_days)"},
        {R "leg.flight.x == \"A\"", "1:49: a string has no fields"},
        {R "leg. == 1", "1:43: expected a field name after '.', found '=='"},
        {R "traveler.age > )", "1:53: expected a value, found ')'"},
        {R "traveler.age > and", "1:53: expected a value, found the word 'and'"},
        {R "(true", "1:43: expected ')', found end of file"},
        /* operators and types */
        {R "traveler.age == \"46\"", "1:51: cannot compare number with string"},
        {R "leg.dep_time > 3", "1:51: cannot compare time with number (use days() or hours() for spans of time)"},
        {R "traveler.surname < \"B\"", "1:55: '<' needs numbers, times or dates, found string"},
        {R "leg == leg", "1:42: cannot compare leg values"},
        {R "leg.flight = \"X\"", "1:49: '=' is not a comparison; write '=='"},
        {R "leg.dep_time > \"2013-13-01\"", "1:53: bad time \"2013-13-01\" (write \"YYYY-MM-DD\" or \"YYYY-MM-DDTHH:MM\", UTC)"},
        {R "traveler.dob < \"1970-02-30\"", "1:53: bad date \"1970-02-30\" (write \"YYYY-MM-DD\", \"YYYY-MM\" or \"YYYY\")"},
        {R "-traveler.surname == \"A\"", "1:38: '-' needs a number, found string"},
        {R "traveler.age + traveler.surname > 1", "1:53: '+' needs numbers, found number and string"},
        {R "not traveler.age", "1:38: 'not' needs true or false, found number"},
        {R "traveler.age and true", "1:38: 'and' needs true or false on both sides, found number"},
        {R "true or traveler.age", "1:46: 'or' needs true or false on both sides, found number"},
        /* in */
        {R "traveler.age in [\"A\"]", "1:51: 'in' a list needs a string on the left, found number"},
        {R "traveler.nationality in risky", "1:62: unknown list 'risky' (lists must be defined before the rules that use them)"},
        {R "traveler.surname in 1..5", "1:55: a range needs a number, time or date on the left, found string"},
        {R "traveler.age in 1..\"x\"", "1:57: the range of a number must be numbers, found number..string"},
        {R "traveler.age in traveler.legs", "1:54: 'in' needs a list, a range (a..b) or strings (phones, emails, ...), found legs"},
        {R "traveler.age in booking.phones", "1:51: 'in' strings needs a string on the left, found number"},
        /* quantifiers */
        {R "any leg of traveler.legs: true", "1:46: expected 'in', found 'of'"},
        {R "any 3 in traveler.legs: true", "1:42: expected a name to bind, found '3'"},
        {R "any traveler in co_travelers: true", "1:42: 'traveler' is already a name; choose another"},
        {R "any x in traveler.legs: any x in traveler.docs: true", "1:66: 'x' is already bound here; choose another name"},
        {R "any x in leg: true", "1:47: 'any' needs a collection (legs, docs, hits, co_travelers, phones, ...), found leg"},
        {R "all x in traveler.legs: x.index", "1:62: the condition after ':' must be true or false, found number"},
        {R "any x in traveler.legs true", "1:61: expected ':', found 'true'"},
        /* functions */
        {R "frob(1)", "1:38: unknown function 'frob' (days, hours, count, exists, starts_with, ends_with, contains)"},
        {R "count(traveler.age) > 1", "1:44: count() needs a collection, found number"},
        {R "count(x in traveler.legs: x.index) > 1", "1:64: the condition after ':' must be true or false, found number"},
        {R "days(leg.dep_time) > 1", "1:55: days() takes 2 arguments, found 1"},
        {R "exists(leg, leg, leg)", "1:55: exists() takes 1 argument"},
        {R "days(leg.dep_time leg.arr_time) > 1", "1:56: expected ',' or ')', found 'leg'"},
        {R "hours(traveler.dob, leg.dep_time) > 1", "1:44: hours() takes two times, found date"},
        {R "starts_with(traveler.age, \"1\")", "1:50: starts_with() takes a string first, found number"},
        {R "ends_with(traveler.surname, 1)", "1:66: ends_with() takes a string or a list second, found number"},
    };
    int failures = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        errors errs = {.n = 0};
        pw_status st = PW_OK;
        pw_ruleset *rs = pw_rules_compile("t.rules", cases[i].text, strlen(cases[i].text), collect, &errs, &st);
        if (rs || st != PW_ERR_FORMAT || errs.n != 1) {
            pw_rules_free(rs);
            fail_msg("case %zu compiled=%d st=%d errors=%zu (%s): %s", i, rs != NULL, st, errs.n,
                     errs.n ? errs.text[0] : "", cases[i].text);
        }
        char want[512];
        snprintf(want, sizeof want, "t.rules:%s", cases[i].error);
        if (strcmp(errs.text[0], want) != 0) {
            print_error("case %zu: %s\n  got:  %s\n  want: %s\n", i, cases[i].text, errs.text[0], want);
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

/* More nesting than the evaluator has slots for. */
static void test_error_nesting(void **state)
{
    (void)state;
    char text[4096] = R;
    for (int i = 0; i < 16; i++) {
        char part[64];
        snprintf(part, sizeof part, "any v%d in traveler.legs: ", i);
        strcat(text, part);
    }
    strcat(text, "true");
    errors errs = {.n = 0};
    pw_status st;
    assert_null(pw_rules_compile("t.rules", text, strlen(text), collect, &errs, &st));
    assert_int_equal(st, PW_ERR_FORMAT);
    assert_int_equal(errs.n, 1);
    assert_non_null(strstr(errs.text[0], "too many nested any/all/count (at most 14)"));
}

/* Deeply nested input is an error, not a stack overflow. */
static void test_error_depth(void **state)
{
    (void)state;
    size_t n = 100000;
    char *text = malloc(n + 64);
    assert_true(n + 64 > 5000 * 9 + 64);
    assert_non_null(text);
    strcpy(text, R);
    size_t used = strlen(text);
    memset(text + used, '(', n);
    strcpy(text + used + n, "true");
    errors errs = {.n = 0};
    pw_status st;
    assert_null(pw_rules_compile("t.rules", text, strlen(text), collect, &errs, &st));
    assert_int_equal(errs.n, 1);
    assert_non_null(strstr(errs.text[0], "expression nested too deeply (more than 200 levels)"));
    memset(text + used, '-', n);
    errs.n = 0;
    assert_null(pw_rules_compile("t.rules", text, strlen(text), collect, &errs, &st));
    assert_non_null(strstr(errs.text[0], "nested too deeply"));
    strcpy(text + used, "true");
    for (int i = 0; i < 5000; i++)
        strcat(text + used, " or false");
    errs.n = 0;
    assert_null(pw_rules_compile("t.rules", text, strlen(text), collect, &errs, &st));
    assert_non_null(strstr(errs.text[0], "rule too large (more than 4000 terms)"));
    strcpy(text + used, "");
    for (int i = 0; i < 50; i++)
        strcat(text, "not ");
    strcat(text, "false");
    pw_ruleset *rs = compile_ok(text);          /* 50 levels are fine */
    pw_rules_free(rs);
    free(text);
}

/* One error per declaration; the good declarations after a bad one are still read. */
static void test_error_recovery(void **state)
{
    (void)state;
    const char *text = "list a = [\"X\"]\n"
                       "rule \"one\" severity low score 0.5\n  when leg.gate == 1 and also bad\n"
                       "rule \"two\" severity low score 0.5 when leg.international\n"
                       "rule \"three\" severity bad score 0.5 when hit.list == \"x\"\n"
                       "rule \"four\" severity low score 0.5 when x in a\n";
    errors errs = {.n = 0};
    pw_status st;
    assert_null(pw_rules_compile("t.rules", text, strlen(text), collect, &errs, &st));
    assert_int_equal(st, PW_ERR_FORMAT);
    assert_int_equal(errs.n, 3);
    assert_non_null(strstr(errs.text[0], "t.rules:3:12: a leg has no field 'gate'"));
    assert_non_null(strstr(errs.text[1], "t.rules:5:23: unknown severity 'bad'"));
    assert_non_null(strstr(errs.text[2], "t.rules:6:41: unknown name 'x'"));
}

static void test_bad_calls(void **state)
{
    (void)state;
    pw_status st;
    assert_null(pw_rules_compile("t", NULL, 0, NULL, NULL, &st));
    assert_int_equal(st, PW_ERR_ARG);
    errors errs = {.n = 0};
    pw_ruleset *rs = NULL;
    assert_int_equal(pw_rules_load("/nonexistent/x.rules", collect, &errs, &rs), PW_ERR_IO);
    assert_null(rs);
    assert_int_equal(errs.n, 1);
    assert_string_equal(errs.text[0], "/nonexistent/x.rules: cannot read the rule file");

    /* an API-only traveler: no booking, no legs, no hits */
    {
        pw_traveler bare = {.id = "A1", .surname = "DOE"};
        pw_rule_subject co = {&bare, NULL, 0};
        pw_ruleset *r2 = compile_ok("rule \"b\" severity low score 0.1\n"
                                    "  when booking.locator == \"X\" or booking.one_way or leg.international\n"
                                    "    or count(traveler.legs) > 0 or traveler.minor or traveler.age > 1\n"
                                    "    or (any co in co_travelers: co.booking.card_hash == booking.card_hash)\n"
                                    "rule \"c\" severity low score 0.1 when not exists(booking) and not exists(leg)\n"
                                    "    and count(traveler.legs) == 0 and not exists(traveler.legs)\n");
        pw_rule_hit out1[2];
        assert_int_equal(eval_simple(r2, &bare, NULL, 0, &co, 1, out1, 2), 1);
        assert_string_equal(out1[0].rule, "c");
        pw_rules_free(r2);
    }

    rs = compile_ok("# only a comment\n");
    assert_int_equal(pw_rules_count(rs), 0);
    smith_pnr s;
    smith_build(&s);
    pw_rule_context cx = {&s.smith, NULL, 0, NULL, 0, NULL, 0};
    size_t n;
    assert_int_equal(pw_rules_eval(rs, NULL, NULL, 0, &n), PW_ERR_ARG);
    assert_int_equal(pw_rules_eval(NULL, &cx, NULL, 0, &n), PW_ERR_ARG);
    assert_int_equal(pw_rules_eval(rs, &cx, NULL, 0, &n), PW_OK);
    assert_int_equal(n, 0);
    pw_rules_free(rs);
    pw_rules_free(NULL);

    /* more rules hold than there is room for */
    rs = compile_ok("rule \"a\" severity low score 0.1 when true\n"
                    "rule \"b\" severity low score 0.1 when true\n"
                    "rule \"c\" severity low score 0.1 when true\n");
    pw_rule_hit out[2];
    assert_int_equal(pw_rules_eval(rs, &cx, out, 2, &n), PW_ERR_LIMIT);
    assert_int_equal(n, 2);
    assert_string_equal(out[1].rule, "b");
    assert_string_equal(pw_severity_name(PW_SEVERITY_CRITICAL), "critical");
    pw_rules_free(rs);
}


static void ignore_error(void *ctx, const pw_error *e)
{
    size_t *count = ctx;
    assert_non_null(e->reason);
    assert_true(e->line >= 1 && e->column >= 1);
    (*count)++;
}

/* Damaged rule files (cut short, bytes replaced) are reported, never crash;
 * whatever still compiles evaluates. Deterministic. */
static void test_damaged_input(void **state)
{
    (void)state;
    static const char *const files[] = {"angel-watch.rules", "trafficking.rules", "route.rules", "co-traveler.rules"};
    char *text = NULL;
    size_t len = 0;
    for (size_t i = 0; i < 4; i++) {
        char path[1024], *data;
        size_t dlen;
        snprintf(path, sizeof path, "%s/rules/%s", PW_SOURCE_DIR, files[i]);
        assert_int_equal(pw_read_file(path, &data, &dlen), PW_OK);
        text = realloc(text, len + dlen + 1);
        assert_non_null(text);
        memcpy(text + len, data, dlen);
        len += dlen;
        text[len] = 0;
        free(data);
    }
    static const char alphabet[] = "\"()[]:.,=<>!-+#\n x1é";
    char *copy = malloc(len + 1);
    assert_non_null(copy);
    smith_pnr s;
    smith_build(&s);
    pw_hit hit = {.entry = &sex_offender_entry, .score = 0.9};
    pw_rule_subject co = {&s.jones, NULL, 0};
    unsigned seed = 7;
    size_t compiled = 0, rejected = 0;
    for (int round = 0; round < 3000; round++) {
        memcpy(copy, text, len + 1);
        size_t n = len;
        seed = seed * 1103515245 + 12345;
        if (round % 3 == 0)
            n = (seed >> 8) % len;                        /* cut short */
        for (int k = 0; k < 1 + round % 4; k++) {          /* bytes replaced */
            seed = seed * 1103515245 + 12345;
            copy[(seed >> 8) % n] = alphabet[(seed >> 20) % (sizeof alphabet - 1)];
        }
        size_t errs = 0;
        pw_status st;
        pw_ruleset *rs = pw_rules_compile("damaged", copy, n, ignore_error, &errs, &st);
        if (rs) {
            assert_int_equal(errs, 0);
            pw_rule_hit out[16];
            size_t nh;
            pw_rule_context cx = {&s.smith, &hit, 1, &co, 1, NULL, 0};
            pw_status es = pw_rules_eval(rs, &cx, out, 16, &nh);
            assert_true(es == PW_OK || es == PW_ERR_LIMIT);
            pw_rules_free(rs);
            compiled++;
        } else {
            assert_int_equal(st, PW_ERR_FORMAT);
            assert_true(errs >= 1);
            rejected++;
        }
    }
    assert_true(compiled > 0 && rejected > 0);
    free(copy);
    free(text);
}

/* ------------------------------------------------------------------ JSON */

static void test_json(void **state)
{
    (void)state;
    pw_ruleset *rs = compile_ok("rule \"late \\\"cash\\\"\" severity critical category trafficking score 0.75\n"
                                "  notice \"EUROPOL\"\n"
                                "  when booking.payment_type == \"CC\"\n"
                                "   and hours(booking.created, leg.dep_time) > 48\n");
    smith_pnr s;
    smith_build(&s);
    pw_rule_hit out[1];
    assert_int_equal(eval_simple(rs, &s.smith, NULL, 0, NULL, 0, out, 1), 1);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    pw_rule_hit_json(&s.smith, &out[0], f);
    fclose(f);
    assert_null(strchr(buf, '\n'));
    json_error_t jerr;
    json_t *j = json_loads(buf, 0, &jerr);
    if (!j)
        fail_msg("bad JSON: %s: %s", jerr.text, buf);
    assert_string_equal(json_string_value(json_object_get(j, "traveler_id")), "1");
    assert_string_equal(json_string_value(json_object_get(j, "type")), "rule");
    assert_string_equal(json_string_value(json_object_get(j, "rule")), "late \"cash\"");
    assert_string_equal(json_string_value(json_object_get(j, "category")), "trafficking");
    assert_string_equal(json_string_value(json_object_get(j, "severity")), "critical");
    assert_true(json_real_value(json_object_get(j, "score")) == 0.75);
    assert_string_equal(json_string_value(json_object_get(j, "locator")), "MFN4TI");
    json_t *notice = json_object_get(j, "notice");
    assert_string_equal(json_string_value(json_object_get(notice, "to")), "EUROPOL");
    assert_null(json_object_get(notice, "country"));
    json_t *reasons = json_object_get(j, "reasons");
    assert_int_equal(json_array_size(reasons), 2);
    assert_string_equal(json_string_value(json_array_get(reasons, 0)), "booking.payment_type == \"CC\" (CC)");
    assert_string_equal(json_string_value(json_array_get(reasons, 1)), "hours(booking.created, leg.dep_time) > 48 (143.1)");
    json_decref(j);
    free(buf);
    pw_rules_free(rs);
}

/* Reasons never overflow their buffer. */
static void test_long_reasons(void **state)
{
    (void)state;
    char text[8192] = "rule \"long\" severity low score 0.1 when true";
    for (int i = 0; i < 60; i++)
        strcat(text, "\n and traveler.surname == \"SMITHJR\" and traveler.age > 1");
    pw_ruleset *rs = compile_ok(text);
    smith_pnr s;
    smith_build(&s);
    pw_rule_hit out[1];
    assert_int_equal(eval_simple(rs, &s.smith, NULL, 0, NULL, 0, out, 1), 1);
    assert_true(strlen(out[0].reasons) < PW_RULE_REASONS);
    assert_non_null(strstr(out[0].reasons, "..."));
    pw_rules_free(rs);
}



/* One compiled ruleset, evaluated by several threads at once. */
typedef struct thread_job {
    const pw_ruleset *rs;
    size_t fired;
} thread_job;

static void *evaluate_many(void *arg)
{
    thread_job *job = arg;
    family_pnr f;
    family_build(&f);
    f.booking.n_legs = 1;
    f.mother.n_legs = 1;
    f.booking.payment_type = "CA";
    f.booking.created = f.legs[0].dep_time - 30 * 3600;
    for (int i = 0; i < 2000; i++) {
        pw_rule_hit out[4];
        pw_rule_context cx = {&f.mother, NULL, 0, &f.co_of_mother, 1, NULL, 0};
        size_t n = 0;
        if (pw_rules_eval(job->rs, &cx, out, 4, &n) == PW_OK)
            job->fired += n;
    }
    return NULL;
}

static void test_threads(void **state)
{
    (void)state;
    pw_ruleset *rs = load_shipped("trafficking.rules");
    pthread_t threads[4];
    thread_job jobs[4];
    for (int i = 0; i < 4; i++) {
        jobs[i] = (thread_job){rs, 0};
        assert_int_equal(pthread_create(&threads[i], NULL, evaluate_many, &jobs[i]), 0);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(threads[i], NULL);
        assert_int_equal(jobs[i].fired, 3 * 2000);
    }
    pw_rules_free(rs);
}

/* ------------------------------------------------------------------ batch */

typedef struct batch_hits {
    size_t traveler[32];
    const char *rule[32];
    size_t n;
} batch_hits;

static void on_batch_hit(void *ctx, size_t traveler, const pw_rule_hit *hit)
{
    batch_hits *b = ctx;
    if (b->n < 32) {
        b->traveler[b->n] = traveler;
        b->rule[b->n] = hit->rule;
        b->n++;
    }
}

static bool batch_fired(const batch_hits *b, size_t traveler, const char *rule)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->traveler[i] == traveler && strcmp(b->rule[i], rule) == 0)
            return true;
    return false;
}

/* A batch finds co-travelers itself: same booking, or a shared phone,
 * e-mail or card. */
static void test_batch(void **state)
{
    (void)state;
    pw_ruleset *rs = load_shipped("co-traveler.rules");
    smith_pnr s;
    smith_build(&s);
    kuwait_pnr k;
    kuwait_build(&k);
    family_pnr f;
    family_build(&f);
    static const char *same_phone[] = {"00115555555555"};
    k.booking.phones = same_phone;
    k.booking.n_phones = 1;

    pw_traveler batch[5] = {s.smith, s.jones, k.stacy, f.mother, f.infant};
    pw_hit hit = {.entry = &wanted_entry, .score = 0.97};
    const pw_hit *hits[5] = {&hit, NULL, NULL, NULL, NULL};
    size_t n_hits[5] = {1, 0, 0, 0, 0};
    batch_hits out = {.n = 0};
    assert_int_equal(pw_rules_eval_batch(rs, batch, 5, hits, n_hits, 0, on_batch_hit, &out), PW_OK);
    assert_int_equal(out.n, 2);
    assert_true(batch_fired(&out, 1, "co-traveler-of-listed-person"));     /* same PNR */
    assert_true(batch_fired(&out, 2, "co-traveler-of-listed-person"));     /* same phone */

    /* an e-mail address in another case links too; the phone no longer does */
    k.booking.n_phones = 0;
    static const char *emails[] = {"Stacy..Chennapragada@Gmail.com"};
    s.booking.emails = emails;
    s.booking.n_emails = 1;
    batch[2] = k.stacy;
    out.n = 0;
    assert_int_equal(pw_rules_eval_batch(rs, batch, 5, hits, n_hits, 0, on_batch_hit, &out), PW_OK);
    assert_true(batch_fired(&out, 2, "co-traveler-of-listed-person"));
    pw_rules_free(rs);

    /* the trafficking rules see the infant of the same booking */
    rs = load_shipped("trafficking.rules");
    out.n = 0;
    assert_int_equal(pw_rules_eval_batch(rs, batch, 5, NULL, NULL, 0, on_batch_hit, &out), PW_OK);
    assert_int_equal(out.n, 1);
    assert_true(batch_fired(&out, 3, "minor-with-adult-of-other-surname"));
    assert_int_equal(pw_rules_eval_batch(rs, NULL, 0, NULL, NULL, 0, on_batch_hit, &out), PW_OK);
    assert_int_equal(pw_rules_eval_batch(rs, batch, 5, NULL, NULL, 0, NULL, NULL), PW_ERR_ARG);
    pw_rules_free(rs);

    /* a phone shared by 40 bookings is an agency's: it links nobody */
    rs = load_shipped("co-traveler.rules");
    static pw_booking many_bookings[40];
    static pw_traveler many[40];
    static char locators[40][8];
    static const char *agency_phone[] = {"+44 20 7946 0000"};
    for (int i = 0; i < 40; i++) {
        snprintf(locators[i], sizeof locators[i], "L%03d", i);
        many_bookings[i] = (pw_booking){.locator = locators[i], .phones = agency_phone, .n_phones = 1};
        many[i] = (pw_traveler){.id = locators[i], .surname = "X", .booking = &many_bookings[i]};
    }
    const pw_hit *many_hits[40] = {&hit};
    size_t many_n[40] = {1};
    out.n = 0;
    assert_int_equal(pw_rules_eval_batch(rs, many, 40, many_hits, many_n, 0, on_batch_hit, &out), PW_OK);
    assert_int_equal(out.n, 0);
    /* the same phone on 3 bookings links them */
    out.n = 0;
    assert_int_equal(pw_rules_eval_batch(rs, many, 3, many_hits, many_n, 0, on_batch_hit, &out), PW_OK);
    assert_int_equal(out.n, 2);
    pw_rules_free(rs);
}

/* ---------------------------------------------------------------- command */

static void test_cli_check(void **state)
{
    (void)state;
    char args[2048];
    snprintf(args, sizeof args, "rules check %s/rules/angel-watch.rules %s/rules/route.rules", PW_SOURCE_DIR,
             PW_SOURCE_DIR);
    test_run r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "angel-watch.rules: 1 rule, 0 lists\n"));
    assert_non_null(strstr(r.out, "route.rules: 3 rules, 1 list\n"));
    test_run_free(&r);

    char path[1024];
    snprintf(path, sizeof path, "%s/bad.rules", test_tmpdir());
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("# a rule with a typo\nrule \"x\" severity low score 0.5\n  when leg.arr_airprt == \"IST\"\n", f);
    fclose(f);
    snprintf(args, sizeof args, "rules check %s", path);
    r = test_paxwatch(args, NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "bad.rules:3:12: a leg has no field 'arr_airprt'"));
    assert_string_equal(r.out, "");
    test_run_free(&r);

    r = test_paxwatch("rules check /nonexistent.rules", NULL);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, "cannot read"));
    test_run_free(&r);

    r = test_paxwatch("rules", NULL);
    assert_int_equal(r.status, 2);
    test_run_free(&r);
    r = test_paxwatch("rules check", NULL);
    assert_int_equal(r.status, 2);
    test_run_free(&r);
    r = test_paxwatch("rules frob x", NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "unknown action 'frob'"));
    test_run_free(&r);
    r = test_paxwatch("rules --help", NULL);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "usage: paxwatch rules check FILE"));
    test_run_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_operators),
        cmocka_unit_test(test_context_leg),
        cmocka_unit_test(test_age_and_minor),
        cmocka_unit_test(test_itinerary_fields),
        cmocka_unit_test(test_international),
        cmocka_unit_test(test_shipped_rules_compile),
        cmocka_unit_test(test_angel_watch),
        cmocka_unit_test(test_trafficking),
        cmocka_unit_test(test_route),
        cmocka_unit_test(test_co_traveler),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_error_nesting),
        cmocka_unit_test(test_error_depth),
        cmocka_unit_test(test_error_recovery),
        cmocka_unit_test(test_bad_calls),
        cmocka_unit_test(test_damaged_input),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_long_reasons),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_batch),
        cmocka_unit_test(test_cli_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

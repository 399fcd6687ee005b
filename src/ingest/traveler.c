/*
 * traveler.c — one traveler from named fields (FORMATS.md "Travelers CSV"),
 * shared by the CSV and JSON Lines readers: checks each field, copies the
 * strings into the batch arena, and names the bad field when one is wrong.
 * Times are ISO 8601 (calendar date, hours and minutes, optional seconds and
 * zone), converted to seconds since the epoch, UTC.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "ingest.h"

const char *const ingest_field_names[F_COUNT] = {
    "id", "surname", "given_names", "name", "dob", "sex", "nationality", "doc_type",
    "doc_number", "doc_country", "flight", "dep_airport", "arr_airport", "dep_time", "arr_time",
};

static bool digits_at(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

static int number_at(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

bool ingest_parse_time(const char *s, int64_t *out)
{
    size_t n = strlen(s);
    if (n < 16 || !digits_at(s, 4) || s[4] != '-' || !digits_at(s + 5, 2) || s[7] != '-' ||
        !digits_at(s + 8, 2) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
        !digits_at(s + 11, 2) || s[13] != ':' || !digits_at(s + 14, 2))
        return false;
    char date[11];
    memcpy(date, s, 10);
    date[10] = '\0';
    pw_date d;
    if (!pw_date_parse(date, &d) || d.day == 0)
        return false;
    int hh = number_at(s + 11, 2), mm = number_at(s + 14, 2), ss = 0;
    const char *p = s + 16;
    if (*p == ':') {
        if (!digits_at(p + 1, 2))
            return false;
        ss = number_at(p + 1, 2);
        p += 3;
        if (*p == '.' || *p == ',') {              /* fractions of a second: dropped */
            p++;
            if (!isdigit((unsigned char)*p))
                return false;
            while (isdigit((unsigned char)*p))
                p++;
        }
    }
    if (hh > 23 || mm > 59 || ss > 60)
        return false;
    int64_t offset = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1;
        p++;
        if (!digits_at(p, 2))
            return false;
        int oh = number_at(p, 2), om = 0;
        p += 2;
        if (*p == ':')
            p++;
        if (digits_at(p, 2) && *p) {
            om = number_at(p, 2);
            p += 2;
        }
        if (oh > 14 || om > 59)
            return false;
        offset = sign * (oh * 3600 + om * 60);
    }
    if (*p)
        return false;
    *out = days_from_civil(d.year, d.month, d.day) * 86400 + hh * 3600 + mm * 60 + ss - offset;
    return true;
}

static bool empty(const char *s)
{
    return !s || !*s;
}

/* Copies s into the arena without surrounding white space; NULL when empty. */
static const char *keep(pw_batch *b, const char *s)
{
    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    return n ? pw_arena_strndup(b->arena, s, n) : NULL;
}

static bool country(const char *s, char out[4])
{
    return pw_country_alpha3(s, out);
}

/* An IATA airport code: three letters, any case. */
static bool airport(const char *s, char out[4])
{
    if (strlen(s) != 3)
        return false;
    for (int i = 0; i < 3; i++) {
        if (!isalpha((unsigned char)s[i]))
            return false;
        out[i] = (char)toupper((unsigned char)s[i]);
    }
    out[3] = '\0';
    return true;
}

#define BAD(field, ...)                                                                        \
    do {                                                                                       \
        *bad = (field);                                                                        \
        snprintf(reason, cap, __VA_ARGS__);                                                    \
        return false;                                                                          \
    } while (0)

bool ingest_build_traveler(pw_batch *b, const ingest_fields *f, pw_traveler *t,
                           ingest_field_id *bad, char *reason, size_t cap)
{
    t->id = keep(b, f->id);
    if (!t->id)
        BAD(F_ID, "missing id");
    t->surname = keep(b, f->surname);
    t->given_names = keep(b, f->given_names);
    t->name = keep(b, f->name);
    if (!t->surname && !t->given_names && !t->name)
        BAD(F_SURNAME, "no name (surname, given_names or name)");
    if (!empty(f->dob) && !pw_date_parse(f->dob, &t->dob))
        BAD(F_DOB, "bad date \"%s\" (YYYY-MM-DD, YYYY-MM or YYYY)", f->dob);
    if (!empty(f->sex)) {
        char s = (char)toupper((unsigned char)f->sex[0]);
        if (f->sex[1] || (s != 'M' && s != 'F' && s != 'X'))
            BAD(F_SEX, "bad sex \"%s\" (M, F, X or empty)", f->sex);
        t->sex = s;
    }
    if (!empty(f->nationality) && !country(f->nationality, t->nationality))
        BAD(F_NATIONALITY, "unknown country code \"%s\"", f->nationality);
    if (!empty(f->doc_number) || !empty(f->doc_type) || !empty(f->doc_country)) {
        pw_document *doc = pw_arena_alloc(b->arena, sizeof *doc);
        if (!doc)
            BAD(F_ID, "out of memory");
        const char *type = empty(f->doc_type) ? "P" : f->doc_type;
        size_t tl = strlen(type);
        if (tl > 3)
            BAD(F_DOC_TYPE, "bad document type \"%s\" (P, I, V, ...)", f->doc_type);
        for (size_t i = 0; i < tl; i++) {
            if (!isalpha((unsigned char)type[i]))
                BAD(F_DOC_TYPE, "bad document type \"%s\" (P, I, V, ...)", f->doc_type);
            doc->type[i] = (char)toupper((unsigned char)type[i]);
        }
        doc->number = keep(b, f->doc_number);
        if (!doc->number)
            BAD(F_DOC_NUMBER, "missing document number");
        if (!empty(f->doc_country) && !country(f->doc_country, doc->country))
            BAD(F_DOC_COUNTRY, "unknown country code \"%s\"", f->doc_country);
        t->docs = doc;
        t->n_docs = 1;
    }
    if (!empty(f->flight) || !empty(f->dep_airport) || !empty(f->arr_airport) ||
        !empty(f->dep_time) || !empty(f->arr_time)) {
        pw_leg *leg = pw_arena_alloc(b->arena, sizeof *leg);
        if (!leg)
            BAD(F_ID, "out of memory");
        leg->flight = keep(b, f->flight);
        /* "UA0989": the airline designator is the first two characters. */
        if (leg->flight && strlen(leg->flight) > 2)
            leg->carrier = pw_arena_strndup(b->arena, leg->flight, 2);
        if (!empty(f->dep_airport) && !airport(f->dep_airport, leg->dep_airport))
            BAD(F_DEP_AIRPORT, "bad airport code \"%s\" (IATA, 3 letters)", f->dep_airport);
        if (!empty(f->arr_airport) && !airport(f->arr_airport, leg->arr_airport))
            BAD(F_ARR_AIRPORT, "bad airport code \"%s\" (IATA, 3 letters)", f->arr_airport);
        if (!empty(f->dep_time) && !ingest_parse_time(f->dep_time, &leg->dep_time))
            BAD(F_DEP_TIME, "bad time \"%s\" (ISO 8601, e.g. 2024-05-01T10:30:00Z)", f->dep_time);
        if (!empty(f->arr_time) && !ingest_parse_time(f->arr_time, &leg->arr_time))
            BAD(F_ARR_TIME, "bad time \"%s\" (ISO 8601, e.g. 2024-05-01T10:30:00Z)", f->arr_time);
        t->legs = leg;
        t->n_legs = 1;
    }
    return true;
}

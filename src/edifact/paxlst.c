/*
 * paxlst.c — UN/EDIFACT PAXLST (D02B, D05B and later; WCO/IATA/ICAO API
 * guidelines, PAXLST implementation guide) to travelers.
 *
 * Header: BGM (745 passengers; 250, 266, 336 crew lists), RFF TN, NAD MS (the
 * reporting party), then per flight leg TDT with LOC 125/87/92 and DTM
 * 189/232. Then one group per traveler, opened by NAD FL (passenger), FM
 * (crew), DDT (in-transit passenger) or DDU (in-transit crew): ATT sex, DTM
 * 329 birth, MEA/FTX bags, LOC 22/174/178/179/180, NAT, RFF AVF/ABO/SEA/YZY/
 * CR/AEA, COM, and DOC groups (DOC, DTM 36 expiry / 182 issue, LOC 91). CNT
 * 42/41 give the totals, checked (a wrong count is a warning).
 *
 * A malformed segment rejects the traveler it belongs to; reading resumes at
 * the next NAD. A traveler without a name is rejected.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "edifact.h"

typedef struct avf_booking {
    const char *locator;
    uint64_t hash;
    pw_booking *booking;
    size_t cap_ids;
} avf_booking;

struct paxlst_state {
    bool crew_list;
    const char *reporting;
    pw_leg *legs;
    size_t n_legs, cap_legs;
    /* the traveler being read */
    bool have;
    bool skip;                  /* rejected: ignore segments up to the next NAD */
    pw_traveler cur;
    size_t cap_docs;
    const char *avf;
    unsigned seq;
    unsigned seen_passengers, seen_crew;
    long cnt_passengers, cnt_crew;
    unsigned cnt_segment;
    avf_booking *books;
    size_t n_books, cap_books;
    uint32_t *book_slots;       /* hash table over books: index + 1, 0 empty */
    size_t n_book_slots;        /* a power of two, at least twice n_books */
};

static paxlst_state *state(edifact_reader *rd)
{
    if (!rd->paxlst)
        rd->paxlst = calloc(1, sizeof *rd->paxlst);
    return rd->paxlst;
}

void paxlst_free(edifact_reader *rd)
{
    if (rd->paxlst) {
        free(rd->paxlst->books);
        free(rd->paxlst->book_slots);
        free(rd->paxlst);
        rd->paxlst = NULL;
    }
}

void paxlst_begin(edifact_reader *rd, bool continuing)
{
    paxlst_state *st = state(rd);
    if (!st)
        return;
    if (continuing)
        return;
    free(st->books);
    free(st->book_slots);
    memset(st, 0, sizeof *st);
    st->cnt_passengers = st->cnt_crew = -1;
    rd->stats.paxlst++;
}

static uint64_t locator_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* Puts books[i] into the hash table (which has a free slot). */
static void book_slot_set(paxlst_state *st, size_t i)
{
    size_t mask = st->n_book_slots - 1;
    size_t j = st->books[i].hash & mask;
    while (st->book_slots[j])
        j = (j + 1) & mask;
    st->book_slots[j] = (uint32_t)(i + 1);
}

/* The booking of an AVF reference in this message: found, or made. */
static avf_booking *booking_for(edifact_reader *rd, paxlst_state *st, const char *locator)
{
    uint64_t h = locator_hash(locator);
    if (st->n_book_slots) {
        size_t mask = st->n_book_slots - 1;
        for (size_t j = h & mask; st->book_slots[j]; j = (j + 1) & mask) {
            avf_booking *ab = &st->books[st->book_slots[j] - 1];
            if (ab->hash == h && strcmp(ab->locator, locator) == 0)
                return ab;
        }
    }
    if (st->n_books == st->cap_books) {
        size_t ncap = st->cap_books ? st->cap_books * 2 : 8;
        if (ncap > UINT32_MAX - 1)
            return NULL;
        avf_booking *nb = realloc(st->books, ncap * sizeof *nb);
        if (!nb)
            return NULL;
        st->books = nb;
        st->cap_books = ncap;
    }
    if ((st->n_books + 1) * 2 > st->n_book_slots) {
        size_t nslots = st->n_book_slots ? st->n_book_slots * 2 : 16;
        uint32_t *ns = calloc(nslots, sizeof *ns);
        if (!ns)
            return NULL;
        free(st->book_slots);
        st->book_slots = ns;
        st->n_book_slots = nslots;
        for (size_t i = 0; i < st->n_books; i++)
            book_slot_set(st, i);
    }
    pw_booking *b = pw_arena_alloc(rd->arena, sizeof *b);
    if (!b)
        return NULL;
    b->locator = locator;
    st->books[st->n_books] = (avf_booking){locator, h, b, 0};
    book_slot_set(st, st->n_books);
    return &st->books[st->n_books++];
}

static void add_traveler_id(edifact_reader *rd, avf_booking *ab, const char *id)
{
    pw_booking *b = ab->booking;
    const char **slot = edifact_append(rd->arena, (void **)&b->traveler_ids, &b->n_travelers, &ab->cap_ids,
                                       sizeof *slot);
    if (slot)
        *slot = id;
}

static void reject(edifact_reader *rd, paxlst_state *st)
{
    if (st->have && !st->skip) {
        st->skip = true;
        rd->batch->rejected++;
    }
}

/* Ends the traveler being read: into the batch, or reported. */
static void commit(edifact_reader *rd, paxlst_state *st)
{
    if (!st->have)
        return;
    st->have = false;
    if (st->skip)
        return;
    pw_traveler *c = &st->cur;
    if (!c->surname && !c->name) {
        edifact_where at = {c->source.segment, "NAD"};
        edifact_report_at(rd, at, false, "name", "traveler has no name; rejected");
        rd->batch->rejected++;
        return;
    }
    c->id = edifact_traveler_id(rd, NULL, st->seq);
    c->legs = st->legs;
    c->n_legs = st->n_legs;
    pw_traveler *t = edifact_add_traveler(rd, c);
    if (!t)
        return;
    if (st->avf) {
        avf_booking *ab = booking_for(rd, st, st->avf);
        if (ab) {
            t->booking = ab->booking;
            add_traveler_id(rd, ab, t->id);
        }
    }
}

static pw_leg *current_leg(paxlst_state *st)
{
    return st->n_legs ? &st->legs[st->n_legs - 1] : NULL;
}

static void read_tdt(edifact_reader *rd, paxlst_state *st, const pw_edifact_segment *seg)
{
    char journey[32], carrier[16];
    pw_edifact_value(seg, 1, 0, journey, sizeof journey);
    pw_edifact_value(seg, 4, 0, carrier, sizeof carrier);
    pw_leg *leg = edifact_append(rd->arena, (void **)&st->legs, &st->n_legs, &st->cap_legs, sizeof *leg);
    if (!leg)
        return;
    if (!journey[0]) {
        edifact_report(rd, seg, true, "flight", "TDT without a flight number");
        return;
    }
    /* The journey identifier is carrier + number ("UA0989", "CA339"). */
    if (!carrier[0] && strlen(journey) > 2)
        edifact_put(carrier, sizeof carrier, 0, journey, 2);
    const char *number = journey;
    if (carrier[0] && strncmp(journey, carrier, strlen(carrier)) == 0)
        number = journey + strlen(carrier);
    leg->carrier = edifact_strdup(rd, carrier);
    leg->flight = edifact_flight(rd, carrier, number);
}

static void set_airport(char out[4], const char *code)
{
    edifact_copy(out, 4, code);
}

/* "YYMMDDHHMM" (201), "CCYYMMDDHHMM" (203), "YYMMDD", "CCYYMMDD" → time. */
static int64_t flight_time(edifact_reader *rd, const char *v, pw_date *date_out)
{
    size_t n = strlen(v);
    char date[16] = "", hhmm[8] = "";
    if (n == 10 || n == 6) {
        memcpy(date, v, 6);
        date[6] = '\0';
        if (n == 10)
            memcpy(hhmm, v + 6, 5);
    } else if (n == 12 || n == 8) {
        memcpy(date, v, 8);
        date[8] = '\0';
        if (n == 12)
            memcpy(hhmm, v + 8, 5);
    } else {
        return 0;
    }
    pw_date d;
    if (!edifact_date_ymd(date, rd->ref_date, YEAR_NEAR, &d))
        return 0;
    if (date_out)
        *date_out = d;
    return edifact_epoch(d, hhmm);
}

static void read_header_loc(paxlst_state *st, const pw_edifact_segment *seg, const char *qual)
{
    pw_leg *leg = current_leg(st);
    if (!leg)
        return;
    char code[16];
    pw_edifact_value(seg, 1, 0, code, sizeof code);
    if (strcmp(qual, "125") == 0)
        set_airport(leg->dep_airport, code);
    else if (strcmp(qual, "87") == 0)
        set_airport(leg->arr_airport, code);
    else if (strcmp(qual, "92") == 0) {
        if (!leg->dep_airport[0])
            set_airport(leg->dep_airport, code);
        else
            set_airport(leg->arr_airport, code);
    }
}

static void read_header_dtm(edifact_reader *rd, paxlst_state *st, const pw_edifact_segment *seg,
                            const char *qual)
{
    pw_leg *leg = current_leg(st);
    char v[32];
    pw_edifact_value(seg, 0, 1, v, sizeof v);
    if (!leg || (strcmp(qual, "189") != 0 && strcmp(qual, "232") != 0))
        return;
    pw_date d = {0, 0, 0};
    int64_t t = flight_time(rd, v, &d);
    if (!t) {
        edifact_report(rd, seg, true, "date", "flight date/time '%s' is not valid", v);
        return;
    }
    if (!rd->ref_date.year)
        rd->ref_date = d;
    if (qual[0] == '1')
        leg->dep_time = t;
    else
        leg->arr_time = t;
}

static void start_traveler(edifact_reader *rd, paxlst_state *st, const pw_edifact_segment *seg,
                           const char *qual)
{
    commit(rd, st);
    memset(&st->cur, 0, sizeof st->cur);
    st->have = true;
    st->skip = false;
    st->cap_docs = 0;
    st->avf = NULL;
    st->seq++;
    pw_traveler *t = &st->cur;
    if (strcmp(qual, "FM") == 0 || strcmp(qual, "DDU") == 0 || st->crew_list) {
        t->role = PW_ROLE_CREW;
        st->seen_crew++;
    } else {
        t->role = strcmp(qual, "DDT") == 0 ? PW_ROLE_TRANSIT : PW_ROLE_PASSENGER;
        st->seen_passengers++;
    }
    t->source.file = rd->name;
    t->source.message_ref = rd->message_ref;
    t->source.sender = st->reporting ? st->reporting : rd->sender;
    t->source.segment = seg->number;
    t->source.line = seg->line;

    char surname[256], given[520], middle[256];
    pw_edifact_value(seg, 3, 0, surname, sizeof surname);
    pw_edifact_value(seg, 3, 1, given, 256);
    pw_edifact_value(seg, 3, 2, middle, sizeof middle);
    if (!surname[0]) {
        edifact_report(rd, seg, false, "name", "NAD %s without a surname; traveler rejected", qual);
        reject(rd, st);
        return;
    }
    if (given[0] && middle[0]) {
        size_t n = strlen(given);
        n = edifact_put(given, sizeof given, n, " ", 1);
        edifact_put(given, sizeof given, n, middle, SIZE_MAX);
    } else if (middle[0]) {
        edifact_copy(given, sizeof given, middle);
    }
    if (!given[0] && strchr(surname, ' '))
        t->name = edifact_strdup(rd, surname);     /* one unsplit name */
    else
        t->surname = edifact_strdup(rd, surname);
    t->given_names = edifact_strdup(rd, given);
    if (strcmp(surname, "TBA") == 0 || strcmp(given, "TBA") == 0)
        t->placeholder = true;
}

static pw_document *current_doc(paxlst_state *st)
{
    return st->cur.n_docs ? &st->cur.docs[st->cur.n_docs - 1] : NULL;
}

/* A segment of the traveler being read; q: its first component (the qualifier). */
static void read_traveler_segment(edifact_reader *rd, paxlst_state *st, const pw_edifact_segment *seg,
                                  const char *q)
{
    pw_traveler *t = &st->cur;
    char v[256];
    const char *tag = seg->tag;
    if (memcmp(tag, "ATT", 4) == 0) {
        pw_edifact_value(seg, 2, 0, v, sizeof v);
        if (strcmp(q, "2") != 0)
            return;
        if (strcmp(v, "M") == 0 || strcmp(v, "F") == 0 || strcmp(v, "X") == 0)
            t->sex = v[0];
        else if (strcmp(v, "U") != 0 && v[0])
            edifact_report(rd, seg, true, "sex", "unknown sex code '%s'", v);
    } else if (memcmp(tag, "DTM", 4) == 0) {
        pw_edifact_value(seg, 0, 1, v, sizeof v);
        if (!v[0])
            return;
        pw_date d;
        if (strcmp(q, "329") == 0) {
            if (edifact_date_ymd(v, rd->ref_date, YEAR_BIRTH, &d))
                t->dob = d;
            else
                edifact_report(rd, seg, true, "date of birth", "'%s' is not a date", v);
        } else if (strcmp(q, "36") == 0) {
            pw_document *doc = current_doc(st);
            if (!edifact_date_ymd(v, rd->ref_date, YEAR_NEAR, &d))
                edifact_report(rd, seg, true, "expiry", "'%s' is not a date", v);
            else if (doc)
                doc->expiry = d;
        } else if (strcmp(q, "182") == 0) {
            if (!edifact_date_ymd(v, rd->ref_date, YEAR_NEAR, &d))
                edifact_report(rd, seg, true, "issue date", "'%s' is not a date", v);
        }
    } else if (memcmp(tag, "LOC", 4) == 0) {
        pw_edifact_value(seg, 1, 0, v, sizeof v);
        char c3[4];
        if (strcmp(q, "174") == 0 && v[0]) {
            if (edifact_country(rd, v, c3))
                memcpy(t->residence, c3, 4);
            else
                edifact_report(rd, seg, true, "residence", "unknown country '%s'", v);
        } else if (strcmp(q, "180") == 0) {
            char place[256];
            pw_edifact_value(seg, 1, 3, place, sizeof place);
            t->birth_place = edifact_strdup(rd, place[0] ? place : v);
        } else if (strcmp(q, "91") == 0 && v[0]) {
            pw_document *doc = current_doc(st);
            if (doc && edifact_country(rd, v, c3))
                memcpy(doc->country, c3, 4);
            else if (doc)
                edifact_report(rd, seg, true, "issuing country", "unknown country '%s'", v);
        }
    } else if (memcmp(tag, "NAT", 4) == 0) {
        pw_edifact_value(seg, 1, 0, v, sizeof v);
        char c3[4];
        if (v[0] && edifact_country(rd, v, c3))
            memcpy(t->nationality, c3, 4);
        else if (v[0])
            edifact_report(rd, seg, true, "nationality", "unknown country '%s'", v);
    } else if (memcmp(tag, "RFF", 4) == 0) {
        pw_edifact_value(seg, 0, 1, v, sizeof v);
        if (strcmp(q, "AVF") == 0 && v[0])
            st->avf = edifact_strdup(rd, v);
        else if (strcmp(q, "SEA") == 0 && v[0])
            t->seat = edifact_strdup(rd, v);
    } else if (memcmp(tag, "DOC", 4) == 0) {
        char number[128];
        pw_edifact_value(seg, 1, 0, number, sizeof number);
        if (!number[0]) {
            edifact_report(rd, seg, true, "document number", "DOC without a document number ignored");
            return;
        }
        pw_document *doc = edifact_append(rd->arena, (void **)&t->docs, &t->n_docs, &st->cap_docs, sizeof *doc);
        if (!doc)
            return;
        edifact_copy(doc->type, sizeof doc->type, q);
        doc->number = edifact_strdup(rd, number);
    } else if (memcmp(tag, "MEA", 4) == 0) {
        /* MEA+CT++1 or MEA+CT++:1 (count); MEA+WT++KGM:10 (weight). */
        if (!pw_edifact_value(seg, 2, 1, v, sizeof v))
            pw_edifact_value(seg, 2, 0, v, sizeof v);
        if (strcmp(q, "CT") == 0)
            t->bags = (unsigned)strtoul(v, NULL, 10);
    } else if (memcmp(tag, "FTX", 4) == 0) {
        pw_edifact_value(seg, 3, 1, v, sizeof v);
        if (strcmp(q, "BAG") == 0 && !t->bags && v[0])
            t->bags = (unsigned)strtoul(v, NULL, 10);
    }
}

static void read_cnt(paxlst_state *st, const pw_edifact_segment *seg)
{
    char q[8], v[32];
    pw_edifact_value(seg, 0, 0, q, sizeof q);
    pw_edifact_value(seg, 0, 1, v, sizeof v);
    if (!v[0])
        pw_edifact_value(seg, 1, 0, v, sizeof v);     /* "CNT+41+8" */
    long n = v[0] ? strtol(v, NULL, 10) : -1;
    if (strcmp(q, "42") == 0)
        st->cnt_passengers = n;
    else if (strcmp(q, "41") == 0)
        st->cnt_crew = n;
    st->cnt_segment = seg->number;
}

void paxlst_segment(edifact_reader *rd, const pw_edifact_segment *seg)
{
    paxlst_state *st = state(rd);
    if (!st)
        return;
    if (seg->problem) {
        edifact_report(rd, seg, false, NULL, "%s%s", seg->problem,
                       st->have && !st->skip ? "; traveler rejected" : "; segment skipped");
        reject(rd, st);
        return;
    }
    const char *tag = seg->tag;
    char q[16];
    pw_edifact_value(seg, 0, 0, q, sizeof q);
    if (memcmp(tag, "NAD", 4) == 0) {
        if (strcmp(q, "FL") == 0 || strcmp(q, "FM") == 0 || strcmp(q, "DDT") == 0 || strcmp(q, "DDU") == 0) {
            start_traveler(rd, st, seg, q);
            return;
        }
        if (strcmp(q, "MS") == 0 && !st->have) {
            st->reporting = edifact_dup(rd, seg, 3, 0);
            return;
        }
    }
    if (memcmp(tag, "CNT", 4) == 0) {
        commit(rd, st);
        read_cnt(st, seg);
        return;
    }
    if (st->have) {
        if (!st->skip)
            read_traveler_segment(rd, st, seg, q);
        return;
    }
    /* The header. */
    if (memcmp(tag, "BGM", 4) == 0) {
        if (strcmp(q, "250") == 0 || strcmp(q, "266") == 0 || strcmp(q, "336") == 0)
            st->crew_list = true;
        else if (strcmp(q, "745") != 0)
            edifact_report(rd, seg, true, "document", "unknown PAXLST document code '%s'", q);
    } else if (memcmp(tag, "TDT", 4) == 0) {
        read_tdt(rd, st, seg);
    } else if (memcmp(tag, "LOC", 4) == 0) {
        read_header_loc(st, seg, q);
    } else if (memcmp(tag, "DTM", 4) == 0) {
        read_header_dtm(rd, st, seg, q);
    }
}

void paxlst_end(edifact_reader *rd, bool final)
{
    paxlst_state *st = state(rd);
    if (!st)
        return;
    commit(rd, st);
    if (!final)
        return;
    edifact_where at = {st->cnt_segment, "CNT"};
    if (st->cnt_passengers >= 0 && st->cnt_passengers != (long)st->seen_passengers)
        edifact_report_at(rd, at, true, "count", "CNT gives %ld passengers, the message holds %u",
                       st->cnt_passengers, st->seen_passengers);
    if (st->cnt_crew >= 0 && st->cnt_crew != (long)st->seen_crew)
        edifact_report_at(rd, at, true, "count", "CNT gives %ld crew, the message holds %u", st->cnt_crew,
                       st->seen_crew);
    if (!st->seen_passengers && !st->seen_crew)
        edifact_report(rd, NULL, true, NULL, "PAXLST message %s holds no travelers",
                       rd->message_ref ? rd->message_ref : "");
}

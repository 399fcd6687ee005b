/*
 * pnrgov.c — PNRGOV (IATA/WCO/ICAO PNRGOV message implementation guide,
 * version 11.1; 10.1 and 13.1 as found) to travelers with their booking.
 *
 * Message: MSG, ORG (sender), TVL (the flight), EQN (number of PNRs). Then per
 * PNR (SRC): RCI (record locator, creation time), DAT (700 last transaction,
 * 710 ticketing), ORG (booking agency), ADD and IFT CTC* (contacts), then per
 * traveler TIF (name, type, reference) with FTI, IFT, REF, FAR, SSR
 * DOCS/DOCO/DOCA/INFT, TKT, MON, PTK, TXD, DAT, FOP (payment); then the
 * itinerary TVL (codeshare: TVL+++++N or TRA after it) with RPI, APD, SSR
 * (SEAT, DOCS with a traveler reference), and check-in data TRI/TIF/SSD/TBD
 * (seat, bags); history (ABI, SAC, LTS) is skipped.
 *
 * Reconciliation at the end of each PNR: SSR DOCS records go to the traveler
 * named by their reference, else by name, else to the TIF before them (the
 * name in DOCS wins over TIF, being the document's); infants (TIF type IN,
 * SSR INFT, DOCS sex MI/FI) are attached to their adult; group names (TIF
 * qualifier G) are not travelers; TBA names are placeholders. Titles are taken
 * off given names here (edifact_strip_title) rather than by the text module,
 * so that the booking's names come out clean whatever screens them next.
 *
 * Card numbers from FOP are never kept: only a BLAKE2b hash (libsodium
 * crypto_generichash, hex) in booking->card_hash.
 *
 * Sensitive data (Directive (EU) 2016/681 Art. 13(4)): every SSR and every
 * free text read (IFT that is not a contact or an address: OSI, remarks) is
 * put to pw_ssr_filter first; what it drops (special meals, medical and
 * assistance codes, free text) is counted in the stats and in the batch and
 * nothing of it is kept.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "edifact.h"

#define NAME_MAX_LEN 128
#define GIVEN_MAX_LEN (NAME_MAX_LEN * 2 + 4)

typedef struct person {
    pw_traveler t;
    size_t cap_docs;
    char ref[24];
    char surname[NAME_MAX_LEN];     /* as TIF gave it, title taken off */
    char given[GIVEN_MAX_LEN];
    char tif_given[GIVEN_MAX_LEN];  /* the TIF's, kept for matching once DOCS replaced it */
    const char *title;
    bool infant;
    int adult;                      /* index of the adult for an infant, -1 */
    bool has_docs;
    bool rejected;
} person;

typedef struct docs_record {
    char kind;                      /* 'S' DOCS, 'O' DOCO, 'A' DOCA, 'I' INFT */
    char ref[24];
    int context;                    /* the TIF before it, -1 */
    unsigned segment;
    char fields[12][NAME_MAX_LEN];
    unsigned n_fields;
} docs_record;

/* Check-in data (TRI, TIF, SSD, TBD), applied once the travelers are known. */
typedef struct checkin_record {
    char ref[24];
    char surname[NAME_MAX_LEN];
    char given[GIVEN_MAX_LEN];
    char seat[16];
    unsigned bags;
    unsigned segment;
} checkin_record;

struct pnrgov_state {
    pw_leg msg_leg;
    bool have_msg_leg;
    long eqn;
    unsigned eqn_segment;
    unsigned pnrs;
    /* the PNR being read */
    bool in_pnr;
    unsigned src_segment;
    pw_booking *booking;
    size_t cap_phones, cap_emails, cap_addresses, cap_legs;
    person *people;
    size_t n_people, cap_people;
    docs_record *docs;
    size_t n_docs, cap_docs;
    checkin_record *checkins;
    size_t n_checkins, cap_checkins;
    int context;
    enum { SEC_NAMES, SEC_ITINERARY, SEC_CHECKIN, SEC_HISTORY } section;
    bool locator_set;
    bool agency_set;
};

static pnrgov_state *state(edifact_reader *rd)
{
    if (!rd->pnrgov)
        rd->pnrgov = calloc(1, sizeof *rd->pnrgov);
    return rd->pnrgov;
}

void pnrgov_free(edifact_reader *rd)
{
    if (rd->pnrgov) {
        free(rd->pnrgov->people);
        free(rd->pnrgov->docs);
        free(rd->pnrgov->checkins);
        free(rd->pnrgov);
        rd->pnrgov = NULL;
    }
}

static void get(const pw_edifact_segment *seg, unsigned e, unsigned c, char *out, size_t cap)
{
    pw_edifact_value(seg, e, c, out, cap);
}

static void upper(char *s)
{
    for (; *s; s++)
        *s = edifact_upper(*s);
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    size_t k = 0;
    while (s[k] == ' ' || s[k] == '\t')
        k++;
    if (k)
        memmove(s, s + k, n - k + 1);
}

/* An SSR field: the n bytes at s truncated to NAME_MAX_LEN - 1, without
 * surrounding blanks, in capitals. */
static void copy_field(char out[NAME_MAX_LEN], const char *s, size_t n)
{
    if (n > NAME_MAX_LEN - 1)
        n = NAME_MAX_LEN - 1;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    while (n && (*s == ' ' || *s == '\t')) {
        s++;
        n--;
    }
    for (size_t i = 0; i < n; i++)
        out[i] = edifact_upper(s[i]);
    out[n] = '\0';
}

/* Letters and digits only, upper case: "TESTSURNA MEONE" = "TESTSURNAMEONE".
 * Returns the length. */
static size_t squash(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; *s && n + 1 < cap; s++)
        if (isalnum((unsigned char)*s))
            out[n++] = (char)toupper((unsigned char)*s);
    out[n] = '\0';
    return n;
}

/* The next letter or digit of *s in capitals (0 at the end), as squash reads
 * it (ASCII: isalnum and toupper of the C locale the library runs in). */
static inline int next_alnum(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    for (;; p++) {
        unsigned c = *p;
        if (!c) {
            *s = (const char *)p;
            return 0;
        }
        if ((c | 0x20) - 'a' < 26) {
            *s = (const char *)p + 1;
            return (int)(c & ~0x20u);
        }
        if (c - '0' < 10) {
            *s = (const char *)p + 1;
            return (int)c;
        }
    }
}

static size_t count_spaces(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += *s == ' ';
    return n;
}

/* ---------------------------------------------------------------- booking */

static void add_string(edifact_reader *rd, const char ***arr, size_t *n, size_t *cap, const char *s)
{
    if (!s || !*s)
        return;
    for (size_t i = 0; i < *n; i++)
        if (strcmp((*arr)[i], s) == 0)
            return;
    const char **slot = edifact_append(rd->arena, (void **)arr, n, cap, sizeof *slot);
    if (slot)
        *slot = edifact_strdup(rd, s);
}

/* The digits of each number in a text; letters separate numbers
 * ("H5555555555 W 1 555 555 5555" holds two). */
static void add_phone(edifact_reader *rd, pnrgov_state *st, const char *text)
{
    char digits[40];
    size_t n = 0;
    for (const char *p = text;; p++) {
        if (!*p || isalpha((unsigned char)*p)) {
            digits[n] = '\0';
            if (n >= 5)
                add_string(rd, &st->booking->phones, &st->booking->n_phones, &st->cap_phones, digits);
            n = 0;
            if (!*p)
                break;
        } else if (isdigit((unsigned char)*p) && n + 1 < sizeof digits) {
            digits[n++] = *p;
        }
    }
}

/* IATA contact e-mail: "//" is '@', ".." is '_', "./" is '-'. */
static void add_email(edifact_reader *rd, pnrgov_state *st, const char *text)
{
    char out[256];
    size_t n = 0;
    for (const char *p = text; *p && n + 1 < sizeof out; p++) {
        if (p[0] == '/' && p[1] == '/') {
            out[n++] = '@';
            p++;
        } else if (p[0] == '.' && p[1] == '.') {
            out[n++] = '_';
            p++;
        } else if (p[0] == '.' && p[1] == '/') {
            out[n++] = '-';
            p++;
        } else if (*p != ' ') {
            out[n++] = (char)tolower((unsigned char)*p);
        }
    }
    out[n] = '\0';
    if (strchr(out, '@'))
        add_string(rd, &st->booking->emails, &st->booking->n_emails, &st->cap_emails, out);
}

/* The CTC element of a contact text ("CTCE ...", "YY CTCM ..."), else NULL. */
static const char *contact_start(const char *text)
{
    const char *p = text;
    while (*p == ' ')
        p++;
    if (strncmp(p, "CTC", 3) == 0)
        return p;
    if (strlen(p) > 7 && p[2] == ' ' && strncmp(p + 3, "CTC", 3) == 0)
        return p + 3;
    return NULL;
}

/* An element the sensitive-data filter drops is counted and not kept:
 * true when the caller must drop it. */
static bool drop_sensitive(edifact_reader *rd, const char *code, const char *text)
{
    if (pw_ssr_filter(code, text) == PW_SSR_KEEP)
        return false;
    rd->stats.sensitive_dropped++;
    rd->batch->sensitive_dropped++;
    return true;
}

/* Free text "CTCE ...", "CTCM ...", "CTC M ...", "AM CTCP ...", "CTCBOG ...". */
static void read_contact(edifact_reader *rd, pnrgov_state *st, const char *text)
{
    const char *p = contact_start(text);
    if (!p)
        return;
    p += 3;
    if (*p == 'E' && p[1] == ' ') {
        add_email(rd, st, p + 2);
        return;
    }
    add_phone(rd, st, p);
}

static void read_add(edifact_reader *rd, pnrgov_state *st, const pw_edifact_segment *seg)
{
    char part[256], addr[768] = "";
    size_t len = 0;
    for (unsigned c = 1; c <= 6; c++) {
        get(seg, 1, c, part, sizeof part);
        trim(part);
        if (!part[0])
            continue;
        len = edifact_put(addr, sizeof addr, len, len ? ", " : "", SIZE_MAX);
        len = edifact_put(addr, sizeof addr, len, part, SIZE_MAX);
    }
    add_string(rd, &st->booking->addresses, &st->booking->n_addresses, &st->cap_addresses, addr);
    get(seg, 1, 7, part, sizeof part);
    if (part[0]) {
        if (strstr(part, "CTC"))
            read_contact(rd, st, strstr(part, "CTC"));
        else
            add_phone(rd, st, part);
    }
}

static void read_ift(edifact_reader *rd, pnrgov_state *st, const pw_edifact_segment *seg)
{
    char q[8], text[512];
    get(seg, 0, 1, q, sizeof q);
    get(seg, 1, 0, text, sizeof text);
    if (strcmp(q, "43") == 0) {
        char addr[512], phone[128];
        get(seg, 2, 0, addr, sizeof addr);
        get(seg, 3, 0, phone, sizeof phone);
        trim(addr);
        add_string(rd, &st->booking->addresses, &st->booking->n_addresses, &st->cap_addresses, addr);
        add_phone(rd, st, phone);
        return;
    }
    /* A contact is kept; any other text (OSI 4:28, remarks, ...) is free
     * text, which the filter drops. */
    if (contact_start(text))
        read_contact(rd, st, text);
    else if (text[0])
        drop_sensitive(rd, strcmp(q, "28") == 0 ? "OSI" : NULL, text);
}

static void read_fop(edifact_reader *rd, pnrgov_state *st, const pw_edifact_segment *seg)
{
    char type[16], card[64];
    get(seg, 0, 0, type, sizeof type);
    get(seg, 0, 4, card, sizeof card);
    if (type[0] && !st->booking->payment_type)
        st->booking->payment_type = edifact_strdup(rd, type);
    if (card[0] && !st->booking->card_hash) {
        unsigned char h[32];
        char hex[65];
        crypto_generichash(h, sizeof h, (const unsigned char *)card, strlen(card), NULL, 0);
        sodium_bin2hex(hex, sizeof hex, h, sizeof h);
        st->booking->card_hash = edifact_strdup(rd, hex);
        sodium_memzero(card, sizeof card);
    }
}

/* "DDMMYY" + "HHMM" → time. */
static int64_t pnr_time(edifact_reader *rd, const char *date, const char *hhmm)
{
    pw_date d;
    if (!edifact_date_dmy(date, rd->ref_date, YEAR_NEAR, &d))
        return 0;
    return edifact_epoch(d, hhmm);
}

static void read_rci(edifact_reader *rd, pnrgov_state *st, const pw_edifact_segment *seg)
{
    if (st->locator_set)
        return;
    char loc[64], c2[32], c3[32], c4[32];
    get(seg, 0, 1, loc, sizeof loc);
    get(seg, 0, 2, c2, sizeof c2);
    get(seg, 0, 3, c3, sizeof c3);
    get(seg, 0, 4, c4, sizeof c4);
    if (!loc[0]) {
        edifact_report(rd, seg, true, "locator", "RCI without a record locator");
        return;
    }
    st->locator_set = true;
    st->booking->locator = edifact_strdup(rd, loc);
    /* Company:locator:type:date:time; some senders leave out the type. */
    if (strlen(c2) == 6 && pnr_time(rd, c2, c3))
        st->booking->created = pnr_time(rd, c2, c3);
    else if (c3[0]) {
        int64_t t = pnr_time(rd, c3, c4);
        if (t)
            st->booking->created = t;
        else
            edifact_report(rd, seg, true, "date", "RCI creation date '%s' is not a date", c3);
    }
}

static void read_dat(edifact_reader *rd, pnrgov_state *st, const pw_edifact_segment *seg)
{
    for (unsigned e = 0; e < seg->n_elements; e++) {
        char q[8], date[16], hhmm[8];
        get(seg, e, 0, q, sizeof q);
        get(seg, e, 1, date, sizeof date);
        get(seg, e, 2, hhmm, sizeof hhmm);
        if (strcmp(q, "710") == 0 && date[0] && !st->booking->booked)
            st->booking->booked = pnr_time(rd, date, hhmm);
    }
}

static void read_org(edifact_reader *rd, pnrgov_state *st, const pw_edifact_segment *seg)
{
    if (st->agency_set)
        return;
    char sys[16], loc[16], iata[32], office[32], buf[80];
    get(seg, 0, 0, sys, sizeof sys);
    get(seg, 0, 1, loc, sizeof loc);
    get(seg, 1, 0, iata, sizeof iata);
    get(seg, 1, 1, office, sizeof office);
    if (office[0]) {
        edifact_copy(buf, sizeof buf, office);
    } else if (iata[0]) {
        edifact_copy(buf, sizeof buf, iata);
    } else if (sys[0]) {
        size_t n = edifact_copy(buf, sizeof buf, sys);
        n = edifact_put(buf, sizeof buf, n, loc[0] ? ":" : "", SIZE_MAX);
        edifact_put(buf, sizeof buf, n, loc, SIZE_MAX);
    } else {
        return;
    }
    st->booking->agency = edifact_strdup(rd, buf);
    st->agency_set = true;
}

/* TVL: dates:times + from + to + carrier(:operating) + number(:class). */
static bool read_leg(edifact_reader *rd, const pw_edifact_segment *seg, pw_leg *leg, bool *continuation)
{
    char dd[16], dt[16], ad[16], at[16], from[16], to[16], mk[16], op[16], num[16];
    get(seg, 0, 0, dd, sizeof dd);
    get(seg, 0, 1, dt, sizeof dt);
    get(seg, 0, 2, ad, sizeof ad);
    get(seg, 0, 3, at, sizeof at);
    get(seg, 1, 0, from, sizeof from);
    get(seg, 2, 0, to, sizeof to);
    get(seg, 3, 0, mk, sizeof mk);
    get(seg, 3, 1, op, sizeof op);
    get(seg, 4, 0, num, sizeof num);
    *continuation = false;
    memset(leg, 0, sizeof *leg);
    if (!from[0] && !to[0] && !dd[0] && num[0]) {
        *continuation = true;      /* "TVL+++++474:U": the operating flight of the leg before */
        leg->flight = edifact_flight(rd, NULL, num);
        return true;
    }
    if (!from[0] || !to[0])
        return false;
    /* "120518:1220:1505": the third component is the arrival time when it has four digits. */
    if (strlen(ad) == 4 && !at[0]) {
        memcpy(at, ad, 5);
        ad[0] = '\0';
    }
    leg->dep_time = pnr_time(rd, dd, dt);
    leg->arr_time = pnr_time(rd, ad[0] ? ad : dd, at);
    if (dd[0] && !leg->dep_time)
        edifact_report(rd, seg, true, "date", "TVL departure date '%s' is not a date", dd);
    edifact_copy(leg->dep_airport, sizeof leg->dep_airport, from);
    edifact_copy(leg->arr_airport, sizeof leg->arr_airport, to);
    leg->carrier = edifact_strdup(rd, mk);
    leg->flight = edifact_flight(rd, mk, num);
    if (op[0] && strcmp(op, mk) != 0)
        leg->operating = edifact_strdup(rd, op);    /* carrier only, until TVL+++++N or TRA */
    return true;
}

static void read_tvl(edifact_reader *rd, pnrgov_state *st, const pw_edifact_segment *seg)
{
    pw_leg leg;
    bool continuation;
    if (!read_leg(rd, seg, &leg, &continuation))
        return;     /* a hotel or car segment, or no airports */
    pw_booking *b = st->booking;
    if (continuation) {
        if (!b->n_legs)
            return;
        pw_leg *last = &b->legs[b->n_legs - 1];
        char num[16];
        get(seg, 4, 0, num, sizeof num);
        last->operating = edifact_flight(rd, last->operating ? last->operating : last->carrier, num);
        return;
    }
    pw_leg *slot = edifact_append(rd->arena, (void **)&b->legs, &b->n_legs, &st->cap_legs, sizeof *slot);
    if (slot)
        *slot = leg;
}

static void read_tra(edifact_reader *rd, pnrgov_state *st, const pw_edifact_segment *seg)
{
    pw_booking *b = st->booking;
    if (!b->n_legs)
        return;
    char carrier[16], num[16];
    get(seg, 0, 0, carrier, sizeof carrier);
    get(seg, 1, 0, num, sizeof num);
    if (carrier[0] && num[0])
        b->legs[b->n_legs - 1].operating = edifact_flight(rd, carrier, num);
}

/* ----------------------------------------------------------------- people */

static person *new_person(pnrgov_state *st)
{
    if (st->n_people == st->cap_people) {
        size_t ncap = st->cap_people ? st->cap_people * 2 : 8;
        person *np = realloc(st->people, ncap * sizeof *np);
        if (!np)
            return NULL;
        st->people = np;
        st->cap_people = ncap;
    }
    person *p = &st->people[st->n_people++];
    memset(p, 0, sizeof *p);
    p->adult = -1;
    return p;
}

static bool names_agree(const char *s1, const char *g1, const char *s2, const char *g2)
{
    /* The surnames squashed are equal (and not empty); then the given names
     * squashed, where both are known, agree as far as the shorter goes (JOHN,
     * JOHNPAUL). As squash does, at most NAME_MAX_LEN - 1 characters count. */
    size_t k = 0;
    for (;; k++) {
        int a = k < NAME_MAX_LEN - 1 ? next_alnum(&s1) : 0;
        int b = k < NAME_MAX_LEN - 1 ? next_alnum(&s2) : 0;
        if (a != b)
            return false;
        if (!a)
            break;
    }
    if (!k)
        return false;
    for (k = 0; k < NAME_MAX_LEN - 1; k++) {
        int a = next_alnum(&g1), b = next_alnum(&g2);
        if (!a || !b)
            return true;
        if (a != b)
            return false;
    }
    return true;
}

static bool person_agrees(const person *p, const char *surname, const char *given)
{
    return names_agree(p->surname, p->given, surname, given) ||
           (p->tif_given[0] && names_agree(p->surname, p->tif_given, surname, given));
}

static int find_by_ref(const pnrgov_state *st, const char *ref)
{
    if (!ref[0])
        return -1;
    for (size_t i = 0; i < st->n_people; i++)
        if (strcmp(st->people[i].ref, ref) == 0)
            return (int)i;
    return -1;
}

static int find_by_name(const pnrgov_state *st, const char *surname, const char *given)
{
    for (size_t i = 0; i < st->n_people; i++)
        if (person_agrees(&st->people[i], surname, given))
            return (int)i;
    return -1;
}

/* TIF+surname:qualifier+given:type:reference:infant-indicator */
static void read_tif(edifact_reader *rd, pnrgov_state *st, const pw_edifact_segment *seg)
{
    char surname[NAME_MAX_LEN], qual[8], given[NAME_MAX_LEN], type[8], ref[24];
    get(seg, 0, 0, surname, sizeof surname);
    get(seg, 0, 1, qual, sizeof qual);
    get(seg, 1, 0, given, sizeof given);
    get(seg, 1, 1, type, sizeof type);
    get(seg, 1, 2, ref, sizeof ref);
    trim(surname);
    trim(given);
    upper(surname);
    upper(given);
    if (st->section == SEC_HISTORY)
        return;
    char gcopy[NAME_MAX_LEN];
    edifact_copy(gcopy, sizeof gcopy, given);
    const char *title = edifact_strip_title(gcopy, 0);
    if (st->section == SEC_CHECKIN) {
        if (st->n_checkins) {
            checkin_record *c = &st->checkins[st->n_checkins - 1];
            edifact_copy(c->ref, sizeof c->ref, ref);
            edifact_copy(c->surname, sizeof c->surname, surname);
            edifact_copy(c->given, sizeof c->given, gcopy);
            c->segment = seg->number;
        }
        return;
    }
    if (strcmp(qual, "G") == 0) {
        st->context = -1;        /* a group name, not a traveler */
        return;
    }
    if (!surname[0]) {
        edifact_report(rd, seg, false, "name", "TIF without a surname; traveler rejected");
        rd->batch->rejected++;
        st->context = -1;
        return;
    }
    int existing = find_by_ref(st, ref);
    if (existing >= 0 && person_agrees(&st->people[existing], surname, gcopy)) {
        st->context = existing;
        return;
    }
    if (existing < 0 && st->section != SEC_NAMES) {
        existing = find_by_name(st, surname, gcopy);
        if (existing >= 0) {
            st->context = existing;
            return;
        }
    }
    person *p = new_person(st);
    if (!p)
        return;
    st->context = (int)(p - st->people);
    edifact_copy(p->surname, sizeof p->surname, surname);
    edifact_copy(p->given, sizeof p->given, gcopy);
    edifact_copy(p->tif_given, sizeof p->tif_given, gcopy);
    edifact_copy(p->ref, sizeof p->ref, ref);
    p->title = title;
    p->t.source.segment = seg->number;
    p->t.source.line = seg->line;
    p->infant = strcmp(type, "IN") == 0 || strcmp(type, "INF") == 0;
    if (p->infant) {
        /* Until an SSR INFT says otherwise: the adult listed before. */
        for (int i = st->context - 1; i >= 0; i--)
            if (!st->people[i].infant) {
                p->adult = i;
                break;
            }
    }
}

/* SSR text: the free text (component 8, else the last one), without the leading '/'. */
static void ssr_text(const pw_edifact_segment *seg, char *out, size_t cap)
{
    get(seg, 0, 8, out, cap);
    if (!out[0]) {
        unsigned n = pw_edifact_components(seg, 0);
        if (n > 4)
            get(seg, 0, n - 1, out, cap);
    }
}

static void read_ssr(edifact_reader *rd, pnrgov_state *st, const pw_edifact_segment *seg)
{
    if (st->section == SEC_HISTORY)
        return;
    char code[8], text[1024];
    get(seg, 0, 0, code, sizeof code);
    ssr_text(seg, text, sizeof text);
    if (drop_sensitive(rd, code, text))
        return;
    if (strcmp(code, "SEAT") == 0) {
        for (unsigned e = 1; e < seg->n_elements; e++) {
            char seat[16], ref[24];
            get(seg, e, 0, seat, sizeof seat);
            get(seg, e, 2, ref, sizeof ref);
            int i = find_by_ref(st, ref);
            if (i >= 0 && seat[0] && strcmp(seat, "XXX") != 0 && !st->people[i].t.seat)
                st->people[i].t.seat = edifact_strdup(rd, seat);
        }
        return;
    }
    char kind = strcmp(code, "DOCS") == 0 ? 'S' : strcmp(code, "DOCO") == 0 ? 'O'
              : strcmp(code, "DOCA") == 0 ? 'A' : strcmp(code, "INFT") == 0 ? 'I' : 0;
    if (!kind)
        return;
    if (st->n_docs == st->cap_docs) {
        size_t ncap = st->cap_docs ? st->cap_docs * 2 : 8;
        docs_record *nd = realloc(st->docs, ncap * sizeof *nd);
        if (!nd)
            return;
        st->docs = nd;
        st->cap_docs = ncap;
    }
    docs_record *d = &st->docs[st->n_docs++];
    d->kind = kind;
    d->context = st->context;
    d->segment = seg->number;
    d->n_fields = 0;
    get(seg, 1, 2, d->ref, sizeof d->ref);
    const char *p = text[0] == '/' && kind != 'I' ? text + 1 : text;
    /* Split on '/', keeping empty fields. */
    while (d->n_fields < 12) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        copy_field(d->fields[d->n_fields], p, n);
        d->n_fields++;
        if (!slash)
            break;
        p = slash + 1;
    }
    for (unsigned i = d->n_fields; i < sizeof d->fields / sizeof *d->fields; i++)
        d->fields[i][0] = '\0';    /* fields not given read as empty */
}

/* Given name in DOCS may carry a title glued at either end (MOLLYMRS,
 * MRJONATHON); a glued prefix is taken off only when the rest starts like
 * the TIF given name (MR+JONATHON for JOHN, not MR+INAL for MRINAL). */
static const char *clean_docs_given(char *given, char sex, const char *tif_given)
{
    const char *title = edifact_strip_title(given, sex);
    if (title)
        return title;
    static const char *const prefixes[] = {"MRS", "MR", "MS", "MISS", "MSTR"};
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t t = strlen(prefixes[i]);
        if (given[0] == prefixes[i][0] && strncmp(given, prefixes[i], t) == 0 && strlen(given) > t + 2 && tif_given[0] &&
            given[t] == tif_given[0] && strncmp(tif_given, prefixes[i], t) != 0) {
            memmove(given, given + t, strlen(given + t) + 1);
            return prefixes[i];
        }
    }
    return NULL;
}

static void add_document(edifact_reader *rd, person *p, const char *type, const char *country,
                         const char *number, pw_date expiry)
{
    if (!number[0])
        return;
    for (size_t i = 0; i < p->t.n_docs; i++)
        if (strcmp(p->t.docs[i].number, number) == 0)
            return;
    pw_document *doc = edifact_append(rd->arena, (void **)&p->t.docs, &p->t.n_docs, &p->cap_docs, sizeof *doc);
    if (!doc)
        return;
    edifact_copy(doc->type, sizeof doc->type, type[0] ? type : "P");
    char c3[4];
    if (country[0] && edifact_country(rd, country, c3))
        memcpy(doc->country, c3, 4);
    doc->number = edifact_strdup(rd, number);
    doc->expiry = expiry;
}

/* Applies an SSR DOCS record to a person. */
static void apply_docs(edifact_reader *rd, person *p, docs_record *d)
{
    char (*f)[NAME_MAX_LEN] = d->fields;
    const char *type = f[0], *issuer = f[1], *number = f[2], *nat = f[3], *dob = f[4], *sex = f[5],
               *exp = f[6], *surname = f[7];
    edifact_where at = {d->segment, "SSR"};
    pw_date dt;
    if (dob[0]) {
        if (edifact_date_dmmmy(dob, rd->ref_date, YEAR_BIRTH, &dt))
            p->t.dob = dt;
        else
            edifact_report_at(rd, at, true, "date of birth", "DOCS date of birth '%s' is not a date", dob);
    }
    if (sex[0] == 'M' || sex[0] == 'F')
        p->t.sex = sex[0];
    else if (sex[0] == 'X')
        p->t.sex = 'X';
    if (sex[0] && sex[1] == 'I')
        p->infant = true;
    char c3[4];
    if (nat[0] && edifact_country(rd, nat, c3))
        memcpy(p->t.nationality, c3, 4);
    else if (nat[0])
        edifact_report_at(rd, at, true, "nationality", "unknown country '%s'", nat);
    pw_date expiry = {0, 0, 0};
    if (exp[0] && !edifact_date_dmmmy(exp, rd->ref_date, YEAR_NEAR, &expiry))
        edifact_report_at(rd, at, true, "expiry", "DOCS expiry '%s' is not a date", exp);
    add_document(rd, p, type, issuer, number, expiry);

    /* Names: the document's, where they agree with the TIF. */
    bool surname_agrees = !p->surname[0];
    if (surname[0]) {
        char a[NAME_MAX_LEN], b[NAME_MAX_LEN];
        squash(surname, a, sizeof a);
        squash(p->surname, b, sizeof b);
        if (!p->surname[0])
            edifact_copy(p->surname, sizeof p->surname, surname);
        else if (strcmp(a, b) == 0)
            surname_agrees = true;
        if (strcmp(a, b) != 0 && b[0])
            edifact_report_at(rd, at, true, "name", "DOCS surname '%s' differs from the TIF surname '%s'",
                           surname, p->surname);
        else if (count_spaces(surname) < count_spaces(p->surname))
            edifact_copy(p->surname, sizeof p->surname, surname);
    }
    /* Given names: the document's (first, title taken off, then middle),
     * its word breaks too (SE JOON for SEJOON). */
    char first[NAME_MAX_LEN], given[GIVEN_MAX_LEN];
    edifact_copy(first, sizeof first, f[8]);
    const char *title = clean_docs_given(first, p->t.sex, p->given);
    if (title && !p->title)
        p->title = title;
    size_t n = edifact_copy(given, sizeof given, first);
    n = edifact_put(given, sizeof given, n, first[0] && f[9][0] ? " " : "", SIZE_MAX);
    edifact_put(given, sizeof given, n, f[9], SIZE_MAX);
    if (given[0] && (surname_agrees || !surname[0])) {
        edifact_copy(p->given, sizeof p->given, given);
    }
    p->has_docs = true;
}

static void apply_doco(edifact_reader *rd, person *p, docs_record *d)
{
    char (*f)[NAME_MAX_LEN] = d->fields;
    /* birth place / type / number / issue place / issue date / country where valid */
    if (f[0][0] && !p->t.birth_place)
        p->t.birth_place = edifact_strdup(rd, f[0]);
    pw_date none = {0, 0, 0};
    add_document(rd, p, f[1], f[5], f[2], none);
}

static void apply_doca(edifact_reader *rd, pnrgov_state *st, person *p, docs_record *d)
{
    char (*f)[NAME_MAX_LEN] = d->fields;
    /* R(esidence)|D(estination) / country / address / city / state / postcode */
    char addr[768] = "";
    size_t n = 0;
    for (unsigned i = 2; i < 6 && i < d->n_fields; i++) {
        if (!f[i][0])
            continue;
        n = edifact_put(addr, sizeof addr, n, n ? ", " : "", SIZE_MAX);
        n = edifact_put(addr, sizeof addr, n, f[i], SIZE_MAX);
    }
    if (f[1][0]) {
        n = edifact_put(addr, sizeof addr, n, n ? ", " : "", SIZE_MAX);
        edifact_put(addr, sizeof addr, n, f[1], SIZE_MAX);
    }
    add_string(rd, &st->booking->addresses, &st->booking->n_addresses, &st->cap_addresses, addr);
    char c3[4];
    if (p && strcmp(f[0], "R") == 0 && f[1][0] && edifact_country(rd, f[1], c3))
        memcpy(p->t.residence, c3, 4);
}

/* Which person an SSR record is about. */
static int docs_target(pnrgov_state *st, const docs_record *d, const char *surname, const char *given)
{
    int byref = find_by_ref(st, d->ref);
    if (byref >= 0 && (!surname[0] || person_agrees(&st->people[byref], surname, given)))
        return byref;
    if (surname[0]) {
        int byname = find_by_name(st, surname, given);
        if (byname >= 0)
            return byname;
    }
    if (byref >= 0 && !surname[0])
        return byref;
    if (d->context >= 0 && (size_t)d->context < st->n_people && !surname[0])
        return d->context;
    if (d->context >= 0 && (size_t)d->context < st->n_people && !st->people[d->context].has_docs &&
        !names_agree(st->people[d->context].surname, "", surname, "") && d->kind == 'S' &&
        !(d->fields[5][0] && d->fields[5][1] == 'I'))
        return -2;     /* names disagree: a traveler of its own */
    if (d->context >= 0 && (size_t)d->context < st->n_people && !st->people[d->context].has_docs &&
        !(d->fields[5][0] && d->fields[5][1] == 'I'))
        return d->context;
    return -1;
}

static void reconcile(edifact_reader *rd, pnrgov_state *st)
{
    /* DOCS first (names and dates), then DOCO/DOCA, then INFT. */
    for (int pass = 0; pass < 3; pass++) {
        for (size_t k = 0; k < st->n_docs; k++) {
            docs_record *d = &st->docs[k];
            edifact_where at = {d->segment, "SSR"};
            if (pass == 0 && d->kind == 'S') {
                char given[NAME_MAX_LEN];
                edifact_copy(given, sizeof given, d->fields[8]);
                edifact_strip_title(given, d->fields[5][0]);
                int i = docs_target(st, d, d->fields[7], given);
                if (i < 0) {
                    if (!d->fields[7][0]) {
                        edifact_report_at(rd, at, true, NULL, "SSR DOCS without a name matches no traveler; ignored");
                        continue;
                    }
                    person *p = new_person(st);
                    if (!p)
                        continue;
                    p->t.source.segment = d->segment;
                    if (d->context >= 0 && d->fields[5][0] && d->fields[5][1] == 'I') {
                        p->infant = true;
                        p->adult = d->context;
                    } else {
                        edifact_report_at(rd, at, true, NULL,
                                       "SSR DOCS for %s has no TIF; traveler taken from DOCS", d->fields[7]);
                    }
                    i = (int)(p - st->people);
                }
                apply_docs(rd, &st->people[i], d);
            } else if (pass == 1 && (d->kind == 'O' || d->kind == 'A')) {
                int i = find_by_ref(st, d->ref);
                if (i < 0)
                    i = d->context;
                if (d->kind == 'O' && i >= 0 && (size_t)i < st->n_people)
                    apply_doco(rd, &st->people[i], d);
                else if (d->kind == 'A')
                    apply_doca(rd, st, i >= 0 && (size_t)i < st->n_people ? &st->people[i] : NULL, d);
            } else if (pass == 2 && d->kind == 'I') {
                /* surname / given [DDMMMYY] [/ DDMMMYY] */
                char surname[NAME_MAX_LEN], given[NAME_MAX_LEN], dob[16] = "";
                edifact_copy(surname, sizeof surname, d->fields[0]);
                edifact_copy(given, sizeof given, d->n_fields > 1 ? d->fields[1] : "");
                if (d->n_fields > 2)
                    edifact_copy(dob, sizeof dob, d->fields[2]);
                char *sp = strrchr(given, ' ');
                pw_date dt;
                if (sp && edifact_date_dmmmy(sp + 1, rd->ref_date, YEAR_BIRTH, &dt)) {
                    edifact_copy(dob, sizeof dob, sp + 1);
                    *sp = '\0';
                }
                if (!surname[0])
                    continue;
                int adult = find_by_ref(st, d->ref);
                if (adult < 0)
                    adult = d->context;
                int i = find_by_name(st, surname, given);
                if (i < 0) {
                    person *p = new_person(st);
                    if (!p)
                        continue;
                    edifact_copy(p->surname, sizeof p->surname, surname);
                    edifact_copy(p->given, sizeof p->given, given);
                    p->t.source.segment = d->segment;
                    i = (int)(p - st->people);
                }
                person *p = &st->people[i];
                if (adult == i)
                    adult = -1;
                p->infant = true;
                if (adult >= 0)
                    p->adult = adult;
                if (dob[0] && !pw_date_known(p->t.dob) && edifact_date_dmmmy(dob, rd->ref_date, YEAR_BIRTH, &dt))
                    p->t.dob = dt;
            }
        }
    }
}

static void apply_checkins(edifact_reader *rd, pnrgov_state *st)
{
    for (size_t k = 0; k < st->n_checkins; k++) {
        const checkin_record *c = &st->checkins[k];
        if (!c->surname[0])
            continue;
        int i = find_by_ref(st, c->ref);
        if (i < 0 || !person_agrees(&st->people[i], c->surname, c->given))
            i = find_by_name(st, c->surname, c->given);
        if (i < 0) {
            edifact_where at = {c->segment, "TIF"};
            edifact_report_at(rd, at, true, NULL, "check-in record for %s %s matches no traveler", c->surname,
                              c->given);
            continue;
        }
        person *p = &st->people[i];
        if (c->seat[0] && strcmp(c->seat, "XXX") != 0)
            p->t.seat = edifact_strdup(rd, c->seat);
        if (c->bags > p->t.bags)
            p->t.bags = c->bags;
    }
}

static void start_pnr(edifact_reader *rd, pnrgov_state *st, const pw_edifact_segment *seg)
{
    st->in_pnr = true;
    st->src_segment = seg ? seg->number : 0;
    st->booking = pw_arena_alloc(rd->arena, sizeof *st->booking);
    st->cap_phones = st->cap_emails = st->cap_addresses = st->cap_legs = 0;
    st->n_people = 0;
    st->n_docs = 0;
    st->context = -1;
    st->n_checkins = 0;
    st->section = SEC_NAMES;
    st->locator_set = false;
    st->agency_set = false;
    st->pnrs++;
    rd->stats.pnrs++;
}

static void finish_pnr(edifact_reader *rd, pnrgov_state *st)
{
    if (!st->in_pnr)
        return;
    st->in_pnr = false;
    pw_booking *b = st->booking;
    if (!b)
        return;
    reconcile(rd, st);
    apply_checkins(rd, st);
    edifact_where at = {st->src_segment, "SRC"};
    if (!b->locator)
        edifact_report_at(rd, at, true, "locator", "PNR without a record locator");
    if (!st->n_people) {
        edifact_report_at(rd, at, true, NULL, "PNR %s holds no travelers", b->locator ? b->locator : "");
        return;
    }
    const pw_leg *legs = b->legs;
    size_t n_legs = b->n_legs;
    if (!n_legs && st->have_msg_leg) {
        pw_leg *copy = pw_arena_alloc(rd->arena, sizeof *copy);   /* the state does not outlive the read */
        if (copy) {
            *copy = st->msg_leg;
            legs = copy;
            n_legs = 1;
        }
    }
    /* ids[i] for the i-th person (NULL when rejected); the booking lists the kept ones. */
    const char **ids = pw_arena_alloc(rd->arena, st->n_people * sizeof *ids);
    const char **kept = pw_arena_alloc(rd->arena, st->n_people * sizeof *kept);
    if (!ids || !kept)
        return;
    size_t n_kept = 0;
    for (size_t i = 0; i < st->n_people; i++) {
        if (st->people[i].rejected)
            continue;
        ids[i] = kept[n_kept++] = edifact_traveler_id(rd, b->locator ? b->locator : "-", i + 1);
    }
    b->traveler_ids = kept;
    b->n_travelers = n_kept;
    for (size_t i = 0; i < st->n_people; i++) {
        person *p = &st->people[i];
        if (p->rejected)
            continue;
        pw_traveler *t = &p->t;     /* the person's record, finished and copied into the batch */
        t->id = ids[i];
        t->surname = edifact_strdup(rd, p->surname);
        t->given_names = edifact_strdup(rd, p->given);
        t->title = p->title;
        t->role = p->infant ? PW_ROLE_INFANT : PW_ROLE_PASSENGER;
        if (p->infant && p->adult >= 0 && (size_t)p->adult < st->n_people)
            t->infant_of = ids[p->adult];
        t->placeholder = strcmp(p->surname, "TBA") == 0 || strcmp(p->given, "TBA") == 0 ||
                         strncmp(p->given, "TBA ", 4) == 0;
        t->booking = b;
        t->legs = (pw_leg *)legs;
        t->n_legs = n_legs;
        t->source.file = rd->name;
        t->source.message_ref = rd->message_ref;
        t->source.sender = rd->sender;
        if (!t->source.segment)
            t->source.segment = st->src_segment;
        if (!edifact_add_traveler(rd, t))
            return;
    }
}

void pnrgov_begin(edifact_reader *rd)
{
    pnrgov_state *st = state(rd);
    if (!st)
        return;
    free(st->people);
    free(st->docs);
    free(st->checkins);
    memset(st, 0, sizeof *st);
    st->eqn = -1;
    st->context = -1;
    rd->stats.pnrgov++;
    if (!rd->ref_date.year) {
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        rd->ref_date = (pw_date){(int16_t)(tm.tm_year + 1900), (uint8_t)(tm.tm_mon + 1), (uint8_t)tm.tm_mday};
    }
}

void pnrgov_segment(edifact_reader *rd, const pw_edifact_segment *seg)
{
    pnrgov_state *st = state(rd);
    if (!st)
        return;
    const char *tag = seg->tag;
    if (seg->problem) {
        /* Inside a traveler's group: the traveler is rejected, the PNR goes on. */
        person *p = st->in_pnr && st->section == SEC_NAMES && st->context >= 0 ? &st->people[st->context] : NULL;
        if (p && !p->rejected) {
            p->rejected = true;
            rd->batch->rejected++;
            edifact_report(rd, seg, false, NULL, "%s; traveler %s rejected", seg->problem, p->surname);
        } else {
            edifact_report(rd, seg, false, NULL, "%s; segment skipped", seg->problem);
        }
        return;
    }
    if (memcmp(tag, "SRC", 4) == 0) {
        finish_pnr(rd, st);
        start_pnr(rd, st, seg);
        return;
    }
    if (!st->in_pnr) {
        if (memcmp(tag, "TVL", 4) == 0 && !st->have_msg_leg) {
            bool cont;
            if (read_leg(rd, seg, &st->msg_leg, &cont) && !cont)
                st->have_msg_leg = true;
        } else if (memcmp(tag, "EQN", 4) == 0) {
            char v[16];
            get(seg, 0, 0, v, sizeof v);
            st->eqn = v[0] ? strtol(v, NULL, 10) : -1;
            st->eqn_segment = seg->number;
        } else if (memcmp(tag, "TIF", 4) == 0 || memcmp(tag, "RCI", 4) == 0) {
            edifact_report(rd, seg, true, NULL, "PNR data before any SRC; a PNR is opened here");
            start_pnr(rd, st, NULL);
            st->src_segment = seg->number;
            pnrgov_segment(rd, seg);
        }
        return;
    }
    if (memcmp(tag, "RCI", 4) == 0) {
        read_rci(rd, st, seg);
    } else if (memcmp(tag, "TIF", 4) == 0) {
        read_tif(rd, st, seg);
    } else if (memcmp(tag, "SSR", 4) == 0) {
        read_ssr(rd, st, seg);
    } else if (memcmp(tag, "TVL", 4) == 0) {
        if (st->section == SEC_HISTORY)
            return;
        st->section = SEC_ITINERARY;
        st->context = -1;
        read_tvl(rd, st, seg);
    } else if (memcmp(tag, "TRA", 4) == 0) {
        if (st->section != SEC_HISTORY)
            read_tra(rd, st, seg);
    } else if (memcmp(tag, "TRI", 4) == 0) {
        if (st->section == SEC_HISTORY)
            return;
        st->section = SEC_CHECKIN;
        if (st->n_checkins == st->cap_checkins) {
            size_t ncap = st->cap_checkins ? st->cap_checkins * 2 : 8;
            checkin_record *nc = realloc(st->checkins, ncap * sizeof *nc);
            if (!nc)
                return;
            st->checkins = nc;
            st->cap_checkins = ncap;
        }
        checkin_record *c = &st->checkins[st->n_checkins++];
        memset(c, 0, sizeof *c);
        c->segment = seg->number;
    } else if (memcmp(tag, "SSD", 4) == 0) {
        if (st->section == SEC_CHECKIN && st->n_checkins)
            get(seg, 0, 0, st->checkins[st->n_checkins - 1].seat, sizeof st->checkins[0].seat);
    } else if (memcmp(tag, "TBD", 4) == 0) {
        char n[16];
        get(seg, 1, 0, n, sizeof n);
        if (st->section == SEC_CHECKIN && st->n_checkins && n[0])
            st->checkins[st->n_checkins - 1].bags = (unsigned)strtoul(n, NULL, 10);
    } else if (memcmp(tag, "ABI", 4) == 0 || memcmp(tag, "SAC", 4) == 0 || memcmp(tag, "LTS", 4) == 0) {
        if (memcmp(tag, "LTS", 4) != 0)
            st->section = SEC_HISTORY;
    } else if (st->section == SEC_NAMES || st->section == SEC_ITINERARY) {
        if (memcmp(tag, "DAT", 4) == 0 && st->section == SEC_NAMES)
            read_dat(rd, st, seg);
        else if (memcmp(tag, "ORG", 4) == 0 && st->section == SEC_NAMES)
            read_org(rd, st, seg);
        else if (memcmp(tag, "ADD", 4) == 0)
            read_add(rd, st, seg);
        else if (memcmp(tag, "IFT", 4) == 0)
            read_ift(rd, st, seg);
        else if (memcmp(tag, "FOP", 4) == 0)
            read_fop(rd, st, seg);
    }
}

void pnrgov_end(edifact_reader *rd)
{
    pnrgov_state *st = state(rd);
    if (!st)
        return;
    finish_pnr(rd, st);
    if (st->eqn >= 0 && st->eqn != (long)st->pnrs) {
        edifact_where at = {st->eqn_segment, "EQN"};
        edifact_report_at(rd, at, true, "count", "EQN gives %ld PNRs, the message holds %u", st->eqn, st->pnrs);
    }
    if (!st->pnrs)
        edifact_report(rd, NULL, true, NULL, "PNRGOV message %s holds no PNR",
                       rd->message_ref ? rd->message_ref : "");
}

/*
 * edifact.h — internals of the EDIFACT module: the reader that walks the
 * envelopes (UNB/UNG/UNH … UNT/UNE/UNZ) and hands each message's segments to
 * the PAXLST or PNRGOV parser, and the helpers they share (dates, names,
 * arena arrays, appending travelers to a batch).
 */
#ifndef PW_EDIFACT_H
#define PW_EDIFACT_H

#include "paxwatch.h"

typedef struct paxlst_state paxlst_state;
typedef struct pnrgov_state pnrgov_state;

/* The reader: one per pw_edifact_read call. */
typedef struct edifact_reader {
    const char *name;
    pw_batch *batch;
    size_t first_traveler;       /* batch->n when the read began */
    const pw_edifact_lexer *lexer;
    pw_arena *arena;
    pw_error_fn on_error;
    void *ctx;
    pw_edifact_stats stats;

    /* interchange */
    bool in_interchange;
    char unb_ref[40];
    const char *sender;          /* arena copy of the UNB sender */
    pw_date unb_date;
    unsigned unb_segment;
    unsigned interchange_messages, interchange_groups;
    /* group */
    bool in_group;
    char ung_ref[40];
    unsigned group_messages;
    /* message */
    bool in_message;
    enum { MSG_OTHER, MSG_PAXLST, MSG_PNRGOV } type;
    char unh_ref[40];
    const char *message_ref;     /* arena copy of "UNBref-UNHref" */
    unsigned unh_segment;
    unsigned message_segments;   /* UNH..UNT inclusive, for the UNT count */
    pw_date ref_date;            /* the message's date: UNB, else a flight date */
    bool part_more;              /* UNH S010 says more parts follow ("01:C") */
    bool part_announced;         /* ... and said so with "C" */
    bool part_open;              /* a PAXLST (or some of its parts) is being read */
    char part_access[64];        /* its common access reference (UNH 0068) */

    const char *message_key;     /* "UNB ref-UNH ref", made unique in the input: ids start with it */
    size_t message_key_len;
    struct key_count { uint64_t hash; unsigned count; } *keys;
    size_t keys_cap, keys_used;

    struct country_memo { char code[4]; char alpha3[4]; bool known; } countries[64];

    paxlst_state *paxlst;
    pnrgov_state *pnrgov;
} edifact_reader;

/* Where a problem is, when the segment itself is gone. */
typedef struct edifact_where {
    unsigned segment;
    const char *tag;
} edifact_where;

void edifact_report_at(edifact_reader *rd, edifact_where at, bool warning, const char *field,
                       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Reports a problem with a segment (seg may be NULL). Errors are counted. */
void edifact_report(edifact_reader *rd, const pw_edifact_segment *seg, bool warning,
                    const char *field, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Appends at most max bytes of s to the n bytes in out (cap bytes in all),
 * truncated and NUL-terminated as snprintf(out + n, cap - n, "%.*s", max, s)
 * would; returns the new length. */
size_t edifact_put(char *out, size_t cap, size_t n, const char *s, size_t max);
/* snprintf(out, cap, "%s", s): s truncated to cap - 1 bytes; returns the length. */
size_t edifact_copy(char *out, size_t cap, const char *s);

/* A character in capitals: toupper in the C locale the library runs in (ASCII
 * letters only), without a call per character. */
static inline char edifact_upper(char c)
{
    return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

/* A component copied into the arena (NULL when empty). */
const char *edifact_dup(edifact_reader *rd, const pw_edifact_segment *seg, unsigned element,
                        unsigned component);
/* A NUL-terminated string into the arena (NULL when s is empty). */
const char *edifact_strdup(edifact_reader *rd, const char *s);

/* Appends one zeroed element to an arena array, growing it by copying (1, 2,
 * 4, ... elements: most arrays of a traveler or a booking hold one). */
void *edifact_append(pw_arena *a, void **array, size_t *n, size_t *cap, size_t elem);

/* A traveler id in the arena: "KEY-N", or "KEY-MIDDLE-N" when middle is not
 * NULL (KEY: the message key, "-" before any). */
const char *edifact_traveler_id(edifact_reader *rd, const char *middle, size_t number);

/* Appends a copy of t to the batch and returns it (NULL: out of memory). The
 * travelers array is grown to what the rest of the input is expected to hold;
 * the travelers' strings live in the batch's arena. */
pw_traveler *edifact_add_traveler(edifact_reader *rd, const pw_traveler *t);

/* Dates. Two-digit years: BIRTH takes the century giving an age of 0..110 at
 * ref; NEAR the century closest to ref. */
typedef enum { YEAR_BIRTH, YEAR_NEAR } year_mode;
int edifact_year(int yy, pw_date ref, int month, int day, year_mode mode);
/* "YYMMDD" or "CCYYMMDD". */
bool edifact_date_ymd(const char *s, pw_date ref, year_mode mode, pw_date *out);
/* "DDMMYY" (PNRGOV). */
bool edifact_date_dmy(const char *s, pw_date ref, year_mode mode, pw_date *out);
/* "12JUL64" (SSR DOCS). */
bool edifact_date_dmmmy(const char *s, pw_date ref, year_mode mode, pw_date *out);
/* Seconds since the epoch of a date and "HHMM" (time may be NULL/empty). */
int64_t edifact_epoch(pw_date d, const char *hhmm);
bool edifact_date_valid(pw_date d);

/* Country code (alpha-2 or alpha-3) to alpha-3 in out; false when unknown. */
bool edifact_country(edifact_reader *rd, const char *code, char out[4]);
/* "UA" + "988" → "UA0988" into the arena. */
const char *edifact_flight(edifact_reader *rd, const char *carrier, const char *number);

/* Takes a title (MR, MRS, MS, MSTR, MISS, DR, ...) off a given name in place:
 * a separate word anywhere, or glued to the end (SEJOONMR) when the rest is
 * long enough and sex does not contradict it. Returns the title or NULL. */
const char *edifact_strip_title(char *given, char sex);

/* Message parsers. begin: a new message (continuing: the next part of a
 * multi-part message); segment: each segment between UNH and UNT; end: after
 * UNT (closed false when the message was cut off), final false when more parts
 * are announced. */
void paxlst_begin(edifact_reader *rd, bool continuing);
void paxlst_segment(edifact_reader *rd, const pw_edifact_segment *seg);
void paxlst_end(edifact_reader *rd, bool final);
void paxlst_free(edifact_reader *rd);

void pnrgov_begin(edifact_reader *rd);
void pnrgov_segment(edifact_reader *rd, const pw_edifact_segment *seg);
void pnrgov_end(edifact_reader *rd);
void pnrgov_free(edifact_reader *rd);

#endif

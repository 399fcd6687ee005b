/*
 * paxwatch.h — the one public header of libpaxwatch.
 *
 * paxwatch screens travelers (from API/PNR messages or CSV) against watchlists
 * and risk rules. This header is the library's whole interface: the command,
 * the server and the tests use nothing else. Sections follow the data path:
 * status and errors → memory → model → text → watchlists → matching →
 * messages → rules → storage.
 *
 * Conventions: functions return pw_status; details of bad input go to a
 * pw_error_fn sink (file, line or segment, field, reason). Whoever calls
 * *_new owns the result and calls *_free. Strings are UTF-8.
 */
#ifndef PAXWATCH_H
#define PAXWATCH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PW_VERSION "0.1.0"

/* ------------------------------------------------------------------ status */

typedef enum pw_status {
    PW_OK = 0,
    PW_ERR_NOMEM,     /* out of memory */
    PW_ERR_IO,        /* a file could not be read or written */
    PW_ERR_FORMAT,    /* input not in any format we read */
    PW_ERR_REJECTS,   /* input read, but some records were rejected */
    PW_ERR_ARG,       /* a bad argument from the caller */
    PW_ERR_NOTFOUND,  /* no such thing */
    PW_ERR_DB,        /* the database refused or is unreachable */
    PW_ERR_LIMIT      /* a fixed limit was exceeded */
} pw_status;

const char *pw_status_str(pw_status s);

/* One problem with one piece of input. Any field may be empty/zero. */
typedef struct pw_error {
    const char *file;     /* input name as given by the caller */
    unsigned line;        /* 1-based line, 0 if not line-oriented */
    unsigned column;      /* 1-based column (CSV column number), 0 if none */
    unsigned segment;     /* 1-based EDIFACT segment number, 0 if none */
    const char *tag;      /* EDIFACT segment tag ("NAD"), or NULL */
    const char *field;    /* field or column name, or NULL */
    const char *reason;   /* what is wrong, never NULL */
    bool warning;         /* true: reported, but the record was kept */
} pw_error;

typedef void (*pw_error_fn)(void *ctx, const pw_error *err);

/* Formats an error as "file:line:column: reason" (or "file: segment N (TAG): reason"). */
void pw_error_format(const pw_error *err, char *out, size_t cap);
/* A ready-made sink: prints pw_error_format to the FILE * given as ctx. */
void pw_error_print(void *ctx, const pw_error *err);

/* ------------------------------------------------------------------ memory */

/* A region allocator: many small allocations, freed together (one per
 * message, per list, per request). Not thread-safe; one owner. */
typedef struct pw_arena pw_arena;

pw_arena *pw_arena_new(void);
void pw_arena_free(pw_arena *a);
void *pw_arena_alloc(pw_arena *a, size_t size);          /* zeroed, 8-aligned */
char *pw_arena_strdup(pw_arena *a, const char *s);       /* NULL → NULL */
char *pw_arena_strndup(pw_arena *a, const char *s, size_t n);
size_t pw_arena_used(const pw_arena *a);

/* ------------------------------------------------------------------- model */

/* A date that may be partial: year only, year and month, or full.
 * 0 means unknown for each part (year 0: no date at all). */
typedef struct pw_date {
    int16_t year;
    uint8_t month;
    uint8_t day;
} pw_date;

/* Parses "YYYY-MM-DD", "YYYY-MM" or "YYYY". */
bool pw_date_parse(const char *s, pw_date *out);
/* Writes the same forms; "" for an unknown date. cap >= 11. */
void pw_date_format(pw_date d, char *out, size_t cap);
bool pw_date_known(pw_date d);

/* ISO 3166-1: alpha-2 → alpha-3 ("DE" → "DEU"); alpha-3 checked; English
 * names and common variants ("Democratic Republic of the Congo", "Viet Nam").
 * Writes the alpha-3 code (4 bytes with NUL) and returns true when known. */
bool pw_country_alpha3(const char *code_or_name, char out[4]);

typedef enum pw_category {
    PW_CAT_OTHER = 0,
    PW_CAT_WANTED,
    PW_CAT_SEX_OFFENDER,
    PW_CAT_TRAFFICKING,
    PW_CAT_TERRORISM,
    PW_CAT_SANCTIONS
} pw_category;

const char *pw_category_name(pw_category c);               /* "wanted", ... */
bool pw_category_parse(const char *s, pw_category *out);

/* A travel or identity document. type as in PAXLST DOC (P passport, I
 * identity card, V visa, ...); country alpha-3. */
typedef struct pw_document {
    char type[4];
    char country[4];
    const char *number;
    pw_date expiry;
} pw_document;

/* One flight leg. Times are seconds since the epoch, UTC; 0 unknown. */
typedef struct pw_leg {
    const char *carrier;        /* IATA airline code */
    const char *flight;         /* "UA0989" */
    char dep_airport[4];        /* IATA */
    char arr_airport[4];
    int64_t dep_time;
    int64_t arr_time;
    const char *operating;      /* codeshare: operating carrier+flight, or NULL */
} pw_leg;

/* A booking (PNR). Shared by the travelers of the same record. */
typedef struct pw_booking {
    const char *locator;        /* record locator */
    int64_t created;            /* creation time of the record */
    int64_t booked;             /* reservation (ticketing) time, if known */
    const char *payment_type;   /* "CA" cash, "CC" card, "MS" misc, ... */
    const char *card_hash;      /* hex hash of the card number, never the number */
    const char *agency;         /* booking agency / office */
    const char **phones;    size_t n_phones;
    const char **emails;    size_t n_emails;
    const char **addresses; size_t n_addresses;
    pw_leg *legs;           size_t n_legs;   /* the itinerary */
    const char **traveler_ids; size_t n_travelers;
} pw_booking;

typedef enum pw_role {
    PW_ROLE_PASSENGER = 0,
    PW_ROLE_CREW,
    PW_ROLE_INFANT,
    PW_ROLE_TRANSIT
} pw_role;

/* Where a record came from, to explain and to audit. */
typedef struct pw_source {
    const char *file;
    const char *message_ref;    /* interchange/message reference */
    const char *sender;
    unsigned segment;           /* first segment of the traveler */
    unsigned line;              /* line in a CSV file */
} pw_source;

/* A traveler. All strings belong to an arena owned by whoever built it. */
typedef struct pw_traveler {
    const char *id;
    const char *surname;
    const char *given_names;
    const char *name;           /* whole name when not split */
    const char *title;          /* MR, MRS, ... taken off a name */
    pw_date dob;
    char sex;                   /* 'M', 'F', 'X' or 0 */
    char nationality[4];        /* alpha-3 or "" */
    char residence[4];          /* country of residence (LOC 174) */
    const char *birth_place;
    pw_role role;
    bool placeholder;           /* TBA name: flagged, not screened */
    pw_document *docs;  size_t n_docs;
    pw_leg *legs;       size_t n_legs;
    pw_booking *booking;        /* NULL for API-only travelers */
    const char *infant_of;      /* id of the adult an infant travels with */
    const char *seat;
    unsigned bags;
    pw_source source;
} pw_traveler;

/* ------------------------------------------------------------------- text */

/* Folds a name in any script to the letters of a travel document: A–Z and
 * single spaces. Latin letters with marks per ICAO 9303 (Ä→AE, ß→SS, Å→AA,
 * Æ→AE, Þ→TH, Đ→D, other marks dropped); Cyrillic and Greek per the ICAO 9303
 * tables; other scripts (Han, Hangul, Arabic, Hebrew, ...) through ICU
 * transforms. Hyphens, commas and '<' become spaces; apostrophes vanish.
 * Returns the length written (NUL-terminated, truncated to cap-1). */
size_t pw_fold(const char *utf8, char *out, size_t cap);

#define PW_MAX_TOKENS 12
#define PW_MAX_TOKEN 32

enum {
    PW_TOKEN_SURNAME  = 1,      /* came from the surname field or position */
    PW_TOKEN_GIVEN    = 2,
    PW_TOKEN_PARTICLE = 4       /* AL, EL, ABU, BIN, VAN, DER, DE, LA, ... */
};

/* A name as folded tokens, in order. */
typedef struct pw_name_tokens {
    unsigned n;
    char token[PW_MAX_TOKENS][PW_MAX_TOKEN];
    uint8_t flags[PW_MAX_TOKENS];
    char title[8];              /* a title taken off, e.g. "MR" */
} pw_name_tokens;

enum {
    PW_NAME_AIRLINE = 1         /* titles may be glued to given names (SEJOONMR) */
};

/* Splits a name into tokens. Any of surname/given/whole may be NULL. Reads
 * MRZ names (NGUYEN<<VAN<SON), "SURNAME, GIVEN", "SURNAME/GIVEN" and whole
 * names; takes titles off (MR, MRS, MS, MSTR, MISS, DR, ...). */
pw_status pw_name_split(const char *surname, const char *given, const char *whole,
                        unsigned flags, pw_name_tokens *out);

/* A phonetic key for one folded token that is equal for common romanization
 * variants (YURI/IURII/JURIJ, MOHAMMED/MUHAMMAD, KHALED/KHALID,
 * GADDAFI/QADHAFI). Returns its length. */
size_t pw_phonetic_key(const char *token, char *out, size_t cap);

/* The variant groups a folded token belongs to: romanization variants that a
 * phonetic key cannot join (LEE/YI/RHEE) and English nicknames (WILLIAM/BILL).
 * Writes up to cap group ids; returns how many it has in all. */
size_t pw_name_groups(const char *token, uint32_t *groups, size_t cap);

/* -------------------------------------------------------------- watchlists */

#define PW_MAX_NAMES 64

typedef struct pw_entry {
    const char *id;
    const char *list;
    pw_category category;
    const char **names;      size_t n_names;   /* names[0] is the primary name, whole-name form */
    pw_date *dobs;           size_t n_dobs;
    char sex;                                  /* 'M', 'F' or 0 */
    char (*nationalities)[4]; size_t n_nationalities;
    pw_document *docs;       size_t n_docs;
} pw_entry;

/* A loaded list, or several: entries in an arena the watchlist owns. */
typedef struct pw_watchlist pw_watchlist;

typedef struct pw_load_stats {
    size_t entries;
    size_t aliases;
    size_t rejected;
    const char *format;      /* "csv", "ofac-sdn", "un-xml", "json" */
    size_t skipped;          /* records not loaded by design: entities, vessels, aircraft */
    size_t warnings;         /* reported, the record kept (e.g. an unknown country name) */
} pw_load_stats;

pw_watchlist *pw_watchlist_new(void);
void pw_watchlist_free(pw_watchlist *w);
/* Loads a list file, detecting its format (watchlist CSV, OFAC SDN CSV with
 * alt.csv beside it, UN consolidated XML). list_name NULL: from the file name.
 * Bad rows go to on_error and are skipped. Returns PW_ERR_REJECTS when any row
 * was rejected (the good rows are loaded all the same). */
pw_status pw_watchlist_load(pw_watchlist *w, const char *path, const char *list_name,
                            pw_error_fn on_error, void *ctx, pw_load_stats *stats);
/* Adds one entry, copying it. */
pw_status pw_watchlist_add(pw_watchlist *w, const pw_entry *e);
size_t pw_watchlist_count(const pw_watchlist *w);
const pw_entry *pw_watchlist_entry(const pw_watchlist *w, size_t i);

/* ---------------------------------------------------------------- matching */

typedef enum pw_dob_evidence {
    PW_DOB_MISSING = 0,      /* one side has no date */
    PW_DOB_EXACT,            /* same full date */
    PW_DOB_PARTIAL,          /* agree as far as both are known (year, year-month) */
    PW_DOB_SWAPPED,          /* day and month swapped */
    PW_DOB_NEAR,             /* one year apart, or one digit off */
    PW_DOB_CONFLICT          /* clearly different */
} pw_dob_evidence;

typedef enum pw_field_evidence {
    PW_FIELD_MISSING = 0,
    PW_FIELD_MATCH,
    PW_FIELD_CONFLICT
} pw_field_evidence;

/* Why a score is what it is: the evidence per feature and what each added
 * to the log-odds. */
typedef struct pw_explain {
    double name;                 /* name similarity 0..1 */
    unsigned name_index;         /* which of the entry's names matched best */
    char matched[160];           /* token pairs, e.g. "NGUYEN=NGUYEN VAN=VAN SON~SONN" */
    pw_dob_evidence dob;
    pw_field_evidence sex;
    pw_field_evidence nationality;
    pw_field_evidence document;
    double contribution[5];      /* log-odds from name, dob, sex, nationality, document */
} pw_explain;

enum { PW_FEATURE_NAME, PW_FEATURE_DOB, PW_FEATURE_SEX, PW_FEATURE_NATIONALITY, PW_FEATURE_DOCUMENT };

#define PW_DEFAULT_THRESHOLD 0.80

const char *pw_dob_evidence_name(pw_dob_evidence e);     /* "exact", ... */
const char *pw_field_evidence_name(pw_field_evidence e); /* "match", ... */

/* Scores a traveler against one entry: 0..1, higher is more likely the same
 * person. explain may be NULL. */
double pw_compare(const pw_traveler *t, const pw_entry *e, pw_explain *explain);

/* An immutable index over one or more watchlists; built once, read by any
 * number of threads without locks. The watchlists must outlive it. */
typedef struct pw_index pw_index;

pw_status pw_index_build(const pw_watchlist *const *lists, size_t n_lists, pw_index **out);
void pw_index_free(pw_index *ix);
size_t pw_index_entries(const pw_index *ix);
size_t pw_index_memory(const pw_index *ix);

typedef struct pw_hit {
    const pw_entry *entry;
    double score;
    pw_explain explain;
} pw_hit;

/* Per-thread scratch space for screening; one per thread. */
typedef struct pw_screener pw_screener;
pw_screener *pw_screener_new(const pw_index *ix);
void pw_screener_free(pw_screener *s);

/* Screens one traveler: the hits at or above threshold, best first, in
 * scratch memory valid until the next call on the same screener. */
pw_status pw_screen(pw_screener *s, const pw_traveler *t, double threshold,
                    const pw_hit **hits, size_t *n_hits);
/* The same by scanning every entry (for tests and benchmarks). */
pw_status pw_screen_scan(pw_screener *s, const pw_traveler *t, double threshold,
                         const pw_hit **hits, size_t *n_hits);

/* Writes a hit as the JSON Lines object of FORMATS.md (no newline). */
void pw_hit_json(const pw_traveler *t, const pw_hit *h, FILE *out);

/* ---------------------------------------------------------------- ingest */

/* A batch of travelers read from one input, with the arena that owns them. */
typedef struct pw_batch {
    pw_arena *arena;
    pw_traveler *travelers;
    size_t n;
    size_t cap;
    size_t rejected;         /* records reported and skipped */
    size_t warnings;
    size_t sensitive_dropped;    /* PNR elements dropped by pw_ssr_filter (special
                                  * meals, medical SSRs, free text), never stored */
} pw_batch;

typedef enum pw_format {
    PW_FORMAT_UNKNOWN = 0,
    PW_FORMAT_CSV,
    PW_FORMAT_JSONL,
    PW_FORMAT_PAXLST,
    PW_FORMAT_PNRGOV
} pw_format;

const char *pw_format_name(pw_format f);
/* Detects the format from the content. */
pw_format pw_detect_format(const char *data, size_t len);

pw_batch *pw_batch_new(void);
void pw_batch_free(pw_batch *b);
/* Appends a zeroed traveler to the batch and returns it. */
pw_traveler *pw_batch_push(pw_batch *b);
/* Makes room for at least more travelers beyond b->n (a reader that knows
 * roughly how many it will add saves the array's regrowth). */
pw_status pw_batch_reserve(pw_batch *b, size_t more);

/* Reads travelers from a buffer holding a whole input (name used in errors),
 * the format detected. PW_ERR_REJECTS when some records were rejected. */
pw_status pw_read_travelers(const char *name, const char *data, size_t len, pw_batch *b,
                            pw_error_fn on_error, void *ctx);
/* The same from a file. */
pw_status pw_read_travelers_file(const char *path, pw_batch *b, pw_error_fn on_error, void *ctx);

/* Reads a whole file into memory (NUL-terminated; free() it). */
pw_status pw_read_file(const char *path, char **data, size_t *len);
/* The same from an open stream, to its end (standard input, a pipe). */
pw_status pw_read_stream(FILE *f, char **data, size_t *len);

/* RFC 4180 CSV reading, shared by every CSV format. */
typedef struct pw_csv pw_csv;
pw_csv *pw_csv_new(const char *data, size_t len);
void pw_csv_free(pw_csv *c);
/* Next row: fields point into scratch owned by the reader, valid until the
 * next call. Returns false at the end. line is the row's first line. An
 * unterminated quote sets *error. */
bool pw_csv_next(pw_csv *c, const char ***fields, size_t *n_fields, unsigned *line, const char **error);

/* ---------------------------------------------------------- messages */
/* EDIFACT PAXLST / PNRGOV (src/edifact): declarations of this module go between these lines. */

/* The service characters of an interchange (UNA, or the defaults ":+.? '").
 * The terminator may be a multi-byte UTF-8 character (a typographic ’). */
typedef struct pw_edifact_chars {
    char component;             /* ':' */
    char element;               /* '+' */
    char decimal;               /* '.' */
    char release;               /* '?' */
    char repetition;            /* ' ' (reserved in syntax 3) */
    char terminator[5];         /* "'" — UTF-8, NUL-terminated */
    uint8_t terminator_len;
} pw_edifact_chars;

#define PW_EDIFACT_MAX_ELEMENTS 99
#define PW_EDIFACT_MAX_COMPONENTS 512

/* One segment as the lexer returns it: spans into the input, nothing copied.
 * Elements are counted from 0 after the tag (NAD+FL+++DOE:JOHN: element 0
 * is "FL", element 3 component 1 is "JOHN"). Valid until the next call. */
typedef struct pw_edifact_segment {
    char tag[4];                /* "NAD"; "" when the segment has no tag */
    unsigned number;            /* 1-based in the input (UNA not counted) */
    unsigned line;              /* 1-based line where the segment starts */
    const char *text;           /* raw text after the tag, terminator excluded */
    size_t len;
    const char *problem;        /* non-NULL: the segment is malformed (why) */
    bool escaped;               /* values hold release characters or line breaks */
    char release;               /* the release character in force */
    unsigned n_elements;
    uint16_t first[PW_EDIFACT_MAX_ELEMENTS + 1];   /* first component of each element */
    struct { uint32_t off, len; } span[PW_EDIFACT_MAX_COMPONENTS];
} pw_edifact_segment;

/* The lexer: stack-allocated, allocates nothing. Reads one buffer that may hold
 * several interchanges, each with or without UNA, between text it skips (a
 * SITA Type-B envelope, '#' comment lines). Fields are private. */
typedef struct pw_edifact_lexer {
    const char *name;
    const char *data;
    size_t len, pos;
    pw_edifact_chars chars;
    unsigned segments, line;
    bool inside;                /* inside an interchange (after UNA/UNB, before UNZ) */
    bool any;                   /* some segment was read */
    bool una;                   /* a UNA set the characters of the coming UNB */
    pw_error_fn on_error;
    void *ctx;
    unsigned errors, warnings;
    uint8_t cls[256];
} pw_edifact_lexer;

void pw_edifact_lexer_init(pw_edifact_lexer *lx, const char *name, const char *data, size_t len,
                           pw_error_fn on_error, void *ctx);
/* The next segment; false at the end of the input. Lexical problems are
 * reported through on_error (as warnings when the text could be recovered). */
bool pw_edifact_next(pw_edifact_lexer *lx, pw_edifact_segment *seg);
/* The service characters in force (after the last UNA, or detected). */
const pw_edifact_chars *pw_edifact_lexer_chars(const pw_edifact_lexer *lx);

/* Number of components of an element (0 when the element is absent). */
unsigned pw_edifact_components(const pw_edifact_segment *seg, unsigned element);
/* Copies a component with release characters and line breaks removed,
 * NUL-terminated and truncated to cap-1; returns its full length (0 when absent). */
size_t pw_edifact_value(const pw_edifact_segment *seg, unsigned element, unsigned component,
                        char *out, size_t cap);
/* True when the component equals s exactly. */
bool pw_edifact_is(const pw_edifact_segment *seg, unsigned element, unsigned component, const char *s);

/* What pw_edifact_read found. */
typedef struct pw_edifact_stats {
    unsigned interchanges;
    unsigned messages;          /* UNH..UNT, every type */
    unsigned paxlst, pnrgov;    /* messages read as PAXLST / PNRGOV (parts joined) */
    unsigned other;             /* other types (CUSRES, ...): skipped, no travelers */
    unsigned pnrs;              /* PNRGOV records (SRC) */
    size_t travelers;           /* travelers added to the batch */
    size_t rejected;            /* travelers or messages rejected */
    size_t errors;              /* problems reported as errors (segments skipped, ...) */
    size_t warnings;
    size_t sensitive_dropped;   /* PNR SSRs and free texts dropped by pw_ssr_filter */
} pw_edifact_stats;

/* Reads PAXLST (D02B, D05B and later) and PNRGOV (10.1, 11.1, 13.1) messages
 * from a buffer (several interchanges and messages allowed; the type of each
 * message from its UNH) and appends their travelers to b (b->arena is created
 * when NULL). Problems go to on_error as "name: segment N (TAG): reason";
 * a bad traveler is skipped and reading resumes at the next one. Counts go to
 * stats (may be NULL). PW_ERR_REJECTS when something was rejected,
 * PW_ERR_FORMAT when no EDIFACT message was found. */
pw_status pw_edifact_read(const char *name, const char *data, size_t len, pw_batch *b,
                          pw_error_fn on_error, void *ctx, pw_edifact_stats *stats);

/* The interactive API (iAPI) answer for one traveler of a PAXLST request. */
typedef struct pw_iapi_verdict {
    bool board;                 /* true: OK to board (ERC 0Z); false: no board (1Z) */
    const char *text;           /* FTX AAP text; NULL: "OK TO BOARD" / "NO BOARD" */
} pw_iapi_verdict;

/* Builds the CUSRES reply (D05B) to the first PAXLST message of an iAPI
 * request: envelope turned around with the request's references, BGM 962,
 * RFF TN, per leg RFF AF with its DTM and LOC, per traveler (in the request's
 * order, verdicts[i] for the i-th) ERP, RFF AVF/ABO, ERC and FTX. now is the
 * reply time (seconds since the epoch, UTC). The reply is written in the
 * request's service characters, one segment per line, into *out (malloc'd,
 * NUL-terminated; free() it). PW_ERR_FORMAT: no PAXLST in the request;
 * PW_ERR_ARG: fewer verdicts than travelers. */
pw_status pw_cusres_reply(const char *request, size_t len, const pw_iapi_verdict *verdicts,
                          size_t n_verdicts, int64_t now, char **out, size_t *out_len);

/* Writes one traveler as a JSON Lines object (no newline): id, names, dob,
 * sex, nationality, role, docs, legs, pnr and booking, source. */
void pw_traveler_json(const pw_traveler *t, FILE *out);

/* end of messages */

/* ------------------------------------------------------------- rules */
/* risk rules (src/rules): declarations of this module go between these lines. */

/* Risk rules: patterns over API/PNR data that flag travelers nobody has
 * listed (rules/README.md has the language). A rule file is compiled once
 * into an immutable pw_ruleset that any number of threads evaluate at once. */

typedef struct pw_ruleset pw_ruleset;

typedef enum pw_severity {
    PW_SEVERITY_LOW = 0,
    PW_SEVERITY_MEDIUM,
    PW_SEVERITY_HIGH,
    PW_SEVERITY_CRITICAL
} pw_severity;

const char *pw_severity_name(pw_severity s);              /* "low", ... */

/* Compiles rule text (len bytes; need not be NUL-terminated). name is used
 * in errors ("name:line:column: reason"). Every error is reported through
 * on_error (NULL: printed to stderr); then NULL is returned and *st is
 * PW_ERR_FORMAT. st may be NULL. */
pw_ruleset *pw_rules_compile(const char *name, const char *text, size_t len,
                             pw_error_fn on_error, void *ctx, pw_status *st);
/* Reads and compiles a rule file (PW_ERR_IO when it cannot be read). */
pw_status pw_rules_load(const char *path, pw_error_fn on_error, void *ctx, pw_ruleset **out);
void pw_rules_free(pw_ruleset *rs);
size_t pw_rules_count(const pw_ruleset *rs);               /* rules */
size_t pw_rules_list_count(const pw_ruleset *rs);          /* named lists */
const char *pw_rules_name(const pw_ruleset *rs, size_t i); /* name of rule i */

/* One traveler with its watchlist hits (hits may be NULL when n_hits is 0). */
typedef struct pw_rule_subject {
    const pw_traveler *traveler;
    const pw_hit *hits;
    size_t n_hits;
} pw_rule_subject;

/* What a rule sees: the traveler being screened and its hits, the people
 * travelling with it (the other travelers of its booking, and any traveler
 * the caller links to it, e.g. by the same phone, e-mail or card), each with
 * its own hits, the flight leg being screened (NULL: the traveler's first
 * leg) and the time of screening (seconds since the epoch, UTC; 0 unknown). */
typedef struct pw_rule_context {
    const pw_traveler *traveler;
    const pw_hit *hits;
    size_t n_hits;
    const pw_rule_subject *co_travelers;
    size_t n_co_travelers;
    const pw_leg *leg;
    int64_t now;
} pw_rule_context;

#define PW_RULE_REASONS 640

/* A rule that held for a traveler. Strings belong to the ruleset. */
typedef struct pw_rule_hit {
    const char *rule;           /* rule name */
    const char *category;       /* rule category, e.g. "trafficking" */
    pw_severity severity;
    double score;               /* 0..1 */
    const char *notice;         /* notice target as written in the rule, or NULL */
    char notice_country[4];     /* the country it resolves to (alpha-3), "" if none */
    /* Why: the sub-conditions that held, with their values, one per line
     * ('\n' between lines), e.g. "booking.payment_type == \"CA\" (CA)". */
    char reasons[PW_RULE_REASONS];
} pw_rule_hit;

/* Evaluates every rule for one traveler; writes the rules that held to hits
 * (in rule order) and their number to *n. Returns PW_ERR_LIMIT when more than
 * cap rules held (the first cap are written), PW_ERR_ARG on NULL arguments. */
pw_status pw_rules_eval(const pw_ruleset *rs, const pw_rule_context *cx,
                        pw_rule_hit *hits, size_t cap, size_t *n);

/* Called for each rule that held for travelers[traveler] of a batch. */
typedef void (*pw_rule_hit_fn)(void *ctx, size_t traveler, const pw_rule_hit *hit);

/* Evaluates the rules for every traveler of a batch, each with its
 * co-travelers: the other travelers of its booking (same pw_booking or same
 * locator) and travelers whose bookings share a phone (by digits), an e-mail
 * address (any case) or a card hash with its own (a contact shared by more
 * than 32 travelers links nobody). hits[i] (n_hits[i] of them) are the
 * watchlist hits of travelers[i]; hits may be NULL, and so may hits[i].
 * The leg screened is each traveler's first; now as in pw_rule_context.
 * PW_ERR_LIMIT is not returned: every rule that holds is reported. */
pw_status pw_rules_eval_batch(const pw_ruleset *rs, const pw_traveler *travelers, size_t n,
                              const pw_hit *const *hits, const size_t *n_hits, int64_t now,
                              pw_rule_hit_fn on_hit, void *ctx);

/* Writes a rule hit as one JSON object (no newline):
 * {"traveler_id":"T1","type":"rule","rule":"angel-watch","category":"sex_offender",
 *  "severity":"high","score":0.9,"locator":"ABC123",
 *  "notice":{"to":"destination_country","country":"MEX"},"reasons":["...", ...]}
 * locator and notice only when known. */
void pw_rule_hit_json(const pw_traveler *t, const pw_rule_hit *h, FILE *out);

/* The country (ISO 3166-1 alpha-3) of an airport by IATA code, from the
 * table of src/rules/airports.c; NULL when the airport is not in it. */
const char *pw_airport_country(const char *iata);

/* end of rules */

/* ----------------------------------------------------------- storage */
/* storage (src/store): declarations of this module go between these lines. */

/* One storage interface over two back ends: SQLite (the default: one file in
 * WAL mode) and PostgreSQL (libpq). The schema is versioned and migrated when
 * a store is opened. Times are seconds since the epoch, UTC; a "now" of 0
 * means the current time. Text returned through callbacks is valid during the
 * call only. A store is used by one thread at a time (open one per thread);
 * several processes may share one database. */
typedef struct pw_store pw_store;

#define PW_STORE_SCHEMA_VERSION 2

/* Opens (creating and migrating as needed) the store at url: a file path or
 * "sqlite:PATH" → SQLite; "postgresql://..." or "postgres://..." → PostgreSQL.
 * On failure returns NULL, *st says why (PW_ERR_DB, PW_ERR_ARG, PW_ERR_NOMEM)
 * and err holds one line for the user. */
pw_store *pw_store_open(const char *url, pw_status *st, char *err, size_t errcap);
void pw_store_close(pw_store *s);
const char *pw_store_backend(const pw_store *s);      /* "sqlite" or "postgresql" */
int pw_store_schema_version(const pw_store *s);
/* The last error of an operation on s, one line ("" if none). */
const char *pw_store_error(const pw_store *s);

/* -- watchlist versions. Each import of a list stores a new version; entries
 * unchanged since the last version are shared with it, so every version can
 * be read back. An entry is "changed" when the content hash of its fields
 * (names, dates of birth, sex, nationalities, documents, category) differs. */
typedef struct pw_list_delta {
    int version;             /* the version stored */
    size_t entries;          /* entries in the new version */
    size_t added, changed, removed, unchanged;
    size_t duplicates;       /* entries whose id was seen before in the same import: skipped */
} pw_list_delta;

/* Stores entries as a new version of list_name. category, if not NULL,
 * overrides the entries' own. source names the file (may be NULL). */
pw_status pw_store_import_entries(pw_store *s, const char *list_name, const char *category,
                                  const pw_entry *const *entries, size_t n, const char *source,
                                  int64_t now, pw_list_delta *delta);
/* The same from a loaded watchlist. */
pw_status pw_store_import_list(pw_store *s, const char *list_name, const char *category,
                               const pw_watchlist *w, const char *source, int64_t now,
                               pw_list_delta *delta);

typedef struct pw_list_version {
    const char *list;
    const char *category;    /* NULL when the entries carry their own */
    int version;
    int64_t imported_at;
    const char *source;
    size_t entries, added, changed, removed;
} pw_list_version;

typedef void (*pw_list_version_fn)(void *ctx, const pw_list_version *v);

/* The current version of every list, by name. */
pw_status pw_store_lists(pw_store *s, pw_list_version_fn fn, void *ctx);
/* Every version of one list, oldest first. PW_ERR_NOTFOUND if no such list. */
pw_status pw_store_list_history(pw_store *s, const char *list_name, pw_list_version_fn fn, void *ctx);

typedef enum pw_change { PW_CHANGE_ADDED = 1, PW_CHANGE_CHANGED, PW_CHANGE_REMOVED } pw_change;
const char *pw_change_name(pw_change c);  /* "added", "changed", "removed" */

/* The entries one version of a list added, changed and removed. */
pw_status pw_store_list_changes(pw_store *s, const char *list_name, int version,
                                void (*fn)(void *ctx, const char *entry_id, pw_change c), void *ctx);

/* The entries one version added or changed, whole (what retro-screening
 * screens stored travelers against). */
pw_status pw_store_list_delta_entries(pw_store *s, const char *list_name, int version,
                                      void (*fn)(void *ctx, const pw_entry *e, pw_change c),
                                      void *ctx);
/* The entries of a list as they were at version (0: the current version);
 * list_name NULL: the current entries of every list. */
pw_status pw_store_list_entries(pw_store *s, const char *list_name, int version,
                                void (*fn)(void *ctx, const pw_entry *e), void *ctx);
/* The current versions of the named lists (all lists if n is 0) added to w,
 * ready for pw_index_build. */
pw_status pw_store_load_lists(pw_store *s, const char *const *names, size_t n, pw_watchlist *w);

/* The content hash of an entry's fields (hex, 32 characters + NUL). */
void pw_entry_hash(const pw_entry *e, char out[33]);

/* -- screening results. One ingest is one message (or input file); it is
 * stored in one transaction. Its identity is sender + interchange reference
 * when both are known, else the content hash: ingesting it again is a no-op.
 * With a reference, the content hash tells a message sent again (the same
 * content) from a reference reused for other content (a conflict, not
 * stored either: the caller reports it). */
typedef struct pw_ingest_info {
    const char *sender;
    const char *interchange_ref;
    const char *content_hash;     /* hex, e.g. BLAKE2b of the input's bytes or
                                   * pw_store_message_digest */
    const char *source;           /* file name, for the audit; may be NULL */
    int64_t received_at;          /* 0: now */
} pw_ingest_info;

/* The content hash of a message's travelers as they are stored (names,
 * documents, legs, booking...; not the file or segment they were read from):
 * hex BLAKE2b-256, 64 characters + NUL ("" when out of memory). */
void pw_store_message_digest(const pw_traveler *travelers, size_t n, char out[65]);

/* What the identity of a message finds among the stored ingests. */
typedef enum pw_ingest_seen {
    PW_INGEST_NEW = 0,           /* not stored before: an ingest is open */
    PW_INGEST_DUPLICATE,         /* stored before; with a reference, the same content
                                  * (or a content hash unknown on either side) */
    PW_INGEST_CONFLICT           /* its sender and reference were stored before with a
                                  * different content hash */
} pw_ingest_seen;

/* Starts an ingest when its message was not stored before (PW_INGEST_NEW):
 * a transaction is open until pw_store_commit_ingest or
 * pw_store_abort_ingest. Otherwise nothing is open and *ingest_id is the
 * stored message's id. */
pw_status pw_store_start_ingest(pw_store *s, const pw_ingest_info *info, int64_t *ingest_id,
                                pw_ingest_seen *seen);
/* The same; *already true for a duplicate and for a conflict alike. */
pw_status pw_store_begin_ingest(pw_store *s, const pw_ingest_info *info, int64_t *ingest_id,
                                bool *already);
/* sensitive_dropped: PNR elements filtered by pw_ssr_filter, for the record. */
pw_status pw_store_commit_ingest(pw_store *s, int64_t ingest_id, size_t sensitive_dropped);
void pw_store_abort_ingest(pw_store *s);

typedef struct pw_ingest_record {
    int64_t id;
    const char *sender, *interchange_ref, *content_hash, *source;
    int64_t received_at;
    size_t travelers;
    size_t sensitive_dropped;
} pw_ingest_record;

/* The stored ingests, oldest first: the audit of what came in and what the
 * sensitive-data filter dropped from it. */
pw_status pw_store_ingests(pw_store *s, void (*fn)(void *ctx, const pw_ingest_record *r), void *ctx);

/* A transaction around writes outside an ingest (e.g. the hits and alerts
 * of a retro-screening run: pw_store_save_hit on stored travelers). Without
 * one, each write commits by itself. */
pw_status pw_store_begin(pw_store *s);
pw_status pw_store_commit(pw_store *s);
void pw_store_rollback(pw_store *s);

/* Stores a traveler with flight and booking; *traveler_id is its row. */
pw_status pw_store_save_traveler(pw_store *s, int64_t ingest_id, const pw_traveler *t,
                                 int64_t *traveler_id);

/* The identity used for analysts' decisions on (traveler, entry) pairs: hex
 * BLAKE2b of the folded name (surname and given names, or the whole name;
 * ASCII letters upper-cased, every run of other characters one space), the
 * date of birth and the first document number (upper-cased, letters and
 * digits only). Any of these missing stays part of the key as empty, so a
 * traveler known with fewer details is a different identity (it alerts). */
void pw_traveler_identity(const pw_traveler *t, char out[33]);

typedef enum pw_alert_status {
    PW_ALERT_NEW = 0,
    PW_ALERT_IN_REVIEW,
    PW_ALERT_CONFIRMED,
    PW_ALERT_DISMISSED
} pw_alert_status;

const char *pw_alert_status_name(pw_alert_status s);       /* "new", "in_review", ... */
bool pw_alert_status_parse(const char *s, pw_alert_status *out);
/* The review steps: new → in_review → confirmed | dismissed, and new →
 * confirmed | dismissed in one step (the decision is the review). Confirmed
 * and dismissed are final. */
bool pw_alert_transition_allowed(pw_alert_status from, pw_alert_status to);

typedef enum pw_raise {
    PW_RAISE_NONE = 0,        /* score below threshold: hit kept, no alert */
    PW_RAISE_NEW,             /* a new alert */
    PW_RAISE_SUPPRESSED,      /* the pair was dismissed and the entry is unchanged */
    PW_RAISE_KNOWN            /* the pair was confirmed: alert at once (any score), a repeat */
} pw_raise;

enum { PW_ALERT_RETRO = 1 };  /* flags: raised by retro-screening */

/* Stores a hit of a saved traveler (t: the same traveler, for its identity)
 * and raises an alert if its score is at or above threshold, unless the pair
 * was dismissed before and the entry has not changed since. A pair confirmed
 * before alerts whatever the score (PW_RAISE_KNOWN, repeat_of set). *outcome
 * and *alert_id (0 when none) may be NULL. */
pw_status pw_store_save_hit(pw_store *s, int64_t traveler_id, const pw_traveler *t,
                            const pw_hit *h, double threshold, unsigned flags, int64_t now,
                            pw_raise *outcome, int64_t *alert_id);
/* Raises an alert for a risk-rule hit (always: rules have no pairs). */
pw_status pw_store_raise_rule_alert(pw_store *s, int64_t traveler_id, const char *rule,
                                    double score, const char *reason, unsigned flags,
                                    int64_t now, int64_t *alert_id);

typedef struct pw_alert {
    int64_t id;
    int64_t traveler_id;
    pw_alert_status status;
    const char *kind;            /* "watchlist" or "rule" */
    const char *list, *entry_id, *category;   /* watchlist alerts */
    const char *rule, *reason;                /* rule alerts */
    double score;
    bool retro;
    int64_t repeat_of;           /* the confirmed alert this one repeats, or 0 */
    int64_t created_at;
    const char *traveler_ref;    /* the traveler's id in its message */
    const char *name;            /* "SURNAME, GIVEN" or the whole name; NULL once masked */
    const char *flight;
    int64_t dep_time;
} pw_alert;

typedef struct pw_alert_filter {
    int64_t id;                  /* 0: any */
    bool by_status;
    pw_alert_status status;
    const char *list;
    const char *category;
    const char *flight;
    int64_t since;               /* created at or after; 0: any */
} pw_alert_filter;

typedef void (*pw_alert_fn)(void *ctx, const pw_alert *a);
/* Alerts matching filter (NULL: all), newest first. */
pw_status pw_store_alerts(pw_store *s, const pw_alert_filter *filter, pw_alert_fn fn, void *ctx);

/* Moves an alert to a new status. who is required; reason is required for
 * confirmed and dismissed. PW_ERR_NOTFOUND: no such alert; PW_ERR_ARG: a step
 * not allowed (pw_store_error says which). */
pw_status pw_store_review(pw_store *s, int64_t alert_id, pw_alert_status to, const char *who,
                          const char *reason, int64_t now);

typedef struct pw_review_event {
    int64_t alert_id;
    pw_alert_status from, to;
    const char *who, *reason;
    int64_t at;
} pw_review_event;
pw_status pw_store_review_events(pw_store *s, int64_t alert_id,
                                 void (*fn)(void *ctx, const pw_review_event *e), void *ctx);

typedef struct pw_stored_traveler {
    int64_t id;
    int64_t ingest_id;
    int64_t received_at;
    bool pnr;                    /* came with a booking */
    bool masked;                 /* depersonalised by retention */
    const pw_traveler *t;        /* masked fields are NULL / empty */
} pw_stored_traveler;

/* Stored travelers received at or after since (0: all), oldest first (by
 * time received, then as stored). Memory stays bounded however many there
 * are: SQLite steps through the rows; PostgreSQL reads them through a cursor,
 * PW_STORE_FETCH_ROWS at a time, inside the caller's transaction or, when
 * none is open, one of its own for the duration of the call (there fn cannot
 * open a transaction, and its writes commit when the reading ends). */
#define PW_STORE_FETCH_ROWS 1000
pw_status pw_store_travelers(pw_store *s, int64_t since,
                             void (*fn)(void *ctx, const pw_stored_traveler *t), void *ctx);

/* -- retro-screening. When a list version adds or changes entries, the
 * travelers stored in the last days are screened against those entries only
 * and the alerts they raise are marked retro (PW_ALERT_RETRO), under the pair
 * rules of pw_store_save_hit. */
typedef struct pw_retro_report {
    int64_t since;               /* travelers received at or after this time */
    size_t entries;              /* added and changed entries screened against */
    size_t travelers;            /* travelers screened */
    size_t masked;               /* depersonalised travelers skipped */
    size_t hits;                 /* hits at or above the threshold */
    size_t alerts;               /* alerts raised (repeats included) */
    size_t repeats;              /* of them, repeats of confirmed pairs */
    size_t suppressed;           /* hits of dismissed pairs whose entry is unchanged */
    size_t already;              /* hits stored before (a repeated run): not stored again */
} pw_retro_report;

/* Screens the travelers received in the last days (before now; 0: the
 * current time) against the entries version of list_name added or changed.
 * Reads with no transaction open, then writes the hits in short
 * transactions; a hit stored before for the same traveler and entry content
 * is skipped, so an interrupted run is completed by running it again.
 * Placeholders and masked travelers are not screened. Must be called with
 * no transaction open (PW_ERR_ARG). */
pw_status pw_store_retro_screen(pw_store *s, const char *list_name, int version, int days,
                                double threshold, int64_t now, pw_retro_report *report);

/* -- retention. Defaults follow Directive (EU) 2016/681 Art. 12: PNR data
 * depersonalised after 6 months (names, other travelers on the record,
 * addresses and contacts, payment, frequent flyer data, remarks, and the
 * API data in it), deleted after 5 years; API data without alerts deleted
 * 24 hours after arrival. Travelers with a confirmed alert are neither
 * masked nor deleted by these rules: they are deleted confirmed_delete_months
 * after the confirmation. Decisions on (traveler, entry) pairs are deleted
 * pnr_delete_months (dismissed) or confirmed_delete_months (confirmed) after
 * they were taken. Periods of 0 disable a rule. */
typedef struct pw_retention_policy {
    int pnr_mask_months;         /* 6 */
    int pnr_delete_months;       /* 60 */
    int api_delete_hours;        /* 24, after arrival (departure, else receipt, if unknown) */
    int confirmed_delete_months; /* 60 */
} pw_retention_policy;

void pw_retention_defaults(pw_retention_policy *p);

typedef struct pw_retention_report {
    int64_t run_id;
    int64_t run_at;
    size_t masked;               /* travelers depersonalised */
    size_t deleted_pnr;          /* travelers deleted after pnr_delete_months */
    size_t deleted_api;          /* API-only travelers deleted after api_delete_hours */
    size_t deleted_confirmed;    /* travelers with confirmed alerts past their own period */
    size_t deleted_decisions;    /* analysts' pair decisions older than the data's periods */
} pw_retention_report;

/* Runs the policy as of now and records the run with its counts. */
pw_status pw_store_retention(pw_store *s, const pw_retention_policy *p, int64_t now,
                             pw_retention_report *report);
/* Every recorded run, oldest first. */
pw_status pw_store_retention_runs(pw_store *s, void (*fn)(void *ctx, const pw_retention_report *r),
                                  void *ctx);

/* -- sensitive data (Directive 2016/681 Art. 13(4)): PNR elements that could
 * reveal race or ethnic origin, religion or belief, health or sex life are
 * never stored. The message parsers ask this for every SSR/OSI/remark and
 * count what it drops. */
typedef enum pw_ssr_verdict {
    PW_SSR_KEEP = 0,
    PW_SSR_DROP_MEAL,            /* special meal: MOML, KSML, HNML, VGML, ... */
    PW_SSR_DROP_MEDICAL,         /* assistance and medical: WCHR, MEDA, DEAF, BLND, ... */
    PW_SSR_DROP_REMARK           /* free text: OSI, RMK, OTHS and remarks without a code */
} pw_ssr_verdict;

/* code: the SSR/element code ("VGML", "OSI", "RMK"), or NULL for a bare
 * remark; text: its free text, if any. */
pw_ssr_verdict pw_ssr_filter(const char *code, const char *text);

/* Times as the commands take them: "YYYY-MM-DD" (midnight UTC) or
 * "YYYY-MM-DDTHH:MM[:SS][Z]" (UTC). */
bool pw_time_parse(const char *s, int64_t *out);
/* "YYYY-MM-DDTHH:MM:SSZ" (cap >= 21); "" for 0. */
void pw_time_format(int64_t t, char *out, size_t cap);

/* end of storage */

#ifdef __cplusplus
}
#endif
#endif /* PAXWATCH_H */

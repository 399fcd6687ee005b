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

/* Reads travelers from a buffer holding a whole input (name used in errors),
 * the format detected. PW_ERR_REJECTS when some records were rejected. */
pw_status pw_read_travelers(const char *name, const char *data, size_t len, pw_batch *b,
                            pw_error_fn on_error, void *ctx);
/* The same from a file. */
pw_status pw_read_travelers_file(const char *path, pw_batch *b, pw_error_fn on_error, void *ctx);

/* Reads a whole file into memory (NUL-terminated; free() it). */
pw_status pw_read_file(const char *path, char **data, size_t *len);

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

/* end of storage */

#ifdef __cplusplus
}
#endif
#endif /* PAXWATCH_H */

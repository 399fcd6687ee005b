/*
 * watchlist.h — internals of the watchlist module: the entry builder every
 * loader fills, the load context that reports errors, and the loaders.
 */
#ifndef PW_WATCHLIST_H
#define PW_WATCHLIST_H

#include <stdarg.h>

#include "paxwatch.h"

/* A piece of a string, not NUL-terminated. */
typedef struct wl_span {
    const char *p;
    size_t n;
} wl_span;

enum { WL_MAX_DOBS = 32, WL_MAX_NATIONALITIES = 16, WL_MAX_DOCS = 32 };

/* One entry being read. Strings already live in the watchlist's arena;
 * watchlist_commit copies only the arrays. */
typedef struct wl_builder {
    const char *id;
    const char *list;
    pw_category category;
    const char *names[PW_MAX_NAMES];
    size_t n_names;
    pw_date dobs[WL_MAX_DOBS];
    size_t n_dobs;
    char sex;
    char nationalities[WL_MAX_NATIONALITIES][4];
    size_t n_nationalities;
    pw_document docs[WL_MAX_DOCS];
    size_t n_docs;
    size_t overflow;            /* names, dates, ... beyond the fixed limits */
} wl_builder;

void wl_builder_reset(wl_builder *b);
/* Each adds once (duplicates are ignored) and returns false when full. */
bool wl_add_name(wl_builder *b, const char *name);
bool wl_add_dob(wl_builder *b, pw_date d);
bool wl_add_nationality(wl_builder *b, const char alpha3[4]);
bool wl_add_document(wl_builder *b, const pw_document *doc);

/* Recently seen country codes, so that a million rows do not look each up. */
typedef struct wl_country_cache {
    char key[8];
    char alpha3[4];
} wl_country_cache;

enum { WL_COUNTRY_CACHE = 64 };

/* One load: where errors go and what is counted. */
typedef struct wl_load {
    pw_watchlist *w;
    const char *file;           /* as given by the caller, for errors */
    const char *path;           /* to open files beside it (OFAC alt.csv) */
    const char *list;           /* list name (argument or file name) */
    pw_error_fn on_error;
    void *ctx;
    pw_load_stats *stats;
    const char *last_list;      /* the last list column value, in the arena */
    wl_country_cache countries[WL_COUNTRY_CACHE];
} wl_load;

/* pw_country_alpha3 through the load's cache. */
bool wl_country_code(wl_load *ld, wl_span s, char out[4]);

/* Reports an error (warning: the record is kept) at line:column, naming field. */
void wl_report(wl_load *ld, unsigned line, unsigned column, const char *field, bool warning,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* s without surrounding white space. */
wl_span wl_trim(const char *s, size_t n);
/* True when s is not empty and holds digits only. */
bool wl_all_digits(wl_span s);
/* Takes the next sep-separated piece (trimmed) off *rest; false when none is left. */
bool wl_next_piece(wl_span *rest, char sep, wl_span *piece);
/* Copies a span into buf as a C string (truncated to cap-1). */
const char *wl_cstr(wl_span s, char *buf, size_t cap);

/* A four-digit year from 1800 to 2100. */
bool wl_year(wl_span w, int *year);
/* "10 Dec 1948", "Dec 1948", "Nov. 1962" or "1948" (a trailing '.' allowed). */
bool wl_parse_date_phrase(wl_span s, pw_date *out);
/* Adds a range of birth dates to b as year-only dates (see dates.c). */
void wl_add_range(wl_builder *b, pw_date from, pw_date to);

pw_arena *watchlist_arena(pw_watchlist *w);
/* Copies s[0..n) without surrounding white space into the arena; NULL when empty. */
const char *watchlist_keep(pw_watchlist *w, const char *s, size_t n);
/* "SURNAME, GIVEN" in the arena (either may be NULL/empty). */
const char *watchlist_join_name(pw_watchlist *w, const char *surname, const char *given);

/* True when list already holds an entry with this id. */
bool watchlist_has(pw_watchlist *w, const char *list, const char *id);
/* Commits a built entry: PW_ERR_ARG if its id is already in its list. */
pw_status watchlist_commit(pw_watchlist *w, const wl_builder *b);

/* A country name or code to alpha-3; also reads OFAC's inverted names
 * ("Korea, North", "Congo, Democratic Republic of the"). */
bool watchlist_country(const char *s, char out[4]);

/* The fields of the watchlist CSV (FORMATS.md), shared with JSON Lines. */
typedef enum wl_column {
    C_ID, C_LIST, C_CATEGORY, C_SURNAME, C_GIVEN, C_NAME, C_ALIASES, C_DOB, C_SEX,
    C_NATIONALITY, C_DOCUMENTS, C_COUNT
} wl_column;

extern const char *const wl_column_names[C_COUNT];

typedef struct wl_row_check {
    wl_column bad;
    char reason[256];
} wl_row_check;

/* Checks one record's fields (trimmed; several values '|'-separated) and
 * fills b; on a bad field returns false with check filled in. */
bool wl_build_row(wl_load *ld, const wl_span *v, wl_builder *b, wl_row_check *check);

pw_status watchlist_load_csv(wl_load *ld, const char *data, size_t len);
pw_status watchlist_load_ofac(wl_load *ld, const char *data, size_t len);
pw_status watchlist_load_un(wl_load *ld, const char *data, size_t len);
pw_status watchlist_load_jsonl(wl_load *ld, const char *data, size_t len);

/* OFAC SDN legacy CSV: the first row has 12 fields, a numeric first field and -0- markers. */
bool watchlist_is_ofac(const char *data, size_t len);

#endif

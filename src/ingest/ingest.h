/*
 * ingest.h — internals of the ingest module: the readers behind
 * pw_read_travelers, and small parsers shared by them.
 */
#ifndef PW_INGEST_H
#define PW_INGEST_H

#include "paxwatch.h"

/* Reads a travelers CSV (FORMATS.md "Travelers CSV") into b. */
pw_status ingest_read_csv(const char *name, const char *data, size_t len, pw_batch *b,
                          pw_error_fn on_error, void *ctx);

/* Reads travelers as JSON Lines: one object per line with the CSV's field names. */
pw_status ingest_read_jsonl(const char *name, const char *data, size_t len, pw_batch *b,
                            pw_error_fn on_error, void *ctx);

/* Parses an ISO 8601 date and time ("2024-05-01T10:30", "2024-05-01 10:30",
 * "2024-05-01T10:30:00Z", "...+02:00") into seconds since the epoch, UTC. A
 * time without a zone is taken as UTC. */
bool ingest_parse_time(const char *s, int64_t *out);

/* One traveler's fields by FORMATS.md column name, as read from a row or an
 * object; NULL or "" when absent. */
typedef struct ingest_fields {
    const char *id, *surname, *given_names, *name, *dob, *sex, *nationality;
    const char *doc_type, *doc_number, *doc_country;
    const char *flight, *dep_airport, *arr_airport, *dep_time, *arr_time;
} ingest_fields;

/* Which field is bad, for the error: an index into the order above. */
typedef enum ingest_field_id {
    F_ID, F_SURNAME, F_GIVEN, F_NAME, F_DOB, F_SEX, F_NATIONALITY, F_DOC_TYPE, F_DOC_NUMBER,
    F_DOC_COUNTRY, F_FLIGHT, F_DEP_AIRPORT, F_ARR_AIRPORT, F_DEP_TIME, F_ARR_TIME, F_COUNT
} ingest_field_id;

extern const char *const ingest_field_names[F_COUNT];

/* Fills t (strings copied into b's arena). On a bad field, returns false
 * with *bad the field and reason written into reason. */
bool ingest_build_traveler(pw_batch *b, const ingest_fields *f, pw_traveler *t,
                           ingest_field_id *bad, char *reason, size_t cap);

/* A set of ids seen in one input. Zero-initialize; free with ingest_idset_free. */
typedef struct ingest_idset {
    const char **slots;
    size_t cap, n;
} ingest_idset;

/* 1 added, 0 already there, -1 out of memory. id must outlive the set. */
int ingest_idset_add(ingest_idset *set, const char *id);
void ingest_idset_free(ingest_idset *set);

/* ingest_build_traveler, then the id must be new in ids: 1 kept, 0 rejected
 * (*bad and reason say why), -1 out of memory. */
int ingest_take_traveler(pw_batch *b, const ingest_fields *f, pw_traveler *t, ingest_idset *ids,
                         ingest_field_id *bad, char *reason, size_t cap);

#endif

/*
 * travelers_csv.c — the travelers CSV of FORMATS.md: a header row naming the
 * columns (any order, unknown ones ignored), one traveler per row. A bad row
 * is reported as "file:line:column: field: reason" and skipped; the rows
 * around it are kept. A repeated id is rejected.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest.h"

/* Row fields without surrounding white space, copied into one reused buffer. */
typedef struct row_buffer {
    char *data;
    size_t cap;
} row_buffer;

static bool trim_row(row_buffer *rb, const char **fields, size_t n, const char **out)
{
    size_t need = 0;
    for (size_t i = 0; i < n; i++)
        need += strlen(fields[i]) + 1;
    if (need > rb->cap) {
        size_t cap = rb->cap ? rb->cap : 1024;
        while (cap < need)
            cap *= 2;
        char *p = realloc(rb->data, cap);
        if (!p)
            return false;
        rb->data = p;
        rb->cap = cap;
    }
    char *w = rb->data;
    for (size_t i = 0; i < n; i++) {
        const char *s = fields[i];
        while (*s == ' ' || *s == '\t')
            s++;
        size_t len = strlen(s);
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' ||
                       s[len - 1] == '\n'))
            len--;
        memcpy(w, s, len);
        w[len] = '\0';
        out[i] = w;
        w += len + 1;
    }
    return true;
}

static void report(pw_error_fn on_error, void *ctx, const char *name, unsigned line,
                   unsigned column, const char *field, const char *reason, bool warning)
{
    pw_error e = {.file = name, .line = line, .column = column, .field = field,
                  .reason = reason, .warning = warning};
    if (on_error)
        on_error(ctx, &e);
    else
        pw_error_print(stderr, &e);
}

pw_status ingest_read_csv(const char *name, const char *data, size_t len, pw_batch *b,
                          pw_error_fn on_error, void *ctx)
{
    pw_csv *csv = pw_csv_new(data, len);
    if (!csv)
        return PW_ERR_NOMEM;
    pw_status status = PW_OK;
    row_buffer rb = {0};
    const char **row = NULL;
    size_t row_cap = 0;
    ingest_idset ids = {0};
    int column_of[F_COUNT];          /* 0-based CSV column of each field, -1 absent */
    for (int i = 0; i < F_COUNT; i++)
        column_of[i] = -1;

    const char **fields, *error;
    size_t n;
    unsigned line;
    bool header = false;
    size_t rejected = 0;
    const char *file = pw_arena_strdup(b->arena, name);
    while (pw_csv_next(csv, &fields, &n, &line, &error)) {
        if (error) {
            report(on_error, ctx, name, line, 0, NULL, error, false);
            if (!header) {
                status = PW_ERR_FORMAT;
                break;
            }
            rejected++;
            continue;
        }
        if (n > row_cap) {
            size_t cap = n * 2;
            const char **r = realloc(row, cap * sizeof *r);
            if (!r) {
                status = PW_ERR_NOMEM;
                break;
            }
            row = r;
            row_cap = cap;
        }
        if (!trim_row(&rb, fields, n, row)) {
            status = PW_ERR_NOMEM;
            break;
        }
        if (!header) {
            for (size_t i = 0; i < n; i++)
                for (int f = 0; f < F_COUNT; f++)
                    if (strcasecmp(row[i], ingest_field_names[f]) == 0 && column_of[f] < 0)
                        column_of[f] = (int)i;
            header = true;
            if (column_of[F_ID] < 0 ||
                (column_of[F_SURNAME] < 0 && column_of[F_GIVEN] < 0 && column_of[F_NAME] < 0)) {
                report(on_error, ctx, name, line, 0, NULL,
                       "header: need an id column and one of surname, given_names, name", false);
                status = PW_ERR_FORMAT;
                break;
            }
            continue;
        }
        const char *value[F_COUNT];
        for (int f = 0; f < F_COUNT; f++)
            value[f] = column_of[f] >= 0 && (size_t)column_of[f] < n ? row[column_of[f]] : "";
        ingest_fields in = {
            value[F_ID], value[F_SURNAME], value[F_GIVEN], value[F_NAME], value[F_DOB],
            value[F_SEX], value[F_NATIONALITY], value[F_DOC_TYPE], value[F_DOC_NUMBER],
            value[F_DOC_COUNTRY], value[F_FLIGHT], value[F_DEP_AIRPORT], value[F_ARR_AIRPORT],
            value[F_DEP_TIME], value[F_ARR_TIME],
        };
        pw_traveler *t = pw_batch_push(b);
        if (!t) {
            status = PW_ERR_NOMEM;
            break;
        }
        ingest_field_id bad;
        char reason[256];
        int taken = ingest_take_traveler(b, &in, t, &ids, &bad, reason, sizeof reason);
        if (taken < 0) {
            status = PW_ERR_NOMEM;
            break;
        }
        bool ok = taken == 1;
        if (!ok) {
            b->n--;
            rejected++;
            if (bad == F_SURNAME && column_of[F_SURNAME] < 0)
                bad = column_of[F_NAME] >= 0 ? F_NAME : F_GIVEN;
            unsigned column = column_of[bad] >= 0 ? (unsigned)column_of[bad] + 1 : 0;
            report(on_error, ctx, name, line, column, ingest_field_names[bad], reason, false);
            continue;
        }
        t->source.file = file;
        t->source.line = line;
    }
    if (status == PW_OK && !header) {
        report(on_error, ctx, name, 0, 0, NULL, "empty input: no header row", false);
        status = PW_ERR_FORMAT;
    }
    ingest_idset_free(&ids);
    free(row);
    free(rb.data);
    pw_csv_free(csv);
    b->rejected += rejected;
    if (status == PW_OK && rejected)
        status = PW_ERR_REJECTS;
    return status;
}

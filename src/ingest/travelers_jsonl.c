/*
 * travelers_jsonl.c — travelers as JSON Lines: one object per line with the
 * field names of the travelers CSV (FORMATS.md). Values are strings (numbers
 * are accepted for ids). A bad line is reported with its line number and
 * skipped.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "ingest.h"

static void report(pw_error_fn on_error, void *ctx, const char *name, unsigned line,
                   unsigned column, const char *field, const char *reason)
{
    pw_error e = {.file = name, .line = line, .column = column, .field = field, .reason = reason};
    if (on_error)
        on_error(ctx, &e);
    else
        pw_error_print(stderr, &e);
}

/* A member as a string: strings as they are, integers printed into buf. */
static const char *member(json_t *obj, const char *key, char *buf, size_t cap)
{
    json_t *v = json_object_get(obj, key);
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(buf, cap, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return buf;
    }
    return "";
}

pw_status ingest_read_jsonl(const char *name, const char *data, size_t len, pw_batch *b,
                            pw_error_fn on_error, void *ctx)
{
    ingest_idset ids = {0};
    size_t rejected = 0;
    const char *file = pw_arena_strdup(b->arena, name);
    pw_status status = PW_OK;
    unsigned line = 0;
    for (size_t pos = 0; pos < len;) {
        const char *start = data + pos;
        const char *eol = memchr(start, '\n', len - pos);
        size_t n = eol ? (size_t)(eol - start) : len - pos;
        pos += n + (eol ? 1 : 0);
        line++;
        size_t k = 0;
        while (k < n && (start[k] == ' ' || start[k] == '\t' || start[k] == '\r'))
            k++;
        if (k == n)
            continue;
        json_error_t jerr;
        json_t *obj = json_loadb(start, n, 0, &jerr);
        char reason[256];
        if (!obj || !json_is_object(obj)) {
            snprintf(reason, sizeof reason, "%s", obj ? "not a JSON object" : jerr.text);
            report(on_error, ctx, name, line, obj ? 0 : (unsigned)jerr.column, NULL, reason);
            json_decref(obj);
            rejected++;
            continue;
        }
        char buf[F_COUNT][32];
        const char *v[F_COUNT];
        for (int f = 0; f < F_COUNT; f++)
            v[f] = member(obj, ingest_field_names[f], buf[f], sizeof buf[f]);
        ingest_fields in = {v[F_ID], v[F_SURNAME], v[F_GIVEN], v[F_NAME], v[F_DOB], v[F_SEX],
                            v[F_NATIONALITY], v[F_DOC_TYPE], v[F_DOC_NUMBER], v[F_DOC_COUNTRY],
                            v[F_FLIGHT], v[F_DEP_AIRPORT], v[F_ARR_AIRPORT], v[F_DEP_TIME],
                            v[F_ARR_TIME]};
        pw_traveler *t = pw_batch_push(b);
        if (!t) {
            json_decref(obj);
            status = PW_ERR_NOMEM;
            break;
        }
        ingest_field_id bad;
        int taken = ingest_take_traveler(b, &in, t, &ids, &bad, reason, sizeof reason);
        json_decref(obj);
        if (taken < 0) {
            status = PW_ERR_NOMEM;
            break;
        }
        bool ok = taken == 1;
        if (!ok) {
            b->n--;
            rejected++;
            report(on_error, ctx, name, line, 0, ingest_field_names[bad], reason);
            continue;
        }
        t->source.file = file;
        t->source.line = line;
    }
    ingest_idset_free(&ids);
    b->rejected += rejected;
    if (status == PW_OK && rejected)
        status = PW_ERR_REJECTS;
    return status;
}

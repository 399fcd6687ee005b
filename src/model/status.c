/*
 * status.c — status names, error records and their one format:
 * "file:line:column: reason" for line-oriented input, "file: segment N (TAG): reason"
 * for EDIFACT, so that every bad input is reported the same way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"

const char *pw_status_str(pw_status s)
{
    switch (s) {
    case PW_OK: return "ok";
    case PW_ERR_NOMEM: return "out of memory";
    case PW_ERR_IO: return "input/output error";
    case PW_ERR_FORMAT: return "unknown or bad format";
    case PW_ERR_REJECTS: return "some records were rejected";
    case PW_ERR_ARG: return "bad argument";
    case PW_ERR_NOTFOUND: return "not found";
    case PW_ERR_DB: return "database error";
    case PW_ERR_LIMIT: return "limit exceeded";
    }
    return "unknown status";
}

void pw_error_format(const pw_error *e, char *out, size_t cap)
{
    const char *file = e->file ? e->file : "-";
    const char *kind = e->warning ? "warning: " : "";
    char where[96] = "";
    if (e->field)
        snprintf(where, sizeof where, "%s: ", e->field);
    if (e->segment)
        snprintf(out, cap, "%s: segment %u (%s): %s%s%s", file, e->segment, e->tag ? e->tag : "?",
                 kind, where, e->reason);
    else if (e->line && e->column)
        snprintf(out, cap, "%s:%u:%u: %s%s%s", file, e->line, e->column, kind, where, e->reason);
    else if (e->line)
        snprintf(out, cap, "%s:%u: %s%s%s", file, e->line, kind, where, e->reason);
    else
        snprintf(out, cap, "%s: %s%s%s", file, kind, where, e->reason);
}

void pw_error_print(void *ctx, const pw_error *e)
{
    char buf[1024];
    pw_error_format(e, buf, sizeof buf);
    fprintf(ctx ? (FILE *)ctx : stderr, "%s\n", buf);
}

void model_report(pw_error_fn fn, void *ctx, const pw_error *e)
{
    if (fn)
        fn(ctx, e);
    else
        pw_error_print(stderr, e);
}

pw_status model_grow(void **array, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return PW_OK;
    size_t n = *cap ? *cap : 8;
    while (n < need)
        n *= 2;
    void *p = realloc(*array, n * elem);
    if (!p)
        return PW_ERR_NOMEM;
    *array = p;
    *cap = n;
    return PW_OK;
}

char *model_trim(char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

int model_strcasecmp(const char *a, const char *b)
{
    return strcasecmp(a, b);
}

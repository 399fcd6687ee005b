/*
 * read.c — reading travelers from any input we know: the format is detected
 * from the content (detect.c) and the input handed to its reader.
 */
#include <stdio.h>
#include <stdlib.h>

#include "ingest.h"

static void report(pw_error_fn on_error, void *ctx, const char *name, const char *reason)
{
    pw_error e = {.file = name, .reason = reason};
    if (on_error)
        on_error(ctx, &e);
    else
        pw_error_print(stderr, &e);
}

/* EDIFACT: wired to the edifact module */
static pw_status read_edifact(pw_format f, const char *name, const char *data, size_t len,
                              pw_batch *b, pw_error_fn on_error, void *ctx)
{
    (void)f; (void)data; (void)len; (void)b;
    report(on_error, ctx, name, "EDIFACT messages are read by the edifact module");
    return PW_ERR_FORMAT;
}

pw_status pw_read_travelers(const char *name, const char *data, size_t len, pw_batch *b,
                            pw_error_fn on_error, void *ctx)
{
    if (!b || (!data && len))
        return PW_ERR_ARG;
    if (!name)
        name = "-";
    pw_format f = pw_detect_format(data, len);
    switch (f) {
    case PW_FORMAT_CSV:
        return ingest_read_csv(name, data, len, b, on_error, ctx);
    case PW_FORMAT_JSONL:
        return ingest_read_jsonl(name, data, len, b, on_error, ctx);
    case PW_FORMAT_PAXLST:
    case PW_FORMAT_PNRGOV:
        return read_edifact(f, name, data, len, b, on_error, ctx);
    case PW_FORMAT_UNKNOWN:
        break;
    }
    report(on_error, ctx, name,
           "unknown format (not EDIFACT PAXLST/PNRGOV, JSON Lines, or CSV with an id column)");
    return PW_ERR_FORMAT;
}

pw_status pw_read_travelers_file(const char *path, pw_batch *b, pw_error_fn on_error, void *ctx)
{
    char *data;
    size_t len;
    pw_status s = pw_read_file(path, &data, &len);
    if (s != PW_OK) {
        report(on_error, ctx, path, s == PW_ERR_IO ? "cannot read the file" : pw_status_str(s));
        return s;
    }
    s = pw_read_travelers(path, data, len, b, on_error, ctx);
    free(data);
    return s;
}

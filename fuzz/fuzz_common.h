/*
 * fuzz_common.h — shared by the libFuzzer harnesses: an error sink that
 * formats what it gets, and, for the EDIFACT parsers, reading an input (as
 * is, or behind a message header so that mutations reach the message
 * bodies) and checking what comes out.
 */
#ifndef PW_FUZZ_COMMON_H
#define PW_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paxwatch.h"

static inline void fuzz_ignore(void *ctx, const pw_error *e)
{
    char buf[1024];
    (void)ctx;
    pw_error_format(e, buf, sizeof buf);    /* the formatting is exercised too */
}

static inline void fuzz_read(const uint8_t *data, size_t size, const char *header)
{
    static FILE *null_out;
    if (!null_out)
        null_out = fopen("/dev/null", "w");
    size_t hl = header ? strlen(header) : 0;
    char *buf = malloc(hl + size + 1);
    if (!buf)
        return;
    if (hl)
        memcpy(buf, header, hl);
    memcpy(buf + hl, data, size);
    buf[hl + size] = '\0';
    /* Once as given, and once behind the header when the input has none. */
    for (int pass = 0; pass < (hl ? 2 : 1); pass++) {
        const char *in = pass ? buf : buf + hl;
        size_t len = pass ? hl + size : size;
        pw_batch b;
        memset(&b, 0, sizeof b);
        pw_edifact_stats st;
        pw_status s = pw_edifact_read("fuzz", in, len, &b, fuzz_ignore, NULL, &st);
        if (s != PW_OK && s != PW_ERR_REJECTS && s != PW_ERR_FORMAT)
            abort();
        if (st.travelers != b.n)
            abort();
        for (size_t i = 0; i < b.n; i++) {
            const pw_traveler *t = &b.travelers[i];
            if (!t->id || (!t->surname && !t->name) || !t->source.file)
                abort();
            if (null_out)
                pw_traveler_json(t, null_out);
        }
        free(b.travelers);
        pw_arena_free(b.arena);
    }
    free(buf);
}

#endif

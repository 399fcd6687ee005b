/*
 * csv.c — RFC 4180 CSV reader shared by every CSV format (watchlists,
 * travelers, OFAC SDN). Quoted fields may hold commas, doubled quotes and
 * line breaks; rows end in CRLF, LF or a lone CR; a UTF-8 byte order mark at
 * the start is skipped; blank lines are skipped.
 *
 * Real files bend the RFC, so the reader is lenient where it can be without
 * guessing: a quote inside an unquoted field is kept as a letter, a quote
 * inside a quoted field that is not followed by a separator is kept as a
 * letter, spaces between a closing quote and the separator are dropped, and
 * a DOS end-of-file mark (Ctrl-Z, as at the end of OFAC's files) ends the
 * input. A quoted field still open at the end of the input is an error for
 * its row; reading resumes at the line after the row's first line, so the
 * rows after it survive.
 *
 * Speed: fields are unescaped into one scratch buffer reused for every row;
 * nothing is allocated per field or per row once the buffers have grown.
 */
#include <stdlib.h>
#include <string.h>

#include "paxwatch.h"

struct pw_csv {
    const char *data;
    size_t len;
    size_t pos;
    unsigned line;             /* line of data[pos] */
    char *scratch;             /* the current row's fields, NUL-separated */
    size_t scratch_cap;
    size_t *offsets;           /* start of each field in scratch */
    const char **fields;
    size_t fields_cap;
};

pw_csv *pw_csv_new(const char *data, size_t len)
{
    pw_csv *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    if (!data) {
        data = "";
        len = 0;
    }
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        data += 3;
        len -= 3;
    }
    /* A DOS end-of-file mark and anything after it is not data. */
    const char *eof = memchr(data, 0x1A, len);
    if (eof)
        len = (size_t)(eof - data);
    c->data = data;
    c->len = len;
    c->line = 1;
    return c;
}

void pw_csv_free(pw_csv *c)
{
    if (!c)
        return;
    free(c->scratch);
    free(c->offsets);
    free(c->fields);
    free(c);
}

/* Makes room for need more bytes of scratch after used. */
static bool scratch_reserve(pw_csv *c, size_t used, size_t need)
{
    if (c->scratch_cap - used >= need)
        return true;
    size_t cap = c->scratch_cap ? c->scratch_cap : 4096;
    while (cap - used < need)
        cap *= 2;
    char *p = realloc(c->scratch, cap);
    if (!p)
        return false;
    c->scratch = p;
    c->scratch_cap = cap;
    return true;
}

static bool field_push(pw_csv *c, size_t n, size_t offset)
{
    if (n >= c->fields_cap) {
        size_t cap = c->fields_cap ? c->fields_cap * 2 : 32;
        size_t *o = realloc(c->offsets, cap * sizeof *o);
        if (!o)
            return false;
        c->offsets = o;
        const char **f = realloc(c->fields, cap * sizeof *f);
        if (!f)
            return false;
        c->fields = f;
        c->fields_cap = cap;
    }
    c->offsets[n] = offset;
    return true;
}

static bool is_row_end(char ch)
{
    return ch == '\n' || ch == '\r';
}

/* Consumes one row end (CRLF, LF or CR) at pos. */
static void skip_row_end(pw_csv *c)
{
    if (c->pos < c->len && c->data[c->pos] == '\r')
        c->pos++;
    if (c->pos < c->len && c->data[c->pos] == '\n')
        c->pos++;
    c->line++;
}

/* After an unterminated quote: go on at the line after the row's first line. */
static void resync(pw_csv *c, size_t row_start, unsigned row_line)
{
    const char *d = c->data;
    size_t p = row_start;
    while (p < c->len && !is_row_end(d[p]))
        p++;
    c->pos = p;
    c->line = row_line;
    if (p < c->len)
        skip_row_end(c);
}

bool pw_csv_next(pw_csv *c, const char ***fields, size_t *n_fields, unsigned *line,
                 const char **error)
{
    const char *d = c->data;
    *error = NULL;
    *n_fields = 0;
    /* Blank lines are not rows. */
    while (c->pos < c->len && is_row_end(d[c->pos]))
        skip_row_end(c);
    if (c->pos >= c->len)
        return false;

    const size_t row_start = c->pos;
    const unsigned row_line = c->line;
    *line = row_line;
    size_t used = 0, n = 0;
    bool row_done = false;

    while (!row_done) {
        if (!field_push(c, n, used) || !scratch_reserve(c, used, 1)) {
            *error = "out of memory";
            resync(c, row_start, row_line);
            return true;
        }
        size_t p = c->pos;
        /* Spaces before an opening quote are dropped (", "x"" reads x). */
        size_t q = p;
        while (q < c->len && d[q] == ' ')
            q++;
        if (q < c->len && d[q] == '"') {
            p = q + 1;
            for (;;) {
                const char *quote = memchr(d + p, '"', c->len - p);
                if (!quote) {
                    *error = "unterminated quoted field";
                    resync(c, row_start, row_line);
                    return true;
                }
                size_t chunk = (size_t)(quote - (d + p));
                if (!scratch_reserve(c, used, chunk + 2)) {
                    *error = "out of memory";
                    resync(c, row_start, row_line);
                    return true;
                }
                /* Line breaks inside the field still count as lines. */
                for (const char *s = d + p; s < quote; s++)
                    if (*s == '\n' || (*s == '\r' && (s + 1 == quote || s[1] != '\n')))
                        c->line++;
                memcpy(c->scratch + used, d + p, chunk);
                used += chunk;
                p = (size_t)(quote - d) + 1;
                if (p < c->len && d[p] == '"') {       /* "" is one quote */
                    c->scratch[used++] = '"';
                    p++;
                    continue;
                }
                size_t after = p;
                while (after < c->len && (d[after] == ' ' || d[after] == '\t'))
                    after++;
                if (after >= c->len || d[after] == ',' || is_row_end(d[after])) {
                    p = after;
                    break;
                }
                c->scratch[used++] = '"';              /* a stray quote: a letter */
            }
        } else {
            size_t start = p;
            while (p < c->len && d[p] != ',' && !is_row_end(d[p]))
                p++;
            size_t chunk = p - start;
            if (!scratch_reserve(c, used, chunk + 1)) {
                *error = "out of memory";
                resync(c, row_start, row_line);
                return true;
            }
            memcpy(c->scratch + used, d + start, chunk);
            used += chunk;
        }
        c->scratch[used++] = '\0';
        n++;
        if (p < c->len && d[p] == ',') {
            c->pos = p + 1;
        } else {
            c->pos = p;
            if (p < c->len)
                skip_row_end(c);
            row_done = true;
        }
    }
    for (size_t i = 0; i < n; i++)
        c->fields[i] = c->scratch + c->offsets[i];
    *fields = c->fields;
    *n_fields = n;
    return true;
}

/*
 * jsonl.c — watchlists as JSON Lines: one object per line with the fields of
 * the watchlist CSV (FORMATS.md). aliases, dob, nationality and documents
 * may be arrays or '|'-separated strings; a document may also be an object
 * {"type":"P","country":"EGY","number":"1084010"}. Each line is checked by
 * the same rules as a CSV row; a bad line is reported with its line number
 * and skipped.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "watchlist.h"

/* Appends s to buf at *len, '|' before it unless first. */
static void append(char *buf, size_t cap, size_t *len, const char *s, bool first)
{
    int k = snprintf(buf + *len, cap - *len, "%s%s", first ? "" : "|", s);
    if (k > 0)
        *len += (size_t)k < cap - *len ? (size_t)k : cap - *len - 1;
}

/* One member as the CSV cell it stands for, written into buf. */
static wl_span cell(json_t *obj, const char *key, char *buf, size_t cap)
{
    json_t *v = json_object_get(obj, key);
    size_t len = 0;
    buf[0] = '\0';
    if (json_is_string(v)) {
        append(buf, cap, &len, json_string_value(v), true);
    } else if (json_is_integer(v)) {
        len = (size_t)snprintf(buf, cap, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
    } else if (json_is_array(v)) {
        size_t i;
        json_t *item;
        json_array_foreach(v, i, item) {
            if (json_is_string(item)) {
                append(buf, cap, &len, json_string_value(item), i == 0);
            } else if (json_is_object(item)) {
                char doc[256];
                const char *t = json_string_value(json_object_get(item, "type"));
                const char *c = json_string_value(json_object_get(item, "country"));
                const char *n = json_string_value(json_object_get(item, "number"));
                snprintf(doc, sizeof doc, "%s:%s:%s", t ? t : "", c ? c : "", n ? n : "");
                append(buf, cap, &len, doc, i == 0);
            }
        }
    }
    if (len >= cap)
        len = cap - 1;
    return wl_trim(buf, len);
}

pw_status watchlist_load_jsonl(wl_load *ld, const char *data, size_t len)
{
    wl_builder *b = malloc(sizeof *b);
    char (*cells)[2048] = malloc(C_COUNT * sizeof *cells);
    if (!b || !cells) {
        free(b);
        free(cells);
        return PW_ERR_NOMEM;
    }
    pw_status status = PW_OK;
    unsigned line = 0;
    for (size_t pos = 0; pos < len;) {
        const char *start = data + pos;
        const char *eol = memchr(start, '\n', len - pos);
        size_t n = eol ? (size_t)(eol - start) : len - pos;
        pos += n + (eol ? 1 : 0);
        line++;
        wl_span t = wl_trim(start, n);
        if (!t.n)
            continue;
        json_error_t jerr;
        json_t *obj = json_loadb(t.p, t.n, 0, &jerr);
        if (!obj || !json_is_object(obj)) {
            if (obj)
                wl_report(ld, line, 0, NULL, false, "not a JSON object");
            else
                wl_report(ld, line, (unsigned)jerr.column, NULL, false, "%s", jerr.text);
            json_decref(obj);
            ld->stats->rejected++;
            continue;
        }
        wl_span v[C_COUNT];
        for (int c = 0; c < C_COUNT; c++)
            v[c] = cell(obj, wl_column_names[c], cells[c], sizeof cells[c]);
        wl_row_check check;
        bool ok = wl_build_row(ld, v, b, &check);
        json_decref(obj);
        if (!ok) {
            wl_report(ld, line, 0, wl_column_names[check.bad], false, "%s", check.reason);
            ld->stats->rejected++;
            continue;
        }
        if (b->overflow)
            wl_report(ld, line, 0, NULL, true, "too many values: %zu left out", b->overflow);
        status = watchlist_commit(ld->w, b);
        if (status != PW_OK)
            break;
        ld->stats->entries++;
        ld->stats->aliases += b->n_names - 1;
    }
    free(cells);
    free(b);
    return status;
}

/*
 * csv_list.c — the watchlist CSV of FORMATS.md: a header row naming the
 * columns (any order, unknown ones ignored), one entry per row. Several
 * values in one cell are separated by '|' (aliases, dates of birth,
 * nationalities, documents TYPE:COUNTRY:NUMBER). A bad row is reported as
 * "file:line:column: field: reason" and skipped; an id seen before in the
 * same list is rejected. Every row is checked before anything of it is
 * copied, so a rejected row costs no memory.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "watchlist.h"

const char *const wl_column_names[C_COUNT] = {
    "id", "list", "category", "surname", "given_names", "name", "aliases", "dob", "sex",
    "nationality", "documents",
};

/* Reads sex: M, F (or Male/Female), any case; empty is unknown. */
static bool parse_sex(wl_span s, char *out)
{
    if (s.n == 0) {
        *out = 0;
        return true;
    }
    char c = (char)toupper((unsigned char)s.p[0]);
    if ((s.n == 1 || (s.n == 4 && strncasecmp(s.p, "male", 4) == 0) ||
         (s.n == 6 && strncasecmp(s.p, "female", 6) == 0)) && (c == 'M' || c == 'F')) {
        *out = c;
        return true;
    }
    return false;
}

bool wl_country_code(wl_load *ld, wl_span s, char out[4])
{
    char buf[64];
    if (s.n == 0 || s.n >= sizeof ld->countries[0].key)
        return pw_country_alpha3(wl_cstr(s, buf, sizeof buf), out);
    unsigned h = 0;
    for (size_t i = 0; i < s.n; i++)
        h = h * 31 + (unsigned char)s.p[i];
    wl_country_cache *c = &ld->countries[h % WL_COUNTRY_CACHE];
    if (strncmp(c->key, s.p, s.n) == 0 && c->key[s.n] == '\0') {
        memcpy(out, c->alpha3, 4);
        return true;
    }
    if (!pw_country_alpha3(wl_cstr(s, buf, sizeof buf), out))
        return false;
    memcpy(c->key, s.p, s.n);
    c->key[s.n] = '\0';
    memcpy(c->alpha3, out, 4);
    return true;
}

/* TYPE:COUNTRY:NUMBER (the number may itself hold ':'). */
static bool parse_document(wl_load *ld, wl_span s, pw_document *doc, wl_span *number,
                           bool *bad_country)
{
    *bad_country = false;
    memset(doc, 0, sizeof *doc);
    const char *c1 = memchr(s.p, ':', s.n);
    if (!c1)
        return false;
    const char *c2 = memchr(c1 + 1, ':', s.n - (size_t)(c1 + 1 - s.p));
    if (!c2)
        return false;
    wl_span type = wl_trim(s.p, (size_t)(c1 - s.p));
    wl_span country = wl_trim(c1 + 1, (size_t)(c2 - c1 - 1));
    *number = wl_trim(c2 + 1, s.n - (size_t)(c2 + 1 - s.p));
    if (type.n == 0 || type.n > 3 || number->n == 0)
        return false;
    for (size_t i = 0; i < type.n; i++) {
        if (!isalpha((unsigned char)type.p[i]))
            return false;
        doc->type[i] = (char)toupper((unsigned char)type.p[i]);
    }
    if (country.n) {
        if (!wl_country_code(ld, country, doc->country)) {
            *bad_country = true;
            return false;
        }
    }
    return true;
}

#define BAD(col, ...)                                                                          \
    do {                                                                                       \
        check->bad = (col);                                                                    \
        snprintf(check->reason, sizeof check->reason, __VA_ARGS__);                            \
        return false;                                                                          \
    } while (0)

/* Checks one row and fills b (strings copied only once the row is good). */
bool wl_build_row(wl_load *ld, const wl_span *v, wl_builder *b, wl_row_check *check)
{
    pw_watchlist *w = ld->w;
    char buf[256];
    wl_builder_reset(b);
    if (v[C_ID].n == 0)
        BAD(C_ID, "missing id");
    if (v[C_SURNAME].n == 0 && v[C_GIVEN].n == 0 && v[C_NAME].n == 0)
        BAD(C_SURNAME, "no name (surname, given_names or name)");
    if (v[C_CATEGORY].n) {
        if (!pw_category_parse(wl_cstr(v[C_CATEGORY], buf, sizeof buf), &b->category))
            BAD(C_CATEGORY,
                "unknown category \"%.*s\" (wanted, sex_offender, trafficking, terrorism, "
                "sanctions or other)", (int)v[C_CATEGORY].n, v[C_CATEGORY].p);
    }
    if (!parse_sex(v[C_SEX], &b->sex))
        BAD(C_SEX, "bad sex \"%.*s\" (M, F or empty)", (int)v[C_SEX].n, v[C_SEX].p);
    wl_span rest = v[C_DOB], piece;
    while (v[C_DOB].n && wl_next_piece(&rest, '|', &piece)) {
        pw_date d;
        if (!pw_date_parse(wl_cstr(piece, buf, sizeof buf), &d))
            BAD(C_DOB, "bad date \"%.*s\" (YYYY-MM-DD, YYYY-MM or YYYY)", (int)piece.n, piece.p);
        wl_add_dob(b, d);
    }
    rest = v[C_NATIONALITY];
    while (v[C_NATIONALITY].n && wl_next_piece(&rest, '|', &piece)) {
        char code[4];
        if (!wl_country_code(ld, piece, code))
            BAD(C_NATIONALITY, "unknown country code \"%.*s\"", (int)piece.n, piece.p);
        wl_add_nationality(b, code);
    }
    wl_span numbers[WL_MAX_DOCS];
    pw_document docs[WL_MAX_DOCS];
    size_t n_docs = 0;
    rest = v[C_DOCUMENTS];
    while (v[C_DOCUMENTS].n && wl_next_piece(&rest, '|', &piece)) {
        bool bad_country;
        pw_document doc;
        wl_span number;
        if (!parse_document(ld, piece, &doc, &number, &bad_country)) {
            if (bad_country)
                BAD(C_DOCUMENTS, "unknown country code in document \"%.*s\"", (int)piece.n,
                    piece.p);
            BAD(C_DOCUMENTS, "bad document \"%.*s\" (TYPE:COUNTRY:NUMBER)", (int)piece.n,
                piece.p);
        }
        if (n_docs == WL_MAX_DOCS) {
            b->overflow++;
            continue;
        }
        docs[n_docs] = doc;
        numbers[n_docs++] = number;
    }
    /* The row is good but for its key: copy its strings. */
    b->id = watchlist_keep(w, v[C_ID].p, v[C_ID].n);
    b->list = ld->list;
    if (v[C_LIST].n) {
        /* Rows of one list name it again and again: keep one copy. */
        const char *last = ld->last_list;
        if (!last || strncmp(last, v[C_LIST].p, v[C_LIST].n) != 0 || last[v[C_LIST].n])
            ld->last_list = watchlist_keep(w, v[C_LIST].p, v[C_LIST].n);
        b->list = ld->last_list;
    }
    /* whole, not cut to a buffer: ids or list names that differ past one are apart */
    if (b->id && b->list && watchlist_has(w, b->list, b->id))
        BAD(C_ID, "duplicate id \"%.100s\" in list \"%.100s\"", b->id, b->list);
    const char *surname = watchlist_keep(w, v[C_SURNAME].p, v[C_SURNAME].n);
    const char *given = watchlist_keep(w, v[C_GIVEN].p, v[C_GIVEN].n);
    const char *whole = watchlist_keep(w, v[C_NAME].p, v[C_NAME].n);
    wl_add_name(b, watchlist_join_name(w, surname, given));
    wl_add_name(b, whole);
    rest = v[C_ALIASES];
    while (v[C_ALIASES].n && wl_next_piece(&rest, '|', &piece))
        if (piece.n)
            wl_add_name(b, watchlist_keep(w, piece.p, piece.n));
    for (size_t i = 0; i < n_docs; i++) {
        docs[i].number = watchlist_keep(w, numbers[i].p, numbers[i].n);
        wl_add_document(b, &docs[i]);
    }
    if (!b->id || !b->list || !b->n_names)
        BAD(C_ID, "out of memory");
    return true;
}

pw_status watchlist_load_csv(wl_load *ld, const char *data, size_t len)
{
    pw_csv *csv = pw_csv_new(data, len);
    wl_builder *b = malloc(sizeof *b);
    if (!csv || !b) {
        pw_csv_free(csv);
        free(b);
        return PW_ERR_NOMEM;
    }
    b->list = ld->list;
    int column_of[C_COUNT];
    for (int i = 0; i < C_COUNT; i++)
        column_of[i] = -1;
    pw_status status = PW_OK;
    bool header = false;
    const char **fields, *error;
    size_t n;
    unsigned line;
    while (pw_csv_next(csv, &fields, &n, &line, &error)) {
        if (error) {
            wl_report(ld, line, 0, NULL, false, "%s", error);
            ld->stats->rejected++;
            if (!header) {
                status = PW_ERR_FORMAT;
                break;
            }
            continue;
        }
        if (!header) {
            for (size_t i = 0; i < n; i++) {
                wl_span name = wl_trim(fields[i], strlen(fields[i]));
                for (int c = 0; c < C_COUNT; c++)
                    if (name.n == strlen(wl_column_names[c]) &&
                        strncasecmp(name.p, wl_column_names[c], name.n) == 0 && column_of[c] < 0)
                        column_of[c] = (int)i;
            }
            header = true;
            if (column_of[C_ID] < 0 ||
                (column_of[C_SURNAME] < 0 && column_of[C_GIVEN] < 0 && column_of[C_NAME] < 0)) {
                wl_report(ld, line, 0, NULL, false,
                          "header: need an id column and one of surname, given_names, name");
                status = PW_ERR_FORMAT;
                break;
            }
            continue;
        }
        wl_span v[C_COUNT];
        for (int c = 0; c < C_COUNT; c++) {
            const char *s = column_of[c] >= 0 && (size_t)column_of[c] < n ? fields[column_of[c]] : "";
            v[c] = wl_trim(s, strlen(s));
        }
        wl_row_check check;
        if (!wl_build_row(ld, v, b, &check)) {
            if (check.bad == C_SURNAME && column_of[C_SURNAME] < 0)
                check.bad = column_of[C_NAME] >= 0 ? C_NAME : C_GIVEN;
            unsigned col = column_of[check.bad] >= 0 ? (unsigned)column_of[check.bad] + 1 : 0;
            wl_report(ld, line, col, wl_column_names[check.bad], false, "%s", check.reason);
            ld->stats->rejected++;
            continue;
        }
        if (b->overflow)
            wl_report(ld, line, 0, NULL, true, "too many values: %zu left out", b->overflow);
        pw_status s = watchlist_commit(ld->w, b);
        if (s != PW_OK) {                          /* out of memory, or the list is full */
            wl_report(ld, line, 0, NULL, false, "entry not stored: %s", pw_status_str(s));
            ld->stats->rejected++;
            status = s;
            break;
        }
        ld->stats->entries++;
        ld->stats->aliases += b->n_names - 1;
    }
    if (status == PW_OK && !header) {
        wl_report(ld, 0, 0, NULL, false, "empty input: no header row");
        status = PW_ERR_FORMAT;
    }
    pw_csv_free(csv);
    free(b);
    return status;
}

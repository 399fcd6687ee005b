/*
 * ofac.c — the US Treasury OFAC SDN list in its legacy CSV form: sdn.csv
 * (no header; ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
 * Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks; "-0-" means
 * empty) with alt.csv beside it (ent_num, alt_num, alt_type, alt_name,
 * alt_remarks), whose names become aliases of the same entry.
 *
 * Travelers are people, so only SDN_Type "individual" rows become entries;
 * entities, vessels and aircraft are counted as skipped, not rejected.
 * Dates of birth, nationality and citizenship, passports, national ids and
 * gender are read from the Remarks field ("DOB 19 Jun 1951; POB Giza, Egypt;
 * Passport 1084010 (Egypt); alt. Passport 19820215; ..."). Names keep OFAC's
 * "SURNAME, Given" form.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "watchlist.h"

enum { SDN_FIELDS = 12, ALT_FIELDS = 5 };

/* The value of a field, "-0-" (OFAC's empty marker) as empty. */
static wl_span value(const char *s)
{
    wl_span v = wl_trim(s, strlen(s));
    if (v.n == 3 && memcmp(v.p, "-0-", 3) == 0)
        v.n = 0;
    return v;
}


bool watchlist_is_ofac(const char *data, size_t len)
{
    const char *eol = memchr(data, '\n', len);
    size_t first = eol ? (size_t)(eol - data) : len;
    pw_csv *csv = pw_csv_new(data, first);
    if (!csv)
        return false;
    const char **fields, *error;
    size_t n;
    unsigned line;
    bool ok = pw_csv_next(csv, &fields, &n, &line, &error) && !error && n == SDN_FIELDS &&
              wl_all_digits(value(fields[0]));
    if (ok) {
        ok = false;
        for (size_t i = 1; i < n && !ok; i++) {
            wl_span v = wl_trim(fields[i], strlen(fields[i]));
            ok = v.n == 3 && memcmp(v.p, "-0-", 3) == 0;
        }
    }
    pw_csv_free(csv);
    return ok;
}

/* ------------------------------------------------------------- alt.csv */

typedef struct alias {
    long ent_num;
    size_t order;
    const char *name;
} alias;

typedef struct alias_table {
    alias *items;
    size_t n, cap;
    pw_arena *arena;            /* the names until they are copied to their entry */
} alias_table;

static pw_status aliases_grow(alias_table *t)
{
    if (t->n < t->cap)
        return PW_OK;
    size_t cap = t->cap ? t->cap * 2 : 1024;
    alias *p = realloc(t->items, cap * sizeof *p);
    if (!p)
        return PW_ERR_NOMEM;
    t->items = p;
    t->cap = cap;
    return PW_OK;
}

static int alias_compare(const void *a, const void *b)
{
    const alias *x = a, *y = b;
    if (x->ent_num != y->ent_num)
        return x->ent_num < y->ent_num ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* The path of a file beside path. */
static void beside(const char *path, const char *name, char *out, size_t cap)
{
    const char *slash = strrchr(path, '/');
    int dir = slash ? (int)(slash - path + 1) : 0;
    snprintf(out, cap, "%.*s%s", dir, path, name);
}

static pw_status load_aliases(wl_load *ld, alias_table *t)
{
    char path[4096];
    beside(ld->path, "alt.csv", path, sizeof path);
    char *data;
    size_t len;
    pw_status s = pw_read_file(path, &data, &len);
    if (s == PW_ERR_IO) {
        beside(ld->path, "ALT.CSV", path, sizeof path);
        s = pw_read_file(path, &data, &len);
    }
    if (s != PW_OK) {
        wl_report(ld, 0, 0, NULL, true, "no alt.csv beside it: loaded without aliases");
        return s == PW_ERR_NOMEM ? s : PW_OK;
    }
    pw_csv *csv = pw_csv_new(data, len);
    if (!csv) {
        free(data);
        return PW_ERR_NOMEM;
    }
    wl_load alt = *ld;
    alt.file = path;
    const char **fields, *error;
    size_t n;
    unsigned line;
    s = PW_OK;
    while (pw_csv_next(csv, &fields, &n, &line, &error)) {
        if (error || n != ALT_FIELDS) {
            if (error)
                wl_report(&alt, line, 0, NULL, false, "%s", error);
            else
                wl_report(&alt, line, 0, NULL, false, "expected %d fields, found %zu",
                          ALT_FIELDS, n);
            ld->stats->rejected++;
            continue;
        }
        wl_span ent = value(fields[0]), name = value(fields[3]);
        if (!wl_all_digits(ent)) {
            wl_report(&alt, line, 1, "ent_num", false, "not a number");
            ld->stats->rejected++;
            continue;
        }
        if (!name.n)
            continue;
        if (aliases_grow(t) != PW_OK) {
            s = PW_ERR_NOMEM;
            break;
        }
        alias *a = &t->items[t->n];
        a->ent_num = strtol(ent.p, NULL, 10);
        a->order = t->n;
        a->name = pw_arena_strndup(t->arena, name.p, name.n);
        if (!a->name) {
            s = PW_ERR_NOMEM;
            break;
        }
        t->n++;
    }
    pw_csv_free(csv);
    free(data);
    if (t->n)
        qsort(t->items, t->n, sizeof *t->items, alias_compare);
    return s;
}

/* The aliases of ent_num: a run in the sorted table. */
static const alias *aliases_of(const alias_table *t, long ent_num, size_t *count)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->items[mid].ent_num < ent_num)
            lo = mid + 1;
        else
            hi = mid;
    }
    size_t end = lo;
    while (end < t->n && t->items[end].ent_num == ent_num)
        end++;
    *count = end - lo;
    return *count ? t->items + lo : NULL;          /* no alt.csv: no table at all */
}

/* ------------------------------------------------------------- Remarks */

/* "DOB 10 Dec 1948", "DOB circa 1948", "DOB 1960 to 1962", "DOB circa 1958-1960". */
static bool parse_dob(wl_span s, wl_builder *b)
{
    if (s.n > 6 && strncasecmp(s.p, "circa ", 6) == 0)
        s = wl_trim(s.p + 6, s.n - 6);
    for (size_t i = 0; i + 4 <= s.n; i++) {
        if (memcmp(s.p + i, " to ", 4) == 0) {
            pw_date from, to;
            if (!wl_parse_date_phrase(wl_trim(s.p, i), &from) ||
                !wl_parse_date_phrase(wl_trim(s.p + i + 4, s.n - i - 4), &to))
                return false;
            wl_add_range(b, from, to);
            return true;
        }
    }
    if (s.n == 9 && s.p[4] == '-') {
        int from, to;
        if (wl_year((wl_span){s.p, 4}, &from) && wl_year((wl_span){s.p + 5, 4}, &to)) {
            wl_add_range(b, (pw_date){(int16_t)from, 0, 0}, (pw_date){(int16_t)to, 0, 0});
            return true;
        }
    }
    pw_date d;
    if (!wl_parse_date_phrase(s, &d))
        return false;
    wl_add_dob(b, d);
    return true;
}

static bool starts(wl_span s, const char *prefix, wl_span *rest)
{
    size_t k = strlen(prefix);
    if (s.n < k || strncmp(s.p, prefix, k) != 0)
        return false;
    *rest = wl_trim(s.p + k, s.n - k);
    return true;
}

/* "1084010 (Egypt)", "19820215", "D489833(9) (Hong Kong)", "A123 issued 01 Jan
 * 2005 (Colombia)": the country is the parenthesized group at the end when it
 * is set off by a space; the number runs up to it or to "issued"/"expires". */
static void parse_document(wl_load *ld, unsigned line, wl_span s, const char *type,
                           wl_builder *b)
{
    pw_document doc;
    memset(&doc, 0, sizeof doc);
    memcpy(doc.type, type, strlen(type) + 1);
    size_t end = s.n;
    if (s.n && s.p[s.n - 1] == ')') {
        size_t open = s.n - 1, depth = 0;
        while (open > 0) {
            char c = s.p[open];
            if (c == ')')
                depth++;
            else if (c == '(' && --depth == 0)
                break;
            open--;
        }
        if (s.p[open] == '(' && open > 0 && s.p[open - 1] == ' ') {
            char buf[128];
            wl_span country = wl_trim(s.p + open + 1, s.n - open - 2);
            if (!watchlist_country(wl_cstr(country, buf, sizeof buf), doc.country)) {
                doc.country[0] = '\0';
                wl_report(ld, line, SDN_FIELDS, "Remarks", true, "unknown country \"%s\"", buf);
            }
            end = open;
        }
    }
    static const char *const stops[] = {" issued", " expires", " valid", " Expires", " Issued"};
    for (size_t k = 0; k < sizeof stops / sizeof *stops; k++) {
        size_t m = strlen(stops[k]);
        for (size_t i = 0; i + m <= end; i++)
            if (memcmp(s.p + i, stops[k], m) == 0) {
                end = i;
                break;
            }
    }
    wl_span number = wl_trim(s.p, end);
    if (!number.n)
        return;
    doc.number = watchlist_keep(ld->w, number.p, number.n);
    if (doc.number)
        wl_add_document(b, &doc);
}

static void parse_remarks(wl_load *ld, unsigned line, wl_span remarks, wl_builder *b)
{
    wl_span rest = remarks, part;
    char buf[160];
    while (wl_next_piece(&rest, ';', &part)) {
        if (part.n && part.p[part.n - 1] == '.' && (rest.p == NULL))
            part.n--;
        wl_span v;
        if (starts(part, "alt. ", &v))
            part = v;
        if (starts(part, "DOB ", &v)) {
            if (!parse_dob(v, b))
                wl_report(ld, line, SDN_FIELDS, "Remarks", true,
                          "date of birth not understood: \"%s\"", wl_cstr(v, buf, sizeof buf));
        } else if (starts(part, "nationality ", &v) || starts(part, "citizen ", &v)) {
            char code[4];
            if (watchlist_country(wl_cstr(v, buf, sizeof buf), code))
                wl_add_nationality(b, code);
            else
                wl_report(ld, line, SDN_FIELDS, "Remarks", true, "unknown country \"%s\"", buf);
        } else if (starts(part, "Passport ", &v)) {
            parse_document(ld, line, v, "P", b);
        } else if (starts(part, "National ID No. ", &v) || starts(part, "Cedula No. ", &v)) {
            parse_document(ld, line, v, "I", b);
        } else if (starts(part, "Gender ", &v)) {
            if (v.n >= 4 && strncasecmp(v.p, "male", 4) == 0)
                b->sex = 'M';
            else if (v.n >= 6 && strncasecmp(v.p, "female", 6) == 0)
                b->sex = 'F';
        }
    }
}

/* ------------------------------------------------------------- sdn.csv */

pw_status watchlist_load_ofac(wl_load *ld, const char *data, size_t len)
{
    alias_table aliases = {.arena = pw_arena_new()};
    wl_builder *b = malloc(sizeof *b);
    pw_csv *csv = pw_csv_new(data, len);
    pw_status status = PW_OK;
    if (!aliases.arena || !b || !csv) {
        status = PW_ERR_NOMEM;
        goto done;
    }
    if ((status = load_aliases(ld, &aliases)) != PW_OK)
        goto done;
    const char **fields, *error;
    size_t n;
    unsigned line;
    while (pw_csv_next(csv, &fields, &n, &line, &error)) {
        if (error || n != SDN_FIELDS) {
            if (error)
                wl_report(ld, line, 0, NULL, false, "%s", error);
            else
                wl_report(ld, line, 0, NULL, false, "expected %d fields, found %zu", SDN_FIELDS,
                          n);
            ld->stats->rejected++;
            continue;
        }
        wl_span ent = value(fields[0]), name = value(fields[1]), type = value(fields[2]);
        if (!wl_all_digits(ent)) {
            wl_report(ld, line, 1, "ent_num", false, "not a number: \"%s\"", fields[0]);
            ld->stats->rejected++;
            continue;
        }
        if (!(type.n == 10 && strncasecmp(type.p, "individual", 10) == 0)) {
            ld->stats->skipped++;
            continue;
        }
        if (!name.n) {
            wl_report(ld, line, 2, "SDN_Name", false, "no name");
            ld->stats->rejected++;
            continue;
        }
        const char *id = watchlist_keep(ld->w, ent.p, ent.n);   /* whole, however long */
        if (!id) {
            status = PW_ERR_NOMEM;
            goto done;
        }
        if (watchlist_has(ld->w, ld->list, id)) {
            wl_report(ld, line, 1, "ent_num", false, "duplicate id \"%.100s\" in list \"%s\"", id,
                      ld->list);
            ld->stats->rejected++;
            continue;
        }
        wl_builder_reset(b);
        b->list = ld->list;
        b->category = PW_CAT_SANCTIONS;
        b->id = id;
        wl_add_name(b, watchlist_keep(ld->w, name.p, name.n));
        size_t n_alias;
        const alias *a = aliases_of(&aliases, strtol(id, NULL, 10), &n_alias);
        for (size_t i = 0; i < n_alias; i++)
            wl_add_name(b, pw_arena_strdup(watchlist_arena(ld->w), a[i].name));
        parse_remarks(ld, line, value(fields[11]), b);
        if (b->overflow)
            wl_report(ld, line, 0, NULL, true, "too many values: %zu left out", b->overflow);
        status = watchlist_commit(ld->w, b);
        if (status != PW_OK)
            goto done;
        ld->stats->entries++;
        ld->stats->aliases += b->n_names - 1;
    }
done:
    pw_csv_free(csv);
    free(b);
    free(aliases.items);
    pw_arena_free(aliases.arena);
    return status;
}

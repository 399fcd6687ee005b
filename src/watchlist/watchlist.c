/*
 * watchlist.c — the loaded watchlist: entries in one growing array, their
 * strings and small arrays in one arena, and a hash of (list, id) that keeps
 * ids unique within a list. pw_watchlist_load detects the file's format
 * from its content (watchlist CSV, OFAC SDN legacy CSV, UN consolidated XML,
 * JSON Lines) and hands it to its loader (csv.c, ofac.c, un.c, jsonl.c).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "watchlist.h"

/* A hash slot: the upper bits of the key's hash (to skip most string
 * compares) and the entry's index + 1 (0: empty). */
typedef struct wl_slot {
    uint32_t tag;
    uint32_t index;
} wl_slot;

struct pw_watchlist {
    pw_arena *arena;
    pw_entry *entries;
    size_t n, cap;
    wl_slot *slots;             /* open addressing over (list, id) */
    size_t n_slots;
};

pw_watchlist *pw_watchlist_new(void)
{
    pw_watchlist *w = calloc(1, sizeof *w);
    if (!w)
        return NULL;
    w->arena = pw_arena_new();
    if (!w->arena) {
        free(w);
        return NULL;
    }
    return w;
}

void pw_watchlist_free(pw_watchlist *w)
{
    if (!w)
        return;
    pw_arena_free(w->arena);
    free(w->entries);
    free(w->slots);
    free(w);
}

size_t pw_watchlist_count(const pw_watchlist *w)
{
    return w ? w->n : 0;
}

const pw_entry *pw_watchlist_entry(const pw_watchlist *w, size_t i)
{
    return w && i < w->n ? &w->entries[i] : NULL;
}

pw_arena *watchlist_arena(pw_watchlist *w)
{
    return w->arena;
}

/* ---------------------------------------------------------- (list, id) hash */

static uint64_t key_hash(const char *list, const char *id)
{
    uint64_t h = 1469598103934665603ULL;
    for (const char *s = list ? list : ""; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    h = (h ^ 0xFF) * 1099511628211ULL;
    for (const char *s = id; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static bool same_key(const pw_entry *e, const char *list, const char *id)
{
    return strcmp(e->id, id) == 0 && strcmp(e->list ? e->list : "", list ? list : "") == 0;
}

static bool slots_grow(pw_watchlist *w)
{
    size_t n = w->n_slots ? w->n_slots * 2 : 1024;
    wl_slot *slots = calloc(n, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < w->n; i++) {
        uint64_t h = key_hash(w->entries[i].list, w->entries[i].id);
        size_t j = h & (n - 1);
        while (slots[j].index)
            j = (j + 1) & (n - 1);
        slots[j] = (wl_slot){(uint32_t)(h >> 32), (uint32_t)(i + 1)};
    }
    free(w->slots);
    w->slots = slots;
    w->n_slots = n;
    return true;
}

/* The slot for (list, id): holding it, or the empty one where it goes. */
static wl_slot *slot_find(pw_watchlist *w, const char *list, const char *id, uint64_t h)
{
    size_t j = h & (w->n_slots - 1);
    uint32_t tag = (uint32_t)(h >> 32);
    while (w->slots[j].index && (w->slots[j].tag != tag ||
                                 !same_key(&w->entries[w->slots[j].index - 1], list, id)))
        j = (j + 1) & (w->n_slots - 1);
    return &w->slots[j];
}

/* ------------------------------------------------------------------ entries */

/* Appends e; its strings and arrays must already be in the arena. */
static pw_status append(pw_watchlist *w, const pw_entry *e)
{
    if (w->n >= UINT32_MAX - 1)
        return PW_ERR_LIMIT;
    if ((w->n + 1) * 2 > w->n_slots && !slots_grow(w))
        return PW_ERR_NOMEM;
    uint64_t h = key_hash(e->list, e->id);
    wl_slot *slot = slot_find(w, e->list, e->id, h);
    if (slot->index)
        return PW_ERR_ARG;
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 256;
        pw_entry *p = realloc(w->entries, cap * sizeof *p);
        if (!p)
            return PW_ERR_NOMEM;
        w->entries = p;
        w->cap = cap;
    }
    w->entries[w->n++] = *e;
    *slot = (wl_slot){(uint32_t)(h >> 32), (uint32_t)w->n};
    return PW_OK;
}

bool watchlist_has(pw_watchlist *w, const char *list, const char *id)
{
    return w->n_slots && slot_find(w, list, id, key_hash(list, id))->index != 0;
}

static void *copy_array(pw_arena *a, const void *src, size_t n, size_t elem)
{
    if (!n)
        return NULL;
    void *p = pw_arena_alloc(a, n * elem);
    if (p)
        memcpy(p, src, n * elem);
    return p;
}

pw_status watchlist_commit(pw_watchlist *w, const wl_builder *b)
{
    if (!b->id || !b->n_names)
        return PW_ERR_ARG;
    if (watchlist_has(w, b->list, b->id))
        return PW_ERR_ARG;
    pw_entry e = {.id = b->id, .list = b->list, .category = b->category, .sex = b->sex};
    e.names = copy_array(w->arena, b->names, b->n_names, sizeof *b->names);
    e.n_names = b->n_names;
    e.dobs = copy_array(w->arena, b->dobs, b->n_dobs, sizeof *b->dobs);
    e.n_dobs = b->n_dobs;
    e.nationalities = copy_array(w->arena, b->nationalities, b->n_nationalities,
                                 sizeof *b->nationalities);
    e.n_nationalities = b->n_nationalities;
    e.docs = copy_array(w->arena, b->docs, b->n_docs, sizeof *b->docs);
    e.n_docs = b->n_docs;
    if (!e.names || (b->n_dobs && !e.dobs) || (b->n_nationalities && !e.nationalities) ||
        (b->n_docs && !e.docs))
        return PW_ERR_NOMEM;
    return append(w, &e);
}

pw_status pw_watchlist_add(pw_watchlist *w, const pw_entry *src)
{
    if (!w || !src || !src->id || !*src->id || !src->n_names || !src->names ||
        src->n_names > PW_MAX_NAMES)
        return PW_ERR_ARG;
    pw_arena *a = w->arena;
    pw_entry e = *src;
    e.id = pw_arena_strdup(a, src->id);
    e.list = pw_arena_strdup(a, src->list);
    const char **names = pw_arena_alloc(a, src->n_names * sizeof *names);
    if (!e.id || !names)
        return PW_ERR_NOMEM;
    for (size_t i = 0; i < src->n_names; i++)
        if (!(names[i] = pw_arena_strdup(a, src->names[i] ? src->names[i] : "")))
            return PW_ERR_NOMEM;
    e.names = names;
    e.dobs = copy_array(a, src->dobs, src->n_dobs, sizeof *src->dobs);
    e.nationalities = copy_array(a, src->nationalities, src->n_nationalities,
                                 sizeof *src->nationalities);
    pw_document *docs = copy_array(a, src->docs, src->n_docs, sizeof *src->docs);
    for (size_t i = 0; i < src->n_docs; i++)
        docs[i].number = pw_arena_strdup(a, src->docs[i].number);
    e.docs = docs;
    return append(w, &e);
}

/* ----------------------------------------------------------------- builder */

void wl_builder_reset(wl_builder *b)
{
    b->id = NULL;
    b->category = PW_CAT_OTHER;
    b->n_names = b->n_dobs = b->n_nationalities = b->n_docs = 0;
    b->sex = 0;
    b->overflow = 0;
}

bool wl_add_name(wl_builder *b, const char *name)
{
    if (!name || !*name)
        return true;
    for (size_t i = 0; i < b->n_names; i++)
        if (strcmp(b->names[i], name) == 0)
            return true;
    if (b->n_names == PW_MAX_NAMES) {
        b->overflow++;
        return false;
    }
    b->names[b->n_names++] = name;
    return true;
}

bool wl_add_dob(wl_builder *b, pw_date d)
{
    if (!pw_date_known(d))
        return true;
    for (size_t i = 0; i < b->n_dobs; i++)
        if (memcmp(&b->dobs[i], &d, sizeof d) == 0)
            return true;
    if (b->n_dobs == WL_MAX_DOBS) {
        b->overflow++;
        return false;
    }
    b->dobs[b->n_dobs++] = d;
    return true;
}

bool wl_add_nationality(wl_builder *b, const char alpha3[4])
{
    for (size_t i = 0; i < b->n_nationalities; i++)
        if (strcmp(b->nationalities[i], alpha3) == 0)
            return true;
    if (b->n_nationalities == WL_MAX_NATIONALITIES) {
        b->overflow++;
        return false;
    }
    memcpy(b->nationalities[b->n_nationalities++], alpha3, 4);
    return true;
}

bool wl_add_document(wl_builder *b, const pw_document *doc)
{
    for (size_t i = 0; i < b->n_docs; i++)
        if (strcmp(b->docs[i].number, doc->number) == 0 &&
            strcmp(b->docs[i].country, doc->country) == 0)
            return true;
    if (b->n_docs == WL_MAX_DOCS) {
        b->overflow++;
        return false;
    }
    b->docs[b->n_docs++] = *doc;
    return true;
}

/* ----------------------------------------------------------------- helpers */

void wl_report(wl_load *ld, unsigned line, unsigned column, const char *field, bool warning,
               const char *fmt, ...)
{
    char reason[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    pw_error e = {.file = ld->file, .line = line, .column = column, .field = field,
                  .reason = reason, .warning = warning};
    if (warning)
        ld->stats->warnings++;
    if (ld->on_error)
        ld->on_error(ld->ctx, &e);
    else
        pw_error_print(stderr, &e);
}

wl_span wl_trim(const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return (wl_span){s, n};
}

bool wl_next_piece(wl_span *rest, char sep, wl_span *piece)
{
    if (!rest->p)
        return false;
    const char *end = memchr(rest->p, sep, rest->n);
    size_t n = end ? (size_t)(end - rest->p) : rest->n;
    *piece = wl_trim(rest->p, n);
    if (end) {
        rest->n -= n + 1;
        rest->p = end + 1;
    } else {
        rest->p = NULL;
        rest->n = 0;
    }
    return true;
}

const char *wl_cstr(wl_span s, char *buf, size_t cap)
{
    size_t n = s.n < cap - 1 ? s.n : cap - 1;
    memcpy(buf, s.p, n);
    buf[n] = '\0';
    return buf;
}

const char *watchlist_keep(pw_watchlist *w, const char *s, size_t n)
{
    while (n && isspace((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && isspace((unsigned char)s[n - 1]))
        n--;
    return n ? pw_arena_strndup(w->arena, s, n) : NULL;
}

const char *watchlist_join_name(pw_watchlist *w, const char *surname, const char *given)
{
    bool has_s = surname && *surname, has_g = given && *given;
    if (!has_s || !has_g)
        return has_s ? surname : has_g ? given : NULL;
    size_t ls = strlen(surname), lg = strlen(given);
    char *p = pw_arena_alloc(w->arena, ls + lg + 3);
    if (!p)
        return NULL;
    memcpy(p, surname, ls);
    memcpy(p + ls, ", ", 2);
    memcpy(p + ls + 2, given, lg + 1);
    return p;
}

bool watchlist_country(const char *s, char out[4])
{
    while (isspace((unsigned char)*s))
        s++;
    if (!*s)
        return false;
    if (pw_country_alpha3(s, out))
        return true;
    /* "Korea, North" → "North Korea"; "Congo, Democratic Republic of the" →
     * "Democratic Republic of the Congo". */
    const char *comma = strchr(s, ',');
    if (comma) {
        char swapped[128];
        const char *rest = comma + 1;
        while (*rest == ' ')
            rest++;
        int n = snprintf(swapped, sizeof swapped, "%s %.*s", rest, (int)(comma - s), s);
        if (n > 0 && (size_t)n < sizeof swapped && pw_country_alpha3(swapped, out))
            return true;
    }
    /* "Cabo Verde.  Previously Cape Verde." */
    const char *stop = strstr(s, ". ");
    if (stop) {
        char head[128];
        size_t k = (size_t)(stop - s);
        if (k < sizeof head) {
            memcpy(head, s, k);
            head[k] = '\0';
            return watchlist_country(head, out);
        }
    }
    /* CLDR writes "Trinidad & Tobago", "Antigua & Barbuda". */
    const char *and = strstr(s, " and ");
    if (and) {
        char amp[128];
        int k = snprintf(amp, sizeof amp, "%.*s & %s", (int)(and - s), s, and + 5);
        if (k > 0 && (size_t)k < sizeof amp && pw_country_alpha3(amp, out))
            return true;
    }
    /* Names CLDR spells otherwise. */
    static const struct { const char *name, *alpha3; } more[] = {
        {"cabo verde", "CPV"}, {"czechia", "CZE"}, {"timor-leste", "TLS"},
    };
    for (size_t i = 0; i < sizeof more / sizeof *more; i++)
        if (strcasecmp(s, more[i].name) == 0) {
            memcpy(out, more[i].alpha3, 4);
            return true;
        }
    /* "Türkiye": Latin letters with marks to their base letter. */
    char plain[128];
    size_t n = 0;
    bool folded = false;
    for (const unsigned char *p = (const unsigned char *)s; *p && n + 1 < sizeof plain; p++) {
        if (p[0] == 0xC3 && p[1] >= 0x80 && p[1] <= 0xBF) {
            static const char latin1[] = "AAAAAAACEEEEIIIIDNOOOOOxOUUUUYTsaaaaaaaceeeeiiiidnooooo/ouuuuyty";
            plain[n++] = latin1[p[1] - 0x80];
            p++;
            folded = true;
        } else {
            plain[n++] = (char)*p;
        }
    }
    plain[n] = '\0';
    if (folded && pw_country_alpha3(plain, out))
        return true;
    /* "former Soviet Union", "possibly Palestinian" */
    static const char *const qualifiers[] = {"former ", "possibly ", "the "};
    for (size_t i = 0; i < sizeof qualifiers / sizeof *qualifiers; i++) {
        size_t k = strlen(qualifiers[i]);
        if (strncasecmp(s, qualifiers[i], k) == 0)
            return watchlist_country(s + k, out);
    }
    /* "Iran (Islamic Republic of)" */
    const char *paren = strchr(s, '(');
    if (paren && paren > s) {
        char head[128];
        size_t k = (size_t)(paren - s);
        if (k < sizeof head) {
            memcpy(head, s, k);
            head[k] = '\0';
            return pw_country_alpha3(head, out);
        }
    }
    return false;
}

/* ------------------------------------------------------------------ loading */

/* The list name from a path: the file name without directory and extension. */
static const char *list_from_path(pw_watchlist *w, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    return pw_arena_strndup(w->arena, base, n);
}

static bool is_un_xml(const char *data, size_t len)
{
    size_t window = len < 4096 ? len : 4096;
    for (size_t i = 0; i + 17 <= window; i++)
        if (data[i] == 'C' && memcmp(data + i, "CONSOLIDATED_LIST", 17) == 0)
            return true;
    return false;
}

pw_status pw_watchlist_load(pw_watchlist *w, const char *path, const char *list_name,
                            pw_error_fn on_error, void *ctx, pw_load_stats *stats)
{
    pw_load_stats local;
    if (!stats)
        stats = &local;
    memset(stats, 0, sizeof *stats);
    if (!w || !path)
        return PW_ERR_ARG;
    wl_load ld = {.w = w, .file = path, .path = path, .on_error = on_error, .ctx = ctx,
                  .stats = stats};
    char *data;
    size_t len;
    pw_status s = pw_read_file(path, &data, &len);
    if (s != PW_OK) {
        stats->format = "none";
        wl_report(&ld, 0, 0, NULL, false, "cannot read the file");
        return s;
    }
    const char *p = data;
    size_t n = len;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        n -= 3;
    }
    size_t lead = 0;
    while (lead < n && isspace((unsigned char)p[lead]))
        lead++;

    if (lead < n && p[lead] == '<' && is_un_xml(p, n)) {
        stats->format = "un-xml";
        ld.list = list_name ? pw_arena_strdup(w->arena, list_name) : "un";
        s = watchlist_load_un(&ld, data, len);
    } else if (watchlist_is_ofac(p, n)) {
        stats->format = "ofac-sdn";
        ld.list = list_name ? pw_arena_strdup(w->arena, list_name) : "ofac-sdn";
        s = watchlist_load_ofac(&ld, data, len);
    } else if (lead < n && p[lead] == '{') {
        stats->format = "json";
        ld.list = list_name ? pw_arena_strdup(w->arena, list_name) : list_from_path(w, path);
        s = watchlist_load_jsonl(&ld, data, len);
    } else {
        stats->format = "csv";
        ld.list = list_name ? pw_arena_strdup(w->arena, list_name) : list_from_path(w, path);
        s = watchlist_load_csv(&ld, data, len);
    }
    free(data);
    if (s == PW_OK && stats->rejected)
        s = PW_ERR_REJECTS;
    return s;
}

bool wl_all_digits(wl_span s)
{
    if (!s.n)
        return false;
    for (size_t i = 0; i < s.n; i++)
        if (!isdigit((unsigned char)s.p[i]))
            return false;
    return true;
}

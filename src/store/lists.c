/*
 * lists.c — watchlist versions. Each import stores a new version of a list
 * and the delta from the one before: an entry row carries the version it
 * appeared in (valid_from) and the version that replaced or removed it
 * (valid_to), so unchanged entries are written once and any version can be
 * read back. The delta is computed in memory against the current version's
 * (entry id, content hash) pairs; new rows go through the back end's bulk
 * path (COPY on PostgreSQL), all in one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

/* ------------------------------------------------ the current version, by id */

enum { SLOT_OLD = 1, SLOT_SEEN = 2 };

typedef struct slot {
    char *id;            /* NULL: empty slot */
    int64_t row;         /* the entry row of the current version, if SLOT_OLD */
    char hash[33];
    unsigned flags;
} slot;

typedef struct id_map {
    slot *slots;
    size_t cap, n;
    pw_arena *arena;
} id_map;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static pw_status map_grow(id_map *m)
{
    size_t cap = m->cap ? m->cap * 2 : 1024;
    slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return PW_ERR_NOMEM;
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->slots[i].id)
            continue;
        size_t j = hash_str(m->slots[i].id) & (cap - 1);
        while (slots[j].id)
            j = (j + 1) & (cap - 1);
        slots[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = slots;
    m->cap = cap;
    return PW_OK;
}

/* The slot for id, created empty-flagged if absent (NULL: out of memory). */
static slot *map_get(id_map *m, const char *id)
{
    if ((m->n + 1) * 2 > m->cap && map_grow(m) != PW_OK)
        return NULL;
    size_t j = hash_str(id) & (m->cap - 1);
    while (m->slots[j].id) {
        if (strcmp(m->slots[j].id, id) == 0)
            return &m->slots[j];
        j = (j + 1) & (m->cap - 1);
    }
    m->slots[j].id = pw_arena_strdup(m->arena, id);
    if (!m->slots[j].id)
        return NULL;
    m->n++;
    return &m->slots[j];
}

typedef struct load_ctx {
    id_map *map;
    pw_status st;
} load_ctx;

static void load_current(void *ctx, const char *const *col, size_t n)
{
    load_ctx *c = ctx;
    slot *sl = map_get(c->map, col[1] ? col[1] : "");
    if (!sl) {
        c->st = PW_ERR_NOMEM;
        return;
    }
    sl->row = store_parse_int(col[0]);
    snprintf(sl->hash, sizeof sl->hash, "%s", col[2] ? col[2] : "");
    sl->flags = SLOT_OLD;
}

/* ---------------------------------------------------------------- import */

enum { CLOSE_BATCH = 500 };

/* Closes (valid_to = version) the entry rows in ids, in batches. */
static pw_status close_rows(pw_store *s, int version, const int64_t *ids, size_t n)
{
    store_val v[CLOSE_BATCH + 1];
    char sql[CLOSE_BATCH * 2 + 96];
    for (size_t at = 0; at < n; at += CLOSE_BATCH) {
        size_t k = n - at < CLOSE_BATCH ? n - at : CLOSE_BATCH;
        size_t len = (size_t)snprintf(sql, sizeof sql, "UPDATE entries SET valid_to = ? WHERE id IN (");
        v[0] = sv_int(version);
        for (size_t i = 0; i < k; i++) {
            len += (size_t)snprintf(sql + len, sizeof sql - len, i ? ",?" : "?");
            v[i + 1] = sv_int(ids[at + i]);
        }
        snprintf(sql + len, sizeof sql - len, ")");
        pw_status st = store_query(s, sql, v, k + 1, NULL, NULL);
        if (st != PW_OK)
            return st;
    }
    return PW_OK;
}

typedef struct import_job {
    pw_store *s;
    const char *list, *category, *source;
    const pw_entry *const *entries;
    size_t n;
    int64_t now;
    int64_t list_id;
    int version;
    id_map map;
    unsigned char *kind;      /* per input entry: 0 skip, 1 write (added or changed) */
    int64_t *closing;
    size_t n_closing;
} import_job;

static pw_status find_or_create_list(import_job *j)
{
    pw_store *s = j->s;
    store_val name = sv_text(j->list);
    int64_t id = 0, version = 0;
    bool found;
    pw_status st = store_query_int(s, "SELECT id FROM lists WHERE name = ?", &name, 1, &id, &found);
    if (st == PW_OK && !found)
        st = store_query_int(s, "INSERT INTO lists (name, version) VALUES (?, 0) RETURNING id",
                             &name, 1, &id, &found);
    store_val lid = sv_int(id);
    if (st == PW_OK)
        st = store_query_int(s, "SELECT version FROM lists WHERE id = ?", &lid, 1, &version, &found);
    j->list_id = id;
    j->version = (int)version + 1;
    return st;
}

/* Classifies every input entry against the current version. */
static pw_status classify(import_job *j, pw_list_delta *d)
{
    for (size_t i = 0; i < j->n; i++) {
        const pw_entry *e = j->entries[i];
        if (!e->id || !*e->id)
            return store_fail(j->s, PW_ERR_ARG, "entry %zu of list %s has no id", i + 1, j->list);
        slot *sl = map_get(&j->map, e->id);
        if (!sl)
            return PW_ERR_NOMEM;
        if (sl->flags & SLOT_SEEN) {
            d->duplicates++;
            continue;
        }
        sl->flags |= SLOT_SEEN;
        char *json = store_entry_json(e, j->category);
        if (!json)
            return PW_ERR_NOMEM;
        char hash[33];
        store_hash_hex(json, strlen(json), hash);
        free(json);
        d->entries++;
        if (!(sl->flags & SLOT_OLD)) {
            d->added++;
            j->kind[i] = 1;
        } else if (strcmp(sl->hash, hash) != 0) {
            d->changed++;
            j->kind[i] = 1;
            j->closing[j->n_closing++] = sl->row;
        } else {
            d->unchanged++;
        }
    }
    for (size_t i = 0; i < j->map.cap; i++) {
        slot *sl = &j->map.slots[i];
        if (sl->id && (sl->flags & SLOT_OLD) && !(sl->flags & SLOT_SEEN)) {
            d->removed++;
            j->closing[j->n_closing++] = sl->row;
        }
    }
    return PW_OK;
}

static pw_status write_new_rows(import_job *j)
{
    static const char *const cols[] = {"list_id", "entry_id", "hash", "data", "valid_from"};
    pw_store *s = j->s;
    pw_status st = s->drv->copy_begin(s->conn, "entries", cols, 5, s->err, sizeof s->err);
    if (st != PW_OK)
        return st;
    for (size_t i = 0; i < j->n && st == PW_OK; i++) {
        if (!j->kind[i])
            continue;
        char *json = store_entry_json(j->entries[i], j->category);
        if (!json) {
            st = PW_ERR_NOMEM;
            break;
        }
        char hash[33];
        store_hash_hex(json, strlen(json), hash);
        store_val v[5] = {sv_int(j->list_id), sv_text(j->entries[i]->id), sv_text(hash),
                          sv_text(json), sv_int(j->version)};
        st = s->drv->copy_row(s->conn, v, 5, s->err, sizeof s->err);
        free(json);
    }
    pw_status end = s->drv->copy_end(s->conn, st == PW_OK, s->err, sizeof s->err);
    return st != PW_OK ? st : end;
}

static pw_status run_import(import_job *j, pw_list_delta *d)
{
    pw_store *s = j->s;
    pw_status st = find_or_create_list(j);
    if (st != PW_OK)
        return st;
    load_ctx lc = {&j->map, PW_OK};
    store_val lid = sv_int(j->list_id);
    st = store_query(s, "SELECT id, entry_id, hash FROM entries WHERE list_id = ? AND valid_to IS NULL",
                     &lid, 1, load_current, &lc);
    if (st != PW_OK || lc.st != PW_OK)
        return st != PW_OK ? st : lc.st;
    j->closing = malloc((j->map.n + j->n + 1) * sizeof *j->closing);
    if (!j->closing)
        return PW_ERR_NOMEM;
    if ((st = classify(j, d)) != PW_OK)
        return st;
    /* Old rows first: the current (list, entry id) must stay unique. */
    if ((st = close_rows(s, j->version, j->closing, j->n_closing)) != PW_OK)
        return st;
    if ((st = write_new_rows(j)) != PW_OK)
        return st;
    d->version = j->version;
    store_val v[] = {lid, sv_int(j->version), sv_int(j->now), sv_text(j->source),
                     sv_text(j->category), sv_int((int64_t)d->entries), sv_int((int64_t)d->added),
                     sv_int((int64_t)d->changed), sv_int((int64_t)d->removed)};
    st = store_query(s,
                     "INSERT INTO list_versions (list_id, version, imported_at, source, category,"
                     " entries, added, changed, removed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     v, 9, NULL, NULL);
    if (st != PW_OK)
        return st;
    store_val u[] = {sv_int(j->version), sv_text(j->category), lid};
    return store_query(s, "UPDATE lists SET version = ?, category = ? WHERE id = ?", u, 3, NULL, NULL);
}

pw_status pw_store_import_entries(pw_store *s, const char *list_name, const char *category,
                                  const pw_entry *const *entries, size_t n, const char *source,
                                  int64_t now, pw_list_delta *delta)
{
    pw_list_delta dummy;
    if (!delta)
        delta = &dummy;
    memset(delta, 0, sizeof *delta);
    if (!list_name || !*list_name)
        return store_fail(s, PW_ERR_ARG, "no list name");
    pw_category cat;
    if (category && !pw_category_parse(category, &cat))
        return store_fail(s, PW_ERR_ARG, "unknown category '%s'", category);
    import_job j = {.s = s, .list = list_name, .category = category, .source = source,
                    .entries = entries, .n = n, .now = store_now(now)};
    j.map.arena = pw_arena_new();
    j.kind = calloc(n ? n : 1, 1);
    pw_status st = j.map.arena && j.kind ? store_begin(s) : PW_ERR_NOMEM;
    if (st == PW_OK) {
        st = run_import(&j, delta);
        if (st == PW_OK)
            st = store_commit(s);
        else
            store_rollback(s);
    }
    if (st == PW_ERR_NOMEM)
        store_fail(s, st, "out of memory importing list %s", list_name);
    free(j.map.slots);
    pw_arena_free(j.map.arena);
    free(j.kind);
    free(j.closing);
    if (st != PW_OK)
        memset(delta, 0, sizeof *delta);
    return st;
}

/* ------------------------------------------------------- reading versions */

typedef struct version_ctx {
    pw_list_version_fn fn;
    void *ctx;
    size_t rows;
} version_ctx;

static void version_row(void *ctx, const char *const *col, size_t n)
{
    version_ctx *c = ctx;
    pw_list_version v = {
        .list = col[0],
        .category = col[1],
        .version = (int)store_parse_int(col[2]),
        .imported_at = store_parse_int(col[3]),
        .source = col[4],
        .entries = (size_t)store_parse_int(col[5]),
        .added = (size_t)store_parse_int(col[6]),
        .changed = (size_t)store_parse_int(col[7]),
        .removed = (size_t)store_parse_int(col[8]),
    };
    c->rows++;
    c->fn(c->ctx, &v);
}

#define VERSION_COLUMNS                                                                      \
    "SELECT l.name, v.category, v.version, v.imported_at, v.source, v.entries, v.added,"     \
    " v.changed, v.removed FROM list_versions v JOIN lists l ON l.id = v.list_id "

pw_status pw_store_lists(pw_store *s, pw_list_version_fn fn, void *ctx)
{
    version_ctx c = {fn, ctx, 0};
    return store_query(s, VERSION_COLUMNS "WHERE v.version = l.version ORDER BY l.name", NULL, 0,
                       version_row, &c);
}

pw_status pw_store_list_history(pw_store *s, const char *list_name, pw_list_version_fn fn, void *ctx)
{
    version_ctx c = {fn, ctx, 0};
    store_val v = sv_text(list_name);
    pw_status st = store_query(s, VERSION_COLUMNS "WHERE l.name = ? ORDER BY v.version", &v, 1,
                               version_row, &c);
    if (st == PW_OK && c.rows == 0)
        return store_fail(s, PW_ERR_NOTFOUND, "no list named '%s'", list_name ? list_name : "");
    return st;
}

const char *pw_change_name(pw_change c)
{
    switch (c) {
    case PW_CHANGE_ADDED: return "added";
    case PW_CHANGE_CHANGED: return "changed";
    case PW_CHANGE_REMOVED: return "removed";
    }
    return "?";
}

typedef struct change_ctx {
    void (*fn)(void *ctx, const char *entry_id, pw_change c);
    void *ctx;
} change_ctx;

static void change_row(void *ctx, const char *const *col, size_t n)
{
    change_ctx *c = ctx;
    c->fn(c->ctx, col[0], (pw_change)store_parse_int(col[1]));
}

static pw_status list_id_of(pw_store *s, const char *list_name, int64_t *id)
{
    store_val v = sv_text(list_name);
    bool found;
    pw_status st = store_query_int(s, "SELECT id FROM lists WHERE name = ?", &v, 1, id, &found);
    if (st == PW_OK && !found)
        return store_fail(s, PW_ERR_NOTFOUND, "no list named '%s'", list_name ? list_name : "");
    return st;
}

pw_status pw_store_list_changes(pw_store *s, const char *list_name, int version,
                                void (*fn)(void *ctx, const char *entry_id, pw_change c), void *ctx)
{
    int64_t id;
    pw_status st = list_id_of(s, list_name, &id);
    if (st != PW_OK)
        return st;
    change_ctx c = {fn, ctx};
    /* Rows that start at version: changed if a row of the same id ends there.
     * Rows that end at version with no successor: removed. */
    store_val v[] = {sv_int(version), sv_int(id), sv_int(version), sv_int(id),
                     sv_int(version), sv_int(version), sv_int(id)};
    return store_query(s,
                       "SELECT n.entry_id, CASE WHEN EXISTS (SELECT 1 FROM entries o WHERE"
                       " o.list_id = n.list_id AND o.entry_id = n.entry_id AND o.valid_to = ?)"
                       " THEN 2 ELSE 1 END FROM entries n WHERE n.list_id = ? AND n.valid_from = ?"
                       " UNION ALL SELECT o.entry_id, 3 FROM entries o WHERE o.list_id = ? AND"
                       " o.valid_to = ? AND NOT EXISTS (SELECT 1 FROM entries n WHERE"
                       " n.list_id = o.list_id AND n.entry_id = o.entry_id AND n.valid_from = ?)"
                       " AND o.list_id = ? ORDER BY 1",
                       v, 7, change_row, &c);
}

enum { ENTRY_ARENA_ROWS = 4096 };

typedef struct entry_ctx {
    void (*fn)(void *ctx, const pw_entry *e);
    void (*delta_fn)(void *ctx, const pw_entry *e, pw_change c);
    void *ctx;
    pw_arena *arena;
    size_t rows;
    pw_status st;
} entry_ctx;

static void entry_row(void *ctx, const char *const *col, size_t n)
{
    entry_ctx *c = ctx;
    if (c->st != PW_OK)
        return;
    if (++c->rows % ENTRY_ARENA_ROWS == 0) {
        pw_arena_free(c->arena);
        c->arena = pw_arena_new();
        if (!c->arena) {
            c->st = PW_ERR_NOMEM;
            return;
        }
    }
    pw_entry e;
    if (store_entry_from_json(col[1], col[0], col[2], c->arena, &e) != PW_OK) {
        c->st = PW_ERR_FORMAT;
        return;
    }
    if (c->delta_fn)
        c->delta_fn(c->ctx, &e, (pw_change)store_parse_int(col[3]));
    else
        c->fn(c->ctx, &e);
}

pw_status pw_store_list_entries(pw_store *s, const char *list_name, int version,
                                void (*fn)(void *ctx, const pw_entry *e), void *ctx)
{
    entry_ctx c = {fn, NULL, ctx, pw_arena_new(), 0, PW_OK};
    if (!c.arena)
        return PW_ERR_NOMEM;
    pw_status st;
    const char *cols = "SELECT l.name, e.entry_id, e.data FROM entries e JOIN lists l ON l.id = e.list_id ";
    char sql[512];
    if (!list_name) {
        snprintf(sql, sizeof sql, "%sWHERE e.valid_to IS NULL ORDER BY l.name, e.id", cols);
        st = store_query(s, sql, NULL, 0, entry_row, &c);
    } else {
        int64_t id;
        st = list_id_of(s, list_name, &id);
        if (st == PW_OK && version == 0) {
            store_val v = sv_int(id);
            snprintf(sql, sizeof sql, "%sWHERE e.list_id = ? AND e.valid_to IS NULL ORDER BY e.id", cols);
            st = store_query(s, sql, &v, 1, entry_row, &c);
        } else if (st == PW_OK) {
            store_val v[] = {sv_int(id), sv_int(version), sv_int(version)};
            snprintf(sql, sizeof sql,
                     "%sWHERE e.list_id = ? AND e.valid_from <= ? AND (e.valid_to IS NULL OR"
                     " e.valid_to > ?) ORDER BY e.id", cols);
            st = store_query(s, sql, v, 3, entry_row, &c);
        }
    }
    pw_arena_free(c.arena);
    if (st == PW_OK && c.st != PW_OK)
        st = store_fail(s, c.st, "a stored entry could not be read");
    return st;
}

pw_status pw_store_list_delta_entries(pw_store *s, const char *list_name, int version,
                                      void (*fn)(void *ctx, const pw_entry *e, pw_change c),
                                      void *ctx)
{
    int64_t id;
    pw_status st = list_id_of(s, list_name, &id);
    if (st != PW_OK)
        return st;
    entry_ctx c = {NULL, fn, ctx, pw_arena_new(), 0, PW_OK};
    if (!c.arena)
        return PW_ERR_NOMEM;
    store_val v[] = {sv_int(version), sv_int(id), sv_int(version)};
    st = store_query(s,
                     "SELECT l.name, n.entry_id, n.data, CASE WHEN EXISTS (SELECT 1 FROM entries o"
                     " WHERE o.list_id = n.list_id AND o.entry_id = n.entry_id AND o.valid_to = ?)"
                     " THEN 2 ELSE 1 END FROM entries n JOIN lists l ON l.id = n.list_id"
                     " WHERE n.list_id = ? AND n.valid_from = ? ORDER BY n.id",
                     v, 3, entry_row, &c);
    pw_arena_free(c.arena);
    if (st == PW_OK && c.st != PW_OK)
        st = store_fail(s, c.st, "a stored entry could not be read");
    return st;
}

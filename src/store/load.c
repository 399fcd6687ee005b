/*
 * load.c — the bridge between stored lists and loaded watchlists: a loaded
 * pw_watchlist stored as a new list version, and the current versions read
 * back into a pw_watchlist for the matcher's index. Kept apart from lists.c
 * so that the storage logic does not depend on the watchlist module.
 */
#include <stdlib.h>

#include "store.h"

pw_status pw_store_import_list(pw_store *s, const char *list_name, const char *category,
                               const pw_watchlist *w, const char *source, int64_t now,
                               pw_list_delta *delta)
{
    size_t n = pw_watchlist_count(w);
    const pw_entry **entries = malloc((n ? n : 1) * sizeof *entries);
    if (!entries)
        return store_fail(s, PW_ERR_NOMEM, "out of memory");
    for (size_t i = 0; i < n; i++)
        entries[i] = pw_watchlist_entry(w, i);
    pw_status st = pw_store_import_entries(s, list_name, category, entries, n, source, now, delta);
    free(entries);
    return st;
}

typedef struct add_ctx {
    pw_watchlist *w;
    pw_status st;
} add_ctx;

static void add_entry(void *ctx, const pw_entry *e)
{
    add_ctx *c = ctx;
    if (c->st == PW_OK)
        c->st = pw_watchlist_add(c->w, e);
}

pw_status pw_store_load_lists(pw_store *s, const char *const *names, size_t n, pw_watchlist *w)
{
    add_ctx c = {w, PW_OK};
    pw_status st = PW_OK;
    if (n == 0)
        st = pw_store_list_entries(s, NULL, 0, add_entry, &c);
    for (size_t i = 0; i < n && st == PW_OK && c.st == PW_OK; i++)
        st = pw_store_list_entries(s, names[i], 0, add_entry, &c);
    if (st == PW_OK && c.st != PW_OK)
        st = store_fail(s, c.st, "cannot add stored entries to the watchlist");
    return st;
}

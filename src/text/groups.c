/*
 * groups.c — pw_name_groups: the variant groups of a folded name token.
 *
 * Two kinds of group, both from data: romanization variants that a
 * phonetic key cannot join (src/text/variants.txt: LEE/YI/RHEE,
 * ZHANG/CHANG/CHEUNG, OTHMAN/USMAN, ...) and English nicknames (the
 * nickname list, data/lists/nicknames/names.csv: each canonical name with
 * its nicknames). Both are compiled at build time by
 * src/text/tools/gen_groups.c into one sorted table; lookup is a binary
 * search. Group ids are stable within a build; variant ids and nickname
 * ids come from distinct ranges (see text.h).
 */
#include <stdlib.h>
#include <string.h>

#include "paxwatch.h"
#include "text/text.h"

static int group_cmp(const void *key, const void *elem)
{
    return strcmp((const char *)key, ((const text_group_name *)elem)->name);
}

size_t pw_name_groups(const char *token, uint32_t *groups, size_t cap)
{
    if (!token || !*token)
        return 0;
    char up[PW_MAX_TOKEN];
    size_t n = 0;
    for (const char *p = token; *p; p++) {
        if (n + 1 >= sizeof up)
            return 0;                 /* longer than any name in the table */
        char c = *p;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        up[n++] = c;
    }
    up[n] = '\0';
    const text_group_name *g = bsearch(up, text_group_names, text_group_names_count,
                                       sizeof text_group_names[0], group_cmp);
    if (!g)
        return 0;
    for (size_t i = 0; i < g->count && i < cap && groups; i++)
        groups[i] = text_group_ids[g->first + i];
    return g->count;
}

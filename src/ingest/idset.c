/*
 * idset.c — a set of identifiers (open addressing, FNV-1a), to reject a
 * record whose id was already seen in the same input. The strings belong to
 * the caller and must outlive the set.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest.h"

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

void ingest_idset_free(ingest_idset *set)
{
    free(set->slots);
    memset(set, 0, sizeof *set);
}

static bool grow(ingest_idset *set)
{
    size_t cap = set->cap ? set->cap * 2 : 1024;
    const char **slots = calloc(cap, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < set->cap; i++) {
        const char *s = set->slots[i];
        if (!s)
            continue;
        size_t j = hash(s) & (cap - 1);
        while (slots[j])
            j = (j + 1) & (cap - 1);
        slots[j] = s;
    }
    free(set->slots);
    set->slots = slots;
    set->cap = cap;
    return true;
}

int ingest_idset_add(ingest_idset *set, const char *id)
{
    if ((set->n + 1) * 2 > set->cap && !grow(set))
        return -1;
    size_t j = hash(id) & (set->cap - 1);
    while (set->slots[j]) {
        if (strcmp(set->slots[j], id) == 0)
            return 0;
        j = (j + 1) & (set->cap - 1);
    }
    set->slots[j] = id;
    set->n++;
    return 1;
}

int ingest_take_traveler(pw_batch *b, const ingest_fields *f, pw_traveler *t, ingest_idset *ids,
                         ingest_field_id *bad, char *reason, size_t cap)
{
    if (!ingest_build_traveler(b, f, t, bad, reason, cap))
        return 0;
    int added = ingest_idset_add(ids, t->id);
    if (added == 0) {
        snprintf(reason, cap, "duplicate id \"%s\"", t->id);
        *bad = F_ID;
    }
    return added;
}

/*
 * batch.c — a batch of travelers read from one input. The travelers array
 * grows by doubling; every string and small array of the travelers lives in
 * the batch's arena and goes with pw_batch_free.
 */
#include <stdlib.h>
#include <string.h>

#include "paxwatch.h"

pw_batch *pw_batch_new(void)
{
    pw_batch *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->arena = pw_arena_new();
    if (!b->arena) {
        free(b);
        return NULL;
    }
    return b;
}

void pw_batch_free(pw_batch *b)
{
    if (!b)
        return;
    pw_arena_free(b->arena);
    free(b->travelers);
    free(b);
}

pw_traveler *pw_batch_push(pw_batch *b)
{
    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        pw_traveler *t = realloc(b->travelers, cap * sizeof *t);
        if (!t)
            return NULL;
        b->travelers = t;
        b->cap = cap;
    }
    pw_traveler *t = &b->travelers[b->n++];
    memset(t, 0, sizeof *t);
    return t;
}

/*
 * batch.c — a batch of travelers read from one input. The travelers array
 * grows by doubling, or at once to what a reader expects (pw_batch_reserve);
 * every string and small array of the travelers lives in the batch's arena
 * and goes with pw_batch_free.
 */
#include <stdlib.h>
#include <string.h>

#include "model/model.h"

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

pw_status pw_batch_reserve(pw_batch *b, size_t more)
{
    if (more <= b->cap - b->n)
        return PW_OK;
    if (more > SIZE_MAX / sizeof *b->travelers - b->n)
        return PW_ERR_NOMEM;
    size_t cap = b->n + more;
    /* A new array rather than realloc: a large one is allocated for huge
     * pages before it is first written. */
    size_t bytes = model_large_size(cap * sizeof *b->travelers);
    pw_traveler *t = model_alloc_large(bytes);
    if (!t)
        return PW_ERR_NOMEM;
    if (b->n)
        memcpy(t, b->travelers, b->n * sizeof *t);
    free(b->travelers);
    b->travelers = t;
    b->cap = bytes / sizeof *t;
    return PW_OK;
}

pw_traveler *pw_batch_push(pw_batch *b)
{
    if (b->n == b->cap && pw_batch_reserve(b, b->cap ? b->cap : 64) != PW_OK)
        return NULL;
    pw_traveler *t = &b->travelers[b->n++];
    memset(t, 0, sizeof *t);
    return t;
}

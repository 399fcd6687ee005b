/*
 * arena.c — region allocator. Per-message and per-list data is allocated
 * here and freed in one call, so ownership is the arena's (as h2o's memory
 * pools). Blocks grow geometrically; large requests get a block of their own.
 */
#include <stdlib.h>
#include <string.h>

#include "paxwatch.h"

typedef struct block {
    struct block *next;
    size_t size;
    size_t used;
    _Alignas(16) unsigned char data[];
} block;

struct pw_arena {
    block *head;
    size_t total;
};

enum { ARENA_FIRST_BLOCK = 16 * 1024, ARENA_MAX_BLOCK = 4 * 1024 * 1024 };

pw_arena *pw_arena_new(void)
{
    return calloc(1, sizeof(pw_arena));
}

void pw_arena_free(pw_arena *a)
{
    if (!a)
        return;
    block *b = a->head;
    while (b) {
        block *next = b->next;
        free(b);
        b = next;
    }
    free(a);
}

void *pw_arena_alloc(pw_arena *a, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    block *b = a->head;
    if (!b || b->size - b->used < size) {
        size_t want = b ? b->size * 2 : ARENA_FIRST_BLOCK;
        if (want > ARENA_MAX_BLOCK)
            want = ARENA_MAX_BLOCK;
        if (want < size)
            want = size;
        block *nb = malloc(sizeof(block) + want);
        if (!nb)
            return NULL;
        nb->size = want;
        nb->used = 0;
        /* A large one-off block goes behind the head so the head keeps serving small requests. */
        if (b && want == size && b->size - b->used > 256) {
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->head = nb;
        }
        b = nb;
    }
    void *p = b->data + b->used;
    b->used += size;
    a->total += size;
    memset(p, 0, size);
    return p;
}

char *pw_arena_strndup(pw_arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = pw_arena_alloc(a, n + 1);
    if (!p)
        return NULL;
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *pw_arena_strdup(pw_arena *a, const char *s)
{
    return s ? pw_arena_strndup(a, s, strlen(s)) : NULL;
}

size_t pw_arena_used(const pw_arena *a)
{
    return a->total;
}

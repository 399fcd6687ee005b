/*
 * arena.c — region allocator. Per-message and per-list data is allocated
 * here and freed in one call, so ownership is the arena's (as h2o's memory
 * pools). Blocks grow geometrically; large requests get a block of their own.
 *
 * Large blocks (and any large array that is filled once, such as a batch's
 * travelers) come from model_alloc_large: 2 MB aligned and advised for
 * transparent huge pages where the kernel offers them, so that filling a
 * 50 MB message's worth of travelers costs a few dozen page faults rather
 * than tens of thousands.
 */
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "model.h"

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

#define HUGE_PAGE ((size_t)2 * 1024 * 1024)

size_t model_large_size(size_t size)
{
    if (size < HUGE_PAGE || size > SIZE_MAX - HUGE_PAGE)
        return size;        /* too large to round: model_alloc_large refuses it */
    return (size + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
}

void *model_alloc_large(size_t size)
{
    if (size < HUGE_PAGE)
        return malloc(size);
    if (size > SIZE_MAX - HUGE_PAGE)
        return NULL;
    size = model_large_size(size);
    void *p = aligned_alloc(HUGE_PAGE, size);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    /* Advice only: where huge pages are off, this fails and nothing changes. */
    if (p)
        madvise(p, size, MADV_HUGEPAGE);
#endif
    return p;
}

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

/* size bytes (a multiple of 8), not zeroed. */
static void *take(pw_arena *a, size_t size)
{
    block *b = a->head;
    if (size > SIZE_MAX / 2)
        return NULL;
    if (!b || b->size - b->used < size) {
        /* Blocks of 16 KB, 32 KB, ... 4 MB in all, header included. */
        size_t bytes = b ? (sizeof(block) + b->size) * 2 : ARENA_FIRST_BLOCK;
        if (bytes > ARENA_MAX_BLOCK)
            bytes = ARENA_MAX_BLOCK;
        bool own = bytes - sizeof(block) < size;
        if (own)
            bytes = sizeof(block) + size;
        bytes = model_large_size(bytes);
        block *nb = model_alloc_large(bytes);
        if (!nb)
            return NULL;
        nb->size = bytes - sizeof(block);
        nb->used = 0;
        /* A large one-off block goes behind the head so the head keeps serving small requests. */
        if (b && own && b->size - b->used > 256) {
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
    return p;
}

void *pw_arena_alloc(pw_arena *a, size_t size)
{
    size = (size + 7) & ~(size_t)7;
    void *p = take(a, size);
    if (p)
        memset(p, 0, size);
    return p;
}

char *pw_arena_strndup(pw_arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = take(a, (n + 1 + 7) & ~(size_t)7);
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

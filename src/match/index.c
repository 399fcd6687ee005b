/*
 * index.c — candidate retrieval without scanning the list, and screening.
 *
 * The index is built once into immutable arrays that any number of threads
 * read without locks. Two levels:
 *
 *   1. A dictionary of every unit of every entry name (tokens, and the
 *      concatenations of neighbouring tokens, each with its role). Three
 *      multimaps find, for a query unit, every dictionary unit whose
 *      similarity to it can be positive: letters and one-deletion
 *      neighbourhood (SymSpell-style, for tokens of three letters or more),
 *      phonetic keys, and variant/nickname group. These are exactly the
 *      relations match_token_similarity knows, so the similar-unit lists are
 *      complete. (A token of two letters meets a three-letter one through the
 *      latter's deletions; two two-letter tokens are never one edit apart
 *      for the similarity.)
 *   2. Postings: dictionary unit → entries whose names contain it.
 *
 * A name of two or more significant tokens reaches the threshold only with
 * two significant pairs (score.c caps it otherwise), and the two pairs of an
 * alignment share no token. So, besides postings per unit, the index keeps
 * postings per PAIR of disjoint significant units of each name: a query
 * looks up the pairs formed from the similar-unit sets of two disjoint units
 * of its own, and touches only names that share two units with it —
 * not the tens of thousands that share the commonest surname. Pair postings
 * hold names (not entries), tagged with their entry's birth year class and
 * date, so a name born on another day is not even a candidate. Queries with
 * a single significant token use the unit postings; a concatenation holding
 * both significant tokens of a query (the one pair that may match alone,
 * FANGYING for FANG YING) uses the solo postings, names of one significant
 * token; a threshold so low that any one pair may alert uses every unit's
 * postings. Documents have their own multimap. Candidates are verified with
 * the same scoring as pw_compare, so the hits equal a brute-force scan's.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "match.h"
#include "model/model.h"

/* ------------------------------------------------------------ multimap */

typedef struct kv {
    uint64_t key;
    uint32_t value;
    uint32_t tag;            /* kept beside the value when the map keeps tags */
} kv;

typedef struct kv_vec {
    kv *items;
    size_t n, cap;
} kv_vec;

typedef struct slot {
    uint64_t key;            /* 0: empty */
    uint32_t start;
    uint32_t count;
} slot;

/* key → its values in the order pushed (a value pushed twice in a row is
 * kept once), with a tag each when the map keeps tags; open addressing,
 * linear probing. */
typedef struct multimap {
    slot *slots;
    size_t mask;
    uint32_t *values;
    uint32_t *tags;          /* beside values, or NULL */
    size_t n_values;
} multimap;

/* Grows an array of used bytes to size bytes; the index's large arrays
 * come on huge pages, so that building them is not a page fault every 4 KB
 * (the old array is freed; NULL when out of memory, the old one kept). */
static void *grow_large(void *p, size_t used, size_t size)
{
    void *q = model_alloc_large(size);
    if (q && p)
        memcpy(q, p, used);
    if (q)
        free(p);
    return q;
}

static void *zeroed_large(size_t size)
{
    void *p = model_alloc_large(size);
    if (p)
        memset(p, 0, size);
    return p;
}

static bool kv_push_tagged(kv_vec *v, uint64_t key, uint32_t value, uint32_t tag)
{
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 1024;
        kv *p = grow_large(v->items, v->n * sizeof *p, cap * sizeof *p);
        if (!p)
            return false;
        v->items = p;
        v->cap = cap;
    }
    v->items[v->n++] = (kv){key, value, tag};
    return true;
}

static bool kv_push(kv_vec *v, uint64_t key, uint32_t value)
{
    return kv_push_tagged(v, key, value, 0);
}

/* Stable LSD radix sort on the 64-bit key; values pushed in increasing order
 * stay in increasing order within a key. */
static bool kv_sort(kv_vec *v)
{
    if (v->n < 2)
        return true;
    kv *tmp = model_alloc_large(v->n * sizeof *tmp);
    if (!tmp)
        return false;
    kv *src = v->items, *dst = tmp;
    for (unsigned shift = 0; shift < 64; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < v->n; i++)
            count[((src[i].key >> shift) & 0xff) + 1]++;
        if (count[((src[0].key >> shift) & 0xff) + 1] == v->n)
            continue;                                  /* one bucket: nothing moves */
        for (unsigned b = 1; b < 257; b++)
            count[b] += count[b - 1];
        for (size_t i = 0; i < v->n; i++)
            dst[count[(src[i].key >> shift) & 0xff]++] = src[i];
        kv *t = src;
        src = dst;
        dst = t;
    }
    if (src != v->items) {
        memcpy(v->items, src, v->n * sizeof *src);
        free(src);
    } else {
        free(dst);
    }
    return true;
}

static bool multimap_build(multimap *m, kv_vec *v, bool tags)
{
    if (!kv_sort(v))
        return false;
    size_t unique = 0;
    for (size_t i = 0; i < v->n; i++)
        unique += i == 0 || v->items[i].key != v->items[i - 1].key;
    size_t size = 16;
    while (size < unique * 2)
        size *= 2;
    m->slots = model_alloc_large(size * sizeof *m->slots);
    m->values = model_alloc_large((v->n ? v->n : 1) * sizeof *m->values);
    m->tags = tags ? model_alloc_large((v->n ? v->n : 1) * sizeof *m->tags) : NULL;
    if (!m->slots || !m->values || (tags && !m->tags))
        return false;
    memset(m->slots, 0, size * sizeof *m->slots);
    m->mask = size - 1;
    size_t nv = 0;
    for (size_t i = 0; i < v->n;) {
        uint64_t key = v->items[i].key;
        uint32_t start = (uint32_t)nv;
        for (; i < v->n && v->items[i].key == key; i++)
            if (nv == start || m->values[nv - 1] != v->items[i].value) {
                if (tags)
                    m->tags[nv] = v->items[i].tag;
                m->values[nv++] = v->items[i].value;
            }
        size_t s = key & m->mask;
        while (m->slots[s].key)
            s = (s + 1) & m->mask;
        m->slots[s] = (slot){key, start, (uint32_t)(nv - start)};
    }
    m->n_values = nv;
    free(v->items);
    v->items = NULL;
    v->n = v->cap = 0;
    return true;
}

static const uint32_t *multimap_get(const multimap *m, uint64_t key, uint32_t *count)
{
    for (size_t s = key & m->mask;; s = (s + 1) & m->mask) {
        if (m->slots[s].key == key) {
            *count = m->slots[s].count;
            return m->values + m->slots[s].start;
        }
        if (!m->slots[s].key) {
            *count = 0;
            return NULL;
        }
    }
}

static void multimap_free(multimap *m)
{
    free(m->slots);
    free(m->values);
    free(m->tags);
}

static size_t multimap_memory(const multimap *m)
{
    return (m->mask + 1) * sizeof *m->slots + m->n_values * (sizeof *m->values + (m->tags ? sizeof *m->tags : 0));
}

/* --------------------------------------------------------------- index */

typedef struct index_name {
    uint32_t entry;          /* the entry it names */
    uint32_t units;          /* offset in unit_pool: n_units dictionary ids */
    uint32_t shape;          /* names of the same units and flags share it: one score */
    uint16_t source;         /* its place among the entry's names */
    uint8_t n;
    uint8_t n_units;
    uint8_t n_significant;
    uint8_t flags[PW_MAX_TOKENS];
} index_name;

/* An entry's birth year class, one byte per entry: the pair postings hold
 * each key's entries ordered by it, so that a query reads only the entries
 * born near its traveler's year and those with no year. */
#define YEAR_NONE 0              /* no date of birth with a year */
#define YEAR_SEVERAL 255         /* dates in different years, or with and without one */
#define YEAR_FIRST 1800          /* code 1; years outside 1801..2053 share the end codes */

static uint8_t year_code(int year)
{
    int c = year - YEAR_FIRST;
    return (uint8_t)(c < 1 ? 1 : c > 253 ? 253 : c);
}

/* An entry's one date of birth within its year, for the pair postings:
 * 1 + month × 32 + day (0 for an unknown part); DATE_ANY when it lists
 * none or several. */
#define DATE_ANY 0
#define DATE_CODES (1 + 12 * 32 + 31 + 1)

static uint16_t entry_date_code(const pw_entry *en)
{
    if (en->n_dobs != 1 || !en->dobs[0].year || en->dobs[0].month > 12 || en->dobs[0].day > 31)
        return DATE_ANY;
    return (uint16_t)(1 + en->dobs[0].month * 32 + en->dobs[0].day);
}

static uint8_t entry_year_code(const pw_entry *en)
{
    if (!en->n_dobs)
        return YEAR_NONE;
    uint8_t c = en->dobs[0].year ? year_code(en->dobs[0].year) : YEAR_NONE;
    for (size_t i = 1; i < en->n_dobs; i++)
        if ((en->dobs[i].year ? year_code(en->dobs[i].year) : YEAR_NONE) != c)
            return YEAR_SEVERAL;
    return c;
}

struct pw_index {
    const pw_entry **entries;
    match_digest *digests;       /* per entry, in one contiguous array */
    uint8_t *year;               /* per entry: its birth year class */
    size_t n_entries;
    uint32_t *entry_names;       /* n_entries + 1 offsets into names */
    index_name *names;
    size_t n_names;
    size_t n_shapes;
    uint32_t *unit_pool;
    size_t n_units;

    /* dictionary */
    char **dict_str;
    uint8_t *dict_len;
    uint8_t *dict_concat;
    match_features *dict_features;  /* groups point into group_pool */
    uint32_t *group_pool;
    size_t n_group_pool;
    size_t n_dict;
    pw_arena *strings;

    uint32_t *partner_start;     /* n_dict + 1 offsets into partners */
    uint32_t *partners;          /* see build_partners */
    size_t n_partners;

    uint32_t *postings_start;    /* n_dict + 1 */
    uint32_t *postings;          /* entry ids */
    size_t n_postings;
    uint32_t *solo_start;        /* n_dict + 1 */
    uint32_t *solo;              /* per token: the names whose one significant token it is */
    size_t n_solo;

    multimap letters;            /* letters and one-deletion neighbourhood → dict ids */
    multimap phonetic;           /* phonetic key hash → dict ids */
    multimap groups;             /* group id → dict ids */
    multimap documents;          /* document key hash → entry ids */
    multimap pairs;              /* pair of significant dict units → name ids, by year class;
                                    tagged year class << 16 | date code of the name's entry */
};

/* Dictionary interning at build time: (role, letters) → id. */
typedef struct intern {
    uint64_t *hash;
    uint32_t *id;
    size_t mask;
    size_t n;
} intern;

static uint64_t unit_hash(const char *s, unsigned len, bool concat)
{
    uint64_t h = match_hash(s, len);
    return concat ? h * 0x9e3779b97f4a7c15ull + 1 : h;
}

static uint64_t letters_key(const char *s, size_t len)
{
    return match_hash(s, len) | 1;        /* never 0 */
}

static uint64_t group_key(uint32_t group)
{
    uint64_t h = (uint64_t)group * 0x9e3779b97f4a7c15ull;
    return (h ^ (h >> 29)) | 1;
}

/* Unordered pair of dictionary ids. */
static uint64_t pair_key(uint32_t a, uint32_t b)
{
    uint64_t lo = a < b ? a : b, hi = a < b ? b : a;
    uint64_t h = (lo << 32 | hi) * 0x9e3779b97f4a7c15ull;
    return (h ^ (h >> 31)) | 1;
}

typedef struct builder {
    pw_index *ix;
    intern in;
    size_t dict_cap;
    size_t names_cap, units_cap;
    uint32_t *posting_count;      /* per dict id, during build */
    uint32_t *group_at;           /* per dict id: offset of its groups in group_pool */
    size_t group_cap;
} builder;

static bool dict_grow(builder *b)
{
    pw_index *ix = b->ix;
    if (ix->n_dict < b->dict_cap)
        return true;
    size_t cap = b->dict_cap ? b->dict_cap * 2 : 4096, n = ix->n_dict;
    char **s = grow_large(ix->dict_str, n * sizeof *s, cap * sizeof *s);
    if (s)
        ix->dict_str = s;
    uint8_t *l = grow_large(ix->dict_len, n, cap);
    if (l)
        ix->dict_len = l;
    uint8_t *c = grow_large(ix->dict_concat, n, cap);
    if (c)
        ix->dict_concat = c;
    match_features *f = grow_large(ix->dict_features, n * sizeof *f, cap * sizeof *f);
    if (f)
        ix->dict_features = f;
    uint32_t *pc = realloc(b->posting_count, cap * sizeof *pc);
    if (pc)
        b->posting_count = pc;
    uint32_t *ga = realloc(b->group_at, cap * sizeof *ga);
    if (ga)
        b->group_at = ga;
    if (!s || !l || !c || !f || !pc || !ga)
        return false;
    b->dict_cap = cap;
    return true;
}

static bool intern_grow(intern *in)
{
    if ((in->n + 1) * 2 <= in->mask + 1 && in->hash)
        return true;
    size_t size = in->hash ? (in->mask + 1) * 2 : 1 << 16;
    uint64_t *h = calloc(size, sizeof *h);
    uint32_t *id = malloc(size * sizeof *id);
    if (!h || !id) {
        free(h);
        free(id);
        return false;
    }
    for (size_t i = 0; in->hash && i <= in->mask; i++) {
        if (!in->hash[i])
            continue;
        size_t s = in->hash[i] & (size - 1);
        while (h[s])
            s = (s + 1) & (size - 1);
        h[s] = in->hash[i];
        id[s] = in->id[i];
    }
    free(in->hash);
    free(in->id);
    in->hash = h;
    in->id = id;
    in->mask = size - 1;
    return true;
}

/* Returns the dictionary id of a unit, adding it; UINT32_MAX when out of memory. */
static uint32_t dict_intern(builder *b, const char *s, unsigned len, bool concat, const match_features *f)
{
    pw_index *ix = b->ix;
    if (!intern_grow(&b->in))
        return UINT32_MAX;
    uint64_t h = unit_hash(s, len, concat) | 1;
    size_t at = h & b->in.mask;
    for (; b->in.hash[at]; at = (at + 1) & b->in.mask) {
        if (b->in.hash[at] != h)
            continue;
        uint32_t id = b->in.id[at];
        if (ix->dict_len[id] == len && ix->dict_concat[id] == concat && memcmp(ix->dict_str[id], s, len) == 0)
            return id;
    }
    if (!dict_grow(b))
        return UINT32_MAX;
    uint32_t id = (uint32_t)ix->n_dict++;
    ix->dict_str[id] = pw_arena_strndup(ix->strings, s, len);
    if (!ix->dict_str[id])
        return UINT32_MAX;
    ix->dict_len[id] = (uint8_t)len;
    ix->dict_concat[id] = concat;
    ix->dict_features[id] = *f;
    ix->dict_features[id].groups = NULL;        /* set once the pool stops moving */
    if (ix->n_group_pool + f->n_groups > b->group_cap) {
        size_t gc = b->group_cap ? b->group_cap * 2 : 4096;
        while (gc < ix->n_group_pool + f->n_groups)
            gc *= 2;
        uint32_t *p = realloc(ix->group_pool, gc * sizeof *p);
        if (!p)
            return UINT32_MAX;
        ix->group_pool = p;
        b->group_cap = gc;
    }
    b->group_at[id] = (uint32_t)ix->n_group_pool;
    if (f->n_groups)
        memcpy(ix->group_pool + ix->n_group_pool, f->groups, f->n_groups * sizeof *f->groups);
    ix->n_group_pool += f->n_groups;
    b->posting_count[id] = 0;
    b->in.hash[at] = h;
    b->in.id[at] = id;
    b->in.n++;
    return id;
}

/* A prepared name as add_name needs it: from a match_name, or from the
 * bytes a preparing thread recorded. */
typedef struct name_view {
    unsigned n, n_units, n_significant, source;
    uint8_t flags[PW_MAX_TOKENS];
    const char *unit[MATCH_MAX_UNITS];
    uint8_t len[MATCH_MAX_UNITS];
    match_features features[MATCH_MAX_UNITS];
} name_view;

static bool add_name(builder *b, uint32_t entry, const name_view *m)
{
    pw_index *ix = b->ix;
    unsigned units = m->n_units;
    if (ix->n_names == b->names_cap) {
        size_t cap = b->names_cap ? b->names_cap * 2 : 1024;
        index_name *p = grow_large(ix->names, ix->n_names * sizeof *p, cap * sizeof *p);
        if (!p)
            return false;
        ix->names = p;
        b->names_cap = cap;
    }
    while (ix->n_units + units > b->units_cap) {
        size_t cap = b->units_cap ? b->units_cap * 2 : 4096;
        uint32_t *p = grow_large(ix->unit_pool, ix->n_units * sizeof *p, cap * sizeof *p);
        if (!p)
            return false;
        ix->unit_pool = p;
        b->units_cap = cap;
    }
    index_name *nm = &ix->names[ix->n_names++];
    nm->entry = entry;
    nm->units = (uint32_t)ix->n_units;
    nm->n = (uint8_t)m->n;
    nm->n_units = (uint8_t)units;
    nm->n_significant = (uint8_t)m->n_significant;
    nm->source = (uint16_t)m->source;
    memcpy(nm->flags, m->flags, sizeof nm->flags);
    for (unsigned u = 0; u < units; u++) {
        uint32_t id = dict_intern(b, m->unit[u], m->len[u], u >= m->n, &m->features[u]);
        if (id == UINT32_MAX)
            return false;
        ix->unit_pool[ix->n_units++] = id;
    }
    return true;
}

/* ------------------------------------------ preparing names on all cores */

/* Names are prepared (folded, split, keyed: the costly part, ICU for other
 * scripts) by several threads, each over a run of entries, into a byte
 * record; one thread then interns the records in entry order, so the index
 * is the same whatever the number of threads. */
typedef struct name_record {
    unsigned char *p;
    size_t len, cap;
    bool failed;
} name_record;

static void record_put(name_record *r, const void *src, size_t n)
{
    if (r->failed)
        return;
    if (r->len + n > r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 1 << 16;
        while (cap < r->len + n)
            cap *= 2;
        unsigned char *p = grow_large(r->p, r->len, cap);
        if (!p) {
            r->failed = true;
            return;
        }
        r->p = p;
        r->cap = cap;
    }
    memcpy(r->p + r->len, src, n);
    r->len += n;
}

/* Per entry: the number of names prepared, then each name:
 * n, units, significant, flags[n], and per unit: len, letters, features. */
static void record_entry(name_record *r, const pw_entry *en, match_feature_cache *cache)
{
    match_name m;
    uint16_t count = 0;
    size_t at = r->len;
    record_put(r, &count, sizeof count);
    for (size_t k = 0; k < en->n_names && k <= UINT16_MAX; k++) {
        if (!match_prepare_cached(NULL, NULL, en->names[k], 0, &m, cache))
            continue;
        count++;
        uint8_t head[5] = {(uint8_t)m.n, (uint8_t)m.n_units, (uint8_t)m.n_significant, (uint8_t)(k & 0xff),
                           (uint8_t)(k >> 8)};
        record_put(r, head, sizeof head);
        record_put(r, m.flags, m.n);
        for (unsigned u = 0; u < m.n_units; u++) {
            unsigned len;
            const char *str = match_unit(&m, u, &len);
            const match_features *f = &m.features[u];
            uint8_t l = (uint8_t)len, weak = f->weak, ng = f->n_groups;
            record_put(r, &l, 1);
            record_put(r, str, len);
            record_put(r, f->phonetic, sizeof f->phonetic);
            record_put(r, &f->respelt, sizeof f->respelt);
            record_put(r, &weak, 1);
            record_put(r, &ng, 1);
            record_put(r, f->groups, ng * sizeof *f->groups);
        }
    }
    if (!r->failed)
        memcpy(r->p + at, &count, sizeof count);
}

/* Reads one name of a record back into a view (pointers into the record). */
static const unsigned char *read_name(const unsigned char *p, name_view *v)
{
    v->n = p[0];
    v->n_units = p[1];
    v->n_significant = p[2];
    v->source = p[3] | (unsigned)p[4] << 8;
    p += 5;
    memset(v->flags, 0, sizeof v->flags);
    memcpy(v->flags, p, v->n);
    p += v->n;
    for (unsigned u = 0; u < v->n_units; u++) {
        match_features *f = &v->features[u];
        v->len[u] = *p++;
        v->unit[u] = (const char *)p;
        p += v->len[u];
        memcpy(f->phonetic, p, sizeof f->phonetic);
        p += sizeof f->phonetic;
        memcpy(&f->respelt, p, sizeof f->respelt);
        p += sizeof f->respelt;
        f->weak = *p++;
        f->n_groups = *p++;
        f->groups = (const uint32_t *)p;     /* dict_intern copies them */
        p += f->n_groups * sizeof *f->groups;
    }
    return p;
}

typedef struct prepare_job {
    const pw_index *ix;
    size_t first, last;
    name_record out;
} prepare_job;

static void *prepare_run(void *arg)
{
    prepare_job *j = arg;
    match_feature_cache *cache = match_feature_cache_new();     /* none: slower, not wrong */
    for (size_t e = j->first; e < j->last && !j->out.failed; e++)
        record_entry(&j->out, j->ix->entries[e], cache);
    match_feature_cache_free(cache);
    return NULL;
}

/* Prepares every entry's names and adds them, in entry order. */
static bool add_all_names(builder *b)
{
    pw_index *ix = b->ix;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    size_t threads = ix->n_entries < 2000 || cores < 2 ? 1 : (size_t)(cores > 8 ? 8 : cores);
    prepare_job jobs[8];
    pthread_t tids[8];
    bool started[8] = {false};
    for (size_t i = 0; i < threads; i++) {
        jobs[i] = (prepare_job){ix, ix->n_entries * i / threads, ix->n_entries * (i + 1) / threads, {0}};
        started[i] = threads > 1 && pthread_create(&tids[i], NULL, prepare_run, &jobs[i]) == 0;
        if (!started[i])
            prepare_run(&jobs[i]);
    }
    bool ok = true;
    for (size_t i = 0; i < threads; i++) {
        if (started[i])
            pthread_join(tids[i], NULL);
        ok = ok && !jobs[i].out.failed;
    }
    name_view v;
    for (size_t i = 0; i < threads && ok; i++) {
        const unsigned char *p = jobs[i].out.p;
        for (size_t e = jobs[i].first; e < jobs[i].last && ok; e++) {
            ix->entry_names[e] = (uint32_t)ix->n_names;
            uint16_t count;
            memcpy(&count, p, sizeof count);
            p += sizeof count;
            for (uint16_t k = 0; k < count && ok; k++) {
                p = read_name(p, &v);
                ok = add_name(b, (uint32_t)e, &v);
            }
        }
    }
    for (size_t i = 0; i < threads; i++)
        free(jobs[i].out.p);
    ix->entry_names[ix->n_entries] = (uint32_t)ix->n_names;
    return ok;
}

/* Postings in CSR form: entry ids per dictionary unit, ascending, distinct. */
static bool build_postings(builder *b)
{
    pw_index *ix = b->ix;
    ix->postings_start = calloc(ix->n_dict + 1, sizeof *ix->postings_start);
    uint32_t *last = malloc((ix->n_dict ? ix->n_dict : 1) * sizeof *last);
    if (!ix->postings_start || !last) {
        free(last);
        return false;
    }
    memset(last, 0xff, ix->n_dict * sizeof *last);
    for (size_t e = 0; e < ix->n_entries; e++)
        for (uint32_t k = ix->entry_names[e]; k < ix->entry_names[e + 1]; k++) {
            const index_name *nm = &ix->names[k];
            for (unsigned u = 0; u < nm->n_units; u++) {
                uint32_t d = ix->unit_pool[nm->units + u];
                if (last[d] != e) {
                    last[d] = (uint32_t)e;
                    ix->postings_start[d + 1]++;
                }
            }
        }
    for (size_t d = 0; d < ix->n_dict; d++)
        ix->postings_start[d + 1] += ix->postings_start[d];
    ix->n_postings = ix->postings_start[ix->n_dict];
    ix->postings = model_alloc_large((ix->n_postings ? ix->n_postings : 1) * sizeof *ix->postings);
    if (!ix->postings) {
        free(last);
        return false;
    }
    uint32_t *fill = b->posting_count;           /* reused as write cursors */
    for (size_t d = 0; d < ix->n_dict; d++)
        fill[d] = ix->postings_start[d];
    memset(last, 0xff, ix->n_dict * sizeof *last);
    for (size_t e = 0; e < ix->n_entries; e++)
        for (uint32_t k = ix->entry_names[e]; k < ix->entry_names[e + 1]; k++) {
            const index_name *nm = &ix->names[k];
            for (unsigned u = 0; u < nm->n_units; u++) {
                uint32_t d = ix->unit_pool[nm->units + u];
                if (last[d] != e) {
                    last[d] = (uint32_t)e;
                    ix->postings[fill[d]++] = (uint32_t)e;
                }
            }
        }
    free(last);
    return true;
}

/* Solo postings in CSR form: per token, the names whose only significant
 * token it is, ascending. A query's concatenation of its two significant
 * tokens can alert through one pair only against such a name (score.c:
 * one pair must cover every significant token on both sides). */
static bool build_solo(pw_index *ix)
{
    ix->solo_start = calloc(ix->n_dict + 1, sizeof *ix->solo_start);
    if (!ix->solo_start)
        return false;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k = 0; k < ix->n_names; k++) {
            const index_name *nm = &ix->names[k];
            if (nm->n_significant != 1)
                continue;
            for (unsigned u = 0; u < nm->n; u++)
                if (!(nm->flags[u] & PW_TOKEN_PARTICLE)) {
                    uint32_t d = ix->unit_pool[nm->units + u];
                    if (pass == 0)
                        ix->solo_start[d + 1]++;
                    else
                        ix->solo[ix->solo_start[d]++] = (uint32_t)k;
                }
        }
        if (pass == 0) {
            for (size_t d = 0; d < ix->n_dict; d++)
                ix->solo_start[d + 1] += ix->solo_start[d];
            ix->n_solo = ix->solo_start[ix->n_dict];
            if (!(ix->solo = malloc((ix->n_solo ? ix->n_solo : 1) * sizeof *ix->solo)))
                return false;
        }
    }
    /* the second pass moved each start to its end: shift back */
    memmove(ix->solo_start + 1, ix->solo_start, ix->n_dict * sizeof *ix->solo_start);
    ix->solo_start[0] = 0;
    return true;
}

/* The one-deletion neighbourhood of s (len ≥ 3), each
 * hashed; repeats (deleting either of a double letter) are harmless. */
static unsigned deletion_keys(const char *s, unsigned len, uint64_t *keys)
{
    char buf[MATCH_MAX_CONCAT];
    for (unsigned i = 0; i < len; i++) {
        memcpy(buf, s, i);
        memcpy(buf + i, s + i + 1, len - i - 1);
        keys[i] = letters_key(buf, len - 1);
    }
    return len;
}

#define MAX_NAME_PAIRS (MATCH_MAX_UNITS * (MATCH_MAX_UNITS - 1) / 2)

/* The pairs of disjoint significant units of a name, as dictionary ids
 * (two pairs of one alignment never share a token: overlapping units make
 * no pair). */
static unsigned name_pairs(const pw_index *ix, const index_name *nm, uint32_t (*pair)[2])
{
    uint32_t sig[MATCH_MAX_UNITS];
    uint16_t masks[MATCH_MAX_UNITS], sig_mask[MATCH_MAX_UNITS];
    unsigned n = 0, units = match_unit_masks(nm->n, nm->flags, masks), np = 0;
    for (unsigned u = 0; u < units; u++)
        if (match_mask_significant(nm->n, nm->flags, masks[u])) {
            sig_mask[n] = masks[u];
            sig[n++] = ix->unit_pool[nm->units + u];
        }
    for (unsigned a = 0; a < n; a++)
        for (unsigned b = a + 1; b < n; b++)
            if (!(sig_mask[a] & sig_mask[b])) {
                pair[np][0] = sig[a];
                pair[np][1] = sig[b];
                np++;
            }
    return np;
}

static bool same_shape(const pw_index *ix, const index_name *a, const index_name *b)
{
    return a->n == b->n && a->n_units == b->n_units && !memcmp(a->flags, b->flags, a->n) &&
           !memcmp(ix->unit_pool + a->units, ix->unit_pool + b->units, a->n_units * sizeof *ix->unit_pool);
}

/* Numbers the distinct names (the same units with the same flags): many
 * entries share a common name, and a query scores it once. */
static bool build_shapes(pw_index *ix)
{
    size_t size = 16;
    while (size < ix->n_names * 2)
        size *= 2;
    uint32_t *table = malloc(size * sizeof *table);     /* name index of each shape's first */
    if (!table)
        return false;
    memset(table, 0xff, size * sizeof *table);
    ix->n_shapes = 0;
    for (size_t k = 0; k < ix->n_names; k++) {
        index_name *nm = &ix->names[k];
        uint64_t h = match_hash((const char *)(ix->unit_pool + nm->units), nm->n_units * sizeof *ix->unit_pool);
        h ^= match_hash((const char *)nm->flags, nm->n) * 31 + nm->n;
        size_t at = h & (size - 1);
        while (table[at] != UINT32_MAX && !same_shape(ix, &ix->names[table[at]], nm))
            at = (at + 1) & (size - 1);
        if (table[at] == UINT32_MAX) {
            table[at] = (uint32_t)k;
            nm->shape = (uint32_t)ix->n_shapes++;
        } else {
            nm->shape = ix->names[table[at]].shape;
        }
    }
    free(table);
    return true;
}

/* Partners in CSR form: per dictionary unit, the units it makes a pair
 * with in some name, distinct. A query whose similar unit has
 * few partners reads them instead of looking up every combination. */
static bool build_partners(pw_index *ix)
{
    uint32_t *start = calloc(ix->n_dict + 2, sizeof *start);
    if (!start)
        return false;
    uint32_t pair[MAX_NAME_PAIRS][2];
    size_t total = 0;
    for (size_t k = 0; k < ix->n_names; k++) {
        unsigned n = name_pairs(ix, &ix->names[k], pair);
        for (unsigned i = 0; i < n; i++) {
            start[pair[i][0] + 2]++;
            start[pair[i][1] + 2] += pair[i][0] != pair[i][1];
            total += 1 + (pair[i][0] != pair[i][1]);
        }
    }
    if (total >= UINT32_MAX) {
        free(start);
        return false;
    }
    for (size_t d = 2; d < ix->n_dict + 2; d++)
        start[d] += start[d - 1];
    uint32_t *partners = model_alloc_large((total ? total : 1) * sizeof *partners);
    if (!partners) {
        free(start);
        return false;
    }
    for (size_t k = 0; k < ix->n_names; k++) {   /* start[d + 1] is d's write cursor */
        unsigned n = name_pairs(ix, &ix->names[k], pair);
        for (unsigned i = 0; i < n; i++) {
            partners[start[pair[i][0] + 1]++] = pair[i][1];
            if (pair[i][0] != pair[i][1])
                partners[start[pair[i][1] + 1]++] = pair[i][0];
        }
    }
    /* squeeze the repeats out of each unit's run: start[d + 1] is now d's end */
    uint32_t *seen = malloc((ix->n_dict ? ix->n_dict : 1) * sizeof *seen);
    if (!seen) {
        free(start);
        free(partners);
        return false;
    }
    memset(seen, 0xff, ix->n_dict * sizeof *seen);
    uint32_t at = 0;
    for (size_t d = 0; d < ix->n_dict; d++) {
        uint32_t from = start[d], to = start[d + 1];
        start[d] = at;
        for (uint32_t i = from; i < to; i++)
            if (seen[partners[i]] != d) {
                seen[partners[i]] = (uint32_t)d;
                partners[at++] = partners[i];
            }
    }
    free(seen);
    start[ix->n_dict] = at;
    uint32_t *fit = realloc(partners, (at ? at : 1) * sizeof *partners);
    ix->partners = fit ? fit : partners;
    ix->partner_start = start;
    ix->n_partners = at;
    return true;
}

/* The dictionary's maps: letters and deletions, phonetic keys, groups. */
static bool build_dictionary_maps(pw_index *ix)
{
    kv_vec letters = {0}, phonetic = {0}, groups = {0};
    bool ok = true;
    uint64_t keys[MATCH_MAX_CONCAT];
    for (size_t d = 0; d < ix->n_dict && ok; d++) {
        const char *s = ix->dict_str[d];
        unsigned len = ix->dict_len[d];
        ok = kv_push(&letters, letters_key(s, len), (uint32_t)d);
        if (!ix->dict_concat[d] && len >= MATCH_MIN_EDIT_LEN - 1) {
            unsigned n = deletion_keys(s, len, keys);
            for (unsigned i = 0; i < n && ok; i++)
                ok = kv_push(&letters, keys[i], (uint32_t)d);
        }
        const match_features *f = &ix->dict_features[d];
        for (unsigned k = 0; k < MATCH_PHONETIC_KEYS && ok; k++)
            if (f->phonetic[k])
                ok = kv_push(&phonetic, f->phonetic[k], (uint32_t)d);
        for (unsigned g = 0; g < f->n_groups && ok; g++)
            ok = kv_push(&groups, group_key(f->groups[g]), (uint32_t)d);
    }
    ok = ok && multimap_build(&ix->letters, &letters, false) && multimap_build(&ix->phonetic, &phonetic, false) &&
         multimap_build(&ix->groups, &groups, false);
    free(letters.items);
    free(phonetic.items);
    free(groups.items);
    return ok;
}

/* The entries' maps: documents, and pairs of significant units. */
static bool build_entry_maps(pw_index *ix)
{
    kv_vec documents = {0}, pairs = {0};
    bool ok = true;
    for (size_t e = 0; e < ix->n_entries && ok; e++) {
        const pw_entry *en = ix->entries[e];
        for (size_t i = 0; i < en->n_docs && ok; i++) {
            char key[64];
            size_t n = match_document_key(en->docs[i].number, key, sizeof key);
            if (n)
                ok = kv_push(&documents, letters_key(key, n), (uint32_t)e);
        }
    }
    /* names pushed by their entry's year class (a stable sort keeps that order within a key) */
    uint32_t *order = malloc((ix->n_entries ? ix->n_entries : 1) * sizeof *order);
    ok = ok && order;
    if (ok) {
        size_t at[257] = {0};
        for (size_t e = 0; e < ix->n_entries; e++)
            at[ix->year[e] + 1]++;
        for (unsigned c = 1; c < 257; c++)
            at[c] += at[c - 1];
        for (size_t e = 0; e < ix->n_entries; e++)
            order[at[ix->year[e]]++] = (uint32_t)e;
    }
    for (size_t o = 0; o < ix->n_entries && ok; o++) {
        uint32_t e = order[o];
        uint32_t tag = (uint32_t)ix->year[e] << 16 | entry_date_code(ix->entries[e]);
        for (uint32_t k = ix->entry_names[e]; k < ix->entry_names[e + 1] && ok; k++) {
            uint32_t pair[MAX_NAME_PAIRS][2];
            unsigned n = name_pairs(ix, &ix->names[k], pair);
            for (unsigned i = 0; i < n && ok; i++)
                ok = kv_push_tagged(&pairs, pair_key(pair[i][0], pair[i][1]), k, tag);
        }
    }
    free(order);
    ok = ok && multimap_build(&ix->documents, &documents, false) && multimap_build(&ix->pairs, &pairs, true);
    free(documents.items);
    free(pairs.items);
    return ok;
}

typedef struct map_job {
    pw_index *ix;
    bool ok;
} map_job;

static void *entry_maps_run(void *arg)
{
    map_job *j = arg;
    j->ok = build_entry_maps(j->ix);
    return NULL;
}

/* Every map of the index, once names and postings are in: the entries'
 * maps on a second thread (they write other fields than the rest). */
static bool build_maps(pw_index *ix)
{
    map_job job = {ix, false};
    pthread_t tid;
    bool threaded = ix->n_entries >= 2000 && sysconf(_SC_NPROCESSORS_ONLN) > 1 &&
                    pthread_create(&tid, NULL, entry_maps_run, &job) == 0;
    if (!threaded)
        entry_maps_run(&job);
    bool ok = build_dictionary_maps(ix) && build_partners(ix) && build_shapes(ix);
    if (threaded)
        pthread_join(tid, NULL);
    return ok && job.ok;
}

/* The builder's scratch arrays (the index keeps its own). */
static void builder_free(builder *b)
{
    free(b->in.hash);
    free(b->in.id);
    free(b->posting_count);
    free(b->group_at);
}

pw_status pw_index_build(const pw_watchlist *const *lists, size_t n_lists, pw_index **out)
{
    *out = NULL;
    pw_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return PW_ERR_NOMEM;
    builder b = {.ix = ix};
    pw_status st = PW_ERR_NOMEM;
    size_t total = 0;
    for (size_t l = 0; l < n_lists; l++)
        total += pw_watchlist_count(lists[l]);
    if (total >= UINT32_MAX) {
        free(ix);
        return PW_ERR_LIMIT;
    }
    ix->strings = pw_arena_new();
    ix->entries = model_alloc_large((total ? total : 1) * sizeof *ix->entries);
    ix->digests = model_alloc_large((total ? total : 1) * sizeof *ix->digests);
    ix->year = model_alloc_large(total ? total : 1);
    ix->entry_names = model_alloc_large((total + 1) * sizeof *ix->entry_names);
    if (!ix->strings || !ix->entries || !ix->entry_names || !ix->digests || !ix->year)
        goto fail;
    for (size_t l = 0; l < n_lists; l++)
        for (size_t i = 0; i < pw_watchlist_count(lists[l]); i++) {
            const pw_entry *en = pw_watchlist_entry(lists[l], i);
            match_digest_of(en, &ix->digests[ix->n_entries]);
            ix->year[ix->n_entries] = entry_year_code(en);
            ix->entries[ix->n_entries++] = en;
        }

    if (!add_all_names(&b))
        goto fail;
    for (size_t d = 0; d < ix->n_dict; d++)      /* no pool at all when no token has a group */
        ix->dict_features[d].groups = ix->group_pool ? ix->group_pool + b.group_at[d] : NULL;
    if (!build_postings(&b) || !build_solo(ix) || !build_maps(ix))
        goto fail;
    builder_free(&b);
    *out = ix;
    return PW_OK;
fail:
    builder_free(&b);
    pw_index_free(ix);
    return st;
}

void pw_index_free(pw_index *ix)
{
    if (!ix)
        return;
    free(ix->entries);
    free(ix->digests);
    free(ix->year);
    free(ix->entry_names);
    free(ix->names);
    free(ix->unit_pool);
    free(ix->dict_str);
    free(ix->dict_len);
    free(ix->dict_concat);
    free(ix->dict_features);
    free(ix->group_pool);
    pw_arena_free(ix->strings);
    free(ix->postings_start);
    free(ix->postings);
    free(ix->solo_start);
    free(ix->solo);
    free(ix->partner_start);
    free(ix->partners);
    multimap_free(&ix->letters);
    multimap_free(&ix->phonetic);
    multimap_free(&ix->groups);
    multimap_free(&ix->documents);
    multimap_free(&ix->pairs);
    free(ix);
}

size_t pw_index_entries(const pw_index *ix)
{
    return ix->n_entries;
}

size_t pw_index_memory(const pw_index *ix)
{
    size_t m = sizeof *ix;
    m += ix->n_entries * (sizeof *ix->entries + sizeof *ix->digests + sizeof *ix->entry_names);
    m += ix->n_entries * sizeof *ix->year;
    m += ix->n_names * sizeof *ix->names + ix->n_units * sizeof *ix->unit_pool;
    m += ix->n_dict * (sizeof *ix->dict_str + 2 + sizeof *ix->dict_features);
    m += ix->n_group_pool * sizeof *ix->group_pool;
    m += pw_arena_used(ix->strings);
    m += (ix->n_dict + 1) * sizeof *ix->postings_start + ix->n_postings * sizeof *ix->postings;
    m += (ix->n_dict + 1) * sizeof *ix->solo_start + ix->n_solo * sizeof *ix->solo;
    m += (ix->n_dict + 1) * sizeof *ix->partner_start + ix->n_partners * sizeof *ix->partners;
    m += multimap_memory(&ix->letters) + multimap_memory(&ix->phonetic) + multimap_memory(&ix->groups) +
         multimap_memory(&ix->documents) + multimap_memory(&ix->pairs);
    return m;
}

/* ------------------------------------------------------------ screening */

/* Entries found by the traveler's document numbers, kept for the bound. */
#define BY_DOCUMENT_MAX 16

/* A similar record's index with its similarity, for ordering. */
typedef struct ranked {
    float sim;
    uint32_t k;
} ranked;

/* A dictionary unit similar to a query unit. */
typedef struct similar {
    uint32_t dict;
    uint32_t next;           /* next similar with the same dict id, or UINT32_MAX */
    uint8_t unit;
    bool concat;             /* the dictionary unit is a concatenation */
    float sim;
} similar;

/* The query's similar dictionary units by id: a small open-addressing
 * table built once the similar records are known, read while scoring and
 * reading partners (it stays in the cache; an array over the dictionary
 * would not). */
typedef struct similar_slot {
    uint32_t dict;           /* UINT32_MAX: empty */
    uint32_t head;           /* its first similar record */
} similar_slot;

/* A query unit's similar dictionary units, remembered by the screener: a
 * stream of travelers repeats its names' tokens (NGUYEN, MOHAMMED, VAN),
 * and finding a unit's similar units is a fifth of a clean query. Keyed by
 * the unit's letters and whether it is a concatenation (its features follow
 * from its letters), so a remembered list is the one similar_units would
 * find; forgotten all at once when full. */
typedef struct memo_slot {
    uint64_t hash;           /* 0: empty */
    uint32_t key;            /* its letters, in the key pool */
    uint32_t first;          /* its similar units, in the record pool */
    uint32_t count;
    uint8_t len;
    bool concat;
} memo_slot;

typedef struct memo_record {
    uint32_t dict;
    float sim;
    bool concat;
} memo_record;

#define MEMO_SLOTS 8192                  /* a power of two */
#define MEMO_UNITS (MEMO_SLOTS / 2)
#define MEMO_RECORDS (1u << 18)

typedef struct unit_memo {
    memo_slot *slots;
    size_t n_units;
    char *keys;
    size_t n_keys, cap_keys;
    memo_record *records;
    size_t n_records, cap_records;
} unit_memo;

/* Per-query markers: a stamp equal to the screener's generation makes the
 * rest valid, so nothing is cleared between queries; stamp and value share
 * a cache line. */
typedef struct shape_mark {
    uint32_t stamp;
    uint32_t hit;            /* the first hit explained by a name of this shape, UINT32_MAX none */
    double score;
} shape_mark;

#define PENDING_MAX 16

typedef struct pending_pair {
    uint64_t key;
    double ub;               /* its name bound */
} pending_pair;

/* A hit as the candidate loop found it, for its explanation. */
typedef struct hit_found {
    uint32_t name;           /* the index name that scored best, UINT32_MAX none */
    match_evidence ev;
} hit_found;

typedef struct date_memo {
    uint32_t stamp;
    double floor;
} date_memo;

#define NOT_REACHED UINT32_MAX   /* an entry_mark's slot: its digest rules it out */

typedef struct entry_mark {
    uint32_t stamp;
    uint32_t slot;           /* index in reached, or NOT_REACHED */
} entry_mark;

/* An entry some candidate name belongs to: the name it needs (from its
 * digest) and the best of its names scored so far. */
typedef struct reached {
    uint32_t entry;
    uint32_t best_name;      /* the first of the best, as match_entry_strings; UINT32_MAX none */
    double needed, best;
} reached;

struct pw_screener {
    const pw_index *ix;
    uint32_t gen;
    uint32_t *name_stamp;    /* per name: gen when it became a candidate */
    entry_mark *entry;       /* per entry: its reached record, when stamped this generation */
    similar_slot *table;     /* the similar records by dict id */
    size_t table_mask;
    uint64_t *unit_stamp;    /* per dict id: (gen, unit) seen marker */
    shape_mark *shape;       /* per name shape: its score, when stamped this generation */
    similar *similar;
    size_t n_similar, cap_similar;
    unit_memo memo;
    ranked *by_unit;         /* similar records grouped by query unit, best first */
    size_t cap_by_unit;
    /* the lowest name similarity that can alert, per year class of the
     * entry (see match_name_floor), for the traveler being screened */
    uint8_t year;            /* the traveler's year class, YEAR_NONE without one */
    double floor_same, floor_near, floor_none, floor_min;
    /* the floor per date of an entry a year before, in, and after the
     * traveler's year, when dated (his year is one the codes keep exactly) */
    bool dated;
    pw_date dob;
    double logit;
    date_memo date_floor[3][DATE_CODES];
    pending_pair pending[PENDING_MAX];   /* pairs to look up */
    unsigned n_pending;
    uint32_t *candidates;    /* names */
    size_t n_candidates, cap_candidates;
    reached *reached;        /* entries whose digest let a name through, with their best name */
    size_t n_reached, cap_reached;
    uint32_t by_document[BY_DOCUMENT_MAX];   /* entries sharing a document number */
    size_t n_by_document;
    pw_hit *hits;
    hit_found *found;        /* per hit: how the candidate loop scored it */
    size_t n_hits, cap_hits;
};

pw_screener *pw_screener_new(const pw_index *ix)
{
    pw_screener *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->ix = ix;
    size_t ne = ix->n_entries ? ix->n_entries : 1, nd = ix->n_dict ? ix->n_dict : 1;
    s->name_stamp = zeroed_large((ix->n_names ? ix->n_names : 1) * sizeof *s->name_stamp);
    s->entry = zeroed_large(ne * sizeof *s->entry);
    s->unit_stamp = zeroed_large(nd * sizeof *s->unit_stamp);
    size_t ns = ix->n_shapes ? ix->n_shapes : 1;
    s->shape = zeroed_large(ns * sizeof *s->shape);
    if (!s->name_stamp || !s->entry || !s->unit_stamp || !s->shape) {
        pw_screener_free(s);
        return NULL;
    }
    return s;
}

void pw_screener_free(pw_screener *s)
{
    if (!s)
        return;
    free(s->name_stamp);
    free(s->entry);
    free(s->table);
    free(s->unit_stamp);
    free(s->shape);
    free(s->similar);
    free(s->by_unit);
    free(s->memo.slots);
    free(s->memo.keys);
    free(s->memo.records);
    free(s->candidates);
    free(s->reached);
    free(s->hits);
    free(s->found);
    free(s);
}

static void next_generation(pw_screener *s)
{
    if (++s->gen == 0) {                /* wrapped: clear every marker once */
        const pw_index *ix = s->ix;
        memset(s->name_stamp, 0, ix->n_names * sizeof *s->name_stamp);
        memset(s->entry, 0, ix->n_entries * sizeof *s->entry);
        memset(s->unit_stamp, 0, ix->n_dict * sizeof *s->unit_stamp);
        memset(s->shape, 0, ix->n_shapes * sizeof *s->shape);
        memset(s->date_floor, 0, sizeof s->date_floor);
        s->gen = 1;
    }
}

static bool push_candidate(pw_screener *s, uint32_t k)
{
    if (s->name_stamp[k] == s->gen)
        return true;
    s->name_stamp[k] = s->gen;
    if (model_grow((void **)&s->candidates, &s->cap_candidates, s->n_candidates + 1, sizeof *s->candidates))
        return false;
    s->candidates[s->n_candidates++] = k;
    return true;
}

/* Every name of entry e: found by a unit or a document, not by one name's pair. */
static bool push_entry(pw_screener *s, uint32_t e)
{
    for (uint32_t k = s->ix->entry_names[e]; k < s->ix->entry_names[e + 1]; k++)
        if (!push_candidate(s, k))
            return false;
    return true;
}

/* Considers dictionary unit d for query unit u (seen-marker keyed by the
 * generation's unit, so one dict id is scored once per unit). */
static bool consider(pw_screener *s, const match_name *q, unsigned u, uint32_t d)
{
    const pw_index *ix = s->ix;
    uint64_t mark = ((uint64_t)s->gen << 5) | u;
    if (s->unit_stamp[d] == mark)
        return true;
    s->unit_stamp[d] = mark;
    bool concat = ix->dict_concat[d];
    if (u >= q->n && concat)
        return true;                        /* concatenations are not compared with each other */
    unsigned len;
    const char *str = match_unit(q, u, &len);
    float sim = match_token_similarity(str, len, &q->features[u], u >= q->n, ix->dict_str[d],
                                       ix->dict_len[d], &ix->dict_features[d], concat);
    if (sim <= 0.0f)
        return true;
    if (model_grow((void **)&s->similar, &s->cap_similar, s->n_similar + 1, sizeof *s->similar))
        return false;
    uint32_t k = (uint32_t)s->n_similar++;
    s->similar[k] = (similar){d, UINT32_MAX, (uint8_t)u, concat, sim};
    return true;
}

static size_t table_at(uint32_t d, size_t mask)
{
    return (size_t)(((uint64_t)d * 0x9e3779b97f4a7c15ull) >> 40) & mask;
}

/* Builds the table of the similar records by dict id. */
static bool build_table(pw_screener *s)
{
    size_t size = 64;
    while (size < s->n_similar * 2)
        size *= 2;
    if (size > s->table_mask + 1 || !s->table) {
        similar_slot *p = realloc(s->table, size * sizeof *p);
        if (!p)
            return false;
        s->table = p;
    }
    s->table_mask = size - 1;
    memset(s->table, 0xff, size * sizeof *s->table);
    for (size_t k = 0; k < s->n_similar; k++) {
        uint32_t d = s->similar[k].dict;
        size_t at = table_at(d, s->table_mask);
        while (s->table[at].dict != UINT32_MAX && s->table[at].dict != d)
            at = (at + 1) & s->table_mask;
        s->similar[k].next = s->table[at].dict == d ? s->table[at].head : UINT32_MAX;
        s->table[at] = (similar_slot){d, (uint32_t)k};
    }
    return true;
}

/* The first similar record of dict id d, UINT32_MAX when none. */
static uint32_t similar_head(const pw_screener *s, uint32_t d)
{
    for (size_t at = table_at(d, s->table_mask);; at = (at + 1) & s->table_mask) {
        if (s->table[at].dict == d)
            return s->table[at].head;
        if (s->table[at].dict == UINT32_MAX)
            return UINT32_MAX;
    }
}

static bool consider_all(pw_screener *s, const match_name *q, unsigned u, const uint32_t *ids, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (!consider(s, q, u, ids[i]))
            return false;
    return true;
}

static uint64_t memo_hash(const char *str, unsigned len, bool concat)
{
    uint64_t h = match_hash(str, len) + concat;
    return h ? h : 1;                       /* 0 marks an empty slot */
}

/* The memo slot for a unit: its own, or the empty one where it belongs. */
static memo_slot *memo_find(const unit_memo *m, const char *str, unsigned len, bool concat, uint64_t h)
{
    for (size_t at = h & (MEMO_SLOTS - 1);; at = (at + 1) & (MEMO_SLOTS - 1)) {
        memo_slot *ms = &m->slots[at];
        if (!ms->hash || (ms->hash == h && ms->len == len && ms->concat == concat &&
                            memcmp(m->keys + ms->key, str, len) == 0))
            return ms;
    }
}

/* Appends a remembered unit's similar records for query unit u. */
static bool memo_recall(pw_screener *s, const memo_slot *ms, unsigned u)
{
    if (!ms->count)
        return true;
    if (model_grow((void **)&s->similar, &s->cap_similar, s->n_similar + ms->count, sizeof *s->similar))
        return false;
    const memo_record *r = s->memo.records + ms->first;
    for (uint32_t i = 0; i < ms->count; i++)
        s->similar[s->n_similar++] = (similar){r[i].dict, UINT32_MAX, (uint8_t)u, r[i].concat, r[i].sim};
    return true;
}

/* Remembers the similar records from `from` on as the unit's (a memo that
 * is full is forgotten first; one that cannot grow remembers nothing). */
static void memo_keep(pw_screener *s, const char *str, unsigned len, bool concat, uint64_t h, size_t from)
{
    unit_memo *m = &s->memo;
    size_t count = s->n_similar - from;
    if (count > MEMO_RECORDS)
        return;
    if (!m->slots && !(m->slots = calloc(MEMO_SLOTS, sizeof *m->slots)))
        return;
    if (m->n_units == MEMO_UNITS || m->n_records + count > MEMO_RECORDS) {
        memset(m->slots, 0, MEMO_SLOTS * sizeof *m->slots);
        m->n_units = m->n_keys = m->n_records = 0;
    }
    if (model_grow((void **)&m->keys, &m->cap_keys, m->n_keys + len, 1) ||
        model_grow((void **)&m->records, &m->cap_records, m->n_records + count, sizeof *m->records))
        return;
    memo_slot *ms = memo_find(m, str, len, concat, h);
    *ms = (memo_slot){h, (uint32_t)m->n_keys, (uint32_t)m->n_records, (uint32_t)count, (uint8_t)len, concat};
    memcpy(m->keys + m->n_keys, str, len);
    m->n_keys += len;
    for (size_t k = from; k < s->n_similar; k++)
        m->records[m->n_records++] = (memo_record){s->similar[k].dict, s->similar[k].sim, s->similar[k].concat};
    m->n_units++;
}

static bool find_similar_units(pw_screener *s, const match_name *q, unsigned u);

/* Every dictionary unit similar to query unit u: remembered, or found. */
static bool similar_units(pw_screener *s, const match_name *q, unsigned u)
{
    unsigned len;
    const char *str = match_unit(q, u, &len);
    bool concat = u >= q->n;
    uint64_t h = memo_hash(str, len, concat);
    if (s->memo.slots) {
        const memo_slot *ms = memo_find(&s->memo, str, len, concat, h);
        if (ms->hash)
            return memo_recall(s, ms, u);
    }
    size_t from = s->n_similar;
    if (!find_similar_units(s, q, u))
        return false;
    memo_keep(s, str, len, concat, h, from);
    return true;
}

/* Every dictionary unit similar to query unit u, through the maps. */
static bool find_similar_units(pw_screener *s, const match_name *q, unsigned u)
{
    const pw_index *ix = s->ix;
    unsigned len;
    const char *str = match_unit(q, u, &len);
    uint32_t n;
    const uint32_t *ids = multimap_get(&ix->letters, letters_key(str, len), &n);
    if (!consider_all(s, q, u, ids, n))
        return false;
    if (u < q->n && len >= MATCH_MIN_EDIT_LEN - 1) {
        uint64_t keys[MATCH_MAX_CONCAT];
        unsigned nk = deletion_keys(str, len, keys);
        for (unsigned i = 0; i < nk; i++) {
            ids = multimap_get(&ix->letters, keys[i], &n);
            if (!consider_all(s, q, u, ids, n))
                return false;
        }
    }
    const match_features *f = &q->features[u];
    for (unsigned k = 0; k < MATCH_PHONETIC_KEYS; k++) {
        if (!f->phonetic[k])
            continue;
        ids = multimap_get(&ix->phonetic, f->phonetic[k], &n);
        if (!consider_all(s, q, u, ids, n))
            return false;
    }
    for (unsigned g = 0; g < f->n_groups; g++) {
        ids = multimap_get(&ix->groups, group_key(f->groups[g]), &n);
        if (!consider_all(s, q, u, ids, n))
            return false;
    }
    return true;
}

/* Candidates through the postings of query unit u's similar units, those
 * whose similarity alone can reach a floor (one pair covers the name: it
 * is the name's bound): the unit postings (every name of each entry), or
 * with solo the solo postings (names of one significant token). */
static bool probe_unit(pw_screener *s, unsigned u, bool solo)
{
    const pw_index *ix = s->ix;
    const uint32_t *start = solo ? ix->solo_start : ix->postings_start;
    const uint32_t *values = solo ? ix->solo : ix->postings;
    for (size_t k = 0; k < s->n_similar; k++) {
        if (s->similar[k].unit != u || s->similar[k].sim < s->floor_min)
            continue;
        uint32_t d = s->similar[k].dict;
        for (uint32_t p = start[d]; p < start[d + 1]; p++)
            if (!(solo ? push_candidate(s, values[p]) : push_entry(s, values[p])))
                return false;
    }
    return true;
}

#define TAG_YEAR(t) ((uint8_t)((t) >> 16))
#define TAG_DATE(t) ((uint16_t)((t) & 0xffff))

/* The name floor of an entry of year class y (the traveler's or one off)
 * whose one date has code c: exact for that date, memoized per query. */
static double date_floor(pw_screener *s, uint8_t y, uint16_t c)
{
    date_memo *m = &s->date_floor[y + 1 - s->year][c];
    if (m->stamp != s->gen) {
        pw_date d = {(int16_t)(YEAR_FIRST + y), (uint8_t)((c - 1) / 32), (uint8_t)((c - 1) % 32)};
        *m = (date_memo){s->gen, match_name_floor(s->logit, match_dob_weight(s->dob, d))};
    }
    return m->floor;
}

/* Pushes the names of one pair posting that the name bound ub lets
 * through, by their entry's year class and date (the tags): born in the
 * traveler's year or a year off, on a date the bound allows; with no year;
 * in several years. */
static bool push_posting(pw_screener *s, const uint32_t *ids, const uint32_t *tags, uint32_t n, double ub)
{
    if (s->year == YEAR_NONE) {                 /* no year: every class alike */
        if (ub < s->floor_none)
            return true;
        for (uint32_t k = 0; k < n; k++)
            if (!push_candidate(s, ids[k]))
                return false;
        return true;
    }
    uint32_t k = 0;
    if (ub >= s->floor_none)
        for (; k < n && TAG_YEAR(tags[k]) == YEAR_NONE; k++)
            if (!push_candidate(s, ids[k]))
                return false;
    if (ub >= s->floor_same) {                  /* the traveler's year and a year off */
        uint8_t lo = (uint8_t)(ub >= s->floor_near ? s->year - 1 : s->year);
        uint8_t hi = (uint8_t)(ub >= s->floor_near ? s->year + 1 : s->year);
        uint32_t a = k, b = n;
        while (a < b) {                          /* the first of class lo or later */
            uint32_t mid = a + (b - a) / 2;
            if (TAG_YEAR(tags[mid]) < lo)
                a = mid + 1;
            else
                b = mid;
        }
        for (k = a; k < n && TAG_YEAR(tags[k]) <= hi; k++) {
            uint16_t c = TAG_DATE(tags[k]);
            if (c != DATE_ANY && s->dated && ub < date_floor(s, TAG_YEAR(tags[k]), c))
                continue;                        /* born on another day, say */
            if (!push_candidate(s, ids[k]))
                return false;
        }
        for (k = n; k > 0 && TAG_YEAR(tags[k - 1]) == YEAR_SEVERAL; k--)
            if (!push_candidate(s, ids[k - 1]))
                return false;
    }
    return true;
}

/* The similar record of dictionary unit d for query unit v, NULL when not similar. */
static const similar *similar_to(const pw_screener *s, uint32_t d, unsigned v)
{
    for (uint32_t k = similar_head(s, d); k != UINT32_MAX; k = s->similar[k].next)
        if (s->similar[k].unit == v)
            return &s->similar[k];
    return NULL;
}

/* Looks up the pending pairs, whose slots were fetched ahead, and pushes
 * what their bounds let through. */
static bool flush_pairs(pw_screener *s)
{
    const multimap *m = &s->ix->pairs;
    for (unsigned i = 0; i < s->n_pending; i++) {
        uint32_t n;
        const uint32_t *ids = multimap_get(m, s->pending[i].key, &n);
        if (n && !push_posting(s, ids, m->tags + (ids - m->values), n, s->pending[i].ub))
            return false;
    }
    s->n_pending = 0;
    return true;
}

/* Queues the pair of similar records a, b for lookup when its bound can
 * reach a floor: lookups go by PENDING_MAX, their cache misses overlapping. */
static bool probe_one(pw_screener *s, bool concat_uv, const similar *a, const similar *b)
{
    const pw_index *ix = s->ix;
    double ub = match_pair_bound(a->sim, b->sim, concat_uv || a->concat || b->concat);
    if (ub < s->floor_min)
        return true;
    uint64_t key = pair_key(a->dict, b->dict);
    __builtin_prefetch(&ix->pairs.slots[key & ix->pairs.mask]);
    s->pending[s->n_pending++] = (pending_pair){key, ub};
    return s->n_pending < PENDING_MAX || flush_pairs(s);
}

/* How many partners of a unit are read one by one, per similar unit of
 * the other query unit that would be looked up instead. */
#define PARTNER_SCAN_RATIO 4

/* Candidates through the pair postings of query units u and v. Each unit's
 * similar records are ordered best first, so a pair whose bound cannot
 * reach the lowest floor ends its row. For each similar unit a of u, either
 * a's partners are read and those similar to v looked up, or every similar
 * unit of v is looked up with a, whichever is less work. */
static bool probe_pair(pw_screener *s, const match_name *q, unsigned u, unsigned v, const uint32_t *first,
                       const uint32_t *count)
{
    const pw_index *ix = s->ix;
    const ranked *order = s->by_unit;
    bool concat_uv = u >= q->n || v >= q->n;
    float best_v = order[first[v]].sim;
    for (uint32_t i = first[u]; i < first[u] + count[u]; i++) {
        float sa = order[i].sim;
        if (match_pair_bound(sa, best_v, true) < s->floor_min)
            break;
        const similar *a = &s->similar[order[i].k];
        uint32_t p0 = ix->partner_start[a->dict], p1 = ix->partner_start[a->dict + 1];
        if (p1 - p0 <= PARTNER_SCAN_RATIO * count[v]) {
            for (uint32_t p = p0; p < p1; p++) {
                const similar *b = similar_to(s, ix->partners[p], v);
                if (b && !probe_one(s, concat_uv, a, b))
                    return false;
            }
            continue;
        }
        for (uint32_t j = first[v]; j < first[v] + count[v]; j++) {
            if (match_pair_bound(sa, order[j].sim, true) < s->floor_min)
                break;
            /* a == b is a real pair too: a name may hold the same unit twice (JOHN JOHN) */
            if (!probe_one(s, concat_uv, a, &s->similar[order[j].k]))
                return false;
        }
    }
    return true;
}

/* The similarity matrix of the query against index name nm, from the
 * similar records (what match_fill_matrix gives from the strings). */
static void fill_from_similar(const pw_screener *s, const match_name *q, const index_name *nm, match_matrix sim)
{
    unsigned nq = match_units(q), ne = nm->n_units;
    for (unsigned i = 0; i < nq; i++)
        memset(sim[i], 0, ne * sizeof sim[i][0]);
    for (unsigned j = 0; j < ne; j++) {
        uint32_t d = s->ix->unit_pool[nm->units + j];
        for (uint32_t k = similar_head(s, d); k != UINT32_MAX; k = s->similar[k].next)
            sim[s->similar[k].unit][j] = s->similar[k].sim;
    }
}

/* Name score of index name k against the query, from the similar lists. */
static double indexed_name_score(pw_screener *s, const match_name *q, const index_name *nm)
{
    shape_mark *mark = &s->shape[nm->shape];
    if (mark->stamp == s->gen)
        return mark->score;
    match_matrix sim;
    fill_from_similar(s, q, nm, sim);
    match_shape shape = {nm->n, nm->n_significant, nm->flags};
    double score = match_name_score(q, &shape, sim, NULL, NULL, 0);
    *mark = (shape_mark){s->gen, UINT32_MAX, score};
    return score;
}

static bool push_hit(pw_screener *s, const pw_entry *e, double score, uint32_t name, const match_evidence *ev)
{
    size_t cap = s->cap_hits;        /* hits and found grow together */
    if (model_grow((void **)&s->hits, &cap, s->n_hits + 1, sizeof *s->hits) ||
        model_grow((void **)&s->found, &s->cap_hits, s->n_hits + 1, sizeof *s->found))
        return false;
    s->found[s->n_hits].name = name;
    if (ev)
        s->found[s->n_hits].ev = *ev;
    pw_hit *h = &s->hits[s->n_hits++];
    h->entry = e;
    h->score = score;
    return true;
}

static int hit_order(const void *a, const void *b)
{
    const pw_hit *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    int c = strcmp(x->entry->list ? x->entry->list : "", y->entry->list ? y->entry->list : "");
    return c ? c : strcmp(x->entry->id ? x->entry->id : "", y->entry->id ? y->entry->id : "");
}

/* An index name as a prepared name: its units' letters and features from
 * the dictionary, as match_prepare made them. */
static void name_of_index(const pw_index *ix, const index_name *nm, match_name *out)
{
    out->n = nm->n;
    out->n_significant = nm->n_significant;
    out->n_units = nm->n_units;
    memcpy(out->flags, nm->flags, sizeof out->flags);
    for (unsigned u = 0; u < nm->n_units; u++) {
        uint32_t d = ix->unit_pool[nm->units + u];
        unsigned len = ix->dict_len[d];
        char *to = u < nm->n ? out->token[u] : out->concat[u - nm->n];
        memcpy(to, ix->dict_str[d], len);
        to[len] = '\0';
        if (u < nm->n)
            out->len[u] = (uint8_t)len;
        else
            out->concat_len[u - nm->n] = (uint8_t)len;
        out->features[u] = ix->dict_features[d];
    }
}

/* The explanation of hit i, found through the index: the best name's
 * pairs (the similar records, with the dictionary's letters) and the
 * evidence the candidate loop found. Namesakes share a shape, and the
 * pairs of the first hit of a shape serve the others. */
static void explain_indexed(pw_screener *s, const match_name *q, size_t i)
{
    pw_hit *h = &s->hits[i];
    const hit_found *f = &s->found[i];
    double name = 0.0;
    char matched[sizeof h->explain.matched] = "";
    unsigned source = 0;
    if (f->name != UINT32_MAX) {
        const index_name *nm = &s->ix->names[f->name];
        shape_mark *mark = &s->shape[nm->shape];       /* stamped: the name was scored */
        if (mark->hit != UINT32_MAX) {
            const pw_explain *first = &s->hits[mark->hit].explain;
            name = first->name;
            memcpy(matched, first->matched, sizeof matched);
        } else {
            match_name en;
            match_matrix sim;
            name_of_index(s->ix, nm, &en);
            fill_from_similar(s, q, nm, sim);
            match_shape shape = match_shape_of(&en);
            name = match_name_score(q, &shape, sim, &en, matched, sizeof matched);
            mark->hit = (uint32_t)i;
        }
        source = nm->source;
    }
    h->score = match_score_of(name, &f->ev, &h->explain);
    h->explain.name_index = source;
    memcpy(h->explain.matched, matched, sizeof matched);
}

/* Fills the explanations of the hits (identical scores) and sorts them:
 * from the index's names, or from the entry's strings (the scan). */
static void finish_hits(pw_screener *s, const match_name *q, const match_subject *subject, bool indexed)
{
    for (size_t i = 0; i < s->n_hits; i++)
        if (indexed)
            explain_indexed(s, q, i);
        else
            s->hits[i].score = match_entry_strings(q, subject, s->hits[i].entry, &s->hits[i].explain);
    if (s->n_hits > 1)
        qsort(s->hits, s->n_hits, sizeof *s->hits, hit_order);
}

static unsigned covers_significant_tokens(const match_name *q, uint16_t mask)
{
    unsigned n = 0;
    for (unsigned i = 0; i < q->n; i++)
        n += (mask & (1u << i)) && !(q->flags[i] & PW_TOKEN_PARTICLE);
    return n;
}

static int ranked_order(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->sim != y->sim)
        return x->sim > y->sim ? -1 : 1;
    return x->k < y->k ? -1 : (x->k > y->k);
}

/* Orders the similar records by query unit (counting sort), best first within one. */
static bool group_by_unit(pw_screener *s, unsigned units, uint32_t *first, uint32_t *count)
{
    if (s->n_similar > s->cap_by_unit) {
        size_t cap = s->n_similar * 2;
        ranked *p = realloc(s->by_unit, cap * sizeof *p);
        if (!p)
            return false;
        s->by_unit = p;
        s->cap_by_unit = cap;
    }
    memset(count, 0, units * sizeof *count);
    for (size_t k = 0; k < s->n_similar; k++)
        count[s->similar[k].unit]++;
    uint32_t at = 0;
    for (unsigned u = 0; u < units; u++) {
        first[u] = at;
        at += count[u];
    }
    uint32_t fill[MATCH_MAX_UNITS];
    memcpy(fill, first, units * sizeof *fill);
    for (size_t k = 0; k < s->n_similar; k++)
        s->by_unit[fill[s->similar[k].unit]++] = (ranked){s->similar[k].sim, (uint32_t)k};
    for (unsigned u = 0; u < units; u++)
        if (count[u] > 1)
            qsort(s->by_unit + first[u], count[u], sizeof *s->by_unit, ranked_order);
    return true;
}

/* The name floors of the traveler per year class of the entry. */
static void set_floors(pw_screener *s, const pw_traveler *t, double logit)
{
    s->year = t->dob.year ? year_code(t->dob.year) : YEAR_NONE;
    s->dated = s->year >= 3 && s->year <= 251;  /* a year off is still exact in the codes */
    s->dob = t->dob;
    s->logit = logit;
    s->floor_same = match_name_floor(logit, match_dob_ceiling(t->dob, 0));
    s->floor_near = match_name_floor(logit, match_dob_ceiling(t->dob, 1));
    s->floor_none = match_name_floor(logit, match_dob_ceiling(t->dob, -1));
    s->floor_min = fmin(s->floor_same, fmin(s->floor_near, s->floor_none));
}

/* Whether entry e may match one of the traveler's documents: only an entry
 * the document map gave can. */
static bool by_document(const pw_screener *s, uint32_t e)
{
    if (s->n_by_document > BY_DOCUMENT_MAX)
        return true;
    for (size_t i = 0; i < s->n_by_document; i++)
        if (s->by_document[i] == e)
            return true;
    return false;
}

/* How many candidates ahead their digest is fetched into the cache. */
#define PREFETCH_AHEAD 8

pw_status pw_screen(pw_screener *s, const pw_traveler *t, double threshold, const pw_hit **hits,
                    size_t *n_hits)
{
    const pw_index *ix = s->ix;
    *hits = NULL;
    *n_hits = 0;
    s->n_hits = s->n_candidates = s->n_similar = s->n_reached = 0;
    s->n_pending = 0;
    next_generation(s);
    match_name q;
    match_prepare_traveler(t, &q);          /* no tokens: an empty name, matched by documents only */
    match_subject subject;
    match_subject_of(t, &subject);
    double logit = match_logit(threshold);
    set_floors(s, t, logit);

    unsigned units = match_units(&q);
    for (unsigned u = 0; u < units; u++)
        if (!similar_units(s, &q, u))
            return PW_ERR_NOMEM;
    if (!build_table(s))
        return PW_ERR_NOMEM;
    uint16_t masks[MATCH_MAX_UNITS];
    bool significant[MATCH_MAX_UNITS];
    match_unit_masks(q.n, q.flags, masks);
    for (unsigned u = 0; u < units; u++)
        significant[u] = match_mask_significant(q.n, q.flags, masks[u]);
    if (s->floor_min <= MATCH_SINGLE_PAIR_CAP) {
        /* a threshold so low that a name may alert on one pair: every unit's postings */
        for (unsigned u = 0; u < units; u++)
            if (!probe_unit(s, u, false))
                return PW_ERR_NOMEM;
    } else if (q.n_significant == 1) {
        for (unsigned u = 0; u < units; u++)
            if (significant[u] && !probe_unit(s, u, false))
                return PW_ERR_NOMEM;
    } else if (q.n_significant >= 2) {
        uint32_t first[MATCH_MAX_UNITS], count[MATCH_MAX_UNITS];
        if (!group_by_unit(s, units, first, count))
            return PW_ERR_NOMEM;
        for (unsigned u = 0; u < units; u++)
            for (unsigned v = u + 1; v < units; v++)
                if (significant[u] && significant[v] && !(masks[u] & masks[v]) && count[u] && count[v] &&
                    !probe_pair(s, &q, u, v, first, count))
                    return PW_ERR_NOMEM;
        if (!flush_pairs(s))
            return PW_ERR_NOMEM;
        /* a single pair that covers both significant tokens, against a name of one (score.c) */
        if (q.n_significant == 2)
            for (unsigned u = q.n; u < units; u++)
                if (covers_significant_tokens(&q, masks[u]) == 2 && !probe_unit(s, u, true))
                    return PW_ERR_NOMEM;
        /* a name of one token written twice, against names of one (score.c) */
        if (q.n == 2 && (q.flags[1] & MATCH_TOKEN_REPEATS) && !probe_unit(s, 0, true))
            return PW_ERR_NOMEM;
    }
    s->n_by_document = 0;
    for (unsigned i = 0; i < subject.n_docs; i++) {
        uint32_t count;
        const uint32_t *ids = multimap_get(&ix->documents, letters_key(subject.doc_key[i], strlen(subject.doc_key[i])),
                                           &count);
        for (uint32_t k = 0; k < count; k++) {
            if (!push_entry(s, ids[k]))
                return PW_ERR_NOMEM;
            if (s->n_by_document < BY_DOCUMENT_MAX)
                s->by_document[s->n_by_document] = ids[k];
            s->n_by_document++;                 /* past the array: every entry may match */
        }
    }

    for (size_t c = 0; c < s->n_candidates; c++) {
        if (c + PREFETCH_AHEAD < s->n_candidates)      /* the misses of later candidates overlap: */
            __builtin_prefetch(&ix->names[s->candidates[c + PREFETCH_AHEAD]]);     /* the name, */
        if (c + PREFETCH_AHEAD / 2 < s->n_candidates) {
            uint32_t later = ix->names[s->candidates[c + PREFETCH_AHEAD / 2]].entry;
            __builtin_prefetch(&ix->digests[later]);                             /* its entry, */
            __builtin_prefetch(&s->entry[later]);
        }
        if (c + PREFETCH_AHEAD / 4 < s->n_candidates) {                          /* its units and shape */
            const index_name *later = &ix->names[s->candidates[c + PREFETCH_AHEAD / 4]];
            __builtin_prefetch(&ix->unit_pool[later->units]);
            __builtin_prefetch(&s->shape[later->shape]);
        }
        uint32_t k = s->candidates[c];
        const index_name *nm = &ix->names[k];
        entry_mark *mark = &s->entry[nm->entry];
        if (mark->stamp != s->gen) {
            mark->stamp = s->gen;
            mark->slot = NOT_REACHED;
            const match_digest *dg = &ix->digests[nm->entry];
            bool document = dg->documents && by_document(s, nm->entry);
            double needed = match_name_needed(&subject, dg, document, logit);
            if (needed > 1.0)
                continue;               /* born at another time, say: no name can make up for it */
            if (model_grow((void **)&s->reached, &s->cap_reached, s->n_reached + 1, sizeof *s->reached))
                return PW_ERR_NOMEM;
            mark->slot = (uint32_t)s->n_reached;
            s->reached[s->n_reached++] = (reached){nm->entry, UINT32_MAX, needed, 0.0};
        } else if (mark->slot == NOT_REACHED) {
            continue;
        }
        reached *r = &s->reached[mark->slot];
        double name = indexed_name_score(s, &q, nm);
        if (name > r->best || (name == r->best && name > 0.0 && k < r->best_name)) {
            r->best = name;
            r->best_name = k;
        }
    }
    /* the entries whose best name can alert, in the candidates' array (no
     * longer needed; there are no more of them than candidates), so that
     * each entry's record and its dates and documents are fetched ahead */
    uint32_t *passing = s->candidates;
    size_t n_passing = 0;
    for (size_t i = 0; i < s->n_reached; i++)
        if (s->reached[i].best >= s->reached[i].needed)   /* else the name falls short whatever the rest says */
            passing[n_passing++] = (uint32_t)i;
    for (size_t i = 0; i < n_passing; i++) {
        if (i + PREFETCH_AHEAD < n_passing)
            __builtin_prefetch(&ix->entries[s->reached[passing[i + PREFETCH_AHEAD]].entry]);
        if (i + PREFETCH_AHEAD / 2 < n_passing)
            __builtin_prefetch(ix->entries[s->reached[passing[i + PREFETCH_AHEAD / 2]].entry]);
        if (i + PREFETCH_AHEAD / 4 < n_passing) {
            const pw_entry *later = ix->entries[s->reached[passing[i + PREFETCH_AHEAD / 4]].entry];
            __builtin_prefetch(later->dobs);
            __builtin_prefetch(later->docs);
        }
        const reached *r = &s->reached[passing[i]];
        match_evidence ev;
        match_evidence_of(&subject, ix->entries[r->entry], &ev);
        double score = match_score_of(r->best, &ev, NULL);
        if (score >= threshold && !push_hit(s, ix->entries[r->entry], score, r->best_name, &ev))
            return PW_ERR_NOMEM;
    }
    finish_hits(s, &q, &subject, true);
    *hits = s->hits;
    *n_hits = s->n_hits;
    return PW_OK;
}

pw_status pw_screen_scan(pw_screener *s, const pw_traveler *t, double threshold, const pw_hit **hits,
                         size_t *n_hits)
{
    const pw_index *ix = s->ix;
    s->n_hits = 0;
    match_name q;
    match_prepare_traveler(t, &q);          /* no tokens: an empty name, matched by documents only */
    match_subject subject;
    match_subject_of(t, &subject);
    for (size_t e = 0; e < ix->n_entries; e++) {
        double score = match_entry_strings(&q, &subject, ix->entries[e], NULL);
        if (score >= threshold && !push_hit(s, ix->entries[e], score, UINT32_MAX, NULL))
            return PW_ERR_NOMEM;
    }
    finish_hits(s, &q, &subject, false);
    *hits = s->hits;
    *n_hits = s->n_hits;
    return PW_OK;
}

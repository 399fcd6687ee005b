/*
 * bench_parse.c — speed of the EDIFACT reader: builds a PAXLST corpus and a
 * PNRGOV corpus in memory (about 50 MB each by default; first argument: MB),
 * then times the lexer alone and pw_edifact_read on each. Prints MB/s and
 * travelers/s on one core; asserts nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "paxwatch.h"

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static void put(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#include <stdarg.h>

static void put(buf *b, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
        va_end(ap);
        if (k >= 0 && (size_t)k < b->cap - b->n) {
            b->n += (size_t)k;
            return;
        }
        b->cap = b->cap * 2 + 4096;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            abort();
    }
}

static const char *const surnames[] = {"NGUYEN", "SMITH", "MUELLER", "GARCIA", "OKAFOR", "IVANOVA", "KIM",
                                       "ROSSI", "HADDAD", "SILVA"};
static const char *const givens[] = {"VAN SON", "JOHN", "ANNA MARIA", "LUIS", "CHIDI", "OLGA", "MIN JUN",
                                     "MARCO", "LAYLA", "JOAO"};

static void paxlst_corpus(buf *b, size_t target)
{
    unsigned msg = 0, pax = 0;
    put(b, "UNA:+.? 'UNB+UNOA:4+AIRLINE:ZZ+GOV:ZZ+200101:1200+BENCH1++APIS'\n");
    while (b->n < target) {
        msg++;
        put(b, "UNH+M%u+PAXLST:D:05B:UN:IATA+API%u+01:F'\nBGM+745'\nNAD+MS+++OPS CENTRE'\n"
               "COM+123456789:TE'\nTDT+20+XY%04u+++XY'\nLOC+125+FRA'\nDTM+189:2001021035:201'\n"
               "LOC+87+JFK'\nDTM+232:2001021340:201'\n",
            msg, msg, msg % 10000);
        unsigned segs = 9;
        for (unsigned i = 0; i < 200; i++, pax++) {
            put(b, "NAD+FL+++%s:%s'\nATT+2++%c'\nDTM+329:%02u%02u%02u'\nLOC+178+FRA'\nLOC+179+JFK'\n"
                   "NAT+2+DEU'\nRFF+AVF:AB%04u'\nRFF+SEA:%uC'\nDOC+P:110:111+C%08u'\nDTM+36:251231'\nLOC+91+DEU'\n",
                surnames[pax % 10], givens[(pax / 10) % 10], pax % 2 ? 'M' : 'F', 50 + pax % 50, 1 + pax % 12,
                1 + pax % 28, pax % 9999, 1 + pax % 40, pax);
            segs += 11;
        }
        put(b, "CNT+42:200'\nUNT+%u+M%u'\n", segs + 2, msg);
    }
    put(b, "UNZ+%u+BENCH1'\n", msg);
}

static void pnrgov_corpus(buf *b, size_t target)
{
    unsigned msg = 0, pnr = 0;
    put(b, "UNA:+.?*'UNB+IATA:1+XY++200101:1200+BENCH2'\n");
    while (b->n < target) {
        msg++;
        put(b, "UNH+%u+PNRGOV:11:1:IA+XY100/020120'\nMSG+:22'\nORG+XY'\nTVL+020120:1035:020120:1340+FRA+JFK+XY+100'\n"
               "EQN+50'\n", msg);
        unsigned segs = 5;
        for (unsigned k = 0; k < 50; k++, pnr++) {
            put(b, "SRC'\nRCI+XY:P%05u::011219:0930'\nDAT+700:011219:0931'\nORG+1A:MUC+12345678:FRAXY08AA'\n"
                   "ADD++700:1 MAIN STREET:BERLIN:::DE::4930123456'\nIFT+4:28::XY+CTCE A..B//EXAMPLE.COM'\n",
                pnr % 100000);
            segs += 6;
            for (unsigned t = 1; t <= 2; t++) {
                put(b, "TIF+%s+%sMR:A:%u'\nFTI+XY:12345%u'\nSSR+DOCS:HK:1:XY:::::/P/DEU/C%07u/DEU/12JUL%02u/M/23AUG27/%s/%s'\n"
                       "TKT+2202120234%03u:T:1'\nFOP+CC:::VI:XXXXXXXXXXXX%04u:0227'\n",
                    surnames[(pnr + t) % 10], givens[(pnr * 3 + t) % 10], t, t, pnr * 2 + t, 40 + (pnr + t) % 50,
                    surnames[(pnr + t) % 10], givens[(pnr * 3 + t) % 10], t, pnr % 10000);
                segs += 5;
            }
            put(b, "TVL+020120:1035:020120:1340+FRA+JFK+XY+100:Y'\nRPI+2+HK'\nAPD+333'\nSSR+SEAT:HK:2:XY:::FRA:JFK+12A::1+12B::2'\n"
                   "TRI++FRA-1:::1'\nTIF+%s+%sMR:A:1'\nSSD+012A++++Y'\nTBD++1:23:700'\n",
                surnames[(pnr + 1) % 10], givens[(pnr * 3 + 1) % 10]);
            segs += 8;
        }
        put(b, "UNT+%u+%u'\n", segs + 2, msg);
    }
    put(b, "UNZ+%u+BENCH2'\n", msg);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void quiet(void *ctx, const pw_error *e)
{
    size_t *n = ctx;
    if (!e->warning)
        (*n)++;
}

static void bench(const char *what, const buf *b)
{
    double mb = b->n / 1e6;
    pw_edifact_segment *seg = malloc(sizeof *seg);
    pw_edifact_lexer lx;
    double t0 = now();
    pw_edifact_lexer_init(&lx, what, b->p, b->n, NULL, NULL);
    size_t segments = 0;
    while (pw_edifact_next(&lx, seg))
        segments++;
    double lex = now() - t0;
    free(seg);

    pw_batch batch;
    memset(&batch, 0, sizeof batch);
    size_t errors = 0;
    t0 = now();
    pw_status st = pw_edifact_read(what, b->p, b->n, &batch, quiet, &errors, NULL);
    double read = now() - t0;
    printf("%-7s %7.1f MB  lexer %8.1f MB/s (%zu segments)  read %7.1f MB/s  %9.0f travelers/s  (%zu travelers, %s, %zu errors)\n",
           what, mb, mb / lex, segments, mb / read, batch.n / read, batch.n, pw_status_str(st), errors);
    free(batch.travelers);
    pw_arena_free(batch.arena);
}

int main(int argc, char **argv)
{
    size_t mb = argc > 1 ? (size_t)atoi(argv[1]) : 50;
    if (!mb)
        mb = 50;
    buf p = {0}, r = {0};
    paxlst_corpus(&p, mb * 1000000);
    pnrgov_corpus(&r, mb * 1000000);
    bench("PAXLST", &p);
    bench("PNRGOV", &r);
    free(p.p);
    free(r.p);
    return 0;
}

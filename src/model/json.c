/*
 * json.c — writing JSON Lines fast: a small buffered writer with string
 * literals (RFC 8259 §7) and fixed-point numbers, so that a hit's line is
 * built in memory and goes out in one write instead of many stdio calls.
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "model.h"

void model_flush(model_writer *w)
{
    if (w->n)
        fwrite(w->buf, 1, w->n, w->out);
    w->n = 0;
}

void model_put(model_writer *w, const char *s, size_t n)
{
    if (n > sizeof w->buf - w->n) {
        model_flush(w);
        if (n > sizeof w->buf) {
            fwrite(s, 1, n, w->out);
            return;
        }
    }
    memcpy(w->buf + w->n, s, n);
    w->n += n;
}

void model_put_json_string(model_writer *w, const char *s, size_t n)
{
    model_put(w, "\"", 1);
    size_t run = 0, i = 0;
    for (; i < n && s[i]; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        model_put(w, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': model_put(w, "\\\"", 2); break;
        case '\\': model_put(w, "\\\\", 2); break;
        case '\n': model_put(w, "\\n", 2); break;
        case '\r': model_put(w, "\\r", 2); break;
        case '\t': model_put(w, "\\t", 2); break;
        default: {
            char u[8];
            snprintf(u, sizeof u, "\\u%04x", c);
            model_put(w, u, 6);
        }
        }
    }
    model_put(w, s + run, i - run);
    model_put(w, "\"", 1);
}

/* x with `decimals` digits after the point (at most 4), as printf's %.*f
 * rounds it: to the nearest, ties to even, on the double's exact value. x
 * times 10^4 is exact in long double (53 + 10 bits of 625 ≤ its 64), so
 * the tie test is exact too (where long double is no wider than double,
 * printf does it). */
void model_put_fixed(model_writer *w, double x, unsigned decimals)
{
    static const unsigned long long scale[] = {1, 10, 100, 1000, 10000};
    char tmp[48];
    if (LDBL_MANT_DIG < 64 || decimals >= sizeof scale / sizeof *scale || !isfinite(x) || fabs(x) >= 1e15) {
        int n = snprintf(tmp, sizeof tmp, "%.*f", (int)decimals, x);
        model_put(w, tmp, n > 0 ? (size_t)n : 0);
        return;
    }
    long double r = (long double)fabs(x) * (long double)scale[decimals];
    unsigned long long n = (unsigned long long)floorl(r);
    long double frac = r - (long double)n;
    if (frac > 0.5L || (frac == 0.5L && (n & 1)))
        n++;
    char *end = tmp + sizeof tmp, *p = end;
    for (unsigned d = 0; d < decimals; d++, n /= 10)
        *--p = (char)('0' + n % 10);
    if (decimals)
        *--p = '.';
    do {
        *--p = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    if (signbit(x))
        *--p = '-';
    model_put(w, p, (size_t)(end - p));
}

void model_json_string(FILE *out, const char *s, size_t n)
{
    model_writer w;
    w.out = out;
    w.n = 0;
    model_put_json_string(&w, s, n);
    model_flush(&w);
}

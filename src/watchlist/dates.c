/*
 * dates.c — dates of birth as lists write them in prose: "10 Dec 1948",
 * "Dec 1948", "Nov. 1962", "1948", and ranges of years, which become
 * year-only dates (every year of a short range, the two ends of a long one).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "watchlist.h"

enum { RANGE_ALL_YEARS = 5 };


static int atoi_n(wl_span w)
{
    int v = 0;
    for (size_t i = 0; i < w.n; i++)
        v = v * 10 + (w.p[i] - '0');
    return v;
}

static const char *const month_names[12] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};

static int month_of(wl_span w)
{
    if (w.n < 3)
        return 0;
    for (int m = 0; m < 12; m++)
        if (strncasecmp(w.p, month_names[m], 3) == 0)
            return m + 1;
    return 0;
}

bool wl_year(wl_span w, int *year)
{
    if (w.n != 4 || !wl_all_digits(w))
        return false;
    *year = atoi_n(w);
    return *year >= 1800 && *year <= 2100;
}

/* "10 Dec 1948", "Dec 1948" or "1948" (a trailing '.' allowed). */
bool wl_parse_date_phrase(wl_span s, pw_date *out)
{
    wl_span rest = s, word[3];
    size_t n = 0;
    wl_span piece;
    while (wl_next_piece(&rest, ' ', &piece)) {
        if (!piece.n)
            continue;
        if (n == 3)
            return false;
        word[n++] = piece;
    }
    if (n == 0)
        return false;
    wl_span last = word[n - 1];
    if (last.n && last.p[last.n - 1] == '.')
        last.n--;
    int year, month = 0, day = 0;
    if (!wl_year(last, &year))
        return false;
    if (n >= 2 && !(month = month_of(word[n - 2])))
        return false;
    if (n == 3) {
        if (!wl_all_digits(word[0]) || word[0].n > 2)
            return false;
        day = atoi_n(word[0]);
    }
    char buf[16];
    if (day)
        snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    else if (month)
        snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    else
        snprintf(buf, sizeof buf, "%04d", year);
    return pw_date_parse(buf, out);
}

/* A range of birth dates: year-only dates, every year of a short range, the
 * two ends of a long one; a range within one month keeps the month. */
void wl_add_range(wl_builder *b, pw_date from, pw_date to)
{
    if (from.year == to.year) {
        pw_date d = {from.year, from.month == to.month ? from.month : 0, 0};
        wl_add_dob(b, d);
        return;
    }
    if (to.year < from.year) {
        pw_date t = from;
        from = to;
        to = t;
    }
    if (to.year - from.year + 1 <= RANGE_ALL_YEARS) {
        for (int y = from.year; y <= to.year; y++)
            wl_add_dob(b, (pw_date){(int16_t)y, 0, 0});
    } else {
        wl_add_dob(b, (pw_date){from.year, 0, 0});
        wl_add_dob(b, (pw_date){to.year, 0, 0});
    }
}


/*
 * time.c — the times of the storage commands (ISO 8601, UTC): a date alone
 * means its midnight; a date and time may carry seconds and a closing Z.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store.h"

bool pw_time_parse(const char *s, int64_t *out)
{
    if (!s)
        return false;
    pw_date d;
    char date[11];
    size_t n = strlen(s);
    if (n < 10)
        return false;
    memcpy(date, s, 10);
    date[10] = '\0';
    if (!pw_date_parse(date, &d) || d.day == 0)
        return false;
    int hh = 0, mm = 0, ss = 0;
    const char *rest = s + 10;
    if (*rest == 'T' || *rest == ' ') {
        int used = 0;
        if (sscanf(rest + 1, "%2d:%2d%n", &hh, &mm, &used) != 2)
            return false;
        rest += 1 + used;
        if (*rest == ':') {
            if (sscanf(rest + 1, "%2d%n", &ss, &used) != 1)
                return false;
            rest += 1 + used;
        }
        if (*rest == 'Z')
            rest++;
        if (hh > 23 || mm > 59 || ss > 60)
            return false;
    }
    if (*rest)
        return false;
    struct tm tm = {.tm_year = d.year - 1900, .tm_mon = d.month - 1, .tm_mday = d.day,
                    .tm_hour = hh, .tm_min = mm, .tm_sec = ss};
    *out = (int64_t)timegm(&tm);
    return true;
}

void pw_time_format(int64_t t, char *out, size_t cap)
{
    if (!t) {
        if (cap)
            out[0] = '\0';
        return;
    }
    time_t tt = (time_t)t;
    struct tm tm;
    gmtime_r(&tt, &tm);
    strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

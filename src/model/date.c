/*
 * date.c — partial dates (year; year-month; year-month-day) as watchlists and
 * travel documents give them, and the categories of a watchlist entry.
 */
#include <stdio.h>
#include <string.h>

#include "model.h"

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int number(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
        return 29;
    return days[month - 1];
}

bool pw_date_parse(const char *s, pw_date *out)
{
    pw_date d = {0, 0, 0};
    size_t n = s ? strlen(s) : 0;
    if (n != 4 && n != 7 && n != 10)
        return false;
    if (!digits(s, 4))
        return false;
    d.year = (int16_t)number(s, 4);
    if (d.year < 1800 || d.year > 2200)
        return false;
    if (n >= 7) {
        if (s[4] != '-' || !digits(s + 5, 2))
            return false;
        int m = number(s + 5, 2);
        if (m < 1 || m > 12)
            return false;
        d.month = (uint8_t)m;
    }
    if (n == 10) {
        if (s[7] != '-' || !digits(s + 8, 2))
            return false;
        int day = number(s + 8, 2);
        if (day < 1 || day > days_in_month(d.year, d.month))
            return false;
        d.day = (uint8_t)day;
    }
    *out = d;
    return true;
}

void pw_date_format(pw_date d, char *out, size_t cap)
{
    if (!d.year)
        snprintf(out, cap, "%s", "");
    else if (!d.month)
        snprintf(out, cap, "%04d", d.year);
    else if (!d.day)
        snprintf(out, cap, "%04d-%02d", d.year, d.month);
    else
        snprintf(out, cap, "%04d-%02d-%02d", d.year, d.month, d.day);
}

bool pw_date_known(pw_date d)
{
    return d.year != 0;
}

static const char *const category_names[] = {
    [PW_CAT_OTHER] = "other",
    [PW_CAT_WANTED] = "wanted",
    [PW_CAT_SEX_OFFENDER] = "sex_offender",
    [PW_CAT_TRAFFICKING] = "trafficking",
    [PW_CAT_TERRORISM] = "terrorism",
    [PW_CAT_SANCTIONS] = "sanctions",
};

const char *pw_category_name(pw_category c)
{
    if ((unsigned)c >= sizeof category_names / sizeof *category_names)
        return "other";
    return category_names[c];
}

bool pw_category_parse(const char *s, pw_category *out)
{
    for (size_t i = 0; i < sizeof category_names / sizeof *category_names; i++)
        if (model_strcasecmp(s, category_names[i]) == 0) {
            *out = (pw_category)i;
            return true;
        }
    return false;
}

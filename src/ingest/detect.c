/*
 * detect.c — telling input formats apart by their content, not their name:
 * UN/EDIFACT interchanges (UNA/UNB, possibly inside a SITA Type-B envelope
 * or after comment lines) split into PAXLST and PNRGOV by the message type
 * of the first UNH segment; JSON Lines by a leading '{'; CSV by a header row
 * with an `id` column (FORMATS.md).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "paxwatch.h"

enum { DETECT_WINDOW = 4096 };

const char *pw_format_name(pw_format f)
{
    switch (f) {
    case PW_FORMAT_CSV: return "csv";
    case PW_FORMAT_JSONL: return "jsonl";
    case PW_FORMAT_PAXLST: return "paxlst";
    case PW_FORMAT_PNRGOV: return "pnrgov";
    case PW_FORMAT_UNKNOWN: break;
    }
    return "unknown";
}

static bool is_edifact_start(const char *p, size_t n)
{
    return n >= 4 && (memcmp(p, "UNA", 3) == 0 || memcmp(p, "UNB", 3) == 0) &&
           !isalnum((unsigned char)p[3]);
}

/* Finds needle in p[0..n). */
static const char *find(const char *p, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (p[i] == needle[0] && memcmp(p + i, needle, k) == 0)
            return p + i;
    return NULL;
}

/* PAXLST or PNRGOV by the first UNH's message type; by the group header or
 * any mention when there is no UNH in the window. */
static pw_format edifact_kind(const char *p, size_t n)
{
    const char *unh = find(p, n, "UNH");
    if (unh) {
        size_t rest = n - (size_t)(unh - p);
        if (rest > 80)
            rest = 80;
        const char *pax = find(unh, rest, "PAXLST");
        const char *pnr = find(unh, rest, "PNRGOV");
        if (pax && (!pnr || pax < pnr))
            return PW_FORMAT_PAXLST;
        if (pnr)
            return PW_FORMAT_PNRGOV;
    }
    const char *pax = find(p, n, "PAXLST");
    const char *pnr = find(p, n, "PNRGOV");
    if (pax && (!pnr || pax < pnr))
        return PW_FORMAT_PAXLST;
    if (pnr)
        return PW_FORMAT_PNRGOV;
    return PW_FORMAT_UNKNOWN;
}

/* True when the first line is a CSV header with an id column. */
static bool csv_header(const char *p, size_t n)
{
    const char *eol = memchr(p, '\n', n);
    size_t len = eol ? (size_t)(eol - p) : n;
    if (!memchr(p, ',', len))
        return false;
    size_t i = 0;
    while (i < len) {
        size_t j = i;
        while (j < len && p[j] != ',')
            j++;
        size_t a = i, b = j;
        while (a < b && (p[a] == ' ' || p[a] == '"'))
            a++;
        while (b > a && (p[b - 1] == ' ' || p[b - 1] == '"' || p[b - 1] == '\r'))
            b--;
        if (b - a == 2 && strncasecmp(p + a, "id", 2) == 0)
            return true;
        i = j + 1;
    }
    return false;
}

pw_format pw_detect_format(const char *data, size_t len)
{
    if (!data)
        return PW_FORMAT_UNKNOWN;
    const char *p = data;
    size_t n = len;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) {
        p += 3;
        n -= 3;
    }
    while (n && isspace((unsigned char)*p)) {
        p++;
        n--;
    }
    if (n == 0)
        return PW_FORMAT_UNKNOWN;
    size_t window = n < DETECT_WINDOW ? n : DETECT_WINDOW;
    if (*p == '{')
        return PW_FORMAT_JSONL;
    if (is_edifact_start(p, n))
        return edifact_kind(p, window);
    if (csv_header(p, n))
        return PW_FORMAT_CSV;
    /* An envelope (SITA Type-B address lines) or comment lines before the
     * interchange: UNA/UNB at the start of a line, leading spaces allowed. */
    for (size_t i = 0; i < window; i++) {
        if (i > 0 && p[i - 1] != '\n' && p[i - 1] != '\r')
            continue;
        size_t j = i;
        while (j < window && (p[j] == ' ' || p[j] == '\t'))
            j++;
        if (is_edifact_start(p + j, n - j))
            return edifact_kind(p + j, window - j);
    }
    return PW_FORMAT_UNKNOWN;
}

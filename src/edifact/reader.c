/*
 * reader.c — pw_edifact_read: the interchange envelope of ISO 9735 around
 * PAXLST and PNRGOV messages.
 *
 * UNB/UNG/UNH open an interchange, a group and a message; UNT/UNE/UNZ close
 * them with a count and the opening reference. Counts and references are
 * checked, and a wrong one is a warning: real senders get them wrong and the
 * travelers are still good. The message type in UNH (S009: PAXLST, PNRGOV)
 * picks the parser; CUSRES and other types hold no travelers and are skipped.
 * A PAXLST sent in parts (UNH S010 sequence "01:C", "02", "03:F") is read as
 * one message: the flight of part 1 holds for the later parts.
 *
 * Files cut from test suites may hold template macros "$(...)"; see
 * expand_template.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "edifact.h"

static void report_v(edifact_reader *rd, edifact_where at, bool warning, const char *field,
                     const char *fmt, va_list ap)
{
    char reason[512];
    vsnprintf(reason, sizeof reason, fmt, ap);
    pw_error e = {.file = rd->name, .reason = reason, .field = field, .warning = warning,
                  .segment = at.segment, .tag = at.tag && at.tag[0] ? at.tag : NULL};
    if (warning)
        rd->stats.warnings++;
    else
        rd->stats.errors++;
    if (rd->on_error)
        rd->on_error(rd->ctx, &e);
}

void edifact_report_at(edifact_reader *rd, edifact_where at, bool warning, const char *field,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_v(rd, at, warning, field, fmt, ap);
    va_end(ap);
}

void edifact_report(edifact_reader *rd, const pw_edifact_segment *seg, bool warning,
                    const char *field, const char *fmt, ...)
{
    edifact_where at = {0, NULL};
    if (seg) {
        at.segment = seg->number;
        at.tag = seg->tag;
    }
    va_list ap;
    va_start(ap, fmt);
    report_v(rd, at, warning, field, fmt, ap);
    va_end(ap);
}

static bool valid_utf8(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        size_t k = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (!k || i + k > n || (k == 2 && c < 0xC2))
            return false;
        for (size_t j = 1; j < k; j++)
            if ((s[i + j] & 0xC0) != 0x80)
                return false;
        i += k;
    }
    return true;
}

/* Model strings are UTF-8. Values that are not (syntax UNOC and others:
 * ISO 8859-1) are read as ISO 8859-1. */
static char *arena_text(pw_arena *a, const char *s, size_t n)
{
    if (valid_utf8((const unsigned char *)s, n))
        return pw_arena_strndup(a, s, n);
    char *out = pw_arena_alloc(a, 2 * n + 1);
    if (!out)
        return NULL;
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            out[w++] = (char)c;
        } else {
            out[w++] = (char)(0xC0 | (c >> 6));
            out[w++] = (char)(0x80 | (c & 0x3F));
        }
    }
    out[w] = '\0';
    return out;
}

size_t edifact_put(char *out, size_t cap, size_t n, const char *s, size_t max)
{
    size_t room = n + 1 < cap ? cap - 1 - n : 0;
    size_t k = strnlen(s, max < room ? max : room);
    memcpy(out + n, s, k);
    out[n + k] = '\0';
    return n + k;
}

size_t edifact_copy(char *out, size_t cap, const char *s)
{
    return edifact_put(out, cap, 0, s, SIZE_MAX);
}

const char *edifact_strdup(edifact_reader *rd, const char *s)
{
    if (!s || !*s)
        return NULL;
    /* Mostly ASCII: measured and checked in one pass. */
    size_t n = 0;
    unsigned char high = 0;
    while (s[n])
        high |= (unsigned char)s[n++];
    return high < 0x80 ? pw_arena_strndup(rd->arena, s, n) : arena_text(rd->arena, s, n);
}

const char *edifact_dup(edifact_reader *rd, const pw_edifact_segment *seg, unsigned element,
                        unsigned component)
{
    char buf[512];
    size_t n = pw_edifact_value(seg, element, component, buf, sizeof buf);
    if (!n)
        return NULL;
    if (n < sizeof buf)
        return arena_text(rd->arena, buf, n);
    char *big = malloc(n + 1);
    if (!big)
        return NULL;
    pw_edifact_value(seg, element, component, big, n + 1);
    const char *copy = arena_text(rd->arena, big, n);
    free(big);
    return copy;
}

void *edifact_append(pw_arena *a, void **array, size_t *n, size_t *cap, size_t elem)
{
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 1;
        void *na = pw_arena_alloc(a, ncap * elem);
        if (!na)
            return NULL;
        if (*n)
            memcpy(na, *array, *n * elem);
        *array = na;
        *cap = ncap;
    }
    char *p = (char *)*array + *n * elem;
    memset(p, 0, elem);
    (*n)++;
    return p;
}

const char *edifact_traveler_id(edifact_reader *rd, const char *middle, size_t number)
{
    const char *key = rd->message_key ? rd->message_key : "-";
    size_t key_len = rd->message_key ? rd->message_key_len : 1;
    size_t middle_len = middle ? strlen(middle) : 0;
    char digits[24];
    size_t n_digits = 0;
    do {
        digits[sizeof digits - ++n_digits] = (char)('0' + number % 10);
        number /= 10;
    } while (number);
    size_t len = key_len + 1 + (middle ? middle_len + 1 : 0) + n_digits;
    char *id = pw_arena_alloc(rd->arena, len + 1);
    if (!id)
        return NULL;
    char *w = id;
    memcpy(w, key, key_len);
    w += key_len;
    *w++ = '-';
    if (middle) {
        memcpy(w, middle, middle_len);
        w += middle_len;
        *w++ = '-';
    }
    memcpy(w, digits + sizeof digits - n_digits, n_digits);
    return id;
}

/* Travelers of this input to come, judged from those read so far and how
 * much of the input is left; a little more, so that the array is grown once. */
static size_t expected_travelers(const edifact_reader *rd)
{
    size_t read = rd->batch->n - rd->first_traveler;
    size_t pos = rd->lexer->pos;
    size_t left = rd->lexer->len - pos;
    if (!read || !pos)
        return 64;
    double more = (double)read * (double)left / (double)pos * 1.1 + 64;
    return more < (double)(SIZE_MAX / 2 / sizeof(pw_traveler)) ? (size_t)more : SIZE_MAX / 2 / sizeof(pw_traveler);
}

pw_traveler *edifact_add_traveler(edifact_reader *rd, const pw_traveler *t)
{
    pw_batch *b = rd->batch;
    if (b->n == b->cap) {
        size_t more = expected_travelers(rd);
        if (more < b->n / 2)
            more = b->n / 2;       /* an estimate too low still grows the array geometrically */
        if (pw_batch_reserve(b, more) != PW_OK)
            return NULL;
    }
    pw_traveler *slot = &b->travelers[b->n++];
    *slot = *t;
    return slot;
}

/* ------------------------------------------------------------------ dates */

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

bool edifact_date_valid(pw_date d)
{
    return d.year >= 1800 && d.year <= 2200 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= days_in_month(d.year, d.month);
}

static int compare_dates(pw_date a, int y, int m, int d)
{
    if (a.year != y)
        return a.year < y ? -1 : 1;
    if (a.month != m)
        return a.month < m ? -1 : 1;
    if (a.day != d)
        return a.day < d ? -1 : 1;
    return 0;
}

int edifact_year(int yy, pw_date ref, int month, int day, year_mode mode)
{
    int ref_year = ref.year ? ref.year : 2000;
    int century = ref_year / 100 * 100;
    int a = century + yy, b = century - 100 + yy, c = century + 100 + yy;
    if (mode == YEAR_BIRTH) {
        /* The latest candidate not after the reference date, within 110 years. */
        int cands[3] = {c, a, b};
        for (int i = 0; i < 3; i++) {
            int y = cands[i];
            if (compare_dates(ref, y, month, day) >= 0 && ref_year - y <= 110)
                return y;
        }
        return b;
    }
    int best = a;
    if (abs(b - ref_year) < abs(best - ref_year))
        best = b;
    if (abs(c - ref_year) < abs(best - ref_year))
        best = c;
    return best;
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

static int num(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

static bool finish(int y, int m, int d, pw_date *out)
{
    pw_date r = {(int16_t)y, (uint8_t)m, (uint8_t)d};
    if (m < 1 || m > 12 || d < 1 || y < 1800 || y > 2200 || d > days_in_month(y, m))
        return false;
    *out = r;
    return true;
}

bool edifact_date_ymd(const char *s, pw_date ref, year_mode mode, pw_date *out)
{
    size_t n = strlen(s);
    if (n >= 8 && all_digits(s, 8) && (n == 8 || n == 12))
        return finish(num(s, 4), num(s + 4, 2), num(s + 6, 2), out);
    if (n < 6 || !all_digits(s, 6))
        return false;
    int m = num(s + 2, 2), d = num(s + 4, 2);
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    return finish(edifact_year(num(s, 2), ref, m, d, mode), m, d, out);
}

bool edifact_date_dmy(const char *s, pw_date ref, year_mode mode, pw_date *out)
{
    if (strlen(s) != 6 || !all_digits(s, 6))
        return false;
    int d = num(s, 2), m = num(s + 2, 2);
    if (m < 1 || m > 12 || d < 1 || d > 31)
        return false;
    return finish(edifact_year(num(s + 4, 2), ref, m, d, mode), m, d, out);
}

bool edifact_date_dmmmy(const char *s, pw_date ref, year_mode mode, pw_date *out)
{
    static const char months[] = "JANFEBMARAPRMAYJUNJULAUGSEPOCTNOVDEC";
    size_t n = strlen(s);
    if ((n != 7 && n != 9) || !all_digits(s, 2) || !all_digits(s + 5, n - 5))
        return false;
    const char mon[3] = {(char)toupper((unsigned char)s[2]), (char)toupper((unsigned char)s[3]),
                         (char)toupper((unsigned char)s[4])};
    int m = 0;
    for (int i = 0; i < 12 && !m; i++)
        if (memcmp(mon, months + i * 3, 3) == 0)
            m = i + 1;
    int d = num(s, 2);
    if (!m || d < 1 || d > 31)
        return false;
    int y = n == 9 ? num(s + 5, 4) : edifact_year(num(s + 5, 2), ref, m, d, mode);
    return finish(y, m, d, out);
}

static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int64_t edifact_epoch(pw_date d, const char *hhmm)
{
    if (!edifact_date_valid(d))
        return 0;
    int64_t t = days_from_civil(d.year, d.month, d.day) * 86400;
    if (hhmm && strlen(hhmm) >= 4 && all_digits(hhmm, 4)) {
        int h = num(hhmm, 2), mi = num(hhmm + 2, 2);
        if (h < 24 && mi < 60)
            t += h * 3600 + mi * 60;
    }
    return t;
}

bool edifact_country(edifact_reader *rd, const char *code, char out[4])
{
    out[0] = '\0';
    if (!code)
        return false;
    size_t n = strnlen(code, 4);
    if (n < 1 || n > 3)
        return false;
    /* A message repeats a few codes many times: remember them. */
    unsigned h = 0;
    for (size_t i = 0; i < n; i++)
        h = h * 31 + (unsigned char)code[i];
    struct country_memo *m = &rd->countries[h % (sizeof rd->countries / sizeof *rd->countries)];
    if (memcmp(m->code, code, n + 1) == 0) {
        memcpy(out, m->alpha3, 4);
        return m->known;
    }
    bool known = pw_country_alpha3(code, out);
    memcpy(m->code, code, n + 1);
    memcpy(m->alpha3, known ? out : "", known ? 4 : 1);
    m->known = known;
    return known;
}

const char *edifact_flight(edifact_reader *rd, const char *carrier, const char *number)
{
    char buf[32];
    if (!number || !*number)
        return NULL;
    size_t digits = 0;
    while (number[digits] >= '0' && number[digits] <= '9')
        digits++;
    /* "0006" → "0006"; "988" → "0988"; keep a suffix letter; no carrier, as given. */
    size_t n = edifact_put(buf, sizeof buf, 0, carrier ? carrier : "", 3);
    if (digits && digits <= 4)
        n = edifact_put(buf, sizeof buf, n, "0000", 4 - digits);
    n = edifact_put(buf, sizeof buf, n, number, SIZE_MAX);
    return pw_arena_strndup(rd->arena, buf, n);
}

/* ------------------------------------------------------------------ names */

/* Titles taken off given names; the first N_GLUED_TITLES may also be found
 * glued to the end of the last word. */
static const struct title { const char *title; size_t len; char sex; } titles[] = {
    {"MSTR", 4, 'M'}, {"MISS", 4, 'F'}, {"MRS", 3, 'F'}, {"MR", 2, 'M'}, {"MS", 2, 'F'}, {"DR", 2, 0},
    {"PROF", 4, 0}, {"REV", 3, 0}, {"SIR", 3, 'M'}, {"MME", 3, 'F'}, {"MLLE", 4, 'F'}, {"CHD", 3, 0},
    {"INF", 3, 0},
};
enum { N_TITLES = sizeof titles / sizeof *titles, N_GLUED_TITLES = 5 };

/* The index in titles of the word of len bytes at w, or N_TITLES. */
static size_t title_index(const char *w, size_t len)
{
    if (len < 2 || len > 4)
        return N_TITLES;
    for (size_t i = 0; i < N_TITLES; i++)
        if (titles[i].len == len && titles[i].title[0] == w[0] && memcmp(w, titles[i].title, len) == 0)
            return i;
    return N_TITLES;
}

const char *edifact_strip_title(char *given, char sex)
{
    if (!given || !*given)
        return NULL;
    size_t n = strlen(given);
    /* A separate word, last or first, or the whole given name (titles hold
     * no space). The title earliest in the table wins; for the same title,
     * the last word before the first. */
    const char *first_space = memchr(given, ' ', n);
    const char *last_space = first_space ? strrchr(given, ' ') : NULL;
    size_t last = last_space && last_space > given ? title_index(last_space + 1, (size_t)(given + n - last_space - 1))
                                                   : N_TITLES;
    size_t first = first_space && (size_t)(first_space - given) + 1 < n
                       ? title_index(given, (size_t)(first_space - given))
                       : N_TITLES;
    size_t whole = first_space ? N_TITLES : title_index(given, n);
    if (last < N_TITLES && last <= first) {
        size_t k = (size_t)(last_space - given);
        given[k] = '\0';
        while (k > 0 && given[k - 1] == ' ')
            given[--k] = '\0';
        return titles[last].title;
    }
    if (first < N_TITLES) {
        size_t t = titles[first].len;
        memmove(given, given + t + 1, n - t);
        return titles[first].title;
    }
    if (whole < N_TITLES) {
        given[0] = '\0';
        return titles[whole].title;
    }
    /* Glued to the end of the last word (airline style: SEJOONMR). DR is not
     * taken off glued (ALEXANDR), nor a title that contradicts a known sex. */
    const char *word = last_space ? last_space + 1 : given;
    size_t lw = (size_t)(given + n - word);
    for (size_t i = 0; i < N_GLUED_TITLES; i++) {
        size_t t = titles[i].len;
        if (lw >= t + 2 && word[lw - 1] == titles[i].title[t - 1] && memcmp(word + lw - t, titles[i].title, t) == 0) {
            if (sex && titles[i].sex && sex != titles[i].sex && (sex == 'M' || sex == 'F'))
                continue;
            given[n - t] = '\0';
            return titles[i].title;
        }
    }
    return NULL;
}

/* --------------------------------------------------------------- template */

static void append(char **out, size_t *n, size_t *cap, const char *s, size_t len)
{
    if (*n + len + 1 > *cap) {
        size_t ncap = (*cap + len + 1) * 2;
        char *p = realloc(*out, ncap);
        if (!p)
            abort();
        *out = p;
        *cap = ncap;
    }
    memcpy(*out + *n, s, len);
    *n += len;
    (*out)[*n] = '\0';
}

/*
 * Test suites (deyoz/astra's iapi_china.ts) write their exchanges as
 * templates: "$(yymmdd)", "$(yymmdd +1)", "$(hhmi)", "$(date_format %y +1y)"
 * and "$(get NAME)". We substitute fixed values so that a file reads the same
 * every day: the date is 2019-09-24 at 08:21 (the date the exchanges carry in
 * their own references, "1909240821..."), "%y +Ny" is that year plus N, and
 * "$(get NAME)" becomes NAME in capitals (PAX_ID1, EDIREF_PAXLST), a stable
 * stand-in for a value the test harness would have filled. Trailing "###"
 * remarks after a segment are dropped. Macro text is never longer than the
 * macro, and no terminator is added or removed, so segment numbers hold.
 */
static char *expand_template(const char *data, size_t len, size_t *out_len)
{
    static const pw_date base = {2019, 9, 24};
    char *out = NULL;
    size_t n = 0, cap = 0;
    append(&out, &n, &cap, "", 0);
    size_t i = 0;
    bool line_start = true;
    while (i < len) {
        char c = data[i];
        if (c == '#' && !line_start && i + 2 < len && data[i + 1] == '#' && data[i + 2] == '#') {
            while (i < len && data[i] != '\n')
                i++;
            continue;
        }
        line_start = c == '\n' || (line_start && (c == ' ' || c == '\t'));
        if (c == '$' && i + 1 < len && data[i + 1] == '(') {
            const char *close = memchr(data + i, ')', len - i);
            if (close && close - (data + i) < 64) {
                char macro[64];
                size_t m = (size_t)(close - (data + i + 2));
                memcpy(macro, data + i + 2, m);
                macro[m] = '\0';
                char val[64] = "";
                int plus = 0;
                if (strncmp(macro, "yymmdd", 6) == 0) {
                    if (sscanf(macro + 6, " +%d", &plus) != 1)
                        plus = 0;
                    int64_t days = days_from_civil(base.year, base.month, base.day) + plus;
                    time_t t = (time_t)(days * 86400);
                    struct tm tm;
                    gmtime_r(&t, &tm);
                    snprintf(val, sizeof val, "%02d%02d%02d", tm.tm_year % 100, tm.tm_mon + 1, tm.tm_mday);
                } else if (strcmp(macro, "hhmi") == 0) {
                    snprintf(val, sizeof val, "0821");
                } else if (strncmp(macro, "date_format %y", 14) == 0) {
                    if (sscanf(macro + 14, " %dy", &plus) != 1)
                        plus = 0;
                    snprintf(val, sizeof val, "%02d", (base.year + plus) % 100);
                } else if (strncmp(macro, "get ", 4) == 0) {
                    size_t k = 0;
                    for (const char *p = macro + 4; *p && k + 1 < sizeof val; p++)
                        val[k++] = (char)toupper((unsigned char)*p);
                    val[k] = '\0';
                }
                append(&out, &n, &cap, val, strlen(val));
                i = (size_t)(close - data) + 1;
                continue;
            }
        }
        append(&out, &n, &cap, &data[i], 1);
        i++;
    }
    *out_len = n;
    return out;
}

static bool has_template(const char *data, size_t len)
{
    const char *p = data;
    const char *end = data + len;
    while (p < end) {
        const char *d = memchr(p, '$', (size_t)(end - p));
        if (!d || d + 1 >= end)
            return false;
        if (d[1] == '(')
            return true;
        p = d + 1;
    }
    return false;
}

/* ------------------------------------------------------------- envelopes */

static void copy_value(const pw_edifact_segment *seg, unsigned e, unsigned c, char *out, size_t cap)
{
    pw_edifact_value(seg, e, c, out, cap);
}

static void end_paxlst(edifact_reader *rd)
{
    if (rd->part_open)
        paxlst_end(rd, true);
    rd->part_open = false;
}

/* A message cut off (no UNT): what was read of it is kept. */
static void end_message(edifact_reader *rd)
{
    if (!rd->in_message)
        return;
    if (rd->type == MSG_PAXLST)
        end_paxlst(rd);
    else if (rd->type == MSG_PNRGOV)
        pnrgov_end(rd);
    rd->in_message = false;
}

static bool is_tag(const pw_edifact_segment *seg, const char *tag)
{
    return memcmp(seg->tag, tag, 4) == 0;
}

/* Message keys seen in this input: "UNB ref-UNH ref" repeats across
 * interchanges of one file (test suites reuse references), so the second
 * one gets "#2", and so on, keeping traveler ids unique and stable. */
static unsigned key_seen(edifact_reader *rd, const char *key)
{
    uint64_t h = 1469598103934665603ull;
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 1099511628211ull;
    if (!h)
        h = 1;
    if ((rd->keys_used + 1) * 2 > rd->keys_cap) {
        size_t ncap = rd->keys_cap ? rd->keys_cap * 2 : 64;
        struct key_count *nk = calloc(ncap, sizeof *nk);
        if (!nk)
            return 1;
        for (size_t i = 0; i < rd->keys_cap; i++)
            if (rd->keys[i].hash) {
                size_t j = rd->keys[i].hash & (ncap - 1);
                while (nk[j].hash)
                    j = (j + 1) & (ncap - 1);
                nk[j] = rd->keys[i];
            }
        free(rd->keys);
        rd->keys = nk;
        rd->keys_cap = ncap;
    }
    size_t j = h & (rd->keys_cap - 1);
    while (rd->keys[j].hash && rd->keys[j].hash != h)
        j = (j + 1) & (rd->keys_cap - 1);
    if (!rd->keys[j].hash) {
        rd->keys[j].hash = h;
        rd->keys_used++;
    }
    return ++rd->keys[j].count;
}

/* UNH: type from S009, multi-part sequence from S010. */
static void open_message(edifact_reader *rd, const pw_edifact_segment *seg, bool *continuing_part)
{
    char type[16], ref[40], access[64], seq[8], flag[4];
    copy_value(seg, 0, 0, ref, sizeof ref);
    copy_value(seg, 1, 0, type, sizeof type);
    copy_value(seg, 2, 0, access, sizeof access);
    copy_value(seg, 3, 0, seq, sizeof seq);
    copy_value(seg, 3, 1, flag, sizeof flag);
    snprintf(rd->unh_ref, sizeof rd->unh_ref, "%s", ref);
    char key[128];
    snprintf(key, sizeof key, "%s-%s", rd->unb_ref[0] ? rd->unb_ref : "-", ref[0] ? ref : "-");
    /* the interchange control reference (UNB 0020) and the message reference
     * (UNH 0062): what identifies a message from its sender */
    rd->message_ref = edifact_strdup(rd, key);
    unsigned seen = key_seen(rd, key);
    if (seen > 1) {
        size_t n = strlen(key);
        snprintf(key + n, sizeof key - n, "#%u", seen);
    }
    rd->message_key = arena_text(rd->arena, key, strlen(key));
    rd->message_key_len = rd->message_key ? strlen(rd->message_key) : 0;
    rd->unh_segment = seg->number;
    rd->message_segments = 1;
    rd->in_message = true;
    rd->stats.messages++;
    rd->interchange_messages++;
    rd->group_messages++;
    if (!ref[0])
        edifact_report(rd, seg, true, "message reference", "UNH has no message reference");
    *continuing_part = false;
    /* "01:C", "02", "03:F": a part with a sequence number and no F is not the last. */
    rd->part_more = seq[0] && strcmp(flag, "F") != 0;
    rd->part_announced = strcmp(flag, "C") == 0;
    if (strcmp(type, "PAXLST") == 0) {
        rd->type = MSG_PAXLST;
        *continuing_part = seq[0] && atoi(seq) > 1;
    } else if (strcmp(type, "PNRGOV") == 0) {
        rd->type = MSG_PNRGOV;
    } else {
        rd->type = MSG_OTHER;
        rd->stats.other++;
    }
}

static void read_unb(edifact_reader *rd, const pw_edifact_segment *seg)
{
    char date[16], sender[64];
    copy_value(seg, 1, 0, sender, sizeof sender);
    copy_value(seg, 3, 0, date, sizeof date);
    copy_value(seg, 4, 0, rd->unb_ref, sizeof rd->unb_ref);
    rd->sender = edifact_strdup(rd, sender);
    rd->unb_date = (pw_date){0, 0, 0};
    rd->unb_segment = seg->number;
    rd->in_interchange = true;
    rd->interchange_messages = rd->interchange_groups = 0;
    rd->stats.interchanges++;
    if (date[0]) {
        pw_date d;
        pw_date now_ref = {2000, 1, 1};
        if (edifact_date_ymd(date, now_ref, YEAR_NEAR, &d) && strlen(date) == 6) {
            /* UNB dates are YYMMDD, always this century or the last one. */
            d.year = (int16_t)(d.year < 1970 ? d.year + 100 : d.year);
            rd->unb_date = d;
        } else if (edifact_date_ymd(date, now_ref, YEAR_NEAR, &d)) {
            rd->unb_date = d;
        } else {
            edifact_report(rd, seg, true, "date", "UNB date '%s' is not a date", date);
        }
    }
}

static void check_count(edifact_reader *rd, const pw_edifact_segment *seg, unsigned expected,
                        const char *what)
{
    char count[32];
    copy_value(seg, 0, 0, count, sizeof count);
    if (!count[0]) {
        edifact_report(rd, seg, true, "count", "%s count missing", what);
        return;
    }
    char *endp;
    unsigned long v = strtoul(count, &endp, 10);
    if (*endp || v != expected)
        edifact_report(rd, seg, true, "count", "%s count is %s, but there are %u", what, count, expected);
}

static void check_ref(edifact_reader *rd, const pw_edifact_segment *seg, unsigned element,
                      const char *expected, const char *opener)
{
    char ref[64];
    copy_value(seg, element, 0, ref, sizeof ref);
    if (!ref[0] && expected[0])
        edifact_report(rd, seg, true, "reference", "no reference (the %s reference is '%s')", opener, expected);
    else if (strcmp(ref, expected) != 0)
        edifact_report(rd, seg, true, "reference", "reference '%s' does not match the %s reference '%s'",
                       ref, opener, expected);
}

/* UNB, UNG, UNH, UNT, UNE, UNZ: the envelopes. False for any other segment. */
static bool read_service_segment(edifact_reader *rd, const pw_edifact_segment *seg)
{
    if (is_tag(seg, "UNB")) {
        if (rd->in_message) {
            edifact_report(rd, seg, true, NULL, "message %s not closed by UNT before the next UNB", rd->unh_ref);
            end_message(rd);
        }
        if (rd->in_interchange)
            edifact_report(rd, seg, true, NULL, "interchange %s not closed by UNZ", rd->unb_ref);
        read_unb(rd, seg);
        return true;
    }
    if (is_tag(seg, "UNG")) {
        rd->in_group = true;
        rd->group_messages = 0;
        rd->interchange_groups++;
        copy_value(seg, 4, 0, rd->ung_ref, sizeof rd->ung_ref);
        return true;
    }
    if (is_tag(seg, "UNH")) {
        if (rd->in_message) {
            edifact_report(rd, seg, true, NULL, "message %s not closed by UNT", rd->unh_ref);
            end_message(rd);
        }
        bool was_open = rd->part_open;
        bool announced = rd->part_announced;
        bool continuing = false;
        open_message(rd, seg, &continuing);
        char access[64];
        copy_value(seg, 2, 0, access, sizeof access);
        bool joins = rd->type == MSG_PAXLST && continuing && was_open &&
                     strcmp(access, rd->part_access) == 0;
        if (was_open && !joins) {
            if (announced)
                edifact_report(rd, seg, true, "sequence",
                               "multi-part message %s announced more parts, none followed", rd->part_access);
            end_paxlst(rd);
        }
        if (rd->type == MSG_PAXLST) {
            if (continuing && !joins)
                edifact_report(rd, seg, true, "sequence",
                               "part of a multi-part message without the parts before it");
            if (!joins)
                rd->ref_date = rd->unb_date;
            paxlst_begin(rd, joins);
            rd->part_open = true;
            snprintf(rd->part_access, sizeof rd->part_access, "%s", access);
        } else if (rd->type == MSG_PNRGOV) {
            rd->ref_date = rd->unb_date;
            pnrgov_begin(rd);
        }
        return true;
    }
    if (is_tag(seg, "UNT")) {
        if (!rd->in_message) {
            edifact_report(rd, seg, true, NULL, "UNT without UNH");
            return true;
        }
        rd->message_segments++;
        check_count(rd, seg, rd->message_segments, "UNT segment");
        check_ref(rd, seg, 1, rd->unh_ref, "UNH");
        rd->in_message = false;
        if (rd->type == MSG_PAXLST) {
            /* A part that announces more parts ("01:C") stays open. */
            if (!rd->part_more)
                end_paxlst(rd);
        } else if (rd->type == MSG_PNRGOV) {
            pnrgov_end(rd);
        }
        return true;
    }
    if (is_tag(seg, "UNE")) {
        check_count(rd, seg, rd->group_messages, "UNE message");
        check_ref(rd, seg, 1, rd->ung_ref, "UNG");
        rd->in_group = false;
        return true;
    }
    if (is_tag(seg, "UNZ")) {
        if (rd->in_message) {
            edifact_report(rd, seg, true, NULL, "message %s not closed by UNT", rd->unh_ref);
            end_message(rd);
        }
        check_count(rd, seg, rd->interchange_groups ? rd->interchange_groups : rd->interchange_messages,
                    rd->interchange_groups ? "UNZ group" : "UNZ message");
        check_ref(rd, seg, 1, rd->unb_ref, "UNB");
        rd->in_interchange = false;
        return true;
    }
    return false;
}

static void reader_segment(edifact_reader *rd, const pw_edifact_segment *seg)
{
    if (seg->tag[0] == 'U' && seg->tag[1] == 'N' && read_service_segment(rd, seg))
        return;
    if (!rd->in_message) {
        edifact_report(rd, seg, false, NULL, "segment outside a message skipped");
        return;
    }
    rd->message_segments++;
    if (rd->type == MSG_PAXLST)
        paxlst_segment(rd, seg);
    else if (rd->type == MSG_PNRGOV)
        pnrgov_segment(rd, seg);
}

/* Counts lexer reports as warnings/errors of the read. */
typedef struct relay {
    edifact_reader *rd;
} relay;

static void lexer_relay(void *ctx, const pw_error *e)
{
    relay *r = ctx;
    if (e->warning)
        r->rd->stats.warnings++;
    else
        r->rd->stats.errors++;
    if (r->rd->on_error)
        r->rd->on_error(r->rd->ctx, e);
}

pw_status pw_edifact_read(const char *name, const char *data, size_t len, pw_batch *b,
                          pw_error_fn on_error, void *ctx, pw_edifact_stats *stats)
{
    if (!b || (!data && len))
        return PW_ERR_ARG;
    if (sodium_init() < 0)
        return PW_ERR_NOMEM;
    if (!b->arena) {
        b->arena = pw_arena_new();
        if (!b->arena)
            return PW_ERR_NOMEM;
    }
    edifact_reader rd;
    memset(&rd, 0, sizeof rd);
    rd.name = pw_arena_strdup(b->arena, name ? name : "-");
    rd.batch = b;
    rd.arena = b->arena;
    rd.on_error = on_error ? on_error : pw_error_print;
    rd.ctx = on_error ? ctx : stderr;
    size_t before = b->n, rejected_before = b->rejected;

    char *expanded = NULL;
    if (has_template(data, len)) {
        size_t n;
        expanded = expand_template(data, len, &n);
        data = expanded;
        len = n;
    }

    relay r = {&rd};
    pw_edifact_lexer lx;
    pw_edifact_lexer_init(&lx, rd.name, data ? data : "", len, lexer_relay, &r);
    rd.lexer = &lx;
    rd.first_traveler = b->n;
    pw_edifact_segment *seg = malloc(sizeof *seg);
    if (!seg) {
        free(expanded);
        return PW_ERR_NOMEM;
    }
    while (pw_edifact_next(&lx, seg)) {
        if (seg->problem && !rd.in_message) {
            edifact_report(&rd, seg, false, NULL, "%s", seg->problem);
            continue;
        }
        reader_segment(&rd, seg);
    }
    if (rd.in_message) {
        edifact_where none = {lx.segments, NULL};
        edifact_report_at(&rd, none, true, NULL,
                       "message %s not closed by UNT at the end of the input", rd.unh_ref);
        end_message(&rd);
    }
    end_paxlst(&rd);
    if (rd.in_interchange) {
        edifact_report(&rd, NULL, true, NULL, "interchange %s not closed by UNZ at the end of the input",
                       rd.unb_ref);
    }
    free(seg);
    free(rd.keys);
    paxlst_free(&rd);
    pnrgov_free(&rd);
    free(expanded);

    rd.stats.travelers = b->n - before;
    rd.stats.rejected = b->rejected - rejected_before;
    b->warnings += rd.stats.warnings;
    if (stats)
        *stats = rd.stats;
    if (rd.stats.messages == 0) {
        edifact_report(&rd, NULL, false, NULL,
                       lx.any ? "no EDIFACT message (UNH) found" : "no EDIFACT interchange or message found");
        if (stats)
            stats->errors = rd.stats.errors;
        return PW_ERR_FORMAT;
    }
    return rd.stats.rejected || rd.stats.errors ? PW_ERR_REJECTS : PW_OK;
}

/*
 * lexer.c — UN/EDIFACT syntax (ISO 9735, syntax versions 3 and 4): the service
 * string advice (UNA), separators, the release character, segments.
 *
 * The lexer walks one buffer and hands out segments as spans into it; it never
 * allocates, so a 50 MB PAXLST costs one pass over the bytes. A 256-entry class
 * table built from the service characters keeps the inner loop to one load and
 * one compare per ordinary byte.
 *
 * Real input is not always clean, and the lexer recovers (with a warning)
 * where the intent is plain:
 *  - any text before an interchange (a SITA Type-B envelope: "QN ..." and
 *    ".ORIGIN ..." lines) or between interchanges ('#' comment lines) is
 *    skipped; the next interchange starts at UNA, UNB or UNH;
 *  - no UNA: the defaults ":+.? '", except that the segment terminator and the
 *    element separator are read off the UNB (the character that ends the UNB
 *    before UNG/UNH), so files terminated by '"' or '$' without a UNA work;
 *  - a truncated UNA keeps the characters it has, the rest as above;
 *  - line breaks inside a segment are not data (line-wrapped telex files); a
 *    blank line, or a line break followed by a known segment tag and an element
 *    separator, ends a segment whose terminator is missing;
 *  - a typographic ’ at the end of a line where ' is the terminator.
 */
#include <stdio.h>
#include <string.h>

#include "edifact.h"

enum {
    CLS_DATA = 0,
    CLS_ELEMENT,
    CLS_COMPONENT,
    CLS_RELEASE,
    CLS_TERMINATOR,
    CLS_CR,
    CLS_LF,
    CLS_QUOTE_LEAD      /* first byte of U+2019 while ' is the terminator */
};

static const pw_edifact_chars default_chars = {':', '+', '.', '?', ' ', "'", 1};

/* Segment tags of the messages we read; used only to recognise a segment that
 * follows a missing terminator at the start of a line. */
static const char known_tags[][4] = {
    "ABI", "ADD", "APD", "ATT", "BGM", "CNT", "COM", "CPI", "DAT", "DOC", "DTM", "EBD", "EQN", "ERC",
    "ERP", "FAR", "FOP", "FTI", "FTX", "GEI", "IFT", "LOC", "LTS", "MEA", "MON", "MSG", "NAD", "NAT",
    "ORG", "PTK", "RCI", "REF", "RFF", "RPI", "SAC", "SRC", "SSD", "SSR", "TBD", "TDT", "TIF", "TKT",
    "TRA", "TRI", "TVL", "TXD", "UNA", "UNB", "UNE", "UNG", "UNH", "UNT", "UNZ",
};

static bool is_alnum(unsigned char c)
{
    /* c | 0x20 folds A-Z onto a-z and nothing else onto them */
    return (unsigned)((c | 0x20) - 'a') < 26 || (unsigned)(c - '0') < 10;
}

static bool is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool known_tag(const char *p)
{
    for (size_t i = 0; i < sizeof known_tags / sizeof *known_tags; i++)
        if (memcmp(p, known_tags[i], 3) == 0)
            return true;
    return false;
}

static void report(pw_edifact_lexer *lx, unsigned segment, const char *tag, bool warning,
                   const char *reason)
{
    pw_error e = {.file = lx->name, .segment = segment, .tag = tag, .reason = reason,
                  .warning = warning};
    if (!segment)
        e.line = lx->line;
    if (warning)
        lx->warnings++;
    else
        lx->errors++;
    if (lx->on_error)
        lx->on_error(lx->ctx, &e);
}

static void build_classes(pw_edifact_lexer *lx)
{
    memset(lx->cls, CLS_DATA, sizeof lx->cls);
    const pw_edifact_chars *c = &lx->chars;
    lx->cls['\r'] = CLS_CR;
    lx->cls['\n'] = CLS_LF;
    if (c->terminator_len == 1 && c->terminator[0] == '\'')
        lx->cls[0xE2] = CLS_QUOTE_LEAD;
    lx->cls[(unsigned char)c->release] = CLS_RELEASE;
    lx->cls[(unsigned char)c->component] = CLS_COMPONENT;
    lx->cls[(unsigned char)c->element] = CLS_ELEMENT;
    lx->cls[(unsigned char)c->terminator[0]] = CLS_TERMINATOR;
}

static void set_chars(pw_edifact_lexer *lx, const pw_edifact_chars *c)
{
    lx->chars = *c;
    build_classes(lx);
}

void pw_edifact_lexer_init(pw_edifact_lexer *lx, const char *name, const char *data, size_t len,
                           pw_error_fn on_error, void *ctx)
{
    memset(lx, 0, sizeof *lx);
    lx->name = name;
    lx->data = data;
    lx->len = len;
    lx->line = 1;
    lx->on_error = on_error;
    lx->ctx = ctx;
    set_chars(lx, &default_chars);
}

const pw_edifact_chars *pw_edifact_lexer_chars(const pw_edifact_lexer *lx)
{
    return &lx->chars;
}

/* Length of the UTF-8 character starting at p (1 for a stray byte). */
static size_t utf8_len(const char *p, size_t avail)
{
    unsigned char c = (unsigned char)p[0];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (n > avail)
        return 1;
    for (size_t i = 1; i < n; i++)
        if (((unsigned char)p[i] & 0xC0) != 0x80)
            return 1;
    return n;
}

static const char *find3(const char *p, const char *end, const char *what)
{
    while (p + 3 <= end) {
        const char *u = memchr(p, what[0], (size_t)(end - p));
        if (!u || u + 3 > end)
            return NULL;
        if (u[1] == what[1] && u[2] == what[2])
            return u;
        p = u + 1;
    }
    return NULL;
}

/* No UNA: the defaults, with the element separator and the terminator read
 * off the UNB at p (the character ending the UNB before the next UNG/UNH). */
static void detect_chars(pw_edifact_lexer *lx, const char *p)
{
    pw_edifact_chars c = default_chars;
    const char *end = lx->data + lx->len;
    if (p + 4 <= end && !is_alnum((unsigned char)p[3]) && !is_space((unsigned char)p[3]))
        c.element = p[3];
    /* Component separator: after the syntax identifier (UNOA, IATA, SIRE). */
    const char *s = p + 4;
    if (s + 5 <= end && is_alnum((unsigned char)s[0]) && is_alnum((unsigned char)s[3]) &&
        !is_alnum((unsigned char)s[4]) && s[4] != c.element && !is_space((unsigned char)s[4]))
        c.component = s[4];
    const char *limit = end - p > 4096 ? p + 4096 : end;
    const char *q = p + 3;
    for (;;) {
        const char *g = find3(q, limit, "UNG");
        const char *h = find3(q, limit, "UNH");
        const char *u = !g ? h : !h ? g : g < h ? g : h;
        if (!u)
            break;
        if (u + 3 < end && u[3] == c.element) {
            const char *t = u - 1;
            while (t > p && is_space((unsigned char)*t))
                t--;
            const char *lead = t;
            while (lead > p && ((unsigned char)*lead & 0xC0) == 0x80 && t - lead < 3)
                lead--;
            size_t n = utf8_len(lead, (size_t)(end - lead));
            if (lead + n - 1 != t) {
                lead = t;
                n = 1;
            }
            if (!is_alnum((unsigned char)*lead) && *lead != c.element && *lead != c.component) {
                memcpy(c.terminator, lead, n);
                c.terminator[n] = '\0';
                c.terminator_len = (uint8_t)n;
            }
            break;
        }
        q = u + 1;
    }
    set_chars(lx, &c);
}

static bool chars_valid(const pw_edifact_chars *c)
{
    const char set[4] = {c->component, c->element, c->release, c->terminator[0]};
    for (int i = 0; i < 4; i++) {
        if (is_alnum((unsigned char)set[i]))
            return false;
        for (int j = i + 1; j < 4; j++)
            if (set[i] == set[j])
                return false;
    }
    return c->component != '\n' && c->element != '\n' && c->terminator[0] != '\n';
}

/* Does the terminator in force end the UNB at p (before the next UNG/UNH)? */
static bool terminator_used(const pw_edifact_lexer *lx, const char *unb)
{
    const char *end = lx->data + lx->len;
    const char *limit = end - unb > 4096 ? unb + 4096 : end;
    const char *g = find3(unb + 3, limit, "UNG");
    const char *h = find3(unb + 3, limit, "UNH");
    const char *u = !g ? h : !h ? g : g < h ? g : h;
    if (!u)
        return true;
    size_t tl = lx->chars.terminator_len;
    for (const char *q = unb; q + tl <= u; q++)
        if (memcmp(q, lx->chars.terminator, tl) == 0)
            return true;
    return false;
}

/* Reads the service string advice at p ("UNA" + 6 characters); returns the
 * position after it. */
static const char *read_una(pw_edifact_lexer *lx, const char *p)
{
    const char *end = lx->data + lx->len;
    const char *adv = p + 3;
    const char *stop = end;
    const char *unb = find3(adv, end - adv > 24 ? adv + 24 : end, "UNB");
    if (unb) {
        stop = unb;
        while (stop > adv && (stop[-1] == '\r' || stop[-1] == '\n' || stop[-1] == ' '))
            stop--;
    }
    const char *chars[6] = {0};
    size_t lens[6] = {0};
    unsigned n = 0;
    const char *q = adv;
    while (n < 6 && q < stop) {
        size_t l = n < 5 ? 1 : utf8_len(q, (size_t)(stop - q));
        if (n < 5 && (*q == '\r' || *q == '\n'))
            break;
        chars[n] = q;
        lens[n] = l;
        n++;
        q += l;
    }
    pw_edifact_chars c = default_chars;
    if (n >= 1) c.component = *chars[0];
    if (n >= 2) c.element = *chars[1];
    if (n >= 3) c.decimal = *chars[2];
    if (n >= 4) c.release = *chars[3];
    if (n >= 5) c.repetition = *chars[4];
    if (n == 6) {
        memcpy(c.terminator, chars[5], lens[5]);
        c.terminator[lens[5]] = '\0';
        c.terminator_len = (uint8_t)lens[5];
    }
    if (n < 6) {
        report(lx, 0, "UNA", true, "UNA truncated: missing service characters taken from the UNB or the defaults");
        set_chars(lx, &c);
        if (unb) {
            /* The terminator (and what else is missing) from the UNB; what
             * the UNA did say is kept. */
            pw_edifact_chars keep = c;
            detect_chars(lx, unb);
            pw_edifact_chars d = lx->chars;
            if (n >= 1) d.component = keep.component;
            if (n >= 2) d.element = keep.element;
            if (n >= 3) d.decimal = keep.decimal;
            if (n >= 4) d.release = keep.release;
            if (n >= 5) d.repetition = keep.repetition;
            set_chars(lx, &d);
        }
    } else {
        set_chars(lx, &c);
        if (unb && !terminator_used(lx, unb)) {
            /* The UNA names a terminator the interchange does not use (a ’
             * declared, ' written): the one that ends the UNB is taken. */
            detect_chars(lx, unb);
            pw_edifact_chars d = c;
            memcpy(d.terminator, lx->chars.terminator, sizeof d.terminator);
            d.terminator_len = lx->chars.terminator_len;
            set_chars(lx, &d);
            char msg[128];
            snprintf(msg, sizeof msg, "UNA terminator %s is not used by the interchange; %s taken", c.terminator,
                     d.terminator);
            report(lx, 0, "UNA", true, msg);
        }
    }
    if (!chars_valid(&lx->chars)) {
        report(lx, 0, "UNA", true, "UNA service characters clash; the defaults are used");
        set_chars(lx, &default_chars);
    }
    return q;
}

static void count_lines(pw_edifact_lexer *lx, const char *from, const char *to)
{
    while (from < to) {
        const char *nl = memchr(from, '\n', (size_t)(to - from));
        if (!nl)
            break;
        lx->line++;
        from = nl + 1;
    }
}

/* Is the skipped text only blank lines and '#' comment lines? */
static bool only_comments(const char *p, const char *end)
{
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t' || *p == '\r'))
            p++;
        if (p >= end)
            return true;
        if (*p == '#') {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            p = nl ? nl + 1 : end;
        } else if (*p == '\n') {
            p++;
        } else {
            return false;
        }
    }
    return true;
}

/* Outside an interchange: finds the next UNA, UNB or UNH that starts a line
 * (or follows white space). Returns NULL when there is none. */
static const char *find_interchange(pw_edifact_lexer *lx, const char *p)
{
    const char *end = lx->data + lx->len;
    while (p + 4 <= end) {
        const char *u = memchr(p, 'U', (size_t)(end - p));
        if (!u || u + 4 > end)
            return NULL;
        if (u[1] == 'N' && (u[2] == 'A' || u[2] == 'B' || u[2] == 'H') && !is_alnum((unsigned char)u[3]) &&
            (u == lx->data || is_space((unsigned char)u[-1]) || u == p))
            return u;
        p = u + 1;
    }
    return NULL;
}

static const char *skip_space(pw_edifact_lexer *lx, const char *p, const char *end)
{
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        if (c == '\n')
            lx->line++;
        else if (c != ' ' && c != '\t' && c != '\r')
            break;
        p++;
    }
    return p;
}

/* Ends a segment at a line break when the terminator is plainly missing:
 * a blank line follows, or a known tag and an element separator. */
static bool missing_terminator(const pw_edifact_lexer *lx, const char *nl, const char *end)
{
    const char *q = nl + 1;
    while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
        q++;
    if (q >= end)
        return false;
    if (*q == '\n')
        return true;
    return q + 4 <= end && is_upper((unsigned char)q[0]) && is_upper((unsigned char)q[1]) &&
           is_upper((unsigned char)q[2]) && q[3] == lx->chars.element && known_tag(q);
}

bool pw_edifact_next(pw_edifact_lexer *lx, pw_edifact_segment *seg)
{
    const char *end = lx->data + lx->len;
    const char *p = lx->data + lx->pos;
    for (;;) {
        p = skip_space(lx, p, end);
        /* Stray terminators (empty segments) are skipped. */
        while (p < end && *p == lx->chars.terminator[0] && lx->chars.terminator_len &&
               (size_t)(end - p) >= lx->chars.terminator_len &&
               memcmp(p, lx->chars.terminator, lx->chars.terminator_len) == 0 && !is_alnum((unsigned char)*p)) {
            p += lx->chars.terminator_len;
            p = skip_space(lx, p, end);
        }
        if (p >= end) {
            lx->pos = lx->len;
            return false;
        }
        if (!lx->inside) {
            const char *u = find_interchange(lx, p);
            if (!u) {
                if (lx->any && !only_comments(p, end))
                    report(lx, 0, NULL, true, "text after the last interchange skipped");
                count_lines(lx, p, end);
                lx->pos = lx->len;
                return false;
            }
            if (u > p && lx->any && !only_comments(p, u))
                report(lx, 0, NULL, true, "text between interchanges skipped");
            count_lines(lx, p, u);
            p = u;
            lx->inside = true;
        }
        if ((size_t)(end - p) >= 4 && p[0] == 'U' && p[1] == 'N' && p[2] == 'A' &&
            !is_alnum((unsigned char)p[3])) {
            const char *q = read_una(lx, p);
            count_lines(lx, p, q);
            p = q;
            lx->una = true;
            continue;
        }
        break;
    }

    const char *start = p;
    memset(seg->tag, 0, sizeof seg->tag);
    seg->number = ++lx->segments;
    seg->line = lx->line;
    seg->problem = NULL;
    seg->escaped = false;
    seg->release = lx->chars.release;
    seg->n_elements = 0;
    lx->any = true;

    const uint8_t *cls = lx->cls;
    bool tagged = end - p >= 3 && is_alnum((unsigned char)p[0]) && is_alnum((unsigned char)p[1]) &&
                  is_alnum((unsigned char)p[2]) &&
                  (end - p == 3 || cls[(unsigned char)p[3]] != CLS_DATA || p[3] == ' ');
    if (tagged) {
        memcpy(seg->tag, p, 3);
        p += 3;
        if (p < end && *p == ' ') {
            const char *q = p;
            while (q < end && *q == ' ')
                q++;
            if (q < end && *q == lx->chars.element) {
                report(lx, seg->number, seg->tag, true, "spaces after the segment tag ignored");
                p = q;
            } else {
                tagged = false;
            }
        }
    }
    if (!tagged) {
        seg->problem = "not a segment tag";
        p = start;
    }
    if (tagged && memcmp(seg->tag, "UNB", 3) == 0 && !lx->una)
        detect_chars(lx, start);
    if (tagged && memcmp(seg->tag, "UNB", 3) == 0)
        lx->una = false;

    seg->text = p;
    unsigned n_comp = 0, n_elem = 0;
    bool overflow = false;
    const char *comp_start = p;
    bool open = false;          /* an element has been started */
    const size_t tlen = lx->chars.terminator_len;

#define CLOSE_COMPONENT(at)                                                                  \
    do {                                                                                     \
        if (open) {                                                                          \
            if (n_comp < PW_EDIFACT_MAX_COMPONENTS) {                                        \
                seg->span[n_comp].off = (uint32_t)(comp_start - seg->text);                  \
                seg->span[n_comp].len = (uint32_t)((at) - comp_start);                       \
                n_comp++;                                                                    \
            } else {                                                                         \
                overflow = true;                                                             \
            }                                                                                \
        }                                                                                    \
    } while (0)

    const char *stop = NULL;
    const char *next = NULL;
    bool terminated = false;
    while (p < end) {
        while (p < end && cls[(unsigned char)*p] == CLS_DATA)
            p++;
        if (p >= end)
            break;
        unsigned char c = (unsigned char)*p;
        switch (cls[c]) {
        case CLS_ELEMENT:
            if (!tagged) {
                p++;
                break;
            }
            CLOSE_COMPONENT(p);
            if (n_elem < PW_EDIFACT_MAX_ELEMENTS && n_comp < PW_EDIFACT_MAX_COMPONENTS) {
                seg->first[n_elem++] = (uint16_t)n_comp;
            } else {
                overflow = true;
            }
            open = true;
            comp_start = ++p;
            break;
        case CLS_COMPONENT:
            if (!tagged || !open) {
                p++;
                break;
            }
            CLOSE_COMPONENT(p);
            comp_start = ++p;
            break;
        case CLS_RELEASE:
            seg->escaped = true;
            p++;
            if (p < end) {
                if (*p == '\n')
                    lx->line++;
                p++;
            }
            break;
        case CLS_TERMINATOR:
            if (tlen > 1 && ((size_t)(end - p) < tlen || memcmp(p, lx->chars.terminator, tlen) != 0)) {
                p++;
                break;
            }
            stop = p;
            next = p + tlen;
            terminated = true;
            break;
        case CLS_LF:
            seg->escaped = true;
            lx->line++;
            if (missing_terminator(lx, p, end)) {
                stop = p;
                while (stop > seg->text && (stop[-1] == '\r' || stop[-1] == ' '))
                    stop--;
                next = p + 1;
                report(lx, seg->number, seg->tag[0] ? seg->tag : NULL, true,
                       "segment terminator missing; the segment ends at the line break");
            } else {
                p++;
            }
            break;
        case CLS_CR:
            seg->escaped = true;
            p++;
            break;
        case CLS_QUOTE_LEAD:
            if ((size_t)(end - p) >= 3 && (unsigned char)p[1] == 0x80 && (unsigned char)p[2] == 0x99) {
                const char *q = p + 3;
                while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
                    q++;
                if (q >= end || *q == '\n') {
                    stop = p;
                    next = p + 3;
                    report(lx, seg->number, seg->tag[0] ? seg->tag : NULL, true,
                           "typographic \xE2\x80\x99 taken for the segment terminator '");
                    break;
                }
            }
            p++;
            break;
        default:
            p++;
            break;
        }
        if (stop)
            break;
    }
    if (!stop) {
        stop = end;
        next = end;
        if (!terminated)
            report(lx, seg->number, seg->tag[0] ? seg->tag : NULL, true,
                   "segment terminator missing at the end of the input");
    }
    CLOSE_COMPONENT(stop);
#undef CLOSE_COMPONENT
    seg->len = (size_t)(stop - seg->text);
    seg->first[n_elem] = (uint16_t)n_comp;
    seg->n_elements = n_elem;
    if (overflow && !seg->problem)
        seg->problem = "too many elements or components";
    lx->pos = (size_t)(next - lx->data);
    if (tagged && memcmp(seg->tag, "UNZ", 3) == 0)
        lx->inside = false;
    return true;
}

unsigned pw_edifact_components(const pw_edifact_segment *seg, unsigned element)
{
    if (element >= seg->n_elements)
        return 0;
    return (unsigned)(seg->first[element + 1] - seg->first[element]);
}

size_t pw_edifact_value(const pw_edifact_segment *seg, unsigned element, unsigned component,
                        char *out, size_t cap)
{
    if (cap)
        out[0] = '\0';
    if (component >= pw_edifact_components(seg, element))
        return 0;
    unsigned i = seg->first[element] + component;
    const char *s = seg->text + seg->span[i].off;
    size_t n = seg->span[i].len;
    if (!seg->escaped) {
        if (cap) {
            size_t k = n < cap - 1 ? n : cap - 1;
            memcpy(out, s, k);
            out[k] = '\0';
        }
        return n;
    }
    size_t w = 0;
    for (size_t r = 0; r < n; r++) {
        char c = s[r];
        if (c == '\r' || c == '\n')
            continue;
        if (c == seg->release && r + 1 < n) {
            c = s[++r];
            if (c == '\r' || c == '\n')
                continue;
        }
        if (w + 1 < cap)
            out[w] = c;
        w++;
    }
    if (cap)
        out[w < cap ? w : cap - 1] = '\0';
    return w;
}

bool pw_edifact_is(const pw_edifact_segment *seg, unsigned element, unsigned component, const char *s)
{
    char buf[64];
    size_t n = pw_edifact_value(seg, element, component, buf, sizeof buf);
    return n < sizeof buf && strcmp(buf, s) == 0;
}

/*
 * un.c — the UN Security Council consolidated sanctions list (XML,
 * https://www.un.org/sc/resources/sc-sanctions.xsd), read with libxml2.
 *
 * Each INDIVIDUAL becomes an entry: id REFERENCE_NUMBER (DATAID when there
 * is none); the primary name is FIRST_NAME SECOND_NAME THIRD_NAME
 * FOURTH_NAME as one whole name, because the family name may be any of them;
 * NAME_ORIGINAL_SCRIPT and every INDIVIDUAL_ALIAS ALIAS_NAME are aliases.
 * INDIVIDUAL_DATE_OF_BIRTH gives exact dates (DATE), years (YEAR), ranges
 * (FROM_YEAR/TO_YEAR, stored as years) or prose in NOTE ("Nov. 1962").
 * NATIONALITY values and document countries are names, turned into alpha-3
 * codes (an unknown name is a warning, the entry is kept). ENTITY records
 * are counted as skipped. Al-Qaida/ISIL entries are terrorism, the others
 * sanctions.
 */
#define _GNU_SOURCE             /* strcasestr */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "watchlist.h"

static bool is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

/* The text of an element, without surrounding white space, into buf. */
static const char *text(const xmlNode *n, char *buf, size_t cap)
{
    size_t len = 0;
    for (const xmlNode *c = n ? n->children : NULL; c; c = c->next) {
        if ((c->type != XML_TEXT_NODE && c->type != XML_CDATA_SECTION_NODE) || !c->content)
            continue;
        size_t k = strlen((const char *)c->content);
        if (k > cap - 1 - len)
            k = cap - 1 - len;
        memcpy(buf + len, c->content, k);
        len += k;
    }
    buf[len] = '\0';
    wl_span t = wl_trim(buf, len);
    memmove(buf, t.p, t.n);
    buf[t.n] = '\0';
    return buf;
}

static const xmlNode *child(const xmlNode *n, const char *name)
{
    for (const xmlNode *c = n->children; c; c = c->next)
        if (is(c, name))
            return c;
    return NULL;
}

static const char *child_text(const xmlNode *n, const char *name, char *buf, size_t cap)
{
    const xmlNode *c = child(n, name);
    if (!c) {
        buf[0] = '\0';
        return buf;
    }
    return text(c, buf, cap);
}

/* The whole text of a child element, trimmed, kept in the list (an id is
 * compared and stored whole); NULL when there is none. */
static const char *child_kept(wl_load *ld, const xmlNode *n, const char *name)
{
    const xmlNode *c = child(n, name);
    xmlChar *content = c ? xmlNodeGetContent(c) : NULL;
    const char *kept = content ? watchlist_keep(ld->w, (const char *)content, strlen((const char *)content)) : NULL;
    xmlFree(content);
    return kept;
}

/* A date of birth from NOTE prose: "Nov. 1962", "August 1962", "Between Aug.
 * and Sep. 1965" (the year). False when no year is there. */
static bool date_from_note(const char *note, pw_date *out)
{
    size_t n = strlen(note);
    for (size_t i = n; i >= 4; i--) {
        int year;
        if (!wl_year((wl_span){note + i - 4, 4}, &year))
            continue;
        if ((i > 4 && isdigit((unsigned char)note[i - 5])) || isdigit((unsigned char)note[i]))
            continue;
        if (note[i] == '/' || (i > 4 && note[i - 5] == '/'))
            return false;               /* dd/mm/yyyy: a Hijri date in this list */
        size_t start = i - 4;
        while (start > 0 && note[start - 1] == ' ')
            start--;
        size_t word = start;
        while (word > 0 && note[word - 1] != ' ')
            word--;
        if (!strcasestr(note, "between") &&
            wl_parse_date_phrase((wl_span){note + word, i - word}, out))
            return true;
        *out = (pw_date){(int16_t)year, 0, 0};
        return true;
    }
    return false;
}

static void read_dob(wl_load *ld, unsigned line, const xmlNode *n, wl_builder *b)
{
    char buf[256];
    pw_date d;
    const char *date = child_text(n, "DATE", buf, sizeof buf);
    if (*date) {
        char head[11];
        snprintf(head, sizeof head, "%s", date);
        if (pw_date_parse(head, &d))
            wl_add_dob(b, d);
        else
            wl_report(ld, line, 0, "DATE", true, "date of birth not understood: \"%s\"", date);
        return;
    }
    char from[16], to[16];
    child_text(n, "FROM_YEAR", from, sizeof from);
    child_text(n, "TO_YEAR", to, sizeof to);
    int y1, y2;
    if (*from && *to && wl_year((wl_span){from, strlen(from)}, &y1) &&
        wl_year((wl_span){to, strlen(to)}, &y2)) {
        wl_add_range(b, (pw_date){(int16_t)y1, 0, 0}, (pw_date){(int16_t)y2, 0, 0});
        return;
    }
    const char *year = child_text(n, "YEAR", buf, sizeof buf);
    if (*year) {
        if (wl_year((wl_span){year, strlen(year)}, &y1))
            wl_add_dob(b, (pw_date){(int16_t)y1, 0, 0});
        else
            wl_report(ld, line, 0, "YEAR", true, "year of birth not understood: \"%s\"", year);
        return;
    }
    const char *note = child_text(n, "NOTE", buf, sizeof buf);
    if (!*note)
        return;
    if (date_from_note(note, &d))
        wl_add_dob(b, d);
    else
        wl_report(ld, line, 0, "INDIVIDUAL_DATE_OF_BIRTH", true,
                  "date of birth not understood: \"%s\"", note);
}

static void read_document(wl_load *ld, unsigned line, const xmlNode *n, wl_builder *b)
{
    char buf[256];
    const char *number = child_text(n, "NUMBER", buf, sizeof buf);
    if (!*number)
        return;
    pw_document doc;
    memset(&doc, 0, sizeof doc);
    doc.number = pw_arena_strdup(watchlist_arena(ld->w), number);
    char type[128];
    child_text(n, "TYPE_OF_DOCUMENT", type, sizeof type);
    if (strcasestr(type, "passport") || strcasestr(type, "passeport") ||
        strcasestr(type, "pasaporte"))
        memcpy(doc.type, "P", 2);
    else if (strncasecmp(type, "National Identification", 23) == 0)
        memcpy(doc.type, "I", 2);
    else
        memcpy(doc.type, "O", 2);
    char country[128];
    child_text(n, "ISSUING_COUNTRY", country, sizeof country);
    if (!*country)
        child_text(n, "COUNTRY_OF_ISSUE", country, sizeof country);
    if (*country && !watchlist_country(country, doc.country)) {
        doc.country[0] = '\0';
        wl_report(ld, line, 0, "ISSUING_COUNTRY", true, "unknown country \"%s\"", country);
    }
    if (doc.number)
        wl_add_document(b, &doc);
}

/* FIRST..FOURTH_NAME as one name; commas inside parts are not name order here. */
static const char *whole_name(wl_load *ld, const xmlNode *n)
{
    static const char *const parts[] = {"FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"};
    char name[1024], buf[512];
    size_t len = 0;
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++) {
        const char *part = child_text(n, parts[i], buf, sizeof buf);
        for (const char *p = part; *p && len + 2 < sizeof name; p++) {
            char c = *p == ',' ? ' ' : *p;
            if (c == ' ' && (len == 0 || name[len - 1] == ' '))
                continue;
            name[len++] = c;
        }
        if (len && name[len - 1] != ' ' && len + 2 < sizeof name)
            name[len++] = ' ';
    }
    return watchlist_keep(ld->w, name, len);
}

static bool is_terrorism(const char *list_type, const char *reference)
{
    return strcasestr(list_type, "qaida") || strcasestr(list_type, "ISIL") ||
           strcasecmp(list_type, "AQ") == 0 || strncmp(reference, "QD", 2) == 0;
}

static void read_individual(wl_load *ld, const xmlNode *n, wl_builder *b)
{
    pw_watchlist *w = ld->w;
    unsigned line = (unsigned)xmlGetLineNo((xmlNode *)n);
    char buf[1024];
    const char *ref = child_kept(ld, n, "REFERENCE_NUMBER");
    if (!ref)
        ref = child_kept(ld, n, "DATAID");
    if (!ref) {
        wl_report(ld, line, 0, "REFERENCE_NUMBER", false, "missing id (REFERENCE_NUMBER, DATAID)");
        ld->stats->rejected++;
        return;
    }
    if (watchlist_has(w, ld->list, ref)) {
        wl_report(ld, line, 0, "REFERENCE_NUMBER", false, "duplicate id \"%s\" in list \"%s\"",
                  ref, ld->list);
        ld->stats->rejected++;
        return;
    }
    wl_builder_reset(b);
    b->list = ld->list;
    wl_add_name(b, whole_name(ld, n));
    if (!b->n_names) {
        wl_report(ld, line, 0, "FIRST_NAME", false, "no name");
        ld->stats->rejected++;
        return;
    }
    b->id = ref;
    child_text(n, "UN_LIST_TYPE", buf, sizeof buf);
    b->category = is_terrorism(buf, ref) ? PW_CAT_TERRORISM : PW_CAT_SANCTIONS;
    child_text(n, "GENDER", buf, sizeof buf);
    b->sex = strcasecmp(buf, "male") == 0 ? 'M' : strcasecmp(buf, "female") == 0 ? 'F' : 0;
    child_text(n, "NAME_ORIGINAL_SCRIPT", buf, sizeof buf);
    if (*buf)
        wl_add_name(b, pw_arena_strdup(watchlist_arena(w), buf));
    for (const xmlNode *c = n->children; c; c = c->next) {
        if (is(c, "INDIVIDUAL_ALIAS")) {
            child_text(c, "ALIAS_NAME", buf, sizeof buf);
            if (*buf)
                wl_add_name(b, pw_arena_strdup(watchlist_arena(w), buf));
        } else if (is(c, "INDIVIDUAL_DATE_OF_BIRTH")) {
            read_dob(ld, line, c, b);
        } else if (is(c, "NATIONALITY")) {
            for (const xmlNode *v = c->children; v; v = v->next) {
                if (!is(v, "VALUE"))
                    continue;
                text(v, buf, sizeof buf);
                char code[4];
                if (!*buf || strcasecmp(buf, "na") == 0 || strcasecmp(buf, "n/a") == 0)
                    continue;
                if (watchlist_country(buf, code))
                    wl_add_nationality(b, code);
                else
                    wl_report(ld, line, 0, "NATIONALITY", true, "unknown country \"%s\"", buf);
            }
        } else if (is(c, "INDIVIDUAL_DOCUMENT")) {
            read_document(ld, line, c, b);
        }
    }
    if (b->overflow)
        wl_report(ld, line, 0, NULL, true, "too many values: %zu left out", b->overflow);
    pw_status s = watchlist_commit(w, b);
    if (s != PW_OK) {
        wl_report(ld, line, 0, NULL, false, "%s", pw_status_str(s));
        ld->stats->rejected++;
        return;
    }
    ld->stats->entries++;
    ld->stats->aliases += b->n_names - 1;
}

pw_status watchlist_load_un(wl_load *ld, const char *data, size_t len)
{
    if (len > (size_t)INT32_MAX) {
        wl_report(ld, 0, 0, NULL, false, "file too large");
        return PW_ERR_LIMIT;
    }
    xmlInitParser();
    xmlDoc *doc = xmlReadMemory(data, (int)len, ld->file, NULL,
                                XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                                    XML_PARSE_NOWARNING);
    if (!doc) {
        const xmlError *e = xmlGetLastError();
        char message[256];
        snprintf(message, sizeof message, "%s", e && e->message ? e->message : "parse error");
        message[strcspn(message, "\n")] = '\0';
        wl_report(ld, e ? (unsigned)e->line : 0, 0, NULL, false, "not well-formed XML: %s",
                  message);
        return PW_ERR_FORMAT;
    }
    wl_builder *b = malloc(sizeof *b);
    if (!b) {
        xmlFreeDoc(doc);
        return PW_ERR_NOMEM;
    }
    const xmlNode *root = xmlDocGetRootElement(doc);
    for (const xmlNode *group = root ? root->children : NULL; group; group = group->next) {
        for (const xmlNode *n = group->children; n; n = n->next) {
            if (is(n, "INDIVIDUAL"))
                read_individual(ld, n, b);
            else if (is(n, "ENTITY"))
                ld->stats->skipped++;
        }
    }
    free(b);
    xmlFreeDoc(doc);
    return PW_OK;
}

/*
 * cusres.c — the interactive API (iAPI) reply: a CUSRES (D05B, IATA/WCO iAPI
 * guidelines) answering a PAXLST request with a board / no-board verdict per
 * traveler, as exchanged with China's NIA (deyoz/astra iapi_china.ts).
 *
 * A pure function of the request text and the verdicts: the envelope turned
 * around (sender and recipient swapped, the request's references kept), BGM
 * 962, RFF TN, per flight leg RFF AF with the leg's DTM and LOC, then per
 * traveler ERP 2, RFF AVF/ABO, ERC 0Z (board) or 1Z (no board) and FTX AAP.
 * The reply uses the request's service characters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "edifact.h"

#define MAX_VALUE 128

typedef struct out_buf {
    char *p;
    size_t n, cap;
    bool failed;
    pw_edifact_chars chars;
    unsigned segments;
} out_buf;

static void raw(out_buf *o, const char *s, size_t n)
{
    if (o->failed)
        return;
    if (o->n + n + 1 > o->cap) {
        size_t ncap = (o->cap + n + 1) * 2;
        char *np = realloc(o->p, ncap);
        if (!np) {
            o->failed = true;
            return;
        }
        o->p = np;
        o->cap = ncap;
    }
    memcpy(o->p + o->n, s, n);
    o->n += n;
    o->p[o->n] = '\0';
}

/* A value, with the service characters in it released. */
static void value(out_buf *o, const char *s)
{
    for (; *s; s++) {
        char c = *s;
        if (c == o->chars.component || c == o->chars.element || c == o->chars.release ||
            c == o->chars.terminator[0])
            raw(o, &o->chars.release, 1);
        raw(o, &c, 1);
    }
}

static void tag(out_buf *o, const char *t)
{
    raw(o, t, 3);
}

static void elem(out_buf *o)
{
    raw(o, &o->chars.element, 1);
}

static void comp(out_buf *o)
{
    raw(o, &o->chars.component, 1);
}

static void end(out_buf *o)
{
    raw(o, o->chars.terminator, o->chars.terminator_len);
    raw(o, "\n", 1);
    o->segments++;
}

/* What the reply needs from the request. */
typedef struct leg_info {
    char flight[MAX_VALUE];
    char dtm[4][3][MAX_VALUE];      /* qualifier, value, format */
    unsigned n_dtm;
    char loc[4][2][MAX_VALUE];
    unsigned n_loc;
} leg_info;

typedef struct pax_info {
    char avf[MAX_VALUE], abo[MAX_VALUE];
} pax_info;

typedef struct request {
    char syntax[2][MAX_VALUE];
    char sender[MAX_VALUE], recipient[MAX_VALUE], unb_ref[MAX_VALUE], app_ref[MAX_VALUE];
    bool has_ung;
    char ung_ref[MAX_VALUE], ung_version[2][MAX_VALUE];
    char unh_ref[MAX_VALUE], access[MAX_VALUE], version[4][MAX_VALUE];
    char tn[MAX_VALUE];
    leg_info *legs;
    size_t n_legs, cap_legs;
    pax_info *pax;
    size_t n_pax, cap_pax;
} request;

static void v(const pw_edifact_segment *s, unsigned e, unsigned c, char *out)
{
    pw_edifact_value(s, e, c, out, MAX_VALUE);
}

static void *grow(void **arr, size_t *n, size_t *cap, size_t elem)
{
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        void *np = realloc(*arr, ncap * elem);
        if (!np)
            return NULL;
        *arr = np;
        *cap = ncap;
    }
    void *p = (char *)*arr + (*n)++ * elem;
    memset(p, 0, elem);
    return p;
}

static pw_status read_request(const char *data, size_t len, request *rq, pw_edifact_chars *chars)
{
    pw_edifact_lexer lx;
    pw_edifact_segment *s = malloc(sizeof *s);
    if (!s)
        return PW_ERR_NOMEM;
    pw_edifact_lexer_init(&lx, "request", data, len, NULL, NULL);
    bool in_paxlst = false, done = false, in_traveler = false;
    pw_status st = PW_ERR_FORMAT;
    while (!done && pw_edifact_next(&lx, s)) {
        const char *t = s->tag;
        if (memcmp(t, "UNB", 4) == 0) {
            v(s, 0, 0, rq->syntax[0]);
            v(s, 0, 1, rq->syntax[1]);
            v(s, 1, 0, rq->sender);
            v(s, 2, 0, rq->recipient);
            v(s, 4, 0, rq->unb_ref);
            v(s, 6, 0, rq->app_ref);
            *chars = *pw_edifact_lexer_chars(&lx);
        } else if (memcmp(t, "UNG", 4) == 0) {
            rq->has_ung = true;
            v(s, 4, 0, rq->ung_ref);
            v(s, 6, 0, rq->ung_version[0]);
            v(s, 6, 1, rq->ung_version[1]);
        } else if (memcmp(t, "UNH", 4) == 0) {
            char type[MAX_VALUE];
            v(s, 1, 0, type);
            in_paxlst = strcmp(type, "PAXLST") == 0;
            if (in_paxlst) {
                v(s, 0, 0, rq->unh_ref);
                v(s, 2, 0, rq->access);
                for (unsigned c = 0; c < 4; c++)
                    v(s, 1, c + 1, rq->version[c]);
                *chars = *pw_edifact_lexer_chars(&lx);
                st = PW_OK;
            }
        } else if (!in_paxlst) {
            continue;
        } else if (memcmp(t, "UNT", 4) == 0) {
            done = true;
        } else if (memcmp(t, "RFF", 4) == 0 && !in_traveler) {
            char q[MAX_VALUE];
            v(s, 0, 0, q);
            if (strcmp(q, "TN") == 0)
                v(s, 0, 1, rq->tn);
        } else if (memcmp(t, "TDT", 4) == 0) {
            leg_info *l = grow((void **)&rq->legs, &rq->n_legs, &rq->cap_legs, sizeof *l);
            if (!l) {
                st = PW_ERR_NOMEM;
                break;
            }
            v(s, 1, 0, l->flight);
        } else if ((memcmp(t, "LOC", 4) == 0 || memcmp(t, "DTM", 4) == 0) && !in_traveler && rq->n_legs) {
            leg_info *l = &rq->legs[rq->n_legs - 1];
            bool loc = t[0] == 'L';
            unsigned *n = loc ? &l->n_loc : &l->n_dtm;
            if (*n < 4) {
                v(s, 0, 0, loc ? l->loc[*n][0] : l->dtm[*n][0]);
                if (loc)
                    v(s, 1, 0, l->loc[*n][1]);
                else {
                    v(s, 0, 1, l->dtm[*n][1]);
                    v(s, 0, 2, l->dtm[*n][2]);
                }
                (*n)++;
            }
        } else if (memcmp(t, "NAD", 4) == 0) {
            char q[MAX_VALUE];
            v(s, 0, 0, q);
            if (strcmp(q, "FL") == 0 || strcmp(q, "FM") == 0 || strcmp(q, "DDT") == 0 || strcmp(q, "DDU") == 0) {
                in_traveler = true;
                if (!grow((void **)&rq->pax, &rq->n_pax, &rq->cap_pax, sizeof *rq->pax)) {
                    st = PW_ERR_NOMEM;
                    break;
                }
            }
        } else if (memcmp(t, "RFF", 4) == 0 && in_traveler) {
            char q[MAX_VALUE];
            v(s, 0, 0, q);
            pax_info *p = &rq->pax[rq->n_pax - 1];
            if (strcmp(q, "AVF") == 0)
                v(s, 0, 1, p->avf);
            else if (strcmp(q, "ABO") == 0)
                v(s, 0, 1, p->abo);
        }
    }
    free(s);
    return st;
}

pw_status pw_cusres_reply(const char *request_text, size_t len, const pw_iapi_verdict *verdicts,
                          size_t n_verdicts, int64_t now, char **out, size_t *out_len)
{
    if (!request_text || !out)
        return PW_ERR_ARG;
    *out = NULL;
    request rq;
    memset(&rq, 0, sizeof rq);
    out_buf o = {0};
    pw_status st = read_request(request_text, len, &rq, &o.chars);
    if (st != PW_OK)
        goto done;
    if (n_verdicts < rq.n_pax) {
        st = PW_ERR_ARG;
        goto done;
    }
    time_t tt = (time_t)now;
    struct tm tm;
    gmtime_r(&tt, &tm);
    char date[48], hhmm[32];
    snprintf(date, sizeof date, "%02d%02d%02d", tm.tm_year % 100, tm.tm_mon + 1, tm.tm_mday);
    snprintf(hhmm, sizeof hhmm, "%02d%02d", tm.tm_hour, tm.tm_min);

    /* The envelope, turned around. */
    tag(&o, "UNB"); elem(&o);
    value(&o, rq.syntax[0][0] ? rq.syntax[0] : "UNOA"); comp(&o); value(&o, rq.syntax[1][0] ? rq.syntax[1] : "4");
    elem(&o); value(&o, rq.recipient);
    elem(&o); value(&o, rq.sender);
    elem(&o); value(&o, date); comp(&o); value(&o, hhmm);
    elem(&o); value(&o, rq.unb_ref);
    if (rq.app_ref[0]) {
        elem(&o); elem(&o); value(&o, rq.app_ref);
    }
    end(&o);
    unsigned before_unh = o.segments;
    if (rq.has_ung) {
        tag(&o, "UNG"); elem(&o); value(&o, "CUSRES");
        elem(&o); value(&o, rq.recipient);
        elem(&o); value(&o, rq.sender);
        elem(&o); value(&o, date); comp(&o); value(&o, hhmm);
        elem(&o); value(&o, rq.ung_ref);
        elem(&o); value(&o, "UN");
        elem(&o); value(&o, rq.ung_version[0][0] ? rq.ung_version[0] : "D");
        comp(&o); value(&o, rq.ung_version[1][0] ? rq.ung_version[1] : "05B");
        end(&o);
        before_unh = o.segments;
    }
    tag(&o, "UNH"); elem(&o); value(&o, rq.unh_ref);
    elem(&o); value(&o, "CUSRES");
    for (unsigned c = 0; c < 4; c++) {
        static const char *const defaults[4] = {"D", "05B", "UN", "IATA"};
        comp(&o);
        value(&o, rq.version[c][0] ? rq.version[c] : defaults[c]);
    }
    if (rq.access[0]) {
        elem(&o); value(&o, rq.access);
        elem(&o); value(&o, "01"); comp(&o); value(&o, "F");
    }
    end(&o);
    tag(&o, "BGM"); elem(&o); value(&o, "962"); end(&o);
    if (rq.tn[0]) {
        tag(&o, "RFF"); elem(&o); value(&o, "TN"); comp(&o); value(&o, rq.tn); end(&o);
    }
    for (size_t i = 0; i < rq.n_legs; i++) {
        const leg_info *l = &rq.legs[i];
        tag(&o, "RFF"); elem(&o); value(&o, "AF"); comp(&o); value(&o, l->flight); end(&o);
        for (unsigned k = 0; k < l->n_dtm; k++) {
            tag(&o, "DTM"); elem(&o); value(&o, l->dtm[k][0]); comp(&o); value(&o, l->dtm[k][1]);
            if (l->dtm[k][2][0]) {
                comp(&o);
                value(&o, l->dtm[k][2]);
            }
            end(&o);
        }
        for (unsigned k = 0; k < l->n_loc; k++) {
            tag(&o, "LOC"); elem(&o); value(&o, l->loc[k][0]); elem(&o); value(&o, l->loc[k][1]); end(&o);
        }
    }
    for (size_t i = 0; i < rq.n_pax; i++) {
        const pax_info *p = &rq.pax[i];
        const pw_iapi_verdict *vd = &verdicts[i];
        tag(&o, "ERP"); elem(&o); value(&o, "2"); end(&o);
        if (p->avf[0]) {
            tag(&o, "RFF"); elem(&o); value(&o, "AVF"); comp(&o); value(&o, p->avf); end(&o);
        }
        if (p->abo[0]) {
            tag(&o, "RFF"); elem(&o); value(&o, "ABO"); comp(&o); value(&o, p->abo); end(&o);
        }
        tag(&o, "ERC"); elem(&o); value(&o, vd->board ? "0Z" : "1Z"); end(&o);
        tag(&o, "FTX"); elem(&o); value(&o, "AAP"); elem(&o); elem(&o); elem(&o);
        value(&o, vd->text ? vd->text : vd->board ? "OK TO BOARD" : "NO BOARD"); end(&o);
    }
    char count[16];
    snprintf(count, sizeof count, "%u", o.segments - before_unh + 1);
    tag(&o, "UNT"); elem(&o); value(&o, count); elem(&o); value(&o, rq.unh_ref); end(&o);
    if (rq.has_ung) {
        tag(&o, "UNE"); elem(&o); value(&o, "1"); elem(&o); value(&o, rq.ung_ref); end(&o);
    }
    tag(&o, "UNZ"); elem(&o); value(&o, "1"); elem(&o); value(&o, rq.unb_ref); end(&o);
    if (o.failed) {
        st = PW_ERR_NOMEM;
        goto done;
    }
    *out = o.p;
    o.p = NULL;
    if (out_len)
        *out_len = o.n;
done:
    free(o.p);
    free(rq.legs);
    free(rq.pax);
    return st;
}

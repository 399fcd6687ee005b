/*
 * eval.c — evaluates compiled rules (compile.c) for one traveler: a walk
 * over the typed syntax tree, with fields read by resolved id and nothing
 * allocated. Logic has three values: a comparison with a missing field is
 * unknown, "not unknown" is unknown, and a rule holds only when its
 * condition is true, so missing data never raises an alert by itself.
 * (The one exception is leg.international, which is true when an airport's
 * country is not in the table: see airports.c and rules/README.md.)
 *
 * When a rule holds, it is walked once more to write its reasons: the
 * sub-conditions that were true and the values that made them so. Also the
 * JSON form of a rule hit (FORMATS.md, "type":"rule").
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "model/model.h"
#include "rules.h"

typedef struct obj {
    const void *p;          /* the element itself */
    const void *base;       /* the array it belongs to (legs, for the neighbours of a leg) */
    uint32_t i, n;          /* its index in base; for a collection, its length */
} obj;

typedef struct val {
    bool known;
    union {
        bool b;
        double num;         /* numbers and times (seconds) */
        const char *s;
        int32_t date;       /* yyyymmdd, 0 for an unknown part */
        obj o;              /* objects and collections */
    } u;
} val;

typedef struct env {
    const pw_rule_context *cx;
    pw_rule_subject self;
    obj slots[RULES_MAX_SLOTS];
    bool ref_known;
    double ref_time;        /* departure of the leg screened, else now */
    int32_t ref_date;
    const pw_ruleset *rs;
    char *out;              /* reasons being written */
    size_t cap, used;
} env;

enum { SLOT_TRAVELER = 0, SLOT_LEG = 1 };

static inline int upper(unsigned char c)
{
    return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

int rules_strcmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int ca = upper((unsigned char)*a), cb = upper((unsigned char)*b);
        if (ca != cb || !ca)
            return ca - cb;
    }
}

static bool has_prefix(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (upper((unsigned char)*s) != upper((unsigned char)*prefix))
            return false;
    return true;
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return m <= n && has_prefix(s + n - m, suffix);
}

static bool has_infix(const char *s, const char *part)
{
    if (!*part)
        return true;
    for (; *s; s++)
        if (has_prefix(s, part))
            return true;
    return false;
}

static bool list_has(const rules_list *l, const char *s)
{
    size_t lo = 0, hi = l->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = rules_strcmp(s, l->items[mid]);
        if (c == 0)
            return true;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return false;
}

/* ------------------------------------------------------------- helpers */

static void civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = (unsigned)(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

static int32_t date_of_time(double t)
{
    int64_t secs = (int64_t)t;
    int64_t days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);
    int y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    return (int32_t)(y * 10000 + (int)m * 100 + (int)d);
}

static val known_bool(bool b)
{
    val v = {.known = true};
    v.u.b = b;
    return v;
}

static val known_num(double x)
{
    val v = {.known = true};
    v.u.num = x;
    return v;
}

static val str_val(const char *s)
{
    val v = {.known = s && *s};
    v.u.s = s;
    return v;
}

static val time_val(int64_t t)
{
    val v = {.known = t != 0};
    v.u.num = (double)t;
    return v;
}

static val date_val(pw_date d)
{
    val v = {.known = d.year != 0};
    v.u.date = d.year * 10000 + d.month * 100 + d.day;
    return v;
}

static val obj_val(const void *p, const void *base, size_t i, size_t n)
{
    val v = {.known = p != NULL};
    v.u.o.p = p;
    v.u.o.base = base;
    v.u.o.i = (uint32_t)i;
    v.u.o.n = (uint32_t)n;
    return v;
}

static val coll_val(const void *base, size_t n)
{
    val v = {.known = true};
    v.u.o.p = NULL;
    v.u.o.base = base;
    v.u.o.i = 0;
    v.u.o.n = base ? (uint32_t)n : 0;      /* a count without its array is nothing */
    return v;
}

static const val missing = {.known = false};

/* The legs of a traveler: its own, or else its booking's itinerary. */
static void traveler_legs(const pw_traveler *t, const pw_leg **legs, size_t *n)
{
    *legs = t->legs;
    *n = t->n_legs;
    if (!*n && t->booking) {
        *legs = t->booking->legs;
        *n = t->booking->n_legs;
    }
}

static const char *country_of(const char *airport)
{
    return airport[0] ? pw_airport_country(airport) : NULL;
}

static const char *role_name(pw_role r)
{
    switch (r) {
    case PW_ROLE_PASSENGER: return "passenger";
    case PW_ROLE_CREW: return "crew";
    case PW_ROLE_INFANT: return "infant";
    case PW_ROLE_TRANSIT: return "transit";
    }
    return "";
}

static const char *sex_name(char c)
{
    switch (c) {
    case 'M': return "M";
    case 'F': return "F";
    case 'X': return "X";
    default: return NULL;
    }
}

/* Whole years from dob to the reference date; unknown month or day count as 1. */
static val age_of(const env *e, const pw_traveler *t)
{
    if (!t->dob.year || !e->ref_known)
        return missing;
    int ry = e->ref_date / 10000, rmd = e->ref_date % 10000;
    int md = (t->dob.month ? t->dob.month : 1) * 100 + (t->dob.day ? t->dob.day : 1);
    int age = ry - t->dob.year - (rmd < md ? 1 : 0);
    return known_num(age);
}

static val leg_international(const pw_leg *l)
{
    if (!l->dep_airport[0] || !l->arr_airport[0])
        return missing;
    if (rules_strcmp(l->dep_airport, l->arr_airport) == 0)
        return known_bool(false);
    const char *a = country_of(l->dep_airport), *b = country_of(l->arr_airport);
    if (a && b)
        return known_bool(strcmp(a, b) != 0);
    return known_bool(true);     /* a country we do not know: never miss a border */
}

static val booking_one_way(const pw_leg *legs, size_t n)
{
    if (!n || !legs[0].dep_airport[0] || !legs[n - 1].arr_airport[0])
        return missing;
    const char *from = legs[0].dep_airport, *to = legs[n - 1].arr_airport;
    if (rules_strcmp(from, to) == 0)
        return known_bool(false);
    const char *a = country_of(from), *b = country_of(to);
    return known_bool(!(a && b && strcmp(a, b) == 0));
}

/* ------------------------------------------------------------ fields */

static val field_traveler(const env *e, const obj *o, rules_field f)
{
    const pw_rule_subject *s = o->p;
    const pw_traveler *t = s->traveler;
    bool is_self = o->i == 1;
    switch (f) {
    case F_T_ID: return str_val(t->id);
    case F_T_SURNAME: return str_val(t->surname);
    case F_T_GIVEN: return str_val(t->given_names);
    case F_T_NAME: return str_val(t->name);
    case F_T_DOB: return date_val(t->dob);
    case F_T_AGE: return age_of(e, t);
    case F_T_MINOR:
    case F_T_ADULT: {
        val a = age_of(e, t);
        if (!a.known)
            return t->role == PW_ROLE_INFANT ? known_bool(f == F_T_MINOR) : missing;
        return known_bool(f == F_T_MINOR ? a.u.num < 18 : a.u.num >= 18);
    }
    case F_T_SEX: return str_val(sex_name(t->sex));
    case F_T_NATIONALITY: return str_val(t->nationality);
    case F_T_RESIDENCE: return str_val(t->residence);
    case F_T_BIRTH_PLACE: return str_val(t->birth_place);
    case F_T_ROLE: return str_val(role_name(t->role));
    case F_T_INFANT_OF: return str_val(t->infant_of);
    case F_T_SEAT: return str_val(t->seat);
    case F_T_BAGS: return known_num(t->bags);
    case F_T_PLACEHOLDER: return known_bool(t->placeholder);
    case F_T_LISTED: return known_bool(s->n_hits > 0);
    case F_T_LEGS: {
        const pw_leg *legs;
        size_t n;
        traveler_legs(t, &legs, &n);
        return coll_val(legs, n);
    }
    case F_T_DOCS: return coll_val(t->docs, t->n_docs);
    case F_T_HITS: return coll_val(s->hits, s->n_hits);
    case F_T_CO_TRAVELERS:
        return is_self ? coll_val(e->cx->co_travelers, e->cx->n_co_travelers) : coll_val(NULL, 0);
    case F_T_BOOKING: return obj_val(t->booking, t, 0, 1);
    default: return missing;
    }
}

static val field_booking(const obj *o, rules_field f)
{
    const pw_booking *b = o->p;
    const pw_traveler *t = o->base;
    switch (f) {
    case F_B_LOCATOR: return str_val(b->locator);
    case F_B_CREATED: return time_val(b->created);
    case F_B_BOOKED: return time_val(b->booked);
    case F_B_PAYMENT: return str_val(b->payment_type);
    case F_B_CARD_HASH: return str_val(b->card_hash);
    case F_B_AGENCY: return str_val(b->agency);
    case F_B_PHONES: return coll_val(b->phones, b->n_phones);
    case F_B_EMAILS: return coll_val(b->emails, b->n_emails);
    case F_B_ADDRESSES: return coll_val(b->addresses, b->n_addresses);
    case F_B_TRAVELER_IDS: return coll_val(b->traveler_ids, b->n_travelers);
    case F_B_LEGS:
    case F_B_ONE_WAY: {
        const pw_leg *legs = b->legs;
        size_t n = b->n_legs;
        if (!n && t) {
            legs = t->legs;
            n = t->n_legs;
        }
        return f == F_B_LEGS ? coll_val(legs, n) : booking_one_way(legs, n);
    }
    default: return missing;
    }
}

static val field_leg(const obj *o, rules_field f)
{
    const pw_leg *l = o->p;
    const pw_leg *all = o->base;
    switch (f) {
    case F_L_CARRIER: return str_val(l->carrier);
    case F_L_FLIGHT: return str_val(l->flight);
    case F_L_OPERATING: return str_val(l->operating);
    case F_L_CODESHARE: return known_bool(l->operating && *l->operating);
    case F_L_DEP_AIRPORT: return str_val(l->dep_airport);
    case F_L_ARR_AIRPORT: return str_val(l->arr_airport);
    case F_L_DEP_COUNTRY: return str_val(country_of(l->dep_airport));
    case F_L_ARR_COUNTRY: return str_val(country_of(l->arr_airport));
    case F_L_DEP_TIME: return time_val(l->dep_time);
    case F_L_ARR_TIME: return time_val(l->arr_time);
    case F_L_INTERNATIONAL: return leg_international(l);
    case F_L_INDEX: return known_num(o->i + 1);
    case F_L_FIRST: return known_bool(o->i == 0);
    case F_L_LAST: return known_bool(o->i + 1 == o->n);
    case F_L_BROKEN: {
        if (o->i == 0)
            return known_bool(false);
        const pw_leg *prev = &all[o->i - 1];
        if (!prev->arr_airport[0] || !l->dep_airport[0])
            return missing;
        return known_bool(rules_strcmp(prev->arr_airport, l->dep_airport) != 0);
    }
    case F_L_STAY_HOURS:
    case F_L_STAY_DAYS: {
        if (o->i + 1 >= o->n)
            return missing;
        int64_t arrived = l->arr_time ? l->arr_time : l->dep_time;
        int64_t left = all[o->i + 1].dep_time;
        if (!arrived || !left)
            return missing;
        return known_num((double)(left - arrived) / (f == F_L_STAY_HOURS ? 3600.0 : 86400.0));
    }
    default: return missing;
    }
}

static val field_doc(const env *e, const obj *o, rules_field f)
{
    const pw_document *d = o->p;
    switch (f) {
    case F_D_TYPE: return str_val(d->type);
    case F_D_COUNTRY: return str_val(d->country);
    case F_D_NUMBER: return str_val(d->number);
    case F_D_EXPIRY: return date_val(d->expiry);
    case F_D_EXPIRED: {
        if (!d->expiry.year || !e->ref_known)
            return missing;
        int32_t exp = d->expiry.year * 10000 + (d->expiry.month ? d->expiry.month : 12) * 100
                      + (d->expiry.day ? d->expiry.day : 31);
        return known_bool(exp < e->ref_date);
    }
    default: return missing;
    }
}

static val field_hit(const obj *o, rules_field f)
{
    const pw_hit *h = o->p;
    const pw_entry *en = h->entry;
    switch (f) {
    case F_H_SCORE: return known_num(h->score);
    case F_H_CATEGORY: return en ? str_val(pw_category_name(en->category)) : missing;
    case F_H_LIST: return en ? str_val(en->list) : missing;
    case F_H_ENTRY_ID: return en ? str_val(en->id) : missing;
    case F_H_NAME: return en && en->n_names ? str_val(en->names[0]) : missing;
    default: return missing;
    }
}

/* The i-th element of a collection of type t. */
static obj element(rules_type t, const obj *coll, uint32_t i)
{
    obj o = {NULL, coll->base, i, coll->n};
    switch (t) {
    case RT_TRAVELERS: o.p = &((const pw_rule_subject *)coll->base)[i]; o.i = 0; break;
    case RT_LEGS: o.p = &((const pw_leg *)coll->base)[i]; break;
    case RT_DOCS: o.p = &((const pw_document *)coll->base)[i]; break;
    case RT_HITS: o.p = &((const pw_hit *)coll->base)[i]; break;
    default: o.p = ((const char *const *)coll->base)[i]; break;
    }
    return o;
}

static val slot_val(const env *e, unsigned slot)
{
    const obj *o = &e->slots[slot];
    val v = {.known = o->p != NULL};
    v.u.o = *o;
    return v;
}

/* A bound element as a value: strings are bound as their text. */
static val bound_val(const env *e, const rules_node *n)
{
    if (n->type == RT_STR)
        return str_val(e->slots[n->slot].p);
    return slot_val(e, n->slot);
}

/* ------------------------------------------------------------ evaluation */

static val eval(env *e, const rules_node *n);

static int compare_vals(rules_type t, const val *a, const val *b)
{
    switch (t) {
    case RT_STR: return rules_strcmp(a->u.s, b->u.s);
    case RT_BOOL: return (int)a->u.b - (int)b->u.b;
    case RT_DATE: return a->u.date < b->u.date ? -1 : a->u.date > b->u.date;
    default: return a->u.num < b->u.num ? -1 : a->u.num > b->u.num;
    }
}

static bool cmp_holds(rules_cmp cmp, int c)
{
    switch (cmp) {
    case CMP_EQ: return c == 0;
    case CMP_NE: return c != 0;
    case CMP_LT: return c < 0;
    case CMP_LE: return c <= 0;
    case CMP_GT: return c > 0;
    case CMP_GE: return c >= 0;
    }
    return false;
}

static val eval_quantifier(env *e, const rules_node *n)
{
    val coll = eval(e, n->a);
    if (!coll.known)
        return missing;
    rules_type ct = n->a->type;
    if (!n->b)
        return known_num(coll.u.o.n);
    unsigned count = 0, unknown = 0;
    obj saved = e->slots[n->slot];
    for (uint32_t i = 0; i < coll.u.o.n; i++) {
        e->slots[n->slot] = element(ct, &coll.u.o, i);
        val v = eval(e, n->b);
        if (!v.known) {
            unknown++;
            continue;
        }
        if (v.u.b) {
            count++;
            if (n->op == OP_ANY)
                break;
        } else if (n->op == OP_ALL) {
            e->slots[n->slot] = saved;
            return known_bool(false);
        }
    }
    e->slots[n->slot] = saved;
    switch (n->op) {
    case OP_ANY: return count ? known_bool(true) : unknown ? missing : known_bool(false);
    case OP_ALL: return unknown ? missing : known_bool(true);
    default: return known_num(count);
    }
}

static val eval_text_test(env *e, const rules_node *n)
{
    val s = eval(e, n->a);
    if (!s.known)
        return missing;
    bool (*test)(const char *, const char *) =
        n->op == OP_STARTS ? has_prefix : n->op == OP_ENDS ? has_suffix : has_infix;
    if (n->u.list) {
        for (size_t i = 0; i < n->u.list->n; i++)
            if (test(s.u.s, n->u.list->items[i]))
                return known_bool(true);
        return known_bool(false);
    }
    val p = eval(e, n->b);
    if (!p.known)
        return missing;
    return known_bool(test(s.u.s, p.u.s));
}

static val eval(env *e, const rules_node *n)
{
    switch (n->op) {
    case OP_BOOL: return known_bool(n->u.boolean);
    case OP_NUM:
    case OP_TIME: return known_num(n->u.num);
    case OP_STR: return str_val(n->u.str);
    case OP_DATE: {
        val v = {.known = true};
        v.u.date = n->u.date;
        return v;
    }
    case OP_NOW: return time_val(e->cx->now);
    case OP_VAR: return bound_val(e, n);
    case OP_FIELD: {
        val o = eval(e, n->a);
        if (!o.known)
            return missing;
        switch (n->a->type) {
        case RT_TRAVELER: return field_traveler(e, &o.u.o, n->u.field);
        case RT_BOOKING: return field_booking(&o.u.o, n->u.field);
        case RT_LEG: return field_leg(&o.u.o, n->u.field);
        case RT_DOC: return field_doc(e, &o.u.o, n->u.field);
        case RT_HIT: return field_hit(&o.u.o, n->u.field);
        default: return missing;
        }
    }
    case OP_NOT: {
        val a = eval(e, n->a);
        return a.known ? known_bool(!a.u.b) : missing;
    }
    case OP_AND: {
        val a = eval(e, n->a);
        if (a.known && !a.u.b)
            return a;
        val b = eval(e, n->b);
        if (b.known && !b.u.b)
            return b;
        return a.known && b.known ? known_bool(true) : missing;
    }
    case OP_OR: {
        val a = eval(e, n->a);
        if (a.known && a.u.b)
            return a;
        val b = eval(e, n->b);
        if (b.known && b.u.b)
            return b;
        return a.known && b.known ? known_bool(false) : missing;
    }
    case OP_CMP: {
        val a = eval(e, n->a), b = eval(e, n->b);
        if (!a.known || !b.known)
            return missing;
        return known_bool(cmp_holds(n->u.cmp, compare_vals(n->a->type, &a, &b)));
    }
    case OP_IN_LIST: {
        val a = eval(e, n->a);
        return a.known ? known_bool(list_has(n->u.list, a.u.s)) : missing;
    }
    case OP_IN_COLL: {
        val a = eval(e, n->a), c = eval(e, n->b);
        if (!a.known || !c.known)
            return missing;
        const char *const *items = c.u.o.base;
        for (uint32_t i = 0; i < c.u.o.n; i++)
            if (items[i] && rules_strcmp(items[i], a.u.s) == 0)
                return known_bool(true);
        return known_bool(false);
    }
    case OP_IN_RANGE: {
        val a = eval(e, n->a), lo = eval(e, n->b), hi = eval(e, n->c);
        if (!a.known || !lo.known || !hi.known)
            return missing;
        return known_bool(compare_vals(n->a->type, &a, &lo) >= 0 && compare_vals(n->a->type, &a, &hi) <= 0);
    }
    case OP_ANY:
    case OP_ALL:
    case OP_COUNT: return eval_quantifier(e, n);
    case OP_EXISTS: {
        val a = eval(e, n->a);
        if (a.known && n->a->type >= RT_TRAVELERS)
            return known_bool(a.u.o.n > 0);
        return known_bool(a.known);
    }
    case OP_DAYS:
    case OP_HOURS: {
        val a = eval(e, n->a), b = eval(e, n->b);
        if (!a.known || !b.known)
            return missing;
        return known_num((b.u.num - a.u.num) / (n->op == OP_DAYS ? 86400.0 : 3600.0));
    }
    case OP_STARTS:
    case OP_ENDS:
    case OP_CONTAINS: return eval_text_test(e, n);
    case OP_NEG: {
        val a = eval(e, n->a);
        return a.known ? known_num(-a.u.num) : missing;
    }
    case OP_ADD:
    case OP_SUB: {
        val a = eval(e, n->a), b = eval(e, n->b);
        if (!a.known || !b.known)
            return missing;
        return known_num(n->op == OP_ADD ? a.u.num + b.u.num : a.u.num - b.u.num);
    }
    }
    return missing;
}

/* ------------------------------------------------------------- reasons */

static void emit(env *e, const char *fmt, ...)
{
    if (e->used + 1 >= e->cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int w = vsnprintf(e->out + e->used, e->cap - e->used, fmt, ap);
    va_end(ap);
    if (w < 0)
        return;
    if ((size_t)w >= e->cap - e->used) {
        e->used = e->cap - 1;
        if (e->cap >= 4)
            memcpy(e->out + e->cap - 4, "...", 4);
        return;
    }
    e->used += (size_t)w;
}

/* The source text of a node, on one line (runs of white space as one space). */
static void node_text(const env *e, const rules_node *n, char *out, size_t cap)
{
    size_t o = 0;
    bool space = false;
    for (uint32_t i = 0; i < n->src_len && o + 1 < cap; i++) {
        char c = e->rs->src[n->src_start + i];
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = true;
            continue;
        }
        if (space && o && o + 2 < cap)
            out[o++] = ' ';
        space = false;
        out[o++] = c;
    }
    out[o] = 0;
}

static void format_time(double t, char *out, size_t cap)
{
    int64_t secs = (int64_t)t;
    int32_t d = date_of_time(t);
    int64_t in_day = secs - ((secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400)) * 86400);
    snprintf(out, cap, "%04d-%02d-%02dT%02d:%02dZ", d / 10000, d / 100 % 100, d % 100, (int)(in_day / 3600),
             (int)(in_day / 60 % 60));
}

static void format_val(const env *e, rules_type t, const val *v, char *out, size_t cap)
{
    if (!v->known) {
        snprintf(out, cap, "unknown");
        return;
    }
    switch (t) {
    case RT_BOOL: snprintf(out, cap, "%s", v->u.b ? "true" : "false"); break;
    case RT_NUM: snprintf(out, cap, "%.4g", v->u.num); break;
    case RT_STR: snprintf(out, cap, "%s", v->u.s); break;
    case RT_TIME: format_time(v->u.num, out, cap); break;
    case RT_DATE: {
        pw_date d = {(int16_t)(v->u.date / 10000), (uint8_t)(v->u.date / 100 % 100), (uint8_t)(v->u.date % 100)};
        pw_date_format(d, out, cap);
        break;
    }
    case RT_TRAVELER: {
        const pw_traveler *tr = ((const pw_rule_subject *)v->u.o.p)->traveler;
        snprintf(out, cap, "%s %s%s%s", tr->id ? tr->id : "?", tr->surname ? tr->surname : tr->name ? tr->name : "",
                 tr->given_names ? "/" : "", tr->given_names ? tr->given_names : "");
        break;
    }
    case RT_LEG: {
        const pw_leg *l = v->u.o.p;
        snprintf(out, cap, "%s %s-%s", l->flight ? l->flight : "?", l->dep_airport, l->arr_airport);
        break;
    }
    case RT_DOC: {
        const pw_document *d = v->u.o.p;
        snprintf(out, cap, "%s/%s/%s", d->type, d->country, d->number ? d->number : "");
        break;
    }
    case RT_HIT: {
        const pw_hit *h = v->u.o.p;
        snprintf(out, cap, "%s %s %.2f", h->entry && h->entry->id ? h->entry->id : "?",
                 h->entry ? pw_category_name(h->entry->category) : "", h->score);
        break;
    }
    case RT_BOOKING: {
        const pw_booking *b = v->u.o.p;
        snprintf(out, cap, "%s", b->locator ? b->locator : "?");
        break;
    }
    default: snprintf(out, cap, "%u", v->u.o.n); break;
    }
    (void)e;
}

static bool is_constant(const rules_node *n)
{
    return n->op == OP_BOOL || n->op == OP_NUM || n->op == OP_STR || n->op == OP_TIME || n->op == OP_DATE;
}

/* One reason line: the condition's text, then the value(s) that decided it. */
static void explain_leaf(env *e, const rules_node *n)
{
    char text[200], value[120] = "";
    node_text(e, n, text, sizeof text);
    const rules_node *shown = NULL;
    if (n->op == OP_CMP)
        shown = !is_constant(n->a) ? n->a : !is_constant(n->b) ? n->b : NULL;
    else if (n->op == OP_IN_LIST || n->op == OP_IN_COLL || n->op == OP_IN_RANGE || n->op == OP_EXISTS
             || n->op == OP_STARTS || n->op == OP_ENDS || n->op == OP_CONTAINS)
        shown = is_constant(n->a) ? NULL : n->a;
    if (shown) {
        val v = eval(e, shown);
        format_val(e, shown->type, &v, value, sizeof value);
        /* two fields compared: show the other side too, unless equal */
        if (n->op == OP_CMP && n->u.cmp != CMP_EQ && !is_constant(n->a) && !is_constant(n->b)) {
            char other[60];
            val w = eval(e, n->b);
            format_val(e, n->b->type, &w, other, sizeof other);
            size_t used = strlen(value);
            snprintf(value + used, sizeof value - used, " vs %s", other);
        }
    } else if (n->op == OP_FIELD && (n->u.field == F_T_MINOR || n->u.field == F_T_ADULT)) {
        val o = eval(e, n->a);
        if (o.known) {
            val age = age_of(e, ((const pw_rule_subject *)o.u.o.p)->traveler);
            if (age.known)
                snprintf(value, sizeof value, "age %d", (int)age.u.num);
            else
                snprintf(value, sizeof value, "infant, age unknown");
        }
    } else if (n->op == OP_FIELD && n->u.field == F_L_INTERNATIONAL) {
        val o = eval(e, n->a);
        if (o.known) {
            const pw_leg *l = o.u.o.p;
            const char *a = country_of(l->dep_airport), *b = country_of(l->arr_airport);
            snprintf(value, sizeof value, "%s %s -> %s %s", l->dep_airport, a ? a : "country unknown",
                     l->arr_airport, b ? b : "country unknown");
        }
    } else if (n->op == OP_FIELD && n->a->type == RT_BOOKING && n->u.field == F_B_ONE_WAY) {
        val o = eval(e, n->a);
        if (o.known) {
            val legs = field_booking(&o.u.o, F_B_LEGS);
            const pw_leg *l = legs.u.o.base;
            if (legs.u.o.n)
                snprintf(value, sizeof value, "%s -> %s", l[0].dep_airport, l[legs.u.o.n - 1].arr_airport);
        }
    }
    if (value[0])
        emit(e, "%s%s (%s)", e->used ? "\n" : "", text, value);
    else
        emit(e, "%s%s", e->used ? "\n" : "", text);
}

static void explain(env *e, const rules_node *n)
{
    switch (n->op) {
    case OP_AND:
        explain(e, n->a);
        explain(e, n->b);
        return;
    case OP_OR: {
        val a = eval(e, n->a);
        explain(e, a.known && a.u.b ? n->a : n->b);
        return;
    }
    case OP_ANY: {
        val coll = eval(e, n->a);
        if (!coll.known)
            return;
        obj saved = e->slots[n->slot];
        for (uint32_t i = 0; i < coll.u.o.n; i++) {
            e->slots[n->slot] = element(n->a->type, &coll.u.o, i);
            val v = eval(e, n->b);
            if (v.known && v.u.b) {
                char text[120], value[120];
                node_text(e, n->a, text, sizeof text);
                val bound = e->slots[n->slot].p ? (val){.known = true} : missing;
                bound.u.o = e->slots[n->slot];
                if (n->a->type == RT_STRS)
                    bound.u.s = e->slots[n->slot].p;
                format_val(e, rules_element_type(n->a->type), &bound, value, sizeof value);
                emit(e, "%sany %s in %s: %s = %s", e->used ? "\n" : "", n->var, text, n->var, value);
                explain(e, n->b);
                break;
            }
        }
        e->slots[n->slot] = saved;
        return;
    }
    case OP_ALL: {
        char text[120];
        node_text(e, n->a, text, sizeof text);
        val coll = eval(e, n->a);
        emit(e, "%sall %s in %s (%u of %u)", e->used ? "\n" : "", n->var, text, coll.u.o.n, coll.u.o.n);
        return;
    }
    default:
        explain_leaf(e, n);
        return;
    }
}

/* ---------------------------------------------------------------- public */

static void resolve_notice(const rules_rule *r, const env *e, pw_rule_hit *h)
{
    h->notice = r->notice;
    h->notice_country[0] = 0;
    const char *c = NULL;
    const pw_leg *l = e->slots[SLOT_LEG].p;
    switch (r->notice_kind) {
    case NOTICE_DESTINATION: c = l ? country_of(l->arr_airport) : NULL; break;
    case NOTICE_ORIGIN: c = l ? country_of(l->dep_airport) : NULL; break;
    case NOTICE_NATIONALITY: c = e->self.traveler->nationality; break;
    default: break;
    }
    if (c && strlen(c) == 3)
        memcpy(h->notice_country, c, 4);
}

pw_status pw_rules_eval(const pw_ruleset *rs, const pw_rule_context *cx,
                        pw_rule_hit *hits, size_t cap, size_t *n)
{
    if (n)
        *n = 0;
    if (!rs || !cx || !cx->traveler || !n || (cap && !hits))
        return PW_ERR_ARG;
    env e;
    memset(&e, 0, sizeof e);
    e.cx = cx;
    e.rs = rs;
    e.self.traveler = cx->traveler;
    e.self.hits = cx->hits;
    e.self.n_hits = cx->hits ? cx->n_hits : 0;
    e.slots[SLOT_TRAVELER] = (obj){&e.self, NULL, 1, 1};

    /* the leg screened: the one given, else the traveler's first */
    const pw_leg *legs;
    size_t n_legs;
    traveler_legs(cx->traveler, &legs, &n_legs);
    const pw_leg *leg = cx->leg ? cx->leg : n_legs ? &legs[0] : NULL;
    if (leg) {
        size_t i = 0;
        while (i < n_legs && &legs[i] != leg)
            i++;
        if (i < n_legs)
            e.slots[SLOT_LEG] = (obj){leg, legs, (uint32_t)i, (uint32_t)n_legs};
        else
            e.slots[SLOT_LEG] = (obj){leg, leg, 0, 1};
    }
    if (leg && leg->dep_time) {
        e.ref_known = true;
        e.ref_time = (double)leg->dep_time;
    } else if (cx->now) {
        e.ref_known = true;
        e.ref_time = (double)cx->now;
    }
    if (e.ref_known)
        e.ref_date = date_of_time(e.ref_time);

    pw_status st = PW_OK;
    for (size_t i = 0; i < rs->n_rules; i++) {
        const rules_rule *r = &rs->rules[i];
        val v = eval(&e, r->when);
        if (!v.known || !v.u.b)
            continue;
        if (*n == cap) {
            st = PW_ERR_LIMIT;
            continue;
        }
        pw_rule_hit *h = &hits[(*n)++];
        h->rule = r->name;
        h->category = r->category;
        h->severity = r->severity;
        h->score = r->score;
        resolve_notice(r, &e, h);
        e.out = h->reasons;
        e.cap = sizeof h->reasons;
        e.used = 0;
        h->reasons[0] = 0;
        explain(&e, r->when);
        e.out = NULL;
    }
    return st;
}

void pw_rule_hit_json(const pw_traveler *t, const pw_rule_hit *h, FILE *out)
{
    const char *id = t && t->id ? t->id : "";
    fputs("{\"traveler_id\":", out);
    model_json_string(out, id, strlen(id));
    fputs(",\"type\":\"rule\",\"rule\":", out);
    model_json_string(out, h->rule, strlen(h->rule));
    fputs(",\"category\":", out);
    model_json_string(out, h->category, strlen(h->category));
    fprintf(out, ",\"severity\":\"%s\",\"score\":%.4g", pw_severity_name(h->severity), h->score);
    if (t && t->booking && t->booking->locator) {
        fputs(",\"locator\":", out);
        model_json_string(out, t->booking->locator, strlen(t->booking->locator));
    }
    if (h->notice) {
        fputs(",\"notice\":{\"to\":", out);
        model_json_string(out, h->notice, strlen(h->notice));
        if (h->notice_country[0]) {
            fputs(",\"country\":", out);
            model_json_string(out, h->notice_country, strlen(h->notice_country));
        }
        fputc('}', out);
    }
    fputs(",\"reasons\":[", out);
    const char *p = h->reasons;
    bool first = true;
    while (*p) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (!first)
            fputc(',', out);
        model_json_string(out, p, len);
        first = false;
        p += len;
        if (*p == '\n')
            p++;
    }
    fputs("]}", out);
}

/*
 * compile.c — the risk-rule language: a recursive-descent parser that turns
 * a rule file into a typed syntax tree once, with every name, field, list
 * and function resolved and every type checked, so that evaluation (eval.c)
 * never looks at a string again. Errors are "file:line:column: reason",
 * one per declaration (a bad rule does not hide the next one).
 *
 * The language (rules/README.md has the full reference and examples):
 *
 *   # comment
 *   list high_risk_airports = ["IST", "DXB"]
 *
 *   rule "late-cash-one-way"
 *     severity medium category trafficking score 0.6
 *     notice destination_country                 # or origin_country,
 *                                                # nationality_country, "PARTNER"
 *     when booking.payment_type == "CA"
 *      and hours(booking.created, leg.dep_time) < 48
 *      and booking.one_way
 *
 *   file      := { list | rule }
 *   list      := "list" NAME "=" "[" [ STRING { "," STRING } ] "]"
 *   rule      := "rule" STRING { "severity" NAME | "category" (NAME|STRING)
 *                | "score" NUMBER | "notice" (NAME|STRING) } "when" expr
 *   expr      := and { "or" and }
 *   and       := not { "and" not }
 *   not       := "not" not | ("any" | "all") NAME "in" postfix ":" expr | compare
 *   compare   := sum [ ("=="|"!="|"<"|"<="|">"|">=") sum
 *                    | ["not"] "in" ( "[" strings "]" | LIST | sum ".." sum | sum ) ]
 *   sum       := unary { ("+"|"-") unary }
 *   unary     := "-" unary | postfix
 *   postfix   := primary { "." NAME }
 *   primary   := NUMBER | STRING | "true" | "false" | NAME | "(" expr ")"
 *              | NAME "(" [ expr { "," expr } ] ")"
 *              | "count" "(" ( postfix | NAME "in" postfix ":" expr ) ")"
 *
 * Names at the top of a condition: traveler, booking, leg, hits,
 * co_travelers, now. Functions: days(t1, t2), hours(t1, t2), count(...),
 * exists(x), starts_with(s, p), ends_with(s, p), contains(s, p) (p a string
 * or a list). Strings compare without regard to ASCII case.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

/* ------------------------------------------------------- field catalogue */

typedef struct field_def {
    rules_type on;
    const char *name;
    rules_field field;
    rules_type type;
} field_def;

static const field_def fields[] = {
    {RT_TRAVELER, "id", F_T_ID, RT_STR},
    {RT_TRAVELER, "surname", F_T_SURNAME, RT_STR},
    {RT_TRAVELER, "given_names", F_T_GIVEN, RT_STR},
    {RT_TRAVELER, "name", F_T_NAME, RT_STR},
    {RT_TRAVELER, "dob", F_T_DOB, RT_DATE},
    {RT_TRAVELER, "age", F_T_AGE, RT_NUM},
    {RT_TRAVELER, "minor", F_T_MINOR, RT_BOOL},
    {RT_TRAVELER, "adult", F_T_ADULT, RT_BOOL},
    {RT_TRAVELER, "sex", F_T_SEX, RT_STR},
    {RT_TRAVELER, "nationality", F_T_NATIONALITY, RT_STR},
    {RT_TRAVELER, "residence", F_T_RESIDENCE, RT_STR},
    {RT_TRAVELER, "birth_place", F_T_BIRTH_PLACE, RT_STR},
    {RT_TRAVELER, "role", F_T_ROLE, RT_STR},
    {RT_TRAVELER, "infant_of", F_T_INFANT_OF, RT_STR},
    {RT_TRAVELER, "seat", F_T_SEAT, RT_STR},
    {RT_TRAVELER, "bags", F_T_BAGS, RT_NUM},
    {RT_TRAVELER, "placeholder", F_T_PLACEHOLDER, RT_BOOL},
    {RT_TRAVELER, "listed", F_T_LISTED, RT_BOOL},
    {RT_TRAVELER, "legs", F_T_LEGS, RT_LEGS},
    {RT_TRAVELER, "docs", F_T_DOCS, RT_DOCS},
    {RT_TRAVELER, "hits", F_T_HITS, RT_HITS},
    {RT_TRAVELER, "co_travelers", F_T_CO_TRAVELERS, RT_TRAVELERS},
    {RT_TRAVELER, "booking", F_T_BOOKING, RT_BOOKING},
    {RT_BOOKING, "locator", F_B_LOCATOR, RT_STR},
    {RT_BOOKING, "created", F_B_CREATED, RT_TIME},
    {RT_BOOKING, "booked", F_B_BOOKED, RT_TIME},
    {RT_BOOKING, "payment_type", F_B_PAYMENT, RT_STR},
    {RT_BOOKING, "card_hash", F_B_CARD_HASH, RT_STR},
    {RT_BOOKING, "agency", F_B_AGENCY, RT_STR},
    {RT_BOOKING, "phones", F_B_PHONES, RT_STRS},
    {RT_BOOKING, "emails", F_B_EMAILS, RT_STRS},
    {RT_BOOKING, "addresses", F_B_ADDRESSES, RT_STRS},
    {RT_BOOKING, "legs", F_B_LEGS, RT_LEGS},
    {RT_BOOKING, "traveler_ids", F_B_TRAVELER_IDS, RT_STRS},
    {RT_BOOKING, "one_way", F_B_ONE_WAY, RT_BOOL},
    {RT_LEG, "carrier", F_L_CARRIER, RT_STR},
    {RT_LEG, "flight", F_L_FLIGHT, RT_STR},
    {RT_LEG, "operating", F_L_OPERATING, RT_STR},
    {RT_LEG, "codeshare", F_L_CODESHARE, RT_BOOL},
    {RT_LEG, "dep_airport", F_L_DEP_AIRPORT, RT_STR},
    {RT_LEG, "arr_airport", F_L_ARR_AIRPORT, RT_STR},
    {RT_LEG, "dep_country", F_L_DEP_COUNTRY, RT_STR},
    {RT_LEG, "arr_country", F_L_ARR_COUNTRY, RT_STR},
    {RT_LEG, "dep_time", F_L_DEP_TIME, RT_TIME},
    {RT_LEG, "arr_time", F_L_ARR_TIME, RT_TIME},
    {RT_LEG, "international", F_L_INTERNATIONAL, RT_BOOL},
    {RT_LEG, "index", F_L_INDEX, RT_NUM},
    {RT_LEG, "first", F_L_FIRST, RT_BOOL},
    {RT_LEG, "last", F_L_LAST, RT_BOOL},
    {RT_LEG, "broken", F_L_BROKEN, RT_BOOL},
    {RT_LEG, "stay_hours", F_L_STAY_HOURS, RT_NUM},
    {RT_LEG, "stay_days", F_L_STAY_DAYS, RT_NUM},
    {RT_DOC, "type", F_D_TYPE, RT_STR},
    {RT_DOC, "country", F_D_COUNTRY, RT_STR},
    {RT_DOC, "number", F_D_NUMBER, RT_STR},
    {RT_DOC, "expiry", F_D_EXPIRY, RT_DATE},
    {RT_DOC, "expired", F_D_EXPIRED, RT_BOOL},
    {RT_HIT, "category", F_H_CATEGORY, RT_STR},
    {RT_HIT, "list", F_H_LIST, RT_STR},
    {RT_HIT, "score", F_H_SCORE, RT_NUM},
    {RT_HIT, "entry_id", F_H_ENTRY_ID, RT_STR},
    {RT_HIT, "name", F_H_NAME, RT_STR},
};

const char *rules_type_name(rules_type t)
{
    static const char *const names[RT_NTYPES] = {
        "true/false", "number", "string", "time", "date",
        "traveler", "booking", "leg", "document", "hit",
        "travelers", "legs", "documents", "hits", "strings",
    };
    return t < RT_NTYPES ? names[t] : "?";
}

static bool is_collection(rules_type t)
{
    return t >= RT_TRAVELERS && t <= RT_STRS;
}

rules_type rules_element_type(rules_type t)
{
    switch (t) {
    case RT_TRAVELERS: return RT_TRAVELER;
    case RT_LEGS: return RT_LEG;
    case RT_DOCS: return RT_DOC;
    case RT_HITS: return RT_HIT;
    default: return RT_STR;
    }
}

static const char *const keywords[] = {
    "rule", "list", "when", "and", "or", "not", "in", "any", "all", "count", "true", "false",
    "severity", "category", "score", "notice",
};

/* ----------------------------------------------------------------- parser */

typedef struct scope_var {
    const char *name;
    size_t len;
    rules_type type;
    unsigned slot;
} scope_var;

typedef struct parser {
    rules_lexer lx;
    rules_token tok, prev;
    pw_ruleset *rs;
    const char *file;
    pw_error_fn on_error;
    void *ctx;
    unsigned errors;
    bool failed;                      /* the current declaration has an error */
    scope_var scope[RULES_MAX_SLOTS];
    unsigned n_scope;
    unsigned depth;                   /* nesting of the expression being parsed */
    unsigned nodes;                   /* size of the rule being parsed */
    size_t rules_cap, lists_cap;
} parser;

#define RULES_MAX_DEPTH 200
/* Evaluation recurses over the tree: bound its size (real rules have tens of nodes). */
#define RULES_MAX_NODES 4000

enum { SLOT_TRAVELER = 0, SLOT_LEG = 1, SLOT_FIRST_BOUND = 2 };

static void error_at(parser *p, const rules_token *t, const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = true;
    p->errors++;
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    pw_error e;
    memset(&e, 0, sizeof e);
    e.file = p->file;
    e.line = t->line;
    e.column = t->column;
    e.reason = buf;
    if (p->on_error)
        p->on_error(p->ctx, &e);
    else
        pw_error_print(stderr, &e);
}

/* The token's text for messages, at most 40 bytes. */
static const char *tok_text(parser *p, const rules_token *t)
{
    if (t->kind == TK_EOF)
        return "end of file";
    size_t n = t->len > 40 ? 40 : t->len;
    char *s = pw_arena_alloc(p->rs->arena, n + 3);
    if (!s)
        return "?";
    s[0] = '\'';
    memcpy(s + 1, p->lx.src + t->start, n);
    s[n + 1] = '\'';
    return s;
}

static void advance(parser *p)
{
    p->prev = p->tok;
    p->tok = rules_lexer_next(&p->lx);
    if (p->tok.kind == TK_ERROR) {
        if (p->tok.error_complete)
            error_at(p, &p->tok, "%s", p->tok.error);
        else
            error_at(p, &p->tok, "%s %s", p->tok.error, tok_text(p, &p->tok));
    }
}

static bool is_word(const parser *p, const rules_token *t, const char *w)
{
    size_t n = strlen(w);
    return t->kind == TK_IDENT && t->len == n && memcmp(p->lx.src + t->start, w, n) == 0;
}

static bool at_word(const parser *p, const char *w)
{
    return is_word(p, &p->tok, w);
}

static bool is_keyword(const parser *p, const rules_token *t)
{
    for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++)
        if (is_word(p, t, keywords[i]))
            return true;
    return false;
}

static bool expect(parser *p, rules_token_kind k, const char *what)
{
    if (p->failed)
        return false;
    if (p->tok.kind != k) {
        error_at(p, &p->tok, "expected %s, found %s", what, tok_text(p, &p->tok));
        return false;
    }
    advance(p);
    return !p->failed;
}

static bool expect_word(parser *p, const char *w)
{
    if (p->failed)
        return false;
    if (!at_word(p, w)) {
        error_at(p, &p->tok, "expected '%s', found %s", w, tok_text(p, &p->tok));
        return false;
    }
    advance(p);
    return !p->failed;
}

static char *token_dup(parser *p, const rules_token *t)
{
    return pw_arena_strndup(p->rs->arena, p->lx.src + t->start, t->len);
}

static rules_node *node_new(parser *p, rules_op op, rules_type type, size_t start)
{
    if (++p->nodes > RULES_MAX_NODES) {
        error_at(p, &p->tok, "rule too large (more than %d terms)", RULES_MAX_NODES);
        return NULL;
    }
    rules_node *n = pw_arena_alloc(p->rs->arena, sizeof *n);
    if (!n) {
        error_at(p, &p->tok, "out of memory");
        return NULL;
    }
    n->op = op;
    n->type = type;
    n->src_start = (uint32_t)start;
    size_t end = p->prev.start + p->prev.len;
    n->src_len = (uint32_t)(end > start ? end - start : 0);
    return n;
}

/* Sets a node's source span to end at the last token consumed. */
static void node_end(parser *p, rules_node *n)
{
    size_t end = p->prev.start + p->prev.len;
    n->src_len = (uint32_t)(end > n->src_start ? end - n->src_start : 0);
}

/* --------------------------------------------------------------- literals */

static int64_t days_from_civil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = (unsigned)(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (int64_t)era * 146097 + (int64_t)doe - 719468;
}

/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS][Z]" → seconds since the epoch, UTC. */
static bool parse_time_literal(const char *s, double *out)
{
    pw_date d;
    char date[11];
    size_t n = strlen(s);
    if (n < 10)
        return false;
    memcpy(date, s, 10);
    date[10] = 0;
    if (!pw_date_parse(date, &d) || !d.day)
        return false;
    int64_t secs = days_from_civil(d.year, d.month, d.day) * 86400;
    if (n > 10) {
        unsigned hh, mm, ss = 0;
        int used = 0;
        if (s[10] != 'T' && s[10] != ' ')
            return false;
        if (sscanf(s + 11, "%2u:%2u%n", &hh, &mm, &used) != 2)
            return false;
        const char *rest = s + 11 + used;
        if (*rest == ':') {
            int more = 0;
            if (sscanf(rest + 1, "%2u%n", &ss, &more) != 1)
                return false;
            rest += 1 + more;
        }
        if (*rest == 'Z')
            rest++;
        if (*rest || hh > 23 || mm > 59 || ss > 60)
            return false;
        secs += hh * 3600 + mm * 60 + ss;
    }
    *out = (double)secs;
    return true;
}

static bool parse_date_literal(const char *s, int32_t *out)
{
    pw_date d;
    if (!pw_date_parse(s, &d))
        return false;
    *out = d.year * 10000 + d.month * 100 + d.day;
    return true;
}

/* A token standing for a node's first byte, to report errors there. */
static rules_token token_at(const parser *p, size_t offset)
{
    rules_token t;
    memset(&t, 0, sizeof t);
    t.start = offset;
    t.line = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < offset && i < p->lx.len; i++)
        if (p->lx.src[i] == '\n') {
            t.line++;
            line_start = i + 1;
        }
    t.column = (unsigned)(offset - line_start) + 1;
    return t;
}

/* A string literal where a time or date is wanted becomes that constant. */
static rules_node *coerce(parser *p, rules_node *n, rules_type want)
{
    if (!n || n->type == want || n->op != OP_STR)
        return n;
    if (want == RT_TIME) {
        double t;
        if (!parse_time_literal(n->u.str, &t)) {
            rules_token at = token_at(p, n->src_start);
            error_at(p, &at, "bad time \"%s\" (write \"YYYY-MM-DD\" or \"YYYY-MM-DDTHH:MM\", UTC)", n->u.str);
            return NULL;
        }
        n->op = OP_TIME;
        n->type = RT_TIME;
        n->u.num = t;
    } else if (want == RT_DATE) {
        int32_t d;
        if (!parse_date_literal(n->u.str, &d)) {
            rules_token at = token_at(p, n->src_start);
            error_at(p, &at, "bad date \"%s\" (write \"YYYY-MM-DD\", \"YYYY-MM\" or \"YYYY\")", n->u.str);
            return NULL;
        }
        n->op = OP_DATE;
        n->type = RT_DATE;
        n->u.date = d;
    }
    return n;
}

static int compare_items(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Parses '[' STRING, ... ']' into an (upper-cased, sorted) list. */
static rules_list *parse_string_list(parser *p, const char *name)
{
    if (!expect(p, TK_LBRACKET, "'['"))
        return NULL;
    size_t cap = 8, n = 0;
    const char **items = malloc(cap * sizeof *items);
    if (!items) {
        error_at(p, &p->tok, "out of memory");
        return NULL;
    }
    while (!p->failed && p->tok.kind != TK_RBRACKET) {
        if (p->tok.kind != TK_STRING) {
            error_at(p, &p->tok, "expected a string or ']', found %s", tok_text(p, &p->tok));
            break;
        }
        if (n == cap) {
            const char **grown = realloc(items, 2 * cap * sizeof *items);
            if (!grown) {
                error_at(p, &p->tok, "out of memory");
                break;
            }
            items = grown;
            cap *= 2;
        }
        char *s = pw_arena_strdup(p->rs->arena, p->tok.text);
        for (char *c = s; c && *c; c++)
            if (*c >= 'a' && *c <= 'z')
                *c = (char)(*c - 'a' + 'A');
        items[n++] = s;
        advance(p);
        if (p->tok.kind == TK_COMMA)
            advance(p);
        else if (p->tok.kind != TK_RBRACKET && !p->failed)
            error_at(p, &p->tok, "expected ',' or ']', found %s", tok_text(p, &p->tok));
    }
    if (p->failed) {
        free(items);
        return NULL;
    }
    advance(p);
    rules_list *l = pw_arena_alloc(p->rs->arena, sizeof *l);
    const char **kept = pw_arena_alloc(p->rs->arena, (n ? n : 1) * sizeof *kept);
    if (!l || !kept) {
        free(items);
        error_at(p, &p->tok, "out of memory");
        return NULL;
    }
    if (n)
        memcpy(kept, items, n * sizeof *kept);
    free(items);
    qsort(kept, n, sizeof *kept, compare_items);
    l->name = name;
    l->items = kept;
    l->n = n;
    return l;
}

static const rules_list *find_list(const parser *p, const rules_token *t)
{
    for (size_t i = 0; i < p->rs->n_lists; i++) {
        const char *name = p->rs->lists[i]->name;
        if (strlen(name) == t->len && memcmp(name, p->lx.src + t->start, t->len) == 0)
            return p->rs->lists[i];
    }
    return NULL;
}

static const scope_var *find_var(const parser *p, const rules_token *t)
{
    for (unsigned i = p->n_scope; i-- > 0;)
        if (p->scope[i].len == t->len && memcmp(p->scope[i].name, p->lx.src + t->start, t->len) == 0)
            return &p->scope[i];
    return NULL;
}

/* ------------------------------------------------------------ expressions */

static rules_node *parse_expr(parser *p);
static rules_node *parse_sum(parser *p);
static rules_node *parse_postfix(parser *p);

static rules_node *field_node(parser *p, rules_node *obj, rules_field f, rules_type type, size_t start)
{
    rules_node *n = node_new(p, OP_FIELD, type, start);
    if (n) {
        n->a = obj;
        n->u.field = f;
    }
    return n;
}

static rules_node *var_node(parser *p, unsigned slot, rules_type type, size_t start)
{
    rules_node *n = node_new(p, OP_VAR, type, start);
    if (n)
        n->slot = slot;
    return n;
}

/* A name on its own: a bound variable or one of the top-level names. */
static rules_node *parse_name(parser *p)
{
    rules_token t = p->tok;
    size_t start = t.start;
    const scope_var *v = find_var(p, &t);
    advance(p);
    if (v)
        return var_node(p, v->slot, v->type, start);
    if (is_word(p, &t, "traveler"))
        return var_node(p, SLOT_TRAVELER, RT_TRAVELER, start);
    if (is_word(p, &t, "leg"))
        return var_node(p, SLOT_LEG, RT_LEG, start);
    if (is_word(p, &t, "now"))
        return node_new(p, OP_NOW, RT_TIME, start);
    rules_field f;
    rules_type type;
    if (is_word(p, &t, "booking")) {
        f = F_T_BOOKING;
        type = RT_BOOKING;
    } else if (is_word(p, &t, "hits")) {
        f = F_T_HITS;
        type = RT_HITS;
    } else if (is_word(p, &t, "co_travelers")) {
        f = F_T_CO_TRAVELERS;
        type = RT_TRAVELERS;
    } else {
        if (find_list(p, &t))
            error_at(p, &t, "list %s can only follow 'in' or be a prefix list", tok_text(p, &t));
        else
            error_at(p, &t, "unknown name %s (traveler, booking, leg, hits, co_travelers, now, or a name bound by any/all/count)",
                     tok_text(p, &t));
        return NULL;
    }
    rules_node *self = var_node(p, SLOT_TRAVELER, RT_TRAVELER, start);
    return self ? field_node(p, self, f, type, start) : NULL;
}

/* Binds NAME for a quantifier; the caller pops it. */
static bool bind(parser *p, const rules_token *name, rules_type type, unsigned *slot)
{
    if (name->kind != TK_IDENT || is_keyword(p, name)) {
        error_at(p, name, "expected a name to bind, found %s", tok_text(p, name));
        return false;
    }
    static const char *const reserved[] = {"traveler", "booking", "leg", "hits", "co_travelers", "now"};
    for (size_t i = 0; i < sizeof reserved / sizeof *reserved; i++)
        if (is_word(p, name, reserved[i]) && !(i == 2 && type == RT_LEG)) {
            error_at(p, name, "%s is already a name; choose another", tok_text(p, name));
            return false;
        }
    if (find_var(p, name)) {
        error_at(p, name, "%s is already bound here; choose another name", tok_text(p, name));
        return false;
    }
    if (p->n_scope + SLOT_FIRST_BOUND >= RULES_MAX_SLOTS) {
        error_at(p, name, "too many nested any/all/count (at most %d)", RULES_MAX_SLOTS - SLOT_FIRST_BOUND);
        return false;
    }
    scope_var *v = &p->scope[p->n_scope];
    v->name = p->lx.src + name->start;
    v->len = name->len;
    v->type = type;
    v->slot = SLOT_FIRST_BOUND + p->n_scope;
    p->n_scope++;
    *slot = v->slot;
    return true;
}

/* "NAME in collection: condition" after any/all/count. */
static rules_node *parse_quantifier(parser *p, rules_op op, size_t start)
{
    rules_token name = p->tok;
    advance(p);
    if (!expect_word(p, "in"))
        return NULL;
    rules_token at = p->tok;
    rules_node *coll = parse_postfix(p);
    if (!coll)
        return NULL;
    if (!is_collection(coll->type)) {
        error_at(p, &at, "'%s' needs a collection (legs, docs, hits, co_travelers, phones, ...), found %s",
                 op == OP_ANY ? "any" : op == OP_ALL ? "all" : "count", rules_type_name(coll->type));
        return NULL;
    }
    unsigned slot;
    /* "any leg in traveler.legs" rebinds leg: the usual name, so allowed */
    rules_type et = rules_element_type(coll->type);
    if (!bind(p, &name, et, &slot))
        return NULL;
    rules_node *n = NULL;
    if (expect(p, TK_COLON, "':'")) {
        rules_token body_at = p->tok;
        rules_node *body = parse_expr(p);
        if (body && body->type != RT_BOOL)
            error_at(p, &body_at, "the condition after ':' must be true or false, found %s", rules_type_name(body->type));
        else if (body && (n = node_new(p, op, op == OP_COUNT ? RT_NUM : RT_BOOL, start))) {
            n->a = coll;
            n->b = body;
            n->slot = slot;
            n->var = token_dup(p, &name);
        }
    }
    p->n_scope--;
    return p->failed ? NULL : n;
}

static rules_node *parse_call(parser *p, const rules_token *fn)
{
    size_t start = fn->start;
    advance(p);                            /* '(' */
    if (is_word(p, fn, "count")) {
        /* count(x in coll: cond) or count(coll) */
        rules_lexer saved = p->lx;
        rules_token saved_tok = p->tok, saved_prev = p->prev;
        if (p->tok.kind == TK_IDENT && !is_keyword(p, &p->tok)) {
            advance(p);
            bool quantified = at_word(p, "in");
            p->lx = saved;
            p->tok = saved_tok;
            p->prev = saved_prev;
            if (quantified) {
                rules_node *n = parse_quantifier(p, OP_COUNT, start);
                if (n && expect(p, TK_RPAREN, "')'"))
                    node_end(p, n);
                return p->failed ? NULL : n;
            }
        }
        rules_token at = p->tok;
        rules_node *coll = parse_expr(p);
        if (!coll)
            return NULL;
        if (!is_collection(coll->type)) {
            error_at(p, &at, "count() needs a collection, found %s", rules_type_name(coll->type));
            return NULL;
        }
        if (!expect(p, TK_RPAREN, "')'"))
            return NULL;
        rules_node *n = node_new(p, OP_COUNT, RT_NUM, start);
        if (n)
            n->a = coll;
        return n;
    }
    static const struct { const char *name; rules_op op; int arity; } fns[] = {
        {"days", OP_DAYS, 2}, {"hours", OP_HOURS, 2}, {"exists", OP_EXISTS, 1},
        {"starts_with", OP_STARTS, 2}, {"ends_with", OP_ENDS, 2}, {"contains", OP_CONTAINS, 2},
    };
    int which = -1;
    for (size_t i = 0; i < sizeof fns / sizeof *fns; i++)
        if (is_word(p, fn, fns[i].name))
            which = (int)i;
    if (which < 0) {
        error_at(p, fn, "unknown function %s (days, hours, count, exists, starts_with, ends_with, contains)",
                 tok_text(p, fn));
        return NULL;
    }
    rules_node *args[2] = {NULL, NULL};
    rules_token arg_at[2];
    int n_args = 0;
    const rules_list *prefix_list = NULL;
    while (!p->failed && p->tok.kind != TK_RPAREN) {
        if (n_args == 2) {
            error_at(p, &p->tok, "%s() takes %d argument%s", fns[which].name, fns[which].arity,
                     fns[which].arity == 1 ? "" : "s");
            return NULL;
        }
        arg_at[n_args] = p->tok;
        const rules_list *l = NULL;
        if (n_args == 1 && fns[which].op >= OP_STARTS && p->tok.kind == TK_IDENT && !find_var(p, &p->tok)
            && (l = find_list(p, &p->tok)) != NULL) {
            prefix_list = l;
            advance(p);
            args[n_args++] = NULL;
        } else if (n_args == 1 && fns[which].op >= OP_STARTS && p->tok.kind == TK_LBRACKET) {
            prefix_list = parse_string_list(p, NULL);
            args[n_args++] = NULL;
        } else {
            args[n_args++] = parse_expr(p);
        }
        if (p->failed)
            return NULL;
        if (p->tok.kind == TK_COMMA)
            advance(p);
        else if (p->tok.kind != TK_RPAREN) {
            error_at(p, &p->tok, "expected ',' or ')', found %s", tok_text(p, &p->tok));
            return NULL;
        }
    }
    if (p->failed)
        return NULL;
    if (n_args != fns[which].arity) {
        error_at(p, &p->tok, "%s() takes %d argument%s, found %d", fns[which].name, fns[which].arity,
                 fns[which].arity == 1 ? "" : "s", n_args);
        return NULL;
    }
    advance(p);                            /* ')' */
    rules_op op = fns[which].op;
    rules_node *n = NULL;
    switch (op) {
    case OP_DAYS:
    case OP_HOURS:
        args[0] = coerce(p, args[0], RT_TIME);
        args[1] = coerce(p, args[1], RT_TIME);
        for (int i = 0; i < 2 && !p->failed; i++)
            if (args[i]->type != RT_TIME)
                error_at(p, &arg_at[i], "%s() takes two times, found %s", fns[which].name,
                         rules_type_name(args[i]->type));
        if (p->failed)
            return NULL;
        n = node_new(p, op, RT_NUM, start);
        break;
    case OP_EXISTS:
        n = node_new(p, op, RT_BOOL, start);
        break;
    default:
        if (args[0]->type != RT_STR) {
            error_at(p, &arg_at[0], "%s() takes a string first, found %s", fns[which].name,
                     rules_type_name(args[0]->type));
            return NULL;
        }
        if (args[1] && args[1]->type != RT_STR) {
            error_at(p, &arg_at[1], "%s() takes a string or a list second, found %s", fns[which].name,
                     rules_type_name(args[1]->type));
            return NULL;
        }
        n = node_new(p, op, RT_BOOL, start);
        if (n)
            n->u.list = prefix_list;
        break;
    }
    if (n) {
        n->a = args[0];
        n->b = args[1];
    }
    return n;
}

static rules_node *parse_primary(parser *p)
{
    rules_token t = p->tok;
    if (p->failed)
        return NULL;
    switch (t.kind) {
    case TK_NUMBER: {
        advance(p);
        rules_node *n = node_new(p, OP_NUM, RT_NUM, t.start);
        if (n)
            n->u.num = t.number;
        return n;
    }
    case TK_STRING: {
        advance(p);
        rules_node *n = node_new(p, OP_STR, RT_STR, t.start);
        if (n)
            n->u.str = t.text;
        return n;
    }
    case TK_LPAREN: {
        advance(p);
        rules_node *n = parse_expr(p);
        if (!n || !expect(p, TK_RPAREN, "')'"))
            return NULL;
        return n;
    }
    case TK_IDENT:
        if (is_word(p, &t, "true") || is_word(p, &t, "false")) {
            advance(p);
            rules_node *n = node_new(p, OP_BOOL, RT_BOOL, t.start);
            if (n)
                n->u.boolean = is_word(p, &t, "true");
            return n;
        }
        {
            rules_lexer saved = p->lx;
            rules_token next = rules_lexer_next(&saved);
            if (next.kind == TK_LPAREN && !find_var(p, &t)) {
                advance(p);
                return parse_call(p, &t);
            }
        }
        if (is_keyword(p, &t)) {
            error_at(p, &t, "expected a value, found the word %s", tok_text(p, &t));
            return NULL;
        }
        return parse_name(p);
    default:
        error_at(p, &t, "expected a value, found %s", tok_text(p, &t));
        return NULL;
    }
}

static rules_node *parse_postfix(parser *p)
{
    size_t start = p->tok.start;
    rules_node *n = parse_primary(p);
    while (n && !p->failed && p->tok.kind == TK_DOT) {
        advance(p);
        rules_token name = p->tok;
        if (name.kind != TK_IDENT) {
            error_at(p, &name, "expected a field name after '.', found %s", tok_text(p, &name));
            return NULL;
        }
        const field_def *fd = NULL;
        for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
            if (fields[i].on == n->type && is_word(p, &name, fields[i].name))
                fd = &fields[i];
        if (!fd) {
            char known[512];
            size_t used = 0;
            known[0] = 0;
            for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
                if (fields[i].on == n->type && used < sizeof known - 40)
                    used += (size_t)snprintf(known + used, sizeof known - used, "%s%s", used ? ", " : "",
                                             fields[i].name);
            if (used)
                error_at(p, &name, "a %s has no field %s (it has: %s)", rules_type_name(n->type),
                         tok_text(p, &name), known);
            else
                error_at(p, &name, "a %s has no fields", rules_type_name(n->type));
            return NULL;
        }
        advance(p);
        n = field_node(p, n, fd->field, fd->type, start);
    }
    return p->failed ? NULL : n;
}

/* Parses with fn one level deeper; deeply nested input is an error, not a crash. */
static rules_node *nested(parser *p, rules_node *(*fn)(parser *))
{
    if (++p->depth > RULES_MAX_DEPTH) {
        error_at(p, &p->tok, "expression nested too deeply (more than %d levels)", RULES_MAX_DEPTH);
        p->depth--;
        return NULL;
    }
    rules_node *n = fn(p);
    p->depth--;
    return n;
}

static rules_node *parse_unary_inner(parser *p);

static rules_node *parse_unary(parser *p)
{
    return nested(p, parse_unary_inner);
}

static rules_node *parse_unary_inner(parser *p)
{
    if (p->tok.kind == TK_MINUS) {
        rules_token t = p->tok;
        advance(p);
        rules_node *a = parse_unary(p);
        if (!a)
            return NULL;
        if (a->type != RT_NUM) {
            error_at(p, &t, "'-' needs a number, found %s", rules_type_name(a->type));
            return NULL;
        }
        if (a->op == OP_NUM) {
            a->u.num = -a->u.num;
            a->src_start = (uint32_t)t.start;
            node_end(p, a);
            return a;
        }
        rules_node *n = node_new(p, OP_NEG, RT_NUM, t.start);
        if (n)
            n->a = a;
        return n;
    }
    return parse_postfix(p);
}

static rules_node *parse_sum(parser *p)
{
    size_t start = p->tok.start;
    rules_node *a = parse_unary(p);
    while (a && !p->failed && (p->tok.kind == TK_PLUS || p->tok.kind == TK_MINUS)) {
        rules_token op = p->tok;
        advance(p);
        rules_token b_at = p->tok;
        rules_node *b = parse_unary(p);
        if (!b)
            return NULL;
        if (a->type != RT_NUM || b->type != RT_NUM) {
            error_at(p, a->type != RT_NUM ? &op : &b_at, "'%c' needs numbers, found %s and %s",
                     op.kind == TK_PLUS ? '+' : '-', rules_type_name(a->type), rules_type_name(b->type));
            return NULL;
        }
        rules_node *n = node_new(p, op.kind == TK_PLUS ? OP_ADD : OP_SUB, RT_NUM, start);
        if (!n)
            return NULL;
        n->a = a;
        n->b = b;
        a = n;
    }
    return p->failed ? NULL : a;
}

static bool ordered(rules_type t)
{
    return t == RT_NUM || t == RT_TIME || t == RT_DATE;
}

static rules_node *parse_in(parser *p, rules_node *lhs, const rules_token *op_tok, bool negated, size_t start)
{
    rules_node *n = NULL;
    rules_token at = p->tok;
    if (p->tok.kind == TK_LBRACKET || (p->tok.kind == TK_IDENT && !find_var(p, &p->tok) && find_list(p, &p->tok))) {
        const rules_list *l;
        if (p->tok.kind == TK_LBRACKET) {
            l = parse_string_list(p, NULL);
        } else {
            l = find_list(p, &p->tok);
            advance(p);
        }
        if (!l)
            return NULL;
        if (lhs->type != RT_STR) {
            error_at(p, op_tok, "'in' a list needs a string on the left, found %s", rules_type_name(lhs->type));
            return NULL;
        }
        if ((n = node_new(p, OP_IN_LIST, RT_BOOL, start)) != NULL) {
            n->a = lhs;
            n->u.list = l;
        }
    } else {
        if (p->tok.kind == TK_IDENT && !find_var(p, &p->tok) && !is_keyword(p, &p->tok)) {
            static const char *const names[] = {"traveler", "booking", "leg", "hits", "co_travelers", "now"};
            bool known = false;
            for (size_t i = 0; i < sizeof names / sizeof *names; i++)
                known = known || at_word(p, names[i]);
            rules_lexer saved = p->lx;
            rules_token next = rules_lexer_next(&saved);
            if (!known && next.kind != TK_LPAREN) {
                error_at(p, &p->tok, "unknown list %s (lists must be defined before the rules that use them)",
                         tok_text(p, &p->tok));
                return NULL;
            }
        }
        rules_node *lo = parse_sum(p);
        if (!lo)
            return NULL;
        if (p->tok.kind == TK_DOTDOT) {
            advance(p);
            rules_token hi_at = p->tok;
            rules_node *hi = parse_sum(p);
            if (!hi)
                return NULL;
            lo = coerce(p, lo, lhs->type);
            hi = coerce(p, hi, lhs->type);
            if (p->failed)
                return NULL;
            if (!ordered(lhs->type)) {
                error_at(p, op_tok, "a range needs a number, time or date on the left, found %s",
                         rules_type_name(lhs->type));
                return NULL;
            }
            if (lo->type != lhs->type || hi->type != lhs->type) {
                error_at(p, lo->type != lhs->type ? &at : &hi_at, "the range of a %s must be %ss, found %s..%s",
                         rules_type_name(lhs->type), rules_type_name(lhs->type), rules_type_name(lo->type),
                         rules_type_name(hi->type));
                return NULL;
            }
            if ((n = node_new(p, OP_IN_RANGE, RT_BOOL, start)) != NULL) {
                n->a = lhs;
                n->b = lo;
                n->c = hi;
            }
        } else {
            if (lo->type != RT_STRS) {
                error_at(p, &at, "'in' needs a list, a range (a..b) or strings (phones, emails, ...), found %s",
                         rules_type_name(lo->type));
                return NULL;
            }
            if (lhs->type != RT_STR) {
                error_at(p, op_tok, "'in' strings needs a string on the left, found %s", rules_type_name(lhs->type));
                return NULL;
            }
            if ((n = node_new(p, OP_IN_COLL, RT_BOOL, start)) != NULL) {
                n->a = lhs;
                n->b = lo;
            }
        }
    }
    if (n && negated) {
        rules_node *not = node_new(p, OP_NOT, RT_BOOL, start);
        if (not)
            not->a = n;
        n = not;
    }
    return p->failed ? NULL : n;
}

static rules_node *parse_compare(parser *p)
{
    size_t start = p->tok.start;
    rules_node *a = parse_sum(p);
    if (!a || p->failed)
        return NULL;
    rules_token op = p->tok;
    if (at_word(p, "in")) {
        advance(p);
        return parse_in(p, a, &op, false, start);
    }
    if (at_word(p, "not")) {
        rules_lexer saved = p->lx;
        rules_token next = rules_lexer_next(&saved);
        if (is_word(p, &next, "in")) {
            advance(p);
            advance(p);
            return parse_in(p, a, &op, true, start);
        }
    }
    rules_cmp cmp;
    switch (op.kind) {
    case TK_EQ: cmp = CMP_EQ; break;
    case TK_NE: cmp = CMP_NE; break;
    case TK_LT: cmp = CMP_LT; break;
    case TK_LE: cmp = CMP_LE; break;
    case TK_GT: cmp = CMP_GT; break;
    case TK_GE: cmp = CMP_GE; break;
    case TK_ASSIGN:
        error_at(p, &op, "'=' is not a comparison; write '=='");
        return NULL;
    default:
        return a;
    }
    advance(p);
    rules_node *b = parse_sum(p);
    if (!b)
        return NULL;
    a = coerce(p, a, b->type);
    b = coerce(p, b, a->type);
    if (p->failed)
        return NULL;
    if (a->type != b->type) {
        error_at(p, &op, "cannot compare %s with %s%s", rules_type_name(a->type), rules_type_name(b->type),
                 (a->type == RT_TIME || b->type == RT_TIME) ? " (use days() or hours() for spans of time)" : "");
        return NULL;
    }
    if (cmp != CMP_EQ && cmp != CMP_NE && !ordered(a->type)) {
        error_at(p, &op, "%s needs numbers, times or dates, found %s", tok_text(p, &op), rules_type_name(a->type));
        return NULL;
    }
    if (a->type >= RT_TRAVELER) {
        error_at(p, &op, "cannot compare %s values", rules_type_name(a->type));
        return NULL;
    }
    rules_node *n = node_new(p, OP_CMP, RT_BOOL, start);
    if (n) {
        n->a = a;
        n->b = b;
        n->u.cmp = cmp;
    }
    return n;
}

static rules_node *parse_not_inner(parser *p);

static rules_node *parse_not(parser *p)
{
    return nested(p, parse_not_inner);
}

static rules_node *parse_not_inner(parser *p)
{
    size_t start = p->tok.start;
    if (at_word(p, "not")) {
        rules_token t = p->tok;
        advance(p);
        rules_node *a = parse_not(p);
        if (!a)
            return NULL;
        if (a->type != RT_BOOL) {
            error_at(p, &t, "'not' needs true or false, found %s", rules_type_name(a->type));
            return NULL;
        }
        rules_node *n = node_new(p, OP_NOT, RT_BOOL, start);
        if (n)
            n->a = a;
        return n;
    }
    if (at_word(p, "any") || at_word(p, "all")) {
        rules_op op = at_word(p, "any") ? OP_ANY : OP_ALL;
        advance(p);
        return parse_quantifier(p, op, start);
    }
    return parse_compare(p);
}

static rules_node *parse_binary_bool(parser *p, const char *word, rules_op op,
                                     rules_node *(*operand)(parser *))
{
    size_t start = p->tok.start;
    rules_token a_at = p->tok;
    rules_node *a = operand(p);
    while (a && !p->failed && at_word(p, word)) {
        rules_token op_tok = p->tok;
        advance(p);
        rules_token b_at = p->tok;
        rules_node *b = operand(p);
        if (!b)
            return NULL;
        if (a->type != RT_BOOL || b->type != RT_BOOL) {
            error_at(p, a->type != RT_BOOL ? &a_at : &b_at, "'%s' needs true or false on both sides, found %s",
                     word, rules_type_name(a->type != RT_BOOL ? a->type : b->type));
            (void)op_tok;
            return NULL;
        }
        rules_node *n = node_new(p, op, RT_BOOL, start);
        if (!n)
            return NULL;
        n->a = a;
        n->b = b;
        a = n;
    }
    return p->failed ? NULL : a;
}

static rules_node *parse_and(parser *p)
{
    return parse_binary_bool(p, "and", OP_AND, parse_not);
}

static rules_node *parse_expr(parser *p)
{
    return parse_binary_bool(p, "or", OP_OR, parse_and);
}

/* ----------------------------------------------------------- declarations */

/* Makes room for one more element in an array kept in the ruleset's arena
 * (the old copy stays in the arena until the ruleset is freed). */
static bool grow(parser *p, void **array, size_t n, size_t *cap, size_t elem, const rules_token *at)
{
    if (n < *cap)
        return true;
    size_t new_cap = *cap ? 2 * *cap : 8;
    void *grown = pw_arena_alloc(p->rs->arena, new_cap * elem);
    if (!grown) {
        error_at(p, at, "out of memory");
        return false;
    }
    if (n)
        memcpy(grown, *array, n * elem);
    *array = grown;
    *cap = new_cap;
    return true;
}

static void parse_list_decl(parser *p)
{
    rules_token kw = p->tok;
    advance(p);
    rules_token name = p->tok;
    if (name.kind != TK_IDENT || is_keyword(p, &name)) {
        error_at(p, &name, "expected a list name after 'list', found %s", tok_text(p, &name));
        return;
    }
    if (find_list(p, &name)) {
        error_at(p, &name, "list %s is defined twice", tok_text(p, &name));
        return;
    }
    advance(p);
    if (!expect(p, TK_ASSIGN, "'='"))
        return;
    rules_list *l = parse_string_list(p, token_dup(p, &name));
    if (!l)
        return;
    if (!grow(p, (void **)&p->rs->lists, p->rs->n_lists, &p->lists_cap, sizeof *p->rs->lists, &kw))
        return;
    p->rs->lists[p->rs->n_lists++] = l;
}

static const char *const severity_names[] = {"low", "medium", "high", "critical"};

const char *pw_severity_name(pw_severity s)
{
    return (unsigned)s < 4 ? severity_names[s] : "?";
}

static void parse_rule_decl(parser *p)
{
    rules_token kw = p->tok;
    p->nodes = 0;
    advance(p);
    if (p->tok.kind != TK_STRING) {
        error_at(p, &p->tok, "expected the rule's name in quotes after 'rule', found %s", tok_text(p, &p->tok));
        return;
    }
    rules_rule r;
    memset(&r, 0, sizeof r);
    r.name = p->tok.text;
    r.line = kw.line;
    r.category = "other";
    if (!*r.name) {
        error_at(p, &p->tok, "a rule needs a name");
        return;
    }
    for (size_t i = 0; i < p->rs->n_rules; i++)
        if (strcmp(p->rs->rules[i].name, r.name) == 0) {
            error_at(p, &p->tok, "rule \"%s\" is defined twice (first at line %u)", r.name, p->rs->rules[i].line);
            return;
        }
    advance(p);
    bool seen[4] = {false, false, false, false};
    static const char *const clauses[] = {"severity", "category", "score", "notice"};
    while (!p->failed && !at_word(p, "when")) {
        int c = -1;
        for (int i = 0; i < 4; i++)
            if (at_word(p, clauses[i]))
                c = i;
        if (c < 0) {
            error_at(p, &p->tok, "expected severity, category, score, notice or when, found %s", tok_text(p, &p->tok));
            return;
        }
        if (seen[c]) {
            error_at(p, &p->tok, "'%s' is given twice", clauses[c]);
            return;
        }
        seen[c] = true;
        advance(p);
        rules_token v = p->tok;
        if (p->failed)
            return;
        if (c == 0) {
            int sev = -1;
            for (int i = 0; i < 4; i++)
                if (is_word(p, &v, severity_names[i]))
                    sev = i;
            if (sev < 0) {
                error_at(p, &v, "unknown severity %s (low, medium, high or critical)", tok_text(p, &v));
                return;
            }
            r.severity = (pw_severity)sev;
        } else if (c == 1) {
            if (v.kind != TK_IDENT && v.kind != TK_STRING) {
                error_at(p, &v, "expected a category name, found %s", tok_text(p, &v));
                return;
            }
            r.category = v.kind == TK_STRING ? v.text : token_dup(p, &v);
        } else if (c == 2) {
            if (v.kind != TK_NUMBER || v.number < 0 || v.number > 1) {
                error_at(p, &v, "the score must be a number from 0 to 1, found %s", tok_text(p, &v));
                return;
            }
            r.score = v.number;
        } else {
            if (v.kind == TK_STRING) {
                r.notice_kind = NOTICE_LITERAL;
                r.notice = v.text;
            } else if (is_word(p, &v, "destination_country")) {
                r.notice_kind = NOTICE_DESTINATION;
            } else if (is_word(p, &v, "origin_country")) {
                r.notice_kind = NOTICE_ORIGIN;
            } else if (is_word(p, &v, "nationality_country")) {
                r.notice_kind = NOTICE_NATIONALITY;
            } else {
                error_at(p, &v, "unknown notice target %s (destination_country, origin_country, "
                         "nationality_country or a \"partner\" in quotes)", tok_text(p, &v));
                return;
            }
            if (!r.notice)
                r.notice = token_dup(p, &v);
        }
        advance(p);
    }
    if (p->failed)
        return;
    if (!seen[0] || !seen[2]) {
        error_at(p, &p->tok, "rule \"%s\" needs a %s before 'when'", r.name, !seen[0] ? "severity" : "score");
        return;
    }
    advance(p);                            /* when */
    rules_token at = p->tok;
    r.when = parse_expr(p);
    if (!r.when)
        return;
    if (r.when->type != RT_BOOL) {
        error_at(p, &at, "a rule's condition must be true or false, found %s", rules_type_name(r.when->type));
        return;
    }
    if (p->tok.kind != TK_EOF && !at_word(p, "rule") && !at_word(p, "list")) {
        error_at(p, &p->tok, "expected 'and', 'or', a new rule or list, or end of file, found %s", tok_text(p, &p->tok));
        return;
    }
    if (!grow(p, (void **)&p->rs->rules, p->rs->n_rules, &p->rules_cap, sizeof *p->rs->rules, &kw))
        return;
    p->rs->rules[p->rs->n_rules++] = r;
}

/* After an error: skip to the next declaration. */
static void synchronize(parser *p)
{
    while (p->tok.kind != TK_EOF) {
        if ((at_word(p, "rule") || at_word(p, "list")) && p->prev.kind != TK_DOT)
            return;
        p->prev = p->tok;
        p->tok = rules_lexer_next(&p->lx);
    }
}

pw_ruleset *pw_rules_compile(const char *name, const char *text, size_t len,
                             pw_error_fn on_error, void *ctx, pw_status *st)
{
    pw_status dummy;
    if (!st)
        st = &dummy;
    if (!text) {
        *st = PW_ERR_ARG;
        return NULL;
    }
    pw_arena *arena = pw_arena_new();
    pw_ruleset *rs = arena ? pw_arena_alloc(arena, sizeof *rs) : NULL;
    char *src = arena ? pw_arena_strndup(arena, text, len) : NULL;
    if (!rs || !src) {
        pw_arena_free(arena);
        *st = PW_ERR_NOMEM;
        return NULL;
    }
    rs->arena = arena;
    rs->name = pw_arena_strdup(arena, name ? name : "-");
    rs->src = src;
    rs->src_len = len;
    parser p;
    memset(&p, 0, sizeof p);
    p.rs = rs;
    p.file = rs->name;
    p.on_error = on_error;
    p.ctx = ctx;
    rules_lexer_init(&p.lx, src, len, arena);
    advance(&p);
    while (p.tok.kind != TK_EOF) {
        if (!p.failed && at_word(&p, "list"))
            parse_list_decl(&p);
        else if (!p.failed && at_word(&p, "rule"))
            parse_rule_decl(&p);
        else if (!p.failed)
            error_at(&p, &p.tok, "expected 'rule' or 'list', found %s", tok_text(&p, &p.tok));
        if (p.failed) {
            synchronize(&p);
            p.failed = false;
            p.n_scope = 0;
        }
    }
    if (p.errors) {
        pw_arena_free(arena);
        *st = PW_ERR_FORMAT;
        return NULL;
    }
    *st = PW_OK;
    return rs;
}

pw_status pw_rules_load(const char *path, pw_error_fn on_error, void *ctx, pw_ruleset **out)
{
    if (!path || !out)
        return PW_ERR_ARG;
    *out = NULL;
    char *data;
    size_t len;
    pw_status st = pw_read_file(path, &data, &len);
    if (st != PW_OK) {
        pw_error e;
        memset(&e, 0, sizeof e);
        e.file = path;
        e.reason = "cannot read the rule file";
        if (on_error)
            on_error(ctx, &e);
        else
            pw_error_print(stderr, &e);
        return st;
    }
    *out = pw_rules_compile(path, data, len, on_error, ctx, &st);
    free(data);
    return st;
}

void pw_rules_free(pw_ruleset *rs)
{
    if (rs)
        pw_arena_free(rs->arena);
}

size_t pw_rules_count(const pw_ruleset *rs)
{
    return rs ? rs->n_rules : 0;
}

size_t pw_rules_list_count(const pw_ruleset *rs)
{
    return rs ? rs->n_lists : 0;
}

const char *pw_rules_name(const pw_ruleset *rs, size_t i)
{
    return rs && i < rs->n_rules ? rs->rules[i].name : NULL;
}

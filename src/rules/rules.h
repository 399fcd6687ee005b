/*
 * rules.h — internals of the risk-rule module: tokens, the typed syntax tree
 * that the compiler (compile.c) builds once with every name, field and list
 * resolved, and that the evaluator (eval.c) walks for each traveler without
 * any string lookup. The language itself is described in compile.c and in
 * rules/README.md.
 */
#ifndef PW_RULES_H
#define PW_RULES_H

#include "paxwatch.h"

/* ------------------------------------------------------------ tokens */

typedef enum rules_token_kind {
    TK_EOF = 0,
    TK_IDENT,
    TK_STRING,
    TK_NUMBER,
    TK_LBRACKET, TK_RBRACKET, TK_LPAREN, TK_RPAREN,
    TK_COMMA, TK_COLON, TK_DOT, TK_DOTDOT,
    TK_EQ, TK_NE, TK_LT, TK_LE, TK_GT, TK_GE, TK_ASSIGN,
    TK_PLUS, TK_MINUS,
    TK_ERROR
} rules_token_kind;

typedef struct rules_token {
    rules_token_kind kind;
    size_t start, len;          /* byte offsets into the source */
    unsigned line, column;      /* 1-based; column counts bytes */
    double number;              /* TK_NUMBER */
    const char *text;           /* TK_STRING: the unescaped string (arena) */
    const char *error;          /* TK_ERROR: what is wrong */
    bool error_complete;        /* the message already names the text */
} rules_token;

typedef struct rules_lexer {
    const char *src;
    size_t len, pos;
    unsigned line;
    size_t line_start;
    pw_arena *arena;
} rules_lexer;

void rules_lexer_init(rules_lexer *lx, const char *src, size_t len, pw_arena *arena);
rules_token rules_lexer_next(rules_lexer *lx);
const char *rules_token_name(rules_token_kind k);

/* ------------------------------------------------------------- types */

typedef enum rules_type {
    RT_BOOL = 0, RT_NUM, RT_STR, RT_TIME, RT_DATE,
    RT_TRAVELER, RT_BOOKING, RT_LEG, RT_DOC, RT_HIT,      /* objects */
    RT_TRAVELERS, RT_LEGS, RT_DOCS, RT_HITS, RT_STRS,      /* collections */
    RT_NTYPES
} rules_type;

const char *rules_type_name(rules_type t);
/* The type of an element of a collection type. */
rules_type rules_element_type(rules_type t);

/* Every field a rule can read, resolved at compile time. */
typedef enum rules_field {
    /* traveler */
    F_T_ID, F_T_SURNAME, F_T_GIVEN, F_T_NAME, F_T_DOB, F_T_AGE, F_T_MINOR, F_T_ADULT,
    F_T_SEX, F_T_NATIONALITY, F_T_RESIDENCE, F_T_BIRTH_PLACE, F_T_ROLE, F_T_INFANT_OF,
    F_T_SEAT, F_T_BAGS, F_T_PLACEHOLDER, F_T_LISTED, F_T_LEGS, F_T_DOCS, F_T_HITS,
    F_T_CO_TRAVELERS, F_T_BOOKING,
    /* booking */
    F_B_LOCATOR, F_B_CREATED, F_B_BOOKED, F_B_PAYMENT, F_B_CARD_HASH, F_B_AGENCY,
    F_B_PHONES, F_B_EMAILS, F_B_ADDRESSES, F_B_LEGS, F_B_TRAVELER_IDS, F_B_ONE_WAY,
    /* leg */
    F_L_CARRIER, F_L_FLIGHT, F_L_OPERATING, F_L_CODESHARE, F_L_DEP_AIRPORT, F_L_ARR_AIRPORT,
    F_L_DEP_COUNTRY, F_L_ARR_COUNTRY, F_L_DEP_TIME, F_L_ARR_TIME, F_L_INTERNATIONAL,
    F_L_INDEX, F_L_FIRST, F_L_LAST, F_L_BROKEN, F_L_STAY_HOURS, F_L_STAY_DAYS,
    /* document */
    F_D_TYPE, F_D_COUNTRY, F_D_NUMBER, F_D_EXPIRY, F_D_EXPIRED,
    /* hit */
    F_H_CATEGORY, F_H_LIST, F_H_SCORE, F_H_ENTRY_ID, F_H_NAME
} rules_field;

typedef enum rules_op {
    OP_BOOL, OP_NUM, OP_STR, OP_TIME, OP_DATE,   /* constants */
    OP_VAR,            /* a bound name: slot */
    OP_NOW,            /* the time of screening */
    OP_FIELD,          /* a->field */
    OP_NOT, OP_AND, OP_OR,
    OP_CMP,            /* a cmp b */
    OP_IN_LIST,        /* a in list (named or literal) */
    OP_IN_COLL,        /* a in a string collection b */
    OP_IN_RANGE,       /* a in b..c */
    OP_ANY, OP_ALL, OP_COUNT,   /* slot over collection a, body b (COUNT: b may be NULL) */
    OP_EXISTS,         /* a is known / not empty */
    OP_DAYS, OP_HOURS, /* b - a in days / hours */
    OP_STARTS, OP_ENDS, OP_CONTAINS,    /* a and b strings, or b a list (list) */
    OP_NEG, OP_ADD, OP_SUB
} rules_op;

typedef enum rules_cmp { CMP_EQ, CMP_NE, CMP_LT, CMP_LE, CMP_GT, CMP_GE } rules_cmp;

typedef struct rules_list {
    const char *name;           /* NULL for a literal list */
    const char **items;         /* upper-cased, sorted */
    size_t n;
} rules_list;

typedef struct rules_node rules_node;
struct rules_node {
    rules_op op;
    rules_type type;
    uint32_t src_start, src_len;      /* the source text it came from, for reasons */
    rules_node *a, *b, *c;
    union {
        bool boolean;
        double num;                   /* OP_NUM, OP_TIME (seconds) */
        const char *str;              /* OP_STR */
        int32_t date;                 /* OP_DATE: yyyymmdd */
        rules_field field;
        rules_cmp cmp;
        const rules_list *list;
    } u;
    unsigned slot;                    /* OP_VAR, OP_ANY/ALL/COUNT */
    const char *var;                  /* name bound by OP_ANY/ALL/COUNT */
};

#define RULES_MAX_SLOTS 16

/* Notice targets that resolve to a country at evaluation. */
typedef enum rules_notice {
    NOTICE_NONE = 0,
    NOTICE_LITERAL,                   /* a partner named in the rule */
    NOTICE_DESTINATION,               /* arrival country of the leg */
    NOTICE_ORIGIN,                    /* departure country of the leg */
    NOTICE_NATIONALITY                /* the traveler's nationality */
} rules_notice;

typedef struct rules_rule {
    const char *name;
    const char *category;
    pw_severity severity;
    double score;
    rules_notice notice_kind;
    const char *notice;
    rules_node *when;
    unsigned line;
} rules_rule;

struct pw_ruleset {
    pw_arena *arena;
    const char *name;
    const char *src;                  /* a copy of the text, for reasons */
    size_t src_len;
    rules_rule *rules;
    size_t n_rules;
    rules_list **lists;
    size_t n_lists;
};

/* Case-insensitive ASCII comparison used by every string operator. */
int rules_strcmp(const char *a, const char *b);

#endif

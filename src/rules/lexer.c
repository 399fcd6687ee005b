/*
 * lexer.c — tokens of the risk-rule language (see compile.c): names,
 * "strings" with \" and \\ escapes, numbers, punctuation and comparison
 * operators; '#' starts a comment to the end of the line. Every token knows
 * its line and column so that errors point at the exact place.
 */
#include <stdlib.h>
#include <string.h>

#include "rules.h"

void rules_lexer_init(rules_lexer *lx, const char *src, size_t len, pw_arena *arena)
{
    memset(lx, 0, sizeof *lx);
    lx->src = src;
    lx->len = len;
    lx->line = 1;
    lx->arena = arena;
}

const char *rules_token_name(rules_token_kind k)
{
    switch (k) {
    case TK_EOF: return "end of file";
    case TK_IDENT: return "a name";
    case TK_STRING: return "a string";
    case TK_NUMBER: return "a number";
    case TK_LBRACKET: return "'['";
    case TK_RBRACKET: return "']'";
    case TK_LPAREN: return "'('";
    case TK_RPAREN: return "')'";
    case TK_COMMA: return "','";
    case TK_COLON: return "':'";
    case TK_DOT: return "'.'";
    case TK_DOTDOT: return "'..'";
    case TK_EQ: return "'=='";
    case TK_NE: return "'!='";
    case TK_LT: return "'<'";
    case TK_LE: return "'<='";
    case TK_GT: return "'>'";
    case TK_GE: return "'>='";
    case TK_ASSIGN: return "'='";
    case TK_PLUS: return "'+'";
    case TK_MINUS: return "'-'";
    case TK_ERROR: return "an error";
    }
    return "?";
}

static bool is_name_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static void skip_space(rules_lexer *lx)
{
    while (lx->pos < lx->len) {
        char c = lx->src[lx->pos];
        if (c == '\n') {
            lx->pos++;
            lx->line++;
            lx->line_start = lx->pos;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            lx->pos++;
        } else if (c == '#') {
            while (lx->pos < lx->len && lx->src[lx->pos] != '\n')
                lx->pos++;
        } else {
            break;
        }
    }
}

static rules_token lex_string(rules_lexer *lx, rules_token t)
{
    size_t p = lx->pos + 1;
    char *buf = pw_arena_alloc(lx->arena, lx->len - lx->pos + 1);
    size_t n = 0;
    while (p < lx->len && lx->src[p] != '"') {
        char c = lx->src[p];
        if (c == '\n')
            break;
        if (c == '\\' && p + 1 < lx->len && (lx->src[p + 1] == '"' || lx->src[p + 1] == '\\')) {
            p++;
            c = lx->src[p];
        }
        if (buf)
            buf[n++] = c;
        p++;
    }
    if (p >= lx->len || lx->src[p] != '"') {
        t.kind = TK_ERROR;
        t.error = "unterminated string";
        t.error_complete = true;
        lx->pos = p;
        t.len = p - t.start;
        return t;
    }
    lx->pos = p + 1;
    t.kind = TK_STRING;
    t.len = lx->pos - t.start;
    t.text = buf ? buf : "";
    return t;
}

static rules_token lex_number(rules_lexer *lx, rules_token t)
{
    size_t p = lx->pos;
    while (p < lx->len && is_digit(lx->src[p]))
        p++;
    /* "1..5" is a range: the '.' belongs to ".." */
    if (p + 1 < lx->len && lx->src[p] == '.' && is_digit(lx->src[p + 1])) {
        p++;
        while (p < lx->len && is_digit(lx->src[p]))
            p++;
    }
    if (p < lx->len && (is_name_start(lx->src[p]) || (lx->src[p] == '.' && p + 1 < lx->len && lx->src[p + 1] != '.'))) {
        while (p < lx->len && (is_name_start(lx->src[p]) || is_digit(lx->src[p]) || lx->src[p] == '.'))
            p++;
        t.kind = TK_ERROR;
        t.error = "bad number";
        t.len = p - t.start;
        lx->pos = p;
        return t;
    }
    char tmp[64];
    size_t n = p - lx->pos < sizeof tmp - 1 ? p - lx->pos : sizeof tmp - 1;
    memcpy(tmp, lx->src + lx->pos, n);
    tmp[n] = 0;
    t.kind = TK_NUMBER;
    t.number = strtod(tmp, NULL);
    t.len = p - t.start;
    lx->pos = p;
    return t;
}

rules_token rules_lexer_next(rules_lexer *lx)
{
    skip_space(lx);
    rules_token t;
    memset(&t, 0, sizeof t);
    t.start = lx->pos;
    t.line = lx->line;
    t.column = (unsigned)(lx->pos - lx->line_start) + 1;
    if (lx->pos >= lx->len) {
        t.kind = TK_EOF;
        return t;
    }
    char c = lx->src[lx->pos];
    char next = lx->pos + 1 < lx->len ? lx->src[lx->pos + 1] : 0;
    if (is_name_start(c)) {
        size_t p = lx->pos;
        while (p < lx->len && (is_name_start(lx->src[p]) || is_digit(lx->src[p])))
            p++;
        t.kind = TK_IDENT;
        t.len = p - lx->pos;
        lx->pos = p;
        return t;
    }
    if (is_digit(c))
        return lex_number(lx, t);
    if (c == '"')
        return lex_string(lx, t);
    t.len = 1;
    switch (c) {
    case '[': t.kind = TK_LBRACKET; break;
    case ']': t.kind = TK_RBRACKET; break;
    case '(': t.kind = TK_LPAREN; break;
    case ')': t.kind = TK_RPAREN; break;
    case ',': t.kind = TK_COMMA; break;
    case ':': t.kind = TK_COLON; break;
    case '+': t.kind = TK_PLUS; break;
    case '-': t.kind = TK_MINUS; break;
    case '.':
        if (next == '.') { t.kind = TK_DOTDOT; t.len = 2; } else t.kind = TK_DOT;
        break;
    case '=':
        if (next == '=') { t.kind = TK_EQ; t.len = 2; } else t.kind = TK_ASSIGN;
        break;
    case '!':
        if (next == '=') { t.kind = TK_NE; t.len = 2; }
        else {
            t.kind = TK_ERROR;
            t.error = "unexpected character '!' (write 'not' or '!=')";
            t.error_complete = true;
        }
        break;
    case '<':
        if (next == '=') { t.kind = TK_LE; t.len = 2; } else t.kind = TK_LT;
        break;
    case '>':
        if (next == '=') { t.kind = TK_GE; t.len = 2; } else t.kind = TK_GT;
        break;
    default:
        t.kind = TK_ERROR;
        t.error = "unexpected character";
        /* a whole UTF-8 sequence is one bad character */
        while (t.len < 4 && lx->pos + t.len < lx->len && ((unsigned char)lx->src[lx->pos + t.len] & 0xC0) == 0x80)
            t.len++;
        break;
    }
    lx->pos += t.len;
    return t;
}

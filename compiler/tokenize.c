/* tokenize.c - hand-written SQL tokenizer (see tokenize.h).
 *
 * One function per lexical class, dispatched on the first byte. Every scan
 * checks the remaining length before reading, so any byte sequence is safe
 * (the fuzz target and a random-bytes unit test hold us to that). Bytes
 * inside strings and quoted identifiers are taken as they are; elsewhere
 * only ASCII is meaningful, so NUL, control characters and non-ASCII bytes
 * are TK_ILLEGAL (one byte each). */
#include "tokenize.h"

#include <string.h>
#include <strings.h>

#include "sql.h"

/* Keywords, sorted by name for binary search (a unit test checks the
 * order). Type names, INTERVAL units and function names are deliberately
 * not keywords: the grammar takes them as identifiers. MINUS is EXCEPT's
 * synonym (Calcite), so it shares EXCEPT's code. */
static const struct {
    const char *name;
    int code;
} tok_keywords[] = {
    {"AFTER", TK_AFTER},
    {"ALL", TK_ALL},
    {"AND", TK_AND},
    {"ANY", TK_ANY},
    {"ARRAY", TK_ARRAY},
    {"AS", TK_AS},
    {"ASC", TK_ASC},
    {"BEGIN", TK_BEGIN},
    {"BETWEEN", TK_BETWEEN},
    {"BOTH", TK_BOTH},
    {"BY", TK_BY},
    {"CASE", TK_CASE},
    {"CAST", TK_CAST},
    {"CHANGES", TK_CHANGES},
    {"CREATE", TK_CREATE},
    {"CROSS", TK_CROSS},
    {"CUBE", TK_CUBE},
    {"CURRENT", TK_CURRENT},
    {"DEFINE", TK_DEFINE},
    {"DESC", TK_DESC},
    {"DESCRIPTOR", TK_DESCRIPTOR},
    {"DISTINCT", TK_DISTINCT},
    {"ELSE", TK_ELSE},
    {"EMIT", TK_EMIT},
    {"END", TK_END},
    {"ENFORCED", TK_ENFORCED},
    {"ESCAPE", TK_ESCAPE},
    {"EXCEPT", TK_EXCEPT},
    {"EXECUTE", TK_EXECUTE},
    {"EXISTS", TK_EXISTS},
    {"FALSE", TK_FALSE},
    {"FETCH", TK_FETCH},
    {"FILTER", TK_FILTER},
    {"FINAL", TK_FINAL},
    {"FIRST", TK_FIRST},
    {"FOLLOWING", TK_FOLLOWING},
    {"FOR", TK_FOR},
    {"FROM", TK_FROM},
    {"FULL", TK_FULL},
    {"GROUP", TK_GROUP},
    {"GROUPING", TK_GROUPING},
    {"HAVING", TK_HAVING},
    {"IF", TK_IF},
    {"IN", TK_IN},
    {"INNER", TK_INNER},
    {"INSERT", TK_INSERT},
    {"INTERSECT", TK_INTERSECT},
    {"INTERVAL", TK_INTERVAL},
    {"INTO", TK_INTO},
    {"IS", TK_IS},
    {"JOIN", TK_JOIN},
    {"KEY", TK_KEY},
    {"LAST", TK_LAST},
    {"LATERAL", TK_LATERAL},
    {"LEADING", TK_LEADING},
    {"LEFT", TK_LEFT},
    {"LIKE", TK_LIKE},
    {"LIMIT", TK_LIMIT},
    {"LOCAL", TK_LOCAL},
    {"MAP", TK_MAP},
    {"MATCH", TK_MATCH},
    {"MATCH_RECOGNIZE", TK_MATCH_RECOGNIZE},
    {"MEASURES", TK_MEASURES},
    {"METADATA", TK_METADATA},
    {"MINUS", TK_EXCEPT},
    {"NATURAL", TK_NATURAL},
    {"NEXT", TK_NEXT},
    {"NOT", TK_NOT},
    {"NULL", TK_NULL},
    {"NULLS", TK_NULLS},
    {"OF", TK_OF},
    {"OFFSET", TK_OFFSET},
    {"ON", TK_ON},
    {"ONE", TK_ONE},
    {"ONLY", TK_ONLY},
    {"OR", TK_OR},
    {"ORDER", TK_ORDER},
    {"ORDINALITY", TK_ORDINALITY},
    {"OUTER", TK_OUTER},
    {"OVER", TK_OVER},
    {"OVERWRITE", TK_OVERWRITE},
    {"PARTITION", TK_PARTITION},
    {"PAST", TK_PAST},
    {"PATTERN", TK_PATTERN},
    {"PER", TK_PER},
    {"PRECEDING", TK_PRECEDING},
    {"PRECISION", TK_PRECISION},
    {"PRIMARY", TK_PRIMARY},
    {"QUALIFY", TK_QUALIFY},
    {"RANGE", TK_RANGE},
    {"RESET", TK_RESET},
    {"RIGHT", TK_RIGHT},
    {"ROLLUP", TK_ROLLUP},
    {"ROW", TK_ROW},
    {"ROWS", TK_ROWS},
    {"RUNNING", TK_RUNNING},
    {"SELECT", TK_SELECT},
    {"SET", TK_SET},
    {"SETS", TK_SETS},
    {"SKIP", TK_SKIP},
    {"SOME", TK_SOME},
    {"STATEMENT", TK_STATEMENT},
    {"STREAM", TK_STREAM},
    {"SUBSET", TK_SUBSET},
    {"SYSTEM_TIME", TK_SYSTEM_TIME},
    {"TABLE", TK_TABLE},
    {"TEMPORARY", TK_TEMPORARY},
    {"THEN", TK_THEN},
    {"TIME", TK_TIME},
    {"TIMESTAMP", TK_TIMESTAMP},
    {"TO", TK_TO},
    {"TRAILING", TK_TRAILING},
    {"TRUE", TK_TRUE},
    {"UNBOUNDED", TK_UNBOUNDED},
    {"UNION", TK_UNION},
    {"UNKNOWN", TK_UNKNOWN},
    {"UNNEST", TK_UNNEST},
    {"USING", TK_USING},
    {"VALUES", TK_VALUES},
    {"VIEW", TK_VIEW},
    {"VIRTUAL", TK_VIRTUAL},
    {"WATERMARK", TK_WATERMARK},
    {"WHEN", TK_WHEN},
    {"WHERE", TK_WHERE},
    {"WINDOW", TK_WINDOW},
    {"WITH", TK_WITH},
    {"WITHIN", TK_WITHIN},
    {"WITHOUT", TK_WITHOUT},
    {"ZONE", TK_ZONE},
};

#define TOK_N_KEYWORDS      ((int)(sizeof tok_keywords / sizeof tok_keywords[0]))
#define TOK_MAX_KEYWORD_LEN 15 /* "MATCH_RECOGNIZE" */

int tok_keyword_code(const char *s, int len)
{
    if (len <= 0 || len > TOK_MAX_KEYWORD_LEN) return 0;
    int lo = 0, hi = TOK_N_KEYWORDS - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        const char *k = tok_keywords[mid].name;
        int c = strncasecmp(k, s, (size_t)len);
        if (c == 0 && k[len] != '\0') c = 1; /* keyword longer than s */
        if (c == 0) return tok_keywords[mid].code;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return 0;
}

const char *tok_name(int code)
{
    switch (code) {
    case 0:
        return "end of input";
    case TK_SEMI:
        return "';'";
    case TK_LP:
        return "'('";
    case TK_RP:
        return "')'";
    case TK_COMMA:
        return "','";
    case TK_DOT:
        return "'.'";
    case TK_STAR:
        return "'*'";
    case TK_ID:
        return "identifier";
    case TK_STRING:
        return "string";
    case TK_INTEGER:
        return "integer";
    case TK_FLOAT:
        return "number";
    case TK_EQ:
        return "'='";
    case TK_NE:
        return "'<>'";
    case TK_LT:
        return "'<'";
    case TK_LE:
        return "'<='";
    case TK_GT:
        return "'>'";
    case TK_GE:
        return "'>='";
    case TK_PLUS:
        return "'+'";
    case TK_MINUS:
        return "'-'";
    case TK_CONCAT:
        return "'||'";
    case TK_SLASH:
        return "'/'";
    case TK_PERCENT:
        return "'%'";
    case TK_ARROW:
        return "'=>'";
    case TK_LBRACKET:
        return "'['";
    case TK_RBRACKET:
        return "']'";
    case TK_LBRACE:
        return "'{'";
    case TK_RBRACE:
        return "'}'";
    case TK_QUESTION:
        return "'?'";
    case TK_PIPE:
        return "'|'";
    case TK_CARET:
        return "'^'";
    case TK_DOLLAR:
        return "'$'";
    case TK_SPACE:
        return "white space";
    case TK_COMMENT:
        return "comment";
    case TK_ILLEGAL:
        return "illegal character";
    case TK_UNTERMINATED:
        return "unterminated token";
    case TK_EOF:
        return "end of input";
    default:
        break;
    }
    for (int i = 0; i < TOK_N_KEYWORDS; i++)
        if (tok_keywords[i].code == code) return tok_keywords[i].name;
    return "token";
}

void tok_init(Tokenizer *t, const char *src, size_t len)
{
    t->src = src;
    t->len = src ? len : 0;
    t->off = 0;
    t->line = 1;
    t->col = 1;
}

static int tok_is_ident_start(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int tok_is_ident_char(unsigned char c)
{
    return tok_is_ident_start(c) || (c >= '0' && c <= '9') || c == '$';
}

static int tok_is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* The byte at offset i from the cursor, or 0 past the end (callers never
 * treat 0 as a terminator: they also compare offsets against len). */
static unsigned char tok_peek(const Tokenizer *t, size_t i)
{
    return t->off + i < t->len ? (unsigned char)t->src[t->off + i] : 0;
}

/* Makes a token of the n bytes at the cursor and moves past them, keeping
 * line and column up to date across newlines inside the token. */
static Token tok_take(Tokenizer *t, int type, size_t n)
{
    Token tk;
    tk.type = type;
    tk.text = t->src + t->off;
    tk.len = (int)n;
    tk.pos.line = t->line;
    tk.pos.col = t->col;
    for (size_t i = 0; i < n; i++) {
        if (t->src[t->off + i] == '\n') {
            t->line++;
            t->col = 1;
        } else {
            t->col++;
        }
    }
    t->off += n;
    return tk;
}

/* 'string' or a quoted identifier delimited by q; a doubled q stands for
 * itself. Returns the length including both quotes, or 0 if unterminated. */
static size_t tok_quoted_len(const Tokenizer *t, char q)
{
    size_t i = 1;
    while (t->off + i < t->len) {
        if (t->src[t->off + i] == q) {
            if (t->off + i + 1 < t->len && t->src[t->off + i + 1] == q) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i++;
    }
    return 0;
}

/* An integer or decimal number: digits [. digits] [e [+-] digits], or
 * . digits [...]. A number running into identifier characters ("12ab",
 * "1e") is illegal as a whole rather than silently split. */
static Token tok_number(Tokenizer *t)
{
    size_t i = 0;
    int type = TK_INTEGER;
    while (tok_is_digit(tok_peek(t, i))) i++;
    if (tok_peek(t, i) == '.') {
        type = TK_FLOAT;
        i++;
        while (tok_is_digit(tok_peek(t, i))) i++;
    }
    unsigned char e = tok_peek(t, i);
    if (e == 'e' || e == 'E') {
        size_t j = i + 1;
        if (tok_peek(t, j) == '+' || tok_peek(t, j) == '-') j++;
        if (tok_is_digit(tok_peek(t, j))) {
            type = TK_FLOAT;
            i = j;
            while (tok_is_digit(tok_peek(t, i))) i++;
        }
    }
    if (tok_is_ident_char(tok_peek(t, i))) {
        while (tok_is_ident_char(tok_peek(t, i))) i++;
        type = TK_ILLEGAL;
    }
    return tok_take(t, type, i);
}

Token tok_next(Tokenizer *t)
{
    if (t->off >= t->len) {
        Token tk = {TK_EOF, t->src ? t->src + t->len : "", 0, {t->line, t->col}};
        return tk;
    }
    unsigned char c = tok_peek(t, 0);
    unsigned char c1 = tok_peek(t, 1);
    size_t n;
    switch (c) {
    case ' ':
    case '\t':
    case '\n':
    case '\r':
    case '\f':
    case '\v':
        n = 1;
        while (t->off + n < t->len && strchr(" \t\n\r\f\v", t->src[t->off + n]) &&
               t->src[t->off + n])
            n++;
        return tok_take(t, TK_SPACE, n);
    case '-':
        if (t->off + 1 < t->len && c1 == '-') {
            n = 2;
            while (t->off + n < t->len && t->src[t->off + n] != '\n') n++;
            return tok_take(t, TK_COMMENT, n);
        }
        return tok_take(t, TK_MINUS, 1);
    case '/':
        if (t->off + 1 < t->len && c1 == '*') {
            n = 2;
            while (t->off + n + 1 < t->len &&
                   !(t->src[t->off + n] == '*' && t->src[t->off + n + 1] == '/'))
                n++;
            if (t->off + n + 1 < t->len) return tok_take(t, TK_COMMENT, n + 2);
            return tok_take(t, TK_UNTERMINATED, t->len - t->off);
        }
        return tok_take(t, TK_SLASH, 1);
    case '\'':
    case '"':
    case '`':
        n = tok_quoted_len(t, (char)c);
        if (n == 0) return tok_take(t, TK_UNTERMINATED, t->len - t->off);
        return tok_take(t, c == '\'' ? TK_STRING : TK_ID, n);
    case '(':
        return tok_take(t, TK_LP, 1);
    case ')':
        return tok_take(t, TK_RP, 1);
    case ',':
        return tok_take(t, TK_COMMA, 1);
    case ';':
        return tok_take(t, TK_SEMI, 1);
    case '+':
        return tok_take(t, TK_PLUS, 1);
    case '*':
        return tok_take(t, TK_STAR, 1);
    case '%':
        return tok_take(t, TK_PERCENT, 1);
    case '=':
        if (t->off + 1 < t->len && c1 == '>') return tok_take(t, TK_ARROW, 2);
        return tok_take(t, TK_EQ, 1);
    case '<':
        if (t->off + 1 < t->len && c1 == '>') return tok_take(t, TK_NE, 2);
        if (t->off + 1 < t->len && c1 == '=') return tok_take(t, TK_LE, 2);
        return tok_take(t, TK_LT, 1);
    case '>':
        if (t->off + 1 < t->len && c1 == '=') return tok_take(t, TK_GE, 2);
        return tok_take(t, TK_GT, 1);
    case '!':
        if (t->off + 1 < t->len && c1 == '=') return tok_take(t, TK_NE, 2);
        return tok_take(t, TK_ILLEGAL, 1);
    case '|':
        if (t->off + 1 < t->len && c1 == '|') return tok_take(t, TK_CONCAT, 2);
        return tok_take(t, TK_PIPE, 1);
    case '[':
        return tok_take(t, TK_LBRACKET, 1);
    case ']':
        return tok_take(t, TK_RBRACKET, 1);
    case '{':
        return tok_take(t, TK_LBRACE, 1);
    case '}':
        return tok_take(t, TK_RBRACE, 1);
    case '?':
        return tok_take(t, TK_QUESTION, 1);
    case '^':
        return tok_take(t, TK_CARET, 1);
    case '$':
        /* only alone: inside an identifier '$' is an identifier character */
        return tok_take(t, TK_DOLLAR, 1);
    case '.':
        if (t->off + 1 < t->len && tok_is_digit(c1)) return tok_number(t);
        return tok_take(t, TK_DOT, 1);
    default:
        break;
    }
    if (tok_is_digit(c)) return tok_number(t);
    if (tok_is_ident_start(c)) {
        n = 1;
        while (t->off + n < t->len && tok_is_ident_char((unsigned char)t->src[t->off + n])) n++;
        int kw = tok_keyword_code(t->src + t->off, (int)n);
        return tok_take(t, kw ? kw : TK_ID, n);
    }
    return tok_take(t, TK_ILLEGAL, 1);
}

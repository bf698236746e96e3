/* parse.c - drives the lemon parser and builds AST nodes for its actions.
 *
 * The driver checks every token against the parser tables before feeding
 * it (sqlParseWouldShift). That way a syntax error is detected in the state
 * *before* lemon's default reductions run, so the "expected one of" list is
 * complete, and the offending token itself is never consumed.
 *
 * Depth limits (PARSE_MAX_DEPTH), three of them because each catches a
 * shape the others miss:
 *   - open '(' and CASE counted at the token level: 20,000 nested
 *     parentheses fail at the 1,001st '(' before the parser sees it;
 *   - the parser stack: long prefix chains (NOT NOT ..., - - ...) grow it
 *     without any parenthesis;
 *   - Expr.height: left-associative chains (1+1+...+1) build deep trees on
 *     a shallow stack, and later passes recurse over those trees. */
#include "parse.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "parse_internal.h"
#include "sql.h"
#include "tokenize.h"

/* Parser stack entries allowed: generous, since one nesting level takes a
 * few entries ("(1 + (" is three). */
#define PARSE_STACK_LIMIT (10 * PARSE_MAX_DEPTH)

/* ---- errors and small utilities ----------------------------------------- */

void parse_error(ParseCtx *c, SrcPos pos, const char *fmt, ...)
{
    if (c->failed) return;
    c->failed = true;
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    diag_error(c->diag, pos, "%s", msg);
}

void *parse_grow(ParseCtx *c, void *arr, int n, size_t esz)
{
    /* Same implied-capacity rule as ast_list_push: 4, then powers of two. */
    if (n == 0 || (n >= 4 && (n & (n - 1)) == 0)) {
        int cap = n == 0 ? 4 : n * 2;
        void *v = arena_alloc(c->arena, (size_t)cap * esz);
        if (n) memcpy(v, arr, (size_t)n * esz);
        return v;
    }
    return arr;
}

/* Token text for messages: at most 40 bytes, non-printable bytes as \xNN. */
static const char *parse_show(ParseCtx *c, const char *s, int len)
{
    char buf[200];
    size_t o = 0;
    int n = len > 40 ? 40 : len;
    for (int i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x20 && ch < 0x7f)
            buf[o++] = (char)ch;
        else
            o += (size_t)snprintf(buf + o, sizeof buf - o, "\\x%02X", ch);
    }
    if (len > n) {
        memcpy(buf + o, "...", 3);
        o += 3;
    }
    return arena_strndup(c->arena, buf, o);
}

/* Position of byte i of token t, i <= t.len (tokens may span lines;
 * columns count bytes, as the tokenizer's do). */
static SrcPos parse_pos_in(Token t, int i)
{
    SrcPos p = t.pos;
    for (int k = 0; k < i && k < t.len; k++) {
        if (t.text[k] == '\n') {
            p.line++;
            p.col = 1;
        } else {
            p.col++;
        }
    }
    return p;
}

/* The contents of a quoted token (quote char q at both ends) as text
 * (ast.h): doubled quotes collapsed, NUL stored as C0 80. The contents must
 * be valid UTF-8 (Flink reads SQL as Unicode text; a name or literal that is
 * not text cannot become a JSON key or a valid JSON string); otherwise the
 * error points at the first invalid byte and NULL is returned. */
static char *parse_unquote(ParseCtx *c, Token t, char q, const char *what)
{
    int n = t.len >= 2 ? t.len - 2 : 0;
    const uint8_t *bad = u8_check((const uint8_t *)t.text + 1, (size_t)n);
    if (bad) {
        int at = (int)((const char *)bad - t.text);
        parse_error(c, parse_pos_in(t, at), "invalid UTF-8 in %s (byte 0x%02X)", what, *bad);
        return NULL;
    }
    char *s = arena_alloc(c->arena, 2 * (size_t)n + 1);
    size_t o = 0;
    for (int i = 1; i <= n; i++) {
        if (t.text[i] == 0) {
            s[o++] = (char)0xC0;
            s[o++] = (char)0x80;
            continue;
        }
        s[o++] = t.text[i];
        if (t.text[i] == q && i < n && t.text[i + 1] == q) i++;
    }
    s[o] = '\0';
    return s;
}

const char *parse_ident(ParseCtx *c, Token t)
{
    if (!t.text) return "";
    if (t.len >= 2 && (t.text[0] == '"' || t.text[0] == '`')) {
        char *s = parse_unquote(c, t, t.text[0], "quoted identifier");
        if (!s) return "?";
        if (!*s) parse_error(c, t.pos, "empty quoted identifier");
        return s;
    }
    return arena_strndup(c->arena, t.text, (size_t)t.len);
}

const char *parse_string(ParseCtx *c, Token t)
{
    if (!t.text) return "";
    char *s = parse_unquote(c, t, '\'', "string literal");
    return s ? s : "";
}

/* Parses the decimal digits of t as a non-negative int64; 0 on overflow. */
static int parse_int64(const char *s, int len, int64_t *out)
{
    int64_t v = 0;
    if (len <= 0) return 0;
    for (int i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, s[i] - '0', &v))
            return 0;
    }
    *out = v;
    return 1;
}

/* ---- expressions ---------------------------------------------------------- */

static int parse_h(const Expr *e, int h)
{
    return e && e->height > h ? e->height : h;
}

static int parse_list_h(const ExprList *l, int h)
{
    for (int i = 0; i < l->n; i++) h = parse_h(l->v[i], h);
    return h;
}

/* Sets e->height from its children and enforces PARSE_MAX_DEPTH. */
static Expr *parse_finish(ParseCtx *c, Expr *e)
{
    int h = 0;
    switch (e->kind) {
    case EX_UNARY:
        h = parse_h(e->u.unary.x, 0);
        break;
    case EX_BINARY:
        h = parse_h(e->u.binary.r, parse_h(e->u.binary.l, 0));
        break;
    case EX_IS_NULL:
        h = parse_h(e->u.is_null.x, 0);
        break;
    case EX_BETWEEN:
        h = parse_h(e->u.between.hi, parse_h(e->u.between.lo, parse_h(e->u.between.x, 0)));
        break;
    case EX_IN:
        h = parse_list_h(&e->u.in.list, parse_h(e->u.in.x, 0));
        break;
    case EX_LIKE:
        h = parse_h(e->u.like.escape, parse_h(e->u.like.pattern, parse_h(e->u.like.x, 0)));
        break;
    case EX_CASE:
        h = parse_h(e->u.case_.else_, parse_h(e->u.case_.operand, 0));
        for (int i = 0; i < e->u.case_.n_whens; i++)
            h = parse_h(e->u.case_.whens[i].then, parse_h(e->u.case_.whens[i].when, h));
        break;
    case EX_CAST:
        h = parse_h(e->u.cast.x, 0);
        break;
    case EX_CALL:
        h = parse_list_h(&e->u.call.args, 0);
        break;
    default:
        break;
    }
    e->height = h + 1;
    if (e->height > PARSE_MAX_DEPTH) {
        parse_error(c, e->pos, "expression nested too deeply (more than %d levels)",
                    PARSE_MAX_DEPTH);
        e->height = PARSE_MAX_DEPTH;
    }
    return e;
}

Expr *parse_mk_int(ParseCtx *c, Token t)
{
    int64_t v;
    if (parse_int64(t.text, t.len, &v)) {
        Expr *e = ast_expr(c->arena, EX_INT, t.pos);
        e->u.ival = v;
        return parse_finish(c, e);
    }
    /* Too large for BIGINT: keep it as an exact-text number (DECIMAL later). */
    return parse_mk_float(c, t);
}

Expr *parse_mk_float(ParseCtx *c, Token t)
{
    Expr *e = ast_expr(c->arena, EX_FLOAT, t.pos);
    e->u.num.text = arena_strndup(c->arena, t.text, (size_t)t.len);
    e->u.num.fval = strtod(e->u.num.text, NULL);
    if (isinf(e->u.num.fval))
        parse_error(c, t.pos, "numeric literal '%s' out of range", parse_show(c, t.text, t.len));
    return parse_finish(c, e);
}

Expr *parse_mk_string(ParseCtx *c, Token t)
{
    Expr *e = ast_expr(c->arena, EX_STRING, t.pos);
    e->u.str = parse_string(c, t);
    return parse_finish(c, e);
}

Expr *parse_mk_bool(ParseCtx *c, Token t, bool v)
{
    Expr *e = ast_expr(c->arena, EX_BOOL, t.pos);
    e->u.bval = v;
    return parse_finish(c, e);
}

Expr *parse_mk_null(ParseCtx *c, Token t)
{
    return parse_finish(c, ast_expr(c->arena, EX_NULL, t.pos));
}

static const struct {
    const char *name;
    int64_t ms;
} parse_units[] = {
    {"MILLISECOND", 1}, {"MILLISECONDS", 1}, {"SECOND", 1000},  {"SECONDS", 1000},
    {"MINUTE", 60000},  {"MINUTES", 60000},  {"HOUR", 3600000}, {"HOURS", 3600000},
    {"DAY", 86400000},  {"DAYS", 86400000},
};
#define PARSE_N_UNITS ((int)(sizeof parse_units / sizeof parse_units[0]))

/* Parses "[+-]digits[.digits]" (surrounding blanks allowed) times unit_ms
 * into whole milliseconds. Returns 0 and sets *why on failure. */
static int parse_interval_value(const char *s, int64_t unit_ms, int64_t *out, const char **why)
{
    *why = "expected a number such as '5', '-2' or '1.5'";
    while (*s == ' ') s++;
    int neg = 0;
    if (*s == '+' || *s == '-') neg = *s++ == '-';
    const char *ip = s;
    while (*s >= '0' && *s <= '9') s++;
    int ilen = (int)(s - ip);
    const char *fp = NULL;
    int flen = 0;
    if (*s == '.') {
        fp = ++s;
        while (*s >= '0' && *s <= '9') s++;
        flen = (int)(s - fp);
    }
    while (*s == ' ') s++;
    if (*s || ilen + flen == 0) return 0;
    while (flen > 0 && fp[flen - 1] == '0') flen--; /* 1.500 == 1.5 */
    int64_t iv = 0, ms;
    *why = "out of range";
    if (ilen > 0 && !parse_int64(ip, ilen, &iv)) return 0;
    if (__builtin_mul_overflow(iv, unit_ms, &ms)) return 0;
    if (flen > 0) {
        if (flen > 18) {
            *why = "not a whole number of milliseconds";
            return 0;
        }
        int64_t fv = 0, pow10 = 1;
        parse_int64(fp, flen, &fv);
        for (int i = 0; i < flen; i++) pow10 *= 10;
        unsigned __int128 prod = (unsigned __int128)fv * (unsigned __int128)unit_ms;
        if (prod % (unsigned __int128)pow10 != 0) {
            *why = "not a whole number of milliseconds";
            return 0;
        }
        if (__builtin_add_overflow(ms, (int64_t)(prod / (unsigned __int128)pow10), &ms)) return 0;
    }
    *out = neg ? -ms : ms;
    return 1;
}

Expr *parse_mk_interval(ParseCtx *c, Token kw, Token value, Token unit)
{
    Expr *e = ast_expr(c->arena, EX_INTERVAL, kw.pos);
    const char *uname = parse_ident(c, unit);
    int64_t unit_ms = 0;
    for (int i = 0; i < PARSE_N_UNITS; i++)
        if (strcasecmp(uname, parse_units[i].name) == 0) unit_ms = parse_units[i].ms;
    if (!unit_ms) {
        if (!strncasecmp(uname, "YEAR", 4) || !strncasecmp(uname, "MONTH", 5)) {
            parse_error(c, unit.pos,
                        "year-month intervals are not supported; use DAY, HOUR, MINUTE, "
                        "SECOND or MILLISECOND");
            return parse_finish(c, e);
        }
        const char *cands[PARSE_N_UNITS];
        for (int i = 0; i < PARSE_N_UNITS; i++) cands[i] = parse_units[i].name;
        const char *sugg = diag_suggest(uname, cands, PARSE_N_UNITS);
        if (sugg)
            parse_error(c, unit.pos, "unknown interval unit '%s'; did you mean '%s'?",
                        parse_show(c, unit.text, unit.len), sugg);
        else
            parse_error(c, unit.pos,
                        "unknown interval unit '%s'; expected DAY, HOUR, MINUTE, SECOND or "
                        "MILLISECOND",
                        parse_show(c, unit.text, unit.len));
        return parse_finish(c, e);
    }
    const char *text = value.type == TK_STRING
                           ? parse_string(c, value)
                           : arena_strndup(c->arena, value.text, (size_t)value.len);
    const char *why;
    if (!parse_interval_value(text, unit_ms, &e->u.interval_ms, &why))
        parse_error(c, value.pos, "invalid INTERVAL value '%s'; %s",
                    parse_show(c, text, (int)strlen(text)), why);
    return parse_finish(c, e);
}

/* Reads exactly n digits at *s into *v. */
static int parse_digits(const char **s, int n, int *v)
{
    int x = 0;
    for (int i = 0; i < n; i++) {
        char ch = (*s)[i];
        if (ch < '0' || ch > '9') return 0;
        x = x * 10 + (ch - '0');
    }
    *s += n;
    *v = x;
    return 1;
}

/* yyyy-mm-dd[( |T)hh:mm[:ss[.fffffffff]]] with calendar-valid fields. */
static int parse_timestamp_ok(const char *s)
{
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, mo, d, h = 0, mi = 0, sec = 0;
    if (!parse_digits(&s, 4, &y) || *s++ != '-' || !parse_digits(&s, 2, &mo) || *s++ != '-' ||
        !parse_digits(&s, 2, &d))
        return 0;
    if (mo < 1 || mo > 12) return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (d < 1 || d > mdays[mo - 1] + (mo == 2 && leap)) return 0;
    if (*s == ' ' || *s == 'T') {
        s++;
        if (!parse_digits(&s, 2, &h) || *s++ != ':' || !parse_digits(&s, 2, &mi)) return 0;
        if (*s == ':') {
            s++;
            if (!parse_digits(&s, 2, &sec)) return 0;
            if (*s == '.') {
                s++;
                int nf = 0;
                while (*s >= '0' && *s <= '9') s++, nf++;
                if (nf < 1 || nf > 9) return 0;
            }
        }
    }
    return *s == '\0' && h < 24 && mi < 60 && sec < 60;
}

Expr *parse_mk_timestamp(ParseCtx *c, Token kw, Token value)
{
    Expr *e = ast_expr(c->arena, EX_TIMESTAMP, kw.pos);
    e->u.str = parse_string(c, value);
    if (!parse_timestamp_ok(e->u.str))
        parse_error(c, value.pos,
                    "invalid TIMESTAMP literal '%s'; expected 'yyyy-mm-dd hh:mm:ss[.fff]'",
                    parse_show(c, e->u.str, (int)strlen(e->u.str)));
    return parse_finish(c, e);
}

Expr *parse_mk_column(ParseCtx *c, Token qual, Token name)
{
    Expr *e = ast_expr(c->arena, EX_COLUMN, qual.text ? qual.pos : name.pos);
    e->u.col.qualifier = qual.text ? parse_ident(c, qual) : NULL;
    e->u.col.name = parse_ident(c, name);
    return parse_finish(c, e);
}

Expr *parse_mk_star(ParseCtx *c, Token star, Token qual)
{
    Expr *e = ast_expr(c->arena, EX_STAR, qual.text ? qual.pos : star.pos);
    e->u.col.qualifier = qual.text ? parse_ident(c, qual) : NULL;
    return parse_finish(c, e);
}

Expr *parse_mk_unary(ParseCtx *c, Token op, UnaryOp uop, Expr *x)
{
    /* -9223372036854775808 is a BIGINT even though its digits alone are not. */
    if (uop == UOP_NEG && x->kind == EX_FLOAT && x->u.num.text &&
        strcmp(x->u.num.text, "9223372036854775808") == 0) {
        Expr *e = ast_expr(c->arena, EX_INT, op.pos);
        e->u.ival = INT64_MIN;
        return parse_finish(c, e);
    }
    Expr *e = ast_expr(c->arena, EX_UNARY, op.pos);
    e->u.unary.op = uop;
    e->u.unary.x = x;
    return parse_finish(c, e);
}

Expr *parse_mk_binary(ParseCtx *c, Token op, BinaryOp bop, Expr *l, Expr *r)
{
    Expr *e = ast_expr(c->arena, EX_BINARY, op.pos);
    e->u.binary.op = bop;
    e->u.binary.l = l;
    e->u.binary.r = r;
    return parse_finish(c, e);
}

Expr *parse_mk_is_null(ParseCtx *c, Token op, Expr *x, bool negated)
{
    Expr *e = ast_expr(c->arena, EX_IS_NULL, op.pos);
    e->u.is_null.x = x;
    e->u.is_null.negated = negated;
    return parse_finish(c, e);
}

Expr *parse_mk_between(ParseCtx *c, Token op, Expr *x, Expr *lo, Expr *hi, bool negated)
{
    Expr *e = ast_expr(c->arena, EX_BETWEEN, op.pos);
    e->u.between.x = x;
    e->u.between.lo = lo;
    e->u.between.hi = hi;
    e->u.between.negated = negated;
    return parse_finish(c, e);
}

Expr *parse_mk_in(ParseCtx *c, Token op, Expr *x, ExprList list, bool negated)
{
    Expr *e = ast_expr(c->arena, EX_IN, op.pos);
    e->u.in.x = x;
    e->u.in.list = list;
    e->u.in.negated = negated;
    return parse_finish(c, e);
}

Expr *parse_mk_like(ParseCtx *c, Token op, Expr *x, Expr *pat, Expr *esc, bool negated)
{
    Expr *e = ast_expr(c->arena, EX_LIKE, op.pos);
    e->u.like.x = x;
    e->u.like.pattern = pat;
    e->u.like.escape = esc;
    e->u.like.negated = negated;
    return parse_finish(c, e);
}

Expr *parse_mk_case(ParseCtx *c, Token kw, Expr *operand, CaseWhens whens, Expr *else_)
{
    Expr *e = ast_expr(c->arena, EX_CASE, kw.pos);
    e->u.case_.operand = operand;
    e->u.case_.whens = whens.v;
    e->u.case_.n_whens = whens.n;
    e->u.case_.else_ = else_;
    return parse_finish(c, e);
}

Expr *parse_mk_cast(ParseCtx *c, Token kw, Expr *x, AstType type)
{
    Expr *e = ast_expr(c->arena, EX_CAST, kw.pos);
    e->u.cast.x = x;
    e->u.cast.type = type;
    return parse_finish(c, e);
}

Expr *parse_mk_call(ParseCtx *c, Token name, ExprList args, bool distinct, bool star)
{
    Expr *e = ast_expr(c->arena, EX_CALL, name.pos);
    e->u.call.name = parse_ident(c, name);
    e->u.call.args = args;
    e->u.call.distinct = distinct;
    e->u.call.star = star;
    return parse_finish(c, e);
}

Expr *parse_mk_call_from(ParseCtx *c, Token name, Token from, Expr *a, Expr *b, Expr *for_expr)
{
    const char *fn = parse_ident(c, name);
    ExprList args = {NULL, 0};
    Expr *e = ast_expr(c->arena, EX_CALL, name.pos);
    if (!strcasecmp(fn, "SUBSTRING") || !strcasecmp(fn, "SUBSTR")) {
        e->u.call.name = "SUBSTRING";
        ast_list_push(c->arena, &args, a);
        ast_list_push(c->arena, &args, b);
        if (for_expr) ast_list_push(c->arena, &args, for_expr);
    } else if (!strcasecmp(fn, "TRIM") && !for_expr) {
        e->u.call.name = "TRIM";
        ast_list_push(c->arena, &args, b);
        ast_list_push(c->arena, &args, a);
    } else {
        e->u.call.name = fn;
        parse_error(c, from.pos,
                    "FROM inside a function call is only valid in SUBSTRING(x FROM start [FOR "
                    "length]) and TRIM([BOTH|LEADING|TRAILING] [chars] FROM x)");
    }
    e->u.call.args = args;
    return parse_finish(c, e);
}

Expr *parse_mk_trim(ParseCtx *c, Token name, Token spec, Expr *chars, Expr *x)
{
    Expr *e = ast_expr(c->arena, EX_CALL, name.pos);
    if (strcasecmp(parse_ident(c, name), "TRIM") != 0)
        parse_error(c, spec.pos, "%s is only valid inside TRIM(...)", tok_name(spec.type));
    e->u.call.name = spec.type == TK_LEADING    ? "LTRIM"
                     : spec.type == TK_TRAILING ? "RTRIM"
                                                : "TRIM";
    ast_list_push(c->arena, &e->u.call.args, x);
    if (chars) ast_list_push(c->arena, &e->u.call.args, chars);
    return parse_finish(c, e);
}

/* ---- types ---------------------------------------------------------------- */

/* Type names as written; max_params: how many (p[, s]) parameters allowed. */
static const struct {
    const char *name;
    TypeKind kind;
    int max_params;
} parse_types[] = {
    {"BOOLEAN", TY_BOOLEAN, 0},
    {"BOOL", TY_BOOLEAN, 0},
    {"TINYINT", TY_TINYINT, 0},
    {"SMALLINT", TY_SMALLINT, 0},
    {"INT", TY_INT, 0},
    {"INTEGER", TY_INT, 0},
    {"BIGINT", TY_BIGINT, 0},
    {"FLOAT", TY_FLOAT, 0},
    {"REAL", TY_FLOAT, 0},
    {"DOUBLE", TY_DOUBLE, 0},
    {"DECIMAL", TY_DECIMAL, 2},
    {"DEC", TY_DECIMAL, 2},
    {"NUMERIC", TY_DECIMAL, 2},
    {"VARCHAR", TY_VARCHAR, 1},
    {"STRING", TY_VARCHAR, 0},
    {"CHAR", TY_VARCHAR, 1},
    {"CHARACTER", TY_VARCHAR, 1},
    {"DATE", TY_DATE, 0},
    {"TIME", TY_TIME, 1},
    {"TIMESTAMP", TY_TIMESTAMP, 1},
    {"TIMESTAMP_LTZ", TY_TIMESTAMP, 1},
};
#define PARSE_N_TYPES ((int)(sizeof parse_types / sizeof parse_types[0]))

/* The canonical name when n is a known SQL type we do not support yet. */
static const char *parse_unsupported_type(const char *n)
{
    static const char *const unsupported[] = {"ARRAY",  "MAP",       "ROW", "MULTISET", "BYTES",
                                              "BINARY", "VARBINARY", "RAW", "STRUCT"};
    for (size_t k = 0; k < sizeof unsupported / sizeof unsupported[0]; k++)
        if (strcasecmp(n, unsupported[k]) == 0) return unsupported[k];
    return NULL;
}

/* An integer type parameter; reports and returns -1 when out of range. */
static int parse_type_param(ParseCtx *c, Token t)
{
    int64_t v;
    if (!parse_int64(t.text, t.len, &v) || v > INT_MAX) {
        parse_error(c, t.pos, "integer '%s' out of range", parse_show(c, t.text, t.len));
        return -1;
    }
    return (int)v;
}

AstType parse_mk_type(ParseCtx *c, Token name, int nparams, Token p, Token s)
{
    AstType t = {TY_UNKNOWN, -1, -1, name.pos};
    const char *n = parse_ident(c, name);
    int i;
    for (i = 0; i < PARSE_N_TYPES; i++)
        if (strcasecmp(n, parse_types[i].name) == 0) break;
    if (i == PARSE_N_TYPES) {
        const char *unsupported = parse_unsupported_type(n);
        if (unsupported) {
            parse_error(c, name.pos, "type %s is not supported yet", unsupported);
            return t;
        }
        const char *cands[PARSE_N_TYPES];
        for (int k = 0; k < PARSE_N_TYPES; k++) cands[k] = parse_types[k].name;
        const char *sugg = diag_suggest(n, cands, PARSE_N_TYPES);
        if (sugg)
            parse_error(c, name.pos, "unknown type '%s'; did you mean '%s'?",
                        parse_show(c, n, (int)strlen(n)), sugg);
        else
            parse_error(c, name.pos, "unknown type '%s'", parse_show(c, n, (int)strlen(n)));
        return t;
    }
    t.kind = parse_types[i].kind;
    if (nparams > parse_types[i].max_params) {
        if (parse_types[i].max_params == 0)
            parse_error(c, p.pos, "type %s takes no parameters", parse_types[i].name);
        else
            parse_error(c, s.pos, "type %s takes at most one parameter", parse_types[i].name);
        return t;
    }
    if (nparams >= 1) t.precision = parse_type_param(c, p);
    if (nparams >= 2) t.scale = parse_type_param(c, s);
    if (c->failed) return t;
    switch (t.kind) {
    case TY_DECIMAL:
        if (nparams >= 1 && (t.precision < 1 || t.precision > 38))
            parse_error(c, p.pos, "DECIMAL precision must be between 1 and 38");
        else if (nparams >= 2 && t.scale > t.precision)
            parse_error(c, s.pos, "DECIMAL scale must be between 0 and the precision (%d)",
                        t.precision);
        break;
    case TY_VARCHAR:
        if (nparams >= 1 && t.precision < 1)
            parse_error(c, p.pos, "%s length must be at least 1", parse_types[i].name);
        break;
    case TY_TIME:
    case TY_TIMESTAMP:
        if (nparams >= 1 && t.precision > 9)
            parse_error(c, p.pos, "%s precision must be between 0 and 9", parse_types[i].name);
        break;
    default:
        break;
    }
    return t;
}

AstType parse_mk_type_precision(ParseCtx *c, Token name, Token precision)
{
    AstType t = {TY_DOUBLE, -1, -1, name.pos};
    if (strcasecmp(parse_ident(c, name), "DOUBLE") != 0)
        parse_error(c, precision.pos, "PRECISION is only valid after DOUBLE");
    return t;
}

AstType parse_mk_type_tz(ParseCtx *c, AstType t, Token kw, bool local)
{
    if (t.kind != TY_TIMESTAMP && !(t.kind == TY_TIME && !local))
        parse_error(c, kw.pos, "%s applies only to TIMESTAMP",
                    local ? "WITH LOCAL TIME ZONE" : "WITHOUT TIME ZONE");
    return t;
}

/* ---- statements ----------------------------------------------------------- */

Stmt *parse_mk_create_head(ParseCtx *c, Token create, bool is_stream, bool if_not_exists,
                           Token name)
{
    Stmt *s = arena_alloc(c->arena, sizeof *s);
    s->kind = ST_CREATE_TABLE;
    s->pos = create.pos;
    s->name = parse_ident(c, name);
    s->name_pos = name.pos;
    s->is_stream = is_stream;
    s->if_not_exists = if_not_exists;
    c->cur = s;
    return s;
}

/* Records the statement's primary key; one per table. */
static void parse_set_pk(ParseCtx *c, SrcPos pos, const char **cols, int n)
{
    Stmt *s = c->cur;
    if (s->n_pk_cols > 0) {
        parse_error(c, pos, "multiple PRIMARY KEY definitions for '%s'", s->name);
        return;
    }
    s->pk_cols = cols;
    s->n_pk_cols = n;
    s->pk_pos = pos;
}

ColCons parse_colcons_pk(ParseCtx *c, ColCons cons, Token kw)
{
    if (cons.primary_key) parse_error(c, kw.pos, "PRIMARY KEY given twice for one column");
    cons.primary_key = true;
    cons.last_pk = true;
    cons.pk_pos = kw.pos;
    return cons;
}

ColCons parse_colcons_not_enforced(ParseCtx *c, ColCons cons, Token kw)
{
    if (!cons.last_pk) parse_error(c, kw.pos, "NOT ENFORCED must follow PRIMARY KEY");
    cons.last_pk = false;
    return cons;
}

void parse_add_column(ParseCtx *c, Token name, AstType type, ColCons cons)
{
    Stmt *s = c->cur;
    if (!s) return;
    s->cols = parse_grow(c, s->cols, s->n_cols, sizeof(ColumnDef));
    ColumnDef *col = &s->cols[s->n_cols++];
    col->name = parse_ident(c, name);
    col->pos = name.pos;
    col->type = type;
    col->not_null = cons.not_null;
    if (cons.primary_key) {
        const char **pk = arena_alloc(c->arena, sizeof *pk);
        pk[0] = col->name;
        parse_set_pk(c, cons.pk_pos, pk, 1);
    }
}

void parse_add_watermark(ParseCtx *c, Token kw, Token col, Expr *e)
{
    Stmt *s = c->cur;
    if (!s) return;
    if (s->wm_column) {
        parse_error(c, kw.pos, "multiple WATERMARK definitions for '%s'", s->name);
        return;
    }
    s->wm_column = parse_ident(c, col);
    s->wm_pos = col.pos;
    s->wm_expr = e;
}

void parse_add_primary_key(ParseCtx *c, Token kw, NameList cols)
{
    if (!c->cur) return;
    parse_set_pk(c, kw.pos, cols.v, cols.n);
}

WithList parse_with_add(ParseCtx *c, WithList l, Token key, const char *key_text, Token value)
{
    l.v = parse_grow(c, l.v, l.n, sizeof(WithOption));
    WithOption *o = &l.v[l.n++];
    o->key = key_text;
    o->key_pos = key.pos;
    o->value_pos = value.pos;
    if (value.type == TK_STRING)
        o->value = parse_string(c, value);
    else if (value.type == TK_ID)
        o->value = parse_ident(c, value);
    else
        o->value = arena_strndup(c->arena, value.text, (size_t)value.len);
    return l;
}

NameList parse_names_add(ParseCtx *c, NameList l, Token name)
{
    l.v = parse_grow(c, l.v, l.n, sizeof(const char *));
    l.v[l.n++] = parse_ident(c, name);
    return l;
}

SelectItems parse_items_add(ParseCtx *c, SelectItems l, Expr *e, Token alias)
{
    l.v = parse_grow(c, l.v, l.n, sizeof(SelectItem));
    SelectItem *it = &l.v[l.n++];
    it->expr = e;
    it->alias = alias.text ? parse_ident(c, alias) : NULL;
    it->alias_pos = alias.pos;
    return l;
}

FromItem *parse_mk_from_table(ParseCtx *c, Token name, Token alias)
{
    FromItem *f = arena_alloc(c->arena, sizeof *f);
    f->kind = FROM_TABLE;
    f->pos = name.pos;
    f->table = parse_ident(c, name);
    f->table_pos = name.pos;
    f->alias = alias.text ? parse_ident(c, alias) : NULL;
    return f;
}

FromItem *parse_mk_from_tvf(ParseCtx *c, Token kw, Token fn, Token table, Token descriptor,
                            ExprList args, Token alias)
{
    FromItem *f = arena_alloc(c->arena, sizeof *f);
    f->kind = FROM_TVF;
    f->pos = kw.pos;
    f->table = parse_ident(c, table);
    f->table_pos = table.pos;
    f->alias = alias.text ? parse_ident(c, alias) : NULL;
    f->tvf = parse_ident(c, fn);
    f->tvf_pos = fn.pos;
    f->descriptor = parse_ident(c, descriptor);
    f->descriptor_pos = descriptor.pos;
    f->tvf_args = args;
    return f;
}

TvfNamedArgs parse_tvf_named_add(ParseCtx *c, TvfNamedArgs l, Token name, Expr *e)
{
    l.v = parse_grow(c, l.v, l.n, sizeof(TvfNamedArg));
    l.v[l.n].name = name;
    l.v[l.n].e = e;
    l.n++;
    return l;
}

/* Positional parameter names of the window functions after DATA and
 * TIMECOL (Flink's names). */
static const struct {
    const char *fn;
    const char *params[3];
} parse_tvf_params[] = {
    {"TUMBLE", {"SIZE", "OFFSET", NULL}},
    {"HOP", {"SLIDE", "SIZE", "OFFSET"}},
    {"CUMULATE", {"STEP", "SIZE", "OFFSET"}},
    {"SESSION", {"GAP", NULL, NULL}},
};

FromItem *parse_mk_from_tvf_named(ParseCtx *c, Token kw, Token fn, Token data_kw, Token table,
                                  Token timecol_kw, Token descriptor, TvfNamedArgs args,
                                  Token alias)
{
    ExprList list = {NULL, 0};
    FromItem *f = parse_mk_from_tvf(c, kw, fn, table, descriptor, list, alias);
    if (strcasecmp(parse_ident(c, data_kw), "DATA") != 0) {
        parse_error(c, data_kw.pos, "expected DATA => TABLE name as the first argument");
        return f;
    }
    if (strcasecmp(parse_ident(c, timecol_kw), "TIMECOL") != 0) {
        parse_error(c, timecol_kw.pos,
                    "expected TIMECOL => DESCRIPTOR(column) as the second argument");
        return f;
    }
    const char *const *params = NULL;
    for (size_t i = 0; i < sizeof parse_tvf_params / sizeof parse_tvf_params[0]; i++)
        if (strcasecmp(f->tvf, parse_tvf_params[i].fn) == 0) params = parse_tvf_params[i].params;
    if (!params) {
        if (args.n > 0)
            parse_error(c, args.v[0].name.pos,
                        "named arguments are only known for TUMBLE, HOP, CUMULATE and SESSION");
        return f;
    }
    /* slot[k]: the argument for params[k] */
    Expr *slot[3] = {NULL, NULL, NULL};
    for (int i = 0; i < args.n; i++) {
        const char *name = parse_ident(c, args.v[i].name);
        int k = 0;
        while (k < 3 && params[k] && strcasecmp(name, params[k]) != 0) k++;
        if (k == 3 || !params[k]) {
            int np = 0;
            while (np < 3 && params[np]) np++;
            const char *sugg = diag_suggest(name, (const char *const *)params, np);
            parse_error(c, args.v[i].name.pos, "%s has no parameter named '%s'%s%s%s", f->tvf,
                        parse_show(c, name, (int)strlen(name)), sugg ? "; did you mean '" : "",
                        sugg ? sugg : "", sugg ? "'?" : "");
            return f;
        }
        if (slot[k]) {
            parse_error(c, args.v[i].name.pos, "parameter %s given twice", params[k]);
            return f;
        }
        slot[k] = args.v[i].e;
    }
    for (int k = 0; k < 3 && params[k]; k++) {
        if (slot[k]) {
            ast_list_push(c->arena, &f->tvf_args, slot[k]);
        } else if (k + 1 < 3 && params[k + 1] && slot[k + 1]) {
            parse_error(c, fn.pos, "%s needs the %s argument", f->tvf, params[k]);
            return f;
        }
    }
    return f;
}

Select *parse_mk_select(ParseCtx *c, Token kw, bool distinct, SelectItems items, FromItem *from,
                        Expr *where, GroupBy group_by, Expr *having, EmitClause emit)
{
    Select *s = arena_alloc(c->arena, sizeof *s);
    s->pos = kw.pos;
    s->distinct = distinct;
    s->items = items.v;
    s->n_items = items.n;
    s->from = from;
    s->where = where;
    s->group_by = group_by.list;
    s->group_by_pos = group_by.pos;
    s->having = having;
    s->emit = emit.mode;
    s->emit_pos = emit.pos;
    return s;
}

Stmt *parse_mk_insert(ParseCtx *c, Token kw, Token name, NameList cols, Select *sel)
{
    Stmt *s = arena_alloc(c->arena, sizeof *s);
    s->kind = ST_INSERT;
    s->pos = kw.pos;
    s->name = parse_ident(c, name);
    s->name_pos = name.pos;
    s->insert_cols = cols.v;
    s->n_insert_cols = cols.n;
    s->select = sel;
    return s;
}

void parse_add_stmt(ParseCtx *c, Stmt *s)
{
    ptrvec_push(c->arena, &c->stmts, s);
}

/* ---- the driver ----------------------------------------------------------- */

/* Tokens that can start an expression: collapsed into "an expression" in
 * "expected ..." lists. */
static int parse_is_expr_start(int code)
{
    switch (code) {
    case TK_ID:
    case TK_STRING:
    case TK_INTEGER:
    case TK_FLOAT:
    case TK_LP:
    case TK_MINUS:
    case TK_PLUS:
    case TK_NOT:
    case TK_NULL:
    case TK_TRUE:
    case TK_FALSE:
    case TK_CASE:
    case TK_CAST:
    case TK_INTERVAL:
    case TK_TIMESTAMP:
        return 1;
    default:
        return 0;
    }
}

#define PARSE_MAX_EXPECTED 12

/* "expected ..." for the parser's current state: "')'", "one of: ',', ')'",
 * "an expression", "one of: an expression, DISTINCT, ALL, '*'"; at most
 * PARSE_MAX_EXPECTED entries, then "...". End of input comes last. */
static const char *parse_expected(ParseCtx *c, void *parser)
{
    int ntok = sqlParseTokenCount();
    const char *items[PARSE_MAX_EXPECTED + 1];
    int n = 0, more = 0;
    int expr = sqlParseWouldShift(parser, TK_INTEGER, 0) && sqlParseWouldShift(parser, TK_MINUS, 0);
    if (expr) items[n++] = "an expression";
    for (int code = 1; code <= ntok; code++) {
        int k = code == ntok ? 0 : code; /* end of input last */
        if (expr && parse_is_expr_start(k)) continue;
        if (!sqlParseWouldShift(parser, k, 0)) continue;
        if (n == PARSE_MAX_EXPECTED) {
            more = 1;
            break;
        }
        items[n++] = tok_name(k);
    }
    if (n == 0) return "nothing more"; /* cannot happen: some token is always valid */
    char buf[1024];
    size_t o = 0;
    o += (size_t)snprintf(buf + o, sizeof buf - o, "%s", n > 1 ? "one of: " : "");
    for (int i = 0; i < n && o < sizeof buf; i++)
        o += (size_t)snprintf(buf + o, sizeof buf - o, "%s%s", i ? ", " : "", items[i]);
    if (more && o < sizeof buf) o += (size_t)snprintf(buf + o, sizeof buf - o, ", ...");
    return arena_strdup(c->arena, buf);
}

/* Why a reserved word the grammar does not use yet fails, or NULL. */
static const char *parse_unsupported(int code)
{
    switch (code) {
    case TK_JOIN:
    case TK_ON:
        return "joins are not supported yet";
    case TK_ORDER:
        return "ORDER BY is not supported yet";
    case TK_LIMIT:
        return "LIMIT is not supported yet";
    case TK_UNION:
        return "UNION is not supported yet";
    default:
        return NULL;
    }
}

/* Length of the valid UTF-8 character at s[0..n), or 0. */
static int parse_utf8_len(const unsigned char *s, size_t n)
{
    int len = s[0] >= 0xF0 && s[0] <= 0xF4  ? 4
              : s[0] >= 0xE0                ? 3
              : s[0] >= 0xC2 && s[0] < 0xE0 ? 2
                                            : 0;
    if (len == 0 || (size_t)len > n) return 0;
    for (int i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    return len;
}

static void parse_report_illegal(ParseCtx *c, Token t, const char *src, size_t len)
{
    unsigned char ch = (unsigned char)t.text[0];
    if ((ch >= '0' && ch <= '9') || ch == '.') {
        parse_error(c, t.pos, "invalid number '%s'", parse_show(c, t.text, t.len));
        return;
    }
    size_t rest = len - (size_t)(t.text - src);
    int u = ch >= 0x80 ? parse_utf8_len((const unsigned char *)t.text, rest) : 0;
    if (u > 0)
        parse_error(c, t.pos,
                    "unexpected character '%.*s'; identifiers with non-ASCII characters must be "
                    "quoted with `backquotes`",
                    u, t.text);
    else if (ch >= 0x20 && ch < 0x7f)
        parse_error(c, t.pos, "unexpected character '%c'", ch);
    else
        parse_error(c, t.pos, "unexpected character '\\x%02X'", ch);
}

Program *parse_program(Arena *a, Diag *d, const char *src, size_t len)
{
    ParseCtx c = {0};
    c.arena = a;
    c.diag = d;
    if (!src) len = 0;
    if (len > INT_MAX) {
        parse_error(&c, (SrcPos){0, 0}, "input too large (%zu bytes)", len);
        return NULL;
    }
    void *parser = sqlParseAlloc(malloc, &c);
    if (!parser) {
        fprintf(stderr, "sluice: out of memory\n");
        abort();
    }
    Tokenizer tz;
    tok_init(&tz, src ? src : "", len);
    int nest = 0;
    SrcPos end = {1, 1}; /* just after the last token */
    Token prev = {0};    /* the last token fed to the parser */
    for (;;) {
        Token t = tok_next(&tz);
        if (t.type == TK_SPACE || t.type == TK_COMMENT) continue;
        if (t.type == TK_ILLEGAL) {
            parse_report_illegal(&c, t, tz.src, len);
            break;
        }
        if (t.type == TK_UNTERMINATED) {
            parse_error(&c, t.pos, "%s",
                        t.text[0] == '\''  ? "unterminated string"
                        : t.text[0] == '/' ? "unterminated comment"
                                           : "unterminated quoted identifier");
            break;
        }
        int code = t.type == TK_EOF ? 0 : t.type;
        if (code == TK_LP || code == TK_CASE) {
            if (++nest > PARSE_MAX_DEPTH) {
                parse_error(&c, t.pos, "expression nested too deeply (more than %d levels)",
                            PARSE_MAX_DEPTH);
                break;
            }
        } else if ((code == TK_RP || code == TK_END) && nest > 0) {
            nest--;
        }
        if (!sqlParseWouldShift(parser, code, 1)) {
            const char *exp = parse_expected(&c, parser);
            if (code == 0)
                parse_error(&c, end, "incomplete input; expected %s", exp);
            else if (code == TK_LT && prev.type == TK_ID &&
                     parse_unsupported_type(parse_ident(&c, prev)))
                /* ARRAY<INT>, MAP<K, V>, ROW<...>: say so rather than "near '<'" */
                parse_error(&c, prev.pos, "type %s is not supported yet",
                            parse_unsupported_type(parse_ident(&c, prev)));
            else if (parse_unsupported(code))
                parse_error(&c, t.pos, "syntax error near '%s': %s", parse_show(&c, t.text, t.len),
                            parse_unsupported(code));
            else if (code == TK_SELECT && sqlParseWouldShift(parser, TK_CREATE, 0))
                parse_error(&c, t.pos,
                            "syntax error near 'SELECT'; a query must be part of INSERT INTO "
                            "... SELECT or CREATE TABLE|STREAM ... AS SELECT");
            else
                parse_error(&c, t.pos, "syntax error near '%s'; expected %s",
                            parse_show(&c, t.text, t.len), exp);
            break;
        }
        sqlParse(parser, code, t);
        if (c.failed || code == 0) break;
        if (sqlParseStackDepth(parser) > PARSE_STACK_LIMIT) {
            parse_error(&c, t.pos, "expression nested too deeply (more than %d levels)",
                        PARSE_MAX_DEPTH);
            break;
        }
        end = parse_pos_in(t, t.len); /* just after the last token */
        prev = t;
    }
    sqlParseFree(parser, free);
    if (c.failed) return NULL;
    Program *prog = arena_alloc(a, sizeof *prog);
    prog->stmts = (Stmt **)c.stmts.v;
    prog->n_stmts = c.stmts.n;
    return prog;
}

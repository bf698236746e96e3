/* parse.c - drives the lemon parser and builds AST nodes for its actions.
 *
 * The driver checks every token against the parser tables before feeding
 * it (sqlParseWouldShift). That way a syntax error is detected in the state
 * *before* lemon's default reductions run, so the "expected one of" list is
 * complete, and the offending token itself is never consumed.
 *
 * Depth limits (PARSE_MAX_DEPTH), three of them because each catches a
 * shape the others miss:
 *   - open '(', '[' and CASE counted at the token level: 20,000 nested
 *     parentheses fail at the 1,001st '(' before the parser sees it;
 *   - the parser stack: long prefix chains (NOT NOT ..., - - ...) grow it
 *     without any parenthesis;
 *   - Expr.height, QueryExpr.height and FromItem.height: left-associative
 *     chains (1+1+...+1, a UNION b UNION ..., a JOIN b JOIN ...) build deep
 *     trees on a shallow stack, and later passes recurse over those trees;
 *     the heights of queries include those of their expressions and of
 *     expressions their subqueries, so one bound covers every recursion
 *     through both. */
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

static int parse_order_h(const OrderList *l, int h)
{
    for (int i = 0; i < l->n; i++) h = parse_h(l->v[i].e, h);
    return h;
}

static int parse_window_h(const WindowDef *w, int h)
{
    if (!w) return h;
    h = parse_order_h(&w->order, parse_list_h(&w->partition, h));
    return parse_h(w->hi.n, parse_h(w->lo.n, h));
}

static int parse_qh(const QueryExpr *q, int h)
{
    return q && q->height > h ? q->height : h;
}

static int parse_fh(const FromItem *f, int h)
{
    return f && f->height > h ? f->height : h;
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
    case EX_IS_DISTINCT:
        h = parse_h(e->u.binary.r, parse_h(e->u.binary.l, 0));
        break;
    case EX_IS_NULL:
        h = parse_h(e->u.is_null.x, 0);
        break;
    case EX_IS_BOOL:
        h = parse_h(e->u.is_bool.x, 0);
        break;
    case EX_BETWEEN:
        h = parse_h(e->u.between.hi, parse_h(e->u.between.lo, parse_h(e->u.between.x, 0)));
        break;
    case EX_IN:
        h = parse_list_h(&e->u.in.list, parse_h(e->u.in.x, 0));
        break;
    case EX_IN_QUERY:
    case EX_EXISTS:
    case EX_SUBQUERY:
    case EX_QUANTIFIED:
        h = parse_qh(e->u.subq.q, parse_h(e->u.subq.x, 0));
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
        h = parse_order_h(&e->u.call.within, parse_list_h(&e->u.call.args, 0));
        h = parse_window_h(e->u.call.over, parse_h(e->u.call.filter, h));
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

Expr *parse_mk_typed_lit(ParseCtx *c, Token type, Token value)
{
    Expr *e = ast_expr(c->arena, EX_TYPED_LIT, type.pos);
    Token z = {0};
    parse_mk_type(c, type, 0, z, z); /* an unknown type name is an error here */
    e->u.typed.type = parse_ident(c, type);
    e->u.typed.text = parse_string(c, value);
    return parse_finish(c, e);
}

Expr *parse_mk_one(ParseCtx *c, Token kw)
{
    Expr *e = ast_expr(c->arena, EX_INT, kw.pos);
    e->u.ival = 1;
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
    /* NOT EXISTS (q) is one node, like NOT IN and NOT LIKE. */
    if (uop == UOP_NOT && x->kind == EX_EXISTS && !x->u.subq.negated) {
        x->u.subq.negated = true;
        x->pos = op.pos;
        return parse_finish(c, x);
    }
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
    } else if (!strcasecmp(fn, "EXTRACT") || !strcasecmp(fn, "OVERLAY")) {
        e->u.call.name = fn;
        parse_error(c, name.pos, "%s is not supported yet",
                    !strcasecmp(fn, "EXTRACT") ? "EXTRACT(unit FROM x)" : "OVERLAY(...)");
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

Expr *parse_mk_is_bool(ParseCtx *c, Token op, Expr *x, int what, bool negated)
{
    Expr *e = ast_expr(c->arena, EX_IS_BOOL, op.pos);
    e->u.is_bool.x = x;
    e->u.is_bool.what = what;
    e->u.is_bool.negated = negated;
    return parse_finish(c, e);
}

Expr *parse_mk_is_distinct(ParseCtx *c, Token op, Expr *x, Expr *y, bool negated)
{
    Expr *e = ast_expr(c->arena, EX_IS_DISTINCT, op.pos);
    e->u.binary.op = BOP_NE;
    e->u.binary.l = x;
    e->u.binary.r = y;
    e->u.binary.negated = negated;
    return parse_finish(c, e);
}

Expr *parse_mk_try_cast(ParseCtx *c, Token name, Expr *x, Token as_kw, AstType type)
{
    Expr *e = ast_expr(c->arena, EX_CAST, name.pos);
    e->u.cast.x = x;
    e->u.cast.type = type;
    e->u.cast.try_ = true;
    if (strcasecmp(parse_ident(c, name), "TRY_CAST") != 0)
        parse_error(c, as_kw.pos,
                    "AS inside a function call is only valid in CAST(x AS type) and TRY_CAST(x "
                    "AS type)");
    return parse_finish(c, e);
}

Expr *parse_mk_subquery(ParseCtx *c, Token kw, ExprKind kind, QueryExpr *q)
{
    Expr *e = ast_expr(c->arena, kind, kw.pos);
    e->u.subq.q = q;
    return parse_finish(c, e);
}

Expr *parse_mk_in_query(ParseCtx *c, Token op, Expr *x, QueryExpr *q, bool negated)
{
    Expr *e = ast_expr(c->arena, EX_IN_QUERY, op.pos);
    e->u.subq.x = x;
    e->u.subq.q = q;
    e->u.subq.negated = negated;
    return parse_finish(c, e);
}

Expr *parse_mk_quantified(ParseCtx *c, Token op, BinaryOp bop, Expr *x, Token quant, QueryExpr *q)
{
    Expr *e = ast_expr(c->arena, EX_QUANTIFIED, op.pos);
    e->u.subq.x = x;
    e->u.subq.q = q;
    e->u.subq.op = bop;
    e->u.subq.all = quant.type == TK_ALL;
    return parse_finish(c, e);
}

Expr *parse_mk_constructor(ParseCtx *c, Token kw, ExprList args)
{
    Expr *e = ast_expr(c->arena, EX_CALL, kw.pos);
    e->u.call.name = kw.type == TK_MAP ? "MAP" : "ARRAY";
    e->u.call.args = args;
    if (kw.type == TK_MAP && args.n % 2 != 0)
        parse_error(c, kw.pos, "MAP[...] needs key-value pairs (an even number of values)");
    return parse_finish(c, e);
}

Expr *parse_mk_item(ParseCtx *c, Token lb, Expr *x, Expr *index)
{
    Expr *e = ast_expr(c->arena, EX_CALL, lb.pos);
    e->u.call.name = "ITEM";
    ast_list_push(c->arena, &e->u.call.args, x);
    ast_list_push(c->arena, &e->u.call.args, index);
    return parse_finish(c, e);
}

/* The suffixes of a call in their order (WITHIN GROUP, FILTER, OVER): the
 * rank of the last one present, -1 when none. */
static int parse_call_suffix(const Expr *call, const char **name)
{
    if (call->u.call.over) {
        *name = "OVER";
        return 2;
    }
    if (call->u.call.filter) {
        *name = "FILTER";
        return 1;
    }
    if (call->u.call.within.n) {
        *name = "WITHIN GROUP";
        return 0;
    }
    return -1;
}

/* Checks that suffix `what` of rank `rank` may be added to call. */
static bool parse_call_suffix_ok(ParseCtx *c, const Expr *call, Token kw, int rank,
                                 const char *what)
{
    const char *last = NULL;
    int r = parse_call_suffix(call, &last);
    if (r == rank) {
        parse_error(c, kw.pos, "%s given twice", what);
        return false;
    }
    if (r > rank) {
        parse_error(c, kw.pos, "%s must come before %s", what, last);
        return false;
    }
    return true;
}

Expr *parse_call_within(ParseCtx *c, Expr *call, Token kw, OrderList items)
{
    if (!parse_call_suffix_ok(c, call, kw, 0, "WITHIN GROUP")) return call;
    call->u.call.within = items;
    call->u.call.within_pos = kw.pos;
    return parse_finish(c, call);
}

Expr *parse_call_filter(ParseCtx *c, Expr *call, Token kw, Expr *cond)
{
    if (!parse_call_suffix_ok(c, call, kw, 1, "FILTER")) return call;
    call->u.call.filter = cond;
    call->u.call.filter_pos = kw.pos;
    return parse_finish(c, call);
}

Expr *parse_call_over(ParseCtx *c, Expr *call, Token kw, WindowDef *w)
{
    if (!parse_call_suffix_ok(c, call, kw, 2, "OVER")) return call;
    w->pos = kw.pos;
    call->u.call.over = w;
    return parse_finish(c, call);
}

/* ---- ORDER BY and windows ----------------------------------------------------- */

OrderItem parse_mk_order_item(Expr *e, int dir, NullsOrder nulls)
{
    OrderItem it = {e, dir == 2, nulls, e->pos};
    return it;
}

OrderList parse_order_add(ParseCtx *c, OrderList l, OrderItem it)
{
    l.v = parse_grow(c, l.v, l.n, sizeof(OrderItem));
    l.v[l.n++] = it;
    return l;
}

WindowDef *parse_window_new(ParseCtx *c)
{
    return arena_alloc(c->arena, sizeof(WindowDef));
}

/* The parts of a window specification in their order: the rank of the last
 * one present (-1 when none) and its name. */
static int parse_window_last(const WindowDef *w, const char **name)
{
    if (w->has_frame) {
        *name = w->rows ? "ROWS" : "RANGE";
        return 3;
    }
    if (w->order.n) {
        *name = "ORDER BY";
        return 2;
    }
    if (w->partition.n) {
        *name = "PARTITION BY";
        return 1;
    }
    if (w->ref) {
        *name = "the base window name";
        return 0;
    }
    return -1;
}

/* Checks that part `what` of rank `rank` may be added to w (see
 * parse_window_last): not present yet, and not after a later part. */
static bool parse_window_part_ok(ParseCtx *c, const WindowDef *w, SrcPos pos, int rank,
                                 const char *what)
{
    const char *last = NULL;
    int r = parse_window_last(w, &last);
    bool present = rank == 0   ? w->ref != NULL
                   : rank == 1 ? w->partition.n > 0
                   : rank == 2 ? w->order.n > 0
                               : w->has_frame;
    if (present) {
        parse_error(c, pos, "%s given twice in a window specification",
                    rank == 3 ? "a frame (ROWS or RANGE)" : what);
        return false;
    }
    if (r > rank) {
        parse_error(c, pos, "%s must come before %s", what, last);
        return false;
    }
    return true;
}

WindowDef *parse_window_base(ParseCtx *c, WindowDef *w, Token name)
{
    if (parse_window_part_ok(c, w, name.pos, 0, "the base window name"))
        w->ref = parse_ident(c, name);
    return w;
}

WindowDef *parse_window_partition(ParseCtx *c, WindowDef *w, Token kw, ExprList l)
{
    if (parse_window_part_ok(c, w, kw.pos, 1, "PARTITION BY")) w->partition = l;
    return w;
}

WindowDef *parse_window_order(ParseCtx *c, WindowDef *w, Token kw, OrderList l)
{
    if (parse_window_part_ok(c, w, kw.pos, 2, "ORDER BY")) w->order = l;
    return w;
}

WindowDef *parse_window_frame(ParseCtx *c, WindowDef *w, Token kw, bool rows, FrameSpec f)
{
    if (!parse_window_part_ok(c, w, kw.pos, 3, rows ? "ROWS" : "RANGE")) return w;
    w->has_frame = true;
    w->rows = rows;
    w->lo = f.lo;
    w->hi = f.hi;
    return w;
}

FrameSpec parse_mk_frame(FrameBound lo, const FrameBound *hi)
{
    FrameSpec f = {lo, {FB_CURRENT_ROW, NULL}};
    if (hi) f.hi = *hi;
    return f;
}

WindowDef *parse_mk_window_ref(ParseCtx *c, Token name)
{
    WindowDef *w = parse_window_new(c);
    w->pos = name.pos;
    w->ref = parse_ident(c, name);
    return w;
}

WindowDef *parse_mk_named_window(ParseCtx *c, Token name, WindowDef *w)
{
    w->name = parse_ident(c, name);
    w->pos = name.pos;
    return w;
}

WindowDefs parse_windows_add(ParseCtx *c, WindowDefs l, WindowDef *w)
{
    for (int i = 0; i < l.n; i++)
        if (strcasecmp(l.v[i]->name, w->name) == 0) {
            parse_error(c, w->pos, "window '%s' is defined twice", w->name);
            break;
        }
    l.v = parse_grow(c, l.v, l.n, sizeof(WindowDef *));
    l.v[l.n++] = w;
    return l;
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

/* ---- queries -------------------------------------------------------------- */

static QueryExpr *parse_q_new(ParseCtx *c, QueryKind kind, SrcPos pos)
{
    QueryExpr *q = arena_alloc(c->arena, sizeof *q);
    q->kind = kind;
    q->pos = pos;
    return q;
}

/* Height of a select's expressions and FROM tree. */
static int parse_select_h(const Select *s, int h)
{
    for (int i = 0; i < s->n_items; i++) h = parse_h(s->items[i].expr, h);
    h = parse_h(s->qualify, parse_h(s->having, parse_h(s->where, h)));
    h = parse_fh(s->from, h);
    for (int i = 0; i < s->n_group_by; i++) {
        h = parse_h(s->group_by[i].e, h);
        for (int k = 0; k < s->group_by[i].n_sets; k++)
            h = parse_list_h(&s->group_by[i].sets[k], h);
    }
    for (int i = 0; i < s->n_windows; i++) h = parse_window_h(s->windows[i], h);
    return h;
}

/* Sets q->height (see ast.h) and enforces PARSE_MAX_DEPTH. A select is as
 * high as its highest expression; set operations, parenthesized queries and
 * WITH queries add a level. */
static QueryExpr *parse_q_finish(ParseCtx *c, QueryExpr *q)
{
    int h = 1;
    switch (q->kind) {
    case QK_SELECT:
        h = parse_select_h(q->select, h);
        break;
    case QK_VALUES:
        for (int i = 0; i < q->n_rows; i++) h = parse_list_h(&q->rows[i], h);
        break;
    case QK_SETOP:
    case QK_PAREN:
        h = 1 + parse_qh(q->r, parse_qh(q->l, 0));
        break;
    }
    for (int i = 0; i < q->n_ctes; i++) {
        int ch = parse_qh(q->ctes[i].query, 0) + 1;
        if (ch > h) h = ch;
    }
    h = parse_h(q->offset, parse_h(q->limit, parse_order_h(&q->order, h)));
    q->height = h;
    if (h > PARSE_MAX_DEPTH) {
        parse_error(c, q->kind == QK_SETOP ? q->op_pos : q->pos,
                    "query nested too deeply (more than %d levels)", PARSE_MAX_DEPTH);
        q->height = PARSE_MAX_DEPTH;
    }
    return q;
}

/* Does q carry its own WITH, ORDER BY, LIMIT or OFFSET? */
static bool parse_q_has_tail(const QueryExpr *q)
{
    return q->n_ctes > 0 || q->order_pos.line > 0 || q->limit_pos.line > 0 ||
           q->offset_pos.line > 0;
}

QueryExpr *parse_mk_query(ParseCtx *c, Token with_kw, CteList ctes, QueryExpr *body, QueryTail tail)
{
    if (ctes.n == 0 && tail.order.pos.line == 0 && tail.limit.pos.line == 0 &&
        tail.offset.pos.line == 0)
        return body;
    QueryExpr *q = body;
    if (parse_q_has_tail(body)) {
        q = parse_q_new(c, QK_PAREN, body->pos);
        q->l = body;
    }
    if (ctes.n > 0) {
        q->ctes = ctes.v;
        q->n_ctes = ctes.n;
        q->pos = with_kw.pos;
    }
    q->order = tail.order.list;
    q->order_pos = tail.order.pos;
    q->limit = tail.limit.e;
    q->limit_pos = tail.limit.pos;
    q->offset = tail.offset.e;
    q->offset_pos = tail.offset.pos;
    return parse_q_finish(c, q);
}

QueryExpr *parse_mk_setop(ParseCtx *c, QueryExpr *l, Token kw, SetOpKind op, Token quant,
                          QueryExpr *r)
{
    QueryExpr *q = parse_q_new(c, QK_SETOP, l->pos);
    q->op = op;
    q->all = quant.type == TK_ALL;
    q->op_pos = kw.pos;
    q->l = l;
    q->r = r;
    return parse_q_finish(c, q);
}

QueryExpr *parse_mk_query_select(ParseCtx *c, Select *s)
{
    QueryExpr *q = parse_q_new(c, QK_SELECT, s->pos);
    q->select = s;
    return parse_q_finish(c, q);
}

QueryExpr *parse_mk_values(ParseCtx *c, Token kw, ExprLists rows)
{
    QueryExpr *q = parse_q_new(c, QK_VALUES, kw.pos);
    q->rows = rows.v;
    q->n_rows = rows.n;
    for (int i = 1; i < rows.n; i++)
        if (rows.v[i].n != rows.v[0].n) {
            parse_error(c, rows.v[i].v[0]->pos,
                        "this VALUES row has %d value%s, but the first row has %d", rows.v[i].n,
                        rows.v[i].n == 1 ? "" : "s", rows.v[0].n);
            break;
        }
    return parse_q_finish(c, q);
}

QueryTail parse_mk_tail(ParseCtx *c, OrderBy order, LimitClause limit, LimitClause offset,
                        LimitClause fetch)
{
    if (limit.pos.line > 0 && fetch.pos.line > 0)
        parse_error(c, fetch.pos, "LIMIT and FETCH cannot both be given");
    QueryTail t = {order, limit.pos.line > 0 ? limit : fetch, offset, {NULL, {0, 0}}};
    return t;
}

LimitClause parse_mk_limit(Token kw, Expr *e)
{
    LimitClause l = {e, kw.pos};
    return l;
}

Cte parse_mk_cte(ParseCtx *c, Token name, NameList cols, QueryExpr *q)
{
    Cte cte = {parse_ident(c, name), name.pos, cols.v, cols.n, q};
    return cte;
}

CteList parse_ctes_add(ParseCtx *c, CteList l, Cte cte)
{
    for (int i = 0; i < l.n; i++)
        if (strcasecmp(l.v[i].name, cte.name) == 0) {
            parse_error(c, cte.pos, "'%s' is defined twice in WITH", cte.name);
            break;
        }
    l.v = parse_grow(c, l.v, l.n, sizeof(Cte));
    l.v[l.n++] = cte;
    return l;
}

ExprLists parse_lists_add(ParseCtx *c, ExprLists l, ExprList e)
{
    l.v = parse_grow(c, l.v, l.n, sizeof(ExprList));
    l.v[l.n++] = e;
    return l;
}

/* ---- SELECT ---------------------------------------------------------------- */

Select *parse_mk_select(ParseCtx *c, Token kw, Token quant, SelectItems items, SelBuild b)
{
    Select *s = b.s;
    s->pos = kw.pos;
    s->distinct = quant.type == TK_DISTINCT;
    if (s->distinct) s->distinct_pos = quant.pos;
    s->items = items.v;
    s->n_items = items.n;
    return s;
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

SelBuild parse_select_new(ParseCtx *c)
{
    SelBuild b = {arena_alloc(c->arena, sizeof(Select)), 0, -1, NULL};
    return b;
}

SelClause parse_mk_clause(SelClauseKind kind, Token kw)
{
    SelClause cl = {0};
    cl.kind = kind;
    cl.kw = kw;
    return cl;
}

/* The rank of each clause kind in the required order; the two WINDOW kinds
 * take rank 1 (ksqlDB's place) or 5 (Flink's) depending on what precedes. */
static const struct {
    int rank;
    const char *name;
} parse_clauses[] = {
    [SC_FROM] = {0, "FROM"},       [SC_KWINDOW] = {1, "WINDOW"}, [SC_WHERE] = {2, "WHERE"},
    [SC_GROUP] = {3, "GROUP BY"},  [SC_HAVING] = {4, "HAVING"},  [SC_WINDOWS] = {5, "WINDOW"},
    [SC_QUALIFY] = {6, "QUALIFY"}, [SC_EMIT] = {7, "EMIT"},
};

SelBuild parse_select_add(ParseCtx *c, SelBuild b, SelClause cl)
{
    const char *name = parse_clauses[cl.kind].name;
    int rank = parse_clauses[cl.kind].rank;
    if (cl.kind == SC_KWINDOW || cl.kind == SC_WINDOWS)
        rank = b.last <= parse_clauses[SC_FROM].rank ? 1 : 5;
    if (b.seen & (1u << cl.kind)) {
        parse_error(c, cl.kw.pos, "duplicate %s clause", name);
        return b;
    }
    if (rank <= b.last) {
        parse_error(c, cl.kw.pos, "%s must come before %s", name, b.last_name);
        return b;
    }
    b.seen |= 1u << cl.kind;
    b.last = rank;
    b.last_name = name;
    Select *s = b.s;
    switch (cl.kind) {
    case SC_FROM:
        s->from = cl.from;
        break;
    case SC_KWINDOW:
        s->kwindow = cl.kwindow;
        break;
    case SC_WHERE:
        s->where = cl.e;
        break;
    case SC_GROUP:
        s->group_by = cl.group.v;
        s->n_group_by = cl.group.n;
        s->group_by_pos = cl.kw.pos;
        break;
    case SC_HAVING:
        s->having = cl.e;
        break;
    case SC_WINDOWS:
        s->windows = cl.windows.v;
        s->n_windows = cl.windows.n;
        break;
    case SC_QUALIFY:
        s->qualify = cl.e;
        s->qualify_pos = cl.kw.pos;
        break;
    case SC_EMIT:
        s->emit = cl.emit;
        s->emit_pos = cl.kw.pos;
        break;
    }
    return b;
}

/* ---- ksqlDB WINDOW ----------------------------------------------------------- */

/* The parameters of ksqlDB's WINDOW clause. */
enum { KP_GAP, KP_SIZE, KP_ADVANCE, KP_RETENTION, KP_GRACE, KP_UNKNOWN };

static const char *const parse_kp_names[] = {"the gap", "SIZE", "ADVANCE BY", "RETENTION",
                                             "GRACE PERIOD"};

/* Which parameter an item's words name. */
static int parse_ksql_param(ParseCtx *c, const KsqlItem *it)
{
    if (!it->word.text) return KP_GAP;
    const char *w = parse_ident(c, it->word);
    const char *w2 = it->word2.text ? parse_ident(c, it->word2) : NULL;
    if (!w2 && !strcasecmp(w, "SIZE")) return KP_SIZE;
    if (!w2 && !strcasecmp(w, "RETENTION")) return KP_RETENTION;
    if (w2 && !strcasecmp(w, "GRACE") && !strcasecmp(w2, "PERIOD")) return KP_GRACE;
    if (w2 && !strcasecmp(w, "ADVANCE") && it->word2.type == TK_BY) return KP_ADVANCE;
    return KP_UNKNOWN;
}

/* An item's duration in milliseconds; reports and returns -1 on a bad unit
 * or an overflow. */
static int64_t parse_ksql_duration(ParseCtx *c, const KsqlItem *it)
{
    const char *uname = parse_ident(c, it->unit);
    int64_t unit_ms = 0, v, ms;
    for (int i = 0; i < PARSE_N_UNITS; i++)
        if (strcasecmp(uname, parse_units[i].name) == 0) unit_ms = parse_units[i].ms;
    if (!unit_ms) {
        const char *cands[PARSE_N_UNITS];
        for (int i = 0; i < PARSE_N_UNITS; i++) cands[i] = parse_units[i].name;
        const char *sugg = diag_suggest(uname, cands, PARSE_N_UNITS);
        parse_error(c, it->unit.pos, "unknown time unit '%s'%s%s%s",
                    parse_show(c, it->unit.text, it->unit.len),
                    sugg ? "; did you mean '"
                         : "; expected DAYS, HOURS, MINUTES, SECONDS or "
                           "MILLISECONDS",
                    sugg ? sugg : "", sugg ? "'?" : "");
        return -1;
    }
    if (!parse_int64(it->value.text, it->value.len, &v) ||
        __builtin_mul_overflow(v, unit_ms, &ms)) {
        parse_error(c, it->value.pos, "window duration out of range");
        return -1;
    }
    return ms;
}

KsqlWindow *parse_mk_ksql_window(ParseCtx *c, Token kw, Token type, KsqlItems items)
{
    static const char *const kinds[] = {"TUMBLING", "HOPPING", "SESSION"};
    KsqlWindow *w = arena_alloc(c->arena, sizeof *w);
    w->pos = kw.pos;
    w->size_ms = w->advance_ms = w->grace_ms = w->retention_ms = -1;
    const char *tname = parse_ident(c, type);
    int k = 0;
    while (k < 3 && strcasecmp(tname, kinds[k]) != 0) k++;
    if (k == 3) {
        const char *sugg = diag_suggest(tname, kinds, 3);
        parse_error(c, type.pos, "unknown window type '%s'; %s%s%s",
                    parse_show(c, type.text, type.len),
                    sugg ? "did you mean '" : "expected TUMBLING, HOPPING or SESSION",
                    sugg ? sugg : "", sugg ? "'?" : "");
        return w;
    }
    w->kind = (KsqlWindowKind)k;
    int64_t *slot[] = {&w->size_ms, &w->size_ms, &w->advance_ms, &w->retention_ms, &w->grace_ms};
    bool seen[KP_UNKNOWN] = {false};
    for (int i = 0; i < items.n; i++) {
        const KsqlItem *it = &items.v[i];
        int p = parse_ksql_param(c, it);
        SrcPos at = it->word.text ? it->word.pos : it->value.pos;
        if (p == KP_UNKNOWN) {
            parse_error(c, at,
                        "unknown WINDOW parameter '%s%s%s'; expected SIZE, ADVANCE BY, RETENTION "
                        "or GRACE PERIOD",
                        parse_show(c, it->word.text, it->word.len), it->word2.text ? " " : "",
                        it->word2.text ? parse_show(c, it->word2.text, it->word2.len) : "");
            return w;
        }
        bool valid = w->kind == KW_SESSION    ? p != KP_SIZE && p != KP_ADVANCE
                     : w->kind == KW_TUMBLING ? p != KP_GAP && p != KP_ADVANCE
                                              : p != KP_GAP;
        if (!valid) {
            if (p == KP_GAP)
                parse_error(c, at, "%s windows take SIZE n unit, not a bare duration", kinds[k]);
            else
                parse_error(c, at, "%s is not a parameter of %s windows", parse_kp_names[p],
                            kinds[k]);
            return w;
        }
        if (seen[p]) {
            parse_error(c, at, "%s given twice", parse_kp_names[p]);
            return w;
        }
        seen[p] = true;
        int64_t ms = parse_ksql_duration(c, it);
        if (ms < 0) return w;
        *slot[p] = ms;
        if (p == KP_GRACE) w->grace_pos = at;
    }
    if (w->size_ms < 0)
        parse_error(c, type.pos, "%s windows need %s", kinds[k],
                    w->kind == KW_SESSION ? "a gap, e.g. SESSION (5 MINUTES)" : "SIZE");
    else if (w->kind == KW_HOPPING && w->advance_ms < 0)
        parse_error(c, type.pos, "HOPPING windows need ADVANCE BY");
    return w;
}

KsqlItem parse_mk_ksql_item(Token word, Token word2, Token value, Token unit)
{
    KsqlItem it = {word, word2, value, unit};
    return it;
}

KsqlItems parse_ksql_items_add(ParseCtx *c, KsqlItems l, KsqlItem it)
{
    l.v = parse_grow(c, l.v, l.n, sizeof(KsqlItem));
    l.v[l.n++] = it;
    return l;
}

/* ---- GROUP BY ----------------------------------------------------------------- */

GroupItem parse_mk_group_expr(Expr *e)
{
    GroupItem it = {GI_EXPR, e->pos, e, NULL, 0};
    return it;
}

GroupItem parse_mk_group_sets(Token kw, GroupItemKind kind, ExprLists sets)
{
    GroupItem it = {kind, kw.pos, NULL, sets.v, sets.n};
    return it;
}

GroupList parse_group_add(ParseCtx *c, GroupList l, GroupItem it)
{
    l.v = parse_grow(c, l.v, l.n, sizeof(GroupItem));
    l.v[l.n++] = it;
    return l;
}

/* ---- FROM --------------------------------------------------------------------- */

static FromItem *parse_f_new(ParseCtx *c, FromKind kind, SrcPos pos)
{
    FromItem *f = arena_alloc(c->arena, sizeof *f);
    f->kind = kind;
    f->pos = pos;
    return f;
}

/* Sets f->height (see ast.h) and enforces PARSE_MAX_DEPTH: joins, nested
 * queries and MATCH_RECOGNIZE add a level. */
static FromItem *parse_f_finish(ParseCtx *c, FromItem *f)
{
    int h = 1;
    h = parse_h(f->call, parse_h(f->as_of, h));
    h = parse_list_h(&f->unnest, parse_list_h(&f->partition, parse_list_h(&f->tvf_args, h)));
    for (int i = 0; i < f->n_targs; i++)
        h = parse_list_h(&f->targs[i].partition, parse_h(f->targs[i].e, h));
    if (f->query) h = parse_qh(f->query, h - 1) + 1;
    if (f->left || f->right) h = 1 + parse_h(f->on, parse_fh(f->right, parse_fh(f->left, 0)));
    f->height = h;
    if (h > PARSE_MAX_DEPTH) {
        parse_error(c, f->pos, "query nested too deeply (more than %d levels)", PARSE_MAX_DEPTH);
        f->height = PARSE_MAX_DEPTH;
    }
    return f;
}

FromItem *parse_mk_from_table(ParseCtx *c, Token name)
{
    FromItem *f = parse_f_new(c, FROM_TABLE, name.pos);
    f->table = parse_ident(c, name);
    f->table_pos = name.pos;
    return parse_f_finish(c, f);
}

FromItem *parse_mk_from_as_of(ParseCtx *c, Token name, Token kw, Expr *e)
{
    FromItem *f = parse_mk_from_table(c, name);
    f->as_of = e;
    f->as_of_pos = kw.pos;
    return parse_f_finish(c, f);
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

/* Puts the named arguments args[2..] of window function f in f's positional
 * order (params). */
static void parse_tvf_reorder(ParseCtx *c, FromItem *f, Token fn, const char *const *params,
                              const TvfArgs *args)
{
    /* slot[k]: the argument for params[k] */
    Expr *slot[3] = {NULL, NULL, NULL};
    int np = 0;
    while (np < 3 && params[np]) np++;
    for (int i = 2; i < args->n; i++) {
        const TvfArg *a = &args->v[i];
        int k = 0;
        while (k < np && strcasecmp(a->name, params[k]) != 0) k++;
        if (k == np) {
            const char *sugg = diag_suggest(a->name, (const char *const *)params, np);
            parse_error(c, a->name_pos, "%s has no parameter named '%s'%s%s%s", f->tvf,
                        parse_show(c, a->name, (int)strlen(a->name)),
                        sugg ? "; did you mean '" : "", sugg ? sugg : "", sugg ? "'?" : "");
            return;
        }
        if (slot[k]) {
            parse_error(c, a->name_pos, "parameter %s given twice", params[k]);
            return;
        }
        if (a->kind != TVFA_EXPR) {
            parse_error(c, a->pos, "%s takes an expression, not TABLE or DESCRIPTOR", params[k]);
            return;
        }
        slot[k] = a->e;
    }
    for (int k = 0; k < np; k++) {
        if (slot[k]) {
            ast_list_push(c->arena, &f->tvf_args, slot[k]);
        } else if (k + 1 < np && slot[k + 1]) {
            parse_error(c, fn.pos, "%s needs the %s argument", f->tvf, params[k]);
            return;
        }
    }
}

/* Fills window TVF f from args (see parse_mk_from_table_fn). */
static void parse_window_tvf(ParseCtx *c, FromItem *f, Token fn, const char *const *params,
                             TvfArgs args)
{
    bool named = args.n > 0 && args.v[0].name;
    for (int i = 1; i < args.n; i++)
        if ((args.v[i].name != NULL) != named) {
            parse_error(c, args.v[i].name ? args.v[i].name_pos : args.v[i].pos,
                        "named and positional arguments cannot be mixed");
            return;
        }
    const TvfArg *data = args.n > 0 ? &args.v[0] : NULL;
    const TvfArg *timecol = args.n > 1 ? &args.v[1] : NULL;
    if (!data || data->kind != TVFA_TABLE || (named && strcasecmp(data->name, "DATA") != 0)) {
        parse_error(c,
                    !data   ? fn.pos
                    : named ? data->name_pos
                            : data->pos,
                    named ? "expected DATA => TABLE name as the first argument"
                          : "expected TABLE name as the first argument of %s",
                    f->tvf);
        return;
    }
    if (!timecol || timecol->kind != TVFA_DESCRIPTOR ||
        (named && strcasecmp(timecol->name, "TIMECOL") != 0)) {
        parse_error(c,
                    !timecol ? fn.pos
                    : named  ? timecol->name_pos
                             : timecol->pos,
                    named ? "expected TIMECOL => DESCRIPTOR(column) as the second argument"
                          : "expected DESCRIPTOR(column) as the second argument of %s",
                    f->tvf);
        return;
    }
    f->table = data->table;
    f->table_pos = data->table_pos;
    f->partition = data->partition;
    if (data->partition.n > 0 && strcasecmp(f->tvf, "SESSION") != 0) {
        parse_error(c, data->partition.v[0]->pos, "PARTITION BY is only valid in SESSION windows");
        return;
    }
    if (timecol->n_cols != 1) {
        parse_error(c, timecol->col_pos, "DESCRIPTOR of %s takes one column", f->tvf);
        return;
    }
    f->descriptor = timecol->cols[0];
    f->descriptor_pos = timecol->col_pos;
    if (named) {
        parse_tvf_reorder(c, f, fn, params, &args);
        return;
    }
    for (int i = 2; i < args.n; i++) {
        if (args.v[i].kind != TVFA_EXPR) {
            parse_error(c, args.v[i].pos,
                        "%s takes TABLE and DESCRIPTOR only as its first two arguments", f->tvf);
            return;
        }
        ast_list_push(c->arena, &f->tvf_args, args.v[i].e);
    }
}

FromItem *parse_mk_from_table_fn(ParseCtx *c, Token kw, Token fn, TvfArgs args)
{
    FromItem *f = parse_f_new(c, FROM_TABLE_FN, kw.pos);
    f->targs = args.v;
    f->n_targs = args.n;
    f->tvf = parse_ident(c, fn);
    f->tvf_pos = fn.pos;
    const char *const *params = NULL;
    for (size_t i = 0; i < sizeof parse_tvf_params / sizeof parse_tvf_params[0]; i++)
        if (strcasecmp(f->tvf, parse_tvf_params[i].fn) == 0) params = parse_tvf_params[i].params;
    if (params) {
        f->kind = FROM_TVF;
        parse_window_tvf(c, f, fn, params, args);
    } else {
        ExprList exprs = {NULL, 0};
        for (int i = 0; i < args.n; i++)
            if (args.v[i].kind == TVFA_EXPR) ast_list_push(c->arena, &exprs, args.v[i].e);
        f->call = parse_mk_call(c, fn, exprs, false, false);
    }
    return parse_f_finish(c, f);
}

FromItem *parse_mk_from_lateral_fn(ParseCtx *c, Token kw, Token fn, ExprList args)
{
    FromItem *f = parse_f_new(c, FROM_LATERAL, kw.pos);
    f->call = parse_mk_call(c, fn, args, false, false);
    return parse_f_finish(c, f);
}

FromItem *parse_mk_from_query(ParseCtx *c, Token kw, FromKind kind, QueryExpr *q)
{
    FromItem *f = parse_f_new(c, kind, kw.pos);
    f->query = q;
    return parse_f_finish(c, f);
}

FromItem *parse_mk_from_unnest(ParseCtx *c, Token kw, ExprList exprs, bool ordinality)
{
    FromItem *f = parse_f_new(c, FROM_UNNEST, kw.pos);
    f->unnest = exprs;
    f->ordinality = ordinality;
    return parse_f_finish(c, f);
}

FromItem *parse_from_alias(ParseCtx *c, FromItem *f, AliasPart alias)
{
    if (!alias.name.text) return f;
    f->alias = parse_ident(c, alias.name);
    f->alias_pos = alias.name.pos;
    f->col_aliases = alias.cols.v;
    f->n_col_aliases = alias.cols.n;
    return f;
}

FromItem *parse_mk_from_mr(ParseCtx *c, FromItem *input, Token kw, AliasPart alias)
{
    FromItem *f = parse_f_new(c, FROM_MATCH_RECOGNIZE, input->pos);
    f->left = input;
    f->mr_pos = kw.pos;
    return parse_from_alias(c, parse_f_finish(c, f), alias);
}

/* "JOIN", "LEFT JOIN", ... for messages. */
static const char *parse_join_name(JoinOp op)
{
    switch (op.kind) {
    case JOIN_LEFT:
        return op.natural ? "NATURAL LEFT JOIN" : "LEFT JOIN";
    case JOIN_RIGHT:
        return op.natural ? "NATURAL RIGHT JOIN" : "RIGHT JOIN";
    case JOIN_FULL:
        return op.natural ? "NATURAL FULL JOIN" : "FULL JOIN";
    case JOIN_CROSS:
        return "CROSS JOIN";
    case JOIN_INNER:
        break;
    }
    return op.natural ? "NATURAL JOIN" : "JOIN";
}

FromItem *parse_mk_join(ParseCtx *c, FromItem *l, JoinOp op, FromItem *r, JoinCond cond)
{
    FromItem *f = parse_f_new(c, FROM_JOIN, op.kw.pos);
    f->join = op.kind;
    f->natural = op.natural;
    f->left = l;
    f->right = r;
    f->on = cond.on;
    f->using_ = cond.using_.v;
    f->n_using = cond.using_.n;
    if ((op.kind == JOIN_CROSS || op.natural) && cond.kw.text)
        parse_error(c, cond.kw.pos, "%s takes no ON or USING condition", parse_join_name(op));
    else if (op.kind != JOIN_CROSS && !op.natural && !cond.kw.text)
        parse_error(c, op.kw.pos, "%s needs an ON or USING condition (or use CROSS JOIN)",
                    parse_join_name(op));
    return parse_f_finish(c, f);
}

FromItem *parse_mk_comma_join(ParseCtx *c, FromItem *l, Token kw, FromItem *r)
{
    FromItem *f = parse_f_new(c, FROM_JOIN, kw.pos);
    f->join = JOIN_CROSS;
    f->comma = true;
    f->left = l;
    f->right = r;
    return parse_f_finish(c, f);
}

JoinOp parse_mk_join_op(Token kw, JoinKind kind)
{
    JoinOp op = {kind, false, kw};
    return op;
}

JoinOp parse_join_natural(ParseCtx *c, Token kw, JoinOp op)
{
    if (op.natural || op.kind == JOIN_CROSS)
        parse_error(c, op.kw.pos, "%s cannot be NATURAL", op.natural ? "NATURAL" : "CROSS JOIN");
    op.natural = true;
    op.kw = kw;
    return op;
}

TvfArg parse_mk_tvf_expr(Expr *e)
{
    TvfArg a = {0};
    a.kind = TVFA_EXPR;
    a.pos = e->pos;
    a.e = e;
    return a;
}

TvfArg parse_mk_tvf_table(ParseCtx *c, Token kw, Token name, ExprList partition)
{
    TvfArg a = {0};
    a.kind = TVFA_TABLE;
    a.pos = kw.pos;
    a.table = parse_ident(c, name);
    a.table_pos = name.pos;
    a.partition = partition;
    return a;
}

TvfArg parse_mk_tvf_descriptor(ParseCtx *c, Token kw, ExprList cols)
{
    TvfArg a = {0};
    a.kind = TVFA_DESCRIPTOR;
    a.pos = kw.pos;
    a.cols = arena_alloc(c->arena, sizeof(const char *) * (size_t)cols.n);
    for (int i = 0; i < cols.n; i++) a.cols[i] = cols.v[i]->u.col.name;
    a.n_cols = cols.n;
    a.col_pos = cols.v[0]->pos;
    return a;
}

TvfArg parse_tvf_arg_named(ParseCtx *c, Token name, TvfArg arg)
{
    arg.name = parse_ident(c, name);
    arg.name_pos = name.pos;
    return arg;
}

TvfArgs parse_tvf_args_add(ParseCtx *c, TvfArgs l, TvfArg arg)
{
    l.v = parse_grow(c, l.v, l.n, sizeof(TvfArg));
    l.v[l.n++] = arg;
    return l;
}

/* ---- statements ----------------------------------------------------------- */

static Stmt *parse_stmt_new(ParseCtx *c, StmtKind kind, SrcPos pos)
{
    Stmt *s = arena_alloc(c->arena, sizeof *s);
    s->kind = kind;
    s->pos = pos;
    return s;
}

Stmt *parse_mk_create_head(ParseCtx *c, Token create, bool temporary, bool is_stream,
                           bool if_not_exists, Token name)
{
    Stmt *s = parse_stmt_new(c, ST_CREATE_TABLE, create.pos);
    s->name = parse_ident(c, name);
    s->name_pos = name.pos;
    s->temporary = temporary;
    s->is_stream = is_stream;
    s->if_not_exists = if_not_exists;
    c->cur = s;
    return s;
}

Stmt *parse_mk_create_table(ParseCtx *c, Stmt *head, WithList with)
{
    head->kind = ST_CREATE_TABLE;
    head->with = with.v;
    head->n_with = with.n;
    c->cur = NULL;
    return head;
}

Stmt *parse_mk_create_as(ParseCtx *c, Stmt *head, WithList with, QueryExpr *q)
{
    head->kind = ST_CREATE_AS;
    head->with = with.v;
    head->n_with = with.n;
    head->query = q;
    c->cur = NULL;
    return head;
}

Stmt *parse_mk_create_view(ParseCtx *c, Token create, bool temporary, bool if_not_exists,
                           Token name, NameList cols, QueryExpr *q)
{
    Stmt *s = parse_stmt_new(c, ST_CREATE_VIEW, create.pos);
    s->name = parse_ident(c, name);
    s->name_pos = name.pos;
    s->temporary = temporary;
    s->if_not_exists = if_not_exists;
    s->insert_cols = cols.v;
    s->n_insert_cols = cols.n;
    s->query = q;
    return s;
}

Stmt *parse_mk_insert(ParseCtx *c, Token kw, bool overwrite, Token name, NameList cols,
                      QueryExpr *q)
{
    Stmt *s = parse_stmt_new(c, ST_INSERT, kw.pos);
    s->name = parse_ident(c, name);
    s->name_pos = name.pos;
    s->overwrite = overwrite;
    s->insert_cols = cols.v;
    s->n_insert_cols = cols.n;
    s->query = q;
    return s;
}

Stmt *parse_mk_query_stmt(ParseCtx *c, QueryExpr *q)
{
    Stmt *s = parse_stmt_new(c, ST_QUERY, c->stmt_pos);
    s->query = q;
    return s;
}

/* The text of a WITH or SET value token: strings unquoted, identifiers
 * unquoted, numbers and TRUE/FALSE as written. */
static const char *parse_value_text(ParseCtx *c, Token value)
{
    if (value.type == TK_STRING) return parse_string(c, value);
    if (value.type == TK_ID) return parse_ident(c, value);
    return arena_strndup(c->arena, value.text, (size_t)value.len);
}

Stmt *parse_mk_set(ParseCtx *c, Token kw, Token key, const char *key_text, Token value)
{
    Stmt *s = parse_stmt_new(c, ST_SET, kw.pos);
    if (!key_text) return s;
    s->name = key_text;
    s->name_pos = key.pos;
    s->set_value = parse_value_text(c, value);
    s->set_value_pos = value.pos;
    return s;
}

Stmt *parse_mk_reset(ParseCtx *c, Token kw, Token key, const char *key_text)
{
    Stmt *s = parse_stmt_new(c, ST_RESET, kw.pos);
    s->name = key_text;
    if (key_text) s->name_pos = key.pos;
    return s;
}

Stmt *parse_mk_statement_set(ParseCtx *c, Token kw, StmtList body)
{
    Stmt *s = parse_stmt_new(c, ST_STATEMENT_SET, kw.pos);
    s->body = body.v;
    s->n_body = body.n;
    return s;
}

StmtList parse_stmts_add(ParseCtx *c, StmtList l, Stmt *s)
{
    l.v = parse_grow(c, l.v, l.n, sizeof(Stmt *));
    l.v[l.n++] = s;
    return l;
}

Stmt *parse_mk_marker(ParseCtx *c, Token kw, StmtKind kind)
{
    return parse_stmt_new(c, kind, kw.pos);
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

ColCons parse_colcons_metadata(ParseCtx *c, ColCons cons, Token kw, Token key)
{
    if (cons.metadata) parse_error(c, kw.pos, "METADATA given twice for one column");
    cons.metadata = true;
    cons.last_pk = false;
    if (key.text) cons.metadata_key = parse_string(c, key);
    return cons;
}

ColCons parse_colcons_virtual(ParseCtx *c, ColCons cons, Token kw)
{
    if (!cons.metadata || cons.is_virtual)
        parse_error(c, kw.pos, "VIRTUAL must follow METADATA [FROM 'key']");
    cons.is_virtual = true;
    cons.last_pk = false;
    return cons;
}

/* Appends a column to the statement being created; NULL when there is none. */
static ColumnDef *parse_new_column(ParseCtx *c, Token name)
{
    Stmt *s = c->cur;
    if (!s) return NULL;
    s->cols = parse_grow(c, s->cols, s->n_cols, sizeof(ColumnDef));
    ColumnDef *col = &s->cols[s->n_cols++];
    col->name = parse_ident(c, name);
    col->pos = name.pos;
    return col;
}

void parse_add_column(ParseCtx *c, Token name, AstType type, ColCons cons)
{
    ColumnDef *col = parse_new_column(c, name);
    if (!col) return;
    col->type = type;
    col->not_null = cons.not_null;
    col->metadata = cons.metadata;
    col->metadata_key = cons.metadata_key;
    col->metadata_virtual = cons.is_virtual;
    if (cons.primary_key) {
        const char **pk = arena_alloc(c->arena, sizeof *pk);
        pk[0] = col->name;
        parse_set_pk(c, cons.pk_pos, pk, 1);
    }
}

void parse_add_computed_column(ParseCtx *c, Token name, Expr *e)
{
    ColumnDef *col = parse_new_column(c, name);
    if (!col) return;
    col->type = (AstType){TY_UNKNOWN, -1, -1, e->pos};
    col->computed = e;
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
    o->value = parse_value_text(c, value);
    return l;
}

NameList parse_names_add(ParseCtx *c, NameList l, Token name)
{
    l.v = parse_grow(c, l.v, l.n, sizeof(const char *));
    l.v[l.n++] = parse_ident(c, name);
    return l;
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
    case TK_TIME:
    case TK_EXISTS:
    case TK_ARRAY:
    case TK_MAP:
    case TK_ANY:
    case TK_SOME:
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

/* The tokens fed to the parser before the current one, most recent first
 * (PARSE_RECENT of them; type 0 past the start of the input). */
#define PARSE_RECENT 8

/* True when token t is the bare word w (any case; quoted identifiers are
 * names, never words). */
static bool parse_word(Token t, const char *w)
{
    size_t n = strlen(w);
    return t.text && (size_t)t.len == n && strncasecmp(t.text, w, n) == 0;
}

/* True when an open call of function `fn` ("FN (") is among the recent
 * tokens. */
static bool parse_in_call(const Token *recent, const char *fn)
{
    for (int i = 0; i + 1 < PARSE_RECENT; i++)
        if (recent[i].type == TK_LP && parse_word(recent[i + 1], fn)) return true;
    return false;
}

/* True when recent[k], recent[k+1], recent[k+2] are a unit, a string and
 * INTERVAL: the token after them continues "INTERVAL '...' unit". */
static bool parse_interval_at(const Token *recent, int k)
{
    return recent[k].type == TK_ID && recent[k + 1].type == TK_STRING &&
           recent[k + 2].type == TK_INTERVAL;
}

/* Flink SQL the grammar does not read, recognised at the token t where the
 * syntax error occurs: the construct's name for "... is not supported yet"
 * (and where to report it in *pos), or NULL for a plain syntax error.
 * `first` is the statement's first token. */
static const char *parse_unsupported_syntax(Token t, const Token *recent, Token first, SrcPos *pos)
{
    static const char *const stmts[] = {"SHOW",     "DESCRIBE", "DESC",    "USE",    "ALTER",
                                        "DROP",     "EXPLAIN",  "LOAD",    "UNLOAD", "ANALYZE",
                                        "TRUNCATE", "DELETE",   "UPDATE",  "ADD",    "REMOVE",
                                        "CALL",     "COMPILE",  "OPTIMIZE"};
    static const struct {
        const char *word, *what;
    } objects[] = {{"FUNCTION", "CREATE FUNCTION"},
                   {"CATALOG", "CREATE CATALOG"},
                   {"DATABASE", "CREATE DATABASE"},
                   {"SYSTEM", "CREATE SYSTEM FUNCTION"},
                   {"MODEL", "CREATE MODEL"}};
    *pos = t.pos;
    if (recent[0].type == 0 || recent[0].type == TK_SEMI) {
        for (size_t i = 0; i < sizeof stmts / sizeof *stmts; i++)
            if (parse_word(t, stmts[i])) return stmts[i];
    }
    if (first.type == TK_CREATE) {
        for (size_t i = 0; i < sizeof objects / sizeof *objects; i++)
            if (parse_word(t, objects[i].word)) return objects[i].what;
        if (parse_word(t, "PARTITIONED")) return "PARTITIONED BY";
        if (parse_word(t, "COMMENT")) return "COMMENT";
        if (parse_word(t, "DISTRIBUTED")) return "DISTRIBUTED BY";
        if (t.type == TK_LIKE) return "CREATE TABLE ... LIKE";
    }
    if (parse_word(t, "SIMILAR")) return "SIMILAR TO";
    if (parse_word(recent[0], "SIMILAR") && parse_word(t, "TO")) {
        *pos = recent[0].pos;
        return "SIMILAR TO";
    }
    if (recent[1].type == TK_BETWEEN &&
        (parse_word(recent[0], "SYMMETRIC") || parse_word(recent[0], "ASYMMETRIC"))) {
        *pos = recent[0].pos;
        return parse_word(recent[0], "SYMMETRIC") ? "BETWEEN SYMMETRIC" : "BETWEEN ASYMMETRIC";
    }
    if (parse_word(t, "TABLESAMPLE")) return "TABLESAMPLE";
    if (parse_word(recent[0], "TABLESAMPLE")) {
        *pos = recent[0].pos;
        return "TABLESAMPLE";
    }
    /* INTERVAL '1' DAY(2); INTERVAL '1:30' MINUTE TO SECOND, failing at TO
     * or (TO read as an alias) at the unit after it */
    if (parse_interval_at(recent, 0) && (t.type == TK_LP || parse_word(t, "TO"))) {
        *pos = recent[2].pos;
        return t.type == TK_LP ? "an INTERVAL qualifier with a precision"
                               : "an INTERVAL range (unit TO unit)";
    }
    if (parse_word(recent[0], "TO") && parse_interval_at(recent, 1)) {
        *pos = recent[3].pos;
        return "an INTERVAL range (unit TO unit)";
    }
    if (parse_word(t, "TO") && parse_in_call(recent, "FLOOR")) return "FLOOR(x TO unit)";
    if (parse_word(t, "TO") && parse_in_call(recent, "CEIL")) return "CEIL(x TO unit)";
    if (recent[0].type == TK_IN && parse_in_call(recent, "POSITION")) return "POSITION(x IN y)";
    if (parse_word(t, "PLACING")) return "OVERLAY(x PLACING y FROM n)";
    if (t.type == TK_COMMA) {
        /* a comma inside parentheses that are no call: (a, b) IN (...) */
        for (int i = 0, depth = 0; i + 1 < PARSE_RECENT && recent[i].type; i++) {
            depth += recent[i].type == TK_RP ? 1 : recent[i].type == TK_LP ? -1 : 0;
            if (depth < 0) {
                if (recent[i + 1].type == TK_ID || recent[i + 1].type == TK_IN) break;
                *pos = recent[i].pos;
                return "a row value ((a, b))";
            }
        }
    }
    return NULL;
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
    SrcPos end = {1, 1};                /* just after the last token */
    Token prev = {0};                   /* the last token fed to the parser */
    Token recent[PARSE_RECENT] = {{0}}; /* parse_unsupported_syntax */
    Token first = {0};                  /* the statement's first token */
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
        if (code == TK_LP || code == TK_CASE || code == TK_LBRACKET) {
            if (++nest > PARSE_MAX_DEPTH) {
                parse_error(&c, t.pos, "expression nested too deeply (more than %d levels)",
                            PARSE_MAX_DEPTH);
                break;
            }
        } else if ((code == TK_RP || code == TK_END || code == TK_RBRACKET) && nest > 0) {
            nest--;
        }
        if (prev.type == 0 || prev.type == TK_SEMI) {
            first = t;
            c.stmt_pos = t.pos;
        }
        if (!sqlParseWouldShift(parser, code, 1)) {
            const char *exp = parse_expected(&c, parser);
            SrcPos upos;
            const char *unsup = code ? parse_unsupported_syntax(t, recent, first, &upos) : NULL;
            if (unsup)
                parse_error(&c, upos, "%s is not supported yet", unsup);
            else if (code == 0)
                parse_error(&c, end, "incomplete input; expected %s", exp);
            else if (code == TK_LT &&
                     (prev.type == TK_ID || prev.type == TK_ARRAY || prev.type == TK_MAP) &&
                     parse_unsupported_type(parse_ident(&c, prev)))
                /* ARRAY<INT>, MAP<K, V>, ROW<...>: say so rather than "near '<'" */
                parse_error(&c, prev.pos, "type %s is not supported yet",
                            parse_unsupported_type(parse_ident(&c, prev)));
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
        memmove(recent + 1, recent, sizeof recent - sizeof *recent);
        recent[0] = t;
    }
    sqlParseFree(parser, free);
    if (c.failed) return NULL;
    Program *prog = arena_alloc(a, sizeof *prog);
    prog->stmts = (Stmt **)c.stmts.v;
    prog->n_stmts = c.stmts.n;
    return prog;
}

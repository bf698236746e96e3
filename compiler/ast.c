/* ast.c - AST construction helpers and the S-expression debug printer.
 *
 * S-expression format of ast_expr_sexp (what parser tests compare against):
 *   literals      NULL  TRUE  FALSE  42  -7  1.5e3 (float: its text as written)
 *                 'it''s' (strings re-quoted)
 *                 (interval 300000) (milliseconds)   (timestamp '2024-01-01 00:00:00')
 *   columns       a   t.a        stars  *   t.*
 *   unary         (- x)  (+ x)  (not x)
 *   binary        (+ l r) (- l r) (* l r) (/ l r) (% l r) (|| l r)
 *                 (= l r) (<> l r) (< l r) (<= l r) (> l r) (>= l r) (and l r) (or l r)
 *   predicates    (is-null x) (is-not-null x) (between x lo hi) (not-between x lo hi)
 *                 (in x a b ...) (not-in x a b ...) (like x p [esc]) (not-like x p [esc])
 *   case          (case [operand] (when w t) ... [(else e)])
 *                 (typed DATE '2024-01-01') (DATE '...', TIME '...': the type as written)
 *   cast          (cast x TYPE) (try-cast x TYPE) with TYPE like BIGINT, VARCHAR(20),
 *                 DECIMAL(10,2)
 *   predicates    (is-true x) (is-not-true x) (is-false x) (is-not-false x) (is-unknown x)
 *                 (is-not-unknown x) (is-distinct-from l r) (is-not-distinct-from l r)
 *   subqueries    (scalar Q) (exists Q) (not-exists Q) (in-query x Q) (not-in-query x Q)
 *                 (any = x Q) (all < x Q) (SOME prints as any), where Q is <query>
 *   calls         (NAME args...)  (NAME *)  (NAME distinct args...)  NAME as written, then
 *                 [(within-group ITEM...)] [(filter cond)] [(over WINDOW)]; ARRAY[..],
 *                 MAP[..] and x[i] are the calls ARRAY, MAP and ITEM
 *   order items   x  (desc x), wrapped in (nulls-first ...) or (nulls-last ...)
 *   windows       NAME (OVER name) or [BASE] [(partition e...)] [(order ITEM...)]
 *                 [(rows|range LO HI)], bounds unbounded-preceding (preceding n)
 *                 current-row (following n) unbounded-following
 * Deeper than AST_SEXP_MAX_DEPTH levels prints "..." (the printer recurses;
 * the bound keeps it safe on trees not built by the parser). */
#include "ast.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AST_SEXP_MAX_DEPTH 10000

Expr *ast_expr(Arena *a, ExprKind kind, SrcPos pos)
{
    Expr *e = arena_alloc(a, sizeof(Expr));
    e->kind = kind;
    e->pos = pos;
    return e;
}

bool ast_text_has_nul(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)s[0] == 0xC0 && (unsigned char)s[1] == 0x80) return true;
    return false;
}

const char *ast_text_bytes(Arena *a, const char *s, size_t *n)
{
    size_t len = strlen(s);
    if (!ast_text_has_nul(s)) {
        *n = len;
        return s;
    }
    char *o = arena_alloc(a, len + 1), *w = o;
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)s[i] == 0xC0 && i + 1 < len && (unsigned char)s[i + 1] == 0x80) {
            *w++ = 0;
            i++;
        } else {
            *w++ = s[i];
        }
    }
    *w = 0;
    *n = (size_t)(w - o);
    return o;
}

/* The capacity of a list is implied by its length (ExprList has no cap
 * field): 4 for 1..4 elements, then the next power of two. A list must
 * therefore only be grown by this function. */
void ast_list_push(Arena *a, ExprList *l, Expr *e)
{
    int n = l->n;
    if (n == 0 || (n >= 4 && (n & (n - 1)) == 0)) {
        int cap = n == 0 ? 4 : n * 2;
        Expr **v = arena_alloc(a, (size_t)cap * sizeof(Expr *));
        if (n) memcpy(v, l->v, (size_t)n * sizeof(Expr *));
        l->v = v;
    }
    l->v[n] = e;
    l->n = n + 1;
}

/* A malloc'd growable string; out-of-memory aborts like the arena does. */
typedef struct SexpBuf {
    char *s;
    size_t len, cap;
} SexpBuf;

static void sb_putn(SexpBuf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1) cap *= 2;
        char *p = realloc(b->s, cap);
        if (!p) {
            fprintf(stderr, "sluice: out of memory\n");
            abort();
        }
        b->s = p;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_puts(SexpBuf *b, const char *s)
{
    sb_putn(b, s, strlen(s));
}

static void sb_printf(SexpBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(SexpBuf *b, const char *fmt, ...)
{
    char tmp[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n > 0) sb_putn(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

/* 'text' with ' doubled. */
static void sb_quoted(SexpBuf *b, const char *s)
{
    sb_puts(b, "'");
    for (const char *p = s ? s : ""; *p; p++) {
        if (*p == '\'')
            sb_puts(b, "''");
        else
            sb_putn(b, p, 1);
    }
    sb_puts(b, "'");
}

const char *ast_type_name(TypeKind k)
{
    switch (k) {
    case TY_UNKNOWN:
        return "UNKNOWN";
    case TY_NULL:
        return "NULL";
    case TY_BOOLEAN:
        return "BOOLEAN";
    case TY_TINYINT:
        return "TINYINT";
    case TY_SMALLINT:
        return "SMALLINT";
    case TY_INT:
        return "INT";
    case TY_BIGINT:
        return "BIGINT";
    case TY_FLOAT:
        return "FLOAT";
    case TY_DOUBLE:
        return "DOUBLE";
    case TY_DECIMAL:
        return "DECIMAL";
    case TY_VARCHAR:
        return "VARCHAR";
    case TY_DATE:
        return "DATE";
    case TY_TIME:
        return "TIME";
    case TY_TIMESTAMP:
        return "TIMESTAMP";
    case TY_INTERVAL:
        return "INTERVAL";
    }
    return "?";
}

static const char *ast_binop_name(BinaryOp op)
{
    switch (op) {
    case BOP_ADD:
        return "+";
    case BOP_SUB:
        return "-";
    case BOP_MUL:
        return "*";
    case BOP_DIV:
        return "/";
    case BOP_MOD:
        return "%";
    case BOP_EQ:
        return "=";
    case BOP_NE:
        return "<>";
    case BOP_LT:
        return "<";
    case BOP_LE:
        return "<=";
    case BOP_GT:
        return ">";
    case BOP_GE:
        return ">=";
    case BOP_AND:
        return "and";
    case BOP_OR:
        return "or";
    case BOP_CONCAT:
        return "||";
    }
    return "?";
}

static void sexp(SexpBuf *b, const Expr *e, int depth);

/* " x" for each list element. */
static void sexp_list(SexpBuf *b, const ExprList *l, int depth)
{
    for (int i = 0; i < l->n; i++) {
        sb_puts(b, " ");
        sexp(b, l->v[i], depth);
    }
}

/* " ITEM" for each ORDER BY item. */
static void sexp_order(SexpBuf *b, const OrderList *l, int depth)
{
    for (int i = 0; i < l->n; i++) {
        const OrderItem *it = &l->v[i];
        sb_puts(b, " ");
        if (it->nulls != NULLS_DEFAULT)
            sb_puts(b, it->nulls == NULLS_FIRST ? "(nulls-first " : "(nulls-last ");
        if (it->desc) sb_puts(b, "(desc ");
        sexp(b, it->e, depth);
        if (it->desc) sb_puts(b, ")");
        if (it->nulls != NULLS_DEFAULT) sb_puts(b, ")");
    }
}

static void sexp_bound(SexpBuf *b, const FrameBound *fb, int depth)
{
    switch (fb->kind) {
    case FB_UNBOUNDED_PRECEDING:
        sb_puts(b, "unbounded-preceding");
        return;
    case FB_UNBOUNDED_FOLLOWING:
        sb_puts(b, "unbounded-following");
        return;
    case FB_CURRENT_ROW:
        sb_puts(b, "current-row");
        return;
    case FB_PRECEDING:
    case FB_FOLLOWING:
        sb_puts(b, fb->kind == FB_PRECEDING ? "(preceding " : "(following ");
        sexp(b, fb->n, depth);
        sb_puts(b, ")");
        return;
    }
}

/* The parts of a window specification, each preceded by a space. */
static void sexp_window(SexpBuf *b, const WindowDef *w, int depth)
{
    if (w->ref) {
        sb_puts(b, " ");
        sb_puts(b, w->ref);
    }
    if (w->partition.n) {
        sb_puts(b, " (partition");
        sexp_list(b, &w->partition, depth);
        sb_puts(b, ")");
    }
    if (w->order.n) {
        sb_puts(b, " (order");
        sexp_order(b, &w->order, depth);
        sb_puts(b, ")");
    }
    if (w->has_frame) {
        sb_puts(b, w->rows ? " (rows " : " (range ");
        sexp_bound(b, &w->lo, depth);
        sb_puts(b, " ");
        sexp_bound(b, &w->hi, depth);
        sb_puts(b, ")");
    }
}

static void sexp(SexpBuf *b, const Expr *e, int depth)
{
    if (!e) {
        sb_puts(b, "<null>");
        return;
    }
    if (depth > AST_SEXP_MAX_DEPTH) {
        sb_puts(b, "...");
        return;
    }
    depth++;
    switch (e->kind) {
    case EX_NULL:
        sb_puts(b, "NULL");
        break;
    case EX_BOOL:
        sb_puts(b, e->u.bval ? "TRUE" : "FALSE");
        break;
    case EX_INT:
        sb_printf(b, "%" PRId64, e->u.ival);
        break;
    case EX_FLOAT:
        if (e->u.num.text)
            sb_puts(b, e->u.num.text);
        else
            sb_printf(b, "%.17g", e->u.num.fval);
        break;
    case EX_STRING:
        sb_quoted(b, e->u.str);
        break;
    case EX_INTERVAL:
        sb_printf(b, "(interval %" PRId64 ")", e->u.interval_ms);
        break;
    case EX_TIMESTAMP:
        sb_puts(b, "(timestamp ");
        sb_quoted(b, e->u.str);
        sb_puts(b, ")");
        break;
    case EX_TYPED_LIT:
        sb_puts(b, "(typed ");
        sb_puts(b, e->u.typed.type ? e->u.typed.type : "?");
        sb_puts(b, " ");
        sb_quoted(b, e->u.typed.text);
        sb_puts(b, ")");
        break;
    case EX_COLUMN:
    case EX_STAR:
        if (e->u.col.qualifier) {
            sb_puts(b, e->u.col.qualifier);
            sb_puts(b, ".");
        }
        sb_puts(b, e->kind == EX_STAR ? "*" : e->u.col.name ? e->u.col.name : "?");
        break;
    case EX_UNARY:
        sb_puts(b, e->u.unary.op == UOP_NEG ? "(- " : e->u.unary.op == UOP_PLUS ? "(+ " : "(not ");
        sexp(b, e->u.unary.x, depth);
        sb_puts(b, ")");
        break;
    case EX_BINARY:
        sb_printf(b, "(%s ", ast_binop_name(e->u.binary.op));
        sexp(b, e->u.binary.l, depth);
        sb_puts(b, " ");
        sexp(b, e->u.binary.r, depth);
        sb_puts(b, ")");
        break;
    case EX_IS_NULL:
        sb_puts(b, e->u.is_null.negated ? "(is-not-null " : "(is-null ");
        sexp(b, e->u.is_null.x, depth);
        sb_puts(b, ")");
        break;
    case EX_IS_BOOL: {
        static const char *const what[] = {"unknown", "false", "true"};
        int w = e->u.is_bool.what < 0 ? 0 : e->u.is_bool.what == 0 ? 1 : 2;
        sb_printf(b, "(is-%s%s ", e->u.is_bool.negated ? "not-" : "", what[w]);
        sexp(b, e->u.is_bool.x, depth);
        sb_puts(b, ")");
        break;
    }
    case EX_IS_DISTINCT:
        sb_puts(b, e->u.binary.negated ? "(is-not-distinct-from " : "(is-distinct-from ");
        sexp(b, e->u.binary.l, depth);
        sb_puts(b, " ");
        sexp(b, e->u.binary.r, depth);
        sb_puts(b, ")");
        break;
    case EX_SUBQUERY:
        sb_puts(b, "(scalar <query>)");
        break;
    case EX_EXISTS:
        sb_puts(b, e->u.subq.negated ? "(not-exists <query>)" : "(exists <query>)");
        break;
    case EX_IN_QUERY:
        sb_puts(b, e->u.subq.negated ? "(not-in-query " : "(in-query ");
        sexp(b, e->u.subq.x, depth);
        sb_puts(b, " <query>)");
        break;
    case EX_QUANTIFIED:
        sb_printf(b, "(%s %s ", e->u.subq.all ? "all" : "any", ast_binop_name(e->u.subq.op));
        sexp(b, e->u.subq.x, depth);
        sb_puts(b, " <query>)");
        break;
    case EX_BETWEEN:
        sb_puts(b, e->u.between.negated ? "(not-between " : "(between ");
        sexp(b, e->u.between.x, depth);
        sb_puts(b, " ");
        sexp(b, e->u.between.lo, depth);
        sb_puts(b, " ");
        sexp(b, e->u.between.hi, depth);
        sb_puts(b, ")");
        break;
    case EX_IN:
        sb_puts(b, e->u.in.negated ? "(not-in " : "(in ");
        sexp(b, e->u.in.x, depth);
        sexp_list(b, &e->u.in.list, depth);
        sb_puts(b, ")");
        break;
    case EX_LIKE:
        sb_puts(b, e->u.like.negated ? "(not-like " : "(like ");
        sexp(b, e->u.like.x, depth);
        sb_puts(b, " ");
        sexp(b, e->u.like.pattern, depth);
        if (e->u.like.escape) {
            sb_puts(b, " ");
            sexp(b, e->u.like.escape, depth);
        }
        sb_puts(b, ")");
        break;
    case EX_CASE:
        sb_puts(b, "(case");
        if (e->u.case_.operand) {
            sb_puts(b, " ");
            sexp(b, e->u.case_.operand, depth);
        }
        for (int i = 0; i < e->u.case_.n_whens; i++) {
            sb_puts(b, " (when ");
            sexp(b, e->u.case_.whens[i].when, depth);
            sb_puts(b, " ");
            sexp(b, e->u.case_.whens[i].then, depth);
            sb_puts(b, ")");
        }
        if (e->u.case_.else_) {
            sb_puts(b, " (else ");
            sexp(b, e->u.case_.else_, depth);
            sb_puts(b, ")");
        }
        sb_puts(b, ")");
        break;
    case EX_CAST: {
        const AstType *t = &e->u.cast.type;
        sb_puts(b, e->u.cast.try_ ? "(try-cast " : "(cast ");
        sexp(b, e->u.cast.x, depth);
        sb_printf(b, " %s", ast_type_name(t->kind));
        if (t->precision >= 0 && t->scale >= 0)
            sb_printf(b, "(%d,%d)", t->precision, t->scale);
        else if (t->precision >= 0)
            sb_printf(b, "(%d)", t->precision);
        sb_puts(b, ")");
        break;
    }
    case EX_CALL:
        sb_puts(b, "(");
        sb_puts(b, e->u.call.name ? e->u.call.name : "?");
        if (e->u.call.star) sb_puts(b, " *");
        if (e->u.call.distinct) sb_puts(b, " distinct");
        sexp_list(b, &e->u.call.args, depth);
        if (e->u.call.within.n) {
            sb_puts(b, " (within-group");
            sexp_order(b, &e->u.call.within, depth);
            sb_puts(b, ")");
        }
        if (e->u.call.filter) {
            sb_puts(b, " (filter ");
            sexp(b, e->u.call.filter, depth);
            sb_puts(b, ")");
        }
        if (e->u.call.over) {
            sb_puts(b, " (over");
            sexp_window(b, e->u.call.over, depth);
            sb_puts(b, ")");
        }
        sb_puts(b, ")");
        break;
    }
}

const char *ast_expr_sexp(Arena *a, const Expr *e)
{
    SexpBuf b = {0};
    sexp(&b, e, 0);
    const char *s = arena_strndup(a, b.s ? b.s : "", b.len);
    free(b.s);
    return s;
}

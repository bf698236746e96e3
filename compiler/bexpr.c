/* bexpr.c - expression typing: AST expressions to bound expressions over
 * an operator's input row (bind_internal.h).
 *
 * Type rules follow Flink SQL (Calcite): integer literals are INT when they
 * fit, else BIGINT; arithmetic widens to the larger operand type
 * (TINYINT/SMALLINT compute as INT); `/` on integers is integer division;
 * comparisons need comparable types; AND/OR/NOT need BOOLEAN; `||` needs
 * strings; CASE and COALESCE take the common type of their branches.
 *
 * In an aggregate context (SELECT/HAVING of a grouped query) every node
 * first goes through select.c's sel_bind_agg, which turns aggregate calls
 * and group keys into columns of the aggregate's output; what remains is
 * bound structurally here. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bind_internal.h"
#include "sluice_rt.h"

/* ---- helpers ------------------------------------------------------------------ */

bool is_int_kind(TypeKind k)
{
    return k == TY_TINYINT || k == TY_SMALLINT || k == TY_INT || k == TY_BIGINT;
}

bool is_numeric(TypeKind k)
{
    return is_int_kind(k) || k == TY_DOUBLE || k == TY_FLOAT;
}

BExpr *bx_new(Binder *b, BExprKind kind, TypeKind ty, bool nullable, SrcPos pos, int n_args)
{
    BExpr *e = arena_alloc(b->a, sizeof *e);
    e->kind = kind;
    e->type.kind = ty;
    e->type.nullable = nullable;
    e->pos = pos;
    if (n_args > 0) e->args = arena_alloc(b->a, sizeof(BExpr *) * (size_t)n_args);
    e->n_args = n_args;
    return e;
}

BExpr *bx_lit_int(Binder *b, TypeKind ty, int64_t v, SrcPos pos)
{
    BExpr *e = bx_new(b, BX_LIT, ty, false, pos, 0);
    e->u.lit.i = v;
    return e;
}

BExpr *bx_col(Binder *b, const Op *op, int index, SrcPos pos)
{
    const Field *f = &op->cols[index];
    BExpr *e = bx_new(b, BX_COL, f->type.kind, f->type.nullable, pos, 0);
    e->u.index = index;
    return e;
}

BExpr *bx_null(Binder *b, TypeKind ty, SrcPos pos)
{
    BExpr *e = bx_new(b, BX_LIT, ty, true, pos, 0);
    e->u.lit.is_null = true;
    return e;
}

/* Result kind of combining two numeric kinds (Flink widening, with the small
 * integer types computing as INT). */
TypeKind numeric_join(TypeKind x, TypeKind y)
{
    if (x == TY_DOUBLE || y == TY_DOUBLE || x == TY_FLOAT || y == TY_FLOAT) return TY_DOUBLE;
    if (x == TY_BIGINT || y == TY_BIGINT) return TY_BIGINT;
    return TY_INT;
}

/* Common type of x and y for comparison, CASE, COALESCE, IN; TY_UNKNOWN when
 * there is none. TY_NULL joins with anything. */
TypeKind common_type(TypeKind x, TypeKind y)
{
    if (x == TY_NULL) return y == TY_NULL ? TY_NULL : y;
    if (y == TY_NULL) return x;
    if (is_numeric(x) && is_numeric(y)) {
        if (x == y) return x;
        return numeric_join(x, y);
    }
    if (x == y) return x;
    return TY_UNKNOWN;
}

/* Wraps e in a cast to kind (no-op when it already has that kind). A NULL
 * literal simply takes the kind. */
BExpr *coerce(Binder *b, BExpr *e, TypeKind kind)
{
    if (e->type.kind == kind || kind == TY_NULL || kind == TY_UNKNOWN) return e;
    if (e->kind == BX_LIT && e->u.lit.is_null) {
        e->type.kind = kind;
        return e;
    }
    BExpr *c = bx_new(b, BX_CAST, kind, e->type.nullable, e->pos, 1);
    c->args[0] = e;
    return c;
}

/* Aggregate functions (Flink names; STDDEV and VARIANCE are aliases of
 * the sample forms, as in Flink). */
static const char *const agg_names[] = {
    "COUNT",
    "SUM",
    "AVG",
    "MIN",
    "MAX",
    "STDDEV_POP",
    "STDDEV_SAMP",
    "STDDEV",
    "VAR_POP",
    "VAR_SAMP",
    "VARIANCE",
    "FIRST_VALUE",
    "LAST_VALUE",
    "LISTAGG",
    "APPROX_COUNT_DISTINCT",
    "PERCENTILE_CONT",
    "PERCENTILE_DISC",
    "APPROX_PERCENTILE",
};

bool is_agg_name(const char *n)
{
    for (size_t i = 0; i < sizeof agg_names / sizeof *agg_names; i++)
        if (strcasecmp(n, agg_names[i]) == 0) return true;
    return false;
}

/* An aggregate call of a grouped query (not an OVER aggregate). */
static bool is_group_agg_call(const Expr *e)
{
    return e->kind == EX_CALL && !e->u.call.over && is_agg_name(e->u.call.name);
}

/* The direct subexpressions of e, in written order, into kids (NULL: only
 * count them); returns how many. Subqueries are not entered: their names
 * belong to another scope. */
static int expr_children(const Expr *e, const Expr **kids)
{
    int n = 0;
#define KID(x)                                                                                     \
    do {                                                                                           \
        if (x) {                                                                                   \
            if (kids) kids[n] = (x);                                                               \
            n++;                                                                                   \
        }                                                                                          \
    } while (0)
    switch (e->kind) {
    case EX_CALL:
        for (int i = 0; i < e->u.call.args.n; i++) KID(e->u.call.args.v[i]);
        for (int i = 0; i < e->u.call.within.n; i++) KID(e->u.call.within.v[i].e);
        KID(e->u.call.filter);
        break;
    case EX_UNARY:
        KID(e->u.unary.x);
        break;
    case EX_BINARY:
    case EX_IS_DISTINCT:
        KID(e->u.binary.l);
        KID(e->u.binary.r);
        break;
    case EX_IS_NULL:
        KID(e->u.is_null.x);
        break;
    case EX_IS_BOOL:
        KID(e->u.is_bool.x);
        break;
    case EX_BETWEEN:
        KID(e->u.between.x);
        KID(e->u.between.lo);
        KID(e->u.between.hi);
        break;
    case EX_IN:
        KID(e->u.in.x);
        for (int i = 0; i < e->u.in.list.n; i++) KID(e->u.in.list.v[i]);
        break;
    case EX_IN_QUERY:
    case EX_QUANTIFIED:
        KID(e->u.subq.x);
        break;
    case EX_LIKE:
        KID(e->u.like.x);
        KID(e->u.like.pattern);
        KID(e->u.like.escape);
        break;
    case EX_CASE:
        KID(e->u.case_.operand);
        for (int i = 0; i < e->u.case_.n_whens; i++) {
            KID(e->u.case_.whens[i].when);
            KID(e->u.case_.whens[i].then);
        }
        KID(e->u.case_.else_);
        break;
    case EX_CAST:
        KID(e->u.cast.x);
        break;
    default:
        break;
    }
#undef KID
    return n;
}

/* Calls f on the children of e until it returns non-NULL; returns that.
 * Recursion through f is bounded: the parser rejects expressions deeper
 * than PARSE_MAX_DEPTH. */
static const Expr *expr_find_child(const Expr *e, const Expr *(*f)(const Expr *, void *), void *arg)
{
    const Expr *small[8], **kids = small;
    int n = expr_children(e, NULL);
    if (n > 8) {
        kids = malloc(sizeof *kids * (size_t)n);
        if (!kids) {
            fprintf(stderr, "sluice: out of memory\n");
            abort();
        }
    }
    expr_children(e, kids);
    const Expr *r = NULL;
    for (int i = 0; i < n && !r; i++) r = f(kids[i], arg);
    if (kids != small) free(kids);
    return r;
}

/* expr_any's walk: the predicate and its argument. */
typedef struct ExprAny {
    bool (*pred)(void *, const Expr *);
    void *arg;
} ExprAny;

static const Expr *expr_any_step(const Expr *e, void *ctx)
{
    ExprAny *x = ctx;
    if (x->pred(x->arg, e)) return e;
    return expr_find_child(e, expr_any_step, ctx);
}

bool expr_any(const Expr *e, bool (*pred)(void *, const Expr *), void *arg)
{
    ExprAny ctx = {pred, arg};
    return e && expr_any_step(e, &ctx) != NULL;
}

static const Expr *first_agg_step(const Expr *e, void *unused)
{
    (void)unused;
    if (is_group_agg_call(e)) return e;
    return expr_find_child(e, first_agg_step, NULL);
}

const Expr *expr_first_agg(const Expr *e)
{
    return first_agg_step(e, NULL);
}

bool expr_has_agg(const Expr *e)
{
    return e && expr_first_agg(e) != NULL;
}

/* The first node of e that sluice parses but cannot bind yet. */
static const Expr *expr_first_unsupported(const Expr *e, void *unused)
{
    (void)unused;
    switch (e->kind) {
    case EX_IN_QUERY:
    case EX_EXISTS:
    case EX_SUBQUERY:
    case EX_QUANTIFIED:
        return e;
    case EX_CALL:
        if (e->u.call.over) return e;
        break;
    default:
        break;
    }
    return expr_find_child(e, expr_first_unsupported, NULL);
}

bool bexpr_check_supported(Binder *b, const Expr *e)
{
    const Expr *u = e ? expr_first_unsupported(e, NULL) : NULL;
    if (!u) return true;
    switch (u->kind) {
    case EX_IN_QUERY:
        diag_error(b->d, u->pos, "IN subqueries are not supported yet");
        break;
    case EX_EXISTS:
        diag_error(b->d, u->pos, "EXISTS subqueries are not supported yet");
        break;
    case EX_SUBQUERY:
        diag_error(b->d, u->pos, "scalar subqueries are not supported yet");
        break;
    case EX_QUANTIFIED:
        diag_error(b->d, u->pos, "quantified comparisons (ANY/ALL) are not supported yet");
        break;
    default:
        diag_error(b->d, u->u.call.over->pos.line ? u->u.call.over->pos : u->pos,
                   "OVER windows are not supported yet");
        break;
    }
    return false;
}

bool bexpr_equal(const BExpr *x, const BExpr *y)
{
    if (x == y) return true;
    if (!x || !y) return false;
    if (x->kind != y->kind || x->type.kind != y->type.kind || x->n_args != y->n_args) return false;
    switch (x->kind) {
    case BX_LIT:
        if (x->u.lit.is_null || y->u.lit.is_null) return x->u.lit.is_null == y->u.lit.is_null;
        switch (x->type.kind) {
        case TY_BOOLEAN:
            if (x->u.lit.b != y->u.lit.b) return false;
            break;
        case TY_DOUBLE:
            if (memcmp(&x->u.lit.d, &y->u.lit.d, sizeof(double)) != 0) return false;
            break;
        case TY_VARCHAR:
            if (x->u.lit.slen != y->u.lit.slen ||
                memcmp(x->u.lit.s, y->u.lit.s, (size_t)x->u.lit.slen) != 0)
                return false;
            break;
        default:
            if (x->u.lit.i != y->u.lit.i) return false;
        }
        break;
    case BX_COL:
        if (x->u.index != y->u.index) return false;
        break;
    case BX_UNARY:
    case BX_BINARY:
        if (x->u.op != y->u.op) return false;
        break;
    case BX_IS_NULL:
    case BX_IN:
    case BX_LIKE:
        if (x->u.negated != y->u.negated) return false;
        break;
    case BX_CASE:
        if (x->u.has_else != y->u.has_else) return false;
        break;
    case BX_FUNC:
        if (x->u.fn != y->u.fn) return false;
        break;
    default:
        break;
    }
    for (int i = 0; i < x->n_args; i++)
        if (!bexpr_equal(x->args[i], y->args[i])) return false;
    return true;
}

uint64_t bexpr_hash(const BExpr *x)
{
    /* the fields bexpr_equal compares, so equal expressions hash alike */
    uint64_t h = (uint64_t)x->kind * 0x9e3779b97f4a7c15ULL ^ (uint64_t)x->type.kind << 8 ^
                 (uint64_t)x->n_args << 16;
    switch (x->kind) {
    case BX_LIT:
        if (x->u.lit.is_null) {
            h ^= 1;
        } else if (x->type.kind == TY_VARCHAR) {
            h = hmap_hash_bytes(x->u.lit.s, (size_t)x->u.lit.slen, h);
        } else if (x->type.kind == TY_DOUBLE) {
            uint64_t bits;
            memcpy(&bits, &x->u.lit.d, sizeof bits);
            h = hmap_hash_bytes(&bits, sizeof bits, h);
        } else {
            int64_t v = x->type.kind == TY_BOOLEAN ? x->u.lit.b : x->u.lit.i;
            h = hmap_hash_bytes(&v, sizeof v, h);
        }
        break;
    case BX_COL:
        h ^= (uint64_t)x->u.index << 24;
        break;
    case BX_UNARY:
    case BX_BINARY:
        h ^= (uint64_t)x->u.op << 24;
        break;
    case BX_IS_NULL:
    case BX_IN:
    case BX_LIKE:
        h ^= (uint64_t)x->u.negated << 24;
        break;
    case BX_CASE:
        h ^= (uint64_t)x->u.has_else << 24;
        break;
    case BX_FUNC:
        h ^= (uint64_t)x->u.fn << 24;
        break;
    default:
        break;
    }
    for (int i = 0; i < x->n_args; i++) h = hmap_hash_bytes(&h, sizeof h, bexpr_hash(x->args[i]));
    return h;
}
static BExpr *bind_literal(Binder *b, const Expr *e)
{
    BExpr *x;
    switch (e->kind) {
    case EX_NULL:
        x = bx_new(b, BX_LIT, TY_NULL, true, e->pos, 0);
        x->u.lit.is_null = true;
        return x;
    case EX_BOOL:
        x = bx_new(b, BX_LIT, TY_BOOLEAN, false, e->pos, 0);
        x->u.lit.b = e->u.bval;
        return x;
    case EX_INT:
        return bx_lit_int(b, e->u.ival >= INT32_MIN && e->u.ival <= INT32_MAX ? TY_INT : TY_BIGINT,
                          e->u.ival, e->pos);
    case EX_FLOAT:
        /* Flink types 1.5 as DECIMAL(2,1); sluice computes it as DOUBLE until
         * DECIMAL lands (README: differences from Flink). */
        x = bx_new(b, BX_LIT, TY_DOUBLE, false, e->pos, 0);
        x->u.lit.d = e->u.num.fval;
        return x;
    case EX_STRING:
        x = bx_new(b, BX_LIT, TY_VARCHAR, false, e->pos, 0);
        {
            size_t n;
            x->u.lit.s = ast_text_bytes(b->a, e->u.str, &n);
            x->u.lit.slen = (int64_t)n;
        }
        return x;
    case EX_INTERVAL:
        return bx_lit_int(b, TY_INTERVAL, e->u.interval_ms, e->pos);
    case EX_TIMESTAMP: {
        int64_t ms;
        if (!sl_ts_parse(e->u.str, strlen(e->u.str), &ms)) {
            diag_error(b->d, e->pos,
                       "invalid TIMESTAMP literal '%s' (expected 'YYYY-MM-DD HH:MM:SS[.fff]')",
                       e->u.str);
            return NULL;
        }
        return bx_lit_int(b, TY_TIMESTAMP, ms, e->pos);
    }
    default:
        return NULL;
    }
}

/* A comparison between a and b (already bound): coerces to the common type;
 * a string literal compared with a TIMESTAMP is parsed as one. */
static BExpr *make_compare(Binder *b, int op, BExpr *l, BExpr *r, SrcPos pos)
{
    for (int side = 0; side < 2; side++) {
        BExpr *ts = side ? r : l, *lit = side ? l : r;
        if (ts->type.kind == TY_TIMESTAMP && lit->kind == BX_LIT && lit->type.kind == TY_VARCHAR &&
            !lit->u.lit.is_null) {
            int64_t ms;
            if (!sl_ts_parse(lit->u.lit.s, (size_t)lit->u.lit.slen, &ms)) {
                diag_error(b->d, lit->pos, "cannot compare TIMESTAMP(3) with '%s': not a timestamp",
                           lit->u.lit.s);
                return NULL;
            }
            BExpr *n = bx_lit_int(b, TY_TIMESTAMP, ms, lit->pos);
            if (side)
                l = n;
            else
                r = n;
        }
    }
    TypeKind ct = common_type(l->type.kind, r->type.kind);
    if (ct == TY_UNKNOWN || ct == TY_INTERVAL) {
        diag_error(b->d, pos, "cannot compare %s with %s", type_name(l->type.kind),
                   type_name(r->type.kind));
        return NULL;
    }
    BExpr *x = bx_new(b, BX_BINARY, TY_BOOLEAN, l->type.nullable || r->type.nullable, pos, 2);
    x->u.op = op;
    x->args[0] = coerce(b, l, ct);
    x->args[1] = coerce(b, r, ct);
    return x;
}

static BExpr *make_bool_op(Binder *b, int op, BExpr *l, BExpr *r, SrcPos pos)
{
    for (int i = 0; i < 2; i++) {
        BExpr *x = i ? r : l;
        if (x->type.kind != TY_BOOLEAN && x->type.kind != TY_NULL) {
            diag_error(b->d, x->pos, "%s needs BOOLEAN operands, but this is %s",
                       op == BOP_AND ? "AND" : "OR", type_name(x->type.kind));
            return NULL;
        }
    }
    BExpr *x = bx_new(b, BX_BINARY, TY_BOOLEAN, l->type.nullable || r->type.nullable, pos, 2);
    x->u.op = op;
    x->args[0] = coerce(b, l, TY_BOOLEAN);
    x->args[1] = coerce(b, r, TY_BOOLEAN);
    return x;
}

static BExpr *make_not(Binder *b, BExpr *x, SrcPos pos)
{
    if (x->type.kind != TY_BOOLEAN && x->type.kind != TY_NULL) {
        diag_error(b->d, pos, "NOT needs a BOOLEAN operand, but this is %s",
                   type_name(x->type.kind));
        return NULL;
    }
    BExpr *n = bx_new(b, BX_UNARY, TY_BOOLEAN, x->type.nullable, pos, 1);
    n->u.op = UOP_NOT;
    n->args[0] = coerce(b, x, TY_BOOLEAN);
    return n;
}

static const char *bop_name(int op)
{
    static const char *const names[] = {"+", "-",  "*", "/",  "%",   "=",  "<>",
                                        "<", "<=", ">", ">=", "AND", "OR", "||"};
    return names[op];
}

static BExpr *make_binary(Binder *b, int op, BExpr *l, BExpr *r, SrcPos pos)
{
    switch (op) {
    case BOP_EQ:
    case BOP_NE:
    case BOP_LT:
    case BOP_LE:
    case BOP_GT:
    case BOP_GE:
        return make_compare(b, op, l, r, pos);
    case BOP_AND:
    case BOP_OR:
        return make_bool_op(b, op, l, r, pos);
    case BOP_CONCAT: {
        for (int i = 0; i < 2; i++) {
            BExpr *x = i ? r : l;
            if (x->type.kind != TY_VARCHAR && x->type.kind != TY_NULL) {
                diag_error(b->d, x->pos,
                           "|| needs string operands, but this is %s; use CAST(... AS "
                           "VARCHAR)",
                           type_name(x->type.kind));
                return NULL;
            }
        }
        BExpr *x = bx_new(b, BX_BINARY, TY_VARCHAR, l->type.nullable || r->type.nullable, pos, 2);
        x->u.op = op;
        x->args[0] = coerce(b, l, TY_VARCHAR);
        x->args[1] = coerce(b, r, TY_VARCHAR);
        return x;
    }
    default:
        break;
    }
    /* arithmetic */
    TypeKind lk = l->type.kind, rk = r->type.kind, res = TY_UNKNOWN;
    bool nullable = l->type.nullable || r->type.nullable;
    if (lk == TY_NULL && rk == TY_NULL) {
        lk = rk = TY_INT;
    } else if (lk == TY_NULL) {
        lk = rk;
    } else if (rk == TY_NULL) {
        rk = lk;
    }
    if (is_numeric(lk) && is_numeric(rk)) {
        res = numeric_join(lk, rk);
        if (op == BOP_MOD && res == TY_DOUBLE) {
            diag_error(b->d, pos, "%% needs integer operands, but got %s and %s", type_name(lk),
                       type_name(rk));
            return NULL;
        }
        /* x / 0 and x % 0 yield NULL (see README): the result may be NULL. */
        if (op == BOP_DIV || op == BOP_MOD) nullable = true;
        BExpr *x = bx_new(b, BX_BINARY, res, nullable, pos, 2);
        x->u.op = op;
        x->args[0] = coerce(b, l, res);
        x->args[1] = coerce(b, r, res);
        return x;
    }
    if (op == BOP_ADD || op == BOP_SUB) {
        if (lk == TY_TIMESTAMP && rk == TY_INTERVAL)
            res = TY_TIMESTAMP;
        else if (op == BOP_ADD && lk == TY_INTERVAL && rk == TY_TIMESTAMP)
            res = TY_TIMESTAMP;
        else if (lk == TY_INTERVAL && rk == TY_INTERVAL)
            res = TY_INTERVAL;
        if (res != TY_UNKNOWN) {
            BExpr *x = bx_new(b, BX_BINARY, res, nullable, pos, 2);
            x->u.op = op;
            x->args[0] = coerce(b, l, lk);
            x->args[1] = coerce(b, r, rk);
            return x;
        }
    }
    diag_error(b->d, pos, "operator %s cannot be applied to %s and %s", bop_name(op),
               type_name(l->type.kind), type_name(r->type.kind));
    return NULL;
}

static TypeKind cast_target(Binder *b, const AstType *t)
{
    TypeKind k;
    if (!cat_type_supported(b->d, t, &k)) return TY_UNKNOWN;
    return k;
}

bool cast_allowed(TypeKind from, TypeKind to)
{
    if (from == to || from == TY_NULL) return true;
    if (to == TY_VARCHAR) return from != TY_INTERVAL;
    if (from == TY_VARCHAR) return to != TY_INTERVAL;
    if (is_numeric(from) && is_numeric(to)) return true;
    if (is_numeric(from) && to == TY_BOOLEAN) return true;
    if (from == TY_BOOLEAN && is_numeric(to)) return true;
    if (from == TY_TIMESTAMP && to == TY_BIGINT) return true; /* epoch milliseconds */
    if (is_int_kind(from) && to == TY_TIMESTAMP) return true;
    return false;
}

BExpr *make_cast(Binder *b, BExpr *x, TypeKind to, SrcPos pos)
{
    if (!cast_allowed(x->type.kind, to)) {
        diag_error(b->d, pos, "cannot cast %s to %s", type_name(x->type.kind), type_name(to));
        return NULL;
    }
    if (x->type.kind == to) return x;
    if (x->kind == BX_LIT && x->u.lit.is_null) {
        x->type.kind = to;
        return x;
    }
    /* Casts that can fail at run time (string parsing, narrowing) give NULL
     * instead of failing the job (Flink's TRY_CAST behaviour; README). */
    bool can_fail = x->type.kind == TY_VARCHAR ||
                    (is_numeric(x->type.kind) && is_int_kind(to) && x->type.kind != to &&
                     !(is_int_kind(x->type.kind) && to == TY_BIGINT));
    BExpr *c = bx_new(b, BX_CAST, to, x->type.nullable || can_fail, pos, 1);
    c->args[0] = x;
    return c;
}

static BExpr *bind_case(Binder *b, Scope *s, const Expr *e)
{
    int n = e->u.case_.n_whens;
    bool has_else = e->u.case_.else_ != NULL;
    BExpr *x = bx_new(b, BX_CASE, TY_NULL, !has_else, e->pos, 2 * n + (has_else ? 1 : 0));
    x->u.has_else = has_else;
    BExpr *operand = NULL;
    if (e->u.case_.operand) FAIL_NULL(operand = bexpr_bind(b, s, e->u.case_.operand));
    TypeKind rt = TY_NULL;
    for (int i = 0; i < n; i++) {
        BExpr *w = bexpr_bind(b, s, e->u.case_.whens[i].when);
        FAIL_NULL(w);
        if (operand)
            FAIL_NULL(w = make_compare(b, BOP_EQ, operand, w, e->u.case_.whens[i].when->pos));
        if (w->type.kind != TY_BOOLEAN && w->type.kind != TY_NULL) {
            diag_error(b->d, e->u.case_.whens[i].when->pos,
                       "CASE WHEN condition must be BOOLEAN, but it is %s",
                       type_name(w->type.kind));
            return NULL;
        }
        x->args[2 * i] = coerce(b, w, TY_BOOLEAN);
        BExpr *t = bexpr_bind(b, s, e->u.case_.whens[i].then);
        FAIL_NULL(t);
        TypeKind nt = common_type(rt, t->type.kind);
        if (nt == TY_UNKNOWN) {
            diag_error(b->d, e->u.case_.whens[i].then->pos,
                       "CASE branches have incompatible types %s and %s", type_name(rt),
                       type_name(t->type.kind));
            return NULL;
        }
        rt = nt;
        x->args[2 * i + 1] = t;
        if (t->type.nullable) x->type.nullable = true;
    }
    if (has_else) {
        BExpr *t = bexpr_bind(b, s, e->u.case_.else_);
        FAIL_NULL(t);
        TypeKind nt = common_type(rt, t->type.kind);
        if (nt == TY_UNKNOWN) {
            diag_error(b->d, e->u.case_.else_->pos,
                       "CASE branches have incompatible types %s and %s", type_name(rt),
                       type_name(t->type.kind));
            return NULL;
        }
        rt = nt;
        x->args[2 * n] = t;
        if (t->type.nullable) x->type.nullable = true;
    }
    if (rt == TY_NULL) rt = TY_INT; /* CASE WHEN .. THEN NULL END: Flink rejects; we pick INT */
    x->type.kind = rt;
    for (int i = 0; i < n; i++) x->args[2 * i + 1] = coerce(b, x->args[2 * i + 1], rt);
    if (has_else) x->args[2 * n] = coerce(b, x->args[2 * n], rt);
    return x;
}

typedef struct FnInfo {
    const char *name;
    ScalarFn fn;
    int min_args, max_args;
} FnInfo;

static const FnInfo scalar_fns[] = {
    {"UPPER", FN_UPPER, 1, 1},
    {"LOWER", FN_LOWER, 1, 1},
    {"TRIM", FN_TRIM, 1, 2},
    {"LTRIM", FN_LTRIM, 1, 2},
    {"RTRIM", FN_RTRIM, 1, 2},
    {"SUBSTRING", FN_SUBSTRING, 2, 3},
    {"SUBSTR", FN_SUBSTRING, 2, 3},
    {"CHAR_LENGTH", FN_CHAR_LENGTH, 1, 1},
    {"CHARACTER_LENGTH", FN_CHAR_LENGTH, 1, 1},
    {"CONCAT", FN_CONCAT, 1, 64},
    {"ABS", FN_ABS, 1, 1},
    {"ROUND", FN_ROUND, 1, 2},
    {"FLOOR", FN_FLOOR, 1, 1},
    {"CEIL", FN_CEIL, 1, 1},
    {"CEILING", FN_CEIL, 1, 1},
    {"MOD", FN_MOD, 2, 2},
    {"COALESCE", FN_COALESCE, 1, 64},
};

/* Flink's other built-in scalar functions (its "System (Built-in)
 * Functions" page): a call is "not supported yet" rather than unknown. */
static const char *const flink_fns[] = {"ACOS",
                                        "ARRAY_CONCAT",
                                        "ARRAY_CONTAINS",
                                        "ARRAY_DISTINCT",
                                        "ARRAY_JOIN",
                                        "ARRAY_MAX",
                                        "ARRAY_MIN",
                                        "ARRAY_POSITION",
                                        "ARRAY_REMOVE",
                                        "ARRAY_REVERSE",
                                        "ARRAY_SLICE",
                                        "ARRAY_SORT",
                                        "ARRAY_UNION",
                                        "ASCII",
                                        "ASIN",
                                        "ATAN",
                                        "ATAN2",
                                        "BIN",
                                        "BTRIM",
                                        "CARDINALITY",
                                        "CHR",
                                        "CONCAT_WS",
                                        "CONVERT_TZ",
                                        "COS",
                                        "COSH",
                                        "COT",
                                        "CURRENT_DATABASE",
                                        "CURRENT_ROW_TIMESTAMP",
                                        "CURRENT_WATERMARK",
                                        "DATE_FORMAT",
                                        "DAYOFMONTH",
                                        "DAYOFWEEK",
                                        "DAYOFYEAR",
                                        "DECODE",
                                        "DEGREES",
                                        "E",
                                        "ELEMENT",
                                        "ELT",
                                        "ENCODE",
                                        "EXP",
                                        "EXTRACT",
                                        "FROM_BASE64",
                                        "FROM_UNIXTIME",
                                        "GREATEST",
                                        "HASH_CODE",
                                        "HEX",
                                        "HOUR",
                                        "IF",
                                        "IFNULL",
                                        "INITCAP",
                                        "INSTR",
                                        "IS_ALPHA",
                                        "IS_DECIMAL",
                                        "IS_DIGIT",
                                        "JSON_ARRAY",
                                        "JSON_ARRAYAGG",
                                        "JSON_EXISTS",
                                        "JSON_OBJECT",
                                        "JSON_OBJECTAGG",
                                        "JSON_QUERY",
                                        "JSON_QUOTE",
                                        "JSON_STRING",
                                        "JSON_UNQUOTE",
                                        "JSON_VALUE",
                                        "LEAST",
                                        "LEFT",
                                        "LN",
                                        "LOCATE",
                                        "LOG",
                                        "LOG10",
                                        "LOG2",
                                        "LPAD",
                                        "MAP_ENTRIES",
                                        "MAP_FROM_ARRAYS",
                                        "MAP_KEYS",
                                        "MAP_UNION",
                                        "MAP_VALUES",
                                        "MD5",
                                        "MINUTE",
                                        "MONTH",
                                        "NOW",
                                        "NULLIF",
                                        "OVERLAY",
                                        "PARSE_URL",
                                        "PI",
                                        "POSITION",
                                        "POWER",
                                        "PRINTF",
                                        "PROCTIME",
                                        "QUARTER",
                                        "RADIANS",
                                        "RAND",
                                        "RAND_INTEGER",
                                        "REGEXP",
                                        "REGEXP_EXTRACT",
                                        "REGEXP_REPLACE",
                                        "REPEAT",
                                        "REPLACE",
                                        "REVERSE",
                                        "RIGHT",
                                        "RPAD",
                                        "SECOND",
                                        "SHA1",
                                        "SHA2",
                                        "SHA224",
                                        "SHA256",
                                        "SHA384",
                                        "SHA512",
                                        "SIGN",
                                        "SIN",
                                        "SINH",
                                        "SPLIT",
                                        "SPLIT_INDEX",
                                        "SQRT",
                                        "STR_TO_MAP",
                                        "TAN",
                                        "TANH",
                                        "TIMESTAMPADD",
                                        "TIMESTAMPDIFF",
                                        "TO_BASE64",
                                        "TO_DATE",
                                        "TO_TIMESTAMP",
                                        "TO_TIMESTAMP_LTZ",
                                        "TRANSLATE",
                                        "TRUNCATE",
                                        "TYPEOF",
                                        "UNHEX",
                                        "UNIX_TIMESTAMP",
                                        "URL_DECODE",
                                        "URL_ENCODE",
                                        "UUID",
                                        "WEEK",
                                        "YEAR"};

static bool is_flink_fn(const char *name)
{
    for (size_t i = 0; i < sizeof flink_fns / sizeof *flink_fns; i++)
        if (strcasecmp(name, flink_fns[i]) == 0) return true;
    return false;
}

static bool need_kind(Binder *b, BExpr *x, bool ok, const char *fn, const char *what)
{
    if (!ok) {
        diag_error(b->d, x->pos, "%s needs %s, but this argument is %s", fn, what,
                   type_name(x->type.kind));
        return false;
    }
    return true;
}

/* Checks that arguments a[from..to) are strings (or NULL) and coerces them
 * to VARCHAR; reports the first that is not. */
static bool need_strings(Binder *b, BExpr **a, int from, int to, const char *fn, const char *what)
{
    for (int i = from; i < to; i++) {
        if (!need_kind(b, a[i], a[i]->type.kind == TY_VARCHAR || a[i]->type.kind == TY_NULL, fn,
                       what))
            return false;
        a[i] = coerce(b, a[i], TY_VARCHAR);
    }
    return true;
}

static BExpr *bind_call(Binder *b, Scope *s, const Expr *e)
{
    const char *name = e->u.call.name;
    if (e->u.call.over) {
        diag_error(b->d, e->u.call.over->pos.line ? e->u.call.over->pos : e->pos,
                   "OVER windows are not supported yet");
        return NULL;
    }
    if (is_agg_name(name)) {
        diag_error(b->d, e->pos, "aggregate function %s is not allowed in %s", name,
                   s->clause ? s->clause : "this context");
        return NULL;
    }
    if (e->u.call.filter || e->u.call.within.n) {
        diag_error(b->d, e->pos, "%s is only valid for aggregate functions",
                   e->u.call.filter ? "FILTER (WHERE ...)" : "WITHIN GROUP");
        return NULL;
    }
    if (strcasecmp(name, "ARRAY") == 0 || strcasecmp(name, "MAP") == 0 ||
        strcasecmp(name, "ROW") == 0) {
        diag_error(b->d, e->pos, "type %s is not supported yet",
                   strcasecmp(name, "ARRAY") == 0 ? "ARRAY"
                   : strcasecmp(name, "MAP") == 0 ? "MAP"
                                                  : "ROW");
        return NULL;
    }
    if (strcasecmp(name, "ITEM") == 0) {
        diag_error(b->d, e->pos, "subscripts (x[i]) are not supported yet");
        return NULL;
    }
    const FnInfo *fi = NULL;
    for (size_t i = 0; i < sizeof scalar_fns / sizeof *scalar_fns; i++)
        if (strcasecmp(name, scalar_fns[i].name) == 0) fi = &scalar_fns[i];
    if (!fi) {
        enum {
            N_SCALAR = sizeof scalar_fns / sizeof *scalar_fns,
            N_AGG = sizeof agg_names / sizeof *agg_names
        };
        const char *cands[N_SCALAR + N_AGG];
        int n = 0;
        for (size_t i = 0; i < N_SCALAR; i++) cands[n++] = scalar_fns[i].name;
        for (size_t i = 0; i < N_AGG; i++) cands[n++] = agg_names[i];
        const char *sug = diag_suggest(name, cands, n);
        static const char *const legacy[] = {"TUMBLE", "HOP", "SESSION", "CUMULATE"};
        static const char *const parts[] = {"_START", "_END", "_ROWTIME", "_PROCTIME"};
        bool is_tvf = false, is_part = false;
        for (int i = 0; i < 4; i++) {
            size_t ln = strlen(legacy[i]);
            if (strcasecmp(name, legacy[i]) == 0) is_tvf = true;
            for (int j = 0; j < 4; j++)
                if (strncasecmp(name, legacy[i], ln) == 0 && strcasecmp(name + ln, parts[j]) == 0)
                    is_part = true;
        }
        if (is_tvf)
            diag_error(b->d, e->pos,
                       "%s(...) here is a group window: it belongs in GROUP BY (or use the "
                       "window table function FROM TABLE(%s(TABLE t, DESCRIPTOR(ts), INTERVAL "
                       "...)))",
                       name, name);
        else if (is_part)
            diag_error(b->d, e->pos,
                       "%s(...) is only valid in a query that groups by the matching group "
                       "window (GROUP BY TUMBLE|HOP|SESSION(ts, ...))",
                       name);
        else if (is_flink_fn(name))
            diag_error(b->d, e->pos, "function %s is not supported yet", name);
        else if (sug)
            diag_error(b->d, e->pos, "unknown function '%s'; did you mean '%s'?", name, sug);
        else
            diag_error(b->d, e->pos, "unknown function '%s'", name);
        return NULL;
    }
    if (e->u.call.star || e->u.call.distinct) {
        diag_error(b->d, e->pos, "%s(%s...) is only valid for aggregate functions", fi->name,
                   e->u.call.star ? "*" : "DISTINCT ");
        return NULL;
    }
    int n = e->u.call.args.n;
    if (n < fi->min_args || n > fi->max_args) {
        if (fi->min_args == fi->max_args)
            diag_error(b->d, e->pos, "%s takes %d argument%s, but %d %s given", fi->name,
                       fi->min_args, fi->min_args == 1 ? "" : "s", n, n == 1 ? "was" : "were");
        else
            diag_error(b->d, e->pos, "%s takes %d to %d arguments, but %d %s given", fi->name,
                       fi->min_args, fi->max_args, n, n == 1 ? "was" : "were");
        return NULL;
    }
    BExpr *x = bx_new(b, BX_FUNC, TY_UNKNOWN, false, e->pos, n);
    x->u.fn = fi->fn;
    bool any_null = false;
    for (int i = 0; i < n; i++) {
        FAIL_NULL(x->args[i] = bexpr_bind(b, s, e->u.call.args.v[i]));
        if (x->args[i]->type.nullable) any_null = true;
    }
    x->type.nullable = any_null;
    BExpr **a = x->args;
    switch (fi->fn) {
    case FN_UPPER:
    case FN_LOWER:
    case FN_TRIM:
    case FN_LTRIM:
    case FN_RTRIM:
        FAIL_NULL(need_strings(b, a, 0, n, fi->name, "a string"));
        x->type.kind = TY_VARCHAR;
        break;
    case FN_SUBSTRING:
        FAIL_NULL(need_strings(b, a, 0, 1, fi->name, "a string"));
        for (int i = 1; i < n; i++) {
            FAIL_NULL(need_kind(b, a[i], is_int_kind(a[i]->type.kind) || a[i]->type.kind == TY_NULL,
                                fi->name, "an integer position/length"));
            a[i] = coerce(b, a[i], TY_BIGINT);
        }
        /* Flink: a negative length gives NULL, so SUBSTRING(s, p, len) may be
         * NULL unless len is a non-negative literal (codegen checks len < 0).
         * (Fix: was nullable only with a nullable argument.) */
        if (n == 3) {
            const Expr *le = e->u.call.args.v[2];
            if (!(le->kind == EX_INT && le->u.ival >= 0)) x->type.nullable = true;
        }
        x->type.kind = TY_VARCHAR;
        break;
    case FN_CHAR_LENGTH:
        FAIL_NULL(need_strings(b, a, 0, 1, fi->name, "a string"));
        x->type.kind = TY_INT;
        break;
    case FN_CONCAT:
        FAIL_NULL(need_strings(b, a, 0, n, fi->name, "strings"));
        x->type.kind = TY_VARCHAR;
        break;
    case FN_ABS:
    case FN_FLOOR:
    case FN_CEIL:
        FAIL_NULL(need_kind(b, a[0], is_numeric(a[0]->type.kind) || a[0]->type.kind == TY_NULL,
                            fi->name, "a number"));
        x->type.kind = a[0]->type.kind == TY_NULL     ? TY_INT
                       : is_int_kind(a[0]->type.kind) ? numeric_join(a[0]->type.kind, TY_INT)
                                                      : TY_DOUBLE;
        a[0] = coerce(b, a[0], x->type.kind);
        break;
    case FN_ROUND:
        FAIL_NULL(need_kind(b, a[0], is_numeric(a[0]->type.kind) || a[0]->type.kind == TY_NULL,
                            fi->name, "a number"));
        x->type.kind = a[0]->type.kind == TY_NULL     ? TY_INT
                       : is_int_kind(a[0]->type.kind) ? numeric_join(a[0]->type.kind, TY_INT)
                                                      : TY_DOUBLE;
        a[0] = coerce(b, a[0], x->type.kind);
        if (n == 2) {
            FAIL_NULL(need_kind(b, a[1], is_int_kind(a[1]->type.kind) || a[1]->type.kind == TY_NULL,
                                fi->name, "an integer number of digits"));
            a[1] = coerce(b, a[1], TY_INT);
        }
        break;
    case FN_MOD:
        for (int i = 0; i < 2; i++)
            FAIL_NULL(need_kind(b, a[i], is_int_kind(a[i]->type.kind) || a[i]->type.kind == TY_NULL,
                                fi->name, "integers"));
        x->type.kind = numeric_join(a[0]->type.kind == TY_NULL ? TY_INT : a[0]->type.kind,
                                    a[1]->type.kind == TY_NULL ? TY_INT : a[1]->type.kind);
        a[0] = coerce(b, a[0], x->type.kind);
        a[1] = coerce(b, a[1], x->type.kind);
        x->type.nullable = true; /* MOD(x, 0) is NULL */
        break;
    case FN_IS_DISTINCT:
    case FN_NOT_NULL:
        abort(); /* built by the binder, never looked up by name */
    case FN_COALESCE: {
        TypeKind t = TY_NULL;
        bool all_nullable = true;
        for (int i = 0; i < n; i++) {
            TypeKind nt = common_type(t, a[i]->type.kind);
            if (nt == TY_UNKNOWN) {
                diag_error(b->d, a[i]->pos, "COALESCE arguments have incompatible types %s and %s",
                           type_name(t), type_name(a[i]->type.kind));
                return NULL;
            }
            t = nt;
            if (!a[i]->type.nullable) all_nullable = false;
        }
        if (t == TY_NULL) t = TY_INT;
        for (int i = 0; i < n; i++) a[i] = coerce(b, a[i], t);
        x->type.kind = t;
        x->type.nullable = all_nullable;
        break;
    }
    }
    return x;
}

BExpr *bexpr_bind_node(Binder *b, Scope *s, const Expr *e)
{
    BExpr *x, *l, *r;
    switch (e->kind) {
    case EX_NULL:
    case EX_BOOL:
    case EX_INT:
    case EX_FLOAT:
    case EX_STRING:
    case EX_INTERVAL:
    case EX_TIMESTAMP:
        return bind_literal(b, e);
    case EX_TYPED_LIT:
        /* DATE '...', TIME '...': the types are not supported yet */
        diag_error(b->d, e->pos,
                   "type %s is not supported yet (supported: BOOLEAN, TINYINT, "
                   "SMALLINT, INT, BIGINT, FLOAT, DOUBLE, VARCHAR/STRING, TIMESTAMP(3))",
                   e->u.typed.type);
        return NULL;
    case EX_COLUMN:
        return scope_column(b, s, e);
    case EX_IN_QUERY:
    case EX_EXISTS:
    case EX_SUBQUERY:
    case EX_QUANTIFIED:
        bexpr_check_supported(b, e);
        return NULL;
    case EX_IS_BOOL: {
        /* x IS TRUE: x = TRUE and not NULL; IS UNKNOWN: IS NULL */
        FAIL_NULL(l = bexpr_bind(b, s, e->u.is_bool.x));
        if (l->type.kind != TY_BOOLEAN && l->type.kind != TY_NULL) {
            diag_error(b->d, e->u.is_bool.x->pos, "IS %s needs a BOOLEAN operand, but this is %s",
                       e->u.is_bool.what > 0    ? "TRUE"
                       : e->u.is_bool.what == 0 ? "FALSE"
                                                : "UNKNOWN",
                       type_name(l->type.kind));
            return NULL;
        }
        l = coerce(b, l, TY_BOOLEAN);
        if (e->u.is_bool.what < 0) {
            x = bx_new(b, BX_IS_NULL, TY_BOOLEAN, false, e->pos, 1);
            x->u.negated = e->u.is_bool.negated;
            x->args[0] = l;
            return x;
        }
        /* COALESCE(x, NOT want) = want, never NULL; NOT flips it */
        BExpr *want = bx_new(b, BX_LIT, TY_BOOLEAN, false, e->pos, 0);
        want->u.lit.b = e->u.is_bool.what > 0;
        BExpr *other = bx_new(b, BX_LIT, TY_BOOLEAN, false, e->pos, 0);
        other->u.lit.b = !want->u.lit.b;
        BExpr *co = bx_new(b, BX_FUNC, TY_BOOLEAN, false, e->pos, 2);
        co->u.fn = FN_COALESCE;
        co->args[0] = l;
        co->args[1] = other;
        x = bx_new(b, BX_BINARY, TY_BOOLEAN, false, e->pos, 2);
        x->u.op = e->u.is_bool.negated ? BOP_NE : BOP_EQ;
        x->args[0] = co;
        x->args[1] = want;
        return x;
    }
    case EX_IS_DISTINCT: {
        FAIL_NULL(l = bexpr_bind(b, s, e->u.binary.l));
        FAIL_NULL(r = bexpr_bind(b, s, e->u.binary.r));
        TypeKind ct = common_type(l->type.kind, r->type.kind);
        if (ct == TY_UNKNOWN || ct == TY_INTERVAL) {
            diag_error(b->d, e->pos, "cannot compare %s with %s", type_name(l->type.kind),
                       type_name(r->type.kind));
            return NULL;
        }
        if (ct == TY_NULL) ct = TY_INT;
        x = bx_new(b, BX_FUNC, TY_BOOLEAN, false, e->pos, 2);
        x->u.fn = FN_IS_DISTINCT;
        x->args[0] = coerce(b, l, ct);
        x->args[1] = coerce(b, r, ct);
        if (!e->u.binary.negated) return x;
        return make_not(b, x, e->pos);
    }
    case EX_STAR:
        diag_error(b->d, e->pos, "'*' is only allowed in the SELECT list or COUNT(*)");
        return NULL;
    case EX_UNARY:
        FAIL_NULL(l = bexpr_bind(b, s, e->u.unary.x));
        if (e->u.unary.op == UOP_NOT) return make_not(b, l, e->pos);
        if (!is_numeric(l->type.kind) && l->type.kind != TY_INTERVAL && l->type.kind != TY_NULL) {
            diag_error(b->d, e->pos, "unary %s needs a number, but got %s",
                       e->u.unary.op == UOP_NEG ? "-" : "+", type_name(l->type.kind));
            return NULL;
        }
        if (e->u.unary.op == UOP_PLUS) return l;
        {
            TypeKind k = l->type.kind == TY_NULL     ? TY_INT
                         : is_int_kind(l->type.kind) ? numeric_join(l->type.kind, TY_INT)
                                                     : l->type.kind;
            x = bx_new(b, BX_UNARY, k, l->type.nullable, e->pos, 1);
            x->u.op = UOP_NEG;
            x->args[0] = coerce(b, l, k);
        }
        return x;
    case EX_BINARY:
        FAIL_NULL(l = bexpr_bind(b, s, e->u.binary.l));
        FAIL_NULL(r = bexpr_bind(b, s, e->u.binary.r));
        return make_binary(b, e->u.binary.op, l, r, e->pos);
    case EX_IS_NULL:
        FAIL_NULL(l = bexpr_bind(b, s, e->u.is_null.x));
        x = bx_new(b, BX_IS_NULL, TY_BOOLEAN, false, e->pos, 1);
        x->u.negated = e->u.is_null.negated;
        x->args[0] = l;
        return x;
    case EX_BETWEEN: {
        BExpr *v, *lo, *hi;
        FAIL_NULL(v = bexpr_bind(b, s, e->u.between.x));
        FAIL_NULL(lo = bexpr_bind(b, s, e->u.between.lo));
        FAIL_NULL(hi = bexpr_bind(b, s, e->u.between.hi));
        FAIL_NULL(l = make_compare(b, BOP_GE, v, lo, e->pos));
        FAIL_NULL(r = make_compare(b, BOP_LE, v, hi, e->pos));
        FAIL_NULL(x = make_bool_op(b, BOP_AND, l, r, e->pos));
        return e->u.between.negated ? make_not(b, x, e->pos) : x;
    }
    case EX_IN: {
        int n = e->u.in.list.n;
        FAIL_NULL(l = bexpr_bind(b, s, e->u.in.x));
        x = bx_new(b, BX_IN, TY_BOOLEAN, l->type.nullable, e->pos, n + 1);
        x->u.negated = e->u.in.negated;
        TypeKind ct = l->type.kind;
        for (int i = 0; i < n; i++) {
            FAIL_NULL(r = bexpr_bind(b, s, e->u.in.list.v[i]));
            TypeKind nt = common_type(ct, r->type.kind);
            if (nt == TY_UNKNOWN || nt == TY_INTERVAL) {
                diag_error(b->d, r->pos, "IN list value of type %s cannot be compared with %s",
                           type_name(r->type.kind), type_name(ct));
                return NULL;
            }
            ct = nt;
            if (r->type.nullable) x->type.nullable = true;
            x->args[i + 1] = r;
        }
        if (ct == TY_NULL) ct = TY_INT;
        x->args[0] = coerce(b, l, ct);
        for (int i = 1; i <= n; i++) x->args[i] = coerce(b, x->args[i], ct);
        return x;
    }
    case EX_LIKE: {
        int n = e->u.like.escape ? 3 : 2;
        x = bx_new(b, BX_LIKE, TY_BOOLEAN, false, e->pos, n);
        x->u.negated = e->u.like.negated;
        const Expr *parts[3] = {e->u.like.x, e->u.like.pattern, e->u.like.escape};
        for (int i = 0; i < n; i++) {
            FAIL_NULL(r = bexpr_bind(b, s, parts[i]));
            if (r->type.kind != TY_VARCHAR && r->type.kind != TY_NULL) {
                diag_error(b->d, r->pos, "LIKE needs strings, but this is %s",
                           type_name(r->type.kind));
                return NULL;
            }
            if (r->type.nullable) x->type.nullable = true;
            x->args[i] = coerce(b, r, TY_VARCHAR);
        }
        if (n == 3) {
            BExpr *esc = x->args[2];
            if (esc->kind != BX_LIT || esc->u.lit.is_null || esc->u.lit.slen != 1) {
                diag_error(b->d, esc->pos, "ESCAPE must be a string literal of one character");
                return NULL;
            }
        }
        return x;
    }
    case EX_CASE:
        return bind_case(b, s, e);
    case EX_CAST: {
        FAIL_NULL(l = bexpr_bind(b, s, e->u.cast.x));
        TypeKind to = cast_target(b, &e->u.cast.type);
        if (to == TY_UNKNOWN) return NULL;
        return make_cast(b, l, to, e->pos);
    }
    case EX_CALL:
        return bind_call(b, s, e);
    }
    return NULL;
}

BExpr *bexpr_bind_row(Binder *b, Scope *s, const Expr *e)
{
    AggCtx *agg = s->agg;
    s->agg = NULL;
    BExpr *x = bexpr_bind_node(b, s, e);
    s->agg = agg;
    return x;
}

BExpr *bexpr_bind(Binder *b, Scope *s, const Expr *e)
{
    if (s->agg) {
        bool handled = false;
        BExpr *x = sel_bind_agg(b, s, e, &handled);
        if (handled) return x;
    }
    return bexpr_bind_node(b, s, e);
}

BExpr *bexpr_condition(Binder *b, Scope *s, const Expr *e)
{
    BExpr *x = bexpr_bind(b, s, e);
    if (!x) return NULL;
    if (x->type.kind != TY_BOOLEAN && x->type.kind != TY_NULL) {
        diag_error(b->d, e->pos, "%s condition must be BOOLEAN, but it is %s", s->clause,
                   type_name(x->type.kind));
        return NULL;
    }
    return coerce(b, x, TY_BOOLEAN);
}

bool bexpr_const_interval(Binder *b, Scope *s, const Expr *e, const char *what, int64_t *ms)
{
    BExpr *x = s ? bexpr_bind_row(b, s, e) : NULL;
    if (!s) {
        Op dummy = {0};
        Scope empty = {.in = &dummy, .hidden = NULL, .clause = what};
        x = bexpr_bind_row(b, &empty, e);
    }
    if (!x) return false;
    x = opt_fold(b->a, x);
    if (x->kind != BX_LIT || x->type.kind != TY_INTERVAL || x->u.lit.is_null) {
        diag_error(b->d, e->pos, "%s must be a constant INTERVAL", what);
        return false;
    }
    *ms = x->u.lit.i;
    return true;
}

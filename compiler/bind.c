/* bind.c - name resolution, type checking and planning of queries.
 *
 * Input: the AST of a whole file. Output: a Plan (plan.h): the catalog of
 * declared tables and, per INSERT / CREATE ... AS SELECT, a linear Query.
 *
 * Type rules follow Flink SQL (Calcite): integer literals are INT when they
 * fit, else BIGINT; arithmetic widens to the larger operand type
 * (TINYINT/SMALLINT compute as INT); `/` on integers is integer division;
 * comparisons need comparable types; AND/OR/NOT need BOOLEAN; `||` needs
 * strings; CASE and COALESCE take the common type of their branches;
 * COUNT is BIGINT NOT NULL; SUM/MIN/MAX/AVG return their argument's type
 * (so AVG over an integer column truncates, as in Flink).
 *
 * Aggregate context (a grouped query): an expression in SELECT or HAVING is
 * valid when it is an aggregate call, equals a GROUP BY expression, or is
 * built from valid expressions and constants. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"
#include "hmap.h"
#include "plan.h"
#include "sluice_rt.h"

typedef struct Binder {
    Arena *a;
    Diag *d;
    Plan *plan;
} Binder;

/* Name scope of one query. */
typedef struct Scope {
    Table *t;
    const char *qual; /* alias, or the table name */
    bool tvf;         /* FROM TABLE(TUMBLE(...)): window columns exist */
    /* aggregate context */
    bool agg;
    Query *q;
    bool win_start_key; /* GROUP BY includes window_start */
    bool win_end_key;
    const char *clause; /* "WHERE", "GROUP BY", ... for messages */
} Scope;

/* Appends x to the arena array arr of length n, doubling its capacity at
 * powers of two (the old array is abandoned in the arena). */
#define PUSH(a, arr, n, x)                                                                         \
    do {                                                                                           \
        if (((n) & ((n)-1)) == 0) {                                                                \
            void *nv_ = arena_alloc((a), sizeof(*(arr)) * (size_t)((n) ? 2 * (n) : 4));            \
            if (n) memcpy(nv_, (arr), sizeof(*(arr)) * (size_t)(n));                               \
            (arr) = nv_;                                                                           \
        }                                                                                          \
        (arr)[(n)++] = (x);                                                                        \
    } while (0)

#define FAIL_NULL(x)                                                                               \
    do {                                                                                           \
        if (!(x)) return NULL;                                                                     \
    } while (0)

/* ---- helpers ------------------------------------------------------------------ */

static bool is_int_kind(TypeKind k)
{
    return k == TY_TINYINT || k == TY_SMALLINT || k == TY_INT || k == TY_BIGINT;
}

static bool is_numeric(TypeKind k)
{
    return is_int_kind(k) || k == TY_DOUBLE || k == TY_FLOAT;
}

static BExpr *bx_new(Binder *b, BExprKind kind, TypeKind ty, bool nullable, SrcPos pos, int n_args)
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

static BExpr *bx_lit_int(Binder *b, TypeKind ty, int64_t v, SrcPos pos)
{
    BExpr *e = bx_new(b, BX_LIT, ty, false, pos, 0);
    e->u.lit.i = v;
    return e;
}

/* Result kind of combining two numeric kinds (Flink widening, with the small
 * integer types computing as INT). */
static TypeKind numeric_join(TypeKind x, TypeKind y)
{
    if (x == TY_DOUBLE || y == TY_DOUBLE || x == TY_FLOAT || y == TY_FLOAT) return TY_DOUBLE;
    if (x == TY_BIGINT || y == TY_BIGINT) return TY_BIGINT;
    return TY_INT;
}

/* Common type of x and y for comparison, CASE, COALESCE, IN; TY_UNKNOWN when
 * there is none. TY_NULL joins with anything. */
static TypeKind common_type(TypeKind x, TypeKind y)
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
static BExpr *coerce(Binder *b, BExpr *e, TypeKind kind)
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

static bool contains_agg_call(const Expr *e);

/* Does the call name an aggregate function? */
static bool is_agg_name(const char *n)
{
    static const char *const aggs[] = {"COUNT", "SUM", "AVG", "MIN", "MAX"};
    for (size_t i = 0; i < 5; i++)
        if (strcasecmp(n, aggs[i]) == 0) return true;
    return false;
}

/* Iterative over the left spine would be nicer, but the parser bounds
 * nesting depth (PARSE_MAX_DEPTH), so plain recursion is safe here. */
static bool contains_agg_call(const Expr *e)
{
    if (!e) return false;
    switch (e->kind) {
    case EX_CALL:
        /* with OVER, FILTER or WITHIN GROUP the call is reported as not
         * supported when it is bound */
        if (e->u.call.over || e->u.call.filter || e->u.call.within.n) return false;
        if (is_agg_name(e->u.call.name)) return true;
        for (int i = 0; i < e->u.call.args.n; i++)
            if (contains_agg_call(e->u.call.args.v[i])) return true;
        return false;
    case EX_UNARY:
        return contains_agg_call(e->u.unary.x);
    case EX_BINARY:
        return contains_agg_call(e->u.binary.l) || contains_agg_call(e->u.binary.r);
    case EX_IS_NULL:
        return contains_agg_call(e->u.is_null.x);
    case EX_BETWEEN:
        return contains_agg_call(e->u.between.x) || contains_agg_call(e->u.between.lo) ||
               contains_agg_call(e->u.between.hi);
    case EX_IN:
        if (contains_agg_call(e->u.in.x)) return true;
        for (int i = 0; i < e->u.in.list.n; i++)
            if (contains_agg_call(e->u.in.list.v[i])) return true;
        return false;
    case EX_LIKE:
        return contains_agg_call(e->u.like.x) || contains_agg_call(e->u.like.pattern) ||
               contains_agg_call(e->u.like.escape);
    case EX_CASE:
        if (contains_agg_call(e->u.case_.operand) || contains_agg_call(e->u.case_.else_))
            return true;
        for (int i = 0; i < e->u.case_.n_whens; i++)
            if (contains_agg_call(e->u.case_.whens[i].when) ||
                contains_agg_call(e->u.case_.whens[i].then))
                return true;
        return false;
    case EX_CAST:
        return contains_agg_call(e->u.cast.x);
    default:
        return false;
    }
}

/* The first aggregate call in e (pre-order, left to right); e must contain
 * one (contains_agg_call). */
static const Expr *first_agg_call(const Expr *e)
{
    const Expr *kids[8];
    int n = 0;
    switch (e->kind) {
    case EX_CALL:
        if (is_agg_name(e->u.call.name)) return e;
        for (int i = 0; i < e->u.call.args.n; i++)
            if (contains_agg_call(e->u.call.args.v[i])) return first_agg_call(e->u.call.args.v[i]);
        return e;
    case EX_UNARY:
        kids[n++] = e->u.unary.x;
        break;
    case EX_BINARY:
        kids[n++] = e->u.binary.l;
        kids[n++] = e->u.binary.r;
        break;
    case EX_IS_NULL:
        kids[n++] = e->u.is_null.x;
        break;
    case EX_BETWEEN:
        kids[n++] = e->u.between.x;
        kids[n++] = e->u.between.lo;
        kids[n++] = e->u.between.hi;
        break;
    case EX_IN:
        if (contains_agg_call(e->u.in.x)) return first_agg_call(e->u.in.x);
        for (int i = 0; i < e->u.in.list.n; i++)
            if (contains_agg_call(e->u.in.list.v[i])) return first_agg_call(e->u.in.list.v[i]);
        return e;
    case EX_LIKE:
        kids[n++] = e->u.like.x;
        kids[n++] = e->u.like.pattern;
        kids[n++] = e->u.like.escape;
        break;
    case EX_CASE:
        if (contains_agg_call(e->u.case_.operand)) return first_agg_call(e->u.case_.operand);
        for (int i = 0; i < e->u.case_.n_whens; i++) {
            if (contains_agg_call(e->u.case_.whens[i].when))
                return first_agg_call(e->u.case_.whens[i].when);
            if (contains_agg_call(e->u.case_.whens[i].then))
                return first_agg_call(e->u.case_.whens[i].then);
        }
        kids[n++] = e->u.case_.else_;
        break;
    case EX_CAST:
        kids[n++] = e->u.cast.x;
        break;
    default:
        break;
    }
    for (int i = 0; i < n; i++)
        if (contains_agg_call(kids[i])) return first_agg_call(kids[i]);
    return e;
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
    case BX_KEY:
    case BX_AGG:
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
    case BX_KEY:
    case BX_AGG:
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

/* ---- DDL ------------------------------------------------------------------- */

static BExpr *bind_row(Binder *b, Scope *s, const Expr *e);

/* A new table named as in st, with n_cols zeroed columns (arena-owned). */
static Table *new_table(Binder *b, const Stmt *st, int n_cols)
{
    Table *t = arena_alloc(b->a, sizeof *t);
    t->name = st->name;
    t->pos = st->name_pos;
    t->is_stream = st->is_stream;
    t->wm_col = -1;
    t->source_index = t->sink_index = -1;
    t->n_cols = n_cols;
    t->cols = arena_alloc(b->a, sizeof(Column) * (size_t)(n_cols ? n_cols : 1));
    t->col_used = arena_alloc(b->a, sizeof(bool) * (size_t)(n_cols ? n_cols : 1));
    return t;
}

/* The declared table name closest to `name`, for "did you mean", or NULL. */
static const char *suggest_table(Binder *b, const char *name)
{
    int n = b->plan->cat.n_tables;
    const char **names = arena_alloc(b->a, sizeof(char *) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) names[i] = b->plan->cat.tables[i]->name;
    return diag_suggest(name, names, n);
}

static Table *bind_create_table(Binder *b, const Stmt *st)
{
    Catalog *c = &b->plan->cat;
    if (cat_find(c, st->name)) {
        if (st->if_not_exists) return cat_find(c, st->name);
        diag_error(b->d, st->name_pos, "table '%s' is already declared", st->name);
        return NULL;
    }
    Table *t = new_table(b, st, st->n_cols);
    for (int i = 0; i < st->n_cols; i++) {
        const ColumnDef *cd = &st->cols[i];
        if (cd->computed || cd->metadata) {
            diag_error(b->d, cd->pos, "%s columns are not supported yet",
                       cd->computed ? "computed" : "metadata");
            return NULL;
        }
        t->cols[i].name = cd->name;
        t->cols[i].pos = cd->pos;
        if (cat_index_column(b->a, t, i) >= 0) {
            diag_error(b->d, cd->pos, "column '%s' is declared twice in '%s'", cd->name, t->name);
            return NULL;
        }
        if (!cat_type_supported(b->d, &cd->type, &t->cols[i].type.kind)) return NULL;
        t->cols[i].type.nullable = !cd->not_null;
    }
    if (!cat_apply_options(b->a, b->d, t, st->with, st->n_with)) return NULL;
    if (st->n_pk_cols > 0) {
        diag_error(b->d, st->pk_pos,
                   "PRIMARY KEY (changelog tables) is not supported yet; declare the table "
                   "without it to read it as an append-only stream");
        return NULL;
    }
    if (st->wm_column) {
        int ci = cat_column(t, st->wm_column);
        if (ci < 0) {
            const char **names = arena_alloc(b->a, sizeof(char *) * (size_t)(t->n_cols + 1));
            for (int i = 0; i < t->n_cols; i++) names[i] = t->cols[i].name;
            const char *sug = diag_suggest(st->wm_column, names, t->n_cols);
            if (sug)
                diag_error(b->d, st->wm_pos,
                           "unknown column '%s' in WATERMARK FOR; did you mean '%s'?",
                           st->wm_column, sug);
            else
                diag_error(b->d, st->wm_pos, "unknown column '%s' in WATERMARK FOR", st->wm_column);
            return NULL;
        }
        if (t->cols[ci].type.kind != TY_TIMESTAMP) {
            diag_error(b->d, st->wm_pos,
                       "WATERMARK FOR column '%s' must be TIMESTAMP(3), but it is %s",
                       t->cols[ci].name, type_name(t->cols[ci].type.kind));
            return NULL;
        }
        t->wm_col = ci;
        t->wm_pos = st->wm_pos;
        Scope s = {.t = t, .qual = t->name, .clause = "WATERMARK"};
        BExpr *w = bind_row(b, &s, st->wm_expr);
        FAIL_NULL(w);
        if (w->type.kind != TY_TIMESTAMP) {
            diag_error(b->d, st->wm_expr->pos,
                       "watermark expression must be TIMESTAMP(3) (e.g. %s - INTERVAL '5' SECOND), "
                       "but it is %s",
                       t->cols[ci].name, type_name(w->type.kind));
            return NULL;
        }
        t->wm_expr = w;
    }
    PUSH(b->a, c->tables, c->n_tables, t);
    return t;
}

/* ---- expressions: row context ------------------------------------------------------ */

static void unknown_column(Binder *b, Scope *s, const Expr *e)
{
    int n = s->t->n_cols + (s->tvf ? 3 : 0);
    const char **names = arena_alloc(b->a, sizeof(char *) * (size_t)(n + 1));
    for (int i = 0; i < s->t->n_cols; i++) names[i] = s->t->cols[i].name;
    if (s->tvf) {
        names[s->t->n_cols] = "window_start";
        names[s->t->n_cols + 1] = "window_end";
        names[s->t->n_cols + 2] = "window_time";
    }
    const char *sug = diag_suggest(e->u.col.name, names, n);
    if (sug)
        diag_error(b->d, e->pos, "unknown column '%s' in '%s'; did you mean '%s'?", e->u.col.name,
                   s->t->name, sug);
    else
        diag_error(b->d, e->pos, "unknown column '%s' in '%s'", e->u.col.name, s->t->name);
}

static BExpr *bind_column(Binder *b, Scope *s, const Expr *e)
{
    if (e->u.col.qualifier && strcasecmp(e->u.col.qualifier, s->qual) != 0 &&
        strcasecmp(e->u.col.qualifier, s->t->name) != 0) {
        diag_error(b->d, e->pos, "unknown table '%s' (the query reads '%s')", e->u.col.qualifier,
                   s->qual);
        return NULL;
    }
    int ci = cat_column(s->t, e->u.col.name);
    if (ci >= 0) {
        BExpr *x =
            bx_new(b, BX_COL, s->t->cols[ci].type.kind, s->t->cols[ci].type.nullable, e->pos, 0);
        x->u.index = ci;
        return x;
    }
    if (s->tvf) {
        BExprKind k = BX_LIT;
        if (strcasecmp(e->u.col.name, "window_start") == 0)
            k = BX_WSTART;
        else if (strcasecmp(e->u.col.name, "window_end") == 0)
            k = BX_WEND;
        else if (strcasecmp(e->u.col.name, "window_time") == 0)
            k = BX_WTIME;
        if (k != BX_LIT) return bx_new(b, k, TY_TIMESTAMP, false, e->pos, 0);
    }
    unknown_column(b, s, e);
    return NULL;
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

static bool cast_allowed(TypeKind from, TypeKind to)
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

static BExpr *make_cast(Binder *b, BExpr *x, TypeKind to, SrcPos pos)
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

static BExpr *bind_expr(Binder *b, Scope *s, const Expr *e);

static BExpr *bind_case(Binder *b, Scope *s, const Expr *e)
{
    int n = e->u.case_.n_whens;
    bool has_else = e->u.case_.else_ != NULL;
    BExpr *x = bx_new(b, BX_CASE, TY_NULL, !has_else, e->pos, 2 * n + (has_else ? 1 : 0));
    x->u.has_else = has_else;
    BExpr *operand = NULL;
    if (e->u.case_.operand) FAIL_NULL(operand = bind_expr(b, s, e->u.case_.operand));
    TypeKind rt = TY_NULL;
    for (int i = 0; i < n; i++) {
        BExpr *w = bind_expr(b, s, e->u.case_.whens[i].when);
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
        BExpr *t = bind_expr(b, s, e->u.case_.whens[i].then);
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
        BExpr *t = bind_expr(b, s, e->u.case_.else_);
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
    if (is_agg_name(name)) {
        diag_error(b->d, e->pos, "aggregate function %s is not allowed in %s", name,
                   s->clause ? s->clause : "this context");
        return NULL;
    }
    const FnInfo *fi = NULL;
    for (size_t i = 0; i < sizeof scalar_fns / sizeof *scalar_fns; i++)
        if (strcasecmp(name, scalar_fns[i].name) == 0) fi = &scalar_fns[i];
    if (!fi) {
        const char *cands[sizeof scalar_fns / sizeof *scalar_fns + 5];
        int n = 0;
        for (size_t i = 0; i < sizeof scalar_fns / sizeof *scalar_fns; i++)
            cands[n++] = scalar_fns[i].name;
        static const char *const aggs[] = {"COUNT", "SUM", "AVG", "MIN", "MAX"};
        for (int i = 0; i < 5; i++) cands[n++] = aggs[i];
        const char *sug = diag_suggest(name, cands, n);
        if (strcasecmp(name, "TUMBLE") == 0 || strcasecmp(name, "HOP") == 0 ||
            strcasecmp(name, "SESSION") == 0 || strcasecmp(name, "CUMULATE") == 0)
            diag_error(b->d, e->pos,
                       "%s is a window table function: use FROM TABLE(%s(TABLE t, "
                       "DESCRIPTOR(ts), INTERVAL ...))",
                       name, name);
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
        FAIL_NULL(x->args[i] = bind_expr(b, s, e->u.call.args.v[i]));
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

/* Binds e in the scope's row context, or, when s->agg is set, in aggregate
 * context (see bind_post). */
static BExpr *bind_expr(Binder *b, Scope *s, const Expr *e);

/* Reports the parts of call e this binder does not handle yet: OVER,
 * FILTER, WITHIN GROUP, and the calls the parser makes of ARRAY[...],
 * MAP[...] and x[i]. */
static bool call_supported(Binder *b, const Expr *e)
{
    if (e->u.call.within.n)
        diag_error(b->d, e->u.call.within_pos, "WITHIN GROUP is not supported yet");
    else if (e->u.call.filter)
        diag_error(b->d, e->u.call.filter_pos, "FILTER on aggregates is not supported yet");
    else if (e->u.call.over)
        diag_error(b->d, e->u.call.over->pos, "OVER windows are not supported yet");
    else if (!strcmp(e->u.call.name, "ARRAY") || !strcmp(e->u.call.name, "MAP"))
        diag_error(b->d, e->pos, "type %s is not supported yet", e->u.call.name);
    else if (!strcmp(e->u.call.name, "ITEM"))
        diag_error(b->d, e->pos, "subscripts (x[i]) are not supported yet");
    else
        return true;
    return false;
}

static BExpr *bind_node(Binder *b, Scope *s, const Expr *e)
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
    case EX_COLUMN:
        return bind_column(b, s, e);
    case EX_STAR:
        diag_error(b->d, e->pos, "'*' is only allowed in the SELECT list or COUNT(*)");
        return NULL;
    case EX_UNARY:
        FAIL_NULL(l = bind_expr(b, s, e->u.unary.x));
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
        FAIL_NULL(l = bind_expr(b, s, e->u.binary.l));
        FAIL_NULL(r = bind_expr(b, s, e->u.binary.r));
        return make_binary(b, e->u.binary.op, l, r, e->pos);
    case EX_IS_NULL:
        FAIL_NULL(l = bind_expr(b, s, e->u.is_null.x));
        x = bx_new(b, BX_IS_NULL, TY_BOOLEAN, false, e->pos, 1);
        x->u.negated = e->u.is_null.negated;
        x->args[0] = l;
        return x;
    case EX_BETWEEN: {
        BExpr *v, *lo, *hi;
        FAIL_NULL(v = bind_expr(b, s, e->u.between.x));
        FAIL_NULL(lo = bind_expr(b, s, e->u.between.lo));
        FAIL_NULL(hi = bind_expr(b, s, e->u.between.hi));
        FAIL_NULL(l = make_compare(b, BOP_GE, v, lo, e->pos));
        FAIL_NULL(r = make_compare(b, BOP_LE, v, hi, e->pos));
        FAIL_NULL(x = make_bool_op(b, BOP_AND, l, r, e->pos));
        return e->u.between.negated ? make_not(b, x, e->pos) : x;
    }
    case EX_IN: {
        int n = e->u.in.list.n;
        FAIL_NULL(l = bind_expr(b, s, e->u.in.x));
        x = bx_new(b, BX_IN, TY_BOOLEAN, l->type.nullable, e->pos, n + 1);
        x->u.negated = e->u.in.negated;
        TypeKind ct = l->type.kind;
        for (int i = 0; i < n; i++) {
            FAIL_NULL(r = bind_expr(b, s, e->u.in.list.v[i]));
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
            FAIL_NULL(r = bind_expr(b, s, parts[i]));
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
    case EX_TYPED_LIT:
        diag_error(b->d, e->pos, "%s literals are not supported yet", e->u.typed.type);
        return NULL;
    case EX_IS_BOOL:
        diag_error(b->d, e->pos, "IS %s%s is not supported yet", e->u.is_bool.negated ? "NOT " : "",
                   e->u.is_bool.what > 0    ? "TRUE"
                   : e->u.is_bool.what == 0 ? "FALSE"
                                            : "UNKNOWN");
        return NULL;
    case EX_IS_DISTINCT:
        diag_error(b->d, e->pos, "IS %sDISTINCT FROM is not supported yet",
                   e->u.binary.negated ? "NOT " : "");
        return NULL;
    case EX_IN_QUERY:
        diag_error(b->d, e->pos, "IN subqueries are not supported yet");
        return NULL;
    case EX_EXISTS:
        diag_error(b->d, e->pos, "EXISTS subqueries are not supported yet");
        return NULL;
    case EX_SUBQUERY:
        diag_error(b->d, e->pos, "scalar subqueries are not supported yet");
        return NULL;
    case EX_QUANTIFIED:
        diag_error(b->d, e->pos, "quantified comparisons (ANY/ALL) are not supported yet");
        return NULL;
    case EX_CAST: {
        if (e->u.cast.try_) {
            diag_error(b->d, e->pos, "TRY_CAST is not supported yet");
            return NULL;
        }
        FAIL_NULL(l = bind_expr(b, s, e->u.cast.x));
        TypeKind to = cast_target(b, &e->u.cast.type);
        if (to == TY_UNKNOWN) return NULL;
        return make_cast(b, l, to, e->pos);
    }
    case EX_CALL:
        if (!call_supported(b, e)) return NULL;
        return bind_call(b, s, e);
    }
    return NULL;
}

static BExpr *bind_row(Binder *b, Scope *s, const Expr *e)
{
    bool agg = s->agg;
    s->agg = false;
    BExpr *x = bind_node(b, s, e);
    s->agg = agg;
    return x;
}

/* ---- aggregate context -------------------------------------------------------- */

/* The slot of (kind, arg), added when new. Slots are found through a hash
 * of the argument (Query.slot_index), so a query with thousands of
 * aggregates binds in linear time; the same index gives each slot the
 * first slot with an equal argument (same_arg), whose value codegen
 * reuses. */
static int add_slot(Binder *b, Query *q, SlotKind kind, BExpr *arg, SqlType type)
{
    uint64_t h = arg ? bexpr_hash(arg) : 0;
    uint32_t pos = 0;
    int i, same_arg = -1;
    while (hmap_next(&q->slot_index, h, &pos, &i)) {
        if (!bexpr_equal(q->slots[i].arg, arg)) continue;
        if (q->slots[i].kind == kind) return i;
        /* every slot of this argument points at the first one */
        same_arg = q->slots[i].same_arg >= 0 ? q->slots[i].same_arg : i;
    }
    int count_slot = -1;
    if (kind == SLOT_SUM) {
        count_slot = add_slot(b, q, SLOT_COUNT, arg, (SqlType){TY_BIGINT, false});
        const AggSlot *c = &q->slots[count_slot];
        same_arg = c->same_arg >= 0 ? c->same_arg : count_slot;
    }
    AggSlot ns = {.kind = kind,
                  .arg = arg,
                  .type = type,
                  .count_slot = count_slot,
                  .same_arg = arg ? same_arg : -1};
    PUSH(b->a, q->slots, q->n_slots, ns);
    hmap_put(b->a, &q->slot_index, h, q->n_slots - 1);
    return q->n_slots - 1;
}

static BExpr *bind_agg_call(Binder *b, Scope *s, const Expr *e)
{
    const char *name = e->u.call.name;
    Query *q = s->q;
    if (e->u.call.distinct) {
        diag_error(b->d, e->pos, "%s(DISTINCT ...) is not supported yet", name);
        return NULL;
    }
    AggCall c = {.pos = e->pos, .slot = -1, .count_slot = -1};
    BExpr *arg = NULL;
    if (e->u.call.star) {
        if (strcasecmp(name, "COUNT") != 0) {
            diag_error(b->d, e->pos, "%s(*) is not valid; only COUNT(*) takes '*'", name);
            return NULL;
        }
        c.kind = AGG_COUNT_STAR;
    } else {
        if (e->u.call.args.n != 1) {
            diag_error(b->d, e->pos, "aggregate function %s takes exactly one argument", name);
            return NULL;
        }
        const Expr *ae = e->u.call.args.v[0];
        if (contains_agg_call(ae)) {
            diag_error(b->d, ae->pos, "aggregate function calls cannot be nested");
            return NULL;
        }
        const char *saved = s->clause;
        s->clause = "an aggregate argument";
        arg = bind_row(b, s, ae);
        s->clause = saved;
        FAIL_NULL(arg);
        if (strcasecmp(name, "COUNT") == 0)
            c.kind = AGG_COUNT;
        else if (strcasecmp(name, "SUM") == 0)
            c.kind = AGG_SUM;
        else if (strcasecmp(name, "AVG") == 0)
            c.kind = AGG_AVG;
        else if (strcasecmp(name, "MIN") == 0)
            c.kind = AGG_MIN;
        else
            c.kind = AGG_MAX;
        TypeKind k = arg->type.kind;
        if ((c.kind == AGG_SUM || c.kind == AGG_AVG) && !is_numeric(k) && k != TY_NULL) {
            diag_error(b->d, ae->pos, "%s needs a numeric argument, but this is %s", name,
                       type_name(k));
            return NULL;
        }
        if ((c.kind == AGG_MIN || c.kind == AGG_MAX) && k == TY_INTERVAL) {
            diag_error(b->d, ae->pos, "%s of INTERVAL is not supported", name);
            return NULL;
        }
        if (k == TY_NULL) arg = coerce(b, arg, TY_INT);
        if ((c.kind == AGG_SUM || c.kind == AGG_AVG) && is_int_kind(arg->type.kind))
            arg = coerce(b, arg, numeric_join(arg->type.kind, TY_INT));
    }
    switch (c.kind) {
    case AGG_COUNT_STAR:
        c.type = (SqlType){TY_BIGINT, false};
        c.slot = add_slot(b, q, SLOT_COUNT_STAR, NULL, c.type);
        break;
    case AGG_COUNT:
        c.type = (SqlType){TY_BIGINT, false};
        c.slot = add_slot(b, q, SLOT_COUNT, arg, c.type);
        break;
    case AGG_SUM:
    case AGG_AVG:
        c.type = (SqlType){arg->type.kind, true};
        c.slot = add_slot(b, q, SLOT_SUM, arg, c.type);
        c.count_slot = q->slots[c.slot].count_slot;
        break;
    case AGG_MIN:
    case AGG_MAX:
        c.type = (SqlType){arg->type.kind, true};
        c.slot = add_slot(b, q, c.kind == AGG_MIN ? SLOT_MIN : SLOT_MAX, arg, c.type);
        break;
    }
    c.arg = arg;
    int idx = -1, i;
    uint64_t h = (arg ? bexpr_hash(arg) : 0) ^ (uint64_t)c.kind;
    uint32_t pos = 0;
    while (idx < 0 && hmap_next(&q->agg_index, h, &pos, &i))
        if (q->aggs[i].kind == c.kind && bexpr_equal(q->aggs[i].arg, c.arg)) idx = i;
    if (idx < 0) {
        PUSH(b->a, q->aggs, q->n_aggs, c);
        idx = q->n_aggs - 1;
        hmap_put(b->a, &q->agg_index, h, idx);
    }
    BExpr *x = bx_new(b, BX_AGG, c.type.kind, c.type.nullable, e->pos, 0);
    x->u.index = idx;
    return x;
}

/* Matches a row-context expression against the GROUP BY list. */
static BExpr *match_key(Binder *b, Scope *s, BExpr *row, SrcPos pos)
{
    if (row->kind == BX_WSTART && s->win_start_key)
        return bx_new(b, BX_WSTART, TY_TIMESTAMP, false, pos, 0);
    if (row->kind == BX_WEND && s->win_end_key)
        return bx_new(b, BX_WEND, TY_TIMESTAMP, false, pos, 0);
    uint32_t at = 0;
    int i;
    while (hmap_next(&s->q->key_index, bexpr_hash(row), &at, &i))
        if (bexpr_equal(s->q->keys[i], row)) {
            BExpr *k = bx_new(b, BX_KEY, row->type.kind, row->type.nullable, pos, 0);
            k->u.index = i;
            return k;
        }
    return NULL;
}

static bool has_row_refs(const BExpr *x)
{
    if (x->kind == BX_COL || x->kind == BX_WSTART || x->kind == BX_WEND || x->kind == BX_WTIME)
        return true;
    for (int i = 0; i < x->n_args; i++)
        if (has_row_refs(x->args[i])) return true;
    return false;
}

/* Aggregate-context binding: aggregate calls become BX_AGG, subexpressions
 * equal to a GROUP BY expression become BX_KEY, constants stay, and a column
 * outside both is an error. */
static BExpr *bind_post(Binder *b, Scope *s, const Expr *e)
{
    if (e->kind == EX_CALL && !call_supported(b, e)) return NULL;
    if (e->kind == EX_CALL && is_agg_name(e->u.call.name)) return bind_agg_call(b, s, e);
    if (!contains_agg_call(e)) {
        /* Without aggregate calls the expression must bind as a row
         * expression; if it does not, that error is the one to report. */
        BExpr *row = bind_row(b, s, e);
        if (!row) return NULL;
        BExpr *k = match_key(b, s, row, e->pos);
        if (k) return k;
        if (!has_row_refs(row)) return row;
        if (e->kind == EX_COLUMN) {
            if (row->kind == BX_WSTART || row->kind == BX_WEND || row->kind == BX_WTIME)
                diag_error(b->d, e->pos, "%s must appear in the GROUP BY clause to be selected",
                           e->u.col.name);
            else
                diag_error(b->d, e->pos,
                           "column '%s' must appear in the GROUP BY clause or be used in an "
                           "aggregate function",
                           e->u.col.name);
            return NULL;
        }
    }
    /* Structural: bind this node with its children in aggregate context. */
    return bind_node(b, s, e);
}

static BExpr *bind_expr(Binder *b, Scope *s, const Expr *e)
{
    return s->agg ? bind_post(b, s, e) : bind_node(b, s, e);
}

/* ---- queries ----------------------------------------------------------------------- */

static const char *default_name(Binder *b, const Expr *e, int i)
{
    if (e->kind == EX_COLUMN) return e->u.col.name;
    /* Flink names unnamed expressions EXPR$<position>. */
    return arena_printf(b->a, "EXPR$%d", i);
}

static bool assignable(TypeKind from, TypeKind to)
{
    if (from == to || from == TY_NULL) return true;
    if (is_int_kind(from) && is_int_kind(to)) return true; /* widening checked at run time */
    if (is_numeric(from) && to == TY_DOUBLE) return true;
    return false;
}

/* Reports a FROM item this binder does not handle yet (anything but a
 * table or a window TVF, which it checks itself). */
static bool from_supported(Binder *b, const FromItem *f)
{
    switch (f->kind) {
    case FROM_TABLE:
        if (f->as_of) {
            diag_error(b->d, f->as_of_pos,
                       "temporal joins (FOR SYSTEM_TIME AS OF) are not supported yet");
            return false;
        }
        break;
    case FROM_TVF:
        break;
    case FROM_JOIN:
        /* the first join in the text: the leftmost of the left-deep tree */
        while (f->left->kind == FROM_JOIN) f = f->left;
        diag_error(b->d, f->pos, "joins are not supported yet");
        return false;
    case FROM_SUBQUERY:
    case FROM_VALUES:
        diag_error(b->d, f->pos, "subqueries in FROM are not supported yet");
        return false;
    case FROM_LATERAL:
        diag_error(b->d, f->pos, "LATERAL table functions are not supported yet");
        return false;
    case FROM_UNNEST:
        diag_error(b->d, f->pos, "UNNEST is not supported yet");
        return false;
    case FROM_TABLE_FN:
        diag_error(b->d, f->tvf_pos, "table function '%s' is not supported yet", f->tvf);
        return false;
    case FROM_MATCH_RECOGNIZE:
        diag_error(b->d, f->mr_pos, "MATCH_RECOGNIZE is not supported yet");
        return false;
    }
    if (f->n_col_aliases > 0) {
        diag_error(b->d, f->alias_pos, "column aliases in FROM are not supported yet");
        return false;
    }
    return true;
}

static bool bind_from(Binder *b, Scope *s, Query *q, const Select *sel)
{
    const FromItem *f = sel->from;
    if (!from_supported(b, f)) return false;
    Table *t = cat_find(&b->plan->cat, f->table);
    if (!t) {
        const char *sug = suggest_table(b, f->table);
        if (sug)
            diag_error(b->d, f->table_pos, "unknown table '%s'; did you mean '%s'?", f->table, sug);
        else
            diag_error(b->d, f->table_pos, "unknown table '%s'", f->table);
        return false;
    }
    if (t->produced) {
        diag_error(b->d, f->table_pos,
                   "reading '%s', which this file produces with CREATE ... AS "
                   "SELECT, is not supported yet",
                   t->name);
        return false;
    }
    if (!cat_check_connector(b->d, t, f->table_pos, true)) return false;
    s->t = t;
    s->qual = f->alias ? f->alias : t->name;
    q->source = t;
    q->source_pos = f->table_pos;
    if (f->kind == FROM_TVF) {
        if (strcasecmp(f->tvf, "TUMBLE") != 0) {
            diag_error(b->d, f->tvf_pos, "window function %s is not supported yet (TUMBLE is)",
                       f->tvf);
            return false;
        }
        int ci = cat_column(t, f->descriptor);
        if (ci < 0) {
            Expr fake = {.kind = EX_COLUMN, .pos = f->descriptor_pos};
            fake.u.col.name = f->descriptor;
            unknown_column(b, s, &fake);
            return false;
        }
        if (t->wm_col < 0) {
            diag_error(b->d, f->descriptor_pos,
                       "window over column '%s', which has no watermark; declare WATERMARK FOR %s "
                       "AS %s - INTERVAL '5' SECOND in table '%s'",
                       t->cols[ci].name, t->cols[ci].name, t->cols[ci].name, t->name);
            return false;
        }
        if (t->wm_col != ci) {
            diag_error(b->d, f->descriptor_pos,
                       "window over column '%s', but the event-time (WATERMARK FOR) column of '%s' "
                       "is '%s'",
                       t->cols[ci].name, t->name, t->cols[t->wm_col].name);
            return false;
        }
        if (f->tvf_args.n < 1 || f->tvf_args.n > 2) {
            diag_error(b->d, f->tvf_pos,
                       "TUMBLE takes a size INTERVAL and an optional offset "
                       "INTERVAL after DESCRIPTOR(...), but got %d argument%s",
                       f->tvf_args.n, f->tvf_args.n == 1 ? "" : "s");
            return false;
        }
        int64_t v[2] = {0, 0};
        for (int i = 0; i < f->tvf_args.n; i++) {
            Scope empty = *s;
            BExpr *x = bind_row(b, &empty, f->tvf_args.v[i]);
            if (!x) return false;
            x = opt_fold(b->a, x);
            if (x->kind != BX_LIT || x->type.kind != TY_INTERVAL || x->u.lit.is_null) {
                diag_error(b->d, f->tvf_args.v[i]->pos, "TUMBLE %s must be a constant INTERVAL",
                           i == 0 ? "size" : "offset");
                return false;
            }
            v[i] = x->u.lit.i;
        }
        if (v[0] <= 0) {
            diag_error(b->d, f->tvf_args.v[0]->pos, "TUMBLE size must be positive");
            return false;
        }
        q->window = WIN_TUMBLE;
        q->time_col = ci;
        q->size_ms = v[0];
        q->offset_ms = v[1] % v[0];
        s->tvf = true;
    }
    return true;
}

/* Expands the SELECT list (with *), binding each item. */
static bool bind_select_list(Binder *b, Scope *s, Query *q, const Select *sel)
{
    PtrVec exprs = {0}, names = {0};
    for (int i = 0; i < sel->n_items; i++) {
        const SelectItem *it = &sel->items[i];
        if (it->expr->kind == EX_STAR) {
            if (it->expr->u.col.qualifier && strcasecmp(it->expr->u.col.qualifier, s->qual) != 0 &&
                strcasecmp(it->expr->u.col.qualifier, s->t->name) != 0) {
                diag_error(b->d, it->expr->pos, "unknown table '%s' (the query reads '%s')",
                           it->expr->u.col.qualifier, s->qual);
                return false;
            }
            if (s->agg) {
                diag_error(b->d, it->expr->pos,
                           "'*' cannot be selected in an aggregation; list "
                           "the GROUP BY columns and aggregates");
                return false;
            }
            for (int c = 0; c < s->t->n_cols; c++) {
                BExpr *x = bx_new(b, BX_COL, s->t->cols[c].type.kind, s->t->cols[c].type.nullable,
                                  it->expr->pos, 0);
                x->u.index = c;
                ptrvec_push(b->a, &exprs, x);
                ptrvec_push(b->a, &names, (void *)s->t->cols[c].name);
            }
            if (s->tvf) {
                static const char *const wn[] = {"window_start", "window_end", "window_time"};
                static const BExprKind wk[] = {BX_WSTART, BX_WEND, BX_WTIME};
                for (int w = 0; w < 3; w++) {
                    ptrvec_push(b->a, &exprs,
                                bx_new(b, wk[w], TY_TIMESTAMP, false, it->expr->pos, 0));
                    ptrvec_push(b->a, &names, (void *)wn[w]);
                }
            }
            continue;
        }
        BExpr *x = bind_expr(b, s, it->expr);
        if (!x) return false;
        if (x->type.kind == TY_NULL) x = coerce(b, x, TY_INT);
        if (x->type.kind == TY_INTERVAL) {
            diag_error(b->d, it->expr->pos, "an INTERVAL cannot be an output column");
            return false;
        }
        ptrvec_push(b->a, &exprs, x);
        ptrvec_push(b->a, &names, (void *)(it->alias ? it->alias : default_name(b, it->expr, i)));
    }
    q->n_out = exprs.n;
    q->out = arena_alloc(b->a, sizeof(OutCol) * (size_t)(exprs.n ? exprs.n : 1));
    for (int i = 0; i < exprs.n; i++) {
        q->out[i].expr = exprs.v[i];
        q->out[i].name = names.v[i];
        q->out[i].type = ((BExpr *)exprs.v[i])->type;
    }
    return true;
}

static bool bind_group_by(Binder *b, Scope *s, Query *q, const Select *sel)
{
    PtrVec keys = {0};
    for (int i = 0; i < sel->n_group_by; i++) {
        if (sel->group_by[i].kind != GI_EXPR) {
            diag_error(b->d, sel->group_by[i].pos, "GROUPING SETS are not supported yet");
            return false;
        }
        const Expr *ge = sel->group_by[i].e;
        if (contains_agg_call(ge)) {
            diag_error(b->d, ge->pos, "aggregate functions are not allowed in GROUP BY");
            return false;
        }
        s->clause = "GROUP BY";
        BExpr *x = bind_row(b, s, ge);
        if (!x) return false;
        if (x->kind == BX_WSTART) {
            s->win_start_key = true;
            continue;
        }
        if (x->kind == BX_WEND) {
            s->win_end_key = true;
            continue;
        }
        if (has_row_refs(x) && x->kind != BX_COL) {
            /* expressions over window columns as keys would need per-window
             * evaluation; not needed by any dialect form we accept yet */
            bool win = false;
            for (int j = 0; j < x->n_args; j++)
                if (x->args[j]->kind == BX_WSTART || x->args[j]->kind == BX_WEND ||
                    x->args[j]->kind == BX_WTIME)
                    win = true;
            if (win) {
                diag_error(b->d, ge->pos,
                           "GROUP BY expressions over window columns are not "
                           "supported; group by window_start, window_end");
                return false;
            }
        }
        if (x->kind == BX_WTIME) {
            diag_error(b->d, ge->pos,
                       "GROUP BY window_time is not supported; group by "
                       "window_start, window_end");
            return false;
        }
        bool dup = false;
        uint64_t h = bexpr_hash(x);
        uint32_t at = 0;
        int k;
        while (!dup && hmap_next(&q->key_index, h, &at, &k)) dup = bexpr_equal(keys.v[k], x);
        if (!dup) {
            hmap_put(b->a, &q->key_index, h, keys.n);
            ptrvec_push(b->a, &keys, x);
        }
    }
    q->keys = (BExpr **)keys.v;
    q->n_keys = keys.n;
    return true;
}

/* Binds a WHERE or HAVING condition (s->clause names it) in the scope's
 * context; it must be BOOLEAN (or NULL). */
static BExpr *bind_condition(Binder *b, Scope *s, const Expr *e)
{
    BExpr *x = bind_expr(b, s, e);
    if (!x) return NULL;
    if (x->type.kind != TY_BOOLEAN && x->type.kind != TY_NULL) {
        diag_error(b->d, e->pos, "%s condition must be BOOLEAN, but it is %s", s->clause,
                   type_name(x->type.kind));
        return NULL;
    }
    return coerce(b, x, TY_BOOLEAN);
}

static Query *bind_query(Binder *b, const Select *sel, SrcPos pos)
{
    Query *q = arena_alloc(b->a, sizeof *q);
    q->index = b->plan->n_queries;
    q->pos = pos;
    q->time_col = -1;
    Scope s = {0};
    s.q = q;
    if (!sel->from) {
        diag_error(b->d, sel->pos, "SELECT without FROM is not supported yet");
        return NULL;
    }
    if (sel->distinct) {
        diag_error(b->d, sel->pos, "SELECT DISTINCT is not supported yet");
        return NULL;
    }
    if (!bind_from(b, &s, q, sel)) return NULL;
    if (sel->kwindow) {
        static const char *const kinds[] = {"TUMBLING", "HOPPING", "SESSION"};
        diag_error(b->d, sel->kwindow->pos, "WINDOW %s is not supported yet",
                   kinds[sel->kwindow->kind]);
        return NULL;
    }
    if (sel->n_windows > 0) {
        diag_error(b->d, sel->windows[0]->pos, "OVER windows are not supported yet");
        return NULL;
    }
    if (sel->qualify) {
        diag_error(b->d, sel->qualify_pos, "QUALIFY is not supported yet");
        return NULL;
    }
    if (sel->where) {
        if (contains_agg_call(sel->where)) {
            /* The caret points at the aggregate call itself. (Fix: it
             * pointed at the root of the condition, e.g. the '>' of
             * "COUNT(*) > 1"; test_bind diag::aggregation.) */
            diag_error(b->d, first_agg_call(sel->where)->pos,
                       "aggregate functions are not allowed "
                       "in WHERE; use HAVING");
            return NULL;
        }
        s.clause = "WHERE";
        if (!(q->filter = bind_condition(b, &s, sel->where))) return NULL;
    }
    bool any_agg = sel->n_group_by > 0 || (sel->having != NULL);
    for (int i = 0; i < sel->n_items && !any_agg; i++)
        if (contains_agg_call(sel->items[i].expr)) any_agg = true;
    if (any_agg) {
        if (!bind_group_by(b, &s, q, sel)) return NULL;
        if (!s.tvf || !s.win_start_key || !s.win_end_key) {
            SrcPos p = sel->n_group_by ? sel->group_by_pos : sel->pos;
            if (s.tvf)
                diag_error(b->d, p,
                           "a window aggregation must GROUP BY window_start, window_end "
                           "(and any other keys)");
            else
                diag_error(b->d, p,
                           "aggregation without a window is not supported yet (its "
                           "result is a changelog); aggregate over FROM TABLE(TUMBLE(TABLE %s, "
                           "DESCRIPTOR(ts), INTERVAL ...)) GROUP BY window_start, window_end",
                           q->source->name);
            return NULL;
        }
        if (sel->emit == EMIT_CHANGES) {
            diag_error(
                b->d, sel->emit_pos,
                "EMIT CHANGES on a window aggregation is not supported "
                "yet; results are emitted once per window when the watermark passes its end");
            return NULL;
        }
        q->has_agg = true;
        q->grouped_by_window = true;
        s.agg = true;
        s.clause = "SELECT";
        if (!bind_select_list(b, &s, q, sel)) return NULL;
        if (sel->having) {
            s.clause = "HAVING";
            if (!(q->having = bind_condition(b, &s, sel->having))) return NULL;
        }
    } else {
        s.clause = "SELECT";
        if (!bind_select_list(b, &s, q, sel)) return NULL;
    }
    return q;
}

/* Casts the query's outputs to the sink's columns (INSERT INTO). */
static bool bind_insert_target(Binder *b, const Stmt *st, Query *q)
{
    Table *t = cat_find(&b->plan->cat, st->name);
    if (!t) {
        const char *sug = suggest_table(b, st->name);
        if (sug)
            diag_error(b->d, st->name_pos, "INSERT INTO undeclared table '%s'; did you mean '%s'?",
                       st->name, sug);
        else
            diag_error(b->d, st->name_pos,
                       "INSERT INTO undeclared table '%s'; declare it with "
                       "CREATE TABLE %s (...) WITH ('connector' = ...)",
                       st->name, st->name);
        return false;
    }
    if (!cat_check_connector(b->d, t, st->name_pos, false)) return false;
    /* map: target column -> query output index (-1 = NULL) */
    int *map = arena_alloc(b->a, sizeof(int) * (size_t)(t->n_cols + 1));
    if (st->n_insert_cols > 0) {
        for (int i = 0; i < t->n_cols; i++) map[i] = -1;
        if (st->n_insert_cols != q->n_out) {
            diag_error(b->d, st->name_pos, "INSERT lists %d column%s but the query produces %d",
                       st->n_insert_cols, st->n_insert_cols == 1 ? "" : "s", q->n_out);
            return false;
        }
        for (int i = 0; i < st->n_insert_cols; i++) {
            int ci = cat_column(t, st->insert_cols[i]);
            if (ci < 0) {
                diag_error(b->d, st->name_pos, "unknown column '%s' in '%s'", st->insert_cols[i],
                           t->name);
                return false;
            }
            map[ci] = i;
        }
    } else {
        if (q->n_out != t->n_cols) {
            diag_error(b->d, st->name_pos, "the query produces %d column%s but '%s' has %d",
                       q->n_out, q->n_out == 1 ? "" : "s", t->name, t->n_cols);
            return false;
        }
        for (int i = 0; i < t->n_cols; i++) map[i] = i;
    }
    OutCol *out = arena_alloc(b->a, sizeof(OutCol) * (size_t)(t->n_cols ? t->n_cols : 1));
    for (int i = 0; i < t->n_cols; i++) {
        out[i].name = t->cols[i].name;
        out[i].type = t->cols[i].type;
        if (map[i] < 0) {
            BExpr *n = bx_new(b, BX_LIT, t->cols[i].type.kind, true, st->name_pos, 0);
            n->u.lit.is_null = true;
            out[i].expr = n;
            continue;
        }
        BExpr *x = q->out[map[i]].expr;
        if (!assignable(x->type.kind, t->cols[i].type.kind)) {
            diag_error(b->d, x->pos,
                       "column '%s' of '%s' is %s, but the query produces %s here; "
                       "use CAST(... AS %s)",
                       t->cols[i].name, t->name, type_name(t->cols[i].type.kind),
                       type_name(x->type.kind), type_name(t->cols[i].type.kind));
            return false;
        }
        out[i].expr = x->type.kind == t->cols[i].type.kind
                          ? x
                          : make_cast(b, x, t->cols[i].type.kind, x->pos);
        if (!out[i].expr) return false;
    }
    q->out = out;
    q->n_out = t->n_cols;
    q->sink = t;
    q->sink_pos = st->name_pos;
    return true;
}

static bool bind_create_as(Binder *b, const Stmt *st, Query *q)
{
    if (cat_find(&b->plan->cat, st->name)) {
        diag_error(b->d, st->name_pos, "table '%s' is already declared", st->name);
        return false;
    }
    Table *t = new_table(b, st, q->n_out);
    t->produced = true;
    for (int i = 0; i < q->n_out; i++) {
        t->cols[i].name = q->out[i].name;
        t->cols[i].type = q->out[i].type;
        t->cols[i].pos = q->out[i].expr->pos;
        if (cat_index_column(b->a, t, i) >= 0) {
            diag_error(b->d, q->out[i].expr->pos,
                       "duplicate output column name '%s'; rename it "
                       "with AS",
                       q->out[i].name);
            return false;
        }
    }
    if (!cat_apply_options(b->a, b->d, t, st->with, st->n_with)) return false;
    if (!cat_check_connector(b->d, t, st->name_pos, false)) return false;
    PUSH(b->a, b->plan->cat.tables, b->plan->cat.n_tables, t);
    q->sink = t;
    q->sink_pos = st->name_pos;
    return true;
}

/* The path of a filesystem table with "." components, repeated and
 * trailing slashes removed, so that 'data/f.jsonl' and './data//f.jsonl'
 * compare equal (".." is kept: through a symbolic link it need not mean
 * the parent). The run-time check (rt_file.c) compares device and inode. */
static const char *normal_path(Binder *b, const char *path)
{
    size_t n = strlen(path);
    char *o = arena_alloc(b->a, n + 2), *w = o;
    bool abs = path[0] == '/';
    if (abs) *w++ = '/';
    for (const char *p = path; *p;) {
        while (*p == '/') p++;
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == 0) break;
        if (!(len == 1 && p[0] == '.')) {
            if (w > o && w[-1] != '/') *w++ = '/';
            memcpy(w, p, len);
            w += len;
        }
        p += len;
    }
    if (w == o) *w++ = '.';
    *w = 0;
    return o;
}

static bool same_file_table(Binder *b, const Table *x, const Table *y)
{
    if (x->connector != CONN_FILESYSTEM || y->connector != CONN_FILESYSTEM) return false;
    return x == y || strcmp(normal_path(b, x->path), normal_path(b, y->path)) == 0;
}

/* A table among tables[0..n), other than skip, on the file of t; or NULL. */
static Table *same_file_among(Binder *b, const Table *t, Table **tables, int n, const Table *skip)
{
    for (int i = 0; i < n; i++)
        if (tables[i] != skip && same_file_table(b, tables[i], t)) return tables[i];
    return NULL;
}

/* Registers q's source and sink with the catalog. A file the program both
 * reads and writes would be truncated when the sink opens before the source
 * has read it, and two tables writing one file would overwrite each other:
 * both are compile errors (the next version runs such pipelines in-process).
 * Returns false after reporting. */
static bool register_io(Binder *b, Query *q)
{
    Catalog *c = &b->plan->cat;
    const char *const same = "; reading and writing the same file is not supported yet";
    Table *other;
    if ((other = same_file_among(b, q->source, c->sinks, c->n_sinks, q->sink))) {
        diag_error(b->d, q->source_pos,
                   "'%s' reads the file '%s', which this file also writes (table '%s')%s",
                   q->source->name, q->source->path, other->name, same);
        return false;
    }
    if (same_file_table(b, q->source, q->sink)) {
        diag_error(b->d, q->sink_pos,
                   "'%s' writes the file '%s', which this query reads (table '%s')%s",
                   q->sink->name, q->sink->path, q->source->name, same);
        return false;
    }
    if ((other = same_file_among(b, q->sink, c->sources, c->n_sources, NULL))) {
        diag_error(b->d, q->sink_pos,
                   "'%s' writes the file '%s', which this file also reads (table '%s')%s",
                   q->sink->name, q->sink->path, other->name, same);
        return false;
    }
    if ((other = same_file_among(b, q->sink, c->sinks, c->n_sinks, q->sink))) {
        diag_error(b->d, q->sink_pos,
                   "'%s' writes the file '%s', which table '%s' writes too; each file sink needs a "
                   "file of its own",
                   q->sink->name, q->sink->path, other->name);
        return false;
    }
    if (q->source->source_index < 0) {
        q->source->source_index = c->n_sources;
        PUSH(b->a, c->sources, c->n_sources, q->source);
    }
    if (q->sink->sink_index < 0) {
        q->sink->sink_index = c->n_sinks;
        PUSH(b->a, c->sinks, c->n_sinks, q->sink);
    }
    return true;
}

/* The SELECT of a statement's query, or NULL after reporting what this
 * binder does not handle yet (WITH, set operations, VALUES, ORDER BY,
 * LIMIT, OFFSET). */
static const Select *query_select(Binder *b, const QueryExpr *q)
{
    static const char *const ops[] = {"UNION", "INTERSECT", "EXCEPT"};
    if (q->n_ctes > 0) {
        diag_error(b->d, q->pos, "WITH is not supported yet");
        return NULL;
    }
    if (q->kind == QK_SETOP) {
        /* the first operator in the text: the leftmost of the left-deep tree */
        while (q->l->kind == QK_SETOP && q->l->n_ctes == 0 && q->l->order_pos.line == 0 &&
               q->l->limit_pos.line == 0 && q->l->offset_pos.line == 0)
            q = q->l;
        diag_error(b->d, q->op_pos, "%s is not supported yet", ops[q->op]);
        return NULL;
    }
    if (q->kind == QK_VALUES) {
        diag_error(b->d, q->pos, "VALUES is not supported yet");
        return NULL;
    }
    if (q->order_pos.line > 0) {
        diag_error(b->d, q->order_pos, "ORDER BY is not supported yet");
        return NULL;
    }
    if (q->limit_pos.line > 0) {
        diag_error(b->d, q->limit_pos, "LIMIT is not supported yet");
        return NULL;
    }
    if (q->offset_pos.line > 0) {
        diag_error(b->d, q->offset_pos, "OFFSET is not supported yet");
        return NULL;
    }
    if (q->kind == QK_PAREN) return query_select(b, q->l);
    return q->select;
}

/* INSERT INTO ... query or CREATE TABLE|STREAM ... AS query. */
static void bind_query_stmt(Binder *b, const Stmt *st)
{
    if (st->overwrite) {
        diag_error(b->d, st->pos, "INSERT OVERWRITE is not supported yet");
        return;
    }
    const Select *sel = query_select(b, st->query);
    if (!sel) return;
    Query *q = bind_query(b, sel, st->pos);
    if (!q) return;
    bool ok = st->kind == ST_INSERT ? bind_insert_target(b, st, q) : bind_create_as(b, st, q);
    if (!ok || !register_io(b, q)) return;
    PUSH(b->a, b->plan->queries, b->plan->n_queries, q);
}

Plan *bind_program(Arena *a, Diag *d, const Program *prog)
{
    Binder b = {.a = a, .d = d};
    b.plan = arena_alloc(a, sizeof(Plan));
    for (int i = 0; i < prog->n_stmts && d->n_errors == 0; i++) {
        const Stmt *st = prog->stmts[i];
        switch (st->kind) {
        case ST_CREATE_TABLE:
            bind_create_table(&b, st);
            break;
        case ST_CREATE_AS:
        case ST_INSERT:
            bind_query_stmt(&b, st);
            break;
        case ST_STATEMENT_SET:
            for (int k = 0; k < st->n_body && d->n_errors == 0; k++)
                bind_query_stmt(&b, st->body[k]);
            break;
        case ST_CREATE_VIEW:
            diag_error(d, st->pos, "views are not supported yet");
            break;
        case ST_QUERY:
            diag_error(d, st->pos, "bare SELECT statements are not supported yet");
            break;
        case ST_SET:
        case ST_RESET:
        case ST_BEGIN_SET:
        case ST_END:
            /* client settings and statement-set markers: nothing to plan */
            break;
        }
    }
    if (d->n_errors) return NULL;
    if (b.plan->n_queries == 0) {
        diag_error(d, (SrcPos){0, 0},
                   "no query: add INSERT INTO ... SELECT ... or CREATE STREAM "
                   "... AS SELECT ...");
        return NULL;
    }
    return b.plan;
}

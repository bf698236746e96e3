/* optimize.c - plan rewrites that never change results.
 *
 *  - constant folding (SQL three-valued logic; integer arithmetic wraps like
 *    Flink's Java arithmetic; x / 0 folds to NULL like the generated code);
 *  - predicate pushdown: HAVING conjuncts that only read group keys are
 *    evaluated per row in WHERE instead (same groups survive, fewer rows are
 *    aggregated);
 *  - WHERE TRUE disappears; the columns each source must decode are the
 *    union of what its queries and its watermark read (projection pushdown
 *    into the decoder). */
#include <math.h>
#include <string.h>

#include "plan.h"

static BExpr *lit_new(Arena *a, const BExpr *like, TypeKind k)
{
    BExpr *e = arena_alloc(a, sizeof *e);
    e->kind = BX_LIT;
    e->type.kind = k;
    e->type.nullable = false;
    e->pos = like->pos;
    return e;
}

static BExpr *lit_null(Arena *a, const BExpr *like)
{
    BExpr *e = lit_new(a, like, like->type.kind);
    e->u.lit.is_null = true;
    e->type.nullable = true;
    return e;
}

static BExpr *lit_bool(Arena *a, const BExpr *like, bool v)
{
    BExpr *e = lit_new(a, like, TY_BOOLEAN);
    e->u.lit.b = v;
    return e;
}

static bool is_lit(const BExpr *e)
{
    return e->kind == BX_LIT;
}

static bool is_null_lit(const BExpr *e)
{
    return e->kind == BX_LIT && e->u.lit.is_null;
}

static bool is_bool_lit(const BExpr *e, bool v)
{
    return e->kind == BX_LIT && !e->u.lit.is_null && e->type.kind == TY_BOOLEAN && e->u.lit.b == v;
}

static bool int_kind(TypeKind k)
{
    return k == TY_TINYINT || k == TY_SMALLINT || k == TY_INT || k == TY_BIGINT ||
           k == TY_TIMESTAMP || k == TY_INTERVAL;
}

/* Wraps v to the width of k, as Java int/long arithmetic does. */
static int64_t wrap(TypeKind k, uint64_t v)
{
    if (k == TY_INT || k == TY_SMALLINT || k == TY_TINYINT) return (int64_t)(int32_t)(uint32_t)v;
    return (int64_t)v;
}

static int cmp_lits(const BExpr *l, const BExpr *r)
{
    switch (l->type.kind) {
    case TY_DOUBLE:
        return (l->u.lit.d > r->u.lit.d) - (l->u.lit.d < r->u.lit.d);
    case TY_BOOLEAN:
        return (int)l->u.lit.b - (int)r->u.lit.b;
    case TY_VARCHAR: {
        int64_t n = l->u.lit.slen < r->u.lit.slen ? l->u.lit.slen : r->u.lit.slen;
        int c = memcmp(l->u.lit.s, r->u.lit.s, (size_t)n);
        if (c) return c < 0 ? -1 : 1;
        return (l->u.lit.slen > r->u.lit.slen) - (l->u.lit.slen < r->u.lit.slen);
    }
    default:
        return (l->u.lit.i > r->u.lit.i) - (l->u.lit.i < r->u.lit.i);
    }
}

static BExpr *fold_binary(Arena *a, BExpr *e)
{
    BExpr *l = e->args[0], *r = e->args[1];
    int op = e->u.op;
    if (op == BOP_AND) {
        if (is_bool_lit(l, false) || is_bool_lit(r, false)) return lit_bool(a, e, false);
        if (is_bool_lit(l, true)) return r;
        if (is_bool_lit(r, true)) return l;
        if (is_null_lit(l) && is_null_lit(r)) return lit_null(a, e);
        return e;
    }
    if (op == BOP_OR) {
        if (is_bool_lit(l, true) || is_bool_lit(r, true)) return lit_bool(a, e, true);
        if (is_bool_lit(l, false)) return r;
        if (is_bool_lit(r, false)) return l;
        if (is_null_lit(l) && is_null_lit(r)) return lit_null(a, e);
        return e;
    }
    if (!is_lit(l) || !is_lit(r)) return e;
    if (is_null_lit(l) || is_null_lit(r)) return lit_null(a, e);
    switch (op) {
    case BOP_EQ:
        return lit_bool(a, e, cmp_lits(l, r) == 0);
    case BOP_NE:
        return lit_bool(a, e, cmp_lits(l, r) != 0);
    case BOP_LT:
        return lit_bool(a, e, cmp_lits(l, r) < 0);
    case BOP_LE:
        return lit_bool(a, e, cmp_lits(l, r) <= 0);
    case BOP_GT:
        return lit_bool(a, e, cmp_lits(l, r) > 0);
    case BOP_GE:
        return lit_bool(a, e, cmp_lits(l, r) >= 0);
    case BOP_CONCAT: {
        BExpr *x = lit_new(a, e, TY_VARCHAR);
        char *s = arena_alloc(a, (size_t)(l->u.lit.slen + r->u.lit.slen + 1));
        memcpy(s, l->u.lit.s, (size_t)l->u.lit.slen);
        memcpy(s + l->u.lit.slen, r->u.lit.s, (size_t)r->u.lit.slen);
        x->u.lit.s = s;
        x->u.lit.slen = l->u.lit.slen + r->u.lit.slen;
        return x;
    }
    default:
        break;
    }
    TypeKind k = e->type.kind;
    if (k == TY_DOUBLE) {
        double x = l->u.lit.d, y = r->u.lit.d, v;
        switch (op) {
        case BOP_ADD:
            v = x + y;
            break;
        case BOP_SUB:
            v = x - y;
            break;
        case BOP_MUL:
            v = x * y;
            break;
        case BOP_DIV:
            if (y == 0) return lit_null(a, e);
            v = x / y;
            break;
        default:
            return e;
        }
        BExpr *n = lit_new(a, e, TY_DOUBLE);
        n->u.lit.d = v;
        return n;
    }
    if (!int_kind(k)) return e;
    int64_t x = l->u.lit.i, y = r->u.lit.i;
    uint64_t v;
    switch (op) {
    case BOP_ADD:
        v = (uint64_t)x + (uint64_t)y;
        break;
    case BOP_SUB:
        v = (uint64_t)x - (uint64_t)y;
        break;
    case BOP_MUL:
        v = (uint64_t)x * (uint64_t)y;
        break;
    case BOP_DIV:
        if (y == 0) return lit_null(a, e);
        v = y == -1 ? (uint64_t)0 - (uint64_t)x : (uint64_t)(x / y);
        break;
    case BOP_MOD:
        if (y == 0) return lit_null(a, e);
        v = y == -1 ? 0 : (uint64_t)(x % y);
        break;
    default:
        return e;
    }
    BExpr *n = lit_new(a, e, k);
    n->u.lit.i = wrap(k, v);
    return n;
}

static BExpr *fold_cast(Arena *a, BExpr *e)
{
    BExpr *x = e->args[0];
    if (!is_lit(x)) return e;
    if (is_null_lit(x)) return lit_null(a, e);
    TypeKind from = x->type.kind, to = e->type.kind;
    if (int_kind(from) && to == TY_DOUBLE) {
        BExpr *n = lit_new(a, e, to);
        n->u.lit.d = (double)x->u.lit.i;
        return n;
    }
    if (from == TY_INT && to == TY_BIGINT) {
        BExpr *n = lit_new(a, e, to);
        n->u.lit.i = x->u.lit.i;
        return n;
    }
    /* the rest (narrowing, strings) is left to the generated code, which
     * implements the run-time NULL-on-failure rules in one place */
    return e;
}

BExpr *opt_fold(Arena *a, BExpr *e)
{
    if (!e) return e;
    for (int i = 0; i < e->n_args; i++) e->args[i] = opt_fold(a, e->args[i]);
    switch (e->kind) {
    case BX_BINARY:
        return fold_binary(a, e);
    case BX_UNARY: {
        BExpr *x = e->args[0];
        if (!is_lit(x)) return e;
        if (is_null_lit(x)) return lit_null(a, e);
        if (e->u.op == UOP_NOT) return lit_bool(a, e, !x->u.lit.b);
        BExpr *n = lit_new(a, e, e->type.kind);
        if (e->type.kind == TY_DOUBLE)
            n->u.lit.d = -x->u.lit.d;
        else
            n->u.lit.i = wrap(e->type.kind, (uint64_t)0 - (uint64_t)x->u.lit.i);
        return n;
    }
    case BX_IS_NULL:
        if (!is_lit(e->args[0])) return e;
        return lit_bool(a, e, is_null_lit(e->args[0]) != e->u.negated);
    case BX_CAST:
        return fold_cast(a, e);
    case BX_CASE: {
        int n = e->n_args / 2;
        /* drop leading branches whose condition is constant FALSE/NULL; a
         * leading constant TRUE decides the result */
        int first = 0;
        while (first < n && is_lit(e->args[2 * first]) && !is_bool_lit(e->args[2 * first], true))
            first++;
        if (first < n && is_bool_lit(e->args[2 * first], true)) return e->args[2 * first + 1];
        if (first == n) return e->u.has_else ? e->args[2 * n] : lit_null(a, e);
        if (first > 0) {
            int m = e->n_args - 2 * first;
            BExpr **na = arena_alloc(a, sizeof(BExpr *) * (size_t)m);
            memcpy(na, e->args + 2 * first, sizeof(BExpr *) * (size_t)m);
            e->args = na;
            e->n_args = m;
        }
        return e;
    }
    default:
        return e;
    }
}

/* ---- HAVING pushdown ----------------------------------------------------------- */

static bool only_keys(const BExpr *e)
{
    if (e->kind == BX_AGG || e->kind == BX_WSTART || e->kind == BX_WEND || e->kind == BX_WTIME)
        return false;
    for (int i = 0; i < e->n_args; i++)
        if (!only_keys(e->args[i])) return false;
    return true;
}

static bool mentions_key(const BExpr *e)
{
    if (e->kind == BX_KEY) return true;
    for (int i = 0; i < e->n_args; i++)
        if (mentions_key(e->args[i])) return true;
    return false;
}

/* Copy of e with BX_KEY(i) replaced by the key's row expression. */
static BExpr *keys_to_row(Arena *a, const Query *q, const BExpr *e)
{
    if (e->kind == BX_KEY) return q->keys[e->u.index];
    BExpr *c = arena_alloc(a, sizeof *c);
    *c = *e;
    if (e->n_args) {
        c->args = arena_alloc(a, sizeof(BExpr *) * (size_t)e->n_args);
        for (int i = 0; i < e->n_args; i++) c->args[i] = keys_to_row(a, q, e->args[i]);
    }
    return c;
}

static BExpr *and_of(Arena *a, BExpr *l, BExpr *r)
{
    if (!l) return r;
    if (!r) return l;
    BExpr *e = arena_alloc(a, sizeof *e);
    e->kind = BX_BINARY;
    e->u.op = BOP_AND;
    e->type.kind = TY_BOOLEAN;
    e->type.nullable = l->type.nullable || r->type.nullable;
    e->pos = l->pos;
    e->n_args = 2;
    e->args = arena_alloc(a, sizeof(BExpr *) * 2);
    e->args[0] = l;
    e->args[1] = r;
    return e;
}

/* Splits h into its AND-ed conjuncts; key-only ones go to *push, the rest
 * is returned (NULL when nothing remains). */
static BExpr *split_having(Arena *a, const Query *q, BExpr *h, BExpr **push)
{
    if (h->kind == BX_BINARY && h->u.op == BOP_AND) {
        BExpr *l = split_having(a, q, h->args[0], push);
        BExpr *r = split_having(a, q, h->args[1], push);
        return and_of(a, l, r);
    }
    if (only_keys(h) && mentions_key(h)) {
        *push = and_of(a, *push, keys_to_row(a, q, h));
        return NULL;
    }
    return h;
}

/* ---- columns read ---------------------------------------------------------------- */

static void mark_cols(Table *t, const BExpr *e)
{
    if (!e) return;
    if (e->kind == BX_COL) t->col_used[e->u.index] = true;
    for (int i = 0; i < e->n_args; i++) mark_cols(t, e->args[i]);
}

void opt_program(Arena *a, Plan *p)
{
    for (int i = 0; i < p->cat.n_tables; i++) {
        Table *t = p->cat.tables[i];
        if (t->wm_expr) t->wm_expr = opt_fold(a, t->wm_expr);
    }
    for (int qi = 0; qi < p->n_queries; qi++) {
        Query *q = p->queries[qi];
        for (int i = 0; i < q->n_keys; i++) q->keys[i] = opt_fold(a, q->keys[i]);
        for (int i = 0; i < q->n_slots; i++)
            if (q->slots[i].arg) q->slots[i].arg = opt_fold(a, q->slots[i].arg);
        for (int i = 0; i < q->n_aggs; i++)
            if (q->aggs[i].arg) q->aggs[i].arg = opt_fold(a, q->aggs[i].arg);
        for (int i = 0; i < q->n_out; i++) q->out[i].expr = opt_fold(a, q->out[i].expr);
        if (q->having) {
            BExpr *push = NULL;
            q->having = split_having(a, q, opt_fold(a, q->having), &push);
            if (push) q->filter = and_of(a, q->filter, push);
            if (q->having && is_bool_lit(q->having, true)) q->having = NULL;
        }
        if (q->filter) {
            q->filter = opt_fold(a, q->filter);
            if (is_bool_lit(q->filter, true)) q->filter = NULL;
        }
        Table *t = q->source;
        mark_cols(t, q->filter);
        for (int i = 0; i < q->n_keys; i++) mark_cols(t, q->keys[i]);
        for (int i = 0; i < q->n_slots; i++) mark_cols(t, q->slots[i].arg);
        if (!q->has_agg)
            for (int i = 0; i < q->n_out; i++) mark_cols(t, q->out[i].expr);
        if (q->window != WIN_NONE) t->col_used[q->time_col] = true;
    }
    for (int i = 0; i < p->cat.n_sources; i++) {
        Table *t = p->cat.sources[i];
        if (t->wm_col >= 0) {
            t->col_used[t->wm_col] = true;
            mark_cols(t, t->wm_expr);
        }
    }
}

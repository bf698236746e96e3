/* optimize.c - rewrites of the logical plan that never change results
 * (docs/architecture.md, "Optimizer"):
 *
 *  - constant folding (SQL three-valued logic; integer arithmetic wraps like
 *    Flink's Java arithmetic; x / 0 folds to NULL like the generated code);
 *    a filter that folds to TRUE disappears;
 *  - predicate pushdown: a Calc's filter conjuncts move below a Union (into
 *    every branch), below an Aggregate when they read only group keys (HAVING
 *    to WHERE: the same groups survive, fewer rows are aggregated), and into
 *    the Calc below when they read only its plain columns;
 *  - pass-through operators disappear (identity Calcs, one-input Unions);
 *  - common subplans: equal Calcs, Window TVFs and Aggregates over the same
 *    input are computed once;
 *  - projection pruning: every operator learns which of its columns a
 *    consumer reads (Op.used), down to the decoders, which skip the rest. */
#include <math.h>
#include <string.h>

#include <stdlib.h>

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

/* ---- helpers ----------------------------------------------------------------------- */

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

/* Splits a filter into its AND-ed conjuncts (appended to *v). */
static void conjuncts(Arena *a, BExpr *f, BExpr ***v, int *n)
{
    if (f->kind == BX_BINARY && f->u.op == BOP_AND) {
        conjuncts(a, f->args[0], v, n);
        conjuncts(a, f->args[1], v, n);
        return;
    }
    ARENA_PUSH(a, *v, *n, f);
}

/* Does e read only columns c with ok[c]? */
static bool reads_only(const BExpr *e, const bool *ok)
{
    if (e->kind == BX_COL) return ok[e->u.index];
    for (int i = 0; i < e->n_args; i++)
        if (!reads_only(e->args[i], ok)) return false;
    return true;
}

/* e with every column reference c replaced by a copy of map[c]. */
static BExpr *subst(Arena *a, const BExpr *e, BExpr *const *map)
{
    if (e->kind == BX_COL) {
        BExpr *m = map[e->u.index];
        BExpr *c = arena_alloc(a, sizeof *c);
        *c = *m;
        /* keep the column's nullability view of the reader (a NULL-padded
         * key is nullable even when the expression is not) */
        c->type = e->type;
        if (c->type.kind != m->type.kind) c->type.kind = m->type.kind;
        return c;
    }
    BExpr *c = arena_alloc(a, sizeof *c);
    *c = *e;
    if (e->n_args) {
        c->args = arena_alloc(a, sizeof(BExpr *) * (size_t)e->n_args);
        for (int i = 0; i < e->n_args; i++) c->args[i] = subst(a, e->args[i], map);
    }
    return c;
}

/* Folds every expression of op. */
static void fold_op(Arena *a, Op *op)
{
    if (op->kind != OP_CALC) return;
    if (op->filter) {
        op->filter = opt_fold(a, op->filter);
        if (is_bool_lit(op->filter, true)) op->filter = NULL;
    }
    if (op->n_sets) {
        for (int s = 0; s < op->n_sets; s++)
            for (int i = 0; i < op->n_cols; i++) op->sets[s][i] = opt_fold(a, op->sets[s][i]);
        op->exprs = op->sets[0];
    } else {
        for (int i = 0; i < op->n_cols; i++) op->exprs[i] = opt_fold(a, op->exprs[i]);
    }
}

/* ---- predicate pushdown --------------------------------------------------------------- */

/* Moves the conjuncts of op's filter that pass `movable` below it; returns
 * the conjuncts that stay (or NULL). The moved ones, rewritten by `map`,
 * are AND-ed into *below. */
static BExpr *move_conjuncts(Arena *a, BExpr *filter, const bool *ok, BExpr *const *map,
                             BExpr **below)
{
    BExpr **cs = NULL, *stay = NULL;
    int n = 0;
    conjuncts(a, filter, &cs, &n);
    for (int i = 0; i < n; i++) {
        if (reads_only(cs[i], ok))
            *below = and_of(a, *below, subst(a, cs[i], map));
        else
            stay = and_of(a, stay, cs[i]);
    }
    return stay;
}

/* A Calc's filter into the Union below it: each branch gets a Calc with
 * the filter (or the filter joins the branch's own Calc). */
static bool push_into_union(Arena *a, Plan *p, Op *calc)
{
    Op *u = calc->in[0];
    if (u->kind != OP_UNION || u->n_out != 1 || !calc->filter) return false;
    for (int i = 0; i < u->n_in; i++) {
        Op *br = u->in[i];
        if (br->kind == OP_CALC && br->n_out == 1 && br->n_sets == 0) {
            BExpr *f = subst(a, calc->filter, br->exprs);
            br->filter = and_of(a, br->filter, f);
            continue;
        }
        Op *c = plan_op(a, p, OP_CALC, 1, br->n_cols);
        c->in[0] = br;
        c->pos = calc->pos;
        c->label = calc->label;
        c->exprs = arena_alloc(a, sizeof(BExpr *) * (size_t)(br->n_cols + 1));
        for (int k = 0; k < br->n_cols; k++) {
            c->cols[k] = br->cols[k];
            BExpr *e = arena_alloc(a, sizeof *e);
            e->kind = BX_COL;
            e->type = br->cols[k].type;
            e->u.index = k;
            e->pos = calc->pos;
            c->exprs[k] = e;
        }
        c->filter = calc->filter;
        u->in[i] = c;
    }
    calc->filter = NULL;
    return true;
}

/* HAVING conjuncts over group keys become WHERE conjuncts of the Calc
 * below the Aggregate. Not for grouping sets (a key is NULL in the rows of
 * sets without it) nor for window bounds (the window aggregation assigns
 * them itself). */
static bool push_below_agg(Arena *a, Op *calc)
{
    Op *agg = calc->in[0];
    if (agg->kind != OP_AGG || agg->n_out != 1 || agg->agg.grouping_sets || !calc->filter)
        return false;
    Op *pre = agg->in[0];
    if (pre->kind != OP_CALC || pre->n_out != 1 || pre->n_sets) return false;
    bool *ok = arena_alloc(a, sizeof(bool) * (size_t)(agg->n_cols + 1));
    BExpr **map = arena_alloc(a, sizeof(BExpr *) * (size_t)(agg->n_cols + 1));
    for (int k = 0; k < agg->agg.n_keys; k++) {
        BExpr *x = pre->exprs[agg->agg.keys[k]];
        ok[k] = true;
        if (agg->agg.windowed) {
            /* window bounds come from the Window TVF below the Calc */
            const Op *w = pre->in[0];
            if (w->kind == OP_WINDOW && x->kind == BX_COL && x->u.index >= w->n_cols - 3)
                ok[k] = false;
        }
        map[k] = x;
    }
    BExpr *below = NULL;
    BExpr *stay = move_conjuncts(a, calc->filter, ok, map, &below);
    if (!below) return false;
    pre->filter = and_of(a, pre->filter, below);
    calc->filter = stay;
    return true;
}

/* A filter over plain columns of the Calc below moves into that Calc. */
static bool push_into_calc(Arena *a, Op *calc)
{
    Op *lo = calc->in[0];
    if (lo->kind != OP_CALC || lo->n_out != 1 || lo->n_sets || !calc->filter) return false;
    bool *ok = arena_alloc(a, sizeof(bool) * (size_t)(lo->n_cols + 1));
    for (int c = 0; c < lo->n_cols; c++)
        ok[c] = lo->exprs[c]->kind == BX_COL || lo->exprs[c]->kind == BX_LIT;
    BExpr *below = NULL;
    BExpr *stay = move_conjuncts(a, calc->filter, ok, lo->exprs, &below);
    if (!below) return false;
    lo->filter = and_of(a, lo->filter, below);
    calc->filter = stay;
    return true;
}

/* ---- pass-through operators and common subplans ------------------------------------------ */

/* The operator consumers should read instead of op (op itself when it is
 * not a pass-through). */
static Op *bypass_of(Op *op)
{
    if (op->kind == OP_UNION && op->n_in == 1) return op->in[0];
    if (op->kind == OP_CALC && !op->filter && op->n_sets == 0 && op->n_cols == op->in[0]->n_cols) {
        for (int i = 0; i < op->n_cols; i++) {
            const BExpr *e = op->exprs[i];
            if (e->kind != BX_COL || e->u.index != i ||
                e->type.kind != op->in[0]->cols[i].type.kind ||
                op->cols[i].time_attr != op->in[0]->cols[i].time_attr)
                return op;
        }
        return op->in[0];
    }
    return op;
}

static bool same_window(const WindowSpec *x, const WindowSpec *y)
{
    if (x->kind != y->kind || x->time_col != y->time_col || x->size != y->size ||
        x->slide != y->slide || x->step != y->step || x->gap != y->gap || x->offset != y->offset ||
        x->n_partition != y->n_partition)
        return false;
    for (int i = 0; i < x->n_partition; i++)
        if (x->partition[i] != y->partition[i]) return false;
    return true;
}

static bool same_calls(const Agg *x, const Agg *y)
{
    if (x->n_keys != y->n_keys || x->n_calls != y->n_calls || x->windowed != y->windowed ||
        x->emit != y->emit || x->lateness != y->lateness || x->ttl != y->ttl ||
        x->grouping_sets != y->grouping_sets)
        return false;
    for (int i = 0; i < x->n_keys; i++)
        if (x->keys[i] != y->keys[i]) return false;
    for (int i = 0; i < x->n_calls; i++) {
        const AggCall *a = &x->calls[i], *b = &y->calls[i];
        if (a->kind != b->kind || a->arg != b->arg || a->distinct != b->distinct ||
            a->filter != b->filter || a->frac != b->frac || a->desc != b->desc ||
            a->sep.slen != b->sep.slen ||
            (a->sep.slen && memcmp(a->sep.s, b->sep.s, (size_t)a->sep.slen) != 0))
            return false;
    }
    return true;
}

/* Do x and y compute the same rows from the same inputs? */
static bool same_op(const Op *x, const Op *y)
{
    if (x->kind != y->kind || x->n_in != y->n_in || x->n_cols != y->n_cols) return false;
    for (int i = 0; i < x->n_in; i++)
        if (x->in[i] != y->in[i]) return false;
    for (int i = 0; i < x->n_cols; i++)
        if (x->cols[i].time_attr != y->cols[i].time_attr ||
            x->cols[i].type.kind != y->cols[i].type.kind)
            return false;
    switch (x->kind) {
    case OP_CALC:
        if (x->n_sets || y->n_sets || !bexpr_equal(x->filter, y->filter)) return false;
        for (int i = 0; i < x->n_cols; i++)
            if (!bexpr_equal(x->exprs[i], y->exprs[i])) return false;
        return true;
    case OP_WINDOW:
        return same_window(&x->win, &y->win);
    case OP_AGG:
        return same_calls(&x->agg, &y->agg);
    default:
        return false;
    }
}

/* Redirects every input of every operator through bypass_of and merges
 * equal operators; returns true when something changed. */
static bool share_and_bypass(Plan *p)
{
    bool changed = false;
    for (int i = 0; i < p->n_ops; i++) {
        Op *op = p->ops[i];
        for (int j = 0; j < op->n_in; j++) {
            Op *t = bypass_of(op->in[j]);
            if (t != op->in[j]) {
                op->in[j] = t;
                changed = true;
            }
        }
    }
    /* equal operators: ops are in topological order, so inputs are already
     * shared when an op is compared. Quadratic per input's consumer list
     * only (consumers of one operator). */
    for (int i = 0; i < p->n_ops; i++) {
        Op *op = p->ops[i];
        for (int j = 0; j < op->n_out; j++) {
            Op *x = op->out[j];
            for (int k = j + 1; k < op->n_out; k++) {
                Op *y = op->out[k];
                if (x == y || !same_op(x, y)) continue;
                /* every reader of y reads x */
                for (int r = 0; r < y->n_out; r++)
                    for (int q = 0; q < y->out[r]->n_in; q++)
                        if (y->out[r]->in[q] == y) y->out[r]->in[q] = x;
                for (int s = 0; s < p->n_sinks; s++)
                    if (p->sinks[s] == y) p->sinks[s] = x;
                changed = true;
            }
        }
    }
    return changed;
}

/* ---- projection pruning --------------------------------------------------------------------- */

static void mark_expr(const BExpr *e, bool *used)
{
    if (!e) return;
    if (e->kind == BX_COL) used[e->u.index] = true;
    for (int i = 0; i < e->n_args; i++) mark_expr(e->args[i], used);
}

/* Fills every operator's used[] from its consumers, sinks first (they
 * write every column), and the scanned tables' col_used (what the decoders
 * convert). */
static void prune(Arena *a, Plan *p)
{
    for (int i = 0; i < p->n_ops; i++) {
        Op *op = p->ops[i];
        op->used = arena_alloc(a, sizeof(bool) * (size_t)(op->n_cols + 1));
    }
    for (int i = p->n_ops - 1; i >= 0; i--) {
        Op *op = p->ops[i];
        if (op->kind == OP_SINK)
            for (int c = 0; c < op->n_cols; c++) op->used[c] = true;
        if (op->n_in == 0) continue;
        bool *in_used = op->in[0]->used;
        switch (op->kind) {
        case OP_SINK:
            for (int c = 0; c < op->n_cols; c++) in_used[c] = true;
            break;
        case OP_CALC:
            mark_expr(op->filter, in_used);
            if (op->n_sets) {
                for (int s = 0; s < op->n_sets; s++)
                    for (int c = 0; c < op->n_cols; c++)
                        if (op->used[c]) mark_expr(op->sets[s][c], in_used);
            } else {
                for (int c = 0; c < op->n_cols; c++)
                    if (op->used[c]) mark_expr(op->exprs[c], in_used);
            }
            break;
        case OP_WINDOW:
            for (int c = 0; c < op->in[0]->n_cols; c++)
                if (op->used[c]) in_used[c] = true;
            in_used[op->win.time_col] = true;
            for (int k = 0; k < op->win.n_partition; k++) in_used[op->win.partition[k]] = true;
            break;
        case OP_AGG:
            /* every output of an aggregate is kept: a call's state is what
             * the operator is for, and keys define its groups */
            for (int c = 0; c < op->n_cols; c++) op->used[c] = true;
            for (int k = 0; k < op->agg.n_keys; k++) in_used[op->agg.keys[k]] = true;
            for (int k = 0; k < op->agg.n_calls; k++) {
                if (op->agg.calls[k].arg >= 0) in_used[op->agg.calls[k].arg] = true;
                if (op->agg.calls[k].filter >= 0) in_used[op->agg.calls[k].filter] = true;
            }
            break;
        case OP_UNION:
            for (int j = 0; j < op->n_in; j++)
                for (int c = 0; c < op->n_cols; c++)
                    if (op->used[c]) op->in[j]->used[c] = true;
            break;
        case OP_WATERMARK:
            for (int c = 0; c < op->n_cols; c++)
                if (op->used[c]) in_used[c] = true;
            if (op->table->wm_col >= 0) {
                in_used[op->table->wm_col] = true;
                mark_expr(op->table->wm_expr, in_used);
            }
            break;
        case OP_SCAN:
            break;
        }
    }
    for (int i = 0; i < p->n_ops; i++) {
        Op *op = p->ops[i];
        if (op->kind != OP_SCAN) continue;
        Table *t = op->table;
        for (int c = 0; c < t->n_cols; c++) t->col_used[c] = op->used[c];
        if (t->wm_col >= 0) {
            t->col_used[t->wm_col] = true;
            mark_expr(t->wm_expr, t->col_used);
        }
        /* an upsert source's key identifies the row it changes */
        for (int k = 0; k < t->n_pk; k++) t->col_used[t->pk[k]] = true;
        for (int c = 0; c < t->n_cols; c++) op->used[c] = t->col_used[c];
    }
}

void opt_program(Arena *a, Plan *p)
{
    for (int i = 0; i < p->n_ops; i++) fold_op(a, p->ops[i]);
    /* pushdown until nothing moves (each step moves a conjunct down one
     * operator, so this ends) */
    for (int round = 0; round < 64; round++) {
        bool changed = false;
        plan_link(a, p);
        for (int i = p->n_ops - 1; i >= 0; i--) {
            Op *op = p->ops[i];
            if (op->kind != OP_CALC || !op->filter) continue;
            changed |= push_into_union(a, p, op);
            changed |= push_below_agg(a, op);
            changed |= push_into_calc(a, op);
        }
        plan_link(a, p);
        changed |= share_and_bypass(p);
        if (!changed) break;
    }
    plan_link(a, p);
    for (int i = 0; i < p->n_ops; i++) fold_op(a, p->ops[i]);
    plan_derive(a, p);
    prune(a, p);
}

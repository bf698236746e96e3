/* select.c - query expressions to operators (bind_internal.h;
 * docs/architecture.md, "Binding").
 *
 * A SELECT becomes, bottom up:
 *
 *   FROM item ([Window TVF]) -> Calc(WHERE, group keys, aggregate arguments)
 *     -> [Expand (grouping sets)] -> Aggregate -> Calc(HAVING, SELECT list)
 *     -> [Aggregate (DISTINCT)]
 *
 * or, without aggregation, FROM item -> Calc(WHERE, SELECT list). An
 * aggregate call's argument is a column of the Calc below the Aggregate
 * (Calcite's shape), so aggregates read plain columns and equal arguments
 * are computed once. The three window syntaxes (window TVFs, the legacy
 * GROUP BY TUMBLE(...) group windows, ksqlDB's WINDOW clause) all become a
 * Window TVF below the Aggregate grouped by window_start and window_end;
 * the legacy and ksqlDB forms keep those columns hidden and reach them
 * through TUMBLE_START()/WINDOWSTART and friends. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bind_internal.h"

/* How a query names its window bounds when they are hidden (the legacy
 * group windows and ksqlDB's WINDOW clause). */
typedef enum ImplicitWin { IW_NONE, IW_LEGACY, IW_KSQL } ImplicitWin;

/* The aggregate context of one grouped SELECT. */
struct AggCtx {
    Scope *from; /* the row below the aggregate (after the window TVF, if any) */
    PtrVec pre;  /* BExpr*: columns of the Calc below the Aggregate */
    HMap pre_index;
    int n_keys; /* the first n_keys pre columns are the group keys */
    bool sets;  /* grouping sets: an Expand adds the set id as a last key */
    uint64_t *set_masks;
    int n_sets;
    AggCall *calls;
    int n_calls;
    HMap call_index;
    /* hidden window bounds (legacy / ksqlDB): their key positions */
    ImplicitWin iw;
    WindowKind iw_kind;
    int key_wstart, key_wend, key_wtime;
    /* HAVING may name a SELECT alias (DuckDB does; README) */
    const Select *sel;
    int alias_depth;
};

/* ---- small helpers ---------------------------------------------------------- */

Op *sel_calc(Binder *b, Op *in, BExpr *filter, BExpr **exprs, const char **names, int n, SrcPos pos)
{
    Op *op = plan_op(b->a, b->plan, OP_CALC, 1, n);
    op->in[0] = in;
    op->pos = pos;
    op->label = b->label;
    op->filter = filter;
    op->exprs = arena_alloc(b->a, sizeof(BExpr *) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        op->exprs[i] = exprs[i];
        op->cols[i].name = names[i];
        op->cols[i].type = exprs[i]->type;
        /* a projection of a time attribute keeps it one (Flink) */
        op->cols[i].time_attr = exprs[i]->kind == BX_COL && in->cols[exprs[i]->u.index].time_attr;
    }
    return op;
}

/* A Calc over `in` that renames its columns to names[0..n) (n must be
 * in->n_cols). */
static Op *sel_rename(Binder *b, Op *in, const char **names, SrcPos pos)
{
    BExpr **exprs = arena_alloc(b->a, sizeof(BExpr *) * (size_t)(in->n_cols + 1));
    for (int i = 0; i < in->n_cols; i++) exprs[i] = bx_col(b, in, i, pos);
    return sel_calc(b, in, NULL, exprs, names, in->n_cols, pos);
}

/* Flink names an unnamed expression EXPR$<position>. */
static const char *sel_default_name(Binder *b, const Expr *e, int i)
{
    if (e->kind == EX_COLUMN) return e->u.col.name;
    return arena_printf(b->a, "EXPR$%d", i);
}

/* a mod m in [0, m), for m > 0 (offsets before the epoch align too) */
static int64_t sel_floor_mod(int64_t a, int64_t m)
{
    int64_t r = a % m;
    return r < 0 ? r + m : r;
}

/* Does x read any input column? */
static bool has_col_refs(const BExpr *x)
{
    if (x->kind == BX_COL) return true;
    for (int i = 0; i < x->n_args; i++)
        if (has_col_refs(x->args[i])) return true;
    return false;
}

/* ---- views and CTEs ---------------------------------------------------------- */

Op *sel_view(Binder *b, View *v, SrcPos use)
{
    if (v->op) return v->op;
    if (v->busy) {
        diag_error(b->d, use,
                   "'%s' refers to itself; recursive views and queries are not "
                   "supported",
                   v->name);
        return NULL;
    }
    v->busy = true;
    CteScope *saved = b->ctes;
    const char *saved_label = b->label;
    b->ctes = v->env;
    b->label = v->name;
    Op *op = sel_query(b, v->query);
    b->ctes = saved;
    b->label = saved_label;
    v->busy = false;
    if (!op) return NULL;
    if (v->n_cols > 0) {
        if (v->n_cols != op->n_cols) {
            diag_error(b->d, v->pos, "'%s' names %d column%s but its query produces %d", v->name,
                       v->n_cols, v->n_cols == 1 ? "" : "s", op->n_cols);
            return NULL;
        }
        op = sel_rename(b, op, v->cols, v->pos);
    }
    v->op = op;
    return op;
}

/* The CTE named `name` in scope, or NULL. */
static View *sel_find_cte(Binder *b, const char *name)
{
    for (CteScope *c = b->ctes; c; c = c->outer)
        for (int i = c->n_ctes - 1; i >= 0; i--)
            if (strcasecmp(c->ctes[i]->name, name) == 0) return c->ctes[i];
    return NULL;
}

/* The rows a FROM clause's name stands for: a CTE, a view or a table. */
static Op *sel_named(Binder *b, const char *name, SrcPos pos, Table **table)
{
    *table = NULL;
    View *v = sel_find_cte(b, name);
    if (!v) v = cat_find_view(&b->plan->cat, name);
    if (v) return sel_view(b, v, pos);
    Table *t = cat_find(&b->plan->cat, name);
    if (t) {
        *table = t;
        return bind_read_table(b, t, pos);
    }
    /* suggestions: tables, views and CTEs */
    PtrVec names = {0};
    for (int i = 0; i < b->plan->cat.n_tables; i++)
        ptrvec_push(b->a, &names, (void *)b->plan->cat.tables[i]->name);
    for (int i = 0; i < b->plan->cat.n_views; i++)
        ptrvec_push(b->a, &names, (void *)b->plan->cat.views[i]->name);
    for (CteScope *c = b->ctes; c; c = c->outer)
        for (int i = 0; i < c->n_ctes; i++) ptrvec_push(b->a, &names, (void *)c->ctes[i]->name);
    const char *sug = diag_suggest(name, (const char **)names.v, names.n);
    if (sug)
        diag_error(b->d, pos, "unknown table '%s'; did you mean '%s'?", name, sug);
    else
        diag_error(b->d, pos, "unknown table '%s'", name);
    return NULL;
}

/* ---- window TVFs ----------------------------------------------------------------- */

/* A Window TVF over `in` (Flink window TVF rules): the input's columns,
 * with the time column no longer a time attribute, then window_start,
 * window_end and window_time (a time attribute). */
static Op *sel_window_op(Binder *b, Op *in, const WindowSpec *w, SrcPos pos)
{
    Op *op = plan_op(b->a, b->plan, OP_WINDOW, 1, in->n_cols + 3);
    op->in[0] = in;
    op->pos = pos;
    op->label = b->label;
    op->win = *w;
    for (int i = 0; i < in->n_cols; i++) op->cols[i] = in->cols[i];
    op->cols[w->time_col].time_attr = false;
    static const char *const names[] = {"window_start", "window_end", "window_time"};
    for (int i = 0; i < 3; i++) {
        Field *f = &op->cols[in->n_cols + i];
        f->name = names[i];
        f->type = (SqlType){TY_TIMESTAMP, false};
        f->time_attr = i == 2;
    }
    return op;
}

/* Checks that column `col` of `in` can define a window (an event-time
 * attribute); `table` (may be NULL) is the table the rows come from, for
 * the message. */
static bool sel_check_time_col(Binder *b, Op *in, int col, Table *table, SrcPos pos)
{
    if (in->cols[col].time_attr) return true;
    const char *name = in->cols[col].name;
    int other = -1;
    for (int i = 0; i < in->n_cols && other < 0; i++)
        if (in->cols[i].time_attr) other = i;
    if (other >= 0 && table)
        diag_error(b->d, pos,
                   "window over column '%s', but the event-time (WATERMARK FOR) column of '%s' "
                   "is '%s'",
                   name, table->name, in->cols[other].name);
    else if (other >= 0)
        diag_error(b->d, pos,
                   "window over column '%s', which is not a time attribute; the "
                   "event-time column here is '%s'",
                   name, in->cols[other].name);
    else if (table && !table->produced)
        diag_error(b->d, pos,
                   "window over column '%s', which has no watermark; declare WATERMARK FOR %s "
                   "AS %s - INTERVAL '5' SECOND in table '%s'",
                   name, name, name, table->name);
    else
        diag_error(b->d, pos,
                   "window over column '%s', which is not a time attribute (an event-time "
                   "column with a WATERMARK, or window_time of a window aggregation)",
                   name);
    return false;
}

/* Fills w's durations from the TVF's arguments (constant INTERVALs in the
 * function's positional order) and checks them (Flink's rules). */
static bool sel_window_args(Binder *b, Scope *s, WindowSpec *w, const char *fn,
                            const ExprList *args, SrcPos fn_pos)
{
    static const struct {
        WindowKind kind;
        int min, max;
        const char *usage;
    } forms[] = {
        {WIN_TUMBLE, 1, 2, "a size INTERVAL and an optional offset INTERVAL"},
        {WIN_HOP, 2, 3, "a slide INTERVAL, a size INTERVAL and an optional offset INTERVAL"},
        {WIN_CUMULATE, 2, 3,
         "a step INTERVAL, a max size INTERVAL and an optional offset "
         "INTERVAL"},
        {WIN_SESSION, 1, 1, "a gap INTERVAL"},
    };
    int f = (int)w->kind;
    if (args->n < forms[f].min || args->n > forms[f].max) {
        diag_error(b->d, fn_pos, "%s takes %s after DESCRIPTOR(...), but got %d argument%s", fn,
                   forms[f].usage, args->n, args->n == 1 ? "" : "s");
        return false;
    }
    static const char *const what[4][3] = {{"size", "offset", ""},
                                           {"slide", "size", "offset"},
                                           {"step", "size", "offset"},
                                           {"gap", "", ""}};
    int64_t v[3] = {0, 0, 0};
    for (int i = 0; i < args->n; i++) {
        const char *wh = arena_printf(b->a, "%s %s", fn, what[f][i]);
        if (!bexpr_const_interval(b, s, args->v[i], wh, &v[i])) return false;
        bool is_offset = (f == 0 && i == 1) || (f != 0 && i == 2);
        if (!is_offset && v[i] <= 0) {
            diag_error(b->d, args->v[i]->pos, "%s must be positive", wh);
            return false;
        }
    }
    switch (w->kind) {
    case WIN_TUMBLE:
        w->size = v[0];
        w->offset = sel_floor_mod(v[1], w->size);
        break;
    case WIN_HOP:
        w->slide = v[0];
        w->size = v[1];
        /* windows start at offset + k * slide: offsets equal modulo slide */
        w->offset = sel_floor_mod(v[2], w->slide);
        break;
    case WIN_CUMULATE:
        w->step = v[0];
        w->size = v[1];
        if (w->size % w->step != 0) {
            diag_error(b->d, args->v[1]->pos,
                       "CUMULATE max size must be an integral multiple of step (%lld ms is not a "
                       "multiple of %lld ms)",
                       (long long)w->size, (long long)w->step);
            return false;
        }
        w->offset = sel_floor_mod(v[2], w->size);
        break;
    case WIN_SESSION:
        w->gap = v[0];
        break;
    }
    return true;
}

/* The window kind of a TVF or group window name, or -1. */
static int sel_window_kind(const char *fn)
{
    if (strcasecmp(fn, "TUMBLE") == 0) return WIN_TUMBLE;
    if (strcasecmp(fn, "HOP") == 0) return WIN_HOP;
    if (strcasecmp(fn, "CUMULATE") == 0) return WIN_CUMULATE;
    if (strcasecmp(fn, "SESSION") == 0) return WIN_SESSION;
    return -1;
}

/* FROM TABLE(TUMBLE|HOP|CUMULATE|SESSION(TABLE t, DESCRIPTOR(c), ...)). */
static Scope *sel_from_tvf(Binder *b, const FromItem *f)
{
    int kind = sel_window_kind(f->tvf);
    if (kind < 0) {
        diag_error(b->d, f->tvf_pos,
                   "unknown window function '%s' (window functions: TUMBLE, HOP, CUMULATE, "
                   "SESSION)",
                   f->tvf);
        return NULL;
    }
    Table *table;
    Op *in = sel_named(b, f->table, f->table_pos, &table);
    FAIL_NULL(in);
    Scope *s = scope_new(b, in, f->alias ? f->alias : f->table, f->table);
    s->clause = "DESCRIPTOR";
    Expr col = {.kind = EX_COLUMN, .pos = f->descriptor_pos};
    col.u.col.name = f->descriptor;
    BExpr *tc = scope_column(b, s, &col);
    FAIL_NULL(tc);
    if (!sel_check_time_col(b, in, tc->u.index, table, f->descriptor_pos)) return NULL;
    WindowSpec w = {.kind = (WindowKind)kind, .time_col = tc->u.index};
    s->clause = f->tvf;
    if (!sel_window_args(b, s, &w, f->tvf, &f->tvf_args, f->tvf_pos)) return NULL;
    if (f->partition.n > 0) {
        if (w.kind != WIN_SESSION) {
            diag_error(b->d, f->partition.v[0]->pos,
                       "PARTITION BY applies to SESSION windows only");
            return NULL;
        }
        w.partition = arena_alloc(b->a, sizeof(int) * (size_t)f->partition.n);
        s->clause = "PARTITION BY";
        for (int i = 0; i < f->partition.n; i++) {
            BExpr *pc = bexpr_bind_row(b, s, f->partition.v[i]);
            FAIL_NULL(pc);
            if (pc->kind != BX_COL) {
                diag_error(b->d, f->partition.v[i]->pos, "PARTITION BY takes columns");
                return NULL;
            }
            w.partition[w.n_partition++] = pc->u.index;
        }
    }
    /* the TVF adds window_start, window_end and window_time: an input that
     * has them (a windowed view cascading into another window) would make
     * every reference ambiguous */
    for (int i = 0; i < in->n_cols; i++) {
        const char *n = in->cols[i].name;
        if (n && (strcasecmp(n, "window_start") == 0 || strcasecmp(n, "window_end") == 0 ||
                  strcasecmp(n, "window_time") == 0)) {
            diag_error(b->d, f->pos,
                       "the input of this window already has a column '%s', which the window "
                       "adds; rename it in the query it comes from (e.g. window_start AS "
                       "ws, window_time AS rowtime)",
                       n);
            return NULL;
        }
    }
    Op *op = sel_window_op(b, in, &w, f->pos);
    Scope *ws = scope_new(b, op, f->alias ? f->alias : f->table, f->table);
    ws->win_cols = true;
    return ws;
}

/* ---- FROM ------------------------------------------------------------------------ */

static Scope *sel_from(Binder *b, const FromItem *f)
{
    Scope *s = NULL;
    switch (f->kind) {
    case FROM_TABLE: {
        if (f->as_of) {
            diag_error(b->d, f->as_of_pos.line ? f->as_of_pos : f->as_of->pos,
                       "temporal joins (FOR SYSTEM_TIME AS OF) are not supported yet");
            return NULL;
        }
        Table *t;
        Op *op = sel_named(b, f->table, f->table_pos, &t);
        FAIL_NULL(op);
        s = scope_new(b, op, f->alias ? f->alias : f->table, f->table);
        break;
    }
    case FROM_TVF:
        s = sel_from_tvf(b, f);
        break;
    case FROM_SUBQUERY: {
        Op *op = sel_query(b, f->query);
        FAIL_NULL(op);
        s = scope_new(b, op, f->alias, f->alias);
        break;
    }
    case FROM_JOIN: {
        /* the first join as written: the leftmost of a chain */
        const FromItem *j = f;
        while (j->left && j->left->kind == FROM_JOIN) j = j->left;
        diag_error(b->d, j->pos, "joins are not supported yet");
        return NULL;
    }
    case FROM_LATERAL:
        diag_error(b->d, f->pos, "LATERAL table functions are not supported yet");
        return NULL;
    case FROM_UNNEST:
        diag_error(b->d, f->pos, "UNNEST is not supported yet");
        return NULL;
    case FROM_TABLE_FN:
        diag_error(b->d, f->call ? f->call->pos : f->pos,
                   "table function '%s' is not supported yet",
                   f->call && f->call->kind == EX_CALL ? f->call->u.call.name : "?");
        return NULL;
    case FROM_MATCH_RECOGNIZE:
        diag_error(b->d, f->mr_pos, "MATCH_RECOGNIZE is not supported yet");
        return NULL;
    case FROM_VALUES:
        diag_error(b->d, f->pos, "VALUES is not supported yet");
        return NULL;
    }
    FAIL_NULL(s);
    if (f->n_col_aliases > 0) {
        if (f->n_col_aliases != s->in->n_cols) {
            diag_error(b->d, f->alias_pos, "'%s' names %d column%s but it has %d", f->alias,
                       f->n_col_aliases, f->n_col_aliases == 1 ? "" : "s", s->in->n_cols);
            return NULL;
        }
        Op *r = sel_rename(b, s->in, f->col_aliases, f->pos);
        Scope *ns = scope_new(b, r, s->rels[0].qual, s->rels[0].name);
        ns->win_cols = s->win_cols;
        s = ns;
    }
    return s;
}

/* ---- the SELECT list ----------------------------------------------------------------- */

typedef struct Outs {
    PtrVec exprs; /* BExpr* */
    PtrVec names; /* const char* */
} Outs;

/* Expands and binds the SELECT list into o. */
static bool sel_items(Binder *b, Scope *s, const Select *sel, Outs *o)
{
    for (int i = 0; i < sel->n_items; i++) {
        const SelectItem *it = &sel->items[i];
        if (it->expr->kind == EX_STAR) {
            const char *q = it->expr->u.col.qualifier;
            if (q && !scope_has_qual(s, q)) {
                diag_error(b->d, it->expr->pos, "unknown table '%s' (the query reads '%s')", q,
                           s->n_rels == 1 && s->rels[0].qual ? s->rels[0].qual : scope_what(s));
                return false;
            }
            if (s->agg) {
                diag_error(b->d, it->expr->pos,
                           "'*' cannot be selected in an aggregation; list "
                           "the GROUP BY columns and aggregates");
                return false;
            }
            for (int c = 0; c < s->in->n_cols; c++) {
                if (s->hidden[c]) continue;
                ptrvec_push(b->a, &o->exprs, bx_col(b, s->in, c, it->expr->pos));
                ptrvec_push(b->a, &o->names, (void *)s->in->cols[c].name);
            }
            continue;
        }
        s->clause = "SELECT";
        BExpr *x = bexpr_bind(b, s, it->expr);
        if (!x) return false;
        if (x->type.kind == TY_NULL) x = coerce(b, x, TY_INT);
        if (x->type.kind == TY_INTERVAL) {
            diag_error(b->d, it->expr->pos, "an INTERVAL cannot be an output column");
            return false;
        }
        ptrvec_push(b->a, &o->exprs, x);
        ptrvec_push(b->a, &o->names,
                    (void *)(it->alias ? it->alias : sel_default_name(b, it->expr, i)));
    }
    return true;
}

/* ---- aggregation -------------------------------------------------------------------- */

/* The pre-aggregate column computing x (added when new). */
static int agg_pre_col(Binder *b, AggCtx *c, BExpr *x)
{
    uint64_t h = bexpr_hash(x);
    uint32_t pos = 0;
    int i;
    while (hmap_next(&c->pre_index, h, &pos, &i))
        if (i >= c->n_keys && bexpr_equal(c->pre.v[i], x)) return i;
    ptrvec_push(b->a, &c->pre, x);
    hmap_put(b->a, &c->pre_index, h, c->pre.n - 1);
    return c->pre.n - 1;
}

/* The position of group key x among the keys, or -1. */
static int agg_key_of(AggCtx *c, const BExpr *x)
{
    uint32_t pos = 0;
    int i;
    while (hmap_next(&c->pre_index, bexpr_hash(x), &pos, &i))
        if (i < c->n_keys && bexpr_equal(c->pre.v[i], x)) return i;
    return -1;
}

/* Output column of the Aggregate for key k / call j. */
static int agg_out_key(const AggCtx *c, int k)
{
    return k;
}

static int agg_out_call(const AggCtx *c, int j)
{
    return c->n_keys + (c->sets ? 1 : 0) + j;
}

/* The types of the Aggregate's output, known while binding (the operator
 * is built afterwards): key k's type, or call j's. */
static SqlType agg_key_type(const AggCtx *c, int k)
{
    SqlType t = ((BExpr *)c->pre.v[k])->type;
    if (c->sets) {
        /* a key missing from some grouping set is NULL in its rows */
        for (int s = 0; s < c->n_sets; s++)
            if (!(c->set_masks[s] >> k & 1)) t.nullable = true;
    }
    return t;
}

static BExpr *agg_ref_key(Binder *b, AggCtx *c, int k, SrcPos pos)
{
    SqlType t = agg_key_type(c, k);
    BExpr *e = bx_new(b, BX_COL, t.kind, t.nullable, pos, 0);
    e->u.index = agg_out_key(c, k);
    return e;
}

static BExpr *agg_ref_call(Binder *b, AggCtx *c, int j, SrcPos pos)
{
    BExpr *e = bx_new(b, BX_COL, c->calls[j].type.kind, c->calls[j].type.nullable, pos, 0);
    e->u.index = agg_out_call(c, j);
    return e;
}

typedef struct AggInfo {
    const char *name;
    AggKind kind;
    int min_args, max_args;
} AggInfo;

static const AggInfo agg_infos[] = {
    {"COUNT", AGG_COUNT, 1, 1},
    {"SUM", AGG_SUM, 1, 1},
    {"AVG", AGG_AVG, 1, 1},
    {"MIN", AGG_MIN, 1, 1},
    {"MAX", AGG_MAX, 1, 1},
    {"STDDEV_POP", AGG_STDDEV_POP, 1, 1},
    {"STDDEV_SAMP", AGG_STDDEV_SAMP, 1, 1},
    {"STDDEV", AGG_STDDEV_SAMP, 1, 1},
    {"VAR_POP", AGG_VAR_POP, 1, 1},
    {"VAR_SAMP", AGG_VAR_SAMP, 1, 1},
    {"VARIANCE", AGG_VAR_SAMP, 1, 1},
    {"FIRST_VALUE", AGG_FIRST_VALUE, 1, 1},
    {"LAST_VALUE", AGG_LAST_VALUE, 1, 1},
    {"LISTAGG", AGG_LISTAGG, 1, 2},
    {"APPROX_COUNT_DISTINCT", AGG_APPROX_COUNT_DISTINCT, 1, 1},
    {"PERCENTILE_CONT", AGG_PERCENTILE_CONT, 1, 1},
    {"PERCENTILE_DISC", AGG_PERCENTILE_DISC, 1, 1},
    {"APPROX_PERCENTILE", AGG_APPROX_PERCENTILE, 2, 2},
};

/* A constant fraction in [0, 1] (percentiles). */
static bool agg_fraction(Binder *b, Scope *s, const Expr *e, const char *fn, double *out)
{
    BExpr *x = bexpr_bind_row(b, s, e);
    if (!x) return false;
    x = opt_fold(b->a, x);
    bool ok = x->kind == BX_LIT && !x->u.lit.is_null && is_numeric(x->type.kind);
    double v = 0;
    if (ok) v = x->type.kind == TY_DOUBLE ? x->u.lit.d : (double)x->u.lit.i;
    if (!ok || !(v >= 0 && v <= 1)) {
        diag_error(b->d, e->pos, "%s needs a constant fraction between 0 and 1", fn);
        return false;
    }
    *out = v;
    return true;
}

static bool agg_calls_equal(const AggCall *x, const AggCall *y)
{
    return x->kind == y->kind && x->arg == y->arg && x->distinct == y->distinct &&
           x->filter == y->filter && x->frac == y->frac && x->desc == y->desc &&
           x->sep.slen == y->sep.slen &&
           (x->sep.slen == 0 || memcmp(x->sep.s, y->sep.s, (size_t)x->sep.slen) == 0);
}

/* An aggregate call in SELECT or HAVING: its argument and FILTER become
 * pre-aggregate columns; equal calls share one Aggregate output. */
static BExpr *agg_call(Binder *b, Scope *s, const Expr *e)
{
    AggCtx *c = s->agg;
    const char *name = e->u.call.name;
    const AggInfo *ai = NULL;
    for (size_t i = 0; i < sizeof agg_infos / sizeof *agg_infos; i++)
        if (strcasecmp(name, agg_infos[i].name) == 0) ai = &agg_infos[i];
    assert(ai && "is_agg_name and agg_infos agree");
    AggCall call = {.kind = ai->kind, .arg = -1, .filter = -1, .pos = e->pos};
    call.sep.s = ",";
    call.sep.slen = 1;
    const char *saved = s->clause;
    bool is_pct = ai->kind == AGG_PERCENTILE_CONT || ai->kind == AGG_PERCENTILE_DISC;
    /* the value argument as written */
    const Expr *ae = NULL;
    if (e->u.call.star) {
        if (ai->kind != AGG_COUNT) {
            diag_error(b->d, e->pos, "%s(*) is not valid; only COUNT(*) takes '*'", name);
            return NULL;
        }
        if (e->u.call.distinct) {
            diag_error(b->d, e->pos, "COUNT(DISTINCT *) is not valid");
            return NULL;
        }
        call.kind = AGG_COUNT_STAR;
    } else {
        int n = e->u.call.args.n;
        if (n > 1 && e->u.call.distinct && ai->kind == AGG_COUNT) {
            /* Flink counts the distinct rows of the arguments */
            diag_error(b->d, e->pos, "COUNT(DISTINCT a, b, ...) is not supported yet");
            return NULL;
        }
        if (n < ai->min_args || n > ai->max_args) {
            if (ai->min_args == ai->max_args)
                diag_error(b->d, e->pos, "aggregate function %s takes exactly %s argument%s", name,
                           ai->min_args == 1 ? "one" : "two", ai->min_args == 1 ? "" : "s");
            else
                diag_error(b->d, e->pos, "aggregate function %s takes %d to %d arguments", name,
                           ai->min_args, ai->max_args);
            return NULL;
        }
        for (int i = 0; i < n; i++)
            if (expr_has_agg(e->u.call.args.v[i])) {
                diag_error(b->d, e->u.call.args.v[i]->pos,
                           "aggregate function calls cannot be nested");
                return NULL;
            }
        if (is_pct) {
            if (e->u.call.within.n != 1) {
                diag_error(b->d, e->pos, "%s needs WITHIN GROUP (ORDER BY <one expression>)", name);
                return NULL;
            }
            s->clause = "an aggregate argument";
            if (!agg_fraction(b, s, e->u.call.args.v[0], name, &call.frac)) return NULL;
            ae = e->u.call.within.v[0].e;
            call.desc = e->u.call.within.v[0].desc;
            if (expr_has_agg(ae)) {
                diag_error(b->d, ae->pos, "aggregate function calls cannot be nested");
                return NULL;
            }
        } else {
            if (e->u.call.within.n) {
                diag_error(b->d, e->u.call.within_pos,
                           "WITHIN GROUP applies to PERCENTILE_CONT "
                           "and PERCENTILE_DISC only");
                return NULL;
            }
            ae = e->u.call.args.v[0];
            if (ai->kind == AGG_APPROX_PERCENTILE) {
                s->clause = "an aggregate argument";
                if (!agg_fraction(b, s, e->u.call.args.v[1], name, &call.frac)) return NULL;
            }
            if (ai->kind == AGG_LISTAGG && n == 2) {
                s->clause = "an aggregate argument";
                BExpr *sep = bexpr_bind_row(b, s, e->u.call.args.v[1]);
                FAIL_NULL(sep);
                sep = opt_fold(b->a, sep);
                if (sep->kind != BX_LIT || sep->type.kind != TY_VARCHAR || sep->u.lit.is_null) {
                    diag_error(b->d, e->u.call.args.v[1]->pos,
                               "LISTAGG separator must be a constant string");
                    return NULL;
                }
                call.sep = sep->u.lit;
            }
        }
    }
    BExpr *arg = NULL;
    if (ae) {
        s->clause = "an aggregate argument";
        arg = bexpr_bind_row(b, s, ae);
        s->clause = saved;
        FAIL_NULL(arg);
        TypeKind k = arg->type.kind;
        bool numeric_only = call.kind == AGG_SUM || call.kind == AGG_AVG ||
                            call.kind == AGG_STDDEV_POP || call.kind == AGG_STDDEV_SAMP ||
                            call.kind == AGG_VAR_POP || call.kind == AGG_VAR_SAMP ||
                            call.kind == AGG_PERCENTILE_CONT || call.kind == AGG_APPROX_PERCENTILE;
        if (numeric_only && !is_numeric(k) && k != TY_NULL) {
            diag_error(b->d, ae->pos, "%s needs a numeric argument, but this is %s", name,
                       type_name(k));
            return NULL;
        }
        if (call.kind == AGG_LISTAGG && k != TY_VARCHAR && k != TY_NULL) {
            diag_error(b->d, ae->pos,
                       "LISTAGG needs a string argument, but this is %s; use "
                       "CAST(... AS STRING)",
                       type_name(k));
            return NULL;
        }
        if (k == TY_INTERVAL) {
            diag_error(b->d, ae->pos, "%s of INTERVAL is not supported", name);
            return NULL;
        }
        if (k == TY_NULL) arg = coerce(b, arg, call.kind == AGG_LISTAGG ? TY_VARCHAR : TY_INT);
        if ((call.kind == AGG_SUM || call.kind == AGG_AVG) && is_int_kind(arg->type.kind))
            arg = coerce(b, arg, numeric_join(arg->type.kind, TY_INT));
    }
    if (e->u.call.distinct) {
        switch (call.kind) {
        case AGG_COUNT:
        case AGG_SUM:
        case AGG_AVG:
        case AGG_MIN:
        case AGG_MAX:
            /* MIN/MAX(DISTINCT x) = MIN/MAX(x) */
            call.distinct = call.kind != AGG_MIN && call.kind != AGG_MAX;
            break;
        default:
            diag_error(b->d, e->pos, "%s(DISTINCT ...) is not supported yet", name);
            return NULL;
        }
    }
    if (e->u.call.filter) {
        if (expr_has_agg(e->u.call.filter)) {
            diag_error(b->d, expr_first_agg(e->u.call.filter)->pos,
                       "aggregate functions are not allowed in FILTER");
            return NULL;
        }
        s->clause = "FILTER";
        BExpr *f = bexpr_bind_row(b, s, e->u.call.filter);
        s->clause = saved;
        FAIL_NULL(f);
        if (f->type.kind != TY_BOOLEAN && f->type.kind != TY_NULL) {
            diag_error(b->d, e->u.call.filter->pos,
                       "FILTER condition must be BOOLEAN, but it is %s", type_name(f->type.kind));
            return NULL;
        }
        call.filter = agg_pre_col(b, c, coerce(b, f, TY_BOOLEAN));
    }
    if (arg) call.arg = agg_pre_col(b, c, arg);
    /* result types (Flink's, except STDDEV/VAR: DOUBLE, README) */
    TypeKind ak = arg ? arg->type.kind : TY_BIGINT;
    switch (call.kind) {
    case AGG_COUNT_STAR:
    case AGG_COUNT:
    case AGG_APPROX_COUNT_DISTINCT:
        call.type = (SqlType){TY_BIGINT, false};
        break;
    case AGG_STDDEV_POP:
    case AGG_STDDEV_SAMP:
    case AGG_VAR_POP:
    case AGG_VAR_SAMP:
    case AGG_PERCENTILE_CONT:
    case AGG_APPROX_PERCENTILE:
        call.type = (SqlType){TY_DOUBLE, true};
        break;
    case AGG_LISTAGG:
        call.type = (SqlType){TY_VARCHAR, true};
        break;
    default:
        call.type = (SqlType){ak, true};
        break;
    }
    /* one output per distinct call */
    uint64_t h = (uint64_t)call.kind * 0x9e3779b97f4a7c15ULL ^ (uint64_t)(call.arg + 1) << 20 ^
                 (uint64_t)(call.filter + 1) << 40 ^ (uint64_t)call.distinct;
    uint32_t pos = 0;
    int j;
    while (hmap_next(&c->call_index, h, &pos, &j))
        if (agg_calls_equal(&c->calls[j], &call)) return agg_ref_call(b, c, j, e->pos);
    PUSH(b->a, c->calls, c->n_calls, call);
    hmap_put(b->a, &c->call_index, h, c->n_calls - 1);
    return agg_ref_call(b, c, c->n_calls - 1, e->pos);
}

/* TUMBLE_START(ts, size) and friends; WINDOWSTART / WINDOWEND (ksqlDB). */
static BExpr *agg_window_part(Binder *b, Scope *s, const Expr *e, int which)
{
    AggCtx *c = s->agg;
    int k = which == 0 ? c->key_wstart : which == 1 ? c->key_wend : c->key_wtime;
    BExpr *x = agg_ref_key(b, c, k, e->pos);
    if (which == 2) x->type.nullable = false;
    return x;
}

/* GROUPING(k1, ...): bit i (from the left) is 1 when argument i is not
 * grouped in the row's grouping set (SQL standard): a CASE over the set
 * number of the row, with one constant per grouping set. */
static BExpr *agg_grouping(Binder *b, Scope *s, const Expr *e)
{
    AggCtx *c = s->agg;
    int n = e->u.call.args.n;
    if (n < 1 || n > 62) {
        diag_error(b->d, e->pos, "GROUPING takes 1 to 62 group keys");
        return NULL;
    }
    int *keys = arena_alloc(b->a, sizeof(int) * (size_t)n);
    for (int i = 0; i < n; i++) {
        BExpr *x = bexpr_bind_row(b, s, e->u.call.args.v[i]);
        FAIL_NULL(x);
        keys[i] = agg_key_of(c, x);
        if (keys[i] < 0) {
            diag_error(b->d, e->u.call.args.v[i]->pos,
                       "GROUPING arguments must be GROUP BY expressions");
            return NULL;
        }
    }
    if (!c->sets) return bx_lit_int(b, TY_BIGINT, 0, e->pos);
    BExpr *x = bx_new(b, BX_CASE, TY_BIGINT, false, e->pos, 2 * c->n_sets + 1);
    x->u.has_else = true;
    for (int st = 0; st < c->n_sets; st++) {
        int64_t v = 0;
        for (int i = 0; i < n; i++)
            if (!(c->set_masks[st] >> keys[i] & 1)) v |= (int64_t)1 << (n - 1 - i);
        BExpr *id = bx_new(b, BX_COL, TY_BIGINT, false, e->pos, 0);
        id->u.index = c->n_keys; /* the set number is the last key */
        BExpr *eq = bx_new(b, BX_BINARY, TY_BOOLEAN, false, e->pos, 2);
        eq->u.op = BOP_EQ;
        eq->args[0] = id;
        eq->args[1] = bx_lit_int(b, TY_BIGINT, st, e->pos);
        x->args[2 * st] = eq;
        x->args[2 * st + 1] = bx_lit_int(b, TY_BIGINT, v, e->pos);
    }
    x->args[2 * c->n_sets] = bx_lit_int(b, TY_BIGINT, 0, e->pos);
    return x;
}

static const char *const win_names[] = {"TUMBLE", "HOP", "CUMULATE", "SESSION"};

/* Is `name` <WINDOW>_START/_END/_ROWTIME of the query's group window
 * kind? *which is 0, 1, 2; *kind the window kind the name has. */
static bool is_win_part(const char *name, int *which, int *kind)
{
    static const char *const parts[] = {"_START", "_END", "_ROWTIME"};
    for (int w = 0; w < 4; w++) {
        size_t n = strlen(win_names[w]);
        if (strncasecmp(name, win_names[w], n) != 0) continue;
        for (int p = 0; p < 3; p++)
            if (strcasecmp(name + n, parts[p]) == 0) {
                *which = p;
                *kind = w;
                return true;
            }
    }
    return false;
}

/* Does e need the aggregate context beyond its aggregate calls: GROUPING,
 * the legacy window functions, ksqlDB's window columns, a SELECT alias in
 * HAVING? Such an expression cannot be bound as a row expression first. */
typedef struct NeedsCtx {
    Binder *b;
    Scope *s;
} NeedsCtx;

static bool agg_special(void *arg, const Expr *e)
{
    NeedsCtx *nc = arg;
    AggCtx *c = nc->s->agg;
    if (e->kind == EX_CALL && !e->u.call.over) {
        const char *name = e->u.call.name;
        int which, kind;
        if (strcasecmp(name, "GROUPING") == 0 || strcasecmp(name, "GROUPING_ID") == 0) return true;
        if (c->iw == IW_LEGACY && is_win_part(name, &which, &kind)) return true;
        return false;
    }
    if (e->kind != EX_COLUMN || e->u.col.qualifier) return false;
    if (scope_find(nc->b, nc->s, e->u.col.name) != -1) return false;
    if (c->iw == IW_KSQL && (strcasecmp(e->u.col.name, "WINDOWSTART") == 0 ||
                             strcasecmp(e->u.col.name, "WINDOWEND") == 0))
        return true;
    if (c->sel && nc->s->clause && strcmp(nc->s->clause, "HAVING") == 0)
        for (int i = 0; i < c->sel->n_items; i++)
            if (c->sel->items[i].alias && strcasecmp(c->sel->items[i].alias, e->u.col.name) == 0)
                return true;
    return false;
}

BExpr *sel_bind_agg(Binder *b, Scope *s, const Expr *e, bool *handled)
{
    AggCtx *c = s->agg;
    *handled = true;
    if (e->kind == EX_CALL && !e->u.call.over) {
        const char *name = e->u.call.name;
        if (is_agg_name(name)) return agg_call(b, s, e);
        if (strcasecmp(name, "GROUPING") == 0 || strcasecmp(name, "GROUPING_ID") == 0)
            return agg_grouping(b, s, e);
        int which, kind;
        if (c->iw == IW_LEGACY && is_win_part(name, &which, &kind)) {
            if (kind != (int)c->iw_kind) {
                diag_error(b->d, e->pos, "%s does not match the group window of GROUP BY (%s)",
                           name, win_names[c->iw_kind]);
                return NULL;
            }
            return agg_window_part(b, s, e, which);
        }
    }
    if (e->kind == EX_COLUMN && !e->u.col.qualifier) {
        if (c->iw == IW_KSQL && scope_find(b, s, e->u.col.name) == -1) {
            if (strcasecmp(e->u.col.name, "WINDOWSTART") == 0) return agg_window_part(b, s, e, 0);
            if (strcasecmp(e->u.col.name, "WINDOWEND") == 0) return agg_window_part(b, s, e, 1);
        }
        /* HAVING may name a SELECT alias, when the name is no column */
        if (c->sel && s->clause && strcmp(s->clause, "HAVING") == 0 &&
            scope_find(b, s, e->u.col.name) == -1 && c->alias_depth < 8) {
            const SelectItem *hit = NULL;
            int hits = 0;
            for (int i = 0; i < c->sel->n_items; i++)
                if (c->sel->items[i].alias &&
                    strcasecmp(c->sel->items[i].alias, e->u.col.name) == 0) {
                    hit = &c->sel->items[i];
                    hits++;
                }
            if (hits == 1) {
                c->alias_depth++;
                BExpr *x = bexpr_bind(b, s, hit->expr);
                c->alias_depth--;
                return x;
            }
        }
    }
    NeedsCtx nc = {b, s};
    if (!expr_has_agg(e) && !expr_any(e, agg_special, &nc)) {
        /* Without aggregate calls the expression must bind as a row
         * expression; if it does not, that error is the one to report. */
        BExpr *row = bexpr_bind_row(b, s, e);
        if (!row) return NULL;
        int k = agg_key_of(c, row);
        if (k >= 0) return agg_ref_key(b, c, k, e->pos);
        if (!has_col_refs(row)) return row;
        if (e->kind == EX_COLUMN) {
            const char *n = e->u.col.name;
            if (strcasecmp(n, "window_start") == 0 || strcasecmp(n, "window_end") == 0 ||
                strcasecmp(n, "window_time") == 0)
                diag_error(b->d, e->pos, "%s must appear in the GROUP BY clause to be selected", n);
            else
                diag_error(b->d, e->pos,
                           "column '%s' must appear in the GROUP BY clause or be used in an "
                           "aggregate function",
                           n);
            return NULL;
        }
    }
    *handled = false;
    return NULL;
}

/* ---- GROUP BY --------------------------------------------------------------------- */

/* A group key expression: a GROUP BY item, or a SELECT alias it names
 * when no column has that name (DuckDB's rule; README). */
static BExpr *agg_bind_key(Binder *b, Scope *s, const Select *sel, const Expr *ge)
{
    if (expr_has_agg(ge)) {
        diag_error(b->d, expr_first_agg(ge)->pos,
                   "aggregate functions are not allowed in GROUP BY");
        return NULL;
    }
    if (ge->kind == EX_COLUMN && !ge->u.col.qualifier && scope_find(b, s, ge->u.col.name) == -1) {
        const SelectItem *hit = NULL;
        int hits = 0;
        for (int i = 0; i < sel->n_items; i++)
            if (sel->items[i].alias && strcasecmp(sel->items[i].alias, ge->u.col.name) == 0) {
                hit = &sel->items[i];
                hits++;
            }
        if (hits == 1 && !expr_has_agg(hit->expr)) return bexpr_bind_row(b, s, hit->expr);
    }
    s->clause = "GROUP BY";
    return bexpr_bind_row(b, s, ge);
}

/* Adds key x (when new) and returns its position. */
static int agg_add_key(Binder *b, AggCtx *c, BExpr *x)
{
    int k = agg_key_of(c, x);
    if (k >= 0) return k;
    assert(c->pre.n == c->n_keys);
    ptrvec_push(b->a, &c->pre, x);
    hmap_put(b->a, &c->pre_index, bexpr_hash(x), c->pre.n - 1);
    return c->n_keys++;
}

/* A legacy group window in GROUP BY: TUMBLE(ts, size [, offset]),
 * HOP(ts, slide, size [, offset]), SESSION(ts, gap), CUMULATE(ts, step,
 * size): a Window TVF over the FROM row, its bounds hidden keys. */
static bool agg_group_window(Binder *b, Scope **sp, AggCtx *c, const Expr *e, int kind)
{
    Scope *s = *sp;
    if (c->iw != IW_NONE) {
        diag_error(b->d, e->pos, "a query can group by one window only");
        return false;
    }
    if (s->win_cols) {
        diag_error(b->d, e->pos,
                   "a group window over a window table function is not supported; "
                   "group by window_start, window_end");
        return false;
    }
    if (e->u.call.args.n < 1) {
        diag_error(b->d, e->pos, "%s needs the time column as its first argument", e->u.call.name);
        return false;
    }
    s->clause = "GROUP BY";
    BExpr *tc = bexpr_bind_row(b, s, e->u.call.args.v[0]);
    if (!tc) return false;
    if (tc->kind != BX_COL) {
        diag_error(b->d, e->u.call.args.v[0]->pos, "%s needs a time column as its first argument",
                   e->u.call.name);
        return false;
    }
    Table *table = s->in->kind == OP_SCAN ? s->in->table : NULL;
    if (!sel_check_time_col(b, s->in, tc->u.index, table, e->u.call.args.v[0]->pos)) return false;
    WindowSpec w = {.kind = (WindowKind)kind, .time_col = tc->u.index};
    ExprList rest = {e->u.call.args.v + 1, e->u.call.args.n - 1};
    if (!sel_window_args(b, s, &w, e->u.call.name, &rest, e->pos)) return false;
    Op *op = sel_window_op(b, s->in, &w, e->pos);
    Scope *ns = scope_new(b, op, s->rels[0].qual, s->rels[0].name);
    for (int i = 0; i < 3; i++) ns->hidden[op->n_cols - 3 + i] = true;
    ns->agg = s->agg;
    *sp = ns;
    c->from = ns;
    c->iw = IW_LEGACY;
    c->iw_kind = w.kind;
    return true;
}

/* The grouping sets of one GROUP BY item as key masks: a plain
 * expression is one set of one key; GROUPING SETS lists its sets; ROLLUP
 * (a, b) is (a, b), (a), (); CUBE every subset. */
typedef struct SetList {
    uint64_t *v;
    int n;
} SetList;

#define AGG_MAX_SETS 4096

static bool agg_item_sets(Binder *b, Scope *s, const Select *sel, AggCtx *c, const GroupItem *gi,
                          SetList *out)
{
    out->v = NULL;
    out->n = 0;
    if (gi->kind == GI_EMPTY) {
        PUSH(b->a, out->v, out->n, 0);
        return true;
    }
    /* each element (a parenthesized list) as a mask of keys */
    int n = gi->n_sets;
    uint64_t *elem = arena_alloc(b->a, sizeof(uint64_t) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < gi->sets[i].n; j++) {
            BExpr *x = agg_bind_key(b, s, sel, gi->sets[i].v[j]);
            if (!x) return false;
            int k = agg_add_key(b, c, x);
            if (k >= 63) {
                diag_error(b->d, gi->sets[i].v[j]->pos,
                           "grouping sets support at most 63 group keys");
                return false;
            }
            elem[i] |= (uint64_t)1 << k;
        }
    }
    switch (gi->kind) {
    case GI_GROUPING_SETS:
        for (int i = 0; i < n; i++) PUSH(b->a, out->v, out->n, elem[i]);
        break;
    case GI_ROLLUP:
        for (int i = n; i >= 0; i--) {
            uint64_t m = 0;
            for (int j = 0; j < i; j++) m |= elem[j];
            PUSH(b->a, out->v, out->n, m);
        }
        break;
    case GI_CUBE:
        if (n > 12) {
            diag_error(b->d, gi->pos, "CUBE of more than 12 elements is not supported");
            return false;
        }
        for (int bits = (1 << n) - 1; bits >= 0; bits--) {
            uint64_t m = 0;
            for (int j = 0; j < n; j++)
                if (bits >> (n - 1 - j) & 1) m |= elem[j];
            PUSH(b->a, out->v, out->n, m);
        }
        break;
    default:
        break;
    }
    return true;
}

/* Binds GROUP BY into c (keys, grouping sets, group windows). */
static bool agg_group_by(Binder *b, Scope **sp, AggCtx *c, const Select *sel)
{
    SetList acc = {NULL, 0};
    PUSH(b->a, acc.v, acc.n, 0);
    bool any_sets = false;
    for (int i = 0; i < sel->n_group_by; i++) {
        const GroupItem *gi = &sel->group_by[i];
        if (gi->kind == GI_EXPR) {
            const Expr *ge = gi->e;
            int wk;
            if (ge->kind == EX_CALL && !ge->u.call.over &&
                (wk = sel_window_kind(ge->u.call.name)) >= 0) {
                if (!agg_group_window(b, sp, c, ge, wk)) return false;
                continue;
            }
            BExpr *x = agg_bind_key(b, *sp, sel, ge);
            if (!x) return false;
            int k = agg_add_key(b, c, x);
            if (k < 64)
                for (int j = 0; j < acc.n; j++) acc.v[j] |= (uint64_t)1 << k;
            continue;
        }
        any_sets = true;
        SetList item;
        if (!agg_item_sets(b, *sp, sel, c, gi, &item)) return false;
        SetList prod = {NULL, 0};
        for (int x = 0; x < acc.n; x++)
            for (int y = 0; y < item.n; y++) {
                if (prod.n >= AGG_MAX_SETS) {
                    diag_error(b->d, gi->pos, "more than %d grouping sets", AGG_MAX_SETS);
                    return false;
                }
                PUSH(b->a, prod.v, prod.n, acc.v[x] | item.v[y]);
            }
        acc = prod;
    }
    if (any_sets) {
        if (c->n_keys > 63) {
            diag_error(b->d, sel->group_by_pos, "grouping sets support at most 63 group keys");
            return false;
        }
        c->sets = true;
        c->set_masks = acc.v;
        c->n_sets = acc.n;
    }
    return true;
}

/* The implicit window of a legacy group window / ksqlDB WINDOW clause:
 * its bounds become the first keys... after the user's keys, hidden. */
static void agg_window_keys(Binder *b, AggCtx *c)
{
    Op *w = c->from->in;
    int base = w->n_cols - 3;
    c->key_wstart = agg_add_key(b, c, bx_col(b, w, base, (SrcPos){0, 0}));
    c->key_wend = agg_add_key(b, c, bx_col(b, w, base + 1, (SrcPos){0, 0}));
    c->key_wtime = agg_add_key(b, c, bx_col(b, w, base + 2, (SrcPos){0, 0}));
}

/* The key columns that are window_start / window_end of the Window TVF
 * below (by position in the window op's row), or -1. */
static int agg_find_window_key(AggCtx *c, const Op *win, int which)
{
    int col = win->n_cols - 3 + which;
    for (int k = 0; k < c->n_keys; k++) {
        const BExpr *x = c->pre.v[k];
        if (x->kind == BX_COL && x->u.index == col) return k;
    }
    return -1;
}

/* True when group keys keys[0..n) suit a window aggregation over `win`:
 * for a SESSION with PARTITION BY (sessions are per partition key), the
 * keys other than the window's columns must be exactly those columns. */
static bool sel_session_keys(const Op *win, const BExpr *const *keys, int n)
{
    if (win->win.kind != WIN_SESSION || win->win.n_partition == 0) return true;
    int others = 0;
    for (int k = 0; k < n; k++) {
        const BExpr *x = keys[k];
        if (x->kind == BX_COL && x->u.index >= win->n_cols - 3) continue;
        others++;
        bool in = false;
        for (int p = 0; p < win->win.n_partition; p++)
            in |= x->kind == BX_COL && x->u.index == win->win.partition[p];
        if (!in) return false;
    }
    return others == win->win.n_partition;
}

/* A grouped SELECT: the operators from the FROM row up to the SELECT list. */
static Op *sel_aggregate(Binder *b, Scope *s, const Select *sel, BExpr *where, ImplicitWin iw,
                         int64_t grace, Outs *o, BExpr **having_out)
{
    AggCtx *c = arena_alloc(b->a, sizeof *c);
    c->from = s;
    c->key_wstart = c->key_wend = c->key_wtime = -1;
    c->iw = iw;
    c->sel = sel;
    if (iw == IW_KSQL) c->iw_kind = s->in->win.kind;
    if (!agg_group_by(b, &s, c, sel)) return NULL;
    s = c->from;
    if (c->iw != IW_NONE) {
        agg_window_keys(b, c);
        /* the window is part of every grouping set */
        uint64_t wbits = 0;
        int wk[3] = {c->key_wstart, c->key_wend, c->key_wtime};
        for (int i = 0; i < 3; i++)
            if (wk[i] < 63) wbits |= (uint64_t)1 << wk[i];
        for (int i = 0; i < c->n_sets; i++) c->set_masks[i] |= wbits;
        if (c->sets && c->n_keys > 63) {
            diag_error(b->d, sel->group_by_pos, "grouping sets support at most 63 group keys");
            return NULL;
        }
    }
    Op *win = s->in->kind == OP_WINDOW ? s->in : NULL;
    bool windowed = false;
    if (win) {
        int ks = agg_find_window_key(c, win, 0), ke = agg_find_window_key(c, win, 1);
        /* Flink: grouping by both window_start and window_end makes a
         * window aggregation; otherwise it is a regular aggregation of the
         * TVF's rows */
        windowed = ks >= 0 && ke >= 0;
        if (windowed && c->sets) {
            /* every grouping set must keep the window */
            for (int i = 0; i < c->n_sets; i++)
                if (!(c->set_masks[i] >> ks & 1) || !(c->set_masks[i] >> ke & 1)) {
                    diag_error(b->d, sel->group_by_pos,
                               "every grouping set of a window aggregation must contain "
                               "window_start and window_end");
                    return NULL;
                }
        }
        if (windowed && !sel_session_keys(win, (const BExpr *const *)c->pre.v, c->n_keys)) {
            diag_error(b->d, sel->group_by_pos,
                       "a SESSION window aggregation must group by exactly its PARTITION BY "
                       "columns (besides window_start and window_end); other groupings are "
                       "not supported yet");
            return NULL;
        }
    }
    Scope *as = arena_alloc(b->a, sizeof *as);
    *as = *s;
    as->agg = c;
    as->clause = "SELECT";
    if (!sel_items(b, as, sel, o)) return NULL;
    BExpr *having = NULL;
    if (sel->having) {
        as->clause = "HAVING";
        if (!(having = bexpr_condition(b, as, sel->having))) return NULL;
    }
    /* the Calc below: WHERE, keys, arguments */
    int n_pre = c->pre.n;
    const char **pre_names = arena_alloc(b->a, sizeof(char *) * (size_t)(n_pre + 1));
    for (int i = 0; i < n_pre; i++) {
        const BExpr *x = c->pre.v[i];
        pre_names[i] =
            x->kind == BX_COL ? s->in->cols[x->u.index].name : arena_printf(b->a, "$f%d", i);
    }
    Op *pre = sel_calc(b, s->in, where, (BExpr **)c->pre.v, pre_names, n_pre, sel->pos);
    Op *agg_in = pre;
    int n_keys = c->n_keys;
    if (c->sets) {
        /* Expand: one row per grouping set, keys outside the set NULL, the
         * set's number as a last column (Flink's Expand) */
        Op *ex = plan_op(b->a, b->plan, OP_CALC, 1, n_pre + 1);
        ex->in[0] = pre;
        ex->pos = sel->group_by_pos;
        ex->label = b->label;
        ex->n_sets = c->n_sets;
        ex->sets = arena_alloc(b->a, sizeof(BExpr **) * (size_t)c->n_sets);
        for (int st = 0; st < c->n_sets; st++) {
            BExpr **row = arena_alloc(b->a, sizeof(BExpr *) * (size_t)(n_pre + 1));
            for (int i = 0; i < n_pre; i++) {
                bool kept = i >= n_keys || (c->set_masks[st] >> i & 1);
                row[i] = kept ? bx_col(b, pre, i, sel->group_by_pos)
                              : bx_null(b, pre->cols[i].type.kind, sel->group_by_pos);
            }
            row[n_pre] = bx_lit_int(b, TY_BIGINT, st, sel->group_by_pos);
            ex->sets[st] = row;
        }
        ex->exprs = ex->sets[0];
        for (int i = 0; i < n_pre; i++) {
            ex->cols[i] = pre->cols[i];
            if (i < n_keys) ex->cols[i].type = agg_key_type(c, i);
            ex->cols[i].time_attr = false;
        }
        ex->cols[n_pre] = (Field){"$e", {TY_BIGINT, false}, false};
        agg_in = ex;
    }
    int n_agg_keys = n_keys + (c->sets ? 1 : 0);
    Op *agg = plan_op(b->a, b->plan, OP_AGG, 1, n_agg_keys + c->n_calls);
    agg->in[0] = agg_in;
    agg->pos = sel->n_group_by ? sel->group_by_pos : sel->pos;
    agg->label = b->label;
    agg->agg.keys = arena_alloc(b->a, sizeof(int) * (size_t)(n_agg_keys + 1));
    for (int k = 0; k < n_keys; k++) agg->agg.keys[k] = k;
    if (c->sets) agg->agg.keys[n_keys] = n_pre;
    agg->agg.n_keys = n_agg_keys;
    agg->agg.grouping_sets = c->sets;
    agg->agg.calls = c->calls;
    agg->agg.n_calls = c->n_calls;
    agg->agg.windowed = windowed;
    agg->agg.emit = sel->emit;
    agg->agg.emit_pos = sel->emit_pos;
    agg->agg.lateness = windowed ? (grace >= 0 ? grace : b->opts.allow_lateness) : 0;
    agg->agg.ttl = windowed ? 0 : b->opts.state_ttl;
    for (int k = 0; k < n_agg_keys; k++) {
        const Field *f = &agg_in->cols[agg->agg.keys[k]];
        agg->cols[k].name = f->name;
        agg->cols[k].type = f->type;
        /* a window aggregation's window_time stays a time attribute, so
         * windows cascade (Flink) */
        agg->cols[k].time_attr = false;
        if (windowed && k < n_keys) {
            const BExpr *x = c->pre.v[k];
            agg->cols[k].time_attr = x->kind == BX_COL && x->u.index == win->n_cols - 1;
        }
    }
    for (int j = 0; j < c->n_calls; j++) {
        agg->cols[n_agg_keys + j].name = arena_printf(b->a, "$agg%d", j);
        agg->cols[n_agg_keys + j].type = c->calls[j].type;
    }
    if (!windowed && sel->emit == EMIT_FINAL) {
        diag_error(b->d, sel->emit_pos,
                   "EMIT FINAL applies to window aggregations; an "
                   "aggregation without a window emits changes");
        return NULL;
    }
    *having_out = having;
    return agg;
}

/* ---- SELECT ----------------------------------------------------------------------- */

/* ksqlDB's WINDOW clause: a Window TVF over the FROM row's time attribute. */
static Scope *sel_ksql_window(Binder *b, Scope *s, const KsqlWindow *kw, int64_t *grace)
{
    int tc = -1;
    for (int i = 0; i < s->in->n_cols; i++)
        if (s->in->cols[i].time_attr && !s->hidden[i]) {
            if (tc >= 0) {
                diag_error(b->d, kw->pos,
                           "WINDOW needs one event-time column, but '%s' has "
                           "several",
                           scope_what(s));
                return NULL;
            }
            tc = i;
        }
    if (tc < 0) {
        diag_error(b->d, kw->pos,
                   "WINDOW needs an event-time column: declare WATERMARK FOR ts AS "
                   "ts - INTERVAL '5' SECOND in '%s'",
                   scope_what(s));
        return NULL;
    }
    WindowSpec w = {.time_col = tc};
    switch (kw->kind) {
    case KW_TUMBLING:
        w.kind = WIN_TUMBLE;
        w.size = kw->size_ms;
        break;
    case KW_HOPPING:
        w.kind = WIN_HOP;
        w.size = kw->size_ms;
        w.slide = kw->advance_ms;
        break;
    case KW_SESSION:
        w.kind = WIN_SESSION;
        w.gap = kw->size_ms;
        break;
    }
    if ((w.kind != WIN_SESSION && w.size <= 0) || (w.kind == WIN_SESSION && w.gap <= 0) ||
        (w.kind == WIN_HOP && w.slide <= 0)) {
        diag_error(b->d, kw->pos, "WINDOW sizes must be positive");
        return NULL;
    }
    *grace = kw->grace_ms;
    Op *op = sel_window_op(b, s->in, &w, kw->pos);
    Scope *ns = scope_new(b, op, s->rels[0].qual, s->rels[0].name);
    for (int i = 0; i < 3; i++) ns->hidden[op->n_cols - 3 + i] = true;
    return ns;
}

/* SELECT DISTINCT: an Aggregate over every column, without calls. When the
 * columns pass window_start and window_end of the Window TVF right below
 * through, it is a window aggregation (Flink's window deduplication by all
 * columns: append-only, emitted when the window fires, `emit` and the
 * allowed lateness as for GROUP BY); otherwise a changelog. */
static Op *sel_distinct(Binder *b, Op *in, EmitMode emit, SrcPos pos)
{
    Op *agg = plan_op(b->a, b->plan, OP_AGG, 1, in->n_cols);
    agg->in[0] = in;
    agg->pos = pos;
    agg->label = b->label;
    agg->agg.keys = arena_alloc(b->a, sizeof(int) * (size_t)(in->n_cols + 1));
    const Op *win = in->kind == OP_CALC && !in->n_sets ? in->in[0] : NULL;
    int bound[3] = {-1, -1, -1}; /* window_start, window_end, window_time */
    if (win && win->kind == OP_WINDOW)
        for (int i = 0; i < in->n_cols; i++) {
            const BExpr *x = in->exprs[i];
            int w = x->kind == BX_COL ? x->u.index - (win->n_cols - 3) : -1;
            if (w >= 0 && w < 3 && bound[w] < 0) bound[w] = i;
        }
    bool windowed = bound[0] >= 0 && bound[1] >= 0 &&
                    sel_session_keys(win, (const BExpr *const *)in->exprs, in->n_cols);
    for (int i = 0; i < in->n_cols; i++) {
        agg->agg.keys[i] = i;
        agg->cols[i] = in->cols[i];
        agg->cols[i].time_attr = windowed && i == bound[2];
    }
    agg->agg.n_keys = in->n_cols;
    agg->agg.windowed = windowed;
    agg->agg.emit = windowed ? emit : EMIT_DEFAULT;
    agg->agg.emit_pos = pos;
    agg->agg.lateness = windowed ? b->opts.allow_lateness : 0;
    agg->agg.ttl = windowed ? 0 : b->opts.state_ttl;
    return agg;
}

static Op *sel_select(Binder *b, const Select *sel)
{
    if (!sel->from) {
        diag_error(b->d, sel->pos, "SELECT without FROM is not supported yet");
        return NULL;
    }
    for (int i = 0; i < sel->n_items; i++)
        if (!bexpr_check_supported(b, sel->items[i].expr)) return NULL;
    if (!bexpr_check_supported(b, sel->where) || !bexpr_check_supported(b, sel->having))
        return NULL;
    for (int i = 0; i < sel->n_group_by; i++)
        if (sel->group_by[i].kind == GI_EXPR && !bexpr_check_supported(b, sel->group_by[i].e))
            return NULL;
    if (sel->qualify) {
        diag_error(b->d, sel->qualify_pos.line ? sel->qualify_pos : sel->qualify->pos,
                   "QUALIFY is not supported yet");
        return NULL;
    }
    if (sel->n_windows > 0) {
        diag_error(b->d, sel->windows[0]->pos, "OVER windows are not supported yet");
        return NULL;
    }
    Scope *s = sel_from(b, sel->from);
    FAIL_NULL(s);
    int64_t grace = -1;
    ImplicitWin iw = IW_NONE;
    if (sel->kwindow) {
        s = sel_ksql_window(b, s, sel->kwindow, &grace);
        FAIL_NULL(s);
        iw = IW_KSQL;
    }
    BExpr *where = NULL;
    if (sel->where) {
        if (expr_has_agg(sel->where)) {
            diag_error(b->d, expr_first_agg(sel->where)->pos,
                       "aggregate functions are not allowed in WHERE; use HAVING");
            return NULL;
        }
        s->clause = "WHERE";
        FAIL_NULL(where = bexpr_condition(b, s, sel->where));
    }
    bool grouped = sel->n_group_by > 0 || sel->having != NULL || iw != IW_NONE;
    for (int i = 0; i < sel->n_items && !grouped; i++) grouped = expr_has_agg(sel->items[i].expr);
    Outs o = {{0}, {0}};
    Op *op;
    if (grouped) {
        BExpr *having = NULL;
        Op *agg = sel_aggregate(b, s, sel, where, iw, grace, &o, &having);
        FAIL_NULL(agg);
        op = sel_calc(b, agg, having, (BExpr **)o.exprs.v, (const char **)o.names.v, o.exprs.n,
                      sel->pos);
    } else {
        if (sel->emit == EMIT_FINAL) {
            diag_error(b->d, sel->emit_pos, "EMIT FINAL applies to window aggregations");
            return NULL;
        }
        if (!sel_items(b, s, sel, &o)) return NULL;
        op = sel_calc(b, s->in, where, (BExpr **)o.exprs.v, (const char **)o.names.v, o.exprs.n,
                      sel->pos);
    }
    if (sel->distinct) op = sel_distinct(b, op, sel->emit, sel->distinct_pos);
    return op;
}

/* ---- query expressions ------------------------------------------------------------ */

/* UNION [ALL] of two queries with the same number of columns: each side
 * cast to the common column types (names from the left, as in SQL). */
static Op *sel_union(Binder *b, const QueryExpr *q)
{
    if (q->op != SETOP_UNION) {
        diag_error(b->d, q->op_pos, "%s is not supported yet",
                   q->op == SETOP_INTERSECT ? "INTERSECT" : "EXCEPT");
        return NULL;
    }
    /* a chain of UNION ALL becomes one Union of every branch */
    PtrVec branches = {0};
    const QueryExpr *cur = q;
    PtrVec stack = {0};
    ptrvec_push(b->a, &stack, (void *)cur);
    while (stack.n > 0) {
        const QueryExpr *x = stack.v[--stack.n];
        /* the root's own WITH, ORDER BY and LIMIT are sel_query's */
        if (x->kind == QK_SETOP && x->op == SETOP_UNION && x->all == q->all &&
            (x == q || (x->n_ctes == 0 && x->order.n == 0 && !x->limit && !x->offset))) {
            ptrvec_push(b->a, &stack, (void *)x->r);
            ptrvec_push(b->a, &stack, (void *)x->l);
        } else {
            Op *op = sel_query(b, x);
            FAIL_NULL(op);
            ptrvec_push(b->a, &branches, op);
        }
    }
    Op **in = (Op **)branches.v;
    int n = branches.n, nc = in[0]->n_cols;
    for (int i = 1; i < n; i++)
        if (in[i]->n_cols != nc) {
            diag_error(b->d, q->op_pos,
                       "UNION needs the same number of columns on each side (%d and %d)", nc,
                       in[i]->n_cols);
            return NULL;
        }
    TypeKind *ct = arena_alloc(b->a, sizeof(TypeKind) * (size_t)(nc + 1));
    bool *nullable = arena_alloc(b->a, sizeof(bool) * (size_t)(nc + 1));
    bool *time_attr = arena_alloc(b->a, sizeof(bool) * (size_t)(nc + 1));
    for (int c = 0; c < nc; c++) {
        ct[c] = TY_NULL;
        time_attr[c] = true;
        for (int i = 0; i < n; i++) {
            TypeKind t = common_type(ct[c], in[i]->cols[c].type.kind);
            if (t == TY_UNKNOWN) {
                diag_error(b->d, q->op_pos,
                           "UNION column %d ('%s') has incompatible types %s and %s", c + 1,
                           in[0]->cols[c].name, type_name(ct[c]),
                           type_name(in[i]->cols[c].type.kind));
                return NULL;
            }
            ct[c] = t;
            nullable[c] |= in[i]->cols[c].type.nullable;
            time_attr[c] &= in[i]->cols[c].time_attr;
        }
        if (ct[c] == TY_NULL) ct[c] = TY_INT;
    }
    Op *u = plan_op(b->a, b->plan, OP_UNION, n, nc);
    u->pos = q->op_pos;
    u->label = b->label;
    for (int i = 0; i < n; i++) {
        Op *x = in[i];
        bool cast = false;
        for (int c = 0; c < nc; c++) cast |= x->cols[c].type.kind != ct[c];
        if (cast) {
            BExpr **ex = arena_alloc(b->a, sizeof(BExpr *) * (size_t)nc);
            const char **names = arena_alloc(b->a, sizeof(char *) * (size_t)nc);
            for (int c = 0; c < nc; c++) {
                ex[c] = make_cast(b, bx_col(b, x, c, q->op_pos), ct[c], q->op_pos);
                FAIL_NULL(ex[c]);
                names[c] = x->cols[c].name;
            }
            x = sel_calc(b, x, NULL, ex, names, nc, q->op_pos);
        }
        u->in[i] = x;
    }
    for (int c = 0; c < nc; c++)
        u->cols[c] = (Field){in[0]->cols[c].name, {ct[c], nullable[c]}, time_attr[c]};
    if (!q->all) return sel_distinct(b, u, EMIT_DEFAULT, q->op_pos);
    return u;
}

Op *sel_query(Binder *b, const QueryExpr *q)
{
    CteScope frame = {NULL, 0, b->ctes};
    if (q->n_ctes > 0) {
        frame.ctes = arena_alloc(b->a, sizeof(View *) * (size_t)q->n_ctes);
        for (int i = 0; i < q->n_ctes; i++) {
            const Cte *c = &q->ctes[i];
            View *v = arena_alloc(b->a, sizeof *v);
            v->name = c->name;
            v->pos = c->pos;
            v->cols = c->cols;
            v->n_cols = c->n_cols;
            v->query = c->query;
            /* a CTE sees the CTEs before it (and the enclosing ones) */
            CteScope *env = arena_alloc(b->a, sizeof *env);
            *env = (CteScope){frame.ctes, i, b->ctes};
            v->env = env;
            frame.ctes[i] = v;
        }
        frame.n_ctes = q->n_ctes;
        b->ctes = &frame;
    }
    Op *op = NULL;
    if (q->order.n > 0) {
        diag_error(b->d, q->order_pos, "ORDER BY is not supported yet");
    } else if (q->limit || q->limit_pos.line) {
        diag_error(b->d, q->limit_pos, "LIMIT is not supported yet");
    } else if (q->offset) {
        diag_error(b->d, q->offset_pos, "OFFSET is not supported yet");
    } else {
        switch (q->kind) {
        case QK_SELECT:
            op = sel_select(b, q->select);
            break;
        case QK_SETOP:
            op = sel_union(b, q);
            break;
        case QK_VALUES:
            diag_error(b->d, q->pos, "VALUES is not supported yet");
            break;
        case QK_PAREN:
            op = sel_query(b, q->l);
            break;
        }
    }
    b->ctes = frame.outer;
    return op;
}

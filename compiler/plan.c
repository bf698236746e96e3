/* plan.c - building the logical plan's DAG and deriving its properties
 * (consumers, topological order, change modes, unique keys). See plan.h and
 * docs/architecture.md, "Logical plan". */
#include <assert.h>
#include <string.h>

#include "plan.h"

Op *plan_op(Arena *a, Plan *p, OpKind kind, int n_in, int n_cols)
{
    Op *op = arena_alloc(a, sizeof *op);
    op->kind = kind;
    op->n_in = n_in;
    op->in = arena_alloc(a, sizeof(Op *) * (size_t)(n_in ? n_in : 1));
    op->n_cols = n_cols;
    op->cols = arena_alloc(a, sizeof(Field) * (size_t)(n_cols ? n_cols : 1));
    op->id = p->n_ops;
    ARENA_PUSH(a, p->ops, p->n_ops, op);
    return op;
}

/* Depth-first post-order from op: inputs before consumers. mark[] holds 0
 * (unseen), 1 (on the stack), 2 (done), indexed by the old ids. The
 * recursion depth is bounded by the plan's depth, which the parser's
 * nesting limit bounds. */
static void plan_visit(Arena *a, Op *op, char *mark, Op ***order, int *n)
{
    if (mark[op->id] == 2) return;
    assert(mark[op->id] == 0 && "the plan is a DAG");
    mark[op->id] = 1;
    for (int i = 0; i < op->n_in; i++) plan_visit(a, op->in[i], mark, order, n);
    mark[op->id] = 2;
    ARENA_PUSH(a, *order, *n, op);
}

void plan_link(Arena *a, Plan *p)
{
    char *mark = arena_alloc(a, (size_t)p->n_ops + 1);
    Op **order = NULL;
    int n = 0;
    for (int i = 0; i < p->n_sinks; i++) plan_visit(a, p->sinks[i], mark, &order, &n);
    for (int i = 0; i < n; i++) {
        order[i]->id = i;
        order[i]->out = NULL;
        order[i]->n_out = 0;
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < order[i]->n_in; j++) {
            Op *in = order[i]->in[j];
            /* one edge per (producer, consumer): a self-union reads it twice */
            bool dup = false;
            for (int k = 0; k < in->n_out; k++) dup |= in->out[k] == order[i];
            if (!dup) ARENA_PUSH(a, in->out, in->n_out, order[i]);
        }
    p->ops = order;
    p->n_ops = n;
}

/* Sets op's unique key to the n columns in cols (copied). */
static void plan_set_ukey(Arena *a, Op *op, const int *cols, int n)
{
    op->ukey = arena_alloc(a, sizeof(int) * (size_t)(n ? n : 1));
    memcpy(op->ukey, cols, sizeof(int) * (size_t)n);
    op->n_ukey = n;
}

/* Maps input i's unique key through a Calc: every key column must be
 * projected as a plain column reference. */
static void plan_calc_ukey(Arena *a, Op *op)
{
    const Op *in = op->in[0];
    op->ukey = NULL;
    op->n_ukey = 0;
    if (!in->ukey || op->n_sets > 0) return;
    int *k = arena_alloc(a, sizeof(int) * (size_t)(in->n_ukey + 1));
    for (int i = 0; i < in->n_ukey; i++) {
        k[i] = -1;
        for (int c = 0; c < op->n_cols && k[i] < 0; c++)
            if (op->exprs[c]->kind == BX_COL && op->exprs[c]->u.index == in->ukey[i]) k[i] = c;
        if (k[i] < 0) return;
    }
    plan_set_ukey(a, op, k, in->n_ukey);
}

static void plan_derive_keys(Arena *a, Plan *p);

void plan_derive(Arena *a, Plan *p)
{
    for (int i = 0; i < p->n_ops; i++) {
        Op *op = p->ops[i];
        switch (op->kind) {
        case OP_SCAN:
            /* a changelog source: debezium-json gives +I/-U/+U/-D; an
             * upsert-kafka table upserts by its primary key (a
             * ChangelogNormalize in the physical plan makes it retracting) */
            if (op->table->connector == CONN_UPSERT_KAFKA)
                op->mode = CM_UPSERT;
            else if (op->table->format == FMT_DEBEZIUM_JSON)
                op->mode = CM_RETRACT;
            else
                op->mode = CM_APPEND;
            break;
        case OP_CALC:
        case OP_WINDOW:
        case OP_WATERMARK:
        case OP_SINK:
            op->mode = op->in[0]->mode;
            break;
        case OP_UNION: {
            ChangeMode m = CM_APPEND;
            for (int j = 0; j < op->n_in; j++)
                if (op->in[j]->mode != CM_APPEND) m = CM_RETRACT;
            op->mode = m;
            break;
        }
        case OP_AGG: {
            if (op->agg.windowed)
                op->mode =
                    op->agg.emit == EMIT_CHANGES || op->agg.lateness > 0 ? CM_RETRACT : CM_APPEND;
            else
                /* Also without aggregate calls (SELECT DISTINCT, UNION):
                 * Flink's changelog mode inference gives every
                 * GroupAggregate INSERT and UPDATE, although such a group's
                 * row never changes over an append-only input, so that
                 * an append-only sink refuses it as Flink's does. */
                op->mode = CM_RETRACT;
            break;
        }
        }
    }
    plan_derive_keys(a, p);
}

/* Unique keys, in the same order as the modes. */
static void plan_derive_keys(Arena *a, Plan *p)
{
    for (int i = 0; i < p->n_ops; i++) {
        Op *op = p->ops[i];
        switch (op->kind) {
        case OP_SCAN:
            if (op->table->n_pk > 0) plan_set_ukey(a, op, op->table->pk, op->table->n_pk);
            break;
        case OP_CALC:
            plan_calc_ukey(a, op);
            break;
        case OP_WATERMARK:
        case OP_SINK:
            if (op->in[0]->ukey) plan_set_ukey(a, op, op->in[0]->ukey, op->in[0]->n_ukey);
            break;
        case OP_AGG: {
            /* the group keys; a window aggregation's keys include its window */
            int n = op->agg.n_keys;
            int *k = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
            for (int j = 0; j < n; j++) k[j] = j;
            plan_set_ukey(a, op, k, n);
            break;
        }
        case OP_WINDOW:
        case OP_UNION:
            op->ukey = NULL;
            op->n_ukey = 0;
            break;
        }
    }
}

const char *plan_op_name(const Op *op)
{
    switch (op->kind) {
    case OP_SCAN:
        return "TableScan";
    case OP_CALC:
        return op->n_sets ? "Expand" : "Calc";
    case OP_WINDOW:
        return "WindowTableFunction";
    case OP_AGG:
        return op->agg.windowed ? "WindowAggregate" : "GroupAggregate";
    case OP_UNION:
        return "Union";
    case OP_WATERMARK:
        return "WatermarkAssigner";
    case OP_SINK:
        return "Sink";
    }
    return "?";
}

const char *plan_mode_name(ChangeMode m)
{
    switch (m) {
    case CM_APPEND:
        return "append-only";
    case CM_RETRACT:
        return "retract";
    case CM_UPSERT:
        return "upsert";
    }
    return "?";
}

/* explain.c - `sluice explain FILE.sql`: the logical and the physical plan
 * as trees, one per sink, like Flink's EXPLAIN. Every operator shows its
 * change mode and its output columns, time attributes marked *ROWTIME*; an
 * operator shared by several consumers (a view read twice, a source read by
 * two statements) is printed once and then referred to by its number. */
#include <stdio.h>
#include <string.h>

#include "cesc.h"
#include "phys.h"

/* ---- expressions ---------------------------------------------------------------------- */

static const char *bop_text(int op)
{
    static const char *const t[] = {"+", "-",  "*", "/",  "%",   "=",  "<>",
                                    "<", "<=", ">", ">=", "AND", "OR", "||"};
    return t[op];
}

static const char *fn_text(ScalarFn fn)
{
    static const char *const t[] = {
        "UPPER", "LOWER", "TRIM",  "LTRIM", "RTRIM", "SUBSTRING", "CHAR_LENGTH",      "CONCAT",
        "ABS",   "ROUND", "FLOOR", "CEIL",  "MOD",   "COALESCE",  "IS_DISTINCT_FROM", "NOT_NULL"};
    _Static_assert(sizeof t / sizeof *t == FN_NOT_NULL + 1, "a name per ScalarFn");
    return t[fn];
}

/* Names are shown as SQL text, escaped for the terminal (cesc_comment
 * keeps printable ASCII). */
static const char *show_name(Arena *a, const char *name)
{
    return cesc_comment(a, name, strlen(name));
}

static void ex_expr(FILE *o, Arena *a, const BExpr *e, const Field *in, int depth)
{
    if (depth > 50) {
        fputs("...", o);
        return;
    }
    switch (e->kind) {
    case BX_LIT:
        if (e->u.lit.is_null)
            fputs("NULL", o);
        else if (e->type.kind == TY_VARCHAR)
            fprintf(o, "'%s'", cesc_comment(a, e->u.lit.s, (size_t)e->u.lit.slen));
        else if (e->type.kind == TY_BOOLEAN)
            fputs(e->u.lit.b ? "TRUE" : "FALSE", o);
        else if (e->type.kind == TY_DOUBLE)
            fprintf(o, "%g", e->u.lit.d);
        else if (e->type.kind == TY_INTERVAL)
            fprintf(o, "%lld ms", (long long)e->u.lit.i);
        else
            fprintf(o, "%lld", (long long)e->u.lit.i);
        break;
    case BX_COL:
        fputs(in ? show_name(a, in[e->u.index].name) : "?", o);
        break;
    case BX_UNARY:
        fputs(e->u.op == UOP_NOT ? "NOT " : "-", o);
        ex_expr(o, a, e->args[0], in, depth + 1);
        break;
    case BX_BINARY:
        fputc('(', o);
        ex_expr(o, a, e->args[0], in, depth + 1);
        fprintf(o, " %s ", bop_text(e->u.op));
        ex_expr(o, a, e->args[1], in, depth + 1);
        fputc(')', o);
        break;
    case BX_IS_NULL:
        ex_expr(o, a, e->args[0], in, depth + 1);
        fputs(e->u.negated ? " IS NOT NULL" : " IS NULL", o);
        break;
    case BX_IN:
        ex_expr(o, a, e->args[0], in, depth + 1);
        fprintf(o, "%s IN (", e->u.negated ? " NOT" : "");
        for (int i = 1; i < e->n_args && i <= 8; i++) {
            if (i > 1) fputs(", ", o);
            ex_expr(o, a, e->args[i], in, depth + 1);
        }
        if (e->n_args > 9) fprintf(o, ", ... %d more", e->n_args - 9);
        fputc(')', o);
        break;
    case BX_LIKE:
        ex_expr(o, a, e->args[0], in, depth + 1);
        fputs(e->u.negated ? " NOT LIKE " : " LIKE ", o);
        ex_expr(o, a, e->args[1], in, depth + 1);
        break;
    case BX_CASE:
        fputs("CASE", o);
        for (int i = 0; i + 1 < e->n_args; i += 2) {
            fputs(" WHEN ", o);
            ex_expr(o, a, e->args[i], in, depth + 1);
            fputs(" THEN ", o);
            ex_expr(o, a, e->args[i + 1], in, depth + 1);
        }
        if (e->u.has_else) {
            fputs(" ELSE ", o);
            ex_expr(o, a, e->args[e->n_args - 1], in, depth + 1);
        }
        fputs(" END", o);
        break;
    case BX_CAST:
        fputs("CAST(", o);
        ex_expr(o, a, e->args[0], in, depth + 1);
        fprintf(o, " AS %s)", type_name(e->type.kind));
        break;
    case BX_FUNC:
        fprintf(o, "%s(", fn_text(e->u.fn));
        for (int i = 0; i < e->n_args; i++) {
            if (i) fputs(", ", o);
            ex_expr(o, a, e->args[i], in, depth + 1);
        }
        fputc(')', o);
        break;
    }
}

static const char *agg_text(AggKind k)
{
    static const char *const t[] = {"COUNT",
                                    "COUNT",
                                    "SUM",
                                    "AVG",
                                    "MIN",
                                    "MAX",
                                    "STDDEV_POP",
                                    "STDDEV_SAMP",
                                    "VAR_POP",
                                    "VAR_SAMP",
                                    "FIRST_VALUE",
                                    "LAST_VALUE",
                                    "LISTAGG",
                                    "APPROX_COUNT_DISTINCT",
                                    "PERCENTILE_CONT",
                                    "PERCENTILE_DISC",
                                    "APPROX_PERCENTILE"};
    return t[k];
}

static void ex_call(FILE *o, Arena *a, const AggCall *c, const Field *in)
{
    fprintf(o, "%s(", agg_text(c->kind));
    if (c->kind == AGG_COUNT_STAR)
        fputc('*', o);
    else
        fprintf(o, "%s%s", c->distinct ? "DISTINCT " : "", show_name(a, in[c->arg].name));
    if (c->kind == AGG_PERCENTILE_CONT || c->kind == AGG_PERCENTILE_DISC ||
        c->kind == AGG_APPROX_PERCENTILE)
        fprintf(o, ", %g", c->frac);
    fputc(')', o);
    if (c->filter >= 0) fprintf(o, " FILTER (WHERE %s)", show_name(a, in[c->filter].name));
}

static void ex_duration(FILE *o, int64_t ms)
{
    if (ms % 86400000 == 0 && ms)
        fprintf(o, "%lld d", (long long)(ms / 86400000));
    else if (ms % 3600000 == 0 && ms)
        fprintf(o, "%lld h", (long long)(ms / 3600000));
    else if (ms % 60000 == 0 && ms)
        fprintf(o, "%lld min", (long long)(ms / 60000));
    else if (ms % 1000 == 0 && ms)
        fprintf(o, "%lld s", (long long)(ms / 1000));
    else
        fprintf(o, "%lld ms", (long long)ms);
}

static void ex_window(FILE *o, Arena *a, const WindowSpec *w, const Field *in)
{
    static const char *const k[] = {"TUMBLE", "HOP", "CUMULATE", "SESSION"};
    fprintf(o, "%s(time_col=[%s], ", k[w->kind], show_name(a, in[w->time_col].name));
    switch (w->kind) {
    case WIN_TUMBLE:
        fputs("size=[", o);
        ex_duration(o, w->size);
        break;
    case WIN_HOP:
        fputs("slide=[", o);
        ex_duration(o, w->slide);
        fputs("], size=[", o);
        ex_duration(o, w->size);
        break;
    case WIN_CUMULATE:
        fputs("step=[", o);
        ex_duration(o, w->step);
        fputs("], max_size=[", o);
        ex_duration(o, w->size);
        break;
    case WIN_SESSION:
        fputs("gap=[", o);
        ex_duration(o, w->gap);
        break;
    }
    fputc(']', o);
    if (w->offset) {
        fputs(", offset=[", o);
        ex_duration(o, w->offset);
        fputc(']', o);
    }
    if (w->n_partition) {
        fputs(", partition_by=[", o);
        for (int i = 0; i < w->n_partition; i++)
            fprintf(o, "%s%s", i ? ", " : "", show_name(a, in[w->partition[i]].name));
        fputc(']', o);
    }
    fputc(')', o);
}

static void ex_fields(FILE *o, Arena *a, const Field *f, int n)
{
    fputs("fields=[", o);
    for (int i = 0; i < n; i++)
        fprintf(o, "%s%s%s", i ? ", " : "", show_name(a, f[i].name),
                f[i].time_attr ? " *ROWTIME*" : "");
    fputc(']', o);
}

/* ---- the logical plan ----------------------------------------------------------------- */

static void ex_logical_details(FILE *o, Arena *a, const Op *op)
{
    const Field *in = op->n_in ? op->in[0]->cols : NULL;
    switch (op->kind) {
    case OP_SCAN:
        fprintf(o, "table=[%s], ", show_name(a, op->table->name));
        break;
    case OP_SINK:
        fprintf(o, "table=[%s], ", show_name(a, op->table->name));
        break;
    case OP_WATERMARK:
        fprintf(o, "table=[%s], ", show_name(a, op->table->name));
        if (op->table->wm_expr) {
            fputs("watermark=[", o);
            Field *tf = arena_alloc(a, sizeof(Field) * (size_t)(op->table->n_cols + 1));
            for (int i = 0; i < op->table->n_cols; i++) tf[i].name = op->table->cols[i].name;
            ex_expr(o, a, op->table->wm_expr, tf, 0);
            fputs("], ", o);
        }
        break;
    case OP_CALC:
        if (op->n_sets) {
            fprintf(o, "sets=[%d], ", op->n_sets);
            break;
        }
        fputs("select=[", o);
        for (int i = 0; i < op->n_cols; i++) {
            if (i) fputs(", ", o);
            ex_expr(o, a, op->exprs[i], in, 0);
            if (op->exprs[i]->kind != BX_COL ||
                strcmp(in[op->exprs[i]->u.index].name, op->cols[i].name))
                fprintf(o, " AS %s", show_name(a, op->cols[i].name));
        }
        fputs("], ", o);
        if (op->filter) {
            fputs("where=[", o);
            ex_expr(o, a, op->filter, in, 0);
            fputs("], ", o);
        }
        break;
    case OP_WINDOW:
        fputs("window=[", o);
        ex_window(o, a, &op->win, in);
        fputs("], ", o);
        break;
    case OP_AGG:
        fputs("groupBy=[", o);
        for (int i = 0; i < op->agg.n_keys; i++)
            fprintf(o, "%s%s", i ? ", " : "", show_name(a, in[op->agg.keys[i]].name));
        fputs("], select=[", o);
        for (int i = 0; i < op->agg.n_calls; i++) {
            if (i) fputs(", ", o);
            ex_call(o, a, &op->agg.calls[i], in);
        }
        fputs("], ", o);
        if (op->agg.windowed && op->agg.emit == EMIT_CHANGES) fputs("emit=[CHANGES], ", o);
        if (op->agg.lateness) {
            fputs("allowLateness=[", o);
            ex_duration(o, op->agg.lateness);
            fputs("], ", o);
        }
        if (op->agg.ttl) {
            fputs("stateTtl=[", o);
            ex_duration(o, op->agg.ttl);
            fputs("], ", o);
        }
        break;
    case OP_UNION:
        fprintf(o, "inputs=[%d], ", op->n_in);
        break;
    }
}

static void ex_indent(FILE *o, int depth)
{
    for (int i = 0; i < depth; i++) fputs(i + 1 == depth ? "+- " : "   ", o);
}

static void ex_logical(FILE *o, Arena *a, const Op *op, int depth, bool *seen)
{
    ex_indent(o, depth);
    if (seen[op->id]) {
        fprintf(o, "Reused(#%d %s)\n", op->id, plan_op_name(op));
        return;
    }
    seen[op->id] = true;
    fprintf(o, "#%d %s(", op->id, plan_op_name(op));
    ex_logical_details(o, a, op);
    ex_fields(o, a, op->cols, op->n_cols);
    fprintf(o, ") changelogMode=[%s]", plan_mode_name(op->mode));
    if (op->ukey && op->mode != CM_APPEND) {
        fputs(" uniqueKey=[", o);
        for (int i = 0; i < op->n_ukey; i++)
            fprintf(o, "%s%s", i ? ", " : "", show_name(a, op->cols[op->ukey[i]].name));
        fputc(']', o);
    }
    if (op->label) fprintf(o, " from=[%s]", show_name(a, op->label));
    fputc('\n', o);
    for (int i = 0; i < op->n_in; i++) ex_logical(o, a, op->in[i], depth + 1, seen);
}

/* ---- the physical plan ---------------------------------------------------------------- */

static void ex_physical(FILE *o, Arena *a, const PhysOp *op, int depth, bool *seen)
{
    ex_indent(o, depth);
    if (seen[op->id]) {
        fprintf(o, "Reused(#%d %s)\n", op->id, low_op_name(a, op));
        return;
    }
    seen[op->id] = true;
    const Field *in = op->n_in ? op->in[0]->cols : NULL;
    fprintf(o, "#%d %s(", op->id, low_op_name(a, op));
    switch (op->kind) {
    case PH_WINDOW_AGG:
        if (op->wmode == WA_ASSIGN) {
            fputs("window=[", o);
            ex_window(o, a, &op->win, in);
            fputs("], ", o);
        }
        fputs("groupBy=[", o);
        for (int i = 0, first = 1; i < op->n_keys; i++) {
            if (op->roles[i] != KR_COL) continue;
            fprintf(o, "%s%s", first ? "" : ", ", show_name(a, in[op->keys[i]].name));
            first = 0;
        }
        fputs("], ", o);
        fprintf(o, "emit=[%s], ", op->emit == EMIT_CHANGES ? "CHANGES" : "FINAL");
        break;
    case PH_GROUP_AGG:
        fputs("groupBy=[", o);
        for (int i = 0; i < op->n_keys; i++)
            fprintf(o, "%s%s", i ? ", " : "", show_name(a, in[op->keys[i]].name));
        fputs("], ", o);
        break;
    case PH_CALC:
        if (op->calc != op->lop) fputs("windowed input, ", o);
        break;
    case PH_SCAN:
    case PH_SINK:
    case PH_WATERMARK:
    case PH_NORMALIZE:
        fprintf(o, "table=[%s], ", show_name(a, op->table->name));
        break;
    default:
        break;
    }
    ex_fields(o, a, op->cols, op->n_cols);
    fprintf(o, ") changelogMode=[%s]\n", plan_mode_name(op->mode));
    for (int i = 0; i < op->n_in; i++) ex_physical(o, a, op->in[i], depth + 1, seen);
}

void explain_program(FILE *o, Arena *a, const Plan *p, const PhysPlan *pp)
{
    fputs("== Logical Plan ==\n", o);
    bool *seen = arena_alloc(a, (size_t)p->n_ops + 1);
    for (int i = 0; i < p->n_sinks; i++) ex_logical(o, a, p->sinks[i], 0, seen);
    fputs("\n== Physical Plan ==\n", o);
    bool *pseen = arena_alloc(a, (size_t)pp->n_ops + 1);
    for (int i = 0; i < pp->n_ops; i++)
        if (pp->ops[i]->kind == PH_SINK) ex_physical(o, a, pp->ops[i], 0, pseen);
}

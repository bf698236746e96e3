/* lower.c - the physical plan (phys.h; docs/architecture.md, "Lowering").
 *
 * One physical operator per logical one, except for window aggregations:
 *
 *   Window TVF -> Calc -> Aggregate(window_start, window_end, ...)
 *
 * becomes Calc' -> WindowAggregate, which assigns windows from the time
 * attribute itself ("assign" mode), when the Calc only passes the window
 * bounds through as group keys: a HOP row is then aggregated once per
 * window inside the operator instead of being copied size/slide times, and
 * a SESSION can merge. When the Calc computes with the bounds, the Window
 * TVF stays and the aggregation reads them from its rows ("attached"). */
#include <assert.h>
#include <string.h>

#include "phys.h"

typedef struct Lower {
    Arena *a;
    const Plan *p;
    PhysOp **memo; /* by logical op id */
    PhysPlan *pp;
} Lower;

static PhysOp *lower(Lower *L, const Op *op);

static PhysOp *ph_new(Lower *L, PhysKind kind, const Op *lop, int n_in)
{
    PhysOp *ph = arena_alloc(L->a, sizeof *ph);
    ph->kind = kind;
    ph->lop = lop;
    ph->n_in = n_in;
    ph->in = arena_alloc(L->a, sizeof(PhysOp *) * (size_t)(n_in ? n_in : 1));
    ph->cols = lop->cols;
    ph->n_cols = lop->n_cols;
    /* an upsert stream is normalised into a retract one right after its
     * scan (PH_NORMALIZE): everything downstream sees retractions */
    ph->mode = lop->mode == CM_UPSERT ? CM_RETRACT : lop->mode;
    ph->used = lop->used;
    ph->calc = lop;
    ph->table = lop->table;
    ph->wstart_col = ph->wend_col = -1;
    return ph;
}

/* Registers ph after its inputs (topological order). */
static PhysOp *ph_done(Lower *L, PhysOp *ph)
{
    ph->id = L->pp->n_ops;
    ARENA_PUSH(L->a, L->pp->ops, L->pp->n_ops, ph);
    return ph;
}

/* ---- aggregate slots -------------------------------------------------------------- */

static int add_slot(Lower *L, PhysOp *ph, SlotKind kind, int arg, int filter, SqlType type)
{
    for (int i = 0; i < ph->n_slots; i++) {
        const Slot *s = &ph->slots[i];
        if (s->kind == kind && s->arg == arg && s->filter == filter) return i;
    }
    int count = -1;
    if (kind == SLOT_SUM) count = add_slot(L, ph, SLOT_COUNT, arg, filter, type);
    Slot s = {.kind = kind, .arg = arg, .filter = filter, .type = type, .count_slot = count};
    ARENA_PUSH(L->a, ph->slots, ph->n_slots, s);
    return ph->n_slots - 1;
}

/* The slots of ph's calls (shared state, docs/architecture.md "Aggregate
 * state"): equal (kind, argument, filter) share one slot. */
static void plan_slots(Lower *L, PhysOp *ph, const Op *in)
{
    ph->call_slots = arena_alloc(L->a, sizeof(CallSlots) * (size_t)(ph->n_calls + 1));
    for (int j = 0; j < ph->n_calls; j++) {
        const AggCall *c = &ph->calls[j];
        SqlType t = c->arg >= 0 ? in->cols[c->arg].type : (SqlType){TY_BIGINT, false};
        CallSlots *cs = &ph->call_slots[j];
        cs->count = -1;
        switch (c->kind) {
        case AGG_COUNT_STAR:
            cs->slot = add_slot(L, ph, SLOT_COUNT_STAR, -1, c->filter, t);
            break;
        case AGG_COUNT:
            cs->slot =
                add_slot(L, ph, c->distinct ? SLOT_MULTISET : SLOT_COUNT, c->arg, c->filter, t);
            break;
        case AGG_SUM:
        case AGG_AVG:
            if (c->distinct) {
                cs->slot = add_slot(L, ph, SLOT_MULTISET, c->arg, c->filter, t);
            } else {
                cs->slot = add_slot(L, ph, SLOT_SUM, c->arg, c->filter, t);
                cs->count = ph->slots[cs->slot].count_slot;
            }
            break;
        case AGG_MIN:
        case AGG_MAX:
            if (ph->retract_in)
                cs->slot = add_slot(L, ph, SLOT_MULTISET, c->arg, c->filter, t);
            else
                cs->slot =
                    add_slot(L, ph, c->kind == AGG_MIN ? SLOT_MIN : SLOT_MAX, c->arg, c->filter, t);
            break;
        case AGG_STDDEV_POP:
        case AGG_STDDEV_SAMP:
        case AGG_VAR_POP:
        case AGG_VAR_SAMP:
            cs->slot = add_slot(L, ph, SLOT_WELFORD, c->arg, c->filter, t);
            break;
        case AGG_FIRST_VALUE:
        case AGG_LAST_VALUE:
            if (ph->retract_in)
                cs->slot = add_slot(L, ph, SLOT_VLIST, c->arg, c->filter, t);
            else
                cs->slot = add_slot(L, ph, c->kind == AGG_FIRST_VALUE ? SLOT_FIRST : SLOT_LAST,
                                    c->arg, c->filter, t);
            break;
        case AGG_LISTAGG:
            cs->slot = add_slot(L, ph, SLOT_STRLIST, c->arg, c->filter, t);
            break;
        case AGG_APPROX_COUNT_DISTINCT:
            cs->slot = add_slot(L, ph, SLOT_HLL, c->arg, c->filter, t);
            break;
        case AGG_PERCENTILE_CONT:
        case AGG_PERCENTILE_DISC:
            cs->slot = add_slot(L, ph, SLOT_MULTISET, c->arg, c->filter, t);
            break;
        case AGG_APPROX_PERCENTILE:
            cs->slot = add_slot(L, ph, SLOT_SKETCH, c->arg, c->filter, t);
            break;
        }
    }
}

/* ---- window aggregations ------------------------------------------------------------- */

/* Can the Calc between a Window TVF and an Aggregate move below the TVF?
 * Only when it reads the window bounds as plain group keys (or not at
 * all): the aggregation then computes them. */
static bool calc_passes_bounds(const Op *calc, const Op *win, const Op *agg)
{
    int wfirst = win->n_cols - 3;
    if (calc->n_sets) return false;
    /* the filter must not read them */
    const BExpr *stack[256];
    int n = 0;
    if (calc->filter) stack[n++] = calc->filter;
    while (n > 0) {
        const BExpr *e = stack[--n];
        if (e->kind == BX_COL && e->u.index >= wfirst) return false;
        for (int i = 0; i < e->n_args; i++) {
            if (n == 256) return false; /* deep: keep it simple, attach instead */
            stack[n++] = e->args[i];
        }
    }
    for (int c = 0; c < calc->n_cols; c++) {
        const BExpr *e = calc->exprs[c];
        if (e->kind == BX_COL) {
            if (e->u.index < wfirst) continue;
            /* a bound passed through: it must be a key */
            bool key = false;
            for (int k = 0; k < agg->agg.n_keys; k++) key |= agg->agg.keys[k] == c;
            if (!key) return false;
            continue;
        }
        /* an expression: must not read a bound */
        n = 0;
        stack[n++] = e;
        while (n > 0) {
            const BExpr *x = stack[--n];
            if (x->kind == BX_COL && x->u.index >= wfirst) return false;
            for (int i = 0; i < x->n_args; i++) {
                if (n == 256) return false;
                stack[n++] = x->args[i];
            }
        }
    }
    return true;
}

/* Lowers a window aggregation. */
static PhysOp *lower_window_agg(Lower *L, const Op *agg)
{
    PhysOp *ph = ph_new(L, PH_WINDOW_AGG, agg, 1);
    ph->calls = agg->agg.calls;
    ph->n_calls = agg->agg.n_calls;
    ph->emit = agg->agg.emit;
    ph->lateness = agg->agg.lateness;
    ph->n_keys = agg->agg.n_keys;
    ph->keys = arena_alloc(L->a, sizeof(int) * (size_t)(ph->n_keys + 1));
    ph->roles = arena_alloc(L->a, sizeof(KeyRole) * (size_t)(ph->n_keys + 1));
    const Op *calc = agg->in[0];
    const Op *win = calc->kind == OP_CALC && calc->n_in == 1 ? calc->in[0] : NULL;
    if (win && win->kind == OP_WINDOW && calc_passes_bounds(calc, win, agg)) {
        /* assign mode: Calc' over the TVF's input, the time column appended */
        int wfirst = win->n_cols - 3;
        int n = calc->n_cols + 1;
        Op *c2 = arena_alloc(L->a, sizeof *c2);
        *c2 = *calc;
        c2->in = arena_alloc(L->a, sizeof(Op *));
        c2->in[0] = win->in[0];
        c2->n_cols = n;
        c2->cols = arena_alloc(L->a, sizeof(Field) * (size_t)n);
        c2->exprs = arena_alloc(L->a, sizeof(BExpr *) * (size_t)n);
        bool *used = arena_alloc(L->a, sizeof(bool) * (size_t)n);
        BExpr *tcol = arena_alloc(L->a, sizeof *tcol);
        tcol->kind = BX_COL;
        tcol->u.index = win->win.time_col;
        tcol->type = win->in[0]->cols[win->win.time_col].type;
        for (int c = 0; c < calc->n_cols; c++) {
            const BExpr *e = calc->exprs[c];
            bool bound = e->kind == BX_COL && e->u.index >= wfirst;
            c2->exprs[c] = bound ? tcol : calc->exprs[c];
            c2->cols[c] = calc->cols[c];
            if (bound) c2->cols[c].type = tcol->type;
            used[c] = (!calc->used || calc->used[c]) && !bound;
        }
        c2->exprs[n - 1] = tcol;
        c2->cols[n - 1] = (Field){"$time", tcol->type, false};
        used[n - 1] = true;
        c2->used = used;
        PhysOp *pc = ph_new(L, PH_CALC, c2, 1);
        pc->in[0] = lower(L, win->in[0]);
        pc->calc = c2;
        ph_done(L, pc);
        ph->in[0] = pc;
        ph->wmode = WA_ASSIGN;
        ph->win = win->win;
        ph->win.time_col = n - 1;
        /* PARTITION BY columns, as columns of the Calc below (they are
         * group keys: the binder checked) */
        ph->win.partition = arena_alloc(L->a, sizeof(int) * (size_t)(win->win.n_partition + 1));
        ph->win.n_partition = 0;
        for (int i = 0; i < win->win.n_partition; i++)
            for (int c = 0; c < calc->n_cols; c++)
                if (calc->exprs[c]->kind == BX_COL &&
                    calc->exprs[c]->u.index == win->win.partition[i]) {
                    ph->win.partition[ph->win.n_partition++] = c;
                    break;
                }
        for (int k = 0; k < ph->n_keys; k++) {
            int col = agg->agg.keys[k];
            const BExpr *e = calc->exprs[col];
            ph->keys[k] = col;
            ph->roles[k] = KR_COL;
            if (e->kind == BX_COL && e->u.index >= wfirst)
                ph->roles[k] = (KeyRole)(KR_WSTART + (e->u.index - wfirst));
        }
        ph->strat = win->win.kind == WIN_SESSION ? WS_SESSION : WS_WINDOWS;
    } else {
        /* attached: the bounds are input columns */
        ph->in[0] = lower(L, calc);
        ph->wmode = WA_ATTACHED;
        ph->strat = WS_WINDOWS;
        const Op *w = calc;
        /* find the keys that carry window_start / window_end: the window
         * TVF below the Calc/Expand chain names them */
        while (w && w->kind == OP_CALC) w = w->in[0];
        assert(w && w->kind == OP_WINDOW);
        int wfirst = w->n_cols - 3;
        for (int k = 0; k < ph->n_keys; k++) {
            ph->keys[k] = agg->agg.keys[k];
            ph->roles[k] = KR_COL;
            /* trace key k's column down to the window op */
            const Op *o = calc;
            int col = agg->agg.keys[k];
            while (o->kind == OP_CALC) {
                const BExpr *e = o->n_sets ? o->sets[0][col] : o->exprs[col];
                if (e->kind != BX_COL) {
                    col = -1;
                    break;
                }
                col = e->u.index;
                o = o->in[0];
            }
            if (o == w && col == wfirst) ph->wstart_col = agg->agg.keys[k];
            if (o == w && col == wfirst + 1) ph->wend_col = agg->agg.keys[k];
        }
        assert(ph->wstart_col >= 0 && ph->wend_col >= 0);
    }
    plan_slots(L, ph, ph->in[0]->calc ? ph->in[0]->calc : ph->in[0]->lop);
    /* HOP from panes when every slot merges in O(1) (plain values, no
     * multisets or lists) and no row is emitted before its window fires */
    if (ph->wmode == WA_ASSIGN && ph->win.kind == WIN_HOP && ph->emit != EMIT_CHANGES &&
        ph->lateness == 0 && ph->win.size != ph->win.slide) {
        bool cheap = true;
        for (int i = 0; i < ph->n_slots; i++) {
            const Slot *s = &ph->slots[i];
            switch (s->kind) {
            case SLOT_COUNT_STAR:
            case SLOT_COUNT:
            case SLOT_SUM:
            case SLOT_WELFORD:
                break;
            case SLOT_MIN:
            case SLOT_MAX:
            case SLOT_FIRST:
            case SLOT_LAST:
                cheap &= s->type.kind != TY_VARCHAR;
                break;
            default:
                cheap = false;
                break;
            }
        }
        if (cheap) ph->strat = WS_HOP_PANES;
    }
    return ph_done(L, ph);
}

static PhysOp *lower(Lower *L, const Op *op)
{
    if (L->memo[op->id]) return L->memo[op->id];
    PhysOp *ph = NULL;
    switch (op->kind) {
    case OP_SCAN:
        ph = ph_done(L, ph_new(L, PH_SCAN, op, 0));
        ph->mode = op->mode;
        if (op->table->connector == CONN_UPSERT_KAFKA) {
            /* the last row per key turns upserts into a retract stream */
            PhysOp *n = ph_new(L, PH_NORMALIZE, op, 1);
            n->in[0] = ph;
            n->mode = CM_RETRACT;
            ph->mode = CM_UPSERT;
            ph = ph_done(L, n);
        }
        break;
    case OP_CALC:
        ph = ph_new(L, PH_CALC, op, 1);
        ph->in[0] = lower(L, op->in[0]);
        ph_done(L, ph);
        break;
    case OP_WINDOW:
        ph = ph_new(L, op->win.kind == WIN_SESSION ? PH_SESSION_TVF : PH_WINDOW_TVF, op, 1);
        ph->in[0] = lower(L, op->in[0]);
        ph->win = op->win;
        if (op->win.kind == WIN_SESSION) {
            /* the merging-session operator, holding the rows themselves per
             * PARTITION BY key (one session stream without PARTITION BY) */
            ph->wmode = WA_ASSIGN;
            ph->strat = WS_SESSION;
            ph->n_keys = op->win.n_partition;
            ph->keys = op->win.partition;
            ph->roles = arena_alloc(L->a, sizeof(KeyRole) * (size_t)(ph->n_keys + 1));
            Slot rows = {.kind = SLOT_ROWS, .arg = -1, .filter = -1, .count_slot = -1};
            ARENA_PUSH(L->a, ph->slots, ph->n_slots, rows);
        }
        ph_done(L, ph);
        break;
    case OP_AGG:
        if (op->agg.windowed) {
            ph = lower_window_agg(L, op);
            break;
        }
        ph = ph_new(L, PH_GROUP_AGG, op, 1);
        ph->in[0] = lower(L, op->in[0]);
        ph->retract_in = ph->in[0]->mode != CM_APPEND;
        ph->calls = op->agg.calls;
        ph->n_calls = op->agg.n_calls;
        ph->n_keys = op->agg.n_keys;
        ph->keys = op->agg.keys;
        ph->roles = arena_alloc(L->a, sizeof(KeyRole) * (size_t)(ph->n_keys + 1));
        ph->ttl = op->agg.ttl;
        plan_slots(L, ph, op->in[0]);
        ph_done(L, ph);
        break;
    case OP_UNION:
        ph = ph_new(L, PH_UNION, op, op->n_in);
        for (int i = 0; i < op->n_in; i++) ph->in[i] = lower(L, op->in[i]);
        ph_done(L, ph);
        break;
    case OP_WATERMARK:
        ph = ph_new(L, PH_WATERMARK, op, 1);
        ph->in[0] = lower(L, op->in[0]);
        ph_done(L, ph);
        break;
    case OP_SINK:
        ph = ph_new(L, PH_SINK, op, 1);
        ph->in[0] = lower(L, op->in[0]);
        ph_done(L, ph);
        break;
    }
    L->memo[op->id] = ph;
    return ph;
}

PhysPlan *low_program(Arena *a, const Plan *p)
{
    Lower L = {.a = a, .p = p};
    L.memo = arena_alloc(a, sizeof(PhysOp *) * (size_t)(p->n_ops + 1));
    L.pp = arena_alloc(a, sizeof(PhysPlan));
    L.pp->plan = p;
    for (int i = 0; i < p->n_sinks; i++) lower(&L, p->sinks[i]);
    /* consumers */
    PhysPlan *pp = L.pp;
    for (int i = 0; i < pp->n_ops; i++)
        for (int j = 0; j < pp->ops[i]->n_in; j++) {
            PhysOp *in = pp->ops[i]->in[j];
            bool dup = false;
            for (int k = 0; k < in->n_out; k++) dup |= in->out[k] == pp->ops[i];
            if (!dup) ARENA_PUSH(a, in->out, in->n_out, pp->ops[i]);
        }
    return pp;
}

const char *low_op_name(Arena *a, const PhysOp *op)
{
    static const char *const wk[] = {"TUMBLE", "HOP", "CUMULATE", "SESSION"};
    switch (op->kind) {
    case PH_SCAN:
        return "TableSourceScan";
    case PH_NORMALIZE:
        return "ChangelogNormalize";
    case PH_CALC:
        return op->calc->n_sets ? "Expand" : "Calc";
    case PH_WINDOW_TVF:
    case PH_SESSION_TVF:
        return arena_printf(a, "WindowTableFunction(%s)", wk[op->win.kind]);
    case PH_WINDOW_AGG:
        if (op->wmode == WA_ASSIGN)
            return arena_printf(a, "WindowAggregate(%s%s)", wk[op->win.kind],
                                op->strat == WS_SESSION     ? ", merging"
                                : op->strat == WS_HOP_PANES ? ", panes"
                                                            : "");
        return "WindowAggregate(attached window)";
    case PH_GROUP_AGG:
        return op->retract_in ? "GroupAggregate(retracting)" : "GroupAggregate";
    case PH_UNION:
        return "Union";
    case PH_WATERMARK:
        return "WatermarkAssigner";
    case PH_SINK:
        return "Sink";
    }
    return "?";
}

/* ops.c - the operators without aggregate state (cg.h): Calc (and
 * Expand), Union, the TUMBLE/HOP/CUMULATE window TVF and the watermark
 * assigner of tables produced in-process. Each is a push function that
 * computes its row and calls its consumers, and an advance function that
 * forwards the watermark (a Union forwards the minimum of its inputs',
 * docs/architecture.md "Time and state"). */
#include <assert.h>
#include <string.h>

#include "cg.h"

/* The row of the current push: input row r of op's input i. */
static void use_input(Cg *g, const PhysOp *op, int i)
{
    g->row = "r";
    g->row_cols = op->in[i]->cols;
}

static void push_head(Cg *g, const PhysOp *op, const char *suffix, int port)
{
    line(g, "static inline void op%d_push%s(sl_ctx *ctx, prog_state *st, sl_change k, const %s *r)",
         op->id, suffix, row_t(g, op->in[port]));
    line(g, "{");
    g->indent++;
    cg_unused(g, "ctx st k r");
    g->tmp = 0;
}

static void push_tail(Cg *g)
{
    g->indent--;
    line(g, "}");
    blank(g);
}

/* The advance of a single-input operator without timers: forwards. */
static void advance_forward(Cg *g, const PhysOp *op)
{
    line(g, "static void op%d_advance(sl_ctx *ctx, prog_state *st, int64_t wm)", op->id);
    line(g, "{");
    g->indent++;
    cg_unused(g, "ctx st wm");
    cg_forward(g, op, "wm");
    g->indent--;
    line(g, "}");
    blank(g);
}

/* Stores value v into column c of the row struct `o` (an lvalue prefix
 * such as "o." or "o->"). */
static void store_col(Cg *g, const Field *f, const char *o, int c, Val v)
{
    line(g, "%sc%d = %s;", o, c, v.v);
    if (f->type.nullable) line(g, "%sn%d = %s;", o, c, v.n);
}

/* ---- Calc ----------------------------------------------------------------------- */

void cg_calc_types(Cg *g, const PhysOp *op)
{
    cg_row_struct(g, op, op->used, false);
}

/* Projections of a wide Calc: functions of CG_CHUNK columns, out of line
 * (a C compiler's time grows faster than the size of one function). */
/* True when every used column of [from, to) is an input column of the
 * same C type, copied as is (and NULL only where the input may be). */
static bool chunk_copies(const PhysOp *op, BExpr *const *exprs, int from, int to)
{
    const Field *in = op->in[0]->cols;
    for (int i = from; i < to; i++) {
        if (!op->used[i]) continue;
        const BExpr *e = exprs[i];
        if (e->kind != BX_COL) return false;
        const Field *src = &in[e->u.index], *dst = &op->cols[i];
        if (strcmp(ctype(src->type.kind), ctype(dst->type.kind)) != 0) return false;
        if (src->type.nullable && !dst->type.nullable) return false;
    }
    return true;
}

static int calc_chunks(Cg *g, const PhysOp *op, BExpr *const *exprs, int set)
{
    const Op *c = op->calc;
    int n = 0;
    for (int from = 0; from < c->n_cols; from += CG_CHUNK, n++) {
        int to = from + CG_CHUNK < c->n_cols ? from + CG_CHUNK : c->n_cols;
        g->tmp = 0;
        if (chunk_copies(op, exprs, from, to)) {
            /* plain columns: a table and one loop (sl_row_copy) */
            const char *in_row = row_t(g, op->in[0]);
            int cnt = 0;
            line(g, "static const sl_copydesc op%d_copy%d_%d[] = {", op->id, set, n);
            for (int i = from; i < to; i++) {
                if (!op->used[i]) continue;
                int j = exprs[i]->u.index;
                const Field *src = &op->in[0]->cols[j], *dst = &op->cols[i];
                line(g, "    {offsetof(op%d_row, c%d), offsetof(%s, c%d), sizeof(%s), %s, %s},",
                     op->id, i, in_row, j, ctype(dst->type.kind),
                     dst->type.nullable ? fmt(g, "(int32_t)offsetof(op%d_row, n%d)", op->id, i)
                                        : "-1",
                     src->type.nullable ? fmt(g, "(int32_t)offsetof(%s, n%d)", in_row, j) : "-1");
                cnt++;
            }
            if (!cnt) line(g, "    {0, 0, 0, -1, -1},");
            line(g, "};");
            line(g, "static void op%d_proj%d_%d(sl_ctx *ctx, const %s *r, op%d_row *o)", op->id,
                 set, n, in_row, op->id);
            line(g, "{");
            line(g, "    (void)ctx;");
            line(g, "    sl_row_copy(op%d_copy%d_%d, %d, r, o);", op->id, set, n, cnt);
            line(g, "}");
            blank(g);
            continue;
        }
        line(g,
             "__attribute__((noinline)) static void op%d_proj%d_%d(sl_ctx *ctx, const %s *r, "
             "op%d_row *o)",
             op->id, set, n, row_t(g, op->in[0]), op->id);
        line(g, "{");
        g->indent++;
        cg_unused(g, "ctx r o");
        use_input(g, op, 0);
        for (int i = from; i < to; i++)
            if (op->used[i]) store_col(g, &op->cols[i], "o->", i, cg_expr(g, exprs[i]));
        g->indent--;
        line(g, "}");
        blank(g);
    }
    return n;
}

void cg_calc_code(Cg *g, const PhysOp *op)
{
    const Op *c = op->calc;
    int n_sets = c->n_sets ? c->n_sets : 1;
    bool wide = c->n_cols >= g->wide_columns;
    int *chunks = arena_alloc(g->a, sizeof(int) * (size_t)n_sets);
    for (int s = 0; wide && s < n_sets; s++)
        chunks[s] = calc_chunks(g, op, c->n_sets ? c->sets[s] : c->exprs, s);
    push_head(g, op, "", 0);
    use_input(g, op, 0);
    if (c->filter) {
        line(g, "/* WHERE */");
        Val f = cg_expr(g, c->filter);
        line(g, "if (%s || !(%s)) return;", f.n, f.v);
    }
    for (int s = 0; s < n_sets; s++) {
        BExpr *const *exprs = c->n_sets ? c->sets[s] : c->exprs;
        line(g, "{");
        g->indent++;
        line(g, "op%d_row o;", op->id);
        if (wide) {
            for (int k = 0; k < chunks[s]; k++)
                line(g, "op%d_proj%d_%d(ctx, r, &o);", op->id, s, k);
        } else {
            for (int i = 0; i < c->n_cols; i++)
                if (op->used[i]) store_col(g, &op->cols[i], "o.", i, cg_expr(g, exprs[i]));
        }
        cg_emit(g, op, "k", "&o");
        g->indent--;
        line(g, "}");
    }
    push_tail(g);
    advance_forward(g, op);
}

/* ---- Union ------------------------------------------------------------------------ */

void cg_union_types(Cg *g, const PhysOp *op)
{
    cg_row_struct(g, op, op->used, false);
    line(g, "typedef struct op%d_state {", op->id);
    line(g, "    int64_t wm[%d]; /* per input */", op->n_in);
    line(g, "    int64_t out;    /* forwarded: the minimum */");
    line(g, "} op%d_state;", op->id);
    blank(g);
}

void cg_union_code(Cg *g, const PhysOp *op)
{
    for (int i = 0; i < op->n_in; i++) {
        push_head(g, op, fmt(g, "_%d", i), i);
        line(g, "op%d_row o;", op->id);
        use_input(g, op, i);
        for (int c = 0; c < op->n_cols; c++) {
            if (!op->used[c]) continue;
            store_col(g, &op->cols[c], "o.", c, cg_col(g, c));
        }
        cg_emit(g, op, "k", "&o");
        push_tail(g);
        line(g, "static void op%d_advance_%d(sl_ctx *ctx, prog_state *st, int64_t wm)", op->id, i);
        line(g, "{");
        g->indent++;
        line(g, "op%d_state *s = &st->op%d;", op->id, op->id);
        line(g, "s->wm[%d] = wm;", i);
        line(g, "int64_t m = s->wm[0];");
        line(g, "for (int i = 1; i < %d; i++) if (s->wm[i] < m) m = s->wm[i];", op->n_in);
        line(g, "if (m <= s->out) return;");
        line(g, "s->out = m;");
        line(g, "(void)ctx;");
        cg_forward(g, op, "m");
        g->indent--;
        line(g, "}");
        blank(g);
    }
    line(g, "static void op%d_init(op%d_state *s)", op->id, op->id);
    line(g, "{");
    line(g, "    for (int i = 0; i < %d; i++) s->wm[i] = SL_TS_MIN;", op->n_in);
    line(g, "    s->out = SL_TS_MIN;");
    line(g, "}");
    blank(g);
    line(g, "static void op%d_save(const op%d_state *s, sl_buf *b)", op->id, op->id);
    line(g, "{");
    line(g, "    for (int i = 0; i < %d; i++) sl_save_i64(b, s->wm[i]);", op->n_in);
    line(g, "    sl_save_i64(b, s->out);");
    line(g, "}");
    blank(g);
    line(g, "static bool op%d_load(op%d_state *s, sl_rbuf *r)", op->id, op->id);
    line(g, "{");
    line(g, "    for (int i = 0; i < %d; i++) s->wm[i] = sl_load_i64(r);", op->n_in);
    line(g, "    s->out = sl_load_i64(r);");
    line(g, "    return !r->err;");
    line(g, "}");
    blank(g);
}

/* ---- window TVF (TUMBLE, HOP, CUMULATE) ----------------------------------------------- */

void cg_window_tvf_code(Cg *g, const PhysOp *op)
{
    const WindowSpec *w = &op->win;
    int nin = op->in[0]->n_cols;
    push_head(g, op, "", 0);
    use_input(g, op, 0);
    line(g, "/* every window of the row (Flink's window TVF: rows are emitted at once, late or");
    line(g, " * not; a window aggregation downstream judges lateness) */");
    Val t = cg_col(g, w->time_col);
    if (!is_const0(t.n)) line(g, "if (%s) return; /* no event time: no window */", t.n);
    line(g, "int64_t ts = %s;", t.v);
    switch (w->kind) {
    case WIN_TUMBLE:
        line(g, "int64_t ws = sl_tumble_start(ts, %s, %s);", i64_lit(g, w->size),
             i64_lit(g, w->offset));
        line(g, "int64_t we = sl_window_end(ws, %s);", i64_lit(g, w->size));
        line(g, "{");
        break;
    case WIN_HOP:
        line(g, "SL_HOP_FOREACH(ts, %s, %s, %s, ws, we) {", i64_lit(g, w->slide),
             i64_lit(g, w->size), i64_lit(g, w->offset));
        break;
    case WIN_CUMULATE:
        line(g, "SL_CUMULATE_FOREACH(ts, %s, %s, %s, ws, we) {", i64_lit(g, w->step),
             i64_lit(g, w->size), i64_lit(g, w->offset));
        break;
    case WIN_SESSION:
        assert(!"sessions have their own operator");
        break;
    }
    g->indent++;
    line(g, "op%d_row o;", op->id);
    for (int c = 0; c < nin; c++)
        if (op->used[c]) store_col(g, &op->cols[c], "o.", c, cg_col(g, c));
    line(g, "(void)ws; (void)we;");
    if (op->used[nin]) line(g, "o.c%d = ws;", nin);
    if (op->used[nin + 1]) line(g, "o.c%d = we;", nin + 1);
    if (op->used[nin + 2]) line(g, "o.c%d = we - 1;", nin + 2);
    cg_emit(g, op, "k", "&o");
    g->indent--;
    line(g, "}");
    push_tail(g);
    advance_forward(g, op);
}

/* ---- watermark assigner -------------------------------------------------------------- */

void cg_watermark_types(Cg *g, const PhysOp *op)
{
    cg_row_struct(g, op, op->used, false);
    line(g, "typedef struct op%d_state {", op->id);
    line(g, "    int64_t max; /* largest value of the WATERMARK expression so far */");
    line(g, "    int64_t out; /* forwarded */");
    line(g, "} op%d_state;", op->id);
    blank(g);
}

void cg_watermark_code(Cg *g, const PhysOp *op)
{
    const Table *t = op->table;
    push_head(g, op, "", 0);
    use_input(g, op, 0);
    line(g, "op%d_row o;", op->id);
    for (int c = 0; c < op->n_cols; c++)
        if (op->used[c]) store_col(g, &op->cols[c], "o.", c, cg_col(g, c));
    cg_emit(g, op, "k", "&o");
    if (t->wm_expr) {
        /* the table's declared WATERMARK over the rows written into it
         * (Flink: the watermark of the table that a reader sees) */
        line(g, "op%d_state *s = &st->op%d;", op->id, op->id);
        Val w = cg_expr(g, t->wm_expr);
        line(g, "if (!%s && %s > s->max) {", w.n, w.v);
        line(g, "    s->max = %s;", w.v);
        line(g, "    if (s->max > s->out) {");
        line(g, "        s->out = s->max;");
        g->indent += 2;
        cg_forward(g, op, "s->out");
        g->indent -= 2;
        line(g, "    }");
        line(g, "}");
    }
    push_tail(g);
    line(g, "static void op%d_advance(sl_ctx *ctx, prog_state *st, int64_t wm)", op->id);
    line(g, "{");
    g->indent++;
    cg_unused(g, "ctx st wm");
    if (t->wm_expr) {
        /* only the end of the input moves it: the table's own watermark
         * comes from its rows */
        line(g, "if (wm != SL_TS_MAX) return;");
        line(g, "st->op%d.out = SL_TS_MAX;", op->id);
    }
    cg_forward(g, op, "wm");
    g->indent--;
    line(g, "}");
    blank(g);
    line(g, "static void op%d_init(op%d_state *s)", op->id, op->id);
    line(g, "{");
    line(g, "    s->max = s->out = SL_TS_MIN;");
    line(g, "}");
    blank(g);
    line(g, "static void op%d_save(const op%d_state *s, sl_buf *b)", op->id, op->id);
    line(g, "{");
    line(g, "    sl_save_i64(b, s->max);");
    line(g, "    sl_save_i64(b, s->out);");
    line(g, "}");
    blank(g);
    line(g, "static bool op%d_load(op%d_state *s, sl_rbuf *r)", op->id, op->id);
    line(g, "{");
    line(g, "    s->max = sl_load_i64(r);");
    line(g, "    s->out = sl_load_i64(r);");
    line(g, "    return !r->err;");
    line(g, "}");
    blank(g);
}

/* window_agg.c - window aggregation over TUMBLE, HOP and CUMULATE windows
 * (cg.h; docs/architecture.md "Time and state"; Flink window TVF rules).
 *
 * State: the window pool (sl_winpool.h) of open windows ordered by end,
 * each with its group table (sl_gtab.h). A row updates every window it
 * belongs to (assigned from its time attribute, or read from the window
 * bounds a window TVF attached to it). A window whose end - 1 the
 * watermark had reached before the row is late for that window: the row
 * is dropped from it, and counted late when dropped from all of them.
 *
 * Emission: EMIT FINAL (the default) emits every group of a window once,
 * when the watermark reaches end - 1, groups in order of first appearance
 * and windows in order of end. EMIT CHANGES emits the group's current
 * result after each row (+I, then -U/+U). With allowed lateness a fired
 * window is kept until end - 1 + lateness: a late row within it updates
 * the window and emits -U (old) and +U (new). */
#include "cg.h"

static const EntryExtra win_extras[] = {
    {"bool", "emitted", "its row was emitted"},
};

void cg_window_pool_types(Cg *g, const PhysOp *op)
{
    int n = cg_ty(g, op);
    line(g, "/* the state of one window: its groups */");
    line(g, "typedef struct op%d_win {", n);
    line(g, "    op%d_groups g;", n);
    line(g, "    uint64_t owned; /* heap bytes the entries' slots hold */");
    line(g, "} op%d_win;", n);
    blank(g);
    line(g, "static void op%d_win_init(op%d_win *w) { op%d_groups_init(&w->g); }", n, n, n);
    line(g, "static void op%d_win_reset(op%d_win *w) { op%d_groups_reset(&w->g); w->owned = 0; }",
         n, n, n);
    line(g, "static void op%d_win_free(op%d_win *w) { op%d_groups_free(&w->g); }", n, n, n);
    line(g,
         "static uint64_t op%d_win_bytes(const op%d_win *w) { return op%d_groups_bytes(&w->g) + "
         "w->owned; }",
         n, n, n);
    line(g,
         "SL_WINPOOL_DEFINE(op%d_pool, op%d_win, op%d_win_init, op%d_win_reset, op%d_win_free, "
         "op%d_win_bytes)",
         n, n, n, n, n, n);
    blank(g);
}

/* The state's init, free, info, save and load (program.c calls them for
 * every stateful operator): type-level, shared with the types. */
static void window_state_functions(Cg *g, const PhysOp *op)
{
    int n = cg_ty(g, op);
    line(g, "static void op%d_init(op%d_state *s)", n, n);
    line(g, "{");
    line(g, "    s->wm = SL_TS_MIN;");
    line(g, "}");
    blank(g);
    line(g, "static void op%d_free(op%d_state *s)", n, n);
    line(g, "{");
    line(g, "    op%d_pool_free(&s->pool);", n);
    line(g, "}");
    blank(g);
    line(g, "static void op%d_info(const op%d_state *s, sl_state_info *info)", n, n);
    line(g, "{");
    line(g, "    info->windows += s->pool.open.n;");
    line(g, "    for (size_t i = 0; i < s->pool.open.n; i++)");
    line(g, "        info->groups += ((const op%d_win *)s->pool.open.v[i].state)->g.n;", n);
    line(g, "    info->bytes += op%d_pool_bytes(&s->pool);", n);
    line(g, "}");
    blank(g);
    line(g, "static void op%d_save_set(const sl_winset *ws, sl_buf *b)", n);
    line(g, "{");
    line(g, "    sl_save_u64(b, ws->n);");
    line(g, "    for (size_t i = 0; i < ws->n; i++) {");
    line(g, "        sl_save_i64(b, ws->v[i].start);");
    line(g, "        sl_save_i64(b, ws->v[i].end);");
    line(g, "        op%d_groups_save(&((const op%d_win *)ws->v[i].state)->g, b, op%d_save_entry);",
         n, n, n);
    line(g, "    }");
    line(g, "}");
    blank(g);
    line(g, "static void op%d_save(const op%d_state *s, sl_buf *b)", n, n);
    line(g, "{");
    line(g, "    sl_save_i64(b, s->wm);");
    line(g, "    op%d_save_set(&s->pool.open, b);", n);
    line(g, "    op%d_save_set(&s->pool.kept, b);", n);
    line(g, "}");
    blank(g);
    line(g, "static bool op%d_load(op%d_state *s, sl_rbuf *r)", n, n);
    line(g, "{");
    line(g, "    s->wm = sl_load_i64(r);");
    line(g, "    for (int set = 0; set < 2; set++) {");
    line(g, "        uint64_t nw = sl_load_u64(r);");
    line(g, "        if (r->err || nw > (uint64_t)(r->end - r->p)) return false;");
    line(g, "        for (uint64_t i = 0; i < nw; i++) {");
    line(g, "            int64_t ws = sl_load_i64(r), we = sl_load_i64(r);");
    line(g, "            bool created;");
    line(g, "            op%d_win *w = set == 0 ? op%d_pool_get(&s->pool, ws, we, &created)", n, n);
    line(
        g,
        "                                  : op%d_pool_get_kept(&s->pool, ws, we, true, &created);",
        n);
    line(g, "            if (!op%d_groups_load(&w->g, r, op%d_load_entry)) return false;", n, n);
    line(g,
         "            for (uint32_t k = 0; k < w->g.n; k++) w->owned += "
         "op%d_acc_heap(&w->g.e[k].a);",
         n);
    line(g, "        }");
    line(g, "    }");
    line(g, "    return !r->err;");
    line(g, "}");
}

void cg_window_agg_types(Cg *g, const PhysOp *op)
{
    int n = cg_ty(g, op);
    cg_agg_types(g, op, win_extras, 1, true);
    line(g, "static inline void op%d_entry_free_more(op%d_entry *e) { (void)e; }", n, n);
    cg_agg_table(g, op);
    cg_row_struct(g, op, op->used, false);
    cg_agg_functions(g, op, win_extras, 1, true);
    cg_window_pool_types(g, op);
    line(g, "typedef struct op%d_state {", n);
    line(g, "    op%d_pool pool;", n);
    line(g, "    int64_t wm; /* the watermark as it stood before the current row */");
    line(g, "} op%d_state;", n);
    blank(g);
    window_state_functions(g, op);
}

/* The body for one window [ws, we) of the row: find the window (open, or
 * kept for lateness), the group, update, emit changes. `continue` skips
 * the window. */
static void window_body(Cg *g, const PhysOp *op)
{
    int ty = cg_ty(g, op);
    bool changes = op->emit == EMIT_CHANGES, late = op->lateness > 0;
    line(g, "op%d_win *w;", ty);
    line(g, "bool fired = false, created;");
    line(g, "if (we - 1 <= wm) { /* the window fired before this row */");
    if (late) {
        line(g, "    if (we - 1 <= sl_sat_sub(wm, %s)) continue; /* past its lateness */",
             i64_lit(g, op->lateness));
        line(g, "    w = op%d_pool_get_kept(&s->pool, ws, we, true, &created);", ty);
        line(g, "    fired = true;");
    } else {
        line(g, "    continue;");
    }
    line(g, "} else {");
    line(g, "    w = op%d_pool_get(&s->pool, ws, we, &created);", ty);
    line(g, "}");
    line(g, "(void)fired;");
    line(g, "counted = true;");
    line(g, "op%d_entry *ent = op%d_groups_get(&w->g, h, &key, &created);", ty, ty);
    cg_agg_acc(g, op, "ent->a");
    bool track = changes || late;
    if (track) {
        line(g, "bool had = ent->emitted;");
        line(g, "op%d_row old, nw;", ty);
        line(g, "if (had) op%d_out(ctx, ent, e, ws, we, &old, SL_OUT_COPY_ALL);", ty);
    }
    line(g, "int64_t acct_ = 0, *acct = &acct_;");
    line(g, "(void)acct;");
    cg_agg_update(g, op, "0");
    line(g, "w->owned += (uint64_t)acct_;");
    if (track) {
        line(g, "if (%s) {", changes ? "true" : "fired");
        g->indent++;
        line(g, "op%d_out(ctx, ent, e, ws, we, &nw, SL_OUT_VIEW);", ty);
        line(g, "if (!had) {");
        line(g, "    ent->emitted = true;");
        g->indent++;
        cg_emit(g, op, "SL_INSERT", "&nw");
        g->indent--;
        line(g, "} else if (!op%d_row_eq(&old, &nw)) {", ty);
        g->indent++;
        cg_emit(g, op, "SL_UPDATE_BEFORE", "&old");
        cg_emit(g, op, "SL_UPDATE_AFTER", "&nw");
        g->indent--;
        line(g, "}");
        g->indent--;
        line(g, "}");
    }
}

void cg_window_agg_code(Cg *g, const PhysOp *op)
{
    int n = op->id, ty = cg_ty(g, op);
    const WindowSpec *w = &op->win;
    line(g, "static inline void op%d_push(sl_ctx *ctx, prog_state *st, sl_change k, const %s *r)",
         n, row_t(g, op->in[0]));
    line(g, "{");
    g->indent++;
    cg_unused(g, "ctx st k r");
    g->tmp = 0;
    line(g, "op%d_state *s = &st->op%d;", ty, n);
    line(g, "int64_t wm = s->wm;");
    cg_agg_key(g, op);
    line(g, "bool counted = false; /* some window took the row */");
    g->row = "r";
    g->row_cols = op->in[0]->cols;
    if (op->wmode == WA_ATTACHED) {
        Val ws = cg_col(g, op->wstart_col), we = cg_col(g, op->wend_col);
        line(g, "int64_t ws = %s, we = %s;", ws.v, we.v);
        line(g, "do {");
    } else {
        Val t = cg_col(g, w->time_col);
        if (!is_const0(t.n)) line(g, "if (%s) return; /* no event time: in no window */", t.n);
        line(g, "int64_t ts = %s;", t.v);
        switch (w->kind) {
        case WIN_TUMBLE:
            line(g, "/* TUMBLE(%lld ms, offset %lld ms): [ws, we) */", (long long)w->size,
                 (long long)w->offset);
            line(g, "int64_t ws = sl_tumble_start(ts, %s, %s);", i64_lit(g, w->size),
                 i64_lit(g, w->offset));
            line(g, "int64_t we = sl_window_end(ws, %s);", i64_lit(g, w->size));
            line(g, "do {");
            break;
        case WIN_HOP:
            line(g, "/* HOP(slide %lld ms, size %lld ms, offset %lld ms) */", (long long)w->slide,
                 (long long)w->size, (long long)w->offset);
            line(g, "SL_HOP_FOREACH(ts, %s, %s, %s, ws, we) {", i64_lit(g, w->slide),
                 i64_lit(g, w->size), i64_lit(g, w->offset));
            break;
        case WIN_CUMULATE:
            line(g, "/* CUMULATE(step %lld ms, size %lld ms, offset %lld ms) */",
                 (long long)w->step, (long long)w->size, (long long)w->offset);
            line(g, "SL_CUMULATE_FOREACH(ts, %s, %s, %s, ws, we) {", i64_lit(g, w->step),
                 i64_lit(g, w->size), i64_lit(g, w->offset));
            break;
        case WIN_SESSION:
            break;
        }
    }
    g->indent++;
    window_body(g, op);
    g->indent--;
    bool single = op->wmode == WA_ATTACHED || w->kind == WIN_TUMBLE;
    line(g, single ? "} while (0);" : "}");
    line(g, "if (!counted) sl_mark_late(ctx);");
    g->indent--;
    line(g, "}");
    blank(g);
    /* advance: fire what the watermark completed */
    line(g, "static void op%d_advance(sl_ctx *ctx, prog_state *st, int64_t wm)", n);
    line(g, "{");
    g->indent++;
    line(g, "op%d_state *s = &st->op%d;", ty, n);
    line(g, "sl_window span;");
    line(g, "op%d_win *w;", ty);
    line(g, "while ((w = op%d_pool_pop_fired(&s->pool, wm, &span)) != NULL) {", ty);
    g->indent++;
    if (op->emit != EMIT_CHANGES) {
        line(g, "for (uint32_t i = 0; i < w->g.n; i++) {");
        g->indent++;
        line(g, "op%d_entry *ent = &w->g.e[i];", ty);
        line(g, "op%d_row o;", ty);
        line(g, "op%d_out(ctx, ent, &ent->a, span.start, span.end, &o, SL_OUT_VIEW);", ty);
        line(g, "ent->emitted = true;");
        cg_emit(g, op, "SL_INSERT", "&o");
        g->indent--;
        line(g, "}");
    }
    if (op->lateness > 0)
        line(g, "op%d_pool_keep(&s->pool, &span);", ty);
    else
        line(g, "op%d_pool_recycle(&s->pool, w);", ty);
    g->indent--;
    line(g, "}");
    if (op->lateness > 0) {
        line(g, "while ((w = op%d_pool_pop_expired(&s->pool, sl_sat_sub(wm, %s), &span)) != NULL)",
             ty, i64_lit(g, op->lateness));
        line(g, "    op%d_pool_recycle(&s->pool, w);", ty);
    }
    line(g, "s->wm = wm;");
    line(g, "(void)ctx;");
    cg_forward(g, op, "wm");
    g->indent--;
    line(g, "}");
    blank(g);
    blank(g);
}

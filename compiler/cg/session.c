/* session.c - window aggregation over SESSION windows (cg.h; Flink's
 * merging windows: TimeWindow.intersects and MergingWindowSet).
 *
 * A row at ts opens [ts, ts + gap) in its group; sessions that intersect
 * it (start <= other end and end >= other start, so rows exactly gap apart
 * share one) merge into the earliest, their accumulators merged. A session
 * fires when the watermark reaches its end - 1. A row is late when the
 * session it would merge into (its own, when it merges with none) had
 * fired before it, beyond the allowed lateness: Flink judges the merged
 * window. Timers live in a heap; a session's end moves as it merges, so
 * each timer carries the session's version and a stale one is skipped.
 *
 * EMIT CHANGES (and updates within allowed lateness) emit the session's
 * row after each change: its window bounds are part of the row's key, so
 * a session whose bounds move is deleted (-D) and inserted (+I) again, one
 * whose bounds stay is updated (-U/+U), one merged into another deleted. */
#include "cg.h"

void cg_session_types(Cg *g, const PhysOp *op)
{
    int n = cg_ty(g, op);
    const char *sess_t = fmt(g, "struct op%d_sess **", n);
    EntryExtra x[] = {
        {sess_t, "sess", "its open (and kept) sessions"},
        {"uint32_t", "n_sess", "how many"},
        {"uint32_t", "cap_sess", "allocated"},
    };
    cg_agg_types(g, op, x, 3, false);
    line(g, "/* one session of a group: [start, end) and its accumulator */");
    line(g, "typedef struct op%d_sess {", n);
    line(g, "    int64_t start, end;");
    line(g, "    uint64_t ver;  /* moves when end moves: older timers are stale */");
    line(g, "    bool alive;    /* false once merged into another (freed by its timer) */");
    line(g, "    bool emitted;  /* its row was emitted */");
    line(g, "    bool fired;    /* the watermark passed end - 1 */");
    line(g,
         "    uint64_t h;    /* the group: its hash and key, to find it when the timer fires */");
    line(g, "    op%d_key key;", n);
    line(g, "    op%d_acc a;", n);
    line(g, "} op%d_sess;", n);
    blank(g);
    line(g, "static inline void op%d_entry_free_more(op%d_entry *e)", n, n);
    line(g, "{");
    line(g, "    for (uint32_t i = 0; i < e->n_sess; i++) {");
    line(g, "        op%d_acc_free(&e->sess[i]->a);", n);
    line(g, "        free(e->sess[i]);");
    line(g, "    }");
    line(g, "    free(e->sess);");
    line(g, "}");
    blank(g);
    cg_agg_table(g, op);
    cg_row_struct(g, op, op->used, false);
    if (op->kind == PH_SESSION_TVF) {
        /* the rows a session holds, serialised */
        const PhysOp *in = op->in[0];
        line(g, "static inline void op%d_put_row(sl_rows *b, const %s *r)", n, row_t(g, in));
        line(g, "{");
        line(g, "    (void)b; (void)r;");
        for (int c = 0; c < in->n_cols; c++) {
            if (!in->used[c]) continue;
            const Field *f = &in->cols[c];
            if (f->type.nullable) line(g, "    sl_save_u64(b, r->n%d);", c);
            if (f->type.kind == TY_VARCHAR)
                line(g, "    sl_save_str(b, r->c%d);", c);
            else if (f->type.kind == TY_DOUBLE)
                line(g, "    sl_save_f64(b, r->c%d);", c);
            else
                line(g, "    sl_save_i64(b, (int64_t)r->c%d);", c);
        }
        line(g, "}");
        blank(g);
        line(g, "static inline void op%d_get_row(sl_rbuf *b, %s *r)", n, row_t(g, in));
        line(g, "{");
        line(g, "    (void)b; (void)r;");
        for (int c = 0; c < in->n_cols; c++) {
            if (!in->used[c]) continue;
            const Field *f = &in->cols[c];
            if (f->type.nullable) line(g, "    r->n%d = sl_load_u64(b) != 0;", c);
            if (f->type.kind == TY_VARCHAR)
                line(g, "    r->c%d = sl_load_str(b);", c);
            else if (f->type.kind == TY_DOUBLE)
                line(g, "    r->c%d = sl_load_f64(b);", c);
            else
                line(g, "    r->c%d = (%s)sl_load_i64(b);", c, ctype(f->type.kind));
        }
        line(g, "}");
        blank(g);
    }
    cg_agg_functions(g, op, x, 3, false);
    line(g, "typedef struct op%d_state {", n);
    line(g, "    op%d_groups groups;", n);
    line(g, "    sl_timerq timers;");
    line(g, "    uint64_t owned;    /* heap bytes of sessions and their accumulators */");
    line(g, "    uint64_t sessions; /* open (and kept) sessions */");
    line(g, "    int64_t wm;");
    line(g, "} op%d_state;", n);
    blank(g);
}

void cg_session_code(Cg *g, const PhysOp *op)
{
    int n = op->id, ty = cg_ty(g, op);
    int64_t late = op->lateness;
    bool changes = op->emit == EMIT_CHANGES;
    bool tvf = op->kind == PH_SESSION_TVF;
    /* helpers: the row of a session, removing a session from its group */
    line(g, "static void op%d_sess_row(sl_ctx *ctx, op%d_sess *x, op%d_row *o, bool copy)", n, ty,
         ty);
    line(g, "{");
    if (tvf) {
        /* a TVF's rows are its input's: only their window bounds come from
         * the session (op_fire_rows) */
        int nin = op->in[0]->n_cols;
        line(g, "    (void)ctx; (void)copy;");
        if (op->used[nin]) line(g, "    o->c%d = x->start;", nin);
        if (op->used[nin + 1]) line(g, "    o->c%d = x->end;", nin + 1);
        if (op->used[nin + 2]) line(g, "    o->c%d = x->end - 1;", nin + 2);
        line(g, "    (void)x; (void)o;");
        line(g, "}");
        blank(g);
    }
    if (!tvf) {
        line(g, "    op%d_entry k;", ty);
        line(g, "    memset(&k, 0, sizeof k);");
        for (int k = 0; k < op->n_keys; k++) {
            if (op->roles[k] != KR_COL) continue;
            line(g, "    k.k%d = x->key.k%d;", k, k);
            if (op->in[0]->cols[op->keys[k]].type.nullable)
                line(g, "    k.kn%d = x->key.kn%d;", k, k);
        }
        line(g,
             "    op%d_out(ctx, &k, &x->a, x->start, x->end, o, copy ? SL_OUT_COPY_ALL : "
             "SL_OUT_VIEW);",
             ty);
        line(g, "}");
        blank(g);
    }
    line(g, "static void op%d_sess_drop(op%d_state *s, op%d_sess *x)", n, ty, ty);
    line(g, "{");
    line(g, "    bool created;");
    line(g, "    op%d_entry *ent = op%d_groups_get(&s->groups, x->h, &x->key, &created);", ty, ty);
    line(g, "    for (uint32_t i = 0; i < ent->n_sess; i++)");
    line(g, "        if (ent->sess[i] == x) { ent->sess[i] = ent->sess[--ent->n_sess]; break; }");
    line(g, "    s->owned -= op%d_acc_heap(&x->a) + sizeof *x;", ty);
    line(g, "    s->sessions--;");
    line(g, "    op%d_acc_free(&x->a);", ty);
    line(g, "    free(x);");
    line(g, "    if (ent->n_sess == 0) op%d_groups_remove(&s->groups, ent);", ty);
    line(g, "}");
    blank(g);
    /* push */
    line(g, "static inline void op%d_push(sl_ctx *ctx, prog_state *st, sl_change k, const %s *r)",
         n, row_t(g, op->in[0]));
    line(g, "{");
    g->indent++;
    cg_unused(g, "ctx st k r");
    g->tmp = 0;
    line(g, "op%d_state *s = &st->op%d;", ty, n);
    line(g, "int64_t wm = s->wm;");
    cg_agg_key(g, op);
    g->row = "r";
    g->row_cols = op->in[0]->cols;
    Val t = cg_col(g, op->win.time_col);
    if (!is_const0(t.n)) line(g, "if (%s) return; /* no event time: in no session */", t.n);
    line(g, "int64_t ns = %s, ne = sl_window_end(ns, %s);", t.v, i64_lit(g, op->win.gap));
    line(g, "bool created;");
    line(g, "op%d_entry *ent = op%d_groups_get(&s->groups, h, &key, &created);", ty, ty);
    line(g, "/* the sessions this row's window intersects, earliest first */");
    line(g, "op%d_sess *hit[64], **hits = hit;", ty);
    line(g, "uint32_t nh = 0;");
    line(g, "if (ent->n_sess > 64) hits = sl_xrealloc(NULL, sizeof *hits * ent->n_sess);");
    line(g, "int64_t ms = ns, me = ne;");
    line(g, "for (uint32_t i = 0; i < ent->n_sess; i++) {");
    line(g, "    op%d_sess *x = ent->sess[i];", ty);
    line(g, "    if (x->start <= ne && x->end >= ns) {");
    line(g, "        hits[nh++] = x;");
    line(g, "        if (x->start < ms) ms = x->start;");
    line(g, "        if (x->end > me) me = x->end;");
    line(g, "    }");
    line(g, "}");
    line(g, "if (nh == 0 && me - 1 <= sl_sat_sub(wm, %s)) { /* late: its session fired */",
         i64_lit(g, late));
    line(g, "    if (created) op%d_groups_remove(&s->groups, ent);", ty);
    line(g, "    sl_mark_late(ctx);");
    line(g, "    return;");
    line(g, "}");
    line(g, "for (uint32_t i = 1; i < nh; i++) /* insertion sort by start: few hits */");
    line(g, "    for (uint32_t j = i; j > 0 && hits[j]->start < hits[j - 1]->start; j--) {");
    line(g, "        op%d_sess *tmp = hits[j]; hits[j] = hits[j - 1]; hits[j - 1] = tmp;", ty);
    line(g, "    }");
    line(g, "op%d_sess *x;", ty);
    line(g, "bool fresh = nh == 0;");
    line(g, "if (fresh) {");
    line(g, "    x = sl_xcalloc(1, sizeof *x);");
    line(g, "    x->start = ns; x->end = ne; x->alive = true; x->h = h; x->key = key;");
    /* the session's key strings: the entry's own copies */
    for (int k = 0; k < op->n_keys; k++)
        if (op->roles[k] == KR_COL && op->in[0]->cols[op->keys[k]].type.kind == TY_VARCHAR)
            line(g, "    x->key.k%d = ent->k%d;", k, k);
    line(g, "    op%d_acc_init(&x->a);", ty);
    line(g, "    if (ent->n_sess == ent->cap_sess) {");
    line(g, "        ent->cap_sess = ent->cap_sess ? 2 * ent->cap_sess : 2;");
    line(g, "        ent->sess = sl_xrealloc(ent->sess, sizeof *ent->sess * ent->cap_sess);");
    line(g, "    }");
    line(g, "    ent->sess[ent->n_sess++] = x;");
    line(g, "    s->owned += sizeof *x;");
    line(g, "    s->sessions++;");
    line(g, "    sl_timerq_push(&s->timers, x->end, x->start, x->h, x, x->ver);");
    line(g, "} else {");
    line(g, "    x = hits[0];");
    line(g, "}");
    line(g, changes || late > 0 ? "op%d_row old, nw;" : "op%d_row old;", ty);
    line(g, "bool had = x->emitted;");
    line(g, "int64_t os = x->start, oe = x->end;");
    line(g, "if (had) op%d_sess_row(ctx, x, &old, true);", n);
    line(g, "/* merge the later sessions into the first */");
    line(g, "for (uint32_t i = 1; i < nh; i++) {");
    g->indent++;
    line(g, "op%d_sess *y = hits[i];", ty);
    line(g, "if (y->emitted) {");
    line(g, "    op%d_row gone;", ty);
    line(g, "    op%d_sess_row(ctx, y, &gone, true);", n);
    g->indent++;
    cg_emit(g, op, "SL_DELETE", "&gone");
    g->indent--;
    line(g, "}");
    line(g, "uint64_t b0_ = op%d_acc_heap(&x->a) + op%d_acc_heap(&y->a);", ty, ty);
    line(g, "{");
    g->indent++;
    cg_agg_merge(g, op, "(&x->a)", "(&y->a)");
    g->indent--;
    line(g, "}");
    line(g, "op%d_acc_free(&y->a);", ty);
    line(g, "s->owned += op%d_acc_heap(&x->a) - b0_;", ty);
    line(g, "y->alive = false; /* its timer frees it */");
    line(g, "s->sessions--;");
    line(g, "for (uint32_t j = 0; j < ent->n_sess; j++)");
    line(g, "    if (ent->sess[j] == y) { ent->sess[j] = ent->sess[--ent->n_sess]; break; }");
    g->indent--;
    line(g, "}");
    line(g, "if (hits != hit) free(hits);");
    line(g, "x->start = ms;");
    line(g, "if (me != x->end) {");
    line(g, "    x->end = me;");
    line(g, "    x->ver++;");
    line(g,
         "    sl_timerq_push(&s->timers, x->fired ? sl_window_end(me, %s) : me, x->start, x->h, x, "
         "x->ver);",
         i64_lit(g, late));
    line(g, "}");
    line(g, "{");
    g->indent++;
    cg_agg_acc(g, op, "x->a");
    line(g, "int64_t acct_ = 0, *acct = &acct_;");
    line(g, "(void)acct;");
    cg_agg_update(g, op, "0");
    line(g, "s->owned += (uint64_t)acct_;");
    g->indent--;
    line(g, "}");
    line(g, "(void)fresh; (void)os; (void)oe;");
    if (changes || late > 0) {
        line(g, "if (%s) {", changes ? "true" : "x->fired");
        g->indent++;
        line(g, "op%d_sess_row(ctx, x, &nw, false);", n);
        line(g, "if (!had) {");
        g->indent++;
        cg_emit(g, op, "SL_INSERT", "&nw");
        g->indent--;
        line(g, "} else if (os != x->start || oe != x->end) {");
        g->indent++;
        cg_emit(g, op, "SL_DELETE", "&old");
        cg_emit(g, op, "SL_INSERT", "&nw");
        g->indent--;
        line(g, "} else if (!op%d_row_eq(&old, &nw)) {", ty);
        g->indent++;
        cg_emit(g, op, "SL_UPDATE_BEFORE", "&old");
        cg_emit(g, op, "SL_UPDATE_AFTER", "&nw");
        g->indent--;
        line(g, "}");
        line(g, "x->emitted = true;");
        g->indent--;
        line(g, "}");
    }
    g->indent--;
    line(g, "}");
    blank(g);
    /* advance */
    line(g, "static void op%d_advance(sl_ctx *ctx, prog_state *st, int64_t wm)", n);
    line(g, "{");
    g->indent++;
    line(g, "op%d_state *s = &st->op%d;", ty, n);
    line(g, "sl_timer t;");
    line(g, "while (sl_timerq_pop_due(&s->timers, wm, &t)) {");
    g->indent++;
    line(g, "op%d_sess *x = t.p;", ty);
    line(g, "if (t.ver != x->ver) continue; /* stale: the session grew */");
    line(g, "if (!x->alive) { free(x); continue; }");
    line(g, "if (!x->fired) {");
    g->indent++;
    line(g, "x->fired = true;");
    if (tvf) {
        /* every row of the session, with the session's bounds */
        const PhysOp *in = op->in[0];
        line(g, "sl_rbuf rb = sl_rbuf_of(x->a.s0.p, x->a.s0.n);");
        line(g, "while (sl_rbuf_left(&rb) > 0) {");
        g->indent++;
        line(g, "%s ir;", row_t(g, in));
        line(g, "op%d_get_row(&rb, &ir);", ty);
        line(g, "op%d_row o;", ty);
        line(g, "op%d_sess_row(ctx, x, &o, false);", n);
        for (int c = 0; c < in->n_cols; c++) {
            if (!op->used[c]) continue;
            line(g, "o.c%d = ir.c%d;", c, c);
            if (op->cols[c].type.nullable) line(g, "o.n%d = ir.n%d;", c, c);
        }
        cg_emit(g, op, "SL_INSERT", "&o");
        g->indent--;
        line(g, "}");
    } else if (!changes) {
        line(g, "op%d_row o;", ty);
        line(g, "op%d_sess_row(ctx, x, &o, false);", n);
        line(g, "x->emitted = true;");
        cg_emit(g, op, "SL_INSERT", "&o");
    }
    if (late > 0) {
        line(g, "sl_timerq_push(&s->timers, sl_window_end(x->end, %s), x->start, x->h, x, x->ver);",
             i64_lit(g, late));
        line(g, "continue;");
    }
    g->indent--;
    line(g, "}");
    line(g, "op%d_sess_drop(s, x);", n);
    g->indent--;
    line(g, "}");
    line(g, "s->wm = wm;");
    line(g, "(void)ctx;");
    cg_forward(g, op, "wm");
    g->indent--;
    line(g, "}");
    blank(g);
    line(g, "static void op%d_init(op%d_state *s)", n, ty);
    line(g, "{");
    line(g, "    op%d_groups_init(&s->groups);", ty);
    line(g, "    s->wm = SL_TS_MIN;");
    line(g, "}");
    blank(g);
    line(g, "static void op%d_free(op%d_state *s)", n, ty);
    line(g, "{");
    line(g, "    /* sessions merged away belong to their current timer */");
    line(g, "    size_t nd = 0;");
    line(g, "    op%d_sess **dead = sl_xrealloc(NULL, sizeof *dead * (s->timers.n + 1));", ty);
    line(g, "    for (size_t i = 0; i < s->timers.n; i++) {");
    line(g, "        op%d_sess *x = s->timers.v[i].p;", ty);
    line(g, "        if (!x->alive && s->timers.v[i].ver == x->ver) dead[nd++] = x;");
    line(g, "    }");
    line(g, "    for (size_t i = 0; i < nd; i++) free(dead[i]);");
    line(g, "    free(dead);");
    line(g, "    sl_timerq_free(&s->timers);");
    line(g, "    op%d_groups_free(&s->groups);", ty);
    line(g, "}");
    blank(g);
    line(g, "static void op%d_info(const op%d_state *s, sl_state_info *info)", n, ty);
    line(g, "{");
    line(g, "    info->windows += s->sessions;");
    line(g, "    info->groups += s->sessions;");
    line(g,
         "    info->bytes += op%d_groups_bytes(&s->groups) + s->owned + s->timers.cap * "
         "sizeof(sl_timer);",
         ty);
    line(g, "}");
    blank(g);
    line(g, "static void op%d_save(const op%d_state *s, sl_buf *b)", n, ty);
    line(g, "{");
    line(g, "    sl_save_i64(b, s->wm);");
    line(g, "    op%d_groups_save(&s->groups, b, op%d_save_entry);", ty, ty);
    line(g, "    for (uint32_t i = 0; i < s->groups.n; i++) {");
    line(g, "        const op%d_entry *e = &s->groups.e[i];", ty);
    line(g, "        sl_save_u64(b, e->n_sess);");
    line(g, "        for (uint32_t j = 0; j < e->n_sess; j++) {");
    line(g, "            const op%d_sess *x = e->sess[j];", ty);
    line(g, "            sl_save_i64(b, x->start);");
    line(g, "            sl_save_i64(b, x->end);");
    line(g, "            sl_save_u64(b, (uint64_t)x->emitted | (uint64_t)x->fired << 1);");
    line(g, "            op%d_save_acc(&x->a, b);", ty);
    line(g, "        }");
    line(g, "    }");
    line(g, "}");
    blank(g);
    line(g, "static bool op%d_load(op%d_state *s, sl_rbuf *r)", n, ty);
    line(g, "{");
    line(g, "    s->wm = sl_load_i64(r);");
    line(g, "    if (!op%d_groups_load(&s->groups, r, op%d_load_entry)) return false;", ty, ty);
    line(g, "    for (uint32_t i = 0; i < s->groups.n; i++) {");
    line(g, "        op%d_entry *e = &s->groups.e[i];", ty);
    line(g, "        uint64_t ns = sl_load_u64(r);");
    line(g, "        if (r->err || ns > (uint64_t)(r->end - r->p)) return false;");
    line(g, "        for (uint64_t j = 0; j < ns; j++) {");
    line(g, "            op%d_sess *x = sl_xcalloc(1, sizeof *x);", ty);
    line(g, "            x->start = sl_load_i64(r);");
    line(g, "            x->end = sl_load_i64(r);");
    line(g, "            uint64_t f = sl_load_u64(r);");
    line(g, "            x->emitted = f & 1;");
    line(g, "            x->fired = (f >> 1) & 1;");
    line(g, "            x->alive = true;");
    line(g, "            x->h = e->h;");
    for (int k = 0; k < op->n_keys; k++) {
        if (op->roles[k] != KR_COL) continue;
        line(g, "            x->key.k%d = e->k%d;", k, k);
        if (op->in[0]->cols[op->keys[k]].type.nullable)
            line(g, "            x->key.kn%d = e->kn%d;", k, k);
    }
    line(g, "            op%d_acc_init(&x->a);", ty);
    line(g, "            if (e->n_sess == e->cap_sess) {");
    line(g, "                e->cap_sess = e->cap_sess ? 2 * e->cap_sess : 2;");
    line(g, "                e->sess = sl_xrealloc(e->sess, sizeof *e->sess * e->cap_sess);");
    line(g, "            }");
    line(g, "            e->sess[e->n_sess++] = x;");
    line(g, "            if (!op%d_load_acc(&x->a, r)) return false;", ty);
    line(g, "            s->owned += sizeof *x + op%d_acc_heap(&x->a);", ty);
    line(g, "            s->sessions++;");
    line(g,
         "            sl_timerq_push(&s->timers, x->fired ? sl_window_end(x->end, %s) : x->end, "
         "x->start, x->h, x, "
         "x->ver);",
         i64_lit(g, late));
    line(g, "        }");
    line(g, "    }");
    line(g, "    return !r->err;");
    line(g, "}");
    blank(g);
}

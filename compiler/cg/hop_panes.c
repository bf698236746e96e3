/* hop_panes.c - HOP window aggregation from panes (cg.h; docs/architecture.md
 * "Time and state").
 *
 * A HOP(slide, size) window is the union of size/p consecutive panes of
 * p = gcd(slide, size). A row updates one pane (a tumbling window of p).
 * When the watermark completes a window, the panes it holds are moved into
 * their group's queue, and every group's queue is a two-stacks aggregator:
 * a front stack holding suffix aggregates and a back stack with a running
 * aggregate, so evicting the oldest pane and reading the whole window cost
 * O(1) merges amortised, whatever size/slide is. Groups whose queue empties
 * leave; a window whose range holds no pane is skipped outright.
 *
 * Late rows (the rule of every window aggregation): a row counts in the
 * windows whose end - 1 the watermark had not reached before it. Windows
 * are decided in order of end: after each advance next_end is the first
 * window end past the watermark (windows before it fired, or were empty and
 * skipped), so a row in a pane that is already queued updates that pane's
 * accumulator and the queue's aggregates are rebuilt (O(size/p), rare),
 * and a row in a pane still in the pool joins the windows from next_end
 * on. A row whose last window ended by the watermark is dropped and
 * counted late.
 *
 * lower.c picks this operator for HOP with EMIT FINAL, no allowed
 * lateness, and slots that merge in O(1) (counts, sums, numeric extremes,
 * first/last values, Welford); the others use window_agg.c. */
#include "cg.h"

static void extras(Cg *g, const PhysOp *op, EntryExtra *x)
{
    int n = cg_ty(g, op);
    x[0] = (EntryExtra){"bool", "emitted", "unused (the entry of a pane)"};
    x[1] = (EntryExtra){"int64_t *", "pix", "queue: the panes' starts"};
    x[2] = (EntryExtra){fmt(g, "op%d_acc *", n), "val", "queue: the panes' accumulators"};
    x[3] = (EntryExtra){fmt(g, "op%d_acc *", n), "suf", "front stack: suffix aggregates"};
    x[4] = (EntryExtra){"uint32_t", "head", "first queued pane"};
    x[5] = (EntryExtra){"uint32_t", "nq", "queued panes"};
    x[6] = (EntryExtra){"uint32_t", "nf", "how many of them are the front stack"};
    x[7] = (EntryExtra){"uint32_t", "cap", "allocated"};
    x[8] = (EntryExtra){fmt(g, "op%d_acc", n), "back", "aggregate of the back stack"};
}

enum { N_X = 9 };

void cg_hop_panes_types(Cg *g, const PhysOp *op)
{
    int n = cg_ty(g, op);
    EntryExtra x[N_X];
    extras(g, op, x);
    cg_agg_types(g, op, x, N_X, true);
    line(g, "static inline void op%d_entry_free_more(op%d_entry *e)", n, n);
    line(g, "{");
    line(g, "    free(e->pix);");
    line(g, "    free(e->val);");
    line(g, "    free(e->suf);");
    line(g, "}");
    blank(g);
    cg_agg_table(g, op);
    cg_row_struct(g, op, op->used, false);
    cg_agg_functions(g, op, x, 1, true);
    cg_window_pool_types(g, op);
    line(g, "typedef struct op%d_state {", n);
    line(g, "    op%d_pool pool;     /* panes not in a queue yet, by end */", n);
    line(g, "    op%d_groups slides; /* groups with panes in the current window: their queues */",
         n);
    line(g, "    int64_t next_end;   /* the end of the next window to fire */");
    line(g, "    int64_t last_fired; /* the end of the last window fired */");
    line(g, "    int64_t wm;");
    line(g, "} op%d_state;", n);
    blank(g);
}

void cg_hop_panes_code(Cg *g, const PhysOp *op)
{
    int n = op->id, ty = cg_ty(g, op);
    const WindowSpec *w = &op->win;
    int64_t a = w->slide, b = w->size;
    while (b) {
        int64_t t = a % b;
        a = b;
        b = t;
    }
    int64_t pane = a;
    const char *P = i64_lit(g, pane), *SLIDE = i64_lit(g, w->slide), *SIZE = i64_lit(g, w->size),
               *OFF = i64_lit(g, w->offset);
    /* the queue */
    line(g, "static inline void op%d_merge(op%d_acc *a, const op%d_acc *b)", n, ty, ty);
    line(g, "{");
    g->indent++;
    if (op->n_slots == 0) line(g, "(void)a, (void)b; /* no aggregate: SELECT DISTINCT */");
    cg_agg_merge(g, op, "a", "b");
    g->indent--;
    line(g, "}");
    blank(g);
    line(g, "static void op%d_q_push(op%d_entry *e, int64_t ps, const op%d_acc *v)", n, ty, ty);
    line(g, "{");
    line(g, "    if (e->head + e->nq == e->cap) {");
    line(g, "        if (e->head > 0) { /* slide the queue to the front */");
    line(g, "            memmove(e->pix, e->pix + e->head, sizeof *e->pix * e->nq);");
    line(g, "            memmove(e->val, e->val + e->head, sizeof *e->val * e->nq);");
    line(g, "            memmove(e->suf, e->suf + e->head, sizeof *e->suf * e->nq);");
    line(g, "            e->head = 0;");
    line(g, "        } else {");
    line(g, "            e->cap = e->cap ? 2 * e->cap : 8;");
    line(g, "            e->pix = sl_xrealloc(e->pix, sizeof *e->pix * e->cap);");
    line(g, "            e->val = sl_xrealloc(e->val, sizeof *e->val * e->cap);");
    line(g, "            e->suf = sl_xrealloc(e->suf, sizeof *e->suf * e->cap);");
    line(g, "        }");
    line(g, "    }");
    line(g, "    uint32_t i = e->head + e->nq++;");
    line(g, "    e->pix[i] = ps;");
    line(g, "    e->val[i] = *v;");
    line(g, "    op%d_merge(&e->back, v);", n);
    line(g, "}");
    blank(g);
    line(g, "static void op%d_q_pop(op%d_entry *e)", n, ty);
    line(g, "{");
    line(g, "    if (e->nf == 0) { /* flip: the whole queue becomes the front stack */");
    line(g, "        uint32_t end = e->head + e->nq;");
    line(g, "        e->suf[end - 1] = e->val[end - 1];");
    line(g, "        for (uint32_t i = end - 1; i-- > e->head;) {");
    line(g, "            e->suf[i] = e->val[i];");
    line(g, "            op%d_merge(&e->suf[i], &e->suf[i + 1]);", n);
    line(g, "        }");
    line(g, "        e->nf = e->nq;");
    line(g, "        memset(&e->back, 0, sizeof e->back);");
    line(g, "    }");
    line(g, "    e->head++;");
    line(g, "    e->nq--;");
    line(g, "    e->nf--;");
    line(g, "}");
    blank(g);
    line(g, "/* after a late row changed a queued pane: every pane back into the back stack */");
    line(g, "static void op%d_q_rebuild(op%d_entry *e)", n, ty);
    line(g, "{");
    line(g, "    e->nf = 0;");
    line(g, "    memset(&e->back, 0, sizeof e->back);");
    line(g,
         "    for (uint32_t i = e->head; i < e->head + e->nq; i++) op%d_merge(&e->back, "
         "&e->val[i]);",
         n);
    line(g, "}");
    blank(g);
    /* the key of an entry, to find its group among the queues */
    line(g, "static inline op%d_key op%d_key_of(const op%d_entry *e)", ty, n, ty);
    line(g, "{");
    line(g, "    op%d_key k;", ty);
    line(g, "    memset(&k, 0, sizeof k);");
    for (int k = 0; k < op->n_keys; k++) {
        if (op->roles[k] != KR_COL) continue;
        line(g, "    k.k%d = e->k%d;", k, k);
        if (op->in[0]->cols[op->keys[k]].type.nullable) line(g, "    k.kn%d = e->kn%d;", k, k);
    }
    line(g, "    return k;");
    line(g, "}");
    blank(g);
    /* the first window end at or after x (window ends are offset + size +
     * j * slide) */
    line(g, "static inline int64_t op%d_end_at_or_after(int64_t x)", n);
    line(g, "{");
    line(g, "    int64_t e0 = sl_floor_mod(%s, %s) + sl_floor_mod(%s, %s);", OFF, SLIDE, SIZE,
         SLIDE);
    line(g,
         "    __int128 e = (__int128)x + sl_floor_mod(sl_floor_mod(e0, %s) - sl_floor_mod(x, %s) + "
         "%s, %s);",
         SLIDE, SLIDE, SLIDE, SLIDE);
    line(g, "    return e > INT64_MAX ? INT64_MAX : (int64_t)e;");
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
    cg_agg_key(g, op);
    g->row = "r";
    g->row_cols = op->in[0]->cols;
    Val t = cg_col(g, w->time_col);
    if (!is_const0(t.n)) line(g, "if (%s) return; /* no event time: in no window */", t.n);
    line(g, "int64_t ts = %s;", t.v);
    line(g, "/* HOP(slide %lld ms, size %lld ms, offset %lld ms) from panes of %lld ms */",
         (long long)w->slide, (long long)w->size, (long long)w->offset, (long long)pane);
    line(g, "int64_t ps = sl_tumble_start(ts, %s, %s), pe = sl_window_end(ps, %s);", P, OFF, P);
    line(g, "bool created;");
    line(g, "int64_t acct_ = 0, *acct = &acct_;");
    line(g, "(void)acct;");
    line(g, "int64_t last_start = sl_tumble_start(ts, %s, %s);", SLIDE, OFF);
    line(g, "if ((__int128)ts - last_start >= %s) return; /* in no window (slide > size) */", SIZE);
    line(g, "int64_t last_end = sl_window_end(last_start, %s);", SIZE);
    line(g, "if (last_end - 1 <= s->wm) { /* every window holding it was complete */");
    line(g, "    sl_mark_late(ctx);");
    line(g, "    return;");
    line(g, "}");
    line(g, "if (pe <= s->last_fired) { /* the pane is in its group's queue already */");
    g->indent++;
    line(g, "op%d_entry *q = op%d_groups_get(&s->slides, h, &key, &created);", ty, ty);
    line(g, "uint32_t i = q->head + q->nq;");
    line(g, "while (i > q->head && q->pix[i - 1] > ps) i--;");
    line(g, "if (i == q->head || q->pix[i - 1] != ps) { /* a pane the group had no row in */");
    line(g, "    op%d_acc zero;", ty);
    line(g, "    memset(&zero, 0, sizeof zero);");
    line(g, "    op%d_q_push(q, ps, &zero); /* room at the end, then moved into place */", n);
    line(g, "    uint32_t last = q->head + q->nq - 1;");
    line(g, "    i = q->head;");
    line(g, "    while (i < last && q->pix[i] < ps) i++;");
    line(g, "    memmove(q->pix + i + 1, q->pix + i, sizeof *q->pix * (last - i));");
    line(g, "    memmove(q->val + i + 1, q->val + i, sizeof *q->val * (last - i));");
    line(g, "    q->pix[i] = ps;");
    line(g, "    q->val[i] = zero;");
    line(g, "} else {");
    line(g, "    i--;");
    line(g, "}");
    line(g, "{");
    g->indent++;
    cg_agg_acc(g, op, "q->val[i]");
    cg_agg_update(g, op, "0");
    g->indent--;
    line(g, "}");
    line(g, "op%d_q_rebuild(q);", n);
    line(g, "return;");
    g->indent--;
    line(g, "}");
    line(g, "op%d_win *w = op%d_pool_get(&s->pool, ps, pe, &created);", ty, ty);
    line(g, "op%d_entry *ent = op%d_groups_get(&w->g, h, &key, &created);", ty, ty);
    cg_agg_acc(g, op, "ent->a");
    cg_agg_update(g, op, "0");
    g->indent--;
    line(g, "}");
    blank(g);
    /* one window of every group */
    line(g, "/* Emits window [ws, we) of every group from its queued panes, first");
    line(g, " * dropping the panes that start before ws; a group left with no pane");
    line(g, " * is removed. */");
    line(g, "static void op%d_fire_window(sl_ctx *ctx, prog_state *st, int64_t ws, int64_t we)", n);
    line(g, "{");
    g->indent++;
    line(g, "op%d_state *s = &st->op%d;", ty, n);
    line(g, "for (uint32_t i = 0; i < s->slides.n;) {");
    g->indent++;
    line(g, "op%d_entry *q = &s->slides.e[i];", ty);
    line(g, "while (q->nq && q->pix[q->head] < ws) op%d_q_pop(q);", n);
    line(g, "if (!q->nq) {");
    line(g, "    op%d_groups_remove(&s->slides, q);", ty);
    line(g, "    continue;");
    line(g, "}");
    line(g, "op%d_acc acc;", ty);
    line(g, "if (q->nf) {");
    line(g, "    acc = q->suf[q->head];");
    line(g, "    op%d_merge(&acc, &q->back);", n);
    line(g, "} else {");
    line(g, "    acc = q->back;");
    line(g, "}");
    line(g, "op%d_row o;", ty);
    line(g, "op%d_out(ctx, q, &acc, ws, we, &o, SL_OUT_VIEW);", ty);
    cg_emit(g, op, "SL_INSERT", "&o");
    line(g, "i++;");
    g->indent--;
    line(g, "}");
    g->indent--;
    line(g, "}");
    blank(g);
    /* the windows at the end of time */
    line(g, "/* The windows whose ends pass the largest instant (clamped to it, so they");
    line(g, " * share the end INT64_MAX): one per window start, from the first such");
    line(g, " * start on, while a group has panes left. */");
    line(g, "static void op%d_fire_last(sl_ctx *ctx, prog_state *st)", n);
    line(g, "{");
    g->indent++;
    line(g, "op%d_state *s = &st->op%d;", ty, n);
    line(g, "__int128 lo = (__int128)INT64_MAX - %s;", SIZE);
    line(g, "__int128 ws = lo + sl_floor_mod(sl_floor_mod(%s, %s) - (int64_t)(lo %% %s), %s);", OFF,
         SLIDE, SLIDE, SLIDE);
    line(g, "for (; s->slides.n && ws <= INT64_MAX; ws += %s)", SLIDE);
    line(g, "    op%d_fire_window(ctx, st, (int64_t)ws, INT64_MAX);", n);
    line(g, "while (s->slides.n) op%d_groups_remove(&s->slides, &s->slides.e[0]);", ty);
    g->indent--;
    line(g, "}");
    blank(g);
    /* advance */
    line(g, "static void op%d_advance(sl_ctx *ctx, prog_state *st, int64_t wm)", n);
    line(g, "{");
    g->indent++;
    line(g, "op%d_state *s = &st->op%d;", ty, n);
    line(g, "for (;;) {");
    g->indent++;
    line(g, "if (s->slides.n == 0) {");
    g->indent++;
    line(g, "/* Nothing queued: the windows before the first one holding a pooled");
    line(g, " * pane are empty, and those the watermark completed are decided, so");
    line(g, " * jump to the earlier of the two (never past a window still open) */");
    line(g, "int64_t e = wm >= INT64_MAX - 2 ? INT64_MAX : op%d_end_at_or_after(wm + 2);", n);
    line(g, "if (s->pool.open.n) {");
    line(g, "    int64_t first = op%d_end_at_or_after(s->pool.open.v[0].end);", n);
    line(g, "    if (first < e) e = first;");
    line(g, "}");
    line(g, "if (e > s->next_end) s->next_end = e;");
    line(g, "if (s->pool.open.n == 0) break;");
    g->indent--;
    line(g, "}");
    line(g, "int64_t ne = s->next_end;");
    line(g, "if (wm != INT64_MAX && ne > wm + 1) break; /* ne - 1 > wm: not complete */");
    line(g, "/* the panes this window completes join their groups' queues */");
    line(g, "sl_window span;");
    line(g, "op%d_win *w;", ty);
    line(g, "while ((w = op%d_pool_pop_fired(&s->pool, ne - 1, &span)) != NULL) {", ty);
    line(g, "    for (uint32_t i = 0; i < w->g.n; i++) {");
    line(g, "        op%d_entry *pe = &w->g.e[i];", ty);
    line(g, "        op%d_key key = op%d_key_of(pe);", ty, n);
    line(g, "        bool created;");
    line(g,
         "        op%d_q_push(op%d_groups_get(&s->slides, pe->h, &key, &created), span.start, "
         "&pe->a);",
         n, ty);
    line(g, "    }");
    line(g, "    op%d_pool_recycle(&s->pool, w);", ty);
    line(g, "}");
    line(g, "if (ne == INT64_MAX) {");
    line(g, "    op%d_fire_last(ctx, st);", n);
    line(g, "    s->last_fired = ne;");
    line(g, "    break;");
    line(g, "}");
    line(g, "op%d_fire_window(ctx, st, sl_sat_sub(ne, %s), ne);", n, SIZE);
    line(g, "s->last_fired = ne;");
    line(g, "s->next_end = sl_window_end(ne, %s);", SLIDE);
    g->indent--;
    line(g, "}");
    line(g, "s->wm = wm;");
    line(g, "(void)ctx;");
    cg_forward(g, op, "wm");
    g->indent--;
    line(g, "}");
    blank(g);
    /* lifecycle */
    line(g, "static void op%d_init(op%d_state *s)", n, ty);
    line(g, "{");
    line(g, "    op%d_groups_init(&s->slides);", ty);
    line(g, "    s->next_end = s->last_fired = s->wm = SL_TS_MIN;");
    line(g, "}");
    blank(g);
    line(g, "static void op%d_free(op%d_state *s)", n, ty);
    line(g, "{");
    line(g, "    op%d_pool_free(&s->pool);", ty);
    line(g, "    op%d_groups_free(&s->slides);", ty);
    line(g, "}");
    blank(g);
    line(g, "static void op%d_info(const op%d_state *s, sl_state_info *info)", n, ty);
    line(g, "{");
    line(g, "    info->windows += s->pool.open.n;");
    line(g, "    info->groups += s->slides.n;");
    line(g, "    info->bytes += op%d_pool_bytes(&s->pool) + op%d_groups_bytes(&s->slides);", ty,
         ty);
    line(g, "    for (uint32_t i = 0; i < s->slides.n; i++)");
    line(g,
         "        info->bytes += (uint64_t)s->slides.e[i].cap * (sizeof(int64_t) + 2 * "
         "sizeof(op%d_acc));",
         ty);
    line(g, "}");
    blank(g);
    line(g, "static void op%d_save_queue(const op%d_entry *e, sl_buf *b)", n, ty);
    line(g, "{");
    line(g, "    op%d_save_entry(e, b);", ty);
    line(g, "    sl_save_u64(b, e->nq);");
    line(g, "    for (uint32_t i = e->head; i < e->head + e->nq; i++) {");
    line(g, "        sl_save_i64(b, e->pix[i]);");
    line(g, "        op%d_save_acc(&e->val[i], b);", ty);
    line(g, "    }");
    line(g, "}");
    blank(g);
    line(g, "static bool op%d_load_queue(op%d_entry *e, sl_rbuf *r, sl_arena *a)", n, ty);
    line(g, "{");
    line(g, "    if (!op%d_load_entry(e, r, a)) return false;", ty);
    line(g, "    uint64_t nq = sl_load_u64(r);");
    line(g, "    if (r->err || nq > sl_rbuf_left(r)) return false;");
    line(g, "    for (uint64_t i = 0; i < nq; i++) {");
    line(g, "        int64_t ps = sl_load_i64(r);");
    line(g, "        op%d_acc v;", ty);
    line(g, "        memset(&v, 0, sizeof v);");
    line(g, "        if (!op%d_load_acc(&v, r)) return false;", ty);
    line(g, "        op%d_q_push(e, ps, &v);", n);
    line(g, "    }");
    line(g, "    op%d_q_rebuild(e);", n);
    line(g, "    return !r->err;");
    line(g, "}");
    blank(g);
    line(g, "static void op%d_save(const op%d_state *s, sl_buf *b)", n, ty);
    line(g, "{");
    line(g, "    sl_save_i64(b, s->wm);");
    line(g, "    sl_save_i64(b, s->next_end);");
    line(g, "    sl_save_i64(b, s->last_fired);");
    line(g, "    sl_save_u64(b, s->pool.open.n);");
    line(g, "    for (size_t i = 0; i < s->pool.open.n; i++) {");
    line(g, "        sl_save_i64(b, s->pool.open.v[i].start);");
    line(g, "        sl_save_i64(b, s->pool.open.v[i].end);");
    line(g,
         "        op%d_groups_save(&((const op%d_win *)s->pool.open.v[i].state)->g, b, "
         "op%d_save_entry);",
         ty, ty, ty);
    line(g, "    }");
    line(g, "    op%d_groups_save(&s->slides, b, op%d_save_queue);", ty, n);
    line(g, "}");
    blank(g);
    line(g, "static bool op%d_load(op%d_state *s, sl_rbuf *r)", n, ty);
    line(g, "{");
    line(g, "    s->wm = sl_load_i64(r);");
    line(g, "    s->next_end = sl_load_i64(r);");
    line(g, "    s->last_fired = sl_load_i64(r);");
    line(g, "    uint64_t nw = sl_load_u64(r);");
    line(g, "    if (r->err || nw > sl_rbuf_left(r)) return false;");
    line(g, "    for (uint64_t i = 0; i < nw; i++) {");
    line(g, "        int64_t ws = sl_load_i64(r), we = sl_load_i64(r);");
    line(g, "        bool created;");
    line(g, "        op%d_win *w = op%d_pool_get(&s->pool, ws, we, &created);", ty, ty);
    line(g, "        if (!op%d_groups_load(&w->g, r, op%d_load_entry)) return false;", ty, ty);
    line(g, "    }");
    line(g, "    return op%d_groups_load(&s->slides, r, op%d_load_queue);", ty, n);
    line(g, "}");
    blank(g);
}

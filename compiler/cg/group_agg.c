/* group_agg.c - aggregation without a window (cg.h): a changelog keyed by
 * the group (Flink's GroupAggregate). For each input change the group's
 * result before and after is compared: a new group emits +I, a changed one
 * -U (old) and +U (new), an unchanged one nothing, and a group whose rows
 * were all retracted -D. Over a changelog input the aggregates retract
 * (COUNT/SUM/AVG by subtraction, MIN/MAX from a multiset of values).
 * table.exec.state.ttl drops groups idle for that long in processing time
 * (Flink's idle state retention), without emitting anything. */
#include "cg.h"

static const EntryExtra group_extras[] = {
    {"int64_t", "rows", "input rows in the group (a retraction removes one)"},
    {"bool", "emitted", "its row was emitted (+I) and not deleted"},
    {"int64_t", "last_ms", "processing time of its last change (state TTL)"},
    {"sl_memo", "memo", "the sink's encoding of its emitted row (not saved)"},
};
enum { N_GROUP_EXTRAS = sizeof group_extras / sizeof *group_extras };

/* Is op's one consumer a sink that writes a -U as the bytes of the row
 * it retracts (cg_sink_repeats_rows)? Then each group keeps its emitted
 * row's encoding (the last extra, an sl_memo; empty after a checkpoint is
 * loaded) and the sink copies it for the -U: a changelog GROUP BY into
 * debezium-json or print writes every row twice, and encoding, doubles
 * above all, is most of its cost. The memory counts as the group's state. */
static bool group_memo(const PhysOp *op)
{
    return op->n_out == 1 && cg_sink_repeats_rows(op->out[0]);
}

static int n_group_extras(const PhysOp *op)
{
    return group_memo(op) ? N_GROUP_EXTRAS : N_GROUP_EXTRAS - 1;
}

/* The statement passing change k of row r to the consumers, with the
 * group's memo when it keeps one. */
static void group_emit(Cg *g, const PhysOp *op, const char *k, const char *r)
{
    if (group_memo(op))
        line(g, "op%d_push_memo(ctx, st, %s, %s, &ent->memo);", op->out[0]->id, k, r);
    else
        cg_emit(g, op, k, r);
}

/* The state's init, free, info, save and load: type-level (program.c
 * shares them between operators of one shape). */
static void group_state_functions(Cg *g, const PhysOp *op)
{
    int n = cg_ty(g, op);
    line(g, "static void op%d_init(op%d_state *s)", n, n);
    line(g, "{");
    line(g, "    op%d_groups_init(&s->groups);", n);
    line(g, "}");
    blank(g);
    line(g, "static void op%d_free(op%d_state *s)", n, n);
    line(g, "{");
    line(g, "    op%d_groups_free(&s->groups);", n);
    line(g, "}");
    blank(g);
    line(g, "static void op%d_info(const op%d_state *s, sl_state_info *info)", n, n);
    line(g, "{");
    line(g, "    info->groups += s->groups.n;");
    line(g, "    info->bytes += op%d_groups_bytes(&s->groups) + s->owned;", n);
    line(g, "}");
    blank(g);
    line(g, "static void op%d_save(const op%d_state *s, sl_buf *b)", n, n);
    line(g, "{");
    line(g, "    op%d_groups_save(&s->groups, b, op%d_save_entry);", n, n);
    line(g, "}");
    blank(g);
    line(g, "static bool op%d_load(op%d_state *s, sl_rbuf *r)", n, n);
    line(g, "{");
    line(g, "    if (!op%d_groups_load(&s->groups, r, op%d_load_entry)) return false;", n, n);
    line(g,
         "    for (uint32_t i = 0; i < s->groups.n; i++) s->owned += "
         "op%d_acc_heap(&s->groups.e[i].a);",
         n);
    line(g, "    return true;");
    line(g, "}");
}

void cg_group_agg_types(Cg *g, const PhysOp *op)
{
    int t = cg_ty(g, op);
    cg_agg_types(g, op, group_extras, n_group_extras(op), true);
    if (group_memo(op))
        line(g, "static inline void op%d_entry_free_more(op%d_entry *e) { free(e->memo.p); }", t,
             t);
    else
        line(g, "static inline void op%d_entry_free_more(op%d_entry *e) { (void)e; }", t, t);
    cg_agg_table(g, op);
    cg_row_struct(g, op, op->used, false);
    cg_agg_functions(g, op, group_extras, n_group_extras(op), true);
    line(g, "typedef struct op%d_state {", t);
    line(g, "    op%d_groups groups;", t);
    line(g, "    uint64_t owned;   /* heap bytes the entries' slots hold */");
    line(g, "    int64_t next_ttl; /* processing time of the next TTL sweep */");
    line(g, "} op%d_state;", t);
    blank(g);
    group_state_functions(g, op);
}

void cg_group_agg_code(Cg *g, const PhysOp *op)
{
    int n = op->id, ty = cg_ty(g, op);
    line(g, "static inline void op%d_push(sl_ctx *ctx, prog_state *st, sl_change k, const %s *r)",
         n, row_t(g, op->in[0]));
    line(g, "{");
    g->indent++;
    cg_unused(g, "ctx st k r");
    g->tmp = 0;
    line(g, "op%d_state *s = &st->op%d;", ty, n);
    cg_agg_key(g, op);
    line(g, "bool created;");
    line(g, "op%d_entry *ent = op%d_groups_get(&s->groups, h, &key, &created);", ty, ty);
    cg_agg_acc(g, op, "ent->a");
    if (op->retract_in) {
        line(g, "bool neg = sl_change_retracts(k);");
        line(g, "if (created && neg) { /* retracts a group it does not know: ignored (Flink) */");
        line(g, "    op%d_groups_remove(&s->groups, ent);", ty);
        line(g, "    return;");
        line(g, "}");
    } else {
        line(g, "const bool neg = false;");
    }
    line(g, "op%d_row old, nw;", ty);
    line(g, "bool had = ent->emitted;");
    /* the old row's keys stay in the entry unless a retraction removes it */
    line(g, "if (had) op%d_out(ctx, ent, e, 0, 0, &old, %s);", ty,
         op->retract_in ? "SL_OUT_COPY_ALL" : "SL_OUT_COPY_RESULTS");
    line(g, "int64_t acct_ = 0, *acct = &acct_;");
    line(g, "(void)acct;");
    cg_agg_update(g, op, op->retract_in ? "neg" : "0");
    line(g, "ent->rows += neg ? -1 : 1;");
    line(g, "s->owned += (uint64_t)acct_;");
    if (op->ttl > 0) line(g, "ent->last_ms = sl_now_ms(ctx);");
    line(g, "if (ent->rows <= 0) {");
    line(g, "    s->owned -= op%d_acc_heap(e);", ty);
    if (group_memo(op)) line(g, "    s->owned -= ent->memo.cap;");
    line(g, "    op%d_groups_remove(&s->groups, ent);", ty);
    g->indent++;
    line(g, "if (had) {");
    g->indent++;
    cg_emit(g, op, "SL_DELETE", "&old");
    g->indent--;
    line(g, "}");
    line(g, "return;");
    g->indent--;
    line(g, "}");
    line(g, "op%d_out(ctx, ent, e, 0, 0, &nw, SL_OUT_VIEW);", ty);
    if (group_memo(op)) line(g, "uint32_t memo_cap = ent->memo.cap;");
    line(g, "if (!had) {");
    g->indent++;
    line(g, "ent->emitted = true;");
    group_emit(g, op, "SL_INSERT", "&nw");
    g->indent--;
    line(g, "} else if (!op%d_row_eq(&old, &nw)) {", ty);
    g->indent++;
    group_emit(g, op, "SL_UPDATE_BEFORE", "&old");
    group_emit(g, op, "SL_UPDATE_AFTER", "&nw");
    g->indent--;
    line(g, "}");
    if (group_memo(op)) line(g, "s->owned += ent->memo.cap - memo_cap;");
    if (op->ttl > 0) {
        /* a sweep every ttl/2 at most: a group lives between ttl and
         * 1.5 ttl after its last change */
        line(g, "if (sl_now_ms(ctx) >= s->next_ttl) {");
        line(g, "    int64_t now = sl_now_ms(ctx), limit = now - %s;", i64_lit(g, op->ttl));
        line(g, "    for (uint32_t i = 0; i < s->groups.n;) {");
        line(g, "        op%d_entry *x = &s->groups.e[i];", ty);
        line(g, "        if (x->last_ms > limit) { i++; continue; }");
        line(g, "        s->owned -= op%d_acc_heap(&x->a);", ty);
        if (group_memo(op)) line(g, "        s->owned -= x->memo.cap;");
        line(g, "        op%d_groups_remove(&s->groups, x);", ty);
        line(g, "    }");
        line(g, "    s->next_ttl = now + %s;", i64_lit(g, op->ttl / 2 > 0 ? op->ttl / 2 : 1));
        line(g, "}");
    }
    g->indent--;
    line(g, "}");
    blank(g);
    line(g, "static void op%d_advance(sl_ctx *ctx, prog_state *st, int64_t wm)", n);
    line(g, "{");
    g->indent++;
    cg_unused(g, "ctx st wm");
    cg_forward(g, op, "wm");
    g->indent--;
    line(g, "}");
    blank(g);
    blank(g);
}

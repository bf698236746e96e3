/* normalize.c - ChangelogNormalize (cg.h): an upsert-kafka source's
 * upserts and deletes by primary key become a retracting changelog, as in
 * Flink. State: the last row of every key (its strings owned). An upsert
 * of a new key emits +I; of a known key -U (the stored row) and +U (the
 * new one), nothing when the row did not change; a delete of a known key
 * emits -D (the stored row), of an unknown one nothing. */
#include "cg.h"

void cg_normalize_types(Cg *g, const PhysOp *op)
{
    int n = op->id;
    const Table *t = op->table;
    const PhysOp *in = op->in[0];
    line(g, "typedef op%d_row op%d_row; /* the source's row */", in->id, n);
    blank(g);
    line(g, "typedef struct op%d_key {", n);
    for (int i = 0; i < t->n_pk; i++) line(g, "    %s k%d;", ctype(t->cols[t->pk[i]].type.kind), i);
    line(g, "} op%d_key;", n);
    blank(g);
    line(g, "typedef struct op%d_entry {", n);
    line(g, "    uint64_t h;");
    line(g, "    op%d_row row; /* the last row; its strings in owned */", n);
    for (int c = 0; c < t->n_cols; c++)
        if (in->used[c] && t->cols[c].type.kind == TY_VARCHAR) line(g, "    sl_strbuf s%d;", c);
    line(g, "} op%d_entry;", n);
    blank(g);
    line(g, "static inline bool op%d_key_eq(const op%d_entry *e, const op%d_key *k)", n, n, n);
    line(g, "{");
    char *eq = arena_strdup(g->a, "true");
    for (int i = 0; i < t->n_pk; i++) {
        int c = t->pk[i];
        eq = arena_printf(
            g->a, "%s && %s", eq,
            key_eq(g, t->cols[c].type.kind, fmt(g, "e->row.c%d", c), fmt(g, "k->k%d", i)));
    }
    line(g, "    return %s;", eq);
    line(g, "}");
    blank(g);
    line(g, "/* stores a row into e, its strings copied into e's buffers */");
    line(g, "static inline void op%d_set_row(op%d_entry *e, const op%d_row *r)", n, n, n);
    line(g, "{");
    line(g, "    e->row = *r;");
    for (int c = 0; c < t->n_cols; c++)
        if (in->used[c] && t->cols[c].type.kind == TY_VARCHAR) {
            line(g, "    sl_strbuf_set(&e->s%d, r->c%d);", c, c);
            line(g, "    e->row.c%d = sl_strbuf_get(&e->s%d);", c, c);
        }
    line(g, "}");
    blank(g);
    line(g, "static inline void op%d_key_store(op%d_entry *e, const op%d_key *k, sl_arena *a)", n,
         n, n);
    line(g, "{");
    line(g, "    (void)a;");
    for (int i = 0; i < t->n_pk; i++) {
        int c = t->pk[i];
        if (t->cols[c].type.kind == TY_VARCHAR) {
            line(g, "    sl_strbuf_set(&e->s%d, k->k%d);", c, i);
            line(g, "    e->row.c%d = sl_strbuf_get(&e->s%d);", c, c);
        } else {
            line(g, "    e->row.c%d = k->k%d;", c, i);
        }
    }
    line(g, "}");
    blank(g);
    line(g, "static inline void op%d_entry_free(op%d_entry *e)", n, n);
    line(g, "{");
    line(g, "    (void)e;");
    for (int c = 0; c < t->n_cols; c++)
        if (in->used[c] && t->cols[c].type.kind == TY_VARCHAR)
            line(g, "    sl_strbuf_free(&e->s%d);", c);
    line(g, "}");
    blank(g);
    line(g,
         "SL_GTAB_DEFINE(op%d_groups, op%d_entry, op%d_key, op%d_key_eq, op%d_key_store, "
         "op%d_entry_free)",
         n, n, n, n, n, n);
    blank(g);
    line(g, "typedef struct op%d_state {", n);
    line(g, "    op%d_groups keys;", n);
    line(g, "    uint64_t owned;");
    line(g, "} op%d_state;", n);
    blank(g);
}

void cg_normalize_code(Cg *g, const PhysOp *op)
{
    int n = op->id;
    const Table *t = op->table;
    const PhysOp *in = op->in[0];
    line(g, "static inline void op%d_push(sl_ctx *ctx, prog_state *st, sl_change k, const %s *r)",
         n, row_t(g, in));
    line(g, "{");
    g->indent++;
    cg_unused(g, "ctx st");
    line(g, "op%d_state *s = &st->op%d;", n, n);
    line(g, "op%d_key key;", n);
    line(g, "uint64_t h = UINT64_C(0x9e3779b97f4a7c15);");
    for (int i = 0; i < t->n_pk; i++) {
        int c = t->pk[i];
        line(g, "key.k%d = r->c%d;", i, c);
        line(g, "h = %s;", hash_expr(g, t->cols[c].type.kind, fmt(g, "key.k%d", i), "h"));
    }
    line(g, "bool created;");
    line(g, "op%d_entry *e = op%d_groups_get(&s->keys, h, &key, &created);", n, n);
    line(g, "if (k == SL_DELETE) {");
    line(g, "    if (created) { op%d_groups_remove(&s->keys, e); return; }", n);
    line(g, "    op%d_row old = e->row;", n);
    g->indent++;
    /* the stored row's strings die with the entry: emit first */
    cg_emit(g, op, "SL_DELETE", "&old");
    line(g, "op%d_groups_remove(&s->keys, e);", n);
    line(g, "return;");
    g->indent--;
    line(g, "}");
    line(g, "op%d_row nw = *r;", n);
    line(g, "if (created) {");
    line(g, "    op%d_set_row(e, &nw);", n);
    g->indent++;
    cg_emit(g, op, "SL_INSERT", "&nw");
    line(g, "return;");
    g->indent--;
    line(g, "}");
    /* unchanged rows are not emitted */
    char *same = arena_strdup(g->a, "true");
    for (int c = 0; c < t->n_cols; c++) {
        if (!in->used[c]) continue;
        same = arena_printf(
            g->a, "%s && e->row.n%d == nw.n%d && (nw.n%d || %s)", same, c, c, c,
            key_eq(g, t->cols[c].type.kind, fmt(g, "e->row.c%d", c), fmt(g, "nw.c%d", c)));
    }
    line(g, "if (%s) return;", same);
    line(g, "op%d_row old = e->row;", n);
    g->indent++;
    cg_emit(g, op, "SL_UPDATE_BEFORE", "&old");
    line(g, "op%d_set_row(e, &nw);", n);
    cg_emit(g, op, "SL_UPDATE_AFTER", "&nw");
    g->indent--;
    line(g, "(void)k;");
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
    line(g, "static void op%d_init(op%d_state *s) { op%d_groups_init(&s->keys); }", n, n, n);
    line(g, "static void op%d_free(op%d_state *s) { op%d_groups_free(&s->keys); }", n, n, n);
    line(g, "static void op%d_info(const op%d_state *s, sl_state_info *info)", n, n);
    line(g, "{");
    line(g, "    info->groups += s->keys.n;");
    line(g, "    info->bytes += op%d_groups_bytes(&s->keys);", n);
    line(g, "}");
    blank(g);
    /* save/load: the rows */
    line(g, "static void op%d_save_entry(const op%d_entry *e, sl_buf *b)", n, n);
    line(g, "{");
    for (int c = 0; c < t->n_cols; c++) {
        if (!in->used[c]) continue;
        TypeKind k = t->cols[c].type.kind;
        line(g, "    sl_save_u64(b, e->row.n%d);", c);
        if (k == TY_VARCHAR)
            line(g, "    sl_save_str(b, e->row.c%d);", c);
        else if (k == TY_DOUBLE)
            line(g, "    sl_save_f64(b, e->row.c%d);", c);
        else
            line(g, "    sl_save_i64(b, (int64_t)e->row.c%d);", c);
    }
    line(g, "    (void)e; (void)b;");
    line(g, "}");
    blank(g);
    line(g, "static bool op%d_load_entry(op%d_entry *e, sl_rbuf *r, sl_arena *a)", n, n);
    line(g, "{");
    line(g, "    (void)a;");
    line(g, "    op%d_row row;", n);
    line(g, "    memset(&row, 0, sizeof row);");
    for (int c = 0; c < t->n_cols; c++) {
        if (!in->used[c]) continue;
        TypeKind k = t->cols[c].type.kind;
        line(g, "    row.n%d = sl_load_u64(r) != 0;", c);
        if (k == TY_VARCHAR)
            line(g, "    row.c%d = sl_load_str(r);", c);
        else if (k == TY_DOUBLE)
            line(g, "    row.c%d = sl_load_f64(r);", c);
        else
            line(g, "    row.c%d = (%s)sl_load_i64(r);", c, ctype(k));
    }
    line(g, "    op%d_set_row(e, &row);", n);
    line(g, "    return !r->err;");
    line(g, "}");
    blank(g);
    line(g, "static void op%d_save(const op%d_state *s, sl_buf *b)", n, n);
    line(g, "{");
    line(g, "    op%d_groups_save(&s->keys, b, op%d_save_entry);", n, n);
    line(g, "}");
    blank(g);
    line(g, "static bool op%d_load(op%d_state *s, sl_rbuf *r)", n, n);
    line(g, "{");
    line(g, "    return op%d_groups_load(&s->keys, r, op%d_load_entry);", n, n);
    line(g, "}");
    blank(g);
}

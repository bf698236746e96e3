/* encode.c - sinks (cg.h): a row as the JSON object of the table's
 * columns, framed by the table's format:
 *
 *   json           {...}                        append-only (the binder checks)
 *   print          {...}, or +I {...} / -U {...} / +U {...} / -D {...} for a
 *                  changelog (Flink's row kinds)
 *   debezium-json  {"before":null,"after":{...},"op":"c"} for +I/+U and
 *                  {"before":{...},"after":null,"op":"d"} for -U/-D (Flink
 *                  writes an update as a delete and an insert)
 *   upsert-kafka   key {pk columns}, value {...} (without the pk columns
 *                  when 'value.fields-include' = 'EXCEPT_KEY') for +I/+U; a
 *                  tombstone for -D. A -U is held back: the +U of the same
 *                  key that follows replaces the row. When none follows (a
 *                  filter after the changelog dropped it: the row left the
 *                  result), the -U is written as a tombstone (Flink's
 *                  upsert-kafka sink writes every -U reaching it so) at the
 *                  next row of the sink or at the end of the record
 *                  (cg_sink_flush), since an update's two halves are
 *                  emitted within one record's processing.
 *
 * Wide rows (CG_WIDE_COLUMNS or more) are written by sl_put_fields from a
 * table of the columns, so the C compiler's time stays linear. */
#include <string.h>

#include "cg.h"

void cg_put_value(Cg *g, TypeKind k, Val v)
{
    const char *put;
    switch (k) {
    case TY_BOOLEAN:
        put = fmt(g, "sl_put_bool(b, %s)", v.v);
        break;
    case TY_DOUBLE:
    case TY_FLOAT:
        put = fmt(g, "sl_buf_put_f64(b, %s)", v.v);
        break;
    case TY_VARCHAR:
        put = fmt(g, "sl_buf_put_json_str(b, %s.p, %s.n)", v.v, v.v);
        break;
    case TY_TIMESTAMP:
        put = fmt(g, "sl_buf_put_ts(b, %s)", v.v);
        break;
    default:
        put = fmt(g, "sl_buf_put_i64(b, %s)", v.v);
        break;
    }
    if (is_const0(v.n))
        line(g, "%s;", put);
    else
        line(g, "if (%s) SL_BUF_LIT(b, \"null\"); else %s;", v.n, put);
}

const char *cg_store_of(TypeKind k)
{
    const char *c = ctype(k);
    return strcmp(c, "int32_t") == 0   ? "SL_ST_I32"
           : strcmp(c, "int64_t") == 0 ? "SL_ST_I64"
           : strcmp(c, "double") == 0  ? "SL_ST_F64"
           : strcmp(c, "bool") == 0    ? "SL_ST_BOOL"
                                       : "SL_ST_STR";
}

/* Emits `static void <fn>(sl_buf *b, const IN *r)` writing the JSON object
 * of the table columns cols[0..n) (indices into the row). */
static void cg_object_writer(Cg *g, const PhysOp *op, const char *fn, const int *cols, int n)
{
    const Table *t = op->table;
    const PhysOp *in = op->in[0];
    const char *rt = row_t(g, in);
    if (n >= g->wide_columns) {
        line(g, "static const sl_fielddesc %s_fields[] = {", fn);
        for (int i = 0; i < n; i++) {
            int c = cols[i];
            const Field *f = &in->cols[c];
            const char *key = json_key_lit(g, t->cols[c].name, i == 0);
            line(g, "    {%s, sizeof %s - 1, %s, %s, %s, false, offsetof(%s, c%d), %s},", key, key,
                 cg_store_of(f->type.kind), f->type.nullable ? "SL_NULL_FLAG" : "SL_NULL_NEVER",
                 f->type.kind == TY_TIMESTAMP ? "true" : "false", rt, c,
                 f->type.nullable ? fmt(g, "offsetof(%s, n%d)", rt, c) : "0");
        }
        line(g, "};");
        line(g, "static void %s(sl_buf *b, const %s *r)", fn, rt);
        line(g, "{");
        line(g, "    sl_put_fields(b, %s_fields, %d, r);", fn, n);
        line(g, "    SL_BUF_LIT(b, \"}\");");
        line(g, "}");
        blank(g);
        return;
    }
    line(g, "static inline void %s(sl_buf *b, const %s *r)", fn, rt);
    line(g, "{");
    g->indent++;
    g->row = "r";
    g->row_cols = in->cols;
    for (int i = 0; i < n; i++) {
        int c = cols[i];
        line(g, "SL_BUF_LIT(b, %s);", json_key_lit(g, t->cols[c].name, i == 0));
        cg_put_value(g, in->cols[c].type.kind, cg_col(g, c));
    }
    if (n == 0) line(g, "SL_BUF_LIT(b, \"{\");");
    line(g, "SL_BUF_LIT(b, \"}\");");
    g->indent--;
    line(g, "}");
    blank(g);
}

bool cg_sink_repeats_rows(const PhysOp *op)
{
    return op->kind == PH_SINK && op->table->connector != CONN_UPSERT_KAFKA &&
           (op->table->format == FMT_DEBEZIUM_JSON || op->mode != CM_APPEND);
}

bool cg_sink_holds_update_before(const PhysOp *op)
{
    return op->kind == PH_SINK && op->table->connector == CONN_UPSERT_KAFKA &&
           op->in[0]->mode == CM_RETRACT;
}

void cg_sink_types(Cg *g, const PhysOp *op)
{
    const Table *t = op->table;
    int *value = arena_alloc(g->a, sizeof(int) * (size_t)(t->n_cols + 1)), n_value = 0;
    for (int c = 0; c < t->n_cols; c++) {
        bool in_key = false;
        for (int i = 0; i < t->n_pk; i++) in_key |= t->pk[i] == c;
        if (!(in_key && t->value_except_key)) value[n_value++] = c;
    }
    line(g, "/* ---- sink %d: %s ---- */", t->sink_index, ccom(g, t->name));
    cg_object_writer(g, op, fmt(g, "op%d_object", op->id), value, n_value);
    if (t->connector == CONN_UPSERT_KAFKA)
        cg_object_writer(g, op, fmt(g, "op%d_key", op->id), t->pk, t->n_pk);
    if (cg_sink_holds_update_before(op)) {
        line(g, "/* the key of a -U held back (sl_buf) while `held` */");
        line(g, "typedef struct op%d_state {", op->id);
        line(g, "    sl_buf key;");
        line(g, "    bool held;");
        line(g, "} op%d_state;", op->id);
        blank(g);
    }
}

void cg_sink_flush(Cg *g, const PhysOp *op)
{
    if (cg_sink_holds_update_before(op))
        line(g, "if (st->op%d.held) op%d_flush(ctx, st);", op->id, op->id);
}

/* opN_push_memo(ctx, st, k, r, m) of a sink that repeats rows
 * (cg_sink_repeats_rows; its opN_push passes no m): writes change k of row
 * r, framed by the format (debezium-json: an insert or a delete, Flink's
 * encoding of updates; print: Flink's row kind before the row). When m is
 * given (the producer keeps its groups' emitted rows), a +I/+U row's
 * encoding is kept in m and a -U/-D row is written as the kept bytes: the
 * row its group emitted last, so encoding it again would give the same
 * bytes. */
static void sink_push_memo(Cg *g, const PhysOp *op)
{
    int k = op->table->sink_index;
    bool debezium = op->table->format == FMT_DEBEZIUM_JSON;
    line(g,
         "static inline void op%d_push_memo(sl_ctx *ctx, prog_state *st, sl_change k, const %s "
         "*r, sl_memo *m)",
         op->id, row_t(g, op->in[0]));
    line(g, "{");
    g->indent++;
    cg_unused(g, "st");
    line(g, "sl_buf *b = sl_sink_begin(ctx, %d);", k);
    line(g, "bool after = k == SL_INSERT || k == SL_UPDATE_AFTER;");
    if (debezium) {
        line(g, "if (after)");
        line(g, "    SL_BUF_LIT(b, \"{\\\"before\\\":null,\\\"after\\\":\");");
        line(g, "else");
        line(g, "    SL_BUF_LIT(b, \"{\\\"before\\\":\");");
    } else {
        /* a changelog printed: Flink's row kind before each row */
        line(g, "static const char kinds[4][4] = {\"+I \", \"-U \", \"+U \", \"-D \"};");
        line(g, "sl_buf_put(b, kinds[k], 3);");
    }
    line(g, "if (!after && m && m->n) {");
    line(g, "    sl_buf_put(b, m->p, m->n);");
    line(g, "} else {");
    line(g, "    size_t at = b->n;");
    line(g, "    op%d_object(b, r);", op->id);
    line(g, "    if (after && m) sl_memo_set(m, b->p + at, b->n - at);");
    line(g, "}");
    if (debezium) {
        line(g, "if (after)");
        line(g, "    SL_BUF_LIT(b, \",\\\"op\\\":\\\"c\\\"}\");");
        line(g, "else");
        line(g, "    SL_BUF_LIT(b, \",\\\"after\\\":null,\\\"op\\\":\\\"d\\\"}\");");
    }
    line(g, "sl_sink_end(ctx, %d);", k);
    g->indent--;
    line(g, "}");
    blank(g);
}

void cg_sink_code(Cg *g, const PhysOp *op)
{
    const Table *t = op->table;
    int k = t->sink_index;
    if (cg_sink_holds_update_before(op)) {
        line(g, "/* Writes the held -U as a tombstone: no +U of its key followed. */");
        line(g, "static void op%d_flush(sl_ctx *ctx, prog_state *st)", op->id);
        line(g, "{");
        line(g, "    op%d_state *s = &st->op%d;", op->id, op->id);
        line(g, "    sl_buf_put(sl_sink_key(ctx, %d), s->key.p, s->key.n);", k);
        line(g, "    sl_sink_end_tombstone(ctx, %d);", k);
        line(g, "    s->held = false;");
        line(g, "}");
        blank(g);
    }
    if (cg_sink_repeats_rows(op)) sink_push_memo(g, op);
    line(g, "static inline void op%d_push(sl_ctx *ctx, prog_state *st, sl_change k, const %s *r)",
         op->id, row_t(g, op->in[0]));
    line(g, "{");
    g->indent++;
    cg_unused(g, "st k");
    if (cg_sink_holds_update_before(op)) {
        line(g, "op%d_state *s = &st->op%d;", op->id, op->id);
        line(g, "if (k == SL_UPDATE_AFTER && s->held) {");
        line(g, "    /* the +U of the held -U's key replaces the row: drop the -U */");
        line(g, "    size_t at = s->key.n;");
        line(g, "    op%d_key(&s->key, r);", op->id);
        line(g, "    bool same = s->key.n - at == at && memcmp(s->key.p, s->key.p + at, at) == 0;");
        line(g, "    s->key.n = at;");
        line(g, "    if (same) s->held = false;");
        line(g, "}");
        line(g, "if (s->held) op%d_flush(ctx, st);", op->id);
        line(g, "if (k == SL_UPDATE_BEFORE) {");
        line(g, "    s->key.n = 0;");
        line(g, "    op%d_key(&s->key, r);", op->id);
        line(g, "    s->held = true;");
        line(g, "    return;");
        line(g, "}");
    }
    if (t->connector == CONN_UPSERT_KAFKA) {
        if (!cg_sink_holds_update_before(op))
            line(g, "if (k == SL_UPDATE_BEFORE) return; /* not produced: an upsert input */");
        line(g, "op%d_key(sl_sink_key(ctx, %d), r);", op->id, k);
        line(g, "if (k == SL_DELETE) {");
        line(g, "    sl_sink_end_tombstone(ctx, %d);", k);
        line(g, "    return;");
        line(g, "}");
        line(g, "sl_buf *b = sl_sink_begin(ctx, %d);", k);
        line(g, "op%d_object(b, r);", op->id);
        line(g, "sl_sink_end(ctx, %d);", k);
    } else if (cg_sink_repeats_rows(op)) {
        line(g, "op%d_push_memo(ctx, st, k, r, NULL);", op->id);
    } else {
        line(g, "sl_buf *b = sl_sink_begin(ctx, %d);", k);
        line(g, "op%d_object(b, r);", op->id);
        line(g, "sl_sink_end(ctx, %d);", k);
    }
    g->indent--;
    line(g, "}");
    blank(g);
    line(g, "static void op%d_advance(sl_ctx *ctx, prog_state *st, int64_t wm)", op->id);
    line(g, "{");
    line(g, "    (void)ctx; (void)st; (void)wm;");
    line(g, "}");
    blank(g);
}

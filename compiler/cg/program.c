/* program.c - the generated translation unit (cg.h; docs/architecture.md
 * "Generated programs"): row types and operator state in plan order, the
 * program state (every operator's state reachable from it, so that a
 * checkpoint saves it all), the operators, the entry points the runtime
 * calls (a record of a source, a watermark advance, state info, save and
 * load) and the sl_program descriptor handed to sl_main. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "../hmap.h"
#include "cg.h"

bool cg_stateful(const PhysOp *op)
{
    switch (op->kind) {
    case PH_UNION:
    case PH_WATERMARK:
    case PH_NORMALIZE:
    case PH_WINDOW_AGG:
    case PH_GROUP_AGG:
    case PH_SESSION_TVF:
        return true;
    default:
        return false;
    }
}

/* Has opN_free / opN_info? */
static bool has_heap(const PhysOp *op)
{
    return op->kind == PH_NORMALIZE || op->kind == PH_WINDOW_AGG || op->kind == PH_GROUP_AGG ||
           op->kind == PH_SESSION_TVF;
}

static void cg_op_types(Cg *g, const PhysOp *op)
{
    switch (op->kind) {
    case PH_SCAN:
        cg_scan_types(g, op);
        break;
    case PH_NORMALIZE:
        cg_normalize_types(g, op);
        break;
    case PH_CALC:
        cg_calc_types(g, op);
        break;
    case PH_WINDOW_TVF:
        cg_row_struct(g, op, op->used, false);
        break;
    case PH_SESSION_TVF:
        cg_session_types(g, op);
        break;
    case PH_WINDOW_AGG:
        if (op->strat == WS_SESSION)
            cg_session_types(g, op);
        else if (op->strat == WS_HOP_PANES)
            cg_hop_panes_types(g, op);
        else
            cg_window_agg_types(g, op);
        break;
    case PH_GROUP_AGG:
        cg_group_agg_types(g, op);
        break;
    case PH_UNION:
        cg_union_types(g, op);
        break;
    case PH_WATERMARK:
        cg_watermark_types(g, op);
        break;
    case PH_SINK:
        cg_sink_types(g, op);
        break;
    }
}

/* A type definition text of an operator whose types can be shared
 * (cg_share_types): generated with the canonical id in place of the
 * operator's. */
typedef struct TypeText {
    const char *text;
    size_t len;
    int owner; /* the operator that emitted it under its own id */
} TypeText;

typedef struct TypeShare {
    HMap index; /* text hash -> position in v */
    TypeText *v;
    int n;
} TypeShare;

/* Can op use the types of an earlier operator of the same kind? The
 * generators of these kinds (window_agg.c, hop_panes.c, session.c,
 * group_agg.c) name every type-level definition after cg_ty and every
 * per-operator one (push, advance, helpers with window constants, the
 * state member) after op->id. */
static bool shareable(const PhysOp *op)
{
    return op->kind == PH_GROUP_AGG || op->kind == PH_WINDOW_AGG;
}

/* The operator whose init/free/info/save/load functions op's state uses:
 * the type owner's where a generator emits them with the types (window
 * aggregation over windows, GROUP BY), op's own where they are per
 * operator (HOP panes, sessions: emitted with the operator's code). */
static int state_fn_owner(const Cg *g, const PhysOp *op)
{
    bool with_types =
        op->kind == PH_GROUP_AGG || (op->kind == PH_WINDOW_AGG && op->strat == WS_WINDOWS);
    return with_types ? cg_ty(g, op) : op->id;
}

/* Shares the types of an earlier operator with op when its type
 * definitions, generated under an id no operator has, come out the same
 * bytes as that operator's: then op's opN_row, opN_state, group table,
 * window pool, and state functions are the earlier operator's (Cg.ty), and
 * nothing is emitted (returns true). 300 copies of a query's shape then
 * cost the C compiler one set of templates, not 300 (bench/compile.sh).
 * Byte equality of the generated text, not a structural comparison, so
 * that any difference (a type, a column name in a comment, an option)
 * keeps the operators apart. Otherwise returns false: the caller emits
 * op's types under its own id. */
static bool cg_share_types(Cg *g, TypeShare *ts, const PhysOp *op)
{
    if (!shareable(op)) return false;
    char *buf = NULL;
    size_t len = 0;
    FILE *o = open_memstream(&buf, &len), *real = g->o;
    if (!o) return false; /* not shared: only slower to compile */
    int tmp = g->tmp;
    g->o = o;
    g->ty[op->id] = g->pp->n_ops; /* the canonical id: no operator has it */
    cg_op_types(g, op);
    fclose(o);
    g->o = real;
    g->tmp = tmp;
    g->ty[op->id] = op->id;
    uint64_t h = hmap_hash_bytes(buf, len, 0);
    uint32_t pos = 0;
    int k;
    while (hmap_next(&ts->index, h, &pos, &k))
        if (ts->v[k].len == len && memcmp(ts->v[k].text, buf, len) == 0) {
            free(buf);
            g->ty[op->id] = ts->v[k].owner;
            line(g, "/* op%d: the types of op%d */", op->id, ts->v[k].owner);
            blank(g);
            return true;
        }
    TypeText t = {arena_strndup(g->a, buf, len), len, op->id};
    free(buf);
    hmap_put(g->a, &ts->index, h, ts->n);
    ARENA_PUSH(g->a, ts->v, ts->n, t);
    return false;
}

static void cg_op_code(Cg *g, const PhysOp *op)
{
    line(g, "/* ---- op%d: %s%s%s ---- */", op->id, low_op_name(g->a, op),
         op->lop->label ? " from " : "", op->lop->label ? ccom(g, op->lop->label) : "");
    switch (op->kind) {
    case PH_SCAN:
        cg_scan_code(g, op);
        break;
    case PH_NORMALIZE:
        cg_normalize_code(g, op);
        break;
    case PH_CALC:
        cg_calc_code(g, op);
        break;
    case PH_WINDOW_TVF:
        cg_window_tvf_code(g, op);
        break;
    case PH_SESSION_TVF:
        cg_session_code(g, op);
        break;
    case PH_WINDOW_AGG:
        if (op->strat == WS_SESSION)
            cg_session_code(g, op);
        else if (op->strat == WS_HOP_PANES)
            cg_hop_panes_code(g, op);
        else
            cg_window_agg_code(g, op);
        break;
    case PH_GROUP_AGG:
        cg_group_agg_code(g, op);
        break;
    case PH_UNION:
        cg_union_code(g, op);
        break;
    case PH_WATERMARK:
        cg_watermark_code(g, op);
        break;
    case PH_SINK:
        cg_sink_code(g, op);
        break;
    }
}

static void cg_prototypes(Cg *g, const PhysPlan *pp)
{
    line(g, "/* ---- operators: every push and advance, so that any operator can call");
    line(g, " * its consumers ---- */");
    for (int i = 0; i < pp->n_ops; i++) {
        const PhysOp *op = pp->ops[i];
        if (op->kind == PH_SCAN) {
            line(g, "static void op%d_advance(sl_ctx *ctx, prog_state *st, int64_t wm);", op->id);
            continue;
        }
        if (op->kind == PH_UNION) {
            for (int p = 0; p < op->n_in; p++) {
                line(g,
                     "static inline void op%d_push_%d(sl_ctx *ctx, prog_state *st, sl_change k, "
                     "const %s *r);",
                     op->id, p, row_t(g, op->in[p]));
                line(g, "static void op%d_advance_%d(sl_ctx *ctx, prog_state *st, int64_t wm);",
                     op->id, p);
            }
            continue;
        }
        line(g,
             "static inline void op%d_push(sl_ctx *ctx, prog_state *st, sl_change k, const %s *r);",
             op->id, row_t(g, op->in[0]));
        if (cg_sink_repeats_rows(op))
            line(g,
                 "static inline void op%d_push_memo(sl_ctx *ctx, prog_state *st, sl_change k, "
                 "const %s *r, sl_memo *m);",
                 op->id, row_t(g, op->in[0]));
        line(g, "static void op%d_advance(sl_ctx *ctx, prog_state *st, int64_t wm);", op->id);
    }
    blank(g);
}

static const char *conn_enum(Connector c)
{
    switch (c) {
    case CONN_KAFKA:
    case CONN_UPSERT_KAFKA:
        return "SL_CONN_KAFKA";
    case CONN_PRINT:
        return "SL_CONN_PRINT";
    default:
        return "SL_CONN_FILESYSTEM";
    }
}

static const char *opt_str(Cg *g, const char *s)
{
    return s ? cstr(g, s) : "NULL";
}

static void cg_props(Cg *g, const char *prefix, int idx, const Table *t)
{
    if (t->n_props == 0) return;
    line(g, "static const sl_kv %s%d_props[] = {", prefix, idx);
    for (int i = 0; i < t->n_props; i++)
        line(g, "    {%s, %s},", opt_str(g, t->prop_keys[i]), opt_str(g, t->prop_vals[i]));
    line(g, "};");
}

/* The end of a record's or a watermark's processing: sinks write what
 * they held back (encode.c). */
static void cg_flush_sinks(Cg *g, const PhysPlan *pp)
{
    bool any = false;
    for (int i = 0; i < pp->n_ops; i++) any |= cg_sink_holds_update_before(pp->ops[i]);
    if (!any) return;
    line(g, "    {");
    line(g, "        prog_state *st = state;");
    g->indent += 2;
    for (int i = 0; i < pp->n_ops; i++) cg_sink_flush(g, pp->ops[i]);
    g->indent -= 2;
    line(g, "    }");
}

/* The scan of source i (every source has one). */
static const PhysOp *scan_of(const PhysPlan *pp, int i)
{
    for (int k = 0; k < pp->n_ops; k++)
        if (pp->ops[k]->kind == PH_SCAN && pp->ops[k]->table->source_index == i) return pp->ops[k];
    abort();
}

/* True when some source of the plan is decoded ahead (cg_decodes_ahead). */
static bool cg_any_decodes_ahead(const PhysPlan *pp)
{
    const Catalog *c = &pp->plan->cat;
    for (int i = 0; i < c->n_sources; i++)
        if (cg_decodes_ahead(c->sources[i])) return true;
    return false;
}

/* prog_decode and prog_on_row: sl_program.decode and on_row over the
 * sources decoded ahead. */
static void cg_decode_ahead_points(Cg *g, const PhysPlan *pp)
{
    const Catalog *c = &pp->plan->cat;
    line(g, "static int prog_decode(sl_ctx *dctx, int source, const char *data, size_t len, void "
            "*row, void *cache)");
    line(g, "{");
    line(g, "    (void)dctx; (void)data; (void)len; (void)row; (void)cache;");
    line(g, "    switch (source) {");
    for (int i = 0; i < c->n_sources; i++) {
        const PhysOp *scan = scan_of(pp, i);
        if (!cg_decodes_ahead(c->sources[i])) continue;
        line(g,
             "    case %d: return src%d_decode(dctx, data, data + len, (op%d_row *)row, "
             "(src%d_cache *)cache);",
             i, i, scan->id, i);
    }
    line(g, "    default: abort(); /* row_size 0: never called */");
    line(g, "    }");
    line(g, "}");
    blank(g);
    line(g, "static int prog_on_row(sl_ctx *ctx, void *state, int source, const void *row, "
            "const sl_recmeta *meta)");
    line(g, "{");
    line(g, "    int rc = SL_OK;");
    line(g, "    (void)ctx; (void)state; (void)row; (void)meta;");
    line(g, "    switch (source) {");
    for (int i = 0; i < c->n_sources; i++) {
        const PhysOp *scan = scan_of(pp, i);
        if (!cg_decodes_ahead(c->sources[i])) continue;
        line(g, "    case %d: rc = src%d_on_row(ctx, state, (const op%d_row *)row, meta); break;",
             i, i, scan->id);
    }
    line(g, "    default: abort(); /* row_size 0: never called */");
    line(g, "    }");
    cg_flush_sinks(g, pp);
    line(g, "    return rc;");
    line(g, "}");
    blank(g);
}

static void cg_entry_points(Cg *g, const PhysPlan *pp)
{
    const Catalog *c = &pp->plan->cat;
    line(g, "static void *prog_init(sl_ctx *ctx)");
    line(g, "{");
    line(g, "    prog_state *st = sl_xcalloc(1, sizeof *st);");
    for (int i = 0; i < c->n_sources; i++) line(g, "    st->wm%d = sl_source_wm(ctx, %d);", i, i);
    for (int i = 0; i < pp->n_ops; i++)
        if (cg_stateful(pp->ops[i]))
            line(g, "    op%d_init(&st->op%d);", state_fn_owner(g, pp->ops[i]), pp->ops[i]->id);
    line(g, "    (void)ctx;");
    line(g, "    return st;");
    line(g, "}");
    blank(g);
    /* the operators with state of their own, named for the metrics; each
     * one's info is added by prog_operator_add, which the total and the
     * per-operator entry points share */
    line(g, "static const char *const operators[] = {");
    for (int i = 0; i < pp->n_ops; i++) {
        const PhysOp *op = pp->ops[i];
        if (!has_heap(op)) continue;
        const char *name =
            arena_printf(g->a, "op%d %s%s%s", op->id, low_op_name(g->a, op),
                         op->lop->label ? " from " : "", op->lop->label ? op->lop->label : "");
        line(g, "    %s,", cstr(g, name));
    }
    line(g, "    NULL};");
    line(g, "enum { N_OPERATORS = sizeof operators / sizeof *operators - 1 };");
    blank(g);
    line(g, "static void prog_operator_add(const prog_state *st, int i, sl_state_info *info)");
    line(g, "{");
    line(g, "    (void)st; (void)info;");
    line(g, "    switch (i) {");
    for (int i = 0, k = 0; i < pp->n_ops; i++)
        if (has_heap(pp->ops[i]))
            line(g, "    case %d: op%d_info(&st->op%d, info); break;", k++,
                 state_fn_owner(g, pp->ops[i]), pp->ops[i]->id);
    line(g, "    default: break;");
    line(g, "    }");
    line(g, "}");
    blank(g);
    line(g, "static void prog_operator_info(const void *state, int i, sl_state_info *info)");
    line(g, "{");
    line(g, "    memset(info, 0, sizeof *info);");
    line(g, "    prog_operator_add(state, i, info);");
    line(g, "}");
    blank(g);
    line(g, "static void prog_state_info(const void *state, sl_state_info *info)");
    line(g, "{");
    line(g, "    memset(info, 0, sizeof *info);");
    line(g, "    for (int i = 0; i < N_OPERATORS; i++) prog_operator_add(state, i, info);");
    line(g, "}");
    blank(g);
    line(g, "static void prog_destroy(sl_ctx *ctx, void *state)");
    line(g, "{");
    line(g, "    prog_state *st = state;");
    line(g, "    (void)ctx;");
    for (int i = 0; i < pp->n_ops; i++)
        if (has_heap(pp->ops[i]))
            line(g, "    op%d_free(&st->op%d);", state_fn_owner(g, pp->ops[i]), pp->ops[i]->id);
        else if (cg_sink_holds_update_before(pp->ops[i]))
            line(g, "    sl_buf_free(&st->op%d.key);", pp->ops[i]->id);
    line(g, "    free(st);");
    line(g, "}");
    blank(g);
    /* save/load: every stateful operator in plan order, each preceded by
     * its number so that a snapshot of another plan is refused */
    line(g, "static void prog_save(const void *state, sl_buf *b)");
    line(g, "{");
    line(g, "    const prog_state *st = state;");
    line(g, "    (void)st; (void)b;");
    for (int i = 0; i < pp->n_ops; i++) {
        if (!cg_stateful(pp->ops[i])) continue;
        line(g, "    sl_save_u64(b, %d);", pp->ops[i]->id);
        line(g, "    op%d_save(&st->op%d, b);", state_fn_owner(g, pp->ops[i]), pp->ops[i]->id);
    }
    line(g, "}");
    blank(g);
    line(g, "static bool prog_load(void *state, sl_rbuf *r)");
    line(g, "{");
    line(g, "    prog_state *st = state;");
    line(g, "    (void)st; (void)r;");
    for (int i = 0; i < pp->n_ops; i++) {
        if (!cg_stateful(pp->ops[i])) continue;
        line(g, "    if (sl_load_u64(r) != %d || !op%d_load(&st->op%d, r)) return false;",
             pp->ops[i]->id, state_fn_owner(g, pp->ops[i]), pp->ops[i]->id);
    }
    line(g, "    return !r->err;");
    line(g, "}");
    blank(g);
    line(g, "static int prog_on_record(sl_ctx *ctx, void *state, int source, const char *data, "
            "size_t len,");
    line(g, "                          const sl_recmeta *meta)");
    line(g, "{");
    line(g, "    int rc = SL_OK;");
    line(g, "    switch (source) {");
    for (int i = 0; i < c->n_sources; i++)
        line(g, "    case %d: rc = src%d_on_record(ctx, state, data, len, meta); break;", i, i);
    line(g, "    default: break;");
    line(g, "    }");
    cg_flush_sinks(g, pp);
    line(g, "    return rc;");
    line(g, "}");
    blank(g);
    /* decoding ahead: decode on the reader thread, then on_row */
    if (cg_any_decodes_ahead(pp)) cg_decode_ahead_points(g, pp);
    line(g, "static void prog_on_watermark(sl_ctx *ctx, void *state, int source, int64_t wm)");
    line(g, "{");
    line(g, "    switch (source) {");
    for (int i = 0; i < pp->n_ops; i++)
        if (pp->ops[i]->kind == PH_SCAN)
            line(g, "    case %d: op%d_advance(ctx, state, wm); break;",
                 pp->ops[i]->table->source_index, pp->ops[i]->id);
    line(g, "    default: break;");
    line(g, "    }");
    cg_flush_sinks(g, pp);
    line(g, "}");
    blank(g);
}

/* The program's plan as a C string literal: the plans sluice explain
 * prints and every source's columns with their types. A checkpoint holds
 * it, so that a restart refuses the state of another program and says
 * which line differs (docs/architecture.md, "Checkpoints"). */
static const char *plan_text(Cg *g, const PhysPlan *pp)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *o = open_memstream(&buf, &n);
    if (!o) abort();
    explain_program(o, g->a, pp->plan, pp);
    const Catalog *c = &pp->plan->cat;
    fputs("\n== Sources ==\n", o);
    for (int i = 0; i < c->n_sources; i++) {
        const Table *t = c->sources[i];
        fprintf(o, "%s(", t->name);
        for (int k = 0; k < t->n_cols; k++)
            fprintf(o, "%s%s %s%s", k ? ", " : "", t->cols[k].name, type_name(t->cols[k].type.kind),
                    t->cols[k].type.nullable ? "" : " NOT NULL");
        fputs(")\n", o);
    }
    fclose(o);
    const char *lit = cesc_string(g->a, buf, n);
    free(buf);
    return lit;
}

static void cg_descriptor(Cg *g, const PhysPlan *pp, const char *src_name)
{
    const Catalog *c = &pp->plan->cat;
    for (int i = 0; i < c->n_sources; i++) cg_props(g, "src", i, c->sources[i]);
    line(g, "static const sl_source_desc sources[] = {");
    for (int i = 0; i < c->n_sources; i++) {
        const Table *t = c->sources[i];
        const char *startup = t->startup == STARTUP_EARLIEST ? "SL_START_EARLIEST"
                              : t->startup == STARTUP_LATEST ? "SL_START_LATEST"
                                                             : "SL_START_GROUP_OFFSETS";
        line(g, "    {.name = %s, .connector = %s, .path = %s, .topic = %s, .bootstrap = %s,",
             opt_str(g, t->name), conn_enum(t->connector), opt_str(g, t->path),
             opt_str(g, t->topic), opt_str(g, t->bootstrap));
        line(g,
             "     .group_id = %s, .startup = %s, .props = %s, .n_props = %d, .has_watermark = %s,",
             opt_str(g, t->group_id), startup, t->n_props ? fmt(g, "src%d_props", i) : "NULL",
             t->n_props, t->wm_col >= 0 ? "true" : "false");
        line(g, "     .keyed = %s, .dead_letter_path = %s, .dead_letter_topic = %s,",
             t->connector == CONN_UPSERT_KAFKA ? "true" : "false", opt_str(g, t->dead_letter_path),
             opt_str(g, t->dead_letter_topic));
        if (cg_decodes_ahead(t))
            line(g, "     .row_size = sizeof(op%d_row), .decode_cache_size = sizeof(src%d_cache)},",
                 scan_of(pp, i)->id, i);
        else
            line(g, "     .row_size = 0, .decode_cache_size = 0},");
    }
    line(g, "};");
    for (int i = 0; i < c->n_sinks; i++) cg_props(g, "snk", i, c->sinks[i]);
    line(g, "static const sl_sink_desc sinks[] = {");
    for (int i = 0; i < c->n_sinks; i++) {
        const Table *t = c->sinks[i];
        line(g, "    {.name = %s, .connector = %s, .path = %s, .topic = %s, .bootstrap = %s,",
             opt_str(g, t->name), conn_enum(t->connector), opt_str(g, t->path),
             opt_str(g, t->topic), opt_str(g, t->bootstrap));
        line(g, "     .props = %s, .n_props = %d, .keyed = %s, .exactly_once = %s,",
             t->n_props ? fmt(g, "snk%d_props", i) : "NULL", t->n_props,
             t->connector == CONN_UPSERT_KAFKA ? "true" : "false",
             t->exactly_once ? "true" : "false");
        line(g, "     .transactional_id_prefix = %s},", opt_str(g, t->txn_prefix));
    }
    line(g, "};");
    blank(g);
    line(g, "static const sl_program program = {");
    line(g, "    .name = %s,", opt_str(g, src_name));
    line(g, "    .n_sources = %d,", c->n_sources);
    line(g, "    .sources = sources,");
    line(g, "    .n_sinks = %d,", c->n_sinks);
    line(g, "    .sinks = sinks,");
    line(g, "    .init = prog_init,");
    line(g, "    .on_record = prog_on_record,");
    bool ahead = cg_any_decodes_ahead(pp);
    line(g, "    .decode = %s,", ahead ? "prog_decode" : "NULL");
    line(g, "    .on_row = %s,", ahead ? "prog_on_row" : "NULL");
    line(g, "    .on_watermark = prog_on_watermark,");
    line(g, "    .state_info = prog_state_info,");
    line(g, "    .n_operators = N_OPERATORS,");
    line(g, "    .operators = operators,");
    line(g, "    .operator_info = prog_operator_info,");
    line(g, "    .destroy = prog_destroy,");
    line(g, "    .save = prog_save,");
    line(g, "    .load = prog_load,");
    line(g, "    .idle_timeout_ms = %s,", i64_lit(g, pp->plan->opts.idle_timeout));
    line(g, "    .checkpoint_interval_ms = %s,", i64_lit(g, pp->plan->opts.checkpoint_interval));
    line(g, "    .state_dir = %s,", opt_str(g, pp->plan->opts.checkpoints_dir));
    line(g, "    .plan = %s,", plan_text(g, pp));
    line(g, "};");
    blank(g);
    line(g, "int main(int argc, char **argv)");
    line(g, "{");
    line(g, "    return sl_main(&program, argc, argv);");
    line(g, "}");
}

char *cg_program(Arena *a, const Plan *p, const char *src_name, const CgOptions *opt, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *o = open_memstream(&buf, &n);
    if (!o) return NULL;
    PhysPlan *pp = low_program(a, p);
    Cg g = {.o = o, .a = a, .p = p, .pp = pp};
    g.wide_columns = opt && opt->wide_columns > 0 ? opt->wide_columns : CG_WIDE_COLUMNS;
    line(&g, "/* Generated by sluice %s from %s. Do not edit: rebuild with", SLUICE_VERSION,
         ccom(&g, src_name));
    line(&g, " * `sluice build %s`. */", ccom(&g, src_name));
    /* guarded: CFLAGS=-D_GNU_SOURCE must not make a redefinition warning */
    line(&g, "#ifndef _GNU_SOURCE");
    line(&g, "#define _GNU_SOURCE");
    line(&g, "#endif");
    line(&g, "#include <stdbool.h>");
    line(&g, "#include <stddef.h>");
    line(&g, "#include <stdint.h>");
    line(&g, "#include <stdlib.h>");
    line(&g, "#include <string.h>");
    line(&g, "#include \"sluice_rt.h\"");
    line(&g, "#include \"sl_sql.h\"");
    line(&g, "#include \"sl_decode.h\"");
    line(&g, "#include \"sl_wide.h\"");
    line(&g, "#include \"sl_agg.h\"");
    line(&g, "#include \"sl_gtab.h\"");
    line(&g, "#include \"sl_winpool.h\"");
    blank(&g);
    line(&g, "/* temporaries of expression code: some are only read on some paths */");
    line(&g, "#define SL_TMP __attribute__((unused))");
    blank(&g);
    line(&g, "typedef struct prog_state prog_state;");
    blank(&g);
    g.ty = arena_alloc(a, sizeof *g.ty * (size_t)(pp->n_ops + 1));
    for (int i = 0; i < pp->n_ops; i++) g.ty[i] = i;
    TypeShare share = {0};
    for (int i = 0; i < pp->n_ops; i++)
        if (!cg_share_types(&g, &share, pp->ops[i])) cg_op_types(&g, pp->ops[i]);
    const Catalog *c = &p->cat;
    line(&g, "/* ---- program state: every operator's, reachable from here ---- */");
    line(&g, "struct prog_state {");
    for (int i = 0; i < c->n_sources; i++)
        line(&g, "    sl_watermark *wm%d; /* %s */", i, ccom(&g, c->sources[i]->name));
    for (int i = 0; i < pp->n_ops; i++) {
        const PhysOp *op = pp->ops[i];
        if (op->kind == PH_SCAN) {
            int si = op->table->source_index;
            line(&g, "    src%d_cache cache%d;", si, si);
            if (op->table->connector == CONN_UPSERT_KAFKA)
                line(&g, "    src%d_key_cache kcache%d;", si, si);
        }
        if (cg_stateful(op) || cg_sink_holds_update_before(op))
            line(&g, "    op%d_state op%d;", cg_ty(&g, op), op->id);
    }
    line(&g, "    int unused_;");
    line(&g, "};");
    blank(&g);
    cg_prototypes(&g, pp);
    for (int i = 0; i < pp->n_ops; i++) cg_op_code(&g, pp->ops[i]);
    cg_entry_points(&g, pp);
    cg_descriptor(&g, pp, src_name);
    fclose(o);
    *len = n;
    return buf;
}

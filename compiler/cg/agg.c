/* agg.c - the state of aggregations (cg.h; docs/architecture.md,
 * "Aggregate state"): the entry of one group (its keys and slots), the
 * code that updates slots for a row (or retracts it), merges two entries
 * (sessions), computes each call's result (opN_out) and saves/loads an
 * entry. Window aggregations, aggregations without a window and sessions
 * share it; the group table itself is the sl_gtab.h template.
 *
 * Slots (lower.c) are shared between calls: AVG(x) reads the SUM(x) and
 * COUNT(x) slots; DISTINCT aggregates, MIN/MAX over a changelog and exact
 * percentiles share one multiset of values per (argument, FILTER). */
#include <assert.h>
#include <string.h>

#include "cg.h"

/* How a value of kind k sits in an sl_vcount / sl_vlist. */
static const char *vk_suffix(TypeKind k)
{
    return k == TY_VARCHAR ? "str" : (k == TY_DOUBLE || k == TY_FLOAT) ? "f64" : "i64";
}

static const char *vk_kind(TypeKind k)
{
    return k == TY_VARCHAR                     ? "SL_VK_STR"
           : (k == TY_DOUBLE || k == TY_FLOAT) ? "SL_VK_F64"
                                               : "SL_VK_I64";
}

/* A value of kind k as the i64/f64/str argument of the sl_agg.h calls. */
static const char *vk_arg(Cg *g, TypeKind k, const char *v)
{
    if (k == TY_VARCHAR || k == TY_DOUBLE || k == TY_FLOAT) return v;
    return fmt(g, "(int64_t)%s", v);
}

/* The C type an sl_vcount/vlist returns for kind k. */
static const char *vk_ctype(TypeKind k)
{
    return k == TY_VARCHAR ? "sl_str" : (k == TY_DOUBLE || k == TY_FLOAT) ? "double" : "int64_t";
}

static bool owns_keys(const PhysOp *op)
{
    /* entries removed one by one own their key bytes; a window's entries
     * keep them in the window's arena, freed all at once */
    return op->kind == PH_GROUP_AGG || op->strat == WS_SESSION || op->strat == WS_HOP_PANES;
}

static const char *slot_what(SlotKind k)
{
    static const char *const w[] = {"COUNT(*)",    "COUNT",       "SUM",      "MIN",  "MAX",
                                    "multiset",    "welford",     "FIRST",    "LAST", "value list",
                                    "string list", "HyperLogLog", "DDSketch", "rows"};
    _Static_assert(sizeof w / sizeof *w == SLOT_ROWS + 1, "a name per SlotKind");
    assert((unsigned)k <= SLOT_ROWS);
    return w[k];
}

/* ---- entry struct --------------------------------------------------------------------- */

static void cg_slot_fields(Cg *g, const PhysOp *op)
{
    for (int i = 0; i < op->n_slots; i++) {
        const Slot *s = &op->slots[i];
        TypeKind k = s->type.kind;
        switch (s->kind) {
        case SLOT_COUNT_STAR:
        case SLOT_COUNT:
            line(g, "    int64_t s%d; /* %s */", i, slot_what(s->kind));
            break;
        case SLOT_SUM:
            line(g, "    %s s%d; /* SUM */", k == TY_DOUBLE ? "double" : "int64_t", i);
            break;
        case SLOT_MIN:
        case SLOT_MAX:
        case SLOT_FIRST:
        case SLOT_LAST:
            if (k == TY_VARCHAR)
                line(g, "    sl_strbuf s%d; /* %s: the string, its memory reused */", i,
                     slot_what(s->kind));
            else
                line(g, "    %s s%d; /* %s */", ctype(k), i, slot_what(s->kind));
            line(g, "    bool s%d_set;", i);
            break;
        case SLOT_MULTISET:
            line(g, "    sl_vcount s%d; /* values with counts */", i);
            break;
        case SLOT_WELFORD:
            line(g, "    sl_welford s%d;", i);
            break;
        case SLOT_VLIST:
            line(g, "    sl_vlist s%d;", i);
            break;
        case SLOT_STRLIST:
            line(g, "    sl_strlist s%d;", i);
            break;
        case SLOT_HLL:
            line(g, "    sl_hll s%d;", i);
            break;
        case SLOT_SKETCH:
            line(g, "    sl_ddsketch s%d;", i);
            break;
        case SLOT_ROWS:
            line(g, "    sl_rows s%d; /* the rows, serialised */", i);
            break;
        }
    }
}

/* Does slot kind own heap memory? */
static bool slot_heap(const Slot *s)
{
    switch (s->kind) {
    case SLOT_MIN:
    case SLOT_MAX:
    case SLOT_FIRST:
    case SLOT_LAST:
        return s->type.kind == TY_VARCHAR;
    case SLOT_COUNT_STAR:
    case SLOT_COUNT:
    case SLOT_SUM:
        return false;
    default:
        return true;
    }
}

static const char *heap_type(const Slot *s)
{
    switch (s->kind) {
    case SLOT_MULTISET:
        return "sl_vcount";
    case SLOT_WELFORD:
        return "sl_welford";
    case SLOT_VLIST:
        return "sl_vlist";
    case SLOT_STRLIST:
        return "sl_strlist";
    case SLOT_HLL:
        return "sl_hll";
    case SLOT_SKETCH:
        return "sl_ddsketch";
    case SLOT_ROWS:
        return "sl_rows";
    default:
        return "sl_strbuf";
    }
}

/* ---- results ------------------------------------------------------------------------ */

/* The result of call j from entry pointer e (a C expression). */
static Val cg_call_result(Cg *g, const PhysOp *op, int j, const char *e)
{
    const AggCall *c = &op->calls[j];
    const CallSlots *cs = &op->call_slots[j];
    const Slot *s = &op->slots[cs->slot];
    TypeKind rk = c->type.kind, ak = s->type.kind;
    const char *sl = fmt(g, "%s->s%d", e, cs->slot);
    switch (c->kind) {
    case AGG_COUNT_STAR:
    case AGG_COUNT:
        if (c->distinct) return (Val){fmt(g, "((int64_t)sl_vcount_size(&%s))", sl), "0"};
        return (Val){sl, "0"};
    case AGG_SUM:
        if (c->distinct) {
            Val t = decl_tmp(g, rk, NULL, fmt(g, "(sl_vcount_size(&%s) == 0)", sl));
            line(g, "if (!%s) %s = (%s)sl_vcount_sum_%s(&%s);", t.n, t.v, ctype(rk),
                 rk == TY_DOUBLE ? "f64" : "i64", sl);
            return t;
        }
        if (is32(rk))
            return (Val){fmt(g, "((int32_t)%s)", sl), fmt(g, "(%s->s%d == 0)", e, cs->count)};
        return (Val){sl, fmt(g, "(%s->s%d == 0)", e, cs->count)};
    case AGG_AVG: {
        const char *sum, *cnt;
        if (c->distinct) {
            sum = fmt(g, "sl_vcount_sum_%s(&%s)", rk == TY_DOUBLE ? "f64" : "i64", sl);
            cnt = fmt(g, "(int64_t)sl_vcount_size(&%s)", sl);
        } else {
            sum = sl;
            cnt = fmt(g, "%s->s%d", e, cs->count);
        }
        Val t = decl_tmp(g, rk, NULL, fmt(g, "(%s == 0)", cnt));
        /* Flink: AVG of an integer type is the truncated quotient of a
         * 64-bit sum and the count */
        if (rk == TY_DOUBLE)
            line(g, "if (!%s) %s = %s / (double)%s;", t.n, t.v, sum, cnt);
        else
            line(g, "if (!%s) %s = (%s)(%s / %s);", t.n, t.v, ctype(rk), sum, cnt);
        return t;
    }
    case AGG_MIN:
    case AGG_MAX:
        if (s->kind == SLOT_MULTISET) {
            Val t = decl_tmp(g, rk, NULL, "1");
            line(g, "{ %s v_; %s = !sl_vcount_%s_%s(&%s, &v_); %s = (%s)v_; }", vk_ctype(ak), t.n,
                 c->kind == AGG_MIN ? "min" : "max", vk_suffix(ak), sl, t.v, ctype(rk));
            return t;
        }
        /* a plain extreme, like FIRST/LAST */
        __attribute__((fallthrough));
    case AGG_FIRST_VALUE:
    case AGG_LAST_VALUE:
        if (s->kind == SLOT_VLIST) {
            Val t = decl_tmp(g, rk, NULL, "1");
            line(g, "{ %s v_; bool n_; %s = !sl_vlist_%s_%s(&%s, &v_, &n_) || n_; %s = (%s)v_; }",
                 vk_ctype(ak), t.n, c->kind == AGG_FIRST_VALUE ? "first" : "last", vk_suffix(ak),
                 sl, t.v, ctype(rk));
            return t;
        }
        if (ak == TY_VARCHAR)
            return (Val){fmt(g, "sl_strbuf_get(&%s)", sl), fmt(g, "(!%s_set)", sl)};
        return (Val){sl, fmt(g, "(!%s_set)", sl)};
    case AGG_STDDEV_POP:
    case AGG_STDDEV_SAMP:
    case AGG_VAR_POP:
    case AGG_VAR_SAMP: {
        static const char *const fn[] = {"stddev_pop", "stddev_samp", "var_pop", "var_samp"};
        Val t = decl_tmp(g, TY_DOUBLE, NULL, "1");
        line(g, "%s = !sl_welford_%s(&%s, &%s);", t.n, fn[c->kind - AGG_STDDEV_POP], sl, t.v);
        return t;
    }
    case AGG_LISTAGG: {
        Val t = decl_tmp(g, TY_VARCHAR, NULL, "1");
        line(g, "%s = !sl_strlist_join(&%s, (sl_str){%s, %lld}, sl_scratch(ctx), &%s);", t.n, sl,
             exact_str(g, c->sep.s, (size_t)c->sep.slen), (long long)c->sep.slen, t.v);
        return t;
    }
    case AGG_APPROX_COUNT_DISTINCT:
        return (Val){fmt(g, "sl_hll_estimate(&%s)", sl), "0"};
    case AGG_PERCENTILE_CONT: {
        Val t = decl_tmp(g, TY_DOUBLE, NULL, "1");
        line(g, "%s = !sl_vcount_percentile_cont(&%s, %s, %s, &%s);", t.n, sl, f64_lit(g, c->frac),
             c->desc ? "true" : "false", t.v);
        return t;
    }
    case AGG_PERCENTILE_DISC: {
        Val t = decl_tmp(g, rk, NULL, "1");
        line(g, "{ %s v_; %s = !sl_vcount_percentile_disc_%s(&%s, %s, %s, &v_); %s = (%s)v_; }",
             vk_ctype(ak), t.n, vk_suffix(ak), sl, f64_lit(g, c->frac), c->desc ? "true" : "false",
             t.v, ctype(rk));
        return t;
    }
    case AGG_APPROX_PERCENTILE: {
        Val t = decl_tmp(g, TY_DOUBLE, NULL, "1");
        line(g, "%s = !sl_ddsketch_quantile(&%s, %s, &%s);", t.n, sl, f64_lit(g, c->frac), t.v);
        return t;
    }
    }
    return (Val){"0", "1"};
}

/* ---- types ------------------------------------------------------------------------------- */

/* The KR_COL keys of op: their input columns and types. */
static const Field *key_field(const PhysOp *op, int k)
{
    return &op->in[0]->cols[op->keys[k]];
}

void cg_agg_types(Cg *g, const PhysOp *op, const EntryExtra *x, int nx, bool with_acc)
{
    int n = cg_ty(g, op);
    const char *in_t = row_t(g, op->in[0]);
    bool own = owns_keys(op);
    /* the key */
    line(g, "typedef struct op%d_key {", n);
    int nk = 0;
    for (int k = 0; k < op->n_keys; k++) {
        if (op->roles[k] != KR_COL) continue;
        const Field *f = key_field(op, k);
        line(g, "    %s k%d; /* %s */", ctype(f->type.kind), k, ccom(g, f->name));
        if (f->type.nullable) line(g, "    bool kn%d;", k);
        nk++;
    }
    if (!nk) line(g, "    char unused_;");
    line(g, "} op%d_key;", n);
    blank(g);
    line(g, "/* the aggregate state of one group (of one window, or one session) */");
    line(g, "typedef struct op%d_acc {", n);
    cg_slot_fields(g, op);
    line(g, "    char unused_;");
    line(g, "} op%d_acc;", n);
    blank(g);
    line(g, "typedef struct op%d_entry {", n);
    line(g, "    uint64_t h;");
    for (int k = 0; k < op->n_keys; k++) {
        if (op->roles[k] != KR_COL) continue;
        const Field *f = key_field(op, k);
        line(g, "    %s k%d;", ctype(f->type.kind), k);
        if (f->type.nullable) line(g, "    bool kn%d;", k);
    }
    if (with_acc) line(g, "    op%d_acc a;", n);
    for (int i = 0; i < nx; i++) line(g, "    %s %s; /* %s */", x[i].type, x[i].name, x[i].what);
    line(g, "} op%d_entry;", n);
    blank(g);
    /* slots: initialise, free, heap bytes */
    line(g, "static inline void op%d_acc_init(op%d_acc *e)", n, n);
    line(g, "{");
    line(g, "    (void)e;");
    for (int i = 0; i < op->n_slots; i++) {
        if (op->slots[i].kind == SLOT_MULTISET)
            line(g, "    sl_vcount_init(&e->s%d, %s);", i, vk_kind(op->slots[i].type.kind));
        if (op->slots[i].kind == SLOT_VLIST)
            line(g, "    sl_vlist_init(&e->s%d, %s);", i, vk_kind(op->slots[i].type.kind));
    }
    line(g, "}");
    blank(g);
    line(g, "static inline void op%d_acc_free(op%d_acc *e)", n, n);
    line(g, "{");
    line(g, "    (void)e;");
    for (int i = 0; i < op->n_slots; i++)
        if (slot_heap(&op->slots[i])) line(g, "    %s_free(&e->s%d);", heap_type(&op->slots[i]), i);
    line(g, "}");
    blank(g);
    line(g, "static inline uint64_t op%d_acc_heap(const op%d_acc *e)", n, n);
    line(g, "{");
    line(g, "    uint64_t b = 0;");
    line(g, "    (void)e;");
    for (int i = 0; i < op->n_slots; i++)
        if (slot_heap(&op->slots[i]))
            line(g, "    b += %s_bytes(&e->s%d);", heap_type(&op->slots[i]), i);
    line(g, "    return b;");
    line(g, "}");
    blank(g);
    /* key functions */
    line(g, "static inline bool op%d_key_eq(const op%d_entry *e, const op%d_key *k)", n, n, n);
    line(g, "{");
    char *eq = arena_strdup(g->a, "true");
    for (int k = 0; k < op->n_keys; k++) {
        if (op->roles[k] != KR_COL) continue;
        const Field *f = key_field(op, k);
        const char *ke = key_eq(g, f->type.kind, fmt(g, "e->k%d", k), fmt(g, "k->k%d", k));
        if (f->type.nullable)
            eq = arena_printf(g->a, "%s && e->kn%d == k->kn%d && (k->kn%d || %s)", eq, k, k, k, ke);
        else
            eq = arena_printf(g->a, "%s && %s", eq, ke);
    }
    line(g, "    (void)e; (void)k;");
    line(g, "    return %s;", eq);
    line(g, "}");
    blank(g);
    line(g, "static inline void op%d_key_store(op%d_entry *e, const op%d_key *k, sl_arena *a)", n,
         n, n);
    line(g, "{");
    line(g, "    (void)e; (void)k; (void)a;");
    for (int k = 0; k < op->n_keys; k++) {
        if (op->roles[k] != KR_COL) continue;
        const Field *f = key_field(op, k);
        if (f->type.kind == TY_VARCHAR) {
            if (own)
                line(g, "    e->k%d = sl_str_own(k->k%d);", k, k);
            else
                line(g, "    e->k%d = sl_arena_dup(a, k->k%d);", k, k);
        } else {
            line(g, "    e->k%d = k->k%d;", k, k);
        }
        if (f->type.nullable) line(g, "    e->kn%d = k->kn%d;", k, k);
    }
    if (with_acc) line(g, "    op%d_acc_init(&e->a);", n);
    line(g, "}");
    blank(g);
    line(g, "static inline void op%d_entry_free_more(op%d_entry *e);", n, n);
    line(g, "static inline void op%d_entry_free(op%d_entry *e)", n, n);
    line(g, "{");
    line(g, "    (void)e;");
    for (int k = 0; k < op->n_keys && own; k++)
        if (op->roles[k] == KR_COL && key_field(op, k)->type.kind == TY_VARCHAR)
            line(g, "    free((void *)e->k%d.p);", k);
    if (with_acc) line(g, "    op%d_acc_free(&e->a);", n);
    line(g, "    op%d_entry_free_more(e); /* the operator's own members */", n);
    line(g, "}");
    blank(g);
    (void)in_t;
}

void cg_agg_table(Cg *g, const PhysOp *op)
{
    int n = cg_ty(g, op);
    line(g,
         "SL_GTAB_DEFINE(op%d_groups, op%d_entry, op%d_key, op%d_key_eq, op%d_key_store, "
         "op%d_entry_free)",
         n, n, n, n, n, n);
    blank(g);
}

void cg_agg_key(Cg *g, const PhysOp *op)
{
    g->row = "r";
    g->row_cols = op->in[0]->cols;
    line(g, "op%d_key key;", cg_ty(g, op));
    line(g, "uint64_t h = UINT64_C(0x9e3779b97f4a7c15);");
    for (int k = 0; k < op->n_keys; k++) {
        if (op->roles[k] != KR_COL) continue;
        const Field *f = key_field(op, k);
        Val v = cg_col(g, op->keys[k]);
        line(g, "key.k%d = %s;", k, v.v);
        if (f->type.nullable) {
            line(g, "key.kn%d = %s;", k, v.n);
            line(g, "h = key.kn%d ? sl_hash_u64(UINT64_C(0x5bd1e995), h) : %s;", k,
                 hash_expr(g, f->type.kind, fmt(g, "key.k%d", k), "h"));
        } else {
            line(g, "h = %s;", hash_expr(g, f->type.kind, fmt(g, "key.k%d", k), "h"));
        }
    }
}

/* ---- updates ---------------------------------------------------------------------------- */

/* Updates of slots [from, to) for input row r into entry e. */
static void cg_slot_updates(Cg *g, const PhysOp *op, int from, int to, const char *neg)
{
    bool may_neg = !is_const0(neg);
    int u = g->tmp++; /* labels unique within the function */
    for (int i = from; i < to; i++) {
        const Slot *s = &op->slots[i];
        const char *sl = fmt(g, "e->s%d", i);
        line(g, "{ /* %s */", slot_what(s->kind));
        g->indent++;
        if (s->filter >= 0) {
            Val f = cg_col(g, s->filter);
            line(g, "if (%s || !(%s)) goto skip%d_%d;", f.n, f.v, u, i);
        }
        if (s->kind == SLOT_ROWS) {
            line(g, "uint64_t b0_ = sl_rows_bytes(&%s);", sl);
            line(g, "op%d_put_row(&%s, r);", cg_ty(g, op), sl);
            line(g, "*acct += (int64_t)(sl_rows_bytes(&%s) - b0_);", sl);
        } else if (s->kind == SLOT_COUNT_STAR) {
            if (may_neg)
                line(g, "%s += %s ? -1 : 1;", sl, neg);
            else
                line(g, "%s++;", sl);
        } else {
            Val v = cg_col(g, s->arg);
            TypeKind k = s->type.kind;
            if (!is_const0(v.n)) line(g, "if (%s) goto skip%d_%d;", v.n, u, i);
            bool heap = slot_heap(s);
            if (heap) line(g, "uint64_t b0_ = %s_bytes(&%s);", heap_type(s), sl);
            switch (s->kind) {
            case SLOT_COUNT:
                if (may_neg)
                    line(g, "%s += %s ? -1 : 1;", sl, neg);
                else
                    line(g, "%s++;", sl);
                break;
            case SLOT_SUM:
                if (k == TY_DOUBLE && may_neg)
                    line(g, "%s += %s ? -%s : %s;", sl, neg, v.v, v.v);
                else if (k == TY_DOUBLE)
                    line(g, "%s += %s;", sl, v.v);
                else if (may_neg)
                    line(g, "%s = %s ? sl_sub64(%s, %s) : sl_add64(%s, %s);", sl, neg, sl, v.v, sl,
                         v.v);
                else
                    line(g, "%s = sl_add64(%s, %s);", sl, sl, v.v);
                break;
            case SLOT_MIN:
            case SLOT_MAX: {
                const char *op_ = s->kind == SLOT_MIN ? "<" : ">";
                if (k == TY_VARCHAR)
                    line(g,
                         "if (!%s_set || sl_str_cmp(%s, sl_strbuf_get(&%s)) %s 0) { "
                         "sl_strbuf_set(&%s, %s); %s_set = true; }",
                         sl, v.v, sl, op_, sl, v.v, sl);
                else
                    line(g, "if (!%s_set || %s %s %s) { %s = %s; %s_set = true; }", sl, v.v, op_,
                         sl, sl, v.v, sl);
                break;
            }
            case SLOT_FIRST:
                if (k == TY_VARCHAR)
                    line(g, "if (!%s_set) { sl_strbuf_set(&%s, %s); %s_set = true; }", sl, sl, v.v,
                         sl);
                else
                    line(g, "if (!%s_set) { %s = %s; %s_set = true; }", sl, sl, v.v, sl);
                break;
            case SLOT_LAST:
                if (k == TY_VARCHAR)
                    line(g, "sl_strbuf_set(&%s, %s); %s_set = true;", sl, v.v, sl);
                else
                    line(g, "%s = %s; %s_set = true;", sl, v.v, sl);
                break;
            case SLOT_MULTISET:
                line(g, "sl_vcount_add_%s(&%s, %s, %s);", vk_suffix(k), sl, vk_arg(g, k, v.v),
                     may_neg ? fmt(g, "%s ? -1 : 1", neg) : "1");
                break;
            case SLOT_WELFORD:
                if (may_neg)
                    line(g,
                         "if (%s) sl_welford_remove(&%s, (double)%s); else sl_welford_add(&%s, "
                         "(double)%s);",
                         neg, sl, v.v, sl, v.v);
                else
                    line(g, "sl_welford_add(&%s, (double)%s);", sl, v.v);
                break;
            case SLOT_VLIST:
                if (may_neg)
                    line(g,
                         "if (%s) sl_vlist_remove_%s(&%s, %s, false); else sl_vlist_add_%s(&%s, "
                         "%s, false);",
                         neg, vk_suffix(k), sl, vk_arg(g, k, v.v), vk_suffix(k), sl,
                         vk_arg(g, k, v.v));
                else
                    line(g, "sl_vlist_add_%s(&%s, %s, false);", vk_suffix(k), sl,
                         vk_arg(g, k, v.v));
                break;
            case SLOT_STRLIST:
                if (may_neg)
                    line(g, "if (%s) sl_strlist_remove(&%s, %s); else sl_strlist_add(&%s, %s);",
                         neg, sl, v.v, sl, v.v);
                else
                    line(g, "sl_strlist_add(&%s, %s);", sl, v.v);
                break;
            case SLOT_HLL:
                /* the registers read the top bits: strings take the strong
                 * hash there */
                if (k == TY_VARCHAR)
                    line(g, "sl_hll_add(&%s, sl_hash_bytes_strong(%s.p, %s.n, 0));", sl, v.v, v.v);
                else
                    line(g, "sl_hll_add(&%s, %s);", sl, hash_expr(g, k, v.v, "0"));
                break;
            case SLOT_SKETCH:
                if (may_neg)
                    line(g,
                         "if (%s) sl_ddsketch_remove(&%s, (double)%s); else sl_ddsketch_add(&%s, "
                         "(double)%s);",
                         neg, sl, v.v, sl, v.v);
                else
                    line(g, "sl_ddsketch_add(&%s, (double)%s);", sl, v.v);
                break;
            default:
                break;
            }
            if (heap) line(g, "*acct += (int64_t)(%s_bytes(&%s) - b0_);", heap_type(s), sl);
        }
        g->indent--;
        if (s->filter >= 0 || (s->arg >= 0 && g->row_cols[s->arg].type.nullable))
            line(g, "skip%d_%d:;", u, i);
        line(g, "}");
    }
}

/* The storage of a value of type k in sl_wide.h's terms, or NULL when
 * sl_agg_update does not handle it. */
static const char *wide_store(TypeKind k)
{
    const char *st = cg_store_of(k);
    return strcmp(st, "SL_ST_BOOL") == 0 || strcmp(st, "SL_ST_STR") == 0 ? NULL : st;
}

/* True when a wide aggregation's update can be table-driven
 * (sl_agg_update of templates/sl_wide.h): append-only input, and every
 * slot a COUNT(*), COUNT, SUM, MIN or MAX without FILTER over a numeric
 * column whose storage the slot shares. One loop then serves any number
 * of slots, and the C compiler sees a table instead of code per slot. */
static bool agg_table_driven(Cg *g, const PhysOp *op)
{
    if (op->n_slots < g->wide_columns || (op->kind == PH_GROUP_AGG && op->retract_in)) return false;
    const Field *in = op->in[0]->cols;
    for (int i = 0; i < op->n_slots; i++) {
        const Slot *s = &op->slots[i];
        if (s->filter >= 0) return false;
        if (s->kind == SLOT_COUNT_STAR) continue;
        if (s->arg < 0) return false;
        const char *st = wide_store(in[s->arg].type.kind);
        if (!st) return false;
        bool f64 = strcmp(st, "SL_ST_F64") == 0;
        switch (s->kind) {
        case SLOT_COUNT:
            break;
        case SLOT_SUM:
            if (f64 != (s->type.kind == TY_DOUBLE)) return false;
            break;
        case SLOT_MIN:
        case SLOT_MAX:
            if (strcmp(ctype(s->type.kind), ctype(in[s->arg].type.kind)) != 0) return false;
            break;
        default:
            return false;
        }
    }
    return true;
}

void cg_agg_acc(Cg *g, const PhysOp *op, const char *acc)
{
    line(g, "op%d_acc *e = &%s;", cg_ty(g, op), acc);
    if (op->n_slots == 0) line(g, "(void)e;");
}

void cg_agg_update(Cg *g, const PhysOp *op, const char *neg)
{
    g->row = "r";
    g->row_cols = op->in[0]->cols;
    if (op->n_slots < g->wide_columns) {
        cg_slot_updates(g, op, 0, op->n_slots, neg);
        return;
    }
    if (agg_table_driven(g, op)) {
        line(g, "sl_agg_update(op%d_aggs, %d, e, r);", cg_ty(g, op), op->n_slots);
        return;
    }
    for (int k = 0, from = 0; from < op->n_slots; k++, from += CG_CHUNK)
        line(g, "op%d_upd%d(ctx, e, r, %s, acct);", cg_ty(g, op), k, neg);
}

/* The out-of-line update functions of a wide aggregation (called by
 * cg_agg_update); emitted with the types. */
static void cg_wide_updates(Cg *g, const PhysOp *op)
{
    if (op->n_slots < g->wide_columns) return;
    if (agg_table_driven(g, op)) {
        const char *row = row_t(g, op->in[0]);
        const Field *in = op->in[0]->cols;
        line(g, "static const sl_aggdesc op%d_aggs[] = {", cg_ty(g, op));
        for (int i = 0; i < op->n_slots; i++) {
            const Slot *s = &op->slots[i];
            static const char *const ops[] = {[SLOT_COUNT_STAR] = "SL_AGG_COUNT_STAR",
                                              [SLOT_COUNT] = "SL_AGG_COUNT",
                                              [SLOT_SUM] = "SL_AGG_SUM",
                                              [SLOT_MIN] = "SL_AGG_MIN",
                                              [SLOT_MAX] = "SL_AGG_MAX"};
            bool minmax = s->kind == SLOT_MIN || s->kind == SLOT_MAX;
            if (s->kind == SLOT_COUNT_STAR) {
                line(g,
                     "    {SL_AGG_COUNT_STAR, SL_ST_I64, false, 0, 0, offsetof(op%d_acc, s%d), 0},",
                     cg_ty(g, op), i);
                continue;
            }
            const Field *f = &in[s->arg];
            line(g, "    {%s, %s, %s, offsetof(%s, c%d), %s, offsetof(op%d_acc, s%d), %s},",
                 ops[s->kind], wide_store(f->type.kind), f->type.nullable ? "true" : "false", row,
                 s->arg, f->type.nullable ? fmt(g, "offsetof(%s, n%d)", row, s->arg) : "0",
                 cg_ty(g, op), i,
                 minmax ? fmt(g, "offsetof(op%d_acc, s%d_set)", cg_ty(g, op), i) : "0");
        }
        line(g, "};");
        blank(g);
        return;
    }
    for (int k = 0, from = 0; from < op->n_slots; k++, from += CG_CHUNK) {
        int to = from + CG_CHUNK < op->n_slots ? from + CG_CHUNK : op->n_slots;
        g->tmp = 0;
        line(g,
             "__attribute__((noinline)) static void op%d_upd%d(sl_ctx *ctx, op%d_acc *e, const "
             "%s *r, bool neg, int64_t *acct)",
             cg_ty(g, op), k, cg_ty(g, op), row_t(g, op->in[0]));
        line(g, "{");
        g->indent++;
        line(g, "(void)ctx; (void)r; (void)neg; (void)acct;");
        g->row = "r";
        g->row_cols = op->in[0]->cols;
        cg_slot_updates(g, op, from, to, op->kind == PH_GROUP_AGG && op->retract_in ? "neg" : "0");
        g->indent--;
        line(g, "}");
        blank(g);
    }
}

void cg_agg_merge(Cg *g, const PhysOp *op, const char *a, const char *b)
{
    for (int i = 0; i < op->n_slots; i++) {
        const Slot *s = &op->slots[i];
        const char *x = fmt(g, "%s->s%d", a, i), *y = fmt(g, "%s->s%d", b, i);
        TypeKind k = s->type.kind;
        switch (s->kind) {
        case SLOT_COUNT_STAR:
        case SLOT_COUNT:
            line(g, "%s += %s;", x, y);
            break;
        case SLOT_SUM:
            if (k == TY_DOUBLE)
                line(g, "%s += %s;", x, y);
            else
                line(g, "%s = sl_add64(%s, %s);", x, x, y);
            break;
        case SLOT_MIN:
        case SLOT_MAX: {
            const char *op_ = s->kind == SLOT_MIN ? "<" : ">";
            if (k == TY_VARCHAR)
                line(g,
                     "if (%s_set && (!%s_set || sl_str_cmp(sl_strbuf_get(&%s), sl_strbuf_get(&%s)) "
                     "%s 0)) { sl_strbuf_set(&%s, sl_strbuf_get(&%s)); %s_set = true; }",
                     y, x, y, x, op_, x, y, x);
            else
                line(g, "if (%s_set && (!%s_set || %s %s %s)) { %s = %s; %s_set = true; }", y, x, y,
                     op_, x, x, y, x);
            break;
        }
        case SLOT_FIRST:
            /* a is the earlier session: its first value stays */
            if (k == TY_VARCHAR)
                line(g,
                     "if (!%s_set && %s_set) { sl_strbuf_set(&%s, sl_strbuf_get(&%s)); %s_set = "
                     "true; }",
                     x, y, x, y, x);
            else
                line(g, "if (!%s_set && %s_set) { %s = %s; %s_set = true; }", x, y, x, y, x);
            break;
        case SLOT_LAST:
            if (k == TY_VARCHAR)
                line(g, "if (%s_set) { sl_strbuf_set(&%s, sl_strbuf_get(&%s)); %s_set = true; }", y,
                     x, y, x);
            else
                line(g, "if (%s_set) { %s = %s; %s_set = true; }", y, x, y, x);
            break;
        case SLOT_MULTISET:
            line(g, "{ size_t pos_ = 0; int64_t i_, c_; double d_; sl_str s_;");
            line(g,
                 "  while (sl_vcount_next(&%s, &pos_, &i_, &d_, &s_, &c_)) "
                 "sl_vcount_add_%s(&%s, %s, c_); }",
                 y, vk_suffix(k), x, k == TY_VARCHAR ? "s_" : (k == TY_DOUBLE ? "d_" : "i_"));
            break;
        case SLOT_WELFORD:
            line(g, "sl_welford_merge(&%s, &%s);", x, y);
            break;
        case SLOT_STRLIST:
            line(g, "sl_strlist_merge(&%s, &%s);", x, y);
            break;
        case SLOT_HLL:
            line(g, "sl_hll_merge(&%s, &%s);", x, y);
            break;
        case SLOT_SKETCH:
            line(g, "sl_ddsketch_merge(&%s, &%s);", x, y);
            break;
        case SLOT_ROWS:
            line(g, "sl_buf_put(&%s, %s.p, %s.n);", x, y, y);
            break;
        case SLOT_VLIST:
            assert(!"sessions read append-only input");
            break;
        }
    }
}

/* ---- output rows, row equality, save/load ------------------------------------------------ */

/* The statements setting the output columns of aggregate calls [from,
 * to) from accumulator e. */
static void out_calls(Cg *g, const PhysOp *op, int from, int to)
{
    for (int j = from; j < to; j++) {
        int c = op->n_keys + j;
        const Field *f = &op->cols[c];
        line(g, "{ /* call %d */", j);
        g->indent++;
        Val v = cg_call_result(g, op, j, "e");
        line(g, "o->c%d = %s;", c, v.v);
        if (f->type.nullable) line(g, "o->n%d = %s;", c, v.n);
        if (f->type.kind == TY_VARCHAR)
            line(g, "if (copy != SL_OUT_VIEW) o->c%d = sl_arena_dup(sl_scratch(ctx), o->c%d);", c,
                 c);
        g->indent--;
        line(g, "}");
    }
}

/* The statements returning false when output rows a and b differ in a
 * column of [from, to). */
static void row_eq_cols(Cg *g, const PhysOp *op, int from, int to)
{
    for (int c = from; c < to; c++) {
        const Field *f = &op->cols[c];
        const char *eq = key_eq(g, f->type.kind, fmt(g, "a->c%d", c), fmt(g, "b->c%d", c));
        if (f->type.nullable)
            line(g, "    if (a->n%d != b->n%d || (!a->n%d && !%s)) return false;", c, c, c, eq);
        else
            line(g, "    if (!%s) return false;", eq);
    }
}

/* opN_out(ctx, e, ws, we, o, copy): the output row of entry e (in window
 * [ws, we) for window aggregations); copy (SL_OUT_*) puts strings into
 * scratch so that the row outlives changes to the entry: those of the
 * aggregate results (which an update changes), or those and the keys' (when
 * the entry may be removed before the row is used). */
/* True when every call of a table-driven aggregation (agg_table_driven)
 * is a COUNT, SUM, AVG, MIN or MAX without DISTINCT whose result has a
 * numeric storage: sl_agg_out then sets its output columns. */
static bool out_table_driven(Cg *g, const PhysOp *op)
{
    if (!agg_table_driven(g, op)) return false;
    for (int j = 0; j < op->n_calls; j++) {
        const AggCall *c = &op->calls[j];
        if (c->distinct || !wide_store(c->type.kind)) return false;
        switch (c->kind) {
        case AGG_COUNT_STAR:
        case AGG_COUNT:
        case AGG_SUM:
        case AGG_AVG:
        case AGG_MIN:
        case AGG_MAX:
            break;
        default:
            return false;
        }
    }
    return true;
}

/* The tables of a wide aggregation's output (sl_outdesc, when
 * out_table_driven) and of its row comparison (sl_eqdesc). */
static void cg_out_tables(Cg *g, const PhysOp *op)
{
    int n = cg_ty(g, op);
    if (out_table_driven(g, op)) {
        line(g, "static const sl_outdesc op%d_outs[] = {", n);
        for (int j = 0; j < op->n_calls; j++) {
            const AggCall *c = &op->calls[j];
            const CallSlots *cs = &op->call_slots[j];
            const Slot *s = &op->slots[cs->slot];
            const Field *f = &op->cols[op->n_keys + j];
            int col = op->n_keys + j;
            const char *kind = c->kind == AGG_COUNT_STAR || c->kind == AGG_COUNT ? "SL_OUT_COUNT"
                               : c->kind == AGG_SUM                              ? "SL_OUT_SUM"
                               : c->kind == AGG_AVG                              ? "SL_OUT_AVG"
                                                                                 : "SL_OUT_EXTREME";
            const char *slot_store =
                s->kind == SLOT_SUM ? (s->type.kind == TY_DOUBLE ? "SL_ST_F64" : "SL_ST_I64")
                : s->kind == SLOT_MIN || s->kind == SLOT_MAX ? wide_store(s->type.kind)
                                                             : "SL_ST_I64";
            const char *aux = c->kind == AGG_SUM || c->kind == AGG_AVG
                                  ? fmt(g, "offsetof(op%d_acc, s%d)", n, cs->count)
                              : c->kind == AGG_MIN || c->kind == AGG_MAX
                                  ? fmt(g, "offsetof(op%d_acc, s%d_set)", n, cs->slot)
                                  : "0";
            line(g,
                 "    {%s, %s, %s, %s, offsetof(op%d_acc, s%d), %s, offsetof(op%d_row, c%d), %s},",
                 kind, slot_store, wide_store(c->type.kind), f->type.nullable ? "true" : "false", n,
                 cs->slot, aux, n, col,
                 f->type.nullable ? fmt(g, "offsetof(op%d_row, n%d)", n, col) : "0");
        }
        line(g, "};");
    }
    line(g, "static const sl_eqdesc op%d_eqs[] = {", n);
    for (int c = 0; c < op->n_cols; c++) {
        const Field *f = &op->cols[c];
        line(g, "    {%s, %s, offsetof(op%d_row, c%d), %s},", cg_store_of(f->type.kind),
             f->type.nullable ? "true" : "false", n, c,
             f->type.nullable ? fmt(g, "offsetof(op%d_row, n%d)", n, c) : "0");
    }
    line(g, "};");
    blank(g);
}

static void cg_out_fn(Cg *g, const PhysOp *op)
{
    int n = cg_ty(g, op);
    /* wide: the calls' results and the comparison by tables, or in
     * out-of-line chunks */
    bool wide = op->n_calls >= g->wide_columns || op->n_cols >= g->wide_columns;
    bool out_table = wide && out_table_driven(g, op);
    if (wide) cg_out_tables(g, op);
    if (wide && !out_table) {
        for (int k = 0, from = 0; from < op->n_calls; k++, from += CG_CHUNK) {
            int to = from + CG_CHUNK < op->n_calls ? from + CG_CHUNK : op->n_calls;
            line(g,
                 "__attribute__((noinline)) static void op%d_out%d(sl_ctx *ctx, op%d_acc *e, "
                 "op%d_row *o, int copy)",
                 n, k, n, n);
            line(g, "{");
            g->indent++;
            line(g, "(void)ctx; (void)e; (void)copy;");
            g->tmp = 0;
            out_calls(g, op, from, to);
            g->indent--;
            line(g, "}");
        }
        blank(g);
    }
    line(g,
         "static void op%d_out(sl_ctx *ctx, const op%d_entry *ke, op%d_acc *e, int64_t ws, "
         "int64_t we, op%d_row *o, int copy)",
         n, n, n, n);
    line(g, "{");
    g->indent++;
    line(g, "(void)ctx; (void)ke; (void)e; (void)ws; (void)we; (void)copy;");
    g->tmp = 0;
    for (int k = 0; k < op->n_keys; k++) {
        const Field *f = &op->cols[k];
        switch (op->roles[k]) {
        case KR_COL:
            line(g, "o->c%d = ke->k%d;", k, k);
            if (f->type.nullable)
                line(g, "o->n%d = %s;", k,
                     key_field(op, k)->type.nullable ? fmt(g, "ke->kn%d", k) : "false");
            if (f->type.kind == TY_VARCHAR)
                line(g,
                     "if (copy == SL_OUT_COPY_ALL) o->c%d = sl_arena_dup(sl_scratch(ctx), o->c%d);",
                     k, k);
            break;
        case KR_WSTART:
            line(g, "o->c%d = ws;", k);
            break;
        case KR_WEND:
            line(g, "o->c%d = we;", k);
            break;
        case KR_WTIME:
            line(g, "o->c%d = we - 1;", k);
            break;
        }
        if (op->roles[k] != KR_COL && f->type.nullable) line(g, "o->n%d = false;", k);
    }
    if (out_table)
        line(g, "sl_agg_out(op%d_outs, %d, e, o);", n, op->n_calls);
    else if (wide)
        for (int k = 0, from = 0; from < op->n_calls; k++, from += CG_CHUNK)
            line(g, "op%d_out%d(ctx, e, o, copy);", n, k);
    else
        out_calls(g, op, 0, op->n_calls);
    g->indent--;
    line(g, "}");
    blank(g);
    /* equality of two output rows (an update that changes nothing is not
     * emitted, as Flink's aggregations do) */
    line(g, "static inline bool op%d_row_eq(const op%d_row *a, const op%d_row *b)", n, n, n);
    line(g, "{");
    if (wide)
        line(g, "    return sl_row_eq(op%d_eqs, %d, a, b);", n, op->n_cols);
    else
        row_eq_cols(g, op, 0, op->n_cols);
    line(g, "    (void)a; (void)b;");
    line(g, "    return true;");
    line(g, "}");
    blank(g);
}

/* Saves/loads one value of kind k at lvalue x. */
static void save_val(Cg *g, TypeKind k, const char *x)
{
    if (k == TY_VARCHAR)
        line(g, "    sl_save_str(b, %s);", x);
    else if (k == TY_DOUBLE || k == TY_FLOAT)
        line(g, "    sl_save_f64(b, %s);", x);
    else
        line(g, "    sl_save_i64(b, (int64_t)%s);", x);
}

static void load_val(Cg *g, TypeKind k, const char *x, bool own)
{
    if (k == TY_VARCHAR)
        line(g, "    { sl_str s_ = sl_load_str(r); %s = %s; }", x,
             own ? "sl_str_own(s_)" : "sl_arena_dup(a, s_)");
    else if (k == TY_DOUBLE || k == TY_FLOAT)
        line(g, "    %s = sl_load_f64(r);", x);
    else
        line(g, "    %s = (%s)sl_load_i64(r);", x, ctype(k));
}

/* The statements saving slots [from, to) of accumulator e into b. */
static void save_slots(Cg *g, const PhysOp *op, int from, int to)
{
    for (int i = from; i < to; i++) {
        const Slot *s = &op->slots[i];
        switch (s->kind) {
        case SLOT_COUNT_STAR:
        case SLOT_COUNT:
            line(g, "    sl_save_i64(b, e->s%d);", i);
            break;
        case SLOT_SUM:
            if (s->type.kind == TY_DOUBLE)
                line(g, "    sl_save_f64(b, e->s%d);", i);
            else
                line(g, "    sl_save_i64(b, e->s%d);", i);
            break;
        case SLOT_MIN:
        case SLOT_MAX:
        case SLOT_FIRST:
        case SLOT_LAST:
            line(g, "    sl_save_u64(b, e->s%d_set);", i);
            if (s->type.kind == TY_VARCHAR)
                line(g, "    sl_strbuf_save(&e->s%d, b);", i);
            else
                save_val(g, s->type.kind, fmt(g, "e->s%d", i));
            break;
        default:
            line(g, "    %s_save(&e->s%d, b);", heap_type(s), i);
            break;
        }
    }
}

/* The statements loading slots [from, to) of accumulator e from r
 * (returning false on a corrupt input). */
static void load_slots(Cg *g, const PhysOp *op, int from, int to)
{
    for (int i = from; i < to; i++) {
        const Slot *s = &op->slots[i];
        switch (s->kind) {
        case SLOT_COUNT_STAR:
        case SLOT_COUNT:
            line(g, "    e->s%d = sl_load_i64(r);", i);
            break;
        case SLOT_SUM:
            if (s->type.kind == TY_DOUBLE)
                line(g, "    e->s%d = sl_load_f64(r);", i);
            else
                line(g, "    e->s%d = sl_load_i64(r);", i);
            break;
        case SLOT_MIN:
        case SLOT_MAX:
        case SLOT_FIRST:
        case SLOT_LAST:
            line(g, "    e->s%d_set = sl_load_u64(r) != 0;", i);
            if (s->type.kind == TY_VARCHAR)
                line(g, "    if (!sl_strbuf_load(&e->s%d, r)) return false;", i);
            else
                load_val(g, s->type.kind, fmt(g, "e->s%d", i), false);
            break;
        default:
            line(g, "    if (!%s_load(&e->s%d, r)) return false;", heap_type(s), i);
            break;
        }
    }
}

/* Save and load of an accumulator (slots) and of an entry (keys, the
 * accumulator when it has one, extra members). */
static void cg_entry_io(Cg *g, const PhysOp *op, const EntryExtra *x, int nx, bool with_acc)
{
    int n = cg_ty(g, op);
    bool own = owns_keys(op);
    /* a wide aggregation saves its slots in out-of-line chunks, so that
     * no C function grows with the number of slots (docs/architecture.md,
     * "Scaling of the compiler") */
    bool table = agg_table_driven(g, op);
    bool wide = op->n_slots >= g->wide_columns && !table;
    if (wide)
        for (int k = 0, from = 0; from < op->n_slots; k++, from += CG_CHUNK) {
            int to = from + CG_CHUNK < op->n_slots ? from + CG_CHUNK : op->n_slots;
            line(g,
                 "__attribute__((noinline)) static void op%d_save_acc%d(const op%d_acc *e, sl_buf "
                 "*b)",
                 n, k, n);
            line(g, "{");
            save_slots(g, op, from, to);
            line(g, "}");
            line(g,
                 "__attribute__((noinline)) static bool op%d_load_acc%d(op%d_acc *e, sl_rbuf *r)",
                 n, k, n);
            line(g, "{");
            load_slots(g, op, from, to);
            line(g, "    return !r->err;");
            line(g, "}");
            blank(g);
        }
    line(g, "static void op%d_save_acc(const op%d_acc *e, sl_buf *b)", n, n);
    line(g, "{");
    if (table)
        line(g, "    sl_agg_save(op%d_aggs, %d, e, b);", n, op->n_slots);
    else if (wide)
        for (int k = 0, from = 0; from < op->n_slots; k++, from += CG_CHUNK)
            line(g, "    op%d_save_acc%d(e, b);", n, k);
    else
        save_slots(g, op, 0, op->n_slots);
    line(g, "    (void)e; (void)b;");
    line(g, "}");
    blank(g);
    line(g, "static bool op%d_load_acc(op%d_acc *e, sl_rbuf *r)", n, n);
    line(g, "{");
    if (table)
        line(g, "    if (!sl_agg_load(op%d_aggs, %d, e, r)) return false;", n, op->n_slots);
    else if (wide)
        for (int k = 0, from = 0; from < op->n_slots; k++, from += CG_CHUNK)
            line(g, "    if (!op%d_load_acc%d(e, r)) return false;", n, k);
    else
        load_slots(g, op, 0, op->n_slots);
    line(g, "    (void)e;");
    line(g, "    return !r->err;");
    line(g, "}");
    blank(g);
    line(g, "static void op%d_save_entry(const op%d_entry *e, sl_buf *b)", n, n);
    line(g, "{");
    for (int k = 0; k < op->n_keys; k++) {
        if (op->roles[k] != KR_COL) continue;
        const Field *f = key_field(op, k);
        save_val(g, f->type.kind, fmt(g, "e->k%d", k));
        if (f->type.nullable) line(g, "    sl_save_u64(b, e->kn%d);", k);
    }
    if (with_acc) line(g, "    op%d_save_acc(&e->a, b);", n);
    for (int i = 0; i < nx; i++) {
        if (strcmp(x[i].type, "bool") == 0)
            line(g, "    sl_save_u64(b, e->%s);", x[i].name);
        else if (strcmp(x[i].type, "int64_t") == 0)
            line(g, "    sl_save_i64(b, (int64_t)e->%s);", x[i].name);
    }
    line(g, "    (void)e; (void)b;");
    line(g, "}");
    blank(g);
    line(g, "static bool op%d_load_entry(op%d_entry *e, sl_rbuf *r, sl_arena *a)", n, n);
    line(g, "{");
    line(g, "    (void)a;");
    for (int k = 0; k < op->n_keys; k++) {
        if (op->roles[k] != KR_COL) continue;
        const Field *f = key_field(op, k);
        load_val(g, f->type.kind, fmt(g, "e->k%d", k), own);
        if (f->type.nullable) line(g, "    e->kn%d = sl_load_u64(r) != 0;", k);
    }
    if (with_acc) {
        line(g, "    op%d_acc_init(&e->a);", n);
        line(g, "    if (!op%d_load_acc(&e->a, r)) return false;", n);
    }
    for (int i = 0; i < nx; i++) {
        if (strcmp(x[i].type, "bool") == 0)
            line(g, "    e->%s = sl_load_u64(r) != 0;", x[i].name);
        else if (strcmp(x[i].type, "int64_t") == 0)
            line(g, "    e->%s = (%s)sl_load_i64(r);", x[i].name, x[i].type);
    }
    line(g, "    return !r->err;");
    line(g, "}");
    blank(g);
}

void cg_agg_functions(Cg *g, const PhysOp *op, const EntryExtra *x, int nx, bool with_acc)
{
    cg_wide_updates(g, op);
    /* a SESSION TVF emits its input rows, not a result per group */
    if (op->kind != PH_SESSION_TVF) cg_out_fn(g, op);
    cg_entry_io(g, op, x, nx, with_acc);
}

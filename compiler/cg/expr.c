/* expr.c - bound expressions to C (cg.h): straight-line code over
 * temporaries with SQL three-valued logic; a NULL flag known to be false
 * at compile time is the literal 0, so NOT NULL data pays nothing for NULL
 * handling. Integer arithmetic wraps like Flink's Java arithmetic; x / 0
 * and failed casts give NULL (README). */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"

static Val cg_lit(Cg *g, const BExpr *e)
{
    TypeKind k = e->type.kind;
    if (e->u.lit.is_null) return (Val){zero(k), "1"};
    switch (k) {
    case TY_BOOLEAN:
        return (Val){e->u.lit.b ? "true" : "false", "0"};
    case TY_TINYINT:
    case TY_SMALLINT:
    case TY_INT:
        return (Val){fmt(g, "(%lld)", (long long)e->u.lit.i), "0"};
    case TY_DOUBLE:
    case TY_FLOAT:
        return (Val){f64_lit(g, e->u.lit.d), "0"};
    case TY_VARCHAR:
        return (Val){fmt(g, "((sl_str){%s, %lld})", exact_str(g, e->u.lit.s, (size_t)e->u.lit.slen),
                         (long long)e->u.lit.slen),
                     "0"};
    default:
        return (Val){i64_lit(g, e->u.lit.i), "0"};
    }
}

static const char *arith_fn(TypeKind k, int op)
{
    bool w = is32(k);
    switch (op) {
    case BOP_ADD:
        return w ? "sl_add32" : "sl_add64";
    case BOP_SUB:
        return w ? "sl_sub32" : "sl_sub64";
    case BOP_MUL:
        return w ? "sl_mul32" : "sl_mul64";
    case BOP_DIV:
        return k == TY_DOUBLE ? "sl_divf" : w ? "sl_div32" : "sl_div64";
    case BOP_MOD:
        return w ? "sl_mod32" : "sl_mod64";
    }
    return "?";
}

static const char *cmp_op(int op)
{
    switch (op) {
    case BOP_EQ:
        return "==";
    case BOP_NE:
        return "!=";
    case BOP_LT:
        return "<";
    case BOP_LE:
        return "<=";
    case BOP_GT:
        return ">";
    default:
        return ">=";
    }
}

/* A comparison of two values of kind k as a C boolean expression. */
static const char *cmp_expr(Cg *g, TypeKind k, int op, const char *l, const char *r)
{
    if (k == TY_VARCHAR) {
        if (op == BOP_EQ) return fmt(g, "sl_str_eq(%s, %s)", l, r);
        if (op == BOP_NE) return fmt(g, "!sl_str_eq(%s, %s)", l, r);
        return fmt(g, "(sl_str_cmp(%s, %s) %s 0)", l, r, cmp_op(op));
    }
    return fmt(g, "(%s %s %s)", l, cmp_op(op), r);
}

static Val cg_andor(Cg *g, const BExpr *e)
{
    bool is_and = e->u.op == BOP_AND;
    Val l = cg_expr(g, e->args[0]);
    Val res = decl_tmp(g, TY_BOOLEAN, is_and ? "false" : "true", "0");
    const char *rn = fmt(g, "%sn", res.v);
    line(g, "SL_TMP bool %s = 0;", rn);
    res.n = rn;
    /* short circuit: a definite FALSE (AND) / TRUE (OR) on the left decides */
    if (is_and)
        line(g, "if (!(%s) && !(%s)) { %s = false; } else {", l.n, l.v, res.v);
    else
        line(g, "if (!(%s) && (%s)) { %s = true; } else {", l.n, l.v, res.v);
    g->indent++;
    Val r = cg_expr(g, e->args[1]);
    if (is_and) {
        line(g, "if (!(%s) && !(%s)) { %s = false; }", r.n, r.v, res.v);
        line(g, "else { %s = true; %s = %s; }", res.v, rn, or_null(g, l.n, r.n));
    } else {
        line(g, "if (!(%s) && (%s)) { %s = true; }", r.n, r.v, res.v);
        line(g, "else { %s = false; %s = %s; }", res.v, rn, or_null(g, l.n, r.n));
    }
    g->indent--;
    line(g, "}");
    return res;
}

static Val cg_binary(Cg *g, const BExpr *e)
{
    int op = e->u.op;
    if (op == BOP_AND || op == BOP_OR) return cg_andor(g, e);
    Val l = cg_expr(g, e->args[0]);
    Val r = cg_expr(g, e->args[1]);
    const char *n = or_null(g, l.n, r.n);
    TypeKind k = e->type.kind, ak = e->args[0]->type.kind;
    switch (op) {
    case BOP_EQ:
    case BOP_NE:
    case BOP_LT:
    case BOP_LE:
    case BOP_GT:
    case BOP_GE: {
        Val t = decl_tmp(g, TY_BOOLEAN, NULL, n);
        line(g, "if (!%s) %s = %s;", t.n, t.v, cmp_expr(g, ak, op, l.v, r.v));
        return t;
    }
    case BOP_CONCAT: {
        Val t = decl_tmp(g, TY_VARCHAR, NULL, n);
        line(g, "if (!%s) %s = sl_concat2(sl_scratch(ctx), %s, %s);", t.n, t.v, l.v, r.v);
        return t;
    }
    case BOP_DIV:
    case BOP_MOD: {
        Val t = decl_tmp(g, k, NULL, "1");
        line(g, "if (!%s) %s = !%s(%s, %s, &%s);", n, t.n, arith_fn(k, op), l.v, r.v, t.v);
        return t;
    }
    default: {
        Val t = decl_tmp(g, k, NULL, n);
        if (k == TY_DOUBLE) {
            const char *sym = op == BOP_ADD ? "+" : op == BOP_SUB ? "-" : "*";
            line(g, "%s = %s %s %s;", t.v, l.v, sym, r.v);
        } else {
            line(g, "if (!%s) %s = %s(%s, %s);", t.n, t.v, arith_fn(k, op), l.v, r.v);
        }
        return t;
    }
    }
}

static Val cg_case(Cg *g, const BExpr *e)
{
    int n = e->n_args / 2;
    TypeKind k = e->type.kind;
    Val res = decl_tmp(g, k, NULL, "0");
    const char *rn = fmt(g, "%sn", res.v);
    line(g, "SL_TMP bool %s = 1;", rn);
    res.n = rn;
    int opened = 0;
    for (int i = 0; i < n; i++) {
        Val c = cg_expr(g, e->args[2 * i]);
        line(g, "if (!(%s) && (%s)) {", c.n, c.v);
        g->indent++;
        Val t = cg_expr(g, e->args[2 * i + 1]);
        line(g, "%s = %s; %s = %s;", res.v, t.v, rn, t.n);
        g->indent--;
        line(g, "} else {");
        g->indent++;
        opened++;
    }
    if (e->u.has_else) {
        Val t = cg_expr(g, e->args[2 * n]);
        line(g, "%s = %s; %s = %s;", res.v, t.v, rn, t.n);
    }
    while (opened--) {
        g->indent--;
        line(g, "}");
    }
    return res;
}

/* Lists at least this long are searched as a sorted array (sl_in_*). */
enum { CG_IN_SET_MIN = 8 };

/* Sort orders of constant IN items (qsort comparators). */
static int cg_cmp_i64(const void *a, const void *b)
{
    int64_t x = (*(const BExpr *const *)a)->u.lit.i, y = (*(const BExpr *const *)b)->u.lit.i;
    return (x > y) - (x < y);
}

static int cg_cmp_f64(const void *a, const void *b)
{
    double x = (*(const BExpr *const *)a)->u.lit.d, y = (*(const BExpr *const *)b)->u.lit.d;
    return (x > y) - (x < y);
}

static int cg_cmp_str(const void *a, const void *b)
{
    const Literal *x = &(*(const BExpr *const *)a)->u.lit, *y = &(*(const BExpr *const *)b)->u.lit;
    size_t n = (size_t)(x->slen < y->slen ? x->slen : y->slen);
    int c = n ? memcmp(x->s, y->s, n) : 0;
    if (c) return c;
    return (x->slen > y->slen) - (x->slen < y->slen);
}

static bool cg_in_set_kind(TypeKind k)
{
    return int_kind(k) || k == TY_TIMESTAMP || k == TY_INTERVAL || k == TY_DOUBLE ||
           k == TY_VARCHAR;
}

/* Emits a static sorted, deduplicated array of the non-NULL constant items
 * in[0..n) (all of kind k) and returns the C test of x against it. */
static const char *cg_in_set(Cg *g, TypeKind k, const char *x, const BExpr **in, int n)
{
    bool str = k == TY_VARCHAR, dbl = k == TY_DOUBLE;
    qsort(in, (size_t)n, sizeof *in, str ? cg_cmp_str : dbl ? cg_cmp_f64 : cg_cmp_i64);
    const char *arr = new_tmp(g);
    line(g, "static const %s %ss[] = {", str ? "sl_str" : dbl ? "double" : "int64_t", arr);
    g->indent++;
    int m = 0;
    char *row = arena_strdup(g->a, "");
    for (int i = 0; i < n; i++) {
        if (i > 0 && (str ? cg_cmp_str : dbl ? cg_cmp_f64 : cg_cmp_i64)(&in[i - 1], &in[i]) == 0)
            continue;
        const Literal *l = &in[i]->u.lit;
        const char *v =
            str   ? fmt(g, "{%s, %lld}", exact_str(g, l->s, (size_t)l->slen), (long long)l->slen)
            : dbl ? f64_lit(g, l->d)
                  : i64_lit(g, l->i);
        row = arena_printf(g->a, "%s%s%s,", row, *row ? " " : "", v);
        if (++m % 8 == 0) {
            line(g, "%s", row);
            row = arena_strdup(g->a, "");
        }
    }
    if (*row) line(g, "%s", row);
    g->indent--;
    line(g, "};");
    return fmt(g, "sl_in_%s(%s, %ss, %d)",
               str   ? "str"
               : dbl ? "f64"
                     : "i64",
               dbl || str ? x : fmt(g, "(int64_t)%s", x), arr, m);
}

static Val cg_in(Cg *g, const BExpr *e)
{
    Val x = cg_expr(g, e->args[0]);
    TypeKind k = e->args[0]->type.kind;
    Val res = decl_tmp(g, TY_BOOLEAN, "false", "0");
    const char *rn = fmt(g, "%sn", res.v);
    line(g, "SL_TMP bool %s = %s;", rn, x.n);
    res.n = rn;
    line(g, "if (!%s) {", rn);
    g->indent++;
    const char *any_null = new_tmp(g);
    /* constant items: NULLs decide any_null at compile time, the others go
     * into a sorted array when there are many (NaN never matches '=') */
    const BExpr **consts = arena_alloc(g->a, sizeof(BExpr *) * (size_t)e->n_args);
    int n_consts = 0;
    bool const_null = false;
    for (int i = 1; i < e->n_args; i++) {
        const BExpr *it = e->args[i];
        if (it->kind != BX_LIT) continue;
        if (it->u.lit.is_null)
            const_null = true;
        else if (!(k == TY_DOUBLE && isnan(it->u.lit.d)))
            consts[n_consts++] = it;
    }
    bool use_set = cg_in_set_kind(k) && n_consts >= CG_IN_SET_MIN;
    line(g, "bool %s = %s;", any_null, use_set && const_null ? "true" : "false");
    if (use_set) line(g, "%s = %s;", res.v, cg_in_set(g, k, x.v, consts, n_consts));
    for (int i = 1; i < e->n_args; i++) {
        if (use_set && e->args[i]->kind == BX_LIT) continue;
        line(g, "if (!%s) {", res.v);
        g->indent++;
        Val it = cg_expr(g, e->args[i]);
        if (is_const0(it.n))
            line(g, "if (%s) %s = true;", cmp_expr(g, k, BOP_EQ, x.v, it.v), res.v);
        else
            line(g, "if (%s) %s = true; else if (%s) %s = true;", it.n, any_null,
                 cmp_expr(g, k, BOP_EQ, x.v, it.v), res.v);
        g->indent--;
        line(g, "}");
    }
    /* x IN (...) is NULL when nothing matched and some item was NULL */
    line(g, "if (!%s && %s) %s = 1;", res.v, any_null, rn);
    g->indent--;
    line(g, "}");
    if (e->u.negated) line(g, "%s = !%s;", res.v, res.v);
    return res;
}

static bool has_wild(const char *s, int64_t n)
{
    for (int64_t i = 0; i < n; i++)
        if (s[i] == '%' || s[i] == '_') return true;
    return false;
}

static Val cg_like(Cg *g, const BExpr *e)
{
    Val s = cg_expr(g, e->args[0]);
    const BExpr *pe = e->args[1];
    const char *test = NULL;
    const char *n = s.n;
    if (pe->kind == BX_LIT && !pe->u.lit.is_null && e->n_args == 2) {
        /* specialise the common shapes 'abc', 'abc%', '%abc', '%abc%' */
        const char *p = pe->u.lit.s;
        int64_t len = pe->u.lit.slen;
        bool lead = len > 0 && p[0] == '%';
        bool trail = len > (lead ? 1 : 0) && p[len - 1] == '%';
        const char *core = p + (lead ? 1 : 0);
        int64_t core_n = len - (lead ? 1 : 0) - (trail ? 1 : 0);
        if (core_n >= 0 && !has_wild(core, core_n)) {
            const char *lit = exact_str(g, core, (size_t)core_n);
            if (!lead && !trail)
                test = fmt(g, "sl_str_eq(%s, ((sl_str){%s, %lld}))", s.v, lit, (long long)core_n);
            else if (!lead)
                test = fmt(g, "sl_starts_with(%s, %s, %lld)", s.v, lit, (long long)core_n);
            else if (!trail)
                test = fmt(g, "sl_ends_with(%s, %s, %lld)", s.v, lit, (long long)core_n);
            else
                test = fmt(g, "sl_contains(%s, %s, %lld)", s.v, lit, (long long)core_n);
        }
    }
    if (!test) {
        Val p = cg_expr(g, e->args[1]);
        n = or_null(g, n, p.n);
        const char *esc = "-1";
        if (e->n_args == 3) esc = cesc_char(g->a, (unsigned char)e->args[2]->u.lit.s[0]);
        test = fmt(g, "sl_like(%s, %s, %s)", s.v, p.v, esc);
    }
    Val t = decl_tmp(g, TY_BOOLEAN, NULL, n);
    line(g, "if (!%s) %s = %s%s;", t.n, t.v, e->u.negated ? "!" : "", test);
    return t;
}

void cg_int_range(TypeKind k, const char **lo, const char **hi)
{
    switch (k) {
    case TY_TINYINT:
        *lo = "-128";
        *hi = "127";
        break;
    case TY_SMALLINT:
        *lo = "-32768";
        *hi = "32767";
        break;
    case TY_INT:
        *lo = "INT32_MIN";
        *hi = "INT32_MAX";
        break;
    default:
        *lo = "INT64_MIN";
        *hi = "INT64_MAX";
        break;
    }
}

static Val cg_cast(Cg *g, const BExpr *e)
{
    Val x = cg_expr(g, e->args[0]);
    TypeKind from = e->args[0]->type.kind, to = e->type.kind;
    const char *lo, *hi;
    if (from == to) return x;
    if (to == TY_VARCHAR) {
        Val t = decl_tmp(g, TY_VARCHAR, NULL, x.n);
        const char *conv;
        if (int_kind(from))
            conv = fmt(g, "sl_i64_to_str(sl_scratch(ctx), %s)", x.v);
        else if (from == TY_DOUBLE)
            conv = fmt(g, "sl_f64_to_str(sl_scratch(ctx), %s)", x.v);
        else if (from == TY_BOOLEAN)
            conv = fmt(g, "sl_bool_to_str(%s)", x.v);
        else
            conv = fmt(g, "sl_ts_to_str(sl_scratch(ctx), %s)", x.v);
        line(g, "if (!%s) %s = %s;", t.n, t.v, conv);
        return t;
    }
    if (from == TY_VARCHAR) {
        Val t = decl_tmp(g, to, NULL, "1");
        line(g, "if (!%s) {", x.n);
        g->indent++;
        if (int_kind(to)) {
            cg_int_range(to, &lo, &hi);
            line(g, "int64_t v_ = 0; %s = !sl_str_to_i64(%s, %s, %s, &v_); %s = (%s)v_;", t.n, x.v,
                 lo, hi, t.v, ctype(to));
        } else if (to == TY_DOUBLE) {
            line(g, "%s = !sl_str_to_f64(%s, &%s);", t.n, x.v, t.v);
        } else if (to == TY_BOOLEAN) {
            line(g, "%s = !sl_str_to_bool(%s, &%s);", t.n, x.v, t.v);
        } else {
            line(g, "%s = !sl_ts_parse(%s.p, %s.n, &%s);", t.n, x.v, x.v, t.v);
        }
        g->indent--;
        line(g, "}");
        return t;
    }
    /* numeric to numeric: Java's primitive casts, as Flink's (a narrowing
     * integer cast keeps the low bits; sl_f64_to_int) */
    if (int_kind(from) && int_kind(to)) {
        /* TINYINT and SMALLINT are held in an int32_t */
        const char *bits = to == TY_TINYINT    ? "(int8_t)(uint8_t)"
                           : to == TY_SMALLINT ? "(int16_t)(uint16_t)"
                           : to == TY_INT      ? "(int32_t)(uint32_t)"
                                               : "";
        return (Val){fmt(g, "((%s)%s%s)", ctype(to), bits, x.v), x.n};
    }
    if (int_kind(from) && to == TY_DOUBLE) return (Val){fmt(g, "((double)%s)", x.v), x.n};
    if (from == TY_DOUBLE && int_kind(to)) {
        int bits = to == TY_TINYINT ? 8 : to == TY_SMALLINT ? 16 : to == TY_INT ? 32 : 64;
        return (Val){fmt(g, "((%s)sl_f64_to_int(%s, %d))", ctype(to), x.v, bits), x.n};
    }
    if (to == TY_BOOLEAN) return (Val){fmt(g, "(%s != 0)", x.v), x.n};
    if (from == TY_BOOLEAN) return (Val){fmt(g, "((%s)(%s ? 1 : 0))", ctype(to), x.v), x.n};
    /* TIMESTAMP <-> BIGINT/INT (epoch milliseconds) */
    return (Val){fmt(g, "((%s)%s)", ctype(to), x.v), x.n};
}

static Val cg_func(Cg *g, const BExpr *e)
{
    int n = e->n_args;
    TypeKind k = e->type.kind;
    if (e->u.fn == FN_IS_DISTINCT) {
        /* never NULL: two NULLs are not distinct, NULL and a value are */
        Val l = cg_expr(g, e->args[0]);
        Val r = cg_expr(g, e->args[1]);
        TypeKind ak = e->args[0]->type.kind;
        const char *eq = key_eq(g, ak, l.v, r.v);
        Val t = decl_tmp(g, TY_BOOLEAN, NULL, "0");
        line(g, "%s = (%s != %s) || (!%s && !(%s));", t.v, l.n, r.n, l.n, eq);
        return t;
    }
    if (e->u.fn == FN_NOT_NULL) {
        /* a NULL written into a NOT NULL column ends the run (Flink's
         * table.exec.sink.not-null-enforcer default, ERROR) */
        Val x = cg_expr(g, e->args[0]);
        Val t = decl_tmp(g, TY_BOOLEAN, fmt(g, "!%s", x.n), "0");
        line(g, "if (!%s) sl_not_null_violation(ctx, %s, %s);", t.v,
             exact_str(g, e->args[1]->u.lit.s, (size_t)e->args[1]->u.lit.slen),
             exact_str(g, e->args[2]->u.lit.s, (size_t)e->args[2]->u.lit.slen));
        return t;
    }
    if (e->u.fn == FN_COALESCE) {
        Val res = decl_tmp(g, k, NULL, "0");
        const char *rn = fmt(g, "%sn", res.v);
        line(g, "SL_TMP bool %s = 1;", rn);
        res.n = rn;
        for (int i = 0; i < n; i++) {
            line(g, "if (%s) {", rn);
            g->indent++;
            Val a = cg_expr(g, e->args[i]);
            line(g, "if (!%s) { %s = %s; %s = 0; }", a.n, res.v, a.v, rn);
            g->indent--;
            line(g, "}");
        }
        return res;
    }
    Val a[64];
    const char *nn = "0";
    for (int i = 0; i < n && i < 64; i++) {
        a[i] = cg_expr(g, e->args[i]);
        nn = or_null(g, nn, a[i].n);
    }
    const char *expr = NULL;
    switch (e->u.fn) {
    case FN_UPPER:
        expr = fmt(g, "sl_upper(sl_scratch(ctx), %s)", a[0].v);
        break;
    case FN_LOWER:
        expr = fmt(g, "sl_lower(sl_scratch(ctx), %s)", a[0].v);
        break;
    case FN_TRIM:
    case FN_LTRIM:
    case FN_RTRIM: {
        int which = e->u.fn == FN_TRIM ? 3 : e->u.fn == FN_LTRIM ? 1 : 2;
        expr =
            fmt(g, "sl_trim(%s, %s, %d)", a[0].v, n > 1 ? a[1].v : "((sl_str){\" \", 1})", which);
        break;
    }
    case FN_SUBSTRING:
        if (n > 2) {
            /* Flink: SUBSTRING with a negative length is NULL (bind.c marks
             * the call nullable). (Fix: gave ''.) */
            Val t = decl_tmp(g, k, NULL, "1");
            line(g, "if (!%s && %s >= 0) { %s = sl_substring(%s, %s, %s, true); %s = 0; }", nn,
                 a[2].v, t.v, a[0].v, a[1].v, a[2].v, t.n);
            return t;
        }
        expr = fmt(g, "sl_substring(%s, %s, 0, false)", a[0].v, a[1].v);
        break;
    case FN_CHAR_LENGTH:
        expr = fmt(g, "sl_char_length(%s)", a[0].v);
        break;
    case FN_CONCAT: {
        const char *arr = new_tmp(g);
        char *list = arena_strdup(g->a, "");
        for (int i = 0; i < n; i++)
            list = arena_printf(g->a, "%s%s%s", list, i ? ", " : "", a[i].v);
        line(g, "SL_TMP sl_str %s[%d] = {%s};", arr, n, list);
        expr = fmt(g, "sl_concat(sl_scratch(ctx), %s, %d)", arr, n);
        break;
    }
    case FN_ABS:
        if (k == TY_DOUBLE)
            expr = fmt(g, "fabs(%s)", a[0].v);
        else
            expr = fmt(g, "(%s < 0 ? %s(0, %s) : %s)", a[0].v, is32(k) ? "sl_sub32" : "sl_sub64",
                       a[0].v, a[0].v);
        break;
    case FN_ROUND:
        if (k == TY_DOUBLE)
            expr = fmt(g, "sl_round_f64(%s, %s)", a[0].v, n > 1 ? a[1].v : "0");
        else
            expr = fmt(g, "((%s)sl_round_i64(%s, %s))", ctype(k), a[0].v, n > 1 ? a[1].v : "0");
        break;
    case FN_FLOOR:
        expr = k == TY_DOUBLE ? fmt(g, "floor(%s)", a[0].v) : a[0].v;
        break;
    case FN_CEIL:
        expr = k == TY_DOUBLE ? fmt(g, "ceil(%s)", a[0].v) : a[0].v;
        break;
    case FN_MOD: {
        Val t = decl_tmp(g, k, NULL, "1");
        line(g, "if (!%s) %s = !%s(%s, %s, &%s);", nn, t.n, is32(k) ? "sl_mod32" : "sl_mod64",
             a[0].v, a[1].v, t.v);
        return t;
    }
    case FN_COALESCE:
    case FN_IS_DISTINCT:
    case FN_NOT_NULL:
        break;
    }
    Val t = decl_tmp(g, k, NULL, nn);
    line(g, "if (!%s) %s = %s;", t.n, t.v, expr);
    return t;
}

Val cg_expr(Cg *g, const BExpr *e)
{
    switch (e->kind) {
    case BX_LIT:
        return cg_lit(g, e);
    case BX_COL: {
        Val c = cg_col(g, e->u.index);
        /* a column typed nullable here but NOT NULL in the row (a view
         * over it) has no flag: the literal 0 is right */
        return c;
    }
    case BX_UNARY: {
        Val x = cg_expr(g, e->args[0]);
        if (e->u.op == UOP_NOT) return (Val){fmt(g, "(!%s)", x.v), x.n};
        TypeKind k = e->type.kind;
        if (k == TY_DOUBLE) return (Val){fmt(g, "(-%s)", x.v), x.n};
        return (Val){fmt(g, "%s(0, %s)", is32(k) ? "sl_sub32" : "sl_sub64", x.v), x.n};
    }
    case BX_BINARY:
        return cg_binary(g, e);
    case BX_IS_NULL: {
        Val x = cg_expr(g, e->args[0]);
        if (is_const0(x.n)) return (Val){e->u.negated ? "true" : "false", "0"};
        return (Val){fmt(g, "(%s%s)", e->u.negated ? "!" : "", x.n), "0"};
    }
    case BX_IN:
        return cg_in(g, e);
    case BX_LIKE:
        return cg_like(g, e);
    case BX_CASE:
        return cg_case(g, e);
    case BX_CAST:
        return cg_cast(g, e);
    case BX_FUNC:
        return cg_func(g, e);
    }
    return (Val){"0", "1"};
}

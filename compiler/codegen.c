/* codegen.c - emits one C translation unit for a planned program.
 *
 * The generated file (see `sluice emit-c`) contains, per source, a row struct
 * holding only the columns the program reads and a decoder specialised to
 * them (unread fields are skipped without decoding); per query, the filter,
 * window assignment, group-key hashing and aggregate-state update inlined
 * into one function, and a fire function that emits every window the
 * watermark has completed; and the sl_program descriptor that the runtime's
 * sl_main drives. Expressions compile to straight-line C over temporaries
 * `tN` (value) and `tNn` (NULL flag), with SQL three-valued logic; a NULL
 * flag known to be false at compile time is the literal 0, so NOT NULL data
 * pays nothing for NULL handling.
 *
 * The output compiles without warnings under -Wall -Wextra (tests check it). */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codegen.h"

#include "cesc.h"

typedef enum Mode { MODE_ROW, MODE_AGG } Mode;

typedef struct Val {
    const char *v; /* C expression of the value */
    const char *n; /* C expression of the NULL flag ("0" when never NULL) */
} Val;

/* A run of output columns of a wide row: a table for sl_put_fields, or a
 * function of specialised code. */
typedef struct PutSeg {
    bool table;
    int from, to; /* output columns [from, to) */
} PutSeg;

typedef struct Cg {
    FILE *o;
    Arena *a;
    const Plan *p;
    int wide_columns;    /* sources with this many columns use the table decoder */
    const char **sref;   /* the current query's aggregate slots as C lvalues ("e->s3") */
    const char **setref; /* MIN/MAX slots: their "has a value" flags */
    /* a wide query's row code (cg_wide_puts, cg_wide_updates) */
    struct PutSeg *segs; /* output segments, in output order */
    int n_segs;
    int n_agg_table; /* slots updated by sl_agg_update */
    int n_acc;       /* functions updating the other slots */
    int tmp;
    int indent;
    Mode mode;
    const Query *q;
    const Table *t;
} Cg;

/* ---- emission helpers --------------------------------------------------------- */

static void line(Cg *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void line(Cg *g, const char *fmt, ...)
{
    for (int i = 0; i < g->indent; i++) fputs("    ", g->o);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(g->o, fmt, ap);
    va_end(ap);
    fputc('\n', g->o);
}

static void blank(Cg *g)
{
    fputc('\n', g->o);
}

static const char *fmt(Cg *g, const char *f, ...) __attribute__((format(printf, 2, 3)));
static const char *fmt(Cg *g, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    char *s = arena_vprintf(g->a, f, ap);
    va_end(ap);
    return s;
}

static const char *new_tmp(Cg *g)
{
    return fmt(g, "t%d", g->tmp++);
}

static bool is_const0(const char *n)
{
    return strcmp(n, "0") == 0;
}

/* "(a) || (b)" with constant folding of "0". */
static const char *or_null(Cg *g, const char *a, const char *b)
{
    if (is_const0(a)) return b;
    if (is_const0(b)) return a;
    return fmt(g, "(%s || %s)", a, b);
}

static const char *ctype(TypeKind k)
{
    switch (k) {
    case TY_BOOLEAN:
        return "bool";
    case TY_TINYINT:
    case TY_SMALLINT:
    case TY_INT:
        return "int32_t";
    case TY_BIGINT:
    case TY_TIMESTAMP:
    case TY_INTERVAL:
        return "int64_t";
    case TY_DOUBLE:
    case TY_FLOAT:
        return "double";
    case TY_VARCHAR:
        return "sl_str";
    default:
        return "int32_t";
    }
}

static const char *zero(TypeKind k)
{
    switch (k) {
    case TY_VARCHAR:
        return "((sl_str){NULL, 0})";
    case TY_DOUBLE:
    case TY_FLOAT:
        return "0.0";
    default:
        return "0";
    }
}

static bool is32(TypeKind k)
{
    return k == TY_TINYINT || k == TY_SMALLINT || k == TY_INT;
}

/* SQL text in C: every name, literal, path or option value goes through
 * one of these (cesc.h), so no SQL text can become C code. cstr and ccom
 * take the compiler's internal text form (ast.h), exact_str exact bytes. */
static const char *cstr(Cg *g, const char *text)
{
    return cesc_string(g->a, text, strlen(text));
}

static const char *exact_str(Cg *g, const char *s, size_t n)
{
    return cesc_string(g->a, s, n);
}

static const char *ccom(Cg *g, const char *text)
{
    return cesc_comment(g->a, text, strlen(text));
}

/* The JSON text `{"name":` (first column) or `,"name":` as a C string
 * literal: the name's exact bytes escaped for JSON, then for C. */
static const char *json_key_lit(Cg *g, const char *name, bool first)
{
    size_t n, jn;
    const char *bytes = ast_text_bytes(g->a, name, &n);
    const char *json = cesc_json_quote(g->a, bytes, n, &jn);
    char *tok = arena_alloc(g->a, jn + 3);
    tok[0] = first ? '{' : ',';
    memcpy(tok + 1, json, jn);
    tok[jn + 1] = ':';
    return exact_str(g, tok, jn + 2);
}

static const char *i64_lit(Cg *g, int64_t v)
{
    if (v == INT64_MIN) return "INT64_MIN";
    return fmt(g, "INT64_C(%lld)", (long long)v);
}

static const char *f64_lit(Cg *g, double d)
{
    if (isnan(d)) return "NAN";
    if (isinf(d)) return d > 0 ? "HUGE_VAL" : "(-HUGE_VAL)";
    char buf[64];
    snprintf(buf, sizeof buf, "%.17g", d);
    if (!strpbrk(buf, ".eE")) strcat(buf, ".0");
    return fmt(g, "%s", buf);
}

/* ---- expressions ------------------------------------------------------------------- */

static Val cg_expr(Cg *g, const BExpr *e);

/* Declares `T tK = init; bool tKn = n;` and returns the names. */
static Val decl_tmp(Cg *g, TypeKind k, const char *init, const char *n)
{
    const char *t = new_tmp(g);
    line(g, "SL_TMP %s %s = %s;", ctype(k), t, init ? init : zero(k));
    const char *tn = "0";
    if (!is_const0(n)) {
        tn = fmt(g, "%sn", t);
        line(g, "SL_TMP bool %s = %s;", tn, n);
    }
    return (Val){t, tn};
}

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

static bool int_kind(TypeKind k)
{
    return k == TY_TINYINT || k == TY_SMALLINT || k == TY_INT || k == TY_BIGINT;
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

static void int_range(TypeKind k, const char **lo, const char **hi)
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
            int_range(to, &lo, &hi);
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
    if (int_kind(from) && int_kind(to)) {
        int_range(to, &lo, &hi);
        if (to == TY_BIGINT || (is32(from) && to == TY_INT) || from == TY_TINYINT ||
            (from == TY_SMALLINT && to != TY_TINYINT))
            return (Val){fmt(g, "((%s)%s)", ctype(to), x.v), x.n};
        Val t = decl_tmp(g, to, NULL, "1");
        line(g, "if (!%s && %s >= %s && %s <= %s) { %s = (%s)%s; %s = 0; }", x.n, x.v, lo, x.v, hi,
             t.v, ctype(to), x.v, t.n);
        return t;
    }
    if (int_kind(from) && to == TY_DOUBLE) return (Val){fmt(g, "((double)%s)", x.v), x.n};
    if (from == TY_DOUBLE && int_kind(to)) {
        int_range(to, &lo, &hi);
        Val t = decl_tmp(g, to, NULL, "1");
        line(g, "if (!%s) { int64_t v_ = 0; %s = !sl_f64_to_i64(%s, %s, %s, &v_); %s = (%s)v_; }",
             x.n, t.n, x.v, lo, hi, t.v, ctype(to));
        return t;
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
        break;
    }
    Val t = decl_tmp(g, k, NULL, nn);
    line(g, "if (!%s) %s = %s;", t.n, t.v, expr);
    return t;
}

static Val cg_agg_ref(Cg *g, const BExpr *e)
{
    const AggCall *c = &g->q->aggs[e->u.index];
    switch (c->kind) {
    case AGG_COUNT_STAR:
    case AGG_COUNT:
        return (Val){g->sref[c->slot], "0"};
    case AGG_SUM:
        if (is32(c->type.kind))
            return (Val){fmt(g, "((int32_t)%s)", g->sref[c->slot]),
                         fmt(g, "(%s == 0)", g->sref[c->count_slot])};
        return (Val){g->sref[c->slot], fmt(g, "(%s == 0)", g->sref[c->count_slot])};
    case AGG_AVG: {
        Val t = decl_tmp(g, c->type.kind, NULL, fmt(g, "(%s == 0)", g->sref[c->count_slot]));
        /* Flink: AVG of an integer type is the truncated integer quotient of
         * a 64-bit sum and count. */
        if (c->type.kind == TY_DOUBLE)
            line(g, "if (!%s) %s = %s / (double)%s;", t.n, t.v, g->sref[c->slot],
                 g->sref[c->count_slot]);
        else
            line(g, "if (!%s) %s = (%s)(%s / %s);", t.n, t.v, ctype(c->type.kind), g->sref[c->slot],
                 g->sref[c->count_slot]);
        return t;
    }
    case AGG_MIN:
    case AGG_MAX:
        return (Val){g->sref[c->slot], fmt(g, "(!%s)", g->setref[c->slot])};
    }
    return (Val){"0", "1"};
}

static Val cg_expr(Cg *g, const BExpr *e)
{
    switch (e->kind) {
    case BX_LIT:
        return cg_lit(g, e);
    case BX_COL:
        return (Val){fmt(g, "r->c%d", e->u.index),
                     g->t->cols[e->u.index].type.nullable ? fmt(g, "r->n%d", e->u.index) : "0"};
    case BX_WSTART:
        return (Val){g->mode == MODE_AGG ? "w->start" : "ws", "0"};
    case BX_WEND:
        return (Val){g->mode == MODE_AGG ? "w->end" : "we", "0"};
    case BX_WTIME:
        return (Val){g->mode == MODE_AGG ? "(w->end - 1)" : "(we - 1)", "0"};
    case BX_KEY:
        return (Val){fmt(g, "e->k%d", e->u.index),
                     g->q->keys[e->u.index]->type.nullable ? fmt(g, "e->kn%d", e->u.index) : "0"};
    case BX_AGG:
        return cg_agg_ref(g, e);
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

/* ---- JSON encoding of an output row -------------------------------------------------- */

static void cg_put_value(Cg *g, TypeKind k, Val v)
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

/* Output columns per function of a wide row (cg_wide_puts). */
enum { CG_PUT_CHUNK = 128 };

/* The parameters of q's row-encoding chunks: what output expressions read
 * in the query's context (the source row and window bounds, or the group
 * entry and its window). */
static const char *cg_put_params(Cg *g, const Query *q)
{
    if (q->has_agg) return fmt(g, "sl_ctx *ctx, const q%d_entry *e, const sl_window *w", q->index);
    return fmt(g, "sl_ctx *ctx, const src%d_row *r%s", q->source->source_index,
               q->window == WIN_TUMBLE ? ", int64_t ws, int64_t we" : "");
}

static const char *cg_put_args(const Query *q)
{
    return q->has_agg ? "ctx, e, w" : q->window == WIN_TUMBLE ? "ctx, r, ws, we" : "ctx, r";
}

/* The sl_buf_field_* function for values of kind k. */
static const char *cg_field_fn(TypeKind k)
{
    return k == TY_BOOLEAN                   ? "sl_buf_field_bool"
           : k == TY_DOUBLE || k == TY_FLOAT ? "sl_buf_field_f64"
           : k == TY_VARCHAR                 ? "sl_buf_field_str"
           : k == TY_TIMESTAMP               ? "sl_buf_field_ts"
                                             : "sl_buf_field_i64";
}

/* The C type of slot i's value. */
static const char *slot_ctype(const AggSlot *s)
{
    switch (s->kind) {
    case SLOT_COUNT_STAR:
    case SLOT_COUNT:
        return "int64_t";
    case SLOT_SUM:
        return is32(s->type.kind) || s->type.kind == TY_BIGINT ? "int64_t" : ctype(s->type.kind);
    default:
        return ctype(s->type.kind);
    }
}

static const char *slot_what(const AggSlot *s)
{
    static const char *const what[] = {"COUNT(*)", "COUNT", "SUM", "MIN", "MAX"};
    return what[s->kind];
}

/* The storage class (sl_wide.h) of a C type name. */
static const char *store_of(const char *ctype_name)
{
    return strcmp(ctype_name, "int32_t") == 0   ? "SL_ST_I32"
           : strcmp(ctype_name, "int64_t") == 0 ? "SL_ST_I64"
           : strcmp(ctype_name, "double") == 0  ? "SL_ST_F64"
           : strcmp(ctype_name, "bool") == 0    ? "SL_ST_BOOL"
                                                : "SL_ST_STR";
}

/* "offsetof(T, member)" of an lvalue "e->member" / "r->member". */
static const char *offset_of(Cg *g, const char *type, const char *lvalue)
{
    assert(strncmp(lvalue, "e->", 3) == 0 || strncmp(lvalue, "r->", 3) == 0);
    return fmt(g, "offsetof(%s, %s)", type, lvalue + 3);
}

/* The sl_fielddesc initializer of output i of a wide row when it is a plain
 * data move (a source column, or COUNT/SUM/MIN/MAX of a group), else NULL:
 * then it keeps specialised code. */
static const char *put_field(Cg *g, const Query *q, int i)
{
    const OutCol *o = &q->out[i];
    const BExpr *x = o->expr;
    const char *key = json_key_lit(g, o->name, i == 0);
    bool ts = o->type.kind == TY_TIMESTAMP;
    if (!q->has_agg && x->kind == BX_COL) {
        const Column *c = &q->source->cols[x->u.index];
        const char *row = fmt(g, "src%d_row", q->source->source_index);
        return fmt(g, "{%s, sizeof %s - 1, %s, %s, %s, false, %s, %s}", key, key,
                   store_of(ctype(c->type.kind)),
                   c->type.nullable ? "SL_NULL_FLAG" : "SL_NULL_NEVER", ts ? "true" : "false",
                   offset_of(g, row, fmt(g, "r->c%d", x->u.index)),
                   c->type.nullable ? offset_of(g, row, fmt(g, "r->n%d", x->u.index)) : "0");
    }
    if (!q->has_agg || x->kind != BX_AGG) return NULL;
    const AggCall *c = &q->aggs[x->u.index];
    const char *entry = fmt(g, "q%d_entry", q->index);
    const char *val = offset_of(g, entry, g->sref[c->slot]);
    const char *store = store_of(slot_ctype(&q->slots[c->slot]));
    switch (c->kind) {
    case AGG_COUNT_STAR:
    case AGG_COUNT:
        return fmt(g, "{%s, sizeof %s - 1, SL_ST_I64, SL_NULL_NEVER, false, false, %s, 0}", key,
                   key, val);
    case AGG_SUM:
        return fmt(g, "{%s, sizeof %s - 1, %s, SL_NULL_ZERO, false, %s, %s, %s}", key, key, store,
                   is32(c->type.kind) ? "true" : "false", val,
                   offset_of(g, entry, g->sref[c->count_slot]));
    case AGG_MIN:
    case AGG_MAX:
        return fmt(g, "{%s, sizeof %s - 1, %s, SL_NULL_UNSET, %s, false, %s, %s}", key, key, store,
                   ts ? "true" : "false", val, offset_of(g, entry, g->setref[c->slot]));
    default:
        return NULL; /* AVG divides */
    }
}

/* A row with many output columns: runs of plain data moves become tables
 * for sl_put_fields (one line per column), the rest functions of at most
 * CG_PUT_CHUNK columns of specialised code, one out-of-line call per column
 * (sl_buf_field_*): a C compiler's time grows faster than the code it
 * compiles. Emitted before the query's row and fire functions; cg_emit_row
 * calls the segments in order. */
static void cg_wide_puts(Cg *g, const Query *q)
{
    g->n_segs = 0;
    if (q->n_out < g->wide_columns) return;
    g->segs = arena_alloc(g->a, sizeof(PutSeg) * (size_t)(q->n_out + 1));
    const char **fields = arena_alloc(g->a, sizeof(char *) * (size_t)(q->n_out + 1));
    for (int i = 0; i < q->n_out; i++) {
        fields[i] = put_field(g, q, i);
        PutSeg *last = g->n_segs ? &g->segs[g->n_segs - 1] : NULL;
        bool table = fields[i] != NULL;
        if (last && last->table == table && (table || last->to - last->from < CG_PUT_CHUNK))
            last->to++;
        else
            g->segs[g->n_segs++] = (PutSeg){table, i, i + 1};
    }
    g->mode = q->has_agg ? MODE_AGG : MODE_ROW;
    g->q = q;
    g->t = q->source;
    for (int k = 0; k < g->n_segs; k++) {
        const PutSeg *sg = &g->segs[k];
        if (sg->table) {
            line(g, "static const sl_fielddesc q%d_fields%d[] = {", q->index, k);
            for (int i = sg->from; i < sg->to; i++) line(g, "    %s,", fields[i]);
            line(g, "};");
            blank(g);
            continue;
        }
        g->tmp = 0;
        /* noinline: a function called once is inlined, recreating the
         * one huge function this avoids */
        line(g, "__attribute__((noinline)) static void q%d_put%d(%s, sl_buf *b)", q->index, k,
             cg_put_params(g, q));
        line(g, "{");
        g->indent++;
        line(g, "%s",
             q->has_agg                ? "(void)ctx; (void)e; (void)w;"
             : q->window == WIN_TUMBLE ? "(void)ctx; (void)r; (void)ws; (void)we;"
                                       : "(void)ctx; (void)r;");
        for (int i = sg->from; i < sg->to; i++) {
            Val v = cg_expr(g, q->out[i].expr);
            const char *key = json_key_lit(g, q->out[i].name, i == 0);
            line(g, "%s(b, %s, sizeof %s - 1, %s, %s);", cg_field_fn(q->out[i].type.kind), key, key,
                 v.v, v.n);
        }
        g->indent--;
        line(g, "}");
        blank(g);
    }
}

/* Evaluates the outputs (current mode), then writes one JSON object. */
static void cg_emit_row(Cg *g, const Query *q)
{
    bool wide = q->n_out >= g->wide_columns;
    Val *vals = arena_alloc(g->a, sizeof(Val) * (size_t)(q->n_out + 1));
    for (int i = 0; i < q->n_out && !wide; i++) vals[i] = cg_expr(g, q->out[i].expr);
    line(g, "{");
    g->indent++;
    line(g, "sl_buf *b = sl_sink_begin(ctx, %d);", q->sink->sink_index);
    for (int k = 0; wide && k < g->n_segs; k++) {
        const PutSeg *sg = &g->segs[k];
        if (sg->table)
            line(g, "sl_put_fields(b, q%d_fields%d, %d, %s);", q->index, k, sg->to - sg->from,
                 q->has_agg ? "e" : "r");
        else
            line(g, "q%d_put%d(%s, b);", q->index, k, cg_put_args(q));
    }
    for (int i = 0; i < q->n_out && !wide; i++) {
        line(g, "SL_BUF_LIT(b, %s);", json_key_lit(g, q->out[i].name, i == 0));
        cg_put_value(g, q->out[i].type.kind, vals[i]);
    }
    if (q->n_out == 0) line(g, "SL_BUF_LIT(b, \"{\");");
    line(g, "SL_BUF_LIT(b, \"}\");");
    line(g, "sl_sink_end(ctx, %d);", q->sink->sink_index);
    g->indent--;
    line(g, "}");
}

/* ---- sources: row struct and decoder --------------------------------------------------- */

static bool col_decoded(const Table *t, int c)
{
    return t->col_used[c] || !t->cols[c].type.nullable;
}

/* Emits the statements that decode the value at p into column d of the row
 * (or skip it when the program does not read the column), advancing p. */
static void cg_decode_value(Cg *g, const Table *t, int d)
{
    const Column *col = &t->cols[d];
    const char *name = cstr(g, col->name);
    if (!col_decoded(t, d)) {
        line(g, "if (!(p = sl_fast_skip(p, end))) { sl_set_error(ctx, \"invalid JSON value\"); "
                "return SL_MALFORMED; }");
        return;
    }
    line(g, "{");
    g->indent++;
    switch (col->type.kind) {
    case TY_TINYINT:
    case TY_SMALLINT:
    case TY_INT:
    case TY_BIGINT: {
        const char *lo, *hi;
        int_range(col->type.kind, &lo, &hi);
        line(g, "int64_t v;");
        line(g,
             "if (!(p = sl_dec_int(ctx, p, end, %s, \"%s\", %s, %s, &v, &r->n%d))) return "
             "SL_MALFORMED;",
             name, type_name(col->type.kind), lo, hi, d);
        line(g, "r->c%d = (%s)v;", d, ctype(col->type.kind));
        break;
    }
    case TY_DOUBLE:
    case TY_FLOAT:
        line(g, "if (!(p = sl_dec_f64(ctx, p, end, %s, &r->c%d, &r->n%d))) return SL_MALFORMED;",
             name, d, d);
        break;
    case TY_BOOLEAN:
        line(g, "if (!(p = sl_dec_bool(ctx, p, end, %s, &r->c%d, &r->n%d))) return SL_MALFORMED;",
             name, d, d);
        break;
    case TY_VARCHAR:
        line(g, "if (!(p = sl_dec_str(ctx, p, end, %s, &r->c%d, &r->n%d))) return SL_MALFORMED;",
             name, d, d);
        break;
    default:
        line(g,
             "if (!(p = sl_dec_ts(ctx, p, end, %s, &r->c%d, &r->n%d, &cache->t%d))) return "
             "SL_MALFORMED;",
             name, d, d, d);
        break;
    }
    g->indent--;
    line(g, "}");
}

/* A declared column's key as the decoder matches it: the exact bytes of
 * its name, and whether they appear unchanged in JSON text. */
typedef struct KeyName {
    const char *bytes;
    size_t n;
    bool plain; /* no '"', '\\' or control byte: matchable in place */
} KeyName;

static KeyName *key_names(Cg *g, const Table *t)
{
    KeyName *k = arena_alloc(g->a, sizeof(KeyName) * (size_t)(t->n_cols + 1));
    for (int c = 0; c < t->n_cols; c++) {
        k[c].bytes = ast_text_bytes(g->a, t->cols[c].name, &k[c].n);
        k[c].plain = k[c].n > 0 && !cesc_json_needs_escape(k[c].bytes, k[c].n);
    }
    return k;
}

/* The bytes `{"name":` (first) or `,"name":` as a C literal, or NULL when the
 * name needs JSON escaping (then no in-place match is possible). */
static const char *key_token(Cg *g, const KeyName *k, bool first, size_t *len)
{
    if (!k->plain) return NULL;
    char *tok = arena_alloc(g->a, k->n + 5);
    tok[0] = first ? '{' : ',';
    tok[1] = '"';
    memcpy(tok + 2, k->bytes, k->n);
    memcpy(tok + 2 + k->n, "\":", 2);
    *len = k->n + 4;
    return exact_str(g, tok, k->n + 4);
}

/* Column indices ordered by (key length, index), for the switch on the
 * length of a decoded key. */
typedef struct KeyLen {
    size_t n;
    int col;
} KeyLen;

static int keylen_cmp(const void *a, const void *b)
{
    const KeyLen *x = a, *y = b;
    if (x->n != y->n) return x->n < y->n ? -1 : 1;
    return x->col - y->col;
}

/* (key length, key bytes) order, the one sl_objdesc_find searches. */
static int keylen_bytes_cmp(const void *a, const void *b, void *names)
{
    const KeyLen *x = a, *y = b;
    const KeyName *kn = names;
    if (x->n != y->n) return x->n < y->n ? -1 : 1;
    int c = x->n ? memcmp(kn[x->col].bytes, kn[y->col].bytes, x->n) : 0;
    return c ? c : x->col - y->col;
}

/* The decoder of a wide source: a table of its columns for the template's
 * object loop (sl_decode_object in sl_decode.h), so that the code, and the
 * C compiler's time on it, grow linearly with the columns. */
static void cg_source_wide(Cg *g, const Table *t, const KeyName *kn)
{
    int si = t->source_index, n_ts = 0;
    line(g, "/* Decoder state kept across records: the last timestamp text per column. */");
    line(g, "typedef struct src%d_cache {", si);
    for (int c = 0; c < t->n_cols; c++)
        if (col_decoded(t, c) && t->cols[c].type.kind == TY_TIMESTAMP) n_ts++;
    line(g, "    sl_ts_cache t[%d];", n_ts + 1);
    line(g, "} src%d_cache;", si);
    blank(g);
    line(g, "/* The %d columns of source %d, in declared order. */", t->n_cols, si);
    line(g, "static const sl_coldesc src%d_cols[] = {", si);
    g->indent++;
    int ts = 0;
    for (int c = 0; c < t->n_cols; c++) {
        const Column *col = &t->cols[c];
        TypeKind k = col->type.kind;
        bool dec = col_decoded(t, c);
        const char *type = !dec                              ? "SL_COL_SKIP"
                           : int_kind(k)                     ? "SL_COL_INT"
                           : k == TY_DOUBLE || k == TY_FLOAT ? "SL_COL_F64"
                           : k == TY_BOOLEAN                 ? "SL_COL_BOOL"
                           : k == TY_VARCHAR                 ? "SL_COL_STR"
                                                             : "SL_COL_TS";
        const char *flags = fmt(g, "%s%s%s", kn[c].plain ? "SL_COL_PLAIN_KEY" : "0",
                                c == t->wm_col ? " | SL_COL_EVENT_TIME" : "",
                                !col->type.nullable ? " | SL_COL_NOT_NULL" : "");
        const char *lo = "0", *hi = "0";
        if (int_kind(k)) int_range(k, &lo, &hi);
        line(g, "{%s, %zu, %s, %d, %s, \"%s\", %s, %s, %s, %s, %s, %d},",
             exact_str(g, kn[c].bytes, kn[c].n), kn[c].n, type, is32(k) ? 4 : 8, flags,
             type_name(k), cstr(g, col->name), lo, hi,
             dec ? fmt(g, "offsetof(src%d_row, c%d)", si, c) : "0",
             dec ? fmt(g, "offsetof(src%d_row, n%d)", si, c) : "0",
             dec && k == TY_TIMESTAMP ? ts++ : -1);
    }
    g->indent--;
    line(g, "};");
    KeyLen *bylen = arena_alloc(g->a, sizeof(KeyLen) * (size_t)(t->n_cols + 1));
    for (int c = 0; c < t->n_cols; c++) bylen[c] = (KeyLen){kn[c].n, c};
    qsort_r(bylen, (size_t)t->n_cols, sizeof *bylen, keylen_bytes_cmp, (void *)kn);
    line(g, "/* Column indices by (key length, key bytes), for out-of-order keys. */");
    line(g, "static const uint32_t src%d_by_key[] = {", si);
    g->indent++;
    char *row = arena_strdup(g->a, "");
    for (int i = 0; i < t->n_cols; i++) {
        row = arena_printf(g->a, "%s%s%d,", row, *row ? " " : "", bylen[i].col);
        if ((i + 1) % 16 == 0 || i + 1 == t->n_cols) {
            line(g, "%s", row);
            row = arena_strdup(g->a, "");
        }
    }
    g->indent--;
    line(g, "};");
    line(g, "static const sl_objdesc src%d_obj = {src%d_cols, %d, src%d_by_key};", si, si,
         t->n_cols, si);
    blank(g);
    line(g, "static int src%d_decode(sl_ctx *ctx, const char *p, const char *end, src%d_row *r,",
         si, si);
    line(g, "                        src%d_cache *cache)", si);
    line(g, "{");
    line(g, "    return sl_decode_object(ctx, &src%d_obj, p, end, r, sizeof *r, cache->t);", si);
    line(g, "}");
    blank(g);
}

static void cg_source(Cg *g, const Table *t)
{
    int si = t->source_index;
    KeyName *kn = key_names(g, t);
    line(g, "/* ---- source %d: %s (%s) ---- */", si, ccom(g, t->name),
         t->connector == CONN_KAFKA ? "kafka" : "filesystem");
    line(g, "typedef struct src%d_row {", si);
    g->indent++;
    int used = 0;
    for (int c = 0; c < t->n_cols; c++) {
        if (!col_decoded(t, c)) continue;
        used++;
        line(g, "%s c%d; /* %s %s */", ctype(t->cols[c].type.kind), c, ccom(g, t->cols[c].name),
             type_name(t->cols[c].type.kind));
        line(g, "bool n%d;", c);
    }
    if (!used) line(g, "char unused_;");
    g->indent--;
    line(g, "} src%d_row;", si);
    blank(g);
    if (t->n_cols >= g->wide_columns) {
        cg_source_wide(g, t, kn);
        return;
    }
    line(g, "/* Decoder state kept across records: the last timestamp text per column. */");
    line(g, "typedef struct src%d_cache {", si);
    for (int c = 0; c < t->n_cols; c++)
        if (col_decoded(t, c) && t->cols[c].type.kind == TY_TIMESTAMP)
            line(g, "    sl_ts_cache t%d;", c);
    line(g, "    int unused_;");
    line(g, "} src%d_cache;", si);
    blank(g);
    line(g, "/* Decodes one JSON object; only the fields above are converted, the rest");
    line(g, " * are skipped. Missing fields are NULL; the last duplicate wins. */");
    line(g, "static int src%d_decode(sl_ctx *ctx, const char *p, const char *end, src%d_row *r,",
         si, si);
    line(g, "                        src%d_cache *cache)", si);
    line(g, "{");
    g->indent++;
    line(g, "(void)cache;");
    for (int c = 0; c < t->n_cols; c++)
        if (col_decoded(t, c))
            line(g, "r->n%d = true; r->c%d = %s;", c, c, zero(t->cols[c].type.kind));
    /* Fast path: fields in declared order without whitespace, the layout
     * most producers write. Each `,"name":` token is compared in place; at
     * the first mismatch the generic loop below takes over from exactly that
     * point, keeping what was decoded (a later duplicate still wins). */
    {
        size_t len;
        const char *tok = t->n_cols ? key_token(g, &kn[0], true, &len) : NULL;
        if (tok) {
            line(g, "if (end - p >= %zu && sl_bytes_eq(p, %s, %zu)) {", len, tok, len);
            g->indent++;
            line(g, "p = sl_json_ws(p + %zu, end);", len);
            for (int c = 0; c < t->n_cols; c++) {
                line(g, "/* %s */", ccom(g, t->cols[c].name));
                cg_decode_value(g, t, c);
                const char *next = c + 1 < t->n_cols ? key_token(g, &kn[c + 1], false, &len) : NULL;
                if (!next) break;
                line(g, "if (!(end - p >= %zu && sl_bytes_eq(p, %s, %zu))) goto after_value;", len,
                     next, len);
                line(g, "p = sl_json_ws(p + %zu, end);", len);
            }
            line(g, "goto after_value;");
            g->indent--;
            line(g, "}");
        }
    }
    line(g, "p = sl_json_ws(p, end);");
    line(g, "if (p == end || *p != '{') { sl_set_error(ctx, \"not a JSON object\"); return "
            "SL_MALFORMED; }");
    line(g, "p = sl_json_ws(p + 1, end);");
    line(g, "if (p < end && *p == '}') { p++; goto done; }");
    line(g, "for (;;) {");
    g->indent++;
    /* Keys: compare the expected bytes (name and closing quote) in place,
     * dispatching on the first byte; escaped or unknown keys take the
     * generic path. Every declared column is recognised, so a field the
     * query does not read is skipped without scanning its key twice. */
    line(g, "if (p == end || *p != '\"') { sl_set_error(ctx, \"expected a field name\"); return "
            "SL_MALFORMED; }");
    line(g, "int col = -1;");
    line(g, "if (end - p > 1) {");
    g->indent++;
    line(g, "switch ((unsigned char)p[1]) {");
    /* A name holding '"', '\\' or a control character is escaped in valid
     * JSON, so its raw bytes never match it: only the generic path
     * (sl_json_str) may recognise it. Columns are bucketed by first byte in
     * one pass (linear in the number of columns). */
    int *first_of = arena_alloc(g->a, sizeof(int) * 256),
        *next_of = arena_alloc(g->a, sizeof(int) * (size_t)(t->n_cols + 1));
    for (int b = 0; b < 256; b++) first_of[b] = -1;
    for (int c = t->n_cols - 1; c >= 0; c--) {
        if (!kn[c].plain) continue;
        unsigned char b = (unsigned char)kn[c].bytes[0];
        next_of[c] = first_of[b];
        first_of[b] = c;
    }
    for (int b = 0; b < 256; b++) {
        if (first_of[b] < 0) continue;
        line(g, "case %s:", cesc_char(g->a, (unsigned char)b));
        g->indent++;
        for (int d = first_of[b]; d >= 0; d = next_of[d]) {
            size_t len = kn[d].n;
            char *withq = arena_alloc(g->a, len + 2);
            memcpy(withq, kn[d].bytes, len);
            withq[len] = '"';
            line(g,
                 "if (end - p > %zu && sl_bytes_eq(p + 1, %s, %zu)) { p += %zu; col = %d; break; }",
                 len + 1, exact_str(g, withq, len + 1), len + 1, len + 2, d);
        }
        line(g, "break;");
        g->indent--;
    }
    line(g, "default: break;");
    line(g, "}");
    g->indent--;
    line(g, "}");
    line(g, "if (col < 0) {");
    g->indent++;
    line(g, "sl_str k;");
    line(g, "if (!(p = sl_json_str(p, end, &k, sl_scratch(ctx)))) { sl_set_error(ctx, \"invalid "
            "field name\"); return SL_MALFORMED; }");
    line(g, "col = -2; /* a field the table does not declare */");
    line(g, "switch (k.n) {");
    KeyLen *bylen = arena_alloc(g->a, sizeof(KeyLen) * (size_t)(t->n_cols + 1));
    for (int c = 0; c < t->n_cols; c++) bylen[c] = (KeyLen){kn[c].n, c};
    qsort(bylen, (size_t)t->n_cols, sizeof *bylen, keylen_cmp);
    for (int i = 0; i < t->n_cols; i++) {
        size_t len = bylen[i].n;
        if (i == 0 || bylen[i - 1].n != len) {
            line(g, "case %zu:", len);
            g->indent++;
        }
        int d = bylen[i].col;
        line(g, "if (memcmp(k.p, %s, %zu) == 0) col = %d;", exact_str(g, kn[d].bytes, len), len, d);
        if (i + 1 == t->n_cols || bylen[i + 1].n != len) {
            line(g, "break;");
            g->indent--;
        }
    }
    line(g, "default: break;");
    line(g, "}");
    g->indent--;
    line(g, "}");
    line(g, "p = sl_json_ws(p, end);");
    line(g, "if (p == end || *p != ':') { sl_set_error(ctx, \"expected ':' after field name\"); "
            "return SL_MALFORMED; }");
    line(g, "p = sl_json_ws(p + 1, end);");
    line(g, "switch (col) {");
    for (int d = 0; d < t->n_cols; d++) {
        if (!col_decoded(t, d)) continue;
        const Column *col = &t->cols[d];
        line(g, "case %d: { /* %s */", d, ccom(g, col->name));
        g->indent++;
        cg_decode_value(g, t, d);
        line(g, "break;");
        g->indent--;
        line(g, "}");
    }
    line(g, "default:");
    line(g, "    if (!(p = sl_fast_skip(p, end))) { sl_set_error(ctx, \"invalid JSON value\"); "
            "return SL_MALFORMED; }");
    line(g, "    break;");
    line(g, "}");
    g->indent--;
    line(g, "goto after_value; /* keeps the label used when there is no fast path */");
    line(g, "after_value:");
    g->indent++;
    line(g, "p = sl_json_ws(p, end);");
    line(g, "if (p < end && *p == ',') { p = sl_json_ws(p + 1, end); continue; }");
    line(g, "if (p < end && *p == '}') { p++; break; }");
    line(g, "sl_set_error(ctx, \"expected ',' or '}' in JSON object\");");
    line(g, "return SL_MALFORMED;");
    g->indent--;
    line(g, "}");
    line(g, "done:");
    line(g, "if (sl_json_ws(p, end) != end) { sl_set_error(ctx, \"unexpected data after the JSON "
            "object\"); return SL_MALFORMED; }");
    for (int c = 0; c < t->n_cols; c++) {
        if (!col_decoded(t, c)) continue;
        if (c == t->wm_col)
            line(g,
                 "if (r->n%d) { sl_set_error(ctx, \"event-time column '%%s' is NULL or missing\", "
                 "%s); return SL_MALFORMED; }",
                 c, cstr(g, t->cols[c].name));
        else if (!t->cols[c].type.nullable)
            line(g,
                 "if (r->n%d) { sl_set_error(ctx, \"NOT NULL column '%%s' is NULL or missing\", "
                 "%s); return SL_MALFORMED; }",
                 c, cstr(g, t->cols[c].name));
    }
    line(g, "return SL_OK;");
    g->indent--;
    line(g, "}");
    blank(g);
}

/* ---- queries ------------------------------------------------------------------------------ */

/* Declares the aggregate slots in q's entry struct and sets g->sref and
 * g->setref. A slot is a field of its own ("e->s3") unless the query has
 * many: then slots of one C type share an array ("e->i64[7]"), because C
 * compilers spend time per field and access of a struct with tens of
 * thousands of fields (quadratic overall). */
static void cg_slot_layout(Cg *g, const Query *q)
{
    g->sref = arena_alloc(g->a, sizeof(char *) * (size_t)(q->n_slots + 1));
    g->setref = arena_alloc(g->a, sizeof(char *) * (size_t)(q->n_slots + 1));
    if (q->n_slots < g->wide_columns) {
        for (int i = 0; i < q->n_slots; i++) {
            const AggSlot *s = &q->slots[i];
            g->sref[i] = fmt(g, "e->s%d", i);
            line(g, "%s s%d; /* %s */", slot_ctype(s), i, slot_what(s));
            if (s->kind == SLOT_MIN || s->kind == SLOT_MAX) {
                g->setref[i] = fmt(g, "e->s%d_set", i);
                line(g, "bool s%d_set;", i);
            }
        }
        return;
    }
    static const char *const types[] = {"int64_t", "int32_t", "double", "sl_str", "bool"};
    static const char *const arrays[] = {"i64", "i32", "f64", "str", "b"};
    int count[5] = {0}, n_set = 0;
    for (int i = 0; i < q->n_slots; i++) {
        const AggSlot *s = &q->slots[i];
        const char *t = slot_ctype(s);
        int a = 0;
        while (strcmp(types[a], t) != 0) a++;
        g->sref[i] = fmt(g, "e->%s[%d]", arrays[a], count[a]++);
        if (s->kind == SLOT_MIN || s->kind == SLOT_MAX)
            g->setref[i] = fmt(g, "e->set[%d]", n_set++);
    }
    for (int a = 0; a < 5; a++)
        if (count[a]) line(g, "%s %s[%d];", types[a], arrays[a], count[a]);
    if (n_set) line(g, "bool set[%d]; /* MIN/MAX: has a value */", n_set);
}

static void cg_query_types(Cg *g, const Query *q)
{
    int qi = q->index;
    line(g, "/* ---- query %d: %s -> %s ---- */", qi, ccom(g, q->source->name),
         ccom(g, q->sink->name));
    if (!q->has_agg) {
        cg_wide_puts(g, q);
        return;
    }
    line(g, "typedef struct q%d_entry {", qi);
    g->indent++;
    line(g, "uint64_t h;");
    for (int i = 0; i < q->n_keys; i++) {
        line(g, "%s k%d;", ctype(q->keys[i]->type.kind), i);
        if (q->keys[i]->type.nullable) line(g, "bool kn%d;", i);
    }
    cg_slot_layout(g, q);
    g->indent--;
    line(g, "} q%d_entry;", qi);
    blank(g);
    line(g, "/* The groups of one open window: entries in insertion order, an index");
    line(g, " * from key hash to entry, and an arena for string keys/values. */");
    line(g, "typedef struct q%d_window {", qi);
    line(g, "    sl_index ix;");
    line(g, "    q%d_entry *e;", qi);
    line(g, "    uint32_t n, cap;");
    line(g, "    sl_arena keys;");
    line(g, "    struct q%d_window *next_free;", qi);
    line(g, "} q%d_window;", qi);
    blank(g);
    line(g, "typedef struct q%d_state {", qi);
    line(g, "    sl_winset ws;      /* open windows, by end */");
    line(g, "    q%d_window *free;  /* recycled windows: no malloc in steady state */", qi);
    line(g, "    uint64_t bytes;    /* state held: windows (open and recycled), indexes, keys */");
    line(g, "    uint64_t groups;   /* groups in open windows */");
    line(g, "} q%d_state;", qi);
    blank(g);
    line(g, "static q%d_window *q%d_window_new(q%d_state *qs)", qi, qi, qi);
    line(g, "{");
    line(g, "    q%d_window *w = qs->free;", qi);
    line(g, "    if (w) {");
    line(g, "        qs->free = w->next_free;");
    line(g, "        memset(w->ix.pos, 0, sizeof(uint32_t) * ((size_t)w->ix.mask + 1));");
    line(g, "        w->ix.count = 0;");
    line(g, "        w->n = 0;");
    line(g, "        return w;");
    line(g, "    }");
    line(g, "    w = sl_xcalloc(1, sizeof *w);");
    line(g, "    sl_index_init(&w->ix, 64);");
    line(g, "    qs->bytes += sizeof *w + sl_index_bytes(&w->ix);");
    line(g, "    return w;");
    line(g, "}");
    blank(g);
    line(g, "static void q%d_window_free(q%d_window *w)", qi, qi);
    line(g, "{");
    line(g, "    sl_index_free(&w->ix);");
    line(g, "    free(w->e);");
    line(g, "    sl_arena_free(&w->keys);");
    line(g, "    free(w);");
    line(g, "}");
    blank(g);
    cg_wide_puts(g, q);
}

static const char *hash_expr(Cg *g, TypeKind k, const char *v, const char *h)
{
    switch (k) {
    case TY_VARCHAR:
        return fmt(g, "sl_hash_bytes(%s.p, %s.n, %s)", v, v, h);
    case TY_DOUBLE:
    case TY_FLOAT:
        return fmt(g, "sl_hash_f64(%s, %s)", v, h);
    default:
        return fmt(g, "sl_hash_u64((uint64_t)%s, %s)", v, h);
    }
}

static const char *key_eq(Cg *g, TypeKind k, const char *a, const char *b)
{
    switch (k) {
    case TY_VARCHAR:
        return fmt(g, "sl_str_eq(%s, %s)", a, b);
    case TY_DOUBLE:
    case TY_FLOAT:
        return fmt(g, "sl_f64_key_eq(%s, %s)", a, b);
    default:
        return fmt(g, "(%s == %s)", a, b);
    }
}

/* Emits the updates of aggregate slots [from, to) of q for the current row
 * (e is the group's entry); equal arguments are evaluated once within the
 * range. */
static void cg_slot_updates(Cg *g, const Query *q, int from, int to, const bool *skip)
{
    /* values of the range's slots, indexed from `from` (a wide query calls
     * this once per chunk: sized by the chunk, not the query) */
    Val *sv = arena_alloc(g->a, sizeof(Val) * (size_t)(to - from + 1));
    bool *have = arena_alloc(g->a, sizeof(bool) * (size_t)(to - from + 1));
    for (int i = from; i < to; i++) {
        const AggSlot *s = &q->slots[i];
        if (skip && skip[i]) continue;
        if (s->kind == SLOT_COUNT_STAR) {
            line(g, "%s++;", g->sref[i]);
            continue;
        }
        int same = s->same_arg;
        assert(same < i);
        have[i - from] = true;
        if (same >= from && have[same - from])
            sv[i - from] = sv[same - from];
        else {
            Val v = cg_expr(g, s->arg);
            sv[i - from] = decl_tmp(g, s->arg->type.kind, v.v, v.n);
        }
        Val v = sv[i - from];
        const char *guard = is_const0(v.n) ? "" : fmt(g, "if (!%s) ", v.n);
        TypeKind k = s->arg->type.kind;
        switch (s->kind) {
        case SLOT_COUNT:
            line(g, "%s%s++;", guard, g->sref[i]);
            break;
        case SLOT_SUM:
            if (k == TY_DOUBLE)
                line(g, "%s%s += %s;", guard, g->sref[i], v.v);
            else
                line(g, "%s%s = sl_add64(%s, %s);", guard, g->sref[i], g->sref[i], v.v);
            break;
        case SLOT_MIN:
        case SLOT_MAX: {
            const char *better = k == TY_VARCHAR ? fmt(g, "sl_str_cmp(%s, %s) %s 0", v.v,
                                                       g->sref[i], s->kind == SLOT_MIN ? "<" : ">")
                                                 : fmt(g, "%s %s %s", v.v,
                                                       s->kind == SLOT_MIN ? "<" : ">", g->sref[i]);
            if (k == TY_VARCHAR)
                line(g,
                     "%sif (!%s || %s) { size_t kb = w->keys.bytes; %s = sl_arena_dup(&w->keys, "
                     "%s); %s = true; qs->bytes += w->keys.bytes - kb; }",
                     guard, g->setref[i], better, g->sref[i], v.v, g->setref[i]);
            else
                line(g, "%sif (!%s || %s) { %s = %s; %s = true; }", guard, g->setref[i], better,
                     g->sref[i], v.v, g->setref[i]);
            break;
        }
        default:
            break;
        }
    }
}

/* The sl_aggdesc initializer of slot i when it is an aggregate over a plain
 * source column (or COUNT(*)) other than MIN/MAX of a string, else NULL. */
static const char *agg_desc(Cg *g, const Query *q, int i)
{
    const AggSlot *s = &q->slots[i];
    static const char *const op[] = {"SL_AGG_COUNT_STAR", "SL_AGG_COUNT", "SL_AGG_SUM",
                                     "SL_AGG_MIN", "SL_AGG_MAX"};
    const char *entry = fmt(g, "q%d_entry", q->index);
    if (s->kind == SLOT_COUNT_STAR)
        return fmt(g, "{SL_AGG_COUNT_STAR, SL_ST_I64, false, 0, 0, %s, 0}",
                   offset_of(g, entry, g->sref[i]));
    if (s->arg->kind != BX_COL) return NULL;
    const Column *c = &q->source->cols[s->arg->u.index];
    if (c->type.kind == TY_VARCHAR && s->kind != SLOT_COUNT) return NULL;
    const char *row = fmt(g, "src%d_row", q->source->source_index);
    bool minmax = s->kind == SLOT_MIN || s->kind == SLOT_MAX;
    return fmt(g, "{%s, %s, %s, %s, %s, %s, %s}", op[s->kind], store_of(ctype(c->type.kind)),
               c->type.nullable ? "true" : "false",
               offset_of(g, row, fmt(g, "r->c%d", s->arg->u.index)),
               c->type.nullable ? offset_of(g, row, fmt(g, "r->n%d", s->arg->u.index)) : "0",
               offset_of(g, entry, g->sref[i]), minmax ? offset_of(g, entry, g->setref[i]) : "0");
}

/* For a query with many aggregate slots: those over plain columns become
 * a table for sl_agg_update, the others functions of at most CG_PUT_CHUNK
 * slots of specialised code, called from the row function (a C compiler's
 * time over one function grows faster than its size). */
static void cg_wide_updates(Cg *g, const Query *q)
{
    g->n_agg_table = g->n_acc = 0;
    if (q->n_slots < g->wide_columns) return;
    int qi = q->index;
    bool *in_table = arena_alloc(g->a, sizeof(bool) * (size_t)(q->n_slots + 1));
    int *rest = arena_alloc(g->a, sizeof(int) * (size_t)(q->n_slots + 1)), n_rest = 0;
    for (int i = 0; i < q->n_slots; i++) {
        const char *d = agg_desc(g, q, i);
        if (!d) {
            rest[n_rest++] = i;
            continue;
        }
        if (g->n_agg_table++ == 0) line(g, "static const sl_aggdesc q%d_aggs[] = {", qi);
        line(g, "    %s,", d);
        in_table[i] = true;
    }
    if (g->n_agg_table) {
        line(g, "};");
        blank(g);
    }
    /* the others, CG_PUT_CHUNK at a time (slots of one argument stay
     * together when they are adjacent, which add_slot makes them) */
    for (int c0 = 0; c0 < n_rest; c0 += CG_PUT_CHUNK) {
        int last = (c0 + CG_PUT_CHUNK < n_rest ? c0 + CG_PUT_CHUNK : n_rest) - 1;
        int from = rest[c0], to = rest[last] + 1;
        g->tmp = 0;
        line(g,
             "__attribute__((noinline)) static void q%d_acc%d(sl_ctx *ctx, q%d_state *qs, "
             "q%d_window *w, q%d_entry *e, const src%d_row *r, int64_t ws, int64_t we)",
             qi, g->n_acc++, qi, qi, qi, q->source->source_index);
        line(g, "{");
        g->indent++;
        line(g, "(void)ctx; (void)qs; (void)w; (void)r; (void)ws; (void)we;");
        cg_slot_updates(g, q, from, to, in_table);
        g->indent--;
        line(g, "}");
        blank(g);
    }
}

/* Emits the per-row function of q. Windowed aggregations return true when
 * the row was late (dropped). */
static void cg_query_row(Cg *g, const Query *q)
{
    int qi = q->index, si = q->source->source_index;
    g->mode = MODE_ROW;
    g->q = q;
    g->t = q->source;
    g->tmp = 0;
    cg_wide_updates(g, q);
    g->tmp = 0;
    if (q->has_agg)
        line(g, "static bool q%d_row(sl_ctx *ctx, q%d_state *qs, const src%d_row *r, int64_t wm)",
             qi, qi, si);
    else
        line(g, "static bool q%d_row(sl_ctx *ctx, const src%d_row *r, int64_t wm)", qi, si);
    line(g, "{");
    g->indent++;
    line(g, "(void)ctx; (void)r; (void)wm;");
    /* The window bounds come first: WHERE may read window_start/end/time.
     * (Fix: they were declared after the WHERE code, which then did not
     * compile; tests/sql/cases/window_rows.) */
    if (q->window == WIN_TUMBLE) {
        line(g, "/* TUMBLE(%lld ms, offset %lld ms): [ws, we) */", (long long)q->size_ms,
             (long long)q->offset_ms);
        line(g, "SL_TMP int64_t ws = sl_tumble_start(r->c%d, INT64_C(%lld), INT64_C(%lld));",
             q->time_col, (long long)q->size_ms, (long long)q->offset_ms);
        line(g, "SL_TMP int64_t we = sl_window_end(ws, INT64_C(%lld));", (long long)q->size_ms);
    }
    if (q->filter) {
        line(g, "/* WHERE */");
        Val f = cg_expr(g, q->filter);
        line(g, "if (%s || !(%s)) return false;", f.n, f.v);
    }
    if (!q->has_agg) {
        cg_emit_row(g, q);
        line(g, "return false;");
        g->indent--;
        line(g, "}");
        blank(g);
        return;
    }
    line(g, "/* late: the watermark had already reached this window's end - 1 */");
    line(g, "if (wm >= we - 1) return true;");
    line(g, "bool created;");
    line(g, "size_t wcap = qs->ws.cap;");
    line(g, "sl_window *win_ = sl_winset_get(&qs->ws, ws, we, &created);");
    line(g, "if (created) {");
    line(g, "    qs->bytes += (qs->ws.cap - wcap) * sizeof(sl_window);");
    line(g, "    win_->state = q%d_window_new(qs);", qi);
    line(g, "}");
    line(g, "q%d_window *w = win_->state;", qi);
    /* group key */
    Val *kv = arena_alloc(g->a, sizeof(Val) * (size_t)(q->n_keys + 1));
    for (int i = 0; i < q->n_keys; i++) {
        Val v = cg_expr(g, q->keys[i]);
        /* materialise so the value is evaluated once */
        kv[i] = decl_tmp(g, q->keys[i]->type.kind, v.v, q->keys[i]->type.nullable ? v.n : "0");
    }
    line(g, "q%d_entry *e;", qi);
    if (q->n_keys == 0) {
        line(g, "if (w->n == 0) {");
        line(g, "    if (w->cap == 0) {");
        line(g, "        w->cap = 1;");
        line(g, "        w->e = sl_xrealloc(w->e, sizeof *w->e);");
        line(g, "        qs->bytes += sizeof *w->e;");
        line(g, "    }");
        line(g, "    memset(&w->e[0], 0, sizeof w->e[0]);");
        line(g, "    w->n = 1;");
        line(g, "    qs->groups++;");
        line(g, "}");
        line(g, "e = &w->e[0];");
    } else {
        line(g, "uint64_t h = UINT64_C(0x9e3779b97f4a7c15);");
        for (int i = 0; i < q->n_keys; i++) {
            TypeKind k = q->keys[i]->type.kind;
            if (is_const0(kv[i].n))
                line(g, "h = %s;", hash_expr(g, k, kv[i].v, "h"));
            else
                line(g, "h = %s ? sl_hash_u64(UINT64_C(0x5bd1e995), h) : %s;", kv[i].n,
                     hash_expr(g, k, kv[i].v, "h"));
        }
        line(g, "uint32_t slot = sl_index_first(&w->ix, h), pos;");
        line(g, "e = NULL;");
        line(g, "while ((pos = w->ix.pos[slot]) != 0) {");
        g->indent++;
        line(g, "q%d_entry *c = &w->e[pos - 1];", qi);
        char *eq = arena_strdup(g->a, "w->ix.hash[slot] == h");
        for (int i = 0; i < q->n_keys; i++) {
            TypeKind k = q->keys[i]->type.kind;
            const char *ck = fmt(g, "c->k%d", i);
            if (is_const0(kv[i].n))
                eq = arena_printf(g->a, "%s && %s", eq, key_eq(g, k, ck, kv[i].v));
            else
                eq = arena_printf(g->a, "%s && c->kn%d == %s && (%s || %s)", eq, i, kv[i].n,
                                  kv[i].n, key_eq(g, k, ck, kv[i].v));
        }
        line(g, "if (%s) { e = c; break; }", eq);
        line(g, "slot = (slot + 1) & w->ix.mask;");
        g->indent--;
        line(g, "}");
        line(g, "if (!e) {");
        g->indent++;
        line(g, "if (w->n == w->cap) {");
        line(g, "    uint32_t cap = w->cap ? 2 * w->cap : 64;");
        line(g, "    w->e = sl_xrealloc(w->e, sizeof *w->e * cap);");
        line(g, "    qs->bytes += sizeof *w->e * (cap - w->cap);");
        line(g, "    w->cap = cap;");
        line(g, "}");
        line(g, "e = &w->e[w->n];");
        line(g, "memset(e, 0, sizeof *e);");
        line(g, "e->h = h;");
        line(g, "size_t held = w->keys.bytes + sl_index_bytes(&w->ix);");
        for (int i = 0; i < q->n_keys; i++) {
            TypeKind k = q->keys[i]->type.kind;
            if (k == TY_VARCHAR)
                line(g, "e->k%d = sl_arena_dup(&w->keys, %s);", i, kv[i].v);
            else
                line(g, "e->k%d = %s;", i, kv[i].v);
            if (!is_const0(kv[i].n)) line(g, "e->kn%d = %s;", i, kv[i].n);
        }
        line(g, "sl_index_set(&w->ix, slot, h, w->n);");
        line(g, "qs->bytes += w->keys.bytes + sl_index_bytes(&w->ix) - held;");
        line(g, "w->n++;");
        line(g, "qs->groups++;");
        g->indent--;
        line(g, "}");
    }
    if (q->n_slots >= g->wide_columns) {
        /* many aggregates: a table and functions (cg_wide_updates) */
        if (g->n_agg_table) line(g, "sl_agg_update(q%d_aggs, %d, e, r);", qi, g->n_agg_table);
        for (int k = 0; k < g->n_acc; k++) line(g, "q%d_acc%d(ctx, qs, w, e, r, ws, we);", qi, k);
    } else {
        cg_slot_updates(g, q, 0, q->n_slots, NULL);
    }
    line(g, "return false;");
    g->indent--;
    line(g, "}");
    blank(g);
}

static void cg_query_fire(Cg *g, const Query *q)
{
    int qi = q->index;
    g->mode = MODE_AGG;
    g->q = q;
    g->t = q->source;
    g->tmp = 0;
    line(g, "/* Emits every window of query %d that the watermark completed (end - 1 <= wm),", qi);
    line(g, " * in order of window end, groups in order of first appearance. */");
    line(g, "static void q%d_fire(sl_ctx *ctx, q%d_state *qs, int64_t wm)", qi, qi);
    line(g, "{");
    g->indent++;
    line(g, "sl_window fired;");
    line(g, "while (sl_winset_pop_fired(&qs->ws, wm, &fired)) {");
    g->indent++;
    line(g, "const sl_window *w = &fired;");
    line(g, "q%d_window *win = fired.state;", qi);
    line(g, "for (uint32_t i = 0; i < win->n; i++) {");
    g->indent++;
    line(g, "const q%d_entry *e = &win->e[i];", qi);
    line(g, "(void)e; (void)w;");
    if (q->having) {
        line(g, "/* HAVING */");
        Val h = cg_expr(g, q->having);
        line(g, "if (%s || !(%s)) continue;", h.n, h.v);
    }
    cg_emit_row(g, q);
    g->indent--;
    line(g, "}");
    line(g, "sl_arena_reset(sl_scratch(ctx));");
    line(g, "qs->groups -= win->n;");
    line(g, "qs->bytes -= win->keys.bytes;");
    line(g, "sl_arena_reset(&win->keys);");
    line(g, "qs->bytes += win->keys.bytes;");
    line(g, "win->next_free = qs->free;");
    line(g, "qs->free = win;");
    g->indent--;
    line(g, "}");
    g->indent--;
    line(g, "}");
    blank(g);
}

/* ---- program ------------------------------------------------------------------------------------
 */

static const char *conn_enum(Connector c)
{
    switch (c) {
    case CONN_KAFKA:
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

static void cg_descriptor(Cg *g, const Plan *p, const char *src_name)
{
    const Catalog *c = &p->cat;
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
        line(
            g,
            "     .group_id = %s, .startup = %s, .props = %s, .n_props = %d, .has_watermark = %s},",
            opt_str(g, t->group_id), startup, t->n_props ? fmt(g, "src%d_props", i) : "NULL",
            t->n_props, t->wm_col >= 0 ? "true" : "false");
    }
    line(g, "};");
    for (int i = 0; i < c->n_sinks; i++) cg_props(g, "snk", i, c->sinks[i]);
    line(g, "static const sl_sink_desc sinks[] = {");
    for (int i = 0; i < c->n_sinks; i++) {
        const Table *t = c->sinks[i];
        line(g, "    {.name = %s, .connector = %s, .path = %s, .topic = %s, .bootstrap = %s,",
             opt_str(g, t->name), conn_enum(t->connector), opt_str(g, t->path),
             opt_str(g, t->topic), opt_str(g, t->bootstrap));
        line(g, "     .props = %s, .n_props = %d},", t->n_props ? fmt(g, "snk%d_props", i) : "NULL",
             t->n_props);
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
    line(g, "    .on_watermark = prog_on_watermark,");
    line(g, "    .state_info = prog_state_info,");
    line(g, "    .destroy = prog_destroy,");
    line(g, "};");
    blank(g);
    line(g, "int main(int argc, char **argv)");
    line(g, "{");
    line(g, "    return sl_main(&program, argc, argv);");
    line(g, "}");
}

static void cg_state_and_entry_points(Cg *g, const Plan *p)
{
    const Catalog *c = &p->cat;
    line(g, "/* ---- program state ---- */");
    line(g, "typedef struct prog_state {");
    g->indent++;
    for (int i = 0; i < c->n_sources; i++)
        line(g, "sl_watermark *wm%d; /* %s */", i, ccom(g, c->sources[i]->name));
    for (int i = 0; i < p->n_queries; i++)
        if (p->queries[i]->has_agg) line(g, "q%d_state q%d;", i, i);
    for (int i = 0; i < c->n_sources; i++) line(g, "src%d_cache cache%d;", i, i);
    line(g, "int unused_;");
    g->indent--;
    line(g, "} prog_state;");
    blank(g);
    line(g, "static void *prog_init(sl_ctx *ctx)");
    line(g, "{");
    line(g, "    prog_state *st = sl_xcalloc(1, sizeof *st);");
    for (int i = 0; i < c->n_sources; i++) line(g, "    st->wm%d = sl_source_wm(ctx, %d);", i, i);
    line(g, "    (void)ctx;");
    line(g, "    return st;");
    line(g, "}");
    blank(g);
    line(g, "static void prog_state_info(const void *state, sl_state_info *info)");
    line(g, "{");
    line(g, "    const prog_state *st = state;");
    line(g, "    (void)st;");
    line(g, "    memset(info, 0, sizeof *info);");
    for (int i = 0; i < p->n_queries; i++) {
        if (!p->queries[i]->has_agg) continue;
        line(g, "    info->windows += st->q%d.ws.n;", i);
        line(g, "    info->groups += st->q%d.groups;", i);
        line(g, "    info->bytes += st->q%d.bytes;", i);
    }
    line(g, "}");
    blank(g);
    line(g, "static void prog_destroy(sl_ctx *ctx, void *state)");
    line(g, "{");
    line(g, "    prog_state *st = state;");
    line(g, "    (void)ctx;");
    for (int i = 0; i < p->n_queries; i++) {
        if (!p->queries[i]->has_agg) continue;
        line(
            g,
            "    for (size_t i = 0; i < st->q%d.ws.n; i++) q%d_window_free(st->q%d.ws.v[i].state);",
            i, i, i);
        line(g,
             "    while (st->q%d.free) { q%d_window *w = st->q%d.free; st->q%d.free = "
             "w->next_free; q%d_window_free(w); }",
             i, i, i, i, i);
        line(g, "    sl_winset_free(&st->q%d.ws);", i);
    }
    line(g, "    free(st);");
    line(g, "}");
    blank(g);
    /* per source: fire and on_record */
    for (int s = 0; s < c->n_sources; s++) {
        const Table *t = c->sources[s];
        line(g, "static void src%d_fire(sl_ctx *ctx, prog_state *st, int64_t wm)", s);
        line(g, "{");
        line(g, "    (void)ctx; (void)st; (void)wm;");
        for (int i = 0; i < p->n_queries; i++)
            if (p->queries[i]->source == t && p->queries[i]->has_agg)
                line(g, "    q%d_fire(ctx, &st->q%d, wm);", i, i);
        line(g, "}");
        blank(g);
        line(
            g,
            "static int src%d_on_record(sl_ctx *ctx, prog_state *st, const char *data, size_t len,",
            s);
        line(g, "                           const sl_recmeta *meta)");
        line(g, "{");
        g->indent++;
        line(g, "src%d_row row;", s);
        line(g, "const src%d_row *r = &row;", s);
        line(g, "(void)meta;");
        line(g,
             "if (src%d_decode(ctx, data, data + len, &row, &st->cache%d) != SL_OK) return "
             "SL_MALFORMED;",
             s, s);
        line(g, "int64_t wm = st->wm%d->current; /* as it stood before this record */", s);
        line(g, "bool late = false;");
        for (int i = 0; i < p->n_queries; i++) {
            const Query *q = p->queries[i];
            if (q->source != t) continue;
            if (q->has_agg)
                line(g, "late |= q%d_row(ctx, &st->q%d, r, wm);", i, i);
            else
                line(g, "late |= q%d_row(ctx, r, wm);", i);
        }
        line(g, "if (late) sl_count_late(ctx, %d);", s);
        if (t->wm_col >= 0) {
            g->mode = MODE_ROW;
            g->t = t;
            g->q = NULL;
            line(g, "{");
            g->indent++;
            line(g, "/* WATERMARK FOR %s */", ccom(g, t->cols[t->wm_col].name));
            Val w = cg_expr(g, t->wm_expr);
            line(g, "if (!%s && sl_wm_observe(st->wm%d, meta->partition, %s))", w.n, s, w.v);
            line(g, "    src%d_fire(ctx, st, st->wm%d->current);", s, s);
            g->indent--;
            line(g, "}");
        }
        line(g, "return SL_OK;");
        g->indent--;
        line(g, "}");
        blank(g);
    }
    line(g, "static int prog_on_record(sl_ctx *ctx, void *state, int source, const char *data, "
            "size_t len,");
    line(g, "                          const sl_recmeta *meta)");
    line(g, "{");
    line(g, "    switch (source) {");
    for (int s = 0; s < c->n_sources; s++)
        line(g, "    case %d: return src%d_on_record(ctx, state, data, len, meta);", s, s);
    line(g, "    default: return SL_OK;");
    line(g, "    }");
    line(g, "}");
    blank(g);
    line(g, "static void prog_on_watermark(sl_ctx *ctx, void *state, int source, int64_t wm)");
    line(g, "{");
    line(g, "    switch (source) {");
    for (int s = 0; s < c->n_sources; s++)
        line(g, "    case %d: src%d_fire(ctx, state, wm); break;", s, s);
    line(g, "    default: break;");
    line(g, "    }");
    line(g, "}");
    blank(g);
}

char *cg_program(Arena *a, const Plan *p, const char *src_name, const CgOptions *opt, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *o = open_memstream(&buf, &n);
    if (!o) return NULL;
    Cg g = {.o = o, .a = a, .p = p};
    g.wide_columns = opt && opt->wide_columns > 0 ? opt->wide_columns : CG_WIDE_COLUMNS;
    line(&g, "/* Generated by sluice %s from %s. Do not edit: rebuild with", SLUICE_VERSION,
         ccom(&g, src_name));
    line(&g, " * `sluice build %s`. */", ccom(&g, src_name));
    /* guarded: CFLAGS=-D_GNU_SOURCE must not make a redefinition warning
     * (fix; found building tests/fuzz/fuzz_decode with clang) */
    line(&g, "#ifndef _GNU_SOURCE");
    line(&g, "#define _GNU_SOURCE");
    line(&g, "#endif");
    line(&g, "#include <stdbool.h>");
    line(&g, "#include <stdint.h>");
    line(&g, "#include <stdlib.h>");
    line(&g, "#include <string.h>");
    line(&g, "#include \"sluice_rt.h\"");
    line(&g, "#include \"sl_sql.h\"");
    line(&g, "#include \"sl_decode.h\"");
    line(&g, "#include \"sl_wide.h\"");
    blank(&g);
    line(&g, "/* temporaries of expression code: some are only read on some paths */");
    line(&g, "#define SL_TMP __attribute__((unused))");
    blank(&g);
    for (int i = 0; i < p->cat.n_sources; i++) cg_source(&g, p->cat.sources[i]);
    for (int i = 0; i < p->n_queries; i++) {
        cg_query_types(&g, p->queries[i]);
        cg_query_row(&g, p->queries[i]);
        if (p->queries[i]->has_agg) cg_query_fire(&g, p->queries[i]);
    }
    cg_state_and_entry_points(&g, p);
    cg_descriptor(&g, p, src_name);
    fclose(o);
    *len = n;
    return buf;
}

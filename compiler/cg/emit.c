/* emit.c - output helpers of the code generator (cg.h): indentation,
 * temporaries, C types, escaped SQL text, rows and the calls that fuse an
 * operator with its consumers. */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"

void line(Cg *g, const char *f, ...)
{
    for (int i = 0; i < g->indent; i++) fputs("    ", g->o);
    va_list ap;
    va_start(ap, f);
    vfprintf(g->o, f, ap);
    va_end(ap);
    fputc('\n', g->o);
}

void blank(Cg *g)
{
    fputc('\n', g->o);
}

const char *fmt(Cg *g, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    char *s = arena_vprintf(g->a, f, ap);
    va_end(ap);
    return s;
}

const char *new_tmp(Cg *g)
{
    return fmt(g, "t%d", g->tmp++);
}

bool is_const0(const char *n)
{
    return strcmp(n, "0") == 0;
}

const char *or_null(Cg *g, const char *a, const char *b)
{
    if (is_const0(a)) return b;
    if (is_const0(b)) return a;
    return fmt(g, "(%s || %s)", a, b);
}

const char *ctype(TypeKind k)
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

const char *zero(TypeKind k)
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

bool is32(TypeKind k)
{
    return k == TY_TINYINT || k == TY_SMALLINT || k == TY_INT;
}

bool int_kind(TypeKind k)
{
    return k == TY_TINYINT || k == TY_SMALLINT || k == TY_INT || k == TY_BIGINT;
}

/* SQL text in C: every name, literal, path or option value goes through
 * one of these (cesc.h), so no SQL text can become C code. cstr and ccom
 * take the compiler's internal text form (ast.h), exact_str exact bytes. */
const char *cstr(Cg *g, const char *text)
{
    return cesc_string(g->a, text, strlen(text));
}

const char *exact_str(Cg *g, const char *s, size_t n)
{
    return cesc_string(g->a, s, n);
}

const char *ccom(Cg *g, const char *text)
{
    return cesc_comment(g->a, text, strlen(text));
}

const char *json_key_lit(Cg *g, const char *name, bool first)
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

const char *i64_lit(Cg *g, int64_t v)
{
    if (v == INT64_MIN) return "INT64_MIN";
    return fmt(g, "INT64_C(%lld)", (long long)v);
}

const char *f64_lit(Cg *g, double d)
{
    if (isnan(d)) return "NAN";
    if (isinf(d)) return d > 0 ? "HUGE_VAL" : "(-HUGE_VAL)";
    char buf[64];
    snprintf(buf, sizeof buf, "%.17g", d);
    if (!strpbrk(buf, ".eE")) strcat(buf, ".0");
    return fmt(g, "%s", buf);
}

Val decl_tmp(Cg *g, TypeKind k, const char *init, const char *n)
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

int cg_ty(const Cg *g, const PhysOp *op)
{
    assert(op->id >= 0 && op->id < g->pp->n_ops);
    return g->ty ? g->ty[op->id] : op->id;
}

const char *row_t(Cg *g, const PhysOp *op)
{
    return fmt(g, "op%d_row", cg_ty(g, op));
}

void cg_row_struct(Cg *g, const PhysOp *op, const bool *keep, bool all_flags)
{
    line(g, "typedef struct op%d_row {", cg_ty(g, op));
    int n = 0;
    for (int c = 0; c < op->n_cols; c++) {
        if (!keep[c]) continue;
        const Field *f = &op->cols[c];
        line(g, "    %s c%d; /* %s %s%s */", ctype(f->type.kind), c, ccom(g, f->name),
             type_name(f->type.kind), f->time_attr ? " *ROWTIME*" : "");
        if (f->type.nullable || all_flags) line(g, "    bool n%d;", c);
        n++;
    }
    if (!n) line(g, "    char unused_;");
    line(g, "} op%d_row;", cg_ty(g, op));
    blank(g);
}

void cg_emit(Cg *g, const PhysOp *op, const char *k, const char *r)
{
    for (int i = 0; i < op->n_out; i++) {
        const PhysOp *c = op->out[i];
        for (int port = 0; port < c->n_in; port++) {
            if (c->in[port] != op) continue;
            if (c->kind == PH_UNION)
                line(g, "op%d_push_%d(ctx, st, %s, %s);", c->id, port, k, r);
            else
                line(g, "op%d_push(ctx, st, %s, %s);", c->id, k, r);
        }
    }
}

void cg_forward(Cg *g, const PhysOp *op, const char *wm)
{
    for (int i = 0; i < op->n_out; i++) {
        const PhysOp *c = op->out[i];
        for (int port = 0; port < c->n_in; port++) {
            if (c->in[port] != op) continue;
            if (c->kind == PH_UNION)
                line(g, "op%d_advance_%d(ctx, st, %s);", c->id, port, wm);
            else
                line(g, "op%d_advance(ctx, st, %s);", c->id, wm);
        }
    }
}

void cg_unused(Cg *g, const char *names)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", names);
    char *save, *tok = strtok_r(buf, " ", &save);
    char out[512] = "";
    while (tok) {
        strcat(out, "(void)");
        strcat(out, tok);
        strcat(out, "; ");
        tok = strtok_r(NULL, " ", &save);
    }
    size_t n = strlen(out);
    if (n) out[n - 1] = 0;
    line(g, "%s", out);
}

Val cg_col(Cg *g, int c)
{
    assert(g->row && g->row_cols);
    const Field *f = &g->row_cols[c];
    return (Val){fmt(g, "%s->c%d", g->row, c),
                 f->type.nullable ? fmt(g, "%s->n%d", g->row, c) : "0"};
}

const char *hash_expr(Cg *g, TypeKind k, const char *v, const char *h)
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

const char *key_eq(Cg *g, TypeKind k, const char *a, const char *b)
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

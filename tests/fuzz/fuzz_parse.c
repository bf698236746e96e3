/* fuzz_parse.c - libFuzzer target for the tokenizer and parser.
 *
 * Build (from the repository root, after `make` generated build/gen/sql.c):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Icompiler -Ibuild/gen \
 *     tests/fuzz/fuzz_parse.c compiler/{arena,diag,ast,tokenize,parse}.c build/gen/sql.c \
 *     -o build/fuzz_parse -lm
 *   build/fuzz_parse -max_total_time=60 tests/fuzz/corpus_parse
 *
 * Every input must either parse (no errors reported) or fail with exactly
 * one error; a successful parse is also printed back through
 * ast_expr_sexp to exercise the printer on whatever trees the parser
 * builds (every query, FROM item and statement is walked, and query
 * heights are checked against PARSE_MAX_DEPTH). The input buffer is used as is, without a
 * terminating NUL, so ASan catches any read past its end. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "parse.h"

static void fuzz_walk_query(Arena *a, const QueryExpr *q);

static void fuzz_walk_list(Arena *a, const ExprList *l)
{
    for (int i = 0; i < l->n; i++) ast_expr_sexp(a, l->v[i]);
}

/* Prints every expression of a FROM tree and walks its subqueries. */
static void fuzz_walk_from(Arena *a, const FromItem *f)
{
    if (!f) return;
    if (f->as_of) ast_expr_sexp(a, f->as_of);
    if (f->call) ast_expr_sexp(a, f->call);
    if (f->on) ast_expr_sexp(a, f->on);
    fuzz_walk_list(a, &f->tvf_args);
    fuzz_walk_list(a, &f->partition);
    fuzz_walk_list(a, &f->unnest);
    fuzz_walk_query(a, f->query);
    fuzz_walk_from(a, f->left);
    fuzz_walk_from(a, f->right);
}

/* Prints every expression of a parsed select. */
static void fuzz_walk_select(Arena *a, const Select *s)
{
    if (!s) return;
    for (int i = 0; i < s->n_items; i++) ast_expr_sexp(a, s->items[i].expr);
    if (s->where) ast_expr_sexp(a, s->where);
    if (s->having) ast_expr_sexp(a, s->having);
    if (s->qualify) ast_expr_sexp(a, s->qualify);
    for (int i = 0; i < s->n_group_by; i++) {
        if (s->group_by[i].e) ast_expr_sexp(a, s->group_by[i].e);
        for (int k = 0; k < s->group_by[i].n_sets; k++) fuzz_walk_list(a, &s->group_by[i].sets[k]);
    }
    fuzz_walk_from(a, s->from);
}

/* Walks a query tree; the parser bounds its height (QueryExpr.height), so
 * plain recursion is safe. */
static void fuzz_walk_query(Arena *a, const QueryExpr *q)
{
    if (!q) return;
    if (q->height < 1 || q->height > PARSE_MAX_DEPTH) abort();
    for (int i = 0; i < q->n_ctes; i++) fuzz_walk_query(a, q->ctes[i].query);
    fuzz_walk_select(a, q->select);
    fuzz_walk_query(a, q->l);
    fuzz_walk_query(a, q->r);
    for (int i = 0; i < q->n_rows; i++) fuzz_walk_list(a, &q->rows[i]);
    for (int i = 0; i < q->order.n; i++) ast_expr_sexp(a, q->order.v[i].e);
    if (q->limit) ast_expr_sexp(a, q->limit);
    if (q->offset) ast_expr_sexp(a, q->offset);
}

static void fuzz_walk_stmt(Arena *a, const Stmt *s)
{
    if (s->wm_expr) ast_expr_sexp(a, s->wm_expr);
    for (int i = 0; i < s->n_cols; i++)
        if (s->cols[i].computed) ast_expr_sexp(a, s->cols[i].computed);
    fuzz_walk_query(a, s->query);
    for (int i = 0; i < s->n_body; i++) fuzz_walk_stmt(a, s->body[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *devnull;
    if (!devnull) devnull = fopen("/dev/null", "w");
    Arena a;
    arena_init(&a);
    Diag d;
    diag_init(&d, "fuzz.sql", (const char *)data, size, devnull);
    Program *p = parse_program(&a, &d, (const char *)data, size);
    if (p) {
        if (d.n_errors != 0) abort();
        for (int i = 0; i < p->n_stmts; i++) fuzz_walk_stmt(&a, p->stmts[i]);
    } else if (d.n_errors != 1) {
        abort();
    }
    arena_free(&a);
    return 0;
}

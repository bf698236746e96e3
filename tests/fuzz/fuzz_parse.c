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
 * builds. The input buffer is used as is, without a terminating NUL, so
 * ASan catches any read past its end. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "parse.h"

/* Prints every expression of a parsed select. */
static void fuzz_walk_select(Arena *a, const Select *s)
{
    if (!s) return;
    for (int i = 0; i < s->n_items; i++) ast_expr_sexp(a, s->items[i].expr);
    if (s->where) ast_expr_sexp(a, s->where);
    if (s->having) ast_expr_sexp(a, s->having);
    for (int i = 0; i < s->group_by.n; i++) ast_expr_sexp(a, s->group_by.v[i]);
    for (int i = 0; i < s->from->tvf_args.n; i++) ast_expr_sexp(a, s->from->tvf_args.v[i]);
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
        for (int i = 0; i < p->n_stmts; i++) {
            const Stmt *s = p->stmts[i];
            if (s->wm_expr) ast_expr_sexp(&a, s->wm_expr);
            fuzz_walk_select(&a, s->select);
        }
    } else if (d.n_errors != 1) {
        abort();
    }
    arena_free(&a);
    return 0;
}

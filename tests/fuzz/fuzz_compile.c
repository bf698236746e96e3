/* fuzz_compile.c - libFuzzer target for the compiler's front and middle
 * end: bytes -> parse_program -> bind_program -> opt_program -> cg_program
 * (no C compiler). Whatever the input, nothing may crash, leak or trip a
 * sanitizer, and:
 *   - a failed compilation reports at least one error, a successful one none;
 *   - every diagnostic starts with "fuzz.sql:" (the gcc-style form);
 *   - a program that binds produces non-empty C from cg_program.
 * The input buffer is used as is (no terminating NUL) so ASan catches reads
 * past its end.
 *
 * Build and run: make fuzz (tests/fuzz/run.sh), or
 *   make build/fuzz/fuzz_compile && build/fuzz/fuzz_compile -dict=tests/fuzz/sql.dict \
 *     tests/fuzz/corpus_compile */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ast.h"
#include "codegen.h"
#include "diag.h"
#include "parse.h"
#include "plan.h"

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_compile: check failed: %s (line %d)\n", #cond, __LINE__);        \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *diags = NULL;
    size_t diags_len = 0;
    FILE *out = open_memstream(&diags, &diags_len);
    CHECK(out);
    Arena a;
    arena_init(&a);
    Diag d;
    diag_init(&d, "fuzz.sql", (const char *)data, size, out);
    Program *prog = parse_program(&a, &d, (const char *)data, size);
    Plan *plan = NULL;
    if (prog) {
        CHECK(d.n_errors == 0);
        plan = bind_program(&a, &d, prog);
        CHECK((plan == NULL) == (d.n_errors > 0));
    } else {
        CHECK(d.n_errors > 0);
    }
    if (plan) {
        opt_program(&a, plan);
        size_t clen = 0;
        char *c = cg_program(&a, plan, "fuzz.sql", NULL, &clen);
        CHECK(c && clen > 0 && strlen(c) == clen);
        free(c);
    }
    fclose(out);
    if (d.n_errors > 0) CHECK(diags_len > 0 && strncmp(diags, "fuzz.sql", 8) == 0);
    free(diags);
    arena_free(&a);
    return 0;
}

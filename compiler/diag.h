/* diag.h - compiler diagnostics in the form editors understand:
 *
 *   orders.sql:12:8: error: unknown column 'amout' in 'orders'; did you mean 'amount'?
 *      12 | SELECT amout FROM orders
 *         |        ^
 *
 * Every stage reports through one Diag; the first error makes the
 * compilation fail (exit status 1), later stages do not run. */
#ifndef SLUICE_DIAG_H
#define SLUICE_DIAG_H

#include <stdio.h>

/* A position in the source text; line and col are 1-based, col counts
 * bytes. line 0 means "no position" (e.g. an error about the whole file). */
typedef struct SrcPos {
    int line;
    int col;
} SrcPos;

/* Diagnostic sink for one source file. The caller owns `src` and `path`;
 * both must outlive the Diag. */
typedef struct Diag {
    const char *path; /* file name as printed */
    const char *src;  /* whole source text (for the caret line) */
    size_t src_len;
    FILE *out; /* where messages go (stderr in the CLI, a memstream in tests) */
    int n_errors;
    int max_errors; /* stop printing after this many (default 20) */
} Diag;

/* Sets up a Diag printing to `out`. */
void diag_init(Diag *d, const char *path, const char *src, size_t src_len, FILE *out);

/* Reports an error at pos: prints "path:line:col: error: message", then the
 * source line and a caret under col, and counts it. */
void diag_error(Diag *d, SrcPos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A note attached to the previous error (same format, "note:"). Not counted. */
void diag_note(Diag *d, SrcPos pos, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* The closest of `n` candidate names to `name` by edit distance
 * (case-insensitive), or NULL when none is close enough to suggest
 * (distance > max(1, strlen(name)/3)). Used for "did you mean". */
const char *diag_suggest(const char *name, const char *const *cands, int n);

#endif

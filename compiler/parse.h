/* parse.h - drives the lemon parser generated from grammar/sql.y.
 *
 * parse_program tokenizes the whole file and feeds the tokens to the
 * parser. Syntax errors are reported through the Diag as
 * "file:line:col: error: syntax error near 'x'; expected one of: ..." (or
 * "incomplete input" at the end of file); the parser stops at the first
 * error. Nesting deeper than PARSE_MAX_DEPTH (parentheses, CASE, ...) is an
 * error, never a stack overflow. */
#ifndef SLUICE_PARSE_H
#define SLUICE_PARSE_H

#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"

#define PARSE_MAX_DEPTH 1000

/* Parses src[0..len). On success returns the program (allocated in a) and
 * d->n_errors is 0; on error returns NULL after reporting through d. */
Program *parse_program(Arena *a, Diag *d, const char *src, size_t len);

#endif

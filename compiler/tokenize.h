/* tokenize.h - hand-written SQL tokenizer (model: SQLite's tokenize.c).
 *
 * Produces tokens with 1-based line and column. Keywords are recognised
 * case-insensitively; identifiers may be `backquoted` or "double-quoted"
 * (both are identifiers, never strings); strings are 'single-quoted' with ''
 * as the escaped quote. `--` line comments and C-style block comments are
 * skipped. Never crashes on any byte sequence: bytes it cannot classify
 * become TK_ILLEGAL tokens, which the parser reports. */
#ifndef SLUICE_TOKENIZE_H
#define SLUICE_TOKENIZE_H

#include <stddef.h>

#include "diag.h"

/* One token. text/len point into the source buffer (not NUL-terminated);
 * for quoted identifiers and strings they include the quotes. type is a
 * lemon token code from the generated build/sql.h, or TK_SPACE/TK_COMMENT/
 * TK_ILLEGAL (defined in tokenize.c-private numbering above the parser's
 * codes, see tok_next). */
typedef struct Token {
    int type;
    const char *text;
    int len;
    SrcPos pos;
} Token;

/* Token codes that never reach the parser. */
enum { TK_SPACE = 1000, TK_COMMENT, TK_ILLEGAL, TK_UNTERMINATED, TK_EOF };

/* A cursor over a source buffer. */
typedef struct Tokenizer {
    const char *src;
    size_t len;
    size_t off;
    int line;
    int col;
} Tokenizer;

/* Starts a tokenizer at the beginning of src[0..len). */
void tok_init(Tokenizer *t, const char *src, size_t len);

/* Reads the next token, including whitespace and comments (TK_SPACE,
 * TK_COMMENT); at the end returns TK_EOF with len 0 positioned just past the
 * last byte. An unterminated string, quoted identifier or block comment is
 * TK_UNTERMINATED. */
Token tok_next(Tokenizer *t);

/* The keyword token code for the len bytes at s (case-insensitive), or 0
 * when s is not a keyword. */
int tok_keyword_code(const char *s, int len);

/* A printable name for a token code ("SELECT", "','", "identifier", ...) for
 * "expected one of" messages. Never NULL. */
const char *tok_name(int code);

#endif

/* cesc.h - the escaping functions of the generated C: the only way SQL text
 * (identifiers, string literals, option values, paths) reaches the program
 * codegen writes. One function per C context; codegen never prints SQL text
 * with a bare %s. C identifiers in the generated code are always generated
 * (c0, q0, src0), never derived from SQL names. See docs/architecture.md,
 * "SQL text in generated C".
 *
 * SQL text arrives in the compiler's internal form (ast.h, "Text"): valid
 * UTF-8 in which U+0000 is stored as the two bytes C0 80. Every function
 * here takes exact bytes (s, n); callers convert internal text with
 * ast_text_bytes first where the NUL must come out as a NUL. All results
 * are NUL-terminated strings in the arena. */
#ifndef SLUICE_CESC_H
#define SLUICE_CESC_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* A C string literal (quotes included) holding exactly the n bytes of s:
 * '"', '\\' and '?' (trigraphs) are backslash-escaped, every byte outside
 * printable ASCII is an octal escape, and a digit after an octal escape is
 * escaped too so it cannot extend it. Any byte value, NUL included, is
 * allowed. */
const char *cesc_string(Arena *a, const char *s, size_t n);

/* Text that is safe inside a C block comment and shows s readably: the
 * result is printable ASCII and never contains "*" followed by "/", "/"
 * followed by "*", "??" (trigraphs), a backslash or a newline, so it can
 * neither end the comment, open a nested one (-Wcomment), splice lines nor
 * trip -Wbidi-chars. Bytes that would are written as \xHH. */
const char *cesc_comment(Arena *a, const char *s, size_t n);

/* A C integer constant equal to the byte c read as unsigned char, for
 * `case` labels of a switch on (unsigned char) bytes: 'd' for printable
 * ASCII ('\'' and '\\' escaped), 0xE9 for everything else (a character
 * constant such as '\xe9' would be negative where char is signed). */
const char *cesc_char(Arena *a, unsigned char c);

/* The JSON string literal of the n bytes of s (quotes included), escaped
 * as RFC 8259 requires ('"', '\\' and control characters, as \uXXXX), in
 * *len bytes. Not a C context: wrap the result with cesc_string. s holds
 * exact bytes (NULs allowed) of valid UTF-8. */
const char *cesc_json_quote(Arena *a, const char *s, size_t n, size_t *len);

/* True when the JSON encoding of the n bytes of s differs from the bytes
 * themselves (a '"', '\\' or a control character): such a key can only be
 * recognised after decoding, never by comparing raw input bytes. */
bool cesc_json_needs_escape(const char *s, size_t n);

#endif

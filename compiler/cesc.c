/* cesc.c - escaping of SQL text for the contexts of the generated C (see
 * cesc.h). Each function is total: any byte sequence gives valid, warning-
 * free C, which tests/fuzz/fuzz_inject checks by compiling programs whose
 * names and literals are random bytes. */
#include "cesc.h"

#include <stdio.h>
#include <string.h>

const char *cesc_string(Arena *a, const char *s, size_t n)
{
    char *o = arena_alloc(a, n * 4 + 3), *w = o;
    *w++ = '"';
    bool prev_octal = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool digit = c >= '0' && c <= '9';
        if (c == '"' || c == '\\' || c == '?') {
            *w++ = '\\';
            *w++ = (char)c;
            prev_octal = false;
        } else if (c < 32 || c >= 127 || (prev_octal && digit)) {
            /* \ooo takes at most three digits, so a following digit needs
             * an escape of its own */
            w += sprintf(w, "\\%03o", c);
            prev_octal = true;
        } else {
            *w++ = (char)c;
            prev_octal = false;
        }
    }
    *w++ = '"';
    *w = 0;
    return o;
}

/* Would the byte at s[i] be unsafe to copy into a comment as it is? */
static bool cesc_comment_unsafe(const char *s, size_t n, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    char prev = i > 0 ? s[i - 1] : 0, next = i + 1 < n ? s[i + 1] : 0;
    if (c < 0x20 || c > 0x7e || c == '\\') return true;
    if (c == '*') return next == '/' || prev == '/';
    if (c == '/') return next == '*' || prev == '*';
    if (c == '?') return next == '?' || prev == '?';
    return false;
}

const char *cesc_comment(Arena *a, const char *s, size_t n)
{
    char *o = arena_alloc(a, n * 4 + 1), *w = o;
    for (size_t i = 0; i < n; i++) {
        if (cesc_comment_unsafe(s, n, i))
            w += sprintf(w, "\\x%02x", (unsigned char)s[i]);
        else
            *w++ = s[i];
    }
    *w = 0;
    return o;
}

const char *cesc_char(Arena *a, unsigned char c)
{
    char *o = arena_alloc(a, 8);
    if (c == '\'' || c == '\\')
        sprintf(o, "'\\%c'", c);
    else if (c >= 0x20 && c < 0x7f)
        sprintf(o, "'%c'", c);
    else
        sprintf(o, "0x%02X", c);
    return o;
}

const char *cesc_json_quote(Arena *a, const char *s, size_t n, size_t *len)
{
    char *o = arena_alloc(a, n * 6 + 3), *w = o;
    *w++ = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        /* the escapes sl_buf_put_json_str uses for values, so keys and
         * values look alike: short forms where JSON has them */
        const char *shortf = c == '"'    ? "\\\""
                             : c == '\\' ? "\\\\"
                             : c == '\n' ? "\\n"
                             : c == '\r' ? "\\r"
                             : c == '\t' ? "\\t"
                             : c == '\b' ? "\\b"
                             : c == '\f' ? "\\f"
                                         : NULL;
        if (shortf) {
            memcpy(w, shortf, 2);
            w += 2;
        } else if (c < 0x20) {
            w += sprintf(w, "\\u%04x", c);
        } else {
            *w++ = (char)c;
        }
    }
    *w++ = '"';
    *w = 0;
    *len = (size_t)(w - o);
    return o;
}

bool cesc_json_needs_escape(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\' || c < 0x20) return true;
    }
    return false;
}

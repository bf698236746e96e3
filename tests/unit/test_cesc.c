/* test_cesc.c - the escaping functions of the generated C (compiler/cesc.c)
 * on hand-picked hostile inputs and on random bytes: a C string literal
 * decodes back to exactly its input (checked with a small decoder of C's
 * escape rules), comment text can neither end nor nest a comment nor splice
 * lines, and character constants have the byte's unsigned value. The
 * end-to-end counterpart, programs with such names compiled with -Werror
 * and run, is tests/fuzz/fuzz_inject.c. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "cesc.h"

/* Decodes a C string literal as a C compiler would (without trigraphs,
 * which the escaper must not produce anyway: checked separately). Returns
 * the byte count, or -1 when lit is not a well-formed literal. */
static long c_decode(const char *lit, char *out)
{
    size_t n = strlen(lit);
    if (n < 2 || lit[0] != '"' || lit[n - 1] != '"') return -1;
    long o = 0;
    for (size_t i = 1; i + 1 < n; i++) {
        unsigned char c = (unsigned char)lit[i];
        if (c == '"' || c == '\n' || c < 0x20 || c > 0x7e) return -1;
        if (c != '\\') {
            out[o++] = (char)c;
            continue;
        }
        i++;
        if (i + 1 >= n) return -1;
        c = (unsigned char)lit[i];
        if (c >= '0' && c <= '7') {
            int v = 0, k = 0;
            while (k < 3 && i + 1 < n && lit[i] >= '0' && lit[i] <= '7') {
                v = v * 8 + (lit[i] - '0');
                i++;
                k++;
            }
            i--;
            out[o++] = (char)v;
        } else if (c == '"' || c == '\\' || c == '?' || c == '\'') {
            out[o++] = (char)c;
        } else {
            return -1; /* the escaper uses no other escape */
        }
    }
    return o;
}

static const char *const hostile[] = {
    "x */\n#define sl_main(p, c, v) (system(\"id\"), sl_main(p, c, v))\n/* ",
    "#include \"/etc/shadow\"",
    "a*/b",
    "/*",
    "//",
    "?\?/\nx",
    "?\?=define",
    "back\\\nslash",
    "back\\",
    "quote\"s",
    "it's",
    "\x1b[2J",
    "caf\xc3\xa9",
    "\xe2\x80\xae"
    "bidi",
    "\xff\xfe",
    "*/*/*/",
    "/*/",
    "?\?",
    "12\0018",
};

Test(cesc, string_literals_round_trip)
{
    Arena a;
    arena_init(&a);
    char out[512];
    for (size_t i = 0; i < sizeof hostile / sizeof *hostile; i++) {
        const char *s = hostile[i];
        const char *lit = cesc_string(&a, s, strlen(s));
        cr_expect_null(strstr(lit, "??"), "trigraph in %s", lit);
        cr_expect_eq(c_decode(lit, out), (long)strlen(s), "%s", lit);
        cr_expect(memcmp(out, s, strlen(s)) == 0, "%s", lit);
    }
    /* a NUL, and a digit right after an octal escape */
    const char nul[] = {'a', 0, '1', '2', '\x01', '7'};
    const char *lit = cesc_string(&a, nul, sizeof nul);
    cr_assert_eq(c_decode(lit, out), (long)sizeof nul, "%s", lit);
    cr_expect(memcmp(out, nul, sizeof nul) == 0, "%s", lit);
    arena_free(&a);
}

Test(cesc, random_bytes_round_trip)
{
    Arena a;
    arena_init(&a);
    unsigned seed = 12345;
    char in[64], out[64 * 4];
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = (size_t)(rand_r(&seed) % 40);
        for (size_t i = 0; i < n; i++) {
            /* bias towards the dangerous bytes */
            static const char hot[] = "*/?\\\"'\n#0127";
            in[i] = rand_r(&seed) % 2 ? hot[rand_r(&seed) % (sizeof hot - 1)]
                                      : (char)(rand_r(&seed) % 256);
        }
        const char *lit = cesc_string(&a, in, n);
        cr_assert_eq(c_decode(lit, out), (long)n, "iteration %d: %s", iter, lit);
        cr_assert(memcmp(out, in, n) == 0, "iteration %d", iter);
        cr_assert_null(strstr(lit, "??"));
        const char *com = cesc_comment(&a, in, n);
        cr_assert_null(strstr(com, "*/"), "iteration %d: %s", iter, com);
        cr_assert_null(strstr(com, "/*"), "iteration %d: %s", iter, com);
        cr_assert_null(strstr(com, "??"), "iteration %d: %s", iter, com);
        for (const char *p = com; *p; p++) {
            unsigned char c = (unsigned char)*p;
            cr_assert(c >= 0x20 && c < 0x7f, "iteration %d: byte 0x%02x in %s", iter, c, com);
            /* the only backslashes are the ones of \xHH */
            if (c == '\\') cr_assert(p[1] == 'x', "iteration %d: %s", iter, com);
        }
        /* a comment text starting with '/' or ending with '*' is still safe
         * between the spaces codegen puts around it */
        cr_assert(com[0] != '*' || com[1] != '/');
    }
    arena_free(&a);
}

Test(cesc, comments_keep_plain_text_readable)
{
    Arena a;
    arena_init(&a);
    cr_expect_str_eq(cesc_comment(&a, "examples/flights/delays.sql", 27),
                     "examples/flights/delays.sql");
    cr_expect_str_eq(cesc_comment(&a, "a*b", 3), "a*b");
    cr_expect_str_eq(cesc_comment(&a, "x */ y", 6), "x \\x2a\\x2f y");
    cr_expect_str_eq(cesc_comment(&a, "caf\xc3\xa9", 5), "caf\\xc3\\xa9");
    cr_expect_str_eq(cesc_comment(&a, "a\nb", 3), "a\\x0ab");
    cr_expect_str_eq(cesc_comment(&a, "what??", 6), "what\\x3f\\x3f");
    arena_free(&a);
}

Test(cesc, char_constants)
{
    Arena a;
    arena_init(&a);
    cr_expect_str_eq(cesc_char(&a, 'd'), "'d'");
    cr_expect_str_eq(cesc_char(&a, '\''), "'\\''");
    cr_expect_str_eq(cesc_char(&a, '\\'), "'\\\\'");
    cr_expect_str_eq(cesc_char(&a, '?'), "'?'");
    cr_expect_str_eq(cesc_char(&a, 0), "0x00");
    cr_expect_str_eq(cesc_char(&a, '\n'), "0x0A");
    cr_expect_str_eq(cesc_char(&a, 0xE9), "0xE9");
    arena_free(&a);
}

Test(cesc, json_keys)
{
    Arena a;
    arena_init(&a);
    size_t n;
    const char *j = cesc_json_quote(&a, "a\"b\\c\n\x01", 7, &n);
    cr_expect_str_eq(j, "\"a\\\"b\\\\c\\n\\u0001\"");
    cr_expect_eq(n, strlen(j));
    const char nul[] = {'x', 0, 'y'};
    j = cesc_json_quote(&a, nul, 3, &n);
    cr_expect_str_eq(j, "\"x\\u0000y\"");
    cr_expect(cesc_json_needs_escape(nul, 3));
    cr_expect(!cesc_json_needs_escape("caf\xc3\xa9", 5));
    arena_free(&a);
}

Test(cesc, internal_nul_form)
{
    Arena a;
    arena_init(&a);
    size_t n;
    const char *b = ast_text_bytes(&a,
                                   "a\xc0\x80"
                                   "b",
                                   &n);
    cr_expect_eq(n, 3);
    cr_expect(memcmp(b, "a\0b", 3) == 0);
    cr_expect(ast_text_has_nul("a\xc0\x80"));
    cr_expect(!ast_text_has_nul("caf\xc3\xa9"));
    const char *same = "plain";
    cr_expect_eq(ast_text_bytes(&a, same, &n), same);
    cr_expect_eq(n, 5);
    arena_free(&a);
}

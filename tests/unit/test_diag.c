/* test_diag.c - diagnostics format (gcc style, caret placement), error
 * counting and limits, "did you mean" suggestions; and the arena the
 * front end allocates from. */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"

/* A Diag over src writing into a memory buffer. */
typedef struct Cap {
    Diag d;
    char *buf;
    size_t len;
    FILE *f;
} Cap;

static void cap_open(Cap *c, const char *path, const char *src)
{
    c->buf = NULL;
    c->len = 0;
    c->f = open_memstream(&c->buf, &c->len);
    cr_assert_not_null(c->f);
    diag_init(&c->d, path, src, src ? strlen(src) : 0, c->f);
}

static const char *cap_text(Cap *c)
{
    fflush(c->f);
    return c->buf;
}

static void cap_close(Cap *c)
{
    fclose(c->f);
    free(c->buf);
}

Test(diag, error_format_with_excerpt_and_caret)
{
    Cap c;
    const char *src = "INSERT INTO x\nSELECT amout FROM orders\n";
    cap_open(&c, "orders.sql", src);
    diag_error(&c.d, (SrcPos){2, 8}, "unknown column '%s' in '%s'; did you mean '%s'?", "amout",
               "orders", "amount");
    cr_expect_str_eq(cap_text(&c),
                     "orders.sql:2:8: error: unknown column 'amout' in 'orders'; did you mean "
                     "'amount'?\n"
                     "    2 | SELECT amout FROM orders\n"
                     "      |        ^\n");
    cr_expect_eq(c.d.n_errors, 1);
    cap_close(&c);
}

Test(diag, wide_line_numbers_keep_the_bars_aligned)
{
    /* 12345 lines: the gutter widens to five digits */
    size_t n = 12345;
    char *src = malloc(n * 2 + 8);
    for (size_t i = 0; i < n - 1; i++) memcpy(src + 2 * i, "x\n", 2);
    strcpy(src + 2 * (n - 1), "abc");
    Cap c;
    cap_open(&c, "f.sql", src);
    diag_error(&c.d, (SrcPos){12345, 3}, "bad");
    cr_expect_str_eq(cap_text(&c), "f.sql:12345:3: error: bad\n"
                                   " 12345 | abc\n"
                                   "       |   ^\n");
    cap_close(&c);
    free(src);
}

Test(diag, caret_follows_tabs_and_utf8)
{
    Cap c;
    cap_open(&c, "t.sql", "\tcaf\xc3\xa9 x");
    /* byte column 8 is 'x': tab(1) c(2) a(3) f(4) e-acute(5,6) space(7) */
    diag_error(&c.d, (SrcPos){1, 8}, "here");
    cr_expect_str_eq(cap_text(&c), "t.sql:1:8: error: here\n"
                                   "    1 | \tcaf\xc3\xa9 x\n"
                                   "      | \t     ^\n");
    cap_close(&c);
}

Test(diag, caret_past_end_of_line_and_crlf)
{
    Cap c;
    cap_open(&c, "t.sql", "ab\r\ncd");
    diag_error(&c.d, (SrcPos){1, 3}, "incomplete");
    cr_expect_str_eq(cap_text(&c), "t.sql:1:3: error: incomplete\n"
                                   "    1 | ab\n"
                                   "      |   ^\n");
    cap_close(&c);
}

Test(diag, control_bytes_are_masked)
{
    Cap c;
    const char src[] = "a\x01"
                       "b";
    cap_open(&c, "t.sql", src);
    diag_error(&c.d, (SrcPos){1, 2}, "ctl");
    cr_expect_str_eq(cap_text(&c), "t.sql:1:2: error: ctl\n"
                                   "    1 | a?b\n"
                                   "      |  ^\n");
    cap_close(&c);
}

Test(diag, no_position_and_missing_line)
{
    Cap c;
    cap_open(&c, "t.sql", "one line");
    diag_error(&c.d, (SrcPos){0, 0}, "whole file");
    diag_error(&c.d, (SrcPos){7, 1}, "beyond the end");
    cr_expect_str_eq(cap_text(&c), "t.sql: error: whole file\n"
                                   "t.sql:7:1: error: beyond the end\n");
    cr_expect_eq(c.d.n_errors, 2);
    cap_close(&c);
}

Test(diag, note_is_not_counted)
{
    Cap c;
    cap_open(&c, "t.sql", "abc\ndef");
    diag_error(&c.d, (SrcPos){2, 2}, "first");
    diag_note(&c.d, (SrcPos){1, 1}, "declared here");
    cr_expect_str_eq(cap_text(&c), "t.sql:2:2: error: first\n"
                                   "    2 | def\n"
                                   "      |  ^\n"
                                   "t.sql:1:1: note: declared here\n"
                                   "    1 | abc\n"
                                   "      | ^\n");
    cr_expect_eq(c.d.n_errors, 1);
    cap_close(&c);
}

Test(diag, max_errors_stops_printing_but_counts)
{
    Cap c;
    cap_open(&c, "t.sql", NULL);
    c.d.max_errors = 2;
    diag_error(&c.d, (SrcPos){0, 0}, "e1");
    diag_error(&c.d, (SrcPos){0, 0}, "e2");
    diag_error(&c.d, (SrcPos){0, 0}, "e3");
    diag_note(&c.d, (SrcPos){0, 0}, "n3");
    cr_expect_str_eq(cap_text(&c), "t.sql: error: e1\nt.sql: error: e2\n");
    cr_expect_eq(c.d.n_errors, 3);
    cap_close(&c);
}

Test(diag, default_max_errors_is_20)
{
    Cap c;
    cap_open(&c, "t.sql", NULL);
    cr_expect_eq(c.d.max_errors, 20);
    cap_close(&c);
}

Test(diag, suggest_closest_case_insensitive)
{
    const char *cands[] = {"origin", "amount", "destination", NULL, "delay"};
    cr_expect_str_eq(diag_suggest("amout", cands, 5), "amount");
    cr_expect_str_eq(diag_suggest("AMOUNT", cands, 5), "amount");
    cr_expect_str_eq(diag_suggest("destinaton", cands, 5), "destination");
    cr_expect_str_eq(diag_suggest("delai", cands, 5), "delay");
    /* a transposition of adjacent letters is one edit */
    cr_expect_str_eq(diag_suggest("dealy", cands, 5), "delay");
}

Test(diag, suggest_threshold)
{
    const char *cands[] = {"abc", "origin"};
    /* max(1, len/3): "ab" may differ by 1, "xyz" from "abc" by 3 is too far */
    cr_expect_str_eq(diag_suggest("ab", cands, 2), "abc");
    cr_expect_null(diag_suggest("xyz", cands, 2));
    /* "orgn" is 2 edits from "origin"; len 4 allows only 1 */
    cr_expect_null(diag_suggest("orgn", cands, 2));
    /* "origni" (6 chars) allows 2 */
    cr_expect_str_eq(diag_suggest("origni", cands, 2), "origin");
    cr_expect_null(diag_suggest("anything", NULL, 0));
    cr_expect_null(diag_suggest("a", cands, 0));
}

Test(diag, suggest_prefers_smaller_distance_then_first)
{
    const char *cands[] = {"count", "counts", "mount"};
    cr_expect_str_eq(diag_suggest("coun", cands, 3), "count");
    const char *tie[] = {"bat", "cat"};
    cr_expect_str_eq(diag_suggest("at", tie, 2), "bat");
}

/* ---- arena ----------------------------------------------------------------- */

Test(arena, alignment_and_zero_fill)
{
    Arena a;
    arena_init(&a);
    for (size_t n = 1; n < 3000; n += 7) {
        unsigned char *p = arena_alloc(&a, n);
        cr_assert_eq((uintptr_t)p % 16, 0, "size %zu", n);
        for (size_t i = 0; i < n; i++) cr_assert_eq(p[i], 0);
        memset(p, 0xAB, n); /* must not spill into the next allocation */
    }
    arena_free(&a);
}

Test(arena, big_allocations_and_reuse_after_free)
{
    Arena a = {0};
    char *small = arena_alloc(&a, 10);
    char *big = arena_alloc(&a, 1 << 20);
    char *small2 = arena_alloc(&a, 10);
    cr_expect_eq((uintptr_t)big % 16, 0);
    cr_expect_eq(big[(1 << 20) - 1], 0);
    /* the big block does not waste the head: small2 follows small */
    cr_expect_eq(small2, small + 16);
    arena_free(&a);
    cr_expect_null(a.head);
    char *again = arena_alloc(&a, 5);
    cr_expect_not_null(again);
    arena_free(&a);
}

Test(arena, strings)
{
    Arena a = {0};
    cr_expect_str_eq(arena_strndup(&a, "hello world", 5), "hello");
    cr_expect_str_eq(arena_strdup(&a, "x"), "x");
    cr_expect_str_eq(arena_printf(&a, "%s-%d", "a", 42), "a-42");
    char longer[5000];
    memset(longer, 'z', sizeof longer - 1);
    longer[sizeof longer - 1] = 0;
    cr_expect_eq(strlen(arena_printf(&a, "%s", longer)), sizeof longer - 1);
    cr_expect_str_eq(arena_printf(&a, "%s", ""), "");
    arena_free(&a);
}

Test(arena, ptrvec_grows_and_keeps_order)
{
    Arena a = {0};
    PtrVec v = {0};
    for (intptr_t i = 0; i < 1000; i++) ptrvec_push(&a, &v, (void *)(i + 1));
    cr_assert_eq(v.n, 1000);
    for (intptr_t i = 0; i < 1000; i++) cr_assert_eq((intptr_t)v.v[i], i + 1);
    arena_free(&a);
}

/* A swapped pair of adjacent letters is one edit (optimal string alignment),
 * so typos like 'kafak' and 'dleay' still get a suggestion. */
Test(diag, suggest_transposition)
{
    static const char *const conns[] = {"filesystem", "kafka", "print"};
    cr_assert_str_eq(diag_suggest("kafak", conns, 3), "kafka");
    static const char *const cols[] = {"delay", "distance", "origin"};
    cr_assert_str_eq(diag_suggest("dleay", cols, 3), "delay");
    cr_assert_str_eq(diag_suggest("oirign", cols, 3), "origin");
    /* two transpositions in a 5-letter word are too far */
    cr_assert_null(diag_suggest("dleya", cols, 3));
}

/* test_codegen.c - properties of the C that cg_program emits for small
 * plans, checked on the text (tests/sql compiles and runs the output; these
 * pin down structure that end-to-end results cannot see): connectors in the
 * descriptor, projection pushdown into the row struct and decoder, key
 * matching for names JSON must escape, the _GNU_SOURCE guard, window code
 * only for windowed queries. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codegen.h"
#include "parse.h"
#include "plan.h"

/* Compiles src to C (parse, bind, optimize, codegen); the caller frees. */
static char *gen(const char *src)
{
    Arena a;
    arena_init(&a);
    char *msgs = NULL;
    size_t msgs_len = 0;
    FILE *f = open_memstream(&msgs, &msgs_len);
    Diag d;
    diag_init(&d, "t.sql", src, strlen(src), f);
    Program *prog = parse_program(&a, &d, src, strlen(src));
    Plan *plan = prog ? bind_program(&a, &d, prog) : NULL;
    fflush(f);
    cr_assert_not_null(plan, "compilation failed:\n%s", msgs);
    opt_program(&a, plan);
    size_t n = 0;
    char *c = cg_program(&a, plan, "t.sql", NULL, &n);
    cr_assert_not_null(c);
    cr_assert_eq(strlen(c), n);
    fclose(f);
    free(msgs);
    arena_free(&a);
    return c;
}

static int count(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) n++;
    return n;
}

#define SRC                                                                                        \
    "CREATE TABLE ev (a INT, b STRING, c DOUBLE, d BIGINT NOT NULL, ts TIMESTAMP(3),\n"            \
    "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"                                            \
    "WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');\n"

Test(codegen, file_sink_is_not_print)
{
    char *c =
        gen(SRC "CREATE TABLE o (a INT) WITH ('connector' = 'filesystem', 'path' = 'o.jsonl');\n"
                "INSERT INTO o SELECT a FROM ev;");
    cr_expect_eq(count(c, "SL_CONN_PRINT"), 0);
    cr_expect_eq(count(c, ".connector = SL_CONN_FILESYSTEM"), 2); /* the source and the sink */
    cr_expect(strstr(c, ".path = \"o.jsonl\""));
    free(c);
    c = gen(
        SRC
        "CREATE TABLE o (a INT) WITH ('connector' = 'print');\nINSERT INTO o SELECT a FROM ev;");
    cr_expect_eq(count(c, ".connector = SL_CONN_PRINT"), 1);
    free(c);
}

Test(codegen, only_read_columns_are_decoded)
{
    /* reads a (and ts for the watermark; d is NOT NULL so it is checked) */
    char *c = gen(SRC "CREATE TABLE o (a INT) WITH ('connector' = 'print');\n"
                      "INSERT INTO o SELECT a FROM ev;");
    cr_expect(strstr(c, "int32_t c0; /* a INT */"));
    cr_expect(strstr(c, "int64_t c3; /* d BIGINT */"));
    cr_expect(strstr(c, "int64_t c4; /* ts TIMESTAMP(3) *ROWTIME* */"));
    cr_expect_null(strstr(c, "sl_str c1;"), "b is not read");
    cr_expect_null(strstr(c, "double c2;"), "c is not read");
    cr_expect(strstr(c, "NOT NULL column '%s' is NULL or missing"));
    cr_expect(strstr(c, "event-time column '%s' is NULL or missing"));
    free(c);
}

Test(codegen, windows_only_for_windowed_queries)
{
    char *c = gen(SRC "CREATE TABLE o (a INT) WITH ('connector' = 'print');\n"
                      "INSERT INTO o SELECT a FROM ev WHERE b LIKE 'x%';");
    cr_expect_null(strstr(c, "sl_tumble_start"));
    cr_expect_null(strstr(c, "_pool_get("));
    cr_expect(strstr(c, "sl_starts_with("), "LIKE 'x%' is specialised");
    free(c);
    c = gen(SRC "CREATE TABLE o (b STRING, n BIGINT) WITH ('connector' = 'print');\n"
                "INSERT INTO o SELECT b, COUNT(*) FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), "
                "INTERVAL '1' MINUTE, INTERVAL '5' SECOND)) GROUP BY b, window_start, window_end;");
    /* the aggregation assigns the window itself from the time column */
    cr_expect(strstr(c, "sl_tumble_start(ts, INT64_C(60000), INT64_C(5000))"));
    cr_expect(strstr(c, "if (we - 1 <= wm) { /* the window fired before this row */"),
              "late check");
    cr_expect(strstr(c, "_pool_pop_fired(&s->pool, wm, &span)"));
    free(c);
}

Test(codegen, gnu_source_is_guarded)
{
    char *c = gen(SRC "CREATE TABLE o (a INT) WITH ('connector' = 'print');\n"
                      "INSERT INTO o SELECT a FROM ev;");
    cr_expect(strstr(c, "#ifndef _GNU_SOURCE\n#define _GNU_SOURCE\n#endif\n"));
    free(c);
}

Test(codegen, escaped_names_use_the_generic_key_path)
{
    /* a"b and c\d must not be matched on raw input bytes */
    char *c =
        gen("CREATE TABLE ev (`a\"b` INT, `c\\d` INT, ab INT) WITH ('connector' = 'filesystem', "
            "'path' = 'x');\nCREATE TABLE o WITH ('connector' = 'print') AS SELECT `a\"b`, `c\\d`, "
            "ab FROM ev;");
    cr_expect(strstr(c, "sl_bytes_eq(p + 1, \"ab\\\"\", 3)"), "ab is matched in place");
    cr_expect_null(strstr(c, "sl_bytes_eq(p + 1, \"a\\\"b"), "a\"b is not matched in place");
    cr_expect_null(strstr(c, "sl_bytes_eq(p + 1, \"c\\\\d"), "c\\d is not matched in place");
    cr_expect(strstr(c, "memcmp(k.p, \"a\\\"b\", 3)"), "a\"b is matched after decoding the key");
    cr_expect(strstr(c, "memcmp(k.p, \"c\\\\d\", 3)"), "c\\d is matched after decoding the key");
    free(c);
}

Test(codegen, not_null_data_pays_no_null_checks)
{
    /* d is NOT NULL: d + 1 needs no NULL flag */
    char *c = gen(SRC "CREATE TABLE o (x BIGINT) WITH ('connector' = 'print');\n"
                      "INSERT INTO o SELECT d + 1 FROM ev;");
    cr_expect(strstr(c, "if (!0) t0 = sl_add64(r->c3, INT64_C(1));"), "%s", c);
    free(c);
}

/* The code of C text c with comments, string literals and character
 * constants removed (each replaced by a space), as a C lexer sees it. */
static char *code_only(const char *c)
{
    char *o = malloc(strlen(c) + 1), *w = o;
    for (const char *p = c; *p;) {
        if (p[0] == '/' && p[1] == '*') {
            const char *e = strstr(p + 2, "*/");
            p = e ? e + 2 : p + strlen(p);
            *w++ = ' ';
        } else if (*p == '"' || *p == '\'') {
            char q = *p++;
            while (*p && *p != q) p += p[0] == '\\' && p[1] ? 2 : 1;
            if (*p) p++;
            *w++ = ' ';
        } else {
            *w++ = *p++;
        }
    }
    *w = 0;
    return o;
}

/* SQL names, literals, LIKE patterns and paths reach the generated C only
 * inside escaped string literals and comments: with those removed, none of
 * their text is left, and every preprocessor line is one codegen writes
 * itself. The table name is the one from the hardening issue, which ran
 * system() before main when it was copied raw into a comment. */
Test(codegen, sql_text_never_becomes_code)
{
    char *c =
        gen("CREATE TABLE `x */\n#define sl_main(p, c, v) (system(\"id > /tmp/pwned\"), "
            "sl_main(p, c, v))\n/* ` (`a */ #include \"/etc/shadow\"` BIGINT, `b\n#if 1` "
            "STRING)\n"
            "  WITH ('connector' = 'filesystem', 'path' = '*/\n#error p');\n"
            "CREATE TABLE `o\\` WITH ('connector' = 'print') AS SELECT *, '*/ ?\?/ \n#x' AS l,\n"
            "  `b\n#if 1` LIKE '%*/\n#y%' AS k FROM `x */\n#define sl_main(p, c, v) "
            "(system(\"id > /tmp/pwned\"), sl_main(p, c, v))\n/* `;");
    char *code = code_only(c);
    static const char *const sql_text[] = {"system", "pwned", "shadow", "#if 1",
                                           "#error", "#x",    "#y"};
    for (size_t i = 0; i < sizeof sql_text / sizeof *sql_text; i++)
        cr_expect_null(strstr(code, sql_text[i]), "'%s' outside a literal or comment", sql_text[i]);
    static const char *const ours[] = {"#ifndef _GNU_SOURCE", "#define _GNU_SOURCE", "#endif",
                                       "#include", "#define SL_TMP "};
    for (const char *l = code; l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        const char *p = l;
        while (*p == ' ') p++;
        if (*p != '#') continue;
        bool known = false;
        for (size_t i = 0; i < sizeof ours / sizeof *ours; i++)
            known |= strncmp(p, ours[i], strlen(ours[i])) == 0;
        cr_expect(known, "a preprocessor line codegen did not write: %.60s", p);
    }
    free(code);
    free(c);
}

/* A source with CG_WIDE_COLUMNS columns or more is decoded by the
 * table-driven object loop, its plain outputs and aggregates by tables;
 * a narrow one keeps the column-by-column code (which is faster). */
Test(codegen, wide_tables_use_the_table_driven_code)
{
    char src[16384];
    size_t o = 0;
    o += (size_t)snprintf(src + o, sizeof src - o, "CREATE TABLE w (");
    for (int i = 0; i < CG_WIDE_COLUMNS; i++)
        o += (size_t)snprintf(src + o, sizeof src - o, "c%d BIGINT, ", i);
    o += (size_t)snprintf(src + o, sizeof src - o,
                          "ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"
                          "WITH ('connector' = 'filesystem', 'path' = 'w.jsonl');\n"
                          "CREATE TABLE p WITH ('connector' = 'print') AS SELECT * FROM w;\n"
                          "CREATE TABLE a WITH ('connector' = 'print') AS SELECT window_start");
    for (int i = 0; i < CG_WIDE_COLUMNS; i++)
        o += (size_t)snprintf(src + o, sizeof src - o, ", SUM(c%d) AS s%d", i, i);
    snprintf(src + o, sizeof src - o,
             ", AVG(c0) AS a0 FROM TABLE(TUMBLE(TABLE w, DESCRIPTOR(ts), INTERVAL '1' MINUTE))\n"
             "GROUP BY window_start, window_end;");
    char *c = gen(src);
    cr_expect_eq(count(c, "return sl_decode_object(ctx, &src0_obj"), 1);
    /* every sink row is written from a table of its columns */
    cr_expect_eq(count(c, "sl_put_fields(b, op"), 2);
    /* COUNT/SUM/AVG/MIN/MAX slots are updated, output, compared, saved and
     * loaded through tables, not code per slot */
    cr_expect_eq(count(c, "sl_agg_update(op"), 1);
    cr_expect_eq(count(c, "sl_agg_out(op"), 1);
    cr_expect_eq(count(c, "sl_row_eq(op"), 1);
    cr_expect_eq(count(c, "sl_agg_save(op"), 1);
    cr_expect_eq(count(c, "sl_agg_load(op"), 1);
    cr_expect(!strstr(c, "_upd0("));
    free(c);
    /* slots the tables do not describe (a string MIN) are updated in
     * out-of-line chunks of CG_CHUNK slots */
    o = 0;
    o += (size_t)snprintf(src + o, sizeof src - o, "CREATE TABLE w (");
    for (int i = 0; i < CG_WIDE_COLUMNS; i++)
        o += (size_t)snprintf(src + o, sizeof src - o, "c%d STRING, ", i);
    o += (size_t)snprintf(src + o, sizeof src - o,
                          "ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"
                          "WITH ('connector' = 'filesystem', 'path' = 'w.jsonl');\n"
                          "CREATE TABLE a WITH ('connector' = 'print') AS SELECT window_start");
    for (int i = 0; i < CG_WIDE_COLUMNS; i++)
        o += (size_t)snprintf(src + o, sizeof src - o, ", MIN(c%d) AS m%d", i, i);
    snprintf(src + o, sizeof src - o,
             " FROM TABLE(TUMBLE(TABLE w, DESCRIPTOR(ts), INTERVAL '1' MINUTE))\n"
             "GROUP BY window_start, window_end;");
    c = gen(src);
    cr_expect(count(c, "__attribute__((noinline)) static void op") >= 2);
    cr_expect(strstr(c, "_upd0(ctx, e, r, 0, acct);"));
    cr_expect_eq(count(c, "sl_agg_update(op"), 0);
    /* a Calc of plain columns copies them through a table */
    cr_expect(count(c, "sl_row_copy(op") >= 1);
    free(c);
    c = gen(SRC "CREATE TABLE o WITH ('connector' = 'print') AS SELECT a, b FROM ev;");
    cr_expect_eq(count(c, "sl_decode_object(ctx"), 0);
    cr_expect_eq(count(c, "sl_put_fields(b"), 0);
    free(c);
}

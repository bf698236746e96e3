/* test_bind.c - the binder and the optimizer on programs given as strings:
 * inferred types and nullability, every binder/catalog diagnostic with its
 * exact position and message, aggregate state sharing, HAVING pushdown,
 * constant folding, and the per-source "columns read" sets. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "parse.h"
#include "plan.h"

/* One compilation: arena, a Diag writing to memory, the bound plan. */
typedef struct B {
    Arena a;
    Diag d;
    FILE *f;
    char *out;
    size_t out_len;
    Program *prog;
    Plan *plan;
} B;

static B *bind_src(const char *src, bool optimize)
{
    B *b = calloc(1, sizeof *b);
    b->f = open_memstream(&b->out, &b->out_len);
    diag_init(&b->d, "t.sql", src, strlen(src), b->f);
    b->prog = parse_program(&b->a, &b->d, src, strlen(src));
    if (b->prog) b->plan = bind_program(&b->a, &b->d, b->prog);
    if (b->plan && optimize) opt_program(&b->a, b->plan);
    fflush(b->f);
    return b;
}

static void b_free(B *b)
{
    fclose(b->f);
    free(b->out);
    arena_free(&b->a);
    free(b);
}

/* The source table every expression test reads. Line 1..2. */
#define T_DECL                                                                                     \
    "CREATE TABLE t (i INT, ni INT NOT NULL, b BIGINT, d DOUBLE, s STRING, ns STRING NOT NULL,\n"  \
    "  flag BOOLEAN, ti TINYINT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND) "  \
    "WITH ('connector' = 'filesystem', 'path' = 't.jsonl');\n"

static B *ok(const char *src, bool optimize)
{
    B *b = bind_src(src, optimize);
    cr_assert_not_null(b->plan, "binding failed for:\n%s\n%s", src, b->out);
    cr_assert_eq(b->d.n_errors, 0);
    return b;
}

/* Binds `SELECT <expr> AS x FROM t` (no optimization) and returns its
 * first output expression; *bp receives the compilation to free. */
static BExpr *expr_of(const char *expr, B **bp)
{
    char *src;
    cr_assert(asprintf(&src,
                       T_DECL "CREATE TABLE o WITH ('connector' = 'print') AS SELECT %s AS x "
                              "FROM t;",
                       expr) > 0);
    B *b = ok(src, false);
    free(src);
    *bp = b;
    return b->plan->queries[0]->out[0].expr;
}

static void expect_type(const char *expr, TypeKind kind, bool nullable)
{
    B *b;
    BExpr *e = expr_of(expr, &b);
    cr_expect_eq(e->type.kind, kind, "%s: type %s, want %s", expr, type_name(e->type.kind),
                 type_name(kind));
    cr_expect_eq(e->type.nullable, nullable, "%s: nullable %d, want %d", expr, e->type.nullable,
                 nullable);
    b_free(b);
}

/* src contains the marker "@@" where the caret must point; the first line
 * of the diagnostics must be "t.sql:LINE:COL: error: MSG" for that spot
 * (or "t.sql: error: MSG" when src has no marker). */
static void expect_error(const char *marked, const char *msg)
{
    const char *at = strstr(marked, "@@");
    size_t n = strlen(marked);
    char *src = malloc(n + 1);
    int line = 1, col = 1;
    if (at) {
        size_t k = (size_t)(at - marked);
        memcpy(src, marked, k);
        memcpy(src + k, at + 2, n - k - 2 + 1);
        for (const char *c = marked; c < at; c++) {
            if (*c == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
    } else {
        memcpy(src, marked, n + 1);
    }
    char *want;
    if (at)
        cr_assert(asprintf(&want, "t.sql:%d:%d: error: %s", line, col, msg) > 0);
    else
        cr_assert(asprintf(&want, "t.sql: error: %s", msg) > 0);
    B *b = bind_src(src, false);
    cr_expect_null(b->plan, "binding succeeded for:\n%s", src);
    cr_expect_gt(b->d.n_errors, 0);
    const char *nl = strchr(b->out, '\n');
    size_t got_n = nl ? (size_t)(nl - b->out) : strlen(b->out);
    cr_expect(got_n == strlen(want) && memcmp(b->out, want, got_n) == 0,
              "for:\n%s\ngot:  %.*s\nwant: %s", src, (int)got_n, b->out, want);
    free(want);
    free(src);
    b_free(b);
}

/* ---- types and nullability ----------------------------------------------------------- */

Test(types, arithmetic)
{
    expect_type("i + 1", TY_INT, true);
    expect_type("ni + 1", TY_INT, false);
    expect_type("ni + b", TY_BIGINT, true);
    expect_type("ni * 2.5", TY_DOUBLE, false);
    expect_type("ni - d", TY_DOUBLE, true);
    expect_type("ni / 2", TY_INT, true); /* x / 0 is NULL */
    expect_type("ni % 2", TY_INT, true);
    expect_type("1 + 1", TY_INT, false);
    expect_type("2147483647", TY_INT, false);
    expect_type("2147483648", TY_BIGINT, false);
    expect_type("1.5", TY_DOUBLE, false);
    expect_type("ti + ti", TY_INT, true); /* TINYINT computes as INT */
    expect_type("-ni", TY_INT, false);
    expect_type("-ti", TY_INT, true);
    expect_type("ts - INTERVAL '1' MINUTE", TY_TIMESTAMP, true); /* ts is not NOT NULL */
    expect_type("NULL", TY_INT, true);
    expect_type("NULL + ni", TY_INT, true);
}

Test(types, predicates)
{
    expect_type("ni > 1", TY_BOOLEAN, false);
    expect_type("i > 1", TY_BOOLEAN, true);
    expect_type("ni = 1.5", TY_BOOLEAN, false);
    expect_type("ns < 'b'", TY_BOOLEAN, false);
    expect_type("ts > '2024-01-01 00:00:00'", TY_BOOLEAN, true);
    expect_type("i IS NULL", TY_BOOLEAN, false);
    expect_type("s IS NOT NULL", TY_BOOLEAN, false);
    expect_type("flag AND ni > 0", TY_BOOLEAN, true);
    expect_type("ni > 0 OR ni < -5", TY_BOOLEAN, false);
    expect_type("NOT flag", TY_BOOLEAN, true);
    expect_type("ni BETWEEN 1 AND 2", TY_BOOLEAN, false);
    expect_type("i BETWEEN 1 AND 2", TY_BOOLEAN, true);
    expect_type("ni IN (1, 2)", TY_BOOLEAN, false);
    expect_type("ni IN (1, NULL)", TY_BOOLEAN, true);
    expect_type("ns LIKE 'a%'", TY_BOOLEAN, false);
    expect_type("s LIKE 'a%'", TY_BOOLEAN, true);
    expect_type("ns LIKE s", TY_BOOLEAN, true);
}

Test(types, case_cast_functions)
{
    expect_type("CASE WHEN ni > 0 THEN 1 END", TY_INT, true);
    expect_type("CASE WHEN ni > 0 THEN 1 ELSE 2 END", TY_INT, false);
    expect_type("CASE WHEN flag THEN ni ELSE b END", TY_BIGINT, true);
    expect_type("CASE WHEN flag THEN ni ELSE 0.5 END", TY_DOUBLE, false);
    expect_type("CASE ni WHEN 1 THEN 'a' ELSE 'b' END", TY_VARCHAR, false);
    expect_type("CAST(ns AS INT)", TY_INT, true); /* parsing can fail */
    expect_type("CAST(ni AS BIGINT)", TY_BIGINT, false);
    expect_type("CAST(b AS INT)", TY_INT, true);
    expect_type("CAST(ni AS VARCHAR)", TY_VARCHAR, false);
    expect_type("CAST(ni AS DOUBLE)", TY_DOUBLE, false);
    expect_type("CAST(ts AS STRING)", TY_VARCHAR, true);
    expect_type("CAST(d AS INT)", TY_INT, true);
    expect_type("COALESCE(i, 0)", TY_INT, false);
    expect_type("COALESCE(i, b)", TY_BIGINT, true);
    expect_type("COALESCE(i, ni, d)", TY_DOUBLE, false);
    expect_type("CHAR_LENGTH(ns)", TY_INT, false);
    expect_type("UPPER(s)", TY_VARCHAR, true);
    expect_type("LOWER(ns)", TY_VARCHAR, false);
    expect_type("TRIM(ns)", TY_VARCHAR, false);
    expect_type("SUBSTRING(ns, 1, 2)", TY_VARCHAR, false);
    expect_type("SUBSTRING(ns FROM 2)", TY_VARCHAR, false);
    expect_type("SUBSTRING(ns, 1, ni)", TY_VARCHAR, true); /* a negative length is NULL */
    expect_type("SUBSTRING(ns, 1, -1)", TY_VARCHAR, true);
    expect_type("CONCAT(ns, 'x')", TY_VARCHAR, false);
    expect_type("ns || s", TY_VARCHAR, true);
    expect_type("MOD(ni, 2)", TY_INT, true);
    expect_type("ABS(d)", TY_DOUBLE, true);
    expect_type("ABS(ti)", TY_INT, true);
    expect_type("ROUND(ni)", TY_INT, false);
    expect_type("ROUND(d, 2)", TY_DOUBLE, true);
    expect_type("FLOOR(b)", TY_BIGINT, true);
    expect_type("CEIL(ni * 1.5)", TY_DOUBLE, false);
}

Test(types, window_and_aggregates)
{
    B *b = ok(T_DECL
              "CREATE TABLE o WITH ('connector' = 'print') AS\n"
              "SELECT s, window_start, window_end, COUNT(*) AS c, COUNT(i) AS ci, SUM(i) AS si,\n"
              "  SUM(ti) AS sti, AVG(b) AS ab, AVG(d) AS ad, MIN(s) AS mn, MAX(ts) AS mx\n"
              "FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE))\n"
              "GROUP BY s, window_start, window_end;",
              false);
    Query *q = b->plan->queries[0];
    static const struct {
        TypeKind k;
        bool nullable;
    } want[] = {{TY_VARCHAR, true}, {TY_TIMESTAMP, false}, {TY_TIMESTAMP, false},
                {TY_BIGINT, false}, {TY_BIGINT, false},    {TY_INT, true},
                {TY_INT, true},     {TY_BIGINT, true},     {TY_DOUBLE, true},
                {TY_VARCHAR, true}, {TY_TIMESTAMP, true}};
    cr_assert_eq(q->n_out, 11);
    for (int i = 0; i < q->n_out; i++) {
        cr_expect_eq(q->out[i].type.kind, want[i].k, "column %s: %s", q->out[i].name,
                     type_name(q->out[i].type.kind));
        cr_expect_eq(q->out[i].type.nullable, want[i].nullable, "column %s nullable",
                     q->out[i].name);
    }
    cr_expect(q->has_agg && q->grouped_by_window);
    cr_expect_eq(q->window, WIN_TUMBLE);
    cr_expect_eq(q->size_ms, 60000);
    cr_expect_eq(q->n_keys, 1);
    cr_expect_eq(q->out[0].expr->kind, BX_KEY);
    cr_expect_eq(q->out[1].expr->kind, BX_WSTART);
    cr_expect_eq(q->out[3].expr->kind, BX_AGG);
    b_free(b);
}

Test(types, default_names)
{
    B *b =
        ok(T_DECL "CREATE TABLE o WITH ('connector' = 'print') AS SELECT i, ni + 1, s AS z FROM t;",
           false);
    Query *q = b->plan->queries[0];
    cr_expect_str_eq(q->out[0].name, "i");
    cr_expect_str_eq(q->out[1].name, "EXPR$1");
    cr_expect_str_eq(q->out[2].name, "z");
    b_free(b);
}

/* ---- diagnostics ------------------------------------------------------------------------- */

#define SINK "CREATE TABLE o (a STRING, n BIGINT) WITH ('connector' = 'print');\n"
#define W    "FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE))"
#define GW   " GROUP BY s, window_start, window_end"

Test(diag, names)
{
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM @@tt;",
                 "unknown table 'tt'; did you mean 't'?");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM @@nothing_like_it;",
                 "unknown table 'nothing_like_it'");
    expect_error(T_DECL SINK "INSERT INTO o SELECT @@flg, 1 FROM t;",
                 "unknown column 'flg' in 't'; did you mean 'flag'?");
    expect_error(T_DECL SINK "INSERT INTO o SELECT @@zzzzzz, 1 FROM t;",
                 "unknown column 'zzzzzz' in 't'");
    expect_error(T_DECL SINK "INSERT INTO o SELECT @@window_strat, 1 " W ";",
                 "unknown column 'window_strat' in 't'; did you mean 'window_start'?");
    /* without a window TVF there are no window columns */
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, CAST(@@window_start AS BIGINT) FROM t;",
                 "unknown column 'window_start' in 't'");
    expect_error(T_DECL SINK "INSERT INTO o SELECT @@x.s, 1 FROM t AS y;",
                 "unknown table 'x' (the query reads 'y')");
    expect_error(T_DECL SINK "INSERT INTO o SELECT @@x.*, 1 FROM t;",
                 "unknown table 'x' (the query reads 't')");
    expect_error(T_DECL SINK "INSERT INTO @@oo SELECT s, 1 FROM t;",
                 "INSERT INTO undeclared table 'oo'; did you mean 'o'?");
    expect_error(
        T_DECL SINK "INSERT INTO @@sink_table SELECT s, 1 FROM t;",
        "INSERT INTO undeclared table 'sink_table'; declare it with CREATE TABLE sink_table "
        "(...) WITH ('connector' = ...)");
    expect_error(T_DECL SINK "INSERT INTO o SELECT @@FOOBAR(s), 1 FROM t;",
                 "unknown function 'FOOBAR'");
    expect_error(T_DECL SINK "INSERT INTO o SELECT @@LOWR(s), 1 FROM t;",
                 "unknown function 'LOWR'; did you mean 'LOWER'?");
    expect_error(
        T_DECL SINK "INSERT INTO o SELECT @@TUMBLE(ts), 1 FROM t;",
        "TUMBLE is a window table function: use FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), "
        "INTERVAL ...))");
    expect_error(T_DECL "CREATE TABLE @@t (x INT) WITH ('connector' = 'print');",
                 "table 't' is already declared");
    expect_error(T_DECL SINK "CREATE TABLE @@o WITH ('connector' = 'print') AS SELECT s FROM t;",
                 "table 'o' is already declared");
    expect_error(T_DECL SINK
                 "CREATE TABLE o2 WITH ('connector' = 'print') AS SELECT s, @@ns AS s FROM t;",
                 "duplicate output column name 's'; rename it with AS");
}

Test(diag, types)
{
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 'a' @@+ 1 FROM t;",
                 "operator + cannot be applied to VARCHAR and INT");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, ts @@* 2 FROM t;",
                 "operator * cannot be applied to TIMESTAMP(3) and INT");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM t WHERE @@NOT 5;",
                 "NOT needs a BOOLEAN operand, but this is INT");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM t WHERE @@ni AND flag;",
                 "AND needs BOOLEAN operands, but this is INT");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM t WHERE flag OR @@s;",
                 "OR needs BOOLEAN operands, but this is VARCHAR");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM t WHERE s @@= 1;",
                 "cannot compare VARCHAR with INT");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM t WHERE flag @@< 1;",
                 "cannot compare BOOLEAN with INT");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM t WHERE ts > @@'noon';",
                 "cannot compare TIMESTAMP(3) with 'noon': not a timestamp");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM t WHERE ni IN (1, @@'a');",
                 "IN list value of type VARCHAR cannot be compared with INT");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM t WHERE @@ni LIKE 'a';",
                 "LIKE needs strings, but this is INT");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM t WHERE s LIKE 'a' ESCAPE @@s;",
                 "ESCAPE must be a string literal of one character");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM t WHERE ni @@+ 1;",
                 "WHERE condition must be BOOLEAN, but it is INT");
    expect_error(T_DECL SINK "INSERT INTO o SELECT CASE WHEN flag THEN 'x' ELSE @@1 END, 1 FROM t;",
                 "CASE branches have incompatible types VARCHAR and INT");
    expect_error(T_DECL SINK
                 "INSERT INTO o SELECT CASE WHEN flag THEN 1 WHEN ni > 0 THEN @@'x' END, 1 "
                 "FROM t;",
                 "CASE branches have incompatible types INT and VARCHAR");
    expect_error(T_DECL SINK "INSERT INTO o SELECT CASE WHEN @@ni THEN 'a' END, 1 FROM t;",
                 "CASE WHEN condition must be BOOLEAN, but it is INT");
    expect_error(T_DECL SINK "INSERT INTO o SELECT CASE s WHEN @@1 THEN 'a' END, 1 FROM t;",
                 "cannot compare VARCHAR with INT");
    expect_error(T_DECL SINK "INSERT INTO o SELECT COALESCE(s, @@1), 1 FROM t;",
                 "COALESCE arguments have incompatible types VARCHAR and INT");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s || @@ni, 1 FROM t;",
                 "|| needs string operands, but this is INT; use CAST(... AS VARCHAR)");
    expect_error(T_DECL SINK "INSERT INTO o SELECT @@-s, 1 FROM t;",
                 "unary - needs a number, but got VARCHAR");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, CAST(d @@% 2 AS BIGINT) FROM t;",
                 "% needs integer operands, but got DOUBLE and INT");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, @@CAST(ts AS BOOLEAN) FROM t;",
                 "cannot cast TIMESTAMP(3) to BOOLEAN");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, @@CAST(flag AS TIMESTAMP(3)) FROM t;",
                 "cannot cast BOOLEAN to TIMESTAMP(3)");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, CAST(ni AS @@DECIMAL(10, 2)) FROM t;",
                 "type DECIMAL is not supported yet (supported: BOOLEAN, TINYINT, SMALLINT, INT, "
                 "BIGINT, FLOAT, DOUBLE, VARCHAR/STRING, TIMESTAMP(3))");
    expect_error(T_DECL SINK "INSERT INTO o SELECT UPPER(@@ni), 1 FROM t;",
                 "UPPER needs a string, but this argument is INT");
    expect_error(T_DECL SINK "INSERT INTO o SELECT SUBSTRING(s, @@'a'), 1 FROM t;",
                 "SUBSTRING needs an integer position/length, but this argument is VARCHAR");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, CHAR_LENGTH(@@ni) FROM t;",
                 "CHAR_LENGTH needs a string, but this argument is INT");
    expect_error(T_DECL SINK "INSERT INTO o SELECT CONCAT(s, @@d), 1 FROM t;",
                 "CONCAT needs strings, but this argument is DOUBLE");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, ABS(@@s) FROM t;",
                 "ABS needs a number, but this argument is VARCHAR");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, MOD(@@d, 2) FROM t;",
                 "MOD needs integers, but this argument is DOUBLE");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, ROUND(d, @@1.5) FROM t;",
                 "ROUND needs an integer number of digits, but this argument is DOUBLE");
    expect_error(T_DECL SINK "INSERT INTO o SELECT @@UPPER(s, s), 1 FROM t;",
                 "UPPER takes 1 argument, but 2 were given");
    expect_error(T_DECL SINK "INSERT INTO o SELECT @@SUBSTRING(s), 1 FROM t;",
                 "SUBSTRING takes 2 to 3 arguments, but 1 was given");
    expect_error(T_DECL SINK "INSERT INTO o SELECT @@UPPER(*), 1 FROM t;",
                 "UPPER(*...) is only valid for aggregate functions");
    expect_error(
        T_DECL SINK "INSERT INTO o SELECT s, CAST(TIMESTAMP @@'2024-02-30 00:00:00' AS BIGINT) "
                    "FROM t;",
        "invalid TIMESTAMP literal '2024-02-30 00:00:00'; expected 'yyyy-mm-dd hh:mm:ss[.fff]'");
    expect_error(
        T_DECL
        "CREATE TABLE o WITH ('connector' = 'print') AS SELECT @@INTERVAL '1' SECOND FROM t;",
        "an INTERVAL cannot be an output column");
}

Test(diag, aggregation)
{
    /* the caret is at the aggregate call, not at the start of the condition */
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM t WHERE ni > 0 AND @@COUNT(*) > 1;",
                 "aggregate functions are not allowed in WHERE; use HAVING");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM t WHERE CASE WHEN flag THEN 1 ELSE "
                             "@@MAX(ni) END > 1;",
                 "aggregate functions are not allowed in WHERE; use HAVING");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM t WHERE ABS(@@SUM(ni)) IN (1, 2);",
                 "aggregate functions are not allowed in WHERE; use HAVING");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, SUM(@@COUNT(*)) " W GW ";",
                 "aggregate function calls cannot be nested");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, SUM(@@s) " W GW ";",
                 "SUM needs a numeric argument, but this is VARCHAR");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, AVG(@@flag) " W GW ";",
                 "AVG needs a numeric argument, but this is BOOLEAN");
    expect_error(
        T_DECL SINK "INSERT INTO o SELECT @@ns, COUNT(*) " W GW ";",
        "column 'ns' must appear in the GROUP BY clause or be used in an aggregate function");
    expect_error(
        T_DECL SINK "INSERT INTO o SELECT s, COUNT(*) + @@ni " W GW ";",
        "column 'ni' must appear in the GROUP BY clause or be used in an aggregate function");
    expect_error(
        T_DECL SINK "INSERT INTO o SELECT s, COUNT(*) " W GW " HAVING @@ni > 1;",
        "column 'ni' must appear in the GROUP BY clause or be used in an aggregate function");
    expect_error(T_DECL SINK "INSERT INTO o SELECT CAST(@@window_time AS STRING), COUNT(*) " W
                             " GROUP BY window_start, window_end;",
                 "window_time must appear in the GROUP BY clause to be selected");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, COUNT(*) " W " GROUP BY s, @@COUNT(*), "
                             "window_start, window_end;",
                 "aggregate functions are not allowed in GROUP BY");
    expect_error(
        T_DECL SINK "INSERT INTO o SELECT s, COUNT(*) " W " @@GROUP BY s, window_start;",
        "a window aggregation must GROUP BY window_start, window_end (and any other keys)");
    expect_error(
        T_DECL SINK "INSERT INTO o SELECT s, COUNT(*) FROM t @@GROUP BY s;",
        "aggregation without a window is not supported yet (its result is a changelog); "
        "aggregate over FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL ...)) GROUP BY "
        "window_start, window_end");
    expect_error(
        T_DECL SINK "INSERT INTO o @@SELECT s, COUNT(*) FROM t;",
        "aggregation without a window is not supported yet (its result is a changelog); "
        "aggregate over FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL ...)) GROUP BY "
        "window_start, window_end");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, COUNT(*) " W GW " HAVING @@COUNT(*);",
                 "HAVING condition must be BOOLEAN, but it is BIGINT");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, @@COUNT(DISTINCT s) " W GW ";",
                 "COUNT(DISTINCT ...) is not supported yet");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, @@SUM(*) " W GW ";",
                 "SUM(*) is not valid; only COUNT(*) takes '*'");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, @@MAX(ni, i) " W GW ";",
                 "aggregate function MAX takes exactly one argument");
    expect_error(
        T_DECL SINK "INSERT INTO o SELECT @@* " W GW ";",
        "'*' cannot be selected in an aggregation; list the GROUP BY columns and aggregates");
    expect_error(
        T_DECL SINK "INSERT INTO o SELECT s, COUNT(*) " W GW " @@EMIT CHANGES;",
        "EMIT CHANGES on a window aggregation is not supported yet; results are emitted once "
        "per window when the watermark passes its end");
    expect_error(T_DECL SINK "INSERT INTO o @@SELECT DISTINCT s, 1 FROM t;",
                 "SELECT DISTINCT is not supported yet");
}

/* Every construct the parser accepts but this binder cannot plan yet is
 * reported at its position with "... is not supported yet", never a crash
 * or a syntax error. */
Test(diag, not_supported_yet)
{
    static const struct {
        const char *src; /* after T_DECL SINK; "@@" marks the caret */
        const char *msg;
    } cases[] = {
        {"INSERT INTO o SELECT s, 1 FROM t @@JOIN t u ON TRUE;", "joins are not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t @@, t u;", "joins are not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t @@LEFT JOIN t u ON TRUE JOIN t v ON TRUE;",
         "joins are not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM @@(SELECT * FROM t) x;",
         "subqueries in FROM are not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM @@LATERAL TABLE(f(s)) AS x (a);",
         "LATERAL table functions are not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM @@UNNEST(s) AS x (a);", "UNNEST is not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM TABLE(@@gen(1));",
         "table function 'gen' is not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t @@MATCH_RECOGNIZE (PATTERN (A) DEFINE A AS TRUE) m;",
         "MATCH_RECOGNIZE is not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t @@FOR SYSTEM_TIME AS OF ts;",
         "temporal joins (FOR SYSTEM_TIME AS OF) are not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t AS @@u (a, b, c);",
         "column aliases in FROM are not supported yet"},
        {"INSERT INTO o SELECT s, SUM(i) @@OVER (ORDER BY ts) FROM t;",
         "OVER windows are not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t WINDOW @@w AS (ORDER BY ts);",
         "OVER windows are not supported yet"},
        {"INSERT INTO o SELECT s, COUNT(*) " W GW " @@WINDOW TUMBLING (SIZE 1 HOUR);",
         "WINDOW TUMBLING is not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t @@UNION SELECT s, 1 FROM t;",
         "UNION is not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t @@INTERSECT SELECT s, 1 FROM t;",
         "INTERSECT is not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t @@MINUS SELECT s, 1 FROM t;",
         "EXCEPT is not supported yet"},
        {"INSERT INTO o @@VALUES ('a', 1);", "VALUES is not supported yet"},
        {"INSERT INTO o @@WITH x AS (SELECT * FROM t) SELECT s, 1 FROM x;",
         "WITH is not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t @@ORDER BY s;", "ORDER BY is not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t @@LIMIT 3;", "LIMIT is not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t @@FETCH FIRST 3 ROWS ONLY;",
         "LIMIT is not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t @@OFFSET 3;", "OFFSET is not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t WHERE @@EXISTS (SELECT 1);",
         "EXISTS subqueries are not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t WHERE s @@IN (SELECT s FROM t);",
         "IN subqueries are not supported yet"},
        {"INSERT INTO o SELECT s, @@(SELECT 1) FROM t;", "scalar subqueries are not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t WHERE i @@> ALL (SELECT 1);",
         "quantified comparisons (ANY/ALL) are not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t @@QUALIFY i > 1;", "QUALIFY is not supported yet"},
        {"INSERT INTO o SELECT s, COUNT(*) " W " GROUP BY @@ROLLUP (s), window_start, window_end;",
         "GROUPING SETS are not supported yet"},
        {"INSERT INTO o SELECT s, COUNT(*) @@FILTER (WHERE i > 1) FROM t;",
         "FILTER on aggregates is not supported yet"},
        {"INSERT INTO o SELECT s, COUNT(*) @@FILTER (WHERE i > 1) " W GW ";",
         "FILTER on aggregates is not supported yet"},
        {"INSERT INTO o SELECT s, f(i) @@WITHIN GROUP (ORDER BY i) FROM t;",
         "WITHIN GROUP is not supported yet"},
        {"INSERT INTO o @@SELECT 'a', 1;", "SELECT without FROM is not supported yet"},
        {"@@INSERT OVERWRITE o SELECT s, 1 FROM t;", "INSERT OVERWRITE is not supported yet"},
        {"@@CREATE VIEW v AS SELECT s FROM t;", "views are not supported yet"},
        {"@@SELECT s FROM t;", "bare SELECT statements are not supported yet"},
        {"CREATE TABLE u (a INT, @@b AS a + 1) WITH ('connector' = 'print');",
         "computed columns are not supported yet"},
        {"CREATE TABLE u (@@a INT METADATA) WITH ('connector' = 'print');",
         "metadata columns are not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t WHERE @@DATE '2024-01-01' IS NULL;",
         "DATE literals are not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t WHERE flag @@IS NOT TRUE;",
         "IS NOT TRUE is not supported yet"},
        {"INSERT INTO o SELECT s, 1 FROM t WHERE i @@IS DISTINCT FROM 2;",
         "IS DISTINCT FROM is not supported yet"},
        {"INSERT INTO o SELECT @@TRY_CAST(i AS STRING), 1 FROM t;",
         "TRY_CAST is not supported yet"},
        {"INSERT INTO o SELECT s, @@ARRAY[1] FROM t;", "type ARRAY is not supported yet"},
        {"INSERT INTO o SELECT s, i@@[1] FROM t;", "subscripts (x[i]) are not supported yet"},
        /* inside a statement set, an INSERT is checked as usual */
        {"EXECUTE STATEMENT SET BEGIN INSERT INTO o SELECT s, 1 FROM t @@, t u; END;",
         "joins are not supported yet"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *src;
        cr_assert(asprintf(&src, "%s%s", T_DECL SINK, cases[i].src) > 0);
        expect_error(src, cases[i].msg);
        free(src);
    }
}

/* SET, RESET and the statement-set markers plan nothing; the INSERTs of a
 * statement set are planned like any other. */
Test(plan, settings_and_statement_sets)
{
    B *b = ok(T_DECL SINK "SET 'pipeline.name' = 'x'; BEGIN STATEMENT SET; EXECUTE STATEMENT SET "
                          "BEGIN INSERT INTO o SELECT s, 1 FROM t; END; END; RESET;",
              false);
    cr_expect_eq(b->plan->n_queries, 1);
    b_free(b);
}

Test(diag, windows)
{
    expect_error(T_DECL SINK
                 "INSERT INTO o SELECT s, COUNT(*) FROM TABLE(@@HOP(TABLE t, DESCRIPTOR(ts), "
                 "INTERVAL '1' MINUTE, INTERVAL '2' MINUTE))" GW ";",
                 "window function HOP is not supported yet (TUMBLE is)");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM TABLE(@@FOO(TABLE t, DESCRIPTOR(ts), "
                             "INTERVAL '1' MINUTE));",
                 "table function 'FOO' is not supported yet");
    expect_error(T_DECL SINK
                 "INSERT INTO o SELECT s, 1 FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(@@tss), "
                 "INTERVAL '1' MINUTE));",
                 "unknown column 'tss' in 't'; did you mean 'ts'?");
    expect_error(
        "CREATE TABLE u (k STRING, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', "
        "'path' = 'u');\n" SINK
        "INSERT INTO o SELECT k, 1 FROM TABLE(TUMBLE(TABLE u, DESCRIPTOR(@@ts), "
        "INTERVAL '1' MINUTE));",
        "window over column 'ts', which has no watermark; declare WATERMARK FOR ts AS ts - "
        "INTERVAL '5' SECOND in table 'u'");
    expect_error(
        "CREATE TABLE u (k STRING, t0 TIMESTAMP(3), ts TIMESTAMP(3), WATERMARK FOR ts AS ts) "
        "WITH ('connector' = 'filesystem', 'path' = 'u');\n" SINK
        "INSERT INTO o SELECT k, 1 FROM TABLE(TUMBLE(TABLE u, DESCRIPTOR(@@t0), "
        "INTERVAL '1' MINUTE));",
        "window over column 't0', but the event-time (WATERMARK FOR) column of 'u' is 'ts'");
    expect_error(
        T_DECL SINK "INSERT INTO o SELECT s, 1 FROM TABLE(@@TUMBLE(TABLE t, DESCRIPTOR(ts)));",
        "TUMBLE takes a size INTERVAL and an optional offset INTERVAL after DESCRIPTOR(...), "
        "but got 0 arguments");
    expect_error(T_DECL SINK
                 "INSERT INTO o SELECT s, 1 FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), @@ni));",
                 "TUMBLE size must be a constant INTERVAL");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), "
                             "INTERVAL '1' MINUTE, @@5));",
                 "TUMBLE offset must be a constant INTERVAL");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, 1 FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), "
                             "@@INTERVAL '0' SECOND));",
                 "TUMBLE size must be positive");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, COUNT(*) " W " GROUP BY s, @@window_time, "
                             "window_start, window_end;",
                 "GROUP BY window_time is not supported; group by window_start, window_end");
    expect_error(
        T_DECL SINK "INSERT INTO o SELECT s, COUNT(*) " W " GROUP BY s, "
                    "@@CAST(window_start AS STRING), window_start, window_end;",
        "GROUP BY expressions over window columns are not supported; group by window_start, "
        "window_end");
}

Test(diag, tables_and_sinks)
{
    expect_error("CREATE TABLE u (k STRING, v INT, @@K INT) WITH ('connector' = 'print');",
                 "column 'K' is declared twice in 'u'");
    expect_error(
        "CREATE TABLE u (k STRING, ts BIGINT, WATERMARK FOR @@ts AS ts) WITH ('connector' = "
        "'print');",
        "WATERMARK FOR column 'ts' must be TIMESTAMP(3), but it is BIGINT");
    expect_error("CREATE TABLE u (k STRING, ts TIMESTAMP(3), WATERMARK FOR @@tz AS tz) WITH "
                 "('connector' = 'print');",
                 "unknown column 'tz' in WATERMARK FOR; did you mean 'ts'?");
    expect_error(
        "CREATE TABLE u (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS @@k) WITH "
        "('connector' = 'print');",
        "watermark expression must be TIMESTAMP(3) (e.g. ts - INTERVAL '5' SECOND), but it "
        "is VARCHAR");
    expect_error(
        "CREATE TABLE u (k STRING, @@PRIMARY KEY (k) NOT ENFORCED) WITH ('connector' = 'print');",
        "PRIMARY KEY (changelog tables) is not supported yet; declare the table without it to "
        "read it as an append-only stream");
    expect_error("CREATE TABLE u (k @@DECIMAL(5, 2)) WITH ('connector' = 'print');",
                 "type DECIMAL is not supported yet (supported: BOOLEAN, TINYINT, SMALLINT, INT, "
                 "BIGINT, FLOAT, DOUBLE, VARCHAR/STRING, TIMESTAMP(3))");
    expect_error(T_DECL SINK "INSERT INTO @@o SELECT s, ni, ni FROM t;",
                 "the query produces 3 columns but 'o' has 2");
    expect_error(T_DECL SINK "INSERT INTO @@o (a) SELECT s, ni FROM t;",
                 "INSERT lists 1 column but the query produces 2");
    expect_error(T_DECL SINK "INSERT INTO @@o (a, x) SELECT s, ni FROM t;",
                 "unknown column 'x' in 'o'");
    expect_error(
        T_DECL SINK "INSERT INTO o SELECT s, @@s FROM t;",
        "column 'n' of 'o' is BIGINT, but the query produces VARCHAR here; use CAST(... AS "
        "BIGINT)");
    expect_error(T_DECL SINK "INSERT INTO o SELECT s, @@d FROM t;",
                 "column 'n' of 'o' is BIGINT, but the query produces DOUBLE here; use CAST(... AS "
                 "BIGINT)");
    expect_error(T_DECL SINK "INSERT INTO o SELECT a, n FROM @@o;",
                 "table 'o' uses the 'print' connector, which can only be written");
    expect_error(
        T_DECL "CREATE TABLE m WITH ('connector' = 'print') AS SELECT s FROM t;\n"
               "CREATE TABLE m2 WITH ('connector' = 'print') AS SELECT s FROM @@m;",
        "reading 'm', which this file produces with CREATE ... AS SELECT, is not supported yet");
    expect_error(
        T_DECL "CREATE TABLE @@m AS SELECT s FROM t;",
        "table 'm' has no connector; declare it WITH ('connector' = 'filesystem' | 'kafka' | "
        "'print', ...)");
    expect_error(T_DECL "CREATE TABLE m WITH (@@'connector' = 'kafka') AS SELECT s FROM t;",
                 "kafka table 'm' needs a 'topic' option");
    expect_error("CREATE TABLE u (k STRING) WITH (@@'connector' = 'filesystem');\n" SINK
                 "INSERT INTO o SELECT k, 1 FROM u;",
                 "filesystem table 'u' needs a 'path' option");
    expect_error("CREATE TABLE u (k STRING) WITH ('connector' = @@'filesytem');",
                 "unknown connector 'filesytem'; did you mean 'filesystem'?");
    expect_error("CREATE TABLE u (k STRING) WITH ('connector' = @@'jdbc');",
                 "unknown connector 'jdbc' (supported: filesystem, kafka, print)");
    expect_error("CREATE TABLE u (k STRING) WITH ('connector' = @@'upsert-kafka');",
                 "connector 'upsert-kafka' is not supported yet");
    expect_error("CREATE TABLE u (k STRING) WITH ('connector' = 'kafka', @@'topc' = 'x');",
                 "unknown option 'topc' for table 'u'; did you mean 'topic'?");
    expect_error("CREATE TABLE u (k STRING) WITH ('connector' = 'kafka', @@'zzzzzzzz' = 'x');",
                 "unknown option 'zzzzzzzz' for table 'u'");
    expect_error("CREATE TABLE u (k STRING) WITH ('connector' = 'kafka', 'topic' = 'x', "
                 "'scan.startup.mode' = @@'now');",
                 "unknown scan.startup.mode 'now' (supported: earliest-offset, latest-offset, "
                 "group-offsets)");
    expect_error("CREATE TABLE u (k STRING) WITH ('connector' = 'kafka', 'topic' = 'x', 'format' = "
                 "@@'avro');",
                 "format 'avro' is not supported yet (supported: json)");
    expect_error("CREATE TABLE u (k STRING) WITH ('connector' = 'print');",
                 "no query: add INSERT INTO ... SELECT ... or CREATE STREAM ... AS SELECT ...");
}

/* ---- aggregate state sharing ---------------------------------------------------------------- */

Test(aggregates, shared_slots)
{
    B *b =
        ok(T_DECL "CREATE TABLE o WITH ('connector' = 'print') AS\n"
                  "SELECT AVG(i) AS a, SUM(i) AS s, COUNT(i) AS c, COUNT(*) AS n, MIN(i) AS mn,\n"
                  "  MAX(i) AS mx, AVG(d) AS ad, SUM(i) + 1 AS s1, AVG(i) * 2 AS a2\n" W
                  "\nGROUP BY window_start, window_end;",
           false);
    Query *q = b->plan->queries[0];
    /* slots: COUNT(i), SUM(i) (for AVG(i), reused by SUM and COUNT), COUNT(*),
     * MIN(i), MAX(i), COUNT(d), SUM(d) */
    cr_assert_eq(q->n_slots, 7, "slots: %d", q->n_slots);
    static const SlotKind kinds[] = {SLOT_COUNT, SLOT_SUM,   SLOT_COUNT_STAR, SLOT_MIN,
                                     SLOT_MAX,   SLOT_COUNT, SLOT_SUM};
    for (int i = 0; i < 7; i++) cr_expect_eq(q->slots[i].kind, kinds[i], "slot %d", i);
    cr_expect_eq(q->slots[1].count_slot, 0);
    cr_expect_eq(q->slots[6].count_slot, 5);
    /* aggregate calls: AVG(i), SUM(i), COUNT(i), COUNT(*), MIN, MAX, AVG(d):
     * the repeated SUM(i) and AVG(i) are the same calls */
    cr_assert_eq(q->n_aggs, 7, "aggs: %d", q->n_aggs);
    cr_expect_eq(q->aggs[0].kind, AGG_AVG);
    cr_expect_eq(q->aggs[0].slot, 1);
    cr_expect_eq(q->aggs[0].count_slot, 0);
    cr_expect_eq(q->aggs[1].kind, AGG_SUM);
    cr_expect_eq(q->aggs[1].slot, 1);
    cr_expect_eq(q->aggs[2].kind, AGG_COUNT);
    cr_expect_eq(q->aggs[2].slot, 0);
    cr_expect_eq(q->aggs[3].slot, 2);
    cr_expect_eq(q->aggs[6].slot, 6);
    cr_expect_eq(q->aggs[6].count_slot, 5);
    /* s1 = SUM(i) + 1 refers to aggregate call 1 */
    BExpr *s1 = q->out[7].expr;
    cr_assert_eq(s1->kind, BX_BINARY);
    cr_expect_eq(s1->args[0]->kind, BX_AGG);
    cr_expect_eq(s1->args[0]->u.index, 1);
    b_free(b);
}

Test(aggregates, equal_arguments_share)
{
    /* SUM(ni * 2) and AVG(ni * 2) share the state; MIN(s) and MAX(s) do not */
    B *b = ok(T_DECL "CREATE TABLE o WITH ('connector' = 'print') AS\n"
                     "SELECT SUM(ni * 2) AS a, AVG(ni * 2) AS b, MIN(s) AS c, MAX(s) AS d\n" W
                     "\nGROUP BY window_start, window_end;",
              false);
    Query *q = b->plan->queries[0];
    cr_expect_eq(q->n_slots, 4, "slots: %d", q->n_slots); /* COUNT, SUM, MIN, MAX */
    cr_expect_eq(q->aggs[0].slot, q->aggs[1].slot);
    b_free(b);
}

/* ---- HAVING pushdown ---------------------------------------------------------------------------
 */

static bool mentions_col(const BExpr *e, int col)
{
    if (!e) return false;
    if (e->kind == BX_COL && e->u.index == col) return true;
    for (int i = 0; i < e->n_args; i++)
        if (mentions_col(e->args[i], col)) return true;
    return false;
}

static bool mentions_kind(const BExpr *e, BExprKind k)
{
    if (!e) return false;
    if (e->kind == k) return true;
    for (int i = 0; i < e->n_args; i++)
        if (mentions_kind(e->args[i], k)) return true;
    return false;
}

Test(optimize, having_key_conjunct_moves_to_where)
{
    B *b = ok(T_DECL "CREATE TABLE o WITH ('connector' = 'print') AS\n"
                     "SELECT s, COUNT(*) AS n\n" W "\nWHERE ni > 0\n"
                     "GROUP BY s, window_start, window_end\n"
                     "HAVING s <> 'x' AND COUNT(*) > 1;",
              true);
    Query *q = b->plan->queries[0];
    /* s is column 4 of t */
    cr_assert_not_null(q->filter);
    cr_expect(mentions_col(q->filter, 4), "WHERE now tests s");
    cr_expect(mentions_col(q->filter, 1), "WHERE still tests ni");
    cr_assert_not_null(q->having);
    cr_expect(mentions_kind(q->having, BX_AGG));
    cr_expect(!mentions_kind(q->having, BX_KEY), "the key conjunct left HAVING");
    b_free(b);
}

Test(optimize, having_only_keys_disappears)
{
    B *b = ok(T_DECL "CREATE TABLE o WITH ('connector' = 'print') AS\n"
                     "SELECT s, COUNT(*) AS n\n" W "\nGROUP BY s, window_start, window_end\n"
                     "HAVING s LIKE 'a%';",
              true);
    Query *q = b->plan->queries[0];
    cr_expect_null(q->having);
    cr_assert_not_null(q->filter);
    cr_expect_eq(q->filter->kind, BX_LIKE);
    cr_expect(mentions_col(q->filter, 4));
    b_free(b);
}

Test(optimize, having_on_aggregates_or_windows_stays)
{
    B *b = ok(T_DECL "CREATE TABLE o WITH ('connector' = 'print') AS\n"
                     "SELECT s, COUNT(*) AS n\n" W "\nGROUP BY s, window_start, window_end\n"
                     "HAVING COUNT(*) > 1 OR s = 'x';",
              true);
    Query *q = b->plan->queries[0];
    cr_expect_not_null(q->having, "an OR mixing keys and aggregates stays in HAVING");
    cr_expect_null(q->filter);
    b_free(b);
    b = ok(T_DECL "CREATE TABLE o WITH ('connector' = 'print') AS\n"
                  "SELECT s, COUNT(*) AS n\n" W "\nGROUP BY s, window_start, window_end\n"
                  "HAVING window_start > TIMESTAMP '2024-01-01 00:00:00';",
           true);
    q = b->plan->queries[0];
    cr_expect_not_null(q->having, "a condition on the window stays in HAVING");
    cr_expect_null(q->filter);
    b_free(b);
}

/* ---- constant folding ---------------------------------------------------------------------------
 */

/* Binds and optimizes `SELECT <expr> AS x FROM t`; returns the folded output. */
static BExpr *folded(const char *expr, B **bp)
{
    char *src;
    cr_assert(asprintf(&src,
                       T_DECL "CREATE TABLE o WITH ('connector' = 'print') AS SELECT %s AS x "
                              "FROM t;",
                       expr) > 0);
    B *b = ok(src, true);
    free(src);
    *bp = b;
    return b->plan->queries[0]->out[0].expr;
}

static void expect_int(const char *expr, TypeKind k, int64_t v)
{
    B *b;
    BExpr *e = folded(expr, &b);
    cr_expect(e->kind == BX_LIT && !e->u.lit.is_null, "%s: not folded to a literal", expr);
    cr_expect_eq(e->type.kind, k, "%s: %s", expr, type_name(e->type.kind));
    cr_expect_eq(e->u.lit.i, v, "%s = %lld, want %lld", expr, (long long)e->u.lit.i, (long long)v);
    b_free(b);
}

static void expect_bool(const char *expr, bool v)
{
    B *b;
    BExpr *e = folded(expr, &b);
    cr_expect(e->kind == BX_LIT && !e->u.lit.is_null && e->type.kind == TY_BOOLEAN,
              "%s: not folded to a BOOLEAN literal", expr);
    cr_expect_eq(e->u.lit.b, v, "%s", expr);
    b_free(b);
}

static void expect_null(const char *expr)
{
    B *b;
    BExpr *e = folded(expr, &b);
    cr_expect(e->kind == BX_LIT && e->u.lit.is_null, "%s: not folded to NULL", expr);
    b_free(b);
}

static void expect_double(const char *expr, double v)
{
    B *b;
    BExpr *e = folded(expr, &b);
    cr_expect(e->kind == BX_LIT && !e->u.lit.is_null && e->type.kind == TY_DOUBLE,
              "%s: not folded to a DOUBLE literal", expr);
    cr_expect(e->u.lit.d == v, "%s = %.17g, want %.17g", expr, e->u.lit.d, v);
    b_free(b);
}

static void expect_not_folded(const char *expr)
{
    B *b;
    BExpr *e = folded(expr, &b);
    cr_expect_neq(e->kind, BX_LIT, "%s should not fold", expr);
    b_free(b);
}

Test(optimize, folding)
{
    expect_int("1 + 2 * 3", TY_INT, 7);
    expect_int("(1 + 2) * 3", TY_INT, 9);
    expect_int("10 - 2 - 3", TY_INT, 5);
    expect_int("7 / 2", TY_INT, 3);
    expect_int("-7 / 2", TY_INT, -3);
    expect_int("-7 % 2", TY_INT, -1);
    expect_int("7 % -2", TY_INT, 1);
    expect_int("2147483647 + 1", TY_INT, INT32_MIN);
    expect_int("2147483648 + 1", TY_BIGINT, INT64_C(2147483649));
    expect_int("9223372036854775807 + 1", TY_BIGINT, INT64_MIN);
    expect_int("-(-3)", TY_INT, 3);
    expect_int("CAST(5 AS BIGINT)", TY_BIGINT, 5);
    expect_int("CASE WHEN FALSE THEN 1 WHEN TRUE THEN 2 ELSE 3 END", TY_INT, 2);
    expect_int("CASE WHEN NULL THEN 1 ELSE 3 END", TY_INT, 3);
    expect_null("1 / 0");
    expect_null("1 % 0");
    expect_null("1 + NULL");
    expect_null("CASE WHEN FALSE THEN 1 END");
    expect_null("1.0 / 0");
    expect_null("CAST(NULL AS INT) + 1");
    expect_double("7.0 / 2", 3.5);
    expect_double("0.1 + 0.2", 0.30000000000000004);
    expect_double("1 + 0.5", 1.5);
    expect_double("-(1.5)", -1.5);
    expect_bool("1 < 2", true);
    expect_bool("2 <= 1", false);
    expect_bool("1 = 1.0", true);
    expect_bool("'b' > 'a'", true);
    expect_bool("'ab' < 'abc'", true);
    expect_bool("TRUE AND FALSE", false);
    expect_bool("FALSE AND NULL", false);
    expect_bool("NULL AND FALSE", false);
    expect_bool("TRUE OR NULL", true);
    expect_bool("NOT FALSE", true);
    expect_bool("NULL IS NULL", true);
    expect_bool("1 IS NOT NULL", true);
    expect_bool("flag OR TRUE", true);
    expect_bool("FALSE AND flag", false);
    expect_null("TRUE AND NULL");
    expect_null("NOT NULL");
    expect_null("NULL = 1");
    /* a column blocks folding; so do run-time casts of strings */
    expect_not_folded("ni + 1");
    expect_not_folded("ni / 0");
    expect_not_folded("CAST('12' AS INT)");
    {
        B *b;
        BExpr *e = folded("'a' || 'b'", &b);
        cr_expect(e->kind == BX_LIT && e->u.lit.slen == 2 && memcmp(e->u.lit.s, "ab", 2) == 0);
        b_free(b);
    }
    {
        /* TRUE AND x is x, x OR FALSE is x */
        B *b;
        BExpr *e = folded("TRUE AND flag", &b);
        cr_expect_eq(e->kind, BX_COL);
        b_free(b);
        e = folded("flag OR FALSE", &b);
        cr_expect_eq(e->kind, BX_COL);
        b_free(b);
    }
}

Test(optimize, where_true_disappears)
{
    B *b = ok(T_DECL "CREATE TABLE o WITH ('connector' = 'print') AS SELECT s FROM t WHERE 1 = 1;",
              true);
    cr_expect_null(b->plan->queries[0]->filter);
    b_free(b);
    b = ok(T_DECL
           "CREATE TABLE o WITH ('connector' = 'print') AS SELECT s FROM t WHERE 1 = 1 AND i > 0;",
           true);
    BExpr *f = b->plan->queries[0]->filter;
    cr_assert_not_null(f);
    cr_expect_eq(f->kind, BX_BINARY);
    cr_expect_eq(f->u.op, BOP_GT);
    b_free(b);
}

/* ---- columns read -------------------------------------------------------------------------------
 */

/* t: i 0, ni 1, b 2, d 3, s 4, ns 5, flag 6, ti 7, ts 8 */
static void expect_used(const char *queries, const char *want)
{
    char *src;
    cr_assert(asprintf(&src, T_DECL "%s", queries) > 0);
    B *b = ok(src, true);
    Table *t = b->plan->cat.tables[0];
    char got[16] = {0};
    for (int i = 0; i < t->n_cols; i++) got[i] = t->col_used[i] ? '1' : '0';
    cr_expect_str_eq(got, want, "%s", queries);
    free(src);
    b_free(b);
}

Test(optimize, columns_read)
{
    /* the watermark column ts is always read */
    expect_used("CREATE TABLE o WITH ('connector' = 'print') AS SELECT s FROM t;", "000010001");
    expect_used("CREATE TABLE o WITH ('connector' = 'print') AS SELECT s FROM t WHERE i > 0;",
                "100010001");
    expect_used("CREATE TABLE o WITH ('connector' = 'print') AS SELECT * FROM t;", "111111111");
    expect_used("CREATE TABLE o WITH ('connector' = 'print') AS SELECT UPPER(ns), d + ti FROM t;",
                "000101011");
    /* aggregation: keys, aggregate arguments, the time column; not HAVING's aggregates' inputs
     * twice */
    expect_used("CREATE TABLE o WITH ('connector' = 'print') AS\n"
                "SELECT s, COUNT(*) AS n, SUM(b) AS sb " W
                " GROUP BY s, window_start, window_end HAVING MAX(d) > 0;",
                "001110001");
    /* two queries: the union */
    expect_used("CREATE TABLE o WITH ('connector' = 'print') AS SELECT s FROM t;\n"
                "CREATE TABLE o2 WITH ('connector' = 'print') AS SELECT flag FROM t WHERE b > 1;",
                "001010101");
    /* folded away: WHERE FALSE OR i > 0 still reads i, WHERE TRUE OR i > 0 does not */
    expect_used(
        "CREATE TABLE o WITH ('connector' = 'print') AS SELECT s FROM t WHERE TRUE OR i > 0;",
        "000010001");
}

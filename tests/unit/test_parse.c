/* test_parse.c - the parser: every statement form, the AST it builds
 * (shapes checked through ast_expr_sexp), positions, non-reserved keywords,
 * each error with its exact file:line:col and message, depth limits, and
 * robustness on truncated input. */
#include <criterion/criterion.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "parse.h"

/* One parse: the arena, a Diag writing to memory, and the result. */
typedef struct P {
    Arena a;
    Diag d;
    FILE *f;
    char *out;
    size_t out_len;
    Program *prog;
} P;

static P *parse_src_len(const char *src, size_t len)
{
    P *p = calloc(1, sizeof *p);
    p->f = open_memstream(&p->out, &p->out_len);
    diag_init(&p->d, "t.sql", src, len, p->f);
    p->prog = parse_program(&p->a, &p->d, src, len);
    fflush(p->f);
    return p;
}

static P *parse_src(const char *src)
{
    return parse_src_len(src, strlen(src));
}

static void p_free(P *p)
{
    fclose(p->f);
    free(p->out);
    arena_free(&p->a);
    free(p);
}

/* Parses src, which must succeed with n statements. */
static P *ok(const char *src, int n)
{
    P *p = parse_src(src);
    cr_assert_not_null(p->prog, "parse failed for:\n%s\n%s", src, p->out);
    cr_assert_eq(p->d.n_errors, 0);
    cr_assert_str_empty(p->out);
    cr_assert_eq(p->prog->n_stmts, n, "statements: %d, want %d", p->prog->n_stmts, n);
    return p;
}

/* The first line of the diagnostics for src, which must fail. */
static void expect_error(const char *src, const char *first_line)
{
    P *p = parse_src(src);
    cr_expect_null(p->prog, "parse should fail: %s", src);
    cr_expect_eq(p->d.n_errors, 1, "exactly one error for: %s\n%s", src, p->out);
    char *nl = p->out ? strchr(p->out, '\n') : NULL;
    cr_assert_not_null(nl, "no diagnostic for %s", src);
    *nl = '\0';
    cr_expect_str_eq(p->out, first_line, "for input: %.200s\n got: %s\nwant: %s", src, p->out,
                     first_line);
    p_free(p);
}

/* The S-expression of the WHERE clause of "INSERT INTO s SELECT a FROM t WHERE <e>". */
static void expect_where(const char *e, const char *sexp)
{
    char src[4096];
    snprintf(src, sizeof src, "INSERT INTO s SELECT a FROM t WHERE %s", e);
    P *p = parse_src(src);
    cr_assert_not_null(p->prog, "parse failed: %s\n%s", src, p->out);
    cr_expect_str_eq(ast_expr_sexp(&p->a, p->prog->stmts[0]->query->select->where), sexp, "for %s",
                     e);
    p_free(p);
}

static const char *demo =
    "-- hourly delay statistics per origin airport\n"
    "CREATE TABLE flights (\n"
    "  `date` TIMESTAMP(3),\n"
    "  delay BIGINT,\n"
    "  distance BIGINT,\n"
    "  origin STRING,\n"
    "  destination STRING,\n"
    "  WATERMARK FOR `date` AS `date` - INTERVAL '5' MINUTE\n"
    ") WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');\n"
    "\n"
    "CREATE TABLE hourly_delays (origin STRING, window_start TIMESTAMP(3), window_end "
    "TIMESTAMP(3),\n"
    "  flights BIGINT, avg_delay DOUBLE, min_delay BIGINT, max_delay BIGINT, delayed BIGINT)\n"
    "WITH ('connector' = 'print');\n"
    "\n"
    "INSERT INTO hourly_delays\n"
    "SELECT origin, window_start, window_end, COUNT(*) AS flights,\n"
    "       AVG(CAST(delay AS DOUBLE)) AS avg_delay, MIN(delay), MAX(delay),\n"
    "       SUM(CASE WHEN delay > 15 THEN 1 ELSE 0 END) AS delayed\n"
    "FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' HOUR))\n"
    "WHERE origin IS NOT NULL AND destination NOT IN ('XXX', 'YYY') AND origin LIKE 'S%'\n"
    "GROUP BY origin, window_start, window_end\n"
    "HAVING COUNT(*) >= 5;\n"
    "CREATE STREAM big_delays WITH (kafka_topic='big', value_format='JSON') AS\n"
    "  SELECT origin, delay FROM flights WHERE delay BETWEEN 60 AND 600 EMIT CHANGES;\n";

/* ---- statements ------------------------------------------------------------ */

Test(parse, demo_program)
{
    P *p = ok(demo, 4);
    Stmt **s = p->prog->stmts;

    cr_expect_eq(s[0]->kind, ST_CREATE_TABLE);
    cr_expect_str_eq(s[0]->name, "flights");
    cr_expect_eq(s[0]->pos.line, 2);
    cr_expect_eq(s[0]->pos.col, 1);
    cr_expect_eq(s[0]->name_pos.col, 14);
    cr_expect_not(s[0]->is_stream);
    cr_assert_eq(s[0]->n_cols, 5);
    cr_expect_str_eq(s[0]->cols[0].name, "date");
    cr_expect_eq(s[0]->cols[0].type.kind, TY_TIMESTAMP);
    cr_expect_eq(s[0]->cols[0].type.precision, 3);
    cr_expect_eq(s[0]->cols[0].pos.line, 3);
    cr_expect_eq(s[0]->cols[0].pos.col, 3);
    cr_expect_eq(s[0]->cols[1].type.kind, TY_BIGINT);
    cr_expect_eq(s[0]->cols[1].type.precision, -1);
    cr_expect_eq(s[0]->cols[3].type.kind, TY_VARCHAR);
    cr_expect_str_eq(s[0]->wm_column, "date");
    cr_expect_eq(s[0]->wm_pos.line, 8);
    cr_expect_eq(s[0]->wm_pos.col, 17);
    cr_expect_str_eq(ast_expr_sexp(&p->a, s[0]->wm_expr), "(- date (interval 300000))");
    cr_assert_eq(s[0]->n_with, 3);
    cr_expect_str_eq(s[0]->with[0].key, "connector");
    cr_expect_str_eq(s[0]->with[0].value, "filesystem");
    cr_expect_str_eq(s[0]->with[1].key, "path");
    cr_expect_str_eq(s[0]->with[1].value, "data/flights.jsonl");
    cr_expect_eq(s[0]->with[2].key_pos.line, 9);
    cr_expect_eq(s[0]->with[2].key_pos.col, 68);
    cr_expect_eq(s[0]->n_pk_cols, 0);

    cr_expect_eq(s[1]->kind, ST_CREATE_TABLE);
    cr_expect_eq(s[1]->n_cols, 8);
    cr_expect_eq(s[1]->cols[4].type.kind, TY_DOUBLE);
    cr_expect_null(s[1]->wm_column);

    cr_expect_eq(s[2]->kind, ST_INSERT);
    cr_expect_str_eq(s[2]->name, "hourly_delays");
    Select *q = s[2]->query->select;
    cr_assert_not_null(q);
    cr_expect_eq(q->pos.line, 16);
    cr_assert_eq(q->n_items, 8);
    cr_expect_str_eq(ast_expr_sexp(&p->a, q->items[3].expr), "(COUNT *)");
    cr_expect_str_eq(q->items[3].alias, "flights");
    cr_expect_str_eq(ast_expr_sexp(&p->a, q->items[4].expr), "(AVG (cast delay DOUBLE))");
    cr_expect_null(q->items[5].alias);
    cr_expect_str_eq(ast_expr_sexp(&p->a, q->items[7].expr),
                     "(SUM (case (when (> delay 15) 1) (else 0)))");
    cr_expect_eq(q->from->kind, FROM_TVF);
    cr_expect_str_eq(q->from->tvf, "TUMBLE");
    cr_expect_str_eq(q->from->table, "flights");
    cr_expect_str_eq(q->from->descriptor, "date");
    cr_expect_eq(q->from->pos.line, 19);
    cr_expect_eq(q->from->pos.col, 6);
    cr_expect_eq(q->from->tvf_pos.col, 12);
    cr_expect_eq(q->from->table_pos.col, 25);
    cr_expect_eq(q->from->descriptor_pos.col, 45);
    cr_assert_eq(q->from->tvf_args.n, 1);
    cr_expect_str_eq(ast_expr_sexp(&p->a, q->from->tvf_args.v[0]), "(interval 3600000)");
    cr_expect_str_eq(ast_expr_sexp(&p->a, q->where),
                     "(and (and (is-not-null origin) (not-in destination 'XXX' 'YYY')) "
                     "(like origin 'S%'))");
    cr_assert_eq(q->n_group_by, 3);
    cr_expect_eq(q->group_by_pos.line, 21);
    cr_expect_str_eq(ast_expr_sexp(&p->a, q->having), "(>= (COUNT *) 5)");
    cr_expect_eq(q->emit, EMIT_DEFAULT);

    cr_expect_eq(s[3]->kind, ST_CREATE_AS);
    cr_expect(s[3]->is_stream);
    cr_expect_str_eq(s[3]->name, "big_delays");
    cr_assert_eq(s[3]->n_with, 2);
    cr_expect_str_eq(s[3]->with[0].key, "kafka_topic");
    cr_expect_str_eq(s[3]->with[0].value, "big");
    cr_expect_str_eq(s[3]->with[1].value, "JSON");
    cr_expect_eq(s[3]->query->select->emit, EMIT_CHANGES);
    cr_expect_eq(s[3]->query->select->emit_pos.line, 24);
    cr_expect_str_eq(ast_expr_sexp(&p->a, s[3]->query->select->where), "(between delay 60 600)");
    p_free(p);
}

Test(parse, empty_inputs_and_statement_separators)
{
    p_free(ok("", 0));
    p_free(ok("  -- only a comment\n /* and another */ ", 0));
    p_free(ok(";;;", 0));
    p_free(ok("CREATE TABLE a (x INT)", 1));
    p_free(ok(";CREATE TABLE a (x INT);;CREATE TABLE b (y INT);", 2));
}

Test(parse, create_table_options)
{
    P *p = ok("CREATE TABLE IF NOT EXISTS orders (\n"
              "  id BIGINT NOT NULL, amount DECIMAL(10, 2) NULL, note VARCHAR(20),\n"
              "  PRIMARY KEY (id, note) NOT ENFORCED\n"
              ")",
              1);
    Stmt *s = p->prog->stmts[0];
    cr_expect(s->if_not_exists);
    cr_expect_eq(s->n_with, 0);
    cr_assert_eq(s->n_cols, 3);
    cr_expect(s->cols[0].not_null);
    cr_expect_not(s->cols[1].not_null);
    cr_expect_eq(s->cols[1].type.kind, TY_DECIMAL);
    cr_expect_eq(s->cols[1].type.precision, 10);
    cr_expect_eq(s->cols[1].type.scale, 2);
    cr_expect_eq(s->cols[2].type.kind, TY_VARCHAR);
    cr_expect_eq(s->cols[2].type.precision, 20);
    cr_assert_eq(s->n_pk_cols, 2);
    cr_expect_str_eq(s->pk_cols[0], "id");
    cr_expect_str_eq(s->pk_cols[1], "note");
    cr_expect_eq(s->pk_pos.line, 3);
    cr_expect_eq(s->pk_pos.col, 3);
    p_free(p);

    p = ok("CREATE TABLE t (id INT PRIMARY KEY NOT ENFORCED, v INT) WITH ('a.b' = 'c')", 1);
    s = p->prog->stmts[0];
    cr_assert_eq(s->n_pk_cols, 1);
    cr_expect_str_eq(s->pk_cols[0], "id");
    cr_expect_str_eq(s->with[0].key, "a.b");
    p_free(p);

    /* ksqlDB: a column key without NOT ENFORCED */
    p = ok("CREATE TABLE users (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL) "
           "WITH (kafka_topic='users', value_format='JSON')",
           1);
    s = p->prog->stmts[0];
    cr_assert_eq(s->n_pk_cols, 1);
    cr_expect_str_eq(s->pk_cols[0], "id");
    cr_expect_eq(s->pk_pos.col, 32);
    cr_expect(s->cols[1].not_null);
    p_free(p);
    p = ok("CREATE TABLE t (id INT NOT NULL PRIMARY KEY NOT ENFORCED)", 1);
    cr_expect(p->prog->stmts[0]->cols[0].not_null);
    cr_expect_eq(p->prog->stmts[0]->n_pk_cols, 1);
    p_free(p);

    /* table-level key without NOT ENFORCED is accepted too */
    p = ok("CREATE TABLE t (id INT, PRIMARY KEY (id))", 1);
    cr_expect_eq(p->prog->stmts[0]->n_pk_cols, 1);
    p_free(p);
}

Test(parse, types)
{
    static const struct {
        const char *text;
        TypeKind kind;
        int precision, scale;
    } cases[] = {
        {"BOOLEAN", TY_BOOLEAN, -1, -1},
        {"tinyint", TY_TINYINT, -1, -1},
        {"SMALLINT", TY_SMALLINT, -1, -1},
        {"INT", TY_INT, -1, -1},
        {"INTEGER", TY_INT, -1, -1},
        {"BIGINT", TY_BIGINT, -1, -1},
        {"FLOAT", TY_FLOAT, -1, -1},
        {"REAL", TY_FLOAT, -1, -1},
        {"DOUBLE", TY_DOUBLE, -1, -1},
        {"DOUBLE PRECISION", TY_DOUBLE, -1, -1},
        {"DECIMAL", TY_DECIMAL, -1, -1},
        {"DECIMAL(12)", TY_DECIMAL, 12, -1},
        {"NUMERIC(5, 0)", TY_DECIMAL, 5, 0},
        {"VARCHAR", TY_VARCHAR, -1, -1},
        {"VARCHAR(255)", TY_VARCHAR, 255, -1},
        {"STRING", TY_VARCHAR, -1, -1},
        {"CHAR(3)", TY_VARCHAR, 3, -1},
        {"DATE", TY_DATE, -1, -1},
        {"TIME", TY_TIME, -1, -1},
        {"TIME(3)", TY_TIME, 3, -1},
        {"TIMESTAMP", TY_TIMESTAMP, -1, -1},
        {"TIMESTAMP(6)", TY_TIMESTAMP, 6, -1},
        {"TIMESTAMP_LTZ(3)", TY_TIMESTAMP, 3, -1},
        {"TIMESTAMP(3) WITH LOCAL TIME ZONE", TY_TIMESTAMP, 3, -1},
        {"TIMESTAMP WITHOUT TIME ZONE", TY_TIMESTAMP, -1, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char src[256];
        snprintf(src, sizeof src, "CREATE TABLE t (c %s NOT NULL)", cases[i].text);
        P *p = ok(src, 1);
        ColumnDef *c = &p->prog->stmts[0]->cols[0];
        cr_expect_eq(c->type.kind, cases[i].kind, "%s", cases[i].text);
        cr_expect_eq(c->type.precision, cases[i].precision, "%s", cases[i].text);
        cr_expect_eq(c->type.scale, cases[i].scale, "%s", cases[i].text);
        cr_expect_eq(c->type.pos.col, 19, "%s", cases[i].text);
        cr_expect(c->not_null, "%s", cases[i].text);
        p_free(p);
    }
}

Test(parse, ksqldb_create_stream)
{
    P *p = ok("CREATE STREAM pageviews (viewtime BIGINT, userid VARCHAR, pageid VARCHAR)\n"
              "  WITH (kafka_topic='pageviews', value_format='JSON', partitions=4, "
              "replicas = 1.5, \"Quoted\"=ident, flag=TRUE);",
              1);
    Stmt *s = p->prog->stmts[0];
    cr_expect_eq(s->kind, ST_CREATE_TABLE);
    cr_expect(s->is_stream);
    cr_expect_eq(s->n_cols, 3);
    cr_assert_eq(s->n_with, 6);
    cr_expect_str_eq(s->with[0].key, "kafka_topic");
    cr_expect_str_eq(s->with[0].value, "pageviews");
    cr_expect_str_eq(s->with[2].key, "partitions");
    cr_expect_str_eq(s->with[2].value, "4");
    cr_expect_str_eq(s->with[3].value, "1.5");
    cr_expect_str_eq(s->with[4].key, "Quoted");
    cr_expect_str_eq(s->with[4].value, "ident");
    cr_expect_str_eq(s->with[5].value, "TRUE");
    cr_expect_eq(s->with[2].value_pos.line, 2);
    cr_expect_eq(s->with[2].value_pos.col, 66);
    p_free(p);
}

Test(parse, create_as_select)
{
    P *p = ok("CREATE TABLE totals AS SELECT k, SUM(v) AS total FROM src GROUP BY k EMIT FINAL", 1);
    Stmt *s = p->prog->stmts[0];
    cr_expect_eq(s->kind, ST_CREATE_AS);
    cr_expect_not(s->is_stream);
    cr_expect_eq(s->n_with, 0);
    cr_expect_eq(s->query->select->emit, EMIT_FINAL);
    cr_expect_eq(s->query->select->emit_pos.col, 70);
    cr_expect_str_eq(s->query->select->items[1].alias, "total");
    cr_expect_eq(s->query->select->items[1].alias_pos.col, 44);
    p_free(p);
}

Test(parse, insert_with_columns)
{
    P *p = ok("INSERT INTO sink (a, `b c`) SELECT x, y FROM src", 1);
    Stmt *s = p->prog->stmts[0];
    cr_expect_eq(s->kind, ST_INSERT);
    cr_assert_eq(s->n_insert_cols, 2);
    cr_expect_str_eq(s->insert_cols[0], "a");
    cr_expect_str_eq(s->insert_cols[1], "b c");
    cr_expect_eq(s->name_pos.col, 13);
    p_free(p);
}

Test(parse, select_list_forms)
{
    P *p =
        ok("INSERT INTO s SELECT DISTINCT *, t.*, t.a, a AS x, b y, \"Mixed\"\"Case\" FROM t", 1);
    Select *q = p->prog->stmts[0]->query->select;
    cr_expect(q->distinct);
    cr_assert_eq(q->n_items, 6);
    cr_expect_eq(q->items[0].expr->kind, EX_STAR);
    cr_expect_null(q->items[0].expr->u.col.qualifier);
    cr_expect_eq(q->items[1].expr->kind, EX_STAR);
    cr_expect_str_eq(q->items[1].expr->u.col.qualifier, "t");
    cr_expect_eq(q->items[2].expr->kind, EX_COLUMN);
    cr_expect_str_eq(q->items[2].expr->u.col.qualifier, "t");
    cr_expect_str_eq(q->items[2].expr->u.col.name, "a");
    cr_expect_str_eq(q->items[3].alias, "x");
    cr_expect_str_eq(q->items[4].alias, "y");
    cr_expect_str_eq(q->items[5].expr->u.col.name, "Mixed\"Case");
    cr_expect_eq(q->from->kind, FROM_TABLE);
    cr_expect_null(q->from->alias);
    p_free(p);

    p = ok("INSERT INTO s SELECT ALL a FROM t AS u; INSERT INTO s SELECT a FROM t u", 2);
    cr_expect_not(p->prog->stmts[0]->query->select->distinct);
    cr_expect_str_eq(p->prog->stmts[0]->query->select->from->alias, "u");
    cr_expect_str_eq(p->prog->stmts[1]->query->select->from->alias, "u");
    p_free(p);
}

Test(parse, window_tvfs)
{
    P *p = ok("INSERT INTO s SELECT * FROM TABLE(HOP(TABLE bids, DESCRIPTOR(ts), "
              "INTERVAL '5' MINUTES, INTERVAL '1' HOUR)) AS w EMIT FINAL",
              1);
    FromItem *f = p->prog->stmts[0]->query->select->from;
    cr_expect_eq(f->kind, FROM_TVF);
    cr_expect_str_eq(f->tvf, "HOP");
    cr_expect_str_eq(f->table, "bids");
    cr_expect_str_eq(f->descriptor, "ts");
    cr_expect_str_eq(f->alias, "w");
    cr_assert_eq(f->tvf_args.n, 2);
    cr_expect_eq(f->tvf_args.v[0]->u.interval_ms, 300000);
    cr_expect_eq(f->tvf_args.v[1]->u.interval_ms, 3600000);
    p_free(p);

    p = ok("INSERT INTO s SELECT * FROM TABLE(session(TABLE t, DESCRIPTOR(ts)))", 1);
    cr_expect_str_eq(p->prog->stmts[0]->query->select->from->tvf, "session");
    cr_expect_eq(p->prog->stmts[0]->query->select->from->tvf_args.n, 0);
    p_free(p);
}

Test(parse, window_tvfs_named_arguments)
{
    P *p = ok("INSERT INTO s SELECT * FROM TABLE(HOP(DATA => TABLE bids, TIMECOL => "
              "DESCRIPTOR(ts), SIZE => INTERVAL '10' MINUTES, SLIDE => INTERVAL '5' MINUTES))",
              1);
    FromItem *f = p->prog->stmts[0]->query->select->from;
    cr_expect_eq(f->kind, FROM_TVF);
    cr_expect_str_eq(f->tvf, "HOP");
    cr_expect_str_eq(f->table, "bids");
    cr_expect_str_eq(f->descriptor, "ts");
    /* positional order: slide, size */
    cr_assert_eq(f->tvf_args.n, 2);
    cr_expect_eq(f->tvf_args.v[0]->u.interval_ms, 300000);
    cr_expect_eq(f->tvf_args.v[1]->u.interval_ms, 600000);
    p_free(p);

    p = ok("INSERT INTO s SELECT * FROM TABLE(tumble(data => TABLE t, timecol => DESCRIPTOR(ts), "
           "offset => INTERVAL '1' MINUTE, size => INTERVAL '1' HOUR)) AS w",
           1);
    f = p->prog->stmts[0]->query->select->from;
    cr_assert_eq(f->tvf_args.n, 2);
    cr_expect_eq(f->tvf_args.v[0]->u.interval_ms, 3600000);
    cr_expect_eq(f->tvf_args.v[1]->u.interval_ms, 60000);
    cr_expect_str_eq(f->alias, "w");
    p_free(p);

    expect_error("INSERT INTO s SELECT * FROM TABLE(TUMBLE(DATA => TABLE t, TIMECOL => "
                 "DESCRIPTOR(ts), SIZ => INTERVAL '1' HOUR))",
                 "t.sql:1:86: error: TUMBLE has no parameter named 'SIZ'; did you mean 'SIZE'?");
    expect_error("INSERT INTO s SELECT * FROM TABLE(HOP(DATA => TABLE t, TIMECOL => "
                 "DESCRIPTOR(ts), SIZE => INTERVAL '1' HOUR))",
                 "t.sql:1:35: error: HOP needs the SLIDE argument");
    expect_error("INSERT INTO s SELECT * FROM TABLE(TUMBLE(DATA => TABLE t, TIMECOL => "
                 "DESCRIPTOR(ts), SIZE => INTERVAL '1' HOUR, SIZE => INTERVAL '1' HOUR))",
                 "t.sql:1:113: error: parameter SIZE given twice");
    expect_error("INSERT INTO s SELECT * FROM TABLE(TUMBLE(INPUT => TABLE t, TIMECOL => "
                 "DESCRIPTOR(ts)))",
                 "t.sql:1:42: error: expected DATA => TABLE name as the first argument");
}

Test(parse, non_reserved_keywords_as_identifiers)
{
    P *p = ok("CREATE TABLE t (timestamp TIMESTAMP(3), key STRING, value STRING, type INT, "
              "format STRING, path STRING, topic STRING, count BIGINT, time TIME, date DATE, "
              "`table` INT, zone INT, final INT, changes INT, local INT, stream INT, "
              "`exists` INT, if INT, enforced INT, escape INT, descriptor INT, both INT, precision "
              "INT, without INT, `for` INT, window_start TIMESTAMP(3), hour INT)",
              1);
    cr_expect_eq(p->prog->stmts[0]->n_cols, 27);
    cr_expect_str_eq(p->prog->stmts[0]->cols[0].name, "timestamp");
    cr_expect_str_eq(p->prog->stmts[0]->cols[6].name, "topic");
    p_free(p);

    p = ok("INSERT INTO s SELECT timestamp, key, t.timestamp, count(*), time, zone + 1 AS final "
           "FROM t WHERE timestamp > TIMESTAMP '2024-01-01 00:00:00' AND key LIKE 'k%' ESCAPE '!'",
           1);
    Select *q = p->prog->stmts[0]->query->select;
    cr_expect_str_eq(ast_expr_sexp(&p->a, q->items[0].expr), "timestamp");
    cr_expect_str_eq(ast_expr_sexp(&p->a, q->items[2].expr), "t.timestamp");
    cr_expect_str_eq(q->items[5].alias, "final");
    cr_expect_str_eq(ast_expr_sexp(&p->a, q->where),
                     "(and (> timestamp (timestamp '2024-01-01 00:00:00')) (like key 'k%' '!'))");
    p_free(p);
}

/* ---- expressions ----------------------------------------------------------- */

Test(parse, precedence)
{
    expect_where("1 + 2 * 3", "(+ 1 (* 2 3))");
    expect_where("1 * 2 + 3", "(+ (* 1 2) 3)");
    expect_where("1 - 2 - 3", "(- (- 1 2) 3)");
    expect_where("8 / 4 * 2 % 3", "(% (* (/ 8 4) 2) 3)");
    expect_where("a || b || c", "(|| (|| a b) c)");
    expect_where("a || b + c", "(+ (|| a b) c)");
    expect_where("(1 + 2) * 3", "(* (+ 1 2) 3)");
    expect_where("-a * b", "(* (- a) b)");
    expect_where("- - a", "(- (- a))");
    expect_where("+a", "(+ a)");
    expect_where("a OR b AND c", "(or a (and b c))");
    expect_where("a AND b OR c", "(or (and a b) c)");
    expect_where("NOT a AND b", "(and (not a) b)");
    expect_where("NOT a = b", "(not (= a b))");
    expect_where("NOT NOT a", "(not (not a))");
    expect_where("a = 1 OR b <> 2 AND c != 3", "(or (= a 1) (and (<> b 2) (<> c 3)))");
    expect_where("a < b + 1", "(< a (+ b 1))");
    expect_where("a <= 1 AND b >= 2 AND c > 3", "(and (and (<= a 1) (>= b 2)) (> c 3))");
    expect_where("a + 1 IS NULL", "(is-null (+ a 1))");
    expect_where("a = b IS NOT NULL", "(is-not-null (= a b))");
    expect_where("a BETWEEN 1 AND 2 AND b", "(and (between a 1 2) b)");
    expect_where("a NOT BETWEEN b + 1 AND c * 2", "(not-between a (+ b 1) (* c 2))");
    expect_where("a IN (1, 2, 3)", "(in a 1 2 3)");
    expect_where("a + 1 NOT IN (b)", "(not-in (+ a 1) b)");
    expect_where("x = a IN (1)", "(= x (in a 1))");
    expect_where("x = a NOT IN (1)", "(= x (not-in a 1))");
    expect_where("NOT a NOT IN (1)", "(not (not-in a 1))");
    expect_where("a LIKE 'x%' OR a NOT LIKE b || '%' ESCAPE '\\'",
                 "(or (like a 'x%') (not-like a (|| b '%') '\\'))");
}

Test(parse, literals)
{
    expect_where("a = 42", "(= a 42)");
    expect_where("a = 9223372036854775807", "(= a 9223372036854775807)");
    expect_where("a = -9223372036854775808", "(= a -9223372036854775808)");
    expect_where("a = 1.5e3", "(= a 1.5e3)");
    expect_where("a = .5", "(= a .5)");
    expect_where("a = 'it''s'", "(= a 'it''s')");
    expect_where("a = ''", "(= a '')");
    expect_where("a IS NULL OR a = TRUE OR a = false",
                 "(or (or (is-null a) (= a TRUE)) (= a FALSE))");
    expect_where("a = NULL", "(= a NULL)");

    P *p = ok("INSERT INTO s SELECT 12345678901234567890123, 7, 2.50, 'it''s' FROM t", 1);
    SelectItem *it = p->prog->stmts[0]->query->select->items;
    cr_expect_eq(it[0].expr->kind, EX_FLOAT, "too big for BIGINT");
    cr_expect_str_eq(it[0].expr->u.num.text, "12345678901234567890123");
    cr_expect_float_eq(it[0].expr->u.num.fval, 1.2345678901234568e22, 1e7);
    cr_expect_eq(it[1].expr->kind, EX_INT);
    cr_expect_eq(it[1].expr->u.ival, 7);
    cr_expect_eq(it[2].expr->kind, EX_FLOAT);
    cr_expect_str_eq(it[2].expr->u.num.text, "2.50");
    cr_expect_float_eq(it[2].expr->u.num.fval, 2.5, 1e-12);
    cr_expect_eq(it[3].expr->kind, EX_STRING);
    cr_expect_str_eq(it[3].expr->u.str, "it's");
    p_free(p);
}

Test(parse, intervals)
{
    expect_where("a = INTERVAL '5' SECOND", "(= a (interval 5000))");
    expect_where("a = INTERVAL '5' SECONDS", "(= a (interval 5000))");
    expect_where("a = INTERVAL '2' minute", "(= a (interval 120000))");
    expect_where("a = INTERVAL '1' HOUR", "(= a (interval 3600000))");
    expect_where("a = INTERVAL '3' DAYS", "(= a (interval 259200000))");
    expect_where("a = INTERVAL '250' MILLISECOND", "(= a (interval 250))");
    expect_where("a = INTERVAL '1.5' SECOND", "(= a (interval 1500))");
    expect_where("a = INTERVAL '-5' SECOND", "(= a (interval -5000))");
    expect_where("a = INTERVAL ' 10 ' MINUTES", "(= a (interval 600000))");
    expect_where("a = INTERVAL 10 SECOND", "(= a (interval 10000))");
    expect_where("a = INTERVAL '0.001' SECOND", "(= a (interval 1))");
}

Test(parse, timestamps)
{
    expect_where("a > TIMESTAMP '2001-01-01 00:00:00'", "(> a (timestamp '2001-01-01 00:00:00'))");
    expect_where("a > TIMESTAMP '2000-02-29 23:59:59.999'",
                 "(> a (timestamp '2000-02-29 23:59:59.999'))");
    expect_where("a > TIMESTAMP '2001-01-01'", "(> a (timestamp '2001-01-01'))");
    expect_where("a > TIMESTAMP '2001-01-01T10:30'", "(> a (timestamp '2001-01-01T10:30'))");
}

Test(parse, case_cast_and_calls)
{
    expect_where("CASE WHEN a THEN 1 WHEN b THEN 2 END = 1", "(= (case (when a 1) (when b 2)) 1)");
    expect_where("CASE x WHEN 1 THEN 'a' ELSE 'b' END = 'a'",
                 "(= (case x (when 1 'a') (else 'b')) 'a')");
    expect_where("CAST(a AS BIGINT) > CAST(b AS DECIMAL(10, 2))",
                 "(> (cast a BIGINT) (cast b DECIMAL(10,2)))");
    expect_where("CAST(a AS VARCHAR(5)) = ''", "(= (cast a VARCHAR(5)) '')");
    expect_where("f() = g(1) AND h(a, b + 1)", "(and (= (f) (g 1)) (h a (+ b 1)))");
    expect_where("COUNT(DISTINCT a) > COUNT(*)", "(> (COUNT distinct a) (COUNT *))");
    expect_where("SUM(ALL a) > 1", "(> (SUM a) 1)");
    expect_where("SUBSTRING(s FROM 2) = 'x'", "(= (SUBSTRING s 2) 'x')");
    expect_where("substring(s FROM 2 FOR 3) = 'x'", "(= (SUBSTRING s 2 3) 'x')");
    expect_where("SUBSTRING(s, 2, 3) = 'x'", "(= (SUBSTRING s 2 3) 'x')");
    expect_where("TRIM(s) = 'x'", "(= (TRIM s) 'x')");
    expect_where("TRIM(BOTH FROM s) = 'x'", "(= (TRIM s) 'x')");
    expect_where("TRIM(LEADING '0' FROM s) = 'x'", "(= (LTRIM s '0') 'x')");
    expect_where("trim(TRAILING FROM s) = 'x'", "(= (RTRIM s) 'x')");
    expect_where("TRIM('x' FROM s) = ''", "(= (TRIM s 'x') '')");
}

Test(parse, expression_positions)
{
    P *p = ok("INSERT INTO s SELECT a\n  FROM t WHERE b + c * 2 > 1 AND NOT d", 1);
    Expr *w = p->prog->stmts[0]->query->select->where;
    /* operators: the operator token */
    cr_expect_eq(w->kind, EX_BINARY);
    cr_expect_eq(w->pos.line, 2);
    cr_expect_eq(w->pos.col, 30); /* AND */
    Expr *gt = w->u.binary.l;
    cr_expect_eq(gt->pos.col, 26);
    Expr *plus = gt->u.binary.l;
    cr_expect_eq(plus->pos.col, 18);
    cr_expect_eq(plus->u.binary.l->pos.col, 16); /* b */
    cr_expect_eq(plus->u.binary.r->pos.col, 22); /* * */
    cr_expect_eq(w->u.binary.r->pos.col, 34);    /* NOT */
    cr_expect_eq(w->u.binary.r->u.unary.x->pos.col, 38);
    cr_expect_eq(w->height, 5);
    p_free(p);

    p = ok("INSERT INTO s SELECT t.a, COUNT(*), CAST(x AS INT), CASE WHEN 1 THEN 2 END, "
           "INTERVAL '1' DAY FROM t",
           1);
    SelectItem *it = p->prog->stmts[0]->query->select->items;
    cr_expect_eq(it[0].expr->pos.col, 22); /* qualifier */
    cr_expect_eq(it[1].expr->pos.col, 27); /* function name */
    cr_expect_eq(it[2].expr->pos.col, 37); /* CAST */
    cr_expect_eq(it[2].expr->u.cast.type.pos.col, 47);
    cr_expect_eq(it[3].expr->pos.col, 53); /* CASE */
    cr_expect_eq(it[4].expr->pos.col, 77); /* INTERVAL */
    p_free(p);
}

/* ---- errors ---------------------------------------------------------------- */

Test(parse, error_syntax_expected_lists)
{
    expect_error("CREATE TABLE t (a INT",
                 "t.sql:1:22: error: incomplete input; expected one of: "
                 "'(', ')', ',', NOT, PRIMARY, KEY, PRECISION, WITHOUT, METADATA, VIRTUAL, NULL, "
                 "WITH");
    expect_error("INSERT INTO x SELECT a + FROM t",
                 "t.sql:1:26: error: syntax error near 'FROM'; expected an expression");
    expect_error("INSERT INTO x SELECT FROM t",
                 "t.sql:1:22: error: syntax error near 'FROM'; expected one of: an expression, "
                 "'*', ALL, DISTINCT");
    expect_error("INSERT INTO x SELECT a FROM t WHERE",
                 "t.sql:1:36: error: incomplete input; expected an expression");
    expect_error("INSERT INTO x SELECT a FROM t u v",
                 "t.sql:1:33: error: syntax error near 'v'; expected one of: ';', '(', ',', FROM, "
                 "UNION, EXCEPT, INTERSECT, ORDER, LIMIT, OFFSET, FETCH, WHERE, ...");
    expect_error("INSERT INTO x SELECT a FROM t GROUP BY a b",
                 "t.sql:1:42: error: syntax error near 'b'; expected one of: ';', '(', ',', '.', "
                 "'*', string, '[', OR, AND, IS, '=', '<>', ...");
    expect_error("CREATE TABLE t (a INT) WITH ('k' 'v')",
                 "t.sql:1:34: error: syntax error near ''v''; expected one of: '.', '='");
    expect_error("INSERT INTO x SELECT a FROM t WHERE (a = 1",
                 "t.sql:1:43: error: incomplete input; expected one of: ')', '*', '[', OR, AND, "
                 "IS, '=', '<>', '<', '<=', '>', '>=', ...");
    expect_error("CREATE VIEW v", "t.sql:1:14: error: incomplete input; expected one of: '(', AS");
    expect_error("CREATE TEMPORARY v",
                 "t.sql:1:18: error: syntax error near 'v'; expected one of: STREAM, VIEW, TABLE");
    expect_error("DROP TABLE t", "t.sql:1:1: error: syntax error near 'DROP'; expected one of: "
                                 "';', '(', SET, RESET, EXECUTE, BEGIN, CREATE, END, INSERT, WITH, "
                                 "VALUES, SELECT, ...");
    expect_error("INSERT INTO x SELECT a FROM t;\nINSERT INTO", "t.sql:2:12: error: incomplete "
                                                                "input; expected identifier");
    expect_error("CREATE TABLE t (a ARRAY<INT>)",
                 "t.sql:1:19: error: type ARRAY is not supported yet");
    expect_error("CREATE TABLE t (a INT<INT>)",
                 "t.sql:1:22: error: syntax error near '<'; expected one of: '(', ')', ',', NOT, "
                 "PRIMARY, KEY, PRECISION, WITHOUT, METADATA, VIRTUAL, NULL, WITH");
    expect_error("CREATE TABLE t (a MAP<INT, INT>)",
                 "t.sql:1:19: error: type MAP is not supported yet");
}

Test(parse, error_full_diagnostic_with_caret)
{
    P *p = parse_src("INSERT INTO x\nSELECT a FROM t WHERE a = = 1;");
    cr_expect_null(p->prog);
    cr_expect_str_eq(p->out, "t.sql:2:27: error: syntax error near '='; expected one of: an "
                             "expression, ALL\n"
                             "    2 | SELECT a FROM t WHERE a = = 1;\n"
                             "      |                           ^\n");
    p_free(p);
}

Test(parse, error_illegal_and_unterminated)
{
    expect_error("INSERT INTO x SELECT a FROM t WHERE b = #",
                 "t.sql:1:41: error: unexpected character '#'");
    expect_error("INSERT INTO x SELECT a\x01 FROM t",
                 "t.sql:1:23: error: unexpected character '\\x01'");
    expect_error("INSERT INTO x SELECT caf\xc3\xa9 FROM t",
                 "t.sql:1:25: error: unexpected character '\xc3\xa9'; identifiers with non-ASCII "
                 "characters must be quoted with `backquotes`");
    expect_error("INSERT INTO x SELECT \xff FROM t",
                 "t.sql:1:22: error: unexpected character '\\xFF'");
    expect_error("INSERT INTO x SELECT 12ab FROM t", "t.sql:1:22: error: invalid number '12ab'");
    expect_error("INSERT INTO x SELECT 'abc FROM t", "t.sql:1:22: error: unterminated string");
    expect_error("INSERT INTO x SELECT `abc FROM t",
                 "t.sql:1:22: error: unterminated quoted identifier");
    expect_error("INSERT INTO x SELECT \"abc FROM t",
                 "t.sql:1:22: error: unterminated quoted identifier");
    expect_error("INSERT INTO x /* SELECT", "t.sql:1:15: error: unterminated comment");
    expect_error("INSERT INTO x SELECT `` FROM t", "t.sql:1:22: error: empty quoted identifier");

    /* a NUL byte in the middle of the input */
    const char src[] = "INSERT INTO x SELECT a\0 FROM t";
    P *p = parse_src_len(src, sizeof src - 1);
    cr_expect_null(p->prog);
    cr_expect(strncmp(p->out, "t.sql:1:23: error: unexpected character '\\x00'\n", 47) == 0, "%s",
              p->out);
    p_free(p);
}

Test(parse, error_literals)
{
    expect_error("INSERT INTO x SELECT INTERVAL 'abc' SECOND FROM t",
                 "t.sql:1:31: error: invalid INTERVAL value 'abc'; expected a number such as '5', "
                 "'-2' or '1.5'");
    expect_error("INSERT INTO x SELECT INTERVAL '' SECOND FROM t",
                 "t.sql:1:31: error: invalid INTERVAL value ''; expected a number such as '5', "
                 "'-2' or '1.5'");
    expect_error("INSERT INTO x SELECT INTERVAL '5' MINUTS FROM t",
                 "t.sql:1:35: error: unknown interval unit 'MINUTS'; did you mean 'MINUTE'?");
    expect_error("INSERT INTO x SELECT INTERVAL '5' fortnight FROM t",
                 "t.sql:1:35: error: unknown interval unit 'fortnight'; expected DAY, HOUR, "
                 "MINUTE, SECOND or MILLISECOND");
    expect_error("INSERT INTO x SELECT INTERVAL '1' YEAR FROM t",
                 "t.sql:1:35: error: year-month intervals are not supported; use DAY, HOUR, "
                 "MINUTE, SECOND or MILLISECOND");
    expect_error("INSERT INTO x SELECT INTERVAL '99999999999999999' DAY FROM t",
                 "t.sql:1:31: error: invalid INTERVAL value '99999999999999999'; out of range");
    expect_error("INSERT INTO x SELECT INTERVAL '0.0001' SECOND FROM t",
                 "t.sql:1:31: error: invalid INTERVAL value '0.0001'; not a whole number of "
                 "milliseconds");
    expect_error("INSERT INTO x SELECT TIMESTAMP '2001-02-29 00:00:00' FROM t",
                 "t.sql:1:32: error: invalid TIMESTAMP literal '2001-02-29 00:00:00'; expected "
                 "'yyyy-mm-dd hh:mm:ss[.fff]'");
    expect_error("INSERT INTO x SELECT 1e999 FROM t",
                 "t.sql:1:22: error: numeric literal '1e999' out of range");
    expect_error("CREATE TABLE t (a VARCHAR(99999999999))",
                 "t.sql:1:27: error: integer '99999999999' out of range");
    expect_error("INSERT INTO x SELECT 'a\0' FROM t", "t.sql:1:22: error: unterminated string");
}

Test(parse, error_types_and_tables)
{
    expect_error("CREATE TABLE t (a VARCHR(3))",
                 "t.sql:1:19: error: unknown type 'VARCHR'; did you mean 'VARCHAR'?");
    expect_error("CREATE TABLE t (a BLOB)", "t.sql:1:19: error: unknown type 'BLOB'");
    expect_error("CREATE TABLE t (a MAP)", "t.sql:1:19: error: type MAP is not supported yet");
    expect_error("CREATE TABLE t (a INT(3))", "t.sql:1:23: error: type INT takes no parameters");
    expect_error("CREATE TABLE t (a VARCHAR(3, 1))",
                 "t.sql:1:30: error: type VARCHAR takes at most one parameter");
    expect_error("CREATE TABLE t (a DECIMAL(40, 2))",
                 "t.sql:1:27: error: DECIMAL precision must be between 1 and 38");
    expect_error("CREATE TABLE t (a DECIMAL(4, 5))",
                 "t.sql:1:30: error: DECIMAL scale must be between 0 and the precision (4)");
    expect_error("CREATE TABLE t (a TIMESTAMP(12))",
                 "t.sql:1:29: error: TIMESTAMP precision must be between 0 and 9");
    expect_error("CREATE TABLE t (a BIGINT PRECISION)",
                 "t.sql:1:26: error: PRECISION is only valid after DOUBLE");
    expect_error("CREATE TABLE t (a INT WITH LOCAL TIME ZONE)",
                 "t.sql:1:23: error: WITH LOCAL TIME ZONE applies only to TIMESTAMP");
    expect_error("CREATE TABLE t (a INT, b INT, WATERMARK FOR a AS a, WATERMARK FOR b AS b)",
                 "t.sql:1:53: error: multiple WATERMARK definitions for 't'");
    expect_error("CREATE TABLE t (a INT PRIMARY KEY NOT ENFORCED, PRIMARY KEY (a))",
                 "t.sql:1:49: error: multiple PRIMARY KEY definitions for 't'");
    expect_error("CREATE TABLE t (a INT NOT ENFORCED)",
                 "t.sql:1:23: error: NOT ENFORCED must follow PRIMARY KEY");
    expect_error("CREATE TABLE t (a INT PRIMARY KEY PRIMARY KEY)",
                 "t.sql:1:35: error: PRIMARY KEY given twice for one column");
    expect_error("CREATE STREAM s (id VARCHAR KEY, v INT) WITH (kafka_topic='s')",
                 "t.sql:1:29: error: KEY columns (the Kafka message key) are not supported yet");
    expect_error("INSERT INTO x SELECT foo(a FROM b) FROM t",
                 "t.sql:1:28: error: FROM inside a function call is only valid in SUBSTRING(x "
                 "FROM start [FOR length]) and TRIM([BOTH|LEADING|TRAILING] [chars] FROM x)");
    expect_error("INSERT INTO x SELECT ltrim(BOTH FROM b) FROM t",
                 "t.sql:1:28: error: BOTH is only valid inside TRIM(...)");
}

/* ---- limits and robustness ---------------------------------------------------- */

static char *repeat(const char *prefix, const char *unit, int n, const char *mid, const char *unit2,
                    int n2, const char *suffix)
{
    size_t len = strlen(prefix) + strlen(unit) * (size_t)n + strlen(mid) +
                 strlen(unit2) * (size_t)n2 + strlen(suffix) + 1;
    char *s = malloc(len), *o = s;
    o = stpcpy(o, prefix);
    for (int i = 0; i < n; i++) o = stpcpy(o, unit);
    o = stpcpy(o, mid);
    for (int i = 0; i < n2; i++) o = stpcpy(o, unit2);
    stpcpy(o, suffix);
    return s;
}

Test(parse, nested_parentheses_limit)
{
    /* 1000 levels are fine ... */
    char *s = repeat("INSERT INTO x SELECT ", "(", 1000, "1", ")", 1000, " FROM t");
    P *p = parse_src(s);
    cr_expect_not_null(p->prog, "%s", p->out);
    p_free(p);
    free(s);
    /* ... 1001 are not: the error points at the 1001st '(' */
    s = repeat("INSERT INTO x SELECT ", "(", 1001, "1", ")", 1001, " FROM t");
    expect_error(s, "t.sql:1:1022: error: expression nested too deeply (more than 1000 levels)");
    free(s);
    s = repeat("INSERT INTO x SELECT ", "(", 20000, "1", ")", 20000, " FROM t");
    expect_error(s, "t.sql:1:1022: error: expression nested too deeply (more than 1000 levels)");
    free(s);
    /* unclosed: fails the same way, not with a crash (a statement may begin
     * with '(': a query) */
    s = repeat("", "(", 20000, "", "", 0, "");
    expect_error(s, "t.sql:1:1001: error: expression nested too deeply (more than 1000 levels)");
    free(s);
    s = repeat("INSERT INTO x SELECT ", "(", 20000, "", "", 0, "");
    expect_error(s, "t.sql:1:1022: error: expression nested too deeply (more than 1000 levels)");
    free(s);
    s = repeat("INSERT INTO x SELECT ", "(", 50, "", "", 0, "");
    expect_error(s, "t.sql:1:72: error: incomplete input; expected one of: an expression, WITH, "
                    "VALUES, SELECT");
    free(s);
}

Test(parse, nested_case_and_calls_limit)
{
    char *s =
        repeat("INSERT INTO x SELECT ", "CASE WHEN a THEN ", 5000, "1", " END", 5000, " FROM t");
    expect_error(s, "t.sql:1:17022: error: expression nested too deeply (more than 1000 levels)");
    free(s);
    s = repeat("INSERT INTO x SELECT ", "f(", 5000, "1", ")", 5000, " FROM t");
    expect_error(s, "t.sql:1:2023: error: expression nested too deeply (more than 1000 levels)");
    free(s);
    s = repeat("INSERT INTO x SELECT ", "CAST(", 3000, "1", " AS INT)", 3000, " FROM t");
    expect_error(s, "t.sql:1:5026: error: expression nested too deeply (more than 1000 levels)");
    free(s);
}

Test(parse, long_operator_chains_limit)
{
    /* left-deep: the tree height, not the parser stack, trips the limit */
    char *s = repeat("INSERT INTO x SELECT 1", " + 1", 999, "", "", 0, " FROM t");
    P *p = parse_src(s);
    cr_expect_not_null(p->prog, "height 1000 is allowed: %s", p->out);
    cr_expect_eq(p->prog->stmts[0]->query->select->items[0].expr->height, 1000);
    p_free(p);
    free(s);
    /* the 1000th '+' (at column 4 * 1000 + 20) makes height 1001 */
    s = repeat("INSERT INTO x SELECT 1", " + 1", 1000, "", "", 0, " FROM t");
    expect_error(s, "t.sql:1:4020: error: expression nested too deeply (more than 1000 levels)");
    free(s);
    s = repeat("INSERT INTO x SELECT a FROM t WHERE a = 1", " OR a = 1", 100000, "", "", 0, "");
    /* "a = 1" has height 2: the 999th OR (column 9 * 999 + 34) reaches 1001 */
    expect_error(s, "t.sql:1:9025: error: expression nested too deeply (more than 1000 levels)");
    free(s);
    /* right-deep prefix chains grow the parser stack: it is cut at 10 * PARSE_MAX_DEPTH
     * entries, here at the 9996th operator */
    s = repeat("INSERT INTO x SELECT ", "NOT ", 100000, "a", "", 0, " FROM t");
    expect_error(s, "t.sql:1:40002: error: expression nested too deeply (more than 1000 levels)");
    free(s);
    s = repeat("INSERT INTO x SELECT ", "- ", 100000, "a", "", 0, " FROM t");
    expect_error(s, "t.sql:1:20012: error: expression nested too deeply (more than 1000 levels)");
    free(s);
}

Test(parse, many_statements_and_long_lists)
{
    /* lists grow well past their first capacities */
    char *s = repeat("INSERT INTO x SELECT a FROM t WHERE a IN (0", ", 1", 5000, "", "", 0, ")");
    P *p = parse_src(s);
    cr_assert_not_null(p->prog, "%s", p->out);
    cr_expect_eq(p->prog->stmts[0]->query->select->where->u.in.list.n, 5001);
    p_free(p);
    free(s);
    s = repeat("", "CREATE TABLE t (a INT, b INT, c INT, d INT, e INT);", 2000, "", "", 0, "");
    p = parse_src(s);
    cr_assert_not_null(p->prog, "%s", p->out);
    cr_expect_eq(p->prog->n_stmts, 2000);
    cr_expect_eq(p->prog->stmts[1999]->n_cols, 5);
    p_free(p);
    free(s);
}

/* Every prefix of the demo either parses or fails with exactly one error:
 * never a crash (each prefix is a separate allocation, so ASan catches a
 * read past its end). */
Test(parse, truncated_inputs_never_crash, .timeout = 120)
{
    size_t n = strlen(demo);
    int ok_count = 0;
    for (size_t len = 0; len <= n; len++) {
        char *buf = malloc(len ? len : 1);
        memcpy(buf, demo, len);
        P *p = parse_src_len(buf, len);
        if (p->prog) {
            ok_count++;
            cr_assert_eq(p->d.n_errors, 0);
        } else {
            cr_assert_eq(p->d.n_errors, 1, "prefix %zu", len);
            cr_assert(p->out_len > 0);
        }
        p_free(p);
        free(buf);
    }
    cr_expect_gt(ok_count, 3); /* e.g. the empty prefix and whole statements */
}

/* Mutations of the demo (a byte replaced by one of a few interesting ones)
 * must not crash either. */
Test(parse, mutated_inputs_never_crash, .timeout = 120)
{
    static const char bytes[] = "()'`\";,.*-/0 aXz\n";
    size_t n = strlen(demo);
    char *buf = malloc(n);
    for (size_t i = 0; i < n; i += 3) {
        for (size_t k = 0; k < sizeof bytes - 1; k += 2) {
            memcpy(buf, demo, n);
            buf[i] = bytes[k];
            P *p = parse_src_len(buf, n);
            cr_assert(p->prog ? p->d.n_errors == 0 : p->d.n_errors == 1);
            p_free(p);
        }
    }
    free(buf);
}

/* ---- the grammar itself --------------------------------------------------------- */

/* Reads a whole file into a malloc'd NUL-terminated string, or NULL. */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) fwrite(chunk, 1, n, m);
    fclose(f);
    fclose(m);
    return buf;
}

/* Regenerates the parser without table compression (lemon -c), so that the
 * report lists every lookahead of every state, and checks two properties
 * no compiler would: the grammar has no conflicts, and no state can both
 * shift an identifier and reduce on a non-reserved keyword. In such a state
 * lemon tries the %fallback to ID before its default reduction, so the
 * keyword would silently become an identifier (see the note in sql.y). */
Test(grammar, conflict_free_and_fallback_safe, .timeout = 60)
{
    const char *root = getenv("SLUICE_ROOT") ? getenv("SLUICE_ROOT") : ".";
    char y_path[1024], cmd[3072], out_path[1100];
    snprintf(y_path, sizeof y_path, "%s/grammar/sql.y", root);
    char *y = slurp(y_path);
    cr_assert_not_null(y, "cannot read %s (run from the repository root)", y_path);
    char dir[] = "/tmp/sluice_lemon_XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    snprintf(cmd, sizeof cmd, "lemon -c -T/usr/share/lemon/lempar.c -d%s %s 2>&1", dir, y_path);
    FILE *pipe = popen(cmd, "r");
    cr_assert_not_null(pipe);
    char msg[4096] = "";
    size_t mlen = fread(msg, 1, sizeof msg - 1, pipe);
    msg[mlen] = '\0';
    int status = pclose(pipe);
    cr_assert_eq(status, 0, "lemon failed:\n%s", msg);
    cr_expect_null(strstr(msg, "conflict"), "%s", msg);

    /* the non-reserved keywords: the %fallback ID list */
    char *fb = strstr(y, "\n%fallback ID ");
    cr_assert_not_null(fb);
    fb += strlen("\n%fallback ID ");
    char *fb_end = strchr(fb, '.');
    cr_assert_not_null(fb_end);
    *fb_end = '\0';

    snprintf(out_path, sizeof out_path, "%s/sql.out", dir);
    char *out = slurp(out_path);
    cr_assert_not_null(out);
    int states = 0, hazards = 0, id_shifts = 0;
    char reduces[2048] = " "; /* keywords reduced on in the current state */
    for (char *line = strtok(out, "\n");; line = strtok(NULL, "\n")) {
        int state_start = !line || strncmp(line, "State ", 6) == 0;
        if (state_start) {
            /* end of the previous state: check it */
            if (id_shifts) {
                char kw[64];
                for (const char *p = fb; sscanf(p, " %63s", kw) == 1;) {
                    char pat[70];
                    snprintf(pat, sizeof pat, " %s ", kw);
                    if (strstr(reduces, pat)) {
                        hazards++;
                        cr_expect(0, "state %d: ID shifts but non-reserved %s reduces", states - 1,
                                  kw);
                    }
                    p = strstr(p, kw) + strlen(kw);
                }
            }
            if (!line) break;
            states++;
            id_shifts = 0;
            strcpy(reduces, " ");
            continue;
        }
        char sym[64], act[32];
        if (sscanf(line, " %63s %31s", sym, act) != 2) continue;
        if (!strcmp(sym, "ID") && !strncmp(act, "shift", 5)) id_shifts = 1;
        if (!strcmp(act, "reduce") && strlen(reduces) + strlen(sym) + 2 < sizeof reduces) {
            strcat(reduces, sym);
            strcat(reduces, " ");
        }
    }
    cr_expect_gt(states, 100);
    cr_expect_eq(hazards, 0);
    free(out);
    free(y);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    cr_expect_eq(system(cmd), 0);
}

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
    expect_error("GRANT x", "t.sql:1:1: error: syntax error near 'GRANT'; expected one of: "
                            "';', '(', SET, RESET, EXECUTE, BEGIN, CREATE, END, INSERT, WITH, "
                            "VALUES, SELECT, ...");
    /* Flink statements and syntax the grammar does not read are named */
    expect_error("DROP TABLE t", "t.sql:1:1: error: DROP is not supported yet");
    expect_error("SELECT 1;\nshow tables", "t.sql:2:1: error: SHOW is not supported yet");
    expect_error("SELECT x FROM t WHERE x NOT SIMILAR TO 'a'",
                 "t.sql:1:29: error: SIMILAR TO is not supported yet");
    expect_error("SELECT CEIL(ts TO DAY) FROM t",
                 "t.sql:1:16: error: CEIL(x TO unit) is not supported yet");
    expect_error("SELECT INTERVAL '1' DAY(3) FROM t",
                 "t.sql:1:8: error: an INTERVAL qualifier with a precision is not supported yet");
    expect_error("SELECT * FROM t TABLESAMPLE SYSTEM (10)",
                 "t.sql:1:17: error: TABLESAMPLE is not supported yet");
    expect_error("CREATE TABLE t (a INT COMMENT 'x')",
                 "t.sql:1:23: error: COMMENT is not supported yet");
    /* the same words elsewhere stay names */
    expect_error("SELECT show FROM t WHERE (a, ",
                 "t.sql:1:26: error: a row value ((a, b)) is not supported yet");
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

/* ---- queries ----------------------------------------------------------------- */

/* The 1-based column of the first occurrence of needle in the one-line src
 * (positions are asserted as "at this token" rather than as numbers). */
static int col(const char *src, const char *needle)
{
    const char *at = strstr(src, needle);
    cr_assert_not_null(at, "'%s' not in '%s'", needle, src);
    return (int)(at - src) + 1;
}

/* The same for the n-th occurrence (n >= 1). */
static int coln(const char *src, const char *needle, int n)
{
    const char *at = src - 1;
    for (int i = 0; i < n; i++) {
        at = strstr(at + 1, needle);
        cr_assert_not_null(at, "occurrence %d of '%s' not in '%s'", n, needle, src);
    }
    return (int)(at - src) + 1;
}

static void expect_pos(SrcPos p, int line, int c, const char *what)
{
    cr_expect_eq(p.line, line, "%s: line %d, want %d", what, p.line, line);
    cr_expect_eq(p.col, c, "%s: col %d, want %d", what, p.col, c);
}

/* The query of the first statement. */
static QueryExpr *q0(P *p)
{
    cr_assert_not_null(p->prog->stmts[0]->query);
    return p->prog->stmts[0]->query;
}

/* The SELECT of the first statement's query, which must be one. */
static Select *sel0(P *p)
{
    QueryExpr *q = q0(p);
    cr_assert_eq(q->kind, QK_SELECT);
    return q->select;
}

/* The S-expression of select item i of the bare query src. */
static void expect_item(const char *src, int i, const char *sexp)
{
    P *p = parse_src(src);
    cr_assert_not_null(p->prog, "parse failed: %s\n%s", src, p->out);
    Select *s = sel0(p);
    cr_assert_lt(i, s->n_items);
    cr_expect_str_eq(ast_expr_sexp(&p->a, s->items[i].expr), sexp, "for %s", src);
    p_free(p);
}

Test(parse, bare_query_statement)
{
    const char *src = "SELECT a FROM t; SELECT 1";
    P *p = ok(src, 2);
    Stmt *s = p->prog->stmts[0];
    cr_expect_eq(s->kind, ST_QUERY);
    expect_pos(s->pos, 1, 1, "statement");
    cr_expect_eq(q0(p)->kind, QK_SELECT);
    cr_expect_str_eq(sel0(p)->from->table, "t");
    /* SELECT without FROM */
    Stmt *s1 = p->prog->stmts[1];
    cr_expect_eq(s1->kind, ST_QUERY);
    cr_expect_null(s1->query->select->from);
    cr_expect_str_eq(ast_expr_sexp(&p->a, s1->query->select->items[0].expr), "1");
    p_free(p);
}

Test(parse, create_view_and_temporary_table)
{
    const char *src = "CREATE TEMPORARY VIEW IF NOT EXISTS v (a, `b c`) AS SELECT x, y FROM t";
    P *p = ok(src, 1);
    Stmt *s = p->prog->stmts[0];
    cr_expect_eq(s->kind, ST_CREATE_VIEW);
    cr_expect(s->temporary);
    cr_expect(s->if_not_exists);
    cr_expect_str_eq(s->name, "v");
    expect_pos(s->name_pos, 1, col(src, " v ") + 1, "view name");
    cr_assert_eq(s->n_insert_cols, 2);
    cr_expect_str_eq(s->insert_cols[1], "b c");
    cr_expect_eq(s->query->select->n_items, 2);
    p_free(p);

    p = ok("CREATE VIEW v AS WITH w AS (SELECT 1) SELECT * FROM w", 1);
    s = p->prog->stmts[0];
    cr_expect_eq(s->kind, ST_CREATE_VIEW);
    cr_expect_not(s->temporary);
    cr_expect_not(s->if_not_exists);
    cr_expect_eq(s->n_insert_cols, 0);
    cr_expect_eq(s->query->n_ctes, 1);
    p_free(p);

    p = ok("CREATE TEMPORARY TABLE t (a INT) WITH ('connector' = 'print');"
           "CREATE TEMPORARY STREAM s WITH (kafka_topic = 'x') AS SELECT * FROM t",
           2);
    cr_expect_eq(p->prog->stmts[0]->kind, ST_CREATE_TABLE);
    cr_expect(p->prog->stmts[0]->temporary);
    cr_expect_eq(p->prog->stmts[1]->kind, ST_CREATE_AS);
    cr_expect(p->prog->stmts[1]->temporary);
    cr_expect(p->prog->stmts[1]->is_stream);
    cr_expect_eq(p->prog->stmts[1]->n_with, 1);
    cr_expect_eq(p->prog->stmts[1]->query->kind, QK_SELECT);
    p_free(p);

    /* the AS query may be any query */
    p = ok("CREATE TABLE u AS SELECT 1 UNION ALL SELECT 2", 1);
    cr_expect_eq(p->prog->stmts[0]->query->kind, QK_SETOP);
    p_free(p);
}

Test(parse, computed_and_metadata_columns)
{
    const char *src = "CREATE TABLE t (a INT, b AS a * 2, ts TIMESTAMP_LTZ(3) METADATA FROM "
                      "'timestamp' VIRTUAL, part BIGINT METADATA VIRTUAL, off BIGINT NOT NULL "
                      "METADATA, c STRING)";
    P *p = ok(src, 1);
    Stmt *s = p->prog->stmts[0];
    cr_assert_eq(s->n_cols, 6);
    cr_expect_null(s->cols[0].computed);
    cr_expect_not(s->cols[0].metadata);
    cr_expect_str_eq(s->cols[1].name, "b");
    cr_assert_not_null(s->cols[1].computed);
    cr_expect_str_eq(ast_expr_sexp(&p->a, s->cols[1].computed), "(* a 2)");
    cr_expect_eq(s->cols[1].type.kind, TY_UNKNOWN);
    expect_pos(s->cols[1].pos, 1, col(src, "b AS"), "computed column");
    cr_expect(s->cols[2].metadata);
    cr_expect_str_eq(s->cols[2].metadata_key, "timestamp");
    cr_expect(s->cols[2].metadata_virtual);
    cr_expect_eq(s->cols[2].type.kind, TY_TIMESTAMP);
    cr_expect(s->cols[3].metadata);
    cr_expect_null(s->cols[3].metadata_key);
    cr_expect(s->cols[3].metadata_virtual);
    cr_expect(s->cols[4].metadata);
    cr_expect(s->cols[4].not_null);
    cr_expect_not(s->cols[4].metadata_virtual);
    cr_expect_not(s->cols[5].metadata);
    p_free(p);

    expect_error("CREATE TABLE t (a INT VIRTUAL)",
                 "t.sql:1:23: error: VIRTUAL must follow METADATA [FROM 'key']");
    expect_error("CREATE TABLE t (a INT METADATA METADATA)",
                 "t.sql:1:32: error: METADATA given twice for one column");
}

Test(parse, insert_overwrite_and_parenthesized_query)
{
    P *p = ok("INSERT OVERWRITE sink (a, b) SELECT x, y FROM src", 1);
    Stmt *s = p->prog->stmts[0];
    cr_expect_eq(s->kind, ST_INSERT);
    cr_expect(s->overwrite);
    cr_expect_str_eq(s->name, "sink");
    cr_expect_eq(s->n_insert_cols, 2);
    p_free(p);

    /* INSERT INTO t (query): the parenthesis opens the query, not a column list */
    p = ok("INSERT INTO t (SELECT 1) UNION (SELECT 2); INSERT INTO t VALUES (1), (2)", 2);
    s = p->prog->stmts[0];
    cr_expect_not(s->overwrite);
    cr_expect_eq(s->n_insert_cols, 0);
    cr_expect_eq(s->query->kind, QK_SETOP);
    cr_expect_eq(p->prog->stmts[1]->query->kind, QK_VALUES);
    p_free(p);

    /* a bare query statement starts at its first token, the query at SELECT */
    p = ok("SELECT 1;\n  ((SELECT 2)) ORDER BY 1", 2);
    expect_pos(p->prog->stmts[1]->pos, 2, 3, "statement");
    expect_pos(p->prog->stmts[1]->query->pos, 2, 5, "query");
    p_free(p);
}

Test(parse, set_and_reset)
{
    const char *src = "SET 'execution.runtime-mode' = 'batch'; SET Table.exec.mini.x = 10; "
                      "SET pipeline.name = my_job; SET a.b = TRUE; SET; RESET 'k.x'; RESET a.b; "
                      "RESET";
    P *p = ok(src, 8);
    Stmt **s = p->prog->stmts;
    cr_expect_eq(s[0]->kind, ST_SET);
    cr_expect_str_eq(s[0]->name, "execution.runtime-mode");
    cr_expect_str_eq(s[0]->set_value, "batch");
    expect_pos(s[0]->name_pos, 1, col(src, "'execution"), "SET key");
    expect_pos(s[0]->set_value_pos, 1, col(src, "'batch'"), "SET value");
    cr_expect_str_eq(s[1]->name, "Table.exec.mini.x"); /* reserved TABLE as a key part */
    cr_expect_str_eq(s[1]->set_value, "10");
    cr_expect_str_eq(s[2]->name, "pipeline.name");
    cr_expect_str_eq(s[2]->set_value, "my_job");
    cr_expect_str_eq(s[3]->set_value, "TRUE");
    cr_expect_eq(s[4]->kind, ST_SET);
    cr_expect_null(s[4]->name);
    cr_expect_null(s[4]->set_value);
    cr_expect_eq(s[5]->kind, ST_RESET);
    cr_expect_str_eq(s[5]->name, "k.x");
    cr_expect_str_eq(s[6]->name, "a.b");
    cr_expect_eq(s[7]->kind, ST_RESET);
    cr_expect_null(s[7]->name);
    p_free(p);
    /* SET and RESET stay usable as names */
    p = ok("CREATE TABLE set (reset INT, `set` INT)", 1);
    cr_expect_str_eq(p->prog->stmts[0]->name, "set");
    p_free(p);
}

Test(parse, statement_sets)
{
    const char *src = "EXECUTE STATEMENT SET BEGIN INSERT INTO a SELECT 1; INSERT OVERWRITE b "
                      "SELECT 2 FROM t; END; EXECUTE STATEMENT SET BEGIN INSERT INTO c SELECT 3 "
                      "END";
    P *p = ok(src, 2);
    Stmt *s = p->prog->stmts[0];
    cr_expect_eq(s->kind, ST_STATEMENT_SET);
    expect_pos(s->pos, 1, 1, "EXECUTE");
    cr_assert_eq(s->n_body, 2);
    cr_expect_eq(s->body[0]->kind, ST_INSERT);
    cr_expect_str_eq(s->body[0]->name, "a");
    cr_expect(s->body[1]->overwrite);
    cr_expect_str_eq(s->body[1]->query->select->from->table, "t");
    cr_expect_eq(p->prog->stmts[1]->n_body, 1);
    p_free(p);

    /* the Flink 1.13 client form: markers around ordinary statements */
    p = ok("BEGIN STATEMENT SET; INSERT INTO a SELECT 1; INSERT INTO b SELECT 2; END;", 4);
    cr_expect_eq(p->prog->stmts[0]->kind, ST_BEGIN_SET);
    cr_expect_eq(p->prog->stmts[1]->kind, ST_INSERT);
    cr_expect_eq(p->prog->stmts[3]->kind, ST_END);
    expect_pos(p->prog->stmts[3]->pos, 1, 70, "END");
    p_free(p);

    expect_error("EXECUTE STATEMENT SET BEGIN SELECT 1; END",
                 "t.sql:1:29: error: syntax error near 'SELECT'; expected INSERT");
}

Test(parse, set_operations)
{
    /* INTERSECT binds tighter than UNION and EXCEPT, all left-associative */
    const char *src = "SELECT 1 UNION SELECT 2 INTERSECT ALL SELECT 3 EXCEPT ALL SELECT 4 MINUS "
                      "SELECT 5 UNION DISTINCT SELECT 6";
    P *p = ok(src, 1);
    QueryExpr *q = q0(p);
    /* ((((1 UNION (2 INTERSECT ALL 3)) EXCEPT ALL 4) EXCEPT 5) UNION 6) */
    cr_assert_eq(q->kind, QK_SETOP);
    cr_expect_eq(q->op, SETOP_UNION);
    cr_expect_not(q->all);
    expect_pos(q->op_pos, 1, coln(src, "UNION", 2), "last UNION");
    expect_pos(q->pos, 1, 1, "set operation");
    cr_expect_eq(q->r->kind, QK_SELECT);
    QueryExpr *minus = q->l;
    cr_expect_eq(minus->op, SETOP_EXCEPT);
    cr_expect_not(minus->all);
    expect_pos(minus->op_pos, 1, col(src, "MINUS"), "MINUS");
    QueryExpr *except = minus->l;
    cr_expect_eq(except->op, SETOP_EXCEPT);
    cr_expect(except->all);
    QueryExpr *u = except->l;
    cr_expect_eq(u->op, SETOP_UNION);
    cr_expect_eq(u->l->kind, QK_SELECT);
    QueryExpr *i = u->r;
    cr_assert_eq(i->kind, QK_SETOP);
    cr_expect_eq(i->op, SETOP_INTERSECT);
    cr_expect(i->all);
    cr_expect_str_eq(ast_expr_sexp(&p->a, i->l->select->items[0].expr), "2");
    cr_expect_str_eq(ast_expr_sexp(&p->a, i->r->select->items[0].expr), "3");
    cr_expect_eq(q->height, 6); /* a select (1) and five set operations */
    p_free(p);

    /* parentheses regroup; they are not kept */
    p = ok("(SELECT 1 UNION SELECT 2) INTERSECT SELECT 3", 1);
    q = q0(p);
    cr_expect_eq(q->op, SETOP_INTERSECT);
    cr_expect_eq(q->l->op, SETOP_UNION);
    cr_expect_eq(q->l->kind, QK_SETOP);
    p_free(p);
    p = ok("SELECT 1 UNION (SELECT 2 UNION SELECT 3)", 1);
    q = q0(p);
    cr_expect_eq(q->l->kind, QK_SELECT);
    cr_expect_eq(q->r->kind, QK_SETOP);
    p_free(p);
}

Test(parse, with_ctes)
{
    const char *src = "WITH a (x, y) AS (SELECT 1, 2), b AS (VALUES (1), (2)) SELECT * FROM a, b";
    P *p = ok(src, 1);
    QueryExpr *q = q0(p);
    cr_expect_eq(q->kind, QK_SELECT);
    expect_pos(q->pos, 1, 1, "WITH");
    expect_pos(q->select->pos, 1, col(src, "SELECT *"), "SELECT");
    cr_assert_eq(q->n_ctes, 2);
    cr_expect_str_eq(q->ctes[0].name, "a");
    expect_pos(q->ctes[0].pos, 1, 6, "cte a");
    cr_assert_eq(q->ctes[0].n_cols, 2);
    cr_expect_str_eq(q->ctes[0].cols[1], "y");
    cr_expect_eq(q->ctes[0].query->kind, QK_SELECT);
    cr_expect_str_eq(q->ctes[1].name, "b");
    cr_expect_eq(q->ctes[1].n_cols, 0);
    cr_expect_eq(q->ctes[1].query->kind, QK_VALUES);
    cr_expect_eq(q->height, 2);
    p_free(p);

    /* WITH on a set operation and inside a subquery */
    p = ok("WITH c AS (SELECT 1) SELECT * FROM c UNION SELECT * FROM (WITH d AS (SELECT 2) "
           "SELECT * FROM d)",
           1);
    q = q0(p);
    cr_expect_eq(q->kind, QK_SETOP);
    cr_expect_eq(q->n_ctes, 1);
    cr_expect_eq(q->r->select->from->query->n_ctes, 1);
    p_free(p);

    expect_error("WITH a AS (SELECT 1), A AS (SELECT 2) SELECT 1",
                 "t.sql:1:23: error: 'A' is defined twice in WITH");
}

Test(parse, order_limit_offset_fetch)
{
    const char *src = "SELECT a, b FROM t ORDER BY a DESC, b NULLS FIRST, c + 1 ASC NULLS LAST "
                      "LIMIT 10 OFFSET 5";
    P *p = ok(src, 1);
    QueryExpr *q = q0(p);
    cr_expect_eq(q->kind, QK_SELECT);
    cr_assert_eq(q->order.n, 3);
    expect_pos(q->order_pos, 1, col(src, "ORDER"), "ORDER");
    cr_expect(q->order.v[0].desc);
    cr_expect_eq(q->order.v[0].nulls, NULLS_DEFAULT);
    cr_expect_not(q->order.v[1].desc);
    cr_expect_eq(q->order.v[1].nulls, NULLS_FIRST);
    cr_expect_str_eq(ast_expr_sexp(&p->a, q->order.v[2].e), "(+ c 1)");
    cr_expect_not(q->order.v[2].desc);
    cr_expect_eq(q->order.v[2].nulls, NULLS_LAST);
    expect_pos(q->order.v[1].pos, 1, col(src, "b NULLS"), "order item");
    cr_expect_str_eq(ast_expr_sexp(&p->a, q->limit), "10");
    expect_pos(q->limit_pos, 1, col(src, "LIMIT"), "LIMIT");
    cr_expect_str_eq(ast_expr_sexp(&p->a, q->offset), "5");
    expect_pos(q->offset_pos, 1, col(src, "OFFSET"), "OFFSET");
    p_free(p);

    /* ORDER BY and LIMIT apply to the whole set operation */
    p = ok("SELECT a FROM t UNION SELECT a FROM u ORDER BY 1 LIMIT 3", 1);
    q = q0(p);
    cr_expect_eq(q->kind, QK_SETOP);
    cr_expect_eq(q->order.n, 1);
    cr_expect_not_null(q->limit);
    cr_expect_eq(q->r->order.n, 0);
    p_free(p);

    /* FETCH is a LIMIT; without a count it is 1; OFFSET may say ROWS */
    src = "SELECT a FROM t OFFSET 2 ROWS FETCH NEXT 4 ROWS ONLY";
    p = ok(src, 1);
    cr_expect_str_eq(ast_expr_sexp(&p->a, q0(p)->limit), "4");
    expect_pos(q0(p)->limit_pos, 1, col(src, "FETCH"), "FETCH");
    cr_expect_str_eq(ast_expr_sexp(&p->a, q0(p)->offset), "2");
    p_free(p);
    p = ok("SELECT a FROM t FETCH FIRST ROW ONLY", 1);
    cr_expect_str_eq(ast_expr_sexp(&p->a, q0(p)->limit), "1");
    p_free(p);
    /* LIMIT ALL: no limit, but the clause was written */
    p = ok("SELECT a FROM t LIMIT ALL", 1);
    cr_expect_null(q0(p)->limit);
    cr_expect_eq(q0(p)->limit_pos.col, 17);
    p_free(p);

    /* a parenthesized query keeps its own ORDER BY / LIMIT under the outer ones */
    p = ok("(SELECT a FROM t ORDER BY a LIMIT 1) ORDER BY a DESC", 1);
    q = q0(p);
    cr_assert_eq(q->kind, QK_PAREN);
    cr_expect_eq(q->order.n, 1);
    cr_expect(q->order.v[0].desc);
    cr_expect_null(q->limit);
    cr_assert_eq(q->l->kind, QK_SELECT);
    cr_expect_not(q->l->order.v[0].desc);
    cr_expect_not_null(q->l->limit);
    p_free(p);
    /* ... but without one the parentheses vanish */
    p = ok("(SELECT a FROM t) ORDER BY a", 1);
    cr_expect_eq(q0(p)->kind, QK_SELECT);
    cr_expect_eq(q0(p)->order.n, 1);
    p_free(p);

    expect_error("SELECT a FROM t LIMIT 1 FETCH FIRST 2 ROWS ONLY",
                 "t.sql:1:25: error: LIMIT and FETCH cannot both be given");
    expect_error("SELECT a FROM t LIMIT 1 ORDER BY a",
                 "t.sql:1:25: error: syntax error near 'ORDER'; expected one of: ';', '*', '[', "
                 "OR, AND, IS, '=', '<>', '<', '<=', '>', '>=', ...");
}

Test(parse, values)
{
    const char *src = "VALUES (1, 'a'), (2 + 3, NULL)";
    P *p = ok(src, 1);
    QueryExpr *q = q0(p);
    cr_expect_eq(q->kind, QK_VALUES);
    expect_pos(q->pos, 1, 1, "VALUES");
    cr_assert_eq(q->n_rows, 2);
    cr_assert_eq(q->rows[1].n, 2);
    cr_expect_str_eq(ast_expr_sexp(&p->a, q->rows[1].v[0]), "(+ 2 3)");
    cr_expect_str_eq(ast_expr_sexp(&p->a, q->rows[0].v[1]), "'a'");
    p_free(p);
    expect_error("VALUES (1, 2), (3)",
                 "t.sql:1:17: error: this VALUES row has 1 value, but the first row has 2");
}

Test(parse, joins)
{
    const char *src = "SELECT * FROM a JOIN b ON a.x = b.x LEFT JOIN c USING (x, y) "
                      "RIGHT OUTER JOIN d ON TRUE FULL JOIN e ON FALSE CROSS JOIN f "
                      "NATURAL JOIN g NATURAL LEFT OUTER JOIN h INNER JOIN i ON 1 = 1";
    P *p = ok(src, 1);
    FromItem *f = sel0(p)->from;
    /* left-deep: the last join is the root */
    static const struct {
        JoinKind kind;
        bool natural;
        const char *kw;
        const char *right;
    } want[] = {
        {JOIN_INNER, false, "INNER JOIN", "i"},  {JOIN_LEFT, true, "NATURAL LEFT", "h"},
        {JOIN_INNER, true, "NATURAL JOIN", "g"}, {JOIN_CROSS, false, "CROSS", "f"},
        {JOIN_FULL, false, "FULL", "e"},         {JOIN_RIGHT, false, "RIGHT", "d"},
        {JOIN_LEFT, false, "LEFT JOIN c", "c"},  {JOIN_INNER, false, "JOIN b", "b"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        cr_assert_eq(f->kind, FROM_JOIN, "join %zu", i);
        cr_expect_eq(f->join, want[i].kind, "join %zu", i);
        cr_expect_eq(f->natural, want[i].natural, "join %zu", i);
        cr_expect_not(f->comma);
        expect_pos(f->pos, 1, col(src, want[i].kw), want[i].kw);
        cr_expect_eq(f->right->kind, FROM_TABLE);
        cr_expect_str_eq(f->right->table, want[i].right);
        f = f->left;
    }
    cr_expect_eq(f->kind, FROM_TABLE);
    cr_expect_str_eq(f->table, "a");
    f = sel0(p)->from;
    cr_expect_str_eq(ast_expr_sexp(&p->a, f->on), "(= 1 1)");
    FromItem *jc = f->left->left->left->left->left->left;
    cr_assert_eq(jc->n_using, 2);
    cr_expect_str_eq(jc->using_[1], "y");
    cr_expect_null(jc->on);
    cr_expect_str_eq(ast_expr_sexp(&p->a, jc->left->on), "(= a.x b.x)");
    cr_expect_null(f->left->left->left->on); /* CROSS JOIN */
    /* the first join is 1 + its ON condition's height (2), then one per join */
    cr_expect_eq(sel0(p)->from->height, 10);
    p_free(p);

    /* the comma binds loosest: a, (b JOIN c) */
    src = "SELECT * FROM a, b JOIN c ON b.k = c.k, d";
    p = ok(src, 1);
    f = sel0(p)->from;
    cr_expect_eq(f->kind, FROM_JOIN);
    cr_expect(f->comma);
    cr_expect_eq(f->join, JOIN_CROSS);
    expect_pos(f->pos, 1, col(src, ", d"), "second comma");
    cr_expect_str_eq(f->right->table, "d");
    cr_expect(f->left->comma);
    cr_expect_str_eq(f->left->left->table, "a");
    cr_expect_eq(f->left->right->kind, FROM_JOIN);
    cr_expect_not(f->left->right->comma);
    cr_expect_eq(f->left->right->join, JOIN_INNER);
    p_free(p);

    expect_error("SELECT * FROM a JOIN b",
                 "t.sql:1:17: error: JOIN needs an ON or USING condition (or use CROSS JOIN)");
    expect_error("SELECT * FROM a LEFT JOIN b WHERE x",
                 "t.sql:1:17: error: LEFT JOIN needs an ON or USING condition (or use CROSS JOIN)");
    expect_error("SELECT * FROM a CROSS JOIN b ON TRUE",
                 "t.sql:1:30: error: CROSS JOIN takes no ON or USING condition");
    expect_error("SELECT * FROM a NATURAL JOIN b USING (x)",
                 "t.sql:1:32: error: NATURAL JOIN takes no ON or USING condition");
    expect_error("SELECT * FROM a NATURAL CROSS JOIN b",
                 "t.sql:1:25: error: CROSS JOIN cannot be NATURAL");
}

Test(parse, from_items)
{
    const char *src = "SELECT * FROM r FOR SYSTEM_TIME AS OF o.proc_time AS x (a, b), "
                      "(SELECT 1) s, LATERAL TABLE(split(s, ',')) AS T(w, n), "
                      "LATERAL (SELECT * FROM u WHERE u.k = t.k) lt, "
                      "UNNEST(tags, ids) WITH ORDINALITY AS u (tag, id, n), UNNEST(arr), "
                      "TABLE(gen(1, 'x')) g";
    P *p = ok(src, 1);
    FromItem *items[7];
    FromItem *f = sel0(p)->from;
    for (int i = 6; i > 0; i--) {
        cr_assert(f->comma);
        items[i] = f->right;
        f = f->left;
    }
    items[0] = f;

    f = items[0];
    cr_expect_eq(f->kind, FROM_TABLE);
    cr_expect_str_eq(f->table, "r");
    cr_expect_str_eq(ast_expr_sexp(&p->a, f->as_of), "o.proc_time");
    expect_pos(f->as_of_pos, 1, col(src, "FOR"), "FOR");
    cr_expect_str_eq(f->alias, "x");
    expect_pos(f->alias_pos, 1, col(src, "x ("), "alias");
    cr_assert_eq(f->n_col_aliases, 2);
    cr_expect_str_eq(f->col_aliases[1], "b");

    f = items[1];
    cr_expect_eq(f->kind, FROM_SUBQUERY);
    expect_pos(f->pos, 1, col(src, "(SELECT 1)"), "subquery");
    cr_expect_eq(f->query->kind, QK_SELECT);
    cr_expect_str_eq(f->alias, "s");
    cr_expect_eq(f->n_col_aliases, 0);

    f = items[2];
    cr_expect_eq(f->kind, FROM_LATERAL);
    expect_pos(f->pos, 1, col(src, "LATERAL TABLE"), "LATERAL");
    cr_expect_str_eq(ast_expr_sexp(&p->a, f->call), "(split s ',')");
    cr_expect_null(f->query);
    cr_expect_str_eq(f->alias, "T");
    cr_expect_eq(f->n_col_aliases, 2);

    f = items[3];
    cr_expect_eq(f->kind, FROM_LATERAL);
    cr_expect_null(f->call);
    cr_assert_not_null(f->query);
    cr_expect_str_eq(ast_expr_sexp(&p->a, f->query->select->where), "(= u.k t.k)");
    cr_expect_str_eq(f->alias, "lt");

    f = items[4];
    cr_expect_eq(f->kind, FROM_UNNEST);
    expect_pos(f->pos, 1, col(src, "UNNEST"), "UNNEST");
    cr_assert_eq(f->unnest.n, 2);
    cr_expect_str_eq(ast_expr_sexp(&p->a, f->unnest.v[1]), "ids");
    cr_expect(f->ordinality);
    cr_expect_eq(f->n_col_aliases, 3);
    cr_expect_not(items[5]->ordinality);
    cr_expect_null(items[5]->alias);

    f = items[6];
    cr_expect_eq(f->kind, FROM_TABLE_FN);
    expect_pos(f->pos, 1, col(src, "TABLE(gen"), "TABLE");
    cr_expect_str_eq(ast_expr_sexp(&p->a, f->call), "(gen 1 'x')");
    expect_pos(f->call->pos, 1, col(src, "gen"), "function");
    cr_expect_eq(f->n_targs, 2);
    cr_expect_str_eq(f->alias, "g");
    p_free(p);
}

Test(parse, window_tvfs_all_forms)
{
    const char *src = "SELECT * FROM TABLE(CUMULATE(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE, "
                      "INTERVAL '1' HOUR, INTERVAL '5' SECOND))";
    P *p = ok(src, 1);
    FromItem *f = sel0(p)->from;
    cr_expect_eq(f->kind, FROM_TVF);
    cr_expect_str_eq(f->tvf, "CUMULATE");
    cr_assert_eq(f->tvf_args.n, 3);
    cr_expect_str_eq(ast_expr_sexp(&p->a, f->tvf_args.v[2]), "(interval 5000)");
    cr_assert_eq(f->n_targs, 5);
    cr_expect_eq(f->targs[0].kind, TVFA_TABLE);
    cr_expect_eq(f->targs[1].kind, TVFA_DESCRIPTOR);
    cr_expect_eq(f->targs[2].kind, TVFA_EXPR);
    cr_expect_null(f->targs[0].name);
    cr_expect_eq(f->partition.n, 0);
    p_free(p);

    /* SESSION with PARTITION BY, one column or a list */
    src = "SELECT * FROM TABLE(SESSION(TABLE bids PARTITION BY item, DESCRIPTOR(ts), "
          "INTERVAL '5' MINUTES))";
    p = ok(src, 1);
    f = sel0(p)->from;
    cr_expect_str_eq(f->tvf, "SESSION");
    cr_expect_str_eq(f->table, "bids");
    cr_assert_eq(f->partition.n, 1);
    cr_expect_str_eq(ast_expr_sexp(&p->a, f->partition.v[0]), "item");
    expect_pos(f->partition.v[0]->pos, 1, col(src, "item"), "partition column");
    cr_assert_eq(f->tvf_args.n, 1);
    p_free(p);
    src = "SELECT * FROM TABLE(SESSION(DATA => TABLE bids PARTITION BY (item, shop), "
          "TIMECOL => DESCRIPTOR(ts), GAP => INTERVAL '5' MINUTES)) AS s";
    p = ok(src, 1);
    f = sel0(p)->from;
    cr_expect_eq(f->kind, FROM_TVF);
    cr_assert_eq(f->partition.n, 2);
    cr_expect_str_eq(ast_expr_sexp(&p->a, f->partition.v[1]), "shop");
    cr_expect_str_eq(f->descriptor, "ts");
    expect_pos(f->descriptor_pos, 1, col(src, "ts)"), "descriptor column");
    cr_expect_str_eq(f->targs[0].name, "DATA");
    expect_pos(f->targs[0].name_pos, 1, col(src, "DATA"), "DATA");
    cr_assert_eq(f->tvf_args.n, 1);
    cr_expect_str_eq(ast_expr_sexp(&p->a, f->tvf_args.v[0]), "(interval 300000)");
    cr_expect_str_eq(f->alias, "s");
    p_free(p);

    /* named: any order after DATA and TIMECOL; OFFSET is reserved but a parameter */
    p = ok("SELECT * FROM TABLE(CUMULATE(DATA => TABLE t, TIMECOL => DESCRIPTOR(ts), "
           "OFFSET => INTERVAL '3' SECOND, SIZE => INTERVAL '2' SECOND, STEP => INTERVAL '1' "
           "SECOND))",
           1);
    f = sel0(p)->from;
    cr_assert_eq(f->tvf_args.n, 3);
    cr_expect_str_eq(ast_expr_sexp(&p->a, f->tvf_args.v[0]), "(interval 1000)");
    cr_expect_str_eq(ast_expr_sexp(&p->a, f->tvf_args.v[1]), "(interval 2000)");
    cr_expect_str_eq(ast_expr_sexp(&p->a, f->tvf_args.v[2]), "(interval 3000)");
    p_free(p);

    /* another function with TABLE and DESCRIPTOR arguments is a table function */
    p = ok("SELECT * FROM TABLE(my_ptf(input => TABLE t PARTITION BY k, DESCRIPTOR(a, b), 7))", 1);
    f = sel0(p)->from;
    cr_expect_eq(f->kind, FROM_TABLE_FN);
    cr_expect_str_eq(ast_expr_sexp(&p->a, f->call), "(my_ptf 7)");
    cr_assert_eq(f->n_targs, 3);
    cr_expect_str_eq(f->targs[0].name, "input");
    cr_expect_str_eq(f->targs[0].table, "t");
    cr_expect_eq(f->targs[0].partition.n, 1);
    cr_expect_eq(f->targs[1].n_cols, 2);
    cr_expect_str_eq(f->targs[1].cols[1], "b");
    p_free(p);
    p = ok("SELECT * FROM TABLE(now())", 1);
    cr_expect_eq(sel0(p)->from->kind, FROM_TABLE_FN);
    cr_expect_eq(sel0(p)->from->n_targs, 0);
    p_free(p);

    expect_error("SELECT * FROM TABLE(TUMBLE(TABLE t PARTITION BY k, DESCRIPTOR(ts), INTERVAL "
                 "'1' HOUR))",
                 "t.sql:1:49: error: PARTITION BY is only valid in SESSION windows");
    expect_error("SELECT * FROM TABLE(TUMBLE(TABLE t, INTERVAL '1' HOUR))",
                 "t.sql:1:37: error: expected DESCRIPTOR(column) as the second argument of TUMBLE");
    expect_error("SELECT * FROM TABLE(TUMBLE(DESCRIPTOR(ts), TABLE t))",
                 "t.sql:1:28: error: expected TABLE name as the first argument of TUMBLE");
    expect_error("SELECT * FROM TABLE(HOP(TABLE t, DESCRIPTOR(a, b), INTERVAL '1' HOUR))",
                 "t.sql:1:45: error: DESCRIPTOR of HOP takes one column");
    expect_error("SELECT * FROM TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), TABLE u))",
                 "t.sql:1:53: error: TUMBLE takes TABLE and DESCRIPTOR only as its first two "
                 "arguments");
    expect_error("SELECT * FROM TABLE(TUMBLE(DATA => TABLE t, DESCRIPTOR(ts)))",
                 "t.sql:1:45: error: named and positional arguments cannot be mixed");
    expect_error("SELECT * FROM TABLE(TUMBLE(DATA => TABLE t, TIMECOL => TABLE u))",
                 "t.sql:1:45: error: expected TIMECOL => DESCRIPTOR(column) as the second "
                 "argument");
    expect_error("SELECT * FROM TABLE(TUMBLE(TABLE t))",
                 "t.sql:1:21: error: expected DESCRIPTOR(column) as the second argument of TUMBLE");
    expect_error("SELECT * FROM TABLE(TUMBLE(DATA => TABLE t, TIMECOL => DESCRIPTOR(ts), SIZE => "
                 "DESCRIPTOR(x)))",
                 "t.sql:1:80: error: SIZE takes an expression, not TABLE or DESCRIPTOR");
}

Test(parse, ksqldb_window_clauses)
{
    const char *src = "SELECT k, COUNT(*) FROM s WINDOW TUMBLING (SIZE 1 HOUR, RETENTION 7 DAYS, "
                      "GRACE PERIOD 10 MINUTES) WHERE k > 0 GROUP BY k EMIT CHANGES";
    P *p = ok(src, 1);
    Select *s = sel0(p);
    KsqlWindow *w = s->kwindow;
    cr_assert_not_null(w);
    cr_expect_eq(w->kind, KW_TUMBLING);
    expect_pos(w->pos, 1, col(src, "WINDOW"), "WINDOW");
    cr_expect_eq(w->size_ms, 3600000);
    cr_expect_eq(w->retention_ms, 7 * 86400000LL);
    cr_expect_eq(w->grace_ms, 600000);
    expect_pos(w->grace_pos, 1, col(src, "GRACE"), "GRACE");
    cr_expect_eq(w->advance_ms, -1);
    cr_expect_not_null(s->where);
    cr_expect_eq(s->n_group_by, 1);
    cr_expect_eq(s->emit, EMIT_CHANGES);
    p_free(p);

    p = ok("SELECT k FROM s WINDOW hopping (size 30 seconds, advance by 10 second) GROUP BY k", 1);
    w = sel0(p)->kwindow;
    cr_expect_eq(w->kind, KW_HOPPING);
    cr_expect_eq(w->size_ms, 30000);
    cr_expect_eq(w->advance_ms, 10000);
    cr_expect_eq(w->grace_ms, -1);
    cr_expect_eq(w->retention_ms, -1);
    p_free(p);

    p = ok("SELECT k FROM s WINDOW SESSION (5 MINUTES, GRACE PERIOD 250 MILLISECONDS) GROUP BY k",
           1);
    w = sel0(p)->kwindow;
    cr_expect_eq(w->kind, KW_SESSION);
    cr_expect_eq(w->size_ms, 300000);
    cr_expect_eq(w->grace_ms, 250);
    p_free(p);

    /* Flink's place (after HAVING) is accepted for it too */
    p = ok("SELECT k FROM s GROUP BY k HAVING COUNT(*) > 1 WINDOW TUMBLING (SIZE 1 DAY)", 1);
    cr_expect_eq(sel0(p)->kwindow->size_ms, 86400000);
    cr_expect_not_null(sel0(p)->having);
    p_free(p);

    expect_error("SELECT k FROM s WINDOW TUMBLNG (SIZE 1 HOUR)",
                 "t.sql:1:24: error: unknown window type 'TUMBLNG'; did you mean 'TUMBLING'?");
    expect_error("SELECT k FROM s WINDOW SLIDING (SIZE 1 HOUR)",
                 "t.sql:1:24: error: unknown window type 'SLIDING'; expected TUMBLING, HOPPING or "
                 "SESSION");
    expect_error("SELECT k FROM s WINDOW TUMBLING (SIZE 1 HOURZ)",
                 "t.sql:1:41: error: unknown time unit 'HOURZ'; did you mean 'HOUR'?");
    expect_error("SELECT k FROM s WINDOW TUMBLING (SIZE 1 FORTNIGHT)",
                 "t.sql:1:41: error: unknown time unit 'FORTNIGHT'; expected DAYS, HOURS, "
                 "MINUTES, SECONDS or MILLISECONDS");
    expect_error("SELECT k FROM s WINDOW TUMBLING (SIZE 99999999999999999 DAYS)",
                 "t.sql:1:39: error: window duration out of range");
    expect_error("SELECT k FROM s WINDOW TUMBLING (GRACE 1 HOUR)",
                 "t.sql:1:34: error: unknown WINDOW parameter 'GRACE'; expected SIZE, ADVANCE BY, "
                 "RETENTION or GRACE PERIOD");
    expect_error("SELECT k FROM s WINDOW TUMBLING (ADVANCE BY 1 HOUR)",
                 "t.sql:1:34: error: ADVANCE BY is not a parameter of TUMBLING windows");
    expect_error("SELECT k FROM s WINDOW SESSION (SIZE 1 HOUR)",
                 "t.sql:1:33: error: SIZE is not a parameter of SESSION windows");
    expect_error("SELECT k FROM s WINDOW TUMBLING (1 HOUR)",
                 "t.sql:1:34: error: TUMBLING windows take SIZE n unit, not a bare duration");
    expect_error("SELECT k FROM s WINDOW HOPPING (SIZE 1 HOUR)",
                 "t.sql:1:24: error: HOPPING windows need ADVANCE BY");
    expect_error("SELECT k FROM s WINDOW SESSION (GRACE PERIOD 1 HOUR)",
                 "t.sql:1:24: error: SESSION windows need a gap, e.g. SESSION (5 MINUTES)");
    expect_error("SELECT k FROM s WINDOW TUMBLING (SIZE 1 HOUR, SIZE 2 HOURS)",
                 "t.sql:1:47: error: SIZE given twice");
}

Test(parse, grouping_sets_rollup_cube)
{
    const char *src = "SELECT a FROM t GROUP BY a + 1, GROUPING SETS ((a, b), (a), c, ()), "
                      "ROLLUP (a, b), CUBE (a, (b, c)), ()";
    P *p = ok(src, 1);
    Select *s = sel0(p);
    cr_assert_eq(s->n_group_by, 5);
    expect_pos(s->group_by_pos, 1, col(src, "GROUP"), "GROUP");
    GroupItem *g = s->group_by;
    cr_expect_eq(g[0].kind, GI_EXPR);
    cr_expect_str_eq(ast_expr_sexp(&p->a, g[0].e), "(+ a 1)");
    cr_expect_eq(g[1].kind, GI_GROUPING_SETS);
    expect_pos(g[1].pos, 1, col(src, "GROUPING"), "GROUPING");
    cr_assert_eq(g[1].n_sets, 4);
    cr_assert_eq(g[1].sets[0].n, 2);
    cr_expect_str_eq(ast_expr_sexp(&p->a, g[1].sets[0].v[1]), "b");
    cr_expect_eq(g[1].sets[1].n, 1);
    cr_expect_eq(g[1].sets[2].n, 1);
    cr_expect_str_eq(ast_expr_sexp(&p->a, g[1].sets[2].v[0]), "c");
    cr_expect_eq(g[1].sets[3].n, 0);
    cr_expect_eq(g[2].kind, GI_ROLLUP);
    cr_expect_eq(g[2].n_sets, 2);
    cr_expect_eq(g[3].kind, GI_CUBE);
    cr_assert_eq(g[3].n_sets, 2);
    cr_expect_eq(g[3].sets[1].n, 2);
    cr_expect_eq(g[4].kind, GI_EMPTY);
    cr_expect_eq(g[4].n_sets, 0);
    expect_pos(g[4].pos, 1, (int)strlen(src) - 1, "()");
    p_free(p);
    /* GROUPING is still a function name elsewhere */
    expect_item("SELECT GROUPING(a) FROM t GROUP BY ROLLUP (a)", 0, "(GROUPING a)");
}

Test(parse, call_suffixes_and_windows)
{
    expect_item("SELECT COUNT(*) FILTER (WHERE a > 1) FROM t", 0, "(COUNT * (filter (> a 1)))");
    expect_item("SELECT PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x DESC) FILTER (WHERE y) "
                "FROM t",
                0, "(PERCENTILE_CONT 0.5 (within-group (desc x)) (filter y))");
    expect_item("SELECT SUM(a) OVER w FROM t", 0, "(SUM a (over w))");
    expect_item("SELECT SUM(a) OVER () FROM t", 0, "(SUM a (over))");
    expect_item("SELECT ROW_NUMBER() OVER (PARTITION BY a, b ORDER BY ts DESC NULLS LAST) FROM t",
                0, "(ROW_NUMBER (over (partition a b) (order (nulls-last (desc ts)))))");
    expect_item("SELECT SUM(a) OVER (ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) FROM t",
                0, "(SUM a (over (order ts) (rows (preceding 2) current-row)))");
    expect_item("SELECT MAX(a) OVER (PARTITION BY k ORDER BY ts RANGE BETWEEN INTERVAL '1' HOUR "
                "PRECEDING AND CURRENT ROW) FROM t",
                0,
                "(MAX a (over (partition k) (order ts) (range (preceding (interval 3600000)) "
                "current-row)))");
    expect_item("SELECT SUM(a) OVER (ORDER BY ts ROWS UNBOUNDED PRECEDING) FROM t", 0,
                "(SUM a (over (order ts) (rows unbounded-preceding current-row)))");
    expect_item("SELECT SUM(a) OVER (ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING) FROM t", 0,
                "(SUM a (over (rows (following 1) unbounded-following)))");
    expect_item("SELECT SUM(a) OVER (w ORDER BY ts) FROM t", 0, "(SUM a (over w (order ts)))");
    expect_item("SELECT COUNT(DISTINCT a) FILTER (WHERE b) OVER (PARTITION BY c) + 1 FROM t", 0,
                "(+ (COUNT distinct a (filter b) (over (partition c))) 1)");

    const char *src = "SELECT SUM(a) FILTER (WHERE b) OVER (PARTITION BY c) FROM t";
    P *p = ok(src, 1);
    Expr *e = sel0(p)->items[0].expr;
    cr_assert_eq(e->kind, EX_CALL);
    expect_pos(e->u.call.filter_pos, 1, col(src, "FILTER"), "FILTER");
    cr_assert_not_null(e->u.call.over);
    expect_pos(e->u.call.over->pos, 1, col(src, "OVER"), "OVER");
    cr_expect_null(e->u.call.over->name);
    cr_expect_null(e->u.call.over->ref);
    cr_expect_not(e->u.call.over->has_frame);
    cr_expect_eq(e->height, 2);
    p_free(p);
    src = "SELECT LISTAGG(a) WITHIN GROUP (ORDER BY a) FROM t";
    p = ok(src, 1);
    expect_pos(sel0(p)->items[0].expr->u.call.within_pos, 1, col(src, "WITHIN"), "WITHIN");
    p_free(p);

    expect_error("SELECT SUM(a) OVER w FILTER (WHERE b) FROM t",
                 "t.sql:1:22: error: FILTER must come before OVER");
    expect_error("SELECT SUM(a) FILTER (WHERE b) WITHIN GROUP (ORDER BY a) FROM t",
                 "t.sql:1:32: error: WITHIN GROUP must come before FILTER");
    expect_error("SELECT SUM(a) OVER w OVER v FROM t", "t.sql:1:22: error: OVER given twice");
    expect_error("SELECT SUM(a) OVER (ORDER BY a PARTITION BY b) FROM t",
                 "t.sql:1:32: error: PARTITION BY must come before ORDER BY");
    expect_error("SELECT SUM(a) OVER (ROWS 1 PRECEDING ORDER BY b) FROM t",
                 "t.sql:1:38: error: ORDER BY must come before ROWS");
    expect_error("SELECT SUM(a) OVER (PARTITION BY a w) FROM t",
                 "t.sql:1:36: error: the base window name must come before PARTITION BY");
    expect_error("SELECT SUM(a) OVER (ROWS 1 PRECEDING RANGE 2 PRECEDING) FROM t",
                 "t.sql:1:38: error: a frame (ROWS or RANGE) given twice in a window "
                 "specification");
    expect_error("SELECT SUM(a) OVER (PARTITION BY a PARTITION BY b) FROM t",
                 "t.sql:1:36: error: PARTITION BY given twice in a window specification");
}

Test(parse, named_windows_and_qualify)
{
    const char *src = "SELECT k, SUM(v) OVER w1, AVG(v) OVER w2 FROM t GROUP BY k, v HAVING k > 0 "
                      "WINDOW w1 AS (PARTITION BY k ORDER BY ts), w2 AS (w1 ROWS 3 PRECEDING) "
                      "QUALIFY ROW_NUMBER() OVER w1 = 1";
    P *p = ok(src, 1);
    Select *s = sel0(p);
    cr_assert_eq(s->n_windows, 2);
    WindowDef *w1 = s->windows[0], *w2 = s->windows[1];
    cr_expect_str_eq(w1->name, "w1");
    expect_pos(w1->pos, 1, col(src, "w1 AS"), "w1");
    cr_expect_null(w1->ref);
    cr_expect_eq(w1->partition.n, 1);
    cr_expect_eq(w1->order.n, 1);
    cr_expect_str_eq(w2->name, "w2");
    cr_expect_str_eq(w2->ref, "w1");
    cr_expect(w2->has_frame);
    cr_expect(w2->rows);
    cr_expect_eq(w2->lo.kind, FB_PRECEDING);
    cr_expect_str_eq(ast_expr_sexp(&p->a, w2->lo.n), "3");
    cr_expect_eq(w2->hi.kind, FB_CURRENT_ROW);
    cr_expect_str_eq(ast_expr_sexp(&p->a, s->qualify), "(= (ROW_NUMBER (over w1)) 1)");
    expect_pos(s->qualify_pos, 1, col(src, "QUALIFY"), "QUALIFY");
    cr_expect_str_eq(ast_expr_sexp(&p->a, s->items[1].expr), "(SUM v (over w1))");
    p_free(p);

    /* ksqlDB's place (right after FROM) is accepted for Flink's form too */
    p = ok("SELECT SUM(v) OVER w FROM t WINDOW w AS (ORDER BY ts) WHERE v > 0", 1);
    cr_expect_eq(sel0(p)->n_windows, 1);
    cr_expect_not_null(sel0(p)->where);
    p_free(p);
    expect_error("SELECT 1 FROM t WINDOW w AS (), W AS ()",
                 "t.sql:1:33: error: window 'W' is defined twice");
}

Test(parse, emit_forms)
{
    static const struct {
        const char *emit;
        EmitMode mode;
    } cases[] = {
        {"", EMIT_DEFAULT},
        {" EMIT CHANGES", EMIT_CHANGES},
        {" EMIT FINAL", EMIT_FINAL},
        {" EMIT AFTER WATERMARK", EMIT_FINAL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char src[128];
        snprintf(src, sizeof src, "SELECT k FROM t GROUP BY k%s LIMIT 2", cases[i].emit);
        P *p = ok(src, 1);
        cr_expect_eq(sel0(p)->emit, cases[i].mode, "%s", src);
        cr_expect_eq(sel0(p)->emit_pos.col, cases[i].mode == EMIT_DEFAULT ? 0 : col(src, "EMIT"),
                     "%s", src);
        cr_expect_not_null(q0(p)->limit);
        p_free(p);
    }
}

Test(parse, match_recognize)
{
    /* the Flink documentation's example */
    const char *src = "SELECT *\n"
                      "FROM Ticker\n"
                      "    MATCH_RECOGNIZE (\n"
                      "        PARTITION BY symbol\n"
                      "        ORDER BY rowtime\n"
                      "        MEASURES\n"
                      "            START_ROW.rowtime AS start_tstamp,\n"
                      "            LAST(PRICE_DOWN.rowtime) AS bottom_tstamp,\n"
                      "            LAST(PRICE_UP.rowtime) AS end_tstamp\n"
                      "        ONE ROW PER MATCH\n"
                      "        AFTER MATCH SKIP TO LAST PRICE_UP\n"
                      "        PATTERN (START_ROW PRICE_DOWN+ PRICE_UP)\n"
                      "        DEFINE\n"
                      "            PRICE_DOWN AS\n"
                      "                (LAST(PRICE_DOWN.price, 1) IS NULL AND PRICE_DOWN.price < "
                      "START_ROW.price) OR\n"
                      "                    PRICE_DOWN.price < LAST(PRICE_DOWN.price, 1),\n"
                      "            PRICE_UP AS\n"
                      "                PRICE_UP.price > LAST(PRICE_DOWN.price, 1)\n"
                      "    ) MR;";
    P *p = ok(src, 1);
    FromItem *f = sel0(p)->from;
    cr_expect_eq(f->kind, FROM_MATCH_RECOGNIZE);
    expect_pos(f->mr_pos, 3, 5, "MATCH_RECOGNIZE");
    expect_pos(f->pos, 2, 6, "input");
    cr_assert_not_null(f->left);
    cr_expect_eq(f->left->kind, FROM_TABLE);
    cr_expect_str_eq(f->left->table, "Ticker");
    cr_expect_null(f->left->alias);
    cr_expect_str_eq(f->alias, "MR");
    expect_pos(f->alias_pos, 19, 7, "alias");
    p_free(p);

    /* every clause and pattern operator; the input may be a subquery */
    p = ok("SELECT * FROM (SELECT * FROM t) MATCH_RECOGNIZE (ORDER BY ts MEASURES FINAL "
           "LAST(A.x) AS la, RUNNING COUNT(*) AS n ALL ROWS PER MATCH AFTER MATCH SKIP PAST "
           "LAST ROW PATTERN (^ (A | B C)*? D{2,} E{,3}? F{1,2} G{3} H?? I+ $) WITHIN "
           "INTERVAL '1' HOUR SUBSET U = (A, B), V = (C) DEFINE A AS TRUE, B AS A.x > 1) AS m",
           1);
    f = sel0(p)->from;
    cr_expect_eq(f->kind, FROM_MATCH_RECOGNIZE);
    cr_expect_eq(f->left->kind, FROM_SUBQUERY);
    cr_expect_str_eq(f->alias, "m");
    p_free(p);
    static const char *const skips[] = {"TO NEXT ROW", "TO FIRST A", "TO A", "PAST LAST ROW"};
    for (size_t i = 0; i < sizeof skips / sizeof skips[0]; i++) {
        char src2[256];
        snprintf(src2, sizeof src2,
                 "SELECT * FROM t MATCH_RECOGNIZE (AFTER MATCH SKIP %s PATTERN (A) DEFINE A AS "
                 "TRUE)",
                 skips[i]);
        p_free(ok(src2, 1));
    }
    expect_error("SELECT * FROM t MATCH_RECOGNIZE (PATTERN (A) DEFINE A AS TRUE ORDER BY x)",
                 "t.sql:1:63: error: syntax error near 'ORDER'; expected one of: ')', ',', '*', "
                 "'[', OR, AND, IS, '=', '<>', '<', '<=', '>', ...");
    expect_error("SELECT * FROM t MATCH_RECOGNIZE (PATTERN (A{x}) DEFINE A AS TRUE)",
                 "t.sql:1:45: error: syntax error near 'x'; expected one of: ',', integer");
}

/* ---- expressions (new forms) ---------------------------------------------------- */

Test(parse, subquery_predicates)
{
    expect_where("EXISTS (SELECT 1 FROM u)", "(exists <query>)");
    expect_where("NOT EXISTS (SELECT 1 FROM u)", "(not-exists <query>)");
    expect_where("NOT (EXISTS (SELECT 1))", "(not-exists <query>)");
    expect_where("NOT NOT EXISTS (SELECT 1)", "(not (not-exists <query>))");
    expect_where("a IN (SELECT b FROM u)", "(in-query a <query>)");
    expect_where("a + 1 NOT IN (SELECT b FROM u) AND c", "(and (not-in-query (+ a 1) <query>) c)");
    expect_where("a IN (VALUES (1), (2))", "(in-query a <query>)");
    expect_where("a IN ((SELECT 1), 2)", "(in a (scalar <query>) 2)");
    expect_where("a = (SELECT MAX(b) FROM u)", "(= a (scalar <query>))");
    expect_where("((SELECT 1)) = 1", "(= (scalar <query>) 1)");
    expect_where("(SELECT 1 UNION SELECT 2 ORDER BY 1 LIMIT 1) > 0", "(> (scalar <query>) 0)");
    expect_where("a > ANY (SELECT b FROM u)", "(any > a <query>)");
    expect_where("a = SOME (SELECT b FROM u)", "(any = a <query>)");
    expect_where("a <> ALL (SELECT b FROM u)", "(all <> a <query>)");
    expect_where("a <= ALL ((SELECT 1) UNION (SELECT 2)) OR b >= ANY (SELECT 3) AND c < SOME "
                 "(SELECT 4)",
                 "(or (all <= a <query>) (and (any >= b <query>) (any < c <query>)))");
    /* ANY and SOME alone are columns */
    expect_where("any = some", "(= any some)");

    const char *src = "SELECT a FROM t WHERE x IN (SELECT y FROM u WHERE z > ALL (SELECT 1))";
    P *p = ok(src, 1);
    Expr *e = sel0(p)->where;
    cr_assert_eq(e->kind, EX_IN_QUERY);
    expect_pos(e->pos, 1, col(src, "IN ("), "IN");
    cr_expect_not(e->u.subq.negated);
    QueryExpr *sub = e->u.subq.q;
    cr_expect_str_eq(sub->select->from->table, "u");
    Expr *q = sub->select->where;
    cr_assert_eq(q->kind, EX_QUANTIFIED);
    cr_expect(q->u.subq.all);
    cr_expect_eq(q->u.subq.op, BOP_GT);
    expect_pos(q->pos, 1, col(src, "> ALL"), "quantified");
    /* heights go through the subqueries */
    cr_expect_eq(q->u.subq.q->height, 1);
    cr_expect_eq(q->height, 2);
    cr_expect_eq(sub->height, 2);
    cr_expect_eq(e->height, 3);
    p_free(p);
    src = "SELECT (SELECT 1), EXISTS (SELECT 2) FROM t";
    p = ok(src, 1);
    expect_pos(sel0(p)->items[0].expr->pos, 1, col(src, "(SELECT 1)"), "scalar subquery");
    expect_pos(sel0(p)->items[1].expr->pos, 1, col(src, "EXISTS"), "EXISTS");
    p_free(p);
}

Test(parse, is_predicates)
{
    expect_where("a IS TRUE", "(is-true a)");
    expect_where("a IS NOT TRUE", "(is-not-true a)");
    expect_where("a IS FALSE", "(is-false a)");
    expect_where("a IS NOT FALSE", "(is-not-false a)");
    expect_where("a = b IS UNKNOWN", "(is-unknown (= a b))");
    expect_where("a IS NOT UNKNOWN AND b", "(and (is-not-unknown a) b)");
    expect_where("a IS DISTINCT FROM b + 1", "(is-distinct-from a (+ b 1))");
    expect_where("a IS NOT DISTINCT FROM b", "(is-not-distinct-from a b)");
    /* IS DISTINCT FROM groups like '=' */
    expect_where("a IS DISTINCT FROM b = c", "(= (is-distinct-from a b) c)");
    expect_where("a = b IS NOT DISTINCT FROM c", "(is-not-distinct-from (= a b) c)");
    expect_where("NOT a IS DISTINCT FROM b", "(not (is-distinct-from a b))");
}

Test(parse, typed_literals_try_cast_and_collections)
{
    expect_where("d = DATE '2024-01-31'", "(= d (typed DATE '2024-01-31'))");
    expect_where("t = TIME '10:00:00'", "(= t (typed TIME '10:00:00'))");
    expect_where("t = timestamp_ltz '2024-01-01 00:00:00'",
                 "(= t (typed timestamp_ltz '2024-01-01 00:00:00'))");
    expect_where("TRY_CAST(a AS INT) > try_cast(b AS DECIMAL(5, 1))",
                 "(> (try-cast a INT) (try-cast b DECIMAL(5,1)))");
    expect_where("ARRAY[1, 2][1] = MAP['a', 1, 'b', 2]['a']",
                 "(= (ITEM (ARRAY 1 2) 1) (ITEM (MAP 'a' 1 'b' 2) 'a'))");
    expect_where("-a[1] + b.c[2 + 3] = 0", "(= (+ (- (ITEM a 1)) (ITEM b.c (+ 2 3))) 0)");
    expect_where("a[1][2] = 0", "(= (ITEM (ITEM a 1) 2) 0)");
    expect_where("ROW(1, 'a') IS NOT NULL", "(is-not-null (ROW 1 'a'))");
    /* TIME, ARRAY, MAP, ANY and SOME are column names when used alone */
    expect_where("time > array + map", "(> time (+ array map))");

    const char *src = "SELECT DATE '2024-01-01', TRY_CAST(x AS BIGINT), ARRAY[a], x[1] FROM t";
    P *p = ok(src, 1);
    SelectItem *it = sel0(p)->items;
    cr_expect_eq(it[0].expr->kind, EX_TYPED_LIT);
    cr_expect_str_eq(it[0].expr->u.typed.type, "DATE");
    cr_expect_str_eq(it[0].expr->u.typed.text, "2024-01-01");
    expect_pos(it[0].expr->pos, 1, col(src, "DATE"), "DATE");
    cr_expect_eq(it[1].expr->kind, EX_CAST);
    cr_expect(it[1].expr->u.cast.try_);
    cr_expect_eq(it[1].expr->u.cast.type.kind, TY_BIGINT);
    expect_pos(it[1].expr->pos, 1, col(src, "TRY_CAST"), "TRY_CAST");
    expect_pos(it[2].expr->pos, 1, col(src, "ARRAY"), "ARRAY");
    expect_pos(it[3].expr->pos, 1, col(src, "[1]"), "subscript");
    p_free(p);

    expect_error("SELECT dat '2024-01-01' FROM t",
                 "t.sql:1:8: error: unknown type 'dat'; did you mean 'DATE'?");
    expect_error("SELECT f(a AS INT) FROM t",
                 "t.sql:1:12: error: AS inside a function call is only valid in CAST(x AS type) "
                 "and TRY_CAST(x AS type)");
    expect_error("SELECT MAP['a'] FROM t",
                 "t.sql:1:8: error: MAP[...] needs key-value pairs (an even number of values)");
    expect_error("SELECT ARRAY[] FROM t",
                 "t.sql:1:14: error: syntax error near ']'; expected an expression");
}

Test(parse, new_non_reserved_keywords_as_identifiers)
{
    P *p = ok("CREATE TABLE t (view INT, temporary INT, execute INT, statement INT, begin INT, "
              "partition INT, rows INT, range INT, preceding INT, following INT, unbounded INT, "
              "current INT, row INT, grouping INT, sets INT, rollup INT, cube INT, asc INT, desc "
              "INT, nulls INT, first INT, last INT, measures INT, pattern INT, define INT, one "
              "INT, per INT, match INT, skip INT, past INT, next INT, to INT, subset INT, after "
              "INT, of INT, system_time INT, any INT, some INT, ordinality INT, metadata INT, "
              "virtual INT, overwrite INT, unknown INT, only INT, running INT, array INT, map "
              "INT, tumbling INT, session INT, size INT, period INT, try_cast INT)",
              1);
    cr_expect_eq(p->prog->stmts[0]->n_cols, 52);
    p_free(p);
    /* in expressions, as aliases, as table names */
    p = ok("SELECT rows, range + 1 AS partition, first, last desc, size, session FROM view AS "
           "metadata WHERE current > next ORDER BY last, first DESC",
           1);
    Select *s = sel0(p);
    cr_expect_str_eq(ast_expr_sexp(&p->a, s->items[0].expr), "rows");
    cr_expect_str_eq(s->items[1].alias, "partition");
    cr_expect_str_eq(s->items[3].alias, "desc");
    cr_expect_str_eq(s->from->table, "view");
    cr_expect_str_eq(s->from->alias, "metadata");
    cr_expect_str_eq(ast_expr_sexp(&p->a, s->where), "(> current next)");
    cr_expect(q0(p)->order.v[1].desc);
    p_free(p);
    /* a window over a column named like a keyword */
    expect_item("SELECT SUM(rows) OVER (PARTITION BY range ORDER BY preceding) FROM t", 0,
                "(SUM rows (over (partition range) (order preceding)))");
}

/* ---- clause order ----------------------------------------------------------- */

Test(parse, error_clause_order)
{
    expect_error("SELECT a FROM t GROUP BY a WHERE a > 1",
                 "t.sql:1:28: error: WHERE must come before GROUP BY");
    expect_error("SELECT a FROM t HAVING a > 1 GROUP BY a",
                 "t.sql:1:30: error: GROUP BY must come before HAVING");
    expect_error("SELECT a WHERE a > 1 FROM t", "t.sql:1:22: error: FROM must come before WHERE");
    expect_error("SELECT a FROM t EMIT CHANGES WHERE a > 1",
                 "t.sql:1:30: error: WHERE must come before EMIT");
    expect_error("SELECT a FROM t QUALIFY a WINDOW w AS ()",
                 "t.sql:1:27: error: WINDOW must come before QUALIFY");
    expect_error("SELECT a FROM t WHERE a WINDOW TUMBLING (SIZE 1 HOUR) GROUP BY a",
                 "t.sql:1:55: error: GROUP BY must come before WINDOW");
    expect_error("SELECT a FROM t WHERE a > 1 WHERE b",
                 "t.sql:1:29: error: duplicate WHERE clause");
    expect_error("SELECT a FROM t, u FROM v", "t.sql:1:20: error: duplicate FROM clause");
    expect_error("SELECT a FROM t EMIT CHANGES EMIT FINAL",
                 "t.sql:1:30: error: duplicate EMIT clause");
    expect_error("SELECT a FROM t WINDOW w AS () WINDOW v AS ()",
                 "t.sql:1:32: error: duplicate WINDOW clause");
    expect_error("SELECT a FROM t\nGROUP BY a\n  HAVING COUNT(*) > 1\nWHERE a IS NULL",
                 "t.sql:4:1: error: WHERE must come before HAVING");
}

Test(parse, query_height_limit)
{
    /* 999 UNIONs make height 1000 ... */
    char *s = repeat("SELECT 1", " UNION SELECT 1", 999, "", "", 0, "");
    P *p = parse_src(s);
    cr_assert_not_null(p->prog, "%s", p->out);
    cr_expect_eq(q0(p)->height, 1000);
    p_free(p);
    free(s);
    /* ... the 1000th UNION (at column 8 + 15 * 999 + 2) is too many */
    s = repeat("SELECT 1", " UNION SELECT 1", 1000, "", "", 0, "");
    expect_error(s, "t.sql:1:14995: error: query nested too deeply (more than 1000 levels)");
    free(s);
    /* joins and comma joins the same: the 1000th comma (at column 16 + 3 * 999 + 1) */
    s = repeat("SELECT * FROM t0", ", t", 1000, "", "", 0, "");
    expect_error(s, "t.sql:1:3014: error: query nested too deeply (more than 1000 levels)");
    free(s);
    s = repeat("SELECT * FROM t0", " CROSS JOIN t", 999, "", "", 0, "");
    p = parse_src(s);
    cr_assert_not_null(p->prog, "%s", p->out);
    cr_expect_eq(sel0(p)->from->height, 1000);
    p_free(p);
    free(s);
    /* an expression counts in the query that holds it */
    s = repeat("SELECT 1 UNION SELECT 1", " + 1", 998, "", "", 0, "");
    p = parse_src(s);
    cr_assert_not_null(p->prog, "%s", p->out);
    cr_expect_eq(q0(p)->r->height, 999);
    cr_expect_eq(q0(p)->height, 1000);
    p_free(p);
    free(s);
    s = repeat("SELECT 1 UNION SELECT 1", " + 1", 999, "", "", 0, "");
    expect_error(s, "t.sql:1:10: error: query nested too deeply (more than 1000 levels)");
    free(s);
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

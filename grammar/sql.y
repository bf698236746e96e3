/* sql.y - the sluice SQL grammar (lemon, LALR(1), conflict-free).
 *
 * Dialect: Flink SQL's query syntax plus ksqlDB's CREATE STREAM forms and
 * WINDOW TUMBLING|HOPPING|SESSION clause (see DESIGN.md). Actions are
 * one-liners calling parse_mk_* helpers in compiler/parse.c, which build the
 * AST of ast.h in the compilation's arena and report semantic errors of
 * literals (bad INTERVAL, unknown type, ...) and of clause order.
 *
 * Lexical classes the tokenizer produces: ID (bare or quoted identifier),
 * STRING ('...'), INTEGER, FLOAT, punctuation, keywords. Type names,
 * INTERVAL units, function names (TRY_CAST included) and the words of
 * ksqlDB's WINDOW clause (TUMBLING, SIZE, GRACE PERIOD, ...) are plain
 * identifiers checked by the actions, so they never need to be keywords
 * (and stay usable as column names). Keywords listed in %fallback are
 * non-reserved: wherever the keyword itself has no meaning they are read as
 * an identifier. A few of them (TIME, ARRAY, MAP, ANY, SOME) also start
 * expressions; each has a rule that reads it alone as a column name.
 *
 * Caveat of %fallback (why EMIT, WINDOW, FOR, ... are reserved): lemon
 * tries the fallback before a state's default reduction, so a non-reserved
 * keyword must never be a reduce-lookahead in a state where an identifier
 * can be shifted (e.g. right after a FROM table name, where an alias may
 * follow). Optional parts that begin with a non-reserved keyword are
 * therefore written as left-recursive lists that start empty (the window
 * specification, the clauses of a SELECT): the empty list is reduced before
 * the identifier could be shifted, and the actions check the order of the
 * parts. tests/unit/test_parse.c (grammar::conflict_free_and_fallback_safe)
 * checks this, and that the grammar stays conflict-free, with `lemon -c`.
 *
 * A query in parentheses inside an expression ("(SELECT ...)", "x IN
 * (SELECT ...)") must not itself begin with '(' (query_nlp below): "((SELECT
 * 1))" is read as a parenthesized scalar subquery, which means the same. */

%name sqlParse
%token_prefix TK_
%token_type {Token}
%default_type {Expr *}
%extra_context {ParseCtx *ctx}
%start_symbol program
/* The stack grows on the heap; parse.c bounds the depth (PARSE_MAX_DEPTH). */
%stack_size 0

%include {
#include <assert.h>
#include <stdlib.h>

#include "parse_internal.h"
}

/* parse.c checks every token with sqlParseWouldShift before feeding it, so
 * these handlers only fire if that check and the tables ever disagree. */
%syntax_error {
    parse_error(ctx, TOKEN.pos, "syntax error near '%.*s'", TOKEN.len, TOKEN.text ? TOKEN.text : "");
}
%parse_failure {
    parse_error(ctx, (SrcPos){0, 0}, "syntax error");
}
/* Nothing to destroy (all values live in the arena); this only keeps the
 * generated yy_destructor from warning about an unused ctx. */
%token_destructor { (void)ctx; }
/* Only reachable when growing the heap stack fails. */
%stack_overflow {
    parse_error(ctx, (SrcPos){0, 0}, "out of memory in the parser");
}

/* Token codes in a readable order (they are listed in this order in
 * "expected one of" messages). */
%token SEMI LP RP COMMA DOT STAR.
%token ID STRING INTEGER FLOAT.
%token LBRACKET RBRACKET LBRACE RBRACE QUESTION PIPE CARET DOLLAR ARROW.

/* Operator precedence, lowest first. The prefix NOT gets its own level
 * (NOTPREFIX) while the token NOT sits with BETWEEN/IN/LIKE: that makes
 * "a = b NOT IN (..)" group like "a = b IN (..)" and "NOT a NOT IN (..)"
 * mean NOT (a NOT IN (..)). ESCAPE binds tighter than LIKE so that the
 * optional ESCAPE clause is shifted. The subscript x[i] binds tightest;
 * KWCOL, just below it, is the precedence of "ARRAY" and "MAP" read as
 * column names, so that "map[...]" is always the MAP constructor. */
%left OR.
%left AND.
%right NOTPREFIX.
%left IS.
%left EQ NE LT LE GT GE.
%nonassoc BETWEEN IN LIKE NOT.
%right ESCAPE.
%left PLUS MINUS CONCAT.
%left STAR SLASH PERCENT.
%right UNARY.
%left KWCOL.
%left LBRACKET.

/* Non-reserved keywords. */
%fallback ID STREAM IF WATERMARK PRIMARY KEY ENFORCED CHANGES FINAL DESCRIPTOR TIMESTAMP
             ESCAPE BOTH LEADING TRAILING PRECISION LOCAL TIME ZONE WITHOUT VIEW TEMPORARY
             SET RESET EXECUTE STATEMENT BEGIN OVERWRITE METADATA VIRTUAL PARTITION ROWS RANGE
             PRECEDING FOLLOWING UNBOUNDED CURRENT ROW GROUPING SETS ROLLUP CUBE ASC DESC
             NULLS FIRST LAST NEXT ONLY MEASURES PATTERN DEFINE ONE PER MATCH SKIP PAST TO
             SUBSET RUNNING AFTER OF SYSTEM_TIME ANY SOME ORDINALITY UNKNOWN ARRAY MAP.

/* ---- program ---------------------------------------------------------- */

program ::= stmts.
stmts ::= stmt_opt.
stmts ::= stmts SEMI stmt_opt.
stmt_opt ::= .
stmt_opt ::= stmt(S). { parse_add_stmt(ctx, S); }

%type stmt {Stmt *}
%type create_head {Stmt *}
%type insert_stmt {Stmt *}
%type stream_kw {bool}
%type ifne {bool}
%type temp_opt {bool}
%type insert_kw {bool}

/* CREATE [TEMPORARY] TABLE|STREAM [IF NOT EXISTS] name (elements) [WITH (...)] */
stmt(A) ::= create_head(H) LP table_elems RP with_opt(W). { A = parse_mk_create_table(ctx, H, W); }
/* CREATE [TEMPORARY] TABLE|STREAM name [WITH (...)] AS query */
stmt(A) ::= create_head(H) with_opt(W) AS query(Q). { A = parse_mk_create_as(ctx, H, W, Q); }
/* CREATE [TEMPORARY] VIEW [IF NOT EXISTS] name [(cols)] AS query */
stmt(A) ::= CREATE(K) temp_opt(T) VIEW ifne(E) ID(N) AS query(Q). {
    NameList e = {NULL, 0};
    A = parse_mk_create_view(ctx, K, T, E, N, e, Q);
}
stmt(A) ::= CREATE(K) temp_opt(T) VIEW ifne(E) ID(N) LP names(C) RP AS query(Q). {
    A = parse_mk_create_view(ctx, K, T, E, N, C, Q);
}
stmt(A) ::= insert_stmt(I). { A = I; }
/* a bare query (the Flink SQL client prints its rows) */
stmt(A) ::= query(Q). { A = parse_mk_query_stmt(ctx, Q); }
/* SET ['key' = 'value'], RESET ['key'] */
stmt(A) ::= SET(K). { Token z = {0}; A = parse_mk_set(ctx, K, z, NULL, z); }
stmt(A) ::= SET(K) with_key(Y) EQ with_value(V). { A = parse_mk_set(ctx, K, Y.key, Y.text, V); }
stmt(A) ::= RESET(K). { Token z = {0}; A = parse_mk_reset(ctx, K, z, NULL); }
stmt(A) ::= RESET(K) with_key(Y). { A = parse_mk_reset(ctx, K, Y.key, Y.text); }
/* EXECUTE STATEMENT SET BEGIN insert; ...; [;] END */
stmt(A) ::= EXECUTE(K) STATEMENT SET BEGIN set_body(B) END. { A = parse_mk_statement_set(ctx, K, B); }
stmt(A) ::= EXECUTE(K) STATEMENT SET BEGIN set_body(B) SEMI END. {
    A = parse_mk_statement_set(ctx, K, B);
}
/* the Flink 1.13 SQL client form: BEGIN STATEMENT SET; insert; ...; END; */
stmt(A) ::= BEGIN(K) STATEMENT SET. { A = parse_mk_marker(ctx, K, ST_BEGIN_SET); }
stmt(A) ::= END(K). { A = parse_mk_marker(ctx, K, ST_END); }

%type set_body {StmtList}
set_body(A) ::= insert_stmt(I). { StmtList e = {NULL, 0}; A = parse_stmts_add(ctx, e, I); }
set_body(A) ::= set_body(L) SEMI insert_stmt(I). { A = parse_stmts_add(ctx, L, I); }

/* INSERT INTO|OVERWRITE name [(cols)] query. The column list is its own
 * rule (not an optional part) because the query may begin with '(' too. */
insert_stmt(A) ::= INSERT(K) insert_kw(O) ID(N) query(Q). {
    NameList e = {NULL, 0};
    A = parse_mk_insert(ctx, K, O, N, e, Q);
}
insert_stmt(A) ::= INSERT(K) insert_kw(O) ID(N) LP names(C) RP query(Q). {
    A = parse_mk_insert(ctx, K, O, N, C, Q);
}
insert_kw(A) ::= INTO. { A = false; }
insert_kw(A) ::= OVERWRITE. { A = true; }

create_head(A) ::= CREATE(K) temp_opt(T) stream_kw(S) ifne(E) ID(N). {
    A = parse_mk_create_head(ctx, K, T, S, E, N);
}
temp_opt(A) ::= . { A = false; }
temp_opt(A) ::= TEMPORARY. { A = true; }
stream_kw(A) ::= TABLE. { A = false; }
stream_kw(A) ::= STREAM. { A = true; }
ifne(A) ::= . { A = false; }
ifne(A) ::= IF NOT EXISTS. { A = true; }

%type names {NameList}
names(A) ::= ID(N). { NameList e = {NULL, 0}; A = parse_names_add(ctx, e, N); }
names(A) ::= names(L) COMMA ID(N). { A = parse_names_add(ctx, L, N); }

/* ---- CREATE TABLE elements ------------------------------------------ */

table_elems ::= table_elem.
table_elems ::= table_elems COMMA table_elem.

table_elem ::= ID(N) type(T) colcons(C). { parse_add_column(ctx, N, T, C); }
/* computed column: name AS expr */
table_elem ::= ID(N) AS expr(E). { parse_add_computed_column(ctx, N, E); }
table_elem ::= WATERMARK(K) FOR ID(N) AS expr(E). { parse_add_watermark(ctx, K, N, E); }
table_elem ::= PRIMARY(K) KEY LP names(L) RP pk_enforced. { parse_add_primary_key(ctx, K, L); }

pk_enforced ::= .
pk_enforced ::= NOT ENFORCED.

/* Column constraints. "PRIMARY KEY NOT ENFORCED" (Flink) and "PRIMARY KEY"
 * (ksqlDB) are both accepted; NOT ENFORCED is its own constraint so that
 * after PRIMARY KEY one token of lookahead suffices (NOT NULL vs NOT
 * ENFORCED); the action checks that it follows PRIMARY KEY. Flink's
 * METADATA [FROM 'key'] [VIRTUAL] is parsed the same way. */
%type colcons {ColCons}
colcons(A) ::= . { ColCons z = {0}; A = z; }
colcons(A) ::= colcons(L) NOT NULL. { A = L; A.not_null = true; A.last_pk = false; }
colcons(A) ::= colcons(L) NULL. { A = L; A.not_null = false; A.last_pk = false; }
colcons(A) ::= colcons(L) PRIMARY(K) KEY. { A = parse_colcons_pk(ctx, L, K); }
colcons(A) ::= colcons(L) NOT(K) ENFORCED. { A = parse_colcons_not_enforced(ctx, L, K); }
colcons(A) ::= colcons(L) METADATA(K). { Token z = {0}; A = parse_colcons_metadata(ctx, L, K, z); }
colcons(A) ::= colcons(L) METADATA(K) FROM STRING(S). { A = parse_colcons_metadata(ctx, L, K, S); }
colcons(A) ::= colcons(L) VIRTUAL(K). { A = parse_colcons_virtual(ctx, L, K); }
/* ksqlDB's KEY column (read from the Kafka message key) */
colcons(A) ::= colcons(L) KEY(K). { A = L; parse_error(ctx, K.pos, "KEY columns (the Kafka message key) are not supported yet"); }

/* ---- types ------------------------------------------------------------ */

%type type {AstType}
%type type_base {AstType}
type(A) ::= type_base(T). { A = T; }
type(A) ::= type_base(T) WITH(K) LOCAL TIME ZONE. { A = parse_mk_type_tz(ctx, T, K, true); }
type(A) ::= type_base(T) WITHOUT(K) TIME ZONE. { A = parse_mk_type_tz(ctx, T, K, false); }

type_base(A) ::= ID(N). { Token z = {0}; A = parse_mk_type(ctx, N, 0, z, z); }
type_base(A) ::= ID(N) LP INTEGER(P) RP. { Token z = {0}; A = parse_mk_type(ctx, N, 1, P, z); }
type_base(A) ::= ID(N) LP INTEGER(P) COMMA INTEGER(S) RP. { A = parse_mk_type(ctx, N, 2, P, S); }
type_base(A) ::= ID(N) PRECISION(P). { A = parse_mk_type_precision(ctx, N, P); }

/* ---- WITH options and SET keys ---------------------------------------- */

%type with_opt {WithList}
%type with_list {WithList}
with_opt(A) ::= . { A.v = NULL; A.n = 0; }
with_opt(A) ::= WITH LP with_list(L) RP. { A = L; }

with_list(A) ::= with_item(I). { WithList e = {NULL, 0}; A = parse_with_add(ctx, e, I.key, I.text, I.value); }
with_list(A) ::= with_list(L) COMMA with_item(I). { A = parse_with_add(ctx, L, I.key, I.text, I.value); }

%type with_item {WithItem}
%type with_key {WithItem}
with_item(A) ::= with_key(K) EQ with_value(V). { A = K; A.value = V; }

/* 'connector' (Flink) or value_format (ksqlDB) or scan.startup.mode or
 * table.exec.state.ttl (TABLE is reserved, hence its own rule). */
with_key(A) ::= STRING(S). { A.key = S; A.text = parse_string(ctx, S); }
with_key(A) ::= ID(N). { A.key = N; A.text = parse_ident(ctx, N); }
with_key(A) ::= TABLE(N). { A.key = N; A.text = parse_ident(ctx, N); }
with_key(A) ::= with_key(L) DOT ID(N). {
    A = L;
    A.text = arena_printf(ctx->arena, "%s.%s", L.text, parse_ident(ctx, N));
}

%type with_value {Token}
with_value(A) ::= STRING(V). { A = V; }
with_value(A) ::= INTEGER(V). { A = V; }
with_value(A) ::= FLOAT(V). { A = V; }
with_value(A) ::= ID(V). { A = V; }
with_value(A) ::= TRUE(V). { A = V; }
with_value(A) ::= FALSE(V). { A = V; }

/* ---- query expressions ----------------------------------------------- */

%type query {QueryExpr *}
%type qbody {QueryExpr *}
%type qterm {QueryExpr *}
%type qprimary {QueryExpr *}
%type query_nlp {QueryExpr *}
%type qbody_nlp {QueryExpr *}
%type qterm_nlp {QueryExpr *}
%type qprimary_nlp {QueryExpr *}
%type qtail {QueryTail}
%type setq {Token}

/* [WITH ctes] body [ORDER BY ...] [LIMIT n] [OFFSET n] [FETCH ...];
 * UNION and EXCEPT (MINUS) bind looser than INTERSECT, all left-assoc. */
query(A) ::= qbody(B) qtail(T). { Token z = {0}; CteList e = {NULL, 0}; A = parse_mk_query(ctx, z, e, B, T); }
query(A) ::= WITH(K) ctes(C) qbody(B) qtail(T). { A = parse_mk_query(ctx, K, C, B, T); }
qbody(A) ::= qterm(T). { A = T; }
qbody(A) ::= qbody(L) UNION(K) setq(Q) qterm(R). { A = parse_mk_setop(ctx, L, K, SETOP_UNION, Q, R); }
qbody(A) ::= qbody(L) EXCEPT(K) setq(Q) qterm(R). { A = parse_mk_setop(ctx, L, K, SETOP_EXCEPT, Q, R); }
qterm(A) ::= qprimary(P). { A = P; }
qterm(A) ::= qterm(L) INTERSECT(K) setq(Q) qprimary(R). {
    A = parse_mk_setop(ctx, L, K, SETOP_INTERSECT, Q, R);
}
qprimary(A) ::= select(S). { A = parse_mk_query_select(ctx, S); }
qprimary(A) ::= VALUES(K) value_rows(R). { A = parse_mk_values(ctx, K, R); }
qprimary(A) ::= LP query(Q) RP. { A = Q; }

/* The same without a leading '(' (see the note at the top). */
query_nlp(A) ::= qbody_nlp(B) qtail(T). {
    Token z = {0};
    CteList e = {NULL, 0};
    A = parse_mk_query(ctx, z, e, B, T);
}
query_nlp(A) ::= WITH(K) ctes(C) qbody(B) qtail(T). { A = parse_mk_query(ctx, K, C, B, T); }
qbody_nlp(A) ::= qterm_nlp(T). { A = T; }
qbody_nlp(A) ::= qbody_nlp(L) UNION(K) setq(Q) qterm(R). { A = parse_mk_setop(ctx, L, K, SETOP_UNION, Q, R); }
qbody_nlp(A) ::= qbody_nlp(L) EXCEPT(K) setq(Q) qterm(R). { A = parse_mk_setop(ctx, L, K, SETOP_EXCEPT, Q, R); }
qterm_nlp(A) ::= qprimary_nlp(P). { A = P; }
qterm_nlp(A) ::= qterm_nlp(L) INTERSECT(K) setq(Q) qprimary(R). {
    A = parse_mk_setop(ctx, L, K, SETOP_INTERSECT, Q, R);
}
qprimary_nlp(A) ::= select(S). { A = parse_mk_query_select(ctx, S); }
qprimary_nlp(A) ::= VALUES(K) value_rows(R). { A = parse_mk_values(ctx, K, R); }

setq(A) ::= . { Token z = {0}; A = z; }
setq(A) ::= ALL(K). { A = K; }
setq(A) ::= DISTINCT(K). { A = K; }

%type value_rows {ExprLists}
value_rows(A) ::= LP exprs(L) RP. { ExprLists e = {NULL, 0}; A = parse_lists_add(ctx, e, L); }
value_rows(A) ::= value_rows(R) COMMA LP exprs(L) RP. { A = parse_lists_add(ctx, R, L); }

%type ctes {CteList}
%type cte {Cte}
ctes(A) ::= cte(C). { CteList e = {NULL, 0}; A = parse_ctes_add(ctx, e, C); }
ctes(A) ::= ctes(L) COMMA cte(C). { A = parse_ctes_add(ctx, L, C); }
cte(A) ::= ID(N) AS LP query(Q) RP. { NameList e = {NULL, 0}; A = parse_mk_cte(ctx, N, e, Q); }
cte(A) ::= ID(N) LP names(C) RP AS LP query(Q) RP. { A = parse_mk_cte(ctx, N, C, Q); }

qtail(A) ::= order_opt(O) limit_opt(L) offset_opt(F) fetch_opt(X). { A = parse_mk_tail(ctx, O, L, F, X); }

%type order_opt {OrderBy}
%type limit_opt {LimitClause}
%type offset_opt {LimitClause}
%type fetch_opt {LimitClause}
order_opt(A) ::= . { OrderBy z = {0}; A = z; }
order_opt(A) ::= ORDER(K) BY order_items(L). { A.list = L; A.pos = K.pos; }
limit_opt(A) ::= . { LimitClause z = {0}; A = z; }
limit_opt(A) ::= LIMIT(K) expr(E). { A = parse_mk_limit(K, E); }
limit_opt(A) ::= LIMIT(K) ALL. { A = parse_mk_limit(K, NULL); }
offset_opt(A) ::= . { LimitClause z = {0}; A = z; }
offset_opt(A) ::= OFFSET(K) expr(E) rows_opt. { A = parse_mk_limit(K, E); }
fetch_opt(A) ::= . { LimitClause z = {0}; A = z; }
fetch_opt(A) ::= FETCH(K) first_next rows_kw ONLY. { A = parse_mk_limit(K, parse_mk_one(ctx, K)); }
fetch_opt(A) ::= FETCH(K) first_next expr(E) rows_kw ONLY. { A = parse_mk_limit(K, E); }
first_next ::= FIRST.
first_next ::= NEXT.
rows_kw ::= ROW.
rows_kw ::= ROWS.
rows_opt ::= .
rows_opt ::= rows_kw.

/* expr [ASC|DESC] [NULLS FIRST|LAST] */
%type order_items {OrderList}
%type order_item {OrderItem}
%type order_dir {int}
%type order_nulls {NullsOrder}
order_items(A) ::= order_item(I). { OrderList e = {NULL, 0}; A = parse_order_add(ctx, e, I); }
order_items(A) ::= order_items(L) COMMA order_item(I). { A = parse_order_add(ctx, L, I); }
order_item(A) ::= expr(E) order_dir(D) order_nulls(N). { A = parse_mk_order_item(E, D, N); }
order_dir(A) ::= . { A = 0; }
order_dir(A) ::= ASC. { A = 1; }
order_dir(A) ::= DESC. { A = 2; }
order_nulls(A) ::= . { A = NULLS_DEFAULT; }
order_nulls(A) ::= NULLS FIRST. { A = NULLS_FIRST; }
order_nulls(A) ::= NULLS LAST. { A = NULLS_LAST; }

/* ---- SELECT ------------------------------------------------------------ */

%type select {Select *}
%type distinct_opt {Token}
%type select_items {SelectItems}
%type alias_opt {Token}
%type sel_clauses {SelBuild}
%type sel_clause {SelClause}

/* The clauses after the select list are one list whose order the action
 * checks: FROM, then ksqlDB's WINDOW, WHERE, GROUP BY, HAVING, Flink's
 * WINDOW, QUALIFY, EMIT (either WINDOW form may stand in either place). */
select(A) ::= SELECT(K) distinct_opt(D) select_items(L) sel_clauses(S). {
    A = parse_mk_select(ctx, K, D, L, S);
}

distinct_opt(A) ::= . { Token z = {0}; A = z; }
distinct_opt(A) ::= ALL(K). { A = K; }
distinct_opt(A) ::= DISTINCT(K). { A = K; }

select_items(A) ::= select_item(I). { SelectItems e = {NULL, 0}; A = parse_items_add(ctx, e, I.e, I.alias); }
select_items(A) ::= select_items(L) COMMA select_item(I). { A = parse_items_add(ctx, L, I.e, I.alias); }

%include {
/* One select-list entry while it is parsed. */
typedef struct SelItem {
    Expr *e;
    Token alias; /* text NULL when not written */
} SelItem;
}
%type select_item {SelItem}
select_item(A) ::= STAR(S). { Token z = {0}; A.e = parse_mk_star(ctx, S, z); A.alias = z; }
select_item(A) ::= ID(Q) DOT STAR(S). { Token z = {0}; A.e = parse_mk_star(ctx, S, Q); A.alias = z; }
select_item(A) ::= expr(E) alias_opt(L). { A.e = E; A.alias = L; }

alias_opt(A) ::= . { Token z = {0}; A = z; }
alias_opt(A) ::= ID(N). { A = N; }
alias_opt(A) ::= AS ID(N). { A = N; }

sel_clauses(A) ::= . { A = parse_select_new(ctx); }
sel_clauses(A) ::= sel_clauses(S) sel_clause(C). { A = parse_select_add(ctx, S, C); }

sel_clause(A) ::= FROM(K) from_list(F). { A = parse_mk_clause(SC_FROM, K); A.from = F; }
sel_clause(A) ::= WHERE(K) expr(E). { A = parse_mk_clause(SC_WHERE, K); A.e = E; }
sel_clause(A) ::= GROUP(K) BY group_items(L). { A = parse_mk_clause(SC_GROUP, K); A.group = L; }
sel_clause(A) ::= HAVING(K) expr(E). { A = parse_mk_clause(SC_HAVING, K); A.e = E; }
sel_clause(A) ::= QUALIFY(K) expr(E). { A = parse_mk_clause(SC_QUALIFY, K); A.e = E; }
/* ksqlDB: WINDOW TUMBLING|HOPPING|SESSION (...) */
sel_clause(A) ::= WINDOW(K) ID(T) LP ksql_items(I) RP. {
    A = parse_mk_clause(SC_KWINDOW, K);
    A.kwindow = parse_mk_ksql_window(ctx, K, T, I);
}
/* Flink: WINDOW name AS (spec), ... */
sel_clause(A) ::= WINDOW(K) win_defs(L). { A = parse_mk_clause(SC_WINDOWS, K); A.windows = L; }
sel_clause(A) ::= EMIT(K) CHANGES. { A = parse_mk_clause(SC_EMIT, K); A.emit = EMIT_CHANGES; }
sel_clause(A) ::= EMIT(K) FINAL. { A = parse_mk_clause(SC_EMIT, K); A.emit = EMIT_FINAL; }
sel_clause(A) ::= EMIT(K) AFTER WATERMARK. { A = parse_mk_clause(SC_EMIT, K); A.emit = EMIT_FINAL; }

/* ksqlDB window parameters: "5 MINUTES" (SESSION's gap), "SIZE 1 HOUR",
 * "RETENTION 7 DAYS", "GRACE PERIOD 10 MINUTES", "ADVANCE BY 5 SECONDS".
 * The words are identifiers; parse_mk_ksql_window checks them. */
%type ksql_items {KsqlItems}
%type ksql_item {KsqlItem}
ksql_items(A) ::= ksql_item(I). { KsqlItems e = {NULL, 0}; A = parse_ksql_items_add(ctx, e, I); }
ksql_items(A) ::= ksql_items(L) COMMA ksql_item(I). { A = parse_ksql_items_add(ctx, L, I); }
ksql_item(A) ::= INTEGER(V) ID(U). { Token z = {0}; A = parse_mk_ksql_item(z, z, V, U); }
ksql_item(A) ::= ID(W) INTEGER(V) ID(U). { Token z = {0}; A = parse_mk_ksql_item(W, z, V, U); }
ksql_item(A) ::= ID(W) ID(W2) INTEGER(V) ID(U). { A = parse_mk_ksql_item(W, W2, V, U); }
ksql_item(A) ::= ID(W) BY(W2) INTEGER(V) ID(U). { A = parse_mk_ksql_item(W, W2, V, U); }

%type win_defs {WindowDefs}
win_defs(A) ::= ID(N) AS LP win_items(W) RP. {
    WindowDefs e = {NULL, 0};
    A = parse_windows_add(ctx, e, parse_mk_named_window(ctx, N, W));
}
win_defs(A) ::= win_defs(L) COMMA ID(N) AS LP win_items(W) RP. {
    A = parse_windows_add(ctx, L, parse_mk_named_window(ctx, N, W));
}

/* ---- GROUP BY ------------------------------------------------------------ */

%type group_items {GroupList}
%type group_item {GroupItem}
%type grouping_sets {ExprLists}
%type grouping_set {ExprList}
%type grouping_pair {ExprList}
group_items(A) ::= group_item(I). { GroupList e = {NULL, 0}; A = parse_group_add(ctx, e, I); }
group_items(A) ::= group_items(L) COMMA group_item(I). { A = parse_group_add(ctx, L, I); }
group_item(A) ::= expr(E). { A = parse_mk_group_expr(E); }
group_item(A) ::= LP(K) RP. { ExprLists e = {NULL, 0}; A = parse_mk_group_sets(K, GI_EMPTY, e); }
group_item(A) ::= GROUPING(K) SETS LP grouping_sets(S) RP. { A = parse_mk_group_sets(K, GI_GROUPING_SETS, S); }
group_item(A) ::= ROLLUP(K) LP grouping_sets(S) RP. { A = parse_mk_group_sets(K, GI_ROLLUP, S); }
group_item(A) ::= CUBE(K) LP grouping_sets(S) RP. { A = parse_mk_group_sets(K, GI_CUBE, S); }
grouping_sets(A) ::= grouping_set(S). { ExprLists e = {NULL, 0}; A = parse_lists_add(ctx, e, S); }
grouping_sets(A) ::= grouping_sets(L) COMMA grouping_set(S). { A = parse_lists_add(ctx, L, S); }
/* a single expression (parenthesized or not), (), or (a, b, ...) */
grouping_set(A) ::= expr(E). { A.v = NULL; A.n = 0; ast_list_push(ctx->arena, &A, E); }
grouping_set(A) ::= LP RP. { A.v = NULL; A.n = 0; }
grouping_set(A) ::= LP grouping_pair(L) RP. { A = L; }
grouping_pair(A) ::= expr(E) COMMA expr(F). {
    A.v = NULL;
    A.n = 0;
    ast_list_push(ctx->arena, &A, E);
    ast_list_push(ctx->arena, &A, F);
}
grouping_pair(A) ::= grouping_pair(L) COMMA expr(E). { A = L; ast_list_push(ctx->arena, &A, E); }

/* ---- FROM ---------------------------------------------------------------- */

%type from_list {FromItem *}
%type from_item {FromItem *}
%type table_ref {FromItem *}
%type table_primary {FromItem *}
%type alias_part {AliasPart}
%type join_op {JoinOp}
%type join_cond {JoinCond}

/* FROM a, b JOIN c: the comma binds loosest, joins are left-associative. */
from_list(A) ::= from_item(F). { A = F; }
from_list(A) ::= from_list(L) COMMA(K) from_item(R). { A = parse_mk_comma_join(ctx, L, K, R); }
from_item(A) ::= table_ref(T). { A = T; }
from_item(A) ::= from_item(L) join_op(J) table_ref(R) join_cond(C). { A = parse_mk_join(ctx, L, J, R, C); }

join_op(A) ::= JOIN(K). { A = parse_mk_join_op(K, JOIN_INNER); }
join_op(A) ::= INNER(K) JOIN. { A = parse_mk_join_op(K, JOIN_INNER); }
join_op(A) ::= LEFT(K) outer_opt JOIN. { A = parse_mk_join_op(K, JOIN_LEFT); }
join_op(A) ::= RIGHT(K) outer_opt JOIN. { A = parse_mk_join_op(K, JOIN_RIGHT); }
join_op(A) ::= FULL(K) outer_opt JOIN. { A = parse_mk_join_op(K, JOIN_FULL); }
join_op(A) ::= CROSS(K) JOIN. { A = parse_mk_join_op(K, JOIN_CROSS); }
join_op(A) ::= NATURAL(K) join_op(J). { A = parse_join_natural(ctx, K, J); }
outer_opt ::= .
outer_opt ::= OUTER.

join_cond(A) ::= . { JoinCond z = {0}; A = z; }
join_cond(A) ::= ON(K) expr(E). { JoinCond z = {0}; A = z; A.kw = K; A.on = E; }
join_cond(A) ::= USING(K) LP names(L) RP. { JoinCond z = {0}; A = z; A.kw = K; A.using_ = L; }

/* primary [MATCH_RECOGNIZE (...)] [[AS] alias [(cols)]] */
table_ref(A) ::= table_primary(P) alias_part(L). { A = parse_from_alias(ctx, P, L); }
table_ref(A) ::= table_primary(P) MATCH_RECOGNIZE(K) LP mr_body RP alias_part(L). {
    A = parse_mk_from_mr(ctx, P, K, L);
}

alias_part(A) ::= . { AliasPart z = {0}; A = z; }
alias_part(A) ::= ID(N) col_aliases(C). { A.name = N; A.cols = C; }
alias_part(A) ::= AS ID(N) col_aliases(C). { A.name = N; A.cols = C; }
%type col_aliases {NameList}
col_aliases(A) ::= . { A.v = NULL; A.n = 0; }
col_aliases(A) ::= LP names(L) RP. { A = L; }

/* name [FOR SYSTEM_TIME AS OF expr] */
table_primary(A) ::= ID(N). { A = parse_mk_from_table(ctx, N); }
table_primary(A) ::= ID(N) FOR(K) SYSTEM_TIME AS OF expr(E). { A = parse_mk_from_as_of(ctx, N, K, E); }
/* TABLE(fn(args)): a window TVF (TUMBLE, HOP, CUMULATE, SESSION) or
 * another table function */
table_primary(A) ::= TABLE(K) LP ID(F) LP RP RP. { TvfArgs e = {NULL, 0}; A = parse_mk_from_table_fn(ctx, K, F, e); }
table_primary(A) ::= TABLE(K) LP ID(F) LP tvf_args(X) RP RP. { A = parse_mk_from_table_fn(ctx, K, F, X); }
/* LATERAL TABLE(fn(args)), LATERAL (query) */
table_primary(A) ::= LATERAL(K) TABLE LP ID(F) LP RP RP. {
    ExprList e = {NULL, 0};
    A = parse_mk_from_lateral_fn(ctx, K, F, e);
}
table_primary(A) ::= LATERAL(K) TABLE LP ID(F) LP exprs(L) RP RP. { A = parse_mk_from_lateral_fn(ctx, K, F, L); }
table_primary(A) ::= LATERAL(K) LP query(Q) RP. { A = parse_mk_from_query(ctx, K, FROM_LATERAL, Q); }
table_primary(A) ::= LP(K) query(Q) RP. { A = parse_mk_from_query(ctx, K, FROM_SUBQUERY, Q); }
/* UNNEST(exprs) [WITH ORDINALITY] */
table_primary(A) ::= UNNEST(K) LP exprs(L) RP. { A = parse_mk_from_unnest(ctx, K, L, false); }
table_primary(A) ::= UNNEST(K) LP exprs(L) RP WITH ORDINALITY. { A = parse_mk_from_unnest(ctx, K, L, true); }

/* Table function arguments: expr, TABLE name [PARTITION BY col | PARTITION
 * BY (cols)], DESCRIPTOR(cols); each optionally NAME => ... */
%type tvf_args {TvfArgs}
%type tvf_arg {TvfArg}
%type tvf_value {TvfArg}
%type col_refs {ExprList}
tvf_args(A) ::= tvf_arg(X). { TvfArgs e = {NULL, 0}; A = parse_tvf_args_add(ctx, e, X); }
tvf_args(A) ::= tvf_args(L) COMMA tvf_arg(X). { A = parse_tvf_args_add(ctx, L, X); }
tvf_arg(A) ::= tvf_value(V). { A = V; }
tvf_arg(A) ::= ID(N) ARROW tvf_value(V). { A = parse_tvf_arg_named(ctx, N, V); }
/* OFFSET is reserved (LIMIT ... OFFSET) but also a window TVF parameter */
tvf_arg(A) ::= OFFSET(N) ARROW tvf_value(V). { A = parse_tvf_arg_named(ctx, N, V); }
tvf_value(A) ::= expr(E). { A = parse_mk_tvf_expr(E); }
tvf_value(A) ::= TABLE(K) ID(T). { ExprList e = {NULL, 0}; A = parse_mk_tvf_table(ctx, K, T, e); }
tvf_value(A) ::= TABLE(K) ID(T) PARTITION BY ID(C). {
    ExprList l = {NULL, 0};
    Token z = {0};
    ast_list_push(ctx->arena, &l, parse_mk_column(ctx, z, C));
    A = parse_mk_tvf_table(ctx, K, T, l);
}
tvf_value(A) ::= TABLE(K) ID(T) PARTITION BY LP col_refs(L) RP. { A = parse_mk_tvf_table(ctx, K, T, L); }
tvf_value(A) ::= DESCRIPTOR(K) LP col_refs(L) RP. { A = parse_mk_tvf_descriptor(ctx, K, L); }
col_refs(A) ::= ID(C). { Token z = {0}; A.v = NULL; A.n = 0; ast_list_push(ctx->arena, &A, parse_mk_column(ctx, z, C)); }
col_refs(A) ::= col_refs(L) COMMA ID(C). { Token z = {0}; A = L; ast_list_push(ctx->arena, &A, parse_mk_column(ctx, z, C)); }

/* ---- MATCH_RECOGNIZE (parsed; the content is not kept) --------------- */

mr_body ::= mr_partition mr_order mr_measures mr_rows mr_skip PATTERN LP mr_pattern RP mr_within
            mr_subset DEFINE mr_defines.
mr_partition ::= .
mr_partition ::= PARTITION BY exprs.
mr_order ::= .
mr_order ::= ORDER BY order_items.
mr_measures ::= .
mr_measures ::= MEASURES mr_measure_list.
mr_measure_list ::= mr_measure.
mr_measure_list ::= mr_measure_list COMMA mr_measure.
mr_measure ::= expr AS ID.
mr_measure ::= FINAL expr AS ID.
mr_measure ::= RUNNING expr AS ID.
mr_rows ::= .
mr_rows ::= ONE ROW PER MATCH.
mr_rows ::= ALL ROWS PER MATCH.
mr_skip ::= .
mr_skip ::= AFTER MATCH SKIP mr_skip_to.
mr_skip_to ::= PAST LAST ROW.
mr_skip_to ::= TO NEXT ROW.
mr_skip_to ::= TO FIRST ID.
mr_skip_to ::= TO LAST ID.
mr_skip_to ::= TO ID.
mr_within ::= .
mr_within ::= WITHIN expr.
mr_subset ::= .
mr_subset ::= SUBSET mr_subset_list.
mr_subset_list ::= mr_subset_item.
mr_subset_list ::= mr_subset_list COMMA mr_subset_item.
mr_subset_item ::= ID EQ LP names RP.
mr_defines ::= mr_define.
mr_defines ::= mr_defines COMMA mr_define.
mr_define ::= ID AS expr.

/* Row pattern: alternatives (|) of sequences of factors; a factor is a
 * variable, ^, $ or a parenthesized pattern with an optional quantifier
 * (*, +, ?, {n}, {n,}, {n,m}, {,m}), itself optionally reluctant (?). */
mr_pattern ::= pat_alt.
pat_alt ::= pat_seq.
pat_alt ::= pat_alt PIPE pat_seq.
pat_seq ::= pat_factor.
pat_seq ::= pat_seq pat_factor.
pat_factor ::= pat_primary.
pat_factor ::= pat_primary pat_quant.
pat_factor ::= pat_primary pat_quant QUESTION.
pat_primary ::= ID.
pat_primary ::= CARET.
pat_primary ::= DOLLAR.
pat_primary ::= LP pat_alt RP.
pat_quant ::= STAR.
pat_quant ::= PLUS.
pat_quant ::= QUESTION.
pat_quant ::= LBRACE INTEGER RBRACE.
pat_quant ::= LBRACE INTEGER COMMA RBRACE.
pat_quant ::= LBRACE INTEGER COMMA INTEGER RBRACE.
pat_quant ::= LBRACE COMMA INTEGER RBRACE.

/* ---- window specifications (OVER, WINDOW name AS) --------------------- */

/* [base] [PARTITION BY ...] [ORDER BY ...] [frame], as a list whose order
 * the actions check (see the fallback caveat at the top). */
%type win_items {WindowDef *}
%type frame {FrameSpec}
%type frame_bound {FrameBound}
win_items(A) ::= . { A = parse_window_new(ctx); }
win_items(A) ::= win_items(W) ID(N). { A = parse_window_base(ctx, W, N); }
win_items(A) ::= win_items(W) PARTITION(K) BY exprs(L). { A = parse_window_partition(ctx, W, K, L); }
win_items(A) ::= win_items(W) ORDER(K) BY order_items(L). { A = parse_window_order(ctx, W, K, L); }
win_items(A) ::= win_items(W) ROWS(K) frame(F). { A = parse_window_frame(ctx, W, K, true, F); }
win_items(A) ::= win_items(W) RANGE(K) frame(F). { A = parse_window_frame(ctx, W, K, false, F); }
frame(A) ::= frame_bound(L). { A = parse_mk_frame(L, NULL); }
frame(A) ::= BETWEEN frame_bound(L) AND frame_bound(H). { A = parse_mk_frame(L, &H); }
frame_bound(A) ::= UNBOUNDED PRECEDING. { A.kind = FB_UNBOUNDED_PRECEDING; A.n = NULL; }
frame_bound(A) ::= UNBOUNDED FOLLOWING. { A.kind = FB_UNBOUNDED_FOLLOWING; A.n = NULL; }
frame_bound(A) ::= CURRENT ROW. { A.kind = FB_CURRENT_ROW; A.n = NULL; }
frame_bound(A) ::= expr(E) PRECEDING. { A.kind = FB_PRECEDING; A.n = E; }
frame_bound(A) ::= expr(E) FOLLOWING. { A.kind = FB_FOLLOWING; A.n = E; }

/* ---- expressions ------------------------------------------------------ */

%type exprs {ExprList}
exprs(A) ::= expr(E). { A.v = NULL; A.n = 0; ast_list_push(ctx->arena, &A, E); }
exprs(A) ::= exprs(L) COMMA expr(E). { A = L; ast_list_push(ctx->arena, &A, E); }

expr(A) ::= LP expr(E) RP. { A = E; }

/* literals */
expr(A) ::= INTEGER(T). { A = parse_mk_int(ctx, T); }
expr(A) ::= FLOAT(T). { A = parse_mk_float(ctx, T); }
expr(A) ::= STRING(T). { A = parse_mk_string(ctx, T); }
expr(A) ::= NULL(T). { A = parse_mk_null(ctx, T); }
expr(A) ::= TRUE(T). { A = parse_mk_bool(ctx, T, true); }
expr(A) ::= FALSE(T). { A = parse_mk_bool(ctx, T, false); }
expr(A) ::= INTERVAL(K) STRING(V) ID(U). { A = parse_mk_interval(ctx, K, V, U); }
expr(A) ::= INTERVAL(K) INTEGER(V) ID(U). { A = parse_mk_interval(ctx, K, V, U); }
expr(A) ::= TIMESTAMP(K) STRING(V). { A = parse_mk_timestamp(ctx, K, V); }
/* DATE '...', TIME '...' and other TYPE '...' */
expr(A) ::= TIME(K) STRING(V). { A = parse_mk_typed_lit(ctx, K, V); }
expr(A) ::= ID(K) STRING(V). { A = parse_mk_typed_lit(ctx, K, V); }

/* column references; "timestamp", "time", "array", "map", "any" and "some"
 * are keywords that are common column names */
expr(A) ::= ID(N). { Token z = {0}; A = parse_mk_column(ctx, z, N); }
expr(A) ::= TIMESTAMP(N). { Token z = {0}; A = parse_mk_column(ctx, z, N); }
expr(A) ::= TIME(N). { Token z = {0}; A = parse_mk_column(ctx, z, N); }
expr(A) ::= ARRAY(N). [KWCOL] { Token z = {0}; A = parse_mk_column(ctx, z, N); }
expr(A) ::= MAP(N). [KWCOL] { Token z = {0}; A = parse_mk_column(ctx, z, N); }
expr(A) ::= ANY(N). { Token z = {0}; A = parse_mk_column(ctx, z, N); }
expr(A) ::= SOME(N). { Token z = {0}; A = parse_mk_column(ctx, z, N); }
expr(A) ::= ID(Q) DOT ID(N). { A = parse_mk_column(ctx, Q, N); }

/* ARRAY[...], MAP[k, v, ...], x[i] */
expr(A) ::= ARRAY(K) LBRACKET exprs(L) RBRACKET. { A = parse_mk_constructor(ctx, K, L); }
expr(A) ::= MAP(K) LBRACKET exprs(L) RBRACKET. { A = parse_mk_constructor(ctx, K, L); }
expr(A) ::= expr(X) LBRACKET(K) expr(I) RBRACKET. { A = parse_mk_item(ctx, K, X, I); }

/* operators */
expr(A) ::= expr(L) OR(O) expr(R). { A = parse_mk_binary(ctx, O, BOP_OR, L, R); }
expr(A) ::= expr(L) AND(O) expr(R). { A = parse_mk_binary(ctx, O, BOP_AND, L, R); }
expr(A) ::= NOT(O) expr(X). [NOTPREFIX] { A = parse_mk_unary(ctx, O, UOP_NOT, X); }
expr(A) ::= expr(L) EQ(O) expr(R). { A = parse_mk_binary(ctx, O, BOP_EQ, L, R); }
expr(A) ::= expr(L) NE(O) expr(R). { A = parse_mk_binary(ctx, O, BOP_NE, L, R); }
expr(A) ::= expr(L) LT(O) expr(R). { A = parse_mk_binary(ctx, O, BOP_LT, L, R); }
expr(A) ::= expr(L) LE(O) expr(R). { A = parse_mk_binary(ctx, O, BOP_LE, L, R); }
expr(A) ::= expr(L) GT(O) expr(R). { A = parse_mk_binary(ctx, O, BOP_GT, L, R); }
expr(A) ::= expr(L) GE(O) expr(R). { A = parse_mk_binary(ctx, O, BOP_GE, L, R); }
expr(A) ::= expr(L) PLUS(O) expr(R). { A = parse_mk_binary(ctx, O, BOP_ADD, L, R); }
expr(A) ::= expr(L) MINUS(O) expr(R). { A = parse_mk_binary(ctx, O, BOP_SUB, L, R); }
expr(A) ::= expr(L) CONCAT(O) expr(R). { A = parse_mk_binary(ctx, O, BOP_CONCAT, L, R); }
expr(A) ::= expr(L) STAR(O) expr(R). { A = parse_mk_binary(ctx, O, BOP_MUL, L, R); }
expr(A) ::= expr(L) SLASH(O) expr(R). { A = parse_mk_binary(ctx, O, BOP_DIV, L, R); }
expr(A) ::= expr(L) PERCENT(O) expr(R). { A = parse_mk_binary(ctx, O, BOP_MOD, L, R); }
expr(A) ::= MINUS(O) expr(X). [UNARY] { A = parse_mk_unary(ctx, O, UOP_NEG, X); }
expr(A) ::= PLUS(O) expr(X). [UNARY] { A = parse_mk_unary(ctx, O, UOP_PLUS, X); }

expr(A) ::= expr(X) IS(O) NULL. { A = parse_mk_is_null(ctx, O, X, false); }
expr(A) ::= expr(X) IS(O) NOT NULL. { A = parse_mk_is_null(ctx, O, X, true); }
expr(A) ::= expr(X) IS(O) TRUE. { A = parse_mk_is_bool(ctx, O, X, 1, false); }
expr(A) ::= expr(X) IS(O) NOT TRUE. { A = parse_mk_is_bool(ctx, O, X, 1, true); }
expr(A) ::= expr(X) IS(O) FALSE. { A = parse_mk_is_bool(ctx, O, X, 0, false); }
expr(A) ::= expr(X) IS(O) NOT FALSE. { A = parse_mk_is_bool(ctx, O, X, 0, true); }
expr(A) ::= expr(X) IS(O) UNKNOWN. { A = parse_mk_is_bool(ctx, O, X, -1, false); }
expr(A) ::= expr(X) IS(O) NOT UNKNOWN. { A = parse_mk_is_bool(ctx, O, X, -1, true); }
/* IS [NOT] DISTINCT FROM compares like '=' (Calcite's precedence) */
expr(A) ::= expr(X) IS(O) DISTINCT FROM expr(Y). [EQ] { A = parse_mk_is_distinct(ctx, O, X, Y, false); }
expr(A) ::= expr(X) IS(O) NOT DISTINCT FROM expr(Y). [EQ] { A = parse_mk_is_distinct(ctx, O, X, Y, true); }
expr(A) ::= expr(X) BETWEEN(O) expr(L) AND expr(H). [BETWEEN] {
    A = parse_mk_between(ctx, O, X, L, H, false);
}
expr(A) ::= expr(X) NOT(O) BETWEEN expr(L) AND expr(H). [BETWEEN] {
    A = parse_mk_between(ctx, O, X, L, H, true);
}
expr(A) ::= expr(X) IN(O) LP exprs(L) RP. { A = parse_mk_in(ctx, O, X, L, false); }
expr(A) ::= expr(X) NOT(O) IN LP exprs(L) RP. { A = parse_mk_in(ctx, O, X, L, true); }
expr(A) ::= expr(X) LIKE(O) expr(P). [LIKE] { A = parse_mk_like(ctx, O, X, P, NULL, false); }
expr(A) ::= expr(X) LIKE(O) expr(P) ESCAPE expr(E). [LIKE] { A = parse_mk_like(ctx, O, X, P, E, false); }
expr(A) ::= expr(X) NOT(O) LIKE expr(P). [LIKE] { A = parse_mk_like(ctx, O, X, P, NULL, true); }
expr(A) ::= expr(X) NOT(O) LIKE expr(P) ESCAPE expr(E). [LIKE] { A = parse_mk_like(ctx, O, X, P, E, true); }

/* subqueries: (query), [NOT] EXISTS (query), x [NOT] IN (query),
 * x op ANY|SOME|ALL (query); NOT EXISTS folds into EX_EXISTS (parse_mk_unary) */
expr(A) ::= LP(K) query_nlp(Q) RP. { A = parse_mk_subquery(ctx, K, EX_SUBQUERY, Q); }
expr(A) ::= EXISTS(K) LP query(Q) RP. { A = parse_mk_subquery(ctx, K, EX_EXISTS, Q); }
expr(A) ::= expr(X) IN(O) LP query_nlp(Q) RP. { A = parse_mk_in_query(ctx, O, X, Q, false); }
expr(A) ::= expr(X) NOT(O) IN LP query_nlp(Q) RP. { A = parse_mk_in_query(ctx, O, X, Q, true); }
expr(A) ::= expr(X) EQ(O) quant(K) LP query(Q) RP. { A = parse_mk_quantified(ctx, O, BOP_EQ, X, K, Q); }
expr(A) ::= expr(X) NE(O) quant(K) LP query(Q) RP. { A = parse_mk_quantified(ctx, O, BOP_NE, X, K, Q); }
expr(A) ::= expr(X) LT(O) quant(K) LP query(Q) RP. { A = parse_mk_quantified(ctx, O, BOP_LT, X, K, Q); }
expr(A) ::= expr(X) LE(O) quant(K) LP query(Q) RP. { A = parse_mk_quantified(ctx, O, BOP_LE, X, K, Q); }
expr(A) ::= expr(X) GT(O) quant(K) LP query(Q) RP. { A = parse_mk_quantified(ctx, O, BOP_GT, X, K, Q); }
expr(A) ::= expr(X) GE(O) quant(K) LP query(Q) RP. { A = parse_mk_quantified(ctx, O, BOP_GE, X, K, Q); }
%type quant {Token}
quant(A) ::= ANY(K). { A = K; }
quant(A) ::= SOME(K). { A = K; }
quant(A) ::= ALL(K). { A = K; }

/* CASE [operand] WHEN a THEN b ... [ELSE c] END */
%type case_operand {Expr *}
%type case_whens {CaseWhens}
%type case_else {Expr *}
expr(A) ::= CASE(K) case_operand(O) case_whens(W) case_else(E) END. { A = parse_mk_case(ctx, K, O, W, E); }
case_operand(A) ::= . { A = NULL; }
case_operand(A) ::= expr(E). { A = E; }
case_whens(A) ::= WHEN expr(W) THEN expr(T). {
    A.v = parse_grow(ctx, NULL, 0, sizeof(CaseWhen));
    A.v[0].when = W;
    A.v[0].then = T;
    A.n = 1;
}
case_whens(A) ::= case_whens(L) WHEN expr(W) THEN expr(T). {
    A = L;
    A.v = parse_grow(ctx, A.v, A.n, sizeof(CaseWhen));
    A.v[A.n].when = W;
    A.v[A.n].then = T;
    A.n++;
}
case_else(A) ::= . { A = NULL; }
case_else(A) ::= ELSE expr(E). { A = E; }

/* CAST(x AS type); TRY_CAST(x AS type) is a function name with AS */
expr(A) ::= CAST(K) LP expr(X) AS type(T) RP. { A = parse_mk_cast(ctx, K, X, T); }
expr(A) ::= ID(N) LP expr(X) AS(K) type(T) RP. { A = parse_mk_try_cast(ctx, N, X, K, T); }

/* function calls, with WITHIN GROUP (ORDER BY ...), FILTER (WHERE ...) and
 * OVER ... in that order (the actions check it) */
%type call {Expr *}
expr(A) ::= call(C). { A = C; }
call(A) ::= ID(N) LP RP. { ExprList e = {NULL, 0}; A = parse_mk_call(ctx, N, e, false, false); }
call(A) ::= ID(N) LP STAR RP. { ExprList e = {NULL, 0}; A = parse_mk_call(ctx, N, e, false, true); }
call(A) ::= ID(N) LP exprs(L) RP. { A = parse_mk_call(ctx, N, L, false, false); }
call(A) ::= ID(N) LP ALL exprs(L) RP. { A = parse_mk_call(ctx, N, L, false, false); }
call(A) ::= ID(N) LP DISTINCT exprs(L) RP. { A = parse_mk_call(ctx, N, L, true, false); }
/* SUBSTRING(x FROM a [FOR n]) and TRIM(chars FROM x) */
call(A) ::= ID(N) LP expr(X) FROM(F) expr(Y) RP. { A = parse_mk_call_from(ctx, N, F, X, Y, NULL); }
call(A) ::= ID(N) LP expr(X) FROM(F) expr(Y) FOR expr(Z) RP. { A = parse_mk_call_from(ctx, N, F, X, Y, Z); }
/* TRIM(BOTH|LEADING|TRAILING [chars] FROM x) */
call(A) ::= ID(N) LP trim_spec(S) FROM expr(X) RP. { A = parse_mk_trim(ctx, N, S, NULL, X); }
call(A) ::= ID(N) LP trim_spec(S) expr(C) FROM expr(X) RP. { A = parse_mk_trim(ctx, N, S, C, X); }
call(A) ::= call(C) WITHIN(K) GROUP LP ORDER BY order_items(L) RP. { A = parse_call_within(ctx, C, K, L); }
call(A) ::= call(C) FILTER(K) LP WHERE expr(E) RP. { A = parse_call_filter(ctx, C, K, E); }
call(A) ::= call(C) OVER(K) ID(N). { A = parse_call_over(ctx, C, K, parse_mk_window_ref(ctx, N)); }
call(A) ::= call(C) OVER(K) LP win_items(W) RP. { A = parse_call_over(ctx, C, K, W); }
%type trim_spec {Token}
trim_spec(A) ::= BOTH(K). { A = K; }
trim_spec(A) ::= LEADING(K). { A = K; }
trim_spec(A) ::= TRAILING(K). { A = K; }

/* ---- support for parse.c ---------------------------------------------- */

%code {
/* Action lookup without %fallback: the keyword's own entry or the state's
 * default. */
static YYACTIONTYPE sql_find_action_nofb(YYCODETYPE tok, YYACTIONTYPE state)
{
    if (state > YY_MAX_SHIFT) return state;
    int i = yy_shift_ofst[state] + tok;
    if (i >= 0 && i < YY_NLOOKAHEAD && yy_lookahead[i] == tok) return yy_action[i];
    return yy_default[state];
}

int sqlParseWouldShift(void *parser, int major, int use_fallback)
{
    yyParser *p = parser;
    if (major < 0 || major >= YYNTOKEN) return 0;
    /* Simulate the reductions the token would trigger on a copy of the
     * states: popped entries come first from `over` (states pushed by the
     * simulation), then from the real stack below index `top`. */
    YYACTIONTYPE over[128];
    int nover = 0;
    int top = (int)(p->yytos - p->yystack);
    YYACTIONTYPE state = p->yytos->stateno;
    for (int guard = 0; guard < 100000; guard++) {
        YYACTIONTYPE act = use_fallback ? yy_find_shift_action((YYCODETYPE)major, state)
                                        : sql_find_action_nofb((YYCODETYPE)major, state);
        if (act <= YY_MAX_SHIFTREDUCE || act == YY_ACCEPT_ACTION) return 1;
        if (act < YY_MIN_REDUCE) return 0; /* error */
        int rule = act - YY_MIN_REDUCE;
        int npop = -yyRuleInfoNRhs[rule];
        while (npop > 0 && nover > 0) {
            nover--;
            npop--;
        }
        top -= npop;
        if (top < 0) return 0;
        YYACTIONTYPE below = nover > 0 ? over[nover - 1] : p->yystack[top].stateno;
        if (nover == (int)(sizeof over / sizeof over[0])) return 0;
        state = yy_find_reduce_action(below, yyRuleInfoLhs[rule]);
        over[nover++] = state;
    }
    return 0;
}

int sqlParseStackDepth(void *parser)
{
    yyParser *p = parser;
    return (int)(p->yytos - p->yystack);
}

int sqlParseTokenCount(void)
{
    return YYNTOKEN;
}
}

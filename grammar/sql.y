/* sql.y - the sluice SQL grammar (lemon, LALR(1), conflict-free).
 *
 * Dialect: Flink SQL plus ksqlDB's CREATE STREAM forms (see DESIGN.md).
 * Actions are one-liners calling parse_mk_* helpers in compiler/parse.c,
 * which build the AST of ast.h in the compilation's arena and report
 * semantic errors of literals (bad INTERVAL, unknown type, ...).
 *
 * Lexical classes the tokenizer produces: ID (bare or quoted identifier),
 * STRING ('...'), INTEGER, FLOAT, punctuation, keywords. Type names,
 * INTERVAL units and function names are plain identifiers checked by the
 * actions, so they never need to be keywords (and stay usable as column
 * names). Keywords listed in %fallback are non-reserved: wherever the
 * keyword itself has no meaning they are read as an identifier.
 *
 * Caveat of %fallback (why EMIT is reserved): lemon tries the fallback
 * before a state's default reduction, so a non-reserved keyword must never
 * be a reduce-lookahead in a state where an identifier can be shifted
 * (e.g. right after a FROM table name, where an alias may follow).
 * tests/unit/test_parse.c (grammar::conflict_free_and_fallback_safe) checks
 * this, and that the grammar stays conflict-free, with `lemon -c`. */

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

/* Operator precedence, lowest first. The prefix NOT gets its own level
 * (NOTPREFIX) while the token NOT sits with BETWEEN/IN/LIKE: that makes
 * "a = b NOT IN (..)" group like "a = b IN (..)" and "NOT a NOT IN (..)"
 * mean NOT (a NOT IN (..)). ESCAPE binds tighter than LIKE so that the
 * optional ESCAPE clause is shifted. */
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

/* Non-reserved keywords. */
%fallback ID STREAM IF EXISTS WATERMARK FOR PRIMARY KEY ENFORCED CHANGES FINAL
             DESCRIPTOR TIMESTAMP ESCAPE BOTH LEADING TRAILING PRECISION LOCAL TIME
             ZONE WITHOUT.

/* Reserved words the grammar does not use yet, so that "FROM a JOIN b"
 * fails at JOIN instead of taking JOIN as an alias. */
%token JOIN ON ORDER LIMIT UNION ARROW.

/* ---- program ---------------------------------------------------------- */

program ::= stmts.
stmts ::= stmt_opt.
stmts ::= stmts SEMI stmt_opt.
stmt_opt ::= .
stmt_opt ::= stmt(S). { parse_add_stmt(ctx, S); }

%type stmt {Stmt *}
%type create_head {Stmt *}
%type stream_kw {bool}
%type ifne {bool}

/* CREATE TABLE|STREAM [IF NOT EXISTS] name (elements) [WITH (...)] */
stmt(A) ::= create_head(H) LP table_elems RP with_opt(W). {
    H->kind = ST_CREATE_TABLE;
    H->with = W.v;
    H->n_with = W.n;
    ctx->cur = NULL;
    A = H;
}
/* CREATE TABLE|STREAM name [WITH (...)] AS SELECT ... */
stmt(A) ::= create_head(H) with_opt(W) AS select(S). {
    H->kind = ST_CREATE_AS;
    H->with = W.v;
    H->n_with = W.n;
    H->select = S;
    ctx->cur = NULL;
    A = H;
}
/* INSERT INTO name [(cols)] SELECT ... */
stmt(A) ::= INSERT(K) INTO ID(N) insert_cols(C) select(S). { A = parse_mk_insert(ctx, K, N, C, S); }

create_head(A) ::= CREATE(K) stream_kw(S) ifne(E) ID(N). { A = parse_mk_create_head(ctx, K, S, E, N); }
stream_kw(A) ::= TABLE. { A = false; }
stream_kw(A) ::= STREAM. { A = true; }
ifne(A) ::= . { A = false; }
ifne(A) ::= IF NOT EXISTS. { A = true; }

%type insert_cols {NameList}
insert_cols(A) ::= . { A.v = NULL; A.n = 0; }
insert_cols(A) ::= LP names(L) RP. { A = L; }

%type names {NameList}
names(A) ::= ID(N). { NameList e = {NULL, 0}; A = parse_names_add(ctx, e, N); }
names(A) ::= names(L) COMMA ID(N). { A = parse_names_add(ctx, L, N); }

/* ---- CREATE TABLE elements ------------------------------------------ */

table_elems ::= table_elem.
table_elems ::= table_elems COMMA table_elem.

table_elem ::= ID(N) type(T) colcons(C). { parse_add_column(ctx, N, T, C); }
table_elem ::= WATERMARK(K) FOR ID(N) AS expr(E). { parse_add_watermark(ctx, K, N, E); }
table_elem ::= PRIMARY(K) KEY LP names(L) RP pk_enforced. { parse_add_primary_key(ctx, K, L); }

pk_enforced ::= .
pk_enforced ::= NOT ENFORCED.

/* Column constraints. "PRIMARY KEY NOT ENFORCED" (Flink) and "PRIMARY KEY"
 * (ksqlDB) are both accepted; NOT ENFORCED is its own constraint so that
 * after PRIMARY KEY one token of lookahead suffices (NOT NULL vs NOT
 * ENFORCED); the action checks that it follows PRIMARY KEY. */
%type colcons {ColCons}
colcons(A) ::= . {
    A.not_null = false;
    A.primary_key = false;
    A.last_pk = false;
    A.pk_pos.line = 0;
    A.pk_pos.col = 0;
}
colcons(A) ::= colcons(L) NOT NULL. { A = L; A.not_null = true; A.last_pk = false; }
colcons(A) ::= colcons(L) NULL. { A = L; A.not_null = false; A.last_pk = false; }
colcons(A) ::= colcons(L) PRIMARY(K) KEY. { A = parse_colcons_pk(ctx, L, K); }
colcons(A) ::= colcons(L) NOT(K) ENFORCED. { A = parse_colcons_not_enforced(ctx, L, K); }
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

/* ---- WITH options ------------------------------------------------------ */

%type with_opt {WithList}
%type with_list {WithList}
with_opt(A) ::= . { A.v = NULL; A.n = 0; }
with_opt(A) ::= WITH LP with_list(L) RP. { A = L; }

with_list(A) ::= with_item(I). { WithList e = {NULL, 0}; A = parse_with_add(ctx, e, I.key, I.text, I.value); }
with_list(A) ::= with_list(L) COMMA with_item(I). { A = parse_with_add(ctx, L, I.key, I.text, I.value); }

%include {
/* One "key = value" pair while it is parsed. */
typedef struct WithItem {
    Token key;        /* first token of the key */
    const char *text; /* the key, unquoted */
    Token value;
} WithItem;
}
%type with_item {WithItem}
%type with_key {WithItem}
with_item(A) ::= with_key(K) EQ with_value(V). { A = K; A.value = V; }

/* 'connector' (Flink) or value_format (ksqlDB) or scan.startup.mode. */
with_key(A) ::= STRING(S). { A.key = S; A.text = parse_string(ctx, S); }
with_key(A) ::= ID(N). { A.key = N; A.text = parse_ident(ctx, N); }
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

/* ---- SELECT ------------------------------------------------------------ */

%type select {Select *}
%type distinct_opt {bool}
%type select_items {SelectItems}
%type from_item {FromItem *}
%type where_opt {Expr *}
%type group_opt {GroupBy}
%type having_opt {Expr *}
%type emit_opt {EmitClause}
%type alias_opt {Token}

select(A) ::= SELECT(K) distinct_opt(D) select_items(L) FROM from_item(F) where_opt(W)
              group_opt(G) having_opt(H) emit_opt(E). {
    A = parse_mk_select(ctx, K, D, L, F, W, G, H, E);
}

distinct_opt(A) ::= . { A = false; }
distinct_opt(A) ::= ALL. { A = false; }
distinct_opt(A) ::= DISTINCT. { A = true; }

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

/* name [[AS] alias] */
from_item(A) ::= ID(N) alias_opt(L). { A = parse_mk_from_table(ctx, N, L); }
/* TABLE(fn(TABLE name, DESCRIPTOR(col), arg, ...)) [[AS] alias] */
from_item(A) ::= TABLE(K) LP ID(F) LP TABLE ID(T) COMMA DESCRIPTOR LP ID(D) RP tvf_args(X) RP RP
                 alias_opt(L). {
    A = parse_mk_from_tvf(ctx, K, F, T, D, X, L);
}

/* The same with named arguments (Flink):
 * TABLE(fn(DATA => TABLE name, TIMECOL => DESCRIPTOR(col), SIZE => ..., ...)).
 * parse.c puts the named ones in fn's positional order. */
from_item(A) ::= TABLE(K) LP ID(F) LP ID(DN) ARROW TABLE ID(T) COMMA ID(CN) ARROW DESCRIPTOR LP
                 ID(D) RP tvf_named(X) RP RP alias_opt(L). {
    A = parse_mk_from_tvf_named(ctx, K, F, DN, T, CN, D, X, L);
}

%type tvf_named {TvfNamedArgs}
tvf_named(A) ::= . { A.v = NULL; A.n = 0; }
tvf_named(A) ::= tvf_named(L) COMMA ID(N) ARROW expr(E). { A = parse_tvf_named_add(ctx, L, N, E); }

%type tvf_args {ExprList}
tvf_args(A) ::= . { A.v = NULL; A.n = 0; }
tvf_args(A) ::= tvf_args(L) COMMA expr(E). { A = L; ast_list_push(ctx->arena, &A, E); }

where_opt(A) ::= . { A = NULL; }
where_opt(A) ::= WHERE expr(E). { A = E; }

group_opt(A) ::= . { A.list.v = NULL; A.list.n = 0; A.pos.line = 0; A.pos.col = 0; }
group_opt(A) ::= GROUP(K) BY exprs(L). { A.list = L; A.pos = K.pos; }

having_opt(A) ::= . { A = NULL; }
having_opt(A) ::= HAVING expr(E). { A = E; }

emit_opt(A) ::= . { A.mode = EMIT_DEFAULT; A.pos.line = 0; A.pos.col = 0; }
emit_opt(A) ::= EMIT(K) CHANGES. { A.mode = EMIT_CHANGES; A.pos = K.pos; }
emit_opt(A) ::= EMIT(K) FINAL. { A.mode = EMIT_FINAL; A.pos = K.pos; }

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

/* column references; "timestamp" is a common column name */
expr(A) ::= ID(N). { Token z = {0}; A = parse_mk_column(ctx, z, N); }
expr(A) ::= TIMESTAMP(N). { Token z = {0}; A = parse_mk_column(ctx, z, N); }
expr(A) ::= ID(Q) DOT ID(N). { A = parse_mk_column(ctx, Q, N); }

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

/* CAST(x AS type) */
expr(A) ::= CAST(K) LP expr(X) AS type(T) RP. { A = parse_mk_cast(ctx, K, X, T); }

/* function calls */
expr(A) ::= ID(N) LP RP. { ExprList e = {NULL, 0}; A = parse_mk_call(ctx, N, e, false, false); }
expr(A) ::= ID(N) LP STAR RP. { ExprList e = {NULL, 0}; A = parse_mk_call(ctx, N, e, false, true); }
expr(A) ::= ID(N) LP exprs(L) RP. { A = parse_mk_call(ctx, N, L, false, false); }
expr(A) ::= ID(N) LP ALL exprs(L) RP. { A = parse_mk_call(ctx, N, L, false, false); }
expr(A) ::= ID(N) LP DISTINCT exprs(L) RP. { A = parse_mk_call(ctx, N, L, true, false); }
/* SUBSTRING(x FROM a [FOR n]) and TRIM(chars FROM x) */
expr(A) ::= ID(N) LP expr(X) FROM(F) expr(Y) RP. { A = parse_mk_call_from(ctx, N, F, X, Y, NULL); }
expr(A) ::= ID(N) LP expr(X) FROM(F) expr(Y) FOR expr(Z) RP. { A = parse_mk_call_from(ctx, N, F, X, Y, Z); }
/* TRIM(BOTH|LEADING|TRAILING [chars] FROM x) */
expr(A) ::= ID(N) LP trim_spec(S) FROM expr(X) RP. { A = parse_mk_trim(ctx, N, S, NULL, X); }
expr(A) ::= ID(N) LP trim_spec(S) expr(C) FROM expr(X) RP. { A = parse_mk_trim(ctx, N, S, C, X); }
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

/* parse_internal.h - private glue between parse.c and the lemon parser
 * generated from grammar/sql.y. Nothing outside the parser includes it.
 *
 * The grammar's actions stay one-liners: every node is built by a
 * parse_mk_* helper here (compiled with the project's -Werror flags), which
 * also converts literals, checks limits and reports errors. Helpers never
 * return NULL: after an error they return a placeholder node so the actions
 * that follow in the same parser call cannot crash; parse.c stops feeding
 * tokens once ctx->failed is set. */
#ifndef SLUICE_PARSE_INTERNAL_H
#define SLUICE_PARSE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "parse.h"
#include "tokenize.h"

/* The parser's %extra_context: everything the actions need. */
typedef struct ParseCtx {
    Arena *arena;
    Diag *diag;
    PtrVec stmts;    /* Stmt*, in source order */
    Stmt *cur;       /* the CREATE statement whose column list is being parsed */
    SrcPos stmt_pos; /* the first token of the statement being parsed */
    bool failed;     /* an error was reported: stop parsing */
} ParseCtx;

/* ---- semantic-value helper types used by the grammar ----------------- */

/* A growable array of T built by parse_grow (capacity implied by n). */
typedef struct SelectItems {
    SelectItem *v;
    int n;
} SelectItems;

typedef struct WithList {
    WithOption *v;
    int n;
} WithList;

/* One "key = value" pair of WITH (...) while it is parsed; also the key of
 * SET and RESET. */
typedef struct WithItem {
    Token key;        /* first token of the key */
    const char *text; /* the key, unquoted */
    Token value;
} WithItem;

typedef struct NameList {
    const char **v;
    int n;
} NameList;

typedef struct CaseWhens {
    CaseWhen *v;
    int n;
} CaseWhens;

/* Column constraints after a column's type. */
typedef struct ColCons {
    bool not_null;
    bool primary_key;
    bool last_pk; /* the previous constraint was PRIMARY KEY (NOT ENFORCED may follow) */
    SrcPos pk_pos;
    bool metadata;            /* METADATA [FROM 'key'] */
    const char *metadata_key; /* NULL when FROM is not written */
    bool is_virtual;          /* VIRTUAL */
} ColCons;

/* The statements of EXECUTE STATEMENT SET BEGIN ... END. */
typedef struct StmtList {
    Stmt **v;
    int n;
} StmtList;

/* ORDER BY items and the ORDER keyword (pos 0:0 when absent). */
typedef struct OrderBy {
    OrderList list;
    SrcPos pos;
} OrderBy;

/* LIMIT n, OFFSET n or FETCH FIRST n ROWS ONLY: the keyword's position
 * (line 0 when absent) and the count (NULL for LIMIT ALL). */
typedef struct LimitClause {
    Expr *e;
    SrcPos pos;
} LimitClause;

/* What may follow a query body (parse_mk_tail folds FETCH into limit). */
typedef struct QueryTail {
    OrderBy order;
    LimitClause limit, offset, fetch;
} QueryTail;

typedef struct CteList {
    Cte *v;
    int n;
} CteList;

/* A list of expression lists: VALUES rows, the sets of GROUPING SETS. */
typedef struct ExprLists {
    ExprList *v;
    int n;
} ExprLists;

typedef struct GroupList {
    GroupItem *v;
    int n;
} GroupList;

typedef struct WindowDefs {
    WindowDef **v;
    int n;
} WindowDefs;

/* ROWS|RANGE lo, or BETWEEN lo AND hi. */
typedef struct FrameSpec {
    FrameBound lo, hi;
} FrameSpec;

/* [AS] alias [(cols)] after a FROM item; name.text is NULL when absent. */
typedef struct AliasPart {
    Token name;
    NameList cols;
} AliasPart;

/* The operator of a join: its kind, NATURAL, and its first token. */
typedef struct JoinOp {
    JoinKind kind;
    bool natural;
    Token kw;
} JoinOp;

/* ON expr or USING (cols); kw.text is NULL when neither is written. */
typedef struct JoinCond {
    Token kw;
    Expr *on;
    NameList using_;
} JoinCond;

typedef struct TvfArgs {
    TvfArg *v;
    int n;
} TvfArgs;

/* One parameter of ksqlDB's WINDOW clause: [word [word2]] value unit, e.g.
 * "SIZE 1 HOUR" (word2 absent), "GRACE PERIOD 5 MINUTES", "ADVANCE BY 1
 * SECOND", "5 MINUTES" (no words: SESSION's gap). Absent tokens have text
 * NULL. */
typedef struct KsqlItem {
    Token word, word2, value, unit;
} KsqlItem;

typedef struct KsqlItems {
    KsqlItem *v;
    int n;
} KsqlItems;

/* The clauses that may follow a select list, in their required order
 * (either WINDOW form may also stand in the other's place). */
typedef enum SelClauseKind {
    SC_FROM,
    SC_KWINDOW, /* ksqlDB WINDOW TUMBLING|HOPPING|SESSION (...) */
    SC_WHERE,
    SC_GROUP,
    SC_HAVING,
    SC_WINDOWS, /* Flink WINDOW name AS (...), ... */
    SC_QUALIFY,
    SC_EMIT,
} SelClauseKind;

/* One clause after the select list while it is parsed: the fields of its
 * kind are set. */
typedef struct SelClause {
    SelClauseKind kind;
    Token kw;
    Expr *e;             /* WHERE, HAVING, QUALIFY */
    FromItem *from;      /* FROM */
    GroupList group;     /* GROUP BY */
    KsqlWindow *kwindow; /* ksqlDB WINDOW */
    WindowDefs windows;  /* Flink WINDOW */
    EmitMode emit;       /* EMIT */
} SelClause;

/* A Select while its clauses are added: the clause kinds seen (bit
 * 1 << SelClauseKind) and the rank and name of the last one, for the
 * order check of parse_select_add. */
typedef struct SelBuild {
    Select *s;
    unsigned seen;
    int last;
    const char *last_name;
} SelBuild;

/* ---- the lemon parser (generated; %name sqlParse) --------------------- */

void *sqlParseAlloc(void *(*malloc_fn)(size_t), ParseCtx *ctx);
void sqlParse(void *parser, int major, Token minor);
void sqlParseFree(void *parser, void (*free_fn)(void *));

/* 1 when terminal `major` (0 = end of input) would be shifted in the
 * parser's current state, possibly after reductions, 0 when it is a syntax
 * error. With use_fallback 0 a non-reserved keyword counts only where the
 * keyword itself is valid (not as an identifier); for the expected-token
 * list. Does not change the parser. */
int sqlParseWouldShift(void *parser, int major, int use_fallback);

/* Current depth of the parser's stack (grows with nesting). */
int sqlParseStackDepth(void *parser);

/* Number of terminal codes (valid codes are 0 .. n-1; 0 is end of input). */
int sqlParseTokenCount(void);

/* ---- action helpers (parse.c) --------------------------------------- */

/* Reports the first error (later ones are dropped) and marks the parse failed. */
void parse_error(ParseCtx *c, SrcPos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Grows arr (of n elements of esz bytes, built only by this function) so
 * that element n can be written; returns the possibly moved array. */
void *parse_grow(ParseCtx *c, void *arr, int n, size_t esz);

/* An identifier's name: bare as written, quoted ones without the quotes and
 * with doubled quotes collapsed. */
const char *parse_ident(ParseCtx *c, Token t);

/* A 'string' token's contents with '' collapsed. */
const char *parse_string(ParseCtx *c, Token t);

/* ---- expressions: every helper returns a node (a placeholder after an
 * error, never NULL) whose height it has checked against PARSE_MAX_DEPTH.
 * Operator nodes are positioned at their operator token. */

/* Literals. */
Expr *parse_mk_int(ParseCtx *c, Token t);
Expr *parse_mk_float(ParseCtx *c, Token t);
Expr *parse_mk_string(ParseCtx *c, Token t);
Expr *parse_mk_bool(ParseCtx *c, Token t, bool v);
Expr *parse_mk_null(ParseCtx *c, Token t);
/* The integer 1 at kw (FETCH FIRST ROW ONLY without a count). */
Expr *parse_mk_one(ParseCtx *c, Token kw);
/* INTERVAL value unit; value is a STRING or INTEGER token. */
Expr *parse_mk_interval(ParseCtx *c, Token kw, Token value, Token unit);
/* TIMESTAMP 'yyyy-mm-dd hh:mm:ss[.fff]' */
Expr *parse_mk_timestamp(ParseCtx *c, Token kw, Token value);
/* TYPE 'text' (DATE '...', TIME '...'): an EX_TYPED_LIT; type must name a
 * known SQL type (else "unknown type"); the binder checks the text. */
Expr *parse_mk_typed_lit(ParseCtx *c, Token type, Token value);

/* Column references; qual may be a zero Token (no qualifier). */
Expr *parse_mk_column(ParseCtx *c, Token qual, Token name);
/* * or qual.* in a select list. */
Expr *parse_mk_star(ParseCtx *c, Token star, Token qual);

Expr *parse_mk_unary(ParseCtx *c, Token op, UnaryOp uop, Expr *x);
Expr *parse_mk_binary(ParseCtx *c, Token op, BinaryOp bop, Expr *l, Expr *r);
Expr *parse_mk_is_null(ParseCtx *c, Token op, Expr *x, bool negated);
/* x IS [NOT] TRUE|FALSE|UNKNOWN: what is 1, 0 or -1. */
Expr *parse_mk_is_bool(ParseCtx *c, Token op, Expr *x, int what, bool negated);
/* x IS [NOT] DISTINCT FROM y. */
Expr *parse_mk_is_distinct(ParseCtx *c, Token op, Expr *x, Expr *y, bool negated);
Expr *parse_mk_between(ParseCtx *c, Token op, Expr *x, Expr *lo, Expr *hi, bool negated);
Expr *parse_mk_in(ParseCtx *c, Token op, Expr *x, ExprList list, bool negated);
Expr *parse_mk_like(ParseCtx *c, Token op, Expr *x, Expr *pat, Expr *esc, bool negated);
Expr *parse_mk_case(ParseCtx *c, Token kw, Expr *operand, CaseWhens whens, Expr *else_);
Expr *parse_mk_cast(ParseCtx *c, Token kw, Expr *x, AstType type);
/* name(x AS type): TRY_CAST (an EX_CAST with try_ set); any other name is
 * an error (at the AS token as_kw). */
Expr *parse_mk_try_cast(ParseCtx *c, Token name, Expr *x, Token as_kw, AstType type);
/* A query used as an expression: kind EX_SUBQUERY ("(query)", at the '(')
 * or EX_EXISTS ("EXISTS (query)", at EXISTS). */
Expr *parse_mk_subquery(ParseCtx *c, Token kw, ExprKind kind, QueryExpr *q);
/* x [NOT] IN (query). */
Expr *parse_mk_in_query(ParseCtx *c, Token op, Expr *x, QueryExpr *q, bool negated);
/* x op ANY|SOME|ALL (query); quant is the ANY, SOME or ALL token. */
Expr *parse_mk_quantified(ParseCtx *c, Token op, BinaryOp bop, Expr *x, Token quant, QueryExpr *q);
/* ARRAY[args] or MAP[k, v, ...] (kw is the ARRAY or MAP token): a call
 * named ARRAY or MAP; MAP needs an even number of arguments. */
Expr *parse_mk_constructor(ParseCtx *c, Token kw, ExprList args);
/* x[i]: a call named ITEM (x, i), at the '['. */
Expr *parse_mk_item(ParseCtx *c, Token lb, Expr *x, Expr *index);
/* name(args); star for name(*). */
Expr *parse_mk_call(ParseCtx *c, Token name, ExprList args, bool distinct, bool star);
/* name(a FROM b [FOR n]): SUBSTRING(x FROM a [FOR n]) or TRIM(chars FROM x);
 * for_expr may be NULL. */
Expr *parse_mk_call_from(ParseCtx *c, Token name, Token from, Expr *a, Expr *b, Expr *for_expr);
/* TRIM(BOTH|LEADING|TRAILING [chars] FROM x); chars may be NULL. */
Expr *parse_mk_trim(ParseCtx *c, Token name, Token spec, Expr *chars, Expr *x);
/* The suffixes of a call, which must come in this order, each at most
 * once: call WITHIN GROUP (ORDER BY items), call FILTER (WHERE cond),
 * call OVER window. Each sets its part of u.call and returns call (errors:
 * out of order, given twice, or call is not a plain function call). */
Expr *parse_call_within(ParseCtx *c, Expr *call, Token kw, OrderList items);
Expr *parse_call_filter(ParseCtx *c, Expr *call, Token kw, Expr *cond);
Expr *parse_call_over(ParseCtx *c, Expr *call, Token kw, WindowDef *w);

/* ---- ORDER BY and windows */

/* expr [ASC|DESC] [NULLS FIRST|LAST]; dir is 0 (not written), 1 ASC, 2 DESC. */
OrderItem parse_mk_order_item(Expr *e, int dir, NullsOrder nulls);
OrderList parse_order_add(ParseCtx *c, OrderList l, OrderItem it);
/* An empty window specification, filled by the parse_window_* helpers in
 * the order [base name] [PARTITION BY] [ORDER BY] [ROWS|RANGE frame]; each
 * reports a part out of order or given twice. */
WindowDef *parse_window_new(ParseCtx *c);
WindowDef *parse_window_base(ParseCtx *c, WindowDef *w, Token name);
WindowDef *parse_window_partition(ParseCtx *c, WindowDef *w, Token kw, ExprList l);
WindowDef *parse_window_order(ParseCtx *c, WindowDef *w, Token kw, OrderList l);
/* ROWS (rows true) or RANGE frame. */
WindowDef *parse_window_frame(ParseCtx *c, WindowDef *w, Token kw, bool rows, FrameSpec f);
/* A frame from its bounds: BETWEEN lo AND *hi, or lo alone (hi NULL), which
 * means BETWEEN lo AND CURRENT ROW. */
FrameSpec parse_mk_frame(FrameBound lo, const FrameBound *hi);
/* OVER name: a window that only refers to the named one. */
WindowDef *parse_mk_window_ref(ParseCtx *c, Token name);
/* WINDOW name AS (spec): names w, positions it at the name. */
WindowDef *parse_mk_named_window(ParseCtx *c, Token name, WindowDef *w);
WindowDefs parse_windows_add(ParseCtx *c, WindowDefs l, WindowDef *w);

/* ---- types */

/* A type as written: name [(p [, s])]; nparams is 0, 1 or 2. */
AstType parse_mk_type(ParseCtx *c, Token name, int nparams, Token p, Token s);
/* DOUBLE PRECISION */
AstType parse_mk_type_precision(ParseCtx *c, Token name, Token precision);
/* t WITH LOCAL TIME ZONE (local true) or t WITHOUT TIME ZONE. */
AstType parse_mk_type_tz(ParseCtx *c, AstType t, Token kw, bool local);

/* ---- queries: every QueryExpr and FromItem helper also checks the
 * node's height against PARSE_MAX_DEPTH ("query nested too deeply"). */

/* [WITH ctes] body tail: attaches ctes (with_kw.text NULL when there is no
 * WITH) and tail to body; a body that already has its own WITH, ORDER BY,
 * LIMIT or OFFSET (a parenthesized query) is first wrapped in a QK_PAREN
 * node. LIMIT and FETCH together are an error. */
QueryExpr *parse_mk_query(ParseCtx *c, Token with_kw, CteList ctes, QueryExpr *body,
                          QueryTail tail);
/* l UNION|EXCEPT|INTERSECT [ALL|DISTINCT] r; quant is the ALL or DISTINCT
 * token (text NULL when neither is written). */
QueryExpr *parse_mk_setop(ParseCtx *c, QueryExpr *l, Token kw, SetOpKind op, Token quant,
                          QueryExpr *r);
QueryExpr *parse_mk_query_select(ParseCtx *c, Select *s);
/* VALUES (row), ...: every row must have as many values as the first. */
QueryExpr *parse_mk_values(ParseCtx *c, Token kw, ExprLists rows);
QueryTail parse_mk_tail(ParseCtx *c, OrderBy order, LimitClause limit, LimitClause offset,
                        LimitClause fetch);
/* LIMIT/OFFSET/FETCH at kw with count e (NULL: LIMIT ALL). */
LimitClause parse_mk_limit(Token kw, Expr *e);
/* name [(cols)] AS (query) */
Cte parse_mk_cte(ParseCtx *c, Token name, NameList cols, QueryExpr *q);
CteList parse_ctes_add(ParseCtx *c, CteList l, Cte cte);
ExprLists parse_lists_add(ParseCtx *c, ExprLists l, ExprList e);

/* SELECT [ALL|DISTINCT] items clauses; quant is the ALL or DISTINCT token
 * (text NULL when neither is written); b comes from parse_select_new and
 * parse_select_add. */
Select *parse_mk_select(ParseCtx *c, Token kw, Token quant, SelectItems items, SelBuild b);
SelectItems parse_items_add(ParseCtx *c, SelectItems l, Expr *e, Token alias);
/* An empty Select to which parse_select_add adds the clauses. */
SelBuild parse_select_new(ParseCtx *c);
/* A clause of kind at kw, its fields to be set by the caller. */
SelClause parse_mk_clause(SelClauseKind kind, Token kw);
/* Adds clause cl to s after checking its order: "WHERE must come before
 * GROUP BY", "duplicate WHERE clause". A WINDOW clause takes ksqlDB's place
 * (right after FROM) when nothing but FROM precedes it, else Flink's (after
 * HAVING). */
SelBuild parse_select_add(ParseCtx *c, SelBuild b, SelClause cl);
/* ksqlDB's WINDOW type (params): type is TUMBLING, HOPPING or SESSION
 * (identifiers, case-insensitive); checks the parameters each type takes and
 * converts their durations to milliseconds. */
KsqlWindow *parse_mk_ksql_window(ParseCtx *c, Token kw, Token type, KsqlItems items);
KsqlItem parse_mk_ksql_item(Token word, Token word2, Token value, Token unit);
KsqlItems parse_ksql_items_add(ParseCtx *c, KsqlItems l, KsqlItem it);

/* GROUP BY items. */
GroupItem parse_mk_group_expr(Expr *e);
/* GROUPING SETS (...), ROLLUP (...), CUBE (...) or () (kind GI_EMPTY, sets
 * empty), at kw. */
GroupItem parse_mk_group_sets(Token kw, GroupItemKind kind, ExprLists sets);
GroupList parse_group_add(ParseCtx *c, GroupList l, GroupItem it);

/* ---- FROM items */

/* name */
FromItem *parse_mk_from_table(ParseCtx *c, Token name);
/* name FOR SYSTEM_TIME AS OF e (kw: FOR) */
FromItem *parse_mk_from_as_of(ParseCtx *c, Token name, Token kw, Expr *e);
/* TABLE(fn(args)) at kw: FROM_TVF when fn is TUMBLE, HOP, CUMULATE or
 * SESSION (case-insensitive), whose arguments must be TABLE name [PARTITION
 * BY ...] (PARTITION BY only for SESSION), DESCRIPTOR(col) and expressions,
 * all positional or all named (DATA =>, TIMECOL =>, then fn's parameter
 * names, put in positional order); else FROM_TABLE_FN. */
FromItem *parse_mk_from_table_fn(ParseCtx *c, Token kw, Token fn, TvfArgs args);
/* LATERAL TABLE(fn(args)) at kw. */
FromItem *parse_mk_from_lateral_fn(ParseCtx *c, Token kw, Token fn, ExprList args);
/* (query) (kind FROM_SUBQUERY, kw the '(') or LATERAL (query) (kind
 * FROM_LATERAL, kw LATERAL). */
FromItem *parse_mk_from_query(ParseCtx *c, Token kw, FromKind kind, QueryExpr *q);
/* UNNEST(exprs) [WITH ORDINALITY] at kw. */
FromItem *parse_mk_from_unnest(ParseCtx *c, Token kw, ExprList exprs, bool ordinality);
/* Sets f's alias and column aliases (when written); returns f. */
FromItem *parse_from_alias(ParseCtx *c, FromItem *f, AliasPart alias);
/* input MATCH_RECOGNIZE (...) [[AS] alias] (kw: MATCH_RECOGNIZE). */
FromItem *parse_mk_from_mr(ParseCtx *c, FromItem *input, Token kw, AliasPart alias);
/* l join r [cond]: checks that CROSS and NATURAL joins have no condition. */
FromItem *parse_mk_join(ParseCtx *c, FromItem *l, JoinOp op, FromItem *r, JoinCond cond);
/* l, r (kw: the comma): a FROM_JOIN of kind JOIN_CROSS with comma set. */
FromItem *parse_mk_comma_join(ParseCtx *c, FromItem *l, Token kw, FromItem *r);
JoinOp parse_mk_join_op(Token kw, JoinKind kind);
/* NATURAL op (kw: NATURAL); op must be an outer or inner join. */
JoinOp parse_join_natural(ParseCtx *c, Token kw, JoinOp op);
/* Table function arguments. */
TvfArg parse_mk_tvf_expr(Expr *e);
/* TABLE name [PARTITION BY cols] (kw: TABLE). */
TvfArg parse_mk_tvf_table(ParseCtx *c, Token kw, Token name, ExprList partition);
/* DESCRIPTOR(cols) (kw: DESCRIPTOR); cols are EX_COLUMN references. */
TvfArg parse_mk_tvf_descriptor(ParseCtx *c, Token kw, ExprList cols);
/* NAME => arg: names arg, positions it at the name. */
TvfArg parse_tvf_arg_named(ParseCtx *c, Token name, TvfArg arg);
TvfArgs parse_tvf_args_add(ParseCtx *c, TvfArgs l, TvfArg arg);

/* ---- statements */

/* CREATE [TEMPORARY] TABLE|STREAM [IF NOT EXISTS] name: starts the
 * statement whose columns parse_add_* fill in (ParseCtx.cur). */
Stmt *parse_mk_create_head(ParseCtx *c, Token create, bool temporary, bool is_stream,
                           bool if_not_exists, Token name);
/* head (columns) [WITH (...)]: finishes the CREATE TABLE. */
Stmt *parse_mk_create_table(ParseCtx *c, Stmt *head, WithList with);
/* head [WITH (...)] AS query */
Stmt *parse_mk_create_as(ParseCtx *c, Stmt *head, WithList with, QueryExpr *q);
/* CREATE [TEMPORARY] VIEW [IF NOT EXISTS] name [(cols)] AS query */
Stmt *parse_mk_create_view(ParseCtx *c, Token create, bool temporary, bool if_not_exists,
                           Token name, NameList cols, QueryExpr *q);
/* INSERT INTO|OVERWRITE name [(cols)] query */
Stmt *parse_mk_insert(ParseCtx *c, Token kw, bool overwrite, Token name, NameList cols,
                      QueryExpr *q);
/* A bare query statement, positioned at its first token (which may be a
 * '(' before the query's own position). */
Stmt *parse_mk_query_stmt(ParseCtx *c, QueryExpr *q);
/* SET [key = value] (key_text NULL for SET alone); value as in WITH. */
Stmt *parse_mk_set(ParseCtx *c, Token kw, Token key, const char *key_text, Token value);
/* RESET [key] (key_text NULL for RESET alone). */
Stmt *parse_mk_reset(ParseCtx *c, Token kw, Token key, const char *key_text);
/* EXECUTE STATEMENT SET BEGIN body END (kw: EXECUTE). */
Stmt *parse_mk_statement_set(ParseCtx *c, Token kw, StmtList body);
StmtList parse_stmts_add(ParseCtx *c, StmtList l, Stmt *s);
/* A statement of one of the no-op kinds ST_BEGIN_SET, ST_END at kw. */
Stmt *parse_mk_marker(ParseCtx *c, Token kw, StmtKind kind);
/* Column constraints: PRIMARY KEY, then NOT ENFORCED right after it;
 * METADATA [FROM 'key'], then VIRTUAL after it. */
ColCons parse_colcons_pk(ParseCtx *c, ColCons cons, Token kw);
ColCons parse_colcons_not_enforced(ParseCtx *c, ColCons cons, Token kw);
/* key is the STRING token of FROM 'key', or a zero Token. */
ColCons parse_colcons_metadata(ParseCtx *c, ColCons cons, Token kw, Token key);
ColCons parse_colcons_virtual(ParseCtx *c, ColCons cons, Token kw);
void parse_add_column(ParseCtx *c, Token name, AstType type, ColCons cons);
/* name AS expr */
void parse_add_computed_column(ParseCtx *c, Token name, Expr *e);
void parse_add_watermark(ParseCtx *c, Token kw, Token col, Expr *e);
void parse_add_primary_key(ParseCtx *c, Token kw, NameList cols);
WithList parse_with_add(ParseCtx *c, WithList l, Token key, const char *key_text, Token value);
/* Appends an identifier token's name to l. */
NameList parse_names_add(ParseCtx *c, NameList l, Token name);
/* Appends a parsed statement to the program. */
void parse_add_stmt(ParseCtx *c, Stmt *s);

#endif

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
    PtrVec stmts; /* Stmt*, in source order */
    Stmt *cur;    /* the CREATE statement whose column list is being parsed */
    bool failed;  /* an error was reported: stop parsing */
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

typedef struct NameList {
    const char **v;
    int n;
} NameList;

typedef struct CaseWhens {
    CaseWhen *v;
    int n;
} CaseWhens;

typedef struct GroupBy {
    ExprList list;
    SrcPos pos;
} GroupBy;

typedef struct EmitClause {
    EmitMode mode;
    SrcPos pos;
} EmitClause;

/* Named window-function arguments, NAME => expr, in written order. */
typedef struct TvfNamedArg {
    Token name;
    Expr *e;
} TvfNamedArg;

typedef struct TvfNamedArgs {
    TvfNamedArg *v;
    int n;
} TvfNamedArgs;

/* Column constraints after a column's type. */
typedef struct ColCons {
    bool not_null;
    bool primary_key;
    bool last_pk; /* the previous constraint was PRIMARY KEY (NOT ENFORCED may follow) */
    SrcPos pk_pos;
} ColCons;

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

/* Literals. */
Expr *parse_mk_int(ParseCtx *c, Token t);
Expr *parse_mk_float(ParseCtx *c, Token t);
Expr *parse_mk_string(ParseCtx *c, Token t);
Expr *parse_mk_bool(ParseCtx *c, Token t, bool v);
Expr *parse_mk_null(ParseCtx *c, Token t);
/* INTERVAL value unit; value is a STRING or INTEGER token. */
Expr *parse_mk_interval(ParseCtx *c, Token kw, Token value, Token unit);
/* TIMESTAMP 'yyyy-mm-dd hh:mm:ss[.fff]' */
Expr *parse_mk_timestamp(ParseCtx *c, Token kw, Token value);

/* Column references; qual may be a zero Token (no qualifier). */
Expr *parse_mk_column(ParseCtx *c, Token qual, Token name);
/* * or qual.* in a select list. */
Expr *parse_mk_star(ParseCtx *c, Token star, Token qual);

Expr *parse_mk_unary(ParseCtx *c, Token op, UnaryOp uop, Expr *x);
Expr *parse_mk_binary(ParseCtx *c, Token op, BinaryOp bop, Expr *l, Expr *r);
Expr *parse_mk_is_null(ParseCtx *c, Token op, Expr *x, bool negated);
Expr *parse_mk_between(ParseCtx *c, Token op, Expr *x, Expr *lo, Expr *hi, bool negated);
Expr *parse_mk_in(ParseCtx *c, Token op, Expr *x, ExprList list, bool negated);
Expr *parse_mk_like(ParseCtx *c, Token op, Expr *x, Expr *pat, Expr *esc, bool negated);
Expr *parse_mk_case(ParseCtx *c, Token kw, Expr *operand, CaseWhens whens, Expr *else_);
Expr *parse_mk_cast(ParseCtx *c, Token kw, Expr *x, AstType type);
/* name(args); star for name(*). */
Expr *parse_mk_call(ParseCtx *c, Token name, ExprList args, bool distinct, bool star);
/* name(a FROM b [FOR n]): SUBSTRING(x FROM a [FOR n]) or TRIM(chars FROM x);
 * for_expr may be NULL. */
Expr *parse_mk_call_from(ParseCtx *c, Token name, Token from, Expr *a, Expr *b, Expr *for_expr);
/* TRIM(BOTH|LEADING|TRAILING [chars] FROM x); chars may be NULL. */
Expr *parse_mk_trim(ParseCtx *c, Token name, Token spec, Expr *chars, Expr *x);

/* A type as written: name [(p [, s])]; nparams is 0, 1 or 2. */
AstType parse_mk_type(ParseCtx *c, Token name, int nparams, Token p, Token s);
/* DOUBLE PRECISION */
AstType parse_mk_type_precision(ParseCtx *c, Token name, Token precision);
/* t WITH LOCAL TIME ZONE (local true) or t WITHOUT TIME ZONE. */
AstType parse_mk_type_tz(ParseCtx *c, AstType t, Token kw, bool local);

/* Statement pieces. */
Stmt *parse_mk_create_head(ParseCtx *c, Token create, bool is_stream, bool if_not_exists,
                           Token name);
/* Column constraints: PRIMARY KEY, then NOT ENFORCED right after it. */
ColCons parse_colcons_pk(ParseCtx *c, ColCons cons, Token kw);
ColCons parse_colcons_not_enforced(ParseCtx *c, ColCons cons, Token kw);
void parse_add_column(ParseCtx *c, Token name, AstType type, ColCons cons);
void parse_add_watermark(ParseCtx *c, Token kw, Token col, Expr *e);
void parse_add_primary_key(ParseCtx *c, Token kw, NameList cols);
WithList parse_with_add(ParseCtx *c, WithList l, Token key, const char *key_text, Token value);
/* Appends an identifier token's name to l. */
NameList parse_names_add(ParseCtx *c, NameList l, Token name);
SelectItems parse_items_add(ParseCtx *c, SelectItems l, Expr *e, Token alias);
FromItem *parse_mk_from_table(ParseCtx *c, Token name, Token alias);
FromItem *parse_mk_from_tvf(ParseCtx *c, Token kw, Token fn, Token table, Token descriptor,
                            ExprList args, Token alias);
/* The named form: fn(DATA => TABLE t, TIMECOL => DESCRIPTOR(c), NAME => e, ...);
 * the NAME => e arguments are put in fn's positional order. */
FromItem *parse_mk_from_tvf_named(ParseCtx *c, Token kw, Token fn, Token data_kw, Token table,
                                  Token timecol_kw, Token descriptor, TvfNamedArgs args,
                                  Token alias);
TvfNamedArgs parse_tvf_named_add(ParseCtx *c, TvfNamedArgs l, Token name, Expr *e);
Select *parse_mk_select(ParseCtx *c, Token kw, bool distinct, SelectItems items, FromItem *from,
                        Expr *where, GroupBy group_by, Expr *having, EmitClause emit);
Stmt *parse_mk_insert(ParseCtx *c, Token kw, Token name, NameList cols, Select *sel);
/* Appends a parsed statement to the program. */
void parse_add_stmt(ParseCtx *c, Stmt *s);

#endif

/* ast.h - the syntax tree that grammar/sql.y builds.
 *
 * The AST is purely syntactic: names are unresolved strings, types are as
 * written. bind.c resolves it against the catalog into typed plans. All
 * nodes and strings live in the compilation's Arena. Identifiers are stored
 * as written for quoted (`x`) identifiers and as written for bare ones too;
 * name comparison is case-insensitive everywhere (Flink is case-sensitive,
 * but insensitive matching loses nothing for programs that compile in Flink
 * and removes a whole class of user errors). */
#ifndef SLUICE_AST_H
#define SLUICE_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"

/* ---- types as written ------------------------------------------------ */

/* SQL type kinds, shared by the AST (as written) and the binder (as
 * inferred). Order matters: numeric kinds are ordered by widening. */
typedef enum TypeKind {
    TY_UNKNOWN = 0, /* not yet inferred */
    TY_NULL,        /* the type of a bare NULL literal */
    TY_BOOLEAN,
    TY_TINYINT,
    TY_SMALLINT,
    TY_INT,
    TY_BIGINT,
    TY_FLOAT,
    TY_DOUBLE,
    TY_DECIMAL,
    TY_VARCHAR,
    TY_DATE,
    TY_TIME,
    TY_TIMESTAMP, /* TIMESTAMP(p): milliseconds since the epoch, UTC */
    TY_INTERVAL,  /* day-time interval, milliseconds */
} TypeKind;

/* A type as written in DDL or CAST: `VARCHAR(20)`, `TIMESTAMP(3)`,
 * `DECIMAL(10, 2)`. precision/scale are -1 when not written. */
typedef struct AstType {
    TypeKind kind;
    int precision;
    int scale;
    SrcPos pos;
} AstType;

/* ---- expressions ----------------------------------------------------- */

typedef enum ExprKind {
    EX_NULL,   /* NULL */
    EX_BOOL,   /* TRUE / FALSE: u.bval */
    EX_INT,    /* integer literal that fits int64: u.ival */
    EX_FLOAT,  /* literal with '.' or exponent: u.fval (text kept in u.text for exact DECIMAL later)
                */
    EX_STRING, /* 'text' with '' unescaped: u.str */
    EX_INTERVAL,  /* INTERVAL 'n' UNIT: u.interval_ms (already in milliseconds) */
    EX_TIMESTAMP, /* TIMESTAMP 'yyyy-mm-dd hh:mm:ss[.fff]': u.str as written */
    EX_COLUMN,    /* [qualifier.]name: u.col */
    EX_STAR,      /* * or qualifier.* in a select list: u.col.qualifier may be NULL */
    EX_UNARY,     /* u.unary */
    EX_BINARY,    /* u.binary */
    EX_IS_NULL,   /* x IS [NOT] NULL: u.is_null */
    EX_BETWEEN,   /* x [NOT] BETWEEN lo AND hi: u.between */
    EX_IN,        /* x [NOT] IN (a, b, ...): u.in */
    EX_LIKE,      /* x [NOT] LIKE pattern [ESCAPE e]: u.like */
    EX_CASE,      /* CASE [operand] WHEN .. THEN .. [ELSE ..] END: u.case_ */
    EX_CAST,      /* CAST(x AS type): u.cast */
    EX_CALL,      /* name([DISTINCT] args) or name(*): u.call */
} ExprKind;

typedef enum UnaryOp { UOP_NEG, UOP_PLUS, UOP_NOT } UnaryOp;

typedef enum BinaryOp {
    BOP_ADD,
    BOP_SUB,
    BOP_MUL,
    BOP_DIV,
    BOP_MOD,
    BOP_EQ,
    BOP_NE,
    BOP_LT,
    BOP_LE,
    BOP_GT,
    BOP_GE,
    BOP_AND,
    BOP_OR,
    BOP_CONCAT, /* || */
} BinaryOp;

typedef struct Expr Expr;

/* A list of expressions (arena-allocated array). */
typedef struct ExprList {
    Expr **v;
    int n;
} ExprList;

typedef struct CaseWhen {
    Expr *when;
    Expr *then;
} CaseWhen;

struct Expr {
    ExprKind kind;
    SrcPos pos; /* where the expression starts (for an operator: the operator token) */
    union {
        bool bval;
        int64_t ival;
        struct {
            double fval;
            const char *text;
        } num;
        const char *str;
        int64_t interval_ms;
        struct {
            const char *qualifier;
            const char *name;
        } col;
        struct {
            UnaryOp op;
            Expr *x;
        } unary;
        struct {
            BinaryOp op;
            Expr *l, *r;
        } binary;
        struct {
            Expr *x;
            bool negated;
        } is_null;
        struct {
            Expr *x, *lo, *hi;
            bool negated;
        } between;
        struct {
            Expr *x;
            ExprList list;
            bool negated;
        } in;
        struct {
            Expr *x, *pattern, *escape;
            bool negated;
        } like;
        struct {
            Expr *operand;
            CaseWhen *whens;
            int n_whens;
            Expr *else_;
        } case_;
        struct {
            Expr *x;
            AstType type;
        } cast;
        struct {
            const char *name;
            ExprList args;
            bool star;
            bool distinct;
        } call;
    } u;
    /* Height of the tree rooted here (a leaf is 1). The parser rejects
     * expressions higher than PARSE_MAX_DEPTH, so recursive passes over
     * parsed expressions are bounded; 0 in nodes built outside the parser. */
    int height;
};

/* ---- queries ----------------------------------------------------------- */

typedef struct SelectItem {
    Expr *expr;        /* EX_STAR for * */
    const char *alias; /* NULL when not written */
    SrcPos alias_pos;
} SelectItem;

typedef enum FromKind {
    FROM_TABLE, /* name [[AS] alias] */
    FROM_TVF,   /* TABLE(TUMBLE(TABLE name, DESCRIPTOR(col), INTERVAL ..., ...)) [[AS] alias] */
} FromKind;

typedef struct FromItem {
    FromKind kind;
    SrcPos pos;
    const char *table; /* the table name (for FROM_TVF: the TABLE argument) */
    SrcPos table_pos;
    const char *alias; /* NULL when not written */
    /* FROM_TVF only: */
    const char *tvf; /* "TUMBLE", "HOP", "SESSION", "CUMULATE" as written */
    SrcPos tvf_pos;
    const char *descriptor; /* the DESCRIPTOR(col) column */
    SrcPos descriptor_pos;
    ExprList tvf_args; /* remaining arguments, e.g. the INTERVAL size [, offset] */
} FromItem;

typedef enum EmitMode { EMIT_DEFAULT, EMIT_CHANGES, EMIT_FINAL } EmitMode;

typedef struct Select {
    SrcPos pos; /* the SELECT keyword */
    bool distinct;
    SelectItem *items;
    int n_items;
    FromItem *from; /* exactly one source in v0 */
    Expr *where;    /* NULL when absent */
    ExprList group_by;
    SrcPos group_by_pos;
    Expr *having; /* NULL when absent */
    EmitMode emit;
    SrcPos emit_pos;
} Select;

/* ---- statements ------------------------------------------------------ */

typedef struct ColumnDef {
    const char *name;
    SrcPos pos;
    AstType type;
    bool not_null;
} ColumnDef;

/* WITH ('key' = 'value', ...) or ksqlDB's WITH (key = 'value', ...): keys are
 * stored as written without quotes; values unquoted. */
typedef struct WithOption {
    const char *key;
    const char *value;
    SrcPos key_pos;
    SrcPos value_pos;
} WithOption;

typedef enum StmtKind {
    ST_CREATE_TABLE, /* CREATE TABLE|STREAM name (cols...) WITH (...) */
    ST_CREATE_AS,    /* CREATE TABLE|STREAM name [WITH (...)] AS SELECT ... */
    ST_INSERT,       /* INSERT INTO name [(cols)] SELECT ... */
} StmtKind;

typedef struct Stmt {
    StmtKind kind;
    SrcPos pos;       /* the first token of the statement */
    const char *name; /* table/stream created, or INSERT target */
    SrcPos name_pos;
    bool is_stream; /* CREATE STREAM (ksqlDB) rather than CREATE TABLE */
    bool if_not_exists;
    /* ST_CREATE_TABLE */
    ColumnDef *cols;
    int n_cols;
    const char *wm_column; /* WATERMARK FOR col AS expr; NULL if none */
    SrcPos wm_pos;
    Expr *wm_expr;
    const char **pk_cols; /* PRIMARY KEY (a, b) [NOT ENFORCED] */
    int n_pk_cols;
    SrcPos pk_pos;
    /* ST_CREATE_TABLE and ST_CREATE_AS */
    WithOption *with;
    int n_with;
    /* ST_INSERT: optional column list */
    const char **insert_cols;
    int n_insert_cols;
    /* ST_CREATE_AS and ST_INSERT */
    Select *select;
} Stmt;

/* A parsed file: its statements in order. */
typedef struct Program {
    Stmt **stmts;
    int n_stmts;
} Program;

/* Helpers for the grammar's actions: allocate a node of `kind` at pos,
 * zero-filled, in arena a. */
Expr *ast_expr(Arena *a, ExprKind kind, SrcPos pos);

/* Appends e to list l (growing in arena a). */
void ast_list_push(Arena *a, ExprList *l, Expr *e);

/* The SQL name of a type kind as written, without parameters ("BIGINT",
 * "TIMESTAMP", "DECIMAL"). Never NULL. */
const char *ast_type_name(TypeKind k);

/* ---- text -------------------------------------------------------------
 * Names and string literals from quoted tokens are stored as NUL-terminated
 * "text": valid UTF-8 (the parser rejects anything else) in which U+0000 is
 * written as the two bytes C0 80, as Java's modified UTF-8 does. Flink
 * accepts any character in a quoted identifier, NUL included; this form
 * lets the whole compiler keep using C strings for them. Where the exact
 * bytes matter (a JSON key, a VARCHAR literal's value), ast_text_bytes gives
 * them back. Valid UTF-8 never contains C0 80, so the mapping is one-to-one. */

/* The exact bytes of text s (C0 80 back to NUL), NUL-terminated, in *n
 * bytes; s itself when it holds no NUL. */
const char *ast_text_bytes(Arena *a, const char *s, size_t *n);

/* True when text s holds a U+0000 character. */
bool ast_text_has_nul(const char *s);

/* Debug printer: writes a compact S-expression of e (used by parser unit
 * tests to assert tree shapes, e.g. "(+ 1 (* 2 3))"). Returns an arena string. */
const char *ast_expr_sexp(Arena *a, const Expr *e);

#endif

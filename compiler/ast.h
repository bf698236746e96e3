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
    EX_INTERVAL,    /* INTERVAL 'n' UNIT: u.interval_ms (already in milliseconds) */
    EX_TIMESTAMP,   /* TIMESTAMP 'yyyy-mm-dd hh:mm:ss[.fff]': u.str as written */
    EX_TYPED_LIT,   /* DATE '...' / TIME '...' / other TYPE 'text': u.typed (binder decides) */
    EX_COLUMN,      /* [qualifier.]name: u.col */
    EX_STAR,        /* * or qualifier.* in a select list: u.col.qualifier may be NULL */
    EX_UNARY,       /* u.unary */
    EX_BINARY,      /* u.binary */
    EX_IS_NULL,     /* x IS [NOT] NULL: u.is_null */
    EX_IS_BOOL,     /* x IS [NOT] TRUE|FALSE|UNKNOWN: u.is_bool */
    EX_IS_DISTINCT, /* x IS [NOT] DISTINCT FROM y: u.binary (op unused), u.is_null.negated no */
    EX_BETWEEN,     /* x [NOT] BETWEEN lo AND hi: u.between */
    EX_IN,          /* x [NOT] IN (a, b, ...): u.in */
    EX_IN_QUERY,    /* x [NOT] IN (query): u.subq (x in u.subq.x) */
    EX_EXISTS,      /* [NOT] EXISTS (query): u.subq */
    EX_SUBQUERY,    /* (query) as a scalar value: u.subq */
    EX_QUANTIFIED,  /* x op ANY|SOME|ALL (query): u.subq with op and all */
    EX_LIKE,        /* x [NOT] LIKE pattern [ESCAPE e]: u.like */
    EX_CASE,        /* CASE [operand] WHEN .. THEN .. [ELSE ..] END: u.case_ */
    EX_CAST,        /* CAST(x AS type) / TRY_CAST(x AS type): u.cast */
    EX_CALL,        /* name([DISTINCT] args) [WITHIN GROUP (...)] [FILTER (WHERE ..)] [OVER ..]:
                     * u.call */
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
typedef struct QueryExpr QueryExpr;
typedef struct WindowDef WindowDef;

/* A list of expressions (arena-allocated array). */
typedef struct ExprList {
    Expr **v;
    int n;
} ExprList;

typedef struct CaseWhen {
    Expr *when;
    Expr *then;
} CaseWhen;

/* One ORDER BY item: expr [ASC|DESC] [NULLS FIRST|LAST]. */
typedef enum NullsOrder { NULLS_DEFAULT, NULLS_FIRST, NULLS_LAST } NullsOrder;
typedef struct OrderItem {
    Expr *e;
    bool desc;
    NullsOrder nulls;
    SrcPos pos;
} OrderItem;

typedef struct OrderList {
    OrderItem *v;
    int n;
} OrderList;

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
            const char *type; /* the type name as written: DATE, TIME, ... */
            const char *text; /* the string */
        } typed;
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
            bool negated; /* EX_IS_DISTINCT: IS NOT DISTINCT FROM */
        } binary;
        struct {
            Expr *x;
            bool negated;
        } is_null;
        struct {
            Expr *x;
            int what; /* 1 TRUE, 0 FALSE, -1 UNKNOWN */
            bool negated;
        } is_bool;
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
            Expr *x;      /* EX_IN_QUERY, EX_QUANTIFIED: the left operand */
            QueryExpr *q; /* the subquery */
            bool negated; /* NOT IN, NOT EXISTS */
            BinaryOp op;  /* EX_QUANTIFIED: the comparison */
            bool all;     /* EX_QUANTIFIED: ALL (else ANY/SOME) */
        } subq;
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
            bool try_; /* TRY_CAST */
        } cast;
        struct {
            const char *name;
            ExprList args;
            bool star;
            bool distinct;
            Expr *filter;      /* FILTER (WHERE cond), or NULL */
            SrcPos filter_pos; /* the FILTER keyword */
            OrderList within;  /* WITHIN GROUP (ORDER BY ...): n == 0 when absent */
            SrcPos within_pos;
            WindowDef *over; /* OVER (...) or OVER name, or NULL */
        } call;
    } u;
    /* Height of the tree rooted here (a leaf is 1; a subquery counts with
     * its QueryExpr.height; a call's WITHIN GROUP, FILTER and OVER parts
     * count too). The parser rejects expressions higher than
     * PARSE_MAX_DEPTH, so recursive passes over parsed expressions are
     * bounded; 0 in nodes built outside the parser. */
    int height;
};

/* ---- OVER windows ------------------------------------------------------ */

/* A frame bound: UNBOUNDED PRECEDING, n PRECEDING, CURRENT ROW, n FOLLOWING,
 * UNBOUNDED FOLLOWING (n an expression: a row count or an INTERVAL). */
typedef enum FrameBoundKind {
    FB_UNBOUNDED_PRECEDING,
    FB_PRECEDING,
    FB_CURRENT_ROW,
    FB_FOLLOWING,
    FB_UNBOUNDED_FOLLOWING,
} FrameBoundKind;

typedef struct FrameBound {
    FrameBoundKind kind;
    Expr *n; /* FB_PRECEDING / FB_FOLLOWING */
} FrameBound;

/* OVER (...) / WINDOW name AS (...): [base] [PARTITION BY ...] [ORDER BY ...]
 * [ROWS|RANGE BETWEEN lo AND hi | ROWS|RANGE lo]. `ref` alone is OVER name. */
struct WindowDef {
    SrcPos pos;       /* OVER, or the name of WINDOW name AS (...) */
    const char *name; /* WINDOW name AS (...): the name being defined */
    const char *ref;  /* OVER name, or the base window inside (...) */
    ExprList partition;
    OrderList order;
    bool has_frame;
    bool rows; /* ROWS (else RANGE) */
    FrameBound lo, hi;
};

/* ---- queries ----------------------------------------------------------- */

typedef struct SelectItem {
    Expr *expr;        /* EX_STAR for * */
    const char *alias; /* NULL when not written */
    SrcPos alias_pos;
} SelectItem;

typedef enum FromKind {
    FROM_TABLE,    /* name [FOR SYSTEM_TIME AS OF expr] [[AS] alias [(cols)]] */
    FROM_TVF,      /* TABLE(fn(TABLE name [PARTITION BY ...], DESCRIPTOR(col), args...)) */
    FROM_SUBQUERY, /* (query) [[AS] alias [(cols)]] */
    FROM_JOIN,     /* left [NATURAL] [INNER|LEFT|RIGHT|FULL [OUTER]|CROSS] JOIN right [ON|USING]
                    * and the comma join (FROM a, b is JOIN_CROSS with comma set) */
    FROM_LATERAL,  /* LATERAL TABLE(fn(args)) or LATERAL (query), with alias */
    FROM_UNNEST,   /* UNNEST(exprs) [WITH ORDINALITY], with alias */
    FROM_TABLE_FN, /* TABLE(fn(args)) that is not a window TVF */
    FROM_MATCH_RECOGNIZE, /* input MATCH_RECOGNIZE (...): left = input */
    FROM_VALUES,          /* (VALUES ...) is FROM_SUBQUERY; this is kept for symmetry, unused */
} FromKind;

typedef enum JoinKind { JOIN_INNER, JOIN_LEFT, JOIN_RIGHT, JOIN_FULL, JOIN_CROSS } JoinKind;

/* One argument of a table function call in FROM: an expression, TABLE name
 * [PARTITION BY cols], or DESCRIPTOR(cols); optionally named (NAME => ...). */
typedef enum TvfArgKind { TVFA_EXPR, TVFA_TABLE, TVFA_DESCRIPTOR } TvfArgKind;
typedef struct TvfArg {
    TvfArgKind kind;
    SrcPos pos;       /* where the value starts: TABLE, DESCRIPTOR, the expression */
    const char *name; /* NAME => ..., or NULL */
    SrcPos name_pos;
    Expr *e;           /* TVFA_EXPR */
    const char *table; /* TVFA_TABLE */
    SrcPos table_pos;
    ExprList partition; /* TVFA_TABLE: PARTITION BY (columns as EX_COLUMN) */
    const char **cols;  /* TVFA_DESCRIPTOR */
    int n_cols;
    SrcPos col_pos; /* TVFA_DESCRIPTOR: the first column */
} TvfArg;

typedef struct FromItem FromItem;
struct FromItem {
    FromKind kind;
    SrcPos pos;
    const char *alias; /* NULL when not written */
    SrcPos alias_pos;
    const char **col_aliases; /* AS t(a, b): n_col_aliases names */
    int n_col_aliases;
    /* FROM_TABLE: the table; FROM_TVF: the TABLE argument's table */
    const char *table;
    SrcPos table_pos;
    Expr *as_of;      /* FROM_TABLE: FOR SYSTEM_TIME AS OF expr (temporal join), or NULL */
    SrcPos as_of_pos; /* the FOR keyword */
    /* FROM_TVF: the window function as written, its DESCRIPTOR column, the
     * other arguments in positional order (named ones reordered by the
     * parser), and SESSION's PARTITION BY columns */
    const char *tvf;
    SrcPos tvf_pos;
    const char *descriptor;
    SrcPos descriptor_pos;
    ExprList tvf_args;
    ExprList partition;
    /* FROM_TVF, FROM_TABLE_FN: every argument as written (names, TABLE,
     * DESCRIPTOR), from which the fields above are derived */
    TvfArg *targs;
    int n_targs;
    /* FROM_TABLE_FN, FROM_LATERAL (TABLE form): the call (EX_CALL) */
    Expr *call;
    /* FROM_SUBQUERY, FROM_LATERAL (subquery form): the query */
    QueryExpr *query;
    /* FROM_JOIN */
    JoinKind join;
    bool natural;
    bool comma; /* FROM a, b */
    FromItem *left, *right;
    Expr *on;            /* ON condition, or NULL */
    const char **using_; /* USING (cols) */
    int n_using;
    /* FROM_UNNEST */
    ExprList unnest;
    bool ordinality;
    /* FROM_MATCH_RECOGNIZE: the input is `left`; the clause is only parsed */
    SrcPos mr_pos;
    /* Height of the FROM tree rooted here, subqueries and expressions
     * included (see QueryExpr.height); 0 outside the parser. */
    int height;
};

/* ksqlDB's WINDOW clause after FROM: TUMBLING (SIZE n unit [, RETENTION ..]
 * [, GRACE PERIOD g]), HOPPING (SIZE n, ADVANCE BY m [, ...]), SESSION (n unit
 * [, ...]). Durations in milliseconds; -1 when not written. */
typedef enum KsqlWindowKind { KW_TUMBLING, KW_HOPPING, KW_SESSION } KsqlWindowKind;
typedef struct KsqlWindow {
    KsqlWindowKind kind;
    SrcPos pos;
    int64_t size_ms;    /* TUMBLING, HOPPING: SIZE; SESSION: the gap */
    int64_t advance_ms; /* HOPPING: ADVANCE BY */
    int64_t grace_ms;   /* GRACE PERIOD, or -1 */
    SrcPos grace_pos;
    int64_t retention_ms; /* RETENTION, or -1 */
} KsqlWindow;

/* One item of GROUP BY: an expression, GROUPING SETS (...), ROLLUP (...),
 * CUBE (...) or the empty set (). The lists of GROUPING SETS / ROLLUP /
 * CUBE hold one ExprList per element (a parenthesized list or a single
 * expression; () is an empty list). */
typedef enum GroupItemKind {
    GI_EXPR,
    GI_GROUPING_SETS,
    GI_ROLLUP,
    GI_CUBE,
    GI_EMPTY
} GroupItemKind;
typedef struct GroupItem {
    GroupItemKind kind;
    SrcPos pos;
    Expr *e; /* GI_EXPR */
    ExprList *sets;
    int n_sets;
} GroupItem;

typedef enum EmitMode { EMIT_DEFAULT, EMIT_CHANGES, EMIT_FINAL } EmitMode;

typedef struct Select {
    SrcPos pos; /* the SELECT keyword */
    bool distinct;
    SrcPos distinct_pos;
    SelectItem *items;
    int n_items;
    FromItem *from;      /* NULL when there is no FROM */
    KsqlWindow *kwindow; /* ksqlDB WINDOW TUMBLING|HOPPING|SESSION (...), or NULL */
    Expr *where;         /* NULL when absent */
    GroupItem *group_by; /* GROUP BY items */
    int n_group_by;
    SrcPos group_by_pos;
    Expr *having;        /* NULL when absent */
    WindowDef **windows; /* WINDOW name AS (...), ... */
    int n_windows;
    Expr *qualify;      /* QUALIFY cond, or NULL */
    SrcPos qualify_pos; /* the QUALIFY keyword */
    EmitMode emit;
    SrcPos emit_pos;
} Select;

/* A WITH list entry: name [(cols)] AS (query). */
typedef struct Cte {
    const char *name;
    SrcPos pos;
    const char **cols;
    int n_cols;
    QueryExpr *query;
} Cte;

typedef enum QueryKind {
    QK_SELECT, /* select */
    QK_SETOP,  /* l UNION|INTERSECT|EXCEPT [ALL|DISTINCT] r */
    QK_VALUES, /* VALUES (row), (row), ... */
    QK_PAREN,  /* "(q) ORDER BY ..." where q has its own WITH, ORDER BY, LIMIT
                * or OFFSET: q in l, the outer ones on this node. Parentheses
                * are otherwise not kept (the tree shape says it all). */
} QueryKind;

typedef enum SetOpKind { SETOP_UNION, SETOP_INTERSECT, SETOP_EXCEPT } SetOpKind;

/* A query expression: [WITH ctes] body [ORDER BY ...] [LIMIT n] [OFFSET m]
 * [FETCH FIRST n ROWS ONLY]. */
struct QueryExpr {
    QueryKind kind;
    SrcPos pos; /* SELECT, VALUES or WITH (not an enclosing '('); a set operation: its left
                 * operand's */
    Cte *ctes;  /* WITH ..., on the query it is written on */
    int n_ctes;
    Select *select; /* QK_SELECT */
    /* QK_SETOP */
    SetOpKind op;
    bool all;
    SrcPos op_pos;
    QueryExpr *l, *r;
    /* QK_VALUES: n_rows rows of expressions */
    ExprList *rows;
    int n_rows;
    OrderList order; /* ORDER BY (n == 0: none) */
    SrcPos order_pos;
    Expr *limit;       /* LIMIT n / FETCH FIRST n ROWS ONLY, or NULL (also LIMIT ALL) */
    Expr *offset;      /* OFFSET n, or NULL */
    SrcPos limit_pos;  /* LIMIT or FETCH (line 0 when absent) */
    SrcPos offset_pos; /* OFFSET (line 0 when absent) */
    /* Height of the tree rooted here: expressions, FROM items and nested
     * queries included, one level per set operation, join and subquery. The
     * parser rejects queries higher than PARSE_MAX_DEPTH, so a pass that
     * recurses through queries and their expressions is bounded; 0 in nodes
     * built outside the parser. */
    int height;
};

/* ---- statements ------------------------------------------------------ */

typedef struct ColumnDef {
    const char *name;
    SrcPos pos;
    AstType type;
    bool not_null;
    /* Flink metadata and computed columns: `name type METADATA [FROM 'key']
     * [VIRTUAL]` and `name AS expr`; only parsed (the binder says not yet) */
    bool metadata;
    Expr *computed;
    const char *metadata_key; /* METADATA FROM 'key', or NULL */
    bool metadata_virtual;    /* METADATA ... VIRTUAL */
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
    ST_CREATE_TABLE,  /* CREATE TABLE|STREAM name (cols...) WITH (...) */
    ST_CREATE_AS,     /* CREATE TABLE|STREAM name [WITH (...)] AS query */
    ST_CREATE_VIEW,   /* CREATE [TEMPORARY] VIEW [IF NOT EXISTS] name [(cols)] AS query */
    ST_INSERT,        /* INSERT INTO name [(cols)] query */
    ST_QUERY,         /* a bare query: its rows go to stdout (Flink SQL client) */
    ST_SET,           /* SET 'key' = 'value' (key in name, value in set_value) */
    ST_RESET,         /* RESET ['key'] */
    ST_STATEMENT_SET, /* EXECUTE STATEMENT SET BEGIN insert; ... END: sub-statements */
    ST_BEGIN_SET,     /* BEGIN STATEMENT SET (the Flink 1.13 client form; no-op marker) */
    ST_END,           /* END (closes BEGIN STATEMENT SET) */
} StmtKind;

typedef struct Stmt Stmt;
struct Stmt {
    StmtKind kind;
    SrcPos pos;       /* the first token of the statement */
    const char *name; /* table/stream/view created, INSERT target, SET key */
    SrcPos name_pos;
    bool is_stream; /* CREATE STREAM (ksqlDB) rather than CREATE TABLE */
    bool if_not_exists;
    bool temporary; /* CREATE TEMPORARY TABLE|VIEW */
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
    /* ST_INSERT: optional column list; ST_CREATE_VIEW: optional column names */
    const char **insert_cols;
    int n_insert_cols;
    bool overwrite; /* INSERT OVERWRITE */
    /* ST_CREATE_AS, ST_CREATE_VIEW, ST_INSERT, ST_QUERY */
    QueryExpr *query;
    /* ST_SET: the value (name holds the key) */
    const char *set_value;
    SrcPos set_value_pos;
    /* ST_STATEMENT_SET */
    Stmt **body;
    int n_body;
};

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

/* bind_internal.h - private declarations shared by the binder's modules
 * (docs/architecture.md, "Binding"):
 *
 *   bind.c    statements: DDL into the catalog, views, INSERT, CREATE ... AS,
 *             bare queries, SET, statement sets; sinks and their checks
 *   scope.c   name resolution in nested scopes (FROM items with aliases,
 *             subqueries, CTEs, views)
 *   bexpr.c   expression typing (Flink/Calcite type rules, NULL logic)
 *   select.c  query expressions to operators: FROM items, window TVFs,
 *             WHERE, aggregation (windows of every syntax, grouping sets),
 *             SELECT lists, DISTINCT, UNION ALL
 *
 * Nothing outside the binder includes it. */
#ifndef SLUICE_BIND_INTERNAL_H
#define SLUICE_BIND_INTERNAL_H

#include "catalog.h"
#include "hmap.h"
#include "plan.h"

typedef struct AggCtx AggCtx;

/* A WITH entry in scope while the query it belongs to is bound. */
typedef struct CteScope {
    View **ctes;
    int n_ctes;
    struct CteScope *outer;
} CteScope;

/* The binder's state for one program. */
typedef struct Binder {
    Arena *a;
    Diag *d;
    Plan *plan;
    Options opts;      /* SET options in force for the statement being bound */
    CteScope *ctes;    /* innermost WITH first */
    const char *label; /* the view or statement being bound, for explain */
    int n_queries;     /* bare SELECT statements so far (their sinks are query1, ...) */
    int stmt;          /* the number of the statement being bound */
} Binder;

/* One relation of a FROM clause: columns [first, first + n) of the scope's
 * row, reachable by `qual` (its alias, or its name) and by `name` (the
 * table's own name, accepted too when an alias is given). */
typedef struct ScopeRel {
    const char *qual;
    const char *name;
    int first;
    int n;
} ScopeRel;

/* The names an expression can use: the columns of one operator's output
 * row, grouped into relations. */
typedef struct Scope {
    Op *in;
    ScopeRel *rels;
    int n_rels;
    bool *hidden; /* per column of `in`: not reachable by name (implicit window bounds) */
    HMap names;   /* column positions by hmap_hash_name (built by scope_index) */
    bool indexed;
    const char *clause; /* "WHERE", "SELECT", ... for messages */
    AggCtx *agg;        /* aggregate context (SELECT/HAVING of a grouped query), or NULL */
    bool win_cols;      /* the row has window_start/window_end/window_time (a window TVF) */
} Scope;

/* Appends x to the arena array arr of length n. */
#define PUSH(a, arr, n, x) ARENA_PUSH(a, arr, n, x)

#define FAIL_NULL(x)                                                                               \
    do {                                                                                           \
        if (!(x)) return NULL;                                                                     \
    } while (0)

/* ---- scope.c ---- */

/* A scope over op's row with one relation (qualifier qual, table name name). */
Scope *scope_new(Binder *b, Op *op, const char *qual, const char *name);
/* Resolves a column reference (EX_COLUMN) to BX_COL over s->in, or
 * reports (unknown column with did-you-mean, unknown qualifier, ambiguous
 * name) and returns NULL. */
BExpr *scope_column(Binder *b, Scope *s, const Expr *e);
/* The column of s named `name` (case-insensitive, visible, unqualified), or
 * -1; -2 when two relations have it. */
int scope_find(Binder *b, Scope *s, const char *name);
/* True when qual names a relation of s. */
bool scope_has_qual(const Scope *s, const char *qual);
/* The display name of the scope for messages: the single relation's name,
 * or "the FROM clause". */
const char *scope_what(const Scope *s);

/* ---- bexpr.c ---- */

BExpr *bx_new(Binder *b, BExprKind kind, TypeKind ty, bool nullable, SrcPos pos, int n_args);
BExpr *bx_col(Binder *b, const Op *op, int index, SrcPos pos);
BExpr *bx_lit_int(Binder *b, TypeKind ty, int64_t v, SrcPos pos);
BExpr *bx_null(Binder *b, TypeKind ty, SrcPos pos);
bool is_int_kind(TypeKind k);
bool is_numeric(TypeKind k);
TypeKind numeric_join(TypeKind x, TypeKind y);
/* Common type of x and y for comparison, CASE, COALESCE, IN, UNION;
 * TY_UNKNOWN when there is none. TY_NULL joins with anything. */
TypeKind common_type(TypeKind x, TypeKind y);
/* Wraps e in a cast to kind (no-op when it already has that kind). */
BExpr *coerce(Binder *b, BExpr *e, TypeKind kind);
/* CAST(x AS to), checked; reports and returns NULL when not allowed. */
BExpr *make_cast(Binder *b, BExpr *x, TypeKind to, SrcPos pos);
bool cast_allowed(TypeKind from, TypeKind to);
/* Binds e in scope s: row context, or aggregate context when s->agg is
 * set (select.c's sel_bind_agg handles aggregate calls and group keys). */
BExpr *bexpr_bind(Binder *b, Scope *s, const Expr *e);
/* Binds e in row context even inside an aggregate context. */
BExpr *bexpr_bind_row(Binder *b, Scope *s, const Expr *e);
/* Binds one node whose children bind through bexpr_bind (for the
 * aggregate context's structural recursion). */
BExpr *bexpr_bind_node(Binder *b, Scope *s, const Expr *e);
/* A WHERE/HAVING/ON condition: must be BOOLEAN (or NULL). */
BExpr *bexpr_condition(Binder *b, Scope *s, const Expr *e);
/* A constant INTERVAL argument (window sizes, lateness), in ms, or reports
 * `what` must be a constant INTERVAL and returns false. */
bool bexpr_const_interval(Binder *b, Scope *s, const Expr *e, const char *what, int64_t *ms);
/* Does the expression contain an aggregate call (outside subqueries)? */
bool expr_has_agg(const Expr *e);
/* The first aggregate call in e (pre-order); e must contain one. */
const Expr *expr_first_agg(const Expr *e);
/* Does e or a subexpression (outside subqueries) satisfy pred? */
bool expr_any(const Expr *e, bool (*pred)(void *, const Expr *), void *arg);
/* Is `name` an aggregate function? */
bool is_agg_name(const char *name);
/* The first construct of e that is parsed but not supported yet (a
 * subquery, OVER, ...), reported; false when there was one. */
bool bexpr_check_supported(Binder *b, const Expr *e);

/* ---- select.c ---- */

/* Binds a query expression to an operator whose output columns are the
 * query's (names as Flink derives them). NULL after reporting. */
Op *sel_query(Binder *b, const QueryExpr *q);
/* The aggregate-context hook of bexpr_bind: binds e when it is an
 * aggregate call, a group key, a window pseudo function/column or GROUPING();
 * returns NULL with *handled false when e is none of them. */
BExpr *sel_bind_agg(Binder *b, Scope *s, const Expr *e, bool *handled);
/* The plan of a named view or CTE, bound on first use. */
Op *sel_view(Binder *b, View *v, SrcPos use);
/* A Calc over `in` with the given expressions and names (NULL filter). */
Op *sel_calc(Binder *b, Op *in, BExpr *filter, BExpr **exprs, const char **names, int n,
             SrcPos pos);

/* ---- bind.c ---- */

/* The rows of table t as a statement reads them: its connector's Scan, or,
 * when a statement of the file writes t before, those rows in-process. */
Op *bind_read_table(Binder *b, Table *t, SrcPos use);
/* The declared table closest to `name`, for "did you mean", or NULL. */
const char *bind_suggest_table(Binder *b, const char *name);

#endif

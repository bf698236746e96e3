/* cg.h - private declarations of the code generator (the files of compiler/cg;
 * docs/architecture.md, "Code generation").
 *
 * One generator per physical operator, each emitting the same shape:
 *
 *   opN_row                      its output row (the columns consumers read)
 *   opN_state                    its state, a member `opN` of prog_state
 *   opN_push(ctx, st, k, r)      a row r of change kind k arrives (opN_push_i
 *                                for input i of a Union)
 *   opN_advance(ctx, st, wm)     the watermark of its input advanced: fire
 *                                what is complete, then forward it
 *   opN_save / opN_load          its state to bytes and back
 *
 * Operators are fused by direct calls: a push ends in the consumers'
 * pushes (cg_emit), which the C compiler inlines along the hot path.
 * Expressions compile to straight-line C over temporaries tN (value) and
 * tNn (NULL flag); a NULL flag known to be false is the literal 0. No SQL
 * text reaches the output except through cesc.c. */
#ifndef SLUICE_CG_H
#define SLUICE_CG_H

#include <stdbool.h>
#include <stdio.h>

#include "../cesc.h"
#include "../codegen.h"
#include "../phys.h"

/* A value in generated code: C expressions of the value and its NULL flag
 * ("0" when it cannot be NULL). */
typedef struct Val {
    const char *v;
    const char *n;
} Val;

typedef struct Cg {
    FILE *o;
    Arena *a;
    const Plan *p;
    const PhysPlan *pp;
    int wide_columns; /* rows with this many columns use table-driven code */
    int tmp;          /* next temporary tN */
    int indent;
    /* the row expressions read: its C pointer and its columns */
    const char *row;
    const Field *row_cols;
    /* ty[id]: the operator whose types (row, key, accumulator, entry,
     * group table, window pool, state and their functions) operator id
     * uses: itself, or an earlier operator whose type definitions came out
     * identical (program.c, cg_share_types), so that N copies of one
     * query's shape are compiled once. NULL: every operator its own. */
    int *ty;
} Cg;

/* Output columns / slots per generated function of a wide operator. */
enum { CG_CHUNK = 128 };

/* ---- emit.c: output helpers ---- */

void line(Cg *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void blank(Cg *g);
const char *fmt(Cg *g, const char *f, ...) __attribute__((format(printf, 2, 3)));
const char *new_tmp(Cg *g);
bool is_const0(const char *n);
const char *or_null(Cg *g, const char *a, const char *b);
/* C type of a SQL type kind; its zero value. */
const char *ctype(TypeKind k);
const char *zero(TypeKind k);
bool is32(TypeKind k);
bool int_kind(TypeKind k);
/* SQL text as a C string literal (text form of ast.h / exact bytes) and as
 * comment text. */
const char *cstr(Cg *g, const char *text);
const char *exact_str(Cg *g, const char *s, size_t n);
const char *ccom(Cg *g, const char *text);
/* The JSON text `{"name":` (first) or `,"name":` as a C string literal. */
const char *json_key_lit(Cg *g, const char *name, bool first);
const char *i64_lit(Cg *g, int64_t v);
const char *f64_lit(Cg *g, double d);
/* Declares `T tK = init; bool tKn = n;` and returns them. */
Val decl_tmp(Cg *g, TypeKind k, const char *init, const char *n);
/* The operator id that names op's types (opT_row, opT_key, opT_state,
 * ...): op->id unless op shares an earlier operator's (Cg.ty). Names of
 * op's own functions and state member (opN_push, st->opN) use op->id. */
int cg_ty(const Cg *g, const PhysOp *op);
/* The row type / state of physical operator op. */
const char *row_t(Cg *g, const PhysOp *op);
/* Emits the struct of op's output row: a value (and a NULL flag when the
 * column is nullable, or always when all_flags) per column in keep[]. */
void cg_row_struct(Cg *g, const PhysOp *op, const bool *keep, bool all_flags);
/* Emits calls of every consumer's push with change kind k and row pointer r. */
void cg_emit(Cg *g, const PhysOp *op, const char *k, const char *r);
/* Emits calls of every consumer's advance with watermark wm. */
void cg_forward(Cg *g, const PhysOp *op, const char *wm);
/* Emits the "(void)x;" lines that keep -Wunused-parameter quiet. */
void cg_unused(Cg *g, const char *names);
/* The value / NULL flag of column c of the current row. */
Val cg_col(Cg *g, int c);
/* Hash of a value of kind k into h (C expression). */
const char *hash_expr(Cg *g, TypeKind k, const char *v, const char *h);
/* Key equality of kind k (strings by bytes, doubles with NaN == NaN). */
const char *key_eq(Cg *g, TypeKind k, const char *a, const char *b);

/* ---- expr.c ---- */

Val cg_expr(Cg *g, const BExpr *e);

/* ---- decode.c: sources ---- */

/* The row struct, decoder and (for changelog sources) envelope decoding of
 * scan op; defines srcS_decode. */
void cg_scan_types(Cg *g, const PhysOp *op);
void cg_scan_code(Cg *g, const PhysOp *op);
/* True when the runtime may decode source t's records ahead of the
 * operators, on its reader thread (a file of JSON lines): its scan then
 * has srcN_on_row besides srcN_on_record, and the program decode and
 * on_row (docs/architecture.md, "The runtime seam"). */
bool cg_decodes_ahead(const Table *t);
/* The columns the decoder of t converts (read by the program, or NOT NULL
 * and so validated). */
bool cg_col_decoded(const Table *t, int c);

/* The C expressions of the smallest and largest value of integer type k
 * (BIGINT for every kind that is not a narrower integer); static strings. */
void cg_int_range(TypeKind k, const char **lo, const char **hi);

/* ---- encode.c: sinks ---- */

/* The storage class of type k in templates/sl_wide.h's terms ("SL_ST_I32",
 * "SL_ST_I64", "SL_ST_F64", "SL_ST_BOOL", "SL_ST_STR"); a static string. */
const char *cg_store_of(TypeKind k);

void cg_sink_types(Cg *g, const PhysOp *op);
void cg_sink_code(Cg *g, const PhysOp *op);
/* Does sink op write a retracted row (-U/-D) as the same bytes as the row
 * it retracts (debezium-json, print of a changelog)? Then it has an
 * opN_push_memo that a group aggregation calls with its group's sl_memo
 * (encode.c). */
bool cg_sink_repeats_rows(const PhysOp *op);
/* Does the upsert sink op hold a -U back until the +U of its key (it then
 * has an opN_state and an opN_flush)? */
bool cg_sink_holds_update_before(const PhysOp *op);
/* Emits the statement that writes the -U op holds, if any (the end of a
 * record's or watermark's processing; `ctx` and `st` in scope). */
void cg_sink_flush(Cg *g, const PhysOp *op);
/* Appends column c of row r as a JSON value to buffer b. */
void cg_put_value(Cg *g, TypeKind k, Val v);

/* ---- ops.c: stateless operators ---- */

void cg_calc_types(Cg *g, const PhysOp *op);
void cg_calc_code(Cg *g, const PhysOp *op);
void cg_union_code(Cg *g, const PhysOp *op);
void cg_union_types(Cg *g, const PhysOp *op);
void cg_window_tvf_code(Cg *g, const PhysOp *op);
void cg_watermark_types(Cg *g, const PhysOp *op);
void cg_watermark_code(Cg *g, const PhysOp *op);

/* ---- agg.c: aggregate state shared by the aggregations ---- */

/* A member of an aggregation's entry besides keys and slots (per operator
 * kind: row counts, flags, timestamps); saved and loaded with the entry. */
typedef struct EntryExtra {
    const char *type; /* "int64_t" or "bool" */
    const char *name;
    const char *what; /* its comment */
} EntryExtra;

/* The accumulator struct opN_acc (the slots) of aggregation op with its
 * init/free/heap functions, its key struct opN_key, and the group entry
 * opN_entry (keys, extras, and the accumulator `a` when with_acc; without
 * it the operator defines opN_entry_free_more for its own members) with
 * hash/equality/store/free functions. Statements reach an accumulator
 * through a variable `e` of type opN_acc *. */
void cg_agg_types(Cg *g, const PhysOp *op, const EntryExtra *x, int nx, bool with_acc);
/* The group-table instantiation opN_groups (after cg_agg_types and, for
 * operators without an accumulator in the entry, opN_entry_free_more). */
void cg_agg_table(Cg *g, const PhysOp *op);
/* After the output row struct: opN_out(ctx, ke, e, ws, we, o, copy) (keys
 * from entry ke, results from accumulator e), row equality opN_row_eq,
 * save/load of accumulators and entries, wide update functions. */
void cg_agg_functions(Cg *g, const PhysOp *op, const EntryExtra *x, int nx, bool with_acc);
/* Statements computing the key of input row `r` into `opN_key key` and
 * its hash into `uint64_t h`. */
void cg_agg_key(Cg *g, const PhysOp *op);
/* Declares `opN_acc *e` as the accumulator at lvalue `acc` (e.g.
 * "ent->a"), also when no slot uses it (an aggregation without calls:
 * SELECT DISTINCT). */
void cg_agg_acc(Cg *g, const PhysOp *op, const char *acc);
/* Statements updating the slots of accumulator `e` (opN_acc *) for input
 * row r; neg is a C boolean expression: the row retracts. The caller
 * declares `int64_t *acct`, which gets the change of heap bytes. */
void cg_agg_update(Cg *g, const PhysOp *op, const char *neg);
/* Statements merging accumulator b into accumulator a (sessions: a is the
 * earlier one). */
void cg_agg_merge(Cg *g, const PhysOp *op, const char *a, const char *b);

/* ---- group_agg.c, window_agg.c, session.c, normalize.c ---- */

void cg_group_agg_types(Cg *g, const PhysOp *op);
void cg_group_agg_code(Cg *g, const PhysOp *op);
void cg_window_agg_types(Cg *g, const PhysOp *op);
/* The window struct opN_win (a group table) and its pool opN_pool. */
void cg_window_pool_types(Cg *g, const PhysOp *op);
void cg_hop_panes_types(Cg *g, const PhysOp *op);
void cg_hop_panes_code(Cg *g, const PhysOp *op);
void cg_window_agg_code(Cg *g, const PhysOp *op);
void cg_session_types(Cg *g, const PhysOp *op);
void cg_session_code(Cg *g, const PhysOp *op);
void cg_session_tvf_types(Cg *g, const PhysOp *op);
void cg_session_tvf_code(Cg *g, const PhysOp *op);
void cg_normalize_types(Cg *g, const PhysOp *op);
void cg_normalize_code(Cg *g, const PhysOp *op);

/* ---- program.c ---- */

/* Does op keep state (a member opN of prog_state with save/load)? */
bool cg_stateful(const PhysOp *op);

#endif

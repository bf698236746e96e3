/* phys.h - the physical plan: the operators codegen emits, chosen per
 * logical operator by lower.c (docs/architecture.md, "Lowering").
 *
 * Each physical operator produces the rows of one logical operator (lop:
 * its schema and payload) by one algorithm: an aggregation is append-only
 * or retracting; a window aggregation assigns windows itself (from a time
 * attribute: TUMBLE, HOP, CUMULATE, merging SESSION) or reads window bounds
 * a Window TVF attached to its rows; an upsert source is normalised into a
 * retracting changelog. Everything lives in the compilation's Arena. */
#ifndef SLUICE_PHYS_H
#define SLUICE_PHYS_H

#include <stdio.h>

#include "plan.h"

typedef enum PhysKind {
    PH_SCAN,        /* decode a source's records into rows (+ their change kind) */
    PH_NORMALIZE,   /* upsert stream -> retract stream: the last row per key (ChangelogNormalize) */
    PH_CALC,        /* filter + projection; an Expand with several projections */
    PH_WINDOW_TVF,  /* TUMBLE/HOP/CUMULATE TVF rows: one output row per window of a row */
    PH_SESSION_TVF, /* SESSION TVF rows: held until their session fires */
    PH_WINDOW_AGG,  /* window aggregation */
    PH_GROUP_AGG,   /* aggregation without a window: a changelog keyed by the group */
    PH_UNION,
    PH_WATERMARK, /* a declared WATERMARK over rows produced in the file */
    PH_SINK,
} PhysKind;

/* Where a window aggregation's window bounds come from. */
typedef enum WinAggMode {
    WA_ASSIGN,   /* computed from a time attribute (win) */
    WA_ATTACHED, /* columns of the input (a Window TVF below) */
} WinAggMode;

/* A group key of a window aggregation: an input column, or a bound of the
 * window the operator assigns. */
typedef enum KeyRole { KR_COL, KR_WSTART, KR_WEND, KR_WTIME } KeyRole;

/* State slots of an aggregation: calls share them (AVG(x) reads the SUM(x)
 * and COUNT(x) slots, which a SUM(x) of the same operator reuses). */
typedef enum SlotKind {
    SLOT_COUNT_STAR, /* int64 rows */
    SLOT_COUNT,      /* int64 non-NULL values of arg */
    SLOT_SUM,        /* running sum of arg; NULL while its COUNT slot is 0 */
    SLOT_MIN,        /* min of arg + "has value" (append-only input) */
    SLOT_MAX,
    SLOT_MULTISET, /* sl_vcount of arg: DISTINCT, MIN/MAX over a changelog, percentiles */
    SLOT_WELFORD,  /* sl_welford of arg: STDDEV, VAR */
    SLOT_FIRST,    /* first non-NULL value (append-only input) */
    SLOT_LAST,     /* last non-NULL value (append-only input) */
    SLOT_VLIST,    /* sl_vlist: FIRST/LAST_VALUE over a changelog */
    SLOT_STRLIST,  /* sl_strlist: LISTAGG */
    SLOT_HLL,      /* sl_hll: APPROX_COUNT_DISTINCT */
    SLOT_SKETCH,   /* sl_ddsketch: APPROX_PERCENTILE */
    SLOT_ROWS,     /* sl_rows: the input rows themselves (a SESSION TVF without aggregation) */
} SlotKind;

typedef struct Slot {
    SlotKind kind;
    int arg;        /* input column, -1 for COUNT_STAR */
    int filter;     /* input BOOLEAN column (FILTER (WHERE ...)), or -1 */
    SqlType type;   /* value type stored (the argument's) */
    int count_slot; /* SLOT_SUM: the SLOT_COUNT slot of the same (arg, filter) */
} Slot;

/* How call j of an aggregation reads its result from the slots. */
typedef struct CallSlots {
    int slot;  /* main slot */
    int count; /* AVG, SUM: the COUNT slot */
} CallSlots;

typedef enum WinStrategy {
    WS_WINDOWS,   /* one state per (window, group); a row updates each of its windows */
    WS_SESSION,   /* merging sessions per group */
    WS_HOP_PANES, /* HOP from panes of gcd(slide, size): per group, a two-stacks
                   * queue of the panes in the current window (O(1) amortised
                   * merges per emitted window, whatever size/slide) */
} WinStrategy;

typedef struct PhysOp PhysOp;
struct PhysOp {
    PhysKind kind;
    int id;
    const Op *lop; /* the logical operator this one computes: schema, payload */
    PhysOp **in;
    int n_in;
    PhysOp **out;
    int n_out;
    /* the output (lop's, or a rewritten copy for the Calc of a window
     * aggregation that assigns its own windows) */
    const Field *cols;
    int n_cols;
    ChangeMode mode;
    const bool *used;
    /* PH_CALC: the Calc to compute (lop, or a rewritten copy) */
    const Op *calc;
    /* PH_SCAN, PH_SINK, PH_WATERMARK, PH_NORMALIZE */
    Table *table;
    /* PH_WINDOW_TVF, PH_SESSION_TVF, PH_WINDOW_AGG (assign): the window over
     * the input's columns */
    WindowSpec win;
    /* PH_WINDOW_AGG, PH_GROUP_AGG */
    WinAggMode wmode;
    WinStrategy strat;
    int wstart_col, wend_col; /* WA_ATTACHED: input columns */
    int *keys;                /* KR_COL keys: input column; else unused */
    KeyRole *roles;
    int n_keys;
    const AggCall *calls;
    int n_calls;
    Slot *slots;
    int n_slots;
    CallSlots *call_slots;
    EmitMode emit;
    int64_t lateness;
    int64_t ttl;
    bool retract_in; /* the input is a changelog: aggregates retract */
};

typedef struct PhysPlan {
    PhysOp **ops; /* inputs before consumers */
    int n_ops;
    const Plan *plan;
} PhysPlan;

/* Chooses a physical operator for every logical one (docs/architecture.md,
 * "Lowering"). Never fails: the binder has rejected what cannot run. */
PhysPlan *low_program(Arena *a, const Plan *p);

/* The physical operator's name for explain ("WindowAggregate(HOP)"). */
const char *low_op_name(Arena *a, const PhysOp *op);

/* Prints the logical and physical plans (sluice explain). */
void explain_program(FILE *o, Arena *a, const Plan *p, const PhysPlan *pp);

#endif

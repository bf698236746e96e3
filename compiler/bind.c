/* bind.c - statements (bind_internal.h; docs/architecture.md, "Binding"):
 * CREATE TABLE into the catalog, views, INSERT, CREATE ... AS, bare
 * queries, SET, statement sets; then the program-wide checks that need the
 * whole plan: which sinks can take a changelog, upsert keys, and files a
 * program would both read and write.
 *
 * A table that a statement of the file writes (INSERT INTO, CREATE ... AS)
 * is read by later statements in-process: the rows flow from the writing
 * statements' plans, as they are also written to the table's connector.
 * A table read before any statement writes it is read from its connector. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bind_internal.h"

/* ---- the catalog -------------------------------------------------------------- */

const char *bind_suggest_table(Binder *b, const char *name)
{
    int n = b->plan->cat.n_tables;
    const char **names = arena_alloc(b->a, sizeof(char *) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) names[i] = b->plan->cat.tables[i]->name;
    return diag_suggest(name, names, n);
}

/* A new table named as in st, with n_cols zeroed columns (arena-owned). */
static Table *new_table(Binder *b, const Stmt *st, int n_cols)
{
    Table *t = arena_alloc(b->a, sizeof *t);
    t->name = st->name;
    t->pos = st->name_pos;
    t->is_stream = st->is_stream;
    t->wm_col = -1;
    t->source_index = t->sink_index = -1;
    t->n_cols = n_cols;
    t->cols = arena_alloc(b->a, sizeof(Column) * (size_t)(n_cols ? n_cols : 1));
    t->col_used = arena_alloc(b->a, sizeof(bool) * (size_t)(n_cols ? n_cols : 1));
    return t;
}

/* Is the name taken by a table or a view? Reports at pos. */
static bool name_taken(Binder *b, const char *name, SrcPos pos)
{
    if (cat_find(&b->plan->cat, name)) {
        diag_error(b->d, pos, "table '%s' is already declared", name);
        return true;
    }
    if (cat_find_view(&b->plan->cat, name)) {
        diag_error(b->d, pos, "'%s' is already declared as a view", name);
        return true;
    }
    return false;
}

static void bind_create_table(Binder *b, const Stmt *st)
{
    Catalog *c = &b->plan->cat;
    if (st->if_not_exists && (cat_find(c, st->name) || cat_find_view(c, st->name))) return;
    if (name_taken(b, st->name, st->name_pos)) return;
    Table *t = new_table(b, st, st->n_cols);
    for (int i = 0; i < st->n_cols; i++) {
        const ColumnDef *cd = &st->cols[i];
        if (cd->computed) {
            diag_error(b->d, cd->pos, "computed columns are not supported yet");
            return;
        }
        if (cd->metadata) {
            diag_error(b->d, cd->pos, "metadata columns are not supported yet");
            return;
        }
        t->cols[i].name = cd->name;
        t->cols[i].pos = cd->pos;
        if (cat_index_column(b->a, t, i) >= 0) {
            diag_error(b->d, cd->pos, "column '%s' is declared twice in '%s'", cd->name, t->name);
            return;
        }
        if (!cat_type_supported(b->d, &cd->type, &t->cols[i].type.kind)) return;
        t->cols[i].type.nullable = !cd->not_null;
    }
    if (st->n_pk_cols > 0) {
        t->pk = arena_alloc(b->a, sizeof(int) * (size_t)st->n_pk_cols);
        t->pk_pos = st->pk_pos;
        for (int i = 0; i < st->n_pk_cols; i++) {
            int ci = cat_column(t, st->pk_cols[i]);
            if (ci < 0) {
                diag_error(b->d, st->pk_pos, "unknown column '%s' in PRIMARY KEY of '%s'",
                           st->pk_cols[i], t->name);
                return;
            }
            for (int j = 0; j < t->n_pk; j++)
                if (t->pk[j] == ci) {
                    diag_error(b->d, st->pk_pos, "column '%s' is listed twice in PRIMARY KEY",
                               st->pk_cols[i]);
                    return;
                }
            t->pk[t->n_pk++] = ci;
            /* Flink: primary key columns are NOT NULL */
            t->cols[ci].type.nullable = false;
        }
    }
    if (!cat_apply_options(b->a, b->d, t, st->with, st->n_with)) return;
    if (st->wm_column) {
        int ci = cat_column(t, st->wm_column);
        if (ci < 0) {
            const char **names = arena_alloc(b->a, sizeof(char *) * (size_t)(t->n_cols + 1));
            for (int i = 0; i < t->n_cols; i++) names[i] = t->cols[i].name;
            const char *sug = diag_suggest(st->wm_column, names, t->n_cols);
            if (sug)
                diag_error(b->d, st->wm_pos,
                           "unknown column '%s' in WATERMARK FOR; did you mean '%s'?",
                           st->wm_column, sug);
            else
                diag_error(b->d, st->wm_pos, "unknown column '%s' in WATERMARK FOR", st->wm_column);
            return;
        }
        if (t->cols[ci].type.kind != TY_TIMESTAMP) {
            diag_error(b->d, st->wm_pos,
                       "WATERMARK FOR column '%s' must be TIMESTAMP(3), but it is %s",
                       t->cols[ci].name, type_name(t->cols[ci].type.kind));
            return;
        }
        t->wm_col = ci;
        t->wm_pos = st->wm_pos;
        /* the watermark expression reads the table's row */
        Op *row = arena_alloc(b->a, sizeof *row);
        row->n_cols = t->n_cols;
        row->cols = arena_alloc(b->a, sizeof(Field) * (size_t)(t->n_cols + 1));
        for (int i = 0; i < t->n_cols; i++)
            row->cols[i] = (Field){t->cols[i].name, t->cols[i].type, false};
        Scope *s = scope_new(b, row, t->name, t->name);
        s->clause = "WATERMARK";
        if (!bexpr_check_supported(b, st->wm_expr)) return;
        if (expr_has_agg(st->wm_expr)) {
            diag_error(b->d, expr_first_agg(st->wm_expr)->pos,
                       "aggregate functions are not allowed in a WATERMARK");
            return;
        }
        BExpr *w = bexpr_bind_row(b, s, st->wm_expr);
        if (!w) return;
        if (w->type.kind != TY_TIMESTAMP) {
            diag_error(b->d, st->wm_expr->pos,
                       "watermark expression must be TIMESTAMP(3) (e.g. %s - INTERVAL '5' SECOND), "
                       "but it is %s",
                       t->cols[ci].name, type_name(w->type.kind));
            return;
        }
        t->wm_expr = w;
    }
    if (t->connector == CONN_UPSERT_KAFKA && t->n_pk == 0) {
        diag_error(b->d, t->connector_pos,
                   "'upsert-kafka' table '%s' needs a PRIMARY KEY (...) NOT ENFORCED (it becomes "
                   "the Kafka message key)",
                   t->name);
        return;
    }
    if (t->value_except_key && t->connector != CONN_UPSERT_KAFKA) {
        diag_error(b->d, t->fields_include_pos,
                   "'value.fields-include' = 'EXCEPT_KEY' applies to 'upsert-kafka' tables (their "
                   "key columns travel in the message key)");
        return;
    }
    PUSH(b->a, c->tables, c->n_tables, t);
}

static void bind_create_view(Binder *b, const Stmt *st)
{
    Catalog *c = &b->plan->cat;
    if (st->if_not_exists && (cat_find(c, st->name) || cat_find_view(c, st->name))) return;
    if (name_taken(b, st->name, st->name_pos)) return;
    View *v = arena_alloc(b->a, sizeof *v);
    v->name = st->name;
    v->pos = st->name_pos;
    v->cols = st->insert_cols;
    v->n_cols = st->n_insert_cols;
    v->query = st->query;
    PUSH(b->a, c->views, c->n_views, v);
    /* bound now, so that its errors are reported where it is declared
     * (Flink validates a view when it is created), and once for all
     * readers (a common subplan) */
    sel_view(b, v, st->name_pos);
}

/* ---- reading tables ------------------------------------------------------------- */

Op *bind_read_table(Binder *b, Table *t, SrcPos use)
{
    if (t->produce) {
        Op *rows = t->produce;
        if (t->produced_by_ctas) return rows;
        /* a declared table: its columns are plain values, except the one
         * its WATERMARK declares, which becomes the time attribute with the
         * declared watermark (a WatermarkAssigner) */
        Op *w = plan_op(b->a, b->plan, OP_WATERMARK, 1, t->n_cols);
        w->in[0] = rows;
        w->pos = use;
        w->label = b->label;
        w->table = t;
        for (int i = 0; i < t->n_cols; i++)
            w->cols[i] = (Field){t->cols[i].name, t->cols[i].type, i == t->wm_col};
        return w;
    }
    if (!cat_check_connector(b->d, t, use, true)) return NULL;
    if (!t->scan) {
        Op *s = plan_op(b->a, b->plan, OP_SCAN, 0, t->n_cols);
        s->table = t;
        s->pos = use;
        for (int i = 0; i < t->n_cols; i++)
            s->cols[i] = (Field){t->cols[i].name, t->cols[i].type, i == t->wm_col};
        t->scan = s;
        t->read_pos = use;
        t->read_stmt = b->stmt;
    }
    return t->scan;
}

/* ---- writing tables ---------------------------------------------------------------- */

static bool assignable(TypeKind from, TypeKind to)
{
    if (from == to || from == TY_NULL) return true;
    /* a narrower integer column takes the value as CAST would (its low
     * bits); Flink refuses BIGINT into INT instead (README) */
    if (is_int_kind(from) && is_int_kind(to)) return true;
    if (is_numeric(from) && to == TY_DOUBLE) return true;
    return false;
}

/* A Sink of `in` into t. */
static Op *add_sink(Binder *b, Table *t, Op *in, SrcPos pos)
{
    Op *s = plan_op(b->a, b->plan, OP_SINK, 1, in->n_cols);
    s->in[0] = in;
    s->table = t;
    s->pos = pos;
    s->sink_pos = pos;
    s->stmt = b->stmt;
    s->label = b->label;
    for (int i = 0; i < in->n_cols; i++) s->cols[i] = in->cols[i];
    PUSH(b->a, b->plan->sinks, b->plan->n_sinks, s);
    if (!t->write_pos.line) t->write_pos = pos;
    return s;
}

/* Is `target` reachable from op through inputs? */
static bool reaches(const Op *op, const Op *target, int depth)
{
    if (op == target) return true;
    if (depth > 10000) return true; /* deeper than any plan the parser allows: refuse */
    for (int i = 0; i < op->n_in; i++)
        if (reaches(op->in[i], target, depth + 1)) return true;
    return false;
}

/* Records `rows` as written into t, for later readers: t->produce is the
 * Union of every writer, so a reader bound between two writers still gets
 * the rows of both. Returns false (reported) when the writer reads t
 * itself: its rows would flow in a cycle. */
static bool add_produced(Binder *b, Table *t, Op *rows, SrcPos pos)
{
    if (!t->produce) {
        Op *u = plan_op(b->a, b->plan, OP_UNION, 1, rows->n_cols);
        u->in[0] = rows;
        u->table = t; /* marks the writers' Union of t */
        u->pos = pos;
        u->label = t->name;
        for (int i = 0; i < rows->n_cols; i++) u->cols[i] = rows->cols[i];
        t->produce = u;
        return true;
    }
    Op *u = t->produce;
    if (reaches(rows, u, 0)) {
        diag_error(b->d, pos, "'%s' reads the rows it writes (a cycle); that is not supported",
                   t->name);
        return false;
    }
    Op **in = arena_alloc(b->a, sizeof(Op *) * (size_t)(u->n_in + 1));
    memcpy(in, u->in, sizeof(Op *) * (size_t)u->n_in);
    in[u->n_in++] = rows;
    u->in = in;
    for (int i = 0; i < u->n_cols; i++) {
        u->cols[i].time_attr &= rows->cols[i].time_attr;
        u->cols[i].type.nullable |= rows->cols[i].type.nullable;
    }
    return true;
}

/* The written rows must not be read from the table's connector already
 * (the reader came first, and a file would be truncated under it). */
static bool check_not_read(Binder *b, Table *t, SrcPos pos)
{
    if (t->scan && t->connector == CONN_FILESYSTEM) {
        diag_error(b->d, pos,
                   "'%s' writes the file '%s', which this %s reads (table '%s'); reading and "
                   "writing the same file is not supported yet",
                   t->name, t->path, t->read_stmt == b->stmt ? "query" : "file also", t->name);
        return false;
    }
    return true;
}

/* INSERT INTO t [(cols)] query: the query's columns cast to t's. */
static void bind_insert(Binder *b, const Stmt *st)
{
    Table *t = cat_find(&b->plan->cat, st->name);
    if (!t) {
        if (cat_find_view(&b->plan->cat, st->name)) {
            diag_error(b->d, st->name_pos, "cannot INSERT INTO view '%s'", st->name);
            return;
        }
        const char *sug = bind_suggest_table(b, st->name);
        if (sug)
            diag_error(b->d, st->name_pos, "INSERT INTO undeclared table '%s'; did you mean '%s'?",
                       st->name, sug);
        else
            diag_error(b->d, st->name_pos,
                       "INSERT INTO undeclared table '%s'; declare it with "
                       "CREATE TABLE %s (...) WITH ('connector' = ...)",
                       st->name, st->name);
        return;
    }
    if (st->overwrite) {
        diag_error(b->d, st->pos, "INSERT OVERWRITE is not supported yet");
        return;
    }
    if (!cat_check_connector(b->d, t, st->name_pos, false)) return;
    b->label = arena_printf(b->a, "INSERT INTO %s", t->name);
    Op *q = sel_query(b, st->query);
    b->label = NULL;
    if (!q) return;
    /* map: target column -> query output index (-1 = NULL) */
    int *map = arena_alloc(b->a, sizeof(int) * (size_t)(t->n_cols + 1));
    if (st->n_insert_cols > 0) {
        for (int i = 0; i < t->n_cols; i++) map[i] = -1;
        if (st->n_insert_cols != q->n_cols) {
            diag_error(b->d, st->name_pos, "INSERT lists %d column%s but the query produces %d",
                       st->n_insert_cols, st->n_insert_cols == 1 ? "" : "s", q->n_cols);
            return;
        }
        for (int i = 0; i < st->n_insert_cols; i++) {
            int ci = cat_column(t, st->insert_cols[i]);
            if (ci < 0) {
                diag_error(b->d, st->name_pos, "unknown column '%s' in '%s'", st->insert_cols[i],
                           t->name);
                return;
            }
            map[ci] = i;
        }
    } else {
        if (q->n_cols != t->n_cols) {
            diag_error(b->d, st->name_pos, "the query produces %d column%s but '%s' has %d",
                       q->n_cols, q->n_cols == 1 ? "" : "s", t->name, t->n_cols);
            return;
        }
        for (int i = 0; i < t->n_cols; i++) map[i] = i;
    }
    BExpr **exprs = arena_alloc(b->a, sizeof(BExpr *) * (size_t)(t->n_cols + 1));
    const char **names = arena_alloc(b->a, sizeof(char *) * (size_t)(t->n_cols + 1));
    for (int i = 0; i < t->n_cols; i++) {
        names[i] = t->cols[i].name;
        if (map[i] < 0) {
            exprs[i] = bx_null(b, t->cols[i].type.kind, st->name_pos);
            continue;
        }
        /* the position of the query's expression, for the message */
        SrcPos at = st->name_pos;
        if (q->kind == OP_CALC && q->exprs[map[i]]) at = q->exprs[map[i]]->pos;
        BExpr *x = bx_col(b, q, map[i], at);
        if (!assignable(x->type.kind, t->cols[i].type.kind)) {
            diag_error(b->d, at,
                       "column '%s' of '%s' is %s, but the query produces %s here; "
                       "use CAST(... AS %s)",
                       t->cols[i].name, t->name, type_name(t->cols[i].type.kind),
                       type_name(x->type.kind), type_name(t->cols[i].type.kind));
            return;
        }
        exprs[i] =
            x->type.kind == t->cols[i].type.kind ? x : make_cast(b, x, t->cols[i].type.kind, at);
        if (!exprs[i]) return;
        /* a NOT NULL target keeps its declared nullability only for values
         * that cannot be NULL; the sink checks the rest */
    }
    /* NOT NULL columns the query may fill with NULL: checked per row */
    BExpr *check = NULL;
    for (int i = 0; i < t->n_cols; i++) {
        if (t->cols[i].type.nullable || !exprs[i]->type.nullable) continue;
        BExpr *c = bx_new(b, BX_FUNC, TY_BOOLEAN, false, exprs[i]->pos, 3);
        c->u.fn = FN_NOT_NULL;
        c->args[0] = exprs[i];
        for (int k = 1; k < 3; k++) {
            const char *txt = k == 1 ? t->name : t->cols[i].name;
            size_t nb;
            BExpr *l = bx_new(b, BX_LIT, TY_VARCHAR, false, exprs[i]->pos, 0);
            l->u.lit.s = ast_text_bytes(b->a, txt, &nb);
            l->u.lit.slen = (int64_t)nb;
            c->args[k] = l;
        }
        if (!check) {
            check = c;
        } else {
            BExpr *and = bx_new(b, BX_BINARY, TY_BOOLEAN, false, c->pos, 2);
            and->u.op = BOP_AND;
            and->args[0] = check;
            and->args[1] = c;
            check = and;
        }
    }
    Op *rows = sel_calc(b, q, check, exprs, names, t->n_cols, st->name_pos);
    for (int i = 0; i < t->n_cols; i++)
        if (!t->cols[i].type.nullable) rows->cols[i].type.nullable = false;
    if (!check_not_read(b, t, st->name_pos)) return;
    if (!add_produced(b, t, rows, st->name_pos)) return;
    add_sink(b, t, rows, st->name_pos);
    t->produced = true;
}

/* CREATE TABLE|STREAM t [WITH (...)] AS query: t takes the query's
 * columns; later statements read its rows in-process, time attributes
 * included (as from a view). */
static void bind_create_as(Binder *b, const Stmt *st)
{
    if (name_taken(b, st->name, st->name_pos)) return;
    b->label = arena_printf(b->a, "CREATE %s %s", st->is_stream ? "STREAM" : "TABLE", st->name);
    Op *q = sel_query(b, st->query);
    b->label = NULL;
    if (!q) return;
    Table *t = new_table(b, st, q->n_cols);
    t->produced = true;
    t->produced_by_ctas = true;
    for (int i = 0; i < q->n_cols; i++) {
        t->cols[i].name = q->cols[i].name;
        t->cols[i].type = q->cols[i].type;
        t->cols[i].pos = st->name_pos;
        if (q->kind == OP_CALC && q->exprs) t->cols[i].pos = q->exprs[i]->pos;
        if (cat_index_column(b->a, t, i) >= 0) {
            diag_error(b->d, t->cols[i].pos, "duplicate output column name '%s'; rename it with AS",
                       q->cols[i].name);
            return;
        }
    }
    if (!cat_apply_options(b->a, b->d, t, st->with, st->n_with)) return;
    if (!cat_check_connector(b->d, t, st->name_pos, false)) return;
    if (t->connector == CONN_UPSERT_KAFKA) {
        diag_error(b->d, t->connector_pos,
                   "'upsert-kafka' needs a PRIMARY KEY: declare the table with CREATE TABLE "
                   "(..., PRIMARY KEY (...) NOT ENFORCED) and INSERT INTO it");
        return;
    }
    PUSH(b->a, b->plan->cat.tables, b->plan->cat.n_tables, t);
    add_sink(b, t, q, st->name_pos);
    add_produced(b, t, q, st->name_pos);
}

/* A bare query prints its rows on stdout, like Flink's SQL client. */
static void bind_bare_query(Binder *b, const Stmt *st)
{
    b->label = arena_printf(b->a, "query%d", b->n_queries + 1);
    Op *q = sel_query(b, st->query);
    b->label = NULL;
    if (!q) return;
    Table *t = arena_alloc(b->a, sizeof *t);
    t->name = arena_printf(b->a, "query%d", ++b->n_queries);
    t->pos = st->pos;
    t->connector = CONN_PRINT;
    t->is_stdout = true;
    t->wm_col = -1;
    t->source_index = t->sink_index = -1;
    t->n_cols = q->n_cols;
    t->cols = arena_alloc(b->a, sizeof(Column) * (size_t)(q->n_cols + 1));
    t->col_used = arena_alloc(b->a, sizeof(bool) * (size_t)(q->n_cols + 1));
    for (int i = 0; i < q->n_cols; i++) {
        t->cols[i].name = q->cols[i].name;
        t->cols[i].type = q->cols[i].type;
    }
    add_sink(b, t, q, st->pos);
}

/* ---- SET -------------------------------------------------------------------------------- */

/* Flink configuration keys a file may SET. The ones with a field change
 * what the program computes; the others are accepted and have no effect
 * on a single-process run (parallelism, job names, client display). */
static const char *const ignored_keys[] = {
    "parallelism.default",
    "pipeline.name",
    "pipeline.operator-chaining",
    "execution.runtime-mode",
    "sql-client.execution.result-mode",
    "sql-client.verbose",
    "table.exec.mini-batch.enabled",
    "table.exec.mini-batch.allow-latency",
    "table.exec.mini-batch.size",
    "table.exec.sink.not-null-enforcer",
    "table.exec.resource.default-parallelism",
    "table.optimizer.agg-phase-strategy",
    "table.optimizer.distinct-agg.split.enabled",
    "table.exec.emit.late-fire.enabled",
    "table.exec.emit.early-fire.enabled",
    "table.dml-sync",
    "auto.offset.reset",
    "state.backend",
    "state.backend.type",
};

static const char *const duration_keys[] = {
    "table.exec.emit.allow-lateness",
    "table.exec.state.ttl",
    "table.exec.source.idle-timeout",
    "execution.checkpointing.interval",
};

/* Parses a Flink duration: a number with an optional unit (ms, s, sec,
 * min, m, h, hour(s), d, day(s), ...; default ms), spaces allowed
 * ('10 min', '1h', '500'). Returns false on anything else. */
static bool parse_duration(const char *v, int64_t *ms)
{
    while (*v == ' ') v++;
    char *end;
    if (*v < '0' || *v > '9') return false;
    long long n = strtoll(v, &end, 10);
    while (*end == ' ') end++;
    static const struct {
        const char *u;
        int64_t ms;
    } units[] = {{"", 1},
                 {"ms", 1},
                 {"milli", 1},
                 {"millis", 1},
                 {"millisecond", 1},
                 {"milliseconds", 1},
                 {"s", 1000},
                 {"sec", 1000},
                 {"secs", 1000},
                 {"second", 1000},
                 {"seconds", 1000},
                 {"m", 60000},
                 {"min", 60000},
                 {"mins", 60000},
                 {"minute", 60000},
                 {"minutes", 60000},
                 {"h", 3600000},
                 {"hour", 3600000},
                 {"hours", 3600000},
                 {"d", 86400000},
                 {"day", 86400000},
                 {"days", 86400000}};
    size_t ul = strlen(end);
    while (ul > 0 && end[ul - 1] == ' ') ul--;
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (strlen(units[i].u) == ul && strncasecmp(end, units[i].u, ul) == 0) {
            if (__builtin_mul_overflow((int64_t)n, units[i].ms, ms)) return false;
            return true;
        }
    return false;
}

static void bind_set(Binder *b, const Stmt *st)
{
    if (!st->name) return; /* SET alone lists the options in Flink's client */
    const char *k = st->name, *v = st->set_value ? st->set_value : "";
    enum {
        N_DUR = sizeof duration_keys / sizeof *duration_keys,
        N_IGN = sizeof ignored_keys / sizeof *ignored_keys
    };
    for (int i = 0; i < N_DUR; i++) {
        if (strcasecmp(k, duration_keys[i]) != 0) continue;
        int64_t ms;
        if (!parse_duration(v, &ms)) {
            diag_error(b->d, st->set_value_pos,
                       "'%s' needs a duration such as '10 min', '30 s' or '500 ms', not '%s'", k,
                       v);
            return;
        }
        switch (i) {
        case 0:
            b->opts.allow_lateness = ms;
            break;
        case 1:
            b->opts.state_ttl = ms;
            break;
        case 2:
            b->opts.idle_timeout = ms;
            break;
        default:
            b->opts.checkpoint_interval = ms;
            break;
        }
        b->plan->opts = b->opts;
        return;
    }
    for (int i = 0; i < N_IGN; i++) {
        if (strcasecmp(k, ignored_keys[i]) != 0) continue;
        if (strcasecmp(k, "execution.runtime-mode") == 0 && strcasecmp(v, "streaming") != 0) {
            diag_error(b->d, st->set_value_pos,
                       "sluice runs in 'streaming' mode only (a bounded input ends a run)");
            return;
        }
        return;
    }
    if (strcasecmp(k, "state.checkpoints.dir") == 0) {
        /* Flink takes a URI; a single process keeps its checkpoints in a
         * local directory */
        const char *path = strncasecmp(v, "file://", 7) == 0 ? v + 7 : v;
        if (!*path || strstr(path, "://")) {
            diag_error(b->d, st->set_value_pos,
                       "'state.checkpoints.dir' must be a local directory ('/var/lib/q' or "
                       "'file:///var/lib/q'), not '%s'",
                       v);
            return;
        }
        b->opts.checkpoints_dir = path;
        b->plan->opts = b->opts;
        return;
    }
    if (strcasecmp(k, "table.local-time-zone") == 0) {
        if (strcasecmp(v, "UTC") != 0 && strcasecmp(v, "Z") != 0 && strcasecmp(v, "GMT") != 0) {
            diag_error(b->d, st->set_value_pos,
                       "sluice computes in UTC; 'table.local-time-zone' can only be 'UTC'");
        }
        return;
    }
    const char *known[N_DUR + N_IGN + 2];
    for (int i = 0; i < N_DUR; i++) known[i] = duration_keys[i];
    for (int i = 0; i < N_IGN; i++) known[N_DUR + i] = ignored_keys[i];
    known[N_DUR + N_IGN] = "table.local-time-zone";
    known[N_DUR + N_IGN + 1] = "state.checkpoints.dir";
    const char *sug = diag_suggest(k, known, N_DUR + N_IGN + 2);
    if (sug)
        diag_error(b->d, st->name_pos, "unknown option '%s'; did you mean '%s'?", k, sug);
    else
        diag_error(b->d, st->name_pos,
                   "unknown option '%s' (sluice knows table.exec.emit.allow-lateness, "
                   "table.exec.state.ttl, table.exec.source.idle-timeout, "
                   "execution.checkpointing.interval, state.checkpoints.dir)",
                   k);
}

static void bind_reset(Binder *b, const Stmt *st)
{
    if (!st->name) {
        memset(&b->opts, 0, sizeof b->opts);
        return;
    }
    Stmt set = *st;
    set.set_value = "0";
    bind_set(b, &set);
}

/* ---- program-wide checks ----------------------------------------------------------------- */

/* The path of a filesystem table with "." components, repeated and
 * trailing slashes removed, so that 'data/f.jsonl' and './data//f.jsonl'
 * compare equal (".." is kept: through a symbolic link it need not mean
 * the parent). The run-time check (rt_file.c) compares device and inode. */
static const char *normal_path(Binder *b, const char *path)
{
    size_t n = strlen(path);
    char *o = arena_alloc(b->a, n + 2), *w = o;
    bool abs = path[0] == '/';
    if (abs) *w++ = '/';
    for (const char *p = path; *p;) {
        while (*p == '/') p++;
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == 0) break;
        if (!(len == 1 && p[0] == '.')) {
            if (w > o && w[-1] != '/') *w++ = '/';
            memcpy(w, p, len);
            w += len;
        }
        p += len;
    }
    if (w == o) *w++ = '.';
    *w = 0;
    return o;
}

static bool same_file_table(Binder *b, const Table *x, const Table *y)
{
    if (x->connector != CONN_FILESYSTEM || y->connector != CONN_FILESYSTEM) return false;
    return x == y || strcmp(normal_path(b, x->path), normal_path(b, y->path)) == 0;
}

/* Registers the program's runtime sources (scanned tables) and sinks
 * (written tables), refusing a file the program would both read and write
 * (opening the sink would truncate it under the reader) and two tables
 * writing one file. Statement by statement, the reads of a statement
 * before its write, so each message names the statement that makes the
 * conflict. Returns false after reporting. */
static bool register_io(Binder *b)
{
    Plan *p = b->plan;
    Catalog *c = &p->cat;
    const char *const same = "; reading and writing the same file is not supported yet";
    Table **scans = NULL;
    int n_scans = 0;
    for (int i = 0; i < p->n_ops; i++)
        if (p->ops[i]->kind == OP_SCAN) PUSH(b->a, scans, n_scans, p->ops[i]->table);
    for (int st = 0; st <= b->stmt; st++) {
        for (int i = 0; i < n_scans; i++) {
            Table *t = scans[i];
            if (t->read_stmt != st) continue;
            for (int k = 0; k < c->n_sinks; k++) {
                Table *w = c->sinks[k];
                if (w != t && same_file_table(b, t, w)) {
                    diag_error(b->d, t->read_pos,
                               "'%s' reads the file '%s', which this file also writes (table "
                               "'%s')%s",
                               t->name, t->path, w->name, same);
                    return false;
                }
            }
            t->source_index = c->n_sources;
            PUSH(b->a, c->sources, c->n_sources, t);
        }
        for (int j = 0; j < p->n_sinks; j++) {
            const Op *s = p->sinks[j];
            Table *t = s->table;
            if (s->stmt != st) continue;
            for (int k = 0; k < c->n_sources; k++) {
                Table *r = c->sources[k];
                if (!same_file_table(b, t, r)) continue;
                if (r->read_stmt == st)
                    diag_error(b->d, s->sink_pos,
                               "'%s' writes the file '%s', which this query reads (table '%s')%s",
                               t->name, t->path, r->name, same);
                else
                    diag_error(b->d, s->sink_pos,
                               "'%s' writes the file '%s', which this file also reads (table "
                               "'%s')%s",
                               t->name, t->path, r->name, same);
                return false;
            }
            if (t->sink_index >= 0) continue;
            for (int k = 0; k < c->n_sinks; k++)
                if (same_file_table(b, t, c->sinks[k])) {
                    diag_error(b->d, s->sink_pos,
                               "'%s' writes the file '%s', which table '%s' writes too; each file "
                               "sink needs a file of its own",
                               t->name, t->path, c->sinks[k]->name);
                    return false;
                }
            t->sink_index = c->n_sinks;
            PUSH(b->a, c->sinks, c->n_sinks, t);
        }
    }
    return true;
}

/* The operator that turns an append-only stream into updates, upstream
 * of op (for "doesn't support consuming update changes"). */
static const Op *update_producer(const Op *op)
{
    for (;;) {
        const Op *next = NULL;
        for (int i = 0; i < op->n_in && !next; i++)
            if (op->in[i]->mode != CM_APPEND) next = op->in[i];
        if (!next) return op;
        op = next;
    }
}

/* Does the set of columns a[0..n) equal b[0..m)? */
static bool same_columns(const int *a, int n, const int *b, int m)
{
    if (n != m) return false;
    for (int i = 0; i < n; i++) {
        bool found = false;
        for (int j = 0; j < m; j++) found |= a[i] == b[j];
        if (!found) return false;
    }
    return true;
}

/* A sink takes a changelog only with a connector or format that encodes
 * one (print, debezium-json, upsert-kafka), as in Flink; an upsert sink's
 * primary key must be a unique key of what it receives. */
static bool check_sinks(Binder *b)
{
    Plan *p = b->plan;
    for (int i = 0; i < p->n_sinks; i++) {
        const Op *s = p->sinks[i];
        const Table *t = s->table;
        if (s->mode == CM_APPEND) continue;
        if (t->connector == CONN_PRINT || t->format == FMT_DEBEZIUM_JSON) continue;
        if (t->connector == CONN_UPSERT_KAFKA) {
            const Op *in = s->in[0];
            if (!in->ukey) {
                diag_error(b->d, s->sink_pos,
                           "upsert sink '%s' is written by a changelog without a unique key: its "
                           "updates cannot be keyed by the PRIMARY KEY; aggregate with GROUP BY "
                           "the key columns, or write to 'connector' = 'print' or 'format' = "
                           "'debezium-json'",
                           t->name);
                return false;
            }
            if (!same_columns(t->pk, t->n_pk, in->ukey, in->n_ukey)) {
                char key[512] = "";
                size_t o = 0;
                for (int k = 0; k < in->n_ukey && o < sizeof key; k++)
                    o += (size_t)snprintf(key + o, sizeof key - o, "%s%s", k ? ", " : "",
                                          s->cols[in->ukey[k]].name);
                diag_error(b->d, s->sink_pos,
                           "the PRIMARY KEY of upsert sink '%s' is not a unique key of the query "
                           "that writes it (the query's key: %s); declare PRIMARY KEY (%s)",
                           t->name, key, key);
                return false;
            }
            continue;
        }
        const Op *prod = update_producer(s);
        diag_error(b->d, s->sink_pos,
                   "table sink '%s' (%s, format json) doesn't support consuming update changes, "
                   "which are produced by %s at line %d, column %d; write to 'connector' = "
                   "'print', 'format' = 'debezium-json' or 'connector' = 'upsert-kafka'",
                   t->name, t->connector == CONN_KAFKA ? "kafka" : "filesystem", plan_op_name(prod),
                   prod->pos.line, prod->pos.col);
        return false;
    }
    return true;
}

/* Operators that need an append-only input (Flink: window TVFs and window
 * aggregations do not consume updates; a HyperLogLog cannot forget), and
 * what the physical plan cannot run yet. */
static bool check_inputs(Binder *b)
{
    Plan *p = b->plan;
    for (int i = 0; i < p->n_ops; i++) {
        const Op *op = p->ops[i];
        if (op->n_in == 0 || op->in[0]->mode == CM_APPEND) continue;
        if (op->kind == OP_WINDOW || (op->kind == OP_AGG && op->agg.windowed)) {
            diag_error(b->d, op->pos,
                       "window functions need an append-only input, but this one is a changelog "
                       "(%s produces updates)",
                       plan_op_name(update_producer(op)));
            return false;
        }
        if (op->kind == OP_AGG)
            for (int j = 0; j < op->agg.n_calls; j++)
                if (op->agg.calls[j].kind == AGG_APPROX_COUNT_DISTINCT) {
                    diag_error(b->d, op->agg.calls[j].pos,
                               "APPROX_COUNT_DISTINCT cannot take back rows: its input must be "
                               "append-only, but it is a changelog");
                    return false;
                }
    }
    return true;
}

/* ---- the program ----------------------------------------------------------------------------- */

static void bind_stmt(Binder *b, const Stmt *st)
{
    switch (st->kind) {
    case ST_CREATE_TABLE:
        bind_create_table(b, st);
        break;
    case ST_CREATE_VIEW:
        bind_create_view(b, st);
        break;
    case ST_CREATE_AS:
        bind_create_as(b, st);
        break;
    case ST_INSERT:
        bind_insert(b, st);
        break;
    case ST_QUERY:
        bind_bare_query(b, st);
        break;
    case ST_SET:
        bind_set(b, st);
        break;
    case ST_RESET:
        bind_reset(b, st);
        break;
    case ST_STATEMENT_SET:
        for (int i = 0; i < st->n_body && b->d->n_errors == 0; i++) bind_stmt(b, st->body[i]);
        break;
    case ST_BEGIN_SET:
    case ST_END:
        /* every INSERT of a file runs in one program anyway */
        break;
    }
}

Plan *bind_program(Arena *a, Diag *d, const Program *prog)
{
    Binder b = {.a = a, .d = d};
    b.plan = arena_alloc(a, sizeof(Plan));
    for (int i = 0; i < prog->n_stmts && d->n_errors == 0; i++) {
        b.stmt = i;
        bind_stmt(&b, prog->stmts[i]);
    }
    if (d->n_errors) return NULL;
    if (b.plan->n_sinks == 0) {
        diag_error(d, (SrcPos){0, 0},
                   "no query: add INSERT INTO ... SELECT ..., CREATE STREAM ... AS SELECT ... or "
                   "a SELECT");
        return NULL;
    }
    plan_link(a, b.plan);
    plan_derive(a, b.plan);
    if (!check_sinks(&b) || !check_inputs(&b) || !register_io(&b)) return NULL;
    return b.plan;
}

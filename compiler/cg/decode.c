/* decode.c - sources (cg.h): per scanned table a decoder specialised to
 * its columns (only the columns the program reads are converted; the rest
 * are skipped by scanning), and the scan operator that turns a record
 * (JSON, a debezium-json change, an upsert-kafka key and value) into rows
 * of a change kind.
 *
 * Two forms of decoder: the specialised one (fields in declared order are
 * matched as whole `,"name":` tokens, a switch on the first byte of a key
 * otherwise), and for tables of CG_WIDE_COLUMNS or more a table of the
 * columns for the template's object loop (sl_decode_object in
 * sl_decode.h), so that code and C-compiler time grow linearly. */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "cg.h"

bool cg_col_decoded(const Table *t, int c)
{
    return t->col_used[c] || !t->cols[c].type.nullable;
}

/* One decoder: of the table's record (every decoded column), of an
 * upsert-kafka key (the primary key's columns) or of an upsert-kafka value
 * without them ('value.fields-include' = 'EXCEPT_KEY'). */
typedef struct Dec {
    const Table *t;
    const bool *in_rec; /* per column: the record holds it (the fast path's order) */
    const bool *dec;    /* per column: convert it (else skip the value) */
    const char *fn;     /* name prefix: srcS or srcS_key */
    const char *row;    /* the row type it fills */
    bool key;           /* a key decoder: NOT NULL applies to the key columns only */
} Dec;

/* Emits the `case` of column d in fn_value (templates/sl_decode.h,
 * SL_JSON_OBJECT_DECODER): decode the value at p into the row, returning
 * the position after it (NULL after an error). */
static void cg_value_case(Cg *g, const Dec *D, int d)
{
    const Table *t = D->t;
    const Column *col = &t->cols[d];
    const char *name = cstr(g, col->name);
    line(g, "case %d: /* %s */", d, ccom(g, col->name));
    g->indent++;
    switch (col->type.kind) {
    case TY_TINYINT:
    case TY_SMALLINT:
    case TY_INT:
    case TY_BIGINT: {
        const char *lo, *hi;
        cg_int_range(col->type.kind, &lo, &hi);
        line(g, "{");
        line(g, "    int64_t v;");
        line(g, "    p = sl_dec_int(ctx, p, end, %s, \"%s\", %s, %s, &v, &r->n%d);", name,
             type_name(col->type.kind), lo, hi, d);
        line(g, "    if (p) r->c%d = (%s)v;", d, ctype(col->type.kind));
        line(g, "    return p;");
        line(g, "}");
        break;
    }
    case TY_DOUBLE:
    case TY_FLOAT:
        line(g, "return sl_dec_f64(ctx, p, end, %s, &r->c%d, &r->n%d);", name, d, d);
        break;
    case TY_BOOLEAN:
        line(g, "return sl_dec_bool(ctx, p, end, %s, &r->c%d, &r->n%d);", name, d, d);
        break;
    case TY_VARCHAR:
        line(g, "return sl_dec_str(ctx, p, end, %s, &r->c%d, &r->n%d);", name, d, d);
        break;
    default:
        line(g, "return sl_dec_ts(ctx, p, end, %s, &r->c%d, &r->n%d, &cache->t%d);", name, d, d, d);
        break;
    }
    g->indent--;
}

/* A declared column's key as the decoder matches it: the exact bytes of
 * its name, and whether they appear unchanged in JSON text. */
typedef struct KeyName {
    const char *bytes;
    size_t n;
    bool plain; /* no '"', '\\' or control byte: matchable in place */
} KeyName;

static KeyName *key_names(Cg *g, const Table *t)
{
    KeyName *k = arena_alloc(g->a, sizeof(KeyName) * (size_t)(t->n_cols + 1));
    for (int c = 0; c < t->n_cols; c++) {
        k[c].bytes = ast_text_bytes(g->a, t->cols[c].name, &k[c].n);
        k[c].plain = k[c].n > 0 && !cesc_json_needs_escape(k[c].bytes, k[c].n);
    }
    return k;
}

/* The bytes `{"name":` (first) or `,"name":` as a C literal, or NULL when the
 * name needs JSON escaping (then no in-place match is possible). */
static const char *key_token(Cg *g, const KeyName *k, bool first, size_t *len)
{
    if (!k->plain) return NULL;
    char *tok = arena_alloc(g->a, k->n + 5);
    tok[0] = first ? '{' : ',';
    tok[1] = '"';
    memcpy(tok + 2, k->bytes, k->n);
    memcpy(tok + 2 + k->n, "\":", 2);
    *len = k->n + 4;
    return exact_str(g, tok, k->n + 4);
}

/* Column indices ordered by (key length, index), for the switch on the
 * length of a decoded key. */
typedef struct KeyLen {
    size_t n;
    int col;
} KeyLen;

static int keylen_cmp(const void *a, const void *b)
{
    const KeyLen *x = a, *y = b;
    if (x->n != y->n) return x->n < y->n ? -1 : 1;
    return x->col - y->col;
}

/* (key length, key bytes) order, the one sl_objdesc_find searches. */
static int keylen_bytes_cmp(const void *a, const void *b, void *names)
{
    const KeyLen *x = a, *y = b;
    const KeyName *kn = names;
    if (x->n != y->n) return x->n < y->n ? -1 : 1;
    int c = x->n ? memcmp(kn[x->col].bytes, kn[y->col].bytes, x->n) : 0;
    return c ? c : x->col - y->col;
}

/* The decoder of a wide source: a table of its columns for the template's
 * object loop (sl_decode_object in sl_decode.h), so that the code, and the
 * C compiler's time on it, grow linearly with the columns. */
static void cg_source_wide(Cg *g, const Dec *D, const KeyName *kn)
{
    const Table *t = D->t;
    const char *fn = D->fn;
    int n_ts = 0;
    line(g, "/* Decoder state kept across records: the last timestamp text per column. */");
    line(g, "typedef struct %s_cache {", fn);
    for (int c = 0; c < t->n_cols; c++)
        if (D->dec[c] && t->cols[c].type.kind == TY_TIMESTAMP) n_ts++;
    line(g, "    sl_ts_cache t[%d];", n_ts + 1);
    line(g, "} %s_cache;", fn);
    blank(g);
    line(g, "/* The %d columns of %s, in declared order. */", t->n_cols, ccom(g, t->name));
    line(g, "static const sl_coldesc %s_cols[] = {", fn);
    g->indent++;
    int ts = 0;
    for (int c = 0; c < t->n_cols; c++) {
        const Column *col = &t->cols[c];
        TypeKind k = col->type.kind;
        bool dec = D->dec[c];
        const char *type = !dec                              ? "SL_COL_SKIP"
                           : int_kind(k)                     ? "SL_COL_INT"
                           : k == TY_DOUBLE || k == TY_FLOAT ? "SL_COL_F64"
                           : k == TY_BOOLEAN                 ? "SL_COL_BOOL"
                           : k == TY_VARCHAR                 ? "SL_COL_STR"
                                                             : "SL_COL_TS";
        const char *flags = fmt(g, "%s%s%s", kn[c].plain ? "SL_COL_PLAIN_KEY" : "0",
                                c == t->wm_col && !D->key ? " | SL_COL_EVENT_TIME" : "",
                                !col->type.nullable && dec ? " | SL_COL_NOT_NULL" : "");
        const char *lo = "0", *hi = "0";
        if (int_kind(k)) cg_int_range(k, &lo, &hi);
        line(g, "{%s, %zu, %s, %d, %s, \"%s\", %s, %s, %s, %s, %s, %d},",
             exact_str(g, kn[c].bytes, kn[c].n), kn[c].n, type, is32(k) ? 4 : 8, flags,
             type_name(k), cstr(g, col->name), lo, hi,
             dec ? fmt(g, "offsetof(%s, c%d)", D->row, c) : "0",
             dec ? fmt(g, "offsetof(%s, n%d)", D->row, c) : "0",
             dec && k == TY_TIMESTAMP ? ts++ : -1);
    }
    g->indent--;
    line(g, "};");
    KeyLen *bylen = arena_alloc(g->a, sizeof(KeyLen) * (size_t)(t->n_cols + 1));
    for (int c = 0; c < t->n_cols; c++) bylen[c] = (KeyLen){kn[c].n, c};
    qsort_r(bylen, (size_t)t->n_cols, sizeof *bylen, keylen_bytes_cmp, (void *)kn);
    line(g, "/* Column indices by (key length, key bytes), for out-of-order keys. */");
    line(g, "static const uint32_t %s_by_key[] = {", fn);
    g->indent++;
    char *row = arena_strdup(g->a, "");
    for (int i = 0; i < t->n_cols; i++) {
        row = arena_printf(g->a, "%s%s%d,", row, *row ? " " : "", bylen[i].col);
        if ((i + 1) % 16 == 0 || i + 1 == t->n_cols) {
            line(g, "%s", row);
            row = arena_strdup(g->a, "");
        }
    }
    g->indent--;
    line(g, "};");
    line(g, "static const sl_objdesc %s_obj = {%s_cols, %d, %s_by_key};", fn, fn, t->n_cols, fn);
    blank(g);
    line(g, "static int %s_decode(sl_ctx *ctx, const char *p, const char *end, %s *r,", fn, D->row);
    line(g, "                        %s_cache *cache)", fn);
    line(g, "{");
    line(g, "    return sl_decode_object(ctx, &%s_obj, p, end, r, sizeof *r, cache->t);", fn);
    line(g, "}");
    blank(g);
}

static void cg_decoder(Cg *g, const Dec *D)
{
    const Table *t = D->t;
    const char *fn = D->fn;
    KeyName *kn = key_names(g, t);
    if (t->n_cols >= g->wide_columns) {
        cg_source_wide(g, D, kn);
        return;
    }
    line(g, "/* Decoder state kept across records: the last timestamp text per column. */");
    line(g, "typedef struct %s_cache {", fn);
    for (int c = 0; c < t->n_cols; c++)
        if (D->dec[c] && t->cols[c].type.kind == TY_TIMESTAMP) line(g, "    sl_ts_cache t%d;", c);
    line(g, "    int unused_;");
    line(g, "} %s_cache;", fn);
    blank(g);
    const char *sig =
        fmt(g, "sl_ctx *ctx, const char *p, const char *end, %s *r, %s_cache *cache", D->row, fn);
    const char *inl = "static inline __attribute__((always_inline))";
    /* the parts of SL_JSON_OBJECT_DECODER (templates/sl_decode.h) */
    line(g, "%s void %s_nulls(%s *r)", inl, fn, D->row);
    line(g, "{");
    line(g, "    (void)r;");
    for (int c = 0; c < t->n_cols; c++)
        if (D->dec[c]) line(g, "    r->n%d = true; r->c%d = %s;", c, c, zero(t->cols[c].type.kind));
    line(g, "}");
    blank(g);
    line(g, "%s const char *%s_value(sl_ctx *ctx, int col, const char *p, const char *end, %s *r,",
         inl, fn, D->row);
    line(g, "    %s_cache *cache)", fn);
    line(g, "{");
    g->indent++;
    line(g, "(void)r; (void)cache;");
    line(g, "switch (col) {");
    for (int d = 0; d < t->n_cols; d++)
        if (D->dec[d]) cg_value_case(g, D, d);
    line(g, "default: /* a field the program does not read, or undeclared */");
    line(g, "    p = sl_fast_skip(p, end);");
    line(g, "    if (!p) sl_set_error(ctx, \"invalid JSON value\");");
    line(g, "    return p;");
    line(g, "}");
    g->indent--;
    line(g, "}");
    blank(g);
    /* Fast path: the record's fields in declared order, each `,"name":`
     * token compared in place. */
    line(g, "%s const char *%s_in_order(%s)", inl, fn, sig);
    line(g, "{");
    g->indent++;
    {
        int *rec = arena_alloc(g->a, sizeof(int) * (size_t)(t->n_cols + 1)), n_rec = 0;
        for (int c = 0; c < t->n_cols; c++)
            if (D->in_rec[c]) rec[n_rec++] = c;
        const char *at = "p";
        for (int i = 0; i < n_rec; i++) {
            size_t len;
            const char *tok = key_token(g, &kn[rec[i]], i == 0, &len);
            if (!tok) break;
            line(g, "if (!(end - %s >= %zu && sl_bytes_eq(%s, %s, %zu))) return %s;", at, len, at,
                 tok, len, at);
            if (i == 0) line(g, "const char *q = p;");
            line(g, "/* %s */", ccom(g, t->cols[rec[i]].name));
            line(g,
                 "if (!(q = %s_value(ctx, %d, sl_json_ws(q + %zu, end), end, r, cache))) return "
                 "NULL;",
                 fn, rec[i], len);
            at = "q";
        }
        line(g, "(void)ctx; (void)end; (void)r; (void)cache;");
        line(g, "return %s;", at);
    }
    g->indent--;
    line(g, "}");
    blank(g);
    /* Keys compared in place, dispatching on the first byte. A name
     * holding '"', '\\' or a control character is escaped in valid JSON, so
     * its raw bytes never match it: only fn_key_text may recognise it.
     * Columns are bucketed by first byte in one pass (linear in the number
     * of columns). Every declared column is recognised, so a field the
     * query does not read is skipped without scanning its key twice. */
    line(g, "%s int %s_key(const char *p, const char *end, const char **after)", inl, fn);
    line(g, "{");
    g->indent++;
    /* when no name is plain, no case below sets *after */
    line(g, "(void)after;");
    line(g, "if (end - p < 2) return -1;");
    line(g, "switch ((unsigned char)p[1]) {");
    int *first_of = arena_alloc(g->a, sizeof(int) * 256),
        *next_of = arena_alloc(g->a, sizeof(int) * (size_t)(t->n_cols + 1));
    for (int b = 0; b < 256; b++) first_of[b] = -1;
    for (int c = t->n_cols - 1; c >= 0; c--) {
        if (!kn[c].plain) continue;
        unsigned char b = (unsigned char)kn[c].bytes[0];
        next_of[c] = first_of[b];
        first_of[b] = c;
    }
    for (int b = 0; b < 256; b++) {
        if (first_of[b] < 0) continue;
        line(g, "case %s:", cesc_char(g->a, (unsigned char)b));
        g->indent++;
        for (int d = first_of[b]; d >= 0; d = next_of[d]) {
            size_t len = kn[d].n;
            char *withq = arena_alloc(g->a, len + 2);
            memcpy(withq, kn[d].bytes, len);
            withq[len] = '"';
            line(g,
                 "if (end - p > %zu && sl_bytes_eq(p + 1, %s, %zu)) { *after = p + %zu; return %d; "
                 "}",
                 len + 1, exact_str(g, withq, len + 1), len + 1, len + 2, d);
        }
        line(g, "break;");
        g->indent--;
    }
    line(g, "default: break;");
    line(g, "}");
    line(g, "return -1;");
    g->indent--;
    line(g, "}");
    blank(g);
    line(g, "static inline int %s_key_text(sl_str k)", fn);
    line(g, "{");
    g->indent++;
    line(g, "switch (k.n) {");
    KeyLen *bylen = arena_alloc(g->a, sizeof(KeyLen) * (size_t)(t->n_cols + 1));
    for (int c = 0; c < t->n_cols; c++) bylen[c] = (KeyLen){kn[c].n, c};
    qsort(bylen, (size_t)t->n_cols, sizeof *bylen, keylen_cmp);
    for (int i = 0; i < t->n_cols; i++) {
        size_t len = bylen[i].n;
        if (i == 0 || bylen[i - 1].n != len) {
            line(g, "case %zu:", len);
            g->indent++;
        }
        int d = bylen[i].col;
        line(g, "if (memcmp(k.p, %s, %zu) == 0) return %d;", exact_str(g, kn[d].bytes, len), len,
             d);
        if (i + 1 == t->n_cols || bylen[i + 1].n != len) {
            line(g, "break;");
            g->indent--;
        }
    }
    line(g, "default: break;");
    line(g, "}");
    line(g, "return -2;");
    g->indent--;
    line(g, "}");
    blank(g);
    line(g, "static inline int %s_check(sl_ctx *ctx, const %s *r)", fn, D->row);
    line(g, "{");
    g->indent++;
    line(g, "(void)ctx; (void)r;");
    for (int c = 0; c < t->n_cols; c++) {
        if (!D->dec[c]) continue;
        if (c == t->wm_col && !D->key)
            line(g,
                 "if (r->n%d) { sl_set_error(ctx, \"event-time column '%%s' is NULL or missing\", "
                 "%s); return SL_MALFORMED; }",
                 c, cstr(g, t->cols[c].name));
        else if (!t->cols[c].type.nullable)
            line(g,
                 "if (r->n%d) { sl_set_error(ctx, \"NOT NULL column '%%s' is NULL or missing\", "
                 "%s); return SL_MALFORMED; }",
                 c, cstr(g, t->cols[c].name));
    }
    line(g, "return SL_OK;");
    g->indent--;
    line(g, "}");
    blank(g);
    line(g, "/* %s_decode: only the fields above are converted, the rest skipped */", fn);
    line(g, "SL_JSON_OBJECT_DECODER(%s, %s, %s_cache)", fn, D->row, fn);
    blank(g);
}

/* ---- the scan operator ---------------------------------------------------------------- */

void cg_scan_types(Cg *g, const PhysOp *op)
{
    const Table *t = op->table;
    int si = t->source_index;
    bool *dec = arena_alloc(g->a, sizeof(bool) * (size_t)(t->n_cols + 1));
    for (int c = 0; c < t->n_cols; c++) dec[c] = cg_col_decoded(t, c);
    line(g, "/* ---- source %d: %s (%s, %s) ---- */", si, ccom(g, t->name),
         t->connector == CONN_FILESYSTEM ? "filesystem"
         : t->connector == CONN_KAFKA    ? "kafka"
                                         : "upsert-kafka",
         t->format == FMT_DEBEZIUM_JSON ? "debezium-json" : "json");
    cg_row_struct(g, op, dec, true);
    bool *in_rec = arena_alloc(g->a, sizeof(bool) * (size_t)(t->n_cols + 1)),
         *vdec = arena_alloc(g->a, sizeof(bool) * (size_t)(t->n_cols + 1));
    for (int c = 0; c < t->n_cols; c++) in_rec[c] = true, vdec[c] = dec[c];
    if (t->value_except_key)
        for (int i = 0; i < t->n_pk; i++) in_rec[t->pk[i]] = vdec[t->pk[i]] = false;
    Dec d = {t, in_rec, vdec, fmt(g, "src%d", si), row_t(g, op), false};
    cg_decoder(g, &d);
    if (t->connector == CONN_UPSERT_KAFKA) {
        bool *kdec = arena_alloc(g->a, sizeof(bool) * (size_t)(t->n_cols + 1));
        for (int i = 0; i < t->n_pk; i++) kdec[t->pk[i]] = true;
        Dec k = {t, kdec, kdec, fmt(g, "src%d_key", si), row_t(g, op), true};
        cg_decoder(g, &k);
    }
}

/* The watermark of the row in `rowvar` (a pointer expression). */
static void cg_scan_watermark(Cg *g, const PhysOp *op, const char *rowvar)
{
    const Table *t = op->table;
    if (t->wm_col < 0) return;
    g->row = rowvar;
    g->row_cols = op->cols;
    line(g, "{");
    g->indent++;
    line(g, "/* WATERMARK FOR %s */", ccom(g, t->cols[t->wm_col].name));
    Val w = cg_expr(g, t->wm_expr);
    line(g, "if (!%s && sl_wm_observe(st->wm%d, meta->partition, %s))", w.n, t->source_index, w.v);
    line(g, "    op%d_advance(ctx, st, st->wm%d->current);", op->id, t->source_index);
    g->indent--;
    line(g, "}");
}

void cg_scan_code(Cg *g, const PhysOp *op)
{
    const Table *t = op->table;
    int si = t->source_index, n = op->id;
    line(g, "static void op%d_advance(sl_ctx *ctx, prog_state *st, int64_t wm)", n);
    line(g, "{");
    g->indent++;
    cg_unused(g, "ctx st wm");
    cg_forward(g, op, "wm");
    g->indent--;
    line(g, "}");
    blank(g);
    /* A row per record (plain JSON): what follows decoding is a function
     * of its own, which the reader thread's decoded rows also go through
     * when the source decodes ahead (sl_program.decode, on_row). */
    bool row_per_record = t->connector != CONN_UPSERT_KAFKA && t->format != FMT_DEBEZIUM_JSON;
    if (row_per_record) {
        line(g, "static inline int src%d_on_row(sl_ctx *ctx, prog_state *st, const op%d_row *rowp,",
             si, n);
        line(g, "                               const sl_recmeta *meta)");
        line(g, "{");
        g->indent++;
        g->tmp = 0;
        line(g, "(void)meta;");
        cg_emit(g, op, "SL_INSERT", "rowp");
        cg_scan_watermark(g, op, "rowp");
        line(g, "return SL_OK;");
        g->indent--;
        line(g, "}");
        blank(g);
    }
    line(g, "static int src%d_on_record(sl_ctx *ctx, prog_state *st, const char *data, size_t len,",
         si);
    line(g, "                           const sl_recmeta *meta)");
    line(g, "{");
    g->indent++;
    g->tmp = 0;
    line(g, "(void)meta;");
    if (t->connector == CONN_UPSERT_KAFKA) {
        line(g, "sl_str key, value;");
        line(g, "if (meta->has_key) {");
        line(g, "    if (!meta->key) { sl_set_error(ctx, \"upsert-kafka message without a key\"); "
                "return SL_MALFORMED; }");
        line(g, "    key = (sl_str){meta->key, meta->key_len};");
        line(g, "    value = meta->tombstone ? (sl_str){NULL, 0} : (sl_str){data, len};");
        line(g, "} else if (!sl_kv_split(ctx, data, data + len, &key, &value)) {");
        line(g, "    return SL_MALFORMED;");
        line(g, "}");
        /* The key is always decoded, so that a key which is not the
         * PRIMARY KEY's object is malformed also when a value follows. */
        line(g, "op%d_row row, krow;", n);
        line(g, "memset(&krow, 0, sizeof krow);");
        line(g,
             "if (src%d_key_decode(ctx, key.p, key.p + key.n, &krow, &st->kcache%d) != SL_OK) "
             "return SL_MALFORMED;",
             si, si);
        line(g, "if (!value.p) { /* a tombstone: the key is deleted */");
        g->indent++;
        cg_emit(g, op, "SL_DELETE", "&krow");
        line(g, "return SL_OK;");
        g->indent--;
        line(g, "}");
        line(g, "memset(&row, 0, sizeof row);");
        line(g,
             "if (src%d_decode(ctx, value.p, value.p + value.n, &row, &st->cache%d) != SL_OK) "
             "return SL_MALFORMED;",
             si, si);
        if (t->value_except_key) {
            line(g, "/* EXCEPT_KEY: the key columns come from the message key */");
            for (int i = 0; i < t->n_pk; i++)
                line(g, "row.c%d = krow.c%d; row.n%d = krow.n%d;", t->pk[i], t->pk[i], t->pk[i],
                     t->pk[i]);
        }
        /* (with ALL, the value's key columns win, as in Flink) */
        cg_emit(g, op, "SL_UPDATE_AFTER", "&row");
        cg_scan_watermark(g, op, "(&row)");
    } else if (t->format == FMT_DEBEZIUM_JSON) {
        line(g, "sl_str before, after;");
        line(g, "char op;");
        line(g, "if (!sl_debezium_split(ctx, data, data + len, &before, &after, &op)) return "
                "SL_MALFORMED;");
        line(g, "op%d_row b, a;", n);
        line(g,
             "if (op == 'u' && !before.p) { sl_set_error(ctx, \"debezium-json update without "
             "\\\"before\\\" (the table needs REPLICA IDENTITY FULL)\"); return SL_MALFORMED; }");
        line(g,
             "if ((op == 'u' || op == 'd') && src%d_decode(ctx, before.p, before.p + before.n, "
             "&b, &st->cache%d) != SL_OK) return SL_MALFORMED;",
             si, si);
        line(g,
             "if (op != 'd' && src%d_decode(ctx, after.p, after.p + after.n, &a, &st->cache%d) != "
             "SL_OK) return SL_MALFORMED;",
             si, si);
        line(g, "switch (op) {");
        line(g, "case 'u':");
        g->indent++;
        cg_emit(g, op, "SL_UPDATE_BEFORE", "&b");
        cg_emit(g, op, "SL_UPDATE_AFTER", "&a");
        line(g, "break;");
        g->indent--;
        line(g, "case 'd':");
        g->indent++;
        cg_emit(g, op, "SL_DELETE", "&b");
        line(g, "break;");
        g->indent--;
        line(g, "default: /* 'c' and 'r' (a snapshot read) */");
        g->indent++;
        cg_emit(g, op, "SL_INSERT", "&a");
        line(g, "break;");
        g->indent--;
        line(g, "}");
        line(g, "const op%d_row *wr = op == 'd' ? &b : &a;", n);
        line(g, "(void)wr;");
        cg_scan_watermark(g, op, "wr");
    } else {
        assert(row_per_record);
        line(g, "op%d_row row;", n);
        line(g,
             "if (src%d_decode(ctx, data, data + len, &row, &st->cache%d) != SL_OK) return "
             "SL_MALFORMED;",
             si, si);
        line(g, "return src%d_on_row(ctx, st, &row, meta);", si);
        g->indent--;
        line(g, "}");
        blank(g);
        return;
    }
    line(g, "return SL_OK;");
    g->indent--;
    line(g, "}");
    blank(g);
}

bool cg_decodes_ahead(const Table *t)
{
    return t->connector == CONN_FILESYSTEM && t->format == FMT_JSON;
}

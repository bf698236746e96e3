/* test_operators.c - the checkpoint state of every stateful operator kind
 * (compiler/phys.h; compiler/cg/program.c cg_stateful): for each, a small
 * SQL program and its input are written to a temporary directory, compiled
 * with the compiler's own functions (parse, bind, optimize, cg_program,
 * build_executable: what `sluice build` does) and run twice, normally and
 * with SLUICE_TEST_SNAPSHOT_EVERY=1 (the runtime saves the whole program
 * state, destroys it, re-initialises and loads it after every record;
 * runtime/rt_main.c rt_snapshot_roundtrip). Each case asserts:
 *
 *   (a) both runs print exactly the same bytes;
 *   (b) the output is what a model in this file computes from the same
 *       input: Flink's window, session, changelog and watermark rules,
 *       written independently of the compiler (exact sequences where the
 *       order is specified, sorted lines where it is not);
 *   (c) the generated C defines opN_save and opN_load for the operator
 *       under test, and prog_save/prog_load call them.
 *
 * Inputs are a few dozen rows, out of order within the watermark delay
 * and some late, so that windows, sessions, held rows and groups are live
 * at most snapshots. Under build/asan the programs are built with
 * AddressSanitizer+UBSan against build/asan/lib/libsluice_rt.a and their
 * stderr must hold no sanitizer report.
 *
 * KEEP_TMP=1 keeps every case's directory. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "build.h"
#include "codegen.h"
#include "parse.h"
#include "plan.h"
#include "sluice_rt.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

/* ---- the temporary directory of a test ---------------------------------------------- */

static char tmpdir[64];

static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/sluice-ops-test-XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir));
}

/* KEEP_TMP=1 keeps the directories (program, inputs, outputs) to look at. */
static void cleanup_tmpdir(void)
{
    if (getenv("KEEP_TMP")) {
        cr_log_warn("kept %s", tmpdir);
        return;
    }
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) cr_log_warn("cannot remove %s", tmpdir);
}

TestSuite(operators, .init = make_tmpdir, .fini = cleanup_tmpdir);

static char *path_in(const char *name)
{
    char *p = NULL;
    cr_assert(asprintf(&p, "%s/%s", tmpdir, name) > 0);
    return p;
}

static void write_text(const char *name, const char *text)
{
    char *p = path_in(name);
    FILE *f = fopen(p, "wb");
    cr_assert_not_null(f, "cannot write %s", p);
    cr_assert_eq(fwrite(text, 1, strlen(text), f), strlen(text));
    cr_assert_eq(fclose(f), 0);
    free(p);
}

static char *read_text(const char *name)
{
    char *p = path_in(name);
    FILE *f = fopen(p, "rb");
    cr_assert_not_null(f, "cannot read %s", p);
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = 2 * cap + 8192;
            buf = realloc(buf, cap);
            cr_assert_not_null(buf);
        }
        size_t got = fread(buf + n, 1, 4096, f);
        n += got;
        if (got == 0) break;
    }
    buf[n] = 0;
    fclose(f);
    free(p);
    return buf;
}

/* ---- compiling and running ---------------------------------------------------------- */

/* The generated C of sql, as `sluice emit-c` writes it. */
static char *gen_c(const char *sql, size_t *len)
{
    Arena a;
    arena_init(&a);
    char *msgs = NULL;
    size_t msgs_len = 0;
    FILE *f = open_memstream(&msgs, &msgs_len);
    Diag d;
    diag_init(&d, "query.sql", sql, strlen(sql), f);
    Program *prog = parse_program(&a, &d, sql, strlen(sql));
    Plan *plan = prog ? bind_program(&a, &d, prog) : NULL;
    fflush(f);
    cr_assert(plan && d.n_errors == 0, "compilation failed:\n%s", msgs);
    opt_program(&a, plan);
    char *c = cg_program(&a, plan, "query.sql", NULL, len);
    cr_assert_not_null(c);
    fclose(f);
    free(msgs);
    arena_free(&a);
    return c;
}

/* (c): the operator called `name` in the generated code (its section
 * header is "---- opN: name ...") has its save and load functions, and
 * the program's save and load call them. Returns N. */
static int expect_state_functions(const char *c, const char *name)
{
    int found = -1;
    for (const char *p = strstr(c, "/* ---- op"); p; p = strstr(p + 1, "/* ---- op")) {
        char *end;
        long id = strtol(p + strlen("/* ---- op"), &end, 10);
        if (end[0] != ':' || end[1] != ' ') continue;
        size_t n = strlen(name);
        if (strncmp(end + 2, name, n) != 0 || end[2 + n] != ' ') continue;
        cr_assert_eq(found, -1, "two operators named %s", name);
        found = (int)id;
    }
    cr_assert_geq(found, 0, "no operator named %s in the generated code", name);
    char want[160];
    snprintf(want, sizeof want, "static void op%d_save(", found);
    cr_assert_not_null(strstr(c, want), "%s (op%d) has no save function", name, found);
    snprintf(want, sizeof want, "static bool op%d_load(", found);
    cr_assert_not_null(strstr(c, want), "%s (op%d) has no load function", name, found);
    snprintf(want, sizeof want, "    op%d_save(&st->op%d, b);", found, found);
    cr_assert_not_null(strstr(c, want), "prog_save does not save %s (op%d)", name, found);
    snprintf(want, sizeof want, "!op%d_load(&st->op%d, r)", found, found);
    cr_assert_not_null(strstr(c, want), "prog_load does not load %s (op%d)", name, found);
    return found;
}

/* The runtime library next to this test binary's build: build/asan/lib
 * for build/asan/tests, lib/ for build/tests. */
static void use_runtime(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    cr_assert_gt(n, 0);
    exe[n] = 0;
    *strrchr(exe, '/') = 0;
    static const char *const rel[] = {"../lib/libsluice_rt.a", "../../lib/libsluice_rt.a"};
    for (size_t i = 0; i < sizeof rel / sizeof *rel; i++) {
        char p[PATH_MAX + 64];
        snprintf(p, sizeof p, "%s/%s", exe, rel[i]);
        if (access(p, R_OK) == 0) {
            setenv("SLUICE_RUNTIME", p, 1);
            /* a sanitized runtime needs sanitized programs */
            setenv("CFLAGS",
                   UNDER_ASAN
                       ? "-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined"
                       : "",
                   1);
            return;
        }
    }
    cr_assert_fail("no libsluice_rt.a near %s", exe);
}

static bool sanitizer_report(const char *err)
{
    return strstr(err, "ERROR: AddressSanitizer") || strstr(err, "ERROR: LeakSanitizer") ||
           strstr(err, "runtime error:") || strstr(err, "SUMMARY: ");
}

/* Runs the program in the test directory; returns its stdout. */
static char *run_prog(const char *args, bool snapshot)
{
    char *cmd = NULL;
    cr_assert(asprintf(&cmd, "cd '%s' && %s./prog %s < /dev/null > out%s.txt 2> err%s.txt", tmpdir,
                       snapshot ? "SLUICE_TEST_SNAPSHOT_EVERY=1 " : "", args,
                       snapshot ? "-snap" : "", snapshot ? "-snap" : "") > 0);
    int rc = system(cmd);
    free(cmd);
    char *err = read_text(snapshot ? "err-snap.txt" : "err.txt");
    cr_assert_not(sanitizer_report(err), "sanitizer report%s:\n%s", snapshot ? " (snapshot)" : "",
                  err);
    cr_assert_eq(rc, 0, "the program%s failed (status %d):\n%s",
                 snapshot ? " with SLUICE_TEST_SNAPSHOT_EVERY=1" : "", rc, err);
    free(err);
    return read_text(snapshot ? "out-snap.txt" : "out.txt");
}

/* ---- comparing outputs ----------------------------------------------------------------- */

static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of text sorted: an order-independent form of an output. */
static char *sorted_lines(const char *text)
{
    char *copy = strdup(text);
    size_t n = 0, cap = 64;
    char **v = malloc(cap * sizeof *v);
    cr_assert(copy && v);
    for (char *save = NULL, *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (n == cap) v = realloc(v, (cap *= 2) * sizeof *v);
        cr_assert_not_null(v);
        v[n++] = l;
    }
    qsort(v, n, sizeof *v, cmp_line);
    char *out = malloc(strlen(text) + 2);
    cr_assert_not_null(out);
    out[0] = 0;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(v[i]);
        memcpy(out + o, v[i], l);
        o += l;
        out[o++] = '\n';
    }
    out[o] = 0;
    free(v);
    free(copy);
    return out;
}

typedef struct Case {
    const char *sql;
    const char *ops[4];      /* operators whose state the case is about */
    const char *files[3][2]; /* input files: name, content */
    const char *args;        /* the program's arguments */
    const char *want;        /* the expected stdout (from the model) */
    bool unordered;          /* compare as sorted lines */
} Case;

static void run_case(const Case *k)
{
    use_runtime();
    write_text("query.sql", k->sql);
    for (int i = 0; i < 3 && k->files[i][0]; i++) write_text(k->files[i][0], k->files[i][1]);
    size_t len = 0;
    char *c = gen_c(k->sql, &len);
    for (int i = 0; i < 4 && k->ops[i]; i++) expect_state_functions(c, k->ops[i]);
    char *exe = path_in("prog");
    cr_assert_eq(build_executable(c, len, exe, 0, 0), 0, "the build failed");
    free(exe);
    free(c);
    char *plain = run_prog(k->args, false);
    char *snap = run_prog(k->args, true);
    cr_assert_neq(plain[0], 0, "no output");
    /* (a); expectations rather than assertions from here on, so that a
     * failing case still frees what it holds (ASan's leak check) */
    cr_expect_str_eq(snap, plain, "a snapshot after every record changed the output");
    /* (b) */
    if (k->unordered) {
        char *got = sorted_lines(plain), *want = sorted_lines(k->want);
        cr_expect_str_eq(got, want, "output (sorted) differs from the model\ngot:\n%s\nwant:\n%s",
                         got, want);
        free(got);
        free(want);
    } else {
        cr_expect_str_eq(plain, k->want, "output differs from the model\ngot:\n%s\nwant:\n%s",
                         plain, k->want);
    }
    free(plain);
    free(snap);
}

/* ---- input rows ------------------------------------------------------------------------ */

/* Event times are milliseconds after 2024-01-01 00:00:00 UTC, within that
 * day; the day starts at a multiple of every window size below, so window
 * alignment to the epoch is alignment to 0 here. */
typedef struct Row {
    int k; /* index into KEYS */
    int v;
    int64_t ts;
} Row;

static const char *const KEYS[] = {"a", "b", "c", "d"};

/* "2024-01-01 HH:MM:SS.mmm" */
static const char *fmt_ts(int64_t ms, char *buf)
{
    cr_assert(ms >= 0 && ms < 86400000, "time %lld outside the test's day", (long long)ms);
    snprintf(buf, 32, "2024-01-01 %02d:%02d:%02d.%03d", (int)(ms / 3600000), (int)(ms / 60000 % 60),
             (int)(ms / 1000 % 60), (int)(ms % 1000));
    return buf;
}

#define H  3600000
#define MN 60000
#define S  1000

static uint64_t rng_state;
static uint64_t rnd(void)
{
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return x * 0x2545F4914F6CDD1DULL;
}
static int64_t below(int64_t n)
{
    return (int64_t)(rnd() % (uint64_t)n);
}
static void seed(uint64_t s)
{
    rng_state = s * 0x9E3779B97F4A7C15ULL;
    cr_log_info("seed %llu", (unsigned long long)s);
}

/* n rows from 01:00 on, moving forward by up to `step` ms and out of order
 * by up to `disorder` ms (with a 5 s watermark delay, disorder above 5 s
 * makes some rows late). */
static Row *gen_rows(int n, int nkeys, int64_t step, int64_t disorder, int vmax)
{
    Row *r = calloc((size_t)n, sizeof *r);
    cr_assert_not_null(r);
    int64_t clock = 1 * H;
    for (int i = 0; i < n; i++) {
        clock += below(step + 1);
        r[i].k = (int)below(nkeys);
        r[i].v = (int)below(vmax + 1);
        r[i].ts = clock - below(disorder + 1);
    }
    return r;
}

/* JSON lines {"k":..,"v":..,"ts":..} of rows. */
static char *rows_json(const Row *r, int n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    char t[32];
    for (int i = 0; i < n; i++)
        fprintf(f, "{\"k\":\"%s\",\"v\":%d,\"ts\":\"%s\"}\n", KEYS[r[i].k], r[i].v,
                fmt_ts(r[i].ts, t));
    fclose(f);
    return buf;
}

/* The watermark after each row of a source with `delay`: the largest
 * ts - delay so far (a row is processed before the watermark moves). */
static int64_t *wm_after_rows(const Row *r, int n, int64_t delay)
{
    int64_t *wm = malloc(sizeof(int64_t) * (size_t)(n ? n : 1));
    cr_assert_not_null(wm);
    int64_t m = INT64_MIN;
    for (int i = 0; i < n; i++) {
        if (r[i].ts - delay > m) m = r[i].ts - delay;
        wm[i] = m;
    }
    return wm;
}

#define EV_SQL(delay)                                                                              \
    "CREATE TABLE ev (k STRING, v INT, ts TIMESTAMP(3),\n"                                         \
    "  WATERMARK FOR ts AS ts - INTERVAL '" delay "' SECOND)\n"                                    \
    "WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');\n"

/* ---- the window model: TUMBLE, HOP, CUMULATE ---------------------------------------- */

enum { W_TUMBLE, W_HOP, W_CUMULATE };

typedef struct WinSpec {
    int kind;
    int64_t size, slide; /* slide: HOP's slide, CUMULATE's step */
} WinSpec;

/* The windows of ts by their definition (offset 0, ts >= 0): every
 * window [s, e) of the kind that holds ts. */
static int spec_windows(const WinSpec *w, int64_t ts, int64_t *ws, int64_t *we)
{
    int n = 0;
    switch (w->kind) {
    case W_TUMBLE:
        ws[0] = ts - ts % w->size;
        we[0] = ws[0] + w->size;
        return 1;
    case W_HOP:
        for (int64_t s = ts - ts % w->slide; s > ts - w->size; s -= w->slide) {
            ws[n] = s;
            we[n++] = s + w->size;
        }
        return n;
    default: {
        int64_t start = ts - ts % w->size;
        for (int64_t e = start + w->slide; e <= start + w->size; e += w->slide)
            if (e > ts) {
                ws[n] = start;
                we[n++] = e;
            }
        return n;
    }
    }
}

typedef struct Cell {
    int k;
    int64_t n, sum;
    uint64_t distinct; /* bit v: value v seen */
} Cell;

typedef struct Win {
    int64_t ws, we;
    bool fired, expired;
    Cell cells[8];
    int ncells; /* in order of first appearance */
} Win;

typedef struct WModel {
    WinSpec spec;
    int64_t lateness;
    bool changes;  /* EMIT CHANGES */
    bool distinct; /* the output has d = COUNT(DISTINCT v) */
    bool skip;     /* a filter drops the rows of the window starting at skip_ws */
    int64_t skip_ws;
    Win *w;
    int nw;
    FILE *out;
} WModel;

static bool changelog_out(const WModel *m)
{
    return m->changes || m->lateness > 0;
}

static void put_cell(const WModel *m, const char *kind, const Win *w, const Cell *c)
{
    char a[32], b[32];
    if (changelog_out(m)) fprintf(m->out, "%s ", kind);
    fprintf(m->out, "{\"k\":\"%s\",\"ws\":\"%s\",\"we\":\"%s\",\"n\":%lld,\"s\":%lld", KEYS[c->k],
            fmt_ts(w->ws, a), fmt_ts(w->we, b), (long long)c->n, (long long)c->sum);
    if (m->distinct) fprintf(m->out, ",\"d\":%d", __builtin_popcountll(c->distinct));
    fputs("}\n", m->out);
}

/* Fires the windows complete at wm (end - 1 <= wm) in order of end, then
 * start; forgets the fired windows past their lateness. */
static void wm_fire(WModel *m, int64_t wm)
{
    for (;;) {
        Win *next = NULL;
        for (int i = 0; i < m->nw; i++) {
            Win *w = &m->w[i];
            if (w->fired || (__int128)w->we - 1 > wm) continue;
            if (!next || w->we < next->we || (w->we == next->we && w->ws < next->ws)) next = w;
        }
        if (!next) break;
        next->fired = true;
        if (!m->changes)
            for (int j = 0; j < next->ncells; j++) put_cell(m, "+I", next, &next->cells[j]);
    }
    for (int i = 0; i < m->nw; i++)
        if (m->w[i].fired && (__int128)m->w[i].we - 1 + m->lateness <= wm) m->w[i].expired = true;
}

static Win *wm_window(WModel *m, int64_t ws, int64_t we)
{
    for (int i = 0; i < m->nw; i++)
        if (m->w[i].ws == ws && m->w[i].we == we) return &m->w[i];
    m->w = realloc(m->w, sizeof *m->w * (size_t)(m->nw + 1));
    cr_assert_not_null(m->w);
    memset(&m->w[m->nw], 0, sizeof *m->w);
    m->w[m->nw].ws = ws;
    m->w[m->nw].we = we;
    return &m->w[m->nw++];
}

/* The output of a window aggregation (k, ws, we, n = COUNT(*), s = SUM(v)
 * [, d = COUNT(DISTINCT v)]) over rows, the watermark after each row given
 * (docs/architecture.md "Time and state": a row is late for a window when
 * the watermark before it had reached end - 1; within the allowed lateness
 * it updates the fired window, -U/+U; EMIT CHANGES emits after every row). */
static char *window_model(WModel *m, const Row *r, int n, const int64_t *wm_after)
{
    char *buf = NULL;
    size_t len = 0;
    m->out = open_memstream(&buf, &len);
    int64_t wm = INT64_MIN;
    for (int i = 0; i < n; i++) {
        int64_t ws[64], we[64];
        int nw = spec_windows(&m->spec, r[i].ts, ws, we);
        for (int j = 0; j < nw; j++) {
            if (m->skip && ws[j] == m->skip_ws) continue;
            bool late = wm != INT64_MIN && we[j] - 1 <= wm;
            if (late && (__int128)we[j] - 1 + m->lateness <= wm) continue; /* dropped */
            Win *w = wm_window(m, ws[j], we[j]);
            if (late) w->fired = true; /* it fired before this row, empty */
            Cell *c = NULL;
            for (int x = 0; x < w->ncells; x++)
                if (w->cells[x].k == r[i].k) c = &w->cells[x];
            Cell old = {0};
            bool existed = c != NULL;
            if (existed) {
                old = *c;
            } else {
                cr_assert_lt(w->ncells, 8);
                c = &w->cells[w->ncells++];
                c->k = r[i].k;
            }
            c->n++;
            c->sum += r[i].v;
            c->distinct |= UINT64_C(1) << r[i].v;
            if (m->changes || late) {
                if (existed) {
                    put_cell(m, "-U", w, &old);
                    put_cell(m, "+U", w, c);
                } else {
                    put_cell(m, "+I", w, c);
                }
            }
        }
        if (wm_after[i] > wm) {
            wm = wm_after[i];
            wm_fire(m, wm);
        }
    }
    wm_fire(m, INT64_MAX);
    fclose(m->out);
    free(m->w);
    m->w = NULL;
    m->nw = 0;
    return buf;
}

#define WIN_SELECT                                                                                 \
    "CREATE TABLE o WITH ('connector' = 'print') AS\n"                                             \
    "SELECT k, window_start AS ws, window_end AS we, COUNT(*) AS n, SUM(v) AS s"

/* ---- window aggregations ------------------------------------------------------------------ */

/* Runs a window aggregation case over rows of ev: the model's output is
 * compared exactly when `ordered`, as sorted lines otherwise. */
static void window_case(const char *sql, const char *op, WModel *m, const Row *r, int n,
                        int64_t delay, bool ordered)
{
    char *in = rows_json(r, n);
    int64_t *wm = wm_after_rows(r, n, delay);
    char *want = window_model(m, r, n, wm);
    Case k = {.sql = sql,
              .ops = {op},
              .files = {{"ev.jsonl", in}},
              .args = "--input ev=ev.jsonl",
              .want = want,
              .unordered = !ordered};
    run_case(&k);
    free(in);
    free(wm);
    free(want);
}

Test(operators, tumble)
{
    seed(1);
    /* 10 s windows, 5 s delay, rows up to 16 s out of order: several windows
     * open at once, some rows late */
    Row *r = gen_rows(40, 3, 2500, 16000, 20);
    WModel m = {.spec = {W_TUMBLE, 10 * S, 0}};
    window_case(EV_SQL("5") WIN_SELECT "\nFROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL "
                                       "'10' SECOND))\nGROUP BY k, window_start, window_end;",
                "WindowAggregate(TUMBLE)", &m, r, 40, 5 * S, true);
    free(r);
}

Test(operators, hop_panes)
{
    seed(2);
    /* slide 4 s, size 10 s: panes of gcd = 2 s, size not a multiple of the
     * slide; COUNT and SUM merge in O(1), so the panes strategy. The first
     * row is the earliest (the out-of-order case below) */
    Row *r = gen_rows(40, 3, 2000, 18000, 20);
    int64_t min = r[0].ts;
    for (int i = 0; i < 40; i++)
        if (r[i].ts < min) min = r[i].ts;
    r[0].ts = min - 1 * S;
    WModel m = {.spec = {W_HOP, 10 * S, 4 * S}};
    window_case(EV_SQL("5") WIN_SELECT "\nFROM TABLE(HOP(TABLE ev, DESCRIPTOR(ts), INTERVAL '4' "
                                       "SECOND, INTERVAL '10' SECOND))\n"
                                       "GROUP BY k, window_start, window_end;",
                "WindowAggregate(HOP, panes)", &m, r, 40, 5 * S, false);
    free(r);
}

/* HOP from panes with an out-of-order row whose early windows end before
 * the first window of the earliest pane seen at the previous watermark
 * advance: those windows are still open (the watermark has not reached
 * their ends) and must be emitted with the row, as Flink and the
 * per-window strategy do. E.g. WATERMARK ts - 5 s, HOP slide 5 s, size
 * 10 s: rows at 00:00:12, then 00:00:03 (watermark 00:00:07), so
 * [00:00:00, 00:00:10) holds the second row. */
Test(operators, hop_panes_out_of_order_first_pane)
{
    Row r[] = {{0, 1, 1 * H + 12 * S}, {0, 2, 1 * H + 3 * S}};
    WModel m = {.spec = {W_HOP, 10 * S, 5 * S}};
    window_case(EV_SQL("5") WIN_SELECT "\nFROM TABLE(HOP(TABLE ev, DESCRIPTOR(ts), INTERVAL '5' "
                                       "SECOND, INTERVAL '10' SECOND))\n"
                                       "GROUP BY k, window_start, window_end;",
                "WindowAggregate(HOP, panes)", &m, r, 2, 5 * S, false);
}

Test(operators, hop_per_window)
{
    seed(3);
    /* COUNT(DISTINCT) does not merge in O(1): state per window */
    Row *r = gen_rows(40, 3, 2000, 18000, 6);
    WModel m = {.spec = {W_HOP, 10 * S, 4 * S}, .distinct = true};
    window_case(EV_SQL("5") WIN_SELECT ", COUNT(DISTINCT v) AS d\nFROM TABLE(HOP(TABLE ev, "
                                       "DESCRIPTOR(ts), INTERVAL '4' SECOND, INTERVAL '10' "
                                       "SECOND))\nGROUP BY k, window_start, window_end;",
                "WindowAggregate(HOP)", &m, r, 40, 5 * S, false);
    free(r);
}

Test(operators, cumulate)
{
    seed(4);
    /* step 5 s, max size 20 s */
    Row *r = gen_rows(40, 3, 2000, 25000, 20);
    WModel m = {.spec = {W_CUMULATE, 20 * S, 5 * S}};
    window_case(EV_SQL("5") WIN_SELECT "\nFROM TABLE(CUMULATE(TABLE ev, DESCRIPTOR(ts), INTERVAL "
                                       "'5' SECOND, INTERVAL '20' SECOND))\n"
                                       "GROUP BY k, window_start, window_end;",
                "WindowAggregate(CUMULATE)", &m, r, 40, 5 * S, false);
    free(r);
}

Test(operators, attached_window)
{
    seed(14);
    /* a filter on window_start keeps the TVF's rows (with their bounds)
     * apart from the aggregation, which reads the bounds it is given */
    Row *r = gen_rows(40, 3, 2500, 16000, 20);
    WModel m = {.spec = {W_TUMBLE, 10 * S, 0}, .skip = true, .skip_ws = 1 * H + 10 * S};
    window_case(EV_SQL("5") WIN_SELECT "\nFROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL "
                                       "'10' SECOND))\n"
                                       "WHERE window_start <> TIMESTAMP '2024-01-01 01:00:10'\n"
                                       "GROUP BY k, window_start, window_end;",
                "WindowAggregate(attached window)", &m, r, 40, 5 * S, true);
    free(r);
}

Test(operators, emit_changes)
{
    seed(5);
    Row *r = gen_rows(40, 3, 2500, 16000, 20);
    WModel m = {.spec = {W_TUMBLE, 10 * S, 0}, .changes = true};
    window_case(EV_SQL("5") WIN_SELECT "\nFROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL "
                                       "'10' SECOND))\nGROUP BY k, window_start, window_end "
                                       "EMIT CHANGES;",
                "WindowAggregate(TUMBLE)", &m, r, 40, 5 * S, true);
    free(r);
}

Test(operators, allowed_lateness)
{
    seed(6);
    /* an hour of lateness: late rows update fired windows (-U/+U), a late
     * row for a window that fired without rows inserts (+I); after a jump
     * of the watermark by more than an hour, rows for the old windows are
     * dropped, rows within the hour still count */
    enum { N = 46 };
    Row *r = gen_rows(N, 3, 3000, 20000, 20);
    int64_t last = r[N - 7].ts, jump = last + 1 * H;
    r[N - 6] = (Row){0, 7, jump};          /* the watermark: jump - 5 s */
    r[N - 5] = (Row){1, 3, last - 30 * S}; /* its window expired: dropped */
    r[N - 4] = (Row){2, 4, last - 2 * S};  /* fired, kept: -U/+U (or +I) */
    r[N - 3] = (Row){0, 5, last + 20 * S}; /* a window that fired empty: +I */
    r[N - 2] = (Row){1, 6, jump + 1 * S};  /* in time */
    r[N - 1] = (Row){2, 8, jump - 3 * S};  /* in time */
    WModel m = {.spec = {W_TUMBLE, 10 * S, 0}, .lateness = 1 * H};
    window_case("SET 'table.exec.emit.allow-lateness' = '1 h';\n" EV_SQL("5") WIN_SELECT
                "\nFROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL "
                "'10' SECOND))\nGROUP BY k, window_start, window_end;",
                "WindowAggregate(TUMBLE)", &m, r, N, 5 * S, true);
    free(r);
}

/* ---- sessions ------------------------------------------------------------------------------ */

/* Rows that are never late for a session (the model below is the offline
 * sessionization): a row at ts >= wm + 2 cannot touch a session that fired
 * (fired: end - 1 <= wm; touching: ts <= end). Out of order by up to the
 * delay less 2 ms; gaps sometimes longer than the session gap. */
static Row *gen_session_rows(int n, int nkeys, int64_t delay)
{
    Row *r = calloc((size_t)n, sizeof *r);
    cr_assert_not_null(r);
    int64_t maxts = 1 * H, wm = INT64_MIN;
    for (int i = 0; i < n; i++) {
        int64_t ts = maxts + (below(5) == 0 ? below(12 * S) : below(3 * S)) - below(delay);
        if (wm != INT64_MIN && ts < wm + 2) ts = wm + 2;
        r[i] = (Row){(int)below(nkeys), (int)below(21), ts};
        if (ts > maxts) maxts = ts;
        if (maxts - delay > wm) wm = maxts - delay;
    }
    return r;
}

typedef struct Sess {
    int k;
    int64_t start, end, n, sum;
} Sess;

/* Sessions with gap g per key: the connected components of the intervals
 * [ts, ts + g) of a key, where touching intervals connect. */
static int sessions_of(const Row *r, int n, int64_t g, Sess *out)
{
    int ns = 0;
    for (int k = 0; k < 4; k++) {
        /* the key's rows by ts (insertion sort: tens of rows) */
        int idx[256], m = 0;
        for (int i = 0; i < n; i++)
            if (r[i].k == k) {
                int j = m++;
                while (j > 0 && r[idx[j - 1]].ts > r[i].ts) {
                    idx[j] = idx[j - 1];
                    j--;
                }
                idx[j] = i;
            }
        for (int i = 0; i < m; i++) {
            const Row *x = &r[idx[i]];
            if (i > 0 && x->ts <= out[ns - 1].end) {
                Sess *s = &out[ns - 1];
                if (x->ts + g > s->end) s->end = x->ts + g;
                s->n++;
                s->sum += x->v;
            } else {
                out[ns++] = (Sess){k, x->ts, x->ts + g, 1, x->v};
            }
        }
    }
    return ns;
}

Test(operators, session_window_aggregate)
{
    seed(7);
    enum { N = 40 };
    Row *r = gen_session_rows(N, 3, 5 * S);
    Sess s[N];
    int ns = sessions_of(r, N, 5 * S, s);
    cr_assert_lt(ns, N, "some rows share a session");
    char *want = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&want, &len);
    char a[32], b[32];
    for (int i = 0; i < ns; i++)
        fprintf(f, "{\"k\":\"%s\",\"ws\":\"%s\",\"we\":\"%s\",\"n\":%lld,\"s\":%lld}\n",
                KEYS[s[i].k], fmt_ts(s[i].start, a), fmt_ts(s[i].end, b), (long long)s[i].n,
                (long long)s[i].sum);
    fclose(f);
    char *in = rows_json(r, N);
    Case k = {.sql = EV_SQL("5") WIN_SELECT "\nFROM TABLE(SESSION(TABLE ev PARTITION BY k, "
                                            "DESCRIPTOR(ts), INTERVAL '5' SECOND))\n"
                                            "GROUP BY k, window_start, window_end;",
              .ops = {"WindowAggregate(SESSION, merging)"},
              .files = {{"ev.jsonl", in}},
              .args = "--input ev=ev.jsonl",
              .want = want,
              .unordered = true};
    run_case(&k);
    free(in);
    free(want);
    free(r);
}

/* A SESSION TVF without aggregation keeps its rows in a SLOT_ROWS slot:
 * codegen names every slot kind (under build/asan an unnamed one would be
 * an out-of-bounds read that UBSan stops). */
Test(operators, session_tvf_rows)
{
    seed(8);
    /* no aggregation: each row once, with its session's bounds, held until
     * the session fires */
    enum { N = 40 };
    Row *r = gen_session_rows(N, 3, 5 * S);
    Sess s[N];
    int ns = sessions_of(r, N, 5 * S, s);
    char *want = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&want, &len);
    char a[32], b[32];
    for (int i = 0; i < N; i++) {
        const Sess *in = NULL;
        for (int j = 0; j < ns; j++)
            if (s[j].k == r[i].k && s[j].start <= r[i].ts && r[i].ts < s[j].end) in = &s[j];
        cr_assert_not_null(in);
        fprintf(f, "{\"k\":\"%s\",\"v\":%d,\"ws\":\"%s\",\"we\":\"%s\"}\n", KEYS[r[i].k], r[i].v,
                fmt_ts(in->start, a), fmt_ts(in->end, b));
    }
    fclose(f);
    char *in = rows_json(r, N);
    Case k = {.sql = EV_SQL("5") "CREATE TABLE o WITH ('connector' = 'print') AS\n"
                                 "SELECT k, v, window_start AS ws, window_end AS we\n"
                                 "FROM TABLE(SESSION(TABLE ev PARTITION BY k, DESCRIPTOR(ts), "
                                 "INTERVAL '5' SECOND));",
              .ops = {"WindowTableFunction(SESSION)"},
              .files = {{"ev.jsonl", in}},
              .args = "--input ev=ev.jsonl",
              .want = want,
              .unordered = true};
    run_case(&k);
    free(in);
    free(want);
    free(r);
}

/* Sessions as a stream (session.c's rules, which are Flink's merging
 * windows): a row opens [ts, ts + gap) in its key and merges every session
 * of the key that it touches into the earliest; a session fires when the
 * watermark reaches its end - 1 and, with allowed lateness, stays until
 * end - 1 + lateness. A row touching no live session is late when its own
 * session would have fired beyond the lateness. Output rows (k, ws, we,
 * n, s): EMIT CHANGES after every row, else at firing; after firing (a
 * late row within the lateness) as changes: a session whose bounds moved
 * is deleted and inserted, one that kept them updated, one merged away
 * deleted. */
typedef struct LSess {
    int k;
    int64_t start, end, n, sum;
    bool emitted, fired;
} LSess;

typedef struct SModel {
    int64_t gap, lateness;
    bool changes;
    LSess v[256];
    int n;
    FILE *out;
} SModel;

static void put_sess(SModel *m, const char *kind, const LSess *x)
{
    char a[32], b[32];
    if (m->changes || m->lateness > 0) fprintf(m->out, "%s ", kind);
    fprintf(m->out, "{\"k\":\"%s\",\"ws\":\"%s\",\"we\":\"%s\",\"n\":%lld,\"s\":%lld}\n",
            KEYS[x->k], fmt_ts(x->start, a), fmt_ts(x->end, b), (long long)x->n, (long long)x->sum);
}

static void smodel_row(SModel *m, const Row *r, int64_t wm)
{
    int64_t ns = r->ts, ne = r->ts + m->gap, ms = ns, me = ne;
    int hit[256], nh = 0;
    for (int i = 0; i < m->n; i++)
        if (m->v[i].k == r->k && m->v[i].start <= ne && m->v[i].end >= ns) {
            int j = nh++; /* by start */
            while (j > 0 && m->v[hit[j - 1]].start > m->v[i].start) {
                hit[j] = hit[j - 1];
                j--;
            }
            hit[j] = i;
            if (m->v[i].start < ms) ms = m->v[i].start;
            if (m->v[i].end > me) me = m->v[i].end;
        }
    if (nh == 0 && wm != INT64_MIN && (__int128)me - 1 <= (__int128)wm - m->lateness) return;
    if (nh == 0) {
        cr_assert_lt(m->n, 256);
        m->v[m->n] = (LSess){r->k, ns, ne, 0, 0, false, false};
        hit[nh++] = m->n++;
    }
    LSess *x = &m->v[hit[0]], old = *x;
    for (int i = 1; i < nh; i++) {
        LSess *y = &m->v[hit[i]];
        if (y->emitted) put_sess(m, "-D", y);
        x->n += y->n;
        x->sum += y->sum;
        y->k = -1; /* gone (removed below) */
    }
    x->start = ms;
    x->end = me;
    x->n++;
    x->sum += r->v;
    if (m->changes || x->fired) {
        if (!old.emitted) {
            put_sess(m, "+I", x);
        } else if (old.start != x->start || old.end != x->end) {
            put_sess(m, "-D", &old);
            put_sess(m, "+I", x);
        } else {
            put_sess(m, "-U", &old);
            put_sess(m, "+U", x);
        }
        x->emitted = true;
    }
    int o = 0;
    for (int i = 0; i < m->n; i++)
        if (m->v[i].k >= 0) m->v[o++] = m->v[i];
    m->n = o;
}

static void smodel_advance(SModel *m, int64_t wm)
{
    for (;;) {
        LSess *next = NULL;
        for (int i = 0; i < m->n; i++)
            if (!m->v[i].fired && m->v[i].end - 1 <= wm && (!next || m->v[i].end < next->end))
                next = &m->v[i];
        if (!next) break;
        next->fired = true;
        if (!m->changes) {
            put_sess(m, "+I", next);
            next->emitted = true;
        }
    }
    int o = 0;
    for (int i = 0; i < m->n; i++)
        if (!(m->v[i].fired && (__int128)m->v[i].end - 1 + m->lateness <= wm)) m->v[o++] = m->v[i];
    m->n = o;
}

static char *session_model(SModel *m, const Row *r, int n, const int64_t *wm_after)
{
    char *buf = NULL;
    size_t len = 0;
    m->out = open_memstream(&buf, &len);
    int64_t wm = INT64_MIN;
    for (int i = 0; i < n; i++) {
        smodel_row(m, &r[i], wm);
        if (wm_after[i] > wm) {
            wm = wm_after[i];
            smodel_advance(m, wm);
        }
    }
    smodel_advance(m, INT64_MAX);
    fclose(m->out);
    return buf;
}

static void session_case(const char *sql, SModel *m, const Row *r, int n)
{
    char *in = rows_json(r, n);
    int64_t *wm = wm_after_rows(r, n, 5 * S);
    char *want = session_model(m, r, n, wm);
    Case k = {.sql = sql,
              .ops = {"WindowAggregate(SESSION, merging)"},
              .files = {{"ev.jsonl", in}},
              .args = "--input ev=ev.jsonl",
              .want = want};
    run_case(&k);
    free(in);
    free(wm);
    free(want);
}

Test(operators, session_emit_changes)
{
    seed(15);
    /* sessions that grow, move their bounds and merge, row by row */
    Row *r = gen_session_rows(40, 2, 5 * S);
    SModel m = {.gap = 5 * S, .changes = true};
    session_case(EV_SQL("5") WIN_SELECT "\nFROM TABLE(SESSION(TABLE ev PARTITION BY k, "
                                        "DESCRIPTOR(ts), INTERVAL '5' SECOND))\n"
                                        "GROUP BY k, window_start, window_end EMIT CHANGES;",
                 &m, r, 40);
    free(r);
}

Test(operators, session_allowed_lateness)
{
    seed(16);
    /* fired sessions kept for an hour: late rows extend or merge them
     * (-D/+I, -U/+U) or start sessions of their own (+I); past the hour,
     * dropped */
    enum { N = 46 };
    Row *r = gen_session_rows(N, 2, 5 * S);
    int64_t last = r[N - 7].ts, jump = last + 1 * H;
    r[N - 6] = (Row){0, 7, jump};          /* the watermark: jump - 5 s */
    r[N - 5] = (Row){1, 3, last - 50 * S}; /* its session would end an hour ago: dropped */
    r[N - 4] = (Row){0, 4, last - 3 * S};  /* into a fired session, or one of its own */
    r[N - 3] = (Row){1, 5, last - 1 * S};
    r[N - 2] = (Row){0, 6, last + 40 * S}; /* alone, fired: +I at once */
    r[N - 1] = (Row){0, 8, last + 43 * S}; /* extends it: -D/+I */
    SModel m = {.gap = 5 * S, .lateness = 1 * H};
    session_case("SET 'table.exec.emit.allow-lateness' = '1 h';\n" EV_SQL("5") WIN_SELECT
                 "\nFROM TABLE(SESSION(TABLE ev PARTITION BY k, "
                 "DESCRIPTOR(ts), INTERVAL '5' SECOND))\n"
                 "GROUP BY k, window_start, window_end;",
                 &m, r, N);
    free(r);
}

/* ---- aggregations without a window ------------------------------------------------------ */

typedef struct Group {
    bool live;
    int64_t n, sum;
    int cnt[32]; /* multiset of values (MIN/MAX over retractions) */
} Group;

static void put_group(FILE *f, const char *kind, int k, const Group *g, bool minmax)
{
    fprintf(f, "%s {\"k\":\"%s\",\"n\":%lld,\"s\":%lld", kind, KEYS[k], (long long)g->n,
            (long long)g->sum);
    if (minmax) {
        int mn = -1, mx = -1;
        for (int v = 0; v < 32; v++)
            if (g->cnt[v]) {
                if (mn < 0) mn = v;
                mx = v;
            }
        fprintf(f, ",\"mn\":%d,\"mx\":%d", mn, mx);
    }
    fputs("}\n", f);
}

/* One change (+1 insert, -1 retract) of value v in group k: the changelog
 * Flink's GroupAggregate emits (+I new group, -D emptied group, -U/+U a
 * changed one, nothing when the row did not change). */
static void group_change(FILE *f, Group *g, int k, int v, int sign, bool minmax)
{
    Group old = g[k];
    g[k].n += sign;
    g[k].sum += sign * v;
    g[k].cnt[v] += sign;
    cr_assert_geq(g[k].n, 0);
    g[k].live = g[k].n > 0;
    if (!old.live && g[k].live) {
        put_group(f, "+I", k, &g[k], minmax);
    } else if (old.live && !g[k].live) {
        put_group(f, "-D", k, &old, minmax);
    } else if (old.live) {
        put_group(f, "-U", k, &old, minmax);
        put_group(f, "+U", k, &g[k], minmax);
    }
}

Test(operators, group_aggregate_append_only)
{
    seed(9);
    enum { N = 40 };
    Row *r = gen_rows(N, 4, 2000, 7000, 30);
    Group g[4] = {0};
    char *want = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&want, &len);
    for (int i = 0; i < N; i++) group_change(f, g, r[i].k, r[i].v, +1, true);
    fclose(f);
    char *in = rows_json(r, N);
    Case k = {.sql =
                  EV_SQL("5") "CREATE TABLE o WITH ('connector' = 'print') AS\n"
                              "SELECT k, COUNT(*) AS n, SUM(v) AS s, MIN(v) AS mn, MAX(v) AS mx\n"
                              "FROM ev GROUP BY k;",
              .ops = {"GroupAggregate"},
              .files = {{"ev.jsonl", in}},
              .args = "--input ev=ev.jsonl",
              .want = want};
    run_case(&k);
    free(in);
    free(want);
    free(r);
}

/* A debezium-json changelog of a table of products (id, k, v): creates,
 * updates (of the value, the key or both) and deletes of live ids. */
typedef struct Prod {
    bool live;
    int k, v;
} Prod;

static void deb_row(FILE *f, int id, const Prod *p)
{
    if (!p) {
        fputs("null", f);
        return;
    }
    fprintf(f, "{\"id\":%d,\"k\":\"%s\",\"v\":%d}", id, KEYS[p->k], p->v);
}

Test(operators, group_aggregate_changelog)
{
    seed(10);
    enum { N = 45, IDS = 12 };
    Prod p[IDS] = {0};
    Group g[4] = {0};
    char *in = NULL, *want = NULL;
    size_t ilen = 0, wlen = 0;
    FILE *fi = open_memstream(&in, &ilen), *fw = open_memstream(&want, &wlen);
    for (int i = 0; i < N; i++) {
        int id = (int)below(IDS);
        Prod nw = {true, (int)below(3), (int)below(30)};
        if (!p[id].live) { /* create: +I */
            fputs("{\"before\":null,\"after\":", fi);
            deb_row(fi, id, &nw);
            fprintf(fi, ",\"op\":\"%s\"}\n", below(2) ? "c" : "r");
            group_change(fw, g, nw.k, nw.v, +1, true);
            p[id] = nw;
        } else if (below(3)) {            /* update: -U before, +U after */
            if (below(2)) nw.k = p[id].k; /* same group: two changes of it */
            fputs("{\"before\":", fi);
            deb_row(fi, id, &p[id]);
            fputs(",\"after\":", fi);
            deb_row(fi, id, &nw);
            fputs(",\"op\":\"u\"}\n", fi);
            group_change(fw, g, p[id].k, p[id].v, -1, true);
            group_change(fw, g, nw.k, nw.v, +1, true);
            p[id] = nw;
        } else { /* delete: -D */
            fputs("{\"before\":", fi);
            deb_row(fi, id, &p[id]);
            fputs(",\"after\":null,\"op\":\"d\"}\n", fi);
            group_change(fw, g, p[id].k, p[id].v, -1, true);
            p[id].live = false;
        }
    }
    fclose(fi);
    fclose(fw);
    Case k = {.sql = "CREATE TABLE products (id INT, k STRING, v INT)\n"
                     "WITH ('connector' = 'filesystem', 'path' = 'products.jsonl',\n"
                     "      'format' = 'debezium-json');\n"
                     "CREATE TABLE o WITH ('connector' = 'print') AS\n"
                     "SELECT k, COUNT(*) AS n, SUM(v) AS s, MIN(v) AS mn, MAX(v) AS mx\n"
                     "FROM products GROUP BY k;",
              .ops = {"GroupAggregate(retracting)"},
              .files = {{"products.jsonl", in}},
              .args = "--input products=products.jsonl",
              .want = want};
    cr_assert_not_null(strstr(want, "-D "), "the input empties a group");
    run_case(&k);
    free(in);
    free(want);
}

/* ---- ChangelogNormalize ------------------------------------------------------------------- */

Test(operators, normalize_upsert_source)
{
    seed(11);
    /* upserts and deletes by id; the source's changelog printed as is
     * (README "Changelogs"): a new key +I, a changed row -U/+U, the same
     * row again nothing, a delete of a known key -D, of an unknown one
     * nothing */
    enum { N = 45, IDS = 8 };
    Prod p[IDS] = {0};
    char *in = NULL, *want = NULL;
    size_t ilen = 0, wlen = 0;
    FILE *fi = open_memstream(&in, &ilen), *fw = open_memstream(&want, &wlen);
    for (int i = 0; i < N; i++) {
        int id = (int)below(IDS);
        if (below(4) == 0) {
            fprintf(fi, "{\"key\":{\"id\":%d},\"value\":null}\n", id);
            if (p[id].live) {
                fputs("-D ", fw);
                deb_row(fw, id, &p[id]);
                fputc('\n', fw);
            }
            p[id].live = false;
            continue;
        }
        Prod nw = {true, (int)below(3), (int)below(4)}; /* often the same row again */
        fprintf(fi, "{\"key\":{\"id\":%d},\"value\":", id);
        deb_row(fi, id, &nw);
        fputs("}\n", fi);
        if (!p[id].live) {
            fputs("+I ", fw);
            deb_row(fw, id, &nw);
            fputc('\n', fw);
        } else if (p[id].k != nw.k || p[id].v != nw.v) {
            fputs("-U ", fw);
            deb_row(fw, id, &p[id]);
            fputs("\n+U ", fw);
            deb_row(fw, id, &nw);
            fputc('\n', fw);
        }
        p[id] = nw;
    }
    fclose(fi);
    fclose(fw);
    Case k = {.sql = "CREATE TABLE accounts (id INT, k STRING, v INT, PRIMARY KEY (id) NOT "
                     "ENFORCED)\n"
                     "WITH ('connector' = 'upsert-kafka', 'topic' = 'accounts',\n"
                     "      'properties.bootstrap.servers' = 'localhost:9092',\n"
                     "      'key.format' = 'json', 'value.format' = 'json');\n"
                     "CREATE TABLE o (id INT, k STRING, v INT) WITH ('connector' = 'print');\n"
                     "INSERT INTO o SELECT * FROM accounts;",
              .ops = {"ChangelogNormalize"},
              .files = {{"accounts.jsonl", in}},
              .args = "--input accounts=accounts.jsonl",
              .want = want};
    run_case(&k);
    free(in);
    free(want);
}

/* ---- Union and WatermarkAssigner --------------------------------------------------------- */

Test(operators, union_two_watermarks)
{
    seed(12);
    /* ev1 (delay 1 s) and ev2 (delay 30 s) into one 10 s TUMBLE. The files
     * are read one after the other: while ev1 is read, ev2 has no watermark
     * yet, so the Union's (the minimum) stays at its start and nothing is
     * late or fires; at ev1's end its watermark is the end of time, and
     * from then on the Union forwards ev2's. The Union's state is its
     * inputs' watermarks: lost on a load, the late rows of ev2 below would
     * count and the windows would fire later. */
    enum { N1 = 20, N2 = 25 };
    Row *r1 = gen_rows(N1, 3, 3000, 20000, 20); /* far out of order: nothing is late */
    Row *r2 = gen_rows(N2, 3, 4000, 60000, 20); /* beyond 30 s: some late */
    Row all[N1 + N2];
    int64_t wm[N1 + N2];
    memcpy(all, r1, sizeof *r1 * N1);
    memcpy(all + N1, r2, sizeof *r2 * N2);
    int64_t *wm2 = wm_after_rows(r2, N2, 30 * S);
    for (int i = 0; i < N1; i++) wm[i] = INT64_MIN;
    for (int i = 0; i < N2; i++) wm[N1 + i] = wm2[i];
    WModel m = {.spec = {W_TUMBLE, 10 * S, 0}};
    char *want = window_model(&m, all, N1 + N2, wm);
    char *in1 = rows_json(r1, N1), *in2 = rows_json(r2, N2);
    Case k = {.sql = "CREATE TABLE ev1 (k STRING, v INT, ts TIMESTAMP(3),\n"
                     "  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"
                     "WITH ('connector' = 'filesystem', 'path' = 'ev1.jsonl', 'format' = 'json');\n"
                     "CREATE TABLE ev2 (k STRING, v INT, ts TIMESTAMP(3),\n"
                     "  WATERMARK FOR ts AS ts - INTERVAL '30' SECOND)\n"
                     "WITH ('connector' = 'filesystem', 'path' = 'ev2.jsonl', 'format' = 'json');\n"
                     "CREATE VIEW u AS SELECT * FROM ev1 UNION ALL SELECT * FROM ev2;\n" WIN_SELECT
                     "\nFROM TABLE(TUMBLE(TABLE u, DESCRIPTOR(ts), INTERVAL '10' SECOND))\n"
                     "GROUP BY k, window_start, window_end;",
              .ops = {"Union", "WindowAggregate(TUMBLE)"},
              .files = {{"ev1.jsonl", in1}, {"ev2.jsonl", in2}},
              .args = "--input ev1=ev1.jsonl --input ev2=ev2.jsonl",
              .want = want};
    run_case(&k);
    free(in1);
    free(in2);
    free(want);
    free(wm2);
    free(r1);
    free(r2);
}

Test(operators, watermark_of_a_produced_table)
{
    seed(13);
    /* m is written by one statement (rows with v > 0) and read by another:
     * the reader sees m's declared WATERMARK (ts - 2 s) computed over the
     * rows written into it, not ev's (ts - 5 s) */
    enum { N = 40 };
    Row *r = gen_rows(N, 3, 2500, 14000, 9);
    Row kept[N];
    int nk = 0;
    for (int i = 0; i < N; i++)
        if (r[i].v > 0) kept[nk++] = r[i];
    cr_assert_lt(nk, N);
    int64_t *wm = wm_after_rows(kept, nk, 2 * S);
    WModel m = {.spec = {W_TUMBLE, 10 * S, 0}};
    char *want = window_model(&m, kept, nk, wm);
    char *in = rows_json(r, N);
    Case k = {.sql = EV_SQL("5") "CREATE TABLE m (k STRING, v INT, ts TIMESTAMP(3),\n"
                                 "  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND)\n"
                                 "WITH ('connector' = 'filesystem', 'path' = 'm.jsonl');\n"
                                 "INSERT INTO m SELECT k, v, ts FROM ev WHERE v > 0;\n" WIN_SELECT
                                 "\nFROM TABLE(TUMBLE(TABLE m, DESCRIPTOR(ts), INTERVAL '10' "
                                 "SECOND))\nGROUP BY k, window_start, window_end;",
              .ops = {"WatermarkAssigner", "WindowAggregate(TUMBLE)"},
              .files = {{"ev.jsonl", in}},
              .args = "--input ev=ev.jsonl",
              .want = want};
    run_case(&k);
    free(in);
    free(want);
    free(wm);
    free(r);
}

/* ---- windows at the end of time ------------------------------------------------------------ */

/* The windows of rows at epoch milliseconds ts[] by their definition, in
 * 128 bits: HOP(slide, size) or CUMULATE(step, size), offset 0, ends past
 * INT64_MAX clamped to it (docs/architecture.md "Time and state"; windows
 * that clamp to the same bounds are one window). Lines of window_start,
 * window_end and COUNT(*), formatted by the runtime's sl_ts_format. */
static char *end_of_time_want(int kind, int64_t slide, int64_t size, const int64_t *ts, int n)
{
    typedef __int128 i128;
    struct {
        int64_t ws, we, n;
    } w[64];
    int nw = 0;
    for (int i = 0; i < n; i++) {
        int64_t got_ws[64], got_we[64];
        int ng = 0;
        if (kind == W_HOP) {
            i128 top = (i128)ts[i] - (((i128)ts[i] % slide) + slide) % slide;
            for (i128 s = top; s > (i128)ts[i] - size && s >= INT64_MIN; s -= slide) {
                got_ws[ng] = (int64_t)s;
                got_we[ng++] = s + size > INT64_MAX ? INT64_MAX : (int64_t)(s + size);
            }
        } else {
            i128 start = (i128)ts[i] - (((i128)ts[i] % size) + size) % size;
            for (i128 e = start + slide; e <= start + size; e += slide) {
                if (e <= ts[i]) continue;
                int64_t we = e > INT64_MAX ? INT64_MAX : (int64_t)e;
                if (ng && got_we[ng - 1] == we) continue;
                got_ws[ng] = (int64_t)start;
                got_we[ng++] = we;
            }
        }
        for (int j = 0; j < ng; j++) {
            int x = 0;
            while (x < nw && !(w[x].ws == got_ws[j] && w[x].we == got_we[j])) x++;
            if (x == nw) {
                cr_assert_lt(nw, 64);
                w[nw].ws = got_ws[j];
                w[nw].we = got_we[j];
                w[nw++].n = 0;
            }
            w[x].n++;
        }
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    for (int i = 0; i < nw; i++) {
        char a[32], b[32];
        a[sl_ts_format(w[i].ws, a)] = 0;
        b[sl_ts_format(w[i].we, b)] = 0;
        fprintf(f, "{\"ws\":\"%s\",\"we\":\"%s\",\"n\":%lld}\n", a, b, (long long)w[i].n);
    }
    fclose(f);
    return buf;
}

#define MAX_SQL                                                                                    \
    "CREATE TABLE ev (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)\n"            \
    "WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');\n"                 \
    "CREATE TABLE o WITH ('connector' = 'print') AS\n"                                             \
    "SELECT window_start AS ws, window_end AS we, "

/* The last day of int64 milliseconds: +292278994-08-17, INT64_MAX is at
 * 07:12:55.807 of it. */
static const int64_t LAST_DAY = INT64_MAX - INT64_MAX % 86400000;

static void end_of_time_case(const char *sql, const char *op, int kind, int64_t slide, int64_t size)
{
    int64_t ts[] = {LAST_DAY + 90 * 60000, INT64_MAX};
    char in[128];
    snprintf(in, sizeof in, "{\"ts\":%lld}\n{\"ts\":%lld}\n", (long long)ts[0], (long long)ts[1]);
    char *want = end_of_time_want(kind, slide, size, ts, 2);
    Case k = {.sql = sql,
              .ops = {op},
              .files = {{"ev.jsonl", in}},
              .args = "--input ev=ev.jsonl",
              .want = want,
              .unordered = true};
    run_case(&k);
    free(want);
}

Test(operators, hop_windows_past_int64_max)
{
    /* per window (COUNT(DISTINCT) of distinct times: the row count): the
     * three windows of INT64_MAX end past it and are clamped, each keeping
     * its start */
    int64_t ts[] = {LAST_DAY + 90 * 60000, INT64_MAX};
    char *want = end_of_time_want(W_HOP, 3600000, 3 * 3600000, ts, 2);
    cr_assert_not_null(strstr(want, "\"ws\":\"+292278994-08-17 07:00:00.000\",\"we\":\"+"
                                    "292278994-08-17 07:12:55.807\",\"n\":1"));
    free(want);
    end_of_time_case(MAX_SQL "COUNT(DISTINCT ts) AS n\n"
                             "FROM TABLE(HOP(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' HOUR, "
                             "INTERVAL '3' HOUR))\nGROUP BY window_start, window_end;",
                     "WindowAggregate(HOP)", W_HOP, 3600000, 3 * 3600000);
}

/* HOP from panes at the end of time: the windows whose ends clamp to
 * INT64_MAX ([05:00, 07:12:55.807), [06:00, ...) and [07:00, ...) of
 * +292278994-08-17 for a row at INT64_MAX, HOP 1 h / 3 h) come out one by
 * one with their own starts, as the per-window strategy (the test above)
 * gives them. */
Test(operators, hop_panes_windows_past_int64_max)
{
    end_of_time_case(MAX_SQL "COUNT(*) AS n\n"
                             "FROM TABLE(HOP(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' HOUR, "
                             "INTERVAL '3' HOUR))\nGROUP BY window_start, window_end;",
                     "WindowAggregate(HOP, panes)", W_HOP, 3600000, 3 * 3600000);
}

/* CUMULATE at the end of time (test_winpool.c
 * cumulate/max_window_past_int64_max, end to end). CUMULATE(1 h, 1 day):
 * rows at 01:30 and at INT64_MAX (07:12:55.807) of +292278994-08-17; the
 * max window [00:00, +1 day) is clamped to [00:00, 07:12:55.807) and, as the
 * last window of its max window, holds both rows (n 2), after [00:00,
 * 02:00) .. [00:00, 07:00) with n 1. */
Test(operators, cumulate_windows_past_int64_max)
{
    end_of_time_case(MAX_SQL "COUNT(*) AS n\n"
                             "FROM TABLE(CUMULATE(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' HOUR, "
                             "INTERVAL '1' DAY))\nGROUP BY window_start, window_end;",
                     "WindowAggregate(CUMULATE)", W_CUMULATE, 3600000, 86400000);
}

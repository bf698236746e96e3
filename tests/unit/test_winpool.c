/* test_winpool.c - templates/sl_winpool.h on its own: window assignment of
 * HOP and CUMULATE against a brute-force enumeration of Flink's window
 * TVF windows, sl_sat_sub, the timer heap of sessions, the buffered rows
 * of a SESSION TVF, and the window pool (open windows by end, firing,
 * allowed lateness, recycling, byte accounting) against a reference model.
 *
 * Seeds: a fixed loop of seeds (SEED=N runs only N); failure messages name
 * the seed. Every expectation is computed here: by scanning candidate
 * starts one by one where the numbers are small, and in 128-bit
 * arithmetic (so nothing overflows) where they reach the ends of int64. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../templates/sl_winpool.h"

/* ---- random numbers ------------------------------------------------------------------ */

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
static uint64_t below(uint64_t n)
{
    return rnd() % n;
}
/* A uniform integer in [lo, hi]. */
static int64_t between(int64_t lo, int64_t hi)
{
    return lo + (int64_t)below((uint64_t)(hi - lo) + 1);
}

static int seeds(uint64_t *out, int max)
{
    const char *e = getenv("SEED");
    if (e && *e) {
        out[0] = strtoull(e, NULL, 10);
        return 1;
    }
    int n = 0;
    for (uint64_t s = 1; s <= (uint64_t)max; s++) out[n++] = s * 104729;
    return n;
}
static void seed_rng(uint64_t seed)
{
    rng_state = seed ? seed * 0x9E3779B97F4A7C15ULL : 1;
    cr_log_info("seed %llu", (unsigned long long)seed);
}

/* An event time drawn to hit the interesting places: near 0 (both
 * signs), near INT64_MIN, near INT64_MAX, anywhere. */
static int64_t any_ts(int64_t span)
{
    switch (below(4)) {
    case 0:
        return between(-span, span);
    case 1:
        return INT64_MIN + (int64_t)below((uint64_t)span);
    case 2:
        return INT64_MAX - (int64_t)below((uint64_t)span);
    default:
        return (int64_t)rnd();
    }
}

/* ---- 128-bit helpers ------------------------------------------------------------------- */

typedef __int128 i128;

static i128 fmod128(i128 a, i128 b)
{
    i128 r = a % b;
    return r < 0 ? r + b : r;
}

/* ---- HOP ------------------------------------------------------------------------------- */

typedef struct win {
    int64_t start, end;
} win;

#define MAXW 4096

/* Flink's HOP windows of ts: [s, s + size) for every s = offset (mod slide)
 * with s <= ts < s + size, latest start first; ends past INT64_MAX are
 * clamped to it (sl_window_end). Starts below INT64_MIN are left out;
 * *below tells whether the latest start was one (ts lies before the first
 * start that exists). Computed in 128 bits. */
static int ref_hop(int64_t ts, int64_t slide, int64_t size, int64_t offset, win *out,
                   bool *below_min)
{
    i128 top = (i128)ts - fmod128((i128)ts - offset, slide);
    *below_min = top < INT64_MIN;
    int n = 0;
    for (i128 s = top; s > (i128)ts - size; s -= slide) {
        if (s < INT64_MIN) break;
        i128 e = s + size;
        cr_assert_lt(n, MAXW);
        out[n++] = (win){(int64_t)s, e > INT64_MAX ? INT64_MAX : (int64_t)e};
    }
    return n;
}

/* The same by scanning every candidate start one by one (small values
 * only): the definition, with no modular arithmetic shortcuts. */
static int scan_hop(int64_t ts, int64_t slide, int64_t size, int64_t offset, win *out)
{
    int n = 0;
    for (int64_t s = ts; s > ts - size; s--)
        if ((s - offset) % slide == 0) out[n++] = (win){s, s + size};
    return n;
}

static int got_hop(int64_t ts, int64_t slide, int64_t size, int64_t offset, win *out)
{
    int n = 0;
    SL_HOP_FOREACH(ts, slide, size, offset, ws, we)
    {
        cr_assert_lt(n, MAXW);
        out[n++] = (win){ws, we};
    }
    int64_t last;
    cr_assert_eq(sl_hop_windows(ts, slide, size, offset, &last), n,
                 "sl_hop_windows agrees with the loop");
    if (n) cr_assert_eq(last, out[0].start, "*last is the latest start");
    return n;
}

static void expect_same(const win *want, int nw, const win *got, int ng, const char *what,
                        int64_t ts, int64_t a, int64_t b, int64_t offset, uint64_t seed)
{
    cr_assert_eq(ng, nw, "%s(ts=%lld, %lld, %lld, offset=%lld) seed %llu: %d windows, want %d",
                 what, (long long)ts, (long long)a, (long long)b, (long long)offset,
                 (unsigned long long)seed, ng, nw);
    for (int i = 0; i < nw; i++)
        cr_assert(got[i].start == want[i].start && got[i].end == want[i].end,
                  "%s(ts=%lld, %lld, %lld, offset=%lld) seed %llu: window %d is [%lld, %lld), "
                  "want [%lld, %lld)",
                  what, (long long)ts, (long long)a, (long long)b, (long long)offset,
                  (unsigned long long)seed, i, (long long)got[i].start, (long long)got[i].end,
                  (long long)want[i].start, (long long)want[i].end);
}

Test(hop, small_values_by_scanning)
{
    /* offsets negative and beyond the slide, sizes not a multiple of the
     * slide, slides larger than the size (gaps between windows) */
    static win want[MAXW], got[MAXW];
    uint64_t list[32];
    int ns = seeds(list, 4);
    for (int si = 0; si < ns; si++) {
        seed_rng(list[si]);
        for (int i = 0; i < 20000; i++) {
            int64_t slide = between(1, 25), size = between(1, 80), offset = between(-120, 120);
            int64_t ts = between(-1000, 1000);
            int nw = scan_hop(ts, slide, size, offset, want);
            int ng = got_hop(ts, slide, size, offset, got);
            expect_same(want, nw, got, ng, "HOP", ts, slide, size, offset, list[si]);
            bool bm;
            win w2[MAXW];
            cr_assert_eq(ref_hop(ts, slide, size, offset, w2, &bm), nw, "the two references agree");
        }
    }
}

Test(hop, whole_int64_range)
{
    static win want[MAXW], got[MAXW];
    uint64_t list[32];
    int ns = seeds(list, 4);
    for (int si = 0; si < ns; si++) {
        seed_rng(list[si]);
        for (int i = 0; i < 20000; i++) {
            int64_t slide = below(3) ? between(1, 1000) : between(1, INT64_C(1) << 50);
            /* up to 40 windows per row; also a size below the slide */
            int64_t k = between(0, 40);
            int64_t size = slide * k + (int64_t)below((uint64_t)slide);
            if (size <= 0) size = 1 + (int64_t)below((uint64_t)slide);
            int64_t offset = below(2) ? between(-3 * slide, 3 * slide) : (int64_t)rnd();
            int64_t ts = any_ts(3 * size + 10);
            bool below_min;
            int nw = ref_hop(ts, slide, size, offset, want, &below_min);
            int ng = got_hop(ts, slide, size, offset, got);
            if (!below_min) {
                expect_same(want, nw, got, ng, "HOP", ts, slide, size, offset, list[si]);
                continue;
            }
            /* ts lies before the first aligned start that exists: every window
             * of Flink's would start below INT64_MIN. The header clamps the
             * latest start to INT64_MIN (sl_tumble_start's rule) and leaves
             * the older ones out: at most that one window, holding ts. */
            cr_assert_eq(nw, 0);
            cr_assert_leq(ng, 1, "HOP(ts=%lld, %lld, %lld, offset=%lld): %d windows below MIN",
                          (long long)ts, (long long)slide, (long long)size, (long long)offset, ng);
            if (ng) {
                cr_assert_eq(got[0].start, INT64_MIN);
                cr_assert_eq(got[0].end, sl_window_end(INT64_MIN, size));
                cr_assert(ts < got[0].end);
            }
        }
    }
}

Test(hop, edges)
{
    static win want[MAXW], got[MAXW];
    bool bm;
    /* ts = INT64_MAX: every window ends past it, clamped */
    int64_t edge_ts[] = {INT64_MAX, INT64_MAX - 1, INT64_MIN, INT64_MIN + 1, 0, -1};
    int64_t sizes[] = {1, 2, 3, 7, 1000, INT64_MAX};
    int64_t slides[] = {1, 2, 3, 1000, INT64_MAX};
    int64_t offsets[] = {0, 1, -1, 5, INT64_MIN, INT64_MAX};
    for (size_t a = 0; a < sizeof edge_ts / sizeof *edge_ts; a++)
        for (size_t b = 0; b < sizeof sizes / sizeof *sizes; b++)
            for (size_t c = 0; c < sizeof slides / sizeof *slides; c++)
                for (size_t d = 0; d < sizeof offsets / sizeof *offsets; d++) {
                    int64_t ts = edge_ts[a], size = sizes[b], slide = slides[c], off = offsets[d];
                    if ((i128)size / slide > 1000) continue; /* too many windows to list */
                    int nw = ref_hop(ts, slide, size, off, want, &bm);
                    int ng = got_hop(ts, slide, size, off, got);
                    if (bm) {
                        cr_assert_leq(ng, 1);
                        continue;
                    }
                    expect_same(want, nw, got, ng, "HOP", ts, slide, size, off, 0);
                    if (nw) cr_assert_eq(got[0].start <= ts, true);
                }
}

/* ---- CUMULATE ---------------------------------------------------------------------------- */

/* Flink's CUMULATE windows of ts: the max window [ws, ws + size) aligned to
 * offset that holds ts, and its windows [ws, ws + k*step), k = 1..size/step,
 * that hold ts, by increasing end; in 128 bits, ends not clamped (the
 * callers clamp as they test). *ws_out gets the max window's start. */
static int ref_cumulate(int64_t ts, int64_t step, int64_t size, int64_t offset, i128 *ends,
                        i128 *ws_out)
{
    i128 ws = (i128)ts - fmod128((i128)ts - offset, size);
    *ws_out = ws;
    int n = 0;
    for (i128 k = 1; k <= size / step; k++)
        if (ws + k * step > ts) {
            cr_assert_lt(n, MAXW);
            ends[n++] = ws + k * step;
        }
    return n;
}

static int scan_cumulate(int64_t ts, int64_t step, int64_t size, int64_t offset, win *out)
{
    int64_t ws = ts;
    while ((ws - offset) % size != 0) ws--; /* the start of the max window */
    int n = 0;
    for (int64_t e = ws + step; e <= ws + size; e += step)
        if (e > ts) out[n++] = (win){ws, e};
    return n;
}

static int got_cumulate(int64_t ts, int64_t step, int64_t size, int64_t offset, win *out)
{
    int n = 0;
    SL_CUMULATE_FOREACH(ts, step, size, offset, ws, we)
    {
        cr_assert_lt(n, MAXW);
        out[n++] = (win){ws, we};
    }
    int64_t start, first_end;
    cr_assert_eq(sl_cumulate_windows(ts, step, size, offset, &start, &first_end), n);
    if (n) cr_assert(start == out[0].start && first_end == out[0].end);
    return n;
}

Test(cumulate, small_values_by_scanning)
{
    static win want[MAXW], got[MAXW];
    uint64_t list[32];
    int ns = seeds(list, 4);
    for (int si = 0; si < ns; si++) {
        seed_rng(list[si]);
        for (int i = 0; i < 20000; i++) {
            /* Flink requires size to be a multiple of step */
            int64_t step = between(1, 20), size = step * between(1, 9);
            int64_t offset = between(-150, 150), ts = between(-1000, 1000);
            int nw = scan_cumulate(ts, step, size, offset, want);
            int ng = got_cumulate(ts, step, size, offset, got);
            expect_same(want, nw, got, ng, "CUMULATE", ts, step, size, offset, list[si]);
        }
    }
}

/* The windows of ts whose max window lies inside int64: exactly Flink's. */
Test(cumulate, whole_int64_range)
{
    static win got[MAXW];
    static i128 ends[MAXW];
    uint64_t list[32];
    int ns = seeds(list, 4);
    for (int si = 0; si < ns; si++) {
        seed_rng(list[si]);
        for (int i = 0; i < 20000; i++) {
            int64_t step = below(3) ? between(1, 1000) : between(1, INT64_C(1) << 50);
            int64_t size = step * between(1, 40);
            int64_t offset = below(2) ? between(-3 * size, 3 * size) : (int64_t)rnd();
            int64_t ts = any_ts(3 * size + 10);
            i128 ws;
            int nw = ref_cumulate(ts, step, size, offset, ends, &ws);
            int ng = got_cumulate(ts, step, size, offset, got);
            if (ws < INT64_MIN || ws + size > INT64_MAX) continue; /* the tests below */
            win want[MAXW];
            for (int j = 0; j < nw; j++) want[j] = (win){(int64_t)ws, (int64_t)ends[j]};
            expect_same(want, nw, got, ng, "CUMULATE", ts, step, size, offset, list[si]);
        }
    }
}

/* A max window that starts before INT64_MIN: its start is clamped to
 * INT64_MIN (sl_tumble_start); every window given holds ts, starts at
 * INT64_MIN, and the ends go up by step within the clamped max window. */
Test(cumulate, max_window_before_int64_min)
{
    static win got[MAXW];
    static i128 ends[MAXW];
    uint64_t list[32];
    int ns = seeds(list, 4);
    for (int si = 0; si < ns; si++) {
        seed_rng(list[si]);
        int tested = 0;
        for (int i = 0; i < 20000; i++) {
            int64_t step = between(1, 1000), size = step * between(1, 40);
            int64_t offset = (int64_t)rnd();
            int64_t ts = INT64_MIN + (int64_t)below((uint64_t)size);
            i128 ws;
            ref_cumulate(ts, step, size, offset, ends, &ws);
            if (ws >= INT64_MIN) continue;
            tested++;
            int ng = got_cumulate(ts, step, size, offset, got);
            cr_assert_geq(ng, 1, "ts %lld has a window", (long long)ts);
            for (int j = 0; j < ng; j++) {
                cr_assert_eq(got[j].start, INT64_MIN);
                cr_assert(got[j].end > ts, "window %d does not hold ts", j);
                cr_assert_leq(got[j].end, sl_window_end(INT64_MIN, size));
                if (j) cr_assert_eq(got[j].end - got[j - 1].end, step);
            }
        }
        cr_assert_gt(tested, 1000);
    }
}

/* A CUMULATE max window that ends past INT64_MAX. Its last window [ws,
 * ws + size) is clamped to [ws, INT64_MAX) (a window end past the largest
 * instant is clamped to it: docs/architecture.md, "Time and state"), and
 * as the last window of its max window it must hold every row of the max
 * window. E.g. step 2, size 30, offset 0 (INT64_MAX = 7 mod 30): the max
 * window of ts = INT64_MAX - 6 is [INT64_MAX - 7, INT64_MAX + 23); the
 * windows holding ts end at INT64_MAX - 5, - 3, - 1 and then past
 * INT64_MAX (clamped: [INT64_MAX - 7, INT64_MAX)). */
Test(cumulate, max_window_past_int64_max)
{
    static win got[MAXW];
    static i128 ends[MAXW];
    /* the example from the comment, checked first */
    i128 ws;
    int64_t ts = INT64_MAX - 6;
    int nw = ref_cumulate(ts, 2, 30, 0, ends, &ws);
    int ng = got_cumulate(ts, 2, 30, 0, got);
    cr_expect(ws == (i128)INT64_MAX - 7 && nw == 15, "the reference: 15 ends from INT64_MAX - 5");
    cr_expect_eq(ng, 4, "CUMULATE(ts=INT64_MAX-6, 2, 30): %d windows, want 4 (3 + the clamped)",
                 ng);
    cr_expect(ng >= 4 && got[3].end == INT64_MAX, "the last window ends at INT64_MAX");
    ng = got_cumulate(INT64_MAX, 2, 30, 0, got);
    cr_expect(ng == 1 && got[0].start == INT64_MAX - 7 && got[0].end == INT64_MAX,
              "ts = INT64_MAX: [INT64_MAX - 7, INT64_MAX)");
    uint64_t list[32];
    int ns = seeds(list, 2);
    for (int si = 0; si < ns; si++) {
        seed_rng(list[si]);
        for (int i = 0; i < 5000; i++) {
            int64_t step = between(1, 1000), size = step * between(1, 40);
            int64_t offset = (int64_t)rnd();
            ts = INT64_MAX - (int64_t)below((uint64_t)size);
            nw = ref_cumulate(ts, step, size, offset, ends, &ws);
            if (ws + size <= INT64_MAX) continue;
            ng = got_cumulate(ts, step, size, offset, got);
            /* Flink's windows with their ends clamped; several may clamp to
             * the same [ws, INT64_MAX): that is one window */
            win want[MAXW];
            int nu = 0;
            for (int j = 0; j < nw; j++) {
                int64_t e = ends[j] > INT64_MAX ? INT64_MAX : (int64_t)ends[j];
                if (nu && want[nu - 1].end == e) continue;
                want[nu++] = (win){(int64_t)ws, e};
            }
            expect_same(want, nu, got, ng, "CUMULATE", ts, step, size, offset, list[si]);
        }
    }
}

/* ---- sl_sat_sub ---------------------------------------------------------------------------- */

Test(sat_sub, watermark_minus_lateness)
{
    /* a watermark minus a lateness (>= 0): the difference, INT64_MIN when
     * it would fall below, and the end of input stays the end */
    uint64_t list[32];
    int ns = seeds(list, 4);
    for (int si = 0; si < ns; si++) {
        seed_rng(list[si]);
        for (int i = 0; i < 100000; i++) {
            int64_t a = below(2) ? any_ts(1000) : between(-1000, 1000);
            int64_t b = below(3) ? between(0, 1000) : (int64_t)(rnd() >> 1);
            if (i % 101 == 0) b = 0;
            i128 d = (i128)a - b;
            int64_t want = a == INT64_MAX ? INT64_MAX : d < INT64_MIN ? INT64_MIN : (int64_t)d;
            cr_assert_eq(sl_sat_sub(a, b), want, "sl_sat_sub(%lld, %lld)", (long long)a,
                         (long long)b);
        }
    }
    cr_assert_eq(sl_sat_sub(INT64_MIN, 0), INT64_MIN);
    cr_assert_eq(sl_sat_sub(INT64_MIN, INT64_MAX), INT64_MIN);
    cr_assert_eq(sl_sat_sub(INT64_MAX, INT64_MAX), INT64_MAX);
    cr_assert_eq(sl_sat_sub(INT64_MAX - 1, INT64_MAX), -1);
    cr_assert_eq(sl_sat_sub(-1, INT64_MAX), INT64_MIN);
}

/* ---- the timer heap ------------------------------------------------------------------------ */

typedef struct tref {
    int64_t at;
    uint64_t ver;
    bool popped;
} tref;

Test(timerq, pops_every_due_timer_once_in_order)
{
    uint64_t list[32];
    int ns = seeds(list, 6);
    for (int si = 0; si < ns; si++) {
        seed_rng(list[si]);
        enum { N = 3000 };
        static tref t[N];
        int pushed = 0, popped = 0;
        sl_timerq q = {0};
        int64_t wm = INT64_MIN;
        /* clustered times (many equal `at`s) and the ends of int64 */
        while (popped < N) {
            int batch = (int)below(60);
            for (int j = 0; j < batch && pushed < N; j++) {
                int64_t at = below(10) == 0  ? (below(2) ? INT64_MIN : INT64_MAX)
                             : below(3) == 0 ? wm == INT64_MIN ? 0 : wm + between(-5, 5)
                                             : between(-2000, 20000);
                if (wm != INT64_MIN && below(3) == 0 && wm < INT64_MAX - 100)
                    at = wm + 1 + between(0, 50);
                t[pushed] = (tref){at, (uint64_t)pushed, false};
                sl_timerq_push(&q, at, 0, 0, &t[pushed], (uint64_t)pushed);
                pushed++;
            }
            /* the watermark moves on (never back); at the end, to +inf */
            if (wm == INT64_MIN)
                wm = between(-3000, 0);
            else if (pushed == N && below(4) == 0)
                wm = INT64_MAX;
            else if (wm < INT64_MAX - 1000)
                wm += between(0, 400);
            sl_timer out;
            int64_t prev_at = INT64_MIN;
            while (sl_timerq_pop_due(&q, wm, &out)) {
                tref *r = out.p;
                cr_assert(r >= t && r < t + pushed);
                cr_assert_eq(out.ver, r->ver, "ver travels with its timer");
                cr_assert_eq(out.at, r->at);
                cr_assert_not(r->popped, "seed %llu: timer %llu popped twice",
                              (unsigned long long)list[si], (unsigned long long)r->ver);
                r->popped = true;
                popped++;
                /* due: at - 1 <= wm (never early), in non-decreasing at */
                cr_assert((i128)out.at - 1 <= wm, "seed %llu: timer at %lld popped at wm %lld",
                          (unsigned long long)list[si], (long long)out.at, (long long)wm);
                cr_assert_geq(out.at, prev_at, "seed %llu: out of order",
                              (unsigned long long)list[si]);
                prev_at = out.at;
            }
            /* nothing due is left behind */
            cr_assert_eq(q.n, (size_t)(pushed - popped));
            for (int j = 0; j < pushed; j++)
                if (!t[j].popped)
                    cr_assert((i128)t[j].at - 1 > wm,
                              "seed %llu: due timer %d (at %lld) left at "
                              "wm %lld",
                              (unsigned long long)list[si], j, (long long)t[j].at, (long long)wm);
            if (pushed == N && popped < N && wm != INT64_MAX && below(2)) wm = INT64_MAX - 1;
            if (pushed == N && wm == INT64_MAX - 1) wm = INT64_MAX;
        }
        cr_assert_eq(q.n, 0);
        sl_timerq_free(&q);
        cr_assert_null(q.v);
    }
}

Test(timerq, empty_and_end_of_input)
{
    sl_timerq q = {0};
    sl_timer out;
    cr_assert_not(sl_timerq_pop_due(&q, INT64_MAX, &out));
    int x;
    sl_timerq_push(&q, INT64_MAX, 0, 0, &x, 1);
    cr_assert_not(sl_timerq_pop_due(&q, INT64_MAX - 2, &out), "INT64_MAX is due at MAX - 1");
    cr_assert(sl_timerq_pop_due(&q, INT64_MAX - 1, &out));
    cr_assert_eq(out.p, &x);
    sl_timerq_push(&q, INT64_MIN, 0, 0, &x, 2);
    cr_assert(sl_timerq_pop_due(&q, INT64_MIN, &out), "INT64_MIN is due at once");
    cr_assert_eq(out.ver, 2);
    sl_timerq_free(&q);
}

/* ---- buffered rows ------------------------------------------------------------------------- */

Test(rows, save_load_bytes)
{
    uint64_t list[32];
    int ns = seeds(list, 4);
    for (int si = 0; si < ns; si++) {
        seed_rng(list[si]);
        for (int round = 0; round < 200; round++) {
            sl_rows r = {0};
            /* empty rows: the test below */
            size_t n = 1 + (size_t)below(round < 100 ? 64 : 5000);
            char *want = malloc(n + 1);
            cr_assert_not_null(want);
            for (size_t i = 0; i < n; i++) want[i] = (char)rnd(); /* any bytes, NUL too */
            sl_buf_put(&r, want, n);
            cr_assert_geq(sl_rows_bytes(&r), n, "bytes cover the rows");
            cr_assert_eq(sl_rows_bytes(&r), r.cap, "the buffer's allocation");
            /* saved between two other values, as an operator's save does */
            sl_buf b = {0};
            sl_save_u64(&b, 0xAAAA);
            sl_rows_save(&r, &b);
            sl_save_u64(&b, 0xBBBB);
            char *copy = malloc(b.n);
            cr_assert_not_null(copy);
            memcpy(copy, b.p, b.n);
            sl_rbuf in = sl_rbuf_of(copy, b.n);
            cr_assert_eq(sl_load_u64(&in), 0xAAAA);
            /* a loaded rows buffer replaces what it held */
            sl_rows got = {0};
            sl_buf_put(&got, "stale", 5);
            cr_assert(sl_rows_load(&got, &in));
            cr_assert_eq(sl_load_u64(&in), 0xBBBB);
            cr_assert_not(in.err);
            cr_assert_eq(got.n, n);
            cr_assert_eq(memcmp(got.p, want, n), 0);
            cr_assert_geq(sl_rows_bytes(&got), n);
            /* own copy: the snapshot can go */
            memset(copy, 0, b.n);
            cr_assert_eq(memcmp(got.p, want, n), 0);
            /* every truncation fails cleanly and leaves no rows */
            for (size_t cut = 8; cut < 8 + 8 + n; cut += 1 + cut / 16) {
                char *part = malloc(cut);
                cr_assert_not_null(part);
                memcpy(part, b.p, cut);
                sl_rbuf t = sl_rbuf_of(part, cut);
                sl_load_u64(&t);
                sl_rows x = {0};
                sl_buf_put(&x, "old", 3);
                cr_assert_not(sl_rows_load(&x, &t), "a cut at %zu of %zu loaded", cut, b.n);
                cr_assert_eq(x.n, 0);
                sl_rows_free(&x);
                free(part);
            }
            free(copy);
            free(want);
            sl_buf_free(&b);
            sl_rows_free(&got);
            sl_rows_free(&r);
            cr_assert_eq(sl_rows_bytes(&r), 0);
        }
    }
}

/* Empty rows loaded into a zeroed sl_rows, as a program's load does into
 * its fresh state: nothing is copied from a NULL buffer (UBSan in
 * build/asan reports memcpy(NULL, p, 0)). */
Test(rows, empty_round_trip)
{
    sl_rows r = {0};
    cr_assert_eq(sl_rows_bytes(&r), 0);
    sl_buf b = {0};
    sl_rows_save(&r, &b);
    sl_rbuf in = sl_rbuf_of(b.p, b.n);
    sl_rows got = {0};
    cr_assert(sl_rows_load(&got, &in));
    cr_assert_eq(got.n, 0);
    cr_assert_eq(sl_rbuf_left(&in), 0);
    sl_rows_free(&got);
    sl_buf_free(&b);
}

/* ---- the window pool ------------------------------------------------------------------------ */

/* The state of one window in the test: a row count and a heap buffer
 * (so that win_bytes, win_reset keeping memory, and win_free matter). */
typedef struct twin {
    int64_t count;
    char *buf;
    size_t cap;
    int magic; /* set by win_init: a window given out was initialised */
} twin;

static int twin_inits, twin_resets, twin_frees;

static void twin_init(twin *w)
{
    cr_assert_eq(w->count, 0, "win_init gets zeroed memory");
    cr_assert_null(w->buf);
    w->magic = 0x5EED;
    twin_inits++;
}
static void twin_reset(twin *w)
{
    w->count = 0; /* keeps buf */
    twin_resets++;
}
static void twin_free(twin *w)
{
    free(w->buf);
    w->buf = NULL;
    twin_frees++;
}
static uint64_t twin_bytes(const twin *w)
{
    return w->cap;
}
static void twin_add(twin *w)
{
    w->count++;
    if (!w->buf) {
        w->cap = 8 + below(64);
        w->buf = malloc(w->cap);
        cr_assert_not_null(w->buf);
    }
}

SL_WINPOOL_DEFINE(tpool, twin, twin_init, twin_reset, twin_free, twin_bytes)

typedef struct mwin {
    int64_t start, end, count;
    twin *w;
} mwin;

/* A set of windows kept sorted by (end, start), like the reference of
 * sl_winset. */
typedef struct mset {
    mwin v[4096];
    int n;
} mset;

static int mset_find(const mset *s, int64_t start, int64_t end)
{
    for (int i = 0; i < s->n; i++)
        if (s->v[i].start == start && s->v[i].end == end) return i;
    return -1;
}
static void mset_add(mset *s, mwin w)
{
    cr_assert_lt(s->n, 4096);
    int i = s->n;
    while (i > 0 &&
           (s->v[i - 1].end > w.end || (s->v[i - 1].end == w.end && s->v[i - 1].start > w.start))) {
        s->v[i] = s->v[i - 1];
        i--;
    }
    s->v[i] = w;
    s->n++;
}
static void mset_del(mset *s, int i)
{
    memmove(&s->v[i], &s->v[i + 1], (size_t)(s->n - i - 1) * sizeof *s->v);
    s->n--;
}

/* The pool's set equals the model's, in order, with the same states. */
static void check_set(const sl_winset *ws, const mset *m, const char *what, uint64_t seed, int step)
{
    cr_assert_eq(ws->n, (size_t)m->n, "seed %llu step %d: %s holds %zu windows, model %d",
                 (unsigned long long)seed, step, what, ws->n, m->n);
    for (int i = 0; i < m->n; i++) {
        cr_assert(ws->v[i].start == m->v[i].start && ws->v[i].end == m->v[i].end,
                  "seed %llu step %d: %s window %d", (unsigned long long)seed, step, what, i);
        const twin *w = ws->v[i].state;
        cr_assert_eq(w, m->v[i].w);
        cr_assert_eq(w->count, m->v[i].count, "seed %llu step %d: %s window %d count",
                     (unsigned long long)seed, step, what, i);
        cr_assert_eq(w->magic, 0x5EED);
    }
}

Test(winpool, random_against_model)
{
    uint64_t list[32];
    int ns = seeds(list, 6);
    for (int si = 0; si < ns; si++) {
        uint64_t seed = list[si];
        seed_rng(seed);
        static mset open, kept;
        open.n = kept.n = 0;
        tpool p;
        memset(&p, 0, sizeof p);
        twin_inits = twin_resets = twin_frees = 0;
        int64_t wm = -100000, lateness = between(0, 3) * 50;
        int live_max = 0, recycled = 0;
        for (int step = 0; step < 6000; step++) {
            unsigned op = (unsigned)below(100);
            if (op < 60) {
                /* a row for a window around the watermark: open, or kept
                 * within its lateness (as window_agg.c does), or late */
                int64_t size = 50 * between(1, 4);
                int64_t start = wm - 200 + 50 * between(0, 12);
                int64_t end = start + size;
                bool created;
                if (end - 1 > wm) {
                    int had = mset_find(&open, start, end);
                    uint64_t allocated = p.n_windows;
                    uint32_t free_before = p.n_free;
                    twin *w = tpool_get(&p, start, end, &created);
                    cr_assert_eq(created, had < 0, "seed %llu step %d: created",
                                 (unsigned long long)seed, step);
                    if (created) {
                        cr_assert_eq(w->count, 0, "a new window starts empty (recycled: reset)");
                        /* a recycled window is used before a new one is made */
                        if (free_before) {
                            cr_assert_eq(p.n_windows, allocated);
                            cr_assert_eq(p.n_free, free_before - 1);
                        } else {
                            cr_assert_eq(p.n_windows, allocated + 1);
                        }
                        mset_add(&open, (mwin){start, end, 0, w});
                        had = mset_find(&open, start, end);
                    }
                    cr_assert_eq(w, open.v[had].w);
                    twin_add(w);
                    open.v[had].count++;
                } else if (end - 1 > wm - lateness) {
                    int had = mset_find(&kept, start, end);
                    twin *w = tpool_get_kept(&p, start, end, false, &created);
                    cr_assert_not(created);
                    if (had < 0) {
                        cr_assert_null(w, "seed %llu step %d: kept window out of nowhere",
                                       (unsigned long long)seed, step);
                        w = tpool_get_kept(&p, start, end, true, &created);
                        cr_assert(created);
                        cr_assert_eq(w->count, 0);
                        mset_add(&kept, (mwin){start, end, 0, w});
                        had = mset_find(&kept, start, end);
                    }
                    cr_assert_eq(w, kept.v[had].w);
                    twin_add(w);
                    kept.v[had].count++;
                }
            } else if (op < 90) {
                /* the watermark advances: windows fire in order of end (then
                 * start); each is kept for its lateness or recycled */
                wm += between(0, 120);
                sl_window span;
                twin *w;
                while ((w = tpool_pop_fired(&p, wm, &span)) != NULL) {
                    cr_assert_gt(open.n, 0, "seed %llu step %d: fired a window not open",
                                 (unsigned long long)seed, step);
                    cr_assert(span.start == open.v[0].start && span.end == open.v[0].end,
                              "seed %llu step %d: fired [%lld, %lld), want [%lld, %lld)",
                              (unsigned long long)seed, step, (long long)span.start,
                              (long long)span.end, (long long)open.v[0].start,
                              (long long)open.v[0].end);
                    cr_assert_leq(span.end - 1, wm, "fired early");
                    cr_assert_eq(w, open.v[0].w);
                    cr_assert_eq(span.state, w);
                    cr_assert_eq(w->count, open.v[0].count);
                    mwin mw = open.v[0];
                    mset_del(&open, 0);
                    if (lateness && span.end - 1 > wm - lateness) {
                        tpool_keep(&p, &span);
                        mset_add(&kept, mw);
                    } else {
                        int resets = twin_resets;
                        tpool_recycle(&p, w);
                        cr_assert_eq(twin_resets, resets + 1);
                        recycled++;
                    }
                }
                /* nothing due is left open */
                for (int i = 0; i < open.n; i++) cr_assert_gt(open.v[i].end - 1, wm);
                while ((w = tpool_pop_expired(&p, wm - lateness, &span)) != NULL) {
                    cr_assert_gt(kept.n, 0);
                    cr_assert(span.start == kept.v[0].start && span.end == kept.v[0].end,
                              "seed %llu step %d: expired the wrong window",
                              (unsigned long long)seed, step);
                    cr_assert_leq(span.end - 1 + lateness, wm);
                    cr_assert_eq(w, kept.v[0].w);
                    mset_del(&kept, 0);
                    tpool_recycle(&p, w);
                    recycled++;
                }
                for (int i = 0; i < kept.n; i++) cr_assert_gt(kept.v[i].end - 1 + lateness, wm);
            } else {
                /* lookups of windows that may be absent: no side effects */
                int64_t start = wm - 400 + 50 * between(0, 16), end = start + 50 * between(1, 4);
                bool created = true;
                twin *w = tpool_get_kept(&p, start, end, false, &created);
                cr_assert_not(created);
                int had = mset_find(&kept, start, end);
                cr_assert_eq(w, had < 0 ? NULL : kept.v[had].w);
            }
            check_set(&p.open, &open, "open", seed, step);
            check_set(&p.kept, &kept, "kept", seed, step);
            int live = open.n + kept.n;
            if (live > live_max) live_max = live;
            /* windows are allocated only when none is free: never more than
             * were live at once */
            cr_assert_eq(p.n_windows, (uint64_t)(live + (int)p.n_free));
            cr_assert_leq(p.n_windows, (uint64_t)live_max);
            cr_assert_eq((uint64_t)twin_inits, p.n_windows);
            /* bytes as the header defines them, and plausibly */
            uint64_t held = 0;
            for (int i = 0; i < open.n; i++) held += open.v[i].w->cap;
            for (int i = 0; i < kept.n; i++) held += kept.v[i].w->cap;
            for (uint32_t i = 0; i < p.n_free; i++) held += p.free[i]->cap;
            cr_assert_eq(tpool_bytes(&p),
                         p.n_windows * sizeof(twin) +
                             (p.open.cap + p.kept.cap) * sizeof(sl_window) +
                             p.cap_free * sizeof(twin *) + held,
                         "seed %llu step %d: bytes", (unsigned long long)seed, step);
            cr_assert_geq(tpool_bytes(&p),
                          p.n_windows * sizeof(twin) + (uint64_t)live * sizeof(sl_window) + held);
        }
        cr_assert_gt(recycled, 100, "the run recycled windows");
        /* the end of input fires everything, in order */
        sl_window span;
        twin *w;
        int fired = 0;
        int64_t prev_end = INT64_MIN;
        while ((w = tpool_pop_fired(&p, INT64_MAX, &span)) != NULL) {
            cr_assert_geq(span.end, prev_end);
            prev_end = span.end;
            tpool_recycle(&p, w);
            fired++;
        }
        cr_assert_eq(fired, open.n);
        while ((w = tpool_pop_expired(&p, INT64_MAX, &span)) != NULL) tpool_recycle(&p, w);
        cr_assert_eq(p.open.n + p.kept.n, 0);
        cr_assert_eq(p.n_free, p.n_windows);
        uint64_t allocated = p.n_windows;
        tpool_free(&p);
        cr_assert_eq((uint64_t)twin_frees, allocated, "every window freed once");
        cr_assert_eq(tpool_bytes(&p), 0);
    }
}

Test(winpool, steady_stream_allocates_nothing)
{
    /* tumbling windows one after another: after the first, every window
     * comes from the free list */
    tpool p;
    memset(&p, 0, sizeof p);
    bool created;
    sl_window span;
    twin *w;
    for (int64_t k = 0; k < 1000; k++) {
        w = tpool_get(&p, 10 * k, 10 * k + 10, &created);
        cr_assert(created);
        twin_add(w);
        w = tpool_get(&p, 10 * k, 10 * k + 10, &created);
        cr_assert_not(created, "the same window again");
        twin_add(w);
        cr_assert_eq(w->count, 2);
        cr_assert_null(tpool_pop_fired(&p, 10 * k + 8, &span), "not complete before end - 1");
        w = tpool_pop_fired(&p, 10 * k + 9, &span);
        cr_assert_not_null(w);
        cr_assert_eq(span.start, 10 * k);
        tpool_recycle(&p, w);
    }
    cr_assert_eq(p.n_windows, 1);
    uint64_t b = tpool_bytes(&p);
    cr_assert_geq(b, sizeof(twin));
    tpool_free(&p);
}

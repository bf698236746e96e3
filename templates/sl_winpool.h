/* sl_winpool.h - the window/timer pool of window operators, instantiated
 * per operator (docs/architecture.md, "Templates"):
 *
 *   SL_WINPOOL_DEFINE(name, win_t, win_init, win_reset, win_free, win_bytes)
 *
 * defines `name`: the open windows of an operator ordered by end (a timer
 * queue that the watermark drains: firing never scans all state), the
 * fired windows kept for allowed lateness (ordered by end too, drained at
 * end - 1 + lateness), and a free list that recycles fired windows so a
 * steady stream allocates nothing. win_t is the state of one window (its
 * groups); the caller's functions:
 *
 *   void win_init(win_t *w)       a fresh window (zeroed memory)
 *   void win_reset(win_t *w)      forget its contents, keep memory
 *   void win_free(win_t *w)       free what it owns (not w itself)
 *   uint64_t win_bytes(const win_t *w)   heap bytes it holds
 *
 * The ordering itself is the runtime's sl_winset (a sorted array with a
 * one-entry cache, O(1) appends and pops in event-time order). */
#ifndef SLUICE_SL_WINPOOL_H
#define SLUICE_SL_WINPOOL_H

#include "sl_sql.h"
#include "sluice_rt.h"

/* ---- window assignment (Flink window TVF rules) ----------------------------------- */

/* HOP(slide, size, offset): the windows that contain ts are [s, s + size)
 * for the starts s = last, last - slide, ... while s > ts - size, with last
 * the latest start not after ts (Flink's SlidingWindowAssigner order:
 * latest first). Returns how many; *last gets the latest start. Defined
 * for every int64 ts (starts below INT64_MIN do not exist). */
static inline int64_t sl_hop_windows(int64_t ts, int64_t slide, int64_t size, int64_t offset,
                                     int64_t *last)
{
    *last = sl_tumble_start(ts, slide, offset);
    __int128 span = (__int128)size - ((__int128)ts - *last); /* > 0: window `last` holds ts */
    if (span <= 0) return 0;
    __int128 n = (span + slide - 1) / slide;
    __int128 lowest = (__int128)*last - (n - 1) * slide;
    if (lowest < INT64_MIN) n = ((__int128)*last - INT64_MIN) / slide + 1;
    return (int64_t)n;
}

/* Iterates the HOP windows of ts: ws, we are declared by the macro. */
#define SL_HOP_FOREACH(ts, slide, size, offset, ws, we)                                            \
    for (int64_t sl_last_, sl_n_ = sl_hop_windows((ts), (slide), (size), (offset), &sl_last_),     \
                           sl_i_ = 0, ws = 0, we = 0;                                              \
         sl_i_ < sl_n_ &&                                                                          \
         ((ws = sl_last_ - sl_i_ * (slide)), (we = sl_window_end(ws, (size))), 1);                 \
         sl_i_++)

/* CUMULATE(step, size, offset): the windows that contain ts are [start,
 * end) with start the tumbling start of size and end = the first step
 * boundary after ts, then every step up to start + size (Flink's
 * CumulativeWindowAssigner). Returns how many; *start and *first_end. A
 * max window whose end passes the largest instant ends at INT64_MAX (as
 * sl_window_end clamps), and that clamped window counts too. */
static inline int64_t sl_cumulate_windows(int64_t ts, int64_t step, int64_t size, int64_t offset,
                                          int64_t *start, int64_t *first_end)
{
    *start = sl_tumble_start(ts, size, offset);
    int64_t last = sl_window_end(*start, size);
    *first_end = sl_window_end(sl_tumble_start(ts, step, offset), step);
    if (*first_end > last) return 0;
    __int128 gap = (__int128)last - *first_end;
    if (last == INT64_MAX) gap += step - 1; /* the clamped window, off the step grid */
    return (int64_t)(gap / step + 1);
}

/* The end of the i-th CUMULATE window from first_end (clamped to INT64_MAX). */
static inline int64_t sl_cumulate_end(int64_t first_end, int64_t i, int64_t step)
{
    __int128 e = (__int128)first_end + (__int128)i * step;
    return e > INT64_MAX ? INT64_MAX : (int64_t)e;
}

#define SL_CUMULATE_FOREACH(ts, step, size, offset, ws, we)                                        \
    for (int64_t ws = 0, sl_first_ = 0,                                                            \
                 sl_n_ = sl_cumulate_windows((ts), (step), (size), (offset), &ws, &sl_first_),     \
                 sl_i_ = 0, we = 0;                                                                \
         sl_i_ < sl_n_ && ((we = sl_cumulate_end(sl_first_, sl_i_, (step))), 1); sl_i_++)

/* a - b, saturating at INT64_MIN (a watermark minus a lateness). */
static inline int64_t sl_sat_sub(int64_t a, int64_t b)
{
    int64_t r;
    if (a == INT64_MAX) return INT64_MAX; /* the end of input stays the end */
    return __builtin_sub_overflow(a, b, &r) ? INT64_MIN : r;
}

/* ---- timer queue ------------------------------------------------------------------ */

/* A timer: fires when the watermark reaches at - 1; p and ver identify
 * what it is for (a session's timer is stale when the session's version
 * moved on: its end changed). Timers due at the same time fire in the
 * order of (k1, k2) (a session: its start and its key's hash), so that the
 * order does not depend on the heap's history: a run restored from a
 * checkpoint emits exactly what the uninterrupted run does. */
typedef struct sl_timer {
    int64_t at;
    int64_t k1;
    uint64_t k2;
    void *p;
    uint64_t ver;
} sl_timer;

/* A binary min-heap of timers by (at, k1, k2) (sessions, whose ends move
 * as they merge, cannot use the sorted window set). */
typedef struct sl_timerq {
    sl_timer *v;
    size_t n, cap;
} sl_timerq;

static inline bool sl_timer_before(const sl_timer *a, const sl_timer *b)
{
    if (a->at != b->at) return a->at < b->at;
    if (a->k1 != b->k1) return a->k1 < b->k1;
    return a->k2 < b->k2;
}

static inline void sl_timerq_push(sl_timerq *q, int64_t at, int64_t k1, uint64_t k2, void *p,
                                  uint64_t ver)
{
    if (q->n == q->cap) {
        q->cap = q->cap ? 2 * q->cap : 64;
        q->v = (sl_timer *)sl_xrealloc(q->v, sizeof *q->v * q->cap);
    }
    sl_timer t = {at, k1, k2, p, ver};
    size_t i = q->n++;
    while (i > 0 && sl_timer_before(&t, &q->v[(i - 1) / 2])) {
        q->v[i] = q->v[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    q->v[i] = t;
}

/* Removes the earliest timer into *out when it is due (at - 1 <= wm). */
static inline bool sl_timerq_pop_due(sl_timerq *q, int64_t wm, sl_timer *out)
{
    if (q->n == 0) return false;
    if (wm != INT64_MAX && q->v[0].at > wm + 1) return false;
    *out = q->v[0];
    sl_timer last = q->v[--q->n];
    size_t i = 0;
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= q->n) break;
        if (c + 1 < q->n && sl_timer_before(&q->v[c + 1], &q->v[c])) c++;
        if (!sl_timer_before(&q->v[c], &last)) break;
        q->v[i] = q->v[c];
        i = c;
    }
    if (q->n) q->v[i] = last;
    return true;
}

static inline void sl_timerq_free(sl_timerq *q)
{
    free(q->v);
    memset(q, 0, sizeof *q);
}

/* ---- buffered rows -------------------------------------------------------------- */

/* The rows a SESSION window table function holds until its session fires:
 * serialised one after another (the generated opN_put_row / opN_get_row),
 * so their strings are owned without an allocation per row. */
typedef sl_buf sl_rows;

static inline void sl_rows_free(sl_rows *r)
{
    sl_buf_free(r);
}

static inline uint64_t sl_rows_bytes(const sl_rows *r)
{
    return r->cap;
}

static inline void sl_rows_save(const sl_rows *r, sl_buf *b)
{
    sl_save_bytes(b, r->p, r->n);
}

static inline bool sl_rows_load(sl_rows *r, sl_rbuf *in)
{
    sl_str s = sl_load_str(in);
    r->n = 0;
    if (in->err) return false;
    if (s.n) sl_buf_put(r, s.p, s.n); /* (memcpy from NULL when empty) */
    return true;
}

#define SL_WINPOOL_DEFINE(name, win_t, win_init, win_reset, win_free, win_bytes)                   \
    typedef struct name {                                                                          \
        sl_winset open; /* not fired: by end */                                                    \
        sl_winset kept; /* fired, kept for allowed lateness: by end */                             \
        win_t **free;   /* recycled windows */                                                     \
        uint32_t n_free, cap_free;                                                                 \
        uint64_t n_windows; /* allocated windows (open, kept and free) */                          \
    } name;                                                                                        \
                                                                                                   \
    static inline win_t *name##_new_window(name *p)                                                \
    {                                                                                              \
        if (p->n_free) return p->free[--p->n_free];                                                \
        win_t *w = (win_t *)sl_xcalloc(1, sizeof *w);                                              \
        win_init(w);                                                                               \
        p->n_windows++;                                                                            \
        return w;                                                                                  \
    }                                                                                              \
                                                                                                   \
    /* The open window [start, end), created when absent. */                                       \
    static inline win_t *name##_get(name *p, int64_t start, int64_t end, bool *created)            \
    {                                                                                              \
        sl_window *s = sl_winset_get(&p->open, start, end, created);                               \
        if (*created) s->state = name##_new_window(p);                                             \
        return (win_t *)s->state;                                                                  \
    }                                                                                              \
                                                                                                   \
    /* A fired window still kept (allowed lateness), or NULL; with create,                         \
     * a fresh kept window when absent (a late record for a window that                            \
     * had no rows when it fired). */                                                              \
    static inline win_t *name##_get_kept(name *p, int64_t start, int64_t end, bool create,         \
                                         bool *created)                                            \
    {                                                                                              \
        *created = false;                                                                          \
        for (size_t i = 0; i < p->kept.n; i++)                                                     \
            if (p->kept.v[i].start == start && p->kept.v[i].end == end)                            \
                return (win_t *)p->kept.v[i].state;                                                \
        if (!create) return NULL;                                                                  \
        sl_window *s = sl_winset_get(&p->kept, start, end, created);                               \
        s->state = name##_new_window(p);                                                           \
        return (win_t *)s->state;                                                                  \
    }                                                                                              \
                                                                                                   \
    /* The open window with the smallest end when the watermark completed                          \
     * it (end - 1 <= wm), removed from the open set; NULL when none. */                           \
    static inline win_t *name##_pop_fired(name *p, int64_t wm, sl_window *span)                    \
    {                                                                                              \
        if (!sl_winset_pop_fired(&p->open, wm, span)) return NULL;                                 \
        return (win_t *)span->state;                                                               \
    }                                                                                              \
                                                                                                   \
    /* Keeps a fired window for allowed lateness. */                                               \
    static inline void name##_keep(name *p, const sl_window *span)                                 \
    {                                                                                              \
        bool created;                                                                              \
        sl_window *s = sl_winset_get(&p->kept, span->start, span->end, &created);                  \
        s->state = span->state;                                                                    \
    }                                                                                              \
                                                                                                   \
    /* The kept window whose lateness ran out (end - 1 + lateness <= wm,                           \
     * written as end - 1 <= wm - lateness by the caller), removed. */                             \
    static inline win_t *name##_pop_expired(name *p, int64_t wm_minus_lateness, sl_window *span)   \
    {                                                                                              \
        if (!sl_winset_pop_fired(&p->kept, wm_minus_lateness, span)) return NULL;                  \
        return (win_t *)span->state;                                                               \
    }                                                                                              \
                                                                                                   \
    /* Returns a window that is done to the free list. */                                          \
    static inline void name##_recycle(name *p, win_t *w)                                           \
    {                                                                                              \
        win_reset(w);                                                                              \
        if (p->n_free == p->cap_free) {                                                            \
            p->cap_free = p->cap_free ? 2 * p->cap_free : 16;                                      \
            p->free = (win_t **)sl_xrealloc(p->free, sizeof *p->free * p->cap_free);               \
        }                                                                                          \
        p->free[p->n_free++] = w;                                                                  \
    }                                                                                              \
                                                                                                   \
    /* Heap bytes: window structs, what they hold, the ordered sets. */                            \
    static inline uint64_t name##_bytes(const name *p)                                             \
    {                                                                                              \
        uint64_t b = p->n_windows * sizeof(win_t) +                                                \
                     (p->open.cap + p->kept.cap) * sizeof(sl_window) +                             \
                     (uint64_t)p->cap_free * sizeof(win_t *);                                      \
        for (size_t i = 0; i < p->open.n; i++) b += win_bytes((const win_t *)p->open.v[i].state);  \
        for (size_t i = 0; i < p->kept.n; i++) b += win_bytes((const win_t *)p->kept.v[i].state);  \
        for (uint32_t i = 0; i < p->n_free; i++) b += win_bytes(p->free[i]);                       \
        return b;                                                                                  \
    }                                                                                              \
                                                                                                   \
    static inline void name##_free(name *p)                                                        \
    {                                                                                              \
        for (size_t i = 0; i < p->open.n; i++) {                                                   \
            win_free((win_t *)p->open.v[i].state);                                                 \
            free(p->open.v[i].state);                                                              \
        }                                                                                          \
        for (size_t i = 0; i < p->kept.n; i++) {                                                   \
            win_free((win_t *)p->kept.v[i].state);                                                 \
            free(p->kept.v[i].state);                                                              \
        }                                                                                          \
        for (uint32_t i = 0; i < p->n_free; i++) {                                                 \
            win_free(p->free[i]);                                                                  \
            free(p->free[i]);                                                                      \
        }                                                                                          \
        sl_winset_free(&p->open);                                                                  \
        sl_winset_free(&p->kept);                                                                  \
        free(p->free);                                                                             \
        memset(p, 0, sizeof *p);                                                                   \
    }

#endif

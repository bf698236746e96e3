/* rt_window.c - the set of open windows of one windowed operator.
 *
 * A sorted array, ordered by (end, start), because firing always takes the
 * smallest end (a timer queue driven by the watermark, never a scan of all
 * state) and because, in event-time order, new windows are almost always
 * appended at the back. The live part is v[0..n); v may point past the
 * start of the allocation (base) so that popping the front is O(1). */
#include "rt_internal.h"

#include <stdlib.h>

static inline bool rt_win_less(int64_t e1, int64_t s1, int64_t e2, int64_t s2)
{
    return e1 < e2 || (e1 == e2 && s1 < s2);
}

sl_window *sl_winset_get_slow(sl_winset *ws, int64_t start, int64_t end, bool *created)
{
    if (ws->last < ws->n) {
        sl_window *w = &ws->v[ws->last];
        if (w->start == start && w->end == end) {
            *created = false;
            return w;
        }
    }
    /* Lower bound of (end, start); check the back first (the usual place). */
    size_t lo = 0, hi = ws->n;
    if (hi && rt_win_less(ws->v[hi - 1].end, ws->v[hi - 1].start, end, start)) {
        lo = hi;
    } else {
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (rt_win_less(ws->v[mid].end, ws->v[mid].start, end, start))
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < ws->n && ws->v[lo].end == end && ws->v[lo].start == start) {
            ws->last = lo;
            *created = false;
            return &ws->v[lo];
        }
    }
    size_t i = lo;
    size_t off = ws->base ? (size_t)(ws->v - ws->base) : 0;
    if (off > 0 && i < ws->n - i) {
        /* Room in front and the prefix is the shorter side: shift it left. */
        ws->v--;
        memmove(ws->v, ws->v + 1, i * sizeof *ws->v);
    } else {
        if (off + ws->n == ws->cap) {
            if (off > ws->cap / 2) {
                /* Mostly popped: compact instead of growing. */
                memmove(ws->base, ws->v, ws->n * sizeof *ws->v);
            } else {
                size_t cap = ws->cap ? ws->cap * 2 : 16;
                sl_window *nb = malloc(cap * sizeof *nb);
                if (!nb) rt_oom();
                if (ws->n) memcpy(nb, ws->v, ws->n * sizeof *nb);
                free(ws->base);
                ws->base = nb;
                ws->cap = cap;
            }
            ws->v = ws->base;
        }
        memmove(ws->v + i + 1, ws->v + i, (ws->n - i) * sizeof *ws->v);
    }
    ws->n++;
    ws->v[i] = (sl_window){start, end, NULL};
    ws->last = i;
    *created = true;
    return &ws->v[i];
}

bool sl_winset_pop_fired(sl_winset *ws, int64_t wm, sl_window *out)
{
    /* end - 1 <= wm, written so that nothing overflows (wm + 1 only when
     * wm < INT64_MAX). */
    if (ws->n == 0) return false;
    if (wm != INT64_MAX && ws->v[0].end > wm + 1) return false;
    *out = ws->v[0];
    ws->v++;
    ws->n--;
    if (ws->n == 0) ws->v = ws->base;
    ws->last = ws->last > 0 ? ws->last - 1 : (size_t)-1;
    return true;
}

void *sl_winset_remove(sl_winset *ws, int64_t start, int64_t end)
{
    size_t lo = 0, hi = ws->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (rt_win_less(ws->v[mid].end, ws->v[mid].start, end, start))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo >= ws->n || ws->v[lo].end != end || ws->v[lo].start != start) return NULL;
    void *state = ws->v[lo].state;
    memmove(ws->v + lo, ws->v + lo + 1, (ws->n - lo - 1) * sizeof *ws->v);
    ws->n--;
    ws->last = (size_t)-1;
    return state;
}

void sl_winset_free(sl_winset *ws)
{
    free(ws->base);
    memset(ws, 0, sizeof *ws);
}

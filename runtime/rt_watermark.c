/* rt_watermark.c - per-source watermark tracking (Flink semantics: per
 * partition the maximum of the watermark expression; the source's watermark
 * is the minimum over the partitions that are not idle, and never goes
 * back). */
#include "rt_internal.h"

#include <stdlib.h>

void sl_wm_init(sl_watermark *w, int n_parts)
{
    memset(w, 0, sizeof *w);
    w->current = SL_TS_MIN;
    sl_wm_set_partitions(w, n_parts);
}

void sl_wm_free(sl_watermark *w)
{
    free(w->part);
    free(w->idle);
    free(w->seen);
    w->part = NULL;
    w->idle = w->seen = NULL;
    w->n_parts = 0;
}

/* Recomputes the minimum over non-idle partitions and advances current to
 * it; returns true when current advanced. A partition that has delivered
 * nothing counts as SL_TS_MIN. When every partition is idle the watermark
 * stays where it is. */
static bool rt_wm_recompute(sl_watermark *w)
{
    bool any = false;
    int64_t min = SL_TS_MAX;
    for (int i = 0; i < w->n_parts; i++) {
        if (w->idle[i]) continue;
        int64_t v = w->seen[i] ? w->part[i] : SL_TS_MIN;
        if (v < min) min = v;
        any = true;
    }
    if (any && min > w->current) {
        w->current = min;
        return true;
    }
    return false;
}

void sl_wm_set_partitions(sl_watermark *w, int n_parts)
{
    if (n_parts < 0) n_parts = 0;
    if (n_parts > w->n_parts || !w->part) {
        size_t n = n_parts ? (size_t)n_parts : 1;
        int64_t *part = realloc(w->part, n * sizeof *part);
        bool *idle = realloc(w->idle, n * sizeof *idle);
        bool *seen = realloc(w->seen, n * sizeof *seen);
        if (!part || !idle || !seen) rt_oom();
        for (int i = w->n_parts; i < n_parts; i++) {
            part[i] = SL_TS_MIN;
            idle[i] = false;
            seen[i] = false;
        }
        w->part = part;
        w->idle = idle;
        w->seen = seen;
    }
    w->n_parts = n_parts;
    rt_wm_recompute(w);
}

bool sl_wm_observe_slow(sl_watermark *w, int partition, int64_t value)
{
    if (partition < 0) partition = 0;
    if (partition >= w->n_parts) sl_wm_set_partitions(w, partition + 1);
    int64_t old = w->seen[partition] ? w->part[partition] : SL_TS_MIN;
    bool was_idle = w->idle[partition];
    w->seen[partition] = true;
    w->idle[partition] = false;
    if (value > w->part[partition]) w->part[partition] = value;
    if (!was_idle) {
        if (w->part[partition] == old) return false; /* nothing changed */
        if (old > w->current) return false;          /* was not the minimum */
    }
    return rt_wm_recompute(w);
}

bool sl_wm_set_idle(sl_watermark *w, int partition, bool idle)
{
    if (partition < 0) return false;
    if (partition >= w->n_parts) sl_wm_set_partitions(w, partition + 1);
    if (w->idle[partition] == idle) return false;
    w->idle[partition] = idle;
    return rt_wm_recompute(w);
}

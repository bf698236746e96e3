/* test_rt_window.c - the open-window set (ordering, cache, firing rule
 * end - 1 <= wm) and per-source watermarks (partitions, idleness,
 * monotonicity). */
#include <criterion/criterion.h>
#include <stdlib.h>

#include "sluice_rt.h"

Test(winset, out_of_order_creation_fires_in_end_order)
{
    sl_winset ws = {0};
    bool created;
    int64_t starts[] = {5000, 1000, 3000, 0, 4000, 2000};
    for (size_t i = 0; i < 6; i++) {
        sl_window *w = sl_winset_get(&ws, starts[i], starts[i] + 1000, &created);
        cr_assert(created);
        cr_assert_null(w->state);
        w->state = (void *)(intptr_t)(starts[i] + 1);
    }
    cr_assert_eq(ws.n, 6);
    for (size_t i = 0; i + 1 < ws.n; i++) cr_assert_lt(ws.v[i].end, ws.v[i + 1].end);
    /* existing windows are found with their state */
    for (size_t i = 0; i < 6; i++) {
        sl_window *w = sl_winset_get(&ws, starts[i], starts[i] + 1000, &created);
        cr_assert_not(created);
        cr_assert_eq((intptr_t)w->state, starts[i] + 1);
    }
    sl_window out;
    cr_assert_not(sl_winset_pop_fired(&ws, 998, &out), "end 1000 needs wm >= 999");
    cr_assert(sl_winset_pop_fired(&ws, 999, &out));
    cr_assert_eq(out.start, 0);
    cr_assert_eq(out.end, 1000);
    cr_assert_eq((intptr_t)out.state, 1);
    cr_assert_not(sl_winset_pop_fired(&ws, 999, &out));
    int64_t expect = 1000;
    while (sl_winset_pop_fired(&ws, 4999, &out)) {
        cr_assert_eq(out.start, expect);
        expect += 1000;
    }
    cr_assert_eq(expect, 5000);
    cr_assert_eq(ws.n, 1);
    cr_assert(sl_winset_pop_fired(&ws, SL_TS_MAX, &out));
    cr_assert_eq(out.start, 5000);
    cr_assert_eq(ws.n, 0);
    cr_assert_not(sl_winset_pop_fired(&ws, SL_TS_MAX, &out));
    sl_winset_free(&ws);
}

Test(winset, same_end_ordered_by_start_and_cache)
{
    /* session/cumulate-like windows sharing an end */
    sl_winset ws = {0};
    bool created;
    sl_winset_get(&ws, 300, 1000, &created);
    sl_winset_get(&ws, 100, 1000, &created);
    sl_winset_get(&ws, 200, 1000, &created);
    sl_winset_get(&ws, 0, 500, &created);
    cr_assert_eq(ws.v[0].end, 500);
    cr_assert_eq(ws.v[1].start, 100);
    cr_assert_eq(ws.v[2].start, 200);
    cr_assert_eq(ws.v[3].start, 300);
    /* repeated lookups hit the cache and return the same entry */
    sl_window *a = sl_winset_get(&ws, 200, 1000, &created);
    sl_window *b = sl_winset_get(&ws, 200, 1000, &created);
    cr_assert_eq(a, b);
    cr_assert_not(created);
    sl_window out;
    cr_assert(sl_winset_pop_fired(&ws, 499, &out));
    cr_assert_eq(out.end, 500);
    /* cache index stays correct after the front moved */
    sl_window *c = sl_winset_get(&ws, 200, 1000, &created);
    cr_assert_not(created);
    cr_assert_eq(c->start, 200);
    cr_assert(sl_winset_pop_fired(&ws, 999, &out) && out.start == 100);
    cr_assert(sl_winset_pop_fired(&ws, 999, &out) && out.start == 200);
    cr_assert(sl_winset_pop_fired(&ws, 999, &out) && out.start == 300);
    sl_winset_free(&ws);
}

Test(winset, many_windows_random_order)
{
    sl_winset ws = {0};
    bool created;
    const int n = 20000;
    uint64_t x = 12345;
    int made = 0;
    /* interleave inserts at random places with pops from the front */
    int64_t fired_upto = -1; /* all windows with end-1 <= fired_upto are gone */
    int64_t last_end = INT64_MIN;
    for (int i = 0; i < n; i++) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        int64_t start = (int64_t)((x >> 33) % 100000) * 10 + fired_upto + 2;
        sl_window *w = sl_winset_get(&ws, start, start + 10, &created);
        if (created) {
            made++;
            w->state = w;
        }
        if (i % 7 == 0) {
            fired_upto += 50;
            sl_window out;
            while (sl_winset_pop_fired(&ws, fired_upto, &out)) {
                cr_assert_leq(out.end - 1, fired_upto);
                cr_assert_geq(out.end, last_end, "fired in end order");
                last_end = out.end;
                made--;
            }
            if (ws.n) cr_assert_gt(ws.v[0].end - 1, fired_upto);
        }
    }
    cr_assert_eq((int)ws.n, made);
    for (size_t i = 0; i + 1 < ws.n; i++)
        cr_assert(ws.v[i].end < ws.v[i + 1].end ||
                  (ws.v[i].end == ws.v[i + 1].end && ws.v[i].start < ws.v[i + 1].start));
    sl_window out;
    while (sl_winset_pop_fired(&ws, SL_TS_MAX, &out)) made--;
    cr_assert_eq(made, 0);
    sl_winset_free(&ws);
}

Test(winset, negative_times)
{
    sl_winset ws = {0};
    bool created;
    sl_winset_get(&ws, -2000, -1000, &created);
    sl_winset_get(&ws, -1000, 0, &created);
    sl_window out;
    cr_assert_not(sl_winset_pop_fired(&ws, SL_TS_MIN, &out));
    cr_assert(sl_winset_pop_fired(&ws, -1001, &out) && out.start == -2000);
    cr_assert_not(sl_winset_pop_fired(&ws, -2, &out));
    cr_assert(sl_winset_pop_fired(&ws, -1, &out) && out.start == -1000);
    sl_winset_free(&ws);
}

Test(watermark, single_partition_monotonic)
{
    sl_watermark w;
    sl_wm_init(&w, 1);
    cr_assert_eq(w.current, SL_TS_MIN);
    cr_assert(sl_wm_observe(&w, 0, 100));
    cr_assert_eq(w.current, 100);
    cr_assert_not(sl_wm_observe(&w, 0, 50), "never goes back");
    cr_assert_eq(w.current, 100);
    cr_assert_not(sl_wm_observe(&w, 0, 100));
    cr_assert(sl_wm_observe(&w, 0, 101));
    cr_assert_eq(w.current, 101);
    sl_wm_free(&w);
}

Test(watermark, min_over_partitions)
{
    sl_watermark w;
    sl_wm_init(&w, 1);
    sl_wm_set_partitions(&w, 3);
    cr_assert_not(sl_wm_observe(&w, 0, 100), "partitions 1, 2 never delivered");
    cr_assert_not(sl_wm_observe(&w, 1, 200));
    cr_assert_eq(w.current, SL_TS_MIN);
    cr_assert(sl_wm_observe(&w, 2, 300));
    cr_assert_eq(w.current, 100);
    cr_assert_not(sl_wm_observe(&w, 2, 400), "not the minimum");
    cr_assert(sl_wm_observe(&w, 0, 250));
    cr_assert_eq(w.current, 200);
    cr_assert(sl_wm_observe(&w, 1, 1000));
    cr_assert_eq(w.current, 250);
    sl_wm_free(&w);
}

Test(watermark, idle_partitions)
{
    sl_watermark w;
    sl_wm_init(&w, 3);
    sl_wm_observe(&w, 0, 100);
    sl_wm_observe(&w, 1, 200);
    cr_assert_eq(w.current, SL_TS_MIN);
    cr_assert(sl_wm_set_idle(&w, 2, true), "idle partition 2 no longer holds it back");
    cr_assert_eq(w.current, 100);
    cr_assert(sl_wm_set_idle(&w, 0, true));
    cr_assert_eq(w.current, 200);
    cr_assert_not(sl_wm_set_idle(&w, 0, true), "no change");
    /* every partition idle: stays */
    cr_assert_not(sl_wm_set_idle(&w, 1, true));
    cr_assert_eq(w.current, 200);
    /* a record from an idle partition makes it active again; behind the
     * watermark it cannot move it back */
    cr_assert_not(sl_wm_observe(&w, 0, 150));
    cr_assert_eq(w.current, 200);
    cr_assert_not(w.idle[0]);
    cr_assert(sl_wm_observe(&w, 0, 300), "only active partition now");
    cr_assert_eq(w.current, 300);
    cr_assert_not(sl_wm_set_idle(&w, 1, false), "active at 200: min 200 < 300, stays");
    cr_assert_eq(w.current, 300);
    cr_assert_not(sl_wm_observe(&w, 1, 250));
    cr_assert_not(sl_wm_observe(&w, 1, 350), "partition 0 at 300 is the minimum");
    cr_assert_eq(w.current, 300);
    cr_assert(sl_wm_observe(&w, 0, 400));
    cr_assert_eq(w.current, 350);
    sl_wm_free(&w);
}

Test(watermark, observe_unknown_partition_grows)
{
    sl_watermark w;
    sl_wm_init(&w, 1);
    sl_wm_observe(&w, 0, 10);
    cr_assert_eq(w.current, 10);
    cr_assert_not(sl_wm_observe(&w, 4, 5));
    cr_assert_eq(w.n_parts, 5);
    cr_assert_eq(w.current, 10, "never back");
    for (int p = 1; p < 4; p++) sl_wm_set_idle(&w, p, true);
    cr_assert(sl_wm_observe(&w, 4, 20) || w.current == 10);
    sl_wm_observe(&w, 0, 30);
    cr_assert_eq(w.current, 20);
    sl_wm_set_partitions(&w, 1);
    cr_assert_eq(w.current, 30, "shrinking to partition 0 only");
    sl_wm_free(&w);
}

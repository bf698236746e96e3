/* test_gtab.c - the group table template (templates/sl_gtab.h) instantiated
 * the way generated programs instantiate it: once with an integer key and
 * entries that own heap memory, once with a string key whose bytes live in
 * the table's arena. Random sequences of get (create), lookup and remove
 * are checked after every step against a reference model, a plain array
 * kept in the order the header promises (insertion order; a remove moves
 * the last entry into the removed position). Save/load must rebuild the
 * same table; every truncation of a snapshot must fail cleanly.
 *
 * Seeds: a fixed loop of seeds (SEED=N runs only N); every failure message
 * names the seed and the step. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../templates/sl_gtab.h"

/* ---- random numbers ------------------------------------------------------------------ */

/* xorshift64*: deterministic, so a failing seed reproduces. */
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

/* The seeds a property test runs: SEED=N alone, or the fixed list. */
static int seeds(uint64_t *out, int max)
{
    const char *e = getenv("SEED");
    if (e && *e) {
        out[0] = strtoull(e, NULL, 10);
        return 1;
    }
    int n = 0;
    for (uint64_t s = 1; s <= (uint64_t)max; s++) out[n++] = s * 7919;
    return n;
}
static void seed_rng(uint64_t seed)
{
    rng_state = seed ? seed * 0x9E3779B97F4A7C15ULL : 1;
    cr_log_info("seed %llu", (unsigned long long)seed);
}

/* ---- integer keys, entries owning heap memory ------------------------------------------ */

/* An entry that owns a malloc'd blob, so that entry_free matters (ASan
 * reports a leak when the table forgets to call it) and that moved
 * entries carry their heap pointers along. */
typedef struct ient {
    uint64_t h; /* first member: the template's contract */
    int64_t key;
    int64_t val;
    unsigned char *blob;
    uint32_t blob_n;
} ient;

static int ient_frees; /* entry_free calls, to check remove/reset/free call it once per entry */

static bool ient_eq(const ient *e, const int64_t *k)
{
    return e->key == *k;
}
static void ient_store(ient *e, const int64_t *k, sl_arena *keys)
{
    (void)keys;
    e->key = *k;
}
static void ient_free(ient *e)
{
    /* frees what it owns; leaves h alone (remove reads it afterwards) */
    free(e->blob);
    e->blob = NULL;
    ient_frees++;
}

SL_GTAB_DEFINE(itab, ient, int64_t, ient_eq, ient_store, ient_free)

static void ient_save(const ient *e, sl_buf *b)
{
    sl_save_i64(b, e->key);
    sl_save_i64(b, e->val);
    sl_save_bytes(b, e->blob, e->blob_n);
}

/* Reads what ient_save wrote; on failure frees what it allocated (the
 * table does not count a half-loaded entry). */
static bool ient_load(ient *e, sl_rbuf *r, sl_arena *keys)
{
    (void)keys;
    e->key = sl_load_i64(r);
    e->val = sl_load_i64(r);
    sl_str s = sl_load_str(r);
    if (r->err) return false;
    e->blob_n = (uint32_t)s.n;
    e->blob = malloc(s.n ? s.n : 1);
    cr_assert_not_null(e->blob);
    if (s.n) memcpy(e->blob, s.p, s.n);
    return true;
}

/* Two hashes: a strong one, and one that puts every key into 4 hash
 * values, so that key_eq, long probe runs and backward-shift deletion
 * between equal hashes are exercised. */
static uint64_t ihash_strong(int64_t k)
{
    return sl_hash_u64((uint64_t)k, 42);
}
static uint64_t ihash_weak(int64_t k)
{
    return (uint64_t)k & 3;
}

/* The reference model: the entries in the order the header promises. */
typedef struct iref {
    int64_t key, val;
    unsigned char blob[16];
    uint32_t blob_n;
} iref;

typedef struct imodel {
    iref *v;
    uint32_t n;
} imodel;

static int64_t imodel_find(const imodel *m, int64_t key)
{
    for (uint32_t i = 0; i < m->n; i++)
        if (m->v[i].key == key) return i;
    return -1;
}

/* Looks a key up through the table's index only, the way generated code
 * probes it (sluice_rt.h, "Probe loop"): -1 when absent. Never creates. */
static int64_t itab_lookup(const itab *t, uint64_t h, int64_t key)
{
    uint32_t slot = sl_index_first(&t->ix, h), pos;
    while ((pos = t->ix.pos[slot]) != 0) {
        if (t->ix.hash[slot] == h && t->e[pos - 1].key == key) return pos - 1;
        slot = (slot + 1) & t->ix.mask;
    }
    return -1;
}

/* Heap bytes as the header defines them: index, entries, key arena. */
static uint64_t defined_bytes(const sl_index *ix, uint64_t entry_bytes, uint32_t cap,
                              const sl_arena *keys)
{
    return entry_bytes * cap + sl_index_bytes(ix) + keys->bytes;
}

/* The whole table equals the model: order, keys, hashes, values, blobs,
 * index (every key found at its position, count), byte accounting. */
static void itab_check(const itab *t, const imodel *m, uint64_t (*hash)(int64_t), uint64_t seed,
                       int step)
{
    cr_assert_eq(t->n, m->n, "seed %llu step %d: %u entries, model %u", (unsigned long long)seed,
                 step, t->n, m->n);
    cr_assert_eq(t->ix.count, m->n, "seed %llu step %d: index count", (unsigned long long)seed,
                 step);
    for (uint32_t i = 0; i < m->n; i++) {
        const ient *e = &t->e[i];
        const iref *r = &m->v[i];
        cr_assert_eq(e->key, r->key, "seed %llu step %d: position %u holds key %lld, model %lld",
                     (unsigned long long)seed, step, i, (long long)e->key, (long long)r->key);
        cr_assert_eq(e->h, hash(r->key), "seed %llu step %d: hash of position %u",
                     (unsigned long long)seed, step, i);
        cr_assert_eq(e->val, r->val, "seed %llu step %d: value of key %lld",
                     (unsigned long long)seed, step, (long long)r->key);
        cr_assert_eq(e->blob_n, r->blob_n);
        cr_assert_not_null(e->blob);
        cr_assert_eq(memcmp(e->blob, r->blob, r->blob_n), 0, "seed %llu step %d: blob of %lld",
                     (unsigned long long)seed, step, (long long)r->key);
        cr_assert_eq(itab_lookup(t, e->h, e->key), (int64_t)i,
                     "seed %llu step %d: the index does not lead to key %lld at %u",
                     (unsigned long long)seed, step, (long long)r->key, i);
    }
    cr_assert_eq(t->bytes, defined_bytes(&t->ix, sizeof(ient), t->cap, &t->keys),
                 "seed %llu step %d: bytes %llu", (unsigned long long)seed, step,
                 (unsigned long long)t->bytes);
    cr_assert_eq(itab_bytes(t), t->bytes);
    /* plausibility, independent of the internals: every live entry, and an
     * index at most half full of 12-byte slots */
    cr_assert_geq(itab_bytes(t), (uint64_t)m->n * (sizeof(ient) + 2 * 12));
}

/* Sets an entry's value and a fresh blob, in the table and the model. */
static void ifill(ient *e, iref *r)
{
    r->val = (int64_t)rnd();
    r->blob_n = 1 + (uint32_t)below(sizeof r->blob);
    for (uint32_t j = 0; j < r->blob_n; j++) r->blob[j] = (unsigned char)rnd();
    e->val = r->val;
    free(e->blob); /* a get of an existing key refills it */
    e->blob = malloc(r->blob_n);
    cr_assert_not_null(e->blob);
    memcpy(e->blob, r->blob, r->blob_n);
    e->blob_n = r->blob_n;
}

/* One random step on table t and model m: get (create or find), lookup of
 * a key that may be absent, or remove. key_range controls how often keys
 * repeat; the weights drift so that the table both grows and shrinks. */
static void istep(itab *t, imodel *m, uint64_t (*hash)(int64_t), int64_t key_range, int step,
                  uint64_t seed)
{
    int64_t key = (int64_t)below((uint64_t)key_range) - key_range / 2;
    uint64_t h = hash(key);
    int64_t at = imodel_find(m, key);
    /* grow in the first half of a 400-step cycle, shrink in the second */
    unsigned remove_pct = (step / 200) % 2 ? 60 : 20;
    unsigned op = (unsigned)below(100);
    if (op < remove_pct) {
        if (at < 0) {
            cr_assert_eq(itab_lookup(t, h, key), -1, "seed %llu step %d: removed key %lld found",
                         (unsigned long long)seed, step, (long long)key);
            return;
        }
        int frees = ient_frees;
        uint64_t bytes = itab_bytes(t);
        itab_remove(t, &t->e[at]);
        cr_assert_eq(ient_frees, frees + 1, "remove frees the entry once");
        /* the memory is kept: the accounting does not move on a remove */
        cr_assert_eq(itab_bytes(t), bytes);
        /* the model: the last entry moves into the removed position */
        m->v[at] = m->v[m->n - 1];
        m->n--;
        cr_assert_eq(itab_lookup(t, h, key), -1, "seed %llu step %d: removed key %lld found",
                     (unsigned long long)seed, step, (long long)key);
    } else if (op < remove_pct + 15) {
        /* lookup only */
        cr_assert_eq(itab_lookup(t, h, key), at, "seed %llu step %d: lookup of %lld",
                     (unsigned long long)seed, step, (long long)key);
    } else {
        bool created = false;
        uint64_t bytes = itab_bytes(t);
        ient *e = itab_get(t, h, &key, &created);
        cr_assert_eq(itab_bytes(t) >= bytes, true, "a get never shrinks the accounting");
        if (at >= 0) {
            cr_assert_not(created, "seed %llu step %d: key %lld created twice",
                          (unsigned long long)seed, step, (long long)key);
            cr_assert_eq(e, &t->e[at], "seed %llu step %d: get of %lld is not its entry",
                         (unsigned long long)seed, step, (long long)key);
            cr_assert_eq(e->val, m->v[at].val);
            ifill(e, &m->v[at]);
        } else {
            cr_assert(created, "seed %llu step %d: key %lld not created", (unsigned long long)seed,
                      step, (long long)key);
            cr_assert_eq(e, &t->e[m->n], "a new entry is appended");
            /* zeroed except the hash and the stored key */
            cr_assert_eq(e->h, h);
            cr_assert_eq(e->key, key);
            cr_assert_eq(e->val, 0);
            cr_assert_null(e->blob);
            iref *r = &m->v[m->n++];
            r->key = key;
            ifill(e, r);
        }
    }
}

static void isave_cb(const ient *e, sl_buf *b)
{
    ient_save(e, b);
}

/* Loads the first len bytes of a snapshot from a buffer of exactly len
 * bytes (so that ASan sees any read past it). */
static bool iload_prefix(const sl_buf *b, size_t len, itab *out)
{
    char *copy = malloc(len ? len : 1);
    cr_assert_not_null(copy);
    memcpy(copy, b->p, len);
    sl_rbuf r = sl_rbuf_of(copy, len);
    itab_init(out);
    bool ok = itab_load(out, &r, ient_load);
    if (ok) cr_assert_eq(r.p, r.end, "a complete load reads the whole snapshot");
    free(copy);
    return ok;
}

static void int_table_random(uint64_t (*hash)(int64_t), int64_t key_range, int steps)
{
    uint64_t list[64];
    int ns = seeds(list, 12);
    for (int si = 0; si < ns; si++) {
        uint64_t seed = list[si];
        seed_rng(seed);
        itab t;
        itab_init(&t);
        cr_assert_eq(t.bytes, sl_index_bytes(&t.ix), "an empty table holds its index");
        imodel m = {calloc((size_t)key_range, sizeof(iref)), 0};
        cr_assert_not_null(m.v);
        for (int step = 0; step < steps; step++) {
            istep(&t, &m, hash, key_range, step, seed);
            itab_check(&t, &m, hash, seed, step);

            if (step % 97 != 96) continue;
            /* save, load into a fresh table: same entries, same order, same
             * lookups; then both tables take the same steps in lockstep */
            sl_buf b = {0};
            itab_save(&t, &b, isave_cb);
            itab u;
            cr_assert(iload_prefix(&b, b.n, &u), "seed %llu step %d: load failed",
                      (unsigned long long)seed, step);
            itab_check(&u, &m, hash, seed, step);
            for (int64_t k = -key_range / 2; k < key_range - key_range / 2; k++)
                cr_assert_eq(itab_lookup(&u, hash(k), k), imodel_find(&m, k),
                             "seed %llu step %d: lookup of %lld after load",
                             (unsigned long long)seed, step, (long long)k);
            uint64_t saved_rng = rng_state;
            imodel m2 = {calloc((size_t)key_range, sizeof(iref)), m.n};
            cr_assert_not_null(m2.v);
            memcpy(m2.v, m.v, m.n * sizeof *m.v);
            for (int j = 0; j < 50; j++) {
                istep(&u, &m2, hash, key_range, step + j, seed);
                itab_check(&u, &m2, hash, seed, step + j);
            }
            rng_state = saved_rng;
            free(m2.v);
            itab_free(&u);
            /* every truncation of the snapshot fails, leaving a table that
             * frees cleanly (ASan: no leak, no read past the bytes) */
            for (size_t len = 0; len < b.n; len += 1 + len / 64) {
                itab v;
                cr_assert_not(iload_prefix(&b, len, &v),
                              "seed %llu step %d: a snapshot cut at %zu of %zu bytes loaded",
                              (unsigned long long)seed, step, len, b.n);
                cr_assert_leq(v.n, m.n);
                cr_assert_eq(v.bytes, defined_bytes(&v.ix, sizeof(ient), v.cap, &v.keys));
                itab_free(&v);
            }
            sl_buf_free(&b);
        }
        int frees = ient_frees;
        uint32_t live = t.n;
        itab_free(&t);
        cr_assert_eq(ient_frees, frees + (int)live, "free frees every entry once");
        cr_assert_eq(t.bytes, 0);
        free(m.v);
    }
}

Test(gtab_int, random_ops_strong_hash)
{
    int_table_random(ihash_strong, 300, 2000);
}

Test(gtab_int, random_ops_colliding_hash)
{
    /* 4 hash values: every lookup walks a probe run and compares keys */
    int_table_random(ihash_weak, 120, 1500);
}

Test(gtab_int, order_after_removes)
{
    /* the header's promise, spelled out: removing position i moves the last
     * entry into i, everything else keeps its place */
    itab t;
    itab_init(&t);
    bool created;
    for (int64_t k = 0; k < 6; k++) itab_get(&t, ihash_strong(k), &k, &created)->val = 10 * k;
    int64_t k1 = 1;
    itab_remove(&t, itab_get(&t, ihash_strong(k1), &k1, &created));
    const int64_t want1[] = {0, 5, 2, 3, 4};
    for (int i = 0; i < 5; i++) cr_assert_eq(t.e[i].key, want1[i], "after removing 1: %d", i);
    int64_t k4 = 4; /* the last one: nothing moves */
    itab_remove(&t, itab_get(&t, ihash_strong(k4), &k4, &created));
    const int64_t want2[] = {0, 5, 2, 3};
    for (int i = 0; i < 4; i++) cr_assert_eq(t.e[i].key, want2[i], "after removing 4: %d", i);
    for (int i = 0; i < 4; i++) cr_assert_eq(t.e[i].val, 10 * want2[i]);
    /* a new key goes to the end, a removed key comes back at the end */
    itab_get(&t, ihash_strong(k1), &k1, &created);
    cr_assert(created);
    cr_assert_eq(t.e[4].key, 1);
    cr_assert_eq(t.e[4].val, 0, "a re-created entry starts zeroed");
    itab_free(&t);
}

Test(gtab_int, reset_forgets_and_keeps_memory)
{
    itab t;
    itab_init(&t);
    bool created;
    for (int64_t k = 0; k < 1000; k++) {
        ient *e = itab_get(&t, ihash_strong(k), &k, &created);
        e->blob = malloc(4);
        cr_assert_not_null(e->blob);
        e->blob_n = 4;
    }
    uint64_t full = itab_bytes(&t);
    cr_assert_geq(full, 1000 * (sizeof(ient) + 2 * 12));
    int frees = ient_frees;
    itab_reset(&t);
    cr_assert_eq(ient_frees, frees + 1000, "reset frees every entry");
    cr_assert_eq(t.n, 0);
    cr_assert_eq(itab_bytes(&t), full, "reset keeps the memory (and says so)");
    for (int64_t k = 0; k < 1000; k++)
        cr_assert_eq(itab_lookup(&t, ihash_strong(k), k), -1, "key %lld after reset", (long long)k);
    /* usable again, in the new insertion order */
    for (int64_t k = 999; k >= 0; k--) {
        itab_get(&t, ihash_strong(k), &k, &created);
        cr_assert(created);
    }
    for (uint32_t i = 0; i < 1000; i++) cr_assert_eq(t.e[i].key, 999 - (int64_t)i);
    cr_assert_eq(itab_bytes(&t), full, "refilling to the same size allocates nothing");
    itab_free(&t);
}

Test(gtab_int, corrupt_counts_fail)
{
    /* a count larger than the bytes left cannot be honest */
    sl_buf b = {0};
    sl_save_u64(&b, UINT64_MAX);
    itab t;
    cr_assert_not(iload_prefix(&b, b.n, &t));
    cr_assert_eq(t.n, 0);
    itab_free(&t);
    b.n = 0;
    sl_save_u64(&b, 3); /* three entries announced, one present */
    sl_save_u64(&b, ihash_strong(7));
    ient e = {
        .h = ihash_strong(7), .key = 7, .val = 70, .blob = (unsigned char *)"xy", .blob_n = 2};
    ient_save(&e, &b);
    cr_assert_not(iload_prefix(&b, b.n, &t));
    cr_assert_eq(t.n, 1, "the table holds what was read");
    cr_assert_eq(t.e[0].key, 7);
    itab_free(&t);
    /* an empty table round-trips */
    b.n = 0;
    itab_init(&t);
    itab_save(&t, &b, isave_cb);
    itab_free(&t);
    cr_assert(iload_prefix(&b, b.n, &t));
    cr_assert_eq(t.n, 0);
    itab_free(&t);
    sl_buf_free(&b);
}

/* ---- string keys in the table's arena ------------------------------------------------ */

typedef struct sent {
    uint64_t h;
    sl_str key; /* bytes in the table's arena */
    int64_t val;
} sent;

static bool sent_eq(const sent *e, const sl_str *k)
{
    return e->key.n == k->n && (k->n == 0 || memcmp(e->key.p, k->p, k->n) == 0);
}
static void sent_store(sent *e, const sl_str *k, sl_arena *keys)
{
    e->key = sl_arena_dup(keys, *k);
}
static void sent_free(sent *e)
{
    (void)e; /* nothing owned: the key is in the arena */
}

SL_GTAB_DEFINE(stab, sent, sl_str, sent_eq, sent_store, sent_free)

static void sent_save(const sent *e, sl_buf *b)
{
    sl_save_str(b, e->key);
    sl_save_i64(b, e->val);
}
static bool sent_load(sent *e, sl_rbuf *r, sl_arena *keys)
{
    sl_str k = sl_load_str(r);
    e->val = sl_load_i64(r);
    if (r->err) return false;
    e->key = sl_arena_dup(keys, k); /* the snapshot buffer goes away */
    return true;
}

static uint64_t shash_strong(sl_str s)
{
    return sl_hash_bytes(s.p, s.n, 7);
}
static uint64_t shash_weak(sl_str s)
{
    return s.n % 5; /* many keys per hash: key_eq decides */
}

/* The key pool of a run: distinct strings, some empty, some with NUL
 * bytes, some long enough that the arena needs several blocks. */
typedef struct spool {
    char **p;
    size_t *n;
    int count;
} spool;

static spool spool_make(int count)
{
    spool sp = {calloc((size_t)count, sizeof(char *)), calloc((size_t)count, sizeof(size_t)),
                count};
    cr_assert(sp.p && sp.n);
    for (int i = 0; i < count; i++) {
        size_t n = below(8) == 0 ? 200 + below(1800) : below(24);
        if (i == 0) n = 0;
        sp.p[i] = malloc(n + 16);
        cr_assert_not_null(sp.p[i]);
        /* a unique prefix keeps the strings distinct */
        int pre = snprintf(sp.p[i], 16, "%d:", i);
        if (n < (size_t)pre) n = (size_t)pre;
        for (size_t j = (size_t)pre; j < n; j++) sp.p[i][j] = (char)below(4) ? 'a' + below(26) : 0;
        sp.n[i] = n;
        if (i == 0) sp.n[i] = 0; /* the empty string is a key too */
    }
    return sp;
}
static void spool_free(spool *sp)
{
    for (int i = 0; i < sp->count; i++) free(sp->p[i]);
    free(sp->p);
    free(sp->n);
}

typedef struct sref {
    int key; /* index into the pool */
    int64_t val;
} sref;

static int64_t stab_lookup(const stab *t, uint64_t h, sl_str k)
{
    uint32_t slot = sl_index_first(&t->ix, h), pos;
    while ((pos = t->ix.pos[slot]) != 0) {
        if (t->ix.hash[slot] == h && sent_eq(&t->e[pos - 1], &k)) return pos - 1;
        slot = (slot + 1) & t->ix.mask;
    }
    return -1;
}

static sl_str skey(const spool *sp, int i)
{
    return (sl_str){sp->p[i], sp->n[i]};
}

static void stab_check(const stab *t, const sref *m, uint32_t mn, const spool *sp,
                       uint64_t (*hash)(sl_str), uint64_t seed, int step)
{
    cr_assert_eq(t->n, mn, "seed %llu step %d: %u entries, model %u", (unsigned long long)seed,
                 step, t->n, mn);
    size_t key_bytes = 0;
    for (uint32_t i = 0; i < mn; i++) {
        sl_str want = skey(sp, m[i].key);
        const sent *e = &t->e[i];
        cr_assert(sent_eq(e, &want), "seed %llu step %d: position %u holds the wrong key",
                  (unsigned long long)seed, step, i);
        cr_assert(e->key.n == 0 || e->key.p != want.p, "the key is copied, not referenced");
        cr_assert_eq(e->h, hash(want));
        cr_assert_eq(e->val, m[i].val, "seed %llu step %d: value at %u", (unsigned long long)seed,
                     step, i);
        cr_assert_eq(stab_lookup(t, e->h, want), (int64_t)i,
                     "seed %llu step %d: the index does not lead to position %u",
                     (unsigned long long)seed, step, i);
        key_bytes += want.n;
    }
    cr_assert_eq(t->bytes, defined_bytes(&t->ix, sizeof(sent), t->cap, &t->keys),
                 "seed %llu step %d: bytes", (unsigned long long)seed, step);
    /* the live keys' bytes are in the arena, so in the accounting */
    cr_assert_geq(stab_bytes(t), (uint64_t)mn * (sizeof(sent) + 2 * 12) + key_bytes);
    cr_assert_geq(t->keys.bytes, key_bytes);
}

static void sstep(stab *t, sref *m, uint32_t *mn, const spool *sp, uint64_t (*hash)(sl_str),
                  int step, uint64_t seed)
{
    int k = (int)below((uint64_t)sp->count);
    sl_str key = skey(sp, k);
    uint64_t h = hash(key);
    int64_t at = -1;
    for (uint32_t i = 0; i < *mn; i++)
        if (m[i].key == k) at = i;
    unsigned remove_pct = (step / 150) % 2 ? 55 : 20;
    unsigned op = (unsigned)below(100);
    if (op < remove_pct) {
        if (at < 0) return;
        uint64_t bytes = stab_bytes(t);
        stab_remove(t, &t->e[at]);
        cr_assert_eq(stab_bytes(t), bytes, "a remove keeps the arena and says so");
        m[at] = m[*mn - 1];
        (*mn)--;
        cr_assert_eq(stab_lookup(t, h, key), -1);
    } else if (op < remove_pct + 15) {
        cr_assert_eq(stab_lookup(t, h, key), at, "seed %llu step %d: lookup",
                     (unsigned long long)seed, step);
    } else {
        /* the caller's key lives in a scratch buffer that is scribbled over
         * after the get: the table must have copied the bytes */
        char *scratch = malloc(key.n + 1);
        cr_assert_not_null(scratch);
        memcpy(scratch, key.p, key.n);
        sl_str k2 = {scratch, key.n};
        bool created = false;
        uint64_t bytes = stab_bytes(t);
        sent *e = stab_get(t, h, &k2, &created);
        memset(scratch, 'Z', key.n + 1);
        free(scratch);
        cr_assert_geq(stab_bytes(t), bytes);
        if (at >= 0) {
            cr_assert_not(created);
            cr_assert_eq(e, &t->e[at]);
        } else {
            cr_assert(created, "seed %llu step %d: key %d not created", (unsigned long long)seed,
                      step, k);
            cr_assert_eq(e, &t->e[*mn]);
            cr_assert_eq(e->val, 0);
            m[*mn].key = k;
            at = (*mn)++;
        }
        m[at].val = (int64_t)rnd();
        e->val = m[at].val;
    }
}

static void ssave_cb(const sent *e, sl_buf *b)
{
    sent_save(e, b);
}

static bool sload_prefix(const sl_buf *b, size_t len, stab *out)
{
    char *copy = malloc(len ? len : 1);
    cr_assert_not_null(copy);
    memcpy(copy, b->p, len);
    sl_rbuf r = sl_rbuf_of(copy, len);
    stab_init(out);
    bool ok = stab_load(out, &r, sent_load);
    if (ok) cr_assert_eq(r.p, r.end);
    /* poison the snapshot: the loaded keys must not point into it */
    memset(copy, 'Q', len);
    free(copy);
    return ok;
}

static void str_table_random(uint64_t (*hash)(sl_str), int pool, int steps)
{
    uint64_t list[64];
    int ns = seeds(list, 8);
    for (int si = 0; si < ns; si++) {
        uint64_t seed = list[si];
        seed_rng(seed);
        spool sp = spool_make(pool);
        sref *m = calloc((size_t)pool, sizeof *m);
        cr_assert_not_null(m);
        uint32_t mn = 0;
        stab t;
        stab_init(&t);
        for (int step = 0; step < steps; step++) {
            sstep(&t, m, &mn, &sp, hash, step, seed);
            stab_check(&t, m, mn, &sp, hash, seed, step);
            if (step % 89 != 88) continue;
            sl_buf b = {0};
            stab_save(&t, &b, ssave_cb);
            stab u;
            cr_assert(sload_prefix(&b, b.n, &u), "seed %llu step %d: load failed",
                      (unsigned long long)seed, step);
            stab_check(&u, m, mn, &sp, hash, seed, step);
            for (int k = 0; k < pool; k++) {
                int64_t want = -1;
                for (uint32_t i = 0; i < mn; i++)
                    if (m[i].key == k) want = i;
                cr_assert_eq(stab_lookup(&u, hash(skey(&sp, k)), skey(&sp, k)), want,
                             "seed %llu step %d: lookup of key %d after load",
                             (unsigned long long)seed, step, k);
            }
            /* lockstep: the loaded table behaves like the original */
            uint64_t saved_rng = rng_state;
            sref *m2 = malloc((size_t)pool * sizeof *m2);
            cr_assert_not_null(m2);
            memcpy(m2, m, (size_t)pool * sizeof *m);
            uint32_t mn2 = mn;
            for (int j = 0; j < 40; j++) {
                sstep(&u, m2, &mn2, &sp, hash, step + j, seed);
                stab_check(&u, m2, mn2, &sp, hash, seed, step + j);
            }
            rng_state = saved_rng;
            free(m2);
            stab_free(&u);
            for (size_t len = 0; len < b.n; len += 1 + len / 32) {
                stab v;
                cr_assert_not(sload_prefix(&b, len, &v),
                              "seed %llu step %d: a snapshot cut at %zu of %zu bytes loaded",
                              (unsigned long long)seed, step, len, b.n);
                cr_assert_leq(v.n, mn);
                cr_assert_eq(v.bytes, defined_bytes(&v.ix, sizeof(sent), v.cap, &v.keys));
                stab_free(&v);
            }
            sl_buf_free(&b);
        }
        /* reset: no entries, keys reusable, memory kept */
        uint64_t before = stab_bytes(&t);
        stab_reset(&t);
        cr_assert_eq(t.n, 0);
        cr_assert_leq(stab_bytes(&t), before, "reset allocates nothing new");
        cr_assert_eq(t.bytes, defined_bytes(&t.ix, sizeof(sent), t.cap, &t.keys));
        for (int k = 0; k < pool; k++)
            cr_assert_eq(stab_lookup(&t, hash(skey(&sp, k)), skey(&sp, k)), -1);
        mn = 0;
        for (int step = 0; step < 200; step++) {
            sstep(&t, m, &mn, &sp, hash, step, seed);
            stab_check(&t, m, mn, &sp, hash, seed, step);
        }
        stab_free(&t);
        cr_assert_eq(t.bytes, 0);
        cr_assert_eq(t.n, 0);
        free(m);
        spool_free(&sp);
    }
}

Test(gtab_str, random_ops_strong_hash)
{
    str_table_random(shash_strong, 250, 1500);
}

Test(gtab_str, random_ops_colliding_hash)
{
    str_table_random(shash_weak, 120, 900);
}

Test(gtab_str, arena_accounting_grows_with_keys)
{
    /* 100 keys of 1000 bytes need more than the arena's first 64 KiB
     * block: the accounting follows the arena, by at least the key bytes */
    stab t;
    stab_init(&t);
    uint64_t empty = stab_bytes(&t);
    char buf[1000];
    bool created;
    for (int i = 0; i < 100; i++) {
        memset(buf, 'a' + i % 26, sizeof buf);
        buf[0] = (char)('A' + i / 26); /* distinct keys */
        buf[1] = (char)('a' + i % 26);
        sl_str k = {buf, sizeof buf};
        uint64_t before = stab_bytes(&t);
        stab_get(&t, shash_strong(k), &k, &created);
        cr_assert(created);
        /* the arena grows by blocks: never down, and never below the keys */
        cr_assert_geq(stab_bytes(&t), before);
        cr_assert_geq(t.keys.bytes, (uint64_t)(i + 1) * sizeof buf);
    }
    cr_assert_geq(t.keys.bytes, 100 * sizeof buf);
    cr_assert_geq(stab_bytes(&t), empty + 100 * (sizeof buf + sizeof(sent)));
    uint64_t full = stab_bytes(&t);
    stab_reset(&t);
    /* the arena keeps one block as large as all of them: same bytes */
    cr_assert_eq(stab_bytes(&t), full);
    cr_assert_eq(t.bytes, defined_bytes(&t.ix, sizeof(sent), t.cap, &t.keys));
    stab_free(&t);
    cr_assert_eq(stab_bytes(&t), 0);
}

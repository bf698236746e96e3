/* sluice_rt.h - the runtime seam between generated programs and the runtime.
 *
 * A generated program (one C translation unit emitted by `sluice build`)
 * includes this header, defines one `sl_program` descriptor and calls
 * `sl_main(&program, argc, argv)` from main(). The runtime owns everything
 * that does not depend on the query: the main loop, the CLI of the produced
 * binary, connectors (files, stdin/stdout, Kafka via librdkafka), watermark
 * tracking, arenas, buffers, JSON/timestamp primitives, hashing, window
 * bookkeeping, metrics and logging.
 *
 * Units: timestamps and intervals are int64 milliseconds since/of the Unix
 * epoch, UTC. Lengths are bytes. Strings are (pointer, length) views that
 * are NOT NUL-terminated; who owns the bytes is stated per function.
 *
 * Hot-path primitives are `static inline` here so that the C compiler can
 * specialise them into the generated decoders; the rest lives in
 * libsluice_rt.a. */
#ifndef SLUICE_RT_H
#define SLUICE_RT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Smallest / largest event time. SL_TS_MIN is the watermark before any
 * record; SL_TS_MAX is the watermark at the end of bounded input. */
#define SL_TS_MIN INT64_MIN
#define SL_TS_MAX INT64_MAX

/* ---- strings ----------------------------------------------------------- */

/* A string view: n bytes at p, not NUL-terminated, UTF-8. */
typedef struct sl_str {
    const char *p;
    size_t n;
} sl_str;

/* ---- arenas -------------------------------------------------------------- */

typedef struct sl_arena_block sl_arena_block;

/* Bump allocator. Used (1) as the per-record scratch space of the generated
 * code (reset by the runtime after every record), and (2) per window to hold
 * the bytes of string group keys. Zero-initialised is a valid empty arena. */
typedef struct sl_arena {
    sl_arena_block *head;
    char *cur;
    char *end;
    size_t bytes; /* block bytes held (the state-size accounting reads it) */
} sl_arena;

/* Slow path of sl_arena_alloc: starts a new block. Same contract. */
void *sl_arena_alloc_slow(sl_arena *a, size_t n);
/* Returns n bytes aligned to 8, owned by the arena, valid until reset/free.
 * Aborts the process (exit 1, message on stderr) when out of memory.
 * Inline: the common case is a pointer bump. */
static inline void *sl_arena_alloc(sl_arena *a, size_t n)
{
    size_t need = (n + 7) & ~(size_t)7;
    /* Compare as integers: a zeroed arena has cur == end == NULL. need == 0
     * (n == 0 or n near SIZE_MAX) goes to the slow path, which handles it. */
    if (need != 0 && need <= (size_t)((uintptr_t)a->end - (uintptr_t)a->cur)) {
        void *r = a->cur;
        a->cur += need;
        return r;
    }
    return sl_arena_alloc_slow(a, n);
}
/* Copies s into the arena and returns the copy. */
sl_str sl_arena_dup(sl_arena *a, sl_str s);
/* Forgets every allocation but keeps one block for reuse (no free/malloc in
 * steady state). */
void sl_arena_reset(sl_arena *a);
/* Frees every block. */
void sl_arena_free(sl_arena *a);

/* ---- output buffers ---------------------------------------------------- */

/* A growable byte buffer (malloc'd; owner frees with sl_buf_free). */
typedef struct sl_buf {
    char *p;
    size_t n;
    size_t cap;
} sl_buf;

void sl_buf_grow(sl_buf *b, size_t extra);
void sl_buf_free(sl_buf *b);
static inline void sl_buf_reserve(sl_buf *b, size_t extra)
{
    if (b->cap - b->n < extra) sl_buf_grow(b, extra);
}
static inline void sl_buf_putc(sl_buf *b, char c)
{
    sl_buf_reserve(b, 1);
    b->p[b->n++] = c;
}
static inline void sl_buf_put(sl_buf *b, const void *p, size_t n)
{
    sl_buf_reserve(b, n);
    memcpy(b->p + b->n, p, n);
    b->n += n;
}
/* Appends a literal C string. */
#define SL_BUF_LIT(b, s) sl_buf_put((b), (s), sizeof(s) - 1)

/* The encoded bytes of the row an operator last emitted for one group,
 * kept so that a sink which writes the same bytes again when the row is
 * retracted (debezium-json's "before", print's -U) copies them instead of
 * encoding the row a second time (docs/architecture.md, "Changelogs"). p is
 * malloc'd and owned by the group's entry (free(p)); n == 0: none kept. */
typedef struct sl_memo {
    char *p;
    uint32_t n, cap; /* bytes kept, bytes allocated */
} sl_memo;

void sl_memo_grow(sl_memo *m, size_t n);
/* Keeps the n bytes at p in m (a row longer than 4 GB is not kept). */
static inline void sl_memo_set(sl_memo *m, const char *p, size_t n)
{
    if (n > m->cap) sl_memo_grow(m, n);
    if (n > m->cap) {
        m->n = 0;
        return;
    }
    memcpy(m->p, p, n);
    m->n = (uint32_t)n;
}

/* Appends the decimal form of v. */
void sl_buf_put_i64(sl_buf *b, int64_t v);
/* Appends v as a JSON number: the shortest decimal that reads back as the
 * same double ("%.17g" fallback); integral values print without exponent
 * up to 1e15 and with ".0"-free form (e.g. 2, 2.5, 1e+20); NaN and
 * infinities print as null. */
void sl_buf_put_f64(sl_buf *b, double v);
/* sl_buf_put_json_str for any string (rt_buf.c). */
void sl_buf_put_json_str_any(sl_buf *b, const char *s, size_t n);
/* Appends s as a JSON string literal with quotes and escapes (", \, control
 * characters as \uXXXX; UTF-8 passes through). */
static inline void sl_buf_put_json_str(sl_buf *b, const char *s, size_t n)
{
    /* Up to 8 bytes (codes, short names) as one little-endian word, with
     * 'a' after them, inline: when no byte needs escaping (none below
     * 0x20, none equal to '"' or '\\'; each test exact for "some byte",
     * by the usual borrow tricks) the word is stored at once. */
    if (n - 1 < 8) {
        const uint64_t ones = 0x0101010101010101ULL;
        const unsigned char *u = (const unsigned char *)s;
        uint64_t w = n < 8 ? 0x6161616161616161ULL << (8 * n) : 0;
        if (n >= 4) {
            uint64_t lo =
                (uint64_t)u[0] | (uint64_t)u[1] << 8 | (uint64_t)u[2] << 16 | (uint64_t)u[3] << 24;
            const unsigned char *t = u + n - 4;
            uint64_t hi =
                (uint64_t)t[0] | (uint64_t)t[1] << 8 | (uint64_t)t[2] << 16 | (uint64_t)t[3] << 24;
            w |= lo | hi << (8 * (n - 4));
        } else {
            w |= (uint64_t)u[0] | (uint64_t)u[n >> 1] << (8 * (n >> 1)) |
                 (uint64_t)u[n - 1] << (8 * (n - 1));
        }
        uint64_t q = w ^ (ones * '"'), bs = w ^ (ones * '\\');
        uint64_t esc = ((w - ones * 0x20) & ~w) | ((q - ones) & ~q) | ((bs - ones) & ~bs);
        if (!(esc & (ones * 0x80))) {
            sl_buf_reserve(b, 10);
            char *o = b->p + b->n;
            o[0] = '"';
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
            w = __builtin_bswap64(w);
#endif
            memcpy(o + 1, &w, 8);
            o[1 + n] = '"';
            b->n += n + 2;
            return;
        }
    }
    sl_buf_put_json_str_any(b, s, n);
}
/* Appends ms as the JSON string "YYYY-MM-DD HH:MM:SS.fff" (UTC, quotes
 * included), in sl_ts_format's form (years outside 0000..9999 with a sign). */
void sl_buf_put_ts(sl_buf *b, int64_t ms);

/* One "key":value member of an output row with many columns: appends the
 * n bytes at key (the member's JSON text up to the value, `,"name":` with
 * its separator) and then v as the functions above write it, or null.
 * Out of line on purpose: for wide rows codegen emits one call per column,
 * because inline code per column makes the C compiler's time superlinear. */
void sl_buf_field_i64(sl_buf *b, const char *key, size_t n, int64_t v, bool isnull);
void sl_buf_field_f64(sl_buf *b, const char *key, size_t n, double v, bool isnull);
void sl_buf_field_bool(sl_buf *b, const char *key, size_t n, bool v, bool isnull);
void sl_buf_field_str(sl_buf *b, const char *key, size_t n, sl_str v, bool isnull);
void sl_buf_field_ts(sl_buf *b, const char *key, size_t n, int64_t v, bool isnull);

/* ---- state serialisation ------------------------------------------------- *
 * The bytes of a checkpoint of operator state: fixed-width little-endian
 * integers and IEEE-754 bit patterns, so a snapshot reads back the same on
 * every host; byte strings are a u64 length and then the bytes. Writers
 * append to an sl_buf (aborting on out of memory like sl_buf_grow); readers
 * go through an sl_rbuf cursor that never reads outside its bytes. */

/* Appends v as 8 bytes, little-endian. */
void sl_save_u64(sl_buf *b, uint64_t v);
/* Appends v as 8 bytes, little-endian two's complement. */
void sl_save_i64(sl_buf *b, int64_t v);
/* Appends the bit pattern of v (8 bytes, little-endian): -0.0 and every NaN
 * payload read back exactly. */
void sl_save_f64(sl_buf *b, double v);
/* Appends n as a u64 and then the n bytes at p (p may be NULL when n == 0). */
void sl_save_bytes(sl_buf *b, const void *p, size_t n);
/* Appends the bytes of s, as sl_save_bytes. */
static inline void sl_save_str(sl_buf *b, sl_str s)
{
    sl_save_bytes(b, s.p, s.n);
}

/* A read cursor over saved bytes [p, end). Any read past the end, or of a
 * length that does not fit in what is left, sets err and returns 0 (or an
 * empty string); once err is set every later read fails the same way, so a
 * loader may read a whole record and check err once, and a truncated or
 * corrupt snapshot is detected instead of read out of bounds. */
typedef struct sl_rbuf {
    const char *p;
    const char *end;
    bool err;
} sl_rbuf;

/* A cursor over the n bytes at p. */
static inline sl_rbuf sl_rbuf_of(const void *p, size_t n)
{
    const char *c = p ? (const char *)p : "";
    sl_rbuf r = {c, c + (p ? n : 0), false};
    return r;
}
/* Bytes not read yet (0 after an error). */
static inline size_t sl_rbuf_left(const sl_rbuf *r)
{
    return r->err ? 0 : (size_t)(r->end - r->p);
}
/* Reads what sl_save_u64 wrote. */
uint64_t sl_load_u64(sl_rbuf *r);
/* Reads what sl_save_i64 wrote. */
int64_t sl_load_i64(sl_rbuf *r);
/* Reads what sl_save_f64 wrote (the exact bit pattern). */
double sl_load_f64(sl_rbuf *r);
/* Reads what sl_save_bytes / sl_save_str wrote: a view of the bytes inside
 * the cursor's buffer (valid as long as the buffer; not copied). On error
 * the empty string {"", 0}. */
sl_str sl_load_str(sl_rbuf *r);

/* ---- time -------------------------------------------------------------- */

/* Parses a timestamp: 'YYYY-MM-DD HH:MM:SS[.f{1,9}]', the same with 'T'
 * instead of the space and an optional 'Z' or '+HH:MM'/'-HH:MM' offset
 * (converted to UTC), or 'YYYY-MM-DD' (midnight). A year outside 0000..9999
 * is written as Java's ISO formatters write it, a sign and 4 to 9 digits
 * ('+10000-01-01 00:00:00', '-0001-12-31'). Fractions beyond milliseconds
 * are truncated. Returns false on anything else, including out-of-range
 * fields (month 13, Feb 30, hour 24) and instants outside int64 ms. */
bool sl_ts_parse(const char *s, size_t n, int64_t *ms);
/* Writes "YYYY-MM-DD HH:MM:SS.fff" (no quotes) to out, returns its length
 * (23 for years 0..9999; other years get a sign and at least four digits,
 * "+10000-01-01 00:00:00.000"). Every int64 value is written, and
 * sl_ts_parse reads each one back exactly. out must hold 32 bytes. */
size_t sl_ts_format(int64_t ms, char *out);
/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil). */
int64_t sl_days_from_civil(int64_t y, unsigned m, unsigned d);

/* Floor division and modulo towards -infinity (window alignment must treat
 * timestamps before 1970 correctly). b > 0. */
static inline int64_t sl_floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}
/* Floor modulo: a mod b in [0, b). b > 0. */
static inline int64_t sl_floor_mod(int64_t a, int64_t b)
{
    int64_t r = a % b;
    return r < 0 ? r + b : r;
}
/* Start of the tumbling window of `size` ms, shifted by `offset` ms, that
 * contains ts (Flink window TVF rules: windows are aligned to the epoch plus
 * offset; [start, start + size)). size > 0. Defined for every int64 ts:
 * (ts - offset) mod size is computed without forming ts - offset, and a
 * start below INT64_MIN is clamped to it. */
static inline int64_t sl_tumble_start(int64_t ts, int64_t size, int64_t offset)
{
    int64_t m = sl_floor_mod(ts, size) - sl_floor_mod(offset, size);
    if (m < 0) m += size;
    int64_t start;
    if (__builtin_sub_overflow(ts, m, &start)) return INT64_MIN;
    return start;
}
/* End of the window [start, start + size): clamped to INT64_MAX (the
 * watermark at the end of input still fires it). */
static inline int64_t sl_window_end(int64_t start, int64_t size)
{
    int64_t end;
    if (__builtin_add_overflow(start, size, &end)) return INT64_MAX;
    return end;
}

/* ---- JSON reading primitives ------------------------------------------- *
 * Cursor style: each takes p (current position) and end (one past the last
 * byte of the record), and returns the position just after what it read, or
 * NULL when the input is not valid JSON of the expected kind. None reads past
 * end. Generated decoders call them for the fields the query reads and
 * sl_json_skip for everything else. */

/* Skips JSON whitespace. Never NULL. */
static inline const char *sl_json_ws(const char *p, const char *end)
{
    /* one compare settles the common case: every byte above ' ' ends it */
    while (p < end && (unsigned char)*p <= ' ' &&
           (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}
/* p at '"': reads a string. Without escapes *out points into the input
 * (valid as long as the input record); with escapes (including \uXXXX and
 * surrogate pairs → UTF-8) the decoded bytes are allocated in scratch. */
const char *sl_json_str(const char *p, const char *end, sl_str *out, sl_arena *scratch);
/* Reads an integer (optional '-', digits). A fraction or exponent, or a value
 * outside int64, is an error (returns NULL and sets *overflow when the digits
 * were fine but the value did not fit). */
const char *sl_json_i64(const char *p, const char *end, int64_t *out, bool *overflow);
/* Reads any JSON number as a double. */
const char *sl_json_f64(const char *p, const char *end, double *out);
/* Reads true or false. */
const char *sl_json_bool(const char *p, const char *end, bool *out);
/* If p starts with the literal null, returns the position after it; else NULL. */
static inline const char *sl_json_null(const char *p, const char *end)
{
    if (end - p >= 4 && memcmp(p, "null", 4) == 0) return p + 4;
    return NULL;
}
/* Skips one JSON value of any kind (validating it). */
const char *sl_json_skip(const char *p, const char *end);

/* ---- hashing ------------------------------------------------------------- */

/* Hash of a 64-bit value (a strong mixer: splitmix64 finaliser of v ^ seed). */
static inline uint64_t sl_hash_u64(uint64_t v, uint64_t seed)
{
    uint64_t z = v ^ seed;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* XXH3 64-bit hash of n bytes (libxxhash, compiled into rt_hash.c). */
uint64_t sl_hash_xxh3(const void *p, size_t n, uint64_t seed);

/* 64-bit hash of n bytes. Keys of up to 8 bytes (most group keys: codes,
 * short names) are read as one 64-bit value that, with n, determines them
 * (the first and last 4 bytes; bytes 0, n/2 and n-1 below 4), and mixed
 * inline by one sl_hash_u64 round, which spreads them over the low bits
 * that pick hash table slots; longer ones go to XXH3. The call into XXH3
 * and its length dispatch cost about three times the inline path on the
 * 3-byte keys of the flights benchmarks. APPROX_COUNT_DISTINCT, which reads
 * the top bits, adds a second round (sl_hash_bytes_strong). Not stable
 * across sluice versions. */
static inline uint64_t sl_hash_bytes(const void *p, size_t n, uint64_t seed)
{
    const unsigned char *s = (const unsigned char *)p;
    uint64_t v = 0;
    if (n > 8) return sl_hash_xxh3(p, n, seed);
    if (n >= 4) {
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + n - 4, 4);
        v = (uint64_t)lo | (uint64_t)hi << 32;
    } else if (n > 0) {
        v = (uint64_t)s[0] | (uint64_t)s[n >> 1] << 8 | (uint64_t)s[n - 1] << 16;
    }
    return sl_hash_u64(v, seed ^ (0x9e3779b97f4a7c15ULL * (n + 1)));
}

/* sl_hash_bytes with a second sl_hash_u64 round for the inline path: its
 * top bits are as good as its low bits (one round leaves structure there,
 * as for doubles, see sl_hash_f64), for HyperLogLog registers. */
static inline uint64_t sl_hash_bytes_strong(const void *p, size_t n, uint64_t seed)
{
    uint64_t h = sl_hash_bytes(p, n, seed);
    return n > 8 ? h : sl_hash_u64(h, 0);
}

/* ---- hash index ------------------------------------------------------------ *
 * An open-addressing index from a 64-bit hash to a uint32 position in a dense
 * array the caller owns (insertion order is kept by the caller's array, so
 * iteration order is deterministic). The caller compares keys; the index
 * stores hashes to skip most comparisons. Linear probing, load <= 0.5. */
typedef struct sl_index {
    uint32_t *pos;  /* slot -> position + 1 (0 = empty) */
    uint64_t *hash; /* slot -> full hash */
    uint32_t mask;  /* slots - 1 */
    uint32_t count;
} sl_index;

/* Bytes the index holds (its slot arrays). */
static inline size_t sl_index_bytes(const sl_index *ix)
{
    return ix->pos ? ((size_t)ix->mask + 1) * (sizeof *ix->pos + sizeof *ix->hash) : 0;
}

void sl_index_init(sl_index *ix, uint32_t min_slots);
void sl_index_free(sl_index *ix);
/* Doubles the slots (rehashing by stored hashes). */
void sl_index_grow(sl_index *ix);
/* Probe loop. Usage (this is how the generated code looks up a key):
 *
 *   uint32_t slot = sl_index_first(ix, h), pos;
 *   while ((pos = ix->pos[slot]) != 0) {
 *       if (ix->hash[slot] == h && key_eq(&entries[pos - 1], &key)) break;  // found pos-1
 *       slot = (slot + 1) & ix->mask;
 *   }
 *   if (pos == 0) { ... append entry at position n ...; sl_index_set(ix, slot, h, n); }
 *
 * sl_index_set grows the index when needed (after storing). */
static inline uint32_t sl_index_first(const sl_index *ix, uint64_t h)
{
    return (uint32_t)h & ix->mask;
}
static inline void sl_index_set(sl_index *ix, uint32_t slot, uint64_t h, uint32_t position)
{
    ix->pos[slot] = position + 1;
    ix->hash[slot] = h;
    if (++ix->count * 2 > ix->mask + 1) sl_index_grow(ix);
}
/* The slot that holds `position` under hash h, or UINT32_MAX when none. */
uint32_t sl_index_slot_of(const sl_index *ix, uint64_t h, uint32_t position);
/* Empties `slot` (found by a probe or sl_index_slot_of), keeping every
 * other entry reachable (no tombstones). */
void sl_index_remove(sl_index *ix, uint32_t slot);
/* Points the entry of `slot` at a new position (after the caller moved
 * the entry in its dense array). */
static inline void sl_index_repoint(sl_index *ix, uint32_t slot, uint32_t position)
{
    ix->pos[slot] = position + 1;
}

/* ---- windows --------------------------------------------------------------- *
 * The set of open windows of one windowed operator, ordered by window end,
 * each carrying the caller's state pointer. Lookups by start hit a one-entry
 * cache first (consecutive records usually fall in the same window). */
typedef struct sl_window {
    int64_t start;
    int64_t end;
    void *state;
} sl_window;

typedef struct sl_winset {
    sl_window *v; /* sorted by (end, start) */
    size_t n;
    size_t cap;
    size_t last;     /* cache: index of the last window returned */
    sl_window *base; /* private: start of the allocation (v may point past it
                      * after pops, so popping is O(1)); cap counts from here */
} sl_winset;

/* Returns the window [start, end), creating it (state NULL, *created true)
 * if absent. The pointer is valid until the next call on the set. */
sl_window *sl_winset_get_slow(sl_winset *ws, int64_t start, int64_t end, bool *created);
static inline sl_window *sl_winset_get(sl_winset *ws, int64_t start, int64_t end, bool *created)
{
    /* inline: the one-entry cache hit, the common case */
    if (ws->last < ws->n && ws->v[ws->last].start == start && ws->v[ws->last].end == end) {
        *created = false;
        return &ws->v[ws->last];
    }
    return sl_winset_get_slow(ws, start, end, created);
}
/* Removes and returns (in *out) the open window with the smallest end if that
 * window is complete at watermark wm (end - 1 <= wm); returns false when none
 * is. Fire in a loop: while (sl_winset_pop_fired(ws, wm, &w)) emit(w). */
bool sl_winset_pop_fired(sl_winset *ws, int64_t wm, sl_window *out);
/* Removes the window [start, end) if present (a merged session); returns
 * its state pointer, or NULL. O(log n + moved windows). */
void *sl_winset_remove(sl_winset *ws, int64_t start, int64_t end);
void sl_winset_free(sl_winset *ws);

/* ---- watermarks -------------------------------------------------------------- *
 * Per-source watermark: the maximum of the watermark expression seen per
 * partition; the source's watermark is the minimum over its partitions that
 * are not idle. It never goes back. A file source has one partition (0). */
typedef struct sl_watermark {
    int64_t current; /* the source's watermark (SL_TS_MIN before any record) */
    int64_t *part;   /* per-partition max of the watermark expression */
    bool *idle;      /* per-partition idleness (idle partitions are excluded) */
    bool *seen;      /* per-partition: has delivered a record */
    int n_parts;
} sl_watermark;

void sl_wm_init(sl_watermark *w, int n_parts);
void sl_wm_free(sl_watermark *w);
/* Declares the partitions this process reads (Kafka assignment); partitions
 * that have delivered nothing hold the watermark back (unless idle). */
void sl_wm_set_partitions(sl_watermark *w, int n_parts);
/* Feeds the watermark expression's value for a record from `partition`;
 * returns true when the source watermark advanced (then read w->current). */
bool sl_wm_observe_slow(sl_watermark *w, int partition, int64_t value);
static inline bool sl_wm_observe(sl_watermark *w, int partition, int64_t value)
{
    /* inline: an active partition whose maximum does not grow changes
     * nothing (most records of a stream in time order) */
    if (partition >= 0 && partition < w->n_parts && w->seen[partition] && !w->idle[partition] &&
        value <= w->part[partition])
        return false;
    return sl_wm_observe_slow(w, partition, value);
}
/* Marks a partition idle (true) or active again (false); returns true when the
 * source watermark advanced as a result. */
bool sl_wm_set_idle(sl_watermark *w, int partition, bool idle);

/* ---- changes ------------------------------------------------------------------ */

/* The kind of change a row carries between operators (Flink's RowKind):
 * an append-only stream has only SL_INSERT; a changelog retracts a row it
 * emitted before with SL_UPDATE_BEFORE (followed by its SL_UPDATE_AFTER)
 * or SL_DELETE. */
typedef enum sl_change { SL_INSERT, SL_UPDATE_BEFORE, SL_UPDATE_AFTER, SL_DELETE } sl_change;

/* True for the kinds that take a row back (-U, -D). */
static inline bool sl_change_retracts(sl_change k)
{
    return k == SL_UPDATE_BEFORE || k == SL_DELETE;
}

/* ---- the program descriptor (what generated code exports) ------------------ */

typedef enum sl_connector {
    SL_CONN_FILESYSTEM, /* 'connector'='filesystem': path, JSON lines */
    SL_CONN_KAFKA,      /* 'connector'='kafka' or ksqlDB kafka_topic */
    SL_CONN_PRINT,      /* 'connector'='print' (sink only): stdout */
    SL_CONN_STDIO,      /* --input NAME=- / --output NAME=- */
} sl_connector;

/* A key/value option passed through to librdkafka ('properties.X' = v). */
typedef struct sl_kv {
    const char *key;
    const char *value;
} sl_kv;

typedef enum sl_startup {
    SL_START_GROUP_OFFSETS, /* committed offsets of the group, else earliest */
    SL_START_EARLIEST,
    SL_START_LATEST,
} sl_startup;

/* A source as declared in the .sql file (the CLI may override it). */
typedef struct sl_source_desc {
    const char *name; /* table/stream name as declared */
    sl_connector connector;
    const char *path;      /* filesystem */
    const char *topic;     /* kafka */
    const char *bootstrap; /* kafka: properties.bootstrap.servers (may be NULL) */
    const char *group_id;  /* kafka: properties.group.id (may be NULL) */
    sl_startup startup;
    const sl_kv *props; /* other properties.* for librdkafka */
    int n_props;
    bool has_watermark;
    bool keyed; /* upsert-kafka: records are (key, value); an empty value is a delete */
    /* the dead-letter queue of malformed and late records: a file of JSON
     * lines, or a Kafka topic on the source's brokers (NULL: none) */
    const char *dead_letter_path;
    const char *dead_letter_topic;
    /* Decoding ahead (sl_program.decode and on_row): the bytes of one
     * decoded row and of the decoder's cache (a zeroed cache is empty);
     * row_size 0 when the source is decoded by on_record only. */
    size_t row_size;
    size_t decode_cache_size;
} sl_source_desc;

typedef struct sl_sink_desc {
    const char *name;
    sl_connector connector;
    const char *path;
    const char *topic;
    const char *bootstrap;
    const sl_kv *props;
    int n_props;
    bool keyed; /* upsert-kafka: records are (key, value); a delete is a key without value */
    /* Kafka: 'sink.delivery-guarantee' = 'exactly-once': the records between
     * two checkpoints form one Kafka transaction, committed once the
     * checkpoint is durable; its transactional.id is
     * "<transactional_id_prefix>-<name>" (rt_kafka.c) */
    bool exactly_once;
    const char *transactional_id_prefix;
} sl_sink_desc;

/* Where a record came from, for error messages and watermarks. */
typedef struct sl_recmeta {
    int partition;     /* Kafka partition; 0 for files */
    int64_t offset;    /* Kafka offset; for files the 1-based line number */
    int64_t timestamp; /* Kafka message timestamp (ms) or SL_TS_MIN */
    /* keyed sources read from Kafka: the message key (NULL when none) and
     * whether the value is absent (a tombstone: the data is then empty).
     * A keyed source read from a file has lines {"key": K, "value": V}. */
    bool has_key;
    const char *key;
    size_t key_len;
    bool tombstone;
} sl_recmeta;

/* Counters printed at exit. */
typedef struct sl_source_stats {
    uint64_t read;      /* records delivered (including malformed and late) */
    uint64_t malformed; /* skipped: not decodable */
    uint64_t late;      /* dropped: their window had already fired */
    uint64_t skipped;   /* Kafka: deleted from the log (retention) before they were read */
} sl_source_stats;

/* What the program's operators hold at one moment (sl_program.state_info).
 * Maintained incrementally by the generated code, so reading it costs
 * O(queries), not O(state). */
typedef struct sl_state_info {
    uint64_t windows; /* open windows: not fired yet */
    uint64_t groups;  /* groups in open windows */
    uint64_t bytes;   /* bytes of operator state held: windows (open, and fired ones kept
                       * for reuse), their hash indexes, group entries and key bytes */
} sl_state_info;

typedef struct sl_ctx sl_ctx;

/* Result of sl_program.on_record. */
enum { SL_OK = 0, SL_MALFORMED = 1 };

typedef struct sl_program {
    const char *name; /* the .sql file it was built from */
    int n_sources;
    const sl_source_desc *sources;
    int n_sinks;
    const sl_sink_desc *sinks;
    /* Allocates the program's operator state; called once before any record. */
    void *(*init)(sl_ctx *ctx);
    /* Decodes and processes one record (len bytes, no trailing newline) of
     * source `source`. Returns SL_OK, or SL_MALFORMED after calling
     * sl_set_error with the reason; the runtime then reports it with the
     * record's position and counts it. Late records are counted by the
     * generated code with sl_count_late and return SL_OK. */
    int (*on_record)(sl_ctx *ctx, void *state, int source, const char *data, size_t len,
                     const sl_recmeta *meta);
    /* on_record in two halves, for a source whose row_size is not 0, so
     * that the reader thread of a file source decodes a block's records
     * while the main thread processes the block before it
     * (docs/architecture.md, "The runtime seam"). decode fills row
     * (row_size bytes) from the record's bytes, with the source's decoder
     * cache (decode_cache_size bytes, owned by the caller); its strings
     * point into the record or into sl_scratch(dctx), which must outlive
     * the row. It touches nothing but its arguments and dctx's error and
     * scratch, so it may run on another thread than the operators. It
     * returns on_record's result, and on_record, which runs the same
     * decoder, reports the same error. on_row then does what on_record
     * does after decoding. */
    int (*decode)(sl_ctx *dctx, int source, const char *data, size_t len, void *row, void *cache);
    int (*on_row)(sl_ctx *ctx, void *state, int source, const void *row, const sl_recmeta *meta);
    /* The runtime advanced a source's watermark outside on_record (idle
     * partitions, end of input): fire what is complete. wm is the new
     * watermark (SL_TS_MAX at the end of bounded input). */
    void (*on_watermark)(sl_ctx *ctx, void *state, int source, int64_t wm);
    /* Fills *info with what the state holds now (NULL: a program without
     * state). Read for the exit statistics, the --max-state-bytes limit and
     * the stalled-watermark warning; O(queries). */
    void (*state_info)(const void *state, sl_state_info *info);
    /* The operators that hold state of their own (aggregations, sessions,
     * changelog normalisation): n_operators names ("op2 WindowAggregate
     * from CREATE TABLE hourly", as `sluice explain` numbers them), and
     * operator_info fills *info with what operator i holds now (the
     * per-operator gauges of --metrics-port). */
    int n_operators;
    const char *const *operators;
    void (*operator_info)(const void *state, int i, sl_state_info *info);
    /* Frees the state. */
    void (*destroy)(sl_ctx *ctx, void *state);
    /* Appends every operator's state to b (the format is the program's own:
     * a checkpoint restores into the same program only). */
    void (*save)(const void *state, sl_buf *b);
    /* Restores what save wrote into a state fresh from init; false when the
     * bytes are corrupt or truncated (the state must then be destroyed). */
    bool (*load)(void *state, sl_rbuf *r);
    /* table.exec.source.idle-timeout of the .sql file, ms (0: off); the
     * --idle-timeout option overrides it */
    int64_t idle_timeout_ms;
    /* execution.checkpointing.interval of the .sql file, ms (0: the
     * default, 10 s); the --checkpoint-interval option overrides it.
     * Checkpoints are taken only with --state-dir. */
    int64_t checkpoint_interval_ms;
    /* state.checkpoints.dir of the .sql file: the state directory when the
     * command line has no --state-dir (NULL: none) */
    const char *state_dir;
    /* The plan the program was compiled from (the logical and physical
     * plans of `sluice explain` and the sources' columns), NUL-terminated.
     * A checkpoint records it: state restores only into the same plan. */
    const char *plan;
} sl_program;

/* ---- services for the generated code ------------------------------------- */

/* The per-record scratch arena (reset by the runtime after each record). */
sl_arena *sl_scratch(sl_ctx *ctx);
/* The watermark tracker of source i. */
sl_watermark *sl_source_wm(sl_ctx *ctx, int source);
/* Records why the current record is malformed (printf format). The runtime
 * prints "<source>: <position>: malformed record: <reason>". */
void sl_set_error(sl_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Marks the current record late: some operator dropped it because the
 * watermark had passed its window. The runtime counts a record once,
 * however many operators dropped it. */
void sl_mark_late(sl_ctx *ctx);
/* A NULL was about to be written into NOT NULL column `column` of sink
 * table `table`: the run fails (exit 1) with that message, as Flink's sink
 * NOT NULL enforcer does by default. The row is not written. */
void sl_not_null_violation(sl_ctx *ctx, const char *table, const char *column);
/* Processing time: wall-clock milliseconds since the epoch, read once per
 * batch of records (state TTL). */
int64_t sl_now_ms(sl_ctx *ctx);
/* Output: sl_sink_begin returns the buffer to append exactly one encoded
 * record to (no trailing newline); sl_sink_end hands it to the sink
 * (buffered file write or one Kafka message) and counts it. */
sl_buf *sl_sink_begin(sl_ctx *ctx, int sink);
void sl_sink_end(sl_ctx *ctx, int sink);
/* Keyed sinks (upsert-kafka): write the record's key (a JSON object) into
 * the buffer sl_sink_key returns, before sl_sink_begin; or end the record
 * as a delete with sl_sink_end_tombstone instead of sl_sink_begin/end. A
 * keyed sink writing to a file writes {"key": K, "value": V|null} lines. */
sl_buf *sl_sink_key(sl_ctx *ctx, int sink);
void sl_sink_end_tombstone(sl_ctx *ctx, int sink);

/* Runs the program: parses the binary's command line (--input, --output,
 * --brokers, --bounded, --help), opens sources and sinks, feeds records,
 * drives watermarks, and at the end of bounded input advances every source
 * watermark to SL_TS_MAX, flushes sinks and prints statistics on stderr.
 * Returns the process exit status: 0 at the end of bounded input (or after
 * SIGINT/SIGTERM), 2 on a usage error, 1 on a fatal runtime error (cannot
 * open a file, Kafka delivery failed, ...). */
int sl_main(const sl_program *prog, int argc, char **argv);

#ifdef __cplusplus
}
#endif

#endif

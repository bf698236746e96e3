/* sl_sql.h - SQL scalar semantics used by generated programs: string
 * functions, LIKE, casts, comparisons, checked memory.
 *
 * A template in the DESIGN.md sense: plain C (static functions only), embedded
 * into bin/sluice and included by every generated program, so the C compiler
 * inlines and specialises it per query; tests/unit/test_templates.c tests it
 * on its own.
 *
 * Conventions: strings are sl_str views; a function that creates a string
 * allocates it in the per-record scratch arena passed as `scr` (freed by the
 * runtime after the record). Functions returning bool report "the result is
 * not NULL" (true) or "NULL" (false) for the run-time NULL-on-failure rules
 * (failed casts, division by zero), which README documents. Character
 * positions and lengths count UTF-8 code points, as Flink counts Java chars
 * for BMP text. */
#ifndef SLUICE_SL_SQL_H
#define SLUICE_SL_SQL_H

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include <unicase.h>

#include "sluice_rt.h"

/* ---- memory ------------------------------------------------------------- */

/* malloc/realloc that end the process with status 1 when memory runs out
 * (a streaming job cannot continue without its state). */
static inline void *sl_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) {
        fputs("sluice: out of memory\n", stderr);
        exit(1);
    }
    return q;
}

static inline void *sl_xcalloc(size_t n, size_t size)
{
    void *q = calloc(n ? n : 1, size ? size : 1);
    if (!q) {
        fputs("sluice: out of memory\n", stderr);
        exit(1);
    }
    return q;
}

/* A malloc'd copy of s (freed by the owner with free((void *)x.p)). */
static inline sl_str sl_str_own(sl_str s)
{
    char *p = (char *)sl_xrealloc(NULL, s.n);
    if (s.n) memcpy(p, s.p, s.n);
    return (sl_str){p, s.n};
}

/* ---- comparisons and hashing ------------------------------------------------ */

/* Equality of n bytes, inline: with a constant n (generated key matching)
 * the compiler unrolls it into a few word compares instead of a memcmp
 * call. */
static inline bool sl_bytes_eq(const char *a, const char *b, size_t n)
{
    while (n >= 8) {
        uint64_t x, y;
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        if (x != y) return false;
        a += 8;
        b += 8;
        n -= 8;
    }
    if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, a, 4);
        memcpy(&y, b, 4);
        if (x != y) return false;
        a += 4;
        b += 4;
        n -= 4;
    }
    if (n >= 2) {
        uint16_t x, y;
        memcpy(&x, a, 2);
        memcpy(&y, b, 2);
        if (x != y) return false;
        a += 2;
        b += 2;
        n -= 2;
    }
    return n == 0 || *a == *b;
}

/* Three-way byte-wise comparison (UTF-8 byte order equals code point order). */
static inline int sl_str_cmp(sl_str a, sl_str b)
{
    size_t n = a.n < b.n ? a.n : b.n;
    int c = n ? memcmp(a.p, b.p, n) : 0;
    if (c) return c < 0 ? -1 : 1;
    return (a.n > b.n) - (a.n < b.n);
}

static inline bool sl_str_eq(sl_str a, sl_str b)
{
    return a.n == b.n && sl_bytes_eq(a.p, b.p, a.n);
}

/* ---- x IN (constants) -----------------------------------------------------
 * A long IN list of constants becomes a sorted array (sorted and deduplicated
 * by codegen) searched in O(log n), instead of one comparison per item: the
 * generated code stays linear in the list's size, and so does its compile
 * time. NULL items and the NULL result are handled by the caller. */

/* Lower-bound search of x in the n sorted values v, by less and eq. */
#define SL_IN_SORTED(name, T, less, eq)                                                            \
    static inline bool name(T x, const T *v, size_t n)                                             \
    {                                                                                              \
        size_t lo = 0, hi = n;                                                                     \
        while (lo < hi) {                                                                          \
            size_t mid = lo + (hi - lo) / 2;                                                       \
            if (less(v[mid], x))                                                                   \
                lo = mid + 1;                                                                      \
            else                                                                                   \
                hi = mid;                                                                          \
        }                                                                                          \
        return lo < n && eq(v[lo], x);                                                             \
    }
#define SL_NUM_LESS(a, b) ((a) < (b))
#define SL_NUM_EQ(a, b)   ((a) == (b))
#define SL_STR_LESS(a, b) (sl_str_cmp((a), (b)) < 0)

SL_IN_SORTED(sl_in_i64, int64_t, SL_NUM_LESS, SL_NUM_EQ)
/* v sorted ascending without NaN; x = NaN matches nothing (SQL '=' on
 * doubles), and -0.0 matches 0.0. */
SL_IN_SORTED(sl_in_f64, double, SL_NUM_LESS, SL_NUM_EQ)
/* v sorted by sl_str_cmp (byte order). */
SL_IN_SORTED(sl_in_str, sl_str, SL_STR_LESS, sl_str_eq)

/* Hash of a double (group keys, distinct values, APPROX_COUNT_DISTINCT):
 * -0.0 and 0.0 hash alike, and so does every NaN, whatever its sign and
 * payload, as sl_f64_key_eq compares them. Two rounds of the 64-bit
 * finalizer: the values of a column often differ in a few mantissa bits
 * only, and one round leaves structure in the top bits, which is where
 * APPROX_COUNT_DISTINCT takes its register from (windows of the diff
 * suite's random doubles were estimated 5.2% low; with two rounds the
 * worst is about 2%, as for integers). */
static inline uint64_t sl_hash_f64(double v, uint64_t seed)
{
    uint64_t u = UINT64_C(0x7ff8000000000000);
    if (v == 0) v = 0;
    if (v == v) memcpy(&u, &v, sizeof u);
    return sl_hash_u64(sl_hash_u64(u, seed), 0);
}

/* Group-key equality of doubles: like hashing, by value with -0.0 == 0.0,
 * and NaN equal to NaN (SQL GROUP BY puts all NaNs in one group). */
static inline bool sl_f64_key_eq(double a, double b)
{
    return a == b || (a != a && b != b);
}

/* ---- arithmetic (Java semantics, which Flink inherits) ------------------------ */

/* Integer arithmetic wraps on overflow like Java int/long; x / 0 and x % 0
 * are NULL (Flink fails the job; see README). */
static inline int64_t sl_add64(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a + (uint64_t)b);
}
static inline int64_t sl_sub64(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a - (uint64_t)b);
}
static inline int64_t sl_mul64(int64_t a, int64_t b)
{
    return (int64_t)((uint64_t)a * (uint64_t)b);
}
static inline int32_t sl_add32(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a + (uint32_t)b);
}
static inline int32_t sl_sub32(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a - (uint32_t)b);
}
static inline int32_t sl_mul32(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a * (uint32_t)b);
}
static inline bool sl_div64(int64_t a, int64_t b, int64_t *out)
{
    if (b == 0) return false;
    *out = b == -1 ? (int64_t)((uint64_t)0 - (uint64_t)a) : a / b;
    return true;
}
static inline bool sl_mod64(int64_t a, int64_t b, int64_t *out)
{
    if (b == 0) return false;
    *out = b == -1 ? 0 : a % b;
    return true;
}
static inline bool sl_div32(int32_t a, int32_t b, int32_t *out)
{
    if (b == 0) return false;
    *out = b == -1 ? (int32_t)((uint32_t)0 - (uint32_t)a) : a / b;
    return true;
}
static inline bool sl_mod32(int32_t a, int32_t b, int32_t *out)
{
    if (b == 0) return false;
    *out = b == -1 ? 0 : a % b;
    return true;
}
static inline bool sl_divf(double a, double b, double *out)
{
    if (b == 0) return false;
    *out = a / b;
    return true;
}

/* ROUND(x, d) for doubles as Flink computes it: HALF_UP on the decimal
 * that Java prints for x (BigDecimal.valueOf(x), i.e. the shortest digits
 * that read back as x), then back to the nearest double; zero is +0.0.
 * (Fix: scaling by 10^d in binary rounded 1.005 to 1.0 instead of 1.01 and
 * 0.285 to 0.28, and ROUND(-0.4) gave -0.0; tests/sql/cases/math,
 * test_templates.) */
static inline double sl_round_f64(double x, int32_t d)
{
    if (!isfinite(x) || x == 0) return x == 0 ? 0.0 : x;
    char e[40];
    for (int prec = 2; prec <= 17; prec++) { /* as Double.toString: >= 2 digits */
        snprintf(e, sizeof e, "%.*e", prec - 1, x);
        if (prec == 17 || strtod(e, NULL) == x) break;
    }
    /* e = [-]d[.ddd]e[+-]xx: digit i has weight 10^(ex - i) */
    const char *q = e;
    bool neg = *q == '-';
    if (neg) q++;
    char dig[24];
    int nd = 0;
    for (; *q && *q != 'e'; q++)
        if (*q >= '0' && *q <= '9') dig[nd++] = *q;
    int64_t keep = (int64_t)atoi(q + 1) + d + 1; /* digits at or above 10^-d */
    if (keep >= nd) return x;
    if (keep < 0) return 0.0;
    /* mantissa = dig[0..keep) + (dig[keep] >= 5), times 10^-d */
    char m[32];
    int nm = 0;
    m[nm++] = '0'; /* room for a carry */
    for (int i = 0; i < keep; i++) m[nm++] = dig[i];
    if (dig[keep] >= '5') {
        int i = nm - 1;
        while (m[i] == '9') m[i--] = '0';
        m[i]++;
    }
    m[nm] = 0;
    char out[48];
    snprintf(out, sizeof out, "%s%se%d", neg ? "-" : "", m, -d);
    double r = strtod(out, NULL);
    return r == 0 ? 0.0 : r;
}

/* ROUND(n, d) for integers: identity for d >= 0, else half away from zero
 * at 10^-d. */
static inline int64_t sl_round_i64(int64_t x, int32_t d)
{
    if (d >= 0) return x;
    if (d < -18) return 0;
    int64_t m = 1;
    for (int i = 0; i < -d; i++) m *= 10;
    int64_t q = x / m, r = x % m;
    if (r >= (m + 1) / 2 && m > 1)
        q++;
    else if (r <= -((m + 1) / 2) && m > 1)
        q--;
    return sl_mul64(q, m);
}

/* ---- strings -------------------------------------------------------------------- */

/* UPPER/LOWER with full Unicode case mapping (GNU libunistring, as Java's
 * toUpperCase/toLowerCase that Flink uses, language-neutral); pure ASCII
 * takes a copy loop. Invalid UTF-8 is returned unchanged. */
static inline sl_str sl_case_map(sl_arena *scr, sl_str s, bool upper)
{
    bool ascii = true;
    for (size_t i = 0; i < s.n; i++)
        if ((unsigned char)s.p[i] >= 0x80) ascii = false;
    if (ascii) {
        char *o = (char *)sl_arena_alloc(scr, s.n ? s.n : 1);
        for (size_t i = 0; i < s.n; i++) {
            char c = s.p[i];
            if (upper)
                o[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
            else
                o[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        return (sl_str){o, s.n};
    }
    size_t len = 0;
    uint8_t *r = upper ? u8_toupper((const uint8_t *)s.p, s.n, NULL, NULL, NULL, &len)
                       : u8_tolower((const uint8_t *)s.p, s.n, NULL, NULL, NULL, &len);
    if (!r) return s;
    sl_str out = sl_arena_dup(scr, (sl_str){(const char *)r, len});
    free(r);
    return out;
}

static inline sl_str sl_upper(sl_arena *scr, sl_str s)
{
    return sl_case_map(scr, s, true);
}

static inline sl_str sl_lower(sl_arena *scr, sl_str s)
{
    return sl_case_map(scr, s, false);
}

/* Length of the UTF-8 sequence at p[0..n): the lead byte and the
 * continuation bytes after it (at least 1). */
static inline size_t sl_cp_len(const char *p, size_t n)
{
    size_t l = 1;
    while (l < n && ((unsigned char)p[l] & 0xC0) == 0x80) l++;
    return l;
}

/* Is the code point c (n bytes) one of the code points of set? */
static inline bool sl_in_set(const char *c, size_t n, sl_str set)
{
    for (size_t i = 0; i < set.n;) {
        size_t l = sl_cp_len(set.p + i, set.n - i);
        if (l == n && memcmp(set.p + i, c, n) == 0) return true;
        i += l;
    }
    return false;
}

/* TRIM/LTRIM/RTRIM: removes leading (which & 1) and/or trailing (which & 2)
 * characters that are in `chars` (a single space by default), comparing
 * whole code points. No copy. (Fix: compared single bytes, so trimming 'è'
 * (C3 A8) cut the lead byte off 'é' (C3 A9) and left invalid UTF-8;
 * test_templates trim::forms.) */
static inline sl_str sl_trim(sl_str s, sl_str chars, int which)
{
    size_t b = 0, e = s.n;
    if (which & 1)
        while (b < e) {
            size_t l = sl_cp_len(s.p + b, e - b);
            if (!sl_in_set(s.p + b, l, chars)) break;
            b += l;
        }
    if (which & 2)
        while (e > b) {
            size_t st = e - 1;
            while (st > b && ((unsigned char)s.p[st] & 0xC0) == 0x80) st--;
            if (!sl_in_set(s.p + st, e - st, chars)) break;
            e = st;
        }
    return (sl_str){s.p + b, e - b};
}

/* Number of UTF-8 code points in s. */
static inline int32_t sl_char_length(sl_str s)
{
    int32_t n = 0;
    for (size_t i = 0; i < s.n; i++) n += ((unsigned char)s.p[i] & 0xC0) != 0x80;
    return n;
}

/* Byte offset of code point `cp` (0-based) in s, clamped to s.n. */
static inline size_t sl_cp_offset(sl_str s, int64_t cp)
{
    size_t i = 0;
    while (i < s.n && cp > 0) {
        i++;
        while (i < s.n && ((unsigned char)s.p[i] & 0xC0) == 0x80) i++;
        cp--;
    }
    return i;
}

/* SUBSTRING(s FROM pos [FOR len]) with Flink's semantics
 * (BinaryStringDataUtil.substringSQL): pos > 0 is 1-based, pos = 0 means
 * the start, pos < 0 counts from the end (empty when it falls before the
 * start); then up to len code points. A negative len is NULL in Flink: the
 * generated code checks it before calling (here it gives ""). No copy.
 * (Fix: this implemented the SQL-standard window [pos, pos + len) ∩ [1, n],
 * so SUBSTRING(s, 0, 2) gave 1 character and SUBSTRING(s, -3) the whole
 * string; tests/sql/cases/strings, test_templates.) */
static inline sl_str sl_substring(sl_str s, int64_t pos, int64_t len, bool has_len)
{
    if (!has_len) len = INT64_MAX;
    if (len < 0) return (sl_str){s.p, 0};
    int64_t n = sl_char_length(s), start;
    if (pos > 0) {
        start = pos - 1;
        if (start >= n) return (sl_str){s.p, 0};
    } else if (pos < 0) {
        if (pos < -n) return (sl_str){s.p, 0};
        start = n + pos;
    } else {
        start = 0;
    }
    int64_t end = n - start < len ? n : start + len;
    size_t b = sl_cp_offset(s, start);
    size_t e = b + sl_cp_offset((sl_str){s.p + b, s.n - b}, end - start);
    return (sl_str){s.p + b, e - b};
}

/* Concatenation of n strings into scratch. */
static inline sl_str sl_concat(sl_arena *scr, const sl_str *parts, int n)
{
    size_t total = 0;
    for (int i = 0; i < n; i++) total += parts[i].n;
    char *o = (char *)sl_arena_alloc(scr, total ? total : 1);
    size_t off = 0;
    for (int i = 0; i < n; i++) {
        if (parts[i].n) memcpy(o + off, parts[i].p, parts[i].n);
        off += parts[i].n;
    }
    return (sl_str){o, total};
}

static inline sl_str sl_concat2(sl_arena *scr, sl_str a, sl_str b)
{
    sl_str parts[2] = {a, b};
    return sl_concat(scr, parts, 2);
}

/* Length in bytes of the UTF-8 sequence starting with byte c (1 for
 * invalid lead bytes, so matching always advances). */
static inline size_t sl_utf8_len(unsigned char c)
{
    if (c < 0xC0) return 1;
    if (c < 0xE0) return 2;
    if (c < 0xF0) return 3;
    return 4;
}

/* s LIKE p [ESCAPE esc]: '%' any sequence, '_' exactly one code point, esc
 * makes the next pattern character literal (esc < 0: no escape). Iterative
 * with single backtracking point (the classic wildcard algorithm): linear in
 * practice, no recursion. */
static inline bool sl_like(sl_str s, sl_str p, int esc)
{
    size_t si = 0, pi = 0, star_p = (size_t)-1, star_s = 0;
    while (si < s.n) {
        if (pi < p.n) {
            unsigned char pc = (unsigned char)p.p[pi];
            if ((int)pc == esc && pi + 1 < p.n) {
                size_t l = sl_utf8_len((unsigned char)p.p[pi + 1]);
                if (pi + 1 + l <= p.n && si + l <= s.n && memcmp(p.p + pi + 1, s.p + si, l) == 0) {
                    pi += 1 + l;
                    si += l;
                    continue;
                }
            } else if (pc == '%') {
                star_p = ++pi;
                star_s = si;
                continue;
            } else if (pc == '_') {
                pi++;
                si += sl_utf8_len((unsigned char)s.p[si]);
                if (si > s.n) si = s.n;
                continue;
            } else if ((unsigned char)s.p[si] == pc) {
                pi++;
                si++;
                continue;
            }
        }
        if (star_p != (size_t)-1) {
            pi = star_p;
            star_s += sl_utf8_len((unsigned char)s.p[star_s]);
            if (star_s > s.n) star_s = s.n;
            si = star_s;
            continue;
        }
        return false;
    }
    while (pi < p.n && p.p[pi] == '%') pi++;
    return pi == p.n;
}

static inline bool sl_starts_with(sl_str s, const char *lit, size_t n)
{
    return s.n >= n && memcmp(s.p, lit, n) == 0;
}

static inline bool sl_ends_with(sl_str s, const char *lit, size_t n)
{
    return s.n >= n && memcmp(s.p + s.n - n, lit, n) == 0;
}

static inline bool sl_contains(sl_str s, const char *lit, size_t n)
{
    if (n == 0) return true;
    if (s.n < n) return false;
    return memmem(s.p, s.n, lit, n) != NULL;
}

/* ---- casts --------------------------------------------------------------------- */

/* Trims ASCII whitespace (CAST of strings ignores it, as Flink does). */
static inline sl_str sl_trim_ws(sl_str s)
{
    size_t b = 0, e = s.n;
    while (b < e && (s.p[b] == ' ' || s.p[b] == '\t' || s.p[b] == '\n' || s.p[b] == '\r')) b++;
    while (e > b &&
           (s.p[e - 1] == ' ' || s.p[e - 1] == '\t' || s.p[e - 1] == '\n' || s.p[e - 1] == '\r'))
        e--;
    return (sl_str){s.p + b, e - b};
}

/* CAST(string AS integer type): decimal digits with optional sign, in
 * [lo, hi]; false (NULL) otherwise. */
static inline bool sl_str_to_i64(sl_str s, int64_t lo, int64_t hi, int64_t *out)
{
    s = sl_trim_ws(s);
    if (s.n == 0) return false;
    size_t i = 0;
    bool neg = false;
    if (s.p[0] == '-' || s.p[0] == '+') {
        neg = s.p[0] == '-';
        i = 1;
    }
    if (i == s.n) return false;
    uint64_t v = 0;
    for (; i < s.n; i++) {
        unsigned d = (unsigned)(s.p[i] - '0');
        if (d > 9) return false;
        if (v > (UINT64_MAX - d) / 10) return false;
        v = v * 10 + d;
    }
    if (neg) {
        if (v > (uint64_t)INT64_MAX + 1) return false;
        int64_t r = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
        if (r < lo) return false;
        *out = r;
        return true;
    }
    if (v > (uint64_t)INT64_MAX || (int64_t)v > hi) return false;
    *out = (int64_t)v;
    return true;
}

/* CAST(string AS DOUBLE): a decimal or exponent number, NaN, Infinity. */
static inline bool sl_str_to_f64(sl_str s, double *out)
{
    s = sl_trim_ws(s);
    if (s.n == 0 || s.n > 400) return false;
    char buf[401];
    memcpy(buf, s.p, s.n);
    buf[s.n] = 0;
    char *endp;
    errno = 0;
    double v = strtod(buf, &endp);
    if (endp != buf + s.n) return false;
    *out = v;
    return true;
}

/* CAST(string AS BOOLEAN): Flink's lists (BinaryStringDataUtil.toBoolean),
 * in any case: 't', 'true', 'y', 'yes', '1' and 'f', 'false', 'n', 'no',
 * '0'. (Fix: only true/false/1/0 were accepted; tests/sql/cases/casts.) */
static inline bool sl_str_to_bool(sl_str s, bool *out)
{
    static const char *const yes[] = {"t", "true", "y", "yes", "1"};
    static const char *const no[] = {"f", "false", "n", "no", "0"};
    s = sl_trim_ws(s);
    for (int i = 0; i < 5; i++) {
        if (s.n == strlen(yes[i]) && strncasecmp(s.p, yes[i], s.n) == 0) {
            *out = true;
            return true;
        }
        if (s.n == strlen(no[i]) && strncasecmp(s.p, no[i], s.n) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}

/* CAST(double AS integer type of `bits` bits) as Java's primitive casts,
 * which Flink's numeric casts are: truncation toward zero, NaN gives 0,
 * values beyond the BIGINT (bits 64) or INT range give its bound, and a
 * SMALLINT or TINYINT takes the low bits of that INT (two's complement,
 * Java's d2i then i2s/i2b). Never fails. */
static inline int64_t sl_f64_to_int(double v, int bits)
{
    if (v != v) return 0;
    if (bits == 64) {
        if (v >= 9223372036854775808.0) return INT64_MAX; /* 2^63 */
        if (v <= -9223372036854775808.0) return INT64_MIN;
        return (int64_t)v;
    }
    int32_t i = v >= 2147483647.0 ? INT32_MAX : v <= -2147483648.0 ? INT32_MIN : (int32_t)v;
    return bits == 32 ? i : bits == 16 ? (int16_t)(uint16_t)i : (int8_t)(uint8_t)i;
}

static inline sl_str sl_i64_to_str(sl_arena *scr, int64_t v)
{
    char *o = (char *)sl_arena_alloc(scr, 24);
    int n = snprintf(o, 24, "%lld", (long long)v);
    return (sl_str){o, (size_t)n};
}

/* CAST(DOUBLE AS VARCHAR) as Flink does it, i.e. Java's Double.toString:
 * the shortest digits that read back as v; plain notation with at least one
 * fraction digit for 1e-3 <= |v| < 1e7 ("2.0", "0.001", "1234567.5"),
 * otherwise d.dddE[-]n ("1.0E10", "1.0E-4"); "NaN", "Infinity",
 * "-Infinity", "0.0", "-0.0". (Fix: this printed the JSON form, "2" for 2.0,
 * "1e+10", and "null" for NaN; tests/sql/cases/casts, test_templates.) */
static inline sl_str sl_f64_to_str(sl_arena *scr, double v)
{
    char *o = (char *)sl_arena_alloc(scr, 48);
    size_t n = 0;
    if (isnan(v)) return (sl_str){"NaN", 3};
    if (isinf(v)) return v > 0 ? (sl_str){"Infinity", 8} : (sl_str){"-Infinity", 9};
    if (v == 0) return signbit(v) ? (sl_str){"-0.0", 4} : (sl_str){"0.0", 3};
    /* shortest of 2..17 significant digits that round-trips: Java prints at
     * least two (1.0E10; 4.9E-324, the closest 2-digit decimal, not 5.0E-324) */
    char e[40];
    for (int prec = 2; prec <= 17; prec++) {
        snprintf(e, sizeof e, "%.*e", prec - 1, v);
        if (prec == 17 || strtod(e, NULL) == v) break;
    }
    /* e = [-]d[.ddd]e[+-]xx: collect the digits and the exponent */
    const char *q = e;
    if (*q == '-') {
        o[n++] = '-';
        q++;
    }
    char dig[20];
    int nd = 0;
    for (; *q && *q != 'e'; q++)
        if (*q >= '0' && *q <= '9') dig[nd++] = *q;
    int ex = atoi(q + 1);
    while (nd > 1 && dig[nd - 1] == '0') nd--;
    if (ex >= -3 && ex < 7) {
        if (ex < 0) {
            o[n++] = '0';
            o[n++] = '.';
            for (int i = 0; i < -ex - 1; i++) o[n++] = '0';
            for (int i = 0; i < nd; i++) o[n++] = dig[i];
        } else {
            for (int i = 0; i <= ex; i++) o[n++] = i < nd ? dig[i] : '0';
            o[n++] = '.';
            if (nd > ex + 1)
                for (int i = ex + 1; i < nd; i++) o[n++] = dig[i];
            else
                o[n++] = '0';
        }
    } else {
        o[n++] = dig[0];
        o[n++] = '.';
        if (nd > 1)
            for (int i = 1; i < nd; i++) o[n++] = dig[i];
        else
            o[n++] = '0';
        n += (size_t)snprintf(o + n, 8, "E%d", ex);
    }
    return (sl_str){o, n};
}

static inline sl_str sl_bool_to_str(bool v)
{
    return v ? (sl_str){"TRUE", 4} : (sl_str){"FALSE", 5};
}

static inline sl_str sl_ts_to_str(sl_arena *scr, int64_t ms)
{
    char *o = (char *)sl_arena_alloc(scr, 32);
    size_t n = sl_ts_format(ms, o);
    return (sl_str){o, n};
}

/* ---- output ---------------------------------------------------------------------- */

static inline void sl_put_bool(sl_buf *b, bool v)
{
    if (v)
        SL_BUF_LIT(b, "true");
    else
        SL_BUF_LIT(b, "false");
}

#endif

/* rt_buf.c - growable output buffers and the JSON value encoders the
 * generated encoders call (integers, doubles, strings, timestamps).
 *
 * Encoders write straight into the buffer (one reserve, then stores), never
 * through stdio, because they run once per output field. */
#include "rt_internal.h"

#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

void sl_buf_grow(sl_buf *b, size_t extra)
{
    if (extra > SIZE_MAX / 4 - b->n) rt_oom();
    size_t need = b->n + extra;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) rt_oom();
    b->p = p;
    b->cap = cap;
}

void sl_memo_grow(sl_memo *m, size_t n)
{
    if (n > UINT32_MAX - 15) return; /* not kept: sl_memo_set checks cap */
    uint32_t cap = (uint32_t)((n + 15) & ~(size_t)15);
    char *p = realloc(m->p, cap);
    if (!p) rt_oom();
    m->p = p;
    m->cap = cap;
}

void sl_buf_free(sl_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

__extension__ typedef unsigned __int128 rt_u128;

/* 10^0 .. 10^19 */
static const uint64_t rt_pow10[] = {1ULL,
                                    10ULL,
                                    100ULL,
                                    1000ULL,
                                    10000ULL,
                                    100000ULL,
                                    1000000ULL,
                                    10000000ULL,
                                    100000000ULL,
                                    1000000000ULL,
                                    10000000000ULL,
                                    100000000000ULL,
                                    1000000000000ULL,
                                    10000000000000ULL,
                                    100000000000000ULL,
                                    1000000000000000ULL,
                                    10000000000000000ULL,
                                    100000000000000000ULL,
                                    1000000000000000000ULL,
                                    10000000000000000000ULL};

/* Number of decimal digits of q (1 for 0): from the bit length, corrected
 * by one compare. */
static inline int rt_ndigits(uint64_t q)
{
    int t = (64 - __builtin_clzll(q | 1)) * 1233 >> 12;
    int nd = t + 1 - (q < rt_pow10[t]);
    return nd + (nd == 0);
}

/* The 8 decimal digits of x < 10^8, zero-padded, as ASCII bytes of a
 * little-endian word (byte 0 = the first digit): two lanes of 4 digits,
 * then four of 2, then eight of 1, each split by a multiply and shift that
 * is exact in its range (n * 10486 >> 20 == n / 100 for n < 10^4,
 * n * 103 >> 10 == n / 10 for n < 100) with no carry between lanes.
 * Branch-free, unlike a loop of dependent divisions. */
static inline uint64_t rt_8digits(uint32_t x)
{
    assert(x < 100000000);
    uint64_t v = x / 10000 | (uint64_t)(x % 10000) << 32;
    uint64_t h = (v * 10486 >> 20) & 0x0000007F0000007FULL;
    v = h | (v - h * 100) << 16;
    h = (v * 103 >> 10) & 0x000F000F000F000FULL;
    v = h | (v - h * 10) << 8;
    return v + 0x3030303030303030ULL;
}

/* Stores the little-endian word w at p (8 bytes, any alignment). */
static inline void rt_store_le64(char *p, uint64_t w)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w);
#endif
    memcpy(p, &w, 8);
}

/* Integers are converted in registers, as little-endian words of ASCII,
 * and stored once: no loop of divisions by 100 into a scratch array that
 * is then copied with a variable-length memcpy. */

/* The 17 digits of x < 10^17, zero-padded, as a byte stream s[0..2]
 * (bytes 0..16; the rest of s[2] is zero). */
static inline void rt_17digits(uint64_t x, uint64_t s[3])
{
    uint64_t top = x / 10000000000000000ULL, rest = x % 10000000000000000ULL;
    uint64_t hi = rt_8digits((uint32_t)(rest / 100000000)),
             lo = rt_8digits((uint32_t)(rest % 100000000));
    s[0] = ('0' + top) | hi << 8;
    s[1] = hi >> 56 | lo << 8;
    s[2] = lo >> 56;
}

/* Stores bytes t.. of the stream s (t in 1..16) at p: 16 bytes, enough for
 * the at most 16 stream bytes after t. */
static inline void rt_store_stream_from(char *p, const uint64_t s[3], int t)
{
    assert(t >= 1 && t <= 16);
    uint64_t a0 = t >= 16 ? s[2] : t >= 8 ? s[1] : s[0];
    uint64_t a1 = t >= 16 ? 0 : t >= 8 ? s[2] : s[1];
    uint64_t a2 = t >= 8 ? 0 : s[2];
    int sh = (t & 7) * 8;
    rt_store_le64(p, (uint64_t)((((rt_u128)a1 << 64) | a0) >> sh));
    rt_store_le64(p + 8, (uint64_t)((((rt_u128)a2 << 64) | a1) >> sh));
}

void sl_buf_put_i64(sl_buf *b, int64_t v)
{
    /* Negate in unsigned arithmetic so INT64_MIN works. */
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    sl_buf_reserve(b, 48);
    char *o = b->p + b->n;
    *o = '-';
    o += v < 0;
    int nd = rt_ndigits(u);
    if (u < 100000000) {
        /* the last nd of 8 zero-padded digits */
        rt_store_le64(o, rt_8digits((uint32_t)u) >> (8 * (8 - nd)));
    } else {
        int nh = nd - 16; /* digits before the last 16 */
        if (nh <= 0) {
            uint64_t s[3];
            rt_17digits(u, s);
            rt_store_stream_from(o, s, 17 - nd);
        } else {
            /* 17 to 20 digits: the first 1..4, then two groups of 8 */
            uint64_t hi = u / 10000000000000000ULL, rest = u % 10000000000000000ULL;
            rt_store_le64(o, rt_8digits((uint32_t)hi) >> (8 * (8 - nh)));
            rt_store_le64(o + nh, rt_8digits((uint32_t)(rest / 100000000)));
            rt_store_le64(o + nh + 8, rt_8digits((uint32_t)(rest % 100000000)));
        }
    }
    b->n += (size_t)(v < 0) + (size_t)nd;
}

/* Appends (neg ? -1 : 1) * q / 10^k in fixed notation as %g prints it:
 * an integer part (0 when q < 10^k), and the fraction's k digits without
 * their trailing zeros (no point when none are left). q < 10^17, k <= 21.
 * q is written as 24 zero-padded digits (so the zeros after the point of a
 * small value are there) and copied with fixed-size copies: variable-length
 * ones compiled to `rep movsb`, which cost more than the digits. */
static void rt_put_fixed(sl_buf *b, bool neg, uint64_t q, int k)
{
    assert(k >= 0 && k <= 21 && q < rt_pow10[17]);
    char d[48] = {0}; /* 24 digits, then slack for the copies */
    uint64_t hi = q / 100000000;
    rt_store_le64(d, rt_8digits((uint32_t)(hi / 100000000)));
    rt_store_le64(d + 8, rt_8digits((uint32_t)(hi % 100000000)));
    rt_store_le64(d + 16, rt_8digits((uint32_t)(q % 100000000)));
    char *end = d + 24;
    int nd = rt_ndigits(q);
    int ip = nd > k ? nd - k : 1; /* digits before the point, at least "0" */
    const char *p = end - k - ip;
    int f = k;
    while (f > 0 && end[-1] == '0') {
        end--;
        f--;
    }
    sl_buf_reserve(b, 64);
    char *o = b->p + b->n;
    *o = '-';
    o += neg;
    memcpy(o, p, 24); /* ip <= 17 */
    o[ip] = '.';
    memcpy(o + ip + 1, p + ip, 24); /* f <= 21 */
    b->n += (size_t)neg + (size_t)ip + (f ? 1 + (size_t)f : 0);
}

/* The "%.15g / %.16g / %.17g, first that round-trips" rule computed with
 * exact integer arithmetic instead of snprintf + strtod (which use bignums
 * and dominate the cost of writing averages). Only for 1e-4 <= |v| < 1e15,
 * where %g prints fixed notation.
 *
 * v = m * 2^e exactly. With the decimal exponent X (10^X <= |v| <
 * 10^(X+1)) and k = 16 - X, V = |v| * 10^k = S / 2^s (S = m * 5^k,
 * s = -(e + k)) lies in [10^16, 10^17): its integer part Q holds the 17
 * significant digits and R = S mod 2^s the rest. The P-digit rounding is
 * Q / 10^(17-P) rounded half-to-even with the exact rest, which is what
 * printf prints (glibc rounds exactly). It reads back as v (strtod rounds
 * to nearest, ties to even) iff it lies within half an ulp of v: with
 * D = the rounding times 10^(17-P), 2 * |D * 2^s - S| < 5^k (the gap below
 * a power of two is half as wide: 4 * ... < 5^k), equality allowed when m
 * is even. Since an ulp of v is V / m > 10^16 / 2^53 in these units,
 * 2^s < 5^k < 2^49: everything past S fits in 64 bits.
 * Returns false (nothing written) when a case falls outside these bounds. */
static bool rt_put_f64_exact(sl_buf *b, double v)
{
    static const uint64_t pow5[] = {1ULL,
                                    5ULL,
                                    25ULL,
                                    125ULL,
                                    625ULL,
                                    3125ULL,
                                    15625ULL,
                                    78125ULL,
                                    390625ULL,
                                    1953125ULL,
                                    9765625ULL,
                                    48828125ULL,
                                    244140625ULL,
                                    1220703125ULL,
                                    6103515625ULL,
                                    30517578125ULL,
                                    152587890625ULL,
                                    762939453125ULL,
                                    3814697265625ULL,
                                    19073486328125ULL,
                                    95367431640625ULL,
                                    476837158203125ULL};
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    int bexp = (int)(bits >> 52 & 0x7FF);
    if (bexp == 0) return false; /* subnormal: not in range anyway */
    uint64_t m = (bits & ((1ULL << 52) - 1)) | (1ULL << 52);
    int e = bexp - 1075;
    bool lower_narrow = m == (1ULL << 52);
    /* Decimal exponent: |v| lies in [2^e2, 2^(e2+1)), so X is
     * floor(e2 * log10(2)) or one more (78913 / 2^18 is log10(2) to within
     * 1e-6, exact enough for |e2| < 1000); the loop below settles it with
     * integers. Cheaper than log10(3), which dominated this function. */
    int e2 = e + 52;
    int X = e2 >= 0 ? (e2 * 78913) >> 18 : -((-e2 * 78913 + (1 << 18) - 1) >> 18);
    int k = 0, s = 0;
    uint64_t Q = 0, R = 0;
    for (int tries = 0;; tries++) {
        k = 16 - X;
        s = -(e + k);
        if (k < 0 || k > 21 || s <= 0 || s >= 64) return false;
        rt_u128 S = (rt_u128)m * pow5[k], W = S >> s;
        if (W >= rt_pow10[16] && W < rt_pow10[17]) {
            Q = (uint64_t)W;
            R = (uint64_t)S & ((1ULL << s) - 1);
            break;
        }
        if (tries == 1) return false;
        X += W < rt_pow10[16] ? -1 : 1;
    }
    assert(s < 49);
    uint64_t lim = pow5[k];
    for (int P = 15; P <= 17; P++) {
        /* constant divisors: a multiply, not a 40-cycle div */
        uint64_t div = P == 15 ? 100 : P == 16 ? 10 : 1;
        uint64_t q = P == 15 ? Q / 100 : P == 16 ? Q / 10 : Q;
        uint64_t rem = Q - q * div;
        uint64_t twice_rest = ((rem << s) + R) * 2, whole = div << s;
        if (twice_rest > whole || (twice_rest == whole && (q & 1))) q++;
        if (q >= rt_pow10[P]) return false; /* rounded up to 10^P: let printf do it */
        /* D * 2^s - S, |.| < 101 * 2^48 */
        int64_t t = ((int64_t)(q * div) - (int64_t)Q) * (int64_t)(1ULL << s) - (int64_t)R;
        uint64_t twice =
            (t < 0 ? 0 - (uint64_t)t : (uint64_t)t) * ((t < 0 && lower_narrow) ? 4 : 2);
        if (P < 17 && !(twice < lim || (twice == lim && !(m & 1)))) continue;
        /* q * 10^-(k - (17 - P)): the point after X + 1 digits */
        rt_put_fixed(b, v < 0, q, k - (17 - P));
        return true;
    }
    return false;
}

void sl_buf_put_f64(sl_buf *b, double v)
{
    if (!isfinite(v)) {
        SL_BUF_LIT(b, "null");
        return;
    }
    double a = fabs(v);
    /* Fast path 1: integral values below 1e15 print as integers, which is
     * exactly what "%.15g" would print for them. */
    if (a < 1e15 && v == (double)(int64_t)v) {
        if (v == 0 && signbit(v)) {
            SL_BUF_LIT(b, "-0");
            return;
        }
        sl_buf_put_i64(b, (int64_t)v);
        return;
    }
    /* Fast path 2: a decimal with at most 6 places (m / 10^6, m < 1e15)
     * that reads back as v. The division is correctly rounded, so equality
     * proves that strtod of the printed text gives v; m < 1e15 keeps it
     * within the 15 digits that "%.15g" would have printed identically. One
     * scale, 10^6, finds every shorter one too: if d / 10^k rounds to v for
     * some k < 6, then |v * 10^6 - d * 10^(6-k)| < 0.25, so m is d *
     * 10^(6-k), the same rational, and dropping the fraction's trailing
     * zeros prints the shortest text. */
    if (a >= 1e-3 && a < 1e9) {
        double m = (double)(int64_t)(a * 1e6 + 0.5);
        if (m / 1e6 == a) {
            rt_put_fixed(b, v < 0, (uint64_t)m, 6);
            return;
        }
    }
    if (a >= 1e-4 && a < 1e15 && rt_put_f64_exact(b, v)) return;
    /* General case: the shortest of 15, 16, 17 significant digits that
     * round-trips; 17 always does. */
    char tmp[40];
    int n = 0;
    for (int prec = 15; prec <= 17; prec++) {
        n = snprintf(tmp, sizeof tmp, "%.*g", prec, v);
        if (prec == 17 || strtod(tmp, NULL) == v) break;
    }
    sl_buf_put(b, tmp, (size_t)n);
}

/* True for the bytes a JSON string escapes: '"', '\\' and controls. */
static inline bool rt_json_escaped(unsigned char c)
{
    return c < 0x20 || c == '"' || c == '\\';
}

void sl_buf_put_json_str_any(sl_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    /* Worst case every byte becomes \u00XX (6 bytes), plus the quotes. One
     * reserve up front keeps the loop free of capacity checks. */
    if (n > (SIZE_MAX - 2) / 6) rt_oom();
    sl_buf_reserve(b, 6 * n + 2);
    char *o = b->p + b->n;
    *o++ = '"';
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    if (n <= 16) {
        /* Short strings (codes, names): a byte loop is cheaper than the
         * call to memcpy below; the first byte to escape ends it. */
        for (; p < end && !rt_json_escaped(*p); p++) *o++ = (char)*p;
    }
    while (p < end) {
        /* Copy the run of bytes that need no escaping in one go. */
        const unsigned char *q = p;
        while (q < end && !rt_json_escaped(*q)) q++;
        if (q > p) {
            memcpy(o, p, (size_t)(q - p));
            o += q - p;
            p = q;
            if (p == end) break;
        }
        unsigned char c = *p++;
        *o++ = '\\';
        switch (c) {
        case '"':
            *o++ = '"';
            break;
        case '\\':
            *o++ = '\\';
            break;
        case '\n':
            *o++ = 'n';
            break;
        case '\r':
            *o++ = 'r';
            break;
        case '\t':
            *o++ = 't';
            break;
        case '\b':
            *o++ = 'b';
            break;
        case '\f':
            *o++ = 'f';
            break;
        default:
            *o++ = 'u';
            *o++ = '0';
            *o++ = '0';
            *o++ = hex[c >> 4];
            *o++ = hex[c & 15];
        }
    }
    *o++ = '"';
    b->n = (size_t)(o - b->p);
}

void sl_buf_put_ts(sl_buf *b, int64_t ms)
{
    sl_buf_reserve(b, 34);
    b->p[b->n++] = '"';
    b->n += sl_ts_format(ms, b->p + b->n);
    b->p[b->n++] = '"';
}

/* sl_buf_field_*: the key, then the value or null. */
#define RT_FIELD(b, key, n, isnull, put)                                                           \
    do {                                                                                           \
        sl_buf_put((b), (key), (n));                                                               \
        if (isnull)                                                                                \
            SL_BUF_LIT((b), "null");                                                               \
        else                                                                                       \
            put;                                                                                   \
    } while (0)

void sl_buf_field_i64(sl_buf *b, const char *key, size_t n, int64_t v, bool isnull)
{
    RT_FIELD(b, key, n, isnull, sl_buf_put_i64(b, v));
}

void sl_buf_field_f64(sl_buf *b, const char *key, size_t n, double v, bool isnull)
{
    RT_FIELD(b, key, n, isnull, sl_buf_put_f64(b, v));
}

void sl_buf_field_bool(sl_buf *b, const char *key, size_t n, bool v, bool isnull)
{
    RT_FIELD(b, key, n, isnull, (v ? SL_BUF_LIT(b, "true") : SL_BUF_LIT(b, "false")));
}

void sl_buf_field_str(sl_buf *b, const char *key, size_t n, sl_str v, bool isnull)
{
    RT_FIELD(b, key, n, isnull, sl_buf_put_json_str(b, v.p, v.n));
}

void sl_buf_field_ts(sl_buf *b, const char *key, size_t n, int64_t v, bool isnull)
{
    RT_FIELD(b, key, n, isnull, sl_buf_put_ts(b, v));
}

/* ---- state serialisation ------------------------------------------------- */

void sl_save_u64(sl_buf *b, uint64_t v)
{
    /* Byte by byte so the format is little-endian on every host; compilers
     * turn this into one store on little-endian machines. */
    unsigned char t[8];
    for (int i = 0; i < 8; i++) t[i] = (unsigned char)(v >> (8 * i));
    sl_buf_put(b, t, sizeof t);
}

void sl_save_i64(sl_buf *b, int64_t v)
{
    sl_save_u64(b, (uint64_t)v);
}

void sl_save_f64(sl_buf *b, double v)
{
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    sl_save_u64(b, u);
}

void sl_save_bytes(sl_buf *b, const void *p, size_t n)
{
    sl_save_u64(b, (uint64_t)n);
    if (n) sl_buf_put(b, p, n);
}

uint64_t sl_load_u64(sl_rbuf *r)
{
    if (r->err || r->end - r->p < 8) {
        r->err = true;
        return 0;
    }
    const unsigned char *q = (const unsigned char *)r->p;
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) v |= (uint64_t)q[i] << (8 * i);
    r->p += 8;
    return v;
}

int64_t sl_load_i64(sl_rbuf *r)
{
    /* Conversion of values above INT64_MAX is implementation-defined in C11;
     * every compiler sluice supports wraps, which is the format's meaning. */
    return (int64_t)sl_load_u64(r);
}

double sl_load_f64(sl_rbuf *r)
{
    uint64_t u = sl_load_u64(r);
    double v;
    memcpy(&v, &u, sizeof v);
    return v;
}

sl_str sl_load_str(sl_rbuf *r)
{
    uint64_t n = sl_load_u64(r);
    /* Compare in uint64_t: a corrupt length may exceed SIZE_MAX on 32-bit
     * hosts, and p + n must never be formed past end. */
    if (r->err || n > (uint64_t)(r->end - r->p)) {
        r->err = true;
        return (sl_str){"", 0};
    }
    /* An empty string never points at NULL (memcmp on it is then defined). */
    sl_str s = {n ? r->p : "", (size_t)n};
    r->p += n;
    return s;
}

/* rt_buf.c - growable output buffers and the JSON value encoders the
 * generated encoders call (integers, doubles, strings, timestamps).
 *
 * Encoders write straight into the buffer (one reserve, then stores), never
 * through stdio, because they run once per output field. */
#include "rt_internal.h"

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

void sl_buf_free(sl_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->n = b->cap = 0;
}

/* Writes the decimal digits of v backwards ending at `end`; returns the
 * first digit's position. */
static inline char *rt_u64_digits(uint64_t v, char *end)
{
    /* Two digits per division halves the number of divisions. */
    static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                                "25262728293031323334353637383940414243444546474849"
                                "50515253545556575859606162636465666768697071727374"
                                "75767778798081828384858687888990919293949596979899";
    char *p = end;
    while (v >= 100) {
        unsigned r = (unsigned)(v % 100);
        v /= 100;
        p -= 2;
        memcpy(p, pairs + 2 * r, 2);
    }
    if (v >= 10) {
        p -= 2;
        memcpy(p, pairs + 2 * v, 2);
    } else {
        *--p = (char)('0' + v);
    }
    return p;
}

void sl_buf_put_i64(sl_buf *b, int64_t v)
{
    char tmp[24];
    char *end = tmp + sizeof tmp;
    /* Negate in unsigned arithmetic so INT64_MIN works. */
    uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
    char *p = rt_u64_digits(u, end);
    if (v < 0) *--p = '-';
    sl_buf_put(b, p, (size_t)(end - p));
}

/* Powers of ten exactly representable as doubles. */
static const double rt_pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                  1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

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
    /* Fast path 2: a short decimal m / 10^k (k <= 6, m < 1e15) that reads
     * back as v. The division is correctly rounded, so equality proves that
     * strtod of the printed text gives v; m < 1e15 keeps it within the 15
     * digits that "%.15g" would have printed identically. The smallest k
     * that works gives the shortest text. */
    if (a >= 1e-3 && a < 1e9) {
        for (int k = 1; k <= 6; k++) {
            double m = nearbyint(a * rt_pow10[k]);
            if (m >= 1e15) break;
            if (m / rt_pow10[k] == a) {
                char tmp[40];
                char *end = tmp + sizeof tmp;
                char *p = rt_u64_digits((uint64_t)m, end);
                /* Pad to at least k+1 digits so there is an integer part. */
                while (end - p < k + 1) *--p = '0';
                char out[48];
                size_t n = 0;
                if (v < 0) out[n++] = '-';
                size_t digits = (size_t)(end - p);
                size_t ip = digits - (size_t)k;
                memcpy(out + n, p, ip);
                n += ip;
                out[n++] = '.';
                memcpy(out + n, p + ip, (size_t)k);
                n += (size_t)k;
                while (out[n - 1] == '0') n--; /* defensive: k was minimal */
                if (out[n - 1] == '.') n--;
                sl_buf_put(b, out, n);
                return;
            }
        }
    }
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

void sl_buf_put_json_str(sl_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    /* Worst case every byte becomes \u00XX (6 bytes), plus the quotes. One
     * reserve up front keeps the loop free of capacity checks. */
    if (n > (SIZE_MAX - 2) / 6) rt_oom();
    sl_buf_reserve(b, 6 * n + 2);
    char *o = b->p + b->n;
    *o++ = '"';
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        /* Copy the run of bytes that need no escaping in one go. */
        const unsigned char *q = p;
        while (q < end && *q >= 0x20 && *q != '"' && *q != '\\') q++;
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

/* rt_json.c - JSON reading primitives for the generated decoders (RFC 8259).
 *
 * Every function takes a cursor and the end of the record and never reads
 * at or past `end` (records are not NUL-terminated: they are views into a
 * read buffer or a Kafka message). Validation is strict RFC 8259, like
 * Flink's Jackson-based JSON format with its default features: raw control
 * characters in strings, leading zeros, bare '-' and unknown escapes are
 * errors, and so is a string that is not valid UTF-8 (Jackson rejects it;
 * copied through, it would make the output invalid JSON). The check rides
 * on the scan for quotes and backslashes, so ASCII text pays nothing. */
#include "rt_internal.h"

#include <stdlib.h>

/* Maximum nesting of arrays/objects that sl_json_skip accepts (Jackson's
 * default StreamReadConstraints allow 1000). */
enum { RT_JSON_MAX_DEPTH = 1024 };

static inline bool rt_is_digit(char c)
{
    return (unsigned)((unsigned char)c - '0') <= 9;
}

static inline int rt_hexval(char c)
{
    unsigned u = (unsigned char)c;
    if (u - '0' <= 9) return (int)(u - '0');
    u |= 0x20;
    if (u - 'a' <= 5) return (int)(u - 'a' + 10);
    return -1;
}

/* Scans the body of a string starting just after the opening quote.
 * Returns the position of the closing quote, or NULL when the string is
 * unterminated, contains a raw control character, a malformed escape or
 * bytes that are not UTF-8. *esc tells whether any escape was seen (then
 * the bytes need decoding). */
static inline const char *rt_scan_str(const char *p, const char *end, bool *esc)
{
    bool e = false;
    for (;;) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        /* Eight bytes at a time: flag bytes equal to '"' or '\\', below
         * 0x20 or above 0x7F. The lowest flagged byte of each test is exact
         * (borrows only create false flags above a true one), so ctz finds
         * the first. */
        while (end - p >= 8) {
            uint64_t x;
            memcpy(&x, p, 8);
            const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
            uint64_t q = x ^ (ones * '"');
            uint64_t b = x ^ (ones * '\\');
            uint64_t t = ((q - ones) & ~q) | ((b - ones) & ~b) | ((x - ones * 0x20) & ~x) | x;
            t &= high;
            if (t) {
                p += __builtin_ctzll(t) >> 3;
                goto special;
            }
            p += 8;
        }
#endif
        for (;;) {
            if (p >= end) return NULL;
            unsigned char c = (unsigned char)*p;
            if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) break;
            p++;
        }
    special:
        if (*p == '"') {
            *esc = e;
            return p;
        }
        if ((unsigned char)*p >= 0x80) {
            size_t n = rt_utf8_len(p, end);
            if (n == 0) return NULL;
            p += n;
            continue;
        }
        if (*p != '\\') return NULL; /* raw control character */
        e = true;
        if (end - p < 2) return NULL;
        switch (p[1]) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            p += 2;
            break;
        case 'u':
            if (end - p < 6) return NULL;
            for (int i = 2; i < 6; i++)
                if (rt_hexval(p[i]) < 0) return NULL;
            p += 6;
            break;
        default:
            return NULL;
        }
    }
}

/* Reads 4 hex digits (already validated by rt_scan_str). */
static inline unsigned rt_hex4(const char *p)
{
    return (unsigned)(rt_hexval(p[0]) << 12 | rt_hexval(p[1]) << 8 | rt_hexval(p[2]) << 4 |
                      rt_hexval(p[3]));
}

static inline char *rt_put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        *o++ = (char)cp;
    } else if (cp < 0x800) {
        *o++ = (char)(0xC0 | cp >> 6);
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (char)(0xE0 | cp >> 12);
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (char)(0xF0 | cp >> 18);
        *o++ = (char)(0x80 | (cp >> 12 & 0x3F));
        *o++ = (char)(0x80 | (cp >> 6 & 0x3F));
        *o++ = (char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* Decodes the validated string body [p, q) into o; returns the end of the
 * output. The output is never longer than the input: a 6-byte \uXXXX
 * gives at most 3 bytes, a 12-byte surrogate pair 4. */
static char *rt_decode_str(const char *p, const char *q, char *o)
{
    while (p < q) {
        const char *bs = memchr(p, '\\', (size_t)(q - p));
        if (!bs) bs = q;
        memcpy(o, p, (size_t)(bs - p));
        o += bs - p;
        p = bs;
        if (p == q) break;
        char c = p[1];
        p += 2;
        switch (c) {
        case 'b':
            *o++ = '\b';
            break;
        case 'f':
            *o++ = '\f';
            break;
        case 'n':
            *o++ = '\n';
            break;
        case 'r':
            *o++ = '\r';
            break;
        case 't':
            *o++ = '\t';
            break;
        case 'u': {
            unsigned cp = rt_hex4(p);
            p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                /* High surrogate: combine with a following low surrogate.
                 * Lone surrogates cannot be encoded in UTF-8; like most
                 * decoders we substitute U+FFFD rather than reject JSON
                 * that is syntactically valid. */
                if (q - p >= 6 && p[0] == '\\' && p[1] == 'u') {
                    unsigned lo = rt_hex4(p + 2);
                    if (lo >= 0xDC00 && lo <= 0xDFFF) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        p += 6;
                    } else {
                        cp = 0xFFFD;
                    }
                } else {
                    cp = 0xFFFD;
                }
            } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                cp = 0xFFFD;
            }
            o = rt_put_utf8(o, cp);
            break;
        }
        default:
            *o++ = c;
            break; /* '"', '\\', '/' */
        }
    }
    return o;
}

const char *sl_json_str(const char *p, const char *end, sl_str *out, sl_arena *scratch)
{
    if (p >= end || *p != '"') return NULL;
    bool esc;
    const char *q = rt_scan_str(p + 1, end, &esc);
    if (!q) return NULL;
    if (!esc) {
        out->p = p + 1;
        out->n = (size_t)(q - p - 1);
        return q + 1;
    }
    char *buf = sl_arena_alloc(scratch, (size_t)(q - p - 1));
    char *o = rt_decode_str(p + 1, q, buf);
    out->p = buf;
    out->n = (size_t)(o - buf);
    return q + 1;
}

const char *sl_json_i64(const char *p, const char *end, int64_t *out, bool *overflow)
{
    if (overflow) *overflow = false;
    if (p >= end) return NULL;
    bool neg = *p == '-';
    if (neg && ++p >= end) return NULL;
    unsigned d = (unsigned)((unsigned char)*p - '0');
    if (d > 9) return NULL;
    p++;
    uint64_t v = d;
    bool ovf = false;
    if (d == 0) {
        if (p < end && rt_is_digit(*p)) return NULL; /* leading zero */
    } else {
        /* v * 10 + d fits in int64 (or its negation) unless v passed
         * INT64_MAX / 10; only then is the exact test needed. */
        const uint64_t lim = INT64_MAX / 10;
        const unsigned last = 7 + neg; /* last digit of INT64_MAX / -INT64_MIN */
        while (p < end && (d = (unsigned)((unsigned char)*p - '0')) <= 9) {
            if (v >= lim && (v > lim || d > last)) ovf = true;
            if (!ovf) v = v * 10 + d;
            p++;
        }
    }
    if (p < end && (*p == '.' || *p == 'e' || *p == 'E')) return NULL;
    if (ovf) {
        if (overflow) *overflow = true;
        return NULL;
    }
    if (neg)
        *out = v > (uint64_t)INT64_MAX ? INT64_MIN : -(int64_t)v;
    else
        *out = (int64_t)v;
    return p;
}

/* Powers of ten that are exact doubles (Clinger's fast path). */
static const double rt_exact_pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* Validates the JSON number at p and returns its end, or NULL. */
static inline const char *rt_skip_number(const char *p, const char *end)
{
    if (p < end && *p == '-') p++;
    if (p >= end) return NULL;
    if (*p == '0') {
        p++;
        if (p < end && rt_is_digit(*p)) return NULL; /* leading zero */
    } else if (rt_is_digit(*p)) {
        while (p < end && rt_is_digit(*p)) p++;
    } else {
        return NULL;
    }
    if (p < end && *p == '.') {
        p++;
        const char *f = p;
        while (p < end && rt_is_digit(*p)) p++;
        if (p == f) return NULL;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-')) p++;
        const char *f = p;
        while (p < end && rt_is_digit(*p)) p++;
        if (p == f) return NULL;
    }
    return p;
}

const char *sl_json_f64(const char *p, const char *end, double *out)
{
    const char *start = p;
    bool neg = false;
    if (p < end && *p == '-') {
        neg = true;
        p++;
    }
    if (p >= end) return NULL;
    uint64_t m = 0;  /* up to 19 significant digits */
    int nd = 0;      /* significant digits in m */
    int64_t e10 = 0; /* value = m * 10^e10 when exact */
    bool exact = true;
    if (*p == '0') {
        p++;
        if (p < end && rt_is_digit(*p)) return NULL;
    } else if (rt_is_digit(*p)) {
        while (p < end && rt_is_digit(*p)) {
            if (nd < 19) {
                m = m * 10 + (unsigned)(*p - '0');
                nd += m != 0;
            } else {
                e10++;
                exact = false;
            }
            p++;
        }
    } else {
        return NULL;
    }
    if (p < end && *p == '.') {
        p++;
        const char *f = p;
        while (p < end && rt_is_digit(*p)) {
            if (nd < 19) {
                m = m * 10 + (unsigned)(*p - '0');
                nd += m != 0;
                e10--;
            } else {
                exact = false;
            }
            p++;
        }
        if (p == f) return NULL;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        bool eneg = false;
        if (p < end && (*p == '+' || *p == '-')) eneg = *p++ == '-';
        const char *f = p;
        int64_t x = 0;
        while (p < end && rt_is_digit(*p)) {
            if (x < 1000000) x = x * 10 + (*p - '0');
            p++;
        }
        if (p == f) return NULL;
        e10 += eneg ? -x : x;
    }
    if (m == 0) {
        *out = neg ? -0.0 : 0.0;
        return p;
    }
    if (exact && m < (1ULL << 53) && e10 >= -22 && e10 <= 22) {
        /* Both operands are exact, so one correctly rounded operation gives
         * the correctly rounded result. */
        double v = (double)m;
        v = e10 < 0 ? v / rt_exact_pow10[-e10] : v * rt_exact_pow10[e10];
        *out = neg ? -v : v;
        return p;
    }
    /* Exact fallback: strtod on a NUL-terminated copy of just the number
     * (the record is not NUL-terminated). Generated programs never call
     * setlocale, so the decimal point is '.'. */
    size_t n = (size_t)(p - start);
    char tmp[128];
    char *s = n < sizeof tmp ? tmp : malloc(n + 1);
    if (!s) rt_oom();
    memcpy(s, start, n);
    s[n] = 0;
    *out = strtod(s, NULL);
    if (s != tmp) free(s);
    return p;
}

const char *sl_json_bool(const char *p, const char *end, bool *out)
{
    if (end - p >= 4 && memcmp(p, "true", 4) == 0) {
        *out = true;
        return p + 4;
    }
    if (end - p >= 5 && memcmp(p, "false", 5) == 0) {
        *out = false;
        return p + 5;
    }
    return NULL;
}

/* Skips a string at p (p at '"'), validating it. */
static inline const char *rt_skip_str(const char *p, const char *end)
{
    bool esc;
    const char *q = rt_scan_str(p + 1, end, &esc);
    return q ? q + 1 : NULL;
}

const char *sl_json_skip(const char *p, const char *end)
{
    /* Iterative: the kind of each open container is one bit of `stack`
     * (1 = object), so `[[[[...` cannot exhaust the C stack. */
    uint64_t stack[RT_JSON_MAX_DEPTH / 64];
    int depth = 0;
    p = sl_json_ws(p, end);
value:
    if (p >= end) return NULL;
    switch (*p) {
    case '"':
        p = rt_skip_str(p, end);
        if (!p) return NULL;
        break;
    case '{':
    case '[': {
        bool obj = *p == '{';
        if (depth == RT_JSON_MAX_DEPTH) return NULL;
        uint64_t bit = 1ULL << (depth & 63);
        if (obj)
            stack[depth >> 6] |= bit;
        else
            stack[depth >> 6] &= ~bit;
        depth++;
        p = sl_json_ws(p + 1, end);
        if (p >= end) return NULL;
        if (*p == (obj ? '}' : ']')) {
            depth--;
            p++;
            break;
        }
        if (!obj) goto value;
        goto key;
    }
    case 't':
        if (end - p < 4 || memcmp(p, "true", 4) != 0) return NULL;
        p += 4;
        break;
    case 'f':
        if (end - p < 5 || memcmp(p, "false", 5) != 0) return NULL;
        p += 5;
        break;
    case 'n':
        if (end - p < 4 || memcmp(p, "null", 4) != 0) return NULL;
        p += 4;
        break;
    default:
        p = rt_skip_number(p, end);
        if (!p) return NULL;
        break;
    }
    /* After a value: close containers or continue with the next element. */
    while (depth > 0) {
        bool obj = stack[(depth - 1) >> 6] >> ((depth - 1) & 63) & 1;
        p = sl_json_ws(p, end);
        if (p >= end) return NULL;
        if (*p == ',') {
            p = sl_json_ws(p + 1, end);
            if (obj) goto key;
            goto value;
        }
        if (*p != (obj ? '}' : ']')) return NULL;
        p++;
        depth--;
    }
    return p;
key:
    /* p at an object member: "key" ws ':' ws value */
    if (p >= end || *p != '"') return NULL;
    p = rt_skip_str(p, end);
    if (!p) return NULL;
    p = sl_json_ws(p, end);
    if (p >= end || *p != ':') return NULL;
    p = sl_json_ws(p + 1, end);
    goto value;
}

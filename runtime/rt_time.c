/* rt_time.c - timestamp parsing and formatting (int64 ms since the Unix
 * epoch, UTC, proleptic Gregorian calendar).
 *
 * Calendar arithmetic uses Howard Hinnant's days_from_civil/civil_from_days
 * algorithms (public domain descriptions of 400-year eras), so dates before
 * 1970 and far from it are exact without tables or libc time functions
 * (which depend on TZ and are slow). */
#include "rt_internal.h"

enum { RT_MS_PER_DAY = 86400000 };

int64_t sl_days_from_civil(int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;                                                     /* [0, 399] */
    int64_t doy = (153 * (m > 2 ? (int64_t)m - 3 : (int64_t)m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

/* Inverse of sl_days_from_civil. */
static void rt_civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;                                      /* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
    int64_t mp = (5 * doy + 2) / 153;                                    /* [0, 11] */
    *d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static inline void rt_put2(char *o, unsigned v)
{
    o[0] = (char)('0' + v / 10);
    o[1] = (char)('0' + v % 10);
}

size_t sl_ts_format(int64_t ms, char *out)
{
    int64_t days = sl_floor_div(ms, RT_MS_PER_DAY);
    /* The floor remainder, computed without days * day (which overflows
     * for ms near INT64_MIN). */
    int64_t rem = ms % RT_MS_PER_DAY;
    if (rem < 0) rem += RT_MS_PER_DAY;
    int64_t y;
    unsigned mo, d;
    rt_civil_from_days(days, &y, &mo, &d);
    char *o = out;
    if (y >= 0 && y <= 9999) {
        unsigned yy = (unsigned)y;
        rt_put2(o, yy / 100);
        rt_put2(o + 2, yy % 100);
        o += 4;
    } else {
        /* Out of TIMESTAMP(3)'s years 0000..9999: a sign and at least four
         * digits, as Java's ISO formatters (and so Flink's JSON format)
         * print them: "+10000-01-01", "-0001-12-31". sl_ts_parse reads this
         * form back, so every output is readable as input. */
        uint64_t u = y < 0 ? 0 - (uint64_t)y : (uint64_t)y;
        char tmp[24];
        int n = 0;
        do {
            tmp[n++] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        while (n < 4) tmp[n++] = '0';
        *o++ = y < 0 ? '-' : '+';
        while (n) *o++ = tmp[--n];
    }
    unsigned r = (unsigned)rem;
    unsigned msec = r % 1000, s = r / 1000;
    o[0] = '-';
    rt_put2(o + 1, mo);
    o[3] = '-';
    rt_put2(o + 4, d);
    o[6] = ' ';
    rt_put2(o + 7, s / 3600);
    o[9] = ':';
    rt_put2(o + 10, s / 60 % 60);
    o[12] = ':';
    rt_put2(o + 13, s % 60);
    o[15] = '.';
    o[16] = (char)('0' + msec / 100);
    rt_put2(o + 17, msec % 100);
    o += 19;
    return (size_t)(o - out);
}

/* Reads exactly n digits at s into *v; false if any is not a digit. */
static inline bool rt_digits(const char *s, int n, unsigned *v)
{
    unsigned x = 0;
    for (int i = 0; i < n; i++) {
        unsigned c = (unsigned char)s[i] - '0';
        if (c > 9) return false;
        x = x * 10 + c;
    }
    *v = x;
    return true;
}

static inline bool rt_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The year of a date: exactly four digits, or (Java's expanded form, see
 * sl_ts_format) '+' and 5 to 9 digits or '-' and 4 to 9. Returns the bytes read, 0 if
 * there is no year. */
static size_t rt_year(const char *s, size_t n, int64_t *y)
{
    size_t i = 0;
    bool neg = false, sign = n > 0 && (s[0] == '+' || s[0] == '-');
    if (sign) {
        neg = s[0] == '-';
        i = 1;
    }
    int64_t v = 0;
    size_t d0 = i;
    while (i < n && i - d0 < 9 && (unsigned)((unsigned char)s[i] - '0') <= 9)
        v = v * 10 + (s[i++] - '0');
    size_t nd = i - d0;
    /* as Java's strict parsing of its own output: '+' only before a year
     * that needs more than four digits */
    if (sign ? nd < (neg ? 4u : 5u) : nd != 4) return 0;
    *y = neg ? -v : v;
    return i;
}

bool sl_ts_parse(const char *s, size_t n, int64_t *ms)
{
    unsigned mo, d, h = 0, mi = 0, sec = 0, frac = 0;
    int64_t y;
    static const unsigned char mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    /* Date: YYYY-MM-DD (or an expanded year, see rt_year). */
    size_t yl = rt_year(s, n, &y);
    if (yl == 0 || n < yl + 6) return false;
    s += yl - 4; /* the rest has the layout of a four-digit year's */
    n -= yl - 4;
    if (s[4] != '-' || !rt_digits(s + 5, 2, &mo) || s[7] != '-' || !rt_digits(s + 8, 2, &d))
        return false;
    if (mo < 1 || mo > 12 || d < 1) return false;
    if (d > mdays[mo - 1] + (unsigned)(mo == 2 && rt_leap(y))) return false;
    size_t i = 10;
    int64_t offset_min = 0;
    if (i < n) {
        /* Time: (' ' | 'T') HH:MM:SS [.f{1,9}] [Z | (+|-)HH:MM] */
        if (s[i] != ' ' && s[i] != 'T') return false;
        i++;
        if (n - i < 8 || !rt_digits(s + i, 2, &h) || s[i + 2] != ':' ||
            !rt_digits(s + i + 3, 2, &mi) || s[i + 5] != ':' || !rt_digits(s + i + 6, 2, &sec))
            return false;
        if (h > 23 || mi > 59 || sec > 59) return false;
        i += 8;
        if (i < n && s[i] == '.') {
            i++;
            int nd = 0;
            while (i < n && (unsigned)((unsigned char)s[i] - '0') <= 9) {
                if (nd < 3) frac = frac * 10 + (unsigned)(s[i] - '0');
                nd++;
                i++;
            }
            if (nd < 1 || nd > 9) return false;
            for (int k = nd; k < 3; k++) frac *= 10;
        }
        if (i < n) {
            if (s[i] == 'Z') {
                i++;
            } else if (s[i] == '+' || s[i] == '-') {
                unsigned oh, om;
                if (n - i < 6 || !rt_digits(s + i + 1, 2, &oh) || s[i + 3] != ':' ||
                    !rt_digits(s + i + 4, 2, &om) || oh > 23 || om > 59)
                    return false;
                offset_min = (int64_t)(oh * 60 + om);
                if (s[i] == '-') offset_min = -offset_min;
                i += 6;
            }
            if (i != n) return false;
        }
    }
    /* |days| < 2^39 for 9-digit years; the products may still leave int64
     * (the range ends in the year 292278994), which is then no timestamp */
    int64_t days = sl_days_from_civil(y, mo, d), v;
    int64_t in_day = ((int64_t)h * 3600 + mi * 60 + sec) * 1000 + frac - offset_min * 60000;
    /* before 1970 the day's start alone can be below INT64_MIN while the
     * instant is not (INT64_MIN itself): add one day less, then the rest */
    if (days < 0) {
        days++;
        in_day -= RT_MS_PER_DAY;
    }
    if (__builtin_mul_overflow(days, (int64_t)RT_MS_PER_DAY, &v) ||
        __builtin_add_overflow(v, in_day, &v))
        return false;
    *ms = v;
    return true;
}

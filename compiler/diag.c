/* diag.c - gcc-style diagnostics with a source excerpt and a caret, and
 * "did you mean" suggestions (see diag.h). */
#include "diag.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define DIAG_DEFAULT_MAX_ERRORS 20

void diag_init(Diag *d, const char *path, const char *src, size_t src_len, FILE *out)
{
    d->path = path ? path : "<input>";
    d->src = src;
    d->src_len = src ? src_len : 0;
    d->out = out;
    d->n_errors = 0;
    d->max_errors = DIAG_DEFAULT_MAX_ERRORS;
}

/* Finds the bytes of 1-based line `line` in the source; returns 0 when the
 * source has no such line. The line excludes its '\n' and a trailing '\r'. */
static int diag_find_line(const Diag *d, int line, const char **start, size_t *len)
{
    if (!d->src || line < 1) return 0;
    const char *p = d->src, *end = d->src + d->src_len;
    for (int l = 1; l < line; l++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) return 0;
        p = nl + 1;
    }
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    if (e > p && e[-1] == '\r') e--;
    *start = p;
    *len = (size_t)(e - p);
    return 1;
}

/* Prints the excerpt lines:
 *      12 | SELECT amout FROM orders
 *         |        ^
 * Control bytes are shown as '?' so the terminal is not confused and the
 * caret stays aligned; tabs are kept (and repeated in the caret line), and
 * UTF-8 continuation bytes do not advance the caret, so the caret sits under
 * the right character in a UTF-8 terminal. */
static void diag_excerpt(const Diag *d, SrcPos pos)
{
    const char *line;
    size_t len;
    if (!diag_find_line(d, pos.line, &line, &len)) return;
    char num[16];
    int w = snprintf(num, sizeof num, "%d", pos.line);
    if (w < 4) w = 4;
    fprintf(d->out, " %*s | ", w, num);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)line[i];
        fputc((c < 0x20 && c != '\t') || c == 0x7f ? '?' : c, d->out);
    }
    fputc('\n', d->out);
    fprintf(d->out, " %*s | ", w, "");
    size_t col = pos.col > 0 ? (size_t)pos.col - 1 : 0;
    for (size_t i = 0; i < col && i < len; i++) {
        unsigned char c = (unsigned char)line[i];
        if (c == '\t')
            fputc('\t', d->out);
        else if ((c & 0xC0) != 0x80)
            fputc(' ', d->out);
    }
    /* A caret just past the end of the line (e.g. "incomplete input")
     * still needs its padding. */
    for (size_t i = len; i < col; i++) fputc(' ', d->out);
    fputs("^\n", d->out);
}

/* Prints the formatted message on one line with the bytes a terminal
 * would act on (control characters, DEL) and the internal NUL (C0 80, see
 * ast.h) shown as \xHH: messages quote names and literals from the file. */
static void diag_put_escaped(FILE *out, const char *fmt, va_list ap)
{
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0) {
        fputs("(out of memory)", out);
        return;
    }
    for (const unsigned char *p = (const unsigned char *)msg; *p; p++) {
        if (p[0] == 0xC0 && p[1] == 0x80) {
            fputs("\\x00", out);
            p++;
        } else if (*p < 0x20 || *p == 0x7f) {
            fprintf(out, "\\x%02X", *p);
        } else {
            fputc(*p, out);
        }
    }
    free(msg);
}

/* Shared body of diag_error and diag_note. */
static void diag_vreport(Diag *d, SrcPos pos, const char *kind, const char *fmt, va_list ap)
{
    if (!d->out) return;
    if (pos.line > 0)
        fprintf(d->out, "%s:%d:%d: %s: ", d->path, pos.line, pos.col, kind);
    else
        fprintf(d->out, "%s: %s: ", d->path, kind);
    diag_put_escaped(d->out, fmt, ap);
    fputc('\n', d->out);
    if (pos.line > 0) diag_excerpt(d, pos);
}

/* A zero max_errors (a Diag that was zero-filled, not diag_init'ed) means
 * the default. */
static int diag_limit(const Diag *d)
{
    return d->max_errors > 0 ? d->max_errors : DIAG_DEFAULT_MAX_ERRORS;
}

void diag_error(Diag *d, SrcPos pos, const char *fmt, ...)
{
    d->n_errors++;
    if (d->n_errors > diag_limit(d)) return;
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(d, pos, "error", fmt, ap);
    va_end(ap);
}

void diag_note(Diag *d, SrcPos pos, const char *fmt, ...)
{
    /* Notes belong to the previous error: suppressed with it. */
    if (d->n_errors > diag_limit(d)) return;
    va_list ap;
    va_start(ap, fmt);
    diag_vreport(d, pos, "note", fmt, ap);
    va_end(ap);
}

/* Case-insensitive Levenshtein distance between a[0..la) and b[0..lb),
 * using one row of lb+1 cells. Returns a value > limit (not necessarily the
 * exact distance) as soon as every cell of a row exceeds limit. */
/* Case-insensitive optimal-string-alignment distance: insertions,
 * deletions, substitutions and transpositions of adjacent letters each cost
 * 1, so 'kafak' is one edit from 'kafka'. Gives up (returns limit + 1) as
 * soon as two consecutive rows exceed limit, since every later row is
 * computed from those two. */
static size_t diag_edit_distance(const char *a, size_t la, const char *b, size_t lb, size_t limit)
{
    size_t *rows = malloc(3 * (lb + 1) * sizeof *rows);
    if (!rows) return limit + 1;
    size_t *prev2 = rows, *prev = rows + lb + 1, *cur = rows + 2 * (lb + 1);
    for (size_t j = 0; j <= lb; j++) prev[j] = j;
    size_t prev_min = 0;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        size_t row_min = cur[0];
        int ai = tolower((unsigned char)a[i - 1]);
        for (size_t j = 1; j <= lb; j++) {
            int bj = tolower((unsigned char)b[j - 1]);
            size_t best = prev[j - 1] + (ai == bj ? 0 : 1);
            if (prev[j] + 1 < best) best = prev[j] + 1;
            if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && ai == tolower((unsigned char)b[j - 2]) &&
                tolower((unsigned char)a[i - 2]) == bj && prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
            if (best < row_min) row_min = best;
        }
        if (row_min > limit && prev_min > limit) {
            free(rows);
            return limit + 1;
        }
        prev_min = row_min;
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    size_t dist = prev[lb];
    free(rows);
    return dist;
}

const char *diag_suggest(const char *name, const char *const *cands, int n)
{
    if (!name || !cands) return NULL;
    size_t ln = strlen(name);
    size_t limit = ln / 3 > 1 ? ln / 3 : 1;
    const char *best = NULL;
    size_t best_dist = limit + 1;
    for (int i = 0; i < n; i++) {
        const char *c = cands[i];
        if (!c) continue;
        size_t lc = strlen(c);
        size_t diff = lc > ln ? lc - ln : ln - lc;
        if (diff >= best_dist) continue; /* cannot beat the best so far */
        size_t dist = diag_edit_distance(name, ln, c, lc, best_dist - 1);
        if (dist < best_dist) {
            best = c;
            best_dist = dist;
        }
    }
    return best;
}

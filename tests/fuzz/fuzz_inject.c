/* fuzz_inject.c - libFuzzer target: no SQL text can become C code.
 *
 * The input is a list of length-prefixed fields (one length byte, then that
 * many bytes) that become the hostile parts of a program: the source
 * table's name, three column names, the sink's name, a string literal, a
 * LIKE pattern and the declared file paths. The harness writes
 *
 *   CREATE TABLE `T` (`C1` BIGINT, `C2` STRING, `C3` BIGINT)
 *     WITH ('connector' = 'filesystem', 'path' = 'in-P1', 'format' = 'json');
 *   CREATE TABLE `S` WITH ('connector' = 'filesystem', 'path' = 'out-P2') AS
 *   SELECT `C1`, `C2`, 'L' AS `C3`, `C2` LIKE 'PAT' AS `C4` FROM `T`;
 *
 * (quotes doubled inside quoted tokens), compiles it in-process (parse ->
 * bind -> optimize -> codegen), and checks:
 *   - fields that are text (valid UTF-8, non-empty names, distinct column
 *     names, no NUL in paths) compile; anything else gets a diagnostic and no
 *     program;
 *   - the generated C compiles with cc -std=c11 -Wall -Wextra -Werror and
 *     links with lib/libsluice_rt.a (the same flags CI uses for our code);
 *   - run with --input T=... --output S=..., the program reads one record
 *     whose keys are the column names (JSON-escaped) and writes one whose
 *     keys are exactly C1, C2, C3, C4 and whose values are the input's
 *     and the literal's bytes: names and literals round-trip.
 * Dangerous sequences (comment ends, //, newlines, #, ??/, backslashes,
 * quotes, NUL, invalid UTF-8) come from the seed corpus and the dictionary
 * tests/fuzz/inject.dict.
 *
 * Each input runs the C compiler, so this target does a few inputs per
 * second; the value is in the shapes of the names, not in the count.
 * Work files: $FUZZ_INJECT_TMP (default build/fuzz/work/fuzz_inject/tmp). */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <unistr.h>

#include "arena.h"
#include "ast.h"
#include "codegen.h"
#include "diag.h"
#include "parse.h"
#include "plan.h"

extern char **environ;

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_inject: check failed: %s (line %d): ", #cond, __LINE__);         \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

enum { F_TABLE, F_C1, F_C2, F_C3, F_SINK, F_LIT, F_PAT, F_PATH1, F_PATH2, N_FIELDS };

typedef struct FuzzField {
    const char *p;
    size_t n;
} FuzzField;

/* A growable byte string. */
typedef struct Str {
    char *p;
    size_t n, cap;
} Str;

static void put(Str *s, const void *p, size_t n)
{
    if (s->n + n + 1 > s->cap) {
        s->cap = (s->n + n + 1) * 2;
        s->p = realloc(s->p, s->cap);
        CHECK(s->p, "out of memory");
    }
    memcpy(s->p + s->n, p, n);
    s->n += n;
    s->p[s->n] = 0;
}

static void puts_(Str *s, const char *z)
{
    put(s, z, strlen(z));
}

/* prefix and f between quote characters q, with q doubled. */
static void put_quoted_after(Str *s, char q, const char *prefix, FuzzField f)
{
    put(s, &q, 1);
    puts_(s, prefix);
    for (size_t i = 0; i < f.n; i++) {
        put(s, &f.p[i], 1);
        if (f.p[i] == q) put(s, &q, 1);
    }
    put(s, &q, 1);
}

static void put_quoted(Str *s, char q, FuzzField f)
{
    put_quoted_after(s, q, "", f);
}

static bool is_text(FuzzField f)
{
    return u8_check((const uint8_t *)f.p, f.n) == NULL;
}

/* ASCII case-insensitive equality (the binder's rule for names). */
static bool same_name(FuzzField a, FuzzField b)
{
    if (a.n != b.n) return false;
    for (size_t i = 0; i < a.n; i++) {
        unsigned char x = (unsigned char)a.p[i], y = (unsigned char)b.p[i];
        if (x >= 'A' && x <= 'Z') x = (unsigned char)(x + 32);
        if (y >= 'A' && y <= 'Z') y = (unsigned char)(y + 32);
        if (x != y) return false;
    }
    return true;
}

/* The JSON string literal of f (the harness's own encoder, independent of
 * the compiler's). */
static void put_json_str(Str *s, FuzzField f)
{
    puts_(s, "\"");
    for (size_t i = 0; i < f.n; i++) {
        unsigned char c = (unsigned char)f.p[i];
        char buf[8];
        if (c == '"' || c == '\\') {
            buf[0] = '\\';
            buf[1] = (char)c;
            put(s, buf, 2);
        } else if (c < 0x20) {
            snprintf(buf, sizeof buf, "\\u%04x", c);
            put(s, buf, 6);
        } else {
            put(s, &f.p[i], 1);
        }
    }
    puts_(s, "\"");
}

/* Decodes the JSON string at *pp (at '"') into out; the escapes our encoder
 * writes (\" \\ \n \r \t \b \f \u00XX) are all it needs. */
static bool get_json_str(const char **pp, const char *end, Str *out)
{
    const char *p = *pp;
    if (p >= end || *p++ != '"') return false;
    out->n = 0;
    while (p < end && *p != '"') {
        char c = *p++;
        if (c != '\\') {
            put(out, &c, 1);
            continue;
        }
        if (p >= end) return false;
        c = *p++;
        switch (c) {
        case 'n':
            c = '\n';
            break;
        case 'r':
            c = '\r';
            break;
        case 't':
            c = '\t';
            break;
        case 'b':
            c = '\b';
            break;
        case 'f':
            c = '\f';
            break;
        case 'u': {
            if (end - p < 4 || p[0] != '0' || p[1] != '0') return false;
            char hex[3] = {p[2], p[3], 0};
            c = (char)strtol(hex, NULL, 16);
            p += 4;
            break;
        }
        default:
            break; /* \" \\ \/ */
        }
        put(out, &c, 1);
    }
    if (p >= end) return false;
    *pp = p + 1;
    return true;
}

static bool field_eq(const Str *s, FuzzField f)
{
    return s->n == f.n && (f.n == 0 || memcmp(s->p, f.p, f.n) == 0);
}

/* Runs argv; returns the exit status (-1 on a signal), stdout/stderr of the
 * child into the file `log`. */
static int run(char *const argv[], const char *log)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_adddup2(&fa, 1, 2);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    CHECK(rc == 0, "cannot run %s: %s", argv[0], strerror(rc));
    int st;
    while (waitpid(pid, &st, 0) < 0) CHECK(errno == EINTR, "waitpid: %s", strerror(errno));
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    Str s = {0};
    char buf[4096];
    size_t r;
    while ((r = fread(buf, 1, sizeof buf, f)) > 0) put(&s, buf, r);
    fclose(f);
    *n = s.n;
    return s.p ? s.p : calloc(1, 1);
}

static const char *tmp_dir(void)
{
    static char dir[4096];
    if (!dir[0]) {
        const char *t = getenv("FUZZ_INJECT_TMP");
        snprintf(dir, sizeof dir, "%s", t && *t ? t : "build/fuzz/work/fuzz_inject/tmp");
        char cmd[4200];
        snprintf(cmd, sizeof cmd, "mkdir -p '%s'", dir);
        CHECK(system(cmd) == 0, "cannot create %s", dir);
    }
    return dir;
}

/* Internal text (NUL as C0 80, see ast.h) of f: what the program's
 * descriptor holds as a table name, and so what --input/--output match. */
static char *internal_name(FuzzField f)
{
    Str s = {0};
    for (size_t i = 0; i < f.n; i++) {
        if (f.p[i] == 0)
            put(&s, "\xc0\x80", 2);
        else
            put(&s, &f.p[i], 1);
    }
    if (!s.p) put(&s, "", 0);
    return s.p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzField f[N_FIELDS];
    size_t off = 0;
    static const char *const defaults[N_FIELDS] = {"t",   "a", "b",  "c",  "s",
                                                   "lit", "%", "in", "out"};
    for (int i = 0; i < N_FIELDS; i++) {
        if (off < size) {
            size_t n = data[off++];
            if (n > size - off) n = size - off;
            f[i] = (FuzzField){(const char *)data + off, n};
            off += n;
        } else {
            f[i] = (FuzzField){defaults[i], strlen(defaults[i])};
        }
    }
    /* expectations: every quoted token must be text; names non-empty,
     * distinct where they must be; paths without NUL */
    bool valid = true;
    for (int i = 0; i < N_FIELDS; i++) valid &= is_text(f[i]);
    for (int i = F_TABLE; i <= F_SINK; i++) valid &= f[i].n > 0;
    valid &= !same_name(f[F_TABLE], f[F_SINK]);
    FuzzField c4 = {"C4", 2};
    FuzzField cols[4] = {f[F_C1], f[F_C2], f[F_C3], c4};
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < i; j++) valid &= !same_name(cols[i], cols[j]);
    for (int i = F_PATH1; i <= F_PATH2; i++) valid &= memchr(f[i].p, 0, f[i].n) == NULL;
    /* the paths are declared as 'in-P1' and 'out-P2', never the same file */

    Str sql = {0};
    puts_(&sql, "CREATE TABLE ");
    put_quoted(&sql, '`', f[F_TABLE]);
    puts_(&sql, " (");
    put_quoted(&sql, '`', f[F_C1]);
    puts_(&sql, " BIGINT, ");
    put_quoted(&sql, '`', f[F_C2]);
    puts_(&sql, " STRING, ");
    put_quoted(&sql, '`', f[F_C3]);
    puts_(&sql, " BIGINT)\n  WITH ('connector' = 'filesystem', 'path' = ");
    put_quoted_after(&sql, '\'', "in-", f[F_PATH1]);
    puts_(&sql, ", 'format' = 'json');\nCREATE TABLE ");
    put_quoted(&sql, '`', f[F_SINK]);
    puts_(&sql, " WITH ('connector' = 'filesystem', 'path' = ");
    put_quoted_after(&sql, '\'', "out-", f[F_PATH2]);
    puts_(&sql, ") AS\nSELECT ");
    put_quoted(&sql, '`', f[F_C1]);
    puts_(&sql, ", ");
    put_quoted(&sql, '`', f[F_C2]);
    puts_(&sql, ", ");
    put_quoted(&sql, '\'', f[F_LIT]);
    puts_(&sql, " AS ");
    put_quoted(&sql, '`', f[F_C3]);
    puts_(&sql, ", ");
    put_quoted(&sql, '`', f[F_C2]);
    puts_(&sql, " LIKE ");
    put_quoted(&sql, '\'', f[F_PAT]);
    puts_(&sql, " AS C4 FROM ");
    put_quoted(&sql, '`', f[F_TABLE]);
    puts_(&sql, ";\n");

    char *diags = NULL;
    size_t diags_len = 0;
    FILE *dout = open_memstream(&diags, &diags_len);
    Arena a;
    arena_init(&a);
    Diag d;
    diag_init(&d, "inject.sql", sql.p, sql.n, dout);
    Program *prog = parse_program(&a, &d, sql.p, sql.n);
    Plan *plan = prog ? bind_program(&a, &d, prog) : NULL;
    fflush(dout);
    if (!valid) {
        CHECK(!plan && d.n_errors > 0, "fields that are not text compiled:\n%s", sql.p);
        goto out;
    }
    CHECK(plan, "a program of valid names did not compile:\n%s\n%s", sql.p, diags);
    opt_program(&a, plan);
    size_t clen = 0;
    char *c = cg_program(&a, plan, "inject.sql", NULL, &clen);
    CHECK(c, "cg_program failed");

    const char *dir = tmp_dir();
    const char *root = getenv("SLUICE_ROOT");
    if (!root || !*root) root = ".";
    char cpath[4400], exe[4400], in[4400], outp[4400], log[4400], inc1[4400], inc2[4400], rt[4400];
    snprintf(cpath, sizeof cpath, "%s/prog.c", dir);
    snprintf(exe, sizeof exe, "%s/prog", dir);
    snprintf(in, sizeof in, "%s/in.jsonl", dir);
    snprintf(outp, sizeof outp, "%s/out.jsonl", dir);
    snprintf(log, sizeof log, "%s/log.txt", dir);
    snprintf(inc1, sizeof inc1, "-I%s/runtime/include", root);
    snprintf(inc2, sizeof inc2, "-I%s/templates", root);
    snprintf(rt, sizeof rt, "%s/lib/libsluice_rt.a", root);
    FILE *cf = fopen(cpath, "wb");
    CHECK(cf && fwrite(c, 1, clen, cf) == clen && fclose(cf) == 0, "cannot write %s", cpath);
    free(c);
    unlink(exe);
    const char *cc = getenv("FUZZ_INJECT_CC");
    char *ccargv[] = {(char *)(cc && *cc ? cc : "cc"),
                      "-std=c11",
                      "-O0",
                      "-Wall",
                      "-Wextra",
                      "-Werror",
                      inc1,
                      inc2,
                      cpath,
                      rt,
                      "-lrdkafka",
                      "-lxxhash",
                      "-lunistring",
                      "-lm",
                      "-lpthread",
                      "-o",
                      exe,
                      NULL};
    int rc = run(ccargv, log);
    if (rc != 0) {
        size_t n;
        char *msg = slurp(log, &n);
        CHECK(rc == 0, "the generated C does not compile (kept in %s):\n%s\n%s", cpath, sql.p,
              msg ? msg : "");
    }

    /* one input record: the column names as keys */
    Str rec = {0};
    puts_(&rec, "{");
    put_json_str(&rec, f[F_C1]);
    puts_(&rec, ":42,");
    put_json_str(&rec, f[F_C2]);
    puts_(&rec, ":");
    put_json_str(&rec, f[F_LIT]);
    puts_(&rec, ",");
    put_json_str(&rec, f[F_C3]);
    puts_(&rec, ":7}\n");
    FILE *inf = fopen(in, "wb");
    CHECK(inf && fwrite(rec.p, 1, rec.n, inf) == rec.n && fclose(inf) == 0, "cannot write %s", in);
    char *tname = internal_name(f[F_TABLE]), *sname = internal_name(f[F_SINK]);
    char *ia = malloc(strlen(tname) + strlen(in) + 2),
         *oa = malloc(strlen(sname) + strlen(outp) + 2);
    sprintf(ia, "%s=%s", tname, in);
    sprintf(oa, "%s=%s", sname, outp);
    char *progargv[] = {exe, "--input", ia, "--output", oa, NULL};
    rc = run(progargv, log);
    size_t on = 0, ln = 0;
    char *o = slurp(outp, &on), *msg = slurp(log, &ln);
    CHECK(rc == 0 && o, "the program failed (exit %d):\n%s\n%s", rc, sql.p, msg ? msg : "");

    /* {"C1":42,"C2":"<lit>","C3":"<lit>","C4":true|false} */
    const char *p = o, *end = o + on;
    Str key = {0}, val = {0};
    CHECK(on > 0 && *p == '{', "output: %.*s", (int)on, o);
    p++;
    for (int i = 0; i < 4; i++) {
        CHECK(get_json_str(&p, end, &key), "output: %.*s", (int)on, o);
        CHECK(field_eq(&key, cols[i]), "key %d does not round-trip: %.*s\n%s", i + 1, (int)on, o,
              sql.p);
        CHECK(p < end && *p == ':', "output: %.*s", (int)on, o);
        p++;
        if (i == 0) {
            CHECK(end - p > 2 && memcmp(p, "42", 2) == 0, "output: %.*s", (int)on, o);
            p += 2;
        } else if (i < 3) {
            CHECK(get_json_str(&p, end, &val), "output: %.*s", (int)on, o);
            CHECK(field_eq(&val, f[F_LIT]), "value %d does not round-trip: %.*s\n%s", i + 1,
                  (int)on, o, sql.p);
        } else {
            while (p < end && *p != '}') p++;
        }
        CHECK(p < end && (*p == ',' || *p == '}'), "output: %.*s", (int)on, o);
        p++;
    }
    CHECK(p < end && *p == '\n', "output: %.*s", (int)on, o);
    free(key.p);
    free(val.p);
    free(o);
    free(msg);
    free(rec.p);
    free(tname);
    free(sname);
    free(ia);
    free(oa);
out:
    fclose(dout);
    free(diags);
    arena_free(&a);
    free(sql.p);
    return 0;
}

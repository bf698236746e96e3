/* main.c - the sluice command line.
 *
 *   sluice build FILE.sql [-o OUT]   compile to an executable
 *   sluice check FILE.sql            parse and type-check only
 *   sluice emit-c FILE.sql [-o OUT]  print (or write) the generated C
 *   sluice explain FILE.sql          print the logical and physical plans
 *
 * Exit status: 0 success, 1 compile error (diagnostics on stderr as
 * file:line:col: error: ...), 2 usage error. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "build.h"
#include "codegen.h"
#include "diag.h"
#include "parse.h"
#include "phys.h"
#include "plan.h"

static const char usage[] =
    "usage: sluice <command> [options] FILE.sql\n"
    "\n"
    "commands:\n"
    "  build FILE.sql [-o OUT]   compile FILE.sql into the executable OUT\n"
    "                            (default: FILE without .sql)\n"
    "  check FILE.sql            parse and type-check only\n"
    "  emit-c FILE.sql [-o OUT]  write the generated C to OUT (default: stdout)\n"
    "  explain FILE.sql          print the logical and physical plans: operators, change\n"
    "                            modes (append-only, retract, upsert), time attributes\n"
    "\n"
    "options:\n"
    "  -o OUT        output path\n"
    "  --keep-c      (build) keep the temporary directory with the generated C\n"
    "  --static      (build) link librdkafka and the other libraries statically:\n"
    "                the binary needs only libc, libm and libsasl2\n"
    "  -h, --help    this help\n"
    "  --version     print the version\n"
    "\n"
    "environment: CC (default cc) and CFLAGS (added after -O2) are used by build;\n"
    "SLUICE_RUNTIME overrides the path of libsluice_rt.a.\n";

/* Reads a whole file ("-" = stdin); returns malloc'd bytes or NULL (errno). */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) return NULL;
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        if (f != stdin) fclose(f);
        errno = EISDIR;
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    for (;;) {
        if (n == cap) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) break;
    }
    int err = ferror(f);
    if (f != stdin) fclose(f);
    if (err) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    *len = n;
    return buf;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* An output path must never name the input .sql or a file the program
 * reads (following links): writing it would destroy the data. Returns true
 * when out is safe, else prints why (the caller exits 2). */
static bool output_is_safe(const char *out, const char *in, const Plan *plan)
{
    struct stat o, st;
    if (stat(out, &o) != 0) return true; /* a new file (or an error opening will report) */
    if (S_ISDIR(o.st_mode)) {
        fprintf(stderr, "sluice: cannot write '%s': it is a directory\n", out);
        return false;
    }
    if (strcmp(in, "-") != 0 && stat(in, &st) == 0 && same_file(&o, &st)) {
        fprintf(stderr, "sluice: cannot write '%s': it is the input file %s\n", out, in);
        return false;
    }
    for (int i = 0; i < plan->cat.n_sources; i++) {
        const Table *t = plan->cat.sources[i];
        if (t->connector == CONN_FILESYSTEM && t->path && stat(t->path, &st) == 0 &&
            same_file(&o, &st)) {
            fprintf(stderr, "sluice: cannot write '%s': it is the file that source %s reads\n", out,
                    t->name);
            return false;
        }
    }
    return true;
}

static char *default_out(const char *in)
{
    const char *base = strrchr(in, '/');
    base = base ? base + 1 : in;
    size_t n = strlen(base);
    if (n > 4 && strcmp(base + n - 4, ".sql") == 0) n -= 4;
    char *o = malloc(n + 5);
    if (!o) return NULL;
    memcpy(o, base, n);
    o[n] = 0;
    if (n == 0 || strcmp(o, base) == 0) strcpy(o + n, ".out");
    return o;
}

int main(int argc, char **argv)
{
    const char *cmd = NULL, *file = NULL, *out = NULL;
    int keep_c = 0, link_static = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0 || strcmp(a, "help") == 0) {
            fputs(usage, stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
            printf("sluice %s\n", SLUICE_VERSION);
            return 0;
        } else if (strcmp(a, "-o") == 0) {
            if (i + 1 >= argc) {
                fputs("sluice: -o needs a path\n", stderr);
                return 2;
            }
            out = argv[++i];
        } else if (strncmp(a, "-o", 2) == 0 && a[2]) {
            out = a + 2;
        } else if (strcmp(a, "--keep-c") == 0) {
            keep_c = 1;
        } else if (strcmp(a, "--static") == 0) {
            link_static = 1;
        } else if (a[0] == '-' && a[1] != 0) {
            fprintf(stderr, "sluice: unknown option '%s'\n%s", a, usage);
            return 2;
        } else if (!cmd) {
            cmd = a;
        } else if (!file) {
            file = a;
        } else {
            fprintf(stderr, "sluice: unexpected argument '%s'\n", a);
            return 2;
        }
    }
    if (!cmd) {
        fputs(usage, stderr);
        return 2;
    }
    if (strcmp(cmd, "build") != 0 && strcmp(cmd, "check") != 0 && strcmp(cmd, "emit-c") != 0 &&
        strcmp(cmd, "explain") != 0) {
        fprintf(stderr, "sluice: unknown command '%s' (build, check, emit-c, explain)\n", cmd);
        return 2;
    }
    if (!file) {
        fprintf(stderr, "sluice: %s needs a FILE.sql\n", cmd);
        return 2;
    }
    size_t len = 0;
    char *src = read_all(file, &len);
    if (!src) {
        fprintf(stderr, "sluice: cannot read '%s': %s\n", file,
                errno == EISDIR ? "it is a directory" : strerror(errno));
        return 1;
    }
    Arena arena;
    arena_init(&arena);
    Diag d;
    diag_init(&d, file, src, len, stderr);
    int rc = 1;
    Program *prog = parse_program(&arena, &d, src, len);
    Plan *plan = prog ? bind_program(&arena, &d, prog) : NULL;
    if (!plan || d.n_errors) goto done;
    opt_program(&arena, plan);
    if (strcmp(cmd, "check") == 0) {
        rc = 0;
        goto done;
    }
    if (strcmp(cmd, "explain") == 0) {
        explain_program(stdout, &arena, plan, low_program(&arena, plan));
        rc = fflush(stdout) == 0 ? 0 : 1;
        goto done;
    }
    /* checked before any work: an unsafe output fails at once */
    char *o = out ? NULL : strcmp(cmd, "build") == 0 ? default_out(file) : NULL;
    const char *target = out ? out : o;
    if (target && !output_is_safe(target, file, plan)) {
        rc = 2;
        free(o);
        goto done;
    }
    size_t clen = 0;
    /* SLUICE_WIDE_COLUMNS: the column count from which sources use the
     * table decoder (tests set 1 to run every case through it) */
    CgOptions copt = {0};
    const char *wide = getenv("SLUICE_WIDE_COLUMNS");
    if (wide && *wide) copt.wide_columns = atoi(wide);
    char *c = cg_program(&arena, plan, file, &copt, &clen);
    if (!c) {
        fputs("sluice: out of memory\n", stderr);
        free(o);
        goto done;
    }
    if (strcmp(cmd, "emit-c") == 0) {
        FILE *f = out ? fopen(out, "wb") : stdout;
        if (!f) {
            fprintf(stderr, "sluice: cannot write '%s': %s\n", out, strerror(errno));
        } else {
            size_t w = fwrite(c, 1, clen, f);
            int bad = (f != stdout ? fclose(f) : fflush(f)) != 0 || w != clen;
            if (bad)
                fprintf(stderr, "sluice: cannot write '%s'\n", out ? out : "stdout");
            else
                rc = 0;
        }
    } else {
        rc = build_executable(c, clen, target, keep_c, link_static);
    }
    free(o);
    free(c);
done:
    arena_free(&arena);
    free(src);
    return rc;
}

/* test_rt_main.c - sl_main with a hand-made sl_program: the file/stdin
 * source line splitter, file/stdout sinks, malformed-record reports,
 * statistics, end of input, signals and the command line. */
#include <criterion/criterion.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sluice_rt.h"

/* ---- a fake program: echoes every record of every source to sink 0 ---- */

typedef struct fake_state {
    int records[2];
    int64_t last_line[2];
    int wm_calls[2];
    int64_t wm_last[2];
    int order_violation; /* a record of source 1 before source 0 ended */
    void *scratch_ptr;
    int scratch_moves;
    int stop_after;   /* raise SIGTERM after this many records (0 = never) */
    bool stop_at_end; /* raise SIGTERM when the end-of-input watermark arrives */
} fake_state;

static fake_state *g_state; /* the state of the last run, for assertions */

static void *fake_init(sl_ctx *ctx)
{
    fake_state *s = calloc(1, sizeof *s);
    s->stop_after = g_state ? g_state->stop_after : 0;
    s->stop_at_end = g_state ? g_state->stop_at_end : false;
    g_state = s;
    cr_assert_eq(sl_source_wm(ctx, 0)->current, SL_TS_MIN);
    return s;
}

static int fake_record(sl_ctx *ctx, void *state, int source, const char *data, size_t len,
                       const sl_recmeta *meta)
{
    fake_state *s = state;
    s->records[source]++;
    s->last_line[source] = meta->offset;
    cr_assert_eq(meta->partition, 0);
    if (source == 1 && s->wm_last[0] != SL_TS_MAX) s->order_violation++;
    /* scratch is reset after each record: the same address comes back */
    void *p = sl_arena_alloc(sl_scratch(ctx), 64);
    if (s->scratch_ptr && p != s->scratch_ptr) s->scratch_moves++;
    s->scratch_ptr = p;
    if (len >= 3 && memcmp(data, "bad", 3) == 0) {
        sl_set_error(ctx, "bad thing at %lld", (long long)meta->offset);
        return SL_MALFORMED;
    }
    if (len >= 4 && memcmp(data, "late", 4) == 0) sl_mark_late(ctx);
    sl_wm_observe(sl_source_wm(ctx, source), 0, (int64_t)len);
    sl_buf *b = sl_sink_begin(ctx, 0);
    sl_buf_put(b, data, len);
    sl_sink_end(ctx, 0);
    if (s->stop_after && s->records[0] == s->stop_after) raise(SIGTERM);
    return SL_OK;
}

static void fake_watermark(sl_ctx *ctx, void *state, int source, int64_t wm)
{
    fake_state *s = state;
    s->wm_calls[source]++;
    s->wm_last[source] = wm;
    if (s->stop_at_end && wm == SL_TS_MAX) raise(SIGTERM);
    cr_assert_eq(sl_source_wm(ctx, source)->current, wm);
}

static void fake_destroy(sl_ctx *ctx, void *state)
{
    /* keep the state for the assertions; freed by the test */
}

static sl_source_desc fake_sources[2] = {
    {.name = "in", .connector = SL_CONN_FILESYSTEM, .path = "/nonexistent/in.json"},
    {.name = "Other", .connector = SL_CONN_FILESYSTEM, .path = "/nonexistent/other.json"},
};
static sl_sink_desc fake_sinks[1] = {
    {.name = "out", .connector = SL_CONN_PRINT},
};

static sl_program fake_prog(int n_sources)
{
    return (sl_program){.name = "fake.sql",
                        .n_sources = n_sources,
                        .sources = fake_sources,
                        .n_sinks = 1,
                        .sinks = fake_sinks,
                        .init = fake_init,
                        .on_record = fake_record,
                        .on_watermark = fake_watermark,
                        .destroy = fake_destroy};
}

/* ---- helpers -------------------------------------------------------------- */

static char tmpdir[64];

static void make_tmpdir(void)
{
    strcpy(tmpdir, "/tmp/sluice-rt-test-XXXXXX");
    cr_assert_not_null(mkdtemp(tmpdir));
}

static void cleanup_tmpdir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) cr_log_warn("cannot remove %s", tmpdir);
    free(g_state);
    g_state = NULL;
}

TestSuite(rt_main, .init = make_tmpdir, .fini = cleanup_tmpdir);

static const char *tmp(const char *name)
{
    static char paths[8][128];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, 128, "%s/%s", tmpdir, name);
    return p;
}

static void write_file(const char *path, const char *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(data, 1, n, f), n);
    fclose(f);
}

static char *read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    fseek(f, 0, SEEK_END);
    long len = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *p = malloc((size_t)len + 1);
    cr_assert_eq(fread(p, 1, (size_t)len, f), (size_t)len);
    p[len] = 0;
    fclose(f);
    if (n) *n = (size_t)len;
    return p;
}

/* Runs sl_main with stderr (and stdout) captured into files. */
static int run(sl_program *prog, const char *const *args, char **err, char **out)
{
    char *argv[32];
    int argc = 0;
    argv[argc++] = "fake";
    for (; args && args[argc - 1]; argc++) argv[argc] = (char *)args[argc - 1];
    argv[argc] = NULL;
    fflush(stdout);
    fflush(stderr);
    int saved_err = dup(2), saved_out = dup(1);
    const char *errp = tmp("stderr.txt"), *outp = tmp("stdout.txt");
    int fe = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int fo = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fe, 2);
    dup2(fo, 1);
    close(fe);
    close(fo);
    int rc = sl_main(prog, argc, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_err, 2);
    dup2(saved_out, 1);
    close(saved_err);
    close(saved_out);
    if (err) *err = read_file(errp, NULL);
    if (out) *out = read_file(outp, NULL);
    return rc;
}

/* ---- tests ------------------------------------------------------------------ */

Test(rt_main, lines_crlf_blank_and_no_trailing_newline)
{
    const char *in = tmp("in.json"), *outp = tmp("out.json");
    const char data[] = "a\n\nb\r\n   \n c \n\t\r\nlast";
    write_file(in, data, sizeof data - 1);
    char arg_in[200], arg_out[200];
    snprintf(arg_in, sizeof arg_in, "in=%s", in);
    snprintf(arg_out, sizeof arg_out, "--output=out=%s", outp);
    sl_program p = fake_prog(1);
    char *err;
    const char *args[] = {"--input", arg_in, arg_out, NULL};
    cr_assert_eq(run(&p, args, &err, NULL), 0, "%s", err);
    char *out = read_file(outp, NULL);
    cr_assert_str_eq(out, "a\nb\n c \nlast\n");
    cr_assert_eq(g_state->records[0], 4);
    cr_assert_eq(g_state->last_line[0], 7, "line numbers count blank lines");
    cr_assert_eq(g_state->wm_calls[0], 1);
    cr_assert_eq(g_state->wm_last[0], SL_TS_MAX);
    cr_assert_eq(g_state->scratch_moves, 0);
    cr_assert(strstr(err, "sluice: source in: 4 read, 0 malformed, 0 late\n"), "%s", err);
    cr_assert(strstr(err, "sluice: sink out: 4 written\n"), "%s", err);
    free(out);
    free(err);
}

Test(rt_main, empty_file)
{
    const char *in = tmp("empty.json");
    write_file(in, "", 0);
    char arg_in[200];
    snprintf(arg_in, sizeof arg_in, "--input=in=%s", in);
    sl_program p = fake_prog(1);
    char *err, *out;
    const char *args[] = {arg_in, NULL};
    cr_assert_eq(run(&p, args, &err, &out), 0);
    cr_assert_str_eq(out, "");
    cr_assert_eq(g_state->records[0], 0);
    cr_assert_eq(g_state->wm_last[0], SL_TS_MAX, "end of input still fires");
    free(out);
    free(err);
}

Test(rt_main, many_lines_spanning_blocks)
{
    /* ~19 MB of lines of varying length: many lines cross the 4 MiB read
     * blocks; the echo must be byte-identical. */
    const char *in = tmp("big.json"), *outp = tmp("big.out");
    size_t cap = 20 << 20, n = 0;
    char *data = malloc(cap);
    int lines = 0;
    for (uint32_t x = 1; n + 300 < cap - (1 << 20); lines++) {
        x = x * 1103515245 + 12345;
        size_t len = 1 + (x >> 16) % 250;
        for (size_t i = 0; i < len; i++) data[n++] = (char)('!' + (i + (size_t)lines) % 90);
        data[n++] = '\n';
    }
    write_file(in, data, n);
    char arg_in[200], arg_out[200];
    snprintf(arg_in, sizeof arg_in, "in=%s", in);
    snprintf(arg_out, sizeof arg_out, "out=%s", outp);
    sl_program p = fake_prog(1);
    char *err;
    const char *args[] = {"--input", arg_in, "--output", arg_out, NULL};
    cr_assert_eq(run(&p, args, &err, NULL), 0, "%s", err);
    size_t on;
    char *out = read_file(outp, &on);
    cr_assert_eq(g_state->records[0], lines);
    cr_assert_eq(on, n);
    cr_assert(memcmp(out, data, n) == 0, "echo differs");
    free(out);
    free(err);
    free(data);
}

Test(rt_main, ten_megabyte_line)
{
    const char *in = tmp("long.json"), *outp = tmp("long.out");
    size_t big = 10 << 20;
    size_t n = 0;
    char *data = malloc(big + 100);
    memcpy(data, "first\n", 6);
    n = 6;
    memset(data + n, 'x', big);
    n += big;
    memcpy(data + n, "\nlast\n", 6);
    n += 6;
    write_file(in, data, n);
    char arg_in[200], arg_out[200];
    snprintf(arg_in, sizeof arg_in, "in=%s", in);
    snprintf(arg_out, sizeof arg_out, "out=%s", outp);
    sl_program p = fake_prog(1);
    char *err;
    const char *args[] = {"--input", arg_in, "--output", arg_out, NULL};
    cr_assert_eq(run(&p, args, &err, NULL), 0, "%s", err);
    size_t on;
    char *out = read_file(outp, &on);
    cr_assert_eq(g_state->records[0], 3);
    cr_assert_eq(on, n);
    cr_assert(memcmp(out, data, n) == 0);
    free(out);
    free(err);
    free(data);
}

Test(rt_main, malformed_records_reported_and_counted)
{
    const char *in = tmp("mal.json");
    const char data[] = "ok1\nbad one\nok2\n\nbad two\nlate\n";
    write_file(in, data, sizeof data - 1);
    char arg_in[200];
    snprintf(arg_in, sizeof arg_in, "in=%s", in);
    sl_program p = fake_prog(1);
    char *err, *out;
    const char *args[] = {"--input", arg_in, NULL};
    cr_assert_eq(run(&p, args, &err, &out), 0);
    cr_assert_str_eq(out, "ok1\nok2\nlate\n");
    cr_assert(strstr(err, "sluice: in: line 2: malformed record: bad thing at 2\n"), "%s", err);
    cr_assert(strstr(err, "sluice: in: line 5: malformed record: bad thing at 5\n"), "%s", err);
    cr_assert(strstr(err, "sluice: source in: 5 read, 2 malformed, 1 late\n"), "%s", err);
    cr_assert(strstr(err, "sluice: sink out: 3 written\n"), "%s", err);
    free(out);
    free(err);
}

Test(rt_main, sources_in_declaration_order_and_stdin)
{
    const char *a = tmp("a.json"), *b = tmp("b.json");
    write_file(a, "a1\na2\n", 6);
    write_file(b, "b1\nb2\nb3", 8);
    char arg_a[200];
    snprintf(arg_a, sizeof arg_a, "in=%s", a);
    /* source "Other" from stdin, matched case-insensitively */
    int fd = open(b, O_RDONLY);
    int saved_in = dup(0);
    dup2(fd, 0);
    close(fd);
    sl_program p = fake_prog(2);
    char *err, *out;
    const char *args[] = {"--input", arg_a, "--input", "other=-", NULL};
    int rc = run(&p, args, &err, &out);
    dup2(saved_in, 0);
    close(saved_in);
    cr_assert_eq(rc, 0, "%s", err);
    cr_assert_str_eq(out, "a1\na2\nb1\nb2\nb3\n");
    cr_assert_eq(g_state->order_violation, 0);
    cr_assert_eq(g_state->records[1], 3);
    cr_assert_eq(g_state->wm_last[1], SL_TS_MAX);
    cr_assert(strstr(err, "sluice: source Other: 3 read"), "%s", err);
    free(out);
    free(err);
}

Test(rt_main, sigterm_stops_flushes_and_does_not_fire)
{
    const char *in = tmp("sig.json");
    write_file(in, "1\n2\n3\n4\n5\n", 10);
    char arg_in[200];
    snprintf(arg_in, sizeof arg_in, "in=%s", in);
    sl_program p = fake_prog(1);
    fake_state pre = {.stop_after = 3};
    g_state = &pre;
    char *err, *out;
    const char *args[] = {"--input", arg_in, NULL};
    /* an interrupted run does not look complete: 128 + SIGTERM, and says so */
    cr_assert_eq(run(&p, args, &err, &out), 143);
    cr_assert(strstr(err, "sluice: stopped by SIGTERM before the end of the input"), "%s", err);
    /* what was emitted is flushed, but the end-of-input watermark is not
     * sent */
    cr_assert_eq(g_state->wm_calls[0], 0);
    cr_assert(strncmp(out, "1\n2\n3\n", 6) == 0, "%s", out);
    free(out);
    free(err);
}

/* A signal after every source reached its end interrupts nothing: all
 * was emitted, and the exit status is 0. */
Test(rt_main, sigterm_after_the_end_of_input_exits_0)
{
    const char *in = tmp("sigend.json");
    write_file(in, "1\n2\n", 4);
    char arg_in[200];
    snprintf(arg_in, sizeof arg_in, "in=%s", in);
    sl_program p = fake_prog(1);
    fake_state pre = {.stop_at_end = true};
    g_state = &pre;
    char *err, *out;
    const char *args[] = {"--input", arg_in, NULL};
    cr_assert_eq(run(&p, args, &err, &out), 0, "%s", err);
    cr_assert_eq(g_state->wm_calls[0], 1);
    cr_assert_null(strstr(err, "stopped by"), "%s", err);
    cr_assert_str_eq(out, "1\n2\n");
    free(out);
    free(err);
}

Test(rt_main, missing_input_file_exits_1)
{
    sl_program p = fake_prog(1);
    char *err;
    const char *args[] = {"--input", "in=/nonexistent/x.json", NULL};
    cr_assert_eq(run(&p, args, &err, NULL), 1);
    cr_assert(strstr(err, "sluice: source in: cannot open '/nonexistent/x.json'"), "%s", err);
    free(err);
    /* the declared path is used when there is no --input */
    cr_assert_eq(run(&p, NULL, &err, NULL), 1);
    cr_assert(strstr(err, "/nonexistent/in.json"), "%s", err);
    free(err);
    const char *args2[] = {"--input", "in=/tmp", NULL};
    cr_assert_eq(run(&p, args2, &err, NULL), 1, "a directory");
    free(err);
}

Test(rt_main, write_error_exits_1)
{
    if (access("/dev/full", W_OK) != 0) cr_skip_test("no /dev/full");
    const char *in = tmp("w.json");
    write_file(in, "x\n", 2);
    char arg_in[200];
    snprintf(arg_in, sizeof arg_in, "in=%s", in);
    sl_program p = fake_prog(1);
    char *err;
    const char *args[] = {"--input", arg_in, "--output", "out=/dev/full", NULL};
    cr_assert_eq(run(&p, args, &err, NULL), 1);
    cr_assert(strstr(err, "sluice: sink out: write '/dev/full': No space left on device"), "%s",
              err);
    /* only what reached the file counts as written */
    cr_assert(strstr(err, "sluice: sink out: 0 written, 1 not written"), "%s", err);
    free(err);
}

Test(rt_main, cli_errors_exit_2)
{
    sl_program p = fake_prog(1);
    const char *cases[][4] = {
        {"--bogus", NULL},
        {"--input", NULL},
        {"--input", "nosuch=/tmp/x", NULL},
        {"--output", "nosuch=-", NULL},
        {"--input", "in", NULL},
        {"--input", "=x", NULL},
        {"--input", "in=", NULL},
        {"positional", NULL},
        {"--bounded=yes", NULL},
        {"--brokers", NULL},
        {"--idle-timeout", "abc", NULL},
        {"--idle-timeout=-5", NULL},
        {"-x", NULL},
        {"--", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *err;
        cr_assert_eq(run(&p, cases[i], &err, NULL), 2, "%s %s", cases[i][0],
                     cases[i][1] ? cases[i][1] : "");
        cr_assert(strncmp(err, "sluice: ", 8) == 0, "%s", err);
        cr_assert(strstr(err, "--help"), "%s", err);
        free(err);
    }
    char *err;
    const char *unknown[] = {"--input", "nosuch=/tmp/x", NULL};
    run(&p, unknown, &err, NULL);
    cr_assert(strstr(err, "unknown source 'nosuch' (sources: in)"), "%s", err);
    free(err);
}

Test(rt_main, help_lists_sources_and_sinks)
{
    sl_program p = fake_prog(2);
    char *err, *out;
    const char *args[] = {"--help", NULL};
    cr_assert_eq(run(&p, args, &err, &out), 0);
    cr_assert(strstr(out, "usage: fake"), "%s", out);
    cr_assert(strstr(out, "--input NAME=PATH|-"));
    cr_assert(strstr(out, "--bounded"));
    cr_assert(strstr(out, "in "), "%s", out);
    cr_assert(strstr(out, "filesystem  /nonexistent/in.json"), "%s", out);
    cr_assert(strstr(out, "Other"));
    cr_assert(strstr(out, "out "));
    cr_assert(strstr(out, "print       stdout"), "%s", out);
    cr_assert_str_eq(err, "");
    free(out);
    free(err);
}

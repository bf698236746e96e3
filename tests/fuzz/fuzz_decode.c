/* fuzz_decode.c - libFuzzer target for a generated program: the
 * schema-specialised JSON decoder, the expression code, window state and
 * the encoders that `sluice build` emits.
 *
 * The program is tests/fuzz/fuzz_decode.sql (every column type, a NOT NULL
 * column, a watermark, a projection and a window aggregation). mk/fuzz.mk
 * runs `bin/sluice emit-c` on it and compiles the C with
 * -Dmain=sluice_generated_main next to this harness, linking with
 * -Wl,--wrap=sl_main: calling the generated main() hands us its sl_program
 * descriptor (the stable seam, runtime/include/sluice_rt.h) without running
 * anything. The harness then does what sl_main and rt_deliver do for a file
 * source, minus the I/O: it builds the run's sl_ctx (runtime/rt_internal.h),
 * calls init, feeds every line of the input to on_record, advances the
 * watermark to the end of input, checks the output, and calls destroy.
 *
 * Every other accepted record goes the way of decoding ahead instead
 * (sl_program.decode with a context and cache of its own, as the reader
 * thread has, then on_row).
 *
 * Properties checked besides "no crash / no sanitizer report":
 *   - on_record returns SL_OK or SL_MALFORMED, and SL_MALFORMED always comes
 *     with a reason (sl_set_error);
 *   - decode accepts exactly the records on_record accepts;
 *   - an accepted record is valid JSON (sl_json_skip reads all of it): the
 *     decoder must not accept what a JSON parser rejects;
 *   - every line written to a sink is one valid JSON object.
 *
 * Build and run: make fuzz (tests/fuzz/run.sh), or
 *   make build/fuzz/fuzz_decode && build/fuzz/fuzz_decode tests/fuzz/corpus_decode */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt_internal.h"

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "fuzz_decode: check failed: %s (line %d)\n", #cond, __LINE__);         \
            abort();                                                                               \
        }                                                                                          \
    } while (0)

int sluice_generated_main(int argc, char **argv);

/* --wrap=sl_main: the generated main() calls this instead of sl_main. */
static const sl_program *captured;
int __wrap_sl_main(const sl_program *prog, int argc, char **argv)
{
    (void)argc;
    (void)argv;
    captured = prog;
    return 0;
}

static sl_ctx *new_ctx(const sl_program *prog, int devnull)
{
    /* the same setup as sl_main (runtime/rt_main.c) for file sources/sinks */
    sl_ctx *ctx = calloc(1, sizeof *ctx);
    CHECK(ctx);
    ctx->prog = prog;
    ctx->n_src = prog->n_sources;
    ctx->n_snk = prog->n_sinks;
    ctx->src = calloc((size_t)ctx->n_src + 1, sizeof *ctx->src);
    ctx->snk = calloc((size_t)ctx->n_snk + 1, sizeof *ctx->snk);
    CHECK(ctx->src && ctx->snk);
    for (int i = 0; i < ctx->n_src; i++) {
        rt_source *s = &ctx->src[i];
        s->desc = &prog->sources[i];
        s->conn = SL_CONN_FILESYSTEM;
        s->path = "fuzz";
        s->fd = -1;
        sl_wm_init(&s->wm, 1);
    }
    for (int k = 0; k < ctx->n_snk; k++) {
        rt_sink *s = &ctx->snk[k];
        s->desc = &prog->sinks[k];
        s->conn = SL_CONN_FILESYSTEM;
        s->path = "/dev/null";
        s->fd = devnull; /* large outputs are flushed here */
    }
    return ctx;
}

static void free_ctx(sl_ctx *ctx)
{
    rt_file_writer_stop(ctx); /* a large output started it, as in sl_main */
    for (int i = 0; i < ctx->n_src; i++) sl_wm_free(&ctx->src[i].wm);
    for (int k = 0; k < ctx->n_snk; k++) sl_buf_free(&ctx->snk[k].buf);
    sl_arena_free(&ctx->scratch);
    free(ctx->src);
    free(ctx->snk);
    free(ctx);
}

/* Every line in the sink's buffer is one JSON object. */
static void check_sink_output(const rt_sink *s)
{
    if (s->buf.n == 0) return;
    const char *p = s->buf.p, *end = p + s->buf.n;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        CHECK(nl); /* every record ends with a newline */
        CHECK(nl > p && *p == '{');
        const char *q = sl_json_skip(p, nl);
        CHECK(q == nl);
        p = nl + 1;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int devnull = -1;
    if (!captured) {
        char *argv[] = {"fuzz_decode", NULL};
        sluice_generated_main(1, argv);
        CHECK(captured && captured->n_sources == 1);
        devnull = open("/dev/null", O_WRONLY);
        CHECK(devnull >= 0);
    }
    const sl_program *prog = captured;
    sl_ctx *ctx = new_ctx(prog, devnull);
    ctx->state = prog->init(ctx);
    ctx->scratch_mark = ctx->scratch.cur;
    /* decoding ahead: the reader thread's context, cache and row */
    const sl_source_desc *sd = &prog->sources[0];
    CHECK(prog->decode && prog->on_row && sd->row_size);
    sl_ctx *dctx = calloc(1, sizeof *dctx);
    void *dcache = calloc(1, sd->decode_cache_size ? sd->decode_cache_size : 1);
    void *row = malloc(sd->row_size);
    CHECK(dctx && dcache && row);

    /* one record per line, each in its own heap buffer of exactly its size
     * so that ASan catches any read past the record */
    size_t off = 0;
    int64_t line = 0;
    while (off < size) {
        const uint8_t *nl = memchr(data + off, '\n', size - off);
        size_t n = nl ? (size_t)(nl - (data + off)) : size - off;
        line++;
        char *rec = malloc(n ? n : 1);
        CHECK(rec);
        memcpy(rec, data + off, n);
        if (!rt_blank(rec, n)) {
            sl_recmeta meta = {.partition = 0, .offset = line, .timestamp = SL_TS_MIN};
            ctx->src[0].st.read++;
            ctx->err_set = false;
            int rcd = prog->decode(dctx, 0, rec, n, row, dcache);
            CHECK(rcd == SL_OK || rcd == SL_MALFORMED);
            int rc = rcd == SL_OK && (line & 1)
                         ? prog->on_row(ctx, ctx->state, 0, row, &meta)
                         : prog->on_record(ctx, ctx->state, 0, rec, n, &meta);
            CHECK(rc == SL_OK || rc == SL_MALFORMED);
            CHECK(rc == rcd);
            if (rc == SL_MALFORMED) {
                CHECK(ctx->err_set); /* a malformed record always says why */
                ctx->src[0].st.malformed++;
            } else {
                /* accepted => valid JSON, nothing after the object */
                const char *q = sl_json_skip(rec, rec + n);
                CHECK(q != NULL);
                CHECK(sl_json_ws(q, rec + n) == rec + n);
            }
            ctx->err_set = false;
            if (ctx->scratch.cur != ctx->scratch_mark) rt_scratch_reset(ctx);
            sl_arena_reset(&dctx->scratch);
        }
        free(rec);
        off += n + 1;
    }
    /* end of input: everything fires */
    ctx->src[0].wm.current = SL_TS_MAX;
    prog->on_watermark(ctx, ctx->state, 0, SL_TS_MAX);
    if (ctx->scratch.cur != ctx->scratch_mark) rt_scratch_reset(ctx);
    for (int k = 0; k < ctx->n_snk; k++) check_sink_output(&ctx->snk[k]);
    prog->destroy(ctx, ctx->state);
    free_ctx(ctx);
    sl_arena_free(&dctx->scratch);
    free(dctx);
    free(dcache);
    free(row);
    return 0;
}

/* rt_main.c - sl_main: the command line of every generated binary, the run
 * (open connectors, feed records, end of input), statistics, logging, and
 * the services the generated code calls through sl_ctx. */
#include "rt_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

volatile sig_atomic_t rt_signalled;

static void rt_on_signal(int sig)
{
    (void)sig;
    rt_signalled = 1;
}

/* ---- logging -------------------------------------------------------------
 * Messages go through stdio's stderr with one fprintf each; stderr is
 * flushed at batch boundaries (rt_flush_stderr) instead of per message, so
 * a file full of malformed records costs no syscall per record. */

static void rt_vmsg(sl_ctx *ctx, const char *fmt, va_list ap)
{
    char line[1024];
    vsnprintf(line, sizeof line, fmt, ap);
    fprintf(stderr, "sluice: %s\n", line);
    ctx->stderr_dirty = true;
}

void rt_warn(sl_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rt_vmsg(ctx, fmt, ap);
    va_end(ap);
}

void rt_fatal(sl_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rt_vmsg(ctx, fmt, ap);
    va_end(ap);
    ctx->status = 1;
    ctx->stop = true;
}

void rt_flush_stderr(sl_ctx *ctx)
{
    if (ctx->stderr_dirty) {
        fflush(stderr);
        ctx->stderr_dirty = false;
    }
}

/* ---- services for generated code ------------------------------------------ */

sl_arena *sl_scratch(sl_ctx *ctx)
{
    return &ctx->scratch;
}

sl_watermark *sl_source_wm(sl_ctx *ctx, int source)
{
    return &ctx->src[source].wm;
}

void sl_set_error(sl_ctx *ctx, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ctx->err, sizeof ctx->err, fmt, ap);
    va_end(ap);
    ctx->err_set = true;
}

void sl_count_late(sl_ctx *ctx, int source)
{
    ctx->src[source].st.late++;
}

sl_buf *sl_sink_begin(sl_ctx *ctx, int sink)
{
    rt_sink *s = &ctx->snk[sink];
    /* Kafka: one record per buffer; files: append to the pending chunk. */
    if (s->conn == SL_CONN_KAFKA) s->buf.n = 0;
    return &s->buf;
}

void sl_sink_end(sl_ctx *ctx, int sink)
{
    rt_sink *s = &ctx->snk[sink];
    s->written++;
    if (s->conn == SL_CONN_KAFKA) {
        rt_kafka_sink_produce(ctx, sink);
        return;
    }
    sl_buf_putc(&s->buf, '\n');
    if (s->buf.n >= (256u << 10)) rt_file_sink_flush(ctx, sink);
}

void rt_malformed(sl_ctx *ctx, int i, const sl_recmeta *meta)
{
    rt_source *s = &ctx->src[i];
    s->st.malformed++;
    const char *why = ctx->err_set ? ctx->err : "invalid record";
    if (s->conn == SL_CONN_KAFKA)
        fprintf(stderr, "sluice: %s: partition %d offset %lld: malformed record: %s\n",
                s->desc->name, meta->partition, (long long)meta->offset, why);
    else
        fprintf(stderr, "sluice: %s: line %lld: malformed record: %s\n", s->desc->name,
                (long long)meta->offset, why);
    ctx->stderr_dirty = true;
    ctx->err_set = false;
}

void rt_scratch_reset(sl_ctx *ctx)
{
    sl_arena_reset(&ctx->scratch);
    ctx->scratch_mark = ctx->scratch.cur;
}

void rt_source_finish(sl_ctx *ctx, int i)
{
    rt_source *s = &ctx->src[i];
    s->done = true;
    s->wm.current = SL_TS_MAX;
    if (ctx->prog->on_watermark) ctx->prog->on_watermark(ctx, ctx->state, i, SL_TS_MAX);
    if (ctx->scratch.cur != ctx->scratch_mark) rt_scratch_reset(ctx);
}

void rt_source_wm_advanced(sl_ctx *ctx, int i)
{
    if (ctx->prog->on_watermark)
        ctx->prog->on_watermark(ctx, ctx->state, i, ctx->src[i].wm.current);
    if (ctx->scratch.cur != ctx->scratch_mark) rt_scratch_reset(ctx);
}

/* ---- command line ---------------------------------------------------------- */

static const char *rt_conn_name(sl_connector c)
{
    switch (c) {
    case SL_CONN_FILESYSTEM:
        return "filesystem";
    case SL_CONN_KAFKA:
        return "kafka";
    case SL_CONN_PRINT:
        return "print";
    case SL_CONN_STDIO:
        return "stdio";
    }
    return "?";
}

static void rt_usage(const sl_program *prog, const char *argv0, FILE *f)
{
    fprintf(f,
            "usage: %s [OPTION]...\n"
            "Runs the streaming pipeline compiled from %s.\n"
            "\n"
            "Options:\n"
            "  --input NAME=PATH|-   read source NAME from a file of JSON lines (- = stdin)\n"
            "  --output NAME=PATH|-  write sink NAME to a file of JSON lines (- = stdout)\n"
            "  --brokers LIST        Kafka bootstrap servers for every Kafka source and sink\n"
            "  --bounded             Kafka sources stop at the offsets that were the latest\n"
            "                        when the run started (then the program exits)\n"
            "  --idle-timeout MS     a Kafka partition without records for MS ms stops\n"
            "                        holding the watermark back (default 0: never)\n"
            "  --help                show this help\n"
            "Options also take the form --NAME=VALUE.\n",
            argv0, prog->name ? prog->name : "a .sql file");
    fprintf(f, "\nSources:\n");
    if (prog->n_sources == 0) fprintf(f, "  (none)\n");
    for (int i = 0; i < prog->n_sources; i++) {
        const sl_source_desc *d = &prog->sources[i];
        if (d->connector == SL_CONN_KAFKA)
            fprintf(f, "  %-20s kafka       topic %s%s%s\n", d->name, d->topic ? d->topic : "?",
                    d->bootstrap ? " at " : "", d->bootstrap ? d->bootstrap : "");
        else if (d->connector == SL_CONN_STDIO)
            fprintf(f, "  %-20s stdio       stdin\n", d->name);
        else
            fprintf(f, "  %-20s %-11s %s\n", d->name, rt_conn_name(d->connector),
                    d->path ? d->path : "(no path)");
    }
    fprintf(f, "\nSinks:\n");
    if (prog->n_sinks == 0) fprintf(f, "  (none)\n");
    for (int k = 0; k < prog->n_sinks; k++) {
        const sl_sink_desc *d = &prog->sinks[k];
        if (d->connector == SL_CONN_KAFKA)
            fprintf(f, "  %-20s kafka       topic %s%s%s\n", d->name, d->topic ? d->topic : "?",
                    d->bootstrap ? " at " : "", d->bootstrap ? d->bootstrap : "");
        else if (d->connector == SL_CONN_PRINT || d->connector == SL_CONN_STDIO)
            fprintf(f, "  %-20s %-11s stdout\n", d->name, rt_conn_name(d->connector));
        else
            fprintf(f, "  %-20s %-11s %s\n", d->name, rt_conn_name(d->connector),
                    d->path ? d->path : "(no path)");
    }
}

/* Prints a usage error and returns exit status 2. */
__attribute__((format(printf, 2, 3))) static int rt_usage_error(const char *argv0, const char *fmt,
                                                                ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("sluice: ", stderr);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s --help' for more information.\n", argv0);
    fflush(stderr);
    return 2;
}

/* Finds the source or sink whose name starts `arg` followed by '=' (so
 * names and paths may both hold '='): the longest exact match first, then
 * the longest case-insensitive one when it is unique (SQL identifiers are
 * often written in any case). Returns its index and the length of the name
 * in *nlen, or -1. */
static int rt_find_name(const char *arg, size_t *nlen, int count,
                        const char *(*get)(const void *, int), const void *arr)
{
    size_t alen = strlen(arg);
    for (int pass = 0; pass < 2; pass++) {
        int found = -1, ties = 0;
        size_t best = 0;
        for (int i = 0; i < count; i++) {
            const char *s = get(arr, i);
            size_t n = strlen(s);
            if (n == 0 || n >= alen || arg[n] != '=') continue;
            if (pass == 0 ? memcmp(s, arg, n) != 0 : strncasecmp(s, arg, n) != 0) continue;
            if (found < 0 || n > best) {
                found = i;
                best = n;
                ties = 0;
            } else if (n == best) {
                ties++;
            }
        }
        if (found >= 0 && ties == 0) {
            *nlen = best;
            return found;
        }
    }
    return -1;
}

static const char *rt_src_name(const void *arr, int i)
{
    return ((const sl_source_desc *)arr)[i].name;
}

static const char *rt_snk_name(const void *arr, int i)
{
    return ((const sl_sink_desc *)arr)[i].name;
}

/* Appends "a, b, c" (the declared names) to a message buffer. */
static void rt_names(char *out, size_t cap, int count, const char *(*get)(const void *, int),
                     const void *arr)
{
    size_t n = 0;
    out[0] = 0;
    for (int i = 0; i < count && n < cap; i++)
        n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? ", " : "", get(arr, i));
    if (count == 0) snprintf(out, cap, "none");
}

/* Parses argv into ctx. Returns -1 to run, else the exit status (0 after
 * --help, 2 on a usage error). */
static int rt_parse_cli(sl_ctx *ctx, int argc, char **argv)
{
    const sl_program *prog = ctx->prog;
    const char *argv0 = argc > 0 && argv[0] ? argv[0] : "pipeline";
    for (int a = 1; a < argc; a++) {
        const char *arg = argv[a];
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            rt_usage(prog, argv0, stdout);
            fflush(stdout);
            return 0;
        }
        if (strncmp(arg, "--", 2) != 0 || arg[2] == 0)
            return rt_usage_error(argv0, "unexpected argument '%s'", arg);
        const char *opt = arg + 2;
        const char *eq = strchr(opt, '=');
        size_t optlen = eq ? (size_t)(eq - opt) : strlen(opt);
        const char *value = eq ? eq + 1 : NULL;
#define RT_IS(name) (optlen == sizeof(name) - 1 && memcmp(opt, name, optlen) == 0)
        if (RT_IS("bounded")) {
            if (value) return rt_usage_error(argv0, "option '--bounded' takes no value");
            ctx->bounded = true;
            continue;
        }
        if (!RT_IS("input") && !RT_IS("output") && !RT_IS("brokers") && !RT_IS("idle-timeout"))
            return rt_usage_error(argv0, "unknown option '--%.*s'", (int)optlen, opt);
        if (!value) {
            if (a + 1 >= argc)
                return rt_usage_error(argv0, "option '--%.*s' needs a value", (int)optlen, opt);
            value = argv[++a];
        }
        if (RT_IS("brokers")) {
            if (!*value) return rt_usage_error(argv0, "option '--brokers' needs a value");
            ctx->brokers = value;
        } else if (RT_IS("idle-timeout")) {
            char *e;
            errno = 0;
            long long ms = strtoll(value, &e, 10);
            if (!*value || *e || errno || ms < 0)
                return rt_usage_error(argv0,
                                      "option '--idle-timeout' needs milliseconds (an integer "
                                      ">= 0), not '%s'",
                                      value);
            ctx->idle_timeout_ms = ms;
        } else {
            bool in = RT_IS("input");
            const char *what = in ? "input" : "output";
            const char *sep = strchr(value, '=');
            if (!sep || sep == value || !sep[1])
                return rt_usage_error(argv0, "option '--%s' needs NAME=PATH (or NAME=-), not '%s'",
                                      what, value);
            size_t nlen = (size_t)(sep - value);
            int idx = in ? rt_find_name(value, &nlen, prog->n_sources, rt_src_name, prog->sources)
                         : rt_find_name(value, &nlen, prog->n_sinks, rt_snk_name, prog->sinks);
            const char *path = value + nlen + 1;
            if (idx >= 0 && !*path)
                return rt_usage_error(argv0, "option '--%s' needs NAME=PATH (or NAME=-), not '%s'",
                                      what, value);
            if (idx < 0) {
                char names[512];
                if (in)
                    rt_names(names, sizeof names, prog->n_sources, rt_src_name, prog->sources);
                else
                    rt_names(names, sizeof names, prog->n_sinks, rt_snk_name, prog->sinks);
                return rt_usage_error(argv0, "--%s: unknown %s '%.*s' (%ss: %s)", what,
                                      in ? "source" : "sink", (int)nlen, value,
                                      in ? "source" : "sink", names);
            }
            sl_connector c = strcmp(path, "-") == 0 ? SL_CONN_STDIO : SL_CONN_FILESYSTEM;
            if (in) {
                ctx->src[idx].conn = c;
                ctx->src[idx].path = path;
            } else {
                ctx->snk[idx].conn = c;
                ctx->snk[idx].path = path;
            }
        }
#undef RT_IS
    }
    return -1;
}

/* ---- the run ------------------------------------------------------------------ */

static void rt_print_stats(sl_ctx *ctx)
{
    for (int i = 0; i < ctx->n_src; i++) {
        rt_source *s = &ctx->src[i];
        fprintf(stderr, "sluice: source %s: %llu read, %llu malformed, %llu late\n", s->desc->name,
                (unsigned long long)s->st.read, (unsigned long long)s->st.malformed,
                (unsigned long long)s->st.late);
    }
    for (int k = 0; k < ctx->n_snk; k++)
        fprintf(stderr, "sluice: sink %s: %llu written\n", ctx->snk[k].desc->name,
                (unsigned long long)ctx->snk[k].written);
    fflush(stderr);
}

/* Opens every source and sink. Returns -1 when all opened, else the exit
 * status (1 runtime error, 2 configuration error). */
static int rt_open_all(sl_ctx *ctx)
{
    for (int i = 0; i < ctx->n_src; i++) {
        rt_source *s = &ctx->src[i];
        if (s->conn == SL_CONN_KAFKA) {
            int rc = rt_kafka_source_open(ctx, i);
            if (rc) return rc;
        } else if (s->conn == SL_CONN_PRINT) {
            rt_warn(ctx, "source %s: the print connector is for sinks only", s->desc->name);
            return 2;
        } else if (!rt_file_source_open(ctx, i)) {
            return 1;
        }
    }
    int rc = rt_file_sinks_check(ctx);
    if (rc >= 0) return rc;
    for (int k = 0; k < ctx->n_snk; k++) {
        if (ctx->snk[k].conn == SL_CONN_KAFKA) {
            int rc = rt_kafka_sink_open(ctx, k);
            if (rc) return rc;
        } else if (!rt_file_sink_open(ctx, k)) {
            return 1;
        }
    }
    return -1;
}

static void rt_close_all(sl_ctx *ctx)
{
    /* Sinks first: a Kafka consumer commits its offsets when it closes, and
     * that should happen after the output is out (still not at-least-once:
     * see rt_kafka.c). */
    for (int k = 0; k < ctx->n_snk; k++) {
        if (ctx->snk[k].conn == SL_CONN_KAFKA)
            rt_kafka_sink_close(ctx, k);
        else
            rt_file_sink_close(ctx, k);
    }
    for (int i = 0; i < ctx->n_src; i++) {
        if (ctx->src[i].conn == SL_CONN_KAFKA)
            rt_kafka_source_close(ctx, i);
        else
            rt_file_source_close(ctx, i);
    }
}

int sl_main(const sl_program *prog, int argc, char **argv)
{
    sl_ctx *ctx = calloc(1, sizeof *ctx);
    if (!ctx) rt_oom();
    ctx->prog = prog;
    ctx->n_src = prog->n_sources;
    ctx->n_snk = prog->n_sinks;
    ctx->src = calloc((size_t)ctx->n_src + 1, sizeof *ctx->src);
    ctx->snk = calloc((size_t)ctx->n_snk + 1, sizeof *ctx->snk);
    if (!ctx->src || !ctx->snk) rt_oom();
    for (int i = 0; i < ctx->n_src; i++) {
        rt_source *s = &ctx->src[i];
        s->desc = &prog->sources[i];
        s->conn = s->desc->connector;
        s->path = s->desc->path;
        s->fd = -1;
        sl_wm_init(&s->wm, 1);
    }
    for (int k = 0; k < ctx->n_snk; k++) {
        rt_sink *s = &ctx->snk[k];
        s->desc = &prog->sinks[k];
        s->conn = s->desc->connector;
        s->path = s->desc->path;
        s->fd = -1;
    }

    int status = rt_parse_cli(ctx, argc, argv);
    bool opened = false;
    struct sigaction old_int, old_term;
    if (status < 0) {
        status = rt_open_all(ctx);
        opened = true;
    }
    if (status < 0) {
        /* SA_RESETHAND: a second Ctrl-C kills a run stuck in a final flush.
         * No SA_RESTART: a blocking read of stdin returns EINTR. */
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = rt_on_signal;
        sa.sa_flags = SA_RESETHAND;
        sigemptyset(&sa.sa_mask);
        rt_signalled = 0;
        sigaction(SIGINT, &sa, &old_int);
        sigaction(SIGTERM, &sa, &old_term);

        ctx->state = prog->init ? prog->init(ctx) : NULL;
        ctx->scratch_mark = ctx->scratch.cur;
        /* Files one after another in declaration order, then every Kafka
         * source together. */
        bool any_kafka = false;
        for (int i = 0; i < ctx->n_src && !ctx->stop && !rt_signalled; i++) {
            if (ctx->src[i].conn == SL_CONN_KAFKA)
                any_kafka = true;
            else
                rt_file_source_run(ctx, i);
        }
        if (any_kafka && !ctx->stop && !rt_signalled) rt_kafka_run(ctx);
        rt_close_all(ctx);
        if (prog->destroy) prog->destroy(ctx, ctx->state);
        rt_flush_stderr(ctx);
        rt_print_stats(ctx);
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGTERM, &old_term, NULL);
        status = ctx->status;
    } else if (opened) {
        rt_close_all(ctx);
        rt_flush_stderr(ctx);
    }
    for (int i = 0; i < ctx->n_src; i++) sl_wm_free(&ctx->src[i].wm);
    sl_arena_free(&ctx->scratch);
    free(ctx->src);
    free(ctx->snk);
    free(ctx);
    fflush(stdout);
    return status;
}

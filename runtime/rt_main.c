/* rt_main.c - sl_main: the command line of every generated binary, the run
 * (open connectors, feed records, end of input), statistics, logging, and
 * the services the generated code calls through sl_ctx. */
#include "rt_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

volatile sig_atomic_t rt_signalled;

static void rt_on_signal(int sig)
{
    rt_signalled = sig;
}

/* ---- logging -------------------------------------------------------------
 * Messages go through stdio's stderr with one fprintf each; stderr is
 * flushed at batch boundaries (rt_flush_stderr) instead of per message, so
 * a file full of malformed records costs no syscall per record. */

void rt_escape(const char *s, char *out, size_t cap)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t o = 0, n = strlen(s);
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c >= 0x20 && c < 0x7f ? 1 : c >= 0x80 ? rt_utf8_len(s + i, s + n) : 0;
        if (len == 2 && c == 0xC2 && (unsigned char)s[i + 1] < 0xA0) len = 0; /* C1 control */
        if (len) {
            if (o + len >= cap) break;
            memcpy(out + o, s + i, len);
            o += len;
            i += len;
        } else {
            if (o + 4 >= cap) break;
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
            i++;
        }
    }
    out[o] = 0;
}

/* Erases the progress line (rt_progress) when one is on screen. */
static void rt_progress_clear(sl_ctx *ctx)
{
    if (!ctx->progress_shown) return;
    fputs("\r\033[K", stderr);
    ctx->progress_shown = false;
}

static void rt_vmsg(sl_ctx *ctx, const char *fmt, va_list ap)
{
    char line[1024], shown[4096];
    vsnprintf(line, sizeof line, fmt, ap);
    rt_escape(line, shown, sizeof shown);
    rt_progress_clear(ctx); /* the message takes the progress line's place */
    fprintf(stderr, "sluice: %s\n", shown);
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

void sl_mark_late(sl_ctx *ctx)
{
    ctx->late_mark = true;
}

void sl_not_null_violation(sl_ctx *ctx, const char *table, const char *column)
{
    if (ctx->stop) return;
    rt_fatal(ctx,
             "column '%s' of '%s' is NOT NULL, but the query writes NULL into it; stopping "
             "(filter the rows or use COALESCE)",
             column, table);
}

int64_t rt_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t sl_now_ms(sl_ctx *ctx)
{
    if (ctx->now_ms == 0) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ctx->now_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
    }
    return ctx->now_ms;
}

sl_buf *sl_sink_key(sl_ctx *ctx, int sink)
{
    rt_sink *s = &ctx->snk[sink];
    s->key.n = 0;
    return &s->key;
}

sl_buf *sl_sink_begin(sl_ctx *ctx, int sink)
{
    rt_sink *s = &ctx->snk[sink];
    /* Kafka: one record per buffer; files: append to the pending chunk. */
    if (s->conn == SL_CONN_KAFKA) {
        s->buf.n = 0;
    } else if (s->desc->keyed) {
        SL_BUF_LIT(&s->buf, "{\"key\":");
        sl_buf_put(&s->buf, s->key.p, s->key.n);
        SL_BUF_LIT(&s->buf, ",\"value\":");
    }
    return &s->buf;
}

void sl_sink_end(sl_ctx *ctx, int sink)
{
    rt_sink *s = &ctx->snk[sink];
    if (s->conn == SL_CONN_KAFKA) {
        rt_kafka_sink_produce(ctx, sink, false); /* counted when delivered */
        return;
    }
    if (s->desc->keyed) sl_buf_putc(&s->buf, '}');
    s->pending++; /* counted when written */
    sl_buf_putc(&s->buf, '\n');
    if (s->buf.n >= rt_sink_chunk(s)) rt_file_sink_flush(ctx, sink);
}

void sl_sink_end_tombstone(sl_ctx *ctx, int sink)
{
    rt_sink *s = &ctx->snk[sink];
    if (s->conn == SL_CONN_KAFKA) {
        rt_kafka_sink_produce(ctx, sink, true);
        return;
    }
    SL_BUF_LIT(&s->buf, "{\"key\":");
    sl_buf_put(&s->buf, s->key.p, s->key.n);
    SL_BUF_LIT(&s->buf, ",\"value\":null}\n");
    s->pending++;
    if (s->buf.n >= rt_sink_chunk(s)) rt_file_sink_flush(ctx, sink);
}

void rt_late(sl_ctx *ctx, int i, const char *p, size_t n, const sl_recmeta *meta)
{
    ctx->src[i].st.late++;
    ctx->late_mark = false;
    if (ctx->src[i].dlq_fd >= 0 || ctx->src[i].dlq_kafka)
        rt_dlq_put(ctx, i, p, n, meta, "late: every window it belongs to had fired");
}

void rt_malformed(sl_ctx *ctx, int i, const char *p, size_t n, const sl_recmeta *meta)
{
    rt_source *s = &ctx->src[i];
    s->st.malformed++;
    const char *why = ctx->err_set ? ctx->err : "invalid record";
    if (s->dlq_fd >= 0 || s->dlq_kafka) {
        char what[600];
        snprintf(what, sizeof what, "malformed: %s", why);
        rt_dlq_put(ctx, i, p, n, meta, what);
    }
    if (s->conn == SL_CONN_KAFKA)
        rt_warn(ctx, "%s: partition %d offset %lld: malformed record: %s", s->desc->name,
                meta->partition, (long long)meta->offset, why);
    else
        rt_warn(ctx, "%s: line %lld: malformed record: %s", s->desc->name, (long long)meta->offset,
                why);
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

/* ---- state checks ------------------------------------------------------------ */

static void rt_state_now(sl_ctx *ctx, sl_state_info *si)
{
    memset(si, 0, sizeof *si);
    if (ctx->prog->state_info && ctx->state) ctx->prog->state_info(ctx->state, si);
    if (si->bytes > ctx->state_peak) ctx->state_peak = si->bytes;
}

/* "2001-01-01 00:00:00.000", or a word for the ends of time. */
static const char *rt_wm_text(int64_t wm, char *buf)
{
    if (wm == SL_TS_MIN) return "none yet";
    if (wm == SL_TS_MAX) return "the end of input";
    buf[sl_ts_format(wm, buf)] = 0;
    return buf;
}

void rt_snapshot_roundtrip(sl_ctx *ctx)
{
    const sl_program *p = ctx->prog;
    if (!p->save || !p->load || !p->init || !p->destroy) return;
    sl_buf b = {0};
    p->save(ctx->state, &b);
    p->destroy(ctx, ctx->state);
    ctx->state = p->init(ctx);
    sl_rbuf r = {b.p, b.p + b.n, false};
    if (!p->load(ctx->state, &r) || r.err || r.p != r.end)
        rt_fatal(ctx, "state snapshot round trip failed (%zu bytes saved, stopped at %zu)", b.n,
                 (size_t)(r.p - b.p));
    sl_buf_free(&b);
}

void rt_progress(sl_ctx *ctx)
{
    if (!ctx->progress) return;
    int64_t now = rt_mono_ms();
    if (now < ctx->progress_next_ms) return;
    ctx->progress_next_ms = now + 1000;
    uint64_t read = 0;
    int64_t wm = SL_TS_MAX;
    for (int i = 0; i < ctx->n_src; i++) {
        read += ctx->src[i].st.read;
        if (!ctx->src[i].done && ctx->src[i].wm.current < wm) wm = ctx->src[i].wm.current;
    }
    double secs = (double)(now - ctx->progress_last_ms) / 1000;
    double rate =
        ctx->progress_last_ms && secs > 0 ? (double)(read - ctx->progress_last_read) / secs : 0;
    ctx->progress_last_ms = now;
    ctx->progress_last_read = read;
    sl_state_info si;
    memset(&si, 0, sizeof si);
    if (ctx->prog->state_info && ctx->state) ctx->prog->state_info(ctx->state, &si);
    char w[40];
    fprintf(stderr, "\r\033[Ksluice: %llu records, %.0f/s, watermark %s, state %.1f MB",
            (unsigned long long)read, rate, rt_wm_text(wm, w), (double)si.bytes / (1 << 20));
    fflush(stderr);
    ctx->progress_shown = true;
}

void rt_check_state(sl_ctx *ctx)
{
    ctx->check_countdown = ctx->snapshot_every ? (uint32_t)ctx->snapshot_every : RT_CHECK_EVERY;
    ctx->now_ms = 0; /* processing time moves on */
    if (ctx->snapshot_every) rt_snapshot_roundtrip(ctx);
    rt_checkpoint_maybe(ctx);
    rt_metrics_publish(ctx, false);
    rt_progress(ctx);
    sl_state_info si;
    rt_state_now(ctx, &si);
    char t[40];
    if (ctx->max_state_bytes && si.bytes > ctx->max_state_bytes && !ctx->stop) {
        int i = 0; /* the source holding the windows back: the lowest watermark */
        for (int k = 1; k < ctx->n_src; k++)
            if (ctx->src[k].wm.current < ctx->src[i].wm.current) i = k;
        rt_fatal(ctx,
                 "state is %llu bytes (%llu open windows, %llu groups), over --max-state-bytes "
                 "%llu: stopping (the watermark of source %s is %s)",
                 (unsigned long long)si.bytes, (unsigned long long)si.windows,
                 (unsigned long long)si.groups, (unsigned long long)ctx->max_state_bytes,
                 ctx->n_src ? ctx->src[i].desc->name : "?",
                 ctx->n_src ? rt_wm_text(ctx->src[i].wm.current, t) : "?");
        return;
    }
    for (int i = 0; i < ctx->n_src; i++) {
        rt_source *s = &ctx->src[i];
        if (!s->desc->has_watermark || s->done) continue;
        if (s->wm.current != s->stall_wm) {
            s->stall_wm = s->wm.current;
            s->stall_read = s->st.read;
            s->stall_bytes = si.bytes;
            continue;
        }
        if (s->stall_warned || s->st.read - s->stall_read < ctx->stall_records ||
            si.bytes <= s->stall_bytes)
            continue;
        s->stall_warned = true;
        rt_warn(ctx,
                "source %s: the watermark has not advanced over the last %llu records (it is %s) "
                "while state grew from %llu to %llu bytes (open windows: %llu): windows fire only "
                "when it advances (are the event times all equal, or is the WATERMARK delay too "
                "large?)",
                s->desc->name, (unsigned long long)(s->st.read - s->stall_read),
                rt_wm_text(s->wm.current, t), (unsigned long long)s->stall_bytes,
                (unsigned long long)si.bytes, (unsigned long long)si.windows);
    }
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
    char name[256], where[1024], boot[1024];
    rt_escape(prog->name ? prog->name : "a .sql file", name, sizeof name);
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
            "  --broker-timeout S    end the run (exit 1) when no Kafka broker has been\n"
            "                        reachable for S seconds (default 60; 0: wait forever)\n"
            "  --max-state-bytes N   fail the run (exit 1) when operator state passes N\n"
            "                        bytes (suffix k, m, g: KiB, MiB, GiB; default: no limit)\n"
            "  --stall-records N     warn when a source's watermark has not advanced over N\n"
            "                        records while state grows (default 1000000)\n"
            "  --state-dir DIR       take checkpoints in DIR and, when it holds one,\n"
            "                        continue from the latest (default: the file's\n"
            "                        state.checkpoints.dir, if set; see the README)\n"
            "  --checkpoint-interval DURATION\n"
            "                        time between checkpoints (500ms, 10s, 1min; default\n"
            "                        10s, or the file's execution.checkpointing.interval)\n"
            "  --state-reset         forget the checkpoints in --state-dir and start over\n"
            "  --metrics-port N      serve Prometheus metrics (GET /metrics) and a health\n"
            "                        check (GET /health) on 127.0.0.1:N\n"
            "  --help                show this help\n"
            "Options also take the form --NAME=VALUE.\n",
            argv0, name);
    fprintf(f, "\nSources:\n");
    if (prog->n_sources == 0) fprintf(f, "  (none)\n");
    for (int i = 0; i < prog->n_sources; i++) {
        const sl_source_desc *d = &prog->sources[i];
        rt_escape(d->name, name, sizeof name);
        rt_escape(d->connector == SL_CONN_KAFKA ? (d->topic ? d->topic : "?")
                                                : (d->path ? d->path : "(no path)"),
                  where, sizeof where);
        rt_escape(d->bootstrap ? d->bootstrap : "", boot, sizeof boot);
        if (d->connector == SL_CONN_KAFKA)
            fprintf(f, "  %-20s kafka       topic %s%s%s\n", name, where, *boot ? " at " : "",
                    boot);
        else if (d->connector == SL_CONN_STDIO)
            fprintf(f, "  %-20s stdio       stdin\n", name);
        else
            fprintf(f, "  %-20s %-11s %s\n", name, rt_conn_name(d->connector), where);
    }
    fprintf(f, "\nSinks:\n");
    if (prog->n_sinks == 0) fprintf(f, "  (none)\n");
    for (int k = 0; k < prog->n_sinks; k++) {
        const sl_sink_desc *d = &prog->sinks[k];
        rt_escape(d->name, name, sizeof name);
        rt_escape(d->connector == SL_CONN_KAFKA ? (d->topic ? d->topic : "?")
                                                : (d->path ? d->path : "(no path)"),
                  where, sizeof where);
        rt_escape(d->bootstrap ? d->bootstrap : "", boot, sizeof boot);
        if (d->connector == SL_CONN_KAFKA)
            fprintf(f, "  %-20s kafka       topic %s%s%s\n", name, where, *boot ? " at " : "",
                    boot);
        else if (d->connector == SL_CONN_PRINT || d->connector == SL_CONN_STDIO)
            fprintf(f, "  %-20s %-11s stdout\n", name, rt_conn_name(d->connector));
        else
            fprintf(f, "  %-20s %-11s %s\n", name, rt_conn_name(d->connector), where);
    }
}

/* Prints a usage error and returns exit status 2. */
__attribute__((format(printf, 2, 3))) static int rt_usage_error(const char *argv0, const char *fmt,
                                                                ...)
{
    char msg[1024], shown[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rt_escape(msg, shown, sizeof shown);
    fprintf(stderr, "sluice: %s\n", shown);
    rt_escape(argv0, msg, sizeof msg);
    fprintf(stderr, "Try '%s --help' for more information.\n", msg);
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

/* A duration: digits, then an optional unit ms, s, min (or m) or h; plain
 * digits count in `unit_ms` milliseconds. False on anything else. */
static bool rt_parse_duration(const char *v, int64_t unit_ms, int64_t *out)
{
    char *e;
    errno = 0;
    long long n = strtoll(v, &e, 10);
    if (e == v || errno || n < 0 || (*v < '0' || *v > '9')) return false;
    int64_t mul = unit_ms;
    if (strcmp(e, "ms") == 0)
        mul = 1;
    else if (strcmp(e, "s") == 0)
        mul = 1000;
    else if (strcmp(e, "min") == 0 || strcmp(e, "m") == 0)
        mul = 60000;
    else if (strcmp(e, "h") == 0)
        mul = 3600000;
    else if (*e)
        return false;
    return !__builtin_mul_overflow((int64_t)n, mul, out);
}

/* A count: digits; with `suffix`, an optional k, m or g (KiB, MiB, GiB). */
static bool rt_parse_count(const char *v, bool suffix, uint64_t *out)
{
    char *e;
    errno = 0;
    unsigned long long n = strtoull(v, &e, 10);
    if (e == v || errno || *v < '0' || *v > '9') return false;
    unsigned shift = 0;
    if (suffix && (*e == 'k' || *e == 'K')) shift = 10;
    if (suffix && (*e == 'm' || *e == 'M')) shift = 20;
    if (suffix && (*e == 'g' || *e == 'G')) shift = 30;
    if (shift) e++;
    if (*e || (shift && n > (UINT64_MAX >> shift))) return false;
    *out = (uint64_t)n << shift;
    return true;
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
        if (RT_IS("bounded") || RT_IS("state-reset")) {
            if (value)
                return rt_usage_error(argv0, "option '--%.*s' takes no value", (int)optlen, opt);
            if (RT_IS("bounded"))
                ctx->bounded = true;
            else
                ctx->state_reset = true;
            continue;
        }
        if (!RT_IS("input") && !RT_IS("output") && !RT_IS("brokers") && !RT_IS("idle-timeout") &&
            !RT_IS("broker-timeout") && !RT_IS("max-state-bytes") && !RT_IS("stall-records") &&
            !RT_IS("state-dir") && !RT_IS("checkpoint-interval") && !RT_IS("metrics-port"))
            return rt_usage_error(argv0, "unknown option '--%.*s'", (int)optlen, opt);
        if (!value) {
            if (a + 1 >= argc)
                return rt_usage_error(argv0, "option '--%.*s' needs a value", (int)optlen, opt);
            value = argv[++a];
        }
        if (RT_IS("brokers")) {
            if (!*value) return rt_usage_error(argv0, "option '--brokers' needs a value");
            ctx->brokers = value;
        } else if (RT_IS("metrics-port")) {
            uint64_t port;
            if (!rt_parse_count(value, false, &port) || port == 0 || port > 65535)
                return rt_usage_error(
                    argv0, "option '--metrics-port' needs a port (1 to 65535), not '%s'", value);
            ctx->metrics_port = (int)port;
        } else if (RT_IS("state-dir")) {
            if (!*value) return rt_usage_error(argv0, "option '--state-dir' needs a directory");
            ctx->state_dir = value;
        } else if (RT_IS("checkpoint-interval")) {
            int64_t ms;
            if (!rt_parse_duration(value, 1, &ms) || ms == 0)
                return rt_usage_error(argv0,
                                      "option '--checkpoint-interval' needs a duration > 0 "
                                      "(500ms, 10s, 1min), not '%s'",
                                      value);
            ctx->ckpt_interval_ms = ms;
        } else if (RT_IS("idle-timeout") || RT_IS("broker-timeout")) {
            bool idle = RT_IS("idle-timeout");
            int64_t ms;
            if (!rt_parse_duration(value, idle ? 1 : 1000, &ms))
                return rt_usage_error(argv0,
                                      "option '--%s' needs a duration >= 0 (%s, or with a unit: "
                                      "500ms, 30s, 2min, 1h), not '%s'",
                                      idle ? "idle-timeout" : "broker-timeout",
                                      idle ? "milliseconds" : "seconds", value);
            if (idle)
                ctx->idle_timeout_ms = ms;
            else
                ctx->broker_timeout_ms = ms;
        } else if (RT_IS("max-state-bytes") || RT_IS("stall-records")) {
            bool bytes = RT_IS("max-state-bytes");
            uint64_t v;
            if (!rt_parse_count(value, bytes, &v) || v == 0)
                return rt_usage_error(argv0, "option '--%s' needs %s, not '%s'",
                                      bytes ? "max-state-bytes" : "stall-records",
                                      bytes ? "a number of bytes > 0 (a suffix k, m or g counts in "
                                              "KiB, MiB or GiB)"
                                            : "a number of records > 0",
                                      value);
            if (bytes)
                ctx->max_state_bytes = v;
            else
                ctx->stall_records = v;
        } else {
            bool in = RT_IS("input");
            const char *what = in ? "input" : "output";
            /* A name may itself hold '=' (even begin with one): rt_find_name
             * matches the longest declared name followed by '='. */
            const char *sep = strchr(value, '=');
            if (!sep || !value[1])
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
    /* SET 'state.checkpoints.dir' in the .sql file: the default */
    if (!ctx->state_dir && ctx->prog->state_dir) ctx->state_dir = ctx->prog->state_dir;
    if (ctx->state_reset && !ctx->state_dir)
        return rt_usage_error(argv0, "option '--state-reset' needs --state-dir");
    return -1;
}

/* ---- the run ------------------------------------------------------------------ */

static void rt_print_stats(sl_ctx *ctx, const sl_state_info *si)
{
    for (int i = 0; i < ctx->n_src; i++) {
        rt_source *s = &ctx->src[i];
        char skipped[64] = "";
        if (s->st.skipped)
            snprintf(skipped, sizeof skipped, ", %llu skipped (deleted before they were read)",
                     (unsigned long long)s->st.skipped);
        rt_warn(ctx, "source %s: %llu read, %llu malformed, %llu late%s", s->desc->name,
                (unsigned long long)s->st.read, (unsigned long long)s->st.malformed,
                (unsigned long long)s->st.late, skipped);
        if (s->desc->dead_letter_path || s->desc->dead_letter_topic)
            rt_warn(ctx, "source %s: %llu dead letters sent to %s", s->desc->name,
                    (unsigned long long)s->dlq_count,
                    s->desc->dead_letter_path ? s->desc->dead_letter_path
                                              : s->desc->dead_letter_topic);
    }
    for (int k = 0; k < ctx->n_snk; k++) {
        const rt_sink *s = &ctx->snk[k];
        if (s->lost)
            rt_warn(ctx, "sink %s: %llu written, %llu not %s", s->desc->name,
                    (unsigned long long)s->written, (unsigned long long)s->lost,
                    s->conn == SL_CONN_KAFKA ? "delivered" : "written");
        else
            rt_warn(ctx, "sink %s: %llu written", s->desc->name, (unsigned long long)s->written);
    }
    if (ctx->ckpt_taken)
        rt_warn(ctx, "checkpoints: %llu taken, the last (%llu) %llu bytes in %.1f ms",
                (unsigned long long)ctx->ckpt_taken, (unsigned long long)ctx->ckpt_seq,
                (unsigned long long)ctx->ckpt_last_bytes, (double)ctx->ckpt_last_us / 1000);
    if (ctx->state_peak)
        rt_warn(ctx, "state: %llu bytes (peak %llu), open windows: %llu, groups: %llu",
                (unsigned long long)si->bytes, (unsigned long long)ctx->state_peak,
                (unsigned long long)si->windows, (unsigned long long)si->groups);
    rt_flush_stderr(ctx);
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
    return rt_dlq_open_all(ctx);
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
    rt_file_writer_stop(ctx);
    rt_dlq_close_all(ctx);
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
        s->stall_wm = SL_TS_MIN;
        s->dlq_fd = -1;
        s->dlq_committed = -1;
    }
    ctx->stall_records = 1000000;
    ctx->idle_timeout_ms = prog->idle_timeout_ms;
    ctx->broker_timeout_ms = 60000;
    for (int k = 0; k < ctx->n_snk; k++) {
        rt_sink *s = &ctx->snk[k];
        s->desc = &prog->sinks[k];
        s->conn = s->desc->connector;
        s->path = s->desc->path;
        s->fd = -1;
        s->committed = -1;
    }
    ctx->state_fd = ctx->lock_fd = -1;
    /* progress only for a person watching: not in CI, not into a file */
    const char *ci = getenv("CI");
    ctx->progress = isatty(STDERR_FILENO) && !(ci && *ci) && !getenv("SLUICE_NO_PROGRESS");
    ctx->progress_last_ms = rt_mono_ms();
    ctx->progress_next_ms = ctx->progress_last_ms + 1000;
    ctx->ckpt_interval_ms = prog->checkpoint_interval_ms > 0 ? prog->checkpoint_interval_ms : 10000;

    int status = rt_parse_cli(ctx, argc, argv);
    bool opened = false;
    struct sigaction old_int, old_term;
    if (status < 0 && ctx->state_dir) status = rt_checkpoint_restore(ctx);
    if (status < 0) {
        status = rt_open_all(ctx);
        opened = true;
    }
    if (status < 0 && ctx->metrics_port) status = rt_metrics_start(ctx, ctx->metrics_port);
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
        if (ctx->restored && rt_checkpoint_load_state(ctx))
            rt_warn(ctx, "continuing from checkpoint %llu in %s (state loaded in %.1f ms)",
                    (unsigned long long)ctx->ckpt_restored, ctx->state_dir,
                    (double)ctx->ckpt_load_us / 1000);
        ctx->ckpt_next_ms = rt_mono_ms() + ctx->ckpt_interval_ms;
        rt_metrics_publish(ctx, true);
        const char *snap = getenv("SLUICE_TEST_SNAPSHOT_EVERY");
        if (snap && *snap) ctx->snapshot_every = strtoull(snap, NULL, 10);
        ctx->check_countdown = ctx->snapshot_every ? (uint32_t)ctx->snapshot_every : RT_CHECK_EVERY;
        /* Files one after another in declaration order, then every Kafka
         * source together. */
        bool any_kafka = false;
        for (int i = 0; i < ctx->n_src && !ctx->stop && !rt_signalled; i++) {
            if (ctx->src[i].conn == SL_CONN_KAFKA)
                any_kafka = true;
            else if (!ctx->src[i].done) /* a restored run skips finished sources */
                rt_file_source_run(ctx, i);
        }
        if (any_kafka && !ctx->stop && !rt_signalled) rt_kafka_run(ctx);
        /* what is still open was not emitted: say so, so that an
         * interrupted run never looks complete */
        bool reached_end = true;
        for (int i = 0; i < ctx->n_src; i++) reached_end &= ctx->src[i].done;
        int sig = rt_signalled;
        /* with --state-dir the last checkpoint is taken here: at the end of
         * the input, or when a signal stops the run (the next run goes on
         * from it: nothing open is lost) */
        bool kept = ctx->state_dir && !ctx->stop && rt_checkpoint_take(ctx, reached_end);
        sl_state_info si;
        rt_state_now(ctx, &si);
        rt_close_all(ctx);
        if (prog->destroy) prog->destroy(ctx, ctx->state);
        rt_progress_clear(ctx);
        rt_flush_stderr(ctx);
        rt_print_stats(ctx, &si);
        if (kept && !reached_end) {
            rt_warn(ctx,
                    "stopped by %s; checkpoint %llu in %s holds the open windows and the "
                    "input positions: the next run with --state-dir %s continues from it",
                    sig == SIGINT    ? "SIGINT"
                    : sig == SIGTERM ? "SIGTERM"
                                     : "a signal",
                    (unsigned long long)ctx->ckpt_seq, ctx->state_dir, ctx->state_dir);
            rt_flush_stderr(ctx);
        } else if (!reached_end) {
            if (sig)
                rt_warn(ctx, "stopped by %s before the end of the input",
                        sig == SIGINT    ? "SIGINT"
                        : sig == SIGTERM ? "SIGTERM"
                                         : "a signal");
            if (si.windows)
                rt_warn(ctx,
                        "%llu open window%s with %llu group%s not emitted (their results are "
                        "lost)",
                        (unsigned long long)si.windows, si.windows == 1 ? "" : "s",
                        (unsigned long long)si.groups, si.groups == 1 ? " was" : "s were");
            rt_flush_stderr(ctx);
        }
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGTERM, &old_term, NULL);
        status = ctx->status;
        /* the shell's convention for a run ended by a signal: 128 + its
         * number (130 for SIGINT, 143 for SIGTERM) */
        if (status == 0 && sig && !reached_end && !kept) status = 128 + sig;
        rt_kafka_release(ctx, status);
    } else if (opened) {
        rt_close_all(ctx);
        rt_flush_stderr(ctx);
        rt_kafka_release(ctx, status);
    }
    rt_metrics_stop(ctx);
    rt_checkpoint_close(ctx);
    for (int i = 0; i < ctx->n_src; i++) sl_wm_free(&ctx->src[i].wm);
    sl_arena_free(&ctx->scratch);
    free(ctx->src);
    free(ctx->snk);
    free(ctx);
    fflush(stdout);
    return status;
}

/* rt_metrics.c - --metrics-port: Prometheus metrics and a health check on
 * 127.0.0.1, served by libmicrohttpd.
 *
 * The program is one thread and its counters are plain fields: the HTTP
 * thread never reads them. The main thread renders the exposition text
 * (rt_metrics_render) into a snapshot under a mutex at most every
 * RT_METRICS_EVERY_MS (between records, from rt_check_state, and from the
 * Kafka loop when the topics are quiet), and requests copy the snapshot.
 *
 * libmicrohttpd is opened with dlopen when --metrics-port is given, not
 * linked: a program built with `sluice build --static` keeps needing only
 * libc, libm and libsasl2 (Debian's libmicrohttpd.a pulls in GnuTLS and
 * p11-kit, which has no static library), and a run without metrics needs
 * no libmicrohttpd at all. Metric names follow Prometheus conventions
 * (snake case, a unit suffix, _total for counters). */
#include "rt_internal.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* At most one snapshot per this many ms. */
enum { RT_METRICS_EVERY_MS = 100 };

/* The libmicrohttpd functions used, resolved by dlsym. */
typedef struct rt_mhd {
    void *lib;
    struct MHD_Daemon *(*start)(unsigned int, uint16_t, MHD_AcceptPolicyCallback, void *,
                                MHD_AccessHandlerCallback, void *, ...);
    void (*stop)(struct MHD_Daemon *);
    struct MHD_Response *(*response)(size_t, void *, enum MHD_ResponseMemoryMode);
    enum MHD_Result (*queue)(struct MHD_Connection *, unsigned int, struct MHD_Response *);
    void (*destroy)(struct MHD_Response *);
    enum MHD_Result (*header)(struct MHD_Response *, const char *, const char *);
} rt_mhd;

struct rt_metrics {
    rt_mhd mhd;
    struct MHD_Daemon *daemon;
    pthread_mutex_t mu;
    char *text; /* the last snapshot (malloc'd), NUL-terminated */
    size_t len;
    bool healthy;
    char unhealthy[256];     /* why not */
    int64_t ckpt_wall_ms;    /* wall-clock time of the last checkpoint (0: none) */
    uint64_t ckpt_seen;      /* ctx->ckpt_taken when ckpt_wall_ms was set */
    int64_t ckpt_max_age_ms; /* /health fails when the last checkpoint is older */
    int64_t next_ms;         /* monotonic: the next snapshot is due */
    sl_buf buf;              /* main thread: where the next snapshot is rendered */
};

/* Appends s as a Prometheus label value (backslash, quote and newline
 * escaped). */
static void rt_label(sl_buf *b, const char *s)
{
    sl_buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '\\' || *s == '"') sl_buf_putc(b, '\\');
        if (*s == '\n') {
            SL_BUF_LIT(b, "\\n");
            continue;
        }
        sl_buf_putc(b, *s);
    }
    sl_buf_putc(b, '"');
}

static void rt_family(sl_buf *b, const char *name, const char *type, const char *help)
{
    char line[512];
    snprintf(line, sizeof line, "# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
    sl_buf_put(b, line, strlen(line));
}

static void rt_sample(sl_buf *b, const char *name, const char *label, const char *value_of,
                      const char *label2, long long part, double v)
{
    sl_buf_put(b, name, strlen(name));
    if (label) {
        sl_buf_putc(b, '{');
        sl_buf_put(b, label, strlen(label));
        sl_buf_putc(b, '=');
        rt_label(b, value_of);
        if (label2) {
            char p[48];
            snprintf(p, sizeof p, ",%s=\"%lld\"", label2, part);
            sl_buf_put(b, p, strlen(p));
        }
        sl_buf_putc(b, '}');
    }
    char num[64];
    snprintf(num, sizeof num, " %.17g\n", v);
    sl_buf_put(b, num, strlen(num));
}

void rt_metrics_render(sl_ctx *ctx, sl_buf *b, const sl_state_info *si)
{
    static const struct {
        const char *name, *help;
        int what;
    } src_counters[] = {
        {"sluice_source_records_total", "Records read (malformed and late ones included).", 0},
        {"sluice_source_malformed_total", "Records that could not be decoded.", 1},
        {"sluice_source_late_total", "Records dropped because their windows had fired.", 2},
        {"sluice_source_dead_letters_total", "Records sent to the dead-letter queue.", 3},
    };
    for (size_t c = 0; c < sizeof src_counters / sizeof *src_counters; c++) {
        rt_family(b, src_counters[c].name, "counter", src_counters[c].help);
        for (int i = 0; i < ctx->n_src; i++) {
            const rt_source *s = &ctx->src[i];
            uint64_t v = src_counters[c].what == 0   ? s->st.read
                         : src_counters[c].what == 1 ? s->st.malformed
                         : src_counters[c].what == 2 ? s->st.late
                                                     : s->dlq_count;
            rt_sample(b, src_counters[c].name, "source", s->desc->name, NULL, 0, (double)v);
        }
    }
    rt_family(b, "sluice_source_watermark_milliseconds", "gauge",
              "The source's watermark, ms since the epoch (absent before the first).");
    for (int i = 0; i < ctx->n_src; i++) {
        const rt_source *s = &ctx->src[i];
        if (s->wm.current != SL_TS_MIN && s->wm.current != SL_TS_MAX)
            rt_sample(b, "sluice_source_watermark_milliseconds", "source", s->desc->name, NULL, 0,
                      (double)s->wm.current);
    }
    rt_family(b, "sluice_source_partition_watermark_milliseconds", "gauge",
              "The largest watermark value seen per partition, ms since the epoch.");
    for (int i = 0; i < ctx->n_src; i++) {
        const rt_source *s = &ctx->src[i];
        for (int p = 0; p < s->wm.n_parts; p++)
            if (s->wm.seen[p])
                rt_sample(b, "sluice_source_partition_watermark_milliseconds", "source",
                          s->desc->name, "partition", p, (double)s->wm.part[p]);
    }
    rt_family(b, "sluice_source_partition_lag_records", "gauge",
              "Kafka: records between the partition's end and the next one to read.");
    for (int i = 0; i < ctx->n_src; i++) {
        int64_t lag[256];
        int n = rt_kafka_source_lag(ctx, i, lag, 256);
        for (int p = 0; p < n; p++)
            if (lag[p] >= 0)
                rt_sample(b, "sluice_source_partition_lag_records", "source",
                          ctx->src[i].desc->name, "partition", p, (double)lag[p]);
    }
    rt_family(b, "sluice_sink_records_total", "counter",
              "Records written to the sink (files) or delivered (Kafka).");
    for (int k = 0; k < ctx->n_snk; k++)
        rt_sample(b, "sluice_sink_records_total", "sink", ctx->snk[k].desc->name, NULL, 0,
                  (double)ctx->snk[k].written);
    rt_family(b, "sluice_sink_lost_total", "counter",
              "Records that could not be written or delivered.");
    for (int k = 0; k < ctx->n_snk; k++)
        rt_sample(b, "sluice_sink_lost_total", "sink", ctx->snk[k].desc->name, NULL, 0,
                  (double)ctx->snk[k].lost);
    rt_family(b, "sluice_state_bytes", "gauge", "Bytes of operator state held.");
    rt_sample(b, "sluice_state_bytes", NULL, NULL, NULL, 0, (double)si->bytes);
    const sl_program *prog = ctx->prog;
    if (prog->operator_info && prog->n_operators > 0 && ctx->state) {
        rt_family(b, "sluice_operator_state_bytes", "gauge",
                  "Bytes of state held by one operator (numbered as sluice explain does).");
        for (int i = 0; i < prog->n_operators; i++) {
            sl_state_info oi;
            prog->operator_info(ctx->state, i, &oi);
            rt_sample(b, "sluice_operator_state_bytes", "operator", prog->operators[i], NULL, 0,
                      (double)oi.bytes);
        }
    }
    rt_family(b, "sluice_state_open_windows", "gauge", "Windows not fired yet.");
    rt_sample(b, "sluice_state_open_windows", NULL, NULL, NULL, 0, (double)si->windows);
    rt_family(b, "sluice_state_groups", "gauge", "Groups held by aggregations.");
    rt_sample(b, "sluice_state_groups", NULL, NULL, NULL, 0, (double)si->groups);
    rt_family(b, "sluice_checkpoints_total", "counter", "Checkpoints this run wrote.");
    rt_sample(b, "sluice_checkpoints_total", NULL, NULL, NULL, 0, (double)ctx->ckpt_taken);
    if (ctx->ckpt_taken) {
        rt_family(b, "sluice_checkpoint_duration_seconds", "gauge",
                  "Time the last checkpoint took (flush, sync, write, rename).");
        rt_sample(b, "sluice_checkpoint_duration_seconds", NULL, NULL, NULL, 0,
                  (double)ctx->ckpt_last_us / 1e6);
        rt_family(b, "sluice_checkpoint_size_bytes", "gauge", "Size of the last checkpoint.");
        rt_sample(b, "sluice_checkpoint_size_bytes", NULL, NULL, NULL, 0,
                  (double)ctx->ckpt_last_bytes);
    }
}

static int64_t rt_wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The HTTP thread: GET /metrics or /health. */
static enum MHD_Result rt_metrics_serve(void *cls, struct MHD_Connection *conn, const char *url,
                                        const char *method, const char *version, const char *upload,
                                        size_t *upload_size, void **req)
{
    rt_metrics *m = cls;
    (void)version;
    (void)upload;
    (void)upload_size;
    (void)req;
    unsigned status = MHD_HTTP_OK;
    char *body;
    size_t len;
    bool metrics = strcmp(url, "/metrics") == 0, health = strcmp(url, "/health") == 0;
    pthread_mutex_lock(&m->mu);
    int64_t age = m->ckpt_wall_ms ? rt_wall_ms() - m->ckpt_wall_ms : -1;
    if (strcmp(method, "GET") != 0 || (!metrics && !health)) {
        status = MHD_HTTP_NOT_FOUND;
        body = strdup("not found: GET /metrics or /health\n");
        len = body ? strlen(body) : 0;
    } else if (metrics) {
        /* the snapshot, and the checkpoint's age as of now */
        len = m->len;
        body = malloc(m->len + 256);
        if (body) {
            memcpy(body, m->text ? m->text : "", m->len);
            if (age >= 0)
                len += (size_t)snprintf(
                    body + len, 256,
                    "# HELP sluice_checkpoint_age_seconds Time since the last checkpoint.\n"
                    "# TYPE sluice_checkpoint_age_seconds gauge\n"
                    "sluice_checkpoint_age_seconds %.3f\n",
                    (double)age / 1000);
        }
    } else {
        char why[400];
        bool ok = m->healthy;
        snprintf(why, sizeof why, "%s", m->unhealthy);
        if (ok && m->ckpt_max_age_ms > 0 && age > m->ckpt_max_age_ms) {
            ok = false;
            snprintf(why, sizeof why, "the last checkpoint is %.1f s old", (double)age / 1000);
        }
        status = ok ? MHD_HTTP_OK : MHD_HTTP_SERVICE_UNAVAILABLE;
        body = malloc(512);
        if (body) len = (size_t)snprintf(body, 512, ok ? "ok\n" : "unhealthy: %s\n", why);
    }
    pthread_mutex_unlock(&m->mu);
    if (!body) return MHD_NO;
    struct MHD_Response *r = m->mhd.response(len, body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(body);
        return MHD_NO;
    }
    m->mhd.header(r, "Content-Type",
                  metrics && status == MHD_HTTP_OK ? "text/plain; version=0.0.4; charset=utf-8"
                                                   : "text/plain; charset=utf-8");
    enum MHD_Result res = m->mhd.queue(conn, status, r);
    m->mhd.destroy(r);
    return res;
}

int rt_metrics_start(sl_ctx *ctx, int port)
{
    rt_metrics *m = calloc(1, sizeof *m);
    if (!m) rt_oom();
    pthread_mutex_init(&m->mu, NULL);
    m->healthy = true;
    ctx->metrics = m;
    m->mhd.lib = dlopen("libmicrohttpd.so.12", RTLD_NOW | RTLD_LOCAL);
    if (!m->mhd.lib) {
        rt_warn(ctx,
                "--metrics-port: cannot load libmicrohttpd (%s): install the libmicrohttpd12 "
                "package",
                dlerror());
        return 1;
    }
    /* POSIX lets a void * from dlsym become a function pointer */
    *(void **)&m->mhd.start = dlsym(m->mhd.lib, "MHD_start_daemon");
    *(void **)&m->mhd.stop = dlsym(m->mhd.lib, "MHD_stop_daemon");
    *(void **)&m->mhd.response = dlsym(m->mhd.lib, "MHD_create_response_from_buffer");
    *(void **)&m->mhd.queue = dlsym(m->mhd.lib, "MHD_queue_response");
    *(void **)&m->mhd.destroy = dlsym(m->mhd.lib, "MHD_destroy_response");
    *(void **)&m->mhd.header = dlsym(m->mhd.lib, "MHD_add_response_header");
    if (!m->mhd.start || !m->mhd.stop || !m->mhd.response || !m->mhd.queue || !m->mhd.destroy ||
        !m->mhd.header) {
        rt_warn(ctx, "--metrics-port: libmicrohttpd lacks a function sluice needs");
        return 1;
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    m->daemon =
        m->mhd.start(MHD_USE_INTERNAL_POLLING_THREAD, (uint16_t)port, NULL, NULL, rt_metrics_serve,
                     m, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_END);
    if (!m->daemon) {
        rt_warn(ctx, "--metrics-port: cannot listen on 127.0.0.1:%d (in use?)", port);
        return 1;
    }
    m->ckpt_max_age_ms = ctx->state_dir ? 3 * ctx->ckpt_interval_ms + 10000 : 0;
    rt_metrics_publish(ctx, true);
    return -1;
}

void rt_metrics_publish(sl_ctx *ctx, bool now)
{
    rt_metrics *m = ctx->metrics;
    if (!m || !m->daemon) return;
    int64_t t = rt_mono_ms();
    if (!now && t < m->next_ms) return;
    m->next_ms = t + RT_METRICS_EVERY_MS;
    sl_state_info si;
    memset(&si, 0, sizeof si);
    if (ctx->prog->state_info && ctx->state) ctx->prog->state_info(ctx->state, &si);
    m->buf.n = 0;
    rt_metrics_render(ctx, &m->buf, &si);
    char *text = malloc(m->buf.n + 1);
    if (!text) rt_oom();
    memcpy(text, m->buf.p, m->buf.n);
    text[m->buf.n] = 0;
    char why[256] = "";
    bool healthy = !ctx->stop && rt_kafka_brokers_up(ctx, why, sizeof why);
    if (ctx->stop && !why[0]) snprintf(why, sizeof why, "the run is failing");
    pthread_mutex_lock(&m->mu);
    free(m->text);
    m->text = text;
    m->len = m->buf.n;
    m->healthy = healthy;
    snprintf(m->unhealthy, sizeof m->unhealthy, "%s", why);
    if (ctx->ckpt_taken && ctx->ckpt_taken != m->ckpt_seen) {
        m->ckpt_seen = ctx->ckpt_taken;
        m->ckpt_wall_ms = rt_wall_ms() - (t - ctx->ckpt_done_ms);
    }
    pthread_mutex_unlock(&m->mu);
}

void rt_metrics_stop(sl_ctx *ctx)
{
    rt_metrics *m = ctx->metrics;
    if (!m) return;
    if (m->daemon) m->mhd.stop(m->daemon);
    if (m->mhd.lib) dlclose(m->mhd.lib);
    pthread_mutex_destroy(&m->mu);
    free(m->text);
    sl_buf_free(&m->buf);
    free(m);
    ctx->metrics = NULL;
}

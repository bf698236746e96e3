/* rt_deadletter.c - dead-letter queues: where a source's malformed and
 * late records go instead of only being counted.
 *
 * A source declares one with 'dead-letter.path' (a file of JSON lines,
 * here) or 'dead-letter.topic' (a Kafka topic, rt_kafka.c). A record sent
 * there keeps its bytes, why it was refused and where it came from, so it
 * can be inspected and replayed; processing goes on (one bad record never
 * stops a pipeline). With checkpoints a dead-letter file is committed like
 * a file sink: synced before the checkpoint that records its length, cut
 * back to that length on restart, so each dead letter is in it once. */
#include "rt_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bytes buffered before a write(2). */
enum { RT_DLQ_CHUNK = 64 << 10 };

static bool rt_is_utf8(const char *p, size_t n)
{
    const char *e = p + n;
    while (p < e) {
        if ((unsigned char)*p < 0x80) {
            p++;
            continue;
        }
        size_t l = rt_utf8_len(p, e);
        if (!l) return false;
        p += l;
    }
    return true;
}

static void rt_put_base64(sl_buf *b, const unsigned char *p, size_t n)
{
    static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    sl_buf_putc(b, '"');
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)p[i] << 16 | (i + 1 < n ? (unsigned)p[i + 1] << 8 : 0) |
                     (i + 2 < n ? p[i + 2] : 0);
        char q[4] = {t[v >> 18 & 63], t[v >> 12 & 63], i + 1 < n ? t[v >> 6 & 63] : '=',
                     i + 2 < n ? t[v & 63] : '='};
        sl_buf_put(b, q, 4);
    }
    sl_buf_putc(b, '"');
}

/* Writes source i's buffered dead letters to its file. */
static bool rt_dlq_write(sl_ctx *ctx, int i)
{
    rt_source *s = &ctx->src[i];
    const char *p = s->dlq_buf.p;
    size_t n = s->dlq_buf.n;
    s->dlq_buf.n = 0;
    if (s->dlq_failed) return false;
    if (rt_write_all(s->dlq_fd, p, n, &s->dlq_bytes)) return true;
    rt_fatal(ctx, "source %s: dead-letter queue: write '%s': %s", s->desc->name,
             s->desc->dead_letter_path, strerror(errno));
    s->dlq_failed = true;
    return false;
}

void rt_dlq_put(sl_ctx *ctx, int i, const char *p, size_t n, const sl_recmeta *meta,
                const char *why)
{
    rt_source *s = &ctx->src[i];
    s->dlq_count++;
    if (s->dlq_kafka) {
        rt_kafka_dlq_send(ctx, i, p, n, meta, why);
        return;
    }
    sl_buf *b = &s->dlq_buf;
    SL_BUF_LIT(b, "{\"source\":");
    sl_buf_put_json_str(b, s->desc->name, strlen(s->desc->name));
    /* the reason may quote bytes of the record that are not UTF-8: shown
     * escaped, as on stderr, so that the line stays valid JSON */
    char shown[2048];
    rt_escape(why, shown, sizeof shown);
    SL_BUF_LIT(b, ",\"error\":");
    sl_buf_put_json_str(b, shown, strlen(shown));
    if (s->conn == SL_CONN_KAFKA) {
        SL_BUF_LIT(b, ",\"partition\":");
        sl_buf_put_i64(b, meta->partition);
        SL_BUF_LIT(b, ",\"offset\":");
    } else {
        SL_BUF_LIT(b, ",\"line\":");
    }
    sl_buf_put_i64(b, meta->offset);
    if (meta->has_key && meta->key) {
        bool text = rt_is_utf8(meta->key, meta->key_len);
        if (text) {
            SL_BUF_LIT(b, ",\"key\":");
            sl_buf_put_json_str(b, meta->key, meta->key_len);
        } else {
            SL_BUF_LIT(b, ",\"key_base64\":");
            rt_put_base64(b, (const unsigned char *)meta->key, meta->key_len);
        }
    }
    if (rt_is_utf8(p, n)) {
        SL_BUF_LIT(b, ",\"record\":");
        sl_buf_put_json_str(b, p, n);
    } else {
        SL_BUF_LIT(b, ",\"record_base64\":");
        rt_put_base64(b, (const unsigned char *)p, n);
    }
    SL_BUF_LIT(b, "}\n");
    if (b->n >= RT_DLQ_CHUNK) rt_dlq_write(ctx, i);
}

int rt_dlq_open_all(sl_ctx *ctx)
{
    for (int i = 0; i < ctx->n_src; i++) {
        rt_source *s = &ctx->src[i];
        if (s->desc->dead_letter_topic) {
            int rc = rt_kafka_dlq_open(ctx, i);
            if (rc) return rc;
            continue;
        }
        const char *path = s->desc->dead_letter_path;
        if (!path) continue;
        /* never one of the inputs: opening it for writing would destroy it */
        struct stat out;
        int j = stat(path, &out) == 0 ? rt_file_input_at(ctx, &out) : -1;
        if (j >= 0) {
            rt_warn(ctx,
                    "source %s: its dead-letter file '%s' is the file source %s reads; "
                    "refusing to overwrite it: nothing was written",
                    s->desc->name, path, ctx->src[j].desc->name);
            return 2;
        }
        char what[512];
        snprintf(what, sizeof what, "source %s: dead-letter file", s->desc->name);
        s->dlq_fd = rt_file_open_output(ctx, what, path, s->dlq_committed);
        if (s->dlq_fd < 0) return 1;
        if (s->dlq_committed >= 0) s->dlq_bytes = (uint64_t)s->dlq_committed;
    }
    return -1;
}

bool rt_dlq_flush_all(sl_ctx *ctx, bool sync)
{
    bool ok = true;
    for (int i = 0; i < ctx->n_src; i++) {
        rt_source *s = &ctx->src[i];
        if (s->dlq_fd < 0) continue;
        if (s->dlq_buf.n && !rt_dlq_write(ctx, i)) ok = false;
        if (ok && sync && fdatasync(s->dlq_fd) != 0 && errno != EINVAL) {
            rt_fatal(ctx, "source %s: dead-letter queue: sync '%s': %s", s->desc->name,
                     s->desc->dead_letter_path, strerror(errno));
            s->dlq_failed = true;
            ok = false;
        }
    }
    return ok;
}

void rt_dlq_close_all(sl_ctx *ctx)
{
    rt_kafka_dlq_close_all(ctx);
    rt_dlq_flush_all(ctx, false);
    for (int i = 0; i < ctx->n_src; i++) {
        rt_source *s = &ctx->src[i];
        if (s->dlq_fd >= 0 && close(s->dlq_fd) != 0 && !s->dlq_failed)
            rt_fatal(ctx, "source %s: dead-letter queue: close '%s': %s", s->desc->name,
                     s->desc->dead_letter_path, strerror(errno));
        s->dlq_fd = -1;
        sl_buf_free(&s->dlq_buf);
    }
}

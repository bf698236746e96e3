/* rt_kafka.c - Kafka source (consumer) and sink (producer) via librdkafka.
 *
 * Source, unbounded: subscribe with the group (group.id from the
 * declaration, else "sluice-<source>"); partitions come and go through the
 * rebalance callback, which also tells the watermark tracker which
 * partitions this process reads (the others are idle and never hold the
 * watermark back). The startup mode (earliest/latest) applies to the first
 * assignment of each partition in this process; group-offsets resumes from
 * the committed offsets (earliest when there are none).
 *
 * Source, bounded (--bounded): no group join. Partitions come from the
 * topic metadata, their high watermarks are queried once at start, and every
 * partition is assigned explicitly from its start offset and is done when it
 * reaches that high watermark (or is empty). Records produced after the
 * start are not read. When every partition is done the source's watermark
 * jumps to SL_TS_MAX.
 *
 * Offsets: without --state-dir, enable.auto.commit (librdkafka's default)
 * commits the offsets of records handed to the program every
 * auto.commit.interval.ms and on close. That is NOT at-least-once: an
 * offset can be committed while the record's result is still in an open
 * window or an unflushed sink, and a crash then loses it. With --state-dir
 * the next offset of every partition is part of each checkpoint (with the
 * state that consumed the records before it); a restored run assigns its
 * partitions from there, and the group's offsets are committed after each
 * checkpoint only for lag tools. Sinks are drained before a checkpoint
 * completes: at-least-once into Kafka.
 *
 * Sink: one producer per sink; each record is one message (value only, no
 * key, RD_KAFKA_MSG_F_COPY), counted as written when its delivery report
 * says so. At exit the producer is flushed until every message is
 * delivered; any failed delivery makes the run exit 1. An exactly-once
 * sink's producer is transactional: one transaction per checkpoint
 * interval, committed after the checkpoint is durable (rt_kafka_txn_*,
 * docs/architecture.md "Checkpoints").
 *
 * Faults (docs/architecture.md, "Kafka faults"): a source topic that does
 * not exist is an error at start. Committed offsets below the log start are
 * reported with the number of records skipped. The loss of every broker is
 * said once (_ALL_BROKERS_DOWN); past --broker-timeout the run ends with
 * exit 1. Stopping (a signal, a fatal error) gives the closes
 * RT_KAFKA_STOP_MS in all, purges what cannot be delivered by then (counted
 * as lost), and destroys the handles under a watchdog, so SIGTERM always
 * ends the process within 10 s; a second SIGTERM kills it at once
 * (SA_RESETHAND, rt_main.c).
 *
 * Threads: all callbacks except the log callback run in the main thread
 * (inside rd_kafka_poll / consume / flush), so they may use sl_ctx. */
#include "rt_internal.h"

#include <librdkafka/rdkafka.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Messages taken from a consumer queue per call. */
enum { RT_KAFKA_BATCH = 4096 };
/* Timeout of blocking metadata/offset queries at start (ms). */
enum { RT_KAFKA_QUERY_MS = 15000 };

/* What the callbacks get as opaque: who they belong to, and what the
 * handle knows about its brokers. */
typedef struct rt_kafka_who {
    sl_ctx *ctx;
    int index; /* source or sink index */
    const char *name;
    bool debug;         /* the user asked for librdkafka debug logs */
    rd_kafka_t *rk;     /* the handle (set once created) */
    int64_t down_since; /* monotonic ms since all brokers are down; 0: some is up */
    int64_t next_probe; /* while down: when to ask for metadata again */
    bool gave_up;       /* --broker-timeout passed: the run is ending */
} rt_kafka_who;

struct rt_kafka_src {
    rt_kafka_who who; /* first: the callbacks' opaque */
    rd_kafka_t *rk;
    rd_kafka_queue_t *q;
    const char *topic;
    bool bounded;
    bool closed;     /* the consumer left its group (rt_kafka_source_close) */
    bool closing;    /* rebalance callbacks during close must not fire windows */
    int n_parts;     /* size of the per-partition arrays */
    int64_t *stop;   /* bounded: the partition is done at this offset */
    bool *done;      /* bounded: the partition is finished (or empty) */
    bool *assigned;  /* the partition is assigned to this process */
    bool *started;   /* unbounded: the startup offset was applied once */
    int64_t *active; /* monotonic ms of the last record or the assignment */
    int64_t *next;   /* the offset after the last record handed over (-1: none) */
    int64_t *cstop;  /* the checkpoint's view of stop: bounded stop offsets, else -1 */
    int remaining;   /* bounded: partitions not done yet */
};

struct rt_kafka_sink {
    rt_kafka_who who; /* first: the callbacks' opaque */
    rd_kafka_t *rk;
    rd_kafka_topic_t *rkt;
    uint64_t failed; /* failed delivery reports */
    uint64_t since_poll;
    bool flushed; /* rt_kafka_sink_close ran */
    /* exactly-once sinks: the producer is transactional */
    bool fenced;   /* init_transactions done: earlier producers of the id are fenced */
    bool txn_open; /* a transaction is open (begin_transaction) */
    /* the last message delivered in the open transaction (partition -1:
     * none), which a restarted run reads back to learn whether the
     * transaction was committed (rt_kafka_txn_committed) */
    int32_t probe_part;
    int64_t probe_off;
};

/* ---- configuration ---------------------------------------------------------- */

/* Brokers: librdkafka reports the loss of every broker connection as
 * _ALL_BROKERS_DOWN (then reconnects on its own, forever). That is said
 * once; the connection errors that come with it are not repeated. While
 * down, rt_kafka_check_brokers asks for metadata now and then to see the
 * brokers come back, and past --broker-timeout it ends the run (exit 1)
 * rather than waiting without end. */
static void rt_kafka_broker_up(rt_kafka_who *who)
{
    if (!who->down_since) return;
    rt_warn(who->ctx, "kafka: %s: brokers reachable again after %.1f s", who->name,
            (double)(rt_mono_ms() - who->down_since) / 1000);
    who->down_since = 0;
}

static void rt_kafka_error_cb(rd_kafka_t *rk, int err, const char *reason, void *opaque)
{
    rt_kafka_who *who = opaque;
    sl_ctx *ctx = who->ctx;
    if (err == RD_KAFKA_RESP_ERR__FATAL) {
        char why[512];
        rd_kafka_resp_err_t orig = rd_kafka_fatal_error(rk, why, sizeof why);
        rt_fatal(ctx, "kafka: %s: fatal error: %s: %s", who->name, rd_kafka_err2str(orig), why);
        return;
    }
    if (err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN) {
        if (who->down_since) return;
        who->down_since = rt_mono_ms();
        who->next_probe = who->down_since + 1000;
        if (ctx->broker_timeout_ms > 0)
            rt_warn(ctx,
                    "kafka: %s: all brokers are down (%s); the run ends if none is reachable for "
                    "%lld s (--broker-timeout)",
                    who->name, reason ? reason : "", (long long)(ctx->broker_timeout_ms / 1000));
        else
            rt_warn(ctx, "kafka: %s: all brokers are down (%s); waiting for them", who->name,
                    reason ? reason : "");
        return;
    }
    /* connection errors: librdkafka retries them; while every broker is
     * down they only repeat what was said, and otherwise one broker going
     * away is not the user's concern (with 'debug' they are shown) */
    if ((err == RD_KAFKA_RESP_ERR__TRANSPORT || err == RD_KAFKA_RESP_ERR__RESOLVE ||
         err == RD_KAFKA_RESP_ERR__TIMED_OUT) &&
        !who->debug)
        return;
    rt_warn(ctx, "kafka: %s: %s%s%s", who->name, rd_kafka_err2str((rd_kafka_resp_err_t)err),
            reason && *reason ? ": " : "", reason ? reason : "");
}

/* The brokers of one handle: probes while they are down, and ends the run
 * past --broker-timeout. */
static void rt_kafka_check_who(sl_ctx *ctx, rt_kafka_who *who, int64_t now)
{
    if (!who->down_since || !who->rk) return;
    if (now >= who->next_probe) {
        /* any metadata answer means a broker is up again (short timeout:
         * the loop must keep serving signals) */
        const struct rd_kafka_metadata *md = NULL;
        if (rd_kafka_metadata(who->rk, 0, NULL, &md, 200) == RD_KAFKA_RESP_ERR_NO_ERROR) {
            rd_kafka_metadata_destroy(md);
            rt_kafka_broker_up(who);
            return;
        }
        who->next_probe = rt_mono_ms() + 1000;
    }
    if (ctx->broker_timeout_ms > 0 && now - who->down_since >= ctx->broker_timeout_ms &&
        !who->gave_up) {
        who->gave_up = true;
        rt_fatal(ctx, "kafka: %s: no broker reachable for %lld s (--broker-timeout): stopping",
                 who->name, (long long)((now - who->down_since) / 1000));
    }
}

/* Runs in librdkafka's threads: touches nothing but stderr. Errors already
 * reach rt_kafka_error_cb, so only critical messages, configuration
 * warnings and (with the 'debug' property) debug output are printed. */
static void rt_kafka_log_cb(const rd_kafka_t *rk, int level, const char *fac, const char *buf)
{
    const rt_kafka_who *who = rd_kafka_opaque(rk);
    bool debug = who && who->debug;
    /* OFFSET warnings: a consumer position reset, e.g. records deleted by
     * retention while this run was behind */
    if (level <= 2 || debug ||
        (level <= 4 && (strcmp(fac, "CONFWARN") == 0 || strcmp(fac, "OFFSET") == 0))) {
        char name[256], msg[2048];
        rt_escape(who ? who->name : "?", name, sizeof name);
        rt_escape(buf, msg, sizeof msg);
        fprintf(stderr, "sluice: kafka: %s: %s: %s\n", name, fac, msg);
    }
}

/* Sets one property; a bad one is a configuration error (exit 2). */
static bool rt_kafka_set(sl_ctx *ctx, rd_kafka_conf_t *conf, const char *what, const char *name,
                         const char *key, const char *value)
{
    char err[512];
    if (rd_kafka_conf_set(conf, key, value, err, sizeof err) != RD_KAFKA_CONF_OK) {
        rt_warn(ctx, "%s %s: kafka property '%s': %s", what, name, key, err);
        return false;
    }
    return true;
}

static bool rt_kafka_has(rd_kafka_conf_t *conf, const char *key)
{
    char v[512];
    size_t n = sizeof v;
    return rd_kafka_conf_get(conf, key, v, &n) == RD_KAFKA_CONF_OK && n > 1;
}

/* Builds the configuration shared by sources and sinks: defaults, then
 * the declared properties (a leading "properties." is stripped), then the
 * bootstrap servers (--brokers wins over the declaration). NULL after a
 * printed configuration error. */
static rd_kafka_conf_t *rt_kafka_conf(sl_ctx *ctx, const char *what, rt_kafka_who *who,
                                      const char *bootstrap, const sl_kv *props, int n_props,
                                      const sl_kv *defaults, int n_defaults)
{
    rd_kafka_conf_t *conf = rd_kafka_conf_new();
    bool ok = true;
    for (int j = 0; ok && j < n_defaults; j++)
        ok = rt_kafka_set(ctx, conf, what, who->name, defaults[j].key, defaults[j].value);
    for (int j = 0; ok && j < n_props; j++) {
        const char *key = props[j].key;
        if (strncmp(key, "properties.", 11) == 0) key += 11;
        if (strcmp(key, "debug") == 0) who->debug = true;
        ok = rt_kafka_set(ctx, conf, what, who->name, key, props[j].value);
    }
    if (ok && ctx->brokers)
        ok = rt_kafka_set(ctx, conf, what, who->name, "bootstrap.servers", ctx->brokers);
    else if (ok && bootstrap)
        ok = rt_kafka_set(ctx, conf, what, who->name, "bootstrap.servers", bootstrap);
    if (ok && !rt_kafka_has(conf, "bootstrap.servers")) {
        rt_warn(ctx,
                "%s %s: no Kafka bootstrap servers (declare 'properties.bootstrap.servers' "
                "or use --brokers)",
                what, who->name);
        ok = false;
    }
    if (!ok) {
        rd_kafka_conf_destroy(conf);
        return NULL;
    }
    rd_kafka_conf_set_opaque(conf, who);
    rd_kafka_conf_set_error_cb(conf, rt_kafka_error_cb);
    rd_kafka_conf_set_log_cb(conf, rt_kafka_log_cb);
    return conf;
}

/* ---- source ------------------------------------------------------------------ */

/* Makes the per-partition arrays hold at least n partitions. */
static void rt_kafka_parts(rt_kafka_src *k, int n)
{
    if (n <= k->n_parts) return;
    size_t sz = (size_t)n;
    int64_t *stop = realloc(k->stop, sz * sizeof *stop);
    bool *done = realloc(k->done, sz * sizeof *done);
    bool *assigned = realloc(k->assigned, sz * sizeof *assigned);
    bool *started = realloc(k->started, sz * sizeof *started);
    int64_t *active = realloc(k->active, sz * sizeof *active);
    int64_t *next = realloc(k->next, sz * sizeof *next);
    int64_t *cstop = realloc(k->cstop, sz * sizeof *cstop);
    if (!stop || !done || !assigned || !started || !active || !next || !cstop) rt_oom();
    /* a restored run starts from its checkpoint's positions */
    const rt_source *s = &k->who.ctx->src[k->who.index];
    for (int p = k->n_parts; p < n; p++) {
        stop[p] = INT64_MAX;
        done[p] = false;
        assigned[p] = false;
        started[p] = false;
        active[p] = 0;
        next[p] = p < s->ck_parts ? s->ck_next[p] : -1;
        cstop[p] = -1;
    }
    k->next = next;
    k->cstop = cstop;
    k->stop = stop;
    k->done = done;
    k->assigned = assigned;
    k->started = started;
    k->active = active;
    k->n_parts = n;
}

/* Brings the watermark tracker in line with the assignment: every known
 * partition that is not assigned (or is finished) is idle. Tells the
 * program when that advanced the watermark (not while stopping). */
static void rt_kafka_sync_wm(sl_ctx *ctx, int i, bool notify)
{
    rt_source *s = &ctx->src[i];
    rt_kafka_src *k = s->kafka;
    int64_t before = s->wm.current;
    if (s->wm.n_parts < k->n_parts) sl_wm_set_partitions(&s->wm, k->n_parts);
    for (int p = 0; p < k->n_parts; p++) {
        bool idle = !k->assigned[p] || k->done[p];
        /* Only force idleness; an assigned partition becomes active again
         * with its next record (sl_wm_observe) or at assignment. */
        if (idle && !s->wm.idle[p]) sl_wm_set_idle(&s->wm, p, true);
    }
    if (notify && s->wm.current > before && !k->closing && !ctx->stop && !rt_signalled)
        rt_source_wm_advanced(ctx, i);
}

/* The committed offset `from` of partition p is below the log start lo:
 * the records in between were deleted (retention) before this group read
 * them. Said, and counted in the source's statistics. */
static void rt_kafka_report_skipped(sl_ctx *ctx, int i, int p, int64_t from, int64_t lo)
{
    rt_source *s = &ctx->src[i];
    s->st.skipped += (uint64_t)(lo - from);
    rt_warn(ctx,
            "kafka: %s: partition %d: offset %lld is no longer in the log (it starts at %lld: "
            "deleted by retention): %lld records skipped",
            s->desc->name, p, (long long)from, (long long)lo, (long long)(lo - from));
}

/* group-offsets: partitions whose committed offset is below the log start
 * (retention deleted records this group never read) are reported with the
 * number of records skipped; librdkafka then resumes at the log start
 * (auto.offset.reset). Blocking queries, at assignment only. */
static void rt_kafka_check_committed(sl_ctx *ctx, int i, rd_kafka_topic_partition_list_t *parts)
{
    rt_source *s = &ctx->src[i];
    rt_kafka_src *k = s->kafka;
    rd_kafka_topic_partition_list_t *c = rd_kafka_topic_partition_list_copy(parts);
    if (rd_kafka_committed(k->rk, c, RT_KAFKA_QUERY_MS) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        for (int j = 0; j < c->cnt; j++) {
            int64_t lo, hi;
            if (c->elems[j].err || c->elems[j].offset < 0) continue;
            if (rd_kafka_query_watermark_offsets(k->rk, k->topic, c->elems[j].partition, &lo, &hi,
                                                 RT_KAFKA_QUERY_MS) == RD_KAFKA_RESP_ERR_NO_ERROR &&
                c->elems[j].offset < lo)
                rt_kafka_report_skipped(ctx, i, c->elems[j].partition, c->elems[j].offset, lo);
        }
    }
    rd_kafka_topic_partition_list_destroy(c);
}

static void rt_kafka_rebalance_cb(rd_kafka_t *rk, rd_kafka_resp_err_t err,
                                  rd_kafka_topic_partition_list_t *parts, void *opaque)
{
    rt_kafka_who *who = opaque;
    sl_ctx *ctx = who->ctx;
    rt_source *s = &ctx->src[who->index];
    rt_kafka_src *k = s->kafka;
    bool coop = strcmp(rd_kafka_rebalance_protocol(rk), "COOPERATIVE") == 0;
    rd_kafka_error_t *error = NULL;
    rd_kafka_resp_err_t aerr = RD_KAFKA_RESP_ERR_NO_ERROR;
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        int64_t now = rt_mono_ms();
        for (int j = 0; j < parts->cnt; j++) {
            rd_kafka_topic_partition_t *tp = &parts->elems[j];
            if (tp->partition < 0) continue;
            rt_kafka_parts(k, tp->partition + 1);
            k->assigned[tp->partition] = true;
            k->active[tp->partition] = now;
            if (k->next[tp->partition] >= 0) {
                /* a checkpoint's position (or this run's, after a
                 * rebalance) wins over the group's committed offset */
                k->started[tp->partition] = true;
                tp->offset = k->next[tp->partition];
            } else if (!k->started[tp->partition]) {
                k->started[tp->partition] = true;
                if (s->desc->startup == SL_START_EARLIEST)
                    tp->offset = RD_KAFKA_OFFSET_BEGINNING;
                else if (s->desc->startup == SL_START_LATEST)
                    tp->offset = RD_KAFKA_OFFSET_END;
            }
        }
        if (s->desc->startup == SL_START_GROUP_OFFSETS && !k->closing)
            rt_kafka_check_committed(ctx, who->index, parts);
        if (coop)
            error = rd_kafka_incremental_assign(rk, parts);
        else
            aerr = rd_kafka_assign(rk, parts);
        /* A newly assigned partition holds the watermark until it delivers
         * (or goes idle after --idle-timeout), as in Flink. */
        if (s->wm.n_parts < k->n_parts) sl_wm_set_partitions(&s->wm, k->n_parts);
        for (int j = 0; j < parts->cnt; j++)
            if (parts->elems[j].partition >= 0)
                sl_wm_set_idle(&s->wm, parts->elems[j].partition, false);
        rt_kafka_sync_wm(ctx, who->index, true);
    } else {
        if (err != RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS)
            rt_warn(ctx, "kafka: %s: rebalance: %s", who->name, rd_kafka_err2str(err));
        for (int j = 0; j < parts->cnt; j++) {
            int p = parts->elems[j].partition;
            if (p >= 0 && p < k->n_parts) k->assigned[p] = false;
        }
        if (coop)
            error = rd_kafka_incremental_unassign(rk, parts);
        else
            aerr = rd_kafka_assign(rk, NULL);
        rt_kafka_sync_wm(ctx, who->index, true);
    }
    if (error) {
        rt_warn(ctx, "kafka: %s: assign: %s", who->name, rd_kafka_error_string(error));
        rd_kafka_error_destroy(error);
    } else if (aerr) {
        rt_warn(ctx, "kafka: %s: assign: %s", who->name, rd_kafka_err2str(aerr));
    }
}

/* 0 when topic exists, else 1 after saying why (it does not, or the
 * brokers could not be asked). */
static int rt_kafka_topic_exists(sl_ctx *ctx, rt_kafka_who *who, const char *topic)
{
    const struct rd_kafka_metadata *md = NULL;
    rd_kafka_resp_err_t err = rd_kafka_metadata(who->rk, 1, NULL, &md, RT_KAFKA_QUERY_MS);
    if (err) {
        rt_warn(ctx, "kafka: %s: cannot read the topics of the cluster: %s", who->name,
                rd_kafka_err2str(err));
        return 1;
    }
    bool found = false;
    for (int t = 0; t < md->topic_cnt && !found; t++)
        found = strcmp(md->topics[t].topic, topic) == 0 && !md->topics[t].err;
    rd_kafka_metadata_destroy(md);
    if (!found) rt_warn(ctx, "kafka: %s: topic '%s' does not exist", who->name, topic);
    return found ? 0 : 1;
}

/* Bounded mode: assigns every partition from its start offset and records
 * where it stops. Returns 0 or 1 (message printed). */
static int rt_kafka_bounded_assign(sl_ctx *ctx, int i)
{
    rt_source *s = &ctx->src[i];
    rt_kafka_src *k = s->kafka;
    const char *name = s->desc->name;
    rd_kafka_topic_t *rkt = rd_kafka_topic_new(k->rk, k->topic, NULL);
    if (!rkt) {
        rt_warn(ctx, "kafka: %s: topic '%s': %s", name, k->topic,
                rd_kafka_err2str(rd_kafka_last_error()));
        return 1;
    }
    const struct rd_kafka_metadata *md = NULL;
    rd_kafka_resp_err_t err = rd_kafka_metadata(k->rk, 0, rkt, &md, RT_KAFKA_QUERY_MS);
    rd_kafka_topic_destroy(rkt);
    if (err) {
        rt_warn(ctx, "kafka: %s: metadata of topic '%s': %s", name, k->topic,
                rd_kafka_err2str(err));
        return 1;
    }
    if (md->topic_cnt < 1 || md->topics[0].err || md->topics[0].partition_cnt < 1) {
        rd_kafka_resp_err_t terr =
            md->topic_cnt < 1 ? RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART : md->topics[0].err;
        rt_warn(ctx, "kafka: %s: topic '%s': %s", name, k->topic,
                rd_kafka_err2str(terr ? terr : RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART));
        rd_kafka_metadata_destroy(md);
        return 1;
    }
    int n = 0;
    for (int j = 0; j < md->topics[0].partition_cnt; j++)
        if (md->topics[0].partitions[j].id + 1 > n) n = md->topics[0].partitions[j].id + 1;
    rt_kafka_parts(k, n);
    /* Partition ids missing from the metadata (never in Kafka) are done. */
    for (int p = 0; p < n; p++) k->done[p] = true;
    for (int j = 0; j < md->topics[0].partition_cnt; j++)
        k->done[md->topics[0].partitions[j].id] = false;
    rd_kafka_metadata_destroy(md);

    rd_kafka_topic_partition_list_t *committed = NULL;
    if (s->desc->startup == SL_START_GROUP_OFFSETS) {
        committed = rd_kafka_topic_partition_list_new(n);
        for (int p = 0; p < n; p++)
            if (!k->done[p]) rd_kafka_topic_partition_list_add(committed, k->topic, p);
        err = rd_kafka_committed(k->rk, committed, RT_KAFKA_QUERY_MS);
        if (err) {
            rt_warn(ctx, "kafka: %s: committed offsets of group: %s", name, rd_kafka_err2str(err));
            rd_kafka_topic_partition_list_destroy(committed);
            return 1;
        }
    }
    rd_kafka_topic_partition_list_t *list = rd_kafka_topic_partition_list_new(n);
    k->remaining = 0;
    for (int p = 0; p < n; p++) {
        if (k->done[p]) continue;
        int64_t lo, hi;
        err = rd_kafka_query_watermark_offsets(k->rk, k->topic, p, &lo, &hi, RT_KAFKA_QUERY_MS);
        if (err) {
            rt_warn(ctx, "kafka: %s: offsets of topic '%s' partition %d: %s", name, k->topic, p,
                    rd_kafka_err2str(err));
            rd_kafka_topic_partition_list_destroy(list);
            if (committed) rd_kafka_topic_partition_list_destroy(committed);
            return 1;
        }
        int64_t start = lo;
        if (p < s->ck_parts && s->ck_stop[p] >= 0) {
            /* a restored run stops where the interrupted one would have */
            hi = s->ck_stop[p];
            start = s->ck_next[p] >= 0 ? s->ck_next[p] : lo;
        } else if (s->desc->startup == SL_START_LATEST) {
            start = hi;
        } else if (committed) {
            rd_kafka_topic_partition_t *c =
                rd_kafka_topic_partition_list_find(committed, k->topic, p);
            if (c && c->err == RD_KAFKA_RESP_ERR_NO_ERROR && c->offset >= 0) {
                start = c->offset > lo ? c->offset : lo;
                if (c->offset < lo) rt_kafka_report_skipped(ctx, i, p, c->offset, lo);
            }
        }
        k->stop[p] = k->cstop[p] = hi;
        k->assigned[p] = true;
        if (start >= hi) {
            k->done[p] = true; /* empty: done at once */
            continue;
        }
        rd_kafka_topic_partition_list_add(list, k->topic, p)->offset = start;
        k->remaining++;
    }
    if (committed) rd_kafka_topic_partition_list_destroy(committed);
    err = list->cnt ? rd_kafka_assign(k->rk, list) : RD_KAFKA_RESP_ERR_NO_ERROR;
    rd_kafka_topic_partition_list_destroy(list);
    if (err) {
        rt_warn(ctx, "kafka: %s: assign: %s", name, rd_kafka_err2str(err));
        return 1;
    }
    int64_t now = rt_mono_ms();
    for (int p = 0; p < n; p++) k->active[p] = now;
    rt_kafka_sync_wm(ctx, i, false);
    return 0;
}

int rt_kafka_source_open(sl_ctx *ctx, int i)
{
    rt_source *s = &ctx->src[i];
    const sl_source_desc *d = s->desc;
    if (!d->topic || !*d->topic) {
        rt_warn(ctx, "source %s: no Kafka topic", d->name);
        return 2;
    }
    rt_kafka_src *k = calloc(1, sizeof *k);
    if (!k) rt_oom();
    s->kafka = k;
    k->who = (rt_kafka_who){.ctx = ctx, .index = i, .name = d->name};
    k->topic = d->topic;
    k->bounded = ctx->bounded;
    /* Defaults before the user's properties so those override them. The
     * mock cluster needs session.timeout.ms >= 6000 to rejoin (see
     * reference/toolchain-notes.md); real brokers are fine with it. */
    const sl_kv defaults[] = {
        {"session.timeout.ms", "6000"},
        {"heartbeat.interval.ms", "1500"},
        {"auto.offset.reset", d->startup == SL_START_LATEST ? "latest" : "earliest"},
        {"enable.partition.eof", k->bounded ? "true" : "false"},
        /* with checkpoints the positions live in them; the group's
         * offsets are committed after each (rt_kafka_commit_positions) */
        {"enable.auto.commit", ctx->state_dir ? "false" : "true"},
    };
    rd_kafka_conf_t *conf = rt_kafka_conf(ctx, "source", &k->who, d->bootstrap, d->props,
                                          d->n_props, defaults, sizeof defaults / sizeof *defaults);
    if (!conf) return 2;

    if (d->group_id && !rt_kafka_set(ctx, conf, "source", d->name, "group.id", d->group_id)) {
        rd_kafka_conf_destroy(conf);
        return 2;
    }
    if (!rt_kafka_has(conf, "group.id")) {
        char gid[256];
        snprintf(gid, sizeof gid, "sluice-%s", d->name);
        rt_kafka_set(ctx, conf, "source", d->name, "group.id", gid);
    }
    if (!k->bounded) rd_kafka_conf_set_rebalance_cb(conf, rt_kafka_rebalance_cb);
    char err[512];
    k->rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    if (!k->rk) {
        rd_kafka_conf_destroy(conf);
        rt_warn(ctx, "kafka: %s: %s", d->name, err);
        return 2;
    }
    k->who.rk = k->rk;
    rd_kafka_poll_set_consumer(k->rk);
    k->q = rd_kafka_queue_get_consumer(k->rk);
    /* a restored run keeps its partitions' watermarks */
    if (!ctx->restored) sl_wm_set_partitions(&s->wm, 0);
    /* A topic that does not exist is an error (as in Flink) rather than an
     * empty input: asked with a metadata request for all topics, because
     * naming the topic would create it on brokers that auto-create (the
     * dev broker creates topics on any such request). */
    int rc = rt_kafka_topic_exists(ctx, &k->who, k->topic);
    if (rc) return rc;
    if (k->bounded) return rt_kafka_bounded_assign(ctx, i);
    rd_kafka_topic_partition_list_t *topics = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(topics, d->topic, RD_KAFKA_PARTITION_UA);
    rd_kafka_resp_err_t e = rd_kafka_subscribe(k->rk, topics);
    rd_kafka_topic_partition_list_destroy(topics);
    if (e) {
        rt_warn(ctx, "kafka: %s: subscribe to '%s': %s", d->name, d->topic, rd_kafka_err2str(e));
        return 1;
    }
    return 0;
}

/* Bounded: partition p of source i has reached its stop offset. */
static void rt_kafka_part_done(sl_ctx *ctx, int i, int p)
{
    rt_kafka_src *k = ctx->src[i].kafka;
    if (k->done[p]) return;
    k->done[p] = true;
    k->remaining--;
    /* Stop fetching what we would ignore anyway. */
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(l, k->topic, p);
    rd_kafka_pause_partitions(k->rk, l);
    rd_kafka_topic_partition_list_destroy(l);
    /* A finished partition no longer holds the watermark back; at the last
     * one the whole source ends (rt_kafka_run). */
    if (k->remaining > 0) rt_kafka_sync_wm(ctx, i, true);
}

/* Handles one message (or event) from source i's queue. */
static void rt_kafka_message(sl_ctx *ctx, int i, rd_kafka_message_t *m, int64_t now)
{
    rt_source *s = &ctx->src[i];
    rt_kafka_src *k = s->kafka;
    int p = m->partition;
    if (m->err) {
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
            if (k->bounded && p >= 0 && p < k->n_parts && m->offset >= k->stop[p])
                rt_kafka_part_done(ctx, i, p);
            return;
        }
        const char *why = rd_kafka_message_errstr(m);
        if (m->err == RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART ||
            m->err == RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC ||
            m->err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED ||
            m->err == RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED)
            rt_fatal(ctx, "kafka: %s: %s: %s", s->desc->name, rd_kafka_err2str(m->err), why);
        else
            rt_warn(ctx, "kafka: %s: %s: %s", s->desc->name, rd_kafka_err2str(m->err), why);
        return;
    }
    if (p < 0) return;
    rt_kafka_broker_up(&k->who);
    if (k->bounded) {
        if (p >= k->n_parts || k->done[p]) return;
        if (m->offset >= k->stop[p]) {
            rt_kafka_part_done(ctx, i, p);
            return;
        }
    } else if (p >= k->n_parts) {
        rt_kafka_parts(k, p + 1);
    }
    k->active[p] = now;
    k->next[p] = m->offset + 1;
    /* Empty values (tombstones) and blank ones are skipped like blank lines,
     * except for keyed (upsert) sources, where a tombstone deletes its key. */
    bool keyed = s->desc->keyed;
    bool tomb = !m->payload || m->len == 0;
    if ((keyed && tomb) || (m->len && !rt_blank(m->payload, m->len))) {
        sl_recmeta meta = {.partition = p, .offset = m->offset, .timestamp = SL_TS_MIN};
        rd_kafka_timestamp_type_t tt;
        int64_t ts = rd_kafka_message_timestamp(m, &tt);
        if (tt != RD_KAFKA_TIMESTAMP_NOT_AVAILABLE && ts >= 0) meta.timestamp = ts;
        if (keyed) {
            meta.has_key = true;
            meta.key = m->key;
            meta.key_len = m->key ? m->key_len : 0;
            meta.tombstone = tomb;
        }
        rt_deliver(ctx, i, tomb ? "" : m->payload, tomb ? 0 : m->len, &meta);
    }
    if (k->bounded && m->offset + 1 >= k->stop[p]) rt_kafka_part_done(ctx, i, p);
}

/* --idle-timeout: partitions without records for the timeout stop holding
 * the watermark back (Flink's table.exec.source.idle-timeout). */
static void rt_kafka_check_idle(sl_ctx *ctx, int i, int64_t now)
{
    rt_source *s = &ctx->src[i];
    rt_kafka_src *k = s->kafka;
    int64_t before = s->wm.current;
    for (int p = 0; p < k->n_parts && p < s->wm.n_parts; p++) {
        if (!k->assigned[p] || k->done[p] || s->wm.idle[p]) continue;
        if (now - k->active[p] >= ctx->idle_timeout_ms) sl_wm_set_idle(&s->wm, p, true);
    }
    if (s->wm.current > before) rt_source_wm_advanced(ctx, i);
}

/* rt_kafka_check_who for every Kafka handle of the run. */
static void rt_kafka_check_brokers(sl_ctx *ctx)
{
    int64_t now = rt_mono_ms();
    for (int i = 0; i < ctx->n_src; i++)
        if (ctx->src[i].kafka) rt_kafka_check_who(ctx, &ctx->src[i].kafka->who, now);
    for (int k = 0; k < ctx->n_snk; k++)
        if (ctx->snk[k].kafka) rt_kafka_check_who(ctx, &ctx->snk[k].kafka->who, now);
}

void rt_kafka_run(sl_ctx *ctx)
{
    rd_kafka_message_t **msgs = malloc(RT_KAFKA_BATCH * sizeof *msgs);
    if (!msgs) rt_oom();
    int timeout = 0;
    while (!ctx->stop && !rt_signalled) {
        int active = 0;
        ssize_t total = 0;
        int64_t now = rt_mono_ms();
        for (int i = 0; i < ctx->n_src && !ctx->stop && !rt_signalled; i++) {
            rt_source *s = &ctx->src[i];
            rt_kafka_src *k = s->kafka;
            if (s->conn != SL_CONN_KAFKA || s->done || !k) continue;
            if (k->bounded && k->remaining == 0) {
                rt_source_finish(ctx, i);
                continue;
            }
            active++;
            ssize_t n = rd_kafka_consume_batch_queue(k->q, timeout, msgs, RT_KAFKA_BATCH);
            if (n < 0) {
                rt_fatal(ctx, "kafka: %s: %s", s->desc->name,
                         rd_kafka_err2str(rd_kafka_last_error()));
                break;
            }
            if (n > 0) now = rt_mono_ms();
            for (ssize_t j = 0; j < n; j++) {
                /* After a stop (signal, fatal error) the rest of the batch is
                 * dropped: its offsets were stored, see the note on commits. */
                if (!ctx->stop && !rt_signalled) rt_kafka_message(ctx, i, msgs[j], now);
                rd_kafka_message_destroy(msgs[j]);
            }
            total += n;
            if (k->bounded && k->remaining == 0 && !ctx->stop && !rt_signalled) {
                rt_source_finish(ctx, i);
                active--;
                continue;
            }
            if (ctx->idle_timeout_ms > 0) rt_kafka_check_idle(ctx, i, rt_mono_ms());
        }
        if (active == 0) break;
        rt_checkpoint_maybe(ctx); /* between batches: a quiet topic still checkpoints */
        rt_metrics_publish(ctx, false);
        rt_progress(ctx);
        rt_kafka_sinks_poll(ctx);
        rt_kafka_check_brokers(ctx);
        if (total == 0) {
            /* Nothing arrived: make pending output visible, then wait a
             * little on each source in turn. */
            rt_file_sinks_flush_all(ctx);
            timeout = 100 / active;
            if (timeout < 10) timeout = 10;
        } else {
            timeout = 0;
        }
        rt_flush_stderr(ctx);
    }
    free(msgs);
}

/* How long closing may still take, in ms. A run that ends normally closes
 * without hurry (but not past --broker-timeout with every broker down); one
 * ended by a signal or a fatal error has RT_KAFKA_STOP_MS in all, so that
 * SIGTERM always ends the process within 10 s. */
enum { RT_KAFKA_STOP_MS = 7000 };

static int64_t rt_kafka_close_left(sl_ctx *ctx, const rt_kafka_who *who)
{
    int64_t now = rt_mono_ms();
    if ((rt_signalled || ctx->stop) && !ctx->kafka_deadline)
        ctx->kafka_deadline = now + RT_KAFKA_STOP_MS;
    int64_t left = ctx->kafka_deadline ? ctx->kafka_deadline - now : INT64_MAX;
    if (who->down_since && ctx->broker_timeout_ms > 0) {
        int64_t b = who->down_since + ctx->broker_timeout_ms - now;
        if (b < left) left = b;
    }
    return left > 0 ? left : 0;
}

void rt_kafka_source_close(sl_ctx *ctx, int i)
{
    rt_kafka_src *k = ctx->src[i].kafka;
    if (!k || !k->rk || k->closing) return;
    k->closing = true;
    /* Leaves the group and commits the stored offsets (auto commit),
     * driven from our queue so that it is bounded in time. With every
     * broker down it could only wait for them: skipped. */
    if (k->who.down_since || !k->q) return;
    rd_kafka_error_t *e = rd_kafka_consumer_close_queue(k->rk, k->q);
    if (e) {
        rt_warn(ctx, "kafka: %s: close: %s", k->who.name, rd_kafka_error_string(e));
        rd_kafka_error_destroy(e);
        return;
    }
    while (!(k->closed = rd_kafka_consumer_closed(k->rk)) &&
           rt_kafka_close_left(ctx, &k->who) > 0) {
        /* the revocation comes as an event here, not through the rebalance
         * callback: unassign as the callback does */
        rd_kafka_event_t *ev = rd_kafka_queue_poll(k->q, 100);
        if (ev && rd_kafka_event_type(ev) == RD_KAFKA_EVENT_REBALANCE)
            rt_kafka_rebalance_cb(k->rk, rd_kafka_event_error(ev),
                                  rd_kafka_event_topic_partition_list(ev), &k->who);
        if (ev) rd_kafka_event_destroy(ev);
        rt_kafka_check_who(ctx, &k->who, rt_mono_ms());
    }
    if (!k->closed)
        rt_warn(ctx,
                "kafka: %s: the consumer did not close in time: offsets since the last "
                "commit are not committed",
                k->who.name);
    rt_flush_stderr(ctx);
}

/* Destroys source i's consumer and frees its state. */
static void rt_kafka_source_free(rt_kafka_src *k)
{
    if (k->q) rd_kafka_queue_destroy(k->q);
    if (k->rk) rd_kafka_destroy_flags(k->rk, k->closed ? 0 : RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE);
    free(k->stop);
    free(k->done);
    free(k->assigned);
    free(k->started);
    free(k->active);
    free(k->next);
    free(k->cstop);
    free(k);
}

int rt_kafka_source_positions(sl_ctx *ctx, int i, const int64_t **next, const int64_t **stop)
{
    rt_kafka_src *k = ctx->src[i].kafka;
    if (!k) {
        *next = *stop = NULL;
        return 0;
    }
    *next = k->next;
    *stop = k->cstop;
    return k->n_parts;
}

int rt_kafka_source_lag(sl_ctx *ctx, int i, int64_t *lag, int max)
{
    rt_kafka_src *k = ctx->src[i].kafka;
    if (!k || !k->rk) return 0;
    int n = k->n_parts < max ? k->n_parts : max;
    for (int p = 0; p < n; p++) {
        int64_t lo, hi;
        lag[p] = -1;
        if (!k->assigned[p] || rd_kafka_get_watermark_offsets(k->rk, k->topic, p, &lo, &hi) ||
            hi < 0)
            continue;
        int64_t next = k->next[p] >= 0 ? k->next[p] : lo;
        lag[p] = hi > next ? hi - next : 0;
    }
    return n;
}

bool rt_kafka_brokers_up(sl_ctx *ctx, char *why, size_t cap)
{
    for (int j = 0; j < ctx->n_src + ctx->n_snk; j++) {
        const rt_kafka_who *w =
            j < ctx->n_src
                ? (ctx->src[j].kafka ? &ctx->src[j].kafka->who : NULL)
                : (ctx->snk[j - ctx->n_src].kafka ? &ctx->snk[j - ctx->n_src].kafka->who : NULL);
        if (w && w->down_since) {
            snprintf(why, cap, "%s: no Kafka broker reachable for %.1f s", w->name,
                     (double)(rt_mono_ms() - w->down_since) / 1000);
            return false;
        }
    }
    return true;
}

void rt_kafka_commit_positions(sl_ctx *ctx)
{
    for (int i = 0; i < ctx->n_src; i++) {
        rt_kafka_src *k = ctx->src[i].kafka;
        if (!k || !k->rk || k->closing) continue;
        rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(k->n_parts + 1);
        for (int p = 0; p < k->n_parts; p++)
            if (k->next[p] >= 0)
                rd_kafka_topic_partition_list_add(l, k->topic, p)->offset = k->next[p];
        /* async: a failure only leaves the lag tools behind */
        if (l->cnt) rd_kafka_commit(k->rk, l, 1);
        rd_kafka_topic_partition_list_destroy(l);
    }
}

/* ---- sink -------------------------------------------------------------------- */

static void rt_kafka_dr_cb(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    rt_kafka_sink *k = opaque; /* &k->who, its first member */
    rt_sink *s = &k->who.ctx->snk[k->who.index];
    if (!m->err) {
        s->written++;
        if (k->txn_open) {
            k->probe_part = m->partition;
            k->probe_off = m->offset;
        }
        rt_kafka_broker_up(&k->who);
        return;
    }
    s->lost++;
    k->failed++;
    /* Report the first few; the total is printed at close. Purged ones
     * are ours (rt_kafka_sink_close ran out of time) and said there. */
    if (k->failed <= 5 && m->err != RD_KAFKA_RESP_ERR__PURGE_QUEUE &&
        m->err != RD_KAFKA_RESP_ERR__PURGE_INFLIGHT)
        rt_warn(k->who.ctx, "kafka: %s: delivery failed: %s", k->who.name,
                rd_kafka_err2str(m->err));
    k->who.ctx->status = 1;
    k->who.ctx->stop = true;
}

/* Creates k's producer from conf (taken over) with delivery callback dr,
 * and its handle of `topic`. Returns 0, or 2 (configuration) / 1 after a
 * message. */
static int rt_kafka_producer_new(sl_ctx *ctx, rt_kafka_sink *k, rd_kafka_conf_t *conf,
                                 void (*dr)(rd_kafka_t *, const rd_kafka_message_t *, void *),
                                 const char *topic)
{
    rd_kafka_conf_set_dr_msg_cb(conf, dr);
    char err[512];
    k->rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof err);
    if (!k->rk) {
        rd_kafka_conf_destroy(conf);
        rt_warn(ctx, "kafka: %s: %s", k->who.name, err);
        return 2;
    }
    k->who.rk = k->rk;
    k->rkt = rd_kafka_topic_new(k->rk, topic, NULL);
    if (!k->rkt) {
        rt_warn(ctx, "kafka: %s: topic '%s': %s", k->who.name, topic,
                rd_kafka_err2str(rd_kafka_last_error()));
        return 1;
    }
    return 0;
}

/* Creates sink kidx's producer (once): a transactional one, with
 * transactional.id "<prefix>-<sink name>", for an exactly-once sink.
 * Returns 0, or the exit status after a message. */
static int rt_kafka_sink_create(sl_ctx *ctx, int kidx)
{
    rt_sink *s = &ctx->snk[kidx];
    const sl_sink_desc *d = s->desc;
    if (s->kafka) return 0;
    if (!d->topic || !*d->topic) {
        rt_warn(ctx, "sink %s: no Kafka topic", d->name);
        return 2;
    }
    rt_kafka_sink *k = calloc(1, sizeof *k);
    if (!k) rt_oom();
    s->kafka = k;
    k->who = (rt_kafka_who){.ctx = ctx, .index = kidx, .name = d->name};
    k->probe_part = -1;
    /* Keys go to the partition Kafka's Java producer picks (murmur2), as
     * Flink's, Kafka Streams' and ksqlDB's writers do: a topic written by
     * both, or joined co-partitioned, keeps each key on one partition. A
     * declared 'properties.partitioner' wins. */
    static const sl_kv defaults[] = {{"partitioner", "murmur2_random"}};
    rd_kafka_conf_t *conf =
        rt_kafka_conf(ctx, "sink", &k->who, d->bootstrap, d->props, d->n_props, defaults, 1);
    if (!conf) return 2;
    if (d->exactly_once) {
        char id[512], tmo[32];
        snprintf(id, sizeof id, "%s-%s", d->transactional_id_prefix, d->name);
        /* the broker aborts a transaction open longer than this: it must
         * outlast a checkpoint interval (Flink's advice for
         * transaction.timeout.ms), within the broker's default maximum of
         * 15 min */
        int64_t t = 3 * ctx->ckpt_interval_ms;
        snprintf(tmo, sizeof tmo, "%lld", (long long)(t < 60000 ? 60000 : t > 900000 ? 900000 : t));
        if (!rt_kafka_set(ctx, conf, "sink", d->name, "transactional.id", id) ||
            (!rt_kafka_has(conf, "transaction.timeout.ms") &&
             !rt_kafka_set(ctx, conf, "sink", d->name, "transaction.timeout.ms", tmo))) {
            rd_kafka_conf_destroy(conf);
            return 2;
        }
    }
    return rt_kafka_producer_new(ctx, k, conf, rt_kafka_dr_cb, d->topic);
}

/* Reports a transaction call's error (and frees it) in sink k's terms;
 * false when there was one. */
static bool rt_kafka_txn_ok(sl_ctx *ctx, rt_kafka_sink *k, const char *what, rd_kafka_error_t *e)
{
    if (!e) return true;
    rt_fatal(ctx, "kafka: %s: %s: %s", k->who.name, what, rd_kafka_error_string(e));
    rd_kafka_error_destroy(e);
    return false;
}

int rt_kafka_txn_fence(sl_ctx *ctx, int kidx)
{
    int rc = rt_kafka_sink_create(ctx, kidx);
    if (rc) return rc;
    rt_kafka_sink *k = ctx->snk[kidx].kafka;
    if (k->fenced) return 0;
    if (!rt_kafka_txn_ok(ctx, k, "init_transactions",
                         rd_kafka_init_transactions(k->rk, (int)ctx->broker_timeout_ms)))
        return 1;
    k->fenced = true;
    return 0;
}

/* Opens the next transaction of exactly-once sink k. */
static bool rt_kafka_txn_begin(sl_ctx *ctx, rt_kafka_sink *k)
{
    if (!rt_kafka_txn_ok(ctx, k, "begin_transaction", rd_kafka_begin_transaction(k->rk)))
        return false;
    k->txn_open = true;
    k->probe_part = -1;
    return true;
}

int rt_kafka_sink_open(sl_ctx *ctx, int kidx)
{
    const sl_sink_desc *d = ctx->snk[kidx].desc;
    if (d->exactly_once && !ctx->state_dir) {
        rt_warn(ctx,
                "sink %s: 'sink.delivery-guarantee' = 'exactly-once' commits one Kafka "
                "transaction per checkpoint: run with --state-dir DIR",
                d->name);
        return 2;
    }
    int rc = d->exactly_once ? rt_kafka_txn_fence(ctx, kidx) : rt_kafka_sink_create(ctx, kidx);
    if (rc || !d->exactly_once) return rc;
    return rt_kafka_txn_begin(ctx, ctx->snk[kidx].kafka) ? 0 : 1;
}

void rt_kafka_txn_probe(sl_ctx *ctx, int kidx, int32_t *part, int64_t *off)
{
    const rt_kafka_sink *k = ctx->snk[kidx].kafka;
    *part = k && k->txn_open ? k->probe_part : -1;
    *off = *part >= 0 ? k->probe_off : -1;
}

bool rt_kafka_txn_commit_all(sl_ctx *ctx)
{
    for (int j = 0; j < ctx->n_snk; j++) {
        rt_kafka_sink *k = ctx->snk[j].kafka;
        if (!k || !k->txn_open) continue;
        k->txn_open = false;
        if (!rt_kafka_txn_ok(ctx, k,
                             "commit_transaction (the next run learns from the topic whether it "
                             "was committed)",
                             rd_kafka_commit_transaction(k->rk, (int)ctx->broker_timeout_ms)) ||
            !rt_kafka_txn_begin(ctx, k))
            return false;
    }
    return true;
}

int rt_kafka_txn_committed(sl_ctx *ctx, int kidx, int32_t part, int64_t off)
{
    /* Fence first: that ends the transaction of the run that wrote the
     * checkpoint (committed when its commit had reached the coordinator,
     * else aborted), so that the read below sees its outcome. */
    if (rt_kafka_txn_fence(ctx, kidx)) return -1;
    const sl_sink_desc *d = ctx->snk[kidx].desc;
    rt_kafka_who who = {.ctx = ctx, .index = kidx, .name = d->name};
    char group[512];
    snprintf(group, sizeof group, "%s-%s-probe", d->transactional_id_prefix, d->name);
    /* auto.offset.reset=error: an offset deleted by retention must not
     * jump to the end of the partition, which would read as aborted */
    const sl_kv defaults[] = {{"isolation.level", "read_committed"},
                              {"enable.partition.eof", "true"},
                              {"enable.auto.commit", "false"},
                              {"auto.offset.reset", "error"},
                              {"group.id", group}};
    rd_kafka_conf_t *conf =
        rt_kafka_conf(ctx, "sink", &who, d->bootstrap, d->props, d->n_props, defaults, 5);
    if (!conf) return -1;
    char err[512];
    rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof err);
    if (!rk) {
        rd_kafka_conf_destroy(conf);
        rt_warn(ctx, "kafka: %s: %s", d->name, err);
        return -1;
    }
    rd_kafka_topic_partition_list_t *l = rd_kafka_topic_partition_list_new(1);
    rd_kafka_topic_partition_list_add(l, d->topic, part)->offset = off;
    rd_kafka_assign(rk, l);
    rd_kafka_topic_partition_list_destroy(l);
    /* read_committed delivers the message at off only when its
     * transaction was committed; an aborted one is skipped (the next
     * message, or the end of the partition, comes instead) */
    int res = -1;
    int64_t end = rt_mono_ms() + ctx->broker_timeout_ms;
    while (res < 0 && rt_mono_ms() < end && !rt_signalled) {
        rd_kafka_message_t *m = rd_kafka_consumer_poll(rk, 200);
        if (!m) continue;
        if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF)
            res = 0;
        else if (m->err == RD_KAFKA_RESP_ERR_OFFSET_OUT_OF_RANGE ||
                 m->err == RD_KAFKA_RESP_ERR__AUTO_OFFSET_RESET)
            res = 1; /* deleted by retention: committed long ago */
        else if (!m->err)
            res = m->offset == off;
        else
            rt_kafka_error_cb(rk, m->err, rd_kafka_message_errstr(m), &who);
        rd_kafka_message_destroy(m);
    }
    rd_kafka_consumer_close(rk);
    rd_kafka_destroy(rk);
    if (res < 0)
        rt_warn(ctx,
                "kafka: %s: cannot read topic '%s' partition %d back at offset %lld to learn "
                "whether the last checkpoint's transaction was committed",
                d->name, d->topic, (int)part, (long long)off);
    return res;
}

void rt_kafka_sink_produce(sl_ctx *ctx, int kidx, bool tombstone)
{
    rt_sink *s = &ctx->snk[kidx];
    rt_kafka_sink *k = s->kafka;
    if (!k || !k->rkt) return;
    bool keyed = s->desc->keyed;
    for (;;) {
        /* keyed: the key partitions the message (murmur2, see
         * rt_kafka_sink_open), so every change of a key lands in order on
         * one partition; a tombstone has no value */
        if (rd_kafka_produce(k->rkt, RD_KAFKA_PARTITION_UA, RD_KAFKA_MSG_F_COPY,
                             tombstone ? NULL : s->buf.p, tombstone ? 0 : s->buf.n,
                             keyed ? s->key.p : NULL, keyed ? s->key.n : 0, NULL) == 0)
            break;
        rd_kafka_resp_err_t err = rd_kafka_last_error();
        if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
            /* Wait for deliveries to make room, but not past a signal or
             * --broker-timeout: the record is then lost, and counted. */
            rd_kafka_poll(k->rk, 100);
            rt_kafka_check_brokers(ctx);
            if (!rt_signalled && !ctx->stop) continue;
            s->lost++;
            break;
        }
        rt_fatal(ctx, "kafka: %s: produce: %s", s->desc->name, rd_kafka_err2str(err));
        break;
    }
    /* Serve delivery reports now and then without a syscall per record. */
    if (++k->since_poll >= 1024) {
        k->since_poll = 0;
        rd_kafka_poll(k->rk, 0);
        rt_kafka_check_brokers(ctx);
    }
}

bool rt_kafka_sinks_drain(sl_ctx *ctx)
{
    for (int j = 0; j < ctx->n_snk + ctx->n_src; j++) {
        rt_kafka_sink *k = j < ctx->n_snk ? ctx->snk[j].kafka : ctx->src[j - ctx->n_snk].dlq_kafka;
        if (!k || !k->rk || k->flushed) continue;
        while (rd_kafka_outq_len(k->rk) > 0 && !ctx->stop) {
            rd_kafka_flush(k->rk, 100);
            rt_kafka_check_who(ctx, &k->who, rt_mono_ms());
            if (rt_signalled && rt_kafka_close_left(ctx, &k->who) <= 0) return false;
        }
    }
    return !ctx->stop;
}

/* ---- dead-letter topics -------------------------------------------------------- */

static void rt_kafka_dlq_dr_cb(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
    rt_kafka_sink *k = opaque; /* &k->who, its first member */
    if (!m->err) {
        rt_kafka_broker_up(&k->who);
        return;
    }
    if (++k->failed <= 5 && m->err != RD_KAFKA_RESP_ERR__PURGE_QUEUE &&
        m->err != RD_KAFKA_RESP_ERR__PURGE_INFLIGHT)
        rt_warn(k->who.ctx, "kafka: dead-letter topic of %s: delivery failed: %s", k->who.name,
                rd_kafka_err2str(m->err));
    k->who.ctx->status = 1;
    k->who.ctx->stop = true;
}

int rt_kafka_dlq_open(sl_ctx *ctx, int i)
{
    rt_source *s = &ctx->src[i];
    const sl_source_desc *d = s->desc;
    rt_kafka_sink *k = calloc(1, sizeof *k);
    if (!k) rt_oom();
    s->dlq_kafka = k;
    k->who = (rt_kafka_who){.ctx = ctx, .index = i, .name = d->name};
    /* the source's brokers and properties (security settings apply to
     * both; consumer-only ones are ignored by a producer) */
    rd_kafka_conf_t *conf =
        rt_kafka_conf(ctx, "source", &k->who, d->bootstrap, d->props, d->n_props, NULL, 0);
    if (!conf) return 2;
    return rt_kafka_producer_new(ctx, k, conf, rt_kafka_dlq_dr_cb, d->dead_letter_topic);
}

void rt_kafka_dlq_send(sl_ctx *ctx, int i, const char *p, size_t n, const sl_recmeta *meta,
                       const char *why)
{
    rt_source *s = &ctx->src[i];
    rt_kafka_sink *k = s->dlq_kafka;
    char part[24], off[24];
    snprintf(part, sizeof part, "%d", meta->partition);
    snprintf(off, sizeof off, "%lld", (long long)meta->offset);
    bool from_kafka = s->conn == SL_CONN_KAFKA;
    const char *topic = from_kafka ? s->desc->topic : s->path;
    const char *part_name = from_kafka ? "sluice.partition" : "sluice.file";
    const char *part_value = from_kafka ? part : "";
    const char *off_name = from_kafka ? "sluice.offset" : "sluice.line";
    for (;;) {
        rd_kafka_resp_err_t err = rd_kafka_producev(
            k->rk, RD_KAFKA_V_RKT(k->rkt), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
            RD_KAFKA_V_VALUE((void *)p, n),
            RD_KAFKA_V_KEY(meta->has_key ? meta->key : NULL, meta->has_key ? meta->key_len : 0),
            RD_KAFKA_V_HEADER("sluice.source", s->desc->name, -1),
            RD_KAFKA_V_HEADER("sluice.error", why, -1),
            RD_KAFKA_V_HEADER("sluice.input", topic ? topic : "", -1),
            RD_KAFKA_V_HEADER(part_name, part_value, -1), RD_KAFKA_V_HEADER(off_name, off, -1),
            RD_KAFKA_V_END);
        if (!err) break;
        if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL && !rt_signalled && !ctx->stop) {
            rd_kafka_poll(k->rk, 100);
            rt_kafka_check_brokers(ctx);
            continue;
        }
        rt_fatal(ctx, "kafka: %s: dead-letter topic: produce: %s", s->desc->name,
                 rd_kafka_err2str(err));
        break;
    }
    rd_kafka_poll(k->rk, 0);
}

void rt_kafka_dlq_close_all(sl_ctx *ctx)
{
    for (int i = 0; i < ctx->n_src; i++) {
        rt_kafka_sink *k = ctx->src[i].dlq_kafka;
        if (!k || !k->rk || k->flushed) continue;
        k->flushed = true;
        while (rd_kafka_outq_len(k->rk) > 0 && rt_kafka_close_left(ctx, &k->who) > 0) {
            rd_kafka_flush(k->rk, 500);
            rt_kafka_check_who(ctx, &k->who, rt_mono_ms());
        }
        if (rd_kafka_outq_len(k->rk) > 0)
            rt_fatal(ctx, "kafka: %s: %d dead letters not delivered to topic '%s'",
                     ctx->src[i].desc->name, rd_kafka_outq_len(k->rk),
                     ctx->src[i].desc->dead_letter_topic);
    }
}

void rt_kafka_sinks_poll(sl_ctx *ctx)
{
    for (int j = 0; j < ctx->n_snk; j++) {
        rt_kafka_sink *k = ctx->snk[j].kafka;
        if (k && k->rk) rd_kafka_poll(k->rk, 0);
    }
}

void rt_kafka_sink_close(sl_ctx *ctx, int kidx)
{
    rt_sink *s = &ctx->snk[kidx];
    rt_kafka_sink *k = s->kafka;
    if (!k || !k->rk || k->flushed) return;
    k->flushed = true;
    /* Until every message is delivered or has failed (message.timeout.ms
     * bounds each one), within rt_kafka_close_left. */
    while (rd_kafka_outq_len(k->rk) > 0) {
        int64_t left = rt_kafka_close_left(ctx, &k->who);
        if (left <= 0) break;
        rd_kafka_flush(k->rk, left < 500 ? (int)left : 500);
        rt_kafka_check_who(ctx, &k->who, rt_mono_ms());
        rt_flush_stderr(ctx);
    }
    if (rd_kafka_outq_len(k->rk) > 0) {
        /* out of time: what is left fails, and its delivery reports count
         * it as lost */
        rd_kafka_purge(k->rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
        for (int t = 0; t < 10 && rd_kafka_outq_len(k->rk) > 0; t++) rd_kafka_poll(k->rk, 100);
        rd_kafka_poll(k->rk, 0);
    }
    if (k->txn_open) {
        /* what it holds came after the last checkpoint: the next run
         * produces it again from there */
        k->txn_open = false;
        rd_kafka_error_t *e = rd_kafka_abort_transaction(k->rk, RT_KAFKA_QUERY_MS);
        if (e) rd_kafka_error_destroy(e);
    }
    if (s->lost)
        rt_fatal(ctx, "kafka: %s: %llu messages not delivered to topic '%s'", s->desc->name,
                 (unsigned long long)s->lost, s->desc->topic);
    sl_buf_free(&s->buf);
    sl_buf_free(&s->key);
    rt_flush_stderr(ctx);
}

/* The end of rt_kafka_release's time: a librdkafka handle that cannot be
 * destroyed in time (it may wait for brokers that are gone) must not keep
 * the process alive once its results are out. */
enum { RT_KAFKA_RELEASE_MS = 2000 };

typedef struct rt_watchdog {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    bool done;
    int status;
} rt_watchdog;

static void *rt_watchdog_run(void *arg)
{
    rt_watchdog *w = arg;
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += RT_KAFKA_RELEASE_MS / 1000;
    pthread_mutex_lock(&w->mu);
    while (!w->done)
        if (pthread_cond_timedwait(&w->cv, &w->mu, &until) != 0) {
            /* the results and statistics are out; only librdkafka's
             * teardown is left */
            fflush(stdout);
            fflush(stderr);
            _exit(w->status);
        }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

void rt_kafka_release(sl_ctx *ctx, int status)
{
    bool any = false;
    for (int i = 0; i < ctx->n_src; i++) any |= ctx->src[i].kafka != NULL;
    for (int k = 0; k < ctx->n_snk; k++) any |= ctx->snk[k].kafka != NULL;
    for (int i = 0; i < ctx->n_src; i++) any |= ctx->src[i].dlq_kafka != NULL;
    if (!any) return;
    rt_watchdog w = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, false, status};
    pthread_t t;
    bool watched = pthread_create(&t, NULL, rt_watchdog_run, &w) == 0;
    for (int i = 0; i < ctx->n_src; i++) {
        if (!ctx->src[i].kafka) continue;
        rt_kafka_source_free(ctx->src[i].kafka);
        ctx->src[i].kafka = NULL;
    }
    for (int k = 0; k < ctx->n_snk + ctx->n_src; k++) {
        rt_kafka_sink **pk =
            k < ctx->n_snk ? &ctx->snk[k].kafka : &ctx->src[k - ctx->n_snk].dlq_kafka;
        rt_kafka_sink *ks = *pk;
        if (!ks) continue;
        if (ks->rkt) rd_kafka_topic_destroy(ks->rkt);
        if (ks->rk) rd_kafka_destroy(ks->rk);
        free(ks);
        *pk = NULL;
    }
    if (watched) {
        pthread_mutex_lock(&w.mu);
        w.done = true;
        pthread_cond_signal(&w.cv);
        pthread_mutex_unlock(&w.mu);
        pthread_join(t, NULL);
    }
}

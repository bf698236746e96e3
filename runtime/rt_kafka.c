/* rt_kafka.c - Kafka source and sink (librdkafka). Placeholder until the
 * connector lands: Kafka sources and sinks are rejected at open. */
#include "rt_internal.h"

int rt_kafka_source_open(sl_ctx *ctx, int i)
{
    rt_warn(ctx, "source %s: kafka connector not implemented yet", ctx->src[i].desc->name);
    return 2;
}

void rt_kafka_run(sl_ctx *ctx) {}

void rt_kafka_source_close(sl_ctx *ctx, int i) {}

int rt_kafka_sink_open(sl_ctx *ctx, int k)
{
    rt_warn(ctx, "sink %s: kafka connector not implemented yet", ctx->snk[k].desc->name);
    return 2;
}

void rt_kafka_sink_produce(sl_ctx *ctx, int k) {}

void rt_kafka_sinks_poll(sl_ctx *ctx) {}

void rt_kafka_sink_close(sl_ctx *ctx, int k) {}

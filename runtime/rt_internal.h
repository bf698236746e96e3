/* rt_internal.h - private declarations shared by the runtime modules
 * (rt_main, rt_file, rt_kafka). Not installed, not embedded: generated code
 * only sees sluice_rt.h. */
#ifndef SLUICE_RT_INTERNAL_H
#define SLUICE_RT_INTERNAL_H

#include "sluice_rt.h"

#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/stat.h>

/* The metrics server (rt_metrics.c). */
typedef struct rt_metrics rt_metrics;

/* Connector state owned by rt_kafka.c. */
typedef struct rt_kafka_src rt_kafka_src;
typedef struct rt_kafka_sink rt_kafka_sink;

/* A source as the run sees it: the declaration plus CLI overrides. */
typedef struct rt_source {
    const sl_source_desc *desc;
    sl_connector conn; /* effective connector (--input turns anything into a file) */
    const char *path;  /* effective path; "-" is stdin */
    int fd;            /* file sources: open descriptor, -1 when closed */
    bool done;         /* reached the end of bounded input */
    sl_source_stats st;
    sl_watermark wm;
    /* stalled-watermark warning: the watermark and the counts when it last
     * moved (rt_check_state) */
    int64_t stall_wm;
    uint64_t stall_read;
    uint64_t stall_bytes;
    bool stall_warned;
    /* file sources: the byte offset just past the last record delivered and
     * its line number; a restored checkpoint sets them and the run resumes
     * there (rt_checkpoint.c) */
    int64_t pos;
    int64_t line;
    /* Kafka sources of a restored run: per partition (ck_parts of them)
     * the next offset to read and, bounded, the offset it stops at (-1:
     * none recorded); read when the consumer opens (malloc'd) */
    int64_t *ck_next;
    int64_t *ck_stop;
    int ck_parts;
    /* the dead-letter queue (rt_deadletter.c): a file ('dead-letter.path')
     * or a Kafka topic ('dead-letter.topic', in rt_kafka.c) */
    int dlq_fd;            /* the file, open (-1: none) */
    sl_buf dlq_buf;        /* lines not written yet */
    uint64_t dlq_bytes;    /* the file's length */
    int64_t dlq_committed; /* restored: the length to cut the file back to (-1: new file) */
    uint64_t dlq_count;    /* records sent to it */
    bool dlq_failed;       /* a write failed: the run is failing */
    rt_kafka_sink *dlq_kafka;
    rt_kafka_src *kafka;
} rt_source;

/* A sink as the run sees it. File/stdout sinks accumulate encoded records
 * in buf and write(2) it in large chunks, on the sink writer thread
 * (rt_file.c) while buf fills again; Kafka sinks use buf for one record at
 * a time. */
typedef struct rt_sink {
    const sl_sink_desc *desc;
    sl_connector conn;
    const char *path; /* "-" is stdout */
    int fd;
    bool failed; /* a write failed: the run is failing, discard output */
    sl_buf buf;
    sl_buf key;       /* keyed sinks: the current record's key */
    uint64_t pending; /* records in buf, not yet written (file sinks) */
    uint64_t written; /* records written (files) or delivered (Kafka): only those */
    uint64_t lost;    /* records that could not be written or delivered */
    uint64_t bytes;   /* file sinks: the file's length (what was written to it) */
    /* file sinks: the chunk handed to the writer thread, its records, and
     * whether its result is still to be collected (main thread only) */
    sl_buf out;
    uint64_t out_records;
    bool out_submitted;
    /* set by the writer under rt_writer.mu: writing, bytes written, errno */
    bool out_busy;
    uint64_t out_wrote;
    int out_errno;
    /* file sinks of a restored run: the length the checkpoint committed;
     * the file is cut back to it when opened. -1: start a new file. */
    int64_t committed;
    rt_kafka_sink *kafka;
} rt_sink;

/* The run's context: everything sl_main sets up, passed to generated code as
 * an opaque sl_ctx. */
struct sl_ctx {
    const sl_program *prog;
    void *state;
    sl_arena scratch;
    char *scratch_mark; /* scratch.cur right after the last reset */
    rt_source *src;
    int n_src;
    rt_sink *snk;
    int n_snk;
    /* CLI options */
    const char *brokers;       /* --brokers: overrides every Kafka bootstrap list */
    bool bounded;              /* --bounded */
    int64_t idle_timeout_ms;   /* --idle-timeout (0 = off) */
    int64_t broker_timeout_ms; /* --broker-timeout (0 = wait forever) */
    uint64_t max_state_bytes;  /* --max-state-bytes (0 = no limit) */
    uint64_t stall_records;    /* --stall-records */
    int64_t kafka_deadline;    /* stopping: closing Kafka handles must end by this
                                * (monotonic ms; 0: no deadline yet) */
    /* state checks (rt_check_state), every RT_CHECK_EVERY records */
    uint32_t check_countdown;
    uint64_t state_peak; /* largest state size seen, bytes */
    /* run state */
    int status;        /* exit status so far (1 after a fatal error) */
    bool stop;         /* stop consuming (fatal error) */
    bool stderr_dirty; /* stderr holds unflushed messages */
    bool err_set;
    char err[512];  /* sl_set_error's reason for the current record */
    bool late_mark; /* sl_mark_late: the current record was dropped as late */
    int64_t now_ms; /* sl_now_ms's cached processing time (0: read it again) */
    /* SLUICE_TEST_SNAPSHOT_EVERY=N (tests only): every N records the state
     * is saved, destroyed, re-created and loaded, so that every operator's
     * save/load round trip runs under the whole sql suite */
    uint64_t snapshot_every, snapshot_countdown;
    /* checkpoints (rt_checkpoint.c; docs/architecture.md, "Checkpoints") */
    const char *state_dir;    /* --state-dir (NULL: no checkpoints) */
    bool state_reset;         /* --state-reset: forget the checkpoints in it */
    int64_t ckpt_interval_ms; /* --checkpoint-interval */
    int64_t ckpt_next_ms;     /* monotonic ms when the next checkpoint is due */
    int state_fd;             /* the state directory, open (-1: none) */
    int lock_fd;              /* its LOCK file, held with flock (-1: none) */
    uint64_t ckpt_seq;        /* number of the last checkpoint written or restored */
    uint64_t ckpt_taken;      /* checkpoints this run wrote */
    uint64_t ckpt_last_bytes; /* size of the last one written, bytes */
    int64_t ckpt_last_us;     /* how long writing it took (flush, sync, write, rename), us */
    int64_t ckpt_load_us;     /* restored: how long loading the state took, us */
    int64_t ckpt_done_ms;     /* monotonic ms when the last checkpoint was written */
    rt_metrics *metrics;      /* --metrics-port (NULL: none) */
    /* progress line on stderr when it is a terminal (rt_progress) */
    bool progress;
    bool progress_shown;         /* a progress line is on screen (cleared before messages) */
    int64_t progress_next_ms;    /* monotonic: the next update is due */
    int64_t progress_last_ms;    /* monotonic time of the last update */
    uint64_t progress_last_read; /* records read at the last update */
    int metrics_port;
    bool restored; /* this run continues from checkpoint ckpt_restored */
    uint64_t ckpt_restored;
    sl_buf ckpt_file;           /* restored: the checkpoint's bytes (state loaded from it) */
    sl_rbuf ckpt_state;         /* restored: the program state inside ckpt_file */
    sl_buf ckpt_buf, ckpt_body; /* reused buffers of rt_checkpoint_take */
    struct rt_writer *writer;   /* the file sinks' writer thread (NULL: not started) */
    bool writer_off;            /* it could not start: the main thread writes */
};

/* Set by the SIGINT/SIGTERM handler to the signal's number: stop
 * consuming, flush, report what was not emitted, exit 128 + signal (unless
 * every source had reached its end). The only mutable global of the
 * runtime. */
extern volatile sig_atomic_t rt_signalled;

/* Length of the well-formed UTF-8 sequence of a non-ASCII character at p
 * (2 to 4 bytes), or 0 when it is not one: a stray continuation byte, an
 * overlong form, a surrogate, a value past U+10FFFF, or a truncated
 * sequence (Unicode 15, table 3-7). */
static inline size_t rt_utf8_len(const char *p, const char *end)
{
    const unsigned char *u = (const unsigned char *)p;
    size_t left = (size_t)(end - p);
    unsigned c = u[0];
    if (c >= 0xC2 && c <= 0xDF) return left >= 2 && (u[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (left < 3 || (u[2] & 0xC0) != 0x80) return 0;
        unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return u[1] >= lo && u[1] <= hi ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (left < 4 || (u[2] & 0xC0) != 0x80 || (u[3] & 0xC0) != 0x80) return 0;
        unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return u[1] >= lo && u[1] <= hi ? 4 : 0;
    }
    return 0;
}

/* Copies the string s into out (cap > 0 bytes, always NUL-terminated,
 * truncated if need be) with every byte a terminal would act on written as
 * \xHH: control characters, DEL, C1 controls and bytes that are not UTF-8.
 * Valid UTF-8 text passes unchanged. Messages that quote input records,
 * names or paths go through it (rt_warn does), so a record cannot clear the
 * user's screen. Thread-safe (librdkafka's log callback uses it). */
void rt_escape(const char *s, char *out, size_t cap);

/* Monotonic clock, milliseconds (timeouts and checkpoint intervals). */
int64_t rt_mono_ms(void);

/* Prints "sluice: out of memory" and exits 1. */
_Noreturn void rt_oom(void);

/* Prints "sluice: <message>" on stderr, marks the run failed (exit 1) and
 * stops consuming. */
void rt_fatal(sl_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Prints "sluice: <message>" on stderr (buffered; flushed at batch ends). */
void rt_warn(sl_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Flushes stderr if rt_warn or a malformed-record report wrote to it. */
void rt_flush_stderr(sl_ctx *ctx);

/* Reports the current record of source i (the n bytes at p) as malformed
 * (with its position from meta), counts it and sends it to the source's
 * dead-letter queue. */
void rt_malformed(sl_ctx *ctx, int i, const char *p, size_t n, const sl_recmeta *meta);
/* Sends the record of source i that an operator dropped as late to its
 * dead-letter queue (when it has one). */
void rt_late(sl_ctx *ctx, int i, const char *p, size_t n, const sl_recmeta *meta);
/* Resets the scratch arena after a record that used it. */
void rt_scratch_reset(sl_ctx *ctx);

/* Records between two state checks. */
enum { RT_CHECK_EVERY = 1024 };

/* Bounds of a file sink's chunk (rt_sink_chunk). */
enum { RT_SINK_CHUNK_FIRST = 256 << 10, RT_SINK_CHUNK = 2 << 20 };

/* Bytes of output file sink s collects before its buffer becomes a chunk
 * for the writer thread: an eighth of the bytes written so far, at least
 * RT_SINK_CHUNK_FIRST and at most RT_SINK_CHUNK. Each hand-over may wake
 * that thread, which costs tens of microseconds on a VM (a cross-CPU
 * interrupt), so a large output goes in large chunks (about 350 wake-ups
 * for 700 MB); a small one stays in small buffers, whose pages the main
 * thread does not have to fault in (a page fault costs about as much). */
static inline size_t rt_sink_chunk(const rt_sink *s)
{
    uint64_t c = s->bytes / 8;
    return c < RT_SINK_CHUNK_FIRST ? RT_SINK_CHUNK_FIRST
           : c > RT_SINK_CHUNK     ? RT_SINK_CHUNK
                                   : (size_t)c;
}

/* Saves the program's state, destroys it and loads the saved bytes into a
 * fresh one (SLUICE_TEST_SNAPSHOT_EVERY); a failed load is fatal. */
void rt_snapshot_roundtrip(sl_ctx *ctx);

/* When stderr is a terminal: once a second, one line (overwritten in
 * place) with the records read, the rate, the lowest watermark and the
 * state size. Messages clear it first. */
void rt_progress(sl_ctx *ctx);

/* Every RT_CHECK_EVERY records: the state size against --max-state-bytes
 * (a fatal error past it), its peak, and the stalled-watermark warning
 * (a source whose watermark has not moved over --stall-records records
 * while state grew). O(queries). */
void rt_check_state(sl_ctx *ctx);

/* After the program took one record (rc: what on_record or on_row
 * returned): reports it when malformed or late, resets scratch when the
 * record allocated, checks the state now and then. */
static inline void rt_delivered(sl_ctx *ctx, int i, int rc, const char *p, size_t n,
                                const sl_recmeta *meta)
{
    if (rc != SL_OK) rt_malformed(ctx, i, p, n, meta);
    if (ctx->late_mark) rt_late(ctx, i, p, n, meta);
    if (ctx->scratch.cur != ctx->scratch_mark) rt_scratch_reset(ctx);
    if (--ctx->check_countdown == 0) rt_check_state(ctx);
}
/* Hands one record to the program: counts it, decodes and processes it
 * (on_record), then rt_delivered. The hot path of every connector. */
static inline void rt_deliver(sl_ctx *ctx, int i, const char *p, size_t n, const sl_recmeta *meta)
{
    ctx->src[i].st.read++;
    rt_delivered(ctx, i, ctx->prog->on_record(ctx, ctx->state, i, p, n, meta), p, n, meta);
}
/* rt_deliver of a record the reader thread decoded ahead into row; p and n
 * are its bytes (for reports and the dead-letter queue). */
static inline void rt_deliver_row(sl_ctx *ctx, int i, const void *row, const char *p, size_t n,
                                  const sl_recmeta *meta)
{
    ctx->src[i].st.read++;
    rt_delivered(ctx, i, ctx->prog->on_row(ctx, ctx->state, i, row, meta), p, n, meta);
}

/* True when the record is empty or only whitespace (skipped, not counted). */
static inline bool rt_blank(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n' && c != '\f' && c != '\v') return false;
    }
    return true;
}

/* Source i reached the end of its bounded input: its watermark jumps to
 * SL_TS_MAX and the program fires everything (Flink: end of input). */
void rt_source_finish(sl_ctx *ctx, int i);
/* The runtime advanced source i's watermark (idleness, assignment): tell
 * the program. */
void rt_source_wm_advanced(sl_ctx *ctx, int i);

/* ---- rt_file.c ---- */

/* Opens file source i (or stdin); on failure prints why and returns false. */
bool rt_file_source_open(sl_ctx *ctx, int i);
/* Reads file source i to its end (or until stop), delivering every line. */
void rt_file_source_run(sl_ctx *ctx, int i);
void rt_file_source_close(sl_ctx *ctx, int i);
/* Opens file sink k (or stdout); false (message printed) on failure. */
bool rt_file_sink_open(sl_ctx *ctx, int k);
/* Hands the buffered bytes of file sink k to the writer thread (after
 * waiting for its previous chunk) and returns: the run encodes the next
 * chunk while the kernel copies this one. Errors are fatal for the run,
 * reported when the chunk's result is collected. */
void rt_file_sink_flush(sl_ctx *ctx, int k);
/* Writes every file sink's pending bytes and waits until they are all in
 * the files (before blocking on input, before a checkpoint): the order of
 * output and messages stays what a single thread would give. */
void rt_file_sinks_flush_all(sl_ctx *ctx);
/* Ends the writer thread (after every file sink is closed). */
void rt_file_writer_stop(sl_ctx *ctx);
/* Before any sink is opened: a file sink (or stdout redirected to a file)
 * that is the same file as an open source, after following links (same
 * device and inode), or two file sinks on one file, would destroy data.
 * Returns -1 when none is, else 2 (a usage error) after saying which. */
int rt_file_sinks_check(sl_ctx *ctx);
/* The source whose open file is the file out describes (same device and
 * inode), or -1. */
int rt_file_input_at(sl_ctx *ctx, const struct stat *out);
/* Opens path for writing on behalf of `what` ("sink hourly"): a new file,
 * or with committed >= 0 (a restored run) the existing one cut back to the
 * committed bytes and positioned there (a shorter one is refused). Returns
 * the descriptor, or -1 after a message. */
int rt_file_open_output(sl_ctx *ctx, const char *what, const char *path, int64_t committed);
/* Writes the n bytes at p to fd, retrying after EINTR; adds the bytes that
 * reached it to *done (when not NULL). False with errno set on failure. */
bool rt_write_all(int fd, const char *p, size_t n, uint64_t *done);
/* Flushes and closes file sink k (checks close(2) too). */
void rt_file_sink_close(sl_ctx *ctx, int k);

/* ---- rt_deadletter.c ---- */

/* Opens the dead-letter queues of every source that declares one: files
 * (a restored run cuts them back to their committed length) and Kafka
 * topics (rt_kafka_dlq_open). A file that is one of the inputs is refused.
 * Returns -1 when all opened, else the exit status (1, or 2 for a
 * configuration error) after a message. */
int rt_dlq_open_all(sl_ctx *ctx);
/* Sends one record of source i to its dead-letter queue: the n bytes at
 * p, why it is there (`why`: "malformed: <reason>" or "late") and its
 * position. File lines are JSON: {"source", "error", "line" or
 * "partition"/"offset", "record" (the text; "record_base64" when it is
 * not UTF-8)}. */
void rt_dlq_put(sl_ctx *ctx, int i, const char *p, size_t n, const sl_recmeta *meta,
                const char *why);
/* Writes what the file queues hold; with `sync`, also fdatasync (a
 * checkpoint commits their lengths). False when a write failed (fatal). */
bool rt_dlq_flush_all(sl_ctx *ctx, bool sync);
/* Flushes and closes every dead-letter file (Kafka queues close with the
 * sinks). */
void rt_dlq_close_all(sl_ctx *ctx);

/* ---- rt_metrics.c ---- */

/* Loads libmicrohttpd and serves GET /metrics (Prometheus text format) and
 * GET /health on 127.0.0.1:port from its own thread. Returns -1 when
 * serving, else 1 after a message (no library, port in use). */
int rt_metrics_start(sl_ctx *ctx, int port);
/* Renders a new snapshot for the server (main thread, between records), at
 * most every 100 ms unless `now`. */
void rt_metrics_publish(sl_ctx *ctx, bool now);
/* Appends the metrics of the run in the Prometheus text exposition format
 * (version 0.0.4): per source records, malformed, late and dead letters,
 * watermarks (per partition too) and Kafka lag; per sink records written
 * and lost; the state's bytes, open windows and groups (si); checkpoints
 * taken, the last one's duration and size. */
void rt_metrics_render(sl_ctx *ctx, sl_buf *b, const sl_state_info *si);
/* Stops the server and frees it. */
void rt_metrics_stop(sl_ctx *ctx);

/* ---- rt_checkpoint.c ---- */

/* Opens (creating it) and locks --state-dir, removes what an interrupted
 * checkpoint left, and with --state-reset the checkpoints; else reads the
 * latest valid checkpoint (a corrupt one is reported and the one before it
 * used) and restores the runtime's part: source positions, watermarks,
 * counters, sinks' committed lengths. The program state is loaded later by
 * rt_checkpoint_load_state. Returns -1 to go on, else the exit status
 * (1: unusable directory or no valid checkpoint; 2: the checkpoint belongs
 * to another program or other files), after a message. */
int rt_checkpoint_restore(sl_ctx *ctx);
/* Loads the restored program state into ctx->state (fresh from init);
 * false (fatal error reported) when it does not load. */
bool rt_checkpoint_load_state(sl_ctx *ctx);
/* Takes a checkpoint now, between two records: flushes and syncs the file
 * sinks, then writes every source's position, every sink's committed
 * length and every operator's state to a new file, atomically (write,
 * fsync, rename, fsync of the directory), and keeps the last
 * RT_CKPT_KEEP. `finished`: every source reached its end. On failure (a
 * full disk) the run fails (rt_fatal) and the previous checkpoint stays
 * intact. */
bool rt_checkpoint_take(sl_ctx *ctx, bool finished);
/* Takes a checkpoint when the interval has passed (called between
 * records). */
static inline void rt_checkpoint_maybe(sl_ctx *ctx)
{
    if (ctx->state_dir && !ctx->stop && rt_mono_ms() >= ctx->ckpt_next_ms)
        rt_checkpoint_take(ctx, false);
}
/* Releases the state directory and the buffers. */
void rt_checkpoint_close(sl_ctx *ctx);

/* ---- rt_kafka.c ---- */

/* Creates the consumer of Kafka source i (bounded: assigns partitions with
 * start and stop offsets). Returns 0, 1 (fatal runtime error) or 2 (bad
 * configuration); a message has been printed. */
int rt_kafka_source_open(sl_ctx *ctx, int i);
/* Polls every open Kafka source until all are done (bounded) or stop. */
void rt_kafka_run(sl_ctx *ctx);
/* Leaves the consumer group of source i, committing its offsets, within
 * the time left to stop; the consumer is destroyed by rt_kafka_release. */
void rt_kafka_source_close(sl_ctx *ctx, int i);
/* Creates the producer of Kafka sink k; same return codes as above. */
int rt_kafka_sink_open(sl_ctx *ctx, int k);
/* Produces the record in sink k's buffer as one message (keyed sinks: with
 * the key buffer as its key; a tombstone has no value). */
void rt_kafka_sink_produce(sl_ctx *ctx, int k, bool tombstone);
/* Exactly-once sinks ('sink.delivery-guarantee' = 'exactly-once'; Flink's
 * KafkaSink protocol in one process, docs/architecture.md "Checkpoints"):
 * rt_kafka_txn_fence creates sink k's transactional producer and calls
 * init_transactions, which fences every earlier producer of its
 * transactional id and ends its open transaction; 0 or an exit status.
 * rt_kafka_txn_probe gives the partition and offset of a message delivered
 * in the open transaction (-1: none yet), which the checkpoint records.
 * rt_kafka_txn_commit_all commits every open transaction and begins the
 * next (after the checkpoint is durable); false after a fatal message.
 * rt_kafka_txn_committed reads the probe back with read_committed: 1 its
 * transaction was committed, 0 aborted, -1 cannot tell (message printed). */
int rt_kafka_txn_fence(sl_ctx *ctx, int k);
void rt_kafka_txn_probe(sl_ctx *ctx, int k, int32_t *part, int64_t *off);
bool rt_kafka_txn_commit_all(sl_ctx *ctx);
int rt_kafka_txn_committed(sl_ctx *ctx, int k, int32_t part, int64_t off);
/* Serves delivery reports of every Kafka sink without blocking. */
void rt_kafka_sinks_poll(sl_ctx *ctx);
/* Waits until every message of sink k is delivered (or failed), within
 * the time left to stop (see rt_kafka.c); what is not delivered then is
 * counted as lost and makes the run fail. The producer is destroyed by
 * rt_kafka_release. */
void rt_kafka_sink_close(sl_ctx *ctx, int k);
/* The positions of Kafka source i for a checkpoint: returns how many
 * partitions it knows and points *next at the next offset to read of each
 * (-1: none read nor restored) and *stop at the offset each stops at
 * (bounded; -1 otherwise). The arrays belong to the source. */
int rt_kafka_source_positions(sl_ctx *ctx, int i, const int64_t **next, const int64_t **stop);
/* After a checkpoint: commits the positions of every Kafka source to its
 * consumer group (asynchronously), so that lag tools see the progress;
 * the positions that count are the checkpoint's. */
void rt_kafka_commit_positions(sl_ctx *ctx);
/* Before a checkpoint: waits until every message produced so far is
 * delivered (at-least-once). False when some could not be (the run is
 * failing then) or a stop came first. */
bool rt_kafka_sinks_drain(sl_ctx *ctx);
/* Creates the producer of source i's dead-letter topic (on the source's
 * brokers); same return codes as rt_kafka_sink_open. */
int rt_kafka_dlq_open(sl_ctx *ctx, int i);
/* Produces one dead letter of source i: the record's bytes and key, with
 * the error and position in headers (sluice.source, sluice.error,
 * sluice.input (topic or file), sluice.partition and sluice.offset, or
 * sluice.file and sluice.line). */
void rt_kafka_dlq_send(sl_ctx *ctx, int i, const char *p, size_t n, const sl_recmeta *meta,
                       const char *why);
/* The consumer lag of Kafka source i per partition: the partition's end
 * (as last fetched; no request is made) minus the next offset to read,
 * -1 when unknown; fills up to max entries and returns how many. 0 for
 * other sources. */
int rt_kafka_source_lag(sl_ctx *ctx, int i, int64_t *lag, int max);
/* True when no Kafka handle of the run has lost all its brokers; else
 * false with which one in why. */
bool rt_kafka_brokers_up(sl_ctx *ctx, char *why, size_t cap);
/* Delivers what the dead-letter topics still hold, within the time left
 * to stop; what is not delivered then fails the run. */
void rt_kafka_dlq_close_all(sl_ctx *ctx);
/* Destroys every Kafka handle of the run, after the statistics are out.
 * A handle whose teardown hangs (it waits for brokers that are gone) ends
 * the process with `status` after a bounded wait. */
void rt_kafka_release(sl_ctx *ctx, int status);

#endif

/* rt_checkpoint.c - checkpoints in --state-dir: what a run needs to go on
 * after a crash exactly where its last checkpoint was taken.
 *
 * The program is single-threaded, so a checkpoint is taken between two
 * records and needs no barriers (docs/architecture.md, "Checkpoints"). It
 * holds every source's position (file: the byte offset after the last
 * record delivered; Kafka: the next offset per partition, and where a
 * bounded run stops), watermark and counters, every file sink's committed
 * length, and every operator's state (sl_program.save). File sinks are
 * flushed and synced before the checkpoint that commits their length is
 * written, and cut back to that length on restart: their output is then
 * exactly once. stdout is at-least-once.
 *
 * A checkpoint is the file checkpoint-NNNNNNNNNNNNNNNNNNNN (its number,
 * 20 digits so that names sort), written as checkpoint-N.tmp, synced,
 * renamed and the directory synced: a crash at any moment leaves either
 * the previous checkpoint or the new one. Layout (sl_save_* encoding):
 *
 *   "SLUICECK" version number plan
 *   sources: count, then name path done pos line read malformed late
 *            skipped watermark(current, partitions, per partition: max,
 *            idle, seen) kafka(partitions, per partition: next offset,
 *            stop offset) dead-letters(file length or -1, count)
 *   sinks:   count, then name path committed written lost, and for
 *            exactly-once Kafka sinks the partition and offset of a message
 *            of the transaction this checkpoint commits (-1 -1: none)
 *   finished state-bytes
 *   XXH3-64 of everything before it
 *
 * A checkpoint whose checksum or layout is wrong is reported and the one
 * before it used; one of another plan is refused. */
#include "rt_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Checkpoints kept (the newest first): the older ones are fallbacks for a
 * newest one that is found corrupt. */
enum { RT_CKPT_KEEP = 3 };
/* Format version: bumped when the layout above changes. */
enum { RT_CKPT_VERSION = 2 };
static const char rt_ckpt_magic[8] = {'S', 'L', 'U', 'I', 'C', 'E', 'C', 'K'};
#define RT_CKPT_PREFIX "checkpoint-"
enum { RT_CKPT_DIGITS = 20 };

/* The number of a checkpoint file name, or 0 when it is not one (tmp:
 * whether it is a leftover checkpoint-N.tmp). */
static uint64_t rt_ckpt_number(const char *name, bool *tmp)
{
    size_t pl = sizeof RT_CKPT_PREFIX - 1;
    *tmp = false;
    if (strncmp(name, RT_CKPT_PREFIX, pl) != 0) return 0;
    const char *d = name + pl;
    uint64_t n = 0;
    for (int i = 0; i < RT_CKPT_DIGITS; i++) {
        if (d[i] < '0' || d[i] > '9') return 0;
        n = n * 10 + (uint64_t)(d[i] - '0');
    }
    if (strcmp(d + RT_CKPT_DIGITS, ".tmp") == 0)
        *tmp = true;
    else if (d[RT_CKPT_DIGITS])
        return 0;
    return n;
}

static void rt_ckpt_name(char *out, size_t cap, uint64_t n, bool tmp)
{
    snprintf(out, cap, RT_CKPT_PREFIX "%0*llu%s", RT_CKPT_DIGITS, (unsigned long long)n,
             tmp ? ".tmp" : "");
}

static int rt_u64_desc(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* The numbers of the checkpoints in the state directory, newest first
 * (malloc'd, *n of them); leftover .tmp files are removed. */
static uint64_t *rt_ckpt_list(sl_ctx *ctx, size_t *n)
{
    *n = 0;
    int fd = dup(ctx->state_fd);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0) close(fd);
        return NULL;
    }
    rewinddir(d);
    uint64_t *v = NULL;
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        bool tmp;
        uint64_t k = rt_ckpt_number(e->d_name, &tmp);
        if (!k) continue;
        if (tmp) {
            unlinkat(ctx->state_fd, e->d_name, 0);
            continue;
        }
        if (*n == cap) {
            cap = cap ? 2 * cap : 8;
            v = realloc(v, cap * sizeof *v);
            if (!v) rt_oom();
        }
        v[(*n)++] = k;
    }
    closedir(d);
    if (*n) qsort(v, *n, sizeof *v, rt_u64_desc);
    return v;
}

/* Reads the whole file `name` of the state directory into b; false with
 * errno set when it cannot. */
static bool rt_ckpt_read(sl_ctx *ctx, const char *name, sl_buf *b)
{
    b->n = 0;
    int fd = openat(ctx->state_fd, name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    for (;;) {
        sl_buf_reserve(b, 1 << 16);
        ssize_t r = read(fd, b->p + b->n, b->cap - b->n);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            int e = errno;
            close(fd);
            errno = e;
            return false;
        }
        if (r == 0) break;
        b->n += (size_t)r;
    }
    close(fd);
    return true;
}

/* The first line where two plans differ, for the refusal message: copies
 * it (escaped, shortened) from each into a and b. */
static void rt_plan_diff(const char *x, const char *y, char *a, char *b, size_t cap, int *lineno)
{
    *lineno = 1;
    for (;;) {
        const char *ex = strchr(x, '\n'), *ey = strchr(y, '\n');
        size_t nx = ex ? (size_t)(ex - x) : strlen(x), ny = ey ? (size_t)(ey - y) : strlen(y);
        if (nx != ny || memcmp(x, y, nx) != 0 || !ex || !ey) {
            char tx[512], ty[512];
            snprintf(tx, sizeof tx, "%.*s", (int)(nx < 400 ? nx : 400), x);
            snprintf(ty, sizeof ty, "%.*s", (int)(ny < 400 ? ny : 400), y);
            rt_escape(tx, a, cap);
            rt_escape(ty, b, cap);
            return;
        }
        x = ex + 1;
        y = ey + 1;
        (*lineno)++;
    }
}

static bool rt_str_is(sl_str s, const char *c)
{
    size_t n = c ? strlen(c) : 0;
    return s.n == n && (n == 0 || memcmp(s.p, c, n) == 0);
}

/* What a checkpoint file holds, read by rt_ckpt_parse. */
/* RT_CK_ABORTED: valid, but an exactly-once Kafka sink's transaction of
 * the interval it closes was aborted (the run stopped between writing it
 * and committing): its output is not in the topic, so the checkpoint
 * before it is where the next run must start. */
typedef enum { RT_CK_OK, RT_CK_CORRUPT, RT_CK_OTHER, RT_CK_ABORTED, RT_CK_FAILED } rt_ck_result;

/* A file source's path as the checkpoint records it ("" for others). */
static const char *rt_src_path(const rt_source *s)
{
    return s->conn == SL_CONN_FILESYSTEM && s->path ? s->path : "";
}

static const char *rt_snk_path(const rt_sink *s)
{
    return s->conn == SL_CONN_FILESYSTEM && s->path ? s->path : "";
}

/* Was the Kafka transaction that checkpoint `name` commits aborted? Its
 * probe (sink k's partition and offset of a message of the transaction;
 * k -1: no exactly-once sink had output in it) is read back; a checkpoint
 * is written before its transactions commit, so a run stopped in between
 * leaves a checkpoint whose output the broker aborted when the next run
 * fenced the producer. True with *why set when aborted, true with *why
 * NULL when it cannot be told (message printed: the run fails rather than
 * guess), else false. The probe is the last sink's with output:
 * rt_kafka_txn_commit_all commits in sink order, so that one committed
 * only if every earlier one did. A crash between two sinks' commits thus
 * reads as aborted, and the earlier sinks' output of that interval is
 * written again (at-least-once for that interval), never lost. */
static bool rt_ckpt_aborted(sl_ctx *ctx, const char *name, uint64_t seq, int k, int32_t part,
                            int64_t off, const char **why)
{
    if (k < 0) return false;
    int res = rt_kafka_txn_committed(ctx, k, part, off);
    /* Tests only: the mock cluster cannot abort a transaction so that
     * read_committed hides it (librdkafka 2.0.2), so tests/kafka names the
     * checkpoint whose transaction is to be taken as aborted. */
    const char *test = getenv("SLUICE_TEST_ABORTED_CHECKPOINT");
    if (res == 1 && test && *test && strtoull(test, NULL, 10) == seq) res = 0;
    if (res < 0) {
        *why = NULL;
        rt_warn(ctx, "checkpoint %s/%s: cannot tell whether its output to sink %s was committed",
                ctx->state_dir, name, ctx->snk[k].desc->name);
        return true;
    }
    if (res == 0) {
        *why = "the Kafka transaction of its output was aborted (the run stopped before "
               "committing it)";
        return true;
    }
    return false;
}

/* Checks and applies checkpoint `name` (bytes in ctx->ckpt_file). On
 * RT_CK_CORRUPT *why says what is wrong; on RT_CK_OTHER a message has been
 * printed. Nothing is applied unless the whole file is valid. */
static rt_ck_result rt_ckpt_parse(sl_ctx *ctx, const char *name, const char **why)
{
    const sl_buf *f = &ctx->ckpt_file;
    if (f->n < sizeof rt_ckpt_magic + 16) {
        *why = "truncated";
        return RT_CK_CORRUPT;
    }
    sl_rbuf tail = sl_rbuf_of(f->p + f->n - 8, 8);
    if (sl_load_u64(&tail) != sl_hash_bytes(f->p, f->n - 8, 0)) {
        *why = "its checksum does not match (truncated or damaged)";
        return RT_CK_CORRUPT;
    }
    sl_rbuf r = sl_rbuf_of(f->p, f->n - 8);
    if (memcmp(r.p, rt_ckpt_magic, sizeof rt_ckpt_magic) != 0) {
        *why = "not a sluice checkpoint";
        return RT_CK_CORRUPT;
    }
    r.p += sizeof rt_ckpt_magic;
    uint64_t version = sl_load_u64(&r);
    if (!r.err && version != RT_CKPT_VERSION) {
        rt_warn(ctx,
                "checkpoint %s/%s has format version %llu; this program reads version %d: "
                "--state-reset starts over",
                ctx->state_dir, name, (unsigned long long)version, RT_CKPT_VERSION);
        return RT_CK_OTHER;
    }
    uint64_t seq = sl_load_u64(&r);
    sl_str plan = sl_load_str(&r);
    if (r.err) {
        *why = "truncated";
        return RT_CK_CORRUPT;
    }
    const char *mine = ctx->prog->plan ? ctx->prog->plan : "";
    if (!rt_str_is(plan, mine)) {
        char *theirs = malloc(plan.n + 1);
        if (!theirs) rt_oom();
        memcpy(theirs, plan.p, plan.n);
        theirs[plan.n] = 0;
        char a[1024], b[1024];
        int line;
        rt_plan_diff(theirs, mine, a, b, sizeof a, &line);
        free(theirs);
        rt_warn(ctx,
                "checkpoint %s/%s was taken by another program: line %d of its plan is '%s', "
                "this program's is '%s' (sluice explain shows the plan); run the program that "
                "wrote it, or --state-reset to start over without its state",
                ctx->state_dir, name, line, a, b);
        return RT_CK_OTHER;
    }
    /* read everything before applying anything */
    uint64_t n_src = sl_load_u64(&r);
    if (r.err || n_src != (uint64_t)ctx->n_src) {
        *why = "its sources do not match the plan";
        return RT_CK_CORRUPT;
    }
    sl_rbuf srcs = r;
    for (int i = 0; i < ctx->n_src; i++) {
        rt_source *s = &ctx->src[i];
        sl_str sname = sl_load_str(&r), spath = sl_load_str(&r);
        for (int k = 0; k < 8; k++) sl_load_u64(&r);
        uint64_t parts = sl_load_u64(&r);
        if (r.err || parts > sl_rbuf_left(&r) / 24 || parts > INT32_MAX) {
            *why = "truncated";
            return RT_CK_CORRUPT;
        }
        for (uint64_t p = 0; p < parts * 3; p++) sl_load_u64(&r);
        uint64_t kparts = sl_load_u64(&r);
        if (r.err || kparts > sl_rbuf_left(&r) / 16 || kparts > INT32_MAX) {
            *why = "truncated";
            return RT_CK_CORRUPT;
        }
        for (uint64_t p = 0; p < kparts * 2; p++) sl_load_u64(&r);
        sl_load_u64(&r); /* dead letters: file length, count */
        sl_load_u64(&r);
        if (!rt_str_is(sname, s->desc->name)) {
            *why = "its sources do not match the plan";
            return RT_CK_CORRUPT;
        }
        if (!rt_str_is(spath, rt_src_path(s))) {
            rt_warn(ctx,
                    "checkpoint %s/%s: source %s read '%.*s' when it was taken, this run reads "
                    "'%s': its position would be wrong (use the same --input, or --state-reset)",
                    ctx->state_dir, name, s->desc->name, (int)(spath.n < 400 ? spath.n : 400),
                    spath.p, rt_src_path(s));
            return RT_CK_OTHER;
        }
    }
    uint64_t n_snk = sl_load_u64(&r);
    if (r.err || n_snk != (uint64_t)ctx->n_snk) {
        *why = "its sinks do not match the plan";
        return RT_CK_CORRUPT;
    }
    sl_rbuf snks = r;
    int probe_sink = -1; /* the transaction probe, rt_ckpt_aborted */
    int32_t probe_part = -1;
    int64_t probe_off = -1;
    for (int k = 0; k < ctx->n_snk; k++) {
        rt_sink *s = &ctx->snk[k];
        sl_str sname = sl_load_str(&r), spath = sl_load_str(&r);
        for (int j = 0; j < 3; j++) sl_load_u64(&r);
        int64_t part = sl_load_i64(&r), off = sl_load_i64(&r);
        if (!r.err && part >= 0 && s->desc->exactly_once) {
            probe_sink = k; /* checked after the layout: it talks to the brokers */
            probe_part = (int32_t)part;
            probe_off = off;
        }
        if (r.err || !rt_str_is(sname, s->desc->name)) {
            *why = "its sinks do not match the plan";
            return RT_CK_CORRUPT;
        }
        if (!rt_str_is(spath, rt_snk_path(s))) {
            rt_warn(ctx,
                    "checkpoint %s/%s: sink %s wrote '%.*s' when it was taken, this run writes "
                    "'%s' (use the same --output, or --state-reset)",
                    ctx->state_dir, name, s->desc->name, (int)(spath.n < 400 ? spath.n : 400),
                    spath.p, rt_snk_path(s));
            return RT_CK_OTHER;
        }
    }
    sl_load_u64(&r); /* finished */
    sl_str state = sl_load_str(&r);
    if (r.err || r.p != r.end) {
        *why = "its layout is wrong";
        return RT_CK_CORRUPT;
    }
    if (rt_ckpt_aborted(ctx, name, seq, probe_sink, probe_part, probe_off, why))
        return *why ? RT_CK_ABORTED : RT_CK_FAILED;
    /* apply */
    r = srcs;
    for (int i = 0; i < ctx->n_src; i++) {
        rt_source *s = &ctx->src[i];
        sl_load_str(&r);
        sl_load_str(&r);
        s->done = sl_load_u64(&r) != 0;
        s->pos = sl_load_i64(&r);
        s->line = sl_load_i64(&r);
        s->st.read = sl_load_u64(&r);
        s->st.malformed = sl_load_u64(&r);
        s->st.late = sl_load_u64(&r);
        s->st.skipped = sl_load_u64(&r);
        s->wm.current = sl_load_i64(&r);
        int parts = (int)sl_load_u64(&r);
        sl_wm_set_partitions(&s->wm, parts);
        for (int p = 0; p < parts; p++) {
            s->wm.part[p] = sl_load_i64(&r);
            s->wm.idle[p] = sl_load_u64(&r) != 0;
            s->wm.seen[p] = sl_load_u64(&r) != 0;
        }
        s->ck_parts = (int)sl_load_u64(&r);
        s->ck_next = malloc(sizeof *s->ck_next * (size_t)(s->ck_parts + 1));
        s->ck_stop = malloc(sizeof *s->ck_stop * (size_t)(s->ck_parts + 1));
        if (!s->ck_next || !s->ck_stop) rt_oom();
        for (int p = 0; p < s->ck_parts; p++) {
            s->ck_next[p] = sl_load_i64(&r);
            s->ck_stop[p] = sl_load_i64(&r);
        }
        s->dlq_committed = sl_load_i64(&r);
        s->dlq_count = sl_load_u64(&r);
        s->stall_wm = s->wm.current;
    }
    r = snks;
    for (int k = 0; k < ctx->n_snk; k++) {
        rt_sink *s = &ctx->snk[k];
        sl_load_str(&r);
        sl_load_str(&r);
        s->committed = sl_load_i64(&r);
        s->written = sl_load_u64(&r);
        s->lost = sl_load_u64(&r);
        sl_load_i64(&r); /* the transaction probe, checked above */
        sl_load_i64(&r);
    }
    ctx->ckpt_state = sl_rbuf_of(state.p, state.n);
    ctx->ckpt_seq = seq;
    ctx->restored = true;
    return RT_CK_OK;
}

int rt_checkpoint_restore(sl_ctx *ctx)
{
    const char *dir = ctx->state_dir;
    for (int i = 0; i < ctx->n_src; i++) {
        rt_source *s = &ctx->src[i];
        if (s->conn == SL_CONN_STDIO || (s->path && strcmp(s->path, "-") == 0)) {
            rt_warn(ctx,
                    "source %s reads stdin, which cannot be read again after a restart: "
                    "checkpoints (--state-dir) need its input in a file or a Kafka topic",
                    s->desc->name);
            return 2;
        }
    }
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        rt_warn(ctx, "--state-dir: cannot create '%s': %s", dir, strerror(errno));
        return 1;
    }
    ctx->state_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (ctx->state_fd < 0) {
        rt_warn(ctx, "--state-dir: cannot open '%s': %s", dir, strerror(errno));
        return 1;
    }
    ctx->lock_fd = openat(ctx->state_fd, "LOCK", O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (ctx->lock_fd < 0) {
        rt_warn(ctx, "--state-dir: cannot write in '%s': %s", dir, strerror(errno));
        return 1;
    }
    if (flock(ctx->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        rt_warn(ctx, "--state-dir: '%s' is in use by another run (its LOCK is held)", dir);
        return 1;
    }
    size_t n;
    uint64_t *list = rt_ckpt_list(ctx, &n);
    if (ctx->state_reset) {
        char name[64];
        for (size_t i = 0; i < n; i++) {
            rt_ckpt_name(name, sizeof name, list[i], false);
            if (unlinkat(ctx->state_fd, name, 0) != 0 && errno != ENOENT) {
                rt_warn(ctx, "--state-reset: cannot remove %s/%s: %s", dir, name, strerror(errno));
                free(list);
                return 1;
            }
        }
        if (n) fsync(ctx->state_fd);
        free(list);
        return -1;
    }
    size_t corrupt = 0, aborted = 0;
    for (size_t i = 0; i < n; i++) {
        char name[64];
        rt_ckpt_name(name, sizeof name, list[i], false);
        const char *why = NULL;
        rt_ck_result res;
        if (!rt_ckpt_read(ctx, name, &ctx->ckpt_file)) {
            why = strerror(errno);
            res = RT_CK_CORRUPT;
        } else {
            res = rt_ckpt_parse(ctx, name, &why);
        }
        if (res == RT_CK_OTHER || res == RT_CK_FAILED) {
            free(list);
            return res == RT_CK_OTHER ? 2 : 1;
        }
        if (res == RT_CK_OK) {
            if (corrupt || aborted) rt_warn(ctx, "using checkpoint %s/%s instead", dir, name);
            /* the next checkpoint is numbered after every file here, so it
             * is the newest even when newer ones were unusable */
            ctx->ckpt_restored = ctx->ckpt_seq;
            ctx->ckpt_seq = list[0];
            free(list);
            return -1;
        }
        if (res == RT_CK_ABORTED)
            aborted++;
        else
            corrupt++;
        rt_warn(ctx, "checkpoint %s/%s is unusable: %s", dir, name, why);
    }
    if (aborted && !corrupt) {
        /* the first checkpoint's transaction was aborted: nothing of this
         * state directory reached the topic, so the run starts over */
        rt_warn(ctx, "starting from the beginning (no earlier checkpoint)");
        ctx->ckpt_seq = list[0];
    }
    free(list);
    if (corrupt) {
        rt_warn(ctx,
                "no usable checkpoint in '%s' (%zu unusable): refusing to start over on my own "
                "(--state-reset does)",
                dir, corrupt);
        return 1;
    }
    return -1;
}

/* Monotonic clock, microseconds (checkpoint timings). */
static int64_t rt_mono_us(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

bool rt_checkpoint_load_state(sl_ctx *ctx)
{
    const sl_program *p = ctx->prog;
    int64_t t0 = rt_mono_us();
    sl_rbuf r = ctx->ckpt_state;
    if (!p->load || !p->load(ctx->state, &r) || r.err || r.p != r.end) {
        rt_fatal(ctx, "checkpoint %s: the operator state does not load", ctx->state_dir);
        return false;
    }
    sl_buf_free(&ctx->ckpt_file);
    ctx->ckpt_state = sl_rbuf_of(NULL, 0);
    ctx->ckpt_load_us = rt_mono_us() - t0;
    return true;
}

bool rt_checkpoint_take(sl_ctx *ctx, bool finished)
{
    const sl_program *prog = ctx->prog;
    int64_t t0 = rt_mono_us();
    ctx->ckpt_next_ms = rt_mono_ms() + ctx->ckpt_interval_ms;
    /* the sinks first: what the checkpoint commits must be on disk, and
     * every message before it delivered to Kafka (at-least-once) */
    rt_file_sinks_flush_all(ctx);
    if (!rt_dlq_flush_all(ctx, true)) return false;
    if (!rt_kafka_sinks_drain(ctx)) {
        if (!ctx->stop)
            rt_warn(ctx,
                    "checkpoint not taken: messages to Kafka were not all delivered in time "
                    "(the next run continues from checkpoint %llu and sends them again)",
                    (unsigned long long)ctx->ckpt_seq);
        return false;
    }
    for (int k = 0; k < ctx->n_snk; k++) {
        rt_sink *s = &ctx->snk[k];
        if (s->failed) return false; /* the run is failing already */
        if (s->conn == SL_CONN_FILESYSTEM && s->fd > STDERR_FILENO && fdatasync(s->fd) != 0 &&
            errno != EINVAL) {
            rt_fatal(ctx, "checkpoint: sink %s: sync '%s': %s", s->desc->name, s->path,
                     strerror(errno));
            s->failed = true;
            return false;
        }
    }
    sl_buf *b = &ctx->ckpt_buf, *body = &ctx->ckpt_body;
    b->n = body->n = 0;
    uint64_t seq = ctx->ckpt_seq + 1;
    sl_buf_put(b, rt_ckpt_magic, sizeof rt_ckpt_magic);
    sl_save_u64(b, RT_CKPT_VERSION);
    sl_save_u64(b, seq);
    const char *plan = prog->plan ? prog->plan : "";
    sl_save_bytes(b, plan, strlen(plan));
    sl_save_u64(b, (uint64_t)ctx->n_src);
    for (int i = 0; i < ctx->n_src; i++) {
        const rt_source *s = &ctx->src[i];
        const char *path = rt_src_path(s);
        sl_save_bytes(b, s->desc->name, strlen(s->desc->name));
        sl_save_bytes(b, path, strlen(path));
        sl_save_u64(b, s->done);
        sl_save_i64(b, s->pos);
        sl_save_i64(b, s->line);
        sl_save_u64(b, s->st.read);
        sl_save_u64(b, s->st.malformed);
        sl_save_u64(b, s->st.late);
        sl_save_u64(b, s->st.skipped);
        sl_save_i64(b, s->wm.current);
        sl_save_u64(b, (uint64_t)s->wm.n_parts);
        for (int p = 0; p < s->wm.n_parts; p++) {
            sl_save_i64(b, s->wm.part[p]);
            sl_save_u64(b, s->wm.idle[p]);
            sl_save_u64(b, s->wm.seen[p]);
        }
        const int64_t *next, *stop;
        int kparts = rt_kafka_source_positions(ctx, i, &next, &stop);
        sl_save_u64(b, (uint64_t)kparts);
        for (int p = 0; p < kparts; p++) {
            sl_save_i64(b, next[p]);
            sl_save_i64(b, stop[p]);
        }
        sl_save_i64(b, s->dlq_fd >= 0 ? (int64_t)s->dlq_bytes : -1);
        sl_save_u64(b, s->dlq_count);
    }
    sl_save_u64(b, (uint64_t)ctx->n_snk);
    for (int k = 0; k < ctx->n_snk; k++) {
        const rt_sink *s = &ctx->snk[k];
        const char *path = rt_snk_path(s);
        sl_save_bytes(b, s->desc->name, strlen(s->desc->name));
        sl_save_bytes(b, path, strlen(path));
        sl_save_i64(b, s->conn == SL_CONN_FILESYSTEM ? (int64_t)s->bytes : -1);
        sl_save_u64(b, s->written);
        sl_save_u64(b, s->lost);
        int32_t part;
        int64_t off;
        rt_kafka_txn_probe(ctx, k, &part, &off);
        sl_save_i64(b, part);
        sl_save_i64(b, off);
    }
    sl_save_u64(b, finished);
    if (prog->save && ctx->state) prog->save(ctx->state, body);
    sl_save_bytes(b, body->p, body->n);
    sl_save_u64(b, sl_hash_bytes(b->p, b->n, 0));

    char tmp[64], name[64];
    rt_ckpt_name(tmp, sizeof tmp, seq, true);
    rt_ckpt_name(name, sizeof name, seq, false);
    int fd = openat(ctx->state_fd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    bool ok = fd >= 0 && rt_write_all(fd, b->p, b->n, NULL) && fsync(fd) == 0;
    int err = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        ok = false;
        err = errno;
    }
    if (ok && renameat(ctx->state_fd, tmp, ctx->state_fd, name) != 0) {
        ok = false;
        err = errno;
    }
    if (!ok) {
        unlinkat(ctx->state_fd, tmp, 0);
        char prev[64] = "none";
        if (ctx->ckpt_seq) rt_ckpt_name(prev, sizeof prev, ctx->ckpt_seq, false);
        rt_fatal(ctx,
                 "checkpoint: cannot write %s/%s (%zu bytes): %s; stopping (the previous "
                 "checkpoint, %s, is intact)",
                 ctx->state_dir, tmp, b->n, strerror(err), prev);
        return false;
    }
    fsync(ctx->state_fd);
    /* durable: now the exactly-once sinks' transactions may commit (a crash
     * before they do is found by the next run, rt_ckpt_aborted) */
    if (!rt_kafka_txn_commit_all(ctx)) return false;
    ctx->ckpt_seq = seq;
    ctx->ckpt_taken++;
    ctx->ckpt_last_bytes = b->n;
    ctx->ckpt_last_us = rt_mono_us() - t0;
    ctx->ckpt_done_ms = rt_mono_ms();
    rt_kafka_commit_positions(ctx);
    /* keep the last few: fallbacks when the newest is found damaged */
    size_t n;
    uint64_t *list = rt_ckpt_list(ctx, &n);
    for (size_t i = RT_CKPT_KEEP; i < n; i++) {
        rt_ckpt_name(name, sizeof name, list[i], false);
        unlinkat(ctx->state_fd, name, 0);
    }
    free(list);
    return true;
}

void rt_checkpoint_close(sl_ctx *ctx)
{
    if (ctx->lock_fd >= 0) close(ctx->lock_fd);
    if (ctx->state_fd >= 0) close(ctx->state_fd);
    ctx->lock_fd = ctx->state_fd = -1;
    sl_buf_free(&ctx->ckpt_file);
    sl_buf_free(&ctx->ckpt_buf);
    sl_buf_free(&ctx->ckpt_body);
    for (int i = 0; i < ctx->n_src; i++) {
        free(ctx->src[i].ck_next);
        free(ctx->src[i].ck_stop);
        ctx->src[i].ck_next = ctx->src[i].ck_stop = NULL;
        ctx->src[i].ck_parts = 0;
    }
}

/* rt_file.c - file and stdin sources (JSON lines), file and stdout sinks.
 *
 * Sources read blocks of whole lines with read(2), for regular files on a
 * reader thread several blocks ahead, which also finds the line ends, so
 * there is no syscall, no copy and no line search per record on the main
 * thread: records are views into the block.
 * Sinks append encoded records to one buffer and write(2) it when it
 * passes a chunk's size (256 KB, growing with the output to
 * RT_SINK_CHUNK), on a writer thread. The kernel's copies (out
 * of the page cache, into it) cost about as much as decoding or encoding,
 * so they overlap the program on two cores (docs/architecture.md, "The
 * runtime seam"). */
#include "rt_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bytes per block of input, and blocks in flight between the reader and
 * the main thread: blocks of 256 KB stay in the cache that the two cores
 * share between the reader's copy and the parse. A block doubles for lines
 * longer than it. A full ring puts the reader to sleep until half of it is
 * free (RT_READER_WAKE filled or fewer), so that the main thread wakes it
 * once per eight blocks rather than once per block: a wake-up costs tens
 * of microseconds on a VM. */
enum { RT_READER_BLOCK = 256 << 10, RT_READER_BLOCKS = 16, RT_READER_WAKE = 8 };
/* The reader decodes a block ahead when at least this many filled blocks
 * wait for the main thread (rt_reader_run). Measured on the benchmark
 * queries (2 cores): COUNT(DISTINCT) per day 0.24 s without decoding ahead,
 * 0.19-0.20 s with 2 to 12 and 0.24 s with 1 (the reader, decoding nearly
 * everything, became the slower thread); the changelog, whose operators
 * and sink keep the main thread busy, was the same with each. */
enum { RT_DECODE_AHEAD_MIN = 4 };

static inline bool rt_is_stdio(const char *path)
{
    return path && strcmp(path, "-") == 0;
}

bool rt_file_source_open(sl_ctx *ctx, int i)
{
    rt_source *s = &ctx->src[i];
    if (s->conn == SL_CONN_STDIO || rt_is_stdio(s->path)) {
        s->fd = STDIN_FILENO;
        return true;
    }
    if (!s->path || !*s->path) {
        rt_warn(ctx, "source %s: no path (declare 'path' or use --input %s=PATH)", s->desc->name,
                s->desc->name);
        return false;
    }
    s->fd = open(s->path, O_RDONLY | O_CLOEXEC);
    if (s->fd < 0) {
        rt_warn(ctx, "source %s: cannot open '%s': %s", s->desc->name, s->path, strerror(errno));
        return false;
    }
    struct stat stt;
    if (fstat(s->fd, &stt) == 0 && S_ISDIR(stt.st_mode)) {
        rt_warn(ctx, "source %s: cannot read '%s': %s", s->desc->name, s->path, strerror(EISDIR));
        close(s->fd);
        s->fd = -1;
        return false;
    }
#ifdef POSIX_FADV_SEQUENTIAL
    posix_fadvise(s->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
    return true;
}

/* The record of the line of *n bytes at p (without its '\n'): strips a
 * trailing '\r' from *n; false for a blank line, which is skipped. */
static inline bool rt_line_record(const char *p, size_t *n)
{
    if (*n && p[*n - 1] == '\r') --*n;
    /* Most lines start with '{': one compare before the full blank test
     * (every blank byte is <= ' '). */
    return *n != 0 && ((unsigned char)p[0] > ' ' || !rt_blank(p, *n));
}

/* Starts a helper thread (the reader or the writer below) running
 * run(arg); false when it cannot. SIGINT and SIGTERM stay with the main
 * thread, whose handler stops the run; SIGPIPE stays with whoever writes,
 * as from one thread. */
static bool rt_thread_start(pthread_t *t, void *(*run)(void *), void *arg)
{
    sigset_t all, old;
    sigfillset(&all);
    sigdelset(&all, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &all, &old);
    bool ok = pthread_create(t, NULL, run, arg) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return ok;
}

/* What the reader found in a line it decoded (rt_block.kind). */
enum { RT_LINE_ROW, RT_LINE_BLANK, RT_LINE_MALFORMED };

/* One block of input: whole lines, except the last block of the input,
 * which ends with its last line even without a '\n'. When the reader
 * decodes ahead, the block also holds each line's decoded row, and the
 * strings the decoder unescaped: they live as long as the block's bytes. */
typedef struct rt_block {
    sl_buf buf;       /* the input bytes: buf.n of them */
    sl_buf ends;      /* size_t each: where each line ends (its '\n', or buf.n) */
    size_t first;     /* where the first line starts (after a byte order mark) */
    int64_t base;     /* file offset of buf.p[0] */
    int err;          /* read(2)'s errno: the input ends here, buf is empty */
    bool eof;         /* the last block */
    bool decoded;     /* rows and kind are filled */
    sl_buf rows;      /* decoded ahead: row_size bytes per line */
    sl_buf kind;      /* decoded ahead: RT_LINE_* per line */
    sl_arena strings; /* decoded ahead: the decoder's scratch */
} rt_block;

/* The reader of a file source: fills a ring of blocks with read(2), each
 * ending at a line boundary, in order. For a regular file it runs on its
 * own thread, a few blocks ahead of the main thread, so the kernel's copy
 * out of the page cache overlaps the decoding and the main thread parses
 * bytes that are already in the shared cache; input that may block (pipe,
 * terminal) is read in-line, so that the sinks are flushed before each
 * read (docs/architecture.md, "The runtime seam"). Under mu: n_filled,
 * head, stop, and a block's ownership (filled blocks belong to the main
 * thread until released, the others to the reader). */
typedef struct rt_reader {
    int fd;
    int64_t off;  /* file offset of the next read */
    sl_buf carry; /* the incomplete line after the last block's end */
    rt_block blk[RT_READER_BLOCKS];
    unsigned head;       /* the block the main thread takes next */
    unsigned n_filled;   /* filled blocks from head on */
    bool threaded, stop; /* stop: the main thread is done with the input */
    /* decoding ahead (threaded only; prog NULL: off): the program's decode
     * of source `source` on the reader thread, with a context of its own
     * (errors, scratch) and the source's decoder cache */
    const sl_program *prog;
    int source;
    unsigned ahead_min; /* RT_DECODE_AHEAD_MIN, or 0 (SLUICE_TEST_DECODE=ahead) */
    size_t row_size;
    sl_ctx *dctx;
    void *dcache;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t filled, freed;
} rt_reader;

/* Fills b with the carried incomplete line and then read(2)s until it
 * holds at least one '\n' or the input ends; what follows the last '\n' is
 * carried into the next block. A block is 256 KB, doubled while a line
 * does not fit. */
static void rt_reader_fill(rt_reader *r, rt_block *b)
{
    sl_buf *buf = &b->buf;
    buf->n = 0;
    if (r->carry.n) sl_buf_put(buf, r->carry.p, r->carry.n);
    size_t scan = buf->n; /* the carried bytes hold no '\n' */
    b->base = r->off - (int64_t)r->carry.n;
    b->err = 0;
    b->eof = false;
    r->carry.n = 0;
    for (;;) {
        sl_buf_reserve(buf, RT_READER_BLOCK / 2);
        ssize_t got = read(r->fd, buf->p + buf->n, buf->cap - buf->n);
        if (got < 0 && errno == EINTR) {
            if (!rt_signalled) continue;
            /* SIGINT/SIGTERM while an in-line read waits (the thread
             * blocks them): an empty block, so that the main thread sees
             * the signal and stops; the line so far stays carried */
            if (buf->n) sl_buf_put(&r->carry, buf->p, buf->n);
            buf->n = 0;
            return;
        }
        if (got < 0) {
            b->err = errno;
            buf->n = 0;
            b->eof = true;
            return;
        }
        if (got == 0) { /* a last line without '\n' counts */
            b->eof = true;
            return;
        }
        buf->n += (size_t)got;
        r->off += got;
        const char *nl = memrchr(buf->p + scan, '\n', buf->n - scan);
        if (nl) {
            size_t lines = (size_t)(nl - buf->p) + 1;
            if (buf->n > lines) sl_buf_put(&r->carry, nl + 1, buf->n - lines);
            buf->n = lines;
            return;
        }
        scan = buf->n;
    }
}

/* Length of a UTF-8 byte order mark at the start of the n bytes at p (0 or
 * 3). A BOM before the first line is not data; JSON parsers such as
 * Flink's Jackson skip it too. */
static size_t rt_bom_len(const char *p, size_t n)
{
    return n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* Finds the lines of filled block b (b->first, b->ends). On the reader
 * thread, so that the main thread's loop over lines has no memchr. */
static void rt_block_index(rt_block *b)
{
    const char *p = b->buf.p;
    size_t len = b->buf.n, start = b->base == 0 ? rt_bom_len(p, len) : 0;
    b->first = start;
    b->ends.n = 0;
    while (start < len) {
        const char *nl = memchr(p + start, '\n', len - start);
        size_t e = nl ? (size_t)(nl - p) : len;
        sl_buf_put(&b->ends, &e, sizeof e);
        start = e + 1;
    }
}

/* Decodes the lines of indexed block b into b->rows and b->kind with the
 * program's decode, on the reader thread (docs/architecture.md, "The
 * runtime seam"). A malformed line is only marked: the main thread decodes
 * it again through on_record, which reports it as it would have. */
static void rt_block_decode(rt_reader *r, rt_block *b)
{
    const char *p = b->buf.p;
    const size_t *ends = (const size_t *)(void *)b->ends.p;
    size_t n_lines = b->ends.n / sizeof *ends, start = b->first, rs = r->row_size;
    b->rows.n = b->kind.n = 0;
    if (rs && n_lines > SIZE_MAX / rs) rt_oom();
    sl_buf_reserve(&b->rows, n_lines * rs);
    sl_buf_reserve(&b->kind, n_lines);
    sl_arena_reset(&b->strings);
    r->dctx->scratch = b->strings;
    char *row = b->rows.p;
    unsigned char *kind = (unsigned char *)b->kind.p;
    for (size_t j = 0; j < n_lines; j++, row += rs) {
        size_t n = ends[j] - start;
        if (!rt_line_record(p + start, &n))
            kind[j] = RT_LINE_BLANK;
        else if (r->prog->decode(r->dctx, r->source, p + start, n, row, r->dcache) == SL_OK)
            kind[j] = RT_LINE_ROW;
        else
            kind[j] = RT_LINE_MALFORMED;
        start = ends[j] + 1;
    }
    b->strings = r->dctx->scratch;
    r->dctx->scratch = (sl_arena){0};
    b->rows.n = n_lines * rs;
    b->kind.n = n_lines;
    b->decoded = true;
}

static void *rt_reader_run(void *arg)
{
    rt_reader *r = arg;
    for (unsigned k = 0;; k = (k + 1) % RT_READER_BLOCKS) {
        pthread_mutex_lock(&r->mu);
        if (r->n_filled == RT_READER_BLOCKS)
            while (r->n_filled > RT_READER_WAKE && !r->stop) pthread_cond_wait(&r->freed, &r->mu);
        bool stop = r->stop;
        pthread_mutex_unlock(&r->mu);
        if (stop) break;
        rt_block *b = &r->blk[k];
        rt_reader_fill(r, b);
        rt_block_index(b);
        b->decoded = false;
        if (r->prog) {
            /* Decode only while the main thread has a block to work on:
             * when it waits, it gets the block now and decodes it itself,
             * so the decoding splits between the threads as their loads
             * allow (a cheap query leaves much of it to the main thread,
             * an expensive one leaves it all to the reader). */
            pthread_mutex_lock(&r->mu);
            bool busy = r->n_filled >= r->ahead_min;
            pthread_mutex_unlock(&r->mu);
            if (busy) rt_block_decode(r, b);
        }
        pthread_mutex_lock(&r->mu);
        r->n_filled++;
        pthread_cond_signal(&r->filled);
        pthread_mutex_unlock(&r->mu);
        if (b->eof) break;
    }
    return NULL;
}

/* Starts reading fd at offset off (where it is positioned), on a thread
 * when threaded and one can be started. With prog (not NULL) the thread
 * also decodes the lines of source `source` ahead (its row_size is not 0)
 * while ahead_min blocks wait for the main thread. */
static rt_reader *rt_reader_start(int fd, int64_t off, bool threaded, const sl_program *prog,
                                  int source, unsigned ahead_min)
{
    rt_reader *r = calloc(1, sizeof *r);
    if (!r) rt_oom();
    r->fd = fd;
    r->off = off;
    if (!threaded) return r;
    if (prog) {
        const sl_source_desc *d = &prog->sources[source];
        r->prog = prog;
        r->source = source;
        r->ahead_min = ahead_min;
        r->row_size = d->row_size;
        r->dctx = calloc(1, sizeof *r->dctx);
        r->dcache = calloc(1, d->decode_cache_size ? d->decode_cache_size : 1);
        if (!r->dctx || !r->dcache) rt_oom();
        r->dctx->prog = prog;
    }
    pthread_mutex_init(&r->mu, NULL);
    pthread_cond_init(&r->filled, NULL);
    pthread_cond_init(&r->freed, NULL);
    r->threaded = rt_thread_start(&r->thread, rt_reader_run, r);
    if (!r->threaded) {
        pthread_mutex_destroy(&r->mu);
        pthread_cond_destroy(&r->filled);
        pthread_cond_destroy(&r->freed);
        r->prog = NULL; /* in-line: the main thread decodes */
    }
    return r;
}

/* The next block of input, in order; the caller releases it before asking
 * for the next one. */
static rt_block *rt_reader_next(rt_reader *r)
{
    rt_block *b = &r->blk[r->head];
    if (!r->threaded) {
        rt_reader_fill(r, b);
        rt_block_index(b);
        return b;
    }
    pthread_mutex_lock(&r->mu);
    while (r->n_filled == 0) pthread_cond_wait(&r->filled, &r->mu);
    pthread_mutex_unlock(&r->mu);
    return b;
}

static void rt_reader_release(rt_reader *r)
{
    r->head = (r->head + 1) % RT_READER_BLOCKS;
    if (!r->threaded) return;
    pthread_mutex_lock(&r->mu);
    if (--r->n_filled == RT_READER_WAKE) pthread_cond_signal(&r->freed);
    pthread_mutex_unlock(&r->mu);
}

/* Stops the reader (it may be blocks ahead: they are dropped) and frees
 * it. */
static void rt_reader_stop(rt_reader *r)
{
    if (r->threaded) {
        pthread_mutex_lock(&r->mu);
        r->stop = true;
        pthread_cond_signal(&r->freed);
        pthread_mutex_unlock(&r->mu);
        pthread_join(r->thread, NULL);
        pthread_mutex_destroy(&r->mu);
        pthread_cond_destroy(&r->filled);
        pthread_cond_destroy(&r->freed);
    }
    for (int k = 0; k < RT_READER_BLOCKS; k++) {
        sl_buf_free(&r->blk[k].buf);
        sl_buf_free(&r->blk[k].ends);
        sl_buf_free(&r->blk[k].rows);
        sl_buf_free(&r->blk[k].kind);
        sl_arena_free(&r->blk[k].strings);
    }
    sl_buf_free(&r->carry);
    free(r->dctx);
    free(r->dcache);
    free(r);
}

void rt_file_source_run(sl_ctx *ctx, int i)
{
    rt_source *s = &ctx->src[i];
    struct stat stt;
    /* Input that may block (pipe, terminal, socket) is read in-line, the
     * sinks flushed before each read so that results of a slow stream are
     * not held back. */
    bool may_block = !(fstat(s->fd, &stt) == 0 && S_ISREG(stt.st_mode));
    errno = 0;
    if (s->pos > 0 &&
        ((!may_block && stt.st_size < s->pos) || lseek(s->fd, s->pos, SEEK_SET) != s->pos)) {
        /* a restored run goes on from the checkpoint's position */
        rt_fatal(ctx, "source %s: cannot seek '%s' to byte %lld, where the checkpoint is: %s",
                 s->desc->name, s->path, (long long)s->pos,
                 errno ? strerror(errno) : "the file is shorter");
        return;
    }
    /* stdin may come positioned past its start: offsets count from there */
    int64_t at = s->pos > 0 ? s->pos : (int64_t)lseek(s->fd, 0, SEEK_CUR);
    /* Decoding ahead on the reader thread when the program can. Whether a
     * block is decoded there depends on timing; the results do not.
     * SLUICE_TEST_DECODE (tests only) fixes the path so that both can be
     * compared: "inline" decodes every record on the main thread, "ahead"
     * every record it can on the reader. */
    const char *mode = getenv("SLUICE_TEST_DECODE");
    bool ahead = ctx->prog->decode && s->desc->row_size && !(mode && !strcmp(mode, "inline"));
    rt_reader *r = rt_reader_start(s->fd, at > 0 ? at : 0, !may_block, ahead ? ctx->prog : NULL, i,
                                   mode && !strcmp(mode, "ahead") ? 0 : RT_DECODE_AHEAD_MIN);
    sl_recmeta meta = {.partition = 0, .offset = s->line, .timestamp = SL_TS_MIN};
    bool eof = false;
    while (!eof && !ctx->stop && !rt_signalled) {
        if (may_block) {
            rt_file_sinks_flush_all(ctx);
            rt_flush_stderr(ctx);
            rt_metrics_publish(ctx, true); /* the read may wait: metrics as of now */
            rt_progress(ctx);
        }
        rt_block *b = rt_reader_next(r);
        if (b->err) {
            rt_fatal(ctx, "source %s: read '%s': %s", s->desc->name,
                     s->fd == STDIN_FILENO ? "<stdin>" : s->path, strerror(b->err));
            rt_reader_release(r);
            break;
        }
        const char *p = b->buf.p;
        const size_t *ends = (const size_t *)(void *)b->ends.p;
        size_t len = b->buf.n, start = b->first, n_lines = b->ends.n / sizeof *ends, j = 0;
        const char *rows = b->decoded ? b->rows.p : NULL;
        const unsigned char *kind = (const unsigned char *)b->kind.p;
        size_t rs = s->desc->row_size;
        for (; j < n_lines && !ctx->stop && !rt_signalled; j++) {
            size_t e = ends[j], n = e - start;
            meta.offset++;
            /* the position a checkpoint taken after this record resumes at */
            s->pos = b->base + (int64_t)(e < len ? e + 1 : e);
            s->line = meta.offset;
            if (rows && kind[j] == RT_LINE_ROW) {
                if (p[start + n - 1] == '\r') n--;
                rt_deliver_row(ctx, i, rows + j * rs, p + start, n, &meta);
            } else if (rt_line_record(p + start, &n)) {
                /* (a line the reader found malformed is decoded again by
                 * on_record, which reports it) */
                rt_deliver(ctx, i, p + start, n, &meta);
            }
            start = e + 1;
        }
        eof = b->eof && j == n_lines;
        rt_reader_release(r);
        rt_flush_stderr(ctx);
    }
    rt_reader_stop(r);
    if (eof && !ctx->stop && !rt_signalled) rt_source_finish(ctx, i);
}

void rt_file_source_close(sl_ctx *ctx, int i)
{
    rt_source *s = &ctx->src[i];
    if (s->fd > STDIN_FILENO) close(s->fd);
    s->fd = -1;
}

/* Identity of the file at path (following links) as *st; false when it
 * does not exist (or cannot be inspected: then opening it will say why). */
static bool rt_stat(const char *path, struct stat *st)
{
    return stat(path, st) == 0;
}

static bool rt_same_file(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* The file behind sink k's fd-to-be (stdout for print and "-"). */
static bool rt_sink_target(const rt_sink *s, struct stat *st)
{
    if (s->conn == SL_CONN_PRINT || s->conn == SL_CONN_STDIO || rt_is_stdio(s->path))
        return fstat(STDOUT_FILENO, st) == 0 && S_ISREG(st->st_mode);
    return s->path && *s->path && rt_stat(s->path, st);
}

int rt_file_input_at(sl_ctx *ctx, const struct stat *out)
{
    for (int i = 0; i < ctx->n_src; i++) {
        struct stat in;
        if (ctx->src[i].fd >= 0 && fstat(ctx->src[i].fd, &in) == 0 && rt_same_file(&in, out))
            return i;
    }
    return -1;
}

int rt_file_sinks_check(sl_ctx *ctx)
{
    for (int k = 0; k < ctx->n_snk; k++) {
        rt_sink *s = &ctx->snk[k];
        struct stat out;
        if (s->conn == SL_CONN_KAFKA || !rt_sink_target(s, &out)) continue;
        const char *shown =
            s->conn == SL_CONN_FILESYSTEM && !rt_is_stdio(s->path) ? s->path : "<stdout>";
        int i = rt_file_input_at(ctx, &out);
        if (i >= 0) {
            rt_source *src = &ctx->src[i];
            rt_warn(ctx,
                    "sink %s: %s is the file that source %s reads (%s); refusing to overwrite "
                    "it: nothing was written (choose another --output)",
                    s->desc->name, shown, src->desc->name,
                    src->fd == STDIN_FILENO ? "<stdin>" : src->path);
            return 2;
        }
        for (int j = 0; j < k; j++) {
            struct stat other;
            if (ctx->snk[j].conn == SL_CONN_KAFKA || !rt_sink_target(&ctx->snk[j], &other) ||
                !rt_same_file(&other, &out) || shown[0] == '<')
                continue;
            rt_warn(ctx,
                    "sinks %s and %s both write %s; each file sink needs a file of its own: "
                    "nothing was written",
                    ctx->snk[j].desc->name, s->desc->name, shown);
            return 2;
        }
    }
    /* Sinks whose files do not exist yet: the same path twice. */
    for (int k = 0; k < ctx->n_snk; k++) {
        rt_sink *s = &ctx->snk[k];
        struct stat st;
        if (s->conn != SL_CONN_FILESYSTEM || !s->path || rt_is_stdio(s->path) ||
            rt_stat(s->path, &st))
            continue;
        for (int j = 0; j < k; j++)
            if (ctx->snk[j].conn == SL_CONN_FILESYSTEM && ctx->snk[j].path &&
                strcmp(ctx->snk[j].path, s->path) == 0) {
                rt_warn(ctx,
                        "sinks %s and %s both write %s; each file sink needs a file of its own: "
                        "nothing was written",
                        ctx->snk[j].desc->name, s->desc->name, s->path);
                return 2;
            }
    }
    return -1;
}

int rt_file_open_output(sl_ctx *ctx, const char *what, const char *path, int64_t committed)
{
    int fd = open(path, O_WRONLY | O_CREAT | (committed >= 0 ? 0 : O_TRUNC) | O_CLOEXEC, 0644);
    if (fd < 0) {
        rt_warn(ctx, "%s: cannot open '%s': %s", what, path, strerror(errno));
        return -1;
    }
    struct stat st;
    /* a restored run: what came after the checkpoint is written again; a
     * pipe or /dev/null has nothing to cut */
    if (committed < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return fd;
    if (st.st_size < committed) {
        rt_warn(ctx,
                "%s: '%s' has %lld bytes, fewer than the %lld its checkpoint committed: it was "
                "changed since (restore it, or --state-reset to start over)",
                what, path, (long long)st.st_size, (long long)committed);
    } else if (ftruncate(fd, committed) != 0 || lseek(fd, committed, SEEK_SET) < 0) {
        rt_warn(ctx, "%s: cannot cut '%s' back to its committed %lld bytes: %s", what, path,
                (long long)committed, strerror(errno));
    } else {
        return fd;
    }
    close(fd);
    return -1;
}

bool rt_write_all(int fd, const char *p, size_t n, uint64_t *done)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w < 0) return false;
        p += w;
        n -= (size_t)w;
        if (done) *done += (uint64_t)w;
    }
    return true;
}

bool rt_file_sink_open(sl_ctx *ctx, int k)
{
    rt_sink *s = &ctx->snk[k];
    if (s->conn == SL_CONN_PRINT || s->conn == SL_CONN_STDIO || rt_is_stdio(s->path)) {
        s->fd = STDOUT_FILENO;
    } else {
        if (!s->path || !*s->path) {
            rt_warn(ctx, "sink %s: no path (declare 'path' or use --output %s=PATH)", s->desc->name,
                    s->desc->name);
            return false;
        }
        char what[512];
        snprintf(what, sizeof what, "sink %s", s->desc->name);
        s->fd = rt_file_open_output(ctx, what, s->path, s->committed);
        if (s->fd < 0) return false;
        /* a restored run keeps what its checkpoint committed */
        if (s->committed >= 0) s->bytes = (uint64_t)s->committed;
    }
    sl_buf_reserve(&s->buf, RT_SINK_CHUNK_FIRST + 4096);
    return true;
}

/* Records (newlines) in the n bytes at p. */
static uint64_t rt_count_lines(const char *p, size_t n)
{
    uint64_t c = 0;
    for (const char *e = p + n; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++) c++;
    return c;
}

/* The file sinks' writer thread: write(2)s the chunks handed to it in the
 * order they came (so two sinks on stdout interleave as they would from one
 * thread), one chunk per sink at most. Everything it touches in a sink
 * (fd, out, out_busy/out_wrote/out_errno) is handed over under mu. */
typedef struct rt_writer {
    sl_ctx *ctx;
    pthread_t thread;
    pthread_mutex_t mu;
    pthread_cond_t work, done;
    int *queue; /* sink numbers, a ring of n_snk slots */
    int head, n;
    bool stop;
} rt_writer;

static void *rt_writer_run(void *arg)
{
    rt_writer *w = arg;
    pthread_mutex_lock(&w->mu);
    for (;;) {
        while (w->n == 0 && !w->stop) pthread_cond_wait(&w->work, &w->mu);
        if (w->n == 0) break;
        rt_sink *s = &w->ctx->snk[w->queue[w->head]];
        int fd = s->fd;
        const char *p = s->out.p;
        size_t n = s->out.n;
        pthread_mutex_unlock(&w->mu);
        uint64_t wrote = 0;
        int err = rt_write_all(fd, p, n, &wrote) ? 0 : errno;
        pthread_mutex_lock(&w->mu);
        s->out_wrote = wrote;
        s->out_errno = err;
        s->out_busy = false;
        w->head = (w->head + 1) % w->ctx->n_snk;
        w->n--;
        pthread_cond_broadcast(&w->done);
    }
    pthread_mutex_unlock(&w->mu);
    return NULL;
}

/* Starts the writer thread; NULL when it cannot (the caller writes
 * itself). */
static rt_writer *rt_writer_start(sl_ctx *ctx)
{
    rt_writer *w = calloc(1, sizeof *w);
    int *queue = calloc((size_t)ctx->n_snk, sizeof *queue);
    if (!w || !queue) rt_oom();
    w->ctx = ctx;
    w->queue = queue;
    pthread_mutex_init(&w->mu, NULL);
    pthread_cond_init(&w->work, NULL);
    pthread_cond_init(&w->done, NULL);
    if (rt_thread_start(&w->thread, rt_writer_run, w)) return w;
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->work);
    pthread_cond_destroy(&w->done);
    free(queue);
    free(w);
    return NULL;
}

void rt_file_writer_stop(sl_ctx *ctx)
{
    rt_writer *w = ctx->writer;
    if (!w) return;
    pthread_mutex_lock(&w->mu);
    w->stop = true;
    pthread_cond_signal(&w->work);
    pthread_mutex_unlock(&w->mu);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->work);
    pthread_cond_destroy(&w->done);
    free(w->queue);
    free(w);
    ctx->writer = NULL;
}

/* Accounts for sink k's chunk once written: bytes, records written or
 * lost, and a failure (fatal for the run). */
static void rt_sink_written(sl_ctx *ctx, rt_sink *s, uint64_t wrote, int err)
{
    s->bytes += wrote;
    if (err) {
        rt_fatal(ctx, "sink %s: write '%s': %s", s->desc->name,
                 s->fd == STDOUT_FILENO ? "<stdout>" : s->path, strerror(err));
        s->failed = true;
        /* only whole records that reached the file count as written */
        uint64_t done = rt_count_lines(s->out.p, (size_t)wrote);
        s->written += done;
        s->lost += s->out_records - done;
    } else {
        s->written += s->out_records;
    }
    s->out.n = 0;
    s->out_records = 0;
}

/* Waits for sink k's chunk at the writer, if any, and accounts for it. */
static void rt_sink_collect(sl_ctx *ctx, rt_sink *s)
{
    if (!s->out_submitted) return;
    rt_writer *w = ctx->writer;
    pthread_mutex_lock(&w->mu);
    while (s->out_busy) pthread_cond_wait(&w->done, &w->mu);
    uint64_t wrote = s->out_wrote;
    int err = s->out_errno;
    pthread_mutex_unlock(&w->mu);
    s->out_submitted = false;
    rt_sink_written(ctx, s, wrote, err);
}

void rt_file_sink_flush(sl_ctx *ctx, int k)
{
    rt_sink *s = &ctx->snk[k];
    rt_sink_collect(ctx, s);
    uint64_t records = s->pending;
    s->pending = 0;
    if (s->failed || s->fd < 0) {
        s->lost += records;
        s->buf.n = 0;
        return;
    }
    if (!s->buf.n) return;
    /* the filled buffer becomes the chunk out; the emptied one fills next */
    sl_buf t = s->out;
    s->out = s->buf;
    s->buf = t;
    s->buf.n = 0;
    s->out_records = records;
    if (!ctx->writer && !ctx->writer_off) {
        ctx->writer = rt_writer_start(ctx);
        ctx->writer_off = !ctx->writer;
    }
    rt_writer *w = ctx->writer;
    if (!w) { /* no thread: write here */
        uint64_t wrote = 0;
        int err = rt_write_all(s->fd, s->out.p, s->out.n, &wrote) ? 0 : errno;
        rt_sink_written(ctx, s, wrote, err);
        return;
    }
    pthread_mutex_lock(&w->mu);
    s->out_busy = true;
    w->queue[(w->head + w->n) % ctx->n_snk] = k;
    w->n++;
    pthread_cond_signal(&w->work);
    pthread_mutex_unlock(&w->mu);
    s->out_submitted = true;
}

void rt_file_sinks_flush_all(sl_ctx *ctx)
{
    for (int k = 0; k < ctx->n_snk; k++)
        if (ctx->snk[k].conn != SL_CONN_KAFKA && ctx->snk[k].buf.n) rt_file_sink_flush(ctx, k);
    for (int k = 0; k < ctx->n_snk; k++)
        if (ctx->snk[k].conn != SL_CONN_KAFKA) rt_sink_collect(ctx, &ctx->snk[k]);
}

void rt_file_sink_close(sl_ctx *ctx, int k)
{
    rt_sink *s = &ctx->snk[k];
    rt_file_sink_flush(ctx, k);
    rt_sink_collect(ctx, s);
    if (s->fd > STDERR_FILENO && close(s->fd) != 0 && !s->failed) {
        rt_fatal(ctx, "sink %s: close '%s': %s", s->desc->name, s->path, strerror(errno));
        s->failed = true;
    }
    s->fd = -1;
    sl_buf_free(&s->buf);
    sl_buf_free(&s->out);
    sl_buf_free(&s->key);
}

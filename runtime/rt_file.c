/* rt_file.c - file and stdin sources (JSON lines), file and stdout sinks.
 *
 * Sources read large blocks with read(2) and split lines with memchr, so
 * there is no syscall and no copy per record: records are views into the
 * block. Sinks append encoded records to one buffer and write(2) it when it
 * passes RT_SINK_CHUNK bytes. */
#include "rt_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* Bytes per read(2); the buffer doubles for lines longer than it. */
enum { RT_READ_BLOCK = 4 << 20 };
/* A read needs at least this much free space, else the tail moves. */
enum { RT_READ_MIN = 1 << 20 };
/* Output chunk: write(2) once the buffer passes this size. */
enum { RT_SINK_CHUNK = 256 << 10 };

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

/* Delivers one line (without its '\n'): strips a trailing '\r', skips blank
 * lines. */
static inline void rt_line(sl_ctx *ctx, int i, const char *p, size_t n, sl_recmeta *meta)
{
    if (n && p[n - 1] == '\r') n--;
    /* Most lines start with '{': test one byte before the full blank test. */
    if (n == 0 || (rt_blank(p, 1) && rt_blank(p, n))) return;
    rt_deliver(ctx, i, p, n, meta);
}

/* Length of a UTF-8 byte order mark at the start of the n bytes at p (0 or
 * 3). A BOM before the first line is not data; JSON parsers such as
 * Flink's Jackson skip it too. */
static size_t rt_bom_len(const char *p, size_t n)
{
    return n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

/* A regular file is mapped instead of read: records are then views of the
 * page cache and the kernel's copy into a read buffer (about 15% of a run
 * over the 3M flights) disappears. Returns false when the file cannot be
 * mapped (the caller falls back to read(2)). */
static bool rt_file_source_mmap(sl_ctx *ctx, int i, const struct stat *stt)
{
    rt_source *s = &ctx->src[i];
    if (!S_ISREG(stt->st_mode) || stt->st_size <= 0 || (uint64_t)stt->st_size > SIZE_MAX ||
        stt->st_size < s->pos)
        return false;
    size_t len = (size_t)stt->st_size;
    char *buf = mmap(NULL, len, PROT_READ, MAP_PRIVATE, s->fd, 0);
    if (buf == MAP_FAILED) return false;
    madvise(buf, len, MADV_SEQUENTIAL);
    sl_recmeta meta = {.partition = 0, .offset = s->line, .timestamp = SL_TS_MIN};
    size_t start = s->pos > 0 ? (size_t)s->pos : rt_bom_len(buf, len);
    size_t next_flush = start + RT_READ_BLOCK;
    const char *nl;
    while (start < len && !ctx->stop && !rt_signalled) {
        nl = memchr(buf + start, '\n', len - start);
        size_t e = nl ? (size_t)(nl - buf) : len; /* a last line without '\n' counts */
        meta.offset++;
        /* the position a checkpoint taken after this record resumes at */
        s->pos = (int64_t)(nl ? e + 1 : len);
        s->line = meta.offset;
        rt_line(ctx, i, buf + start, e - start, &meta);
        start = e + 1;
        if (start >= next_flush) {
            rt_flush_stderr(ctx);
            next_flush = start + RT_READ_BLOCK;
        }
    }
    rt_flush_stderr(ctx);
    bool done = !ctx->stop && !rt_signalled;
    munmap(buf, len);
    if (done) rt_source_finish(ctx, i);
    return true;
}

void rt_file_source_run(sl_ctx *ctx, int i)
{
    rt_source *s = &ctx->src[i];
    struct stat stt;
    if (fstat(s->fd, &stt) == 0 && rt_file_source_mmap(ctx, i, &stt)) return;
    /* Input that may block (pipe, terminal, socket): flush the sinks before
     * each read so results of a slow stream are not held back. */
    bool may_block = !(fstat(s->fd, &stt) == 0 && S_ISREG(stt.st_mode));
    size_t cap = RT_READ_BLOCK;
    char *buf = malloc(cap);
    if (!buf) rt_oom();
    size_t start = 0; /* first byte of the current (incomplete) line */
    size_t len = 0;   /* bytes in buf */
    int64_t base = 0; /* file offset of buf[0] */
    sl_recmeta meta = {.partition = 0, .offset = s->line, .timestamp = SL_TS_MIN};
    bool eof = false;
    if (s->pos > 0) {
        /* a restored run: on from the checkpoint's position */
        if (lseek(s->fd, s->pos, SEEK_SET) != s->pos) {
            rt_fatal(ctx, "source %s: cannot seek '%s' to byte %lld, where the checkpoint is: %s",
                     s->desc->name, s->path, (long long)s->pos,
                     errno ? strerror(errno) : "the file is shorter");
            free(buf);
            return;
        }
        base = s->pos;
    }
    while (!eof && !ctx->stop && !rt_signalled) {
        if (start == len) {
            base += (int64_t)len;
            start = len = 0;
        } else if (cap - len < RT_READ_MIN) {
            /* Move the incomplete line to the front; grow when it alone
             * nearly fills the buffer (very long lines). */
            memmove(buf, buf + start, len - start);
            base += (int64_t)start;
            len -= start;
            start = 0;
            if (cap - len < RT_READ_MIN) {
                if (cap > SIZE_MAX / 4) rt_oom();
                cap *= 2;
                char *nb = realloc(buf, cap);
                if (!nb) rt_oom();
                buf = nb;
            }
        }
        if (may_block) {
            rt_file_sinks_flush_all(ctx);
            rt_flush_stderr(ctx);
            rt_metrics_publish(ctx, true); /* the read may wait: metrics as of now */
            rt_progress(ctx);
        }
        ssize_t r = read(s->fd, buf + len, cap - len);
        if (r < 0) {
            if (errno == EINTR) continue;
            rt_fatal(ctx, "source %s: read '%s': %s", s->desc->name,
                     s->fd == STDIN_FILENO ? "<stdin>" : s->path, strerror(errno));
            break;
        }
        if (r == 0) eof = true;
        /* Only the new bytes can hold newlines: the old tail had none. */
        size_t scan = len;
        len += (size_t)r;
        const char *nl;
        if (meta.offset == 0 && base == 0 && start == 0 && (start = rt_bom_len(buf, len)) > scan)
            scan = start;
        while ((nl = memchr(buf + scan, '\n', len - scan)) != NULL) {
            size_t e = (size_t)(nl - buf);
            meta.offset++;
            s->pos = base + (int64_t)e + 1;
            s->line = meta.offset;
            rt_line(ctx, i, buf + start, e - start, &meta);
            start = scan = e + 1;
        }
        if (eof && start < len) {
            /* A last line without '\n' counts. */
            meta.offset++;
            s->pos = base + (int64_t)len;
            s->line = meta.offset;
            rt_line(ctx, i, buf + start, len - start, &meta);
            start = len;
        }
        rt_flush_stderr(ctx);
    }
    free(buf);
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
    sl_buf_reserve(&s->buf, RT_SINK_CHUNK + 4096);
    return true;
}

/* Records (newlines) in the n bytes at p. */
static uint64_t rt_count_lines(const char *p, size_t n)
{
    uint64_t c = 0;
    for (const char *e = p + n; (p = memchr(p, '\n', (size_t)(e - p))) != NULL; p++) c++;
    return c;
}

void rt_file_sink_flush(sl_ctx *ctx, int k)
{
    rt_sink *s = &ctx->snk[k];
    const char *p = s->buf.p;
    size_t n = s->buf.n;
    uint64_t records = s->pending;
    s->buf.n = 0;
    s->pending = 0;
    if (s->failed || s->fd < 0) {
        s->lost += records;
        return;
    }
    uint64_t wrote = 0;
    bool ok = rt_write_all(s->fd, p, n, &wrote);
    s->bytes += wrote;
    if (!ok) {
        rt_fatal(ctx, "sink %s: write '%s': %s", s->desc->name,
                 s->fd == STDOUT_FILENO ? "<stdout>" : s->path, strerror(errno));
        s->failed = true;
        /* only whole records that reached the file count as written */
        uint64_t done = rt_count_lines(p, (size_t)wrote);
        s->written += done;
        s->lost += records - done;
        return;
    }
    s->written += records;
}

void rt_file_sinks_flush_all(sl_ctx *ctx)
{
    for (int k = 0; k < ctx->n_snk; k++)
        if (ctx->snk[k].conn != SL_CONN_KAFKA && ctx->snk[k].buf.n) rt_file_sink_flush(ctx, k);
}

void rt_file_sink_close(sl_ctx *ctx, int k)
{
    rt_sink *s = &ctx->snk[k];
    rt_file_sink_flush(ctx, k);
    if (s->fd > STDERR_FILENO && close(s->fd) != 0 && !s->failed) {
        rt_fatal(ctx, "sink %s: close '%s': %s", s->desc->name, s->path, strerror(errno));
        s->failed = true;
    }
    s->fd = -1;
    sl_buf_free(&s->buf);
    sl_buf_free(&s->key);
}

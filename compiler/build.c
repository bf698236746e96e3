/* build.c - invokes the system C compiler on generated code.
 *
 * The embedded runtime header and templates are written next to the
 * generated program in a mkdtemp directory so that an installed sluice needs
 * no source tree, only a C compiler and libsluice_rt.a. Nothing is left
 * behind on any path: the temporary directory and the temporary output are
 * removed after a failure and after SIGINT/SIGTERM too (see
 * build_stop_signals). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "build.h"
#include "embed.h"

#ifndef SLUICE_PROGRAM_STATIC_LIBS
#define SLUICE_PROGRAM_STATIC_LIBS                                                                 \
    "-Wl,-Bstatic -lrdkafka -llz4 -lzstd -lssl -lcrypto -lz -lxxhash -lunistring -Wl,-Bdynamic "   \
    "-lsasl2 -lm -ldl -lpthread -lrt"
#endif
#ifndef SLUICE_PROGRAM_LIBS
#define SLUICE_PROGRAM_LIBS "-lrdkafka -lxxhash -lm -lpthread"
#endif

/* dir/name into buf; false when it does not fit. */
static bool join_path(char *buf, size_t n, const char *dir, const char *name)
{
    int r = snprintf(buf, n, "%s/%s", dir, name);
    return r >= 0 && (size_t)r < n;
}

static int write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t w = fwrite(data, 1, len, f);
    int rc = fclose(f);
    return (w == len && rc == 0) ? 0 : -1;
}

/* Appends s to the command in single quotes (shell-safe). */
static void quote(char **cmd, size_t *cap, size_t *n, const char *s)
{
    size_t need = *n + strlen(s) * 4 + 4;
    if (need > *cap) {
        *cap = need * 2;
        *cmd = realloc(*cmd, *cap);
        if (!*cmd) {
            fputs("sluice: out of memory\n", stderr);
            exit(1);
        }
    }
    char *w = *cmd + *n;
    *w++ = ' ';
    *w++ = '\'';
    for (; *s; s++) {
        if (*s == '\'') {
            memcpy(w, "'\\''", 4);
            w += 4;
        } else {
            *w++ = *s;
        }
    }
    *w++ = '\'';
    *w = 0;
    *n = (size_t)(w - *cmd);
}

/* Appends raw shell text (CC and CFLAGS are shell words by convention). */
static void raw(char **cmd, size_t *cap, size_t *n, const char *s)
{
    size_t need = *n + strlen(s) + 2;
    if (need > *cap) {
        *cap = need * 2;
        *cmd = realloc(*cmd, *cap);
        if (!*cmd) {
            fputs("sluice: out of memory\n", stderr);
            exit(1);
        }
    }
    (*cmd)[(*n)++] = ' ';
    strcpy(*cmd + *n, s);
    *n += strlen(s);
}

char *build_runtime_path(void)
{
    const char *env = getenv("SLUICE_RUNTIME");
    if (env && *env) return strdup(env);
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            char *p = NULL;
            if (asprintf(&p, "%s/../lib/libsluice_rt.a", exe) < 0) return NULL;
            if (access(p, R_OK) == 0) return p;
            free(p);
        }
    }
    return NULL;
}

/* Removes what build_executable wrote into dir (the embedded files and
 * program.c), then dir itself. */
static void remove_dir(const char *dir)
{
    char path[PATH_MAX];
    for (const EmbeddedFile *f = embed_files; f->name; f++)
        if (join_path(path, sizeof path, dir, f->name)) unlink(path);
    if (join_path(path, sizeof path, dir, "program.c")) unlink(path);
    rmdir(dir);
}

/* The signals that end a build from the terminal or a supervisor. While
 * they are blocked, an interrupted build still removes its temporary files
 * (then the pending signal ends the process as it would have). */
static void build_stop_signals(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGHUP);
    sigaddset(set, SIGQUIT);
}

int build_executable(const char *c_src, size_t len, const char *out_path, int keep_dir,
                     int link_static)
{
    char *rt = build_runtime_path();
    if (!rt) {
        fputs("sluice: error: cannot find the runtime library libsluice_rt.a (looked next to the "
              "sluice executable in ../lib; set SLUICE_RUNTIME=/path/to/libsluice_rt.a)\n",
              stderr);
        return 1;
    }
    sigset_t stop, old_mask;
    build_stop_signals(&stop);
    sigprocmask(SIG_BLOCK, &stop, &old_mask);
    int rc = 1;
    char dir[PATH_MAX] = "";
    char *cmd = NULL;
    /* The executable is written next to its final path and renamed at the
     * end, so a failed build never leaves a partial file. Creating that
     * file first finds an unwritable output path before anything runs, and
     * reports it as the user's error it is. */
    char tmp_out[PATH_MAX];
    if ((size_t)snprintf(tmp_out, sizeof tmp_out, "%s.tmp%ld", out_path, (long)getpid()) >=
        sizeof tmp_out) {
        fprintf(stderr, "sluice: cannot write '%s': %s\n", out_path, strerror(ENAMETOOLONG));
        tmp_out[0] = 0;
        goto out;
    }
    int fd = open(tmp_out, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0755);
    if (fd < 0) {
        fprintf(stderr, "sluice: cannot write '%s': %s\n", out_path, strerror(errno));
        tmp_out[0] = 0;
        goto out;
    }
    close(fd);
    const char *tmpbase = getenv("TMPDIR");
    if (!join_path(dir, sizeof dir, tmpbase && *tmpbase ? tmpbase : "/tmp", "sluice-XXXXXX") ||
        !mkdtemp(dir)) {
        fprintf(stderr, "sluice: error: cannot create a temporary directory: %s\n",
                strerror(errno));
        dir[0] = 0;
        goto out;
    }
    char path[PATH_MAX];
    for (const EmbeddedFile *f = embed_files; f->name; f++) {
        if (!join_path(path, sizeof path, dir, f->name) || write_file(path, f->data, f->len) != 0) {
            fprintf(stderr, "sluice: error: cannot write %s: %s\n", path, strerror(errno));
            goto out;
        }
    }
    if (!join_path(path, sizeof path, dir, "program.c") || write_file(path, c_src, len) != 0) {
        fprintf(stderr, "sluice: error: cannot write %s: %s\n", path, strerror(errno));
        goto out;
    }
    const char *cc = getenv("CC");
    const char *cflags = getenv("CFLAGS");
    size_t cap = 1024, n = 0;
    cmd = malloc(cap);
    if (!cmd) goto out;
    cmd[0] = 0;
    raw(&cmd, &cap, &n, cc && *cc ? cc : "cc");
    raw(&cmd, &cap, &n, "-O2");
    if (cflags && *cflags) raw(&cmd, &cap, &n, cflags);
    raw(&cmd, &cap, &n, "-I");
    quote(&cmd, &cap, &n, dir);
    quote(&cmd, &cap, &n, path);
    quote(&cmd, &cap, &n, rt);
    raw(&cmd, &cap, &n, link_static ? SLUICE_PROGRAM_STATIC_LIBS : SLUICE_PROGRAM_LIBS);
    raw(&cmd, &cap, &n, "-o");
    quote(&cmd, &cap, &n, tmp_out);
    pid_t pid = fork();
    if (pid < 0) {
        fprintf(stderr, "sluice: error: fork: %s\n", strerror(errno));
        goto out;
    }
    if (pid == 0) {
        sigprocmask(SIG_SETMASK, &old_mask, NULL);
        execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    sigset_t pending;
    sigpending(&pending);
    bool interrupted = false;
    for (int sig = 1; sig < NSIG; sig++)
        if (sigismember(&stop, sig) && sigismember(&pending, sig)) interrupted = true;
    if (interrupted ||
        (WIFSIGNALED(status) && (WTERMSIG(status) == SIGINT || WTERMSIG(status) == SIGTERM))) {
        fputs("sluice: build interrupted\n", stderr);
        goto out;
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
        fprintf(stderr, "sluice: error: cannot run the C compiler '%s' (set CC to one)\n",
                cc && *cc ? cc : "cc");
        goto out;
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        fprintf(stderr,
                "sluice: error: the C compiler failed (%s %d) on the generated code; "
                "this is a sluice bug, please report it with your .sql file%s\n  command:%s\n",
                WIFEXITED(status) ? "exit status" : "signal",
                WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status),
                keep_dir ? "" : " (sluice build --keep-c keeps the generated C)", cmd);
        goto out;
    }
    if (rename(tmp_out, out_path) != 0) {
        fprintf(stderr, "sluice: cannot write '%s': %s\n", out_path, strerror(errno));
        goto out;
    }
    tmp_out[0] = 0;
    rc = 0;
out:
    free(cmd);
    if (tmp_out[0]) unlink(tmp_out);
    if (dir[0]) {
        if (keep_dir)
            fprintf(stderr, "sluice: generated code kept in %s\n", dir);
        else
            remove_dir(dir);
    }
    free(rt);
    /* a stop signal that arrived meanwhile is delivered now, after the
     * clean-up, and ends the process the way it would have */
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    return rc;
}

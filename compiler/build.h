/* build.h - turns generated C into an executable with the system C compiler. */
#ifndef SLUICE_BUILD_H
#define SLUICE_BUILD_H

#include <stddef.h>

/* Writes `c_src` and the embedded headers into a private temporary
 * directory, compiles with $CC (default cc) using -O2 followed by $CFLAGS,
 * links lib/libsluice_rt.a and the runtime's libraries, and renames the
 * result to out_path atomically (a failed build leaves no partial binary).
 * The runtime library is $SLUICE_RUNTIME if set, else ../lib/libsluice_rt.a
 * next to the running sluice executable. Returns 0 on success; on failure
 * prints why on stderr ("sluice: cannot write 'OUT': ..." for an output
 * path that cannot be written, checked before the C compiler runs) and
 * returns 1. The temporary directory and output are removed on every path;
 * SIGINT, SIGTERM, SIGHUP and SIGQUIT are held until they are, then end
 * the process as usual. keep_dir: leave the temporary directory in place
 * and print its path (for debugging). link_static: link librdkafka, its
 * codecs and TLS, xxHash and libunistring statically (Debian's .a files),
 * so that the binary needs only libc, libm and libsasl2 (a fully static
 * glibc binary is impossible with Debian's libsasl2.a). */
int build_executable(const char *c_src, size_t len, const char *out_path, int keep_dir,
                     int link_static);

/* Path of libsluice_rt.a as described above, or NULL when not found
 * (the string is malloc'd; caller frees). */
char *build_runtime_path(void);

#endif

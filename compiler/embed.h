/* embed.h - the runtime header and templates compiled into bin/sluice
 * (generated table in build/gen/embed.c, see tools/embed.sh). `sluice build`
 * writes them into a private temporary include directory for the C compiler. */
#ifndef SLUICE_EMBED_H
#define SLUICE_EMBED_H

#include <stddef.h>

typedef struct EmbeddedFile {
    const char *name; /* base name, e.g. "sluice_rt.h" */
    const char *data; /* contents, NUL-terminated */
    size_t len;       /* bytes, without the NUL */
} EmbeddedFile;

/* All embedded files, terminated by an entry with name NULL. */
extern const EmbeddedFile embed_files[];

#endif

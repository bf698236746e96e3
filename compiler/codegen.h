/* codegen.h - C code generation for a planned program. */
#ifndef SLUICE_CODEGEN_H
#define SLUICE_CODEGEN_H

#include <stddef.h>

#include "plan.h"

/* Choices of code generation that do not change results. */
typedef struct CgOptions {
    /* Sources with at least this many declared columns are decoded by the
     * table-driven object loop (sl_decode_object) instead of a decoder
     * specialised column by column: the specialised one is faster per
     * record, but its size, and the C compiler's time on it, grow with the
     * columns. 0 means the default, CG_WIDE_COLUMNS. */
    int wide_columns;
} CgOptions;

#define CG_WIDE_COLUMNS 64

/* Emits the whole C translation unit for p (after opt_program). src_name
 * is the .sql file name shown in the header comment and --help; opt may be
 * NULL (defaults). Returns a malloc'd NUL-terminated buffer (caller frees)
 * and its length in *len, or NULL when out of memory. The code includes
 * "sluice_rt.h", "sl_sql.h" and "sl_decode.h" (embedded in the compiler,
 * see build.h). */
char *cg_program(Arena *a, const Plan *p, const char *src_name, const CgOptions *opt, size_t *len);

#endif

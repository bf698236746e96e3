/* codegen.h - C code generation for a planned program. */
#ifndef SLUICE_CODEGEN_H
#define SLUICE_CODEGEN_H

#include <stddef.h>

#include "plan.h"

/* Emits the whole C translation unit for p (after opt_program). src_name
 * is the .sql file name shown in the header comment and --help. Returns a
 * malloc'd NUL-terminated buffer (caller frees) and its length in *len, or
 * NULL when out of memory. The code includes "sluice_rt.h", "sl_sql.h" and
 * "sl_decode.h" (embedded in the compiler, see build.h). */
char *cg_program(Arena *a, const Plan *p, const char *src_name, size_t *len);

#endif

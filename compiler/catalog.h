/* catalog.h - helpers of catalog.c used by the binder (the Catalog and Table
 * types are in plan.h). */
#ifndef SLUICE_CATALOG_H
#define SLUICE_CATALOG_H

#include "plan.h"

/* Maps a written type to the type sluice computes with (FLOAT/REAL become
 * DOUBLE); reports an error and returns false for types not supported yet. */
bool cat_type_supported(Diag *d, const AstType *t, TypeKind *out);

/* Adds column i of t to the table's name index (cat_column then finds
 * names in O(1)). Returns -1, or the earlier column with the same name
 * (case-insensitively), which is then not replaced. Columns are indexed in
 * order, each once. */
int cat_index_column(Arena *a, Table *t, int i);

/* Applies WITH options to t: connector, path, topic, format (json only),
 * startup mode, properties.* pass-through, ksqlDB kafka_topic/value_format.
 * Unknown options are errors (as in Flink), with a did-you-mean. */
bool cat_apply_options(Arena *a, Diag *d, Table *t, const WithOption *w, int n);

/* Checks that t's connector can be read (as_source) or written, and that
 * its required options are present; reports at `use` otherwise. */
bool cat_check_connector(Diag *d, const Table *t, SrcPos use, bool as_source);

#endif

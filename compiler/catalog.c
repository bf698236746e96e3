/* catalog.c - the tables a file declares: column types, the event-time
 * column and its watermark, and connector options (Flink WITH options and
 * the ksqlDB/Velostream forms). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "catalog.h"

Table *cat_find(const Catalog *c, const char *name)
{
    for (int i = 0; i < c->n_tables; i++)
        if (strcasecmp(c->tables[i]->name, name) == 0) return c->tables[i];
    return NULL;
}

View *cat_find_view(const Catalog *c, const char *name)
{
    for (int i = 0; i < c->n_views; i++)
        if (strcasecmp(c->views[i]->name, name) == 0) return c->views[i];
    return NULL;
}

int cat_column(const Table *t, const char *name)
{
    /* every column is indexed as it is declared (cat_index_column) */
    uint32_t pos = 0;
    int i;
    uint64_t h = hmap_hash_name(name);
    while (hmap_next(&t->col_index, h, &pos, &i))
        if (strcasecmp(t->cols[i].name, name) == 0) return i;
    return -1;
}

int cat_index_column(Arena *a, Table *t, int i)
{
    uint64_t h = hmap_hash_name(t->cols[i].name);
    uint32_t pos = 0;
    int j;
    while (hmap_next(&t->col_index, h, &pos, &j))
        if (strcasecmp(t->cols[j].name, t->cols[i].name) == 0) return j;
    hmap_put(a, &t->col_index, h, i);
    return -1;
}

const char *type_name(TypeKind k)
{
    /* sluice's TIMESTAMP is always millisecond precision */
    return k == TY_TIMESTAMP ? "TIMESTAMP(3)" : ast_type_name(k);
}

bool cat_type_supported(Diag *d, const AstType *t, TypeKind *out)
{
    switch (t->kind) {
    case TY_BOOLEAN:
    case TY_TINYINT:
    case TY_SMALLINT:
    case TY_INT:
    case TY_BIGINT:
    case TY_DOUBLE:
    case TY_VARCHAR:
    case TY_TIMESTAMP:
        *out = t->kind;
        return true;
    case TY_FLOAT:
        /* FLOAT/REAL are computed in double precision: exact for every
         * float input, documented in README. */
        *out = TY_DOUBLE;
        return true;
    default:
        diag_error(d, t->pos,
                   "type %s is not supported yet (supported: BOOLEAN, TINYINT, "
                   "SMALLINT, INT, BIGINT, FLOAT, DOUBLE, VARCHAR/STRING, TIMESTAMP(3))",
                   type_name(t->kind));
        return false;
    }
}

/* Option keys we accept and ignore because they do not change what a
 * single-process run computes (they tune Flink's or ksqlDB's own runtime). */
static const char *const ignored_options[] = {
    "json.fail-on-missing-field",
    "json.ignore-parse-errors",
    "json.timestamp-format.standard",
    "sink.parallelism",
    "scan.topic-partition-discovery.interval",
    "sink.partitioner",
    "sink.buffer-flush.max-rows",
    "sink.buffer-flush.interval",
    "key.json.ignore-parse-errors",
    "value.json.ignore-parse-errors",
    "debezium-json.ignore-parse-errors",
    "debezium-json.schema-include",
    "partitions",
    "replicas",
    "key_format",
    "timestamp_format",
    "wrap_single_value",
    "value.json.fail-on-missing-field",
};

/* Option keys cat_apply_options acts on (besides properties.*). */
static const char *const handled_options[] = {
    "connector",
    "path",
    "format",
    "topic",
    "value.format",
    "key.format",
    "scan.startup.mode",
    "properties.bootstrap.servers",
    "properties.group.id",
    "kafka_topic",
    "value_format",
    "value.fields-include",
    "dead-letter.path",
    "dead-letter.topic",
    "sink.delivery-guarantee",
    "sink.transactional-id-prefix",
};

static bool is_ignored(const char *k)
{
    for (size_t i = 0; i < sizeof ignored_options / sizeof *ignored_options; i++)
        if (strcasecmp(k, ignored_options[i]) == 0) return true;
    return false;
}

bool cat_apply_options(Arena *a, Diag *d, Table *t, const WithOption *w, int n)
{
    const char *format = NULL;
    SrcPos format_pos = {0, 0};
    int props_cap = n;
    t->prop_keys = arena_alloc(a, sizeof(char *) * (size_t)(props_cap + 1));
    t->prop_vals = arena_alloc(a, sizeof(char *) * (size_t)(props_cap + 1));
    for (int i = 0; i < n; i++) {
        const char *k = w[i].key, *v = w[i].value;
        /* Values become C strings of the runtime (paths, librdkafka
         * properties), which cannot hold a NUL. */
        if (ast_text_has_nul(v)) {
            diag_error(d, w[i].value_pos, "the value of option '%s' contains a NUL character", k);
            return false;
        }
        if (strcasecmp(k, "connector") == 0) {
            if (strcasecmp(v, "filesystem") == 0)
                t->connector = CONN_FILESYSTEM;
            else if (strcasecmp(v, "kafka") == 0)
                t->connector = CONN_KAFKA;
            else if (strcasecmp(v, "upsert-kafka") == 0)
                t->connector = CONN_UPSERT_KAFKA;
            else if (strcasecmp(v, "print") == 0)
                t->connector = CONN_PRINT;
            else {
                static const char *const conns[] = {"filesystem", "kafka", "upsert-kafka", "print"};
                const char *s = diag_suggest(v, conns, 4);
                if (s)
                    diag_error(d, w[i].value_pos, "unknown connector '%s'; did you mean '%s'?", v,
                               s);
                else
                    diag_error(d, w[i].value_pos,
                               "unknown connector '%s' (supported: filesystem, kafka, "
                               "upsert-kafka, print)",
                               v);
                return false;
            }
            t->connector_pos = w[i].key_pos;
        } else if (strcasecmp(k, "kafka_topic") == 0) {
            t->connector = CONN_KAFKA;
            t->connector_pos = w[i].key_pos;
            t->topic = v;
        } else if (strcasecmp(k, "path") == 0) {
            t->path = v;
        } else if (strcasecmp(k, "topic") == 0) {
            t->topic = v;
        } else if (strcasecmp(k, "dead-letter.path") == 0 ||
                   strcasecmp(k, "dead-letter.topic") == 0) {
            bool topic = strcasecmp(k, "dead-letter.topic") == 0;
            if (!*v || (topic ? t->dead_letter_path : t->dead_letter_topic)) {
                diag_error(d, w[i].value_pos,
                           !*v ? "'%s' needs a value"
                               : "a source has one dead-letter queue: 'dead-letter.path' or "
                                 "'dead-letter.topic', not both (%s)",
                           k);
                return false;
            }
            if (topic)
                t->dead_letter_topic = v;
            else
                t->dead_letter_path = v;
        } else if (strcasecmp(k, "format") == 0 || strcasecmp(k, "value.format") == 0 ||
                   strcasecmp(k, "value_format") == 0) {
            format = v;
            format_pos = w[i].value_pos;
        } else if (strcasecmp(k, "key.format") == 0) {
            /* upsert-kafka: the key is the JSON object of the key columns */
            if (strcasecmp(v, "json") != 0) {
                diag_error(d, w[i].value_pos,
                           "key.format '%s' is not supported yet (supported: json)", v);
                return false;
            }
        } else if (strcasecmp(k, "value.fields-include") == 0) {
            if (strcasecmp(v, "EXCEPT_KEY") == 0)
                t->value_except_key = true;
            else if (strcasecmp(v, "ALL") != 0) {
                diag_error(d, w[i].value_pos,
                           "unknown value.fields-include '%s' (supported: ALL, EXCEPT_KEY)", v);
                return false;
            }
            t->fields_include_pos = w[i].value_pos;
        } else if (strcasecmp(k, "sink.delivery-guarantee") == 0) {
            /* Flink's values; 'none' is served as at-least-once (flushing at
             * a checkpoint costs a single process little) */
            if (strcasecmp(v, "exactly-once") == 0)
                t->exactly_once = true;
            else if (strcasecmp(v, "at-least-once") == 0 || strcasecmp(v, "none") == 0)
                t->exactly_once = false;
            else {
                diag_error(d, w[i].value_pos,
                           "unknown sink.delivery-guarantee '%s' (supported: exactly-once, "
                           "at-least-once, none)",
                           v);
                return false;
            }
            t->delivery_pos = w[i].value_pos;
        } else if (strcasecmp(k, "sink.transactional-id-prefix") == 0) {
            if (!*v) {
                diag_error(d, w[i].value_pos, "'%s' needs a value", k);
                return false;
            }
            t->txn_prefix = v;
        } else if (strcasecmp(k, "properties.bootstrap.servers") == 0) {
            t->bootstrap = v;
        } else if (strcasecmp(k, "properties.group.id") == 0) {
            t->group_id = v;
        } else if (strcasecmp(k, "scan.startup.mode") == 0) {
            if (strcasecmp(v, "earliest-offset") == 0)
                t->startup = STARTUP_EARLIEST;
            else if (strcasecmp(v, "latest-offset") == 0)
                t->startup = STARTUP_LATEST;
            else if (strcasecmp(v, "group-offsets") == 0)
                t->startup = STARTUP_GROUP_OFFSETS;
            else {
                diag_error(d, w[i].value_pos,
                           "unknown scan.startup.mode '%s' (supported: earliest-offset, "
                           "latest-offset, group-offsets)",
                           v);
                return false;
            }
        } else if (strncasecmp(k, "properties.", 11) == 0) {
            t->prop_keys[t->n_props] = k + 11;
            t->prop_vals[t->n_props] = v;
            t->n_props++;
        } else if (!is_ignored(k)) {
            enum {
                N_HANDLED = sizeof handled_options / sizeof *handled_options,
                N_IGNORED = sizeof ignored_options / sizeof *ignored_options
            };
            const char *known[N_HANDLED + N_IGNORED];
            memcpy(known, handled_options, sizeof handled_options);
            memcpy(known + N_HANDLED, ignored_options, sizeof ignored_options);
            const char *s = diag_suggest(k, known, N_HANDLED + N_IGNORED);
            if (s)
                diag_error(d, w[i].key_pos,
                           "unknown option '%s' for table '%s'; did you mean '%s'?", k, t->name, s);
            else
                diag_error(d, w[i].key_pos, "unknown option '%s' for table '%s'", k, t->name);
            return false;
        }
    }
    if (t->exactly_once && t->connector != CONN_KAFKA && t->connector != CONN_UPSERT_KAFKA) {
        diag_error(d, t->delivery_pos,
                   "'sink.delivery-guarantee' = 'exactly-once' is an option of Kafka sinks (a "
                   "filesystem sink is exactly-once whenever the run has --state-dir)");
        return false;
    }
    if (t->exactly_once && !t->txn_prefix) {
        diag_error(d, t->delivery_pos,
                   "'sink.delivery-guarantee' = 'exactly-once' needs "
                   "'sink.transactional-id-prefix' (its Kafka transactional ids start with it, "
                   "as in Flink)");
        return false;
    }
    t->format = FMT_JSON;
    t->format_pos = format_pos;
    if (format) {
        /* ksqlDB writes JSON in capitals */
        if (strcasecmp(format, "json") == 0) {
            t->format = FMT_JSON;
        } else if (strcasecmp(format, "debezium-json") == 0) {
            t->format = FMT_DEBEZIUM_JSON;
            if (t->connector == CONN_UPSERT_KAFKA) {
                diag_error(d, format_pos,
                           "'upsert-kafka' takes 'value.format' = 'json' (its "
                           "changes are upserts and tombstones)");
                return false;
            }
        } else {
            static const char *const fmts[] = {"json", "debezium-json"};
            const char *s = diag_suggest(format, fmts, 2);
            if (s)
                diag_error(d, format_pos, "format '%s' is not supported yet; did you mean '%s'?",
                           format, s);
            else
                diag_error(d, format_pos,
                           "format '%s' is not supported yet (supported: json, debezium-json)",
                           format);
            return false;
        }
    }
    return true;
}

bool cat_check_connector(Diag *d, const Table *t, SrcPos use, bool as_source)
{
    switch (t->connector) {
    case CONN_NONE:
        diag_error(d, use,
                   "table '%s' has no connector; declare it WITH ('connector' = "
                   "'filesystem' | 'kafka' | 'upsert-kafka' | 'print', ...)",
                   t->name);
        return false;
    case CONN_FILESYSTEM:
        if (!t->path) {
            diag_error(d, t->connector_pos, "filesystem table '%s' needs a 'path' option", t->name);
            return false;
        }
        return true;
    case CONN_KAFKA:
    case CONN_UPSERT_KAFKA:
        if (!t->topic) {
            diag_error(d, t->connector_pos, "%s table '%s' needs a 'topic' option",
                       t->connector == CONN_KAFKA ? "kafka" : "upsert-kafka", t->name);
            return false;
        }
        return true;
    case CONN_PRINT:
        if (as_source) {
            diag_error(d, use, "table '%s' uses the 'print' connector, which can only be written",
                       t->name);
            return false;
        }
        return true;
    }
    return true;
}

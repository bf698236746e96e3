-- expect: no_query.sql: error: no query: add INSERT INTO ... SELECT ..., CREATE STREAM ... AS SELECT ... or a SELECT
CREATE TABLE src (k STRING) WITH ('connector' = 'filesystem', 'path' = 'src.jsonl');

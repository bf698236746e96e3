-- expect: unsupported_row_value.sql:4:24: error: a row value ((a, b)) is not supported yet
-- A row value compared with IN is named.
CREATE TABLE ev (k STRING, v INT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
SELECT k FROM ev WHERE (k, v) IN (('a', 1));

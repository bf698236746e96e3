-- expect: unsupported_current_timestamp.sql:4:11: error: CURRENT_TIMESTAMP is not supported yet
-- CURRENT_TIMESTAMP (processing time) is named, not an unknown column.
CREATE TABLE ev (k STRING, v INT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
SELECT k, CURRENT_TIMESTAMP FROM ev;

-- expect: unsupported_extract.sql:4:8: error: EXTRACT(unit FROM x) is not supported yet
-- EXTRACT(unit FROM x) is named.
CREATE TABLE ev (k STRING, v INT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
SELECT EXTRACT(HOUR FROM ts) FROM ev;

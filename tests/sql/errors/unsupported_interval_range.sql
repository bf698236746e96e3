-- expect: unsupported_interval_range.sql:4:63: error: an INTERVAL range (unit TO unit) is not supported yet
-- INTERVAL '1:30' MINUTE TO SECOND is named.
CREATE TABLE ev (k STRING, v INT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
SELECT k FROM ev WHERE ts > TIMESTAMP '2024-01-01 00:00:00' + INTERVAL '1:30' MINUTE TO SECOND;

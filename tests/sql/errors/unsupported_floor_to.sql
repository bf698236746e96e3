-- expect: unsupported_floor_to.sql:4:17: error: FLOOR(x TO unit) is not supported yet
-- FLOOR(ts TO HOUR) is named.
CREATE TABLE ev (k STRING, v INT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
SELECT FLOOR(ts TO HOUR) FROM ev;

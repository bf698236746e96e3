-- expect: unsupported_between_symmetric.sql:4:34: error: BETWEEN SYMMETRIC is not supported yet
-- BETWEEN SYMMETRIC is named.
CREATE TABLE ev (k STRING, v INT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
SELECT k FROM ev WHERE v BETWEEN SYMMETRIC 5 AND 1;

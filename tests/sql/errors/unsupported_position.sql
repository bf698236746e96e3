-- expect: unsupported_position.sql:4:24: error: POSITION(x IN y) is not supported yet
-- POSITION(x IN y) is named.
CREATE TABLE ev (k STRING, v INT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
SELECT POSITION('a' IN k) FROM ev;

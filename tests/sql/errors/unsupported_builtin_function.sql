-- expect: unsupported_builtin_function.sql:4:8: error: function REGEXP_REPLACE is not supported yet
-- A Flink built-in function sluice lacks is named as such.
CREATE TABLE ev (k STRING, v INT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
SELECT REGEXP_REPLACE(k, 'a', 'b') FROM ev;

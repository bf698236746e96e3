-- expect: unsupported_statement.sql:4:1: error: SHOW is not supported yet
-- Flink SQL client statements are named, not a bare syntax error.
CREATE TABLE ev (k STRING, v INT, ts TIMESTAMP(3)) WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
SHOW TABLES;

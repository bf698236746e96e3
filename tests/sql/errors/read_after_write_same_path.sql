-- expect: read_after_write_same_path.sql:8:34: error: 'flights' reads the file 'f.jsonl', which this file also writes (table 'big'); reading and writing the same file is not supported yet
CREATE TABLE ev (origin STRING, delay BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TABLE flights (origin STRING, delay BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'f.jsonl', 'format' = 'json');
CREATE TABLE o (origin STRING) WITH ('connector' = 'print');
CREATE TABLE big WITH ('connector' = 'filesystem', 'path' = 'f.jsonl') AS SELECT origin, delay FROM ev;
INSERT INTO o SELECT origin FROM flights;

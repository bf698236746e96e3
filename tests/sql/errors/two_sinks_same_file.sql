-- expect: two_sinks_same_file.sql:8:13: error: 'b' writes the file 'out.jsonl', which table 'a' writes too; each file sink needs a file of its own
CREATE TABLE ev (origin STRING, delay BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TABLE a (origin STRING) WITH ('connector' = 'filesystem', 'path' = 'out.jsonl');
CREATE TABLE b (origin STRING) WITH ('connector' = 'filesystem', 'path' = 'out.jsonl');
-- two queries into one table are fine; two tables on one file are not
INSERT INTO a SELECT origin FROM ev; INSERT INTO a SELECT origin FROM ev WHERE delay > 1;
INSERT INTO b SELECT origin FROM ev;

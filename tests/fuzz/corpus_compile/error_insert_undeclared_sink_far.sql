-- expect: insert_undeclared_sink_far.sql:6:13: error: INSERT INTO undeclared table 'totally_different'; declare it with CREATE TABLE totally_different (...) WITH ('connector' = ...)
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'print');
INSERT INTO totally_different SELECT user_id, 1 FROM clicks;

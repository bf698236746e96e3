-- expect: insert_undeclared_sink.sql:6:13: error: INSERT INTO undeclared table 'out2'; did you mean 'out1'?
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'print');
INSERT INTO out2 SELECT user_id, 1 FROM clicks;

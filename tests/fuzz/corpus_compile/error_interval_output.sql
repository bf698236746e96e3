-- expect: interval_output.sql:6:65: error: an INTERVAL cannot be an output column
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'print');
CREATE TABLE o3 WITH ('connector' = 'print') AS SELECT user_id, INTERVAL '1' SECOND AS i FROM clicks;

-- expect: join_without_condition.sql:6:52: error: LEFT JOIN needs an ON or USING condition (or use CROSS JOIN)
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'print');
INSERT INTO out1 SELECT c.user_id, 1 FROM clicks c LEFT JOIN clicks d WHERE c.n > 1;

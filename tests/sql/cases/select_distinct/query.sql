-- SELECT DISTINCT over an append-only stream: each distinct row once, and
-- a changelog as in Flink (a GroupAggregate is INSERT and UPDATE), although
-- only +I rows occur: a group's row never changes.
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'print');
INSERT INTO out1 SELECT DISTINCT user_id, 1 FROM clicks;

-- GROUP BY without a window: a changelog keyed by the group: +I for a new
-- group, -U (old) and +U (new) for every change.
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'print');
INSERT INTO out1 SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;

-- EMIT CHANGES on a window aggregation: the window's current result after
-- every row (+I, then -U/+U), 1-minute TUMBLE, print sink shows row kinds.
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'print');
INSERT INTO out1
SELECT user_id, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY user_id, window_start, window_end EMIT CHANGES;

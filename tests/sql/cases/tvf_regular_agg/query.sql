-- Grouping a window TVF's rows by window_start but not window_end is a
-- regular aggregation (Flink: only both bounds make a window aggregation):
-- a changelog keyed by the group, printed with its row kinds.
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'print');
INSERT INTO out1
SELECT user_id, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY user_id, window_start;

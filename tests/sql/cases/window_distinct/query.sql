-- SELECT DISTINCT over a window TVF that keeps window_start and window_end:
-- a window aggregation (Flink's window deduplication), so append-only and
-- allowed into a plain JSON file: each distinct (window, user, url) once,
-- when its window fires. The record at 00:00:55 arrives after the
-- watermark passed the first window's end (00:01:10 - 1 s): late, dropped.
-- A SESSION per user keeps its PARTITION BY key and bounds, and a HOP
-- (panes without an aggregate): window aggregations too.
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (ws TIMESTAMP(3), we TIMESTAMP(3), u STRING, url STRING)
WITH ('connector' = 'filesystem', 'path' = 'out1.jsonl', 'format' = 'json');
CREATE TABLE out2 (u STRING, ws TIMESTAMP(3), we TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = 'out2.jsonl', 'format' = 'json');
CREATE TABLE out3 (ws TIMESTAMP(3), we TIMESTAMP(3), u STRING)
WITH ('connector' = 'filesystem', 'path' = 'out3.jsonl', 'format' = 'json');
INSERT INTO out1 SELECT DISTINCT window_start, window_end, user_id, url
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE));
INSERT INTO out2 SELECT DISTINCT user_id, window_start, window_end
FROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '30' SECOND));
INSERT INTO out3 SELECT DISTINCT window_start, window_end, user_id
FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '2' MINUTE));

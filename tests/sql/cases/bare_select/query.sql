-- A bare SELECT prints its rows on stdout, as Flink's SQL client shows a
-- query's result; the sink is named query1.
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
SELECT user_id, n FROM clicks WHERE n > 2;

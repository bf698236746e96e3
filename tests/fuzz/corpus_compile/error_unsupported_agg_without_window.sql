-- expect: unsupported_agg_without_window.sql:6:55: error: aggregation without a window is not supported yet (its result is a changelog); aggregate over FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL ...)) GROUP BY window_start, window_end
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'print');
INSERT INTO out1 SELECT user_id, COUNT(*) FROM clicks GROUP BY user_id;

-- expect: insert_column_type.sql:6:34: error: column 'b' of 'out1' is BIGINT, but the query produces VARCHAR here; use CAST(... AS BIGINT)
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'print');
INSERT INTO out1 SELECT user_id, url FROM clicks;

-- expect: unknown_function.sql:6:25: error: unknown function 'UPPPER'; did you mean 'UPPER'?
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'print');
INSERT INTO out1 SELECT UPPPER(user_id), 1 FROM clicks;

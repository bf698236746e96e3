-- expect: type_case_branches.sql:6:57: error: CASE branches have incompatible types VARCHAR and INT
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'print');
INSERT INTO out1 SELECT CASE WHEN n > 0 THEN 'pos' ELSE 0 END, 1 FROM clicks;

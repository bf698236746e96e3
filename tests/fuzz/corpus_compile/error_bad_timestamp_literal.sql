-- expect: bad_timestamp_literal.sql:6:69: error: invalid TIMESTAMP literal '2024-13-01 00:00:00'; expected 'yyyy-mm-dd hh:mm:ss[.fff]'
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'print');
INSERT INTO out1 SELECT user_id, 1 FROM clicks WHERE ts > TIMESTAMP '2024-13-01 00:00:00';

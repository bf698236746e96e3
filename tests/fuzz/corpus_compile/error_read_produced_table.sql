-- expect: read_produced_table.sql:7:41: error: reading 'mid', which this file produces with CREATE ... AS SELECT, is not supported yet
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'print');
CREATE TABLE mid WITH ('connector' = 'print') AS SELECT user_id FROM clicks;
INSERT INTO out1 SELECT user_id, 1 FROM mid;

-- A statement reads what CREATE TABLE ... AS produces in the same file: the
-- rows flow in-process (and are written to mid's own connector too).
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'print');
CREATE TABLE mid WITH ('connector' = 'print') AS SELECT user_id FROM clicks;
INSERT INTO out1 SELECT user_id, 1 FROM mid;

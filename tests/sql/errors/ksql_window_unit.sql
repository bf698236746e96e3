-- expect: ksql_window_unit.sql:6:101: error: unknown time unit 'MINUTS'; did you mean 'MINUTE'?
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'print');
INSERT INTO out1 SELECT user_id, COUNT(*) FROM clicks WINDOW TUMBLING (SIZE 1 HOURS, GRACE PERIOD 5 MINUTS) GROUP BY user_id;

-- UNION ALL of two branches (INT and BIGINT columns widen to BIGINT) and
-- UNION (distinct rows: a DISTINCT over the union, a changelog of +I rows).
CREATE TABLE clicks (user_id STRING, url STRING, n INT, ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');
CREATE TABLE out1 (a STRING, b BIGINT) WITH ('connector' = 'filesystem', 'path' = 'out1.jsonl');
CREATE TABLE out2 (a STRING) WITH ('connector' = 'print');
INSERT INTO out1 SELECT user_id, n FROM clicks WHERE n < 3 UNION ALL SELECT url, CAST(10 AS BIGINT) FROM clicks WHERE n >= 4;
INSERT INTO out2 SELECT user_id FROM clicks UNION SELECT url FROM clicks;

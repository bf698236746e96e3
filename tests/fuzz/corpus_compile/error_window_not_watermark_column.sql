-- expect: window_not_watermark_column.sql:6:59: error: window over column 'created', but the event-time (WATERMARK FOR) column of 'ev' is 'ts'
CREATE TABLE ev (k STRING, created TIMESTAMP(3), ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TABLE out1 (k STRING, n BIGINT) WITH ('connector' = 'print');
INSERT INTO out1
SELECT k, COUNT(*) FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(created), INTERVAL '1' MINUTE))
GROUP BY k, window_start, window_end;

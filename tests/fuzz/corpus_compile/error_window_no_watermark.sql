-- expect: window_no_watermark.sql:6:62: error: window over column 'ts', which has no watermark; declare WATERMARK FOR ts AS ts - INTERVAL '5' SECOND in table 'plain'
CREATE TABLE plain (k STRING, ts TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = 'plain.jsonl', 'format' = 'json');
CREATE TABLE out1 (k STRING, n BIGINT) WITH ('connector' = 'print');
INSERT INTO out1
SELECT k, COUNT(*) FROM TABLE(TUMBLE(TABLE plain, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY k, window_start, window_end;

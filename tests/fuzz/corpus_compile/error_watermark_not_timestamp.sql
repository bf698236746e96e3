-- expect: watermark_not_timestamp.sql:2:54: error: WATERMARK FOR column 'ts' must be TIMESTAMP(3), but it is BIGINT
CREATE TABLE src (k STRING, ts BIGINT, WATERMARK FOR ts AS ts - 5)
WITH ('connector' = 'filesystem', 'path' = 'src.jsonl');
CREATE TABLE dst (k STRING) WITH ('connector' = 'print');
INSERT INTO dst SELECT k FROM src;

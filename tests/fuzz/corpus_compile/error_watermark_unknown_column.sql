-- expect: watermark_unknown_column.sql:2:66: error: unknown column 'event_tz' in WATERMARK FOR; did you mean 'event_ts'?
CREATE TABLE src (k STRING, event_ts TIMESTAMP(3), WATERMARK FOR event_tz AS event_tz)
WITH ('connector' = 'filesystem', 'path' = 'src.jsonl');
CREATE TABLE dst (k STRING) WITH ('connector' = 'print');
INSERT INTO dst SELECT k FROM src;

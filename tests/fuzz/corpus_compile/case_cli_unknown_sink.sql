-- --output for a sink the program does not have: exit 2, the sinks are listed.
CREATE TABLE clicks (u STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'data/clicks.jsonl', 'format' = 'json');
CREATE TABLE counts (u STRING, n BIGINT) WITH ('connector' = 'print');
INSERT INTO counts
SELECT u, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY u, window_start, window_end;

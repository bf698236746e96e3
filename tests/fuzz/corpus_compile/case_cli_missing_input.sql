-- An input file that does not exist: exit status 1, the path on stderr.
CREATE TABLE clicks (u STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'data/clicks.jsonl', 'format' = 'json');
CREATE TABLE counts (u STRING, n BIGINT) WITH ('connector' = 'print');
INSERT INTO counts
SELECT u, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY u, window_start, window_end;

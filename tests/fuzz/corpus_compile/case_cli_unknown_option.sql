-- An unknown option is a usage error: exit status 2 and a message on stderr.
CREATE TABLE clicks (u STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'data/clicks.jsonl', 'format' = 'json');
CREATE TABLE counts (u STRING, n BIGINT) WITH ('connector' = 'print');
INSERT INTO counts
SELECT u, COUNT(*) FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY u, window_start, window_end;

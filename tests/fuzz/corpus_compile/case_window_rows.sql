-- A window table function without aggregation: every row gets its window's
-- window_start, window_end and window_time (= window_end - 1 ms), also via
-- SELECT *, and rows are emitted as they arrive (no waiting for the watermark,
-- nothing is late). 1-hour windows; timestamps before 1970 are aligned by
-- floor division (1969-12-31 23:30 -> [23:00, 00:00)).
CREATE TABLE ev (id INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');

CREATE TABLE res (id INT, ts TIMESTAMP(3), window_start TIMESTAMP(3), window_end TIMESTAMP(3),
                  window_time TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json');
CREATE TABLE res2 (id INT, wt TIMESTAMP(3))
WITH ('connector' = 'filesystem', 'path' = 'res2.jsonl', 'format' = 'json');

INSERT INTO res SELECT * FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' HOUR));

INSERT INTO res2
SELECT id, window_time FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' HOUR))
WHERE window_start >= TIMESTAMP '2024-01-01 00:00:00';

-- HOP (slide 5 s, size 15 s) behind a WHERE that drops the first record:
-- the watermark (no delay) is 00:20 when record 2 (00:12) comes, so its
-- windows [00:00, 00:15) and [00:05, 00:20) had reached their end - 1 ms
-- and it counts only in [00:10, 00:25) (not late: one window takes it).
CREATE TABLE events (v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE res (window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, total INT)
WITH ('connector' = 'print');

INSERT INTO res
SELECT window_start, window_end, COUNT(*), SUM(v)
FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND))
WHERE v > 0
GROUP BY window_start, window_end;

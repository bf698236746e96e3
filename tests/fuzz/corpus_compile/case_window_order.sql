-- Windows fire in order of their end, whatever the order records arrive in;
-- groups within a window come out in order of first appearance; a window
-- with no key (GROUP BY window_start, window_end only) has one group.
-- Watermark = ts - 1 minute, so nothing is late and nothing fires before the
-- end of input (max ts 00:00:35 -> wm 23:59:35 of the previous day).
--   [30,40): k=c (00:35)             [20,30): k=b (00:25), k=a (00:21)
--   [10,20): k=a (00:15), k=b (00:11) [0,10):  k=c (00:05), k=c (00:06)
-- Query 1 (per key) and query 2 (no key) read the same source.
CREATE TABLE ev (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');

CREATE TABLE per_key (ws TIMESTAMP(3), k STRING, n BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'per_key.jsonl', 'format' = 'json');
CREATE TABLE totals (ws TIMESTAMP(3), we TIMESTAMP(3), n BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'totals.jsonl', 'format' = 'json');

INSERT INTO per_key
SELECT window_start, k, COUNT(*)
FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, k;

INSERT INTO totals
SELECT window_start, window_end, COUNT(*)
FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;

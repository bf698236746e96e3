-- Event times at the ends of TIMESTAMP and of int64 epoch milliseconds: the
-- window arithmetic is defined for all of them (a window end past the
-- largest instant is clamped to it), and every output is readable back:
-- years past 9999 are written '+10000-...' (Java's ISO form).
--   9999-12-31 23:30 (x2)  -> [9999-12-31 23:00, +10000-01-01 00:00) count 2
--   epoch ms INT64_MAX     -> [+292278994-08-17 07:00, end clamped to INT64_MAX) count 1
--   epoch ms INT64_MIN     -> late: the watermark is already near INT64_MAX
CREATE TABLE ev (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TABLE w WITH ('connector' = 'filesystem', 'path' = 'w.jsonl') AS
SELECT window_start, window_end, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '1' HOUR))
GROUP BY window_start, window_end;

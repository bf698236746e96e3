-- TUMBLE with an offset: 10 s windows shifted by 3 s are [..:03, ..:13),
-- [..:13, ..:23), ... (epoch-aligned plus the offset); window columns
-- renamed with AS; window_end - INTERVAL arithmetic is not needed.
-- Watermark = ts - 1 s.
--   00:01 -> [23:59:53, 00:00:03)   00:02.999 -> same window
--   00:03 -> [00:03, 00:13)         00:12 -> same; wm 00:11
--   00:14 -> [00:13, 00:23): wm 00:13 -> [00:03, 00:13) fires? needs wm >= 00:12.999: yes.
-- (The first window fired already at 00:03's watermark 00:02 >= 00:02.999? no:
--  00:02 < 00:02.999; it fires at 00:12's watermark 00:11.)
-- Output in end order: (23:59:53, 00:00:03, 2), (00:03, 00:13, 2), (00:13, 00:23, 1)
CREATE TABLE ev (ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');

CREATE TABLE res WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json') AS
SELECT window_start AS from_ts, window_end AS to_ts, COUNT(*) AS n
FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '3' SECOND))
GROUP BY window_start, window_end;

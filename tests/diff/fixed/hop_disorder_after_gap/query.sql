-- HOP (slide 10 s, size 20 s) where the second record is a little out of
-- order, within the 5 s watermark delay: record 1 at 01:43 (watermark then
-- 01:38), record 2 at 01:32, in [01:20, 01:40) (not fired: 01:39.999 >
-- 01:38) and [01:30, 01:50). No record is late; three windows.
CREATE TABLE events (v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '5' SECOND)
WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE res (window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, total INT)
WITH ('connector' = 'print');

INSERT INTO res
SELECT window_start, window_end, COUNT(*), SUM(v)
FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND, INTERVAL '20' SECOND))
GROUP BY window_start, window_end;

-- The exact firing boundary: watermark = max(ts) (no delay), 10 s windows.
-- A window [s, e) fires when the watermark reaches e - 1 ms; a record is late
-- when the watermark just before it had reached its window's e - 1 ms. A
-- record is processed before the watermark advances (record 4 both completes
-- and fires its window).
--   1  v=1  00:01       wm 00:01
--   2  v=2  00:09.998   wm 00:09.998 (e - 2 ms): nothing fires
--   3  v=4  00:05       not late (00:09.998 < 00:09.999): in [0,10)
--   4  v=8  00:09.999   not late; then wm 00:09.999 -> [0,10) fires: n 4, total 15
--   5  v=16 00:09.999   late (wm already 00:09.999)
--   6  v=32 00:10       [10,20), wm 00:10
--   7  v=64 00:00       late
--   end: [10,20) fires: n 1, total 32
CREATE TABLE ev (v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');

CREATE TABLE res (ws TIMESTAMP(3), n BIGINT, total INT)
WITH ('connector' = 'filesystem', 'path' = 'res.jsonl', 'format' = 'json');

INSERT INTO res
SELECT window_start, COUNT(*), SUM(v)
FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;

-- Tumbling 10 s windows, one key, watermark = max(ts) - 2 s.
-- Record by record (times after 2024-01-01 00:00), watermark after it:
--   1  u1 00:01       wm 23:59:59 (previous day)
--   2  u2 00:03       wm 00:01
--   3  u1 00:09.999   wm 00:07.999
--   4  u1 00:11       wm 00:09      ([0,10) needs wm >= 00:09.999: not yet)
--   5  u2 00:08       not late (wm 00:09 < 00:09.999), counted in [0,10); wm stays
--   6  u3 00:12       wm 00:10 -> [0,10) fires: u1 2, u2 2 (order of first appearance)
--   7  u2 00:05       late: wm 00:10 had reached [0,10)'s end - 1 ms; dropped
--   8  u1 00:25       wm 00:23 -> [10,20) fires: u1 1 (00:11), u3 1 (00:12)
--   end of input: [20,30) fires: u1 1
-- 8 read, 0 malformed, 1 late; 5 rows written.
CREATE TABLE clicks (
  user_id STRING,
  url     STRING,
  ts      TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'clicks.jsonl', 'format' = 'json');

CREATE TABLE per_user (user_id STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), clicks BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'per_user.jsonl', 'format' = 'json');

INSERT INTO per_user
SELECT user_id, window_start, window_end, COUNT(*) AS clicks
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY user_id, window_start, window_end;

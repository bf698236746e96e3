-- HOP (slide 5 s, size 15 s): record 2 (00:05) comes when the watermark (no
-- delay) is 00:20; its windows [-00:05, 00:10), [00:00, 00:15) and
-- [00:05, 00:20) all had reached their end - 1 ms, so it is dropped from
-- all three and counted late (late.sql), although none of them held state.
CREATE TABLE events (v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE res (window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, total INT)
WITH ('connector' = 'print');

INSERT INTO res
SELECT window_start, window_end, COUNT(*), SUM(v)
FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '5' SECOND, INTERVAL '15' SECOND))
GROUP BY window_start, window_end;

-- A late record is dropped by the window aggregation but still reaches a
-- plain projection of the same source, and is counted late once. A record
-- filtered out by the aggregation's WHERE is not late (it never reaches the
-- window). The watermark never goes back (record 4 is older than 3).
-- Watermark = ts, 10 s windows:
--   1 k=a 00:01        -> win [0,10)
--   2 k=b 00:12        -> wm 00:12: [0,10) fires (a: 1)
--   3 k=a 00:05        -> late for the aggregation (dropped, counted), still projected
--   4 k=skip 00:03     -> excluded by WHERE k <> 'skip': not late, still projected
--   5 k=c 00:11        -> wm stays 00:12 (never goes back); [10,20) gets c
--   end: [10,20) fires: b 1, c 1
CREATE TABLE ev (k STRING, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TABLE all_rows (k STRING) WITH ('connector' = 'filesystem', 'path' = 'all_rows.jsonl');
CREATE TABLE counts (k STRING, ws TIMESTAMP(3), n BIGINT)
WITH ('connector' = 'filesystem', 'path' = 'counts.jsonl');
INSERT INTO all_rows SELECT k FROM ev;
INSERT INTO counts
SELECT k, window_start, COUNT(*) FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '10' SECOND))
WHERE k <> 'skip'
GROUP BY k, window_start, window_end;

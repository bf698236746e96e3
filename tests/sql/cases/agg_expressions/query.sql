-- Expressions over keys, aggregates and window columns in the SELECT of a
-- window aggregation; a HAVING on an aggregate that is not selected
-- (AVG(v) > 2); window arithmetic (window_end - INTERVAL '1' SECOND); a key
-- used inside a string expression; 90-minute windows (not a divisor of an
-- hour boundary pattern: [00:00, 01:30), [01:30, 03:00)).
--   rows: (a, 1, 00:10), (a, 5, 00:20), (b, 2, 00:30), (a, 4, 01:40), (b, 9, 02:00)
--   [00:00,01:30): a: n 2, sum 6, avg 3 -> kept; b: avg 2 -> dropped by HAVING
--   [01:30,03:00): a: n 1, sum 4, avg 4 -> kept; b: n 1, sum 9, avg 9 -> kept
--   label = k || ':' || CAST(COUNT(*) AS STRING); spread = MAX(v) - MIN(v);
--   last_second = window_end - 1 s; span_ok = window_end > window_start
CREATE TABLE ev (k STRING, v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE)
WITH ('connector' = 'filesystem', 'path' = 'ev.jsonl', 'format' = 'json');
CREATE TABLE res WITH ('connector' = 'filesystem', 'path' = 'res.jsonl') AS
SELECT k || ':' || CAST(COUNT(*) AS STRING) AS label, SUM(v) * 10 AS sum10,
       MAX(v) - MIN(v) AS spread, window_end - INTERVAL '1' SECOND AS last_second,
       window_end > window_start AS span_ok, UPPER(k) AS uk
FROM TABLE(TUMBLE(TABLE ev, DESCRIPTOR(ts), INTERVAL '90' MINUTE))
GROUP BY k, window_start, window_end
HAVING AVG(v) > 2;

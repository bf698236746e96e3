-- PERCENTILE_DISC(p) for every tenth p over v = 1..10 in one window: the
-- first value whose cumulative share i / 10 reaches p, i.e. the value 10 p
-- (SQL standard; DuckDB's percentile_disc). p is the decimal the query
-- writes: 10 * 0.1 is exactly 1 (the double nearest 0.1 is a little above
-- it, which must not move the answer to the 2nd value).
CREATE TABLE events (v INT, ts TIMESTAMP(3), WATERMARK FOR ts AS ts)
WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE res (p0 INT, p1 INT, p2 INT, p3 INT, p4 INT, p5 INT, p6 INT, p7 INT, p8 INT, p9 INT, p10 INT)
WITH ('connector' = 'print');

INSERT INTO res
SELECT PERCENTILE_DISC(0.0) WITHIN GROUP (ORDER BY v), PERCENTILE_DISC(0.1) WITHIN GROUP (ORDER BY v),
       PERCENTILE_DISC(0.2) WITHIN GROUP (ORDER BY v), PERCENTILE_DISC(0.3) WITHIN GROUP (ORDER BY v),
       PERCENTILE_DISC(0.4) WITHIN GROUP (ORDER BY v), PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY v),
       PERCENTILE_DISC(0.6) WITHIN GROUP (ORDER BY v), PERCENTILE_DISC(0.7) WITHIN GROUP (ORDER BY v),
       PERCENTILE_DISC(0.8) WITHIN GROUP (ORDER BY v), PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY v),
       PERCENTILE_DISC(1.0) WITHIN GROUP (ORDER BY v)
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;

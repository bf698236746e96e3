-- Aggregates merged when late records bridge two sessions (SESSION
-- PARTITION BY k, gap 45 s, over the input with late records: a record in
-- the gap between two open sessions merges them, accumulators and all):
-- STDDEV_POP, COUNT(DISTINCT), PERCENTILE_CONT, APPROX_COUNT_DISTINCT, AVG,
-- MIN/MAX. The oracle replays the stream (sessions.mjs).
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE merged (
  k STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), n BIGINT, sd_x DOUBLE, bs BIGINT,
  med_x DOUBLE, approx_b BIGINT, avg_x DOUBLE, min_a BIGINT, max_ts TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO merged
SELECT k, window_start, window_end, COUNT(*), STDDEV_POP(x), COUNT(DISTINCT b),
       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x), APPROX_COUNT_DISTINCT(b), AVG(x), MIN(a), MAX(ts)
FROM TABLE(SESSION(TABLE events PARTITION BY k, DESCRIPTOR(ts), INTERVAL '45' SECOND))
GROUP BY k, window_start, window_end;

-- Aggregates whose state a HOP window assembles from pieces (a window of
-- 2 min every 20 s shares its records with 5 others, so an implementation
-- that keeps per-slice state must merge it): STDDEV/VAR (Welford merge),
-- COUNT(DISTINCT), exact and approximate percentiles, AVG, MIN/MAX of
-- strings. (APPROX_COUNT_DISTINCT over HOP: random/approx_count_distinct_hop,
-- in windows large enough for its error bound.)
CREATE TABLE events (
  ts   TIMESTAMP(3),
  k    STRING,
  a    BIGINT,
  b    INT,
  x    DOUBLE,
  flag BOOLEAN,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'filesystem', 'path' = 'events.jsonl', 'format' = 'json');

CREATE TABLE hop_stats (
  window_start TIMESTAMP(3), n BIGINT, sd_x DOUBLE, var_a DOUBLE, keys BIGINT,
  med_x DOUBLE, disc_b INT, approx_p90_x DOUBLE, avg_b INT, min_k STRING, max_k STRING
) WITH ('connector' = 'print');

INSERT INTO hop_stats
SELECT window_start, COUNT(*), STDDEV_POP(x), VAR_SAMP(a), COUNT(DISTINCT k),
       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY x), PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY b),
       APPROX_PERCENTILE(x, 0.9), AVG(b), MIN(k), MAX(k)
FROM TABLE(HOP(TABLE events, DESCRIPTOR(ts), INTERVAL '20' SECOND, INTERVAL '2' MINUTE))
GROUP BY window_start, window_end;

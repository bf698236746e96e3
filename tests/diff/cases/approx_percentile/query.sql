-- APPROX_PERCENTILE(x, p) (DDSketch, 1% relative accuracy) per origin and
-- week. The estimate must lie within 2% of the exact value at one of the
-- ranks a p-quantile may name: PERCENTILE_DISC's ceil(n p) - 1 or the lower
-- interpolation point floor((n - 1) p) (at most one row apart); the oracle
-- gives both values as [LO, HI] (compare.mjs --range). Distances are
-- positive, so a relative bound means something.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE weekly_approx_percentiles (
  origin STRING, window_start TIMESTAMP(3), flights BIGINT,
  p50 DOUBLE, p90 DOUBLE, p05 DOUBLE
) WITH ('connector' = 'print');

INSERT INTO weekly_approx_percentiles
SELECT origin, window_start, COUNT(*),
       APPROX_PERCENTILE(distance, 0.5), APPROX_PERCENTILE(distance, 0.9),
       APPROX_PERCENTILE(CAST(distance AS DOUBLE), 0.05)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '7' DAY))
GROUP BY origin, window_start, window_end;

-- STDDEV_POP, STDDEV_SAMP, VAR_POP, VAR_SAMP and the aliases STDDEV and
-- VARIANCE, per origin and day. sluice returns DOUBLE for every input type
-- (Flink keeps the input type); compared with a relative tolerance of 1e-9
-- (NULL for SAMP over one row: both sides).
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE daily_spread (
  origin STRING, window_start TIMESTAMP(3), flights BIGINT,
  sd_pop DOUBLE, sd_samp DOUBLE, var_pop_dist DOUBLE, var_samp DOUBLE, sd_alias DOUBLE, var_alias DOUBLE
) WITH ('connector' = 'print');

INSERT INTO daily_spread
SELECT origin, window_start, COUNT(*), STDDEV_POP(delay), STDDEV_SAMP(delay), VAR_POP(distance),
       VAR_SAMP(CAST(delay AS DOUBLE)), STDDEV(distance), VARIANCE(delay)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' DAY))
GROUP BY origin, window_start, window_end;

-- PERCENTILE_CONT / PERCENTILE_DISC(p) WITHIN GROUP (ORDER BY x [ASC|DESC])
-- per origin and week, exact, against DuckDB's (SQL standard) percentile_cont
-- (linear interpolation at (n - 1) p) and percentile_disc (the first value
-- whose cumulative share i / n reaches p: position ceil(n p) - 1, with p the
-- decimal literal written: 0.1 of 10 rows is the 1st).
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE weekly_percentiles (
  origin STRING, window_start TIMESTAMP(3), flights BIGINT,
  median_delay DOUBLE, p25_distance_desc DOUBLE, median_distance_disc BIGINT,
  p90_distance BIGINT, p10_delay BIGINT, p75_delay_desc BIGINT
) WITH ('connector' = 'print');

INSERT INTO weekly_percentiles
SELECT origin, window_start, COUNT(*),
       PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY delay),
       PERCENTILE_CONT(0.25) WITHIN GROUP (ORDER BY distance DESC),
       PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY distance),
       PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY distance),
       PERCENTILE_DISC(0.1) WITHIN GROUP (ORDER BY delay),
       PERCENTILE_DISC(0.75) WITHIN GROUP (ORDER BY delay DESC)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '7' DAY))
GROUP BY origin, window_start, window_end;

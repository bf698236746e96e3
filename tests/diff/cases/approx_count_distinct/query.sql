-- APPROX_COUNT_DISTINCT (HyperLogLog) per origin and week against the exact
-- COUNT(DISTINCT): within 5% relative error in every group with at least 200
-- distinct departure times (HAVING, on both sides). Below 768 distinct values
-- the sketch is sparse and exact but for rare entry collisions; above, the
-- 4096 registers estimate, and 5% is over 4 standard errors there (about
-- 1.1% in linear counting's range).
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE weekly_approx (
  origin STRING, window_start TIMESTAMP(3), flights BIGINT, dates BIGINT, delays BIGINT,
  destinations BIGINT
) WITH ('connector' = 'print');

INSERT INTO weekly_approx
SELECT origin, window_start, COUNT(*), APPROX_COUNT_DISTINCT(`date`), APPROX_COUNT_DISTINCT(delay),
       APPROX_COUNT_DISTINCT(destination)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '7' DAY))
GROUP BY origin, window_start, window_end
HAVING COUNT(DISTINCT `date`) >= 200;

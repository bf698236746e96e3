-- APPROX_COUNT_DISTINCT (HyperLogLog) per origin and week against the exact
-- COUNT(DISTINCT): within 5% relative error in every group. Only groups with
-- at least 200 distinct departure times are kept (HAVING, on both sides):
-- sluice's 4096 registers make one hash collision among n < 20 values an
-- error of more than 5% (a few % of such groups, by chance: that is the
-- algorithm, not an error), while from 200 values on 5% is over 4 standard
-- errors (linear counting: about 1 / sqrt(2 * 4096) = 1.1%).
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

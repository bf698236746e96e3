-- DISTINCT aggregates in 1-week windows per origin: COUNT(DISTINCT),
-- SUM(DISTINCT), AVG(DISTINCT) (of a BIGINT: a BIGINT, truncated toward zero
-- like Flink's AVG), MIN/MAX(DISTINCT) (same as without), beside plain COUNT.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE weekly_distinct (
  origin STRING, window_start TIMESTAMP(3), flights BIGINT, destinations BIGINT, delays BIGINT,
  sum_distinct_delay BIGINT, avg_distinct_distance BIGINT, max_distinct_delay BIGINT
) WITH ('connector' = 'print');

INSERT INTO weekly_distinct
SELECT origin, window_start, COUNT(*), COUNT(DISTINCT destination), COUNT(DISTINCT delay),
       SUM(DISTINCT delay), AVG(DISTINCT distance), MAX(DISTINCT delay)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '7' DAY))
GROUP BY origin, window_start, window_end;

-- Global aggregates without GROUP BY: one row, inserted by the first flight
-- WHERE keeps and updated (-U/+U) by every later one.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE totals (
  flights BIGINT, total_distance BIGINT, min_delay BIGINT, max_delay BIGINT, origins BIGINT,
  first_date TIMESTAMP(3), last_date TIMESTAMP(3), avg_delay DOUBLE
) WITH ('connector' = 'print');

INSERT INTO totals
SELECT COUNT(*), SUM(distance), MIN(delay), MAX(delay), COUNT(DISTINCT origin), MIN(`date`), MAX(`date`),
       AVG(CAST(delay AS DOUBLE))
FROM flights
WHERE delay > 60;

-- HAVING on SELECT aliases (DuckDB's rule, which sluice follows: a HAVING
-- name that is no column is the SELECT item of that alias), per origin and
-- day, in a window aggregation.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE busy_days (
  origin STRING, window_start TIMESTAMP(3), n BIGINT, avg_delay DOUBLE
) WITH ('connector' = 'print');

INSERT INTO busy_days
SELECT origin, window_start, COUNT(*) AS n, AVG(CAST(delay AS DOUBLE)) AS avg_delay
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' DAY))
GROUP BY origin, window_start, window_end
HAVING n >= 100 AND avg_delay > 5;

-- FILTER (WHERE ...) on aggregates per origin and day: COUNT(*), SUM, AVG,
-- MAX and COUNT(DISTINCT) each over its own subset of the group's rows (an
-- empty subset: COUNT 0, the others NULL), beside an unfiltered COUNT.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE daily_filtered (
  origin STRING, window_start TIMESTAMP(3), flights BIGINT, late_flights BIGINT, late_minutes BIGINT,
  avg_dist_to_ord DOUBLE, max_long_haul_delay BIGINT, early_destinations BIGINT
) WITH ('connector' = 'print');

INSERT INTO daily_filtered
SELECT origin, window_start, COUNT(*),
       COUNT(*) FILTER (WHERE delay > 15),
       SUM(delay) FILTER (WHERE delay > 0),
       AVG(CAST(distance AS DOUBLE)) FILTER (WHERE destination = 'ORD'),
       MAX(delay) FILTER (WHERE distance > 1000),
       COUNT(DISTINCT destination) FILTER (WHERE delay < 0)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' DAY))
GROUP BY origin, window_start, window_end;

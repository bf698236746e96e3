-- TUMBLE with an offset: 1-day windows that start at 05:00 UTC (aligned to
-- the epoch plus 5 h), per origin, with window_time (= window_end - 1 ms).
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE days_from_5 (
  origin STRING, window_start TIMESTAMP(3), window_end TIMESTAMP(3), window_time TIMESTAMP(3),
  flights BIGINT, total_delay BIGINT, max_distance BIGINT
) WITH ('connector' = 'print');

INSERT INTO days_from_5
SELECT origin, window_start, window_end, window_time, COUNT(*), SUM(delay), MAX(distance)
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' DAY, INTERVAL '5' HOUR))
GROUP BY origin, window_start, window_end, window_time;

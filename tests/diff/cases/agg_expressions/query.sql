-- Aggregates over expressions and expressions over aggregates and keys, per
-- origin and day.
CREATE TABLE flights (
  `date`      TIMESTAMP(3),
  delay       BIGINT,
  distance    BIGINT,
  origin      STRING,
  destination STRING,
  WATERMARK FOR `date` AS `date` - INTERVAL '1' MINUTE
) WITH ('connector' = 'filesystem', 'path' = 'data/flights.jsonl', 'format' = 'json');

CREATE TABLE origin_days (
  window_start TIMESTAMP(3), origin_lc STRING,
  double_count BIGINT, delay_miles BIGINT, longest_route INT,
  mean_delay DOUBLE, delay_range BIGINT, window_end TIMESTAMP(3)
) WITH ('connector' = 'print');

INSERT INTO origin_days
SELECT window_start, LOWER(origin),
       COUNT(*) * 2,
       SUM(delay * distance),
       MAX(CHAR_LENGTH(destination || '/' || origin)),
       CAST(SUM(delay) AS DOUBLE) / COUNT(*),
       MAX(delay) - MIN(delay),
       window_end
FROM TABLE(TUMBLE(TABLE flights, DESCRIPTOR(`date`), INTERVAL '1' DAY))
GROUP BY window_start, window_end, origin;
